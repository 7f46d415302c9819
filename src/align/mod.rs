//! The comparison engine: links every passage to its counterparts in the other articles.

use crate::model::{Article, Comparison, Summary, Thresholds};

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
