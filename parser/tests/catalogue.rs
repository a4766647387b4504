//! The catalogue: invented whole bulletins in layouts other offices use
//! (`tests/catalogue/NN_name.txt`, gold labels in `NN_name.json`), each
//! parsed and scored the way `shared/eval/score.py` scores: masthead and
//! footer fields, the section list, items matched by headline (exact after
//! folding, then the closest above 0.85 alike), their sources, bodies and
//! sections, and figures matched by (value, unit) within matched items.
//! Every bulletin must reach the thresholds on its own; a table of all of
//! them is printed (`cargo test --test catalogue -- --nocapture`).

#[path = "fixtures/support.rs"]
mod support;

use bulletin_parser::parse_all;
use serde_json::Value;
use std::collections::HashMap;
use std::path::PathBuf;
use support::norm;

/// Per-bulletin minimums (the judge's bar for structure).
const MIN_ITEMS: f64 = 0.97;
const MIN_SOURCES: f64 = 0.95;
const MIN_BODIES: f64 = 0.95;
const MIN_SECTIONS: f64 = 0.95;
const MIN_MASTHEAD: f64 = 0.95;
const MIN_FOOTER: f64 = 0.95;
/// Figures F1 per bulletin, the judge's bar.
const MIN_FIGURES: f64 = 0.95;

/// Gold labels that contradict the labelling rules (SPEC, gold README and
/// the catalogue README itself): (file, field, why). That field of that
/// file is reported but not asserted.
const LABEL_DISAGREEMENTS: &[(&str, &str, &str)] = &[];

fn norm_v(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => norm(s),
        Value::Number(n) => norm(&n.to_string()),
        other => norm(&other.to_string()),
    }
}

/// `台（套）` → `台`: score.py drops a bracketed part of a unit.
fn unit_key(v: &Value) -> String {
    let u = norm_v(v);
    let mut out = String::new();
    let mut depth = 0;
    for c in u.chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn value_key(v: &Value) -> String {
    match v.as_f64() {
        // Nine significant digits, like Python's format(v, '.9g').
        Some(x) => format!("{:.8e}", x),
        None => "nan".into(),
    }
}

fn fig_keys(item: &Value) -> HashMap<(String, String), usize> {
    let mut m = HashMap::new();
    for f in item["figures"].as_array().into_iter().flatten() {
        *m.entry((value_key(&f["value"]), unit_key(&f["unit"])))
            .or_default() += 1;
    }
    m
}

fn overlap<K: std::hash::Hash + Eq>(a: &HashMap<K, usize>, b: &HashMap<K, usize>) -> usize {
    a.iter()
        .map(|(k, n)| (*n).min(b.get(k).copied().unwrap_or(0)))
        .sum()
}

/// How alike two headlines are: 2·LCS / total length (close to difflib's
/// ratio, never below it).
fn alike(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let mut prev = vec![0usize; b.len() + 1];
    for x in &a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        prev = cur;
    }
    2.0 * prev[b.len()] as f64 / (a.len() + b.len()) as f64
}

fn match_items(gold: &[Value], pred: &[Value]) -> Vec<(usize, usize)> {
    let gh: Vec<String> = gold.iter().map(|i| norm_v(&i["headline"])).collect();
    let ph: Vec<String> = pred.iter().map(|i| norm_v(&i["headline"])).collect();
    let mut pairs: Vec<Option<usize>> = vec![None; gold.len()];
    let mut used = vec![false; pred.len()];
    for (g, h) in gh.iter().enumerate() {
        if let Some(p) = (0..pred.len()).find(|&p| !used[p] && !h.is_empty() && *h == ph[p]) {
            pairs[g] = Some(p);
            used[p] = true;
        }
    }
    for (g, h) in gh.iter().enumerate() {
        if pairs[g].is_some() || h.is_empty() {
            continue;
        }
        let mut best = (None, 0.85);
        for p in (0..pred.len()).filter(|&p| !used[p]) {
            let r = alike(h, &ph[p]);
            if r > best.1 {
                best = (Some(p), r);
            }
        }
        if let Some(p) = best.0 {
            pairs[g] = Some(p);
            used[p] = true;
        }
    }
    pairs
        .into_iter()
        .enumerate()
        .filter_map(|(g, p)| Some((g, p?)))
        .collect()
}

fn f1(tp: usize, n_pred: usize, n_gold: usize) -> f64 {
    let p = if n_pred > 0 {
        tp as f64 / n_pred as f64
    } else if n_gold == 0 {
        1.0
    } else {
        0.0
    };
    let r = if n_gold > 0 {
        tp as f64 / n_gold as f64
    } else if n_pred == 0 {
        1.0
    } else {
        0.0
    };
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

struct Row {
    items: f64,
    sources: f64,
    bodies: f64,
    sections: f64,
    figures: f64,
    masthead: f64,
    footer: f64,
}

fn score(gold: &Value, pred: &Value) -> Row {
    let fields = |part: &str, keys: &[&str]| {
        let ok = keys
            .iter()
            .filter(|k| norm_v(&gold[part][**k]) == norm_v(&pred[part][**k]))
            .count();
        ok as f64 / keys.len() as f64
    };
    let counts = |v: &Value| {
        let mut m: HashMap<String, usize> = HashMap::new();
        for s in v.as_array().into_iter().flatten() {
            *m.entry(norm_v(s)).or_default() += 1;
        }
        m
    };
    let (gs, ps) = (counts(&gold["sections"]), counts(&pred["sections"]));
    let empty = Vec::new();
    let gi = gold["items"].as_array().unwrap_or(&empty);
    let pi = pred["items"].as_array().unwrap_or(&empty);
    let pairs = match_items(gi, pi);
    let m = pairs.len().max(1) as f64;
    let sorted = |v: &Value| {
        let mut s: Vec<String> = v.as_array().into_iter().flatten().map(norm_v).collect();
        s.sort();
        s
    };
    let same = |f: &dyn Fn(&Value) -> String| {
        pairs
            .iter()
            .filter(|&&(g, p)| f(&gi[g]) == f(&pi[p]))
            .count() as f64
            / m
    };
    let sources = pairs
        .iter()
        .filter(|&&(g, p)| sorted(&gi[g]["sources"]) == sorted(&pi[p]["sources"]))
        .count() as f64
        / m;
    let (mut fig_tp, mut fig_gold, mut fig_pred) = (0, 0, 0);
    for (g, item) in gi.iter().enumerate() {
        let gk = fig_keys(item);
        fig_gold += gk.values().sum::<usize>();
        if let Some(&(_, p)) = pairs.iter().find(|x| x.0 == g) {
            fig_tp += overlap(&gk, &fig_keys(&pi[p]));
        }
    }
    for item in pi {
        fig_pred += fig_keys(item).values().sum::<usize>();
    }
    Row {
        items: f1(pairs.len(), pi.len(), gi.len()),
        sources,
        bodies: same(&|i| norm_v(&i["body"])),
        sections: f1(overlap(&gs, &ps), ps.values().sum(), gs.values().sum()),
        figures: f1(fig_tp, fig_pred, fig_gold),
        masthead: fields("masthead", &["title", "issue_number", "issuer", "date"]),
        footer: fields("footer", &["distribution", "editor", "reviewer", "signer"]),
    }
}

fn catalogue() -> Vec<(String, String, Value)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/catalogue");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/catalogue is part of the repository")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&p).unwrap();
            let gold = std::fs::read_to_string(p.with_extension("json"))
                .unwrap_or_else(|_| panic!("{name}: no gold .json next to it"));
            (name, text, serde_json::from_str(&gold).unwrap())
        })
        .collect()
}

#[test]
fn every_catalogue_bulletin_reads_right() {
    let cases = catalogue();
    assert!(
        cases.len() >= 10,
        "the catalogue has only {} bulletins",
        cases.len()
    );
    println!(
        "{:<28}{:>8}{:>9}{:>8}{:>10}{:>9}{:>10}{:>8}",
        "file", "items", "sources", "bodies", "sections", "figures", "masthead", "footer"
    );
    let mut failures = Vec::new();
    for (name, text, gold) in &cases {
        let parsed = parse_all(text);
        if parsed.len() != 1 {
            failures.push(format!(
                "{name}: read as {} bulletins, not one",
                parsed.len()
            ));
            continue;
        }
        let pred = serde_json::to_value(&parsed[0]).unwrap();
        let r = score(gold, &pred);
        println!(
            "{:<28}{:>8.3}{:>9.3}{:>8.3}{:>10.3}{:>9.3}{:>10.3}{:>8.3}",
            name, r.items, r.sources, r.bodies, r.sections, r.figures, r.masthead, r.footer
        );
        let excused = |field: &str| {
            LABEL_DISAGREEMENTS
                .iter()
                .any(|&(f, k, _)| f == name && k == field)
        };
        for (field, got, min) in [
            ("items", r.items, MIN_ITEMS),
            ("sources", r.sources, MIN_SOURCES),
            ("bodies", r.bodies, MIN_BODIES),
            ("sections", r.sections, MIN_SECTIONS),
            ("figures", r.figures, MIN_FIGURES),
            ("masthead", r.masthead, MIN_MASTHEAD),
            ("footer", r.footer, MIN_FOOTER),
        ] {
            if got < min && !excused(field) {
                failures.push(format!("{name}: {field} {got:.3} < {min}"));
            }
        }
    }
    for (f, k, why) in LABEL_DISAGREEMENTS {
        println!("not asserted: {f} {k}: {why}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_scorer_here_tells_a_wrong_parse() {
    // A parse with an item lost, a source wrong and a section missing must
    // score below the bar: the thresholds above can fail.
    let (_, text, gold) = catalogue().into_iter().next().unwrap();
    let mut pred = serde_json::to_value(&parse_all(&text)[0]).unwrap();
    pred["items"].as_array_mut().unwrap().pop();
    pred["items"][0]["sources"] = Value::Array(vec![Value::String("某局".into())]);
    pred["sections"] = Value::Array(Vec::new());
    let r = score(&gold, &pred);
    assert!(
        r.items < MIN_ITEMS && r.sources < MIN_SOURCES,
        "{}",
        r.items
    );
    assert!(gold["sections"].as_array().is_some_and(|s| s.is_empty()) || r.sections < MIN_SECTIONS);
}
