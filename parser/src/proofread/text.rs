//! Text checks: a character or word written twice, unbalanced brackets and
//! quotes, half-width punctuation in Chinese text, a headline printed twice.

use super::doc::{is_han, maybe_bracket, Doc, FindingKind, Raw, Segment};
use super::words::{is_word, REDUPLICATING, TITLE_AFTER_UNIT};

/// What the text checks carry from one segment to the next: the searches
/// left for [`Elsewhere`], and the bracket stack (emptied at each segment,
/// kept to reuse its room).
pub(crate) struct TextState {
    searches: usize,
    brackets: Brackets,
}

impl TextState {
    pub fn new() -> TextState {
        TextState {
            searches: ELSEWHERE_SEARCHES,
            brackets: Brackets::default(),
        }
    }
}

/// The text checks of a segment, at the places the walk that read the text
/// noted (see [`super::doc::Cues`]): Han characters that may start a
/// repeat, then the brackets, quotes and half-width punctuation in order.
pub(crate) fn check_segment(doc: &Doc, seg: &Segment, state: &mut TextState, out: &mut Vec<Raw>) {
    let s = &doc.chars[seg.start..seg.end];
    let base = seg.start;
    let mut elsewhere = Elsewhere {
        text: doc.text,
        searches: &mut state.searches,
    };
    let mut skip_to = 0;
    for &(at, seen) in doc.cues.repeats_in(seg) {
        let i = at - base;
        if i >= skip_to {
            let seen = seen as usize;
            let seen = (seen != u32::MAX as usize && seen >= base).then(|| seen - base);
            skip_to = repeated_at(s, i, base, seen, &mut elsewhere, out);
        }
    }
    let brackets = &mut state.brackets;
    brackets.stack.clear();
    brackets.single_quotes = None;
    for i in doc.cues.marks_in(seg) {
        if maybe_bracket(s[i]) {
            brackets.step(s, i, base, out);
        } else {
            half_width(s, i, base, out);
        }
    }
    brackets.finish(base, out);
}

/// A text whose Chinese is punctuated half-width throughout (a web page or
/// an old converter) is one finding, not one per comma: when most marks
/// between Chinese characters are half-width, only the first is kept, with
/// the count.
pub(crate) fn collapse_half_width(doc: &Doc, out: &mut Vec<Raw>) {
    let half: Vec<usize> = out
        .iter()
        .enumerate()
        .filter(|(_, r)| r.kind == FindingKind::Punctuation && r.end - r.start == 1)
        .map(|(i, _)| i)
        .collect();
    if half.len() < 5 {
        return;
    }
    let full = doc
        .chars
        .windows(3)
        .filter(|w| is_han(w[0]) && matches!(w[1], '，' | '；' | '：') && is_han(w[2]))
        .count();
    if half.len() < full {
        return;
    }
    let first = half[0];
    out[first].zh = format!("全文中文使用半角标点（共{}处），应为全角", half.len());
    out[first].en = format!(
        "the Chinese text is punctuated half-width throughout ({} places)",
        half.len()
    );
    let drop: std::collections::HashSet<usize> = half[1..].iter().copied().collect();
    let mut i = 0;
    out.retain(|_| {
        i += 1;
        !drop.contains(&(i - 1))
    });
}

/// The same phrase written elsewhere in the issue with the character once:
/// `县财政政局` here and `县财政局` elsewhere means the double is a slip,
/// even where both readings are words (财政 + 政局). A bounded number of
/// searches per document keeps the pass linear.
pub(crate) struct Elsewhere<'a> {
    text: &'a str,
    searches: &'a mut usize,
}

/// Searches of the whole text per document for [`Elsewhere`].
const ELSEWHERE_SEARCHES: usize = 64;

impl Elsewhere<'_> {
    fn written_once(&mut self, s: &[char], i: usize) -> bool {
        // Five Chinese characters with the character once, two before and
        // two after: specific enough to be the same phrase, not another
        // that happens to share four (`：税收收入完成` here, `非税收入完成`
        // elsewhere, is not checked: the character before is not Chinese).
        if *self.searches == 0 || is_numeral(s[i]) {
            return false;
        }
        let han = |a: usize, b: usize| b <= s.len() && s[a..b].iter().all(|&c| is_han(c));
        let mut tries: Vec<String> = Vec::new();
        if i >= 2 && han(i - 2, i + 1) && han(i + 2, i + 4) {
            tries.push(s[i - 2..=i].iter().chain(&s[i + 2..i + 4]).collect());
        }
        tries.into_iter().any(|once| {
            if *self.searches == 0 {
                return false;
            }
            *self.searches -= 1;
            self.text.contains(&once)
        })
    }
}

/// Chinese numerals double legitimately (一一, 万万) and are numbers.
fn is_numeral(c: char) -> bool {
    "一二三四五六七八九十百千万亿零〇○两半几".contains(c)
}

/// At a Han character `s[i]`: a word written twice running whose second
/// copy starts here (`工作工作`), or the character doubled by mistake.
/// `seen`: the input offset where the same character (by its low bits) was
/// last seen, if in this segment. Returns where the next check may start.
fn repeated_at(
    s: &[char],
    i: usize,
    base: usize,
    seen: Option<usize>,
    elsewhere: &mut Elsewhere,
    out: &mut Vec<Raw>,
) -> usize {
    let c = s[i];
    if let Some(before) = seen {
        let len = i - before;
        if (2..=8).contains(&len)
            && s[before] == c
            && is_repeated_word(s, before, len)
            && (2..len).all(|k| !is_repeated_word(s, before, k))
        {
            let word: String = s[before..i].iter().collect();
            out.push(Raw::new(
                FindingKind::Repeated,
                base + i,
                base + i + len,
                format!("“{word}”重复"),
                format!("“{word}” written twice"),
            ));
            return i + len;
        }
    }
    if i + 1 < s.len()
        && s[i + 1] == c
        && (doubled_by_mistake(s, i) || elsewhere.written_once(s, i))
    {
        out.push(Raw::new(
            FindingKind::Repeated,
            base + i + 1,
            base + i + 2,
            format!("“{c}”重复"),
            format!("“{c}” written twice"),
        ));
        return i + 2;
    }
    i + 1
}

/// Verbs reduplicated on purpose (研究研究) — rare in bulletins, but real.
const ABAB_WORDS: &[&str] = &[
    "研究", "讨论", "学习", "休息", "考虑", "商量", "了解", "活动", "锻炼", "准备", "介绍", "收拾",
    "打扫", "整理", "检查", "交流", "沟通", "琢磨", "比划", "高兴", "热闹", "暖和", "凉快", "明白",
    "舒服", "轻松", "雪白", "通红", "笔直", "冰凉", "火热", "滚烫", "哈哈", "嘻嘻",
];

/// Whether the `len` characters at `i` (a word of Han characters) are
/// written again right after: not a numeral form (`一个一个`), not AAAA,
/// not a verb reduplicated on purpose (研究研究).
fn is_repeated_word(s: &[char], i: usize, len: usize) -> bool {
    if i + 2 * len > s.len() || s[i] != s[i + len] || s[i..i + len] != s[i + len..i + 2 * len] {
        return false;
    }
    let word = &s[i..i + len];
    if !word.iter().all(|&c| is_han(c)) || is_numeral(word[0]) || word.iter().all(|&c| c == word[0])
    {
        return false;
    }
    if len == 2 {
        let w: String = word.iter().collect();
        if ABAB_WORDS.contains(&w.as_str()) {
            return false;
        }
    }
    true
}

/// Whether `s[i] == s[i+1]` is a slip rather than Chinese: the doubled
/// character is Han, not a numeral, not one that reduplicates (常常, 人人),
/// not AABB (干干净净), and the two readings across the pair are not both
/// words (法院 + 院长, 税收 + 收入). Whatever else doubles is flagged only
/// when the word before or after is known not to take it.
fn doubled_by_mistake(s: &[char], i: usize) -> bool {
    let x = s[i];
    if !is_han(x) || is_numeral(x) {
        return false;
    }
    let prev = if i > 0 { Some(s[i - 1]) } else { None };
    let next = s.get(i + 2).copied();
    // An institution abbreviation with its last character doubled:
    // `县人大大正副主任` — unless the second 大 starts 大力/大幅 (人大大力支持).
    if x == '大' && prev == Some('人') {
        return !matches!(
            next,
            Some('力' | '幅' | '大' | '型' | '会' | '豆' | '学' | '多')
        );
    }
    // Right after a number (`30 个个`, `3 亿元元`, `2月29日日`): a measure
    // or unit written twice, unless it starts a word (`3 个个体户`).
    if after_number(s, i) {
        return !next.is_some_and(|y| is_word(x, y));
    }
    if REDUPLICATING.contains(x) {
        // A reduplication leads into what it modifies (年年增长, 人人参与):
        // one that ends a word and is followed by no Chinese is a slip
        // (`增长长 12%`).
        return prev.is_some_and(|p| is_han(p) && is_word(p, x))
            && !next.is_some_and(is_han)
            && !matches!(next, Some('”' | '’' | '」'));
    }
    // AABB: 干干净净, 方方面面 (either pair); ABB after a measure: 一项项.
    if i >= 2 && s[i - 2] == s[i - 1] && is_han(s[i - 1]) {
        return false;
    }
    if let (Some(a), Some(b)) = (next, s.get(i + 3).copied()) {
        if a == b && is_han(a) {
            return false;
        }
    }
    if matches!(prev, Some(p) if is_numeral(p)) {
        return false;
    }
    // A unit followed by its head: 法院院长, 财政局局长, 党委委员.
    if let Some(y) = next {
        if TITLE_AFTER_UNIT
            .iter()
            .any(|t| t.starts_with(x) && t.ends_with(y))
        {
            return false;
        }
    }
    let before_word = prev.is_some_and(|p| is_han(p) && is_word(p, x));
    let after_word = next.is_some_and(|y| is_han(y) && is_word(x, y));
    // Both readings are words: the text says P-X X-Y (耕地地力).
    if before_word && after_word {
        return false;
    }
    // Neither side is Chinese text we can read (a name, a list): say nothing.
    let prev_han = prev.is_some_and(is_han);
    let next_han = next.is_some_and(is_han);
    if !prev_han && !next_han {
        return super::words::NEVER_DOUBLED.contains(x);
    }
    // One side is a word and the other is not: a slip (推进进了, 县建建设),
    // unless the character is a name character (王丽丽).
    if super::words::NAME_CHARS.contains(x) && !super::words::NEVER_DOUBLED.contains(x) {
        return false;
    }
    // Chinese on at least one side and no reading that makes it Chinese.
    true
}

/// Whether `s[i]` follows a number: digits (spaces between allowed), or a
/// multiplier (万 亿 千 百) right after digits.
fn after_number(s: &[char], i: usize) -> bool {
    let mut j = i;
    while j > 0 && s[j - 1] == ' ' {
        j -= 1;
    }
    if j > 0 && matches!(s[j - 1], '万' | '亿' | '千' | '百') {
        j -= 1;
        while j > 0 && s[j - 1] == ' ' {
            j -= 1;
        }
    }
    j > 0 && (s[j - 1].is_ascii_digit() || matches!(s[j - 1], '０'..='９'))
}

fn closer_of(c: char) -> Option<char> {
    Some(match c {
        '（' => '）',
        '(' => ')',
        '【' => '】',
        '《' => '》',
        '“' => '”',
        '‘' => '’',
        '「' => '」',
        '『' => '』',
        '〔' => '〕',
        '[' => ']',
        '〈' => '〉',
        _ => return None,
    })
}

fn opener_of(c: char) -> Option<char> {
    Some(match c {
        '）' => '（',
        ')' => '(',
        '】' => '【',
        '》' => '《',
        '”' => '“',
        '’' => '‘',
        '」' => '「',
        '』' => '『',
        '〕' => '〔',
        ']' => '[',
        '〉' => '〈',
        _ => return None,
    })
}

/// The two widths of one round bracket.
fn same_round(a: char, b: char) -> bool {
    matches!((a, b), ('（', ')') | ('(', '）'))
}

/// A closing bracket that marks a list item (`1）`, `a)`, `①)`) has no
/// opener by design.
fn is_list_marker(s: &[char], i: usize) -> bool {
    if !matches!(s[i], '）' | ')') || i == 0 {
        return false;
    }
    let mut j = i;
    while j > 0 && (s[j - 1].is_ascii_alphanumeric() || "一二三四五六七八九十".contains(s[j - 1]))
    {
        j -= 1;
    }
    if j == i || i - j > 3 {
        return false;
    }
    j == 0 || s[j - 1].is_whitespace() || "。；：，、;:,　*>".contains(s[j - 1])
}

/// Brackets and quotes opened and not yet closed in a segment.
#[derive(Default)]
struct Brackets {
    stack: Vec<(char, usize)>,
    /// Whether the segment uses ‘ at all (else a lone ’ is an apostrophe).
    single_quotes: Option<bool>,
}

impl Brackets {
    fn step(&mut self, s: &[char], i: usize, base: usize, out: &mut Vec<Raw>) {
        let c = s[i];
        // Looked up at the first single quote only: other brackets do not
        // depend on it.
        if matches!(c, '‘' | '’') && !*self.single_quotes.get_or_insert_with(|| s.contains(&'‘'))
        {
            return;
        }
        if closer_of(c).is_some() {
            // An opening quote again while one is open: the first never closed
            // if the text uses the closing form at all (“…“ is a slip).
            self.stack.push((c, i));
            return;
        }
        let Some(open) = opener_of(c) else { return };
        let stack = &mut self.stack;
        if let Some(pos) = stack
            .iter()
            .rposition(|&(o, _)| o == open || same_round(o, c))
        {
            let (o, at) = stack[pos];
            // Everything opened after it and not closed is unbalanced.
            for &(u, j) in &stack[pos + 1..] {
                unbalanced(u, j, base, out);
            }
            stack.truncate(pos);
            if same_round(o, c) {
                out.push(Raw::new(
                    FindingKind::Punctuation,
                    base + at,
                    base + i + 1,
                    "括号全角半角混用".into(),
                    "full-width and half-width brackets mixed in one pair".into(),
                ));
            }
        } else if !is_list_marker(s, i) {
            out.push(Raw::new(
                FindingKind::Unbalanced,
                base + i,
                base + i + 1,
                format!("「{c}」缺少对应的「{open}」"),
                format!("「{c}」 has no matching 「{open}」"),
            ));
        }
    }

    fn finish(&self, base: usize, out: &mut Vec<Raw>) {
        for &(u, j) in &self.stack {
            unbalanced(u, j, base, out);
        }
    }
}

fn unbalanced(open: char, at: usize, base: usize, out: &mut Vec<Raw>) {
    let close = closer_of(open).unwrap_or(open);
    out.push(Raw::new(
        FindingKind::Unbalanced,
        base + at,
        base + at + 1,
        format!("「{open}」缺少对应的「{close}」"),
        format!("「{open}」 is never closed by 「{close}」"),
    ));
}

/// Half-width `,` `;` `:` `?` `!` at `i` with Chinese text on both sides
/// (spaces allowed between): the Chinese marks are full-width.
fn half_width(s: &[char], i: usize, base: usize, out: &mut Vec<Raw>) {
    let c = s[i];
    let before = s[..i].iter().rev().find(|c| **c != ' ').copied();
    let after = s[i + 1..].iter().find(|c| **c != ' ').copied();
    if before.is_some_and(is_han) && after.is_some_and(is_han) {
        let full = match c {
            ',' => '，',
            ';' => '；',
            ':' => '：',
            '?' => '？',
            _ => '！',
        };
        out.push(Raw::new(
            FindingKind::Punctuation,
            base + i,
            base + i + 1,
            format!("中文中使用了半角“{c}”，应为“{full}”"),
            format!("half-width “{c}” in Chinese text; use “{full}”"),
        ));
    }
}

/// A headline printed twice: two items with the same headline, a headline
/// that is one text written twice, or a body that starts by repeating it.
pub(crate) fn check_headlines(doc: &Doc, out: &mut Vec<Raw>) {
    let items = &doc.bulletin.items;
    let mut seen: std::collections::HashSet<&str> =
        std::collections::HashSet::with_capacity(items.len());
    for item in items.iter() {
        let new = seen.insert(item.headline.as_str());
        // Six characters at least (18 bytes of CJK, 6 of anything).
        if item.headline.len() < 6
            || (new
                && !item.body.trim_start().starts_with(item.headline.as_str())
                && item.headline.len() < 36)
        {
            continue;
        }
        let head: Vec<char> = item.headline.chars().collect();
        if head.len() < 6 {
            continue;
        }
        // The headline is on the item's first line (or, after a source line
        // above it, the next); the item's other lines only if not.
        let (first, last) = (item.lines.first, item.lines.last);
        let find = |needle: &str| {
            doc.find_in_lines(needle, first, (first + 1).min(last))
                .or_else(|| doc.find_in_lines(needle, first, last))
        };
        if !new {
            if let Some(at) = find(&item.headline) {
                out.push(Raw::new(
                    FindingKind::RepeatedHeadline,
                    at,
                    at + head.len(),
                    "标题与前面的条目重复".into(),
                    "this headline was already printed for an earlier item".into(),
                ));
                continue;
            }
        }
        // The body opens with the headline again (a paste printed it twice).
        if item.body.trim_start().starts_with(item.headline.as_str()) {
            if let Some(at) = find(&item.headline) {
                let rest = &doc.chars[at + head.len()..];
                let skip = rest
                    .iter()
                    .take_while(|c| c.is_whitespace() || matches!(c, '*' | '#' | '　'))
                    .count();
                let second = at + head.len() + skip;
                if doc.chars.len() >= second + head.len()
                    && doc.chars[second..second + head.len()] == head[..]
                {
                    out.push(Raw::new(
                        FindingKind::RepeatedHeadline,
                        second,
                        second + head.len(),
                        "标题重复出现".into(),
                        "headline printed twice".into(),
                    ));
                }
            }
        }
        // A headline with a stretch of six or more characters written twice
        // running (`县应急局开展检查县应急局开展检查`); shorter repeats are
        // repeated words.
        if let Some((i, len)) = doubled_stretch(&head, 6) {
            if let Some(at) = find(&item.headline) {
                out.push(Raw::new(
                    FindingKind::RepeatedHeadline,
                    at + i + len,
                    at + i + 2 * len,
                    "标题重复出现".into(),
                    "headline printed twice".into(),
                ));
            }
        }
    }
}

/// The first stretch of at least `min` characters repeated right after
/// itself: (start, length).
fn doubled_stretch(s: &[char], min: usize) -> Option<(usize, usize)> {
    for len in (min..=s.len() / 2).rev() {
        for i in 0..=s.len() - 2 * len {
            if s[i..i + len] == s[i + len..i + 2 * len] {
                return Some((i, len));
            }
        }
    }
    None
}
