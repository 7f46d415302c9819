//! Hardening (issue 7): the bad inputs that tests/cli.rs and tests/ingest.rs do not reach yet,
//! hostile article text through the whole pipeline into every report, and pathological sizes.
//!
//! Every case answers with exit 0 and a report, or one line on stderr naming the file and the
//! problem with exit 1 (runtime) or 2 (usage); never a panic, a hang or a destroyed file. Big
//! inputs are generated in temporary directories (the 100 MB file is sparse).
//!
//! Already covered elsewhere, not repeated here: missing file, directory, permission denied
//! (non-root), binary file, empty file, all boilerplate, a single article, stdin named twice,
//! unknown format, export into a missing directory and over an input given by the same path
//! (tests/cli.rs, tests/report.rs); decoding, escape stripping and /dev/zero at the library
//! level (tests/ingest.rs); report escaping of text that did not go through ingest
//! (tests/report.rs). The terminal side is in tests/terminal_safety.rs.

use assert_cmd::Command;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

fn artdiff() -> Command {
    let mut cmd = Command::cargo_bin("artdiff").unwrap();
    cmd.env_remove("NO_COLOR").env_remove("ARTDIFF_CONFIG");
    cmd
}

const A: &str = "Bridge collapse in Kalvik\n\nA section of the Storsund Bridge collapsed into the fjord on Tuesday, police said. \
Two people were still missing on Tuesday evening.\n";
const B: &str = "Kalvik bridge falls\n\nA section of the Storsund Bridge collapsed into the fjord on Tuesday, police said. \
The town's sports hall has been opened to families.\n";

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The names in a directory, sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A failure: the exit code, exactly one line on stderr (`artdiff: error: ...`) holding
/// `needle`, no panic, nothing on stdout. Returns the line.
fn one_line_failure(out: &Output, code: i32, needle: &str) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(code), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line expected: {stderr}");
    assert!(lines[0].starts_with("artdiff: error: "), "{stderr}");
    assert!(stderr.contains(needle), "{needle:?} not in: {stderr}");
    assert!(out.stdout.is_empty(), "nothing on stdout on failure");
    lines[0].to_string()
}

/// A success with a JSON report on stdout; returns the report and stderr.
fn json_report(out: &Output) -> (serde_json::Value, String) {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let report = serde_json::from_slice(&out.stdout).expect("a JSON report");
    (report, stderr)
}

fn export_json(args: &[&Path]) -> (serde_json::Value, String) {
    let out = artdiff()
        .args(["--export", "-"])
        .args(args)
        .output()
        .unwrap();
    json_report(&out)
}

fn text_of(report: &serde_json::Value, article: usize) -> &str {
    report["articles"][article]["text"].as_str().unwrap()
}

fn passages(report: &serde_json::Value, article: usize) -> &Vec<serde_json::Value> {
    report["articles"][article]["passages"].as_array().unwrap()
}

fn have(program: &str) -> bool {
    std::process::Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

// ------------------------------------------------------------------------ odd but valid text

#[test]
fn whitespace_only_article_loads_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.txt", A);
    let blank = write(dir.path(), "blank.txt", " \n\t\n \u{a0}\r\n\n   ");
    let (report, stderr) = export_json(&[&a, &blank]);
    assert!(stderr.contains("blank.txt: empty article"), "{stderr}");
    assert!(passages(&report, 1).is_empty());
    assert!(passages(&report, 0).iter().all(|p| p["class"] == "unique"));
}

#[test]
fn encodings_and_newlines_through_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let utf16 = |be: bool| {
        let mut bytes = if be {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in A.replace('\n', "\r\n").encode_utf16() {
            bytes.extend(if be {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        bytes
    };
    let le = write(dir.path(), "utf16le.txt", utf16(false));
    let be = write(dir.path(), "utf16be.txt", utf16(true));
    let crlf = write(dir.path(), "crlf.txt", A.replace('\n', "\r\n"));
    let latin1: Vec<u8> =
        "Café crème: the Storsund Bridge collapsed into the fjord on Tuesday, police said.\n"
            .chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap())
            .collect();
    let latin1 = write(dir.path(), "latin1.txt", latin1);
    // Not UTF-8 and not a plausible legacy text either: stray continuation bytes, a lone lead
    // byte, overlong and surrogate encodings.
    let broken = write(
        dir.path(),
        "broken.txt",
        b"Broken \x80\x81 bytes \xC3( and \xE0\x80\xAF and \xED\xA0\x80 here.\n",
    );
    let (report, stderr) = export_json(&[&le, &be, &crlf, &latin1, &broken]);
    for k in 0..3 {
        assert_eq!(text_of(&report, k), A, "article {k} decodes to the text");
        assert_eq!(passages(&report, k)[1]["class"], "shared");
    }
    assert!(text_of(&report, 3).starts_with("Café crème"));
    assert!(
        stderr.contains("latin1.txt: decoded as windows-1252 (not valid UTF-8)"),
        "{stderr}"
    );
    assert!(text_of(&report, 4).starts_with("Broken "));
    assert!(stderr.contains("broken.txt: decoded as"), "{stderr}");
    assert_eq!(
        stderr.lines().count(),
        2,
        "one warning per odd file: {stderr}"
    );
}

/// Passage spans of a report: in order, no byte twice, each at most MAX_PASSAGE bytes.
fn assert_spans_capped(report: &serde_json::Value, article: usize) {
    let mut last = 0;
    for p in passages(report, article) {
        let (s, e) = (p["start"].as_u64().unwrap(), p["end"].as_u64().unwrap());
        assert!(last <= s && s < e, "spans in order, none overlapping");
        assert!(e - s <= artdiff::segment::MAX_PASSAGE as u64);
        last = e;
    }
}

#[test]
fn a_single_five_megabyte_line_without_punctuation() {
    // Segmentation is the only stage that sees whole lines: after it, every passage is at most
    // MAX_PASSAGE bytes. The full 5 MB case runs through the library (quick in a debug build);
    // the command line gets a 256 KB one (benches/resources.sh times 5 MB in release).
    let words = [
        "bridge", "fjord", "divers", "storm", "ferry", "council", "strait", "village",
    ];
    let mut line = String::with_capacity(5 << 20);
    let mut k = 0usize;
    while line.len() < 5 << 20 {
        line.push_str(words[k % words.len()]);
        line.push_str(&(k % 9973).to_string());
        line.push(' ');
        k += 1;
    }
    let started = Instant::now();
    let loaded = artdiff::ingest::load_bytes(
        "line.txt",
        line.as_bytes(),
        &artdiff::ingest::LoadOptions::default(),
    )
    .unwrap();
    let segments = artdiff::segment::split(&loaded.text);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
    assert!(segments.len() >= (5 << 20) / artdiff::segment::MAX_PASSAGE);
    let mut last = 0;
    for s in &segments {
        assert!(last <= s.start && s.end - s.start <= artdiff::segment::MAX_PASSAGE);
        last = s.end;
    }
    // Cut between words: no word is split in two.
    let rejoined: Vec<&str> = segments
        .iter()
        .map(|s| &loaded.text[s.start..s.end])
        .collect();
    assert_eq!(rejoined.join(" "), line.trim_end());

    let dir = tempfile::tempdir().unwrap();
    let long = write(
        dir.path(),
        "line.txt",
        &line[..line[..256 << 10].rfind(' ').unwrap()],
    );
    let a = write(dir.path(), "a.txt", A);
    let (report, _) = export_json(&[&long, &a]);
    assert!(passages(&report, 0).len() > 100);
    assert_spans_capped(&report, 0);
}

#[test]
fn twenty_thousand_one_word_lines() {
    let dir = tempfile::tempdir().unwrap();
    let words = [
        "bridge", "Fjord", "divers", "STORM", "ferry", "-", "1.", "council",
    ];
    let text: String = (0..20_000)
        .map(|i| format!("{}\n", words[i % words.len()]))
        .collect();
    let lines = write(dir.path(), "lines.txt", &text);
    let a = write(dir.path(), "a.txt", A);
    let (report, _) = export_json(&[&lines, &a]);
    assert_eq!(text_of(&report, 0), text);
    assert!(!passages(&report, 0).is_empty());
    assert_spans_capped(&report, 0);
}

// ---------------------------------------------------------------------- sizes and endlessness

#[test]
fn a_hundred_megabyte_file_is_refused_by_the_default_limit_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.txt", A);
    let big = dir.path().join("big.txt");
    // Sparse: 100 MB long, next to nothing on disk.
    std::fs::File::create(&big)
        .unwrap()
        .set_len(100 << 20)
        .unwrap();
    let started = Instant::now();
    let out = artdiff()
        .args(["--export", "-"])
        .arg(&a)
        .arg(&big)
        .output()
        .unwrap();
    let line = one_line_failure(
        &out,
        1,
        "big.txt: larger than the 50 MB limit (see --max-size)",
    );
    assert!(line.ends_with("big.txt: larger than the 50 MB limit (see --max-size)"));
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "refused from the metadata"
    );
    // Raising the limit is the way through; a limit it still exceeds says so in its own unit.
    let out = artdiff()
        .args(["--export", "-", "--max-size", "99.5MB"])
        .arg(&a)
        .arg(&big)
        .output()
        .unwrap();
    one_line_failure(&out, 1, "larger than the 99.5 MB limit");
}

#[cfg(unix)]
#[test]
fn endless_inputs_are_cut_at_the_size_limit() {
    // Standard input that never ends.
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.txt", A);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_artdiff"))
        .args(["--export", "-", "--max-size", "1M", "-"])
        .arg(&a)
        .env_remove("ARTDIFF_CONFIG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let chunk = "an endless stream of words without end ".repeat(1000);
        // Stops when artdiff closes its end (a broken pipe).
        while stdin.write_all(chunk.as_bytes()).is_ok() {}
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    one_line_failure(&out, 1, "-: larger than the 1 MB limit (see --max-size)");

    // Character devices: endless zeros, endless noise.
    for device in ["/dev/zero", "/dev/urandom"] {
        if Path::new(device).exists() {
            let out = artdiff()
                .args(["--export", "-", "--max-size", "1M", device])
                .arg(&a)
                .output()
                .unwrap();
            one_line_failure(&out, 1, &format!("{device}: larger than the 1 MB limit"));
        }
    }
}

#[cfg(unix)]
#[test]
fn fifos_are_read_like_stdin_and_bounded_by_the_limit() {
    if !have("mkfifo") {
        eprintln!("skipped: no mkfifo");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.txt", A);
    let mkfifo = |name: &str| {
        let path = dir.path().join(name);
        let ok = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .unwrap()
            .success();
        assert!(ok, "mkfifo {name}");
        path
    };
    // A writer that never stops: cut at the limit.
    let endless = mkfifo("endless");
    let path = endless.clone();
    std::thread::spawn(move || {
        // Opening blocks until artdiff opens the other end; writing stops at a broken pipe.
        if let Ok(mut fifo) = std::fs::OpenOptions::new().write(true).open(path) {
            let chunk = "words ".repeat(10_000);
            while fifo.write_all(chunk.as_bytes()).is_ok() {}
        }
    });
    let out = artdiff()
        .args(["--export", "-", "--max-size", "1M"])
        .arg(&endless)
        .arg(&a)
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    one_line_failure(&out, 1, "endless: larger than the 1 MB limit");

    // A writer that comes late (process substitution, `mkfifo` pipelines): artdiff waits for
    // it, as cat would, and compares what it wrote.
    let late = mkfifo("late");
    let path = late.clone();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(200));
        if let Ok(mut fifo) = std::fs::OpenOptions::new().write(true).open(path) {
            let _ = fifo.write_all(B.as_bytes());
        }
    });
    let out = artdiff()
        .args(["--export", "-"])
        .arg(&late)
        .arg(&a)
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    let (report, _) = json_report(&out);
    assert_eq!(text_of(&report, 0), B);
    assert_eq!(passages(&report, 0)[1]["class"], "shared");
}

// ------------------------------------------------------------------------ paths and identity

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_one_line_from_the_os() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.txt", A);
    std::os::unix::fs::symlink("loop2.txt", dir.path().join("loop1.txt")).unwrap();
    std::os::unix::fs::symlink("loop1.txt", dir.path().join("loop2.txt")).unwrap();
    let out = artdiff()
        .args(["--export", "-"])
        .arg(dir.path().join("loop1.txt"))
        .arg(&a)
        .output()
        .unwrap();
    let line = one_line_failure(&out, 1, "loop1.txt: ");
    assert!(
        line.contains("too many levels of symbolic links") || line.contains("symbolic link"),
        "{line}"
    );
    assert!(!line.contains("os error"), "{line}");
}

#[test]
fn the_same_file_twice_is_compared_with_a_warning() {
    // Decision: compare it anyway. Comparing a file with itself is a fair sanity check (every
    // passage is shared) and refusing would only force a copy; a path given twice by mistake
    // is caught by the warning, which names the first spelling.
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.txt", A);
    let dotted = dir.path().join(".").join("a.txt");
    let mut spellings = vec![a.clone(), dotted];
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&a, dir.path().join("link.txt")).unwrap();
        spellings.push(dir.path().join("link.txt"));
        std::fs::hard_link(&a, dir.path().join("hard.txt")).unwrap();
        spellings.push(dir.path().join("hard.txt"));
    }
    for second in &spellings {
        let (report, stderr) = export_json(&[&a, second]);
        let expected = format!(
            "artdiff: warning: {}: the same file as {} (compared anyway)\n",
            second.display(),
            a.display()
        );
        assert_eq!(stderr, expected);
        for k in 0..2 {
            assert!(passages(&report, k).iter().all(|p| p["class"] == "shared"));
        }
    }
    // Only a later copy is flagged, once, however many there are.
    let b = write(dir.path(), "b.txt", B);
    let (_, stderr) = export_json(&[&a, &b, &a, &spellings[1]]);
    assert_eq!(stderr.matches("the same file as").count(), 2, "{stderr}");
    // The same text in two different files is no mistake: no warning.
    let copy = write(dir.path(), "copy.txt", A);
    let (_, stderr) = export_json(&[&a, &copy]);
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn nine_and_twenty_articles_are_all_compared() {
    // The reports have no pane limit; the TUI shows every article too (side by side when each
    // gets 40 columns, else one at a time with a tab row): tests/terminal_safety.rs.
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<PathBuf> = (0..20)
        .map(|i| {
            let body = if i % 2 == 0 { A } else { B };
            write(
                dir.path(),
                &format!("article{i:02}.txt"),
                format!("Edition {i}\n\n{body}Only edition {i} says this about ferry {i}.\n"),
            )
        })
        .collect();
    for n in [9, 20] {
        let args: Vec<&Path> = paths[..n].iter().map(PathBuf::as_path).collect();
        let (report, stderr) = export_json(&args);
        assert!(stderr.is_empty(), "{stderr}");
        assert_eq!(report["articles"].as_array().unwrap().len(), n);
        let matrix = report["summary"]["matrix"].as_array().unwrap();
        assert_eq!(matrix.len(), n);
        assert!(matrix.iter().all(|row| row.as_array().unwrap().len() == n));
        // The shared sentence links every article to every other one.
        for k in 0..n {
            let shared = &passages(&report, k)[2];
            assert_eq!(shared["class"], "shared");
            assert_eq!(shared["matches"].as_array().unwrap().len(), n - 1);
        }
    }
}

#[test]
fn export_over_an_input_is_refused_however_the_path_is_spelled() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.json", A);
    let b = write(dir.path(), "b.txt", B);
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let mut targets = vec![
        dir.path().join(".").join("a.json"),
        dir.path().join("sub").join("..").join("a.json"),
        // An input whose extension names no format: still refused as an input, first.
        b.clone(),
    ];
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&a, dir.path().join("link.json")).unwrap();
        targets.push(dir.path().join("link.json"));
    }
    for target in &targets {
        let out = artdiff()
            .arg("--export")
            .arg(target)
            .arg(&a)
            .arg(&b)
            .output()
            .unwrap();
        one_line_failure(&out, 2, "refusing to export over one of the articles");
        assert_eq!(std::fs::read_to_string(&a).unwrap(), A, "article untouched");
        assert_eq!(std::fs::read_to_string(&b).unwrap(), B, "article untouched");
    }
    let mut expected = vec!["a.json", "b.txt", "sub"];
    if cfg!(unix) {
        expected.insert(2, "link.json");
    }
    assert_eq!(entries(dir.path()), expected, "nothing written");
}

#[cfg(unix)]
#[test]
fn export_into_a_directory_nobody_may_write_even_as_root() {
    // tests/report.rs checks a 0o555 directory, which root writes anyway; sysfs refuses
    // everyone, so this case also runs as root (as in CI containers).
    let sys = Path::new("/sys");
    if !sys.is_dir() || std::fs::write(sys.join("artdiff-probe"), b"x").is_ok() {
        eprintln!("skipped: no unwritable /sys here");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.txt", A);
    let b = write(dir.path(), "b.txt", B);
    let out = artdiff()
        .args(["--export", "/sys/report.html"])
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    let line = one_line_failure(&out, 1, "/sys/report.html: cannot write in /sys: ");
    assert!(
        !line.contains("os error") && !line.contains(".tmp"),
        "{line}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn permission_denied_even_as_root() {
    // tests/cli.rs makes a file unreadable with chmod, which root reads anyway. Another
    // process's memory is refused to root too, unless it may trace that process: the case
    // runs where the test itself is refused.
    let other = Path::new("/proc/1/mem");
    match std::fs::File::open(other) {
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {}
        _ => {
            eprintln!("skipped: /proc/1/mem is not refused here");
            return;
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.txt", A);
    let out = artdiff()
        .args(["--export", "-"])
        .arg(&a)
        .arg(other)
        .output()
        .unwrap();
    let line = one_line_failure(&out, 1, "/proc/1/mem: permission denied");
    assert!(line.ends_with("/proc/1/mem: permission denied"), "{line}");
}

#[cfg(unix)]
#[test]
fn file_names_cannot_smuggle_terminal_escapes_into_messages() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.txt", A);
    let evil = "evil\u{1b}]0;pwned\u{7}\u{1b}[2J\nname\u{202e}.txt";
    // A missing file: the error line names it, inert and on one line.
    let out = artdiff()
        .args(["--export", "-"])
        .arg(&a)
        .arg(dir.path().join(evil))
        .output()
        .unwrap();
    let line = one_line_failure(&out, 1, "no such file");
    assert!(
        line.contains("evil␛]0;pwned␇␛[2J␊name\u{FFFD}.txt"),
        "{line}"
    );
    // An existing one with a warning (empty): the warning line too.
    let empty = write(dir.path(), evil, "");
    let out = artdiff()
        .args(["--export", "-"])
        .arg(&a)
        .arg(&empty)
        .output()
        .unwrap();
    let (_, stderr) = json_report(&out);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("evil␛]0;pwned␇␛[2J␊name\u{FFFD}.txt: empty article"));
    for raw in ['\u{1b}', '\u{7}', '\u{202e}'] {
        assert!(!stderr.contains(raw) && !line.contains(raw));
    }
}

// ------------------------------------------------------------------------- hostile articles

/// An article that tries everything: terminal escapes (clear screen, title, OSC 52 clipboard
/// write, hyperlink, C1 CSI), lone controls, bidi overrides and isolates, zero-width and
/// combining characters, and markup that would break out of HTML text, attributes, the style
/// and script elements, or a Markdown table.
const HOSTILE: &str = "Hostile \u{1b}]0;owned\u{7}headline\n\n\
Before \u{1b}[2J\u{1b}[H the clear, the Storsund Bridge collapsed into the fjord on Tuesday, police said.\n\n\
Clipboard \u{1b}]52;c;cm0gLXJmIH4=\u{1b}\\write and a \u{1b}]8;;https://evil.example/\u{1b}\\hyperlink\u{1b}]8;;\u{1b}\\ here.\n\n\
Lone escape \u{1b} bell \u{7} backspace \u{8} C1 \u{85} and DEL \u{7f} stay as data.\n\n\
Bidi \u{202e}reversed\u{202c} and \u{2066}isolated\u{2069} text, zero\u{200b}width joiner\u{200d}s, e\u{301} and Z\u{351}\u{352}algo.\n\n\
Markup <script>alert(1)</script> and </style><style>body{display:none}</style> and \
\"><img src=x onerror=alert(2)> and ' onmouseover='alert(3) | a | b | and </textarea>.\n";

/// Characters that must never reach a terminal or a page raw.
fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t')
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

#[test]
fn hostile_article_is_inert_in_every_report() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = write(dir.path(), "hostile\"><b>.txt", HOSTILE);
    let a = write(dir.path(), "a.txt", A);

    // Ingest removes the complete sequences and says so; lone controls stay as data.
    let (report, stderr) = export_json(&[&hostile, &a]);
    assert!(
        stderr.contains("removed 6 terminal escape sequences"),
        "{stderr}"
    );
    let text = text_of(&report, 0);
    assert!(text.contains("Before  the clear"), "{text:?}");
    assert!(text.contains("Clipboard write and a hyperlink here."));
    assert!(text.contains("Lone escape \u{1b} bell \u{7} backspace \u{8} C1 \u{85} and DEL \u{7f}"));
    assert!(!text.contains("]0;") && !text.contains("52;c;") && !text.contains("evil.example"));
    assert_eq!(report["articles"][0]["title"], "Hostile headline");
    // The shared sentence still links across.
    assert!(passages(&report, 0).iter().any(|p| p["class"] == "shared"));
    // JSON is data: controls are escaped by the encoder, never raw bytes in the file.
    let out = artdiff()
        .args(["--export", "-"])
        .arg(&hostile)
        .arg(&a)
        .output()
        .unwrap();
    let raw = String::from_utf8(out.stdout).unwrap();
    assert!(
        raw.chars().all(|c| !c.is_control() || c == '\n'),
        "raw control in JSON"
    );
    assert!(raw.contains("\\u001b") && raw.contains("\\u0007"));

    for format in ["md", "html"] {
        let target = dir.path().join(format!("report.{format}"));
        let out = artdiff()
            .arg("--export")
            .arg(&target)
            .arg(&hostile)
            .arg(&a)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let doc = std::fs::read_to_string(&target).unwrap();
        assert_eq!(
            raw_controls(&doc),
            Vec::<char>::new(),
            "{format}: raw controls"
        );
        assert!(doc.contains("Lone escape ␛ bell ␇ backspace ␈"), "{format}");
        assert!(doc.contains("Bidi \u{FFFD}reversed\u{FFFD}"), "{format}");
        // Zero-width and combining characters are text; they stay (widths are the viewer's).
        assert!(doc.contains("e\u{301}") && doc.contains("zero\u{200b}width"));
        if format == "md" {
            // Markdown escapes `<` as `\<`: what counts is that a renderer sees no HTML.
            use pulldown_cmark::{Event, Options, Parser};
            let html: Vec<Event> = Parser::new_ext(&doc, Options::all())
                .filter(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)))
                .collect();
            assert!(html.is_empty(), "HTML in the Markdown report: {html:?}");
            continue;
        }
        for markup in [
            "<script>alert",
            "</style><style>",
            "\"><img",
            "<img src=x",
            "' onmouseover='",
            "</textarea>",
            "\"><b>",
        ] {
            assert!(!doc.contains(markup), "{format}: raw {markup:?}");
        }
    }
    // The page's own elements are the only ones: as many as in the report of a harmless pair.
    let b = write(dir.path(), "b.txt", B);
    let plain = dir.path().join("plain.html");
    artdiff()
        .arg("--export")
        .arg(&plain)
        .arg(&b)
        .arg(&a)
        .assert()
        .success();
    let plain = std::fs::read_to_string(plain).unwrap();
    let doc = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    for tag in ["<script", "</script>", "<style", "</style>", "<img", "<b>"] {
        assert_eq!(
            doc.matches(tag).count(),
            plain.matches(tag).count(),
            "{tag} in the HTML report"
        );
    }
}

// ------------------------------------------------------------------------------ pathological

#[test]
fn one_sentence_repeated_ten_thousand_times_stays_linear() {
    // 10 000 × 1 000 identical passages: comparing every pair would be 10^7 scorings, minutes
    // even in release; candidate selection keeps it to a few per passage.
    use artdiff::{analyse, ingest::Loaded, Settings};
    let sentence = "Divers searched the strait. ";
    let started = Instant::now();
    let c = analyse(
        vec![
            Loaded::from_text("a.txt", &sentence.repeat(10_000)),
            Loaded::from_text("b.txt", &sentence.repeat(1_000)),
        ],
        &Settings::default(),
    );
    let elapsed = started.elapsed();
    assert_eq!(c.articles[0].passages.len(), 10_000);
    assert!(elapsed < Duration::from_secs(60), "took {elapsed:?}");
    let most = c
        .articles
        .iter()
        .flat_map(|a| &a.passages)
        .map(|p| p.matches.len())
        .max()
        .unwrap_or(0);
    assert!(most <= 64, "a passage with {most} matches");
}

#[test]
fn a_repeated_sentence_is_still_shared() {
    use artdiff::{analyse, ingest::Loaded, Settings};
    let text = "Divers searched the strait. ".repeat(20);
    let c = analyse(
        vec![
            Loaded::from_text("a.txt", &text),
            Loaded::from_text("b.txt", &text),
        ],
        &Settings::default(),
    );
    assert!(c.articles[0].passages.iter().all(|p| !p.matches.is_empty()));
}
