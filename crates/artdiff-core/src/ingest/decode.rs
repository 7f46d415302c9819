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
    /// The encoding used and what decided it: `UTF-8`, `windows-1252 (Content-Type)`,
    /// `windows-1252 (<meta charset>)`, `windows-1252 (guessed)`, `UTF-16LE (BOM)`.
    pub encoding: String,
}

/// What a document says its encoding is, outside a BOM.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Hints<'a> {
    /// The `charset` parameter of the HTTP `Content-Type` header.
    pub header_charset: Option<&'a str>,
    /// Whether to look for `<meta charset>` in the first bytes (the document is HTML, or
    /// may be).
    pub html: bool,
}

/// How many leading bytes are searched for `<meta charset>`. The HTML standard's prescan
/// reads 1024; pages with long scripts in the head put it later, and browsers find it there
/// while parsing, so a little more is read.
const META_PRESCAN_BYTES: usize = 4096;

/// Decodes `bytes` without hints: UTF-8 (BOM stripped), UTF-16 with a BOM, else chardetng's
/// guess.
#[cfg(test)]
pub(crate) fn decode(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    decode_hinted(bytes, Hints::default()).map(|(decoded, _)| decoded)
}

/// Decodes `bytes`: a BOM first; else the charset of the `Content-Type` header; else the
/// page's `<meta charset>` (when `hints.html`); else UTF-8 when the bytes are valid UTF-8,
/// else chardetng's guess. A declared legacy encoding gives way to UTF-8 when the bytes are
/// valid UTF-8 with non-ASCII characters: prose in a legacy encoding is practically never
/// valid UTF-8 by chance, while UTF-8 pages served under a stale `charset=iso-8859-1`
/// header are common. Also returns a note for an unknown charset label.
///
/// Takes the vector so that valid UTF-8 (the common case) becomes the text without a copy.
pub(crate) fn decode_hinted(
    bytes: Vec<u8>,
    hints: Hints<'_>,
) -> Result<(Decoded, Option<String>), DecodeError> {
    if bytes.starts_with(&[0xFF, 0xFE, 0x00, 0x00]) || bytes.starts_with(&[0x00, 0x00, 0xFE, 0xFF])
    {
        return Err(DecodeError::Utf32);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Ok((decode_with(UTF_16LE, &bytes[2..], "BOM"), None));
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Ok((decode_with(UTF_16BE, &bytes[2..], "BOM"), None));
    }
    let mut note = None;
    let declared = match hints.header_charset {
        Some(label) => match Encoding::for_label(label.trim().as_bytes()) {
            Some(encoding) => Some((encoding, "Content-Type")),
            None => {
                note = Some(format!(
                    "unknown charset `{}` in Content-Type: ignored",
                    label.trim()
                ));
                None
            }
        },
        None => None,
    };
    let declared = declared.or_else(|| {
        hints
            .html
            .then(|| meta_charset(&bytes))
            .flatten()
            .map(|e| (e, "<meta charset>"))
    });
    // Only a server can declare UTF-16 without a BOM (a <meta> saying so is read as UTF-8,
    // as the HTML standard says); such text is full of NULs.
    if let Some((encoding, from)) = declared {
        if encoding == UTF_16LE || encoding == UTF_16BE {
            return Ok((decode_with(encoding, &bytes, from), note));
        }
    }
    if bytes.contains(&0) {
        return Err(DecodeError::Binary);
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Ok((decode_with(UTF_8, &bytes[3..], "BOM"), note));
    }
    let declared_legacy = declared.filter(|(encoding, _)| *encoding != UTF_8);
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => {
            let decoded = match declared_legacy {
                // Pure ASCII reads the same in every such encoding: trust the declaration.
                Some((encoding, from)) if text.is_ascii() && encoding.is_ascii_compatible() => {
                    Decoded {
                        text,
                        warning: None,
                        encoding: format!("{} ({from})", encoding.name()),
                    }
                }
                Some((encoding, from)) => Decoded {
                    text,
                    warning: Some(format!(
                        "declared {} ({from}) but the bytes are valid UTF-8: read as UTF-8",
                        encoding.name()
                    )),
                    encoding: "UTF-8".to_string(),
                },
                None => Decoded {
                    text,
                    warning: None,
                    encoding: match declared {
                        Some((_, from)) => format!("UTF-8 ({from})"),
                        None => "UTF-8".to_string(),
                    },
                },
            };
            return Ok((decoded, note));
        }
        Err(e) => e.into_bytes(),
    };
    if let Some((encoding, from)) = declared_legacy {
        return Ok((decode_with(encoding, &bytes, from), note));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(&bytes, true);
    // UTF-8 is ruled out already; asking chardetng for a legacy encoding gives the best guess.
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, had_errors) = encoding.decode_without_bom_handling(&bytes);
    let mut warning = match declared {
        Some((_, from)) => format!(
            "declared UTF-8 ({from}) but not valid UTF-8: decoded as {}",
            encoding.name()
        ),
        None => format!("decoded as {} (not valid UTF-8)", encoding.name()),
    };
    if had_errors {
        warning.push_str("; undecodable bytes replaced with \u{FFFD}");
    }
    Ok((
        Decoded {
            text: text.into_owned(),
            warning: Some(warning),
            encoding: format!("{} (guessed)", encoding.name()),
        },
        note,
    ))
}

/// Decodes text whose encoding a BOM or a declaration announced, warning only about
/// malformed bytes.
fn decode_with(encoding: &'static Encoding, bytes: &[u8], from: &str) -> Decoded {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        warning: had_errors
            .then(|| format!("invalid {} bytes replaced with \u{FFFD}", encoding.name())),
        encoding: format!("{} ({from})", encoding.name()),
    }
}

/// The encoding a `<meta charset="...">` or `<meta http-equiv="Content-Type"
/// content="...; charset=...">` in the first [`META_PRESCAN_BYTES`] declares, after the HTML
/// standard's prescan (comments skipped, attribute values quoted or not). A declared UTF-16
/// means UTF-8 and `x-user-defined` means windows-1252, as the standard says.
pub(crate) fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(META_PRESCAN_BYTES)];
    let lower = head.to_ascii_lowercase();
    let mut at = 0;
    while at < lower.len() {
        let rest = &lower[at..];
        if rest.starts_with(b"<!--") {
            at += find(rest, b"-->").map_or(lower.len(), |end| end + 3);
            continue;
        }
        let is_meta = rest.starts_with(b"<meta")
            && rest
                .get(5)
                .is_some_and(|&c| c.is_ascii_whitespace() || c == b'/');
        if !is_meta {
            at += 1;
            continue;
        }
        at += 5;
        let (attributes, end) = attributes(&head[at..]);
        at += end;
        let get = |name: &str| {
            attributes
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        };
        let label = match (get("charset"), get("http-equiv"), get("content")) {
            (Some(charset), _, _) => Some(charset.to_string()),
            (None, Some(equiv), Some(content)) if equiv.eq_ignore_ascii_case("content-type") => {
                crate::ingest::detect::charset_param(content)
            }
            _ => None,
        };
        if let Some(encoding) = label.and_then(|l| Encoding::for_label(l.trim().as_bytes())) {
            return Some(if encoding == UTF_16LE || encoding == UTF_16BE {
                UTF_8
            } else if encoding == encoding_rs::X_USER_DEFINED {
                encoding_rs::WINDOWS_1252
            } else {
                encoding
            });
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The attributes of a tag whose name was just read, names lowercased, up to its `>`;
/// returns them with the number of bytes consumed.
fn attributes(bytes: &[u8]) -> (Vec<(String, String)>, usize) {
    let mut out = Vec::new();
    let mut i = 0;
    let n = bytes.len();
    loop {
        while i < n && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= n || bytes[i] == b'>' {
            return (out, (i + 1).min(n));
        }
        let start = i;
        while i < n && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = String::from_utf8_lossy(&bytes[start..i]).to_ascii_lowercase();
        while i < n && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < n && bytes[i] == b'=' {
            i += 1;
            while i < n && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < n && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let quote = bytes[i];
                i += 1;
                let start = i;
                while i < n && bytes[i] != quote {
                    i += 1;
                }
                value = String::from_utf8_lossy(&bytes[start..i]).into_owned();
                i += 1;
            } else {
                let start = i;
                while i < n && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                    i += 1;
                }
                value = String::from_utf8_lossy(&bytes[start..i]).into_owned();
            }
        }
        if !name.is_empty() {
            out.push((name, value));
        }
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
    fn a_declared_charset_decides_before_guessing() {
        let bytes = b"<p>Caf\xe9 cr\xe8me \x93quoted\x94</p>".to_vec();
        let hints = Hints {
            header_charset: Some("windows-1252"),
            html: true,
        };
        let (d, note) = decode_hinted(bytes.clone(), hints).unwrap();
        assert_eq!(d.text, "<p>Caf\u{e9} cr\u{e8}me \u{201c}quoted\u{201d}</p>");
        assert_eq!((d.warning, note), (None, None));
        assert_eq!(d.encoding, "windows-1252 (Content-Type)");
        // The header names ISO-8859-2: its declaration wins over any guess.
        let hints = Hints {
            header_charset: Some("iso-8859-2"),
            html: false,
        };
        let (d, _) = decode_hinted(b"\xb1".to_vec(), hints).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding.as_str()),
            ("\u{105}", "ISO-8859-2 (Content-Type)")
        );
        let unknown = Hints {
            header_charset: Some("klingon"),
            html: false,
        };
        let (d, note) = decode_hinted(b"plain".to_vec(), unknown).unwrap();
        assert_eq!(d.text, "plain");
        assert_eq!(
            note.as_deref(),
            Some("unknown charset `klingon` in Content-Type: ignored")
        );
    }

    #[test]
    fn meta_charset_is_found_by_prescan() {
        let page = b"<!doctype html><!-- <meta charset=koi8-r> --><html><head>\
            <META http-equiv='Content-Type' content='text/html; charset=windows-1252'>";
        assert_eq!(meta_charset(page), Some(encoding_rs::WINDOWS_1252));
        assert_eq!(
            meta_charset(b"<meta charset=\"ISO-8859-2\">"),
            Some(encoding_rs::ISO_8859_2)
        );
        assert_eq!(meta_charset(b"<meta charset=utf-16>"), Some(UTF_8));
        assert_eq!(meta_charset(b"<metal charset=koi8-r>"), None);
        assert_eq!(meta_charset(b"<p>no meta</p>"), None);
        let (d, _) = decode_hinted(
            b"<meta charset=windows-1252><p>na\xefve</p>".to_vec(),
            Hints {
                header_charset: None,
                html: true,
            },
        )
        .unwrap();
        assert_eq!(d.text, "<meta charset=windows-1252><p>na\u{ef}ve</p>");
        assert_eq!(d.encoding, "windows-1252 (<meta charset>)");
        assert_eq!(d.warning, None);
    }

    #[test]
    fn valid_utf8_beats_a_stale_legacy_declaration() {
        let hints = Hints {
            header_charset: Some("iso-8859-1"),
            html: true,
        };
        let (d, _) = decode_hinted("caf\u{e9}".as_bytes().to_vec(), hints).unwrap();
        assert_eq!(d.text, "caf\u{e9}");
        assert_eq!(d.encoding, "UTF-8");
        assert!(d
            .warning
            .unwrap()
            .starts_with("declared windows-1252 (Content-Type)"));
    }

    #[test]
    fn newlines() {
        assert_eq!(normalise_newlines("a\r\nb\rc\n\r\nd\r"), "a\nb\nc\n\nd\n");
        assert_eq!(normalise_newlines("a\r\r\nb"), "a\n\nb");
        assert!(matches!(normalise_newlines("a\nb"), Cow::Borrowed(_)));
    }
}
