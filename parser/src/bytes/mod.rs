//! Byte searches for the structure passes, which look for one ASCII byte
//! (a line break, a space) through long runs of CJK text: sixteen bytes at
//! a time with SSE2 (part of every x86-64), eight at a time in a machine
//! word elsewhere (WebAssembly).

/// Index of the first `needle` in `hay`.
#[inline]
pub fn find_byte(needle: u8, hay: &[u8]) -> Option<usize> {
    find_either(needle, needle, hay)
}

/// Calls `f(start, end, columns)` for every line of `hay`, in order: its
/// byte range (`end` is its `\n`, or the length for the last line, which
/// may be empty) and its display columns (see
/// [`columns`](crate::figures::columns)). Returns whether `hay` holds a
/// `*` (markdown bold: most texts have none, and then no later pass need
/// look for one). All from one reading of the bytes, 32 at a time with
/// AVX2: a line costs its bytes and a few operations, not a call of its own.
#[inline]
pub fn for_each_line(hay: &[u8], mut f: impl FnMut(usize, usize, usize)) -> bool {
    #[cfg(target_arch = "x86_64")]
    let avx2 = std::arch::is_x86_feature_detected!("avx2");
    // The scan fills a buffer and `f` runs between fillings: called inside
    // the vector loop, it would spill the loop's registers at every line.
    let mut scan = LineScan::default();
    let mut found = [(0, 0, 0); LINE_BATCH + 32];
    while !scan.done {
        #[cfg(target_arch = "x86_64")]
        let n = if avx2 && scan.at + 32 <= hay.len() {
            // SAFETY: the CPU has AVX2 (checked above).
            unsafe { scan.next_avx2(hay, &mut found) }
        } else {
            scan.next_bytewise(hay, &mut found)
        };
        #[cfg(not(target_arch = "x86_64"))]
        let n = scan.next_bytewise(hay, &mut found);
        for &(start, end, columns) in &found[..n] {
            f(start, end, columns);
        }
    }
    scan.stars
}

/// Lines found in one go by a [`LineScan`], at least (the vector scan
/// stops after the 32-byte block that reaches this many, which adds at
/// most 32).
const LINE_BATCH: usize = 64;

/// Where [`for_each_line`] stands between batches: at byte `at`, inside
/// the line that starts at `line_start` with `cols` columns before `at`.
#[derive(Default)]
struct LineScan {
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
            let columns = self.cols + crate::figures::columns(&hay[i..end]);
            found[n] = (self.line_start, end, columns);
            n += 1;
            self.stars |= find_byte(b'*', &hay[i..end]).is_some();
            self.done = end == hay.len();
            (self.line_start, self.at, self.cols) = (end + 1, end + 1, 0);
        }
        n
    }

    /// The next lines into `found`, as (start, end, columns), from the
    /// whole 32-byte blocks ahead (the last bytes are for
    /// [`next_bytewise`](Self::next_bytewise)); how many.
    ///
    /// SAFETY: the CPU must have AVX2.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn next_avx2(&mut self, hay: &[u8], found: &mut [(usize, usize, usize)]) -> usize {
        use std::arch::x86_64::*;
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
        let lane_sum = |acc: __m256i| crate::figures::sum_bytes_avx2(acc);
        let mut n = 0;
        // The current line's columns over the last `blocks` blocks, per
        // lane (the rest are in `self.cols`).
        let (mut acc, mut blocks) = (zero, 0);
        // Lanes that held a `*`.
        let mut stars = zero;
        let mut i = self.at;
        // Each load reads hay[i..i + 32], which `i + 32 <= hay.len()` keeps
        // in bounds.
        while i + 32 <= hay.len() && n < LINE_BATCH {
            let v = _mm256_loadu_si256(hay.as_ptr().add(i) as *const __m256i);
            stars = _mm256_or_si256(stars, _mm256_cmpeq_epi8(v, star));
            // Columns per lane, negated (see `column_marks_avx2`): at most
            // 2 a lane and block, so 127 blocks fit in a u8 lane.
            let marks = crate::figures::column_marks_avx2(v);
            if blocks == 127 {
                self.cols += lane_sum(acc);
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
                    found[n] = (self.line_start, end, self.cols + lane_sum(acc));
                    n += 1;
                    (self.line_start, self.cols, acc, blocks) = (end + 1, 0, zero, 0);
                    from = at + 1;
                    breaks &= breaks - 1;
                }
                acc = _mm256_sub_epi8(acc, _mm256_andnot_si256(below(from), marks));
            }
            blocks += 1;
            i += 32;
        }
        self.at = i;
        self.cols += lane_sum(acc);
        self.stars |= _mm256_testz_si256(stars, stars) == 0;
        n
    }
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
            // Starts of `:` or `：` (EF BC 9A) among the 16 at `at`.
            let block = |at: usize| {
                let p = b.as_ptr().add(at);
                let v0 = _mm_loadu_si128(p as *const __m128i);
                let v1 = _mm_loadu_si128(p.add(1) as *const __m128i);
                let v2 = _mm_loadu_si128(p.add(2) as *const __m128i);
                let wide = _mm_and_si128(
                    _mm_and_si128(_mm_cmpeq_epi8(v0, ef), _mm_cmpeq_epi8(v1, bc)),
                    _mm_cmpeq_epi8(v2, x9a),
                );
                let hit = _mm_or_si128(wide, _mm_cmpeq_epi8(v0, colon));
                _mm_movemask_epi8(hit) as u32
            };
            while i + 18 <= b.len() {
                let mask = block(i);
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
                let mask = block(i);
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
}
