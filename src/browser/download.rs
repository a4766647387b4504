//! Saves bytes as a file: Blob → object URL → a clicked `<a download>`,
//! the URL revoked right after (the click has taken its copy by then).

use js_sys::{Array, Uint8Array};
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

pub fn save(bytes: &[u8], mime: &str, file_name: &str) -> Result<(), String> {
    let doc = super::document().ok_or("no document")?;
    let parts = Array::new();
    parts.push(&Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(js_err)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(js_err)?;
    let a: HtmlAnchorElement = doc.create_element("a").map_err(js_err)?.unchecked_into();
    a.set_href(&url);
    a.set_download(file_name);
    a.set_hidden(true);
    let body = doc.body().ok_or("no body")?;
    let _ = body.append_child(&a);
    a.click();
    let _ = body.remove_child(&a);
    let _ = Url::revoke_object_url(&url);
    Ok(())
}

fn js_err(e: wasm_bindgen::JsValue) -> String {
    e.as_string()
        .unwrap_or_else(|| "download failed".to_string())
}
