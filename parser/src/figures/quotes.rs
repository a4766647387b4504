//! Quoted text is a name, not a quantity: `“五清单”`, `《…方案》`, `「…」`.
//! The scanner jumps over a quotation whole when its closing mark is near.

use crate::bytes::find_any_of4;

/// How far a quotation may run before its opening mark is taken to be
/// unbalanced (a stray quote must not hide the rest of the body).
const QUOTE_REACH: usize = 400;

/// Remembers, per closing mark, how far a failed search for it got, so a run
/// of unbalanced opening marks costs linear time, not quadratic.
#[derive(Default)]
pub struct QuoteMemo {
    no_close_until: [usize; 10],
}

impl QuoteMemo {
    /// When `open` at byte `i` has its closing mark within reach (same line),
    /// the byte after that mark.
    pub fn skip(&mut self, s: &str, i: usize, open: char) -> Option<usize> {
        let (close, slot) = match open {
            '“' => ("”", 0),
            '‘' => ("’", 1),
            '「' => ("」", 2),
            '『' => ("』", 3),
            '《' => ("》", 4),
            '〈' => ("〉", 5),
            '＂' => ("＂", 6),
            '"' => ("\"", 7),
            // An apostrophe is a quote only around a short name.
            '\'' => ("'", 8),
            '＇' => ("＇", 9),
            _ => return None,
        };
        let from = i + open.len_utf8();
        if from < self.no_close_until[slot] {
            return None;
        }
        let reach = if open == '\'' { 60 } else { QUOTE_REACH };
        let rest = s.get(from..)?.as_bytes();
        let mut depth = 1;
        let mut saw_close = false;
        let close_bytes = close.as_bytes();
        // The opening mark as written at `i`.
        let open_bytes = s.as_bytes().get(i..from)?;
        // Only characters starting at `reach` bytes or before are read.
        // Every byte looked for is a first byte (or a line break), so a
        // byte match is a character boundary: the bytes are searched a word
        // at a time, not stepped through a character at a time.
        let limit = rest.len().min(reach + 1);
        let mut k = 0;
        while let Some(h) = next_mark(rest, k, limit, close_bytes[0], open_bytes[0]) {
            let x = rest[h];
            if x == b'\n' || x == b'\r' {
                if !saw_close {
                    self.no_close_until[slot] = from + h;
                }
                return None;
            }
            if x == close_bytes[0] && rest[h..].starts_with(close_bytes) {
                saw_close = true;
                depth -= 1;
                if depth == 0 {
                    return Some(from + h + close_bytes.len());
                }
            } else if x == open_bytes[0] && rest[h..].starts_with(open_bytes) {
                depth += 1;
            }
            k = h + 1;
        }
        // Out of reach, or at the end of the text. (A character-by-character
        // walk would stop at the first character starting past `reach`: no
        // character starts between `limit` and it, so the same later
        // searches are ruled out.)
        if !saw_close {
            self.no_close_until[slot] = if limit == rest.len() {
                s.len()
            } else {
                from + limit
            };
        }
        None
    }
}

/// The first byte of `b[k..limit]` that is `a`, `c` or a line break
/// (`limit <= b.len()`).
#[inline]
fn next_mark(b: &[u8], k: usize, limit: usize, a: u8, c: u8) -> Option<usize> {
    find_any_of4(b, k, limit, [a, c, b'\n', b'\r'])
}
