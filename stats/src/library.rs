//! The library: bulletins kept once each (by [`BulletinKey`]), with their
//! series and dates, listed by date, with gaps in the issue numbers.

use std::collections::{BTreeMap, HashMap};

use bulletin_parser::Bulletin;
use serde::{Deserialize, Serialize};

use crate::identity::{BulletinKey, Dating, Granularity, Period, SeriesKey};

/// One bulletin of the library.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub key: BulletinKey,
    /// The series as its own masthead says (see [`crate::Index`] for the
    /// series it is counted in when its office was not read).
    pub series: SeriesKey,
    pub dating: Dating,
    /// The file it was read from, if any.
    pub file: Option<String>,
    pub bulletin: Bulletin,
}

impl Entry {
    pub fn new(file: Option<String>, bulletin: Bulletin) -> Self {
        Entry {
            key: BulletinKey::of(&bulletin),
            series: SeriesKey::of(&bulletin),
            dating: Dating::of(&bulletin, file.as_deref()),
            file,
            bulletin,
        }
    }
}

/// What adding a bulletin did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Inserted {
    /// A bulletin the library did not have.
    New,
    /// The same key with a different text: the new one replaced the old.
    Replaced,
    /// The same bulletin again: nothing changed.
    Unchanged,
}

/// Bulletins kept once each, in the order added. Serialised as the list
/// of its entries.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(into = "Vec<Entry>", from = "Vec<Entry>")]
pub struct Library {
    entries: Vec<Entry>,
    by_key: HashMap<BulletinKey, usize>,
}

impl Library {
    pub fn new() -> Self {
        Library::default()
    }

    /// A library of `(file name, bulletin)` pairs; a later copy of the same
    /// bulletin replaces an earlier one.
    pub fn from_bulletins<I>(bulletins: I) -> Self
    where
        I: IntoIterator<Item = (Option<String>, Bulletin)>,
    {
        let mut library = Library::new();
        for (file, bulletin) in bulletins {
            library.insert(file, bulletin);
        }
        library
    }

    /// Adds a bulletin, or replaces the one with the same key (a changed
    /// text), or leaves an identical copy out.
    pub fn insert(&mut self, file: Option<String>, bulletin: Bulletin) -> Inserted {
        self.insert_entry(Entry::new(file, bulletin))
    }

    /// [`Library::insert`] for an entry already made.
    pub fn insert_entry(&mut self, entry: Entry) -> Inserted {
        match self.by_key.get(&entry.key) {
            Some(&i) if self.entries[i].bulletin == entry.bulletin => Inserted::Unchanged,
            Some(&i) => {
                self.entries[i] = entry;
                Inserted::Replaced
            }
            None => {
                self.by_key.insert(entry.key.clone(), self.entries.len());
                self.entries.push(entry);
                Inserted::New
            }
        }
    }

    /// Removes a bulletin; `None` when the library does not have it.
    pub fn remove(&mut self, key: &BulletinKey) -> Option<Entry> {
        let i = self.by_key.remove(key)?;
        let entry = self.entries.remove(i);
        for e in &self.entries[i..] {
            if let Some(j) = self.by_key.get_mut(&e.key) {
                *j -= 1;
            }
        }
        Some(entry)
    }

    /// Keeps the entries `keep` says yes to and returns the others, in
    /// order (removing several or all at once, in one pass).
    pub fn retain(&mut self, mut keep: impl FnMut(&Entry) -> bool) -> Vec<Entry> {
        let (kept, removed): (Vec<Entry>, Vec<Entry>) = std::mem::take(&mut self.entries)
            .into_iter()
            .partition(|e| keep(e));
        self.by_key = kept
            .iter()
            .enumerate()
            .map(|(i, e)| (e.key.clone(), i))
            .collect();
        self.entries = kept;
        removed
    }

    pub fn get(&self, key: &BulletinKey) -> Option<&Entry> {
        self.by_key.get(key).map(|&i| &self.entries[i])
    }

    /// Entries in the order added (indices are what reports link to).
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Section names in order of first appearance (by date), for filters.
    pub fn sections(&self) -> Vec<String> {
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        for i in self.by_date() {
            for item in &self.entries[i].bulletin.items {
                if let Some(s) = item.section.as_deref() {
                    if seen.insert(s) {
                        out.push(s.to_owned());
                    }
                }
            }
        }
        out
    }

    /// The periods of `granularity` the library's bulletins fall in, in order.
    pub fn periods(&self, granularity: Granularity) -> Vec<Period> {
        let mut out: Vec<Period> = self
            .entries
            .iter()
            .map(|e| Period::of(&e.dating, granularity))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Entry indices by date (undated last), then title and issue number.
    pub fn by_date(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.entries.len()).collect();
        order.sort_by_key(|&i| {
            let e = &self.entries[i];
            (
                e.dating.year.is_none(),
                e.dating.year,
                e.dating.month,
                e.dating.day,
                e.key.title.clone(),
                e.bulletin.masthead.issue_number,
            )
        });
        order
    }
}

impl From<Vec<Entry>> for Library {
    /// A library of entries already made (e.g. read back from storage); a
    /// later entry with the same key replaces an earlier one.
    fn from(entries: Vec<Entry>) -> Self {
        let mut library = Library::new();
        for entry in entries {
            library.insert_entry(entry);
        }
        library
    }
}

impl From<Library> for Vec<Entry> {
    fn from(library: Library) -> Self {
        library.entries
    }
}

/// Issue numbers of one series in one year: which are there and which
/// are missing between the first and the last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueGaps {
    pub series: SeriesKey,
    /// `None`: bulletins whose year is not known.
    pub year: Option<i32>,
    pub first: u32,
    pub last: u32,
    /// Bulletins of the series and year with an issue number.
    pub present: usize,
    /// Numbers between `first` and `last` no bulletin has.
    pub missing: Vec<u32>,
    /// Numbers two different bulletins have (different dates).
    pub duplicated: Vec<u32>,
    /// Whether the year starts after issue 1 (earlier issues not in the
    /// library, or numbering that does not restart each year).
    pub starts_late: bool,
}

/// Gaps in the issue numbers, per series (as [`crate::Index`] resolves
/// them) and year, in order of series then year.
pub fn issue_gaps(library: &Library, series_of: &[SeriesKey]) -> Vec<IssueGaps> {
    let mut groups: BTreeMap<(&SeriesKey, Option<i32>), Vec<u32>> = BTreeMap::new();
    for (entry, series) in library.entries().iter().zip(series_of) {
        if let Some(n) = entry.bulletin.masthead.issue_number {
            groups
                .entry((series, entry.dating.year))
                .or_default()
                .push(n);
        }
    }
    let mut out = Vec::new();
    for ((series, year), mut numbers) in groups {
        numbers.sort_unstable();
        let present = numbers.len();
        let mut duplicated: Vec<u32> = numbers
            .windows(2)
            .filter(|w| w[0] == w[1])
            .map(|w| w[0])
            .collect();
        duplicated.dedup();
        numbers.dedup();
        let (first, last) = (numbers[0], numbers[numbers.len() - 1]);
        // A pathological span (issue 1 and issue 4,000,000) lists no more
        // than 10,000 missing numbers.
        let mut missing = Vec::new();
        for pair in numbers.windows(2) {
            for n in pair[0] + 1..pair[1] {
                if missing.len() >= 10_000 {
                    break;
                }
                missing.push(n);
            }
        }
        out.push(IssueGaps {
            series: series.clone(),
            year,
            first,
            last,
            present,
            missing,
            duplicated,
            starts_late: first > 1,
        });
    }
    out
}
