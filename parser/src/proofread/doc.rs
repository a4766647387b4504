//! What every check reads and writes: the text as a [`Doc`] (characters,
//! lines, the segments of the parsed bulletin), the [`Raw`] findings the
//! checks push, and the [`Finding`]s they become. Below every check: it uses
//! none of them.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::model::Bulletin;

/// What a finding is about. [`FindingKind::code`] is stable (CLI, JSON,
/// the page's dismissals use it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    /// A character or word written twice by mistake: `人大大`, `的的`, `工作工作`.
    Repeated,
    /// A bracket, quote, 【】 or 《》 opened and never closed, or closed and never opened.
    Unbalanced,
    /// Half-width `,` `;` `:` between Chinese characters; `（…)` mixing widths in one pair.
    Punctuation,
    /// The same headline printed twice.
    RepeatedHeadline,
    /// A stated share its parts contradict: `1.8 亿元，占 3.3 亿元的 65.3%`.
    Share,
    /// Parts after `其中` that do not add up to the total.
    PartsSum,
    /// A growth rate that contradicts the two values stated.
    Growth,
    /// A share over 100%: `占…的 120%`.
    ShareOver100,
    /// A weekday that does not match its date.
    Weekday,
    /// A date that cannot exist: `2月30日`, `13月`.
    ImpossibleDate,
    /// Something that already happened, dated after the issue date.
    FutureDate,
    /// The issue number written two ways that disagree.
    IssueNumber,
    /// One unit named two ways in the same issue: `县发改委`, `县发展改革委`.
    UnitName,
    /// A footer field with no name after it: `责任编辑：`.
    EmptyField,
    /// A house rule: a term the office writes another way.
    HouseRule,
}

impl FindingKind {
    pub const ALL: [FindingKind; 15] = [
        FindingKind::Repeated,
        FindingKind::Unbalanced,
        FindingKind::Punctuation,
        FindingKind::RepeatedHeadline,
        FindingKind::Share,
        FindingKind::PartsSum,
        FindingKind::Growth,
        FindingKind::ShareOver100,
        FindingKind::Weekday,
        FindingKind::ImpossibleDate,
        FindingKind::FutureDate,
        FindingKind::IssueNumber,
        FindingKind::UnitName,
        FindingKind::EmptyField,
        FindingKind::HouseRule,
    ];

    /// The stable code: `repeated`, `share-over-100`, …
    pub fn code(self) -> &'static str {
        match self {
            FindingKind::Repeated => "repeated",
            FindingKind::Unbalanced => "unbalanced",
            FindingKind::Punctuation => "punctuation",
            FindingKind::RepeatedHeadline => "repeated-headline",
            FindingKind::Share => "share",
            FindingKind::PartsSum => "parts-sum",
            FindingKind::Growth => "growth",
            FindingKind::ShareOver100 => "share-over-100",
            FindingKind::Weekday => "weekday",
            FindingKind::ImpossibleDate => "impossible-date",
            FindingKind::FutureDate => "future-date",
            FindingKind::IssueNumber => "issue-number",
            FindingKind::UnitName => "unit-name",
            FindingKind::EmptyField => "empty-field",
            FindingKind::HouseRule => "house-rule",
        }
    }

    pub fn from_code(code: &str) -> Option<FindingKind> {
        FindingKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The kind's name for a list heading: (Chinese, English).
    pub fn title(self) -> (&'static str, &'static str) {
        match self {
            FindingKind::Repeated => ("重复字词", "Repeated character or word"),
            FindingKind::Unbalanced => ("括号引号不配对", "Unbalanced bracket or quote"),
            FindingKind::Punctuation => ("标点", "Punctuation"),
            FindingKind::RepeatedHeadline => ("标题重复", "Headline printed twice"),
            FindingKind::Share => ("占比不符", "Share contradicts its parts"),
            FindingKind::PartsSum => ("分项合计不符", "Parts do not add up"),
            FindingKind::Growth => ("增幅不符", "Growth rate contradicts values"),
            FindingKind::ShareOver100 => ("占比超过100%", "Share over 100%"),
            FindingKind::Weekday => ("星期不符", "Weekday does not match date"),
            FindingKind::ImpossibleDate => ("日期不存在", "Impossible date"),
            FindingKind::FutureDate => ("日期晚于出刊", "Date after the issue date"),
            FindingKind::IssueNumber => ("期号不一致", "Issue numbers disagree"),
            FindingKind::UnitName => ("单位名称不统一", "Unit named two ways"),
            FindingKind::EmptyField => ("落款缺项", "Empty footer field"),
            FindingKind::HouseRule => ("用词规范", "House rule"),
        }
    }
}

/// One thing to look at: what, why, and exactly where in the input text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub kind: FindingKind,
    /// A short message in Chinese.
    pub message: String,
    /// The same in English.
    pub message_en: String,
    /// Character offsets (Unicode scalar values) into the input text.
    pub start: usize,
    pub end: usize,
    /// The input text at `start..end`.
    pub text: String,
    /// 1-based input line and column (characters) of `start`.
    pub line: usize,
    pub column: usize,
}

/// A finding before its text and line are filled in.
pub(crate) struct Raw {
    pub kind: FindingKind,
    pub start: usize,
    pub end: usize,
    pub zh: String,
    pub en: String,
}

impl Raw {
    pub fn new(kind: FindingKind, start: usize, end: usize, zh: String, en: String) -> Raw {
        Raw {
            kind,
            start,
            end,
            zh,
            en,
        }
    }
}

/// Where a segment stands in the bulletin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// An item's input lines.
    Item(usize),
    /// Any other line: masthead, section heading, footer.
    Other,
}

/// Where the characters stand that the checks start from (character
/// offsets, ascending), noted in the one walk that reads the text: each
/// check visits these rather than every character.
#[derive(Default)]
pub(crate) struct Cues {
    /// 占 比 其 由 从: shares (占…的, 比重), parts (其中), growth (由/从…至).
    pub numbers: Vec<usize>,
    /// 月 and the separators of numeric dates (- . /).
    pub dates: Vec<usize>,
    /// 县 区 市: the prefixes of unit names.
    pub units: Vec<usize>,
    /// Brackets, quotes and half-width `,` `;` `:` `?` `!`.
    pub marks: Vec<usize>,
    /// Han characters that may start a repeat: the same character follows,
    /// or was seen 2 to 8 characters before (by its low bits, see
    /// [`RECENT_SLOTS`]). Each with where that earlier one stands
    /// (`u32::MAX`: not seen).
    pub repeats: Vec<(usize, u32)>,
}

/// Slots of the table of where each Han character was last seen, indexed
/// by the character's low bits (two characters may share a slot: a repeat
/// candidate is then looked at and dismissed).
pub(crate) const RECENT_SLOTS: usize = 1024;

impl Cues {
    /// The 占 比 其 由 从 inside `seg`, relative to its start.
    pub fn numbers_in<'c>(&'c self, seg: &Segment) -> impl Iterator<Item = usize> + 'c {
        relative(&self.numbers, &seg.cues.numbers, seg.start)
    }

    /// The 月 - . / inside `seg`, relative to its start.
    pub fn dates_in<'c>(&'c self, seg: &Segment) -> impl Iterator<Item = usize> + 'c {
        relative(&self.dates, &seg.cues.dates, seg.start)
    }

    /// The 县 区 市 inside `seg`, relative to its start.
    pub fn units_in<'c>(&'c self, seg: &Segment) -> impl Iterator<Item = usize> + 'c {
        relative(&self.units, &seg.cues.units, seg.start)
    }

    /// The brackets, quotes and half-width marks inside `seg`, relative to
    /// its start.
    pub fn marks_in<'c>(&'c self, seg: &Segment) -> impl Iterator<Item = usize> + 'c {
        relative(&self.marks, &seg.cues.marks, seg.start)
    }

    /// The repeat candidates inside `seg` (input offsets).
    pub fn repeats_in(&self, seg: &Segment) -> &[(usize, u32)] {
        &self.repeats[seg.cues.repeats.clone()]
    }
}

fn relative<'c>(
    cues: &'c [usize],
    span: &Range<usize>,
    start: usize,
) -> impl Iterator<Item = usize> + 'c {
    cues[span.clone()].iter().map(move |&p| p - start)
}

/// Which entries of each list of [`Cues`] fall inside one segment.
#[derive(Default)]
pub(crate) struct CueSpans {
    numbers: Range<usize>,
    dates: Range<usize>,
    units: Range<usize>,
    marks: Range<usize>,
    repeats: Range<usize>,
}

/// For each segment (ascending, disjoint), the range of the ascending
/// offsets `at(0..len)` that fall inside it: one merge, no search per
/// segment.
fn spans(len: usize, at: impl Fn(usize) -> usize, segments: &[Segment]) -> Vec<Range<usize>> {
    let mut k = 0;
    segments
        .iter()
        .map(|seg| {
            while k < len && at(k) < seg.start {
                k += 1;
            }
            let from = k;
            while k < len && at(k) < seg.end {
                k += 1;
            }
            from..k
        })
        .collect()
}

/// Whether `c` may be a bracket or quote (a cheap test before the tables).
pub(crate) fn maybe_bracket(c: char) -> bool {
    matches!(c, '(' | ')' | '[' | ']' | '\u{2018}'..='\u{201d}' | '\u{3008}'..='\u{301f}' | '（' | '）')
}

/// Half-width punctuation that Chinese text writes full-width.
pub(crate) fn is_half_width_mark(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | '?' | '!')
}

/// A run of input characters checked as one piece of text.
pub(crate) struct Segment {
    pub start: usize,
    pub end: usize,
    pub part: Part,
    /// Its entries in each list of [`Cues`].
    pub cues: CueSpans,
}

/// The input as characters, with its lines and the parse.
pub(crate) struct Doc<'a> {
    pub text: &'a str,
    pub chars: Vec<char>,
    /// Character offset where each line starts (index 0 is line 1).
    pub line_starts: Vec<usize>,
    pub cues: Cues,
    pub segments: Vec<Segment>,
    pub bulletin: &'a Bulletin,
    /// The issue date (year, month, day), if the masthead has one.
    pub issue_date: Option<(i32, u32, u32)>,
}

impl<'a> Doc<'a> {
    pub(super) fn new(text: &'a str, bulletin: &'a Bulletin) -> Doc<'a> {
        // The characters and where each line starts, in one walk over the
        // text (the slots are filled in place: no capacity check per push).
        // The same walk notes where the checks start from (see [`Cues`]).
        let mut chars: Vec<char> = vec!['\0'; text.chars().count()];
        let mut line_starts = Vec::with_capacity(text.len() / 64 + 1);
        line_starts.push(0);
        let mut cues = Cues::default();
        let mut recent = [u32::MAX; RECENT_SLOTS];
        // The previous character, and where the one before it like it stood.
        let (mut prev, mut prev_seen) = ('\0', u32::MAX);
        for (i, (slot, c)) in chars.iter_mut().zip(text.chars()).enumerate() {
            *slot = c;
            if is_han(c) {
                let seen = std::mem::replace(&mut recent[c as usize % RECENT_SLOTS], i as u32);
                if c == prev && cues.repeats.last().is_none_or(|&(p, _)| p + 1 != i) {
                    cues.repeats.push((i - 1, prev_seen));
                }
                // `seen` is an earlier offset, or u32::MAX for none (which a
                // wrapping subtraction would turn into a near offset where
                // usize is 32 bits, as in the page's wasm).
                if seen != u32::MAX && (2..=8).contains(&(i - seen as usize)) {
                    cues.repeats.push((i, seen));
                }
                match c {
                    '占' | '比' | '其' | '由' | '从' => cues.numbers.push(i),
                    '月' => cues.dates.push(i),
                    '县' | '区' | '市' => cues.units.push(i),
                    _ => {}
                }
                prev_seen = seen;
            } else if !c.is_ascii() {
                // Full-width punctuation and other scripts: only brackets
                // and quotes start a check.
                if maybe_bracket(c) {
                    cues.marks.push(i);
                }
            } else if c.is_ascii_alphanumeric() || c == ' ' {
                // Letters, digits and spaces start no check.
            } else if c == '\n' {
                line_starts.push(i + 1);
            } else if matches!(c, '-' | '.' | '/') {
                cues.dates.push(i);
            } else if maybe_bracket(c) || is_half_width_mark(c) {
                cues.marks.push(i);
            }
            prev = c;
        }
        let lines = line_starts.len();
        // Which part each line belongs to; dropped lines (page numbers,
        // running headers, rules) are noise and not checked.
        let mut owner: Vec<Option<Part>> = vec![Some(Part::Other); lines];
        for d in &bulletin.dropped {
            if d.line >= 1 && d.line <= lines {
                owner[d.line - 1] = None;
            }
        }
        for (index, item) in bulletin.items.iter().enumerate() {
            let first = item.lines.first.max(1);
            let last = item.lines.last.min(lines);
            for slot in owner.iter_mut().take(last).skip(first - 1) {
                if slot.is_some() {
                    *slot = Some(Part::Item(index));
                }
            }
        }
        let mut segments: Vec<Segment> = Vec::new();
        for (line, part) in owner.iter().enumerate() {
            let Some(part) = *part else { continue };
            let start = line_starts[line];
            let end = line_end(&chars, &line_starts, line);
            match segments.last_mut() {
                Some(last) if part != Part::Other && last.part == part => last.end = end,
                _ => segments.push(Segment {
                    start,
                    end,
                    part,
                    cues: CueSpans::default(),
                }),
            }
        }
        let numbers = spans(cues.numbers.len(), |k| cues.numbers[k], &segments);
        let dates = spans(cues.dates.len(), |k| cues.dates[k], &segments);
        let units = spans(cues.units.len(), |k| cues.units[k], &segments);
        let marks = spans(cues.marks.len(), |k| cues.marks[k], &segments);
        let repeats = spans(cues.repeats.len(), |k| cues.repeats[k].0, &segments);
        let mut spans = numbers
            .into_iter()
            .zip(dates)
            .zip(units)
            .zip(marks)
            .zip(repeats);
        for seg in segments.iter_mut() {
            if let Some(((((numbers, dates), units), marks), repeats)) = spans.next() {
                seg.cues = CueSpans {
                    numbers,
                    dates,
                    units,
                    marks,
                    repeats,
                };
            }
        }
        let issue_date = bulletin.masthead.date.as_deref().and_then(parse_iso);
        Doc {
            text,
            chars,
            line_starts,
            cues,
            segments,
            bulletin,
            issue_date,
        }
    }

    /// Input line (1-based) holding character `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset)
    }

    /// Whether character `offset` lies in a checked segment (not in a
    /// dropped line).
    pub fn checked(&self, offset: usize) -> bool {
        let i = self.segments.partition_point(|s| s.start <= offset);
        i > 0 && offset < self.segments[i - 1].end
    }

    pub fn slice(&self, start: usize, end: usize) -> String {
        let chars = &self.chars[start.min(self.chars.len())..end.min(self.chars.len())];
        let mut s = String::with_capacity(chars.len() * 4);
        s.extend(chars);
        s
    }

    /// Finds `needle` in the input lines `first..=last` (1-based): the
    /// character offset of its first occurrence there.
    pub fn find_in_lines(&self, needle: &str, first: usize, last: usize) -> Option<usize> {
        if needle.is_empty() || first == 0 {
            return None;
        }
        let start = *self.line_starts.get(first - 1)?;
        let end = line_end(
            &self.chars,
            &self.line_starts,
            last.min(self.line_starts.len()) - 1,
        );
        find_str(&self.chars[start..end], needle).map(|i| start + i)
    }

    pub(super) fn finish(&self, mut raw: Vec<Raw>) -> Vec<Finding> {
        raw.retain(|r| r.start < r.end && r.end <= self.chars.len());
        raw.sort_by_key(|r| (r.start, r.end, r.kind));
        let mut out: Vec<Finding> = Vec::with_capacity(raw.len());
        for r in raw {
            // One finding per place and kind: a later one inside an earlier
            // one of the same kind adds nothing.
            if out
                .iter()
                .rev()
                .take_while(|f| f.end > r.start)
                .any(|f| f.kind == r.kind)
            {
                continue;
            }
            let line = self.line_of(r.start);
            let column = r.start - self.line_starts[line - 1] + 1;
            out.push(Finding {
                kind: r.kind,
                message: r.zh,
                message_en: r.en,
                text: self.slice(r.start, r.end),
                start: r.start,
                end: r.end,
                line,
                column,
            });
        }
        out
    }
}

/// End (exclusive, before `\r\n` or `\n`) of line `line` (0-based).
pub(super) fn line_end(chars: &[char], line_starts: &[usize], line: usize) -> usize {
    let mut end = line_starts
        .get(line + 1)
        .map(|&s| s - 1)
        .unwrap_or(chars.len());
    if end > line_starts[line] && chars.get(end - 1) == Some(&'\r') {
        end -= 1;
    }
    end
}

pub(crate) fn find_chars(hay: &[char], needle: &[char]) -> Option<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Where `needle` first stands in `hay` (a character offset), without
/// collecting it into characters.
pub(crate) fn find_str(hay: &[char], needle: &str) -> Option<usize> {
    let first = needle.chars().next()?;
    let len = needle.chars().count();
    (0..(hay.len() + 1).saturating_sub(len))
        .find(|&i| hay[i] == first && hay[i..i + len].iter().copied().eq(needle.chars()))
}

fn parse_iso(date: &str) -> Option<(i32, u32, u32)> {
    let mut parts = date.split('-');
    let y = parts.next()?.parse().ok()?;
    let m = parts.next()?.parse().ok()?;
    let d = parts.next()?.parse().ok()?;
    Some((y, m, d))
}

/// A CJK ideograph (the basic block and extension A).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

/// Characters that end a sentence or clause for the number and date checks.
pub(crate) fn is_clause_end(c: char) -> bool {
    matches!(c, '。' | '；' | ';' | '！' | '？' | '\n')
}

/// Formats a number the way the text would: no trailing zeros.
pub(crate) fn fmt_num(v: f64) -> String {
    let s = format!("{:.2}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}
