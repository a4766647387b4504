//! Opened files to bulletin text.
//!
//! `decode::sniff` says what the bytes are; the browser's `TextDecoder`
//! reads GBK/GB18030 and UTF-16 (no encoding tables in the wasm). Plain
//! text, the common case, is read here; a web page or a Word `.docx` goes to
//! the tools module (`crate::offline::tools`, loaded on first use), which
//! holds the HTML and Word readers and inflates the `.docx` with the
//! browser's `DecompressionStream`; PDF and Word 97 `.doc`/`.wps` files
//! go there too (the `doc-readers` crate).

use bulletin_decode::{sniff_with_note, Detected, TextEncoding};
use js_sys::Uint8Array;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, TextDecoder, TextDecoderOptions};

use crate::offline::tools::{self, ToolsError, DOCX_NO_TEXT};
use crate::offline::{status, Progress};
use crate::view::i18n::{both, Msg};
use crate::view::workspace::{issue_entries, FileError, Opened};

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

/// Every readable file as its issues, each an entry of its own: a file
/// holding a month of bulletins gives one per issue. The parser that splits
/// them is in the tools module; if it cannot load, each file stays whole
/// (its parse then says why), so nothing is lost.
pub async fn split_issues(batch: Vec<Opened>) -> Vec<Opened> {
    let mut out = Vec::with_capacity(batch.len());
    for opened in batch {
        match opened {
            Opened::Text { name, text, note } => match tools::split_issues(&text).await {
                Ok(issues) if !issues.is_empty() => out.extend(issue_entries(&name, &note, issues)),
                _ => out.push(Opened::Text { name, text, note }),
            },
            failed => out.push(failed),
        }
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

/// The text of a file's bytes and a note on how it was read. When the
/// encoding was a guess the note says so (`GBK?`), and after a line break
/// why: the tab shows the first line and the whole note on hover.
pub async fn decode(name: &str, bytes: &[u8]) -> Result<(String, Option<String>), String> {
    let (detected, guess) = sniff_with_note(bytes).map_err(|e| e.to_string())?;
    let with_guess = |note: Option<String>| match (note, &guess) {
        (Some(note), Some(why)) => Some(format!("{note}?\n{why}")),
        (note, _) => note,
    };
    match detected {
        Detected::Text { encoding, bom_len } => {
            let text = text_decode(encoding, &bytes[bom_len..])?;
            if has_extension(name, &["html", "htm", "xhtml"]) {
                Ok((
                    html_text(&text).await?,
                    with_guess(Some(note("HTML", encoding))),
                ))
            } else {
                Ok((
                    text,
                    with_guess(encoding_note(encoding).map(str::to_string)),
                ))
            }
        }
        Detected::Html {
            encoding, bom_len, ..
        } => {
            let text = text_decode(encoding, &bytes[bom_len..])?;
            Ok((
                html_text(&text).await?,
                with_guess(Some(note("HTML", encoding))),
            ))
        }
        Detected::Docx => {
            let text = tools::docx_text(bytes).await.map_err(|e| match e {
                ToolsError::Failed(m) if m == DOCX_NO_TEXT => both(Msg::ReasonDocxNoText),
                other => reason(&other),
            })?;
            Ok((text, Some("Word".to_string())))
        }
        // PDF and Word 97/WPS: doc-readers in the tools module; a PDF's
        // pages are counted on the page's progress bar as they are read.
        detected => {
            let (action, kind) = if detected == Detected::Pdf {
                ("pdf", "PDF")
            } else {
                ("doc", "Word 97")
            };
            let read = tools::binary_text(action, bytes, |done, total| {
                status::publish(Some(Progress { done, total }))
            })
            .await;
            status::publish(None);
            let (text, warning) = read.map_err(|e| reason(&e))?;
            Ok((
                text,
                Some(warning.map_or_else(|| kind.to_string(), |w| format!("{kind} · {w}"))),
            ))
        }
    }
}

async fn html_text(html: &str) -> Result<String, String> {
    tools::html_text(html).await.map_err(|e| reason(&e))
}

/// A tools failure as a file's reason, in both languages as the others are.
fn reason(e: &ToolsError) -> String {
    match e {
        ToolsError::Unavailable(m) => format!("读取此类文件的工具未能加载（{m}） / the reader for this kind of file did not load ({m})"),
        ToolsError::Failed(m) => m.clone(),
    }
}

/// Strict decoding: a byte sequence the encoding does not allow is an error,
/// not a row of U+FFFD the user would only notice in the results.
fn text_decode(encoding: TextEncoding, bytes: &[u8]) -> Result<String, String> {
    let options = TextDecoderOptions::new();
    options.set_fatal(true);
    let decoder = TextDecoder::new_with_label_and_options(encoding.label(), &options)
        .map_err(|_| both(Msg::ReasonUnreadable))?;
    decoder
        .decode_with_u8_array(bytes)
        .map_err(|_| both(Msg::ReasonUnreadable))
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
