//! Writes invented bulletins and their answer key:
//!
//! ```sh
//! cargo run -p bulletin-stats --example gen_library -- OUT_DIR [COUNT] [SEED]
//! ```
//!
//! OUT_DIR gets one folder per series of `.txt` files (some holding two
//! issues) and `answer.json`: the true adoption counts per series and
//! quarter by canonical unit, the finance bureau's monthly revenue, and
//! the issue numbers left out.

use bulletin_stats::synth::{generate, SynthOptions};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(out) = args.first() else {
        eprintln!("usage: gen_library OUT_DIR [COUNT] [SEED]");
        std::process::exit(1);
    };
    let mut options = SynthOptions::default();
    if let Some(n) = args.get(1).and_then(|n| n.parse().ok()) {
        options.bulletins = n;
    }
    if let Some(seed) = args.get(2).and_then(|n| n.parse().ok()) {
        options.seed = seed;
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
