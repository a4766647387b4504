//! Items: the paragraphs of the body zone grouped into items, and each item
//! split into headline, body and sources (SPEC "An item").

pub use super::blocks::Tail;
use super::blocks::{Block, Blocks, Join, Piece};
use super::lines::Heading;
use super::sink::{Ledger, Sink};
use super::text::{
    chars_up_to, ends_sentence, floor_boundary, has_sentence_punct, is_cjk, is_close_paren,
    is_closing, is_colon, is_open_paren, is_opening, is_sentence_end, is_unit_name, split_sources,
    width,
};
use super::text::{trim_spaces_and_newlines, trim_spaces_and_stars, trim_start_set};
use crate::bytes::{byte_set_of, first_byte, last_byte, utf8_3};
use crate::bytes::{find_byte, find_colon, find_stars};
use crate::figures;
use crate::figures::count_chars;
use crate::messages::WarningKind;
use crate::messages::{headline_doubt, HeadlineRule};
use crate::model::{Bulletin, Figure, Item, LineRange, Span};
use crate::small_string::SmallString;
use std::borrow::Cow;

pub const ORPHAN_SOURCE: WarningKind = WarningKind::OrphanSource;

/// How far into a paragraph a headline break is looked for, in characters.
const HEADLINE_LIMIT: usize = 80;
/// The longest headline standing alone on its line, in characters.
const HEADLINE_ALONE_MAX: usize = 60;

/// Where the headline ends and the body starts in an item's first
/// paragraph, as byte offsets (headline end, body start):
/// - the end of a leading `**bold**` run;
/// - two or more spaces;
/// - one space between two CJK characters, or after a closing quote or
///   bracket before CJK or an opening quote (`…兜底保障 深入开展`,
///   `…“加速度” 通过`). One space next to a digit or Latin letter is not a
///   break: PDF export puts spaces around numbers (`中心 4 天交易 21.4 亿元`).
///
/// `None` when there is no break in the first [`HEADLINE_LIMIT`] characters,
/// or when the whole paragraph is one bold run (a headline alone).
pub fn find_break(s: &str) -> Option<(usize, usize)> {
    // `(1) 河口镇推进…`: the space after a list marker is not the break.
    let marker = list_marker_len(s);
    if marker > 0 {
        return find_break_from(&s[marker..]).map(|(h, b)| (marker + h, marker + b));
    }
    find_break_from(s)
}

fn find_break_from(s: &str) -> Option<(usize, usize)> {
    if let Some(rest) = s.strip_prefix("**") {
        // The closing `**` within the first HEADLINE_LIMIT characters.
        let close =
            find_stars(rest).filter(|&k| count_chars(&rest.as_bytes()[..k]) + 2 <= HEADLINE_LIMIT);
        if let Some(close) = close {
            let head_end = 2 + close + 2;
            let body = s[head_end..].trim_start_matches([' ', '*']);
            return (!body.is_empty()).then(|| (head_end, s.len() - body.len()));
        }
    }
    // Only spaces can break, so hop from space to space (memchr), checking
    // that the headline so far is within the limit.
    let b = s.as_bytes();
    let limit = floor_boundary(s, HEADLINE_LIMIT * 4);
    let mut i = 0;
    let mut seen = 0; // characters before `i`
    while let Some(k) = find_byte(b' ', &b[i..limit]) {
        let at = i + k;
        seen += count_chars(&b[i..at]);
        if seen > HEADLINE_LIMIT {
            break;
        }
        let run_end = at + b[at..].iter().take_while(|&&c| c == b' ').count();
        // Space is ASCII, so both ends of the run are character boundaries.
        // Bold markers are transparent: `产业 **石桥镇**新建` breaks like
        // `产业 石桥镇新建` (the body opens with a bold sub-unit).
        // (`*` is ASCII: trimmed on bytes, without a char searcher.)
        let head = &b[..at];
        let head_end = at - head.iter().rev().take_while(|&&c| c == b'*').count();
        let body = &b[run_end..];
        let body_start = run_end + body.iter().take_while(|&&c| c == b'*').count();
        let before = s[..head_end].chars().next_back();
        let after = s[body_start..].chars().next();
        if let (Some(p), Some(n)) = (before, after) {
            if run_end - at >= 2 && !s[..at].ends_with('*') {
                return Some((at, run_end));
            }
            if (is_cjk(p) || is_closing(p)) && (is_cjk(n) || is_opening(n)) {
                return Some((at, run_end));
            }
        }
        if run_end >= limit {
            break;
        }
        seen += run_end - at;
        i = run_end;
    }
    None
}

/// The last resort, for a paragraph already known to start an item, when no
/// other break is found: one space between a CJK
/// character and a number that is itself not spaced (`经济开局良好 1-2月份，…`).
/// PDF exports space numbers on both sides (`中心 4 天交易`), so a number
/// spaced only before is the body beginning, not PDF spacing; without this
/// the item would get no headline at all.
/// Not used to decide where items start: inside a hard-wrapped paragraph
/// any printed line may begin `…资金 9701 万元`.
fn number_gap_break(s: &str) -> Option<(usize, usize)> {
    let b = &s.as_bytes()[..floor_boundary(s, HEADLINE_LIMIT * 4)];
    let mut i = 0;
    while let Some(k) = find_byte(b' ', &b[i..]) {
        let at = i + k;
        let start = at + 1;
        let digits = b[start..].iter().take_while(|c| c.is_ascii_digit()).count();
        let p = s[..at].chars().next_back();
        if digits > 0
            && p.is_some_and(|p| is_cjk(p) || is_closing(p))
            && count_chars(&b[..at]) <= HEADLINE_LIMIT
        {
            // The number's own characters: digits and the range/decimal signs.
            let num_end = start
                + b[start..]
                    .iter()
                    .take_while(|c| c.is_ascii_digit() || matches!(c, b'.' | b'-' | b','))
                    .count();
            if num_end < b.len() && b[num_end] != b' ' && !b[num_end].is_ascii() {
                return Some((at, start));
            }
        }
        i = start;
    }
    None
}

/// A source leading the headline: `县财政局：…`, `县财政局:…`, `胙城乡、榆林乡：…`.
/// Returns (end of the names, start of the text after the colon).
pub fn leading_source(s: &str) -> Option<(usize, usize)> {
    let colon = colon_within(s, 30)?;
    // `**县统计局：上半年…**`: a colon inside a bold headline is the headline's.
    // (`**县林业局：**推进…` is a bold label: the run closes right after it.)
    if let Some(rest) = s.strip_prefix("**") {
        let colon_len = s[colon..].chars().next().map_or(1, char::len_utf8);
        let label = s[colon + colon_len..].starts_with("**");
        if !label && find_stars(rest).is_some_and(|close| close + 2 > colon) {
            return None;
        }
    }
    let names = trim_spaces_and_stars(&s[..colon]);
    if names.is_empty() || !split_sources(names).all(is_unit_name) {
        return None;
    }
    let after = colon + s[colon..].chars().next().map_or(1, char::len_utf8);
    if trim_spaces_and_stars(&s[after..]).is_empty() {
        return None;
    }
    Some((colon, after))
}

/// The first `:` or `：` within the first `chars` characters (a byte scan:
/// this runs on every paragraph).
fn colon_within(s: &str, chars: usize) -> Option<usize> {
    // Most heads are CJK (three bytes a character); a colon further on is
    // past the window anyway.
    let b = &s.as_bytes()[..floor_boundary(s, chars * 3)];
    let start = find_colon(b)?;
    (chars_up_to(&s[..start], chars) < chars).then_some(start)
}

/// Parentheticals that close a page, not an item (their first characters
/// are tested first, in `trailing_source`).
const NOT_SOURCES: &[&str] = &["完", "待续", "续", "下转", "上接", "接上", "转下", "续完"];

/// The source parenthetical at the end of `s`: `（财政局）`, `( 财政局 )`,
/// `（胙城乡 榆林乡）`. It counts when it stands alone, or after a sentence
/// end, or — with no sentence end before it — when every name in it is a
/// unit's name. Parentheses inside the body (`30 台（套）`,
/// `13 个乡镇（镇、街道）`, `在建（续建）`) are not sources.
#[inline]
pub fn trailing_source(s: &str) -> Option<Tail> {
    // Quick reject on bytes (inlined: this runs on every line): the text
    // must end in `)` or `）`.
    let b = s.as_bytes();
    let end = b.iter().rposition(|&x| !matches!(x, b' ' | b'*' | b'\n'))? + 1;
    if !(b[end - 1] == b')' || b[..end].ends_with("）".as_bytes())) {
        return None;
    }
    parenthetical_at_end(&s[..end])
}

/// Whether `s` may end in a source parenthetical: its last byte other than
/// a space, `*` or line break is that of `)` or `）`. A superset of what
/// [`trailing_source`] accepts, inlined where every line is asked.
#[inline(always)]
pub fn may_end_in_paren(s: &str) -> bool {
    // The last byte decides, unless it is one of those passed over (lines
    // end in a space or `*` seldom: their trims took the spaces).
    match s.as_bytes() {
        [.., b')' | FULL_CLOSE_LAST] => true,
        [.., b' ' | b'*' | b'\n'] => s
            .as_bytes()
            .iter()
            .rev()
            .find(|&&x| !matches!(x, b' ' | b'*' | b'\n'))
            .is_some_and(|&x| x == b')' || x == FULL_CLOSE_LAST),
        _ => false,
    }
}

/// The last byte of `）` (other characters end in it too: a prefilter).
const FULL_CLOSE_LAST: u8 = last_byte('）');
/// The bytes of `）`.
const CLOSE_0: u8 = utf8_3('）')[0];
const CLOSE_1: u8 = utf8_3('）')[1];
const CLOSE_2: u8 = utf8_3('）')[2];

/// [`trailing_source`] of `t`, which ends in a closing parenthesis.
#[inline(never)]
fn parenthetical_at_end(t: &str) -> Option<Tail> {
    let b = t.as_bytes();
    // `)` or `）`.
    let close_at = match b {
        [.., b')'] => b.len() - 1,
        [.., CLOSE_0, CLOSE_1, CLOSE_2] => b.len() - 3,
        _ => return None,
    };
    let open_at = open_paren_before(t, close_at)?;
    // `(` is one byte, `（` three.
    let inner_start = open_at + if b[open_at] == b'(' { 1 } else { 3 };
    let raw_inner = &t[inner_start..close_at];
    let names = trim_spaces_and_stars(raw_inner);
    let labelled = has_label(names);
    if names.is_empty()
        || !has_cjk(names)
        || (names.starts_with(['完', '待', '续', '下', '上', '接', '转'])
            && NOT_SOURCES.iter().any(|w| names.starts_with(w)))
    {
        return None;
    }
    // A name of more than 20 characters needs more than 20 bytes.
    if names.len() > 20 && split_sources(names).any(|n| chars_up_to(n, 20) > 20) {
        return None;
    }
    let tb = &b[..open_at];
    let kept = tb.len()
        - tb.iter()
            .rev()
            .take_while(|&&x| matches!(x, b' ' | b'*' | b'\n'))
            .count();
    let before = &t[..kept];
    let alone = before.is_empty();
    if !(alone || labelled || ends_sentence(before) || split_sources(names).all(is_unit_name)) {
        return None;
    }
    let lead = raw_inner
        .bytes()
        .take_while(|&x| x == b' ' || x == b'*')
        .count();
    Some(Tail {
        open: open_at,
        inner: (inner_start + lead, inner_start + lead + names.len()),
        end: t.len(),
        alone,
    })
}

/// Labels before the units in a source parenthetical (`（供稿：县交通局）`,
/// `（作者：李强 单位：县农业农村局）`).
const SOURCE_LABELS: [&str; 8] = [
    "稿件来源",
    "信息来源",
    "供稿单位",
    "来源单位",
    "供稿",
    "来源",
    "报送",
    "单位",
];
/// Labels before the people in one (`作者：李强`).
const AUTHOR_LABELS: [&str; 6] = ["撰稿人", "撰稿", "作者", "通讯员", "记者", "执笔"];
/// Words that may close a unit's name in one (`（县农业农村局供稿）`).
const SOURCE_SUFFIXES: [&str; 6] = ["供稿", "提供", "报送", "来稿", "报道", "消息"];

/// `s` ends in a label of a source parenthetical, right after its opening
/// parenthesis or a space: the colon after it belongs to the parenthetical,
/// not to a sentence.
fn source_label_before(s: &str) -> bool {
    SOURCE_LABELS.iter().chain(AUTHOR_LABELS.iter()).any(|l| {
        s.strip_suffix(l)
            .is_some_and(|r| r.ends_with(['（', '(', ' ', '、', '，', ',', '；', ';']))
    })
}

/// A `label：value` name in a source parenthetical: (label with its colon,
/// the value, whether the label names people).
fn labelled(n: &str) -> Option<(&str, &str, bool)> {
    // Only these characters start a label: most names are told at once.
    if !matches!(
        n.chars().next(),
        Some('稿' | '信' | '供' | '来' | '报' | '单' | '撰' | '作' | '通' | '记' | '执')
    ) {
        return None;
    }
    for (labels, people) in [(&SOURCE_LABELS[..], false), (&AUTHOR_LABELS[..], true)] {
        for l in labels {
            if let Some(r) = n.strip_prefix(l) {
                let r2 = r.trim_start_matches(' ');
                if let Some(c) = r2.chars().next().filter(|&c| is_colon(c)) {
                    let at = n.len() - r2.len() + c.len_utf8();
                    return Some((&n[..at], n[at..].trim_start_matches(' '), people));
                }
            }
        }
    }
    None
}

/// A unit's name without a verb after it (`县农业农村局供稿` → `县农业农村局`).
fn without_suffix(n: &str) -> &str {
    // The suffixes' last characters, tested first.
    if !matches!(
        n.chars().next_back(),
        Some('稿' | '供' | '送' | '道' | '息')
    ) {
        return n;
    }
    SOURCE_SUFFIXES
        .iter()
        .find_map(|w| n.strip_suffix(w).filter(|r| chars_up_to(r, 2) >= 2))
        .map_or(n, |r| r.trim_end_matches(' '))
}

/// Some name of the parenthetical carries a label or a verb.
fn has_label(names: &str) -> bool {
    split_sources(names).any(|n| labelled(n).is_some() || without_suffix(n).len() < n.len())
}

/// A person's name in a source parenthetical, after a unit (`（县发改委 张伟）`):
/// two to four CJK characters (the caller has made sure it is no unit).
fn is_person_name(t: &str) -> bool {
    (2..=4).contains(&chars_up_to(t, 5)) && t.chars().all(is_cjk)
}

/// Some character of `s` is CJK. The lead bytes of U+5000 to U+9FFF start
/// nothing but those characters, all CJK, so most names are told on their
/// first bytes.
fn has_cjk(s: &str) -> bool {
    const LEADS: std::ops::RangeInclusive<u8> = first_byte('\u{5000}')..=first_byte('\u{9FFF}');
    s.bytes().any(|x| LEADS.contains(&x)) || s.chars().any(is_cjk)
}

/// The last bytes of the characters [`open_paren_before`] stops at:
/// `)` `）` `\n` `。！？；…．` `!?;` `：:` `(` `（`. Many other characters end
/// in one of these bytes too; only those are decoded.
const PAREN_WALK_MARKS: [bool; 256] = byte_set_of(
    b")\n!?;:(",
    &[],
    &['）', '。', '！', '？', '；', '…', '．', '：', '（'],
);

/// How many characters before the closing parenthesis
/// [`open_paren_before`] looks at.
const PAREN_WALK_CHARS: usize = 41;

/// The opening parenthesis of a parenthetical closing at `close_at`: the
/// nearest within 40 characters before it, unless a closing parenthesis, a
/// line break, a sentence end or a colon comes first. Searched backwards on
/// bytes with a table: only a character ending in one of those marks' last
/// bytes is decoded, and only then are the characters up to it counted.
fn open_paren_before(t: &str, close_at: usize) -> Option<usize> {
    let b = t.as_bytes();
    // The characters looked at lie within four bytes each.
    let lo = close_at.saturating_sub(PAREN_WALK_CHARS * 4);
    let mut p = close_at;
    loop {
        while p > lo && !PAREN_WALK_MARKS[usize::from(b[p - 1])] {
            p -= 1;
        }
        if p == lo {
            return None;
        }
        // `b[p - 1]` ends a character only when `p` is a boundary.
        if !t.is_char_boundary(p) {
            p -= 1;
            continue;
        }
        let mut q = p - 1;
        while q > 0 && (b[q] as i8) < -64 {
            q -= 1;
        }
        if count_chars(&b[p..close_at]) >= PAREN_WALK_CHARS {
            return None;
        }
        let c = t[q..p].chars().next()?;
        if is_colon(c) && source_label_before(&t[..q]) {
            p = q; // `（供稿：县交通局）`: the label's colon is inside the source
            continue;
        }
        if is_close_paren(c) || c == '\n' || is_sentence_end(c) || is_colon(c) {
            return None;
        }
        if is_open_paren(c) {
            return Some(q);
        }
        p = q;
    }
}

/// The paragraph begins an item: a source leads it, or it has a headline
/// break after a few characters of headline with no sentence punctuation.
pub fn starts_item(s: &str) -> bool {
    starts_item_with(s, find_break(s), leading_source(s))
}

/// [`starts_item`] with the break and leading source already found.
pub fn starts_item_with(
    s: &str,
    brk: Option<(usize, usize)>,
    lead: Option<(usize, usize)>,
) -> bool {
    lead.is_some()
        || brk.is_some_and(|(h, _)| {
            let head = trim_spaces_and_stars(&s[..h]);
            chars_up_to(head, 4) >= 4 && !has_sentence_punct(head)
        })
}

/// A headline standing alone on its line (Word layouts; `**…**` bold):
/// short, no sentence punctuation, no break inside, not ending in `：` or
/// `、` (which continue a sentence), and in a hard-wrapped text shorter than
/// a full line.
#[cfg(test)]
pub fn is_headline_alone(text: &str, full: Option<usize>) -> bool {
    headline_alone(text, full, find_break(text))
}

/// [`is_headline_alone`] with the line's headline break already found;
/// cheap tests first, since this runs on every paragraph.
pub fn headline_alone(text: &str, full: Option<usize>, brk: Option<(usize, usize)>) -> bool {
    if brk.is_some() || text.len() > HEADLINE_ALONE_MAX * 4 + 4 {
        return false;
    }
    let t = trim_spaces_and_stars(text);
    let n = chars_up_to(t, HEADLINE_ALONE_MAX);
    (4..=HEADLINE_ALONE_MAX).contains(&n)
        && !has_sentence_punct(t)
        && !t.ends_with(['：', ':', '、', '，', ','])
        && trailing_source(text).is_none()
        && full.is_none_or(|f| width(text) < f)
}

/// Groups paragraphs into items and sections.
pub fn assemble(body: &Blocks<'_>, b: &mut Bulletin, sink: &mut Sink, ledger: &mut Ledger) {
    let blocks = &body.blocks;
    // Figures are collected here, then copied into a vector of their
    // number: items differ too much in size to reserve well for each.
    let mut found = Vec::new();
    // Every item opens on a paragraph of its own, so there are no more
    // items than paragraphs: reserved once, the vector is never copied.
    let paragraphs = blocks
        .iter()
        .filter(|b| matches!(b, Block::Para(_)))
        .count();
    b.items.reserve(paragraphs);
    b.sections.reserve(blocks.len() - paragraphs);
    // The section's name as written: each item gets its own copy (inline
    // when short, as most are).
    let mut section: Option<&str> = None;
    let mut cur: Option<Draft> = None;

    // A bracketed source waiting for the item it opens: (name, same line).
    let mut pending: Option<(&str, bool, usize)> = None;
    let mut in_note = false;
    for (k, block) in blocks.iter().enumerate() {
        let p = match block {
            Block::Section { heading, line } => {
                if let Some(d) = cur.take() {
                    b.items.push(finish(d, body, ledger, &mut found));
                }
                ledger.take(heading.open);
                ledger.take(heading.close);
                let inline =
                    !heading.rest.is_empty() && inline_bracket_is_source(heading, &blocks[k + 1..]);
                if inline
                    || (heading.rest.is_empty()
                        && bracket_is_source(heading, &blocks[k + 1..], &body.pieces))
                {
                    if let Some((name, _, at)) = pending.take() {
                        sink.warn(at, at, ORPHAN_SOURCE, name.to_string());
                    }
                    pending = Some((heading.name, inline, *line));
                    continue;
                }
                b.sections.push(heading.name.to_string());
                section = Some(heading.name);
                in_note = false;
                continue;
            }
            Block::Para(p) => p,
        };
        // `编者按：…` and the paragraphs after it, up to the next item: a note.
        let first_text = body.pieces[p.pieces.start].text;
        let key = note_key(first_text);
        if key > 0 || (in_note && !p.headline_alone && !p.starts(&body.pieces) && !p.closes) {
            if let Some(d) = cur.take() {
                b.items.push(finish(d, body, ledger, &mut found));
            }
            ledger.take(&first_text[..key]);
            let mut text = String::with_capacity(p.text_bytes);
            for (i, piece) in body.pieces[p.pieces.clone()].iter().enumerate() {
                if i > 0 && piece.join == Join::Space {
                    text.push(' ');
                }
                text.push_str(if i == 0 {
                    &piece.text[key..]
                } else {
                    piece.text
                });
            }
            let text = trim_spaces_and_newlines(&text).to_string();
            match b.notes.last_mut() {
                Some(n) if key == 0 => {
                    n.push('\n');
                    n.push_str(&text);
                }
                _ => b.notes.push(text),
            }
            in_note = true;
            continue;
        }
        in_note = false;
        if let Some((name, inline, _)) = pending.take() {
            // The bracket opens a new item, whatever the paragraph looks like.
            if let Some(d) = cur.take() {
                b.items.push(finish(d, body, ledger, &mut found));
            }
            let body_follows = matches!(blocks.get(k + 1), Some(Block::Para(q)) if !q.source_only);
            let alone = p.headline_alone && body_follows;
            cur = Some(Draft {
                section: section.map(SmallString::from),
                lead: Some(name),
                lead_inline: inline,
                marker: marker_style(first_text),
                first: k,
                last: k,
                headline_alone: alone,
                awaiting_body: alone,
            });
            if p.closes && !alone {
                if let Some(d) = cur.take() {
                    b.items.push(finish(d, body, ledger, &mut found));
                }
            }
            continue;
        }
        if p.source_only {
            match cur.take() {
                Some(mut d) => {
                    d.last = k;
                    b.items.push(finish(d, body, ledger, &mut found));
                }
                None => {
                    let pieces = &body.pieces[p.pieces.clone()];
                    let first = pieces.first().map_or(0, |x| x.line);
                    let text: String = pieces.iter().map(|x| x.text).collect();
                    // `（内部资料  注意保存）` above the first item: a secrecy
                    // mark, furniture, not a source.
                    if super::lines::is_page_furniture(&text) {
                        sink.drop_line(first, &text, crate::messages::DropReason::PageFurniture);
                    } else {
                        sink.warn(first, first, ORPHAN_SOURCE, text);
                    }
                }
            }
            continue;
        }
        let body_follows = matches!(blocks.get(k + 1), Some(Block::Para(q)) if !q.source_only);
        // A paragraph numbered like the item's own headline (`（二）` after
        // `（一）…`) is the next item, whatever else it looks like.
        let style = marker_style(first_text);
        let opens_item = |d: &Draft<'_>| {
            !p.table_row
                && ((p.headline_alone && body_follows)
                    || p.starts(&body.pieces)
                    || (style != 0 && style == d.marker))
        };
        match cur.as_mut() {
            Some(d) if d.awaiting_body => {
                d.last = k;
                d.awaiting_body = false;
            }
            Some(d) if !opens_item(d) => d.last = k,
            _ => {
                if let Some(d) = cur.take() {
                    b.items.push(finish(d, body, ledger, &mut found));
                }
                let alone = p.headline_alone && body_follows;
                cur = Some(Draft {
                    section: section.map(SmallString::from),
                    lead: None,
                    lead_inline: false,
                    marker: style,
                    first: k,
                    last: k,
                    headline_alone: alone,
                    awaiting_body: alone,
                });
            }
        }
        if p.closes && !cur.as_ref().is_some_and(|d| d.awaiting_body) {
            if let Some(d) = cur.take() {
                b.items.push(finish(d, body, ledger, &mut found));
            }
        }
    }
    if let Some(d) = cur.take() {
        b.items.push(finish(d, body, ledger, &mut found));
    }
    if let Some((name, _, at)) = pending {
        sink.warn(at, at, ORPHAN_SOURCE, name.to_string());
    }
}

/// Bytes of an editor's-note key opening `s` (`编者按：`, `按：`, `编者的话：`),
/// bold markers and the colon included; 0 when there is none.
fn note_key(s: &str) -> usize {
    let t = s.trim_start_matches('*');
    for k in ["编者按", "编者的话", "编者注", "按"] {
        if let Some(r) = t.strip_prefix(k) {
            let r = trim_start_set(r, &['*', ' ']);
            if let Some(c) = r.chars().next().filter(|&c| is_colon(c)) {
                let r = trim_start_set(&r[c.len_utf8()..], &['*', ' ']);
                if !r.is_empty() {
                    return s.len() - r.len();
                }
            }
        }
    }
    0
}

/// `【县住建局】加快推进…` names the item's source; `【民生保障】县民政局…` a
/// section. Told by what surrounds it: a bracket shaped like a unit's name,
/// or one whose item has no closing source of its own (up to the next
/// bracket), is the item's source.
fn inline_bracket_is_source(h: &Heading<'_>, after: &[Block<'_>]) -> bool {
    if !has_cjk(h.name) {
        return false;
    }
    if is_unit_name(h.name) {
        return true;
    }
    for block in after {
        match block {
            Block::Section { .. } => return true,
            Block::Para(p) if p.closes => return false,
            Block::Para(_) => {}
        }
    }
    true
}

/// A heading in square brackets of any kind (`【…】`, `[…]`).
fn is_bracket(h: &Heading<'_>) -> bool {
    !h.close.is_empty()
}

/// Whether a bracketed line standing alone (`【县教体局】`) names the source
/// of the item under it rather than a section. Told by what surrounds it:
/// the name is shaped like a unit's, and the item right under it names no
/// source of its own, neither leading (`县教体局：…`, as a section's items
/// may) nor closing (`…。（县教体局）`, as a section's items do).
fn bracket_is_source(h: &Heading<'_>, after: &[Block<'_>], pieces: &[Piece<'_>]) -> bool {
    if !is_bracket(h) || !has_cjk(h.name) || !is_unit_name(h.name) {
        return false;
    }
    let mut paras = 0;
    let mut prev_alone = false;
    for block in after {
        let Block::Para(p) = block else { break };
        if paras == 0 && leading_source(pieces[p.pieces.start].text).is_some() {
            return false;
        }
        // A later paragraph opening an item (not the body after a headline
        // standing alone): the first item ended without a source.
        if paras > 0 && !prev_alone && !p.table_row && p.starts(pieces) {
            break;
        }
        if p.closes {
            return false;
        }
        prev_alone = paras == 0 && p.headline_alone;
        paras += 1;
    }
    paras > 0
}

/// An item being gathered: the paragraph blocks `first..=last`.
struct Draft<'a> {
    section: Option<SmallString>,
    /// Its source, named in brackets before it (`【县住建局】`).
    lead: Option<&'a str>,
    /// That bracket stood on the item's first line.
    lead_inline: bool,
    /// The kind of list marker before its headline ([`marker_style`]).
    marker: u8,
    first: usize,
    last: usize,
    /// The first paragraph is the headline alone.
    headline_alone: bool,
    awaiting_body: bool,
}

fn finish(d: Draft<'_>, body: &Blocks<'_>, ledger: &mut Ledger, found: &mut Vec<Figure>) -> Item {
    let paras = || {
        body.blocks[d.first..=d.last]
            .iter()
            .filter_map(|b| match b {
                Block::Para(p) => Some((&body.pieces[p.pieces.clone()], p)),
                Block::Section { .. } => None,
            })
    };
    let Some((first_pieces, first_para)) = paras().next() else {
        return Item::default();
    };
    let first_break = first_para.first_break;
    let (last_pieces, last_para) = paras().next_back().unwrap_or((first_pieces, first_para));
    // The item's text, built once: pieces joined as the rewrap decided,
    // paragraphs on their own lines. One piece (the common case) is borrowed.
    let single = d.first == d.last && first_pieces.len() == 1;
    let mut first_para_end = 0;
    let mut first_piece_end = first_pieces.first().map_or(0, |x| x.text.len());
    let raw: Cow<'_, str> = if single {
        first_para_end = first_piece_end;
        Cow::Borrowed(first_pieces[0].text)
    } else {
        let cap = paras().map(|p| p.1.text_bytes).sum();
        let mut raw = String::with_capacity(cap);
        for (pi, (pieces, _)) in paras().enumerate() {
            if pi > 0 {
                raw.push('\n');
            }
            for (k, piece) in pieces.iter().enumerate() {
                if k > 0 && piece.join == Join::Space {
                    raw.push(' ');
                }
                raw.push_str(piece.text);
                if pi == 0 && k == 0 {
                    first_piece_end = raw.len();
                }
            }
            if pi == 0 {
                first_para_end = raw.len();
            }
        }
        Cow::Owned(raw)
    };
    let first_line = first_pieces.first().map_or(0, |x| x.line);
    let last_line = last_pieces.last().map_or(first_line, |x| x.line);

    // Room for the names seen on the way (a leading source, a closing
    // parenthetical): one each, most of the time, allocated at once
    // rather than through the growth path.
    let lead = leading_source(&raw[..first_para_end]);
    let mut sources = Vec::with_capacity(
        usize::from(lead.is_some()) + usize::from(last_para.last_tail.is_some()),
    );
    let mut authors = Vec::new();
    let mut head_start = 0;
    // `一、` `1.` `（一）` `①` before the headline: a list marker, not headline.
    let marker = list_marker_len(&raw[..first_para_end]);
    if marker > 0 {
        ledger.take(&raw[..marker]);
        head_start = marker;
    }
    // `【县住建局】` before the item: its source.
    if let Some(name) = d.lead {
        take_names(name, &mut sources, &mut authors, ledger);
    }
    let lead = if marker > 0 {
        leading_source(&raw[marker..first_para_end]).map(|(a, b)| (a + marker, b + marker))
    } else {
        lead
    };
    if let Some((names_end, text_start)) = lead {
        take_names(
            &raw[head_start..names_end],
            &mut sources,
            &mut authors,
            ledger,
        );
        // (Tested first: with the ledger off, the syntax is not even cut out.)
        if ledger.is_on() {
            ledger.take(&raw[names_end..text_start]);
        }
        head_start = text_start;
    }
    let first = &raw[head_start..first_para_end];
    // The break found in the first piece holds for the whole paragraph.
    let gap = match first_break {
        Some(b) if head_start == 0 => Some(b),
        _ => find_break(first),
    };
    let brk = gap.or_else(|| number_gap_break(first));
    // `【县住建局】加快推进老旧小区改造。今年以来…`: after a bracketed source
    // on the same line the headline runs to the first `。` when no gap
    // comes first (that `。` belongs to neither part).
    let stop = d
        .lead_inline
        .then(|| first_full_stop(first))
        .flatten()
        .filter(|&k| brk.is_none_or(|(h, _)| k < h));
    // Which rule ends the headline is kept for the item's rating (doubt).
    let (head_end, body_start, rule) = if d.headline_alone {
        (first_para_end, first_para_end, HeadlineRule::Alone)
    } else if let Some(k) = stop {
        ledger.take("。");
        let at = head_start + k;
        (at, at + '。'.len_utf8(), HeadlineRule::FullStop)
    } else if let Some((h, b)) = brk {
        let rule = if gap.is_some() {
            HeadlineRule::Gap
        } else {
            HeadlineRule::NumberGap
        };
        (head_start + h, head_start + b, rule)
    } else if first_pieces.len() > 1
        && first_piece_end > head_start
        && first_line_is_headline(&raw[head_start..first_piece_end])
    {
        // A hard wrap lost the gap right at the end of the headline's line.
        (first_piece_end, first_piece_end, HeadlineRule::WrapEnd)
    } else {
        (head_start, head_start, HeadlineRule::None)
    };
    let mut body_end = raw.len();
    let last_piece = last_pieces.last().map_or("", |x| x.text);
    let closing = known_tail(&raw, body_start, last_piece, last_para.last_tail)
        .or_else(|| trailing_source(&raw[body_start..]));
    // Every test run checks the shortcut against the full reading.
    debug_assert_eq!(closing, trailing_source(&raw[body_start..]));
    if let Some(tail) = closing {
        let base = body_start;
        if ledger.is_on() {
            ledger.take(&raw[base + tail.open..base + tail.inner.0]);
        }
        take_names(
            &raw[base + tail.inner.0..base + tail.inner.1],
            &mut sources,
            &mut authors,
            ledger,
        );
        if ledger.is_on() {
            ledger.take(&raw[base + tail.inner.1..base + tail.end]);
        }
        body_end = base + tail.open;
    }
    let head = trim_spaces_and_newlines(&raw[head_start..head_end]);
    let headline = if body.stars && find_byte(b'*', head.as_bytes()).is_some() {
        without_stars(head).trim_matches(' ').to_string()
    } else {
        head.to_string()
    };
    let trimmed = trim_spaces_and_newlines(&raw[body_start..body_end]);
    let start = body_start + (trimmed.as_ptr() as usize - raw[body_start..].as_ptr() as usize);
    let (end, bold) = (
        start + trimmed.len(),
        body.stars && find_byte(b'*', trimmed.as_bytes()).is_some(),
    );
    let (body, emphasis) = match raw {
        // A text joined from several lines is already a copy: the body is
        // cut out of it in place rather than copied once more.
        Cow::Owned(mut joined) if !bold => {
            joined.truncate(end);
            joined.drain(..start);
            (joined, Vec::new())
        }
        raw if !bold => (raw[start..end].to_string(), Vec::new()),
        raw => strip_bold(&raw[start..end]),
    };
    figures::extract_into(&body, found);
    // A vector of exactly their number, not `found` itself (which keeps its
    // room for the next item); `append` moves them in one copy.
    let mut figures: Vec<Figure> = Vec::with_capacity(found.len());
    figures.append(found);
    figures::assign_entities(&mut figures, &body, &emphasis);
    Item {
        section: d.section,
        headline,
        body,
        sources,
        authors,
        figures,
        emphasis,
        lines: LineRange {
            first: first_line,
            last: last_line,
        },
        check: headline_doubt(rule),
        corrected: false,
    }
}

/// Bytes of a list marker opening a headline: `一、`, `1.`, `1、`, `（一）`,
/// `(2)`, `①`, with the spaces after it; 0 when there is none (or nothing
/// follows it). `1—2月…` and `一是…` are not markers.
pub fn list_marker_len(s: &str) -> usize {
    // A symbol before a listed headline (`▶ 标题`, `◆县…`) is a marker too.
    let unmarked = super::lines::strip_symbol(s);
    if unmarked.len() < s.len() && !trim_spaces_and_stars(unmarked).is_empty() {
        return s.len() - unmarked.len();
    }
    // The first byte of an ASCII digit or `(`, or the lead byte E2 (①),
    // E3 (〇), E4–E5 (一二三五六七八九十), EF (（, full-width digits): any
    // other first byte is no marker.
    let may_mark = |c: char| {
        c.is_ascii_digit()
            || matches!(c, '(' | '（' | '〇' | '零' | '０'..='９' | '\u{2460}'..='\u{2473}')
            || is_cn_num(c)
    };
    if !s.chars().next().is_some_and(may_mark) {
        return 0;
    }
    let t = s.trim_start_matches('*');
    let skip = s.len() - t.len();
    let num = |x: &str| {
        x.find(|c: char| !(c.is_ascii_digit() || ascii_digit_wide(c) || is_cn_num(c)))
            .unwrap_or(x.len())
    };
    let mut end = 0;
    if let Some(c) = t.chars().next() {
        if ('\u{2460}'..='\u{2473}').contains(&c) {
            end = c.len_utf8();
        } else if c == '（' || c == '(' {
            let inner = &t[c.len_utf8()..];
            let n = num(inner);
            if n > 0 && chars_up_to(&inner[..n], 4) <= 3 {
                if let Some(cl) = inner[n..].chars().next().filter(|&x| x == '）' || x == ')') {
                    end = c.len_utf8() + n + cl.len_utf8();
                }
            }
        } else {
            let n = num(t);
            if n > 0 && chars_up_to(&t[..n], 4) <= 3 {
                let all_cn = t[..n].chars().all(is_cn_num);
                match t[n..].chars().next() {
                    Some('、') => end = n + '、'.len_utf8(),
                    Some('．') => end = n + '．'.len_utf8(),
                    Some('.')
                        if !all_cn && !t[n + 1..].starts_with(|c: char| c.is_ascii_digit()) =>
                    {
                        end = n + 1
                    }
                    _ => {}
                }
            }
        }
    }
    if end == 0 {
        return 0;
    }
    let rest = t[end..].trim_start_matches(' ');
    if trim_spaces_and_stars(rest).is_empty() {
        return 0;
    }
    // Bold markers before the marker stay with the headline.
    if skip > 0 {
        return 0;
    }
    t.len() - rest.len()
}

fn ascii_digit_wide(c: char) -> bool {
    ('０'..='９').contains(&c)
}

fn is_cn_num(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '〇' | '零'
    )
}

/// The kind of list marker opening `s`: 0 none, 1 `一、`, 2 `1.`, 3 `（一）`
/// or `(1)`, 4 `①`.
fn marker_style(s: &str) -> u8 {
    if list_marker_len(s) == 0 {
        return 0;
    }
    match s.chars().next() {
        Some('（' | '(') => 3,
        Some(c) if c.is_ascii_digit() || ('０'..='９').contains(&c) => 2,
        Some('\u{2460}'..='\u{2473}') => 4,
        _ => 1,
    }
}

/// The first `。` within a headline's length of `s`.
fn first_full_stop(s: &str) -> Option<usize> {
    let k = s[..floor_boundary(s, HEADLINE_ALONE_MAX * 3)].find('。')?;
    (chars_up_to(&s[..k], HEADLINE_ALONE_MAX) >= 2).then_some(k)
}

/// [`trailing_source`] of `raw[from..]`, read off the tail the rewrap found
/// on the last piece (`raw` ends with that piece) when it must be the same:
/// the piece's parenthetical does not stand alone, its opening parenthesis
/// lies after `from`, and at least two characters stand before it there
/// (`ends_sentence` looks at two). Then the same walk finds the same
/// parentheses, and what made the piece's tail a source makes this one a
/// source too. `None` when that cannot be told: the caller reads the text.
fn known_tail(raw: &str, from: usize, last_piece: &str, tail: Option<Tail>) -> Option<Tail> {
    let tail = tail?;
    debug_assert!(raw.ends_with(last_piece));
    let piece_at = raw.len().checked_sub(last_piece.len())?;
    let open = (piece_at + tail.open).checked_sub(from)?;
    let x = &raw[from..];
    // (ASCII bytes trimmed on bytes: the cut is a boundary.)
    let kept = open
        - x.as_bytes()[..open]
            .iter()
            .rev()
            .take_while(|&&c| matches!(c, b' ' | b'*' | b'\n'))
            .count();
    let before = &x[..kept];
    if tail.alone || before.chars().nth(1).is_none() {
        return None;
    }
    let shift = |k: usize| piece_at + k - from;
    Some(Tail {
        open,
        inner: (shift(tail.inner.0), shift(tail.inner.1)),
        end: shift(tail.end),
        alone: false,
    })
}

/// The first line of a hard-wrapped paragraph reads as a headline whose gap
/// to the body fell at the line end.
fn first_line_is_headline(s: &str) -> bool {
    let t = trim_spaces_and_stars(s);
    (4..=HEADLINE_ALONE_MAX).contains(&chars_up_to(t, HEADLINE_ALONE_MAX)) && !has_sentence_punct(t)
}

/// Splits a list of names into `sources`; the separators are syntax.
fn take_names(
    names: &str,
    sources: &mut Vec<SmallString>,
    authors: &mut Vec<String>,
    ledger: &mut Ledger,
) {
    let mut named = false;
    // After `作者：` the names are people until another label.
    let mut people = false;
    for n in split_sources(names) {
        // `通讯员 陈晨`: a label standing alone before its names.
        if matches!(n.chars().next(), Some('撰' | '作' | '通' | '记' | '执'))
            && AUTHOR_LABELS.contains(&n)
        {
            ledger.take(n);
            people = true;
            continue;
        }
        let n = match labelled(n) {
            Some((label, value, who)) => {
                ledger.take(label);
                people = who;
                value
            }
            None => n,
        };
        // `据县融媒体中心报道`: the unit a report is credited to.
        let n = match n
            .strip_prefix('据')
            .filter(|r| r.ends_with("报道") || r.ends_with("消息"))
        {
            Some(r) => {
                ledger.take("据");
                r
            }
            None => n,
        };
        let bare = without_suffix(n);
        if bare.len() < n.len() && ledger.is_on() {
            ledger.take(&n[bare.len()..]);
        }
        let n = bare;
        if n.is_empty() {
            continue;
        }
        // People named after a unit are the item's authors (`（县发改委 张伟）`).
        // (The first name is a unit unless a label said otherwise: only the
        // names after it are looked at as people.)
        if (people || (named && is_person_name(n))) && !is_unit_name(n) {
            authors.push(n.to_string());
            continue;
        }
        people = false;
        named = true;
        if sources.iter().any(|s| s == n) {
            // Named both before the headline and in the closing parenthetical:
            // one unit, listed once; the repeat is syntax, not lost text.
            ledger.take(n);
        } else {
            sources.push(SmallString::from(n));
        }
    }
    if ledger.is_on() {
        let seps: String = names
            .chars()
            .filter(|c| "、，,；;/／".contains(*c))
            .collect();
        ledger.take(&seps);
    }
}

/// `s` without its `**` markers (`str::replace`, without a substring
/// searcher).
fn without_stars(s: &str) -> Cow<'_, str> {
    let Some(first) = find_stars(s) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    let mut k = first;
    loop {
        out.push_str(&rest[..k]);
        rest = &rest[k + 2..];
        match find_stars(rest) {
            Some(next) => k = next,
            None => break,
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Removes `**` markers, returning the text and the character spans that
/// were bold.
pub fn strip_bold(s: &str) -> (String, Vec<Span>) {
    if find_byte(b'*', s.as_bytes()).is_none() {
        return (s.to_string(), Vec::new());
    }
    let mut out = String::with_capacity(s.len());
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    let mut chars = 0;
    let mut rest = s;
    while let Some(k) = find_stars(rest) {
        let seg = &rest[..k];
        out.push_str(seg);
        chars += seg.chars().count();
        match open.take() {
            Some(start) if chars > start => spans.push(Span { start, end: chars }),
            Some(_) => {}
            None => open = Some(chars),
        }
        rest = &rest[k + 2..];
    }
    out.push_str(rest);
    let trimmed = out.trim_end_matches([' ', '\n', '*']).len();
    if trimmed < out.len() {
        out.truncate(trimmed);
        let n = out.chars().count();
        spans.retain_mut(|s| {
            s.end = s.end.min(n);
            s.start < s.end
        });
    }
    (out, spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Option<(&str, &str)> {
        find_break(s).map(|(h, b)| (&s[..h], &s[b..]))
    }

    #[test]
    fn headline_breaks() {
        assert_eq!(
            split("县财政局强化债券管理 围绕谋划"),
            Some(("县财政局强化债券管理", "围绕谋划"))
        );
        assert_eq!(
            split("我县紧抓项目建设  一是精准发力"),
            Some(("我县紧抓项目建设", "一是精准发力"))
        );
        assert_eq!(
            split("县公共资源交易中心 4 天交易 21.4 亿元跑出项目建设“加速度” 通过评标"),
            Some((
                "县公共资源交易中心 4 天交易 21.4 亿元跑出项目建设“加速度”",
                "通过评标"
            ))
        );
        assert_eq!(
            split("**我县财政收入增长 3.5%** 1-4 月，全县"),
            Some(("**我县财政收入增长 3.5%**", "1-4 月，全县"))
        );
        assert_eq!(
            split("**县商务局推动以旧换新**抢抓"),
            Some(("**县商务局推动以旧换新**", "抢抓"))
        );
        assert_eq!(split("**县商务局推动以旧换新**"), None);
        assert_eq!(split("完成投资 3.47 亿元"), None);
        assert_eq!(split("该局通过发放资料， 开展活动"), None);
    }

    #[test]
    fn leading_sources() {
        let s = "县财政局：县财政局强化债券管理 围绕";
        let (n, t) = leading_source(s).unwrap();
        assert_eq!(
            (&s[..n], &s[t..]),
            ("县财政局", "县财政局强化债券管理 围绕")
        );
        assert!(leading_source("胙城乡、榆林乡:两乡开展活动").is_some());
        assert!(leading_source("截至目前：共排查").is_none());
        assert!(leading_source("其中：税收收入").is_none());
        assert!(leading_source("**县统计局：上半年工业增长 7.2%** 1-5 月").is_none());
        assert!(leading_source("**县统计局**：上半年工业增长").is_some());
    }

    #[test]
    fn trailing_sources() {
        fn names(s: &str) -> Option<&str> {
            trailing_source(s).map(|t| &s[t.inner.0..t.inner.1])
        }
        assert_eq!(names("发行金额 3.47 亿元。（财政局）"), Some("财政局"));
        assert_eq!(names("占 44.7%。  \n( 财政局 )"), Some("财政局"));
        assert_eq!(
            names("（胙城乡 榆林乡 丰庄镇 魏邱乡）"),
            Some("胙城乡 榆林乡 丰庄镇 魏邱乡")
        );
        assert_eq!(names("化解率100%（魏邱乡）"), Some("魏邱乡"));
        assert_eq!(names("大型救援装备 30 台（套）"), None);
        assert_eq!(names("对 13 个乡镇（镇、街道）"), None);
        assert_eq!(names("开发区在建（续建）"), None);
        assert_eq!(names("全文完。（完）"), None);
        assert!(trailing_source("（开发区）").unwrap().alone);
    }

    #[test]
    fn headlines_alone() {
        assert!(is_headline_alone(
            "县乡村振兴局建立双向推送预警帮扶机制实现主动精准帮扶",
            None
        ));
        assert!(is_headline_alone(
            "**县商务局多点发力推动消费品以旧换新**",
            None
        ));
        assert!(is_headline_alone(
            "县公共资源交易中心 4 天交易 21.4 亿元跑出项目建设“加速度”",
            None
        ));
        assert!(!is_headline_alone(
            "县财政局多措并举兜牢“三保”底线 建立健全土地收储出",
            None
        ));
        assert!(!is_headline_alone("积极推进项目建设，", None));
        assert!(!is_headline_alone(
            "县乡村振兴局建立双向推送预警帮扶机制实现主动精准帮扶",
            Some(40)
        ));
    }

    #[test]
    fn stars_come_off_like_replace() {
        for s in [
            "",
            "**",
            "***",
            "****",
            "**县**",
            "a**b**c*d",
            "**县统计局：上半年**",
        ] {
            assert_eq!(without_stars(s), s.replace("**", ""), "{s:?}");
        }
    }

    #[test]
    fn bold_spans() {
        let (s, spans) = strip_bold("截至目前，**胙城乡**共排查109起；**榆林乡**排查94起");
        assert_eq!(s, "截至目前，胙城乡共排查109起；榆林乡排查94起");
        assert_eq!(
            spans,
            [Span { start: 5, end: 8 }, Span { start: 16, end: 19 }]
        );
    }
}
