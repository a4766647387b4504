//! The draft in the paste area: what the textarea shows at once, handed to
//! the analysis after a typing pause (or at once for a paste or a drop),
//! and kept in localStorage so it survives a reload.

use std::rc::Rc;

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::browser::storage;
use crate::offline::tools;
use crate::view::big_text::{is_big, MAX_SAVED_DRAFT_BYTES};

/// Quiet time after the last keystroke before the text is analysed again.
const TYPING_PAUSE_MS: u32 = 200;

/// The draft and what changes it.
#[derive(Clone)]
pub struct Draft {
    /// What the textarea holds now (ahead of the analysis while typing).
    pub text: AttrValue,
    /// A keystroke's new text, and whether to analyse it at once.
    pub on_input: Callback<(String, bool)>,
    /// Replaces the draft and analyses it at once (clear, sample, a big paste).
    pub set_now: Callback<String>,
}

/// The draft saved by the last visit (read once, for the first render).
pub fn saved_draft() -> String {
    storage::get(storage::DRAFT).unwrap_or_default()
}

/// The draft, with `commit` called with the text to analyse (after it is
/// saved), and `pasted` with a text pasted or dropped in at once (not typed,
/// not big), which may hold several issues.
#[hook]
pub fn use_draft(initial: Rc<str>, commit: Callback<String>, pasted: Callback<String>) -> Draft {
    let text = use_state(move || AttrValue::from(initial));
    let typing_timer = use_mut_ref(|| None::<Timeout>);
    let save_and_commit = Callback::from(move |text: String| {
        // localStorage has room for a few megabytes in all, and writing
        // them blocks the page: a big draft lives in memory only (the
        // saved draft is emptied, so an older one does not come back).
        storage::set(
            storage::DRAFT,
            if text.len() > MAX_SAVED_DRAFT_BYTES {
                ""
            } else {
                &text
            },
        );
        commit.emit(text);
    });
    let on_input = {
        let text = text.clone();
        let commit = save_and_commit.clone();
        let typing_timer = typing_timer.clone();
        Callback::from(move |(next, at_once): (String, bool)| {
            // A big text dropped (or set) into the textarea is shown as an
            // excerpt at once, before the browser lays it out.
            let at_once = at_once || is_big(&next);
            // Something to parse: the parser (tools module) starts loading
            // during the typing pause.
            if !next.trim().is_empty() {
                tools::warm_up();
            }
            text.set(AttrValue::from(next.clone()));
            let mut timer = typing_timer.borrow_mut();
            timer.take(); // dropping a Timeout cancels it
            if at_once {
                if !is_big(&next) {
                    pasted.emit(next.clone());
                }
                commit.emit(next);
            } else {
                let commit = commit.clone();
                *timer = Some(Timeout::new(TYPING_PAUSE_MS, move || commit.emit(next)));
            }
        })
    };
    let set_now = {
        let text = text.clone();
        Callback::from(move |next: String| {
            typing_timer.borrow_mut().take();
            text.set(AttrValue::from(next.clone()));
            save_and_commit.emit(next);
        })
    };
    Draft {
        text: (*text).clone(),
        on_input,
        set_now,
    }
}
