//! The self-contained HTML report.

use super::ReportError;
use crate::model::Comparison;
use std::io::Write;

/// Writes the HTML report. Not yet supported.
pub fn write(_comparison: &Comparison, _out: &mut dyn Write) -> Result<(), ReportError> {
    Err(ReportError::Unsupported("HTML"))
}
