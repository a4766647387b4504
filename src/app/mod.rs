//! The page. App holds what is shared — the open entries, which one is
//! shown, the draft being typed, the language — and passes the rest down:
//! text → `use_bulletin` → model → components.

mod state;

use std::rc::Rc;

use bulletin_parser::LineRange;
use wasm_bindgen::JsCast;
use web_sys::{File, HtmlTextAreaElement};
use yew::prelude::*;

use crate::browser::{files, storage};
use crate::components::corrections::{CorrectionsBar, CorrectionsContext};
use crate::components::document::Document;
use crate::components::entry_tabs::{EntryTabs, Tab};
use crate::components::export_bar::ExportBar;
use crate::components::figures_table::{FiguresTable, FilterSink};
use crate::components::input_panel::InputPanel;
use crate::components::lang_switch::LangSwitch;
use crate::components::masthead::Masthead;
use crate::components::proofread::use_proofread;
use crate::components::section_nav::SectionNav;
use crate::components::summary::Summary;
use crate::components::warnings::Warnings;
use crate::hooks::{
    use_bulletin, use_draft, use_file_drop, use_headline_figures, use_render_clock,
};
use crate::offline::tools;
use crate::view::big_text::{excerpt, is_big, megabytes, EXCERPT_BYTES};
use crate::view::corrections::{encode, text_key};
use crate::view::i18n::{
    big_text_note, localized, name_reason_separator, render_time, t, Lang, Msg,
};
use crate::view::lines::utf16_range;
use crate::view::table::Filter;
use crate::view::workspace::SharedText;
use crate::view::workspace::{Opened, Workspace};
use crate::SAMPLE;

pub use state::{Action, State};

#[component]
pub fn App() -> Html {
    let lang = use_state(|| {
        storage::get(storage::LANG)
            .and_then(|c| Lang::from_code(&c))
            .unwrap_or_default()
    });
    let saved = use_memo((), |_| Rc::<str>::from(crate::hooks::draft::saved_draft()));
    let workspace = use_reducer({
        // Read on the first render only (not copied on every render).
        let initial = saved.clone();
        move || State::new(Workspace::new(&initial))
    });
    let textarea = use_node_ref();
    let results = use_node_ref();

    let ws = &workspace.0;
    let active = ws.active_entry().clone();
    // Corrections by hand: kept per bulletin text, applied to its parse in
    // the tools worker; everything below shows the corrected bulletin.
    let key = use_memo(active.text.clone(), |t| Rc::<str>::from(text_key(t)));
    let kept = use_memo(key.clone(), |k| crate::browser::kept::load(k));
    let history = workspace
        .history(&key)
        .cloned()
        .unwrap_or_else(|| (*kept).clone());
    // The open texts whose corrections changed in this visit: the library
    // corrects the bulletins it holds of them.
    let library_sync = {
        let entries = &ws.entries;
        use_memo(workspace.1.clone(), |changed| {
            let texts = changed
                .iter()
                .filter_map(|(k, _)| {
                    entries
                        .iter()
                        .find(|e| text_key(&e.text) == **k)
                        .map(|e| (e.name.clone(), e.text.rc()))
                })
                .collect();
            crate::library::SyncTexts(Rc::new(texts))
        })
    };
    let library_sync = (*library_sync).clone();
    let fixes_text = use_memo(history.done.clone(), |done| SharedText::from(encode(done)));
    let (bulletin, settled) = use_bulletin(active.text.clone(), (*fixes_text).clone());
    let proofread = use_proofread(*lang, AttrValue::from(active.text.rc()), textarea.clone());
    // Keyed on the entry too: switching to a file with the same text (one
    // bulletin in two encodings) is still a new render.
    let (render_clock, render_ms) =
        use_render_clock(results.clone(), (bulletin.clone(), workspace.0.active));
    let commit = {
        let workspace = workspace.dispatcher();
        let render_clock = render_clock.clone();
        Callback::from(move |text: String| {
            render_clock.start();
            workspace.dispatch(Action::SetPaste(text));
        })
    };
    // A paste holding several issues also opens an entry per issue (the
    // paste stays as it is): see browser/paste.rs.
    let split_paste = {
        let workspace = workspace.dispatcher();
        let render_clock = render_clock.clone();
        let lang = *lang;
        Callback::from(move |text: String| {
            let (workspace, render_clock) = (workspace.clone(), render_clock.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let entries = crate::browser::paste::issue_entries_of_paste(&text, lang).await;
                if !entries.is_empty() {
                    render_clock.start();
                    workspace.dispatch(Action::Add(entries));
                }
            });
        })
    };
    let draft = use_draft((*saved).clone(), commit, split_paste);

    let shown = bulletin.clone();
    let on_correct = {
        let workspace = workspace.dispatcher();
        use_callback((*key).clone(), move |c, key: &Rc<str>| {
            workspace.dispatch(Action::Correct(key.clone(), c))
        })
    };
    // One item's editor open at a time; a new bulletin closes it.
    let editing = use_state_eq(|| None::<(Rc<str>, usize)>);
    let on_edit = {
        let editing = editing.setter();
        use_callback((*key).clone(), move |at: Option<usize>, key: &Rc<str>| {
            editing.set(at.map(|i| (key.clone(), i)))
        })
    };
    let headline_figures = use_headline_figures(shown.clone());
    // Figures marked wrong: shown struck through in their item (undo brings
    // them back); the bulletin itself, and so every export, leaves them out.
    let removed = use_memo(history.done.clone(), |done| {
        done.iter()
            .filter_map(|c| match c {
                bulletin_parser::Correction::RemoveFigure { item, figure } => {
                    Some((item.line, figure.clone()))
                }
                _ => None,
            })
            .collect::<Vec<_>>()
    });
    let fixes = CorrectionsContext {
        headline_figures,
        removed,
        on_correct,
        editing: editing
            .as_ref()
            .filter(|(k, _)| *k == *key)
            .map(|(_, i)| *i),
        on_edit,
    };
    let only_doubtful = use_state(|| false);
    // The figures table's filter: the exports hold what it shows.
    let table_filter = use_state(Filter::default);
    let on_filter = {
        let table_filter = table_filter.setter();
        use_callback((), move |f: Filter, _| table_filter.set(f))
    };
    let doubtful = shown.items.iter().filter(|i| i.check.is_some()).count();
    let on_undo = {
        let (workspace, key) = (workspace.dispatcher(), (*key).clone());
        Callback::from(move |()| workspace.dispatch(Action::Undo(key.clone())))
    };
    let on_redo = {
        let (workspace, key) = (workspace.dispatcher(), (*key).clone());
        Callback::from(move |()| workspace.dispatch(Action::Redo(key.clone())))
    };
    crate::hooks::use_undo_keys(on_undo.clone(), on_redo.clone());
    let on_only_doubtful = {
        let only_doubtful = only_doubtful.clone();
        Callback::from(move |on| only_doubtful.set(on))
    };
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

    // 清空 keeps what it cleared until the next keystroke: 撤销 brings it back.
    let cleared = use_state(|| None::<String>);
    let on_input = {
        let (on_input, cleared) = (draft.on_input.clone(), cleared.clone());
        Callback::from(move |change: (String, bool)| {
            if cleared.is_some() {
                cleared.set(None);
            }
            on_input.emit(change);
        })
    };
    let on_clear = {
        let (set_now, cleared, text) = (draft.set_now.clone(), cleared.clone(), draft.text.clone());
        Callback::from(move |()| {
            if !text.trim().is_empty() {
                cleared.set(Some(text.to_string()));
            }
            set_now.emit(String::new());
        })
    };
    let on_unclear = {
        let (set_now, cleared) = (draft.set_now.clone(), cleared.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(text) = (*cleared).clone() {
                cleared.set(None);
                set_now.emit(text);
            }
        })
    };
    let on_paste_text = draft.set_now.clone();
    // The sample never overwrites what the user typed: over a draft it
    // opens as an entry of its own.
    let on_sample = {
        let fill = draft.set_now.reform(|()| SAMPLE.to_string());
        let draft = draft.text.clone();
        let workspace = workspace.dispatcher();
        let render_clock = render_clock.clone();
        let name = t(*lang, Msg::SampleName);
        Callback::from(move |()| {
            if draft.trim().is_empty() || *draft == *SAMPLE {
                fill.emit(());
            } else {
                render_clock.start();
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
                render_clock.start();
                workspace.dispatch(Action::Add(batch));
            });
        })
    };
    let on_select_entry = {
        let workspace = workspace.dispatcher();
        let render_clock = render_clock.clone();
        Callback::from(move |id| {
            render_clock.start();
            workspace.dispatch(Action::Activate(id));
        })
    };
    let on_close_entry = {
        let workspace = workspace.dispatcher();
        let render_clock = render_clock.clone();
        Callback::from(move |id| {
            render_clock.start();
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

    let drop = use_file_drop(on_files.clone());

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
        &draft.text
    } else {
        &active.text
    };
    let big = is_big(full_text);
    let shown_text = match (big, active.is_paste()) {
        (true, _) => AttrValue::from(excerpt(full_text, EXCERPT_BYTES).to_string()),
        (false, true) => draft.text.clone(),
        (false, false) => AttrValue::from(active.text.rc()),
    };
    let notice = big.then(|| big_text_note(lang, &megabytes(full_text.len()), active.is_paste()));
    let empty = active.text.trim().is_empty();

    html! {
        <div class={classes!("app", drop.dragging.then_some("dragging"))} data-drop={t(lang, Msg::DropHere)}
            ondragover={drop.ondragover} ondragleave={drop.ondragleave} ondrop={drop.ondrop}>
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
                                    <li><span class="file-name">{ &e.name }</span>{ name_reason_separator(lang) }
                                        <span class="reason">{ localized(&e.reason, lang) }</span></li>
                                }) }
                            </ul>
                            <button type="button" onclick={on_dismiss}>{ t(lang, Msg::Dismiss) }</button>
                        </div>
                    }
                    if !workspace.2.is_empty() {
                        <p class="file-notice" role="status">
                            { if lang == Lang::En {
                                format!("Already open, not added again: {}", workspace.2.join(", "))
                            } else {
                                format!("已经打开，未重复添加：{}", workspace.2.join("、"))
                            } }
                        </p>
                    }
                    if cleared.is_some() {
                        <p class="cleared-note" role="status">
                            { if lang == Lang::En { "The draft was cleared. " } else { "草稿已清空。" } }
                            <button type="button" class="undo-clear" onclick={on_unclear}>
                                { if lang == Lang::En { "Undo" } else { "撤销" } }</button>
                        </p>
                    }
                    <InputPanel lang={lang} text={shown_text} editable={active.is_paste()}
                        notice={notice.map(AttrValue::from)} excerpt={big && active.is_paste()}
                        on_paste_text={on_paste_text}
                        source_name={(!active.is_paste()).then(|| AttrValue::from(active.name.clone()))}
                        textarea={textarea.clone()} on_input={on_input}
                        on_files={on_files} on_sample={on_sample.clone()} on_clear={on_clear} />
                </section>
                <section id="results" class={classes!("results", (*only_doubtful).then_some("only-doubtful"))} tabindex="-1" aria-labelledby="results-h" ref={results}>
                    <h2 id="results-h" class="visually-hidden">{ t(lang, Msg::ResultsHeading) }</h2>
                    if empty {
                        <div class="empty-state">
                            <p class="empty-title">{ t(lang, Msg::EmptyTitle) }</p>
                            <p>{ t(lang, Msg::EmptyBody) }</p>
                            <button type="button" class="primary" onclick={on_sample_click}>{ t(lang, Msg::LoadSample) }</button>
                        </div>
                    } else {
                        <Masthead lang={lang} bulletin={shown.clone()} />
                        <Summary lang={lang} bulletin={shown.clone()} />
                        <ExportBar lang={lang} bulletin={shown.clone()} name={AttrValue::from(active.name.clone())} text={active.text.clone()}
                            entries={Rc::new(ws.entries.clone())} filter={(*table_filter).clone()} />
                        { proofread }
                        <CorrectionsBar lang={lang} made={history.done.len()}
                            can_undo={!history.done.is_empty()} can_redo={!history.undone.is_empty()}
                            on_undo={on_undo} on_redo={on_redo} doubtful={doubtful} settled={settled}
                            only_doubtful={*only_doubtful} on_only_doubtful={on_only_doubtful} />
                        <SectionNav lang={lang} bulletin={shown.clone()} />
                        <ContextProvider<CorrectionsContext> context={fixes}>
                            <Document lang={lang} bulletin={shown.clone()} />
                        </ContextProvider<CorrectionsContext>>
                        <Warnings lang={lang} bulletin={shown.clone()} on_select={on_select_lines} />
                        <ContextProvider<FilterSink> context={FilterSink(on_filter)}>
                            <FiguresTable lang={lang} bulletin={shown.clone()} />
                        </ContextProvider<FilterSink>>
                        if let Some(ms) = render_ms {
                            <p class="render-time">{ render_time(lang, ms) }</p>
                        }
                    }
                </section>
            </main>
            <crate::library::Library lang={lang} sync={library_sync} />
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
