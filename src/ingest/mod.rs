//! Reading articles: bytes from a file, stdin or the bundled demo; decoding; format detection;
//! text extraction; neutralising terminal escapes.

pub mod boilerplate;

use crate::model::Format;
use std::path::PathBuf;

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

/// Loads one article. STUB: UTF-8 text only.
pub fn load(source: &Source, _opts: &LoadOptions) -> Result<Loaded, IngestError> {
    let (path, bytes) = match source {
        Source::Path(p) => (
            p.display().to_string(),
            std::fs::read(p).map_err(|e| IngestError {
                path: p.display().to_string(),
                problem: e.to_string(),
            })?,
        ),
        Source::Stdin => {
            let mut buf = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf).map_err(|e| {
                IngestError {
                    path: "-".into(),
                    problem: e.to_string(),
                }
            })?;
            ("-".to_string(), buf)
        }
        Source::Embedded { name, bytes } => (format!("demo/{name}"), bytes.to_vec()),
    };
    let text = String::from_utf8(bytes).map_err(|_| IngestError {
        path: path.clone(),
        problem: "not UTF-8".into(),
    })?;
    Ok(Loaded::from_text(&path, &text))
}
