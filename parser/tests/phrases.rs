//! Table-driven figures test: `tests/data/phrases.tsv` holds invented
//! phrases, one a row, with the one figure each must give (text, value,
//! value_max, unit, approx, kind, change) or `-` for none. Every row is
//! checked and every failing row reported, with what was read instead.

use bulletin_parser::figures::extract;
use bulletin_parser::Figure;

/// A field of the table: `-` is none.
fn field(s: &str) -> Option<&str> {
    (s != "-").then_some(s)
}

fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

fn show(f: &Figure) -> String {
    format!(
        "text {:?} value {} value_max {:?} unit {:?} approx {:?} kind {} change {:?}",
        f.text.as_str(),
        f.value,
        f.value_max,
        f.unit.as_deref(),
        f.approx.as_deref(),
        f.kind.as_str(),
        f.change.map(|c| c.as_str()),
    )
}

/// What is wrong with the figures of one row, if anything.
fn check(cols: &[&str]) -> Option<String> {
    let [phrase, text, value, value_max, unit, approx, kind, change] = cols[..] else {
        return Some(format!(
            "expected 8 tab-separated columns, found {}",
            cols.len()
        ));
    };
    let got = extract(phrase);
    for f in &got {
        let chars: String = phrase.chars().skip(f.start).take(f.end - f.start).collect();
        if chars != f.text.as_str() {
            return Some(format!(
                "offsets {}..{} do not point at {:?}",
                f.start,
                f.end,
                f.text.as_str()
            ));
        }
    }
    let Some(text) = field(text) else {
        return (!got.is_empty()).then(|| {
            let all: Vec<String> = got.iter().map(show).collect();
            format!("expected no figure, got {}", all.join("; "))
        });
    };
    let [f] = &got[..] else {
        let all: Vec<String> = got.iter().map(show).collect();
        return Some(format!(
            "expected one figure {text:?}, got {}: {}",
            got.len(),
            all.join("; ")
        ));
    };
    let num = |s: &str| {
        s.parse::<f64>()
            .map_err(|e| format!("bad number {s:?} in the table: {e}"))
    };
    let want_value = match num(value) {
        Ok(v) => v,
        Err(e) => return Some(e),
    };
    let want_max = match field(value_max).map(num).transpose() {
        Ok(v) => v,
        Err(e) => return Some(e),
    };
    let ok = f.text.as_str() == text
        && close(f.value, want_value)
        && match (f.value_max, want_max) {
            (None, None) => true,
            (Some(a), Some(b)) => close(a, b),
            _ => false,
        }
        && f.unit.as_deref() == field(unit)
        && f.approx.as_deref() == field(approx)
        && f.kind.as_str() == kind
        && f.change.map(|c| c.as_str()) == field(change);
    (!ok).then(|| {
        format!(
            "expected text {text:?} value {value} value_max {value_max} unit {unit} approx {approx} kind {kind} change {change}\n      got {}",
            show(f)
        )
    })
}

#[test]
fn every_phrase_reads_as_the_table_says() {
    let data = include_str!("data/phrases.tsv");
    let mut rows = 0;
    let mut failures = Vec::new();
    for (n, line) in data.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        rows += 1;
        let cols: Vec<&str> = line.split('\t').collect();
        if let Some(why) = check(&cols) {
            failures.push(format!(
                "phrases.tsv line {}: {:?}\n      {why}",
                n + 1,
                cols[0]
            ));
        }
    }
    assert!(
        rows >= 400,
        "the table holds {rows} rows; it should hold at least 400"
    );
    assert!(
        failures.is_empty(),
        "{} of {rows} phrases read wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
