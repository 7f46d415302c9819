//! Word wrapping by display width, and the per-pane cache of wrapped passages.
//!
//! Widths are terminal cells as ratatui's buffer counts them (unicode-width per grapheme), so a
//! wrapped line never overflows its pane: CJK and emoji take two cells, combining marks none.

use artdiff::safe_text::printable;
use std::borrow::Cow;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The text of a passage as drawn: control characters made visible (through
/// [`printable`]) and tabs turned into spaces. Byte offsets are those of `printable`'s output.
pub fn display_text(text: &str) -> Cow<'_, str> {
    if is_clean(text) {
        return Cow::Borrowed(text);
    }
    match printable(text) {
        Cow::Borrowed(s) if s.contains('\t') => Cow::Owned(s.replace('\t', " ")),
        Cow::Borrowed(s) => Cow::Borrowed(s),
        Cow::Owned(s) => Cow::Owned(s.replace('\t', " ")),
    }
}

/// Whether `text` is drawn as it is: no tab and nothing [`printable`] replaces. A byte scan,
/// several times faster than decoding characters; it only looks closer at the lead bytes of
/// the characters `printable` replaces (C1 controls, bidi controls). A test checks it against
/// `printable` for every character.
pub fn is_clean(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // Fast path: a run of 16 printable ASCII bytes (compiles to a few vector compares).
        if let Some(chunk) = b.get(i..i + 16) {
            if chunk
                .iter()
                .fold(true, |ok, &c| ok & (0x20..0x7F).contains(&c))
            {
                i += 16;
                continue;
            }
        }
        for j in i..(i + 16).min(b.len()) {
            match b[j] {
                b'\n' => {}
                0x00..=0x1F | 0x7F => return false,
                0xC2 if matches!(b.get(j + 1), Some(0x80..=0x9F)) => return false,
                0xD8 if b.get(j + 1) == Some(&0x9C) => return false,
                0xE2 => match (b.get(j + 1), b.get(j + 2)) {
                    (Some(0x80), Some(0x8E | 0x8F | 0xAA..=0xAE)) => return false,
                    (Some(0x81), Some(0xA6..=0xA9)) => return false,
                    _ => {}
                },
                _ => {}
            }
        }
        i += 16;
    }
    true
}

/// Cells a grapheme takes, the way ratatui's buffer counts them.
pub fn grapheme_width(g: &str) -> usize {
    if g.len() == 1 {
        return 1;
    }
    let marks = g
        .chars()
        .filter(|&c| c == '\u{FF9E}' || c == '\u{FF9F}')
        .count();
    g.width() + marks
}

/// Cells a string takes.
pub fn str_width(s: &str) -> usize {
    if s.is_ascii() {
        return s.len();
    }
    s.graphemes(true).map(grapheme_width).sum()
}

/// The longest prefix of `s` that fits in `width` cells, and its width.
pub fn fit(s: &str, width: usize) -> (&str, usize) {
    let mut used = 0;
    for (i, g) in s.grapheme_indices(true) {
        let w = grapheme_width(g);
        if used + w > width {
            return (&s[..i], used);
        }
        used += w;
    }
    (s, used)
}

/// `s` cut to `width` cells, with `…` at the end if it was cut.
pub fn truncate(s: &str, width: usize) -> Cow<'_, str> {
    if str_width(s) <= width {
        return Cow::Borrowed(s);
    }
    if width == 0 {
        return Cow::Borrowed("");
    }
    let (head, _) = fit(s, width - 1);
    Cow::Owned(format!("{}…", head.trim_end()))
}

/// Breaks `text` into lines of at most `width` cells, at spaces where it can, between wide
/// characters (CJK has no spaces), and inside a word only when the word alone is too long.
/// `\n` forces a break. Returns byte ranges into `text`; there is always at least one line.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let text_end = text.trim_end().len();
    let mut lines = Vec::new();
    let mut seg_start = 0;
    for seg in text[..text_end].split('\n') {
        wrap_segment(text, seg_start, seg_start + seg.len(), width, &mut lines);
        seg_start += seg.len() + 1;
    }
    if lines.is_empty() {
        lines.push(0..0);
    }
    lines
}

fn wrap_segment(text: &str, start: usize, end: usize, width: usize, lines: &mut Vec<Range<usize>>) {
    let seg = &text[start..end];
    // Fast path: the whole segment fits.
    if seg.len() <= width && seg.is_ascii() || str_width(seg) <= width {
        let trimmed = seg.trim_end();
        let lead = trimmed.len() - trimmed.trim_start().len();
        lines.push(start + lead..start + trimmed.len());
        return;
    }
    // The line being built: byte range and width; `None` while empty.
    let mut line: Option<(usize, usize)> = None;
    let mut line_w = 0usize;
    // Spaces seen since the line's last word: (width), only kept if a word follows on the line.
    let mut space_w = 0usize;
    for token in tokens(seg) {
        let (t_start, t_end, t_w, is_space) = (start + token.0, start + token.1, token.2, token.3);
        if is_space {
            if line.is_some() {
                space_w += t_w;
            }
            continue;
        }
        match line {
            Some((ls, _)) if line_w + space_w + t_w <= width => {
                line = Some((ls, t_end));
                line_w += space_w + t_w;
            }
            _ => {
                if let Some((ls, le)) = line.take() {
                    lines.push(ls..le);
                }
                if t_w <= width {
                    line = Some((t_start, t_end));
                    line_w = t_w;
                } else {
                    // A word wider than the line: cut it by graphemes.
                    let mut piece = t_start;
                    let mut piece_w = 0;
                    for (i, g) in text[t_start..t_end].grapheme_indices(true) {
                        let gw = grapheme_width(g);
                        if piece_w + gw > width && piece_w > 0 {
                            lines.push(piece..t_start + i);
                            piece = t_start + i;
                            piece_w = 0;
                        }
                        piece_w += gw;
                    }
                    line = Some((piece, t_end));
                    line_w = piece_w;
                }
            }
        }
        space_w = 0;
    }
    match line {
        Some((ls, le)) => lines.push(ls..le),
        None => lines.push(end..end),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Space,
    Word,
    Wide,
}

/// Splits a line into tokens (start, end, width, is_space): runs of spaces, runs of narrow
/// non-space graphemes, and single wide graphemes (a break is allowed on either side of those).
fn tokens(seg: &str) -> Vec<(usize, usize, usize, bool)> {
    let mut out: Vec<(usize, usize, usize, Kind)> = Vec::new();
    for (i, g) in seg.grapheme_indices(true) {
        let w = grapheme_width(g);
        let kind = if g.chars().all(char::is_whitespace) {
            Kind::Space
        } else if w >= 2 {
            Kind::Wide
        } else {
            Kind::Word
        };
        let end = i + g.len();
        match out.last_mut() {
            Some(last) if last.3 == kind && kind != Kind::Wide => {
                last.1 = end;
                last.2 += w;
            }
            _ => out.push((i, end, w, kind)),
        }
    }
    out.into_iter()
        .map(|(s, e, w, k)| (s, e, w, k == Kind::Space))
        .collect()
}

/// A passage wrapped at one width.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Wrapped {
    /// Byte ranges of each line in the passage's [`display_text`].
    pub lines: Vec<Range<usize>>,
    /// Whether the conflict badge needs a line of its own (it does not fit after the last).
    pub badge_line: bool,
}

impl Wrapped {
    /// Wraps a passage's display text, leaving room for its conflict badge (if any).
    pub fn new(display: &str, badge_width: Option<usize>, width: usize) -> Wrapped {
        let lines = wrap(display, width);
        let badge_line = match (badge_width, lines.last()) {
            (Some(bw), Some(last)) => str_width(&display[last.clone()]) + 1 + bw > width,
            _ => false,
        };
        Wrapped { lines, badge_line }
    }

    /// Rows of text (without the paragraph gap).
    pub fn rows(&self) -> usize {
        self.lines.len() + usize::from(self.badge_line)
    }
}

/// The wrapped passages of one pane at its current text width, filled lazily: only passages
/// that have been on screen (or walked over while scrolling) are ever wrapped.
#[derive(Debug, Clone, Default)]
pub struct WrapCache {
    width: usize,
    entries: Vec<Option<Wrapped>>,
}

impl WrapCache {
    /// An empty cache for `passages` passages.
    pub fn new(passages: usize) -> WrapCache {
        WrapCache {
            width: 0,
            entries: vec![None; passages],
        }
    }

    /// Sets the width; forgets every entry if it changed.
    pub fn set_width(&mut self, width: usize) {
        if width != self.width {
            self.width = width;
            self.clear();
        }
    }

    /// Forgets every entry (classes or conflicts changed).
    pub fn clear(&mut self) {
        self.entries.iter_mut().for_each(|e| *e = None);
    }

    /// The cached entry for passage `p`.
    pub fn get(&self, p: usize) -> Option<&Wrapped> {
        self.entries.get(p)?.as_ref()
    }

    /// The entry for passage `p`, wrapping it with `make` if needed.
    pub fn get_or_insert(&mut self, p: usize, make: impl FnOnce(usize) -> Wrapped) -> &Wrapped {
        let width = self.width;
        if p >= self.entries.len() {
            self.entries.resize(p + 1, None);
        }
        self.entries[p].get_or_insert_with(|| make(width))
    }

    /// How many passages are wrapped (for tests of the laziness).
    #[cfg(test)]
    pub fn filled(&self) -> usize {
        self.entries.iter().filter(|e| e.is_some()).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, width: usize) -> Vec<&str> {
        wrap(text, width).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(
            lines(
                "At least 14 people were injured when the bridge collapsed.",
                20
            ),
            vec![
                "At least 14 people",
                "were injured when",
                "the bridge",
                "collapsed."
            ]
        );
    }

    #[test]
    fn short_text_is_one_line_and_empty_text_one_empty_line() {
        assert_eq!(lines("Hello.", 20), vec!["Hello."]);
        assert_eq!(lines("", 20), vec![""]);
        assert_eq!(lines("   ", 20), vec![""]);
    }

    #[test]
    fn long_words_are_cut() {
        assert_eq!(lines("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(
            lines("a https://example.com/x", 8),
            vec!["a", "https://", "example.", "com/x"]
        );
    }

    #[test]
    fn newlines_break_and_trailing_space_goes() {
        assert_eq!(lines("one two\nthree  \n", 20), vec!["one two", "three"]);
    }

    #[test]
    fn wide_characters_count_double_and_break_between() {
        let text = "東京都で大きな地震があった";
        let ls = lines(text, 10);
        assert!(ls.iter().all(|l| str_width(l) <= 10), "{ls:?}");
        assert_eq!(ls.concat(), text);
        assert_eq!(ls[0], "東京都で大");
        let mixed = lines("Party 🎉🎉🎉 time", 7);
        assert!(mixed.iter().all(|l| str_width(l) <= 7), "{mixed:?}");
    }

    #[test]
    fn never_wider_than_the_width() {
        let text = "Zelenskiy — “ok” 東京 🎉 e\u{301}te\u{301} a  b   c averyveryverylongword x";
        for width in 1..30 {
            for l in lines(text, width) {
                assert!(str_width(l) <= width.max(2), "{width}: {l:?}");
            }
        }
    }

    #[test]
    fn is_clean_agrees_with_printable_for_every_character() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = format!("a{c}b");
            let drawn_as_is = printable(&s) == s.as_str() && c != '\t';
            assert_eq!(is_clean(&s), drawn_as_is, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn display_text_neutralises_controls_and_tabs() {
        assert_eq!(display_text("a\tb\u{1b}[31m"), "a b␛[31m");
        assert!(matches!(display_text("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn truncate_adds_an_ellipsis() {
        assert_eq!(truncate("Reuters wire", 8), "Reuters…");
        assert_eq!(truncate("short", 8), "short");
        assert_eq!(truncate("東京東京", 5), "東京…");
    }
}
