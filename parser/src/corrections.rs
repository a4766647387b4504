//! Corrections by hand: what a reader changed in a parsed bulletin, kept
//! apart from the text so it can be re-applied when the same text is parsed
//! again (the page on reload, `bulletin parse --corrections FILE`).
//!
//! A correction names its item by what survives re-parsing the same text —
//! the item's first input line and its headline ([`ItemRef`]) — and a figure
//! by its character span in the body and its text ([`FigureRef`]); never by
//! an index alone. Corrections apply in order, each to the bulletin as the
//! ones before it left it: a reference names the item as it then stands.
//! [`apply`] never panics and never guesses: a correction whose item,
//! figure or text is no longer there is returned as [`Skipped`], with why.
//!
//! What a correction touches is marked `corrected: true` (serialised only
//! when true, so an uncorrected bulletin's JSON is unchanged), and its
//! doubt (`check`) is cleared: a person has looked at it.

use serde::{Deserialize, Serialize};

use crate::model::{Bulletin, Figure, FigureKind, Item, LineRange};
use crate::small_string::SmallString;

/// An item, named so that re-parsing the same text finds it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemRef {
    /// The item's first input line (1-based; `Item::lines.first`).
    pub line: usize,
    /// Its headline as it stands when the correction applies.
    pub headline: String,
}

impl ItemRef {
    /// The reference to `item` as it stands now.
    pub fn of(item: &Item) -> ItemRef {
        ItemRef {
            line: item.lines.first,
            headline: item.headline.clone(),
        }
    }
}

/// A figure of an item: its character span in the body and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FigureRef {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl FigureRef {
    pub fn of(figure: &Figure) -> FigureRef {
        FigureRef {
            start: figure.start,
            end: figure.end,
            text: figure.text.to_string(),
        }
    }
}

/// One change made by hand. Serialised with its operation in `"op"`:
/// `{"op": "set_headline", "item": {"line": 7, "headline": "…"}, "headline": "…"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Correction {
    /// The item's headline becomes `headline`.
    SetHeadline { item: ItemRef, headline: String },
    /// The item's reporting units become `sources` (picked from the
    /// bulletin's units or typed).
    SetSources { item: ItemRef, sources: Vec<String> },
    /// The item stands under `section` (`None`: under none). A section not
    /// yet in the bulletin's list is added to its end.
    SetSection {
        item: ItemRef,
        section: Option<String>,
    },
    /// The item and the one after it become one: the next item's headline
    /// and body are appended to this body as paragraphs; sources, figures
    /// and lines are joined.
    MergeNext { item: ItemRef },
    /// The item is cut in two at character `at` of its body; `after` is the
    /// body text from there (its first characters suffice), checked before
    /// cutting. The second part's headline is found by the parser's
    /// headline rule; its sources are the item's closing ones.
    Split {
        item: ItemRef,
        at: usize,
        after: String,
    },
    /// The figure is wrong: it is removed.
    RemoveFigure { item: ItemRef, figure: FigureRef },
    /// A figure is read from characters `start..end` of the body (whose
    /// text is `text`) by the figure extractor; when it finds none there,
    /// `value` (with `unit` and `kind`, count by default) is taken as given.
    AddFigure {
        item: ItemRef,
        start: usize,
        end: usize,
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        value: Option<f64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unit: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        kind: Option<FigureKind>,
    },
}

impl Correction {
    /// The item the correction names.
    pub fn item(&self) -> &ItemRef {
        match self {
            Correction::SetHeadline { item, .. }
            | Correction::SetSources { item, .. }
            | Correction::SetSection { item, .. }
            | Correction::MergeNext { item }
            | Correction::Split { item, .. }
            | Correction::RemoveFigure { item, .. }
            | Correction::AddFigure { item, .. } => item,
        }
    }
}

/// A correction that could not be applied, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Skipped {
    /// Its position in the list given to [`apply`].
    pub index: usize,
    pub correction: Correction,
    pub reason: SkipReason,
}

/// Why a correction was not applied. Serialised as its stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// No item starts on that line with that headline (the text changed).
    ItemNotFound,
    /// Several items match the reference.
    ItemAmbiguous,
    /// The item's lines in the input no longer hold its headline.
    TextChanged,
    /// The offsets fall outside the body or inside no character.
    OutOfRange,
    /// The body text at the offsets is not the text the correction expects.
    BodyChanged,
    /// Merge asked of the last item.
    NoNextItem,
    /// No figure has that span and text.
    FigureNotFound,
    /// The range holds no figure and the correction gives no value.
    NoNumber,
    /// A figure with that span is already there.
    FigureExists,
}

impl SkipReason {
    pub fn code(self) -> &'static str {
        match self {
            SkipReason::ItemNotFound => "item_not_found",
            SkipReason::ItemAmbiguous => "item_ambiguous",
            SkipReason::TextChanged => "text_changed",
            SkipReason::OutOfRange => "out_of_range",
            SkipReason::BodyChanged => "body_changed",
            SkipReason::NoNextItem => "no_next_item",
            SkipReason::FigureNotFound => "figure_not_found",
            SkipReason::NoNumber => "no_number",
            SkipReason::FigureExists => "figure_exists",
        }
    }

    pub fn message_zh(self) -> &'static str {
        match self {
            SkipReason::ItemNotFound => "找不到该条目（原文已改动）",
            SkipReason::ItemAmbiguous => "有多个条目与之相符",
            SkipReason::TextChanged => "原文中该条目的标题已改动",
            SkipReason::OutOfRange => "位置超出正文",
            SkipReason::BodyChanged => "正文在该位置的文字已改动",
            SkipReason::NoNextItem => "没有下一条可合并",
            SkipReason::FigureNotFound => "找不到该数字",
            SkipReason::NoNumber => "所选文字中没有数字，也未给出数值",
            SkipReason::FigureExists => "该数字已存在",
        }
    }
}

/// The reporting units named anywhere in `bulletin` (items' sources and
/// figures' sub-units), each once, in order of first appearance: what a
/// source correction offers to pick from.
pub fn bulletin_units(bulletin: &Bulletin) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for it in &bulletin.items {
        let entities = it.figures.iter().filter_map(|f| f.entity.as_deref());
        for name in it.sources.iter().map(|s| &**s).chain(entities) {
            if !name.is_empty() && seen.insert(name.to_string()) {
                out.push(name.to_string());
            }
        }
    }
    out
}

/// Applies `corrections` in order to a copy of `bulletin`, parsed from
/// `input` (the whole text its line numbers count in). Returns the corrected
/// bulletin and the corrections that no longer apply. Never panics.
pub fn apply(
    bulletin: &Bulletin,
    input: &str,
    corrections: &[Correction],
) -> (Bulletin, Vec<Skipped>) {
    let mut b = bulletin.clone();
    let mut skipped = Vec::new();
    // Line starts of the input, built once (an item's lines are checked
    // against its headline).
    let lines: Vec<&str> = input.split('\n').collect();
    for (index, c) in corrections.iter().enumerate() {
        if let Err(reason) = apply_one(&mut b, &lines, c) {
            skipped.push(Skipped {
                index,
                correction: c.clone(),
                reason,
            });
        }
    }
    (b, skipped)
}

fn apply_one(b: &mut Bulletin, lines: &[&str], c: &Correction) -> Result<(), SkipReason> {
    let k = find_item(b, c.item())?;
    if !lines_hold_headline(lines, &b.items[k]) {
        return Err(SkipReason::TextChanged);
    }
    match c {
        Correction::SetHeadline { headline, .. } => {
            b.items[k].headline = headline.trim().to_string();
        }
        Correction::SetSources { sources, .. } => {
            b.items[k].sources = sources
                .iter()
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .map(SmallString::from)
                .collect();
        }
        Correction::SetSection { section, .. } => {
            let section = section.as_deref().map(str::trim).filter(|s| !s.is_empty());
            if let Some(s) = section {
                if !b.sections.iter().any(|x| x == s) {
                    b.sections.push(s.to_string());
                }
            }
            b.items[k].section = section.map(SmallString::from);
        }
        Correction::MergeNext { .. } => {
            if k + 1 >= b.items.len() {
                return Err(SkipReason::NoNextItem);
            }
            let next = b.items.remove(k + 1);
            merge(&mut b.items[k], next);
        }
        Correction::Split { at, after, .. } => {
            let second = split(&mut b.items[k], *at, after)?;
            mark(&mut b.items[k]);
            b.items.insert(k + 1, second);
        }
        Correction::RemoveFigure { figure, .. } => {
            let item = &mut b.items[k];
            let pos = item
                .figures
                .iter()
                .position(|f| {
                    f.start == figure.start && f.end == figure.end && f.text == figure.text
                })
                .ok_or(SkipReason::FigureNotFound)?;
            item.figures.remove(pos);
        }
        Correction::AddFigure {
            start,
            end,
            text,
            value,
            unit,
            kind,
            ..
        } => add_figure(&mut b.items[k], *start, *end, text, *value, unit, *kind)?,
    }
    mark(&mut b.items[k]);
    Ok(())
}

fn mark(item: &mut Item) {
    item.corrected = true;
    item.check = None;
}

/// The one item starting on `r.line` with headline `r.headline`.
fn find_item(b: &Bulletin, r: &ItemRef) -> Result<usize, SkipReason> {
    let mut found = b
        .items
        .iter()
        .enumerate()
        .filter(|(_, it)| it.lines.first == r.line && it.headline == r.headline)
        .map(|(k, _)| k);
    match (found.next(), found.next()) {
        (Some(k), None) => Ok(k),
        (Some(_), Some(_)) => Err(SkipReason::ItemAmbiguous),
        (None, _) => Err(SkipReason::ItemNotFound),
    }
}

/// The input lines the item was read from still hold its headline
/// (spaces, `*` and invisible characters aside). An item corrected by hand,
/// or with no headline, is not checked: its headline need not come from
/// the text.
fn lines_hold_headline(lines: &[&str], item: &Item) -> bool {
    if item.corrected || item.headline.is_empty() {
        return true;
    }
    let (first, last) = (item.lines.first, item.lines.last.max(item.lines.first));
    if first == 0 || first > lines.len() {
        return false;
    }
    let kept = |c: &char| {
        !c.is_whitespace()
            && *c != '*'
            && !matches!(
                c,
                '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}'
            )
    };
    let head: String = item.headline.chars().filter(kept).collect();
    let text: String = lines[first - 1..last.min(lines.len())]
        .iter()
        .flat_map(|l| l.chars())
        .filter(kept)
        .collect();
    text.contains(&head)
}

/// Byte offset of character `at` of `s`, if `at` is within it (its end included).
fn byte_at(s: &str, at: usize) -> Option<usize> {
    if at == 0 {
        return Some(0);
    }
    s.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(s.len()))
        .nth(at)
}

fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// `next` appended to `item`: its headline and body become paragraphs of
/// the body; figures and bold spans move with them.
fn merge(item: &mut Item, next: Item) {
    let Item {
        headline,
        body,
        sources,
        authors,
        figures,
        emphasis,
        lines,
        ..
    } = next;
    if !headline.is_empty() {
        if !item.body.is_empty() {
            item.body.push('\n');
        }
        let head_at = char_len(&item.body);
        item.body.push_str(&headline);
        // The headline's figures count once it is body text.
        for mut f in crate::figures::extract(&headline) {
            f.start += head_at;
            f.end += head_at;
            f.corrected = true;
            item.figures.push(f);
        }
    }
    if !body.is_empty() {
        if !item.body.is_empty() {
            item.body.push('\n');
        }
        let shift = char_len(&item.body);
        item.body.push_str(&body);
        item.figures.extend(figures.into_iter().map(|mut f| {
            f.start += shift;
            f.end += shift;
            f
        }));
        item.emphasis.extend(emphasis.into_iter().map(|mut s| {
            s.start += shift;
            s.end += shift;
            s
        }));
    }
    for s in sources {
        if !item.sources.contains(&s) {
            item.sources.push(s);
        }
    }
    for a in authors {
        if !item.authors.contains(&a) {
            item.authors.push(a);
        }
    }
    item.lines.last = item.lines.last.max(lines.last);
}

/// Cuts `item` at character `at` of its body; returns the second part.
fn split(item: &mut Item, at: usize, after: &str) -> Result<Item, SkipReason> {
    let len = char_len(&item.body);
    if at == 0 || at >= len {
        return Err(SkipReason::OutOfRange);
    }
    let cut = byte_at(&item.body, at).ok_or(SkipReason::OutOfRange)?;
    if after.is_empty() || !item.body[cut..].starts_with(after) {
        return Err(SkipReason::BodyChanged);
    }
    let rest = item.body[cut..].to_string();
    // The second part's own headline, found as the parser finds one; else
    // its first line when that reads as a headline alone; else none.
    let text = rest.trim_start();
    let (head_end, body_start) = crate::structure::headline_break(text)
        .or_else(|| {
            let nl = text.find('\n')?;
            let first = text[..nl].trim();
            let short = char_len(first) <= 60;
            let plain = !first.contains(['。', '；', '！', '？']);
            (short && plain && !first.is_empty()).then_some((nl, nl + 1))
        })
        .unwrap_or((0, 0));
    let headline = text[..head_end].trim().to_string();
    let body2 = text[body_start..].trim_start();
    // Character offset in the old body where the second body starts.
    let body2_at = at + char_len(&rest[..rest.len() - body2.len()]);

    let first_body = item.body[..cut].trim_end().to_string();
    let first_len = char_len(&first_body);
    let mut figures2 = Vec::new();
    let mut figures1 = Vec::new();
    for f in std::mem::take(&mut item.figures) {
        if f.end <= first_len {
            figures1.push(f);
        } else if f.start >= body2_at {
            let mut f = f;
            f.start -= body2_at;
            f.end -= body2_at;
            figures2.push(f);
        }
        // A figure cut through, or inside the new headline, is dropped
        // (figures in headlines are not figures).
    }
    let mut emph1 = Vec::new();
    let mut emph2 = Vec::new();
    for s in std::mem::take(&mut item.emphasis) {
        if s.end <= first_len {
            emph1.push(s);
        } else if s.start >= body2_at {
            let mut s = s;
            s.start -= body2_at;
            s.end -= body2_at;
            emph2.push(s);
        }
    }
    // Lines: the first part keeps as many input lines as its body has
    // paragraphs before the cut (an estimate: hard wraps were joined).
    let breaks = item.body[..cut].matches('\n').count();
    let split_line = (item.lines.first + breaks).min(item.lines.last);
    let second = Item {
        section: item.section.clone(),
        headline,
        body: body2.to_string(),
        sources: std::mem::take(&mut item.sources),
        authors: std::mem::take(&mut item.authors),
        figures: figures2,
        emphasis: emph2,
        lines: LineRange {
            first: (split_line + 1).min(item.lines.last),
            last: item.lines.last,
        },
        check: None,
        corrected: true,
    };
    item.body = first_body;
    item.figures = figures1;
    item.emphasis = emph1;
    item.lines.last = split_line;
    Ok(second)
}

fn add_figure(
    item: &mut Item,
    start: usize,
    end: usize,
    text: &str,
    value: Option<f64>,
    unit: &Option<String>,
    kind: Option<FigureKind>,
) -> Result<(), SkipReason> {
    if start >= end {
        return Err(SkipReason::OutOfRange);
    }
    let (Some(a), Some(z)) = (byte_at(&item.body, start), byte_at(&item.body, end)) else {
        return Err(SkipReason::OutOfRange);
    };
    let picked = &item.body[a..z];
    if picked != text {
        return Err(SkipReason::BodyChanged);
    }
    let figure = match crate::figures::extract(picked).into_iter().next() {
        Some(mut f) => {
            f.start += start;
            f.end += start;
            f
        }
        None => {
            let value = value
                .filter(|v| v.is_finite())
                .ok_or(SkipReason::NoNumber)?;
            Figure {
                text: SmallString::from(picked),
                value,
                value_max: None,
                unit: unit.clone().map(Into::into),
                approx: None,
                kind: kind.unwrap_or(FigureKind::Count),
                start,
                end,
                label: None,
                change: None,
                period: None,
                entity: None,
                corrected: true,
            }
        }
    };
    if item
        .figures
        .iter()
        .any(|f| f.start == figure.start && f.end == figure.end && !f.corrected)
        && !item
            .figures
            .iter()
            .any(|f| f.start == figure.start && f.end == figure.end && f.value != figure.value)
    {
        return Err(SkipReason::FigureExists);
    }
    // Figures the new one overlaps were misread: it replaces them.
    item.figures
        .retain(|f| f.end <= figure.start || f.start >= figure.end);
    let mut figure = figure;
    figure.corrected = true;
    let at = item.figures.partition_point(|f| f.start < figure.start);
    item.figures.insert(at, figure);
    Ok(())
}

/// Which bulletin a list of corrections belongs to: every field given must
/// match (`file` the input's path or its file name; the others the masthead).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulletinKey {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue_number: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

impl BulletinKey {
    /// The key of `b` by its masthead (title, issue number, date).
    pub fn of(b: &Bulletin) -> BulletinKey {
        BulletinKey {
            title: b.masthead.title.clone(),
            issue_number: b.masthead.issue_number,
            date: b.masthead.date.clone(),
            file: None,
        }
    }

    /// Whether `b`, read from `file` (`None`: pasted), is the bulletin
    /// this key names. A key naming nothing matches nothing.
    pub fn matches(&self, b: &Bulletin, file: Option<&str>) -> bool {
        let named = self.title.is_some()
            || self.issue_number.is_some()
            || self.date.is_some()
            || self.file.is_some();
        let file_ok = match (&self.file, file) {
            (None, _) => true,
            (Some(k), Some(f)) => k == f || file_name(f) == k.as_str(),
            (Some(_), None) => false,
        };
        named
            && file_ok
            && self
                .title
                .as_ref()
                .is_none_or(|t| b.masthead.title.as_ref() == Some(t))
            && self
                .issue_number
                .is_none_or(|n| b.masthead.issue_number == Some(n))
            && self
                .date
                .as_ref()
                .is_none_or(|d| b.masthead.date.as_ref() == Some(d))
    }
}

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// The corrections of one bulletin in a corrections file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BulletinCorrections {
    pub bulletin: BulletinKey,
    pub changes: Vec<Correction>,
}

/// A corrections file: `{"version": 1, "corrections": [{"bulletin": {…},
/// "changes": [{"op": …}, …]}, …]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorrectionsFile {
    pub version: u32,
    pub corrections: Vec<BulletinCorrections>,
}

/// The corrections file version this code writes and reads.
pub const VERSION: u32 = 1;

impl Default for CorrectionsFile {
    fn default() -> Self {
        CorrectionsFile {
            version: VERSION,
            corrections: Vec::new(),
        }
    }
}

impl CorrectionsFile {
    /// Reads a corrections file; an error names what is wrong.
    pub fn from_json(text: &str) -> Result<CorrectionsFile, String> {
        let f: CorrectionsFile = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if f.version != VERSION {
            return Err(format!(
                "corrections file version {} (this version reads {VERSION})",
                f.version
            ));
        }
        Ok(f)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Every correction for `b` read from `file`, in file order.
    pub fn for_bulletin(&self, b: &Bulletin, file: Option<&str>) -> Vec<Correction> {
        self.corrections
            .iter()
            .filter(|c| c.bulletin.matches(b, file))
            .flat_map(|c| c.changes.iter().cloned())
            .collect()
    }

    /// Adds `changes` for the bulletin named by `key` (after any it has).
    pub fn push(&mut self, key: BulletinKey, changes: Vec<Correction>) {
        match self.corrections.iter_mut().find(|c| c.bulletin == key) {
            Some(c) => c.changes.extend(changes),
            None => self.corrections.push(BulletinCorrections {
                bulletin: key,
                changes,
            }),
        }
    }
}
