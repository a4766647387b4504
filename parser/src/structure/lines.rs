//! Splits the cleaned text into lines and says what each one is on its own:
//! blank, layout noise (page number, rule), a section heading, a footer line,
//! or text. Markdown line markers (`#`, `>`, list bullets) are taken off here;
//! what a line *means* in context (masthead, headline, body) is decided later.

use super::footer;
pub use super::line::{Kind, Line, WIDE_LINE, WIDE_LINE_BYTES};
use super::text::{
    chars_up_to, floor_boundary, has_sentence_punct, trim_spaces_and_stars, trim_start_set,
};
use crate::bytes::{for_each_line, lead_len};
use crate::figures::CharSet;
use crate::figures::{columns, count_chars};
use crate::messages::DropReason;
use crate::model::Dropped;
use crate::numerals::{ascii_digit, cn_digit, is_cn_numeral_char};

/// A section heading: `【民生保障】`, `[民生保障]`, `一、民生保障`, `## 民生保障`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Heading<'a> {
    pub name: &'a str,
    /// The syntax around the name (`【` and `】`, or `一、` and ``), which
    /// is structure, not text.
    pub open: &'a str,
    pub close: &'a str,
    /// Text after the heading on the same line: an item that starts there.
    pub rest: &'a str,
    pub explicit: bool,
}

/// The heading on a section line, read again.
#[cfg(test)]
pub fn heading_of<'a>(l: &Line<'a>) -> Option<Heading<'a>> {
    heading(l.text, l.md_heading)
}

/// The headings of the section lines as [`split`] read them, by line
/// number, in order (kept aside, so that `Line` stays small).
pub type Headings<'a> = Vec<(usize, Heading<'a>)>;

/// The lines of a text as [`split`] reads them.
pub struct Split<'a> {
    pub lines: Vec<Line<'a>>,
    pub headings: Headings<'a>,
    /// The text holds a `*` somewhere (seen on the way, so that texts
    /// without markdown bold need no pass of their own to tell).
    pub stars: bool,
}

/// Classifies every non-blank line (a blank one only sets `after_blank` on
/// the next). Markdown quote and bullet markers are recorded in `dropped`
/// (reason `"markup"`), and so is every noise line.
pub fn split<'a>(text: &'a str, dropped: &mut Vec<Dropped>) -> Split<'a> {
    // One line per ~40 bytes is a fair guess for both layouts.
    let mut lines = Vec::with_capacity(text.len() / 40 + 1);
    // Room for one section heading and one dropped line a kilobyte (a
    // dense bulletin's rate), so that neither vector regrows line by line.
    let mut headings = Vec::with_capacity(text.len() / 1024 + 8);
    dropped.reserve(text.len() / 1024 + 8);
    let mut after_blank = false;
    let mut no = 0;
    let mut toc = Contents::default();
    // Each line's width comes with its end, from one reading.
    let stars = for_each_line(text.as_bytes(), |start, end, columns| {
        no += 1;
        // Trimmed on bytes here, so that the text is cut out once.
        let (lead, trail) = space_around(&text.as_bytes()[start..end]);
        let trimmed = &text[start + lead..end - trail];
        let mut line = classify_trimmed(no, trimmed, lead, trail, columns, dropped, &mut headings);
        toc.follow(&mut line, after_blank, dropped, &mut headings);
        if line.kind == Kind::Blank {
            after_blank = true;
        } else {
            line.after_blank = after_blank;
            after_blank = false;
            lines.push(line);
        }
    });
    symbols_in_two_roles(&mut lines, &mut headings);
    Split {
        lines,
        headings,
        stars,
    }
}

/// Two symbols, two roles (WeChat and web layouts: `▌产业发展` then
/// `▶ 港区吞吐量创新高`): when lines opening with one symbol are followed,
/// each of them, by a line opening with another, the first symbol marks
/// sections and the second headlines — however short a headline is, it is
/// no section. Decided on the whole text, since one line cannot tell.
fn symbols_in_two_roles(lines: &mut [Line<'_>], headings: &mut Headings<'_>) {
    let symbol = |l: &Line<'_>| {
        l.text
            .chars()
            .next()
            .filter(|c| SECTION_SYMBOLS.contains(c) && l.kind != Kind::Noise)
    };
    // For each symbol: its lines, and how many of them the next line opens
    // with another symbol (the one seen there).
    let mut seen: Vec<(char, usize, usize, Option<char>)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let Some(c) = symbol(l) else { continue };
        let next = lines.get(i + 1).and_then(symbol).filter(|&n| n != c);
        match seen.iter_mut().find(|e| e.0 == c) {
            Some(e) => {
                e.1 += 1;
                e.2 += usize::from(next.is_some() && next == e.3);
            }
            None => seen.push((c, 1, usize::from(next.is_some()), next)),
        }
    }
    let Some(&(_, sections, _, Some(headline))) = seen
        .iter()
        .find(|e| e.1 >= 2 && e.2 == e.1 && e.3.is_some())
    else {
        return;
    };
    if seen.iter().any(|e| e.0 == headline && e.1 < sections) {
        return;
    }
    for l in lines.iter_mut() {
        if symbol(l) == Some(headline) && matches!(l.kind, Kind::Section { .. }) {
            l.kind = Kind::Text;
            headings.retain(|h| h.0 != l.no);
        }
    }
}

/// A table of contents (`本期要目`, `目录`, `本期导读`) and the headlines
/// listed under it: noise, since the items themselves follow. The list ends
/// at a blank line or rule after its first entry, at a line too long or too
/// sentence-like to be an entry, or where its first entry comes again (the
/// first item starts with no blank line before it).
#[derive(Default)]
struct Contents {
    open: bool,
    entries: usize,
    first: Option<String>,
}

/// Lines that open a table of contents.
const CONTENTS_TITLES: [&str; 8] = [
    "本期要目",
    "本期目录",
    "本期导读",
    "本期提要",
    "内容提要",
    "目录",
    "要目",
    "导读",
];

impl Contents {
    fn follow<'a>(
        &mut self,
        line: &mut Line<'a>,
        after_blank: bool,
        dropped: &mut Vec<Dropped>,
        headings: &mut Headings<'a>,
    ) {
        // Closed, only a short line may open a list: most lines stop here.
        if line.kind == Kind::Blank || (!self.open && line.text.len() > 40) {
            return;
        }
        let bare = trim_spaces_and_stars(line.text);
        if bare.len() <= 30 && is_contents_title(unframed(bare)) {
            // `【本期要目】` was taken for a section heading: it is none.
            if matches!(line.kind, Kind::Section { .. })
                && headings.last().is_some_and(|h| h.0 == line.no)
            {
                headings.pop();
            }
            *self = Contents {
                open: true,
                ..Contents::default()
            };
            line.kind = Kind::Noise;
            noise(dropped, line.no, line.text, DropReason::Contents);
            return;
        }
        if !self.open {
            return;
        }
        let entry = trim_spaces_and_stars(strip_symbol(bare));
        let ends = (self.entries > 0 && (after_blank || line.kind == Kind::Noise))
            || line.kind == Kind::Footer
            || entry.is_empty()
            || chars_up_to(entry, 41) > 40
            || has_sentence_punct(entry)
            || self.first.as_deref() == Some(entry);
        if ends {
            self.open = false;
            return;
        }
        if matches!(line.kind, Kind::Section { .. })
            && headings.last().is_some_and(|h| h.0 == line.no)
        {
            headings.pop();
        }
        self.entries += 1;
        if self.first.is_none() {
            self.first = Some(entry.to_string());
        }
        line.kind = Kind::Noise;
        noise(dropped, line.no, line.text, DropReason::Contents);
    }
}

/// Records a noise line in `dropped`.
#[inline(never)]
fn noise(dropped: &mut Vec<Dropped>, line: usize, text: &str, reason: DropReason) {
    dropped.push(Dropped {
        line,
        text: text.to_string(),
        reason,
    });
}

/// A contents title framed as a heading (`【本期要目】`, `[目录]`, `◆ 本期导读`)
/// without its frame; other text unchanged.
fn unframed(t: &str) -> &str {
    let t = strip_symbol(t);
    t.strip_prefix(['【', '['])
        .and_then(|r| r.strip_suffix(['】', ']']))
        .map_or(t, |r| r.trim_matches(' '))
}

/// `本期要目`, `目  录`: a contents title, spaces aside.
fn is_contents_title(t: &str) -> bool {
    CONTENTS_TITLES.iter().any(|c| {
        let mut rest = t;
        c.chars().all(|ch| {
            rest = rest.trim_start_matches(' ');
            rest.strip_prefix(ch).map(|r| rest = r).is_some()
        }) && rest.trim_start_matches(' ').is_empty()
    })
}

/// Symbols that mark a section line or a listed headline (`★ 工作动态`,
/// `◆县…`): the stars, diamonds, squares, circles, triangles and arrows of
/// print layouts, and the bars and pointers of WeChat and web layouts
/// (`▌产业发展`, `▶ 标题`, `➤`).
const SECTION_SYMBOLS: [char; 33] = [
    '★', '☆', '◆', '◇', '■', '□', '●', '○', '▲', '△', '►', '▶', '◎', '※', '▌', '▍', '▎', '▐', '▷',
    '➤', '➢', '❖', '◉', '◈', '▪', '▫', '♦', '✦', '✧', '◣', '◢', '◤', '◥',
];

/// `t` without a leading section symbol and the spaces after it.
pub fn strip_symbol(t: &str) -> &str {
    match t.chars().next() {
        Some(c) if SECTION_SYMBOLS.contains(&c) => t[c.len_utf8()..].trim_start_matches(' '),
        _ => t,
    }
}

/// Web page furniture copied with the text: `打印本页`, `关闭窗口`,
/// `字体大小：大 中 小`, `【打印】【关闭】`, `返回顶部`. A line made only of
/// such words (and brackets, separators) is noise.
pub(super) fn is_page_furniture(t: &str) -> bool {
    // Furniture lines are short and start with one of these.
    if t.len() > 240
        || !matches!(
            t.chars().next(),
            Some(
                '打' | '关'
                    | '字'
                    | '返'
                    | '收'
                    | '分'
                    | '大'
                    | '中'
                    | '小'
                    | '默'
                    | '全'
                    | '内'
                    | '注'
                    | '秘'
                    | '机'
                    | '绝'
                    | '妥'
                    | '当'
                    | '您'
                    | '你'
                    | '所'
                    | '【'
                    | '['
                    | ']'
                    | '】'
                    | '|'
                    | '｜'
                    | '/'
                    | '('
                    | '（'
                    | '·'
            )
        )
    {
        return false;
    }
    // A breadcrumb: `当前位置：首页 > 政务公开 > 政务信息`.
    if [
        "当前位置",
        "您的位置",
        "你的位置",
        "您现在的位置",
        "所在位置",
    ]
    .iter()
    .any(|k| t.starts_with(k))
        && t.len() <= 240
        && (t.contains('>') || t.contains('》') || t.contains('→') || t.contains('＞'))
    {
        return true;
    }
    const WORDS: [&str; 25] = [
        "打印本页",
        "打印",
        "关闭窗口",
        "关闭",
        "字体大小",
        "字体",
        "字号",
        "返回顶部",
        "返回",
        "收藏",
        "分享",
        "大",
        "中",
        "小",
        "默认",
        "全文",
        // secrecy marks printed above a title
        "内部资料",
        "内部刊物",
        "注意保存",
        "注意保密",
        "妥善保管",
        "秘密",
        "机密",
        "绝密",
        "内部",
    ];
    if t.len() > 90 {
        return false;
    }
    let mut rest = t;
    let mut words = 0;
    loop {
        rest = trim_start_set(
            rest,
            &[
                ' ', '【', '】', '[', ']', '|', '｜', '/', '：', ':', '·', '(', ')', '（', '）',
                '，', ',', '、',
            ],
        );
        if rest.is_empty() {
            return words > 0;
        }
        match WORDS.iter().find(|w| rest.starts_with(**w)) {
            Some(w) => {
                words += usize::from(w.chars().count() >= 2);
                rest = &rest[w.len()..];
            }
            None => return false,
        }
    }
}

/// First characters of every line that is more than plain text: markdown
/// markers, rules, page numbers, section headings, footer keys. A line
/// starting with anything else is text, and [`classify`] says so at once
/// (a test checks that the full reading agrees for every other character).
const LINE_MARKS: [char; 132] = [
    // markdown quote, heading, bullets; rules (and `*` for bold)
    '>', '#', '-', '*', '+', '•', '_', '—', '─', '━', '=', '＝', '~', '－', '═', '╔', '╚', '┏', '┗',
    '┌', '└', '╭', '╰', '﹏', '▁', '▔', // page numbers: digits, dashes, 第/共, Page
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '０', '１', '２', '３', '４', '５', '６',
    '７', '８', '９', '–', '―', '·', '〜', '第', '共', 'P', 'p',
    // section headings: brackets, Chinese enumerators
    '【', '[', '［', '〖', '〇', '○', '零', 'Ｏ', 'О', '一', '壹', '二', '两', '贰', '三', '叁',
    '四', '肆', '五', '伍', '六', '陆', '七', '柒', '八', '捌', '九', '玖', '十',
    // section symbols (`★ 工作动态`), contents (`目录`), web page furniture
    '★', '☆', '◆', '◇', '■', '□', '●', '▲', '△', '►', '▶', '◎', '※', '目', '打', '关', '字', '返',
    '▌', '▍', '▎', '▐', '▷', '➤', '➢', '❖', '◉', '◈', '▪', '▫', '♦', '✦', '✧', '◣', '◢', '◤', '◥',
    '内', '注', '秘', '机', '绝', '妥', '|', '印', '当', '您', '你', '所',
];

/// Footer keys' first characters (`本期发`, `责任编辑`, `签发`, …).
const FOOTER_MARKS: [char; 14] = [
    '本', '责', '签', '抄', '分', '发', '编', '审', '报', '送', '撰', '核', '校', '主',
];

static MARKS: CharSet = CharSet::new(&concat_marks());

const fn concat_marks() -> [char; LINE_MARKS.len() + FOOTER_MARKS.len()] {
    let mut all = ['\0'; LINE_MARKS.len() + FOOTER_MARKS.len()];
    let mut k = 0;
    while k < LINE_MARKS.len() {
        all[k] = LINE_MARKS[k];
        k += 1;
    }
    while k < all.len() {
        all[k] = FOOTER_MARKS[k - LINE_MARKS.len()];
        k += 1;
    }
    all
}

/// The width of a line's text of `columns` columns.
fn capped_width(text: &str, columns: usize) -> u16 {
    if text.len() > WIDE_LINE_BYTES {
        WIDE_LINE
    } else {
        // At most two columns a byte, and at most WIDE_LINE_BYTES bytes.
        columns as u16
    }
}

/// What the line `raw` of `columns` display columns is on its own (a
/// section line's heading goes to `headings`). ([`split`] trims the line
/// itself.)
#[cfg(test)]
fn classify<'a>(
    no: usize,
    raw: &'a str,
    columns: usize,
    dropped: &mut Vec<Dropped>,
    headings: &mut Headings<'a>,
) -> Line<'a> {
    let (lead, trail) = space_around(raw.as_bytes());
    // Spaces are ASCII: both cuts are character boundaries.
    let text = &raw[lead..raw.len() - trail];
    classify_trimmed(no, text, lead, trail, columns, dropped, headings)
}

/// The spaces leading and trailing `raw` (all of it counts as leading).
#[inline]
fn space_around(raw: &[u8]) -> (usize, usize) {
    let lead = raw.iter().take_while(|&&x| x == b' ').count();
    let trail = raw[lead..].iter().rev().take_while(|&&x| x == b' ').count();
    (lead, trail)
}

/// [`classify`] of the line `text` once `lead` spaces before it and
/// `trail` after it are cut off (`columns` counts them).
#[inline]
fn classify_trimmed<'a>(
    no: usize,
    text: &'a str,
    lead: usize,
    trail: usize,
    columns: usize,
    dropped: &mut Vec<Dropped>,
    headings: &mut Headings<'a>,
) -> Line<'a> {
    let line = Line {
        no,
        text,
        kind: Kind::Blank,
        indented: lead >= 2,
        trailing_space: trail > 0,
        md_heading: false,
        after_blank: false,
        // The spaces cut off took a column each.
        width: capped_width(text, columns - lead - trail),
    };
    // The first character tested on its bytes: a three-byte one (most
    // lines start with CJK) without decoding it.
    let marked = match *text.as_bytes() {
        [] => return line,
        [b0, ..] if b0.is_ascii() => MARKS.contains(char::from(b0)),
        [b0, b1, b2, ..] if lead_len(b0) == 3 => MARKS.contains3(b0, b1, b2),
        _ => text.chars().next().is_some_and(|c| MARKS.contains(c)),
    };
    if marked {
        classify_marked(line, dropped, headings)
    } else {
        Line {
            kind: Kind::Text,
            ..line
        }
    }
}

/// [`classify`] for a line that may be more than text.
fn classify_marked<'a>(
    mut line: Line<'a>,
    dropped: &mut Vec<Dropped>,
    headings: &mut Headings<'a>,
) -> Line<'a> {
    let no = line.no;
    let mut t = line.text;
    while let Some(rest) = t.strip_prefix('>') {
        dropped.push(markup(no, ">"));
        t = rest.trim_start_matches(' ');
    }
    if is_rule(t) {
        set_text(&mut line, t);
        line.kind = Kind::Noise;
        dropped.push(Dropped {
            line: no,
            text: t.to_string(),
            reason: DropReason::Rule,
        });
        return line;
    }
    if is_page_number(t) {
        set_text(&mut line, t);
        line.kind = Kind::Noise;
        dropped.push(Dropped {
            line: no,
            text: t.to_string(),
            reason: DropReason::PageNumber,
        });
        return line;
    }
    if is_page_furniture(t) {
        set_text(&mut line, t);
        line.kind = Kind::Noise;
        noise(dropped, no, t, DropReason::PageFurniture);
        return line;
    }
    let mut md_heading = false;
    if t.starts_with('#') {
        let h = t.trim_start_matches('#');
        if h.is_empty() || h.starts_with(' ') {
            md_heading = true;
            t = h.trim_start_matches(' ');
        }
    }
    for bullet in ["- ", "* ", "+ ", "• "] {
        if let Some(rest) = t.strip_prefix(bullet) {
            dropped.push(markup(no, bullet.trim_end()));
            t = rest.trim_start_matches(' ');
            break;
        }
    }
    set_text(&mut line, t);
    line.md_heading = md_heading;
    if t.bytes().all(|c| matches!(c, b'*' | b'#' | b' ')) {
        return line; // Blank: nothing but markers, which fold away
    }
    line.kind = if let Some(h) = heading(t, md_heading) {
        headings.push((no, h));
        Kind::Section {
            explicit: h.explicit,
        }
    } else if footer::is_footer_line(t) {
        Kind::Footer
    } else {
        Kind::Text
    };
    line
}

fn markup(line: usize, text: &str) -> Dropped {
    Dropped {
        line,
        text: text.to_string(),
        reason: DropReason::Markup,
    }
}

/// `line`'s text becomes `t`, a part of it (markup taken off), measured again.
fn set_text<'a>(line: &mut Line<'a>, t: &'a str) {
    if t.len() != line.text.len() {
        line.width = capped_width(t, columns(t.as_bytes()));
    }
    line.text = t;
}

/// `---`, `***`, `___`, `———`, `━━━`, `===`, `═══` and the other
/// box-drawing lines a red-head masthead is framed in, with spaces allowed
/// between.
fn is_rule(t: &str) -> bool {
    let mut marks = 0;
    for c in t.chars() {
        match c {
            '-' | '*' | '_' | '—' | '─' | '━' | '=' | '＝' | '~' | '－' | '﹏' | '▁' | '▔' => {
                marks += 1
            }
            '\u{2500}'..='\u{257F}' => marks += 1,
            // a markdown table's separator row: `|---|:---:|`
            ' ' | '|' | ':' => {}
            _ => return false,
        }
    }
    marks >= 3
}

const DASHES: &[char] = &['-', '—', '–', '－', '―', '─', '·', '~', '〜', '_'];

/// Page-number lines: `— 2 —`, `- 2 -`, `第2页`, `第 2 页 共 6 页`,
/// `共6页 第2页`, `2/6`, `Page 2`, `Page 2 of 6`, and a lone number of up
/// to three digits.
pub fn is_page_number(t: &str) -> bool {
    if t.is_empty() || t.len() > 48 {
        return false;
    }
    let Some(first) = t.chars().next() else {
        return false;
    };
    if !(first.is_ascii_digit()
        || ascii_digit(first).is_some()
        || DASHES.contains(&first)
        || matches!(first, '第' | '共' | 'P' | 'p'))
    {
        return false;
    }
    // The line without its spaces, on the stack (at most 48 bytes).
    let mut buf = [0u8; 48];
    let mut n = 0;
    for &x in t.as_bytes().iter().filter(|&&x| x != b' ') {
        buf[n] = x;
        n += 1;
    }
    // Taking ASCII spaces out of UTF-8 leaves UTF-8.
    let Ok(s) = std::str::from_utf8(&buf[..n]) else {
        return false;
    };
    // Decorated: dashes on both sides of a number.
    let core = s.trim_matches(DASHES);
    if core.len() < s.len() && s.starts_with(DASHES) && s.ends_with(DASHES) {
        return is_number(core, 4);
    }
    if s.chars().all(|c| ascii_digit(c).is_some()) {
        return (1..=3).contains(&s.chars().count());
    }
    let page_of = |s: &str| -> Option<usize> {
        // `第N页` → rest after it
        let r = s.strip_prefix('第')?;
        let r = strip_number(r)?;
        let r = r.strip_prefix('页')?;
        Some(s.len() - r.len())
    };
    let total = |s: &str| -> bool {
        s.strip_prefix('共')
            .and_then(strip_number)
            .is_some_and(|r| r == "页")
    };
    if let Some(n) = page_of(s) {
        let rest = s[n..].trim_start_matches(['/', '／', ',', '，', '、']);
        return rest.is_empty() || total(rest);
    }
    if let Some(r) = s
        .strip_prefix('共')
        .and_then(strip_number)
        .and_then(|r| r.strip_prefix('页'))
    {
        let r = r.trim_start_matches(['/', '／', ',', '，', '、']);
        return page_of(r).is_some_and(|n| n == r.len());
    }
    if let Some((a, b)) = s.split_once(['/', '／']) {
        return is_number(a, 4) && is_number(b, 4) && a.chars().all(|c| ascii_digit(c).is_some());
    }
    if let Some(r) = strip_prefix_ignoring_case(s, "page") {
        let Some(after) = strip_number(r) else {
            return false;
        };
        return after.is_empty()
            || strip_prefix_ignoring_case(after, "of")
                .or_else(|| after.strip_prefix('/'))
                .is_some_and(|n| is_number(n, 4));
    }
    false
}

/// `s` without `prefix` (lowercase ASCII), in any case.
fn strip_prefix_ignoring_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.as_bytes().get(..prefix.len())?;
    // ASCII letters matched: the cut after them is a character boundary.
    head.eq_ignore_ascii_case(prefix.as_bytes())
        .then(|| &s[prefix.len()..])
}

/// A number of at most `max` digits, Arabic (ASCII or full-width) or Chinese.
fn is_number(s: &str, max: usize) -> bool {
    strip_number(s).is_some_and(|r| r.is_empty()) && s.chars().count() <= max
}

/// Takes a leading number (1–4 digits, Arabic or Chinese) off `s`.
fn strip_number(s: &str) -> Option<&str> {
    let arabic = s
        .find(|c: char| ascii_digit(c).is_none())
        .unwrap_or(s.len());
    let n = if arabic > 0 {
        arabic
    } else {
        s.find(|c: char| !is_cn_numeral_char(c)).unwrap_or(s.len())
    };
    (n > 0 && s[..n].chars().count() <= 4).then(|| &s[n..])
}

/// A section heading, if the line is one.
fn heading(t: &str, md_heading: bool) -> Option<Heading<'_>> {
    let u = &t[t.bytes().take_while(|&b| b == b'*' || b == b' ').count()..];
    let first = u.chars().next()?;
    let close_char = match first {
        '【' => Some('】'),
        '[' => Some(']'),
        '［' => Some('］'),
        '〖' => Some('〗'),
        _ => None,
    };
    if let Some(close_char) = close_char {
        let open_len = first.len_utf8();
        // The name is short: look no further than 24 characters.
        // The closing bracket among the first 26 characters.
        let close = u[..floor_boundary(u, 26 * 4)]
            .find(close_char)
            .filter(|&k| count_chars(&u.as_bytes()[..k]) < 26)?;
        let inner = trim_spaces_and_stars(&u[open_len..close]);
        // `【一、重点工作】`: the enumerator is not part of the name.
        let name = match enumerator_len(inner) {
            0 => inner,
            k => trim_spaces_and_stars(&inner[k..]),
        };
        if name.is_empty() || chars_up_to(name, 20) > 20 || has_sentence_punct(name) {
            return None;
        }
        let after = &u[close + close_char.len_utf8()..];
        if first == '[' && after.starts_with('(') {
            return None; // a markdown link
        }
        // `**【民生保障】**`: the bold run around the bracket closes after it;
        // other stars after it open the text's own bold (`【X】**标题**`).
        let mut rest = after.trim_start_matches(' ');
        if rest.bytes().all(|b| b == b'*' || b == b' ') {
            rest = "";
        } else if u.len() < t.len() {
            rest = rest
                .strip_prefix("**")
                .unwrap_or(rest)
                .trim_start_matches(' ');
        }
        return Some(Heading {
            name,
            // (the enumerator, if any, is syntax like the bracket)
            open: &u[..name.as_ptr() as usize - u.as_ptr() as usize],
            close: &u[close..close + close_char.len_utf8()],
            rest,
            explicit: true,
        });
    }
    // `★ 工作动态`: a short name after a section symbol, alone on its line.
    // A listed headline (`◆县发改委全力推进…`) names a unit and is longer.
    if SECTION_SYMBOLS.contains(&first) {
        let name = trim_spaces_and_stars(&u[first.len_utf8()..]);
        let n = chars_up_to(name, 13);
        // (`◆ 乡镇传真` is a section: a short name may mention 镇 or 局.)
        let listed_headline = n > 6 && names_a_unit(name);
        if (2..=12).contains(&n)
            && !has_sentence_punct(name)
            && !name.contains("  ")
            && !listed_headline
        {
            return Some(Heading {
                name,
                open: &u[..u.len() - u[first.len_utf8()..].len()],
                close: "",
                rest: "",
                explicit: true,
            });
        }
        return None;
    }
    // `一、民生保障`: a short name after a Chinese enumerator.
    if cn_digit(first).is_some() || first == '十' {
        let num_end = u.find(|c: char| !is_cn_numeral_char(c)).unwrap_or(u.len());
        let after = &u[num_end..];
        let sep = after.chars().next()?;
        if !matches!(sep, '、' | '．' | '.') || chars_up_to(&u[..num_end], 3) > 3 {
            return None;
        }
        let name = trim_spaces_and_stars(&after[sep.len_utf8()..]);
        let n = chars_up_to(name, 16);
        if (2..=15).contains(&n)
            && !has_sentence_punct(name)
            && !name.ends_with(['：', ':'])
            && !name.contains("  ")
            && !names_a_unit(name)
        {
            return Some(Heading {
                name,
                open: &u[..num_end + sep.len_utf8()],
                close: "",
                rest: "",
                explicit: true,
            });
        }
        return None;
    }
    if md_heading {
        let name = trim_spaces_and_stars(t);
        if chars_up_to(name, 12) <= 12 && !has_sentence_punct(name) {
            return Some(Heading {
                name,
                open: "",
                close: "",
                rest: "",
                explicit: false,
            });
        }
    }
    None
}

/// Bytes of a Chinese enumerator with its mark (`一、`, `十二．`) opening `s`.
fn enumerator_len(s: &str) -> usize {
    let n = s.find(|c: char| !is_cn_numeral_char(c)).unwrap_or(s.len());
    match s[n..].chars().next() {
        Some(c @ ('、' | '．' | '.')) if n > 0 && chars_up_to(&s[..n], 3) <= 3 => {
            n + c.len_utf8()
        }
        _ => 0,
    }
}

/// `县财政局强化管理`, `我县推进…`, `东关街道…`: a numbered item's headline
/// names who did something; a section name (`民生保障`, `乡村振兴`) does not.
fn names_a_unit(name: &str) -> bool {
    ["县", "我县", "全县", "市", "我市", "区", "我区"]
        .iter()
        .any(|p| name.starts_with(p))
        || ["局", "镇", "街道", "委", "办", "中心"]
            .iter()
            .any(|w| name.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> Kind {
        classify(
            1,
            s,
            columns(s.as_bytes()),
            &mut Vec::new(),
            &mut Vec::new(),
        )
        .kind
    }

    #[test]
    fn only_marked_lines_are_more_than_text() {
        let rests = [
            "",
            "县财政局：",
            " 2 ",
            "】",
            "、民生保障",
            "：李勉",
            " -",
            "页",
        ];
        for c in (0..0x10000).filter_map(char::from_u32) {
            if MARKS.contains(c) || c == ' ' || c == '\n' {
                continue;
            }
            for rest in rests {
                let text = format!("{c}{rest}");
                let mut dropped = Vec::new();
                let plain = Line {
                    no: 1,
                    text: &text,
                    kind: Kind::Blank,
                    indented: false,
                    trailing_space: false,
                    md_heading: false,
                    after_blank: false,
                    width: 0,
                };
                let full = classify_marked(plain, &mut dropped, &mut Vec::new());
                assert_eq!(full.kind, Kind::Text, "{text:?}");
                assert_eq!(full.text, text, "{text:?}");
                assert!(!full.md_heading && dropped.is_empty(), "{text:?}");
            }
        }
    }

    #[test]
    fn page_numbers() {
        for s in [
            "— 2 —",
            "- 2 -",
            "-12-",
            "第2页",
            "第 2 页 共 6 页",
            "第2页/共6页",
            "共6页 第2页",
            "2/6",
            "2 / 6",
            "Page 2",
            "page 3 of 9",
            "7",
            "— 二 —",
        ] {
            assert_eq!(kind(s), Kind::Noise, "{s}");
        }
        for s in ["2023", "第七期", "2/6 份", "12 个", "第二批项目", "1-3月份"] {
            assert_ne!(kind(s), Kind::Noise, "{s}");
        }
    }

    #[test]
    fn rules() {
        for s in ["---", "***", "___", "* * *", "————", "━━━━━━"] {
            assert_eq!(kind(s), Kind::Noise, "{s}");
        }
        assert_eq!(kind("--"), Kind::Text);
    }

    #[test]
    fn headings() {
        fn name(s: &str) -> Option<&str> {
            let l = classify(
                1,
                s,
                columns(s.as_bytes()),
                &mut Vec::new(),
                &mut Vec::new(),
            );
            match l.kind {
                Kind::Section { .. } => heading_of(&l).map(|h| h.name),
                _ => None,
            }
        }
        assert_eq!(name("【民生保障】"), Some("民生保障"));
        assert_eq!(name("## 【高质量发展】"), Some("高质量发展"));
        assert_eq!(name("### **【扩大消费】**"), Some("扩大消费"));
        assert_eq!(name("[民生保障]"), Some("民生保障"));
        assert_eq!(name("一、民生保障"), Some("民生保障"));
        assert_eq!(name("## 民生保障"), Some("民生保障"));
        assert_eq!(name("一、县财政局强化债券管理助推项目建设工作"), None);
        assert_eq!(name("一、县财政局强化管理"), None);
        assert_eq!(name("二、乡村振兴"), Some("乡村振兴"));
        assert_eq!(name("一是精准发力，加大项目谋划力度。"), None);
        assert_eq!(name("[链接](http://x)"), None);
        assert_eq!(name("【民生保障】县民政局聚焦儿童关爱"), Some("民生保障"));
    }

    #[test]
    fn markdown_markers_are_recorded() {
        let mut dropped = Vec::new();
        let s = "> - 县财政局强化管理";
        let l = classify(3, s, columns(s.as_bytes()), &mut dropped, &mut Vec::new());
        assert_eq!(l.text, "县财政局强化管理");
        assert_eq!(dropped.len(), 2);
        assert!(dropped.iter().all(|d| d.reason == "markup" && d.line == 3));
    }

    #[test]
    fn footer_lines() {
        assert_eq!(kind("本期发：县委常委"), Kind::Footer);
        assert_eq!(kind("责任编辑 李勉"), Kind::Footer);
        assert_eq!(kind("报告显示，全县"), Kind::Text);
    }
}
