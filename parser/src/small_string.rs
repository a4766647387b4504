//! [`SmallString`]: an immutable string kept in place when it is short.
//!
//! Why: a figure's text (`170 余万元`), label (`总投资`), period (`1—8月份`)
//! and an item's sources (`县财政局`) are nearly always seven CJK characters
//! or fewer. As `String`s they were three out of four of the parser's heap
//! allocations (~18,000 per MB of bulletin), and allocating and freeing them
//! cost about a fifth of the parse. Kept inline they cost a copy. To every
//! reader it is a `str` (`Deref`), and serde writes and reads it as a plain
//! JSON string, so the export contract does not see it.

use std::borrow::{Borrow, Cow};
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Bytes kept in place: 22 (seven CJK characters), so that the whole value,
/// and an `Option` of it, is as small as a `String` (24 bytes).
const INLINE: usize = 22;

/// A string stored inline up to 22 bytes, on the heap beyond.
#[derive(Clone)]
pub struct SmallString(Repr);

#[derive(Clone)]
enum Repr {
    /// Invariant: `bytes[..len]` is UTF-8 (only ever copied from a `str`).
    Inline {
        len: u8,
        bytes: [u8; INLINE],
    },
    Heap(Box<str>),
}

const _: () = assert!(std::mem::size_of::<SmallString>() == 24);
const _: () = assert!(std::mem::size_of::<Option<SmallString>>() == 24);

impl SmallString {
    /// The empty string.
    pub const fn new() -> Self {
        SmallString(Repr::Inline {
            len: 0,
            bytes: [0; INLINE],
        })
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Inline { len, bytes } => {
                let bytes = &bytes[..*len as usize];
                // `Inline` is only built by `From<&str>`, which copies a
                // whole `str`, so these bytes are UTF-8 and this never fails
                // (checking a few bytes costs less than an `unsafe`).
                std::str::from_utf8(bytes).unwrap_or_default()
            }
            Repr::Heap(s) => s,
        }
    }

    /// True when the text is kept in place (no heap allocation).
    pub fn is_inline(&self) -> bool {
        matches!(self.0, Repr::Inline { .. })
    }
}

impl From<&str> for SmallString {
    fn from(s: &str) -> Self {
        if s.len() <= INLINE {
            let mut bytes = [0; INLINE];
            copy_short(s.as_bytes(), &mut bytes);
            SmallString(Repr::Inline {
                len: s.len() as u8,
                bytes,
            })
        } else {
            SmallString(Repr::Heap(s.into()))
        }
    }
}

impl From<String> for SmallString {
    fn from(s: String) -> Self {
        if s.len() <= INLINE {
            SmallString::from(s.as_str())
        } else {
            SmallString(Repr::Heap(s.into_boxed_str()))
        }
    }
}

impl From<Cow<'_, str>> for SmallString {
    fn from(s: Cow<'_, str>) -> Self {
        match s {
            Cow::Borrowed(s) => SmallString::from(s),
            Cow::Owned(s) => SmallString::from(s),
        }
    }
}

impl From<SmallString> for String {
    fn from(s: SmallString) -> Self {
        match s.0 {
            Repr::Heap(s) => s.into_string(),
            Repr::Inline { .. } => s.as_str().to_owned(),
        }
    }
}

impl FromIterator<char> for SmallString {
    fn from_iter<I: IntoIterator<Item = char>>(chars: I) -> Self {
        let mut bytes = [0; INLINE];
        let mut len = 0;
        let mut chars = chars.into_iter();
        while let Some(c) = chars.next() {
            if len + c.len_utf8() > INLINE {
                let mut s = String::with_capacity(2 * INLINE);
                s.push_str(inline_str(&bytes, len));
                s.push(c);
                s.extend(chars);
                return SmallString(Repr::Heap(s.into_boxed_str()));
            }
            len += c.encode_utf8(&mut bytes[len..]).len();
        }
        SmallString::from(inline_str(&bytes, len))
    }
}

/// Copies `src` (at most `INLINE` bytes) to the start of `dst` as two
/// fixed-size, possibly overlapping moves: a copy of a variable length
/// otherwise becomes a call to `memcpy`, once per figure text and label.
#[inline(always)]
fn copy_short(src: &[u8], dst: &mut [u8; INLINE]) {
    let n = src.len();
    if n >= 16 {
        dst[..16].copy_from_slice(&src[..16]);
        dst[n - 16..n].copy_from_slice(&src[n - 16..]);
    } else if n >= 8 {
        dst[..8].copy_from_slice(&src[..8]);
        dst[n - 8..n].copy_from_slice(&src[n - 8..]);
    } else if n >= 4 {
        dst[..4].copy_from_slice(&src[..4]);
        dst[n - 4..n].copy_from_slice(&src[n - 4..]);
    } else {
        for (d, s) in dst.iter_mut().zip(src) {
            *d = *s;
        }
    }
}

/// The first `len` bytes of a buffer filled by `char::encode_utf8`.
fn inline_str(bytes: &[u8; INLINE], len: usize) -> &str {
    // Only whole characters were written, so this cannot fail; the checked
    // conversion keeps it so without an `unsafe` for a cold path.
    std::str::from_utf8(&bytes[..len]).unwrap_or_default()
}

impl Default for SmallString {
    fn default() -> Self {
        SmallString::new()
    }
}

impl Deref for SmallString {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for SmallString {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for SmallString {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Debug for SmallString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for SmallString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl PartialEq for SmallString {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SmallString {}

impl PartialOrd for SmallString {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SmallString {
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for SmallString {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

macro_rules! eq_with {
    ($($other:ty),*) => {$(
        impl PartialEq<$other> for SmallString {
            fn eq(&self, other: &$other) -> bool {
                self.as_str() == &other[..]
            }
        }
        impl PartialEq<SmallString> for $other {
            fn eq(&self, other: &SmallString) -> bool {
                &self[..] == other.as_str()
            }
        }
    )*};
}
eq_with!(str, &str, String);

impl Serialize for SmallString {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for SmallString {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = SmallString;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<SmallString, E> {
                Ok(SmallString::from(s))
            }
            fn visit_string<E: serde::de::Error>(self, s: String) -> Result<SmallString, E> {
                Ok(SmallString::from(s))
            }
        }
        d.deserialize_string(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_stays_inline_and_long_text_goes_to_the_heap() {
        for s in [
            "",
            "元",
            "170 余万元",
            "一般公共预算收",
            "1234567890123456789012",
        ] {
            let small = SmallString::from(s);
            assert!(small.is_inline(), "{s}");
            assert_eq!(small, s);
            assert_eq!(SmallString::from(s.to_string()), s);
        }
        for s in ["一般公共预算收入", "12345678901234567890123"] {
            let small = SmallString::from(s);
            assert!(!small.is_inline(), "{s}");
            assert_eq!(small.as_str(), s);
            assert_eq!(String::from(small), s);
        }
    }

    #[test]
    fn every_inline_length_copies_exactly() {
        let text = "abcdefghijklmnopqrstuvwxyz";
        for n in 0..=INLINE {
            let small = SmallString::from(&text[..n]);
            assert!(small.is_inline());
            assert_eq!(small.as_str(), &text[..n], "{n} bytes");
        }
    }

    #[test]
    fn collecting_characters_switches_to_the_heap_mid_character() {
        // 7 CJK characters fill 21 bytes; the eighth (3 bytes) does not fit.
        for n in 0..12 {
            let s: String = "规上工业增加值同比增长".chars().cycle().take(n).collect();
            let with_ascii = format!("a{s}");
            for s in [s, with_ascii] {
                let small: SmallString = s.chars().collect();
                assert_eq!(small, s);
                assert_eq!(small.is_inline(), s.len() <= INLINE, "{s}");
            }
        }
    }

    #[test]
    fn reads_and_writes_as_a_plain_json_string_and_compares_as_str() {
        let s = SmallString::from("1—8月份");
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"1—8月份\"");
        let back: SmallString = serde_json::from_str("\"1—8月份\"").unwrap();
        assert_eq!(back, s);
        let escaped: SmallString = serde_json::from_str("\"a\\\"b\"").unwrap();
        assert_eq!(escaped, "a\"b");
        assert_eq!(format!("{s:?}"), format!("{:?}", "1—8月份"));
        assert_eq!(format!("{s}"), "1—8月份");
        let mut sorted: Vec<SmallString> = ["乙", "b", "一般公共预算收入", "a"]
            .map(SmallString::from)
            .into();
        sorted.sort();
        assert_eq!(sorted, ["a", "b", "一般公共预算收入", "乙"]);
        assert_eq!(SmallString::default(), "");
    }
}
