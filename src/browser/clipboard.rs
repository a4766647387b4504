//! Copies text: the async Clipboard API where the page may use it, else the
//! old select-and-`execCommand("copy")` on a hidden textarea (plain http on
//! a LAN address, older browsers).

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlTextAreaElement;

pub async fn copy(text: &str) -> bool {
    if let Some(w) = super::window() {
        let clipboard = w.navigator().clipboard();
        // `navigator.clipboard` is undefined outside secure contexts.
        if !clipboard.is_undefined() && JsFuture::from(clipboard.write_text(text)).await.is_ok() {
            return true;
        }
    }
    copy_with_exec_command(text)
}

fn copy_with_exec_command(text: &str) -> bool {
    let Some(doc) = super::document() else {
        return false;
    };
    let Some(body) = doc.body() else { return false };
    let Ok(el) = doc.create_element("textarea") else {
        return false;
    };
    let area: HtmlTextAreaElement = el.unchecked_into();
    area.set_value(text);
    area.set_read_only(true);
    let _ = area.class_list().add_1("offscreen");
    let _ = body.append_child(&area);
    area.select();
    let html: web_sys::HtmlDocument = doc.unchecked_into();
    let ok = html.exec_command("copy").unwrap_or(false);
    let _ = body.remove_child(&area);
    ok
}
