//! One item: `<article>` with its headline as `<h3>`, its reporting units and
//! its body, every figure marked up in place and bold sub-units kept bold.

use yew::prelude::*;

use crate::components::figure_mark::FigureMark;
use crate::hooks::SharedBulletin;
use crate::view::i18n::{t, Lang, Msg};
use crate::view::outline::item_anchor;
use crate::view::segments::{segment, Run};

#[derive(Properties, PartialEq)]
pub struct ItemViewProps {
    pub lang: Lang,
    pub bulletin: SharedBulletin,
    /// Index into `bulletin.items`.
    pub index: usize,
}

#[component]
pub fn ItemView(props: &ItemViewProps) -> Html {
    let Some(item) = props.bulletin.items.get(props.index) else {
        return Html::default();
    };
    let lang = props.lang;
    let anchor = item_anchor(props.index);
    let heading_id = format!("{anchor}-h");
    let runs = segment(&item.body, &item.figures, &item.emphasis);
    let body = runs.into_iter().map(|run| match run {
        Run::Text { text, bold: true } => html! { <strong class="entity">{ text }</strong> },
        Run::Text { text, bold: false } => html! { { text } },
        Run::Figure { index, text, bold } => html! {
            <FigureMark lang={lang} figure={item.figures[index].clone()} text={text}
                item={props.index} index={index} bold={bold} />
        },
    });
    let sources = if item.sources.is_empty() {
        html! { <span class="source none">{ t(lang, Msg::NoSources) }</span> }
    } else {
        item.sources
            .iter()
            .map(|s| html! { <span class="source">{ s.as_str() }</span> })
            .collect::<Html>()
    };
    html! {
        <article class="item" id={anchor} aria-labelledby={heading_id.clone()}
            data-lines={format!("{}-{}", item.lines.first, item.lines.last)}>
            if item.headline.trim().is_empty() {
                <h3 id={heading_id} class="untitled">{ t(lang, Msg::Untitled) }</h3>
            } else {
                <h3 id={heading_id}>{ &item.headline }</h3>
            }
            <p class="sources"><span class="sources-label">{ t(lang, Msg::Sources) }</span>{ sources }
                if !item.authors.is_empty() {
                    <span class="authors">{ format!("{} {}", t(lang, Msg::Authors), item.authors.join("、")) }</span>
                }
            </p>
            <p class="body">{ for body }</p>
        </article>
    }
}
