//! End to end: the real binary in a real terminal (tmux), driven by keys, read back from the
//! screen. Skipped, with a message, when tmux is not installed (`.ci/run` installs it).
//!
//! Each test runs its own tmux server (`tests/common/tmux.rs`: own socket, no user config) and
//! kills it at the end. The program runs under a small sh wrapper that records its exit
//! status, so that `q` can be checked to exit cleanly. Waits poll the screen; none is a fixed
//! sleep.

mod common;

use common::tmux::Tmux;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const WIRE: &str = "Bridge collapses into fjord after storm\n\n\
KALVIK, Norway — A section of a road bridge collapsed into a fjord in western Norway early on \
Tuesday, sending two cars and a delivery van into the water, killing one person and injuring \
14, police said. The central span of the Storsund Bridge gave way at about 7.40 a.m. as \
commuters were crossing to the mainland. Two people were still missing on Tuesday evening, and \
coastguard divers were searching the strait.\n\n\
The ministry of transport has promised an independent review of every bridge of its age.";

const POST: &str = "One dead as Storsund Bridge falls into fjord\n\n\
A section of a road bridge collapsed into a fjord in western Norway early on Tuesday, sending \
two cars and a delivery van into the water, killing one person and injuring 41, police said. \
Three people were still missing on Tuesday evening, and coastguard divers were searching the \
strait.\n\n\
Anders Nygaard, 34, was driving two cars behind the van when the road in front of him dropped \
away.";

const TRIBUNE: &str = "Storsund Bridge collapse: what we know so far\n\n\
The central span of the bridge gave way at around 7.40 a.m. as commuters were crossing to the \
mainland. For the children of Hessøy, the bridge is the only way to school, and parents \
gathered at the quay through the afternoon.";

fn articles(dir: &Path) -> Vec<String> {
    [
        ("wire.txt", WIRE),
        ("post.txt", POST),
        ("tribune.txt", TRIBUNE),
    ]
    .iter()
    .map(|(name, text)| {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    })
    .collect()
}

/// The colours set by SGR sequences in a `capture-pane -e` dump (resets to the default colour,
/// 39 and 49, are not colours).
fn colours(esc: &str) -> std::collections::BTreeSet<String> {
    let mut found = std::collections::BTreeSet::new();
    for seq in esc.split("\x1b[").skip(1) {
        let Some(end) = seq.find('m') else { continue };
        let params: Vec<&str> = seq[..end].split([';', ':']).collect();
        let mut i = 0;
        while i < params.len() {
            match params[i].parse::<u32>().unwrap_or(0) {
                c @ (30..=37 | 40..=47 | 90..=97 | 100..=107) => {
                    found.insert(c.to_string());
                }
                c @ (38 | 48) if params.get(i + 1) == Some(&"5") => {
                    found.insert(format!("{c}:{}", params.get(i + 2).unwrap_or(&"")));
                    i += 2;
                }
                c @ (38 | 48) if params.get(i + 1) == Some(&"2") => {
                    found.insert(format!("{c}:{}", params[i + 2..].join(",")));
                    i += 4;
                }
                _ => {}
            }
            i += 1;
        }
    }
    found
}

#[test]
fn three_articles_keys_overlays_and_a_clean_exit() {
    require_tmux!();
    let files = tempfile::tempdir().unwrap();
    let paths = articles(files.path());
    let args: Vec<&str> = paths.iter().map(String::as_str).collect();
    let t = Tmux::start(150, 40, &args, &[]);
    let screen = t.wait_for("three panes", |s| {
        s.contains("Bridge collapses") && s.contains("One dead as") && s.contains("what we know")
    });
    for word in ["shared", "paraphrased", "unique", "boilerplate"] {
        assert!(screen.contains(word), "legend lacks {word}:\n{screen}");
    }
    assert!(
        screen.contains("killing one person and injuring"),
        "{screen}"
    );
    let esc = t.screen_with_escapes();
    assert!(colours(&esc).len() >= 4, "few colours: {:?}", colours(&esc));

    // Help opens and closes.
    let help = t.press(&["?"]);
    assert!(
        help.contains("Help · keys") && help.contains("next passage"),
        "{help}"
    );
    let back = t.press(&["Escape"]);
    assert!(!back.contains("Help · keys"), "{back}");

    // Moving changes the status bar's position.
    let moved = t.press(&["j", "j"]);
    assert!(moved.contains("1:3/"), "{moved}");

    // Detail panel, matrix, filter, search.
    let detail = t.press(&["d"]);
    assert!(detail.contains("Detail"), "{detail}");
    t.press(&["d"]);
    let matrix = t.press(&["m"]);
    assert!(matrix.contains("Similarity matrix"), "{matrix}");
    t.press(&["Escape"]);
    let filtered = t.press(&["f"]);
    assert!(filtered.contains("filter: no boilerplate"), "{filtered}");
    t.press(&["/"]);
    let typed = t.press(&["-l", "fjord"]);
    assert!(
        typed.contains("/ fjord") && typed.contains("hits"),
        "{typed}"
    );
    let found = t.press(&["Enter"]);
    assert!(found.contains("hit "), "{found}");

    // Focus moves with Tab; the focused pane has the thick border.
    let tabbed = t.press(&["Tab"]);
    let first = tabbed.lines().next().unwrap_or("");
    assert!(first.contains('┏') && !first.starts_with('┏'), "{first}");

    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
    let after = t.screen();
    assert!(
        !after.contains("Bridge collapses into fjord after storm ━"),
        "{after}"
    );
}

#[test]
fn narrow_terminal_resize_and_no_color() {
    require_tmux!();
    let files = tempfile::tempdir().unwrap();
    let paths = articles(files.path());
    let args: Vec<&str> = paths.iter().map(String::as_str).collect();
    let t = Tmux::start(70, 20, &args, &[("NO_COLOR", "1")]);
    // Narrow: tabs for the three articles, one pane.
    let screen = t.wait_for("tabs", |s| {
        s.contains(" 1 ") && s.contains(" 2 ") && s.contains(" 3 ")
    });
    assert!(screen.contains("Bridge collapses"), "{screen}");
    let esc = t.screen_with_escapes();
    assert!(
        colours(&esc).is_empty(),
        "colours under NO_COLOR: {:?}",
        colours(&esc)
    );
    // The class markers carry the class without colour.
    assert!(
        screen.lines().any(|l| l.contains("│ = ")
            || l.contains("┃ = ")
            || l.contains("▌=")
            || l.contains("│ + ")
            || l.contains("┃ + ")
            || l.contains("▌+")),
        "{screen}"
    );
    t.run(&["resize-window", "-t", "t", "-x", "180", "-y", "40"]);
    let wide = t.wait_for("three panes side by side", |s| {
        s.lines()
            .next()
            .is_some_and(|l| l.matches(['┌', '┏']).count() == 3)
    });
    assert!(wide.contains("what we know"), "{wide}");
    t.run(&["resize-window", "-t", "t", "-x", "20", "-y", "5"]);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(t.exit_status(), None, "survives a tiny window");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
}

/// The artdiff process under the pane's shell.
fn artdiff_pid(tmux: &Tmux) -> Option<u32> {
    let panes = tmux.run(&["list-panes", "-t", "t", "-F", "#{pane_pid}"]);
    let shell = String::from_utf8_lossy(&panes.stdout).trim().to_string();
    let children = Command::new("pgrep").args(["-P", &shell]).output().ok()?;
    String::from_utf8_lossy(&children.stdout)
        .lines()
        .find_map(|l| l.trim().parse().ok())
}

#[test]
fn a_terminal_that_goes_away_ends_the_program() {
    require_tmux!();
    if Command::new("pgrep").arg("-V").output().is_err() {
        eprintln!("skipping: pgrep is not installed");
        return;
    }
    let files = tempfile::tempdir().unwrap();
    let args = articles(files.path());
    let tmux = Tmux::start(
        100,
        30,
        &args.iter().map(String::as_str).collect::<Vec<_>>(),
        &[],
    );
    tmux.wait_for("the panes", |screen| screen.contains("shared"));
    let pid = artdiff_pid(&tmux).expect("artdiff runs in the pane");
    // Closing the terminal (the whole tmux server) must not leave artdiff spinning.
    tmux.run(&["kill-server"]);
    let proc_dir = PathBuf::from(format!("/proc/{pid}"));
    let deadline = Instant::now() + Duration::from_secs(5);
    while proc_dir.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    let state = std::fs::read_to_string(proc_dir.join("stat")).unwrap_or_default();
    assert!(
        !proc_dir.exists() || state.split_whitespace().nth(2) == Some("Z"),
        "artdiff {pid} still runs after its terminal closed: {state}"
    );
}
