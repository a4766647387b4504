//! Why a PDF or Word file gave no text, said for the person who dropped it:
//! one line, Chinese first, then English (as the parser's `DecodeError`).

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// The PDF is encrypted (a password, or only permissions).
    PdfEncrypted,
    /// Pages but no text on them: a scan (images only) or an empty document.
    PdfNoText { pages: usize, images: usize },
    /// Text drawn with fonts that carry no map to Unicode: what they would
    /// give is garbage. `unmapped` of `glyphs` glyphs had no map.
    PdfUnmappedFonts { glyphs: usize, unmapped: usize },
    /// The file is damaged past reading; says which structure.
    PdfDamaged(&'static str),
    /// A limit of [`crate::Limits`] was reached (a hostile or absurd file).
    TooLarge(&'static str),
    /// The OLE compound file is damaged; says which structure.
    OleDamaged(&'static str),
    /// An OLE compound file that is not a Word document: `"Excel .xls"`, …
    NotWord(&'static str),
    /// A Word 6/95 or older (or old Kingsoft WPS) document.
    WordTooOld,
    /// A password-protected Word document.
    WordEncrypted,
    /// The Word document's structures are damaged; says which.
    WordDamaged(&'static str),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ReadError::*;
        match self {
            PdfEncrypted => write!(
                f,
                "这个 PDF 已加密，无法读取文字：请用 PDF 阅读器另存为未加密的 PDF 或复制文字 / encrypted PDF: save an unencrypted copy or copy the text out"
            ),
            PdfNoText { pages, images } if *images > 0 => write!(
                f,
                "这个 PDF 的 {pages} 页是扫描图片，没有文字，需要先做文字识别（OCR） / scanned PDF ({pages} pages of images, no text): it needs OCR first"
            ),
            PdfNoText { pages, .. } => write!(
                f,
                "这个 PDF（{pages} 页）中没有文字，可能是扫描件，需要先做文字识别（OCR） / no text in this PDF ({pages} pages): if it is a scan it needs OCR first"
            ),
            PdfUnmappedFonts { glyphs, unmapped } => write!(
                f,
                "这个 PDF 的字体没有文字编码映射（{glyphs} 个字中 {unmapped} 个无法还原），读出的会是乱码：需要先做文字识别（OCR）或从原文档复制文字 / the PDF's fonts have no Unicode map ({unmapped} of {glyphs} glyphs): its text would be garbage; it needs OCR or the original document"
            ),
            PdfDamaged(what) => write!(
                f,
                "PDF 文件已损坏（{what}），文件可能未下载完整 / damaged PDF ({what}): the file may be incomplete"
            ),
            TooLarge(what) => write!(
                f,
                "文件超出处理上限（{what}） / the file exceeds a processing limit ({what})"
            ),
            OleDamaged(what) => write!(
                f,
                "Office 文件已损坏（{what}） / damaged Office file ({what})"
            ),
            NotWord(kind) => write!(
                f,
                "这是 {kind} 文件，不是 Word 文档 / {kind} file, not a Word document"
            ),
            WordTooOld => write!(
                f,
                "这是 Word 95 或更早（或旧版 WPS）格式，请另存为 .docx / Word 95 or older (or old WPS) format: save it as .docx"
            ),
            WordEncrypted => write!(
                f,
                "这个 Word 文档有密码保护，请去掉密码后另存 / password-protected Word document: save a copy without the password"
            ),
            WordDamaged(what) => write!(
                f,
                "Word 文档已损坏（{what}） / damaged Word document ({what})"
            ),
        }
    }
}

impl std::error::Error for ReadError {}
