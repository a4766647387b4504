//! The single pass over a body that finds every figure.
//!
//! The loop steps one character at a time and does almost nothing per
//! character: a 256-entry table on the lead byte says how long the
//! character is and whether it can matter at all. Most CJK characters have
//! a lead byte no figure, quote or clause mark starts with, and are stepped
//! over on that alone; at the few lead bytes that numerals and punctuation
//! share, the character is decoded and one `match` on it ([`action_of`])
//! says what to do. Only there does it parse, forwards and backwards, never
//! further than a few characters. Character offsets
//! are counted only when a figure is found (`Out::chars_before`), from the
//! last one on.
//!
//! Quoted text (`“五清单”`, `《…方案》`, `「…」`) is jumped over whole: what is
//! inside quotes is a name, not a quantity.

use super::arabic::number;
use super::chars::{at, char_at, is_sentence_break};
use super::chinese::{chinese, percent_words};
use super::context::Clauses;
use super::found::Found;
use super::out::Out;
use super::quotes::QuoteMemo;
use super::skip::{Skipper, CANDIDATE_CHARS};
use crate::bytes::{first_byte, lead_len, utf8_3, CharSet};

/// What the scanner does at a byte that starts a character: step over it
/// (1 to 4, its length; `SKIP3` the common case of CJK), or:
const SKIP1: u8 = 1;
const SKIP3: u8 = 3;
/// A three-byte character whose lead byte some candidate shares.
const CHECK3: u8 = 5;
/// An ASCII byte that starts something: a digit, a quote, clause punctuation.
const ASCII: u8 = 6;

const fn lead_classes() -> [u8; 256] {
    // The length of the character each byte starts (1 for bytes that start
    // none: continuation bytes are never stepped on).
    let mut t = [SKIP1; 256];
    let mut x = 0;
    while x < 256 {
        t[x] = lead_len(x as u8) as u8;
        x += 1;
    }
    let mut k = 0;
    while k < CANDIDATE_CHARS.len() {
        t[first_byte(CANDIDATE_CHARS[k]) as usize] = CHECK3;
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

/// The action for character `c`: `None` for every character but the
/// candidates (`CANDIDATE_CHARS`; a test checks the two agree, and that
/// each action is what `is_clause_break`, `is_sentence_break` and the
/// numeral readers say).
#[inline(always)]
const fn action_of(c: char) -> Option<Action> {
    Some(match c {
        '，' | '：' => Action::Break { sentence: false },
        '。' | '；' | '！' | '？' => Action::Break { sentence: true },
        '、' => Action::List,
        '０'..='９' => Action::Number,
        '百' => Action::Hundred,
        '一' | '二' | '两' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '千'
        | '万' | '亿' => Action::Numeral,
        '“' | '‘' | '「' | '『' | '《' | '〈' | '＂' | '＇' => Action::Quote,
        _ => return None,
    })
}

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
                // The commonest marks first, then one bit of the set of
                // candidates, before the character is decoded.
                if let Some(mark) = common_mark([b0, b1, b2]) {
                    match mark {
                        Mark::Clause => out.clauses.on_break(s, i, 3, false),
                        Mark::Sentence => out.clauses.on_break(s, i, 3, true),
                        Mark::List => out.clauses.on_list_break(i + 3),
                    }
                    i += 3;
                    continue;
                }
                if !CANDIDATES.contains3(b0, b1, b2) {
                    i += 3;
                    continue;
                }
                let Some((c, _)) = char_at(s, i) else { break };
                let Some(action) = action_of(c) else {
                    i += 3;
                    continue;
                };
                act(s, i, c, action, &mut out, &mut quotes)
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
            _ => i + lead_len(b0),
        };
    }
    debug_assert!(i >= n);
}

/// Every candidate, as a set (one bit test on a character's bytes).
static CANDIDATES: CharSet = CharSet::new(&CANDIDATE_CHARS);

/// Clause punctuation the scan only has to note.
enum Mark {
    Clause,
    Sentence,
    List,
}

const COMMA: [u8; 3] = utf8_3('，');
const FULL_STOP: [u8; 3] = utf8_3('。');
const SEMICOLON: [u8; 3] = utf8_3('；');
const LIST_COMMA: [u8; 3] = utf8_3('、');

/// `，` `。` `；` `、`, three in four of the marks the scan stops at, told
/// from their bytes before anything else (what `act` would do with them).
#[inline(always)]
fn common_mark(bytes: [u8; 3]) -> Option<Mark> {
    match bytes {
        COMMA => Some(Mark::Clause),
        FULL_STOP | SEMICOLON => Some(Mark::Sentence),
        LIST_COMMA => Some(Mark::List),
        _ => None,
    }
}

#[inline(always)]
fn act(
    s: &str,
    i: usize,
    c: char,
    action: Action,
    out: &mut Out<impl FnMut(&Found)>,
    quotes: &mut QuoteMemo,
) -> Option<usize> {
    match action {
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
        Action::Hundred | Action::Numeral => Some(chinese(s, i, c, out)),
        Action::Quote => quotes.skip(s, i, c),
    }
}

#[cfg(test)]
mod tests {
    use super::super::chars::is_clause_break;
    use super::*;

    /// Each candidate's action is what the character rules say, and
    /// `action_of` acts on exactly the candidates.
    #[test]
    fn each_candidate_has_its_action_and_no_other_character_one() {
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
            assert_eq!(action_of(c), Some(want), "{c:?}");
        }
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(
                action_of(c).is_some(),
                CANDIDATE_CHARS.contains(&c),
                "{c:?}"
            );
        }
    }

    /// The shortcut for common marks does what `act` does with them, and
    /// the set holds exactly the candidates.
    #[test]
    fn common_marks_and_the_set_agree_with_action_of() {
        for c in (0x800..0x10000).filter_map(char::from_u32) {
            let b = crate::bytes::utf8_bytes(c).0;
            let mark = common_mark([b[0], b[1], b[2]]).map(|m| match m {
                Mark::Clause => Action::Break { sentence: false },
                Mark::Sentence => Action::Break { sentence: true },
                Mark::List => Action::List,
            });
            if mark.is_some() {
                assert_eq!(mark, action_of(c), "{c:?}");
            }
            assert_eq!(
                CANDIDATES.contains3(b[0], b[1], b[2]),
                action_of(c).is_some(),
                "{c:?}"
            );
        }
        for c in ['，', '。', '；', '、'] {
            assert!(common_mark(utf8_3(c)).is_some(), "{c:?}");
        }
    }

    /// Every candidate's first byte sends the scan to `action_of`.
    #[test]
    fn candidates_lead_bytes_are_checked() {
        for c in CANDIDATE_CHARS {
            assert_eq!(LEAD[usize::from(first_byte(c))], CHECK3, "{c:?}");
        }
    }
}
