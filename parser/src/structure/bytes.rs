//! Byte searches for the structure passes, which look for one ASCII byte
//! (a line break, a space) through long runs of CJK text: sixteen bytes at
//! a time with SSE2 (part of every x86-64), eight at a time in a machine
//! word elsewhere (WebAssembly).

/// Index of the first `needle` in `hay`.
#[inline]
pub fn find_byte(needle: u8, hay: &[u8]) -> Option<usize> {
    let i = skip_blocks_without(needle, hay);
    hay[i..].iter().position(|&x| x == needle).map(|k| i + k)
}

/// The start of the first block of `hay` that may hold `needle`: every
/// byte before it is something else. The rest is searched byte by byte.
#[cfg(target_arch = "x86_64")]
#[inline]
fn skip_blocks_without(needle: u8, hay: &[u8]) -> usize {
    use std::arch::x86_64::*;
    let mut i = 0;
    // SAFETY: SSE2 is part of the x86-64 baseline; each load reads
    // hay[i..i + 16], which `i + 16 <= hay.len()` keeps in bounds.
    unsafe {
        let n = _mm_set1_epi8(needle as i8);
        while i + 16 <= hay.len() {
            let v = _mm_loadu_si128(hay.as_ptr().add(i) as *const __m128i);
            if _mm_movemask_epi8(_mm_cmpeq_epi8(v, n)) != 0 {
                return i;
            }
            i += 16;
        }
    }
    i
}

#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn skip_blocks_without(needle: u8, hay: &[u8]) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let repeated = LO * u64::from(needle);
    let mut i = 0;
    for word in hay.chunks_exact(8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        let x = u64::from_le_bytes(w) ^ repeated;
        // A zero byte in `x` is a `needle` in the word.
        if x.wrapping_sub(LO) & !x & HI != 0 {
            return i;
        }
        i += 8;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
