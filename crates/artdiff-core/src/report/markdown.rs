//! The Markdown report, for reading on a code-hosting site or in any editor.
//!
//! It holds, in order: a legend, the summary table (passages and coverage by class per
//! article), the sources (address, fetch time, status, SHA-256 of the bytes compared), the
//! similarity matrix, the chronology (which article came first, and how much of each later
//! one the earlier ones hold), the fact conflicts with both readings, then each article's
//! provenance, declared metadata and passages grouped by class, each passage with its
//! counterparts (passage, article, kind, score); a unique passage with its closest
//! candidates below the thresholds, if any.
//!
//! Article text never reaches the page as Markdown: control characters are made visible
//! ([`printable`]), whitespace runs (newlines too) become one space, and every character that
//! could start emphasis, a link, an autolink, inline HTML, an entity, a table cell, a heading
//! or maths is backslash-escaped, so the text renders exactly as written.

use super::common::{
    chronology_sentence, class_description, class_title, conflict_rows, first_published,
    metadata_rows, near_miss_line, passage_ref, percent, provenance_rows, score, short_name,
};
use super::ReportError;
use crate::model::{Class, Comparison, Match};
use crate::near_miss;
use crate::safe_text::printable;
use std::fmt::Write as _;
use std::io::Write;

/// Writes the Markdown report.
pub fn write(comparison: &Comparison, out: &mut dyn Write) -> Result<(), ReportError> {
    out.write_all(render(comparison).as_bytes())
        .map_err(|source| ReportError::Io {
            path: "-".into(),
            source,
        })
}

/// The Markdown report as a string.
pub fn render(comparison: &Comparison) -> String {
    let mut md = String::new();
    header(comparison, &mut md);
    summary(comparison, &mut md);
    sources(comparison, &mut md);
    matrix(comparison, &mut md);
    chronology(comparison, &mut md);
    conflicts(comparison, &mut md);
    for i in 0..comparison.articles.len() {
        article(comparison, i, &mut md);
    }
    // One newline at the end, whatever came last.
    while md.ends_with("\n\n") {
        md.pop();
    }
    md
}

/// Article text as inert Markdown inline text: see the module documentation.
pub fn escape(text: &str) -> String {
    let text = printable(text);
    let mut out = String::with_capacity(text.len() + 8);
    let mut words = text.split_whitespace().peekable();
    while let Some(word) = words.next() {
        escape_word(word, &mut out);
        if words.peek().is_some() {
            out.push(' ');
        }
    }
    out
}

/// An address, path or hash as a code span, so that it reads exactly as it is and never
/// becomes a link; plain escaped text when it holds what a code span cannot (a backtick, a
/// table pipe, a line break).
pub fn code(text: &str) -> String {
    let text = printable(text);
    if text.contains(['`', '|', '\n', '\r']) || text.trim().is_empty() {
        escape(&text)
    } else {
        format!("`{text}`")
    }
}

/// A provenance or metadata value: addresses, paths and hashes as code, the rest as text.
fn value(label: &str, text: &str) -> String {
    match label {
        "source" | "final address" | "redirects" | "SHA-256" | "saved copy" | "canonical" => {
            code(text)
        }
        _ => escape(text),
    }
}

fn escape_word(word: &str, out: &mut String) {
    let lower = word.to_ascii_lowercase();
    for (i, c) in word.char_indices() {
        let escape = match c {
            // Emphasis, code, links and images, inline HTML and autolinks, entities, tables,
            // strike-through, headings, maths, e-mail autolinks.
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '#' | '$' | '@' => {
                true
            }
            // Bare URL autolinks: `https://` and `www.`.
            ':' => word[i..].starts_with("://"),
            '.' => i >= 3 && lower[..i].ends_with("www"),
            // A word that could open a list, a block quote or a setext heading if a line ever
            // started with it.
            '-' | '+' | '=' | '!' => i == 0,
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
}

/// `1 · wire.txt`, for the first column of tables.
fn article_label(comparison: &Comparison, i: usize) -> String {
    format!(
        "{} · {}",
        i + 1,
        escape(&short_name(&comparison.articles[i].path))
    )
}

fn header(comparison: &Comparison, md: &mut String) {
    let n = comparison.articles.len();
    let _ = writeln!(md, "# Comparison of {n} article{}\n", plural(n));
    let summary = &comparison.summary;
    let mut about = Vec::new();
    if !summary.tool.is_empty() {
        about.push(format!("Made with {}", escape(&summary.tool)));
    }
    if let Some(t) = summary.thresholds {
        about.push(format!(
            "shared from a verbatim score of {}, paraphrased from a paraphrase score of {}",
            score(t.min_shared),
            score(t.min_paraphrase)
        ));
    }
    about.push("passages are named article:passage, both counted from 1".into());
    let _ = writeln!(md, "{}.\n", capitalise(&about.join("; ")));
    let _ = writeln!(md, "**Legend**\n");
    for class in Class::ALL {
        let _ = writeln!(
            md,
            "- `{}` **{}**: {}",
            class.marker(),
            class.name(),
            class_description(class)
        );
    }
    md.push('\n');
}

fn summary(comparison: &Comparison, md: &mut String) {
    let _ = writeln!(md, "## Summary\n");
    if comparison.articles.is_empty() {
        let _ = writeln!(md, "No articles.\n");
        return;
    }
    let _ = write!(md, "| Article | Title | Format | Passages |");
    for class in Class::ALL {
        let _ = write!(md, " `{}` {} |", class.marker(), class_title(class));
    }
    let _ = writeln!(md, "\n|:--|:--|:--|--:|--:|--:|--:|--:|");
    for (i, a) in comparison.articles.iter().enumerate() {
        let _ = write!(
            md,
            "| {} | {} | {} | {} |",
            article_label(comparison, i),
            escape(&a.title),
            a.format.name(),
            a.passages.len()
        );
        let coverage = comparison.summary.coverage.get(i);
        for class in Class::ALL {
            let count = a.passages.iter().filter(|p| p.class == class).count();
            match (class, coverage) {
                (Class::Boilerplate, _) | (_, None) => {
                    let _ = write!(md, " {count} |");
                }
                (_, Some(c)) => {
                    let _ = write!(md, " {count} · {} |", percent(c.share(class)));
                }
            }
        }
        md.push('\n');
    }
    let _ = writeln!(
        md,
        "\nCounts are passages; percentages are shares of the article's text outside \
         boilerplate, by length.\n"
    );
    let noted = |a: &crate::model::Article| a.path != short_name(&a.path) || !a.warnings.is_empty();
    if comparison.articles.iter().any(noted) {
        let _ = writeln!(md, "**Paths**\n");
        for (i, a) in comparison.articles.iter().enumerate() {
            let _ = write!(md, "- {}: {}", i + 1, escape(&a.path));
            for w in &a.warnings {
                let _ = write!(md, " (warning: {})", escape(w));
            }
            md.push('\n');
        }
        md.push('\n');
    }
    if !comparison.summary.left_out.is_empty() {
        let _ = writeln!(md, "**Left out** (could not be loaded)\n");
        for l in &comparison.summary.left_out {
            let _ = writeln!(md, "- {}: {}", escape(&l.source), escape(&l.problem));
        }
        md.push('\n');
    }
}

/// One row per article: where its bytes came from and which bytes they were.
fn sources(comparison: &Comparison, md: &mut String) {
    if comparison.articles.iter().all(|a| a.provenance.is_none()) {
        return;
    }
    let _ = writeln!(md, "## Sources\n");
    let _ = writeln!(
        md,
        "What was compared: each article's source, when it was fetched (UTC), the HTTP status, \
         and the size and SHA-256 of the bytes compared. Each article's section below has the \
         rest (final address, redirects, content type, encoding, what the page declares).\n"
    );
    let _ = writeln!(
        md,
        "| Article | Source | Published | Fetched | HTTP | Bytes | SHA-256 |\n|:--|:--|:--|:--|--:|--:|:--|"
    );
    for (i, a) in comparison.articles.iter().enumerate() {
        let Some(p) = &a.provenance else { continue };
        let time = |t: Option<&str>| {
            t.map(|t| escape(&crate::timestamps::readable(t)))
                .unwrap_or_else(|| "—".into())
        };
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} | {} |",
            i + 1,
            code(p.final_url.as_deref().unwrap_or(&p.source)),
            time(a.metadata.published.as_deref()),
            time(p.fetched_at.as_deref()),
            p.status.map_or("—".to_string(), |s| s.to_string()),
            p.bytes,
            code(&p.sha256),
        );
    }
    md.push('\n');
}

/// Which article came first and, per pair, how much of the later one the earlier one holds.
fn chronology(comparison: &Comparison, md: &mut String) {
    let Some(chronology) = &comparison.summary.chronology else {
        return;
    };
    let _ = writeln!(md, "## Chronology\n");
    if let Some(first) = first_published(comparison) {
        let _ = writeln!(md, "{}.\n", capitalise(&first));
    }
    for pair in &chronology.pairs {
        let _ = writeln!(md, "- {}", chronology_sentence(pair));
    }
    let undated: Vec<String> = (0..comparison.articles.len())
        .filter(|i| !chronology.order.contains(i))
        .map(|i| article_label(comparison, i))
        .collect();
    if !undated.is_empty() {
        let _ = writeln!(md, "\nNo publication time: {}.", undated.join(", "));
    }
    let _ = writeln!(
        md,
        "\nTimes are as the pages declare them, in UTC; the share is of the later article's \
         text outside boilerplate.\n"
    );
}

fn matrix(comparison: &Comparison, md: &mut String) {
    let n = comparison.articles.len();
    let m = &comparison.summary.matrix;
    if n < 2 || m.len() != n {
        return;
    }
    let _ = writeln!(md, "## Similarity\n");
    let _ = writeln!(
        md,
        "Share of each row's article that has a counterpart (shared or paraphrased) in the \
         column's article.\n"
    );
    let _ = write!(md, "| |");
    for j in 0..n {
        let _ = write!(md, " {} |", article_label(comparison, j));
    }
    let _ = write!(md, "\n|:--|");
    for _ in 0..n {
        md.push_str("--:|");
    }
    md.push('\n');
    for (i, row) in m.iter().enumerate() {
        let _ = write!(md, "| **{}** |", article_label(comparison, i));
        for j in 0..n {
            if i == j {
                md.push_str(" — |");
            } else {
                let _ = write!(md, " {} |", percent(row.get(j).copied().unwrap_or(0.0)));
            }
        }
        md.push('\n');
    }
    md.push('\n');
}

fn conflicts(comparison: &Comparison, md: &mut String) {
    let rows = conflict_rows(comparison);
    let _ = writeln!(md, "## Fact conflicts\n");
    if rows.is_empty() {
        let _ = writeln!(md, "No conflicts found between linked passages.\n");
        return;
    }
    let _ = writeln!(
        md,
        "{} conflict{} between linked passages: the same statement with a different fact.\n",
        rows.len(),
        plural(rows.len())
    );
    let _ = writeln!(
        md,
        "| # | Kind | Passage | Reading | Counterpart | Other reading | Link |"
    );
    let _ = writeln!(md, "|--:|:--|:--|:--|:--|:--|:--|");
    for (n, row) in rows.iter().enumerate() {
        let _ = writeln!(
            md,
            "| {} | {} | {} ({}) | “{}” | {} ({}) | “{}” | {} {} |",
            n + 1,
            row.conflict.kind.name(),
            passage_ref(row.a.0, row.a.1),
            name_of(comparison, row.a.0),
            escape(&row.conflict.a),
            passage_ref(row.b.0, row.b.1),
            name_of(comparison, row.b.0),
            escape(&row.conflict.b),
            row.kind.name(),
            score(row.score),
        );
    }
    md.push('\n');
    let _ = writeln!(md, "### In context\n");
    for (n, row) in rows.iter().enumerate() {
        let text = |(a, p): (usize, usize)| {
            comparison
                .passage(a, p)
                .map(|p| escape(&p.text))
                .unwrap_or_default()
        };
        // The quote belongs to the item: indented as far as the item's text.
        let item = format!("{}. ", n + 1);
        let pad = " ".repeat(item.len());
        let _ = writeln!(
            md,
            "{item}**{}** — {}: “{}” / {}: “{}”\n{pad}> **{}** {}\n{pad}>\n{pad}> **{}** {}",
            row.conflict.kind.name(),
            passage_ref(row.a.0, row.a.1),
            escape(&row.conflict.a),
            passage_ref(row.b.0, row.b.1),
            escape(&row.conflict.b),
            passage_ref(row.a.0, row.a.1),
            text(row.a),
            passage_ref(row.b.0, row.b.1),
            text(row.b),
        );
    }
    md.push('\n');
}

fn name_of(comparison: &Comparison, article: usize) -> String {
    comparison
        .articles
        .get(article)
        .map(|a| escape(&short_name(&a.path)))
        .unwrap_or_else(|| "?".into())
}

fn article(comparison: &Comparison, i: usize, md: &mut String) {
    let a = &comparison.articles[i];
    let _ = writeln!(md, "## {} · {}\n", i + 1, escape(&a.title));
    let counts: Vec<String> = Class::ALL
        .iter()
        .map(|&class| {
            let n = a.passages.iter().filter(|p| p.class == class).count();
            format!("{n} {}", class.name())
        })
        .collect();
    let _ = writeln!(
        md,
        "{} · {} · {} passage{}: {}\n",
        escape(&a.path),
        a.format.name(),
        a.passages.len(),
        plural(a.passages.len()),
        counts.join(", ")
    );
    let provenance = provenance_rows(a);
    if !provenance.is_empty() {
        let _ = writeln!(md, "**Provenance**\n");
        for (label, text) in provenance {
            let _ = writeln!(md, "- {label}: {}", value(label, &text));
        }
        md.push('\n');
    }
    let metadata = metadata_rows(a);
    if !metadata.is_empty() {
        let _ = writeln!(md, "**Declared by the page**\n");
        for (label, text) in metadata {
            let _ = writeln!(md, "- {label}: {}", value(label, &text));
        }
        md.push('\n');
    }
    if a.passages.is_empty() {
        let _ = writeln!(md, "No passages.\n");
        return;
    }
    for class in Class::ALL {
        let members: Vec<usize> = (0..a.passages.len())
            .filter(|&p| a.passages[p].class == class)
            .collect();
        if members.is_empty() {
            continue;
        }
        let _ = writeln!(
            md,
            "### `{}` {} ({})\n",
            class.marker(),
            class_title(class),
            members.len()
        );
        for p in members {
            let passage = &a.passages[p];
            let _ = writeln!(md, "- **{}** {}", passage_ref(i, p), escape(&passage.text));
            for m in &passage.matches {
                let _ = writeln!(md, "  - {}", counterpart(comparison, m));
            }
            if class == Class::Unique {
                for n in comparison.near_misses(i, p, near_miss::SHOWN) {
                    let _ = writeln!(
                        md,
                        "  - closest, below the thresholds: {}",
                        near_miss_line(&n, i, &escape)
                    );
                }
            }
        }
        md.push('\n');
    }
}

/// `↔ 3:4 (tribune.md), shared 0.88 — ⚠ number: “14” vs “41”`
fn counterpart(comparison: &Comparison, m: &Match) -> String {
    let mut line = format!(
        "↔ {} ({}), {} {}",
        passage_ref(m.article, m.passage),
        name_of(comparison, m.article),
        m.kind.name(),
        score(m.score)
    );
    for c in &m.conflicts {
        let _ = write!(
            line,
            " — ⚠ {}: “{}” vs “{}”",
            c.kind.name(),
            escape(&c.a),
            escape(&c.b)
        );
    }
    line
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_makes_markup_inert() {
        assert_eq!(escape("a | b"), "a \\| b");
        assert_eq!(escape("<script>x</script>"), "\\<script\\>x\\</script\\>");
        assert_eq!(escape("[x](http://e.com)"), "\\[x\\](http\\://e.com)");
        assert_eq!(escape("see www.e.com"), "see www\\.e.com");
        assert_eq!(escape("*a* _b_ `c`"), "\\*a\\* \\_b\\_ \\`c\\`");
        assert_eq!(escape("# head\n\n- item"), "\\# head \\- item");
        assert_eq!(escape("$5 & $6"), "\\$5 \\& \\$6");
        assert_eq!(escape("a\u{1b}[2J"), "a␛\\[2J");
        assert_eq!(escape("3.5-metre, 14.22"), "3.5-metre, 14.22");
    }

    #[test]
    fn code_spans_keep_addresses_literal_but_never_break_out() {
        assert_eq!(code("https://a.example/x?y=1"), "`https://a.example/x?y=1`");
        assert_eq!(code("a`b"), "a\\`b");
        assert_eq!(code("a|b"), "a \\| b".replace(' ', ""));
        assert_eq!(code("x\u{1b}[2J"), "`x␛[2J`");
    }
}
