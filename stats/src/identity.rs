//! Which bulletin a text is, which series it belongs to, and when it was
//! published: the keys everything else is grouped by.

use std::fmt;

use bulletin_parser::Bulletin;
use serde::{Deserialize, Serialize};

/// A bulletin's identity: the same title, issue and date is the same
/// bulletin (a second copy replaces the first). Title and issue are
/// compared without spaces (`某 县 政 务 信 息` is `某县政务信息`); the issue
/// is its number when the parser read one (`第 39 期` and `第三十九期` are
/// both `39`), else its text. A bulletin with neither issue nor date (no
/// masthead read) is keyed by a hash of its items in the issue's place, so
/// two such texts are never taken for one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct BulletinKey {
    pub title: String,
    pub issue: String,
    /// ISO `YYYY-MM-DD`, or empty.
    pub date: String,
}

impl BulletinKey {
    pub fn of(bulletin: &Bulletin) -> Self {
        let m = &bulletin.masthead;
        let title = m.title.as_deref().map(compact).unwrap_or_default();
        let issue = match (m.issue_number, m.issue.as_deref()) {
            (Some(n), _) => n.to_string(),
            (None, Some(text)) => compact(text),
            (None, None) => String::new(),
        };
        let date = m.date.clone().unwrap_or_default();
        let issue = if issue.is_empty() && date.is_empty() {
            format!("无刊头-{:016x}", content_hash(bulletin))
        } else {
            issue
        };
        BulletinKey { title, issue, date }
    }

    /// One string for the key (`title|issue|date`), e.g. an IndexedDB key.
    pub fn id(&self) -> String {
        format!("{}|{}|{}", self.title, self.issue, self.date)
    }
}

impl fmt::Display for BulletinKey {
    /// `延津政务快报 第39期 2024-03-08`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let issue = if self.issue.bytes().all(|b| b.is_ascii_digit()) && !self.issue.is_empty() {
            format!("第{}期", self.issue)
        } else {
            self.issue.clone()
        };
        let parts: Vec<&str> = [self.title.as_str(), issue.as_str(), self.date.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        f.write_str(&parts.join(" "))
    }
}

/// A bulletin series: one title from one office. Units belong to a series
/// (`财政局` in two counties' bulletins are two units). A bulletin whose
/// issuer was not read joins the one series of its title, if there is
/// exactly one (see [`crate::Index`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SeriesKey {
    pub title: String,
    /// The issuing office (`某县人民政府办公室`), or empty when not read.
    pub office: String,
}

impl SeriesKey {
    pub fn of(bulletin: &Bulletin) -> Self {
        let m = &bulletin.masthead;
        SeriesKey {
            title: m.title.as_deref().map(compact).unwrap_or_default(),
            office: m.issuer.as_deref().map(compact).unwrap_or_default(),
        }
    }
}

impl fmt::Display for SeriesKey {
    /// `延津政务快报（延津县人民政府办公室）`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let title = if self.title.is_empty() {
            "（无刊名）"
        } else {
            &self.title
        };
        if self.office.is_empty() {
            f.write_str(title)
        } else {
            write!(f, "{title}（{}）", self.office)
        }
    }
}

/// Where a bulletin's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// The masthead date (the normal case).
    Masthead,
    /// No masthead date: the year printed with the issue (`2024年第12期`).
    IssueText,
    /// No date in the text: a date in the file name (`2024-03-08.txt`,
    /// `20240308`, `2024年3月`).
    FileName,
    /// No date anywhere.
    None,
}

/// When a bulletin was published, as far as it is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Dating {
    pub year: Option<i32>,
    pub month: Option<u8>,
    pub day: Option<u8>,
    pub source: DateSource,
}

impl Dating {
    /// The masthead date; without one, the year printed with the issue;
    /// without that, a date in the file name.
    pub fn of(bulletin: &Bulletin, file: Option<&str>) -> Self {
        if let Some((y, m, d)) = bulletin.masthead.date.as_deref().and_then(iso_date) {
            return Dating {
                year: Some(y),
                month: Some(m),
                day: Some(d),
                source: DateSource::Masthead,
            };
        }
        if let Some(y) = bulletin
            .masthead
            .issue
            .as_deref()
            .and_then(|t| date_in_text(t).map(|(y, _, _)| y))
        {
            return Dating {
                year: Some(y),
                month: None,
                day: None,
                source: DateSource::IssueText,
            };
        }
        if let Some((y, m, d)) = file.and_then(|f| date_in_text(file_stem(f))) {
            return Dating {
                year: Some(y),
                month: m,
                day: d,
                source: DateSource::FileName,
            };
        }
        Dating {
            year: None,
            month: None,
            day: None,
            source: DateSource::None,
        }
    }

    /// `2024-03-08`, `2024-03`, `2024`, or empty.
    pub fn iso(&self) -> String {
        match (self.year, self.month, self.day) {
            (Some(y), Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
            (Some(y), Some(m), None) => format!("{y:04}-{m:02}"),
            (Some(y), _, _) => format!("{y:04}"),
            _ => String::new(),
        }
    }
}

/// How finely periods are cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    Month,
    Quarter,
    Year,
}

impl Granularity {
    /// `month`, `quarter`, `year` (also 月, 季, 季度, 年).
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "month" | "monthly" | "m" | "月" | "月度" => Some(Granularity::Month),
            "quarter" | "quarterly" | "q" | "季" | "季度" => Some(Granularity::Quarter),
            "year" | "yearly" | "annual" | "y" | "年" | "年度" => Some(Granularity::Year),
            _ => None,
        }
    }
}

/// A calendar period a bulletin falls in. A bulletin known only to its
/// year falls in that year's [`Period::Year`] whatever the granularity
/// asked (the report says so); one with no date at all in
/// [`Period::Undated`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Period {
    Month { year: i32, month: u8 },
    Quarter { year: i32, quarter: u8 },
    Year { year: i32 },
    Undated,
}

impl Period {
    /// The period of `granularity` a dated bulletin falls in.
    pub fn of(dating: &Dating, granularity: Granularity) -> Period {
        // A month out of range (a hand-made or deserialised dating) counts
        // as unknown.
        let month = dating.month.filter(|m| (1..=12).contains(m));
        match (dating.year, month, granularity) {
            (None, _, _) => Period::Undated,
            (Some(year), Some(month), Granularity::Month) => Period::Month { year, month },
            (Some(year), Some(month), Granularity::Quarter) => Period::Quarter {
                year,
                quarter: (month - 1) / 3 + 1,
            },
            (Some(year), _, _) => Period::Year { year },
        }
    }

    /// Whether a bulletin of `dating` falls in this period (an undated one
    /// only in [`Period::Undated`]; one known to its year only, only in that
    /// year).
    pub fn contains(&self, dating: &Dating) -> bool {
        match (
            *self,
            dating.year,
            dating.month.filter(|m| (1..=12).contains(m)),
        ) {
            (Period::Undated, None, _) => true,
            (Period::Year { year }, Some(y), _) => year == y,
            (Period::Quarter { year, quarter }, Some(y), Some(m)) => {
                year == y && (m - 1) / 3 + 1 == quarter
            }
            (Period::Month { year, month }, Some(y), Some(m)) => year == y && month == m,
            _ => false,
        }
    }

    /// `2024年3月`, `2024年第一季度`, `2024年`, `未注明日期`.
    pub fn label(&self) -> String {
        const QUARTERS: [&str; 4] = ["一", "二", "三", "四"];
        match *self {
            Period::Month { year, month } => format!("{year}年{month}月"),
            Period::Quarter { year, quarter } => format!(
                "{year}年第{}季度",
                QUARTERS[usize::from(quarter.clamp(1, 4)) - 1]
            ),
            Period::Year { year } => format!("{year}年"),
            Period::Undated => "未注明日期".to_owned(),
        }
    }

    /// `2024-03`, `2024-Q1`, `2024`, `undated`: what [`Period::parse`] reads.
    pub fn code(&self) -> String {
        match *self {
            Period::Month { year, month } => format!("{year:04}-{month:02}"),
            Period::Quarter { year, quarter } => format!("{year:04}-Q{quarter}"),
            Period::Year { year } => format!("{year:04}"),
            Period::Undated => "undated".to_owned(),
        }
    }

    /// Reads `2024-03`, `2024-Q1` (also `2024Q1`, `2024-q1`), `2024`, `undated`.
    pub fn parse(text: &str) -> Option<Period> {
        let t = text.trim();
        if t.eq_ignore_ascii_case("undated") {
            return Some(Period::Undated);
        }
        let year_digits = t.get(..4)?;
        if !year_digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = year_digits.parse().ok()?;
        let rest = t[4..].trim_start_matches('-');
        if rest.is_empty() {
            return Some(Period::Year { year });
        }
        if let Some(q) = rest.strip_prefix(['Q', 'q']) {
            let quarter: u8 = q.parse().ok()?;
            return (1..=4)
                .contains(&quarter)
                .then_some(Period::Quarter { year, quarter });
        }
        let month: u8 = rest.parse().ok()?;
        (1..=12)
            .contains(&month)
            .then_some(Period::Month { year, month })
    }

    /// Chronological order: by year, then by first month, finer periods
    /// after coarser ones starting at the same month; undated last.
    pub fn sort_key(&self) -> (i32, u8, u8) {
        match *self {
            Period::Year { year } => (year, 0, 0),
            Period::Quarter { year, quarter } => (year, (quarter.clamp(1, 4) - 1) * 3 + 1, 1),
            Period::Month { year, month } => (year, month, 2),
            Period::Undated => (i32::MAX, 0, 0),
        }
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Period {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

/// Text without whitespace, markdown emphasis or heading marks.
pub(crate) fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '#' | '\u{200B}' | '\u{FEFF}'))
        .collect()
}

fn iso_date(text: &str) -> Option<(i32, u8, u8)> {
    let mut parts = text.trim().splitn(3, '-');
    let y: i32 = parts.next()?.parse().ok()?;
    let m: u8 = parts.next()?.parse().ok()?;
    let d: u8 = parts.next()?.parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

fn file_stem(path: &str) -> &str {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

/// The first plausible date in a short text: a year 1990–2099 written in
/// four digits, then optionally a month and a day after a separator
/// (`-`, `.`, `_`, `/`, `年`, `月`) or directly (`20240308`).
fn date_in_text(text: &str) -> Option<(i32, Option<u8>, Option<u8>)> {
    let chars: Vec<char> = text.chars().take(200).collect();
    let digits_at = |i: usize, n: usize| -> Option<u32> {
        let s: String = chars.get(i..i + n)?.iter().collect();
        s.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    let is_digit = |i: usize| chars.get(i).is_some_and(|c| c.is_ascii_digit());
    for i in 0..chars.len() {
        if (i > 0 && is_digit(i - 1)) || !is_digit(i) {
            continue;
        }
        let Some(year) = digits_at(i, 4) else {
            continue;
        };
        if !(1990..=2099).contains(&year) {
            continue;
        }
        let year = year as i32;
        let mut j = i + 4;
        let compact_form = is_digit(j);
        if !compact_form {
            if !chars
                .get(j)
                .is_some_and(|c| matches!(c, '-' | '.' | '_' | '/' | '年'))
            {
                return Some((year, None, None));
            }
            j += 1;
        }
        let month_len = if compact_form || is_digit(j + 1) {
            2
        } else {
            1
        };
        let Some(month) = digits_at(j, month_len).filter(|m| (1..=12).contains(m)) else {
            return Some((year, None, None));
        };
        j += month_len;
        if !compact_form {
            if !chars
                .get(j)
                .is_some_and(|c| matches!(c, '-' | '.' | '_' | '/' | '月'))
            {
                return Some((year, Some(month as u8), None));
            }
            j += 1;
        }
        let day_len = if compact_form || is_digit(j + 1) {
            2
        } else {
            1
        };
        let day = digits_at(j, day_len)
            .filter(|d| (1..=31).contains(d))
            .map(|d| d as u8);
        return Some((year, Some(month as u8), day));
    }
    None
}

/// FNV-1a over the headlines and bodies: stable across runs and platforms.
fn content_hash(bulletin: &Bulletin) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for item in &bulletin.items {
        for b in item.headline.bytes().chain([0]).chain(item.body.bytes()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use bulletin_parser::Masthead;

    fn bulletin(title: &str, issue: Option<u32>, date: Option<&str>) -> Bulletin {
        Bulletin {
            masthead: Masthead {
                title: Some(title.into()),
                issue: issue.map(|n| format!("第 {n} 期")),
                issue_number: issue,
                issuer: Some("某县人民政府办公室".into()),
                date: date.map(Into::into),
            },
            ..Default::default()
        }
    }

    #[test]
    fn keys_ignore_spacing_and_issue_spelling() {
        let a = bulletin("某 县 政 务 信 息", Some(7), Some("2024-03-08"));
        let mut b = bulletin("某县政务信息", Some(7), Some("2024-03-08"));
        b.masthead.issue = Some("第七期".into());
        assert_eq!(BulletinKey::of(&a), BulletinKey::of(&b));
        assert_eq!(BulletinKey::of(&a).id(), "某县政务信息|7|2024-03-08");
        assert_eq!(
            BulletinKey::of(&a).to_string(),
            "某县政务信息 第7期 2024-03-08"
        );
        let c = bulletin("某县政务信息", Some(8), Some("2024-03-08"));
        assert_ne!(BulletinKey::of(&a), BulletinKey::of(&c));
    }

    #[test]
    fn headless_bulletins_are_keyed_by_content() {
        let mut a = Bulletin::default();
        a.masthead.title = Some("某县简报".into());
        a.items.push(Default::default());
        a.items[0].headline = "甲".into();
        let mut b = a.clone();
        b.items[0].headline = "乙".into();
        assert_ne!(BulletinKey::of(&a), BulletinKey::of(&b));
        assert_eq!(BulletinKey::of(&a), BulletinKey::of(&a.clone()));
    }

    #[test]
    fn dating_falls_back_to_issue_text_then_file_name() {
        let b = bulletin("某县政务信息", Some(7), Some("2024-05-08"));
        let d = Dating::of(&b, None);
        assert_eq!(
            (d.year, d.month, d.source),
            (Some(2024), Some(5), DateSource::Masthead)
        );
        let mut b = bulletin("某县政务信息", Some(7), None);
        b.masthead.issue = Some("2023年第7期".into());
        let d = Dating::of(&b, Some("x/2024-01-02.txt"));
        assert_eq!(
            (d.year, d.month, d.source),
            (Some(2023), None, DateSource::IssueText)
        );
        let b = bulletin("某县政务信息", Some(7), None);
        for (file, want) in [
            ("x/2024-01-02.txt", (Some(2024), Some(1), Some(2))),
            ("政务信息20231130.docx", (Some(2023), Some(11), Some(30))),
            ("2022年3月第5期.txt", (Some(2022), Some(3), None)),
            ("第5期.txt", (None, None, None)),
        ] {
            let d = Dating::of(&b, Some(file));
            assert_eq!((d.year, d.month, d.day), want, "{file}");
        }
    }

    #[test]
    fn periods() {
        let d = Dating {
            year: Some(2024),
            month: Some(8),
            day: Some(1),
            source: DateSource::Masthead,
        };
        let q = Period::of(&d, Granularity::Quarter);
        assert_eq!(
            q,
            Period::Quarter {
                year: 2024,
                quarter: 3
            }
        );
        assert_eq!(q.label(), "2024年第三季度");
        assert_eq!(Period::parse(&q.code()), Some(q));
        assert_eq!(
            Period::parse("2024-08"),
            Some(Period::Month {
                year: 2024,
                month: 8
            })
        );
        assert_eq!(Period::parse("2024"), Some(Period::Year { year: 2024 }));
        assert_eq!(Period::parse("2024-13"), None);
        assert!(q.contains(&d));
        let year_only = Dating {
            month: None,
            day: None,
            ..d
        };
        assert_eq!(
            Period::of(&year_only, Granularity::Month),
            Period::Year { year: 2024 }
        );
        assert!(!q.contains(&year_only));
        assert!(Period::Year { year: 2024 } < q);
        assert!(q < Period::Undated);
    }
}
