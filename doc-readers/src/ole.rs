//! OLE compound files ([MS-CFB]): the container of Word 97–2003 `.doc`, WPS
//! `.wps`, Excel `.xls` and PowerPoint `.ppt`. Reads the sector allocation
//! table, the directory and the mini stream, enough to fetch a stream of the
//! root storage by name. Every chain is followed at most once per sector, so
//! a cycle in a damaged table ends.

use crate::ReadError;

const FREE: u32 = 0xFFFF_FFFF;
const END: u32 = 0xFFFF_FFFE;
const MAX_REG: u32 = 0xFFFF_FFFA;

pub struct Ole<'a> {
    bytes: &'a [u8],
    sector: usize,
    mini_sector: usize,
    mini_cutoff: u64,
    fat: Vec<u32>,
    mini_fat: Vec<u32>,
    mini_stream: Vec<u8>,
    entries: Vec<DirEntry>,
}

#[derive(Debug, Clone)]
struct DirEntry {
    name: String,
    kind: u8,
    left: u32,
    right: u32,
    child: u32,
    start: u32,
    size: u64,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

impl<'a> Ole<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Ole<'a>, ReadError> {
        use ReadError::OleDamaged as Bad;
        if !bytes.starts_with(&crate::OLE_SIGNATURE) || bytes.len() < 512 {
            return Err(Bad("header"));
        }
        let shift = u16_at(bytes, 30).ok_or(Bad("header"))?;
        let mini_shift = u16_at(bytes, 32).ok_or(Bad("header"))?;
        if !(7..=16).contains(&shift) || mini_shift > shift {
            return Err(Bad("sector size"));
        }
        let sector = 1usize << shift;
        let n_fat = u32_at(bytes, 44).ok_or(Bad("header"))? as usize;
        let first_dir = u32_at(bytes, 48).ok_or(Bad("header"))?;
        let mini_cutoff = u32_at(bytes, 56).ok_or(Bad("header"))? as u64;
        let first_mini_fat = u32_at(bytes, 60).ok_or(Bad("header"))?;
        let mut difat_next = u32_at(bytes, 68).ok_or(Bad("header"))?;
        let sectors = bytes.len().saturating_sub(sector) / sector + 1;
        // The sector numbers of the allocation table: 109 in the header,
        // the rest in a chain of DIFAT sectors.
        let mut fat_sectors: Vec<u32> = (0..109)
            .filter_map(|i| u32_at(bytes, 76 + 4 * i))
            .filter(|&s| s <= MAX_REG)
            .collect();
        let mut hops = 0;
        while difat_next <= MAX_REG && hops <= sectors && fat_sectors.len() < n_fat.min(sectors) {
            hops += 1;
            let Some(data) = sector_slice(bytes, sector, difat_next) else {
                break;
            };
            let per = sector / 4 - 1;
            fat_sectors.extend(
                (0..per)
                    .filter_map(|i| u32_at(data, 4 * i))
                    .filter(|&s| s <= MAX_REG),
            );
            difat_next = u32_at(data, 4 * per).unwrap_or(END);
        }
        fat_sectors.truncate(n_fat.max(1).min(sectors));
        let mut fat = Vec::with_capacity(fat_sectors.len() * sector / 4);
        for s in fat_sectors {
            let data = sector_slice(bytes, sector, s).ok_or(Bad("allocation table"))?;
            fat.extend(
                data.chunks_exact(4)
                    .map(|c| u32::from_le_bytes(c.try_into().unwrap())),
            );
        }
        let mut ole = Ole {
            bytes,
            sector,
            mini_sector: 1 << mini_shift,
            mini_cutoff,
            fat,
            mini_fat: Vec::new(),
            mini_stream: Vec::new(),
            entries: Vec::new(),
        };
        let dir = ole.chain(first_dir, u64::MAX)?;
        for raw in dir.chunks_exact(128) {
            let name_len = (u16_at(raw, 64).unwrap_or(0) as usize).min(64);
            let units: Vec<u16> = raw[..name_len.saturating_sub(2)]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            let size = if sector == 512 {
                u32_at(raw, 120).unwrap_or(0) as u64
            } else {
                u64::from_le_bytes(raw[120..128].try_into().unwrap())
            };
            ole.entries.push(DirEntry {
                name: String::from_utf16_lossy(&units),
                kind: raw[66],
                left: u32_at(raw, 68).unwrap_or(FREE),
                right: u32_at(raw, 72).unwrap_or(FREE),
                child: u32_at(raw, 76).unwrap_or(FREE),
                start: u32_at(raw, 116).unwrap_or(END),
                size,
            });
        }
        let root = ole.entries.first().cloned().ok_or(Bad("directory"))?;
        if root.kind != 5 {
            return Err(Bad("root entry"));
        }
        if first_mini_fat <= MAX_REG {
            let data = ole.chain(first_mini_fat, u64::MAX)?;
            ole.mini_fat = data
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes(c.try_into().unwrap()))
                .collect();
        }
        if root.start <= MAX_REG {
            ole.mini_stream = ole.chain(root.start, root.size)?;
        }
        Ok(ole)
    }

    /// Follows a chain of regular sectors, at most `size` bytes.
    fn chain(&self, start: u32, size: u64) -> Result<Vec<u8>, ReadError> {
        let mut out = Vec::new();
        let mut s = start;
        let mut steps = 0usize;
        while s <= MAX_REG && (out.len() as u64) < size {
            steps += 1;
            if steps > self.fat.len() + 1 {
                return Err(ReadError::OleDamaged("sector chain loops"));
            }
            let data = sector_slice(self.bytes, self.sector, s)
                .ok_or(ReadError::OleDamaged("sector past the end"))?;
            out.extend_from_slice(data);
            s = *self.fat.get(s as usize).unwrap_or(&END);
        }
        if size != u64::MAX {
            if (out.len() as u64) < size {
                return Err(ReadError::OleDamaged("stream shorter than its size"));
            }
            out.truncate(size as usize);
        }
        Ok(out)
    }

    fn mini_chain(&self, start: u32, size: u64) -> Result<Vec<u8>, ReadError> {
        let mut out = Vec::new();
        let mut s = start;
        let mut steps = 0usize;
        while s <= MAX_REG && (out.len() as u64) < size {
            steps += 1;
            if steps > self.mini_fat.len() + 1 {
                return Err(ReadError::OleDamaged("mini chain loops"));
            }
            let at = s as usize * self.mini_sector;
            let data = self
                .mini_stream
                .get(at..at + self.mini_sector)
                .ok_or(ReadError::OleDamaged("mini sector past the end"))?;
            out.extend_from_slice(data);
            s = *self.mini_fat.get(s as usize).unwrap_or(&END);
        }
        if (out.len() as u64) < size {
            return Err(ReadError::OleDamaged("stream shorter than its size"));
        }
        out.truncate(size as usize);
        Ok(out)
    }

    /// The names of the root storage's children.
    pub fn root_names(&self) -> Vec<String> {
        self.children()
            .into_iter()
            .map(|i| self.entries[i].name.clone())
            .collect()
    }

    fn children(&self) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack = vec![self.entries[0].child];
        let mut seen = vec![false; self.entries.len()];
        while let Some(i) = stack.pop() {
            let Some(e) = self.entries.get(i as usize) else {
                continue;
            };
            if std::mem::replace(&mut seen[i as usize], true) {
                continue;
            }
            out.push(i as usize);
            stack.push(e.left);
            stack.push(e.right);
        }
        out
    }

    /// A stream of the root storage, by name (case-insensitive, as CFB
    /// compares names).
    pub fn stream(&self, name: &str) -> Result<Option<Vec<u8>>, ReadError> {
        let Some(i) = self.children().into_iter().find(|&i| {
            self.entries[i].kind == 2 && self.entries[i].name.eq_ignore_ascii_case(name)
        }) else {
            return Ok(None);
        };
        let e = &self.entries[i];
        if e.size > self.bytes.len() as u64 {
            return Err(ReadError::OleDamaged("stream larger than the file"));
        }
        if e.size < self.mini_cutoff {
            self.mini_chain(e.start, e.size).map(Some)
        } else {
            self.chain(e.start, e.size).map(Some)
        }
    }
}

fn sector_slice(bytes: &[u8], sector: usize, n: u32) -> Option<&[u8]> {
    let at = (n as usize).checked_add(1)?.checked_mul(sector)?;
    bytes.get(at..at.checked_add(sector)?)
}
