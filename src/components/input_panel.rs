//! The input: a textarea that analyses as you type (debounced by the App)
//! or at once on paste, plus open-files, sample and clear. A file entry's
//! text shows here read-only, so warnings can point into it too.
//!
//! A paste of more than a megabyte never reaches the textarea: laying out
//! that much text blocks the page for seconds. The App keeps it whole and
//! the textarea shows its beginning, read-only, with a note.

use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, File, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::view::big_text::{is_big, splice_utf16};
use crate::view::i18n::{t, Lang, Msg};

/// Extensions the file picker offers; anything can still be dropped, and
/// `decode::sniff` decides what it really is.
const ACCEPT: &str = ".txt,.md,.markdown,.text,.docx,.html,.htm,.xhtml,.pdf,.doc,.wps";

#[derive(Properties, PartialEq)]
pub struct InputPanelProps {
    pub lang: Lang,
    /// What the textarea shows: the live draft, or a file's text (or the
    /// beginning of either when it is big).
    pub text: AttrValue,
    /// Why the textarea shows only the beginning of the text, or that the
    /// last big paste could not be kept; `None` normally.
    #[prop_or_default]
    pub notice: Option<AttrValue>,
    /// True while `text` is the excerpt of a big draft: a paste then
    /// replaces the whole draft.
    #[prop_or_default]
    pub excerpt: bool,
    /// False while a file entry is shown (its text is not editable).
    pub editable: bool,
    /// The file whose text is shown, when it is a file's.
    #[prop_or_default]
    pub source_name: Option<AttrValue>,
    pub textarea: NodeRef,
    /// The new text, and whether to analyse it at once (paste, drop) rather
    /// than after the typing pause.
    pub on_input: Callback<(String, bool)>,
    /// A big paste (or any paste over an excerpt): the whole new draft.
    pub on_paste_text: Callback<String>,
    pub on_files: Callback<Vec<File>>,
    pub on_sample: Callback<()>,
    pub on_clear: Callback<()>,
}

#[component]
pub fn InputPanel(props: &InputPanelProps) -> Html {
    let lang = props.lang;
    let file_input = use_node_ref();

    let on_input = {
        let cb = props.on_input.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            let at_once = matches!(
                e.input_type().as_str(),
                "insertFromPaste" | "insertFromDrop" | "deleteByCut"
            );
            cb.emit((area.value(), at_once));
        })
    };
    let on_paste = {
        let cb = props.on_paste_text.clone();
        let excerpt = props.excerpt;
        Callback::from(move |e: Event| {
            let Some(pasted) = e
                .dyn_ref::<ClipboardEvent>()
                .and_then(|c| c.clipboard_data())
                .and_then(|d| d.get_data("text/plain").ok())
            else {
                return;
            };
            if !excerpt && !is_big(&pasted) {
                return; // the textarea takes it, as always
            }
            e.prevent_default();
            if excerpt {
                cb.emit(pasted);
                return;
            }
            // Where the paste goes: over the selection, as the browser would.
            // Spliced here, in Rust: a round trip of the big text through a
            // JS string would convert it twice more.
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            let value = area.value();
            let start = area.selection_start().ok().flatten().unwrap_or(0);
            let end = area.selection_end().ok().flatten().unwrap_or(0);
            cb.emit(splice_utf16(&value, start, end, pasted));
        })
    };
    let open_picker = {
        let file_input = file_input.clone();
        Callback::from(move |_| {
            if let Some(input) = file_input.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let on_picked = {
        let cb = props.on_files.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(list) = input.files() {
                let files: Vec<File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
                if !files.is_empty() {
                    cb.emit(files);
                }
            }
            // Picking the same file again must fire `change` again.
            input.set_value("");
        })
    };
    let on_sample = props.on_sample.reform(|_: MouseEvent| ());
    let on_clear = props.on_clear.reform(|_: MouseEvent| ());

    html! {
        <div class="input-panel">
            <label for="bulletin-text" class="textarea-label">
                if let Some(name) = &props.source_name {
                    { name.clone() }<span class="read-only">{ t(lang, Msg::ReadOnly) }</span>
                } else {
                    { t(lang, Msg::PasteLabel) }
                }
            </label>
            if let Some(notice) = &props.notice {
                <p class="big-text-note" role="status">{ notice.clone() }</p>
            }
            <textarea id="bulletin-text" ref={props.textarea.clone()}
                value={props.text.clone()}
                readonly={!props.editable || props.excerpt}
                spellcheck="false"
                placeholder={t(lang, Msg::PastePlaceholder)}
                aria-describedby="input-hint"
                oninput={on_input} onpaste={on_paste} />
            <div class="input-actions">
                <button type="button" class="primary" onclick={open_picker}>{ t(lang, Msg::OpenFiles) }</button>
                <input ref={file_input} id="file-input" type="file" multiple=true accept={ACCEPT}
                    class="file-input" tabindex="-1" aria-hidden="true" onchange={on_picked} />
                <button type="button" onclick={on_sample}>{ t(lang, Msg::LoadSample) }</button>
                <button type="button" onclick={on_clear} disabled={!props.editable || props.text.is_empty()}>
                    { t(lang, Msg::ClearText) }
                </button>
            </div>
            <p id="input-hint" class="hint">{ t(lang, Msg::DropHint) }</p>
            <p class="hint privacy">{ t(lang, Msg::PrivacyNote) }</p>
        </div>
    }
}
