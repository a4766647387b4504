//! The footer: `本期发：…` (distribution), `责任编辑：李 勉`, `审核：…`,
//! `签发：…`, and their variants (`报：`, `送：`, `发：`, `抄送：`, `编辑：`,
//! `签发人：`, a key with no colon, several keys on one line).

use super::lines::{Kind, Line};
use super::text::{
    chars_up_to, ends_sentence, has_sentence_punct, is_colon, trim_set, trim_start_set,
};
use super::{Ledger, Sink};
use crate::messages::{DropReason, WarningKind};
use crate::model::Footer;
use crate::numerals::is_cn_numeral_char;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Distribution,
    Editor,
    Reviewer,
    Signer,
    /// Who wrote or proofread the issue (`撰稿：`, `校对：`): no field of its own.
    Credit,
}

struct Key {
    word: &'static str,
    role: Role,
    /// May stand without a colon, followed by a space (`责任编辑 李勉`).
    bare: bool,
}

/// Longest first, so `签发人` wins over `签发` and `责任编辑` over `编辑`.
const KEYS: &[Key] = &[
    Key {
        word: "本期发送",
        role: Role::Distribution,
        bare: true,
    },
    Key {
        word: "责任编辑",
        role: Role::Editor,
        bare: true,
    },
    Key {
        word: "本期发",
        role: Role::Distribution,
        bare: true,
    },
    Key {
        word: "签发人",
        role: Role::Signer,
        bare: true,
    },
    Key {
        word: "主送",
        role: Role::Distribution,
        bare: false,
    },
    Key {
        word: "抄送",
        role: Role::Distribution,
        bare: false,
    },
    Key {
        word: "抄报",
        role: Role::Distribution,
        bare: false,
    },
    Key {
        word: "分送",
        role: Role::Distribution,
        bare: false,
    },
    Key {
        word: "发送",
        role: Role::Distribution,
        bare: false,
    },
    Key {
        word: "责编",
        role: Role::Editor,
        bare: false,
    },
    Key {
        word: "编辑",
        role: Role::Editor,
        bare: true,
    },
    Key {
        word: "审核",
        role: Role::Reviewer,
        bare: true,
    },
    Key {
        word: "审稿",
        role: Role::Reviewer,
        bare: false,
    },
    Key {
        word: "签发",
        role: Role::Signer,
        bare: true,
    },
    Key {
        word: "核稿",
        role: Role::Reviewer,
        bare: false,
    },
    Key {
        word: "撰稿",
        role: Role::Credit,
        bare: false,
    },
    Key {
        word: "校对",
        role: Role::Credit,
        bare: false,
    },
    Key {
        word: "共印",
        role: Role::Credit,
        bare: false,
    },
    Key {
        word: "印数",
        role: Role::Credit,
        bare: false,
    },
    Key {
        word: "报",
        role: Role::Distribution,
        bare: false,
    },
    Key {
        word: "送",
        role: Role::Distribution,
        bare: false,
    },
    Key {
        word: "发",
        role: Role::Distribution,
        bare: false,
    },
];

/// One `key：value` on a footer line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field<'a> {
    pub role: Role,
    /// The key with its colon, as written (`责任编辑：`).
    pub key: &'a str,
    pub value: &'a str,
}

/// The key at the start of `s` and the byte offset where its value starts.
fn key_at(s: &str) -> Option<(&'static Key, usize, bool)> {
    // `**责任编辑：**胡静`: bold labels read like plain ones.
    // A markdown table row (`| 责任编辑：某某 | 审核：某某 |`) reads the same.
    let t = if matches!(s.as_bytes().first(), Some(b'*' | b'|')) {
        trim_start_set(s, &['*', '|', ' '])
    } else {
        s
    };
    let (k, v, bare) = plain_key_at(t)?;
    let stars = s.len() - t.len();
    let after = &t[v..];
    let value = trim_start_set(after, &['*', ' ', '|']);
    Some((k, stars + t.len() - value.len(), bare))
}

fn plain_key_at(s: &str) -> Option<(&'static Key, usize, bool)> {
    if !matches!(
        s.chars().next()?,
        '本' | '责'
            | '主'
            | '签'
            | '抄'
            | '分'
            | '发'
            | '编'
            | '审'
            | '报'
            | '送'
            | '撰'
            | '核'
            | '校'
            | '共'
            | '印'
    ) {
        return None;
    }
    // Only keys sharing the first character can match: compare its three
    // bytes (every key starts with a three-byte character) before the rest.
    let first = s.as_bytes().get(..3)?;
    for k in KEYS
        .iter()
        .filter(|k| k.word.as_bytes().get(..3) == Some(first))
    {
        let Some(rest) = s.strip_prefix(k.word) else {
            continue;
        };
        let after = rest.trim_start_matches(' ');
        match after.chars().next() {
            Some(c) if is_colon(c) => {
                return Some((k, s.len() - after.len() + c.len_utf8(), false));
            }
            Some(_) if k.bare && rest.starts_with(' ') => {
                return Some((k, s.len() - after.len(), true));
            }
            _ => {}
        }
    }
    None
}

/// The fields of a footer line, or `None` when the line is not one.
pub fn fields(s: &str) -> Option<Vec<Field<'_>>> {
    let (k0, v0, bare0) = key_at(s)?;
    let mut marks = vec![(0usize, k0, v0, bare0)];
    let bytes = s.as_bytes();
    let mut i = v0;
    while i < bytes.len() {
        if bytes[i] != b' ' && bytes[i] != b'|' {
            i += 1;
            continue;
        }
        let j = i + s[i..].len() - trim_start_set(&s[i..], &[' ', '|']).len();
        // After a space the next byte starts a character.
        if let Some((k, v, bare)) = key_at(&s[j..]) {
            // A key with no colon only after a wide gap; a single-character
            // key only with its colon (both by `key_at`).
            if !bare || j - i >= 2 {
                marks.push((j, k, j + v, bare));
                i = j + v;
                continue;
            }
        }
        i = j.max(i + 1);
    }
    let mut out = Vec::with_capacity(marks.len());
    for (n, &(start, key, value_start, bare)) in marks.iter().enumerate() {
        let end = marks.get(n + 1).map_or(s.len(), |m| m.0);
        let mut value = trim_set(&s[value_start..end], &[' ', '*', '|']);
        // `审核：某某　　（共印40份）`: the print count at the end of the
        // line is no part of the last name.
        let mut print = None;
        if let Some(gap) = value.rfind(' ') {
            let tail = &value[gap + 1..];
            if key.role != Role::Distribution && is_print_count(tail) {
                print = Some(tail);
                value = value[..gap].trim_end_matches(' ');
            }
        }
        if key.role != Role::Distribution {
            // Names: short, no sentences.
            let limit = if bare { 12 } else { 24 };
            if chars_up_to(value, limit) > limit || has_sentence_punct(value) {
                return None;
            }
        } else if bare && value.is_empty() {
            return None;
        }
        out.push(Field {
            role: key.role,
            key: s[start..value_start].trim_end_matches(' '),
            value,
        });
        if let Some(print) = print {
            out.push(Field {
                role: Role::Credit,
                key: "",
                value: print,
            });
        }
    }
    Some(out)
}

pub fn is_footer_line(s: &str) -> bool {
    fields(s).is_some()
}

/// Fills `footer` from the fields of one line. A field seen twice: a second
/// distribution list is appended with its key; a second name is a warning.
/// Returns whether the line ended inside a distribution list that may go on
/// on the next line.
pub fn apply(line: &Line<'_>, footer: &mut Footer, sink: &mut Sink, ledger: &mut Ledger) -> bool {
    let Some(fields) = fields(line.text) else {
        return false;
    };
    let mut open = false;
    for f in &fields {
        open = false;
        let slot = match f.role {
            Role::Distribution => {
                // `本期发：` introduces the list; `报：`, `送：`, `抄送：` say
                // who receives it how, so they stay with their lists.
                let own_key = f.key.starts_with("本期发");
                match &mut footer.distribution {
                    None if own_key => {
                        ledger.take(f.key);
                        footer.distribution = Some(f.value.to_string());
                    }
                    None => footer.distribution = Some(format!("{}{}", f.key, f.value)),
                    Some(d) => {
                        if !d.is_empty() {
                            d.push('\n');
                        }
                        d.push_str(f.key);
                        d.push_str(f.value);
                    }
                }
                open = !ends_sentence(f.value);
                continue;
            }
            Role::Credit => {
                sink.drop_line(
                    line.no,
                    &[f.key, f.value].concat(),
                    DropReason::FooterCredit,
                );
                continue;
            }
            Role::Editor => &mut footer.editor,
            Role::Reviewer => &mut footer.reviewer,
            Role::Signer => &mut footer.signer,
        };
        if slot.is_some() || f.value.is_empty() {
            if !f.value.is_empty() {
                sink.warn(line.no, line.no, DUPLICATE, format!("{}{}", f.key, f.value));
            } else {
                sink.warn(line.no, line.no, EMPTY, f.key.to_string());
            }
            continue;
        }
        ledger.take(f.key);
        *slot = Some(f.value.chars().filter(|&c| c != ' ').collect());
    }
    open
}

/// `（共印50份）`, `共印 50 份`, `印数：50份`: how many copies were printed;
/// neither a source nor a figure.
pub fn is_print_count(t: &str) -> bool {
    let t = trim_set(t, &[' ', '*', '（', '）', '(', ')']);
    let Some(n) = t
        .strip_prefix("共印")
        .or_else(|| {
            t.strip_prefix("印数")
                .map(|r| trim_start_set(r, &['：', ':', ' ']))
        })
        .or_else(|| t.strip_prefix("印"))
    else {
        return false;
    };
    let n = n.trim_matches(' ');
    let digits = n.trim_end_matches('份').trim_end_matches(' ');
    n.ends_with('份')
        && !digits.is_empty()
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c) || is_cn_numeral_char(c))
}

/// `某县人民政府办公室　2025年4月3日印发`: who printed the issue and when,
/// at the foot of the last page (the masthead says both already).
fn is_print_line(t: &str) -> bool {
    let t = trim_set(t, &[' ', '*']);
    t.len() <= 120 && t.ends_with("印发") && super::masthead::find_date(t).is_some()
}

pub const DUPLICATE: WarningKind = WarningKind::FooterDuplicate;
pub const EMPTY: WarningKind = WarningKind::FooterEmpty;
pub const AFTER_FOOTER: WarningKind = WarningKind::AfterFooter;

/// Reads the footer zone: footer lines, a distribution list wrapped onto
/// following lines, and anything else as a warning.
pub fn read(lines: &[Line<'_>], footer: &mut Footer, sink: &mut Sink, ledger: &mut Ledger) {
    let mut open = false;
    for l in lines {
        match l.kind {
            Kind::Blank | Kind::Noise => {}
            Kind::Footer => open = apply(l, footer, sink, ledger),
            Kind::Text if is_print_count(l.text) => {
                sink.drop_line(l.no, l.text, DropReason::PrintCount)
            }
            Kind::Text if is_print_line(l.text) => {
                sink.drop_line(l.no, l.text, DropReason::PrintLine)
            }
            Kind::Text if super::furniture::is_web_furniture(l.text) => {
                sink.drop_line(l.no, l.text, DropReason::PageFurniture)
            }
            Kind::Section { .. } | Kind::Text => match (&mut footer.distribution, open) {
                (Some(d), true) => {
                    if d.chars()
                        .next_back()
                        .is_some_and(|c| c.is_ascii_alphabetic())
                        && l.text.starts_with(|c: char| c.is_ascii_alphabetic())
                    {
                        d.push(' ');
                    }
                    d.push_str(l.text);
                    open = !ends_sentence(l.text);
                }
                _ => sink.warn(l.no, l.no, AFTER_FOOTER, l.text.to_string()),
            },
        }
    }
    if footer.distribution.as_deref() == Some("") {
        footer.distribution = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(s: &str) -> Vec<(Role, &str, &str)> {
        fields(s)
            .unwrap_or_default()
            .into_iter()
            .map(|f| (f.role, f.key, f.value))
            .collect()
    }

    #[test]
    fn one_key() {
        assert_eq!(
            roles("本期发：县委常委，副县长。"),
            [(Role::Distribution, "本期发：", "县委常委，副县长。")]
        );
        assert_eq!(
            roles("责任编辑：李 勉"),
            [(Role::Editor, "责任编辑：", "李 勉")]
        );
        assert_eq!(roles("责任编辑 李勉"), [(Role::Editor, "责任编辑", "李勉")]);
        assert_eq!(roles("签发人: 王 强"), [(Role::Signer, "签发人:", "王 强")]);
        assert_eq!(
            roles("送：各乡镇"),
            [(Role::Distribution, "送：", "各乡镇")]
        );
    }

    #[test]
    fn a_print_count_ends_the_last_name() {
        assert_eq!(
            roles("编辑：胡某  审核：苏某      （共印40份）"),
            [
                (Role::Editor, "编辑：", "胡某"),
                (Role::Reviewer, "审核：", "苏某"),
                (Role::Credit, "", "（共印40份）")
            ]
        );
        // The second name's line ends in one too, behind a credit.
        let credit = roles("责任编辑：朱某  校对：汤某      （共印30份）");
        assert_eq!(credit[0], (Role::Editor, "责任编辑：", "朱某"));
        assert_eq!(credit[1], (Role::Credit, "校对：", "汤某"));
        assert_eq!(credit[2], (Role::Credit, "", "（共印30份）"));
    }

    #[test]
    fn several_keys_on_one_line() {
        assert_eq!(
            roles("责任编辑：李勉  审核：原超俊  签发：麻彦伟"),
            [
                (Role::Editor, "责任编辑：", "李勉"),
                (Role::Reviewer, "审核：", "原超俊"),
                (Role::Signer, "签发：", "麻彦伟")
            ]
        );
        assert_eq!(
            roles("编辑:张三 审核:李四"),
            [
                (Role::Editor, "编辑:", "张三"),
                (Role::Reviewer, "审核:", "李四")
            ]
        );
    }

    #[test]
    fn not_footer_lines() {
        for s in [
            "报告显示，全县",
            "发展改革委牵头",
            "审核通过后，发放补贴",
            "审核 对项目进行审核，确保合规。",
            "编辑部",
        ] {
            assert!(fields(s).is_none(), "{s}");
        }
    }
}
