//! What the parser says about the text it read, as types: why a line became
//! a warning ([`WarningKind`]) and why a line was left out as layout noise
//! ([`DropReason`]). Each has a stable code (the JSON and the CLI print it;
//! never renamed) and today's Chinese text; the page translates the codes.
//! Also what the parser doubts about an item ([`Doubt`], [`DoubtReason`],
//! and the [`HeadlineRule`] that found its headline): types the model
//! holds, rated by [`crate::doubt`], the last structure pass.

use serde::{Deserialize, Serialize};

/// Why lines became a warning. Serialised as its stable code
/// (`"orphan_source"`); the Chinese text travels beside it in
/// `Warning::message`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// A source parenthetical or bracket with no item to belong to; its
    /// text is kept in the warning.
    OrphanSource,
    /// An item whose headline/body break was not found: the whole
    /// paragraph was kept as its body.
    NoHeadline,
    /// An item with a headline and no body: possibly a headline alone, or
    /// a line misread as an item.
    NoBody,
    /// Most items of the bulletin name a source and this one does not: the
    /// source may be glued to the body.
    NoSource,
    /// Text in the masthead zone that is no masthead field; kept here.
    MastheadUnplaced,
    /// A masthead field given twice; the first was kept.
    MastheadDuplicate,
    /// A footer field given twice; the first was kept.
    FooterDuplicate,
    /// A footer key with nothing after it.
    FooterEmpty,
    /// Text after the footer that is no footer field; kept here.
    AfterFooter,
    /// A code this version does not know (read from newer JSON).
    #[default]
    #[serde(other)]
    Other,
}

impl WarningKind {
    pub const ALL: [WarningKind; 10] = [
        WarningKind::OrphanSource,
        WarningKind::NoHeadline,
        WarningKind::NoBody,
        WarningKind::NoSource,
        WarningKind::MastheadUnplaced,
        WarningKind::MastheadDuplicate,
        WarningKind::FooterDuplicate,
        WarningKind::FooterEmpty,
        WarningKind::AfterFooter,
        WarningKind::Other,
    ];

    /// The stable code, as in the JSON.
    pub fn code(self) -> &'static str {
        match self {
            WarningKind::OrphanSource => "orphan_source",
            WarningKind::NoHeadline => "no_headline",
            WarningKind::NoBody => "no_body",
            WarningKind::NoSource => "no_source",
            WarningKind::MastheadUnplaced => "masthead_unplaced",
            WarningKind::MastheadDuplicate => "masthead_duplicate",
            WarningKind::FooterDuplicate => "footer_duplicate",
            WarningKind::FooterEmpty => "footer_empty",
            WarningKind::AfterFooter => "after_footer",
            WarningKind::Other => "other",
        }
    }

    /// The kind of a code; `Other` for one this version does not know.
    pub fn from_code(code: &str) -> WarningKind {
        WarningKind::ALL
            .into_iter()
            .find(|k| k.code() == code)
            .unwrap_or(WarningKind::Other)
    }

    /// The Chinese message the JSON and the CLI have always carried.
    pub fn message_zh(self) -> &'static str {
        match self {
            WarningKind::OrphanSource => "找不到所属条目的来源",
            WarningKind::NoHeadline => "条目没有标题：标题与正文的分界不确定",
            WarningKind::NoBody => "条目没有正文：可能是单独一行的标题或误判的条目",
            WarningKind::NoSource => "本期多数条目注明来源，此条没有：来源可能与正文粘连",
            WarningKind::MastheadUnplaced => "刊头中无法归类的文字",
            WarningKind::MastheadDuplicate => "重复的刊头项",
            WarningKind::FooterDuplicate => "重复的报尾项",
            WarningKind::FooterEmpty => "报尾项没有内容",
            WarningKind::AfterFooter => "报尾之后无法归类的文字",
            WarningKind::Other => "其他",
        }
    }
}

/// Why a line was left out as layout noise. Serialised as the code the
/// JSON has always carried (`"page-number"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DropReason {
    /// `- 2 -`, `第 2 页 共 4 页`.
    PageNumber,
    /// `---`, `═══`: rules.
    Rule,
    /// Markdown markup alone on a line.
    Markup,
    /// A running page header repeated at the top of every page.
    PageHeader,
    /// Web-page furniture: 打印本页, 关闭窗口, breadcrumbs, 上一篇/下一篇.
    PageFurniture,
    /// A table of contents (`本期要目` and its lines).
    Contents,
    /// A footer credit with no field of its own (撰稿, 校对).
    FooterCredit,
    /// `（共印50份）`.
    PrintCount,
    /// A printing line (`…印发`).
    PrintLine,
    /// A web page's 发布时间/来源/浏览次数 line.
    WebMeta,
    /// `（总第356期）`: the running total, not the issue.
    RunningTotal,
    /// `星期五` beside the date.
    Weekday,
    /// A reason this version does not know (read from newer JSON).
    #[default]
    #[serde(other)]
    Other,
}

impl DropReason {
    pub const ALL: [DropReason; 13] = [
        DropReason::PageNumber,
        DropReason::Rule,
        DropReason::Markup,
        DropReason::PageHeader,
        DropReason::PageFurniture,
        DropReason::Contents,
        DropReason::FooterCredit,
        DropReason::PrintCount,
        DropReason::PrintLine,
        DropReason::WebMeta,
        DropReason::RunningTotal,
        DropReason::Weekday,
        DropReason::Other,
    ];

    /// The stable code, as in the JSON.
    pub fn code(self) -> &'static str {
        match self {
            DropReason::PageNumber => "page-number",
            DropReason::Rule => "rule",
            DropReason::Markup => "markup",
            DropReason::PageHeader => "page-header",
            DropReason::PageFurniture => "page-furniture",
            DropReason::Contents => "contents",
            DropReason::FooterCredit => "footer-credit",
            DropReason::PrintCount => "print-count",
            DropReason::PrintLine => "print-line",
            DropReason::WebMeta => "web-meta",
            DropReason::RunningTotal => "running-total",
            DropReason::Weekday => "weekday",
            DropReason::Other => "other",
        }
    }

    /// The reason of a code; `Other` for one this version does not know.
    pub fn from_code(code: &str) -> DropReason {
        DropReason::ALL
            .into_iter()
            .find(|k| k.code() == code)
            .unwrap_or(DropReason::Other)
    }
}

impl From<&str> for DropReason {
    fn from(code: &str) -> DropReason {
        DropReason::from_code(code)
    }
}

impl PartialEq<&str> for DropReason {
    fn eq(&self, other: &&str) -> bool {
        self.code() == *other
    }
}

impl std::fmt::Display for DropReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::fmt::Display for WarningKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_match_serde() {
        for k in WarningKind::ALL {
            assert_eq!(WarningKind::from_code(k.code()), k);
            assert_eq!(
                serde_json::to_string(&k).unwrap(),
                format!("\"{}\"", k.code())
            );
        }
        for r in DropReason::ALL {
            assert_eq!(DropReason::from_code(r.code()), r);
            assert_eq!(
                serde_json::to_string(&r).unwrap(),
                format!("\"{}\"", r.code())
            );
        }
        let unknown: WarningKind = serde_json::from_str("\"from_the_future\"").unwrap();
        assert_eq!(unknown, WarningKind::Other);
        let unknown: DropReason = serde_json::from_str("\"from-the-future\"").unwrap();
        assert_eq!(unknown, DropReason::Other);
    }
}

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
/// read by [`rate`](crate::doubt::rate); not part of the model.
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
/// look; the others are sure. (No headline at all is rated by [`crate::doubt::rate`].)
pub(crate) fn headline_doubt(rule: HeadlineRule) -> Option<Doubt> {
    matches!(rule, HeadlineRule::NumberGap | HeadlineRule::WrapEnd).then(|| Doubt {
        reasons: vec![DoubtReason::HeadlineWeakRule],
    })
}
