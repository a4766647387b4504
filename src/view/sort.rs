//! One stable sort for every list of indices the page orders.
//!
//! `slice::sort_by` is generic over its comparator, so each call site puts
//! another few kilobytes of sorting code into the wasm. The page's lists are
//! short (a bulletin has tens of figures), so a merge sort taking the
//! comparator as `&mut dyn FnMut` is as fast in practice and ships once.

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
}
