//! The `artdiff` binary from the outside: help, version, the JSON report, and every bad input
//! answered with one clear line, a defined exit code, no panic and no partial export.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

fn artdiff() -> Command {
    let mut cmd = Command::cargo_bin("artdiff").unwrap();
    cmd.env_remove("NO_COLOR");
    cmd
}

const A: &str = "Bridge collapse in Kalvik\n\nA section of the Storsund Bridge collapsed into the fjord on Tuesday, police said. \
Two people were still missing on Tuesday evening.\n";
const B: &str = "Kalvik bridge falls\n\nA section of the Storsund Bridge collapsed into the fjord on Tuesday, police said. \
The town's sports hall has been opened to families.\n";

struct Dir {
    dir: tempfile::TempDir,
}

impl Dir {
    fn new() -> Dir {
        Dir {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
    fn path(&self) -> &Path {
        self.dir.path()
    }
    fn entries(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

/// Asserts a failure: the exit code, one line on stderr mentioning `needle`, no panic.
fn fails(cmd: &mut Command, code: i32, needle: &str) {
    let out = cmd.assert().code(code).get_output().clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(!lines.is_empty() && lines.len() <= 4, "stderr: {stderr}");
    assert!(stderr.contains(needle), "{needle:?} not in: {stderr}");
    assert!(out.stdout.is_empty(), "nothing on stdout on failure");
}

#[test]
fn help_and_version() {
    artdiff()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("--export").and(predicate::str::contains("ARTICLE")));
    artdiff()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with(format!(
            "artdiff {}",
            env!("CARGO_PKG_VERSION")
        )));
}

#[test]
fn demo_json_report_has_the_contract_shape() {
    let out = artdiff()
        .args(["--export", "-"])
        .assert()
        .success()
        .get_output()
        .clone();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let articles = report["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 3);
    let mut classes = std::collections::BTreeSet::new();
    for (ai, article) in articles.iter().enumerate() {
        assert!(article["path"].as_str().unwrap().starts_with("demo/"));
        assert!(!article["title"].as_str().unwrap().is_empty());
        let text = article["text"].as_str().unwrap();
        for (pi, p) in article["passages"].as_array().unwrap().iter().enumerate() {
            let (start, end) = (
                p["start"].as_u64().unwrap() as usize,
                p["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[start..end], p["text"].as_str().unwrap());
            classes.insert(p["class"].as_str().unwrap().to_string());
            for m in p["matches"].as_array().unwrap() {
                let (b, q) = (
                    m["article"].as_u64().unwrap() as usize,
                    m["passage"].as_u64().unwrap() as usize,
                );
                let back = &articles[b]["passages"][q]["matches"];
                let mirrored = back.as_array().unwrap().iter().any(|x| {
                    x["article"] == ai
                        && x["passage"] == pi
                        && x["kind"] == m["kind"]
                        && x["score"] == m["score"]
                });
                assert!(mirrored, "match {ai}.{pi} -> {b}.{q} not mirrored");
            }
        }
    }
    let expected: std::collections::BTreeSet<String> =
        ["boilerplate", "paraphrased", "shared", "unique"]
            .iter()
            .map(|s| s.to_string())
            .collect();
    assert_eq!(classes, expected, "the demo shows every class");
    assert!(report["summary"]["matrix"].as_array().unwrap().len() == 3);
}

#[test]
fn export_to_a_file_is_written_whole_and_replaces_the_old_one() {
    let dir = Dir::new();
    let a = dir.file("a.txt", A.as_bytes());
    let b = dir.file("b.txt", B.as_bytes());
    let report = dir.file("report.json", b"old report");
    artdiff()
        .arg("--export")
        .arg(&report)
        .arg(&a)
        .arg(&b)
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert_eq!(json["articles"][0]["passages"][1]["class"], "shared");
    assert_eq!(
        dir.entries(),
        ["a.txt", "b.txt", "report.json"],
        "no temporary file left"
    );
}

#[test]
fn stdin_is_an_article() {
    let dir = Dir::new();
    let a = dir.file("a.txt", A.as_bytes());
    let out = artdiff()
        .args(["--export", "-", "-"])
        .arg(&a)
        .write_stdin(B)
        .assert()
        .success()
        .get_output()
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["articles"][0]["path"], "-");
    assert_eq!(json["articles"][0]["passages"][1]["class"], "shared");
}

#[test]
fn missing_file() {
    let dir = Dir::new();
    let a = dir.file("a.txt", A.as_bytes());
    fails(
        artdiff()
            .args(["--export", "-"])
            .arg(&a)
            .arg(dir.path().join("nope.txt")),
        1,
        "nope.txt: no such file",
    );
}

#[test]
fn directory_is_refused() {
    let dir = Dir::new();
    let a = dir.file("a.txt", A.as_bytes());
    fails(
        artdiff().args(["--export", "-"]).arg(&a).arg(dir.path()),
        1,
        "is a directory",
    );
}

#[test]
fn binary_file_is_refused() {
    let dir = Dir::new();
    let a = dir.file("a.txt", A.as_bytes());
    let bin = dir.file(
        "photo.jpg",
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x02\x00\x00",
    );
    fails(
        artdiff().args(["--export", "-"]).arg(&a).arg(&bin),
        1,
        "photo.jpg: binary file",
    );
}

#[test]
fn file_over_the_size_limit_is_refused() {
    let dir = Dir::new();
    let a = dir.file("a.txt", A.as_bytes());
    let big = dir.file("big.txt", &vec![b'x'; 4096]);
    fails(
        artdiff()
            .args(["--export", "-", "--max-size", "1K"])
            .arg(&a)
            .arg(&big),
        1,
        "big.txt: larger than",
    );
}

#[test]
fn unreadable_file_is_refused() {
    let dir = Dir::new();
    let a = dir.file("a.txt", A.as_bytes());
    let Some(secret) = common::unreadable::unreadable_file(dir.dir.path(), "secret.txt") else {
        return;
    };
    let name = secret.file_name().unwrap().to_string_lossy();
    fails(
        artdiff().args(["--export", "-"]).arg(&a).arg(&secret),
        1,
        &format!("{name}: permission denied"),
    );
}

#[test]
fn one_article_is_a_usage_error() {
    let dir = Dir::new();
    let a = dir.file("a.txt", A.as_bytes());
    fails(
        artdiff().args(["--export", "-"]).arg(&a),
        2,
        "need at least two articles",
    );
}

#[test]
fn stdin_named_twice_is_a_usage_error() {
    fails(
        artdiff().args(["--export", "-", "-", "-"]),
        2,
        "standard input can be named only once",
    );
}

#[test]
fn unknown_format_is_a_usage_error() {
    let dir = Dir::new();
    let a = dir.file("a.txt", A.as_bytes());
    let b = dir.file("b.txt", B.as_bytes());
    fails(
        artdiff()
            .args(["--export", "-", "--format", "pdf"])
            .arg(&a)
            .arg(&b),
        2,
        "pdf",
    );
    fails(
        artdiff()
            .arg("--export")
            .arg(dir.path().join("out.pdf"))
            .arg(&a)
            .arg(&b),
        2,
        "cannot tell the report format",
    );
    assert_eq!(dir.entries(), ["a.txt", "b.txt"]);
}

#[test]
fn export_into_a_missing_directory_fails_and_writes_nothing() {
    let dir = Dir::new();
    let a = dir.file("a.txt", A.as_bytes());
    let b = dir.file("b.txt", B.as_bytes());
    fails(
        artdiff()
            .arg("--export")
            .arg(dir.path().join("no/such/report.json"))
            .arg(&a)
            .arg(&b),
        1,
        "does not exist",
    );
    assert_eq!(dir.entries(), ["a.txt", "b.txt"]);
}

#[test]
fn export_over_an_article_is_refused() {
    let dir = Dir::new();
    let a = dir.file("a.json", A.as_bytes());
    let b = dir.file("b.txt", B.as_bytes());
    fails(
        artdiff().arg("--export").arg(&a).arg(&a).arg(&b),
        2,
        "refusing to export over",
    );
    assert_eq!(
        std::fs::read_to_string(&a).unwrap(),
        A,
        "the article is untouched"
    );
}

#[test]
fn empty_and_all_boilerplate_articles_load_with_a_warning() {
    let dir = Dir::new();
    let a = dir.file("a.txt", A.as_bytes());
    let empty = dir.file("empty.txt", b"");
    let chrome = dir.file("chrome.txt", b"Share :\n\nTags : news\n\nLeave a Reply\n");
    let out = artdiff()
        .args(["--export", "-"])
        .arg(&a)
        .arg(&empty)
        .arg(&chrome)
        .assert()
        .success()
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("empty.txt: empty article"), "{stderr}");
    assert!(
        stderr.contains("chrome.txt: no comparable passages"),
        "{stderr}"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["articles"][1]["passages"].as_array().unwrap().len(), 0);
    assert!(json["articles"][2]["passages"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["class"] == "boilerplate"));
}

#[test]
fn tui_without_a_terminal_is_refused_before_loading() {
    let dir = Dir::new();
    let a = dir.file("a.txt", A.as_bytes());
    let b = dir.file("b.txt", B.as_bytes());
    fails(artdiff().arg(&a).arg(&b), 2, "not a terminal");
}

#[test]
fn thresholds_and_language_are_validated() {
    fails(
        artdiff().args(["--export", "-", "--min-paraphrase", "2"]),
        2,
        "not a score",
    );
    fails(
        artdiff().args(["--export", "-", "--lang", "klingon"]),
        2,
        "klingon",
    );
    let strict = artdiff()
        .args([
            "--export",
            "-",
            "--min-shared",
            "1",
            "--min-paraphrase",
            "1",
        ])
        .assert()
        .success()
        .get_output()
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&strict.stdout).unwrap();
    assert_eq!(json["summary"]["thresholds"]["min_shared"], 1.0);
}

// What the export path is decides how it is written (issue 12): a device, FIFO or descriptor
// is written into and never replaced; a symlink stays a link and the file it points to gets
// the report. None of these touch the machine's own /dev files: the device and the FIFO are
// made in a temp dir, and `/dev/stdout` is this test's captured pipe.

#[cfg(unix)]
fn file_type(path: &Path) -> std::fs::FileType {
    std::fs::symlink_metadata(path).unwrap().file_type()
}

#[cfg(unix)]
fn report_articles(bytes: &[u8]) -> usize {
    let json: serde_json::Value = serde_json::from_slice(bytes).expect("a whole JSON report");
    json["articles"].as_array().unwrap().len()
}

#[cfg(unix)]
#[test]
fn export_to_a_character_device_writes_into_it_and_leaves_it_a_device() {
    use std::os::unix::fs::FileTypeExt;
    let dir = Dir::new();
    let a = dir.file("a.txt", A.as_bytes());
    let b = dir.file("b.txt", B.as_bytes());
    let null = dir.path().join("null.json");
    // A copy of the null device (major 1, minor 3); only root may make one.
    let made = std::process::Command::new("mknod")
        .arg(&null)
        .args(["c", "1", "3"])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("skipped: mknod not permitted here (needs root)");
        return;
    }
    artdiff()
        .arg("--export")
        .arg(&null)
        .arg(&a)
        .arg(&b)
        .assert()
        .success()
        .stdout("");
    assert!(
        file_type(&null).is_char_device(),
        "still a character device"
    );
    assert_eq!(
        dir.entries(),
        ["a.txt", "b.txt", "null.json"],
        "no temporary file left"
    );
    // Without an extension the format is JSON, as for `-`.
    let bare = dir.path().join("null");
    std::fs::rename(&null, &bare).unwrap();
    artdiff()
        .arg("--export")
        .arg(&bare)
        .arg(&a)
        .arg(&b)
        .assert()
        .success();
    assert!(file_type(&bare).is_char_device());
}

#[cfg(unix)]
#[test]
fn export_to_a_fifo_feeds_its_reader_and_leaves_it_a_fifo() {
    use std::os::unix::fs::FileTypeExt;
    let dir = Dir::new();
    let a = dir.file("a.txt", A.as_bytes());
    let b = dir.file("b.txt", B.as_bytes());
    let fifo = dir.path().join("pipe.json");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("skipped: mkfifo not available");
        return;
    }
    let mut reader = std::process::Command::new("cat")
        .arg(&fifo)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let out = artdiff()
        .arg("--export")
        .arg(&fifo)
        .arg(&a)
        .arg(&b)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    if !out.status.success() {
        let _ = reader.kill();
        let _ = reader.wait();
        panic!("export failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let received = reader.wait_with_output().unwrap().stdout;
    assert_eq!(
        report_articles(&received),
        2,
        "the reader got the whole report"
    );
    assert!(file_type(&fifo).is_fifo(), "still a FIFO");
    assert_eq!(dir.entries(), ["a.txt", "b.txt", "pipe.json"]);
}

#[cfg(unix)]
#[test]
fn export_through_a_symlink_or_a_chain_updates_the_file_it_points_to() {
    let dir = Dir::new();
    let a = dir.file("a.txt", A.as_bytes());
    let b = dir.file("b.txt", B.as_bytes());
    std::fs::create_dir(dir.path().join("real")).unwrap();
    let target = dir.path().join("real/report.json");
    std::fs::write(&target, "old").unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink("real/report.json", &link).unwrap();
    // A chain of two, the second without an extension (the format comes from the target).
    let chain = dir.path().join("chain");
    std::os::unix::fs::symlink("link.json", &chain).unwrap();
    for path in [&link, &chain] {
        std::fs::write(&target, "old").unwrap();
        artdiff()
            .arg("--export")
            .arg(path)
            .arg(&a)
            .arg(&b)
            .assert()
            .success();
        assert!(file_type(&link).is_symlink(), "the link stays a link");
        assert!(file_type(&chain).is_symlink(), "the chain stays links");
        assert_eq!(report_articles(&std::fs::read(&target).unwrap()), 2);
    }
    assert_eq!(
        dir.entries(),
        ["a.txt", "b.txt", "chain", "link.json", "real"],
        "nothing beside the links"
    );
    let mut inside: Vec<_> = std::fs::read_dir(dir.path().join("real"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    inside.sort();
    assert_eq!(
        inside,
        ["report.json"],
        "no temporary file beside the target"
    );
}

#[cfg(unix)]
#[test]
fn export_to_a_dangling_link_creates_its_target_or_names_the_missing_directory() {
    let dir = Dir::new();
    let a = dir.file("a.txt", A.as_bytes());
    let b = dir.file("b.txt", B.as_bytes());
    let link = dir.path().join("new.json");
    std::os::unix::fs::symlink("made.json", &link).unwrap();
    artdiff()
        .arg("--export")
        .arg(&link)
        .arg(&a)
        .arg(&b)
        .assert()
        .success();
    assert!(file_type(&link).is_symlink());
    let made = dir.path().join("made.json");
    assert!(file_type(&made).is_file());
    assert_eq!(report_articles(&std::fs::read(&made).unwrap()), 2);

    let lost = dir.path().join("lost.json");
    std::os::unix::fs::symlink("nowhere/r.json", &lost).unwrap();
    fails(
        artdiff().arg("--export").arg(&lost).arg(&a).arg(&b),
        1,
        "nowhere does not exist",
    );
    assert!(file_type(&lost).is_symlink());
    assert!(!dir.path().join("nowhere").exists());
}

#[cfg(unix)]
#[test]
fn export_through_a_link_to_a_directory_is_refused() {
    let dir = Dir::new();
    let a = dir.file("a.txt", A.as_bytes());
    let b = dir.file("b.txt", B.as_bytes());
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let link = dir.path().join("sub.json");
    std::os::unix::fs::symlink("sub", &link).unwrap();
    fails(
        artdiff().arg("--export").arg(&link).arg(&a).arg(&b),
        1,
        "is a directory",
    );
    assert!(file_type(&link).is_symlink());
}

#[cfg(target_os = "linux")]
#[test]
fn export_to_dev_stdout_works_like_dash() {
    let dir = Dir::new();
    let a = dir.file("a.txt", A.as_bytes());
    let b = dir.file("b.txt", B.as_bytes());
    // This process's captured stdout pipe, never the machine's terminal or a real device.
    let named = artdiff()
        .args(["--export", "/dev/stdout"])
        .arg(&a)
        .arg(&b)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let dash = artdiff()
        .args(["--export", "-"])
        .arg(&a)
        .arg(&b)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(report_articles(&named), 2);
    assert_eq!(named, dash, "the same JSON report as `--export -`");
    let md = artdiff()
        .args(["--export", "/dev/stdout", "--format", "md"])
        .arg(&a)
        .arg(&b)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let md_dash = artdiff()
        .args(["--export", "-", "--format", "md"])
        .arg(&a)
        .arg(&b)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(!md.is_empty() && md == md_dash, "--format is honoured");
    assert_eq!(dir.entries(), ["a.txt", "b.txt"]);
}

#[cfg(unix)]
#[test]
fn export_to_a_symlink_or_chain_pointing_at_an_article_is_refused() {
    let dir = Dir::new();
    let a = dir.file("a.json", A.as_bytes());
    let b = dir.file("b.txt", B.as_bytes());
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink("a.json", &link).unwrap();
    let chain = dir.path().join("chain.json");
    std::os::unix::fs::symlink(&link, &chain).unwrap();
    let hard = dir.path().join("hard.json");
    std::fs::hard_link(&a, &hard).unwrap();
    for target in [&link, &chain, &hard] {
        fails(
            artdiff().arg("--export").arg(target).arg(&a).arg(&b),
            2,
            "refusing to export over one of the articles",
        );
        assert_eq!(std::fs::read_to_string(&a).unwrap(), A, "article untouched");
        assert!(file_type(&link).is_symlink());
    }
    // The article given through the link, the export to the article itself: also refused.
    fails(
        artdiff().arg("--export").arg(&a).arg(&link).arg(&b),
        2,
        "refusing to export over",
    );
    assert_eq!(std::fs::read_to_string(&a).unwrap(), A);
}

#[test]
fn the_report_is_the_same_on_one_thread_or_several() {
    let report = |jobs: &str| {
        artdiff()
            .args(["--jobs", jobs, "--export", "-"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    let one = report("1");
    assert!(one.len() > 1000);
    assert_eq!(one, report("2"));
    assert_eq!(one, report("7"));
    fails(
        artdiff().args(["--jobs", "0", "--export", "-"]),
        2,
        "--jobs",
    );
}
