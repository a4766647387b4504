//! Files dragged over the page: accepted anywhere, and the page marked
//! while they hover. Text dragged inside the page is left to the browser
//! (it drops into the textarea).

use web_sys::{DragEvent, File};
use yew::prelude::*;

/// Whether files hover over the page, and the three handlers to put on it.
pub struct FileDrop {
    pub dragging: bool,
    pub ondragover: Callback<DragEvent>,
    pub ondragleave: Callback<DragEvent>,
    pub ondrop: Callback<DragEvent>,
}

fn carries_files(e: &DragEvent) -> bool {
    e.data_transfer()
        .map(|dt| {
            dt.types()
                .iter()
                .any(|t| t.as_string().as_deref() == Some("Files"))
        })
        .unwrap_or(false)
}

/// `on_files` hears the files dropped.
#[hook]
pub fn use_file_drop(on_files: Callback<Vec<File>>) -> FileDrop {
    let dragging = use_state(|| false);
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            if carries_files(&e) {
                e.prevent_default();
                if let Some(dt) = e.data_transfer() {
                    dt.set_drop_effect("copy");
                }
                if !*dragging {
                    dragging.set(true);
                }
            }
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            // `relatedTarget` is null only when the pointer leaves the window.
            if e.related_target().is_none() {
                dragging.set(false);
            }
        })
    };
    let ondrop = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            dragging.set(false);
            let Some(list) = e.data_transfer().and_then(|dt| dt.files()) else {
                return;
            };
            if list.length() == 0 {
                return;
            }
            e.prevent_default();
            on_files.emit((0..list.length()).filter_map(|i| list.get(i)).collect());
        })
    };
    FileDrop {
        dragging: *dragging,
        ondragover,
        ondragleave,
        ondrop,
    }
}
