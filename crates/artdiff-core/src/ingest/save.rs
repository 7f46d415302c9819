//! `--save DIR`: each fetched page's exact bytes in a file, beside a small JSON sidecar with
//! its provenance, so that a comparison can be run again offline from the saved files.
//!
//! Nothing is ever replaced: a name already taken (by the page or its sidecar) gets a number
//! (`host-path-2.html`); each file is written to a temporary file in DIR and linked to its
//! name only if that name is still free, so a half-written file never shows under a name.
//!
//! When artdiff loads a file that has a sidecar (`NAME.artdiff.json`) whose SHA-256 matches
//! the file's bytes, the sidecar's provenance (address, fetch time, status, content type)
//! stands for the article and its content type decides the encoding and format, as in the
//! original fetch.

use crate::model::{sha256_hex, Format, Metadata, Provenance};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What a sidecar's name adds to its page's name.
pub const SIDECAR_SUFFIX: &str = ".artdiff.json";
/// The longest file-name stem made from an address.
const MAX_STEM: usize = 80;
/// Numbered names tried before giving up.
const MAX_TRIES: usize = 1000;

/// The sidecar file: what artdiff knew of the page when it fetched it.
#[derive(Debug, Serialize, Deserialize)]
struct Sidecar {
    /// `artdiff x.y.z`: what wrote it.
    saved_by: String,
    /// The page's file name beside it.
    page: String,
    /// Address, final address, redirects, time, status, content type, size, SHA-256.
    provenance: Provenance,
    /// What the page declared about itself, for people reading the sidecar.
    #[serde(default, skip_serializing_if = "Metadata::is_empty")]
    metadata: Metadata,
}

/// The sidecar path of a page file: `page.html` -> `page.html.artdiff.json`.
pub fn sidecar_path(page: &Path) -> PathBuf {
    let mut name = page.as_os_str().to_owned();
    name.push(SIDECAR_SUFFIX);
    PathBuf::from(name)
}

/// Saves `bytes` in `dir` under a name made from the address, with the extension of the
/// format it was read as, and its sidecar beside it. Returns the page's path. `dir` is
/// created if missing.
pub(crate) fn save(
    dir: &Path,
    bytes: &[u8],
    provenance: &Provenance,
    metadata: &Metadata,
    format: Format,
) -> Result<PathBuf, String> {
    let fail = |what: &str, e: &dyn std::fmt::Display| {
        let text = e.to_string();
        let text = text.split(" (os error").next().unwrap_or(&text).to_string();
        format!("cannot save in {}: {what}{text}", dir.display())
    };
    std::fs::create_dir_all(dir).map_err(|e| fail("", &e))?;
    if !dir.is_dir() {
        return Err(format!("cannot save in {}: not a directory", dir.display()));
    }
    let address = provenance
        .final_url
        .as_deref()
        .unwrap_or(&provenance.source);
    let stem = stem_of(address);
    let extension = match format {
        Format::Html => "html",
        Format::Markdown => "md",
        Format::Text => "txt",
    };
    for n in 1..=MAX_TRIES {
        let name = if n == 1 {
            format!("{stem}.{extension}")
        } else {
            format!("{stem}-{n}.{extension}")
        };
        let page = dir.join(&name);
        let sidecar = sidecar_path(&page);
        if page.symlink_metadata().is_ok() || sidecar.symlink_metadata().is_ok() {
            continue;
        }
        let mut recorded = provenance.clone();
        recorded.copy = None;
        let json = serde_json::to_vec_pretty(&Sidecar {
            saved_by: concat!("artdiff ", env!("CARGO_PKG_VERSION")).to_string(),
            page: name.clone(),
            provenance: recorded,
            metadata: metadata.clone(),
        })
        .map_err(|e| fail("", &e))?;
        match write_new(dir, &page, bytes) {
            Ok(true) => {}
            Ok(false) => continue,
            Err(e) => return Err(fail("", &e)),
        }
        match write_new(dir, &sidecar, &[json.as_slice(), b"\n"].concat()) {
            Ok(true) => return Ok(page),
            Ok(false) => {
                // Someone took the sidecar's name meanwhile: give up this name whole.
                let _ = std::fs::remove_file(&page);
                continue;
            }
            Err(e) => {
                let _ = std::fs::remove_file(&page);
                return Err(fail("", &e));
            }
        }
    }
    Err(format!(
        "cannot save in {}: {MAX_TRIES} files named {stem}-N already",
        dir.display()
    ))
}

/// Writes `bytes` to a temporary file in `dir`, then links it to `path` unless a file of
/// that name exists (`Ok(false)`, nothing written).
fn write_new(dir: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<bool> {
    let mut tmp = tempfile::Builder::new()
        .prefix(".artdiff-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o644));
    }
    match tmp.persist_noclobber(path) {
        Ok(_) => Ok(true),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e.error),
    }
}

/// A file-name stem from an address: host and path, every run of other characters than
/// letters, digits, `.` and `_` turned into one `-`: `https://a.example/news/story?id=3` ->
/// `a.example-news-story-id-3`.
fn stem_of(address: &str) -> String {
    let rest = address.split_once("://").map_or(address, |(_, r)| r);
    let rest = rest.split('#').next().unwrap_or(rest);
    let mut stem = String::new();
    for c in rest.chars() {
        if c.is_ascii_alphanumeric() || c == '.' || c == '_' {
            stem.push(c.to_ascii_lowercase());
        } else if !stem.ends_with('-') {
            stem.push('-');
        }
        if stem.len() >= MAX_STEM {
            break;
        }
    }
    // The format's extension is added again; no hidden files, no `..`, no trailing dash.
    let mut stem = stem.trim_matches(['-', '.']).to_string();
    for ext in [
        ".html",
        ".htm",
        ".xhtml",
        ".md",
        ".markdown",
        ".txt",
        ".php",
        ".aspx",
    ] {
        if stem.len() > ext.len() && stem.ends_with(ext) {
            stem.truncate(stem.len() - ext.len());
            break;
        }
    }
    let stem = stem.trim_matches(['-', '.']).to_string();
    if stem.is_empty() {
        "page".to_string()
    } else {
        stem
    }
}

/// What a file's sidecar says, if it has one and it describes these very bytes.
pub(crate) enum Saved {
    /// No sidecar.
    None,
    /// A sidecar for these bytes: the original fetch's provenance.
    Matches(Provenance),
    /// A sidecar that cannot be read or is for other bytes: a warning to show.
    Ignored(String),
}

/// Reads the sidecar of `page` (whose bytes are `bytes`), if any.
pub(crate) fn read_sidecar(page: &Path, bytes: &[u8]) -> Saved {
    let path = sidecar_path(page);
    let Ok(text) = std::fs::read(&path) else {
        return Saved::None;
    };
    let shown = path.display();
    let Ok(sidecar) = serde_json::from_slice::<Sidecar>(&text) else {
        return Saved::Ignored(format!("{shown} is not an artdiff sidecar: ignored"));
    };
    if sidecar.provenance.sha256 != sha256_hex(bytes) {
        return Saved::Ignored(format!(
            "the file changed since it was saved (SHA-256 differs from {shown}): its saved provenance is ignored"
        ));
    }
    Saved::Matches(sidecar.provenance)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_from_addresses() {
        assert_eq!(
            stem_of("https://a.example/news/story?id=3"),
            "a.example-news-story-id-3"
        );
        assert_eq!(stem_of("http://127.0.0.1:8080/"), "127.0.0.1-8080");
        assert_eq!(
            stem_of("http://x.example/a/story.html?p=2"),
            "x.example-a-story.html-p-2"
        );
        assert_eq!(
            stem_of("http://x.example/a/story.html"),
            "x.example-a-story"
        );
        assert_eq!(stem_of("https://../..//"), "page");
        assert_eq!(stem_of("https://x.example/Ünïcode"), "x.example-n-code");
        assert!(stem_of(&format!("https://x.example/{}", "a".repeat(500))).len() <= MAX_STEM);
    }

    #[test]
    fn saving_never_replaces_and_numbers_names() {
        let dir = tempfile::tempdir().unwrap();
        let mut p = Provenance::of_bytes("https://a.example/s", b"one");
        p.final_url = Some("https://a.example/s".into());
        std::fs::write(dir.path().join("a.example-s.html"), "mine").unwrap();
        let first = save(dir.path(), b"one", &p, &Metadata::default(), Format::Html).unwrap();
        assert_eq!(first, dir.path().join("a.example-s-2.html"));
        assert_eq!(
            std::fs::read(dir.path().join("a.example-s.html")).unwrap(),
            b"mine"
        );
        let second = save(dir.path(), b"one", &p, &Metadata::default(), Format::Html).unwrap();
        assert_eq!(second, dir.path().join("a.example-s-3.html"));
        assert!(matches!(read_sidecar(&first, b"one"), Saved::Matches(q) if q == p));
        assert!(matches!(read_sidecar(&first, b"two"), Saved::Ignored(_)));
        assert!(matches!(
            read_sidecar(&dir.path().join("a.example-s.html"), b"mine"),
            Saved::None
        ));
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn saving_into_a_file_fails_in_one_line() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("plain");
        std::fs::write(&file, "x").unwrap();
        let p = Provenance::of_bytes("https://a.example/s", b"x");
        let e = save(&file, b"x", &p, &Metadata::default(), Format::Text).unwrap_err();
        assert!(
            e.starts_with(&format!("cannot save in {}: ", file.display())),
            "{e}"
        );
        assert!(!e.contains('\n'));
    }
}
