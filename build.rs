//! The tools worker's script (`src/offline/worker/tools_worker.js`) goes
//! into the first-load wasm as a string: written without its comment lines
//! and indentation (about 1 kB gzipped saved; the source stays documented).
//! Its template literals are one line each, so no string changes.

use std::{env, fs, path::Path};

fn main() {
    let src = "src/offline/worker/tools_worker.js";
    println!("cargo:rerun-if-changed={src}");
    let text = fs::read_to_string(src).expect("tools_worker.js");
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = line.trim_start();
        if line.is_empty() || line.starts_with("//") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("tools_worker.js");
    fs::write(dest, out).expect("write tools_worker.js");
}
