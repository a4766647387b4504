//! The XLSX workbook written as bulletins are parsed: each sheet's rows go
//! to a temporary file as they come (a sheet that reaches Excel's
//! 1,048,576 rows goes on in a new sheet, `数据 (2)`, …), and at the end the
//! workbook is assembled into the output file with a streaming zip writer.
//! Memory holds one bulletin's rows and the column widths, whatever the
//! size of the run.

use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::path::PathBuf;

use bulletin_export::{
    items_table, sheet_head, sheet_name, sheet_part, sheet_row, sheet_tail, value_columns,
    workbook_parts, ByUnit, Cell, ColumnWidths, SheetInfo, ZipStream, BY_UNIT_HEADERS,
    FIGURE_HEADERS, ITEM_HEADERS, MAX_DATA_ROWS,
};
use bulletin_parser::Bulletin;

pub struct XlsxOut {
    path: PathBuf,
    items: Table,
    figures: Table,
    /// Figures by unit (sheet 按单位): one entry per unit, label and unit
    /// of measure, written at the end.
    by_unit: ByUnit,
    per_sheet: usize,
    /// A bulletin was added: a run whose inputs all failed writes no file.
    any: bool,
}

/// One table's sheets so far.
struct Table {
    base: &'static str,
    headers: &'static [&'static str],
    parts: Vec<Part>,
}

/// One sheet's rows, in a temporary file.
struct Part {
    path: PathBuf,
    file: Option<BufWriter<File>>,
    rows: usize,
    widths: ColumnWidths,
}

impl Drop for Part {
    fn drop(&mut self) {
        self.file = None;
        let _ = std::fs::remove_file(&self.path);
    }
}

impl XlsxOut {
    pub fn new(path: PathBuf) -> Self {
        // For tests: a small number shows the split without a million rows.
        let per_sheet = std::env::var("BULLETIN_XLSX_ROWS_PER_SHEET")
            .ok()
            .and_then(|v| v.parse::<usize>().ok())
            .filter(|&n| n > 0)
            .map_or(MAX_DATA_ROWS, |n| n.min(MAX_DATA_ROWS));
        XlsxOut {
            path,
            items: Table {
                base: "条目",
                headers: &ITEM_HEADERS,
                parts: Vec::new(),
            },
            figures: Table {
                base: "数据",
                headers: &FIGURE_HEADERS,
                parts: Vec::new(),
            },
            by_unit: ByUnit::default(),
            per_sheet,
            any: false,
        }
    }

    pub fn add(&mut self, name: &str, bulletin: &Bulletin) -> io::Result<()> {
        self.any = true;
        let pair = [(name, bulletin)];
        let per_sheet = self.per_sheet;
        self.by_unit.add(bulletin);
        self.items.add(&items_table(&pair).rows, per_sheet)?;
        // A few thousand figure rows at a time: a bulletin of millions of
        // figures never has its whole table in memory.
        let mut result = Ok(());
        crate::slices::figure_rows_in_slices(name, bulletin, |table| {
            if result.is_ok() {
                result = self.figures.add(&table.rows, per_sheet);
            }
        });
        result
    }

    /// Writes the workbook to the output file.
    pub fn finish(mut self) -> io::Result<()> {
        if !self.any {
            return Ok(());
        }
        let mut by_unit = Table {
            base: "按单位",
            headers: &BY_UNIT_HEADERS,
            parts: Vec::new(),
        };
        by_unit.add(&self.by_unit.table().rows, self.per_sheet)?;
        for table in [&mut self.items, &mut self.figures, &mut by_unit] {
            if table.parts.is_empty() {
                table.new_part()?;
            }
            for part in &mut table.parts {
                if let Some(mut file) = part.file.take() {
                    file.flush()?;
                }
            }
        }
        let mut sheets = Vec::new();
        for table in [&self.items, &self.figures, &by_unit] {
            for (i, part) in table.parts.iter().enumerate() {
                sheets.push((
                    SheetInfo {
                        name: sheet_name(table.base, i),
                        columns: table.headers.len(),
                        rows: part.rows,
                    },
                    table.headers,
                    part,
                ));
            }
        }
        let infos: Vec<SheetInfo> = sheets.iter().map(|(info, _, _)| info.clone()).collect();
        let file = BufWriter::with_capacity(1 << 16, File::create(&self.path)?);
        let mut zip = ZipStream::new(file);
        for (name, data) in workbook_parts(&infos) {
            zip.begin(&name)?;
            zip.write(data.as_bytes())?;
        }
        let mut buffer = vec![0u8; 1 << 16];
        for (i, (info, headers, part)) in sheets.iter().enumerate() {
            zip.begin(&sheet_part(i))?;
            let head = sheet_head(headers, &part.widths.finish(), info.rows, i == 0);
            zip.write(head.as_bytes())?;
            let mut rows = File::open(&part.path)?;
            loop {
                let n = rows.read(&mut buffer)?;
                if n == 0 {
                    break;
                }
                zip.write(&buffer[..n])?;
            }
            zip.write(sheet_tail(info.columns, info.rows).as_bytes())?;
        }
        zip.finish()?.flush()
    }
}

impl Table {
    fn add(&mut self, rows: &[Vec<Cell>], per_sheet: usize) -> io::Result<()> {
        let value_columns = value_columns(self.headers);
        let mut xml = String::new();
        for row in rows {
            if self.parts.last().is_none_or(|p| p.rows >= per_sheet) {
                self.flush_into_last(&mut xml)?;
                self.new_part()?;
            }
            let Some(part) = self.parts.last_mut() else {
                continue;
            };
            part.rows += 1;
            part.widths.add(row);
            sheet_row(
                &mut xml,
                part.rows + 1,
                row,
                self.headers.len(),
                &value_columns,
            );
        }
        self.flush_into_last(&mut xml)
    }

    fn flush_into_last(&mut self, xml: &mut String) -> io::Result<()> {
        if let Some(file) = self.parts.last_mut().and_then(|p| p.file.as_mut()) {
            file.write_all(xml.as_bytes())?;
        }
        xml.clear();
        Ok(())
    }

    fn new_part(&mut self) -> io::Result<()> {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path =
            std::env::temp_dir().join(format!("bulletin-xlsx-{}-{n}.rows", std::process::id()));
        let file = BufWriter::with_capacity(1 << 16, File::create(&path)?);
        self.parts.push(Part {
            path,
            file: Some(file),
            rows: 0,
            widths: ColumnWidths::new(self.headers),
        });
        Ok(())
    }
}
