//! 文库 (the library) in the page: only a shell. The library itself —
//! IndexedDB, the statistics, the views' HTML — lives in the on-demand
//! tools module's worker (`tools/src/library`), so the first
//! load carries none of it and no database or statistics work holds the
//! page's thread. The shell opens and closes the section, puts the worker's
//! HTML in place and forwards its controls: a click on `[data-act]`, a
//! change of a `[data-live]` field or a file input, a submitted form, files
//! or a folder dropped on it. With each action it sends the view's named
//! fields; an export comes back as bytes and is saved as a download. It also
//! sends the page's open texts whose corrections changed (`sync`), so the
//! bulletins the library holds of them are corrected too.

use std::rc::Rc;

use gloo_timers::callback::Timeout;
use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, Element, File, HtmlInputElement};
use yew::prelude::*;

use crate::browser::{download, storage};
use crate::offline::tools;
use crate::view::i18n::Lang;

mod folder;

/// Files handed to the worker per message.
const FILES_PER_MESSAGE: u32 = 50;

/// Remembered: the library was open, so a reload opens it again.
const OPEN: &str = "library.open";

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    /// The page's open texts whose corrections changed in this visit: the
    /// library takes the new corrections into the bulletins it holds of
    /// them (none is added).
    pub sync: SyncTexts,
}

/// Names and texts of the open bulletins whose corrections changed. Equal
/// when it is the same list (made once per change of the corrections), so
/// a render of the page does not compare whole texts.
#[derive(Clone, Default)]
pub struct SyncTexts(pub Rc<Vec<(String, Rc<str>)>>);

impl PartialEq for SyncTexts {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Where the worker's answers go.
#[derive(Clone, PartialEq)]
struct Target {
    panel: NodeRef,
    status: NodeRef,
    /// The page is in English: the worker draws the view in English.
    en: bool,
}

#[component]
pub fn Library(props: &Props) -> Html {
    let open = use_state(|| storage::get(OPEN).as_deref() == Some("1"));
    let target = Target {
        panel: use_node_ref(),
        status: use_node_ref(),
        en: props.lang == Lang::En,
    };
    {
        let target = target.clone();
        use_effect_with((*open, target.en), move |(open, _)| {
            if *open {
                run(&target, "view", "", Array::new());
            }
        });
    }
    {
        // Corrections made on the page reach the bulletins the library
        // holds of the same texts: when it is opened, and at each change
        // while it is open.
        let target = target.clone();
        use_effect_with((*open, props.sync.clone()), move |(open, sync)| {
            if *open && !sync.0.is_empty() {
                let files = Array::new();
                for (name, text) in sync.0.iter() {
                    let parts = Array::of1(&JsValue::from_str(text));
                    let name = if name.is_empty() { "粘贴.txt" } else { name };
                    if let Ok(file) = File::new_with_str_sequence(&parts, name) {
                        files.push(&file);
                    }
                }
                run(&target, "sync", "", files);
            }
        });
    }
    let en = props.lang == Lang::En;
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| {
            let now = !*open;
            storage::set(OPEN, if now { "1" } else { "" });
            open.set(now);
        })
    };
    let onclick = {
        let target = target.clone();
        Callback::from(move |e: MouseEvent| {
            let Some(el) = closest(&e, "[data-act]") else {
                return;
            };
            if el.tag_name().eq_ignore_ascii_case("form") {
                return;
            }
            let attr = |n: &str| el.get_attribute(n).unwrap_or_default();
            let act = attr("data-act");
            e.prevent_default();
            if act == "print" {
                print();
                return;
            }
            run(&target, &act, &attr("data-arg"), Array::new());
        })
    };
    let onchange = {
        let target = target.clone();
        Callback::from(move |e: Event| {
            let Some(el) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
                return;
            };
            if el.has_attribute("data-files") {
                let input: HtmlInputElement = el.unchecked_into();
                let files = Array::new();
                if let Some(list) = input.files() {
                    for i in 0..list.length() {
                        if let Some(f) = list.get(i) {
                            files.push(&f);
                        }
                    }
                }
                input.set_value("");
                if files.length() > 0 {
                    // Handed over in a task of its own: the browser's own
                    // work on a big selection (hundreds of files) already
                    // fills the change event's task.
                    let target = target.clone();
                    Timeout::new(0, move || run(&target, "add", "", files)).forget();
                }
            } else if el.has_attribute("data-live") {
                run(&target, "view", "", Array::new());
            }
        })
    };
    let onsubmit = {
        let target = target.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let act = e
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|f| f.get_attribute("data-act"))
                .unwrap_or_else(|| "view".into());
            run(&target, &act, "", Array::new());
        })
    };
    let ondragover = Callback::from(|e: DragEvent| {
        e.prevent_default();
        e.stop_propagation();
    });
    let ondrop = {
        let target = target.clone();
        let open = open.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            e.stop_propagation();
            let Some(dt) = e.data_transfer() else { return };
            if !*open {
                storage::set(OPEN, "1");
                open.set(true);
            }
            let target = target.clone();
            let dropped = folder::dropped(&dt);
            wasm_bindgen_futures::spawn_local(async move {
                let files = dropped.await;
                if files.length() > 0 {
                    run(&target, "add", "", files);
                }
            });
        })
    };
    html! {
        <section class="library" aria-labelledby="library-h" {onclick} {onchange} {onsubmit} {ondragover} {ondrop}>
            <div class="library-head">
                <h2 id="library-h">{ if en { "Library" } else { "文库" } }</h2>
                <p class="library-hint">{ if en {
                    "Many bulletins kept in this browser: adoption counts per unit, indicators over time, search. Drop files or a folder here."
                } else {
                    "把多期快报存进本机浏览器：各单位信息采用情况、指标走势、全文检索。可将文件或文件夹拖到这里。"
                } }</p>
                <button type="button" class="library-toggle no-print" aria-expanded={(*open).to_string()} onclick={toggle}>
                    { match (*open, en) { (true, false) => "收起文库", (false, false) => "打开文库", (true, true) => "Close", (false, true) => "Open the library" } }
                </button>
            </div>
            <p class="lib-progress" role="status" aria-live="polite" ref={target.status.clone()}></p>
            <div class="lib-body" hidden={!*open} ref={target.panel.clone()}></div>
        </section>
    }
}

fn closest(e: &MouseEvent, selector: &str) -> Option<Element> {
    e.target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|t| t.closest(selector).ok().flatten())
}

/// Prints the library alone (the print stylesheet hides the rest while
/// the root has `print-library`).
fn print() {
    let Some(root) = crate::browser::document().and_then(|d| d.document_element()) else {
        return;
    };
    let _ = root.class_list().add_1("print-library");
    if let Some(w) = crate::browser::window() {
        let _ = w.print();
    }
    let _ = root.class_list().remove_1("print-library");
}

/// The view's named fields: `name U+001F value`, joined by U+001E (an
/// unchecked checkbox is left out).
fn form_of(panel: &Element) -> String {
    let mut out = Vec::new();
    let Ok(list) = panel.query_selector_all("[name]") else {
        return String::new();
    };
    for i in 0..list.length() {
        let Some(el) = list.get(i) else { continue };
        let get = |k: &str| Reflect::get(&el, &k.into()).unwrap_or(JsValue::UNDEFINED);
        if get("type").as_string().as_deref() == Some("checkbox") && get("checked") != JsValue::TRUE
        {
            continue;
        }
        let name = get("name").as_string().unwrap_or_default();
        let value = get("value").as_string().unwrap_or_default();
        out.push(format!("{name}\u{1f}{value}"));
    }
    out.join("\u{1e}")
}

/// The progress line while files are read: `done` of `total`, or only how
/// many before the first is done.
fn reading(en: bool, done: Option<usize>, total: usize) -> String {
    match (done, en) {
        (None, false) => format!("正在读取 {total} 个文件…"),
        (None, true) => format!("Reading {total} files…"),
        (Some(done), false) => format!("正在读取 {done}/{total} 个文件…"),
        (Some(done), true) => format!("Reading files: {done} of {total}…"),
    }
}

/// The line shown when the library's worker could not answer: why, in the
/// worker's words (which the worker writes in the page's language).
fn could_not_open(en: bool, why: &str) -> String {
    if en {
        format!("The library could not be opened: {why}")
    } else {
        format!("文库未能打开：{why}")
    }
}

/// Sends an action to the library in the worker and shows the answer.
fn run(target: &Target, act: &str, arg: &str, files: Array) {
    let Some(panel) = target.panel.cast::<Element>() else {
        return;
    };
    let mut form = form_of(&panel);
    if target.en {
        form.push_str("\u{1e}lang\u{1f}en");
    }
    let status = target.status.cast::<Element>();
    let show = Rc::new(move |text: &str| {
        if let Some(s) = &status {
            s.set_text_content(Some(text));
        }
    });
    let en = target.en;
    if files.length() > 0 && act != "sync" {
        show(&reading(en, None, files.length() as usize));
    } else if panel.child_element_count() == 0 {
        show(if en {
            "Opening the library…"
        } else {
            "正在打开文库…"
        });
    }
    let _ = panel.set_attribute("aria-busy", "true");
    let (target, act, arg) = (target.clone(), act.to_owned(), arg.to_owned());
    wasm_bindgen_futures::spawn_local(async move {
        let progress = {
            let show = show.clone();
            // Texts synced from the page are the page's own: no progress.
            let quiet = act == "sync";
            move |done: usize, total: usize| {
                if !quiet {
                    show(&reading(en, Some(done), total))
                }
            }
        };
        // Hundreds of files go over in slices, each its own task: one
        // message with all of them held the page for 40–120 ms.
        let mut files = files;
        while files.length() > FILES_PER_MESSAGE {
            let slice = files.slice(0, FILES_PER_MESSAGE);
            files = files.slice(FILES_PER_MESSAGE, files.length());
            if let Err(e) = tools::library("stage", "", "", &slice, |_, _| {}).await {
                show(&could_not_open(en, e.message()));
                return;
            }
        }
        // Bulletins added go in with the corrections by hand kept for their
        // texts (`browser::kept`), so the library counts what was corrected.
        let arg = if act == "add" || act == "sync" {
            storage::all_with("corrections.")
        } else {
            arg
        };
        let answer = tools::library(&act, &arg, &form, &files, progress).await;
        let _ = panel.remove_attribute("aria-busy");
        let answer = match answer {
            Ok(a) => a,
            Err(e) => {
                show(&could_not_open(en, e.message()));
                return;
            }
        };
        show("");
        let field = |k: &str| Reflect::get(&answer, &k.into()).unwrap_or(JsValue::UNDEFINED);
        if let Some(html) = field("html").as_string() {
            panel.set_inner_html(&html);
            let _ = panel.set_attribute("data-act-done", &act);
        }
        let d = field("download");
        if d.is_object() {
            let get = |k: &str| Reflect::get(&d, &k.into()).unwrap_or(JsValue::UNDEFINED);
            let bytes = js_sys::Uint8Array::new(&get("bytes")).to_vec();
            let _ = download::save(
                &bytes,
                &get("mime").as_string().unwrap_or_default(),
                &get("name").as_string().unwrap_or_default(),
            );
        }
        if act == "item" {
            if let Ok(Some(item)) = panel.query_selector("#lib-item") {
                item.scroll_into_view();
            }
        }
        if field("retry") == JsValue::TRUE {
            // Blocked by another tab: try again until it lets go.
            Timeout::new(1500, move || run(&target, "view", "", Array::new())).forget();
        }
    });
}
