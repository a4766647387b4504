//! The open bulletins: the pasted text (always first) and every opened file.
//!
//! Pure state with pure transitions, so what happens when files arrive, fail
//! or close is tested natively; the page wraps it in a Yew reducer.

use std::ops::Deref;
use std::rc::Rc;

/// A text shared by the workspace, the parse hook and the components.
/// Equality looks at identity first: `Rc<str>`'s own `==` compares every
/// byte (std's pointer shortcut is for sized types only), and props and
/// hook dependencies are compared on every render: megabytes each time
/// for a big paste.
#[derive(Debug, Clone, Default)]
pub struct SharedText(Rc<str>);

impl PartialEq for SharedText {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0) || *self.0 == *other.0
    }
}

impl SharedText {
    /// The shared string itself (for a Yew `AttrValue`, which keeps it).
    pub fn rc(&self) -> Rc<str> {
        self.0.clone()
    }
}

impl Deref for SharedText {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for SharedText {
    fn from(text: &str) -> Self {
        SharedText(Rc::from(text))
    }
}

impl From<String> for SharedText {
    fn from(text: String) -> Self {
        SharedText(Rc::from(text))
    }
}

/// A stable id: tabs and keys survive other entries closing.
pub type EntryId = u32;

/// The pasted entry always has this id and is never removed.
pub const PASTE_ID: EntryId = 0;

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: EntryId,
    /// The file name; empty for the pasted entry (the view names it 粘贴).
    pub name: String,
    /// The text the analysis runs on. For the pasted entry this trails the
    /// textarea by the debounce.
    pub text: SharedText,
    /// How the file was read (`GBK`, `UTF-16LE`, `Word`), shown beside its name.
    pub note: Option<String>,
}

impl Entry {
    pub fn is_paste(&self) -> bool {
        self.id == PASTE_ID
    }
}

/// A file that could not be opened, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub name: String,
    pub reason: String,
}

/// What a file turned into.
#[derive(Debug, Clone, PartialEq)]
pub enum Opened {
    Text {
        name: String,
        text: String,
        note: Option<String>,
    },
    Failed(FileError),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Workspace {
    pub entries: Vec<Entry>,
    pub active: EntryId,
    /// Failures of the latest batch of files, until dismissed.
    pub errors: Vec<FileError>,
    next_id: EntryId,
}

impl Workspace {
    /// A workspace with just the pasted entry, holding `draft`.
    pub fn new(draft: &str) -> Workspace {
        Workspace {
            entries: vec![Entry {
                id: PASTE_ID,
                name: String::new(),
                text: SharedText::from(draft),
                note: None,
            }],
            active: PASTE_ID,
            errors: Vec::new(),
            next_id: PASTE_ID + 1,
        }
    }

    pub fn active_entry(&self) -> &Entry {
        self.entries
            .iter()
            .find(|e| e.id == self.active)
            .unwrap_or(&self.entries[0])
    }

    pub fn paste(&self) -> &Entry {
        &self.entries[0]
    }

    /// The debounced textarea text becomes the pasted entry's text.
    pub fn set_paste_text(&mut self, text: &str) {
        if *self.entries[0].text != *text {
            self.entries[0].text = SharedText::from(text);
        }
    }

    /// Typing or pasting shows the pasted entry.
    pub fn show_paste(&mut self) {
        self.active = PASTE_ID;
    }

    /// Adds a batch of opened files (already split into issues, see
    /// [`issue_entries`]). Readable ones become entries (the first of them
    /// active); failures replace the error list. Nothing already
    /// open is touched. Returns how many entries were added.
    pub fn add(&mut self, batch: Vec<Opened>) -> usize {
        self.errors.clear();
        let mut first_new = None;
        let mut added = 0;
        for opened in batch {
            match opened {
                Opened::Text { name, text, note } => {
                    let id = self.next_id;
                    self.next_id += 1;
                    self.entries.push(Entry {
                        id,
                        name,
                        text: SharedText::from(text),
                        note,
                    });
                    first_new.get_or_insert(id);
                    added += 1;
                }
                Opened::Failed(e) => self.errors.push(e),
            }
        }
        if let Some(id) = first_new {
            self.active = id;
        }
        added
    }

    pub fn activate(&mut self, id: EntryId) {
        if self.entries.iter().any(|e| e.id == id) {
            self.active = id;
        }
    }

    /// Closes a file entry; the pasted entry cannot close. If the closed one
    /// was active, its left neighbour becomes active.
    pub fn close(&mut self, id: EntryId) {
        if id == PASTE_ID {
            return;
        }
        if let Some(pos) = self.entries.iter().position(|e| e.id == id) {
            self.entries.remove(pos);
            if self.active == id {
                self.active = self.entries[pos - 1].id;
            }
        }
    }

    pub fn dismiss_errors(&mut self) {
        self.errors.clear();
    }

    /// Entries worth exporting together: files, and the pasted text if any.
    pub fn non_empty(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| !e.text.trim().is_empty())
    }
}

/// The entries of one opened file holding `issues` (its texts split by
/// the parser's `split_issues`, in the tools module): a file holding several
/// issues (a month pasted at once, a year's 汇编) gives an entry per issue,
/// named `name (k/n)`; a single issue keeps the file's name.
pub fn issue_entries(name: &str, note: &Option<String>, issues: Vec<String>) -> Vec<Opened> {
    let n = issues.len();
    issues
        .into_iter()
        .enumerate()
        .map(|(k, text)| {
            let name = if n > 1 {
                format!("{name} ({}/{n})", k + 1)
            } else {
                name.to_owned()
            };
            Opened::Text {
                name,
                text,
                note: note.clone(),
            }
        })
        .collect()
}

/// A download name from an entry name: `三月快报.docx` → `三月快报.json`;
/// the pasted entry and names with nothing left become `bulletin.json`.
pub fn export_name(entry_name: &str, extension: &str) -> String {
    let stem = match entry_name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => entry_name,
    };
    let clean: String = stem
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let clean = clean.trim();
    if clean.is_empty() {
        format!("bulletin.{extension}")
    } else {
        format!("{clean}.{extension}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(name: &str) -> Opened {
        Opened::Text {
            name: name.into(),
            text: format!("{name} 的内容"),
            note: None,
        }
    }

    fn failed(name: &str) -> Opened {
        Opened::Failed(FileError {
            name: name.into(),
            reason: "不是文本文件".into(),
        })
    }

    #[test]
    fn a_file_of_several_issues_gives_an_entry_per_issue() {
        let one = |n: u32| {
            format!("某县政务信息\n第{n}期\n\n甲局推进项目建设  甲局召开推进会。（甲局）\n乙镇整治环境  乙镇清理垃圾30吨。（乙镇）\n\n责任编辑：胡静\n\n")
        };
        let mut w = Workspace::new("");
        let text = format!("{}{}", one(3), one(4));
        let note = Some("GBK".to_owned());
        // As the tools module splits it (the same parser function).
        let batch = issue_entries("汇编.txt", &note, bulletin_parser::split_issues(&text));
        assert_eq!(w.add(batch), 2);
        let names: Vec<&str> = w.entries[1..].iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["汇编.txt (1/2)", "汇编.txt (2/2)"]);
        assert!(w.entries[2].text.starts_with("某县政务信息\n第4期"));
        assert!(w.entries[1..].iter().all(|e| e.note == note));
        assert_eq!(w.active_entry().name, "汇编.txt (1/2)");
        // One issue keeps the file's own name.
        let single = issue_entries("三月.txt", &None, bulletin_parser::split_issues(&one(5)));
        assert!(matches!(single.as_slice(), [Opened::Text { name, .. }] if name == "三月.txt"));
    }

    #[test]
    fn starts_with_the_paste_entry() {
        let w = Workspace::new("草稿");
        assert_eq!(w.entries.len(), 1);
        assert!(w.active_entry().is_paste());
        assert_eq!(&*w.paste().text, "草稿");
    }

    #[test]
    fn files_are_added_and_the_first_becomes_active() {
        let mut w = Workspace::new("");
        assert_eq!(w.add(vec![text("a.txt"), text("b.docx")]), 2);
        assert_eq!(w.entries.len(), 3);
        assert_eq!(w.active_entry().name, "a.txt");
    }

    #[test]
    fn a_failed_file_loses_nothing() {
        let mut w = Workspace::new("我的草稿");
        w.add(vec![text("a.txt")]);
        let before = w.clone();
        assert_eq!(w.add(vec![failed("scan.png")]), 0);
        assert_eq!(w.entries, before.entries);
        assert_eq!(w.active, before.active);
        assert_eq!(w.errors.len(), 1);
        assert_eq!(w.errors[0].name, "scan.png");
        w.dismiss_errors();
        assert!(w.errors.is_empty());
    }

    #[test]
    fn mixed_batch_keeps_good_files_and_reports_bad_ones() {
        let mut w = Workspace::new("");
        assert_eq!(w.add(vec![failed("x.pdf"), text("b.txt")]), 1);
        assert_eq!(w.active_entry().name, "b.txt");
        assert_eq!(w.errors.len(), 1);
    }

    #[test]
    fn closing_moves_to_the_left_neighbour_and_paste_stays() {
        let mut w = Workspace::new("");
        w.add(vec![text("a"), text("b")]);
        let b = w.entries[2].id;
        w.activate(b);
        w.close(b);
        assert_eq!(w.active_entry().name, "a");
        w.close(PASTE_ID);
        assert_eq!(w.entries.len(), 2);
        let ids: Vec<EntryId> = w.entries.iter().map(|e| e.id).collect();
        w.add(vec![text("c")]);
        assert!(!ids.contains(&w.active), "ids are never reused");
    }

    #[test]
    fn paste_text_updates_only_the_paste_entry() {
        let mut w = Workspace::new("");
        w.add(vec![text("a")]);
        w.set_paste_text("新文本");
        assert_eq!(&*w.paste().text, "新文本");
        assert_eq!(w.active_entry().name, "a");
        w.show_paste();
        assert!(w.active_entry().is_paste());
    }

    #[test]
    fn export_names() {
        assert_eq!(export_name("三月快报.docx", "json"), "三月快报.json");
        assert_eq!(export_name("", "csv"), "bulletin.csv");
        assert_eq!(export_name("a/b:c.txt", "xlsx"), "a_b_c.xlsx");
        assert_eq!(export_name(".hidden", "json"), ".hidden.json");
        assert_eq!(export_name("无扩展名", "json"), "无扩展名.json");
    }

    #[test]
    fn shared_texts_are_equal_by_identity_or_by_content() {
        let a = SharedText::from("县水利局");
        assert_eq!(a, a.clone());
        assert_eq!(a, SharedText::from(String::from("县水利局")));
        assert_ne!(a, SharedText::from("县水利局 "));
        assert_eq!(&*a, "县水利局");
    }
}
