//! The offline module's one piece of UI, mounted once near the top of the
//! page: the "新版本可用 — 刷新" bar when a new version waits, and the parse
//! progress while a large input is parsed. One component rather than
//! several: every Yew component costs its own generic code in the wasm.
//! It also says when the parser (in the tools module) is loading, or could
//! not be loaded, with a button to try again.
//!
//! The progress is a page-wide store: whoever parses [`publish`]es, this
//! component listens, so the parse hook needs no new props or return values.

use std::cell::{Cell, RefCell};

use yew::prelude::*;

use super::progress::progress_bar;
use super::service_worker::{self, UpdateReady};
use super::worker::parse::Progress;

thread_local! {
    static CURRENT: Cell<Option<Progress>> = const { Cell::new(None) };
    static LISTENER: RefCell<Option<Callback<Option<Progress>>>> = const { RefCell::new(None) };
    static TOOLS: RefCell<Option<ToolsNote>> = const { RefCell::new(None) };
    static TOOLS_LISTENER: RefCell<Option<Callback<Option<ToolsNote>>>> = const { RefCell::new(None) };
}

/// What the page says about the tools module (where the parser is) while a
/// text waits for its parse.
#[derive(Clone, PartialEq)]
pub enum ToolsNote {
    /// The module is still loading: the first parse waits for it.
    Loading,
    /// It could not be loaded (the message says why); the callback tries
    /// again.
    Failed(String, Callback<()>),
}

/// Sets the tools note shown on the page; `None` once a parse arrived.
pub fn publish_tools(note: Option<ToolsNote>) {
    let changed = TOOLS.with(|t| {
        let mut t = t.borrow_mut();
        let changed = *t != note;
        *t = note.clone();
        changed
    });
    if changed {
        if let Some(listener) = TOOLS_LISTENER.with(|l| l.borrow().clone()) {
            listener.emit(note);
        }
    }
}

fn tools_note(note: Option<ToolsNote>) -> Html {
    match note {
        None => Html::default(),
        Some(ToolsNote::Loading) => html! {
            <div class="parse-progress tools-loading" role="status" aria-live="polite">
                <progress aria-label="解析进度"></progress>
                <span class="parse-progress__label">{ "正在加载解析工具… / Loading the parser…" }</span>
            </div>
        },
        Some(ToolsNote::Failed(message, retry)) => {
            let onclick = retry.reform(|_: MouseEvent| ());
            html! {
                <div class="parse-failed" role="alert">
                    <span>{ format!("解析工具未能加载，无法分析文本（{message}） / The parser did not load, so the text cannot be analysed ({message})") }</span>
                    { " " }
                    <button type="button" class="parse-failed__retry" {onclick}>{ "重试 / Retry" }</button>
                </div>
            }
        }
    }
}

/// Sets the progress shown on the page; `None` when nothing is being parsed.
pub fn publish(progress: Option<Progress>) {
    if CURRENT.with(|c| c.replace(progress)) == progress {
        return;
    }
    if let Some(listener) = LISTENER.with(|l| l.borrow().clone()) {
        listener.emit(progress);
    }
}

#[function_component(OfflineStatus)]
pub fn offline_status() -> Html {
    let update = use_state(|| None::<UpdateReady>);
    let progress = use_state_eq(|| CURRENT.with(Cell::get));
    let tools = use_state_eq(|| TOOLS.with(|t| t.borrow().clone()));
    {
        let update = update.clone();
        let progress = progress.clone();
        let tools = tools.clone();
        use_effect_with((), move |_| {
            service_worker::register(move |ready| update.set(Some(ready)));
            LISTENER.with(|l| *l.borrow_mut() = Some(Callback::from(move |p| progress.set(p))));
            TOOLS_LISTENER.with(|l| *l.borrow_mut() = Some(Callback::from(move |n| tools.set(n))));
            || {
                LISTENER.with(|l| *l.borrow_mut() = None);
                TOOLS_LISTENER.with(|l| *l.borrow_mut() = None);
            }
        });
    }
    let banner = (*update).clone().map(|ready| {
        let onclick = Callback::from(move |_: MouseEvent| ready.apply());
        html! {
            <div class="update-banner" role="status" aria-live="polite">
                <span class="update-banner__text">{ "新版本可用" }</span>
                { " — " }
                <button type="button" class="update-banner__reload" {onclick}>{ "刷新" }</button>
            </div>
        }
    });
    html! {
        <>
            { for banner }
            { progress_bar(*progress) }
            if progress.is_none() {
                { tools_note((*tools).clone()) }
            }
        </>
    }
}
