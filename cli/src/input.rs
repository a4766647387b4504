//! From command-line inputs to bulletin text: directories expanded, files
//! read, their format and encoding sniffed (`bulletin_decode`),
//! GB18030 decoded with `encoding_rs`, `.docx` parts inflated with
//! `miniz_oxide`; PDF and Word 97/WPS files read by `doc-readers`.

use std::io::Read;
use std::path::{Path, PathBuf};

use bulletin_decode::{
    self as decode, crc32, decode_utf16, decode_utf8, docx_xml_to_text, html_to_text,
    inflate_limit_error, sniff_str, sniff_with_note, zip_entry, DecodeError, Detected,
    TextEncoding, ZipMethod,
};

/// Files a directory input contributes.
pub const EXTENSIONS: [&str; 9] = [
    "txt", "md", "markdown", "docx", "html", "htm", "pdf", "doc", "wps",
];

/// One input to read: a file, or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    /// How the input is named in output and messages.
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "-".to_owned(),
            Input::File(path) => path.display().to_string(),
        }
    }
}

/// A decoded input.
#[derive(Debug)]
pub struct Text {
    pub text: String,
    /// Something the user should know though the text was read.
    pub warning: Option<String>,
}

/// Expands directories into their bulletin files, sorted by name. An error
/// names the argument and says what is wrong with it, in one line.
pub fn expand(arguments: &[PathBuf]) -> Vec<Result<Input, (String, String)>> {
    let mut inputs = Vec::new();
    for arg in arguments {
        if arg.as_os_str() == "-" {
            inputs.push(Ok(Input::Stdin));
            continue;
        }
        if !arg.is_dir() {
            inputs.push(Ok(Input::File(arg.clone())));
            continue;
        }
        match bulletin_files(arg) {
            Ok(files) if files.is_empty() => inputs.push(Err((
                arg.display().to_string(),
                "目录中没有 .txt/.md/.docx/.html/.pdf/.doc/.wps 文件 / no .txt, .md, .docx, .html, .pdf, .doc or .wps files in this directory".to_owned(),
            ))),
            Ok(files) => inputs.extend(files.into_iter().map(|f| Ok(Input::File(f)))),
            Err(e) => inputs.push(Err((arg.display().to_string(), io_message(&e)))),
        }
    }
    inputs
}

fn bulletin_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // Hidden files and Word's lock files (`~$报告.docx`) are not bulletins.
        if name.starts_with('.') || name.starts_with("~$") || !path.is_file() {
            continue;
        }
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if EXTENSIONS.contains(&extension.as_str()) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Reads and decodes one input of at most `max_size` bytes. The error is
/// the one-line message.
pub fn read(input: &Input, max_size: u64) -> Result<Text, String> {
    let too_large = |size: Option<u64>| {
        format!(
            "{}；可用 --max-input-size 调整 / raise the limit with --max-input-size",
            DecodeError::TooLarge {
                size,
                limit: max_size
            }
        )
    };
    let bytes = match input {
        Input::Stdin => read_at_most(std::io::stdin().lock(), max_size, 0),
        Input::File(path) => {
            let file = std::fs::File::open(path).map_err(|e| io_message(&e))?;
            let meta = file.metadata().map_err(|e| io_message(&e))?;
            if meta.is_dir() {
                return Err("这是目录 / is a directory".to_owned());
            }
            // A regular file says its size: refuse it before reading. A
            // device or pipe (`/dev/zero`) is read up to the limit.
            if meta.is_file() && meta.len() > max_size {
                return Err(too_large(Some(meta.len())));
            }
            let hint = if meta.is_file() { meta.len() } else { 0 };
            read_at_most(file, max_size, hint)
        }
    }
    .map_err(|e| match e {
        ReadError::TooLarge => too_large(None),
        ReadError::Io(e) => io_message(&e),
    })?;
    let html_by_name = match input {
        Input::File(path) => {
            let ext = path
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase());
            matches!(ext.as_deref(), Some("html" | "htm"))
        }
        Input::Stdin => false,
    };
    // Validated as UTF-8 and sniffed once: the verdict routes the file and
    // is handed on (a second look at a big file costs as much as parsing).
    let bytes = Bytes::checked(bytes);
    let sniffed = match &bytes {
        Bytes::Utf8(text) => sniff_str(text),
        Bytes::Other(bytes) => sniff_with_note(bytes),
    };
    match sniffed {
        // PDF and Word 97/WPS: the doc-readers crate (one reader for the CLI
        // and the page's tools module).
        Ok((Detected::Pdf, _)) => {
            let bytes = bytes.as_bytes();
            let gbk = |b: &[u8]| {
                Some(
                    encoding_rs::GBK
                        .decode_without_bom_handling(b)
                        .0
                        .into_owned(),
                )
            };
            let read = doc_readers::pdf::pdf_to_text(
                bytes,
                Some(&gbk),
                &Default::default(),
                &mut |_, _| {},
            );
            read.map(|t| Text {
                warning: t.warning(),
                text: t.text,
            })
            .map_err(|e| e.to_string())
        }
        Ok((Detected::Ole, _)) => doc_readers::doc::doc_to_text(bytes.as_bytes())
            .map(|text| Text {
                text,
                warning: None,
            })
            .map_err(|e| e.to_string()),
        sniffed => text_of(bytes, sniffed, html_by_name).map_err(|e| e.to_string()),
    }
}

enum ReadError {
    TooLarge,
    Io(std::io::Error),
}

/// All of `reader`, or `TooLarge` as soon as it passes `max` bytes.
fn read_at_most(reader: impl Read, max: u64, hint: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::with_capacity(hint.min(max) as usize);
    reader
        .take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > max {
        return Err(ReadError::TooLarge);
    }
    Ok(bytes)
}

/// The bulletin text in a file's bytes, checked and sniffed (see
/// [`Bytes::checked`]). `html_by_name`: the file is called
/// `.html`, so read it as a web page even if it lacks the usual markers.
fn text_of(
    bytes: Bytes,
    sniffed: Result<(Detected, Option<String>), DecodeError>,
    html_by_name: bool,
) -> Result<Text, DecodeError> {
    let (detected, note) = sniffed?;
    let joined = |warning: Option<String>| match (note.clone(), warning) {
        (Some(a), Some(b)) => Some(format!("{a}; {b}")),
        (a, b) => a.or(b),
    };
    match detected {
        Detected::Text { encoding, .. } => {
            let (text, warning) = decode_text(bytes, encoding)?;
            let text = if html_by_name {
                html_to_text(&text)
            } else {
                text
            };
            Ok(Text {
                text,
                warning: joined(warning),
            })
        }
        Detected::Html { encoding, .. } => {
            let (text, warning) = decode_text(bytes, encoding)?;
            Ok(Text {
                text: html_to_text(&text),
                warning: joined(warning),
            })
        }
        Detected::Docx => Ok(Text {
            text: docx_text(bytes.as_bytes())?,
            warning: None,
        }),
        Detected::Pdf => Err(DecodeError::Pdf),
        Detected::Ole => Err(DecodeError::WordDoc),
    }
}

/// A file's bytes, known to be valid UTF-8 or not.
enum Bytes {
    Utf8(String),
    Other(Vec<u8>),
}

impl Bytes {
    /// Most files are UTF-8: validated once here, kept as a String, and
    /// sniffing is told so instead of validating again.
    fn checked(bytes: Vec<u8>) -> Bytes {
        // simdutf8 validates Chinese text several times faster than std:
        // `String::from_utf8` here cost a tenth more instructions over the
        // bench files (~8 a byte of Chinese). Turning the validated bytes
        // into a String without validating again needs `unsafe`, which the
        // crate forbids; the copy instead (a memcpy) costs ~2%.
        match simdutf8::basic::from_utf8(&bytes) {
            Ok(text) => Bytes::Utf8(text.to_owned()),
            Err(_) => Bytes::Other(bytes),
        }
    }

    fn as_bytes(&self) -> &[u8] {
        match self {
            Bytes::Utf8(text) => text.as_bytes(),
            Bytes::Other(bytes) => bytes,
        }
    }

    fn into_bytes(self) -> Vec<u8> {
        match self {
            Bytes::Utf8(text) => text.into_bytes(),
            Bytes::Other(bytes) => bytes,
        }
    }
}

/// UTF-8 bytes to text without a copy when they are valid (the common
/// case); otherwise [`decode_utf8`]'s rules and messages.
fn utf8_owned(bytes: Vec<u8>) -> Result<String, DecodeError> {
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{FEFF}') {
                text.drain(..3);
            }
            Ok(text)
        }
        Err(e) => decode_utf8(e.as_bytes()),
    }
}

/// Decodes text whose encoding `sniff` found; byte-order marks dropped.
fn decode_text(
    bytes: Bytes,
    encoding: TextEncoding,
) -> Result<(String, Option<String>), DecodeError> {
    let bytes = match (encoding, bytes) {
        (TextEncoding::Utf8, Bytes::Utf8(mut text)) => {
            if text.starts_with('\u{FEFF}') {
                text.drain(..3);
            }
            return Ok((text, None));
        }
        (_, bytes) => bytes.into_bytes(),
    };
    match encoding {
        TextEncoding::Utf8 => Ok((utf8_owned(bytes)?, None)),
        TextEncoding::Utf16Le => Ok((decode_utf16(&bytes, false)?, None)),
        TextEncoding::Utf16Be => Ok((decode_utf16(&bytes, true)?, None)),
        TextEncoding::Gb18030 => {
            let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(&bytes);
            // `sniff` checked the byte structure; a few four-byte codes are
            // still unassigned and come out as U+FFFD.
            let warning = had_errors.then(|| {
                "部分字节无法按 GB18030 解码，已显示为 � / some bytes are not valid GB18030 and show as �".to_owned()
            });
            Ok((text.into_owned(), warning))
        }
    }
}

/// The text of a Word document.
fn docx_text(zip: &[u8]) -> Result<String, DecodeError> {
    let entry = zip_entry(zip, decode::DOCX_DOCUMENT)?;
    let xml = match entry.method {
        ZipMethod::Stored => entry.data.to_vec(),
        ZipMethod::Deflated => {
            // Refused before inflating when it declares more than its
            // limit (a ratio and a cap); inflated no further than it
            // declares, so a bomb that lies about its size stops there.
            entry.inflate_limit()?;
            miniz_oxide::inflate::decompress_to_vec_with_limit(
                entry.data,
                entry.uncompressed_size as usize,
            )
            .map_err(|e| match e.status {
                miniz_oxide::inflate::TINFLStatus::HasMoreOutput => inflate_limit_error(),
                _ => DecodeError::BadDocx("document.xml does not inflate"),
            })?
        }
    };
    if xml.len() as u64 != entry.uncompressed_size || crc32(&xml) != entry.crc32 {
        return Err(DecodeError::BadDocx("document.xml fails its checksum"));
    }
    let xml = utf8_owned(xml).map_err(|_| DecodeError::BadDocx("document.xml is not UTF-8"))?;
    docx_xml_to_text(&xml)
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "找不到文件 / no such file or directory".to_owned(),
        std::io::ErrorKind::PermissionDenied => "没有读取权限 / permission denied".to_owned(),
        _ if e.raw_os_error() == Some(21) => "这是目录 / is a directory".to_owned(),
        _ => format!("无法读取 / cannot read: {e}"),
    }
}
