//! The language switch: one button naming the other language.

use yew::prelude::*;

use crate::view::i18n::{t, Lang, Msg};

#[derive(Properties, PartialEq)]
pub struct LangSwitchProps {
    pub lang: Lang,
    pub on_change: Callback<Lang>,
}

#[component]
pub fn LangSwitch(props: &LangSwitchProps) -> Html {
    let next = props.lang.other();
    let on_change = props.on_change.clone();
    html! {
        <button type="button" class="lang-switch" lang={next.code()}
            onclick={Callback::from(move |_| on_change.emit(next))}>
            { t(props.lang, Msg::SwitchLanguage) }
        </button>
    }
}
