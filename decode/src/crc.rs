//! CRC-32 (IEEE 802.3, the one zip uses): checks inflated `.docx` parts and
//! stamps the entries of the XLSX writer.

/// The byte-at-a-time lookup table for the reflected polynomial 0xEDB88320.
const TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
};

/// The CRC-32 of `data`, as stored in zip headers.
pub fn crc32(data: &[u8]) -> u32 {
    crc32_continue(0, data)
}

/// The CRC-32 of what `crc` was the CRC of, followed by `data`: for data
/// written piece by piece (`crc32_continue(crc32(a), b) == crc32(a ++ b)`).
pub fn crc32_continue(crc: u32, data: &[u8]) -> u32 {
    let mut c = !crc;
    for &b in data {
        c = TABLE[((c ^ b as u32) & 0xFF) as usize] ^ (c >> 8);
    }
    !c
}

#[cfg(test)]
mod tests {
    use super::crc32;

    #[test]
    fn pieces_give_the_crc_of_the_whole() {
        let whole = crc32(b"hello, world");
        assert_eq!(super::crc32_continue(crc32(b"hello"), b", world"), whole);
    }

    #[test]
    fn known_values() {
        assert_eq!(crc32(b""), 0);
        // The standard check value of CRC-32/ISO-HDLC.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(
            crc32(b"The quick brown fox jumps over the lazy dog"),
            0x414F_A339
        );
    }
}
