//! Byte searches for the structure passes, which look for one ASCII byte
//! (a line break, a space) through long runs of CJK text: sixteen bytes at
//! a time with SSE2 (part of every x86-64), eight at a time in a machine
//! word elsewhere (WebAssembly).

/// Index of the first `needle` in `hay`.
#[inline]
pub fn find_byte(needle: u8, hay: &[u8]) -> Option<usize> {
    find_either(needle, needle, hay)
}

/// The end of the line starting `hay` (the index of its first `\n`, else
/// the length), its display columns (see [`columns`](crate::figures::columns))
/// and whether it holds a `*` (markdown bold: most texts have none, and then
/// no later pass need look for one): all from one reading of the bytes, 32
/// at a time with AVX2. The star test may also see bytes past the line
/// (the rest of its last block), which belong to the lines after it.
#[inline]
pub fn line_end(hay: &[u8]) -> LineEnd {
    #[cfg(target_arch = "x86_64")]
    if hay.len() >= 32 && std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2 (checked just above).
        let (i, cols, stars, end) = unsafe { line_end_avx2(hay) };
        if let Some(end) = end {
            return LineEnd {
                len: end,
                columns: cols,
                stars,
            };
        }
        let mut rest = line_end_bytewise(hay, i, cols);
        rest.stars |= stars;
        return rest;
    }
    line_end_bytewise(hay, 0, 0)
}

/// What [`line_end`] reads of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineEnd {
    /// The line's length in bytes.
    pub len: usize,
    /// Its display columns.
    pub columns: usize,
    /// A `*` is in the line (or, from a block read whole, just after it).
    pub stars: bool,
}

/// [`line_end`] from `i`, where `cols` columns come before.
#[inline]
fn line_end_bytewise(hay: &[u8], i: usize, cols: usize) -> LineEnd {
    let end = find_byte(b'\n', &hay[i..]).map_or(hay.len(), |k| i + k);
    LineEnd {
        len: end,
        columns: cols + crate::figures::columns(&hay[i..end]),
        stars: find_byte(b'*', &hay[i..end]).is_some(),
    }
}

/// The whole 32-byte blocks of [`line_end`]: (where they stop, the columns
/// before that, a `*` in the blocks read, the line's end if found in them).
///
/// SAFETY: the CPU must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn line_end_avx2(hay: &[u8]) -> (usize, usize, bool, Option<usize>) {
    use std::arch::x86_64::*;
    let newline = _mm256_set1_epi8(b'\n' as i8);
    let star = _mm256_set1_epi8(b'*' as i8);
    let zero = _mm256_setzero_si256();
    // Columns per lane, negated (see `column_marks_avx2`).
    let marks = |v: __m256i| crate::figures::column_marks_avx2(v);
    let lane_sum = |acc: __m256i| crate::figures::sum_bytes_avx2(acc);
    let (mut i, mut cols) = (0, 0);
    // Lanes that held a `*` in any block read.
    let mut stars = zero;
    // Each load reads hay[i..i + 32], which `i + 32 <= hay.len()` keeps in
    // bounds.
    while i + 32 <= hay.len() {
        // At most 2 per lane and block: 127 blocks fit in a u8.
        let mut acc = zero;
        let mut k = 0;
        while k < 127 && i + 32 <= hay.len() {
            let v = _mm256_loadu_si256(hay.as_ptr().add(i) as *const __m256i);
            stars = _mm256_or_si256(stars, _mm256_cmpeq_epi8(v, star));
            let found = _mm256_movemask_epi8(_mm256_cmpeq_epi8(v, newline)) as u32;
            if found != 0 {
                // Count only the lanes before the line break.
                let at = found.trailing_zeros() as usize;
                let before = _mm256_cmpgt_epi8(
                    _mm256_set1_epi8(at as i8),
                    _mm256_setr_epi8(
                        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
                        21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
                    ),
                );
                acc = _mm256_sub_epi8(acc, _mm256_and_si256(marks(v), before));
                let stars = _mm256_testz_si256(stars, stars) == 0;
                return (i, cols + lane_sum(acc), stars, Some(i + at));
            }
            acc = _mm256_sub_epi8(acc, marks(v));
            i += 32;
            k += 1;
        }
        cols += lane_sum(acc);
    }
    (i, cols, _mm256_testz_si256(stars, stars) == 0, None)
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

/// Index of the first colon, `:` or `：` (EF BC 9A), in `b`: matched whole,
/// so the many CJK characters with a 9A byte do not stop the search.
pub fn find_colon(b: &[u8]) -> Option<usize> {
    let mut i = 0;
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::*;
        // SAFETY: SSE2 is part of the x86-64 baseline; each block reads
        // b[i..i + 18], which `i + 18 <= b.len()` keeps in bounds.
        unsafe {
            let splat = |x: u8| _mm_set1_epi8(x as i8);
            let (colon, ef, bc, x9a) = (splat(b':'), splat(0xEF), splat(0xBC), splat(0x9A));
            while i + 18 <= b.len() {
                let p = b.as_ptr().add(i);
                let v0 = _mm_loadu_si128(p as *const __m128i);
                let v1 = _mm_loadu_si128(p.add(1) as *const __m128i);
                let v2 = _mm_loadu_si128(p.add(2) as *const __m128i);
                let wide = _mm_and_si128(
                    _mm_and_si128(_mm_cmpeq_epi8(v0, ef), _mm_cmpeq_epi8(v1, bc)),
                    _mm_cmpeq_epi8(v2, x9a),
                );
                let hit = _mm_or_si128(wide, _mm_cmpeq_epi8(v0, colon));
                let mask = _mm_movemask_epi8(hit) as u32;
                if mask != 0 {
                    return Some(i + mask.trailing_zeros() as usize);
                }
                i += 16;
            }
            // The last whole block again, from 18 bytes before the end: it
            // covers the starts the loop left (all but the last two, which
            // only a `:` can take), instead of a byte-by-byte look.
            if i > 0 && i + 2 < b.len() {
                i = b.len() - 18;
                let p = b.as_ptr().add(i);
                let v0 = _mm_loadu_si128(p as *const __m128i);
                let v1 = _mm_loadu_si128(p.add(1) as *const __m128i);
                let v2 = _mm_loadu_si128(p.add(2) as *const __m128i);
                let wide = _mm_and_si128(
                    _mm_and_si128(_mm_cmpeq_epi8(v0, ef), _mm_cmpeq_epi8(v1, bc)),
                    _mm_cmpeq_epi8(v2, x9a),
                );
                let hit = _mm_or_si128(wide, _mm_cmpeq_epi8(v0, colon));
                let mask = _mm_movemask_epi8(hit) as u32;
                if mask != 0 {
                    return Some(i + mask.trailing_zeros() as usize);
                }
                i += 16;
            }
        }
    }
    while i < b.len() {
        match b[i..] {
            [b':', ..] | [0xEF, 0xBC, 0x9A, ..] => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// Index of the first byte of `hay` that is `x` or `y`.
#[inline]
pub fn find_either(x: u8, y: u8, hay: &[u8]) -> Option<usize> {
    let (i, hit) = whole_blocks(x, y, hay);
    if hit.is_some() {
        return hit;
    }
    hay[i..]
        .iter()
        .position(|&b| b == x || b == y)
        .map(|k| i + k)
}

/// Searches `hay` sixteen bytes at a time for `x` or `y`: the first found,
/// or where the whole blocks end (the rest is for a byte-by-byte look).
#[cfg(target_arch = "x86_64")]
#[inline]
fn whole_blocks(x: u8, y: u8, hay: &[u8]) -> (usize, Option<usize>) {
    // Long searches (line breaks through a whole text) go 32 bytes at a
    // time where the CPU has AVX2.
    if hay.len() >= 64 && std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2 (checked just above).
        let (i, hit) = unsafe { whole_blocks_avx2(x, y, hay) };
        if hit.is_some() {
            return (i, hit);
        }
        let (j, hit) = whole_blocks_sse2(x, y, &hay[i..]);
        return (i + j, hit.map(|k| i + k));
    }
    whole_blocks_sse2(x, y, hay)
}

/// SAFETY: the CPU must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn whole_blocks_avx2(x: u8, y: u8, hay: &[u8]) -> (usize, Option<usize>) {
    use std::arch::x86_64::*;
    let mut i = 0;
    let (vx, vy) = (_mm256_set1_epi8(x as i8), _mm256_set1_epi8(y as i8));
    // Each load reads hay[i..i + 32], which `i + 32 <= hay.len()` keeps in
    // bounds.
    while i + 32 <= hay.len() {
        let v = _mm256_loadu_si256(hay.as_ptr().add(i) as *const __m256i);
        let hit = _mm256_or_si256(_mm256_cmpeq_epi8(v, vx), _mm256_cmpeq_epi8(v, vy));
        let mask = _mm256_movemask_epi8(hit) as u32;
        if mask != 0 {
            return (i, Some(i + mask.trailing_zeros() as usize));
        }
        i += 32;
    }
    (i, None)
}

#[cfg(target_arch = "x86_64")]
#[inline]
fn whole_blocks_sse2(x: u8, y: u8, hay: &[u8]) -> (usize, Option<usize>) {
    use std::arch::x86_64::*;
    let mut i = 0;
    // SAFETY: SSE2 is part of the x86-64 baseline; each load reads
    // hay[i..i + 16], which `i + 16 <= hay.len()` keeps in bounds.
    unsafe {
        let (vx, vy) = (_mm_set1_epi8(x as i8), _mm_set1_epi8(y as i8));
        while i + 16 <= hay.len() {
            let v = _mm_loadu_si128(hay.as_ptr().add(i) as *const __m128i);
            let hit = _mm_or_si128(_mm_cmpeq_epi8(v, vx), _mm_cmpeq_epi8(v, vy));
            let mask = _mm_movemask_epi8(hit) as u32;
            if mask != 0 {
                return (i, Some(i + mask.trailing_zeros() as usize));
            }
            i += 16;
        }
    }
    (i, None)
}

/// Eight bytes at a time in a machine word: where the first word that may
/// hold `x` or `y` starts (the rest is for a byte-by-byte look).
#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn whole_blocks(x: u8, y: u8, hay: &[u8]) -> (usize, Option<usize>) {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let has_zero_byte = |v: u64| v.wrapping_sub(LO) & !v & HI != 0;
    let (rx, ry) = (LO * u64::from(x), LO * u64::from(y));
    let mut i = 0;
    for word in hay.chunks_exact(8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        let v = u64::from_le_bytes(w);
        // A zero byte in `v ^ rx` is an `x` in the word.
        if has_zero_byte(v ^ rx) || has_zero_byte(v ^ ry) {
            return (i, None);
        }
        i += 8;
    }
    (i, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ends_and_columns() {
        let pieces = ["县", "a", " ", "é", "😀", "１", "—", "*"];
        for n in 0..200 {
            for tail in ["", "\n", "\nb", "\n\n县"] {
                let line: String = (0..n).map(|k| pieces[(k * 5 + n) % pieces.len()]).collect();
                let s = format!("{line}{tail}");
                let cols: usize = line
                    .chars()
                    .map(|c| if c.len_utf8() >= 3 { 2 } else { 1 })
                    .sum();
                let got = line_end(s.as_bytes());
                assert_eq!((got.len, got.columns), (line.len(), cols), "{s:?}");
                // Every star in the line is seen; one after it may be.
                if line.contains('*') {
                    assert!(got.stars, "{s:?}");
                }
                if !s.contains('*') {
                    assert!(!got.stars, "{s:?}");
                }
            }
        }
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
}
