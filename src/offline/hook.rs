//! The parse hook's large-input path: a text over
//! [`LARGE_INPUT_BYTES`](super::worker::LARGE_INPUT_BYTES) is parsed in the
//! worker while the page stays responsive; smaller ones are parsed at once,
//! here, as they always were (a worker round trip would only add latency).

use std::cell::Cell;
use std::rc::Rc;

use bulletin_parser::Bulletin;
use yew::prelude::*;

use crate::view::workspace::SharedText;

use super::status;
use super::worker::{parse_texts, Progress, LARGE_INPUT_BYTES};
use crate::hooks::SharedBulletin;

fn is_large(text: &str) -> bool {
    text.len() > LARGE_INPUT_BYTES
}

/// The bulletin in `text`. For a large text this is an empty bulletin
/// until the worker is done (the page shows the progress meanwhile), then
/// the parsed one; a newer text makes an older result be dropped unseen.
#[hook]
pub fn use_parsed(text: SharedText) -> SharedBulletin {
    let here = use_memo(text.clone(), |text| {
        (!is_large(text)).then(|| SharedBulletin::from(bulletin_parser::parse(text)))
    });
    let from_worker = use_state(|| None::<(SharedText, SharedBulletin)>);
    let placeholder = use_memo((), |_| SharedBulletin::from(Bulletin::default()));
    {
        let from_worker = from_worker.clone();
        use_effect_with(text.clone(), move |text| {
            let current = Rc::new(Cell::new(true));
            let large = is_large(text);
            if large {
                let text = text.clone();
                let still_current = current.clone();
                status::publish(Some(Progress { done: 0, total: 1 }));
                wasm_bindgen_futures::spawn_local(async move {
                    let report = still_current.clone();
                    let parsed = parse_texts(vec![text.to_string()], move |p| {
                        if report.get() {
                            status::publish(Some(p));
                        }
                    })
                    .await;
                    if still_current.get() {
                        status::publish(None);
                        let bulletin = parsed.into_iter().next().unwrap_or_default();
                        from_worker.set(Some((text, SharedBulletin::from(bulletin))));
                    }
                });
            }
            // A newer text (or leaving the page) ends this one's turn.
            move || {
                current.set(false);
                if large {
                    status::publish(None);
                }
            }
        });
    }
    if let Some(bulletin) = &*here {
        return bulletin.clone();
    }
    match &*from_worker {
        Some((parsed_text, bulletin)) if *parsed_text == text => bulletin.clone(),
        _ => (*placeholder).clone(),
    }
}
