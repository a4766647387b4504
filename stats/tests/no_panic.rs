//! Whatever the names, dates, patterns and settings, nothing panics:
//! random strings from a pool of the characters the rules look at (place
//! and township characters, brackets, digits, separators, multi-byte text).

use bulletin_parser::{Bulletin, Item, Masthead};
use bulletin_stats::*;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn text(&mut self, max: usize) -> String {
        const POOL: &[&str] = &[
            "县",
            "区",
            "市",
            "旗",
            "委",
            "镇",
            "乡",
            "街道",
            "办",
            "办事处",
            "人民政府",
            "政府",
            "中共",
            "共青团",
            "团",
            "局",
            "委员会",
            "办公室",
            "和",
            "、",
            "【",
            "】",
            "（",
            "）",
            "(",
            ")",
            "0",
            "1",
            "2",
            "9",
            "2024",
            "-",
            ".",
            "/",
            "年",
            "月",
            "Q",
            "q",
            "=",
            ",",
            "，",
            "[",
            "]",
            "#",
            " ",
            "\u{3000}",
            "\n",
            "\t",
            "发改委",
            "生态环境",
            "分局",
            "税务局",
            "国家税务总局",
            "a",
            "é",
            "😀",
            "\u{200B}",
            "*",
            ":",
            "：",
            "section:",
            "title:",
        ];
        let n = (self.next() % (max as u64 + 1)) as usize;
        (0..n)
            .map(|_| POOL[(self.next() % POOL.len() as u64) as usize])
            .collect()
    }
}

#[test]
fn random_names_dates_and_settings_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut bulletins = Vec::new();
    for round in 0..3000 {
        let raw = rng.text(12);
        let c = canonical_unit(&raw);
        let _ = canonical_unit_in(&raw, &names::places_of(&rng.text(8), &rng.text(8)));
        assert!(c.name.len() <= raw.len() + 32, "{raw} → {}", c.name);
        let _ = Aliases::parse(&rng.text(20));
        let _ = Period::parse(&rng.text(6));
        let _ = Points::parse(&rng.text(10));
        let _ = Granularity::parse(&rng.text(4));
        if round % 10 == 0 {
            let items = (0..3)
                .map(|_| Item {
                    section: Some(rng.text(3).into()),
                    headline: rng.text(6),
                    body: rng.text(20),
                    sources: (0..2).map(|_| rng.text(6).into()).collect(),
                    ..Default::default()
                })
                .collect();
            let b = Bulletin {
                masthead: Masthead {
                    title: Some(rng.text(4)),
                    issue: Some(rng.text(5)),
                    issue_number: rng
                        .next()
                        .is_multiple_of(3)
                        .then(|| (rng.next() % 40) as u32),
                    issuer: Some(rng.text(6)),
                    date: Some(rng.text(10)),
                },
                items,
                ..Default::default()
            };
            bulletins.push((Some(rng.text(12)), b));
        }
    }
    let library = Library::from_bulletins(bulletins);
    let aliases = Aliases {
        entries: (0..20)
            .map(|_| Alias {
                name: rng.text(6),
                unit: rng.text(6),
                series: None,
            })
            .collect(),
    };
    let index = Index::build(&library, &aliases);
    for _ in 0..50 {
        let filter = Filter {
            period: Period::parse(&rng.text(6)),
            dates: Some(DateRange {
                from: rng.text(6),
                to: rng.text(6),
            }),
            ..Default::default()
        };
        for by in [None, Some(Granularity::Month), Some(Granularity::Quarter)] {
            let tables = adoption(
                &library,
                &index,
                &AdoptionQuery {
                    by,
                    filter: filter.clone(),
                    points: Points::parse(&rng.text(8)).ok(),
                },
            );
            for t in &tables {
                let sum: u32 = t.rows.iter().map(|r| r.items).sum();
                assert_eq!(sum, t.credited);
                assert!(t.rows.windows(2).all(|w| w[0].rank <= w[1].rank));
            }
        }
        let _ = search(
            &library,
            &index,
            &SearchQuery {
                text: rng.text(5),
                regex: rng.next().is_multiple_of(2),
                ignore_case: rng.next().is_multiple_of(2),
                unit: Some(rng.text(4)),
                context: (rng.next() % 5) as usize,
                filter,
                ..Default::default()
            },
        );
    }
    let r = report(
        &library,
        &index,
        &AdoptionQuery::default(),
        &IndicatorQuery::default(),
    );
    let _ = report_text(&r);
    let _ = report_xlsx(&r);
    // Hand-made datings and periods out of range.
    let odd = Dating {
        year: Some(2024),
        month: Some(0),
        day: None,
        source: DateSource::Masthead,
    };
    assert_eq!(
        Period::of(&odd, Granularity::Quarter),
        Period::Year { year: 2024 }
    );
    let _ = Period::Quarter {
        year: 2024,
        quarter: 0,
    }
    .label();
    let _ = Period::Quarter {
        year: 2024,
        quarter: 200,
    }
    .sort_key();
}
