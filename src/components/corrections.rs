//! Corrections by hand, in the page: the bar above the document (how many
//! corrections, undo, redo, how many items to check and a filter to show
//! only those) and each item's editor (headline, source, section; merge
//! with the next; split at the selection; a figure marked wrong or added
//! from selected text). The corrections themselves are `view::corrections`;
//! the App keeps them with their history and hands them down in a
//! [`CorrectionsContext`], so `Document` needs no new props.

use bulletin_parser::corrections::{Correction, FigureRef, ItemRef};
use bulletin_parser::DoubtReason;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, Node};
use yew::prelude::*;

use crate::hooks::SharedBulletin;
use crate::offline::tools;
use crate::view::i18n::Lang;

/// What items need to correct themselves (whether an item was corrected,
/// and why the parser doubts it, are on the item: `corrected`, `check`).
#[derive(Clone, PartialEq)]
pub struct CorrectionsContext {
    pub on_correct: Callback<Correction>,
    /// The item whose editor is open (one at a time), by index: a
    /// correction made there keeps it at the same index.
    pub editing: Option<usize>,
    pub on_edit: Callback<Option<usize>>,
    /// Per item, the figures in its headline (marked like the body's).
    pub headline_figures: crate::hooks::HeadFigures,
    /// Figures marked wrong (their item's first line, the figure), shown
    /// struck through.
    pub removed: std::rc::Rc<Vec<(usize, FigureRef)>>,
}

/// Why an item should be checked, in the page's language.
pub fn doubt_text(lang: Lang, reason: DoubtReason) -> &'static str {
    if lang != Lang::En {
        return reason.message_zh();
    }
    match reason {
        DoubtReason::NoHeadline => "no break between headline and body was found",
        DoubtReason::HeadlineWeakRule => "the headline's end was found by a weak rule only",
        DoubtReason::HeadlineLong => {
            "the headline is long or ends a sentence: body text may be in it"
        }
        DoubtReason::NoBody => "a headline and no body",
        DoubtReason::NoSource => "most items name a source; this one does not",
        DoubtReason::SourceUnrecognised => "the source does not look like a unit's name",
        DoubtReason::SectionUncertain => "the section is uncertain",
        DoubtReason::SourceInsideBody => "a source inside the body: two items may be one",
        DoubtReason::HeadlineOdd => "the headline does not read as one",
        DoubtReason::Other => "something else looks doubtful",
    }
}

/// One phrase in the page's two languages (these are the corrections'
/// own; the shared message table stays as it is).
pub fn tr(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    if lang == Lang::En {
        en
    } else {
        zh
    }
}

#[derive(Properties, PartialEq)]
pub struct CorrectionsBarProps {
    pub lang: Lang,
    pub made: usize,
    pub can_undo: bool,
    pub can_redo: bool,
    pub on_undo: Callback<()>,
    pub on_redo: Callback<()>,
    /// Items to check, and whether only those are shown.
    pub doubtful: usize,
    pub only_doubtful: bool,
    /// False while the corrections just made are being applied.
    pub settled: bool,
    pub on_only_doubtful: Callback<bool>,
}

#[component]
pub fn CorrectionsBar(props: &CorrectionsBarProps) -> Html {
    let lang = props.lang;
    let on_undo = props.on_undo.reform(|_: MouseEvent| ());
    let on_redo = props.on_redo.reform(|_: MouseEvent| ());
    let on_only = props
        .on_only_doubtful
        .reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().checked());
    html! {
        <div class="corrections-bar" role="group" aria-label={tr(lang, "更正", "Corrections")}
            data-settled={props.settled.to_string()}>
            <span class="corrections-count" data-count={props.made.to_string()}>
                { if lang == Lang::En { format!("{} corrections", props.made) } else { format!("已更正 {} 处", props.made) } }
            </span>
            <button type="button" class="undo" onclick={on_undo} disabled={!props.can_undo}
                title={tr(lang, "撤销上一处更正（Ctrl+Z）", "Undo the last correction (Ctrl+Z)")}
                aria-keyshortcuts="Control+Z">
                { tr(lang, "撤销", "Undo") }</button>
            <button type="button" class="redo" onclick={on_redo} disabled={!props.can_redo}
                title={tr(lang, "重做（Ctrl+Shift+Z 或 Ctrl+Y）", "Redo (Ctrl+Shift+Z or Ctrl+Y)")}
                aria-keyshortcuts="Control+Shift+Z Control+Y">
                { tr(lang, "重做", "Redo") }</button>
            <span class="doubt-count" data-count={props.doubtful.to_string()}>
                { if lang == Lang::En { format!("{} to check", props.doubtful) } else { format!("{} 条需要核对", props.doubtful) } }
            </span>
            if props.doubtful > 0 || props.only_doubtful {
                <label class="only-doubtful">
                    <input type="checkbox" checked={props.only_doubtful} onchange={on_only} />
                    { tr(lang, "只看需要核对的", "Show only these") }
                </label>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ItemEditorProps {
    pub lang: Lang,
    pub bulletin: SharedBulletin,
    pub index: usize,
    pub on_correct: Callback<Correction>,
}

/// The units every item of the bulletin names, for the source picker.
fn units(b: &bulletin_parser::Bulletin) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in b.items.iter().flat_map(|i| i.sources.iter()) {
        if !out.iter().any(|u| u == s.as_str()) {
            out.push(s.to_string());
        }
    }
    out
}

#[component]
pub fn ItemEditor(props: &ItemEditorProps) -> Html {
    let lang = props.lang;
    let i = props.index;
    let status = use_state(|| None::<&'static str>);
    let headline = use_node_ref();
    let source = use_node_ref();
    let section = use_node_ref();
    let Some(item) = props.bulletin.items.get(i) else {
        return Html::default();
    };
    // The item as the corrections name it (first line and headline).
    let at = ItemRef::of(item);
    let value_of = |r: &NodeRef| {
        r.cast::<HtmlInputElement>()
            .map(|e| e.value())
            .unwrap_or_default()
    };
    let emit = {
        let on_correct = props.on_correct.clone();
        let status = status.clone();
        move |c: Correction| {
            status.set(None);
            on_correct.emit(c);
        }
    };
    let on_headline = {
        let at = at.clone();
        let (emit, r) = (emit.clone(), headline.clone());
        Callback::from(move |_: MouseEvent| {
            emit(Correction::SetHeadline {
                item: at.clone(),
                headline: value_of(&r),
            })
        })
    };
    let on_source = {
        let at = at.clone();
        let (emit, r) = (emit.clone(), source.clone());
        Callback::from(move |_: MouseEvent| {
            let sources = value_of(&r)
                .split(['、', ',', '，', ';', '；'])
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            emit(Correction::SetSources {
                item: at.clone(),
                sources,
            })
        })
    };
    let on_section = {
        let at = at.clone();
        let (emit, r) = (emit.clone(), section.clone());
        Callback::from(move |_: MouseEvent| {
            let name = value_of(&r).trim().to_string();
            emit(Correction::SetSection {
                item: at.clone(),
                section: (!name.is_empty()).then_some(name),
            })
        })
    };
    let last = i + 1 >= props.bulletin.items.len();
    let on_merge = {
        let emit = emit.clone();
        let at = at.clone();
        Callback::from(move |_: MouseEvent| emit(Correction::MergeNext { item: at.clone() }))
    };
    // Buttons that read the selection keep it: a mouse press on them does
    // not move the selection away.
    let keep_selection = Callback::from(|e: MouseEvent| e.prevent_default());
    let on_split = {
        let (emit, status, at) = (emit.clone(), status.clone(), at.clone());
        let body = item.body.clone();
        Callback::from(move |_: MouseEvent| match body_selection(i) {
            // The new item starts where the selection starts; the parser's
            // headline rule finds its headline there.
            Some((start, _)) if start > 0 && start < body.chars().count() => {
                emit(Correction::Split {
                    item: at.clone(),
                    at: start,
                    after: body.chars().skip(start).take(24).collect(),
                })
            }
            _ => status.set(Some(tr(
                lang,
                "请先在本条正文中点在（或选中）下一条开始的地方",
                "First place the caret (or select) where the next item starts in this body",
            ))),
        })
    };
    let on_add_figure = {
        let (emit, status, at) = (emit.clone(), status.clone(), at.clone());
        let body = item.body.clone();
        Callback::from(move |_: MouseEvent| {
            let picked = body_selection(i).filter(|(a, b)| b > a);
            let Some((start, end)) = picked else {
                status.set(Some(tr(
                    lang,
                    "请先在本条正文中选中一个数字",
                    "First select a figure in this item's body",
                )));
                return;
            };
            let text: String = body.chars().skip(start).take(end - start).collect();
            let (emit, status, at) = (emit.clone(), status.clone(), at.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match tools::text_action("figures", &text)
                    .await
                    .ok()
                    .as_deref()
                    .and_then(read_figure)
                {
                    // The parser reads the figure there again when it applies.
                    Some(f) => emit(Correction::AddFigure {
                        item: at,
                        start: start + f.start,
                        end: start + f.end,
                        text: text.chars().skip(f.start).take(f.end - f.start).collect(),
                        value: None,
                        unit: None,
                        kind: None,
                    }),
                    None => status.set(Some(tr(
                        lang,
                        "选中的文字里读不出数字",
                        "No figure could be read in the selected text",
                    ))),
                }
            });
        })
    };
    let list_id = format!("units-{i}");
    let sections_id = format!("sections-{i}");
    html! {
        <div class="item-editor" data-item={i.to_string()}>
            <div class="edit-row">
                <label>{ tr(lang, "标题", "Headline") }
                    <input ref={headline} class="edit-headline" value={item.headline.clone()} /></label>
                <button type="button" class="save-headline" onclick={on_headline}>{ tr(lang, "改标题", "Set headline") }</button>
            </div>
            <div class="edit-row">
                <label>{ tr(lang, "报送单位", "Source") }
                    <input ref={source} class="edit-source" list={list_id.clone()}
                        value={item.sources.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("、")} /></label>
                <datalist id={list_id}>
                    { for units(&props.bulletin).into_iter().map(|u| html! { <option value={u} /> }) }
                </datalist>
                <button type="button" class="save-source" onclick={on_source}>{ tr(lang, "改来源", "Set source") }</button>
            </div>
            <div class="edit-row">
                <label>{ tr(lang, "栏目", "Section") }
                    <input ref={section} class="edit-section" list={sections_id.clone()}
                        value={item.section.as_deref().unwrap_or_default().to_string()} /></label>
                <datalist id={sections_id}>
                    { for props.bulletin.sections.iter().map(|s| html! { <option value={s.clone()} /> }) }
                </datalist>
                <button type="button" class="save-section" onclick={on_section}>{ tr(lang, "改栏目", "Set section") }</button>
            </div>
            <div class="edit-row">
                <button type="button" class="merge-next" onclick={on_merge} disabled={last}>{ tr(lang, "与下一条合并", "Merge with next") }</button>
                <button type="button" class="split-here" onmousedown={keep_selection.clone()} onclick={on_split}>
                    { tr(lang, "在选中处拆分", "Split at selection") }</button>
                <button type="button" class="add-figure" onmousedown={keep_selection} onclick={on_add_figure}>
                    { tr(lang, "选中文字加为数字", "Add selected figure") }</button>
            </div>
            if !item.figures.is_empty() {
                <ul class="edit-figures" aria-label={tr(lang, "本条数字", "This item's figures")}>
                    { for item.figures.iter().map(|f| {
                        let emit = emit.clone();
                        let start = f.start;
                        let (item, figure) = (at.clone(), FigureRef::of(f));
                        let onclick = Callback::from(move |_: MouseEvent| emit(Correction::RemoveFigure {
                            item: item.clone(),
                            figure: figure.clone(),
                        }));
                        html! {
                            <li><span>{ f.text.as_str() }</span>
                                <button type="button" class="figure-wrong" data-start={start.to_string()} {onclick}
                                    title={tr(lang, "这不是数字，或读错了：去掉", "Not a figure, or read wrong: remove")}>
                                    { tr(lang, "标为错误", "Mark wrong") }</button></li>
                        }
                    }) }
                </ul>
            }
            if let Some(s) = *status {
                <p class="edit-status" role="status">{ s }</p>
            }
        </div>
    }
}

/// Where the tools module read a figure in a selection (offsets into it).
struct Read {
    start: usize,
    end: usize,
}

/// The tools' answer to `figures`: `value \t value_max \t unit \t kind \t
/// start \t end` of the first figure, or nothing.
fn read_figure(line: &str) -> Option<Read> {
    let f: Vec<&str> = line.split('\t').collect();
    f.first().filter(|v| !v.is_empty())?;
    Some(Read {
        start: f.get(4)?.parse().ok()?,
        end: f.get(5)?.parse().ok()?,
    })
}

/// The selection in item `i`'s body as character offsets of its body
/// (start, end), if it lies there. Tooltip text beside the figures is not
/// the body's and is not counted.
fn body_selection(i: usize) -> Option<(usize, usize)> {
    let window = crate::browser::window()?;
    let sel = window.get_selection().ok()??;
    let doc = crate::browser::document()?;
    let body = doc
        .query_selector(&format!("#{} .body", crate::view::outline::item_anchor(i)))
        .ok()??;
    let a = position(&body, &sel.anchor_node()?, sel.anchor_offset())?;
    let b = position(&body, &sel.focus_node()?, sel.focus_offset())?;
    Some((a.min(b), a.max(b)))
}

/// The text nodes under `root` that are body text, in order.
fn text_nodes(root: &Node, out: &mut Vec<Node>) {
    let mut child = root.first_child();
    while let Some(node) = child {
        if node.node_type() == Node::TEXT_NODE {
            out.push(node.clone());
        } else if !node
            .dyn_ref::<Element>()
            .is_some_and(|e| e.class_list().contains("fig-tip"))
        {
            text_nodes(&node, out);
        }
        child = node.next_sibling();
    }
}

/// The character offset in `root`'s body text of the boundary point
/// (`node`, `offset`), if it is inside `root`.
fn position(root: &Element, node: &Node, offset: u32) -> Option<usize> {
    let root_node: &Node = root.as_ref();
    if !root_node.contains(Some(node)) {
        return None;
    }
    let mut texts = Vec::new();
    text_nodes(root_node, &mut texts);
    let mut count = 0;
    // For a boundary between children: the first child after it.
    let boundary = (node.node_type() != Node::TEXT_NODE)
        .then(|| node.child_nodes().item(offset))
        .flatten();
    for t in texts {
        let content = t.text_content().unwrap_or_default();
        if node.is_same_node(Some(&t)) {
            let units: Vec<u16> = content.encode_utf16().take(offset as usize).collect();
            return Some(count + String::from_utf16_lossy(&units).chars().count());
        }
        if node.node_type() != Node::TEXT_NODE {
            let after = match &boundary {
                Some(b) => {
                    b.contains(Some(&t))
                        || b.compare_document_position(&t) & Node::DOCUMENT_POSITION_FOLLOWING != 0
                }
                None => {
                    !node.contains(Some(&t))
                        && node.compare_document_position(&t) & Node::DOCUMENT_POSITION_FOLLOWING
                            != 0
                }
            };
            if after {
                return Some(count);
            }
        }
        count += content.chars().count();
    }
    Some(count)
}
