//! Pretty-prints compact JSON exactly as `serde_json::to_string_pretty`
//! does (two-space indent, `": "`, empty `[]` and `{}` kept on one line).
//!
//! Why not call the parser's `export::to_json`: serde monomorphises every
//! `Serialize` impl of the model once per formatter, and this module already
//! needs the compact one (JSON Lines, `parse_to_json`). Re-indenting the
//! compact text ships one serializer instead of two; the native tests check
//! the output is byte-for-byte the contract's.

/// `compact` must be valid JSON as serde_json writes it (no whitespace
/// outside strings).
pub fn pretty(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() + compact.len() / 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = compact.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                let close = if c == '{' { '}' } else { ']' };
                if chars.peek() == Some(&close) {
                    out.push(close);
                    chars.next();
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(',');
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use bulletin_export::{to_json, to_json_line};

    #[test]
    fn matches_serde_json_pretty_on_a_parsed_bulletin() {
        let b = bulletin_parser::parse(include_str!("../../assets/sample.txt"));
        assert_eq!(pretty(&to_json_line(&b)), to_json(&b));
    }

    #[test]
    fn matches_serde_json_pretty_on_awkward_values() {
        let v = serde_json::json!({
            "empty_list": [],
            "empty_map": {},
            "text": "引号\"、反斜杠\\、冒号:逗号,括号{[]}",
            "nested": [[1, 2.5, -3e-7], {"a": null, "b": [true, false]}],
            "unicode": "\u{2028}\t\n",
        });
        let compact = serde_json::to_string(&v).unwrap();
        assert_eq!(pretty(&compact), serde_json::to_string_pretty(&v).unwrap());
    }

    #[test]
    fn empty_bulletin() {
        let b = bulletin_parser::Bulletin::default();
        assert_eq!(pretty(&to_json_line(&b)), to_json(&b));
    }
}
