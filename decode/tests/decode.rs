//! The input decoders through the public API, as the page and the CLI use
//! them: sniff, then decode, then (for Word and web pages) convert to
//! bulletin text. Invented text throughout; random input never panics.

use bulletin_decode::{
    crc32, decode_utf16, decode_utf8, docx_xml_to_text, html_to_text, sniff, zip_entry,
    DecodeError, Detected, TextEncoding, ZipMethod, DOCX_DOCUMENT,
};
use bulletin_export::ZipWriter;
use proptest::prelude::*;

const LINES: &[&str] = &[
    "松陵政务快报",
    "第 7 期",
    "松陵县人民政府办公室  2024 年 6 月 3 日",
    "【项目建设】",
    "县交通运输局加快农村公路建设 今年以来，新改建农村公路 86.5 公里，完成投资 1.2 亿元。（交通运输局）",
    "责任编辑：王晓",
];

#[test]
fn a_word_document_end_to_end() {
    let paragraphs: String = LINES
        .iter()
        .map(|l| format!("<w:p><w:r><w:t xml:space=\"preserve\">{l}</w:t></w:r></w:p>"))
        .collect();
    let xml =
        format!("<?xml version=\"1.0\"?><w:document><w:body>{paragraphs}</w:body></w:document>");
    let mut zip = ZipWriter::new();
    zip.add("[Content_Types].xml", b"<Types/>");
    zip.add(DOCX_DOCUMENT, xml.as_bytes());
    let bytes = zip.finish();

    assert_eq!(sniff(&bytes), Ok(Detected::Docx));
    let entry = zip_entry(&bytes, DOCX_DOCUMENT).unwrap();
    assert_eq!(entry.method, ZipMethod::Stored);
    assert_eq!(crc32(entry.data), entry.crc32);
    let text = docx_xml_to_text(std::str::from_utf8(entry.data).unwrap()).unwrap();
    assert_eq!(text, LINES.join("\n"));
}

#[test]
fn a_zip_that_is_not_a_word_document_says_so() {
    let mut zip = ZipWriter::new();
    zip.add("xl/workbook.xml", b"<workbook/>");
    assert_eq!(
        sniff(&zip.finish()),
        Err(DecodeError::NotDocx("Excel .xlsx"))
    );
    let mut zip = ZipWriter::new();
    zip.add("photo.jpg", b"\xFF\xD8\xFF");
    assert_eq!(sniff(&zip.finish()), Err(DecodeError::NotDocx("zip")));
}

#[test]
fn a_saved_web_page_end_to_end() {
    // Spaces the author meant are &nbsp; in a page; plain ones collapse.
    let body: String = LINES
        .iter()
        .map(|l| {
            format!(
                "<p style=\"text-indent:2em\">{}</p>\r\n",
                l.replace("  ", "&nbsp;&nbsp;")
            )
        })
        .collect();
    let page = format!(
        "<!DOCTYPE html>\r\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>松陵县人民政府</title></head>\r\n<body><div id=\"zoom\">\r\n{body}</div></body></html>"
    );
    match sniff(page.as_bytes()) {
        Ok(Detected::Html {
            encoding: TextEncoding::Utf8,
            bom_len: 0,
            charset,
        }) => {
            assert_eq!(charset.as_deref(), Some("utf-8"))
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        html_to_text(&decode_utf8(page.as_bytes()).unwrap()),
        LINES.join("\n")
    );
}

#[test]
fn utf16_without_a_byte_order_mark_is_found_and_decoded() {
    let text = LINES.join("\r\n");
    for big_endian in [false, true] {
        let bytes: Vec<u8> = text
            .encode_utf16()
            .flat_map(|u| {
                if big_endian {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            })
            .collect();
        let expected = if big_endian {
            TextEncoding::Utf16Be
        } else {
            TextEncoding::Utf16Le
        };
        assert_eq!(
            sniff(&bytes),
            Ok(Detected::Text {
                encoding: expected,
                bom_len: 0
            })
        );
        assert_eq!(decode_utf16(&bytes, big_endian).unwrap(), text);
    }
}

#[test]
fn gbk_bytes_written_by_hand_are_gb18030() {
    // 松陵政务快报 in GBK.
    let bytes = b"\xCB\xC9\xC1\xEA\xD5\xFE\xCE\xF1\xBF\xEC\xB1\xA8\r\n\xB5\xDA 7 \xC6\xDA\r\n";
    assert_eq!(
        sniff(bytes),
        Ok(Detected::Text {
            encoding: TextEncoding::Gb18030,
            bom_len: 0
        })
    );
    assert_eq!(TextEncoding::Gb18030.label(), "gb18030");
}

#[test]
fn every_error_is_one_line_in_chinese_and_english() {
    let errors = [
        DecodeError::Pdf,
        DecodeError::WordDoc,
        DecodeError::Rtf,
        DecodeError::Image("PNG"),
        DecodeError::NotDocx("zip"),
        DecodeError::Binary("NUL bytes"),
        DecodeError::UnknownEncoding { offset: 12 },
        DecodeError::LooksLikeBig5,
        DecodeError::InvalidUtf8 { offset: 3 },
        DecodeError::InvalidUtf16 { offset: 8 },
        DecodeError::BadZip("no end record"),
        DecodeError::MissingZipEntry("word/document.xml".into()),
        DecodeError::UnsupportedZip("zip64"),
        DecodeError::BadDocx("document.xml fails its checksum"),
    ];
    for e in errors {
        let message = e.to_string();
        assert!(!message.contains('\n'), "{message}");
        assert!(
            message
                .chars()
                .any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)),
            "no Chinese: {message}"
        );
        assert!(message.contains(" / "), "no English half: {message}");
    }
    assert!(DecodeError::Pdf.to_string().contains("copy the text out"));
}

/// Pieces of HTML and WordprocessingML, whole and broken, and text.
const MARKUP_PIECES: &[&str] = &[
    "<p>", "</p>", "<b>", "</b>", "<br>", "&nbsp;", "&#x4E2D;", "<!--", "-->", "<w:p>", "</w:p>",
    "<w:r>", "<w:t>", "</w:t>", "<w:b/>", "<td>", "<li>", " ", "\n", "县", "局", "12", "<", "&",
    "\"",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn no_bytes_make_the_decoders_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = sniff(&bytes);
        let _ = decode_utf8(&bytes);
        let _ = decode_utf16(&bytes, false);
        let _ = decode_utf16(&bytes, true);
        let _ = zip_entry(&bytes, DOCX_DOCUMENT);
        let text = String::from_utf8_lossy(&bytes);
        let _ = html_to_text(&text);
        let _ = docx_xml_to_text(&text);
    }

    #[test]
    fn markup_like_text_never_panics_and_keeps_its_words(
        pieces in proptest::collection::vec(proptest::sample::select(MARKUP_PIECES), 0..80)
    ) {
        let text: String = pieces.concat();
        let html = html_to_text(&text);
        prop_assert!(!html.contains("\n\n\n"));
        let _ = docx_xml_to_text(&text);
        // Text outside markup survives the HTML reader, unless a comment
        // swallows it.
        if !text.contains("<!--") {
            prop_assert_eq!(html.matches('县').count(), text.matches('县').count(), "{:?} -> {:?}", text, html);
        }
    }
}

#[test]
fn sniffing_a_large_file_is_linear() {
    // 8 MB of UTF-8 and of GBK-like bytes; a quadratic step would not
    // finish in the time the test harness allows in debug builds.
    let utf8 = LINES.join("\n").repeat(8 * 1024 * 1024 / 200);
    assert_eq!(
        sniff(utf8.as_bytes()),
        Ok(Detected::Text {
            encoding: TextEncoding::Utf8,
            bom_len: 0
        })
    );
    let gbk = b"\xCB\xC9\xC1\xEA\xD5\xFE\xCE\xF1 12 \r\n".repeat(8 * 1024 * 1024 / 14);
    assert_eq!(
        sniff(&gbk),
        Ok(Detected::Text {
            encoding: TextEncoding::Gb18030,
            bom_len: 0
        })
    );
}
