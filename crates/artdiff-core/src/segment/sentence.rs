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
//!   acronyms and initials only before a typical sentence starter ("the U.S. The talks...");
//!   a time ("at 2 p.m. Jackson will...", past the sentence's opening words) and "Washington,
//!   D.C." also before any capitalised word but a time zone or a day ("2 p.m. Eastern");
//!   "p. 55" and "N°. 12" never.
//!
//! Refinements (issue 11, the "Golden Rules" and news):
//!
//! * a quoted question or exclamation followed by who said it is one sentence ("“Stop
//!   lying!” Mr. Fox wrote."), and so is a quote's last word or two before its attribution
//!   (“Cancel it. Now,” Schumer tweeted.);
//! * an inline list that starts the block ("1.) One 2.) Two", "a. One b. Two") breaks before
//!   each next marker and never inside one;
//! * a spaced ellipsis (". . .") is no sentence end; four spaced dots end the sentence (after
//!   the first when it is attached to the word: "compounds. . . . The");
//! * a quote closed before a short citation stays with it ("[...]" (Smith 55).).
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
    // An inline list ("1.) One 2.) Two", "a. One b. Two"): a break before every later marker,
    // none inside a marker.
    let markers = inline_list(s, start, end);
    let mut marker = 1;
    while i < end {
        // Jump to the next byte that can start a terminal mark (a char boundary).
        match bytes[i..]
            .iter()
            .position(|&b| MAY_START_TERMINAL[b as usize])
        {
            Some(k) => i += k,
            None => break,
        }
        while let Some(&(ms, me)) = markers.get(marker) {
            if ms > i {
                break;
            }
            if sentence < ms {
                push(text, sentence, ms, out);
                sentence = ms;
            }
            if i < me {
                i = me;
            }
            marker += 1;
        }
        if i >= end {
            break;
        }
        let c = char_at(s, i);
        if !is_terminal(c) || markers.first().is_some_and(|&(ms, me)| ms <= i && i < me) {
            i += c.len_utf8();
            continue;
        }
        if c == '.' && s[i..].starts_with(". . .") {
            // A spaced ellipsis: ". . ." inside a sentence; "word. . . . Next" ends the
            // sentence at the first full stop; "word . . . . Next" after the fourth.
            let mut last = i;
            let mut dots = 1;
            while s[last + 1..].starts_with(" .") {
                last += 2;
                dots += 1;
            }
            let after = last + 1;
            let attached = i > start && !s[..i].ends_with(is_space);
            let next = after
                + s[after..]
                    .find(|c: char| !is_space(c))
                    .unwrap_or(end - after);
            let capital =
                next < end && next_word(s, next, end).is_some_and(|w| w.first.is_uppercase());
            if dots >= 4 && capital {
                if attached {
                    push(text, sentence, i + 1, out);
                    sentence = i + 2;
                } else {
                    push(text, sentence, after, out);
                    sentence = next;
                }
            }
            i = after;
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
        if ends_sentence(s, start, sentence, i, &run, next, end) && !quote_tail(s, next, end) {
            push(text, sentence, e, out);
            sentence = next;
        }
        i = next;
    }
    for &(ms, _) in markers.iter().skip(marker) {
        if sentence < ms {
            push(text, sentence, ms, out);
            sentence = ms;
        }
    }
    push(text, sentence, end, out);
}

/// An inline list marker at `p`: an optional bullet (`•` `⁃` and spaces), then `12.)`,
/// `12)`, `12.` or a lower-case letter and `.` or `)`, then a space and no lower-case letter.
/// Returns the marker's ordinal and the offset just past it.
fn list_marker(s: &str, p: usize, end: usize) -> Option<(u32, usize)> {
    let b = &s.as_bytes()[p..end];
    let mut j = 0;
    for bullet in ["•", "⁃"] {
        if s[p..end].starts_with(bullet) {
            j = bullet.len();
            while b.get(j) == Some(&b' ') {
                j += 1;
            }
            break;
        }
    }
    let digits = b[j..]
        .iter()
        .take(4)
        .take_while(|d| d.is_ascii_digit())
        .count();
    let value = match digits {
        1..=3 => {
            let v = s[p + j..p + j + digits].parse().ok()?;
            j += digits;
            v
        }
        0 if b.get(j).is_some_and(u8::is_ascii_lowercase) => {
            j += 1;
            u32::from(b[j - 1] - b'a') + 1
        }
        _ => return None,
    };
    match (b.get(j), b.get(j + 1)) {
        (Some(b'.'), Some(b')')) => j += 2,
        (Some(b'.' | b')'), _) => j += 1,
        _ => return None,
    }
    if b.get(j) != Some(&b' ') {
        return None;
    }
    let next = s[p + j..end].trim_start_matches(is_space).chars().next()?;
    (!next.is_lowercase()).then_some((value, p + j))
}

/// The markers of an inline list that starts the block: the first at `start`, then each
/// next number (or letter) at a word start. Empty unless there are at least two.
fn inline_list(s: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let Some((mut value, first_end)) = list_marker(s, start, end) else {
        return Vec::new();
    };
    let mut found = vec![(start, first_end)];
    let mut p = first_end;
    while let Some(k) = s[p..end].find(' ') {
        p += k + 1;
        if let Some((v, e)) = list_marker(s, p, end) {
            if v == value + 1 {
                found.push((p, e));
                value = v;
                p = e;
            }
        }
    }
    if found.len() < 2 {
        found.clear();
    }
    found
}

/// Verbs of saying that follow a quote ("...?” Mrs. Clinton said").
const SPEECH_VERBS: &[&str] = &[
    "acknowledged",
    "added",
    "admitted",
    "announced",
    "argued",
    "asked",
    "asks",
    "continued",
    "cried",
    "declared",
    "demanded",
    "exclaimed",
    "insisted",
    "joked",
    "noted",
    "posted",
    "recalled",
    "replied",
    "responded",
    "said",
    "says",
    "shouted",
    "told",
    "tweeted",
    "wondered",
    "wrote",
    "writes",
    "yelled",
];

/// `text` at `at` reads as who said a quote: a verb of saying, before or after up to four
/// capitalised words or a pronoun ("Mrs. Clinton said", "Schumer tweeted", "said Mr. Fox").
fn attribution(s: &str, at: usize, end: usize) -> bool {
    let window = ahead(s, at, end, 80);
    for word in window.split(is_space).take(6) {
        let bare = word.trim_end_matches([',', '.', ';', ':']);
        if SPEECH_VERBS.contains(&bare) {
            return true;
        }
        let first = bare.chars().next();
        let name = first.is_some_and(char::is_uppercase)
            || matches!(bare, "he" | "she" | "they" | "we" | "I");
        if !name || bare.len() != word.len() && abbrev::classify(word).is_none() {
            return false;
        }
    }
    false
}

/// Most words in the last piece of a quote that [`quote_tail`] keeps with the sentence before.
const TAIL_WORDS: usize = 2;

/// The text at `next` is only the last word or two of a quote and who said it ("Now,”
/// Schumer tweeted Friday."): it closes the sentence before and does not start one. A piece
/// that opens a quote of its own ("“Strong,” he said.") is a sentence.
fn quote_tail(s: &str, next: usize, end: usize) -> bool {
    if s[next..end].starts_with(is_opener) {
        return false;
    }
    let window = ahead(s, next, end, 60);
    let Some(k) = window.find([',', '?', '!']) else {
        return false;
    };
    let head = &window[..k];
    if head.split(is_space).count() > TAIL_WORDS || head.contains(is_terminal) {
        return false;
    }
    let rest = &window[k + 1..];
    let Some(c) = rest
        .chars()
        .next()
        .filter(|&c| matches!(c, '”' | '"' | '’' | '\'' | '»'))
    else {
        return false;
    };
    let rest = &rest[c.len_utf8()..];
    rest.starts_with(' ') && attribution(s, next + k + 1 + c.len_utf8() + 1, end)
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
    /// The run is a question or exclamation mark and a closing quote ("?”").
    quoted_question: bool,
    /// The run ends with a closing quote.
    quote_closed: bool,
}

impl Run {
    fn scan(s: &str, i: usize, end: usize) -> Run {
        let mut j = i;
        let mut marks = 0;
        let mut dots_only = true;
        let mut closed = false;
        let mut apostrophes = true;
        let mut cjk = false;
        let mut question = false;
        let mut quote_closed = false;
        while j < end {
            let c = char_at(s, j);
            if is_terminal(c) {
                marks += 1;
                dots_only &= c == '.';
                question |= matches!(c, '?' | '!');
                cjk |= is_cjk_terminal(c);
                j += c.len_utf8();
            } else if is_closer(c) {
                closed = true;
                apostrophes &= matches!(c, '\'' | '’');
                quote_closed = matches!(c, '"' | '”' | '’' | '\'' | '»');
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
            quoted_question: question && quote_closed,
            quote_closed,
        }
    }
}

/// At most `n` bytes of `s[at..end]`, cut at a char boundary.
fn ahead(s: &str, at: usize, end: usize, n: usize) -> &str {
    let mut e = end.min(at + n);
    while !s.is_char_boundary(e) {
        e -= 1;
    }
    &s[at..e]
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
    sentence: usize,
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
    if run.quoted_question && attribution(s, next, end) {
        // “What difference does it make?” Mrs. Clinton said.
        return false;
    }
    if run.quote_closed && s[next..].starts_with('(') && citation(s, next, end) {
        // "[...] parallel stairways [...]" (Smith 55).
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
        None if c.is_ascii_digit() => {
            !(token[..token.len() - 1].bytes().all(|b| b.is_ascii_digit())
                || matches!(token, "p." | "pp."))
        }
        None => true,
        Some(Abbrev::Title) => false,
        Some(Abbrev::Other) if ends_with_time_or_place(s, sentence, mark, token, &word) => true,
        Some(Abbrev::Other) => abbrev::is_starter(word.letters),
        Some(Abbrev::Initial) => !word.initial && abbrev::is_starter(word.letters),
    }
}

/// Words after "p.m." or "a.m." that keep the time inside the sentence ("2 p.m. Eastern").
const AFTER_TIME: &[&str] = &[
    "BST",
    "CDT",
    "CET",
    "CST",
    "CT",
    "Central",
    "EDT",
    "EST",
    "ET",
    "Eastern",
    "Friday",
    "GMT",
    "Local",
    "MDT",
    "MST",
    "MT",
    "Monday",
    "Mountain",
    "PDT",
    "PST",
    "PT",
    "Pacific",
    "Saturday",
    "Sunday",
    "Thursday",
    "Tuesday",
    "UTC",
    "Wednesday",
];

/// A time ("at 2 p.m. Jackson will...", "at 6 P.M. Mr. Smith then...") past the opening words
/// of its sentence, or "Washington, D.C.", ends the sentence before a capitalised word that is
/// no time zone or day ("2 p.m. Eastern", "D.C., on Friday" has no space after the stop).
fn ends_with_time_or_place(
    s: &str,
    sentence: usize,
    mark: usize,
    token: &str,
    word: &NextWord<'_>,
) -> bool {
    if !word.first.is_uppercase() || word.quoted {
        return false;
    }
    match token {
        "a.m." | "p.m." | "A.M." | "P.M." => {
            // "At 5 a.m. Mr. Smith went": an opening time phrase.
            let words = s[sentence..mark].split(is_space).count();
            words > 4 && !AFTER_TIME.contains(&word.letters)
        }
        "D.C." => s[..mark - 3]
            .trim_end_matches(is_space)
            .ends_with("Washington,"),
        _ => false,
    }
}

/// A short parenthesis closed by `).` such as "(Smith 55)." at `at`.
fn citation(s: &str, at: usize, end: usize) -> bool {
    let window = ahead(s, at, end, 60);
    window
        .find(')')
        .is_some_and(|k| !window[..k].contains(is_terminal) && window[k + 1..].starts_with('.'))
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

    /// Asserts the exact byte spans: each expected sentence is found in order in `text`.
    fn spans_are(text: &str, expected: &[&str]) {
        let mut out = Vec::new();
        sentences(text, 0, 0, text.len(), &mut out);
        let mut want = Vec::new();
        let mut from = 0;
        for e in expected {
            let at = from + text[from..].find(e).expect("expected piece in text");
            want.push((at, at + e.len()));
            from = at + e.len();
        }
        assert_eq!(out, want, "{:?}", split(text));
    }

    #[test]
    fn inline_lists_break_before_each_marker() {
        spans_are(
            "1.) The first item 2.) The second item",
            &["1.) The first item", "2.) The second item"],
        );
        spans_are(
            "1) The first item. 2) The second item.",
            &["1) The first item.", "2) The second item."],
        );
        spans_are(
            "1. The first item 2. The second item",
            &["1. The first item", "2. The second item"],
        );
        spans_are(
            "• 9. The first item • 10. The second item",
            &["• 9. The first item", "• 10. The second item"],
        );
        spans_are(
            "⁃9. The first item ⁃10. The second item",
            &["⁃9. The first item", "⁃10. The second item"],
        );
        spans_are(
            "a. The first item b. The second item c. The third list item",
            &[
                "a. The first item",
                "b. The second item",
                "c. The third list item",
            ],
        );
        // One marker, or numbers out of order, is no list.
        let skipped = "1. The first item. 3. Not a list.";
        assert!(inline_list(skipped, 0, skipped.len()).is_empty());
        let single = "1. The first item, and no second.";
        assert!(inline_list(single, 0, single.len()).is_empty());
        assert!(inline_list("2010. The year 2011. Then", 0, 25).is_empty());
    }

    #[test]
    fn page_and_number_signs() {
        spans_are(
            "Please turn to p. 55. Then stop.",
            &["Please turn to p. 55.", "Then stop."],
        );
        spans_are(
            "It is at N°. 1026.253.553. That is where.",
            &["It is at N°. 1026.253.553.", "That is where."],
        );
    }

    #[test]
    fn times_and_washington_dc_can_end_a_sentence() {
        spans_are(
            "He left the bank at 6 P.M. Mr. Smith then went home.",
            &["He left the bank at 6 P.M.", "Mr. Smith then went home."],
        );
        spans_are(
            "At 5 a.m. Mr. Smith went to the bank.",
            &["At 5 a.m. Mr. Smith went to the bank."],
        );
        spans_are(
            "The vote is set for June 28 at 2 p.m. Jackson will attend.",
            &[
                "The vote is set for June 28 at 2 p.m.",
                "Jackson will attend.",
            ],
        );
        spans_are(
            "The vote is set for June 28 at 2 p.m. Eastern on the floor.",
            &["The vote is set for June 28 at 2 p.m. Eastern on the floor."],
        );
        spans_are(
            "He appeared before a judge in Washington, D.C. Jackson's wife did not.",
            &[
                "He appeared before a judge in Washington, D.C.",
                "Jackson's wife did not.",
            ],
        );
        spans_are(
            "He was the D.C. Attorney General in Washington, D.C., on Friday.",
            &["He was the D.C. Attorney General in Washington, D.C., on Friday."],
        );
    }

    #[test]
    fn quote_attribution_and_quote_tails() {
        spans_are(
            "“What does it matter?” Mrs. Clinton said, her voice rising. Then she left.",
            &[
                "“What does it matter?” Mrs. Clinton said, her voice rising.",
                "Then she left.",
            ],
        );
        spans_are(
            "“Stop lying!” Mr. Fox wrote.",
            &["“Stop lying!” Mr. Fox wrote."],
        );
        spans_are(
            "“Cancel the meeting. Now,” Schumer tweeted Friday.",
            &["“Cancel the meeting. Now,” Schumer tweeted Friday."],
        );
        // A quote that opens after the full stop is a sentence of its own.
        spans_are(
            "He paused. “Strong,” he said.",
            &["He paused.", "“Strong,” he said."],
        );
        // A longer piece of a quote is a sentence.
        spans_are(
            "“We won. It was a long night,” Dahl said.",
            &["“We won.", "It was a long night,” Dahl said."],
        );
        // "Is it?" followed by a new sentence, not an attribution.
        spans_are("“Is it?” The rain came.", &["“Is it?”", "The rain came."]);
    }

    #[test]
    fn spaced_ellipses() {
        spans_are(
            "the thing is . . . I didn’t mean it.",
            &["the thing is . . . I didn’t mean it."],
        );
        spans_are(
            "into compounds. . . . The practice was not abandoned. . . .",
            &[
                "into compounds.",
                ". . . The practice was not abandoned. . . .",
            ],
        );
        spans_are(
            "with a period . . . . Next sentence.",
            &["with a period . . . .", "Next sentence."],
        );
    }

    #[test]
    fn quoted_citation_stays() {
        spans_are(
            "\"Bohr [...] used stairways [...]\" (Smith 55). Next.",
            &["\"Bohr [...] used stairways [...]\" (Smith 55).", "Next."],
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
