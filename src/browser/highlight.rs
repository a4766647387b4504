//! A proofreading finding marked at its exact characters in the structured
//! view, with the CSS Custom Highlight API (`CSS.highlights`): no element is
//! added to the DOM Yew draws, so nothing there changes. The tools module
//! says where to look (a CSS selector: the item's article, the masthead or
//! the footer), the finding's text, and the few characters before it on
//! its input line, which pick the right occurrence when the text appears
//! more than once. The view shows the item's text as normalised lines, so
//! the context is shortened until it is found; failing all, the first
//! occurrence of the text alone is marked.

use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Node};

/// The highlight's name in the stylesheet: `::highlight(proofread)`.
const NAME: &str = "proofread";

/// Marks `text` (after `before`) inside the element `root` selects and
/// brings it into view. False when it is not there (nothing marked).
pub fn mark(root: &str, before: &str, text: &str) -> bool {
    clear();
    let Some(doc) = super::document() else {
        return false;
    };
    let Some(root) = doc.query_selector(root).ok().flatten() else {
        return false;
    };
    if text.is_empty() {
        return false;
    }
    // The element's text, and where each text node starts in it.
    let mut all = String::new();
    let mut nodes: Vec<(Node, usize)> = Vec::new();
    collect(&root, &mut all, &mut nodes);
    let Some(start) = find(&all, before, text) else {
        return false;
    };
    let end = start + text.len();
    let (Some(a), Some(b)) = (position(&nodes, &all, start), position(&nodes, &all, end)) else {
        return false;
    };
    let Ok(range) = doc.create_range() else {
        return false;
    };
    if range.set_start(&a.0, a.1).is_err() || range.set_end(&b.0, b.1).is_err() {
        return false;
    }
    if !set_highlight(&range) {
        return false;
    }
    if let Some(el) = a.0.parent_element() {
        bring_into_view(el);
    }
    true
}

/// Gives the textarea its focus back once the link's jump is done (a jump
/// to a fragment takes the focus away, and an unfocused textarea shows no
/// selection), without scrolling the page to it, with `from..to` (UTF-16)
/// selected again.
pub fn reselect_later(area: web_sys::HtmlTextAreaElement, from: u32, to: u32) {
    gloo_timers::callback::Timeout::new(0, move || {
        let options = js_sys::Object::new();
        let _ = Reflect::set(&options, &"preventScroll".into(), &true.into());
        if let Ok(f) = Reflect::get(&area, &"focus".into()) {
            if let Ok(f) = f.dyn_into::<js_sys::Function>() {
                let _ = f.call1(&area, &options);
            }
        }
        let _ = area.set_selection_range(from, to);
    })
    .forget();
}

/// Removes the mark.
pub fn clear() {
    if let Some(highlights) = highlights() {
        if let Ok(delete) = Reflect::get(&highlights, &"delete".into()) {
            if let Ok(f) = delete.dyn_into::<js_sys::Function>() {
                let _ = f.call1(&highlights, &NAME.into());
            }
        }
    }
}

/// Where `before` + `text` is in `all`: the byte offset of `text`. The
/// context is dropped a character at a time from its start until found.
fn find(all: &str, before: &str, text: &str) -> Option<usize> {
    let mut context = before;
    loop {
        let needle = format!("{context}{text}");
        if let Some(at) = all.find(&needle) {
            return Some(at + context.len());
        }
        let mut chars = context.chars();
        chars.next()?;
        context = chars.as_str();
    }
}

fn collect(node: &Node, all: &mut String, nodes: &mut Vec<(Node, usize)>) {
    let mut child = node.first_child();
    while let Some(c) = child {
        if c.node_type() == Node::TEXT_NODE {
            nodes.push((c.clone(), all.len()));
            all.push_str(&c.node_value().unwrap_or_default());
        } else {
            collect(&c, all, nodes);
        }
        child = c.next_sibling();
    }
}

/// The text node holding byte `at` of `all`, and the offset there in UTF-16
/// units (what a DOM range counts).
fn position(nodes: &[(Node, usize)], all: &str, at: usize) -> Option<(Node, u32)> {
    let i = nodes.partition_point(|(_, s)| *s <= at).checked_sub(1)?;
    let (node, start) = &nodes[i];
    let units = all.get(*start..at)?.encode_utf16().count() as u32;
    Some((node.clone(), units))
}

fn highlights() -> Option<JsValue> {
    let css = Reflect::get(&js_sys::global(), &"CSS".into()).ok()?;
    Reflect::get(&css, &"highlights".into())
        .ok()
        .filter(|h| !h.is_undefined())
}

/// `CSS.highlights.set(NAME, new Highlight(range))`.
fn set_highlight(range: &web_sys::Range) -> bool {
    let Some(highlights) = highlights() else {
        return false;
    };
    let made = Reflect::get(&js_sys::global(), &"Highlight".into())
        .ok()
        .and_then(|c| c.dyn_into::<js_sys::Function>().ok())
        .and_then(|c| Reflect::construct(&c, &Array::of1(range)).ok());
    let set = Reflect::get(&highlights, &"set".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match (made, set) {
        (Some(h), Some(set)) => set.call2(&highlights, &NAME.into(), &h).is_ok(),
        _ => false,
    }
}

/// Scrolls the marked place to the middle of the screen once the link's
/// own jump (to the top of the item) is done.
fn bring_into_view(el: Element) {
    gloo_timers::callback::Timeout::new(0, move || {
        let options = js_sys::Object::new();
        let _ = Reflect::set(&options, &"block".into(), &"center".into());
        if let Ok(f) = Reflect::get(&el, &"scrollIntoView".into()) {
            if let Ok(f) = f.dyn_into::<js_sys::Function>() {
                let _ = f.call1(&el, &options);
            }
        }
    })
    .forget();
}
