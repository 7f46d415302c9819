//! The Markdown report.

use super::ReportError;
use crate::model::Comparison;
use std::io::Write;

/// Writes the Markdown report. Not yet supported.
pub fn write(_comparison: &Comparison, _out: &mut dyn Write) -> Result<(), ReportError> {
    Err(ReportError::Unsupported("Markdown"))
}
