//! Doubt made visible: how sure the parser is of each item's structure.
//!
//! The structure pass records which rule found each item's headline
//! ([`HeadlineRule`]); [`rate`] then reads every item against the rest of its
//! bulletin and gives it an [`Item::check`](crate::Item::check) listing what
//! looks doubtful ([`DoubtReason`]), or none. The ratings are judged on
//! layouts read rightly (few right items flagged) and on layouts mangled so
//! the parser errs (the wrong items flagged): `parser/tests/doubt.rs`.

use serde::{Deserialize, Serialize};

/// What the parser doubts about an item. Serialised as
/// `{"reasons": ["no_source", …]}`, only on items that have one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Doubt {
    pub reasons: Vec<DoubtReason>,
}

/// One reason to check an item. Serialised as its stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DoubtReason {
    /// No headline/body break was found: the headline is empty.
    NoHeadline,
    /// The headline was found only by a last-resort rule (a gap before a
    /// number, or the end of a hard-wrapped line).
    HeadlineWeakRule,
    /// The headline is longer than headlines are, or holds a sentence end:
    /// the break may have been missed and body text glued on.
    HeadlineLong,
    /// A headline and no body.
    NoBody,
    /// Most items of the bulletin name a source and this one does not.
    NoSource,
    /// A source that is not shaped like a unit's name.
    SourceUnrecognised,
    /// The bulletin has sections and this item stands under none of them,
    /// or under a heading read from a weak marker.
    SectionUncertain,
    /// A paragraph inside the body closes with a source: two items may
    /// have been read as one.
    SourceInsideBody,
    /// The headline does not read as one: very short, only a unit's name
    /// (a source taken for a headline), or with a bracket or quote left
    /// open or opened before it.
    HeadlineOdd,
    /// A reason this version does not know (read from newer JSON).
    #[serde(other)]
    Other,
}

impl DoubtReason {
    pub const ALL: [DoubtReason; 10] = [
        DoubtReason::NoHeadline,
        DoubtReason::HeadlineWeakRule,
        DoubtReason::HeadlineLong,
        DoubtReason::NoBody,
        DoubtReason::NoSource,
        DoubtReason::SourceUnrecognised,
        DoubtReason::SectionUncertain,
        DoubtReason::SourceInsideBody,
        DoubtReason::HeadlineOdd,
        DoubtReason::Other,
    ];

    /// The stable code, as in the JSON.
    pub fn code(self) -> &'static str {
        match self {
            DoubtReason::NoHeadline => "no_headline",
            DoubtReason::HeadlineWeakRule => "headline_weak_rule",
            DoubtReason::HeadlineLong => "headline_long",
            DoubtReason::NoBody => "no_body",
            DoubtReason::NoSource => "no_source",
            DoubtReason::SourceUnrecognised => "source_unrecognised",
            DoubtReason::SectionUncertain => "section_uncertain",
            DoubtReason::SourceInsideBody => "source_inside_body",
            DoubtReason::HeadlineOdd => "headline_odd",
            DoubtReason::Other => "other",
        }
    }

    /// The reason of a code; `Other` for one this version does not know.
    pub fn from_code(code: &str) -> DoubtReason {
        DoubtReason::ALL
            .into_iter()
            .find(|k| k.code() == code)
            .unwrap_or(DoubtReason::Other)
    }

    /// A short Chinese text (the CLI prints it beside the code).
    pub fn message_zh(self) -> &'static str {
        match self {
            DoubtReason::NoHeadline => "没有找到标题与正文的分界",
            DoubtReason::HeadlineWeakRule => "标题分界仅凭弱规则判断",
            DoubtReason::HeadlineLong => "标题过长或含句末标点，可能混入正文",
            DoubtReason::NoBody => "只有标题，没有正文",
            DoubtReason::NoSource => "本期多数条目注明来源，此条没有",
            DoubtReason::SourceUnrecognised => "来源不像单位名称",
            DoubtReason::SectionUncertain => "所属栏目不确定",
            DoubtReason::SourceInsideBody => "正文中间有来源，可能是两条合为一条",
            DoubtReason::HeadlineOdd => "标题不像标题：过短、只是单位名称或括号引号不配对",
            DoubtReason::Other => "其他",
        }
    }
}

/// Which rule ended an item's headline. Recorded by the structure pass,
/// read by [`rate`]; not part of the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum HeadlineRule {
    /// No break found: no headline.
    #[default]
    None,
    /// The headline stands alone on its line (or is a bold line).
    Alone,
    /// A bracketed source on the line, headline up to the first `。`.
    FullStop,
    /// A gap: two spaces, one space between CJK, the end of a bold run.
    Gap,
    /// Last resort: one space before a number that is not spaced after.
    NumberGap,
    /// Last resort: the end of the first line of a hard-wrapped paragraph.
    WrapEnd,
}

/// The doubt a headline rule alone gives: a last-resort rule is worth a
/// look; the others are sure. (No headline at all is rated by [`rate`].)
pub(crate) fn headline_doubt(rule: HeadlineRule) -> Option<Doubt> {
    matches!(rule, HeadlineRule::NumberGap | HeadlineRule::WrapEnd).then(|| Doubt {
        reasons: vec![DoubtReason::HeadlineWeakRule],
    })
}

/// The longest headline that reads as one, in characters: longer ones
/// have body text glued on (headlines in the catalogue, dev set and seeds
/// run to about 40).
const HEADLINE_MAX: usize = 40;
/// The shortest: shorter is a name or a fragment (the labelled headlines
/// run from 8 characters).
const HEADLINE_MIN: usize = 6;
/// A headline this short shaped like a unit's name is a unit's name (a
/// source line); longer ones end in 会, 行, 站 as headlines do.
const UNIT_HEADLINE_MAX: usize = 7;
/// The longest section name that reads as one: longer is a headline.
const SECTION_MAX: usize = 16;

/// Rates every item of `b` against the rest of the bulletin, extending the
/// doubt its headline rule gave it. Linear in the size of the bulletin.
pub fn rate(b: &mut crate::Bulletin) {
    use crate::structure::is_unit_name;
    let n = b.items.len();
    let with_source = b.items.iter().filter(|i| !i.sources.is_empty()).count();
    // When at least half the items name a source, one that names none is
    // likely misread (its source glued to the body, or the item split or
    // merged wrongly).
    let sourced = n >= 3 && with_source * 2 >= n;
    let any_section = b.items.iter().any(|i| i.section.is_some());
    for it in &mut b.items {
        let mut reasons = it.check.take().map(|d| d.reasons).unwrap_or_default();
        let mut add = |r: DoubtReason| {
            if !reasons.contains(&r) {
                reasons.push(r);
            }
        };
        if it.headline.is_empty() {
            add(DoubtReason::NoHeadline);
        } else {
            let shape = headline_shape(&it.headline);
            if headline_too_long(&shape) {
                add(DoubtReason::HeadlineLong);
            } else if headline_odd(&it.headline, &shape) {
                add(DoubtReason::HeadlineOdd);
            }
        }
        if it.body.is_empty() {
            add(DoubtReason::NoBody);
        }
        if sourced && it.sources.is_empty() {
            add(DoubtReason::NoSource);
        }
        if it.sources.iter().any(|s| !is_unit_name(s)) {
            add(DoubtReason::SourceUnrecognised);
        }
        if body_holds_source(&it.body) {
            add(DoubtReason::SourceInsideBody);
        }
        match &it.section {
            None if any_section => add(DoubtReason::SectionUncertain),
            Some(s) if section_looks_wrong(s) => add(DoubtReason::SectionUncertain),
            _ => {}
        }
        it.check = (!reasons.is_empty()).then_some(Doubt { reasons });
    }
}

/// What one pass over a headline finds.
struct HeadlineShape {
    chars: usize,
    /// A sentence ends inside it (`。；！？`).
    sentence_end: bool,
    /// Some pair of brackets or quotes does not pair up.
    unpaired: bool,
}

/// Counts a headline's characters, sentence ends and bracket pairs in one
/// pass (headlines are short; this runs on every item).
fn headline_shape(h: &str) -> HeadlineShape {
    // Opening minus closing, per pair: （）, (), “”, 《》, 【】.
    let mut depth = [0i32; 5];
    let mut shape = HeadlineShape {
        chars: 0,
        sentence_end: false,
        unpaired: false,
    };
    for c in h.chars() {
        shape.chars += 1;
        match c {
            '。' | '；' | '！' | '？' => shape.sentence_end = true,
            '（' => depth[0] += 1,
            '）' => depth[0] -= 1,
            '(' => depth[1] += 1,
            ')' => depth[1] -= 1,
            '“' => depth[2] += 1,
            '”' => depth[2] -= 1,
            '《' => depth[3] += 1,
            '》' => depth[3] -= 1,
            '【' => depth[4] += 1,
            '】' => depth[4] -= 1,
            _ => {}
        }
    }
    shape.unpaired = depth.iter().any(|&d| d != 0);
    shape
}

/// A headline longer than headlines are, or holding a sentence's end:
/// the break was missed and body text glued on.
fn headline_too_long(shape: &HeadlineShape) -> bool {
    shape.chars > HEADLINE_MAX || shape.sentence_end
}

/// A headline that does not read as one: very short, a unit's name alone
/// (a source line taken for a headline), opening with a parenthesis, or
/// with brackets or quotes that do not pair.
fn headline_odd(h: &str, shape: &HeadlineShape) -> bool {
    let n = shape.chars;
    n < HEADLINE_MIN
        || (n <= UNIT_HEADLINE_MAX && crate::structure::is_unit_name(h))
        || h.starts_with(['（', '('])
        || shape.unpaired
}

/// A section name that reads like a headline: long, or a sentence.
fn section_looks_wrong(s: &str) -> bool {
    s.chars().count() > SECTION_MAX || crate::structure::has_sentence_punct(s)
}

/// Inside the body, not at its end, a sentence closes with a source
/// parenthetical whose first name is a unit's (`…。（县财政局）县农业…`,
/// or such a paragraph followed by another): two items were read as one.
/// Each closing parenthesis is looked at once, a few characters back.
fn body_holds_source(body: &str) -> bool {
    use crate::structure::{ends_sentence, is_unit_name, split_sources, trailing_source};
    let end = body.trim_end().len();
    // One substring search per parenthesis kind (a set of chars would
    // decode every character of every body).
    let b = body.as_bytes();
    let wide = memchr::memmem::find_iter(b, "）".as_bytes()).map(|i| i + "）".len());
    let narrow = memchr::memchr_iter(b')', b).map(|i| i + 1);
    wide.chain(narrow).any(|close| {
        if close >= end {
            return false;
        }
        let head = &body[..close];
        trailing_source(head).is_some_and(|t| {
            !t.alone
                && ends_sentence(&head[..t.open])
                && split_sources(&head[t.inner.0..t.inner.1])
                    .next()
                    .is_some_and(is_unit_name)
        })
    })
}
