//! Masthead, sections, items and footer. (Being written.)
use crate::model::*;

pub fn parse(text: &str) -> Bulletin {
    let _ = text;
    Bulletin::default()
}
