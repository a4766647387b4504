//! The file structure (ISO 32000-1 §7.5): cross-reference tables and
//! streams with their `/Prev` chain (incremental updates: the newest entry of
//! an object wins), object streams, and — when the cross-reference data is
//! missing or wrong — a rebuild by scanning the file for `N G obj`.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use super::filter::{self, Budget, FilterError};
use super::lex::{Dict, Lexer, Obj, Token};

/// Where an object lives.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Entry {
    /// At this byte offset of the file.
    Offset(usize),
    /// The `index`-th object of object stream `stream`.
    InStream { stream: u32, index: usize },
}

/// An object stream: its decoded data and (object number, offset) pairs.
type ObjStm = (Vec<u8>, Vec<(u32, usize)>);

/// Cross-reference sections followed through `/Prev` at most.
const MAX_SECTIONS: usize = 256;
/// A reference chain `1 0 R` → `2 0 R` → … is followed this far.
const MAX_HOPS: usize = 32;
/// Objects one object stream may claim.
const MAX_OBJSTM_OBJECTS: usize = 100_000;

pub struct File<'a> {
    pub bytes: &'a [u8],
    xref: HashMap<u32, Entry>,
    pub trailer: Dict,
    cache: RefCell<HashMap<u32, Obj>>,
    objstm: RefCell<HashMap<u32, Rc<ObjStm>>>,
    /// Objects being loaded: a stream whose `/Length` refers back to itself
    /// (or an object stream inside itself) reads as null, not forever.
    loading: RefCell<HashSet<u32>>,
    pub budget: Budget,
    /// Bytes the object lexer may still read: every parse is charged what it
    /// read, so overlapping or unterminated objects cannot make the work
    /// quadratic in the file size.
    work: Cell<usize>,
    /// Decrypts strings and streams of a file encrypted for the empty user
    /// password; the number of the encryption dictionary, left as it is.
    crypt: Option<(super::crypt::Decryptor, Option<u32>)>,
    /// Which object each stream's data belongs to (its key), by data start.
    stream_owner: RefCell<HashMap<usize, (u32, u16)>>,
}

impl<'a> File<'a> {
    pub fn open(bytes: &'a [u8], inflate_cap: usize) -> Result<File<'a>, &'static str> {
        let mut file = File {
            bytes,
            xref: HashMap::new(),
            trailer: Dict::default(),
            cache: RefCell::new(HashMap::new()),
            objstm: RefCell::new(HashMap::new()),
            loading: RefCell::new(HashSet::new()),
            budget: Budget(Cell::new(inflate_cap)),
            work: Cell::new(bytes.len().saturating_mul(16).saturating_add(64 << 20)),
            crypt: None,
            stream_owner: RefCell::new(HashMap::new()),
        };
        let read = file.read_xref_chain();
        let has_root = |f: &File| {
            f.trailer.get(b"Root").is_some()
                && f.resolve(f.trailer.get(b"Root").unwrap())
                    .as_dict()
                    .is_some()
        };
        if read.is_err() || !has_root(&file) {
            file.rebuild();
            if !has_root(&file) {
                return Err("no document catalog");
            }
        }
        Ok(file)
    }

    fn read_xref_chain(&mut self) -> Result<(), ()> {
        let tail = &self.bytes[self.bytes.len().saturating_sub(2048)..];
        let at = rfind(tail, b"startxref").ok_or(())?;
        let mut lex = Lexer::new(tail, at + 9);
        let mut offset = match lex.object(0) {
            Some(Obj::Int(n)) if n >= 0 => n as usize,
            _ => return Err(()),
        };
        let mut seen = HashSet::new();
        let mut first = true;
        while seen.insert(offset) && seen.len() <= MAX_SECTIONS {
            let trailer = self.read_section(offset)?;
            if let Some(stm) = trailer.get(b"XRefStm").and_then(Obj::as_int) {
                // A hybrid file's stream section adds to the table's.
                if stm >= 0 && seen.insert(stm as usize) {
                    let _ = self.read_section(stm as usize);
                }
            }
            let prev = trailer.get(b"Prev").and_then(Obj::as_int);
            if first {
                self.trailer = trailer;
                first = false;
            } else {
                for (k, v) in trailer.0 {
                    if self.trailer.get(&k).is_none() {
                        self.trailer.0.push((k, v));
                    }
                }
            }
            match prev {
                Some(p) if p >= 0 => offset = p as usize,
                _ => break,
            }
        }
        Ok(())
    }

    /// One section at `offset`: a table (`xref` … `trailer`) or an xref
    /// stream. Entries already known (from a newer section) are kept.
    fn read_section(&mut self, offset: usize) -> Result<Dict, ()> {
        let mut lex = Lexer::new(self.bytes, offset);
        lex.skip_white();
        if self.bytes[lex.pos..].starts_with(b"xref") {
            lex.pos += 4;
            loop {
                match lex.next() {
                    Some(Token::Obj(Obj::Int(start))) => {
                        let Some(Token::Obj(Obj::Int(count))) = lex.next() else {
                            return Err(());
                        };
                        if start < 0 || !(0..=10_000_000).contains(&count) {
                            return Err(());
                        }
                        for i in 0..count as u32 {
                            let (
                                Some(Token::Obj(off)),
                                Some(Token::Obj(_gen)),
                                Some(Token::Keyword(kind)),
                            ) = (lex.next(), lex.next(), lex.next())
                            else {
                                return Err(());
                            };
                            let num = start as u32 + i;
                            if kind == b"n" {
                                if let Some(off) = off.as_int().filter(|&o| o > 0) {
                                    self.xref.entry(num).or_insert(Entry::Offset(off as usize));
                                }
                            } else {
                                // A free entry shadows older sections too.
                                self.xref.entry(num).or_insert(Entry::Offset(0));
                            }
                        }
                    }
                    Some(Token::Keyword(b"trailer")) => {
                        return match lex.object(0) {
                            Some(Obj::Dict(d)) => Ok((*d).clone()),
                            _ => Err(()),
                        };
                    }
                    _ => return Err(()),
                }
            }
        }
        // An xref stream: `N G obj << /Type /XRef … >> stream`.
        let obj = self.parse_at(offset, None).ok_or(())?;
        let Obj::Stream(dict, _, _) = &obj else {
            return Err(());
        };
        if dict.name(b"Type") != Some(b"XRef") {
            return Err(());
        }
        let data = self.stream_data(&obj).map_err(|_| ())?;
        let widths: Vec<usize> = dict
            .get(b"W")
            .and_then(Obj::as_array)
            .ok_or(())?
            .iter()
            .map(|w| w.as_int().unwrap_or(0).clamp(0, 8) as usize)
            .collect();
        if widths.len() < 3 {
            return Err(());
        }
        let row: usize = widths.iter().sum();
        if row == 0 {
            return Err(());
        }
        let size = dict.get(b"Size").and_then(Obj::as_int).unwrap_or(0).max(0);
        let index: Vec<i64> = match dict.get(b"Index").and_then(Obj::as_array) {
            Some(a) => a.iter().map(|o| o.as_int().unwrap_or(0)).collect(),
            None => vec![0, size],
        };
        let mut rows = data.chunks_exact(row);
        for pair in index.chunks_exact(2) {
            let (start, count) = (pair[0].max(0) as u32, pair[1].max(0));
            for i in 0..count {
                let Some(r) = rows.next() else { break };
                let field = |n: usize, default: u64| {
                    let from: usize = widths[..n].iter().sum();
                    if widths[n] == 0 {
                        return default;
                    }
                    r[from..from + widths[n]]
                        .iter()
                        .fold(0u64, |a, &b| a << 8 | b as u64)
                };
                let num = start.saturating_add(i as u32);
                let entry = match field(0, 1) {
                    0 => Entry::Offset(0),
                    1 => Entry::Offset(field(1, 0) as usize),
                    2 => Entry::InStream {
                        stream: field(1, 0) as u32,
                        index: field(2, 0) as usize,
                    },
                    _ => continue,
                };
                self.xref.entry(num).or_insert(entry);
            }
        }
        Ok((**dict).clone())
    }

    /// The cross-reference data rebuilt from the objects themselves: every
    /// `N G obj` in the file (the last one of a number wins), the members of
    /// object streams, and the last `trailer` or a catalog as the trailer.
    fn rebuild(&mut self) {
        self.xref.clear();
        self.cache.borrow_mut().clear();
        let bytes = self.bytes;
        let mut streams = Vec::new();
        let mut i = 0;
        while let Some(found) = find(&bytes[i..], b"obj") {
            let at = i + found;
            i = at + 3;
            if let Some((num, start)) = object_header_before(bytes, at) {
                if bytes
                    .get(at + 3)
                    .is_some_and(|&b| super::lex::is_white(b) || super::lex::is_delim(b))
                {
                    self.xref.insert(num, Entry::Offset(start));
                    streams.push(num);
                }
            }
        }
        let mut trailer = Dict::default();
        if let Some(at) = rfind(bytes, b"trailer") {
            if let Some(Obj::Dict(d)) = Lexer::new(bytes, at + 7).object(0) {
                trailer = (*d).clone();
            }
        }
        let mut members = Vec::new();
        let mut root = None;
        for num in streams {
            let Some(obj) = self.object(num) else {
                continue;
            };
            let Some(dict) = obj.as_dict() else { continue };
            match dict.name(b"Type") {
                Some(b"ObjStm") => {
                    if let Some(stm) = self.objstm(num) {
                        for (index, (member, _)) in stm.1.iter().enumerate() {
                            members.push((*member, num, index));
                        }
                    }
                }
                Some(b"Catalog") => root = Some(num),
                Some(b"XRef") => {
                    for (k, v) in dict.0.iter() {
                        if matches!(k.as_slice(), b"Root" | b"Info" | b"Encrypt")
                            && trailer.get(k).is_none()
                        {
                            trailer.0.push((k.clone(), v.clone()));
                        }
                    }
                }
                _ => {}
            }
        }
        for (member, stream, index) in members {
            self.xref
                .entry(member)
                .or_insert(Entry::InStream { stream, index });
        }
        if trailer.get(b"Root").is_none()
            || self
                .resolve(trailer.get(b"Root").unwrap())
                .as_dict()
                .is_none()
        {
            // Find a catalog among the members too.
            let nums: Vec<u32> = self.xref.keys().copied().collect();
            let root = root.or_else(|| {
                nums.into_iter()
                    .filter(|&n| {
                        self.object(n)
                            .and_then(|o| o.as_dict().map(|d| d.name(b"Type") == Some(b"Catalog")))
                            .unwrap_or(false)
                    })
                    .min()
            });
            if let Some(root) = root {
                trailer.0.retain(|(k, _)| k != b"Root");
                trailer.0.push((b"Root".to_vec(), Obj::Ref(root, 0)));
            }
        }
        self.trailer = trailer;
    }

    /// From now on strings and streams are decrypted with `crypt`; objects
    /// read before (the encryption dictionary among them) are read again.
    pub fn set_decryptor(&mut self, crypt: super::crypt::Decryptor, encrypt_num: Option<u32>) {
        self.crypt = Some((crypt, encrypt_num));
        self.cache.borrow_mut().clear();
        self.objstm.borrow_mut().clear();
    }

    /// Object `num`, loaded once and cached.
    pub fn object(&self, num: u32) -> Option<Obj> {
        if let Some(o) = self.cache.borrow().get(&num) {
            return Some(o.clone());
        }
        if !self.loading.borrow_mut().insert(num) {
            return None;
        }
        let obj = match self.xref.get(&num) {
            Some(Entry::Offset(0)) | None => None,
            Some(Entry::Offset(off)) => {
                self.parse_at(*off, Some(num)).map(|obj| match &self.crypt {
                    // Strings in an object stream were decrypted with the stream.
                    Some((crypt, encrypt)) if *encrypt != Some(num) => {
                        crypt.strings(obj, num, self.gen_of(*off))
                    }
                    _ => obj,
                })
            }
            Some(Entry::InStream { stream, index }) => self.in_objstm(*stream, *index),
        };
        self.loading.borrow_mut().remove(&num);
        let obj = obj?;
        self.cache.borrow_mut().insert(num, obj.clone());
        Some(obj)
    }

    fn gen_of(&self, offset: usize) -> u16 {
        let mut lex = Lexer::new(self.bytes, offset);
        lex.object(0);
        lex.object(0)
            .and_then(|g| g.as_int())
            .unwrap_or(0)
            .clamp(0, u16::MAX as i64) as u16
    }

    /// Follows references to the object itself (null when missing).
    pub fn resolve(&self, obj: &Obj) -> Obj {
        let mut obj = obj.clone();
        for _ in 0..MAX_HOPS {
            match obj {
                Obj::Ref(n, _) => obj = self.object(n).unwrap_or(Obj::Null),
                other => return other,
            }
        }
        Obj::Null
    }

    /// A dictionary entry, resolved.
    pub fn get(&self, dict: &Dict, key: &[u8]) -> Obj {
        dict.get(key).map(|o| self.resolve(o)).unwrap_or(Obj::Null)
    }

    /// `N G obj … endobj` at `offset`; `expect` checks the number.
    fn parse_at(&self, offset: usize, expect: Option<u32>) -> Option<Obj> {
        if self.work.get() == 0 {
            return None;
        }
        let mut lex = Lexer::new(self.bytes, offset);
        let obj = self.parse_object_at(&mut lex, expect);
        self.charge(lex.pos.saturating_sub(offset));
        obj
    }

    fn charge(&self, n: usize) {
        self.work.set(self.work.get().saturating_sub(n));
    }

    fn parse_object_at(&self, lex: &mut Lexer, expect: Option<u32>) -> Option<Obj> {
        let num = lex.object(0)?.as_int()?;
        let gen = lex.object(0)?.as_int()?;
        if expect.is_some_and(|e| e as i64 != num) {
            return None;
        }
        match lex.next()? {
            Token::Keyword(b"obj") => {}
            _ => return None,
        }
        let obj = lex.object(0)?;
        let Obj::Dict(dict) = obj else {
            return Some(obj);
        };
        let save = lex.pos;
        if lex.next() != Some(Token::Keyword(b"stream")) {
            lex.pos = save;
            return Some(Obj::Dict(dict));
        }
        // The data starts after the EOL that ends the `stream` line.
        let mut start = lex.pos;
        if self.bytes.get(start) == Some(&b'\r') {
            start += 1;
        }
        if self.bytes.get(start) == Some(&b'\n') {
            start += 1;
        }
        let declared = dict.get(b"Length").map(|l| match l {
            Obj::Ref(n, _) if expect == Some(*n) => Obj::Null,
            other => self.resolve(other),
        });
        let declared = declared
            .and_then(|l| l.as_int())
            .filter(|&l| l >= 0)
            .map(|l| l as usize);
        let end = match declared {
            Some(len)
                if start + len <= self.bytes.len()
                    && looks_like_end(&self.bytes[start + len..]) =>
            {
                start + len
            }
            _ => {
                // A wrong or missing length: up to `endstream`.
                let to = find(&self.bytes[start..], b"endstream")
                    .map(|i| start + i)
                    .unwrap_or(self.bytes.len());
                self.charge(to - start);
                let mut end = to;
                if end > start && self.bytes[end - 1] == b'\n' {
                    end -= 1;
                }
                if end > start && self.bytes[end - 1] == b'\r' {
                    end -= 1;
                }
                end
            }
        };
        if (0..=u32::MAX as i64).contains(&num) {
            self.stream_owner
                .borrow_mut()
                .insert(start, (num as u32, gen.clamp(0, u16::MAX as i64) as u16));
        }
        Some(Obj::Stream(dict, start, end))
    }

    /// A stream's decoded bytes.
    pub fn stream_data(&self, obj: &Obj) -> Result<Vec<u8>, FilterError> {
        let Obj::Stream(dict, start, end) = obj else {
            return Err(FilterError::Unsupported);
        };
        let mut raw = self.bytes[*start..*end].to_vec();
        if let Some((crypt, _)) = &self.crypt {
            // Cross-reference streams are never encrypted.
            if dict.name(b"Type") != Some(b"XRef") {
                if let Some(&(num, gen)) = self.stream_owner.borrow().get(start) {
                    raw = crypt.stream(&raw, num, gen);
                }
            }
        }
        let as_list = |o: Obj| -> Vec<Obj> {
            match o {
                Obj::Array(a) => a.iter().map(|x| self.resolve(x)).collect(),
                Obj::Null => Vec::new(),
                other => vec![other],
            }
        };
        let filters = as_list(self.get(dict, b"Filter"));
        let params = as_list(self.get(dict, b"DecodeParms"));
        if filters.len() > 8 {
            return Err(FilterError::Unsupported);
        }
        filter::decode(raw, &filters, &params, &self.budget)
    }

    fn objstm(&self, stream: u32) -> Option<Rc<ObjStm>> {
        if let Some(s) = self.objstm.borrow().get(&stream) {
            return Some(s.clone());
        }
        let obj = self.object(stream)?;
        let dict = obj.as_dict()?;
        let n = self
            .get(dict, b"N")
            .as_int()?
            .clamp(0, MAX_OBJSTM_OBJECTS as i64) as usize;
        let first = self.get(dict, b"First").as_int()?.max(0) as usize;
        let data = self.stream_data(&obj).ok()?;
        let mut lex = Lexer::new(&data, 0);
        let mut index = Vec::with_capacity(n.min(4096));
        for _ in 0..n {
            let (Some(Obj::Int(num)), Some(Obj::Int(off))) = (lex.object(0), lex.object(0)) else {
                break;
            };
            if num < 0 || off < 0 {
                break;
            }
            index.push((num as u32, first.saturating_add(off as usize)));
        }
        let stm = Rc::new((data, index));
        self.objstm.borrow_mut().insert(stream, stm.clone());
        Some(stm)
    }

    fn in_objstm(&self, stream: u32, index: usize) -> Option<Obj> {
        let stm = self.objstm(stream)?;
        let &(_, offset) = stm.1.get(index)?;
        if self.work.get() == 0 {
            return None;
        }
        let mut lex = Lexer::new(&stm.0, offset);
        let obj = lex.object(0);
        self.charge(lex.pos.saturating_sub(offset));
        match obj? {
            // Streams cannot live in object streams.
            Obj::Stream(..) => None,
            other => Some(other),
        }
    }
}

/// After a stream's declared length: `endstream` (after optional EOL).
fn looks_like_end(rest: &[u8]) -> bool {
    let skip = rest
        .iter()
        .take(4)
        .take_while(|b| super::lex::is_white(**b))
        .count();
    rest[skip..].starts_with(b"endstream")
}

/// The object number and start of `N G obj` whose `obj` is at `at`.
fn object_header_before(bytes: &[u8], at: usize) -> Option<(u32, usize)> {
    let mut i = at;
    let skip_white = |i: &mut usize| {
        while *i > 0 && super::lex::is_white(bytes[*i - 1]) {
            *i -= 1;
        }
    };
    let digits = |i: &mut usize| -> Option<usize> {
        let end = *i;
        while *i > 0 && bytes[*i - 1].is_ascii_digit() && end - *i < 10 {
            *i -= 1;
        }
        (end > *i).then_some(end)
    };
    skip_white(&mut i);
    if i == at {
        return None;
    }
    digits(&mut i)?;
    let gen_start = i;
    skip_white(&mut i);
    if i == gen_start {
        return None;
    }
    let num_end = digits(&mut i)?;
    if i > 0 && !(super::lex::is_white(bytes[i - 1]) || super::lex::is_delim(bytes[i - 1])) {
        return None;
    }
    let num: u32 = std::str::from_utf8(&bytes[i..num_end]).ok()?.parse().ok()?;
    Some((num, i))
}

pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    let first = needle[0];
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        match hay[i..hay.len() - needle.len() + 1]
            .iter()
            .position(|&b| b == first)
        {
            Some(p) => {
                i += p;
                if &hay[i..i + needle.len()] == needle {
                    return Some(i);
                }
                i += 1;
            }
            None => return None,
        }
    }
    None
}

pub fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if hay.len() < needle.len() {
        return None;
    }
    (0..=hay.len() - needle.len())
        .rev()
        .find(|&i| &hay[i..i + needle.len()] == needle)
}
