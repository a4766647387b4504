//! Stream filters: FlateDecode (with PNG/TIFF predictors, as xref and object
//! streams use them), ASCIIHexDecode, ASCII85Decode, RunLengthDecode and
//! LZWDecode. Image filters (DCT, JPX, CCITT, JBIG2) are not decoded: text
//! is never in them.

use std::cell::Cell;

use miniz_oxide::inflate::core::inflate_flags::{
    TINFL_FLAG_PARSE_ZLIB_HEADER, TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
};
use miniz_oxide::inflate::core::{decompress, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;

use super::lex::{Dict, Obj};

/// Why a stream gave no bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterError {
    /// An image or otherwise unsupported filter.
    Unsupported,
    /// The shared inflate budget is spent.
    Budget,
}

/// The bytes left to inflate for the whole file.
pub struct Budget(pub Cell<usize>);

impl Budget {
    fn take(&self, n: usize) -> bool {
        let left = self.0.get();
        if n > left {
            self.0.set(0);
            false
        } else {
            self.0.set(left - n);
            true
        }
    }
}

/// Applies a stream's filters (`filters`, `params` already resolved).
pub fn decode(
    mut data: Vec<u8>,
    filters: &[Obj],
    params: &[Obj],
    budget: &Budget,
) -> Result<Vec<u8>, FilterError> {
    for (i, filter) in filters.iter().enumerate() {
        let parms = params.get(i).and_then(Obj::as_dict);
        data = match filter.as_name().unwrap_or(b"") {
            b"FlateDecode" | b"Fl" => predict(inflate(&data, budget)?, parms),
            b"LZWDecode" | b"LZW" => {
                let early = parms
                    .and_then(|p| p.get(b"EarlyChange"))
                    .and_then(Obj::as_int)
                    .unwrap_or(1);
                predict(lzw(&data, early != 0, budget)?, parms)
            }
            b"ASCIIHexDecode" | b"AHx" => ascii_hex(&data),
            b"ASCII85Decode" | b"A85" => ascii85(&data),
            b"RunLengthDecode" | b"RL" => run_length(&data, budget)?,
            _ => return Err(FilterError::Unsupported),
        };
    }
    Ok(data)
}

/// zlib (or, from careless writers, raw deflate); a damaged tail keeps what
/// inflated before it, as PDF readers do.
fn inflate(data: &[u8], budget: &Budget) -> Result<Vec<u8>, FilterError> {
    let zlib = data.len() >= 2
        && data[0] & 0x0f == 8
        && (u16::from(data[0]) << 8 | u16::from(data[1])) % 31 == 0;
    let mut state = Box::<DecompressorOxide>::default();
    let flags = TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF
        | if zlib {
            TINFL_FLAG_PARSE_ZLIB_HEADER
        } else {
            0
        };
    let mut out = vec![0u8; (data.len() * 4).clamp(1024, 1 << 20)];
    let (mut inp, mut written) = (0usize, 0usize);
    loop {
        let (status, read, wrote) = decompress(&mut state, &data[inp..], &mut out, written, flags);
        inp += read;
        if !budget.take(wrote) {
            return Err(FilterError::Budget);
        }
        written += wrote;
        match status {
            TINFLStatus::HasMoreOutput => {
                let grow = out.len().min(64 << 20);
                if budget.0.get() == 0 {
                    return Err(FilterError::Budget);
                }
                out.resize(out.len() + grow, 0);
            }
            TINFLStatus::Done => break,
            // Truncated or corrupt: what came out so far.
            _ => break,
        }
    }
    out.truncate(written);
    Ok(out)
}

/// PNG (10–15) and TIFF (2) predictors, from DecodeParms.
fn predict(data: Vec<u8>, parms: Option<&Dict>) -> Vec<u8> {
    let Some(parms) = parms else { return data };
    let get = |k: &[u8], d: i64| parms.get(k).and_then(Obj::as_int).unwrap_or(d);
    let predictor = get(b"Predictor", 1);
    if predictor < 2 {
        return data;
    }
    let colors = get(b"Colors", 1).clamp(1, 32) as usize;
    let bits = get(b"BitsPerComponent", 8).clamp(1, 16) as usize;
    let columns = get(b"Columns", 1).clamp(1, 1 << 20) as usize;
    let bpp = (colors * bits).div_ceil(8).max(1);
    let row = (colors * bits * columns).div_ceil(8);
    if predictor == 2 {
        if bits != 8 {
            return data;
        }
        let mut data = data;
        for line in data.chunks_mut(row) {
            for i in bpp..line.len() {
                line[i] = line[i].wrapping_add(line[i - bpp]);
            }
        }
        return data;
    }
    let mut out = Vec::with_capacity(data.len());
    let mut prev = vec![0u8; row];
    for chunk in data.chunks(row + 1) {
        let (kind, src) = (chunk[0], &chunk[1..]);
        let mut line = src.to_vec();
        line.resize(row, 0);
        for i in 0..row {
            let left = if i >= bpp { line[i - bpp] } else { 0 };
            let up = prev[i];
            let up_left = if i >= bpp { prev[i - bpp] } else { 0 };
            let add = match kind {
                1 => left,
                2 => up,
                3 => ((left as u16 + up as u16) / 2) as u8,
                4 => paeth(left, up, up_left),
                _ => 0,
            };
            line[i] = line[i].wrapping_add(add);
        }
        out.extend_from_slice(&line[..src.len().min(row)]);
        prev = line;
    }
    out
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = a as i16 + b as i16 - c as i16;
    let (pa, pb, pc) = (
        (p - a as i16).abs(),
        (p - b as i16).abs(),
        (p - c as i16).abs(),
    );
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

fn ascii_hex(data: &[u8]) -> Vec<u8> {
    super::lex::hex_string(data).0
}

fn ascii85(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    let (mut group, mut n) = (0u64, 0usize);
    for &b in data {
        match b {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                group = group * 85 + (b - b'!') as u64;
                n += 1;
                if n == 5 {
                    out.extend_from_slice(&(group as u32).to_be_bytes());
                    group = 0;
                    n = 0;
                }
            }
            _ => {}
        }
    }
    if n > 1 {
        for _ in n..5 {
            group = group * 85 + 84;
        }
        out.extend_from_slice(&(group as u32).to_be_bytes()[..n - 1]);
    }
    out
}

fn run_length(data: &[u8], budget: &Budget) -> Result<Vec<u8>, FilterError> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let len = data[i];
        i += 1;
        if len == 128 {
            break;
        }
        if len < 128 {
            let n = len as usize + 1;
            let end = (i + n).min(data.len());
            out.extend_from_slice(&data[i..end]);
            i = end;
        } else if let Some(&b) = data.get(i) {
            out.extend(std::iter::repeat_n(b, 257 - len as usize));
            i += 1;
        }
        if out.len() > budget.0.get() {
            return Err(FilterError::Budget);
        }
    }
    if !budget.take(out.len()) {
        return Err(FilterError::Budget);
    }
    Ok(out)
}

fn lzw(data: &[u8], early: bool, budget: &Budget) -> Result<Vec<u8>, FilterError> {
    let mut out: Vec<u8> = Vec::new();
    let mut table: Vec<(u32, u8)> = Vec::new(); // (prefix code, last byte); prefix u32::MAX = none
    let reset = |t: &mut Vec<(u32, u8)>| {
        t.clear();
        for b in 0..=255u8 {
            t.push((u32::MAX, b));
        }
        t.push((u32::MAX, 0)); // 256 clear
        t.push((u32::MAX, 0)); // 257 end
    };
    reset(&mut table);
    let (mut bitbuf, mut bits, mut width) = (0u32, 0u32, 9u32);
    let mut prev: Option<u32> = None;
    let mut scratch = Vec::new();
    let expand = |table: &[(u32, u8)], mut code: u32, scratch: &mut Vec<u8>| {
        scratch.clear();
        while code != u32::MAX && (code as usize) < table.len() && scratch.len() < 4096 {
            let (p, b) = table[code as usize];
            scratch.push(b);
            code = p;
        }
        scratch.reverse();
    };
    for &byte in data {
        bitbuf = bitbuf << 8 | byte as u32;
        bits += 8;
        while bits >= width {
            let code = (bitbuf >> (bits - width)) & ((1 << width) - 1);
            bits -= width;
            if code == 256 {
                reset(&mut table);
                width = 9;
                prev = None;
                continue;
            }
            if code == 257 {
                return finish(out, budget);
            }
            let next = table.len() as u32;
            if code < next {
                expand(&table, code, &mut scratch);
                if let Some(p) = prev {
                    table.push((p, scratch[0]));
                }
            } else if let Some(p) = prev {
                expand(&table, p, &mut scratch);
                let first = scratch[0];
                scratch.push(first);
                table.push((p, first));
            } else {
                return finish(out, budget);
            }
            out.extend_from_slice(&scratch);
            if out.len() > budget.0.get() {
                return Err(FilterError::Budget);
            }
            prev = Some(code);
            let limit = table.len() as u32 + u32::from(early);
            if limit >= (1 << width) && width < 12 {
                width += 1;
            }
        }
        bitbuf &= (1 << bits) - 1;
    }
    finish(out, budget)
}

fn finish(out: Vec<u8>, budget: &Budget) -> Result<Vec<u8>, FilterError> {
    if budget.take(out.len()) {
        Ok(out)
    } else {
        Err(FilterError::Budget)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn budget() -> Budget {
        Budget(Cell::new(1 << 20))
    }

    #[test]
    fn flate_round_trip_and_budget() {
        let text = "县水利局加固堤防 12 公里。".repeat(100);
        let z = miniz_oxide::deflate::compress_to_vec_zlib(text.as_bytes(), 6);
        let out = decode(
            z.clone(),
            &[Obj::Name(b"FlateDecode".to_vec())],
            &[],
            &budget(),
        )
        .unwrap();
        assert_eq!(out, text.as_bytes());
        let small = Budget(Cell::new(100));
        assert_eq!(
            decode(z, &[Obj::Name(b"FlateDecode".to_vec())], &[], &small),
            Err(FilterError::Budget)
        );
    }

    #[test]
    fn ascii_filters() {
        assert_eq!(ascii_hex(b"48 65 6C6C6F>"), b"Hello");
        assert_eq!(ascii85(b"87cURD]i,\"Ebo7~>"), b"Hello World");
    }

    #[test]
    fn png_up_predictor() {
        let data = vec![2, 1, 2, 2, 1, 1];
        let mut parms = Dict::default();
        parms.0.push((b"Predictor".to_vec(), Obj::Int(12)));
        parms.0.push((b"Columns".to_vec(), Obj::Int(2)));
        assert_eq!(predict(data, Some(&parms)), vec![1, 2, 2, 3]);
    }
}
