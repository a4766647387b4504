//! Proofreading: the checks an editor runs on a bulletin before it goes out,
//! each finding with its exact place in the INPUT text (character offsets,
//! Unicode scalar values, into the text the bulletin was parsed from).
//!
//! Built only with the `proofread` feature (it pulls in `regex` for house
//! rules): the CLI and the page's on-demand tools module use it, the page's
//! first-load wasm does not.
//!
//! Precision first: a proofreader that cries wolf is switched off. Every
//! check flags only what it can tell is wrong, and a finding whose place in
//! the input cannot be found exactly is dropped, never guessed.
//!
//! The checks read the input text itself, cut into segments the parse gives
//! (an item's input lines are one segment, so a bracket may close on the
//! next line of the same item; every other line is a segment of its own;
//! lines the parser dropped as layout noise are skipped). Checks that need
//! the parse (a headline printed twice, the issue date, the footer) use the
//! [`Bulletin`] and locate what they report in the input.

mod consistency;
mod dates;
mod doc;
mod numbers;
mod rules;
mod text;
mod words;

use crate::model::Bulletin;

pub use dates::days_from_civil;
pub(crate) use doc::{find_chars, Doc, Raw};
pub use doc::{Finding, FindingKind};
pub use rules::{HouseRule, HouseRules, RulesError};

/// Proofreads a bulletin with the starter house rules.
pub fn proofread(text: &str, bulletin: &Bulletin) -> Vec<Finding> {
    proofread_with(text, bulletin, HouseRules::starter())
}

/// Proofreads a bulletin parsed from `text` with the given house rules.
/// Findings come sorted by position; none overlaps another of its kind.
pub fn proofread_with(text: &str, bulletin: &Bulletin, rules: &HouseRules) -> Vec<Finding> {
    let doc = Doc::new(text, bulletin);
    let mut raw: Vec<Raw> = Vec::new();
    let mut text_state = text::TextState::new();
    for segment in &doc.segments {
        text::check_segment(&doc, segment, &mut text_state, &mut raw);
        numbers::check_segment(&doc, segment, &mut raw);
        dates::check_segment(&doc, segment, &mut raw);
    }
    text::collapse_half_width(&doc, &mut raw);
    text::check_headlines(&doc, &mut raw);
    dates::check_issue_numbers(&doc, &mut raw);
    consistency::check(&doc, &mut raw);
    rules.check(&doc, &mut raw);
    doc.finish(raw)
}

#[cfg(test)]
mod tests;
