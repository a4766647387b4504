//! Date checks: a weekday that does not match its date, a date that cannot
//! exist, something already done dated after the issue date, and the issue
//! number written two ways that disagree.

use super::doc::{is_clause_end, is_han, Doc, FindingKind, Part, Raw, Segment};

/// A date found in the text, with its character range.
struct Date {
    year: Option<i32>,
    month: u32,
    day: Option<u32>,
    start: usize,
    end: usize,
}

/// A number written in Arabic (half- or full-width) or Chinese digits at
/// `i`: (value, characters read). Chinese forms: 二○二四, 十二, 二十三, 三十一.
fn number_at(s: &[char], i: usize) -> Option<(u32, usize)> {
    if !starts_number(*s.get(i)?) {
        return None;
    }
    let mut j = i;
    let mut v: u32 = 0;
    while j < s.len() && j - i < 6 {
        let d = match s[j] {
            '0'..='9' => s[j] as u32 - '0' as u32,
            '０'..='９' => s[j] as u32 - '０' as u32,
            _ => break,
        };
        v = v * 10 + d;
        j += 1;
    }
    if j > i {
        return Some((v, j - i));
    }
    // ○〇零 are zero, 一…九 one to nine.
    let digit = |c: char| -> Option<u32> {
        let p = "○〇零一二三四五六七八九".chars().position(|d| d == c)? as u32;
        Some(p.saturating_sub(2))
    };
    // A run of Chinese digits (years: 二○二四) or a tens form (二十三).
    let mut k = i;
    let mut run = 0u32;
    let mut tens_form = false;
    let mut value: u32 = 0;
    while k < s.len() && k - i < 5 {
        if s[k] == '十' {
            tens_form = true;
            let t = if k == i { 1 } else { run };
            value = t * 10;
            run = 0;
            k += 1;
            continue;
        }
        match digit(s[k]) {
            Some(d) => {
                run = run * 10 + d;
                k += 1;
            }
            None => break,
        }
    }
    if k == i {
        return None;
    }
    Some((if tens_form { value + run } else { run }, k - i))
}

/// Whether a number can start with `c` (the cheap test before reading one).
fn starts_number(c: char) -> bool {
    matches!(c, '0'..='9' | '０'..='９' | '○' | '〇' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十')
}

fn skip_spaces(s: &[char], mut i: usize) -> usize {
    while i < s.len() && s[i] == ' ' {
        i += 1;
    }
    i
}

/// Every `[YYYY年]M月[D日]` in `s` (a month needs a year before it or a day
/// after it, so `13个月` and `3月份` alone are not dates), plus
/// `YYYY-MM-DD`, `YYYY.M.D`, `YYYY/M/D`.
fn dates(s: &[char], marks: impl Iterator<Item = usize>) -> Vec<Date> {
    let mut found = Vec::new();
    // Only where a date can start: before a 月 (and its year), or four
    // digits before a separator; the text between is not read.
    let starts = date_starts(s, marks);
    let mut next = 0;
    let mut i = 0;
    loop {
        while next < starts.len() && starts[next] < i {
            next += 1;
        }
        let Some(&start) = starts.get(next) else {
            break;
        };
        i = start;
        next += 1;
        if !starts_number(s[i]) || (i > 0 && (starts_number(s[i - 1]) || s[i - 1] == '第')) {
            i += 1;
            continue;
        }
        let Some((n, len)) = number_at(s, i) else {
            i += 1;
            continue;
        };
        let start = i;
        let mut j = skip_spaces(s, i + len);
        let mut year = None;
        let mut month = None;
        // Numeric forms with separators.
        if len == 4 && j < s.len() && matches!(s[j], '-' | '.' | '/') && s[i].is_ascii_digit() {
            let sep = s[j];
            if let Some((m, ml)) = number_at(s, j + 1) {
                let k = j + 1 + ml;
                if ml <= 2 && k < s.len() && s[k] == sep {
                    if let Some((d, dl)) = number_at(s, k + 1) {
                        let end = k + 1 + dl;
                        let digit_after =
                            s.get(end).is_some_and(|c| c.is_ascii_digit() || *c == '.');
                        if dl <= 2 && !digit_after {
                            found.push(Date {
                                year: Some(n as i32),
                                month: m,
                                day: Some(d),
                                start,
                                end,
                            });
                            i = end;
                            continue;
                        }
                    }
                }
            }
            i += len;
            continue;
        }
        if j < s.len() && s[j] == '年' && (1900..=2100).contains(&n) {
            year = Some(n as i32);
            j = skip_spaces(s, j + 1);
            match number_at(s, j) {
                Some((m, ml)) => {
                    let k = skip_spaces(s, j + ml);
                    if k < s.len() && s[k] == '月' {
                        month = Some((m, k + 1));
                    }
                }
                None => {
                    i = j;
                    continue;
                }
            }
        } else if j < s.len() && s[j] == '月' {
            month = Some((n, j + 1));
        }
        let Some((m, after_month)) = month else {
            i += len;
            continue;
        };
        let k = skip_spaces(s, after_month);
        let mut day = None;
        let mut end = after_month;
        if let Some((d, dl)) = number_at(s, k) {
            let e = skip_spaces(s, k + dl);
            if e < s.len() && matches!(s[e], '日' | '号') {
                day = Some(d);
                end = e + 1;
            }
        }
        // `13月` alone is only a date with a year before it; a bare `M月`
        // without a day is a month (3月份), kept for the month check.
        if year.is_none() && day.is_none() {
            // `1-3月份`, `1—8月` and `3个月` are periods, not dates.
            i = after_month;
            if m > 12 && s.get(after_month) != Some(&'份') {
                let prev = if start > 0 { s[start - 1] } else { ' ' };
                if !matches!(prev, '-' | '—' | '~' | '至' | '到' | '－' | '–') {
                    found.push(Date {
                        year: None,
                        month: m,
                        day: None,
                        start,
                        end: after_month,
                    });
                }
            }
            continue;
        }
        found.push(Date {
            year,
            month: m,
            day,
            start,
            end,
        });
        i = end;
    }
    found
}

/// Where the dates in `s` may start, in order: the number before each 月
/// (and the year before it), and four digits before `-` `.` `/`.
/// `marks`: where 月 - . / stand in `s`, ascending.
fn date_starts(s: &[char], marks: impl Iterator<Item = usize>) -> Vec<usize> {
    let back_over = |mut k: usize, what: &dyn Fn(char) -> bool, max: usize| {
        let end = k;
        while k > 0 && end - k < max && what(s[k - 1]) {
            k -= 1;
        }
        k
    };
    let spaces = |k: usize| back_over(k, &|c| c == ' ', usize::MAX);
    let number = |c: char| starts_number(c);
    let mut starts = Vec::new();
    for p in marks {
        let c = s[p];
        if c == '月' {
            let end = spaces(p);
            let k = back_over(end, &number, 6);
            if k == end {
                continue;
            }
            let before = spaces(k);
            if before > 0 && s[before - 1] == '年' {
                let end = spaces(before - 1);
                let y = back_over(end, &number, 4);
                if y < end {
                    starts.push(y);
                }
            }
            starts.push(k);
        } else if matches!(c, '-' | '.' | '/') {
            let k = back_over(p, &|c: char| c.is_ascii_digit(), 5);
            if p - k == 4 {
                starts.push(k);
            }
        }
    }
    starts.sort_unstable();
    starts.dedup();
    starts
}

pub(crate) fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 (proleptic Gregorian).
pub fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y } as i64;
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// 0 = Monday … 6 = Sunday.
fn weekday(y: i32, m: u32, d: u32) -> u32 {
    ((days_from_civil(y, m, d) + 3).rem_euclid(7)) as u32
}

const WEEKDAYS: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];

/// The weekday written right after a date: `（星期三）`, `(周三)`, ` 星期日`.
fn weekday_after(s: &[char], end: usize) -> Option<(u32, usize, usize)> {
    let mut i = skip_spaces(s, end);
    if i < s.len() && matches!(s[i], '（' | '(') {
        i += 1;
    }
    i = skip_spaces(s, i);
    let start = i;
    let rest: String = s[i..(i + 3).min(s.len())].iter().collect();
    let name_len = if rest.starts_with("星期") || rest.starts_with("礼拜") {
        2
    } else if rest.starts_with('周') {
        1
    } else {
        return None;
    };
    let c = *s.get(i + name_len)?;
    let w = if c == '天' {
        6
    } else {
        WEEKDAYS.iter().position(|w| w.starts_with(c))? as u32
    };
    Some((w, start, i + name_len + 1))
}

/// Words that say a thing already happened, and words that make it planned.
const PAST: &[&str] = &[
    "召开了",
    "举行了",
    "举办了",
    "开展了",
    "完成了",
    "已",
    "圆满",
    "顺利",
    "召开",
    "举行",
    "举办",
    "完成",
    "开展",
    "启动",
    "通过了",
    "印发了",
    "出台了",
    "结束",
];
const PLANNED: &[&str] = &[
    "将", "拟", "计划", "预计", "即将", "前", "以前", "之前", "底前", "要", "力争", "确保", "届时",
    "起", "开始", "截至", "截止", "至", "到", "期间", "以来", "预", "待", "定于", "定在", "安排",
    "争取", "通知", "报名", "申报",
];

pub(crate) fn check_segment(doc: &Doc, seg: &Segment, out: &mut Vec<Raw>) {
    let s = &doc.chars[seg.start..seg.end];
    let base = seg.start;
    let issue_year = doc.issue_date.map(|d| d.0);
    for d in dates(s, doc.cues.dates_in(seg)) {
        let year = d.year.or(issue_year);
        let bad_month = !(1..=12).contains(&d.month);
        let bad_day = match d.day {
            Some(day) => {
                day == 0
                    || (!bad_month && day > days_in_month(year.unwrap_or(2000), d.month))
                    || day > 31
            }
            None => false,
        };
        // 2月29日 with no year stated: only wrong when the issue year is known.
        let bad_day = bad_day
            && !(d.year.is_none() && issue_year.is_none() && d.month == 2 && d.day == Some(29));
        if bad_month || bad_day {
            out.push(Raw::new(
                FindingKind::ImpossibleDate,
                base + d.start,
                base + d.end,
                if bad_month {
                    format!("不存在{}月", d.month)
                } else {
                    format!("{}月没有{}日", d.month, d.day.unwrap_or(0))
                },
                if bad_month {
                    format!("there is no month {}", d.month)
                } else {
                    format!("month {} has no day {}", d.month, d.day.unwrap_or(0))
                },
            ));
            continue;
        }
        let Some(day) = d.day else { continue };
        if let Some(y) = year {
            if let Some((w, ws, we)) = weekday_after(s, d.end) {
                let actual = weekday(y, d.month, day);
                if w != actual {
                    out.push(Raw::new(
                        FindingKind::Weekday,
                        base + ws,
                        base + we,
                        format!(
                            "{}年{}月{}日是星期{}",
                            y, d.month, day, WEEKDAYS[actual as usize]
                        ),
                        format!(
                            "{}-{:02}-{:02} is a {}",
                            y,
                            d.month,
                            day,
                            [
                                "Monday",
                                "Tuesday",
                                "Wednesday",
                                "Thursday",
                                "Friday",
                                "Saturday",
                                "Sunday"
                            ][actual as usize]
                        ),
                    ));
                }
            }
        }
        if matches!(seg.part, Part::Item(_)) {
            future(doc, s, &d, day, base, out);
        }
    }
}

/// A past event in the body dated after the issue date.
fn future(doc: &Doc, s: &[char], d: &Date, day: u32, base: usize, out: &mut Vec<Raw>) {
    let Some((iy, im, id)) = doc.issue_date else {
        return;
    };
    let issue = days_from_civil(iy, im, id);
    let (date, days) = match d.year {
        Some(y) => (y, days_from_civil(y, d.month, day) - issue),
        None => {
            // A date without a year is in the issue's year, or the year
            // before when that is the nearer reading (December in January).
            let this = days_from_civil(iy, d.month, day) - issue;
            (iy, if this > 180 { this - 365 } else { this })
        }
    };
    let _ = date;
    if days <= 0 {
        return;
    }
    // What leads up to the date in its clause, and the sentence after it up
    // to the verb that says it happened.
    let from = s[..d.start]
        .iter()
        .rposition(|&c| is_clause_end(c) || c == '，')
        .map_or(0, |p| p + 1);
    let to = s[d.end..]
        .iter()
        .position(|&c| is_clause_end(c))
        .map_or(s.len(), |p| d.end + p);
    let after = &s[d.end..to];
    let Some(cue) = PAST
        .iter()
        .filter_map(|w| super::doc::find_str(after, w))
        .min()
    else {
        return;
    };
    // A range (`8月28日至9月3日`), a plan (`将于`, `前完成`) or a deadline is
    // not an event that happened; neither is a date after another date.
    let lead: String = s[from..d.start].iter().chain(&after[..cue]).collect();
    if PLANNED.iter().any(|w| lead.contains(w)) || after[..cue].contains(&'月') || cue > 20 {
        return;
    }
    if s.get(d.end)
        .is_some_and(|&c| is_han(c) && "前后起至到".contains(c))
    {
        return;
    }
    out.push(Raw::new(
        FindingKind::FutureDate,
        base + d.start,
        base + d.end,
        "已发生的事项日期晚于出刊日期".into(),
        "something already done is dated after the issue date".into(),
    ));
}

/// `第N期` in the masthead and other non-item lines (running headers are
/// dropped as noise, so their lines are read from the dropped list too):
/// written in figures and in words, they must agree. `总第N期` is the
/// running total and not compared.
pub(crate) fn check_issue_numbers(doc: &Doc, out: &mut Vec<Raw>) {
    let mut seen: Vec<(u32, usize, usize, bool)> = Vec::new();
    let mut lines: Vec<(usize, usize)> = doc
        .segments
        .iter()
        .filter(|s| s.part == Part::Other)
        .map(|s| (s.start, s.end))
        .collect();
    for d in &doc.bulletin.dropped {
        if d.line >= 1 && d.line <= doc.line_starts.len() {
            let start = doc.line_starts[d.line - 1];
            let end = super::doc::line_end(&doc.chars, &doc.line_starts, d.line - 1);
            lines.push((start, end));
        }
    }
    lines.sort();
    for (start, end) in lines {
        let s = &doc.chars[start..end];
        for i in 0..s.len() {
            if s[i] != '第' || (i > 0 && s[i - 1] == '总') {
                continue;
            }
            let j = skip_spaces(s, i + 1);
            let Some((n, len)) = number_at(s, j) else {
                continue;
            };
            let k = skip_spaces(s, j + len);
            if s.get(k) != Some(&'期') {
                continue;
            }
            seen.push((
                n,
                start + i,
                start + k + 1,
                s[j].is_ascii_digit() || matches!(s[j], '０'..='９'),
            ));
        }
    }
    if seen.is_empty() {
        return;
    }
    // The reference is the issue line proper: the occurrence whose line
    // carries the least other Chinese text (`第 12 期` alone, not a title).
    let other_han = |a: usize, b: usize| {
        let line = doc.line_of(a) - 1;
        let (ls, le) = (
            doc.line_starts[line],
            super::doc::line_end(&doc.chars, &doc.line_starts, line),
        );
        doc.chars[ls..le]
            .iter()
            .enumerate()
            .filter(|(k, c)| is_han(**c) && !(a - ls..b - ls).contains(k))
            .count()
    };
    let reference = seen
        .iter()
        .min_by_key(|x| other_han(x.1, x.2))
        .map(|x| x.0)
        .unwrap_or(0);
    let words = seen.iter().any(|x| !x.3);
    let figures = seen.iter().any(|x| x.3);
    if !(words && figures) && seen.iter().all(|x| x.0 == reference) {
        return;
    }
    for &(n, a, b, _) in &seen {
        if n != reference {
            out.push(Raw::new(
                FindingKind::IssueNumber,
                a,
                b,
                format!("期号{}与刊头期号{}不一致", n, reference),
                format!(
                    "issue number {} disagrees with the masthead's {}",
                    n, reference
                ),
            ));
        }
    }
}
