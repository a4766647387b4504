//! Component tests in headless Chromium (wasm-bindgen-test):
//!
//!   CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown -p bulletin-analyzer
//!
//! Each test mounts one component into a fresh <div> with hand-built model
//! values (so they test the view, not the parser) and reads the DOM.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use bulletin_analyzer::components::document::{Document, DocumentProps};
use bulletin_analyzer::components::figures_table::{FiguresTable, FiguresTableProps};
use bulletin_analyzer::components::item_view::{ItemView, ItemViewProps};
use bulletin_analyzer::components::warnings::{Warnings, WarningsProps};
use bulletin_analyzer::hooks::SharedBulletin;
use bulletin_analyzer::view::i18n::Lang;
use bulletin_parser::{Bulletin, Figure, FigureKind, Item, LineRange, Span, Warning};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn fresh_root() -> Element {
    let div = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&div).unwrap();
    div
}

/// Lets Yew's scheduler run the pending renders.
async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(20)).await;
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into())
        .collect()
}

fn text(el: &Element) -> String {
    el.text_content().unwrap_or_default()
}

/// A figure whose text is found in `body`, offsets in characters.
fn figure(body: &str, text: &str, value: f64, unit: Option<&str>, kind: FigureKind) -> Figure {
    let byte = body.find(text).expect("figure text in body");
    let start = body[..byte].chars().count();
    Figure {
        text: text.into(),
        value,
        value_max: None,
        unit: unit.map(|u| u.to_owned().into()),
        approx: None,
        kind,
        start,
        end: start + text.chars().count(),
        label: None,
        change: None,
        period: None,
        entity: None,
        corrected: false,
    }
}

fn item(
    section: &str,
    headline: &str,
    body: &str,
    source: &str,
    figures: &[(&str, f64, Option<&str>, FigureKind)],
) -> Item {
    Item {
        section: Some(section.into()),
        headline: headline.into(),
        body: body.into(),
        sources: vec![source.into()],
        authors: Vec::new(),
        figures: figures
            .iter()
            .map(|&(t, v, u, k)| figure(body, t, v, u, k))
            .collect(),
        emphasis: Vec::new(),
        lines: LineRange { first: 3, last: 3 },
        ..Item::default()
    }
}

fn bulletin() -> Bulletin {
    let mut water = item(
        "民生保障",
        "县水利局推进农村供水提质增效",
        "**东湖镇**新建供水站 3 座，改造管网 46.5 公里，受益群众 2.8 万人；总投资 1.26 亿元。",
        "县水利局",
        &[
            ("3 座", 3.0, Some("座"), FigureKind::Count),
            ("46.5 公里", 46.5, Some("公里"), FigureKind::Measure),
            ("2.8 万人", 28000.0, Some("人"), FigureKind::Count),
            ("1.26 亿元", 126000000.0, Some("元"), FigureKind::Money),
        ],
    );
    // Bold sub-unit at the start, as the parser reports it (markers removed).
    water.body = water.body.replace("**", "");
    water.figures = water
        .figures
        .iter()
        .map(|f| figure(&water.body, &f.text, f.value, f.unit.as_deref(), f.kind))
        .collect();
    water.emphasis = vec![Span { start: 0, end: 3 }];
    let trade = item(
        "产业发展",
        "县商务局促进消费回暖",
        "1—5 月社会消费品零售总额 52.3 亿元，同比增长 6.1%。",
        "县商务局",
        &[
            ("52.3 亿元", 5230000000.0, Some("元"), FigureKind::Money),
            ("6.1%", 6.1, Some("%"), FigureKind::Percent),
        ],
    );
    Bulletin {
        sections: vec!["民生保障".into(), "产业发展".into()],
        items: vec![water, trade],
        warnings: vec![Warning {
            lines: LineRange { first: 9, last: 10 },
            message: "无法归入条目".into(),
            text: "（此行孤立）".into(),
            code: bulletin_parser::WarningKind::OrphanSource,
        }],
        ..Bulletin::default()
    }
}

#[wasm_bindgen_test]
async fn an_item_is_an_article_with_a_heading_and_data_values() {
    let root = fresh_root();
    let props = ItemViewProps {
        lang: Lang::Zh,
        bulletin: SharedBulletin::from(bulletin()),
        index: 0,
    };
    yew::Renderer::<ItemView>::with_root_and_props(root.clone(), props).render();
    settle().await;

    let articles = all(&root, "article");
    assert_eq!(articles.len(), 1);
    let h3 = all(&articles[0], "h3");
    assert_eq!(h3.len(), 1);
    assert_eq!(text(&h3[0]), "县水利局推进农村供水提质增效");

    let values: Vec<(String, String)> = all(&articles[0], "data")
        .iter()
        .map(|d| (d.get_attribute("value").unwrap(), text(d)))
        .collect();
    assert_eq!(
        values,
        vec![
            ("3".to_string(), "3 座".to_string()),
            ("46.5".to_string(), "46.5 公里".to_string()),
            ("28000".to_string(), "2.8 万人".to_string()),
            ("126000000".to_string(), "1.26 亿元".to_string()),
        ]
    );
    // The body reads exactly as the model's body, tooltips aside.
    let body = articles[0].query_selector(".body").unwrap().unwrap();
    let bare: Element = body.clone_node_with_deep(true).unwrap().unchecked_into();
    for tip in all(&bare, ".fig-tip") {
        tip.remove();
    }
    assert_eq!(text(&bare), bulletin().items[0].body);

    // The bold sub-unit is bold. A figure's tooltip is built when it takes
    // the focus (or the pointer), describes it, and goes when it loses it.
    assert_eq!(
        all(&body, "strong").iter().map(text).collect::<Vec<_>>(),
        vec!["东湖镇"]
    );
    assert!(all(&body, ".fig-tip").is_empty(), "no tooltip before focus");
    let first = &all(&body, "data")[0];
    first.unchecked_ref::<HtmlElement>().focus().unwrap();
    settle().await;
    let tip_id = first
        .get_attribute("aria-describedby")
        .expect("described on focus");
    let tip = root
        .query_selector(&format!("#{tip_id}"))
        .unwrap()
        .expect("tooltip element");
    assert!(text(&tip).contains("数量"), "{}", text(&tip));
    first.unchecked_ref::<HtmlElement>().blur().unwrap();
    settle().await;
    assert!(all(&body, ".fig-tip").is_empty(), "tooltip gone after blur");
    assert_eq!(first.get_attribute("aria-describedby"), None);
    assert_eq!(first.get_attribute("tabindex").as_deref(), Some("0"));
    assert!(first.get_attribute("title").unwrap().contains("单位：座"));
    assert_eq!(text(&all(&articles[0], ".source")[0]), "县水利局");
}

fn rows(root: &Element) -> Vec<String> {
    all(root, "tbody tr td.c-text").iter().map(text).collect()
}

fn change_select(root: &Element, id: &str, option_text: &str) {
    let select: HtmlSelectElement = root
        .query_selector(&format!("#{id}"))
        .unwrap()
        .unwrap()
        .unchecked_into();
    let options = all(&select, "option");
    let index = options
        .iter()
        .position(|o| text(o) == option_text)
        .unwrap_or_else(|| panic!("no option {option_text} in #{id}"));
    select.set_selected_index(index as i32);
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn the_figures_table_filters_searches_and_sorts() {
    let root = fresh_root();
    let props = FiguresTableProps {
        lang: Lang::Zh,
        bulletin: SharedBulletin::from(bulletin()),
    };
    yew::Renderer::<FiguresTable>::with_root_and_props(root.clone(), props).render();
    settle().await;
    assert_eq!(rows(&root).len(), 6);

    change_select(&root, "filter-kind", "金额");
    settle().await;
    assert_eq!(rows(&root), vec!["1.26 亿元", "52.3 亿元"]);

    change_select(&root, "filter-section", "产业发展");
    settle().await;
    assert_eq!(rows(&root), vec!["52.3 亿元"]);

    change_select(&root, "filter-kind", "全部");
    change_select(&root, "filter-section", "全部");
    settle().await;
    assert_eq!(rows(&root).len(), 6);

    // Sorting by value: largest first, then flipped.
    let value_header: HtmlElement = root
        .query_selector("button[data-column='c-value']")
        .unwrap()
        .unwrap()
        .unchecked_into();
    value_header.click();
    settle().await;
    assert_eq!(rows(&root)[0], "52.3 亿元");
    let th = root.query_selector("th.c-value").unwrap().unwrap();
    assert_eq!(th.get_attribute("aria-sort").as_deref(), Some("descending"));
    value_header.click();
    settle().await;
    assert_eq!(rows(&root)[0], "3 座");

    // Search by text.
    let search: HtmlInputElement = root
        .query_selector("#filter-query")
        .unwrap()
        .unwrap()
        .unchecked_into();
    search.set_value("公里");
    search
        .dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
    settle().await;
    assert_eq!(rows(&root), vec!["46.5 公里"]);
    assert!(text(&root.query_selector(".table-count").unwrap().unwrap()).contains("显示 1 个"));
}

#[wasm_bindgen_test]
async fn warnings_render_and_point_at_their_lines() {
    let root = fresh_root();
    let picked = std::rc::Rc::new(std::cell::RefCell::new(None));
    let on_select = {
        let picked = picked.clone();
        Callback::from(move |lines: LineRange| *picked.borrow_mut() = Some(lines))
    };
    let props = WarningsProps {
        lang: Lang::En,
        bulletin: SharedBulletin::from(bulletin()),
        on_select,
    };
    yew::Renderer::<Warnings>::with_root_and_props(root.clone(), props).render();
    settle().await;

    let items = all(&root, "li.warning");
    assert_eq!(items.len(), 1);
    // The English page says the kind in English, and what the parser did;
    // the Chinese message of the JSON is not shown.
    assert!(text(&items[0]).contains("A source with no item to belong to"));
    assert!(text(&items[0]).contains("kept here as written"));
    assert!(!text(&items[0]).contains("无法归入条目"));
    assert!(text(&items[0]).contains("（此行孤立）"));
    let button: HtmlElement = items[0]
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(text(&button), "lines 9–10");
    button.click();
    settle().await;
    assert_eq!(*picked.borrow(), Some(LineRange { first: 9, last: 10 }));
}

#[wasm_bindgen_test]
async fn a_long_list_of_warnings_is_drawn_a_page_at_a_time() {
    use bulletin_analyzer::components::warnings::WARNINGS_PAGE;
    let root = fresh_root();
    let mut b = bulletin();
    let one = b.warnings[0].clone();
    b.warnings = (0..WARNINGS_PAGE + 7)
        .map(|i| Warning {
            lines: LineRange {
                first: i * 2,
                last: i * 2,
            },
            ..one.clone()
        })
        .collect();
    let props = WarningsProps {
        lang: Lang::Zh,
        bulletin: SharedBulletin::from(b),
        on_select: Callback::noop(),
    };
    yew::Renderer::<Warnings>::with_root_and_props(root.clone(), props).render();
    settle().await;
    assert_eq!(all(&root, "li.warning").len(), WARNINGS_PAGE);
    assert!(text(&root.query_selector(".count").unwrap().unwrap())
        .contains(&(WARNINGS_PAGE + 7).to_string()));
    let more: HtmlElement = root
        .query_selector("[data-more='warnings'] button")
        .unwrap()
        .expect("a 显示更多 button")
        .unchecked_into();
    assert!(text(&more).contains('7'), "{}", text(&more));
    more.click();
    settle().await;
    assert_eq!(all(&root, "li.warning").len(), WARNINGS_PAGE + 7);
    assert!(root
        .query_selector("[data-more='warnings']")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn the_language_switch_changes_the_labels_and_is_remembered() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    let root = fresh_root();
    let handle = yew::Renderer::<bulletin_analyzer::app::App>::with_root(root.clone()).render();
    settle().await;

    let h1 = || text(&root.query_selector("h1").unwrap().unwrap());
    assert_eq!(h1(), "政务快报分析");
    let switch: HtmlElement = root
        .query_selector(".lang-switch")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(text(&switch), "English");
    switch.click();
    settle().await;
    assert_eq!(h1(), "Bulletin Analyzer");
    assert_eq!(text(&switch), "中文");
    assert_eq!(
        storage
            .get_item("bulletin-analyzer.lang")
            .unwrap()
            .as_deref(),
        Some("en")
    );
    assert_eq!(
        document()
            .document_element()
            .unwrap()
            .get_attribute("lang")
            .as_deref(),
        Some("en")
    );

    // A second mount starts in the remembered language.
    handle.destroy();
    let again = fresh_root();
    yew::Renderer::<bulletin_analyzer::app::App>::with_root(again.clone()).render();
    settle().await;
    assert_eq!(
        text(&again.query_selector("h1").unwrap().unwrap()),
        "Bulletin Analyzer"
    );
    storage.clear().unwrap();
}

/// Mounts the App with the parser on the page's thread: these tests have
/// no build, so no tools module (where the page's parses run; the e2e tests
/// cover that path).
fn app_with_local_parser(root: &Element) -> yew::AppHandle<bulletin_analyzer::app::App> {
    bulletin_analyzer::offline::hook::parse_on_page_for_tests(Some(bulletin_parser::parse));
    yew::Renderer::<bulletin_analyzer::app::App>::with_root(root.clone()).render()
}

/// Waits (up to 2 s) until `selector` matches in `root`.
async fn wait_for(root: &Element, selector: &str) -> Option<Element> {
    for _ in 0..100 {
        if let Some(el) = root.query_selector(selector).unwrap() {
            return Some(el);
        }
        settle().await;
    }
    None
}

#[wasm_bindgen_test]
async fn the_sample_button_fills_the_text_and_shows_items() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    let root = fresh_root();
    let handle = app_with_local_parser(&root);
    settle().await;
    assert!(all(&root, "article").is_empty());
    assert_eq!(all(&root, ".empty-state").len(), 1);

    let sample: HtmlElement = all(&root, ".empty-state button")[0]
        .clone()
        .unchecked_into();
    sample.click();
    settle().await;
    let textarea: web_sys::HtmlTextAreaElement = root
        .query_selector("textarea")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(textarea.value(), bulletin_analyzer::SAMPLE);
    assert!(
        wait_for(&root, "article").await.is_some(),
        "the sample shows items"
    );
    // The render time ends once the frame showing it has been painted.
    let results = root.query_selector("#results").unwrap().unwrap();
    let dom_ms: f64 = results
        .get_attribute("data-dom-ms")
        .expect("DOM update timed")
        .parse()
        .unwrap();
    let mut painted = None;
    for _ in 0..100 {
        painted = results.get_attribute("data-render-ms");
        if painted.is_some() {
            break;
        }
        settle().await;
    }
    let ms: f64 = painted.expect("paint timed").parse().unwrap();
    assert!(ms >= dom_ms && dom_ms >= 0.0, "painted {ms}, DOM {dom_ms}");
    // The draft is saved for the next visit.
    assert_eq!(
        storage
            .get_item("bulletin-analyzer.draft")
            .unwrap()
            .as_deref(),
        Some(bulletin_analyzer::SAMPLE)
    );
    handle.destroy();
    bulletin_analyzer::offline::hook::parse_on_page_for_tests(None);
    storage.clear().unwrap();
}

#[wasm_bindgen_test]
async fn without_the_tools_module_the_page_says_the_parser_did_not_load() {
    // No build here, so no tools module: the parse cannot run, and the page
    // must say so rather than show an empty analysis as if it were one.
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    bulletin_analyzer::offline::hook::parse_on_page_for_tests(None);
    let root = fresh_root();
    let handle = yew::Renderer::<bulletin_analyzer::app::App>::with_root(root.clone()).render();
    settle().await;
    assert!(
        root.query_selector(".parse-failed").unwrap().is_none(),
        "an empty page asks for no parse"
    );
    let sample: HtmlElement = all(&root, ".empty-state button")[0]
        .clone()
        .unchecked_into();
    sample.click();
    let alert = wait_for(&root, ".parse-failed[role=alert]")
        .await
        .expect("the failed load is shown");
    assert!(
        text(&alert).contains("解析工具未能加载"),
        "{}",
        text(&alert)
    );
    assert!(all(&root, "article").is_empty());
    // The text is kept, and the retry button asks again (and fails again).
    let textarea: web_sys::HtmlTextAreaElement = root
        .query_selector("textarea")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(textarea.value(), bulletin_analyzer::SAMPLE);
    let retry: HtmlElement = alert
        .query_selector("button")
        .unwrap()
        .expect("a retry button")
        .unchecked_into();
    retry.click();
    settle().await;
    assert!(wait_for(&root, ".parse-failed").await.is_some());
    handle.destroy();
    storage.clear().unwrap();
}

/// A bulletin of `n` copies of the two sample items, in sections of ten.
fn long_bulletin(n: usize) -> Bulletin {
    let b = bulletin();
    let items = (0..n)
        .map(|i| {
            let mut item = b.items[i % 2].clone();
            item.section = Some(format!("栏目{}", i / 10).into());
            item.headline = format!("{}（{i}）", item.headline);
            item
        })
        .collect();
    Bulletin { items, ..b }
}

#[wasm_bindgen_test]
async fn a_large_bulletin_is_drawn_a_batch_at_a_time() {
    let root = fresh_root();
    let props = DocumentProps {
        lang: Lang::Zh,
        bulletin: SharedBulletin::from(long_bulletin(400)),
    };
    yew::Renderer::<Document>::with_root_and_props(root.clone(), props).render();
    settle().await;
    let first = all(&root, "article").len();
    assert!(
        first > 0 && first < 100,
        "one batch first, not all 400 ({first})"
    );
    let more = root
        .query_selector("[data-more=\"items\"] button")
        .unwrap()
        .expect("a 显示更多 button");
    assert!(text(&more).contains("显示更多"), "{}", text(&more));
    more.unchecked_into::<HtmlElement>().click();
    settle().await;
    let second = all(&root, "article").len();
    assert!(
        second > first,
        "the button draws the next batch ({first} → {second})"
    );
    // Items stay in order, with their figures.
    let heads: Vec<String> = all(&root, "article h3").iter().map(text).collect();
    assert!(
        heads[second - 1].ends_with(&format!("（{}）", second - 1)),
        "{:?}",
        heads.last()
    );
    assert_eq!(all(&all(&root, "article")[0], "data").len(), 4);
}

#[wasm_bindgen_test]
async fn a_small_bulletin_is_drawn_whole() {
    let root = fresh_root();
    let props = DocumentProps {
        lang: Lang::Zh,
        bulletin: SharedBulletin::from(long_bulletin(150)),
    };
    yew::Renderer::<Document>::with_root_and_props(root.clone(), props).render();
    settle().await;
    assert_eq!(all(&root, "article").len(), 150);
    assert!(root.query_selector("[data-more]").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_table_longer_than_a_page_is_paged_and_sorted_across_pages() {
    // 60 items, 180 figures: drawn whole as a document, but its table is
    // longer than a page.
    let root = fresh_root();
    let b = long_bulletin(60);
    let figures: usize = b.items.iter().map(|i| i.figures.len()).sum();
    let page = bulletin_analyzer::view::progressive::TABLE_PAGE;
    assert!(figures > page, "{figures} figures");
    let props = FiguresTableProps {
        lang: Lang::Zh,
        bulletin: SharedBulletin::from(b),
    };
    yew::Renderer::<FiguresTable>::with_root_and_props(root.clone(), props).render();
    settle().await;
    assert_eq!(rows(&root).len(), page);
    let range = || {
        text(
            &root
                .query_selector(".table-range")
                .unwrap()
                .expect("a pager"),
        )
    };
    assert_eq!(range(), format!("显示 1–{page} / {figures}"));

    // Sorting is over every row, not the page: the largest value (52.3 亿元
    // is in every other item) leads, and the smallest ends the last page.
    let value_header: HtmlElement = root
        .query_selector("button[data-column='c-value']")
        .unwrap()
        .unwrap()
        .unchecked_into();
    value_header.click();
    settle().await;
    assert_eq!(rows(&root)[0], "52.3 亿元");
    let next: HtmlElement = root
        .query_selector(".pager button[data-page='next']")
        .unwrap()
        .unwrap()
        .unchecked_into();
    next.click();
    settle().await;
    assert_eq!(range(), format!("显示 {}–{figures} / {figures}", page + 1));
    assert_eq!(rows(&root).len(), figures - page);
    assert_eq!(rows(&root).last().map(String::as_str), Some("3 座"));
}
