//! Every figure in one table: filter by kind, unit, section and source,
//! search, sort by any column (headers are buttons, so keyboard works).
//! The rules live in `view::table`; this only renders them.

use std::cell::Cell;
use std::ops::Range;
use std::rc::Rc;

use bulletin_parser::Bulletin;
use gloo_timers::callback::Timeout;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::hooks::SharedBulletin;
use crate::view::i18n::{kind_name, showing_range, shown_of, t, Lang, Msg};
use crate::view::numfmt::{grouped, plain_decimal, span};
use crate::view::outline::{figure_anchor, item_anchor};
use crate::view::progressive::{is_large, TABLE_PAGE};
use crate::view::table::{
    options, order, pick, push_rows, search_text, Column, FigureRow, Filter, Options, Sort,
};

/// A select with more choices than this is left out (thousands of
/// sections): the search box finds them as well.
const MAX_CHOICES: usize = 300;
/// Quiet time after the last keystroke before a large table is searched.
const SEARCH_PAUSE_MS: u32 = 200;

#[derive(Properties, PartialEq)]
pub struct FiguresTableProps {
    pub lang: Lang,
    pub bulletin: SharedBulletin,
}

/// Provided by the page to hear the table's filter in effect whenever it
/// changes (the exports follow it). A context, not a prop: the table's
/// props stay as they were.
#[derive(Clone, PartialEq)]
pub struct FilterSink(pub Callback<Filter>);

/// Which select changed.
#[derive(Clone, Copy)]
enum Facet {
    Kind,
    Unit,
    Section,
    Source,
}

/// The rows of a bulletin and what is computed from them once.
#[derive(Default)]
struct Table {
    rows: Vec<FigureRow>,
    search: Vec<String>,
    opts: Options,
}

impl Table {
    fn build(b: &Bulletin, items: Range<usize>) -> Table {
        let mut t = Table::default();
        t.extend(b, items);
        t.opts = options(&t.rows);
        t
    }

    fn extend(&mut self, b: &Bulletin, items: Range<usize>) {
        let from = self.rows.len();
        push_rows(b, items, &mut self.rows);
        self.search
            .extend(self.rows[from..].iter().map(search_text));
    }
}

/// Items whose rows are built in one step of a large table: well within a frame.
const PREPARE_ITEMS: usize = 1_500;

/// Builds a large bulletin's table a part per task (a timer between parts,
/// the first before any: the document's first screen is drawn first), so
/// the page stays responsive meanwhile, then hands it to `done` (unless
/// `cancelled`: a newer bulletin came).
fn prepare(
    b: SharedBulletin,
    cancelled: Rc<Cell<bool>>,
    done: UseStateHandle<Option<(SharedBulletin, Rc<Table>)>>,
) {
    step(b, 0, Table::default(), cancelled, done);
}

fn step(
    b: SharedBulletin,
    next: usize,
    mut table: Table,
    cancelled: Rc<Cell<bool>>,
    done: UseStateHandle<Option<(SharedBulletin, Rc<Table>)>>,
) {
    // Not kept to be cancelled: `cancelled` ends the chain at its next step.
    Timeout::new(1, move || {
        if cancelled.get() {
            return;
        }
        if next < b.items.len() {
            let end = (next + PREPARE_ITEMS).min(b.items.len());
            table.extend(&b, next..end);
            step(b, end, table, cancelled, done);
        } else {
            table.opts = options(&table.rows);
            done.set(Some((b, Rc::new(table))));
        }
    })
    .forget();
}

fn figure_count(b: &Bulletin) -> usize {
    b.items.iter().map(|i| i.figures.len()).sum()
}

#[component]
pub fn FiguresTable(props: &FiguresTableProps) -> Html {
    let lang = props.lang;
    let large = is_large(props.bulletin.items.len(), figure_count(&props.bulletin));
    // A normal table is built at once; a large one between frames (see `prepare`).
    let built = use_memo(props.bulletin.clone(), move |b| {
        (!large).then(|| Rc::new(Table::build(b, 0..b.items.len())))
    });
    let prepared = use_state(|| None::<(SharedBulletin, Rc<Table>)>);
    {
        let prepared = prepared.clone();
        use_effect_with(props.bulletin.clone(), move |b| {
            let cancelled = Rc::new(Cell::new(false));
            if large {
                prepare(b.clone(), cancelled.clone(), prepared);
            }
            move || cancelled.set(true)
        });
    }
    let ready = match (&*built, &*prepared) {
        (Some(t), _) => Some(t.clone()),
        (None, Some((b, t))) if *b == props.bulletin => Some(t.clone()),
        _ => None,
    };
    let table = ready.clone().unwrap_or_default();
    let all = &table.rows;
    let opts = &table.opts;
    let filter = use_state(Filter::default);
    // The filter as last drawn, for the debounced search to build on (its
    // handle would hold the filter of the keystroke's time).
    let latest = use_mut_ref(Filter::default);
    *latest.borrow_mut() = (*filter).clone();
    let sort = use_state(Sort::default);
    let search_timer = use_mut_ref(|| None::<Timeout>);

    // A choice the new text no longer offers (the user kept typing) is
    // treated as "all", as the select then shows.
    let effective = effective_filter(&filter, opts);
    {
        let sink = use_context::<FilterSink>();
        use_effect_with(effective.clone(), move |f| {
            if let Some(FilterSink(cb)) = sink {
                cb.emit(f.clone());
            }
        });
    }
    // One sort per sort order; filtering keeps that order.
    let ordered = {
        let table = table.clone();
        use_memo(
            (props.bulletin.clone(), ready.is_some(), *sort),
            move |(_, _, sort)| order(&table.rows, *sort),
        )
    };
    let shown = {
        let (table, ordered) = (table.clone(), ordered.clone());
        use_memo(
            (
                props.bulletin.clone(),
                ready.is_some(),
                *sort,
                effective.clone(),
            ),
            move |(_, _, _, f)| pick(&table.rows, &table.search, &ordered, f),
        )
    };
    // Which rows are drawn: all of them when they fit a page, else a page
    // (pages, not a growing list: a table's layout costs with every row it
    // holds), back to the first page when the view changes.
    // (The sort and filter handlers go back to the first page.)
    let page = use_state(|| None::<(SharedBulletin, Range<usize>)>);
    let first = match &*page {
        Some((b, r)) if *b == props.bulletin => r.start.min(shown.len()),
        _ => 0,
    };
    let drawn = first..(first + TABLE_PAGE).min(shown.len());
    let turn = |to: usize| {
        let (page, b) = (page.clone(), props.bulletin.clone());
        Callback::from(move |_: MouseEvent| page.set(Some((b.clone(), to..to))))
    };
    let paged = drawn.len() < shown.len();
    let pager = paged.then(|| html! {
        <div class="pager">
            { page_button("prev", drawn.start == 0, t(lang, Msg::PreviousPage), turn(drawn.start.saturating_sub(TABLE_PAGE))) }
            <span class="table-range">{ showing_range(lang, drawn.start + 1, drawn.end, shown.len()) }</span>
            { page_button("next", drawn.end >= shown.len(), t(lang, Msg::NextPage), turn(drawn.end)) }
        </div>
    });

    let on_facet = |facet: Facet| {
        let filter = filter.clone();
        let page = page.clone();
        let table = table.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let pick: Option<usize> = select.value().parse().ok();
            let opts = &table.opts;
            let mut f = (*filter).clone();
            match facet {
                Facet::Kind => f.kind = pick.and_then(|i| opts.kinds.get(i).copied()),
                Facet::Unit => f.unit = pick.and_then(|i| opts.units.get(i).cloned()),
                Facet::Section => f.section = pick.and_then(|i| opts.sections.get(i).cloned()),
                Facet::Source => f.source = pick.and_then(|i| opts.sources.get(i).cloned()),
            }
            filter.set(f);
            page.set(None);
        })
    };
    // A large table is searched once typing pauses, not on every keystroke.
    let on_search = {
        let (filter, latest, page) = (filter.clone(), latest.clone(), page.clone());
        let search_timer = search_timer.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let query = input.value();
            let (filter, latest, page) = (filter.clone(), latest.clone(), page.clone());
            let apply = move || {
                filter.set(Filter {
                    query,
                    ..latest.borrow().clone()
                });
                page.set(None);
            };
            let mut timer = search_timer.borrow_mut();
            timer.take(); // dropping a Timeout cancels it
            if large {
                *timer = Some(Timeout::new(SEARCH_PAUSE_MS, apply));
            } else {
                apply();
            }
        })
    };

    let select = |facet: Facet,
                  id: &'static str,
                  label: Msg,
                  names: Vec<String>,
                  current: Option<usize>| {
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
    let kind_names = opts
        .kinds
        .iter()
        .map(|k| kind_name(lang, *k).to_string())
        .collect();
    let unit_names = opts
        .units
        .iter()
        .map(|u| {
            u.clone()
                .unwrap_or_else(|| t(lang, Msg::NoUnit).to_string())
        })
        .collect();

    let header = |column: Column, label: Msg, class: &'static str| {
        let active = sort.column == column;
        let aria_sort = match (active, sort.descending) {
            (false, _) => None,
            (true, false) => Some("ascending"),
            (true, true) => Some("descending"),
        };
        let onclick = {
            let (sort, page) = (sort.clone(), page.clone());
            Callback::from(move |_| {
                sort.set(sort.clicked(column));
                page.set(None);
            })
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

    let body = shown[drawn.clone()].iter().map(|&i| {
        let r = &all[i];
        html! {
            <tr data-item={r.item.to_string()} data-kind={r.kind.as_str()}>
                <td class="c-order"><a href={format!("#{}", item_anchor(r.item))}>{ r.item + 1 }</a></td>
                <td class="c-text"><a href={format!("#{}", figure_anchor(r.item, r.figure))}>{ r.text.as_str() }</a></td>
                <td class="c-value num"><data value={plain_decimal(r.value)}>{ span(r.value, r.value_max, grouped) }</data></td>
                { cell("c-unit", r.unit.as_deref()) }
                <td class="c-kind"><span class={classes!("kind-chip", format!("fig-{}", r.kind.as_str()))}>{ kind_name(lang, r.kind) }</span></td>
                { cell("c-label", r.label.as_deref()) }
                { cell("c-period", r.period.as_deref()) }
                { cell("c-entity", r.entity.as_deref()) }
                { cell("c-source", Some(&r.sources.join("、"))) }
                { cell("c-section", r.section.as_deref()) }
                { cell("c-headline", Some(&r.headline)) }
            </tr>
        }
    });

    // A large table being built (a moment) shows nothing yet, as an empty one.
    if all.is_empty() {
        return Html::default();
    }
    html! {
        <section class="figures" aria-labelledby="figures-h">
            <h2 id="figures-h">{ t(lang, Msg::FiguresHeading) }</h2>
            <div class="filters" role="search">
                { select(Facet::Kind, "filter-kind", Msg::FilterKind, kind_names, position(&opts.kinds, &effective.kind)) }
                { select(Facet::Unit, "filter-unit", Msg::FilterUnit, unit_names, position(&opts.units, &effective.unit)) }
                if !opts.sections.is_empty() && opts.sections.len() <= MAX_CHOICES {
                    { select(Facet::Section, "filter-section", Msg::FilterSection, opts.sections.clone(), position(&opts.sections, &effective.section)) }
                }
                if opts.sources.len() <= MAX_CHOICES {
                    { select(Facet::Source, "filter-source", Msg::FilterSource, opts.sources.clone(), position(&opts.sources, &effective.source)) }
                }
                <label class="filter search" for="filter-query">
                    <span>{ t(lang, Msg::Search) }</span>
                    <input id="filter-query" type="search"
                        placeholder={t(lang, Msg::SearchPlaceholder)} oninput={on_search} />
                </label>
            </div>
            <p class="table-count" aria-live="polite">{ shown_of(lang, shown.len(), all.len()) }</p>
            { pager.clone().unwrap_or_default() }
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="figures-h">
                <table class="figures-table">
                    <thead><tr>
                        { for COLUMNS.iter().map(|&(column, label, class)| header(column, label, class)) }
                    </tr></thead>
                    <tbody>{ for body }</tbody>
                </table>
            </div>
            { pager.unwrap_or_default() }
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

#[inline(never)]
fn page_button(
    which: &'static str,
    disabled: bool,
    label: &'static str,
    onclick: Callback<MouseEvent>,
) -> Html {
    html! { <button type="button" data-page={which} {disabled} {onclick}>{ label }</button> }
}

/// A plain text cell (one function for all of them keeps the wasm small).
#[inline(never)]
fn cell(class: &'static str, text: Option<&str>) -> Html {
    html! { <td class={class}>{ text.unwrap_or_default() }</td> }
}

fn position<T: PartialEq>(list: &[T], chosen: &Option<T>) -> Option<usize> {
    chosen
        .as_ref()
        .and_then(|c| list.iter().position(|x| x == c))
}

fn effective_filter(filter: &Filter, opts: &Options) -> Filter {
    let mut f = filter.clone();
    if f.kind.is_some_and(|k| !opts.kinds.contains(&k)) {
        f.kind = None;
    }
    if f.unit.as_ref().is_some_and(|u| !opts.units.contains(u)) {
        f.unit = None;
    }
    if f.section
        .as_ref()
        .is_some_and(|s| !opts.sections.contains(s))
    {
        f.section = None;
    }
    if f.source.as_ref().is_some_and(|s| !opts.sources.contains(s)) {
        f.source = None;
    }
    f
}
