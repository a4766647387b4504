//! An Excel workbook (Office Open XML, `.xlsx`) of parsed bulletins: sheet
//! 条目 (items) and sheet 数据 (figures), the same tables as the CSV exports.
//!
//! Written by hand with the smallest set of parts Excel, WPS and
//! LibreOffice accept: content types, relationships, workbook, styles (a bold,
//! shaded header row; thousands separators on values) and two worksheets.
//! Strings are inline (`t="inlineStr"`) so no shared-strings table is needed;
//! numbers are numbers, so Excel can sum them. The header row is frozen and
//! has a filter; column widths follow the content.

use super::table::{figures_table, items_table, plain_number, Cell, Table};
use super::zip_writer::ZipWriter;
use crate::model::Bulletin;

/// The workbook's bytes. `docs` are `(file name, bulletin)` pairs.
pub fn xlsx(docs: &[(&str, &Bulletin)]) -> Vec<u8> {
    let sheets = [("条目", items_table(docs)), ("数据", figures_table(docs))];
    let mut zip = ZipWriter::new();
    zip.add("[Content_Types].xml", CONTENT_TYPES.as_bytes());
    zip.add("_rels/.rels", ROOT_RELS.as_bytes());
    zip.add("xl/workbook.xml", workbook_xml(&sheets).as_bytes());
    zip.add("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes());
    zip.add("xl/styles.xml", STYLES.as_bytes());
    for (i, (_, table)) in sheets.iter().enumerate() {
        let name = format!("xl/worksheets/sheet{}.xml", i + 1);
        zip.add(&name, sheet_xml(table, i == 0).as_bytes());
    }
    zip.finish()
}

const CONTENT_TYPES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
    r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
    r#"<Default Extension="xml" ContentType="application/xml"/>"#,
    r#"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
    r#"<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#,
    r#"<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#,
    r#"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#,
    "</Types>"
);

const ROOT_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#,
    "</Relationships>"
);

const WORKBOOK_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"#,
    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>"#,
    r#"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
    "</Relationships>"
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
const VALUE_COLUMNS: [&str; 2] = ["数值", "数值上限"];

/// Excel refuses cells longer than this many characters.
const MAX_CELL_CHARS: usize = 32767;

fn workbook_xml(sheets: &[(&str, Table)]) -> String {
    let mut xml = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        "\n",
        r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#,
        r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
        r#"<bookViews><workbookView activeTab="0"/></bookViews><sheets>"#
    ));
    for (i, (name, _)) in sheets.iter().enumerate() {
        xml.push_str(&format!(
            r#"<sheet name="{}" sheetId="{}" r:id="rId{}"/>"#,
            escape(name),
            i + 1,
            i + 1
        ));
    }
    xml.push_str("</sheets><definedNames>");
    for (i, (name, table)) in sheets.iter().enumerate() {
        // Excel keeps each sheet's filter range as this hidden name.
        xml.push_str(&format!(
            r#"<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'{}'!{}</definedName>"#,
            escape(name),
            absolute_range(table)
        ));
    }
    xml.push_str("</definedNames></workbook>");
    xml
}

fn sheet_xml(table: &Table, selected: bool) -> String {
    let width = table.headers.len();
    let range = range(table);
    let mut xml = String::with_capacity(256 + table.rows.len() * width * 48);
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
    for (i, w) in column_widths(table).iter().enumerate() {
        xml.push_str(&format!(
            r#"<col min="{0}" max="{0}" width="{w}" customWidth="1"/>"#,
            i + 1
        ));
    }
    xml.push_str("</cols><sheetData>");

    xml.push_str(r#"<row r="1">"#);
    for (col, header) in table.headers.iter().enumerate() {
        push_text_cell(&mut xml, col, 1, header, Some(STYLE_HEADER));
    }
    xml.push_str("</row>");
    let value_column = |col: usize| {
        table
            .headers
            .get(col)
            .is_some_and(|h| VALUE_COLUMNS.contains(h))
    };
    for (i, row) in table.rows.iter().enumerate() {
        let r = i + 2;
        xml.push_str(&format!(r#"<row r="{r}">"#));
        for (col, cell) in row.iter().enumerate().take(width) {
            match cell {
                Cell::Text(s) => push_text_cell(&mut xml, col, r, s, None),
                Cell::Number(v) if v.is_finite() => {
                    let style = match value_column(col) {
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
    xml.push_str("</sheetData>");
    xml.push_str(&format!(r#"<autoFilter ref="{range}"/>"#));
    xml.push_str("</worksheet>");
    xml
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
fn range(table: &Table) -> String {
    let last = column_name(table.headers.len().saturating_sub(1));
    format!("A1:{last}{}", table.rows.len() + 1)
}

fn absolute_range(table: &Table) -> String {
    let last = column_name(table.headers.len().saturating_sub(1));
    format!("$A$1:${last}${}", table.rows.len() + 1)
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

/// Widths in Excel's units (about one Latin character; a Chinese character
/// takes two), fitted to the content between a floor and a ceiling.
fn column_widths(table: &Table) -> Vec<usize> {
    let mut widths: Vec<usize> = table.headers.iter().map(|h| display_width(h) + 2).collect();
    for row in &table.rows {
        for (col, cell) in row.iter().enumerate().take(widths.len()) {
            let w = match cell {
                Cell::Text(s) => display_width(s),
                // Thousands separators add a third.
                Cell::Number(v) => plain_number(*v).len() * 4 / 3,
                Cell::Empty => 0,
            };
            widths[col] = widths[col].max(w + 2);
        }
    }
    widths.into_iter().map(|w| w.clamp(6, 60)).collect()
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
