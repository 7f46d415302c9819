//! The `artdiff` command: parse arguments, load the articles, compare them, then open the TUI
//! or write a report. Every failure becomes one line on stderr and a named exit code.

#![forbid(unsafe_code)]

mod config;
mod progress;
mod tui;

use artdiff::align::LinkDetail;
use artdiff::ingest::fetch::{self, FetchOptions, ProxyChoice};
use artdiff::ingest::{self, LoadOptions, Loaded, Source};
use artdiff::model::LeftOut;
use artdiff::report::{self, ReportFormat};
use artdiff::{Comparison, Settings};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

/// Exit codes: 0 success, 1 a runtime error (a file, an export), 2 a usage error.
mod exit {
    pub const RUNTIME: u8 = 1;
    pub const USAGE: u8 = 2;
}

/// Compare two or more articles side by side: which passages are shared (near-verbatim),
/// paraphrased (same statement, other words) or unique.
#[derive(Debug, Parser)]
#[command(name = "artdiff", version, about, long_about = None)]
#[command(after_help = "With no ARTICLE, opens the bundled demo articles.\n\
Examples:\n  artdiff wire.txt post.html tribune.md\n  \
artdiff https://a.example/story https://b.example/news/123 saved.html\n  \
artdiff --export report.html --save pages/ URL URL\n  curl -s URL | artdiff - local.txt\n\
Config file: --config, else $ARTDIFF_CONFIG, else ~/.config/artdiff/config.toml \
(see --print-config).\n\
An article named like a command (completions, man) is given as ./completions.")]
#[command(args_conflicts_with_subcommands = true, disable_help_subcommand = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    /// Articles to compare: files (.txt, .md, .html), `-` for stdin, or http:// and https://
    /// addresses (fetched in parallel). At least two.
    #[arg(value_name = "ARTICLE")]
    articles: Vec<PathBuf>,

    /// Write a report to FILE instead of opening the TUI (`-` for stdout).
    #[arg(short, long, value_name = "FILE")]
    export: Option<PathBuf>,

    /// Report format (default: from the export file's extension, JSON for stdout).
    #[arg(short, long, value_enum, value_name = "FORMAT")]
    format: Option<FormatArg>,

    /// When to use colour [default: auto]; NO_COLOR in the environment means never unless
    /// `always`.
    #[arg(long, value_enum, value_name = "WHEN")]
    color: Option<config::When>,

    /// The TUI's colours: for dark or light backgrounds [default: auto, from COLORFGBG].
    #[arg(long, value_enum, value_name = "THEME")]
    theme: Option<config::ThemeName>,

    /// Largest article accepted, in bytes or with a unit (50MB, 512K, 1G) [default: 50MB].
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    max_size: Option<u64>,

    /// Verbatim score (0.3-1) from which a link counts as shared [default: 0.7].
    #[arg(long, value_name = "SCORE", value_parser = parse_min_shared)]
    min_shared: Option<f64>,

    /// Statement score (0.2-1) from which a link counts as paraphrased [default: 0.55].
    #[arg(long, value_name = "SCORE", value_parser = parse_min_paraphrase)]
    min_paraphrase: Option<f64>,

    /// Language of the articles, for stemming and function words (english, french, german,
    /// spanish, ... see the README) [default: english].
    #[arg(long, value_name = "LANG", value_parser = parse_language)]
    lang: Option<String>,

    /// Seconds a web address may take, from connecting to the last byte [default: 30].
    #[arg(long, value_name = "SECONDS", value_parser = parse_timeout)]
    timeout: Option<Duration>,

    /// Proxy for web addresses (http://host:port), or `none`; without it, ALL_PROXY,
    /// HTTPS_PROXY or HTTP_PROXY (and NO_PROXY) apply.
    #[arg(long, value_name = "URL", value_parser = parse_proxy)]
    proxy: Option<ProxyChoice>,

    /// Refuse web addresses: nothing is fetched.
    #[arg(long)]
    offline: bool,

    /// Compare the articles that loaded when some failed (at least two must load).
    #[arg(long)]
    keep_going: bool,

    /// Save each fetched page's bytes, with a JSON sidecar of its provenance, in DIR (made if
    /// missing; existing files are never replaced). The saved files can be compared later.
    #[arg(long, value_name = "DIR")]
    save: Option<PathBuf>,

    /// Order of the articles: as given, or by publication time, earliest first
    /// [default: given].
    #[arg(long, value_enum, value_name = "ORDER")]
    order: Option<config::Order>,

    /// Threads for the analysis (the same result on any number) [default: one per core].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,

    /// Read settings from this TOML file instead of ~/.config/artdiff/config.toml.
    #[arg(long, value_name = "PATH")]
    config: Option<PathBuf>,

    /// Print the settings in force (defaults, config file, environment, flags) as a config
    /// file, and exit.
    #[arg(long)]
    print_config: bool,

    /// Time key presses and frames of the TUI on these articles, without a terminal.
    #[arg(long, hide = true)]
    bench_tui: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    Json,
    #[value(alias = "markdown")]
    Md,
    #[value(alias = "htm")]
    Html,
}

impl From<FormatArg> for ReportFormat {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Json => ReportFormat::Json,
            FormatArg::Md => ReportFormat::Markdown,
            FormatArg::Html => ReportFormat::Html,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Subcommand)]
enum Command {
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish) on stdout.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) on stdout.
    Man,
}

/// A failure with the exit code it maps to; each message is displayed as one line (several
/// when several articles failed to load).
struct Failure {
    code: u8,
    messages: Vec<String>,
}

impl Failure {
    fn usage(message: impl Into<String>) -> Self {
        Failure {
            code: exit::USAGE,
            messages: vec![message.into()],
        }
    }
    fn runtime(message: impl ToString) -> Self {
        Failure {
            code: exit::RUNTIME,
            messages: vec![message.to_string()],
        }
    }
}

fn main() -> ExitCode {
    let cli = parse_args();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            for message in &failure.messages {
                // File names and OS messages are shown inert and on one line.
                let message = artdiff::safe_text::one_line(message);
                eprintln!("artdiff: error: {message}");
            }
            ExitCode::from(failure.code)
        }
    }
}

/// The command line, with clap's own messages in colour only when `--color` and `NO_COLOR`
/// allow it.
fn parse_args() -> Cli {
    let mut command = Cli::command();
    if color_never_asked(std::env::args_os().skip(1)) {
        command = command.color(clap::ColorChoice::Never);
    }
    let matches = command.get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

/// Whether the arguments hold `--color never` (or `--color=never`), read before clap so that
/// its help and errors obey it too (clap itself honours `NO_COLOR`).
fn color_never_asked(args: impl Iterator<Item = std::ffi::OsString>) -> bool {
    let mut previous_was_flag = false;
    let mut never = false;
    for arg in args {
        let arg = arg.to_string_lossy();
        if arg == "--" {
            break;
        }
        if previous_was_flag {
            never = arg == "never";
        } else if let Some(value) = arg.strip_prefix("--color=") {
            never = value == "never";
        }
        previous_was_flag = arg == "--color";
    }
    never
}

/// Prints a completion script or the man page, generated from the clap definition.
fn generate(command: Command) -> Result<(), Failure> {
    let mut cli = Cli::command();
    let mut out = Vec::new();
    match command {
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut cli, "artdiff", &mut out);
        }
        Command::Man => {
            clap_mangen::Man::new(cli)
                .render(&mut out)
                .map_err(Failure::runtime)?;
        }
    }
    write_stdout(&out)
}

/// The settings in force: defaults, the config file, the environment, the flags. A config
/// file that cannot be read or is not valid stops everything (a usage error).
fn effective_config(cli: &Cli) -> Result<config::Effective, Failure> {
    let file = match config::locate(
        cli.config.as_deref(),
        std::env::var_os(config::CONFIG_VAR).as_deref(),
    ) {
        Some((path, required)) => {
            config::load(&path, required).map_err(|e| Failure::usage(e.to_string()))?
        }
        None => config::FileConfig::default(),
    };
    let flags = config::Flags {
        lang: cli.lang.clone(),
        min_shared: cli.min_shared,
        min_paraphrase: cli.min_paraphrase,
        max_size: cli.max_size,
        theme: cli.theme,
        color: cli.color,
        order: cli.order,
        timeout: cli.timeout,
        proxy: cli.proxy.clone(),
    };
    config::Effective::resolve(file, &config::Env::from_process(), &flags)
        .map_err(|e| Failure::usage(e.to_string()))
}

fn run(cli: Cli) -> Result<(), Failure> {
    if let Some(command) = cli.command {
        return generate(command);
    }
    let config = effective_config(&cli)?;
    if cli.print_config {
        return write_stdout(config.to_toml().as_bytes());
    }
    if let Some(jobs) = cli.jobs {
        // The first and only configuration of the global pool: it cannot already exist here.
        rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(jobs))
            .build_global()
            .map_err(|e| Failure::runtime(format!("--jobs {jobs}: {e}")))?;
    }
    let settings = Settings {
        thresholds: config.thresholds,
        language: config
            .lang
            .parse()
            .expect("--lang and the config file's lang are checked by parse_language"),
        // A report shows the matches only; the TUI can move its thresholds and needs them all.
        detail: if cli.export.is_some() {
            LinkDetail::Matched
        } else {
            LinkDetail::All
        },
    };
    let sources = sources_from(&cli.articles, cli.offline)?;
    let export = cli
        .export
        .as_deref()
        .map(|path| export_target(path, cli.format, config.export_format, &cli.articles))
        .transpose()?;
    if export.is_none() && !cli.bench_tui && !std::io::stdout().is_terminal() {
        return Err(Failure::usage(
            "standard output is not a terminal: use --export FILE (or --export -) for a report",
        ));
    }

    let options = LoadOptions {
        max_size: config.max_size,
        fetch: FetchOptions {
            timeout: config.timeout,
            proxy: config.proxy.clone(),
            ..FetchOptions::default()
        },
        offline: cli.offline,
        save_dir: cli.save.clone(),
    };
    if !cli.offline && sources.iter().any(|s| matches!(s, Source::Url(_))) {
        // A proxy that cannot be used is a usage mistake, named before anything is fetched.
        fetch::Client::new(&options.fetch).map_err(Failure::usage)?;
    }
    let (mut loaded, left_out) = load(&sources, &options, cli.keep_going)?;
    if config.order == config::Order::Published {
        by_publication(&mut loaded);
    }
    // The terminal the loading gauge took, if it showed, for the TUI to go on with.
    let mut gauge_session = None;
    let mut comparison = if cli.bench_tui {
        artdiff::analyse(loaded, &settings)
    } else if export.is_some() {
        progress::analyse_for_export(loaded, &settings)
    } else {
        let theme = tui::theme::Theme::new(config.colored, config.light).with_basic(config.basic);
        let analysed = progress::analyse_with_gauge(loaded, &settings, theme, &config.keymap)
            .map_err(Failure::runtime)?;
        match analysed {
            Some((comparison, session)) => {
                gauge_session = session;
                comparison
            }
            None => return Ok(()),
        }
    };
    comparison.summary.left_out = left_out;
    if export.is_some() {
        // In the TUI the warnings show in the status bar instead.
        for article in &comparison.articles {
            for warning in &article.warnings {
                let line = format!("{}: {warning}", article.path);
                eprintln!("artdiff: warning: {}", artdiff::safe_text::one_line(&line));
            }
        }
    }

    if cli.bench_tui {
        let report = tui::bench::report(comparison, settings) + "\n";
        return write_stdout(report.as_bytes());
    }
    match export {
        Some((target, format)) => {
            let written = write_report(&comparison, format, target.as_deref());
            // The process ends here: freeing a large comparison piece by piece would only
            // delay the exit (millions of small allocations); the system takes it back whole.
            std::mem::forget(comparison);
            written
        }
        None => {
            let format = config.export_format.format().unwrap_or(ReportFormat::Html);
            let options = tui::Options {
                theme: tui::theme::Theme::new(config.colored, config.light)
                    .with_basic(config.basic),
                keymap: config.keymap,
                aligned: config.aligned,
                export_path: format!("artdiff-report.{}", format.extension()),
            };
            tui::run(comparison, settings, options, gauge_session).map_err(Failure::runtime)
        }
    }
}

/// Writes to stdout; a closed pipe (`artdiff ... | head`) is the reader's choice, not an error.
fn write_stdout(bytes: &[u8]) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::runtime(format!("-: {e}"))),
    }
}

/// Loads every source (addresses in parallel, with progress on stderr while it is slow).
/// Every failure is a line of its own; with `keep_going` they are warnings and the others
/// are compared when at least two loaded. Returns the articles, in the order given, with
/// the sources left out.
fn load(
    sources: &[Source],
    options: &LoadOptions,
    keep_going: bool,
) -> Result<(Vec<Loaded>, Vec<LeftOut>), Failure> {
    let results = progress::load_with_progress(sources, options);
    let mut kept_sources = Vec::with_capacity(sources.len());
    let mut loaded = Vec::with_capacity(sources.len());
    let mut failures = Vec::new();
    for (source, result) in sources.iter().zip(results) {
        match result {
            Ok(article) => {
                kept_sources.push(source.clone());
                loaded.push(article);
            }
            Err(e) => failures.push(e),
        }
    }
    let enough_loaded = keep_going && loaded.len() >= 2;
    if !failures.is_empty() && !enough_loaded {
        let mut messages: Vec<String> = failures.iter().map(ToString::to_string).collect();
        if keep_going {
            messages.push(format!(
                "only {} of {} articles loaded: nothing to compare",
                loaded.len(),
                sources.len()
            ));
        }
        return Err(Failure {
            code: exit::RUNTIME,
            messages,
        });
    }
    for failure in &failures {
        let line = format!("{failure} (left out: --keep-going)");
        eprintln!("artdiff: warning: {}", artdiff::safe_text::one_line(&line));
    }
    ingest::warn_same_files(&kept_sources, &mut loaded);
    let left_out = failures
        .into_iter()
        .map(|e| LeftOut {
            source: e.path,
            problem: e.problem,
        })
        .collect();
    Ok((loaded, left_out))
}

/// Orders articles by publication time, earliest first; those without one (or with one that
/// cannot be read) keep their order after them.
fn by_publication(loaded: &mut [Loaded]) {
    use artdiff::timestamps::Published;
    loaded.sort_by_key(|l| {
        l.metadata
            .published
            .as_deref()
            .and_then(Published::parse)
            .map_or((1, 0), |p| (0, p.sort_key()))
    });
}

/// The articles to load: the demo when none are given, else the paths and addresses (at
/// least two). With `offline`, an address is a usage error before anything is read.
fn sources_from(paths: &[PathBuf], offline: bool) -> Result<Vec<Source>, Failure> {
    if paths.is_empty() {
        return Ok(artdiff::demo::sources());
    }
    if paths.len() < 2 {
        return Err(Failure::usage(format!(
            "{}: need at least two articles to compare (or none for the demo)",
            paths[0].display()
        )));
    }
    if paths.iter().filter(|p| is_stdin(p)).count() > 1 {
        return Err(Failure::usage("-: standard input can be named only once"));
    }
    let sources: Vec<Source> = paths
        .iter()
        .map(|p| Source::from_arg(p.as_os_str()))
        .collect();
    if offline {
        let addresses: Vec<&Source> = sources
            .iter()
            .filter(|s| matches!(s, Source::Url(_)))
            .collect();
        if let Some(first) = addresses.first() {
            let more = match addresses.len() {
                1 => String::new(),
                n => format!(" ({n} addresses given)"),
            };
            return Err(Failure::usage(format!(
                "{}: {}{more}",
                first.name(),
                ingest::OFFLINE
            )));
        }
    }
    Ok(sources)
}

fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Where the report goes (`None` = stdout) and in which format; checked before any work so a
/// bad export path fails fast.
fn export_target(
    path: &Path,
    format: Option<FormatArg>,
    configured: config::ExportFormat,
    inputs: &[PathBuf],
) -> Result<(Option<PathBuf>, ReportFormat), Failure> {
    if is_stdin(path) {
        let format = format.map(Into::into).or(configured.format());
        return Ok((None, format.unwrap_or(ReportFormat::Json)));
    }
    let shown = path.display();
    // Before anything else: the one mistake that could destroy what the user wrote (through
    // symlinks, `.`/`..` and hard links alike).
    if report::overwrites_input(path, inputs.iter().map(PathBuf::as_path)) {
        return Err(Failure::usage(format!(
            "{shown}: refusing to export over one of the articles being compared"
        )));
    }
    // What the path is decides how it is written: a file atomically, a device or FIFO
    // straight into it (never replaced); a directory or a missing directory fails here.
    let resolved = report::resolve_target(path);
    let format = match format {
        Some(f) => f.into(),
        None => ReportFormat::from_path(path)
            .or_else(|| match &resolved {
                // A link named without an extension: the file it points to may have one.
                Ok(report::Target::File(file)) => ReportFormat::from_path(file),
                _ => None,
            })
            .or(configured.format())
            // `/dev/null`, `/dev/stdout`, a FIFO: like `-`, JSON unless told otherwise.
            .or(resolved
                .as_ref()
                .is_ok_and(report::Target::is_stream)
                .then_some(ReportFormat::Json))
            .ok_or_else(|| {
                Failure::usage(format!(
                    "{shown}: cannot tell the report format from the extension; use .json, .md or .html, or --format"
                ))
            })?,
    };
    // A usage mistake (the format) is reported before a runtime one (the place).
    resolved.map_err(|e| Failure::runtime(format!("{shown}: cannot export: {}", e.reason())))?;
    Ok((Some(path.to_path_buf()), format))
}

fn write_report(
    comparison: &Comparison,
    format: ReportFormat,
    target: Option<&Path>,
) -> Result<(), Failure> {
    match target {
        Some(path) => report::export(comparison, format, path).map_err(Failure::runtime),
        None => {
            // Render fully before writing so a failure never leaves half a report on stdout.
            let mut buffer = Vec::new();
            report::write(comparison, format, &mut buffer).map_err(Failure::runtime)?;
            write_stdout(&buffer)
        }
    }
}

/// Seconds, whole or not (`30`, `2.5`, `10s`), above 0 and at most a day.
fn parse_timeout(text: &str) -> Result<Duration, String> {
    let number = text.trim().trim_end_matches('s').trim();
    match number.parse::<f64>() {
        Ok(s) if s > 0.0 && s <= 86_400.0 => Ok(Duration::from_secs_f64(s)),
        _ => Err(format!(
            "`{text}` is not a number of seconds above 0 (try 30 or 2.5)"
        )),
    }
}

/// A proxy address (`http://host:port`, `https://...`), `none` for no proxy, or the empty
/// string for the environment's.
fn parse_proxy(text: &str) -> Result<ProxyChoice, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(ProxyChoice::Environment);
    }
    if text.eq_ignore_ascii_case("none") {
        return Ok(ProxyChoice::Direct);
    }
    let choice = ProxyChoice::Url(text.to_string());
    fetch::Client::new(&FetchOptions {
        proxy: choice.clone(),
        ..FetchOptions::default()
    })
    .map(|_| choice)
    .map_err(|_| format!("`{text}` is not a proxy address (try http://proxy.example:3128 or none)"))
}

fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let number: f64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a size (try 50MB, 512K or 1000000)"))?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => return Err(format!("`{text}`: unknown unit (use K, MB or G)")),
    };
    Ok((number * factor as f64) as u64)
}

/// A score between `floor` and 1: below the engine's floor no pairs are kept, so a lower
/// threshold could not be honoured.
fn parse_score(text: &str, floor: f64) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(v) if (floor..=1.0).contains(&v) => Ok(v),
        _ => Err(format!("`{text}` is not a score between {floor} and 1")),
    }
}

/// A `--lang` or config `lang` name, checked and written in lower case.
fn parse_language(text: &str) -> Result<String, String> {
    text.parse::<artdiff::Language>()
        .map(|language| language.name().to_string())
        .map_err(|e| e.to_string())
}

fn parse_min_shared(text: &str) -> Result<f64, String> {
    parse_score(text, artdiff::align::FLOOR_VERBATIM)
}

fn parse_min_paraphrase(text: &str) -> Result<f64, String> {
    parse_score(text, artdiff::align::FLOOR_PARAPHRASE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_with_units() {
        assert_eq!(parse_size("50MB"), Ok(50 << 20));
        assert_eq!(parse_size("512k"), Ok(512 << 10));
        assert_eq!(parse_size("1000"), Ok(1000));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("5 parsecs").is_err());
    }

    #[test]
    fn timeouts_and_proxies_parse() {
        assert_eq!(parse_timeout("30"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_timeout("2.5s"), Ok(Duration::from_millis(2500)));
        assert!(parse_timeout("0").is_err() && parse_timeout("soon").is_err());
        assert_eq!(parse_proxy("none"), Ok(ProxyChoice::Direct));
        assert_eq!(parse_proxy(""), Ok(ProxyChoice::Environment));
        assert_eq!(
            parse_proxy("http://proxy.example:3128"),
            Ok(ProxyChoice::Url("http://proxy.example:3128".into()))
        );
        assert!(parse_proxy("http://[oops").is_err());
    }

    #[test]
    fn offline_refuses_addresses_in_one_line() {
        let args: Vec<PathBuf> = ["https://a.example/x", "b.txt", "http://c.example"]
            .iter()
            .map(PathBuf::from)
            .collect();
        let Err(failure) = sources_from(&args, true) else {
            panic!("offline accepted an address");
        };
        assert_eq!(failure.code, exit::USAGE);
        assert_eq!(
            failure.messages,
            ["https://a.example/x: a web address, and --offline forbids fetching (2 addresses given)"]
        );
        assert!(sources_from(&args, false).is_ok());
    }

    #[test]
    fn scores_must_lie_between_the_floor_and_one() {
        assert_eq!(parse_min_paraphrase("0.5"), Ok(0.5));
        assert!(parse_min_paraphrase("0.05").is_err());
        assert!(parse_min_shared("0.2").is_err());
        assert!(parse_min_shared("1.5").is_err());
        assert!(parse_min_shared("x").is_err());
    }

    #[test]
    fn color_never_is_seen_before_clap() {
        let asked = |args: &[&str]| color_never_asked(args.iter().map(|a| a.into()));
        assert!(asked(&["--color", "never", "a.txt"]));
        assert!(asked(&["--color=never"]));
        assert!(!asked(&["--color", "always"]));
        assert!(!asked(&["--", "--color=never"]));
        assert!(!asked(&["never"]));
    }

    #[test]
    fn cli_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
