//! The JSON report: the model serialised as the report contract, pretty-printed.
//!
//! Strings are the article text as loaded, so lone control characters stay in them as data.
//! JSON itself only requires escaping C0 controls; this writer also escapes DEL, the C1
//! controls, bidi controls and the line separators as `\uXXXX`, so that a report printed to a
//! terminal (`--export -`) or pasted into a page stays inert, while parsing it still gives the
//! very same strings.

use crate::model::Comparison;
use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};
use std::io::{self, Write};

/// Writes `comparison` as pretty JSON followed by a newline.
pub fn write(comparison: &Comparison, out: &mut dyn Write) -> std::io::Result<()> {
    // The serializer makes a write call per token; a concrete buffer here keeps those calls
    // inlined instead of going through `dyn Write` each time (a tenth of a large export).
    let mut buffered = io::BufWriter::with_capacity(1 << 16, out);
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut buffered, Inert(PrettyFormatter::new()));
    comparison.serialize(&mut serializer)?;
    buffered.write_all(b"\n")?;
    buffered.flush()
}

/// Characters escaped beyond what JSON requires.
fn must_escape(c: char) -> bool {
    matches!(c,
        '\u{7F}'..='\u{9F}'
        | '\u{061C}' | '\u{200E}' | '\u{200F}'
        | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        | '\u{2028}' | '\u{2029}')
}

/// The pretty formatter, with [`must_escape`] characters written as `\uXXXX`.
struct Inert(PrettyFormatter<'static>);

impl Formatter for Inert {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // Every character to escape is U+007F or above: plain ASCII below it goes out as is.
        if fragment.bytes().all(|b| b < 0x7F) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut rest = fragment;
        while let Some((at, c)) = rest.char_indices().find(|&(_, c)| must_escape(c)) {
            writer.write_all(&rest.as_bytes()[..at])?;
            // Every such character lies in the Basic Multilingual Plane: one escape.
            write!(writer, "\\u{:04x}", u32::from(c))?;
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }

    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }
    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }
    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }
    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }
    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Loaded;

    #[test]
    fn controls_and_bidi_are_escaped_and_round_trip() {
        let text = "a\u{1b}b\u{7f}c\u{85}d\u{9b}e\u{202e}f\u{2028}g “h” 東 🎉\n";
        let c = crate::analyse(
            vec![
                Loaded::from_text("x.txt", text),
                Loaded::from_text("y.txt", ""),
            ],
            &crate::Settings::default(),
        );
        let mut out = Vec::new();
        write(&c, &mut out).unwrap();
        let json = String::from_utf8(out).unwrap();
        assert!(json.contains(r#"a\u001bb\u007fc\u0085d\u009be\u202ef\u2028g “h” 東 🎉\n"#));
        assert!(json
            .chars()
            .all(|c| c == '\n' || !(c.is_control() || must_escape(c))));
        let back: Comparison = serde_json::from_str(&json).unwrap();
        assert_eq!(back.articles[0].text, text);
        assert_eq!(
            serde_json::to_string(&back).unwrap(),
            serde_json::to_string(&c).unwrap()
        );
    }
}
