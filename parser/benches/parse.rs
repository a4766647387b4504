//! Parser throughput on generated bulletins (benches/corpus: invented text,
//! deterministic, generated at start).
//!
//!     cargo bench -p bulletin-parser --bench parse
//!
//! Groups: `parse` (the whole `bulletin_parser::parse`, on one 1 MB bulletin
//! and on a batch of everyday 4–16 KB bulletins adding up to 1 MB) and
//! `figures` (`extract_figures` alone on the same 1 MB). Criterion reports
//! characters/s (elements) and bytes/s; at the end the best of a few plain
//! timed runs is printed as M chars/s against the bar: 67.5 M chars/s, 50×
//! JioNLP's money extractor (1.35 M chars/s).
//! Kept short (10 samples, 5 s each) so it runs in CI in well under two
//! minutes.

mod corpus;

use std::hint::black_box;
use std::time::{Duration, Instant};

use bulletin_parser::{extract_figures, parse};
use criterion::{Criterion, Throughput};

const MB: usize = 1024 * 1024;
/// Characters per second the parser must reach.
const BAR_CHARS_PER_SECOND: f64 = 67.5e6;

struct Workload {
    name: &'static str,
    texts: Vec<String>,
    bytes: usize,
    chars: usize,
}

impl Workload {
    fn new(name: &'static str, texts: Vec<String>) -> Self {
        let bytes = texts.iter().map(String::len).sum();
        let chars = texts.iter().map(|t| t.chars().count()).sum();
        Workload {
            name,
            texts,
            bytes,
            chars,
        }
    }

    fn throughput(&self) -> Throughput {
        Throughput::ElementsAndBytes {
            elements: self.chars as u64,
            bytes: self.bytes as u64,
        }
    }
}

fn parse_all(texts: &[String]) {
    for text in texts {
        black_box(parse(black_box(text)));
    }
}

fn figures_all(texts: &[String]) {
    for text in texts {
        black_box(extract_figures(black_box(text)));
    }
}

fn main() {
    let one = Workload::new("one 1 MB bulletin", vec![corpus::bulletin(MB, 1).text]);
    let batch = Workload::new(
        "batch of everyday bulletins (1 MB)",
        corpus::bulletins(MB, 2)
            .into_iter()
            .map(|c| c.text)
            .collect(),
    );

    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .configure_from_args();

    let mut group = c.benchmark_group("parse");
    for w in [&one, &batch] {
        group.throughput(w.throughput());
        group.bench_function(w.name, |b| b.iter(|| parse_all(&w.texts)));
    }
    group.finish();

    let mut group = c.benchmark_group("figures");
    group.throughput(one.throughput());
    group.bench_function("extract_figures on 1 MB", |b| {
        b.iter(|| figures_all(&one.texts))
    });
    group.finish();

    c.final_summary();

    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--test" || a == "--list") {
        return;
    }
    println!(
        "\nthroughput (best of 7 runs; bar {:.1} M chars/s):",
        BAR_CHARS_PER_SECOND / 1e6
    );
    report("parse", &one, parse_all);
    report("parse", &batch, parse_all);
    report("figures", &one, figures_all);
}

fn report(what: &str, w: &Workload, run: fn(&[String])) {
    let best = (0..7)
        .map(|_| {
            let start = Instant::now();
            run(&w.texts);
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
        .as_secs_f64();
    let chars_per_second = w.chars as f64 / best;
    println!(
        "  {what:<8} {:<36} {:>7.1} MB/s  {:>7.1} M chars/s  {}",
        w.name,
        w.bytes as f64 / best / 1e6,
        chars_per_second / 1e6,
        if chars_per_second >= BAR_CHARS_PER_SECOND {
            "meets the bar"
        } else {
            "BELOW THE BAR"
        }
    );
}
