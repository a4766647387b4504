//! Writes invented bulletins and their answer key:
//!
//! ```sh
//! cargo run -p bulletin-stats --example gen_library -- OUT_DIR [COUNT] [SEED] [large]
//! ```
//!
//! `large`: 12–16 items of five sentences a bulletin (about 10 KB; 500 make
//! 5 MB), instead of 6–11 one-sentence items.
//!
//! OUT_DIR gets one folder per series of `.txt` files (some holding two
//! issues) and `answer.json`: the true adoption counts per series and
//! quarter by canonical unit, the finance bureau's monthly revenue, and
//! the issue numbers left out.

use bulletin_stats::synth::{generate, SynthOptions};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(out) = args.first() else {
        eprintln!("usage: gen_library OUT_DIR [COUNT] [SEED] [large]");
        std::process::exit(1);
    };
    let mut options = SynthOptions::default();
    if let Some(n) = args.get(1).and_then(|n| n.parse().ok()) {
        options.bulletins = n;
    }
    if let Some(seed) = args.get(2).and_then(|n| n.parse().ok()) {
        options.seed = seed;
    }
    if args.get(3).is_some_and(|a| a == "large") {
        options.items = (12, 16);
        options.extra_sentences = 4;
    }
    let (files, key) = generate(&options);
    let out = std::path::Path::new(out);
    for f in &files {
        let path = out.join(&f.name);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("create folder");
        }
        std::fs::write(&path, &f.text).expect("write bulletin");
    }
    let answer = serde_json::to_string_pretty(&key).expect("answer key");
    std::fs::write(out.join("answer.json"), answer).expect("write answer.json");
    eprintln!(
        "{} bulletins in {} files, answer key in {}",
        key.bulletins,
        files.len(),
        out.join("answer.json").display()
    );
}
