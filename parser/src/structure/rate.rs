//! Doubt made visible: after the items are assembled, [`rate`] reads every
//! item against the rest of its bulletin and sets its
//! [`Item::check`](crate::Item::check) to what looks doubtful
//! ([`DoubtReason`]), or none. The types live in [`crate::doubt`], below
//! the model.

use super::items::trailing_source;
use super::text::{ends_sentence, has_sentence_punct, is_unit_name, split_sources};
use crate::doubt::{Doubt, DoubtReason};
use crate::model::Bulletin;

/// The longest headline that reads as one, in characters: longer ones
/// have body text glued on (headlines in the catalogue, dev set and seeds
/// run to about 40).
const HEADLINE_MAX: usize = 40;
/// The shortest: shorter is a name or a fragment (the labelled headlines
/// run from 8 characters).
const HEADLINE_MIN: usize = 6;
/// A headline this short shaped like a unit's name is a unit's name (a
/// source line); longer ones end in 会, 行, 站 as headlines do.
const UNIT_HEADLINE_MAX: usize = 7;
/// The longest section name that reads as one: longer is a headline.
const SECTION_MAX: usize = 16;

/// Rates every item of `b` against the rest of the bulletin, extending the
/// doubt its headline rule gave it. Linear in the size of the bulletin.
pub fn rate(b: &mut Bulletin) {
    let n = b.items.len();
    let with_source = b.items.iter().filter(|i| !i.sources.is_empty()).count();
    // When at least half the items name a source, one that names none is
    // likely misread (its source glued to the body, or the item split or
    // merged wrongly).
    let sourced = n >= 3 && with_source * 2 >= n;
    let any_section = b.items.iter().any(|i| i.section.is_some());
    for it in &mut b.items {
        let mut reasons = it.check.take().map(|d| d.reasons).unwrap_or_default();
        let mut add = |r: DoubtReason| {
            if !reasons.contains(&r) {
                reasons.push(r);
            }
        };
        if it.headline.is_empty() {
            add(DoubtReason::NoHeadline);
        } else {
            let shape = headline_shape(&it.headline);
            if headline_too_long(&shape) {
                add(DoubtReason::HeadlineLong);
            } else if headline_odd(&it.headline, &shape) {
                add(DoubtReason::HeadlineOdd);
            }
        }
        if it.body.is_empty() {
            add(DoubtReason::NoBody);
        }
        if sourced && it.sources.is_empty() {
            add(DoubtReason::NoSource);
        }
        if it.sources.iter().any(|s| !is_unit_name(s)) {
            add(DoubtReason::SourceUnrecognised);
        }
        if body_holds_source(&it.body) {
            add(DoubtReason::SourceInsideBody);
        }
        match &it.section {
            None if any_section => add(DoubtReason::SectionUncertain),
            Some(s) if section_looks_wrong(s) => add(DoubtReason::SectionUncertain),
            _ => {}
        }
        it.check = (!reasons.is_empty()).then_some(Doubt { reasons });
    }
}

/// What one pass over a headline finds.
struct HeadlineShape {
    chars: usize,
    /// A sentence ends inside it (`。；！？`).
    sentence_end: bool,
    /// Some pair of brackets or quotes does not pair up.
    unpaired: bool,
}

/// Counts a headline's characters, sentence ends and bracket pairs in one
/// pass (headlines are short; this runs on every item).
fn headline_shape(h: &str) -> HeadlineShape {
    // Opening minus closing, per pair: （）, (), “”, 《》, 【】.
    let mut depth = [0i32; 5];
    let mut shape = HeadlineShape {
        chars: 0,
        sentence_end: false,
        unpaired: false,
    };
    for c in h.chars() {
        shape.chars += 1;
        match c {
            '。' | '；' | '！' | '？' => shape.sentence_end = true,
            '（' => depth[0] += 1,
            '）' => depth[0] -= 1,
            '(' => depth[1] += 1,
            ')' => depth[1] -= 1,
            '“' => depth[2] += 1,
            '”' => depth[2] -= 1,
            '《' => depth[3] += 1,
            '》' => depth[3] -= 1,
            '【' => depth[4] += 1,
            '】' => depth[4] -= 1,
            _ => {}
        }
    }
    shape.unpaired = depth.iter().any(|&d| d != 0);
    shape
}

/// A headline longer than headlines are, or holding a sentence's end:
/// the break was missed and body text glued on.
fn headline_too_long(shape: &HeadlineShape) -> bool {
    shape.chars > HEADLINE_MAX || shape.sentence_end
}

/// A headline that does not read as one: very short, a unit's name alone
/// (a source line taken for a headline), opening with a parenthesis, or
/// with brackets or quotes that do not pair.
fn headline_odd(h: &str, shape: &HeadlineShape) -> bool {
    let n = shape.chars;
    n < HEADLINE_MIN
        || (n <= UNIT_HEADLINE_MAX && is_unit_name(h))
        || h.starts_with(['（', '('])
        || shape.unpaired
}

/// A section name that reads like a headline: long, or a sentence.
fn section_looks_wrong(s: &str) -> bool {
    s.chars().count() > SECTION_MAX || has_sentence_punct(s)
}

/// Inside the body, not at its end, a sentence closes with a source
/// parenthetical whose first name is a unit's (`…。（县财政局）县农业…`,
/// or such a paragraph followed by another): two items were read as one.
/// Each closing parenthesis is looked at once, a few characters back.
fn body_holds_source(body: &str) -> bool {
    let end = body.trim_end().len();
    // One substring search per parenthesis kind (a set of chars would
    // decode every character of every body).
    let b = body.as_bytes();
    let wide = memchr::memmem::find_iter(b, "）".as_bytes()).map(|i| i + "）".len());
    let narrow = memchr::memchr_iter(b')', b).map(|i| i + 1);
    wide.chain(narrow).any(|close| {
        if close >= end {
            return false;
        }
        let head = &body[..close];
        trailing_source(head).is_some_and(|t| {
            !t.alone
                && ends_sentence(&head[..t.open])
                && split_sources(&head[t.inner.0..t.inner.1])
                    .next()
                    .is_some_and(is_unit_name)
        })
    })
}
