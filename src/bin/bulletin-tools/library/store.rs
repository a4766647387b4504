//! The library's contents in memory, and what a batch of incoming
//! bulletins does to it: each bulletin stored once (same title, issue and
//! date), a changed text replacing the old one and saying so. Also the
//! library as JSON Lines (the export contract, one bulletin a line, with a
//! `library` sibling field holding its file name and text hash; a last line
//! `{"library":{"aliases":…,"points":…}}` carries the alias list).

use std::collections::HashMap;

use bulletin_parser::Bulletin;
use serde_json::{json, Value};

use super::stats::{identity, text_hash, Entry};

/// What a batch did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Merge {
    /// To write: new and changed bulletins.
    pub put: Vec<Entry>,
    pub added: usize,
    pub unchanged: usize,
    /// Replaced because their text changed: `(key, file)`.
    pub replaced: Vec<(String, String)>,
}

/// An entry for a parsed text.
pub fn entry_of(file: &str, text: &str, bulletin: Bulletin) -> Entry {
    let hash = text_hash(text);
    Entry {
        key: identity(&bulletin, &hash),
        file: file.to_owned(),
        hash,
        bulletin,
    }
}

/// Sorts the library: by title, then date, then issue.
pub fn sort(entries: &mut [Entry]) {
    entries.sort_by(|a, b| {
        a.series()
            .cmp(&b.series())
            .then(a.date().cmp(b.date()))
            .then(a.issue_number().cmp(&b.issue_number()))
            .then(a.key.cmp(&b.key))
    });
}

/// What `incoming` changes in `library` (the library itself is changed
/// only once the write succeeded: [`apply`]).
pub fn merge(library: &[Entry], incoming: Vec<Entry>) -> Merge {
    let known: HashMap<&str, &str> = library
        .iter()
        .map(|e| (e.key.as_str(), e.hash.as_str()))
        .collect();
    let mut m = Merge::default();
    let mut batch: HashMap<String, usize> = HashMap::new();
    for e in incoming {
        // Twice in one batch: the later one stands.
        if let Some(&i) = batch.get(&e.key) {
            m.put[i] = e;
            continue;
        }
        match known.get(e.key.as_str()) {
            Some(h) if *h == e.hash => {
                m.unchanged += 1;
                continue;
            }
            Some(_) => m.replaced.push((e.key.clone(), e.file.clone())),
            None => m.added += 1,
        }
        batch.insert(e.key.clone(), m.put.len());
        m.put.push(e);
    }
    m
}

/// The written entries into the library (replacing those with their key).
pub fn apply(library: &mut Vec<Entry>, put: Vec<Entry>) {
    let keys: std::collections::HashSet<String> = put.iter().map(|e| e.key.clone()).collect();
    library.retain(|e| !keys.contains(&e.key));
    library.extend(put);
    sort(library);
}

/// The library as JSON Lines.
pub fn to_json_lines(entries: &[Entry], aliases: &str, points: &str) -> String {
    let mut out = String::new();
    for e in entries {
        let mut v = serde_json::to_value(&e.bulletin).unwrap_or(Value::Null);
        if let Value::Object(map) = &mut v {
            map.insert("library".into(), json!({"file": e.file, "hash": e.hash}));
        }
        out += &v.to_string();
        out.push('\n');
    }
    out += &json!({"library": {"aliases": aliases, "points": points}}).to_string();
    out.push('\n');
    out
}

/// What a JSON Lines file holds: entries, the alias list and points if
/// given, and the lines that were not bulletins (1-based).
#[derive(Debug, Default)]
pub struct Imported {
    pub entries: Vec<Entry>,
    pub aliases: Option<String>,
    pub points: Option<String>,
    pub bad_lines: Vec<usize>,
}

pub fn from_json_lines(file: &str, text: &str) -> Imported {
    let mut out = Imported::default();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let Ok(mut v) = serde_json::from_str::<Value>(line) else {
            out.bad_lines.push(n + 1);
            continue;
        };
        let meta = v.as_object_mut().and_then(|m| m.remove("library"));
        if v.get("masthead").is_none() {
            match meta {
                Some(meta) if meta.get("aliases").is_some() => {
                    out.aliases = meta["aliases"].as_str().map(str::to_owned);
                    out.points = meta["points"].as_str().map(str::to_owned);
                }
                _ => out.bad_lines.push(n + 1),
            }
            continue;
        }
        let Ok(bulletin) = serde_json::from_value::<Bulletin>(v) else {
            out.bad_lines.push(n + 1);
            continue;
        };
        let meta = meta.unwrap_or(Value::Null);
        let hash = meta["hash"]
            .as_str()
            .map(str::to_owned)
            .unwrap_or_else(|| text_hash(line));
        out.entries.push(Entry {
            key: identity(&bulletin, &hash),
            file: meta["file"].as_str().unwrap_or(file).to_owned(),
            hash,
            bulletin,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "甲县政务快报\n\n第 3 期\n\n某县人民政府办公室  2024 年 3 月 1 日\n\n县民政局发放救助金 发放临时救助金 86 万元。（县民政局）\n";

    #[test]
    fn the_same_bulletin_is_stored_once_and_a_changed_text_replaces_it() {
        let mut lib = Vec::new();
        let first = merge(&lib, vec![entry_of("a.txt", A, bulletin_parser::parse(A))]);
        assert_eq!((first.added, first.put.len()), (1, 1));
        apply(&mut lib, first.put);
        let again = merge(&lib, vec![entry_of("b.txt", A, bulletin_parser::parse(A))]);
        assert_eq!((again.unchanged, again.put.len()), (1, 0));
        let changed = A.replace("86", "87");
        let m = merge(
            &lib,
            vec![entry_of(
                "c.txt",
                &changed,
                bulletin_parser::parse(&changed),
            )],
        );
        assert_eq!(m.replaced.len(), 1);
        apply(&mut lib, m.put);
        assert_eq!(lib.len(), 1);
        assert_eq!(lib[0].file, "c.txt");
    }

    #[test]
    fn json_lines_round_trip_with_the_alias_list() {
        let lib = vec![entry_of("a.txt", A, bulletin_parser::parse(A))];
        let text = to_json_lines(&lib, "发改委=县发改局", "2");
        let first: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
        assert_eq!(first["masthead"]["issue_number"], 3, "the contract's shape");
        let back = from_json_lines("x.jsonl", &text);
        assert_eq!(back.entries, lib);
        assert_eq!(back.aliases.as_deref(), Some("发改委=县发改局"));
        assert!(back.bad_lines.is_empty());
        assert_eq!(from_json_lines("x", "{oops\n").bad_lines, vec![1]);
    }
}
