//! Making article text safe to show: no byte of an article may reach a terminal as a control.

use std::borrow::Cow;

/// Replaces every control character except `\n` and `\t` with a visible stand-in: C0 controls
/// and DEL become their Unicode Control Pictures (`␛`, `␇`...), C1 controls become `�`.
/// Bidi overrides and isolates become `�` too, so text cannot reorder what is around it.
///
/// ```
/// assert_eq!(artdiff::safe_text::printable("a\u{1b}[2Jb"), "a␛[2Jb");
/// assert_eq!(artdiff::safe_text::printable("plain"), "plain");
/// ```
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_replacing) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(replacement).collect())
}

/// [`printable`] for a one-line message (an error naming a file, a status line): newlines and
/// tabs become visible too, as `␊` and `␉`.
///
/// ```
/// assert_eq!(artdiff::safe_text::one_line("a\u{1b}]0;x\u{7}\nb.txt"), "a␛]0;x␇␊b.txt");
/// ```
pub fn one_line(text: &str) -> Cow<'_, str> {
    let shown = printable(text);
    if !shown.contains(['\n', '\t']) {
        return shown;
    }
    Cow::Owned(shown.replace('\n', "\u{240A}").replace('\t', "\u{2409}"))
}

fn needs_replacing(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c)
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

fn replacement(c: char) -> char {
    if !needs_replacing(c) {
        return c;
    }
    match c as u32 {
        0x00..=0x1F => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
        0x7F => '\u{2421}',
        _ => '\u{FFFD}',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_visible_and_newlines_stay() {
        assert_eq!(printable("x\u{7}y\u{7f}\n\tz"), "x␇y␡\n\tz");
        assert_eq!(printable("\u{9b}31m"), "\u{FFFD}31m");
        assert_eq!(printable("abc\u{202E}def"), "abc\u{FFFD}def");
        assert!(matches!(
            printable("Zelenskiy — “ok” 東京 🎉"),
            Cow::Borrowed(_)
        ));
    }
}
