//! Properties of the whole analysis over generated articles: spans valid, matches symmetric,
//! classes agreeing with matches, results independent of article order and stable run to run,
//! re-classification equal to a fresh analysis, the report round-tripping through serde.

#[path = "fuzz/checks.rs"]
mod checks;

use artdiff::model::{Class, Comparison, Thresholds};
use artdiff::{analyse, Settings};
use proptest::prelude::*;

/// Sentences the generated articles share, so that matches really occur.
const POOL: &[&str] = &[
    "A section of the Storsund Bridge collapsed into the fjord early on Tuesday, killing one person.",
    "Two people were still missing on Tuesday evening, and divers were searching the strait.",
    "“We have not given up hope,” Police Inspector Søren Dahl told reporters.",
    "The 420-metre bridge opened in 1974 and carries about 6,000 vehicles a day.",
    "Transport Minister Ingrid Halvorsen called the collapse a national tragedy.",
    "Opened in 1974, the 420-metre crossing is used by some 6,000 vehicles daily.",
    "Families waiting for news have gathered in the Kalvik sports hall.",
    "東京の記者は橋の崩壊を報じた。",
    "The storm 🌊 brought waves of 3.5 metres — the highest since 1990.",
    "Dr. J. D. Vance said the U.S. would send engineers at 10.30 on Wednesday.",
    "Share :",
    "Prices rose by 14 per cent in the first quarter, the ministry said.",
];

fn sentence() -> impl Strategy<Value = String> {
    (0..POOL.len(), any::<bool>(), 0u8..4).prop_map(|(i, edit, n)| {
        let s = POOL[i].to_string();
        match (edit, n) {
            (false, _) => s,
            (true, 0) => s.replace("Tuesday", "Wednesday"),
            (true, 1) => s.replace("the", "a"),
            (true, 2) => s.to_uppercase(),
            (true, _) => format!("Officials said: {s}"),
        }
    })
}

fn article() -> impl Strategy<Value = String> {
    (
        "[A-Z][a-z]{2,8}( [a-z]{2,8}){0,4}",
        prop::collection::vec(prop::collection::vec(sentence(), 1..4), 0..5),
    )
        .prop_map(|(title, paragraphs)| {
            let body: Vec<String> = paragraphs.iter().map(|p| p.join(" ")).collect();
            format!("{title}\n\n{}\n", body.join("\n\n"))
        })
}

fn articles() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(article(), 2..5)
}

fn run(texts: &[String], settings: &Settings) -> Comparison {
    analyse(checks::load_texts(texts), settings)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn spans_lie_in_order_on_char_boundaries(texts in articles()) {
        let c = run(&texts, &Settings::default());
        for article in &c.articles {
            let mut last_end = 0;
            for p in &article.passages {
                prop_assert!(p.start < p.end && p.start >= last_end);
                prop_assert!(article.text.is_char_boundary(p.start) && article.text.is_char_boundary(p.end));
                prop_assert_eq!(&article.text[p.start..p.end], p.text.as_str());
                prop_assert_eq!(p.text.trim(), p.text.as_str());
                last_end = p.end;
            }
        }
    }

    #[test]
    fn matches_are_symmetric_and_classes_agree(texts in articles()) {
        let c = run(&texts, &Settings::default());
        checks::check_comparison(&c, Settings::default().thresholds);
        for (ai, article) in c.articles.iter().enumerate() {
            for (pi, p) in article.passages.iter().enumerate() {
                let strongest = p.matches.iter().map(|m| m.kind.class()).min();
                match p.class {
                    Class::Boilerplate => prop_assert!(p.matches.is_empty()),
                    Class::Unique => prop_assert!(p.matches.is_empty()),
                    class => prop_assert_eq!(Some(class), strongest),
                }
                for m in &p.matches {
                    prop_assert_ne!(m.article, ai, "no link inside one article");
                    let back = c.articles[m.article].passages[m.passage]
                        .matches
                        .iter()
                        .find(|b| b.article == ai && b.passage == pi);
                    prop_assert!(back.is_some(), "{}.{} -> {}.{} not mirrored", ai, pi, m.article, m.passage);
                    let back = back.unwrap();
                    prop_assert_eq!((back.kind, back.score.to_bits()), (m.kind, m.score.to_bits()));
                }
            }
        }
    }

    #[test]
    fn independent_of_article_order_and_stable(texts in articles(), seed in any::<u64>()) {
        let settings = Settings::default();
        let c = run(&texts, &settings);
        let again = run(&texts, &settings);
        prop_assert_eq!(serde_json::to_string(&c).unwrap(), serde_json::to_string(&again).unwrap());
        // A rotation and a reversal of the articles give the same links, renumbered.
        let n = texts.len();
        let shift = (seed as usize) % n;
        let mut order: Vec<usize> = (0..n).map(|i| (i + shift) % n).collect();
        if seed % 2 == 0 {
            order.reverse();
        }
        let permuted: Vec<String> = order.iter().map(|&i| texts[i].clone()).collect();
        let p = run(&permuted, &settings);
        let identity: Vec<usize> = (0..n).collect();
        prop_assert_eq!(checks::links(&c, &identity), checks::links(&p, &order));
    }

    #[test]
    fn reclassify_equals_a_fresh_analysis(texts in articles(), shared in 0.3f64..1.0, para in 0.1f64..1.0) {
        let thresholds = Thresholds { min_shared: shared, min_paraphrase: para };
        let mut c = run(&texts, &Settings::default());
        c.reclassify(thresholds);
        let fresh = run(&texts, &Settings { thresholds, ..Settings::default() });
        prop_assert_eq!(serde_json::to_string(&c).unwrap(), serde_json::to_string(&fresh).unwrap());
    }

    #[test]
    fn the_json_report_round_trips(texts in articles()) {
        let c = run(&texts, &Settings::default());
        let json = serde_json::to_string(&c).unwrap();
        let back: Comparison = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(serde_json::to_string(&back).unwrap(), json);
    }
}

// ------------------------------------------------------------------- hostile text, end to end
//
// The properties above run on clean sentences loaded as they are. These run whole files through
// ingest (decoding, escape removal, Markdown and HTML extraction) with hostile fragments mixed
// in, and check the spans, the symmetry and the reports themselves (not only the model).

/// Fragments that try to break things: terminal escapes, lone controls, bidi and zero-width
/// characters, combining marks, CRLF, markup, Markdown syntax, character references.
const HOSTILE: &[&str] = &[
    "\u{1b}[2J",
    "\u{1b}]0;title\u{7}",
    "\u{1b}]52;c;cm0=\u{1b}\\",
    "\u{1b}]8;;https://evil.example/\u{1b}\\link\u{1b}]8;;\u{1b}\\",
    "\u{1b}",
    "\u{7}",
    "\u{7f}",
    "\u{85}",
    "\u{9b}",
    "\u{202e}",
    "\u{2067}",
    "\u{200b}",
    "\u{200d}",
    "e\u{301}",
    "\u{2028}",
    "\r\n",
    "\r",
    "\t",
    "<script>alert(1)</script>",
    "</style>",
    "\"'><img src=x onerror=alert(2)>",
    "| a | b |",
    "*x* _y_ `z` [l](u)",
    "&#27;[2J",
    "&lt;&amp;",
];

fn hostile_article() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => sentence(),
            2 => prop::sample::select(HOSTILE).prop_map(str::to_string),
            1 => Just("\n\n".to_string()),
        ],
        0..24,
    )
    .prop_map(|parts| parts.join(" "))
}

fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t')
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn hostile_files_keep_every_invariant_and_every_report_inert(
        texts in prop::collection::vec(hostile_article(), 2..4),
        extensions in prop::collection::vec(prop::sample::select(&["txt", "md", "html"][..]), 4),
    ) {
        use artdiff::ingest::{load_bytes, LoadOptions};
        use artdiff::report::{self, ReportFormat};
        let loaded = texts
            .iter()
            .enumerate()
            .map(|(i, t)| load_bytes(&format!("{i}.{}", extensions[i]), t.as_bytes(), &LoadOptions::default()).unwrap())
            .collect();
        let c = analyse(loaded, &Settings::default());
        for (ai, article) in c.articles.iter().enumerate() {
            let mut last_end = 0;
            for (pi, p) in article.passages.iter().enumerate() {
                prop_assert!(p.start < p.end && p.start >= last_end);
                prop_assert_eq!(&article.text[p.start..p.end], p.text.as_str());
                last_end = p.end;
                for m in &p.matches {
                    let back = c.articles[m.article].passages[m.passage]
                        .matches
                        .iter()
                        .find(|b| b.article == ai && b.passage == pi);
                    prop_assert!(back.is_some_and(|b| b.kind == m.kind && b.score.to_bits() == m.score.to_bits()));
                }
            }
            // Ingest removed every complete sequence: no ESC followed by `[` or `]` survives.
            let sequence = article.text.contains("\u{1b}[") || article.text.contains("\u{1b}]");
            prop_assert!(!sequence, "an escape sequence survived in article {}", ai);
        }
        for format in [ReportFormat::Markdown, ReportFormat::Html] {
            let mut out = Vec::new();
            report::write(&c, format, &mut out).unwrap();
            let doc = String::from_utf8(out).unwrap();
            prop_assert_eq!(raw_controls(&doc), Vec::<char>::new(), "{:?}", format);
        }
        // The JSON report (its own writer, not serde's default one) is inert and parses back
        // to the same comparison.
        let mut out = Vec::new();
        report::write(&c, ReportFormat::Json, &mut out).unwrap();
        let json = String::from_utf8(out).unwrap();
        let raw: Vec<char> = json.chars().filter(|&ch| ch != '\n' && (ch.is_control() || !raw_controls(&ch.to_string()).is_empty())).collect();
        prop_assert!(raw.is_empty(), "raw characters in the JSON report: {:?}", raw);
        let back: Comparison = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(serde_json::to_string(&back).unwrap(), serde_json::to_string(&c).unwrap());
    }
}
