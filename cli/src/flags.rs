//! The one reader of a command's arguments (`parse`/`figures`, `check`,
//! `stats`): inputs and flags, `--flag=value` and `--flag value` alike, `-`
//! for standard input, and `--` before inputs that start with a dash. Each
//! command matches the flags it knows.

use std::ffi::OsString;
use std::path::PathBuf;

/// One argument, as a command sees it.
pub enum Arg {
    /// A file, a directory, or `-`.
    Input(PathBuf),
    /// A flag (`-f`, `--format`), with the value written after `=`, if any;
    /// `text` is the argument as given, for messages.
    Flag {
        flag: String,
        inline: Option<String>,
        text: String,
    },
}

pub struct Flags {
    args: std::vec::IntoIter<OsString>,
    only_inputs: bool,
}

impl Flags {
    pub fn new(args: impl IntoIterator<Item = OsString>) -> Flags {
        Flags {
            args: args.into_iter().collect::<Vec<_>>().into_iter(),
            only_inputs: false,
        }
    }

    /// The next argument; `--` is taken here (everything after it is an
    /// input).
    pub fn next_arg(&mut self) -> Option<Arg> {
        loop {
            let arg = self.args.next()?;
            let text = arg.to_str().unwrap_or("").to_owned();
            if self.only_inputs || text == "-" || !text.starts_with('-') {
                return Some(Arg::Input(PathBuf::from(arg)));
            }
            if text == "--" {
                self.only_inputs = true;
                continue;
            }
            let (flag, inline) = match text.split_once('=') {
                Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
                _ => (text.clone(), None),
            };
            return Some(Arg::Flag { flag, inline, text });
        }
    }

    /// A flag's value: what followed its `=`, else the next argument.
    pub fn value(&mut self, inline: &Option<String>) -> Option<OsString> {
        match inline {
            Some(v) => Some(OsString::from(v)),
            None => self.args.next(),
        }
    }
}
