//! The contents: one link per section (or per item when the bulletin has no
//! sections), jumping to the anchors `view::outline` gives the groups.
//! A very long list (thousands of sections) shows a page of links at a time.

use std::ops::Range;

use yew::prelude::*;

use crate::components::load_more::load_more;
use crate::hooks::SharedBulletin;
use crate::view::i18n::{show_more, t, Lang, Msg};
use crate::view::outline::{groups, item_anchor};
use crate::view::progressive::{is_large, NAV_PAGE, PROGRESSIVE_ITEMS};

#[derive(Properties, PartialEq)]
pub struct SectionNavProps {
    pub lang: Lang,
    pub bulletin: SharedBulletin,
}

#[component]
pub fn SectionNav(props: &SectionNavProps) -> Html {
    let b = &props.bulletin;
    let lang = props.lang;
    // How many links are drawn, kept with the bulletin it was counted for.
    // (The same state type as the document's window: one instance of the hook's code.)
    let limit = use_state(|| None::<(SharedBulletin, Range<usize>)>);
    use_current_anchor(b.clone());
    if b.items.is_empty() {
        return Html::default();
    }
    let has_sections = b.items.iter().any(|i| i.section.is_some());
    let outline = if has_sections { groups(b) } else { Vec::new() };
    let count = if has_sections {
        outline.len()
    } else {
        b.items.len()
    };
    let shown = match &*limit {
        Some((lb, n)) if lb == b => n.end.min(count),
        _ if count > PROGRESSIVE_ITEMS => NAV_PAGE,
        _ => count,
    };
    // Only the links drawn are made: a large bulletin has thousands.
    let links = (0..shown).map(|i| {
        if has_sections {
            let g = &outline[i];
            let name = g
                .section
                .as_deref()
                .unwrap_or(t(lang, Msg::NoSection))
                .to_string();
            (format!("#{}", g.anchor), name, Some(g.items.len()))
        } else {
            (
                format!("#{}", item_anchor(i)),
                b.items[i].headline.clone(),
                None,
            )
        }
    });
    let on_more = {
        let (limit, b) = (limit.clone(), b.clone());
        Callback::from(move |()| limit.set(Some((b.clone(), 0..shown + NAV_PAGE))))
    };
    let left = count - shown;
    // A bulletin drawn in batches keeps its contents in place: its jumps to
    // parts not drawn yet scroll the page themselves.
    let drawn_in_batches = is_large(b.items.len(), b.items.iter().map(|i| i.figures.len()).sum());
    html! {
        <nav class={classes!("section-nav", drawn_in_batches.then_some("in-place"))} aria-labelledby="contents-h">
            <h2 id="contents-h">{ t(lang, Msg::Contents) }</h2>
            <ol>
                { for links.map(|(href, name, count)| {
                    html! {
                    <li><a {href}>{ name }
                        if let Some(n) = count { <span class="count">{ n }</span> }
                    </a></li>
                }}) }
            </ol>
            if left > 0 {
                { load_more("contents", show_more(lang, left), &on_more, &NodeRef::default()) }
            }
        </nav>
    }
}

/// Marks the contents link whose part the reader is in (class `current`,
/// `aria-current`): the last part to enter the upper third of the window.
/// Watched by an `IntersectionObserver` and marked on the links directly,
/// so scrolling reads no layout and re-renders nothing (a large bulletin's
/// contents are thousands of links).
#[hook]
fn use_current_anchor(bulletin: SharedBulletin) {
    use crate::components::load_more::IntersectionObserver;
    use js_sys::{Array, Object, Reflect};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use_effect_with(bulletin, move |_| {
        let doc = crate::browser::document();
        let marker = doc.clone();
        let callback = Closure::<dyn FnMut(Array)>::new(move |entries: Array| {
            let get =
                |o: &JsValue, k: &str| Reflect::get(o, &k.into()).unwrap_or(JsValue::UNDEFINED);
            let entered = entries
                .iter()
                .filter(|e| get(e, "isIntersecting").as_bool().unwrap_or(false))
                .filter_map(|e| get(&get(&e, "target"), "id").as_string())
                .next_back();
            let (Some(id), Some(doc)) = (entered, &marker) else {
                return;
            };
            if let Ok(Some(old)) = doc.query_selector(".section-nav a.current") {
                let _ = old.class_list().remove_1("current");
                let _ = old.remove_attribute("aria-current");
            }
            if let Ok(Some(link)) = doc.query_selector(&format!(".section-nav a[href='#{id}']")) {
                let _ = link.class_list().add_1("current");
                let _ = link.set_attribute("aria-current", "location");
            }
        });
        let options = Object::new();
        let _ = Reflect::set(&options, &"rootMargin".into(), &"0px 0px -67% 0px".into());
        let observer = IntersectionObserver::new(callback.as_ref().unchecked_ref(), &options).ok();
        if let (Some(observer), Some(doc)) = (&observer, &doc) {
            if let Ok(links) = doc.query_selector_all(".section-nav a[href^='#']") {
                for i in 0..links.length() {
                    let target = links
                        .get(i)
                        .and_then(|l| l.dyn_into::<web_sys::Element>().ok())
                        .and_then(|l| l.get_attribute("href"))
                        .and_then(|h| doc.get_element_by_id(h.trim_start_matches('#')));
                    if let Some(t) = target {
                        observer.observe(&t);
                    }
                }
            }
        }
        move || {
            if let Some(o) = observer {
                o.disconnect();
            }
            drop(callback);
        }
    });
}
