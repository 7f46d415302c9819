//! The one-line text field of the prompts (search, export path): readline's editing keys on
//! a `String` with a cursor that never leaves a char boundary.

use super::action::Action;

/// A one-line text field.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LineEdit {
    /// The text.
    pub text: String,
    /// Cursor, a byte offset at a char boundary.
    pub cursor: usize,
}

impl LineEdit {
    /// A field holding `text`, cursor at the end.
    pub fn new(text: &str) -> LineEdit {
        LineEdit {
            text: text.to_string(),
            cursor: text.len(),
        }
    }

    fn prev_boundary(&self) -> usize {
        self.text[..self.cursor]
            .char_indices()
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        self.text[self.cursor..]
            .chars()
            .next()
            .map_or(self.cursor, |c| self.cursor + c.len_utf8())
    }

    /// Applies an editing action; false if it is not one.
    pub fn edit(&mut self, action: Action) -> bool {
        match action {
            Action::Input(c) => {
                self.text.insert(self.cursor, c);
                self.cursor += c.len_utf8();
            }
            Action::Backspace => {
                let p = self.prev_boundary();
                self.text.replace_range(p..self.cursor, "");
                self.cursor = p;
            }
            Action::Delete => {
                let n = self.next_boundary();
                self.text.replace_range(self.cursor..n, "");
            }
            Action::CursorLeft => self.cursor = self.prev_boundary(),
            Action::CursorRight => self.cursor = self.next_boundary(),
            Action::CursorHome => self.cursor = 0,
            Action::CursorEnd => self.cursor = self.text.len(),
            Action::DeleteWord => {
                let before = &self.text[..self.cursor];
                let trimmed = before.trim_end();
                let start = trimmed
                    .char_indices()
                    .rev()
                    .find(|(_, c)| c.is_whitespace() || *c == '/')
                    .map_or(0, |(i, c)| i + c.len_utf8());
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
            }
            Action::ClearLine => {
                self.text.replace_range(..self.cursor, "");
                self.cursor = 0;
            }
            _ => return false,
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str, actions: &[Action]) -> LineEdit {
        let mut field = LineEdit::new(text);
        for &action in actions {
            assert!(field.edit(action), "{action:?} is an editing action");
        }
        field
    }

    #[test]
    fn typing_inserts_at_the_cursor_and_moves_it() {
        let field = typed("ac", &[Action::CursorLeft, Action::Input('b')]);
        assert_eq!(field.text, "abc");
        assert_eq!(field.cursor, 2);
    }

    #[test]
    fn the_cursor_steps_over_whole_chars() {
        let field = typed("aø東", &[Action::CursorLeft, Action::Backspace]);
        assert_eq!(field.text, "a東");
        assert_eq!(field.cursor, 1);
        let field = typed(
            "aø東",
            &[Action::CursorHome, Action::CursorRight, Action::Delete],
        );
        assert_eq!(field.text, "a東");
        // At either end the cursor stays put.
        let field = typed(
            "ø",
            &[Action::CursorRight, Action::Delete, Action::CursorEnd],
        );
        assert_eq!((field.text.as_str(), field.cursor), ("ø", 2));
        let field = typed(
            "ø",
            &[Action::CursorHome, Action::CursorLeft, Action::Backspace],
        );
        assert_eq!((field.text.as_str(), field.cursor), ("ø", 0));
    }

    #[test]
    fn ctrl_w_deletes_a_word_or_a_path_component() {
        assert_eq!(typed("hello world", &[Action::DeleteWord]).text, "hello ");
        assert_eq!(typed("hello world  ", &[Action::DeleteWord]).text, "hello ");
        assert_eq!(
            typed("~/reports/out", &[Action::DeleteWord]).text,
            "~/reports/"
        );
        assert_eq!(typed("word", &[Action::DeleteWord]).text, "");
    }

    #[test]
    fn ctrl_u_clears_up_to_the_cursor() {
        let field = typed(
            "abcdef",
            &[Action::CursorLeft, Action::CursorLeft, Action::ClearLine],
        );
        assert_eq!((field.text.as_str(), field.cursor), ("ef", 0));
    }

    #[test]
    fn other_actions_are_not_edits() {
        let mut field = LineEdit::new("abc");
        assert!(!field.edit(Action::Quit));
        assert!(!field.edit(Action::Down));
        assert_eq!(field, LineEdit::new("abc"));
    }
}
