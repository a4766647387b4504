//! The masthead: title, issue, issuer and date, at the top of a bulletin,
//! before its first section or item. Fields may share a line (`封丘县人民政府办公室
//! 二○二三年四月十四日`) and any of them may be missing.

use super::footer;
use super::items::starts_item;
use super::lines::{Kind, Line};
use super::text::{
    chars_up_to, has_sentence_punct, is_cjk, is_close_paren, is_colon, is_open_paren, trim_set,
};
use super::{Ledger, Sink};
use crate::messages::{DropReason, WarningKind};
use crate::model::Masthead;
use crate::numerals::{ascii_digit, cn_digit, is_cn_numeral_char, parse_integer};

pub const UNPLACED: WarningKind = WarningKind::MastheadUnplaced;
/// The most lines a masthead takes (noise lines included).
const MAX_LINES: usize = 16;
pub const DUPLICATE: WarningKind = WarningKind::MastheadDuplicate;

/// Where the body starts, and the masthead lines' texts (a PDF repeats them
/// at the top of every page; in the body such a repeat is noise).
pub struct Read<'a> {
    pub body_start: usize,
    pub header_texts: Vec<&'a str>,
}

/// What the next content line looks like, for deciding whether a short line
/// is masthead material or the headline of the first item.
#[derive(PartialEq, Eq)]
enum Ahead {
    Field,
    Structure,
    Short,
    Body { own_break: bool },
    End,
}

pub fn read<'a>(
    lines: &[Line<'a>],
    m: &mut Masthead,
    footer_out: &mut crate::model::Footer,
    sink: &mut Sink,
    ledger: &mut Ledger,
) -> Read<'a> {
    let mut header_texts = Vec::new();
    // Short lines that may be the title, in order: (line, text, first content line?)
    let mut candidates: Vec<(usize, &'a str, bool)> = Vec::new();
    let mut seen_content = false;
    let mut i = 0;
    let body_start = loop {
        let Some(l) = lines.get(i) else {
            break lines.len();
        };
        // A masthead is a few lines; past that, whatever comes is body.
        if i >= MAX_LINES {
            break i;
        }
        match l.kind {
            Kind::Blank | Kind::Noise => {
                i += 1;
                continue;
            }
            Kind::Section { explicit } if explicit || seen_content => break i,
            Kind::Footer => {
                // `签发人：…`, or `报：…` printed under the masthead.
                footer::apply(l, footer_out, sink, ledger);
                seen_content = true;
                i += 1;
                continue;
            }
            _ => {}
        }
        let first_content = !seen_content;
        seen_content = true;
        let text = l.text;
        if let Some(web) = web_meta(text) {
            read_web_meta(&web, l.no, m, sink, ledger);
            i += 1;
            continue;
        }
        if let Some(scan) = scan(text).filter(|s| adds_field(s, m)) {
            let before = candidates.len();
            apply(&scan, l.no, m, sink, ledger, &mut candidates, first_content);
            // `签发：某某` printed on the issuer's line is the footer's.
            let mut k = before;
            while k < candidates.len() {
                let tok = candidates[k].1;
                if footer::is_footer_line(tok) {
                    footer::apply(&Line { text: tok, ..*l }, footer_out, sink, ledger);
                    candidates.remove(k);
                } else {
                    k += 1;
                }
            }
            header_texts.push(text);
            i += 1;
            continue;
        }
        // Body text, or a line with its own headline break: items begin.
        if !is_title_like(text) || starts_item(text) {
            break i;
        }
        let keep = match ahead(lines, i + 1) {
            Ahead::Field | Ahead::Structure | Ahead::Short | Ahead::End => true,
            Ahead::Body { own_break } => first_content && (own_break || has_title_word(text)),
        };
        if !keep {
            break i; // the headline of the first item, alone on its line
        }
        candidates.push((l.no, text, first_content));
        i += 1;
    };
    // The title: the first candidate that names a bulletin (政务快报, 简报…),
    // else the first content line; the other candidates are unplaced.
    let chosen = candidates
        .iter()
        .position(|c| has_title_word(c.1))
        .or_else(|| candidates.iter().position(|c| c.2));
    for (k, &(no, text, _)) in candidates.iter().enumerate() {
        if Some(k) == chosen && m.title.is_none() {
            m.title = Some(tidy_title(text));
            header_texts.push(text);
        } else if super::furniture::is_web_furniture(text) {
            sink.drop_line(no, text, DropReason::PageFurniture);
        } else {
            sink.warn(no, no, UNPLACED, text.to_string());
        }
    }
    Read {
        body_start,
        header_texts,
    }
}

fn ahead(lines: &[Line<'_>], from: usize) -> Ahead {
    for l in &lines[from.min(lines.len())..] {
        return match l.kind {
            Kind::Blank | Kind::Noise => continue,
            Kind::Section { .. } | Kind::Footer => Ahead::Structure,
            Kind::Text if scan(l.text).is_some() => Ahead::Field,
            Kind::Text if is_title_like(l.text) => Ahead::Short,
            Kind::Text => Ahead::Body {
                own_break: starts_item(l.text),
            },
        };
    }
    Ahead::End
}

/// The keys of a web page's information line (`发布时间:… 来源:… 浏览次数:…`).
const WEB_KEYS: [&str; 11] = [
    "发布时间",
    "发布日期",
    "来源单位",
    "信息来源",
    "来源",
    "发布机构",
    "浏览次数",
    "点击数",
    "阅读次数",
    "访问量",
    "作者",
];

/// A web page's information line: its `key:value` fields, in order.
struct WebMeta<'a> {
    fields: Vec<(&'a str, &'a str, &'a str)>,
}

/// Reads `发布时间:2024-03-08 09:30  来源:某县人民政府办公室  浏览次数:1,206`
/// as (key, colon, value) fields; `None` unless the line is made of such
/// fields only and names a publication time or a view count.
fn web_meta(t: &str) -> Option<WebMeta<'_>> {
    if t.len() > 240 {
        return None;
    }
    let mut fields = Vec::new();
    let mut rest = t;
    while !rest.is_empty() {
        let (key, value_at) = web_key_at(rest)?;
        let value_part = &rest[value_at..];
        // The value runs to the next key after a space.
        let mut end = value_part.len();
        for (i, _) in value_part.match_indices(' ') {
            let next = value_part[i..].trim_start_matches(' ');
            if web_key_at(next).is_some() {
                end = i;
                break;
            }
        }
        fields.push((
            key,
            &rest[key.len()..value_at],
            value_part[..end].trim_matches(' '),
        ));
        rest = value_part[end..].trim_start_matches(' ');
    }
    fields
        .iter()
        .any(|f| f.0.starts_with("发布") || f.0.contains("次数") || f.0 == "点击数")
        .then_some(WebMeta { fields })
}

/// A web information key at the start of `s`, and where its value starts.
fn web_key_at(s: &str) -> Option<(&str, usize)> {
    let k = WEB_KEYS.iter().find(|k| s.starts_with(**k))?;
    let after = s[k.len()..].trim_start_matches(' ');
    let c = after.chars().next().filter(|&c| is_colon(c))?;
    Some((&s[..k.len()], s.len() - after.len() + c.len_utf8()))
}

/// The date and issuer from a web information line; the rest is noise.
fn read_web_meta(
    w: &WebMeta<'_>,
    no: usize,
    m: &mut Masthead,
    sink: &mut Sink,
    ledger: &mut Ledger,
) {
    for &(key, colon, value) in &w.fields {
        if key.starts_with("发布") && !key.contains("机构") {
            if let Some((s, e, iso)) = find_date(value).filter(|_| m.date.is_none()) {
                ledger.take(key);
                ledger.take(colon);
                ledger.take(&value[s..e]);
                m.date = Some(iso);
                let rest = [&value[..s], &value[e..]].concat();
                if !rest.trim().is_empty() {
                    sink.drop_line(no, rest.trim(), DropReason::WebMeta);
                }
                continue;
            }
        }
        if matches!(key, "来源" | "来源单位" | "信息来源" | "发布机构") && m.issuer.is_none()
        {
            if let Some((k, name, suffix)) = issuer_parts(value) {
                ledger.take(key);
                ledger.take(colon);
                ledger.take(k);
                ledger.take(suffix);
                m.issuer = Some(name.to_string());
                continue;
            }
        }
        sink.drop_line(no, &[key, colon, value].concat(), DropReason::WebMeta);
    }
}

/// Short, no sentence punctuation, not a parenthetical: could be a title.
fn is_title_like(t: &str) -> bool {
    let n = chars_up_to(t, 30);
    n <= 30 && !has_sentence_punct(t) && !t.ends_with(['：', ':'])
}

/// Words that name a bulletin.
pub(super) fn has_title_word(t: &str) -> bool {
    chars_up_to(t, 16) <= 16
        && [
            "快报", "简报", "信息", "动态", "专报", "通讯", "要情", "参阅", "周报", "月报", "旬报",
            "快讯", "内参", "政务",
        ]
        .iter()
        .any(|w| t.contains(w))
}

/// `**延津政务快报**` → `延津政务快报`; `延 津 政 务 快 报` → `延津政务快报`.
fn tidy_title(t: &str) -> String {
    let t = trim_set(t, &['*', ' ']);
    let spaced = t
        .split(' ')
        .filter(|p| !p.is_empty())
        .all(|p| p.chars().count() == 1);
    if spaced && t.contains(' ') {
        t.chars().filter(|&c| c != ' ').collect()
    } else {
        t.to_string()
    }
}

/// A masthead line taken apart.
struct Scan<'a> {
    issue: Option<(&'a str, Option<u32>)>,
    /// Brackets written around the issue.
    parens: Option<(&'a str, &'a str)>,
    date: Option<(&'a str, String)>,
    /// What is left, split on wide gaps.
    tokens: Vec<&'a str>,
}

/// Reads a line as masthead fields, or `None` when it is not a masthead line
/// (no issue, date or issuer, or other text too long to be masthead).
fn scan(t: &str) -> Option<Scan<'_>> {
    // `**第 26 期**`: bold markers are not masthead text.
    let t = trim_set(t, &['*', ' ']);
    if t.len() > 200 {
        return None;
    }
    let issue = find_issue(t);
    let date = find_date(t);
    // `某县政务信息(第8期)`: brackets around the issue go with it.
    let parens = issue.and_then(|(s, e, _)| {
        let open = t[..s].chars().next_back().filter(|&c| is_open_paren(c))?;
        let close = t[e..].chars().next().filter(|&c| is_close_paren(c))?;
        Some((s - open.len_utf8(), e + close.len_utf8()))
    });
    let issue_cut = issue.map(|i| parens.unwrap_or((i.0, i.1)));
    let mut cuts: Vec<(usize, usize)> = [issue_cut, date.as_ref().map(|d| (d.0, d.1))]
        .into_iter()
        .flatten()
        .collect();
    cuts.sort_unstable();
    let mut tokens = Vec::new();
    let mut from = 0;
    for &(s, e) in cuts.iter().chain(std::iter::once(&(t.len(), t.len()))) {
        if s < from {
            return None; // overlapping matches: not a clean masthead line
        }
        for tok in t[from..s].split("  ") {
            let tok = trim_set(tok, &[' ', '*']);
            if !tok.is_empty() {
                tokens.push(tok);
            }
        }
        from = e;
    }
    let has_issuer = tokens.iter().any(|t| issuer_parts(t).is_some());
    if issue.is_none() && date.is_none() && !has_issuer {
        return None;
    }
    if tokens
        .iter()
        .any(|t| !is_title_like(t) && issuer_parts(t).is_none())
    {
        return None;
    }
    Some(Scan {
        parens: parens
            .zip(issue)
            .map(|((ps, pe), (s, e, _))| (&t[ps..s], &t[e..pe])),
        issue: issue.map(|(s, e, n)| (&t[s..e], n)),
        date: date.map(|(s, e, iso)| (&t[s..e], iso)),
        tokens,
    })
}

/// A masthead line gives a field not seen yet; a second date or issue
/// further down is body text (a headline that names a meeting's 第五期).
fn adds_field(s: &Scan<'_>, m: &Masthead) -> bool {
    (s.issue.is_some() && m.issue.is_none())
        || (s.date.is_some() && m.date.is_none())
        || (m.issuer.is_none() && s.tokens.iter().any(|t| issuer_parts(t).is_some()))
}

fn apply<'a>(
    scan: &Scan<'a>,
    no: usize,
    m: &mut Masthead,
    sink: &mut Sink,
    ledger: &mut Ledger,
    candidates: &mut Vec<(usize, &'a str, bool)>,
    first_content: bool,
) {
    if let Some((open, close)) = scan.parens {
        ledger.take(open);
        ledger.take(close);
    }
    if let Some((text, n)) = scan.issue {
        if m.issue.is_none() {
            m.issue = Some(text.to_string());
            m.issue_number = n;
        } else {
            sink.warn(no, no, DUPLICATE, text.to_string());
        }
    }
    if let Some((text, iso)) = &scan.date {
        if m.date.is_none() {
            ledger.take(text);
            m.date = Some(iso.clone());
        } else {
            sink.warn(no, no, DUPLICATE, text.to_string());
        }
    }
    for &tok in &scan.tokens {
        match issuer_parts(tok) {
            Some((key, name, suffix)) if m.issuer.is_none() => {
                ledger.take(key);
                ledger.take(suffix);
                m.issuer = Some(name.to_string());
            }
            Some(_) => sink.warn(no, no, DUPLICATE, tok.to_string()),
            // `总第415期` printed apart from the issue, `（星期五）` after the date.
            None if is_running_total(tok) => sink.drop_line(no, tok, DropReason::RunningTotal),
            None if is_weekday(tok) => sink.drop_line(no, tok, DropReason::Weekday),
            None => candidates.push((no, tok, first_content)),
        }
    }
}

/// Spaces and parentheses around a masthead token.
const PARENS_AND_SPACE: &[char] = &[' ', '（', '）', '(', ')'];

/// `总第415期`, `（总第415期）`: a running total standing apart from the issue.
fn is_running_total(t: &str) -> bool {
    let t = trim_set(t, PARENS_AND_SPACE);
    t.strip_prefix("总第")
        .and_then(|r| r.strip_suffix('期'))
        .is_some_and(|n| {
            let n = n.trim_matches(' ');
            !n.is_empty()
                && n.chars()
                    .all(|c| ascii_digit(c).is_some() || is_cn_numeral_char(c))
        })
}

/// `（星期五）`, `星期五`, `周五`, `(星期日)`: the weekday of the date.
fn is_weekday(t: &str) -> bool {
    let t = trim_set(t, PARENS_AND_SPACE);
    let day = t
        .strip_prefix("星期")
        .or_else(|| t.strip_prefix("礼拜"))
        .or_else(|| t.strip_prefix('周'));
    day.is_some_and(|d| ["一", "二", "三", "四", "五", "六", "日", "天"].contains(&d))
}

/// `延津县人民政府办公室`, `中共某县县委办公室编`, `主办：县政府办公室` →
/// (key before, the issuer, suffix after), or `None` when the token does
/// not name an office.
fn issuer_parts(t: &str) -> Option<(&str, &str, &str)> {
    let mut key_len = 0;
    for key in ["主办单位", "主办", "编印单位", "编印", "编发"] {
        if let Some(rest) = t.strip_prefix(key) {
            let after = rest.trim_start_matches(' ');
            if let Some(c) = after.chars().next().filter(|&c| is_colon(c)) {
                key_len = t.len() - after.len() + c.len_utf8();
                break;
            }
        }
    }
    let body = t[key_len..].trim_start_matches(' ');
    let key = &t[..t.len() - body.len()];
    let mut name = body;
    let mut suffix = "";
    for s in ["编印", "主办", "印发", "编发", "编", "印"] {
        if let Some(n) = body.strip_suffix(s) {
            // `…办公室 编`: a space may stand before the verb.
            let n = n.trim_end_matches(' ');
            if is_office(n) {
                name = n;
                suffix = &body[n.len()..];
                break;
            }
        }
    }
    is_office(name).then_some((key, name, suffix))
}

fn is_office(t: &str) -> bool {
    let n = chars_up_to(t, 31);
    (4..=30).contains(&n)
        && t.chars()
            .all(|c| is_cjk(c) || is_open_paren(c) || is_close_paren(c))
        && [
            "办公室",
            "人民政府",
            "政府",
            "委员会",
            "管委会",
            "委",
            "局",
            "办",
            "中心",
            "室",
            "部",
            "厅",
            "处",
            "院",
            "组",
            "会",
            "社",
        ]
        .iter()
        .any(|s| t.ends_with(s))
}

/// `第 39 期`, `第二十五期` anywhere in the line: (start, end, number).
/// A `总第…期` (running total) is taken only when there is no other.
pub fn find_issue(t: &str) -> Option<(usize, usize, Option<u32>)> {
    let mut total = None;
    for (at, _) in t.match_indices('第') {
        let after = &t[at + '第'.len_utf8()..];
        let num_start = after.len() - after.trim_start_matches(' ').len();
        let rest = &after[num_start..];
        let num_len = rest
            .find(|c: char| !(ascii_digit(c).is_some() || is_cn_numeral_char(c)))
            .unwrap_or(rest.len());
        if num_len == 0 || rest[..num_len].chars().count() > 6 {
            continue;
        }
        let tail = &rest[num_len..];
        let gap = tail.len() - tail.trim_start_matches(' ').len();
        if !tail[gap..].starts_with('期') {
            continue;
        }
        let end = at + '第'.len_utf8() + num_start + num_len + gap + '期'.len_utf8();
        let n = parse_integer(&rest[..num_len]).and_then(|n| u32::try_from(n).ok());
        if t[..at].ends_with('总') {
            total.get_or_insert((at, end, n));
        } else {
            return Some((year_before(t, at), total_after(t, end), n));
        }
    }
    total
}

/// `2024年第5期`: the year written right before the issue belongs to it.
fn year_before(t: &str, at: usize) -> usize {
    let before = t[..at].trim_end_matches(' ');
    let Some(y) = before.strip_suffix('年') else {
        return at;
    };
    let digits = y
        .chars()
        .rev()
        .take_while(|&c| ascii_digit(c).is_some() || cn_digit(c).is_some())
        .count();
    if digits != 4 {
        return at;
    }
    let start = y
        .char_indices()
        .rev()
        .nth(digits - 1)
        .map_or(at, |(i, _)| i);
    start
}

/// `第5期（总第88期）`, `第5期 总第88期`: the running total belongs to it.
fn total_after(t: &str, end: usize) -> usize {
    let rest = &t[end..];
    let r = rest.trim_start_matches(' ');
    let (open, r) = match r.chars().next() {
        Some(c) if is_open_paren(c) => (true, &r[c.len_utf8()..]),
        _ => (false, r),
    };
    let Some(after) = r.trim_start_matches(' ').strip_prefix("总第") else {
        return end;
    };
    let after = after.trim_start_matches(' ');
    let n = after
        .find(|c: char| !(ascii_digit(c).is_some() || is_cn_numeral_char(c)))
        .unwrap_or(after.len());
    let Some(mut tail) = after[n..]
        .trim_start_matches(' ')
        .strip_prefix('期')
        .filter(|_| n > 0)
    else {
        return end;
    };
    if open {
        match tail.trim_start_matches(' ').chars().next() {
            Some(c) if is_close_paren(c) => tail = &tail.trim_start_matches(' ')[c.len_utf8()..],
            _ => return end,
        }
    }
    t.len() - tail.len()
}

/// A date anywhere in the line, as (start, end, ISO `YYYY-MM-DD`):
/// `2023 年 9 月 1 日`, `二○二三年四月十四日`, `2023.9.1`, `2023-09-01`,
/// `2023/9/1`.
pub fn find_date(t: &str) -> Option<(usize, usize, String)> {
    find_cn_date(t).or_else(|| find_numeric_date(t))
}

fn find_cn_date(t: &str) -> Option<(usize, usize, String)> {
    for (at, _) in t.match_indices('年') {
        // The year: four digits before 年, Arabic or Chinese.
        let before = t[..at].trim_end_matches(' ');
        let mut start = before.len();
        let mut digits = 0u32;
        let mut year = 0u32;
        let mut place = 1u32;
        for (i, c) in before.char_indices().rev() {
            let d = ascii_digit(c).or_else(|| cn_digit(c).filter(|_| c != '两'));
            match d {
                Some(d) if digits < 4 => {
                    year += d * place;
                    place *= 10;
                    digits += 1;
                    start = i;
                }
                _ => break,
            }
        }
        if digits != 4 {
            continue;
        }
        let mut rest = &t[at + '年'.len_utf8()..];
        let Some((month, r)) = numeral_then(rest, &['月']) else {
            continue;
        };
        rest = r;
        let Some((day, r)) = numeral_then(rest, &['日', '号']) else {
            continue;
        };
        let end = t.len() - r.len();
        if let Some(iso) = iso(year, month, day) {
            return Some((start, end, iso));
        }
    }
    None
}

/// A small number (Arabic or Chinese) then one of `units`, spaces allowed
/// around the number. Returns the number and the text after the unit.
fn numeral_then<'a>(s: &'a str, units: &[char]) -> Option<(u32, &'a str)> {
    let s = s.trim_start_matches(' ');
    let n = s
        .find(|c: char| !(ascii_digit(c).is_some() || is_cn_numeral_char(c)))
        .unwrap_or(s.len());
    if n == 0 || s[..n].chars().count() > 3 {
        return None;
    }
    let value = parse_integer(&s[..n])?;
    let r = s[n..].trim_start_matches(' ');
    let u = r.chars().next().filter(|c| units.contains(c))?;
    Some((u32::try_from(value).ok()?, &r[u.len_utf8()..]))
}

fn find_numeric_date(t: &str) -> Option<(usize, usize, String)> {
    let b = t.as_bytes();
    let digits_at = |i: usize, max: usize| -> usize {
        b[i.min(b.len())..]
            .iter()
            .take(max + 1)
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let mut i = 0;
    while i + 4 <= b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_digit()) || digits_at(i, 4) != 4 {
            i += 1;
            continue;
        }
        let year_end = i + 4;
        let Some(sep) = t[year_end..]
            .chars()
            .next()
            .filter(|c| matches!(c, '.' | '-' | '/' | '．' | '／' | '－'))
        else {
            i += 1;
            continue;
        };
        let m_start = year_end + sep.len_utf8();
        let m_len = digits_at(m_start, 2);
        let m_end = m_start + m_len;
        if !(1..=2).contains(&m_len) || !t[m_end..].starts_with(sep) {
            i += 1;
            continue;
        }
        let d_start = m_end + sep.len_utf8();
        let d_len = digits_at(d_start, 2);
        if !(1..=2).contains(&d_len) {
            i += 1;
            continue;
        }
        let end = d_start + d_len;
        let num = |s: &str| s.parse::<u32>().ok();
        if let (Some(y), Some(m), Some(d)) = (
            num(&t[i..year_end]),
            num(&t[m_start..m_end]),
            num(&t[d_start..end]),
        ) {
            if let Some(iso) = iso(y, m, d) {
                return Some((i, end, iso));
            }
        }
        i += 1;
    }
    None
}

fn iso(y: u32, m: u32, d: u32) -> Option<String> {
    let days = match m {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    ((1900..=2200).contains(&y) && (1..=days).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        let iso = |s: &str| find_date(s).map(|d| d.2);
        assert_eq!(iso("2023 年 9 月 1 日").as_deref(), Some("2023-09-01"));
        assert_eq!(iso("二○二三年四月十四日").as_deref(), Some("2023-04-14"));
        assert_eq!(
            iso("二〇二四年十二月三十一日").as_deref(),
            Some("2024-12-31")
        );
        assert_eq!(iso("二零二二年一月二十日").as_deref(), Some("2022-01-20"));
        assert_eq!(iso("2023.9.1").as_deref(), Some("2023-09-01"));
        assert_eq!(iso("2023-09-01").as_deref(), Some("2023-09-01"));
        assert_eq!(iso("2023/9/1").as_deref(), Some("2023-09-01"));
        assert_eq!(iso("２０２３年９月１日").as_deref(), Some("2023-09-01"));
        assert_eq!(iso("2023年13月1日"), None);
        assert_eq!(iso("2023-9/1"), None);
        assert_eq!(iso("12023.9.1"), None);
        assert_eq!(iso("截至2023年8月底"), None);
        let d = find_date("县政府办公室   2023年9月1日印发").unwrap();
        assert_eq!(&"县政府办公室   2023年9月1日印发"[d.0..d.1], "2023年9月1日");
    }

    #[test]
    fn issues() {
        fn n(s: &str) -> Option<(&str, Option<u32>)> {
            find_issue(s).map(|i| (&s[i.0..i.1], i.2))
        }
        assert_eq!(n("第 39 期"), Some(("第 39 期", Some(39))));
        assert_eq!(n("第二十五期"), Some(("第二十五期", Some(25))));
        assert_eq!(n("总第 456 期 第 12 期"), Some(("第 12 期", Some(12))));
        assert_eq!(n("总第456期"), Some(("第456期", Some(456))));
        assert_eq!(n("第七批"), None);
        assert_eq!(
            n("2024年第5期（总第88期）"),
            Some(("2024年第5期（总第88期）", Some(5)))
        );
        assert_eq!(
            n("二〇二四年 第五期 总第 88 期"),
            Some(("二〇二四年 第五期 总第 88 期", Some(5)))
        );
        assert_eq!(n("2023年9月 第5期"), Some(("第5期", Some(5))));
    }

    #[test]
    fn issuers() {
        assert_eq!(
            issuer_parts("延津县人民政府办公室"),
            Some(("", "延津县人民政府办公室", ""))
        );
        assert_eq!(
            issuer_parts("中共某县县委办公室编"),
            Some(("", "中共某县县委办公室", "编"))
        );
        assert_eq!(
            issuer_parts("主办：县政府办公室"),
            Some(("主办：", "县政府办公室", ""))
        );
        assert_eq!(issuer_parts("延津政务快报"), None);
        assert_eq!(issuer_parts("政务信息"), None);
    }

    #[test]
    fn titles() {
        assert_eq!(tidy_title("延 津 政 务 快 报"), "延津政务快报");
        assert_eq!(tidy_title("**政务信息**"), "政务信息");
    }
}
