//! Why a file could not be read as a bulletin, said so that the person who
//! dropped it knows what to do next: one line, Chinese first, then English
//! (`Display`). Each kind has a stable code ([`DecodeError::code`]) for
//! programs and for translations that key on it; the codes never change.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// A PDF: its text has to be copied out first.
    Pdf,
    /// An old binary Word `.doc` (OLE compound file).
    WordDoc,
    /// An RTF document.
    Rtf,
    /// An image: `"PNG"`, `"JPEG"`, …
    Image(&'static str),
    /// A zip archive that is not a Word document: `"Excel .xlsx"`, `"zip"`, …
    NotDocx(&'static str),
    /// Some other binary file; says what gave it away.
    Binary(&'static str),
    /// Not UTF-8, and not plausible GB18030 either; `offset` is the first
    /// byte that fits neither.
    UnknownEncoding { offset: usize },
    /// Valid GB18030 byte structure, but the characters look like Big5
    /// (traditional-Chinese Taiwan/Hong Kong encoding), which would decode to
    /// garbage as GB18030.
    LooksLikeBig5,
    /// Bytes that are not UTF-8, at `offset`.
    InvalidUtf8 { offset: usize },
    /// A lone UTF-16 surrogate at byte `offset`.
    InvalidUtf16 { offset: usize },
    /// A damaged zip archive (truncated download, …); says which structure.
    BadZip(&'static str),
    /// The zip has no entry of that name.
    MissingZipEntry(String),
    /// A zip feature this reader does not handle: encryption, zip64, a
    /// compression method other than stored/deflated.
    UnsupportedZip(&'static str),
    /// The `.docx` is a valid zip but its document part is unreadable.
    BadDocx(&'static str),
    /// Elements nested deeper than `limit` (no real document does).
    TooDeep { limit: usize },
    /// A zip entry that would inflate past `limit` bytes, or more than
    /// `ratio` times its compressed size (a zip bomb).
    InflateLimit { limit: u64, ratio: u64 },
    /// Input larger than `limit` bytes (`size`, when known).
    TooLarge { size: Option<u64>, limit: u64 },
}

impl DecodeError {
    /// The stable code of this kind of error (kebab-case ASCII, never
    /// renamed): what a program or a translation table keys on.
    pub fn code(&self) -> &'static str {
        use DecodeError::*;
        match self {
            Pdf => "pdf",
            WordDoc => "word-doc",
            Rtf => "rtf",
            Image(_) => "image",
            NotDocx(_) => "not-docx",
            Binary(_) => "binary",
            UnknownEncoding { .. } => "unknown-encoding",
            LooksLikeBig5 => "looks-like-big5",
            InvalidUtf8 { .. } => "invalid-utf8",
            InvalidUtf16 { .. } => "invalid-utf16",
            BadZip(_) => "bad-zip",
            MissingZipEntry(_) => "missing-zip-entry",
            UnsupportedZip(_) => "unsupported-zip",
            BadDocx(_) => "bad-docx",
            TooDeep { .. } => "too-deep",
            InflateLimit { .. } => "inflate-limit",
            TooLarge { .. } => "too-large",
        }
    }
}

/// `1048576` → `1 MiB`, `65536` → `64 KiB`: limits said the way people
/// set them.
pub fn human_size(bytes: u64) -> String {
    // Printed as `usize`: the page already carries that formatting code.
    let (unit, scale) = match bytes {
        b if b >= 1 << 20 => ("MiB", 1u64 << 20),
        b if b >= 1024 => ("KiB", 1024),
        b => return format!("{} bytes", b as usize),
    };
    let whole = (bytes / scale) as usize;
    match ((bytes % scale) * 10 / scale) as usize {
        0 => format!("{whole} {unit}"),
        d => format!("{whole}.{d} {unit}"),
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use DecodeError::*;
        match self {
            Pdf => write!(
                f,
                "这是 PDF 文件，请先从 PDF 中复制文字 / PDF file: copy the text out of it first"
            ),
            WordDoc => write!(
                f,
                "这是旧版 Word (.doc) 文件，请另存为 .docx 或复制文字 / old Word .doc file: save it as .docx or copy the text out"
            ),
            Rtf => write!(
                f,
                "这是 RTF 文件，请另存为 .docx 或复制文字 / RTF file: save it as .docx or copy the text out"
            ),
            Image(kind) => write!(
                f,
                "这是图片（{kind}），不是文字 / {kind} image, not text: copy the text out of the original document"
            ),
            NotDocx(kind) => write!(
                f,
                "这是压缩包（{kind}），不是 Word 文档 / {kind} archive, not a Word .docx document"
            ),
            Binary(why) => write!(
                f,
                "这不是文本文件（{why}） / not a text file ({why})"
            ),
            UnknownEncoding { offset } => write!(
                f,
                "无法识别文字编码（第 {offset} 字节起既非 UTF-8 也非 GB18030/GBK），请另存为 UTF-8 / unknown text encoding (neither UTF-8 nor GB18030/GBK at byte {offset}): save the file as UTF-8"
            ),
            LooksLikeBig5 => write!(
                f,
                "文字编码像是繁体 Big5，请另存为 UTF-8 / the text looks like Big5: save the file as UTF-8"
            ),
            InvalidUtf8 { offset } => write!(
                f,
                "第 {offset} 字节不是有效的 UTF-8 / invalid UTF-8 at byte {offset}"
            ),
            InvalidUtf16 { offset } => write!(
                f,
                "第 {offset} 字节不是有效的 UTF-16 / invalid UTF-16 (lone surrogate) at byte {offset}"
            ),
            BadZip(what) => write!(
                f,
                "压缩包已损坏（{what}），文件可能未下载完整 / damaged zip archive ({what}): the file may be incomplete"
            ),
            MissingZipEntry(name) => write!(
                f,
                "压缩包中没有 {name} / the archive has no entry {name}"
            ),
            UnsupportedZip(what) => write!(
                f,
                "不支持的压缩格式（{what}），请用 Word 另存为 .docx / unsupported archive feature ({what}): re-save the document from Word"
            ),
            BadDocx(what) => write!(
                f,
                "Word 文档已损坏（{what}） / damaged Word document ({what})"
            ),
            TooDeep { limit } => write!(
                f,
                "嵌套超过 {limit} 层，未读取 / nested deeper than {limit} levels: not read"
            ),
            InflateLimit { limit, ratio } => write!(
                f,
                "解压后超过 {0} 或压缩比 {ratio}:1，疑似压缩炸弹 / inflates past {0} or {ratio} times its compressed size: likely a zip bomb",
                human_size(*limit)
            ),
            TooLarge {
                size: Some(size),
                limit,
            } => write!(
                f,
                "文件过大（{0}，上限 {1}） / file too large ({0}; the limit is {1})",
                human_size(*size),
                human_size(*limit)
            ),
            // A stream (standard input, a pipe, /dev/zero): its size is
            // known only as far as it was read.
            TooLarge { size: None, limit } => write!(
                f,
                "文件过大（超过上限 {0}） / file too large (more than the limit of {0})",
                human_size(*limit)
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind has its own code, as listed here once and for all (a
    /// renamed code breaks whoever keys on it), and a Chinese message.
    #[test]
    fn codes_are_stable_and_distinct() {
        let all = [
            (DecodeError::Pdf, "pdf"),
            (DecodeError::WordDoc, "word-doc"),
            (DecodeError::Rtf, "rtf"),
            (DecodeError::Image("PNG"), "image"),
            (DecodeError::NotDocx("zip"), "not-docx"),
            (DecodeError::Binary("NUL bytes"), "binary"),
            (
                DecodeError::UnknownEncoding { offset: 3 },
                "unknown-encoding",
            ),
            (DecodeError::LooksLikeBig5, "looks-like-big5"),
            (DecodeError::InvalidUtf8 { offset: 1 }, "invalid-utf8"),
            (DecodeError::InvalidUtf16 { offset: 2 }, "invalid-utf16"),
            (DecodeError::BadZip("no end record"), "bad-zip"),
            (
                DecodeError::MissingZipEntry("word/document.xml".into()),
                "missing-zip-entry",
            ),
            (DecodeError::UnsupportedZip("zip64"), "unsupported-zip"),
            (DecodeError::BadDocx("no body"), "bad-docx"),
            (DecodeError::TooDeep { limit: 9 }, "too-deep"),
            (
                DecodeError::InflateLimit {
                    limit: 1 << 20,
                    ratio: 100,
                },
                "inflate-limit",
            ),
            (
                DecodeError::TooLarge {
                    size: None,
                    limit: 1 << 20,
                },
                "too-large",
            ),
        ];
        let mut codes: Vec<&str> = Vec::new();
        for (e, code) in &all {
            assert_eq!(e.code(), *code, "{e:?}");
            assert!(!codes.contains(code), "{code} twice");
            codes.push(code);
            let message = e.to_string();
            assert!(
                message
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{message}"
            );
        }
    }

    #[test]
    fn sizes_read_as_people_set_them() {
        assert_eq!(human_size(64 << 20), "64 MiB");
        assert_eq!(human_size(128 << 20), "128 MiB");
        assert_eq!(human_size(80_000_000), "76.2 MiB");
        assert_eq!(human_size(65536), "64 KiB");
        assert_eq!(human_size(1000), "1000 bytes");
    }
}
