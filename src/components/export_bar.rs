//! Export: JSON (the contract), figures CSV for Excel (UTF-8 with BOM), an
//! XLSX workbook of items and figures, the text to the clipboard, print.
//! With several bulletins open, "all open bulletins" turns JSON into JSON
//! Lines and puts every bulletin into one CSV / workbook.

use std::rc::Rc;

use bulletin_parser::{export, Bulletin};
use yew::prelude::*;

use crate::browser::{clipboard, download};
use crate::hooks::SharedBulletin;
use crate::view::i18n::{t, Lang, Msg};
use crate::view::json::pretty;
use crate::view::workspace::{export_name, Entry};

const JSON: &str = "application/json;charset=utf-8";
const JSON_LINES: &str = "application/jsonl;charset=utf-8";
const CSV: &str = "text/csv;charset=utf-8";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[derive(Properties, PartialEq)]
pub struct ExportBarProps {
    pub lang: Lang,
    pub bulletin: SharedBulletin,
    /// The active entry's file name (empty for the pasted text).
    pub name: AttrValue,
    /// Every open entry, for the "all open bulletins" exports.
    pub entries: Rc<Vec<Entry>>,
}

/// The format of one export button.
#[derive(Clone, Copy, PartialEq)]
enum Format {
    Json,
    Csv,
    Xlsx,
}

#[component]
pub fn ExportBar(props: &ExportBarProps) -> Html {
    let lang = props.lang;
    let status = use_state(|| None::<String>);
    let all = use_state(|| false);

    let filled: Vec<Entry> = props.entries.iter().filter(|e| !e.text.trim().is_empty()).cloned().collect();
    let several = filled.len() > 1;
    let all_on = several && *all;

    let save = |format: Format| {
        let bulletin = props.bulletin.clone();
        let name = props.name.clone();
        let status = status.clone();
        let filled = filled.clone();
        Callback::from(move |_| {
            let (bytes, mime, file) = if all_on {
                export_all(format, &filled, lang)
            } else {
                export_one(format, &bulletin, &name, lang)
            };
            let message = match download::save(&bytes, mime, &file) {
                Ok(()) => format!("{}{}", t(lang, Msg::Downloaded), file),
                Err(e) => e,
            };
            status.set(Some(message));
        })
    };
    let on_copy = {
        let bulletin = props.bulletin.clone();
        let status = status.clone();
        Callback::from(move |_| {
            let text = export::plain_text(&bulletin);
            let status = status.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let ok = clipboard::copy(&text).await;
                status.set(Some(t(lang, if ok { Msg::Copied } else { Msg::CopyFailed }).to_string()));
            });
        })
    };
    let on_print = Callback::from(|_| {
        if let Some(w) = crate::browser::window() {
            let _ = w.print();
        }
    });
    let on_scope = {
        let all = all.clone();
        Callback::from(move |_| all.set(!*all))
    };

    html! {
        <section class="export-bar" aria-labelledby="export-h">
            <h2 id="export-h" class="visually-hidden">{ t(lang, Msg::ExportHeading) }</h2>
            <div class="buttons">
                <button type="button" data-export="json" onclick={save(Format::Json)}>
                    { t(lang, if all_on { Msg::ExportJsonLines } else { Msg::ExportJson }) }
                </button>
                <button type="button" data-export="csv" onclick={save(Format::Csv)}>{ t(lang, Msg::ExportCsv) }</button>
                <button type="button" data-export="xlsx" onclick={save(Format::Xlsx)}>{ t(lang, Msg::ExportXlsx) }</button>
                <button type="button" data-export="copy" onclick={on_copy}>{ t(lang, Msg::CopyText) }</button>
                <button type="button" data-export="print" onclick={on_print}>{ t(lang, Msg::Print) }</button>
                if several {
                    <label class="scope">
                        <input type="checkbox" checked={*all} onchange={on_scope} />
                        { format!("{} ({})", t(lang, Msg::ExportAll), filled.len()) }
                    </label>
                }
            </div>
            // Always in the DOM (a live region must exist before it speaks), empty until used.
            <p class={classes!("export-status", status.is_none().then_some("empty"))} role="status">
                { (*status).clone().unwrap_or_default() }
            </p>
        </section>
    }
}

fn export_one(format: Format, b: &Bulletin, name: &str, lang: Lang) -> (Vec<u8>, &'static str, String) {
    let label = doc_label(name, lang);
    let docs = [(label.as_str(), b)];
    match format {
        Format::Json => (pretty(&export::to_json_line(b)).into_bytes(), JSON, export_name(name, "json")),
        Format::Csv => (export::figures_csv_for_excel(&docs).into_bytes(), CSV, export_name(name, "csv")),
        Format::Xlsx => (export::xlsx(&docs), XLSX, export_name(name, "xlsx")),
    }
}

fn export_all(format: Format, entries: &[Entry], lang: Lang) -> (Vec<u8>, &'static str, String) {
    let parsed: Vec<(String, Bulletin)> = entries
        .iter()
        .map(|e| (doc_label(&e.name, lang), bulletin_parser::parse(&e.text)))
        .collect();
    let docs: Vec<(&str, &Bulletin)> = parsed.iter().map(|(n, b)| (n.as_str(), b)).collect();
    match format {
        Format::Json => {
            let lines: String = parsed.iter().map(|(_, b)| export::to_json_line(b) + "\n").collect();
            (lines.into_bytes(), JSON_LINES, "bulletins.jsonl".to_string())
        }
        Format::Csv => (export::figures_csv_for_excel(&docs).into_bytes(), CSV, "bulletins.csv".to_string()),
        Format::Xlsx => (export::xlsx(&docs), XLSX, "bulletins.xlsx".to_string()),
    }
}

/// The 文件 column: the file name, or 粘贴 / Pasted for the pasted text.
fn doc_label(name: &str, lang: Lang) -> String {
    if name.is_empty() {
        t(lang, Msg::PasteEntry).to_string()
    } else {
        name.to_string()
    }
}
