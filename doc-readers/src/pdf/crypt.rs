//! The standard security handler (ISO 32000-1 §7.6.3) for files whose user
//! password is empty — the common case of a PDF "protected" against copying
//! or printing, which every viewer opens without asking. RC4 (40–128 bit,
//! revisions 2–4) and AES-128 (`/AESV2`) are decrypted; a file that needs a
//! password, or uses AES-256 (revisions 5/6), is refused as encrypted.

use super::lex::{Dict, Obj};

/// How strings and streams are decrypted.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Cipher {
    Rc4,
    Aes128,
    Identity,
}

#[derive(Debug, Clone)]
pub struct Decryptor {
    key: Vec<u8>,
    strings: Cipher,
    streams: Cipher,
}

/// `File::get` and `File::resolve` over a borrowed `resolve`.
struct Resolver<'a>(&'a dyn Fn(&Obj) -> Obj);

impl Resolver<'_> {
    fn resolve(&self, obj: &Obj) -> Obj {
        (self.0)(obj)
    }

    fn get(&self, dict: &Dict, key: &[u8]) -> Obj {
        dict.get(key).map(|o| self.resolve(o)).unwrap_or(Obj::Null)
    }
}

const PAD: [u8; 32] = [
    0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
    0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
];

impl Decryptor {
    /// The decryptor for the empty user password, or `None` when the file
    /// cannot be opened without one (or uses a handler not supported here).
    /// `resolve` follows an indirect reference of the file (`File::resolve`;
    /// passed in, so this module stays below `file`, which holds a `Decryptor`).
    pub fn for_empty_password(
        resolve: &dyn Fn(&Obj) -> Obj,
        encrypt: &Dict,
        id0: &[u8],
    ) -> Option<Decryptor> {
        let file = Resolver(resolve);
        if file.get(encrypt, b"Filter").as_name() != Some(b"Standard") {
            return None;
        }
        let int = |k: &[u8], d: i64| file.get(encrypt, k).as_int().unwrap_or(d);
        let (v, r) = (int(b"V", 0), int(b"R", 2));
        let bytes = |k: &[u8]| match file.get(encrypt, k) {
            Obj::Str(s) => Some(s),
            _ => None,
        };
        let (o, u) = (bytes(b"O")?, bytes(b"U")?);
        if o.len() < 32 || u.len() < 32 || !(2..=4).contains(&r) {
            return None;
        }
        let (mut strings, mut streams) = (Cipher::Rc4, Cipher::Rc4);
        let mut length = if v == 1 { 40 } else { int(b"Length", 40) };
        if v == 4 {
            let filters = file.get(encrypt, b"CF");
            let method = |name: Option<&[u8]>| -> Option<(Cipher, i64)> {
                let name = name.unwrap_or(b"Identity");
                if name == b"Identity" {
                    return Some((Cipher::Identity, 128));
                }
                let cf = filters.as_dict()?.get(name).map(|o| file.resolve(o))?;
                let cf = cf.as_dict()?;
                let bits = file
                    .get(cf, b"Length")
                    .as_int()
                    .map(|l| if l <= 32 { l * 8 } else { l })
                    .unwrap_or(128);
                match file.get(cf, b"CFM").as_name() {
                    Some(b"V2") => Some((Cipher::Rc4, bits)),
                    Some(b"AESV2") => Some((Cipher::Aes128, 128)),
                    Some(b"None") | None => Some((Cipher::Identity, 128)),
                    _ => None,
                }
            };
            let (s, l1) = method(file.get(encrypt, b"StrF").as_name())?;
            let (t, l2) = method(file.get(encrypt, b"StmF").as_name())?;
            strings = s;
            streams = t;
            length = l1.max(l2);
        } else if v != 1 && v != 2 {
            return None;
        }
        let n = ((length / 8).clamp(5, 16)) as usize;
        let p = int(b"P", 0) as i32;
        let encrypt_metadata = !matches!(file.get(encrypt, b"EncryptMetadata"), Obj::Bool(false));
        // Algorithm 2: the key from the (empty) password.
        let mut input = PAD.to_vec();
        input.extend_from_slice(&o[..32]);
        input.extend_from_slice(&p.to_le_bytes());
        input.extend_from_slice(id0);
        if r >= 4 && !encrypt_metadata {
            input.extend_from_slice(&[0xff; 4]);
        }
        let mut key = md5(&input).to_vec();
        if r >= 3 {
            for _ in 0..50 {
                key = md5(&key[..n]).to_vec();
            }
        }
        key.truncate(n);
        // Algorithms 4/5: the key must reproduce /U.
        let ok = if r == 2 {
            rc4(&key, &PAD) == u[..32]
        } else {
            let mut input = PAD.to_vec();
            input.extend_from_slice(id0);
            let mut x = md5(&input).to_vec();
            for i in 0..20u8 {
                let k: Vec<u8> = key.iter().map(|b| b ^ i).collect();
                x = rc4(&k, &x);
            }
            x[..16] == u[..16]
        };
        ok.then_some(Decryptor {
            key,
            strings,
            streams,
        })
    }

    fn object_key(&self, num: u32, gen: u16, aes: bool) -> Vec<u8> {
        let mut input = self.key.clone();
        input.extend_from_slice(&num.to_le_bytes()[..3]);
        input.extend_from_slice(&gen.to_le_bytes());
        if aes {
            input.extend_from_slice(b"sAlT");
        }
        let digest = md5(&input);
        digest[..(self.key.len() + 5).min(16)].to_vec()
    }

    fn apply(&self, cipher: Cipher, data: &[u8], num: u32, gen: u16) -> Vec<u8> {
        match cipher {
            Cipher::Identity => data.to_vec(),
            Cipher::Rc4 => rc4(&self.object_key(num, gen, false), data),
            Cipher::Aes128 => aes128_cbc_decrypt(&self.object_key(num, gen, true), data),
        }
    }

    pub fn stream(&self, data: &[u8], num: u32, gen: u16) -> Vec<u8> {
        self.apply(self.streams, data, num, gen)
    }

    /// Every string inside `obj` decrypted (object `num`, `gen`).
    pub fn strings(&self, obj: Obj, num: u32, gen: u16) -> Obj {
        self.walk(obj, num, gen, 0)
    }

    fn walk(&self, obj: Obj, num: u32, gen: u16, depth: u32) -> Obj {
        if depth > super::lex::MAX_DEPTH {
            return obj;
        }
        match obj {
            Obj::Str(s) => Obj::Str(self.apply(self.strings, &s, num, gen)),
            Obj::Array(a) => Obj::Array(std::rc::Rc::new(
                a.iter()
                    .map(|o| self.walk(o.clone(), num, gen, depth + 1))
                    .collect(),
            )),
            Obj::Dict(d) => Obj::Dict(std::rc::Rc::new(self.dict(&d, num, gen, depth))),
            Obj::Stream(d, s, e) => {
                Obj::Stream(std::rc::Rc::new(self.dict(&d, num, gen, depth)), s, e)
            }
            other => other,
        }
    }

    fn dict(&self, d: &Dict, num: u32, gen: u16, depth: u32) -> Dict {
        Dict(
            d.0.iter()
                .map(|(k, v)| (k.clone(), self.walk(v.clone(), num, gen, depth + 1)))
                .collect(),
        )
    }
}

pub fn rc4(key: &[u8], data: &[u8]) -> Vec<u8> {
    if key.is_empty() {
        return data.to_vec();
    }
    let mut s: [u8; 256] = std::array::from_fn(|i| i as u8);
    let mut j = 0u8;
    for i in 0..256 {
        j = j.wrapping_add(s[i]).wrapping_add(key[i % key.len().max(1)]);
        s.swap(i, j as usize);
    }
    let (mut i, mut j) = (0u8, 0u8);
    data.iter()
        .map(|&b| {
            i = i.wrapping_add(1);
            j = j.wrapping_add(s[i as usize]);
            s.swap(i as usize, j as usize);
            b ^ s[s[i as usize].wrapping_add(s[j as usize]) as usize]
        })
        .collect()
}

pub fn md5(data: &[u8]) -> [u8; 16] {
    const S: [u32; 64] = [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5,
        9, 14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10,
        15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    ];
    // floor(|sin(i + 1)| · 2^32), written out (no floating point).
    const K: [u32; 64] = [
        0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613,
        0xfd469501, 0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193,
        0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d,
        0x02441453, 0xd8a1e681, 0xe7d3fbc8, 0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed,
        0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122,
        0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa,
        0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665, 0xf4292244,
        0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
        0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb,
        0xeb86d391,
    ];
    let mut h: [u32; 4] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&((data.len() as u64).wrapping_mul(8)).to_le_bytes());
    for chunk in msg.chunks_exact(64) {
        let m: [u32; 16] = std::array::from_fn(|i| {
            u32::from_le_bytes(chunk[4 * i..4 * i + 4].try_into().unwrap())
        });
        let [mut a, mut b, mut c, mut d] = h;
        for i in 0..64 {
            let (f, g) = match i / 16 {
                0 => ((b & c) | (!b & d), i),
                1 => ((d & b) | (!d & c), (5 * i + 1) % 16),
                2 => (b ^ c ^ d, (3 * i + 5) % 16),
                _ => (c ^ (b | !d), (7 * i) % 16),
            };
            let f = f.wrapping_add(a).wrapping_add(K[i]).wrapping_add(m[g]);
            a = d;
            d = c;
            c = b;
            b = b.wrapping_add(f.rotate_left(S[i]));
        }
        h[0] = h[0].wrapping_add(a);
        h[1] = h[1].wrapping_add(b);
        h[2] = h[2].wrapping_add(c);
        h[3] = h[3].wrapping_add(d);
    }
    let mut out = [0u8; 16];
    for (i, v) in h.iter().enumerate() {
        out[4 * i..4 * i + 4].copy_from_slice(&v.to_le_bytes());
    }
    out
}

/// AES-128-CBC decryption; the first block is the IV, PKCS#7 padding is
/// removed (a damaged tail is kept as decrypted).
pub fn aes128_cbc_decrypt(key: &[u8], data: &[u8]) -> Vec<u8> {
    if data.len() < 32 || key.len() != 16 {
        return Vec::new();
    }
    // The S-box and its inverse, computed once (every string and stream of
    // an AES file is decrypted with them).
    static TABLES: std::sync::OnceLock<([u8; 256], [u8; 256])> = std::sync::OnceLock::new();
    let (sbox, inv) = TABLES.get_or_init(|| {
        let sbox = sbox();
        let mut inv = [0u8; 256];
        for (i, &s) in sbox.iter().enumerate() {
            inv[s as usize] = i as u8;
        }
        (sbox, inv)
    });
    let round_keys = expand_key(key, sbox);
    let mut out = Vec::with_capacity(data.len());
    let mut prev: [u8; 16] = data[..16].try_into().unwrap();
    for block in data[16..].chunks_exact(16) {
        let mut state: [u8; 16] = block.try_into().unwrap();
        add_round_key(&mut state, &round_keys[10]);
        for round in (1..10).rev() {
            inv_shift_rows(&mut state);
            state.iter_mut().for_each(|b| *b = inv[*b as usize]);
            add_round_key(&mut state, &round_keys[round]);
            inv_mix_columns(&mut state);
        }
        inv_shift_rows(&mut state);
        state.iter_mut().for_each(|b| *b = inv[*b as usize]);
        add_round_key(&mut state, &round_keys[0]);
        for i in 0..16 {
            state[i] ^= prev[i];
        }
        prev = block.try_into().unwrap();
        out.extend_from_slice(&state);
    }
    if let Some(&pad) = out.last() {
        if (1..=16).contains(&pad)
            && out.len() >= pad as usize
            && out[out.len() - pad as usize..].iter().all(|&b| b == pad)
        {
            out.truncate(out.len() - pad as usize);
        }
    }
    out
}

fn xtime(b: u8) -> u8 {
    (b << 1) ^ if b & 0x80 != 0 { 0x1b } else { 0 }
}

fn gmul(mut a: u8, mut b: u8) -> u8 {
    let mut p = 0;
    while b != 0 {
        if b & 1 != 0 {
            p ^= a;
        }
        a = xtime(a);
        b >>= 1;
    }
    p
}

/// The AES S-box, computed (multiplicative inverse and affine map).
fn sbox() -> [u8; 256] {
    let mut sbox = [0u8; 256];
    for (i, out) in sbox.iter_mut().enumerate() {
        let inv = if i == 0 {
            0
        } else {
            (1..=255u8).find(|&x| gmul(i as u8, x) == 1).unwrap_or(0)
        };
        let mut s = inv;
        for shift in 1..5 {
            s ^= inv.rotate_left(shift);
        }
        *out = s ^ 0x63;
    }
    sbox
}

fn expand_key(key: &[u8], sbox: &[u8; 256]) -> [[u8; 16]; 11] {
    let mut w = [[0u8; 4]; 44];
    for i in 0..4 {
        w[i].copy_from_slice(&key[4 * i..4 * i + 4]);
    }
    let mut rcon = 1u8;
    for i in 4..44 {
        let mut t = w[i - 1];
        if i % 4 == 0 {
            t = [
                sbox[t[1] as usize] ^ rcon,
                sbox[t[2] as usize],
                sbox[t[3] as usize],
                sbox[t[0] as usize],
            ];
            rcon = xtime(rcon);
        }
        for j in 0..4 {
            w[i][j] = w[i - 4][j] ^ t[j];
        }
    }
    std::array::from_fn(|r| std::array::from_fn(|b| w[4 * r + b / 4][b % 4]))
}

fn add_round_key(state: &mut [u8; 16], key: &[u8; 16]) {
    for i in 0..16 {
        state[i] ^= key[i];
    }
}

fn inv_shift_rows(s: &mut [u8; 16]) {
    let copy = *s;
    for c in 0..4 {
        for r in 0..4 {
            s[4 * ((c + r) % 4) + r] = copy[4 * c + r];
        }
    }
}

fn inv_mix_columns(s: &mut [u8; 16]) {
    for c in 0..4 {
        let col = [s[4 * c], s[4 * c + 1], s[4 * c + 2], s[4 * c + 3]];
        for r in 0..4 {
            s[4 * c + r] = gmul(col[r], 14)
                ^ gmul(col[(r + 1) % 4], 11)
                ^ gmul(col[(r + 2) % 4], 13)
                ^ gmul(col[(r + 3) % 4], 9);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn md5_rc4_aes_known_answers() {
        let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
        assert_eq!(hex(&md5(b"")), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(
            hex(&md5(b"The quick brown fox jumps over the lazy dog")),
            "9e107d9d372bb6826bd81d3542a419d6"
        );
        assert_eq!(hex(&rc4(b"Key", b"Plaintext")), "bbf316e8d940af0ad3");
        // FIPS-197 C.1 as one CBC block with a zero IV (+ a padding block is
        // absent, so nothing is stripped unless it looks like padding).
        let key: Vec<u8> = (0..16).collect();
        let mut data = vec![0u8; 16];
        data.extend_from_slice(&[
            0x69, 0xc4, 0xe0, 0xd8, 0x6a, 0x7b, 0x04, 0x30, 0xd8, 0xcd, 0xb7, 0x80, 0x70, 0xb4,
            0xc5, 0x5a,
        ]);
        assert_eq!(
            hex(&aes128_cbc_decrypt(&key, &data)),
            "00112233445566778899aabbccddeeff"
        );
    }
}
