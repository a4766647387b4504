//! The one byte layer: every search over raw bytes the passes need, so the
//! rule code above reads characters and names, never bytes.
//!
//! - Byte and substring search: the `memchr` crate ([`find_byte`],
//!   [`find_either`], [`find_colon`], [`find_stars`]).
//! - Counting characters and display columns ([`count_chars`], [`columns`]),
//!   lines with their columns in one reading ([`for_each_line`]), byte-set
//!   tests ([`may_hold_space`], [`find_any_of4`], the nibble-table
//!   classifier [`three_byte_marks`]): each a plain scalar reference here,
//!   with SIMD kernels in [`simd`] — the only module of the crate allowed
//!   `unsafe` — behind capability types ([`Sse2`], [`Avx2`]) that exist only
//!   where the CPU has the feature. The tests hold every kernel equal to its
//!   scalar reference on every build; WebAssembly (the page) runs the
//!   references.
//! - Decoding the character at or before a byte position ([`char_at`],
//!   [`char_before`]) and a bitmap set of characters ([`CharSet`]) that
//!   also answers from a character's bytes.
//! - Byte prefilters derived from the characters they stand for
//!   ([`utf8_bytes`], [`first_byte`], [`last_byte`]): const fns, so rule code
//!   names `'【'`, not `0xE3`; [`byte_set_of`] builds a lookup table from
//!   them.

mod simd;

pub use simd::{Avx2, Sse2};

// ---------------------------------------------------------------------------
// Characters as bytes, at compile time

/// The UTF-8 bytes of `c`, and how many there are.
pub const fn utf8_bytes(c: char) -> ([u8; 4], usize) {
    let cp = c as u32;
    if cp < 0x80 {
        ([cp as u8, 0, 0, 0], 1)
    } else if cp < 0x800 {
        ([0xC0 | (cp >> 6) as u8, 0x80 | (cp & 0x3F) as u8, 0, 0], 2)
    } else if cp < 0x10000 {
        (
            [
                0xE0 | (cp >> 12) as u8,
                0x80 | ((cp >> 6) & 0x3F) as u8,
                0x80 | (cp & 0x3F) as u8,
                0,
            ],
            3,
        )
    } else {
        (
            [
                0xF0 | (cp >> 18) as u8,
                0x80 | ((cp >> 12) & 0x3F) as u8,
                0x80 | ((cp >> 6) & 0x3F) as u8,
                0x80 | (cp & 0x3F) as u8,
            ],
            4,
        )
    }
}

/// The UTF-8 bytes of `c`, a character of three bytes (the BMP beyond
/// U+07FF: CJK and its punctuation); fails to compile for any other.
pub const fn utf8_3(c: char) -> [u8; 3] {
    let (b, n) = utf8_bytes(c);
    assert!(n == 3, "not a three-byte character");
    [b[0], b[1], b[2]]
}

/// The first UTF-8 byte of `c`.
pub const fn first_byte(c: char) -> u8 {
    utf8_bytes(c).0[0]
}

/// The last UTF-8 byte of `c`.
pub const fn last_byte(c: char) -> u8 {
    let (b, n) = utf8_bytes(c);
    b[n - 1]
}

/// The first bytes of the characters U+4000 to U+9FFF (nearly every Han
/// character in use): a byte in this range starts one of them and nothing
/// else.
pub const HAN_LEADS: std::ops::RangeInclusive<u8> = first_byte('\u{4000}')..=first_byte('\u{9FFF}');

/// The first bytes of `chars`, for a byte-set prefilter: `N` must be the
/// number of characters.
pub const fn first_bytes<const N: usize>(chars: [char; N]) -> [u8; N] {
    let mut out = [0u8; N];
    let mut k = 0;
    while k < N {
        out[k] = first_byte(chars[k]);
        k += 1;
    }
    out
}

/// The last bytes of `chars` (see [`first_bytes`]).
pub const fn last_bytes<const N: usize>(chars: [char; N]) -> [u8; N] {
    let mut out = [0u8; N];
    let mut k = 0;
    while k < N {
        out[k] = last_byte(chars[k]);
        k += 1;
    }
    out
}

/// A 256-entry table, true at each of `bytes`: the one-lookup byte tests
/// of the scanners. Rule code builds it with [`byte_set_of`], from the
/// characters the bytes stand for.
pub const fn byte_set(bytes: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    let mut k = 0;
    while k < bytes.len() {
        t[bytes[k] as usize] = true;
        k += 1;
    }
    t
}

/// A 256-entry table true at each byte of `ascii`, at the first UTF-8 byte
/// of each of `first_of` and at the last UTF-8 byte of each of `last_of`:
/// a prefilter that rules a byte out with one lookup before the character
/// it may belong to is decoded. Many other characters share those bytes;
/// the rule behind the prefilter checks the whole character.
pub const fn byte_set_of(ascii: &[u8], first_of: &[char], last_of: &[char]) -> [bool; 256] {
    let mut t = byte_set(ascii);
    let mut k = 0;
    while k < first_of.len() {
        t[first_byte(first_of[k]) as usize] = true;
        k += 1;
    }
    k = 0;
    while k < last_of.len() {
        t[last_byte(last_of[k]) as usize] = true;
        k += 1;
    }
    t
}

// ---------------------------------------------------------------------------
// Characters at a byte position, and sets of characters

/// The length in bytes of the character that byte `x` starts in UTF-8 (the
/// number of its leading one bits; a byte that starts none, such as a
/// continuation byte, counts 1).
#[inline(always)]
pub const fn lead_len(x: u8) -> usize {
    match x.leading_ones() {
        2 => 2,
        3 => 3,
        4 => 4,
        _ => 1,
    }
}

/// The character starting at byte `i`, and its length in bytes. Decoded
/// straight from the bytes: this runs a few dozen times per figure, and
/// `str::get` would check the boundary each time. A position inside a
/// character (never handed in) yields `None`.
#[inline(always)]
pub fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    let b = s.as_bytes();
    let b0 = *b.get(i)?;
    let (cp, n) = match b0 {
        0..=0x7F => return Some((b0 as char, 1)),
        0xC0..=0xDF => ((u32::from(b0 & 0x1F) << 6) | cont(b, i + 1)?, 2),
        // The common case, all of CJK: in a `str`, a lead byte is followed
        // by its continuation bytes, so only their presence is checked.
        0xE0..=0xEF => {
            let (b1, b2) = (*b.get(i + 1)?, *b.get(i + 2)?);
            (
                (u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F),
                3,
            )
        }
        0xF0..=0xF7 => (
            (u32::from(b0 & 0x07) << 18)
                | (cont(b, i + 1)? << 12)
                | (cont(b, i + 2)? << 6)
                | cont(b, i + 3)?,
            4,
        ),
        _ => return None,
    };
    Some((char::from_u32(cp)?, n))
}

/// The payload of the continuation byte at `i`.
#[inline(always)]
fn cont(b: &[u8], i: usize) -> Option<u32> {
    let x = *b.get(i)?;
    (x & 0xC0 == 0x80).then_some(u32::from(x & 0x3F))
}

/// The character ending at byte `i`, and its length in bytes.
#[inline(always)]
pub fn char_before(s: &str, i: usize) -> Option<(char, usize)> {
    let b = s.as_bytes();
    if i == 0 || i > b.len() {
        return None;
    }
    let last = b[i - 1];
    if last < 0x80 {
        return Some((last as char, 1));
    }
    // The common case in Chinese text: a three-byte character (a lead byte
    // three bytes back; in a `str` the two after it continue it).
    if i >= 3 && b[i - 3] & 0xF0 == 0xE0 {
        let cp = (u32::from(b[i - 3] & 0x0F) << 12)
            | (u32::from(b[i - 2] & 0x3F) << 6)
            | u32::from(last & 0x3F);
        return char::from_u32(cp).map(|c| (c, 3));
    }
    let mut j = i - 1;
    while j > 0 && i - j < 4 && b[j] & 0xC0 == 0x80 {
        j -= 1;
    }
    let (c, n) = char_at(s, j)?;
    (j + n == i).then_some((c, n))
}

/// A set of characters of the Basic Multilingual Plane as a bitmap (8 KiB),
/// built at compile time: membership is one load and one bit test, where a
/// `match` over scattered characters is a chain of comparisons.
pub struct CharSet([u64; 1024]);

impl CharSet {
    pub const fn new(chars: &[char]) -> CharSet {
        let mut t = [0u64; 1024];
        let mut k = 0;
        while k < chars.len() {
            let c = chars[k] as u32;
            assert!(c < 0x10000, "CharSet holds the BMP only");
            t[(c >> 6) as usize] |= 1u64 << (c & 63);
            k += 1;
        }
        CharSet(t)
    }

    /// Every character of the BMP.
    pub const fn full() -> CharSet {
        CharSet([u64::MAX; 1024])
    }

    /// The set without `chars`.
    pub const fn without(mut self, chars: &[char]) -> CharSet {
        let mut k = 0;
        while k < chars.len() {
            let c = chars[k] as u32;
            assert!(c < 0x10000, "CharSet holds the BMP only");
            self.0[(c >> 6) as usize] &= !(1u64 << (c & 63));
            k += 1;
        }
        self
    }

    #[inline(always)]
    pub fn contains(&self, c: char) -> bool {
        let c = c as u32;
        c < 0x10000 && self.0[(c >> 6) as usize] & (1u64 << (c & 63)) != 0
    }

    /// Membership of the three-byte character `b0 b1 b2` (a lead byte
    /// E0–EF and two continuation bytes), straight from its bytes.
    #[inline(always)]
    pub fn contains3(&self, b0: u8, b1: u8, b2: u8) -> bool {
        let word = (usize::from(b0 & 0x0F) << 6) | usize::from(b1 & 0x3F);
        self.0[word] & (1u64 << (b2 & 0x3F)) != 0
    }
}

// ---------------------------------------------------------------------------
// Search

/// Index of the first `needle` in `hay`.
#[inline]
pub fn find_byte(needle: u8, hay: &[u8]) -> Option<usize> {
    memchr::memchr(needle, hay)
}

/// Index of the first byte of `hay` that is `x` or `y`.
#[inline]
pub fn find_either(x: u8, y: u8, hay: &[u8]) -> Option<usize> {
    memchr::memchr2(x, y, hay)
}

/// Index of the first `**` in `s` (markdown bold), without the set-up cost
/// of a substring search: each `*` found is checked for a second one.
#[inline]
pub fn find_stars(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(k) = find_byte(b'*', &b[from..]) {
        let at = from + k;
        if b.get(at + 1) == Some(&b'*') {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Index of the first colon, `:` or `：`, in `b`: `：` is found by its last
/// byte and matched whole, so the many CJK characters that share that byte
/// do not stop the search.
pub fn find_colon(b: &[u8]) -> Option<usize> {
    const WIDE: ([u8; 4], usize) = utf8_bytes('：');
    const WIDE_LAST: u8 = last_byte('：');
    for i in memchr::memchr2_iter(b':', WIDE_LAST, b) {
        if b[i] == b':' {
            return Some(i);
        }
        if i >= 2 && b[i - 2..=i] == WIDE.0[..WIDE.1] {
            return Some(i - 2);
        }
    }
    None
}

/// The first byte of `b[k..limit]` among `x` (`limit <= b.len()`).
#[inline]
pub fn find_any_of4(b: &[u8], k: usize, limit: usize, x: [u8; 4]) -> Option<usize> {
    let k = match Sse2::new() {
        Some(sse2) => match sse2.find4(b, k, limit, x) {
            Ok(hit) => return Some(hit),
            Err(rest) => rest,
        },
        None => k,
    };
    find_any_of4_scalar(b, k, limit, x)
}

/// [`find_any_of4`] eight bytes at a time in a word (SWAR), then byte by
/// byte: the reference, and what WebAssembly runs.
fn find_any_of4_scalar(b: &[u8], mut k: usize, limit: usize, x: [u8; 4]) -> Option<usize> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    // The high bit of each zero byte of `v` (and maybe of bytes above one:
    // the lowest bit set is always a true zero).
    let zero = |v: u64| v.wrapping_sub(LO) & !v & HI;
    let splat = x.map(|x| LO * u64::from(x));
    while k + 8 <= limit {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[k..k + 8]);
        let v = u64::from_le_bytes(w);
        let hits =
            zero(v ^ splat[0]) | zero(v ^ splat[1]) | zero(v ^ splat[2]) | zero(v ^ splat[3]);
        if hits != 0 {
            return Some(k + (hits.trailing_zeros() / 8) as usize);
        }
        k += 8;
    }
    (k..limit).find(|&j| x.contains(&b[j]))
}

// ---------------------------------------------------------------------------
// Bytes a JSON string must escape

/// The first byte of `b` a JSON string must escape: a control character
/// (below U+0020), `"` or `\`. For the JSON writer of the exports
/// (`bulletin-export`), which copies the runs between them whole: bulletin
/// text is long and has almost none.
#[inline]
pub fn find_json_escape(b: &[u8]) -> Option<usize> {
    let k = match Sse2::new() {
        Some(sse2) => match sse2.find_json_escape(b) {
            Ok(hit) => return Some(hit),
            Err(rest) => rest,
        },
        None => 0,
    };
    find_json_escape_scalar(b, k)
}

/// [`find_json_escape`] from `k`, eight bytes at a time in a word (SWAR),
/// then byte by byte: the reference, and what WebAssembly runs.
fn find_json_escape_scalar(b: &[u8], mut k: usize) -> Option<usize> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    // The high bit of each byte of `v` below `n` (n <= 0x80), and maybe of
    // bytes above one: the lowest bit set is always a true one.
    let below = |v: u64, n: u8| v.wrapping_sub(LO * u64::from(n)) & !v & HI;
    let zero = |v: u64| below(v, 1);
    let (quote, backslash) = (LO * u64::from(b'"'), LO * u64::from(b'\\'));
    while k + 8 <= b.len() {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[k..k + 8]);
        let v = u64::from_le_bytes(w);
        let hits = below(v, 0x20) | zero(v ^ quote) | zero(v ^ backslash);
        if hits != 0 {
            return Some(k + (hits.trailing_zeros() / 8) as usize);
        }
        k += 8;
    }
    (k..b.len()).find(|&j| json_escapes(b[j]))
}

/// Whether JSON must escape byte `x` in a string.
#[inline]
pub fn json_escapes(x: u8) -> bool {
    x < 0x20 || x == b'"' || x == b'\\'
}

// ---------------------------------------------------------------------------
// Lines

/// Calls `f(start, end, columns)` for every line of `hay`, in order: its
/// byte range (`end` is its `\n`, or the length for the last line, which
/// may be empty) and its display columns (see
/// [`columns`]). Returns whether `hay` holds a
/// `*` (markdown bold: most texts have none, and then no later pass need
/// look for one). All from one reading of the bytes, 32 at a time with
/// AVX2: a line costs its bytes and a few operations, not a call of its own.
#[inline]
pub fn for_each_line(hay: &[u8], mut f: impl FnMut(usize, usize, usize)) -> bool {
    let avx2 = Avx2::new();
    // The scan fills a buffer and `f` runs between fillings: called inside
    // the vector loop, it would spill the loop's registers at every line.
    let mut scan = LineScan::default();
    let mut found = [(0, 0, 0); LINE_BATCH + 32];
    while !scan.done {
        let n = match avx2 {
            Some(avx2) if scan.at + 32 <= hay.len() => avx2.next_lines(&mut scan, hay, &mut found),
            _ => scan.next_bytewise(hay, &mut found),
        };
        for &(start, end, columns) in &found[..n] {
            f(start, end, columns);
        }
    }
    scan.stars
}

/// Lines found in one go by a [`LineScan`], at least (the vector scan
/// stops after the 32-byte block that reaches this many, which adds at
/// most 32).
pub(crate) const LINE_BATCH: usize = 64;

/// Where [`for_each_line`] stands between batches: at byte `at`, inside
/// the line that starts at `line_start` with `cols` columns before `at`.
#[derive(Default)]
pub struct LineScan {
    at: usize,
    line_start: usize,
    cols: usize,
    /// A `*` was seen.
    stars: bool,
    /// The last line has been found.
    done: bool,
}

impl LineScan {
    /// The next lines into `found`, as (start, end, columns), byte by byte;
    /// how many.
    fn next_bytewise(&mut self, hay: &[u8], found: &mut [(usize, usize, usize)]) -> usize {
        let mut n = 0;
        while n < LINE_BATCH && !self.done {
            let i = self.at;
            let end = find_byte(b'\n', &hay[i..]).map_or(hay.len(), |k| i + k);
            let columns = self.cols + columns(&hay[i..end]);
            found[n] = (self.line_start, end, columns);
            n += 1;
            self.stars |= find_byte(b'*', &hay[i..end]).is_some();
            self.done = end == hay.len();
            (self.line_start, self.at, self.cols) = (end + 1, end + 1, 0);
        }
        n
    }
}

// ---------------------------------------------------------------------------
// Counting

/// Number of characters in `bytes` (lead bytes, continuation bytes skipped).
/// This runs over the text between two figures and over every line.
#[inline]
pub fn count_chars(bytes: &[u8]) -> usize {
    // A figure's own text is a dozen bytes or so: too short for the SIMD
    // loops' set-up to pay.
    if bytes.len() < 32 {
        return count_chars_short(bytes);
    }
    count_chars_long(bytes)
}

/// [`count_chars`] of 32 bytes or more, kept out of line so that callers
/// inline only the short count.
#[inline(never)]
fn count_chars_long(bytes: &[u8]) -> usize {
    count_leads::<false>(bytes)
}

/// [`count_chars`] eight bytes at a time in a `u64` (the last word
/// overlapping the one before), for short slices.
#[inline]
fn count_chars_short(b: &[u8]) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    // Continuation bytes (10xxxxxx) among the bytes of `v`.
    let continuations = |v: u64| {
        let marks = (v & !(v << 1) & HI) >> 7; // 1 in the lowest bit of each such byte
        (marks.wrapping_mul(LO) >> 56) as usize
    };
    let word = |k: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[k..k + 8]);
        u64::from_le_bytes(w)
    };
    let n = b.len();
    if n < 8 {
        return b.iter().filter(|&&x| (x as i8) >= -64).count();
    }
    let mut cont = 0;
    let mut k = 0;
    while k + 8 <= n {
        cont += continuations(word(k));
        k += 8;
    }
    if k < n {
        // The last eight bytes, of which only the top `n - k` are new.
        cont += continuations(word(n - 8) >> (8 * (8 - (n - k))));
    }
    n - cont
}

/// Display columns of `bytes` as a fixed-pitch layout prints them:
/// characters of three or four UTF-8 bytes (CJK, full-width forms) take
/// two columns, everything else one.
#[inline]
pub fn columns(bytes: &[u8]) -> usize {
    count_leads::<true>(bytes)
}

/// Lead bytes in `b`, and with `WIDE` also the lead bytes of three- and
/// four-byte characters (E0–FF) once more.
#[inline]
fn count_leads<const WIDE: bool>(b: &[u8]) -> usize {
    if b.len() >= 32 {
        if let Some(avx2) = Avx2::new() {
            return avx2.count_leads::<WIDE>(b);
        }
    }
    if b.len() >= 16 {
        if let Some(sse2) = Sse2::new() {
            return sse2.count_leads::<WIDE>(b);
        }
    }
    count_leads_bytewise::<WIDE>(b)
}

#[inline]
fn count_leads_bytewise<const WIDE: bool>(b: &[u8]) -> usize {
    // Counted in `u8` lanes over chunks short enough not to overflow, so
    // the loop vectorises where no SIMD version is written out.
    b.chunks(127)
        .map(|chunk| {
            chunk.iter().fold(0u8, |n, &x| {
                n + u8::from((x as i8) >= -64) + u8::from(WIDE && x >= 0xE0)
            }) as usize
        })
        .sum()
}

/// True when `b` may hold a space: a byte ` ` or tab, or the lead byte of
/// U+3000 (0xE3, shared with `。、《》「」`) or NBSP (0xC2). Labels and
/// periods are checked once each.
pub fn may_hold_space(b: &[u8]) -> bool {
    if b.len() >= 16 {
        if let Some(sse2) = Sse2::new() {
            return sse2.may_hold_space(b);
        }
    }
    may_hold_space_scalar(b)
}

/// [`may_hold_space`] eight bytes at a time in a word: the reference, and
/// what WebAssembly runs.
fn may_hold_space_scalar(b: &[u8]) -> bool {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    // Non-zero when some byte of `v` is zero.
    let zero = |v: u64| v.wrapping_sub(LO) & !v & HI;
    let word_has_space_byte = |word: &[u8]| {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        let v = u64::from_le_bytes(w);
        let hits = zero(v ^ (LO * 0x20))
            | zero(v ^ (LO * 0x09))
            | zero(v ^ (LO * 0xC2))
            | zero(v ^ (LO * 0xE3));
        hits != 0
    };
    if b.len() < 8 {
        return b.iter().any(|&x| matches!(x, b' ' | b'\t' | 0xC2 | 0xE3));
    }
    let mut words = b.chunks_exact(8);
    if words.any(word_has_space_byte) {
        return true;
    }
    // The last eight bytes (overlapping words already read: a byte read
    // twice gives the same answer).
    !words.remainder().is_empty() && word_has_space_byte(&b[b.len() - 8..])
}

// ---------------------------------------------------------------------------
// Classifying three-byte sequences

/// Nibble tables that classify the bytes of a block: a byte `x` at offset
/// `k` of a character gets the bits `lo[k][x & 15] & hi[k][x >> 4]`, and a
/// position is marked where the bits of its three bytes (`k` = 0, 1, 2)
/// share one. Each bit stands for a group of candidates, and passes exactly
/// the bytes whose nibbles occur at that offset in the group (a small
/// superset of the group: grouping by first two bytes and by the high
/// nibble of the third keeps it small). Two sets of tables (`P`, `Q`) give
/// sixteen bits for the fourteen groups. The two ASCII bits test the first
/// byte only (every byte passes them at offsets 1 and 2): `!` to `/` and
/// `1` to `?` (high nibble 2 or 3, low not 0), and NUL, `\n`, `\r`, `0`,
/// `:`, `=` (high nibble 0 or 3, low 0, A or D).
#[derive(Clone, Copy)]
pub struct NibbleTables {
    pub lo: [[u8; 16]; 3],
    pub hi: [[u8; 16]; 3],
}

/// The positions of `block[..32]` (`block` has 34 bytes) whose three
/// bytes share a bit of one of the two table sets, bit `k` for position
/// `k`: with AVX2 (the only caller, `crate::figures::skip`, runs where the
/// CPU has it).
#[inline]
pub fn three_byte_marks(avx2: Avx2, block: &[u8], tables: &[NibbleTables; 2]) -> u32 {
    match <&[u8; 34]>::try_from(block) {
        Ok(block) => avx2.three_byte_marks(block, tables),
        Err(_) => three_byte_marks_scalar(block, tables),
    }
}

/// [`three_byte_marks`] a position at a time: the reference (a block
/// shorter than 34 bytes is read as if padded with zeros).
pub fn three_byte_marks_scalar(block: &[u8], tables: &[NibbleTables; 2]) -> u32 {
    let byte = |k: usize| block.get(k).copied().unwrap_or(0);
    let mut marks = 0u32;
    for k in 0..32 {
        let shared = |t: &NibbleTables| {
            (0..3).fold(0xFFu8, |bits, p| {
                let x = byte(k + p);
                bits & t.lo[p][usize::from(x & 15)] & t.hi[p][usize::from(x >> 4)]
            })
        };
        if shared(&tables[0]) | shared(&tables[1]) != 0 {
            marks |= 1 << k;
        }
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn lines_and_columns() {
        let pieces = ["县", "a", " ", "é", "😀", "１", "—", "*", "\n", "\n\n"];
        let columns = |line: &str| -> usize {
            line.chars()
                .map(|c| if c.len_utf8() >= 3 { 2 } else { 1 })
                .sum()
        };
        let check = |s: &str| {
            let mut got = Vec::new();
            let stars = for_each_line(s.as_bytes(), |a, b, c| got.push((a, b, c)));
            let mut want = Vec::new();
            let mut start = 0;
            for line in s.split('\n') {
                want.push((start, start + line.len(), columns(line)));
                start += line.len() + 1;
            }
            assert_eq!(got, want, "{s:?}");
            assert_eq!(stars, s.contains('*'), "{s:?}");
        };
        for n in 0..300 {
            let s: String = (0..n).map(|k| pieces[(k * 7 + n) % pieces.len()]).collect();
            check(&s);
            let s: String = (0..n).map(|k| pieces[(k * 3) % 7]).collect();
            check(&s);
        }
        // Many lines (more than a batch), and lines longer than 127 blocks.
        check(&"\n".repeat(1000));
        check(&"a\n县\n".repeat(300));
        for long in [4000, 4064, 4100, 9000] {
            let line = "县".repeat(long / 3);
            check(&line);
            check(&format!("{line}\n"));
            check(&format!("ab\n{line}\n\n{line}x*"));
        }
        check("");
        check("\n");
    }

    #[test]
    fn finds_the_first_byte() {
        let text = "县财政局强化债券管理助推项目建设，今年以来共谋划专项债券项目\n第二行";
        assert_eq!(find_byte(b'\n', text.as_bytes()), text.find('\n'));
        for n in 0..80 {
            let mut s = "甲".repeat(n);
            assert_eq!(find_byte(b' ', s.as_bytes()), None);
            s.push(' ');
            s.push_str("乙 ");
            assert_eq!(find_byte(b' ', s.as_bytes()), Some(n * 3), "{n}");
        }
        assert_eq!(find_byte(b'x', b""), None);
        // Colons at every offset, around the 16-byte blocks.
        for n in 0..40 {
            for tail in ["：", ":", "：甲", ":a", "甲：", "ab"] {
                let s = format!("{}{tail}", "a".repeat(n));
                assert_eq!(find_colon(s.as_bytes()), s.find([':', '：']), "{s:?}");
                let s = format!("{}{tail}：", "县".repeat(n / 3));
                assert_eq!(find_colon(s.as_bytes()), s.find([':', '：']), "{s:?}");
            }
        }
        for s in [
            "",
            ":",
            "县财政局：强化",
            "县财政局强化债券管理助推项目建设工作部署：一是",
            "一季度全县经济运行平稳，主要指标实现较快增长。其中工业:",
            "第三批项目资金已全部拨付到位县财政局强化监管",
        ] {
            let want = s.find([':', '：']);
            assert_eq!(find_colon(s.as_bytes()), want, "{s:?}");
        }
        for s in ["", "*", "**", "a*b**c", "甲*乙*丙**", "***", "*甲**乙**"] {
            assert_eq!(find_stars(s), s.find("**"), "{s:?}");
        }
        let s = "县财政局召开专题推进会议部署下一步工作重点任务：一是";
        let want = s.bytes().position(|b| b == b':' || b == 0x9A);
        assert!(want.is_some());
        assert_eq!(find_either(b':', 0x9A, s.as_bytes()), want);
        assert_eq!(
            find_either(b':', b'x', "甲乙丙丁戊己庚辛壬癸:".as_bytes()),
            Some(30)
        );
    }

    #[test]
    fn counts_agree_with_chars_at_every_length() {
        let pieces = ["县", "a", "é", "😀", "１", "—", " ", "\n", "。"];
        for len in 0..300 {
            let s: String = (0..len)
                .map(|k| pieces[(k * 7 + len) % pieces.len()])
                .collect();
            let b = s.as_bytes();
            assert_eq!(count_chars(b), s.chars().count(), "{len}");
            let cols: usize = s
                .chars()
                .map(|c| if c.len_utf8() >= 3 { 2 } else { 1 })
                .sum();
            assert_eq!(columns(b), cols, "{len}");
            // Every sub-slice that starts and ends on a boundary.
            for (i, _) in s.char_indices().take(20) {
                assert_eq!(count_chars(&b[i..]), s[i..].chars().count());
            }
        }
        for len in 0..40 {
            let s: String = (0..len)
                .map(|k| pieces[(k * 5 + 3) % pieces.len()])
                .collect();
            let b = s.as_bytes();
            for i in 0..=b.len() {
                for j in i..=b.len() {
                    let want = b[i..j].iter().filter(|&&x| x & 0xC0 != 0x80).count();
                    assert_eq!(count_chars_short(&b[i..j]), want, "{s:?} {i}..{j}");
                }
            }
        }
        // `may_hold_space` sees a space-starting byte wherever it sits.
        for len in 0..40 {
            for at in 0..len {
                for mark in [b' ', b'\t', 0xC2, 0xE3] {
                    let mut b = vec![0x88u8; len];
                    assert!(!may_hold_space(&b), "{len}");
                    b[at] = mark;
                    assert!(may_hold_space(&b), "{len} {at} {mark:x}");
                }
            }
        }
        let long = "县财政局a".repeat(2000);
        assert_eq!(count_chars(long.as_bytes()), long.chars().count());
        assert_eq!(columns(long.as_bytes()), 2000 * 9);
    }

    /// Lines as [`for_each_line`] gives them, from the scalar scan alone.
    fn lines_bytewise(hay: &[u8]) -> (Vec<(usize, usize, usize)>, bool) {
        let mut scan = LineScan::default();
        let mut found = [(0, 0, 0); LINE_BATCH + 32];
        let mut out = Vec::new();
        while !scan.done {
            let n = scan.next_bytewise(hay, &mut found);
            out.extend_from_slice(&found[..n]);
        }
        (out, scan.stars)
    }

    /// Bytes as bulletins hold them: CJK, ASCII, line breaks, stars,
    /// full-width forms, four-byte characters, and stray bytes.
    fn texts() -> impl Strategy<Value = Vec<u8>> {
        let piece = prop::sample::select(vec![
            "县", "。", "：", ":", "a", "1", " ", "\t", "\n", "*", "**", "　", "\u{a0}", "é", "😀",
            "１", "—", "【", "】", "（", "\r",
        ]);
        prop_oneof![
            prop::collection::vec(piece, 0..300).prop_map(|v| v.concat().into_bytes()),
            prop::collection::vec(any::<u8>(), 0..300),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        /// Each counting kernel equals the scalar count, on any bytes.
        #[test]
        fn count_kernels_equal_the_reference(b in texts()) {
            let (chars, cols) = (count_leads_bytewise::<false>(&b), count_leads_bytewise::<true>(&b));
            prop_assert_eq!(count_chars(&b), chars);
            prop_assert_eq!(columns(&b), cols);
            if b.len() >= 16 {
                if let Some(sse2) = Sse2::new() {
                    prop_assert_eq!(sse2.count_leads::<false>(&b), chars);
                    prop_assert_eq!(sse2.count_leads::<true>(&b), cols);
                }
            }
            if b.len() >= 32 {
                if let Some(avx2) = Avx2::new() {
                    prop_assert_eq!(avx2.count_leads::<false>(&b), chars);
                    prop_assert_eq!(avx2.count_leads::<true>(&b), cols);
                }
            }
        }

        /// The line kernel finds the lines, columns and stars the scalar
        /// scan finds.
        #[test]
        fn line_kernel_equals_the_reference(b in texts()) {
            let mut got = Vec::new();
            let stars = for_each_line(&b, |s, e, c| got.push((s, e, c)));
            let (want, want_stars) = lines_bytewise(&b);
            prop_assert_eq!(got, want);
            prop_assert_eq!(stars, want_stars);
        }

        /// The byte-set kernels equal their references.
        #[test]
        fn byte_set_kernels_equal_the_reference(b in texts(), x in any::<[u8; 4]>(), cut in 0usize..300, from in 0usize..40) {
            let want = b.iter().any(|&x| matches!(x, b' ' | b'\t' | 0xC2 | 0xE3));
            prop_assert_eq!(may_hold_space_scalar(&b), want);
            prop_assert_eq!(may_hold_space(&b), want);
            if b.len() >= 16 {
                if let Some(sse2) = Sse2::new() {
                    prop_assert_eq!(sse2.may_hold_space(&b), want);
                }
            }
            let limit = cut.min(b.len());
            let from = from.min(limit);
            let want = (from..limit).find(|&j| x.contains(&b[j]));
            prop_assert_eq!(find_any_of4_scalar(&b, from, limit, x), want);
            prop_assert_eq!(find_any_of4(&b, from, limit, x), want);
            let want = (0..b.len()).find(|&j| b[j] == b':' || b[j..].starts_with("：".as_bytes()));
            prop_assert_eq!(find_colon(&b), want);
        }

        /// The JSON escape finder, kernel and word-at-a-time reference,
        /// finds the first byte a byte-by-byte look finds, on bulletin text
        /// with quotes, backslashes and control characters planted in it.
        #[test]
        fn json_escape_kernel_equals_the_reference(
            b in texts(),
            planted in prop::collection::vec((0usize..300, prop::sample::select(vec![b'"', b'\\', 0x00, 0x01, 0x1F, 0x7F, 0x20, 0x80, 0xFF])), 0..3),
            from in 0usize..40,
        ) {
            let mut b = b;
            for (at, x) in planted {
                if at < b.len() {
                    b[at] = x;
                }
            }
            let want = b.iter().position(|&x| json_escapes(x));
            prop_assert_eq!(find_json_escape(&b), want);
            let from = from.min(b.len());
            let want_from = (from..b.len()).find(|&j| json_escapes(b[j]));
            prop_assert_eq!(find_json_escape_scalar(&b, from), want_from);
            if let Some(sse2) = Sse2::new() {
                match sse2.find_json_escape(&b) {
                    Ok(hit) => prop_assert_eq!(Some(hit), want),
                    Err(rest) => {
                        prop_assert!(rest <= b.len() && b.len() - rest < 16);
                        prop_assert!(b[..rest].iter().all(|&x| !json_escapes(x)));
                    }
                }
            }
        }

        /// The nibble-table kernel marks what the scalar classifier marks.
        #[test]
        fn nibble_kernel_equals_the_reference(
            block in any::<[u8; 34]>(),
            lo in any::<[[u8; 16]; 6]>(),
            hi in any::<[[u8; 16]; 6]>(),
        ) {
            let tables = [
                NibbleTables { lo: [lo[0], lo[1], lo[2]], hi: [hi[0], hi[1], hi[2]] },
                NibbleTables { lo: [lo[3], lo[4], lo[5]], hi: [hi[3], hi[4], hi[5]] },
            ];
            if let Some(avx2) = Avx2::new() {
                prop_assert_eq!(
                    three_byte_marks(avx2, &block, &tables),
                    three_byte_marks_scalar(&block, &tables)
                );
            }
        }
    }

    #[test]
    fn prefilter_bytes_come_from_their_characters() {
        assert_eq!(utf8_bytes('【'), ([0xE3, 0x80, 0x90, 0], 3));
        assert_eq!(first_byte('：'), "：".as_bytes()[0]);
        assert_eq!(last_byte('：'), *"：".as_bytes().last().unwrap());
        assert_eq!(
            first_bytes(['a', 'é', '县', '😀']),
            [b'a', 0xC3, 0xE5, 0xF0]
        );
        for c in [
            'a',
            'é',
            '县',
            '😀',
            '\u{7ff}',
            '\u{800}',
            '\u{ffff}',
            '\u{10000}',
        ] {
            let (b, n) = utf8_bytes(c);
            assert_eq!(&b[..n], c.to_string().as_bytes(), "{c:?}");
        }
    }

    /// On x86-64 the kernels do run here (every x86-64 has SSE2), so the
    /// property tests above compare something.
    #[test]
    #[cfg(target_arch = "x86_64")]
    fn the_kernels_run_on_x86_64() {
        assert!(Sse2::new().is_some());
    }
}
