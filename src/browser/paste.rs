//! A pasted text holding several issues (a month of bulletins pasted at
//! once) becomes an entry per issue, the way an opened file does: the
//! tools worker's `split` finds the issues. The pasted text itself stays
//! in the paste entry, editable; the issues open beside it, named
//! `粘贴 (k/n)`, the first shown, each tab saying it came from the paste.

use crate::offline::tools;
use crate::view::i18n::Lang;
use crate::view::paste_split::split_names;
use crate::view::workspace::{issue_entries, Opened};

/// The entries for the issues in `text`, when it holds more than one;
/// empty otherwise (or when the split cannot be run).
pub async fn issue_entries_of_paste(text: &str, lang: Lang) -> Vec<Opened> {
    match tools::split_issues(text).await {
        Ok(issues) if issues.len() > 1 => {
            let n = issues.len();
            let (name, note) = split_names(lang, n);
            issue_entries(&name, &Some(note), issues)
        }
        _ => Vec::new(),
    }
}
