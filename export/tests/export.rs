//! The exports of a hand-built bulletin (invented text): the JSON contract,
//! CSV for Excel, the XLSX workbook (read back by our zip reader, and by
//! Python's openpyxl when it is installed) and the plain-text rendering.

use bulletin_decode::{crc32, zip_entry, ZipMethod};
use bulletin_export::{
    figures_csv, figures_csv_for_excel, figures_csv_selected, figures_table, figures_tsv,
    items_csv, plain_text, text_figures_table, to_json, to_json_line, xlsx, xlsx_selected,
    FigureRow, ItemRow, Selection, CSV_BOM,
};
use bulletin_parser::*;

/// A figure found in `body` by its text (the `n`th occurrence).
fn figure(body: &str, text: &str, value: f64, unit: Option<&str>, kind: FigureKind) -> Figure {
    let byte = body
        .find(text)
        .unwrap_or_else(|| panic!("{text} not in body"));
    let start = body[..byte].chars().count();
    Figure {
        text: text.into(),
        value,
        value_max: None,
        unit: unit.map(|u| u.to_owned().into()),
        approx: None,
        kind,
        start,
        end: start + text.chars().count(),
        label: None,
        change: None,
        period: None,
        entity: None,
        corrected: false,
    }
}

fn sample() -> Bulletin {
    let body1 = "今年以来，全县完成固定资产投资 248.77 亿元，同比增长 3.5%，新开工项目 32 个，其中“三个一批”签约 170 余万元。";
    let mut f1 = figure(
        body1,
        "248.77 亿元",
        24877000000.0,
        Some("元"),
        FigureKind::Money,
    );
    f1.label = Some("固定资产投资".into());
    f1.period = Some("今年以来".into());
    let mut f2 = figure(body1, "3.5%", 3.5, Some("%"), FigureKind::Percent);
    f2.change = Some(Change::Up);
    let f3 = figure(body1, "32 个", 32.0, Some("个"), FigureKind::Count);
    let mut f4 = figure(
        body1,
        "170 余万元",
        1700000.0,
        Some("元"),
        FigureKind::Money,
    );
    f4.approx = Some("余".into());
    let body2 =
        "城关镇共排查矛盾纠纷 109 起，化解率 96.3%，涉及群众 \"老户\" 67户，道路, 全长 15.5 公里。";
    let mut f5 = figure(body2, "109 起", 109.0, Some("起"), FigureKind::Count);
    f5.entity = Some("城关镇".into());
    let f6 = figure(body2, "15.5 公里", 15.5, Some("公里"), FigureKind::Measure);
    Bulletin {
        masthead: Masthead {
            title: Some("松陵政务快报".into()),
            issue: Some("第 12 期".into()),
            issue_number: Some(12),
            issuer: Some("松陵县人民政府办公室".into()),
            date: Some("2024-03-08".into()),
        },
        sections: vec!["经济运行".into(), "平安建设".into()],
        items: vec![
            Item {
                section: Some("经济运行".into()),
                headline: "县发改委 全力推进重点项目建设".into(),
                body: body1.into(),
                sources: vec!["发改委".into()],
                authors: vec![],
                figures: vec![f1, f2, f3, f4],
                emphasis: vec![],
                lines: LineRange { first: 9, last: 11 },
                ..Item::default()
            },
            Item {
                section: Some("平安建设".into()),
                headline: "东湖乡扎实开展矛盾纠纷排查化解".into(),
                body: body2.into(),
                sources: vec!["城关镇".into(), "东湖乡".into()],
                authors: vec![],
                figures: vec![f5, f6],
                emphasis: vec![Span { start: 0, end: 3 }],
                lines: LineRange {
                    first: 13,
                    last: 14,
                },
                ..Item::default()
            },
        ],
        footer: Footer {
            distribution: Some("县委常委，县人大常委会主任。".into()),
            editor: Some("王晓".into()),
            reviewer: None,
            signer: Some("赵明远".into()),
        },
        warnings: vec![Warning {
            lines: LineRange {
                first: 20,
                last: 20,
            },
            message: "unplaced".into(),
            text: "（此页无正文）".into(),
            code: WarningKind::MastheadUnplaced,
        }],
        dropped: vec![],
        notes: vec![],
    }
}

#[test]
fn json_follows_the_contract() {
    let b = sample();
    let json = to_json(&b);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["masthead"]["title"], "松陵政务快报");
    assert_eq!(v["masthead"]["issue_number"], 12);
    assert_eq!(v["masthead"]["date"], "2024-03-08");
    assert_eq!(v["sections"], serde_json::json!(["经济运行", "平安建设"]));
    assert_eq!(v["footer"]["reviewer"], serde_json::Value::Null);
    let f = &v["items"][0]["figures"][0];
    // A whole value is a JSON integer, not 24877000000.0.
    assert!(json.contains("\"value\": 24877000000,"), "{json}");
    assert_eq!(f["unit"], "元");
    assert_eq!(f["approx"], serde_json::Value::Null);
    assert_eq!(f["kind"], "money");
    assert_eq!(v["items"][0]["figures"][1]["value"], 3.5);
    assert_eq!(v["items"][0]["figures"][1]["change"], "up");
    // Chinese is written as is, not as \u escapes; pretty-printed.
    assert!(json.contains("松陵县人民政府办公室"));
    assert!(json.starts_with("{\n  \"masthead\": {"));
    // start/end count characters into body.
    for item in v["items"].as_array().unwrap() {
        let body: Vec<char> = item["body"].as_str().unwrap().chars().collect();
        for f in item["figures"].as_array().unwrap() {
            let (s, e) = (
                f["start"].as_u64().unwrap() as usize,
                f["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                body[s..e].iter().collect::<String>(),
                f["text"].as_str().unwrap()
            );
        }
    }
}

#[test]
fn json_round_trips_and_lines_are_one_line() {
    let b = sample();
    let back: Bulletin = serde_json::from_str(&to_json(&b)).unwrap();
    assert_eq!(back, b);
    let line = to_json_line(&b);
    assert!(!line.contains('\n'));
    assert_eq!(serde_json::from_str::<Bulletin>(&line).unwrap(), b);
    // An empty bulletin still has every contract key.
    let empty: serde_json::Value =
        serde_json::from_str(&to_json_line(&Bulletin::default())).unwrap();
    for key in ["masthead", "sections", "items", "footer", "warnings"] {
        assert!(empty.get(key).is_some(), "{key} missing");
    }
    assert_eq!(empty["masthead"]["title"], serde_json::Value::Null);
}

#[test]
fn figures_csv_rows() {
    let b = sample();
    let csv = figures_csv(&[("松陵-12.txt", &b)]);
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "刊名,期号,日期,文件,栏目,序号,标题,来源单位,原文,数值,数值上限,单位,约数,类别,指标,增减,时期,主体,更正,起,止"
    );
    assert_eq!(
        lines[1],
        "松陵政务快报,12,2024-03-08,松陵-12.txt,经济运行,1,县发改委 全力推进重点项目建设,发改委,248.77 亿元,24877000000,,元,,金额,固定资产投资,,今年以来,,,16,25"
    );
    assert_eq!(lines[2], "松陵政务快报,12,2024-03-08,松陵-12.txt,经济运行,1,县发改委 全力推进重点项目建设,发改委,3.5%,3.5,,%,,百分比,,增加,,,,31,35");
    assert!(
        lines[4].contains(",170 余万元,1700000,,元,余,金额,"),
        "{}",
        lines[4]
    );
    assert_eq!(
        lines[5],
        "松陵政务快报,12,2024-03-08,松陵-12.txt,平安建设,2,东湖乡扎实开展矛盾纠纷排查化解,城关镇、东湖乡,109 起,109,,起,,数量,,,,城关镇,,11,16"
    );
    assert!(lines[6].contains(",15.5 公里,15.5,,公里,,计量,"));
    assert_eq!(
        lines.len(),
        8,
        "header, six figures, and the empty string after the last CRLF"
    );
    assert_eq!(lines[7], "");
    assert!(figures_csv_for_excel(&[("a", &b)]).starts_with(CSV_BOM));
    assert!(!csv.starts_with(CSV_BOM));
}

#[test]
fn items_csv_quotes_what_needs_quoting() {
    let b = sample();
    let csv = items_csv(&[("x.txt", &b), ("y.txt", &b)]);
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "刊名,期号,日期,文件,栏目,序号,标题,来源单位,正文,数据个数,需核对,更正"
    );
    // Full-width commas need no quoting.
    assert!(
        lines[1]
            .starts_with("松陵政务快报,12,2024-03-08,x.txt,经济运行,1,县发改委 全力推进重点项目建设,发改委,今年以来，全县"),
        "{}",
        lines[1]
    );
    assert!(lines[1].ends_with("签约 170 余万元。,4,,"), "{}", lines[1]);
    // The second body has a comma and quotes: quoted, quotes doubled.
    assert!(lines[2].contains(",\"城关镇共排查矛盾纠纷 109 起，化解率 96.3%，涉及群众 \"\"老户\"\" 67户，道路, 全长 15.5 公里。\",2,,"), "{}", lines[2]);
    assert!(lines[3].starts_with("松陵政务快报,12,2024-03-08,y.txt,"));
    assert_eq!(lines.len(), 6);
}

#[test]
fn text_figures_table_for_the_figures_command() {
    let b = sample();
    let figures = &b.items[0].figures;
    let table = text_figures_table(&[("-", figures.as_slice())]);
    let tsv = table.to_tsv();
    let lines: Vec<&str> = tsv.lines().collect();
    assert_eq!(
        lines[0],
        "文件\t原文\t数值\t数值上限\t单位\t约数\t类别\t指标\t增减\t时期\t主体\t起\t止"
    );
    assert_eq!(
        lines[1],
        "-\t248.77 亿元\t24877000000\t\t元\t\t金额\t固定资产投资\t\t今年以来\t\t16\t25"
    );
    assert_eq!(lines.len(), 5);
}

#[test]
fn a_range_has_both_ends_in_their_own_columns() {
    let figures = bulletin_parser::figures::extract("每户补助3至5万元。");
    let tsv = text_figures_table(&[("-", figures.as_slice())]).to_tsv();
    let lines: Vec<&str> = tsv.lines().collect();
    assert!(
        lines[1].starts_with("-\t3至5万元\t30000\t50000\t元\t"),
        "{}",
        lines[1]
    );
    let b = Bulletin {
        items: vec![Item {
            headline: "h".into(),
            body: "每户补助3至5万元。".into(),
            figures,
            ..Item::default()
        }],
        ..Bulletin::default()
    };
    let csv = figures_csv(&[("a.txt", &b)]);
    assert!(csv.contains(",3至5万元,30000,50000,元,,金额,"), "{csv}");
    let json = to_json(&b);
    assert!(
        json.contains(r#""value": 30000"#) && json.contains(r#""value_max": 50000"#),
        "{json}"
    );
}

#[test]
fn plain_text_reads_like_the_bulletin() {
    let text = plain_text(&sample());
    let expected_start = "松陵政务快报\n第 12 期\n松陵县人民政府办公室  2024年3月8日\n\n【经济运行】\n\n县发改委 全力推进重点项目建设\n今年以来，";
    assert!(text.starts_with(expected_start), "{text}");
    assert!(text.contains(
        "170 余万元。（发改委）\n\n【平安建设】\n\n东湖乡扎实开展矛盾纠纷排查化解\n城关镇共排查"
    ));
    assert!(text.contains("15.5 公里。（城关镇、东湖乡）\n\n本期发：县委常委，县人大常委会主任。\n责任编辑：王晓  签发：赵明远"));
    assert!(text.ends_with("（以下内容未能识别）\n（此页无正文）\n"));
    assert_eq!(plain_text(&Bulletin::default()), "");
}

/// The parts of the workbook, read back with the decoder's zip reader.
fn part(zip: &[u8], name: &str) -> String {
    let entry = zip_entry(zip, name).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(entry.method, ZipMethod::Stored);
    assert_eq!(entry.crc32, crc32(entry.data), "{name}: CRC");
    String::from_utf8(entry.data.to_vec()).unwrap()
}

#[test]
fn xlsx_has_the_parts_excel_needs() {
    let b = sample();
    let book = xlsx(&[("松陵-12.txt", &b)]);
    assert!(book.starts_with(b"PK\x03\x04"));
    let types = part(&book, "[Content_Types].xml");
    assert!(types.contains("/xl/worksheets/sheet3.xml"));
    assert!(part(&book, "_rels/.rels").contains("Target=\"xl/workbook.xml\""));
    let workbook = part(&book, "xl/workbook.xml");
    assert!(workbook.contains(r#"<sheet name="条目" sheetId="1" r:id="rId1"/>"#));
    assert!(workbook.contains(r#"<sheet name="数据" sheetId="2" r:id="rId2"/>"#));
    assert!(workbook.contains(r#"<sheet name="按单位" sheetId="3" r:id="rId3"/>"#));
    assert!(part(&book, "xl/_rels/workbook.xml.rels").contains("styles.xml"));
    assert!(part(&book, "xl/styles.xml").contains("<b/>"));

    let items = part(&book, "xl/worksheets/sheet1.xml");
    assert!(items
        .contains(r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#));
    assert!(items.contains(
        r#"<c r="A1" t="inlineStr" s="1"><is><t xml:space="preserve">刊名</t></is></c>"#
    ));
    assert!(items.contains(r#"<dimension ref="A1:L3"/>"#));
    assert!(items.contains("&quot;老户&quot;"), "quotes escaped");
    let figures = part(&book, "xl/worksheets/sheet2.xml");
    // The value is a number with the thousands-separator style, not text.
    assert!(
        figures.contains(r#"<c r="J2" s="2"><v>24877000000</v></c>"#),
        "{figures}"
    );
    assert!(figures.contains(r#"<c r="J3" s="3"><v>3.5</v></c>"#));
    assert!(figures.contains(r#"<autoFilter ref="A1:U7"/>"#));
    // Same input, same bytes.
    assert_eq!(book, xlsx(&[("松陵-12.txt", &b)]));
}

/// A Python with openpyxl, a real XLSX reader: `$BULLETIN_PYTHON` (which
/// `scripts/test.sh` points at a venv it makes, and which must then have
/// it), else `python3` when it has openpyxl.
fn python_with_openpyxl() -> Option<String> {
    let has = |py: &str| {
        std::process::Command::new(py)
            .args(["-c", "import openpyxl"])
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false)
    };
    if let Ok(py) = std::env::var("BULLETIN_PYTHON") {
        assert!(has(&py), "BULLETIN_PYTHON={py} has no openpyxl");
        return Some(py);
    }
    if has("python3") {
        return Some("python3".to_string());
    }
    // scripts/test.sh sets this: there a missing reader is a failure, not a skip.
    assert!(
        std::env::var_os("BULLETIN_REQUIRE_XLSX_READER").is_none(),
        "no Python with openpyxl, and BULLETIN_REQUIRE_XLSX_READER is set"
    );
    None
}

/// Runs `script` with `args` under openpyxl's Python; it must print `ok`.
fn run_openpyxl(py: &str, script: &str, args: &[&std::path::Path]) {
    let out = std::process::Command::new(py)
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success() && String::from_utf8_lossy(&out.stdout).trim() == "ok",
        "openpyxl: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Opens the workbook with openpyxl (see [`python_with_openpyxl`]); skipped,
/// saying so, where no Python has it (outside `scripts/test.sh`, which
/// requires one).
#[test]
fn xlsx_opens_in_openpyxl() {
    let Some(py) = python_with_openpyxl() else {
        eprintln!("skipped: no python with openpyxl (scripts/test.sh sets BULLETIN_PYTHON)");
        return;
    };
    let b = sample();
    let path = std::env::temp_dir().join(format!("bulletin-export-{}.xlsx", std::process::id()));
    std::fs::write(
        &path,
        xlsx(&[("松陵-12.txt", &b), ("空.txt", &Bulletin::default())]),
    )
    .unwrap();
    let script = r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames == ["条目", "数据", "按单位"], wb.sheetnames
items, figs, units = wb["条目"], wb["数据"], wb["按单位"]
assert items.freeze_panes == "A2", items.freeze_panes
assert items["A1"].value == "刊名" and items["A1"].font.b, items["A1"].value
assert [c.value for c in items[1]][:4] == ["刊名", "期号", "日期", "文件"]
assert items.max_row == 3, items.max_row
assert items["I3"].value.startswith("城关镇共排查"), items["I3"].value
for row in list(items.iter_rows(min_row=2, values_only=True)) + list(figs.iter_rows(min_row=2, values_only=True)):
    assert row[0] == "松陵政务快报" and row[1] == 12 and row[2] == "2024-03-08", row
assert figs["J2"].value == 24877000000 and isinstance(figs["J2"].value, int), figs["J2"].value
assert figs["J3"].value == 3.5
assert figs["I5"].value == "170 余万元"
assert figs["M5"].value == "余"
assert figs["F6"].value == 2
assert [figs.cell(1, c).value for c in (20, 21)] == ["起", "止"]
assert figs.max_row == 7 and figs.max_column == 21, (figs.max_row, figs.max_column)
assert figs.auto_filter.ref == "A1:U7"
assert [c.value for c in units[1]] == ["单位", "指标", "计量单位", "类别", "个数", "合计", "说明"]
rows = {(r[0], r[1], r[2]): r for r in units.iter_rows(min_row=2, values_only=True)}
assert rows[("发改委", "固定资产投资", "元")][4:6] == (1, 24877000000), rows
pct = rows[("发改委", "（未标注）", "%")]
assert pct[5] is None and pct[6] == "比率，不合计", pct
print("ok")
"#;
    run_openpyxl(&py, script, &[&path]);
    let _ = std::fs::remove_file(&path);
}

/// A filtered export of two bulletins, read back with real readers (Python's
/// csv module and openpyxl): the rows chosen, each with its bulletin's
/// title, issue and date, and the note that it is filtered.
#[test]
fn filtered_exports_of_two_bulletins_read_back() {
    let Some(py) = python_with_openpyxl() else {
        eprintln!("skipped: no python with openpyxl (scripts/test.sh sets BULLETIN_PYTHON)");
        return;
    };
    let a = sample();
    let mut b = sample();
    b.masthead.issue_number = Some(13);
    b.masthead.issue = Some("第 13 期".into());
    b.masthead.date = Some("2024-03-15".into());
    let docs = [("松陵-12.txt", &a), ("", &b)];
    // Money figures only: the first of each bulletin's first item.
    let s = Selection {
        items: vec![ItemRow { doc: 0, item: 0 }, ItemRow { doc: 1, item: 0 }],
        figures: vec![
            FigureRow {
                doc: 0,
                item: 0,
                figure: 0,
            },
            FigureRow {
                doc: 1,
                item: 0,
                figure: 0,
            },
            FigureRow {
                doc: 1,
                item: 0,
                figure: 3,
            },
        ],
        note: "类别：金额".into(),
    };
    let dir = std::env::temp_dir();
    let csv = dir.join(format!("bulletin-filtered-{}.csv", std::process::id()));
    let book = dir.join(format!("bulletin-filtered-{}.xlsx", std::process::id()));
    std::fs::write(&csv, figures_csv_selected(&docs, &s)).unwrap();
    std::fs::write(&book, xlsx_selected(&docs, &s)).unwrap();
    let script = r#"
import sys, csv, openpyxl
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    rows = list(csv.DictReader(f))
assert len(rows) == 3, rows
assert [(r["刊名"], r["期号"], r["日期"], r["文件"]) for r in rows] == [
    ("松陵政务快报", "12", "2024-03-08", "松陵-12.txt"),
    ("松陵政务快报", "13", "2024-03-15", "粘贴"),
    ("松陵政务快报", "13", "2024-03-15", "粘贴")], rows
assert [r["原文"] for r in rows] == ["248.77 亿元", "248.77 亿元", "170 余万元"], rows
assert all(r["筛选"] == "已筛选：类别：金额" for r in rows)
wb = openpyxl.load_workbook(sys.argv[2])
assert wb.sheetnames == ["条目", "数据", "按单位", "说明"], wb.sheetnames
figs = list(wb["数据"].iter_rows(min_row=2, values_only=True))
assert len(figs) == 3 and [r[1] for r in figs] == [12, 13, 13], figs
assert len(list(wb["条目"].iter_rows(min_row=2))) == 2
units = {(r[0], r[1], r[2]): r for r in wb["按单位"].iter_rows(min_row=2, values_only=True)}
assert units[("发改委", "固定资产投资", "元")][4:6] == (2, 49754000000), units
assert wb["说明"]["A2"].value == "已筛选：类别：金额"
print("ok")
"#;
    run_openpyxl(&py, script, &[&csv, &book]);
    let _ = std::fs::remove_file(&csv);
    let _ = std::fs::remove_file(&book);
}

/// The figures CSV and TSV are written straight from the bulletins (no
/// table of cells): they must say exactly what the table behind the XLSX
/// says, written by `Table::to_csv`/`to_tsv`, whatever the cells hold.
#[test]
fn figures_csv_written_directly_is_the_tables_csv() {
    let plain = sample();
    // Every kind of cell: no masthead at all, an issue without a number,
    // quotes, commas, line breaks and tabs, formula-like text, a range, a
    // non-finite value, corrections, an item without figures, no section.
    let mut odd = sample();
    odd.masthead = Masthead {
        title: Some("=县\"快报\",二".into()),
        issue: Some("第十二期".into()),
        issue_number: None,
        issuer: None,
        date: None,
    };
    odd.items[0].section = None;
    odd.items[0].headline = "-标题\t带,逗号\r\n和换行".into();
    odd.items[0].sources = vec!["@单位".into(), "+局".into(), "\"引号\"".into()];
    odd.items[0].corrected = true;
    odd.items[0].figures[0].value_max = Some(5e10);
    odd.items[0].figures[1].value = f64::NAN;
    odd.items[0].figures[2].corrected = true;
    odd.items[0].figures[3].text = "=1+2".into();
    odd.items[0].figures[3].label = Some("\t=SUM(A1)".into());
    odd.items[0].figures[3].value = 0.1 + 0.2;
    odd.items[1].figures[0].value = -3.9;
    odd.items[1].figures[1].period = Some("".into());
    odd.items.insert(
        1,
        Item {
            headline: "无数据的条目".into(),
            ..Item::default()
        },
    );
    let empty = Bulletin::default();
    let runs: [&[(&str, &Bulletin)]; 5] = [
        &[],
        &[("a.txt", &plain)],
        &[("", &odd)],
        &[("-", &empty), ("b,\"c\".txt", &odd), ("d.txt", &plain)],
        &[("e.txt", &empty)],
    ];
    for docs in runs {
        let table = figures_table(docs);
        assert_eq!(figures_csv(docs), table.to_csv());
        assert_eq!(figures_tsv(docs), table.to_tsv());
    }
    // The odd cells were really there (the comparison above is not of
    // two empty tables).
    let csv = figures_csv(&[("", &odd)]);
    assert!(csv.contains("\"'=县\"\"快报\"\",二\""), "{csv}");
    assert!(csv.contains("已更正"), "{csv}");
    // The header, six figure rows, and the headline's line break in each of
    // its item's four rows.
    assert_eq!(csv.matches("\r\n").count(), 1 + 6 + 4);
}
