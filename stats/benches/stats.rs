//! All statistics over 500 invented bulletins (`cargo bench -p bulletin-stats`).

use bulletin_stats::synth::{generate, SynthOptions};
use bulletin_stats::*;
use criterion::{criterion_group, criterion_main, Criterion};

fn library(n: usize) -> Library {
    let (files, _) = generate(&SynthOptions {
        bulletins: n,
        items: (12, 16),
        extra_sentences: 4,
        ..SynthOptions::default()
    });
    let mut library = Library::new();
    for f in files {
        for b in bulletin_parser::parse_all(&f.text) {
            library.insert(Some(f.name.clone()), b);
        }
    }
    library
}

fn bench(c: &mut Criterion) {
    let library = library(500);
    let aliases = Aliases::default();
    c.bench_function("index 500", |b| b.iter(|| Index::build(&library, &aliases)));
    let index = Index::build(&library, &aliases);
    let by_quarter = AdoptionQuery {
        by: Some(Granularity::Quarter),
        ..AdoptionQuery::default()
    };
    c.bench_function("report 500 (index, adoption by quarter, indicators)", |b| {
        b.iter(|| {
            let index = Index::build(&library, &aliases);
            report(&library, &index, &by_quarter, &IndicatorQuery::default())
        })
    });
    let query = SearchQuery {
        text: "招商.{0,4}引资".into(),
        regex: true,
        ..SearchQuery::default()
    };
    c.bench_function("regex search 500", |b| {
        b.iter(|| search(&library, &index, &query).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
