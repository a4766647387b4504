//! One table as an XLSX workbook, with the parser's workbook parts (the
//! same styles, frozen header and filter as the page's other exports).

use bulletin_export::{
    sheet_head, sheet_part, sheet_row, sheet_tail, workbook_parts, Cell, ColumnWidths, SheetInfo,
    ZipWriter,
};

pub fn table_xlsx(sheet: &str, headers: &[String], rows: &[Vec<Cell>]) -> Vec<u8> {
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    let info = SheetInfo {
        name: sheet.to_owned(),
        columns: headers.len(),
        rows: rows.len(),
    };
    let mut zip = ZipWriter::new();
    for (name, data) in workbook_parts(std::slice::from_ref(&info)) {
        zip.add(&name, data.as_bytes());
    }
    let mut widths = ColumnWidths::new(&headers);
    for row in rows {
        widths.add(row);
    }
    let mut xml = sheet_head(&headers, &widths.finish(), rows.len(), true);
    for (r, row) in rows.iter().enumerate() {
        sheet_row(&mut xml, r + 2, row, headers.len(), &[]);
    }
    xml.push_str(&sheet_tail(headers.len(), rows.len()));
    zip.add(&sheet_part(0), xml.as_bytes());
    zip.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_is_a_zip_with_its_cells() {
        let bytes = table_xlsx(
            "采用情况",
            &["单位".into(), "条数".into()],
            &[vec![Cell::Text("财政局".into()), Cell::Number(3.0)]],
        );
        assert_eq!(&bytes[..2], b"PK");
    }
}
