//! Several bulletins in one text (a month's issues pasted one after another,
//! a year's 汇编 in one document): where each issue starts.
//!
//! An issue starts at a masthead issue line (`第9期`, `2024年第12期（总第356期）`,
//! `某县政务信息(第8期)`, alone or with the title, issuer or date) whose number
//! differs from the issue being read, together with the short title lines
//! right above it. A repeat of the same number is a running page header, not
//! a new issue. One pass over the lines; only short lines holding `期` are
//! looked at more closely.

use super::date::find_date;
use super::footer;
use super::masthead::{find_issue, has_title_word};
use super::text::{chars_up_to, has_sentence_punct, trim_set};

/// The fewest non-blank lines an issue has before the next may start (a
/// masthead, an item and a footer).
const MIN_LINES: usize = 4;
/// Link labels of a web page's article navigation.
const NAVIGATION_LINKS: [&str; 6] = ["上一篇", "下一篇", "上一条", "下一条", "上一期", "下一期"];
/// How many title lines above the issue line belong to the new issue.
const TITLE_LINES: usize = 3;

/// The byte offsets and 1-based first line numbers where issues start after
/// the first (empty when the text holds one bulletin).
pub fn starts(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut current: Option<u32> = None;
    // Non-blank lines since the current issue started.
    let mut content = 0usize;
    // The last few non-blank lines: (byte offset, line number, text).
    let mut recent: [(usize, usize, &str); TITLE_LINES] = [(0, 0, ""); TITLE_LINES];
    let mut at = 0usize;
    for (k, line) in text.split('\n').enumerate() {
        let no = k + 1;
        let start = at;
        at += line.len() + 1;
        let t = trim_set(line, &[' ', '*', '#']);
        if t.is_empty() {
            continue;
        }
        if t.len() <= 150 && t.contains('期') {
            if let Some((n, titled)) = issue_line(t) {
                // A new issue is named: its title is on the issue line or
                // right above it (a bare `第9期` in the text is not a masthead).
                let titled = titled
                    || recent.last().is_some_and(|&(_, l, r)| {
                        l + TITLE_LINES >= no
                            && title_line(r)
                            && has_title_word(r)
                            && find_issue(r).is_none()
                    });
                match current {
                    None => current = Some(n),
                    Some(c) if c != n && content >= MIN_LINES && titled => {
                        // The issue starts at the title lines right above.
                        let mut first = (start, no);
                        for &(s, l, r) in recent.iter().rev() {
                            if l == 0 || l + TITLE_LINES < first.1 || !title_line(r) {
                                break;
                            }
                            first = (s, l);
                        }
                        out.push(first);
                        current = Some(n);
                        content = 0;
                    }
                    Some(_) => {}
                }
            }
        }
        content += 1;
        recent.rotate_left(1);
        recent[TITLE_LINES - 1] = (start, no, t);
    }
    keep_issues_with_content(text, out)
}

/// An issue has a masthead, an item and a footer: a "new issue" followed
/// by fewer than [`MIN_LINES`] non-blank lines before the next one (or the
/// end) is a reference to another issue at the bottom of a page (a web
/// copy's 上一篇/下一篇 list, a 汇编's closing index), not an issue.
fn keep_issues_with_content(text: &str, starts: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let mut kept: Vec<(usize, usize)> = Vec::with_capacity(starts.len());
    for (i, &(start, no)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(text.len(), |&(s, _)| s);
        let lines = text[start..end]
            .split('\n')
            .filter(|l| !l.trim().is_empty())
            .count();
        if lines > MIN_LINES {
            kept.push((start, no));
        }
    }
    kept
}

/// The issue number of a masthead issue line (the issue, with nothing else
/// on the line but a title, brackets, an issuer or a date), and whether the
/// title is on it.
fn issue_line(t: &str) -> Option<(u32, bool)> {
    // A web page's links to the previous and next articles name other
    // issues (`上一篇：某县政务信息（第8期）`): navigation, not a masthead.
    if NAVIGATION_LINKS.iter().any(|p| t.starts_with(p)) {
        return None;
    }
    let (s, e, n) = find_issue(t)?;
    let n = n?;
    let rest = [&t[..s], &t[e..]].concat();
    let rest = trim_set(&rest, &[' ', '(', ')', '（', '）']);
    let plain = rest.is_empty()
        || has_title_word(rest)
        || find_date(rest).is_some()
        || (chars_up_to(rest, 40) <= 40 && rest.contains("办公室"));
    (plain && !has_sentence_punct(rest)).then_some((n, has_title_word(rest)))
}

/// A line that may be a title (or a secrecy mark) above an issue line:
/// short, no sentence punctuation, not a footer line or a parenthetical.
fn title_line(t: &str) -> bool {
    chars_up_to(t, 31) <= 30
        && !has_sentence_punct(t)
        && !t.ends_with(['）', ')', '。'])
        && !footer::is_footer_line(t)
        && !t
            .chars()
            .all(|c| matches!(c, '-' | '—' | '━' | '─' | '=' | '_' | ' '))
}
