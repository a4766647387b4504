//! Prints the text of PDF or Word files and how long reading took:
//! `cargo run --release -p doc-readers --example read -- FILE…`.
use std::time::Instant;

fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("read");
        let start = Instant::now();
        let gbk = |b: &[u8]| {
            Some(
                encoding_rs::GBK
                    .decode_without_bom_handling(b)
                    .0
                    .into_owned(),
            )
        };
        let result = if bytes.starts_with(&doc_readers::OLE_SIGNATURE) {
            doc_readers::doc::doc_to_text(&bytes)
        } else {
            doc_readers::pdf::pdf_to_text(&bytes, Some(&gbk), &Default::default(), &mut |_, _| {})
                .map(|t| t.text)
        };
        let took = start.elapsed();
        match result {
            Ok(text) => println!(
                "== {path} ({} chars, {:.1} ms)\n{text}",
                text.chars().count(),
                took.as_secs_f64() * 1e3
            ),
            Err(e) => println!("== {path}: {e}"),
        }
    }
}
