//! Compact JSON, byte for byte what `serde_json::to_writer` writes, with
//! strings copied a run at a time.
//!
//! Why a writer of our own: serde_json looks up every byte of every string
//! in its escape table, keys included. A bulletin's JSON Line is half text
//! (the item bodies) and holds over a thousand short strings (a dozen keys
//! for each figure), and escaping them was a fifth of the CLI's time on
//! JSON Lines. Here the byte layer's [`find_json_escape`] (sixteen bytes at
//! a time on x86-64, a word at a time elsewhere) finds the next byte to
//! escape and the run before it is copied whole. Everything else follows
//! serde_json: numbers are written by serde_json itself (so floats keep its
//! shortest round-trip form), escapes are its escapes (`\n`, `\u001f`, …),
//! and map keys that are numbers or booleans are quoted as it quotes them.
//! The tests hold the two equal on the model and on arbitrary strings.

use std::fmt::{self, Display};

use bulletin_parser::bytes::{find_json_escape, json_escapes};
use serde::ser::{self, Serialize};

/// `value` as compact JSON, appended to `out`.
pub fn write_compact<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> Result<(), Error> {
    value.serialize(&mut Writer { out, key: false })
}

/// Why a value could not be written: a map key that JSON cannot hold, or
/// an error the value's own `Serialize` raised.
#[derive(Debug)]
pub struct Error(String);

impl Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(message: T) -> Self {
        Error(message.to_string())
    }
}

struct Writer<'a> {
    out: &'a mut Vec<u8>,
    /// Writing a map key: JSON keys are strings, so numbers and booleans
    /// are quoted (as serde_json quotes them) and anything that is not a
    /// string, a number, a boolean or a character is refused.
    key: bool,
}

impl Writer<'_> {
    /// A whole number or a boolean, written by serde_json (whose forms this
    /// writer keeps), in quotes as a map key.
    fn number<N: Serialize>(&mut self, n: N) -> Result<(), Error> {
        if self.key {
            self.out.push(b'"');
        }
        serde_json::to_writer(&mut *self.out, &n).map_err(|e| Error(e.to_string()))?;
        if self.key {
            self.out.push(b'"');
        }
        Ok(())
    }

    /// A float: serde_json's shortest form (`null` when not finite); as a
    /// map key quoted, and refused when not finite.
    fn float<F: Serialize>(&mut self, f: F, finite: bool) -> Result<(), Error> {
        if self.key && !finite {
            return Err(Error("float key must be finite (got NaN or +/-inf)".into()));
        }
        self.number(f)
    }

    /// Where a map key was expected, a value JSON cannot use as one.
    fn not_in_key(&self) -> Result<(), Error> {
        if self.key {
            return Err(Error("key must be a string".into()));
        }
        Ok(())
    }

    /// `{"variant":` and `open`: a variant holding a value or fields.
    fn open_variant(&mut self, variant: &str, open: &[u8]) -> Result<(), Error> {
        self.not_in_key()?;
        self.out.push(b'{');
        self.string(variant);
        self.out.push(b':');
        self.out.extend_from_slice(open);
        Ok(())
    }

    #[inline(always)]
    fn string(&mut self, s: &str) {
        write_string(self.out, s);
    }
}

/// `s` as a JSON string.
///
/// Most strings of a bulletin's JSON are short and need no escape: every
/// key (a dozen for each figure), units, kinds. Those are checked byte by
/// byte and copied at once, inline, so that a key, a constant where the
/// derived code calls this, is checked when the program is compiled. Longer
/// ones go to [`write_string_runs`]. (On 100 of `scripts/bench-cli.sh`'s
/// files, 136,000 strings, writing the JSON Lines took 31.3 M instructions
/// with serde_json, 20.4 M with this; callgrind.)
#[inline(always)]
fn write_string(out: &mut Vec<u8>, s: &str) {
    if s.len() <= SHORT && needs_no_escape(s.as_bytes()) {
        out.reserve(s.len() + 2);
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
        return;
    }
    write_string_runs(out, s);
}

/// No byte of `b` needs an escape: a plain loop, which the compiler runs
/// at compile time on a constant.
#[inline(always)]
fn needs_no_escape(b: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() {
        if json_escapes(b[i]) {
            return false;
        }
        i += 1;
    }
    true
}

/// Up to this many bytes a string is checked byte by byte (see
/// [`write_string`]); past it a block at a time.
const SHORT: usize = 24;

/// `s` as a JSON string: the runs between bytes to escape copied whole.
#[inline(never)]
fn write_string_runs(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.reserve(s.len() + 2);
    out.push(b'"');
    let mut rest = s.as_bytes();
    while let Some(at) = find_json_escape(rest) {
        out.extend_from_slice(&rest[..at]);
        let byte = rest[at];
        match byte {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0C => out.extend_from_slice(b"\\f"),
            _ => out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0xF)],
            ]),
        }
        rest = &rest[at + 1..];
    }
    out.extend_from_slice(rest);
    out.push(b'"');
}

/// `serialize_T` for scalar types `T`, each handing the value to one
/// method of the serializer (`number`, `quoted`).
macro_rules! scalars {
    ($method:ident; $($name:ident: $t:ty),*) => {$(
        fn $name(self, v: $t) -> Result<(), Error> {
            self.$method(v)
        }
    )*};
}

impl<'a, 'b> ser::Serializer for &'a mut Writer<'b> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a, 'b>;
    type SerializeTuple = Compound<'a, 'b>;
    type SerializeTupleStruct = Compound<'a, 'b>;
    type SerializeTupleVariant = Compound<'a, 'b>;
    type SerializeMap = Compound<'a, 'b>;
    type SerializeStruct = Compound<'a, 'b>;
    type SerializeStructVariant = Compound<'a, 'b>;

    scalars!(number;
        serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_i128: i128, serialize_u8: u8, serialize_u16: u16,
        serialize_u32: u32, serialize_u64: u64, serialize_u128: u128);
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.float(v, v.is_finite())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.float(v, v.is_finite())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for byte in v {
            seq.serialize_element(byte)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.not_in_key()?;
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.open_variant(variant, b"")?;
        value.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a, 'b>, Error> {
        self.not_in_key()?;
        self.out.push(b'[');
        Ok(Compound::new(self, b"]"))
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a, 'b>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Compound<'a, 'b>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, 'b>, Error> {
        self.open_variant(variant, b"[")?;
        Ok(Compound::new(self, b"]}"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a, 'b>, Error> {
        self.not_in_key()?;
        self.out.push(b'{');
        Ok(Compound::new(self, b"}"))
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a, 'b>, Error> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, 'b>, Error> {
        self.open_variant(variant, b"{")?;
        Ok(Compound::new(self, b"}}"))
    }
}

/// An array, object or variant being written: a comma before every entry
/// but the first, and `close` at the end.
struct Compound<'a, 'b> {
    writer: &'a mut Writer<'b>,
    first: bool,
    close: &'static [u8],
}

impl<'a, 'b> Compound<'a, 'b> {
    fn new(writer: &'a mut Writer<'b>, close: &'static [u8]) -> Self {
        Compound {
            writer,
            first: true,
            close,
        }
    }

    fn comma(&mut self) {
        if !self.first {
            self.writer.out.push(b',');
        }
        self.first = false;
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.comma();
        value.serialize(&mut *self.writer)
    }

    #[inline(always)]
    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Error> {
        self.comma();
        self.writer.string(key);
        self.writer.out.push(b':');
        value.serialize(&mut *self.writer)
    }

    fn end(self) -> Result<(), Error> {
        self.writer.out.extend_from_slice(self.close);
        Ok(())
    }
}

/// Arrays, tuples and a tuple variant's fields: elements, comma-separated.
macro_rules! elements {
    ($($kind:ident :: $method:ident),*) => {$(
        impl ser::$kind for Compound<'_, '_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.element(value)
            }
            fn end(self) -> Result<(), Error> {
                Compound::end(self)
            }
        }
    )*};
}

elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.comma();
        self.writer.key = true;
        let written = key.serialize(&mut *self.writer);
        self.writer.key = false;
        written?;
        self.writer.out.push(b':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

/// Structs and a struct variant's fields: `"key":value`, comma-separated.
macro_rules! fields {
    ($($kind:ident),*) => {$(
        impl ser::$kind for Compound<'_, '_> {
            type Ok = ();
            type Error = Error;
            #[inline(always)]
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.field(key, value)
            }
            fn end(self) -> Result<(), Error> {
                Compound::end(self)
            }
        }
    )*};
}

fields!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use std::collections::BTreeMap;

    fn ours<T: Serialize + ?Sized>(value: &T) -> String {
        let mut out = Vec::new();
        write_compact(&mut out, value).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn theirs<T: Serialize + ?Sized>(value: &T) -> String {
        serde_json::to_string(value).unwrap()
    }

    #[test]
    fn strings_escape_as_serde_json_escapes_them() {
        let mut every_control: String = (0u8..0x20).map(char::from).collect();
        every_control.push_str("\"\\/\u{7f}\u{2028}\u{2029}县😀");
        for s in [
            "",
            "县财政局",
            "a\"b",
            "\\",
            "line\nbreak\r\n\ttab",
            every_control.as_str(),
            "没有要转义的字符，一段很长的正文，超过十六个字节。",
            "\u{1}\u{1f}",
        ] {
            assert_eq!(ours(s), theirs(s), "{s:?}");
        }
    }

    #[test]
    fn numbers_and_shapes_as_serde_json_writes_them() {
        #[derive(Serialize)]
        enum E {
            Unit,
            Newtype(f64),
            Tuple(u8, i64),
            Struct { a: Option<u32>, b: Vec<bool> },
        }
        #[derive(Serialize)]
        struct S {
            f: Vec<f64>,
            i: (i8, i128, u128),
            e: Vec<E>,
            unit: (),
            empty: Vec<u8>,
            bytes: &'static [u8],
            c: char,
            keys: BTreeMap<i32, &'static str>,
            bool_keys: BTreeMap<bool, u8>,
            char_keys: BTreeMap<char, u8>,
        }
        let s = S {
            f: vec![
                0.0,
                -0.0,
                1.0,
                1.5,
                0.1,
                1e21,
                1e-7,
                123456789.125,
                f64::NAN,
                f64::INFINITY,
                f64::MAX,
                f64::MIN_POSITIVE,
                3.47e8,
            ],
            i: (-128, i128::MIN, u128::MAX),
            e: vec![
                E::Unit,
                E::Newtype(2.5),
                E::Tuple(7, -9),
                E::Struct {
                    a: None,
                    b: vec![true, false],
                },
                E::Struct {
                    a: Some(3),
                    b: vec![],
                },
            ],
            unit: (),
            empty: vec![],
            bytes: b"ab",
            c: '"',
            keys: [(-1, "负"), (2, "二")].into_iter().collect(),
            bool_keys: [(true, 1)].into_iter().collect(),
            char_keys: [('\n', 1)].into_iter().collect(),
        };
        assert_eq!(ours(&s), theirs(&s));
        let empty: BTreeMap<String, u8> = BTreeMap::new();
        assert_eq!(ours(&empty), theirs(&empty));
    }

    #[test]
    fn keys_json_cannot_hold_are_refused_like_serde_json() {
        let refused = |ours: Result<(), Error>, theirs: bool| {
            assert!(ours.is_err() && theirs);
        };
        let mut out = Vec::new();
        let tuple_keys: BTreeMap<(u8, u8), u8> = [((1, 2), 3)].into_iter().collect();
        refused(
            write_compact(&mut out, &tuple_keys),
            serde_json::to_string(&tuple_keys).is_err(),
        );
        let none_key: Vec<(Option<&str>, u8)> = vec![(None, 1)];
        let as_map = |v: &Vec<(Option<&str>, u8)>| {
            let mut out = Vec::new();
            let map: BTreeMap<_, _> = v.iter().cloned().collect();
            (
                write_compact(&mut out, &map),
                serde_json::to_string(&map).is_err(),
            )
        };
        let (ours, theirs) = as_map(&none_key);
        refused(ours, theirs);
        let unit_keys: BTreeMap<(), u8> = [((), 1)].into_iter().collect();
        refused(
            write_compact(&mut out, &unit_keys),
            serde_json::to_string(&unit_keys).is_err(),
        );
        let nan_key = [(f64::NAN, 1)];
        let nan_map = NanKeys(&nan_key);
        refused(
            write_compact(&mut out, &nan_map),
            serde_json::to_string(&nan_map).is_err(),
        );
    }

    #[test]
    fn keys_json_can_hold_are_written_like_serde_json() {
        let some: BTreeMap<Option<&str>, u8> = [(Some("甲"), 1)].into_iter().collect();
        assert_eq!(ours(&some), theirs(&some));
        let floats = NanKeys(&[(1.5, 1), (-0.0, 2), (1e21, 3)]);
        assert_eq!(ours(&floats), theirs(&floats));
        let wide: BTreeMap<u128, i8> = [(u128::MAX, -1)].into_iter().collect();
        assert_eq!(ours(&wide), theirs(&wide));
        // After a key, values are values again: numbers unquoted.
        let nested: BTreeMap<i32, Vec<i32>> = [(1, vec![2, 3])].into_iter().collect();
        assert_eq!(ours(&nested), "{\"1\":[2,3]}");
        assert_eq!(ours(&nested), theirs(&nested));
    }

    /// A map with float keys (no `Ord` for a `BTreeMap`).
    struct NanKeys<'a>(&'a [(f64, u8)]);

    impl Serialize for NanKeys<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeMap;
            let mut map = s.serialize_map(Some(self.0.len()))?;
            for (k, v) in self.0 {
                map.serialize_entry(k, v)?;
            }
            map.end()
        }
    }

    #[test]
    fn parsed_bulletins_as_serde_json_writes_them() {
        let text = "政务快报\n第3期\n县政府办公室编  2024年3月5日\n\n【工作动态】\n\
                    县财政局：发行债券3.47亿元，同比增长12.5%，\"专项\"资金\\到位。\n\
                    （县财政局）\n\t控制\u{1}字符\n";
        for bulletin in bulletin_parser::parse_all(text) {
            assert_eq!(ours(&bulletin), theirs(&bulletin));
        }
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(300))]

            /// Any string, any float, any integer: the same bytes.
            #[test]
            fn same_bytes_as_serde_json(s in ".{0,200}", x in any::<f64>(), n in any::<i64>(), v in prop::collection::vec(any::<char>(), 0..40)) {
                prop_assert_eq!(ours(&s), theirs(&s));
                prop_assert_eq!(ours(&x), theirs(&x));
                prop_assert_eq!(ours(&n), theirs(&n));
                prop_assert_eq!(ours(&v), theirs(&v));
                let joined: String = v.iter().collect();
                prop_assert_eq!(ours(&joined), theirs(&joined));
            }
        }
    }
}
