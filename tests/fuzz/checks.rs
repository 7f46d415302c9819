//! What the fuzz targets feed through artdiff and the invariants they assert.
//!
//! Shared by the fuzz targets (`tests/fuzz/fuzz_targets/*.rs`), by the regression tests in
//! `tests/fuzz_regressions.rs`, so that a crashing input replays through exactly the same code
//! path and checks, and by the property tests (`tests/segment.rs`, `tests/properties.rs`), so
//! that an invariant is written once. Every function panics when an invariant does not hold.

#![allow(dead_code)]

use artdiff::align::{kind_for, FLOOR_PARAPHRASE, FLOOR_VERBATIM};
use artdiff::ingest::{self, escapes, LoadOptions, Loaded};
use artdiff::model::{Class, Comparison, Conflict, DiffRun, Format, MatchKind, Thresholds};
use artdiff::segment::{self, Segment, MAX_PASSAGE};
use artdiff::{analyse, Language, Settings};

/// Whitespace as the segmenter trims it: Unicode whitespace plus zero-width spaces and the BOM.
fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

// ---- ingest ---------------------------------------------------------------------------------

/// File names the `ingest` target picks from with its first byte: the extension chooses the
/// format (text, Markdown, HTML), and a name without one makes ingest sniff the format.
pub const NAMES: [&str; 4] = ["article.txt", "article.md", "article.html", "article"];

/// Passes after the first that [`escapes::strip`] makes: a complete escape sequence can only
/// survive ingest when nesting defeated all of them, i.e. when more than this were removed.
const STRIP_PASSES: usize = 16;

/// The `ingest` target: the first byte picks the file name, the rest are the file's bytes.
pub fn ingest(data: &[u8]) {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    load(NAMES[first as usize % NAMES.len()], bytes);
}

/// Loads `bytes` as a file called `path` and checks the result; on success the text is also
/// segmented and checked, as the app does.
pub fn load(path: &str, bytes: &[u8]) {
    let utf32 = bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]);
    let utf16 = !utf32 && (bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]));
    let binary = !utf32 && !utf16 && bytes.contains(&0);
    match ingest::load_bytes(path, bytes, &LoadOptions::default()) {
        Err(e) => {
            assert_eq!(e.path, path, "error names the file");
            match e.problem.as_str() {
                "binary file (contains NUL bytes)" => assert!(binary, "binary without a NUL"),
                "UTF-32 text is not supported (save it as UTF-8)" => assert!(utf32),
                other => panic!("unexpected ingest error {other:?}"),
            }
            assert!(!e.to_string().contains('\n'), "error is one line: {e}");
        }
        Ok(loaded) => {
            assert!(!utf32 && !binary, "{bytes:?} should have been refused");
            check_loaded(path, bytes, &loaded);
            check_segments(&loaded.text, &segment::split(&loaded.text));
        }
    }
}

/// What ingest promises about a loaded article (see `crates/artdiff-core/src/ingest/mod.rs`).
pub fn check_loaded(path: &str, bytes: &[u8], loaded: &Loaded) {
    assert_eq!(loaded.path, path);
    let expected = match path.rsplit_once('.').map(|(_, ext)| ext) {
        Some("txt") => Some(Format::Text),
        Some("md") => Some(Format::Markdown),
        Some("html") => Some(Format::Html),
        _ => None,
    };
    if let Some(format) = expected {
        assert_eq!(loaded.format, format, "the extension picks the format");
    }
    let text = loaded.text.as_str();
    assert!(
        !text.contains('\r'),
        "text has `\\n` newlines only: {text:?}"
    );

    // Complete terminal escape sequences are removed; one can only survive when nesting
    // outlasted every pass of the filter, which takes more than STRIP_PASSES removals.
    let removed = removed_escapes(&loaded.warnings);
    let (_, left) = escapes::strip(text);
    assert!(
        left == 0 || removed > STRIP_PASSES,
        "{left} escape sequence(s) left in the text after {removed} removed: {text:?}"
    );

    assert_eq!(
        text.trim().is_empty(),
        loaded.warnings.iter().any(|w| w == "empty article"),
        "`empty article` warning iff the text is blank: {text:?} {:?}",
        loaded.warnings
    );
    for w in &loaded.warnings {
        assert!(!w.is_empty() && !w.contains('\n'), "warning {w:?}");
    }

    // The title is one clean line: no controls, no escape sequences, whitespace collapsed.
    let title = loaded.title.as_str();
    assert!(!title.is_empty(), "empty title");
    assert!(
        !title.chars().any(char::is_control),
        "control in title {title:?}"
    );
    assert_eq!(
        title.split_whitespace().collect::<Vec<_>>().join(" "),
        title,
        "title whitespace not collapsed"
    );

    // A plain UTF-8 text file with `\n` newlines and no escape sequences loads byte for byte.
    if loaded.format == Format::Text {
        if let Ok(s) = std::str::from_utf8(bytes) {
            if !s.starts_with('\u{FEFF}') && !s.contains('\r') && escapes::strip(s).1 == 0 {
                assert_eq!(text, s, "plain text must load byte for byte");
                assert!(
                    loaded.warnings.iter().all(|w| w == "empty article"),
                    "plain text loads without warnings: {:?}",
                    loaded.warnings
                );
            }
        }
    }
}

/// The count in the `removed N terminal escape sequence(s)` warning, 0 without one.
fn removed_escapes(warnings: &[String]) -> usize {
    warnings
        .iter()
        .find_map(|w| {
            w.strip_prefix("removed ")?
                .strip_suffix(" terminal escape sequences")
                .or_else(|| {
                    w.strip_prefix("removed ")?
                        .strip_suffix(" terminal escape sequence")
                })?
                .parse()
                .ok()
        })
        .unwrap_or(0)
}

// ---- segment --------------------------------------------------------------------------------

/// The `segment` target: any string through [`segment::split`].
pub fn segment(text: &str) {
    let segments = segment::split(text);
    check_segments(text, &segments);
}

/// Spans are non-empty, at most MAX_PASSAGE bytes, trimmed, on char boundaries, in order and
/// not overlapping; paragraphs count up from 0 without gaps; no letter or digit is lost (only
/// whitespace, rulers and stray punctuation fall between passages).
pub fn check_segments(text: &str, segments: &[Segment]) {
    let mut last_end = 0;
    let mut last_paragraph: Option<usize> = None;
    for s in segments {
        assert!(s.start < s.end, "empty span {s:?}");
        assert!(s.end <= text.len(), "span past the end {s:?}");
        assert!(s.start >= last_end, "overlap or disorder at {s:?}");
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "span off a char boundary {s:?}"
        );
        let t = &text[s.start..s.end];
        assert!(
            !t.starts_with(is_space) && !t.ends_with(is_space),
            "untrimmed {t:?}"
        );
        assert!(
            s.end - s.start <= MAX_PASSAGE,
            "passage of {} bytes",
            s.end - s.start
        );
        match last_paragraph {
            None => assert_eq!(s.paragraph, 0, "first paragraph is not 0: {s:?}"),
            Some(p) => assert!(
                s.paragraph == p || s.paragraph == p + 1,
                "paragraph gap at {s:?}"
            ),
        }
        // Paragraphs are separated by blank lines, and a passage never holds one.
        if let Some(p) = last_paragraph {
            let gap = &text[last_end..s.start];
            assert_eq!(
                has_blank_line(gap),
                s.paragraph == p + 1,
                "paragraph {} -> {} across {gap:?}",
                p,
                s.paragraph
            );
        }
        assert!(!has_blank_line(t), "blank line inside passage {t:?}");
        let between = &text[last_end..s.start];
        assert!(
            !between.chars().any(char::is_alphanumeric),
            "words lost between passages: {between:?}"
        );
        last_paragraph = Some(s.paragraph);
        last_end = s.end;
    }
    let tail = &text[last_end..];
    assert!(
        !tail.chars().any(char::is_alphanumeric),
        "words lost after the last passage: {tail:?}"
    );
}

/// Whether `s` holds a whole line (between two `\n`) of whitespace only.
fn has_blank_line(s: &str) -> bool {
    let lines: Vec<&str> = s.split('\n').collect();
    lines.len() >= 3
        && lines[1..lines.len() - 1]
            .iter()
            .any(|l| l.chars().all(is_space))
}

// ---- engine ---------------------------------------------------------------------------------

/// Separates the articles in an `engine` input: 0xFF never occurs in UTF-8, so a text file
/// never holds one by accident.
pub const SEPARATOR: u8 = 0xFF;

/// Threshold pairs every comparison is re-classified with.
const SWEEP: [(f64, f64); 5] = [
    (FLOOR_VERBATIM, FLOOR_PARAPHRASE),
    (0.5, 0.3),
    (0.7, 0.5),
    (0.95, 0.2),
    (1.0, 1.0),
];

/// The `engine` target. The input is up to three articles separated by 0xFF bytes (a single
/// article is cut in two halves), optionally followed by a fourth part whose bytes pick the
/// stemmer language and the thresholds. Each part is decoded lossily and loaded with
/// [`Loaded::from_text`].
pub fn engine(data: &[u8]) {
    let mut parts: Vec<&[u8]> = data.split(|&b| b == SEPARATOR).collect();
    let options = parts.get(3).copied().unwrap_or(&[]);
    parts.truncate(3);
    if parts.len() == 1 {
        let (a, b) = data.split_at(data.len() / 2);
        parts = vec![a, b];
    }
    let texts: Vec<String> = parts
        .iter()
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect();
    let mut settings = Settings::default();
    if let Some(&b) = options.first() {
        settings.language = Language::ALL[b as usize % Language::ALL.len()];
    }
    if let [_, s, p, ..] = options {
        settings.thresholds = Thresholds {
            min_shared: FLOOR_VERBATIM + (1.0 - FLOOR_VERBATIM) * f64::from(*s) / 255.0,
            min_paraphrase: FLOOR_PARAPHRASE + (1.0 - FLOOR_PARAPHRASE) * f64::from(*p) / 255.0,
        };
    }
    compare(&texts, &settings);
}

/// The texts as loaded articles named `0.txt`, `1.txt`...
pub fn load_texts(texts: &[String]) -> Vec<Loaded> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| Loaded::from_text(&format!("{i}.txt"), t))
        .collect()
}

/// Analyses `texts` and checks the comparison, its re-classification under other thresholds,
/// its JSON round trip and its independence of the order of the articles.
pub fn compare(texts: &[String], settings: &Settings) {
    let c = analyse(load_texts(texts), settings);
    assert_eq!(c.articles.len(), texts.len());
    for (article, text) in c.articles.iter().zip(texts) {
        assert_eq!(&article.text, text, "from_text keeps the text");
    }
    check_comparison(&c, settings.thresholds);

    // Re-classification: each threshold pair gives a valid comparison, and going back to the
    // original thresholds restores the original exactly.
    for (min_shared, min_paraphrase) in SWEEP {
        let thresholds = Thresholds {
            min_shared,
            min_paraphrase,
        };
        let mut other = c.clone();
        other.reclassify(thresholds);
        check_comparison(&other, thresholds);
        other.reclassify(settings.thresholds);
        assert!(
            other == c,
            "reclassify there and back changed the comparison"
        );
    }

    // Re-classifying equals a fresh analysis with those thresholds.
    let (min_shared, min_paraphrase) =
        SWEEP[texts.iter().map(String::len).sum::<usize>() % SWEEP.len()];
    let thresholds = Thresholds {
        min_shared,
        min_paraphrase,
    };
    let fresh = analyse(
        load_texts(texts),
        &Settings {
            thresholds,
            ..settings.clone()
        },
    );
    let mut reclassified = c.clone();
    reclassified.reclassify(thresholds);
    assert!(
        fresh == reclassified,
        "reclassify({thresholds:?}) differs from a fresh analysis"
    );

    // The JSON report round-trips.
    let json = serde_json::to_string(&c).expect("serialise");
    let back: Comparison = serde_json::from_str(&json).expect("deserialise");
    assert_eq!(
        serde_json::to_string(&back).expect("serialise again"),
        json,
        "JSON round trip"
    );

    // The same articles in reverse order give the same links, renumbered.
    let n = texts.len();
    let reversed: Vec<String> = texts.iter().rev().cloned().collect();
    let r = analyse(load_texts(&reversed), settings);
    let order: Vec<usize> = (0..n).rev().collect();
    let identity: Vec<usize> = (0..n).collect();
    assert_eq!(
        links(&c, &identity),
        links(&r, &order),
        "the links depend on the order of the articles"
    );
}

/// Every match as (article, passage, other article, other passage, kind, score bits), article
/// indices mapped through `order`.
pub fn links(c: &Comparison, order: &[usize]) -> Vec<(usize, usize, usize, usize, MatchKind, u64)> {
    let mut out = Vec::new();
    for (ai, article) in c.articles.iter().enumerate() {
        for (pi, p) in article.passages.iter().enumerate() {
            for m in &p.matches {
                out.push((
                    order[ai],
                    pi,
                    order[m.article],
                    m.passage,
                    m.kind,
                    m.score.to_bits(),
                ));
            }
        }
    }
    out.sort();
    out
}

fn unit(x: f64) -> bool {
    (0.0..=1.0).contains(&x)
}

/// The invariants of a comparison classified under `thresholds` (see `crates/artdiff-core/src/model.rs`).
pub fn check_comparison(c: &Comparison, thresholds: Thresholds) {
    let n = c.articles.len();
    for (ai, article) in c.articles.iter().enumerate() {
        let text = &article.text;
        let mut last_end = 0;
        for (pi, p) in article.passages.iter().enumerate() {
            assert!(
                p.start < p.end && p.start >= last_end,
                "span order {ai}.{pi}"
            );
            assert!(
                text.is_char_boundary(p.start) && text.is_char_boundary(p.end),
                "span off a char boundary {ai}.{pi}"
            );
            assert_eq!(&text[p.start..p.end], p.text, "passage text {ai}.{pi}");
            assert_eq!(p.text.trim_matches(is_space), p.text, "untrimmed {ai}.{pi}");
            last_end = p.end;

            let strongest = p.matches.iter().map(|m| m.kind.class()).min();
            match p.class {
                Class::Boilerplate | Class::Unique => {
                    assert!(
                        p.matches.is_empty(),
                        "{:?} passage {ai}.{pi} has matches",
                        p.class
                    )
                }
                class => assert_eq!(Some(class), strongest, "class of {ai}.{pi}"),
            }
            // Every link is the top-ranked link into the other article of at least one of its
            // two passages: one-to-one first, then a passage without a counterpart there takes
            // its best even when the other side is taken (a sentence that combines two).
            for m in &p.matches {
                let top = |a: usize, q: usize, into: usize| {
                    c.articles[a].passages[q]
                        .matches
                        .iter()
                        .filter(|x| x.article == into)
                        .map(|x| (x.kind, -x.score))
                        .min_by(|x, y| x.0.cmp(&y.0).then(x.1.total_cmp(&y.1)))
                };
                let this = Some((m.kind, -m.score));
                assert!(
                    top(ai, pi, m.article) == this || top(m.article, m.passage, ai) == this,
                    "{ai}.{pi} -> {}.{} is neither side's best link into the other article",
                    m.article,
                    m.passage
                );
            }
            for m in &p.matches {
                assert_ne!(m.article, ai, "link inside article {ai}");
                let target = c.passage(m.article, m.passage).unwrap_or_else(|| {
                    panic!("{ai}.{pi} links to missing {}.{}", m.article, m.passage)
                });
                assert_ne!(target.class, Class::Boilerplate, "link to boilerplate");
                assert!(
                    unit(m.score) && unit(m.verbatim) && unit(m.paraphrase),
                    "score out of [0, 1]: {} {} {}",
                    m.score,
                    m.verbatim,
                    m.paraphrase
                );
                assert_eq!(
                    kind_for(m.verbatim, m.paraphrase, thresholds),
                    Some(m.kind),
                    "kind of {ai}.{pi} -> {}.{} under {thresholds:?}",
                    m.article,
                    m.passage
                );
                let expected_score = match m.kind {
                    MatchKind::Shared => m.verbatim,
                    MatchKind::Paraphrased => m.paraphrase,
                };
                assert_eq!(
                    m.score.to_bits(),
                    expected_score.to_bits(),
                    "score of its kind"
                );
                let back = target
                    .matches
                    .iter()
                    .find(|b| b.article == ai && b.passage == pi)
                    .unwrap_or_else(|| {
                        panic!("{ai}.{pi} -> {}.{} not mirrored", m.article, m.passage)
                    });
                assert_eq!(
                    (back.kind, back.score.to_bits()),
                    (m.kind, m.score.to_bits()),
                    "mirror of {ai}.{pi} -> {}.{}",
                    m.article,
                    m.passage
                );
                let mirrored: Vec<DiffRun> = m
                    .diff
                    .iter()
                    .map(|r| DiffRun {
                        op: r.op.mirror(),
                        text: r.text.clone(),
                    })
                    .collect();
                assert_eq!(&back.diff[..], &mirrored[..], "mirrored diff");
                let swapped: Vec<Conflict> = m
                    .conflicts
                    .iter()
                    .map(|x| Conflict {
                        kind: x.kind,
                        a: x.b.clone(),
                        b: x.a.clone(),
                    })
                    .collect();
                assert_eq!(back.conflicts, swapped, "mirrored conflicts");
            }
        }
    }
    assert_eq!(c.summary.thresholds, Some(thresholds));
    assert_eq!(c.summary.coverage.len(), n);
    assert_eq!(c.summary.matrix.len(), n);
    for (i, row) in c.summary.matrix.iter().enumerate() {
        assert_eq!(row.len(), n);
        for (j, &x) in row.iter().enumerate() {
            assert!(unit(x), "matrix[{i}][{j}] = {x}");
            if i == j {
                assert_eq!(x, 1.0);
            }
        }
    }
    for (article, coverage) in c.articles.iter().zip(&c.summary.coverage) {
        assert_eq!(coverage.passages.total(), article.passages.len());
    }
}
