//! Parses one file and proofreads it `N` times (default 1), printing the
//! number of findings: `cargo run --release -p bulletin-parser --example
//! proofread_file FILE [N]`. For counting the proofreading pass's
//! instructions against the parse's with callgrind
//! (`scripts/proofread-instructions.sh`).

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: proofread_file FILE [N]");
        std::process::exit(1);
    };
    let times: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    let text = std::fs::read_to_string(&path).expect("a UTF-8 file");
    let bulletin = bulletin_parser::parse(&text);
    let mut findings = 0;
    for _ in 0..times {
        findings = std::hint::black_box(bulletin_parser::proofread(&text, &bulletin)).len();
    }
    println!("{findings} findings");
}
