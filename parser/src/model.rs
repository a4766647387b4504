//! The structured bulletin: what `parse` produces and every view and export reads.
//!
//! Field names follow the JSON export contract in `shared/SPEC.md`; they may
//! gain siblings but are never renamed. Absent values are `None` (JSON `null`),
//! never guessed.

use std::borrow::Cow;

use serde::{Deserialize, Serialize, Serializer};

use crate::messages::Doubt;
use crate::messages::{DropReason, WarningKind};
use crate::small_string::SmallString;

/// One parsed bulletin.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Bulletin {
    pub masthead: Masthead,
    /// Section names in order of appearance, brackets and markdown stripped.
    pub sections: Vec<String>,
    pub items: Vec<Item>,
    pub footer: Footer,
    /// Lines the parser could not place. Their text is kept here, so nothing
    /// the user pasted is lost.
    pub warnings: Vec<Warning>,
    /// Lines recognised as layout noise (page numbers, markdown rules) and
    /// left out of every part. Kept so the "no text lost" property can be
    /// checked and the page can show what was dropped.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dropped: Vec<Dropped>,
    /// Editor's notes (`编者按：…`), each its text; not items.
    #[serde(default)]
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Masthead {
    /// First non-empty line, markdown `#` stripped: `延津政务快报`.
    pub title: Option<String>,
    /// The issue as printed: `第 39 期`, `第二十五期`.
    pub issue: Option<String>,
    /// The issue as an integer: 39, 25.
    pub issue_number: Option<u32>,
    /// `延津县人民政府办公室`.
    pub issuer: Option<String>,
    /// ISO `YYYY-MM-DD`.
    pub date: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// The section the item stands under, if the bulletin has sections.
    pub section: Option<SmallString>,
    pub headline: String,
    /// The text after the headline, page-break damage repaired, the closing
    /// source parenthetical and markdown `**` removed.
    pub body: String,
    /// Reporting units from the closing parenthetical: `["财政局"]`.
    pub sources: Vec<SmallString>,
    /// People named beside the unit in the source parenthetical:
    /// `（县发改委 张伟）` → `["张伟"]`.
    #[serde(default)]
    pub authors: Vec<String>,
    pub figures: Vec<Figure>,
    /// Character ranges of `body` that were bold (`**…**`) in the input; the
    /// figures after one belong to it (`Figure::entity`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub emphasis: Vec<Span>,
    /// Input lines (1-based, inclusive) the item was read from.
    pub lines: LineRange,
    /// Why the parser is unsure how it read this item (headline break,
    /// source, section); `None` (and absent from the JSON) when it is sure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<Doubt>,
    /// Changed by a correction made by hand ([`crate::corrections`]);
    /// absent from the JSON when false.
    #[serde(default, skip_serializing_if = "is_false")]
    pub corrected: bool,
}

/// A half-open range of character (Unicode scalar) offsets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// Input lines, 1-based and inclusive.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineRange {
    pub first: usize,
    pub last: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// The number with its qualifier and unit, exactly as in the body:
    /// `170 余万元`, `约 43 人次`, `30 台（套）`.
    pub text: SmallString,
    /// The normalised number: `170 余万元` → 1700000; a percent is the plain number.
    #[serde(serialize_with = "number_as_integer_when_whole")]
    pub value: f64,
    /// The upper end of a range (`3至5万元` → value 30000, value_max 50000);
    /// `None` for a single number.
    #[serde(default, serialize_with = "option_number_as_integer_when_whole")]
    pub value_max: Option<f64>,
    /// The unit after any multiplier, bracketed alternative dropped: `元`, `台`,
    /// `个百分点`; `None` when the text gives only a multiplier (`21.4 亿`).
    /// Borrowed from the parser's unit table (no allocation per figure;
    /// serialised as a plain string); owned when read back from JSON.
    pub unit: Option<Cow<'static, str>>,
    /// One of 余 多 约 近 超 超过 逾 以上 左右 (borrowed, as `unit`).
    pub approx: Option<Cow<'static, str>>,
    pub kind: FigureKind,
    /// Character offsets into `Item::body`; `body[start..end] == text`.
    pub start: usize,
    pub end: usize,
    /// The phrase the figure measures: `总投资`, `一般公共预算收入`.
    #[serde(default)]
    pub label: Option<SmallString>,
    /// Direction of change, when the figure is a change: `增长 3.5%`.
    #[serde(default)]
    pub change: Option<Change>,
    /// The period the figure covers: `1—8月份`, `一季度`, `今年以来`.
    #[serde(default)]
    pub period: Option<SmallString>,
    /// The bold sub-unit the figure belongs to: `胙城乡`.
    #[serde(default)]
    pub entity: Option<SmallString>,
    /// Added by hand ([`crate::corrections`]); absent from the JSON when false.
    #[serde(default, skip_serializing_if = "is_false")]
    pub corrected: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FigureKind {
    Money,
    Percent,
    Count,
    Measure,
    Duration,
}

impl FigureKind {
    pub const ALL: [FigureKind; 5] = [
        FigureKind::Money,
        FigureKind::Percent,
        FigureKind::Count,
        FigureKind::Measure,
        FigureKind::Duration,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FigureKind::Money => "money",
            FigureKind::Percent => "percent",
            FigureKind::Count => "count",
            FigureKind::Measure => "measure",
            FigureKind::Duration => "duration",
        }
    }
}

/// The direction a figure moved: `增长`, `提高`, `增加` are up; `下降`,
/// `减少`, `降低` are down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    Up,
    Down,
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Up => "up",
            Change::Down => "down",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Footer {
    /// Text after `本期发：`, including its final `。`.
    pub distribution: Option<String>,
    /// `责任编辑：李 勉` → `李勉`.
    pub editor: Option<String>,
    pub reviewer: Option<String>,
    pub signer: Option<String>,
}

/// Lines the parser could not place or doubts, with their text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    pub lines: LineRange,
    /// The Chinese text of `code` ([`WarningKind::message_zh`]), as the
    /// JSON has always carried it.
    pub message: String,
    pub text: String,
    /// What kind of warning, as a stable code (`"no_source"`).
    #[serde(default)]
    pub code: WarningKind,
}

impl Warning {
    /// A warning of `kind` over lines `first..=last`, with its Chinese text.
    pub fn new(kind: WarningKind, first: usize, last: usize, text: String) -> Warning {
        Warning {
            lines: LineRange { first, last },
            message: kind.message_zh().to_string(),
            text,
            code: kind,
        }
    }
}

/// A line left out as layout noise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dropped {
    pub line: usize,
    pub text: String,
    /// Why: `"page-number"`, `"rule"` (a stable code).
    pub reason: DropReason,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// JSON has one number type, but `1050` reads better than `1050.0` and is what
/// other tools expect for whole numbers.
fn number_as_integer_when_whole<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

fn option_number_as_integer_when_whole<S: Serializer>(
    v: &Option<f64>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => number_as_integer_when_whole(v, s),
        None => s.serialize_none(),
    }
}
