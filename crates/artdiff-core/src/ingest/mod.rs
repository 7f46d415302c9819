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
pub mod fetch;
mod html;
mod layout;
mod markdown;
mod metadata;
mod read;
pub mod save;

use crate::model::{Format, Metadata, Provenance};
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
    /// A web address (`http://` or `https://`), fetched.
    Url(String),
}

impl Source {
    /// The source a command-line argument names: `-` is standard input, an `http://` or
    /// `https://` address is fetched, anything else is a path (`./https:` is a path).
    pub fn from_arg(arg: &std::ffi::OsStr) -> Source {
        match arg.to_str() {
            Some("-") => Source::Stdin,
            Some(text) if fetch::is_address(text) => Source::Url(text.to_string()),
            _ => Source::Path(PathBuf::from(arg)),
        }
    }

    /// The path or address as given (`-` for stdin, `demo/<name>` for the demo).
    pub fn name(&self) -> String {
        match self {
            Source::Path(p) => p.to_string_lossy().into_owned(),
            Source::Stdin => STDIN.to_string(),
            Source::Embedded { name, .. } => format!("demo/{name}"),
            Source::Url(url) => url.clone(),
        }
    }
}

/// Limits and choices for loading.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Refuse inputs larger than this many bytes (also while downloading).
    pub max_size: u64,
    /// How addresses are fetched.
    pub fetch: fetch::FetchOptions,
    /// Refuse every address: nothing is fetched.
    pub offline: bool,
    /// Save each fetched page's bytes and provenance in this directory (`--save`).
    pub save_dir: Option<PathBuf>,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_size: 50 * 1024 * 1024,
            fetch: fetch::FetchOptions::default(),
            offline: false,
            save_dir: None,
        }
    }
}

/// An article's text as loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    /// The path or address as given (`-` for stdin).
    pub path: String,
    /// The title.
    pub title: String,
    /// The format it was read as.
    pub format: Format,
    /// The text: UTF-8, `\n` newlines.
    pub text: String,
    /// Non-fatal notes (encoding guessed...).
    pub warnings: Vec<String>,
    /// What the page declares about itself (HTML).
    pub metadata: Metadata,
    /// Where the bytes came from; `None` for text made in memory.
    pub provenance: Option<Provenance>,
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
            metadata: Metadata::default(),
            provenance: None,
        }
    }
}

/// Why an article could not be loaded. Displays as one line naming the file or address.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {problem}")]
pub struct IngestError {
    /// The path or address as given.
    pub path: String,
    /// What went wrong, in a few words.
    pub problem: String,
}

/// The message for an address refused because nothing may be fetched.
pub const OFFLINE: &str = "a web address, and --offline forbids fetching";

/// Loads one article: reads or fetches it, decodes it, extracts its text, title and
/// metadata.
///
/// Errors are one line naming the file or address, e.g. `wire.txt: no such file`. Inputs
/// larger than `opts.max_size` are refused without reading them whole.
pub fn load(source: &Source, opts: &LoadOptions) -> Result<Loaded, IngestError> {
    let client = match source {
        Source::Url(_) if !opts.offline => Some(fetch::Client::new(&opts.fetch).map_err(
            |problem| IngestError {
                path: source.name(),
                problem,
            },
        )?),
        _ => None,
    };
    load_with(source, opts, client.as_ref())
}

/// How far [`load_all`] got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Sources loaded (or failed) so far.
    pub done: usize,
    /// Sources in all.
    pub total: usize,
}

/// The most sources loaded at once: pages are mostly waiting on the network, and a
/// comparison of more than a handful of articles is rare.
const MAX_PARALLEL: usize = 8;
/// A loading thread's stack, as large as the main thread's: readability recurses.
const STACK: usize = 16 << 20;

/// Loads every source, the addresses fetched in parallel (one connection pool for all);
/// results are in the order of `sources`. `progress` is called from the loading threads
/// after each source.
pub fn load_all(
    sources: &[Source],
    opts: &LoadOptions,
    progress: &(dyn Fn(Progress) + Sync),
) -> Vec<Result<Loaded, IngestError>> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;
    let total = sources.len();
    let wants_client = !opts.offline && sources.iter().any(|s| matches!(s, Source::Url(_)));
    let client = match wants_client.then(|| fetch::Client::new(&opts.fetch)) {
        Some(Err(problem)) => {
            return sources
                .iter()
                .map(|s| {
                    Err(IngestError {
                        path: s.name(),
                        problem: problem.clone(),
                    })
                })
                .collect()
        }
        Some(Ok(client)) => Some(client),
        None => None,
    };
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<Loaded, IngestError>>>> =
        Mutex::new((0..total).map(|_| None).collect());
    let work = || loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(source) = sources.get(i) else {
            return;
        };
        let result = load_with(source, opts, client.as_ref());
        results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(result);
        let done = done.fetch_add(1, Ordering::Relaxed) + 1;
        progress(Progress { done, total });
    };
    std::thread::scope(|scope| {
        // Pages wait on the network, so each may have a thread; files and standard input only
        // need the cores (more threads cost more to start than the reading they share).
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        let limit = if wants_client { MAX_PARALLEL } else { cores };
        let workers = total.clamp(1, limit);
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                std::thread::Builder::new()
                    .name("load".into())
                    .stack_size(STACK)
                    .spawn_scoped(scope, work)
            })
            .collect();
        // A thread that could not start leaves its share to the others; none at all: here.
        if handles.iter().all(Result::is_err) {
            work();
        }
        for handle in handles.into_iter().flatten() {
            if let Err(panic) = handle.join() {
                std::panic::resume_unwind(panic);
            }
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .zip(sources)
        .map(|(result, source)| {
            result.unwrap_or_else(|| {
                Err(IngestError {
                    path: source.name(),
                    problem: "not loaded".to_string(),
                })
            })
        })
        .collect()
}

/// [`load`] with a client made already (addresses need one unless offline).
fn load_with(
    source: &Source,
    opts: &LoadOptions,
    client: Option<&fetch::Client>,
) -> Result<Loaded, IngestError> {
    let name = source.name();
    let fail = |problem: String| IngestError {
        path: name.clone(),
        problem,
    };
    match source {
        Source::Path(p) => {
            let bytes = read::read_file(p, opts.max_size).map_err(fail)?;
            let mut input = Input::new(&name, &bytes);
            let mut warnings = Vec::new();
            match save::read_sidecar(p, &bytes) {
                save::Saved::None => {}
                save::Saved::Matches(mut provenance) => {
                    provenance.copy = Some(name.clone());
                    input.provenance = provenance;
                }
                save::Saved::Ignored(warning) => warnings.push(warning),
            }
            let mut loaded = load_input(input, bytes).map_err(fail)?;
            warnings.append(&mut loaded.warnings);
            loaded.warnings = warnings;
            Ok(loaded)
        }
        Source::Stdin => {
            let bytes = read::read_bounded(std::io::stdin().lock(), opts.max_size).map_err(fail)?;
            load_input(Input::new(&name, &bytes), bytes).map_err(fail)
        }
        Source::Embedded { bytes, .. } => load_bytes(&name, bytes, opts),
        Source::Url(url) => {
            let client = match client {
                Some(client) if !opts.offline => client,
                _ => return Err(fail(OFFLINE.to_string())),
            };
            let fetched = client.fetch(url, opts.max_size).map_err(fail)?;
            let input = Input {
                name: &name,
                provenance: fetched.provenance,
            };
            let bytes = fetched.bytes;
            let Some(dir) = &opts.save_dir else {
                return load_input(input, bytes).map_err(fail);
            };
            // The exact bytes go to disk; the pipeline gets its own copy to decode.
            let mut loaded = load_input(input, bytes.clone()).map_err(fail)?;
            if let Some(provenance) = &mut loaded.provenance {
                let page = save::save(dir, &bytes, provenance, &loaded.metadata, loaded.format)
                    .map_err(fail)?;
                provenance.copy = Some(page.to_string_lossy().into_owned());
            }
            Ok(loaded)
        }
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
    load_input(Input::new(path, bytes), bytes.to_vec()).map_err(|problem| IngestError {
        path: path.to_string(),
        problem,
    })
}

/// What is known of some bytes before decoding them.
struct Input<'a> {
    /// The path or address as given.
    name: &'a str,
    /// Provenance so far: hash and size, and for a fetch its address, time, status and
    /// content type (which decide format and encoding before the extension and sniffing).
    provenance: Provenance,
}

impl<'a> Input<'a> {
    fn new(name: &'a str, bytes: &[u8]) -> Self {
        Input {
            name,
            provenance: Provenance::of_bytes(name, bytes),
        }
    }
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
            Source::Stdin | Source::Embedded { .. } | Source::Url(_) => None,
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

/// The pipeline after reading; `bytes` are within the size limit already. Returns the
/// `problem` of an error.
fn load_input(input: Input<'_>, bytes: Vec<u8>) -> Result<Loaded, String> {
    let Input {
        name: path,
        mut provenance,
    } = input;
    let content_type = provenance.content_type.clone().unwrap_or_default();
    let mime = detect::mime_type(&content_type);
    // Where the name comes from for the format: the address the bytes came from.
    let located = provenance
        .final_url
        .clone()
        .unwrap_or_else(|| path.to_string());
    let declared = detect::from_mime(&mime, &located).or_else(|| detect::from_extension(&located));
    let may_be_html = match declared {
        Some(format) => format == Format::Html,
        None => bytes
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|&b| b == b'<'),
    };
    let charset = detect::charset_param(&content_type);
    let hints = decode::Hints {
        header_charset: charset.as_deref(),
        html: may_be_html,
    };
    let (decoded, note) =
        decode::decode_hinted(bytes, hints).map_err(|e| e.problem().to_string())?;
    provenance.encoding = Some(decoded.encoding);
    let mut warnings: Vec<String> = note.into_iter().chain(decoded.warning).collect();
    let (text, mut escapes) = escapes::strip(&decoded.text);
    let text = decode::normalise_newlines(&text).into_owned();
    let format = declared.unwrap_or_else(|| detect::sniff(&text));
    let mut metadata = Metadata::default();
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
            metadata = extracted.metadata;
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
        metadata,
        provenance: Some(provenance),
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
