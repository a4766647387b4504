//! The numbers at the top of the results: items, sections, units, figures by kind.

use bulletin_parser::{Bulletin, FigureKind};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub items: usize,
    pub sections: usize,
    /// Distinct reporting units across all items.
    pub units: usize,
    pub figures: usize,
    /// Figures per kind, every kind present, in `FigureKind::ALL` order.
    pub by_kind: Vec<(FigureKind, usize)>,
    pub warnings: usize,
}

pub fn summarize(b: &Bulletin) -> Summary {
    let mut units: Vec<&str> = Vec::new();
    for s in b.items.iter().flat_map(|i| i.sources.iter()) {
        if !units.contains(&s.as_str()) {
            units.push(s);
        }
    }
    let figures = || b.items.iter().flat_map(|i| i.figures.iter());
    Summary {
        items: b.items.len(),
        sections: b.sections.len(),
        units: units.len(),
        figures: figures().count(),
        by_kind: FigureKind::ALL
            .iter()
            .map(|&k| (k, figures().filter(|f| f.kind == k).count()))
            .collect(),
        warnings: b.warnings.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bulletin_parser::{Figure, Item};

    fn figure(kind: FigureKind) -> Figure {
        Figure {
            text: "1 个".into(),
            value: 1.0,
            value_max: None,
            unit: Some("个".into()),
            approx: None,
            kind,
            start: 0,
            end: 3,
            label: None,
            change: None,
            period: None,
            entity: None,
            corrected: false,
        }
    }

    #[test]
    fn counts_distinct_units_and_kinds() {
        let item = |sources: &[&str], kinds: &[FigureKind]| Item {
            sources: sources.iter().map(|&s| s.into()).collect(),
            figures: kinds.iter().map(|&k| figure(k)).collect(),
            ..Item::default()
        };
        let b = Bulletin {
            sections: vec!["一".into(), "二".into()],
            items: vec![
                item(&["财政局"], &[FigureKind::Money, FigureKind::Percent]),
                item(&["财政局", "税务局"], &[FigureKind::Money]),
                item(&[], &[]),
            ],
            ..Bulletin::default()
        };
        let s = summarize(&b);
        assert_eq!((s.items, s.sections, s.units, s.figures), (3, 2, 2, 3));
        assert_eq!(s.by_kind[0], (FigureKind::Money, 2));
        assert_eq!(s.by_kind[1], (FigureKind::Percent, 1));
        assert_eq!(s.by_kind.len(), 5);
    }
}
