//! "Why unique?": the candidates of a passage that came closest to being its counterpart but are
//! not matches under the current thresholds.
//!
//! The engine keeps every scored pair in [`Comparison::links`], also those below the thresholds
//! (down to a floor), so the near misses of a passage are read from there without re-scoring.
//! A candidate is a near miss when
//!
//! - its scores are below both thresholds (it earns no kind), or
//! - its scores reach a threshold but the one-to-one assignment gave the counterpart (or this
//!   passage, for that article) to a better pair: [`NearMiss::taken`] names that pair.
//!
//! They are ranked by how close they came: the larger of `verbatim / min_shared` and
//! `paraphrase / min_paraphrase` ([`NearMiss::closeness`]), so a pair that nearly made
//! *shared* and one that nearly made *paraphrased* compare on one scale. The line shown for a
//! near miss names the score that came closest ([`NearMiss::closest`]).
//!
//! ```
//! use artdiff::model::{Article, Comparison, Link, Passage};
//! use artdiff::Settings;
//! let article = |text: &str| Article {
//!     passages: vec![Passage { text: text.into(), end: text.len(), ..Default::default() }],
//!     ..Default::default()
//! };
//! let mut c = Comparison {
//!     articles: vec![article("The deadline was set for Monday."), article("Monday's deadline was extended.")],
//!     links: vec![Link {
//!         a: (0, 0), b: (1, 0), a_len: 1, b_len: 1, verbatim: 0.3, paraphrase: 0.41,
//!         diff: vec![].into(), terms: vec!["Monday".into(), "deadline".into()].into(), conflicts: vec![],
//!     }],
//!     ..Default::default()
//! };
//! c.reclassify(Settings::default().thresholds);
//! let near = c.near_misses(1, 0, 3);
//! assert_eq!((near[0].article, near[0].passage), (0, 0));
//! assert_eq!(near[0].closest.score, 0.41);
//! assert_eq!(near[0].closest.threshold, Settings::default().thresholds.min_paraphrase);
//! ```

use crate::align::{kind_for, DEFAULT_MIN_PARAPHRASE, DEFAULT_MIN_SHARED};
use crate::model::{Comparison, Conflict, DiffOp, Link, MatchKind, Thresholds};
use serde::{Deserialize, Serialize};

/// How many near misses the TUI and the reports show per passage.
pub const SHOWN: usize = 3;
/// How many replaced word pairs a near miss carries.
pub const MAX_DIFFERS: usize = 3;
/// Longest replacement (in words, on either side) that counts as a word pair: longer runs are
/// rewrites rather than changed words, and say little at a glance.
pub const MAX_REPLACED_WORDS: usize = 3;

/// A candidate counterpart that is not a match under the current thresholds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NearMiss {
    /// The other article's index.
    pub article: usize,
    /// The other side's (first) passage.
    pub passage: usize,
    /// How many neighbouring passages the other side spans, from `passage`: 1, or 2 when the
    /// pair was scored against two neighbours together.
    pub passages: usize,
    /// The neighbour of this passage that was scored together with it (the pair covers both),
    /// if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with_neighbour: Option<usize>,
    /// Verbatim score of the pair.
    pub verbatim: f64,
    /// Paraphrase score of the pair.
    pub paraphrase: f64,
    /// The score that came closest to its threshold.
    pub closest: Closest,
    /// Key terms both sides share (this side's spelling when this passage is the link's `a`
    /// side, else the other's: the engine writes them from `a`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub terms: Vec<String>,
    /// Words the diff replaces (at most [`MAX_REPLACED_WORDS`] on each side), at most
    /// [`MAX_DIFFERS`] pairs, in text order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub differs: Vec<Replaced>,
    /// Fact conflicts inside the pair, `a` this passage's reading.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
    /// When the scores reach a threshold: the match that holds the counterpart (or this
    /// passage) instead, as (passage, its counterpart), each (article, passage).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taken: Option<((usize, usize), (usize, usize))>,
}

/// The score of a near miss that came closest to its threshold.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Closest {
    /// Which threshold: `shared` (verbatim score) or `paraphrased` (paraphrase score).
    pub kind: MatchKind,
    /// The score.
    pub score: f64,
    /// The threshold it is measured against.
    pub threshold: f64,
}

impl Closest {
    /// The score's name: `verbatim` or `paraphrase`.
    pub fn name(&self) -> &'static str {
        match self.kind {
            MatchKind::Shared => "verbatim",
            MatchKind::Paraphrased => "paraphrase",
        }
    }
}

/// Words one side has where the other has other words (a deletion directly followed by an
/// insertion in the diff).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Replaced {
    /// This passage's words.
    pub this: String,
    /// The other side's words.
    pub other: String,
}

impl Replaced {
    /// `set/extended`, each side cut to `max_words` words (`…` marks a cut).
    pub fn label(&self, max_words: usize) -> String {
        format!(
            "{}/{}",
            first_words(&self.this, max_words),
            first_words(&self.other, max_words)
        )
    }
}

fn first_words(text: &str, max: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= max {
        words.join(" ")
    } else {
        format!("{}…", words[..max].join(" "))
    }
}

impl NearMiss {
    /// How close the pair came, on one scale for both thresholds: the larger of
    /// `verbatim / min_shared` and `paraphrase / min_paraphrase`. Below 1 the pair earns no
    /// kind; 1 or more means it was [`taken`](NearMiss::taken) by a better pair.
    pub fn closeness(&self) -> f64 {
        ratio(self.closest.score, self.closest.threshold)
    }

    /// `needs 0.50` below the threshold, `clears 0.50` for a pair that reaches it but lost
    /// the one-to-one assignment.
    pub fn threshold_note(&self) -> String {
        let verb = if self.closeness() >= 1.0 {
            "clears"
        } else {
            "needs"
        };
        format!("{verb} {:.2}", self.closest.threshold)
    }

    /// The other side as people read it, article and passages counted from 1: `2:14`, or
    /// `2:14–15` when it spans two neighbours.
    pub fn other_ref(&self) -> String {
        let first = self.passage + 1;
        if self.passages > 1 {
            format!("{}:{first}–{}", self.article + 1, first + self.passages - 1)
        } else {
            format!("{}:{first}", self.article + 1)
        }
    }
}

fn ratio(score: f64, threshold: f64) -> f64 {
    if threshold > 0.0 {
        score / threshold
    } else {
        f64::INFINITY
    }
}

impl Comparison {
    /// The thresholds the classes were decided with (the defaults when the summary has none).
    pub fn thresholds(&self) -> Thresholds {
        self.summary.thresholds.unwrap_or(Thresholds {
            min_shared: DEFAULT_MIN_SHARED,
            min_paraphrase: DEFAULT_MIN_PARAPHRASE,
        })
    }

    /// The candidates of passage `passage` of article `article` that came closest to being
    /// counterparts but are not matches under the current thresholds, best first (see the
    /// [module](crate::near_miss) for the ranking), at most `limit`.
    ///
    /// Read from [`Comparison::links`] on either side of a link; a link whose side covers two
    /// neighbouring passages counts for both. Of several links to the same other passages only
    /// the closest is kept. Empty for a comparison without cached links (read back from a
    /// report) and for boilerplate, which is never scored.
    pub fn near_misses(&self, article: usize, passage: usize, limit: usize) -> Vec<NearMiss> {
        let Some(this) = self.passage(article, passage) else {
            return Vec::new();
        };
        let thresholds = self.thresholds();
        let mut out: Vec<NearMiss> = Vec::new();
        for link in &self.links {
            let Some(side) = Side::of(link, (article, passage)) else {
                continue;
            };
            let other = side.other(link);
            let other_range = other.1..other.1 + side.other_len(link);
            let mut taken = None;
            if kind_for(link.verbatim, link.paraphrase, thresholds).is_some() {
                // Reaches a threshold: a match, unless the assignment gave a cell to another pair.
                let matched = this
                    .matches
                    .iter()
                    .any(|m| m.article == other.0 && other_range.contains(&m.passage));
                if matched {
                    continue;
                }
                taken = self.blocking_match(link);
            }
            let near = side.near_miss(link, passage, thresholds, taken);
            let same = out.iter_mut().find(|n| {
                (n.article, n.passage, n.passages) == (near.article, near.passage, near.passages)
            });
            match same {
                Some(n) if n.closeness() >= near.closeness() => {}
                Some(n) => *n = near,
                None => out.push(near),
            }
        }
        out.sort_by(|x, y| {
            y.closeness()
                .total_cmp(&x.closeness())
                .then((x.article, x.passage, x.passages).cmp(&(y.article, y.passage, y.passages)))
        });
        out.truncate(limit);
        out
    }

    /// The match that keeps `link` out of the one-to-one assignment: a passage it covers that
    /// already has a counterpart in the link's other article.
    fn blocking_match(&self, link: &Link) -> Option<((usize, usize), (usize, usize))> {
        let side_a = (link.a.1..link.a.1 + link.a_len).map(|p| ((link.a.0, p), link.b.0));
        let side_b = (link.b.1..link.b.1 + link.b_len).map(|q| ((link.b.0, q), link.a.0));
        side_a.chain(side_b).find_map(|(at, towards)| {
            let m = self
                .passage(at.0, at.1)?
                .matches
                .iter()
                .find(|m| m.article == towards)?;
            Some((at, (m.article, m.passage)))
        })
    }
}

/// Which side of a link the passage asked about is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    A,
    B,
}

impl Side {
    fn of(link: &Link, (article, passage): (usize, usize)) -> Option<Side> {
        let covers = |(a, first): (usize, usize), len: usize| {
            a == article && (first..first + len).contains(&passage)
        };
        if covers(link.a, link.a_len) {
            Some(Side::A)
        } else if covers(link.b, link.b_len) {
            Some(Side::B)
        } else {
            None
        }
    }

    fn own(self, link: &Link) -> ((usize, usize), usize) {
        match self {
            Side::A => (link.a, link.a_len),
            Side::B => (link.b, link.b_len),
        }
    }

    fn other(self, link: &Link) -> (usize, usize) {
        match self {
            Side::A => link.b,
            Side::B => link.a,
        }
    }

    fn other_len(self, link: &Link) -> usize {
        match self {
            Side::A => link.b_len,
            Side::B => link.a_len,
        }
    }

    fn near_miss(
        self,
        link: &Link,
        passage: usize,
        thresholds: Thresholds,
        taken: Option<((usize, usize), (usize, usize))>,
    ) -> NearMiss {
        let ((_, own_first), own_len) = self.own(link);
        let with_neighbour = (own_first..own_first + own_len).find(|&p| p != passage);
        let verbatim_gap = ratio(link.verbatim, thresholds.min_shared);
        let paraphrase_gap = ratio(link.paraphrase, thresholds.min_paraphrase);
        let closest = if verbatim_gap > paraphrase_gap {
            Closest {
                kind: MatchKind::Shared,
                score: link.verbatim,
                threshold: thresholds.min_shared,
            }
        } else {
            Closest {
                kind: MatchKind::Paraphrased,
                score: link.paraphrase,
                threshold: thresholds.min_paraphrase,
            }
        };
        let other = self.other(link);
        NearMiss {
            article: other.0,
            passage: other.1,
            passages: self.other_len(link),
            with_neighbour,
            verbatim: link.verbatim,
            paraphrase: link.paraphrase,
            closest,
            terms: link.terms.to_vec(),
            differs: self.replaced(link),
            conflicts: link
                .conflicts
                .iter()
                .map(|c| match self {
                    Side::A => c.clone(),
                    Side::B => Conflict {
                        kind: c.kind,
                        a: c.b.clone(),
                        b: c.a.clone(),
                    },
                })
                .collect(),
            taken,
        }
    }

    /// The replaced wording of the link's diff, this side's words first. The diff is written
    /// from `a` (deleted: only in `a`, inserted: only in `b`), and a replacement is a deletion
    /// next to an insertion; seen from `b` the two are swapped, as `reclassify` mirrors a
    /// match's diff.
    fn replaced(self, link: &Link) -> Vec<Replaced> {
        let mut out = Vec::new();
        let mut runs = link.diff.iter().peekable();
        while let Some(run) = runs.next() {
            let Some(next) = runs.peek() else { break };
            let (deleted, inserted) = match (run.op, next.op) {
                (DiffOp::Delete, DiffOp::Insert) => (&run.text, &next.text),
                (DiffOp::Insert, DiffOp::Delete) => (&next.text, &run.text),
                _ => continue,
            };
            runs.next();
            let words = |s: &str| s.split_whitespace().count();
            if !(1..=MAX_REPLACED_WORDS).contains(&words(deleted))
                || !(1..=MAX_REPLACED_WORDS).contains(&words(inserted))
            {
                continue;
            }
            let (this, other) = match self {
                Side::A => (deleted, inserted),
                Side::B => (inserted, deleted),
            };
            out.push(Replaced {
                this: this.to_string(),
                other: other.to_string(),
            });
            if out.len() == MAX_DIFFERS {
                break;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Class, ConflictKind, DiffRun, Passage};

    fn article(sentences: &[&str]) -> Article {
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
                ..Default::default()
            });
        }
        Article {
            text,
            passages,
            ..Default::default()
        }
    }

    fn link(a: (usize, usize), b: (usize, usize), verbatim: f64, paraphrase: f64) -> Link {
        Link {
            a,
            b,
            a_len: 1,
            b_len: 1,
            verbatim,
            paraphrase,
            diff: vec![].into(),
            terms: vec![].into(),
            conflicts: vec![],
        }
    }

    fn run(op: DiffOp, text: &str) -> DiffRun {
        DiffRun {
            op,
            text: text.into(),
        }
    }

    fn comparison(articles: Vec<Article>, links: Vec<Link>) -> Comparison {
        let mut c = Comparison {
            articles,
            links,
            ..Default::default()
        };
        // Pinned, so that the figures below do not move with the shipped defaults.
        c.reclassify(Thresholds {
            min_shared: 0.7,
            min_paraphrase: 0.5,
        });
        c
    }

    /// 1:1 (a) has candidates below the thresholds in article 2 and 3; 2:2 is a real match of
    /// 1:2.
    fn sample() -> Comparison {
        let a = article(&[
            "The deadline was set for Monday by the council.",
            "Fourteen people were hurt.",
        ]);
        let b = article(&[
            "Weather was mild.",
            "Fourteen were hurt.",
            "The council extended the deadline past Monday.",
        ]);
        let c = article(&["The council met on Monday."]);
        let mut near = link((0, 0), (1, 2), 0.35, 0.41);
        near.diff = vec![
            run(DiffOp::Equal, "The deadline was"),
            run(DiffOp::Delete, "set"),
            run(DiffOp::Insert, "extended"),
            run(DiffOp::Equal, "Monday"),
            run(DiffOp::Delete, "by"),
            run(DiffOp::Insert, "past"),
        ]
        .into();
        near.terms = vec!["Monday".into(), "deadline".into()].into();
        near.conflicts = vec![Conflict {
            kind: ConflictKind::Date,
            a: "set for Monday".into(),
            b: "past Monday".into(),
        }];
        comparison(
            vec![a, b, c],
            vec![
                near,
                link((0, 0), (2, 0), 0.2, 0.15),
                link((0, 1), (1, 1), 0.8, 0.9),
                link((0, 0), (1, 0), 0.1, 0.12),
            ],
        )
    }

    #[test]
    fn near_misses_are_the_closest_candidates_below_the_thresholds_best_first() {
        let c = sample();
        assert_eq!(c.articles[0].passages[0].class, Class::Unique);
        let near = c.near_misses(0, 0, 3);
        let order: Vec<(usize, usize)> = near.iter().map(|n| (n.article, n.passage)).collect();
        assert_eq!(order, vec![(1, 2), (2, 0), (1, 0)]);
        let first = &near[0];
        assert_eq!(first.closest.kind, MatchKind::Paraphrased);
        assert_eq!((first.closest.score, first.closest.threshold), (0.41, 0.5));
        assert!((first.closeness() - 0.82).abs() < 1e-9);
        assert_eq!((first.verbatim, first.paraphrase), (0.35, 0.41));
        assert_eq!(first.terms, vec!["Monday", "deadline"]);
        let pairs: Vec<String> = first.differs.iter().map(|r| r.label(4)).collect();
        assert_eq!(pairs, vec!["set/extended", "by/past"]);
        assert_eq!(first.conflicts[0].a, "set for Monday");
        assert_eq!(first.taken, None);
        assert_eq!(first.other_ref(), "2:3");
        // The limit cuts the list.
        assert_eq!(c.near_misses(0, 0, 1).len(), 1);
        assert!(c.near_misses(0, 0, 0).is_empty());
    }

    #[test]
    fn from_the_b_side_the_evidence_is_mirrored() {
        let c = sample();
        let near = c.near_misses(1, 2, 3);
        assert_eq!(near.len(), 1);
        let n = &near[0];
        assert_eq!((n.article, n.passage), (0, 0));
        let pairs: Vec<String> = n.differs.iter().map(|r| r.label(4)).collect();
        assert_eq!(pairs, vec!["extended/set", "past/by"]);
        assert_eq!(n.conflicts[0].a, "past Monday");
        assert_eq!(n.conflicts[0].b, "set for Monday");
    }

    #[test]
    fn matches_are_not_near_misses_and_thresholds_move_them() {
        let mut c = sample();
        // 1:2 is matched with 2:2: no near miss left for it.
        assert_eq!(c.articles[0].passages[1].class, Class::Shared);
        assert!(c.near_misses(0, 1, 3).is_empty());
        // Lower the paraphrase threshold below 0.41: the pair becomes a match and leaves.
        c.reclassify(Thresholds {
            min_shared: 0.7,
            min_paraphrase: 0.4,
        });
        assert_eq!(c.articles[0].passages[0].class, Class::Paraphrased);
        let near = c.near_misses(0, 0, 3);
        assert!(near.iter().all(|n| (n.article, n.passage) != (1, 2)));
        // The remaining ones are measured against the new threshold.
        assert_eq!(near[0].closest.threshold, 0.4);
    }

    #[test]
    fn a_verbatim_near_miss_is_measured_against_min_shared() {
        let a = article(&["One two three four five six."]);
        let b = article(&["One two three four five seven."]);
        let c = comparison(vec![a, b], vec![link((0, 0), (1, 0), 0.65, 0.2)]);
        let n = &c.near_misses(0, 0, 3)[0];
        assert_eq!(n.closest.kind, MatchKind::Shared);
        assert_eq!(n.closest.name(), "verbatim");
        assert_eq!((n.closest.score, n.closest.threshold), (0.65, 0.7));
    }

    #[test]
    fn a_passage_whose_counterpart_is_taken_still_gets_its_best_link() {
        // 1:1 and 1:2 both clear the threshold with 2:1; 1:1 wins the one-to-one pass, and 1:2,
        // left without a counterpart, takes its best link in the second pass: no near miss.
        let a = article(&["Rescuers reached Kalvik.", "Rescuers arrived in Kalvik."]);
        let b = article(&["Rescuers reached Kalvik on Tuesday."]);
        let c = comparison(
            vec![a, b],
            vec![
                link((0, 0), (1, 0), 0.8, 0.9),
                link((0, 1), (1, 0), 0.4, 0.6),
            ],
        );
        assert_eq!(c.articles[0].passages[1].class, Class::Paraphrased);
        assert_eq!(c.articles[1].passages[0].matches.len(), 2);
        assert!(c.near_misses(0, 1, 3).is_empty());
    }

    #[test]
    fn two_passage_sides_count_for_both_passages_and_keep_the_closest() {
        // 2:1 says in one sentence what 1:1 and 1:2 split in two.
        let a = article(&["The span fell.", "It was at 7.40."]);
        let b = article(&["The span fell at 7.40."]);
        let mut merged = link((0, 0), (1, 0), 0.45, 0.48);
        merged.a_len = 2;
        let c = comparison(vec![a, b], vec![link((0, 0), (1, 0), 0.3, 0.3), merged]);
        // From 1:2 only the merged link reaches it, scored with its neighbour 1:1.
        let near = c.near_misses(0, 1, 3);
        assert_eq!(near.len(), 1);
        assert_eq!(near[0].with_neighbour, Some(0));
        assert_eq!(near[0].paraphrase, 0.48);
        // From 1:1 both links go to 2:1: only the closer one is kept.
        let near = c.near_misses(0, 0, 3);
        assert_eq!(near.len(), 1);
        assert_eq!(near[0].paraphrase, 0.48);
        // From 2:1 the other side spans two passages.
        let near = c.near_misses(1, 0, 3);
        assert_eq!(near.len(), 2);
        assert_eq!(near[0].other_ref(), "1:1–2");
        assert_eq!(near[0].with_neighbour, None);
        assert_eq!(near[1].other_ref(), "1:1");
    }

    #[test]
    fn nothing_without_links_or_for_a_missing_passage() {
        let mut c = sample();
        assert!(c.near_misses(7, 0, 3).is_empty());
        assert!(c.near_misses(0, 9, 3).is_empty());
        c.links.clear();
        assert!(c.near_misses(0, 0, 3).is_empty());
    }

    #[test]
    fn at_most_three_replaced_pairs_and_long_runs_are_cut() {
        let a = article(&["x"]);
        let b = article(&["y"]);
        let mut l = link((0, 0), (1, 0), 0.3, 0.3);
        let mut diff = vec![
            run(DiffOp::Delete, "a long clause of five words"),
            run(DiffOp::Insert, "short"),
        ];
        for i in 0..5 {
            diff.push(run(DiffOp::Delete, &format!("old{i}")));
            diff.push(run(DiffOp::Insert, &format!("new{i}")));
            diff.push(run(DiffOp::Equal, "same"));
        }
        l.diff = diff.into();
        let c = comparison(vec![a, b], vec![l]);
        let n = &c.near_misses(0, 0, 3)[0];
        assert_eq!(n.threshold_note(), "needs 0.50");
        assert_eq!(n.differs.len(), MAX_DIFFERS);
        // The rewrite of five words is not a word pair.
        assert_eq!(n.differs[0].label(4), "old0/new0");
        assert_eq!(n.differs[2].label(4), "old2/new2");
        let long = Replaced {
            this: "one two three four five".into(),
            other: "six".into(),
        };
        assert_eq!(long.label(3), "one two three…/six");
    }
}
