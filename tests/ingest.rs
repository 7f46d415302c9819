//! Loading articles from files: decoding, format detection, extraction, safety, errors.

mod common;

use artdiff::ingest::{load, load_bytes, IngestError, LoadOptions, Loaded, Source};
use artdiff::model::Format;
use std::path::{Path, PathBuf};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn load_file(name: &str, bytes: &[u8]) -> Loaded {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), name, bytes);
    load(&Source::Path(path), &LoadOptions::default()).unwrap()
}

fn load_err(path: &Path, opts: &LoadOptions) -> IngestError {
    load(&Source::Path(path.to_path_buf()), opts).unwrap_err()
}

#[test]
fn plain_utf8_text_is_byte_identical() {
    let text = "Headline with  two spaces\n\n\tIndented\u{a0}paragraph with a no-break space.  \n\
                Trailing spaces above; caf\u{e9}, \u{201c}quotes\u{201d}, emoji \u{1F600}.\n\n\n\
                Last line without newline";
    let a = load_file("plain.txt", text.as_bytes());
    assert_eq!(a.text, text);
    assert_eq!(a.format, Format::Text);
    assert_eq!(a.title, "Headline with two spaces");
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn crlf_and_lone_cr_become_lf() {
    let a = load_file("crlf.txt", b"One\r\nTwo\r\n\r\nThree\rFour\r");
    assert_eq!(a.text, "One\nTwo\n\nThree\nFour\n");
    assert!(a.warnings.is_empty());
}

#[test]
fn utf8_bom_is_stripped() {
    let a = load_file("bom.txt", b"\xEF\xBB\xBFTitle\nBody.\n");
    assert_eq!(a.text, "Title\nBody.\n");
    assert_eq!(a.title, "Title");
    assert!(a.warnings.is_empty());
}

#[test]
fn utf16_le_with_bom_is_decoded() {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(
        "Hess\u{f8}y \u{2014} a bridge\r\nfell.\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let a = load_file("utf16.txt", &bytes);
    assert_eq!(a.text, "Hess\u{f8}y \u{2014} a bridge\nfell.\n");
    assert!(a.warnings.is_empty());
}

#[test]
fn windows_1252_is_guessed_with_a_warning() {
    let a = load_file(
        "latin.txt",
        b"Caf\xe9 owner J\xe9r\xf4me said: \x93the bridge is gone\x94 \x96 and wept.\n",
    );
    assert_eq!(
        a.text,
        "Caf\u{e9} owner J\u{e9}r\u{f4}me said: \u{201c}the bridge is gone\u{201d} \u{2013} and wept.\n"
    );
    assert_eq!(a.warnings, ["decoded as windows-1252 (not valid UTF-8)"]);
}

#[test]
fn markdown_becomes_plain_text() {
    let md = "# Bridge collapses\n\
              \n\
              *By A. Writer* \u{2014} Tuesday\n\
              \n\
              A span fell into the [fjord](https://example.com/fjord)\n\
              early on **Tuesday**.\n\
              \n\
              ## Key facts\n\
              \n\
              - Dead: 1\n\
              - Injured: [14](https://example.com/n)\n\
              \n\
              > \u{201c}We have not given up hope,\u{201d} police said.\n\
              \n\
              Inline <span>html</span> dropped and `code` kept.\n";
    let a = load_file("story.md", md.as_bytes());
    assert_eq!(a.format, Format::Markdown);
    assert_eq!(a.title, "Bridge collapses");
    assert_eq!(
        a.text,
        "Bridge collapses\n\
         \n\
         By A. Writer \u{2014} Tuesday\n\
         \n\
         A span fell into the fjord early on Tuesday.\n\
         \n\
         Key facts\n\
         \n\
         - Dead: 1\n\
         - Injured: 14\n\
         \n\
         \u{201c}We have not given up hope,\u{201d} police said.\n\
         \n\
         Inline html dropped and code kept.\n"
    );
    assert!(a.warnings.is_empty());
}

const ARTICLE_PARAGRAPHS: [&str; 5] = [
    "A section of the Storsund Bridge collapsed into the fjord early on Tuesday, sending two cars \
     and a delivery van into the water, killing one person and injuring fourteen, police said.",
    "The central span of the bridge, which links the fishing town of Kalvik to the island of \
     Hess\u{f8}y, gave way at about 7.40 a.m. as commuters were crossing to the mainland.",
    "Two people were still missing on Tuesday evening, and coastguard divers were searching the \
     strait with the help of a helicopter and several fishing boats from the harbour.",
    "\u{201c}There was a noise like thunder, and then the lights on the bridge just went out,\u{201d} \
     said Marit Solberg, who lives beside the harbour and saw the span go down.",
    "The 420-metre concrete bridge opened in 1974 and carries about 6,000 vehicles a day. The roads \
     agency said it had been inspected last year and that repairs were planned.",
];

fn article_page() -> String {
    let paragraphs: String = ARTICLE_PARAGRAPHS
        .iter()
        .map(|p| format!("      <p>{}</p>\n", p.replace('\u{201c}', "&ldquo;")))
        .collect();
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n\
         <title>  Bridge falls into fjord\n | The Coastal Post </title>\n\
         <style>body {{ color: red }}</style></head>\n<body>\n\
         <header><a href=\"/\">The Coastal Post</a>\n\
         <nav><ul><li><a href=\"/news\">News</a></li><li><a href=\"/sport\">Sport</a></li>\
         <li><a href=\"/weather\">Weather</a></li></ul></nav></header>\n\
         <main><div class=\"share-bar\"><a href=\"#\">Share on Facebook</a> \
         <a href=\"#\">Share on X</a> <button>Copy link</button></div>\n\
         <article class=\"story\">\n      <h1>Bridge falls into fjord</h1>\n{paragraphs}    </article></main>\n\
         <footer><p>&copy; 2026 The Coastal Post. All rights reserved.</p>\
         <a href=\"/privacy\">Privacy policy</a></footer>\n\
         <script>document.title = \"tracking pixel loaded\";</script>\n</body></html>\n"
    )
}

#[test]
fn html_article_keeps_the_story_and_drops_the_chrome() {
    let a = load_file("page.html", article_page().as_bytes());
    assert_eq!(a.format, Format::Html);
    assert_eq!(a.title, "Bridge falls into fjord | The Coastal Post");
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
    let expected: Vec<&str> = std::iter::once("Bridge falls into fjord")
        .chain(ARTICLE_PARAGRAPHS)
        .collect();
    assert_eq!(a.text, expected.join("\n\n") + "\n");
    for chrome in [
        "tracking pixel",
        "color: red",
        "Sport",
        "Share on",
        "rights reserved",
    ] {
        assert!(
            !a.text.contains(chrome),
            "{chrome:?} leaked into {:?}",
            a.text
        );
    }
}

#[test]
fn html_is_sniffed_without_an_extension() {
    let a = load_file("page.article", article_page().as_bytes());
    assert_eq!(a.format, Format::Html);
    assert!(a.text.starts_with("Bridge falls into fjord\n\nA section"));
}

/// A cookie wall: nearly all its text sits in buttons, which readability throws away.
#[test]
fn html_without_a_main_article_falls_back_to_all_visible_text() {
    let notice = "We and our 842 partners store and access information on your device, such as \
                  cookies, to measure audiences, personalise advertising and content, and \
                  develop our services. You can change your choices at any time.";
    let html = format!(
        "<html><head><title>Before you continue</title><style>p {{ color: red }}</style>\
         <script>var tracking = 1;</script></head><body>\
         <p>Before you continue reading.</p>\
         <div class=\"wall\"><button>{notice}</button> <button>Accept&nbsp;all</button></div>\
         <noscript>Enable JavaScript</noscript><template><p>template text</p></template>\
         <svg><text>svg text</text></svg></body></html>"
    );
    let a = load_file("wall.html", html.as_bytes());
    assert_eq!(a.title, "Before you continue");
    assert_eq!(
        a.text,
        format!("Before you continue reading.\n\n{notice} Accept\u{a0}all\n")
    );
    assert_eq!(
        a.warnings,
        ["main content not found: using all visible text of the page"]
    );
}

#[test]
fn complete_escape_sequences_are_removed() {
    let input = "Before\x1b[2J\x1b[H the clear.\n\
                 Title \x1b]0;owned terminal\x07change.\n\
                 Clipboard \x1b]52;c;cm0gLXJmIH4=\x1b\\write.\n\
                 A \x1b]8;;https://evil.example/\x1b\\hyperlink\x1b]8;;\x1b\\ here.\n";
    let a = load_file("escapes.txt", input.as_bytes());
    assert_eq!(
        a.text,
        "Before the clear.\nTitle change.\nClipboard write.\nA hyperlink here.\n"
    );
    assert_eq!(a.warnings, ["removed 6 terminal escape sequences"]);
}

#[test]
fn escape_sequences_from_character_references_are_removed_too() {
    let html = "<html><head><title>T&#27;]0;x&#7;itle</title></head><body><p>Safe&#27;[2J text.</p></body></html>";
    let a = load_file("entities.html", html.as_bytes());
    assert_eq!(a.title, "Title");
    assert_eq!(a.text, "Safe text.\n");
    assert_eq!(a.warnings, ["removed 1 terminal escape sequence"]);
    let a = load_file("entities.md", b"# Safe\n\nNo &#27;[2Jclearing.\n");
    assert_eq!(a.text, "Safe\n\nNo clearing.\n");
    assert_eq!(a.warnings, ["removed 1 terminal escape sequence"]);
}

#[test]
fn lone_controls_are_kept_byte_for_byte() {
    let input = "Bell\x07 ring, DC2\x12 here, lone ESC\x1b at the end, DEL\x7f too.\n";
    let a = load_file("controls.txt", input.as_bytes());
    assert_eq!(a.text, input);
    assert!(a.warnings.is_empty());
    // The title is shown on one line of a terminal: its controls go.
    assert_eq!(
        a.title,
        "Bell ring, DC2 here, lone ESC at the end, DEL too."
    );
}

#[test]
fn text_title_is_the_first_short_line_else_the_file_stem() {
    let a = load_file("story.txt", b"\n\n  Short headline  \nBody.\n");
    assert_eq!(a.title, "Short headline");
    let long = "word ".repeat(40) + "\nBody.\n";
    let a = load_file("long-first-line.txt", long.as_bytes());
    assert_eq!(a.title, "long-first-line");
}

#[test]
fn binary_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "x.bin", b"\x7fELF\x02\x01\x01\0\0\0\0");
    let e = load_err(&path, &LoadOptions::default());
    assert_eq!(e.path, path.display().to_string());
    assert_eq!(e.problem, "binary file (contains NUL bytes)");
    assert_eq!(
        e.to_string(),
        format!("{}: binary file (contains NUL bytes)", path.display())
    );
}

#[test]
fn directories_are_refused_with_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let e = load_err(dir.path(), &LoadOptions::default());
    assert_eq!(
        e.problem,
        "is a directory (give the article files inside it)"
    );
}

#[test]
fn missing_files_are_reported() {
    let e = load_err(Path::new("no/such/wire.txt"), &LoadOptions::default());
    assert_eq!(e.to_string(), "no/such/wire.txt: no such file");
}

#[test]
fn unreadable_files_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let Some(path) = common::unreadable::unreadable_file(dir.path(), "secret.txt") else {
        return;
    };
    let e = load_err(&path, &LoadOptions::default());
    assert_eq!(e.problem, "permission denied");
}

#[test]
fn inputs_over_the_size_limit_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let small = LoadOptions {
        max_size: 16,
        ..LoadOptions::default()
    };
    let path = write(dir.path(), "big.txt", &[b'a'; 17]);
    assert_eq!(
        load_err(&path, &small).problem,
        "larger than the 16 bytes limit (see --max-size)"
    );
    let path = write(dir.path(), "fits.txt", &[b'a'; 16]);
    assert_eq!(
        load(&Source::Path(path), &small).unwrap().text,
        "a".repeat(16)
    );
    let mb = LoadOptions {
        max_size: 2 * 1024 * 1024,
        ..LoadOptions::default()
    };
    let e = load_bytes("big.txt", &vec![b'a'; 2 * 1024 * 1024 + 1], &mb).unwrap_err();
    assert_eq!(
        e.to_string(),
        "big.txt: larger than the 2 MB limit (see --max-size)"
    );
}

#[test]
fn endless_devices_are_bounded() {
    let zero = Path::new("/dev/zero");
    if zero.exists() {
        let e = load_err(
            zero,
            &LoadOptions {
                max_size: 4096,
                ..LoadOptions::default()
            },
        );
        assert_eq!(e.problem, "larger than the 4 KB limit (see --max-size)");
    }
}

#[test]
fn empty_articles_load_with_a_warning() {
    let a = load_file("empty.txt", b"");
    assert_eq!(a.text, "");
    assert_eq!(a.title, "empty");
    assert_eq!(a.warnings, ["empty article"]);
    let a = load_file("blank.md", b"  \n\n\t\n");
    assert_eq!(a.warnings, ["empty article"]);
}

#[test]
fn embedded_sources_are_named_and_detected() {
    let a = load(
        &Source::Embedded {
            name: "post.html",
            bytes: b"<html><head><title>T</title></head><body><p>Hi.</p></body></html>",
        },
        &LoadOptions::default(),
    )
    .unwrap();
    assert_eq!(
        (a.path.as_str(), a.format),
        ("demo/post.html", Format::Html)
    );
    assert_eq!(a.text, "Hi.\n");
}

#[test]
fn the_demo_articles_load_cleanly() {
    for source in artdiff::demo::sources() {
        let a = load(&source, &LoadOptions::default()).unwrap();
        assert!(a.warnings.is_empty(), "{}: {:?}", a.path, a.warnings);
        assert!(a.text.contains("Storsund Bridge"), "{}", a.path);
        assert!(a.title.contains("Storsund Bridge") || a.title.contains("Bridge"));
    }
}

/// The project's real seed articles, when they are around: plain text, so loading must not
/// change a byte.
#[test]
fn seed_articles_load_byte_identical() {
    let Ok(entries) = std::fs::read_dir("/work/shared/seeds") else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "txt") {
            let bytes = std::fs::read(&path).unwrap();
            let a = load(&Source::Path(path.clone()), &LoadOptions::default()).unwrap();
            assert_eq!(a.text.as_bytes(), &bytes[..], "{}", path.display());
            assert_eq!(a.format, Format::Text);
            assert!(
                a.warnings.is_empty(),
                "{}: {:?}",
                path.display(),
                a.warnings
            );
        }
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Bytes rich in the characters the loader cares about: escapes, controls, markup, newlines.
    fn tricky_bytes() -> impl Strategy<Value = Vec<u8>> {
        let pieces = prop::sample::select(vec![
            &b"\x1b"[..],
            b"[",
            b"]",
            b"2J",
            b"0;t",
            b"\x07",
            b"\\",
            b"\xc2\x9b",
            b"\xc2\x9d",
            b"\xc2\x9c",
            b"\r",
            b"\n",
            b"\r\n",
            b" ",
            b"\t",
            b"word",
            b"<p>",
            b"</p>",
            b"<script>",
            b"# ",
            b"- ",
            b"[l](u)",
            b"**",
            b"&#27;",
            b"\xe9",
            b"\xff",
            b"\x12",
        ]);
        prop::collection::vec(pieces, 0..64).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn loading_never_panics_and_leaves_no_sequence(
            bytes in prop_oneof![tricky_bytes(), prop::collection::vec(any::<u8>(), 0..256)],
            ext in prop::sample::select(vec!["txt", "md", "html", "bin"]),
        ) {
            let path = format!("fuzz.{ext}");
            if let Ok(a) = load_bytes(&path, &bytes, &LoadOptions::default()) {
                prop_assert_eq!(artdiff::ingest::escapes::strip(&a.text).1, 0);
                prop_assert!(!a.text.contains('\r'));
                prop_assert!(!a.title.is_empty());
                prop_assert!(!a.title.chars().any(char::is_control), "{:?}", a.title);
            }
        }

        #[test]
        fn plain_text_is_kept_byte_for_byte(text in "[a-zA-Z0-9 .,;\u{a0}\u{e9}\u{201c}\t\n\u{12}-]{0,200}") {
            let a = load_bytes("plain.txt", text.as_bytes(), &LoadOptions::default()).unwrap();
            prop_assert_eq!(a.text, text);
        }
    }
}
