//! Opened files to bulletin text.
//!
//! `decode::sniff` says what the bytes are; the browser does the two steps the
//! parser crate leaves out on purpose: `TextDecoder` for GBK/GB18030 and
//! UTF-16 (no encoding tables in the wasm), `DecompressionStream` for the
//! deflated part of a `.docx` (no inflater in the wasm).

use bulletin_parser::decode::{
    crc32, docx_xml_to_text, html_to_text, sniff, zip_entry, Detected, TextEncoding, ZipMethod,
    DOCX_DOCUMENT,
};
use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, File, ReadableWritablePair, Response, TextDecoder, TextDecoderOptions};

use crate::view::i18n::{both, Msg};
use crate::view::workspace::{FileError, Opened};

/// Larger than any bulletin by two orders of magnitude; refusing early keeps
/// a mistaken video drop from freezing the tab.
const MAX_BYTES: f64 = 20.0 * 1024.0 * 1024.0;

/// Reads every file, in order; failures become `Opened::Failed` with a reason
/// in both languages (`中文 / English`), never a panic.
pub async fn open_all(files: Vec<File>) -> Vec<Opened> {
    let mut out = Vec::with_capacity(files.len());
    for file in files {
        out.push(open(&file).await);
    }
    out
}

pub async fn open(file: &File) -> Opened {
    let name = file.name();
    match read_text(file).await {
        Ok((text, note)) => Opened::Text { name, text, note },
        Err(reason) => Opened::Failed(FileError { name, reason }),
    }
}

async fn read_text(file: &File) -> Result<(String, Option<String>), String> {
    if file.size() > MAX_BYTES {
        return Err(both(Msg::ReasonTooLarge));
    }
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| both(Msg::ReasonUnreadable))?;
    let bytes = Uint8Array::new(&buffer).to_vec();
    if bytes.is_empty() {
        return Err(both(Msg::ReasonEmpty));
    }
    decode(&file.name(), &bytes).await
}

/// The text of a file's bytes and a note on how it was read.
pub async fn decode(name: &str, bytes: &[u8]) -> Result<(String, Option<String>), String> {
    match sniff(bytes).map_err(|e| e.to_string())? {
        Detected::Text { encoding, bom_len } => {
            let text = text_decode(encoding, &bytes[bom_len..])?;
            if has_extension(name, &["html", "htm", "xhtml"]) {
                Ok((html_to_text(&text), Some(note("HTML", encoding))))
            } else {
                Ok((text, encoding_note(encoding).map(str::to_string)))
            }
        }
        Detected::Html { encoding, bom_len, .. } => {
            let text = text_decode(encoding, &bytes[bom_len..])?;
            Ok((html_to_text(&text), Some(note("HTML", encoding))))
        }
        Detected::Docx => Ok((docx_text(bytes).await?, Some("Word".to_string()))),
    }
}

async fn docx_text(bytes: &[u8]) -> Result<String, String> {
    let entry = zip_entry(bytes, DOCX_DOCUMENT).map_err(|e| e.to_string())?;
    let xml = match entry.method {
        ZipMethod::Stored => entry.data.to_vec(),
        ZipMethod::Deflated => inflate_raw(entry.data).await.map_err(|_| both(Msg::ReasonDocxNoText))?,
    };
    if crc32(&xml) != entry.crc32 {
        return Err(both(Msg::ReasonDocxNoText));
    }
    let xml = String::from_utf8(xml).map_err(|_| both(Msg::ReasonDocxNoText))?;
    Ok(docx_xml_to_text(&xml))
}

/// Raw deflate through the browser's own inflater:
/// Blob → stream → DecompressionStream("deflate-raw") → Response → bytes.
async fn inflate_raw(data: &[u8]) -> Result<Vec<u8>, JsValue> {
    let parts = Array::new();
    parts.push(&Uint8Array::from(data));
    let blob = Blob::new_with_u8_array_sequence(&parts)?;
    // A DecompressionStream is itself a {readable, writable} pair.
    let inflater = DecompressionStream::new("deflate-raw")?;
    let inflated = blob.stream().pipe_through(inflater.unchecked_ref::<ReadableWritablePair>());
    let response = Response::new_with_opt_readable_stream(Some(&inflated))?;
    let buffer = JsFuture::from(response.array_buffer()?).await?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

// web-sys has DecompressionStream only behind `web_sys_unstable_apis`; the
// two members used here are stable in every current browser.
#[wasm_bindgen]
extern "C" {
    type DecompressionStream;

    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
}

/// Strict decoding: a byte sequence the encoding does not allow is an error,
/// not a row of U+FFFD the user would only notice in the results.
fn text_decode(encoding: TextEncoding, bytes: &[u8]) -> Result<String, String> {
    let options = TextDecoderOptions::new();
    options.set_fatal(true);
    let decoder = TextDecoder::new_with_label_and_options(encoding.label(), &options)
        .map_err(|_| both(Msg::ReasonUnreadable))?;
    decoder.decode_with_u8_array(bytes).map_err(|_| both(Msg::ReasonUnreadable))
}

fn encoding_note(encoding: TextEncoding) -> Option<&'static str> {
    match encoding {
        TextEncoding::Utf8 => None,
        TextEncoding::Utf16Le => Some("UTF-16LE"),
        TextEncoding::Utf16Be => Some("UTF-16BE"),
        TextEncoding::Gb18030 => Some("GBK"),
    }
}

fn note(kind: &str, encoding: TextEncoding) -> String {
    match encoding_note(encoding) {
        Some(e) => format!("{kind} · {e}"),
        None => kind.to_string(),
    }
}

fn has_extension(name: &str, extensions: &[&str]) -> bool {
    name.rsplit_once('.')
        .is_some_and(|(_, ext)| extensions.iter().any(|e| ext.eq_ignore_ascii_case(e)))
}
