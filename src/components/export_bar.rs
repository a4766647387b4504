//! Export: JSON (the contract), figures CSV for Excel (UTF-8 with BOM), an
//! XLSX workbook of items and figures, the text to the clipboard, print.
//! With several bulletins open, "all open bulletins" turns JSON into JSON
//! Lines and puts every bulletin into one CSV / workbook.
//!
//! The exports are the tools module's (`crate::offline::tools`, loaded on
//! first use): this bar sends it the texts and saves the bytes it returns.
//! While it loads the first time the buttons are busy; a failure is said
//! in the status line.

use std::rc::Rc;

use yew::prelude::*;

use crate::view::workspace::SharedText;

use crate::browser::{clipboard, download};
use crate::hooks::SharedBulletin;
use crate::offline::tools;
use crate::view::export_filter;
use crate::view::i18n::{t, Lang, Msg};
use crate::view::table::Filter;
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
    /// The active entry's text: what the exports parse again.
    pub text: SharedText,
    /// Every open entry, for the "all open bulletins" exports.
    pub entries: Rc<Vec<Entry>>,
    /// The figures table's filter: when it narrows the table, the exports
    /// hold what it shows, and say so.
    #[prop_or_default]
    pub filter: Filter,
}

/// The format of one export button.
#[derive(Clone, Copy, PartialEq)]
enum Format {
    Json,
    Csv,
    Xlsx,
}

/// What the export bar says about the tools module, which the shared
/// message table does not cover.
fn loading(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Loading the export tools…",
        _ => "正在加载导出工具…",
    }
}

fn failed(lang: Lang, why: &tools::ToolsError) -> String {
    match (lang, why) {
        (Lang::En, tools::ToolsError::Unavailable(m)) => {
            format!("Export failed: the export tools did not load ({m})")
        }
        (Lang::En, tools::ToolsError::Failed(m)) => format!("Export failed: {m}"),
        (_, tools::ToolsError::Unavailable(m)) => format!("导出失败：导出工具未能加载（{m}）"),
        (_, tools::ToolsError::Failed(m)) => format!("导出失败：{m}"),
    }
}

#[component]
pub fn ExportBar(props: &ExportBarProps) -> Html {
    let lang = props.lang;
    let status = use_state(|| None::<String>);
    let all = use_state(|| false);
    let busy = use_state(|| false);

    let filled: Vec<Entry> = props
        .entries
        .iter()
        .filter(|e| !e.text.trim().is_empty())
        .cloned()
        .collect();
    let several = filled.len() > 1;
    let all_on = several && *all;

    // Runs `format` in the tools module, then `done` with its bytes; the
    // buttons are busy meanwhile, and the status says what happened.
    let run = {
        let status = status.clone();
        let busy = busy.clone();
        let filter = export_filter::encode(&props.filter);
        move |format: &'static str, docs: Vec<(String, String)>, done: Rc<dyn Fn(Vec<u8>)>| {
            if *busy {
                return;
            }
            if !tools::is_ready() {
                status.set(Some(loading(lang).to_string()));
            }
            busy.set(true);
            let status = status.clone();
            let busy = busy.clone();
            // Each text's corrections by hand, as kept; the table's filter
            // (not for the copy, which is the whole text).
            let fixes: Vec<String> = docs
                .iter()
                .map(|(_, text)| crate::browser::kept::saved_for(text))
                .collect();
            let filter = if format == "text" {
                String::new()
            } else {
                filter.clone()
            };
            wasm_bindgen_futures::spawn_local(async move {
                match tools::export(format, &docs, &fixes, &filter).await {
                    Ok(bytes) => done(bytes),
                    Err(why) => status.set(Some(failed(lang, &why))),
                }
                busy.set(false);
            });
        }
    };

    let save = |format: Format| {
        let name = props.name.to_string();
        // The text is copied for the tools module on click, not on every
        // render (a big paste is megabytes).
        let text = props.text.clone();
        let status = status.clone();
        let filled = filled.clone();
        let run = run.clone();
        let filtered = !props.filter.is_empty();
        let masthead = props.bulletin.masthead.clone();
        Callback::from(move |_| {
            let (tool, mime, file, docs) = if all_on {
                let docs = filled
                    .iter()
                    .map(|e| (doc_label(&e.name, lang), e.text.to_string()))
                    .collect();
                match format {
                    Format::Json => ("jsonl", JSON_LINES, "bulletins.jsonl".to_string(), docs),
                    Format::Csv => ("csv", CSV, "bulletins.csv".to_string(), docs),
                    Format::Xlsx => ("xlsx", XLSX, "bulletins.xlsx".to_string(), docs),
                }
            } else {
                let docs = vec![(doc_label(&name, lang), text.to_string())];
                // Named from the masthead (`某县政务快报-第39期-2023-09-01.xlsx`)
                // when it has a title, else from the file.
                let named = |ext: &str| match &masthead.title {
                    Some(_) => bulletin_parser::file_name::export_file_name(&masthead, ext),
                    None => export_name(&name, ext),
                };
                match format {
                    Format::Json => ("json", JSON, named("json"), docs),
                    Format::Csv => ("csv", CSV, named("csv"), docs),
                    Format::Xlsx => ("xlsx", XLSX, named("xlsx"), docs),
                }
            };
            let status = status.clone();
            let file = if filtered {
                filtered_name(&file, lang)
            } else {
                file
            };
            run(
                tool,
                docs,
                Rc::new(move |bytes: Vec<u8>| {
                    let message = match download::save(&bytes, mime, &file) {
                        Ok(()) if filtered => format!(
                            "{}{}{}",
                            t(lang, Msg::Downloaded),
                            file,
                            if lang == Lang::En {
                                " — only the figures the filtered table shows"
                            } else {
                                "（仅含表格筛选后显示的数字）"
                            }
                        ),
                        Ok(()) => format!("{}{}", t(lang, Msg::Downloaded), file),
                        Err(e) => e,
                    };
                    status.set(Some(message));
                }),
            );
        })
    };
    let on_copy = {
        let label = doc_label(&props.name, lang);
        let text = props.text.clone();
        let status = status.clone();
        let run = run.clone();
        Callback::from(move |_| {
            let status = status.clone();
            run(
                "text",
                vec![(label.clone(), text.to_string())],
                Rc::new(move |bytes: Vec<u8>| {
                    let text = String::from_utf8_lossy(&bytes).into_owned();
                    let status = status.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let ok = clipboard::copy(&text).await;
                        status.set(Some(
                            t(lang, if ok { Msg::Copied } else { Msg::CopyFailed }).to_string(),
                        ));
                    });
                }),
            );
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
    // A pointer over the bar or a key on its way to a button: start loading
    // the tools now, so the click finds them ready.
    let on_pointer = Callback::from(|_: PointerEvent| tools::warm_up());
    let on_focus = Callback::from(|_: FocusEvent| tools::warm_up());
    let is_busy = *busy;

    html! {
        <section class={classes!("export-bar", is_busy.then_some("busy"))} aria-labelledby="export-h"
            aria-busy={is_busy.then_some("true")}
            onpointerenter={on_pointer} onfocusin={on_focus}>
            <h2 id="export-h" class="visually-hidden">{ t(lang, Msg::ExportHeading) }</h2>
            <div class="buttons">
                <button type="button" data-export="json" disabled={is_busy} onclick={save(Format::Json)}>
                    { t(lang, if all_on { Msg::ExportJsonLines } else { Msg::ExportJson }) }
                </button>
                <button type="button" data-export="csv" disabled={is_busy} onclick={save(Format::Csv)}>{ t(lang, Msg::ExportCsv) }</button>
                <button type="button" data-export="xlsx" disabled={is_busy} onclick={save(Format::Xlsx)}>{ t(lang, Msg::ExportXlsx) }</button>
                <button type="button" data-export="copy" disabled={is_busy} onclick={on_copy}>{ t(lang, Msg::CopyText) }</button>
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

/// `bulletin.csv` → `bulletin-筛选.csv`: a filtered export is named so.
fn filtered_name(file: &str, lang: Lang) -> String {
    let mark = if lang == Lang::En {
        "filtered"
    } else {
        "筛选"
    };
    match file.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}-{mark}.{ext}"),
        None => format!("{file}-{mark}"),
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
