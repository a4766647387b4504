//! Word 97–2003 binary documents ([MS-DOC]) — `.doc`, and `.wps` as WPS
//! Office writes it (the same format in the same OLE container) — to the
//! text the bulletin parser reads.
//!
//! The main document's text comes from the piece table (the `Clx` in the
//! `0Table`/`1Table` stream that the FIB points to): each piece is either
//! 8-bit (cp1252, "compressed") or UTF-16LE. Paragraph marks become line
//! breaks, table cells tabs and rows line breaks, fields keep their result
//! and lose their instructions, and characters formatted bold directly
//! (`sprmCFBold` in the CHPX runs) are written as `**…**`, as the `.docx`
//! reader does. Bold that comes only from a paragraph or character style is
//! not seen.

use crate::ole::Ole;
use crate::ReadError;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// Which kind of Office file an OLE container without a Word stream is.
fn other_kind(names: &[String]) -> &'static str {
    let has = |n: &str| names.iter().any(|x| x.eq_ignore_ascii_case(n));
    if has("Workbook") || has("Book") {
        "Excel .xls"
    } else if has("PowerPoint Document") {
        "PowerPoint .ppt"
    } else if has("__substg1.0_0037001F") || has("__properties_version1.0") {
        "Outlook .msg"
    } else if has("EncryptedPackage") {
        "加密的 Office / encrypted Office"
    } else {
        "OLE"
    }
}

/// The text of a Word 97–2003 (or WPS) document in an OLE compound file.
pub fn doc_to_text(bytes: &[u8]) -> Result<String, ReadError> {
    use ReadError::WordDamaged as Bad;
    let ole = Ole::open(bytes)?;
    let Some(word) = ole.stream("WordDocument")? else {
        let names = ole.root_names();
        if names
            .iter()
            .any(|n| n.eq_ignore_ascii_case("EncryptedPackage"))
        {
            return Err(ReadError::WordEncrypted);
        }
        return Err(ReadError::NotWord(other_kind(&names)));
    };
    let ident = u16_at(&word, 0).ok_or(Bad("FIB"))?;
    let nfib = u16_at(&word, 2).ok_or(Bad("FIB"))?;
    if ident != 0xA5EC || nfib < 0x00C0 {
        // nFib 101 is Word 6, 104 Word 95; another wIdent is Word 2 or an
        // old Kingsoft format.
        return Err(ReadError::WordTooOld);
    }
    let flags = u16_at(&word, 0x0A).ok_or(Bad("FIB"))?;
    if flags & 0x0100 != 0 {
        return Err(ReadError::WordEncrypted);
    }
    let table_name = if flags & 0x0200 != 0 {
        "1Table"
    } else {
        "0Table"
    };
    let table = ole.stream(table_name)?.ok_or(Bad("no table stream"))?;
    // FibBase (32 bytes), then csw u16 + fibRgW, cslw u16 + fibRgLw,
    // cbRgFcLcb u16 + fibRgFcLcb (pairs of u32).
    let csw = u16_at(&word, 32).ok_or(Bad("FIB"))? as usize;
    let lw_at = 34 + csw * 2;
    let cslw = u16_at(&word, lw_at).ok_or(Bad("FIB"))? as usize;
    let rg_lw = lw_at + 2;
    let ccp_text = u32_at(&word, rg_lw + 12).ok_or(Bad("FIB"))? as usize;
    let fc_at = rg_lw + cslw * 4;
    let cb_fc = u16_at(&word, fc_at).ok_or(Bad("FIB"))? as usize;
    let pair = |i: usize| -> Option<(usize, usize)> {
        if i >= cb_fc {
            return None;
        }
        let at = fc_at + 2 + i * 8;
        Some((u32_at(&word, at)? as usize, u32_at(&word, at + 4)? as usize))
    };
    let (fc_clx, lcb_clx) = pair(33).ok_or(Bad("FIB"))?;
    let clx = table
        .get(fc_clx..fc_clx.checked_add(lcb_clx).ok_or(Bad("Clx"))?)
        .ok_or(Bad("Clx"))?;
    let pieces = piece_table(clx).ok_or(Bad("piece table"))?;
    let bold = pair(12)
        .and_then(|(fc, lcb)| table.get(fc..fc.checked_add(lcb)?))
        .map(|plc| bold_runs(plc, &word))
        .unwrap_or_default();

    // The main document: characters 0..ccp_text, piece by piece.
    let mut units: Vec<(u16, bool)> = Vec::with_capacity(ccp_text.min(word.len()));
    for p in &pieces {
        if units.len() >= ccp_text {
            break;
        }
        let count = (p.cp_end - p.cp_start).min(ccp_text - units.len());
        for k in 0..count {
            let (c, fc) = if p.compressed {
                let fc = p.fc + k;
                let Some(&b) = word.get(fc) else { break };
                (cp1252(b) as u16, fc)
            } else {
                let fc = p.fc + 2 * k;
                let Some(u) = u16_at(&word, fc) else { break };
                (u, fc)
            };
            units.push((c, is_bold(&bold, fc)));
        }
    }
    let chars = utf16_chars(&units);
    Ok(to_text(&chars))
}

struct Piece {
    cp_start: usize,
    cp_end: usize,
    fc: usize,
    compressed: bool,
}

/// The PlcPcd in a Clx: skips the Prc (formatting) blocks before it.
fn piece_table(clx: &[u8]) -> Option<Vec<Piece>> {
    let mut i = 0;
    while clx.get(i) == Some(&1) {
        let cb = u16_at(clx, i + 1)? as usize;
        i += 3 + cb;
    }
    if clx.get(i) != Some(&2) {
        return None;
    }
    let lcb = u32_at(clx, i + 1)? as usize;
    let plc = clx.get(i + 5..(i + 5).checked_add(lcb)?)?;
    if plc.len() < 4 {
        return None;
    }
    let n = (plc.len() - 4) / 12;
    let mut pieces = Vec::with_capacity(n);
    for k in 0..n {
        let start = u32_at(plc, 4 * k)? as usize;
        let end = u32_at(plc, 4 * (k + 1))? as usize;
        let pcd = 4 * (n + 1) + 8 * k;
        let raw = u32_at(plc, pcd + 2)?;
        let compressed = raw & 0x4000_0000 != 0;
        let fc = if compressed {
            ((raw & !0x4000_0000) / 2) as usize
        } else {
            raw as usize
        };
        if end > start {
            pieces.push(Piece {
                cp_start: start,
                cp_end: end,
                fc,
                compressed,
            });
        }
    }
    Some(pieces)
}

/// File-offset ranges `[start, end)` whose characters are directly bold,
/// from the CHPX FKPs (PlcBteChpx in the table stream).
fn bold_runs(plc: &[u8], word: &[u8]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    if plc.len() < 8 {
        return runs;
    }
    let n = (plc.len() - 4) / 8;
    for k in 0..n {
        let Some(pn) = u32_at(plc, 4 * (n + 1) + 4 * k) else {
            break;
        };
        let at = (pn & 0x3F_FFFF) as usize * 512;
        let Some(fkp) = word.get(at..at + 512) else {
            continue;
        };
        let crun = fkp[511] as usize;
        if 4 * (crun + 1) + crun > 511 {
            continue;
        }
        for r in 0..crun {
            let (Some(start), Some(end)) = (u32_at(fkp, 4 * r), u32_at(fkp, 4 * (r + 1))) else {
                break;
            };
            let offset = fkp[4 * (crun + 1) + r] as usize * 2;
            if offset == 0 || offset >= 511 {
                continue;
            }
            let cb = fkp[offset] as usize;
            let grpprl = &fkp[(offset + 1).min(511)..(offset + 1 + cb).min(511)];
            if sprm_bold(grpprl) && end > start {
                runs.push((start as usize, end as usize));
            }
        }
    }
    runs.sort_unstable();
    runs
}

/// Whether a grpprl sets bold on (`sprmCFBold` 0x0835 with operand 1 or
/// 0x81 — "the opposite of the style", which for a non-bold style is bold).
fn sprm_bold(grpprl: &[u8]) -> bool {
    let mut i = 0;
    let mut bold = false;
    while i + 2 <= grpprl.len() {
        let sprm = u16::from_le_bytes([grpprl[i], grpprl[i + 1]]);
        i += 2;
        let operand = match sprm >> 13 {
            0 | 1 => 1,
            2 | 4 | 5 => 2,
            3 => 4,
            7 => 3,
            _ => {
                // Variable length: a size byte (sprmTDefTable's is 2 bytes).
                if sprm == 0xD608 {
                    u16_at(grpprl, i)
                        .map(|n| n as usize + 1)
                        .unwrap_or(grpprl.len())
                } else {
                    grpprl
                        .get(i)
                        .map(|&n| n as usize + 1)
                        .unwrap_or(grpprl.len())
                }
            }
        };
        if sprm == 0x0835 {
            bold = matches!(grpprl.get(i), Some(1 | 0x81));
        }
        i += operand;
    }
    bold
}

fn is_bold(runs: &[(usize, usize)], fc: usize) -> bool {
    let at = runs.partition_point(|r| r.0 <= fc);
    at > 0 && fc < runs[at - 1].1
}

/// UTF-16 units to characters (a pair of surrogates is one character; a
/// lone one is U+FFFD), each with its bold flag.
fn utf16_chars(units: &[(u16, bool)]) -> Vec<(char, bool)> {
    let mut bolds = units.iter().map(|u| u.1);
    char::decode_utf16(units.iter().map(|u| u.0))
        .map(|r| {
            let c = r.unwrap_or(char::REPLACEMENT_CHARACTER);
            let bold = bolds.next().unwrap_or(false);
            if c.len_utf16() == 2 {
                bolds.next();
            }
            (c, bold)
        })
        .collect()
}

fn cp1252(b: u8) -> char {
    const HIGH: [u16; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    match b {
        0x80..=0x9f => char::from_u32(HIGH[(b - 0x80) as usize] as u32).unwrap_or('\u{FFFD}'),
        _ => b as char,
    }
}

/// Word's special characters to plain text, bold as `**…**`.
fn to_text(chars: &[(char, bool)]) -> String {
    let mut out = Marked::default();
    // Field nesting: for each open field, whether its result has begun.
    let mut fields: Vec<bool> = Vec::new();
    let mut last_cell = false;
    for &(c, bold) in chars {
        match c {
            '\u{13}' => {
                if fields.len() < 64 {
                    fields.push(false);
                }
                continue;
            }
            '\u{14}' => {
                if let Some(f) = fields.last_mut() {
                    *f = true;
                }
                continue;
            }
            '\u{15}' => {
                fields.pop();
                continue;
            }
            _ => {}
        }
        if fields.iter().any(|in_result| !in_result) {
            continue; // a field's instructions
        }
        let cell = c == '\u{7}';
        match c {
            '\r' | '\u{b}' | '\u{c}' => out.newline(),
            // A cell mark right after a cell mark ends the row.
            '\u{7}' if last_cell => out.newline(),
            '\u{7}' => out.push('\t', false),
            '\t' => out.push('\t', false),
            '\u{1e}' => out.push('-', bold),
            '\u{a0}' => out.push(' ', bold),
            c if (c as u32) < 0x20 || c == '\u{1f}' => {}
            c => out.push(c, bold),
        }
        last_cell = cell;
    }
    out.finish()
}

/// Plain text with bold runs as `**…**`: markers only around non-blank
/// text, spaces kept outside, closed at each line end.
#[derive(Default)]
struct Marked {
    out: String,
    /// Bold characters waiting (with any spaces inside the run).
    run: String,
    /// Spaces after plain text, written before what follows.
    pending_space: String,
}

impl Marked {
    fn push(&mut self, c: char, bold: bool) {
        if c == ' ' || c == '\t' || c == '\u{3000}' {
            if self.run.is_empty() {
                self.out.push(c);
            } else {
                self.pending_space.push(c);
            }
            return;
        }
        if bold {
            if !self.run.is_empty() {
                self.run.push_str(&std::mem::take(&mut self.pending_space));
            }
            self.run.push(c);
        } else {
            self.close();
            self.out.push(c);
        }
    }

    fn close(&mut self) {
        let run = std::mem::take(&mut self.run);
        // A bold label (`责任编辑：`) reads the same plain, and bold would
        // make it look like a headline (as in the PDF reader).
        if run.ends_with('：') || run.ends_with(':') {
            self.out.push_str(&run);
        } else if !run.is_empty() {
            self.out.push_str("**");
            self.out.push_str(&run);
            self.out.push_str("**");
        }
        self.out.push_str(&std::mem::take(&mut self.pending_space));
    }

    fn newline(&mut self) {
        self.close();
        let trimmed = self.out.trim_end_matches([' ', '\t']).len();
        self.out.truncate(trimmed);
        self.out.push('\n');
    }

    fn finish(mut self) -> String {
        self.close();
        self.out.trim_end().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> String {
        to_text(&s.chars().map(|c| (c, false)).collect::<Vec<_>>())
    }

    #[test]
    fn paragraphs_fields_and_tables() {
        assert_eq!(text("第一段\r第二段\r"), "第一段\n第二段");
        assert_eq!(
            text("见\u{13} HYPERLINK \"x\" \u{14}链接\u{15}。"),
            "见链接。"
        );
        assert_eq!(text("页\u{13} PAGE \u{15}码"), "页码");
        assert_eq!(
            text("项目\u{7}金额\u{7}\u{7}道路\u{7}12 万元\u{7}\u{7}"),
            "项目\t金额\n道路\t12 万元"
        );
    }

    #[test]
    fn bold_runs_become_markdown() {
        let chars: Vec<(char, bool)> = "县水利局 加固堤防\r"
            .chars()
            .enumerate()
            .map(|(i, c)| (c, i < 4))
            .collect();
        assert_eq!(to_text(&chars), "**县水利局** 加固堤防");
        let chars: Vec<(char, bool)> = "审核：李明\r"
            .chars()
            .enumerate()
            .map(|(i, c)| (c, i < 3))
            .collect();
        assert_eq!(to_text(&chars), "审核：李明");
    }

    #[test]
    fn bold_sprm_is_found_among_others() {
        // sprmCRgFtc0 (0x4A4F, 2 bytes), then sprmCFBold on.
        assert!(sprm_bold(&[0x4F, 0x4A, 0x01, 0x00, 0x35, 0x08, 0x01]));
        assert!(!sprm_bold(&[0x35, 0x08, 0x00]));
    }

    #[test]
    fn not_an_ole_file() {
        assert!(doc_to_text(b"plain text").is_err());
    }
}
