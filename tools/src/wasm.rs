//! What the tools worker (`src/offline/worker/tools_worker.js`) calls. Errors are
//! returned as exceptions carrying a message, which the worker sends back to
//! the page; nothing here panics on bad input.

use wasm_bindgen::prelude::*;

use crate::actions::Action;
use crate::docx;

/// Runs an export (`json`, `jsonl`, `csv`, `xlsx`, `text`) on the texts,
/// labelled by `labels` (the 文件 column); returns the file's bytes. Each
/// text's corrections by hand (`corrections[i]`, the page's
/// `view::corrections` text form) are applied first; a `filter` (the
/// figures table's, `view::export_filter`) keeps only what the table shows.
#[wasm_bindgen]
pub fn export_texts(
    action: &str,
    labels: Vec<String>,
    texts: Vec<String>,
    corrections: Vec<String>,
    filter: &str,
) -> Result<Vec<u8>, String> {
    use bulletin_analyzer::view::{corrections as fixes, export_filter};
    let action = Action::from_name(action).ok_or_else(|| format!("unknown export {action:?}"))?;
    if labels.len() != texts.len() {
        return Err(format!("{} labels for {} texts", labels.len(), texts.len()));
    }
    let filter = export_filter::decode(filter);
    // The corrections name lines of the text they were made on.
    let fix = |i: usize, b: &mut bulletin_parser::Bulletin| {
        if let Some(list) = corrections.get(i).filter(|l| !l.is_empty()) {
            *b = bulletin_parser::corrections::apply(b, &texts[i], &fixes::decode(list)).0;
        }
    };
    // A filtered table's CSV or workbook: the rows it shows, and the filter
    // said in the file (a column 筛选, a sheet 说明).
    if !filter.is_empty() && matches!(action, Action::Csv | Action::Xlsx) {
        return Ok(filtered_table(action, &labels, &texts, &filter, fix));
    }
    let docs: Vec<(String, String)> = labels.into_iter().zip(texts.iter().cloned()).collect();
    crate::actions::run_with(action, &docs, |i, b| {
        fix(i, b);
        export_filter::keep_shown(b, &filter);
    })
}

fn filtered_table(
    action: Action,
    labels: &[String],
    texts: &[String],
    filter: &bulletin_analyzer::view::table::Filter,
    fix: impl Fn(usize, &mut bulletin_parser::Bulletin),
) -> Vec<u8> {
    use bulletin_analyzer::view::export_filter;
    use bulletin_export::{figures_csv_selected, xlsx_selected, FigureRow, ItemRow, Selection};
    let parsed: Vec<bulletin_parser::Bulletin> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut b = bulletin_parser::parse(t);
            fix(i, &mut b);
            b
        })
        .collect();
    let docs: Vec<(&str, &bulletin_parser::Bulletin)> = labels
        .iter()
        .map(String::as_str)
        .zip(parsed.iter())
        .collect();
    let mut s = Selection {
        note: export_filter::note(filter),
        ..Selection::default()
    };
    for (doc, b) in parsed.iter().enumerate() {
        let mut last_item = None;
        for (item, figure) in export_filter::shown(b, filter) {
            if last_item != Some(item) {
                s.items.push(ItemRow { doc, item });
                last_item = Some(item);
            }
            s.figures.push(FigureRow { doc, item, figure });
        }
    }
    match action {
        Action::Xlsx => xlsx_selected(&docs, &s),
        _ => figures_csv_selected(&docs, &s).into_bytes(),
    }
}

/// The figures in each line of `text` (the headlines of a bulletin, one a
/// line), so the page marks figures in headlines too: per line,
/// `start,end,kind,value` of each figure (character offsets), separated by
/// `;`; lines as the input's.
#[wasm_bindgen]
pub fn line_figures(text: &str) -> String {
    use bulletin_analyzer::view::numfmt::plain_decimal;
    text.split('\n')
        .map(|line| {
            bulletin_parser::extract_figures(line)
                .iter()
                .map(|f| {
                    format!(
                        "{},{},{},{}",
                        f.start,
                        f.end,
                        f.kind.as_str(),
                        plain_decimal(f.value)
                    )
                })
                .collect::<Vec<_>>()
                .join(";")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first figure read in `text` (a selection the user adds as a
/// figure): `value \t value_max \t unit \t kind \t start \t end`, offsets
/// in characters of `text`; empty when there is none.
#[wasm_bindgen]
pub fn first_figure(text: &str) -> String {
    bulletin_parser::extract_figures(text)
        .into_iter()
        .next()
        .map(|f| {
            format!(
                "{}\t{}\t{}\t{}\t{}\t{}",
                f.value,
                f.value_max.map(|v| v.to_string()).unwrap_or_default(),
                f.unit.as_deref().unwrap_or(""),
                f.kind.as_str(),
                f.start,
                f.end
            )
        })
        .unwrap_or_default()
}

/// One bulletin's export JSON on one line: for tests and scripts that
/// drive the build (tests/e2e/offline-helpers.mjs).
#[wasm_bindgen]
pub fn parse_to_json(text: &str) -> String {
    bulletin_export::to_json_line(&bulletin_parser::parse(text))
}

/// Items per piece of [`parse_to_parts`]: small enough that the page reads
/// one within a few milliseconds.
pub const ITEMS_PER_PART: usize = 64;

/// Parses one bulletin (every parse of the page happens here, in the tools
/// worker), applies the corrections by hand kept with it, and returns it in pieces of `codec` bytes
/// (`bulletin_analyzer::offline::codec`): first the bulletin without its
/// items, then its items, [`ITEMS_PER_PART`] to a piece. Reading a 5 MB
/// paste's result in one go would hold the page for seconds; in pieces, the
/// page reads a few at a time between frames. Bytes both ways (the text
/// comes as UTF-8): the buffers are handed over, not copied.
#[wasm_bindgen]
pub fn parse_to_parts(utf8: &[u8], corrections: &str) -> js_sys::Array {
    use bulletin_analyzer::offline::codec;
    use js_sys::{Array, Uint8Array};
    // The page sends a Rust `String`'s bytes, so this never replaces.
    let text = String::from_utf8_lossy(utf8);
    let mut bulletin = bulletin_parser::parse(&text);
    // The corrections by hand kept with this text (`view::corrections`);
    // those that no longer apply (the text changed) are listed first among
    // the warnings, not dropped silently.
    if !corrections.is_empty() {
        let list = bulletin_analyzer::view::corrections::decode(corrections);
        let (b, skipped) = bulletin_parser::corrections::apply(&bulletin, &text, &list);
        bulletin = b;
        let mut warnings: Vec<_> = skipped.iter().map(skipped_warning).collect();
        warnings.append(&mut bulletin.warnings);
        bulletin.warnings = warnings;
    }
    let parts = Array::new();
    parts.push(&Uint8Array::from(codec::encode_head(&bulletin).as_slice()));
    for chunk in bulletin.items.chunks(ITEMS_PER_PART) {
        parts.push(&Uint8Array::from(codec::encode_items(chunk).as_slice()));
    }
    parts
}

/// A correction that no longer applies, as a warning the page lists:
/// code `other`, its message and text each `Chinese U+001F English`
/// (the page shows the half in its language).
pub fn skipped_warning(s: &bulletin_parser::Skipped) -> bulletin_parser::Warning {
    use bulletin_analyzer::view::i18n::{skip_reason_text, Lang};
    use bulletin_parser::corrections::Correction as C;
    let item = s.correction.item();
    let reason = (
        skip_reason_text(Lang::Zh, s.reason),
        skip_reason_text(Lang::En, s.reason),
    );
    let what = match &s.correction {
        C::SetHeadline { headline, .. } => (
            format!("改标题为「{headline}」"),
            format!("headline set to «{headline}»"),
        ),
        C::SetSources { sources, .. } => (
            format!("改来源为「{}」", sources.join("、")),
            format!("source set to «{}»", sources.join(", ")),
        ),
        C::SetSection { section, .. } => {
            let s = section.as_deref().unwrap_or("");
            (format!("改栏目为「{s}」"), format!("section set to «{s}»"))
        }
        C::MergeNext { .. } => ("与下一条合并".to_owned(), "merged with the next".to_owned()),
        C::Split { after, .. } => (
            format!("在「{after}」前拆分"),
            format!("split before «{after}»"),
        ),
        C::RemoveFigure { figure, .. } => (
            format!("数字「{}」标为错误", figure.text),
            format!("figure «{}» marked wrong", figure.text),
        ),
        C::AddFigure { text, .. } => (
            format!("补充数字「{text}」"),
            format!("figure «{text}» added"),
        ),
    };
    bulletin_parser::Warning {
        lines: bulletin_parser::LineRange {
            first: item.line,
            last: item.line,
        },
        message: format!(
            "更正未能应用：{}\u{1f}A correction no longer applies. {}",
            reason.0, reason.1
        ),
        text: format!(
            "第 {} 行「{}」：{}\u{1f}Line {} «{}»: {}",
            item.line, item.headline, what.0, item.line, item.headline, what.1
        ),
        code: bulletin_parser::WarningKind::Other,
    }
}

/// The texts of the issues in an opened file (a month of bulletins in one
/// file gives one text per issue; a single bulletin gives itself).
#[wasm_bindgen]
pub fn split_issues(text: &str) -> Vec<String> {
    bulletin_parser::split_issues(text)
}

/// The text of a web page.
#[wasm_bindgen]
pub fn html_text(html: &str) -> String {
    bulletin_decode::html_to_text(html)
}

/// word/document.xml of a .docx, still compressed.
#[wasm_bindgen(getter_with_clone)]
pub struct DocxPart {
    pub deflated: bool,
    pub crc32: u32,
    pub data: Vec<u8>,
    /// The most bytes the part may inflate to; `limit_message` says so.
    pub limit: u32,
    pub limit_message: String,
}

#[wasm_bindgen]
pub fn docx_part(bytes: &[u8]) -> Result<DocxPart, String> {
    let part = docx::document_part(bytes)?;
    Ok(DocxPart {
        deflated: part.deflated,
        crc32: part.crc32,
        data: part.data,
        limit: part.limit,
        limit_message: part.limit_message,
    })
}

/// The text of the inflated document part; the error `docx-no-text` when
/// it is damaged.
#[wasm_bindgen]
pub fn docx_text(xml: &[u8], crc32: u32) -> Result<String, String> {
    docx::part_text(xml, crc32)
}

/// A PDF's or Word document's text, and a note when part of it could not
/// be read (unmapped glyphs shown as �).
#[wasm_bindgen(getter_with_clone)]
pub struct ReadText {
    pub text: String,
    pub warning: Option<String>,
}

/// The text of a PDF (doc-readers). `on_progress(done, total)` is called
/// after each page; GBK-coded fonts are decoded with the browser's
/// `TextDecoder`. The error is the reader's message (both languages).
#[wasm_bindgen]
pub fn pdf_text(bytes: &[u8], on_progress: &js_sys::Function) -> Result<ReadText, String> {
    let decoder = web_sys::TextDecoder::new_with_label("gbk").ok();
    let gbk = |b: &[u8]| {
        decoder
            .as_ref()
            .and_then(|d| d.decode_with_u8_array(b).ok())
    };
    let mut progress = |done: usize, total: usize| {
        let _ = on_progress.call2(
            &JsValue::NULL,
            &JsValue::from(done as u32),
            &JsValue::from(total as u32),
        );
    };
    let read = crate::readers::pdf(bytes, &gbk, &mut progress)?;
    Ok(ReadText {
        warning: read.warning(),
        text: read.text,
    })
}

/// The text of a Word 97–2003 `.doc` or WPS `.wps` file (doc-readers).
#[wasm_bindgen]
pub fn doc_text(bytes: &[u8]) -> Result<String, String> {
    crate::readers::doc(bytes)
}

/// Proofreads a text (parsed here) and draws the findings list. `args`:
/// lang, `1` if the house-rules editor is open, the user's rules, the
/// dismissed keys and the text, joined by U+001F (the text last, so it may
/// hold anything). Answers `stat U+001F html` (`proofread::render`).
#[wasm_bindgen]
pub fn proofread_html(args: &str) -> String {
    let mut parts = args.splitn(5, '\u{1f}');
    let mut next = || parts.next().unwrap_or("");
    let lang = bulletin_analyzer::view::i18n::Lang::from_code(next()).unwrap_or_default();
    let rules_open = next() == "1";
    let (rules, dismissed, text) = (next(), next(), next());
    crate::proofread::render(&crate::proofread::Request {
        text,
        rules,
        dismissed,
        lang,
        rules_open,
    })
}
