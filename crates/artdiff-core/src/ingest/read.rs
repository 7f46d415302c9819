//! Reading an article's bytes, bounded by the size limit.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Reads a file, refusing it when it is larger than `max_size` bytes. Returns the `problem`
/// text of the error otherwise.
///
/// Regular files are checked by their metadata before any reading; everything else (FIFOs,
/// devices, `/proc` files that report size 0) is read through `take`, so that an endless input
/// costs at most `max_size + 1` bytes.
pub(crate) fn read_file(path: &Path, max_size: u64) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| describe(&e))?;
    if meta.is_dir() {
        return Err(IS_A_DIRECTORY.to_string());
    }
    if meta.is_file() && meta.len() > max_size {
        return Err(too_large(max_size));
    }
    let file = File::open(path).map_err(|e| describe(&e))?;
    read_bounded(file, max_size)
}

/// Reads at most `max_size` bytes from `reader`, failing if there are more.
pub(crate) fn read_bounded(reader: impl Read, max_size: u64) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    reader
        .take(max_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| describe(&e))?;
    if bytes.len() as u64 > max_size {
        return Err(too_large(max_size));
    }
    Ok(bytes)
}

const IS_A_DIRECTORY: &str = "is a directory (give the article files inside it)";

/// The `problem` text for an input over the limit.
pub(crate) fn too_large(max_size: u64) -> String {
    format!(
        "larger than the {} limit (see --max-size)",
        human_size(max_size)
    )
}

/// `50 MB`, `1.5 MB`, `64 KB`, `100 bytes` (binary multiples, as `--max-size` counts them).
fn human_size(n: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    if n >= MB {
        if n.is_multiple_of(MB) {
            format!("{} MB", n / MB)
        } else {
            format!("{:.1} MB", n as f64 / MB as f64)
        }
    } else if n >= KB && n.is_multiple_of(KB) {
        format!("{} KB", n / KB)
    } else if n == 1 {
        "1 byte".to_string()
    } else {
        format!("{n} bytes")
    }
}

/// An I/O error in a few lowercase words, without the OS error number.
fn describe(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::IsADirectory => IS_A_DIRECTORY.to_string(),
        io::ErrorKind::InvalidData => "invalid data".to_string(),
        _ => {
            let text = e.to_string();
            let text = match text.find(" (os error") {
                Some(at) => &text[..at],
                None => &text,
            };
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => "read error".to_string(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(human_size(50 * 1024 * 1024), "50 MB");
        assert_eq!(human_size(1024 * 1024 + 512 * 1024), "1.5 MB");
        assert_eq!(human_size(64 * 1024), "64 KB");
        assert_eq!(human_size(100), "100 bytes");
    }

    #[test]
    fn endless_input_is_bounded() {
        let err = read_bounded(io::repeat(b'a'), 1000).unwrap_err();
        assert_eq!(err, "larger than the 1000 bytes limit (see --max-size)");
        assert_eq!(read_bounded(&b"abc"[..], 3).unwrap(), b"abc");
    }

    #[test]
    fn io_errors_are_short() {
        assert_eq!(describe(&io::Error::other("Device Busy")), "device Busy");
        assert_eq!(
            describe(&io::Error::from(io::ErrorKind::NotFound)),
            "no such file"
        );
    }
}
