//! Every line of unsafe code in the parser: the SIMD kernels that still pay
//! for themselves, moved here whole from the passes that use them.
//!
//! Each kernel is a method of a capability type, as the `memchr` crate
//! does it: an [`Sse2`] or [`Avx2`] value can only be had where the CPU has
//! that feature ([`Sse2::new`], [`Avx2::new`]), so holding one is the proof
//! the `unsafe` blocks below rely on, and every method is safe to call (it
//! checks the lengths it reads). Elsewhere (WebAssembly, other CPUs) the
//! types cannot be built and their methods cannot be reached: the page
//! ships the scalar references in `super`.
//!
//! Each kernel has a scalar reference in `super`, and a property test there
//! (`super::tests`) holds the two equal on every `cargo test` run.

#![allow(unsafe_code)]
// Elsewhere the kernels cannot be reached: their arguments go unused.
#![cfg_attr(not(target_arch = "x86_64"), allow(unused_variables, dead_code))]

#[cfg(target_arch = "x86_64")]
use std::arch::x86_64::*;

use super::{LineScan, NibbleTables, LINE_BATCH};

/// The proof a capability carries: a value on x86-64, none elsewhere.
#[cfg(target_arch = "x86_64")]
#[derive(Clone, Copy, Debug)]
struct Proof;

/// Elsewhere no proof can be made, so no capability, so no kernel runs.
#[cfg(not(target_arch = "x86_64"))]
#[derive(Clone, Copy, Debug)]
enum Proof {}

/// SSE2: part of every x86-64 CPU.
#[derive(Clone, Copy, Debug)]
pub struct Sse2(Proof);

/// AVX2 (and so SSE2): nearly every x86-64 of the last decade, checked at
/// run time.
#[derive(Clone, Copy, Debug)]
pub struct Avx2(Proof);

impl Sse2 {
    /// SSE2 where the CPU has it: always on x86-64, never elsewhere.
    #[inline(always)]
    pub fn new() -> Option<Sse2> {
        #[cfg(target_arch = "x86_64")]
        return Some(Sse2(Proof));
        #[cfg(not(target_arch = "x86_64"))]
        None
    }
}

impl Avx2 {
    /// AVX2 where the CPU has it (the check is cached by std).
    #[inline(always)]
    pub fn new() -> Option<Avx2> {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            return Some(Avx2(Proof));
        }
        None
    }

    /// AVX2 implies SSE2.
    #[inline(always)]
    fn sse2(self) -> Sse2 {
        Sse2(self.0)
    }
}

// ---------------------------------------------------------------------------
// Counting lead bytes (characters, display columns)

impl Sse2 {
    /// `super::count_leads_bytewise`, sixteen bytes at a time (the last
    /// block overlaps the one before, its repeated bytes masked off).
    /// Panics when `b` has fewer than sixteen bytes.
    pub fn count_leads<const WIDE: bool>(self, b: &[u8]) -> usize {
        assert!(b.len() >= 16);
        #[cfg(not(target_arch = "x86_64"))]
        match self.0 {}
        #[cfg(target_arch = "x86_64")]
        count_leads_sse2::<WIDE>(b)
    }

    /// True when `b` holds a byte ` `, tab, 0xC2 or 0xE3 (see
    /// `super::may_hold_space`). Panics when `b` has fewer than sixteen.
    pub fn may_hold_space(self, b: &[u8]) -> bool {
        assert!(b.len() >= 16);
        #[cfg(not(target_arch = "x86_64"))]
        match self.0 {}
        #[cfg(target_arch = "x86_64")]
        may_hold_space_sse2(b)
    }

    /// The first byte of `b[k..limit]` among `x` (checked sixteen bytes at a
    /// time): `Ok(position)`, or `Err(k)` where the whole blocks end (the
    /// rest is for a scalar look). Panics when `limit > b.len()`.
    pub fn find4(self, b: &[u8], k: usize, limit: usize, x: [u8; 4]) -> Result<usize, usize> {
        assert!(limit <= b.len());
        #[cfg(not(target_arch = "x86_64"))]
        match self.0 {}
        #[cfg(target_arch = "x86_64")]
        find4_sse2(b, k, limit, x)
    }

    /// `crate::normalize`'s candidate blocks sixteen bytes at a time (see
    /// there).
    pub fn normalize_candidates(self, b: &[u8], from: usize) -> usize {
        #[cfg(not(target_arch = "x86_64"))]
        match self.0 {}
        #[cfg(target_arch = "x86_64")]
        candidate_block_sse2(b, from)
    }

    /// The first byte of `b` a JSON string must escape (see
    /// `super::find_json_escape`), sixteen bytes at a time: `Ok(position)`,
    /// or `Err(k)` where the whole blocks end (the rest is for a scalar
    /// look).
    pub fn find_json_escape(self, b: &[u8]) -> Result<usize, usize> {
        #[cfg(not(target_arch = "x86_64"))]
        match self.0 {}
        #[cfg(target_arch = "x86_64")]
        find_json_escape_sse2(b)
    }
}

impl Avx2 {
    /// [`Sse2::count_leads`] 32 bytes at a time. Panics when `b` has
    /// fewer than 32 bytes.
    pub fn count_leads<const WIDE: bool>(self, b: &[u8]) -> usize {
        assert!(b.len() >= 32);
        #[cfg(not(target_arch = "x86_64"))]
        match self.0 {}
        // SAFETY: `self` proves AVX2; `b` has at least 32 bytes.
        #[cfg(target_arch = "x86_64")]
        unsafe {
            count_leads_avx2::<WIDE>(b)
        }
    }

    /// The next lines of `hay` into `found` from the whole 32-byte blocks
    /// ahead of `scan` (see `super::for_each_line`); how many.
    pub fn next_lines(
        self,
        scan: &mut LineScan,
        hay: &[u8],
        found: &mut [(usize, usize, usize); LINE_BATCH + 32],
    ) -> usize {
        #[cfg(not(target_arch = "x86_64"))]
        match self.0 {}
        // SAFETY: `self` proves AVX2; the kernel reads only whole blocks
        // inside `hay` and writes at most LINE_BATCH + 32 lines.
        #[cfg(target_arch = "x86_64")]
        unsafe {
            next_lines_avx2(scan, hay, found)
        }
    }

    /// The positions of `block[..32]` whose three bytes (`block[k..k + 3]`)
    /// share a bit of one of the two nibble table sets: bit `k` for
    /// position `k` (see `crate::figures::skip`).
    pub fn three_byte_marks(self, block: &[u8; 34], tables: &[NibbleTables; 2]) -> u32 {
        #[cfg(not(target_arch = "x86_64"))]
        match self.0 {}
        // SAFETY: `self` proves AVX2; `block` holds the 34 bytes read.
        #[cfg(target_arch = "x86_64")]
        unsafe {
            block_marks_avx2(block.as_ptr(), tables)
        }
    }

    /// `crate::normalize`'s candidate blocks 32 bytes at a time (see there).
    pub fn normalize_candidates(self, b: &[u8], from: usize) -> usize {
        #[cfg(not(target_arch = "x86_64"))]
        match self.0 {}
        // SAFETY: `self` proves AVX2; the kernel checks its bounds.
        #[cfg(target_arch = "x86_64")]
        unsafe {
            candidate_block_avx2(b, from, self.sse2())
        }
    }
}

#[cfg(target_arch = "x86_64")]
fn count_leads_sse2<const WIDE: bool>(b: &[u8]) -> usize {
    /// Sixteen zero bytes then sixteen ones: a load at `k` keeps the last
    /// `k` lanes of a block.
    static TAIL_MASK: [u8; 32] = {
        let mut m = [0u8; 32];
        let mut k = 16;
        while k < 32 {
            m[k] = 0xFF;
            k += 1;
        }
        m
    };
    let n = b.len();
    // SAFETY: SSE2 is part of the x86-64 baseline; every load reads
    // b[i..i + 16] with `i + 16 <= n`, or TAIL_MASK[k..k + 16] with
    // `k < 16`.
    unsafe {
        let continuation_max = _mm_set1_epi8(0xBFu8 as i8);
        let wide_min = _mm_set1_epi8(0xE0u8 as i8);
        let zero = _mm_setzero_si128();
        // The lanes to count in a block: lead bytes, and (WIDE) E0–FF twice.
        let marks = |v: __m128i| {
            let lead = _mm_cmpgt_epi8(v, continuation_max);
            if WIDE {
                let wide = _mm_cmpeq_epi8(_mm_max_epu8(v, wide_min), v);
                _mm_add_epi8(lead, wide)
            } else {
                lead
            }
        };
        let lane_sum = |acc: __m128i| {
            let sums = _mm_sad_epu8(acc, zero);
            (_mm_cvtsi128_si64(sums) + _mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums))) as usize
        };
        let mut total = 0;
        let mut i = 0;
        while i + 16 <= n {
            // Each block adds at most 2 to a lane: 127 blocks fit in a u8.
            let mut acc = zero;
            let mut k = 0;
            while k < 127 && i + 16 <= n {
                let v = _mm_loadu_si128(b.as_ptr().add(i) as *const __m128i);
                // `marks` is 0, -1 or -2 per lane.
                acc = _mm_sub_epi8(acc, marks(v));
                i += 16;
                k += 1;
            }
            total += lane_sum(acc);
        }
        let rest = n - i;
        if rest > 0 {
            let v = _mm_loadu_si128(b.as_ptr().add(n - 16) as *const __m128i);
            let keep = _mm_loadu_si128(TAIL_MASK.as_ptr().add(rest) as *const __m128i);
            total += lane_sum(_mm_sub_epi8(zero, _mm_and_si128(marks(v), keep)));
        }
        total
    }
}

/// [`count_leads_sse2`] 32 bytes at a time (`b` has at least 32), where
/// the CPU has AVX2.
///
/// SAFETY: the CPU must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn count_leads_avx2<const WIDE: bool>(b: &[u8]) -> usize {
    /// 32 zero bytes then 32 ones: a load at `k` keeps the last `k` lanes.
    static TAIL_MASK: [u8; 64] = {
        let mut m = [0u8; 64];
        let mut k = 32;
        while k < 64 {
            m[k] = 0xFF;
            k += 1;
        }
        m
    };
    let n = b.len();
    let continuation_max = _mm256_set1_epi8(0xBFu8 as i8);
    let zero = _mm256_setzero_si256();
    let marks = |v: __m256i| {
        if WIDE {
            column_marks_avx2(v)
        } else {
            _mm256_cmpgt_epi8(v, continuation_max)
        }
    };
    let lane_sum = |acc: __m256i| sum_bytes_avx2(acc);
    let mut total = 0;
    let mut i = 0;
    // Every load reads b[i..i + 32] with `i + 32 <= n`, or
    // TAIL_MASK[k..k + 32] with `k < 32`.
    while i + 32 <= n {
        let mut acc = zero;
        let mut k = 0;
        while k < 127 && i + 32 <= n {
            let v = _mm256_loadu_si256(b.as_ptr().add(i) as *const __m256i);
            acc = _mm256_sub_epi8(acc, marks(v));
            i += 32;
            k += 1;
        }
        total += lane_sum(acc);
    }
    let rest = n - i;
    if rest > 0 {
        let v = _mm256_loadu_si256(b.as_ptr().add(n - 32) as *const __m256i);
        let keep = _mm256_loadu_si256(TAIL_MASK.as_ptr().add(rest) as *const __m256i);
        total += lane_sum(_mm256_sub_epi8(zero, _mm256_and_si256(marks(v), keep)));
    }
    total
}

/// Per lane of `v`, minus the display columns the byte starts: -1 for the
/// lead byte of a one- or two-byte character, -2 for one of three or four
/// bytes (CJK, full-width forms), 0 for a continuation byte. Summed
/// negated by [`count_leads_avx2`] and [`next_lines_avx2`].
///
/// SAFETY: the CPU must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
unsafe fn column_marks_avx2(v: __m256i) -> __m256i {
    let lead = _mm256_cmpgt_epi8(v, _mm256_set1_epi8(0xBFu8 as i8));
    let wide_min = _mm256_set1_epi8(0xE0u8 as i8);
    let wide = _mm256_cmpeq_epi8(_mm256_max_epu8(v, wide_min), v);
    _mm256_add_epi8(lead, wide)
}

/// The sum of the 32 unsigned bytes of `acc`.
///
/// SAFETY: the CPU must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
unsafe fn sum_bytes_avx2(acc: __m256i) -> usize {
    let sums = _mm256_sad_epu8(acc, _mm256_setzero_si256());
    let half = _mm_add_epi64(
        _mm256_castsi256_si128(sums),
        _mm256_extracti128_si256(sums, 1),
    );
    (_mm_cvtsi128_si64(half) + _mm_cvtsi128_si64(_mm_unpackhi_epi64(half, half))) as usize
}

// ---------------------------------------------------------------------------
// Lines and their columns

/// The next lines into `found`, as (start, end, columns), from the whole
/// 32-byte blocks ahead (the last bytes are for `LineScan::next_bytewise`);
/// how many.
///
/// SAFETY: the CPU must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn next_lines_avx2(
    scan: &mut LineScan,
    hay: &[u8],
    found: &mut [(usize, usize, usize); LINE_BATCH + 32],
) -> usize {
    let newline = _mm256_set1_epi8(b'\n' as i8);
    let star = _mm256_set1_epi8(b'*' as i8);
    let zero = _mm256_setzero_si256();
    #[rustfmt::skip]
    let lane = _mm256_setr_epi8(
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
    );
    // Lanes `k` with `k < n`.
    let below = |n: u32| _mm256_cmpgt_epi8(_mm256_set1_epi8(n as i8), lane);
    let lane_sum = |acc: __m256i| sum_bytes_avx2(acc);
    let mut n = 0;
    // The current line's columns over the last `blocks` blocks, per
    // lane (the rest are in `scan.cols`).
    let (mut acc, mut blocks) = (zero, 0);
    // Lanes that held a `*`.
    let mut stars = zero;
    let mut i = scan.at;
    // Each load reads hay[i..i + 32], which `i + 32 <= hay.len()` keeps
    // in bounds; a block adds at most 32 lines, so `n < LINE_BATCH + 32`.
    while i + 32 <= hay.len() && n < LINE_BATCH {
        let v = _mm256_loadu_si256(hay.as_ptr().add(i) as *const __m256i);
        stars = _mm256_or_si256(stars, _mm256_cmpeq_epi8(v, star));
        // Columns per lane, negated (see `column_marks_avx2`): at most
        // 2 a lane and block, so 127 blocks fit in a u8 lane.
        let marks = column_marks_avx2(v);
        if blocks == 127 {
            scan.cols += lane_sum(acc);
            (acc, blocks) = (zero, 0);
        }
        let mut breaks = _mm256_movemask_epi8(_mm256_cmpeq_epi8(v, newline)) as u32;
        if breaks == 0 {
            acc = _mm256_sub_epi8(acc, marks);
        } else {
            // The block's lanes from `from` on are the current line's.
            let mut from = 0;
            while breaks != 0 {
                let at = breaks.trailing_zeros();
                let mine = _mm256_andnot_si256(below(from), below(at));
                acc = _mm256_sub_epi8(acc, _mm256_and_si256(marks, mine));
                let end = i + at as usize;
                found[n] = (scan.line_start, end, scan.cols + lane_sum(acc));
                n += 1;
                (scan.line_start, scan.cols, acc, blocks) = (end + 1, 0, zero, 0);
                from = at + 1;
                breaks &= breaks - 1;
            }
            acc = _mm256_sub_epi8(acc, _mm256_andnot_si256(below(from), marks));
        }
        blocks += 1;
        i += 32;
    }
    scan.at = i;
    scan.cols += lane_sum(acc);
    scan.stars |= _mm256_testz_si256(stars, stars) == 0;
    n
}

// ---------------------------------------------------------------------------
// Byte sets

#[cfg(target_arch = "x86_64")]
fn may_hold_space_sse2(b: &[u8]) -> bool {
    let block = |i: usize| {
        // SAFETY: SSE2 is part of the x86-64 baseline; callers keep
        // `i + 16 <= b.len()`.
        unsafe {
            let v = _mm_loadu_si128(b.as_ptr().add(i) as *const __m128i);
            let eq = |x: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(x as i8));
            let hit = _mm_or_si128(
                _mm_or_si128(eq(b' '), eq(b'\t')),
                _mm_or_si128(eq(0xC2), eq(0xE3)),
            );
            _mm_movemask_epi8(hit) != 0
        }
    };
    let mut i = 0;
    while i + 16 <= b.len() {
        if block(i) {
            return true;
        }
        i += 16;
    }
    i < b.len() && block(b.len() - 16)
}

#[cfg(target_arch = "x86_64")]
fn find4_sse2(b: &[u8], mut k: usize, limit: usize, x: [u8; 4]) -> Result<usize, usize> {
    while k + 16 <= limit {
        // SAFETY: SSE2 is part of the x86-64 baseline; `k + 16 <= limit <=
        // b.len()`.
        let hits = unsafe {
            let v = _mm_loadu_si128(b.as_ptr().add(k) as *const __m128i);
            let eq = |x: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(x as i8));
            let hit = _mm_or_si128(
                _mm_or_si128(eq(x[0]), eq(x[1])),
                _mm_or_si128(eq(x[2]), eq(x[3])),
            );
            _mm_movemask_epi8(hit) as u32
        };
        if hits != 0 {
            return Ok(k + hits.trailing_zeros() as usize);
        }
        k += 16;
    }
    Err(k)
}

#[cfg(target_arch = "x86_64")]
fn find_json_escape_sse2(b: &[u8]) -> Result<usize, usize> {
    let mut k = 0;
    while k + 16 <= b.len() {
        // SAFETY: SSE2 is part of the x86-64 baseline; `k + 16 <= b.len()`.
        let hits = unsafe {
            let v = _mm_loadu_si128(b.as_ptr().add(k) as *const __m128i);
            let eq = |x: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(x as i8));
            // Below 0x20, unsigned: the byte is its minimum with 0x1F.
            let control = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v);
            let hit = _mm_or_si128(control, _mm_or_si128(eq(b'"'), eq(b'\\')));
            _mm_movemask_epi8(hit) as u32
        };
        if hits != 0 {
            return Ok(k + hits.trailing_zeros() as usize);
        }
        k += 16;
    }
    Err(k)
}

/// SAFETY: the CPU must have AVX2 and `p[0..34]` be readable.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn block_marks_avx2(p: *const u8, tables: &[NibbleTables; 2]) -> u32 {
    let v = [
        _mm256_loadu_si256(p as *const __m256i),
        _mm256_loadu_si256(p.add(1) as *const __m256i),
        _mm256_loadu_si256(p.add(2) as *const __m256i),
    ];
    let low4 = _mm256_set1_epi8(0x0F);
    let lo = v.map(|x| _mm256_and_si256(x, low4));
    let hi = v.map(|x| _mm256_and_si256(_mm256_srli_epi16(x, 4), low4));
    let table =
        |t: &[u8; 16]| _mm256_broadcastsi128_si256(_mm_loadu_si128(t.as_ptr() as *const __m128i));
    // The bits of one table set the three bytes from each position share.
    let shared = |t: &NibbleTables| {
        let byte = |k: usize| {
            _mm256_and_si256(
                _mm256_shuffle_epi8(table(&t.lo[k]), lo[k]),
                _mm256_shuffle_epi8(table(&t.hi[k]), hi[k]),
            )
        };
        _mm256_and_si256(_mm256_and_si256(byte(0), byte(1)), byte(2))
    };
    let any = _mm256_or_si256(shared(&tables[0]), shared(&tables[1]));
    !(_mm256_movemask_epi8(_mm256_cmpeq_epi8(any, _mm256_setzero_si256())) as u32)
}

// ---------------------------------------------------------------------------
// Normalisation's candidates (moved whole from `crate::normalize`)

/// `crate::normalize`'s candidate blocks thirty-two bytes at a time, where
/// the CPU has AVX2. Each byte position gets a set of bits, one per kind of
/// special sequence, from three table lookups (lead byte, second byte,
/// third byte; each a lookup on the high nibble and one on the low nibble,
/// ANDed): a position where some bit survives all three may start a special
/// sequence. That is fewer operations than comparing each byte against each
/// value, and as exact on the common CJK punctuation sharing the lead bytes
/// (`、。《》“”—…，`). The SSE2 version below finishes the last bytes.
///
/// SAFETY: only to be called where the CPU supports AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn candidate_block_avx2(b: &[u8], from: usize, sse2: Sse2) -> usize {
    // The kinds, as bits: what each needs of the lead, second and third byte.
    const C2: u8 = 1; // C2 then anything (U+0085, U+00A0, U+00AD)
    const E1: u8 = 2; // E1 9A or A0 (also 90, AA: rare), then anything
    const E2_80_LOW: u8 = 4; // E2 80 80–8D
    const E2_81: u8 = 8; // E2 81, then anything
    const E3_80_80: u8 = 16; // U+3000
    const EF_BB: u8 = 32; // EF BB, then anything (U+FEFF)
    const CONTROL: u8 = 64; // \t \v \f \r
    const E2_80_SEPS: u8 = 128; // E2 80 A8–AF

    // Kinds that take any second byte, or any third byte.
    const ANY_SECOND: u8 = C2 | CONTROL;
    const ANY_THIRD: u8 = C2 | E1 | E2_81 | EF_BB | CONTROL;
    const E2: u8 = E2_80_LOW | E2_81 | E2_80_SEPS;
    const E_: u8 = E1 | E2 | E3_80_80 | EF_BB;
    let table =
        |t: [u8; 16]| _mm256_broadcastsi128_si256(_mm_loadu_si128(t.as_ptr() as *const __m128i));
    #[rustfmt::skip]
    let (lead_hi, lead_lo) = (
        table([CONTROL, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, C2, 0, E_, 0]),
        table([0, E1, C2 | E2, E3_80_80, 0, 0, 0, 0, 0, CONTROL, 0, CONTROL, CONTROL, CONTROL, 0, EF_BB]),
    );
    const S: u8 = ANY_SECOND;
    #[rustfmt::skip]
    let (second_hi, second_lo) = (
        table([S, S, S, S, S, S, S, S, S | E2_80_LOW | E2_80_SEPS | E2_81 | E3_80_80, S | E1, S | E1, S | EF_BB, S, S, S, S]),
        table([S | E2_80_LOW | E2_80_SEPS | E3_80_80 | E1, S | E2_81, S, S, S, S, S, S, S, S, S | E1, S | EF_BB, S, S, S, S]),
    );
    const T: u8 = ANY_THIRD;
    #[rustfmt::skip]
    let (third_hi, third_lo) = (
        table([T, T, T, T, T, T, T, T, T | E2_80_LOW | E3_80_80, T, T | E2_80_SEPS, T, T, T, T, T]),
        table([
            T | E2_80_LOW | E3_80_80, T | E2_80_LOW, T | E2_80_LOW, T | E2_80_LOW,
            T | E2_80_LOW, T | E2_80_LOW, T | E2_80_LOW, T | E2_80_LOW,
            T | E2_80_LOW | E2_80_SEPS, T | E2_80_LOW | E2_80_SEPS, T | E2_80_LOW | E2_80_SEPS, T | E2_80_LOW | E2_80_SEPS,
            T | E2_80_LOW | E2_80_SEPS, T | E2_80_LOW | E2_80_SEPS, T | E2_80_SEPS, T | E2_80_SEPS,
        ]),
    );
    let low_nibble = _mm256_set1_epi8(0x0F);
    // The kinds a byte allows in one role: its high nibble's AND its low
    // nibble's (masked to four bits, so no byte zeroes the shuffle).
    let kinds = |v: __m256i, hi: __m256i, lo: __m256i| {
        let h = _mm256_and_si256(_mm256_srli_epi16::<4>(v), low_nibble);
        let l = _mm256_and_si256(v, low_nibble);
        _mm256_and_si256(_mm256_shuffle_epi8(hi, h), _mm256_shuffle_epi8(lo, l))
    };
    // The positions of the block at `i` that may start a special sequence
    // (it reads b[i..i + 34]).
    let block = |i: usize| {
        let v0 = _mm256_loadu_si256(b.as_ptr().add(i) as *const __m256i);
        let v1 = _mm256_loadu_si256(b.as_ptr().add(i + 1) as *const __m256i);
        let v2 = _mm256_loadu_si256(b.as_ptr().add(i + 2) as *const __m256i);
        _mm256_and_si256(
            _mm256_and_si256(kinds(v0, lead_hi, lead_lo), kinds(v1, second_hi, second_lo)),
            kinds(v2, third_hi, third_lo),
        )
    };
    let mut i = from;
    // Two blocks a round, one test for both: the loads read b[i..i + 66],
    // which `i + 66 <= b.len()` keeps in bounds.
    while i + 66 <= b.len() {
        let (first, second) = (block(i), block(i + 32));
        let any = _mm256_or_si256(first, second);
        if _mm256_testz_si256(any, any) == 0 {
            return if _mm256_testz_si256(first, first) == 0 {
                i
            } else {
                i + 32
            };
        }
        i += 64;
    }
    // Every load reads b[i..i + 34], which `i + 34 <= b.len()` keeps in
    // bounds.
    while i + 34 <= b.len() {
        let any = block(i);
        if _mm256_testz_si256(any, any) == 0 {
            return i;
        }
        i += 32;
    }
    sse2.normalize_candidates(b, i)
}

#[cfg(target_arch = "x86_64")]
fn candidate_block_sse2(b: &[u8], from: usize) -> usize {
    use std::arch::x86_64::*;
    let mut i = from;
    // SAFETY: SSE2 is part of the x86-64 baseline; every load reads
    // b[i..i + 18], which `i + 18 <= b.len()` keeps in bounds.
    unsafe {
        let splat = |x: u8| _mm_set1_epi8(x as i8);
        let (c2, e1, e2, e3, ef) = (
            splat(0xC2),
            splat(0xE1),
            splat(0xE2),
            splat(0xE3),
            splat(0xEF),
        );
        let (x80, x81, x8d, xa8, xbb, xf8, nl, ctrl) = (
            splat(0x80),
            splat(0x81),
            splat(0x8D),
            splat(0xA8),
            splat(0xBB),
            splat(0xF8),
            splat(b'\n'),
            splat(0x0D),
        );
        let eq = |a, b| _mm_cmpeq_epi8(a, b);
        let (or, and) = (|a, b| _mm_or_si128(a, b), |a, b| _mm_and_si128(a, b));
        while i + 18 <= b.len() {
            let v0 = _mm_loadu_si128(b.as_ptr().add(i) as *const __m128i);
            let v1 = _mm_loadu_si128(b.as_ptr().add(i + 1) as *const __m128i);
            let v2 = _mm_loadu_si128(b.as_ptr().add(i + 2) as *const __m128i);
            // Bytes up to 0x0D other than \n (\t \v \f \r).
            let control = _mm_andnot_si128(eq(v0, nl), eq(_mm_min_epu8(v0, ctrl), v0));
            let latin = or(eq(v0, c2), eq(v0, e1));
            // E2 80 80–8D and A8–AF, E2 81: spaces, separators, invisible
            // marks, but not the quotes, dashes and ellipses (E2 80 94–A6)
            // Chinese text is full of.
            let low = eq(_mm_min_epu8(v2, x8d), v2);
            let seps = eq(and(v2, xf8), xa8);
            let general = and(eq(v0, e2), or(and(eq(v1, x80), or(low, seps)), eq(v1, x81)));
            let ideographic = and(and(eq(v0, e3), eq(v1, x80)), eq(v2, x80));
            let bom = and(eq(v0, ef), eq(v1, xbb));
            let any = or(or(control, latin), or(general, or(ideographic, bom)));
            if _mm_movemask_epi8(any) != 0 {
                return i;
            }
            i += 16;
        }
    }
    i
}
