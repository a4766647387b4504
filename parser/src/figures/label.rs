//! What a figure measures and which way it moved, read from the words
//! around it (see `super::context` for the rules).

use crate::model::Change;

use super::chars::squeeze;
use super::chars::{
    at, at_any, char_at, char_before, count_chars, ends_any, ends_at, is_clause_break, is_han,
    skip_space, trim_space_end, trim_space_start, CharSet,
};
use crate::bytes::{byte_set_of, HAN_LEADS};
use crate::small_string::SmallString;

/// Words of change, by their last character: `增长`, `增加`, `提高`… are
/// up; `下降`, `减少`, `降低`… are down. No two end a text together, so the
/// first that fits is the one.
fn change_words(last: char) -> &'static [(&'static str, Change)] {
    use Change::{Down, Up};
    match last {
        '长' => &[("负增长", Down), ("增长", Up)],
        '加' => &[("增加", Up)],
        '高' => &[("提高", Up)],
        '升' => &[("上升", Up), ("提升", Up)],
        '涨' => &[("上涨", Up)],
        '了' => &[
            ("增长了", Up),
            ("增加了", Up),
            ("提高了", Up),
            ("下降了", Down),
            ("减少了", Down),
            ("降低了", Down),
        ],
        '产' => &[("增产", Up), ("减产", Down)],
        '收' => &[("增收", Up), ("减收", Down)],
        '幅' => &[("增幅", Up), ("降幅", Down)],
        '速' => &[("增速", Up)],
        '降' => &[("下降", Down)],
        '少' => &[("减少", Down)],
        '低' => &[("降低", Down)],
        '滑' => &[("下滑", Down)],
        '落' => &[("回落", Down)],
        '减' => &[("缩减", Down)],
        _ => &[],
    }
}

/// The last characters [`change_words`] knows: most labels end in none of
/// them, which one bit test tells.
static CHANGE_LAST: CharSet = CharSet::new(&[
    '长', '加', '高', '升', '涨', '了', '产', '收', '幅', '速', '降', '少', '低', '滑', '落', '减',
]);

/// The direction of the change word `before` ends with, if any.
pub fn change_of(before: &str) -> Option<Change> {
    let n = before.len();
    let last = char_before(before, n)?.0;
    if !CHANGE_LAST.contains(last) {
        return None;
    }
    change_words(last)
        .iter()
        .find(|(w, _)| ends_at(before, n, w))
        .map(|&(_, change)| change)
}

/// The last characters [`trailing_word`] knows, for a one-bit test first.
static TRAILING_LAST: CharSet = CharSet::new(&[
    '了', '在', '可', '将', '到', '达', '为', '是', '计', '有', '共', '成', '现', '破', '的', '和',
    '与', '及', '已', '都', '别', '仅', '比', '长', '加', '高', '升', '涨', '降', '产', '收', '少',
    '低', '滑', '落', '减', '年', '较', '合',
]);

/// The reporting verb or qualifier ending `t`, if any (`完成`, `达到`, `为`,
/// `累计`, `同比`, `增长`…): what stands between a label and its figure.
/// Looked up by the last character, so stripping costs a few comparisons.
fn trailing_word(t: &str) -> Option<&'static str> {
    let (c, _) = char_before(t, t.len())?;
    if !TRAILING_LAST.contains(c) {
        return None;
    }
    trailing_words(c)
        .iter()
        .copied()
        .find(|w| ends_at(t, t.len(), w))
}

/// The words [`trailing_word`] strips that end in `c`.
fn trailing_words(c: char) -> &'static [&'static str] {
    match c {
        '了' => &["达到了", "完成了", "实现了", "新增了", "了"],
        '在' => &["控制在", "稳定在", "保持在", "在"],
        '可' => &["可"],
        '将' => &["将"],
        '到' => &["达到"],
        '达' => &["均达", "达"],
        '为' => &["均为", "为"],
        '是' => &["是"],
        '计' => &["共计", "累计", "合计", "总计", "计"],
        '有' => &["共有", "有"],
        '共' => &["共"],
        '成' => &["完成"],
        '现' => &["实现"],
        '破' => &["突破"],
        '的' => &["的"],
        '和' => &["和"],
        '与' => &["与"],
        '及' => &["及"],
        '已' => &["已"],
        '都' => &["都"],
        '别' => &["分别"],
        '仅' => &["仅"],
        '比' => &["同比"],
        '长' => &["负增长", "增长"],
        '加' => &["增加"],
        '高' => &["提高"],
        '升' => &["上升", "提升"],
        '涨' => &["上涨"],
        '降' => &["下降"],
        '产' => &["增产", "减产"],
        '收' => &["增收", "减收"],
        '少' => &["减少"],
        '低' => &["降低"],
        '滑' => &["下滑"],
        '落' => &["回落"],
        '减' => &["缩减"],
        '年' => &["比上年", "较上年", "比去年", "较去年"],
        '较' => &["较"],
        '合' => &["合"],
        _ => &[],
    }
}

/// `达到`, `为`, `提高到`…: a clause that only says the figure is reached.
pub fn is_copula(before: &str) -> bool {
    let mut t = before;
    while let Some(w) = ends_any(
        t,
        t.len(),
        &[
            "达到",
            "达",
            "为",
            "是",
            "提高到",
            "增至",
            "降至",
            "升至",
            "增加到",
            "下降到",
            "已",
            "均",
        ],
    ) {
        t = &t[..t.len() - w.len()];
    }
    t.is_empty() && !before.is_empty()
}

/// The first characters [`leading_word`] knows, for a one-bit test first.
static LEADING_FIRST: CharSet = CharSet::new(&[
    '其', '同', '另', '此', '并', '且', '共', '累', '以', '比', '较', '合', '总', '已', '均', '的',
    '和', '与', '及', '全', '我', '该', '占', '为', '对', '向', '给', '还', '又', '按', '通',
]);

/// The connective or scope word opening `t`, if any (`其中`, `全县`, `我县`,
/// `该镇`, `共`, `累计`, `占`…). Looked up by the first character.
fn leading_word(t: &str) -> Option<&'static str> {
    let (c, _) = char_at(t, 0)?;
    if !LEADING_FIRST.contains(c) {
        return None;
    }
    leading_words(c).iter().copied().find(|w| at(t, 0, w))
}

/// The words [`leading_word`] strips that start with `c`.
fn leading_words(c: char) -> &'static [&'static str] {
    match c {
        '其' => &["其中"],
        '同' => &["同时", "同比"],
        '另' => &["另外"],
        '此' => &["此外"],
        '并' => &["并且", "并"],
        '且' => &["且"],
        '共' => &["共计", "共有", "共"],
        '累' => &["累计"],
        '以' => &["以上", "以下"],
        '比' => &["比上年", "比去年"],
        '较' => &["较上年", "较去年"],
        '合' => &["合计"],
        '总' => &["总计"],
        '已' => &["已经", "已"],
        '均' => &["均"],
        '的' => &["的"],
        '和' => &["和"],
        '与' => &["与"],
        '及' => &["及"],
        '全' => &["全县", "全市", "全区", "全镇", "全乡", "全省", "全街道"],
        '我' => &["我县", "我市", "我区", "我镇", "我乡"],
        '该' => &[
            "该县",
            "该市",
            "该区",
            "该镇",
            "该乡",
            "该局",
            "该街道",
            "该中心",
        ],
        '占' => &["占"],
        '为' => &["为"],
        '对' => &["对"],
        '向' => &["向"],
        '给' => &["给"],
        '还' => &["还"],
        '又' => &["又"],
        '按' => &["按照"],
        '通' => &["通过"],
        _ => &[],
    }
}

const MAX_LABEL_CHARS: usize = 20;

/// Length of the space or punctuation mark a label is trimmed of (`，`
/// `、` `：` `；` `（` `(` `）` `)` and spaces) that `b` starts with, or 0.
#[inline(always)]
fn edge_at_start(b: &[u8]) -> usize {
    match b {
        [b' ' | b'\t' | b'(' | b')', ..] => 1,
        [x, ..] if EDGE_FIRST[usize::from(*x)] => WIDE_EDGES
            .iter()
            .find(|e| b.starts_with(e.as_bytes()))
            .map_or(0, |e| e.len()),
        _ => 0,
    }
}

/// The label's edge marks beyond ASCII, and their first and last bytes.
const WIDE_EDGES: [&str; 8] = ["、", "\u{3000}", "，", "：", "；", "（", "）", "\u{a0}"];
const WIDE_EDGE_CHARS: [char; 8] = ['、', '\u{3000}', '，', '：', '；', '（', '）', '\u{a0}'];
const EDGE_FIRST: [bool; 256] = byte_set_of(b"", &WIDE_EDGE_CHARS, &[]);
const EDGE_LAST: [bool; 256] = byte_set_of(b"", &[], &WIDE_EDGE_CHARS);

/// Like [`edge_at_start`], at the end of `b`.
#[inline(always)]
fn edge_at_end(b: &[u8]) -> usize {
    match b {
        [.., b' ' | b'\t' | b'(' | b')'] => 1,
        [.., x] if EDGE_LAST[usize::from(*x)] => WIDE_EDGES
            .iter()
            .find(|e| b.ends_with(e.as_bytes()))
            .map_or(0, |e| e.len()),
        _ => 0,
    }
}

/// `before` without spaces and clause marks at either end.
fn trim_label_edges(before: &str) -> &str {
    let b = before.as_bytes();
    // Most labels start and end with a Han character, and no edge mark
    // has such a first byte: nothing to trim.
    let han_lead = |x: &u8| HAN_LEADS.contains(x);
    let ends_han = b.len() >= 3 && han_lead(&b[b.len() - 3]);
    if b.first().is_some_and(han_lead) && ends_han {
        return before;
    }
    let mut i = 0;
    while let n @ 1.. = edge_at_start(&b[i..]) {
        i += n;
    }
    let mut e = b.len();
    while e > i {
        match edge_at_end(&b[i..e]) {
            0 => break,
            n => e -= n,
        }
    }
    &before[i..e]
}

/// The label in the text before a figure, qualifiers stripped (see the
/// module notes). Also used to strip a bold entity name off a label.
pub fn clean_label(before: &str) -> Option<SmallString> {
    let mut t = trim_label_edges(before);
    // A word is left whole when stripping would leave one character
    // (`占地` is no `占` + `地`, `占比` no `占` + `比`).
    let leaves_more = |rest: &str| rest.is_empty() || rest.chars().nth(1).is_some();
    loop {
        if let Some(w) = trailing_word(t).filter(|w| leaves_more(&t[..t.len() - w.len()])) {
            t = trim_space_end(&t[..t.len() - w.len()]);
        } else if let Some(w) = leading_word(t)
            .filter(|&w| matches!(w, "的" | "和" | "与" | "及") || leaves_more(&t[w.len()..]))
        {
            t = trim_space_start(&t[w.len()..]);
        } else {
            break;
        }
    }
    if t.len() > MAX_LABEL_CHARS && count_chars(t.as_bytes()) > MAX_LABEL_CHARS {
        // A long phrase ending in a quoted name measures that name:
        // `在某市举办“招商推介会” 1 次` → `招商推介会`.
        if let Some(inner) = t.strip_suffix('”').and_then(|x| x.rsplit_once('“')) {
            if !inner.1.is_empty() {
                return Some(squeeze(inner.1));
            }
        }
        // Keep the end, which names the figure; cut after a `的` if any.
        let cut = t
            .char_indices()
            .rev()
            .nth(MAX_LABEL_CHARS - 1)
            .map_or(0, |(i, _)| i);
        let tail = &t[cut..];
        t = match tail.find('的') {
            Some(j) if j + 3 < tail.len() => &tail[j + 3..],
            _ => tail,
        };
    }
    // A label starting with a Han character (U+4E00–U+9FFF): the common case.
    let starts_han = t
        .chars()
        .next()
        .is_some_and(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
    let named = starts_han || t.chars().any(|c| is_han(c) || c.is_ascii_alphabetic());
    named.then(|| squeeze(t))
}

/// First characters of the words that end the noun a figure counts.
static NOUN_END_FIRST: CharSet = CharSet::new(&[
    '的', '及', '和', '与', '并', '等', '对', '在', '为', '从', '到', '向', '将', '把', '被', '均',
    '已', '共', '达', '占', '同', '以', '中', '来', '内', '后', '前', '间', '半', '多', '余', '里',
    '末', '底', '初', '左', '上', '下', '进', '开', '提', '列', '参', '受', '实', '完', '获', '全',
]);

/// The word at byte `p` (whose character is `c`) ends the noun a figure
/// counts (`105 个脱贫人口及…`, `11 家企业列入…`).
fn ends_noun(s: &str, p: usize, c: char) -> bool {
    if !NOUN_END_FIRST.contains(c) {
        return false;
    }
    match c {
        '进' => at(s, p, "进行"),
        '开' => at(s, p, "开展"),
        '提' => at(s, p, "提供"),
        '列' => at(s, p, "列入"),
        '参' => at_any(s, p, &["参与", "参加"]).is_some(),
        '受' => at(s, p, "受到"),
        '实' => at(s, p, "实现"),
        '完' => at(s, p, "完成"),
        '获' => at(s, p, "获得"),
        '全' => at(s, p, "全部"),
        _ => true,
    }
}

/// The noun right after a figure, when the figure counts it: up to ten Han
/// characters ended by clause punctuation or a word that ends nouns.
pub fn noun_after(s: &str, end: usize) -> Option<(usize, usize)> {
    let start = skip_space(s, end);
    let mut p = start;
    for _ in 0..=10 {
        let Some((c, n)) = char_at(s, p) else {
            return (p > start).then_some((start, p));
        };
        // A Han character (U+4E00–U+9FFF). Every word that ends a noun
        // starts with one.
        if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
            if NOUN_END_FIRST.contains(c) && ends_noun(s, p, c) {
                return (p > start).then_some((start, p));
            }
            p += n;
            continue;
        }
        // Not a Han character (those were read above).
        return (p > start && (is_clause_break(c) || matches!(c, '、' | '（' | '(' | '”')))
            .then_some((start, p));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::chars::{is_space, trim_space};
    use super::*;

    /// The one-bit tests in front of the word lists let every listed
    /// character through.
    #[test]
    fn first_and_last_character_sets_cover_the_word_lists() {
        for c in ('\u{3000}'..='\u{9fff}').chain('\u{ff00}'..='\u{ffef}') {
            assert!(change_words(c).is_empty() || CHANGE_LAST.contains(c), "{c}");
            assert!(
                trailing_words(c).is_empty() || TRAILING_LAST.contains(c),
                "{c}"
            );
            assert!(
                leading_words(c).is_empty() || LEADING_FIRST.contains(c),
                "{c}"
            );
        }
    }

    /// The byte-level reading of the noun after a figure, against the
    /// character-level rule.
    #[test]
    fn noun_after_reads_as_the_character_rule() {
        fn reference(s: &str, end: usize) -> Option<(usize, usize)> {
            let start = skip_space(s, end);
            let mut p = start;
            for _ in 0..=10 {
                let Some((c, n)) = char_at(s, p) else {
                    return (p > start).then_some((start, p));
                };
                if p > start && ends_noun(s, p, c) {
                    return Some((start, p));
                }
                if is_han(c) {
                    if p == start && ends_noun(s, p, c) {
                        return None;
                    }
                    p += n;
                } else if p > start && (is_clause_break(c) || matches!(c, '、' | '（' | '(' | '”'))
                {
                    return Some((start, p));
                } else {
                    return None;
                }
            }
            None
        }
        let pieces = [
            "企业", "的", "进行", "进", "开展", "全部", "全", "人口", "，", "。", "、", "（", "(",
            "”", "a", "1", " ", "\u{3000}", "㐀", "\u{4dff}", "乙", "龥", "\u{9fff}", "\u{a000}",
            "😀", "é", "参加", "参", "",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let s = format!("{a}{b}{c}{a}{b}{c}{b}{c}{a}{a}{b}");
                    for (i, _) in s.char_indices() {
                        assert_eq!(noun_after(&s, i), reference(&s, i), "{s:?} at {i}");
                    }
                }
            }
        }
    }

    #[test]
    fn label_edges_trim_like_the_character_rule() {
        let edge = |c: char| {
            is_space(c) || matches!(c, '，' | '、' | '：' | '；' | '（' | '(' | '）' | ')')
        };
        let marks = [
            "", " ", "\t", "\u{3000}", "\u{a0}", "，", "、", "：", "；", "（", "(", "）", ")",
            "。", "“", "a", "县",
        ];
        for a in marks {
            for b in marks {
                for c in marks {
                    let s = format!("{a}{b}完成投资{c}{a}");
                    assert_eq!(trim_label_edges(&s), s.trim_matches(edge), "{s:?}");
                    assert_eq!(trim_space(&s), s.trim_matches(is_space), "{s:?}");
                }
            }
        }
    }
}
