//! The page. App holds what is shared — the open entries, which one is
//! shown, the draft being typed, the language — and passes the rest down:
//! text → `use_bulletin` → model → components.

use std::rc::Rc;

use bulletin_parser::LineRange;
use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, File, HtmlTextAreaElement};
use yew::prelude::*;

use crate::browser::{files, perf, storage};
use crate::components::document::Document;
use crate::components::entry_tabs::{EntryTabs, Tab};
use crate::components::export_bar::ExportBar;
use crate::components::figures_table::FiguresTable;
use crate::components::input_panel::InputPanel;
use crate::components::lang_switch::LangSwitch;
use crate::components::masthead::Masthead;
use crate::components::proofread::use_proofread;
use crate::components::section_nav::SectionNav;
use crate::components::summary::Summary;
use crate::components::warnings::Warnings;
use crate::hooks::use_bulletin;
use crate::offline::tools;
use crate::view::big_text::{excerpt, is_big, megabytes, EXCERPT_BYTES, MAX_SAVED_DRAFT_BYTES};
use crate::view::i18n::{big_text_note, localized, render_time, t, Lang, Msg};
use crate::view::lines::utf16_range;
use crate::view::workspace::{EntryId, Opened, Workspace};
use crate::SAMPLE;

/// Quiet time after the last keystroke before the text is analysed again.
const TYPING_PAUSE_MS: u32 = 200;

/// How the workspace changes.
pub enum Action {
    SetPaste(String),
    Add(Vec<Opened>),
    Activate(EntryId),
    Close(EntryId),
    DismissErrors,
}

#[derive(Clone, PartialEq)]
pub struct State(pub Workspace);

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut ws = self.0.clone();
        match action {
            Action::SetPaste(text) => {
                ws.set_paste_text(&text);
                ws.show_paste();
            }
            Action::Add(batch) => {
                ws.add(batch);
            }
            Action::Activate(id) => ws.activate(id),
            Action::Close(id) => ws.close(id),
            Action::DismissErrors => ws.dismiss_errors(),
        }
        Rc::new(State(ws))
    }
}

#[component]
pub fn App() -> Html {
    let lang = use_state(|| {
        storage::get(storage::LANG)
            .and_then(|c| Lang::from_code(&c))
            .unwrap_or_default()
    });
    let draft = use_state(|| AttrValue::from(storage::get(storage::DRAFT).unwrap_or_default()));
    let workspace = use_reducer({
        // Read on the first render only (not copied on every render).
        let initial = (*draft).clone();
        move || State(Workspace::new(&initial))
    });
    let typing_timer = use_mut_ref(|| None::<Timeout>);
    let render_clock = use_mut_ref(perf::RenderClock::started_now);
    let dragging = use_state(|| false);
    let textarea = use_node_ref();
    let results = use_node_ref();
    let render_ms = use_state(|| None::<f64>);

    let ws = &workspace.0;
    let active = ws.active_entry().clone();
    let bulletin = use_bulletin(active.text.clone());
    let proofread = use_proofread(*lang, AttrValue::from(active.text.rc()), textarea.clone());

    // Paste-to-screen time: from the moment new text is handed to the
    // analysis until the frame showing the result has been painted (the
    // DOM update alone is recorded too, as `data-dom-ms`).
    {
        let render_clock = render_clock.clone();
        let results = results.clone();
        let render_ms = render_ms.clone();
        // Keyed on the entry too: switching to a file with the same text
        // (one bulletin in two encodings) is still a new render.
        use_effect_with((bulletin.clone(), workspace.0.active), move |_| {
            let started = render_clock.borrow_mut().take();
            if let Some((t0, generation)) = started {
                let dom_ms = perf::now() - t0;
                if let Some(el) = results.cast::<web_sys::Element>() {
                    let _ = el.set_attribute("data-dom-ms", &format!("{dom_ms:.2}"));
                }
                let render_clock = render_clock.clone();
                perf::after_next_paint(move || {
                    // A render started since then owns the mark.
                    if !render_clock.borrow().is_current(generation) {
                        return;
                    }
                    let ms = perf::now() - t0;
                    if let Some(el) = results.cast::<web_sys::Element>() {
                        let _ = el.set_attribute("data-render-ms", &format!("{ms:.2}"));
                    }
                    web_sys::console::debug_1(
                        &format!(
                            "bulletin on screen in {ms:.2} ms (DOM updated in {dom_ms:.2} ms)"
                        )
                        .into(),
                    );
                    render_ms.set(Some(ms));
                });
            }
        });
    }
    {
        use_effect_with(*lang, |lang| {
            if let Some(doc) = crate::browser::document() {
                if let Some(root) = doc.document_element() {
                    let _ = root.set_attribute("lang", lang.code());
                }
                doc.set_title(t(*lang, Msg::AppTitle));
            }
        });
    }

    let commit = {
        let workspace = workspace.dispatcher();
        let render_clock = render_clock.clone();
        Callback::from(move |text: String| {
            render_clock.borrow_mut().start();
            // localStorage has room for a few megabytes in all, and writing
            // them blocks the page: a big draft lives in memory only (the
            // saved draft is emptied, so an older one does not come back).
            storage::set(
                storage::DRAFT,
                if text.len() > MAX_SAVED_DRAFT_BYTES {
                    ""
                } else {
                    &text
                },
            );
            workspace.dispatch(Action::SetPaste(text));
        })
    };
    let on_input = {
        let draft = draft.clone();
        let commit = commit.clone();
        let typing_timer = typing_timer.clone();
        Callback::from(move |(text, at_once): (String, bool)| {
            // A big text dropped (or set) into the textarea is shown as an
            // excerpt at once, before the browser lays it out.
            let at_once = at_once || is_big(&text);
            // Something to parse: the parser (tools module) starts loading
            // during the typing pause.
            if !text.trim().is_empty() {
                tools::warm_up();
            }
            draft.set(AttrValue::from(text.clone()));
            let mut timer = typing_timer.borrow_mut();
            timer.take(); // dropping a Timeout cancels it
            if at_once {
                commit.emit(text);
            } else {
                let commit = commit.clone();
                *timer = Some(Timeout::new(TYPING_PAUSE_MS, move || commit.emit(text)));
            }
        })
    };
    let set_text_now = |text: &'static str| {
        let draft = draft.clone();
        let commit = commit.clone();
        let typing_timer = typing_timer.clone();
        Callback::from(move |()| {
            typing_timer.borrow_mut().take();
            draft.set(AttrValue::from(text));
            commit.emit(text.to_string());
        })
    };
    let on_clear = set_text_now("");
    let on_paste_text = {
        let draft = draft.clone();
        let commit = commit.clone();
        let typing_timer = typing_timer.clone();
        Callback::from(move |text: String| {
            typing_timer.borrow_mut().take();
            draft.set(AttrValue::from(text.clone()));
            commit.emit(text);
        })
    };
    // The sample never overwrites what the user typed: over a draft it
    // opens as an entry of its own.
    let on_sample = {
        let fill = set_text_now(SAMPLE);
        let draft = draft.clone();
        let workspace = workspace.dispatcher();
        let render_clock = render_clock.clone();
        let name = t(*lang, Msg::SampleName);
        Callback::from(move |()| {
            if draft.trim().is_empty() || *draft == *SAMPLE {
                fill.emit(());
            } else {
                render_clock.borrow_mut().start();
                workspace.dispatch(Action::Add(vec![Opened::Text {
                    name: name.to_string(),
                    text: SAMPLE.to_string(),
                    note: None,
                }]));
            }
        })
    };
    let on_sample_click = on_sample.reform(|_: MouseEvent| ());

    let on_files = {
        let workspace = workspace.dispatcher();
        let render_clock = render_clock.clone();
        Callback::from(move |list: Vec<File>| {
            let workspace = workspace.clone();
            let render_clock = render_clock.clone();
            wasm_bindgen_futures::spawn_local(async move {
                // The tools module (parser) starts loading now, while the
                // files are read; it also splits them into issues.
                tools::warm_up();
                let batch = files::split_issues(files::open_all(list).await).await;
                render_clock.borrow_mut().start();
                workspace.dispatch(Action::Add(batch));
            });
        })
    };
    let on_select_entry = {
        let workspace = workspace.dispatcher();
        let render_clock = render_clock.clone();
        Callback::from(move |id| {
            render_clock.borrow_mut().start();
            workspace.dispatch(Action::Activate(id));
        })
    };
    let on_close_entry = {
        let workspace = workspace.dispatcher();
        let render_clock = render_clock.clone();
        Callback::from(move |id| {
            render_clock.borrow_mut().start();
            workspace.dispatch(Action::Close(id));
        })
    };
    let on_dismiss = {
        let workspace = workspace.dispatcher();
        Callback::from(move |_| workspace.dispatch(Action::DismissErrors))
    };
    let on_lang = {
        let lang = lang.clone();
        Callback::from(move |next: Lang| {
            storage::set(storage::LANG, next.code());
            lang.set(next);
        })
    };
    let on_select_lines = {
        let textarea = textarea.clone();
        Callback::from(move |lines: LineRange| select_lines(&textarea, lines))
    };

    // Files dragged over the page: accept them anywhere. Text dragged inside
    // the page is left to the browser (it drops into the textarea).
    let carries_files = |e: &DragEvent| {
        e.data_transfer()
            .map(|dt| {
                dt.types()
                    .iter()
                    .any(|t| t.as_string().as_deref() == Some("Files"))
            })
            .unwrap_or(false)
    };
    let on_dragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            if carries_files(&e) {
                e.prevent_default();
                if let Some(dt) = e.data_transfer() {
                    dt.set_drop_effect("copy");
                }
                if !*dragging {
                    dragging.set(true);
                }
            }
        })
    };
    let on_dragleave = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            // `relatedTarget` is null only when the pointer leaves the window.
            if e.related_target().is_none() {
                dragging.set(false);
            }
        })
    };
    let on_drop = {
        let dragging = dragging.clone();
        let on_files = on_files.clone();
        Callback::from(move |e: DragEvent| {
            dragging.set(false);
            let Some(list) = e.data_transfer().and_then(|dt| dt.files()) else {
                return;
            };
            if list.length() == 0 {
                return;
            }
            e.prevent_default();
            on_files.emit((0..list.length()).filter_map(|i| list.get(i)).collect());
        })
    };

    let lang = *lang;
    let tabs: Vec<Tab> = ws
        .entries
        .iter()
        .map(|e| Tab {
            id: e.id,
            name: e.name.clone(),
            note: e.note.clone(),
        })
        .collect();
    let full_text: &str = if active.is_paste() {
        &draft
    } else {
        &active.text
    };
    let big = is_big(full_text);
    let shown_text = match (big, active.is_paste()) {
        (true, _) => AttrValue::from(excerpt(full_text, EXCERPT_BYTES).to_string()),
        (false, true) => (*draft).clone(),
        (false, false) => AttrValue::from(active.text.rc()),
    };
    let notice = big.then(|| big_text_note(lang, &megabytes(full_text.len()), active.is_paste()));
    let empty = active.text.trim().is_empty();

    html! {
        <div class={classes!("app", dragging.then_some("dragging"))} data-drop={t(lang, Msg::DropHere)}
            ondragover={on_dragover} ondragleave={on_dragleave} ondrop={on_drop}>
            <a class="skip-link" href="#results">{ t(lang, Msg::SkipToResults) }</a>
            <crate::offline::OfflineStatus />
            <header class="topbar">
                <div class="brand">
                    <h1>{ t(lang, Msg::AppTitle) }</h1>
                    <p class="tagline">{ t(lang, Msg::AppTagline) }</p>
                </div>
                <LangSwitch lang={lang} on_change={on_lang} />
            </header>
            <main class="layout">
                <section class="input-column" aria-labelledby="input-h">
                    <h2 id="input-h" class="visually-hidden">{ t(lang, Msg::InputHeading) }</h2>
                    <EntryTabs lang={lang} tabs={tabs} active={ws.active}
                        on_select={on_select_entry} on_close={on_close_entry} />
                    if !ws.errors.is_empty() {
                        <div class="file-errors" role="alert">
                            <p class="file-errors-title">{ t(lang, Msg::FileErrorsHeading) }</p>
                            <ul>
                                { for ws.errors.iter().map(|e| html! {
                                    <li><span class="file-name">{ &e.name }</span>{ "：" }
                                        <span class="reason">{ localized(&e.reason, lang) }</span></li>
                                }) }
                            </ul>
                            <button type="button" onclick={on_dismiss}>{ t(lang, Msg::Dismiss) }</button>
                        </div>
                    }
                    <InputPanel lang={lang} text={shown_text} editable={active.is_paste()}
                        notice={notice.map(AttrValue::from)} excerpt={big && active.is_paste()}
                        on_paste_text={on_paste_text}
                        source_name={(!active.is_paste()).then(|| AttrValue::from(active.name.clone()))}
                        textarea={textarea.clone()} on_input={on_input}
                        on_files={on_files} on_sample={on_sample.clone()} on_clear={on_clear} />
                </section>
                <section id="results" class="results" tabindex="-1" aria-labelledby="results-h" ref={results}>
                    <h2 id="results-h" class="visually-hidden">{ t(lang, Msg::ResultsHeading) }</h2>
                    if empty {
                        <div class="empty-state">
                            <p class="empty-title">{ t(lang, Msg::EmptyTitle) }</p>
                            <p>{ t(lang, Msg::EmptyBody) }</p>
                            <button type="button" class="primary" onclick={on_sample_click}>{ t(lang, Msg::LoadSample) }</button>
                        </div>
                    } else {
                        <Masthead lang={lang} bulletin={bulletin.clone()} />
                        <Summary lang={lang} bulletin={bulletin.clone()} />
                        <ExportBar lang={lang} bulletin={bulletin.clone()} name={AttrValue::from(active.name.clone())} text={active.text.clone()}
                            entries={Rc::new(ws.entries.clone())} />
                        { proofread }
                        <SectionNav lang={lang} bulletin={bulletin.clone()} />
                        <Document lang={lang} bulletin={bulletin.clone()} />
                        <Warnings lang={lang} bulletin={bulletin.clone()} on_select={on_select_lines} />
                        <FiguresTable lang={lang} bulletin={bulletin.clone()} />
                        if let Some(ms) = *render_ms {
                            <p class="render-time">{ render_time(lang, ms) }</p>
                        }
                    }
                </section>
            </main>
            <crate::library::Library lang={lang} />
        </div>
    }
}

/// Selects `lines` in the textarea and brings them into view.
fn select_lines(textarea: &NodeRef, lines: LineRange) {
    let Some(area) = textarea.cast::<HtmlTextAreaElement>() else {
        return;
    };
    let Some((start, end)) = utf16_range(&area.value(), lines.first, lines.last) else {
        return;
    };
    // Collapsing the selection at the start first makes Chromium scroll the
    // textarea to it; the full selection then keeps that scroll position.
    let _ = area.set_selection_range(start, start);
    let _ = area.blur();
    let _ = area.focus();
    let _ = area.set_selection_range(start, end);
    if let Ok(el) = area.dyn_into::<web_sys::Element>() {
        el.scroll_into_view();
    }
}
