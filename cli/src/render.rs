//! Parsed bulletins to output bytes, in the format asked for, written as
//! each one is parsed: memory holds one bulletin (and its rendering) at a
//! time, never the whole run.
//!
//! Two forms depend on whether the run gives one bulletin or several (the
//! pretty JSON object or a JSON array, plain text with or without `==>
//! file <==` headers; without `-f`, one object or JSON Lines). For those the
//! first bulletin is held until a second one arrives or the run ends.

use std::io::{self, Write};
use std::path::PathBuf;

use bulletin_export::{self as export, strip_controls, CSV_BOM};
use bulletin_parser::{Bulletin, Figure};

use crate::args::Format;
use crate::output::Output;
use crate::slices::{figure_rows_in_slices, ROWS_AT_ONCE};
use crate::xlsx_out::XlsxOut;

/// A bulletin made ready for the output on the worker thread that parsed
/// it, so that the writing thread only writes: the rendered text where the
/// format allows, the bulletin itself where the rendering depends on what
/// comes after it (held first bulletins) or is done at the end (XLSX).
pub enum Rendered {
    /// A JSON Line, or a table's header and rows.
    Text(Vec<u8>),
    Bulletin(Bulletin),
    /// Without `-f`: the bulletin, in case it is the only one, and its
    /// JSON Line, in case it is not.
    Both(Bulletin, Vec<u8>),
}

/// A bulletin with more figures than this, or more text, is not rendered
/// whole into memory: its JSON is streamed to the output and its figures
/// table written [`ROWS_AT_ONCE`] rows at a time. (A text of nothing but
/// figures — `1万1万…` — gives millions.)
const BIG_FIGURES: usize = 50_000;
const BIG_TEXT: usize = 4 << 20;

fn is_big(bulletin: &Bulletin) -> bool {
    let figures: usize = bulletin.items.iter().map(|i| i.figures.len()).sum();
    let text: usize = bulletin.items.iter().map(|i| i.body.len()).sum();
    figures > BIG_FIGURES || text > BIG_TEXT
}

/// Renders what can be rendered of `bulletin` alone (see [`Rendered`]).
pub fn prerender(format: Option<Format>, name: &str, bulletin: Bulletin) -> Rendered {
    if is_big(&bulletin) {
        return Rendered::Bulletin(bulletin);
    }
    let pair = [(name, &bulletin)];
    match format {
        Some(Format::JsonLines) => Rendered::Text(json_line(name, &bulletin)),
        Some(Format::Csv) => Rendered::Text(export::figures_csv(&pair).into_bytes()),
        Some(Format::ItemsCsv) => Rendered::Text(export::items_csv(&pair).into_bytes()),
        Some(Format::Tsv) => Rendered::Text(export::figures_tsv(&pair).into_bytes()),
        None => {
            let line = json_line(name, &bulletin);
            Rendered::Both(bulletin, line)
        }
        _ => Rendered::Bulletin(bulletin),
    }
}

/// The figures of one text, rendered on the worker unless there are very
/// many (see [`BIG_FIGURES`]).
pub enum RenderedFigures {
    Text(String),
    Many(Vec<Figure>),
}

/// [`prerender_figures`], or the figures themselves when there are many.
pub fn prerender_all_figures(
    format: Option<Format>,
    name: &str,
    figures: Vec<Figure>,
) -> RenderedFigures {
    if figures.len() > BIG_FIGURES {
        RenderedFigures::Many(figures)
    } else {
        RenderedFigures::Text(prerender_figures(format, name, &figures))
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

/// One JSON Line with `"file"` first (the bytes of [`with_file`] on the
/// compact JSON, and a line break), serialised once into a buffer sized for
/// it: no copy of the JSON to put the file name in front.
fn json_line(name: &str, bulletin: &Bulletin) -> Vec<u8> {
    let text: usize = bulletin
        .items
        .iter()
        .map(|i| i.body.len() + i.headline.len())
        .sum();
    // The JSON of a bulletin is about twice its text (offsets, figures).
    let mut line = Vec::with_capacity(text * 5 / 2 + name.len() + 4096);
    line.extend_from_slice(b"{\"file\":");
    let written = export::write_compact(&mut line, name)
        .and_then(|()| {
            let at = line.len();
            export::write_compact(&mut line, bulletin).map(|()| at)
        })
        .ok();
    match written.and_then(|at| line.get(at..at + 2).map(|open| (at, open))) {
        // `{"file":"a.txt"` + `{"masthead":…}`: the bulletin's `{` becomes
        // the comma after the file name.
        Some((at, [b'{', b'}'])) => {
            line.truncate(at);
            line.push(b'}');
        }
        Some((at, [b'{', _])) => line[at] = b',',
        // Serialising cannot fail (string keys, non-finite numbers become
        // null); if it did, an empty line, as before.
        _ => line.clear(),
    }
    line.push(b'\n');
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
            Some(Format::JsonLines)
            | Some(Format::Csv)
            | Some(Format::ItemsCsv)
            | Some(Format::Tsv) => {
                let text = match rendered {
                    Rendered::Text(text) => text,
                    Rendered::Bulletin(b) | Rendered::Both(b, _) => return self.big(name, &b),
                };
                match self.format {
                    Some(Format::JsonLines) => self.out.write_all(&text),
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

    /// A big bulletin (see [`BIG_FIGURES`]) in a streaming format: JSON
    /// straight to the output, tables a slice of rows at a time.
    fn big(&mut self, name: &str, bulletin: &Bulletin) -> io::Result<()> {
        match self.format {
            Some(Format::Csv) | Some(Format::Tsv) => {
                let csv = self.format == Some(Format::Csv);
                let mut result = Ok(());
                figure_rows_in_slices(name, bulletin, |table| {
                    if result.is_ok() {
                        result = if csv {
                            self.table_rows(table.to_csv().as_bytes(), "\r\n", true)
                        } else {
                            self.table_rows(table.to_tsv().as_bytes(), "\n", false)
                        };
                    }
                });
                result
            }
            Some(Format::ItemsCsv) => {
                let csv = export::items_csv(&[(name, bulletin)]);
                self.table_rows(csv.as_bytes(), "\r\n", true)
            }
            _ => write_json_line(&mut self.out, name, bulletin),
        }
    }

    /// A table's rows, its header line only before the first.
    fn table_rows(&mut self, table: &[u8], line_end: &str, csv: bool) -> io::Result<()> {
        let body = match find(table, line_end.as_bytes()) {
            Some(i) if self.header_written => &table[i + line_end.len()..],
            _ => {
                if csv && self.out.is_file() {
                    self.out.write_all(CSV_BOM.as_bytes())?;
                }
                self.header_written = true;
                table
            }
        };
        self.out.write_all(body)
    }

    /// One bulletin of several.
    fn several(&mut self, name: &str, rendered: Rendered) -> io::Result<()> {
        let first = self.written == 0;
        self.written += 1;
        let bulletin = match rendered {
            Rendered::Both(_, line) | Rendered::Text(line) => {
                return self.out.write_all(&line);
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
                let mut text = format!("{gap}==> {name} <==\n{}", export::plain_text(&bulletin));
                strip_controls(&mut text);
                self.out.write_all(text.as_bytes())
            }
            _ => write_json_line(&mut self.out, name, &bulletin),
        }
    }

    /// Ends the output: the held bulletin in its one-bulletin form, the
    /// JSON array's bracket, the workbook's sheets.
    pub fn finish(mut self) -> io::Result<()> {
        if let Some((_, rendered)) = self.held.take() {
            match (self.format, rendered) {
                (_, Rendered::Text(text)) => self.out.write_all(&text)?,
                (Some(Format::Text), Rendered::Bulletin(b)) => {
                    self.out.write_all(export::plain_text(&b).as_bytes())?
                }
                (_, Rendered::Bulletin(b) | Rendered::Both(b, _)) => {
                    // The same bytes as `export::to_json`, streamed.
                    serde_json::to_writer_pretty(&mut self.out, &b).map_err(io::Error::from)?;
                    self.out.write_all(b"\n")?;
                }
            }
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

    /// Writes one text's figures: rendered by [`prerender_figures`] on the
    /// worker, or (a text of very many figures) here, a slice at a time.
    pub fn figures(&mut self, name: &str, figures: RenderedFigures) -> io::Result<()> {
        match figures {
            RenderedFigures::Text(table) => self.figures_text(&table),
            RenderedFigures::Many(all) => all.chunks(ROWS_AT_ONCE).try_for_each(|slice| {
                let table = prerender_figures(self.format, name, slice);
                self.figures_text(&table)
            }),
        }
    }

    fn figures_text(&mut self, table: &str) -> io::Result<()> {
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

/// Where `needle` first occurs in `haystack` (the end of a table's header
/// line: a search that stops within the first row).
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// One JSON Line with `"file"` first, serialised straight to `out`.
fn write_json_line(out: &mut impl Write, name: &str, bulletin: &Bulletin) -> io::Result<()> {
    let file = serde_json::to_string(name).unwrap_or_default();
    write!(out, "{{\"file\":{file},")?;
    let mut rest = SkipFirstByte {
        out,
        skipped: false,
    };
    serde_json::to_writer(&mut rest, bulletin).map_err(io::Error::from)?;
    out.write_all(b"\n")
}

/// Drops the first byte written (the `{` of an object whose first key was
/// written before it).
struct SkipFirstByte<'a, W: Write> {
    out: &'a mut W,
    skipped: bool,
}

impl<W: Write> Write for SkipFirstByte<'_, W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if !self.skipped && !bytes.is_empty() {
            self.skipped = true;
            self.out.write_all(&bytes[1..])?;
        } else {
            self.out.write_all(bytes)?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
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
    fn a_streamed_json_line_is_the_rendered_one() {
        let b =
            bulletin_parser::parse("某县政务信息\n\n县局开展活动 投资 3 亿元，增长 5%。（县局）\n");
        let mut out = Vec::new();
        write_json_line(&mut out, "a\"b.txt", &b).unwrap();
        assert_eq!(out, json_line("a\"b.txt", &b));
    }

    #[test]
    fn figure_rows_in_slices_are_the_whole_table() {
        let body = "投资 3 亿元，".repeat(5000);
        let text = format!(
            "某县政务信息\n\n县局甲开展活动 起步。（甲局）\n\n县局乙推进项目 {body}（乙局）\n"
        );
        let b = bulletin_parser::parse(&text);
        let whole = export::figures_table(&[("x.txt", &b)]);
        let mut rows = Vec::new();
        figure_rows_in_slices("x.txt", &b, |t| rows.extend(t.rows));
        assert!(whole.rows.len() > ROWS_AT_ONCE, "{}", whole.rows.len());
        assert_eq!(rows, whole.rows);
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
