//! The `bulletin` binary run on files made here: every input encoding and
//! format gives the same bulletin, bad input fails clearly, and the output
//! formats are what they say. The bulletin text is invented.

mod common;
use common::{bin, write};
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use bulletin_parser::decode::{crc32, zip_entry};

const BULLETIN: &str = "\
松陵政务快报

第 12 期

松陵县人民政府办公室        2024 年 3 月 8 日

【经济运行】

县发改委全力推进重点项目建设  今年以来，全县 46 个重点项目完成投资 18.6 亿元，同比增长 12.4%，新开工项目 9 个。（发改委）

东湖乡多措并举壮大村集体经济 东湖乡盘活闲置土地 320 余亩，带动 150 多户群众增收，村集体经济收入达 86 万元。（东湖乡）

【民生保障】

县人社局开展春风行动 县人社局组织招聘会 5 场，提供就业岗位 2300 个，达成就业意向 640 人。（人社局）

本期发：县委常委，县人大常委会主任，县政府副县长。

责任编辑：王 晓    审核：陈立群    签发：赵明远
";

fn temp_dir(test: &str) -> PathBuf {
    common::temp_dir("cli", test)
}

fn run(args: &[&Path]) -> Output {
    bin().args(args).output().unwrap()
}

fn run_str(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn parse_json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        stderr(out)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(out)))
}

/// The bulletin as the binary parses it from plain UTF-8.
fn reference(dir: &Path) -> serde_json::Value {
    let path = write(dir, "reference.txt", BULLETIN.as_bytes());
    parse_json(&run(&["parse".as_ref(), &path]))
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut bytes = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    bytes
}

/// A zip archive, its entries stored or deflated, written field by field.
fn zip(entries: &[(&str, &[u8])], deflate: bool) -> Vec<u8> {
    let (mut out, mut central) = (Vec::new(), Vec::new());
    for (name, data) in entries {
        let stored = if deflate {
            miniz_oxide::deflate::compress_to_vec(data, 6)
        } else {
            data.to_vec()
        };
        let method: u16 = if deflate { 8 } else { 0 };
        let offset = out.len() as u32;
        let fields = |v: &mut Vec<u8>| {
            v.extend_from_slice(&method.to_le_bytes());
            v.extend_from_slice(&[0, 0, 0x21, 0]);
            v.extend_from_slice(&crc32(data).to_le_bytes());
            v.extend_from_slice(&(stored.len() as u32).to_le_bytes());
            v.extend_from_slice(&(data.len() as u32).to_le_bytes());
            v.extend_from_slice(&(name.len() as u16).to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes());
        };
        out.extend_from_slice(&[b'P', b'K', 3, 4, 20, 0, 0, 0]);
        fields(&mut out);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&stored);
        central.extend_from_slice(&[b'P', b'K', 1, 2, 20, 0, 20, 0, 0, 0]);
        fields(&mut central);
        central.extend_from_slice(&[0; 6]);
        central.extend_from_slice(&0u32.to_le_bytes());
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let directory = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&[b'P', b'K', 5, 6, 0, 0, 0, 0]);
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&directory.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A Word document with one paragraph per line of `text`.
fn docx(text: &str, deflate: bool) -> Vec<u8> {
    let paragraphs: String = text
        .lines()
        .map(|line| {
            if line.is_empty() {
                "<w:p/>".to_owned()
            } else {
                format!(
                    r#"<w:p><w:pPr><w:jc w:val="both"/></w:pPr><w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
                    xml_escape(line)
                )
            }
        })
        .collect();
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{paragraphs}<w:sectPr/></w:body></w:document>"#
    );
    zip(
        &[
            ("[Content_Types].xml", b"<Types/>"),
            ("_rels/.rels", b"<Relationships/>"),
            ("word/document.xml", document.as_bytes()),
        ],
        deflate,
    )
}

/// A saved web page with one paragraph per line of `text`, in GBK when
/// `gbk`.
fn html(text: &str, gbk: bool) -> Vec<u8> {
    let paragraphs: String = text
        .lines()
        .map(|line| format!("<p>{}</p>\n", xml_escape(line)))
        .collect();
    let charset = if gbk { "gbk" } else { "utf-8" };
    let page = format!(
        "<!DOCTYPE html>\n<html>\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset={charset}\">\n\
         <title>松陵县人民政府</title>\n<script>var x = '<p>不是正文</p>';</script>\n</head>\n<body>\n<div class=\"content\">\n{paragraphs}</div>\n</body>\n</html>\n"
    );
    if gbk {
        encoding_rs::GBK.encode(&page).0.into_owned()
    } else {
        page.into_bytes()
    }
}

#[test]
fn every_encoding_and_format_gives_the_same_bulletin() {
    let dir = temp_dir("encodings");
    let expected = reference(&dir);
    assert_eq!(
        expected["masthead"]["title"], "松陵政务快报",
        "the reference parse itself"
    );

    let (gbk, _, unmappable) = encoding_rs::GBK.encode(BULLETIN);
    assert!(!unmappable);
    let mut utf8_bom = b"\xEF\xBB\xBF".to_vec();
    utf8_bom.extend_from_slice(BULLETIN.as_bytes());
    let crlf = BULLETIN.replace('\n', "\r\n");
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("gbk.txt", gbk.into_owned()),
        ("utf16le.txt", utf16(BULLETIN, false)),
        ("utf16be.txt", utf16(BULLETIN, true)),
        ("utf8-bom.txt", utf8_bom),
        (
            "crlf-gb18030.txt",
            encoding_rs::GB18030.encode(&crlf).0.into_owned(),
        ),
        ("stored.docx", docx(BULLETIN, false)),
        ("deflated.docx", docx(BULLETIN, true)),
        ("page.html", html(BULLETIN, false)),
        ("page-gbk.htm", html(BULLETIN, true)),
    ];
    for (name, bytes) in cases {
        let path = write(&dir, name, &bytes);
        let got = parse_json(&run(&["parse".as_ref(), &path]));
        assert_eq!(got, expected, "{name} parses differently from UTF-8 text");
    }
}

#[test]
fn binary_and_unreadable_input_fail_with_one_line_naming_the_file() {
    let dir = temp_dir("binary");
    let png = write(&dir, "scan.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10");
    let out = run(&["parse".as_ref(), &png]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("scan.png") && err.contains("PNG"), "{err}");

    let pdf = write(&dir, "report.pdf", b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj");
    // PDFs and .doc files are read (doc-readers); these are cut short.
    let err = stderr(&run(&["parse".as_ref(), &pdf]));
    assert!(
        err.contains("report.pdf") && err.contains("damaged PDF"),
        "{err}"
    );

    let doc = write(&dir, "old.doc", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0");
    let err = stderr(&run(&["parse".as_ref(), &doc]));
    assert!(
        err.contains("old.doc") && err.contains("damaged Office file"),
        "{err}"
    );

    let xlsx = write(
        &dir,
        "table.docx",
        &zip(&[("xl/workbook.xml", b"<workbook/>")], false),
    );
    let out = run(&["parse".as_ref(), &xlsx]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("Excel"), "{}", stderr(&out));

    // Damage the deflated document part itself.
    let mut broken = docx(BULLETIN, true);
    let entry = zip_entry(&broken, "word/document.xml").unwrap();
    let middle = entry.data.as_ptr() as usize - broken.as_ptr() as usize + entry.data.len() / 2;
    broken[middle] ^= 0x55;
    let out = run(&["parse".as_ref(), &write(&dir, "broken.docx", &broken)]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("damaged Word document"),
        "{}",
        stderr(&out)
    );

    let out = run(&["parse".as_ref(), &dir.join("missing.txt")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("missing.txt"));
}

#[test]
fn a_bad_file_among_good_ones_fails_the_run_but_not_the_others() {
    let dir = temp_dir("mixed");
    let good = write(&dir, "good.txt", BULLETIN.as_bytes());
    let bad = write(&dir, "bad.txt", b"\x7FELF\x02\x01\x01\0\0\0");
    let out = run(&["parse".as_ref(), "--format=jsonl".as_ref(), &bad, &good]);
    assert_eq!(out.status.code(), Some(2));
    let lines: Vec<&str> = std::str::from_utf8(&out.stdout).unwrap().lines().collect();
    assert_eq!(lines.len(), 1);
    assert!(lines[0].contains("good.txt"));
    assert!(stderr(&out).contains("bad.txt"));
}

#[test]
fn several_files_give_json_lines_in_order() {
    let dir = temp_dir("jsonl");
    let expected = reference(&dir);
    let a = write(&dir, "a.txt", BULLETIN.as_bytes());
    let b = write(&dir, "b.txt", &utf16(BULLETIN, false));
    let out = run(&["parse".as_ref(), &b, &a]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    for (line, name) in lines.iter().zip(["b.txt", "a.txt"]) {
        let mut v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(line.starts_with("{\"file\":"), "file comes first: {line}");
        assert!(v["file"].as_str().unwrap().ends_with(name));
        v.as_object_mut().unwrap().remove("file");
        assert_eq!(v, expected);
    }
    // --format json with several: one pretty array.
    let out = run(&["parse".as_ref(), "-f".as_ref(), "json".as_ref(), &a, &b]);
    let v = parse_json(&out);
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert!(v[1]["file"].as_str().unwrap().ends_with("b.txt"));
    // --format jsonl with one: still one line, with file.
    let out = run(&["parse".as_ref(), "-f".as_ref(), "jsonl".as_ref(), &a]);
    assert_eq!(stdout(&out).lines().count(), 1);
}

#[test]
fn a_directory_parses_its_bulletin_files_sorted() {
    let dir = temp_dir("directory");
    let folder = dir.join("第一季度");
    std::fs::create_dir_all(&folder).unwrap();
    write(&folder, "03.docx", &docx(BULLETIN, true));
    write(&folder, "01.txt", BULLETIN.as_bytes());
    write(&folder, "02.md", BULLETIN.as_bytes());
    write(&folder, "04.HTML", &html(BULLETIN, false));
    write(&folder, "cover.png", b"\x89PNG\r\n\x1a\n");
    write(&folder, "~$03.docx", b"lock");
    write(&folder, ".hidden.txt", b"x");
    std::fs::create_dir_all(folder.join("sub.txt")).unwrap();
    let out = run(&["parse".as_ref(), &folder]);
    assert!(out.status.success(), "{}", stderr(&out));
    let files: Vec<String> = stdout(&out)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["file"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    let names: Vec<&str> = files
        .iter()
        .map(|f| f.rsplit('/').next().unwrap())
        .collect();
    assert_eq!(names, ["01.txt", "02.md", "03.docx", "04.HTML"]);

    let empty = dir.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let out = run(&["parse".as_ref(), &empty]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("empty"));
}

#[test]
fn csv_has_a_bom_in_files_only() {
    let dir = temp_dir("csv");
    let input = write(&dir, "第12期.txt", BULLETIN.as_bytes());
    let out = run(&["parse".as_ref(), "-f".as_ref(), "csv".as_ref(), &input]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(
        text.starts_with(
            "刊名,期号,日期,文件,栏目,序号,标题,来源单位,原文,数值,数值上限,单位,约数,类别,指标,增减,时期,主体,更正,起,止\r\n"
        ),
        "{text}"
    );
    let rows: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    let expected = reference(&dir);
    let figures: usize = expected["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["figures"].as_array().unwrap().len())
        .sum();
    assert!(
        figures > 0,
        "the parser finds figures in the invented bulletin"
    );
    assert_eq!(rows.len(), figures + 1);

    let file = dir.join("数据.csv");
    let out = run(&[
        "parse".as_ref(),
        "-f".as_ref(),
        "csv".as_ref(),
        "-o".as_ref(),
        &file,
        &input,
    ]);
    assert!(out.status.success() && out.stdout.is_empty());
    let written = std::fs::read(&file).unwrap();
    assert!(written.starts_with(b"\xEF\xBB\xBF"));
    assert_eq!(&written[3..], text.as_bytes());

    let out = run(&[
        "parse".as_ref(),
        "-f".as_ref(),
        "items-csv".as_ref(),
        &input,
    ]);
    let text = stdout(&out);
    assert!(text
        .starts_with("刊名,期号,日期,文件,栏目,序号,标题,来源单位,正文,数据个数,需核对,更正\r\n"));
    assert_eq!(
        text.split("\r\n").filter(|l| !l.is_empty()).count(),
        expected["items"].as_array().unwrap().len() + 1
    );
}

#[test]
fn xlsx_needs_an_output_file_and_is_a_workbook() {
    let dir = temp_dir("xlsx");
    let input = write(&dir, "a.txt", BULLETIN.as_bytes());
    let out = run(&["parse".as_ref(), "-f".as_ref(), "xlsx".as_ref(), &input]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--output"));

    let book = dir.join("汇总.xlsx");
    let out = run(&[
        "parse".as_ref(),
        "-f".as_ref(),
        "xlsx".as_ref(),
        "-o".as_ref(),
        &book,
        &input,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = std::fs::read(&book).unwrap();
    for part in [
        "[Content_Types].xml",
        "xl/workbook.xml",
        "xl/worksheets/sheet1.xml",
        "xl/worksheets/sheet2.xml",
    ] {
        let entry = zip_entry(&bytes, part).unwrap_or_else(|e| panic!("{part}: {e}"));
        assert_eq!(crc32(entry.data), entry.crc32);
    }
    let sheet = String::from_utf8(
        zip_entry(&bytes, "xl/worksheets/sheet1.xml")
            .unwrap()
            .data
            .to_vec(),
    )
    .unwrap();
    assert!(sheet.contains("县发改委全力推进重点项目建设"), "{sheet}");
    assert!(
        sheet.contains("松陵政务快报"),
        "every row names its bulletin"
    );
    let workbook =
        String::from_utf8(zip_entry(&bytes, "xl/workbook.xml").unwrap().data.to_vec()).unwrap();
    assert!(
        workbook.contains(r#"<sheet name="按单位" sheetId="3""#),
        "{workbook}"
    );
    let by_unit = String::from_utf8(
        zip_entry(&bytes, "xl/worksheets/sheet3.xml")
            .unwrap()
            .data
            .to_vec(),
    )
    .unwrap();
    assert!(
        by_unit.contains("发改委") && by_unit.contains("合计"),
        "{by_unit}"
    );
}

/// The workbook the CLI streams (its own writer, not `export::xlsx`) opens
/// in openpyxl, a real reader, with every row naming its bulletin and the
/// sheet of figures by unit. Needs `$BULLETIN_PYTHON` (set by
/// `scripts/test.sh`) or a `python3` with openpyxl; says so and skips
/// otherwise.
#[test]
fn cli_workbook_opens_in_openpyxl() {
    let has = |py: &str| {
        std::process::Command::new(py)
            .args(["-c", "import openpyxl"])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let py = match std::env::var("BULLETIN_PYTHON") {
        Ok(py) => {
            assert!(has(&py), "BULLETIN_PYTHON={py} has no openpyxl");
            py
        }
        Err(_) if has("python3") => "python3".to_string(),
        Err(_) => {
            eprintln!("skipped: no python with openpyxl (scripts/test.sh sets BULLETIN_PYTHON)");
            return;
        }
    };
    let dir = temp_dir("xlsx-openpyxl");
    let a = write(&dir, "a.txt", BULLETIN.as_bytes());
    let b = write(
        &dir,
        "b.txt",
        BULLETIN
            .replace("第 12 期", "第 13 期")
            .replace("3 月 8 日", "3 月 15 日")
            .as_bytes(),
    );
    let book = dir.join("汇总.xlsx");
    let out = run(&[
        "parse".as_ref(),
        "-f".as_ref(),
        "xlsx".as_ref(),
        "-o".as_ref(),
        &book,
        &a,
        &b,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let script = r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames == ["条目", "数据", "按单位"], wb.sheetnames
rows = list(wb["数据"].iter_rows(values_only=True))
assert rows[0][:4] == ("刊名", "期号", "日期", "文件") and rows[0][-2:] == ("起", "止"), rows[0]
issues = sorted({(r[0], r[1], r[2]) for r in rows[1:]})
assert issues == [("松陵政务快报", 12, "2024-03-08"), ("松陵政务快报", 13, "2024-03-15")], issues
units = {(r[0], r[1], r[2]): r for r in wb["按单位"].iter_rows(min_row=2, values_only=True)}
money = [r for k, r in units.items() if k[0] == "发改委" and k[2] == "元"]
assert money and money[0][4] == 2 and money[0][5] == 3720000000, units
print("ok")
"#;
    let out = std::process::Command::new(&py)
        .arg("-c")
        .arg(script)
        .arg(&book)
        .output()
        .unwrap();
    assert!(
        out.status.success() && String::from_utf8_lossy(&out.stdout).trim() == "ok",
        "openpyxl: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A researcher's corrections, saved to a file, are applied again when the
/// same text is parsed again; one whose item is gone is reported, not guessed.
#[test]
fn corrections_file_is_reapplied_on_parse() {
    let dir = temp_dir("corrections");
    let input = write(&dir, "第12期.txt", BULLETIN.as_bytes());
    let first = reference(&dir);
    let item = &first["items"][0];
    let line = item["lines"]["first"].as_u64().unwrap();
    let headline = item["headline"].as_str().unwrap();
    let figure = &item["figures"][0];
    let fixes = serde_json::json!({
        "version": 1,
        "corrections": [{
            "bulletin": {"title": "松陵政务快报", "issue_number": 12, "date": "2024-03-08"},
            "changes": [
                {"op": "set_sources", "item": {"line": line, "headline": headline},
                 "sources": ["县发展改革委"]},
                {"op": "remove_figure", "item": {"line": line, "headline": headline},
                 "figure": {"start": figure["start"], "end": figure["end"], "text": figure["text"]}},
                {"op": "set_headline", "item": {"line": line, "headline": headline},
                 "headline": "县发改委推进重点项目"},
                {"op": "set_headline", "item": {"line": 999, "headline": "不存在的条目"},
                 "headline": "x"}
            ]
        }, {
            "bulletin": {"file": "别的.txt"},
            "changes": [{"op": "merge_next", "item": {"line": line, "headline": headline}}]
        }]
    });
    let file = write(&dir, "fixes.json", fixes.to_string().as_bytes());
    let out = run(&["parse".as_ref(), "--corrections".as_ref(), &file, &input]);
    assert!(out.status.success(), "{}", stderr(&out));
    let fixed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let it = &fixed["items"][0];
    assert_eq!(it["headline"], "县发改委推进重点项目");
    assert_eq!(it["sources"], serde_json::json!(["县发展改革委"]));
    assert_eq!(it["corrected"], true);
    assert_eq!(
        it["figures"].as_array().unwrap().len(),
        item["figures"].as_array().unwrap().len() - 1
    );
    // The file's other bulletin is not this one: nothing merged.
    assert_eq!(
        fixed["items"].as_array().unwrap().len(),
        first["items"].as_array().unwrap().len()
    );
    assert!(
        fixed["items"][1].get("corrected").is_none(),
        "only what was changed is marked"
    );
    let err = stderr(&out);
    assert!(
        err.contains("correction 4 (set_headline, line 999) not applied: item_not_found"),
        "{err}"
    );

    // Re-parsing gives the same corrected output.
    let again = run(&["parse".as_ref(), "--corrections".as_ref(), &file, &input]);
    assert_eq!(again.stdout, out.stdout);

    // A bad corrections file is a usage error naming it.
    let bad = write(&dir, "bad.json", b"{\"version\": 2, \"corrections\": []}");
    let out = run(&["parse".as_ref(), "--corrections".as_ref(), &bad, &input]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("bad.json"));
}

#[test]
fn text_format_is_clean_text() {
    let dir = temp_dir("text");
    let input = write(&dir, "a.txt", BULLETIN.as_bytes());
    let out = run(&[
        "parse".as_ref(),
        "--format".as_ref(),
        "text".as_ref(),
        &input,
    ]);
    let text = stdout(&out);
    assert!(text.starts_with("松陵政务快报\n第 12 期\n"), "{text}");
    assert!(text.contains("【经济运行】"));
    assert!(text.contains("（发改委）"));
}

#[test]
fn figures_from_standard_input() {
    let mut child = bin()
        .args(["figures", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all("全县完成投资 248.77 亿元，同比增长 3.5%。".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let figures: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(figures.len(), 2, "{}", stdout(&out));
    assert_eq!(figures[0]["file"], "-");
    assert_eq!(figures[0]["text"], "248.77 亿元");
    assert_eq!(figures[0]["value"], 24877000000u64);
    assert_eq!(figures[1]["unit"], "%");

    let dir = temp_dir("figures");
    let input = write(
        &dir,
        "gbk.txt",
        &encoding_rs::GBK
            .encode("新建道路 15.5 公里，惠及 320 余户。")
            .0,
    );
    let out = run(&["figures".as_ref(), "-f".as_ref(), "tsv".as_ref(), &input]);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "文件\t原文\t数值\t数值上限\t单位\t约数\t类别\t指标\t增减\t时期\t主体\t起\t止"
    );
    assert_eq!(lines.len(), 3, "{text}");
    assert!(
        lines[1].contains("\t15.5 公里\t15.5\t\t公里\t"),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].contains("\t320 余户\t320\t\t户\t余\t"),
        "{}",
        lines[2]
    );
}

#[test]
fn usage_help_and_version() {
    let out = run_str(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("USAGE") && stdout(&out).contains("bulletin parse"));
    let out = run_str(&["--version"]);
    assert_eq!(
        stdout(&out).trim(),
        format!("bulletin {}", env!("CARGO_PKG_VERSION"))
    );
    for bad in [
        &["pasre", "x.txt"][..],
        &["parse"],
        &["parse", "-f", "pdf", "x"],
        &["figures", "--nope", "x"],
        &[],
    ] {
        let out = run_str(bad);
        assert_eq!(out.status.code(), Some(1), "{bad:?}");
        assert!(stderr(&out).contains("bulletin --help"), "{bad:?}");
    }
}
