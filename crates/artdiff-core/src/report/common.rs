//! What the Markdown and HTML reports (and the TUI) share: names, references, number formats,
//! the chronology in words, the provenance rows, and the list of fact conflicts taken once per
//! pair of passages.

use crate::model::{
    Article, ChronologyPair, Class, Comparison, Conflict, Match, MatchKind, Provenance,
};
use crate::near_miss::NearMiss;
use crate::timestamps;

/// A passage reference as people read it (and as the TUI shows it): article and passage,
/// both counted from 1, `2:14`.
pub fn passage_ref(article: usize, passage: usize) -> String {
    format!("{}:{}", article + 1, passage + 1)
}

/// A short name for an article: the file name of its path (`wire.txt` for `demo/wire.txt`),
/// `stdin` for `-`, the host and last path segment of an address (`a.example/story`).
pub fn short_name(path: &str) -> String {
    if path == "-" {
        return "stdin".into();
    }
    if crate::ingest::fetch::is_address(path) {
        let rest = path.split_once("://").map_or(path, |(_, r)| r);
        let rest = rest.split(['?', '#']).next().unwrap_or(rest);
        let rest = rest.trim_end_matches('/');
        let host = rest.split('/').next().unwrap_or(rest);
        return match rest.rsplit('/').next() {
            Some(last) if last != host && !last.is_empty() => format!("{host}/{last}"),
            _ => host.to_string(),
        };
    }
    let trimmed = path.trim_end_matches(['/', '\\']);
    let name = trimmed.rsplit(['/', '\\']).next().unwrap_or(trimmed);
    if name.is_empty() {
        path.to_string()
    } else {
        name.to_string()
    }
}

/// A share in `[0, 1]` as a whole percentage, `68%`; shares that are not zero never show as
/// `0%` nor shares below one as `100%`.
pub fn percent(share: f64) -> String {
    if !share.is_finite() || share <= 0.0 {
        return "0%".into();
    }
    let p = (share * 100.0).round();
    if p < 1.0 {
        "<1%".into()
    } else if p >= 100.0 && share < 1.0 {
        ">99%".into()
    } else {
        format!("{}%", p.min(100.0) as u32)
    }
}

/// A chronology pair in words, articles counted from 1: `2 published 3 h after 1; 48% of 2
/// has a counterpart in 1`.
pub fn chronology_sentence(pair: &ChronologyPair) -> String {
    let (a, b) = (pair.earlier + 1, pair.later + 1);
    let when = if pair.seconds == 0 {
        if pair.date_only {
            format!("{b} published the same day as {a}")
        } else {
            format!("{b} published at the same time as {a}")
        }
    } else {
        format!(
            "{b} published {} after {a}",
            timestamps::gap(pair.seconds, pair.date_only)
        )
    };
    format!(
        "{when}; {} of {b} has a counterpart in {a}",
        percent(pair.later_in_earlier)
    )
}

/// The first article in the chronology in words: `1 came first (2025-09-01 08:15 UTC)`.
pub fn first_published(comparison: &Comparison) -> Option<String> {
    let chronology = comparison.summary.chronology.as_ref()?;
    let &first = chronology.order.first()?;
    let when = comparison
        .articles
        .get(first)?
        .metadata
        .published
        .as_deref()?;
    Some(format!(
        "{} came first ({})",
        first + 1,
        timestamps::readable(when)
    ))
}

/// The provenance of an article as (label, value) rows for people, in a fixed order; only
/// the rows that have a value. Addresses and hashes are values, never links.
pub fn provenance_rows(article: &Article) -> Vec<(&'static str, String)> {
    let mut rows = Vec::new();
    let Some(p) = &article.provenance else {
        return rows;
    };
    let Provenance {
        source,
        final_url,
        redirects,
        fetched_at,
        status,
        content_type,
        encoding,
        bytes,
        sha256,
        copy,
    } = p;
    rows.push(("source", source.clone()));
    if let Some(url) = final_url.as_ref().filter(|u| *u != source) {
        rows.push(("final address", url.clone()));
    }
    if redirects.len() > 1 {
        rows.push((
            "redirects",
            format!("{} ({})", redirects.len() - 1, redirects.join(" → ")),
        ));
    }
    if let Some(t) = fetched_at {
        rows.push(("fetched", timestamps::readable(t)));
    }
    if let Some(s) = status {
        rows.push(("HTTP status", s.to_string()));
    }
    if let Some(ct) = content_type {
        rows.push(("content type", ct.clone()));
    }
    if let Some(e) = encoding {
        rows.push(("encoding", e.clone()));
    }
    rows.push(("bytes", bytes.to_string()));
    rows.push(("SHA-256", sha256.clone()));
    if let Some(published) = &article.metadata.published {
        rows.push(("published", timestamps::readable(published)));
    }
    if let Some(c) = copy {
        rows.push(("saved copy", c.clone()));
    }
    rows
}

/// The page's declared metadata as (label, value) rows, published and modified times made
/// readable; only the fields the page declared.
pub fn metadata_rows(article: &Article) -> Vec<(&'static str, String)> {
    article
        .metadata
        .fields()
        .into_iter()
        .filter_map(|(name, value)| {
            let value = value?;
            let value = match name {
                "published" | "modified" => timestamps::readable(value),
                _ => value.to_string(),
            };
            Some((name, value))
        })
        .collect()
}

/// A score with two decimals.
pub fn score(value: f64) -> String {
    if value.is_finite() {
        format!("{value:.2}")
    } else {
        "–".into()
    }
}

/// What the class means, for legends.
pub fn class_description(class: Class) -> &'static str {
    match class {
        Class::Shared => "near-verbatim in another article",
        Class::Paraphrased => "the same statement in other words",
        Class::Unique => "no counterpart in the other articles",
        Class::Boilerplate => "web chrome, not compared",
    }
}

/// The class name with a capital, `Shared`.
pub fn class_title(class: Class) -> &'static str {
    match class {
        Class::Shared => "Shared",
        Class::Paraphrased => "Paraphrased",
        Class::Unique => "Unique",
        Class::Boilerplate => "Boilerplate",
    }
}

/// A near miss of a passage of article `article` on one line, as the TUI words it:
/// `3:3 paraphrase 0.42 (needs 0.50) · shares Monday, deadline · differs set/extended`.
/// Article text (terms, replaced words, conflict readings) goes through `escape`; the rest is
/// plain text that needs no escaping in Markdown nor HTML.
pub fn near_miss_line(n: &NearMiss, article: usize, escape: &dyn Fn(&str) -> String) -> String {
    let mut parts = vec![format!(
        "{} {} {} ({})",
        n.other_ref(),
        n.closest.name(),
        score(n.closest.score),
        n.threshold_note()
    )];
    if let Some(q) = n.with_neighbour {
        parts.push(format!("scored with {}", passage_ref(article, q)));
    }
    if let Some((held, by)) = n.taken {
        parts.push(format!(
            "but {} is matched with {}",
            passage_ref(held.0, held.1),
            passage_ref(by.0, by.1)
        ));
    }
    if !n.terms.is_empty() {
        let terms: Vec<String> = n.terms.iter().map(|t| escape(t)).collect();
        parts.push(format!("shares {}", terms.join(", ")));
    }
    if !n.differs.is_empty() {
        let pairs: Vec<String> = n.differs.iter().map(|r| escape(&r.label(4))).collect();
        parts.push(format!("differs {}", pairs.join(", ")));
    }
    for c in &n.conflicts {
        parts.push(format!(
            "⚠ {} {} ≠ {}",
            c.kind.name(),
            escape(&c.a),
            escape(&c.b)
        ));
    }
    parts.join(" · ")
}

/// One fact conflict between two linked passages, listed once for the pair: `a` is the side
/// with the smaller (article, passage).
#[derive(Debug, Clone, Copy)]
pub struct ConflictRow<'a> {
    /// (article, passage) of the first side.
    pub a: (usize, usize),
    /// (article, passage) of the second side.
    pub b: (usize, usize),
    /// The kind of the link.
    pub kind: MatchKind,
    /// The link's score.
    pub score: f64,
    /// The conflict, `a` reading first.
    pub conflict: &'a Conflict,
}

/// Every fact conflict in the comparison, once per pair, in article then passage order.
///
/// Links are symmetric, so each is read from the side that comes first; a link whose mirror is
/// missing (a malformed comparison) is still listed, from the side that has it.
pub fn conflict_rows(comparison: &Comparison) -> Vec<ConflictRow<'_>> {
    let mut rows = Vec::new();
    for (i, article) in comparison.articles.iter().enumerate() {
        for (p, passage) in article.passages.iter().enumerate() {
            for m in &passage.matches {
                let other = (m.article, m.passage);
                let first = (i, p) < other;
                if !first && has_mirror(comparison, (i, p), m) {
                    continue;
                }
                for conflict in &m.conflicts {
                    rows.push(ConflictRow {
                        a: (i, p),
                        b: other,
                        kind: m.kind,
                        score: m.score,
                        conflict,
                    });
                }
            }
        }
    }
    rows
}

/// Whether the counterpart of `m` links back to `from`.
fn has_mirror(comparison: &Comparison, from: (usize, usize), m: &Match) -> bool {
    comparison.passage(m.article, m.passage).is_some_and(|q| {
        q.matches
            .iter()
            .any(|back| (back.article, back.passage) == from)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_refs_and_numbers() {
        assert_eq!(short_name("demo/wire.txt"), "wire.txt");
        assert_eq!(short_name("C:\\news\\a.md"), "a.md");
        assert_eq!(short_name("-"), "stdin");
        assert_eq!(short_name("plain"), "plain");
        assert_eq!(
            short_name("https://a.example/news/story?id=3"),
            "a.example/story"
        );
        assert_eq!(short_name("https://a.example/"), "a.example");
        assert_eq!(short_name("http://127.0.0.1:8080"), "127.0.0.1:8080");
        assert_eq!(passage_ref(0, 4), "1:5");
        assert_eq!(percent(0.6757), "68%");
        assert_eq!(percent(0.001), "<1%");
        assert_eq!(percent(0.999), ">99%");
        assert_eq!(percent(1.0), "100%");
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(f64::NAN), "0%");
        assert_eq!(score(0.7536), "0.75");
    }
}
