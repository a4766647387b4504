//! Writes invented bulletins for `scripts/bench-cli.sh`: `gen_bulletins DIR
//! TOTAL_BYTES FILES` fills DIR with FILES bulletins (everyday figure
//! density, the corpus the parser's benchmark uses) adding up to about
//! TOTAL_BYTES, and prints the number of characters written.

#[path = "../../parser/benches/corpus/mod.rs"]
mod corpus;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(total), Some(files)) = (args.first(), args.get(1), args.get(2)) else {
        eprintln!("usage: gen_bulletins DIR TOTAL_BYTES FILES");
        std::process::exit(1);
    };
    let total: usize = total.parse().expect("TOTAL_BYTES");
    let files: usize = files.parse().expect("FILES");
    std::fs::create_dir_all(dir).expect("create DIR");
    let size = (total / files.max(1)).max(512);
    let mut chars = 0;
    for i in 0..files {
        let b = corpus::bulletin_of(size, 1000 + i as u64, corpus::Density::Everyday);
        chars += b.chars();
        std::fs::write(format!("{dir}/{i:06}.txt"), &b.text).expect("write");
    }
    println!("{chars}");
}
