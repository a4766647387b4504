//! Large bulletins, drawn a batch at a time.
//!
//! Drawing 25 000 items with 75 000 figures at once blocks the page for
//! tens of seconds. Beyond a threshold the document shows a window of
//! items — the first batch at once, more as the reader scrolls — and the
//! figures table a page of rows. Small bulletins (the common case) are drawn
//! whole, exactly as before. Everything here is pure and tested natively.

use std::ops::Range;

use crate::view::outline::Group;

/// Beyond this many items, or this many figures, a bulletin is drawn in batches.
pub const PROGRESSIVE_ITEMS: usize = 150;
pub const PROGRESSIVE_FIGURES: usize = 2_000;
/// A batch ends after this many items or once it holds this many figures,
/// whichever comes first: small enough to draw well within one frame budget.
pub const BATCH_ITEMS: usize = 15;
pub const BATCH_FIGURES: usize = 45;
/// Rows of the figures table drawn at a time: a longer table is paged.
/// A table's layout costs with every row it holds (measured: 200 rows took
/// some 90 ms from click to paint, script, layout and paint about a third
/// each), so a page stays well inside the 100 ms a click may take.
pub const TABLE_PAGE: usize = 100;
/// Links of the contents list drawn at a time once it is large.
pub const NAV_PAGE: usize = 100;

/// Whether a bulletin of this size is drawn in batches.
pub fn is_large(items: usize, figures: usize) -> bool {
    items > PROGRESSIVE_ITEMS || figures > PROGRESSIVE_FIGURES
}

/// The items drawn first: all of a small bulletin, the first batch of a
/// large one. `figures[i]` is the number of figures of item `i`.
pub fn first_window(figures: &[usize]) -> Range<usize> {
    let total: usize = figures.iter().sum();
    if is_large(figures.len(), total) {
        0..batch_end(figures, 0)
    } else {
        0..figures.len()
    }
}

/// Where a batch starting at item `from` ends (exclusive); at least one item.
pub fn batch_end(figures: &[usize], from: usize) -> usize {
    let mut end = from;
    let mut held = 0;
    while end < figures.len() && end - from < BATCH_ITEMS && (held < BATCH_FIGURES || end == from) {
        held += figures[end];
        end += 1;
    }
    end
}

/// Where a batch ending at item `to` (exclusive) starts, going backwards.
pub fn batch_start(figures: &[usize], to: usize) -> usize {
    let to = to.min(figures.len());
    let mut start = to;
    let mut held = 0;
    while start > 0 && to - start < BATCH_ITEMS && (held < BATCH_FIGURES || start == to) {
        start -= 1;
        held += figures[start];
    }
    start
}

/// The window after one more batch at the end.
pub fn more_after(window: &Range<usize>, figures: &[usize]) -> Range<usize> {
    window.start..batch_end(figures, window.end)
}

/// The window after one more batch at the start.
pub fn more_before(window: &Range<usize>, figures: &[usize]) -> Range<usize> {
    batch_start(figures, window.start)..window.end
}

/// The window that shows item `target`: unchanged when it is shown already;
/// grown by a batch or two when the target is just below; otherwise a new
/// window from the start of the target's section (or from the target when
/// that section is long), so a jump never draws everything in between.
pub fn reveal(
    window: &Range<usize>,
    target: usize,
    section_start: usize,
    figures: &[usize],
) -> Range<usize> {
    if target >= figures.len() || window.contains(&target) {
        return window.clone();
    }
    if target >= window.end && target < batch_end(figures, batch_end(figures, window.end)) {
        return window.start..batch_end(figures, target).max(target + 1);
    }
    let start = if target - section_start.min(target) < BATCH_ITEMS {
        section_start.min(target)
    } else {
        target
    };
    start..batch_end(figures, start).max(target + 1)
}

/// The item an in-page link points to: `item-7`, `item-7-h`, `fig-7-2`,
/// `tip-7-2`, or the first item of section group `sec-3`.
pub fn anchor_target(id: &str, groups: &[Group]) -> Option<usize> {
    let number = |s: &str| s.split('-').next().and_then(|n| n.parse::<usize>().ok());
    if let Some(rest) = id
        .strip_prefix("item-")
        .or_else(|| id.strip_prefix("fig-"))
        .or_else(|| id.strip_prefix("tip-"))
    {
        return number(rest);
    }
    let group = number(id.strip_prefix("sec-")?)?;
    groups.get(group).map(|g| g.items.start)
}

/// The start of the group holding item `item` (its own index when none does).
pub fn group_start(groups: &[Group], item: usize) -> usize {
    groups
        .iter()
        .find(|g| g.items.contains(&item))
        .map_or(item, |g| g.items.start)
}

/// The part of `groups` that meets `window`, each group cut to the window.
pub fn groups_in(groups: &[Group], window: &Range<usize>) -> Vec<(usize, Range<usize>)> {
    groups
        .iter()
        .enumerate()
        .filter_map(|(i, g)| {
            let cut = g.items.start.max(window.start)..g.items.end.min(window.end);
            (cut.start < cut.end).then_some((i, cut))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(section: &str, items: Range<usize>, n: usize) -> Group {
        Group {
            section: Some(section.into()),
            anchor: format!("sec-{n}"),
            items,
        }
    }

    #[test]
    fn small_bulletins_are_drawn_whole() {
        assert_eq!(first_window(&[3; 150]), 0..150);
        assert_eq!(first_window(&[]), 0..0);
        assert_eq!(first_window(&[2_000]), 0..1);
    }

    #[test]
    fn large_ones_start_with_one_batch() {
        assert_eq!(first_window(&[3; 151]), 0..BATCH_ITEMS);
        assert_eq!(first_window(&[0; 1_000]), 0..BATCH_ITEMS);
        // Figure-heavy items end a batch early, but a batch is never empty.
        assert_eq!(first_window(&[40; 200]), 0..2);
        assert_eq!(first_window(&[5_000, 1]), 0..1);
    }

    #[test]
    fn batches_walk_both_ways_to_the_ends() {
        let figures = [1; 200];
        let mut w = first_window(&figures);
        let mut steps = 0;
        while w.end < figures.len() {
            w = more_after(&w, &figures);
            steps += 1;
        }
        assert_eq!(
            (w.clone(), steps),
            (0..200, 200_usize.div_ceil(BATCH_ITEMS) - 1)
        );
        assert_eq!(more_after(&w, &figures), 0..200);
        let w = more_before(&(90..100), &figures);
        assert_eq!(w, 90 - BATCH_ITEMS..100);
        assert_eq!(more_before(&(3..10), &figures), 0..10);
    }

    #[test]
    fn reveal_keeps_grows_or_jumps() {
        let figures = [1; 1_000];
        assert_eq!(reveal(&(0..40), 10, 0, &figures), 0..40, "already shown");
        assert_eq!(
            reveal(&(0..40), 45, 40, &figures),
            0..45 + BATCH_ITEMS,
            "just below: grow"
        );
        assert_eq!(
            reveal(&(0..40), 500, 495, &figures),
            495..495 + BATCH_ITEMS,
            "far: from the section start"
        );
        assert_eq!(
            reveal(&(0..40), 500, 100, &figures),
            500..500 + BATCH_ITEMS,
            "long section: from the target"
        );
        assert_eq!(
            reveal(&(600..640), 10, 8, &figures),
            8..8 + BATCH_ITEMS,
            "above the window"
        );
        assert_eq!(reveal(&(0..40), 5_000, 0, &figures), 0..40, "no such item");
    }

    #[test]
    fn anchors_name_their_items() {
        let groups = [group("甲", 0..3, 0), group("乙", 3..9, 1)];
        assert_eq!(anchor_target("item-12", &groups), Some(12));
        assert_eq!(anchor_target("item-12-h", &groups), Some(12));
        assert_eq!(anchor_target("fig-7-2", &groups), Some(7));
        assert_eq!(anchor_target("sec-1", &groups), Some(3));
        assert_eq!(anchor_target("sec-9", &groups), None);
        assert_eq!(anchor_target("results", &groups), None);
        assert_eq!(group_start(&groups, 5), 3);
        assert_eq!(group_start(&groups, 20), 20);
    }

    #[test]
    fn groups_are_cut_to_the_window() {
        let groups = [
            group("甲", 0..3, 0),
            group("乙", 3..9, 1),
            group("丙", 9..12, 2),
        ];
        assert_eq!(groups_in(&groups, &(2..5)), vec![(0, 2..3), (1, 3..5)]);
        assert_eq!(groups_in(&groups, &(0..12)).len(), 3);
        assert!(groups_in(&groups, &(12..12)).is_empty());
    }
}
