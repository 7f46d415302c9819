//! The comparison model: the one truth shared by the engine, the TUI and the reports.
//!
//! These types serialise exactly to the JSON report contract (see the README):
//!
//! ```json
//! { "articles": [ { "path": "...", "title": "...",
//!     "passages": [ { "text": "...", "start": 0, "end": 120,
//!         "class": "shared",
//!         "matches": [ { "article": 1, "passage": 3, "kind": "shared", "score": 0.93 } ] } ] } ] }
//! ```
//!
//! Fields beyond the contract are additions, never renames. `start`/`end` are byte offsets into
//! [`Article::text`], the article's text as loaded (UTF-8, newlines normalised to `\n`).

use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// How a passage relates to the other articles.
///
/// A passage's class is its strongest link: `Shared` beats `Paraphrased`; a passage with no link
/// is `Unique`. `Boilerplate` (web chrome found by ingest) is never matched.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Class {
    /// Near-verbatim in at least one other article.
    Shared,
    /// The same statement in other words in at least one other article.
    Paraphrased,
    /// No counterpart in any other article.
    #[default]
    Unique,
    /// Web chrome (share prompts, tags, cookie banners...): never compared.
    Boilerplate,
}

impl Class {
    /// All classes, in display order.
    pub const ALL: [Class; 4] = [
        Class::Shared,
        Class::Paraphrased,
        Class::Unique,
        Class::Boilerplate,
    ];

    /// The word used in the JSON report, the TUI and the docs.
    pub fn name(self) -> &'static str {
        match self {
            Class::Shared => "shared",
            Class::Paraphrased => "paraphrased",
            Class::Unique => "unique",
            Class::Boilerplate => "boilerplate",
        }
    }

    /// One-character marker that carries the class without colour (gutters, plain text).
    pub fn marker(self) -> char {
        match self {
            Class::Shared => '=',
            Class::Paraphrased => '~',
            Class::Unique => '+',
            Class::Boilerplate => '#',
        }
    }
}

/// The kind of a link between two passages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    /// Near-verbatim: the same sentence with small edits.
    Shared,
    /// The same specific statement in other words.
    Paraphrased,
}

impl MatchKind {
    /// The class a passage gets from its strongest link of this kind.
    pub fn class(self) -> Class {
        match self {
            MatchKind::Shared => Class::Shared,
            MatchKind::Paraphrased => Class::Paraphrased,
        }
    }

    /// The word used in the JSON report, the TUI and the docs.
    pub fn name(self) -> &'static str {
        self.class().name()
    }
}

/// The source format an article was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text.
    #[default]
    Text,
    /// Markdown, rendered to plain text.
    Markdown,
    /// HTML, main content extracted.
    Html,
}

impl Format {
    /// Short name: `text`, `markdown`, `html`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
        }
    }
}

/// The whole result of comparing two or more articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Comparison {
    /// The articles, in the order given; [`Match::article`] indexes this list.
    pub articles: Vec<Article>,
    /// Coverage per article, the similarity matrix, thresholds, tool version.
    #[serde(default)]
    pub summary: Summary,
    /// Every scored pair of passages (also those below the thresholds), so that new thresholds
    /// re-classify without re-scoring. Not part of the report.
    #[serde(skip)]
    pub links: Vec<Link>,
}

/// One article as loaded and segmented.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Article {
    /// Where it came from: the path as given, `-` for stdin, `demo/<name>` for a bundled demo.
    pub path: String,
    /// Title: HTML `<title>` or first heading, Markdown first heading, else first short line,
    /// else the file stem.
    pub title: String,
    /// The format it was read as.
    #[serde(default)]
    pub format: Format,
    /// Non-fatal notes from loading (encoding guessed, escape sequences removed, empty...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// The passages (sentences), in text order.
    pub passages: Vec<Passage>,
    /// The text as loaded; passage offsets index into it.
    #[serde(default)]
    pub text: String,
    /// What the page says about itself (HTML metadata): headline, site, byline, times.
    #[serde(default, skip_serializing_if = "Metadata::is_empty")]
    pub metadata: Metadata,
    /// Where the bytes came from and which bytes they were: the evidence behind the article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
}

/// What a page declares about itself, from its `<head>` and JSON-LD. Every field is as the
/// page wrote it (whitespace collapsed), or absent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Metadata {
    /// The headline: JSON-LD `headline`/`name`, else `og:title` (and the like).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The publication: `og:site_name`, else JSON-LD `publisher.name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    /// The author(s): JSON-LD `author`, else `<meta name="author">` (and the like).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    /// When it was published: JSON-LD `datePublished`, else
    /// `<meta property="article:published_time">` (and the like), else the first
    /// `<time datetime>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// When it was last changed: JSON-LD `dateModified`, else `article:modified_time`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    /// `<link rel="canonical">`, else `og:url`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical_url: Option<String>,
    /// `<html lang>`, else `Content-Language`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

impl Metadata {
    /// Whether the page declared nothing.
    pub fn is_empty(&self) -> bool {
        self.fields().iter().all(|(_, value)| value.is_none())
    }

    /// Every field with its name as people read it, in display order.
    pub fn fields(&self) -> [(&'static str, Option<&str>); 7] {
        [
            ("headline", self.title.as_deref()),
            ("site", self.site_name.as_deref()),
            ("byline", self.byline.as_deref()),
            ("published", self.published.as_deref()),
            ("modified", self.modified.as_deref()),
            ("canonical", self.canonical_url.as_deref()),
            ("language", self.language.as_deref()),
        ]
    }
}

/// Where an article's bytes came from, and which bytes were compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Provenance {
    /// The path or address as given (`-` for standard input, `demo/<name>` for the demo).
    pub source: String,
    /// For an address: where it led after redirects (the address whose bytes these are).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_url: Option<String>,
    /// For an address that redirected: every address visited, the one given first and the
    /// final one last.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub redirects: Vec<String>,
    /// For an address: when the response arrived, RFC 3339 in UTC (`2025-09-01T08:15:00Z`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetched_at: Option<String>,
    /// For an address: the HTTP status of the final response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// For an address: the `Content-Type` header as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// The character encoding the bytes were read with, and what said so:
    /// `windows-1252 (Content-Type)`, `utf-8 (<meta charset>)`, `utf-8`, `windows-1252 (guessed)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// How many bytes were compared (after any `Content-Encoding` such as gzip is undone).
    pub bytes: u64,
    /// SHA-256 of those bytes, lowercase hex.
    pub sha256: String,
    /// A local copy of the bytes: where `--save` wrote them, or the saved file this article
    /// was read from (the other fields then describe the original fetch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy: Option<String>,
}

impl Provenance {
    /// Provenance of bytes read from `source` (no fetch facts yet).
    pub fn of_bytes(source: &str, bytes: &[u8]) -> Provenance {
        Provenance {
            source: source.to_string(),
            bytes: bytes.len() as u64,
            sha256: sha256_hex(bytes),
            ..Default::default()
        }
    }
}

/// SHA-256 of `bytes` as lowercase hex: how provenance names the bytes compared.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A passage: one sentence (or headline, bullet, boilerplate line) of an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Passage {
    /// The passage's text: exactly `article.text[start..end]`.
    pub text: String,
    /// Byte offset of the first byte in the article text.
    pub start: usize,
    /// Byte offset one past the last byte in the article text.
    pub end: usize,
    /// The class, from the strongest match (or boilerplate).
    pub class: Class,
    /// Links to counterparts in other articles, strongest first.
    pub matches: Vec<Match>,
    /// Index of the paragraph (block of text between blank lines) this passage belongs to.
    #[serde(default)]
    pub paragraph: usize,
}

/// A link from a passage to a counterpart passage in another article.
///
/// Links are symmetric: if A.p links to B.q, B.q links to A.p with the same kind and score; its
/// diff is the mirror image (inserted and deleted swapped) and its conflicts have `a`/`b` swapped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Match {
    /// Index of the counterpart's article in [`Comparison::articles`].
    pub article: usize,
    /// Index of the counterpart passage in that article's passages.
    pub passage: usize,
    /// Shared (near-verbatim) or paraphrased.
    pub kind: MatchKind,
    /// Similarity in `[0, 1]`: the verbatim score for shared links, the paraphrase score for
    /// paraphrased ones.
    pub score: f64,
    /// Word-level alignment score in `[0, 1]` (share of words in common, in order).
    #[serde(default)]
    pub verbatim: f64,
    /// Paraphrase score in `[0, 1]` (weighted overlap of content words, names, numbers).
    #[serde(default)]
    pub paraphrase: f64,
    /// Word-level diff from this passage (deleted) to the counterpart (inserted). Shared with
    /// the link it comes from (one copy of the runs, however often it is re-classified).
    #[serde(default)]
    pub diff: Arc<[DiffRun]>,
    /// The key terms that made the match (rare words both passages use), shared likewise.
    #[serde(default)]
    pub terms: Arc<[String]>,
    /// Factual disagreements inside the pair; `a` is this passage's reading, `b` the other's.
    #[serde(default)]
    pub conflicts: Vec<Conflict>,
}

/// One run of a word-level diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffRun {
    /// Equal, inserted (only in the counterpart) or deleted (only in this passage).
    pub op: DiffOp,
    /// The words of the run, as they appear in the text of the side that has them (shared by
    /// the two directions of a link: mirroring a diff swaps operations, not text).
    pub text: Arc<str>,
}

/// The operation of a [`DiffRun`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DiffOp {
    /// In both passages.
    Equal,
    /// Only in the counterpart.
    Insert,
    /// Only in this passage.
    Delete,
}

impl DiffOp {
    /// The same run seen from the other side.
    pub fn mirror(self) -> DiffOp {
        match self {
            DiffOp::Equal => DiffOp::Equal,
            DiffOp::Insert => DiffOp::Delete,
            DiffOp::Delete => DiffOp::Insert,
        }
    }
}

/// A factual disagreement between two matched passages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// What disagrees.
    pub kind: ConflictKind,
    /// This passage's reading.
    pub a: String,
    /// The counterpart's reading.
    pub b: String,
}

/// What kind of fact a [`Conflict`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConflictKind {
    /// A differing number or quantity ("14" vs "41", "dozens" vs "one").
    Number,
    /// A differing name or spelling ("Zelensky" vs "Zelenskiy").
    Name,
    /// A differing date or weekday.
    Date,
    /// A differing title ("former President" vs "President").
    Title,
    /// One side negates what the other asserts.
    Negation,
    /// A different person said, set or decided it.
    Attribution,
    /// One side states it firmly, the other only as possible, reported or expected ("agreed
    /// to" vs "open to", "confirmed" vs "reportedly", "will" vs "may").
    Modality,
}

impl ConflictKind {
    /// The word used in the JSON report, the TUI and the docs.
    pub fn name(self) -> &'static str {
        match self {
            ConflictKind::Number => "number",
            ConflictKind::Name => "name",
            ConflictKind::Date => "date",
            ConflictKind::Title => "title",
            ConflictKind::Negation => "negation",
            ConflictKind::Attribution => "attribution",
            ConflictKind::Modality => "modality",
        }
    }
}

/// A scored pair of passages, kept whatever its score so that thresholds can change later.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// (article, first passage) of one side; always the smaller article index.
    pub a: (usize, usize),
    /// (article, first passage) of the other side.
    pub b: (usize, usize),
    /// How many neighbouring passages the `a` side covers: 1, or 2 when the other article
    /// says in one sentence what this one splits in two.
    pub a_len: usize,
    /// How many neighbouring passages the `b` side covers.
    pub b_len: usize,
    /// Word-level alignment score in `[0, 1]`.
    pub verbatim: f64,
    /// Paraphrase score in `[0, 1]`.
    pub paraphrase: f64,
    /// Word diff from `a` to `b`.
    pub diff: Arc<[DiffRun]>,
    /// Key terms both sides share.
    pub terms: Arc<[String]>,
    /// Conflicts, `a` side first.
    pub conflicts: Vec<Conflict>,
}

/// The two thresholds that turn scores into kinds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    /// A link whose verbatim score reaches this is `shared`.
    pub min_shared: f64,
    /// A link whose paraphrase score reaches this (and is not shared) is `paraphrased`.
    pub min_paraphrase: f64,
}

/// Totals over an article's passages, by class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ClassCounts {
    /// Shared.
    pub shared: usize,
    /// Paraphrased.
    pub paraphrased: usize,
    /// Unique.
    pub unique: usize,
    /// Boilerplate.
    pub boilerplate: usize,
}

impl ClassCounts {
    /// The count for one class.
    pub fn get(&self, class: Class) -> usize {
        match class {
            Class::Shared => self.shared,
            Class::Paraphrased => self.paraphrased,
            Class::Unique => self.unique,
            Class::Boilerplate => self.boilerplate,
        }
    }

    /// Adds `n` to one class.
    pub fn add(&mut self, class: Class, n: usize) {
        match class {
            Class::Shared => self.shared += n,
            Class::Paraphrased => self.paraphrased += n,
            Class::Unique => self.unique += n,
            Class::Boilerplate => self.boilerplate += n,
        }
    }

    /// Sum over all classes.
    pub fn total(&self) -> usize {
        self.shared + self.paraphrased + self.unique + self.boilerplate
    }

    /// Sum over the comparable classes (all but boilerplate).
    pub fn comparable(&self) -> usize {
        self.shared + self.paraphrased + self.unique
    }
}

/// How much of one article falls in each class.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct Coverage {
    /// Passage bytes per class.
    pub bytes: ClassCounts,
    /// Passages per class.
    pub passages: ClassCounts,
}

impl Coverage {
    /// Share of the article's comparable (non-boilerplate) bytes in `class`, in `[0, 1]`.
    pub fn share(&self, class: Class) -> f64 {
        let total = self.bytes.comparable();
        if total == 0 {
            0.0
        } else {
            self.bytes.get(class) as f64 / total as f64
        }
    }
}

/// Figures over the whole comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Summary {
    /// `artdiff x.y.z`.
    pub tool: String,
    /// The thresholds the classes were decided with.
    pub thresholds: Option<Thresholds>,
    /// Coverage per article, in article order.
    pub coverage: Vec<Coverage>,
    /// `matrix[i][j]`: share of article i's comparable bytes that have a counterpart in
    /// article j (shared or paraphrased); 1 on the diagonal.
    pub matrix: Vec<Vec<f64>>,
    /// Which article came first, when the articles say when they were published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chronology: Option<Chronology>,
    /// Sources that could not be loaded and were left out (`--keep-going`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub left_out: Vec<LeftOut>,
}

/// A source left out of the comparison, with why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeftOut {
    /// The path or address as given.
    pub source: String,
    /// What went wrong, in a few words (`HTTP 404 Not Found`).
    pub problem: String,
}

/// The articles in order of publication, and how much each later one shares with each
/// earlier one. Only articles whose publication time is known take part.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Chronology {
    /// Each article's publication time in UTC (RFC 3339; a date alone when the page gave
    /// only a date), `null` when unknown; in article order.
    pub published: Vec<Option<String>>,
    /// Indexes of the dated articles, earliest first (ties keep the given order).
    pub order: Vec<usize>,
    /// One entry per pair of dated articles, earlier first.
    pub pairs: Vec<ChronologyPair>,
}

/// Two dated articles: which came first, by how much, and how much of the later one has a
/// counterpart in the earlier one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChronologyPair {
    /// The article published first (or the first given, when both carry the same time).
    pub earlier: usize,
    /// The article published later.
    pub later: usize,
    /// Seconds between the two publication times; whole days when either gave only a date.
    pub seconds: i64,
    /// Whether either side gave only a date (the order within one day is then unknown).
    #[serde(default)]
    pub date_only: bool,
    /// Share of the later article's comparable text that has a counterpart in the earlier
    /// one: `summary.matrix[later][earlier]`.
    pub later_in_earlier: f64,
}

impl Chronology {
    /// The chronology of `articles` given the similarity `matrix`; `None` when fewer than two
    /// articles carry a publication time that can be read.
    pub fn of(articles: &[Article], matrix: &[Vec<f64>]) -> Option<Chronology> {
        let times: Vec<Option<crate::timestamps::Published>> = articles
            .iter()
            .map(|a| {
                a.metadata
                    .published
                    .as_deref()
                    .and_then(crate::timestamps::Published::parse)
            })
            .collect();
        let mut order: Vec<usize> = (0..articles.len())
            .filter(|&i| times[i].is_some())
            .collect();
        if order.len() < 2 {
            return None;
        }
        // Stable: equal times keep the given order.
        order.sort_by_key(|&i| times[i].map(|t| t.sort_key()));
        let mut pairs = Vec::new();
        for (x, &earlier) in order.iter().enumerate() {
            for &later in &order[x + 1..] {
                let (Some(a), Some(b)) = (times[earlier], times[later]) else {
                    continue;
                };
                let (seconds, date_only) = b.since(&a);
                let share = matrix
                    .get(later)
                    .and_then(|row| row.get(earlier))
                    .copied()
                    .unwrap_or(0.0);
                pairs.push(ChronologyPair {
                    earlier,
                    later,
                    seconds,
                    date_only,
                    later_in_earlier: share,
                });
            }
        }
        Some(Chronology {
            published: times.iter().map(|t| t.map(|t| t.to_rfc3339())).collect(),
            order,
            pairs,
        })
    }
}

impl Comparison {
    /// Recomputes every passage's class, the coverage and the matrix from the passages'
    /// matches. The engine calls it after filling matches; it is cheap.
    pub fn refresh_summary(&mut self) {
        for article in &mut self.articles {
            for passage in &mut article.passages {
                if passage.class == Class::Boilerplate {
                    continue;
                }
                passage.class = passage
                    .matches
                    .iter()
                    .map(|m| m.kind.class())
                    .min()
                    .unwrap_or(Class::Unique);
            }
        }
        let n = self.articles.len();
        self.summary.coverage = self
            .articles
            .iter()
            .map(|article| {
                let mut coverage = Coverage::default();
                for p in &article.passages {
                    coverage.bytes.add(p.class, p.end - p.start);
                    coverage.passages.add(p.class, 1);
                }
                coverage
            })
            .collect();
        self.summary.matrix = (0..n)
            .map(|i| {
                let article = &self.articles[i];
                let total = self.summary.coverage[i].bytes.comparable();
                (0..n)
                    .map(|j| {
                        if i == j {
                            return 1.0;
                        }
                        if total == 0 {
                            return 0.0;
                        }
                        let covered: usize = article
                            .passages
                            .iter()
                            .filter(|p| p.matches.iter().any(|m| m.article == j))
                            .map(|p| p.end - p.start)
                            .sum();
                        // Four decimals: enough for a share, and stable in the JSON report.
                        (covered as f64 / total as f64 * 10_000.0).round() / 10_000.0
                    })
                    .collect()
            })
            .collect();
        self.summary.chronology = Chronology::of(&self.articles, &self.summary.matrix);
    }

    /// The passage at (article, passage), if it exists.
    pub fn passage(&self, article: usize, passage: usize) -> Option<&Passage> {
        self.articles.get(article)?.passages.get(passage)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passage(text: &str, start: usize, class: Class) -> Passage {
        Passage {
            text: text.into(),
            start,
            end: start + text.len(),
            class,
            matches: vec![],
            paragraph: 0,
        }
    }

    #[test]
    fn serialises_to_the_report_contract() {
        let mut p = passage("Hello.", 0, Class::Shared);
        p.matches.push(Match {
            article: 1,
            passage: 0,
            kind: MatchKind::Shared,
            score: 0.93,
            verbatim: 0.93,
            paraphrase: 0.8,
            diff: vec![].into(),
            terms: vec![].into(),
            conflicts: vec![],
        });
        let c = Comparison {
            articles: vec![Article {
                path: "a.txt".into(),
                title: "A".into(),
                passages: vec![p],
                ..Default::default()
            }],
            ..Default::default()
        };
        let v = serde_json::to_value(&c).unwrap();
        let p = &v["articles"][0]["passages"][0];
        assert_eq!(v["articles"][0]["path"], "a.txt");
        assert_eq!(v["articles"][0]["title"], "A");
        assert_eq!(p["text"], "Hello.");
        assert_eq!(p["start"], 0);
        assert_eq!(p["end"], 6);
        assert_eq!(p["class"], "shared");
        assert_eq!(p["matches"][0]["article"], 1);
        assert_eq!(p["matches"][0]["passage"], 0);
        assert_eq!(p["matches"][0]["kind"], "shared");
        assert_eq!(p["matches"][0]["score"], 0.93);
        let back: Comparison = serde_json::from_value(v).unwrap();
        assert_eq!(back, c);
    }

    #[test]
    fn refresh_summary_derives_classes_coverage_and_matrix() {
        let link = |article, kind| Match {
            article,
            passage: 0,
            kind,
            score: 1.0,
            verbatim: 1.0,
            paraphrase: 1.0,
            diff: vec![].into(),
            terms: vec![].into(),
            conflicts: vec![],
        };
        let mut a = passage("aaaa", 0, Class::Unique);
        a.matches = vec![link(1, MatchKind::Paraphrased), link(1, MatchKind::Shared)];
        let b = passage("bbbbbbbbbbbb", 5, Class::Unique);
        let chrome = passage("Share :", 18, Class::Boilerplate);
        let mut c = Comparison {
            articles: vec![
                Article {
                    passages: vec![a, b, chrome],
                    ..Default::default()
                },
                Article::default(),
            ],
            ..Default::default()
        };
        c.refresh_summary();
        let ps = &c.articles[0].passages;
        assert_eq!(ps[0].class, Class::Shared);
        assert_eq!(ps[1].class, Class::Unique);
        assert_eq!(ps[2].class, Class::Boilerplate);
        let cov = c.summary.coverage[0];
        assert_eq!(cov.bytes.shared, 4);
        assert_eq!(cov.bytes.unique, 12);
        assert_eq!(cov.bytes.boilerplate, 7);
        assert_eq!(cov.passages.total(), 3);
        assert!((c.summary.matrix[0][1] - 0.25).abs() < 1e-9);
        assert_eq!(c.summary.matrix[1][0], 0.0);
        assert_eq!(c.summary.matrix[1][1], 1.0);
    }
}
