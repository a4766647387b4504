//! The page's state behind `use_reducer`: the open entries and which one
//! is shown ([`Workspace`], pure and tested natively), and each bulletin's
//! corrections by hand with their undo history, changed only by typed
//! [`Action`]s.
//!
//! Corrections are kept per bulletin text in localStorage (`browser::kept`),
//! so a reload, or the same file opened again, finds them.

use std::rc::Rc;

use yew::prelude::*;

use crate::browser::kept::{load, save};
use crate::view::corrections::History;
use crate::view::workspace::{EntryId, Opened, Workspace};
use bulletin_parser::corrections::Correction;

/// How the page's state changes.
pub enum Action {
    /// The debounced draft becomes the pasted entry's text, and is shown.
    SetPaste(String),
    /// Files opened (already read and split into issues).
    Add(Vec<Opened>),
    /// Show this entry.
    Activate(EntryId),
    /// Close this entry (the pasted one stays).
    Close(EntryId),
    /// Hide the list of files that could not be opened.
    DismissErrors,
    /// A correction to the bulletin whose text has this key.
    Correct(Rc<str>, Correction),
    /// Takes back the last correction of that bulletin.
    Undo(Rc<str>),
    /// Makes the last correction taken back again.
    Redo(Rc<str>),
}

#[derive(Clone, PartialEq)]
pub struct State(
    pub Workspace,
    /// Each bulletin's corrections made in this visit, by its text's key
    /// (a few bulletins: a list, no hash table's code in the page).
    pub Vec<(Rc<str>, History)>,
    /// Files of the last batch that were open already (not added twice).
    pub Vec<String>,
);

impl State {
    pub fn new(ws: Workspace) -> State {
        State(ws, Vec::new(), Vec::new())
    }

    /// The corrections made in this visit to the bulletin with this key
    /// (`None`: as kept, see `browser::kept::load`).
    pub fn history(&self, key: &str) -> Option<&History> {
        self.1.iter().find(|(k, _)| &**k == key).map(|(_, h)| h)
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut ws = self.0.clone();
        let mut fixes = self.1.clone();
        let mut twins = self.2.clone();
        let mut edit = |key: Rc<str>, change: &dyn Fn(&mut History) -> bool| {
            let at = fixes.iter().position(|(k, _)| *k == key);
            let mut history = match at {
                Some(i) => fixes[i].1.clone(),
                None => load(&key),
            };
            if change(&mut history) {
                save(&key, &history);
                match at {
                    Some(i) => fixes[i].1 = history,
                    None => fixes.push((key, history)),
                }
            }
        };
        match action {
            Action::SetPaste(text) => {
                ws.set_paste_text(&text);
                ws.show_paste();
            }
            Action::Add(batch) => {
                // The same file (name and text) opened again is shown, not
                // added a second time.
                twins.clear();
                let mut fresh = Vec::new();
                let mut seen = None;
                for opened in batch {
                    let twin = match &opened {
                        Opened::Text { name, text, .. } => ws
                            .entries
                            .iter()
                            .find(|e| !e.is_paste() && e.name == *name && *e.text == **text)
                            .map(|e| e.id),
                        Opened::Failed(_) => None,
                    };
                    match (twin, &opened) {
                        (Some(id), Opened::Text { name, .. }) => {
                            twins.push(name.clone());
                            seen.get_or_insert(id);
                        }
                        _ => fresh.push(opened),
                    }
                }
                if ws.add(fresh) == 0 {
                    if let Some(id) = seen {
                        ws.activate(id);
                    }
                }
            }
            Action::Activate(id) => ws.activate(id),
            Action::Close(id) => ws.close(id),
            Action::DismissErrors => {
                ws.dismiss_errors();
                twins.clear();
            }
            Action::Correct(key, c) => edit(key, &|h| {
                h.push(c.clone());
                true
            }),
            Action::Undo(key) => edit(key, &History::undo),
            Action::Redo(key) => edit(key, &History::redo),
        }
        Rc::new(State(ws, fixes, twins))
    }
}
