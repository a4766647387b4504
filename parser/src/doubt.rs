//! Doubt made visible: how sure the parser is of each item's structure.
//!
//! The structure pass records which rule found each item's headline
//! ([`HeadlineRule`]); `structure::rate` then reads every item against the
//! rest of its bulletin and gives it an [`Item::check`](crate::Item::check)
//! listing what looks doubtful ([`DoubtReason`]), or none. This module holds
//! the types alone, below the model that carries them. The ratings are judged on
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
/// read by `structure::rate`; not part of the model.
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
/// look; the others are sure. (No headline at all is rated by
/// `structure::rate`.)
pub(crate) fn headline_doubt(rule: HeadlineRule) -> Option<Doubt> {
    matches!(rule, HeadlineRule::NumberGap | HeadlineRule::WrapEnd).then(|| Doubt {
        reasons: vec![DoubtReason::HeadlineWeakRule],
    })
}
