//! Web chrome lines (share prompts, tags, cookie banners...) kept as data.
//!
//! The patterns live in one place, `assets/boilerplate.txt`, in a tiny pattern language (see
//! [`Patterns::parse`]): `=` exact line, `^` prefix, `~` contains, `:` label, `@` author box.
//! Lines are compared after [`normalise`]: lower case, punctuation and bullets dropped, digit
//! runs read as `0`. Only short lines can be chrome ([`MAX_CHARS`], [`MAX_WORDS`]; labels
//! [`MAX_LABEL_CHARS`]), so a sentence that mentions cookies stays article text.
//!
//! [`is_boilerplate`] judges one line on its own; [`Detector`] walks the lines of a text in
//! order and also marks the name lines of an author box ("About Author" then "Jane Doe").

use rustc_hash::FxHashMap;
use std::sync::OnceLock;
use unicode_segmentation::UnicodeSegmentation;

/// The built-in patterns, compiled into the binary.
pub const BUILTIN: &str = include_str!("../../../../assets/boilerplate.txt");

/// Longest line (in characters, trimmed) that an `=`, `^` or `~` pattern can mark.
pub const MAX_CHARS: usize = 80;
/// Most words a line marked by an `=`, `^` or `~` pattern can have.
pub const MAX_WORDS: usize = 12;
/// Longest line (in characters, trimmed) that a `:` label pattern can mark
/// (`Read more: <headline of another story>`).
pub const MAX_LABEL_CHARS: usize = 200;
/// How many name lines an author box can hold after its opening line.
pub const AUTHOR_BOX_NAMES: u8 = 2;

/// True when `line` is web chrome rather than article text, by the built-in patterns.
///
/// ```
/// use artdiff::ingest::boilerplate::is_boilerplate;
/// assert!(is_boilerplate("Share :"));
/// assert!(is_boilerplate("Read more: Putin's demand to Ukraine"));
/// assert!(!is_boilerplate("LONDON (Reuters) - Rescuers reached the village."));
/// ```
pub fn is_boilerplate(line: &str) -> bool {
    patterns().find(line).is_some()
}

/// The built-in patterns (parsed once).
pub fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| Patterns::parse(BUILTIN).expect("assets/boilerplate.txt is valid"))
}

/// What a pattern says about a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    /// Web chrome.
    Chrome,
    /// Web chrome that opens an author box ("About Author"): the name lines after it are
    /// chrome too.
    AuthorBox,
}

/// A parsed pattern table.
#[derive(Debug, Clone, Default)]
pub struct Patterns {
    /// Normalised text -> the kinds (`EXACT`, `PREFIX`, `LABEL`, `AUTHOR` bits) it has.
    /// Fx rather than SipHash: lines are short and the table is ours, not an attacker's.
    words: FxHashMap<String, u8>,
    /// `~` patterns, normalised.
    contains: Vec<String>,
    len: usize,
}

const EXACT: u8 = 1;
const PREFIX: u8 = 2;
const LABEL: u8 = 4;
const AUTHOR: u8 = 8;

/// A line of a pattern file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("boilerplate pattern line {line}: {problem}")]
pub struct PatternError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub problem: String,
}

impl Patterns {
    /// Parses a pattern table: one `<kind> <text>` per line, `#` comments and blank lines
    /// ignored. Kinds: `=` exact line, `^` prefix (whole words), `~` contains (whole words),
    /// `:` label (the text alone, or followed by `:`, `|`, `»` and anything), `@` exact line
    /// that opens an author box.
    ///
    /// ```
    /// use artdiff::ingest::boilerplate::{Hit, Patterns};
    /// let p = Patterns::parse("= share this\n~ we use cookies\n").unwrap();
    /// assert_eq!(p.find("SHARE THIS!"), Some(Hit::Chrome));
    /// assert_eq!(p.find("Hi, we use cookies."), Some(Hit::Chrome));
    /// assert_eq!(p.find("Share this story"), None);
    /// ```
    pub fn parse(source: &str) -> Result<Patterns, PatternError> {
        let mut p = Patterns::default();
        for (n, raw) in source.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |problem: &str| PatternError {
                line: n + 1,
                problem: problem.to_string(),
            };
            let mut chars = line.chars();
            let kind = chars.next().unwrap_or(' ');
            let rest = chars.as_str();
            if !rest.starts_with(char::is_whitespace) {
                return Err(err("expected `<kind> <text>`, e.g. `= share this`"));
            }
            let text = normalise(rest);
            if text.is_empty() {
                return Err(err("the pattern has no words"));
            }
            let flag = match kind {
                '=' => EXACT,
                '^' => PREFIX,
                ':' => LABEL,
                '@' => AUTHOR,
                '~' => {
                    p.contains.push(text);
                    p.len += 1;
                    continue;
                }
                _ => return Err(err("unknown kind; use one of = ^ ~ : @")),
            };
            *p.words.entry(text).or_default() |= flag;
            p.len += 1;
        }
        Ok(p)
    }

    /// Whether `line` is chrome by these patterns. Long lines never are.
    pub fn find(&self, line: &str) -> Option<Hit> {
        let line = line.trim_matches(is_space);
        // Cheap length gate before counting characters: a char is at most 4 bytes.
        if line.is_empty() || line.len() > 4 * MAX_LABEL_CHARS {
            return None;
        }
        let chars = line.chars().count();
        if chars > MAX_LABEL_CHARS {
            return None;
        }
        if let Some(cut) = line.find([':', '|', '»', '：']) {
            if self.flags(&normalise(&line[..cut])) & LABEL != 0 {
                return Some(Hit::Chrome);
            }
        }
        if chars > MAX_CHARS {
            return None;
        }
        let norm = normalise(line);
        if norm.is_empty() || norm.split(' ').count() > MAX_WORDS {
            return None;
        }
        let whole = self.flags(&norm);
        if whole & AUTHOR != 0 {
            return Some(Hit::AuthorBox);
        }
        if whole & (EXACT | LABEL | PREFIX) != 0 {
            return Some(Hit::Chrome);
        }
        let prefix_hit = norm
            .match_indices(' ')
            .any(|(i, _)| self.flags(&norm[..i]) & PREFIX != 0);
        if prefix_hit {
            return Some(Hit::Chrome);
        }
        // Whole-word search from each word start (the line is short: a dozen starts at most).
        let bytes = norm.as_bytes();
        let starts = std::iter::once(0).chain(norm.match_indices(' ').map(|(i, _)| i + 1));
        let contains_hit = starts.into_iter().any(|i| {
            self.contains.iter().any(|c| {
                let j = i + c.len();
                bytes[i..].starts_with(c.as_bytes()) && (j == bytes.len() || bytes[j] == b' ')
            })
        });
        contains_hit.then_some(Hit::Chrome)
    }

    fn flags(&self, norm: &str) -> u8 {
        if norm.is_empty() {
            return 0;
        }
        self.words.get(norm).copied().unwrap_or(0)
    }

    /// Number of patterns in the table.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when the table has no patterns.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Walks the lines of a text in order and marks chrome, including author boxes: after an
/// "About Author" line, up to [`AUTHOR_BOX_NAMES`] short name lines are chrome too (blank
/// lines in between are fine; any other line ends the box).
///
/// ```
/// use artdiff::ingest::boilerplate::Detector;
/// let mut d = Detector::new();
/// let marks: Vec<bool> = ["About Author", "", "Jane Q. Doe", "The storm hit at dawn."]
///     .iter()
///     .map(|l| d.line(l))
///     .collect();
/// assert_eq!(marks, [true, false, true, false]);
/// ```
#[derive(Debug, Clone)]
pub struct Detector<'p> {
    patterns: &'p Patterns,
    names_left: u8,
}

impl Default for Detector<'static> {
    fn default() -> Self {
        Detector::new()
    }
}

impl Detector<'static> {
    /// A detector with the built-in patterns.
    pub fn new() -> Detector<'static> {
        Detector::with_patterns(patterns())
    }
}

impl<'p> Detector<'p> {
    /// A detector with other patterns.
    pub fn with_patterns(patterns: &'p Patterns) -> Detector<'p> {
        Detector {
            patterns,
            names_left: 0,
        }
    }

    /// Feeds the next line (blank lines too); true when it is chrome.
    pub fn line(&mut self, line: &str) -> bool {
        let line = line.trim_matches(is_space);
        if line.is_empty() {
            return false;
        }
        match self.patterns.find(line) {
            Some(Hit::AuthorBox) => {
                self.names_left = AUTHOR_BOX_NAMES;
                true
            }
            Some(Hit::Chrome) => true,
            None if is_byline(line) => true,
            None if self.names_left > 0 && looks_like_name(line) => {
                self.names_left -= 1;
                true
            }
            None => {
                self.names_left = 0;
                false
            }
        }
    }
}

/// True for a credit line: "By" and then only names, dates and the words of a credit ("By Jane
/// Doe and Nordic Press Agency · Published 10 February 2026, 14.22", "*By Hege Rønning, West
/// Coast Tribune — February 10, 2026*"). Two reports' credit lines say who wrote them, not
/// what happened, so they are not compared (they linked an agency's lead to a byline naming
/// the agency). A sentence that opens with "By" goes on in lower case and stays text.
///
/// ```
/// use artdiff::ingest::boilerplate::is_byline;
/// assert!(is_byline("By Jane Doe, Staff Writer | Updated 9.15 am"));
/// assert!(!is_byline("By Tuesday, the council had voted to close the bridge."));
/// ```
pub fn is_byline(line: &str) -> bool {
    const CREDIT_WORDS: &[&str] = &[
        "and",
        "of",
        "the",
        "at",
        "in",
        "for",
        "de",
        "da",
        "van",
        "von",
        "der",
        "la",
        "le",
        "du",
        "bin",
        "al",
        "el",
        "am",
        "pm",
        "staff",
        "writer",
        "reporter",
        "correspondent",
        "editor",
        "published",
        "updated",
        "posted",
        "last",
        "on",
    ];
    let line = line.trim_matches(|c: char| is_space(c) || matches!(c, '*' | '_'));
    let Some(credit) = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("BY "))
    else {
        return false;
    };
    if line.chars().count() > MAX_LABEL_CHARS {
        return false;
    }
    let words: Vec<&str> = credit.unicode_words().collect();
    let starts_with_name = words
        .first()
        .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
    starts_with_name
        && words.iter().all(|w| {
            let first = w.chars().next().unwrap_or(' ');
            first.is_uppercase()
                || first.is_ascii_digit()
                || CREDIT_WORDS.contains(&w.to_lowercase().as_str())
        })
}

/// True for a short line that reads like a person's name or role in an author box:
/// one to six capitalised words (particles such as "bin", "de", "van" allowed), no digits,
/// no sentence punctuation at the end.
pub fn looks_like_name(line: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "al", "bin", "binti", "da", "de", "del", "della", "der", "di", "du", "el", "la", "le",
        "van", "von", "and", "of",
    ];
    let line = line.trim_matches(is_space);
    if line.is_empty() || line.chars().count() > 60 {
        return false;
    }
    if line.ends_with(['.', '!', '?', ':', ',', ';']) && !line.ends_with(" Jr.") {
        return false;
    }
    if line.chars().any(char::is_numeric) {
        return false;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 {
        return false;
    }
    words.iter().all(|w| {
        let first = w.chars().find(|c| c.is_alphabetic());
        match first {
            Some(c) => c.is_uppercase() || PARTICLES.contains(&w.to_lowercase().as_str()),
            None => matches!(*w, "-" | "–" | "—" | "|" | "&"),
        }
    })
}

/// The form lines and patterns are compared in: lower case, words separated by one space,
/// punctuation (ASCII and Unicode quotes, dashes, bullets...) dropped, every digit run read as
/// `0`, symbols such as `©` or emoji words of their own.
///
/// ```
/// use artdiff::ingest::boilerplate::normalise;
/// assert_eq!(normalise("  - Share :"), "share");
/// assert_eq!(normalise("© 2024 Foo-Bar, Inc."), "© 0 foo bar inc");
/// assert_eq!(normalise("12 Comments"), "0 comments");
/// ```
pub fn normalise(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut space = false;
    let mut digits = false;
    for c in line.chars() {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            if c.is_numeric() {
                if !digits {
                    out.push('0');
                }
                digits = true;
            } else {
                if c.is_ascii() {
                    out.push(c.to_ascii_lowercase());
                } else {
                    out.extend(c.to_lowercase());
                }
                digits = false;
            }
        } else if is_space(c) || is_punctuation(c) {
            space = true;
            digits = false;
        } else {
            // A symbol: a word of its own.
            if !out.is_empty() {
                out.push(' ');
            }
            out.push(c);
            space = true;
            digits = false;
        }
    }
    out
}

/// Whitespace, including no-break and zero-width spaces and the byte-order mark.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// Punctuation (ASCII, Latin-1, General Punctuation, CJK, full-width) and bullet or
/// box-drawing marks: characters that carry no words.
pub fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c,
            '¡' | '«' | '»' | '¿' | '·' | '¶' | '§' | '¨' | '´' | '¸' | '¯'
            | '\u{2000}'..='\u{206F}'   // General Punctuation: dashes, quotes, •, …
            | '\u{2190}'..='\u{21FF}'   // arrows
            | '\u{2500}'..='\u{25FF}'   // box drawing, blocks, geometric shapes (▪ ● ◦)
            | '\u{3000}'..='\u{3006}'
            | '\u{3008}'..='\u{3020}'   // CJK punctuation: 、。「」【】
            | '\u{30FB}'
            | '\u{FE10}'..='\u{FE6F}'   // vertical and small forms
            | '\u{FF01}'..='\u{FF0F}'
            | '\u{FF1A}'..='\u{FF20}'
            | '\u{FF3B}'..='\u{FF40}'
            | '\u{FF5B}'..='\u{FF65}') // full-width punctuation
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_patterns_parse() {
        let p = Patterns::parse(BUILTIN).unwrap();
        assert!(p.len() > 50);
    }

    #[test]
    fn credit_lines_are_bylines_and_sentences_opening_with_by_are_not() {
        for credit in [
            "By Silje Marstrand and Nordic Press Agency · Published 10 February 2026, 14.22 · Updated 18.05",
            "*By Hege Rønning, West Coast Tribune — February 10, 2026*",
            "BY ANNA LÉA DU PONT",
            "By Staff Reporter",
        ] {
            assert!(is_byline(credit), "{credit}");
        }
        for text in [
            "By Tuesday, the council had voted to close the bridge.",
            "By then the ferry was full.",
            "By 2030 the bridge will carry 9,000 cars a day.",
            "Bylines are short.",
            "By",
        ] {
            assert!(!is_byline(text), "{text}");
        }
        let mut d = Detector::new();
        assert!(d.line("By Jane Doe | Updated 9.15 am"));
        assert!(!d.line("The storm hit at dawn."));
    }

    #[test]
    fn parse_errors_name_the_line() {
        let e = Patterns::parse("# ok\n= fine\n? what\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(Patterns::parse("=nospace").is_err());
        assert!(Patterns::parse("= ...").is_err());
    }

    #[test]
    fn chrome_lines() {
        for line in [
            "Share :",
            "Share this",
            "Share this article",
            "Tags :",
            "Tags: Ukraine, Russia, Putin",
            "Read more: Putin’s demand to Ukraine: give up Donbas, no NATO and no Western troops",
            "Related: Storm batters coast",
            "Comments are closed, but trackbacks and pingbacks are open.",
            "Leave a Reply",
            "Leave a Reply Cancel reply",
            "Post a Comment",
            "- Get link",
            "- X",
            "- Other Apps",
            "Comments",
            "12 Comments",
            "Facebook",
            "• Twitter",
            "E-mail",
            "Email",
            "Print",
            "Table of Contents",
            "Latest Posts",
            "Categories",
            "About Author",
            "About the author",
            "Talk to Us!",
            "Subscribe to our newsletter",
            "Sign up",
            "Sign up for our daily briefing",
            "ADVERTISEMENT",
            "Skip to content",
            "All rights reserved.",
            "© 2025 Example Media Ltd",
            "Copyright 2025 Example Media",
            "We use cookies to improve your experience.",
            "Accept all cookies",
            "Follow us on Instagram",
            "Click here to subscribe",
            "Listen to this article",
            "Loading...",
            "Your email address will not be published. Required fields are marked *",
            "Share : Facebook | Twitter | Email",
        ] {
            assert!(is_boilerplate(line), "{line:?} should be chrome");
        }
    }

    #[test]
    fn article_lines() {
        for line in [
            "LONDON (Reuters) - Rescuers reached the village on Tuesday.",
            "(Reuters) -",
            "The bakery said we use cookies from a family recipe that is more than a century old, and sales doubled.",
            "Loading the trucks took all day.",
            "Share prices fell sharply on Monday.",
            "Email records showed the minister knew.",
            "Comments made by the chairman drew criticism.",
            "Facebook said it would appeal.",
            "Print editions will end in March.",
            "Putin and Trump meet to discuss the Ukraine war",
            "",
            "   ",
        ] {
            assert!(!is_boilerplate(line), "{line:?} should be text");
        }
    }

    #[test]
    fn long_lines_are_never_chrome_by_pattern() {
        let long = format!("We use cookies {}", "and more words ".repeat(10));
        assert!(long.chars().count() > MAX_CHARS);
        assert!(!is_boilerplate(&long));
        let label = format!("Read more: {}", "x".repeat(MAX_LABEL_CHARS));
        assert!(!is_boilerplate(&label));
    }

    #[test]
    fn author_box_marks_names_after_the_opener() {
        let lines = [
            "About Author",
            "About Author",
            "",
            "Syed Sadat Hussain Shah",
            "",
            "Talk to Us!",
            "Reporter at large",
            "The storm hit at dawn.",
        ];
        let mut d = Detector::new();
        let marks: Vec<bool> = lines.iter().map(|l| d.line(l)).collect();
        assert_eq!(
            marks,
            [true, true, false, true, false, true, false, false],
            "a lower-case role line is not a name"
        );
        // Names only count right after an opener.
        let mut d = Detector::new();
        assert!(!d.line("Syed Sadat Hussain Shah"));
        // At most AUTHOR_BOX_NAMES name lines.
        let mut d = Detector::new();
        assert!(d.line("About the author"));
        assert!(d.line("Jane Doe"));
        assert!(d.line("Senior Editor"));
        assert!(!d.line("Washington Bureau"));
    }

    #[test]
    fn names() {
        assert!(looks_like_name("Syed Sadat Hussain Shah"));
        assert!(looks_like_name("Ludwig van Beethoven"));
        assert!(!looks_like_name("He wrote this."));
        assert!(!looks_like_name("the end"));
        assert!(!looks_like_name("Room 101"));
    }
}
