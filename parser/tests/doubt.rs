//! Doubt made visible: the ratings (`Item::check`) measured on the
//! catalogue and the fixtures as written (few right items flagged) and
//! mangled so the parser errs (the wrong items flagged). The shared
//! measurement is in `fixtures/doubt_eval.rs`; `examples/doubt_eval.rs`
//! runs it on any labelled folder (the seeds, the dev set).

#[path = "fixtures/doubt_eval.rs"]
mod doubt_eval;

use doubt_eval::*;
use std::path::Path;

fn sets() -> Vec<Labelled> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut all = Vec::new();
    for dir in ["catalogue", "catalogue/heldout", "fixtures"] {
        let d = root.join(dir);
        all.extend(load(&d, &d));
    }
    all
}

#[test]
fn flags_wrong_items_and_few_right_ones() {
    let set = sets();
    assert!(set.len() >= 25, "labelled texts found: {}", set.len());
    let (clean, mangled, reasons) = measure(&set);
    print("catalogue + fixtures", clean, mangled, &reasons);
    assert!(mangled.wrong >= 50, "the mangles must make the parser err");
    assert!(
        clean.false_alarm() <= 0.02,
        "right items flagged: {:.3}",
        clean.false_alarm()
    );
    assert!(
        mangled.recall() >= 0.85,
        "wrong items flagged: {:.3}",
        mangled.recall()
    );
    assert!(
        mangled.precision() >= 0.90,
        "flags on wrong items: {:.3}",
        mangled.precision()
    );
}
