//! Cuts an item body into runs of plain text and figures, so the view can
//! mark each figure up in place without touching the text around it.
//!
//! Offsets in the model count characters (Unicode scalar values); slicing a
//! Rust string needs bytes, so the conversion happens here, once, and every
//! out-of-range or overlapping span is skipped rather than trusted: the runs
//! always concatenate back to the body exactly.

use bulletin_parser::{Figure, Span};

use crate::view::sort::sort_indices;

/// One piece of a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Run {
    /// Plain text; `bold` when it lies in an emphasis span (a bold sub-unit).
    Text { text: String, bold: bool },
    /// The figure `figures[index]`, with its text as it stands in the body.
    Figure {
        index: usize,
        text: String,
        bold: bool,
    },
}

impl Run {
    pub fn text(&self) -> &str {
        match self {
            Run::Text { text, .. } | Run::Figure { text, .. } => text,
        }
    }
}

/// The runs of `body`: figure runs for every usable figure span, text runs
/// between them, text split further where emphasis begins or ends.
pub fn segment(body: &str, figures: &[Figure], emphasis: &[Span]) -> Vec<Run> {
    let byte_at = char_to_byte_table(body);
    let chars = byte_at.len() - 1;

    // Figures sorted by start; a span that is empty, past the end or overlaps
    // the one before it is dropped (its figure still shows in the table).
    let mut order: Vec<usize> = (0..figures.len())
        .filter(|&i| figures[i].start < figures[i].end && figures[i].end <= chars)
        .collect();
    sort_indices(&mut order, &mut |a, b| {
        (figures[a].start, figures[a].end).cmp(&(figures[b].start, figures[b].end))
    });
    let mut spans: Vec<(usize, usize, usize)> = Vec::with_capacity(order.len());
    for i in order {
        let (s, e) = (figures[i].start, figures[i].end);
        if spans.last().is_none_or(|&(_, _, prev_end)| s >= prev_end) {
            spans.push((i, s, e));
        }
    }

    let bold_at = |pos: usize| emphasis.iter().any(|sp| sp.start <= pos && pos < sp.end);
    let slice = |s: usize, e: usize| body[byte_at[s]..byte_at[e]].to_string();

    let mut runs = Vec::new();
    let push_text = |runs: &mut Vec<Run>, from: usize, to: usize| {
        if from >= to {
            return;
        }
        // Split at every emphasis boundary strictly inside (from, to).
        let mut cuts: Vec<usize> = emphasis
            .iter()
            .flat_map(|sp| [sp.start, sp.end])
            .filter(|&c| c > from && c < to)
            .collect();
        cuts.sort_unstable();
        cuts.dedup();
        let mut at = from;
        for cut in cuts.into_iter().chain([to]) {
            runs.push(Run::Text {
                text: slice(at, cut),
                bold: bold_at(at),
            });
            at = cut;
        }
    };

    let mut at = 0;
    for (index, s, e) in spans {
        push_text(&mut runs, at, s);
        runs.push(Run::Figure {
            index,
            text: slice(s, e),
            bold: bold_at(s),
        });
        at = e;
    }
    push_text(&mut runs, at, chars);
    runs
}

/// `table[c]` is the byte offset of character `c`; `table[len]` is the byte length.
fn char_to_byte_table(s: &str) -> Vec<usize> {
    let mut table: Vec<usize> = s.char_indices().map(|(b, _)| b).collect();
    table.push(s.len());
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use bulletin_parser::FigureKind;

    fn fig(body: &str, text: &str) -> Figure {
        let byte = body.find(text).expect("figure text in body");
        let start = body[..byte].chars().count();
        Figure {
            text: text.into(),
            value: 1.0,
            value_max: None,
            unit: None,
            approx: None,
            kind: FigureKind::Count,
            start,
            end: start + text.chars().count(),
            label: None,
            change: None,
            period: None,
            entity: None,
            corrected: false,
        }
    }

    fn joined(runs: &[Run]) -> String {
        runs.iter().map(Run::text).collect()
    }

    #[test]
    fn figures_are_cut_out_in_place() {
        let body = "全镇新建大棚 86 座，带动增收 320 余万元。";
        let figs = [fig(body, "86 座"), fig(body, "320 余万元")];
        let runs = segment(body, &figs, &[]);
        assert_eq!(joined(&runs), body);
        let marked: Vec<(usize, &str)> = runs
            .iter()
            .filter_map(|r| match r {
                Run::Figure { index, text, .. } => Some((*index, text.as_str())),
                _ => None,
            })
            .collect();
        assert_eq!(marked, vec![(0, "86 座"), (1, "320 余万元")]);
        assert_eq!(runs.len(), 5);
    }

    #[test]
    fn figures_out_of_order_keep_their_index() {
        let body = "甲 1 个，乙 2 家。";
        let figs = [fig(body, "2 家"), fig(body, "1 个")];
        let runs = segment(body, &figs, &[]);
        let idx: Vec<usize> = runs
            .iter()
            .filter_map(|r| {
                if let Run::Figure { index, .. } = r {
                    Some(*index)
                } else {
                    None
                }
            })
            .collect();
        assert_eq!(idx, vec![1, 0]);
    }

    #[test]
    fn bad_spans_are_skipped_and_no_text_is_lost() {
        let body = "共 12 人";
        let mut past_end = fig(body, "12 人");
        past_end.end = 99;
        let mut empty = fig(body, "12 人");
        empty.end = empty.start;
        let good = fig(body, "12 人");
        let mut overlapping = fig(body, "2 人");
        overlapping.start = 2; // inside `12 人`
        let runs = segment(body, &[past_end, empty, good, overlapping], &[]);
        assert_eq!(joined(&runs), body);
        let figures = runs
            .iter()
            .filter(|r| matches!(r, Run::Figure { .. }))
            .count();
        assert_eq!(figures, 1);
    }

    #[test]
    fn emphasis_splits_text_and_marks_it_bold() {
        let body = "城关镇排查 30 起，新安镇化解 12 起。";
        let emphasis = [Span { start: 0, end: 3 }, Span { start: 11, end: 14 }];
        let figs = [fig(body, "30 起"), fig(body, "12 起")];
        let runs = segment(body, &figs, &emphasis);
        assert_eq!(joined(&runs), body);
        assert_eq!(
            runs[0],
            Run::Text {
                text: "城关镇".into(),
                bold: true
            }
        );
        assert_eq!(
            runs[1],
            Run::Text {
                text: "排查 ".into(),
                bold: false
            }
        );
        let bold: Vec<&str> = runs
            .iter()
            .filter_map(|r| match r {
                Run::Text { text, bold: true } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(bold, vec!["城关镇", "新安镇"]);
    }

    #[test]
    fn empty_body() {
        assert!(segment("", &[], &[]).is_empty());
    }
}
