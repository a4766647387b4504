//! A compact binary form of the parsed model, for handing bulletins from
//! the tools worker (where the parser runs) to the page.
//!
//! Why not JSON: reading JSON back needs serde's `Deserialize` for the whole
//! model plus serde_json's reader, about 22 KB of the first-load wasm
//! (gzipped) that the page otherwise never uses; and it is slower. The
//! worker and the page run the same wasm, so the format never has to be
//! read by anything else and needs no versioning.
//!
//! Every struct is written through an exhaustive destructuring and read
//! back through a full struct literal, so a field added to the model is a
//! compile error here, never a field silently lost on the way.
//!
//! Format: unsigned numbers as LEB128, `f64` as 8 bytes little-endian,
//! strings as byte length + UTF-8, `Option` as a 0/1 tag, sequences as
//! length + elements. Reading never panics: bad input reads as `None`.

use std::borrow::Cow;

use bulletin_parser::{
    Bulletin, Change, Doubt, DoubtReason, DropReason, Dropped, Figure, FigureKind, Footer, Item,
    LineRange, Masthead, Span, Warning, WarningKind,
};

/// The bulletin without its items (they travel separately, in pieces).
pub fn encode_head(bulletin: &Bulletin) -> Vec<u8> {
    let Bulletin {
        masthead,
        sections,
        items: _,
        footer,
        warnings,
        dropped,
        notes,
    } = bulletin;
    let mut w = Writer::default();
    let Masthead {
        title,
        issue,
        issue_number,
        issuer,
        date,
    } = masthead;
    w.opt_str(title);
    w.opt_str(issue);
    w.opt(issue_number, |w, n| w.uint(u64::from(*n)));
    w.opt_str(issuer);
    w.opt_str(date);
    w.seq(sections, |w, s| w.str(s));
    let Footer {
        distribution,
        editor,
        reviewer,
        signer,
    } = footer;
    w.opt_str(distribution);
    w.opt_str(editor);
    w.opt_str(reviewer);
    w.opt_str(signer);
    w.seq(warnings, |w, warning| {
        let Warning {
            lines,
            message,
            text,
            code,
        } = warning;
        w.lines(lines);
        w.str(message);
        w.str(text);
        w.str(code.code());
    });
    w.seq(dropped, |w, d| {
        let Dropped { line, text, reason } = d;
        w.uint(*line as u64);
        w.str(text);
        w.str(reason.code());
    });
    w.seq(notes, |w, s| w.str(s));
    w.0
}

/// Reads [`encode_head`]'s output: a bulletin with no items yet.
pub fn decode_head(bytes: &[u8]) -> Option<Bulletin> {
    let mut r = Reader { bytes, at: 0 };
    let masthead = Masthead {
        title: r.opt_str()?,
        issue: r.opt_str()?,
        issue_number: r.opt(|r| u32::try_from(r.uint()?).ok())?,
        issuer: r.opt_str()?,
        date: r.opt_str()?,
    };
    let sections = r.seq(Reader::str)?;
    let footer = Footer {
        distribution: r.opt_str()?,
        editor: r.opt_str()?,
        reviewer: r.opt_str()?,
        signer: r.opt_str()?,
    };
    let warnings = r.seq(|r| {
        Some(Warning {
            lines: r.lines()?,
            message: r.str()?,
            text: r.str()?,
            code: WarningKind::from_code(&r.str::<String>()?),
        })
    })?;
    let dropped = r.seq(|r| {
        Some(Dropped {
            line: r.usize()?,
            text: r.str()?,
            reason: DropReason::from_code(&r.str::<String>()?),
        })
    })?;
    let notes = r.seq(Reader::str)?;
    r.end()?;
    Some(Bulletin {
        masthead,
        sections,
        items: Vec::new(),
        footer,
        warnings,
        dropped,
        notes,
    })
}

pub fn encode_items(items: &[Item]) -> Vec<u8> {
    let mut w = Writer::default();
    w.seq(items, |w, item| {
        let Item {
            section,
            headline,
            body,
            sources,
            authors,
            figures,
            emphasis,
            lines,
            check,
            corrected,
        } = item;
        w.opt_str(section);
        w.str(headline);
        w.str(body);
        w.seq(sources, |w, s| w.str(s));
        w.seq(authors, |w, s| w.str(s));
        w.seq(figures, Writer::figure);
        w.seq(emphasis, |w, span| {
            let Span { start, end } = span;
            w.uint(*start as u64);
            w.uint(*end as u64);
        });
        w.lines(lines);
        w.opt(check, |w, d| w.seq(&d.reasons, |w, r| w.str(r.code())));
        w.0.push(u8::from(*corrected));
    });
    w.0
}

pub fn decode_items(bytes: &[u8]) -> Option<Vec<Item>> {
    let mut r = Reader { bytes, at: 0 };
    let items = r.seq(|r| {
        Some(Item {
            section: r.opt_str()?,
            headline: r.str()?,
            body: r.str()?,
            sources: r.seq(Reader::str)?,
            authors: r.seq(Reader::str)?,
            figures: r.seq(Reader::figure)?,
            emphasis: r.seq(|r| {
                Some(Span {
                    start: r.usize()?,
                    end: r.usize()?,
                })
            })?,
            lines: r.lines()?,
            check: r.opt(|r| {
                Some(Doubt {
                    reasons: r.seq(|r| Some(DoubtReason::from_code(&r.str::<String>()?)))?,
                })
            })?,
            corrected: r.byte()? == 1,
        })
    })?;
    r.end()?;
    Some(items)
}

const KINDS: [FigureKind; 5] = FigureKind::ALL;

#[derive(Default)]
struct Writer(Vec<u8>);

impl Writer {
    fn uint(&mut self, mut n: u64) {
        loop {
            let byte = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.0.push(byte);
                return;
            }
            self.0.push(byte | 0x80);
        }
    }

    fn str(&mut self, s: &str) {
        self.uint(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }

    fn opt<T>(&mut self, value: &Option<T>, write: impl FnOnce(&mut Self, &T)) {
        match value {
            Some(v) => {
                self.0.push(1);
                write(self, v);
            }
            None => self.0.push(0),
        }
    }

    fn opt_str(&mut self, value: &Option<impl AsRef<str>>) {
        self.opt(value, |w, s| w.str(s.as_ref()));
    }

    fn seq<T>(&mut self, items: &[T], mut write: impl FnMut(&mut Self, &T)) {
        self.uint(items.len() as u64);
        for item in items {
            write(self, item);
        }
    }

    fn lines(&mut self, lines: &LineRange) {
        let LineRange { first, last } = lines;
        self.uint(*first as u64);
        self.uint(*last as u64);
    }

    fn figure(&mut self, figure: &Figure) {
        let Figure {
            text,
            value,
            value_max,
            unit,
            approx,
            kind,
            start,
            end,
            label,
            change,
            period,
            entity,
            corrected,
        } = figure;
        self.str(text);
        self.0.extend_from_slice(&value.to_le_bytes());
        self.opt(value_max, |w, v| w.0.extend_from_slice(&v.to_le_bytes()));
        self.opt_str(&unit.as_deref());
        self.opt_str(&approx.as_deref());
        self.0
            .push(KINDS.iter().position(|k| k == kind).unwrap_or(0) as u8);
        self.uint(*start as u64);
        self.uint(*end as u64);
        self.opt_str(label);
        self.opt(change, |w, c| {
            w.0.push(match c {
                Change::Up => 0,
                Change::Down => 1,
            })
        });
        self.opt_str(period);
        self.opt_str(entity);
        self.0.push(u8::from(*corrected));
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let end = self.at.checked_add(n)?;
        let slice = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(slice)
    }

    fn uint(&mut self) -> Option<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    fn usize(&mut self) -> Option<usize> {
        usize::try_from(self.uint()?).ok()
    }

    /// A string, as a `String` or (short texts, no allocation) a `SmallString`.
    fn str<T: for<'a> From<&'a str>>(&mut self) -> Option<T> {
        let len = self.usize()?;
        std::str::from_utf8(self.take(len)?).ok().map(T::from)
    }

    fn opt<T>(&mut self, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        match self.byte()? {
            0 => Some(None),
            1 => read(self).map(Some),
            _ => None,
        }
    }

    fn opt_str<T: for<'a> From<&'a str>>(&mut self) -> Option<Option<T>> {
        self.opt(Reader::str)
    }

    fn seq<T>(&mut self, mut read: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let len = self.usize()?;
        // Each element takes at least one byte: a length beyond what is left
        // is corrupt, and must not reserve memory.
        if len > self.bytes.len() - self.at {
            return None;
        }
        let mut out = Vec::with_capacity(len);
        for _ in 0..len {
            out.push(read(self)?);
        }
        Some(out)
    }

    fn lines(&mut self) -> Option<LineRange> {
        Some(LineRange {
            first: self.usize()?,
            last: self.usize()?,
        })
    }

    fn figure(&mut self) -> Option<Figure> {
        Some(Figure {
            text: self.str()?,
            value: f64::from_le_bytes(self.take(8)?.try_into().ok()?),
            value_max: self.opt(|r| Some(f64::from_le_bytes(r.take(8)?.try_into().ok()?)))?,
            unit: self.opt_str::<String>()?.map(Cow::Owned),
            approx: self.opt_str::<String>()?.map(Cow::Owned),
            kind: *KINDS.get(usize::from(self.byte()?))?,
            start: self.usize()?,
            end: self.usize()?,
            label: self.opt_str()?,
            change: self.opt(|r| match r.byte()? {
                0 => Some(Change::Up),
                1 => Some(Change::Down),
                _ => None,
            })?,
            period: self.opt_str()?,
            entity: self.opt_str()?,
            corrected: self.byte()? == 1,
        })
    }

    /// All bytes read: anything left over means the input was not ours.
    fn end(&self) -> Option<()> {
        (self.at == self.bytes.len()).then_some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(b: &Bulletin) -> Option<Bulletin> {
        let mut back = decode_head(&encode_head(b))?;
        for chunk in b.items.chunks(3) {
            back.items.extend(decode_items(&encode_items(chunk))?);
        }
        Some(back)
    }

    /// A bulletin with every field set, every enum value used.
    fn everything() -> Bulletin {
        let figure = |kind, change| Figure {
            text: "3.5%".into(),
            value: 3.5,
            value_max: Some(5.25),
            unit: Some("%".into()),
            approx: Some("约".into()),
            kind,
            start: 4,
            end: 8,
            label: Some("一般公共预算收入".into()),
            change,
            period: Some("1—8月份".into()),
            entity: Some("城关镇".into()),
            corrected: true,
        };
        let mut figures: Vec<Figure> = FigureKind::ALL
            .iter()
            .map(|k| figure(*k, Some(Change::Up)))
            .collect();
        figures.push(figure(FigureKind::Money, Some(Change::Down)));
        figures.push(Figure {
            value: 24_877_000_000.0,
            value_max: None,
            unit: None,
            approx: None,
            change: None,
            ..figure(FigureKind::Money, None)
        });
        figures.push(Figure {
            value: -0.125,
            ..figure(FigureKind::Measure, None)
        });
        Bulletin {
            masthead: Masthead {
                title: Some("城南政务快报".into()),
                issue: Some("第 12 期".into()),
                issue_number: Some(u32::MAX),
                issuer: Some("城南县人民政府办公室".into()),
                date: Some("2024-03-01".into()),
            },
            sections: vec!["项目建设".into(), "".into(), "民生保障".into()],
            items: (0..7)
                .map(|i| Item {
                    section: (i % 2 == 0).then(|| "项目建设".into()),
                    headline: format!("标题 {i}"),
                    body: "正文，含数字 3.5% 与“引号”\n和换行。".into(),
                    sources: vec!["财政局".into(), "城关镇".into()],
                    authors: vec!["张伟".into()],
                    figures: figures.clone(),
                    emphasis: vec![
                        Span { start: 0, end: 3 },
                        Span {
                            start: usize::MAX,
                            end: usize::MAX / 3,
                        },
                    ],
                    lines: LineRange {
                        first: i + 1,
                        last: i + 3,
                    },
                    check: (i % 2 == 0).then(|| Doubt {
                        reasons: vec![DoubtReason::NoSource, DoubtReason::HeadlineLong],
                    }),
                    corrected: i % 3 == 0,
                })
                .collect(),
            footer: Footer {
                distribution: Some("县委常委。".into()),
                editor: Some("周明".into()),
                reviewer: None,
                signer: Some("郑伟".into()),
            },
            warnings: vec![Warning {
                lines: LineRange { first: 9, last: 10 },
                message: "未归属".into(),
                text: "一行".into(),
                code: WarningKind::NoBody,
            }],
            dropped: vec![Dropped {
                line: 30,
                text: "- 3 -".into(),
                reason: "page-number".into(),
            }],
            notes: vec!["编者按：一则按语。".into()],
        }
    }

    #[test]
    fn every_field_survives_the_trip() {
        let b = everything();
        assert_eq!(roundtrip(&b).as_ref(), Some(&b));
    }

    #[test]
    fn an_empty_bulletin_survives_the_trip() {
        let b = Bulletin::default();
        assert_eq!(roundtrip(&b), Some(b));
    }

    #[test]
    fn parsed_bulletins_survive_the_trip() {
        let text = "城南县政务快报\n\n第 3 期\n\n城南县人民政府办公室    2024 年 3 月 1 日\n\n【项目建设】\n\n\
                    县发改委加快推进重点项目  今年以来，累计完成投资 12.5 亿元，同比增长 8.2%。（发改委）\n\n\
                    东湖乡扎实开展人居环境整治  清运垃圾 430 吨，惠及群众 2600 余人。（东湖乡）\n\n\
                    本期发：县委常委。\n责任编辑：周 明    审核：吴静    签发：郑伟\n";
        let mut texts = vec![text.to_owned()];
        // The real bulletins too, when the shared folder is there.
        if let Ok(dir) = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds"))
        {
            texts.extend(
                dir.flatten()
                    .filter_map(|e| std::fs::read_to_string(e.path()).ok()),
            );
        }
        for text in texts {
            let b = bulletin_parser::parse(&text);
            assert!(
                !b.items.is_empty(),
                "the parser finds items (else this proves little)"
            );
            assert_eq!(roundtrip(&b).as_ref(), Some(&b));
        }
    }

    #[test]
    fn damaged_input_reads_as_none_never_panics() {
        let b = everything();
        let head = encode_head(&b);
        let items = encode_items(&b.items);
        for cut in 0..head.len() {
            assert_eq!(decode_head(&head[..cut]), None, "head cut at {cut}");
        }
        for cut in 0..items.len() {
            assert_eq!(decode_items(&items[..cut]), None, "items cut at {cut}");
        }
        let mut longer = items.clone();
        longer.push(0);
        assert_eq!(decode_items(&longer), None, "trailing bytes");
        // A huge length must not allocate.
        assert_eq!(
            decode_items(&[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]),
            None
        );
        assert_eq!(decode_items(&[0xff; 12]), None);
        let mut flipped = items;
        for i in 0..flipped.len() {
            flipped[i] ^= 0x5a;
            let _ = decode_items(&flipped);
            flipped[i] ^= 0x5a;
        }
    }
}
