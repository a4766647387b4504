//! Proofreading for the page: the parser's `proofread` pass (regex and all)
//! runs here, in the on-demand module, and so does the drawing of its
//! findings list — the page's first-load wasm only puts the HTML in place
//! and handles its buttons (`src/components/proofread.rs`), which keeps the
//! view's code and strings off the first load.

use bulletin_analyzer::view::i18n::{dismissed_count, proof_text, Lang, ProofMsg};
use bulletin_analyzer::view::outline::item_anchor;
use bulletin_analyzer::view::proofread::{item_of, text_key, utf16_span};
use bulletin_parser::{parse, proofread_with, Finding, FindingKind, HouseRules};

/// Between the parts of the answer: text key, count, HTML.
pub const FIELD: char = '\u{1f}';

/// What the page asks for.
pub struct Request<'a> {
    pub text: &'a str,
    /// The user's house rules (TSV or JSON); empty: the starter list.
    pub rules: &'a str,
    /// Every dismissal the page keeps, one a line: `text-key<TAB>finding-key`
    /// (only this text's count).
    pub dismissed: &'a str,
    pub lang: Lang,
    /// Whether the house-rules editor was open (it stays open).
    pub rules_open: bool,
}

/// `stat U+001F html`: the summary's 校对 stat (the number of findings
/// shown) and the view's HTML.
/// A house-rules file that does not compile is reported in the HTML and the
/// starter list is used.
pub fn render(req: &Request) -> String {
    let custom = !req.rules.trim().is_empty();
    let (rules, rules_error) = if custom {
        match HouseRules::parse(req.rules) {
            Ok(r) => (r, None),
            Err(e) => (HouseRules::starter().clone(), Some(e.to_string())),
        }
    } else {
        (HouseRules::starter().clone(), None)
    };
    let bulletin = parse(req.text);
    let mut findings = proofread_with(req.text, &bulletin, &rules);
    findings.sort_by_key(|f| (FindingKind::ALL.iter().position(|k| *k == f.kind), f.start));
    let text_key = text_key(req.text);
    let dismissed: Vec<&str> = req
        .dismissed
        .lines()
        .filter_map(|l| l.strip_prefix(text_key.as_str())?.strip_prefix('\t'))
        .collect();
    let (shown, hidden): (Vec<&Finding>, Vec<&Finding>) = findings
        .iter()
        .partition(|f| !dismissed.contains(&key(f).as_str()));
    let lang = req.lang;
    let en = lang == Lang::En;
    let mut html = String::new();
    if shown.is_empty() {
        html += &format!(
            "<p class=\"proofread-none\">{}</p>",
            proof_text(lang, ProofMsg::None)
        );
    }
    // The input's characters, for the few before each finding (see
    // `context_before`).
    let chars: Vec<char> = if shown.is_empty() {
        Vec::new()
    } else {
        req.text.chars().collect()
    };
    let mut i = 0;
    while i < shown.len() {
        let kind = shown[i].kind;
        let group: Vec<&Finding> = shown[i..]
            .iter()
            .take_while(|f| f.kind == kind)
            .copied()
            .collect();
        i += group.len();
        let (zh, en_title) = kind.title();
        html += &format!(
            "<div class=\"finding-group\" data-kind=\"{code}\"><h3>{}<span class=\"count\">{}</span></h3><ul>",
            esc(if en { en_title } else { zh }),
            group.len(),
            code = kind.code()
        );
        for f in group {
            // Items are linked; the masthead and footer are not (the
            // textarea selection shows them).
            let item = item_of(&bulletin, f.line);
            let anchor = item.map_or_else(|| "proofread-h".to_string(), item_anchor);
            // Where the structured view shows it, to mark its characters
            // there: the item, or the masthead above the items, or the footer.
            let root = match item {
                Some(_) => format!("#{anchor}"),
                None if bulletin
                    .items
                    .first()
                    .is_none_or(|i| f.line < i.lines.first) =>
                {
                    ".masthead".to_string()
                }
                None => ".bulletin-footer".to_string(),
            };
            // The textarea counts UTF-16 units.
            let (u0, u1) = utf16_span(req.text, f.start, f.end);
            html += &format!(
                "<li class=\"finding\" data-kind=\"{code}\" data-start=\"{s}\" data-end=\"{e}\">\
<a class=\"jump\" data-act=\"jump\" href=\"#{anchor}\" title=\"{title}\" data-from=\"{u0}\" data-to=\"{u1}\" \
data-root=\"{root}\" data-ctx=\"{ctx}\" data-text=\"{text}\">{line}:{col}</a>\
<mark class=\"finding-text\">{text}</mark><span class=\"message\">{message}</span>\
<button type=\"button\" class=\"dismiss\" data-act=\"dismiss\" data-key=\"{text_key}\t{key}\">{dismiss}</button></li>",
                code = f.kind.code(),
                s = f.start,
                e = f.end,
                line = f.line,
                col = f.column,
                title = esc(proof_text(lang, ProofMsg::JumpTitle)),
                text = esc(&f.text),
                ctx = esc(&context_before(&chars, f.start, 6)),
                message = esc(if en { &f.message_en } else { &f.message }),
                key = esc(&key(f)),
                text_key = text_key,
                dismiss = proof_text(lang, ProofMsg::Dismiss),
            );
        }
        html += "</ul></div>";
    }
    if !hidden.is_empty() {
        html += &format!(
            "<p class=\"proofread-hidden\">{} <button type=\"button\" class=\"link-button restore\" data-act=\"restore\">{}</button></p>",
            dismissed_count(lang, hidden.len()),
            proof_text(lang, ProofMsg::Restore)
        );
    }
    let tsv = if custom {
        req.rules.to_string()
    } else {
        HouseRules::to_tsv(rules.rules())
    };
    html += &format!(
        "<details class=\"house-rules\"{open}><summary>{title}</summary><p class=\"hint\">{hint}</p>{error}\
<textarea rows=\"8\" spellcheck=\"false\" aria-label=\"{title}\">{tsv}</textarea><div class=\"rule-actions\">\
<button type=\"button\" class=\"apply\" data-act=\"apply\">{apply}</button>\
<a class=\"export\" download=\"house-rules.tsv\" href=\"data:text/tab-separated-values;charset=utf-8,{tsv_url}\">{export}</a>\
<button type=\"button\" class=\"reset\" data-act=\"reset\">{reset}</button></div></details>",
        open = if req.rules_open { " open" } else { "" },
        title = proof_text(lang, ProofMsg::HouseRules),
        hint = esc(proof_text(lang, ProofMsg::HouseRulesHint)),
        error = rules_error.map_or(String::new(), |e| format!("<p class=\"proofread-failed\" role=\"alert\">{}</p>", esc(&e))),
        tsv_url = percent(&tsv),
        tsv = esc(&tsv),
        apply = proof_text(lang, ProofMsg::Apply),
        export = proof_text(lang, ProofMsg::Export),
        reset = proof_text(lang, ProofMsg::Reset),
    );
    let stat = format!(
        "<div class=\"stat\" data-stat=\"proofread\"><dt>{}</dt><dd>{}</dd></div>",
        proof_text(lang, ProofMsg::Stat),
        shown.len()
    );
    format!("{stat}{FIELD}{html}")
}

/// Up to `n` characters before `start` on its input line, from the first
/// that is not a space: they tell one occurrence of a finding's text from
/// another when the structured view marks it.
fn context_before(chars: &[char], start: usize, n: usize) -> String {
    let start = start.min(chars.len());
    let line = chars[..start]
        .iter()
        .rposition(|&c| c == '\n')
        .map_or(0, |p| p + 1);
    let from = start.saturating_sub(n).max(line);
    let before = &chars[from..start];
    let skip = before
        .iter()
        .position(|c| !c.is_whitespace())
        .unwrap_or(before.len());
    before[skip..].iter().collect()
}

/// What a dismissal remembers: the kind and the place (the text is fixed
/// by the storage key).
fn key(f: &Finding) -> String {
    format!("{}@{}:{}", f.kind.code(), f.start, f.end)
}

/// `s` for a `data:` URL.
fn percent(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "青禾政务快报\n\n第 3 期\n\n县民政局发放救助金 县人大大常委会发放临时救助金 86 万元。（县民政局）\n";

    fn req<'a>(text: &'a str, rules: &'a str, dismissed: &'a str) -> Request<'a> {
        Request {
            text,
            rules,
            dismissed,
            lang: Lang::Zh,
            rules_open: false,
        }
    }

    /// (text key, count, html).
    fn parts(out: &str) -> (String, usize, String) {
        let mut p = out.splitn(2, FIELD);
        let stat = p.next().unwrap();
        let html: String = p.next().unwrap().into();
        let count = stat
            .split("<dd>")
            .nth(1)
            .unwrap()
            .split('<')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let key = html
            .split("data-key=\"")
            .nth(1)
            .map_or(String::new(), |k| k.split('\t').next().unwrap().to_string());
        (key, count, html)
    }

    #[test]
    fn findings_are_drawn_with_their_places_and_the_starter_rules() {
        let (key, count, html) = parts(&render(&req(TEXT, "", "")));
        assert_eq!(key, text_key(TEXT));
        assert_eq!(count, 1);
        assert!(html.contains("data-kind=\"repeated\""), "{html}");
        let start: usize = html
            .split("data-start=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(TEXT.chars().nth(start), Some('大'));
        let from: usize = html
            .split("data-from=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(TEXT.encode_utf16().nth(from), Some('大' as u16));
        assert!(html.contains("既使"), "the starter rules in the editor");
    }

    #[test]
    fn dismissed_findings_are_counted_not_listed() {
        let shown = parts(&render(&req(TEXT, "", ""))).2;
        let key = shown
            .split("data-key=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_string();
        // Another text's dismissal of the same place does not count.
        let other = format!("0000000000000000\t{}", key.split('\t').nth(1).unwrap());
        assert_eq!(parts(&render(&req(TEXT, "", &other))).1, 1);
        let (_, count2, html2) = parts(&render(&req(TEXT, "", &format!("{other}\n{key}\n"))));
        assert_eq!(count2, 0);
        assert!(
            html2.contains("1 条已忽略") && html2.contains("proofread-none"),
            "{html2}"
        );
    }

    #[test]
    fn user_rules_replace_the_starter_list_and_bad_ones_are_reported() {
        let (_, _, html) = parts(&render(&req(TEXT, "救助金\t救助资金\n", "")));
        assert!(html.contains("data-kind=\"house-rule\""), "{html}");
        assert!(!html.contains("既使"));
        let (_, _, html) = parts(&render(&req(TEXT, "re:(\tx\n", "")));
        assert!(html.contains("proofread-failed"), "{html}");
        assert!(parts(&render(&req("", "", "")))
            .2
            .contains("proofread-none"));
    }

    #[test]
    fn findings_carry_where_the_view_marks_them() {
        let (_, _, html) = parts(&render(&req(TEXT, "", "")));
        // The doubled 大 is in an item: its article, the text and the
        // characters before it on its line.
        assert!(html.contains("data-root=\"#"), "{html}");
        assert!(html.contains("data-ctx=\"助金 县人大\""), "{html}");
        assert!(html.contains("data-text=\"大\""), "{html}");
        let chars: Vec<char> = "ab\n  县人大大".chars().collect();
        assert_eq!(context_before(&chars, 8, 6), "县人大");
        assert_eq!(context_before(&chars, 1, 6), "a");
        assert_eq!(context_before(&chars, 99, 2), "大大");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            esc("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
