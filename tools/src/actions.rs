//! The exports, from texts: each text is parsed here and exported with the
//! parser crate's writers, so the bytes are the command line's.

use bulletin_export as export;
use bulletin_parser::{parse, Bulletin};

use crate::json::pretty;

/// One export the page can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// One bulletin as pretty JSON (the contract's form).
    Json,
    /// Every bulletin as one line of compact JSON.
    JsonLines,
    /// The figures as CSV for Excel (UTF-8 with a byte-order mark).
    Csv,
    /// An XLSX workbook of items and figures.
    Xlsx,
    /// One bulletin as plain text (for the clipboard).
    Text,
}

impl Action {
    pub fn from_name(name: &str) -> Option<Action> {
        Some(match name {
            "json" => Action::Json,
            "jsonl" => Action::JsonLines,
            "csv" => Action::Csv,
            "xlsx" => Action::Xlsx,
            "text" => Action::Text,
            _ => return None,
        })
    }
}

/// Runs `action` on the documents `(label, text)`; the label fills the
/// 文件 column of the tables. JSON and text take exactly one document.
#[cfg(test)]
pub fn run(action: Action, docs: &[(String, String)]) -> Result<Vec<u8>, String> {
    run_with(action, docs, |_, _| {})
}

/// [`run`], with each parse changed by `fix(i, bulletin)` before the
/// export (the page's corrections by hand and table filter).
pub fn run_with(
    action: Action,
    docs: &[(String, String)],
    fix: impl Fn(usize, &mut Bulletin),
) -> Result<Vec<u8>, String> {
    let parsed: Vec<(&str, Bulletin)> = docs
        .iter()
        .enumerate()
        .map(|(i, (label, text))| {
            let mut b = parse(text);
            fix(i, &mut b);
            (label.as_str(), b)
        })
        .collect();
    let tables: Vec<(&str, &Bulletin)> = parsed.iter().map(|(label, b)| (*label, b)).collect();
    let single = || match parsed.as_slice() {
        [(_, b)] => Ok(b),
        _ => Err(format!(
            "{action:?} exports exactly one bulletin, {} given",
            parsed.len()
        )),
    };
    Ok(match action {
        Action::Json => pretty(&export::to_json_line(single()?)).into_bytes(),
        Action::JsonLines => parsed
            .iter()
            .map(|(_, b)| export::to_json_line(b) + "\n")
            .collect::<String>()
            .into_bytes(),
        Action::Csv => export::figures_csv_for_excel(&tables).into_bytes(),
        Action::Xlsx => export::xlsx(&tables),
        Action::Text => export::plain_text(single()?).into_bytes(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str =
        "青禾政务快报\n\n第 3 期\n\n县民政局发放救助金 发放临时救助金 86 万元。（县民政局）\n";
    const B: &str = "青禾政务快报\n\n第 4 期\n\n县农业局春耕备耕 投入农机 120 台。（县农业局）\n";

    fn docs(texts: &[&str]) -> Vec<(String, String)> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| (format!("f{i}.txt"), t.to_string()))
            .collect()
    }

    #[test]
    fn json_is_the_contracts_pretty_json_of_the_parse() {
        let out = run(Action::Json, &docs(&[A])).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), export::to_json(&parse(A)));
    }

    #[test]
    fn json_lines_one_line_per_text_in_order() {
        let out = String::from_utf8(run(Action::JsonLines, &docs(&[A, B])).unwrap()).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines,
            [
                export::to_json_line(&parse(A)),
                export::to_json_line(&parse(B))
            ]
        );
    }

    #[test]
    fn csv_has_the_bom_and_every_files_label() {
        let out = run(Action::Csv, &docs(&[A, B])).unwrap();
        assert_eq!(&out[..3], &[0xef, 0xbb, 0xbf]);
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("f0.txt") && text.contains("f1.txt"), "{text}");
        assert!(text.contains("860000"), "86 万元 as a number: {text}");
    }

    #[test]
    fn xlsx_is_a_zip() {
        let out = run(Action::Xlsx, &docs(&[A])).unwrap();
        assert_eq!(&out[..2], b"PK");
    }

    #[test]
    fn text_and_json_refuse_several_bulletins() {
        assert!(run(Action::Text, &docs(&[A, B])).is_err());
        assert!(run(Action::Json, &docs(&[])).is_err());
        assert!(String::from_utf8(run(Action::Text, &docs(&[A])).unwrap())
            .unwrap()
            .contains("县民政局"));
    }

    #[test]
    fn unknown_action_names_are_none() {
        assert_eq!(Action::from_name("xlsx"), Some(Action::Xlsx));
        assert_eq!(Action::from_name("pdf"), None);
    }
}
