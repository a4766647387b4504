//! What page repair (`rewrap`) hands to assembly (`items`): the text as
//! sections and paragraphs ([`Block`]), each paragraph a run of [`Piece`]s
//! (input lines) and how they were joined. Plain data, below both.

use super::lines::Heading;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Join {
    /// Nothing between the pieces (CJK, a cut number, a page break).
    Glue,
    /// One space (two Latin words, or a gap the wrap kept).
    Space,
}

/// A line's share of a paragraph.
#[derive(Debug, Clone, Copy)]
pub struct Piece<'a> {
    pub line: usize,
    pub text: &'a str,
    /// How this piece joins the one before it.
    pub join: Join,
}

#[derive(Debug)]
pub struct Para {
    /// Its pieces in [`Blocks::pieces`].
    pub pieces: Range<usize>,
    /// A short headline alone on its line.
    pub headline_alone: bool,
    /// Nothing but a source parenthetical.
    pub source_only: bool,
    /// One row of a flattened table: never opens an item.
    pub table_row: bool,
    /// Ends in a source parenthetical: the item ends here.
    pub closes: bool,
    /// The headline break in the first piece, when there is one.
    pub first_break: Option<(usize, usize)>,
    /// The source parenthetical of the last piece, when it has one (offsets
    /// into that piece's text).
    pub last_tail: Option<Tail>,
    /// The bytes of its pieces, plus one a piece (room for what joins them):
    /// what its joined text needs, known without going over the pieces.
    pub text_bytes: usize,
}

#[derive(Debug)]
pub enum Block<'a> {
    Section { heading: Heading<'a>, line: usize },
    Para(Para),
}

/// The body zone as blocks, with all paragraphs' pieces in one vector.
pub struct Blocks<'a> {
    pub blocks: Vec<Block<'a>>,
    pub pieces: Vec<Piece<'a>>,
    /// Some `*` stands in the text: without one, no body is searched for
    /// markdown bold.
    pub stars: bool,
}

/// The parenthetical that closes an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tail {
    /// Byte offset of the opening parenthesis.
    pub open: usize,
    /// The names between the parentheses.
    pub inner: (usize, usize),
    /// Byte offset just past the closing parenthesis.
    pub end: usize,
    /// Nothing stands before it: the whole text is the parenthetical.
    pub alone: bool,
}
