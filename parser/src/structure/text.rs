//! Character classes and small text measures shared by the structure passes.
//! Full-width and half-width punctuation are recognised alike everywhere.

use crate::bytes::byte_set_of;
use crate::figures::{columns, CharSet};

/// A CJK ideograph (the basic block, extension A and the supplementary
/// planes, compatibility ideographs) or `〇`.
#[inline]
pub fn is_cjk(c: char) -> bool {
    matches!(
        c,
        '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{20000}'..='\u{3134F}'
            | '〇'
    )
}

/// Closing quotes and brackets, full- and half-width.
#[inline]
pub fn is_closing(c: char) -> bool {
    matches!(
        c,
        '”' | '’'
            | '」'
            | '』'
            | '）'
            | ')'
            | '】'
            | ']'
            | '》'
            | '〉'
            | '〕'
            | '｝'
            | '〗'
            | '］'
    )
}

/// Opening quotes and brackets, full- and half-width.
#[inline]
pub fn is_opening(c: char) -> bool {
    matches!(
        c,
        '“' | '‘'
            | '「'
            | '『'
            | '（'
            | '('
            | '【'
            | '['
            | '《'
            | '〈'
            | '〔'
            | '｛'
            | '〖'
            | '［'
    )
}

#[inline]
pub fn is_open_paren(c: char) -> bool {
    c == '（' || c == '('
}

#[inline]
pub fn is_close_paren(c: char) -> bool {
    c == '）' || c == ')'
}

#[inline]
pub fn is_colon(c: char) -> bool {
    c == '：' || c == ':'
}

/// Punctuation that ends a sentence. `.` is judged by [`ends_sentence`]
/// since after a digit it is a decimal point cut by a line break.
#[inline]
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';' | '…' | '．')
}

/// Punctuation that only appears inside running text, never in a title, a
/// headline or a unit name: `，。；！？` and their half-width forms. A
/// half-width comma between digits (`1,234`) is a thousands separator and
/// does not count.
pub fn has_sentence_punct(s: &str) -> bool {
    let b = s.as_bytes();
    for (i, &x) in b.iter().enumerate() {
        // Most bytes start none of them: one lookup passes over those.
        if !PUNCT_START[usize::from(x)] {
            continue;
        }
        match x {
            b';' | b'!' | b'?' => return true,
            b',' => {
                let digit_before = i > 0 && b[i - 1].is_ascii_digit();
                let digit_after = b.get(i + 1).is_some_and(u8::is_ascii_digit);
                if !(digit_before && digit_after) {
                    return true;
                }
            }
            // A lead byte (the table holds no other non-ASCII byte): the
            // character there decides.
            _ if !x.is_ascii() && s[i..].starts_with(['，', '；', '！', '？', '。']) => {
                return true
            }
            _ => {}
        }
    }
    false
}

/// The first bytes of what [`has_sentence_punct`] looks for.
const PUNCT_START: [bool; 256] = byte_set_of(b";!?,", &['，', '；', '！', '？', '。'], &[]);

/// True when the text ends a sentence: its last character (before trailing
/// spaces and markdown `*`) is `。！？；…`, or a closing quote right after
/// one (`…。”`), or `.` not after a digit.
#[inline]
pub fn ends_sentence(s: &str) -> bool {
    let end = s
        .as_bytes()
        .iter()
        .rposition(|&x| !matches!(x, b' ' | b'*' | b'\n'))
        .map_or(0, |i| i + 1);
    // Every character that can end a sentence here ends in one of these
    // bytes (`。` 82, `！？；．` 81 9F 9B 8E, `…` A6, `”’」』` 9D 99 8D 8F):
    // most lines are ruled out without decoding.
    if end == 0 || !SENTENCE_END_LAST[usize::from(s.as_bytes()[end - 1])] {
        return false;
    }
    // The last byte ends a character: the cut is on a boundary.
    ends_in_sentence_mark(&s[..end])
}

/// The last bytes of the characters that can end a sentence, as a table
/// (one lookup rather than a jump table, for every line).
const SENTENCE_END_LAST: [bool; 256] = byte_set_of(
    b"!?;.\"",
    &[],
    &['。', '！', '？', '；', '．', '…', '”', '’', '」', '』'],
);

/// [`ends_sentence`] of `t`, which ends in a byte a sentence end may end in.
#[inline(never)]
fn ends_in_sentence_mark(t: &str) -> bool {
    let Some(last) = t.chars().next_back() else {
        return false;
    };
    // The character before is decoded only when the last one asks for it.
    let prev = || t[..t.len() - last.len_utf8()].chars().next_back();
    match last {
        '”' | '’' | '」' | '』' | '"' => prev().is_some_and(is_sentence_end),
        '.' => prev().is_some_and(|p| !p.is_ascii_digit()),
        c => is_sentence_end(c),
    }
}

/// Display columns of a line as a fixed-pitch layout would print it:
/// characters of three or four UTF-8 bytes (CJK, full-width forms) take two
/// columns, everything else one. Counted on bytes, so it costs one pass.
#[inline]
pub fn width(s: &str) -> usize {
    columns(s.as_bytes())
}

/// `i` moved down to the nearest character boundary of `s`.
#[inline]
pub fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Number of characters, capped: stops counting at `cap + 1`, so asking
/// "is this at most 60 characters" of a 50 MB line costs nothing.
#[inline]
pub fn chars_up_to(s: &str, cap: usize) -> usize {
    s.chars().take(cap + 1).count()
}

/// Last characters that name a reporting unit: 局 镇 乡 街道 中心 办 委 …
/// (`县财政局`, `胙城乡`, `文岩街道`, `公共资源交易中心`, `县妇联`).
const UNIT_LAST: [char; 37] = [
    '局', '镇', '乡', '办', '委', '室', '院', '所', '站', '队', '部', '处', '科', '会', '团', '社',
    '馆', '区', '县', '司', '组', '厅', '府', '行', '校', '园', '场', '厂', '村', '街', '心', '道',
    '台', '联', '协', '庭', '股',
];

static UNIT_LAST_SET: CharSet = CharSet::new(&UNIT_LAST);

/// A reporting unit's name: 2–20 characters, all CJK (brackets allowed
/// inside: `各乡（镇、街道）` is not one, but `县委（县政府）办` is), ending in a
/// unit word.
pub fn is_unit_name(t: &str) -> bool {
    let n = chars_up_to(t, 21);
    if !(2..=20).contains(&n) {
        return false;
    }
    let Some(last) = t.chars().next_back() else {
        return false;
    };
    UNIT_LAST_SET.contains(last)
        && t.chars()
            .all(|c| is_cjk(c) || is_open_paren(c) || is_close_paren(c))
}

/// Splits a source list on spaces, `、`, `，`, `,`, `；`, `;` and `/`
/// (half- or full-width), `*` trimmed off each name.
pub fn split_sources(s: &str) -> impl Iterator<Item = &str> {
    SourceSplit { rest: Some(s) }
        .map(|t| trim_bytes(t, b'*'))
        .filter(|t| !t.is_empty())
}

/// The bytes a separator of [`SourceSplit`] starts with: one table lookup
/// passes over most bytes of a name.
const SEPARATOR_START: [bool; 256] = byte_set_of(b" ,;/", &['、', '，', '；', '／'], &[]);

/// The pieces of a source list between separators (like `str::split`,
/// empty pieces included), found on bytes: this runs on every closing
/// parenthetical.
struct SourceSplit<'a> {
    rest: Option<&'a str>,
}

impl<'a> Iterator for SourceSplit<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let s = self.rest?;
        let b = s.as_bytes();
        for (i, &x) in b.iter().enumerate() {
            if !SEPARATOR_START[usize::from(x)] {
                continue;
            }
            let sep = match x {
                b' ' | b',' | b';' | b'/' => 1,
                // A lead byte (the table holds no other non-ASCII byte):
                // the full-width separators are three bytes each.
                _ if !x.is_ascii() && s[i..].starts_with(['、', '，', '；', '／']) => 3,
                _ => continue,
            };
            self.rest = Some(&s[i + sep..]);
            return Some(&s[..i]);
        }
        self.rest = None;
        Some(s)
    }
}

/// `s` without the ASCII bytes `trim` accepts at either end. ASCII bytes
/// are whole characters, so the cuts are boundaries.
#[inline]
fn trim_ascii_by(s: &str, trim: impl Fn(u8) -> bool) -> &str {
    let b = s.as_bytes();
    let start = b.iter().take_while(|&&y| trim(y)).count();
    let end = b.len() - b[start..].iter().rev().take_while(|&&y| trim(y)).count();
    &s[start..end]
}

/// `s` without the ASCII byte `x` at either end.
#[inline]
pub fn trim_bytes(s: &str, x: u8) -> &str {
    trim_ascii_by(s, |y| y == x)
}

/// `s` without ASCII spaces and line breaks at either end.
#[inline]
pub fn trim_spaces_and_newlines(s: &str) -> &str {
    trim_ascii_by(s, |y| y == b' ' || y == b'\n')
}

/// `s` without ASCII spaces and `*` at either end.
#[inline]
pub fn trim_spaces_and_stars(s: &str) -> &str {
    trim_ascii_by(s, |y| y == b' ' || y == b'*')
}

/// Equality ignoring ASCII spaces, for short lines (page headers).
pub fn eq_ignoring_spaces(a: &str, b: &str) -> bool {
    let mut x = a.chars().filter(|&c| c != ' ');
    let mut y = b.chars().filter(|&c| c != ' ');
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(q)) if p == q => {}
            _ => return false,
        }
    }
}

/// `s` without the characters of `set` at its start. One function for every
/// set (a `trim_start_matches` per array type would each be compiled apart,
/// and every byte ships to the page).
pub fn trim_start_set<'a>(s: &'a str, set: &[char]) -> &'a str {
    match s.char_indices().find(|(_, c)| !set.contains(c)) {
        Some((i, _)) => &s[i..],
        None => "",
    }
}

/// `s` without the characters of `set` at its end.
pub fn trim_end_set<'a>(s: &'a str, set: &[char]) -> &'a str {
    match s.char_indices().rev().find(|(_, c)| !set.contains(c)) {
        Some((i, c)) => &s[..i + c.len_utf8()],
        None => "",
    }
}

/// `s` without the characters of `set` at either end.
pub fn trim_set<'a>(s: &'a str, set: &[char]) -> &'a str {
    trim_end_set(trim_start_set(s, set), set)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `ends_sentence` as it reads without its byte filter.
    fn ends_sentence_by_chars(s: &str) -> bool {
        ends_in_sentence_mark(s.trim_end_matches([' ', '*', '\n']))
    }

    #[test]
    fn sentence_end_byte_filter_loses_nothing() {
        for c in (0..0x10000).filter_map(char::from_u32) {
            for prev in ["。", "甲", "1", ""] {
                let s = format!("{prev}{c} *");
                assert_eq!(ends_sentence(&s), ends_sentence_by_chars(&s), "{s:?}");
            }
        }
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("完成投资 3.47 亿元。"));
        assert!(ends_sentence("要换新。”  "));
        assert!(ends_sentence("done. "));
        assert!(!ends_sentence("发行金额 21."));
        assert!(!ends_sentence("开展“清零”"));
        assert!(!ends_sentence("其中："));
        assert!(!ends_sentence(""));
    }

    #[test]
    fn sentence_punct() {
        assert!(has_sentence_punct("做好，推进"));
        assert!(has_sentence_punct("a, b"));
        assert!(!has_sentence_punct("交易 1,234 万元"));
        assert!(!has_sentence_punct("各乡（镇、街道）强化“大文章”"));
    }

    #[test]
    fn widths() {
        assert_eq!(width("县 4 天"), 2 + 1 + 1 + 1 + 2);
        assert_eq!(width("（３）"), 6);
        assert_eq!(width("é"), 1);
    }

    #[test]
    fn unit_names() {
        assert!(is_unit_name("县财政局"));
        assert!(is_unit_name("文岩街道"));
        assert!(is_unit_name("公共资源交易中心"));
        assert!(!is_unit_name("套"));
        assert!(!is_unit_name("镇"));
        assert!(!is_unit_name("续建"));
        assert!(!is_unit_name("2023年"));
    }

    #[test]
    fn source_lists() {
        let v: Vec<_> = split_sources(" 胙城乡 榆林乡、丰庄镇，魏邱乡 ").collect();
        assert_eq!(v, ["胙城乡", "榆林乡", "丰庄镇", "魏邱乡"]);
        // The same pieces as a split on every separator, `*` trimmed.
        for s in ["**甲局**；乙镇;丙乡/丁办／戊委,,己", "", "、", "甲 ", "*"] {
            let want: Vec<&str> = s
                .split([' ', '、', '，', ',', '；', ';', '/', '／'])
                .map(|t| t.trim_matches('*'))
                .filter(|t| !t.is_empty())
                .collect();
            assert_eq!(split_sources(s).collect::<Vec<_>>(), want, "{s:?}");
        }
    }
}
