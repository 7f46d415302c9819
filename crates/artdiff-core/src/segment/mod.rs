//! Paragraphs and sentence passages with byte spans into the loaded text.
//!
//! [`split`] works in these steps, each linear in the text:
//!
//! 1. **Lines.** Each line is blank, chrome (web boilerplate, judged line by line by
//!    [`ingest::boilerplate::Detector`](crate::ingest::boilerplate::Detector), author boxes
//!    included), a bullet item (`-`, `*`, `•`, `1.`, `a)` ...) or plain text. Blank lines
//!    separate paragraphs.
//! 2. **Blocks.** Inside a paragraph, lines are joined into blocks when they continue each
//!    other: the next line starts in lower case; the line ends with `,` `;` `-` `(` ... or
//!    with a word no sentence ends on ("the", "to"); or the paragraph is hard-wrapped prose
//!    (no line wider than [`WRAP_MAX`] columns, and the line is so long that the next line's
//!    first word would not have fitted on it). A headline (Title Case, no full stop), a short
//!    line, a bullet item and a chrome line stay blocks of their own; a bullet item only takes
//!    indented or lower-case continuation lines. A line that a chrome pattern hits but that
//!    sits inside wrapped prose ("...readers who\nsubscribe to the paper...") is text.
//! 3. **Sentences.** Each block is split into sentences (see `sentence.rs`: abbreviations,
//!    initials, decimals, closing quotes, ellipses, CJK full stops); a chrome line is one
//!    passage. A passage of punctuation only (a lone `”`, `...`) joins its neighbour in the
//!    paragraph; a ruler (`---`, `* * *`) is dropped. Passages longer than [`MAX_PASSAGE`]
//!    bytes are cut at a space (or a char boundary) so the engine never sees a monster.
//! 4. **Repeated headline.** When the first passage is repeated word for word as the next
//!    paragraph (the title, then the same line again in scraped pages), the repeat is marked
//!    boilerplate so it is compared once.
//!
//! Spans are trimmed of whitespace (no-break and zero-width spaces included), lie on char
//! boundaries, are in order and never overlap. `paragraph` counts the paragraphs that hold at
//! least one passage: 0, 1, 2, ...

mod abbrev;
mod sentence;

use crate::ingest::boilerplate::{is_punctuation, is_space, Detector};
use sentence::trim;
use unicode_width::UnicodeWidthStr;

/// Longest passage in bytes; longer sentences are cut at a space.
pub const MAX_PASSAGE: usize = 2000;

/// Widest line (in columns) of a paragraph that is read as hard-wrapped prose.
pub const WRAP_MAX: usize = 100;

/// One passage-to-be: a sentence, headline, bullet line or boilerplate line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// Byte offset of the first byte (never whitespace).
    pub start: usize,
    /// Byte offset one past the last byte (trailing whitespace excluded).
    pub end: usize,
    /// Index of the paragraph (run of lines between blank lines).
    pub paragraph: usize,
    /// Web chrome (share prompts, tags...): never compared.
    pub boilerplate: bool,
}

/// Splits `text` (UTF-8, `\n` newlines) into passages, in order.
///
/// ```
/// use artdiff::segment::split;
/// let text = "Storm hits coast\n\nMr. Dahl said the U.S. team left at 7.40 a.m. on Tuesday. \
///             \"We tried,\" he said.\n\nShare :";
/// let passages: Vec<&str> = split(text).iter().map(|s| &text[s.start..s.end]).collect();
/// assert_eq!(
///     passages,
///     [
///         "Storm hits coast",
///         "Mr. Dahl said the U.S. team left at 7.40 a.m. on Tuesday.",
///         "\"We tried,\" he said.",
///         "Share :",
///     ]
/// );
/// let segments = split(text);
/// assert_eq!(segments[2].paragraph, 1);
/// assert!(segments[3].boilerplate);
/// ```
pub fn split(text: &str) -> Vec<Segment> {
    let mut splitter = Splitter {
        text,
        out: Vec::new(),
        paragraph: 0,
        lines: Vec::new(),
        blocks: Vec::new(),
        spans: Vec::new(),
        items: Vec::new(),
    };
    let mut detector = Detector::new();
    let mut offset = 0;
    for raw in text.split('\n') {
        let (start, end) = trim(text, offset, offset + raw.len());
        if start == end {
            detector.line("");
            splitter.flush();
        } else {
            let line = &text[start..end];
            let kind = if detector.line(line) {
                Kind::Chrome
            } else if let Some((content, dash)) = bullet(line) {
                Kind::Bullet {
                    content: start + content,
                    dash,
                }
            } else {
                Kind::Plain
            };
            splitter.lines.push(Line {
                start,
                end,
                kind,
                width: width(line),
                indent: start - offset,
            });
        }
        offset += raw.len() + 1;
    }
    splitter.flush();
    mark_repeated_headline(text, &mut splitter.out);
    splitter.out
}

/// A headline repeated as the next paragraph (common in scraped pages: the title, then the
/// same line again) is compared once: the repeat is marked boilerplate.
fn mark_repeated_headline(text: &str, out: &mut [Segment]) {
    let Some(first) = out.iter().position(|s| !s.boilerplate) else {
        return;
    };
    let alone = |k: usize| {
        let p = out[k].paragraph;
        (k == 0 || out[k - 1].paragraph != p) && out.get(k + 1).is_none_or(|n| n.paragraph != p)
    };
    let Some(second) = out.get(first + 1) else {
        return;
    };
    let (a, b) = (out[first], *second);
    if !b.boilerplate
        && b.paragraph == a.paragraph + 1
        && alone(first)
        && alone(first + 1)
        && text[a.start..a.end] == text[b.start..b.end]
    {
        out[first + 1].boilerplate = true;
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Chrome,
    /// A bullet item; `content` is the offset of its text after the marker.
    Bullet {
        content: usize,
        dash: bool,
    },
    Plain,
}

/// A non-blank line, trimmed.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    kind: Kind,
    /// Display width in columns (capped for long lines).
    width: usize,
    /// Bytes of leading whitespace.
    indent: usize,
}

/// A run of lines split into sentences together.
#[derive(Debug, Clone, Copy)]
struct Block {
    start: usize,
    /// Where sentence ends may begin (past a bullet marker).
    scan: usize,
    end: usize,
    chrome: bool,
    bullet: bool,
    indent: usize,
}

/// State while splitting; buffers are reused from paragraph to paragraph.
struct Splitter<'t> {
    text: &'t str,
    out: Vec<Segment>,
    paragraph: usize,
    lines: Vec<Line>,
    blocks: Vec<Block>,
    spans: Vec<(usize, usize)>,
    /// Passages of the current paragraph: (start, end, boilerplate).
    items: Vec<(usize, usize, bool)>,
}

impl Splitter<'_> {
    /// Turns the buffered lines of one paragraph into segments.
    fn flush(&mut self) {
        if self.lines.is_empty() {
            return;
        }
        self.build_blocks();
        self.lines.clear();
        self.items.clear();
        for block in &self.blocks {
            if block.chrome {
                self.items.push((block.start, block.end, true));
                continue;
            }
            self.spans.clear();
            sentence::sentences(
                self.text,
                block.start,
                block.scan,
                block.end,
                &mut self.spans,
            );
            self.items
                .extend(self.spans.iter().map(|&(s, e)| (s, e, false)));
        }
        self.blocks.clear();
        merge_marks(self.text, &mut self.items);
        if self.items.is_empty() {
            return;
        }
        for &(start, end, boilerplate) in &self.items {
            push_capped(
                self.text,
                start,
                end,
                self.paragraph,
                boilerplate,
                &mut self.out,
            );
        }
        self.paragraph += 1;
    }

    fn build_blocks(&mut self) {
        let text = self.text;
        let wrap = self
            .lines
            .iter()
            .filter(|l| l.kind != Kind::Chrome)
            .map(|l| l.width)
            .max()
            .unwrap_or(0);
        // A chrome pattern can hit a line of hard-wrapped prose ("...readers who\nsubscribe
        // to the paper..."): such a line is text.
        for k in 0..self.lines.len() {
            let line = self.lines[k];
            if line.kind != Kind::Chrome {
                continue;
            }
            let this = &text[line.start..line.end];
            let prev = k.checked_sub(1).map(|p| self.lines[p]);
            let next = self.lines.get(k + 1);
            let continues_prev = starts_lower(this)
                && prev.is_some_and(|p| {
                    p.kind == Kind::Plain && !ends_sentence(&text[p.start..p.end])
                });
            let continued = wrap <= WRAP_MAX
                && line.width * 5 >= wrap * 4
                && !ends_sentence(this)
                && next
                    .is_some_and(|n| n.kind == Kind::Plain && starts_lower(&text[n.start..n.end]));
            if continues_prev || continued {
                self.lines[k].kind = Kind::Plain;
            }
        }
        for (k, line) in self.lines.iter().enumerate() {
            let prev = k.checked_sub(1).map(|p| self.lines[p]);
            let open = self.blocks.last_mut().filter(|b| !b.chrome);
            match line.kind {
                Kind::Chrome => self.blocks.push(Block {
                    start: line.start,
                    scan: line.start,
                    end: line.end,
                    chrome: true,
                    bullet: false,
                    indent: line.indent,
                }),
                Kind::Bullet { content, dash } => {
                    // A dash that starts a hard-wrapped line may be the sentence's own dash:
                    // "... visit a new page\n- by default, this is 0.85."
                    if let (Some(block), Some(prev)) = (open, prev) {
                        if dash
                            && !block.bullet
                            && prev.kind == Kind::Plain
                            && starts_lower(&text[content..line.end])
                            && wraps(text, &prev, line, wrap)
                        {
                            block.end = line.end;
                            continue;
                        }
                    }
                    self.blocks.push(Block {
                        start: line.start,
                        scan: content,
                        end: line.end,
                        chrome: false,
                        bullet: true,
                        indent: line.indent,
                    });
                }
                Kind::Plain => {
                    if let (Some(block), Some(prev)) = (open, prev) {
                        let next = &text[line.start..line.end];
                        let join = if block.bullet {
                            starts_lower(next) || line.indent > block.indent
                        } else {
                            continues(text, &prev, line, wrap)
                        };
                        if join {
                            block.end = line.end;
                            continue;
                        }
                    }
                    self.blocks.push(Block {
                        start: line.start,
                        scan: line.start,
                        end: line.end,
                        chrome: false,
                        bullet: false,
                        indent: line.indent,
                    });
                }
            }
        }
    }
}

/// Whether plain line `next` continues the sentence of plain line `prev` in a paragraph whose
/// widest line is `wrap` columns.
fn continues(text: &str, prev: &Line, next: &Line, wrap: usize) -> bool {
    let p = &text[prev.start..prev.end];
    let n = &text[next.start..next.end];
    if is_ruler(p) || is_ruler(n) {
        return false;
    }
    if starts_lower(n) {
        return true;
    }
    if p.ends_with([',', ';', '-', '–', '—', '(', '/', '&', '“', '‘', '«']) {
        return true;
    }
    // No sentence or headline ends on "the", "of", "to"...
    let last = p.rsplit(is_space).next().unwrap_or("");
    if DANGLING.contains(&last) {
        return true;
    }
    !headline_like(p) && wraps(text, prev, next, wrap)
}

/// Words a sentence or headline never ends on: a line ending with one continues.
const DANGLING: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "by", "for", "from", "in", "into", "is", "of", "on", "or",
    "than", "that", "the", "their", "to", "was", "were", "which", "whose", "with",
];

/// Hard-wrapped prose: the paragraph is narrow, `prev` is not a short line, and the first word
/// of `next` would (nearly) not have fitted on `prev`.
fn wraps(text: &str, prev: &Line, next: &Line, wrap: usize) -> bool {
    if wrap > WRAP_MAX || prev.width < 25 {
        return false;
    }
    let n = text[next.start..next.end].trim_start_matches(|c: char| c == '-' || is_space(c));
    let first_word = n.split(is_space).next().unwrap_or("");
    (prev.width + 1 + width(first_word)) * 5 > wrap * 4
}

/// A headline: no sentence end, and (nearly) every word that is not a small function word is
/// capitalised.
fn headline_like(line: &str) -> bool {
    const SMALL: &[&str] = &[
        "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on", "or",
        "the", "to", "vs", "with",
    ];
    if line.ends_with(|c: char| sentence::is_terminal(c) || sentence::is_closer(c)) {
        return false;
    }
    let (mut words, mut caps) = (0, 0);
    for word in line.split(is_space).take(40) {
        let Some(first) = word.chars().find(|c| c.is_alphanumeric()) else {
            continue;
        };
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        if SMALL.iter().any(|s| s.eq_ignore_ascii_case(bare)) {
            continue;
        }
        words += 1;
        if first.is_uppercase() || first.is_numeric() {
            caps += 1;
        }
    }
    words >= 2 && caps * 4 >= words * 3
}

/// The line ends with a sentence mark (closing quotes and brackets aside).
fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(sentence::is_closer)
        .ends_with(sentence::is_terminal)
}

/// The line's first letter (after opening quotes and brackets) is lower case.
fn starts_lower(line: &str) -> bool {
    line.trim_start_matches(|c: char| sentence::is_opener(c) || is_space(c))
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

/// Display width in columns; lines too long to be wrapped prose are not measured exactly.
fn width(line: &str) -> usize {
    if line.len() > 4 * WRAP_MAX || line.is_ascii() {
        return line.len();
    }
    match line.chars().count() {
        n if n > WRAP_MAX => n,
        _ => line.width(),
    }
}

/// If `line` (trimmed) is a bullet item: the offset of its text after the marker, and
/// whether the marker is a dash. Markers: `-` `*` `+` `•` `◦` `‣` `▪` `●` `–` `—`, `1.`
/// `12)` (up to three digits), `a)`; a space must follow.
fn bullet(line: &str) -> Option<(usize, bool)> {
    let first = line.chars().next()?;
    let marker = if matches!(
        first,
        '-' | '*' | '+' | '•' | '◦' | '‣' | '▪' | '●' | '–' | '—' | '‐'
    ) {
        first.len_utf8()
    } else {
        let bytes = line.as_bytes();
        let digits = bytes
            .iter()
            .take(4)
            .take_while(|b| b.is_ascii_digit())
            .count();
        let (len, closers): (usize, &[u8]) = match digits {
            1..=3 => (digits, b".)"),
            0 if first.is_ascii_lowercase() => (1, b")"),
            _ => return None,
        };
        if !bytes.get(len).is_some_and(|b| closers.contains(b)) {
            return None;
        }
        len + 1
    };
    let rest = &line[marker..];
    if !rest.starts_with(is_space) {
        return None;
    }
    let content = marker + (rest.len() - rest.trim_start_matches(is_space).len());
    (content < line.len()).then_some((content, matches!(first, '-' | '–' | '—' | '‐')))
}

/// Folds passages of punctuation only into a neighbour in the paragraph: closing marks
/// (`”`, `...`, `.)`) into the passage before, opening marks (`“`, `(`) into the one after.
/// Rulers (`---`, `* * *`, `•`) carry no sentence mark and are dropped. Boilerplate passages
/// neither absorb nor are absorbed.
fn merge_marks(text: &str, items: &mut Vec<(usize, usize, bool)>) {
    let mut kept = 0;
    let mut carry: Option<usize> = None;
    for k in 0..items.len() {
        let (start, end, chrome) = items[k];
        if chrome {
            carry = None;
            items[kept] = items[k];
            kept += 1;
            continue;
        }
        let t = &text[start..end];
        if t.chars().any(is_word_char) {
            items[kept] = (carry.take().unwrap_or(start), end, false);
            kept += 1;
            continue;
        }
        if is_ruler(t) {
            continue;
        }
        let opening = t.chars().all(|c| sentence::is_opener(c) || is_space(c))
            && !t.chars().any(sentence::is_closer);
        if !opening && kept > 0 && !items[kept - 1].2 {
            items[kept - 1].1 = end;
            // Opening marks carried so far now lie inside that passage.
            carry = None;
            continue;
        }
        carry.get_or_insert(start);
    }
    items.truncate(kept);
}

/// A line of decoration only (`---`, `* * *`, `====`): no words and no sentence marks.
fn is_ruler(t: &str) -> bool {
    !t.chars().any(|c| {
        is_word_char(c)
            || sentence::is_terminal(c)
            || sentence::is_closer(c)
            || sentence::is_opener(c)
    })
}

/// Letters, digits, symbols and emoji: anything but punctuation and spaces.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || !(is_punctuation(c) || is_space(c))
}

/// Pushes `text[start..end]`, cut into pieces of at most [`MAX_PASSAGE`] bytes at the last
/// space in the second half of each piece (else at a char boundary).
fn push_capped(
    text: &str,
    start: usize,
    end: usize,
    paragraph: usize,
    boilerplate: bool,
    out: &mut Vec<Segment>,
) {
    let mut push = |s: usize, e: usize| {
        let (s, e) = trim(text, s, e);
        if s < e {
            out.push(Segment {
                start: s,
                end: e,
                paragraph,
                boilerplate,
            });
        }
    };
    let mut s = start;
    while end - s > MAX_PASSAGE {
        let mut cut = floor_boundary(text, s + MAX_PASSAGE);
        let half = floor_boundary(text, s + MAX_PASSAGE / 2);
        if let Some((k, _)) = text[half..cut]
            .char_indices()
            .rev()
            .find(|&(_, c)| is_space(c))
        {
            cut = half + k;
        }
        push(s, cut);
        s = cut;
    }
    push(s, end);
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        split(text).iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn bullets() {
        assert_eq!(bullet("- Get link"), Some((2, true)));
        assert_eq!(bullet("1. First"), Some((3, false)));
        assert_eq!(bullet("12) Twelfth"), Some((4, false)));
        assert_eq!(bullet("a) item"), Some((3, false)));
        assert_eq!(bullet("• dot"), Some((4, false)));
        assert_eq!(bullet("2010. The year"), None);
        assert_eq!(bullet("*By Hege*"), None);
        assert_eq!(bullet("-"), None);
        assert_eq!(bullet("I) no"), None);
    }

    #[test]
    fn headlines() {
        assert!(headline_like(
            "Putin Claims Agreement Reached with Trump to End Ukraine War"
        ));
        assert!(!headline_like(
            "the methods and variables of the existing classes and"
        ));
        assert!(!headline_like("He Left."));
        assert!(!headline_like("Inheritance"));
    }

    #[test]
    fn marks_merge_and_rulers_drop() {
        assert_eq!(
            texts("He said it was over.\n\t”"),
            ["He said it was over.\n\t”"]
        );
        assert_eq!(
            texts("“\nWe won.\n---\nThey lost."),
            ["“\nWe won.", "They lost."]
        );
        assert_eq!(texts("* * *"), Vec::<&str>::new());
    }

    #[test]
    fn a_headline_repeated_as_the_first_paragraph_is_compared_once() {
        let text = "Storm Hits the Coast\n\nStorm Hits the Coast\n\nThe storm hit. It rained.";
        let flags: Vec<(&str, bool)> = split(text)
            .iter()
            .map(|s| (&text[s.start..s.end], s.boilerplate))
            .collect();
        assert_eq!(
            flags,
            [
                ("Storm Hits the Coast", false),
                ("Storm Hits the Coast", true),
                ("The storm hit.", false),
                ("It rained.", false),
            ]
        );
        // A line repeated later, or a sentence repeated, is left alone.
        let text = "Storm\n\nRain came.\n\nStorm";
        assert!(split(text).iter().all(|s| !s.boilerplate));
        let text = "It rained. It rained.";
        assert!(split(text).iter().all(|s| !s.boilerplate));
    }

    #[test]
    fn cap_cuts_at_spaces() {
        let text = "word ".repeat(1000);
        let segs = split(&text);
        assert!(segs.len() >= 3);
        for s in &segs {
            assert!(s.end - s.start <= MAX_PASSAGE);
            assert!(text[s.start..s.end].ends_with("word"));
        }
    }
}
