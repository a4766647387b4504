//! Hostile and huge inputs to the readers (issue 12): each input is made
//! here, at two sizes, and the test checks the reader stays linear — the
//! larger input (8×) may take at most 32× as long (quadratic would be 64×),
//! best of three runs each so a busy machine does not fail it — and that it
//! answers with the text or a clear message. Sizes are chosen so that the
//! quadratic readers this replaces took from seconds to minutes.

use std::time::{Duration, Instant};

use bulletin_decode::{
    docx_xml_to_text, html_to_text, sniff, sniff_with_note, DecodeError, Detected, TextEncoding,
    MAX_XML_DEPTH,
};
use bulletin_export::{plain_text, xlsx_split, FIGURE_HEADERS, MAX_DATA_ROWS, MAX_SHEET_ROWS};

fn best_of_three(run: &dyn Fn()) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// The size a test runs at: `n` natively; for wasm32 (the parser's tests
/// run under Node's WASI too, which fails on the largest native inputs) a
/// sixteenth of it, still large enough for a quadratic reader to show.
const fn scaled(n: usize) -> usize {
    if cfg!(target_arch = "wasm32") {
        n / 16
    } else {
        n
    }
}

/// `make(n)` builds the input for size `n` (scaled for wasm32, see
/// [`scaled`]); `run` reads it.
fn assert_linear<T>(what: &str, n: usize, make: impl Fn(usize) -> T, run: impl Fn(&T)) {
    let n = scaled(n);
    let small = make(n);
    let large = make(8 * n);
    let t1 = best_of_three(&|| run(&small));
    let t8 = best_of_three(&|| run(&large));
    // A floor of 5 ms keeps timer noise on tiny runs from counting.
    let allowed = t1.max(Duration::from_millis(5)) * 32;
    assert!(
        t8 <= allowed,
        "{what}: 8x input took {t8:?}, 1x took {t1:?}: not linear"
    );
}

fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="x"><w:body>{body}</w:body></w:document>"#
    )
}

#[test]
fn docx_bare_ampersands_are_linear_and_kept() {
    // The `;` of each `&` was searched for in the whole rest of the text.
    assert_linear(
        "bare &",
        100_000,
        |n| {
            document(&format!(
                "<w:p><w:r><w:t>{}</w:t></w:r></w:p>",
                "&".repeat(n)
            ))
        },
        |xml| {
            let text = docx_xml_to_text(xml).unwrap();
            assert_eq!(text.len(), xml.matches('&').count());
        },
    );
    let mixed = document("<w:p><w:r><w:t>A&amp;B & C&#x4E2D;&bogus;</w:t></w:r></w:p>");
    assert_eq!(docx_xml_to_text(&mixed).unwrap(), "A&B & C中&bogus;");
}

#[test]
fn docx_stray_end_tags_under_a_deep_stack_are_linear() {
    // Each stray end tag searched the whole stack of open elements.
    assert_linear(
        "stray end tags",
        20_000,
        |n| {
            document(&format!(
                "{}<w:r><w:t>正文</w:t></w:r>{}",
                "<w:sdt>".repeat(1000),
                "</w:x>".repeat(n)
            ))
        },
        |xml| assert_eq!(docx_xml_to_text(xml).unwrap(), "正文"),
    );
}

#[test]
fn docx_nested_past_the_limit_is_an_error_not_lost_text() {
    for depth in [MAX_XML_DEPTH - 8, MAX_XML_DEPTH + 1, 5000] {
        let xml = document(&format!(
            "<w:p>{}<w:r><w:t>深处的文字</w:t></w:r></w:p>",
            "<w:sdtContent>".repeat(depth)
        ));
        match docx_xml_to_text(&xml) {
            Ok(text) => {
                assert!(depth < MAX_XML_DEPTH, "depth {depth} read");
                assert_eq!(text, "深处的文字");
            }
            Err(e) => {
                assert!(depth > MAX_XML_DEPTH - 8, "depth {depth} refused");
                assert_eq!(
                    e,
                    DecodeError::TooDeep {
                        limit: MAX_XML_DEPTH
                    }
                );
                let message = e.to_string();
                assert!(
                    message.contains("1024") && message.contains("nested"),
                    "{message}"
                );
            }
        }
    }
}

#[test]
fn html_empty_paragraphs_are_linear() {
    // Each block re-counted every line break at the end of the text.
    assert_linear(
        "<p></p>",
        20_000,
        |n| {
            format!(
                "<html><body>{}<p>正文</p></body></html>",
                "<p></p>".repeat(n)
            )
        },
        |html| assert_eq!(html_to_text(html), "正文"),
    );
}

#[test]
fn html_breaks_then_blocks_are_linear() {
    assert_linear(
        "<br> then <div>",
        20_000,
        |n| {
            format!(
                "<body>开头{}{}结尾</body>",
                "<br>".repeat(n),
                "<div>".repeat(n)
            )
        },
        |html| assert_eq!(html_to_text(html), "开头\n\n结尾"),
    );
}

#[test]
fn html_deep_inline_nesting_and_stray_end_tags_are_linear() {
    // Blocks and end tags searched the open elements one by one.
    assert_linear(
        "deep <font> and <hr>/<p>/stray ends",
        5_000,
        |n| {
            format!(
                "<body><p>{}甲{}{}乙</body>",
                "<font>".repeat(600),
                "<hr><p></x>".repeat(n),
                "</span>".repeat(n)
            )
        },
        |html| {
            let text = html_to_text(html);
            assert!(text.starts_with('甲') && text.ends_with('乙'), "{text:?}");
        },
    );
}

#[test]
fn html_entities_before_long_words_are_linear() {
    assert_linear(
        "&word",
        20_000,
        |n| {
            format!(
                "<p>{}</p>",
                "&abcdefghijklmnopqrstuvwxyz0123456789".repeat(n)
            )
        },
        |html| assert!(html_to_text(html).starts_with("&abc")),
    );
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    text.encode_utf16()
        .flat_map(|u| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        })
        .collect()
}

#[test]
fn utf16_without_bom_and_without_ascii_is_read_with_a_note() {
    // What `iconv -t UTF-16LE` writes: no byte-order mark, and a Chinese
    // text with hardly any ASCII has no NUL bytes to give it away.
    let text = "县财政局强化债券管理助推项目建设，围绕谋划储备、申报发行、资金拨付三个环节。\n乡镇卫生院改造完成。";
    for big_endian in [false, true] {
        let bytes = utf16(text, big_endian);
        let (detected, note) = sniff_with_note(&bytes).unwrap();
        let expected = if big_endian {
            TextEncoding::Utf16Be
        } else {
            TextEncoding::Utf16Le
        };
        assert_eq!(
            detected,
            Detected::Text {
                encoding: expected,
                bom_len: 0
            }
        );
        let note = note.expect("a guess says so");
        assert!(
            note.contains("UTF-16") && note.contains("byte-order mark"),
            "{note}"
        );
    }
    // With ASCII in it, the NUL pattern says the same, also with a note.
    let (_, note) = sniff_with_note(&utf16("第 12 期 2024 年 3 月 8 日 增长 3.5%", false)).unwrap();
    assert!(note.unwrap().contains("UTF-16LE"));
}

#[test]
fn binary_after_a_byte_order_mark_is_binary() {
    let mut noise: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
    noise[100] = 0;
    noise[101] = 0;
    for bom in [&b"\xFF\xFE"[..], b"\xFE\xFF", b"\xEF\xBB\xBF"] {
        let mut bytes = bom.to_vec();
        bytes.extend_from_slice(&noise);
        assert!(
            matches!(
                sniff(&bytes),
                Err(DecodeError::Binary(_)
                    | DecodeError::InvalidUtf8 { .. }
                    | DecodeError::InvalidUtf16 { .. })
            ),
            "{bom:?}: {:?}",
            sniff(&bytes)
        );
    }
    // A UTF-8 BOM and then valid UTF-8 with control characters.
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(&b"ab\x01\x02\x03\x04\x05\x06\x07\x08".repeat(10));
    assert_eq!(
        sniff(&bytes),
        Err(DecodeError::Binary("control characters"))
    );
    // A UTF-16 BOM, then U+0000 far into the file.
    let mut bytes = b"\xFF\xFE".to_vec();
    bytes.extend(utf16(&"县".repeat(50_000), false));
    bytes.extend_from_slice(&[0, 0]);
    assert_eq!(sniff(&bytes), Err(DecodeError::Binary("NUL characters")));
}

#[test]
fn sniffing_a_string_gives_the_verdict_of_its_bytes() {
    use bulletin_decode::sniff_str;
    let mut nul = "县财政局发行债券。\n".repeat(10_000);
    nul.push('\0');
    let utf16_ascii: String = "ab 12\n"
        .encode_utf16()
        .map(|u| char::from(u as u8))
        .flat_map(|c| [c, '\0'])
        .collect();
    for text in [
        "县财政局发行债券 3.47 亿元。",
        "\u{FEFF}第 8 期",
        "<html><body>县</body></html>",
        "%PDF-1.7 县",
        nul.as_str(),
        utf16_ascii.as_str(),
        "",
    ] {
        assert_eq!(
            sniff_str(text),
            sniff_with_note(text.as_bytes()),
            "{text:.40}"
        );
    }
}

#[test]
fn a_nul_after_the_first_64_kib_is_binary() {
    let mut bytes = "县财政局发行债券 3.47 亿元。\n".repeat(10_000).into_bytes();
    assert!(bytes.len() > 64 * 1024);
    bytes.extend_from_slice(b"tail\0tail");
    assert_eq!(sniff(&bytes), Err(DecodeError::Binary("NUL bytes")));
}

#[test]
fn short_utf8_with_one_bad_sequence_is_not_gb18030() {
    for text in ["县财政局", "发行债券 3 亿元", "乡镇卫生院"] {
        let mut bytes = text.as_bytes().to_vec();
        let at = bytes.len() - 3;
        bytes.insert(at, 0xB7);
        assert_eq!(
            sniff(&bytes),
            Err(DecodeError::InvalidUtf8 { offset: at }),
            "{text}"
        );
    }
}

#[test]
fn gbk_traditional_characters_are_gbk_and_big5_is_still_refused() {
    // 縣財政局強化債務管理，開展專項檢查，發現問題 in GBK: traditional forms sit
    // where Big5 has no characters (lead bytes below 0xA1, trail bytes
    // 0x80–0xA0), and many trail bytes are below 0xA1 as in Big5.
    let gbk_traditional: &[u8] = b"\xbf\x68\xd8\x94\xd5\xfe\xbe\xd6\x8f\x8a\xbb\xaf\x82\xf9\x84\xd5\xb9\xdc\xc0\xed\xa3\xac\xe9\x5f\xd5\xb9\x8c\xa3\xed\x97\x99\x7a\xb2\xe9\xa3\xac\xb0\x6c\xac\x46\x86\x96\xee\x7d";
    let bytes = gbk_traditional.repeat(4);
    let (detected, note) = sniff_with_note(&bytes).unwrap();
    assert_eq!(
        detected,
        Detected::Text {
            encoding: TextEncoding::Gb18030,
            bom_len: 0
        }
    );
    assert!(note.unwrap().contains("GB18030"));
    // 政府工作報告 in Big5.
    let big5 = b"\xAC\x46\xA9\xB2\xA4\x75\xA7\x40\xB3\xF8\xA7\x69".repeat(4);
    assert_eq!(sniff(&big5), Err(DecodeError::LooksLikeBig5));
}

#[test]
fn plain_text_has_no_terminal_escapes() {
    let bulletin = bulletin_parser::parse(
        "某县政务信息\n\n县商务局开展促消费活动 活动期间\u{1b}[2J\u{1b}]0;pwned\u{7}销售额 3 亿元\u{202E}。（商务局）\n",
    );
    let text = plain_text(&bulletin);
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{202E}'),
        "{text:?}"
    );
    assert!(text.contains("销售额 3 亿元"));
}

#[test]
fn xlsx_splits_sheets_past_the_row_limit() {
    assert_eq!(MAX_DATA_ROWS + 1, MAX_SHEET_ROWS);
    let bulletin = bulletin_parser::parse(
        "某县政务信息\n\n县统计局发布数据 全县 1 个 2 个 3 个 4 个 5 个 6 个 7 个。（统计局）\n",
    );
    let figures = bulletin
        .items
        .iter()
        .map(|i| i.figures.len())
        .sum::<usize>();
    assert_eq!(figures, 7);
    let book = xlsx_split(&[("a.txt", &bulletin)], 3);
    let workbook = bulletin_decode::zip_entry(&book, "xl/workbook.xml").unwrap();
    let workbook = std::str::from_utf8(workbook.data).unwrap();
    for name in ["条目", "数据", "数据 (2)", "数据 (3)", "按单位"] {
        assert!(workbook.contains(&format!("name=\"{name}\"")), "{workbook}");
    }
    assert!(!workbook.contains("数据 (4)"));
    let last = bulletin_decode::zip_entry(&book, "xl/worksheets/sheet4.xml").unwrap();
    let last = std::str::from_utf8(last.data).unwrap();
    // One data row after the header, its row number restarting at 2.
    assert!(last.contains(r#"<dimension ref="A1:U2"/>"#), "{last}");
    assert!(last.contains(r#"<row r="2">"#) && !last.contains(r#"<row r="3">"#));
    assert_eq!(FIGURE_HEADERS.len(), 21);
}
