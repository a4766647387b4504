//! A small, forgiving XML tokenizer: enough for WordprocessingML, which is
//! machine-written and regular. Malformed input ends the token stream early
//! instead of failing; nothing here can panic.

use std::borrow::Cow;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Token<'a> {
    /// `<name attrs>` or, with `empty`, `<name attrs/>`.
    Start {
        name: &'a str,
        attrs: &'a str,
        empty: bool,
    },
    End {
        name: &'a str,
    },
    /// Character data, entities not yet decoded.
    Text(&'a str),
    /// The inside of `<![CDATA[…]]>`, literal.
    CData(&'a str),
}

pub(crate) struct Tokens<'a> {
    src: &'a str,
    pos: usize,
}

pub(crate) fn tokens(src: &str) -> Tokens<'_> {
    Tokens { src, pos: 0 }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            let rest = self.src.get(self.pos..)?;
            if rest.is_empty() {
                return None;
            }
            if !rest.starts_with('<') {
                let len = rest.find('<').unwrap_or(rest.len());
                self.pos += len;
                return Some(Token::Text(&rest[..len]));
            }
            if let Some(after) = rest.strip_prefix("<!--") {
                self.pos += 4 + after.find("-->").map_or(after.len(), |i| i + 3);
                continue;
            }
            if let Some(after) = rest.strip_prefix("<![CDATA[") {
                let (inside, skip) = match after.find("]]>") {
                    Some(i) => (&after[..i], i + 3),
                    None => (after, after.len()),
                };
                self.pos += 9 + skip;
                return Some(Token::CData(inside));
            }
            if rest.starts_with("<!") || rest.starts_with("<?") {
                self.pos += rest.find('>').map_or(rest.len(), |i| i + 1);
                continue;
            }
            let close = tag_end(rest)?;
            self.pos += close + 1;
            let inner = &rest[1..close];
            if let Some(name) = inner.strip_prefix('/') {
                return Some(Token::End { name: name.trim() });
            }
            let (inner, empty) = match inner.strip_suffix('/') {
                Some(inner) => (inner, true),
                None => (inner, false),
            };
            let name_len = inner
                .find(|c: char| c.is_ascii_whitespace())
                .unwrap_or(inner.len());
            return Some(Token::Start {
                name: &inner[..name_len],
                attrs: &inner[name_len..],
                empty,
            });
        }
    }
}

/// The index of the `>` closing the tag that starts `tag`, skipping quoted
/// attribute values. HTML tags close the same way.
pub(super) fn tag_end(tag: &str) -> Option<usize> {
    let mut quote = None;
    for (i, b) in tag.bytes().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if q == b => quote = None,
            (None, b'>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// The value of attribute `name` in a tag's attribute text, entities decoded.
pub(crate) fn attr<'a>(attrs: &'a str, name: &str) -> Option<Cow<'a, str>> {
    let mut rest = attrs;
    loop {
        rest = rest.trim_start();
        let eq = rest.find('=')?;
        let key = rest[..eq].trim();
        let after = rest[eq + 1..].trim_start();
        let quote = after.chars().next()?;
        let (value, next) = if quote == '"' || quote == '\'' {
            let end = after[1..].find(quote)? + 1;
            (&after[1..end], &after[end + 1..])
        } else {
            let end = after
                .find(|c: char| c.is_ascii_whitespace())
                .unwrap_or(after.len());
            (&after[..end], &after[end..])
        };
        if key == name {
            return Some(unescape(value));
        }
        rest = next;
    }
}

/// The longest entity name read (`#x10FFFF` is eight; `#1114111` seven).
const MAX_ENTITY: usize = 10;

/// Decodes the five XML entities and numeric character references; anything
/// else that looks like an entity is kept as written.
pub(crate) fn unescape(raw: &str) -> Cow<'_, str> {
    if !raw.contains('&') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.get(1..).and_then(|r| {
            // Look for the `;` within the longest entity only: searching the
            // whole rest for each bare `&` would be quadratic.
            let semi = r.bytes().take(MAX_ENTITY + 1).position(|b| b == b';')?;
            let c = match &r[..semi] {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                reference => numeric_reference(reference)?,
            };
            Some((c, semi + 2))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// `#20013` or `#x4E2D` (without `&` and `;`) to its character; a reference
/// to no valid character (0, a surrogate, past U+10FFFF) is U+FFFD.
pub(crate) fn numeric_reference(reference: &str) -> Option<char> {
    let digits = reference.strip_prefix('#')?;
    let code = match digits.strip_prefix(['x', 'X']) {
        Some(hex) if !hex.is_empty() && hex.len() <= 8 => u32::from_str_radix(hex, 16).ok()?,
        Some(_) => return None,
        None if !digits.is_empty()
            && digits.len() <= 10
            && digits.bytes().all(|b| b.is_ascii_digit()) =>
        {
            digits
                .parse::<u64>()
                .ok()
                .map(|v| v.min(u32::MAX as u64) as u32)?
        }
        None => return None,
    };
    Some(
        char::from_u32(code)
            .filter(|&c| c != '\0')
            .unwrap_or(char::REPLACEMENT_CHARACTER),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizes_tags_text_and_skips_comments() {
        let xml = r#"<?xml version="1.0"?><w:p a="x>y"><!-- c --><w:t xml:space='preserve'>a &amp; b</w:t><w:br/></w:p>"#;
        let got: Vec<Token> = tokens(xml).collect();
        assert_eq!(
            got,
            vec![
                Token::Start {
                    name: "w:p",
                    attrs: r#" a="x>y""#,
                    empty: false
                },
                Token::Start {
                    name: "w:t",
                    attrs: " xml:space='preserve'",
                    empty: false
                },
                Token::Text("a &amp; b"),
                Token::End { name: "w:t" },
                Token::Start {
                    name: "w:br",
                    attrs: "",
                    empty: true
                },
                Token::End { name: "w:p" },
            ]
        );
    }

    #[test]
    fn attributes_and_entities() {
        assert_eq!(
            attr(r#" w:val="0" w:x='a&lt;b'"#, "w:x").as_deref(),
            Some("a<b")
        );
        assert_eq!(attr(r#" w:val="0""#, "w:val").as_deref(), Some("0"));
        assert_eq!(attr(r#" w:val="0""#, "val"), None);
        assert_eq!(
            unescape("&#20013;&#x6587;&bogus;&#0;&"),
            "中文&bogus;\u{FFFD}&"
        );
    }

    #[test]
    fn unterminated_input_ends_quietly() {
        assert_eq!(
            tokens("text<w:p attr=\"unterminated").collect::<Vec<_>>(),
            vec![Token::Text("text")]
        );
        assert_eq!(
            tokens("<![CDATA[abc").collect::<Vec<_>>(),
            vec![Token::CData("abc")]
        );
    }
}
