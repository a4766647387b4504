//! What a batch of incoming bulletins does to the library (the
//! `bulletin-stats` crate's [`Library`]): each bulletin stored once (same
//! title, issue and date: `BulletinKey`), a changed text replacing the old
//! one and saying so. Also the library as JSON Lines: the export contract,
//! one bulletin a line, with a `library` sibling field holding its file
//! name; a last line `{"library":{"aliases":…,"points":…}}` carries the
//! alias list and the points. A bulletin corrected by hand is stored
//! corrected, its corrections (`bulletin_parser::corrections`) beside it:
//! `library: {file, corrections: […]}`.

use std::collections::HashMap;

use bulletin_parser::corrections::Correction;
use bulletin_parser::Bulletin;
use bulletin_stats::{BulletinKey, Entry, Library};
use serde_json::{json, Value};

/// Each corrected bulletin's corrections by hand, by its entry id
/// (`BulletinKey::id`).
pub type Fixes = HashMap<String, Vec<Correction>>;

/// The `library` sibling of a stored bulletin: its file and, when it was
/// corrected by hand, its corrections.
pub fn meta_of(e: &Entry, fixes: &Fixes) -> Value {
    let mut meta = json!({ "file": e.file });
    if let Some(list) = fixes.get(&e.key.id()).filter(|l| !l.is_empty()) {
        meta["corrections"] = serde_json::to_value(list).unwrap_or(Value::Null);
    }
    meta
}

/// The corrections of a `library` sibling (none when absent or unreadable).
pub fn corrections_of(meta: &Value) -> Vec<Correction> {
    meta.get("corrections")
        .and_then(|c| serde_json::from_value(c.clone()).ok())
        .unwrap_or_default()
}

/// What a batch did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Merge {
    /// To write: new and changed bulletins.
    pub put: Vec<Entry>,
    pub added: usize,
    pub unchanged: usize,
    /// Replaced because their text changed: the bulletin and its new file.
    pub replaced: Vec<(String, String)>,
}

pub fn entry_of(file: &str, bulletin: Bulletin) -> Entry {
    Entry::new(Some(file.to_owned()), bulletin)
}

/// What `incoming` changes in `library` (the library itself changes only
/// once the write succeeded: [`apply`]).
pub fn merge(library: &Library, incoming: Vec<Entry>) -> Merge {
    let mut m = Merge::default();
    let mut batch: HashMap<BulletinKey, usize> = HashMap::new();
    for e in incoming {
        // Twice in one batch: the later one stands.
        if let Some(&i) = batch.get(&e.key) {
            m.put[i] = e;
            continue;
        }
        match library.get(&e.key) {
            Some(old) if old.bulletin == e.bulletin => {
                m.unchanged += 1;
                continue;
            }
            Some(_) => m
                .replaced
                .push((e.key.to_string(), e.file.clone().unwrap_or_default())),
            None => m.added += 1,
        }
        batch.insert(e.key.clone(), m.put.len());
        m.put.push(e);
    }
    m
}

/// The written entries into the library (replacing those with their key).
pub fn apply(library: &mut Library, put: Vec<Entry>) {
    for e in put {
        library.insert_entry(e);
    }
}

/// The library as JSON Lines, by date.
pub fn to_json_lines(library: &Library, fixes: &Fixes, aliases: &str, points: &str) -> String {
    let mut out = String::new();
    for i in library.by_date() {
        let e = &library.entries()[i];
        let mut v = serde_json::to_value(&e.bulletin).unwrap_or(Value::Null);
        if let Value::Object(map) = &mut v {
            map.insert("library".into(), meta_of(e, fixes));
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
    /// The corrections stored with them (already applied to them).
    pub fixes: Fixes,
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
        let file = meta
            .as_ref()
            .and_then(|m| m["file"].as_str())
            .unwrap_or(file)
            .to_owned();
        let entry = Entry::new(Some(file), bulletin);
        let list = meta.as_ref().map(corrections_of).unwrap_or_default();
        if !list.is_empty() {
            out.fixes.insert(entry.key.id(), list);
        }
        out.entries.push(entry);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "甲县政务快报\n\n第 3 期\n\n某县人民政府办公室  2024 年 3 月 1 日\n\n县民政局发放救助金 发放临时救助金 86 万元。（县民政局）\n";

    #[test]
    fn the_same_bulletin_is_stored_once_and_a_changed_text_replaces_it() {
        let mut lib = Library::new();
        let first = merge(&lib, vec![entry_of("a.txt", bulletin_parser::parse(A))]);
        assert_eq!((first.added, first.put.len()), (1, 1));
        apply(&mut lib, first.put);
        let again = merge(&lib, vec![entry_of("b.txt", bulletin_parser::parse(A))]);
        assert_eq!((again.unchanged, again.put.len()), (1, 0));
        let changed = A.replace("86", "87");
        let m = merge(
            &lib,
            vec![entry_of("c.txt", bulletin_parser::parse(&changed))],
        );
        assert_eq!(m.replaced.len(), 1);
        apply(&mut lib, m.put);
        assert_eq!(lib.len(), 1);
        assert_eq!(lib.entries()[0].file.as_deref(), Some("c.txt"));
    }

    #[test]
    fn json_lines_round_trip_with_the_alias_list() {
        let lib = Library::from_bulletins([(Some("a.txt".to_owned()), bulletin_parser::parse(A))]);
        let text = to_json_lines(&lib, &Fixes::new(), "县发改局 = 发改委", "2");
        let first: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
        assert_eq!(first["masthead"]["issue_number"], 3, "the contract's shape");
        let back = from_json_lines("x.jsonl", &text);
        assert_eq!(back.entries, lib.entries());
        assert_eq!(back.aliases.as_deref(), Some("县发改局 = 发改委"));
        assert_eq!(back.points.as_deref(), Some("2"));
        assert!(back.bad_lines.is_empty());
        assert_eq!(from_json_lines("x", "{oops\n").bad_lines, vec![1]);
    }

    #[test]
    fn corrections_go_out_and_come_back_with_their_bulletin() {
        use bulletin_parser::corrections::{apply as correct, ItemRef};
        let parsed = bulletin_parser::parse(A);
        let fix = Correction::SetSources {
            item: ItemRef::of(&parsed.items[0]),
            sources: vec!["县救助站".into()],
        };
        let (corrected, skipped) = correct(&parsed, A, std::slice::from_ref(&fix));
        assert!(skipped.is_empty());
        let lib = Library::from_bulletins([(Some("a.txt".to_owned()), corrected)]);
        let mut fixes = Fixes::new();
        fixes.insert(lib.entries()[0].key.id(), vec![fix.clone()]);
        let text = to_json_lines(&lib, &fixes, "", "");
        let first: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
        assert_eq!(first["library"]["corrections"][0]["op"], "set_sources");
        assert_eq!(
            first["items"][0]["sources"][0], "县救助站",
            "stored corrected"
        );
        let back = from_json_lines("x.jsonl", &text);
        assert_eq!(back.entries, lib.entries());
        assert_eq!(back.fixes.get(&lib.entries()[0].key.id()), Some(&vec![fix]));
        // Without corrections: no `corrections` field at all.
        let plain = to_json_lines(&lib, &Fixes::new(), "", "");
        assert!(!plain.contains("corrections"));
        assert!(from_json_lines("x", &plain).fixes.is_empty());
    }
}
