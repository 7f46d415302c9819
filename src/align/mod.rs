//! The comparison engine: links every passage to its counterparts in the other articles and
//! classes it shared, paraphrased or unique.
//!
//! ```text
//! tokens      words normalised (case, quotes, numbers as values, stems, function words)
//! index       candidate pairs from an inverted index of content stems: never all pairs
//! features    verbatim score (word alignment) and paraphrase probability (logistic model)
//! merges      a sentence split in two elsewhere is scored against both halves together
//! links       every scored pair kept in Comparison::links, with diff, key terms, conflicts
//! reclassify  thresholds -> kinds -> one-to-one assignment per article pair -> classes
//! ```
//!
//! The result is deterministic and does not depend on the order the articles are given in
//! (beyond their numbering).
//!
//! ```
//! use artdiff::{analyse, ingest::Loaded, model::Class, Settings};
//! let wire = Loaded::from_text("wire.txt", "At least 14 people were injured when the bridge collapsed.");
//! let post = Loaded::from_text("post.txt", "At least 41 people were injured when the bridge collapsed.");
//! let comparison = analyse(vec![wire, post], &Settings::default());
//! let passage = &comparison.articles[0].passages[0];
//! assert_eq!(passage.class, Class::Shared);
//! assert_eq!(passage.matches[0].conflicts[0].a, "14");
//! assert_eq!(passage.matches[0].conflicts[0].b, "41");
//! ```

pub mod conflicts;
pub mod features;
pub mod tokens;

use crate::model::{
    Article, Class, Comparison, Conflict, DiffOp as RunOp, DiffRun, Link, Match, MatchKind,
    Summary, Thresholds,
};
use features::{features, Features, Idf, Interner, Prepared};
use rustc_hash::FxHashMap;
use similar::DiffOp;
use std::collections::HashSet;
use tokens::Tokenizer;

/// Engine settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Thresholds that turn scores into kinds.
    pub thresholds: Thresholds,
    /// Stemmer language, one of [`tokens::LANGUAGES`].
    pub language: String,
}

/// Default verbatim score from which a link is `shared`. See the README for how it was chosen.
pub const DEFAULT_MIN_SHARED: f64 = 0.7;
/// Default paraphrase probability from which a link is `paraphrased`.
pub const DEFAULT_MIN_PARAPHRASE: f64 = 0.5;
/// Pairs below both of these are not kept at all: thresholds can be lowered live down to here.
pub const FLOOR_VERBATIM: f64 = 0.3;
/// See [`FLOOR_VERBATIM`].
pub const FLOOR_PARAPHRASE: f64 = 0.1;
/// Candidates scored per passage and direction.
const CANDIDATES_PER_PASSAGE: usize = 4;

impl Default for Settings {
    fn default() -> Self {
        Settings {
            thresholds: Thresholds {
                min_shared: DEFAULT_MIN_SHARED,
                min_paraphrase: DEFAULT_MIN_PARAPHRASE,
            },
            language: "english".into(),
        }
    }
}

/// Compares the articles: scores candidate pairs, keeps them as links, and classes every
/// passage under `settings.thresholds`. An unknown language falls back to English.
pub fn compare(articles: Vec<Article>, settings: &Settings) -> Comparison {
    compare_with_progress(articles, settings, &mut |_| {})
}

/// [`compare`], reporting progress as a fraction in `[0, 1]` (words prepared, then each pair of
/// articles scored) so that a front end can show a gauge on long analyses.
pub fn compare_with_progress(
    articles: Vec<Article>,
    settings: &Settings,
    progress: &mut dyn FnMut(f64),
) -> Comparison {
    let tokenizer = Tokenizer::new(&settings.language)
        .unwrap_or_else(|| Tokenizer::new("english").expect("english is built in"));
    let mut interner = Interner::default();
    // Preparing the words takes about a third of the time on large articles.
    const PREPARED: f64 = 0.3;
    let total_bytes = articles.iter().map(|a| a.text.len()).sum::<usize>().max(1);
    let mut prepared_bytes = 0;
    let prepared: Vec<Vec<Option<Prepared>>> = articles
        .iter()
        .map(|article| {
            let passages = article
                .passages
                .iter()
                .map(|p| {
                    (p.class != Class::Boilerplate)
                        .then(|| Prepared::new(tokenizer.tokens(&p.text), &mut interner))
                })
                .collect();
            prepared_bytes += article.text.len();
            progress(PREPARED * prepared_bytes as f64 / total_bytes as f64);
            passages
        })
        .collect();
    let idf = Idf::new(prepared.iter().flatten().flatten());
    let pairs = articles.len() * articles.len().saturating_sub(1) / 2;
    let mut done = 0;
    let mut links = Vec::new();
    for i in 0..articles.len() {
        for j in i + 1..articles.len() {
            links.extend(link_pair(&articles, &prepared, &idf, i, j));
            done += 1;
            progress(PREPARED + (1.0 - PREPARED) * done as f64 / pairs as f64);
        }
    }
    let mut comparison = Comparison {
        articles,
        summary: Summary {
            tool: format!("artdiff {}", env!("CARGO_PKG_VERSION")),
            ..Default::default()
        },
        links,
    };
    comparison.reclassify(settings.thresholds);
    comparison
}

/// Per article, stem -> passages containing it.
type Postings = FxHashMap<u32, Vec<u32>>;

fn postings(passages: &[Option<Prepared>]) -> Postings {
    let mut map: Postings = FxHashMap::default();
    for (index, p) in passages.iter().enumerate() {
        for &stem in p.iter().flat_map(|p| &p.content) {
            map.entry(stem).or_default().push(index as u32);
        }
    }
    map
}

/// For each passage of `from`, the passages of `to` sharing the most (IDF-weighted) rare stems,
/// and its word-for-word repeats.
fn candidates(
    from: &[Option<Prepared>],
    to: &[Option<Prepared>],
    to_postings: &Postings,
    idf: &Idf,
) -> Vec<(usize, usize)> {
    // A constant cap keeps the work per passage flat as articles grow (linear overall).
    let max_df = (idf.documents / 50).clamp(30, 100) as u32;
    // A sentence repeated many times has only common stems, which the index skips; its exact
    // repeats are found by their words instead. The k-th repeat in `from` meets the k-th (and
    // next) in `to`, so that repeats pair up in order rather than all chasing the first.
    let mut repeats: FxHashMap<&[u32], Vec<u32>> = FxHashMap::default();
    for (q, prepared) in to.iter().enumerate() {
        if let Some(prepared) = prepared.as_ref().filter(|p| p.words.len() >= 3) {
            repeats.entry(&prepared.words).or_default().push(q as u32);
        }
    }
    let mut seen: FxHashMap<&[u32], usize> = FxHashMap::default();
    let mut acc = vec![0.0f64; to.len()];
    let mut touched = Vec::new();
    let mut out = Vec::new();
    for (p, prepared) in from.iter().enumerate() {
        let Some(prepared) = prepared else { continue };
        if let Some(same) = repeats.get(prepared.words.as_slice()) {
            let k = seen.entry(&prepared.words).or_insert(0);
            out.push((p, same[*k % same.len()] as usize));
            out.push((p, same[(*k + 1) % same.len()] as usize));
            *k += 1;
        }
        for stem in &prepared.content {
            if idf.frequency(*stem) > max_df {
                continue;
            }
            let Some(list) = to_postings.get(stem) else {
                continue;
            };
            let w = idf.weight(*stem);
            for &q in list {
                let q = q as usize;
                if acc[q] == 0.0 {
                    touched.push(q);
                }
                acc[q] += w;
            }
        }
        // Only the best few are wanted: select them, then order just those.
        let order = |x: &usize, y: &usize| acc[*y].total_cmp(&acc[*x]).then(x.cmp(y));
        if touched.len() > CANDIDATES_PER_PASSAGE {
            touched.select_nth_unstable_by(CANDIDATES_PER_PASSAGE, order);
            touched[..CANDIDATES_PER_PASSAGE].sort_unstable_by(order);
        } else {
            touched.sort_unstable_by(order);
        }
        out.extend(touched.iter().take(CANDIDATES_PER_PASSAGE).map(|&q| (p, q)));
        for &q in &touched {
            acc[q] = 0.0;
        }
        touched.clear();
    }
    out
}

/// Scores the candidate pairs of articles `i < j` (and their merged neighbours) into links.
fn link_pair(
    articles: &[Article],
    prepared: &[Vec<Option<Prepared>>],
    idf: &Idf,
    i: usize,
    j: usize,
) -> Vec<Link> {
    let (pa, pb) = (&prepared[i], &prepared[j]);
    let mut pairs: Vec<(usize, usize)> = candidates(pa, pb, &postings(pb), idf);
    pairs.extend(
        candidates(pb, pa, &postings(pa), idf)
            .into_iter()
            .map(|(q, p)| (p, q)),
    );
    pairs.sort_unstable();
    pairs.dedup();

    let text = |article: usize, first: usize, len: usize| -> String {
        let passages = &articles[article].passages[first..first + len];
        passages
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    // Only neighbours in one paragraph can be the two halves of a sentence.
    let merged = |side: &[Option<Prepared>], article: usize, first: usize| -> Option<Prepared> {
        let passages = &articles[article].passages;
        if passages.get(first + 1)?.paragraph != passages[first].paragraph {
            return None;
        }
        let (x, y) = (side.get(first)?.as_ref()?, side.get(first + 1)?.as_ref()?);
        // The halves are joined by one space, as `text` joins them.
        let offset = passages[first].text.len() + 1;
        Some(Prepared::merged(x, y, offset))
    };

    let mut links = Vec::new();
    let mut merges_tried = HashSet::new();
    for (p, q) in pairs {
        let (Some(a), Some(b)) = (&pa[p], &pb[q]) else {
            continue;
        };
        if !features::worth_scoring(a, b) {
            continue;
        }
        let single = features(a, b, idf);
        let best_single = (single.verbatim(), single.paraphrase());
        if keep(best_single) {
            links.push(make_link(
                (i, p, 1),
                (j, q, 1),
                (&text(i, p, 1), a),
                (&text(j, q, 1), b),
                &single,
                idf,
            ));
        }
        if !keep(best_single) {
            continue;
        }
        // A sentence split in two on the other side: score against both halves at once.
        let (la, lb) = (a.words.len() as f64, b.words.len() as f64);
        let mut tries: Vec<((usize, usize), (usize, usize))> = Vec::new();
        if la >= 1.4 * lb {
            tries.extend([((p, 1), (q, 2)), ((p, 1), (q.wrapping_sub(1), 2))]);
        }
        if lb >= 1.4 * la {
            tries.extend([((p, 2), (q, 1)), ((p.wrapping_sub(1), 2), (q, 1))]);
        }
        for ((ap, al), (bq, bl)) in tries {
            if ap == usize::MAX || bq == usize::MAX || !merges_tried.insert((ap, al, bq, bl)) {
                continue;
            }
            let side_a = if al == 2 {
                merged(pa, i, ap)
            } else {
                pa[ap].clone()
            };
            let side_b = if bl == 2 {
                merged(pb, j, bq)
            } else {
                pb[bq].clone()
            };
            let (Some(ma), Some(mb)) = (side_a, side_b) else {
                continue;
            };
            // Each half must carry part of the other side's content, or the "merge" is just a
            // neighbour riding along.
            let halves_contribute = if al == 2 {
                contributes(pa[ap].as_ref(), &mb) && contributes(pa[ap + 1].as_ref(), &mb)
            } else {
                contributes(pb[bq].as_ref(), &ma) && contributes(pb[bq + 1].as_ref(), &ma)
            };
            if !halves_contribute {
                continue;
            }
            let f = features(&ma, &mb, idf);
            let scores = (f.verbatim(), f.paraphrase());
            let better = scores.0 > best_single.0 + 0.1 || scores.1 > best_single.1 + 0.1;
            if better && keep(scores) {
                links.push(make_link(
                    (i, ap, al),
                    (j, bq, bl),
                    (&text(i, ap, al), &ma),
                    (&text(j, bq, bl), &mb),
                    &f,
                    idf,
                ));
            }
        }
    }
    links
}

/// True when at least a third of `half`'s content stems (and two or more) appear in `whole`.
fn contributes(half: Option<&Prepared>, whole: &Prepared) -> bool {
    let Some(half) = half else { return false };
    let found = features::shared_content(half, whole);
    found >= 2 && found * 3 >= half.content.len()
}

fn keep((verbatim, paraphrase): (f64, f64)) -> bool {
    verbatim >= FLOOR_VERBATIM || paraphrase >= FLOOR_PARAPHRASE
}

/// Rounds scores so the JSON report and re-classification agree exactly.
fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

fn make_link(
    (ai, ap, al): (usize, usize, usize),
    (bi, bq, bl): (usize, usize, usize),
    (text_a, a): (&str, &Prepared),
    (text_b, b): (&str, &Prepared),
    f: &Features,
    idf: &Idf,
) -> Link {
    let verbatim = round(f.verbatim());
    let paraphrase = round(f.paraphrase());
    let aligned = f.alignment >= 0.5;
    let ops = similar::capture_diff_slices(similar::Algorithm::Myers, &a.words, &b.words);
    let conflicts = conflicts::find(
        conflicts::Side {
            text: text_a,
            tokens: &a.tokens,
        },
        conflicts::Side {
            text: text_b,
            tokens: &b.tokens,
        },
        &ops,
        aligned,
    );
    Link {
        a: (ai, ap),
        b: (bi, bq),
        a_len: al,
        b_len: bl,
        verbatim,
        paraphrase,
        diff: diff_runs(text_a, a, text_b, b, &ops),
        terms: key_terms(text_a, a, b, idf),
        conflicts,
    }
}

/// The word alignment as runs of text: equal runs and deletions in a's words, insertions in
/// b's words.
fn diff_runs(
    text_a: &str,
    a: &Prepared,
    text_b: &str,
    b: &Prepared,
    ops: &[DiffOp],
) -> Vec<DiffRun> {
    let span = |text: &str, p: &Prepared, range: std::ops::Range<usize>| -> String {
        if range.is_empty() {
            return String::new();
        }
        text[p.tokens[range.start].start..p.tokens[range.end - 1].end].to_string()
    };
    let mut runs: Vec<DiffRun> = Vec::new();
    for op in ops {
        let (tag, old, new) = op.as_tag_tuple();
        let parts = match tag {
            similar::DiffTag::Equal => vec![(RunOp::Equal, span(text_a, a, old))],
            similar::DiffTag::Delete => vec![(RunOp::Delete, span(text_a, a, old))],
            similar::DiffTag::Insert => vec![(RunOp::Insert, span(text_b, b, new))],
            similar::DiffTag::Replace => vec![
                (RunOp::Delete, span(text_a, a, old)),
                (RunOp::Insert, span(text_b, b, new)),
            ],
        };
        for (op, text) in parts {
            if !text.is_empty() {
                runs.push(DiffRun { op, text });
            }
        }
    }
    runs
}

/// The rarest content words both sides use (a's spelling), at most five.
fn key_terms(text_a: &str, a: &Prepared, b: &Prepared, idf: &Idf) -> Vec<String> {
    let mut shared: Vec<(f64, u32)> = a
        .content
        .iter()
        .filter(|s| b.content.binary_search(s).is_ok())
        .map(|&s| (idf.weight(s), s))
        .collect();
    shared.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
    shared
        .into_iter()
        .take(5)
        .filter_map(|(_, stem)| {
            let i = a.token_stems.iter().position(|s| *s == Some(stem))?;
            Some(text_a[a.tokens[i].start..a.tokens[i].end].to_string())
        })
        .collect()
}

impl Comparison {
    /// Re-decides every match and class from the cached [`Comparison::links`] with new
    /// thresholds, without re-scoring: the TUI calls this when the user moves a threshold.
    ///
    /// Per pair of articles the links are assigned one-to-one, best first (shared before
    /// paraphrased, then by score): a passage links to at most one counterpart group in each
    /// other article, where a group is one passage or two neighbours that together say what
    /// the passage says.
    pub fn reclassify(&mut self, thresholds: Thresholds) {
        for article in &mut self.articles {
            for passage in &mut article.passages {
                passage.matches.clear();
            }
        }
        let mut ranked: Vec<(MatchKind, f64, usize)> = self
            .links
            .iter()
            .enumerate()
            .filter_map(|(index, link)| {
                let kind = kind_for(link.verbatim, link.paraphrase, thresholds)?;
                Some((kind, link_score(link, kind), index))
            })
            .collect();
        ranked.sort_by(|x, y| {
            x.0.cmp(&y.0)
                .then(y.1.total_cmp(&x.1))
                .then_with(|| tie_break(&self.links[x.2]).cmp(&tie_break(&self.links[y.2])))
                .then(x.2.cmp(&y.2))
        });
        // (article, passage, other article) already linked.
        let mut used: HashSet<(usize, usize, usize)> = HashSet::new();
        for (kind, score, index) in ranked {
            let link = &self.links[index];
            let side_a = (link.a.1..link.a.1 + link.a_len).map(|p| (link.a.0, p, link.b.0));
            let side_b = (link.b.1..link.b.1 + link.b_len).map(|q| (link.b.0, q, link.a.0));
            let cells: Vec<_> = side_a.chain(side_b).collect();
            if cells.iter().any(|c| used.contains(c)) {
                continue;
            }
            used.extend(cells);
            let link = link.clone();
            for p in link.a.1..link.a.1 + link.a_len {
                for q in link.b.1..link.b.1 + link.b_len {
                    self.push_match_pair(&link, (link.a.0, p), (link.b.0, q), kind, score);
                }
            }
        }
        for article in &mut self.articles {
            for passage in &mut article.passages {
                passage.matches.sort_by(|x, y| {
                    x.kind
                        .cmp(&y.kind)
                        .then(y.score.total_cmp(&x.score))
                        .then((x.article, x.passage).cmp(&(y.article, y.passage)))
                });
            }
        }
        self.summary.thresholds = Some(thresholds);
        self.refresh_summary();
    }

    fn push_match_pair(
        &mut self,
        link: &Link,
        a: (usize, usize),
        b: (usize, usize),
        kind: MatchKind,
        score: f64,
    ) {
        let forward = Match {
            article: b.0,
            passage: b.1,
            kind,
            score,
            verbatim: link.verbatim,
            paraphrase: link.paraphrase,
            diff: link.diff.clone(),
            terms: link.terms.clone(),
            conflicts: link.conflicts.clone(),
        };
        let backward = Match {
            article: a.0,
            passage: a.1,
            diff: link
                .diff
                .iter()
                .map(|r| DiffRun {
                    op: r.op.mirror(),
                    text: r.text.clone(),
                })
                .collect(),
            conflicts: link
                .conflicts
                .iter()
                .map(|c| Conflict {
                    kind: c.kind,
                    a: c.b.clone(),
                    b: c.a.clone(),
                })
                .collect(),
            ..forward.clone()
        };
        self.articles[a.0].passages[a.1].matches.push(forward);
        self.articles[b.0].passages[b.1].matches.push(backward);
    }
}

/// Orders links of equal score by where their passages sit, without regard to which article
/// is numbered first, so that the assignment does not depend on the order articles are given.
fn tie_break(link: &Link) -> (usize, usize, usize, usize) {
    let (p, q) = (link.a.1, link.b.1);
    let (short, long) = (link.a_len.min(link.b_len), link.a_len.max(link.b_len));
    (p.min(q), p.max(q), short, long)
}

/// The score a link carries as `kind`: its verbatim score when shared, else its paraphrase
/// probability.
fn link_score(link: &Link, kind: MatchKind) -> f64 {
    match kind {
        MatchKind::Shared => link.verbatim,
        MatchKind::Paraphrased => link.paraphrase,
    }
}

/// The kind a pair of scores earns under `thresholds`, if any.
pub fn kind_for(verbatim: f64, paraphrase: f64, thresholds: Thresholds) -> Option<MatchKind> {
    if verbatim >= thresholds.min_shared {
        Some(MatchKind::Shared)
    } else if paraphrase >= thresholds.min_paraphrase {
        Some(MatchKind::Paraphrased)
    } else {
        None
    }
}
