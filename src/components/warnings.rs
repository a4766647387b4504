//! The parser's warnings: what it could not place, with the input lines it
//! came from. "Select in the text" marks those lines in the textarea.
//! A long list (a big paste of odd text) is drawn [`WARNINGS_PAGE`] at a
//! time, so it never holds the page up.

use bulletin_parser::LineRange;
use yew::prelude::*;

use crate::components::load_more::load_more;
use crate::hooks::SharedBulletin;
use crate::view::i18n::{lines_label, show_more, t, warning_action, warning_text, Lang, Msg};

/// Warnings drawn at a time.
pub const WARNINGS_PAGE: usize = 50;

/// A text in both languages (`Chinese U+001F English`: a correction that
/// no longer applies, said by the tools module), in the page's language.
fn half(lang: Lang, s: &str) -> Option<&str> {
    let (zh, en) = s.split_once('\u{1f}')?;
    Some(if lang == Lang::En { en } else { zh })
}

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
    // How many are drawn, for this bulletin.
    let limit = use_state(|| None::<(SharedBulletin, usize)>);
    if warnings.is_empty() {
        return Html::default();
    }
    let shown = match &*limit {
        Some((b, n)) if *b == props.bulletin => *n,
        _ => WARNINGS_PAGE,
    }
    .min(warnings.len());
    let on_more = {
        let (limit, b) = (limit.clone(), props.bulletin.clone());
        Callback::from(move |()| limit.set(Some((b.clone(), shown + WARNINGS_PAGE))))
    };
    let left = warnings.len() - shown;
    html! {
        <section class="warnings" aria-labelledby="warnings-h">
            <h2 id="warnings-h">{ t(lang, Msg::WarningsHeading) }<span class="count">{ warnings.len() }</span></h2>
            <ul>
                { for warnings[..shown].iter().map(|w| {
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
                                if let Some(m) = half(lang, &w.message) {
                                    <span class="message skipped-correction">{ m }</span>
                                } else {
                                    <span class="message">{ warning_text(lang, w.code) }</span>
                                    <span class="action">{ warning_action(lang, w.code) }</span>
                                }
                            </p>
                            <blockquote class="warning-text">{ half(lang, &w.text).unwrap_or(&w.text) }</blockquote>
                        </li>
                    }
                }) }
            </ul>
            if left > 0 {
                { load_more("warnings", show_more(lang, left), &on_more, &NodeRef::default()) }
            }
        </section>
    }
}
