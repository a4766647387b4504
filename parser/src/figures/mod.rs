//! Figures: every quantity in the body of an item.
//!
//! A figure is a number with what makes it a quantity: a unit or measure
//! word (`42件`, `15300 平方米`), a percent sign (`56.4％`), or a 万/亿
//! multiplier (`交易额达 21.4 亿`). The number is Arabic (ASCII or full-width,
//! thousands separators, decimals, spaces around it as PDF exports print) or
//! Chinese (`三个`, `两千人`, `十余次`).
//!
//! The harder constructions (SPEC, "Figures: the harder constructions"):
//! a range is one figure, `value` its lower end and `value_max` its upper
//! (`3至5万元`, `200-300元`, `3万-5万元`, `三至五名`, `三四个`); a written sign
//! is kept (`-3.9%`, `负3.9%`, `零下5℃`); `点` is a decimal point and spoken
//! forms are read as said (`三点五亿`, `一万三`, `两千四百五`, `3万4000`);
//! fractions are ratios (`三分之一` 33.3 %, `千分之三` 3 ‰); `翻一番` is 2 倍;
//! `一吨半` adds a half; `数十亿`, `二十几万`, `上百家` are the magnitude said,
//! marked `数` `几` `上`; `123元1角1分` is 123.11; `人民币5万` is 元; a slash
//! unit belongs to the figure (`3000元/亩`). Where the reading is a guess
//! (`3万400`, `3万4千米`, `下降-2%`) no figure is reported.
//!
//! Not figures: bare numbers; ordinals (`第七期`); enumerators (`一是`);
//! anything inside quotes or title marks (`“五清单”`, `《…》`); dates and
//! times (`2023年`, `4月14日`, `10:30`); codes (`G107`, `5G`, `〔2018〕2号`);
//! fixed expressions whose numeral is no count (`八项规定`, `百日行动`,
//! `一次性`, `一批`, `四个全面`, `五位一体`). A lone `一` with a measure word
//! counts only where it cannot be an article: at the end of a clause
//! (`新建游园一个。`) or, for events, after an activity verb or `每`
//! (`每季度开展一次`).
//!
//! Module map: `scan` walks the body once and hands each candidate to
//! `arabic` or `chinese`, which read the number and, with `tail` and
//! the unit table in `units`, what makes it a quantity; `quotes` skips
//! quoted names; `chars` steps through UTF-8 bytes; `context` follows
//! clauses during the pass and builds each figure with its label and change
//! (`label`) and period (`period`); `entity` ties figures to bold
//! sub-units.

mod arabic;
mod chars;
mod chinese;
mod context;
mod entity;
mod found;
mod label;
mod out;
mod period;
mod quotes;
mod scan;
mod skip;
mod tail;
mod units;

use crate::model::Figure;

/// Shared with the structure passes.
pub(crate) use chars::{columns, count_chars, CharSet};
pub use entity::assign_entities;

/// Every figure in `body`, in order, with character offsets into it
/// (`body.chars()` indices; `text` is exactly those characters).
pub fn extract(body: &str) -> Vec<Figure> {
    // Bulletins carry about a figure per fifty characters (150 bytes);
    // reserving for a third more spares nearly all regrowth copies, each of
    // which would move every figure found so far.
    let mut figures = Vec::with_capacity(body.len() / 100 + 1);
    extract_into(body, &mut figures);
    figures
}

/// [`extract`] into `figures`, which must be empty: a caller extracting
/// from many bodies keeps one vector to collect in.
pub fn extract_into(body: &str, figures: &mut Vec<Figure>) {
    debug_assert!(figures.is_empty());
    let mut annotator = context::Annotator::default();
    scan::scan(body, |found| {
        let figure = annotator.figure(body, found, figures);
        figures.push(figure);
    });
}
