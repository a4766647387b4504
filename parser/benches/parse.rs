//! Parser throughput on generated bulletins (benches/corpus: invented text,
//! deterministic, generated at start).
//!
//!     cargo bench -p bulletin-parser --bench parse
//!
//! The corpus comes in two densities. `Everyday` is written like real
//! bulletins: bodies of 120–380 characters, mostly prose, with the figures
//! gathered in a few sentences — about one figure per 53 characters of body
//! (the real bulletins we checked have one per 45–63), bodies ~88% of the
//! text, with sections, masthead, footer and, in the PDF-copy layout, hard
//! wraps and page breaks. `Dense` puts figures in every sentence (one per
//! ~14 characters, ~90-character bodies): a stress load, kept so that a
//! regression in the figure scanner shows.
//!
//! Groups: `parse` (the whole `bulletin_parser::parse`, everyday density,
//! on one 1 MB bulletin and on a batch of 4–16 KB bulletins adding up to
//! 1 MB), `parse-dense` (the same on the dense corpus) and `figures`
//! (`extract_figures` alone on each 1 MB text). Criterion reports
//! characters/s (elements) and bytes/s; at the end the best of a few plain
//! timed runs is printed as M chars/s against the bar: 67.5 M chars/s, 50×
//! JioNLP's money extractor (1.35 M chars/s), and the time per character at
//! 256 KB, 1 MB, 4 MB and 16 MB shows that cost grows linearly with input
//! (again with the allocator keeping freed memory, so that page faults on
//! the 16 MB run's fresh memory do not hide the parser's own cost).
//! Kept short (10 samples, 3 s each) so it runs in well under two minutes.

mod corpus;

use std::hint::black_box;
use std::time::{Duration, Instant};

use bulletin_parser::{extract_figures, parse};
use corpus::Density;
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

fn one_bulletin(name: &'static str, density: Density) -> Workload {
    Workload::new(name, vec![corpus::bulletin_of(MB, 1, density).text])
}

fn batch(name: &'static str, density: Density) -> Workload {
    let texts = corpus::bulletins_of(MB, 2, density);
    Workload::new(name, texts.into_iter().map(|c| c.text).collect())
}

fn main() {
    let one = one_bulletin("one 1 MB bulletin", Density::Everyday);
    let batch_ = batch("batch of everyday bulletins (1 MB)", Density::Everyday);
    let dense = one_bulletin("one 1 MB bulletin, dense", Density::Dense);
    let dense_batch = batch("batch of bulletins (1 MB), dense", Density::Dense);

    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();

    for (group_name, loads) in [
        ("parse", [&one, &batch_]),
        ("parse-dense", [&dense, &dense_batch]),
    ] {
        let mut group = c.benchmark_group(group_name);
        for w in loads {
            group.throughput(w.throughput());
            group.bench_function(w.name, |b| b.iter(|| parse_all(&w.texts)));
        }
        group.finish();
    }

    let mut group = c.benchmark_group("figures");
    for (name, w) in [
        ("extract_figures on 1 MB", &one),
        ("extract_figures on 1 MB, dense", &dense),
    ] {
        group.throughput(w.throughput());
        group.bench_function(name, |b| b.iter(|| figures_all(&w.texts)));
    }
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
    report("parse", &batch_, parse_all);
    report("parse", &dense, parse_all);
    report("parse", &dense_batch, parse_all);
    report("figures", &one, figures_all);
    report("figures", &dense, figures_all);
    scaling();
}

/// Parse time per character on everyday bulletins of growing size: flat
/// when cost grows linearly with the input. Measured twice: with the
/// allocator as it is, and with glibc told to keep the memory it is given
/// back (see `keep_freed_memory`): a 16 MB parse produces ~60 MB of output,
/// which glibc returns to the system between runs, so every run faults it
/// in again, a cost the smaller sizes (served from memory freed by the run
/// before) do not pay. The second table shows the parser's own cost.
fn scaling() {
    let texts: Vec<String> = [MB / 4, MB, 4 * MB, 16 * MB]
        .into_iter()
        .map(|size| corpus::bulletin_of(size, 3, Density::Everyday).text)
        .collect();
    println!("\nscaling (everyday density, best of 5 runs; linear when ns/char stays flat):");
    scaling_table(&texts);
    if keep_freed_memory() {
        println!(
            "the same, with the allocator keeping freed memory (no page faults between runs):"
        );
        scaling_table(&texts);
    }
}

fn scaling_table(texts: &[String]) {
    let mut first = None;
    for text in texts {
        let chars = text.chars().count();
        let best = (0..5)
            .map(|_| {
                let start = Instant::now();
                black_box(parse(black_box(text)));
                start.elapsed()
            })
            .min()
            .unwrap_or_default()
            .as_secs_f64();
        let ns_per_char = best * 1e9 / chars as f64;
        let base = *first.get_or_insert(ns_per_char);
        println!(
            "  {:>5} KB  {:>9} chars  {:>8.2} ms  {:>6.2} ns/char  ({:.2}× the 256 KB cost per char)",
            text.len() / 1024,
            chars,
            best * 1e3,
            ns_per_char,
            ns_per_char / base
        );
    }
}

/// Tells glibc's malloc to keep freed memory instead of handing it back to
/// the system (`M_TRIM_THRESHOLD`) and to serve large blocks from the heap
/// rather than fresh mappings (`M_MMAP_THRESHOLD`). False where that is not
/// glibc.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn keep_freed_memory() -> bool {
    const M_TRIM_THRESHOLD: i32 = -1;
    const M_MMAP_THRESHOLD: i32 = -3;
    extern "C" {
        fn mallopt(param: i32, value: i32) -> i32;
    }
    // SAFETY: mallopt only sets allocator parameters; both values are in
    // range (glibc caps the mmap threshold at 32 MB).
    unsafe { mallopt(M_TRIM_THRESHOLD, i32::MAX) == 1 && mallopt(M_MMAP_THRESHOLD, 32 << 20) == 1 }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn keep_freed_memory() -> bool {
    false
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
