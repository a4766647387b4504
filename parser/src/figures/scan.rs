//! The single pass over a body that finds every figure.
//!
//! The loop steps one character at a time and does almost nothing per
//! character: a 256-entry table on the lead byte says how long the
//! character is and whether it can matter at all. Most CJK characters have
//! a lead byte no figure, quote or clause mark starts with, and are stepped
//! over on that alone; for the few lead bytes that numerals and punctuation
//! share (E2 E3 E4 E5 E7 EF), the commonest clause marks are told from
//! their bytes, and a 64-slot table keyed on all three bytes (`STOPS`)
//! decides the rest and says what to do. Only there does it parse, forwards
//! and backwards, never further than a few characters. Character offsets
//! are counted only when a figure is found (`Out::chars_before`), from the
//! last one on.
//!
//! Quoted text (`“五清单”`, `《…方案》`, `「…」`) is jumped over whole: what is
//! inside quotes is a name, not a quantity.

use super::arabic::number;
use super::chars::{at, is_sentence_break};
use super::chinese::{chinese, percent_words};
use super::context::Clauses;
use super::found::Found;
use super::out::Out;
use super::quotes::QuoteMemo;
use super::skip::{Skipper, CANDIDATE_CHARS};

/// What the scanner does at a byte that starts a character.
const SKIP1: u8 = 1;
const SKIP2: u8 = 2;
const SKIP3: u8 = 3;
const SKIP4: u8 = 4;
/// A three-byte character whose lead byte some candidate shares.
const CHECK3: u8 = 5;
/// An ASCII byte that starts something: a digit, a quote, clause punctuation.
const ASCII: u8 = 6;

const fn lead_classes() -> [u8; 256] {
    let mut t = [SKIP1; 256];
    let mut x = 0xC0;
    while x < 0x100 {
        t[x] = match x {
            0xC0..=0xDF => SKIP2,
            0xE0..=0xEF => SKIP3,
            0xF0..=0xF7 => SKIP4,
            _ => SKIP1, // never a lead byte in valid UTF-8
        };
        x += 1;
    }
    let mut k = 0;
    while k < CANDIDATE_CHARS.len() {
        t[0xE0 | (CANDIDATE_CHARS[k] as u32 >> 12) as usize] = CHECK3;
        k += 1;
    }
    let ascii = b"0123456789\"',;:!?\n\r";
    let mut k = 0;
    while k < ascii.len() {
        t[ascii[k] as usize] = ASCII;
        k += 1;
    }
    t
}

static LEAD: [u8; 256] = lead_classes();

/// What the scan does at a candidate character.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Action {
    /// Clause punctuation: ends a clause (`sentence`: and the sentence).
    Break { sentence: bool },
    /// `、`: ends a list item.
    List,
    /// A full-width digit: an Arabic number starts.
    Number,
    /// `百`: `百分之…` or a Chinese numeral.
    Hundred,
    /// Any other Chinese numeral.
    Numeral,
    /// An opening quote (`quotes.skip` tells which).
    Quote,
}

/// A candidate's three bytes as one key, its character and its action.
#[derive(Clone, Copy)]
struct Stop {
    key: u32,
    c: char,
    action: Action,
}

/// The action for candidate `c` (what a test checks against
/// `is_clause_break`, `is_sentence_break` and the numeral readers).
const fn action_of(c: char) -> Action {
    match c {
        '，' | '：' => Action::Break { sentence: false },
        '。' | '；' | '！' | '？' => Action::Break { sentence: true },
        '、' => Action::List,
        '０'..='９' => Action::Number,
        '百' => Action::Hundred,
        '一' | '二' | '两' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '千'
        | '万' | '亿' => Action::Numeral,
        _ => Action::Quote,
    }
}

/// Slots of the candidate lookup: a multiplicative hash of the three bytes,
/// the multiplier found (offline) to give each candidate its own slot.
const STOP_SLOTS: usize = 64;

#[inline(always)]
const fn stop_slot(key: u32) -> usize {
    (key.wrapping_mul(0x5AD5_0343) >> 26) as usize
}

/// Each candidate in its slot; empty slots hold a key no three bytes of a
/// character give. Fails to build when two candidates share a slot.
static STOPS: [Stop; STOP_SLOTS] = {
    let mut t = [Stop {
        key: u32::MAX,
        c: '\0',
        action: Action::Quote,
    }; STOP_SLOTS];
    let mut k = 0;
    while k < CANDIDATE_CHARS.len() {
        let c = CANDIDATE_CHARS[k];
        let cp = c as u32;
        let key =
            ((0xE0 | (cp >> 12)) << 16) | ((0x80 | ((cp >> 6) & 0x3F)) << 8) | (0x80 | (cp & 0x3F));
        let slot = stop_slot(key);
        assert!(t[slot].key == u32::MAX, "two candidates share a slot");
        t[slot] = Stop {
            key,
            c,
            action: action_of(c),
        };
        k += 1;
    }
    t
};

/// Every figure in `s`, in order, handed to `sink` as it is found.
pub fn scan(s: &str, sink: impl FnMut(&Found)) {
    let b = s.as_bytes();
    let n = b.len();
    let mut out = Out {
        sink,
        clauses: Clauses::default(),
        counted: (0, 0),
    };
    let mut quotes = QuoteMemo::default();
    let mut skip = Skipper::new();
    let mut i = 0;
    loop {
        i = skip.next(b, i);
        let Some(&b0) = b.get(i) else { break };
        let next = match LEAD[b0 as usize] {
            SKIP3 => {
                i += 3;
                continue;
            }
            CHECK3 => {
                // A three-byte lead byte in a `str`: two more bytes follow.
                let Some(&[_, b1, b2]) = b.get(i..i + 3) else {
                    break;
                };
                if let Some(mark) = common_mark(b0, b1, b2) {
                    match mark {
                        Mark::Clause => out.clauses.on_break(s, i, 3, false),
                        Mark::Sentence => out.clauses.on_break(s, i, 3, true),
                        Mark::List => out.clauses.on_list_break(i + 3),
                    }
                    i += 3;
                    continue;
                }
                let key = (u32::from(b0) << 16) | (u32::from(b1) << 8) | u32::from(b2);
                let stop = &STOPS[stop_slot(key)];
                if stop.key != key {
                    i += 3;
                    continue;
                }
                act(s, i, stop, &mut out, &mut quotes)
            }
            ASCII => match b0 {
                b'0'..=b'9' => Some(number(s, i, &mut out)),
                b'"' | b'\'' => quotes.skip(s, i, b0 as char),
                _ => {
                    // , ; : ! ? \n \r
                    out.clauses.on_break(s, i, 1, is_sentence_break(b0 as char));
                    None
                }
            },
            step => {
                i += usize::from(step);
                continue;
            }
        };
        i = match next {
            Some(j) if j > i => j,
            _ => i + utf8_len(b0),
        };
    }
    debug_assert!(i >= n);
}

/// Clause punctuation the scan only has to note.
enum Mark {
    Clause,
    Sentence,
    List,
}

/// `，` `。` `；` `、`, three in four of the marks the scan stops at, told
/// from their bytes before the table lookup (what `act` would do with them).
#[inline(always)]
fn common_mark(b0: u8, b1: u8, b2: u8) -> Option<Mark> {
    match (b0, b1, b2) {
        (0xEF, 0xBC, 0x8C) => Some(Mark::Clause),   // ，
        (0xE3, 0x80, 0x82) => Some(Mark::Sentence), // 。
        (0xEF, 0xBC, 0x9B) => Some(Mark::Sentence), // ；
        (0xE3, 0x80, 0x81) => Some(Mark::List),     // 、
        _ => None,
    }
}

#[inline]
fn utf8_len(b0: u8) -> usize {
    match b0 {
        0..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xFF => 4,
        _ => 1, // a continuation byte never starts a step of a valid string
    }
}

#[inline(always)]
fn act(
    s: &str,
    i: usize,
    stop: &Stop,
    out: &mut Out<impl FnMut(&Found)>,
    quotes: &mut QuoteMemo,
) -> Option<usize> {
    match stop.action {
        Action::Break { sentence } => {
            out.clauses.on_break(s, i, 3, sentence);
            None
        }
        Action::List => {
            out.clauses.on_list_break(i + 3);
            None
        }
        Action::Number => Some(number(s, i, out)),
        Action::Hundred if at(s, i, "百分之") => Some(percent_words(s, i, out)),
        Action::Hundred | Action::Numeral => Some(chinese(s, i, stop.c, out)),
        Action::Quote => quotes.skip(s, i, stop.c),
    }
}

#[cfg(test)]
mod tests {
    use super::super::chars::is_clause_break;
    use super::*;

    /// The shortcut for common marks does what `dispatch` does with them.
    /// Each candidate's action is what the character rules say, and the
    /// table finds exactly the candidates.
    #[test]
    fn stops_hold_each_candidate_with_its_action() {
        for c in CANDIDATE_CHARS {
            let want = if is_clause_break(c) {
                Action::Break {
                    sentence: is_sentence_break(c),
                }
            } else if c == '、' {
                Action::List
            } else if ('０'..='９').contains(&c) {
                Action::Number
            } else if c == '百' {
                Action::Hundred
            } else if crate::numerals::cn_digit(c).is_some()
                || crate::numerals::cn_multiplier(c).is_some()
            {
                Action::Numeral
            } else {
                Action::Quote
            };
            assert_eq!(action_of(c), want, "{c:?}");
        }
        for c in (0x800..0x10000).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            let key = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            let stop = &STOPS[stop_slot(key)];
            let found = stop.key == key;
            assert_eq!(found, CANDIDATE_CHARS.contains(&c), "{c:?}");
            if found {
                assert_eq!(stop.c, c);
            }
        }
    }

    #[test]
    fn common_marks_are_read_as_dispatch_reads_them() {
        for c in CANDIDATE_CHARS {
            let mut buf = [0u8; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            let want = if is_clause_break(c) {
                Some(if is_sentence_break(c) {
                    "sentence"
                } else {
                    "clause"
                })
            } else if c == '、' {
                Some("list")
            } else {
                None
            };
            let got = common_mark(b[0], b[1], b[2]).map(|m| match m {
                Mark::Clause => "clause",
                Mark::Sentence => "sentence",
                Mark::List => "list",
            });
            if got.is_some() {
                assert_eq!(got, want, "{c:?}");
            }
        }
        for c in ['，', '。', '；', '、'] {
            let mut buf = [0u8; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            assert!(common_mark(b[0], b[1], b[2]).is_some(), "{c:?}");
        }
    }
}
