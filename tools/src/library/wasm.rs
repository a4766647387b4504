//! The library's entry point in the worker: `library_request`, one call
//! per action of the page's shell (`src/library/mod.rs`), answered with
//! the view's HTML and, for an export, the file's bytes.

use std::cell::RefCell;

use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{BroadcastChannel, IdbDatabase};

use std::collections::HashMap;

use bulletin_stats::{Entry, Index, Library};

use super::db::{self, DbError};
use super::render::{adoption_rows, aliases_of, en, esc, filter_label, filter_of, page, tr, View};
use super::store::{self, apply, entry_of, from_json_lines, merge, Fixes};
use super::workbook::table_xlsx;

#[derive(Default)]
struct Lib {
    db: Option<IdbDatabase>,
    opening: Option<js_sys::Promise>,
    /// Read from the database (and kept in step with it).
    loaded: bool,
    /// Another tab wrote: read again before the next view.
    stale: bool,
    /// Another tab upgraded the database; this one let go of it.
    closed: bool,
    library: Library,
    /// Series and units, built when first needed after a change.
    index: Option<Index>,
    /// The key each bulletin is stored under, when not its own id (a record
    /// written by another tool).
    stored_keys: HashMap<String, String>,
    view: View,
    /// The last removal, for undo.
    undo: Vec<Entry>,
    /// The corrections by hand stored with the bulletins (by entry id).
    fixes: Fixes,
    saved_points: String,
    channel: Option<BroadcastChannel>,
}

thread_local! {
    static LIB: RefCell<Lib> = RefCell::new(Lib::default());
}

const CHANNEL: &str = "bulletin-library";

fn with<R>(f: impl FnOnce(&mut Lib) -> R) -> R {
    LIB.with(|l| f(&mut l.borrow_mut()))
}

/// The open connection, read into memory; `Err` says why not.
async fn ready() -> Result<IdbDatabase, DbError> {
    if with(|l| l.closed) {
        return Err(DbError::VersionChanged);
    }
    if with(|l| l.db.is_none() && l.opening.is_none()) {
        let promise = db::open(
            |db| with(|l| l.db = Some(db)),
            || {
                with(|l| {
                    l.db = None;
                    l.closed = true;
                })
            },
        )?;
        with(|l| l.opening = Some(promise));
        listen();
    }
    if with(|l| l.db.is_none()) {
        let opening = with(|l| l.opening.clone());
        if let Some(p) = opening {
            let opened = JsFuture::from(p).await;
            match opened {
                // Blocked: the same open goes on; a later request finds it done.
                Ok(v) if v.as_bool() == Some(false) && with(|l| l.db.is_none()) => {
                    return Err(DbError::Blocked);
                }
                Ok(_) => {}
                Err(e) => {
                    with(|l| l.opening = None);
                    return Err(DbError::Other(
                        e.as_string()
                            .or_else(|| {
                                Reflect::get(&e, &"message".into())
                                    .ok()
                                    .and_then(|m| m.as_string())
                            })
                            .unwrap_or_else(|| "open failed".into()),
                    ));
                }
            }
        }
    }
    let db = with(|l| l.db.clone()).ok_or(DbError::Blocked)?;
    if with(|l| !l.loaded || l.stale) {
        let started = js_sys::Date::now();
        let (entries, aliases, points, fixes, undo) = db::load(&db).await?;
        web_sys::console::debug_1(
            &format!(
                "library: {} bulletins read from IndexedDB in {:.0} ms",
                entries.len(),
                js_sys::Date::now() - started
            )
            .into(),
        );
        with(|l| {
            l.library = Library::new();
            l.stored_keys.clear();
            for (stored, e) in entries {
                if stored != e.key.id() {
                    l.stored_keys.insert(e.key.id(), stored);
                }
                l.library.insert_entry(e);
            }
            l.fixes = fixes;
            // The last removal, kept in the database: undone after a reload too.
            let removed = from_json_lines("", &undo);
            l.fixes.extend(removed.fixes);
            l.undo = removed.entries;
            l.index = None;
            l.loaded = true;
            l.stale = false;
            l.view.aliases = aliases;
            if l.view.points.is_empty() {
                l.view.points = points.clone();
            }
            l.saved_points = points;
        });
    }
    Ok(db)
}

/// The series and units of the library as it is (built after a change).
fn ensure_index(l: &mut Lib) {
    if l.index.is_none() {
        let aliases = aliases_of(&l.view, &mut Vec::new());
        l.index = Some(Index::build(&l.library, &aliases));
    }
}

/// Hears other tabs' writes: the next request reads the database again.
fn listen() {
    let Ok(channel) = BroadcastChannel::new(CHANNEL) else {
        return;
    };
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|_| {
        with(|l| l.stale = true);
    });
    channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    with(|l| l.channel = Some(channel));
}

fn tell_other_tabs() {
    with(|l| {
        if let Some(c) = &l.channel {
            let _ = c.post_message(&"changed".into());
        }
    });
}

/// What went wrong with the library's storage, in the page's language:
/// what was not saved (`what`, in Chinese and in English) and that what
/// was kept is still there.
fn problem(e: &DbError, what: (&str, &str)) -> String {
    let kept = with(|l| l.library.len());
    let (what_zh, what_en) = what;
    let (zh, en_text) = match e {
        DbError::Quota => (
            format!("存储空间不足（磁盘已满，或浏览器拒绝给本页更多空间）：{what_zh}没有保存。文库里已有的 {kept} 期都还在。可以先导出文库、移除不需要的期次，或在浏览器设置中允许本站使用更多存储，再试一次。"),
            format!("Out of storage (the disk is full, or the browser refuses this page more space): {what_en} not saved. The {kept} bulletins already in the library are all still there. Export the library, remove issues you do not need, or allow this site more storage in the browser's settings, then try again."),
        ),
        DbError::Blocked => (
            "文库需要升级，但另一个标签页里还开着旧版本的本页面，升级被挡住了：请关闭或刷新那个标签页，本页会自动继续。已保存的快报不受影响。".into(),
            "The library needs an upgrade, but another tab still has the old version of this page open, which blocks it: close or reload that tab and this page goes on by itself. The bulletins saved are not affected.".into(),
        ),
        DbError::VersionChanged => (
            "另一个标签页已升级文库，本页已断开与文库的连接：请重新载入本页面。已保存的快报不受影响。".into(),
            "Another tab upgraded the library, and this page lost its connection to it: reload this page. The bulletins saved are not affected.".into(),
        ),
        DbError::Unavailable(m) => (
            format!("此浏览器不能在本机保存文库（{m} 不可用，可能是隐私模式）。"),
            format!("This browser cannot keep a library on this machine ({m} is not available: private browsing?)."),
        ),
        DbError::Other(m) => (
            format!("文库读写出错：{}。{what_zh}没有保存；已保存的 {kept} 期不受影响。", esc(m)),
            format!("The library could not be read or written: {}. {what_en} not saved; the {kept} bulletins saved are not affected.", esc(m)),
        ),
    };
    if en() {
        en_text
    } else {
        zh
    }
}

fn set_note(note: String, error: bool) {
    with(|l| {
        l.view.note = note;
        l.view.error = error;
    });
}

/// One action of the page. `form`: the view's fields (`name U+001F value`
/// joined by U+001E); `names`/`texts`: files read for `add`; `failures`:
/// files that could not be read, `name U+001F reason`.
#[wasm_bindgen]
pub async fn library_request(
    act: String,
    arg: String,
    form: String,
    names: Vec<String>,
    texts: Vec<String>,
    failures: Vec<String>,
) -> JsValue {
    with(|l| {
        l.view.read_form(&form);
        if act != "view" {
            l.view.note.clear();
            l.view.error = false;
        }
    });
    let answer = Object::new();
    let mut retry = false;
    match ready().await {
        Err(e) => {
            retry = e == DbError::Blocked;
            let what = if act == "add" {
                ("这批文件", "These files were")
            } else {
                ("这次操作", "This change was")
            };
            set_note(problem(&e, what), true);
        }
        Ok(db) => {
            if let Some((name, mime, bytes)) =
                act_on(&db, &act, &arg, &form, names, texts, failures).await
            {
                let d = Object::new();
                let _ = Reflect::set(&d, &"name".into(), &name.into());
                let _ = Reflect::set(&d, &"mime".into(), &mime.into());
                let _ = Reflect::set(&d, &"bytes".into(), &Uint8Array::from(bytes.as_slice()));
                let _ = Reflect::set(&answer, &"download".into(), &d);
            }
        }
    }
    let html = with(|l| {
        if !l.loaded {
            // Not read yet (blocked, refused): say so, and show no empty
            // library in place of the stored one.
            return format!(
                "<div class=\"lib-note lib-error\" role=\"alert\">{}</div><p class=\"lib-count lib-closed\">文库暂时打不开；已保存的快报仍在本机。</p>",
                l.view.note
            );
        }
        l.view.undo = l.undo.len();
        ensure_index(l);
        let empty = Index::default();
        page(&l.view, &l.library, l.index.as_ref().unwrap_or(&empty))
    });
    let _ = Reflect::set(&answer, &"html".into(), &html.into());
    let _ = Reflect::set(&answer, &"retry".into(), &retry.into());
    answer.into()
}

async fn act_on(
    db: &IdbDatabase,
    act: &str,
    arg: &str,
    form: &str,
    names: Vec<String>,
    texts: Vec<String>,
    failures: Vec<String>,
) -> Option<(String, &'static str, Vec<u8>)> {
    // Points changed in the form: kept for the next visit.
    let points = with(|l| (l.view.points != l.saved_points).then(|| l.view.points.clone()));
    if let Some(p) = points {
        if db::set_setting(db, "points", &p).await.is_ok() {
            with(|l| l.saved_points = p);
        }
    }
    match act {
        "tab" => with(|l| {
            l.view.tab = arg.to_owned();
            l.view.item = None;
        }),
        "item" => {
            let (key, index) = arg.split_once('\u{1f}').unwrap_or((arg, "0"));
            with(|l| l.view.item = Some((key.to_owned(), index.parse().unwrap_or(0))));
        }
        "close-item" => with(|l| l.view.item = None),
        "add" => add(db, arg, names, texts, failures, Mode::Add).await,
        "sync" => add(db, arg, names, texts, failures, Mode::Sync).await,
        "remove" | "remove-selected" | "remove-all" => {
            let keys: Option<Vec<String>> = match act {
                "remove" => Some(vec![arg.to_owned()]),
                "remove-selected" => Some(
                    form.split('\u{1e}')
                        .filter_map(|p| p.strip_prefix("sel\u{1f}"))
                        .map(str::to_owned)
                        .collect(),
                ),
                _ => None,
            };
            if keys.as_ref().is_some_and(|k| k.is_empty()) {
                set_note(
                    tr(
                        "先勾选要移除的期次。",
                        "Tick the bulletins to remove first.",
                    )
                    .into(),
                    false,
                );
                return None;
            }
            let stored: Option<Vec<String>> = with(|l| {
                keys.as_ref().map(|k| {
                    k.iter()
                        .map(|id| l.stored_keys.get(id).cloned().unwrap_or_else(|| id.clone()))
                        .collect()
                })
            });
            match db::remove(db, stored.as_deref()).await {
                Ok(()) => {
                    with(|l| {
                        let gone = l
                            .library
                            .retain(|e| keys.as_ref().is_some_and(|k| !k.contains(&e.key.id())));
                        for e in &gone {
                            l.stored_keys.remove(&e.key.id());
                        }
                        l.index = None;
                        l.view.note = if en() {
                            format!("{} bulletins removed. This can be undone.", gone.len())
                        } else {
                            format!("已移除 {} 期。可以撤销。", gone.len())
                        };
                        l.view.error = false;
                        l.view.item = None;
                        l.undo = gone;
                    });
                    // Kept for an undo after a reload (a failure here loses
                    // only that: the undo in this visit still works).
                    let text = with(|l| {
                        let mut removed = bulletin_stats::Library::new();
                        for e in &l.undo {
                            removed.insert_entry(e.clone());
                        }
                        store::to_json_lines(&removed, &l.fixes, "", "")
                    });
                    let _ = db::set_setting(db, "undo", &text).await;
                    tell_other_tabs();
                }
                Err(e) => set_note(problem(&e, ("移除", "The removal was")), true),
            }
        }
        "undo" => {
            let (back, fixes) = with(|l| (l.undo.clone(), l.fixes.clone()));
            match db::put(db, &back, &fixes).await {
                Ok(()) => {
                    with(|l| {
                        l.view.note = if en() {
                            format!("{} bulletins brought back.", back.len())
                        } else {
                            format!("已恢复 {} 期。", back.len())
                        };
                        apply(&mut l.library, back);
                        l.index = None;
                        l.undo.clear();
                    });
                    let _ = db::set_setting(db, "undo", "").await;
                    tell_other_tabs();
                }
                Err(e) => set_note(problem(&e, ("撤销", "The undo was")), true),
            }
        }
        "save-aliases" => {
            let aliases = with(|l| l.view.aliases.clone());
            match db::set_setting(db, "aliases", &aliases).await {
                Ok(()) => {
                    with(|l| l.index = None);
                    set_note(tr("别名表已保存。", "Aliases saved.").into(), false);
                    tell_other_tabs();
                }
                Err(e) => set_note(problem(&e, ("别名表", "The alias table was")), true),
            }
        }
        "export-library" => {
            let text = with(|l| {
                store::to_json_lines(&l.library, &l.fixes, &l.view.aliases, &l.view.points)
            });
            return Some((
                tr("文库.jsonl", "library.jsonl").into(),
                "application/x-ndjson",
                text.into_bytes(),
            ));
        }
        "adoption-xlsx" => {
            let (headers, rows, label) = with(|l| {
                ensure_index(l);
                let empty = Index::default();
                let index = l.index.as_ref().unwrap_or(&empty);
                let (headers, rows) = adoption_rows(&l.view, &l.library, index);
                (headers, rows, filter_label(&filter_of(&l.view, index)))
            });
            let name = if en() {
                format!("items-adopted-{label}.xlsx")
            } else {
                format!("信息采用情况-{label}.xlsx")
            };
            return Some((
                name,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                table_xlsx(tr("采用情况", "Adoption"), &headers, &rows),
            ));
        }
        _ => {}
    }
    None
}

/// What [`add`] does with the texts it is given.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// Files added by the user: every bulletin in them is stored.
    Add,
    /// The page's open texts whose corrections changed: only bulletins the
    /// library holds already are stored again, with the corrections as they
    /// are now (none, when they were all undone). Nothing new is added and
    /// nothing is said unless something was updated.
    Sync,
}

/// Parses the texts (each file's issues, or a JSON Lines library) and
/// stores what is new or changed, in one transaction.
///
/// `kept`: the page's corrections by hand, `text-key U+001C corrections`
/// joined by U+001D (`browser::storage::all_with`): a text with some is
/// stored corrected, its corrections beside it; those that no longer apply
/// are said.
async fn add(
    db: &IdbDatabase,
    kept: &str,
    names: Vec<String>,
    texts: Vec<String>,
    failures: Vec<String>,
    mode: Mode,
) {
    let kept: HashMap<&str, &str> = kept
        .split('\u{1d}')
        .filter_map(|p| p.split_once('\u{1c}'))
        .collect();
    let mut fixes = Fixes::new();
    let (mut corrected, mut skipped) = (0, 0);
    let mut incoming = Vec::new();
    let mut aliases = None;
    let mut bad = Vec::new();
    for (name, text) in names.iter().zip(&texts) {
        let lower = name.to_lowercase();
        let json_lines =
            lower.ends_with(".jsonl") || lower.ends_with(".ndjson") || text.starts_with('{');
        if json_lines && mode == Mode::Add {
            let imported = from_json_lines(name, text);
            if !imported.bad_lines.is_empty() {
                bad.push(format!(
                    "{}：第 {:?} 行不是快报",
                    esc(name),
                    imported.bad_lines
                ));
            }
            incoming.extend(imported.entries);
            fixes.extend(imported.fixes);
            if imported.aliases.is_some() {
                aliases = imported.aliases;
            }
            continue;
        }
        for issue in bulletin_parser::split_issues(text) {
            let mut b = bulletin_parser::parse(&issue);
            let key = bulletin_analyzer::view::corrections::text_key(&issue);
            let list = kept
                .get(key.as_str())
                .map(|v| bulletin_analyzer::view::corrections::decode(v))
                .unwrap_or_default();
            if !list.is_empty() {
                let (c, s) = bulletin_parser::corrections::apply(&b, &issue, &list);
                b = c;
                corrected += 1;
                skipped += s.len();
            }
            let m = &b.masthead;
            if m.title.is_none() && m.issue.is_none() && m.date.is_none() {
                // Not a bulletin (a note, a list): nothing to know it by.
                bad.push(format!(
                    "{}：没有刊头（刊名、期号、日期），不像一期快报，未收入文库",
                    esc(name)
                ));
                continue;
            }
            if b.items.is_empty() {
                bad.push(format!("{}：没有读出条目，未收入文库", esc(name)));
                continue;
            }
            let e = entry_of(name, b);
            if !list.is_empty() {
                fixes.insert(e.key.id(), list);
            }
            incoming.push(e);
        }
    }
    if mode == Mode::Sync {
        // Only what the library holds; the page's other texts are not the
        // user's to add by correcting them.
        incoming.retain_mut(|e| {
            with(|l| match l.library.get(&e.key) {
                Some(stored) => {
                    // The file it came from stays its file (the page's
                    // text may be a paste, which has no name).
                    e.file = stored.file.clone();
                    true
                }
                None => false,
            })
        });
        if incoming.is_empty() {
            return;
        }
        bad.clear();
    }
    let m = with(|l| merge(&l.library, incoming));
    if mode == Mode::Sync && m.put.is_empty() {
        return;
    }
    let count = m.put.len();
    let mut note = String::new();
    // The corrections of what is written: those given now, or none (a text
    // stored again without corrections drops its old ones).
    for e in &m.put {
        fixes.entry(e.key.id()).or_default();
    }
    match db::put(db, &m.put, &fixes).await {
        Ok(()) if mode == Mode::Sync => {
            note += &if en() {
                format!(
                    "{count} bulletins in the library updated with the corrections made on this page."
                )
            } else {
                format!("已按本页的手工更正更新文库中的 {count} 期。")
            };
            keep(fixes, m.put);
            tell_other_tabs();
            set_note(note, false);
        }
        Ok(()) => {
            note += &if en() {
                format!(
                    "{} bulletins added; {} already in the library (the same text, not stored twice)",
                    m.added, m.unchanged
                )
            } else {
                format!(
                    "新收入 {} 期；{} 期已在文库中（内容相同，未重复保存）",
                    m.added, m.unchanged
                )
            };
            if !m.replaced.is_empty() {
                note += &format!(
                    "{}{}",
                    if en() {
                        format!("; {} changed, replaced by the new text: ", m.replaced.len())
                    } else {
                        format!("；{} 期内容有变化，已用新文本替换：", m.replaced.len())
                    },
                    m.replaced
                        .iter()
                        .map(|(k, f)| format!("{}（{}）", esc(k), esc(f)))
                        .collect::<Vec<_>>()
                        .join("、")
                );
            }
            if corrected > 0 {
                note += &if en() {
                    format!("; {corrected} with corrections made by hand on this page")
                } else {
                    format!("；其中 {corrected} 期带有本页的手工更正")
                };
            }
            if skipped > 0 {
                note += &if en() {
                    format!(" ({skipped} corrections no longer apply: the text changed)")
                } else {
                    format!("（{skipped} 处更正因原文已改而未能应用）")
                };
            }
            note.push_str(tr("。", "."));
            keep(fixes, m.put);
            if let Some(a) = aliases {
                if db::set_setting(db, "aliases", &a).await.is_ok() {
                    with(|l| {
                        l.view.aliases = a;
                        l.index = None;
                    });
                }
            }
            tell_other_tabs();
            set_note(note, false);
        }
        Err(e) => {
            set_note(
                problem(
                    &e,
                    (
                        &format!("这批 {count} 期"),
                        &format!("This batch of {count} bulletins was"),
                    ),
                ),
                true,
            );
        }
    }
    if !failures.is_empty() || !bad.is_empty() {
        let mut list: Vec<String> = failures
            .iter()
            .map(|f| {
                let (n, r) = f.split_once('\u{1f}').unwrap_or((f, ""));
                format!("{}：{}", esc(n), esc(r))
            })
            .collect();
        list.extend(bad);
        with(|l| {
            l.view.note += &if en() {
                format!("<br>{} could not be read: {}", list.len(), list.join("; "))
            } else {
                format!("<br>未能读取 {} 个：{}", list.len(), list.join("；"))
            };
        });
    }
}

/// Bulletins written to the database, and their corrections (an empty list:
/// none any more), taken into the library in memory. Only the corrections
/// of what was written, as `db::put` stores only those: a text left
/// unchanged, or one a sync passed over, keeps what the library holds.
fn keep(mut fixes: Fixes, put: Vec<Entry>) {
    let written: std::collections::HashSet<String> = put.iter().map(|e| e.key.id()).collect();
    fixes.retain(|id, _| written.contains(id));
    with(|l| {
        for (id, list) in fixes {
            if list.is_empty() {
                l.fixes.remove(&id);
            } else {
                l.fixes.insert(id, list);
            }
        }
        apply(&mut l.library, put);
        l.index = None;
    });
}

/// The text of a file's bytes for the library: plain text in UTF-8,
/// UTF-16 or GBK, a web page, a PDF or a Word 97/WPS file. A `.docx`
/// answers the error `docx` (the worker inflates it with the browser's
/// stream, as for the page).
#[wasm_bindgen]
pub fn library_file_text(name: &str, bytes: &[u8]) -> Result<String, String> {
    use bulletin_decode::{sniff, Detected};
    let detected = sniff(bytes).map_err(|e| e.to_string())?;
    let decode = |label: &str, bytes: &[u8]| -> Result<String, String> {
        let options = web_sys::TextDecoderOptions::new();
        options.set_fatal(true);
        web_sys::TextDecoder::new_with_label_and_options(label, &options)
            .and_then(|d| d.decode_with_u8_array(bytes))
            .map_err(|_| "无法按其编码读取 / unreadable in its encoding".to_owned())
    };
    let html = name.to_lowercase().ends_with(".html") || name.to_lowercase().ends_with(".htm");
    match detected {
        Detected::Text { encoding, bom_len } => {
            let text = decode(encoding.label(), &bytes[bom_len..])?;
            Ok(if html {
                bulletin_decode::html_to_text(&text)
            } else {
                text
            })
        }
        Detected::Html {
            encoding, bom_len, ..
        } => Ok(bulletin_decode::html_to_text(&decode(
            encoding.label(),
            &bytes[bom_len..],
        )?)),
        Detected::Docx => Err("docx".into()),
        Detected::Pdf => {
            let gbk = |b: &[u8]| decode("gbk", b).ok();
            crate::readers::pdf(bytes, &gbk, &mut |_, _| {}).map(|r| r.text)
        }
        Detected::Ole => crate::readers::doc(bytes),
    }
}
