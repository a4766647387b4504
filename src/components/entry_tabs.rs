//! The open bulletins: the pasted text first, then each opened file, the
//! current one marked; files can be closed.

use yew::prelude::*;

use crate::view::i18n::{t, Lang, Msg};
use crate::view::workspace::{EntryId, PASTE_ID};

/// What a tab shows of an entry (not its text: typing must not re-render tabs).
#[derive(Debug, Clone, PartialEq)]
pub struct Tab {
    pub id: EntryId,
    pub name: String,
    pub note: Option<String>,
}

#[derive(Properties, PartialEq)]
pub struct EntryTabsProps {
    pub lang: Lang,
    pub tabs: Vec<Tab>,
    pub active: EntryId,
    pub on_select: Callback<EntryId>,
    pub on_close: Callback<EntryId>,
}

#[component]
pub fn EntryTabs(props: &EntryTabsProps) -> Html {
    let lang = props.lang;
    html! {
        <ul class="entry-tabs" aria-label={t(lang, Msg::EntriesLabel)}>
            { for props.tabs.iter().map(|tab| {
                let id = tab.id;
                let current = id == props.active;
                let name = if id == PASTE_ID { t(lang, Msg::PasteEntry).to_string() } else { tab.name.clone() };
                let select = { let cb = props.on_select.clone(); Callback::from(move |_| cb.emit(id)) };
                let close = { let cb = props.on_close.clone(); Callback::from(move |_| cb.emit(id)) };
                // A note's first line is shown; the rest (why an encoding
                // was guessed) is in the tooltip.
                let short = tab.note.as_deref().map(|n| n.find('\n').map_or(n, |i| &n[..i]));
                let title = match &tab.note {
                    Some(note) if note.contains('\n') => format!("{name}\n{note}"),
                    _ => name.clone(),
                };
                html! {
                    <li class={classes!("entry-tab", current.then_some("current"))} data-entry={id.to_string()}>
                        <button type="button" class="entry-select" onclick={select}
                            aria-current={current.then_some("true")} title={title}>
                            <span class="entry-name">{ name.clone() }</span>
                            if let Some(note) = short { <span class="entry-note">{ note }</span> }
                        </button>
                        if id != PASTE_ID {
                            <button type="button" class="entry-close" onclick={close}
                                aria-label={format!("{} {}", t(lang, Msg::CloseEntry), name)}>{ "×" }</button>
                        }
                    </li>
                }
            }) }
        </ul>
    }
}
