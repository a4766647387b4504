//! Which items to check: a local stand-in for the parser's per-item rating
//! (trust-core's doubt reasons), read from what the parse already says.
//! An item is doubtful when its structure is unlike its neighbours' —
//! each reason a plain rule, none tied to one bulletin.

use bulletin_parser::{Bulletin, Item};

use crate::view::i18n::Lang;

/// Why an item should be checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Doubt {
    /// No headline was found.
    NoHeadline,
    /// The headline runs on like a paragraph: body text was probably read
    /// into it (a headline and its body on one line, not split).
    LongHeadline,
    /// No reporting unit, where most items of the bulletin have one.
    NoSource,
    /// No body, where most items have one: the next item's headline or the
    /// body may have been cut off.
    NoBody,
    /// The parser could not place lines inside or right after the item.
    LinesNearby,
}

/// Longer than this (in characters) a headline reads as a paragraph.
const LONG_HEADLINE_CHARS: usize = 60;

impl Doubt {
    pub fn say(self, lang: Lang) -> &'static str {
        let en = lang == Lang::En;
        match self {
            Doubt::NoHeadline if en => "no headline found",
            Doubt::NoHeadline => "未找到标题",
            Doubt::LongHeadline if en => "the headline is very long: body text may be in it",
            Doubt::LongHeadline => "标题过长，可能混入了正文",
            Doubt::NoSource if en => "no reporting unit, unlike most items",
            Doubt::NoSource => "未注明报送单位（多数条目有）",
            Doubt::NoBody if en => "no body text, unlike most items",
            Doubt::NoBody => "没有正文（多数条目有）",
            Doubt::LinesNearby if en => "lines nearby could not be placed",
            Doubt::LinesNearby => "附近有未能归类的行",
        }
    }
}

/// Per item, the reasons to check it (empty: nothing to check).
pub fn doubts(b: &Bulletin) -> Vec<Vec<Doubt>> {
    let n = b.items.len();
    let with_source = b.items.iter().filter(|i| !i.sources.is_empty()).count();
    let with_body = b.items.iter().filter(|i| !i.body.trim().is_empty()).count();
    // "Most": more than half of the others.
    let most = |count: usize| n >= 3 && count * 2 > n;
    b.items
        .iter()
        .map(|item| {
            let mut out = Vec::new();
            if item.headline.trim().is_empty() {
                out.push(Doubt::NoHeadline);
            } else if item.headline.chars().count() > LONG_HEADLINE_CHARS {
                out.push(Doubt::LongHeadline);
            }
            if item.sources.is_empty() && most(with_source) {
                out.push(Doubt::NoSource);
            }
            if item.body.trim().is_empty() && most(with_body) {
                out.push(Doubt::NoBody);
            }
            if warned_near(b, item) {
                out.push(Doubt::LinesNearby);
            }
            out
        })
        .collect()
}

/// A warning within the item's lines or on the line right after them.
fn warned_near(b: &Bulletin, item: &Item) -> bool {
    b.warnings
        .iter()
        .any(|w| w.lines.first >= item.lines.first && w.lines.first <= item.lines.last + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use bulletin_parser::{LineRange, Warning};

    fn item(headline: &str, body: &str, source: Option<&str>, lines: (usize, usize)) -> Item {
        Item {
            headline: headline.into(),
            body: body.into(),
            sources: source.into_iter().map(Into::into).collect(),
            lines: LineRange {
                first: lines.0,
                last: lines.1,
            },
            ..Item::default()
        }
    }

    #[test]
    fn regular_items_raise_nothing_and_odd_ones_say_why() {
        let mut b = Bulletin {
            items: vec![
                item("甲局开展培训", "培训干部。", Some("甲局"), (3, 3)),
                item("乙局推进改革", "改革见效。", Some("乙局"), (5, 5)),
                item("", "只有正文。", None, (7, 7)),
                item(&"很长的标题".repeat(14), "", Some("丁局"), (9, 9)),
            ],
            ..Bulletin::default()
        };
        b.warnings.push(Warning {
            lines: LineRange { first: 6, last: 6 },
            message: String::new(),
            text: String::new(),
        });
        let d = doubts(&b);
        assert!(d[0].is_empty());
        assert_eq!(d[1], vec![Doubt::LinesNearby]);
        assert_eq!(d[2], vec![Doubt::NoHeadline, Doubt::NoSource]);
        assert_eq!(d[3], vec![Doubt::LongHeadline, Doubt::NoBody]);
    }

    #[test]
    fn a_bulletin_without_sources_is_not_doubted_for_it() {
        let b = Bulletin {
            items: (0..4)
                .map(|i| item("某局开展工作", "正文。", None, (i * 2, i * 2)))
                .collect(),
            ..Bulletin::default()
        };
        assert!(doubts(&b).iter().all(Vec::is_empty));
    }
}
