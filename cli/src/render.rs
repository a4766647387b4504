//! Parsed documents to output bytes, in the format asked for.

use bulletin_parser::export::{self, CSV_BOM};
use bulletin_parser::{Bulletin, Figure};

use crate::args::Format;

/// One input, decoded.
pub struct Document {
    /// The input as named on the command line (`-` for standard input).
    pub name: String,
    pub text: String,
}

/// `bulletin parse`. `to_file`: output goes to a file (CSV then gets the
/// byte-order mark Excel needs).
pub fn parse(documents: &[Document], format: Option<Format>, to_file: bool) -> Vec<u8> {
    // A file may hold several issues: each is a bulletin of its own.
    let parsed: Vec<(&str, Bulletin)> = documents
        .iter()
        .flat_map(|d| {
            bulletin_parser::parse_all(&d.text)
                .into_iter()
                .map(move |b| (d.name.as_str(), b))
        })
        .collect();
    let pairs: Vec<(&str, &Bulletin)> = parsed.iter().map(|(name, b)| (*name, b)).collect();
    let single = pairs.len() == 1;
    let text = match format {
        None | Some(Format::Json) if single => format!("{}\n", export::to_json(pairs[0].1)),
        None | Some(Format::JsonLines) => pairs
            .iter()
            .map(|(name, b)| format!("{}\n", with_file(&export::to_json_line(b), name)))
            .collect(),
        Some(Format::Json) => json_array(&pairs),
        Some(Format::Csv) => bom(to_file) + &export::figures_csv(&pairs),
        Some(Format::ItemsCsv) => bom(to_file) + &export::items_csv(&pairs),
        Some(Format::Tsv) => export::figures_table(&pairs).to_tsv(),
        Some(Format::Xlsx) => return export::xlsx(&pairs),
        Some(Format::Text) if single => export::plain_text(pairs[0].1),
        Some(Format::Text) => pairs
            .iter()
            .map(|(name, b)| format!("==> {name} <==\n{}", export::plain_text(b)))
            .collect::<Vec<_>>()
            .join("\n"),
    };
    text.into_bytes()
}

/// `bulletin figures`: the figures of each whole text.
pub fn figures(documents: &[Document], format: Option<Format>, to_file: bool) -> Vec<u8> {
    let found: Vec<(&str, Vec<Figure>)> = documents
        .iter()
        .map(|d| (d.name.as_str(), bulletin_parser::extract_figures(&d.text)))
        .collect();
    let tables: Vec<(&str, &[Figure])> = found
        .iter()
        .map(|(name, f)| (*name, f.as_slice()))
        .collect();
    let text = match format {
        Some(Format::Csv) => bom(to_file) + &export::text_figures_table(&tables).to_csv(),
        Some(Format::Tsv) => export::text_figures_table(&tables).to_tsv(),
        _ => {
            let mut out = String::new();
            for (name, figures) in &tables {
                for figure in figures.iter() {
                    let json = serde_json::to_string(figure).unwrap_or_default();
                    out.push_str(&with_file(&json, name));
                    out.push('\n');
                }
            }
            out
        }
    };
    text.into_bytes()
}

fn bom(to_file: bool) -> String {
    if to_file {
        CSV_BOM.to_owned()
    } else {
        String::new()
    }
}

/// A compact JSON object with `"file"` as its first key.
fn with_file(object: &str, file: &str) -> String {
    let file = serde_json::to_string(file).unwrap_or_default();
    match object.strip_prefix('{') {
        Some("}") => format!("{{\"file\":{file}}}"),
        Some(rest) => format!("{{\"file\":{file},{rest}"),
        None => object.to_owned(),
    }
}

/// Several bulletins as one pretty JSON array, each object with `"file"`.
fn json_array(pairs: &[(&str, &Bulletin)]) -> String {
    let objects: Vec<String> = pairs
        .iter()
        .map(|(name, b)| {
            let pretty = export::to_json(b);
            let file = serde_json::to_string(name).unwrap_or_default();
            let object = match pretty.strip_prefix("{\n") {
                Some(rest) => format!("{{\n  \"file\": {file},\n{rest}"),
                None => pretty,
            };
            // JSON strings hold no raw line breaks, so indenting lines is safe.
            object
                .lines()
                .map(|line| format!("  {line}"))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect();
    format!("[\n{}\n]\n", objects.join(",\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_goes_first() {
        assert_eq!(
            with_file(r#"{"a":1}"#, "x\"y.txt"),
            r#"{"file":"x\"y.txt","a":1}"#
        );
        assert_eq!(with_file("{}", "a"), r#"{"file":"a"}"#);
    }

    #[test]
    fn array_of_two_is_valid_json_with_files() {
        let a = Bulletin::default();
        let text = json_array(&[("a.txt", &a), ("b.txt", &a)]);
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v[0]["file"], "a.txt");
        assert_eq!(v[1]["file"], "b.txt");
        assert!(v[1]["masthead"].is_object());
        assert!(
            text.starts_with("[\n  {\n    \"file\": \"a.txt\",\n    \"masthead\""),
            "{text}"
        );
    }
}
