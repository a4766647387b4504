//! Parsed bulletins to output bytes, in the format asked for, written as
//! each one is parsed: memory holds one bulletin (and its rendering) at a
//! time, never the whole run.
//!
//! Two forms depend on whether the run gives one bulletin or several (the
//! pretty JSON object or a JSON array, plain text with or without `==>
//! file <==` headers; without `-f`, one object or JSON Lines). For those the
//! first bulletin is held until a second one arrives or the run ends.

use std::io;
use std::path::PathBuf;

use bulletin_parser::export::{self, strip_controls, CSV_BOM};
use bulletin_parser::{Bulletin, Figure};

use crate::args::Format;
use crate::output::Output;
use crate::xlsx_out::XlsxOut;

/// A bulletin made ready for the output on the worker thread that parsed
/// it, so that the writing thread only writes: the rendered text where the
/// format allows, the bulletin itself where the rendering depends on what
/// comes after it (held first bulletins) or is done at the end (XLSX).
pub enum Rendered {
    /// A JSON Line, or a table's header and rows.
    Text(String),
    Bulletin(Bulletin),
    /// Without `-f`: the bulletin, in case it is the only one, and its
    /// JSON Line, in case it is not.
    Both(Bulletin, String),
}

/// Renders what can be rendered of `bulletin` alone (see [`Rendered`]).
pub fn prerender(format: Option<Format>, name: &str, bulletin: Bulletin) -> Rendered {
    let pair = [(name, &bulletin)];
    match format {
        Some(Format::JsonLines) => Rendered::Text(json_line(name, &bulletin)),
        Some(Format::Csv) => Rendered::Text(export::figures_csv(&pair)),
        Some(Format::ItemsCsv) => Rendered::Text(export::items_csv(&pair)),
        Some(Format::Tsv) => Rendered::Text(export::figures_table(&pair).to_tsv()),
        None => {
            let line = json_line(name, &bulletin);
            Rendered::Both(bulletin, line)
        }
        _ => Rendered::Bulletin(bulletin),
    }
}

/// Renders the figures of one text for `bulletin figures`.
pub fn prerender_figures(format: Option<Format>, name: &str, figures: &[Figure]) -> String {
    let tables = [(name, figures)];
    match format {
        Some(Format::Csv) => export::text_figures_table(&tables).to_csv(),
        Some(Format::Tsv) => export::text_figures_table(&tables).to_tsv(),
        _ => {
            let mut out = String::new();
            for figure in figures {
                let json = serde_json::to_string(figure).unwrap_or_default();
                out.push_str(&with_file(&json, name));
                out.push('\n');
            }
            out
        }
    }
}

fn json_line(name: &str, bulletin: &Bulletin) -> String {
    let mut line = with_file(&export::to_json_line(bulletin), name);
    line.push('\n');
    line
}

/// Where `bulletin parse` writes, bulletin by bulletin.
pub struct ParseSink {
    format: Option<Format>,
    out: Output,
    /// The first bulletin, until it is known whether more follow.
    held: Option<(String, Rendered)>,
    /// Bulletins written in the several-bulletins form.
    written: usize,
    header_written: bool,
    xlsx: Option<XlsxOut>,
}

impl ParseSink {
    pub fn new(format: Option<Format>, output: Option<PathBuf>) -> Self {
        let xlsx = match (format, &output) {
            (Some(Format::Xlsx), Some(path)) => Some(XlsxOut::new(path.clone())),
            _ => None,
        };
        ParseSink {
            format,
            out: Output::new(output),
            held: None,
            written: 0,
            header_written: false,
            xlsx,
        }
    }

    /// Writes one bulletin (or holds it, see the module docs).
    pub fn bulletin(&mut self, name: &str, rendered: Rendered) -> io::Result<()> {
        match self.format {
            Some(Format::JsonLines) | Some(Format::Csv) | Some(Format::ItemsCsv)
            | Some(Format::Tsv) => {
                let Rendered::Text(text) = rendered else {
                    return Ok(());
                };
                match self.format {
                    Some(Format::JsonLines) => self.out.write_all(text.as_bytes()),
                    Some(Format::Tsv) => self.table_rows(&text, "\n", false),
                    _ => self.table_rows(&text, "\r\n", true),
                }
            }
            Some(Format::Xlsx) => match (&mut self.xlsx, rendered) {
                (Some(xlsx), Rendered::Bulletin(b)) => xlsx.add(name, &b),
                _ => Err(io::Error::other("--format xlsx needs --output FILE.xlsx")),
            },
            None | Some(Format::Json) | Some(Format::Text) => {
                if self.written == 0 && self.held.is_none() {
                    self.held = Some((name.to_owned(), rendered));
                    return Ok(());
                }
                if let Some((first_name, first)) = self.held.take() {
                    self.several(&first_name, first)?;
                }
                self.several(name, rendered)
            }
        }
    }

    /// A table's rows, its header line only before the first.
    fn table_rows(&mut self, table: &str, line_end: &str, csv: bool) -> io::Result<()> {
        let body = match table.find(line_end) {
            Some(i) if self.header_written => &table[i + line_end.len()..],
            _ => {
                if csv && self.out.is_file() {
                    self.out.write_all(CSV_BOM.as_bytes())?;
                }
                self.header_written = true;
                table
            }
        };
        self.out.write_all(body.as_bytes())
    }

    /// One bulletin of several.
    fn several(&mut self, name: &str, rendered: Rendered) -> io::Result<()> {
        let first = self.written == 0;
        self.written += 1;
        let bulletin = match rendered {
            Rendered::Both(_, line) | Rendered::Text(line) => {
                return self.out.write_all(line.as_bytes());
            }
            Rendered::Bulletin(b) => b,
        };
        match self.format {
            Some(Format::Json) => {
                let start = if first { "[\n" } else { ",\n" };
                self.out.write_all(start.as_bytes())?;
                self.out
                    .write_all(array_element(name, &bulletin).as_bytes())
            }
            Some(Format::Text) => {
                let gap = if first { "" } else { "\n" };
                let mut text =
                    format!("{gap}==> {name} <==\n{}", export::plain_text(&bulletin));
                strip_controls(&mut text);
                self.out.write_all(text.as_bytes())
            }
            _ => self.out.write_all(json_line(name, &bulletin).as_bytes()),
        }
    }

    /// Ends the output: the held bulletin in its one-bulletin form, the
    /// JSON array's bracket, the workbook's sheets.
    pub fn finish(mut self) -> io::Result<()> {
        if let Some((_, rendered)) = self.held.take() {
            let text = match (self.format, rendered) {
                (_, Rendered::Text(text)) => text,
                (Some(Format::Text), Rendered::Bulletin(b)) => export::plain_text(&b),
                (_, Rendered::Bulletin(b) | Rendered::Both(b, _)) => {
                    format!("{}\n", export::to_json(&b))
                }
            };
            self.out.write_all(text.as_bytes())?;
        } else if self.format == Some(Format::Json) && self.written > 0 {
            self.out.write_all(b"\n]\n")?;
        }
        if let Some(xlsx) = self.xlsx.take() {
            xlsx.finish()?;
        }
        self.out.finish()
    }
}

/// Where `bulletin figures` writes, text by text.
pub struct FiguresSink {
    format: Option<Format>,
    out: Output,
    header_written: bool,
}

impl FiguresSink {
    pub fn new(format: Option<Format>, output: Option<PathBuf>) -> Self {
        FiguresSink {
            format,
            out: Output::new(output),
            header_written: false,
        }
    }

    /// Writes one text's figures, rendered by [`prerender_figures`].
    pub fn figures(&mut self, table: &str) -> io::Result<()> {
        let line_end = match self.format {
            Some(Format::Csv) => "\r\n",
            Some(Format::Tsv) => "\n",
            _ => return self.out.write_all(table.as_bytes()),
        };
        let body = match table.find(line_end) {
            Some(i) if self.header_written => &table[i + line_end.len()..],
            _ => {
                if self.format == Some(Format::Csv) && self.out.is_file() {
                    self.out.write_all(CSV_BOM.as_bytes())?;
                }
                self.header_written = true;
                table
            }
        };
        self.out.write_all(body.as_bytes())
    }

    pub fn finish(self) -> io::Result<()> {
        self.out.finish()
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

/// One bulletin as an element of the pretty JSON array, with `"file"`,
/// indented, without the separator.
fn array_element(name: &str, bulletin: &Bulletin) -> String {
    let pretty = export::to_json(bulletin);
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
        let text = format!(
            "[\n{},\n{}\n]\n",
            array_element("a.txt", &a),
            array_element("b.txt", &a)
        );
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
