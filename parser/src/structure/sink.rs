//! Where the structure passes put what is not structure: warnings and
//! dropped lines ([`Sink`]), and, when asked, the syntax they consumed
//! ([`Ledger`]). Below every pass: it uses none.

use crate::messages::{DropReason, WarningKind};
use crate::model::{Dropped, Warning};

/// Where warnings and dropped lines are collected.
#[derive(Default)]
pub(crate) struct Sink {
    pub(super) warnings: Vec<Warning>,
    pub(super) dropped: Vec<Dropped>,
}

impl Sink {
    pub(super) fn warn(&mut self, first: usize, last: usize, kind: WarningKind, text: String) {
        self.warnings.push(Warning::new(kind, first, last, text));
    }

    pub(super) fn drop_line(&mut self, line: usize, text: &str, reason: DropReason) {
        self.dropped.push(Dropped {
            line,
            text: text.to_string(),
            reason,
        });
    }
}

/// The syntax consumed while parsing, kept only when asked for.
#[derive(Default)]
pub(crate) struct Ledger {
    pub(super) on: bool,
    pub(super) taken: Vec<String>,
}

impl Ledger {
    #[inline]
    pub(super) fn is_on(&self) -> bool {
        self.on
    }

    #[inline]
    pub(super) fn take(&mut self, s: &str) {
        if self.on && !s.is_empty() {
            self.taken.push(s.to_string());
        }
    }
}
