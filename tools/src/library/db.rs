//! IndexedDB, from the tools worker. Database `bulletin-library`, store
//! `bulletins`: one record per bulletin, out-of-line key its identity
//! (`title|issue|date`), the value the export contract's object (written by
//! the JSON export parsed, `null` for absent values) with a
//! `library` sibling `{file}` — any tool can read it. Store
//! `settings`: the alias list and the points, by name. Store `texts`: the
//! same bulletins as JSON text, for a fast reopen (see [`TEXTS`]).
//!
//! Every write is one transaction; the worker's copy in memory changes only
//! after it completed, so a refused write (a full disk, a quota) loses
//! nothing and leaves memory and database alike.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Array, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode};

use bulletin_stats::Entry;

use super::store::{corrections_of, meta_of, Fixes};

pub const NAME: &str = "bulletin-library";
/// Version 3: stores `bulletins`, `settings` and `texts`.
pub const VERSION: u32 = 3;
const BULLETINS: &str = "bulletins";
const SETTINGS: &str = "settings";
/// The same bulletins as JSON text (`file U+001F json`), under the same
/// keys, written in the same transactions: reading 500 strings back is
/// much cheaper than 500 object graphs, so the library reopens faster.
/// `bulletins` stays the record other tools read.
const TEXTS: &str = "texts";

/// Why the database did not do what was asked.
#[derive(Debug, Clone, PartialEq)]
pub enum DbError {
    /// The disk is full or the browser refused more room.
    Quota,
    /// An older version is open in another tab and did not let go.
    Blocked,
    /// Another tab upgraded the database: this one closed its connection.
    VersionChanged,
    /// No IndexedDB here (private mode in some browsers).
    Unavailable(String),
    Other(String),
}

impl DbError {
    fn of(value: &JsValue) -> DbError {
        let name = Reflect::get(value, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_default();
        let message = Reflect::get(value, &"message".into())
            .ok()
            .and_then(|n| n.as_string())
            .or_else(|| value.as_string())
            .unwrap_or_else(|| "unknown error".into());
        if name == "QuotaExceededError" || message.contains("QuotaExceeded") {
            DbError::Quota
        } else if name == "VersionError" {
            DbError::Other(format!("{name}: {message}"))
        } else {
            DbError::Other(if name.is_empty() {
                message
            } else {
                format!("{name}: {message}")
            })
        }
    }
}

/// Waits for a request: its result, or its error.
async fn done(req: &IdbRequest) -> Result<JsValue, DbError> {
    let promise = Promise::new(&mut |resolve, reject| {
        let r = req.clone();
        let ok = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call1(&JsValue::NULL, &r.result().unwrap_or(JsValue::UNDEFINED));
        });
        let r = req.clone();
        let fail = Closure::once_into_js(move |_: web_sys::Event| {
            let err = r
                .error()
                .ok()
                .flatten()
                .map(JsValue::from)
                .unwrap_or_else(|| "request failed".into());
            let _ = reject.call1(&JsValue::NULL, &err);
        });
        req.set_onsuccess(Some(ok.unchecked_ref()));
        req.set_onerror(Some(fail.unchecked_ref()));
    });
    JsFuture::from(promise).await.map_err(|e| DbError::of(&e))
}

/// Waits for a transaction to complete (or to fail: its error).
async fn committed(tx: &IdbTransaction) -> Result<(), DbError> {
    let promise = Promise::new(&mut |resolve, reject| {
        let ok = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let t = tx.clone();
        let reject2 = reject.clone();
        let fail = Closure::once_into_js(move |_: web_sys::Event| {
            let err = t
                .error()
                .map(JsValue::from)
                .unwrap_or_else(|| "the write was not completed".into());
            let _ = reject.call1(&JsValue::NULL, &err);
        });
        let t = tx.clone();
        let aborted = Closure::once_into_js(move |_: web_sys::Event| {
            let err = t
                .error()
                .map(JsValue::from)
                .unwrap_or_else(|| "the write was cancelled".into());
            let _ = reject2.call1(&JsValue::NULL, &err);
        });
        tx.set_oncomplete(Some(ok.unchecked_ref()));
        tx.set_onerror(Some(fail.unchecked_ref()));
        tx.set_onabort(Some(aborted.unchecked_ref()));
    });
    JsFuture::from(promise)
        .await
        .map(|_| ())
        .map_err(|e| DbError::of(&e))
}

/// Opens (creating or upgrading) the database. The promise resolves with
/// `true` once open (`on_open` has the connection), or with `false` as soon
/// as an older connection in another tab holds the upgrade up — the open
/// goes on, and `on_open` runs when that tab lets go. It rejects on an
/// error. `on_version_change` runs when another tab wants to upgrade: the
/// connection is closed first, so it can.
pub fn open(
    on_open: impl Fn(IdbDatabase) + 'static,
    on_version_change: impl Fn() + 'static,
) -> Result<Promise, DbError> {
    let scope: web_sys::WorkerGlobalScope = js_sys::global().unchecked_into();
    let factory = scope
        .indexed_db()
        .ok()
        .flatten()
        .ok_or_else(|| DbError::Unavailable("IndexedDB".into()))?;
    let req: IdbOpenDbRequest = factory
        .open_with_u32(NAME, VERSION)
        .map_err(|e| DbError::of(&e))?;
    let upgrade = Closure::<dyn FnMut(web_sys::Event)>::new({
        let req = req.clone();
        move |_| {
            if let Ok(db) = req.result() {
                let db: IdbDatabase = db.unchecked_into();
                let names = db.object_store_names();
                for store in [BULLETINS, SETTINGS, TEXTS] {
                    if !names.contains(store) {
                        let _ = db.create_object_store(store);
                    }
                }
            }
        }
    });
    req.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    upgrade.forget();
    let on_open = Rc::new(on_open);
    let on_version_change = Rc::new(on_version_change);
    let settled = Rc::new(Cell::new(false));
    Ok(Promise::new(&mut |resolve, reject| {
        let answer = {
            let settled = settled.clone();
            move |f: &js_sys::Function, v: &JsValue| {
                if !settled.replace(true) {
                    let _ = f.call1(&JsValue::NULL, v);
                }
            }
        };
        let blocked = {
            let (resolve, answer) = (resolve.clone(), answer.clone());
            Closure::<dyn FnMut(web_sys::Event)>::new(move |_| answer(&resolve, &JsValue::FALSE))
        };
        req.set_onblocked(Some(blocked.as_ref().unchecked_ref()));
        blocked.forget();
        let ok = {
            let (r, answer, resolve) = (req.clone(), answer.clone(), resolve.clone());
            let (on_open, on_version_change) = (on_open.clone(), on_version_change.clone());
            Closure::once_into_js(move |_: web_sys::Event| {
                let db: IdbDatabase = r.result().unwrap_or(JsValue::UNDEFINED).unchecked_into();
                let close = {
                    let db = db.clone();
                    Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
                        db.close();
                        on_version_change();
                    })
                };
                db.set_onversionchange(Some(close.as_ref().unchecked_ref()));
                close.forget();
                on_open(db);
                answer(&resolve, &JsValue::TRUE);
            })
        };
        let fail = {
            let r = req.clone();
            Closure::once_into_js(move |_: web_sys::Event| {
                let err = r
                    .error()
                    .ok()
                    .flatten()
                    .map(JsValue::from)
                    .unwrap_or_else(|| "open failed".into());
                answer(&reject, &err);
            })
        };
        req.set_onsuccess(Some(ok.unchecked_ref()));
        req.set_onerror(Some(fail.unchecked_ref()));
    }))
}

/// Everything stored: the bulletins, each with the key it is stored
/// under (normally its `BulletinKey::id`), the settings, and the
/// corrections by hand stored with the bulletins, and the last removal
/// (JSON Lines, for an undo after a reload).
pub type Loaded = (Vec<(String, Entry)>, String, String, Fixes, String);

/// The `library` sibling's corrections, by entry id.
fn fixes_in(entries: &[(String, Entry)], metas: impl Iterator<Item = serde_json::Value>) -> Fixes {
    let mut fixes = Fixes::new();
    for ((_, e), meta) in entries.iter().zip(metas) {
        let list = corrections_of(&meta);
        if !list.is_empty() {
            fixes.insert(e.key.id(), list);
        }
    }
    fixes
}

pub async fn load(db: &IdbDatabase) -> Result<Loaded, DbError> {
    let stores = Array::of3(&BULLETINS.into(), &SETTINGS.into(), &TEXTS.into());
    let tx = db
        .transaction_with_str_sequence(&stores)
        .map_err(|e| DbError::of(&e))?;
    let store = |name: &str| tx.object_store(name).map_err(|e| DbError::of(&e));
    let keys_req = store(BULLETINS)?
        .get_all_keys()
        .map_err(|e| DbError::of(&e))?;
    let text_keys_req = store(TEXTS)?.get_all_keys().map_err(|e| DbError::of(&e))?;
    let texts_req = store(TEXTS)?.get_all().map_err(|e| DbError::of(&e))?;
    let settings = store(SETTINGS)?;
    let aliases_req = settings
        .get(&"aliases".into())
        .map_err(|e| DbError::of(&e))?;
    let points_req = settings
        .get(&"points".into())
        .map_err(|e| DbError::of(&e))?;
    let undo_req = settings.get(&"undo".into()).map_err(|e| DbError::of(&e))?;
    let keys: Array = done(&keys_req).await?.unchecked_into();
    let text_keys: Array = done(&text_keys_req).await?.unchecked_into();
    let texts: Array = done(&texts_req).await?.unchecked_into();
    let aliases = done(&aliases_req).await?.as_string().unwrap_or_default();
    let points = done(&points_req).await?.as_string().unwrap_or_default();
    let undo = done(&undo_req).await?.as_string().unwrap_or_default();
    let same_keys = keys.length() == text_keys.length()
        && keys
            .iter()
            .zip(text_keys.iter())
            .all(|(a, b)| a.as_string() == b.as_string());
    if same_keys {
        if let Some((entries, fixes)) = from_texts(&keys, &texts) {
            return Ok((entries, aliases, points, fixes, undo));
        }
    }
    // The objects themselves (written by an older version, or another tool).
    let tx = db
        .transaction_with_str(BULLETINS)
        .map_err(|e| DbError::of(&e))?;
    let values_req = tx
        .object_store(BULLETINS)
        .and_then(|s| s.get_all())
        .map_err(|e| DbError::of(&e))?;
    let values: Array = done(&values_req).await?.unchecked_into();
    // One JSON text for all records, read by serde_json: measured faster
    // than reading each field across the wasm boundary (serde-wasm-bindgen)
    // for hundreds of bulletins.
    let json = js_sys::JSON::stringify(&values)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| "[]".into());
    // Fast path: every record a bulletin (the `library` field is not part
    // of `Bulletin` and is skipped; the file names are read from the objects).
    let bulletins: Vec<bulletin_parser::Bulletin> = match serde_json::from_str(&json) {
        Ok(all) => all,
        Err(_) => {
            let (entries, fixes) = lenient(&keys, &json);
            return Ok((entries, aliases, points, fixes, undo));
        }
    };
    let mut metas = Vec::with_capacity(bulletins.len());
    let mut entries = Vec::with_capacity(bulletins.len());
    for ((key, value), bulletin) in keys.iter().zip(values.iter()).zip(bulletins) {
        let meta = Reflect::get(&value, &"library".into()).unwrap_or(JsValue::UNDEFINED);
        let file = Reflect::get(&meta, &"file".into())
            .ok()
            .and_then(|f| f.as_string());
        metas.push(
            Reflect::get(&meta, &"corrections".into())
                .ok()
                .filter(|c| c.is_object())
                .and_then(|c| js_sys::JSON::stringify(&c).ok())
                .and_then(|s| s.as_string())
                .and_then(|s| serde_json::from_str(&format!("{{\"corrections\":{s}}}")).ok())
                .unwrap_or_default(),
        );
        entries.push((
            key.as_string().unwrap_or_default(),
            Entry::new(file, bulletin),
        ));
    }
    let fixes = fixes_in(&entries, metas.into_iter());
    Ok((entries, aliases, points, fixes, undo))
}

/// The library from the `texts` store (`file U+001F json`, then
/// `U+001F corrections-json` when corrected by hand; JSON escapes every
/// control character, so the separators are unambiguous); `None` if a
/// text does not read.
fn from_texts(keys: &Array, texts: &Array) -> Option<(Vec<(String, Entry)>, Fixes)> {
    let mut entries = Vec::with_capacity(texts.length() as usize);
    let mut fixes = Fixes::new();
    for (key, text) in keys.iter().zip(texts.iter()) {
        let text = text.as_string()?;
        let (file, rest) = text.split_once('\u{1f}')?;
        let (json, corrections) = rest.split_once('\u{1f}').unwrap_or((rest, ""));
        let bulletin = serde_json::from_str(json).ok()?;
        let file = (!file.is_empty()).then(|| file.to_owned());
        let e = Entry::new(file, bulletin);
        if !corrections.is_empty() {
            fixes.insert(e.key.id(), serde_json::from_str(corrections).ok()?);
        }
        entries.push((key.as_string()?, e));
    }
    Some((entries, fixes))
}

/// The records one by one, those that are not bulletins (written by
/// another tool or version) left in the database and out of the library.
fn lenient(keys: &Array, json: &str) -> (Vec<(String, Entry)>, Fixes) {
    let records: Vec<serde_json::Value> = serde_json::from_str(json).unwrap_or_default();
    let mut entries = Vec::with_capacity(records.len());
    let mut metas = Vec::with_capacity(records.len());
    for (key, mut value) in keys.iter().zip(records) {
        let meta = value
            .as_object_mut()
            .and_then(|m| m.remove("library"))
            .unwrap_or_default();
        let Ok(bulletin) = serde_json::from_value(value) else {
            continue;
        };
        let file = meta["file"].as_str().map(str::to_owned);
        entries.push((
            key.as_string().unwrap_or_default(),
            Entry::new(file, bulletin),
        ));
        metas.push(meta);
    }
    let fixes = fixes_in(&entries, metas.into_iter());
    (entries, fixes)
}

/// Writes the entries in one transaction: all of them, or none.
pub async fn put(db: &IdbDatabase, entries: &[Entry], fixes: &Fixes) -> Result<(), DbError> {
    if entries.is_empty() {
        return Ok(());
    }
    let tx = db
        .transaction_with_str_sequence_and_mode(
            &Array::of2(&BULLETINS.into(), &TEXTS.into()),
            IdbTransactionMode::Readwrite,
        )
        .map_err(|e| DbError::of(&e))?;
    let store = tx.object_store(BULLETINS).map_err(|e| DbError::of(&e))?;
    let texts = tx.object_store(TEXTS).map_err(|e| DbError::of(&e))?;
    for e in entries {
        let json = bulletin_export::to_json_line(&e.bulletin);
        // The export contract's JSON, as a plain object (absent values
        // null, as in the export): any tool reading the database sees what
        // `bulletin parse` writes.
        let value = js_sys::JSON::parse(&json).map_err(|err| DbError::of(&err))?;
        let meta = js_sys::JSON::parse(&meta_of(e, fixes).to_string())
            .unwrap_or_else(|_| js_sys::Object::new().into());
        let _ = Reflect::set(&value, &"library".into(), &meta);
        let key: JsValue = e.key.id().into();
        let mut text = format!("{}\u{1f}{json}", e.file.as_deref().unwrap_or(""));
        if let Some(list) = fixes.get(&e.key.id()).filter(|l| !l.is_empty()) {
            text.push('\u{1f}');
            text += &serde_json::to_string(list).unwrap_or_default();
        }
        let written = store
            .put_with_key(&value, &key)
            .and_then(|_| texts.put_with_key(&text.into(), &key));
        if let Err(err) = written {
            let _ = tx.abort();
            return Err(DbError::of(&err));
        }
    }
    committed(&tx).await
}

/// Removes the bulletins with these keys (all of them when `keys` is None).
pub async fn remove(db: &IdbDatabase, keys: Option<&[String]>) -> Result<(), DbError> {
    let tx = db
        .transaction_with_str_sequence_and_mode(
            &Array::of2(&BULLETINS.into(), &TEXTS.into()),
            IdbTransactionMode::Readwrite,
        )
        .map_err(|e| DbError::of(&e))?;
    for name in [BULLETINS, TEXTS] {
        let store = tx.object_store(name).map_err(|e| DbError::of(&e))?;
        match keys {
            None => {
                store.clear().map_err(|e| DbError::of(&e))?;
            }
            Some(keys) => {
                for k in keys {
                    store
                        .delete(&k.as_str().into())
                        .map_err(|e| DbError::of(&e))?;
                }
            }
        }
    }
    committed(&tx).await
}

/// Saves a setting (`aliases`, `points`).
pub async fn set_setting(db: &IdbDatabase, name: &str, value: &str) -> Result<(), DbError> {
    let tx = db
        .transaction_with_str_and_mode(SETTINGS, IdbTransactionMode::Readwrite)
        .map_err(|e| DbError::of(&e))?;
    let store = tx.object_store(SETTINGS).map_err(|e| DbError::of(&e))?;
    if let Err(err) = store.put_with_key(&value.into(), &name.into()) {
        let _ = tx.abort();
        return Err(DbError::of(&err));
    }
    committed(&tx).await
}
