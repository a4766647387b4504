//! 校对 (Proofread). The pass, and the drawing of its findings list, run in
//! the on-demand tools module (`offline::tools::proofread`); this shell only
//! puts the HTML in place and answers its buttons — jump (select the place
//! in the textarea; the link takes the structured view to its item, which
//! is outlined), dismiss (remembered for that text in localStorage, keyed
//! by a hash of the text), restore, and the house rules (apply, export as
//! TSV, reset) — and adds the count to the summary as a 校对 stat. Kept
//! this thin (a hook of the App, no state that re-renders) so the first-load
//! wasm stays within its budget.

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

/// The 校对 section. `text`: the text the bulletin was parsed from.
#[hook]
pub fn use_proofread(lang: Lang, text: AttrValue, textarea: NodeRef) -> Html {
    let list = use_node_ref();
    let shell = use_mut_ref(Shell::default);
    // Again whenever the text changes while open.
    {
        let (list, shell) = (list.clone(), shell.clone());
        use_effect_with(text.clone(), move |text| {
            if shell.borrow().open {
                run(&list, &shell, text, lang);
            }
        });
    }
    let onclick = {
        let shell = shell.clone();
        let list = list.clone();
        Callback::from(move |e: MouseEvent| {
            let Some(button) = e.target().and_then(|t| t.dyn_into::<Element>().ok()).and_then(|t| t.closest("[data-act]").ok().flatten()) else { return };
            let attr = |name: &str| button.get_attribute(name).unwrap_or_default();
            let dismissed = format!("{DISMISSED}{}", shell.borrow().key);
            match attr("data-act").as_str() {
                "toggle" => {
                    let now = !shell.borrow().open;
                    shell.borrow_mut().open = now;
                    // Drawn by hand, not by a re-render: the list is the tools module's HTML.
                    button.set_text_content(Some(t(lang, if now { Msg::ProofreadClose } else { Msg::ProofreadRun })));
                    let _ = button.set_attribute("aria-expanded", if now { "true" } else { "false" });
                    if let Some(el) = list.cast::<Element>() {
                        let _ = el.toggle_attribute_with_force("hidden", !now);
                    }
                    if now {
                        run(&list, &shell, &text, lang);
                    } else {
                        show_count(lang, None);
                    }
                    return;
                }
                "jump" => {
                    // The link takes the structured view to the item; the
                    // textarea shows the exact place.
                    let num = |name: &str| attr(name).parse::<usize>().unwrap_or(0);
                    if let Some(area) = textarea.cast::<HtmlTextAreaElement>() {
                        let value = area.value();
                        if value.len() == text.len() {
                            let (a, b) = utf16_span(&value, num("data-start"), num("data-end"));
                            let _ = area.focus();
                            let _ = area.set_selection_range(a, b);
                        }
                    }
                    return;
                }
                "dismiss" => storage::set(&dismissed, &(storage::get(&dismissed).unwrap_or_default() + &attr("data-key") + "\n")),
                "restore" => storage::set(&dismissed, ""),
                "reset" => storage::set(RULES, ""),
                act => {
                    let Some(area) = list
                        .cast::<Element>()
                        .and_then(|l| l.query_selector(".house-rules textarea").ok().flatten())
                        .and_then(|a| a.dyn_into::<HtmlTextAreaElement>().ok())
                    else {
                        return;
                    };
                    if act == "export" {
                        let _ = download::save(area.value().as_bytes(), "text/tab-separated-values;charset=utf-8", "house-rules.tsv");
                        return;
                    }
                    storage::set(RULES, &area.value());
                }
            }
            run(&list, &shell, &text, lang);
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
fn run(list: &NodeRef, shell: &Rc<RefCell<Shell>>, text: &AttrValue, lang: Lang) {
    let Some(el) = list.cast::<Element>() else { return };
    let rules_open = el.query_selector(".house-rules[open]").ok().flatten().is_some();
    let key = crate::view::proofread::text_key(text);
    let (shell, text) = (shell.clone(), text.clone());
    wasm_bindgen_futures::spawn_local(async move {
        let rules = storage::get(RULES).unwrap_or_default();
        let dismissed = storage::get(&format!("{DISMISSED}{key}")).unwrap_or_default();
        let args = [lang.code(), if rules_open { "1" } else { "0" }, &rules, &dismissed, &text].join("\u{1f}");
        let answer = tools::text_action("proofread", &args).await;
        if !shell.borrow().open {
            return;
        }
        match answer {
            Ok(answer) => {
                let mut parts = answer.splitn(3, '\u{1f}');
                let (key, count, html) = (parts.next().unwrap_or(""), parts.next(), parts.next().unwrap_or(""));
                shell.borrow_mut().key = key.to_owned();
                el.set_inner_html(html);
                show_count(lang, count);
            }
            Err(e) => el.set_text_content(Some(e.message())),
        }
    });
}

/// The summary's 校对 stat: the number of findings shown, added to the
/// summary's list by hand (the summary itself does not know the view), or
/// taken away.
fn show_count(lang: Lang, count: Option<&str>) {
    let Some(doc) = crate::browser::document() else { return };
    if let Ok(Some(old)) = doc.query_selector("[data-stat=proofread]") {
        old.remove();
    }
    if let (Some(n), Ok(Some(stats))) = (count, doc.query_selector(".summary .stats")) {
        let stat = format!("<div class=\"stat\" data-stat=\"proofread\"><dt>{}</dt><dd>{n}</dd></div>", t(lang, Msg::ProofreadHeading));
        let _ = stats.insert_adjacent_html("beforeend", &stat);
    }
}
