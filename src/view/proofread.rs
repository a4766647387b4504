//! The proofreading view's logic: the findings as the tools module sends
//! them (flat records, `src/bin/bulletin-tools/proofread.rs`), the key a
//! text's dismissals are stored under, and where a finding sits in the
//! textarea (UTF-16) and in the structured view (which item).

use bulletin_parser::Bulletin;

/// One finding as the page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub code: String,
    /// Character offsets into the text the bulletin was parsed from.
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub message: [String; 2],
    pub text: String,
    /// The kind's heading, (Chinese, English).
    pub title: [String; 2],
}

impl Found {
    /// Stable across runs on the same text: what a dismissal remembers.
    pub fn key(&self) -> String {
        format!("{}@{}:{}", self.code, self.start, self.end)
    }
}

/// Reads the tools module's records; a malformed record is skipped.
pub fn decode(records: &str) -> Vec<Found> {
    records
        .split('\u{1e}')
        .filter_map(|r| {
            let f: Vec<&str> = r.split('\u{1f}').collect();
            if f.len() != 10 {
                return None;
            }
            Some(Found {
                code: f[0].into(),
                start: f[1].parse().ok()?,
                end: f[2].parse().ok()?,
                line: f[3].parse().ok()?,
                column: f[4].parse().ok()?,
                message: [f[5].into(), f[6].into()],
                text: f[7].into(),
                title: [f[8].into(), f[9].into()],
            })
        })
        .collect()
}

/// A short hash of a text (FNV-1a, 64 bits, hex): the storage key of its
/// dismissals, so they come back with the same text and only with it.
pub fn text_key(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The UTF-16 range of characters `start..end` of `text` (for
/// `setSelectionRange`); clamped to the text.
pub fn utf16_span(text: &str, start: usize, end: usize) -> (u32, u32) {
    let (mut a, mut b, mut pos) = (None, None, 0u32);
    for (i, c) in text.chars().enumerate() {
        if i == start {
            a = Some(pos);
        }
        if i == end {
            b = Some(pos);
            break;
        }
        pos += c.len_utf16() as u32;
    }
    let a = a.unwrap_or(pos);
    (a, b.unwrap_or(pos).max(a))
}

/// The item whose input lines hold `line`.
pub fn item_of(bulletin: &Bulletin, line: usize) -> Option<usize> {
    bulletin.items.iter().position(|i| i.lines.first <= line && line <= i.lines.last)
}

/// Findings grouped by kind, in the order the kinds first come.
pub fn by_kind<'a>(found: &'a [Found], shown: impl Fn(&Found) -> bool) -> Vec<(&'a Found, Vec<&'a Found>)> {
    let mut groups: Vec<(&Found, Vec<&Found>)> = Vec::new();
    for f in found.iter().filter(|f| shown(f)) {
        match groups.iter_mut().find(|g| g.0.code == f.code) {
            Some(g) => g.1.push(f),
            None => groups.push((f, vec![f])),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(code: &str, start: usize, end: usize, text: &str) -> String {
        [code, &start.to_string(), &end.to_string(), "3", "5", "消息", "message", text, "类", "Kind"].join("\u{1f}")
    }

    #[test]
    fn decodes_records_and_skips_broken_ones() {
        let records = [record("repeated", 4, 5, "大"), "broken".into(), record("weekday", 9, 12, "星期三")].join("\u{1e}");
        let found = decode(&records);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].code, "repeated");
        assert_eq!((found[1].start, found[1].end, found[1].line, found[1].column), (9, 12, 3, 5));
        assert_eq!(found[1].message, ["消息".to_string(), "message".to_string()]);
        assert!(decode("").is_empty());
        assert_ne!(found[0].key(), found[1].key());
    }

    #[test]
    fn text_keys_differ_by_text_and_are_stable() {
        assert_eq!(text_key("县人大大"), text_key("县人大大"));
        assert_ne!(text_key("县人大大"), text_key("县人大"));
        assert_eq!(text_key("").len(), 16);
    }

    #[test]
    fn utf16_spans_count_surrogate_pairs() {
        assert_eq!(utf16_span("县人大大正", 3, 4), (3, 4));
        assert_eq!(utf16_span("𠀀人大大", 3, 4), (4, 5));
        assert_eq!(utf16_span("ab", 5, 9), (2, 2));
    }

    #[test]
    fn groups_keep_first_order_and_filter() {
        let found = decode(&[record("a", 1, 2, "x"), record("b", 3, 4, "y"), record("a", 5, 6, "z")].join("\u{1e}"));
        let groups = by_kind(&found, |_| true);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].1.len(), 2);
        let groups = by_kind(&found, |f| f.start != 1);
        assert_eq!(groups[0].0.code, "b");
    }
}
