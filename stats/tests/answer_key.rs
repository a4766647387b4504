//! The statistics over generated bulletins (parsed from their text) agree
//! with the generator's answer key, which counts what it wrote.

use std::collections::BTreeMap;

use bulletin_stats::synth::{generate, SynthOptions};
use bulletin_stats::*;

fn library(options: &SynthOptions) -> (Library, synth::AnswerKey) {
    let (files, key) = generate(options);
    let mut library = Library::new();
    for f in files {
        for b in bulletin_parser::parse_all(&f.text) {
            assert_eq!(library.insert(Some(f.name.clone()), b), Inserted::New);
        }
    }
    (library, key)
}

#[test]
fn adoption_per_quarter_matches_the_answer_key() {
    let options = SynthOptions {
        bulletins: 300,
        ..SynthOptions::default()
    };
    let (library, key) = library(&options);
    assert_eq!(library.len(), key.bulletins);
    let index = Index::build(&library, &Aliases::default());
    assert_eq!(index.series.len(), 3);
    let tables = adoption(
        &library,
        &index,
        &AdoptionQuery {
            by: Some(Granularity::Quarter),
            ..AdoptionQuery::default()
        },
    );
    assert_eq!(tables.len(), key.adoption.len());
    for want in &key.adoption {
        let got = tables
            .iter()
            .find(|t| {
                t.series.title == want.title
                    && t.series.office == want.office
                    && t.period.map(|p| p.code()) == Some(want.period.clone())
            })
            .unwrap_or_else(|| panic!("no table for {} {}", want.title, want.period));
        let units: BTreeMap<String, u32> =
            got.rows.iter().map(|r| (r.name.clone(), r.items)).collect();
        assert_eq!(units, want.units, "{} {}", want.title, want.period);
        assert_eq!(got.bulletins, want.bulletins);
        assert_eq!(got.items, want.items);
        assert_eq!(got.unattributed, 0);
        let share: f64 = got.rows.iter().map(|r| r.share).sum();
        assert!((share - 1.0).abs() < 1e-9);
    }
}

#[test]
fn every_variant_is_merged_into_its_unit() {
    let (library, key) = library(&SynthOptions {
        bulletins: 120,
        ..SynthOptions::default()
    });
    let index = Index::build(&library, &Aliases::default());
    for (canonical, variants) in &key.variants {
        for v in variants {
            let merged_into: Vec<&str> = index
                .units
                .iter()
                .filter(|u| u.merged.iter().any(|m| &m.name == v))
                .map(|u| u.name.as_str())
                .collect();
            assert!(!merged_into.is_empty(), "{v} never seen");
            assert!(
                merged_into.iter().all(|n| n == canonical),
                "{v} merged into {merged_into:?}, not {canonical}"
            );
        }
    }
}

#[test]
fn gaps_and_indicator_match_the_answer_key() {
    let (library, key) = library(&SynthOptions::default());
    let index = Index::build(&library, &Aliases::default());
    let series: Vec<SeriesKey> = (0..library.len())
        .map(|e| index.series_of(e).clone())
        .collect();
    let gaps = issue_gaps(&library, &series);
    for want in &key.gaps {
        let got = gaps
            .iter()
            .find(|g| g.series.title == want.title && g.year == Some(want.year))
            .unwrap();
        assert_eq!(got.missing, want.missing, "{} {}", want.title, want.year);
    }
    let total_missing: usize = gaps.iter().map(|g| g.missing.len()).sum();
    let want_missing: usize = key.gaps.iter().map(|g| g.missing.len()).sum();
    assert_eq!(total_missing, want_missing);
    assert!(want_missing > 0);

    let want = &key.indicators[0];
    let series = indicators(
        &library,
        &index,
        &IndicatorQuery {
            label: Some(want.label.clone()),
            unit: Some(want.unit.clone()),
            ..IndicatorQuery::default()
        },
    );
    let got = series
        .iter()
        .find(|s| {
            s.series.title == want.title
                && s.measure.as_deref() == Some(want.measure.as_str())
                && !s.change
        })
        .expect("the revenue series");
    let points: Vec<(String, f64)> = got
        .points
        .iter()
        .map(|p| (p.date.clone(), p.value))
        .collect();
    assert_eq!(points.len(), want.points.len());
    for (g, w) in points.iter().zip(&want.points) {
        assert_eq!(g.0, w.0);
        assert!((g.1 - w.1).abs() < 1e-3 * w.1.abs(), "{g:?} {w:?}");
    }
}
