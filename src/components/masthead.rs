//! The bulletin's masthead (title, issue, issuer, date) and its footer
//! (distribution, editor, reviewer, signer). Absent fields are left out.

use yew::prelude::*;

use crate::hooks::SharedBulletin;
use crate::view::i18n::{t, Lang, Msg};

#[derive(Properties, PartialEq)]
pub struct BulletinPartProps {
    pub lang: Lang,
    pub bulletin: SharedBulletin,
}

#[component]
pub fn Masthead(props: &BulletinPartProps) -> Html {
    let m = &props.bulletin.masthead;
    let lang = props.lang;
    let fields = [
        (Msg::Issue, m.issue.as_deref(), "issue"),
        (Msg::Issuer, m.issuer.as_deref(), "issuer"),
        (Msg::Date, m.date.as_deref(), "date"),
    ];
    html! {
        <header class="masthead">
            <h2 class="bulletin-title">{ m.title.clone().unwrap_or_else(|| t(lang, Msg::ResultsHeading).to_string()) }</h2>
            <dl class="masthead-fields">
                { for fields.iter().filter_map(|(msg, v, class)| v.map(|v| html! {
                    <div class={*class}><dt>{ t(lang, *msg) }</dt><dd>{ v }</dd></div>
                })) }
            </dl>
        </header>
    }
}

#[component]
pub fn BulletinFooter(props: &BulletinPartProps) -> Html {
    let f = &props.bulletin.footer;
    let lang = props.lang;
    let fields = [
        (Msg::Distribution, f.distribution.as_deref()),
        (Msg::Editor, f.editor.as_deref()),
        (Msg::Reviewer, f.reviewer.as_deref()),
        (Msg::Signer, f.signer.as_deref()),
    ];
    if fields.iter().all(|(_, v)| v.is_none()) {
        return Html::default();
    }
    html! {
        <footer class="bulletin-footer" aria-label={t(lang, Msg::Footer)}>
            <dl>
                { for fields.iter().filter_map(|(msg, v)| v.map(|v| html! {
                    <div><dt>{ t(lang, *msg) }</dt><dd>{ v }</dd></div>
                })) }
            </dl>
        </footer>
    }
}
