//! Reading articles: bytes from a file, stdin or the bundled demo; decoding; format detection;
//! text extraction; neutralising terminal escapes.
//!
//! The steps, in order: read (bounded by [`LoadOptions::max_size`]), decode (UTF-8, UTF-16 with
//! a BOM, else a guessed legacy encoding), remove complete terminal escape sequences, normalise
//! newlines to `\n`, detect the format (extension, else sniffing), extract the text (Markdown
//! rendered, HTML main content), pick a title.
//!
//! For a plain UTF-8 text file with `\n` newlines and no escape sequences, [`Loaded::text`] is
//! the file byte for byte, so passage offsets are file offsets. Lone control characters stay in
//! the text for that reason; [`crate::safe_text::printable`] neutralises them at display.

pub mod boilerplate;
mod decode;
mod detect;
pub mod escapes;
mod html;
mod layout;
mod markdown;
mod read;

use crate::model::Format;
use std::path::{Path, PathBuf};

/// Where an article comes from.
#[derive(Debug, Clone)]
pub enum Source {
    /// A file path as given on the command line.
    Path(PathBuf),
    /// Standard input (`-`).
    Stdin,
    /// Bytes bundled in the binary (demo articles), with a file name for format detection.
    Embedded {
        /// File name, e.g. `wire.txt`.
        name: &'static str,
        /// The bytes.
        bytes: &'static [u8],
    },
}

/// Limits for loading.
#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    /// Refuse inputs larger than this many bytes.
    pub max_size: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_size: 50 * 1024 * 1024,
        }
    }
}

/// An article's text as loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    /// The path as given (`-` for stdin).
    pub path: String,
    /// The title.
    pub title: String,
    /// The format it was read as.
    pub format: Format,
    /// The text: UTF-8, `\n` newlines.
    pub text: String,
    /// Non-fatal notes (encoding guessed...).
    pub warnings: Vec<String>,
}

impl Loaded {
    /// A plain-text article from a string, titled by its first line (for tests and examples).
    pub fn from_text(path: &str, text: &str) -> Loaded {
        Loaded {
            path: path.to_string(),
            title: text.lines().next().unwrap_or(path).to_string(),
            format: Format::Text,
            text: text.to_string(),
            warnings: Vec::new(),
        }
    }
}

/// Why an article could not be loaded. Displays as one line naming the file.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {problem}")]
pub struct IngestError {
    /// The path as given.
    pub path: String,
    /// What went wrong, in a few words.
    pub problem: String,
}

/// Loads one article: reads it, decodes it, extracts its text and title.
///
/// Errors are one line naming the file, e.g. `wire.txt: no such file`. Inputs larger than
/// `opts.max_size` are refused without reading them whole.
pub fn load(source: &Source, opts: &LoadOptions) -> Result<Loaded, IngestError> {
    match source {
        Source::Path(p) => {
            let path = p.to_string_lossy().into_owned();
            let bytes = read::read_file(p, opts.max_size).map_err(|problem| IngestError {
                path: path.clone(),
                problem,
            })?;
            load_vec(&path, bytes)
        }
        Source::Stdin => {
            let bytes =
                read::read_bounded(std::io::stdin().lock(), opts.max_size).map_err(|problem| {
                    IngestError {
                        path: STDIN.to_string(),
                        problem,
                    }
                })?;
            load_vec(STDIN, bytes)
        }
        Source::Embedded { name, bytes } => load_bytes(&format!("demo/{name}"), bytes, opts),
    }
}

/// Loads an article from bytes already in memory. `path` names it in errors and in
/// [`Loaded::path`]; its extension picks the format (`-` or an unknown extension: sniffed).
///
/// ```
/// use artdiff::ingest::{load_bytes, LoadOptions};
/// use artdiff::model::Format;
/// let a = load_bytes("a.md", b"# Title\n\nSome *text*.\n", &LoadOptions::default()).unwrap();
/// assert_eq!((a.title.as_str(), a.text.as_str()), ("Title", "Title\n\nSome text.\n"));
/// assert_eq!(a.format, Format::Markdown);
/// ```
pub fn load_bytes(path: &str, bytes: &[u8], opts: &LoadOptions) -> Result<Loaded, IngestError> {
    if bytes.len() as u64 > opts.max_size {
        return Err(IngestError {
            path: path.to_string(),
            problem: read::too_large(opts.max_size),
        });
    }
    load_vec(path, bytes.to_vec())
}

/// Adds a warning to every article that is the same file as an earlier one: the same path,
/// another spelling of it, a symbolic or a hard link. Such an article is still compared (a
/// file compared with itself is a fair sanity check); the warning names the earlier article,
/// in case the path was given twice by mistake. `sources` and `loaded` are in the same order.
///
/// ```
/// use artdiff::ingest::{load, warn_same_files, LoadOptions, Source};
/// let dir = tempfile::tempdir().unwrap();
/// let a = dir.path().join("a.txt");
/// std::fs::write(&a, "Text.").unwrap();
/// let sources = [Source::Path(a.clone()), Source::Path(dir.path().join(".").join("a.txt"))];
/// let mut loaded: Vec<_> = sources.iter().map(|s| load(s, &LoadOptions::default()).unwrap()).collect();
/// warn_same_files(&sources, &mut loaded);
/// assert!(loaded[0].warnings.is_empty());
/// assert_eq!(loaded[1].warnings, [format!("the same file as {} (compared anyway)", a.display())]);
/// ```
pub fn warn_same_files(sources: &[Source], loaded: &mut [Loaded]) {
    let ids: Vec<Option<FileId>> = sources
        .iter()
        .map(|s| match s {
            Source::Path(p) => file_id(p),
            Source::Stdin | Source::Embedded { .. } => None,
        })
        .collect();
    for j in 0..ids.len().min(loaded.len()) {
        let Some(id) = &ids[j] else { continue };
        if let Some(i) = ids[..j]
            .iter()
            .position(|earlier| earlier.as_ref() == Some(id))
        {
            let warning = format!("the same file as {} (compared anyway)", loaded[i].path);
            loaded[j].warnings.push(warning);
        }
    }
}

/// What makes a file itself: device and inode on Unix, the canonical path elsewhere.
#[cfg(unix)]
type FileId = (u64, u64);
#[cfg(not(unix))]
type FileId = PathBuf;

#[cfg(unix)]
fn file_id(path: &Path) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_id(path: &Path) -> Option<FileId> {
    path.canonicalize().ok()
}

/// The path shown for standard input.
const STDIN: &str = "-";

/// A first line longer than this is a paragraph, not a title.
const MAX_TITLE_CHARS: usize = 120;

/// The pipeline after reading; `bytes` are within the size limit already.
fn load_vec(path: &str, bytes: Vec<u8>) -> Result<Loaded, IngestError> {
    let decoded = decode::decode(bytes).map_err(|e| IngestError {
        path: path.to_string(),
        problem: e.problem().to_string(),
    })?;
    let mut warnings: Vec<String> = decoded.warning.into_iter().collect();
    let (text, mut escapes) = escapes::strip(&decoded.text);
    let text = decode::normalise_newlines(&text).into_owned();
    let format = detect::from_extension(path).unwrap_or_else(|| detect::sniff(&text));
    let (text, title) = match format {
        Format::Text => {
            let title = first_short_line(&text);
            (text, title)
        }
        Format::Markdown => {
            let rendered = markdown::render(&text);
            (rendered.text, rendered.title)
        }
        Format::Html => {
            let extracted = html::extract(&text);
            warnings.extend(extracted.warning);
            (extracted.text, extracted.title)
        }
    };
    // Character references (`&#27;`, valid in HTML and in Markdown) can spell out new escape
    // characters, so extracted text goes through the filter once more.
    let text = match format {
        Format::Text => text,
        Format::Markdown | Format::Html => {
            let (clean, n) = escapes::strip(&text);
            escapes += n;
            clean.into_owned()
        }
    };
    if escapes > 0 {
        warnings.push(format!(
            "removed {escapes} terminal escape sequence{}",
            if escapes == 1 { "" } else { "s" }
        ));
    }
    if text.trim().is_empty() {
        warnings.push("empty article".to_string());
    }
    let title = title
        .and_then(|t| clean_title(&t))
        .or_else(|| first_short_line(&text).and_then(|t| clean_title(&t)))
        .unwrap_or_else(|| file_stem(path));
    Ok(Loaded {
        path: path.to_string(),
        title,
        format,
        text,
        warnings,
    })
}

/// The first non-blank line, if it is short enough to be a headline.
fn first_short_line(text: &str) -> Option<String> {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    (line.chars().count() <= MAX_TITLE_CHARS).then(|| line.to_string())
}

/// A title fit for one line of a terminal: no escape sequences, no control characters,
/// whitespace collapsed. Titles carry no offsets, so unlike the text they can lose characters.
fn clean_title(title: &str) -> Option<String> {
    let (title, _) = escapes::strip(title);
    let title: String = title
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    (!title.is_empty()).then_some(title)
}

/// The title of last resort: the file name without its extension (`stdin` for `-`).
fn file_stem(path: &str) -> String {
    if path == STDIN {
        return "stdin".to_string();
    }
    Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .and_then(|s| clean_title(&s))
        .unwrap_or_else(|| "untitled".to_string())
}
