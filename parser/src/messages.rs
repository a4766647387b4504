//! What the parser says about the text it read, as types: why a line became
//! a warning ([`WarningKind`]) and why a line was left out as layout noise
//! ([`DropReason`]). Each has a stable code (the JSON and the CLI print it;
//! never renamed) and today's Chinese text; the page translates the codes.

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
