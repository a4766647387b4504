//! Corrections by hand in the page: the parser's model
//! (`bulletin_parser::corrections`: a [`Correction`] names its item by
//! its first line and headline, and is applied by the tools module, which
//! has the parser) kept as text — one correction a line, fields separated
//! by tabs, tab, newline and backslash escaped — so localStorage and the
//! messages to the tools module need no JSON in the first-load wasm; the
//! key a bulletin's corrections are kept under; undo and redo.

use bulletin_parser::corrections::{Correction, FigureRef, ItemRef};
use bulletin_parser::FigureKind;

/// A value as the hex of its bits: exact, and no float formatting or
/// parsing code in the first-load wasm.
fn opt_num(v: Option<f64>) -> String {
    v.map(|v| format!("{:x}", v.to_bits())).unwrap_or_default()
}

fn read_num(v: &str) -> Option<f64> {
    u64::from_str_radix(v, 16).ok().map(f64::from_bits)
}

/// The list as text (see [`decode`]).
pub fn encode(list: &[Correction]) -> String {
    let mut out = String::new();
    for c in list {
        let item = c.item();
        let mut fields: Vec<String> =
            vec![String::new(), item.line.to_string(), esc(&item.headline)];
        match c {
            Correction::SetHeadline { headline, .. } => {
                fields[0] = "h".into();
                fields.push(esc(headline));
            }
            Correction::SetSources { sources, .. } => {
                fields[0] = "s".into();
                fields.push(esc(&sources.join("\u{1f}")));
            }
            Correction::SetSection { section, .. } => {
                fields[0] = "c".into();
                fields.push(section.as_deref().map(esc).unwrap_or_default());
            }
            Correction::MergeNext { .. } => fields[0] = "m".into(),
            Correction::Split { at, after, .. } => {
                fields[0] = "x".into();
                fields.push(at.to_string());
                fields.push(esc(after));
            }
            Correction::RemoveFigure { figure, .. } => {
                fields[0] = "w".into();
                fields.push(figure.start.to_string());
                fields.push(figure.end.to_string());
                fields.push(esc(&figure.text));
            }
            Correction::AddFigure {
                start,
                end,
                text,
                value,
                unit,
                kind,
                ..
            } => {
                fields[0] = "f".into();
                fields.push(start.to_string());
                fields.push(end.to_string());
                fields.push(esc(text));
                fields.push(opt_num(*value));
                fields.push(unit.as_deref().map(esc).unwrap_or_default());
                fields.push(kind.map(|k| k.as_str().to_string()).unwrap_or_default());
            }
        }
        out.push_str(&fields.join("\t"));
        out.push('\n');
    }
    out
}

/// The list written by [`encode`]; lines it cannot read are skipped.
pub fn decode(text: &str) -> Vec<Correction> {
    text.lines().filter_map(decode_line).collect()
}

fn decode_line(line: &str) -> Option<Correction> {
    let f: Vec<&str> = line.split('\t').collect();
    let n = |i: usize| f.get(i).and_then(|v| v.parse::<usize>().ok());
    let s = |i: usize| f.get(i).map(|v| unesc(v));
    let item = ItemRef {
        line: n(1)?,
        headline: s(2)?,
    };
    Some(match *f.first()? {
        "h" => Correction::SetHeadline {
            item,
            headline: s(3)?,
        },
        "s" => Correction::SetSources {
            item,
            sources: s(3)?
                .split('\u{1f}')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
        },
        "c" => Correction::SetSection {
            item,
            section: s(3).filter(|s| !s.is_empty()),
        },
        "m" => Correction::MergeNext { item },
        "x" => Correction::Split {
            item,
            at: n(3)?,
            after: s(4)?,
        },
        "w" => Correction::RemoveFigure {
            item,
            figure: FigureRef {
                start: n(3)?,
                end: n(4)?,
                text: s(5)?,
            },
        },
        "f" => Correction::AddFigure {
            item,
            start: n(3)?,
            end: n(4)?,
            text: s(5)?,
            value: f.get(6).and_then(|v| read_num(v)),
            unit: s(7).filter(|s| !s.is_empty()),
            kind: FigureKind::ALL
                .into_iter()
                .find(|k| Some(&k.as_str()) == f.get(8)),
        },
        _ => return None,
    })
}

fn esc(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('\t', "\\t")
        .replace('\n', "\\n")
}

fn unesc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The key a bulletin's corrections are kept under: a hash of its text
/// (FNV-1a, 64 bits), so a reload, or the same file opened again, finds
/// them, and a changed text does not get another's.
pub fn text_key(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Undo and redo over a list of corrections.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    pub done: Vec<Correction>,
    pub undone: Vec<Correction>,
}

impl History {
    pub fn from_done(done: Vec<Correction>) -> History {
        History {
            done,
            undone: Vec::new(),
        }
    }

    /// A new correction: what was undone cannot be redone after it.
    pub fn push(&mut self, c: Correction) {
        self.done.push(c);
        self.undone.clear();
    }

    pub fn undo(&mut self) -> bool {
        match self.done.pop() {
            Some(c) => {
                self.undone.push(c);
                true
            }
            None => false,
        }
    }

    pub fn redo(&mut self) -> bool {
        match self.undone.pop() {
            Some(c) => {
                self.done.push(c);
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, headline: &str) -> ItemRef {
        ItemRef {
            line,
            headline: headline.into(),
        }
    }

    #[test]
    fn text_round_trip() {
        let list = vec![
            Correction::SetHeadline {
                item: at(3, "甲\t局"),
                headline: "a\tb\\n\nc".into(),
            },
            Correction::SetSources {
                item: at(4, ""),
                sources: vec!["甲局".into(), "乙局".into()],
            },
            Correction::SetSection {
                item: at(5, "x"),
                section: None,
            },
            Correction::SetSection {
                item: at(5, "x"),
                section: Some("工作动态".into()),
            },
            Correction::MergeNext { item: at(6, "y") },
            Correction::Split {
                item: at(7, "z"),
                at: 3,
                after: "县水利局".into(),
            },
            Correction::RemoveFigure {
                item: at(8, "w"),
                figure: FigureRef {
                    start: 1,
                    end: 4,
                    text: "12元".into(),
                },
            },
            Correction::AddFigure {
                item: at(9, "v"),
                start: 1,
                end: 4,
                text: "3.5万".into(),
                value: None,
                unit: None,
                kind: None,
            },
            Correction::AddFigure {
                item: at(9, "v"),
                start: 1,
                end: 4,
                text: "3.5万".into(),
                value: Some(35000.0),
                unit: Some("元".into()),
                kind: Some(FigureKind::Money),
            },
        ];
        assert_eq!(decode(&encode(&list)), list);
        assert_eq!(decode("garbage\nh\tx\ty\n"), vec![]);
    }

    #[test]
    fn history_undo_redo() {
        let m = |line| Correction::MergeNext { item: at(line, "") };
        let mut h = History::default();
        h.push(m(1));
        h.push(m(2));
        assert!(h.undo());
        assert_eq!(h.done.len(), 1);
        assert!(h.redo());
        assert_eq!(h.done.len(), 2);
        assert!(!h.redo());
        h.undo();
        h.push(m(5));
        assert!(h.undone.is_empty());
    }

    #[test]
    fn keys_differ_by_text() {
        assert_eq!(text_key("a"), text_key("a"));
        assert_ne!(text_key("a"), text_key("b"));
    }
}
