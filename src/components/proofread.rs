//! 校对 (Proofread). The pass, and the drawing of its findings list, run in
//! the on-demand tools module (`tools/src/proofread.rs`); this
//! shell only puts its HTML in place and answers its buttons: jump (the
//! place selected in the textarea; the link takes the structured view to
//! its item, which `:target` outlines), dismiss (remembered per text in
//! localStorage: `text-key<TAB>finding-key` lines, the text key a hash of
//! the text), restore, apply and reset the house rules (their export is a
//! download link in the HTML). It adds the count to the summary as a 校对
//! stat. Kept this thin — a hook of the App, no state that re-renders —
//! because every byte here is in the first-load wasm.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlTextAreaElement};
use yew::prelude::*;

use crate::browser::storage;
use crate::offline::tools;
use crate::view::i18n::{t, Lang, Msg};

/// Storage keys (under the page's prefix).
const RULES: &str = "proofread.rules";
const DISMISSED: &str = "proofread.dismissed";

/// What the shell keeps between renders, without re-rendering.
#[derive(Default)]
struct Shell {
    open: bool,
    /// The text last proofread.
    text: AttrValue,
}

/// The 校对 section. `text`: the text the bulletin was parsed from.
#[hook]
pub fn use_proofread(lang: Lang, text: AttrValue, textarea: NodeRef) -> Html {
    let list = use_node_ref();
    let shell = use_mut_ref(Shell::default);
    // A new text while open: proofread again (no effect hook needed: the
    // App renders on every new text).
    if shell.borrow().open && shell.borrow().text != text {
        run(&list, &shell, &text, lang);
    }
    let onclick = {
        let (shell, list) = (shell.clone(), list.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(button) = e
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|t| t.closest("[data-act]").ok().flatten())
            else {
                return;
            };
            let attr = |name: &str| button.get_attribute(name).unwrap_or_default();
            match attr("data-act").as_str() {
                "toggle" => {
                    let now = !shell.borrow().open;
                    shell.borrow_mut().open = now;
                    // Set by hand, not by a re-render (the list is the tools
                    // module's HTML); the stylesheet hides the list when closed.
                    let _ =
                        button.set_attribute("aria-expanded", if now { "true" } else { "false" });
                    if !now {
                        show_count("");
                        return;
                    }
                }
                "jump" => {
                    // The link takes the structured view to the item; the
                    // textarea shows the exact place (UTF-16 offsets).
                    if let Some(area) = textarea.cast::<HtmlTextAreaElement>() {
                        if area.value().len() == text.len() {
                            let from = attr("data-from").parse().unwrap_or(0);
                            let to = attr("data-to").parse().unwrap_or(0);
                            let _ = area.focus();
                            let _ = area.set_selection_range(from, to);
                            crate::browser::highlight::reselect_later(area, from, to);
                        }
                    }
                    // …and the structured view marks its exact characters.
                    crate::browser::highlight::mark(
                        &attr("data-root"),
                        &attr("data-ctx"),
                        &attr("data-text"),
                    );
                    return;
                }
                "dismiss" => storage::set(
                    DISMISSED,
                    &(storage::get(DISMISSED).unwrap_or_default() + &attr("data-key") + "\n"),
                ),
                // Restores this text's dismissals (and forgets other texts').
                "restore" => storage::set(DISMISSED, ""),
                "reset" => storage::set(RULES, ""),
                _ => {
                    let area = list
                        .cast::<Element>()
                        .and_then(|l| l.query_selector(".house-rules textarea").ok().flatten());
                    let Some(area) = area.and_then(|a| a.dyn_into::<HtmlTextAreaElement>().ok())
                    else {
                        return;
                    };
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
            <div class="proofread-list" ref={list} aria-live="polite"></div>
        </section>
    }
}

/// Proofreads the text in the tools module and puts the list in place.
fn run(list: &NodeRef, shell: &Rc<RefCell<Shell>>, text: &AttrValue, lang: Lang) {
    let Some(el) = list.cast::<Element>() else {
        return;
    };
    shell.borrow_mut().text = text.clone();
    let rules_open = el
        .query_selector(".house-rules[open]")
        .ok()
        .flatten()
        .is_some();
    let rules = storage::get(RULES).unwrap_or_default();
    let dismissed = storage::get(DISMISSED).unwrap_or_default();
    let args = [
        lang.code(),
        if rules_open { "1" } else { "0" },
        &rules,
        &dismissed,
        text,
    ]
    .join("\u{1f}");
    let shell = shell.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let answer = tools::text_action("proofread", &args).await;
        if !shell.borrow().open {
            return;
        }
        match answer {
            Ok(answer) => {
                let (stat, html) = answer.split_once('\u{1f}').unwrap_or_default();
                el.set_inner_html(html);
                show_count(stat);
            }
            Err(e) => el.set_text_content(Some(e.message())),
        }
    });
}

/// Puts the summary's 校对 stat (HTML from the tools module; empty: none)
/// at the end of the summary's list, by hand: the summary does not know the
/// view, and its list never changes length, so the stat stays last.
fn show_count(stat: &str) {
    let Some(doc) = crate::browser::document() else {
        return;
    };
    if let Ok(Some(old)) = doc.query_selector("[data-stat=proofread]") {
        old.remove();
    }
    if let Ok(Some(stats)) = doc.query_selector(".summary .stats") {
        let _ = stats.insert_adjacent_html("beforeend", stat);
    }
}
