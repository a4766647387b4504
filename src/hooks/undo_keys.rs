//! Ctrl+Z undoes the last correction of the bulletin shown and Ctrl+Shift+Z
//! or Ctrl+Y redoes it (⌘ on a Mac), as the 撤销 and 重做 buttons do.
//! Keys pressed in a text field are left to it: there the browser's own
//! undo of the typing is what the user means.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent};
use yew::prelude::*;

use crate::view::shortcuts::{undo_key, UndoKey};

/// Whether the key press happens in a field that edits text of its own.
fn in_text_field(e: &KeyboardEvent) -> bool {
    let Some(target) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return false;
    };
    match target.tag_name().as_str() {
        "TEXTAREA" | "SELECT" => true,
        "INPUT" => !matches!(
            target.get_attribute("type").as_deref(),
            Some("checkbox" | "radio" | "button" | "submit" | "reset" | "file")
        ),
        _ => target
            .dyn_ref::<web_sys::HtmlElement>()
            .is_some_and(|h| h.is_content_editable()),
    }
}

/// Listens on the window for as long as the component lives; the newest
/// `on_undo` and `on_redo` are the ones called.
#[hook]
pub fn use_undo_keys(on_undo: Callback<()>, on_redo: Callback<()>) {
    let latest = use_mut_ref(|| (on_undo.clone(), on_redo.clone()));
    *latest.borrow_mut() = (on_undo, on_redo);
    use_effect_with((), move |()| {
        let latest: Rc<RefCell<(Callback<()>, Callback<()>)>> = latest;
        let listener = Closure::<dyn Fn(KeyboardEvent)>::new(move |e: KeyboardEvent| {
            let Some(wanted) = undo_key(
                &e.key(),
                e.ctrl_key() || e.meta_key(),
                e.shift_key(),
                e.alt_key(),
            ) else {
                return;
            };
            if in_text_field(&e) {
                return;
            }
            e.prevent_default();
            let (undo, redo) = latest.borrow().clone();
            match wanted {
                UndoKey::Undo => undo.emit(()),
                UndoKey::Redo => redo.emit(()),
            }
        });
        let window = web_sys::window();
        if let Some(w) = &window {
            let _ =
                w.add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
        }
        move || {
            if let Some(w) = window {
                let _ = w.remove_event_listener_with_callback(
                    "keydown",
                    listener.as_ref().unchecked_ref(),
                );
            }
            drop(listener);
        }
    });
}
