//! The plain-text layout shared by the HTML and Markdown renderers: blocks separated by one blank
//! line, lines inside a block, inline whitespace collapsed.
//!
//! Separators are decided lazily, when the next visible character arrives, so that empty
//! elements, trailing spaces and nested blocks never leave stray blank lines or spaces behind.

/// What must separate the next character from the text so far. Ordered by strength: when
/// several are requested, the strongest wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Gap {
    None,
    Space,
    Line,
    Block,
}

/// Builds the rendered text.
#[derive(Debug)]
pub(crate) struct Layout {
    out: String,
    gap: Gap,
    /// Written at the start of the next content, after the gap (list bullets).
    prefix: Option<String>,
}

impl Layout {
    pub(crate) fn new() -> Layout {
        Layout {
            out: String::new(),
            gap: Gap::None,
            prefix: None,
        }
    }

    /// Ends the current block: the next content starts after a blank line.
    pub(crate) fn block(&mut self) {
        self.gap = self.gap.max(Gap::Block);
    }

    /// Ends the current line: the next content starts on a new line.
    pub(crate) fn line(&mut self) {
        self.gap = self.gap.max(Gap::Line);
    }

    /// Requests one space before the next content (collapsing with other whitespace).
    pub(crate) fn space(&mut self) {
        self.gap = self.gap.max(Gap::Space);
    }

    /// Sets a prefix (e.g. `- `) to write before the next content.
    pub(crate) fn prefix(&mut self, prefix: String) {
        self.prefix = Some(prefix);
    }

    /// True when a prefix is waiting for content (a list item has not started its text yet).
    pub(crate) fn prefix_pending(&self) -> bool {
        self.prefix.is_some()
    }

    /// Inline text: runs of HTML whitespace (space, tab, newline, CR, form feed) collapse to one
    /// space. Other spaces, such as U+00A0, are content and stay.
    pub(crate) fn text(&mut self, text: &str) {
        // `split` yields one piece more than there are whitespace characters: every piece after
        // the first follows whitespace.
        for (i, piece) in text.split(is_collapsible).enumerate() {
            if i > 0 {
                self.space();
            }
            if !piece.is_empty() {
                self.flush();
                self.out.push_str(piece);
            }
        }
    }

    /// Preformatted text (code blocks, `<pre>`): written as is, newlines kept.
    pub(crate) fn raw(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        self.flush();
        self.out.push_str(text);
    }

    /// The text so far, without trailing whitespace, ending in one newline (empty if nothing was
    /// written).
    pub(crate) fn finish(mut self) -> String {
        trim_trailing(&mut self.out);
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        self.out
    }

    fn flush(&mut self) {
        if self.out.is_empty() {
            // Nothing to separate from: leading gaps vanish.
        } else {
            match self.gap {
                Gap::None => {}
                Gap::Space => {
                    if !self.out.ends_with([' ', '\n']) {
                        self.out.push(' ');
                    }
                }
                Gap::Line => {
                    trim_trailing(&mut self.out);
                    self.out.push('\n');
                }
                Gap::Block => {
                    trim_trailing(&mut self.out);
                    self.out.push_str("\n\n");
                }
            }
        }
        self.gap = Gap::None;
        if let Some(prefix) = self.prefix.take() {
            self.out.push_str(&prefix);
        }
    }
}

fn is_collapsible(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c')
}

fn trim_trailing(out: &mut String) {
    let len = out.trim_end_matches([' ', '\t', '\n']).len();
    out.truncate(len);
}

#[cfg(test)]
mod tests {
    use super::Layout;

    #[test]
    fn collapses_inline_whitespace_and_separates_blocks() {
        let mut l = Layout::new();
        l.block();
        l.text("  Hello \n  ");
        l.text("world ");
        l.text("again");
        l.block();
        l.block();
        l.text(" Second\u{a0}para ");
        l.line();
        l.prefix("- ".into());
        l.text(" item");
        assert_eq!(
            l.finish(),
            "Hello world again\n\nSecond\u{a0}para\n- item\n"
        );
    }

    #[test]
    fn adjacent_inline_text_is_not_spaced() {
        let mut l = Layout::new();
        l.text("bold");
        l.text("ly");
        l.text(" go");
        assert_eq!(l.finish(), "boldly go\n");
    }

    #[test]
    fn raw_text_keeps_its_layout() {
        let mut l = Layout::new();
        l.text("Code:");
        l.block();
        l.raw("fn main() {\n    x  y\n}");
        l.block();
        l.text("after");
        assert_eq!(l.finish(), "Code:\n\nfn main() {\n    x  y\n}\n\nafter\n");
    }

    #[test]
    fn empty_layout_is_empty() {
        let mut l = Layout::new();
        l.block();
        l.text("  \n ");
        assert_eq!(l.finish(), "");
    }
}
