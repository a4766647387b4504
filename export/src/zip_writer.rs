//! A zip archive writer with no compression ("stored" entries), enough for
//! an XLSX workbook: Office accepts stored parts, and writing them needs no
//! deflate code in a crate that ships to the browser.
//!
//! Entries carry a fixed timestamp (1980-01-01 00:00), so the same input
//! always gives the same bytes. No zip64: entries and the archive stay under
//! 4 GiB, and at most 65535 entries.

use std::io::{self, Seek, SeekFrom, Write};

use bulletin_decode::{crc32, crc32_continue};

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

/// A stored zip written straight to a file, entry by entry, each entry's
/// bytes written piece by piece: memory stays at the central directory
/// whatever the size of the entries. The local header's CRC and sizes are
/// filled in by seeking back when an entry ends. Without zip64 the archive
/// must stay under 4 GiB; past that, writing fails with a message saying so.
pub struct ZipStream<W: Write + Seek> {
    out: W,
    central: Vec<u8>,
    entries: u16,
    pos: u64,
    current: Option<OpenEntry>,
}

struct OpenEntry {
    header_at: u64,
    crc: u32,
    size: u64,
    name: String,
}

/// The most a zip without zip64 addresses.
const ZIP32_MAX: u64 = u32::MAX as u64;

fn too_big() -> io::Error {
    io::Error::other(
        "工作簿超过 4 GiB（无 zip64），请改用 CSV / the workbook passes 4 GiB, the most a zip without zip64 holds: use CSV instead",
    )
}

impl<W: Write + Seek> ZipStream<W> {
    pub fn new(out: W) -> Self {
        ZipStream {
            out,
            central: Vec::new(),
            entries: 0,
            pos: 0,
            current: None,
        }
    }

    /// Starts an entry (ending the one before, if open).
    pub fn begin(&mut self, name: &str) -> io::Result<()> {
        self.end()?;
        if self.entries == u16::MAX {
            return Err(io::Error::other("too many zip entries"));
        }
        let mut local = Vec::with_capacity(30 + name.len());
        put32(&mut local, 0x0403_4b50);
        put16(&mut local, VERSION);
        put16(&mut local, UTF8_NAMES);
        put16(&mut local, 0); // stored
        put16(&mut local, DOS_TIME);
        put16(&mut local, DOS_DATE);
        put32(&mut local, 0); // CRC, filled in by `end`
        put32(&mut local, 0);
        put32(&mut local, 0);
        put16(&mut local, name.len() as u16);
        put16(&mut local, 0);
        local.extend_from_slice(name.as_bytes());
        self.current = Some(OpenEntry {
            header_at: self.pos,
            crc: 0,
            size: 0,
            name: name.to_owned(),
        });
        self.raw(&local)
    }

    /// Appends bytes to the open entry.
    pub fn write(&mut self, data: &[u8]) -> io::Result<()> {
        let Some(entry) = self.current.as_mut() else {
            return Err(io::Error::other("no open zip entry"));
        };
        entry.crc = crc32_continue(entry.crc, data);
        entry.size += data.len() as u64;
        self.raw(data)
    }

    fn raw(&mut self, data: &[u8]) -> io::Result<()> {
        self.pos += data.len() as u64;
        if self.pos > ZIP32_MAX {
            return Err(too_big());
        }
        self.out.write_all(data)
    }

    /// Ends the open entry: its CRC and sizes go into its local header.
    pub fn end(&mut self) -> io::Result<()> {
        let Some(entry) = self.current.take() else {
            return Ok(());
        };
        let size = entry.size as u32;
        let mut fields = Vec::with_capacity(12);
        put32(&mut fields, entry.crc);
        put32(&mut fields, size);
        put32(&mut fields, size);
        self.out.seek(SeekFrom::Start(entry.header_at + 14))?;
        self.out.write_all(&fields)?;
        self.out.seek(SeekFrom::Start(self.pos))?;

        let central = &mut self.central;
        put32(central, 0x0201_4b50);
        put16(central, VERSION);
        put16(central, VERSION);
        put16(central, UTF8_NAMES);
        put16(central, 0);
        put16(central, DOS_TIME);
        put16(central, DOS_DATE);
        put32(central, entry.crc);
        put32(central, size);
        put32(central, size);
        put16(central, entry.name.len() as u16);
        put16(central, 0);
        put16(central, 0);
        put16(central, 0);
        put16(central, 0);
        put32(central, 0);
        put32(central, entry.header_at as u32);
        central.extend_from_slice(entry.name.as_bytes());
        self.entries += 1;
        Ok(())
    }

    /// Writes the central directory; gives the writer back.
    pub fn finish(mut self) -> io::Result<W> {
        self.end()?;
        let directory_offset = self.pos as u32;
        let central = std::mem::take(&mut self.central);
        let directory_size = central.len() as u32;
        self.raw(&central)?;
        let mut end = Vec::with_capacity(22);
        put32(&mut end, 0x0605_4b50);
        put16(&mut end, 0);
        put16(&mut end, 0);
        put16(&mut end, self.entries);
        put16(&mut end, self.entries);
        put32(&mut end, directory_size);
        put32(&mut end, directory_offset);
        put16(&mut end, 0);
        self.raw(&end)?;
        self.out.flush()?;
        Ok(self.out)
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
    use bulletin_decode::{zip_entry, ZipMethod};

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

    #[test]
    fn a_streamed_zip_is_the_same_zip() {
        let mut stream = ZipStream::new(std::io::Cursor::new(Vec::new()));
        stream.begin("a.xml").unwrap();
        stream.write(b"<a>").unwrap();
        stream.write("条目</a>".as_bytes()).unwrap();
        stream.begin("b").unwrap();
        let bytes = stream.finish().unwrap().into_inner();
        let mut whole = ZipWriter::new();
        whole.add("a.xml", "<a>条目</a>".as_bytes());
        whole.add("b", b"");
        assert_eq!(bytes, whole.finish());
    }
}
