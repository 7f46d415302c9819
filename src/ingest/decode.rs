//! Turning bytes into text: BOMs, UTF-16, encoding guesses, newlines.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use std::borrow::Cow;

/// Why bytes could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DecodeError {
    /// NUL bytes outside UTF-16: not an article.
    Binary,
    /// A UTF-32 byte-order mark: nobody writes articles in it, and decoding it as UTF-16 would
    /// only produce NULs.
    Utf32,
}

impl DecodeError {
    /// The `problem` part of the one-line error.
    pub(crate) fn problem(&self) -> &'static str {
        match self {
            DecodeError::Binary => "binary file (contains NUL bytes)",
            DecodeError::Utf32 => "UTF-32 text is not supported (save it as UTF-8)",
        }
    }
}

/// Bytes decoded to text, with a note when the encoding was not plain UTF-8.
#[derive(Debug)]
pub(crate) struct Decoded {
    /// The text, BOM removed.
    pub text: String,
    /// A warning to show, e.g. `decoded as windows-1252 (not valid UTF-8)`.
    pub warning: Option<String>,
}

/// Decodes `bytes`: UTF-8 (BOM stripped), UTF-16 with a BOM, else chardetng's guess.
///
/// Takes the vector so that valid UTF-8 (the common case) becomes the text without a copy.
pub(crate) fn decode(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    if bytes.starts_with(&[0xFF, 0xFE, 0x00, 0x00]) || bytes.starts_with(&[0x00, 0x00, 0xFE, 0xFF])
    {
        return Err(DecodeError::Utf32);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Ok(decode_with(UTF_16LE, &bytes[2..]));
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Ok(decode_with(UTF_16BE, &bytes[2..]));
    }
    if bytes.contains(&0) {
        return Err(DecodeError::Binary);
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Ok(decode_with(UTF_8, &bytes[3..]));
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => {
            return Ok(Decoded {
                text,
                warning: None,
            })
        }
        Err(e) => e.into_bytes(),
    };
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(&bytes, true);
    // UTF-8 is ruled out already; asking chardetng for a legacy encoding gives the best guess.
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, had_errors) = encoding.decode_without_bom_handling(&bytes);
    let mut warning = format!("decoded as {} (not valid UTF-8)", encoding.name());
    if had_errors {
        warning.push_str("; undecodable bytes replaced with \u{FFFD}");
    }
    Ok(Decoded {
        text: text.into_owned(),
        warning: Some(warning),
    })
}

/// Decodes text whose encoding a BOM announced, warning only about malformed bytes.
fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> Decoded {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        warning: had_errors
            .then(|| format!("invalid {} bytes replaced with \u{FFFD}", encoding.name())),
    }
}

/// Turns CRLF and lone CR into LF, so that offsets and paragraph breaks mean the same whatever
/// system wrote the file.
pub(crate) fn normalise_newlines(text: &str) -> Cow<'_, str> {
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\r') {
        out.push_str(&rest[..at]);
        out.push('\n');
        rest = &rest[at + 1..];
        if let Some(after) = rest.strip_prefix('\n') {
            rest = after;
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through_and_loses_its_bom() {
        let d = decode("caf\u{e9}".as_bytes().to_vec()).unwrap();
        assert_eq!((d.text.as_str(), d.warning), ("caf\u{e9}", None));
        let d = decode(b"\xEF\xBB\xBFhello".to_vec()).unwrap();
        assert_eq!((d.text.as_str(), d.warning), ("hello", None));
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("h\u{e9}!".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(le).unwrap().text, "h\u{e9}!");
        let mut be = vec![0xFE, 0xFF];
        be.extend("h\u{e9}!".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(be).unwrap().text, "h\u{e9}!");
    }

    #[test]
    fn odd_utf16_length_is_a_warning_not_an_error() {
        let d = decode(vec![0xFF, 0xFE, b'a', 0, b'b']).unwrap();
        assert_eq!(d.text, "a\u{FFFD}");
        assert_eq!(
            d.warning.as_deref(),
            Some("invalid UTF-16LE bytes replaced with \u{FFFD}")
        );
    }

    #[test]
    fn legacy_bytes_are_guessed_with_a_warning() {
        let d = decode(b"Caf\xe9 cr\xe8me, \x93quoted\x94 na\xefve r\xe9sum\xe9".to_vec()).unwrap();
        assert_eq!(
            d.text,
            "Caf\u{e9} cr\u{e8}me, \u{201c}quoted\u{201d} na\u{ef}ve r\u{e9}sum\u{e9}"
        );
        assert_eq!(
            d.warning.as_deref(),
            Some("decoded as windows-1252 (not valid UTF-8)")
        );
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert_eq!(decode(b"ab\0cd".to_vec()).unwrap_err(), DecodeError::Binary);
        assert_eq!(
            decode(vec![0xFF, 0xFE, 0, 0, b'a', 0, 0, 0]).unwrap_err(),
            DecodeError::Utf32
        );
    }

    #[test]
    fn newlines() {
        assert_eq!(normalise_newlines("a\r\nb\rc\n\r\nd\r"), "a\nb\nc\n\nd\n");
        assert_eq!(normalise_newlines("a\r\r\nb"), "a\n\nb");
        assert!(matches!(normalise_newlines("a\nb"), Cow::Borrowed(_)));
    }
}
