//! 校对 (Proofread): the findings of the parser's proofreading pass, by
//! kind. The pass and its regular expressions run in the on-demand tools
//! module (`offline::tools::proofread`); this view only lists what comes
//! back. Each finding selects its place in the textarea and marks it in the
//! structured view; each can be dismissed, remembered for that text in
//! localStorage (keyed by a hash of the text). The house rules are edited
//! here (TSV) and exported.

use std::collections::BTreeSet;
use std::rc::Rc;

use js_sys::{Array, Reflect};
use js_sys::Function;
use wasm_bindgen::JsCast;
use web_sys::{HtmlTextAreaElement, Node};
use yew::prelude::*;

use crate::browser::{download, storage};
use crate::hooks::SharedBulletin;
use crate::offline::tools;
use crate::view::i18n::{dismissed_count, t, Lang, Msg};
use crate::view::outline::item_anchor;
use crate::view::proofread::{by_kind, decode, item_of, text_key, utf16_span, Found};

/// Storage keys (under the page's prefix).
const RULES: &str = "proofread.rules";
const DISMISSED: &str = "proofread.dismissed.";

#[derive(Properties, PartialEq)]
pub struct ProofreadProps {
    pub lang: Lang,
    /// The text the bulletin was parsed from.
    pub text: AttrValue,
    pub bulletin: SharedBulletin,
    pub textarea: NodeRef,
    /// The number of findings not dismissed, once the pass has run.
    pub on_count: Callback<Option<usize>>,
}

#[derive(Clone, PartialEq)]
enum Outcome {
    Busy,
    Done(Rc<Vec<Found>>),
    Failed(String),
}

#[component]
pub fn Proofread(props: &ProofreadProps) -> Html {
    let lang = props.lang;
    let open = use_state(|| false);
    // The outcome with the text and rules it is for.
    let outcome = use_state(|| None::<(AttrValue, Option<String>, Outcome)>);
    let rules = use_state(|| storage::get(RULES));
    let key = use_memo(props.text.clone(), |text| text_key(text));
    let dismissed = use_state(BTreeSet::<String>::new);
    // Dismissals of this text, read when the text changes.
    {
        let dismissed = dismissed.clone();
        use_effect_with(key.clone(), move |key| {
            let stored = storage::get(&format!("{DISMISSED}{key}")).unwrap_or_default();
            dismissed.set(stored.lines().map(str::to_owned).collect());
        });
    }
    // Run the pass when the view is open and the text or rules change.
    {
        let outcome = outcome.clone();
        let current = (props.text.clone(), (*rules).clone());
        let stale = !matches!(&*outcome, Some((t, r, _)) if *t == current.0 && *r == current.1);
        use_effect_with((*open, current, stale), move |(open, (text, rules), stale)| {
            if *open && *stale {
                let (text, rules) = (text.clone(), rules.clone());
                outcome.set(Some((text.clone(), rules.clone(), Outcome::Busy)));
                wasm_bindgen_futures::spawn_local(async move {
                    let result = tools::proofread(&text, rules.as_deref().unwrap_or(""), rules.is_none()).await;
                    let done = match result {
                        Ok(records) => Outcome::Done(Rc::new(decode(&records))),
                        Err(e) => Outcome::Failed(e.message().to_owned()),
                    };
                    outcome.set(Some((text, rules, done)));
                });
            }
        });
    }
    let found: Option<Rc<Vec<Found>>> = match &*outcome {
        Some((text, _, Outcome::Done(f))) if *text == props.text => Some(f.clone()),
        _ => None,
    };
    let visible = found.as_ref().map(|f| f.iter().filter(|f| !dismissed.contains(&f.key())).count());
    {
        let on_count = props.on_count.clone();
        use_effect_with(visible, move |v| on_count.emit(*v));
    }

    let on_toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let dismiss = {
        let (dismissed, key) = (dismissed.clone(), key.clone());
        move |k: Option<String>| {
            let mut set = (*dismissed).clone();
            match k {
                Some(k) => {
                    set.insert(k);
                }
                None => set.clear(),
            }
            let joined = set.iter().cloned().collect::<Vec<_>>().join("\n");
            storage::set(&format!("{DISMISSED}{key}"), &joined);
            dismissed.set(set);
        }
    };
    let on_restore = {
        let dismiss = dismiss.clone();
        Callback::from(move |_: MouseEvent| dismiss(None))
    };

    let editor = use_node_ref();
    let on_apply = {
        let (editor, rules) = (editor.clone(), rules.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(area) = editor.cast::<HtmlTextAreaElement>() {
                let value = area.value();
                storage::set(RULES, &value);
                rules.set(Some(value));
            }
        })
    };
    let on_reset = {
        let rules = rules.clone();
        Callback::from(move |_: MouseEvent| {
            storage::set(RULES, "");
            if let Some(s) = crate::browser::window().and_then(|w| w.local_storage().ok().flatten()) {
                let _ = s.remove_item(&format!("bulletin-analyzer.{RULES}"));
            }
            rules.set(None);
        })
    };
    let on_export = {
        let editor = editor.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(area) = editor.cast::<HtmlTextAreaElement>() {
                let _ = download::save(area.value().as_bytes(), "text/tab-separated-values;charset=utf-8", "house-rules.tsv");
            }
        })
    };
    // The editor shows the user's list, or the starter list (fetched from
    // the tools module when the editor is first opened).
    let starter = use_state(|| None::<String>);
    let on_rules_open = {
        let starter = starter.clone();
        Callback::from(move |_: Event| {
            if starter.is_none() {
                let starter = starter.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(tsv) = tools::starter_rules().await {
                        starter.set(Some(tsv));
                    }
                });
            }
        })
    };
    let rules_text = (*rules).clone().or_else(|| (*starter).clone()).unwrap_or_default();

    let li = |f: &Found| {
        let (f2, textarea, bulletin, text) = (f.clone(), props.textarea.clone(), props.bulletin.clone(), props.text.clone());
        let on_jump = Callback::from(move |_: MouseEvent| jump(&f2, &textarea, &bulletin, &text));
        let dismiss = dismiss.clone();
        let k = f.key();
        let on_dismiss = Callback::from(move |_: MouseEvent| dismiss(Some(k.clone())));
        html! {
            <li class="finding" data-kind={f.code.clone()} data-start={f.start.to_string()} data-end={f.end.to_string()}>
                <button type="button" class="link-button jump" onclick={on_jump}>
                    { format!("{}:{}", f.line, f.column) }
                </button>
                <q class="finding-text">{ &f.text }</q>
                <span class="message">{ &f.message[(lang == Lang::En) as usize] }</span>
                <button type="button" class="dismiss" onclick={on_dismiss}>{ t(lang, Msg::ProofreadDismiss) }</button>
            </li>
        }
    };
    let count_badge = visible.map(|n| html! { <span class="count">{ n }</span> });
    let hidden = found.as_ref().map_or(0, |f| f.iter().filter(|f| dismissed.contains(&f.key())).count());
    html! {
        <section class="proofread" aria-labelledby="proofread-h">
            <h2 id="proofread-h">{ t(lang, Msg::ProofreadHeading) }{ for count_badge }</h2>
            <button type="button" class="proofread-toggle" aria-expanded={(*open).to_string()} onclick={on_toggle}>
                { t(lang, if *open { Msg::ProofreadClose } else { Msg::ProofreadRun }) }
            </button>
            if *open {
                {
                    match (&*outcome, &found) {
                        (_, Some(found)) => {
                            let groups = by_kind(found, |f| !dismissed.contains(&f.key()));
                            html! {
                                <>
                                if groups.is_empty() {
                                    <p class="proofread-none">{ t(lang, Msg::ProofreadNone) }</p>
                                }
                                { for groups.into_iter().map(|(first, list)| html! {
                                    <div class="finding-group" data-kind={first.code.clone()}>
                                        <h3>{ &first.title[(lang == Lang::En) as usize] }<span class="count">{ list.len() }</span></h3>
                                        <ul>{ for list.into_iter().map(li) }</ul>
                                    </div>
                                }) }
                                if hidden > 0 {
                                    <p class="proofread-hidden">{ dismissed_count(lang, hidden) }
                                        <button type="button" class="link-button restore" onclick={on_restore}>{ t(lang, Msg::ProofreadRestore) }</button></p>
                                }
                                </>
                            }
                        }
                        (Some((_, _, Outcome::Failed(m))), _) => html! {
                            <p class="proofread-failed" role="alert">{ t(lang, Msg::ProofreadFailed) }{ m }</p>
                        },
                        _ => html! { <p class="proofread-busy" aria-live="polite">{ t(lang, Msg::ProofreadBusy) }</p> },
                    }
                }
                <details class="house-rules" ontoggle={on_rules_open}>
                    <summary>{ t(lang, Msg::HouseRules) }</summary>
                    <p class="hint">{ t(lang, Msg::HouseRulesHint) }</p>
                    <textarea ref={editor} rows="8" spellcheck="false" value={rules_text} aria-label={t(lang, Msg::HouseRules)} />
                    <div class="rule-actions">
                        <button type="button" class="apply" onclick={on_apply}>{ t(lang, Msg::HouseRulesApply) }</button>
                        <button type="button" class="export" onclick={on_export}>{ t(lang, Msg::HouseRulesExport) }</button>
                        <button type="button" class="reset" onclick={on_reset}>{ t(lang, Msg::HouseRulesReset) }</button>
                    </div>
                </details>
            }
        </section>
    }
}

/// Selects the finding in the textarea and marks it in the structured view:
/// its item scrolled into view and outlined, the text itself highlighted
/// (CSS Custom Highlight API, where the browser has it).
fn jump(f: &Found, textarea: &NodeRef, bulletin: &SharedBulletin, text: &str) {
    if let Some(area) = textarea.cast::<HtmlTextAreaElement>() {
        if area.value().len() == text.len() {
            let (a, b) = utf16_span(&area.value(), f.start, f.end);
            let _ = area.focus();
            let _ = area.set_selection_range(a, b);
        }
    }
    let Some(doc) = crate::browser::document() else { return };
    if let Ok(old) = doc.query_selector_all(".proof-target") {
        for i in 0..old.length() {
            if let Some(el) = old.get(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
                let _ = el.class_list().remove_1("proof-target");
            }
        }
    }
    let target = match item_of(bulletin, f.line) {
        Some(i) => doc.get_element_by_id(&item_anchor(i)),
        // Above the first item: the masthead; below: the footer.
        None if bulletin.items.first().is_some_and(|i| f.line < i.lines.first) => doc.query_selector(".masthead").ok().flatten(),
        None => doc.query_selector(".bulletin-footer").ok().flatten(),
    };
    let Some(el) = target else { return };
    let _ = el.class_list().add_1("proof-target");
    el.scroll_into_view();
    highlight(&el, text, f);
}

/// Highlights the first occurrence of `needle` in `root`'s text with the
/// CSS Custom Highlight API (`::highlight(proofread)`); silently nothing
/// where the browser lacks it or the text is split across elements.
fn highlight(root: &web_sys::Element, text: &str, f: &Found) {
    let Some(window) = crate::browser::window() else { return };
    let Ok(css) = Reflect::get(&window, &"CSS".into()) else { return };
    let Ok(registry) = Reflect::get(&css, &"highlights".into()) else { return };
    let Ok(ctor) = Reflect::get(&window, &"Highlight".into()) else { return };
    if registry.is_undefined() || !ctor.is_function() {
        return;
    }
    if let Ok(clear) = Reflect::get(&registry, &"clear".into()) {
        let _ = clear.unchecked_ref::<Function>().call0(&registry);
    }
    // The finding with some of its own line around it, narrowed until it is
    // found: the structured view drops markdown and joins lines, and a bare
    // character would match the wrong place.
    let chars: Vec<char> = text.chars().collect();
    let same_line = |c: &char| *c != '\n';
    let before: String = {
        let b: Vec<char> = chars[..f.start.min(chars.len())].iter().rev().take(8).take_while(|c| same_line(c)).copied().collect();
        b.into_iter().rev().collect()
    };
    let after: String = chars[f.end.min(chars.len())..].iter().take(8).take_while(|c| same_line(c)).collect();
    let tries = [(8, 8), (4, 4), (4, 0), (0, 4), (2, 2)];
    let found = tries.iter().find_map(|&(b, a)| {
        let pre: String = before.chars().rev().take(b).collect::<Vec<_>>().into_iter().rev().collect();
        let post: String = after.chars().take(a).collect();
        let pattern = format!("{pre}{}{post}", f.text);
        find_text(root, &pattern).map(|(node, at)| (node, at + pre.encode_utf16().count() as u32))
    });
    let Some((node, offset)) = found else { return };
    let Some(doc) = crate::browser::document() else { return };
    let Ok(range) = doc.create_range() else { return };
    let len: u32 = f.text.encode_utf16().count() as u32;
    if range.set_start(&node, offset).is_err() || range.set_end(&node, offset + len).is_err() {
        return;
    }
    let Ok(h) = Reflect::construct(ctor.unchecked_ref::<Function>(), &Array::of1(&range)) else { return };
    if let Ok(set) = Reflect::get(&registry, &"set".into()) {
        let _ = set.unchecked_ref::<Function>().call2(&registry, &"proofread".into(), &h);
    }
}

/// The text node under `root` holding `needle`, and the UTF-16 offset.
fn find_text(root: &Node, needle: &str) -> Option<(Node, u32)> {
    let mut child = root.first_child();
    while let Some(node) = child {
        if node.node_type() == Node::TEXT_NODE {
            let data = node.text_content().unwrap_or_default();
            if let Some(byte) = data.find(needle) {
                return Some((node, data[..byte].encode_utf16().count() as u32));
            }
        } else if let Some(found) = find_text(&node, needle) {
            return Some(found);
        }
        child = node.next_sibling();
    }
    None
}
