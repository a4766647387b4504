//! A zip archive writer with no compression ("stored" entries), enough for
//! an XLSX workbook: Office accepts stored parts, and writing them needs no
//! deflate code in a crate that ships to the browser.
//!
//! Entries carry a fixed timestamp (1980-01-01 00:00), so the same input
//! always gives the same bytes. No zip64: entries and the archive stay under
//! 4 GiB, and at most 65535 entries.

use crate::decode::crc32;

/// Writes entries one after another, then the central directory.
#[derive(Debug, Default)]
pub struct ZipWriter {
    out: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
}

const VERSION: u16 = 20;
/// General-purpose flag bit 11: names are UTF-8.
const UTF8_NAMES: u16 = 1 << 11;
const DOS_TIME: u16 = 0;
/// 1980-01-01: day 1, month 1, year 0 (since 1980).
const DOS_DATE: u16 = (1 << 5) | 1;

impl ZipWriter {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an entry holding `data` as is.
    pub fn add(&mut self, name: &str, data: &[u8]) {
        let crc = crc32(data);
        let size = data.len() as u32;
        let offset = self.out.len() as u32;
        let name_len = name.len() as u16;

        let local = &mut self.out;
        put32(local, 0x0403_4b50);
        put16(local, VERSION);
        put16(local, UTF8_NAMES);
        put16(local, 0); // stored
        put16(local, DOS_TIME);
        put16(local, DOS_DATE);
        put32(local, crc);
        put32(local, size);
        put32(local, size);
        put16(local, name_len);
        put16(local, 0); // extra field
        local.extend_from_slice(name.as_bytes());
        local.extend_from_slice(data);

        let central = &mut self.central;
        put32(central, 0x0201_4b50);
        put16(central, VERSION); // made by: MS-DOS, 2.0
        put16(central, VERSION);
        put16(central, UTF8_NAMES);
        put16(central, 0);
        put16(central, DOS_TIME);
        put16(central, DOS_DATE);
        put32(central, crc);
        put32(central, size);
        put32(central, size);
        put16(central, name_len);
        put16(central, 0); // extra field
        put16(central, 0); // comment
        put16(central, 0); // disk
        put16(central, 0); // internal attributes
        put32(central, 0); // external attributes
        put32(central, offset);
        central.extend_from_slice(name.as_bytes());

        self.entries += 1;
    }

    /// The finished archive.
    pub fn finish(mut self) -> Vec<u8> {
        let directory_offset = self.out.len() as u32;
        let directory_size = self.central.len() as u32;
        self.out.extend_from_slice(&self.central);
        let out = &mut self.out;
        put32(out, 0x0605_4b50);
        put16(out, 0); // this disk
        put16(out, 0); // disk with the directory
        put16(out, self.entries);
        put16(out, self.entries);
        put32(out, directory_size);
        put32(out, directory_offset);
        put16(out, 0); // comment
        self.out
    }
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::{zip_entry, ZipMethod};

    #[test]
    fn entries_read_back_through_the_central_directory() {
        let mut zip = ZipWriter::new();
        zip.add("[Content_Types].xml", b"<Types/>");
        zip.add("xl/worksheets/sheet1.xml", "条目".as_bytes());
        zip.add("empty", b"");
        let bytes = zip.finish();
        let entry = zip_entry(&bytes, "xl/worksheets/sheet1.xml").unwrap();
        assert_eq!(entry.method, ZipMethod::Stored);
        assert_eq!(entry.data, "条目".as_bytes());
        assert_eq!(entry.crc32, crc32("条目".as_bytes()));
        assert_eq!(zip_entry(&bytes, "empty").unwrap().data, b"");
        assert_eq!(
            zip_entry(&bytes, "[Content_Types].xml").unwrap().data,
            b"<Types/>"
        );
        assert!(bytes.starts_with(b"PK\x03\x04"));
    }
}
