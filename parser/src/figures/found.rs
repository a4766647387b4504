//! What the readers of numbers find: a [`Found`] figure (offsets, value,
//! unit, qualifiers) and its [`Place`] in the sentence. Shared by every
//! module of `figures`, so it sits below them all and uses none of them.

use crate::model::FigureKind;

/// Where a figure stands in its sentence, as the scanner saw it on its way.
#[derive(Debug, Clone, Copy, Default)]
pub struct Place {
    /// Byte after the last clause punctuation before the figure.
    pub clause_start: usize,
    /// Byte where a time phrase opening the figure's clause ends (else the
    /// clause start): the label is read after it.
    pub lead_end: usize,
    /// Byte after the last `、` of the clause before the figure (else the
    /// clause start): list items each have their own label.
    pub list_start: usize,
    /// Byte range of the time phrase governing the figure.
    pub period: Option<(usize, usize)>,
    /// Which sentence the figure is in (counts sentence breaks).
    pub sentence: u32,
}

/// A figure as the scanner finds it: byte and character offsets, the value
/// and what qualifies it. Labels and periods come later (`context`).
#[derive(Debug, Clone, Copy)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub start_char: usize,
    pub end_char: usize,
    pub value: f64,
    /// The upper end of a range (`3至5万元`).
    pub value_max: Option<f64>,
    pub unit: Option<&'static str>,
    /// What a slash unit is per (`3000元/亩` → `亩`).
    pub per: Option<&'static str>,
    pub approx: Option<&'static str>,
    pub kind: FigureKind,
    pub place: Place,
}
