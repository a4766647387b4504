//! Each test file (doc-readers/tests/files, made by
//! scripts/make-format-fixtures.sh from the invented bulletins in
//! files/source) read and parsed must give the bulletin that its source
//! text gives: masthead, sections, items (headline, sources, figures by
//! text, value and unit) and footer. Refused files give their message.

use bulletin_parser::{parse, Bulletin};
use doc_readers::{doc::doc_to_text, pdf::pdf_to_text, Limits, ReadError};

fn file(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/files/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn source(name: &str) -> String {
    String::from_utf8(file(&format!("source/{name}.txt"))).unwrap()
}

fn gbk(bytes: &[u8]) -> Option<String> {
    Some(
        encoding_rs::GBK
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    )
}

fn pdf(name: &str) -> Result<String, ReadError> {
    pdf_to_text(&file(name), Some(&gbk), &Limits::default(), &mut |_, _| {}).map(|t| t.text)
}

/// What must survive the trip through a PDF or Word file.
fn summary(b: &Bulletin) -> String {
    let mut out = format!("{:?}\n{:?}\n{:?}\n", b.masthead, b.sections, b.footer);
    for item in &b.items {
        out += &format!(
            "{:?} | {} | {:?}\n",
            item.section, item.headline, item.sources
        );
        for f in &item.figures {
            // A line wrap between number and unit eats the space between
            // them (`48.6\n亿元` joins as `48.6亿元`): same figure.
            let text: String = f.text.chars().filter(|c| !c.is_whitespace()).collect();
            out += &format!(
                "  {text} = {} {:?} {:?} {:?}\n",
                f.value, f.value_max, f.unit, f.approx
            );
        }
    }
    out
}

fn assert_same_bulletin(read: &str, name: &str, what: &str) {
    let expected = parse(&source(name));
    let got = parse(read);
    assert!(
        expected.items.len() >= 4,
        "{name}: the source parses to items"
    );
    assert_eq!(
        summary(&got),
        summary(&expected),
        "{what}: read text was\n{read}"
    );
}

#[test]
fn libreoffice_pdfs_embedded_cjk_fonts_identity_h_with_to_unicode() {
    assert_same_bulletin(
        &pdf("qingfeng-lo.pdf").unwrap(),
        "qingfeng",
        "qingfeng-lo.pdf",
    );
    assert_same_bulletin(&pdf("liuhe-lo.pdf").unwrap(), "liuhe", "liuhe-lo.pdf");
}

#[test]
fn reportlab_pdf_simple_truetype_subsets() {
    assert_same_bulletin(
        &pdf("qingfeng-rl-ttf.pdf").unwrap(),
        "qingfeng",
        "qingfeng-rl-ttf.pdf",
    );
}

#[test]
fn reportlab_pdf_predefined_cmap_unigb_ucs2_h_without_embedded_font() {
    assert_same_bulletin(
        &pdf("liuhe-rl-cid.pdf").unwrap(),
        "liuhe",
        "liuhe-rl-cid.pdf",
    );
}

#[test]
fn fpdf2_pdf() {
    assert_same_bulletin(
        &pdf("qingfeng-fpdf.pdf").unwrap(),
        "qingfeng",
        "qingfeng-fpdf.pdf",
    );
}

#[test]
fn twenty_pages_with_page_breaks_and_progress() {
    let mut calls = Vec::new();
    let read = pdf_to_text(
        &file("long-lo.pdf"),
        None,
        &Limits::default(),
        &mut |done, total| calls.push((done, total)),
    )
    .unwrap();
    assert_eq!(read.pages, 20);
    assert_eq!(calls.len(), 20);
    assert_eq!(calls.last(), Some(&(20, 20)));
    assert_eq!(
        read.text.matches('\x0c').count(),
        19,
        "a form feed between pages"
    );
    assert_eq!(read.unmapped, 0);
    assert_same_bulletin(&read.text, "long", "long-lo.pdf");
}

#[test]
fn word_97_documents_with_bold_headlines() {
    for name in ["qingfeng", "liuhe"] {
        let text = doc_to_text(&file(&format!("{name}.doc"))).unwrap();
        assert!(text.contains("**县"), "bold headlines kept: {text}");
        assert_same_bulletin(&text, name, &format!("{name}.doc"));
    }
}

#[test]
fn scans_encrypted_files_and_unmapped_fonts_are_refused_with_a_reason() {
    assert!(matches!(
        pdf("scan.pdf"),
        Err(ReadError::PdfNoText {
            pages: 1,
            images: 1
        })
    ));
    assert!(pdf("scan.pdf").unwrap_err().to_string().contains("OCR"));
    assert_eq!(pdf("encrypted.pdf"), Err(ReadError::PdfEncrypted));
    let no_map = pdf("no-map.pdf").unwrap_err();
    assert!(
        matches!(no_map, ReadError::PdfUnmappedFonts { .. }),
        "{no_map:?}"
    );
    assert!(no_map.to_string().contains("OCR"));
}

#[test]
fn copy_protected_pdfs_without_a_user_password_are_read() {
    assert_same_bulletin(
        &pdf("protected-aes128.pdf").unwrap(),
        "qingfeng",
        "AES-128, owner password only",
    );
    assert_same_bulletin(
        &pdf("protected-rc4.pdf").unwrap(),
        "liuhe",
        "RC4-128, owner password only",
    );
}

#[test]
fn damaged_and_truncated_files_never_panic() {
    for name in [
        "qingfeng-lo.pdf",
        "long-lo.pdf",
        "qingfeng-fpdf.pdf",
        "qingfeng.doc",
    ] {
        let bytes = file(name);
        for cut in [
            0,
            8,
            100,
            bytes.len() / 3,
            bytes.len() / 2,
            bytes.len() - 40,
        ] {
            let part = &bytes[..cut.min(bytes.len())];
            let _ = pdf_to_text(part, None, &Limits::default(), &mut |_, _| {});
            let _ = doc_to_text(part);
        }
        let mut flipped = bytes.clone();
        for i in (0..flipped.len()).step_by(97) {
            flipped[i] ^= 0x5a;
        }
        let _ = pdf_to_text(&flipped, None, &Limits::default(), &mut |_, _| {});
        let _ = doc_to_text(&flipped);
    }
}

#[test]
fn a_wrong_xref_offset_is_repaired_by_scanning_for_objects() {
    let mut bytes = file("qingfeng-lo.pdf");
    let at = bytes.windows(9).rposition(|w| w == b"startxref").unwrap();
    bytes.truncate(at);
    bytes.extend_from_slice(b"startxref\n12\n%%EOF\n");
    assert_same_bulletin(
        &pdf_to_text(&bytes, None, &Limits::default(), &mut |_, _| {})
            .unwrap()
            .text,
        "qingfeng",
        "repaired",
    );
}

/// The file with its `/ToUnicode` entries renamed away (same length, so
/// every offset stays right).
fn without_to_unicode(name: &str) -> Vec<u8> {
    let mut bytes = file(name);
    let key = b"/ToUnicode";
    let mut i = 0;
    while let Some(at) = bytes[i..].windows(key.len()).position(|w| w == key) {
        bytes[i + at + key.len() - 1] = b'X';
        i += at + key.len();
    }
    assert!(i > 0, "{name} has a ToUnicode map");
    bytes
}

#[test]
fn without_to_unicode_the_embedded_fonts_own_cmap_is_read_back_if_it_has_one() {
    // fpdf2's subsets keep a Unicode cmap: the text is recovered.
    let read = pdf_to_text(
        &without_to_unicode("qingfeng-fpdf.pdf"),
        None,
        &Limits::default(),
        &mut |_, _| {},
    )
    .unwrap();
    assert_same_bulletin(&read.text, "qingfeng", "fpdf2 without ToUnicode");
    // LibreOffice's subsets have none: refused, never garbage.
    let refused = pdf_to_text(
        &without_to_unicode("qingfeng-lo.pdf"),
        None,
        &Limits::default(),
        &mut |_, _| {},
    );
    assert!(
        matches!(refused, Err(ReadError::PdfUnmappedFonts { .. })),
        "{refused:?}"
    );
}

/// The test .doc with its FIB (at a sector start, wIdent 0xA5EC) patched.
fn patched_doc(patch: impl Fn(&mut [u8])) -> Vec<u8> {
    let mut bytes = file("qingfeng.doc");
    let fib = (512..bytes.len())
        .step_by(512)
        .find(|&at| bytes[at..].starts_with(&[0xEC, 0xA5]))
        .unwrap();
    patch(&mut bytes[fib..]);
    bytes
}

#[test]
fn old_encrypted_and_non_word_ole_files_are_refused_by_name() {
    assert!(doc_to_text(&patched_doc(|_| {})).is_ok());
    let word6 = patched_doc(|fib| fib[2..4].copy_from_slice(&101u16.to_le_bytes()));
    assert_eq!(doc_to_text(&word6), Err(ReadError::WordTooOld));
    let locked = patched_doc(|fib| fib[0x0B] |= 0x01);
    assert_eq!(doc_to_text(&locked), Err(ReadError::WordEncrypted));
    // The stream renamed: an OLE file without a Word document in it.
    let mut other = file("qingfeng.doc");
    let name: Vec<u8> = "WordDocument"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let at = other.windows(name.len()).position(|w| w == name).unwrap();
    other[at] = b'X';
    assert_eq!(doc_to_text(&other), Err(ReadError::NotWord("OLE")));
    assert!(ReadError::NotWord("Excel .xls")
        .to_string()
        .contains("Excel .xls"));
}

#[test]
fn a_bold_headline_run_into_its_body_ends_where_the_bold_ends() {
    // LibreOffice draws the bold with `2 Tr` (fill and stroke); without the
    // markers the parser could not tell headline from body here.
    let text = pdf("qingfeng-run-in.pdf").unwrap();
    assert!(
        text.contains("**县住建局扎实推进老旧小区改造**县住建局"),
        "{text}"
    );
    assert_same_bulletin(&text, "qingfeng", "qingfeng-run-in.pdf");
}
