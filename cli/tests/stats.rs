//! `bulletin stats` on invented libraries: the adoption counts per quarter
//! match the generator's answer key, units are merged across spellings,
//! duplicates count once, and the XLSX, CSV, JSON and text outputs say the
//! same thing.

mod common;
use common::{bin, write};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use bulletin_parser::decode::{crc32, zip_entry};
use bulletin_stats::synth::{generate, AnswerKey, SynthOptions};

fn temp_dir(test: &str) -> PathBuf {
    common::temp_dir("stats", test)
}

/// Writes a generated library (a folder per series) into `dir`.
fn library(dir: &Path, bulletins: usize) -> AnswerKey {
    let (files, key) = generate(&SynthOptions {
        bulletins,
        ..SynthOptions::default()
    });
    for f in &files {
        let path = dir.join(&f.name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &f.text).unwrap();
    }
    key
}

fn run(args: &[&str]) -> Output {
    bin().arg("stats").args(args).output().unwrap()
}

fn ok_stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn adoption_per_quarter_matches_the_answer_key() {
    let dir = temp_dir("quarters");
    let key = library(&dir, 120);
    let out = run(&["--by", "quarter", "-f", "json", dir.to_str().unwrap()]);
    let report: serde_json::Value = serde_json::from_str(&ok_stdout(&out)).unwrap();
    assert_eq!(report["bulletins"], key.bulletins);
    let tables = report["adoption"].as_array().unwrap();
    assert_eq!(tables.len(), key.adoption.len());
    for want in &key.adoption {
        let got = tables
            .iter()
            .find(|t| {
                t["series"]["title"] == want.title.as_str()
                    && t["period"]["year"].as_i64() == want.period[..4].parse().ok()
                    && t["period"]["quarter"].as_u64() == want.period[6..].parse().ok()
            })
            .unwrap_or_else(|| panic!("no table for {} {}", want.title, want.period));
        let units: BTreeMap<String, u32> = got["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["name"].as_str().unwrap().to_owned(),
                    r["items"].as_u64().unwrap() as u32,
                )
            })
            .collect();
        assert_eq!(units, want.units, "{} {}", want.title, want.period);
    }
    // Gaps of the answer key are reported.
    let gaps = report["gaps"].as_array().unwrap();
    for want in &key.gaps {
        assert!(
            gaps.iter()
                .any(|g| g["series"]["title"] == want.title.as_str()
                    && g["year"] == want.year
                    && g["missing"] == serde_json::json!(want.missing)),
            "gap {want:?}"
        );
    }
}

const ONE: &str = "\
溪口政务信息

第 3 期

溪口县人民政府办公室        2024 年 2 月 6 日

【工作动态】

县发改委谋划储备一批项目  今年以来，谋划储备项目 42 个，总投资 86.5 亿元。（县发展和改革委员会）

县财政局加强预算执行管理  全县一般公共预算收入完成 3.2 亿元，同比增长 6.1%。（县财政局）

【基层信息】

城关镇开展人居环境整治  清理垃圾 260 余吨，发动群众 1800 人次。（城关镇人民政府）

县发展改革委推进以工代赈  发放劳务报酬 96 万元，带动 410 人就业。（发改委）

责任编辑：周平    审核：吴敏    签发：郑强
";

const TWO: &str = "\
溪口政务信息

第 4 期

溪口县人民政府办公室        2024 年 2 月 20 日

【工作动态】

县财政局盘活存量资金  全县一般公共预算收入完成 4.1 亿元，盘活存量资金 1.3 亿元。（财政局）

县发改委开展项目观摩  观摩项目 18 个，总投资 52 亿元。（县发改委、县财政局）

溪口县城关镇推进老旧小区改造  改造小区 12 个，惠及 960 户。（城关镇 李明）

责任编辑：周平    审核：吴敏    签发：郑强
";

#[test]
fn units_merged_duplicates_once_and_ranks_shared() {
    let dir = temp_dir("merge");
    write(&dir, "a.txt", ONE.as_bytes());
    write(&dir, "b.txt", TWO.as_bytes());
    // The same bulletin again, in a subfolder: counted once.
    std::fs::create_dir_all(dir.join("copies")).unwrap();
    write(&dir.join("copies"), "a-again.txt", ONE.as_bytes());
    let out = run(&["-f", "json", dir.to_str().unwrap()]);
    let report: serde_json::Value = serde_json::from_str(&ok_stdout(&out)).unwrap();
    assert_eq!(report["bulletins"], 2);
    let rows = report["adoption"][0]["rows"].as_array().unwrap();
    let got: Vec<(u64, &str, u64)> = rows
        .iter()
        .map(|r| {
            (
                r["rank"].as_u64().unwrap(),
                r["name"].as_str().unwrap(),
                r["items"].as_u64().unwrap(),
            )
        })
        .collect();
    // 发改委: 3 items (one shared with 财政局); 财政局: 3; 城关镇: 2.
    assert_eq!(
        got,
        vec![(1, "发改委", 3), (1, "财政局", 3), (3, "城关镇", 2)]
    );
    assert_eq!(report["adoption"][0]["items"], 7);
    assert_eq!(report["adoption"][0]["credited"], 8);
    let units = report["units"].as_array().unwrap();
    let fgw = units.iter().find(|u| u["name"] == "发改委").unwrap();
    let merged: Vec<&str> = fgw["merged"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    for raw in ["县发展和改革委员会", "发改委", "县发改委"] {
        assert!(merged.contains(&raw), "{raw} not in {merged:?}");
    }
    // The revenue indicator: two points, 3.2 亿 and 4.1 亿, in date order.
    let series = report["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["label"] == "一般公共预算收入" && s["change"] == false)
        .expect("revenue series");
    let values: Vec<f64> = series["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["value"].as_f64().unwrap())
        .collect();
    assert_eq!(values, vec![320000000.0, 410000000.0]);
    assert_eq!(series["unit_name"], "财政局");
}

#[test]
fn points_aliases_and_text_table() {
    let dir = temp_dir("points");
    write(&dir, "a.txt", ONE.as_bytes());
    write(&dir, "b.txt", TWO.as_bytes());
    let aliases = write(&dir, "aliases.txt", "城关镇 = 城关片区\n".as_bytes());
    let out = run(&[
        "--points",
        "1,section:基层信息=3",
        "--aliases",
        aliases.to_str().unwrap(),
        dir.join("a.txt").to_str().unwrap(),
        dir.join("b.txt").to_str().unwrap(),
    ]);
    let text = ok_stdout(&out);
    // 发改委: 工作动态 1 + 基层信息 3 + 工作动态 1 = 5 points; 城关片区 (the
    // alias of 城关镇): 基层信息 3 + 工作动态 1 = 4; 财政局: three items in
    // 工作动态, 3.
    let lines: Vec<&str> = text.lines().collect();
    let header = lines.iter().position(|l| l.starts_with("排名")).unwrap();
    assert!(lines[header].contains("积分"), "{text}");
    let row = |i: usize| -> Vec<&str> { lines[header + i].split_whitespace().collect() };
    // Then the items per section (工作动态, 基层信息).
    assert!(lines[header].ends_with("工作动态  基层信息"), "{text}");
    assert_eq!(
        row(1),
        vec!["1", "发改委", "3", "37.50%", "5", "2", "1"],
        "{text}"
    );
    assert_eq!(
        row(2),
        vec!["2", "城关片区", "2", "25.00%", "4", "1", "1"],
        "{text}"
    );
    assert_eq!(
        row(3),
        vec!["3", "财政局", "3", "37.50%", "3", "3", "0"],
        "{text}"
    );
}

#[test]
fn xlsx_and_csv_outputs() {
    let dir = temp_dir("xlsx");
    write(&dir, "a.txt", ONE.as_bytes());
    write(&dir, "b.txt", TWO.as_bytes());
    let book = dir.join("stats.xlsx");
    let out = run(&[
        "--by",
        "month",
        "-o",
        book.to_str().unwrap(),
        dir.join("a.txt").to_str().unwrap(),
        dir.join("b.txt").to_str().unwrap(),
    ]);
    ok_stdout(&out);
    let bytes = std::fs::read(&book).unwrap();
    let workbook =
        String::from_utf8(zip_entry(&bytes, "xl/workbook.xml").unwrap().data.to_vec()).unwrap();
    for sheet in ["采用情况", "分栏目", "指标", "期号"] {
        assert!(workbook.contains(sheet), "{sheet}: {workbook}");
    }
    for part in 1..=4 {
        let entry = zip_entry(&bytes, &format!("xl/worksheets/sheet{part}.xml")).unwrap();
        assert_eq!(crc32(entry.data), entry.crc32);
    }
    let sheet = String::from_utf8(
        zip_entry(&bytes, "xl/worksheets/sheet1.xml")
            .unwrap()
            .data
            .to_vec(),
    )
    .unwrap();
    assert!(
        sheet.contains("2024年2月") && sheet.contains("发改委"),
        "{sheet}"
    );

    let csv_path = dir.join("stats.csv");
    let out = run(&[
        "-o",
        csv_path.to_str().unwrap(),
        dir.join("a.txt").to_str().unwrap(),
        dir.join("b.txt").to_str().unwrap(),
    ]);
    ok_stdout(&out);
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    assert!(csv.starts_with('\u{FEFF}'));
    let rows: Vec<&str> = csv.trim_start_matches('\u{FEFF}').lines().collect();
    assert!(rows[0].starts_with("刊物,编印单位,时期,排名,单位,采用条数,占比(%)"));
    assert_eq!(rows.len(), 4, "{csv}");
    assert!(rows[1].contains(",1,发改委,3,37.5,"), "{csv}");
}

#[test]
fn one_series_of_a_library() {
    let dir = temp_dir("series");
    library(&dir, 60);
    let out = run(&[
        "--series",
        "石岚政务快报",
        "-f",
        "json",
        dir.to_str().unwrap(),
    ]);
    let report: serde_json::Value = serde_json::from_str(&ok_stdout(&out)).unwrap();
    let tables = report["adoption"].as_array().unwrap();
    assert_eq!(tables.len(), 1);
    assert_eq!(tables[0]["series"]["title"], "石岚政务快报");
    let out = run(&["--series", "没有这种刊物", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("云梧政务信息"));
}

#[test]
fn usage_and_unreadable_inputs() {
    let out = run(&[]);
    assert_eq!(out.status.code(), Some(1));
    let out = run(&["--by", "week", "x"]);
    assert_eq!(out.status.code(), Some(1));
    let out = run(&["-f", "xlsx", "x"]);
    assert_eq!(out.status.code(), Some(1));
    let help = run(&["--help"]);
    assert!(ok_stdout(&help).contains("--by month|quarter|year"));
    // A missing file is reported; the others are still counted.
    let dir = temp_dir("missing");
    write(&dir, "a.txt", ONE.as_bytes());
    let out = run(&[
        "-f",
        "json",
        dir.join("a.txt").to_str().unwrap(),
        dir.join("nope.txt").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["bulletins"], 1);
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.txt"));
}
