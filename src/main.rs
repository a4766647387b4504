#![forbid(unsafe_code)]

#[cfg(target_arch = "wasm32")]
fn main() {
    bulletin_analyzer::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The page is built for the browser: run `scripts/serve.sh` (Trunk).");
}
