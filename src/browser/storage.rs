//! localStorage for the draft and the language. Every failure (storage
//! disabled, quota full) is ignored: losing a draft save must not break typing.

const PREFIX: &str = "bulletin-analyzer.";
pub const DRAFT: &str = "draft";
pub const LANG: &str = "lang";

fn local() -> Option<web_sys::Storage> {
    super::window()?.local_storage().ok()?
}

pub fn get(key: &str) -> Option<String> {
    local()?.get_item(&format!("{PREFIX}{key}")).ok()?
}

pub fn set(key: &str, value: &str) {
    if let Some(s) = local() {
        let _ = s.set_item(&format!("{PREFIX}{key}"), value);
    }
}

/// Every kept value whose key starts with `start`: `key-rest U+001C value`,
/// joined by U+001D.
pub fn all_with(start: &str) -> String {
    let mut out = String::new();
    let Some(s) = local() else { return out };
    let start = format!("{PREFIX}{start}");
    for i in 0..s.length().unwrap_or(0) {
        let Some(key) = s.key(i).ok().flatten() else {
            continue;
        };
        if let (Some(rest), Some(v)) = (key.strip_prefix(&start), s.get_item(&key).ok().flatten()) {
            out.push_str(rest);
            out.push('\u{1c}');
            out.push_str(&v);
            out.push('\u{1d}');
        }
    }
    out
}
