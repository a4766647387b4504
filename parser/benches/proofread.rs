//! The proofreading pass against the parse, side by side on the same 1 MB
//! invented bulletins (benches/corpus; issue 16's bar: a check pass takes
//! less time than parsing).
//!
//!     cargo bench -p bulletin-parser --bench proofread
//!
//! Groups: `parse` and `proofread` on one 1 MB bulletin of everyday density
//! and on one of dense figures (the pass gets the bulletin already parsed,
//! as the CLI and the page call it). At the end the best of 7 plain timed
//! runs of each is printed with the ratio check / parse.

mod corpus;

use std::hint::black_box;
use std::time::{Duration, Instant};

use bulletin_parser::{parse, proofread, Bulletin};
use corpus::Density;
use criterion::{Criterion, Throughput};

const MB: usize = 1024 * 1024;

struct Load {
    name: &'static str,
    text: String,
    bulletin: Bulletin,
}

fn load(name: &'static str, seed: u64, density: Density) -> Load {
    let text = corpus::bulletin_of(MB, seed, density).text;
    let bulletin = parse(&text);
    Load {
        name,
        text,
        bulletin,
    }
}

fn main() {
    let loads = [
        load("1 MB everyday", 3, Density::Everyday),
        load("1 MB dense", 11, Density::Dense),
    ];

    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    for l in &loads {
        let mut group = c.benchmark_group(l.name);
        group.throughput(Throughput::Elements(l.text.chars().count() as u64));
        group.bench_function("parse", |b| b.iter(|| parse(black_box(&l.text))));
        group.bench_function("proofread", |b| {
            b.iter(|| proofread(black_box(&l.text), black_box(&l.bulletin)))
        });
        group.finish();
    }
    c.final_summary();

    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--test" || a == "--list") {
        return;
    }
    println!("\nbest of 7 runs (proofread / parse: the bar is under 1.0):");
    for l in &loads {
        let best = |f: &dyn Fn()| {
            (0..7)
                .map(|_| {
                    let t = Instant::now();
                    f();
                    t.elapsed()
                })
                .min()
                .unwrap_or_default()
                .as_secs_f64()
                * 1e3
        };
        let parse_ms = best(&|| {
            black_box(parse(black_box(&l.text)));
        });
        let check_ms = best(&|| {
            black_box(proofread(black_box(&l.text), black_box(&l.bulletin)));
        });
        println!(
            "  {:<14} parse {parse_ms:7.2} ms  proofread {check_ms:7.2} ms  ratio {:.2} ({} findings)",
            l.name,
            check_ms / parse_ms,
            proofread(&l.text, &l.bulletin).len()
        );
    }
}
