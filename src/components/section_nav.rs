//! The contents: one link per section (or per item when the bulletin has no
//! sections), jumping to the anchors `view::outline` gives the groups.

use yew::prelude::*;

use crate::hooks::SharedBulletin;
use crate::view::i18n::{t, Lang, Msg};
use crate::view::outline::{groups, item_anchor};

#[derive(Properties, PartialEq)]
pub struct SectionNavProps {
    pub lang: Lang,
    pub bulletin: SharedBulletin,
}

#[component]
pub fn SectionNav(props: &SectionNavProps) -> Html {
    let b = &props.bulletin;
    let lang = props.lang;
    if b.items.is_empty() {
        return Html::default();
    }
    let has_sections = b.items.iter().any(|i| i.section.is_some());
    let links = if has_sections {
        groups(b)
            .into_iter()
            .map(|g| {
                let name = g.section.clone().unwrap_or_else(|| t(lang, Msg::NoSection).to_string());
                html! {
                    <li><a href={format!("#{}", g.anchor)}>{ name }
                        <span class="count">{ g.items.len() }</span></a></li>
                }
            })
            .collect::<Html>()
    } else {
        b.items
            .iter()
            .enumerate()
            .map(|(i, item)| html! {
                <li><a href={format!("#{}", item_anchor(i))}>{ &item.headline }</a></li>
            })
            .collect::<Html>()
    };
    html! {
        <nav class="section-nav" aria-labelledby="contents-h">
            <h2 id="contents-h">{ t(lang, Msg::Contents) }</h2>
            <ol>{ links }</ol>
        </nav>
    }
}
