//! The JSON report: the model serialised as the report contract, pretty-printed.

use crate::model::Comparison;
use std::io::Write;

/// Writes `comparison` as pretty JSON followed by a newline.
pub fn write(comparison: &Comparison, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, comparison)?;
    out.write_all(b"\n")
}
