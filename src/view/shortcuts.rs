//! Keyboard shortcuts of the page, as pure functions of the key pressed
//! (the listener is `hooks::use_undo_keys`).

/// What a key press asks for, when it asks for either.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UndoKey {
    Undo,
    Redo,
}

/// The shortcut `key` (the event's `key`) with these modifiers stands for,
/// if any. Alt is left alone: with it the key means something else.
pub fn undo_key(key: &str, ctrl_or_meta: bool, shift: bool, alt: bool) -> Option<UndoKey> {
    if !ctrl_or_meta || alt {
        return None;
    }
    match (key, shift) {
        ("z" | "Z", false) => Some(UndoKey::Undo),
        ("z" | "Z", true) | ("y" | "Y", false) => Some(UndoKey::Redo),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ctrl_z_undoes_and_ctrl_shift_z_or_ctrl_y_redo() {
        assert_eq!(undo_key("z", true, false, false), Some(UndoKey::Undo));
        // With Shift the browser reports the capital.
        assert_eq!(undo_key("Z", true, true, false), Some(UndoKey::Redo));
        assert_eq!(undo_key("z", true, true, false), Some(UndoKey::Redo));
        assert_eq!(undo_key("y", true, false, false), Some(UndoKey::Redo));
    }

    #[test]
    fn other_keys_and_modifiers_are_left_alone() {
        assert_eq!(
            undo_key("z", false, false, false),
            None,
            "a plain z is typing"
        );
        assert_eq!(
            undo_key("z", true, false, true),
            None,
            "Ctrl+Alt+Z is something else"
        );
        assert_eq!(undo_key("y", true, true, false), None);
        assert_eq!(undo_key("c", true, false, false), None);
        assert_eq!(undo_key("Enter", true, false, false), None);
    }
}
