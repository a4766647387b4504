//! Figures in headlines, marked like those in bodies: the parser reads
//! them in the tools worker (`line-figures`) once per bulletin shown, and
//! the items draw them when the answer comes. A bulletin drawn in batches
//! (thousands of items) is left as it is: its headlines stay plain.

use std::rc::Rc;

use yew::prelude::*;

use crate::hooks::SharedBulletin;
use crate::offline::tools;
use crate::view::progressive::PROGRESSIVE_ITEMS;

/// A figure in a headline: character offsets, kind, value as `<data value>`.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadFigure {
    pub start: usize,
    pub end: usize,
    pub kind: String,
    pub value: String,
}

/// Per item, the figures in its headline (empty until read).
pub type HeadFigures = Rc<Vec<Vec<HeadFigure>>>;

/// One line of the tools' answer: `start,end,kind,value;…`.
fn read_line(line: &str) -> Vec<HeadFigure> {
    line.split(';')
        .filter_map(|f| {
            let mut p = f.split(',');
            Some(HeadFigure {
                start: p.next()?.parse().ok()?,
                end: p.next()?.parse().ok()?,
                kind: p.next()?.to_string(),
                value: p.next()?.to_string(),
            })
        })
        .collect()
}

#[hook]
pub fn use_headline_figures(bulletin: SharedBulletin) -> HeadFigures {
    let read = use_state(|| None::<(SharedBulletin, HeadFigures)>);
    {
        let read = read.clone();
        use_effect_with(bulletin.clone(), move |b| {
            let n = b.items.len();
            let any = b
                .items
                .iter()
                .any(|i| i.headline.chars().any(|c| c.is_numeric()));
            if n > 0 && n <= PROGRESSIVE_ITEMS && any {
                let b = b.clone();
                // One line per headline (a line break inside one becomes a space).
                let text = b
                    .items
                    .iter()
                    .map(|i| i.headline.replace('\n', " "))
                    .collect::<Vec<_>>()
                    .join("\n");
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(answer) = tools::text_action("line-figures", &text).await {
                        let figures: Vec<Vec<HeadFigure>> =
                            answer.split('\n').map(read_line).collect();
                        read.set(Some((b, Rc::new(figures))));
                    }
                });
            }
        });
    }
    match &*read {
        Some((b, figures)) if *b == bulletin => figures.clone(),
        _ => Rc::default(),
    }
}
