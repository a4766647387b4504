//! What a pasted text holding several issues becomes (the split itself
//! runs in the tools worker, see `src/browser/paste.rs`): an entry per
//! issue, named `粘贴 (k/n)`, each tab saying how many issues the paste held.

use crate::view::i18n::Lang;

/// The entries' name and their tab note (the first line shown on the tab,
/// the rest on hover).
pub fn split_names(lang: Lang, n: usize) -> (String, String) {
    match lang {
        Lang::Zh => (
            "粘贴".to_string(),
            format!("共 {n} 期\n粘贴的文本含 {n} 期，已分为 {n} 个条目"),
        ),
        Lang::En => (
            "Pasted".to_string(),
            format!("{n} issues\nthe pasted text holds {n} issues: one entry each"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::workspace::{issue_entries, Opened};

    #[test]
    fn names_say_how_many_issues() {
        let (name, note) = split_names(Lang::Zh, 3);
        assert_eq!(name, "粘贴");
        assert!(note.starts_with("共 3 期\n"), "{note}");
        let entries = issue_entries(&name, &Some(note), vec!["a".into(), "b".into()]);
        assert!(
            matches!(&entries[1], Opened::Text { name, .. } if name == "粘贴 (2/2)"),
            "the second issue is named by its place"
        );
        assert!(split_names(Lang::En, 2).1.contains("2 issues"));
    }
}
