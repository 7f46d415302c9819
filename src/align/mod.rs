//! The comparison engine: links every passage to its counterparts in the other articles.

use crate::model::{Article, Comparison, Conflict, DiffRun, Match, MatchKind, Summary, Thresholds};

/// Engine settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Thresholds that turn scores into kinds.
    pub thresholds: Thresholds,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            thresholds: Thresholds {
                min_shared: 0.8,
                min_paraphrase: 0.5,
            },
        }
    }
}

/// Compares the articles. STUB: every passage stays unique.
pub fn compare(articles: Vec<Article>, settings: &Settings) -> Comparison {
    let mut comparison = Comparison {
        articles,
        summary: Summary {
            tool: format!("artdiff {}", env!("CARGO_PKG_VERSION")),
            thresholds: Some(settings.thresholds),
            ..Default::default()
        },
        links: Vec::new(),
    };
    comparison.refresh_summary();
    comparison
}

impl Comparison {
    /// Re-decides every match and class from the cached [`Comparison::links`] with new
    /// thresholds, without re-scoring: the TUI calls this when the user moves a threshold.
    pub fn reclassify(&mut self, thresholds: Thresholds) {
        for article in &mut self.articles {
            for passage in &mut article.passages {
                passage.matches.clear();
            }
        }
        for link in &self.links {
            let Some(kind) = kind_for(link.verbatim, link.paraphrase, thresholds) else {
                continue;
            };
            let score = match kind {
                MatchKind::Shared => link.verbatim,
                MatchKind::Paraphrased => link.paraphrase,
            };
            let forward = Match {
                article: link.b.0,
                passage: link.b.1,
                kind,
                score,
                verbatim: link.verbatim,
                paraphrase: link.paraphrase,
                diff: link.diff.clone(),
                terms: link.terms.clone(),
                conflicts: link.conflicts.clone(),
            };
            let backward = Match {
                article: link.a.0,
                passage: link.a.1,
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
            self.articles[link.a.0].passages[link.a.1].matches.push(forward);
            self.articles[link.b.0].passages[link.b.1].matches.push(backward);
        }
        self.summary.thresholds = Some(thresholds);
        self.refresh_summary();
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
