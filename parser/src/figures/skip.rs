//! Jumps the scanner over text that starts nothing, 32 bytes at a time
//! where the CPU has AVX2 (checked at run time; elsewhere, and in
//! WebAssembly, the scanner looks at every character itself).
//!
//! A byte is marked when it may start something the scanner acts on: an
//! ASCII byte from `!` to `?` (and NUL) or a line break, or a three-byte
//! character whose three bytes match a candidate's (a numeral, a quote,
//! clause punctuation: `super::scan::CANDIDATE_CHARS`). Each byte is
//! classified by two nibble-table lookups per table set (`NibbleTables`), so
//! a few other characters are marked too (`争`); the scanner checks every
//! mark exactly. No candidate is ever left unmarked (a test checks every
//! character). Continuation bytes are never marked, so a mark is a
//! character boundary.

use crate::bytes::Avx2;
#[cfg(target_arch = "x86_64")]
use crate::bytes::{three_byte_marks, NibbleTables};

/// Which table set and bit a three-byte candidate belongs to: ASCII
/// takes bits 6 and 7 of `P`.
#[cfg(target_arch = "x86_64")]
const fn candidate_group(b0: u8, b1: u8, b2: u8) -> (usize, u8) {
    let hi2 = (b2 >> 4) - 8; // 0..=3: a continuation byte
    match (b0, b1) {
        (0xE2, 0x80) => (0, 1 << 0),
        (0xE3, 0x80) => (0, 1 << 1),
        (0xEF, 0xBC) if hi2 == 1 => (0, 1 << 2),
        (0xEF, 0xBC) => (0, 1 << 3),
        (0xE4, _) => (1, 1 << hi2),
        (0xE5 | 0xE7, _) => (1, 1 << (4 + hi2)),
        _ => panic!("a candidate the block test does not know"),
    }
}

#[cfg(target_arch = "x86_64")]
const fn nibble_tables() -> [NibbleTables; 2] {
    let mut t = [NibbleTables {
        lo: [[0; 16]; 3],
        hi: [[0; 16]; 3],
    }; 2];
    let mut k = 0;
    while k < CANDIDATE_CHARS.len() {
        let c = CANDIDATE_CHARS[k] as u32;
        let bytes = [
            (0xE0 | (c >> 12)) as u8,
            (0x80 | ((c >> 6) & 0x3F)) as u8,
            (0x80 | (c & 0x3F)) as u8,
        ];
        let (set, bit) = candidate_group(bytes[0], bytes[1], bytes[2]);
        let mut p = 0;
        while p < 3 {
            t[set].lo[p][(bytes[p] & 15) as usize] |= bit;
            t[set].hi[p][(bytes[p] >> 4) as usize] |= bit;
            p += 1;
        }
        k += 1;
    }
    // ASCII, first byte: bit 6 for high nibble 2 or 3 with low 1..F, bit 7
    // for high 0 or 3 with low 0, A or D. Later bytes pass both bits.
    const A: u8 = 1 << 6;
    const B: u8 = 1 << 7;
    let mut x = 0;
    while x < 16 {
        if x != 0 {
            t[0].lo[0][x] |= A;
        }
        if x == 0 || x == 0xA || x == 0xD {
            t[0].lo[0][x] |= B;
        }
        t[0].lo[1][x] |= A | B;
        t[0].lo[2][x] |= A | B;
        t[0].hi[1][x] |= A | B;
        t[0].hi[2][x] |= A | B;
        x += 1;
    }
    t[0].hi[0][2] |= A;
    t[0].hi[0][3] |= A | B;
    t[0].hi[0][0] |= B;
    t
}

#[cfg(target_arch = "x86_64")]
static NIBBLES: [NibbleTables; 2] = nibble_tables();

/// Characters (all in the three-byte range of UTF-8) that can start a
/// figure or a quotation, or end a clause.
pub(super) const CANDIDATE_CHARS: [char; 40] = [
    '０', '１', '２', '３', '４', '５', '６', '７', '８', '９', // full-width digits
    '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万', '亿', '“',
    '‘', '「', '『', '《', '〈', '＂', '＇', // quotes
    '，', '。', '；', '：', '！', '？', '、', // clause and list punctuation
];

/// Where the scanner has to look next, remembering the marks of the last
/// block read (figures and punctuation come close together).
pub struct Skipper {
    simd: Option<Avx2>,
    block: usize,
    /// Marked bytes of `block..block + 32`, bit `k` for byte `block + k`.
    marks: u32,
}

/// A block no position falls in.
const NO_BLOCK: usize = usize::MAX - 32;

impl Skipper {
    pub fn new() -> Skipper {
        Skipper {
            simd: Avx2::new(),
            block: NO_BLOCK,
            marks: 0,
        }
    }

    /// The first position at or after `i` (a character boundary of `b`)
    /// that may start something, or the end of `b`; every character before
    /// it starts nothing. Without SIMD: `i` itself.
    #[inline]
    pub fn next(&mut self, b: &[u8], mut i: usize) -> usize {
        let Some(avx2) = self.simd else {
            return i;
        };
        // One compare for `block <= i < block + 32` (NO_BLOCK is far off).
        let into = i.wrapping_sub(self.block);
        if into < 32 {
            let m = self.marks & (u32::MAX << into);
            if m != 0 {
                return self.block + m.trailing_zeros() as usize;
            }
            i = self.block + 32;
        }
        while i + 34 <= b.len() {
            let marks = block_marks(avx2, b, i);
            if marks != 0 {
                (self.block, self.marks) = (i, marks);
                return i + marks.trailing_zeros() as usize;
            }
            i += 32;
        }
        // The last bytes (fewer than 34): read from a copy padded with
        // spaces, which mark nothing.
        loop {
            // `i` may be inside a character here (blocks are read whole):
            // back to its start.
            while i > 0 && b.get(i).is_some_and(|&x| (x as i8) < -64) {
                i -= 1;
            }
            if i >= b.len() {
                break;
            }
            let rest = &b[i..b.len().min(i + 34)];
            let mut padded = [b' '; 34];
            padded[..rest.len()].copy_from_slice(rest);
            let marks = block_marks(avx2, &padded, 0);
            if marks != 0 {
                (self.block, self.marks) = (i, marks);
                return i + marks.trailing_zeros() as usize;
            }
            i += 32;
        }
        (self.block, self.marks) = (NO_BLOCK, 0);
        b.len()
    }
}

/// Where the scanner may stop in `b[i..i + 32]` (reading `b[i..i + 34]`,
/// which must exist): the nibble tables of the candidates, bit `k` for
/// byte `i + k`.
#[cfg(target_arch = "x86_64")]
#[inline]
fn block_marks(avx2: Avx2, b: &[u8], i: usize) -> u32 {
    three_byte_marks(avx2, &b[i..i + 34], &NIBBLES)
}

#[cfg(not(target_arch = "x86_64"))]
fn block_marks(_: Avx2, _: &[u8], _: usize) -> u32 {
    u32::MAX
}

#[cfg(test)]
fn simd_available() -> bool {
    Avx2::new().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The characters the scanner acts on, straight from their definition.
    fn starts_something(c: char) -> bool {
        matches!(
            c,
            '0'..='9' | '"' | '\'' | ',' | ';' | ':' | '!' | '?' | '\n' | '\r'
        ) || CANDIDATE_CHARS.contains(&c)
    }

    #[test]
    fn every_candidate_is_marked_at_every_offset() {
        if !simd_available() {
            return;
        }
        for c in (0..0x10000).filter_map(char::from_u32) {
            let must = starts_something(c);
            if !must && !c.is_ascii() {
                continue;
            }
            for k in [0, 1, 10, 29, 31] {
                let mut s = "县".repeat(k / 3) + &"a".repeat(k % 3);
                let at = s.len();
                s.push(c);
                s.push_str(&"乙".repeat(16));
                let b = s.as_bytes();
                let mut skip = Skipper::new();
                let found = skip.next(b, 0);
                if must {
                    assert!(found <= at, "{c:?} at {at}: skipped to {found}");
                }
                assert!(
                    s.is_char_boundary(found),
                    "{c:?}: {found} inside a character"
                );
            }
        }
    }

    /// Near the end of the text (the padded last block), too, every
    /// character that starts something is stopped at, in order.
    #[test]
    fn every_candidate_near_the_end_is_found() {
        if !simd_available() {
            return;
        }
        let mut starts: Vec<char> = CANDIDATE_CHARS.to_vec();
        starts.extend("0123456789\"',;:!?\n\r".chars());
        for c in starts {
            for k in 0..45 {
                for tail in ["", "a", "乙", "乙a乙"] {
                    let prefix: String = (0..k)
                        .map(|j| if j % 3 == 0 { 'a' } else { '县' })
                        .collect();
                    let s = format!("{prefix}{c}{tail}");
                    let (b, at) = (s.as_bytes(), prefix.len());
                    let mut skip = Skipper::new();
                    let mut i = 0;
                    let mut seen = false;
                    while i < b.len() {
                        i = skip.next(b, i);
                        assert!(s.is_char_boundary(i), "{s:?}: {i}");
                        if i == at {
                            seen = true;
                        }
                        if i < b.len() {
                            i += s[i..].chars().next().map_or(1, char::len_utf8);
                        }
                    }
                    assert!(seen, "{c:?} at {at} of {s:?} skipped");
                }
            }
        }
    }

    #[test]
    fn plain_text_is_skipped() {
        if !simd_available() {
            return;
        }
        let s = "县财政局围绕年度目标任务细化工作举措安排专人负责跟踪对接".repeat(4);
        let mut skip = Skipper::new();
        let found = skip.next(s.as_bytes(), 0);
        assert!(found > 64, "stopped at {found}");
        assert!(s.is_char_boundary(found));
    }
}
