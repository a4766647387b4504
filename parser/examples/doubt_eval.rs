//! The doubt ratings measured on labelled folders:
//! `cargo run --release -p bulletin-parser --example doubt_eval -- TEXTS LABELS [TEXTS LABELS…]`
//! (e.g. `../shared/seeds ../shared/gold ../shared/dev ../shared/dev`).

#[path = "../tests/fixtures/doubt_eval.rs"]
mod doubt_eval;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut all = Vec::new();
    for pair in args.chunks(2) {
        let [texts, labels] = pair else {
            eprintln!("usage: doubt_eval TEXTS LABELS [TEXTS LABELS…]");
            std::process::exit(2);
        };
        let set = doubt_eval::load(texts.as_ref(), labels.as_ref());
        let (c, m, r) = doubt_eval::measure(&set);
        doubt_eval::print(&format!("{texts} ({} texts)", set.len()), c, m, &r);
        all.extend(set);
    }
    let (c, m, r) = doubt_eval::measure(&all);
    doubt_eval::print("all", c, m, &r);
}
