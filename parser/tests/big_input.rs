//! Big inputs: generated bulletins (benches/corpus, invented text) parse
//! whole, and parse time grows linearly with size.
//!
//! The quick tests run always. The big ones need a release build:
//!     cargo test --release -p bulletin-parser --test big_input -- --ignored --nocapture
//! They take turns (a lock), so that one's timing is not the other's load.

#[path = "../benches/corpus/mod.rs"]
mod corpus;

use std::sync::Mutex;
use std::time::{Duration, Instant};

use bulletin_parser::{parse, Bulletin};

const MB: usize = 1024 * 1024;

/// Held by each big test: they time things, so they do not run together.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Every item the generator wrote is found, and every figure's offsets
/// point at its text.
fn check(bulletin: &Bulletin, generated: &corpus::Corpus, what: &str) {
    assert_eq!(
        bulletin.items.len(),
        generated.items,
        "{what}: items found vs written"
    );
    for item in &bulletin.items {
        let body: Vec<char> = item.body.chars().collect();
        for f in &item.figures {
            assert!(
                f.start <= f.end && f.end <= body.len(),
                "{what}: figure {f:?} outside its body"
            );
            let text: String = body[f.start..f.end].iter().collect();
            assert_eq!(
                text, f.text,
                "{what}: body[start..end] differs from the figure text"
            );
        }
    }
}

#[test]
fn generated_bulletins_parse_whole_in_every_layout() {
    for seed in 0..4 {
        for layout in 0..3 {
            let generated = corpus::bulletin_in_layout(24 * 1024, seed, layout);
            let bulletin = parse(&generated.text);
            check(
                &bulletin,
                &generated,
                &format!("seed {seed} layout {layout}"),
            );
            assert!(
                bulletin
                    .items
                    .iter()
                    .map(|i| i.figures.len())
                    .sum::<usize>()
                    > generated.items
            );
        }
    }
}

#[test]
fn the_generator_is_deterministic_and_reaches_its_size() {
    let a = corpus::bulletin(64 * 1024, 7);
    let b = corpus::bulletin(64 * 1024, 7);
    assert_eq!(a.text, b.text);
    assert!(a.text.len() >= 64 * 1024);
    assert_ne!(a.text, corpus::bulletin(64 * 1024, 8).text);
    let many = corpus::bulletins(256 * 1024, 1);
    assert!(many.len() > 10);
    assert!(many.iter().map(|b| b.text.len()).sum::<usize>() >= 256 * 1024);
}

/// The fastest of `runs` parses of `text`.
fn best_time(text: &str, runs: usize) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            let b = parse(text);
            let elapsed = start.elapsed();
            std::hint::black_box(b);
            elapsed
        })
        .min()
        .unwrap_or_default()
}

#[test]
#[ignore = "big: run in release with --ignored"]
fn parse_time_grows_linearly() {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let sizes = [MB, 4 * MB, 16 * MB];
    let mut per_byte = Vec::new();
    for &size in &sizes {
        // The PDF-copy layout: wrapped lines and page breaks, the most work.
        let generated = corpus::bulletin_in_layout(size, 42, 2);
        let runs = if size <= MB { 7 } else { 3 };
        let t = best_time(&generated.text, runs);
        let ns = t.as_nanos() as f64 / generated.text.len() as f64;
        println!(
            "{:>3} MB: {:>8.1} ms, {:.1} MB/s, {:.1} M chars/s",
            size / MB,
            t.as_secs_f64() * 1e3,
            generated.text.len() as f64 / t.as_secs_f64() / 1e6,
            generated.chars() as f64 / t.as_secs_f64() / 1e6
        );
        per_byte.push(ns);
    }
    // Linear: the time per byte at 16 MB is within 2.5× of that at 1 MB
    // (quadratic work would make it 16×).
    assert!(
        per_byte[1] < per_byte[0] * 2.5,
        "4 MB: {:.2} ns/byte vs 1 MB: {:.2}",
        per_byte[1],
        per_byte[0]
    );
    assert!(
        per_byte[2] < per_byte[0] * 2.5,
        "16 MB: {:.2} ns/byte vs 1 MB: {:.2}",
        per_byte[2],
        per_byte[0]
    );
}

#[test]
#[ignore = "big: run in release with --ignored"]
fn fifty_megabytes_parse_whole() {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let generated = corpus::bulletin(50 * MB, 2024);
    let start = Instant::now();
    let bulletin = parse(&generated.text);
    let t = start.elapsed();
    println!(
        "50 MB: {} items, {:.2} s, {:.1} MB/s, {:.1} M chars/s",
        bulletin.items.len(),
        t.as_secs_f64(),
        generated.text.len() as f64 / t.as_secs_f64() / 1e6,
        generated.chars() as f64 / t.as_secs_f64() / 1e6
    );
    check(&bulletin, &generated, "50 MB");
    assert_eq!(bulletin.masthead.title.as_deref(), Some("松陵政务快报"));
    assert_eq!(bulletin.footer.editor.as_deref(), Some("王晓"));
    assert!(t < Duration::from_secs(60), "50 MB took {t:?}");
}
