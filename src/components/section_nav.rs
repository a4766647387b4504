//! The contents: one link per section (or per item when the bulletin has no
//! sections), jumping to the anchors `view::outline` gives the groups.
//! A very long list (thousands of sections) shows a page of links at a time.

use std::ops::Range;

use yew::prelude::*;

use crate::components::load_more::load_more;
use crate::hooks::SharedBulletin;
use crate::view::i18n::{show_more, t, Lang, Msg};
use crate::view::outline::{groups, item_anchor};
use crate::view::progressive::{NAV_PAGE, PROGRESSIVE_ITEMS};

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
    html! {
        <nav class="section-nav" aria-labelledby="contents-h">
            <h2 id="contents-h">{ t(lang, Msg::Contents) }</h2>
            <ol>
                { for links.map(|(href, name, count)| html! {
                    <li><a {href}>{ name }
                        if let Some(n) = count { <span class="count">{ n }</span> }
                    </a></li>
                }) }
            </ol>
            if left > 0 {
                { load_more("contents", show_more(lang, left), &on_more, &NodeRef::default()) }
            }
        </nav>
    }
}
