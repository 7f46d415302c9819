//! The self-contained HTML report: one file, inline CSS and script, no network access.
//!
//! The page is rendered in full here, so it reads (and prints) with scripting off: summary
//! and similarity matrix, the chronology, the sources (provenance of every article), the
//! fact conflicts, a legend with class toggles, then the articles in
//! side-by-side columns (stacked on narrow windows), each passage tinted by class and marked
//! with the class marker (`=` `~` `+` `#`), followed by links to its counterparts; a unique
//! passage whose candidates came close carries them as a `title` tooltip. The script
//! ([`SCRIPT`]) adds hover and click highlighting of counterparts and a detail panel with the
//! word diff, key terms and conflicts of each link (for a unique passage: its closest
//! candidates below the thresholds), from the comparison embedded as JSON in a
//! `<script type="application/json">` block.
//!
//! Safety: every piece of article text goes through [`printable`] and is HTML-escaped; the
//! embedded JSON has `<`, `>`, `&`, U+2028 and U+2029 escaped, so no text can close the block;
//! the script only ever sets text with `textContent`; and a Content-Security-Policy allows no
//! network request of any kind and no script but the report's own (pinned by its SHA-256).

use super::common::{
    chronology_sentence, class_description, class_title, conflict_rows, first_published,
    near_miss_line, passage_ref, percent, provenance_rows, score, short_name,
};
use super::ReportError;
use crate::model::{Article, Class, ClassCounts, Comparison, Conflict, Coverage, DiffOp, Match};
use crate::near_miss::{self, NearMiss};
use crate::safe_text::printable;
use crate::timestamps;
use base64::Engine as _;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use std::io::Write;

/// The report's style sheet.
pub const STYLE: &str = include_str!("report.css");
/// The report's script.
pub const SCRIPT: &str = include_str!("report.js");

/// Writes the HTML report.
pub fn write(comparison: &Comparison, out: &mut dyn Write) -> Result<(), ReportError> {
    out.write_all(render(comparison).as_bytes())
        .map_err(|source| ReportError::Io {
            path: "-".into(),
            source,
        })
}

/// The Content-Security-Policy of the report: nothing may be fetched, and the only script
/// that may run is [`SCRIPT`].
pub fn content_security_policy() -> String {
    format!(
        "default-src 'none'; script-src 'sha256-{}'; style-src 'unsafe-inline'; img-src data:; \
         base-uri 'none'; form-action 'none'",
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(SCRIPT.as_bytes()))
    )
}

/// Article text as HTML text or attribute value: controls made visible, then `&`, `<`, `>`,
/// `"` and `'` escaped.
pub fn escape(text: &str) -> String {
    let text = printable(text);
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// JSON that is safe inside a `<script>` element: `<`, `>` and `&` (so no `</script>` nor
/// `<!--`) and the JavaScript line terminators U+2028/U+2029 become `\uXXXX` escapes. They can
/// only occur inside JSON strings, where the escapes mean the same characters.
pub fn script_json(value: &impl Serialize) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".into());
    let mut out = String::with_capacity(json.len() + 64);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            _ => out.push(c),
        }
    }
    out
}

/// The HTML report as a string.
pub fn render(comparison: &Comparison) -> String {
    let mut h = String::with_capacity(64 * 1024);
    let titles: Vec<String> = comparison.articles.iter().map(display_title).collect();
    let n = comparison.articles.len();
    let tool = if comparison.summary.tool.is_empty() {
        concat!("artdiff ", env!("CARGO_PKG_VERSION")).to_string()
    } else {
        comparison.summary.tool.clone()
    };

    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(
        h,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        content_security_policy()
    );
    h.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    let _ = writeln!(h, "<meta name=\"generator\" content=\"{}\">", escape(&tool));
    let _ = writeln!(
        h,
        "<title>Comparison: {} — artdiff</title>",
        escape(&titles.join(" · "))
    );
    let _ = writeln!(h, "<style>\n{STYLE}</style>\n</head>");
    h.push_str("<body class=\"nojs\">\n");

    // Page header.
    h.push_str("<header class=\"top\">\n<p class=\"kicker\">artdiff report</p>\n");
    let _ = writeln!(h, "<h1>Comparison of {n} article{}</h1>", plural(n));
    h.push_str("<p class=\"meta\">");
    let _ = write!(h, "<span>{}</span>", escape(&tool));
    if let Some(t) = comparison.summary.thresholds {
        let _ = write!(
            h,
            "<span>shared from verbatim score {}</span><span>paraphrased from paraphrase score {}</span>",
            score(t.min_shared),
            score(t.min_paraphrase)
        );
    }
    h.push_str("<span>passages are named article:passage, counted from 1</span></p>\n");
    h.push_str(
        "<nav aria-label=\"Sections\"><a href=\"#summary\">Summary</a><a href=\"#sources\">Sources</a>\
         <a href=\"#conflicts\">Fact conflicts</a><a href=\"#articles\">Articles side by side</a></nav>\n</header>\n",
    );

    h.push_str("<main>\n<div class=\"overview\">\n");
    summary(comparison, &titles, &mut h);
    matrix(comparison, &mut h);
    chronology(comparison, &mut h);
    h.push_str("</div>\n");
    sources(comparison, &mut h);
    conflicts(comparison, &mut h);
    h.push_str("</main>\n");

    legend(comparison, &mut h);
    columns(comparison, &titles, &mut h);

    h.push_str(
        "<aside id=\"detail\" class=\"detail\" role=\"region\" aria-label=\"Passage detail\" hidden></aside>\n",
    );
    let _ = writeln!(
        h,
        "<footer class=\"foot\">Made with {}. This page is self-contained: it loads nothing from \
         the network.</footer>",
        escape(&tool)
    );
    let _ = writeln!(
        h,
        "<script type=\"application/json\" id=\"artdiff-data\">{}</script>",
        script_json(&data(comparison))
    );
    let _ = writeln!(h, "<script>{SCRIPT}</script>");
    h.push_str("</body>\n</html>\n");
    h
}

/// The title to show: the article's title, else its file name.
fn display_title(a: &Article) -> String {
    if a.title.trim().is_empty() {
        short_name(&a.path)
    } else {
        a.title.trim().to_string()
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The coverage of article `i`: from the summary, or counted from the passages when the
/// summary does not have it.
fn coverage(comparison: &Comparison, i: usize) -> Coverage {
    if let Some(c) = comparison.summary.coverage.get(i) {
        return *c;
    }
    let mut c = Coverage::default();
    for p in &comparison.articles[i].passages {
        c.bytes.add(p.class, p.end.saturating_sub(p.start));
        c.passages.add(p.class, 1);
    }
    c
}

fn counts(a: &Article) -> ClassCounts {
    let mut c = ClassCounts::default();
    for p in &a.passages {
        c.add(p.class, 1);
    }
    c
}

fn bar(c: &Coverage, h: &mut String) {
    let label = format!(
        "{} shared, {} paraphrased, {} unique",
        percent(c.share(Class::Shared)),
        percent(c.share(Class::Paraphrased)),
        percent(c.share(Class::Unique))
    );
    let _ = write!(
        h,
        "<div class=\"bar\" role=\"img\" aria-label=\"{label}\" title=\"{label}\">"
    );
    for class in [Class::Shared, Class::Paraphrased, Class::Unique] {
        let share = c.share(class);
        if share > 0.0 {
            let _ = write!(
                h,
                "<span class=\"{}\" style=\"width:{:.2}%\"></span>",
                class.name(),
                share * 100.0
            );
        }
    }
    h.push_str("</div>");
}

fn article_cell(comparison: &Comparison, titles: &[String], i: usize, h: &mut String) {
    let a = &comparison.articles[i];
    let _ = write!(
        h,
        "<span class=\"badge\">{}</span><span class=\"art-name\">{}</span><span class=\"sub art-file\">{}</span>",
        i + 1,
        escape(&titles[i]),
        escape(&a.path)
    );
}

fn summary(comparison: &Comparison, titles: &[String], h: &mut String) {
    h.push_str("<section class=\"card\" id=\"summary\" aria-labelledby=\"summary-h\">\n");
    h.push_str("<h2 id=\"summary-h\">Summary</h2>\n");
    if comparison.articles.is_empty() {
        h.push_str("<p class=\"note\">No articles.</p>\n</section>\n");
        return;
    }
    h.push_str("<div class=\"table-wrap\"><table class=\"coverage\">\n<thead><tr><th>Article</th><th class=\"r\">Passages</th>");
    for class in Class::ALL {
        let _ = write!(
            h,
            "<th class=\"r\"><span class=\"swatch {}\" aria-hidden=\"true\">{}</span> {}</th>",
            class.name(),
            class.marker(),
            class_title(class)
        );
    }
    h.push_str("<th>Coverage</th></tr></thead>\n<tbody>\n");
    for (i, a) in comparison.articles.iter().enumerate() {
        let c = coverage(comparison, i);
        let n = counts(a);
        h.push_str("<tr><th scope=\"row\">");
        article_cell(comparison, titles, i, h);
        let _ = write!(
            h,
            "</th><td class=\"r\">{}<span class=\"sub\">{}</span></td>",
            a.passages.len(),
            a.format.name()
        );
        for class in Class::ALL {
            if class == Class::Boilerplate {
                let _ = write!(h, "<td class=\"r\">{}</td>", n.get(class));
            } else {
                let _ = write!(
                    h,
                    "<td class=\"r\">{}<span class=\"sub\">{}</span></td>",
                    n.get(class),
                    percent(c.share(class))
                );
            }
        }
        h.push_str("<td>");
        bar(&c, h);
        h.push_str("</td></tr>\n");
    }
    h.push_str("</tbody></table></div>\n");
    h.push_str(
        "<p class=\"note\">Counts are passages; percentages are shares of each article's text \
         outside boilerplate, by length.</p>\n</section>\n",
    );
}

fn matrix(comparison: &Comparison, h: &mut String) {
    let n = comparison.articles.len();
    let m = &comparison.summary.matrix;
    if n < 2 || m.len() != n {
        return;
    }
    h.push_str("<section class=\"card\" id=\"matrix\" aria-labelledby=\"matrix-h\">\n");
    h.push_str("<h2 id=\"matrix-h\">Similarity</h2>\n");
    h.push_str(
        "<div class=\"table-wrap\"><table class=\"matrix\">\n<thead><tr><th>Row has in →</th>",
    );
    for j in 0..n {
        let _ = write!(
            h,
            "<th class=\"colh\" title=\"{}\"><span class=\"badge\">{}</span></th>",
            escape(&short_name(&comparison.articles[j].path)),
            j + 1
        );
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for (i, row) in m.iter().enumerate() {
        let _ = write!(
            h,
            "<tr><th scope=\"row\"><span class=\"badge\">{}</span><span class=\"art-file\">{}</span></th>",
            i + 1,
            escape(&short_name(&comparison.articles[i].path))
        );
        for j in 0..n {
            if i == j {
                h.push_str("<td class=\"diag\">—</td>");
            } else {
                let v = row.get(j).copied().unwrap_or(0.0);
                let v = if v.is_finite() {
                    v.clamp(0.0, 1.0)
                } else {
                    0.0
                };
                let _ = write!(
                    h,
                    "<td class=\"cell\" style=\"--v:{v:.3}\" title=\"{} of {} has a counterpart in {}\">{}</td>",
                    percent(v),
                    escape(&short_name(&comparison.articles[i].path)),
                    escape(&short_name(&comparison.articles[j].path)),
                    percent(v)
                );
            }
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody></table></div>\n");
    h.push_str(
        "<p class=\"note\">Share of each row's article that has a counterpart (shared or \
         paraphrased) in the column's article.</p>\n</section>\n",
    );
}

/// Which article came first, and how much of each later article the earlier ones hold.
fn chronology(comparison: &Comparison, h: &mut String) {
    let Some(chronology) = &comparison.summary.chronology else {
        return;
    };
    h.push_str("<section class=\"card\" id=\"chronology\" aria-labelledby=\"chronology-h\">\n");
    h.push_str("<h2 id=\"chronology-h\">Chronology</h2>\n");
    if let Some(first) = first_published(comparison) {
        let _ = writeln!(h, "<p class=\"first\">{}</p>", escape(&first));
    }
    h.push_str("<ul class=\"pairs\">\n");
    for pair in &chronology.pairs {
        let _ = writeln!(h, "<li>{}</li>", escape(&chronology_sentence(pair)));
    }
    h.push_str("</ul>\n");
    let undated: Vec<String> = (0..comparison.articles.len())
        .filter(|i| !chronology.order.contains(i))
        .map(|i| (i + 1).to_string())
        .collect();
    if !undated.is_empty() {
        let _ = writeln!(
            h,
            "<p class=\"note\">No publication time: {}.</p>",
            undated.join(", ")
        );
    }
    h.push_str(
        "<p class=\"note\">Times are as the pages declare them, in UTC; the share is of the later \
         article's text outside boilerplate.</p>\n</section>\n",
    );
}

/// Every article's provenance: source, final address, fetch time, status, content type,
/// size and SHA-256 of the bytes compared; and the sources left out.
fn sources(comparison: &Comparison, h: &mut String) {
    let any = comparison.articles.iter().any(|a| a.provenance.is_some());
    if !any && comparison.summary.left_out.is_empty() {
        return;
    }
    h.push_str("<section class=\"card\" id=\"sources\" aria-labelledby=\"sources-h\">\n");
    h.push_str("<h2 id=\"sources-h\">Sources</h2>\n");
    if any {
        h.push_str("<div class=\"table-wrap\"><table class=\"sources\">\n<tbody>\n");
        for (i, a) in comparison.articles.iter().enumerate() {
            let rows = provenance_rows(a);
            if rows.is_empty() {
                continue;
            }
            let _ = write!(
                h,
                "<tr class=\"source\"><th scope=\"row\"><span class=\"badge\">{}</span></th><td><dl>",
                i + 1
            );
            for (label, value) in rows {
                let literal = matches!(
                    label,
                    "source" | "final address" | "redirects" | "SHA-256" | "saved copy"
                );
                let value = if literal {
                    format!("<code>{}</code>", escape(&value))
                } else {
                    escape(&value)
                };
                let _ = write!(h, "<div><dt>{label}</dt><dd>{value}</dd></div>");
            }
            h.push_str("</dl></td></tr>\n");
        }
        h.push_str("</tbody></table></div>\n");
        h.push_str(
            "<p class=\"note\">The SHA-256 is of the bytes compared (for a fetched page: the body \
             after any gzip, deflate or brotli encoding is undone; what --save writes). Fetch \
             times are UTC.</p>\n",
        );
    }
    if !comparison.summary.left_out.is_empty() {
        h.push_str(
            "<p class=\"note\">Left out (could not be loaded):</p>\n<ul class=\"left-out\">\n",
        );
        for l in &comparison.summary.left_out {
            let _ = writeln!(
                h,
                "<li><code>{}</code>: {}</li>",
                escape(&l.source),
                escape(&l.problem)
            );
        }
        h.push_str("</ul>\n");
    }
    h.push_str("</section>\n");
}

/// What the page declares about itself, on one line under its column's title: site,
/// byline, publication time.
fn page_line(a: &Article) -> Option<String> {
    let m = &a.metadata;
    let mut parts = Vec::new();
    if let Some(site) = &m.site_name {
        parts.push(escape(site));
    }
    if let Some(byline) = &m.byline {
        parts.push(format!("by {}", escape(byline)));
    }
    if let Some(published) = &m.published {
        parts.push(format!(
            "published <time datetime=\"{}\">{}</time>",
            escape(published),
            escape(&timestamps::readable(published))
        ));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

fn passage_anchor(article: usize, passage: usize) -> String {
    format!("p-{article}-{passage}")
}

/// `<a class="ref shared" href="#p-2-3">3:4</a>`
fn ref_link(comparison: &Comparison, article: usize, passage: usize, h: &mut String) {
    let class = comparison
        .passage(article, passage)
        .map_or("unique", |p| p.class.name());
    let _ = write!(
        h,
        "<a class=\"ref {class}\" href=\"#{}\">{}</a>",
        passage_anchor(article, passage),
        passage_ref(article, passage)
    );
}

fn conflicts(comparison: &Comparison, h: &mut String) {
    let rows = conflict_rows(comparison);
    h.push_str("<section class=\"card\" id=\"conflicts\" aria-labelledby=\"conflicts-h\">\n");
    let _ = writeln!(
        h,
        "<h2 id=\"conflicts-h\">Fact conflicts <span class=\"count\">{}</span></h2>",
        rows.len()
    );
    if rows.is_empty() {
        h.push_str(
            "<p class=\"note\">No conflicts found between linked passages.</p>\n</section>\n",
        );
        return;
    }
    h.push_str("<div class=\"table-wrap\"><table class=\"conflicts\">\n<thead><tr><th>Kind</th><th>Passage</th><th>Reading</th><th>Counterpart</th><th>Other reading</th><th>Link</th></tr></thead>\n<tbody>\n");
    let name = |a: usize| {
        comparison
            .articles
            .get(a)
            .map(|a| escape(&short_name(&a.path)))
            .unwrap_or_default()
    };
    let context = |(a, p): (usize, usize), reading: &str| {
        comparison
            .passage(a, p)
            .map(|p| marked(&p.text, reading))
            .unwrap_or_default()
    };
    for row in rows {
        let _ = write!(
            h,
            "<tr><td><span class=\"kind-tag\">{}</span></td><td>",
            row.conflict.kind.name()
        );
        ref_link(comparison, row.a.0, row.a.1, h);
        let _ = write!(
            h,
            " <span class=\"muted\">{}</span></td><td><span class=\"reading\">{}</span><span class=\"ctx\">{}</span></td><td>",
            name(row.a.0),
            escape(&row.conflict.a),
            context(row.a, &row.conflict.a)
        );
        ref_link(comparison, row.b.0, row.b.1, h);
        let _ = writeln!(
            h,
            " <span class=\"muted\">{}</span></td><td><span class=\"reading other\">{}</span><span class=\"ctx\">{}</span></td><td>{} <span class=\"muted num\">{}</span></td></tr>",
            name(row.b.0),
            escape(&row.conflict.b),
            context(row.b, &row.conflict.b),
            row.kind.name(),
            score(row.score)
        );
    }
    h.push_str("</tbody></table></div>\n</section>\n");
}

/// `text` escaped, with the first whole-word occurrence of `reading` in a `<mark>`.
fn marked(text: &str, reading: &str) -> String {
    let reading = reading.trim();
    if reading.is_empty() {
        return escape(text);
    }
    let word_edge = |s: &str, at: usize, before: bool| {
        let c = if before {
            s[..at].chars().next_back()
        } else {
            s[at..].chars().next()
        };
        c.is_none_or(|c| !c.is_alphanumeric())
    };
    let found = text
        .match_indices(reading)
        .map(|(i, _)| i)
        .find(|&i| word_edge(text, i, true) && word_edge(text, i + reading.len(), false));
    match found {
        Some(i) => format!(
            "{}<mark>{}</mark>{}",
            escape(&text[..i]),
            escape(reading),
            escape(&text[i + reading.len()..])
        ),
        None => escape(text),
    }
}

fn legend(comparison: &Comparison, h: &mut String) {
    let mut totals = ClassCounts::default();
    for a in &comparison.articles {
        for p in &a.passages {
            totals.add(p.class, 1);
        }
    }
    h.push_str(
        "<nav class=\"toolbar legend\" id=\"legend\" aria-label=\"Legend and class filters\">\n",
    );
    h.push_str("<span class=\"legend-title\">Legend</span>\n");
    for class in Class::ALL {
        let name = class.name();
        let _ = writeln!(
            h,
            "<label class=\"toggle\" title=\"{desc}\"><input type=\"checkbox\" id=\"show-{name}\" \
             data-class=\"{name}\" checked><span class=\"swatch {name}\" aria-hidden=\"true\">{marker}</span>\
             <span>{title}</span> <span class=\"n\">{count}</span> <span class=\"desc\">— {desc}</span></label>",
            marker = class.marker(),
            title = class_title(class),
            count = totals.get(class),
            desc = class_description(class),
        );
    }
    h.push_str("<span class=\"hint\">Hover or click a passage to see its counterparts; click for the word diff and conflicts. Esc closes.</span>\n</nav>\n");
}

fn columns(comparison: &Comparison, titles: &[String], h: &mut String) {
    let n = comparison.articles.len().max(1);
    let _ = writeln!(
        h,
        "<div class=\"columns\" id=\"articles\" style=\"--n:{n}\">"
    );
    for (i, a) in comparison.articles.iter().enumerate() {
        let c = coverage(comparison, i);
        let _ = write!(
            h,
            "<article class=\"col\" id=\"a-{i}\" aria-labelledby=\"a-{i}-h\">\n<header class=\"col-head\">\
             <h2 id=\"a-{i}-h\"><span class=\"badge\">{}</span><span>{}</span></h2>\
             <p class=\"meta\"><span class=\"art-file\" title=\"{}\">{}</span> · {} · {} passage{}</p>",
            i + 1,
            escape(&titles[i]),
            escape(&a.path),
            escape(&short_name(&a.path)),
            a.format.name(),
            a.passages.len(),
            plural(a.passages.len())
        );
        if let Some(line) = page_line(a) {
            let _ = write!(h, "<p class=\"meta page\">{line}</p>");
        }
        for w in &a.warnings {
            let _ = write!(h, "<p class=\"warning\">⚠ {}</p>", escape(w));
        }
        bar(&c, h);
        h.push_str("</header>\n<div class=\"col-body\">\n");
        passages(comparison, i, &titles[i], h);
        h.push_str("</div>\n</article>\n");
    }
    h.push_str("</div>\n");
}

/// The passages of article `i` in text order: a new paragraph where the article has one, a
/// line break where the text between two passages has one.
fn passages(comparison: &Comparison, i: usize, title: &str, h: &mut String) {
    let a = &comparison.articles[i];
    if a.passages.is_empty() {
        h.push_str("<p class=\"para muted\">No passages.</p>\n");
        return;
    }
    let mut open = false;
    for (k, p) in a.passages.iter().enumerate() {
        let new_paragraph = k == 0 || a.passages[k - 1].paragraph != p.paragraph;
        if new_paragraph {
            if open {
                h.push_str("</p>\n");
            }
            let alone = a
                .passages
                .get(k + 1)
                .is_none_or(|next| next.paragraph != p.paragraph);
            let text = p.text.trim();
            let heading = alone && k == 0 && !text.is_empty() && title.starts_with(text);
            h.push_str(if heading {
                "<p class=\"para heading\">"
            } else {
                "<p class=\"para\">"
            });
            open = true;
        } else {
            let prev = &a.passages[k - 1];
            let gap = a.text.get(prev.end..p.start).unwrap_or(" ");
            h.push_str(if gap.contains('\n') { "<br>\n" } else { " " });
        }
        passage(comparison, i, k, h);
    }
    if open {
        h.push_str("</p>\n");
    }
}

/// The near misses of a unique passage (none for the other classes).
fn unique_near_misses(comparison: &Comparison, i: usize, k: usize) -> Vec<NearMiss> {
    match comparison.passage(i, k) {
        Some(p) if p.class == Class::Unique => comparison.near_misses(i, k, near_miss::SHOWN),
        _ => Vec::new(),
    }
}

/// ` title="Closest, below the thresholds:&#10;3:3 paraphrase 0.42 …"` for a unique passage
/// with near misses: the same lines as the TUI's, readable without the script.
fn near_miss_title(comparison: &Comparison, i: usize, k: usize) -> String {
    let near = unique_near_misses(comparison, i, k);
    if near.is_empty() {
        return String::new();
    }
    let mut title = String::from("Closest, below the thresholds:");
    for n in &near {
        title.push_str("&#10;");
        title.push_str(&near_miss_line(n, i, &escape));
    }
    format!(" title=\"{title}\"")
}

fn passage(comparison: &Comparison, i: usize, k: usize, h: &mut String) {
    let p = &comparison.articles[i].passages[k];
    let class = p.class.name();
    let conflicts: usize = p.matches.iter().map(|m| m.conflicts.len()).sum();
    let _ = write!(
        h,
        "<span class=\"p {class}{}\" id=\"{}\" data-a=\"{i}\" data-p=\"{k}\" tabindex=\"0\"{}>\
         <span class=\"mk\" aria-hidden=\"true\">{}</span><span class=\"sr\">{} {class}{}: </span>",
        if conflicts > 0 { " has-conflict" } else { "" },
        passage_anchor(i, k),
        near_miss_title(comparison, i, k),
        p.class.marker(),
        passage_ref(i, k),
        if conflicts > 0 {
            format!(", {conflicts} fact conflict{}", plural(conflicts))
        } else {
            String::new()
        },
    );
    if conflicts > 0 {
        h.push_str("<span class=\"warn\" aria-hidden=\"true\" title=\"fact conflict\">⚠</span>");
    }
    let _ = write!(h, "<span class=\"t\">{}</span>", escape(&p.text));
    if !p.matches.is_empty() {
        h.push_str("<span class=\"refs\">");
        for m in &p.matches {
            ref_link(comparison, m.article, m.passage, h);
        }
        h.push_str("</span>");
    }
    h.push_str("</span>");
}

/// What the script needs: per passage its class and its links with evidence. Passage texts
/// are read from the page.
#[derive(Serialize)]
struct Data {
    articles: Vec<DataArticle>,
}

#[derive(Serialize)]
struct DataArticle {
    name: String,
    title: String,
    passages: Vec<DataPassage>,
}

#[derive(Serialize)]
struct DataPassage {
    class: &'static str,
    marker: char,
    matches: Vec<DataMatch>,
    /// Unique passages only: the closest candidates below the thresholds.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    near: Vec<DataNear>,
}

#[derive(Serialize)]
struct DataNear {
    article: usize,
    passage: usize,
    /// `3:3`, or `3:3–4` for two neighbours scored together.
    reference: String,
    /// `paraphrase` or `verbatim`: the score that came closest to its threshold.
    score_name: &'static str,
    score: f64,
    threshold: f64,
    verbatim: f64,
    paraphrase: f64,
    /// Notes on how the pair was scored or assigned (`scored with 1:4`, `but 3:3 is matched with
    /// 1:2`).
    notes: Vec<String>,
    terms: Vec<String>,
    /// `set/extended`
    differs: Vec<String>,
    conflicts: Vec<DataConflict>,
}

#[derive(Serialize)]
struct DataMatch {
    article: usize,
    passage: usize,
    kind: &'static str,
    score: f64,
    verbatim: f64,
    paraphrase: f64,
    diff: Vec<DataRun>,
    terms: Vec<String>,
    conflicts: Vec<DataConflict>,
}

#[derive(Serialize)]
struct DataRun {
    op: &'static str,
    text: String,
}

#[derive(Serialize)]
struct DataConflict {
    kind: &'static str,
    a: String,
    b: String,
}

fn data(comparison: &Comparison) -> Data {
    let clean = |s: &str| printable(s).into_owned();
    let conflicts = |list: &[Conflict]| -> Vec<DataConflict> {
        list.iter()
            .map(|c| DataConflict {
                kind: c.kind.name(),
                a: clean(&c.a),
                b: clean(&c.b),
            })
            .collect()
    };
    let link = |m: &Match| DataMatch {
        article: m.article,
        passage: m.passage,
        kind: m.kind.name(),
        score: m.score,
        verbatim: m.verbatim,
        paraphrase: m.paraphrase,
        diff: m
            .diff
            .iter()
            .map(|r| DataRun {
                op: match r.op {
                    DiffOp::Equal => "equal",
                    DiffOp::Insert => "insert",
                    DiffOp::Delete => "delete",
                },
                text: clean(&r.text),
            })
            .collect(),
        terms: m.terms.iter().map(|t| clean(t)).collect(),
        conflicts: conflicts(&m.conflicts),
    };
    let near = |i: usize, n: &NearMiss| {
        let mut notes = Vec::new();
        if let Some(q) = n.with_neighbour {
            notes.push(format!("scored with {}", passage_ref(i, q)));
        }
        if let Some((held, by)) = n.taken {
            notes.push(format!(
                "but {} is matched with {}",
                passage_ref(held.0, held.1),
                passage_ref(by.0, by.1)
            ));
        }
        DataNear {
            article: n.article,
            passage: n.passage,
            reference: n.other_ref(),
            score_name: n.closest.name(),
            score: n.closest.score,
            threshold: n.closest.threshold,
            verbatim: n.verbatim,
            paraphrase: n.paraphrase,
            notes,
            terms: n.terms.iter().map(|t| clean(t)).collect(),
            differs: n.differs.iter().map(|r| clean(&r.label(4))).collect(),
            conflicts: conflicts(&n.conflicts),
        }
    };
    Data {
        articles: comparison
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| DataArticle {
                name: clean(&short_name(&a.path)),
                title: clean(&display_title(a)),
                passages: a
                    .passages
                    .iter()
                    .enumerate()
                    .map(|(k, p)| DataPassage {
                        class: p.class.name(),
                        marker: p.class.marker(),
                        matches: p.matches.iter().map(link).collect(),
                        near: unique_near_misses(comparison, i, k)
                            .iter()
                            .map(|n| near(i, n))
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_markup_and_controls() {
        assert_eq!(
            escape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
        assert_eq!(escape("a\u{1b}b"), "a␛b");
    }

    #[test]
    fn script_json_cannot_close_the_block() {
        let s = script_json(&vec!["</script><!-- & \u{2028}\u{2029}"]);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        assert!(!s.contains('\u{2028}') && !s.contains('\u{2029}'));
        let back: Vec<String> = serde_json::from_str(&s).unwrap();
        assert_eq!(back, vec!["</script><!-- & \u{2028}\u{2029}".to_string()]);
    }

    #[test]
    fn the_script_and_style_stay_inert_for_the_html_parser() {
        for text in [SCRIPT, STYLE] {
            let lower = text.to_ascii_lowercase();
            assert!(!lower.contains("</script"), "closes its element");
            assert!(!lower.contains("</style"), "closes its element");
            assert!(!lower.contains("<!--"));
            assert!(!lower.contains("http:") && !lower.contains("https:"));
            assert!(!lower.contains("@import") && !lower.contains("url("));
        }
    }
}
