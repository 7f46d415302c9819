//! Reports over a [`Comparison`]: one writer per format, and atomic export to a file.

mod common;
pub mod html;
pub mod json;
pub mod markdown;
mod sha256;

use crate::model::Comparison;
use std::io::Write;
use std::path::Path;

/// A report format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportFormat {
    /// The JSON report contract.
    Json,
    /// Markdown for code-hosting sites.
    Markdown,
    /// One self-contained HTML page.
    Html,
}

impl ReportFormat {
    /// All formats.
    pub const ALL: [ReportFormat; 3] = [
        ReportFormat::Json,
        ReportFormat::Markdown,
        ReportFormat::Html,
    ];

    /// The format for a file name's extension (`.json`, `.md`/`.markdown`, `.html`/`.htm`).
    pub fn from_path(path: &Path) -> Option<ReportFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Self::from_name(&ext)
    }

    /// The format for a name as given to `--format` (`json`, `md`, `markdown`, `html`, `htm`).
    pub fn from_name(name: &str) -> Option<ReportFormat> {
        match name.to_ascii_lowercase().as_str() {
            "json" => Some(ReportFormat::Json),
            "md" | "markdown" => Some(ReportFormat::Markdown),
            "html" | "htm" => Some(ReportFormat::Html),
            _ => None,
        }
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Json => "json",
            ReportFormat::Markdown => "md",
            ReportFormat::Html => "html",
        }
    }
}

/// Why a report could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The format has no writer yet.
    #[error("{0} reports are not supported yet")]
    Unsupported(&'static str),
    /// Writing failed.
    #[error("{path}: {}", plain(&source.to_string()))]
    Io {
        /// The export path.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// Writes the report of `comparison` in `format` to `out`.
pub fn write(
    comparison: &Comparison,
    format: ReportFormat,
    out: &mut dyn Write,
) -> Result<(), ReportError> {
    let io = |source| ReportError::Io {
        path: "-".into(),
        source,
    };
    match format {
        ReportFormat::Json => json::write(comparison, out).map_err(io),
        ReportFormat::Markdown => markdown::write(comparison, out),
        ReportFormat::Html => html::write(comparison, out),
    }
}

/// An I/O message as artdiff words its own: without the `(os error N)` tail, and starting in
/// lower case (`Permission denied` -> `permission denied`; `UTF-8` stays).
fn plain(message: &str) -> String {
    let message = message.split(" (os error").next().unwrap_or(message);
    let mut chars = message.chars();
    match chars.next() {
        Some(first) if chars.clone().next().is_some_and(char::is_lowercase) => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => message.to_string(),
    }
}

/// Writes the report to `path` atomically: into a temporary file in the same directory, then
/// renamed over `path`. On any failure the previous file at `path` is untouched and no
/// temporary file is left behind.
pub fn export(
    comparison: &Comparison,
    format: ReportFormat,
    path: &Path,
) -> Result<(), ReportError> {
    let shown = path.display().to_string();
    let io = |source| ReportError::Io {
        path: shown.clone(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(io(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("directory {} does not exist", dir.display()),
        )));
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".artdiff-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| {
            // Name the directory, not the temporary file nobody asked for.
            let message = e.to_string();
            let message = plain(message.split(" at path ").next().unwrap_or(&message));
            io(std::io::Error::new(
                e.kind(),
                format!("cannot write in {}: {message}", dir.display()),
            ))
        })?;
    {
        let mut buffered = std::io::BufWriter::new(tmp.as_file_mut());
        match write(comparison, format, &mut buffered) {
            Ok(()) => {}
            Err(ReportError::Io { source, .. }) => return Err(io(source)),
            Err(e) => return Err(e),
        }
        buffered.flush().map_err(io)?;
    }
    tmp.as_file().sync_all().map_err(io)?;
    // Keep the permissions of the file we replace, or the usual ones for a new file, rather
    // than the temporary file's private 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map(|m| m.permissions().mode())
            .unwrap_or(0o644);
        let _ = std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(mode));
    }
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}
