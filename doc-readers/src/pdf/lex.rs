//! PDF tokens and objects (ISO 32000-1 §7.2–7.3), for the file structure and
//! for content streams alike. Tolerant: a malformed token is skipped, never
//! an error; nesting deeper than [`MAX_DEPTH`] is cut off.

use std::rc::Rc;

/// Arrays and dictionaries nested deeper than this are read as null.
pub const MAX_DEPTH: u32 = 64;

#[derive(Debug, Clone, PartialEq)]
pub enum Obj {
    Null,
    Bool(bool),
    Int(i64),
    Real(f64),
    Name(Vec<u8>),
    Str(Vec<u8>),
    Array(Rc<Vec<Obj>>),
    Dict(Rc<Dict>),
    Ref(u32, u16),
    /// A stream: its dictionary and where its raw bytes are in the file.
    Stream(Rc<Dict>, usize, usize),
}

impl Obj {
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Obj::Int(i) => Some(*i as f64),
            Obj::Real(r) => Some(*r),
            _ => None,
        }
    }
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Obj::Int(i) => Some(*i),
            Obj::Real(r) if r.is_finite() => Some(*r as i64),
            _ => None,
        }
    }
    pub fn as_name(&self) -> Option<&[u8]> {
        match self {
            Obj::Name(n) => Some(n),
            _ => None,
        }
    }
    pub fn as_dict(&self) -> Option<&Dict> {
        match self {
            Obj::Dict(d) | Obj::Stream(d, _, _) => Some(d),
            _ => None,
        }
    }
    pub fn as_array(&self) -> Option<&[Obj]> {
        match self {
            Obj::Array(a) => Some(a),
            _ => None,
        }
    }
}

/// A dictionary: few keys, so a list searched in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dict(pub Vec<(Vec<u8>, Obj)>);

impl Dict {
    pub fn get(&self, key: &[u8]) -> Option<&Obj> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
    pub fn name(&self, key: &[u8]) -> Option<&[u8]> {
        self.get(key).and_then(Obj::as_name)
    }
}

/// A token of a content stream or a file: an object, or an operator keyword.
#[derive(Debug, Clone, PartialEq)]
pub enum Token<'a> {
    Obj(Obj),
    Keyword(&'a [u8]),
}

pub fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

pub fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(b: u8) -> bool {
    !is_white(b) && !is_delim(b)
}

pub struct Lexer<'a> {
    pub buf: &'a [u8],
    pub pos: usize,
}

impl<'a> Lexer<'a> {
    pub fn new(buf: &'a [u8], pos: usize) -> Self {
        Lexer {
            buf,
            pos: pos.min(buf.len()),
        }
    }

    pub fn skip_white(&mut self) {
        while self.pos < self.buf.len() {
            let b = self.buf[self.pos];
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while self.pos < self.buf.len() && !matches!(self.buf[self.pos], b'\r' | b'\n') {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The next token; `None` at the end of the buffer. Integers followed by
    /// `G R` are references; a stray `)`, `>`, `]` or `}` is a keyword.
    pub fn next(&mut self) -> Option<Token<'a>> {
        self.token(0)
    }

    fn token(&mut self, depth: u32) -> Option<Token<'a>> {
        self.skip_white();
        let b = *self.buf.get(self.pos)?;
        let start = self.pos;
        match b {
            b'/' => {
                self.pos += 1;
                Some(Token::Obj(Obj::Name(self.name())))
            }
            b'(' => {
                self.pos += 1;
                Some(Token::Obj(Obj::Str(self.literal())))
            }
            b'<' if self.buf.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                Some(Token::Obj(self.dict(depth)))
            }
            b'<' => {
                self.pos += 1;
                Some(Token::Obj(Obj::Str(self.hex())))
            }
            b'[' => {
                self.pos += 1;
                Some(Token::Obj(self.array(depth)))
            }
            b'{' | b'}' | b')' | b'>' | b']' => {
                self.pos += 1;
                if b == b'>' && self.buf.get(self.pos) == Some(&b'>') {
                    self.pos += 1;
                    return Some(Token::Keyword(&self.buf[start..self.pos]));
                }
                Some(Token::Keyword(&self.buf[start..self.pos]))
            }
            _ => {
                while self.pos < self.buf.len() && is_regular(self.buf[self.pos]) {
                    self.pos += 1;
                }
                let word = &self.buf[start..self.pos];
                if let Some(number) = number(word) {
                    if let Obj::Int(n) = number {
                        if let Some(r) = self.reference(n) {
                            return Some(Token::Obj(r));
                        }
                    }
                    return Some(Token::Obj(number));
                }
                Some(Token::Obj(match word {
                    b"true" => Obj::Bool(true),
                    b"false" => Obj::Bool(false),
                    b"null" => Obj::Null,
                    _ => return Some(Token::Keyword(word)),
                }))
            }
        }
    }

    /// After an integer: `G R` makes it a reference; otherwise nothing moves.
    fn reference(&mut self, num: i64) -> Option<Obj> {
        let save = self.pos;
        let found = (|| {
            if !(0..=u32::MAX as i64).contains(&num) {
                return None;
            }
            self.skip_white();
            let start = self.pos;
            while self.pos < self.buf.len() && self.buf[self.pos].is_ascii_digit() {
                self.pos += 1;
            }
            if self.pos == start || self.pos - start > 5 {
                return None;
            }
            let gen: u32 = std::str::from_utf8(&self.buf[start..self.pos])
                .ok()?
                .parse()
                .ok()?;
            self.skip_white();
            if self.buf.get(self.pos) != Some(&b'R') {
                return None;
            }
            if self.buf.get(self.pos + 1).is_some_and(|&b| is_regular(b)) {
                return None;
            }
            self.pos += 1;
            Some(Obj::Ref(num as u32, gen.min(u16::MAX as u32) as u16))
        })();
        if found.is_none() {
            self.pos = save;
        }
        found
    }

    /// An object; keywords where an object belongs are skipped over.
    pub fn object(&mut self, depth: u32) -> Option<Obj> {
        match self.token(depth)? {
            Token::Obj(o) => Some(o),
            Token::Keyword(_) => Some(Obj::Null),
        }
    }

    fn name(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        while self.pos < self.buf.len() && is_regular(self.buf[self.pos]) {
            let b = self.buf[self.pos];
            self.pos += 1;
            if b == b'#' {
                let hi = self.buf.get(self.pos).and_then(|&c| hex_val(c));
                let lo = self.buf.get(self.pos + 1).and_then(|&c| hex_val(c));
                if let (Some(hi), Some(lo)) = (hi, lo) {
                    out.push(hi << 4 | lo);
                    self.pos += 2;
                    continue;
                }
            }
            out.push(b);
        }
        out
    }

    fn literal(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut nesting = 0u32;
        while let Some(&b) = self.buf.get(self.pos) {
            self.pos += 1;
            match b {
                b'(' => {
                    nesting += 1;
                    out.push(b);
                }
                b')' => {
                    if nesting == 0 {
                        break;
                    }
                    nesting -= 1;
                    out.push(b);
                }
                b'\\' => {
                    let Some(&e) = self.buf.get(self.pos) else {
                        break;
                    };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.buf.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = (e - b'0') as u32;
                            for _ in 0..2 {
                                match self.buf.get(self.pos) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + (d - b'0') as u32;
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(b),
            }
        }
        out
    }

    fn hex(&mut self) -> Vec<u8> {
        let (out, used) = hex_string(&self.buf[self.pos..]);
        self.pos += used;
        out
    }

    fn array(&mut self, depth: u32) -> Obj {
        let mut items = Vec::new();
        loop {
            self.skip_white();
            match self.buf.get(self.pos) {
                None => break,
                Some(b']') => {
                    self.pos += 1;
                    break;
                }
                _ => {}
            }
            if depth >= MAX_DEPTH {
                self.skip_nested(b'[', b']');
                return Obj::Null;
            }
            match self.token(depth + 1) {
                Some(Token::Obj(o)) => items.push(o),
                Some(Token::Keyword(k)) if k == b"endobj" || k == b"stream" => {
                    self.pos -= k.len();
                    break;
                }
                Some(Token::Keyword(_)) => {}
                None => break,
            }
        }
        Obj::Array(Rc::new(items))
    }

    fn dict(&mut self, depth: u32) -> Obj {
        let mut entries = Vec::new();
        loop {
            self.skip_white();
            match self.buf.get(self.pos) {
                None => break,
                Some(b'>') => {
                    self.pos += 1;
                    if self.buf.get(self.pos) == Some(&b'>') {
                        self.pos += 1;
                    }
                    break;
                }
                Some(b'/') => {}
                Some(_) => {
                    // Junk where a key belongs: skip one token.
                    match self.token(MAX_DEPTH) {
                        Some(Token::Keyword(k)) if k == b"endobj" || k == b"stream" => {
                            self.pos -= k.len();
                            break;
                        }
                        None => break,
                        _ => continue,
                    }
                }
            }
            if depth >= MAX_DEPTH {
                self.skip_nested(b'<', b'>');
                return Obj::Null;
            }
            self.pos += 1;
            let key = self.name();
            self.skip_white();
            if self.buf.get(self.pos) == Some(&b'>') {
                entries.push((key, Obj::Null));
                continue;
            }
            let value = match self.token(depth + 1) {
                Some(Token::Obj(o)) => o,
                Some(Token::Keyword(k)) if k == b"endobj" || k == b"stream" => {
                    self.pos -= k.len();
                    entries.push((key, Obj::Null));
                    break;
                }
                Some(Token::Keyword(_)) => Obj::Null,
                None => break,
            };
            entries.push((key, value));
        }
        Obj::Dict(Rc::new(Dict(entries)))
    }

    /// Past too-deep nesting without building anything (strings skipped).
    fn skip_nested(&mut self, open: u8, close: u8) {
        let mut level = 1usize;
        while let Some(&b) = self.buf.get(self.pos) {
            self.pos += 1;
            if b == b'(' {
                self.literal();
            } else if b == open {
                level += 1;
            } else if b == close {
                level -= 1;
                if level == 0 {
                    if close == b'>' && self.buf.get(self.pos) == Some(&b'>') {
                        self.pos += 1;
                    }
                    return;
                }
            }
        }
    }
}

/// The bytes of a hex string (`<48656C6C6F>` after its `<`, or an
/// ASCIIHexDecode stream): digit pairs up to `>` or the end, white space
/// and other bytes passed over, an odd last digit as its high half. Returns
/// them and how many input bytes were read (the `>` included).
pub fn hex_string(data: &[u8]) -> (Vec<u8>, usize) {
    let mut out = Vec::with_capacity(data.len() / 2);
    let mut half: Option<u8> = None;
    let mut used = data.len();
    for (i, &b) in data.iter().enumerate() {
        if b == b'>' {
            used = i + 1;
            break;
        }
        if let Some(v) = hex_val(b) {
            match half.take() {
                Some(h) => out.push(h << 4 | v),
                None => half = Some(v),
            }
        }
    }
    if let Some(h) = half {
        out.push(h << 4);
    }
    (out, used)
}

pub fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// A PDF number (`12`, `-3.5`, `.5`, `4.`), or `None`.
pub fn number(word: &[u8]) -> Option<Obj> {
    let first = *word.first()?;
    if !(first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.')) || word.len() > 40 {
        return None;
    }
    let text = std::str::from_utf8(word).ok()?;
    if !word.contains(&b'.') {
        if let Ok(i) = text.parse::<i64>() {
            return Some(Obj::Int(i));
        }
    }
    // Some writers emit `--5` or `5.-`: tolerate by trimming the oddities.
    let cleaned: String = text
        .trim_start_matches(['+', '-'])
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let value: f64 = if cleaned.is_empty() || cleaned == "." {
        0.0
    } else {
        cleaned.parse().ok()?
    };
    let negative = text.starts_with('-');
    Some(Obj::Real(if negative { -value } else { value }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(s: &str) -> Obj {
        Lexer::new(s.as_bytes(), 0).object(0).unwrap()
    }

    #[test]
    fn numbers_names_strings_refs() {
        assert_eq!(obj("42"), Obj::Int(42));
        assert_eq!(obj("-.5"), Obj::Real(-0.5));
        assert_eq!(obj("/A#20B"), Obj::Name(b"A B".to_vec()));
        assert_eq!(obj("(a\\(b\\)\\101)"), Obj::Str(b"a(b)A".to_vec()));
        assert_eq!(obj("<4E6F7>"), Obj::Str(vec![0x4e, 0x6f, 0x70]));
        assert_eq!(obj("12 0 R"), Obj::Ref(12, 0));
        let Obj::Array(a) = obj("[1 2 R 3]") else {
            panic!()
        };
        assert_eq!(a.as_slice(), &[Obj::Ref(1, 2), Obj::Int(3)]);
    }

    #[test]
    fn dictionaries_and_depth() {
        let d = obj("<</Type/Page/Kids[3 0 R]/N null>>");
        let d = d.as_dict().unwrap();
        assert_eq!(d.name(b"Type"), Some(&b"Page"[..]));
        assert_eq!(d.get(b"N"), Some(&Obj::Null));
        let deep = "[".repeat(10_000);
        assert!(Lexer::new(deep.as_bytes(), 0).object(0).is_some());
        let deep = "<</A ".repeat(10_000);
        assert!(Lexer::new(deep.as_bytes(), 0).object(0).is_some());
    }
}
