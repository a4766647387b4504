//! One stable sort for every list of indices the page orders.
//!
//! `slice::sort_by` is generic over its comparator, so each call site puts
//! another few kilobytes of sorting code into the wasm. The page's lists are
//! short (a bulletin has tens of figures), so a merge sort taking the
//! comparator as `&mut dyn FnMut` is as fast in practice and ships once.
//! Long lists (the table of a large bulletin) sort by precomputed keys
//! instead: [`sort_by_keys`], [`sort_by_text`].

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`.
pub fn sort_indices(v: &mut Vec<usize>, cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut buf = v.clone();
    let mut width = 1;
    let n = v.len();
    // Bottom-up merge sort, ping-ponging between `v` and `buf`.
    let (mut src, mut dst) = (std::mem::take(v), std::mem::take(&mut buf));
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j, mut k) = (start, mid, start);
            while i < mid && j < end {
                // Equal keys take the left run first: stable.
                if cmp(src[j], src[i]) == Ordering::Less {
                    dst[k] = src[j];
                    j += 1;
                } else {
                    dst[k] = src[i];
                    i += 1;
                }
                k += 1;
            }
            dst[k..k + (mid - i)].copy_from_slice(&src[i..mid]);
            k += mid - i;
            dst[k..k + (end - j)].copy_from_slice(&src[j..end]);
            start = end;
        }
        std::mem::swap(&mut src, &mut dst);
        width *= 2;
    }
    *v = src;
}

/// A row's sort key, for [`sort_by_keys`]: rows with equal keys keep their
/// order. Made from the row's cell so that unsigned order is cell order.
pub type SortKey = u64;

/// The key of a number: unsigned order of the keys is `f64::total_cmp` order.
pub fn number_key(v: f64) -> SortKey {
    let bits = v.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

/// The first eight bytes of `s`, big-endian: unsigned order of the keys is
/// the order of those prefixes (UTF-8 byte order is code-point order, as
/// `str::cmp`). Strings longer than that are told apart by
/// [`sort_by_text`].
pub fn prefix_key(s: &str) -> SortKey {
    let mut bytes = [0u8; 8];
    let n = s.len().min(8);
    bytes[..n].copy_from_slice(&s.as_bytes()[..n]);
    u64::from_be_bytes(bytes)
}

/// Row indices ordered by key (descending reverses the keys, not the ties):
/// keyed rows first, rows whose cell is empty (`None`) after them in either
/// direction, ties in the order given.
///
/// An LSD radix sort over compact `(key, row)` pairs: a large bulletin's
/// table has tens of thousands of rows, and a comparison sort through the
/// rows themselves (scattered in memory, compared through a closure) froze
/// the page for some 200 ms. This takes a few passes over one array.
pub fn sort_by_keys(keys: impl Iterator<Item = Option<SortKey>>, descending: bool) -> Vec<usize> {
    let (mut keyed, empty) = split_keys(keys, descending);
    radix_sort(&mut keyed);
    keyed
        .iter()
        .map(|&(_, i)| i as usize)
        .chain(empty)
        .collect()
}

/// As [`sort_by_keys`] for text cells: keys by [`prefix_key`], then each
/// run of equal prefixes ordered by the whole text (stable).
pub fn sort_by_text(cells: &[Option<&str>], descending: bool) -> Vec<usize> {
    let keys = cells.iter().map(|c| c.map(prefix_key));
    let (mut keyed, empty) = split_keys(keys, descending);
    radix_sort(&mut keyed);
    let mut out: Vec<usize> = keyed.iter().map(|&(_, i)| i as usize).collect();
    let text = |i: usize| cells[i].unwrap_or_default();
    let mut start = 0;
    while start < keyed.len() {
        let end = start
            + keyed[start..]
                .iter()
                .take_while(|p| p.0 == keyed[start].0)
                .count();
        let run = &mut out[start..end];
        // Runs of one text (the figures of one item share its headline)
        // are already in order.
        if run.iter().any(|&i| text(i) != text(run[0])) {
            let mut sorted = run.to_vec();
            sort_indices(&mut sorted, &mut |a, b| {
                let o = text(a).cmp(text(b));
                if descending {
                    o.reverse()
                } else {
                    o
                }
            });
            run.copy_from_slice(&sorted);
        }
        start = end;
    }
    out.extend(empty);
    out
}

/// `(key, row)` pairs of the keyed rows (keys reversed when descending, so
/// ties still keep their order), and the rows without a key.
fn split_keys(
    keys: impl Iterator<Item = Option<SortKey>>,
    descending: bool,
) -> (Vec<(SortKey, u32)>, Vec<usize>) {
    let mut keyed = Vec::new();
    let mut empty = Vec::new();
    for (i, key) in keys.enumerate() {
        match key {
            Some(k) => keyed.push((if descending { !k } else { k }, i as u32)),
            None => empty.push(i),
        }
    }
    (keyed, empty)
}

/// Stable sort of `(key, row)` pairs by key: a byte per pass, least
/// significant first, skipping bytes all keys share.
fn radix_sort(pairs: &mut Vec<(SortKey, u32)>) {
    let mut buf = vec![(0, 0); pairs.len()];
    for shift in (0..64).step_by(8) {
        let mut counts = [0usize; 256];
        for &(k, _) in pairs.iter() {
            counts[(k >> shift) as usize & 0xff] += 1;
        }
        if counts.contains(&pairs.len()) {
            continue;
        }
        let mut at = 0;
        for c in counts.iter_mut() {
            let n = *c;
            *c = at;
            at += n;
        }
        for &p in pairs.iter() {
            let d = (p.0 >> shift) as usize & 0xff;
            buf[counts[d]] = p;
            counts[d] += 1;
        }
        std::mem::swap(pairs, &mut buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_and_keeps_equal_keys_in_order() {
        let keys = [5, 1, 4, 1, 5, 9, 2, 6, 5, 3];
        let mut v: Vec<usize> = (0..keys.len()).collect();
        sort_indices(&mut v, &mut |a, b| keys[a].cmp(&keys[b]));
        assert_eq!(v, vec![1, 3, 6, 9, 2, 0, 4, 8, 7, 5]);
    }

    #[test]
    fn matches_the_standard_stable_sort() {
        // A deterministic pseudo-random sequence, many lengths.
        let mut seed = 12345u32;
        for len in 0..70 {
            let keys: Vec<u32> = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    (seed >> 16) % 7
                })
                .collect();
            let mut ours: Vec<usize> = (0..len).collect();
            sort_indices(&mut ours, &mut |a, b| keys[a].cmp(&keys[b]));
            let mut std: Vec<usize> = (0..len).collect();
            std.sort_by_key(|&i| keys[i]);
            assert_eq!(ours, std, "len {len}");
        }
    }

    /// Pseudo-random values, deterministic.
    fn noise(n: usize, seed: &mut u32) -> Vec<u32> {
        (0..n)
            .map(|_| {
                *seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                *seed >> 8
            })
            .collect()
    }

    #[test]
    fn number_keys_order_as_total_cmp() {
        let values = [
            3.5,
            -0.0,
            0.0,
            -2.0,
            1e300,
            -1e300,
            7.0,
            0.25,
            -0.25,
            f64::INFINITY,
            f64::NEG_INFINITY,
            12.0,
        ];
        for a in values {
            for b in values {
                assert_eq!(
                    number_key(a).cmp(&number_key(b)),
                    a.total_cmp(&b),
                    "{a} vs {b}"
                );
            }
        }
    }

    #[test]
    fn keyed_sort_matches_a_stable_comparison_sort_both_ways() {
        let mut seed = 7;
        for len in [0usize, 1, 2, 9, 300, 5000] {
            let raw = noise(len, &mut seed);
            // Few distinct values (many ties), some empty cells, signs.
            let cells: Vec<Option<f64>> = raw
                .iter()
                .map(|&r| {
                    (r % 11 != 0).then(|| (r % 97) as f64 * if r % 3 == 0 { -1.5 } else { 1.0 })
                })
                .collect();
            for descending in [false, true] {
                let ours = sort_by_keys(cells.iter().map(|c| c.map(number_key)), descending);
                let mut expected: Vec<usize> = (0..len).collect();
                expected.sort_by(|&a, &b| match (cells[a], cells[b]) {
                    (Some(x), Some(y)) if descending => y.total_cmp(&x),
                    (Some(x), Some(y)) => x.total_cmp(&y),
                    (Some(_), None) => Ordering::Less,
                    (None, Some(_)) => Ordering::Greater,
                    (None, None) => Ordering::Equal,
                });
                assert_eq!(ours, expected, "len {len}, descending {descending}");
            }
        }
    }

    #[test]
    fn text_sort_matches_a_stable_comparison_sort_both_ways() {
        // Texts that share long prefixes (the 8-byte key cannot tell them
        // apart), texts that are prefixes of others, repeats, empty cells.
        let words = [
            "一般公共预算收入",
            "一般公共预算支出",
            "一般",
            "",
            "税收收入",
            "一般公共预算收入增长",
            "GDP",
            "gdp",
            "一般公共",
        ];
        let mut seed = 3;
        let raw = noise(2000, &mut seed);
        let cells: Vec<Option<&str>> = raw
            .iter()
            .map(|&r| (r % 13 != 0).then(|| words[r as usize % words.len()]))
            .collect();
        for descending in [false, true] {
            let ours = sort_by_text(&cells, descending);
            let mut expected: Vec<usize> = (0..cells.len()).collect();
            expected.sort_by(|&a, &b| match (cells[a], cells[b]) {
                (Some(x), Some(y)) if descending => y.cmp(x),
                (Some(x), Some(y)) => x.cmp(y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            });
            assert_eq!(ours, expected, "descending {descending}");
        }
    }
}
