//! Corrections by hand kept in localStorage, per bulletin text
//! (`view::corrections::text_key`), in the text form of
//! `view::corrections::encode`.

use super::storage;
use crate::view::corrections::{decode, encode, text_key, History};

fn storage_key(key: &str) -> String {
    format!("corrections.{key}")
}

/// The corrections kept for the bulletin with this key.
pub fn load(key: &str) -> History {
    History::from_done(decode(&storage::get(&storage_key(key)).unwrap_or_default()))
}

/// The corrections kept for `text`, as the tools module reads them.
pub fn saved_for(text: &str) -> String {
    storage::get(&storage_key(&text_key(text))).unwrap_or_default()
}

pub fn save(key: &str, history: &History) {
    storage::set(&storage_key(key), &encode(&history.done));
}
