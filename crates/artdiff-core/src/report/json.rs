//! The JSON report: the model serialised as the report contract, pretty-printed.
//!
//! Strings are the article text as loaded, so lone control characters stay in them as data.
//! JSON itself only requires escaping C0 controls; this writer also escapes DEL, the C1
//! controls, bidi controls and the line separators as `\uXXXX`, so that a report printed to a
//! terminal (`--export -`) or pasted into a page stays inert, while parsing it still gives the
//! very same strings.

use crate::model::Comparison;
use serde::Serialize;
use serde_json::ser::Formatter;
use std::io::{self, Write};

/// Writes `comparison` as pretty JSON followed by a newline.
pub fn write(comparison: &Comparison, out: &mut dyn Write) -> std::io::Result<()> {
    // The serializer makes a write call per token; a concrete buffer here keeps those calls
    // inlined instead of going through `dyn Write` each time (a tenth of a large export).
    let mut buffered = io::BufWriter::with_capacity(1 << 16, out);
    let mut serializer = serde_json::Serializer::with_formatter(&mut buffered, Inert::default());
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
#[derive(Default)]
struct Inert {
    /// Arrays and objects open around the value being written.
    depth: usize,
    /// Whether the innermost open array or object has a value yet.
    has_value: bool,
}

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
        self.open(writer, b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.new_line(writer, !first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.new_line(writer, !first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// A comma, a line break and the indentation of the deepest level a report reaches, and more:
/// a new line is one write of a slice of it.
const NEW_LINE: &[u8; 2 + 2 * 32] =
    b",\n                                                                ";

impl Inert {
    /// Starts an array or object. The bytes are those of `serde_json`'s
    /// [`PrettyFormatter`](serde_json::ser::PrettyFormatter) (two spaces a level), with each
    /// line's indentation written at once instead of two bytes at a time (a report of many
    /// matches is mostly indentation).
    fn open<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.new_line(writer, false)?;
        }
        writer.write_all(bracket)
    }

    /// A line break (after a comma when `comma`) and the current indentation.
    fn new_line<W: ?Sized + Write>(&self, writer: &mut W, comma: bool) -> io::Result<()> {
        let from = usize::from(!comma);
        let spaces = 2 * self.depth;
        if let Some(line) = NEW_LINE.get(from..2 + spaces) {
            return writer.write_all(line);
        }
        writer.write_all(&NEW_LINE[from..2])?;
        (0..self.depth).try_for_each(|_| writer.write_all(b"  "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Loaded;

    #[test]
    fn indentation_is_serde_json_s_even_deeper_than_the_prepared_line() {
        let mut value = serde_json::json!({"a": [1, {"b": "c"}], "d": {}, "e": []});
        for depth in 0..40 {
            value = serde_json::json!([depth, {"k": value}, []]);
        }
        let mut ours = Vec::new();
        value
            .serialize(&mut serde_json::Serializer::with_formatter(
                &mut ours,
                Inert::default(),
            ))
            .unwrap();
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            serde_json::to_string_pretty(&value).unwrap()
        );
    }

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
