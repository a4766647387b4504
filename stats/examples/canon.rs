//! Prints the canonical unit of each name given:
//! `cargo run -p bulletin-stats --example canon -- 县发展和改革委员会 城关镇人民政府`.

fn main() {
    for raw in std::env::args().skip(1) {
        let c = bulletin_stats::canonical_unit(&raw);
        println!("{raw}\t{}\t{:?}", c.name, c.kind);
    }
}
