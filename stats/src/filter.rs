//! Which bulletins a statistic or a search looks at.

use serde::{Deserialize, Serialize};

use crate::identity::{Period, SeriesKey};
use crate::index::Index;
use crate::library::Library;

/// A selection of bulletins; every field set must hold (empty: all).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Filter {
    /// One series only.
    #[serde(default)]
    pub series: Option<SeriesKey>,
    /// Bulletins dated in this period.
    #[serde(default)]
    pub period: Option<Period>,
    /// Issue numbers `from..=to` (of one year, when `year` is set).
    #[serde(default)]
    pub issues: Option<IssueRange>,
    /// Masthead dates `from..=to`, ISO (`2024-01-01`); either end may be empty.
    #[serde(default)]
    pub dates: Option<DateRange>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueRange {
    #[serde(default)]
    pub year: Option<i32>,
    pub from: u32,
    pub to: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateRange {
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
}

/// The first `n` bytes of `s`, or all of it when `n` is not on a
/// character boundary (user text need not be ASCII).
fn prefix(s: &str, n: usize) -> &str {
    s.get(..n.min(s.len())).unwrap_or(s)
}

impl Filter {
    /// Whether library entry `entry` is selected.
    pub fn matches(&self, library: &Library, index: &Index, entry: usize) -> bool {
        let e = &library.entries()[entry];
        if let Some(series) = &self.series {
            if index.series_of(entry) != series {
                return false;
            }
        }
        if let Some(period) = &self.period {
            if !period.contains(&e.dating) {
                return false;
            }
        }
        if let Some(range) = &self.issues {
            let Some(n) = e.bulletin.masthead.issue_number else {
                return false;
            };
            if n < range.from || n > range.to {
                return false;
            }
            if range.year.is_some() && range.year != e.dating.year {
                return false;
            }
        }
        if let Some(range) = &self.dates {
            let date = e.dating.iso();
            if date.is_empty() {
                return false;
            }
            // ISO dates compare as text; a year-only or month-only date is
            // compared by its prefix.
            if !range.from.is_empty() && date.as_str() < prefix(&range.from, date.len()) {
                return false;
            }
            if !range.to.is_empty() && date.as_str() > prefix(&range.to, date.len()) {
                return false;
            }
        }
        true
    }

    /// `2024年第一季度`, `第3—8期`, `2024-01-01—2024-03-31`, or `全部`:
    /// what the selection is called in a table's heading.
    pub fn label(&self) -> String {
        let mut parts = Vec::new();
        if let Some(p) = &self.period {
            parts.push(p.label());
        }
        if let Some(r) = &self.issues {
            let year = r.year.map(|y| format!("{y}年")).unwrap_or_default();
            parts.push(format!("{year}第{}—{}期", r.from, r.to));
        }
        if let Some(r) = &self.dates {
            parts.push(format!("{}—{}", r.from, r.to));
        }
        if parts.is_empty() {
            "全部".to_owned()
        } else {
            parts.join(" ")
        }
    }
}
