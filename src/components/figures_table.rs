//! Every figure in one table: filter by kind, unit, section and source,
//! search, sort by any column (headers are buttons, so keyboard works).
//! The rules live in `view::table`; this only renders them.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::hooks::SharedBulletin;
use crate::view::i18n::{kind_name, shown_of, t, Lang, Msg};
use crate::view::numfmt::{grouped, plain_decimal};
use crate::view::outline::{figure_anchor, item_anchor};
use crate::view::table::{options, rows, view, Column, Filter, Options, Sort};

#[derive(Properties, PartialEq)]
pub struct FiguresTableProps {
    pub lang: Lang,
    pub bulletin: SharedBulletin,
}

/// Which select changed.
#[derive(Clone, Copy)]
enum Facet {
    Kind,
    Unit,
    Section,
    Source,
}

#[component]
pub fn FiguresTable(props: &FiguresTableProps) -> Html {
    let lang = props.lang;
    let all = use_memo(props.bulletin.clone(), |b| Rc::new(rows(b)));
    let opts = use_memo(all.clone(), |r| options(r));
    let filter = use_state(Filter::default);
    let sort = use_state(Sort::default);

    // A choice the new text no longer offers (the user kept typing) is
    // treated as "all", as the select then shows.
    let effective = effective_filter(&filter, &opts);
    let shown = view(&all, &effective, *sort);

    let on_facet = |facet: Facet| {
        let filter = filter.clone();
        let opts = opts.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let pick: Option<usize> = select.value().parse().ok();
            let mut f = (*filter).clone();
            match facet {
                Facet::Kind => f.kind = pick.and_then(|i| opts.kinds.get(i).copied()),
                Facet::Unit => f.unit = pick.and_then(|i| opts.units.get(i).cloned()),
                Facet::Section => f.section = pick.and_then(|i| opts.sections.get(i).cloned()),
                Facet::Source => f.source = pick.and_then(|i| opts.sources.get(i).cloned()),
            }
            filter.set(f);
        })
    };
    let on_search = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            filter.set(Filter { query: input.value(), ..(*filter).clone() });
        })
    };

    let select = |facet: Facet, id: &'static str, label: Msg, names: Vec<String>, current: Option<usize>| {
        html! {
            <label class="filter" for={id}>
                <span>{ t(lang, label) }</span>
                <select id={id} onchange={on_facet(facet)}>
                    <option value="" selected={current.is_none()}>{ t(lang, Msg::FilterAll) }</option>
                    { for names.into_iter().enumerate().map(|(i, name)| html! {
                        <option value={i.to_string()} selected={current == Some(i)}>{ name }</option>
                    }) }
                </select>
            </label>
        }
    };
    let kind_names = opts.kinds.iter().map(|k| kind_name(lang, *k).to_string()).collect();
    let unit_names = opts
        .units
        .iter()
        .map(|u| u.clone().unwrap_or_else(|| t(lang, Msg::NoUnit).to_string()))
        .collect();

    let header = |column: Column, label: Msg, class: &'static str| {
        let active = sort.column == column;
        let aria_sort = match (active, sort.descending) {
            (false, _) => None,
            (true, false) => Some("ascending"),
            (true, true) => Some("descending"),
        };
        let onclick = {
            let sort = sort.clone();
            Callback::from(move |_| sort.set(sort.clicked(column)))
        };
        let arrow = match aria_sort {
            Some("ascending") => "▲",
            Some(_) => "▼",
            None => "↕",
        };
        html! {
            <th scope="col" class={class} aria-sort={aria_sort}>
                <button type="button" class="sort" onclick={onclick}
                    data-column={class}>
                    { t(lang, label) }<span class="arrow" aria-hidden="true">{ arrow }</span>
                </button>
            </th>
        }
    };

    let body = shown.iter().map(|&i| {
        let r = &all[i];
        html! {
            <tr data-item={r.item.to_string()} data-kind={r.kind.as_str()}>
                <td class="c-order"><a href={format!("#{}", item_anchor(r.item))}>{ r.item + 1 }</a></td>
                <td class="c-text"><a href={format!("#{}", figure_anchor(r.item, r.figure))}>{ &r.text }</a></td>
                <td class="c-value num"><data value={plain_decimal(r.value)}>{ grouped(r.value) }</data></td>
                { cell("c-unit", r.unit.clone()) }
                <td class="c-kind"><span class={classes!("kind-chip", format!("fig-{}", r.kind.as_str()))}>{ kind_name(lang, r.kind) }</span></td>
                { cell("c-label", r.label.clone()) }
                { cell("c-period", r.period.clone()) }
                { cell("c-entity", r.entity.clone()) }
                { cell("c-source", Some(r.sources.join("、"))) }
                { cell("c-section", r.section.clone()) }
                { cell("c-headline", Some(r.headline.clone())) }
            </tr>
        }
    });

    if all.is_empty() {
        return Html::default();
    }
    html! {
        <section class="figures" aria-labelledby="figures-h">
            <h2 id="figures-h">{ t(lang, Msg::FiguresHeading) }</h2>
            <div class="filters" role="search">
                { select(Facet::Kind, "filter-kind", Msg::FilterKind, kind_names, position(&opts.kinds, &effective.kind)) }
                { select(Facet::Unit, "filter-unit", Msg::FilterUnit, unit_names, position(&opts.units, &effective.unit)) }
                if !opts.sections.is_empty() {
                    { select(Facet::Section, "filter-section", Msg::FilterSection, opts.sections.clone(), position(&opts.sections, &effective.section)) }
                }
                { select(Facet::Source, "filter-source", Msg::FilterSource, opts.sources.clone(), position(&opts.sources, &effective.source)) }
                <label class="filter search" for="filter-query">
                    <span>{ t(lang, Msg::Search) }</span>
                    <input id="filter-query" type="search" value={filter.query.clone()}
                        placeholder={t(lang, Msg::SearchPlaceholder)} oninput={on_search} />
                </label>
            </div>
            <p class="table-count" aria-live="polite">{ shown_of(lang, shown.len(), all.len()) }</p>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="figures-h">
                <table class="figures-table">
                    <thead><tr>
                        { for COLUMNS.iter().map(|&(column, label, class)| header(column, label, class)) }
                    </tr></thead>
                    <tbody>{ for body }</tbody>
                </table>
            </div>
            if shown.is_empty() {
                <p class="no-match">{ t(lang, Msg::NoFiguresMatch) }</p>
            }
        </section>
    }
}

/// The columns in display order: sort key, header label, cell class.
const COLUMNS: [(Column, Msg, &str); 11] = [
    (Column::Order, Msg::ColItem, "c-order"),
    (Column::Text, Msg::ColText, "c-text"),
    (Column::Value, Msg::ColValue, "c-value"),
    (Column::Unit, Msg::ColUnit, "c-unit"),
    (Column::Kind, Msg::ColKind, "c-kind"),
    (Column::Label, Msg::ColLabel, "c-label"),
    (Column::Period, Msg::ColPeriod, "c-period"),
    (Column::Entity, Msg::ColEntity, "c-entity"),
    (Column::Source, Msg::ColSource, "c-source"),
    (Column::Section, Msg::ColSection, "c-section"),
    (Column::Headline, Msg::ColHeadline, "c-headline"),
];

/// A plain text cell (one function for all of them keeps the wasm small).
#[inline(never)]
fn cell(class: &'static str, text: Option<String>) -> Html {
    html! { <td class={class}>{ text.unwrap_or_default() }</td> }
}

fn position<T: PartialEq>(list: &[T], chosen: &Option<T>) -> Option<usize> {
    chosen.as_ref().and_then(|c| list.iter().position(|x| x == c))
}

fn effective_filter(filter: &Filter, opts: &Options) -> Filter {
    let mut f = filter.clone();
    if f.kind.is_some_and(|k| !opts.kinds.contains(&k)) {
        f.kind = None;
    }
    if f.unit.as_ref().is_some_and(|u| !opts.units.contains(u)) {
        f.unit = None;
    }
    if f.section.as_ref().is_some_and(|s| !opts.sections.contains(s)) {
        f.section = None;
    }
    if f.source.as_ref().is_some_and(|s| !opts.sources.contains(s)) {
        f.source = None;
    }
    f
}
