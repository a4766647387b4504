//! CSV (RFC 4180: fields with a comma, quote or line break are quoted,
//! quotes doubled, CRLF line ends) and TSV.

use super::table::{figure_rows, items_table, plain_number, Cell, CellSink, Table, FIGURE_HEADERS};
use crate::model::Bulletin;

/// The UTF-8 byte-order mark. Excel opens a CSV file as UTF-8 only when it
/// starts with one; without it Chinese text shows as mojibake. Tools that
/// read standard input usually do not want it, so it is not part of
/// [`figures_csv`] and [`items_csv`].
pub const CSV_BOM: &str = "\u{FEFF}";

/// The figures table as CSV (columns in [`crate::export`]).
pub fn figures_csv(docs: &[(&str, &Bulletin)]) -> String {
    figures_delimited(docs, ',', "\r\n")
}

/// The figures table as TSV.
pub fn figures_tsv(docs: &[(&str, &Bulletin)]) -> String {
    figures_delimited(docs, '\t', "\n")
}

/// The same bytes as `figures_table(docs).to_csv()` (or `.to_tsv()`),
/// written straight from the bulletins: no cell or row is built.
fn figures_delimited(docs: &[(&str, &Bulletin)], sep: char, eol: &str) -> String {
    let figures: usize = docs
        .iter()
        .flat_map(|(_, b)| &b.items)
        .map(|i| i.figures.len())
        .sum();
    let mut out = String::with_capacity(160 * (figures + 1));
    let mut row = RowWriter {
        out: &mut out,
        sep,
        first: true,
    };
    for h in FIGURE_HEADERS {
        row.text(h);
    }
    row.end(eol);
    figure_rows(docs, |cells| {
        cells(&mut row);
        row.end(eol);
    });
    out
}

/// Writes a row's cells as they come, the way [`write_row`] writes them.
struct RowWriter<'a> {
    out: &'a mut String,
    sep: char,
    first: bool,
}

impl RowWriter<'_> {
    fn next(&mut self) {
        if !self.first {
            self.out.push(self.sep);
        }
        self.first = false;
    }

    fn end(&mut self, eol: &str) {
        self.out.push_str(eol);
        self.first = true;
    }
}

impl CellSink for RowWriter<'_> {
    fn text(&mut self, s: &str) {
        self.next();
        push_text(self.out, s, self.sep);
    }
    fn number(&mut self, v: f64) {
        self.next();
        push_number(self.out, v);
    }
    fn empty(&mut self) {
        self.next();
    }
}

/// [`figures_csv`] with the byte-order mark Excel needs.
pub fn figures_csv_for_excel(docs: &[(&str, &Bulletin)]) -> String {
    format!("{CSV_BOM}{}", figures_csv(docs))
}

/// The items table as CSV.
pub fn items_csv(docs: &[(&str, &Bulletin)]) -> String {
    items_table(docs).to_csv()
}

/// [`items_csv`] with the byte-order mark Excel needs.
pub fn items_csv_for_excel(docs: &[(&str, &Bulletin)]) -> String {
    format!("{CSV_BOM}{}", items_csv(docs))
}

impl Table {
    /// RFC 4180 CSV, header row first.
    pub fn to_csv(&self) -> String {
        self.delimited(',', "\r\n")
    }

    /// Tab-separated values, header row first, `\n` line ends. TSV has no
    /// quoting, so tabs and line breaks inside a field become spaces.
    pub fn to_tsv(&self) -> String {
        self.delimited('\t', "\n")
    }

    /// The header row, then every row, each written by [`write_row`].
    fn delimited(&self, sep: char, eol: &str) -> String {
        let mut out = String::with_capacity(64 * (self.rows.len() + 1));
        let headers: Vec<Cell> = self
            .headers
            .iter()
            .map(|h| Cell::Text((*h).to_owned()))
            .collect();
        write_row(&mut out, &headers, sep, eol);
        for row in &self.rows {
            write_row(&mut out, row, sep, eol);
        }
        out
    }
}

fn write_row(out: &mut String, cells: &[Cell], separator: char, line_end: &str) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(separator);
        }
        match cell {
            Cell::Text(s) => push_text(out, s, separator),
            Cell::Number(v) => push_number(out, *v),
            Cell::Empty => {}
        }
    }
    out.push_str(line_end);
}

/// A text cell: quoted as CSV needs, or with TSV's breaks made spaces.
fn push_text(out: &mut String, s: &str, separator: char) {
    if separator == ',' {
        push_csv_field(out, &defused(s));
    } else {
        out.extend(defused(s).chars().map(|c| {
            if matches!(c, '\t' | '\r' | '\n') {
                ' '
            } else {
                c
            }
        }));
    }
}

/// [`plain_number`], without its exact-decimal round trip for whole numbers
/// below 10^15 (offsets, counts, most values), which print the same.
fn push_number(out: &mut String, v: f64) {
    use std::fmt::Write;
    if v.fract() == 0.0 && v.abs() < 1e15 {
        let _ = write!(out, "{}", v as i64);
    } else {
        out.push_str(&plain_number(v));
    }
}

/// A text cell Excel would run as a formula (`=`, `+`, `-`, `@`, or a tab or
/// carriage return before one) gets a leading `'`, which Excel shows as text
/// and hides (OWASP's advice for CSV injection). Only text cells: numbers
/// are written as numbers and stay numbers.
fn defused(field: &str) -> std::borrow::Cow<'_, str> {
    // A lone `-` (standard input's name, a blank placeholder) is no formula.
    if field.starts_with(['=', '+', '-', '@', '\t', '\r']) && !matches!(field, "-" | "+" | "@") {
        std::borrow::Cow::Owned(format!("'{field}"))
    } else {
        std::borrow::Cow::Borrowed(field)
    }
}

fn push_csv_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_and_line_ends() {
        let table = Table {
            headers: vec!["a", "b"],
            rows: vec![
                vec![Cell::Text("x,y".into()), Cell::Text("say \"hi\"".into())],
                vec![Cell::Text("two\nlines".into()), Cell::Number(1.5)],
                vec![Cell::Empty, Cell::Text("中文".into())],
            ],
        };
        assert_eq!(
            table.to_csv(),
            "a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",1.5\r\n,中文\r\n"
        );
        assert_eq!(
            table.to_tsv(),
            "a\tb\nx,y\tsay \"hi\"\ntwo lines\t1.5\n\t中文\n"
        );
    }

    #[test]
    fn whole_numbers_print_as_plain_number_does() {
        for v in [
            0.0,
            -0.0,
            1.0,
            -3.0,
            24877000000.0,
            999999999999999.0,
            1e15,
            1e21,
            2.5,
            -0.5,
        ] {
            let mut out = String::new();
            push_number(&mut out, v);
            assert_eq!(out, plain_number(v), "{v}");
        }
    }

    #[test]
    fn formulas_in_text_cells_are_defused_and_numbers_stay_numbers() {
        let table = Table {
            headers: vec!["a", "b", "c"],
            rows: vec![
                vec![
                    Cell::Text("=HYPERLINK(\"http://x\",\"y\")".into()),
                    Cell::Text("-3.9%".into()),
                    Cell::Number(-3.9),
                ],
                vec![
                    Cell::Text("+1".into()),
                    Cell::Text("@SUM(A1)".into()),
                    Cell::Text("\t=1".into()),
                ],
                vec![
                    Cell::Text("县=局".into()),
                    Cell::Text("-".into()),
                    Cell::Number(5.0),
                ],
            ],
        };
        assert_eq!(
            table.to_csv(),
            "a,b,c\r\n\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'-3.9%,-3.9\r\n'+1,'@SUM(A1),'\t=1\r\n县=局,-,5\r\n"
        );
        assert!(table.to_tsv().contains("'=HYPERLINK"));
    }
}
