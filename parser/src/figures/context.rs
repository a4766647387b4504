//! What a figure measures, in which direction it moved, and over which
//! period: read from the clause and sentence around it.
//!
//! - **label**: the noun right after the figure when it counts one
//!   (`走访31家企业` → `企业`, `109起矛盾` → `矛盾`); otherwise the phrase
//!   before it in its clause, verbs of reporting at its end (`完成`, `达`,
//!   `为`, `累计`…) and scope words at its start (`全县`, `我县`, `共`…)
//!   stripped: `全县一般公共预算收入完成 33400 万元` → `一般公共预算收入`,
//!   `排查矛盾纠纷94起` → `排查矛盾纠纷` (the verb stays: it says what was
//!   counted). A figure that follows another with nothing between
//!   (`67户270人`) shares its label; a bare change (`增长 3.5%`) takes the
//!   label of the last amount before it in the sentence.
//! - **change**: `增长`, `增加`, `提高`, `上升`… (up) or `下降`, `减少`,
//!   `降低`, `下滑`… (down) immediately before the figure.
//! - **period**: a time phrase opening a clause (`1—8 月份`, `一季度`,
//!   `截至2023年8月底`, `今年以来`, `“五一”节假日期间`, `目前`) governs the
//!   figures after it up to the end of the sentence (`。`, `；`, a line
//!   break) or the next time phrase. Spaces are removed: `1—8月份`.
//!
//! Clauses and periods are followed during the scanner's single pass
//! ([`Clauses`]); labels and changes are read afterwards around each figure,
//! a bounded number of characters each way.

use std::borrow::Cow;

use crate::model::{Change, Figure, FigureKind};

use super::chars::{
    at, at_any, char_at, char_before, ends_any, ends_at, is_clause_break, is_han, is_space,
    skip_space, skip_space_back,
};
use super::scan::Found;

/// Where a figure stands in its sentence, as the scanner saw it on its way.
#[derive(Debug, Clone, Copy, Default)]
pub struct Place {
    /// Byte after the last clause punctuation before the figure.
    pub clause_start: usize,
    /// Byte where a time phrase opening the figure's clause ends (else the
    /// clause start): the label is read after it.
    pub lead_end: usize,
    /// Byte after the last `、` of the clause before the figure (else the
    /// clause start): list items each have their own label.
    pub list_start: usize,
    /// Byte range of the time phrase governing the figure.
    pub period: Option<(usize, usize)>,
    /// Which sentence the figure is in (counts sentence breaks).
    pub sentence: u32,
}

/// Follows clauses and sentences while the scanner walks the body: it is told
/// of every clause punctuation mark and every figure, in order, and keeps
/// the time phrase in force. Each clause is examined once.
#[derive(Debug, Default)]
pub struct Clauses {
    clause_start: usize,
    /// The clause's opening time phrase has been looked for (it held a figure).
    checked: bool,
    lead_end: usize,
    list_start: usize,
    period: Option<(usize, usize)>,
    /// Earlier clauses of this sentence not yet examined: a clause is only
    /// read for a time phrase once a figure shows up in its sentence, so
    /// sentences without figures cost nothing.
    pending: Vec<(usize, usize)>,
    sentence: u32,
}

impl Clauses {
    /// Clause punctuation at byte `at`, `len` bytes long.
    pub fn on_break(&mut self, at: usize, len: usize, sentence: bool) {
        if sentence {
            self.period = None;
            self.pending.clear();
            self.sentence += 1;
        } else if !self.checked {
            self.pending.push((self.clause_start, at));
        }
        self.clause_start = at + len;
        self.lead_end = self.clause_start;
        self.list_start = self.clause_start;
        self.checked = false;
    }

    /// A `、` ending at byte `after`.
    pub fn on_list_break(&mut self, after: usize) {
        self.list_start = after;
    }

    /// A figure starting at byte `start`.
    pub fn on_figure(&mut self, s: &str, start: usize) -> Place {
        for (a, b) in self.pending.drain(..) {
            if let Some(r) = clause_period(s, a, b, true) {
                self.period = Some(r);
            }
        }
        if !self.checked {
            self.checked = true;
            if let Some(r) = clause_period(s, self.clause_start, start, false) {
                self.period = Some(r);
                self.lead_end = r.1;
            }
        }
        Place {
            clause_start: self.clause_start,
            lead_end: self.lead_end,
            list_start: self.list_start,
            period: self.period,
            sentence: self.sentence,
        }
    }
}

/// Turns what the scanner found into figures, reading label, change and
/// period around each. Fed the figures of one body in order.
#[derive(Debug, Default)]
pub struct Annotator {
    /// The previous figure as found, and where the noun it counted ended.
    prev: Option<(Found, usize)>,
    /// Index of the first figure of the current sentence.
    sentence_first: usize,
}

impl Annotator {
    /// The figure for `f`; `done` holds the figures before it.
    pub fn figure(&mut self, s: &str, f: Found, done: &[Figure]) -> Figure {
        let k = done.len();
        let place = f.place;
        let prev = self.prev.filter(|_| k > 0);
        if prev.is_some_and(|(p, _)| p.place.sentence != place.sentence) {
            self.sentence_first = k;
        }
        // The previous figure, and the noun it counted, bound the label when
        // they are in this clause: `13 个乡镇（街道）共设置检测点 45 个`.
        let prev_in_clause = prev.filter(|(p, _)| p.end > place.clause_start);
        let region = match prev_in_clause {
            Some((p, noun_end)) => skip_bracket(s, noun_end.max(p.end)),
            None => place.clause_start,
        };
        let region = region.max(place.lead_end).max(place.list_start).min(f.start);
        let before = s[near(s, region, f.start)..f.start].trim_matches(is_space);
        let change = change_of(before);
        let noun = noun_after(s, f.end);
        let noun_end = noun.map_or(f.end, |n| n.1);
        let mut label = noun.map(|n| s[n.0..n.1].to_string()).or_else(|| clean_label(before));
        let last = done.last();
        if label.is_none() {
            if let Some((p, _)) = prev_in_clause {
                if s[p.end..f.start].chars().all(is_space) {
                    label = last.and_then(|l| l.label.clone()); // `67户270人`
                }
            }
        }
        // `增长 3.5%` speaks of the last amount before it in the sentence;
        // `…提高 0.6 个百分点，达到 32.8％` of the figure just before.
        if label.is_none() && k > self.sentence_first {
            if change.is_some() {
                label = done[self.sentence_first..]
                    .iter()
                    .rev()
                    .find(|x| x.kind != FigureKind::Percent && x.label.is_some())
                    .and_then(|x| x.label.clone());
            } else if is_copula(before) {
                label = last.and_then(|l| l.label.clone());
            }
        }
        // Figures of one sentence usually share the phrase: copy, not rebuild.
        let period = place.period.map(|(a, b)| match (prev, last) {
            (Some((p, _)), Some(Figure { period: Some(x), .. })) if p.place.period == place.period => {
                x.clone()
            }
            _ => squeeze(&s[a..b]).into_owned(),
        });
        self.prev = Some((f, noun_end));
        Figure {
            text: s[f.start..f.end].to_string(),
            value: f.value,
            unit: f.unit.map(str::to_string),
            approx: f.approx.map(str::to_string),
            kind: f.kind,
            start: f.start_char,
            end: f.end_char,
            label,
            change,
            period,
            entity: None,
        }
    }
}

/// `from`, or a point about forty characters before `to` when `from` is
/// further back: no label reads further.
fn near(s: &str, from: usize, to: usize) -> usize {
    if to - from <= 160 {
        return from;
    }
    let mut p = to - 120;
    while !s.is_char_boundary(p) {
        p += 1;
    }
    p
}

/// The byte after a bracketed aside at `p` (`（街道）`), or `p`.
fn skip_bracket(s: &str, p: usize) -> usize {
    let q = skip_space(s, p);
    let close = match char_at(s, q) {
        Some(('（', _)) => '）',
        Some(('(', _)) => ')',
        _ => return p,
    };
    s[q..]
        .char_indices()
        .take(16)
        .find(|&(_, c)| c == close)
        .map_or(p, |(j, c)| q + j + c.len_utf8())
}

/// `s` without white space (borrowed when it has none, as most labels).
fn squeeze(s: &str) -> Cow<'_, str> {
    // Every space starts with one of these bytes; most text has none of them
    // but the ideographic punctuation that shares 0xE3.
    let maybe = s.bytes().any(|b| matches!(b, b' ' | b'\t' | 0xC2 | 0xE3));
    if maybe && s.chars().any(is_space) {
        Cow::Owned(s.chars().filter(|&c| !is_space(c)).collect())
    } else {
        Cow::Borrowed(s)
    }
}

// ---------------------------------------------------------------- change

const UP: [&str; 9] = [
    "增长", "增加", "提高", "上升", "提升", "上涨", "增长了", "增加了", "提高了",
];
const DOWN: [&str; 9] = [
    "下降", "减少", "降低", "下滑", "回落", "缩减", "下降了", "减少了", "降低了",
];

fn change_of(before: &str) -> Option<Change> {
    let n = before.len();
    // All the words end in one of these; most labels end otherwise.
    let last = char_before(before, n)?.0;
    if !matches!(
        last,
        '长' | '加' | '高' | '升' | '涨' | '了' | '降' | '少' | '低' | '滑' | '落' | '减'
    ) {
        return None;
    }
    if ends_any(before, n, &UP).is_some() {
        Some(Change::Up)
    } else if ends_any(before, n, &DOWN).is_some() {
        Some(Change::Down)
    } else {
        None
    }
}

// ---------------------------------------------------------------- label

/// The reporting verb or qualifier ending `t`, if any (`完成`, `达到`, `为`,
/// `累计`, `同比`, `增长`…): what stands between a label and its figure.
/// Looked up by the last character, so stripping costs a few comparisons.
fn trailing_word(t: &str) -> Option<&'static str> {
    let (c, _) = char_before(t, t.len())?;
    let words: &[&str] = match c {
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
        '已' => &["已"],
        '都' => &["都"],
        '别' => &["分别"],
        '仅' => &["仅"],
        '比' => &["同比"],
        '长' => &["增长"],
        '加' => &["增加"],
        '高' => &["提高"],
        '升' => &["上升", "提升"],
        '涨' => &["上涨"],
        '降' => &["下降"],
        '少' => &["减少"],
        '低' => &["降低"],
        '滑' => &["下滑"],
        '落' => &["回落"],
        '减' => &["缩减"],
        '年' => &["比上年", "较上年", "比去年", "较去年"],
        '较' => &["较"],
        '合' => &["合"],
        _ => return None,
    };
    words.iter().copied().find(|w| ends_at(t, t.len(), w))
}

/// `达到`, `为`, `提高到`…: a clause that only says the figure is reached.
fn is_copula(before: &str) -> bool {
    let mut t = before;
    while let Some(w) = ends_any(
        t,
        t.len(),
        &["达到", "达", "为", "是", "提高到", "增至", "降至", "升至", "增加到", "下降到", "已", "均"],
    ) {
        t = &t[..t.len() - w.len()];
    }
    t.is_empty() && !before.is_empty()
}

/// The connective or scope word opening `t`, if any (`其中`, `全县`, `我县`,
/// `该镇`, `共`, `累计`, `占`…). Looked up by the first character.
fn leading_word(t: &str) -> Option<&'static str> {
    let (c, _) = char_at(t, 0)?;
    let words: &[&str] = match c {
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
        '全' => &["全县", "全市", "全区", "全镇", "全乡", "全省", "全街道"],
        '我' => &["我县", "我市", "我区", "我镇", "我乡"],
        '该' => &[
            "该县", "该市", "该区", "该镇", "该乡", "该局", "该街道", "该中心",
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
        _ => return None,
    };
    words.iter().copied().find(|w| at(t, 0, w))
}

const MAX_LABEL_CHARS: usize = 20;

/// The label in the text before a figure, qualifiers stripped (see the
/// module notes). Also used to strip a bold entity name off a label.
pub fn clean_label(before: &str) -> Option<String> {
    let mut t = before.trim_matches(|c: char| {
        is_space(c) || matches!(c, '，' | '、' | '：' | '；' | '（' | '(' | '）' | ')')
    });
    // A word is left whole when stripping would leave one character
    // (`占地` is no `占` + `地`, `占比` no `占` + `比`).
    let leaves_more = |rest: &str| rest.is_empty() || rest.chars().nth(1).is_some();
    loop {
        if let Some(w) = trailing_word(t).filter(|w| leaves_more(&t[..t.len() - w.len()])) {
            t = t[..t.len() - w.len()].trim_end_matches(is_space);
        } else if let Some(w) = leading_word(t).filter(|&w| w == "的" || leaves_more(&t[w.len()..])) {
            t = t[w.len()..].trim_start_matches(is_space);
        } else {
            break;
        }
    }
    if t.len() > MAX_LABEL_CHARS && t.chars().count() > MAX_LABEL_CHARS {
        // A long phrase ending in a quoted name measures that name:
        // `在某市举办“招商推介会” 1 次` → `招商推介会`.
        if let Some(inner) = t.strip_suffix('”').and_then(|x| x.rsplit_once('“')) {
            if !inner.1.is_empty() {
                return Some(squeeze(inner.1).into_owned());
            }
        }
        // Keep the end, which names the figure; cut after a `的` if any.
        let cut = t.char_indices().rev().nth(MAX_LABEL_CHARS - 1).map_or(0, |(i, _)| i);
        let tail = &t[cut..];
        t = match tail.find('的') {
            Some(j) if j + 3 < tail.len() => &tail[j + 3..],
            _ => tail,
        };
    }
    let named = t.chars().any(|c| is_han(c) || c.is_ascii_alphabetic());
    named.then(|| squeeze(t).into_owned())
}

/// The word at `p` that ends the noun a figure counts (`105 个脱贫人口及…`,
/// `11 家企业列入…`), if any.
fn noun_end(s: &str, p: usize) -> bool {
    let Some((c, _)) = char_at(s, p) else { return false };
    match c {
        '的' | '及' | '和' | '与' | '并' | '等' | '对' | '在' | '为' | '从' | '到' | '向' | '将'
        | '把' | '被' | '均' | '已' | '共' | '达' | '占' | '同' | '以' | '中' | '来' | '内' | '后'
        | '前' | '间' | '半' | '多' | '余' | '里' | '末' | '底' | '初' | '左' | '上' | '下' => true,
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
        _ => false,
    }
}

/// The noun right after a figure, when the figure counts it: up to ten Han
/// characters ended by clause punctuation or a word that ends nouns.
fn noun_after(s: &str, end: usize) -> Option<(usize, usize)> {
    let mut p = skip_space(s, end);
    let start = p;
    let found = |p: usize| Some((start, p));
    for _ in 0..=10 {
        if p > start && noun_end(s, p) {
            return found(p);
        }
        match char_at(s, p) {
            Some((c, n)) if is_han(c) => {
                if p == start && noun_end(s, p) {
                    return None;
                }
                p += n;
            }
            Some((c, _)) if p > start && (is_clause_break(c) || matches!(c, '、' | '（' | '(' | '”')) => {
                return found(p);
            }
            None if p > start => return found(p),
            _ => return None,
        }
    }
    None
}

// ---------------------------------------------------------------- period

/// Characters a date or period phrase is made of.
fn is_date_char(c: char) -> bool {
    is_numeral(c)
        || is_space(c)
        || is_time_mark(c)
        || matches!(
            c,
            '季' | '上' | '中' | '下' | '半' | '前' | '第' | '至' | '到' | '—' | '–' | '-' | '－'
                | '～' | '~' | '、' | '今' | '去' | '本' | '全' | '近'
        )
}

/// A digit of any script.
fn is_numeral(c: char) -> bool {
    c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || matches!(
            c,
            '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '两' | '〇' | '○'
                | '零'
        )
}

/// Characters a date or period phrase can end on.
fn is_time_mark(c: char) -> bool {
    matches!(
        c,
        '年' | '月' | '份' | '日' | '号' | '度' | '底' | '末' | '初' | '旬'
    )
}

const PERIOD_WORDS: [&str; 23] = [
    "今年以来", "去年以来", "年初以来", "近年来", "上半年", "下半年", "本年度", "今年", "去年",
    "全年", "本年", "年初", "年底", "年末", "本月", "上月", "本周", "本季度", "目前", "当前",
    "近期", "近日", "日前",
];

/// A period phrase opening the clause `start..end`; with `whole`, the clause
/// is complete and may itself be the phrase (`“五一”节假日期间`, `自活动开展以来`).
/// Returns the phrase's byte range.
fn clause_period(s: &str, start: usize, end: usize, whole: bool) -> Option<(usize, usize)> {
    let mut p = skip_space(s, start);
    let (mut first, n) = char_at(s, p)?;
    match first {
        '在' | '于' => {
            p += n;
            first = char_at(s, p)?.0;
        }
        // `全县1—7月份…`: a scope word may stand before the time.
        '全' | '我' | '该' => {
            let scope = char_at(s, p + n)
                .is_some_and(|(x, _)| matches!(x, '县' | '市' | '区' | '镇' | '乡' | '省'));
            if scope {
                if let Some((x, _)) = char_at(s, p + n + 3).filter(|&(x, _)| is_numeral(x)) {
                    p += n + 3;
                    first = x;
                }
            }
        }
        _ => {}
    }
    if p >= end {
        return None;
    }
    // Most clauses open with neither a number nor a time word: one look at
    // the first character rules them out.
    let opens_time = matches!(
        first,
        '今' | '去' | '上' | '下' | '全' | '本' | '年' | '目' | '当' | '近' | '日' | '截' | '第' | '前'
    );
    if !is_numeral(first) && !opens_time {
        return if whole { whole_clause_period(s, p, end) } else { None };
    }
    // 截至目前, 截至2023年8月底, 截止 8 月底.
    if let Some(w) = at_any(s, p, &["截至", "截止到", "截止"]) {
        let q = skip_space(s, p + w.len());
        let e = match at_any(s, q, &["目前", "当前", "现在", "今日", "今天"]) {
            Some(x) => q + x.len(),
            None => date_run(s, q, end)?,
        };
        return Some((p, e));
    }
    let e = match at_any(s, p, &PERIOD_WORDS) {
        // `今年 1 至 7 月`: a date may follow the word.
        Some(w) => date_run(s, skip_space(s, p + w.len()), end).unwrap_or(p + w.len()),
        None => match date_run(s, p, end) {
            Some(e) => e,
            None if whole => return whole_clause_period(s, p, end),
            None => return None,
        },
    };
    let e = match at_any(s, e, &["以来", "期间", "来"]) {
        Some(w) => e + w.len(),
        None => e,
    };
    if e > end {
        return None;
    }
    Some((p, e))
}

/// A run of date characters at `p` (before `end`) that names a time:
/// it has a time word and ends on one. `2023年`, `1—8 月份`, `一季度`,
/// `8 月 28 日至 8 月 31 日`, `上半年`. `三年` alone is not one (`三年行动`),
/// only with `来` after it.
fn date_run(s: &str, p: usize, end: usize) -> Option<usize> {
    let mut q = p;
    let mut last_marker = None;
    let mut numerals = 0;
    let mut year_digits_ok = false;
    let mut run_digits = 0;
    while q < end {
        let Some((c, n)) = char_at(s, q) else { break };
        if !is_date_char(c) {
            break;
        }
        if is_numeral(c) {
            numerals += 1;
            run_digits += 1;
        } else if !is_space(c) {
            if c == '年' && run_digits >= 4 {
                year_digits_ok = true;
            }
            run_digits = 0;
        }
        q += n;
        if is_time_mark(c) {
            last_marker = Some(q);
        }
        if q - p > 90 {
            break;
        }
    }
    let e = last_marker?;
    // A time word with no number (`年度计划`, `月度`) is an adjective; the
    // numberless periods are the fixed words above.
    if numerals == 0 {
        return None;
    }
    let text = &s[p..e];
    let has_time = text.contains(['年', '月', '日', '季', '旬', '号']);
    if !has_time {
        return None;
    }
    // Only 年 marks it, with a count before it that is no year: a duration
    // or a plan name unless `来` follows (`三年来`).
    let only_year = !text.contains(['月', '日', '季', '旬', '号', '半']);
    if only_year
        && !year_digits_ok
        && !at(s, e, "来")
        && !at(s, e, "以来")
    {
        return None;
    }
    Some(e)
}

/// A whole short clause ending in `以来` or `期间`.
fn whole_clause_period(s: &str, p: usize, end: usize) -> Option<(usize, usize)> {
    let e = skip_space_back(s, end);
    let marked = ends_at(s, e, "以来") || ends_at(s, e, "期间");
    (marked && e > p && s[p..e].chars().count() <= 20).then_some((p, e))
}
