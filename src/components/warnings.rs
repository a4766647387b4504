//! The parser's warnings: what it could not place, with the input lines it
//! came from. "Select in the text" marks those lines in the textarea.

use bulletin_parser::LineRange;
use yew::prelude::*;

use crate::hooks::SharedBulletin;
use crate::view::i18n::{lines_label, t, Lang, Msg};

#[derive(Properties, PartialEq)]
pub struct WarningsProps {
    pub lang: Lang,
    pub bulletin: SharedBulletin,
    /// Selects lines in the textarea.
    pub on_select: Callback<LineRange>,
}

#[component]
pub fn Warnings(props: &WarningsProps) -> Html {
    let lang = props.lang;
    let warnings = &props.bulletin.warnings;
    if warnings.is_empty() {
        return Html::default();
    }
    html! {
        <section class="warnings" aria-labelledby="warnings-h">
            <h2 id="warnings-h">{ t(lang, Msg::WarningsHeading) }<span class="count">{ warnings.len() }</span></h2>
            <ul>
                { for warnings.iter().map(|w| {
                    let lines = w.lines;
                    let on_select = props.on_select.clone();
                    html! {
                        <li class="warning">
                            <p class="warning-head">
                                <button type="button" class="link-button"
                                    title={t(lang, Msg::ShowInInput)}
                                    onclick={Callback::from(move |_| on_select.emit(lines))}>
                                    { lines_label(lang, lines.first, lines.last) }
                                </button>
                                <span class="message">{ &w.message }</span>
                            </p>
                            <blockquote class="warning-text">{ &w.text }</blockquote>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
