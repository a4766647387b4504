//! PDF, Word 97 .doc and WPS .wps files on the command line: each test file
//! of doc-readers/tests/files gives the bulletin its source text gives
//! (items, sources, figures); refused files exit 2 with their reason.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn files() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../doc-readers/tests/files")
}

fn run(args: &[&Path]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_bulletin"))
        .arg("parse")
        .arg("-f")
        .arg("jsonl")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Items as (headline, sources, figures as value+unit with spaces dropped
/// from the text: a line wrap between number and unit eats the space).
fn items(json: &str) -> Vec<Value> {
    let v: Value = serde_json::from_str(json).unwrap();
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            let figures: Vec<Value> = item["figures"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| serde_json::json!([f["text"].as_str().unwrap().replace(' ', ""), f["value"], f["unit"], f["approx"]]))
                .collect();
            serde_json::json!({"headline": item["headline"], "sources": item["sources"], "section": item["section"], "figures": figures})
        })
        .collect()
}

fn expected(source: &str) -> Vec<Value> {
    let (code, out, err) = run(&[&files().join(format!("source/{source}.txt"))]);
    assert_eq!(code, 0, "{err}");
    items(&out)
}

#[test]
fn pdf_and_doc_files_parse_as_their_source_text() {
    for (file, source) in [
        ("qingfeng-lo.pdf", "qingfeng"),
        ("qingfeng-rl-ttf.pdf", "qingfeng"),
        ("qingfeng-fpdf.pdf", "qingfeng"),
        ("qingfeng-run-in.pdf", "qingfeng"),
        ("qingfeng-objstm.pdf", "qingfeng"),
        ("protected-aes128.pdf", "qingfeng"),
        ("qingfeng.doc", "qingfeng"),
        ("liuhe-lo.pdf", "liuhe"),
        ("liuhe-rl-cid.pdf", "liuhe"),
        ("liuhe.doc", "liuhe"),
        ("long-lo.pdf", "long"),
    ] {
        let (code, out, err) = run(&[&files().join(file)]);
        assert_eq!(code, 0, "{file}: {err}");
        let want = expected(source);
        assert!(want.len() >= 4);
        assert_eq!(items(&out), want, "{file}");
    }
}

#[test]
fn a_directory_takes_pdf_doc_and_wps_files() {
    let dir = std::env::temp_dir().join(format!("bulletin-formats-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // A .wps from WPS Office is the Word 97 format in the same container.
    std::fs::copy(files().join("liuhe.doc"), dir.join("柳河.wps")).unwrap();
    std::fs::copy(files().join("qingfeng-lo.pdf"), dir.join("青峰.pdf")).unwrap();
    let (code, out, err) = run(&[&dir]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(items(lines[0]), expected("liuhe"));
    assert_eq!(items(lines[1]), expected("qingfeng"));
}

#[test]
fn scans_and_encrypted_pdfs_exit_2_with_the_reason() {
    for (file, reason) in [
        ("scan.pdf", "OCR"),
        ("encrypted.pdf", "加密"),
        ("no-map.pdf", "OCR"),
    ] {
        let (code, out, err) = run(&[&files().join(file)]);
        assert_eq!(code, 2, "{file}");
        assert!(out.is_empty());
        assert!(err.contains(file) && err.contains(reason), "{file}: {err}");
    }
}
