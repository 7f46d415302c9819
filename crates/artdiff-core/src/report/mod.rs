//! Reports over a [`Comparison`]: one writer per format, and atomic export to a file.

pub mod common;
pub mod html;
pub mod json;
pub mod markdown;

use crate::model::Comparison;
use std::io::Write;
use std::path::{Path, PathBuf};

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
    /// Writing failed.
    #[error("{path}: {}", plain(&source.to_string()))]
    Io {
        /// The export path.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
}

impl ReportError {
    /// The message without the path in front (`is a directory`).
    pub fn reason(&self) -> String {
        let ReportError::Io { source, .. } = self;
        plain(&source.to_string())
    }
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

/// What an export path names, decided before anything is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A regular file, or nothing yet: written atomically (a temporary file in its directory,
    /// then renamed over it). Symlinks are already followed: this is the file they point to.
    File(PathBuf),
    /// A character device, FIFO or socket (`/dev/null`, a named pipe): opened and written
    /// straight into, never replaced.
    Stream(PathBuf),
    /// One of this process's own descriptors (`/dev/stdout`, `/dev/fd/N`): written into as
    /// it is, whatever it is open on.
    Descriptor(PathBuf),
}

impl Target {
    /// Whether the report goes into something other than a file (no format from a file name
    /// is needed, as for `-`).
    pub fn is_stream(&self) -> bool {
        !matches!(self, Target::File(_))
    }
}

/// Symlinks followed before giving up, as the kernel's limit.
const MAX_LINKS: usize = 40;

/// Finds what `path` names: a file to replace atomically (following symlinks, also chains
/// and dangling ones), a device, FIFO or socket to write into, or one of the process's
/// descriptors. A directory, a block device, a missing directory or a symlink loop is an
/// error naming `path`.
pub fn resolve_target(path: &Path) -> Result<Target, ReportError> {
    let shown = path.display().to_string();
    let fail = |kind, message: String| ReportError::Io {
        path: shown.clone(),
        source: std::io::Error::new(kind, message),
    };
    if descriptor(path).is_some() {
        return Ok(Target::Descriptor(path.to_path_buf()));
    }
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        let meta = match std::fs::symlink_metadata(&current) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                // Nothing there yet (or a dangling link's target): a new file, if its
                // directory exists.
                let dir = dir_of(&current);
                if !dir.is_dir() {
                    return Err(fail(
                        std::io::ErrorKind::NotFound,
                        format!("directory {} does not exist", dir.display()),
                    ));
                }
                return Ok(Target::File(current));
            }
            Err(e) => return Err(fail(e.kind(), plain(&e.to_string()))),
        };
        let kind = meta.file_type();
        if kind.is_symlink() {
            // Where the link leads, unless it is a special link (`/proc/self/fd/1` reads as
            // `pipe:[123]`): then what it opens decides.
            if let Ok(end) = std::fs::metadata(&current) {
                if !end.is_file() && !end.is_dir() {
                    return stream(&current, &end).map_err(|m| fail(std::io::ErrorKind::Other, m));
                }
            }
            let link =
                std::fs::read_link(&current).map_err(|e| fail(e.kind(), plain(&e.to_string())))?;
            current = match current.parent() {
                Some(parent) if link.is_relative() => parent.join(link),
                _ => link,
            };
            continue;
        }
        if kind.is_dir() {
            return Err(fail(std::io::ErrorKind::Other, "is a directory".into()));
        }
        if kind.is_file() {
            return Ok(Target::File(current));
        }
        return stream(&current, &meta).map_err(|m| fail(std::io::ErrorKind::Other, m));
    }
    Err(fail(
        std::io::ErrorKind::Other,
        "too many levels of symbolic links".into(),
    ))
}

/// A special file to write into, or why not: a block device is a disk, never a report.
fn stream(path: &Path, meta: &std::fs::Metadata) -> Result<Target, String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if meta.file_type().is_block_device() {
            return Err("is a block device; refusing to write a report onto it".into());
        }
    }
    #[cfg(not(unix))]
    let _ = meta;
    Ok(Target::Stream(path.to_path_buf()))
}

/// The descriptor a path names lexically (`/dev/stdout` is 1, `/dev/fd/N` and
/// `/proc/self/fd/N` are N), on Unix.
fn descriptor(path: &Path) -> Option<u32> {
    if !cfg!(unix) {
        return None;
    }
    let text = path.to_str()?;
    match text {
        "/dev/stdout" => Some(1),
        "/dev/stderr" => Some(2),
        _ => text
            .strip_prefix("/dev/fd/")
            .or_else(|| text.strip_prefix("/proc/self/fd/"))
            .and_then(|n| n.parse().ok()),
    }
}

/// The directory a path is in (`.` for a bare name).
fn dir_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Whether exporting to `target` would overwrite one of `inputs`: the same file once links,
/// `.` and `..` are resolved (on Unix the same device and inode, so hard links count too).
/// Only an existing regular file can be overwritten; a device, FIFO or descriptor cannot be
/// destroyed by writing a report into it.
pub fn overwrites_input<'a>(target: &Path, inputs: impl IntoIterator<Item = &'a Path>) -> bool {
    let Ok(Target::File(file)) = resolve_target(target) else {
        return false;
    };
    let Ok(meta) = std::fs::metadata(&file) else {
        return false;
    };
    inputs
        .into_iter()
        .filter(|p| p.as_os_str() != "-")
        .any(|p| same_file(&file, &meta, p))
}

/// Whether `other` is the file `file` (whose metadata is `meta`).
#[cfg(unix)]
fn same_file(_file: &Path, meta: &std::fs::Metadata, other: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(other).is_ok_and(|o| o.dev() == meta.dev() && o.ino() == meta.ino())
}

/// Whether `other` is the file `file`: the same path once resolved.
#[cfg(not(unix))]
fn same_file(file: &Path, _meta: &std::fs::Metadata, other: &Path) -> bool {
    match (file.canonicalize(), other.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Writes the report to `path`, by what `path` is (see [`resolve_target`]): a regular file
/// (or a new one, or the file a symlink points to) atomically, into a temporary file in the
/// same directory then renamed over it, so that on any failure the previous file is untouched
/// and no temporary file is left behind; a device, FIFO, socket or descriptor by writing the
/// whole rendered report into it, never replacing it.
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
    match resolve_target(path)? {
        Target::File(file) => export_atomic(comparison, format, &file, &shown),
        Target::Stream(stream) => {
            let buffer = render(comparison, format, &shown)?;
            let mut out = std::fs::OpenOptions::new()
                .write(true)
                .open(&stream)
                .map_err(io)?;
            finish(out.write_all(&buffer).and_then(|()| out.flush())).map_err(io)
        }
        Target::Descriptor(name) => {
            let buffer = render(comparison, format, &shown)?;
            match descriptor(&name) {
                // Our own stdout/stderr as they are (appending stays appending), like `-`.
                Some(1) => {
                    let mut out = std::io::stdout().lock();
                    finish(out.write_all(&buffer).and_then(|()| out.flush())).map_err(io)
                }
                Some(2) => {
                    let mut out = std::io::stderr().lock();
                    finish(out.write_all(&buffer).and_then(|()| out.flush())).map_err(io)
                }
                _ => {
                    let mut out = std::fs::OpenOptions::new()
                        .write(true)
                        .truncate(true)
                        .open(&name)
                        .map_err(io)?;
                    finish(out.write_all(&buffer).and_then(|()| out.flush())).map_err(io)
                }
            }
        }
    }
}

/// A reader that closed its end early (`| head`, a FIFO reader gone) made its choice; not an
/// error, as for `-`.
fn finish(result: std::io::Result<()>) -> std::io::Result<()> {
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// The whole report in memory, so that a failure never leaves half of it in a stream.
fn render(
    comparison: &Comparison,
    format: ReportFormat,
    shown: &str,
) -> Result<Vec<u8>, ReportError> {
    let mut buffer = Vec::new();
    match write(comparison, format, &mut buffer) {
        Ok(()) => Ok(buffer),
        Err(ReportError::Io { source, .. }) => Err(ReportError::Io {
            path: shown.to_string(),
            source,
        }),
    }
}

/// Writes the report to the regular (or new) file `path` atomically.
fn export_atomic(
    comparison: &Comparison,
    format: ReportFormat,
    path: &Path,
    shown: &str,
) -> Result<(), ReportError> {
    let io = |source| ReportError::Io {
        path: shown.to_string(),
        source,
    };
    let dir = dir_of(path);
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
