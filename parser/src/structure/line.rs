//! A line of the input and what it is on its own ([`Kind`]): the unit every
//! structure pass reads. Below all of them: it uses none.

/// One input line.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    /// 1-based line number in the (cleaned) input.
    pub no: usize,
    /// The content: spaces trimmed, markdown heading, quote and bullet
    /// markers removed.
    pub text: &'a str,
    pub kind: Kind,
    /// The line began with two or more spaces (a paragraph indent).
    pub indented: bool,
    /// The line ended in a space (a hard wrap that kept the gap).
    pub trailing_space: bool,
    /// The line was a markdown heading (`#` taken off).
    pub md_heading: bool,
    /// One or more blank lines came right before it. (Blank lines are not
    /// kept as lines: 50 MB of line breaks must not cost gigabytes.)
    pub after_blank: bool,
    /// Display columns of `text`, or [`WIDE_LINE`] when it has more than
    /// [`WIDE_LINE_BYTES`] bytes (such a line is a paragraph, whatever its
    /// width).
    pub width: u16,
}

/// The width given a line too long to be a wrapped line.
pub const WIDE_LINE: u16 = 401;
/// Lines longer than this (in bytes) have [`WIDE_LINE`] as their width.
pub const WIDE_LINE_BYTES: usize = 2 * WIDE_LINE as usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Blank,
    /// Layout noise, dropped wherever it stands.
    Noise,
    /// A section heading ([`heading_of`] reads it). `explicit`: bracketed or
    /// enumerated, as opposed to a bare markdown heading, which at the top of
    /// a bulletin is its title rather than a section.
    Section {
        explicit: bool,
    },
    /// Starts with a footer key (`本期发：`, `责任编辑：`, `审核：`, …).
    Footer,
    Text,
}
