//! The `bulletin` binary on hostile and huge inputs (issue 12): every input
//! is made here. Each case ends in a correct parse or a one-line message
//! naming the file and the limit, never a hang or an abort.

mod common;
use common::{bin, write};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Output, Stdio};

const BULLETIN: &str = "\
某县政务信息

第 8 期

某县人民政府办公室        2024 年 3 月 8 日

县发改委推进重点项目建设  今年以来，全县 46 个重点项目完成投资 18.6 亿元，同比增长 12.4%。（发改委）

东湖乡壮大村集体经济 东湖乡盘活闲置土地 320 余亩，村集体经济收入达 86 万元。（东湖乡）
";

fn temp_dir(test: &str) -> PathBuf {
    common::temp_dir("hostile", test)
}

fn run(args: &[&str]) -> Output {
    bin().args(args).stdin(Stdio::null()).output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A zip holding `word/document.xml` deflated, with the sizes it declares
/// given (a bomb may lie about them).
fn docx_deflated(xml: &[u8], declared: Option<u32>) -> Vec<u8> {
    let data = miniz_oxide::deflate::compress_to_vec(xml, 9);
    let name = b"word/document.xml";
    let crc = bulletin_decode::crc32(xml);
    let size = declared.unwrap_or(xml.len() as u32);
    let mut out = Vec::new();
    out.extend_from_slice(&0x04034b50u32.to_le_bytes());
    out.extend_from_slice(&[20, 0, 0, 0, 8, 0, 0, 0, 0, 0]);
    out.extend_from_slice(&crc.to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out.extend_from_slice(&size.to_le_bytes());
    out.extend_from_slice(&(name.len() as u16).to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out.extend_from_slice(name);
    out.extend_from_slice(&data);
    let central_at = out.len() as u32;
    out.extend_from_slice(&0x02014b50u32.to_le_bytes());
    out.extend_from_slice(&[20, 0, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0]);
    out.extend_from_slice(&crc.to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out.extend_from_slice(&size.to_le_bytes());
    out.extend_from_slice(&(name.len() as u16).to_le_bytes());
    out.extend_from_slice(&[0; 12]);
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(name);
    let central_len = out.len() as u32 - central_at;
    out.extend_from_slice(&0x06054b50u32.to_le_bytes());
    out.extend_from_slice(&[0, 0, 0, 0, 1, 0, 1, 0]);
    out.extend_from_slice(&central_len.to_le_bytes());
    out.extend_from_slice(&central_at.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}

#[test]
fn dev_zero_stops_at_the_input_limit_with_a_message() {
    let out = run(&["parse", "--max-input-size", "1M", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("/dev/zero") && err.contains("1 MiB") && err.contains("--max-input-size"),
        "{err}"
    );
    // A stream's size is unknown: the message says it passed the limit,
    // not a size of "?".
    assert!(
        err.contains("超过上限 1 MiB") && err.contains("more than the limit of 1 MiB"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn a_file_over_the_limit_is_refused_by_its_size_and_the_flag_raises_it() {
    let dir = temp_dir("limit");
    let big = BULLETIN.repeat(2000);
    let path = write(&dir, "big.txt", big.as_bytes());
    let path = path.to_str().unwrap();
    let out = run(&["parse", "--max-input-size", "64K", path]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("big.txt") && err.contains("64 KiB"), "{err}");
    let out = run(&["parse", "-f", "jsonl", "--max-input-size", "8M", path]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn a_zip_bomb_is_refused_naming_the_ratio_and_the_cap() {
    let dir = temp_dir("bomb");
    // 64 MiB of one byte deflates to about 64 KiB: a ratio near 1000.
    let xml = vec![b'a'; 64 << 20];
    let honest = write(&dir, "honest.docx", &docx_deflated(&xml, None));
    // The same bomb declaring a small size: inflation stops there.
    let liar = write(&dir, "liar.docx", &docx_deflated(&xml, Some(1000)));
    for path in [honest, liar] {
        let out = run(&["parse", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert!(err.contains("128 MiB") && err.contains("100"), "{err}");
        assert!(err.contains("zip bomb"), "{err}");
    }
}

#[test]
fn a_deeply_nested_document_is_refused_not_read_empty() {
    let dir = temp_dir("deep");
    let xml = format!(
        "<w:document><w:body>{}<w:p><w:r><w:t>正文</w:t></w:r></w:p></w:body></w:document>",
        "<w:sdt>".repeat(1100)
    );
    let path = write(&dir, "deep.docx", &docx_deflated(xml.as_bytes(), None));
    let out = run(&["parse", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("1024"), "{}", stderr(&out));
}

#[test]
fn utf16_without_bom_is_read_and_the_guess_is_said() {
    let dir = temp_dir("utf16");
    let text = "县财政局强化债券管理助推项目建设，围绕谋划储备、申报发行、资金拨付三个环节。";
    let bytes: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let path = write(&dir, "iconv.txt", &bytes);
    let out = run(&["parse", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("县财政局"), "{}", stdout(&out));
    assert!(stderr(&out).contains("UTF-16LE"), "{}", stderr(&out));
}

#[test]
fn gbk_traditional_text_is_read_as_gbk() {
    let dir = temp_dir("gbk-trad");
    let text = "縣財政局強化債務管理，開展專項檢查，發現問題 12 個，整改資金 3.5 億元。";
    let text = text.repeat(3);
    let (bytes, _, _) = encoding_rs::GBK.encode(&text);
    let path = write(&dir, "trad.txt", &bytes);
    let out = run(&["parse", "-f", "jsonl", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("縣財政局強化債務管理"),
        "{}",
        stdout(&out)
    );
    assert!(stderr(&out).contains("GB18030"), "{}", stderr(&out));
}

#[test]
fn csv_cells_cannot_be_formulas_and_numbers_stay_numbers() {
    let dir = temp_dir("csv");
    let text = BULLETIN.replace("县发改委推进重点项目建设", "=HYPERLINK(\"x\")县发改委推进");
    let path = write(&dir, "a.txt", text.as_bytes());
    let out = run(&["parse", "-f", "csv", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let csv = stdout(&out);
    assert!(csv.contains("\"'=HYPERLINK("), "{csv}");
    assert!(!csv.contains(",=") && !csv.contains(",\"="), "{csv}");
    // The value column is a plain number.
    assert!(csv.contains(",1860000000,"), "{csv}");
}

#[test]
fn text_output_carries_no_terminal_escapes() {
    let dir = temp_dir("text");
    let text = BULLETIN.replace("今年以来", "今年以来\u{1b}]0;title\u{7}\u{1b}[31m");
    let path = write(&dir, "esc\u{1b}[2J.txt", text.as_bytes());
    let other = write(&dir, "b.txt", BULLETIN.as_bytes());
    let out = run(&[
        "parse",
        "-f",
        "text",
        path.to_str().unwrap(),
        other.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let shown = stdout(&out);
    assert!(
        !shown.contains('\u{1b}') && !shown.contains('\u{7}'),
        "{shown:?}"
    );
    assert!(shown.contains("今年以来]0;title[31m"), "{shown}");
}

#[test]
fn xlsx_goes_on_in_new_sheets_past_the_row_limit() {
    let dir = temp_dir("xlsx");
    let input = write(&dir, "a.txt", BULLETIN.as_bytes());
    let book = dir.join("out.xlsx");
    let out = bin()
        .args(["parse", "-f", "xlsx", "-o"])
        .arg(&book)
        .arg(&input)
        .arg(&input)
        .env("BULLETIN_XLSX_ROWS_PER_SHEET", "3")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let bytes = std::fs::read(&book).unwrap();
    let workbook = bulletin_decode::zip_entry(&bytes, "xl/workbook.xml").unwrap();
    let workbook = std::str::from_utf8(workbook.data).unwrap();
    // 4 items (2 files × 2) and 10 figures at 3 rows a sheet.
    for name in [
        "条目",
        "条目 (2)",
        "数据",
        "数据 (2)",
        "数据 (3)",
        "数据 (4)",
    ] {
        assert!(
            workbook.contains(&format!("name=\"{name}\"")),
            "{name}: {workbook}"
        );
    }
    assert!(!workbook.contains("数据 (5)"), "{workbook}");
    for i in 1..=6 {
        let part = format!("xl/worksheets/sheet{i}.xml");
        let sheet = bulletin_decode::zip_entry(&bytes, &part).unwrap();
        assert_eq!(bulletin_decode::crc32(sheet.data), sheet.crc32);
        assert!(std::str::from_utf8(sheet.data)
            .unwrap()
            .ends_with("</worksheet>"));
    }
}

#[test]
fn a_run_whose_inputs_all_fail_writes_no_file() {
    let dir = temp_dir("nofile");
    let bad = write(&dir, "a.txt", b"\x89PNG\r\n\x1a\n\0\0");
    for format in ["xlsx", "csv", "jsonl"] {
        let out_path = dir.join(format!("out.{format}"));
        let out = bin()
            .args(["parse", "-f", format, "-o"])
            .arg(&out_path)
            .arg(&bad)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(!out_path.exists(), "{format}");
    }
}

#[test]
fn many_bulletins_stream_out_as_json_lines_and_a_json_array() {
    let dir = temp_dir("stream");
    for i in 0..30 {
        write(&dir, &format!("{i:02}.txt"), BULLETIN.as_bytes());
    }
    let dir_arg = dir.to_str().unwrap();
    let out = run(&["parse", "-f", "jsonl", dir_arg]);
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 30);
    assert!(lines[29]["file"].as_str().unwrap().ends_with("29.txt"));
    let out = run(&["parse", "-f", "json", dir_arg]);
    let array: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(array.as_array().unwrap().len(), 30);
}

#[test]
fn output_piped_into_a_reader_that_quits_ends_quietly() {
    let dir = temp_dir("pipe");
    let path = write(&dir, "a.txt", BULLETIN.repeat(200).as_bytes());
    let mut child = bin()
        .args(["figures", path.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let _ = std::io::stderr().flush();
}
