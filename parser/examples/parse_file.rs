//! Parses one file once and prints how many items and figures it found:
//! `cargo run --release -p bulletin-parser --example parse_file FILE`.
//! For counting the parser's instructions with callgrind
//! (`scripts/parser-instructions.sh`), apart from any reading or output.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: parse_file FILE");
        std::process::exit(1);
    };
    let text = std::fs::read_to_string(&path).expect("a UTF-8 file");
    let bulletins = bulletin_parser::parse_all(&text);
    let items: usize = bulletins.iter().map(|b| b.items.len()).sum();
    let figures: usize = bulletins
        .iter()
        .flat_map(|b| &b.items)
        .map(|i| i.figures.len())
        .sum();
    println!(
        "{} bulletins, {items} items, {figures} figures",
        bulletins.len()
    );
}
