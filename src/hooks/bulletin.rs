//! The one place the page asks for a parse.
//!
//! Components get the result as a [`SharedBulletin`]; the parse itself
//! happens in the tools module's web worker (`crate::offline::worker::hook`).

use std::ops::Deref;
use std::rc::Rc;

use bulletin_parser::Bulletin;
use yew::prelude::*;

use crate::view::workspace::SharedText;

/// A parsed bulletin shared by every component. Equality is identity: a
/// re-render with the same parse result skips the whole output tree
/// instead of comparing it field by field.
#[derive(Debug, Clone)]
pub struct SharedBulletin(pub Rc<Bulletin>);

impl PartialEq for SharedBulletin {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for SharedBulletin {
    type Target = Bulletin;
    fn deref(&self) -> &Bulletin {
        &self.0
    }
}

impl From<Bulletin> for SharedBulletin {
    fn from(b: Bulletin) -> Self {
        SharedBulletin(Rc::new(b))
    }
}

/// The bulletin in `text`, with the corrections by hand `fixes` (the text
/// form of `view::corrections`) applied, parsed again only when either
/// changes, in the tools module's web worker (`crate::offline::worker::hook`).
/// The flag is false while the previous result is still shown.
#[hook]
pub fn use_bulletin(text: SharedText, fixes: SharedText) -> (SharedBulletin, bool) {
    crate::offline::use_parsed(text, fixes)
}
