//! The items under their section headings, then the footer. Its own
//! component so typing (which re-renders App) never re-renders the items.
//!
//! A large bulletin is drawn a batch at a time (`view::progressive`): the
//! first batch at once, the next ones as the reader scrolls near the end
//! of what is drawn. In-page links to items not drawn yet (the contents,
//! the figures table) draw them first, then jump.

use std::ops::Range;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::item_view::ItemView;
use crate::components::load_more::{load_more, watch};
use crate::components::masthead::BulletinFooter;
use crate::hooks::SharedBulletin;
use crate::view::i18n::{show_earlier, show_more, t, Lang, Msg};
use crate::view::outline::{groups, Group};
use crate::view::progressive::{
    anchor_target, first_window, group_start, groups_in, more_after, more_before, reveal,
};

#[derive(Properties, PartialEq)]
pub struct DocumentProps {
    pub lang: Lang,
    pub bulletin: SharedBulletin,
}

/// What the drawing needs of a bulletin, computed once per bulletin.
struct Layout {
    groups: Vec<Group>,
    /// Figures per item: the weight of each item in a batch.
    figures: Vec<usize>,
}

#[component]
pub fn Document(props: &DocumentProps) -> Html {
    let lang = props.lang;
    let layout = use_memo(props.bulletin.clone(), |b| Layout {
        groups: groups(b),
        figures: b.items.iter().map(|i| i.figures.len()).collect(),
    });
    // The window is kept with the bulletin it belongs to, so a new bulletin
    // starts from its first window in the same render (no flash of the old one).
    let window = use_state(|| None::<(SharedBulletin, Range<usize>)>);
    let current = match &*window {
        Some((b, w)) if *b == props.bulletin => w.clone(),
        _ => first_window(&layout.figures),
    };
    let jump_to = use_mut_ref(|| None::<String>);
    let set_window = {
        let window = window.clone();
        let bulletin = props.bulletin.clone();
        Rc::new(move |w: Range<usize>| window.set(Some((bulletin.clone(), w))))
    };

    let on_more = {
        let (set_window, layout, current) = (set_window.clone(), layout.clone(), current.clone());
        Callback::from(move |()| set_window(more_after(&current, &layout.figures)))
    };
    let on_earlier = {
        let (set_window, layout, current) = (set_window.clone(), layout.clone(), current.clone());
        Callback::from(move |()| set_window(more_before(&current, &layout.figures)))
    };
    let sentinel = use_node_ref();
    // Once a batch is drawn: watch the end for the next one, and catch
    // links to anchors not drawn yet.
    {
        let layout = layout.clone();
        let set_window = set_window.clone();
        let jump_to = jump_to.clone();
        let partial = current.start > 0 || current.end < layout.figures.len();
        let (sentinel, on_more) = (sentinel.clone(), on_more.clone());
        use_effect_with(
            (props.bulletin.clone(), current.clone()),
            move |(_, current)| {
                // Looked at again after every batch: drawing goes on while the end stays in view.
                let watching = watch(&sentinel, on_more);
                let current = current.clone();
                let listener = partial.then(|| {
                    Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |e: web_sys::MouseEvent| {
                        let Some(id) = missing_anchor(&e) else { return };
                        let Some(target) = anchor_target(&id, &layout.groups) else {
                            return;
                        };
                        if target >= layout.figures.len() {
                            return;
                        }
                        e.prevent_default();
                        let start = group_start(&layout.groups, target);
                        *jump_to.borrow_mut() = Some(id);
                        set_window(reveal(&current, target, start, &layout.figures));
                    })
                });
                let doc = crate::browser::document();
                if let (Some(doc), Some(l)) = (&doc, &listener) {
                    let _ =
                        doc.add_event_listener_with_callback("click", l.as_ref().unchecked_ref());
                }
                move || {
                    if let Some(w) = watching {
                        w.stop();
                    }
                    if let (Some(doc), Some(l)) = (doc, listener) {
                        let _ = doc.remove_event_listener_with_callback(
                            "click",
                            l.as_ref().unchecked_ref(),
                        );
                    }
                }
            },
        );
    }
    // After the jump's batch is drawn: follow the link.
    {
        let jump_to = jump_to.clone();
        use_effect(move || {
            let id = jump_to.borrow_mut().take();
            let Some(id) = id else { return };
            if let Some(el) = crate::browser::document().and_then(|d| d.get_element_by_id(&id)) {
                el.scroll_into_view();
            }
            if let Some(w) = crate::browser::window() {
                let _ = w.location().set_hash(&id);
            }
        });
    }

    let total = layout.figures.len();
    // Large: drawn in batches (first_window stops short of the end).
    let large = first_window(&layout.figures).end < total;
    let bulletin = &props.bulletin;
    html! {
        <div class={classes!("document", large.then_some("progressive"))} data-items={total.to_string()}
            data-window={format!("{}-{}", current.start, current.end)}>
            if current.start == 0 && !bulletin.notes.is_empty() {
                <aside class="notes" aria-label={t(lang, Msg::Notes)}>{ bulletin.notes.join("\n") }</aside>
            }
            if current.start > 0 {
                { load_more("earlier", show_earlier(lang, current.start), &on_earlier, &NodeRef::default()) }
            }
            { for groups_in(&layout.groups, &current).into_iter().map(|(g, items)| {
                let g = &layout.groups[g];
                let heading = format!("{}-h", g.anchor);
                html! {
                    <section class="group" id={g.anchor.clone()} key={g.anchor.clone()}
                        aria-labelledby={g.section.is_some().then(|| heading.clone())}>
                        if let Some(name) = &g.section {
                            <h2 class="section-title" id={heading}>{ name.as_str() }</h2>
                        }
                        { for items.map(|i| html! {
                            <ItemView key={i} lang={lang} bulletin={bulletin.clone()} index={i} />
                        }) }
                    </section>
                }
            }) }
            if current.end < total {
                { load_more("items", show_more(lang, total - current.end), &on_more, &sentinel) }
            }
            <BulletinFooter lang={lang} bulletin={bulletin.clone()} />
        </div>
    }
}

/// The id an in-page link points to, when nothing on the page has it yet.
fn missing_anchor(e: &web_sys::MouseEvent) -> Option<String> {
    let target: web_sys::Element = e.target()?.dyn_into().ok()?;
    let link = target.closest("a[href^='#']").ok()??;
    let id = link.get_attribute("href")?.strip_prefix('#')?.to_string();
    let doc = crate::browser::document()?;
    doc.get_element_by_id(&id).is_none().then_some(id)
}
