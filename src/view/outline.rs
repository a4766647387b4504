//! Items grouped under their sections, with the anchors the contents list
//! links to. One function computes both, so a link never misses its target.

use std::ops::Range;

use bulletin_parser::{Bulletin, SmallString};

/// A run of consecutive items under one section (or under none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub section: Option<SmallString>,
    /// The element id of the group: `sec-0`, `sec-1`, … in page order.
    pub anchor: String,
    /// Indices into `Bulletin::items`.
    pub items: Range<usize>,
}

/// The element id of item `index`.
pub fn item_anchor(index: usize) -> String {
    format!("item-{index}")
}

/// The element id of figure `figure` of item `item`, and of its tooltip.
pub fn figure_anchor(item: usize, figure: usize) -> String {
    format!("fig-{item}-{figure}")
}

pub fn tip_anchor(item: usize, figure: usize) -> String {
    format!("tip-{item}-{figure}")
}

/// The items in groups of consecutive equal sections.
pub fn groups(b: &Bulletin) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    for (i, item) in b.items.iter().enumerate() {
        match out.last_mut() {
            Some(g) if g.section == item.section => g.items.end = i + 1,
            _ => out.push(Group {
                section: item.section.clone(),
                anchor: format!("sec-{}", out.len()),
                items: i..i + 1,
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use bulletin_parser::Item;

    fn item(section: Option<&str>) -> Item {
        Item {
            section: section.map(Into::into),
            ..Item::default()
        }
    }

    #[test]
    fn consecutive_items_share_a_group() {
        let b = Bulletin {
            items: vec![
                item(None),
                item(Some("产业")),
                item(Some("产业")),
                item(Some("民生")),
                item(Some("产业")),
            ],
            ..Bulletin::default()
        };
        let g = groups(&b);
        let shape: Vec<(Option<&str>, Range<usize>, &str)> = g
            .iter()
            .map(|g| (g.section.as_deref(), g.items.clone(), g.anchor.as_str()))
            .collect();
        assert_eq!(
            shape,
            vec![
                (None, 0..1, "sec-0"),
                (Some("产业"), 1..3, "sec-1"),
                (Some("民生"), 3..4, "sec-2"),
                (Some("产业"), 4..5, "sec-3"),
            ]
        );
    }

    #[test]
    fn no_items_no_groups() {
        assert!(groups(&Bulletin::default()).is_empty());
        assert_eq!(figure_anchor(2, 5), "fig-2-5");
    }
}
