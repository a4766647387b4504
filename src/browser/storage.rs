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
