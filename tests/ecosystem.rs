//! What artdiff shares with other terminal tools, from the outside: the config file (found,
//! overridden, refused whole when malformed), `--print-config`, `--theme`, shell completions
//! and the man page.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

const A: &str = "Bridge collapse in Kalvik\n\nA section of the Storsund Bridge collapsed into the fjord on Tuesday, police said. \
Two people were still missing on Tuesday evening.\n";
const B: &str = "Kalvik bridge falls\n\nA section of the Storsund Bridge collapsed into the fjord on Tuesday, police said. \
The town's sports hall has been opened to families.\n";

/// A temporary home for one test: its own config directory, so that the user's own config
/// file never leaks in.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `artdiff` with this home's config directory and a clean environment.
    fn artdiff(&self) -> Command {
        let mut cmd = Command::cargo_bin("artdiff").unwrap();
        cmd.env("XDG_CONFIG_HOME", self.path().join("config"))
            .env("HOME", self.path())
            .env_remove("ARTDIFF_CONFIG")
            .env_remove("ARTDIFF_THEME")
            .env_remove("NO_COLOR")
            .env_remove("COLORFGBG")
            .env("TERM", "xterm-256color");
        cmd
    }

    fn print_config(&self, args: &[&str]) -> String {
        let out = self
            .artdiff()
            .arg("--print-config")
            .args(args)
            .assert()
            .success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    }
}

#[test]
fn without_a_config_file_the_defaults_hold() {
    let home = Home::new();
    let text = home.print_config(&[]);
    assert!(text.contains("No config file was read"), "{text}");
    for line in [
        "lang = \"english\"",
        "min_shared = 0.7",
        "min_paraphrase = 0.55",
        "theme = \"auto\"",
        "color = \"auto\"",
        "aligned = true",
        "format = \"auto\"",
    ] {
        assert!(text.contains(line), "{line} missing:\n{text}");
    }
    assert!(text.contains("\ndown "), "{text}");
}

#[test]
fn the_default_config_file_is_read_from_the_config_directory() {
    let home = Home::new();
    let path = home.file(
        "config/artdiff/config.toml",
        "[analysis]\nlang = \"german\"\nmin_paraphrase = 0.6\n[ui]\ntheme = \"light\"\n",
    );
    let text = home.print_config(&[]);
    assert!(
        text.contains(&format!("# Read from {}", path.display())),
        "{text}"
    );
    assert!(text.contains("lang = \"german\""), "{text}");
    assert!(text.contains("min_paraphrase = 0.6"), "{text}");
    assert!(text.contains("theme = \"light\"  # now: light"), "{text}");
}

#[test]
fn config_and_variable_name_another_file_and_flags_win() {
    let home = Home::new();
    home.file(
        "config/artdiff/config.toml",
        "[analysis]\nlang = \"german\"\n",
    );
    let other = home.file("other.toml", "[analysis]\nlang = \"french\"\n");
    let by_var = home.file("by-var.toml", "[analysis]\nlang = \"dutch\"\n");
    let text = home.print_config(&["--config", other.to_str().unwrap()]);
    assert!(text.contains("lang = \"french\""), "{text}");
    let out = home
        .artdiff()
        .env("ARTDIFF_CONFIG", &by_var)
        .arg("--print-config")
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(text.contains("lang = \"dutch\""), "{text}");
    let text = home.print_config(&["--config", other.to_str().unwrap(), "--lang", "swedish"]);
    assert!(text.contains("lang = \"swedish\""), "{text}");
}

#[test]
fn environment_beats_the_file_and_flags_beat_the_environment() {
    let home = Home::new();
    let cfg = home.file("c.toml", "[ui]\ntheme = \"dark\"\ncolor = \"always\"\n");
    let run = |env: &[(&str, &str)], args: &[&str]| {
        let mut cmd = home.artdiff();
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd
            .args(["--config", cfg.to_str().unwrap(), "--print-config"])
            .args(args)
            .assert()
            .success();
        String::from_utf8_lossy(&out.get_output().stdout).into_owned()
    };
    let text = run(&[("ARTDIFF_THEME", "light"), ("NO_COLOR", "1")], &[]);
    assert!(text.contains("theme = \"light\""), "{text}");
    assert!(text.contains("color = \"never\""), "{text}");
    let text = run(
        &[("ARTDIFF_THEME", "light"), ("NO_COLOR", "1")],
        &["--theme", "dark", "--color", "always"],
    );
    assert!(text.contains("theme = \"dark\""), "{text}");
    assert!(text.contains("color = \"always\""), "{text}");
}

#[test]
fn the_config_sets_the_analysis_and_the_export_format() {
    let home = Home::new();
    let a = home.file("a.txt", A);
    let b = home.file("b.txt", B);
    let cfg = home.file(
        "c.toml",
        "[analysis]\nmin_shared = 0.9\n[export]\nformat = \"md\"\n",
    );
    home.artdiff()
        .args(["--config", cfg.to_str().unwrap(), "--export", "-"])
        .arg(&a)
        .arg(&b)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("#"))
        .stdout(predicate::str::contains("0.9"));
    // An extension still says which format; a flag says it louder.
    let out = home.path().join("r.json");
    home.artdiff()
        .args(["--config", cfg.to_str().unwrap(), "--export"])
        .arg(&out)
        .arg(&a)
        .arg(&b)
        .assert()
        .success();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(json["summary"]["thresholds"]["min_shared"], 0.9);
    // A file without an extension takes the configured format.
    let plain = home.path().join("report");
    home.artdiff()
        .args(["--config", cfg.to_str().unwrap(), "--export"])
        .arg(&plain)
        .arg(&a)
        .arg(&b)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&plain).unwrap().starts_with('#'));
}

#[test]
fn a_malformed_config_is_one_line_with_file_line_and_column() {
    let home = Home::new();
    let a = home.file("a.txt", A);
    let b = home.file("b.txt", B);
    for (text, expected) in [
        (
            "[ui]\ntheme = \"dark\"\nshade = 3\n",
            ":3:1: unknown field `shade`",
        ),
        (
            "[keys]\njump = \"x\"\n",
            ":2:1: unknown action `jump` in [keys]",
        ),
        ("[analysis]\nlang = english\n", ":2:8: "),
        ("[analysis]\nmin_shared = 2\n", ":2:14: "),
    ] {
        let cfg = home.file("bad.toml", text);
        let out = home
            .artdiff()
            .args(["--config", cfg.to_str().unwrap(), "--export", "-"])
            .arg(&a)
            .arg(&b)
            .assert()
            .code(2)
            .stdout(predicate::str::is_empty());
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        let prefix = format!("artdiff: error: {}{expected}", cfg.display());
        assert!(stderr.starts_with(&prefix), "{stderr:?} for {text:?}");
        assert_eq!(stderr.lines().count(), 1, "{stderr:?}");
    }
}

#[test]
fn a_named_config_file_must_exist() {
    let home = Home::new();
    let missing = home.path().join("nope.toml");
    home.artdiff()
        .arg("--config")
        .arg(&missing)
        .arg("--print-config")
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(format!(
            "artdiff: error: {}: cannot read the config file: ",
            missing.display()
        )));
}

#[test]
fn a_bad_theme_is_a_usage_error() {
    let home = Home::new();
    home.artdiff()
        .args(["--theme", "blue", "--print-config"])
        .assert()
        .code(2);
    home.artdiff()
        .env("ARTDIFF_THEME", "blue")
        .arg("--print-config")
        .assert()
        .code(2)
        .stderr("artdiff: error: ARTDIFF_THEME: `blue` is not a theme; use auto, dark or light\n");
}

#[test]
fn the_printed_config_is_a_valid_config() {
    let home = Home::new();
    let cfg = home.file(
        "c.toml",
        "[ui]\ncolors = \"16\"\naligned = false\n[keys]\ntoggle_detail = [\"D\", \"f2\"]\n",
    );
    let first = home.print_config(&["--config", cfg.to_str().unwrap()]);
    let again = home.file("again.toml", &first);
    let second = home.print_config(&["--config", again.to_str().unwrap()]);
    let body = |t: &str| t.lines().skip(2).collect::<Vec<_>>().join("\n");
    assert_eq!(body(&first), body(&second));
    assert!(
        first.contains("toggle_detail       = [\"D\", \"f2\"]"),
        "{first}"
    );
}

#[test]
fn completions_for_every_shell_know_the_flags() {
    let home = Home::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = home
            .artdiff()
            .args(["completions", shell])
            .assert()
            .success();
        let script = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
        for flag in ["export", "min-paraphrase", "theme", "print-config", "lang"] {
            assert!(script.contains(flag), "{shell}: no {flag}");
        }
        assert!(script.contains("artdiff"), "{shell}");
    }
    home.artdiff()
        .args(["completions", "tcsh"])
        .assert()
        .code(2);
}

#[test]
fn the_man_page_is_roff_with_every_option() {
    let home = Home::new();
    let out = home.artdiff().arg("man").assert().success();
    let page = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        page.starts_with(".ie \\n(.g .ds Aq"),
        "{}",
        &page[..80.min(page.len())]
    );
    assert!(page.contains(".TH artdiff 1"), "no title");
    for option in [
        "\\-\\-export",
        "\\-\\-format",
        "\\-\\-min\\-shared",
        "\\-\\-min\\-paraphrase",
        "\\-\\-lang",
        "\\-\\-theme",
        "\\-\\-config",
        "\\-\\-print\\-config",
        "\\-\\-color",
    ] {
        assert!(page.contains(option), "no {option}");
    }
    assert!(page.contains("completions"), "subcommands listed");
}

#[test]
fn subcommands_and_article_paths_live_together() {
    let home = Home::new();
    home.file("completions", A);
    let b = home.file("b.txt", B);
    // `./completions` is the file; `completions` alone is the command.
    home.artdiff()
        .current_dir(home.path())
        .args(["--export", "-", "./completions"])
        .arg(&b)
        .assert()
        .success();
    home.artdiff()
        .args(["completions", "bash", "extra"])
        .assert()
        .code(2);
}

#[test]
fn color_never_reaches_clap_help() {
    let home = Home::new();
    home.artdiff()
        .args(["--color", "never", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\u{1b}[").not());
}
