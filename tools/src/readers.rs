//! PDF and Word 97 (.doc/.wps) files to text with the `doc-readers` crate,
//! the same code the command line runs. Only this module (loaded on demand)
//! links it, so the first page load carries none of it.

use doc_readers::pdf::{pdf_to_text, GbkDecoder, PdfText};
use doc_readers::Limits;

/// A PDF's text; the error is the reader's message (both languages).
pub fn pdf(
    bytes: &[u8],
    gbk: GbkDecoder,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<PdfText, String> {
    pdf_to_text(bytes, Some(gbk), &Limits::default(), progress).map_err(|e| e.to_string())
}

/// A Word 97–2003 or WPS document's text.
pub fn doc(bytes: &[u8]) -> Result<String, String> {
    doc_readers::doc::doc_to_text(bytes).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str) -> Vec<u8> {
        std::fs::read(format!(
            "{}/../doc-readers/tests/files/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    #[test]
    fn reads_the_test_files_and_reports_progress() {
        let mut pages = Vec::new();
        let read = pdf(&file("liuhe-lo.pdf"), &|_| None, &mut |done, total| {
            pages.push((done, total))
        })
        .unwrap();
        assert!(read.text.contains("县农业农村局抓好夏粮生产"));
        assert_eq!(pages, [(1, 1)]);
        assert!(doc(&file("liuhe.doc"))
            .unwrap()
            .contains("**县税务局落实减税降费政策**"));
    }

    #[test]
    fn refusals_are_messages() {
        assert!(pdf(&file("scan.pdf"), &|_| None, &mut |_, _| {})
            .unwrap_err()
            .contains("OCR"));
        assert!(doc(b"not a word file").is_err());
    }
}
