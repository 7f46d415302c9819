//! Removing terminal escape sequences from article text.
//!
//! Only *complete* sequences are removed. A lone or unterminated ESC (or C1 control) stays in the
//! text byte for byte: [`crate::safe_text::printable`] neutralises it at display time, and keeping
//! it means a stray ESC can never swallow article text.

use std::borrow::Cow;

const ESC: u8 = 0x1B;
const BEL: u8 = 0x07;
const CAN: u8 = 0x18;
const SUB: u8 = 0x1A;

/// Second byte of the UTF-8 encoding of the C1 controls that introduce sequences (all C1
/// controls are encoded as `C2 xx`).
const C1_DCS: u8 = 0x90;
const C1_SOS: u8 = 0x98;
const C1_CSI: u8 = 0x9B;
const C1_ST: u8 = 0x9C;
const C1_OSC: u8 = 0x9D;
const C1_PM: u8 = 0x9E;
const C1_APC: u8 = 0x9F;

/// Removes complete terminal escape sequences from `text` and returns the text with the number
/// of sequences removed.
///
/// Recognised: CSI (`ESC [` or U+009B, parameters, intermediates, final byte), OSC (`ESC ]` or
/// U+009D, ended by BEL or ST), DCS/SOS/PM/APC (`ESC P`/`X`/`^`/`_` or their C1 forms, ended by
/// ST) and the two-byte (or nF) `ESC` sequences such as `ESC c` or `ESC ( B`.
///
/// ```
/// # use artdiff::ingest::escapes::strip;
/// let (text, n) = strip("a\u{1b}[2Jb\u{1b}]0;pwned\u{7}c");
/// assert_eq!((text.as_ref(), n), ("abc", 2));
/// ```
pub fn strip(text: &str) -> (Cow<'_, str>, usize) {
    let (mut text, mut removed) = strip_once(text);
    // Removing a sequence can join a lone ESC before it with text after it into a new one
    // (`ESC ESC[2J [2J`). Each pass undoes one level of such nesting; the cap bounds the work on
    // hostile input, and whatever ESC might survive is still neutralised at display.
    let mut last = removed;
    for _ in 0..MAX_PASSES {
        if last == 0 {
            break;
        }
        let (again, n) = strip_once(&text);
        last = n;
        if n > 0 {
            text = Cow::Owned(again.into_owned());
            removed += n;
        }
    }
    (text, removed)
}

/// Passes after the first; nesting deeper than this does not occur by accident.
const MAX_PASSES: usize = 16;

fn strip_once(text: &str) -> (Cow<'_, str>, usize) {
    let bytes = text.as_bytes();
    if !bytes.iter().any(|&b| b == ESC || b == 0xC2) {
        return (Cow::Borrowed(text), 0);
    }
    let mut out = String::new();
    let mut kept_from = 0;
    let mut removed = 0;
    let mut i = 0;
    while i < bytes.len() {
        match sequence_len(bytes, i) {
            Some(len) => {
                out.push_str(&text[kept_from..i]);
                i += len;
                kept_from = i;
                removed += 1;
            }
            None => i += 1,
        }
    }
    if removed == 0 {
        return (Cow::Borrowed(text), 0);
    }
    out.push_str(&text[kept_from..]);
    (Cow::Owned(out), removed)
}

/// Length in bytes of the complete escape sequence starting at `i`, if there is one.
///
/// Every delimiter is ASCII or a whole two-byte C1 character, so the lengths always fall on
/// UTF-8 character boundaries.
fn sequence_len(bytes: &[u8], i: usize) -> Option<usize> {
    let next = *bytes.get(i + 1)?;
    let end = match (bytes[i], next) {
        (ESC, b'[') => csi_end(bytes, i + 2)?,
        (ESC, b']') => string_end(bytes, i + 2, true)?,
        (ESC, b'P' | b'X' | b'^' | b'_') => string_end(bytes, i + 2, false)?,
        // ESC SP F and friends exist, but "ESC" followed by a space and a word is far more
        // often a lone ESC in prose, so a space introduces only the few real ones.
        (ESC, b' ') => match bytes.get(i + 2)? {
            b'F' | b'G' | b'L' | b'M' | b'N' => i + 3,
            _ => return None,
        },
        (ESC, 0x21..=0x2F) => {
            let mut j = i + 2;
            while bytes.get(j).is_some_and(|b| (0x20..=0x2F).contains(b)) {
                j += 1;
            }
            if !(0x30..=0x7E).contains(bytes.get(j)?) {
                return None;
            }
            j + 1
        }
        (ESC, 0x30..=0x7E) => i + 2,
        (0xC2, C1_CSI) => csi_end(bytes, i + 2)?,
        (0xC2, C1_OSC) => string_end(bytes, i + 2, true)?,
        (0xC2, C1_DCS | C1_SOS | C1_PM | C1_APC) => string_end(bytes, i + 2, false)?,
        _ => return None,
    };
    Some(end - i)
}

/// End (exclusive) of a CSI sequence whose parameters start at `j`.
fn csi_end(bytes: &[u8], mut j: usize) -> Option<usize> {
    while bytes.get(j).is_some_and(|b| (0x30..=0x3F).contains(b)) {
        j += 1;
    }
    while bytes.get(j).is_some_and(|b| (0x20..=0x2F).contains(b)) {
        j += 1;
    }
    (0x40..=0x7E).contains(bytes.get(j)?).then_some(j + 1)
}

/// End (exclusive) of a control string (OSC, DCS...) whose payload starts at `j`.
///
/// The scan gives up at a newline, CAN, SUB or the start of another sequence: real payloads
/// never contain them, and giving up there keeps a stray introducer from eating paragraphs of
/// text up to some distant BEL. It also keeps the whole strip linear, because a failed scan
/// never runs past the next introducer, where the main loop resumes anyway.
fn string_end(bytes: &[u8], mut j: usize, bel_ends: bool) -> Option<usize> {
    while j < bytes.len() {
        match bytes[j] {
            BEL if bel_ends => return Some(j + 1),
            ESC => return (bytes.get(j + 1) == Some(&b'\\')).then_some(j + 2),
            0xC2 => match bytes.get(j + 1) {
                Some(&C1_ST) => return Some(j + 2),
                Some(&(C1_DCS | C1_SOS | C1_CSI | C1_OSC | C1_PM | C1_APC)) => return None,
                _ => {}
            },
            b'\n' | b'\r' | CAN | SUB => return None,
            _ => {}
        }
        j += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::strip;

    fn check(input: &str, expected: &str, n: usize) {
        let (text, removed) = strip(input);
        assert_eq!(text, expected, "input {input:?}");
        assert_eq!(removed, n, "input {input:?}");
    }

    #[test]
    fn removes_csi_sequences() {
        check("a\x1b[2Jb", "ab", 1);
        check("\x1b[1;31mred\x1b[0m", "red", 2);
        check("x\x1b[?25ly", "xy", 1);
        check("x\u{9b}2Jy", "xy", 1);
    }

    #[test]
    fn removes_osc_with_either_terminator() {
        check("a\x1b]0;title\x07b", "ab", 1);
        check("a\x1b]52;c;aGVsbG8=\x1b\\b", "ab", 1);
        check(
            "see \x1b]8;;https://evil.example\x1b\\here\x1b]8;;\x1b\\ now",
            "see here now",
            2,
        );
        check("a\u{9d}0;t\u{9c}b", "ab", 1);
    }

    #[test]
    fn removes_dcs_sos_pm_apc_and_short_sequences() {
        check("a\x1bPq#0\x1b\\b", "ab", 1);
        check("a\x1b_payload\x1b\\b", "ab", 1);
        check("a\x1bcb", "ab", 1);
        check("a\x1b(Bb", "ab", 1);
        check("a\x1b Fb", "ab", 1);
        check("lone\x1b at", "lone\x1b at", 0);
        check("a\x1b\\b", "ab", 1);
        check("a\u{90}data\u{9c}b", "ab", 1);
    }

    #[test]
    fn keeps_incomplete_sequences_and_lone_controls() {
        check("a\x1b", "a\x1b", 0);
        check("a\x1b[12", "a\x1b[12", 0);
        check(
            "a\x1b]0;no end\nnext line\x07",
            "a\x1b]0;no end\nnext line\x07",
            0,
        );
        check(
            "bell\x07 ff\x0c del\x7f c1\u{85}",
            "bell\x07 ff\x0c del\x7f c1\u{85}",
            0,
        );
        check("a\x1b\u{e9}", "a\x1b\u{e9}", 0);
        // An interrupted OSC stays; the sequence that interrupts it is still removed.
        check("\x1b]0;t\x1b[2Jx", "\x1b]0;tx", 1);
    }

    #[test]
    fn sequences_joined_by_a_removal_are_removed_too() {
        check("a\x1b\x1b[2J[2Jb", "ab", 2);
        check("a\x1b\x1b\x1b[1m[1m]0;t\x07b", "ab", 3);
    }

    #[test]
    fn plain_text_is_borrowed() {
        let (text, n) = strip("caf\u{e9} \u{a0} na\u{ef}ve\t\u{1F600}");
        assert!(matches!(text, std::borrow::Cow::Borrowed(_)));
        assert_eq!(n, 0);
    }

    #[test]
    fn many_unterminated_introducers_stay_fast() {
        let input = "\x1b]".repeat(200_000);
        let (text, n) = strip(&input);
        assert_eq!((text.len(), n), (input.len(), 0));
    }
}
