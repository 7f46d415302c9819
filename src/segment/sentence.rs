//! Sentence ends inside one block of text (a line, a bullet item or a run of hard-wrapped
//! lines; newlines inside a block are plain spaces).
//!
//! A sentence ends after a run of terminal marks (`.` `!` `?` `…` and CJK `。！？`) plus any
//! closing quotes, brackets or footnote marks ("He left." / (See below.) / paper.[4]), when:
//!
//! * the run is CJK: always, spaces or not;
//! * otherwise the run is followed by a space, and the next word (after opening quotes or
//!   brackets) does not start in lower case ("and then... nothing", "Why now?" he asked.) and
//!   is not more punctuation (", ; : - — )" or another full stop);
//! * and, for a lone full stop, the word before it is not an abbreviation (see
//!   [`abbrev`](super::abbrev)): titles never end a sentence, other abbreviations, dotted
//!   acronyms and initials only before a typical sentence starter ("the U.S. The talks...").
//!
//! Every step looks at a bounded window around the mark, so a block is scanned in linear time.

use super::abbrev::{self, Abbrev};
use crate::ingest::boilerplate::is_space;

/// How far back the word before a full stop is looked for; longer words are no abbreviation.
const TOKEN_WINDOW: usize = 40;
/// How many opening marks are skipped to find the next word.
const MAX_OPENERS: usize = 4;

/// Sentence-ending marks.
pub(crate) fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | '…'
            | '‼'
            | '⁇'
            | '⁈'
            | '⁉'
            | '؟'
            | '।'
            | '॥'
            | '。'
            | '！'
            | '？'
            | '｡'
    )
}

/// Bytes that can start a terminal mark: `.` `!` `?` and the UTF-8 lead bytes of the
/// others (`؟` D8, `।` E0, `…` `‼` `⁇` E2, `。` E3, `！` `？` `｡` EF).
const MAY_START_TERMINAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    let bytes = [b'.', b'!', b'?', 0xD8, 0xE0, 0xE2, 0xE3, 0xEF];
    while k < bytes.len() {
        t[bytes[k] as usize] = true;
        k += 1;
    }
    t
};

/// CJK sentence ends: no space follows them.
fn is_cjk_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '｡')
}

/// Closing quotes and brackets that stay with the sentence they close.
pub(crate) fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '”'
            | '’'
            | '»'
            | '›'
            | ')'
            | ']'
            | '}'
            | '）'
            | '］'
            | '｝'
            | '」'
            | '』'
            | '】'
            | '》'
            | '〉'
            | '〕'
            | '＂'
            | '＇'
    )
}

/// Opening quotes and brackets before the first word of a sentence.
pub(crate) fn is_opener(c: char) -> bool {
    is_opening_quote(c)
        || matches!(
            c,
            '(' | '[' | '{' | '¿' | '¡' | '「' | '『' | '【' | '《' | '〈' | '（' | '〔'
        )
}

fn is_opening_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '„' | '‚' | '«' | '‹')
}

/// The char starting at byte `i` (which must be a char boundary before the end).
fn char_at(s: &str, i: usize) -> char {
    s[i..].chars().next().unwrap_or(' ')
}

/// `text[start..end]` without leading and trailing spaces.
pub(crate) fn trim(text: &str, start: usize, end: usize) -> (usize, usize) {
    let t = &text[start..end];
    let s = start + (t.len() - t.trim_start_matches(is_space).len());
    let e = start + t.trim_end_matches(is_space).len();
    if e <= s {
        (s, s)
    } else {
        (s, e)
    }
}

fn push(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let (s, e) = trim(text, start, end);
    if s < e {
        out.push((s, e));
    }
}

/// Appends the sentences of `text[start..end]` to `out` as trimmed, non-empty byte spans, in
/// order. Sentence ends are looked for from `scan_from` on (past a bullet marker such as
/// "1.").
pub(crate) fn sentences(
    text: &str,
    start: usize,
    scan_from: usize,
    end: usize,
    out: &mut Vec<(usize, usize)>,
) {
    let s = &text[..end];
    let bytes = s.as_bytes();
    let mut sentence = start;
    let mut i = scan_from;
    while i < end {
        // Jump to the next byte that can start a terminal mark (a char boundary).
        match bytes[i..]
            .iter()
            .position(|&b| MAY_START_TERMINAL[b as usize])
        {
            Some(k) => i += k,
            None => break,
        }
        let c = char_at(s, i);
        if !is_terminal(c) {
            i += c.len_utf8();
            continue;
        }
        let run = Run::scan(s, i, end);
        let e = run.end;
        if run.cjk {
            push(text, sentence, e, out);
            sentence = e;
            i = e;
            continue;
        }
        if e >= end {
            break;
        }
        if !is_space(char_at(s, e)) {
            // "3.5", "U.S.-led", "Ask.com", "ancestor.Since": no boundary.
            i = e;
            continue;
        }
        let next = e + s[e..].find(|c: char| !is_space(c)).unwrap_or(end - e);
        if next >= end {
            break;
        }
        if ends_sentence(s, start, i, &run, next, end) {
            push(text, sentence, e, out);
            sentence = next;
        }
        i = next;
    }
    push(text, sentence, end, out);
}

/// A run of terminal marks and the closers after it.
struct Run {
    /// Byte offset just past the run.
    end: usize,
    /// The run is one `.`, with nothing or only an apostrophe after it ("the U.S.' allies"):
    /// the case abbreviations matter for.
    lone_dot: bool,
    /// The run holds a CJK full stop, exclamation or question mark.
    cjk: bool,
}

impl Run {
    fn scan(s: &str, i: usize, end: usize) -> Run {
        let mut j = i;
        let mut marks = 0;
        let mut dots_only = true;
        let mut closed = false;
        let mut apostrophes = true;
        let mut cjk = false;
        while j < end {
            let c = char_at(s, j);
            if is_terminal(c) {
                marks += 1;
                dots_only &= c == '.';
                cjk |= is_cjk_terminal(c);
                j += c.len_utf8();
            } else if is_closer(c) {
                closed = true;
                apostrophes &= matches!(c, '\'' | '’');
                j += c.len_utf8();
            } else if let Some(k) = footnote(s, j, end) {
                closed = true;
                apostrophes = false;
                j = k;
            } else {
                break;
            }
        }
        Run {
            end: j,
            lone_dot: marks == 1 && dots_only && (!closed || apostrophes),
            cjk,
        }
    }
}

/// A footnote mark such as `[4]` or `[12]` at `j`: the offset past it.
fn footnote(s: &str, j: usize, end: usize) -> Option<usize> {
    let b = &s.as_bytes()[j..end];
    if b.first() != Some(&b'[') {
        return None;
    }
    let digits = b[1..]
        .iter()
        .take(4)
        .take_while(|d| d.is_ascii_digit())
        .count();
    (digits > 0 && digits <= 3 && b.get(1 + digits) == Some(&b']')).then_some(j + digits + 2)
}

/// The first word after a candidate boundary.
struct NextWord<'a> {
    /// Its first character after opening marks.
    first: char,
    /// An opening quote comes before it.
    quoted: bool,
    /// Its leading letters (at most a few dozen bytes).
    letters: &'a str,
    /// The word is a single capital initial such as "D." in "J. D. Vance".
    initial: bool,
}

fn next_word(s: &str, at: usize, end: usize) -> Option<NextWord<'_>> {
    let mut j = at;
    let mut quoted = false;
    for _ in 0..MAX_OPENERS {
        if j >= end {
            return None;
        }
        let c = char_at(s, j);
        if !is_opener(c) {
            break;
        }
        quoted |= is_opening_quote(c);
        j += c.len_utf8();
    }
    if j >= end {
        return None;
    }
    let first = char_at(s, j);
    let mut k = j;
    for c in s[j..end].chars().take(24) {
        if !c.is_alphabetic() {
            break;
        }
        k += c.len_utf8();
    }
    let letters = &s[j..k];
    let initial =
        letters.chars().count() == 1 && first.is_uppercase() && s[k..end].starts_with('.');
    Some(NextWord {
        first,
        quoted,
        letters,
        initial,
    })
}

/// The word before the terminal mark at `dot`, mark included, without opening marks or a
/// hyphenated prefix ("(U.S." -> "U.S.", "R-Wyo." -> "Wyo."). None when longer than the window.
fn token_before(s: &str, block_start: usize, dot: usize) -> Option<&str> {
    let mut lo = dot.saturating_sub(TOKEN_WINDOW).max(block_start);
    while !s.is_char_boundary(lo) {
        lo += 1;
    }
    let window = &s[lo..dot];
    let start = match window.char_indices().rev().find(|&(_, c)| is_space(c)) {
        Some((k, c)) => lo + k + c.len_utf8(),
        None if lo == block_start => lo,
        None => return None,
    };
    let mut token = &s[start..=dot];
    if let Some((k, c)) = token
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, '-' | '–' | '—' | '/') || is_opener(c))
    {
        token = &token[k + c.len_utf8()..];
    }
    Some(token)
}

fn ends_sentence(
    s: &str,
    block_start: usize,
    mark: usize,
    run: &Run,
    next: usize,
    end: usize,
) -> bool {
    let Some(word) = next_word(s, next, end) else {
        return true;
    };
    let c = word.first;
    if c.is_lowercase() {
        return false;
    }
    if !word.quoted
        && (is_terminal(c)
            || matches!(c, ',' | ';' | ':' | '-' | '–' | '—' | ')' | ']' | '}' | '%'))
    {
        return false;
    }
    if !run.lone_dot {
        return true;
    }
    let Some(token) = token_before(s, block_start, mark) else {
        return true;
    };
    match abbrev::classify(token) {
        // "A 0. 5 probability": a number, a stray full stop, a number.
        None if c.is_ascii_digit() => !token[..token.len() - 1].bytes().all(|b| b.is_ascii_digit()),
        None => true,
        Some(Abbrev::Title) => false,
        Some(Abbrev::Other) => abbrev::is_starter(word.letters),
        Some(Abbrev::Initial) => !word.initial && abbrev::is_starter(word.letters),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_terminal_starts_with_a_flagged_byte() {
        for c in [
            '.', '!', '?', '…', '‼', '⁇', '⁈', '⁉', '؟', '।', '॥', '。', '！', '？', '｡',
        ] {
            assert!(is_terminal(c));
            let mut buf = [0; 4];
            let first = c.encode_utf8(&mut buf).as_bytes()[0];
            assert!(MAY_START_TERMINAL[first as usize], "{c}");
        }
    }

    fn split(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        sentences(text, 0, 0, text.len(), &mut out);
        out.iter().map(|&(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn abbreviations_titles_and_initials() {
        assert_eq!(
            split("Mr. Steele met U.S. President George W. Bush. J. D. Vance came too."),
            [
                "Mr. Steele met U.S. President George W. Bush.",
                "J. D. Vance came too."
            ]
        );
        assert_eq!(
            split("Talks began in the U.S. The next day they ended."),
            ["Talks began in the U.S.", "The next day they ended."]
        );
        assert_eq!(
            split("It was Plan B. The end."),
            ["It was Plan B.", "The end."]
        );
        assert_eq!(
            split("Sen. Jim DeMint, R-S.C., said no."),
            ["Sen. Jim DeMint, R-S.C., said no."]
        );
    }

    #[test]
    fn numbers_and_footnotes() {
        assert_eq!(
            split("It cost $1.2 billion at 10.30. Then 3.5 more."),
            ["It cost $1.2 billion at 10.30.", "Then 3.5 more."]
        );
        assert_eq!(
            split("On Sept. 11, 2001. No. 5 won."),
            ["On Sept. 11, 2001.", "No. 5 won."]
        );
        assert_eq!(
            split("See the paper.[4] In practice, no."),
            ["See the paper.[4]", "In practice, no."]
        );
    }

    #[test]
    fn token_before_is_bounded() {
        let long = format!("{}. The", "x".repeat(100));
        assert_eq!(token_before(&long, 0, 100), None);
        assert_eq!(token_before("(U.S. x", 0, 4), Some("U.S."));
        assert_eq!(token_before("R-Wyo. x", 0, 5), Some("Wyo."));
    }
}
