//! The config file and how it combines with the environment and the command line.
//!
//! Precedence, lowest first: built-in defaults, the config file, the environment (`NO_COLOR`,
//! `ARTDIFF_THEME`), command-line flags. The file is TOML, found at `--config PATH`, else
//! `$ARTDIFF_CONFIG`, else `artdiff/config.toml` in the platform's config directory
//! (`$XDG_CONFIG_HOME` or `~/.config` on Linux and macOS, `%APPDATA%` on Windows). It is
//! checked whole before anything starts: an unknown key, a bad value or an unknown action in
//! `[keys]` is an error naming the file, line and column.

use crate::tui::keymap::Keymap;
use artdiff::align::{FLOOR_PARAPHRASE, FLOOR_VERBATIM};
use artdiff::ingest::fetch::ProxyChoice;
use artdiff::model::Thresholds;
use artdiff::report::ReportFormat;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;
use toml::Spanned;

/// The variable that names the config file.
pub const CONFIG_VAR: &str = "ARTDIFF_CONFIG";
/// The variable that picks the theme.
pub const THEME_VAR: &str = "ARTDIFF_THEME";

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum When {
    /// Unless `NO_COLOR` is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// The TUI's palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ThemeName {
    /// Light when the terminal says its background is light (`COLORFGBG`), else dark.
    Auto,
    /// For dark backgrounds.
    Dark,
    /// For light backgrounds.
    Light,
}

/// The order of the articles: as given, or by publication time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    /// As given on the command line.
    Given,
    /// Earliest published first; articles without a publication time after them, as given.
    Published,
}

impl Order {
    fn name(self) -> &'static str {
        match self {
            Order::Given => "given",
            Order::Published => "published",
        }
    }
}

/// How many colours the terminal shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Depth {
    /// From `COLORTERM` and `TERM`.
    #[serde(rename = "auto")]
    Auto,
    /// The 16 named colours.
    #[serde(rename = "16")]
    Basic,
    /// The 256-colour palette (also right for true-colour terminals).
    #[serde(rename = "256")]
    Full,
}

/// The report format when neither `--format` nor the file's extension tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// JSON on stdout; an extension is required for files; HTML from the TUI.
    Auto,
    /// JSON.
    Json,
    /// Markdown.
    #[serde(alias = "markdown")]
    Md,
    /// HTML.
    #[serde(alias = "htm")]
    Html,
}

impl ExportFormat {
    /// The format, unless `auto`.
    pub fn format(self) -> Option<ReportFormat> {
        match self {
            ExportFormat::Auto => None,
            ExportFormat::Json => Some(ReportFormat::Json),
            ExportFormat::Md => Some(ReportFormat::Markdown),
            ExportFormat::Html => Some(ReportFormat::Html),
        }
    }

    fn name(self) -> &'static str {
        match self {
            ExportFormat::Auto => "auto",
            ExportFormat::Json => "json",
            ExportFormat::Md => "md",
            ExportFormat::Html => "html",
        }
    }
}

/// A size: bytes, or a string with a unit (`"50MB"`).
#[derive(Debug, Clone, Deserialize)]
#[serde(
    untagged,
    expecting = "a size: a number of bytes or a string such as \"50MB\""
)]
enum Size {
    Bytes(u64),
    Text(String),
}

/// One key or a list of keys.
#[derive(Debug, Clone, Deserialize)]
#[serde(
    untagged,
    expecting = "a key or a list of keys, such as \"j\" or [\"j\", \"down\"]"
)]
enum Keys {
    One(String),
    Many(Vec<String>),
}

/// `[analysis]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Analysis {
    lang: Option<Spanned<String>>,
    min_shared: Option<Spanned<f64>>,
    min_paraphrase: Option<Spanned<f64>>,
    max_size: Option<Spanned<Size>>,
}

/// `[ui]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Ui {
    theme: Option<ThemeName>,
    color: Option<When>,
    colors: Option<Depth>,
    aligned: Option<bool>,
    order: Option<Order>,
}

/// `[export]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Export {
    format: Option<ExportFormat>,
}

/// `[fetch]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Fetch {
    timeout: Option<Spanned<f64>>,
    proxy: Option<Spanned<String>>,
}

/// The file as written: every key optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    analysis: Analysis,
    #[serde(default)]
    ui: Ui,
    #[serde(default)]
    export: Export,
    #[serde(default)]
    fetch: Fetch,
    #[serde(default)]
    keys: BTreeMap<Spanned<String>, Spanned<Keys>>,
}

/// A config file, checked: what it sets, nothing more.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileConfig {
    /// Where it was read from.
    pub path: Option<PathBuf>,
    lang: Option<String>,
    min_shared: Option<f64>,
    min_paraphrase: Option<f64>,
    max_size: Option<u64>,
    theme: Option<ThemeName>,
    color: Option<When>,
    depth: Option<Depth>,
    aligned: Option<bool>,
    order: Option<Order>,
    export_format: Option<ExportFormat>,
    timeout: Option<Duration>,
    proxy: Option<ProxyChoice>,
    keymap: Keymap,
}

/// A config file that could not be read or is not valid: `path:line:column: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file.
    pub path: PathBuf,
    /// 1-based line and column (in characters) of the fault, when known.
    pub at: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some((line, column)) = self.at {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

/// The config file to read: `--config`, else `$ARTDIFF_CONFIG`, else the platform's default.
/// The flag says whether the user named it (then it must exist).
pub fn locate(flag: Option<&Path>, var: Option<&std::ffi::OsStr>) -> Option<(PathBuf, bool)> {
    if let Some(path) = flag {
        return Some((path.to_path_buf(), true));
    }
    if let Some(path) = var.filter(|v| !v.is_empty()) {
        return Some((PathBuf::from(path), true));
    }
    default_path().map(|p| (p, false))
}

/// `artdiff/config.toml` in the platform's config directory.
pub fn default_path() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    let dirs = etcetera::choose_base_strategy().ok()?;
    Some(dirs.config_dir().join("artdiff").join("config.toml"))
}

/// Reads and checks a config file; a missing file is an error only when `required`.
pub fn load(path: &Path, required: bool) -> Result<FileConfig, ConfigError> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse(&text, path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => {
            Ok(FileConfig::default())
        }
        Err(e) => Err(ConfigError {
            path: path.to_path_buf(),
            at: None,
            message: format!("cannot read the config file: {}", io_reason(&e)),
        }),
    }
}

/// An I/O error without the `(os error 2)` tail.
fn io_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// Parses and checks a config file's text; `path` is for messages.
pub fn parse(text: &str, path: &Path) -> Result<FileConfig, ConfigError> {
    let error = |span: Option<std::ops::Range<usize>>, message: String| ConfigError {
        path: path.to_path_buf(),
        at: span.map(|s| line_column(text, s.start)),
        message,
    };
    let raw: Raw = toml::from_str(text).map_err(|e| {
        // toml's message may span lines (it quotes the source); the first says it.
        let message = e.message().trim().replace('\n', "; ");
        error(e.span(), message)
    })?;
    let a = raw.analysis;
    let lang = match a.lang {
        Some(lang) => Some(
            crate::parse_language(lang.get_ref())
                .map_err(|e| error(Some(lang.span()), format!("lang: {e}")))?,
        ),
        None => None,
    };
    let score = |value: Option<Spanned<f64>>, name: &str, floor: f64| match value {
        Some(v) => crate::parse_score(&v.get_ref().to_string(), floor)
            .map(Some)
            .map_err(|e| error(Some(v.span()), format!("{name}: {e}"))),
        None => Ok(None),
    };
    let min_shared = score(a.min_shared, "min_shared", FLOOR_VERBATIM)?;
    let min_paraphrase = score(a.min_paraphrase, "min_paraphrase", FLOOR_PARAPHRASE)?;
    let max_size = match a.max_size {
        Some(size) => {
            let span = size.span();
            Some(match size.into_inner() {
                Size::Bytes(n) => n,
                Size::Text(t) => crate::parse_size(&t)
                    .map_err(|e| error(Some(span), format!("max_size: {e}")))?,
            })
        }
        None => None,
    };
    let timeout = match raw.fetch.timeout {
        Some(t) => Some(
            crate::parse_timeout(&t.get_ref().to_string())
                .map_err(|e| error(Some(t.span()), format!("timeout: {e}")))?,
        ),
        None => None,
    };
    let proxy = match raw.fetch.proxy {
        Some(p) => Some(
            crate::parse_proxy(p.get_ref())
                .map_err(|e| error(Some(p.span()), format!("proxy: {e}")))?,
        ),
        None => None,
    };
    let mut overrides = Vec::with_capacity(raw.keys.len());
    let mut spans = Vec::with_capacity(raw.keys.len());
    for (name, keys) in raw.keys {
        spans.push((name.span(), keys.span()));
        let keys = match keys.into_inner() {
            Keys::One(k) => vec![k],
            Keys::Many(ks) => ks,
        };
        overrides.push((name.into_inner(), keys));
    }
    let keymap = Keymap::with_overrides(&overrides).map_err(|e| {
        let (name, keys) = spans[e.index].clone();
        error(Some(if e.in_name { name } else { keys }), e.message)
    })?;
    Ok(FileConfig {
        path: Some(path.to_path_buf()),
        lang,
        min_shared,
        min_paraphrase,
        max_size,
        theme: raw.ui.theme,
        color: raw.ui.color,
        depth: raw.ui.colors,
        aligned: raw.ui.aligned,
        order: raw.ui.order,
        export_format: raw.export.format,
        timeout,
        proxy,
        keymap,
    })
}

/// What the command line says, where it may override the config.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Flags {
    /// `--lang`.
    pub lang: Option<String>,
    /// `--min-shared`.
    pub min_shared: Option<f64>,
    /// `--min-paraphrase`.
    pub min_paraphrase: Option<f64>,
    /// `--max-size`.
    pub max_size: Option<u64>,
    /// `--theme`.
    pub theme: Option<ThemeName>,
    /// `--color`.
    pub color: Option<When>,
    /// `--order`.
    pub order: Option<Order>,
    /// `--timeout`.
    pub timeout: Option<Duration>,
    /// `--proxy`.
    pub proxy: Option<ProxyChoice>,
}

/// The environment variables that matter, read once (tests pass their own).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Env {
    /// `NO_COLOR` is set and not empty.
    pub no_color: bool,
    /// `ARTDIFF_THEME`.
    pub theme: Option<String>,
    /// `COLORFGBG` (`15;0`: white on black).
    pub colorfgbg: Option<String>,
    /// `COLORTERM`.
    pub colorterm: Option<String>,
    /// `TERM`.
    pub term: Option<String>,
}

impl Env {
    /// The process's environment.
    pub fn from_process() -> Env {
        let var = |name| std::env::var(name).ok();
        Env {
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            theme: var(THEME_VAR).filter(|v| !v.is_empty()),
            colorfgbg: var("COLORFGBG"),
            colorterm: var("COLORTERM"),
            term: var("TERM"),
        }
    }

    /// Whether the terminal says its background is light (`COLORFGBG` ending in 7 or 15).
    fn light_background(&self) -> bool {
        self.colorfgbg
            .as_deref()
            .and_then(|v| v.rsplit(';').next().and_then(|bg| bg.parse::<u8>().ok()))
            .is_some_and(|bg| matches!(bg, 7 | 15))
    }

    /// Whether the terminal shows only the 16 named colours: no `COLORTERM` of true colour,
    /// and a `TERM` of the classic 8/16-colour kind.
    fn basic_colors(&self) -> bool {
        let truecolor = self
            .colorterm
            .as_deref()
            .is_some_and(|c| matches!(c, "truecolor" | "24bit"));
        let term = self.term.as_deref().unwrap_or("");
        !truecolor
            && matches!(
                term,
                "linux"
                    | "xterm"
                    | "xterm-color"
                    | "xterm-16color"
                    | "screen"
                    | "screen-16color"
                    | "vt100"
                    | "vt102"
                    | "vt220"
                    | "ansi"
                    | "rxvt"
                    | "cons25"
                    | "cygwin"
            )
    }
}

/// Everything settled: what the program runs with.
#[derive(Debug, Clone, PartialEq)]
pub struct Effective {
    /// The config file that was read, if any.
    pub path: Option<PathBuf>,
    /// Stemmer and function-word language.
    pub lang: String,
    /// Classification thresholds.
    pub thresholds: Thresholds,
    /// Largest article accepted, in bytes.
    pub max_size: u64,
    /// The theme asked for.
    pub theme: ThemeName,
    /// Whether the TUI uses a light palette (`theme`, resolved).
    pub light: bool,
    /// When to use colour, as asked for.
    pub color: When,
    /// Whether colour is used (`color`, resolved with `NO_COLOR`).
    pub colored: bool,
    /// How many colours, as asked for.
    pub depth: Depth,
    /// Whether only the 16 named colours are used (`depth`, resolved).
    pub basic: bool,
    /// Aligned scrolling when the TUI opens.
    pub aligned: bool,
    /// The order of the articles.
    pub order: Order,
    /// Limit on fetching one address.
    pub timeout: Duration,
    /// The proxy for addresses.
    pub proxy: ProxyChoice,
    /// The default export format.
    pub export_format: ExportFormat,
    /// The keys.
    pub keymap: Keymap,
}

/// A size as the config file writes it: `"50MB"`, `"512K"`, `"1G"`, else bytes.
fn size_text(bytes: u64) -> String {
    for (unit, shift) in [("G", 30), ("MB", 20), ("K", 10)] {
        if bytes > 0 && bytes.is_multiple_of(1 << shift) {
            return format!("\"{}{unit}\"", bytes >> shift);
        }
    }
    bytes.to_string()
}

/// Wraps a comment's words at 95 columns, the first line starting `first` columns in.
fn wrap_comment(text: &str, first: usize) -> String {
    let mut out = String::new();
    let mut column = first;
    for word in text.split(' ') {
        if column + word.len() + 1 > 95 && column > 2 {
            out.push_str("\n#");
            column = 1;
        }
        if !out.is_empty() && !out.ends_with('#') || out.ends_with("\n#") {
            out.push(' ');
        }
        out.push_str(word);
        column += word.len() + 1;
    }
    out
}

/// `ARTDIFF_THEME` with a value that is not a theme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadTheme(pub String);

impl fmt::Display for BadTheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{THEME_VAR}: `{}` is not a theme; use auto, dark or light",
            self.0
        )
    }
}

impl Effective {
    /// Defaults, then the file, then the environment, then the flags.
    pub fn resolve(file: FileConfig, env: &Env, flags: &Flags) -> Result<Effective, BadTheme> {
        let defaults = artdiff::Settings::default().thresholds;
        let env_theme = match env.theme.as_deref() {
            Some(t) => Some(
                <ThemeName as clap::ValueEnum>::from_str(t, true)
                    .map_err(|_| BadTheme(t.to_string()))?,
            ),
            None => None,
        };
        let theme = flags
            .theme
            .or(env_theme)
            .or(file.theme)
            .unwrap_or(ThemeName::Auto);
        let color = match (flags.color, env.no_color) {
            (Some(c), _) => c,
            (None, true) => When::Never,
            (None, false) => file.color.unwrap_or(When::Auto),
        };
        let depth = file.depth.unwrap_or(Depth::Auto);
        Ok(Effective {
            path: file.path,
            lang: flags
                .lang
                .clone()
                .or(file.lang)
                .unwrap_or_else(|| "english".to_string()),
            thresholds: Thresholds {
                min_shared: flags
                    .min_shared
                    .or(file.min_shared)
                    .unwrap_or(defaults.min_shared),
                min_paraphrase: flags
                    .min_paraphrase
                    .or(file.min_paraphrase)
                    .unwrap_or(defaults.min_paraphrase),
            },
            max_size: flags
                .max_size
                .or(file.max_size)
                .unwrap_or(artdiff::ingest::LoadOptions::default().max_size),
            theme,
            light: match theme {
                ThemeName::Auto => env.light_background(),
                ThemeName::Dark => false,
                ThemeName::Light => true,
            },
            color,
            colored: color != When::Never,
            depth,
            basic: match depth {
                Depth::Auto => env.basic_colors(),
                Depth::Basic => true,
                Depth::Full => false,
            },
            aligned: file.aligned.unwrap_or(true),
            order: flags.order.or(file.order).unwrap_or(Order::Given),
            timeout: flags
                .timeout
                .or(file.timeout)
                .unwrap_or(artdiff::ingest::fetch::DEFAULT_TIMEOUT),
            proxy: flags
                .proxy
                .clone()
                .or(file.proxy)
                .unwrap_or(ProxyChoice::Environment),
            export_format: file.export_format.unwrap_or(ExportFormat::Auto),
            keymap: file.keymap,
        })
    }

    /// The settings as a config file, with comments: `artdiff --print-config`. Reading it
    /// back gives the same settings.
    pub fn to_toml(&self) -> String {
        let q = |s: &str| toml::Value::String(s.to_string()).to_string();
        let when = |w: When| match w {
            When::Auto => "auto",
            When::Always => "always",
            When::Never => "never",
        };
        let theme = match self.theme {
            ThemeName::Auto => "auto",
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
        };
        let depth = match self.depth {
            Depth::Auto => "auto",
            Depth::Basic => "16",
            Depth::Full => "256",
        };
        let source = match &self.path {
            Some(p) => format!(
                "# Read from {}, then the environment and flags.\n",
                p.display()
            ),
            None => "# No config file was read: built-in defaults, the environment and flags.\n"
                .to_string(),
        };
        let mut out = format!(
            "# artdiff configuration. Every key is optional; a missing one keeps its default.\n\
             {source}\n\
             [analysis]\n\
             # Stemmer and function words: {langs}.\n\
             lang = {lang}\n\
             # Verbatim score (0.3-1) from which a link is shared.\n\
             min_shared = {shared}\n\
             # Statement score (0.2-1) from which a link is paraphrased.\n\
             min_paraphrase = {para}\n\
             # Largest article accepted: bytes, or a string with a unit (\"512K\", \"50MB\", \"1G\").\n\
             max_size = {size}\n\
             \n\
             [ui]\n\
             # auto (light when COLORFGBG says the background is light), dark or light.\n\
             # ARTDIFF_THEME and --theme override it.\n\
             theme = {theme}  # now: {light}\n\
             # auto, always or never. NO_COLOR and --color override it.\n\
             color = {color}  # now: {colored}\n\
             # Colours the terminal shows: auto (16 when TERM is xterm, linux, screen...\n\
             # and COLORTERM is not truecolor), 16 or 256.\n\
             colors = {depth}  # now: {basic}\n\
             # Aligned scrolling when the TUI opens (the `a` key toggles it).\n\
             aligned = {aligned}\n\
             # Order of the articles (panes and reports): given, or published (earliest first;\n\
             # those without a publication time after them). --order overrides it.\n\
             order = {order}\n\
             \n\
             [export]\n\
             # Report format when neither --format nor the file's extension tells: auto (JSON on\n\
             # stdout, HTML from the TUI), json, md or html.\n\
             format = {format}\n\
             \n\
             [fetch]\n\
             # Seconds a web address may take, from connecting to the last byte (connecting\n\
             # alone: at most 10). --timeout overrides it.\n\
             timeout = {timeout}\n\
             # Proxy for web addresses: \"\" for ALL_PROXY, HTTPS_PROXY or HTTP_PROXY (with\n\
             # NO_PROXY) from the environment, \"none\" for none, or an address such as\n\
             # \"http://proxy.example:3128\". --proxy overrides it.\n\
             proxy = {proxy}\n\
             \n\
             [keys]\n\
             # Keys of the panes, by action: a key or a list. A key given here is taken from the\n\
             # action that had it; [] leaves an action without a key. Ctrl-C always quits.\n\
             # Keys: j, G, ctrl-d, alt-x, enter, esc, tab, shift-tab, space, up, down, left,\n\
             # right, pageup, pagedown, home, end, backspace, delete, f1-f12.\n",
            langs = wrap_comment(
                &artdiff::Language::ALL
                    .map(artdiff::Language::name)
                    .join(", "),
                "# Stemmer and function words: ".len(),
            ),
            lang = q(&self.lang),
            shared = self.thresholds.min_shared,
            para = self.thresholds.min_paraphrase,
            size = size_text(self.max_size),
            theme = q(theme),
            light = if self.light { "light" } else { "dark" },
            color = q(when(self.color)),
            colored = if self.colored { "colour" } else { "no colour" },
            depth = q(depth),
            basic = if self.basic { "16" } else { "256" },
            aligned = self.aligned,
            order = q(self.order.name()),
            format = q(self.export_format.name()),
            timeout = self.timeout.as_secs_f64(),
            proxy = q(match &self.proxy {
                ProxyChoice::Environment => "",
                ProxyChoice::Direct => "none",
                ProxyChoice::Url(url) => url,
            }),
        );
        let lines = self.keymap.config_lines();
        let width = lines.iter().map(|(n, _)| n.len()).max().unwrap_or(0);
        for (name, keys) in lines {
            let keys: Vec<String> = keys.iter().map(|k| q(k)).collect();
            out.push_str(&format!("{name:<width$} = [{}]\n", keys.join(", ")));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Action;
    use crate::tui::keymap::Key;

    fn parse_ok(text: &str) -> FileConfig {
        parse(text, Path::new("/home/me/.config/artdiff/config.toml"))
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn parse_err(text: &str) -> String {
        parse(text, Path::new("/etc/artdiff.toml"))
            .expect_err(text)
            .to_string()
    }

    fn resolve(file: FileConfig, env: &Env, flags: &Flags) -> Effective {
        Effective::resolve(file, env, flags).unwrap()
    }

    #[test]
    fn an_empty_file_is_the_defaults() {
        let file = parse_ok("");
        let e = resolve(file, &Env::default(), &Flags::default());
        assert_eq!(e.lang, "english");
        assert_eq!(e.thresholds, artdiff::Settings::default().thresholds);
        assert_eq!(e.max_size, 50 << 20);
        assert_eq!(
            (e.theme, e.light, e.colored, e.basic),
            (ThemeName::Auto, false, true, false)
        );
        assert!(e.aligned);
        assert_eq!(e.export_format, ExportFormat::Auto);
        assert_eq!(e.order, Order::Given);
        assert_eq!(e.timeout, Duration::from_secs(30));
        assert_eq!(e.proxy, ProxyChoice::Environment);
        assert_eq!(e.keymap, Keymap::default());
    }

    #[test]
    fn a_full_file_sets_everything() {
        let file = parse_ok(
            r#"
            [analysis]
            lang = "German"
            min_shared = 0.8
            min_paraphrase = 0.6
            max_size = "2MB"

            [ui]
            theme = "light"
            color = "never"
            colors = "16"
            aligned = false

            order = "published"

            [export]
            format = "markdown"

            [fetch]
            timeout = 2.5
            proxy = "http://proxy.example:3128"

            [keys]
            down = ["j", "ctrl-n"]
            toggle_detail = "D"
            "#,
        );
        let e = resolve(file, &Env::default(), &Flags::default());
        assert_eq!(e.lang, "german");
        assert_eq!(e.thresholds.min_shared, 0.8);
        assert_eq!(e.thresholds.min_paraphrase, 0.6);
        assert_eq!(e.max_size, 2 << 20);
        assert!(e.light && !e.colored && e.basic && !e.aligned);
        assert_eq!(e.export_format, ExportFormat::Md);
        assert_eq!(e.order, Order::Published);
        assert_eq!(e.timeout, Duration::from_millis(2500));
        assert_eq!(
            e.proxy,
            ProxyChoice::Url("http://proxy.example:3128".into())
        );
        assert_eq!(e.keymap.key_of(Action::ToggleDetail), Some(Key::ch('D')));
        assert_eq!(e.keymap.key_of(Action::Down), Some(Key::ch('j')));
    }

    #[test]
    fn environment_overrides_the_file_and_flags_override_both() {
        let file = || {
            parse_ok("[ui]\ntheme = \"dark\"\ncolor = \"always\"\n[analysis]\nlang = \"french\"\nmin_paraphrase = 0.6\n")
        };
        let env = Env {
            no_color: true,
            theme: Some("LIGHT".into()),
            ..Env::default()
        };
        let e = resolve(file(), &env, &Flags::default());
        assert!(e.light, "ARTDIFF_THEME beats the file");
        assert!(!e.colored, "NO_COLOR beats the file");
        assert_eq!(e.lang, "french");
        let flags = Flags {
            theme: Some(ThemeName::Dark),
            color: Some(When::Always),
            lang: Some("spanish".into()),
            min_paraphrase: Some(0.7),
            ..Flags::default()
        };
        let e = resolve(file(), &env, &flags);
        assert!(!e.light && e.colored);
        assert_eq!(e.lang, "spanish");
        assert_eq!(e.thresholds.min_paraphrase, 0.7);
        let bad = Env {
            theme: Some("blue".into()),
            ..Env::default()
        };
        let err = Effective::resolve(file(), &bad, &Flags::default()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "ARTDIFF_THEME: `blue` is not a theme; use auto, dark or light"
        );
    }

    #[test]
    fn theme_and_depth_follow_the_terminal_when_auto() {
        let light = Env {
            colorfgbg: Some("0;15".into()),
            ..Env::default()
        };
        assert!(resolve(FileConfig::default(), &light, &Flags::default()).light);
        let forced = parse_ok("[ui]\ntheme = \"dark\"\n");
        assert!(!resolve(forced, &light, &Flags::default()).light);
        for (term, colorterm, basic) in [
            ("xterm-256color", None, false),
            ("xterm", None, true),
            ("linux", None, true),
            ("xterm", Some("truecolor"), false),
            ("xterm-kitty", None, false),
            ("", None, false),
        ] {
            let env = Env {
                term: Some(term.into()),
                colorterm: colorterm.map(Into::into),
                ..Env::default()
            };
            let e = resolve(FileConfig::default(), &env, &Flags::default());
            assert_eq!(e.basic, basic, "TERM={term} COLORTERM={colorterm:?}");
            let full = parse_ok("[ui]\ncolors = \"256\"\n");
            assert!(!resolve(full, &env, &Flags::default()).basic);
        }
    }

    #[test]
    fn printed_config_reads_back_the_same() {
        let file = parse_ok(
            "[analysis]\nlang = \"italian\"\nmin_shared = 0.75\n[ui]\ntheme = \"light\"\ncolors = \"16\"\n[keys]\nquit = \"x\"\nhelp = [\"?\", \"f1\"]\npane_3 = []\n",
        );
        let e = resolve(file, &Env::default(), &Flags::default());
        let text = e.to_toml();
        let again = resolve(parse_ok(&text), &Env::default(), &Flags::default());
        assert_eq!(
            Effective {
                path: e.path.clone(),
                ..again
            },
            e,
            "{text}"
        );
        assert!(
            text.contains("help                = [\"?\", \"f1\"]"),
            "{text}"
        );
        assert!(text.contains("pane_3              = []"), "{text}");
        let defaults = resolve(FileConfig::default(), &Env::default(), &Flags::default());
        let again = resolve(
            parse_ok(&defaults.to_toml()),
            &Env::default(),
            &Flags::default(),
        );
        assert_eq!(
            Effective {
                path: None,
                ..again
            },
            defaults
        );
    }

    #[test]
    fn malformed_files_name_the_line_and_column() {
        assert_eq!(
            parse_err("[ui]\ntheme = \"dark\"\nshade = 3\n"),
            "/etc/artdiff.toml:3:1: unknown field `shade`, expected one of `theme`, `color`, `colors`, `aligned`, `order`"
        );
        assert_eq!(
            parse_err("[ui]\ntheme = \"blue\"\n"),
            "/etc/artdiff.toml:2:9: unknown variant `blue`, expected one of `auto`, `dark`, `light`"
        );
        let syntax = parse_err("[analysis]\nlang = english\n");
        assert!(syntax.starts_with("/etc/artdiff.toml:2:8: "), "{syntax}");
        assert!(!syntax.contains('\n'), "one line: {syntax}");
        let unclosed = parse_err("[ui\n");
        assert!(unclosed.starts_with("/etc/artdiff.toml:1:"), "{unclosed}");
        assert_eq!(
            parse_err("[analysis]\nmin_paraphrase = 0.01\n"),
            "/etc/artdiff.toml:2:18: min_paraphrase: `0.01` is not a score between 0.2 and 1"
        );
        assert!(parse_err("[analysis]\nlang = \"klingon\"\n")
            .starts_with("/etc/artdiff.toml:2:8: lang: `klingon` is not supported"));
        assert_eq!(
            parse_err("[fetch]\ntimeout = 0\n"),
            "/etc/artdiff.toml:2:11: timeout: `0` is not a number of seconds above 0 (try 30 or 2.5)"
        );
        assert!(parse_err("[fetch]\nproxy = \"http://[x\"\n")
            .starts_with("/etc/artdiff.toml:2:9: proxy: "));
        assert!(parse_err("[analysis]\nmax_size = \"lots\"\n")
            .starts_with("/etc/artdiff.toml:2:12: max_size: `lots` is not a size"));
        assert_eq!(
            parse_err("[ui]\naligned = \"yes\"\n"),
            "/etc/artdiff.toml:2:11: invalid type: string \"yes\", expected a boolean"
        );
        assert!(
            parse_err("[colour]\n").starts_with("/etc/artdiff.toml:1:2: unknown field `colour`")
        );
    }

    #[test]
    fn bad_keys_name_the_line_and_column() {
        let unknown = parse_err("[keys]\ndown = \"j\"\njump = \"x\"\n");
        assert!(
            unknown.starts_with("/etc/artdiff.toml:3:1: unknown action `jump` in [keys]; the actions are: down, up,"),
            "{unknown}"
        );
        assert_eq!(
            parse_err("[keys]\ndown = [\"j\", \"ctrl-\"]\n"),
            "/etc/artdiff.toml:2:8: [keys] down: `ctrl-` is not a key (try j, G, ctrl-d, alt-x, down, pagedown, shift-tab, space, f5)"
        );
        assert_eq!(
            parse_err("[keys]\ndown = \"x\"\nup = \"x\"\n"),
            "/etc/artdiff.toml:3:6: [keys] `x` is given to both down and up"
        );
        let not_a_list = parse_err("[keys]\ndown = 3\n");
        assert!(
            not_a_list.starts_with("/etc/artdiff.toml:2:8: ")
                && not_a_list.contains("a key or a list of keys"),
            "{not_a_list}"
        );
    }

    /// The README shows the default config file: `--print-config` without one.
    /// `ARTDIFF_UPDATE_README=1 cargo test readme -- --test-threads=1` rewrites it (never under CI).
    #[test]
    fn readme_default_config_matches() {
        const START: &str = "<!-- config:start -->\n```toml\n";
        const END: &str = "```\n<!-- config:end -->";
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
        let readme = std::fs::read_to_string(path).expect("README.md");
        let (Some(start), Some(end)) = (readme.find(START), readme.find(END)) else {
            panic!("README.md lost its {START:?} and {END:?} markers");
        };
        let start = start + START.len();
        let defaults = resolve(FileConfig::default(), &Env::default(), &Flags::default());
        let text = defaults.to_toml();
        if readme[start..end] == text {
            return;
        }
        if std::env::var_os("ARTDIFF_UPDATE_README").is_some_and(|v| v == "1")
            && std::env::var_os("CI").is_none()
        {
            let updated = format!("{}{text}{}", &readme[..start], &readme[end..]);
            std::fs::write(path, updated).expect("write README.md");
            return;
        }
        panic!(
            "README.md's default config differs from `artdiff --print-config` (src/config.rs).\n\
             Run `ARTDIFF_UPDATE_README=1 cargo test readme -- --test-threads=1` or put this between the markers:\n\n{text}"
        );
    }

    #[test]
    fn columns_count_characters() {
        assert_eq!(line_column("ab\ncdé f", 8), (2, 5));
        assert_eq!(line_column("", 0), (1, 1));
    }

    #[test]
    fn the_config_file_is_found_by_flag_variable_or_default() {
        let flag = Path::new("/tmp/a.toml");
        assert_eq!(
            locate(Some(flag), Some("/tmp/b.toml".as_ref())),
            Some((flag.to_path_buf(), true))
        );
        assert_eq!(
            locate(None, Some("/tmp/b.toml".as_ref())),
            Some((PathBuf::from("/tmp/b.toml"), true))
        );
        if let Some((path, required)) = locate(None, Some("".as_ref())) {
            assert!(path.ends_with("artdiff/config.toml") && !required);
        }
    }

    #[test]
    fn a_missing_file_is_an_error_only_when_named() {
        let missing = Path::new("/nonexistent/artdiff/config.toml");
        assert_eq!(load(missing, false), Ok(FileConfig::default()));
        let err = load(missing, true).unwrap_err().to_string();
        assert!(
            err.starts_with("/nonexistent/artdiff/config.toml: cannot read the config file: "),
            "{err}"
        );
    }
}
