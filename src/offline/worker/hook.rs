//! The parse hook. The parser lives in the tools module, not in the
//! first-load wasm: every text is parsed in the tools worker
//! ([`parse_texts`]), which starts loading the moment the page first has
//! something to parse (a restored draft, a paste, a file). An empty text
//! needs no parse, so an empty page never loads the tools.
//!
//! While a new text is being parsed the previous result stays on screen
//! (typing does not flash an empty page); a text over
//! [`LARGE_INPUT_BYTES`] shows the parse progress meanwhile, and so does
//! any text while the tools module is still loading. Recent results are kept
//! by text, so switching back to an entry shows it at once.

use std::cell::Cell;
use std::rc::Rc;

use bulletin_parser::Bulletin;
use yew::prelude::*;

use crate::view::workspace::SharedText;

use super::parse::{parse_texts, Progress, LARGE_INPUT_BYTES};
use super::tools;
use crate::hooks::SharedBulletin;
use crate::offline::status::{self, ToolsNote};

/// A parser run on the page's thread (component tests only).
pub type PageParser = fn(&str) -> Bulletin;

thread_local! {
    /// See [`parse_on_page_for_tests`].
    static ON_PAGE: Cell<Option<PageParser>> = const { Cell::new(None) };
}

/// For component tests (tests/components.rs), which run the page's code
/// without its build and so without the tools module: texts are then parsed
/// by `parser` (the tests pass `bulletin_parser::parse`) on the page's
/// thread. The page never calls this, so the parser stays out of its wasm.
pub fn parse_on_page_for_tests(parser: Option<PageParser>) {
    ON_PAGE.with(|p| p.set(parser));
}

/// How many recent results are kept (entries switched between).
const RECENT: usize = 6;

fn is_large(text: &str) -> bool {
    text.len() > LARGE_INPUT_BYTES
}

/// A text and the corrections by hand to apply to its parse.
type Request = (SharedText, SharedText);

type Recent = Vec<(Request, SharedBulletin)>;

fn recent_result(recent: &Recent, request: &Request) -> Option<SharedBulletin> {
    recent
        .iter()
        .find(|(r, _)| r == request)
        .map(|(_, b)| b.clone())
}

/// The bulletin in `text`, with the corrections by hand `fixes` (the text
/// form of `view::corrections`) applied: the parsed one once the tools
/// worker has answered; until then the previous result (an empty bulletin
/// if there is none). A newer request makes an older result be dropped
/// unseen. The flag says whether the result is this request's (not the
/// previous one's, still shown).
#[hook]
pub fn use_parsed(text: SharedText, fixes: SharedText) -> (SharedBulletin, bool) {
    let placeholder = use_memo((), |_| SharedBulletin::from(Bulletin::default()));
    let recent = use_mut_ref(Recent::new);
    // The latest result that arrived, shown while a newer text is parsed.
    let latest = use_state(|| None::<SharedBulletin>);
    // Bumped by the 重试 button after a failed load.
    let attempt = use_state(|| 0u32);
    let blank = text.trim().is_empty();
    let request: Request = (text.clone(), fixes);
    let ready = if blank {
        Some((*placeholder).clone())
    } else {
        recent_result(&recent.borrow(), &request)
    };
    {
        let latest = latest.clone();
        let recent = recent.clone();
        let attempt = attempt.clone();
        let needed = ready.is_none();
        use_effect_with((request, *attempt), move |(request, _)| {
            let (text, fixes) = request.clone();
            let current = Rc::new(Cell::new(true));
            let large = is_large(&text);
            if needed {
                let request = (text.clone(), fixes.clone());
                let still_current = current.clone();
                let on_page = ON_PAGE.with(Cell::get);
                if large {
                    status::publish(Some(Progress { done: 0, total: 1 }));
                }
                status::publish_tools(
                    (on_page.is_none() && !tools::is_ready()).then_some(ToolsNote::Loading),
                );
                wasm_bindgen_futures::spawn_local(async move {
                    let report = still_current.clone();
                    let parsed = match on_page {
                        Some(parse) => Ok(vec![parse(&text)]),
                        None => {
                            parse_texts(vec![text.to_string()], vec![fixes.to_string()], move |p| {
                                if report.get() && large {
                                    status::publish(Some(p));
                                }
                            })
                            .await
                        }
                    };
                    let parsed = parsed
                        .map(|b| SharedBulletin::from(b.into_iter().next().unwrap_or_default()));
                    if let Ok(bulletin) = &parsed {
                        let mut recent = recent.borrow_mut();
                        if recent.len() >= RECENT {
                            recent.remove(0);
                        }
                        recent.push((request, bulletin.clone()));
                    }
                    if !still_current.get() {
                        return;
                    }
                    status::publish(None);
                    match parsed {
                        Ok(bulletin) => {
                            status::publish_tools(None);
                            latest.set(Some(bulletin));
                        }
                        Err(err) => {
                            let retry = Callback::from(move |()| attempt.set(*attempt + 1));
                            status::publish_tools(Some(ToolsNote::Failed(
                                err.message().to_owned(),
                                retry,
                            )));
                        }
                    }
                });
            } else {
                status::publish_tools(None);
            }
            // A newer text (or leaving the page) ends this one's turn.
            move || {
                current.set(false);
                if large {
                    status::publish(None);
                }
            }
        });
    }
    if let Some(bulletin) = ready {
        return (bulletin, true);
    }
    (
        (*latest).clone().unwrap_or_else(|| (*placeholder).clone()),
        false,
    )
}
