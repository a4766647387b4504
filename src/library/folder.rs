//! Files dropped on the library, a dropped folder's files included
//! (`DataTransferItem.webkitGetAsEntry`, walked in the background). The
//! entries are taken during the drop event, as the browser requires.

use std::future::Future;
use std::pin::Pin;

use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::DataTransfer;

fn get(v: &JsValue, k: &str) -> JsValue {
    Reflect::get(v, &k.into()).unwrap_or(JsValue::UNDEFINED)
}

fn call(v: &JsValue, method: &str, args: &Array) -> JsValue {
    get(v, method)
        .dyn_into::<Function>()
        .ok()
        .and_then(|f| f.apply(v, args).ok())
        .unwrap_or(JsValue::UNDEFINED)
}

/// Calls `method(success, failure)` of `v` as a promise.
async fn callback(v: &JsValue, method: &str) -> Option<JsValue> {
    let p = Promise::new(&mut |resolve, reject| {
        call(v, method, &Array::of2(&resolve, &reject));
    });
    JsFuture::from(p).await.ok()
}

/// Every file the drop carries (folders walked), in the order found.
pub fn dropped(dt: &DataTransfer) -> impl Future<Output = Array> {
    let entries = Array::new();
    let items = get(dt, "items");
    let n = get(&items, "length").as_f64().unwrap_or(0.0) as u32;
    for i in 0..n {
        let item = Reflect::get_u32(&items, i).unwrap_or(JsValue::UNDEFINED);
        let entry = call(&item, "webkitGetAsEntry", &Array::new());
        if entry.is_object() {
            entries.push(&entry);
        }
    }
    let files = Array::new();
    if entries.length() == 0 {
        if let Some(list) = dt.files() {
            for i in 0..list.length() {
                if let Some(f) = list.get(i) {
                    files.push(&f);
                }
            }
        }
    }
    async move {
        for entry in entries.iter() {
            walk(entry, &files).await;
        }
        files
    }
}

fn walk<'a>(entry: JsValue, out: &'a Array) -> Pin<Box<dyn Future<Output = ()> + 'a>> {
    Box::pin(async move {
        if get(&entry, "isFile") == JsValue::TRUE {
            if let Some(file) = callback(&entry, "file").await {
                out.push(&file);
            }
        } else if get(&entry, "isDirectory") == JsValue::TRUE {
            let reader = call(&entry, "createReader", &Array::new());
            // readEntries answers in batches until an empty one.
            while let Some(batch) = callback(&reader, "readEntries").await {
                let batch: Array = batch.unchecked_into();
                if batch.length() == 0 {
                    break;
                }
                for e in batch.iter() {
                    walk(e, out).await;
                }
            }
        }
    })
}
