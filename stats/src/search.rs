//! Search across the library: plain text or a regular expression, filtered
//! by unit, section, period and figure value; hits with their context and
//! a link to their bulletin and item.

use std::fmt;

use regex::{Regex, RegexBuilder};
use serde::{Deserialize, Serialize};

use crate::filter::Filter;
use crate::identity::BulletinKey;
use crate::index::Index;
use crate::library::Library;

/// Longest pattern accepted, in characters.
pub const MAX_PATTERN_CHARS: usize = 1000;
/// Compiled-size limit of a regular expression (bytes).
pub const REGEX_SIZE_LIMIT: usize = 1 << 20;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchQuery {
    /// What to find; empty: every item the filters select (its headline is
    /// the hit), or with a value range, every figure in it.
    #[serde(default)]
    pub text: String,
    /// `text` is a regular expression (the `regex` crate's syntax).
    #[serde(default)]
    pub regex: bool,
    #[serde(default)]
    pub ignore_case: bool,
    #[serde(default)]
    pub filter: Filter,
    /// Only items of this unit (any spelling).
    #[serde(default)]
    pub unit: Option<String>,
    /// Only items under this section.
    #[serde(default)]
    pub section: Option<String>,
    /// Only items with a figure whose value (or range) reaches into
    /// `value_min..=value_max` (either end open).
    #[serde(default)]
    pub value_min: Option<f64>,
    #[serde(default)]
    pub value_max: Option<f64>,
    /// Characters of context on each side of a hit.
    #[serde(default = "default_context")]
    pub context: usize,
    /// Hits returned at most (all are counted).
    #[serde(default = "default_limit")]
    pub limit: usize,
}

fn default_context() -> usize {
    20
}

fn default_limit() -> usize {
    500
}

impl Default for SearchQuery {
    fn default() -> Self {
        SearchQuery {
            text: String::new(),
            regex: false,
            ignore_case: false,
            filter: Filter::default(),
            unit: None,
            section: None,
            value_min: None,
            value_max: None,
            context: default_context(),
            limit: default_limit(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    Headline,
    Body,
}

/// One match.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub key: BulletinKey,
    /// Index of the library entry and of the item in it.
    pub entry: usize,
    pub item: usize,
    pub field: Field,
    /// Character offsets of the match in the headline or body.
    pub start: usize,
    pub end: usize,
    pub before: String,
    pub matched: String,
    pub after: String,
    pub headline: String,
    pub section: Option<String>,
    /// The item's units (canonical names).
    pub units: Vec<String>,
    pub date: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// At most `limit`, in date order.
    pub hits: Vec<SearchHit>,
    /// Every match, counted past the limit too.
    pub total: usize,
    /// Items with at least one match.
    pub items: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SearchError {
    /// The pattern is not a valid regular expression (the message says why).
    Pattern(String),
    /// The pattern is too long or compiles too large.
    TooLarge(String),
}

impl fmt::Display for SearchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SearchError::Pattern(m) => write!(f, "表达式有误 / bad pattern: {m}"),
            SearchError::TooLarge(m) => write!(f, "表达式过大 / pattern too large: {m}"),
        }
    }
}

impl std::error::Error for SearchError {}

/// Compiles the query's pattern, size-limited.
pub fn compile(query: &SearchQuery) -> Result<Option<Regex>, SearchError> {
    if query.text.is_empty() {
        return Ok(None);
    }
    if query.text.chars().count() > MAX_PATTERN_CHARS {
        return Err(SearchError::TooLarge(format!(
            "longer than {MAX_PATTERN_CHARS} characters"
        )));
    }
    let pattern = if query.regex {
        query.text.clone()
    } else {
        regex::escape(&query.text)
    };
    RegexBuilder::new(&pattern)
        .case_insensitive(query.ignore_case)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT)
        .nest_limit(64)
        .build()
        .map(Some)
        .map_err(|e| match e {
            regex::Error::CompiledTooBig(n) => {
                SearchError::TooLarge(format!("compiles past {n} bytes"))
            }
            e => SearchError::Pattern(e.to_string()),
        })
}

pub fn search(
    library: &Library,
    index: &Index,
    query: &SearchQuery,
) -> Result<SearchResults, SearchError> {
    let pattern = compile(query)?;
    let units: Option<Vec<u32>> = query.unit.as_deref().map(|u| index.units_matching(u));
    let value_filter = query.value_min.is_some() || query.value_max.is_some();
    let in_range = |lo: f64, hi: f64| {
        query.value_min.is_none_or(|min| hi >= min) && query.value_max.is_none_or(|max| lo <= max)
    };
    let mut results = SearchResults::default();
    for e in library.by_date() {
        if !query.filter.matches(library, index, e) {
            continue;
        }
        let entry = &library.entries()[e];
        for (i, item) in entry.bulletin.items.iter().enumerate() {
            let item_units = &index.item_units[e][i];
            if let Some(allowed) = &units {
                if !item_units.iter().any(|u| allowed.contains(u)) {
                    continue;
                }
            }
            if let Some(section) = &query.section {
                if item.section.as_deref() != Some(section.as_str()) {
                    continue;
                }
            }
            let figure_range = |f: &bulletin_parser::Figure| {
                f.value.is_finite() && in_range(f.value, f.value_max.unwrap_or(f.value))
            };
            if value_filter && !item.figures.iter().any(figure_range) {
                continue;
            }
            let mut spans: Vec<(Field, usize, usize)> = Vec::new();
            match &pattern {
                Some(re) => {
                    for (field, text) in
                        [(Field::Headline, &item.headline), (Field::Body, &item.body)]
                    {
                        for m in re.find_iter(text) {
                            if m.start() == m.end() {
                                continue;
                            }
                            spans.push((field, m.start(), m.end()));
                        }
                    }
                }
                None if value_filter => {
                    // The figures in range, as byte spans of the body.
                    let mut chars = CharToByte::new(&item.body);
                    for f in item.figures.iter().filter(|f| figure_range(f)) {
                        if let (Some(s), Some(t)) = (chars.byte(f.start), chars.byte(f.end)) {
                            spans.push((Field::Body, s, t));
                        }
                    }
                }
                None => spans.push((Field::Headline, 0, item.headline.len())),
            }
            if spans.is_empty() {
                continue;
            }
            results.items += 1;
            results.total += spans.len();
            let room = query.limit.saturating_sub(results.hits.len());
            let names: Vec<String> = item_units
                .iter()
                .map(|&u| index.units[u as usize].name.clone())
                .collect();
            let mut counters = [ByteToChar::new(&item.headline), ByteToChar::new(&item.body)];
            for (field, s, t) in spans.into_iter().take(room) {
                let text = match field {
                    Field::Headline => &item.headline,
                    Field::Body => &item.body,
                };
                let counter = &mut counters[field as usize];
                let start = counter.chars(s);
                let end = counter.chars(t);
                results.hits.push(SearchHit {
                    key: entry.key.clone(),
                    entry: e,
                    item: i,
                    field,
                    start,
                    end,
                    before: tail_chars(&text[..s], query.context),
                    matched: text[s..t].to_owned(),
                    after: text[t..].chars().take(query.context).collect(),
                    headline: item.headline.clone(),
                    section: item.section.as_deref().map(str::to_owned),
                    units: names.clone(),
                    date: entry.dating.iso(),
                });
            }
        }
    }
    Ok(results)
}

/// The last `n` characters of `text`.
fn tail_chars(text: &str, n: usize) -> String {
    if n == 0 {
        return String::new();
    }
    match text.char_indices().rev().nth(n - 1) {
        Some((i, _)) => text[i..].to_owned(),
        None => text.to_owned(),
    }
}

/// Byte offsets to character offsets, for increasing offsets (one pass).
struct ByteToChar<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> ByteToChar<'a> {
    fn new(text: &'a str) -> Self {
        ByteToChar {
            text,
            byte: 0,
            chars: 0,
        }
    }

    fn chars(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

/// Character offsets to byte offsets, for mostly increasing offsets.
struct CharToByte<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharToByte<'a> {
    fn new(text: &'a str) -> Self {
        CharToByte {
            text,
            byte: 0,
            chars: 0,
        }
    }

    fn byte(&mut self, chars: usize) -> Option<usize> {
        if chars < self.chars {
            self.byte = 0;
            self.chars = 0;
        }
        let mut it = self.text[self.byte..].char_indices();
        while self.chars < chars {
            let (_, c) = it.next()?;
            self.byte += c.len_utf8();
            self.chars += 1;
        }
        Some(self.byte)
    }
}
