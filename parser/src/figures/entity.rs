//! Ties figures to the bold sub-units of a body: in `**胙城乡**共排查调处109起
//! 矛盾…；**榆林乡**排查…94起`, the figures after a bold name and before the
//! next bold span belong to that name.

use crate::model::{Figure, Span};
use crate::small_string::SmallString;

use super::chars::is_han;
use super::label::clean_label;

/// Sets `entity` on each figure to the text of the last bold span (`emphasis`,
/// character offsets into `body`) that ends at or before the figure. A bold
/// span that is no name (a whole sentence, an enumerator such as `一是`)
/// ends the previous name's reach without starting a new one. A label that
/// starts with the entity name loses it (`榆林乡排查矛盾纠纷` → `排查矛盾纠纷`).
pub fn assign_entities(figures: &mut [Figure], body: &str, emphasis: &[Span]) {
    if emphasis.is_empty() {
        return; // no bold: no entity, and every label stays as it is
    }
    let mut spans: Vec<Span> = emphasis
        .iter()
        .copied()
        .filter(|s| s.start < s.end)
        .collect();
    spans.sort_by_key(|s| (s.start, s.end));
    let names = span_texts(body, &spans);
    let mut next = 0;
    let mut current: Option<&str> = None;
    let mut order: Vec<usize> = (0..figures.len()).collect();
    order.sort_by_key(|&k| figures[k].start);
    for k in order {
        let f = &mut figures[k];
        while next < spans.len() && spans[next].end <= f.start {
            current = as_name(&names[next]);
            next += 1;
        }
        f.entity = current.map(SmallString::from);
        if let (Some(name), Some(label)) = (current, f.label.as_deref()) {
            if let Some(rest) = label.strip_prefix(name) {
                f.label = clean_label(rest);
            }
        }
    }
}

/// The text of each span, in one walk over the body.
fn span_texts(body: &str, spans: &[Span]) -> Vec<String> {
    let mut bounds: Vec<usize> = spans.iter().flat_map(|s| [s.start, s.end]).collect();
    bounds.sort_unstable();
    bounds.dedup();
    let mut byte_at = Vec::with_capacity(bounds.len());
    let mut want = bounds.iter().peekable();
    for (ci, (bi, _)) in body.char_indices().chain([(body.len(), ' ')]).enumerate() {
        while want.next_if(|&&w| w <= ci).is_some() {
            byte_at.push(bi);
        }
        if want.peek().is_none() {
            break;
        }
    }
    // Spans beyond the end of the body end at its end.
    while byte_at.len() < bounds.len() {
        byte_at.push(body.len());
    }
    let byte = |c: usize| bounds.binary_search(&c).map_or(body.len(), |k| byte_at[k]);
    spans
        .iter()
        .map(|s| {
            body.get(byte(s.start)..byte(s.end))
                .unwrap_or("")
                .to_string()
        })
        .collect()
}

/// The span's text as a sub-unit name, or `None` when it is no name.
fn as_name(text: &str) -> Option<&str> {
    let t = text
        .trim_matches(|c: char| c.is_whitespace() || "：:，,。；;、【】[]（）()“”\"*".contains(c));
    let n = t.chars().count();
    if n == 0
        || n > 20
        || !t
            .chars()
            .all(|c| is_han(c) || c.is_ascii_alphanumeric() || c == '·')
    {
        return None;
    }
    // `一是`, `二要`, `首先`: the bold opens a point, not a unit.
    let enumerator =
        t.ends_with(['是', '要']) && n <= 3 || matches!(t, "首先" | "其次" | "再次" | "最后");
    (!enumerator).then_some(t)
}
