//! `bulletin check`: findings with their places, the exit status, JSON
//! Lines whose offsets point into the decoded input, house-rules files.
//! The bulletin text is invented.

use std::path::PathBuf;
use std::process::{Command, Output};

const CLEAN: &str = "\
松陵政务快报

第 12 期

松陵县人民政府办公室        2024 年 3 月 8 日

县发改委全力推进重点项目建设  今年以来，全县 46 个重点项目完成投资 18.6 亿元，同比增长 12.4%。（县发改委）

本期发：县委常委，县人大常委会主任，县政府副县长。

责任编辑：王晓    审核：陈立群    签发：赵明远
";

fn dir(test: &str) -> PathBuf {
    // Under Cargo's target/tmp, emptied first: runs do not pile up in /tmp.
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("bulletin-check-{test}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn check(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bulletin"))
        .arg("check")
        .args(args)
        .output()
        .unwrap()
}

fn planted() -> String {
    CLEAN
        .replace("县人大常委会", "县人大大常委会")
        .replace("责任编辑：王晓", "责任编辑：")
}

#[test]
fn clean_input_exits_0_with_no_output() {
    let d = dir("clean");
    let f = d.join("a.txt");
    std::fs::write(&f, CLEAN).unwrap();
    let out = check(&[f.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn findings_exit_1_with_file_line_column_kind_and_text() {
    let d = dir("text");
    let f = d.join("a.txt");
    std::fs::write(&f, planted()).unwrap();
    let out = check(&[f.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].contains("a.txt:9:")
            && lines[0].contains(": repeated: ")
            && lines[0].ends_with("«大»"),
        "{text}"
    );
    assert!(lines[1].contains("a.txt:11:1: empty-field: "), "{text}");
}

#[test]
fn json_offsets_point_into_the_decoded_input() {
    let d = dir("json");
    // UTF-16 with a byte-order mark: offsets count characters of the decoded text.
    let text = planted();
    let mut bytes = vec![0xff, 0xfe];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let f = d.join("u16.txt");
    std::fs::write(&f, bytes).unwrap();
    let out = check(&["-f", "json", f.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let chars: Vec<char> = text.chars().collect();
    let mut kinds = Vec::new();
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let (start, end) = (
            v["start"].as_u64().unwrap() as usize,
            v["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            chars[start..end].iter().collect::<String>(),
            v["text"].as_str().unwrap()
        );
        assert!(!v["message"].as_str().unwrap().is_empty());
        kinds.push(v["kind"].as_str().unwrap().to_string());
    }
    assert_eq!(kinds, ["repeated", "empty-field"]);
}

#[test]
fn unreadable_input_and_bad_rules_exit_2() {
    let d = dir("bad");
    let missing = d.join("missing.txt");
    assert_eq!(check(&[missing.to_str().unwrap()]).status.code(), Some(2));
    let f = d.join("a.txt");
    std::fs::write(&f, CLEAN).unwrap();
    let rules = d.join("rules.tsv");
    std::fs::write(&rules, "re:(\tx\n").unwrap();
    assert_eq!(
        check(&["--rules", rules.to_str().unwrap(), f.to_str().unwrap()])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        check(&["--bogus", f.to_str().unwrap()]).status.code(),
        Some(2)
    );
}

#[test]
fn house_rules_files_add_rules_and_the_starter_list_prints() {
    let d = dir("rules");
    let f = d.join("a.txt");
    std::fs::write(&f, CLEAN).unwrap();
    let rules = d.join("rules.tsv");
    std::fs::write(&rules, "# our terms\n重点项目\t重大项目\t本办用语\n").unwrap();
    let out = check(&["--rules", rules.to_str().unwrap(), f.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("house-rule") && text.contains("«重点项目»"),
        "{text}"
    );
    let json = d.join("rules.json");
    std::fs::write(
        &json,
        r#"[{"wrong": "re:unused", "right": "x"}, {"wrong": "同比", "right": "比上年同期"}]"#,
    )
    .unwrap();
    let out = check(&[
        "--no-starter",
        "--rules",
        json.to_str().unwrap(),
        f.to_str().unwrap(),
    ]);
    assert!(String::from_utf8(out.stdout).unwrap().contains("«同比»"));
    let printed = check(&["--print-rules"]);
    assert_eq!(printed.status.code(), Some(0));
    assert!(String::from_utf8(printed.stdout)
        .unwrap()
        .contains("既使\t即使"));
}
