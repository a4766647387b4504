//! PDF structures built by hand: incremental updates, object and
//! cross-reference streams, and hostile files (cycles, self-reference,
//! deep nesting, inflate bombs, runaway content), each bounded in time and
//! memory and answered with text or a reason, never a panic.

use std::time::{Duration, Instant};

use doc_readers::pdf::pdf_to_text;
use doc_readers::{Limits, ReadError};

/// A PDF of `objects` (number, body) with a cross-reference table; more
/// sections (incremental updates) are appended by [`update`].
fn pdf(objects: &[(u32, Vec<u8>)]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    section(&mut out, objects, None);
    out
}

fn section(out: &mut Vec<u8>, objects: &[(u32, Vec<u8>)], prev: Option<usize>) -> usize {
    let mut offsets = Vec::new();
    for (num, body) in objects {
        offsets.push((*num, out.len()));
        out.extend_from_slice(format!("{num} 0 obj\n").as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(b"xref\n0 1\n0000000000 65535 f \n");
    for (num, at) in &offsets {
        out.extend_from_slice(format!("{num} 1\n{at:010} 00000 n \n").as_bytes());
    }
    let size = objects.iter().map(|o| o.0).max().unwrap_or(0) + 1;
    let prev = prev.map(|p| format!(" /Prev {p}")).unwrap_or_default();
    out.extend_from_slice(
        format!("trailer\n<< /Size {size} /Root 1 0 R{prev} >>\nstartxref\n{xref}\n%%EOF\n")
            .as_bytes(),
    );
    xref
}

fn update(mut base: Vec<u8>, objects: &[(u32, Vec<u8>)]) -> Vec<u8> {
    let text = String::from_utf8_lossy(&base).into_owned();
    let at = text.rfind("startxref\n").unwrap() + 10;
    let prev: usize = text[at..].lines().next().unwrap().trim().parse().unwrap();
    section(&mut base, objects, Some(prev));
    base
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

fn o(num: u32, body: &str) -> (u32, Vec<u8>) {
    (num, body.as_bytes().to_vec())
}

/// Catalog, one page with a WinAnsi Helvetica and `content` (object 4).
fn one_page(content: &[u8]) -> Vec<(u32, Vec<u8>)> {
    vec![
        o(1, "<< /Type /Catalog /Pages 2 0 R >>"),
        o(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        o(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"),
        (4, stream("", content)),
        o(5, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"),
    ]
}

fn read(bytes: &[u8]) -> Result<String, ReadError> {
    read_with(bytes, &Limits::default())
}

fn read_with(bytes: &[u8], limits: &Limits) -> Result<String, ReadError> {
    let start = Instant::now();
    let out = pdf_to_text(bytes, None, limits, &mut |_, _| {}).map(|t| t.text);
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "took {:?}",
        start.elapsed()
    );
    out
}

#[test]
fn text_lines_and_spaces() {
    let bytes = pdf(&one_page(
        b"BT /F1 12 Tf 72 700 Td (Line one) Tj 0 -14 Td [(Two)-3000(gap)] TJ ET",
    ));
    assert_eq!(read(&bytes).unwrap(), "Line one\nTwo gap");
}

#[test]
fn an_incremental_update_replaces_the_page_content() {
    let base = pdf(&one_page(b"BT /F1 12 Tf 72 700 Td (Old text) Tj ET"));
    assert_eq!(read(&base).unwrap(), "Old text");
    let updated = update(
        base,
        &[(4, stream("", b"BT /F1 12 Tf 72 700 Td (New text) Tj ET"))],
    );
    assert_eq!(read(&updated).unwrap(), "New text");
}

#[test]
fn flate_content_and_a_length_that_refers_to_itself() {
    let z = miniz_oxide::deflate::compress_to_vec_zlib(b"BT /F1 12 Tf 72 700 Td (Packed) Tj ET", 6);
    let mut objects = one_page(b"");
    let mut body = b"<< /Length 4 0 R /Filter /FlateDecode >>\nstream\n".to_vec();
    body.extend_from_slice(&z);
    body.extend_from_slice(b"\nendstream");
    objects[3] = (4, body);
    assert_eq!(read(&pdf(&objects)).unwrap(), "Packed");
}

#[test]
fn a_cycle_in_the_page_tree_ends() {
    let mut objects = one_page(b"BT /F1 12 Tf 72 700 Td (Once) Tj ET");
    objects[1] = o(2, "<< /Type /Pages /Kids [3 0 R 2 0 R 6 0 R] /Count 3 >>");
    objects.push(o(6, "<< /Type /Pages /Kids [2 0 R 6 0 R] >>"));
    assert_eq!(read(&pdf(&objects)).unwrap(), "Once");
}

#[test]
fn a_reference_chain_that_loops_is_null() {
    let mut objects = one_page(b"BT /F1 12 Tf 72 700 Td (Text) Tj ET");
    objects.push(o(6, "7 0 R"));
    objects.push(o(7, "6 0 R"));
    objects[2] = o(3, "<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> /XObject 6 0 R >> /Contents 4 0 R >>");
    assert_eq!(read(&pdf(&objects)).unwrap(), "Text");
}

#[test]
fn a_form_that_draws_itself_is_cut_short() {
    let mut objects = one_page(b"/X0 Do");
    let form = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << /Font << /F1 5 0 R >> /XObject << /X0 6 0 R >> >>",
        b"BT /F1 12 Tf 10 10 Td (a) Tj ET /X0 Do /X0 Do /X0 Do /X0 Do",
    );
    objects.push((6, form));
    objects[2] = o(3, "<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /X0 6 0 R >> >> /Contents 4 0 R >>");
    let text = read(&pdf(&objects)).unwrap();
    assert!(
        text.starts_with('a') && text.len() < 100_000,
        "{}",
        text.len()
    );
}

#[test]
fn an_inflate_bomb_stops_at_the_cap() {
    let zeros = vec![b' '; 24 << 20];
    let z = miniz_oxide::deflate::compress_to_vec_zlib(&zeros, 1);
    let mut objects = one_page(b"");
    objects[3] = (4, stream("/Filter /FlateDecode", &z));
    let limits = Limits {
        total_inflate: 8 << 20,
        ..Limits::default()
    };
    assert_eq!(
        read_with(&pdf(&objects), &limits),
        Err(ReadError::TooLarge("inflated streams"))
    );
}

#[test]
fn runaway_content_stops_at_the_token_cap() {
    let content = b"BT /F1 12 Tf ".repeat(200_000);
    let limits = Limits {
        total_tokens: 100_000,
        ..Limits::default()
    };
    assert_eq!(
        read_with(&pdf(&one_page(&content)), &limits),
        Err(ReadError::TooLarge("content operators"))
    );
}

#[test]
fn deep_nesting_and_junk_never_panic() {
    let deep = "[".repeat(100_000) + "<<" + &"<< /A ".repeat(50_000);
    let _ = read(&pdf(&one_page(deep.as_bytes())));
    let mut objects = one_page(b"BT /F1 12 Tf (x) Tj ET");
    objects.push((6, deep.into_bytes()));
    let _ = read(&pdf(&objects));
    // Unterminated strings and dictionaries everywhere: the lexing budget
    // keeps a rebuild linear.
    let junk = "1 0 obj (".repeat(20_000) + &"2 0 obj <<".repeat(20_000);
    assert!(read(junk.as_bytes()).is_err());
    assert!(read(b"%PDF-1.7\n").is_err());
    assert!(read(b"no header at all").is_err());
}

#[test]
fn object_streams_and_a_cross_reference_stream() {
    let bytes = std::fs::read(format!(
        "{}/tests/files/qingfeng-objstm.pdf",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let plain = std::fs::read(format!(
        "{}/tests/files/qingfeng-lo.pdf",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    assert!(
        bytes.windows(11).any(|w| w == b"/Type /XRef")
            || bytes.windows(10).any(|w| w == b"/Type/XRef")
    );
    assert_eq!(read(&bytes).unwrap(), read(&plain).unwrap());
}

/// A page drawing `text` (already encoded) with a Type0 font whose
/// encoding is the predefined CMap `cmap`, no ToUnicode, not embedded.
fn cid_page(cmap: &str, text: &[u8]) -> Vec<u8> {
    let mut content = b"BT /F1 12 Tf 72 700 Td <".to_vec();
    content.extend(text.iter().flat_map(|b| format!("{b:02X}").into_bytes()));
    content.extend_from_slice(b"> Tj ET");
    let mut objects = one_page(&content);
    objects[4] = o(5, &format!("<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /{cmap} /DescendantFonts [6 0 R] >>"));
    objects.push(o(6, "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /DW 1000 >>"));
    pdf(&objects)
}

#[test]
fn predefined_chinese_cmaps_without_to_unicode() {
    let text = "县财政局拨付资金 1.2 亿元";
    let gbk_bytes = encoding_rs::GBK.encode(text).0.into_owned();
    let gbk = |b: &[u8]| {
        Some(
            encoding_rs::GBK
                .decode_without_bom_handling(b)
                .0
                .into_owned(),
        )
    };
    for cmap in ["GBK-EUC-H", "GB-EUC-H", "GBpc-EUC-H"] {
        let bytes = cid_page(cmap, &gbk_bytes);
        let read = pdf_to_text(&bytes, Some(&gbk), &Limits::default(), &mut |_, _| {}).unwrap();
        assert_eq!(read.text.replace(' ', ""), text.replace(' ', ""), "{cmap}");
        // Without a GBK decoder the same file is refused, not garbled.
        let refused = pdf_to_text(&bytes, None, &Limits::default(), &mut |_, _| {});
        assert!(
            matches!(refused, Err(ReadError::PdfUnmappedFonts { .. })),
            "{cmap}: {refused:?}"
        );
    }
    let ucs2: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for cmap in ["UniGB-UCS2-H", "UniGB-UTF16-H"] {
        assert_eq!(
            read(&cid_page(cmap, &ucs2)).unwrap().replace(' ', ""),
            text.replace(' ', ""),
            "{cmap}"
        );
    }
    // A character beyond the BMP as a surrogate pair in UTF-16.
    let rare: Vec<u8> = "𠀀县".encode_utf16().flat_map(u16::to_be_bytes).collect();
    assert_eq!(read(&cid_page("UniGB-UTF16-H", &rare)).unwrap(), "𠀀县");
}

#[test]
fn a_page_with_too_many_glyphs_is_refused_not_kept() {
    let content = [
        b"BT /F1 1 Tf (".as_slice(),
        &vec![b'x'; 300_000],
        b") Tj ET",
    ]
    .concat();
    let limits = Limits {
        max_page_glyphs: 100_000,
        ..Limits::default()
    };
    assert_eq!(
        read_with(&pdf(&one_page(&content)), &limits),
        Err(ReadError::TooLarge("glyphs on one page"))
    );
}
