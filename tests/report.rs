//! The reports: JSON and Markdown snapshots of a comparison built by hand (so that they follow
//! the report format, not the engine's scores), the demo's reports checked part by part, HTML
//! structure, escaping of hostile article text in every format, and exports from the command
//! line.
//!
//! When the format changes on purpose, review and accept the snapshots with
//! `cargo insta review` (or `INSTA_UPDATE=always cargo test --test report`).

use artdiff::ingest::{self, LoadOptions, Loaded};
use artdiff::model::{Article, Class, Comparison, Passage};
use artdiff::report::{self, html, markdown, ReportFormat};
use artdiff::{analyse, Settings};
use assert_cmd::Command;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::path::Path;

fn demo() -> Comparison {
    let loaded = artdiff::demo::sources()
        .iter()
        .map(|s| ingest::load(s, &LoadOptions::default()).unwrap())
        .collect();
    analyse(loaded, &Settings::default())
}

fn render(c: &Comparison, format: ReportFormat) -> String {
    let mut out = Vec::new();
    report::write(c, format, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// Two articles full of markup, quotes, ampersands and control characters that share
/// sentences, so that hostile text also reaches links, diffs, terms and conflicts. Loaded as
/// they are (no ingest clean-up), so the reports' own neutralisation is what is tested.
const HOSTILE: [&str; 2] = [
    "Breaking <b>news</b> | \"all\" & 'some'\n\n\
     Security desk: the string <script>alert(1)</script> must be shown as text, never run.\n\n\
     Tags like </div></span><img src=x onerror=alert(2)> stay inert, officials said on Monday.\n\n\
     Budget maths: a & b < c holds and 14 councillors voted \u{1b}[31mred\u{7} today.\n\n\
     Markdown tricks: *not bold* _nor this_ `code` [click](https://evil.example/x) ![img](x.png) | a | b | \
     # not a heading, ~~gone~~, $x^2$, <https://evil.example>, www.evil.example and me@evil.example.\n\n\
     A closing </script><!-- tag and a line\u{2028}separator are harmless here.\n",
    "Other <i>desk</i>\n\n\
     Security desk: the string <script>alert(1)</script> must be shown as text, never run.\n\n\
     Tags like </div></span><img src=x onerror=alert(2)> stay inert, officials said on Tuesday.\n\n\
     Budget maths: a & b < c holds and 41 councillors voted \u{1b}[31mred\u{7} today.\n\n\
     Markdown tricks: *not bold* _nor this_ `code` [click](https://evil.example/x) ![img](x.png) | a | b | \
     # not a heading, ~~gone~~, $x^2$, <https://evil.example>, www.evil.example and me@evil.example.\n\n\
     The weather stayed dry and mild for most of the week, forecasters in the region reported.\n",
];

fn hostile() -> Comparison {
    let loaded = vec![
        Loaded::from_text("evil/<one>&\"1\".txt", HOSTILE[0]),
        Loaded::from_text("evil/two|`2`.txt", HOSTILE[1]),
    ];
    analyse(loaded, &Settings::default())
}

/// No C0 control but newline and tab, no DEL, no C1 control, no bidi override.
fn assert_no_controls(text: &str, what: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t')
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
    assert!(bad.is_empty(), "{what}: raw control characters {bad:?}");
}

// ------------------------------------------------------------------------------------ JSON

/// An article built by hand: the sentences joined by spaces into one paragraph, unique until
/// classified; a sentence starting with "Share" is boilerplate.
fn article(path: &str, title: &str, sentences: &[&str]) -> Article {
    let mut text = String::new();
    let mut passages = Vec::new();
    for s in sentences {
        if !text.is_empty() {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(s);
        passages.push(Passage {
            text: s.to_string(),
            start,
            end: text.len(),
            class: if s.starts_with("Share") {
                Class::Boilerplate
            } else {
                Class::Unique
            },
            ..Default::default()
        });
    }
    Article {
        path: path.into(),
        title: title.into(),
        text,
        passages,
        ..Default::default()
    }
}

/// Two short articles by hand, linked by hand, classified by the model's own `reclassify`:
/// a paraphrased headline, a shared sentence with a number conflict, a near miss below the
/// paraphrase threshold, a unique sentence and a boilerplate line. The report snapshots
/// below are taken on it, so they change with the report format only, never with the
/// engine's scores (the engine's own snapshot is `tests/engine.rs`'s outline of the demo).
fn sample() -> Comparison {
    use artdiff::model::{Conflict, ConflictKind, DiffOp, DiffRun, Link};
    let wire = article(
        "wire.txt",
        "Bridge falls into fjord",
        &[
            "Bridge falls into fjord",
            "Fourteen people were hurt, police said.",
            "The council set the deadline for Monday.",
            "Share this article",
        ],
    );
    let post = article(
        "post.md",
        "Storsund Bridge collapses",
        &[
            "Storsund Bridge collapses into the fjord",
            "Forty-one people were hurt, police said.",
            "On Monday the deadline was extended by the council.",
            "Divers searched the strait all night.",
        ],
    );
    let run = |op, text: &str| DiffRun {
        op,
        text: text.into(),
    };
    let headline = Link {
        a: (0, 0),
        b: (1, 0),
        a_len: 1,
        b_len: 1,
        verbatim: 0.5,
        paraphrase: 0.75,
        diff: vec![
            run(DiffOp::Insert, "Storsund"),
            run(DiffOp::Equal, "Bridge"),
            run(DiffOp::Delete, "falls"),
            run(DiffOp::Insert, "collapses"),
            run(DiffOp::Equal, "into fjord"),
        ]
        .into(),
        terms: vec!["bridge".into(), "fjord".into()].into(),
        conflicts: vec![],
    };
    let hurt = Link {
        a: (0, 1),
        b: (1, 1),
        verbatim: 0.875,
        paraphrase: 0.9375,
        diff: vec![
            run(DiffOp::Delete, "Fourteen"),
            run(DiffOp::Insert, "Forty-one"),
            run(DiffOp::Equal, "people were hurt, police said."),
        ]
        .into(),
        terms: vec!["hurt".into(), "police".into()].into(),
        conflicts: vec![Conflict {
            kind: ConflictKind::Number,
            a: "Fourteen".into(),
            b: "Forty-one".into(),
        }],
        ..headline.clone()
    };
    let near = Link {
        a: (0, 2),
        b: (1, 2),
        verbatim: 0.25,
        paraphrase: 0.375,
        diff: vec![
            run(DiffOp::Equal, "the deadline"),
            run(DiffOp::Delete, "set"),
            run(DiffOp::Insert, "extended"),
        ]
        .into(),
        terms: vec!["deadline".into(), "council".into()].into(),
        conflicts: vec![],
        ..headline.clone()
    };
    let mut c = Comparison {
        articles: vec![wire, post],
        links: vec![headline, hurt, near],
        ..Default::default()
    };
    c.reclassify(Settings::default().thresholds);
    c.summary.tool = format!("artdiff {}", env!("CARGO_PKG_VERSION"));
    c
}

#[test]
fn json_report_snapshot() {
    let c = sample();
    let classes: Vec<Class> = c.articles[0].passages.iter().map(|p| p.class).collect();
    assert_eq!(
        classes,
        [
            Class::Paraphrased,
            Class::Shared,
            Class::Unique,
            Class::Boilerplate
        ]
    );
    let text = render(&c, ReportFormat::Json);
    assert!(text.ends_with("}\n"), "pretty JSON and a final newline");
    assert!(
        text.starts_with("{\n  \"articles\": ["),
        "articles first, indented"
    );
    let tool = format!("\"tool\": \"artdiff {}\"", env!("CARGO_PKG_VERSION"));
    assert_eq!(text.matches(&tool).count(), 1);
    // The report as written, field order included; the version changes with releases only.
    insta::assert_snapshot!(text.replace(&tool, "\"tool\": \"artdiff [version]\""));
}

#[test]
fn json_report_is_stable_and_round_trips() {
    let c = demo();
    let a = render(&c, ReportFormat::Json);
    let b = render(&demo(), ReportFormat::Json);
    assert_eq!(a, b, "the same input gives the same bytes");
    let mut back: Comparison = serde_json::from_str(&a).unwrap();
    back.links = c.links.clone();
    assert_eq!(
        back, c,
        "the report holds the whole model but the cached links"
    );

    // Field order is the model's: articles, then the summary in its documented order.
    let at = |key: &str| a.find(&format!("\n  \"{key}\":")).unwrap_or(usize::MAX);
    assert!(at("articles") < at("summary") && at("summary") < usize::MAX);
    let at = |key: &str| a.find(&format!("\n    \"{key}\":")).unwrap_or(usize::MAX);
    let order = ["tool", "thresholds", "coverage", "matrix"].map(at);
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "summary order {order:?}"
    );
    let v: serde_json::Value = serde_json::from_str(&a).unwrap();
    let n = c.articles.len();
    assert_eq!(v["summary"]["matrix"].as_array().unwrap().len(), n);
    assert_eq!(v["summary"]["coverage"].as_array().unwrap().len(), n);
    // Every match carries its evidence, and conflicts have both readings.
    let mut conflicts = 0;
    for article in v["articles"].as_array().unwrap() {
        for p in article["passages"].as_array().unwrap() {
            for m in p["matches"].as_array().unwrap() {
                for key in [
                    "article",
                    "passage",
                    "kind",
                    "score",
                    "verbatim",
                    "paraphrase",
                    "diff",
                    "terms",
                    "conflicts",
                ] {
                    assert!(m.get(key).is_some(), "match without {key}: {m}");
                }
                for c in m["conflicts"].as_array().unwrap() {
                    assert!(c["a"].is_string() && c["b"].is_string() && c["kind"].is_string());
                    conflicts += 1;
                }
            }
        }
    }
    assert!(conflicts > 0, "the demo's conflicts reach the report");
}

#[test]
fn json_report_keeps_hostile_text_as_data() {
    let text = render(&hostile(), ReportFormat::Json);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let first = v["articles"][0]["passages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(first.contains("<script>alert(1)</script>"));
    assert!(
        first.contains("\u{1b}[31mred\u{7}"),
        "JSON keeps the text exactly"
    );
    assert!(!text.contains('\u{1b}'), "…as escapes, never raw bytes");
}

// -------------------------------------------------------------------------------- Markdown

#[test]
fn markdown_report_snapshot() {
    let md = markdown::render(&sample());
    insta::assert_snapshot!(md.replace(env!("CARGO_PKG_VERSION"), "[version]"));
}

#[test]
fn markdown_report_has_every_part() {
    let c = demo();
    let md = markdown::render(&c);
    for heading in [
        "# Comparison of 3 articles",
        "## Summary",
        "## Similarity",
        "## Fact conflicts",
    ] {
        assert!(md.contains(heading), "no {heading:?}");
    }
    for (i, a) in c.articles.iter().enumerate() {
        let escaped = markdown::escape(&a.title);
        assert!(
            md.contains(&format!("## {} · {}", i + 1, escaped)),
            "no section for {}",
            a.path
        );
    }
    for class in Class::ALL {
        assert!(md.contains(&format!("`{}` **{}**", class.marker(), class.name())));
    }
    // Both readings of every conflict, and every counterpart line names passage, kind, score.
    for a in &c.articles {
        for p in &a.passages {
            for m in &p.matches {
                for conflict in &m.conflicts {
                    let line = format!(
                        "⚠ {}: “{}” vs “{}”",
                        conflict.kind.name(),
                        markdown::escape(&conflict.a),
                        markdown::escape(&conflict.b)
                    );
                    assert!(md.contains(&line), "no {line:?}");
                }
                let line = format!("↔ {}:{} (", m.article + 1, m.passage + 1);
                assert!(md.contains(&line));
            }
        }
    }
}

#[test]
fn markdown_conflicts_in_context_quote_both_passages_inside_their_item() {
    let c = demo();
    let md = markdown::render(&c);
    let conflicts: usize = c
        .articles
        .iter()
        .flat_map(|a| &a.passages)
        .flat_map(|p| &p.matches)
        .map(|m| m.conflicts.len())
        .sum();
    assert!(
        conflicts >= 20,
        "the demo has ten or more conflicts, seen from both sides"
    );
    let (mut items, mut inside, mut outside) = (0usize, 0, 0);
    for e in parse(&md) {
        match e {
            Event::Start(Tag::Item) => items += 1,
            Event::End(TagEnd::Item) => items -= 1,
            Event::Start(Tag::BlockQuote(_)) if items > 0 => inside += 1,
            Event::Start(Tag::BlockQuote(_)) => outside += 1,
            _ => {}
        }
    }
    // Each conflict is listed once per pair of passages.
    assert_eq!(
        inside * 2,
        conflicts,
        "one quote per conflict, in its list item"
    );
    assert_eq!(outside, 0, "no quote fell out of its list item");
}

/// Parses Markdown as GitHub would (tables, strike-through, maths, footnotes...).
fn parse(md: &str) -> Vec<Event<'_>> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_MATH
        | Options::ENABLE_GFM;
    Parser::new_ext(md, options).collect()
}

#[test]
fn markdown_escapes_hostile_text() {
    let c = hostile();
    let md = markdown::render(&c);
    assert_no_controls(&md, "Markdown");
    let events = parse(&md);
    let mut text = String::new();
    let mut header_cells = 0;
    let mut row_cells = 0;
    let mut in_head = false;
    for e in &events {
        match e {
            Event::Html(h) | Event::InlineHtml(h) => panic!("HTML reached the Markdown: {h:?}"),
            Event::InlineMath(m) | Event::DisplayMath(m) => panic!("maths: {m:?}"),
            Event::Code(code) => {
                // Only the class markers are code.
                assert!(
                    Class::ALL
                        .iter()
                        .any(|c| code.as_ref() == c.marker().to_string()),
                    "code span from article text: {code:?}"
                );
            }
            Event::FootnoteReference(f) => panic!("footnote: {f:?}"),
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => panic!("link from article text"),
            Event::Start(Tag::Strikethrough) => panic!("strike-through from article text"),
            Event::Start(Tag::Emphasis) => panic!("emphasis from article text"),
            Event::Start(Tag::TableHead) => {
                in_head = true;
                header_cells = 0;
            }
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => row_cells = 0,
            Event::Start(Tag::TableCell) => {
                if in_head {
                    header_cells += 1;
                } else {
                    row_cells += 1;
                }
            }
            Event::End(TagEnd::TableRow) => {
                assert_eq!(row_cells, header_cells, "a table row lost its shape")
            }
            Event::Text(t) => text.push_str(t),
            _ => {}
        }
    }
    // Headings: the report's own only, none from article text.
    let headings = events
        .iter()
        .filter(|e| matches!(e, Event::Start(Tag::Heading { .. })))
        .count();
    let ours = 1 + 3 + 2 + 1; // title, summary/matrix/conflicts, one per article, "In context"
    assert!(headings >= ours, "headings: {headings}");
    for shown in [
        "<script>alert(1)</script>",
        "</div></span><img src=x onerror=alert(2)>",
        "a & b < c",
        "*not bold* _nor this_ `code` [click](https://evil.example/x) ![img](x.png) | a | b | # not a heading, ~~gone~~, $x^2$, <https://evil.example>, www.evil.example and me@evil.example.",
        "red␇ today",
        "Breaking <b>news</b> | \"all\" & 'some'",
        "evil/<one>&\"1\".txt",
        "evil/two|`2`.txt",
    ] {
        assert!(text.contains(shown), "not shown as text: {shown:?}");
    }
    // Both readings of the number conflict.
    assert!(md.contains("“14” vs “41”") || md.contains("“41” vs “14”"));
}

// ------------------------------------------------------------------------------------ HTML

/// The contents of the first element that starts with `open`, up to `close`.
fn between<'a>(h: &'a str, open: &str, close: &str) -> &'a str {
    let start = h.find(open).unwrap_or_else(|| panic!("no {open}")) + open.len();
    let end = start + h[start..].find(close).unwrap();
    &h[start..end]
}

#[test]
fn html_report_structure() {
    let c = demo();
    let h = render(&c, ReportFormat::Html);
    assert!(h.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(h.ends_with("</body>\n</html>\n"));
    assert!(h.contains("<meta charset=\"utf-8\">"));
    assert!(h.contains(&html::content_security_policy()));
    assert_eq!(h.matches("<style>").count(), 1);
    assert_eq!(
        h.matches("<script").count(),
        2,
        "the data block and the script"
    );
    assert!(h.contains(&format!("<script>{}</script>", html::SCRIPT)));
    assert!(h.contains(&format!("<style>\n{}</style>", html::STYLE)));

    // Summary, matrix, conflicts, legend with a toggle per class, one column per article.
    for id in [
        "summary",
        "matrix",
        "conflicts",
        "legend",
        "articles",
        "detail",
    ] {
        assert!(h.contains(&format!("id=\"{id}\"")), "no #{id}");
    }
    for class in Class::ALL {
        assert!(h.contains(&format!(
            "id=\"show-{0}\" data-class=\"{0}\" checked",
            class.name()
        )));
    }
    assert_eq!(
        h.matches("<article class=\"col\"").count(),
        c.articles.len()
    );
    assert!(h.contains(&format!("style=\"--n:{}\"", c.articles.len())));
    for (i, a) in c.articles.iter().enumerate() {
        assert!(h.contains(&html::escape(&a.title)));
        for (k, p) in a.passages.iter().enumerate() {
            let open = format!(
                "<span class=\"p {}{}\" id=\"p-{i}-{k}\" data-a=\"{i}\" data-p=\"{k}\"",
                p.class.name(),
                if p.matches.iter().any(|m| !m.conflicts.is_empty()) {
                    " has-conflict"
                } else {
                    ""
                }
            );
            assert!(h.contains(&open), "no {open}");
            // The marker carries the class without colour; the counterparts are linked.
            assert!(h.contains(&format!(
                "<span class=\"mk\" aria-hidden=\"true\">{}</span>",
                p.class.marker()
            )));
            for m in &p.matches {
                assert!(h.contains(&format!(
                    "href=\"#p-{}-{}\">{}:{}</a>",
                    m.article,
                    m.passage,
                    m.article + 1,
                    m.passage + 1
                )));
            }
        }
    }

    // The embedded data mirrors the comparison's links.
    let json = between(
        &h,
        "<script type=\"application/json\" id=\"artdiff-data\">",
        "</script>",
    );
    let data: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(data["articles"].as_array().unwrap().len(), c.articles.len());
    for (i, a) in c.articles.iter().enumerate() {
        for (k, p) in a.passages.iter().enumerate() {
            let d = &data["articles"][i]["passages"][k];
            assert_eq!(d["class"], p.class.name());
            assert_eq!(d["matches"].as_array().unwrap().len(), p.matches.len());
            for (m, dm) in p.matches.iter().zip(d["matches"].as_array().unwrap()) {
                assert_eq!(dm["article"], m.article);
                assert_eq!(dm["passage"], m.passage);
                assert_eq!(dm["diff"].as_array().unwrap().len(), m.diff.len());
                assert_eq!(dm["conflicts"].as_array().unwrap().len(), m.conflicts.len());
            }
        }
    }
}

#[test]
fn html_report_makes_no_external_reference() {
    for c in [demo(), hostile()] {
        let h = render(&c, ReportFormat::Html);
        let lower = h.to_ascii_lowercase();
        for needle in [
            "@import",
            "url(",
            "@font-face",
            "<link",
            "<iframe",
            "<img",
            "<object",
            "<embed",
        ] {
            assert!(!lower.contains(needle), "{needle} in the report");
        }
        // Every tag's URL attributes point inside the page. Article text is escaped, so every
        // `<` outside the style and scripts opens a tag of the report's own.
        let mut markup = lower.clone();
        for (open, close) in [("<style>", "</style>"), ("<script", "</script>")] {
            while let Some(start) = markup.find(open) {
                let end = start + markup[start..].find(close).unwrap() + close.len();
                markup.replace_range(start..end, "");
            }
        }
        let mut tags = 0;
        for tag in markup.split('<').skip(1) {
            let tag = &tag[..tag.find('>').unwrap()];
            tags += 1;
            for attr in [
                " src=",
                " href=",
                " action=",
                " srcset=",
                " poster=",
                " formaction=",
            ] {
                for (at, _) in tag.match_indices(attr) {
                    assert!(
                        tag[at + attr.len()..].starts_with("\"#"),
                        "not a fragment: <{tag}>"
                    );
                }
            }
        }
        assert!(tags > 100);
        // The CSP forbids every fetch, whatever the page holds.
        assert!(h.contains("content=\"default-src 'none'; script-src 'sha256-"));
    }
}

#[test]
fn html_escapes_hostile_text() {
    let c = hostile();
    let h = render(&c, ReportFormat::Html);
    assert_no_controls(&h, "HTML");
    // Markup from the articles never appears as markup, anywhere (body, attributes, data).
    for raw in [
        "<script>alert",
        "</div></span><img",
        "<b>news",
        "<i>desk",
        "</script><!--",
        "a & b",
        " < c",
        "<one>",
    ] {
        assert!(!h.contains(raw), "raw {raw:?} in the HTML report");
    }
    assert_eq!(h.matches("<script").count(), 2);
    assert_eq!(h.matches("</script>").count(), 2);
    assert!(h.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(h.contains("a &amp; b &lt; c"));
    assert!(h.contains("&quot;all&quot; &amp; &#39;some&#39;"));
    assert!(h.contains("red␇ today"), "controls shown as pictures");
    assert!(h.contains("evil/&lt;one&gt;&amp;&quot;1&quot;.txt"));

    // The data block: escaped for the script element, still the same text once parsed.
    let json = between(
        &h,
        "<script type=\"application/json\" id=\"artdiff-data\">",
        "</script>",
    );
    assert!(!json.contains('<') && !json.contains('>') && !json.contains('&'));
    assert!(!json.contains('\u{2028}') && !json.contains('\u{2029}'));
    let data: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(data["articles"][0]["name"], "<one>&\"1\".txt");
    let all = data.to_string();
    assert!(all.contains("alert(1)"), "hostile text reaches the data");
}

// ------------------------------------------------------------------ near misses

/// Two articles by hand: 1:1 and 2:1 were scored (paraphrase 0.41) but stay below the
/// paraphrase threshold, so both are unique with one near miss; 1:2 and 2:2 are shared.
/// The key terms carry markup, to see that it is escaped.
fn near_miss_comparison() -> Comparison {
    use artdiff::model::{Conflict, ConflictKind, DiffOp, DiffRun, Link};
    let a = article(
        "a.txt",
        "a.txt",
        &[
            "The council set the deadline for Monday.",
            "Fourteen people were hurt.",
        ],
    );
    let b = article(
        "b.txt",
        "b.txt",
        &[
            "On Monday the deadline was extended by the <b>council</b>.",
            "Fourteen people were hurt.",
        ],
    );
    let run = |op, text: &str| DiffRun {
        op,
        text: text.into(),
    };
    let near = Link {
        a: (0, 0),
        b: (1, 0),
        a_len: 1,
        b_len: 1,
        verbatim: 0.32,
        paraphrase: 0.41,
        diff: vec![
            run(DiffOp::Equal, "the deadline"),
            run(DiffOp::Delete, "set"),
            run(DiffOp::Insert, "extended"),
        ]
        .into(),
        terms: vec!["Monday".into(), "deadline".into(), "<b>council</b>".into()].into(),
        conflicts: vec![Conflict {
            kind: ConflictKind::Date,
            a: "for Monday".into(),
            b: "On Monday".into(),
        }],
    };
    let shared = Link {
        a: (0, 1),
        b: (1, 1),
        verbatim: 1.0,
        paraphrase: 1.0,
        diff: vec![].into(),
        terms: vec![].into(),
        conflicts: vec![],
        ..near.clone()
    };
    let mut c = Comparison {
        articles: vec![a, b],
        links: vec![near, shared],
        ..Default::default()
    };
    c.reclassify(Settings::default().thresholds);
    c
}

#[test]
fn html_report_shows_the_near_misses_of_unique_passages() {
    let c = near_miss_comparison();
    assert_eq!(c.articles[0].passages[0].class, Class::Unique);
    let h = render(&c, ReportFormat::Html);
    // Without the script: a tooltip on the unique passage, article text escaped.
    let open =
        "<span class=\"p unique\" id=\"p-0-0\" data-a=\"0\" data-p=\"0\" tabindex=\"0\" title=\"";
    let title = between(&h, open, "\">");
    assert_eq!(
        title,
        "Closest, below the thresholds:&#10;2:1 paraphrase 0.41 (needs 0.55) · shares Monday, \
         deadline, &lt;b&gt;council&lt;/b&gt; · differs set/extended · ⚠ date for Monday ≠ On Monday"
    );
    // From the other side, the words and readings swap.
    let open =
        "<span class=\"p unique\" id=\"p-1-0\" data-a=\"1\" data-p=\"0\" tabindex=\"0\" title=\"";
    assert!(between(&h, open, "\">")
        .contains("1:1 paraphrase 0.41 (needs 0.55) · shares Monday, deadline, &lt;b&gt;council&lt;/b&gt; · differs extended/set · ⚠ date On Monday ≠ for Monday"));
    // Shared passages get no tooltip.
    assert!(h.contains("id=\"p-0-1\" data-a=\"0\" data-p=\"1\" tabindex=\"0\">"));
    assert!(!h.contains("<b>council"));

    // For the script's detail panel: the same, as data, on unique passages only.
    let json = between(
        &h,
        "<script type=\"application/json\" id=\"artdiff-data\">",
        "</script>",
    );
    let data: serde_json::Value = serde_json::from_str(json).unwrap();
    let near = &data["articles"][0]["passages"][0]["near"][0];
    assert_eq!(near["reference"], "2:1");
    assert_eq!(near["score_name"], "paraphrase");
    assert_eq!(near["score"], 0.41);
    assert_eq!(near["threshold"], 0.55);
    assert_eq!(near["terms"][2], "<b>council</b>");
    assert_eq!(near["differs"][0], "set/extended");
    assert_eq!(near["conflicts"][0]["a"], "for Monday");
    assert!(data["articles"][0]["passages"][1].get("near").is_none());
    assert!(html::SCRIPT.contains("Closest (below thresholds)"));
    assert!(html::SCRIPT.contains("No candidate came close."));

    // Lowered below 0.41, the pair is a match and the tooltip goes.
    let mut lower = c.clone();
    lower.reclassify(artdiff::model::Thresholds {
        min_shared: 0.7,
        min_paraphrase: 0.4,
    });
    let h = render(&lower, ReportFormat::Html);
    assert!(!h.contains("Closest, below"));
}

#[test]
fn markdown_report_lists_the_near_misses_of_unique_passages() {
    let md = render(&near_miss_comparison(), ReportFormat::Markdown);
    assert!(
        md.contains(
            "- **1:1** The council set the deadline for Monday.\n  - closest, below the \
             thresholds: 2:1 paraphrase 0.41 (needs 0.55) · shares Monday, deadline, \
             \\<b\\>council\\</b\\> · differs set/extended · ⚠ date for Monday ≠ On Monday\n"
        ),
        "{md}"
    );
    assert_eq!(md.matches("closest, below the thresholds").count(), 2);
}

// ------------------------------------------------------------------ odd comparisons, no panic

#[test]
fn reports_of_empty_and_malformed_comparisons() {
    let empty = Comparison::default();
    let one_empty = Comparison {
        articles: vec![Article {
            path: "-".into(),
            ..Default::default()
        }],
        ..Default::default()
    };
    // A match pointing nowhere, offsets past the text, no summary.
    let mut broken = demo();
    broken.summary = Default::default();
    let mut stray = broken.articles[0].passages[1].matches[0].clone();
    stray.article = 9;
    broken.articles[0].passages[0].matches.push(stray);
    broken.articles[1].text.clear();
    broken.articles[1].passages.push(Passage {
        text: "Stray.".into(),
        start: 5,
        end: 2,
        ..Default::default()
    });
    for c in [empty, one_empty, broken] {
        for format in ReportFormat::ALL {
            let text = render(&c, format);
            assert!(!text.is_empty());
        }
    }
}

// ----------------------------------------------------------------------------- command line

fn artdiff() -> Command {
    Command::cargo_bin("artdiff").unwrap()
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn cli_writes_each_format_by_extension_and_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    for (name, looks) in [
        ("r.json", "{\n"),
        ("r.md", "# Comparison of 3 articles"),
        ("r.markdown", "# Comparison of 3 articles"),
        ("r.html", "<!DOCTYPE html>"),
        ("r.htm", "<!DOCTYPE html>"),
    ] {
        let path = dir.path().join(name);
        artdiff().arg("--export").arg(&path).assert().success();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with(looks), "{name}: {}", &text[..40]);
    }
    for (format, looks) in [
        ("json", "{\n"),
        ("md", "# Comparison"),
        ("html", "<!DOCTYPE html>"),
    ] {
        let out = artdiff()
            .args(["--export", "-", "--format", format])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        assert!(
            String::from_utf8(out).unwrap().starts_with(looks),
            "{format}"
        );
    }
    // --format wins over the extension.
    let path = dir.path().join("report.txt");
    artdiff()
        .arg("--export")
        .arg(&path)
        .args(["--format", "md"])
        .assert()
        .success();
    assert!(std::fs::read_to_string(&path)
        .unwrap()
        .starts_with("# Comparison"));
    // Nothing but the reports in the folder: no temporary file left behind.
    assert_eq!(
        entries(dir.path()),
        [
            "r.htm",
            "r.html",
            "r.json",
            "r.markdown",
            "r.md",
            "report.txt"
        ]
    );
}

#[test]
fn cli_replaces_a_previous_report_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.html");
    std::fs::write(&path, "old report").unwrap();
    artdiff().arg("--export").arg(&path).assert().success();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("<!DOCTYPE html>") && text.ends_with("</html>\n"));
    assert_eq!(entries(dir.path()), ["report.html"]);
}

#[test]
fn cli_export_into_a_missing_directory_fails_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["report.md", "report.html"] {
        let path = dir.path().join("missing").join(name);
        let out = artdiff()
            .arg("--export")
            .arg(&path)
            .assert()
            .failure()
            .get_output()
            .clone();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
        assert!(
            stderr.contains("missing") && !stderr.contains("panicked"),
            "{stderr}"
        );
        assert!(out.stdout.is_empty());
    }
    assert!(entries(dir.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn cli_export_into_a_read_only_directory_fails_and_keeps_the_old_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    let path = locked.join("report.html");
    std::fs::write(&path, "PRECIOUS").unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root writes anywhere: the check means nothing there.
    let probe = locked.join(".probe");
    if std::fs::write(&probe, b"x").is_ok() {
        let _ = std::fs::remove_file(&probe);
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!("skipped: permissions are not enforced for this user");
        return;
    }
    let out = artdiff()
        .arg("--export")
        .arg(&path)
        .assert()
        .failure()
        .get_output()
        .clone();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("report.html"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "PRECIOUS");
    assert_eq!(entries(&locked), ["report.html"]);
}
