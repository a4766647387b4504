//! CSV (RFC 4180: fields with a comma, quote or line break are quoted,
//! quotes doubled, CRLF line ends) and TSV.

use super::table::{
    bulletin_cell_refs, figure_tail_refs, item_cell_refs, items_table, plain_number, Cell, CellRef,
    Table, FIGURE_HEADERS,
};
use bulletin_parser::model::Bulletin;

/// The UTF-8 byte-order mark. Excel opens a CSV file as UTF-8 only when it
/// starts with one; without it Chinese text shows as mojibake. Tools that
/// read standard input usually do not want it, so it is not part of
/// [`figures_csv`] and [`items_csv`].
pub const CSV_BOM: &str = "\u{FEFF}";

/// The figures table as CSV (columns in [`crate::export`]).
pub fn figures_csv(docs: &[(&str, &Bulletin)]) -> String {
    figures_delimited(docs, ',', "\r\n")
}

/// The figures table as TSV (see [`Table::to_tsv`]).
pub fn figures_tsv(docs: &[(&str, &Bulletin)]) -> String {
    figures_delimited(docs, '\t', "\n")
}

/// `figures_table(docs).to_csv()` (or `.to_tsv()`), byte for byte, written
/// straight from the bulletins: no table of owned cells per row, and the
/// cells every row of a bulletin (刊名 … 文件) or of an item (栏目 … 来源单位)
/// shares are written once and copied in front of each of its figures.
fn figures_delimited(docs: &[(&str, &Bulletin)], sep: char, eol: &str) -> String {
    let rows: usize = docs
        .iter()
        .flat_map(|(_, b)| b.items.iter())
        .map(|i| i.figures.len())
        .sum();
    let mut out = String::with_capacity(256 * (rows + 1));
    write_row(&mut out, FIGURE_HEADERS.map(CellRef::Text), sep, eol);
    let (mut of_bulletin, mut of_item) = (String::new(), String::new());
    for (file, bulletin) in docs {
        of_bulletin.clear();
        write_leading(&mut of_bulletin, bulletin_cell_refs(file, bulletin), sep);
        for (index, item) in bulletin.items.iter().enumerate() {
            if item.figures.is_empty() {
                continue;
            }
            let sources = item.sources.join("、");
            of_item.clear();
            of_item.push_str(&of_bulletin);
            write_leading(&mut of_item, item_cell_refs(index, item, &sources), sep);
            for figure in &item.figures {
                out.push_str(&of_item);
                write_row(&mut out, figure_tail_refs(item, figure), sep, eol);
            }
        }
    }
    out
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
        write_row(
            &mut out,
            self.headers.iter().map(|h| CellRef::Text(h)),
            sep,
            eol,
        );
        for row in &self.rows {
            write_row(&mut out, row.iter().map(Cell::as_ref), sep, eol);
        }
        out
    }
}

/// One row: its cells between separators, then the line end.
fn write_row<'a>(
    out: &mut String,
    cells: impl IntoIterator<Item = CellRef<'a>>,
    separator: char,
    line_end: &str,
) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(separator);
        }
        write_cell(out, cell, separator);
    }
    out.push_str(line_end);
}

/// The first cells of a row, each followed by its separator.
fn write_leading<'a>(out: &mut String, cells: impl IntoIterator<Item = CellRef<'a>>, sep: char) {
    for cell in cells {
        write_cell(out, cell, sep);
        out.push(sep);
    }
}

fn write_cell(out: &mut String, cell: CellRef<'_>, separator: char) {
    match cell {
        CellRef::Text(s) if separator == ',' => push_csv_field(out, &defused(s)),
        CellRef::Text(s) => out.extend(defused(s).chars().map(|c| {
            if matches!(c, '\t' | '\r' | '\n') {
                ' '
            } else {
                c
            }
        })),
        CellRef::Number(v) => push_number(out, v),
        CellRef::Empty => {}
    }
}

/// [`plain_number`], without its exact-decimal round trip for whole numbers
/// below 10^15 (offsets, counts, most values), which print the same.
fn push_number(out: &mut String, v: f64) {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        out.push_str(itoa::Buffer::new().format(v as i64));
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
    // Bytes, not chars: these are ASCII, which no byte of a multi-byte
    // UTF-8 character equals.
    let quotes = field.as_bytes().contains(&b'"');
    if quotes || field.bytes().any(|b| matches!(b, b',' | b'\r' | b'\n')) {
        out.push('"');
        if quotes {
            out.push_str(&field.replace('"', "\"\""));
        } else {
            out.push_str(field);
        }
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
