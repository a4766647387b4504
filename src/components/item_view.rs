//! One item: `<article>` with its headline as `<h3>`, its reporting units and
//! its body, every figure marked up in place and bold sub-units kept bold.

use yew::prelude::*;

use bulletin_parser::DoubtReason;

use crate::components::corrections::{doubt_text, tr, CorrectionsContext, ItemEditor};
use crate::components::figure_mark::FigureMark;
use crate::hooks::SharedBulletin;
use crate::view::i18n::{t, Lang, Msg};
use crate::view::outline::item_anchor;
use crate::view::segments::{segment, Run};

#[derive(Properties, PartialEq)]
pub struct ItemViewProps {
    pub lang: Lang,
    pub bulletin: SharedBulletin,
    /// Index into `bulletin.items`.
    pub index: usize,
}

#[component]
pub fn ItemView(props: &ItemViewProps) -> Html {
    let lang = props.lang;
    // Corrections and doubts (absent in tests that mount the item alone).
    let fixes = use_context::<CorrectionsContext>();
    let index = props.index;
    let editing = fixes.as_ref().is_some_and(|c| c.editing == Some(index));
    let toggle = {
        let on_edit = fixes.as_ref().map(|c| c.on_edit.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(cb) = &on_edit {
                cb.emit((!editing).then_some(index));
            }
        })
    };
    let Some(item) = props.bulletin.items.get(props.index) else {
        return Html::default();
    };
    let corrected = item.corrected;
    let headline = marked_headline(
        &item.headline,
        fixes
            .as_ref()
            .and_then(|c| c.headline_figures.get(props.index))
            .map_or(&[], Vec::as_slice),
    );
    let doubts: &[DoubtReason] = item.check.as_ref().map_or(&[], |d| &d.reasons);
    let anchor = item_anchor(props.index);
    let heading_id = format!("{anchor}-h");
    // Figures marked wrong, still in the body's text: struck through,
    // after the item's own figures (a span that no longer holds the
    // figure's text is left alone).
    let mut figures = item.figures.clone();
    let own = figures.len();
    if let Some(c) = &fixes {
        for (_, f) in c
            .removed
            .iter()
            .filter(|(line, _)| *line == item.lines.first)
        {
            if item
                .body
                .chars()
                .skip(f.start)
                .take(f.end - f.start)
                .eq(f.text.chars())
            {
                figures.push(bulletin_parser::Figure {
                    text: f.text.as_str().into(),
                    value: 0.0,
                    value_max: None,
                    unit: None,
                    approx: None,
                    kind: bulletin_parser::FigureKind::Count,
                    start: f.start,
                    end: f.end,
                    label: None,
                    change: None,
                    period: None,
                    entity: None,
                    corrected: true,
                });
            }
        }
    }
    let runs = segment(&item.body, &figures, &item.emphasis);
    let body = runs.into_iter().map(|run| match run {
        Run::Text { text, bold: true } => html! { <strong class="entity">{ text }</strong> },
        Run::Text { text, bold: false } => html! { { text } },
        Run::Figure { index, text, .. } if index >= own => html! {
            <del class="fig-removed" title={tr(lang, "已标为错误的数字（撤销可恢复）", "Marked wrong (undo brings it back)")}>{ text }</del>
        },
        Run::Figure { index, text, bold } => html! {
            <FigureMark lang={lang} figure={item.figures[index].clone()} text={text}
                item={props.index} index={index} bold={bold} />
        },
    });
    let sources = if item.sources.is_empty() {
        html! { <span class="source none">{ t(lang, Msg::NoSources) }</span> }
    } else {
        item.sources
            .iter()
            .map(|s| html! { <span class="source">{ s.as_str() }</span> })
            .collect::<Html>()
    };
    html! {
        <article class={classes!("item", corrected.then_some("corrected"), (!doubts.is_empty()).then_some("doubtful"))}
            id={anchor} aria-labelledby={heading_id.clone()}
            data-lines={format!("{}-{}", item.lines.first, item.lines.last)}>
            if !doubts.is_empty() {
                <p class="doubt" role="note"><strong>{ tr(lang, "需要核对", "Check this") }</strong>{ "：" }
                    { doubts.iter().map(|d| doubt_text(lang, *d)).collect::<Vec<_>>().join(if lang == Lang::En { "; " } else { "；" }) }</p>
            }
            if item.headline.trim().is_empty() {
                <h3 id={heading_id} class="untitled">{ t(lang, Msg::Untitled) }</h3>
            } else {
                <h3 id={heading_id}>{ headline }</h3>
            }
            <p class="sources"><span class="sources-label">{ t(lang, Msg::Sources) }</span>{ sources }
                if !item.authors.is_empty() {
                    <span class="authors">{ format!("{} {}", t(lang, Msg::Authors), item.authors.join("、")) }</span>
                }
            </p>
            <p class="body">{ for body }</p>
            if let Some(fixes) = &fixes {
                <p class="item-tools">
                    if corrected {
                        <span class="corrected-mark">{ tr(lang, "已更正", "Corrected") }</span>
                    }
                    <button type="button" class="edit-item" aria-expanded={editing.to_string()} onclick={toggle}>
                        { if editing { tr(lang, "收起更正", "Close") } else { tr(lang, "更正", "Correct") } }</button>
                </p>
                if editing {
                    <ItemEditor lang={lang} bulletin={props.bulletin.clone()} index={props.index}
                        on_correct={fixes.on_correct.clone()} />
                }
            }
        </article>
    }
}

/// The headline with its figures marked (`<data class="fig …">`), or plain.
fn marked_headline(headline: &str, figures: &[crate::hooks::HeadFigure]) -> Html {
    if figures.is_empty() {
        return html! { { headline.to_string() } };
    }
    let chars: Vec<char> = headline.chars().collect();
    let mut out = Vec::new();
    let mut at = 0;
    for f in figures {
        if f.start < at || f.end > chars.len() || f.start >= f.end {
            continue;
        }
        out.push(html! { { chars[at..f.start].iter().collect::<String>() } });
        out.push(html! {
            <data class={classes!("fig", "in-headline", format!("fig-{}", f.kind))} value={f.value.clone()}>
                { chars[f.start..f.end].iter().collect::<String>() }
            </data>
        });
        at = f.end;
    }
    out.push(html! { { chars[at..].iter().collect::<String>() } });
    out.into_iter().collect::<Html>()
}
