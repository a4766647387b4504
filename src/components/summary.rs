//! The counts at a glance: items, sections, units, figures (by kind), warnings.

use yew::prelude::*;

use crate::hooks::SharedBulletin;
use crate::view::i18n::{kind_name, t, Lang, Msg};
use crate::view::summary::summarize;

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    pub lang: Lang,
    pub bulletin: SharedBulletin,
}

#[component]
pub fn Summary(props: &SummaryProps) -> Html {
    let lang = props.lang;
    let s = summarize(&props.bulletin);
    let stat = |msg: Msg, n: usize, key: &'static str| {
        html! {
            <div class="stat" data-stat={key}><dt>{ t(lang, msg) }</dt><dd>{ n }</dd></div>
        }
    };
    html! {
        <section class="summary" aria-labelledby="summary-h">
            <h2 id="summary-h" class="visually-hidden">{ t(lang, Msg::SummaryHeading) }</h2>
            <dl class="stats">
                { stat(Msg::Items, s.items, "items") }
                { stat(Msg::Sections, s.sections, "sections") }
                { stat(Msg::Units, s.units, "units") }
                { stat(Msg::Figures, s.figures, "figures") }
            </dl>
            <ul class="kinds">
                { for s.by_kind.iter().filter(|(_, n)| *n > 0).map(|(k, n)| html! {
                    <li class={classes!("kind", format!("fig-{}", k.as_str()))}>
                        { kind_name(lang, *k) }<b>{ n }</b>
                    </li>
                }) }
            </ul>
        </section>
    }
}
