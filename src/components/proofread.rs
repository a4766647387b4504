//! 校对 (Proofread). The pass, and the drawing of its findings list, run in
//! the on-demand tools module (`offline::tools::proofread`); this shell only
//! puts the HTML in place and answers its buttons — jump (select the place
//! in the textarea; the link takes the structured view to its item, which
//! is outlined), dismiss (remembered for that text in localStorage,
//! keyed by a hash of the text), restore, and the house rules (apply,
//! export as TSV, reset). Kept this thin so the first-load wasm stays
//! within its budget.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlTextAreaElement};
use yew::prelude::*;

use crate::browser::{download, storage};
use crate::offline::tools;
use crate::view::i18n::{t, Lang, Msg};
use crate::view::proofread::utf16_span;

/// Storage keys (under the page's prefix).
const RULES: &str = "proofread.rules";
const DISMISSED: &str = "proofread.dismissed.";

/// What the shell keeps between renders, without re-rendering.
#[derive(Default)]
struct Shell {
    open: bool,
    /// The storage key of the text last proofread.
    key: String,
}

/// The 校对 section, as a hook of the App (cheaper in the first-load wasm
/// than a component of its own). `text`: the text the bulletin was parsed
/// from; `on_count`: the number of findings shown, once the pass has run.
#[hook]
pub fn use_proofread(lang: Lang, text: AttrValue, textarea: NodeRef, on_count: Callback<Option<usize>>) -> Html {
    let list = use_node_ref();
    let shell = use_mut_ref(Shell::default);
    let run = {
        let (list, shell, text, on_count) = (list.clone(), shell.clone(), text.clone(), on_count.clone());
        Rc::new(move || run(&list, &shell, &text, lang, &on_count))
    };
    // Again whenever the text or the language changes while open.
    {
        let (run, shell) = (run.clone(), shell.clone());
        use_effect_with((text.clone(), lang), move |_| {
            if shell.borrow().open {
                run();
            }
        });
    }
    let onclick = {
        let (run, shell) = (run.clone(), shell.clone());
        let (textarea, text, on_count) = (textarea, text, on_count);
        Callback::from(move |e: MouseEvent| {
            let Some(button) = e.target().and_then(|t| t.dyn_into::<Element>().ok()).and_then(|t| t.closest("[data-act]").ok().flatten()) else { return };
            let attr = |name: &str| button.get_attribute(name).unwrap_or_default();
            let key = shell.borrow().key.clone();
            match attr("data-act").as_str() {
                "toggle" => {
                    let now = !shell.borrow().open;
                    shell.borrow_mut().open = now;
                    // Drawn by hand, not by a re-render: the list is the tools module's HTML.
                    button.set_text_content(Some(t(lang, if now { Msg::ProofreadClose } else { Msg::ProofreadRun })));
                    let _ = button.set_attribute("aria-expanded", if now { "true" } else { "false" });
                    if let Some(list) = button.next_element_sibling() {
                        let _ = list.toggle_attribute_with_force("hidden", !now);
                    }
                    if now {
                        run();
                    } else {
                        on_count.emit(None);
                    }
                }
                "jump" => jump(&button, &textarea, &text),
                "dismiss" => {
                    let mut all = storage::get(&format!("{DISMISSED}{key}")).unwrap_or_default();
                    all.push_str(&attr("data-key"));
                    all.push('\n');
                    storage::set(&format!("{DISMISSED}{key}"), &all);
                    run();
                }
                "restore" => {
                    storage::set(&format!("{DISMISSED}{key}"), "");
                    run();
                }
                act @ ("apply" | "export") => {
                    let value = button
                        .closest(".house-rules")
                        .ok()
                        .flatten()
                        .and_then(|d| d.query_selector("textarea").ok().flatten())
                        .and_then(|a| a.dyn_into::<HtmlTextAreaElement>().ok())
                        .map(|a| a.value())
                        .unwrap_or_default();
                    if act == "export" {
                        let _ = download::save(value.as_bytes(), "text/tab-separated-values;charset=utf-8", "house-rules.tsv");
                    } else {
                        storage::set(RULES, &value);
                        run();
                    }
                }
                "reset" => {
                    storage::set(RULES, "");
                    run();
                }
                _ => {}
            }
        })
    };
    html! {
        <section class="proofread" aria-labelledby="proofread-h" {onclick}>
            <h2 id="proofread-h">{ t(lang, Msg::ProofreadHeading) }</h2>
            <button type="button" class="proofread-toggle" data-act="toggle" aria-expanded="false">{ t(lang, Msg::ProofreadRun) }</button>
            <div class="proofread-list" ref={list} hidden=true aria-live="polite"></div>
        </section>
    }
}

/// Proofreads the text in the tools module and puts the list in place.
fn run(list: &NodeRef, shell: &Rc<RefCell<Shell>>, text: &AttrValue, lang: Lang, on_count: &Callback<Option<usize>>) {
    let Some(el) = list.cast::<Element>() else { return };
    let rules_open = el.query_selector(".house-rules[open]").ok().flatten().is_some();
    let key = crate::view::proofread::text_key(text);
    let (shell, text, on_count) = (shell.clone(), text.clone(), on_count.clone());
    wasm_bindgen_futures::spawn_local(async move {
        let rules = storage::get(RULES).unwrap_or_default();
        let dismissed = storage::get(&format!("{DISMISSED}{key}")).unwrap_or_default();
        let answer = tools::proofread(&text, &rules, &dismissed, lang.code(), rules_open).await;
        if !shell.borrow().open {
            return;
        }
        match answer {
            Ok(answer) => {
                let mut parts = answer.splitn(3, '\u{1f}');
                let (key, count, html) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
                shell.borrow_mut().key = key.to_owned();
                el.set_inner_html(html);
                on_count.emit(count.parse().ok());
            }
            Err(e) => el.set_text_content(Some(e.message())),
        }
    });
}

/// Selects the finding in the textarea. The link itself (`#item-N`, drawn
/// by the tools module) then takes the structured view to the item, which
/// `:target` outlines.
fn jump(button: &Element, textarea: &NodeRef, text: &str) {
    let num = |name: &str| button.get_attribute(name).and_then(|v| v.parse::<usize>().ok()).unwrap_or(0);
    if let Some(area) = textarea.cast::<HtmlTextAreaElement>() {
        let value = area.value();
        if value.len() == text.len() {
            let (a, b) = utf16_span(&value, num("data-start"), num("data-end"));
            let _ = area.focus();
            let _ = area.set_selection_range(a, b);
        }
    }
}
