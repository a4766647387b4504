//! Number checks: a share its parts contradict, parts after `其中` that do
//! not add up, a growth rate that contradicts its two values, a share over
//! 100%. Figures are read by the parser's own extractor on the sentence
//! around a cue (占, 其中, 由/从 … 增至), so the pass costs nothing where
//! there is no cue. Every comparison allows for rounding to the digits shown;
//! an approximate figure (约, 余, 多) is never checked.

use super::doc::{fmt_num, is_clause_end, Doc, FindingKind, Raw, Segment};
use crate::model::{Figure, FigureKind};

pub(crate) fn check_segment(doc: &Doc, seg: &Segment, out: &mut Vec<Raw>) {
    let s = &doc.chars[seg.start..seg.end];
    let mut done_until = 0;
    // Only where 占 比 其 由 从 stand (noted when the text was read).
    for i in doc.cues.numbers_in(seg) {
        if i < done_until {
            continue;
        }
        let cue = match s[i] {
            '比' => s.get(i + 1) == Some(&'重'),
            '其' => s.get(i + 1) == Some(&'中'),
            _ => true,
        };
        if !cue {
            continue;
        }
        // The sentence around the cue.
        let start = s[..i]
            .iter()
            .rposition(|&c| is_clause_end(c))
            .map_or(0, |p| p + 1);
        let end = s[i..]
            .iter()
            .position(|&c| is_clause_end(c))
            .map_or(s.len(), |p| i + p);
        done_until = end;
        let sentence = &s[start..end];
        // Shares and growth need a percent; parts need 其中 and a digit.
        let percent = sentence.iter().rposition(|&c| c == '%' || c == '％');
        // 占 … 的 N% or 占比/比重 N%; 由/从 N … 增至 … N%.
        let share_cue = percent.is_some_and(|p| {
            sentence[..p]
                .iter()
                .position(|&c| c == '占')
                .is_some_and(|z| sentence[z..p].contains(&'的'))
                || sentence[..p]
                    .windows(2)
                    .any(|w| w == ['占', '比'] || w == ['比', '重'])
        });
        let growth_cue = percent.is_some()
            && sentence
                .windows(2)
                .any(|w| matches!(w[0], '由' | '从') && (w[1].is_ascii_digit() || w[1] == ' '))
            && sentence.iter().any(|&c| matches!(c, '至' | '到'));
        // A total announced by 共/合计/总计/累计/总 a few characters before its number.
        let parts_cue = sentence.windows(2).any(|w| w == ['其', '中'])
            && sentence.iter().enumerate().any(|(k, &c)| {
                matches!(c, '共' | '计' | '总')
                    && sentence[k + 1..(k + 9).min(sentence.len())]
                        .iter()
                        .any(|c| c.is_ascii_digit())
            });
        if !share_cue && !growth_cue && !parts_cue {
            continue;
        }
        let text: String = sentence.iter().collect();
        let figures = crate::figures::extract(&text);
        if figures.is_empty() {
            continue;
        }
        let base = seg.start + start;
        shares(sentence, &figures, base, out);
        parts(sentence, &figures, base, out);
        growth(sentence, &figures, base, out);
    }
}

/// The value range a figure's text stands for, rounded as shown:
/// `65.3%` is 65.25–65.35. `None` for approximate or non-Arabic figures.
fn range(f: &Figure) -> Option<(f64, f64)> {
    if f.approx.is_some() || f.value_max.is_some() {
        return None;
    }
    let digits: String = f
        .text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .filter(|c| *c != ',')
        .collect();
    let mantissa: f64 = digits.parse().ok()?;
    if mantissa == 0.0 {
        return None;
    }
    let decimals = digits.split('.').nth(1).map_or(0, |d| d.len()) as i32;
    let scale = f.value / mantissa;
    let half = 0.5 * 10f64.powi(-decimals) * scale.abs();
    Some((f.value - half, f.value + half))
}

fn is_percent(f: &Figure) -> bool {
    f.unit.as_deref() == Some("%")
}

fn same_unit(a: &Figure, b: &Figure) -> bool {
    a.unit == b.unit && a.kind == b.kind && a.kind != FigureKind::Percent
}

fn text_between(s: &[char], a: usize, b: usize) -> String {
    s[a.min(b)..b.max(a)].iter().collect()
}

/// `A，占 B 的 P%` and `占…的 P%` over 100.
fn shares(s: &[char], figures: &[Figure], base: usize, out: &mut Vec<Raw>) {
    for (pi, p) in figures.iter().enumerate() {
        if !is_percent(p) {
            continue;
        }
        // The share's cue right before the percent: `…的 P%`, `占比 P%`,
        // `占比为`, `比重为` — and a 占 earlier in the clause for `的`.
        let lead: String = s[..p.start]
            .iter()
            .rev()
            .take(4)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let lead = lead.trim_end();
        let before = &s[..p.start];
        let zhan = before.iter().rposition(|&c| c == '占');
        let share_cue = lead.ends_with("占比")
            || lead.ends_with("占比为")
            || lead.ends_with("占比达")
            || lead.ends_with("比重为")
            || lead.ends_with("比重达")
            || (lead.ends_with('的') && zhan.is_some());
        if !share_cue {
            continue;
        }
        if let Some(z) = zhan {
            // 占 must govern this percent: no verb of change in between.
            let between = text_between(s, z, p.start);
            if [
                "增",
                "降",
                "提高",
                "减少",
                "超",
                "完成",
                "同比",
                "百分点",
                "，",
            ]
            .iter()
            .any(|w| between.contains(w))
                && !lead.starts_with("占比")
            {
                continue;
            }
        }
        if p.value > 100.0 && p.approx.is_none() {
            out.push(Raw::new(
                FindingKind::ShareOver100,
                base + p.start,
                base + p.end,
                format!("占比为{}%，超过100%", fmt_num(p.value)),
                format!("a share of {}% is over 100%", fmt_num(p.value)),
            ));
            continue;
        }
        let Some(z) = zhan else { continue };
        // B: the figure between 占 and the percent; A: the figure before 占
        // in the same sentence, in B's unit.
        let Some(b) = figures[..pi]
            .iter()
            .rev()
            .find(|f| f.start > z && !is_percent(f))
        else {
            continue;
        };
        let Some(a) = figures[..pi]
            .iter()
            .rev()
            .find(|f| f.end <= z && !is_percent(f))
        else {
            continue;
        };
        if !same_unit(a, b) {
            continue;
        }
        // Nothing but a comma between A and 占: A is what the share is of.
        let gap = text_between(s, a.end, z);
        if gap
            .trim_matches(|c: char| c == ' ' || c == '，' || c == ',')
            .chars()
            .count()
            > 0
        {
            continue;
        }
        let (Some((a0, a1)), Some((b0, b1)), Some((p0, p1))) = (range(a), range(b), range(p))
        else {
            continue;
        };
        if b0 <= 0.0 {
            continue;
        }
        let (lo, hi) = (a0 / b1 * 100.0, a1 / b0 * 100.0);
        if hi < p0 || lo > p1 {
            let actual = a.value / b.value * 100.0;
            out.push(Raw::new(
                FindingKind::Share,
                base + p.start,
                base + p.end,
                format!(
                    "{}占{}应为{}%，文中为{}%",
                    a.text,
                    b.text,
                    fmt_num(actual),
                    fmt_num(p.value)
                ),
                format!(
                    "{} of {} is {}%, the text says {}%",
                    a.text,
                    b.text,
                    fmt_num(actual),
                    fmt_num(p.value)
                ),
            ));
        }
    }
}

/// Labels that together cover a whole: a list naming both sides of one of
/// these, or a remainder (其余, 其他), is exhaustive.
const COMPLEMENTS: &[(&str, &str)] = &[
    ("男", "女"),
    ("省内", "省外"),
    ("县内", "县外"),
    ("市内", "市外"),
    ("境内", "境外"),
    ("国内", "国外"),
    ("城镇", "农村"),
    ("城市", "农村"),
    ("城区", "农村"),
    ("线上", "线下"),
    ("新建", "续建"),
    ("公办", "民办"),
    ("本地", "外地"),
    ("已", "未"),
    ("一等奖", "二等奖"),
];

/// `共 T，其中 a、b、c`: parts in T's unit that exceed T, or that fall short
/// of it when the list is plainly exhaustive.
fn parts(s: &[char], figures: &[Figure], base: usize, out: &mut Vec<Raw>) {
    let Some(q) = (0..s.len().saturating_sub(1)).find(|&i| s[i] == '其' && s[i + 1] == '中')
    else {
        return;
    };
    let Some(ti) = figures.iter().rposition(|f| f.end <= q) else {
        return;
    };
    let total = &figures[ti];
    if is_percent(total) {
        return;
    }
    // The total is announced as one: 共, 合计, 总计, 累计, 总 just before it.
    let lead = text_between(s, total.start.saturating_sub(8), total.start);
    if !["共", "合计", "总计", "累计", "总"]
        .iter()
        .any(|w| lead.contains(w))
    {
        return;
    }
    // Only a comma between the total and 其中.
    let gap = text_between(s, total.end, q);
    if gap
        .trim_matches(|c: char| c == ' ' || c == '，' || c == ',')
        .chars()
        .count()
        > 0
    {
        return;
    }
    let parts: Vec<&Figure> = figures[ti + 1..].iter().collect();
    if parts.len() < 2 || parts.iter().any(|f| !same_unit(f, total)) {
        return;
    }
    // Parts are separated by 、，； and carry short labels; a label holding
    // another figure's context (同比, 增长) means it is not a plain list.
    let mut labels = String::new();
    let mut prev_end = q + 2;
    for f in &parts {
        let label = text_between(s, prev_end, f.start);
        if ["增", "降", "同比", "占", "达到"]
            .iter()
            .any(|w| label.contains(w))
        {
            return;
        }
        labels.push_str(&label);
        labels.push('|');
        prev_end = f.end;
    }
    let Some((t0, t1)) = range(total) else { return };
    let mut sum = (0.0, 0.0);
    let mut value = 0.0;
    for f in &parts {
        let Some((a, b)) = range(f) else { return };
        sum.0 += a;
        sum.1 += b;
        value += f.value;
    }
    let over = sum.0 > t1;
    let exhaustive = labels.contains("其余")
        || labels.contains("其他")
        || labels.contains("其它")
        || labels.contains("剩余")
        || COMPLEMENTS
            .iter()
            .any(|(a, b)| labels.contains(a) && labels.contains(b));
    let under = exhaustive && sum.1 < t0;
    if over || under {
        let unit = total.unit.as_deref().unwrap_or("");
        let shown_sum = fmt_num(value / (total.value / range_mantissa(total)));
        out.push(Raw::new(
            FindingKind::PartsSum,
            base + total.start,
            base + total.end,
            format!("其中各项合计{shown_sum}，与总数{}不符", total.text),
            format!(
                "the parts add up to {} {unit}, not {}",
                fmt_num(value),
                total.text
            ),
        ));
    }
}

/// The number as written (`1.8` of `1.8 亿元`), for messages.
fn range_mantissa(f: &Figure) -> f64 {
    let digits: String = f
        .text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    digits
        .parse()
        .ok()
        .filter(|v: &f64| *v != 0.0)
        .unwrap_or(f.value)
}

const TO_UP: &[&str] = &[
    "增至",
    "增加到",
    "增加至",
    "增长到",
    "增长至",
    "提高到",
    "提高至",
    "提升到",
    "提升至",
    "上升到",
    "上升至",
    "达到",
];
const TO_DOWN: &[&str] = &[
    "降至",
    "下降到",
    "下降至",
    "减少到",
    "减少至",
    "降低到",
    "降低至",
    "减至",
];
const RATE_UP: &[&str] = &["增长", "增加", "提高", "提升", "上升", "增幅"];
const RATE_DOWN: &[&str] = &["下降", "减少", "降低", "降幅"];

/// `由 A 增至 B，增长 P%`: P must be (B − A) / A as rounded.
fn growth(s: &[char], figures: &[Figure], base: usize, out: &mut Vec<Raw>) {
    for (ai, a) in figures.iter().enumerate() {
        if is_percent(a) || a.start == 0 {
            continue;
        }
        let lead = text_between(s, a.start.saturating_sub(3), a.start);
        if !lead.trim_end().ends_with('由') && !lead.trim_end().ends_with('从') {
            continue;
        }
        let Some(b) = figures.get(ai + 1) else {
            continue;
        };
        let Some(p) = figures.get(ai + 2) else {
            continue;
        };
        if !same_unit(a, b) || !is_percent(p) {
            continue;
        }
        let verb = text_between(s, a.end, b.start);
        let verb = verb.trim();
        let up = TO_UP.contains(&verb);
        let down = TO_DOWN.contains(&verb);
        if !up && !down {
            continue;
        }
        let rate = text_between(s, b.end, p.start);
        let rate = rate.trim_matches(|c: char| c == ' ' || c == '，' || c == ',');
        let rate = rate.trim_end_matches('了').trim();
        let said_up = RATE_UP.iter().any(|w| rate.ends_with(w));
        let said_down = RATE_DOWN.iter().any(|w| rate.ends_with(w));
        if !(said_up || said_down) || rate.chars().count() > 6 {
            continue;
        }
        let (Some((a0, a1)), Some((b0, b1)), Some((p0, p1))) = (range(a), range(b), range(p))
        else {
            continue;
        };
        if a0 <= 0.0 {
            continue;
        }
        let (lo, hi) = if said_up {
            ((b0 - a1) / a1 * 100.0, (b1 - a0) / a0 * 100.0)
        } else {
            ((a0 - b1) / a1 * 100.0, (a1 - b0) / a0 * 100.0)
        };
        if hi < p0 || lo > p1 {
            let actual = (b.value - a.value).abs() / a.value * 100.0;
            out.push(Raw::new(
                FindingKind::Growth,
                base + p.start,
                base + p.end,
                format!(
                    "由{}到{}，变化应为{}%，文中为{}%",
                    a.text,
                    b.text,
                    fmt_num(actual),
                    fmt_num(p.value)
                ),
                format!(
                    "from {} to {} is {}%, the text says {}%",
                    a.text,
                    b.text,
                    fmt_num(actual),
                    fmt_num(p.value)
                ),
            ));
        }
    }
}
