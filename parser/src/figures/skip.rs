//! Jumps the scanner over text that starts nothing, 32 bytes at a time
//! where the CPU has AVX2 (checked at run time; elsewhere, and in
//! WebAssembly, the scanner looks at every character itself).
//!
//! A byte is marked when it may start something the scanner acts on: an
//! ASCII byte from `!` to `;`, `?` or a line break, or a three-byte
//! character whose three bytes match a candidate's (a numeral, a quote,
//! clause punctuation: `super::scan::CANDIDATE_CHARS`). The first two bytes
//! are matched exactly per lead byte and the third against the set of third
//! bytes of that lead byte's candidates, so a few other characters are
//! marked too (`元`, `卫`); the scanner checks every mark exactly. No
//! candidate is ever left unmarked (a test checks every character).
//! Continuation bytes are never marked, so a mark is a character boundary.

#[cfg(any(target_arch = "x86_64", test))]
use super::scan::CANDIDATE_CHARS;

/// The third bytes of the three-byte candidates, as nibble tables (entry
/// `lo` has bit `hi - 8` set when `hi << 4 | lo` is one), for each group of
/// first two bytes the block test knows: E2 80 / E3 80, EF BC, E4 B8–BA,
/// E5 85 / 8D / 9B / E7 99. Built from the candidates; building fails
/// (at compile time) if one has other first bytes.
#[cfg(target_arch = "x86_64")]
struct Groups {
    e2_e3: [u8; 16],
    ef: [u8; 16],
    e4: [u8; 16],
    e5_e7: [u8; 16],
}

#[cfg(target_arch = "x86_64")]
const fn groups() -> Groups {
    let mut g = Groups {
        e2_e3: [0; 16],
        ef: [0; 16],
        e4: [0; 16],
        e5_e7: [0; 16],
    };
    let mut k = 0;
    while k < CANDIDATE_CHARS.len() {
        let c = CANDIDATE_CHARS[k] as u32;
        let (b0, b1, b2) = (
            (0xE0 | (c >> 12)) as u8,
            (0x80 | ((c >> 6) & 0x3F)) as u8,
            (0x80 | (c & 0x3F)) as u8,
        );
        let table = match (b0, b1) {
            (0xE2 | 0xE3, 0x80) => &mut g.e2_e3,
            (0xEF, 0xBC) => &mut g.ef,
            (0xE4, 0xB8..=0xBA) => &mut g.e4,
            (0xE5, 0x85 | 0x8D | 0x9B) | (0xE7, 0x99) => &mut g.e5_e7,
            _ => panic!("a candidate the block test does not know"),
        };
        table[(b2 & 0x0F) as usize] |= 1 << ((b2 >> 4) - 8);
        k += 1;
    }
    g
}

#[cfg(target_arch = "x86_64")]
static GROUPS: Groups = groups();

/// Where the scanner has to look next, remembering the marks of the last
/// block read (figures and punctuation come close together).
pub struct Skipper {
    simd: bool,
    block: usize,
    /// Marked bytes of `block..block + 32`, bit `k` for byte `block + k`.
    marks: u32,
}

/// A block no position falls in.
const NO_BLOCK: usize = usize::MAX - 32;

impl Skipper {
    pub fn new() -> Skipper {
        Skipper {
            simd: simd_available(),
            block: NO_BLOCK,
            marks: 0,
        }
    }

    /// The first position at or after `i` (a character boundary of `b`)
    /// that may start something, or the end of `b`; every character before
    /// it starts nothing. Without SIMD: `i` itself.
    #[inline]
    pub fn next(&mut self, b: &[u8], mut i: usize) -> usize {
        if !self.simd {
            return i;
        }
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
            let marks = block_marks(b, i);
            if marks != 0 {
                (self.block, self.marks) = (i, marks);
                return i + marks.trailing_zeros() as usize;
            }
            i += 32;
        }
        // The last bytes (fewer than 34): read from a copy padded with zero
        // bytes, which mark nothing.
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
            let mut padded = [0u8; 34];
            padded[..rest.len()].copy_from_slice(rest);
            let marks = block_marks(&padded, 0);
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

#[cfg(target_arch = "x86_64")]
fn simd_available() -> bool {
    std::arch::is_x86_feature_detected!("avx2")
}

#[cfg(not(target_arch = "x86_64"))]
fn simd_available() -> bool {
    false
}

/// The marks of `b[i..i + 32]` (reading `b[i..i + 34]`, which must exist).
#[cfg(target_arch = "x86_64")]
#[inline]
fn block_marks(b: &[u8], i: usize) -> u32 {
    debug_assert!(i + 34 <= b.len());
    // SAFETY: `simd` is only set where the CPU has AVX2, and the caller
    // keeps `i + 34 <= b.len()`.
    unsafe { block_marks_avx2(b.as_ptr().add(i)) }
}

#[cfg(not(target_arch = "x86_64"))]
fn block_marks(_: &[u8], _: usize) -> u32 {
    u32::MAX
}

/// SAFETY: the CPU must have AVX2 and `p[0..34]` be readable.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn block_marks_avx2(p: *const u8) -> u32 {
    use std::arch::x86_64::*;
    let v0 = _mm256_loadu_si256(p as *const __m256i);
    let v1 = _mm256_loadu_si256(p.add(1) as *const __m256i);
    let v2 = _mm256_loadu_si256(p.add(2) as *const __m256i);
    let splat = |x: u8| _mm256_set1_epi8(x as i8);
    let eq = |a: __m256i, x: u8| _mm256_cmpeq_epi8(a, splat(x));
    // `lo <= a <= lo + width`, unsigned.
    let within = |a: __m256i, lo: u8, width: u8| {
        let d = _mm256_sub_epi8(a, splat(lo));
        _mm256_cmpeq_epi8(_mm256_min_epu8(d, splat(width)), d)
    };
    let (or, and) = (|a, b| _mm256_or_si256(a, b), |a, b| _mm256_and_si256(a, b));
    let table =
        |t: &[u8; 16]| _mm256_broadcastsi128_si256(_mm_loadu_si128(t.as_ptr() as *const __m128i));
    // ASCII: `!"'` `,` digits `:;` (all in 21..3B), `?`, line breaks.
    let ascii = or(
        or(within(v0, 0x21, 0x1A), eq(v0, b'?')),
        or(eq(v0, b'\n'), eq(v0, b'\r')),
    );
    // Third bytes: bit `hi - 8` of a nibble table at `lo`, non-zero (not
    // all ones) where the byte is in the table's set.
    const HIGH_BIT: [u8; 16] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128];
    let lo = and(v2, splat(0x0F));
    let hi = and(_mm256_srli_epi16(v2, 4), splat(0x0F));
    let high_bit = _mm256_shuffle_epi8(table(&HIGH_BIT), hi);
    let third = |t: &[u8; 16]| and(_mm256_shuffle_epi8(table(t), lo), high_bit);
    let g = &GROUPS;
    // Quotes and punctuation: E2 80 / E3 80, EF BC.
    let punct = and(and(within(v0, 0xE2, 1), eq(v1, 0x80)), third(&g.e2_e3));
    let wide = and(and(eq(v0, 0xEF), eq(v1, 0xBC)), third(&g.ef));
    // Numerals: E4 B8–BA; E5 85 / 8D / 9B and E7 99.
    let e4 = and(and(eq(v0, 0xE4), within(v1, 0xB8, 2)), third(&g.e4));
    let e5_e7 = and(
        and(
            or(eq(v0, 0xE5), eq(v0, 0xE7)),
            or(
                or(eq(v1, 0x85), eq(v1, 0x8D)),
                or(eq(v1, 0x9B), eq(v1, 0x99)),
            ),
        ),
        third(&g.e5_e7),
    );
    let any = or(or(ascii, punct), or(wide, or(e4, e5_e7)));
    // `ascii` is all ones or zero per byte, the rest zero or not: a byte
    // is marked where `any` is not zero.
    !(_mm256_movemask_epi8(_mm256_cmpeq_epi8(any, _mm256_setzero_si256())) as u32)
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
