//! Quoted text is a name, not a quantity: `“五清单”`, `《…方案》`, `「…」`.
//! The scanner jumps over a quotation whole when its closing mark is near.

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
            '“' => ('”', 0),
            '‘' => ('’', 1),
            '「' => ('」', 2),
            '『' => ('』', 3),
            '《' => ('》', 4),
            '〈' => ('〉', 5),
            '＂' => ('＂', 6),
            '"' => ('"', 7),
            // An apostrophe is a quote only around a short name.
            '\'' => ('\'', 8),
            '＇' => ('＇', 9),
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
        let (mut close_buf, mut open_buf) = ([0u8; 4], [0u8; 4]);
        let close_bytes = close.encode_utf8(&mut close_buf).as_bytes();
        let open_bytes = open.encode_utf8(&mut open_buf).as_bytes();
        // On bytes, a character at a time (its length from its first byte).
        let mut k = 0;
        while let Some(&x) = rest.get(k) {
            let step = match x {
                0xF0.. => 4,
                0xE0.. => 3,
                0xC0.. => 2,
                _ => 1,
            };
            if k > reach || x == b'\n' || x == b'\r' {
                if !saw_close {
                    self.no_close_until[slot] = from + k;
                }
                return None;
            }
            if x == close_bytes[0] && rest[k..].starts_with(close_bytes) {
                saw_close = true;
                depth -= 1;
                if depth == 0 {
                    return Some(from + k + close_bytes.len());
                }
            } else if x == open_bytes[0] && rest[k..].starts_with(open_bytes) {
                depth += 1;
            }
            k += step;
        }
        if !saw_close {
            self.no_close_until[slot] = s.len();
        }
        None
    }
}
