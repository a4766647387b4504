//! An Excel workbook (Office Open XML, `.xlsx`) of parsed bulletins: sheet
//! 条目 (items) and sheet 数据 (figures), the same tables as the CSV exports,
//! and sheet 按单位 (figures by unit, [`super::by_unit`]).
//!
//! Written by hand with the smallest set of parts Excel, WPS and
//! LibreOffice accept: content types, relationships, workbook, styles (a bold,
//! shaded header row; thousands separators on values) and two worksheets.
//! Strings are inline (`t="inlineStr"`) so no shared-strings table is needed;
//! numbers are numbers, so Excel can sum them. The header row is frozen and
//! has a filter; column widths follow the content.

use super::by_unit::figures_by_unit;
use super::table::{figures_table, items_table, plain_number, Cell, Table};
use super::zip_writer::ZipWriter;
use crate::model::Bulletin;

/// Excel's row limit per worksheet, the header row included. A table with
/// more rows goes on in further sheets (`数据`, `数据 (2)`, …), each with the
/// header row again.
pub const MAX_SHEET_ROWS: usize = 1_048_576;

/// Data rows per sheet: [`MAX_SHEET_ROWS`] less the header.
pub const MAX_DATA_ROWS: usize = MAX_SHEET_ROWS - 1;

/// One worksheet of a workbook, as the workbook part lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetInfo {
    pub name: String,
    pub columns: usize,
    /// Data rows, the header not counted.
    pub rows: usize,
}

/// The name of part `part` (from 0) of the sheet called `base`.
pub fn sheet_name(base: &str, part: usize) -> String {
    if part == 0 {
        base.to_owned()
    } else {
        format!("{base} ({})", part + 1)
    }
}

/// The workbook's bytes. `docs` are `(file name, bulletin)` pairs.
pub fn xlsx(docs: &[(&str, &Bulletin)]) -> Vec<u8> {
    xlsx_split(docs, MAX_DATA_ROWS)
}

/// [`xlsx`] with at most `per_sheet` data rows a sheet (tests use a small
/// number to see the split without a million rows).
pub fn xlsx_split(docs: &[(&str, &Bulletin)], per_sheet: usize) -> Vec<u8> {
    let tables = [
        ("条目", items_table(docs)),
        ("数据", figures_table(docs)),
        ("按单位", figures_by_unit(docs)),
    ];
    workbook(&tables, per_sheet)
}

/// A workbook of the named tables, in order, each split into sheets of at
/// most `per_sheet` data rows.
pub fn workbook(tables: &[(&str, Table)], per_sheet: usize) -> Vec<u8> {
    let per_sheet = per_sheet.clamp(1, MAX_DATA_ROWS);
    let mut sheets: Vec<(SheetInfo, &Table, &[Vec<Cell>])> = Vec::new();
    for (base, table) in tables {
        let parts = table.rows.len().div_ceil(per_sheet).max(1);
        for part in 0..parts {
            let from = (part * per_sheet).min(table.rows.len());
            let to = (from + per_sheet).min(table.rows.len());
            let rows = &table.rows[from..to];
            let info = SheetInfo {
                name: sheet_name(base, part),
                columns: table.headers.len(),
                rows: rows.len(),
            };
            sheets.push((info, table, rows));
        }
    }
    let infos: Vec<SheetInfo> = sheets.iter().map(|(info, _, _)| info.clone()).collect();
    let mut zip = ZipWriter::new();
    for (name, data) in workbook_parts(&infos) {
        zip.add(&name, data.as_bytes());
    }
    for (i, (info, table, rows)) in sheets.iter().enumerate() {
        let mut widths = ColumnWidths::new(&table.headers);
        for row in rows.iter() {
            widths.add(row);
        }
        let mut xml = sheet_head(&table.headers, &widths.finish(), info.rows, i == 0);
        let value_columns = value_columns(&table.headers);
        for (r, row) in rows.iter().enumerate() {
            sheet_row(&mut xml, r + 2, row, table.headers.len(), &value_columns);
        }
        xml.push_str(&sheet_tail(info.columns, info.rows));
        zip.add(&sheet_part(i), xml.as_bytes());
    }
    zip.finish()
}

/// The zip entry name of the `index`th sheet (from 0).
pub fn sheet_part(index: usize) -> String {
    format!("xl/worksheets/sheet{}.xml", index + 1)
}

/// Every part but the worksheets, `(entry name, content)`: content types,
/// relationships, the workbook and the styles.
pub fn workbook_parts(sheets: &[SheetInfo]) -> Vec<(String, String)> {
    let mut types = String::from(CONTENT_TYPES_HEAD);
    let mut rels = String::from(WORKBOOK_RELS_HEAD);
    for i in 0..sheets.len() {
        types.push_str(&format!(
            r#"<Override PartName="/{}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#,
            sheet_part(i)
        ));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{}.xml"/>"#,
            i + 1,
            i + 1
        ));
    }
    types.push_str("</Types>");
    rels.push_str(&format!(
        r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#,
        sheets.len() + 1
    ));
    vec![
        ("[Content_Types].xml".to_owned(), types),
        ("_rels/.rels".to_owned(), ROOT_RELS.to_owned()),
        ("xl/workbook.xml".to_owned(), workbook_xml(sheets)),
        ("xl/_rels/workbook.xml.rels".to_owned(), rels),
        ("xl/styles.xml".to_owned(), STYLES.to_owned()),
    ]
}

/// Column widths fitted to the content, one row at a time.
pub struct ColumnWidths(Vec<usize>);

impl ColumnWidths {
    pub fn new(headers: &[&str]) -> Self {
        ColumnWidths(headers.iter().map(|h| display_width(h) + 2).collect())
    }

    pub fn add(&mut self, row: &[Cell]) {
        for (col, cell) in row.iter().enumerate().take(self.0.len()) {
            let w = match cell {
                Cell::Text(s) => display_width(s),
                // Thousands separators add a third.
                Cell::Number(v) => plain_number(*v).len() * 4 / 3,
                Cell::Empty => 0,
            };
            self.0[col] = self.0[col].max(w + 2);
        }
    }

    /// Widths in Excel's units (about one Latin character; a Chinese
    /// character takes two), between a floor and a ceiling.
    pub fn finish(&self) -> Vec<usize> {
        self.0.iter().map(|w| (*w).clamp(6, 60)).collect()
    }
}

/// The columns whose numbers are amounts (a value and a range's upper end),
/// those the table has.
pub fn value_columns(headers: &[&str]) -> Vec<usize> {
    (0..headers.len())
        .filter(|&i| VALUE_COLUMNS.contains(&headers[i]))
        .collect()
}

const CONTENT_TYPES_HEAD: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
    r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
    r#"<Default Extension="xml" ContentType="application/xml"/>"#,
    r#"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
    r#"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#,
);

const ROOT_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#,
    "</Relationships>"
);

const WORKBOOK_RELS_HEAD: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
);

/// Cell formats: 0 plain, 1 header (bold, shaded), 2 whole number with
/// thousands separators, 3 decimal with thousands separators.
const STYLES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
    r##"<numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.0#####"/></numFmts>"##,
    r#"<fonts count="2">"#,
    r#"<font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font>"#,
    r#"<font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font>"#,
    "</fonts>",
    r#"<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>"#,
    r#"<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>"#,
    r#"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#,
    r#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#,
    r#"<cellXfs count="4">"#,
    r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#,
    r#"<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>"#,
    r#"<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
    r#"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
    "</cellXfs>",
    r#"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#,
    "</styleSheet>"
);

const STYLE_HEADER: u8 = 1;
const STYLE_WHOLE: u8 = 2;
const STYLE_DECIMAL: u8 = 3;

/// The columns whose numbers are amounts, shown with thousands separators.
const VALUE_COLUMNS: [&str; 3] = ["数值", "数值上限", "合计"];

/// Excel refuses cells longer than this many characters.
const MAX_CELL_CHARS: usize = 32767;

fn workbook_xml(sheets: &[SheetInfo]) -> String {
    let mut xml = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        "\n",
        r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#,
        r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
        r#"<bookViews><workbookView activeTab="0"/></bookViews><sheets>"#
    ));
    for (i, sheet) in sheets.iter().enumerate() {
        xml.push_str(&format!(
            r#"<sheet name="{}" sheetId="{}" r:id="rId{}"/>"#,
            escape(&sheet.name),
            i + 1,
            i + 1
        ));
    }
    xml.push_str("</sheets><definedNames>");
    for (i, sheet) in sheets.iter().enumerate() {
        // Excel keeps each sheet's filter range as this hidden name.
        xml.push_str(&format!(
            r#"<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'{}'!{}</definedName>"#,
            escape(&sheet.name),
            absolute_range(sheet.columns, sheet.rows)
        ));
    }
    xml.push_str("</definedNames></workbook>");
    xml
}

/// A worksheet up to and including its header row. `rows`: data rows.
pub fn sheet_head(headers: &[&str], widths: &[usize], rows: usize, selected: bool) -> String {
    let range = range(headers.len(), rows);
    let mut xml = String::with_capacity(2048);
    xml.push_str(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        "\n",
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#,
        r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
    ));
    xml.push_str(&format!(r#"<dimension ref="{range}"/>"#));
    xml.push_str(&format!(
        concat!(
            r#"<sheetViews><sheetView{} workbookViewId="0">"#,
            r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#,
            r#"<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>"#
        ),
        if selected { r#" tabSelected="1""# } else { "" }
    ));
    xml.push_str(r#"<sheetFormatPr defaultRowHeight="15"/><cols>"#);
    for (i, w) in widths.iter().enumerate() {
        xml.push_str(&format!(
            r#"<col min="{0}" max="{0}" width="{w}" customWidth="1"/>"#,
            i + 1
        ));
    }
    xml.push_str("</cols><sheetData>");
    xml.push_str(r#"<row r="1">"#);
    for (col, header) in headers.iter().enumerate() {
        push_text_cell(&mut xml, col, 1, header, Some(STYLE_HEADER));
    }
    xml.push_str("</row>");
    xml
}

/// Row `r` (the header is row 1) of a worksheet, appended to `xml`.
pub fn sheet_row(xml: &mut String, r: usize, row: &[Cell], width: usize, value_columns: &[usize]) {
    xml.push_str(&format!(r#"<row r="{r}">"#));
    for (col, cell) in row.iter().enumerate().take(width) {
        match cell {
            Cell::Text(s) => push_text_cell(xml, col, r, s, None),
            Cell::Number(v) if v.is_finite() => {
                let style = match value_columns.contains(&col) {
                    true if v.fract() == 0.0 => format!(r#" s="{STYLE_WHOLE}""#),
                    true => format!(r#" s="{STYLE_DECIMAL}""#),
                    false => String::new(),
                };
                xml.push_str(&format!(
                    r#"<c r="{}{r}"{style}><v>{}</v></c>"#,
                    column_name(col),
                    plain_number(*v)
                ));
            }
            Cell::Number(_) | Cell::Empty => {}
        }
    }
    xml.push_str("</row>");
}

/// The end of a worksheet of `columns` columns and `rows` data rows.
pub fn sheet_tail(columns: usize, rows: usize) -> String {
    format!(
        r#"</sheetData><autoFilter ref="{}"/></worksheet>"#,
        range(columns, rows)
    )
}

fn push_text_cell(xml: &mut String, col: usize, row: usize, text: &str, style: Option<u8>) {
    if text.is_empty() {
        return;
    }
    xml.push_str(&format!(
        r#"<c r="{}{row}" t="inlineStr""#,
        column_name(col)
    ));
    if let Some(s) = style {
        xml.push_str(&format!(r#" s="{s}""#));
    }
    xml.push_str(r#"><is><t xml:space="preserve">"#);
    xml.push_str(&escape(text));
    xml.push_str("</t></is></c>");
}

/// `A1:P12`: the header and every row.
fn range(columns: usize, rows: usize) -> String {
    let last = column_name(columns.saturating_sub(1));
    format!("A1:{last}{}", rows + 1)
}

fn absolute_range(columns: usize, rows: usize) -> String {
    let last = column_name(columns.saturating_sub(1));
    format!("$A$1:${last}${}", rows + 1)
}

/// 0 → `A`, 25 → `Z`, 26 → `AA`.
fn column_name(mut index: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

fn display_width(s: &str) -> usize {
    s.chars()
        .take(200)
        .map(|c| if (c as u32) >= 0x1100 { 2 } else { 1 })
        .sum()
}

/// Text as XML character data: `&`, `<`, `>` escaped; characters XML 1.0
/// forbids (control characters, U+FFFE/U+FFFF) dropped, as Excel refuses
/// the file otherwise; cut to Excel's cell limit.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars().take(MAX_CELL_CHARS) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(15), "P");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }

    #[test]
    fn escaping_drops_what_xml_forbids() {
        assert_eq!(
            escape("a<b>&\"c\"\u{1}\u{FFFF}\n中"),
            "a&lt;b&gt;&amp;&quot;c&quot;\n中"
        );
        assert_eq!(escape(&"长".repeat(40000)).chars().count(), MAX_CELL_CHARS);
    }
}
