//! Statement-level evidence: does one passage tell what the other tells, even inside a longer
//! sentence, in other words, or as part of the same quote?
//!
//! News reports rarely repeat a whole sentence; they restate a statement (who did or said what, a
//! figure, a quote) inside sentences that add other things. So the question scored here is not
//! MRPC's "are these two sentences equivalent?" but "how much of a specific statement do they
//! share?", in two stages:
//!
//! 1. **pair** evidence ([`pair_evidence`]): lexical overlap as in [`super::features`], plus the
//!    containment of the more contained side's specific content in the other, the best clause
//!    (a statement cut out of a long sentence at `;`, dashes, quote marks, ", but"...), the
//!    longest run of words in common (quotes, even of function words only), names, numbers,
//!    headlines and position in the article. A logistic model turns it into a pair score.
//! 2. **context** ([`context_features`]): what a pairwise score cannot see. Whether the pair is
//!    each side's best counterpart in the other article and by what margin, and whether a third
//!    article links to both sides. A second logistic model gives the final probability, which
//!    is the link's `paraphrase` score.
//!
//! Both models are fitted on the news dev set with leave-events-out cross-validation
//! (`cargo test --release --test calibrate -- --ignored --nocapture news`), which prints
//! [`PAIR_WEIGHTS`], [`CONTEXT_WEIGHTS`] and the cross-validated figures.

use super::features::{features, multiset_overlap, Idf, Prepared};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// Names of the pair features, in the order of [`PairEvidence::values`] and [`PAIR_WEIGHTS`].
pub const PAIR_FEATURE_NAMES: [&str; PAIR_FEATURES] = [
    "mrpc_logit",
    "content_precision_min",
    "content_precision_max",
    "idf_jaccard",
    "word_precision_max",
    "bigram_precision_max",
    "char_trigram_precision_max",
    "alignment_ratio",
    "verbatim",
    "containment_max",
    "containment_min",
    "shared_mass",
    "clause_best",
    "run_ratio",
    "run_length",
    "quote_run",
    "numbers_disagree",
    "numbers_agree",
    "names_common",
    "names_disagree",
    "negation_disagrees",
    "log_length",
    "length_ratio",
    "both_headlines",
    "one_headline",
    "quote_contained",
    "subject_same",
    "subject_differs",
];

/// How many pair features there are.
pub const PAIR_FEATURES: usize = 28;

/// Names of the context features, in the order of [`context_features`] and
/// [`CONTEXT_WEIGHTS`].
pub const CONTEXT_FEATURE_NAMES: [&str; CONTEXT_FEATURES] = [
    "pair_logit",
    "best_sides",
    "mutual_best",
    "margin_min",
    "margin_max",
    "third_support",
    "third_gap",
    "rivals",
    "neighbours",
    "affinity",
    "probability",
    "probability_mutual",
    "probability_supported",
];

/// How many context features there are.
pub const CONTEXT_FEATURES: usize = 13;

/// Weights of the pair model: intercept, then one per [`PAIR_FEATURE_NAMES`].
///
/// These and [`CONTEXT_WEIGHTS`] are what the refit command printed (fitted on all 20 events
/// of the news dev set; the figures it prints beside them are cross-validated by event).
pub const PAIR_WEIGHTS: [f64; PAIR_FEATURES + 1] = [
    -5.1512, 1.8136, 0.5922, -0.3529, 1.0304, 2.2256, 1.1889, 1.2846, 0.2325, 0.2578, 0.7555,
    1.914, 2.7387, 1.8184, -0.6386, 0.0701, 1.0814, 0.0875, 0.9076, -0.0715, 0.2629, -0.162,
    0.1038, -0.0716, 1.8785, 0.4889, -0.006, 0.2736, 0.1142,
];

/// How many times the context model runs: each round recomputes the context (best
/// counterpart, margins, third-article support, neighbours) from the previous round's scores.
pub const CONTEXT_ROUNDS: usize = 1;

/// Weights of the context model, per round: intercept, then one per [`CONTEXT_FEATURE_NAMES`].
pub const CONTEXT_WEIGHTS: [[f64; CONTEXT_FEATURES + 1]; CONTEXT_ROUNDS] = [[
    -1.2798, 2.8929, 0.2239, 0.4344, 0.5812, -0.2491, 2.8796, -0.0575, 0.0719, 1.8591, 1.509,
    -0.0472, -0.3256, -2.356,
]];

/// The two fitted models. [`Model::default`] is the one the product ships; calibration builds
/// others to cross-validate.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Pair weights: intercept first.
    pub pair: Vec<f64>,
    /// Context weights per round: intercept first.
    pub context: Vec<Vec<f64>>,
}

impl Default for Model {
    fn default() -> Self {
        Model {
            pair: PAIR_WEIGHTS.to_vec(),
            context: CONTEXT_WEIGHTS.iter().map(|w| w.to_vec()).collect(),
        }
    }
}

/// Where a passage sits in its article.
///
/// Two more position features were measured and left out: how far apart the two passages sit
/// (relative place in their articles) and a headline against one of the first three sentences
/// of the other article. Both cost 1–3 points of cross-validated recall at the same precision
/// across six ways of dealing the dev set's events into folds (as did the count of specific
/// words in common, which [`PAIR_FEATURE_NAMES`]'s containment already measures): they fit the
/// story structure of the events they were fitted on, not of others.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Position {
    /// The article's first comparable passage: its headline.
    pub headline: bool,
}

/// The pair evidence of two passages.
#[derive(Debug, Clone, PartialEq)]
pub struct PairEvidence {
    /// Values in the order of [`PAIR_FEATURE_NAMES`].
    pub values: [f64; PAIR_FEATURES],
    /// The verbatim score (see [`super::features::Features::verbatim`]).
    pub verbatim: f64,
    /// Share of words in the longest common subsequence.
    pub alignment: f64,
    /// The whole-sentence paraphrase probability (the MRPC model).
    pub sentence: f64,
}

impl PairEvidence {
    /// The pair model's log-odds under `weights`.
    pub fn logit(&self, weights: &[f64]) -> f64 {
        logit(&self.values, weights)
    }
}

/// `w₀ + Σ wᵢ·xᵢ`.
pub fn logit(values: &[f64], weights: &[f64]) -> f64 {
    weights[0]
        + values
            .iter()
            .zip(&weights[1..])
            .map(|(x, w)| x * w)
            .sum::<f64>()
}

/// The logistic function.
pub fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// Computes the pair evidence of (a, b). Symmetric: swapping the sides gives the same values.
pub fn pair_evidence(
    a: &Prepared,
    b: &Prepared,
    idf: &Idf,
    position_a: Position,
    position_b: Position,
) -> PairEvidence {
    let f = features(a, b, idf);
    // Indices found at compile time: a misspelt name does not build.
    macro_rules! value {
        ($name:literal) => {
            f.values[const { feature_index($name) }]
        };
    }
    let mrpc = f.paraphrase().clamp(1e-6, 1.0 - 1e-6);
    let mrpc_logit = (mrpc / (1.0 - mrpc)).ln() / 5.0;

    let mass = |stems: &mut dyn Iterator<Item = u32>| stems.map(|t| idf.weight(t)).sum::<f64>();
    let shared_mass = mass(
        &mut a
            .indexed
            .content
            .iter()
            .copied()
            .filter(|t| b.indexed.content.binary_search(t).is_ok()),
    );
    let (mass_a, mass_b) = (
        mass(&mut a.indexed.content.iter().copied()),
        mass(&mut b.indexed.content.iter().copied()),
    );
    let contained = |whole: f64| {
        if whole > 0.0 {
            shared_mass / whole
        } else {
            0.0
        }
    };
    let (ca, cb) = (contained(mass_a), contained(mass_b));

    let clause_best = best_clause(a, b, idf).max(best_clause(b, a, idf));
    let (run, quoted_run) = common_runs(a, b);
    let shorter = a.indexed.words.len().min(b.indexed.words.len()).max(1);
    let run_ratio = run as f64 / shorter as f64;
    let quote_run = if quoted_run >= 3 {
        (quoted_run as f64).min(8.0) / 8.0
    } else {
        0.0
    };
    let names_common = multiset_overlap(&a.names, &b.names);
    let (subject_a, subject_b) = (a.subject, b.subject);
    // A passage found word for word inside a longer one (a quote, a wire sentence a report
    // extends) is verbatim too, once it is long enough to be a statement of its own.
    let (la, lb) = (a.indexed.words.len() as f64, b.indexed.words.len() as f64);
    let common = (f.alignment * (la + lb) / 2.0).round();
    let short = la.min(lb);
    let contained_verbatim = if short > 0.0 {
        common / short * (short / CONTAINED_WORDS).min(1.0)
    } else {
        0.0
    };
    let verbatim = f.verbatim().max(contained_verbatim).min(1.0);

    let values = [
        mrpc_logit,
        value!("content_precision_min"),
        value!("content_precision_max"),
        value!("idf_jaccard"),
        value!("word_precision_max"),
        value!("bigram_precision_max"),
        value!("char_trigram_precision_max"),
        f.alignment,
        verbatim,
        ca.max(cb),
        ca.min(cb),
        (1.0 + shared_mass).ln() / 4.0,
        clause_best,
        run_ratio,
        (run as f64).min(12.0) / 12.0,
        quote_run,
        value!("numbers_disagree"),
        value!("numbers_agree"),
        (names_common as f64).min(3.0) / 3.0,
        value!("names_disagree"),
        value!("negation_disagrees"),
        value!("log_length"),
        value!("length_ratio"),
        f64::from(u8::from(position_a.headline && position_b.headline)),
        f64::from(u8::from(position_a.headline != position_b.headline)),
        quote_contained(a, b).max(quote_contained(b, a)),
        f64::from(u8::from(subject_a.is_some() && subject_a == subject_b)),
        f64::from(u8::from(
            subject_a.is_some() && subject_b.is_some() && subject_a != subject_b,
        )),
    ];
    PairEvidence {
        values,
        verbatim,
        alignment: f.alignment,
        sentence: mrpc,
    }
}

/// The share of `x`'s quoted words (three or more) that `y` says in the same order, function
/// words included: the same quote, even when one side quotes only part of it.
fn quote_contained(x: &Prepared, y: &Prepared) -> f64 {
    // Most passages quote nothing.
    if x.indexed.quoted.iter().filter(|&&q| q).nth(2).is_none() {
        return 0.0;
    }
    let quoted: Vec<u32> = x
        .indexed
        .words
        .iter()
        .zip(&x.indexed.quoted)
        .filter(|(_, q)| **q)
        .map(|(w, _)| *w)
        .collect();
    if quoted.len() < 3 {
        return 0.0;
    }
    super::features::lcs_length(&quoted, &y.indexed.words) as f64 / quoted.len() as f64
}

/// Words from which a passage contained word for word in another counts as fully verbatim.
const CONTAINED_WORDS: f64 = 10.0;

/// Where a whole-sentence feature sits in [`super::features::FEATURE_NAMES`]: evaluated when
/// building, not for every pair.
const fn feature_index(name: &str) -> usize {
    use super::features::{FEATURES, FEATURE_NAMES};
    let mut i = 0;
    while i < FEATURES {
        if same_bytes(FEATURE_NAMES[i].as_bytes(), name.as_bytes()) {
            return i;
        }
        i += 1;
    }
    panic!("no whole-sentence feature of that name");
}

/// `a == b`, in a `const fn`.
const fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Content mass (IDF) from which a clause counts fully: about two specific words.
const CLAUSE_MASS: f64 = 10.0;

/// The best share of one of `x`'s clauses found in `y`, discounted for clauses with little
/// content: a statement inside a long sentence.
fn best_clause(x: &Prepared, y: &Prepared, idf: &Idf) -> f64 {
    let mut best = 0.0f64;
    let mut stems: Vec<u32> = Vec::new();
    for clause in &x.indexed.clauses {
        stems.clear();
        stems.extend(x.token_stems[clause.clone()].iter().flatten().copied());
        stems.sort_unstable();
        stems.dedup();
        let total: f64 = stems.iter().map(|&t| idf.weight(t)).sum();
        if total == 0.0 {
            continue;
        }
        let found: f64 = stems
            .iter()
            .filter(|t| y.indexed.content.binary_search(t).is_ok())
            .map(|&t| idf.weight(t))
            .sum();
        best = best.max(found / total * (total / CLAUSE_MASS).min(1.0));
    }
    best
}

/// The longest run of words the two have in common, in order, and the longest such run that
/// is quoted on at least one side.
fn common_runs(a: &Prepared, b: &Prepared) -> (usize, usize) {
    let (n, m) = (a.indexed.words.len(), b.indexed.words.len());
    if n == 0 || m == 0 {
        return (0, 0);
    }
    let (mut run, mut quoted) = (vec![0usize; m + 1], vec![0usize; m + 1]);
    let (mut best, mut best_quoted) = (0, 0);
    for i in 0..n {
        // Walk backwards so that run[j] still holds row i-1's value for j.
        for j in (0..m).rev() {
            if a.indexed.words[i] == b.indexed.words[j] {
                run[j + 1] = run[j] + 1;
                quoted[j + 1] = if a.indexed.quoted[i] || b.indexed.quoted[j] {
                    quoted[j] + 1
                } else {
                    0
                };
                best = best.max(run[j + 1]);
                best_quoted = best_quoted.max(quoted[j + 1]);
            } else {
                run[j + 1] = 0;
                quoted[j + 1] = 0;
            }
        }
    }
    (best, best_quoted)
}

/// Runs the context rounds of `weights` over `scored`, each replacing every pair's log-odds with
/// the context model's from the scores of the round before.
pub fn apply_context(scored: &mut [Scored], weights: &[Vec<f64>]) {
    for round in weights {
        // Each pair's features become its log-odds at once: the features of every candidate of
        // a large comparison were most of its memory at this stage.
        let logits = map_context(scored, |values| logit(&values, round));
        for (s, new) in scored.iter_mut().zip(logits) {
            s.logit = new;
        }
    }
}

/// One scored candidate pair as the context stage sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    /// (article, passage) of one side.
    pub a: (usize, usize),
    /// (article, passage) of the other side, in another article.
    pub b: (usize, usize),
    /// The pair model's log-odds.
    pub logit: f64,
}

/// Scores from which a rival counterpart counts as one.
const RIVAL: f64 = 0.5;

/// The context features of every scored pair (same order), from all pairs of the comparison.
pub fn context_features(scored: &[Scored]) -> Vec<[f64; CONTEXT_FEATURES]> {
    map_context(scored, |values| values)
}

/// `f` of the context features of every scored pair (same order).
fn map_context<T: Send>(
    scored: &[Scored],
    f: impl Fn([f64; CONTEXT_FEATURES]) -> T + Sync,
) -> Vec<T> {
    // (article, passage, other article) -> (other passage, probability), every candidate.
    let mut toward: FxHashMap<(usize, usize, usize), Vec<(usize, f64)>> = FxHashMap::default();
    for s in scored {
        let p = sigmoid(s.logit);
        toward
            .entry((s.a.0, s.a.1, s.b.0))
            .or_default()
            .push((s.b.1, p));
        toward
            .entry((s.b.0, s.b.1, s.a.0))
            .or_default()
            .push((s.a.1, p));
    }
    // Per ordered pair of articles: passages of the first with a likely counterpart in the
    // second, and passages with any candidate there. Reports that copy each other share a lot.
    let mut affinity: FxHashMap<(usize, usize), (f64, f64)> = FxHashMap::default();
    for (&(a, _, other), list) in &toward {
        let entry = affinity.entry((a, other)).or_default();
        entry.1 += 1.0;
        if list.iter().any(|(_, p)| *p >= RIVAL) {
            entry.0 += 1.0;
        }
    }
    let articles = scored
        .iter()
        .map(|s| s.a.0.max(s.b.0) + 1)
        .max()
        .unwrap_or(0);
    // Each pair's features read the maps above only: in parallel, in order.
    scored
        .par_iter()
        .map(|s| {
            let p = sigmoid(s.logit);
            // Best of the other candidates of `side` in the article of `other`.
            let rival = |side: (usize, usize), other: (usize, usize)| -> (f64, usize) {
                let list = &toward[&(side.0, side.1, other.0)];
                let best = list
                    .iter()
                    .filter(|(q, _)| *q != other.1)
                    .map(|(_, p)| *p)
                    .fold(0.0, f64::max);
                let strong = list
                    .iter()
                    .filter(|(q, p)| *q != other.1 && *p >= RIVAL)
                    .count();
                (best, strong)
            };
            let (rival_a, strong_a) = rival(s.a, s.b);
            let (rival_b, strong_b) = rival(s.b, s.a);
            let (best_a, best_b) = (p >= rival_a, p >= rival_b);
            let (margin_a, margin_b) = (p - rival_a, p - rival_b);
            let (mut support, mut gap) = (0.0f64, 0.0f64);
            for k in (0..articles).filter(|&k| k != s.a.0 && k != s.b.0) {
                let empty = Vec::new();
                let from_a = toward.get(&(s.a.0, s.a.1, k)).unwrap_or(&empty);
                let from_b = toward.get(&(s.b.0, s.b.1, k)).unwrap_or(&empty);
                for (r, pa) in from_a {
                    if let Some((_, pb)) = from_b.iter().find(|(q, _)| q == r) {
                        support = support.max(pa.min(*pb));
                    }
                }
                let top = |list: &[(usize, f64)]| list.iter().map(|(_, p)| *p).fold(0.0, f64::max);
                gap = gap.max((top(from_a) - top(from_b)).abs());
            }
            // A neighbour linked to the neighbour on the same side: copied text runs in order.
            let near = |d: isize| -> f64 {
                let step = |(a, p): (usize, usize)| -> Option<(usize, usize)> {
                    Some((a, p.checked_add_signed(d)?))
                };
                // A pair of passages is one candidate at most: its score is in `toward`.
                match (step(s.a), step(s.b)) {
                    (Some(x), Some(y)) => toward
                        .get(&(x.0, x.1, y.0))
                        .and_then(|list| list.iter().find(|(q, _)| *q == y.1))
                        .map_or(0.0, |(_, p)| *p),
                    _ => 0.0,
                }
            };
            let share = |x: usize, y: usize| {
                affinity
                    .get(&(x, y))
                    .map_or(0.0, |(strong, all)| strong / all.max(1.0))
            };
            f([
                s.logit.clamp(-10.0, 10.0) / 4.0,
                f64::from(u8::from(best_a) + u8::from(best_b)) / 2.0,
                f64::from(u8::from(best_a && best_b)),
                margin_a.min(margin_b),
                margin_a.max(margin_b),
                support,
                gap,
                ((strong_a + strong_b) as f64).min(4.0) / 4.0,
                near(-1).max(near(1)),
                share(s.a.0, s.b.0).max(share(s.b.0, s.a.0)),
                p,
                p * f64::from(u8::from(best_a && best_b)),
                p * support,
            ])
        })
        .collect()
}
