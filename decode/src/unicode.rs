//! UTF-8 and UTF-16 to `String`, in pure Rust (GB18030 is the caller's: see
//! the module docs).

use super::DecodeError;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// UTF-8 bytes to text, a leading byte-order mark dropped. A character cut
/// off by the end of the file (a truncated copy) becomes U+FFFD; any other
/// invalid byte is an error naming its offset.
pub fn decode_utf8(bytes: &[u8]) -> Result<String, DecodeError> {
    let bom = if bytes.starts_with(UTF8_BOM) {
        UTF8_BOM.len()
    } else {
        0
    };
    let body = &bytes[bom..];
    match std::str::from_utf8(body) {
        Ok(s) => Ok(s.to_owned()),
        Err(e) if e.error_len().is_none() => {
            let mut s = String::with_capacity(e.valid_up_to() + 3);
            // Safe to unwrap-free slice: `valid_up_to` is a char boundary.
            s.push_str(std::str::from_utf8(&body[..e.valid_up_to()]).unwrap_or_default());
            s.push(char::REPLACEMENT_CHARACTER);
            Ok(s)
        }
        Err(e) => Err(DecodeError::InvalidUtf8 {
            offset: bom + e.valid_up_to(),
        }),
    }
}

/// UTF-16 bytes (little- or big-endian) to text, a leading byte-order mark
/// dropped. A lone surrogate is an error naming its byte offset; an odd last
/// byte (a truncated file) becomes U+FFFD.
pub fn decode_utf16(bytes: &[u8], big_endian: bool) -> Result<String, DecodeError> {
    let bom: &[u8] = if big_endian { b"\xFE\xFF" } else { b"\xFF\xFE" };
    let start = if bytes.starts_with(bom) { 2 } else { 0 };
    let body = &bytes[start..];
    let units = body.chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    });
    // CJK text is 2 bytes a char in UTF-16 and 3 in UTF-8.
    let mut text = String::with_capacity(body.len() * 3 / 2);
    let mut offset = start;
    for decoded in char::decode_utf16(units) {
        match decoded {
            Ok(c) => {
                offset += 2 * c.len_utf16();
                text.push(c);
            }
            Err(_) => return Err(DecodeError::InvalidUtf16 { offset }),
        }
    }
    if body.len() % 2 == 1 {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(if big_endian { b"\xFE\xFF" } else { b"\xFF\xFE" });
        }
        for u in s.encode_utf16() {
            out.extend_from_slice(&if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            });
        }
        out
    }

    #[test]
    fn utf8_drops_bom_and_keeps_text() {
        assert_eq!(
            decode_utf8("\u{FEFF}县财政局 3.47 亿元".as_bytes()).unwrap(),
            "县财政局 3.47 亿元"
        );
        assert_eq!(decode_utf8(b"plain").unwrap(), "plain");
    }

    #[test]
    fn utf8_truncated_tail_is_a_replacement_not_an_error() {
        let mut bytes = "乡镇".as_bytes().to_vec();
        bytes.extend_from_slice(&"局".as_bytes()[..2]);
        assert_eq!(decode_utf8(&bytes).unwrap(), "乡镇\u{FFFD}");
    }

    #[test]
    fn utf8_invalid_byte_names_its_offset() {
        let mut bytes = "\u{FEFF}ab".as_bytes().to_vec();
        bytes.push(0xFF);
        bytes.push(b'c');
        assert_eq!(
            decode_utf8(&bytes),
            Err(DecodeError::InvalidUtf8 { offset: 5 })
        );
    }

    #[test]
    fn utf16_both_orders_with_and_without_bom() {
        let s = "第 39 期\r\n（民政局）𠀀";
        for be in [false, true] {
            for bom in [false, true] {
                assert_eq!(
                    decode_utf16(&utf16(s, be, bom), be).unwrap(),
                    s,
                    "be={be} bom={bom}"
                );
            }
        }
    }

    #[test]
    fn utf16_lone_surrogate_is_an_error() {
        let mut bytes = utf16("ab", false, true);
        bytes.extend_from_slice(&0xD800u16.to_le_bytes());
        bytes.extend_from_slice(&u16::from(b'c').to_le_bytes());
        assert_eq!(
            decode_utf16(&bytes, false),
            Err(DecodeError::InvalidUtf16 { offset: 6 })
        );
    }

    #[test]
    fn utf16_odd_tail_is_a_replacement() {
        let mut bytes = utf16("局", true, false);
        bytes.push(0x4E);
        assert_eq!(decode_utf16(&bytes, true).unwrap(), "局\u{FFFD}");
    }
}
