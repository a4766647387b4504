//! Corrections by hand: what a reader changes in a parsed bulletin (a
//! headline, a source, a section; two items merged, one split; a figure
//! marked wrong or added), kept as a list applied in order to the parse.
//!
//! A thin local adapter: the parser's own corrections model
//! (`parser/src/corrections.rs`, branch trust-core) was not there when the
//! page was built against it. Pure, so it is tested natively and the tools
//! module applies the same list before every export.
//!
//! Items are named by their index in the bulletin as the corrections before
//! them left it; offsets are characters of an item's body, as a figure's.
//! A correction that no longer fits (the text changed) is skipped, never a
//! panic.

use std::borrow::Cow;

use bulletin_parser::{Bulletin, Figure, FigureKind, Item, SmallString, Span};

/// One correction by hand.
#[derive(Debug, Clone, PartialEq)]
pub enum Correction {
    /// The item's headline is this text.
    Headline { item: usize, text: String },
    /// The item's reporting units are these (none: the list is empty).
    Sources { item: usize, sources: Vec<String> },
    /// The item stands under this section (`None`: under none).
    Section {
        item: usize,
        section: Option<String>,
    },
    /// The item and the next are one: the next one's headline and body
    /// continue this one's body.
    MergeNext { item: usize },
    /// A new item starts in the body at `at`; the body from `at` to
    /// `headline_end` is its headline (empty when they are equal), the rest
    /// its body.
    Split {
        item: usize,
        at: usize,
        headline_end: usize,
    },
    /// The figure starting at `start` in the body is not a figure.
    FigureWrong { item: usize, start: usize },
    /// `body[start..end]` is a figure, read as this.
    AddFigure {
        item: usize,
        start: usize,
        end: usize,
        value: f64,
        value_max: Option<f64>,
        unit: Option<String>,
        kind: FigureKind,
    },
}

/// Applies `corrections` in order; returns, per item of the result, whether
/// a correction touched it (the page marks those as corrected).
pub fn apply(bulletin: &mut Bulletin, corrections: &[Correction]) -> Vec<bool> {
    let mut touched = vec![false; bulletin.items.len()];
    for c in corrections {
        apply_one(bulletin, c, &mut touched);
    }
    touched
}

fn apply_one(b: &mut Bulletin, c: &Correction, touched: &mut Vec<bool>) -> Option<()> {
    match c {
        Correction::Headline { item, text } => {
            b.items.get_mut(*item)?.headline = text.trim().to_string();
            touched[*item] = true;
        }
        Correction::Sources { item, sources } => {
            b.items.get_mut(*item)?.sources = sources
                .iter()
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .map(SmallString::from)
                .collect();
            touched[*item] = true;
        }
        Correction::Section { item, section } => {
            let section = section.as_deref().map(str::trim).filter(|s| !s.is_empty());
            if let Some(name) = section {
                if !b.sections.iter().any(|s| s == name) {
                    b.sections.push(name.to_string());
                }
            }
            b.items.get_mut(*item)?.section = section.map(SmallString::from);
            touched[*item] = true;
        }
        Correction::MergeNext { item } => {
            let next = *item + 1;
            if next >= b.items.len() {
                return None;
            }
            let second = b.items.remove(next);
            touched.remove(next);
            merge_into(&mut b.items[*item], second);
            touched[*item] = true;
        }
        Correction::Split {
            item,
            at,
            headline_end,
        } => {
            let first = b.items.get_mut(*item)?;
            let second = split_off(first, *at, *headline_end)?;
            b.items.insert(*item + 1, second);
            touched[*item] = true;
            touched.insert(*item + 1, true);
        }
        Correction::FigureWrong { item, start } => {
            let it = b.items.get_mut(*item)?;
            let at = it.figures.iter().position(|f| f.start == *start)?;
            it.figures.remove(at);
            touched[*item] = true;
        }
        Correction::AddFigure {
            item,
            start,
            end,
            value,
            value_max,
            unit,
            kind,
        } => {
            let it = b.items.get_mut(*item)?;
            let text = char_slice(&it.body, *start, *end)?;
            if text.trim().is_empty() || !value.is_finite() {
                return None;
            }
            // A figure over the same characters is replaced.
            it.figures.retain(|f| f.end <= *start || f.start >= *end);
            let at = it.figures.partition_point(|f| f.start < *start);
            it.figures.insert(
                at,
                Figure {
                    text: SmallString::from(text),
                    value: *value,
                    value_max: *value_max,
                    unit: unit.clone().map(Cow::Owned),
                    approx: None,
                    kind: *kind,
                    start: *start,
                    end: *end,
                    label: None,
                    change: None,
                    period: None,
                    entity: None,
                },
            );
            touched[*item] = true;
        }
    }
    Some(())
}

/// The characters `start..end` of `text`, if they are in it.
fn char_slice(text: &str, start: usize, end: usize) -> Option<&str> {
    if start > end {
        return None;
    }
    let from = byte_at(text, start)?;
    let to = byte_at(text, end)?;
    Some(&text[from..to])
}

/// The byte offset of character `n` (the end counts).
fn byte_at(text: &str, n: usize) -> Option<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .nth(n)
}

fn shift_figures(figures: &mut [Figure], by: usize) {
    for f in figures {
        f.start += by;
        f.end += by;
    }
}

fn merge_into(first: &mut Item, second: Item) {
    let mut joined = first.body.clone();
    if !joined.is_empty() && (!second.headline.is_empty() || !second.body.is_empty()) {
        joined.push('\n');
    }
    if !second.headline.is_empty() {
        joined.push_str(&second.headline);
        if !second.body.is_empty() {
            joined.push('\n');
        }
    }
    let offset = joined.chars().count();
    joined.push_str(&second.body);
    first.body = joined;
    let mut figures = second.figures;
    shift_figures(&mut figures, offset);
    first.figures.extend(figures);
    first
        .emphasis
        .extend(second.emphasis.into_iter().map(|s| Span {
            start: s.start + offset,
            end: s.end + offset,
        }));
    for s in second.sources {
        if !first.sources.contains(&s) {
            first.sources.push(s);
        }
    }
    for a in second.authors {
        if !first.authors.contains(&a) {
            first.authors.push(a);
        }
    }
    first.lines.last = first.lines.last.max(second.lines.last);
}

/// Cuts `item` at character `at` of its body; returns the new item after it.
fn split_off(item: &mut Item, at: usize, headline_end: usize) -> Option<Item> {
    let len = item.body.chars().count();
    if at > headline_end || headline_end > len {
        return None;
    }
    let headline = char_slice(&item.body, at, headline_end)?.trim().to_string();
    let rest = char_slice(&item.body, headline_end, len)?;
    let skipped = rest.chars().take_while(|c| c.is_whitespace()).count();
    let body_start = headline_end + skipped;
    let new_body = char_slice(&item.body, body_start, len)?.to_string();
    let kept = char_slice(&item.body, 0, at)?.trim_end().to_string();
    let kept_len = kept.chars().count();
    let (mut before, after): (Vec<Figure>, Vec<Figure>) = std::mem::take(&mut item.figures)
        .into_iter()
        .partition(|f| f.end <= kept_len);
    let mut after: Vec<Figure> = after
        .into_iter()
        .filter(|f| f.start >= body_start)
        .map(|mut f| {
            f.start -= body_start;
            f.end -= body_start;
            f
        })
        .collect();
    before.shrink_to_fit();
    after.shrink_to_fit();
    let emphasis = std::mem::take(&mut item.emphasis);
    item.emphasis = emphasis
        .iter()
        .filter(|s| s.end <= kept_len)
        .copied()
        .collect();
    let new_emphasis = emphasis
        .iter()
        .filter(|s| s.start >= body_start)
        .map(|s| Span {
            start: s.start - body_start,
            end: s.end - body_start,
        })
        .collect();
    item.body = kept;
    item.figures = before;
    Some(Item {
        section: item.section.clone(),
        headline,
        body: new_body,
        sources: item.sources.clone(),
        authors: Vec::new(),
        figures: after,
        emphasis: new_emphasis,
        lines: item.lines,
    })
}

// ---------------------------------------------------------------------------
// Kept as text: one correction a line, fields separated by tabs (tab,
// newline and backslash escaped), so localStorage and the tools module need
// no JSON in the first-load wasm.

/// The list as text (see [`decode`]).
pub fn encode(list: &[Correction]) -> String {
    let mut out = String::new();
    for c in list {
        let fields: Vec<String> = match c {
            Correction::Headline { item, text } => vec!["h".into(), item.to_string(), esc(text)],
            Correction::Sources { item, sources } => {
                vec!["s".into(), item.to_string(), esc(&sources.join("\u{1f}"))]
            }
            Correction::Section { item, section } => vec![
                "c".into(),
                item.to_string(),
                section.as_deref().map(esc).unwrap_or_default(),
            ],
            Correction::MergeNext { item } => vec!["m".into(), item.to_string()],
            Correction::Split {
                item,
                at,
                headline_end,
            } => vec![
                "x".into(),
                item.to_string(),
                at.to_string(),
                headline_end.to_string(),
            ],
            Correction::FigureWrong { item, start } => {
                vec!["w".into(), item.to_string(), start.to_string()]
            }
            Correction::AddFigure {
                item,
                start,
                end,
                value,
                value_max,
                unit,
                kind,
            } => vec![
                "f".into(),
                item.to_string(),
                start.to_string(),
                end.to_string(),
                value.to_string(),
                value_max.map(|v| v.to_string()).unwrap_or_default(),
                unit.as_deref().map(esc).unwrap_or_default(),
                kind.as_str().into(),
            ],
        };
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
    let item = n(1)?;
    Some(match *f.first()? {
        "h" => Correction::Headline { item, text: s(2)? },
        "s" => Correction::Sources {
            item,
            sources: s(2)?
                .split('\u{1f}')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
        },
        "c" => Correction::Section {
            item,
            section: s(2).filter(|s| !s.is_empty()),
        },
        "m" => Correction::MergeNext { item },
        "x" => Correction::Split {
            item,
            at: n(2)?,
            headline_end: n(3)?,
        },
        "w" => Correction::FigureWrong { item, start: n(2)? },
        "f" => Correction::AddFigure {
            item,
            start: n(2)?,
            end: n(3)?,
            value: f.get(4)?.parse().ok()?,
            value_max: f.get(5).and_then(|v| v.parse().ok()),
            unit: s(6).filter(|s| !s.is_empty()),
            kind: FigureKind::ALL
                .into_iter()
                .find(|k| Some(&k.as_str()) == f.get(7))?,
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

    fn fig(text: &str, start: usize, value: f64) -> Figure {
        Figure {
            text: text.into(),
            value,
            value_max: None,
            unit: Some(Cow::Borrowed("元")),
            approx: None,
            kind: FigureKind::Money,
            start,
            end: start + text.chars().count(),
            label: None,
            change: None,
            period: None,
            entity: None,
        }
    }

    fn sample() -> Bulletin {
        Bulletin {
            items: vec![
                Item {
                    headline: "甲局开展工作".into(),
                    body: "投入5元。乙局推进改革 拨付7元。".into(),
                    sources: vec!["甲局".into()],
                    figures: vec![fig("5元", 2, 5.0), fig("7元", 14, 7.0)],
                    ..Item::default()
                },
                Item {
                    headline: "丙局检查".into(),
                    body: "检查9元。".into(),
                    figures: vec![fig("9元", 2, 9.0)],
                    ..Item::default()
                },
            ],
            ..Bulletin::default()
        }
    }

    fn body_text_of_figures(b: &Bulletin) {
        for item in &b.items {
            for f in &item.figures {
                assert_eq!(
                    char_slice(&item.body, f.start, f.end),
                    Some(f.text.as_str())
                );
            }
        }
    }

    #[test]
    fn headline_source_section() {
        let mut b = sample();
        let marks = apply(
            &mut b,
            &[
                Correction::Headline {
                    item: 1,
                    text: " 丙局开展检查 ".into(),
                },
                Correction::Sources {
                    item: 1,
                    sources: vec!["丙局".into(), " ".into()],
                },
                Correction::Section {
                    item: 0,
                    section: Some("工作动态".into()),
                },
            ],
        );
        assert_eq!(marks, vec![true, true]);
        assert_eq!(b.items[1].headline, "丙局开展检查");
        assert_eq!(b.items[1].sources, vec![SmallString::from("丙局")]);
        assert_eq!(b.items[0].section.as_deref(), Some("工作动态"));
        assert_eq!(b.sections, vec!["工作动态".to_string()]);
    }

    #[test]
    fn split_at_a_selected_headline_and_merge_back() {
        let mut b = sample();
        // "乙局推进改革" is characters 5..11 of the first body.
        let marks = apply(
            &mut b,
            &[Correction::Split {
                item: 0,
                at: 5,
                headline_end: 11,
            }],
        );
        assert_eq!(marks, vec![true, true, false]);
        assert_eq!(b.items.len(), 3);
        assert_eq!(b.items[0].body, "投入5元。");
        assert_eq!(b.items[1].headline, "乙局推进改革");
        assert_eq!(b.items[1].body, "拨付7元。");
        assert_eq!(b.items[1].figures[0].start, 2);
        body_text_of_figures(&b);
        apply(&mut b, &[Correction::MergeNext { item: 1 }]);
        assert_eq!(b.items.len(), 2);
        assert_eq!(b.items[1].body, "拨付7元。\n丙局检查\n检查9元。");
        body_text_of_figures(&b);
    }

    #[test]
    fn figures_marked_wrong_and_added() {
        let mut b = sample();
        apply(
            &mut b,
            &[
                Correction::FigureWrong { item: 0, start: 2 },
                Correction::AddFigure {
                    item: 1,
                    start: 0,
                    end: 2,
                    value: 1.0,
                    value_max: None,
                    unit: Some("次".into()),
                    kind: FigureKind::Count,
                },
            ],
        );
        assert_eq!(b.items[0].figures.len(), 1);
        assert_eq!(b.items[1].figures[0].text.as_str(), "检查");
        assert_eq!(b.items[1].figures.len(), 2);
        body_text_of_figures(&b);
    }

    #[test]
    fn what_no_longer_fits_is_skipped() {
        let mut b = sample();
        let marks = apply(
            &mut b,
            &[
                Correction::MergeNext { item: 1 },
                Correction::Headline {
                    item: 9,
                    text: "x".into(),
                },
                Correction::Split {
                    item: 0,
                    at: 50,
                    headline_end: 60,
                },
                Correction::FigureWrong { item: 0, start: 3 },
            ],
        );
        assert_eq!(b, sample());
        assert_eq!(marks, vec![false, false]);
    }

    #[test]
    fn text_round_trip() {
        let list = vec![
            Correction::Headline {
                item: 0,
                text: "a\tb\\n\nc".into(),
            },
            Correction::Sources {
                item: 1,
                sources: vec!["甲局".into(), "乙局".into()],
            },
            Correction::Section {
                item: 2,
                section: None,
            },
            Correction::MergeNext { item: 3 },
            Correction::Split {
                item: 4,
                at: 1,
                headline_end: 3,
            },
            Correction::FigureWrong { item: 5, start: 7 },
            Correction::AddFigure {
                item: 6,
                start: 1,
                end: 4,
                value: 3.5,
                value_max: Some(4.0),
                unit: Some("万元".into()),
                kind: FigureKind::Money,
            },
        ];
        assert_eq!(decode(&encode(&list)), list);
        assert_eq!(decode("garbage\nh\tx\ty\n"), vec![]);
    }

    #[test]
    fn history_undo_redo() {
        let mut h = History::default();
        h.push(Correction::MergeNext { item: 0 });
        h.push(Correction::MergeNext { item: 1 });
        assert!(h.undo());
        assert_eq!(h.done.len(), 1);
        assert!(h.redo());
        assert_eq!(h.done.len(), 2);
        assert!(!h.redo());
        h.undo();
        h.push(Correction::MergeNext { item: 5 });
        assert!(h.undone.is_empty());
    }

    #[test]
    fn keys_differ_by_text() {
        assert_eq!(text_key("a"), text_key("a"));
        assert_ne!(text_key("a"), text_key("b"));
    }
}
