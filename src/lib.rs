//! artdiff: compare two or more articles and find which passages are shared (near-verbatim),
//! paraphrased (same statement, other words) or unique.
//!
//! The library holds the whole engine and the report model; it has no terminal code. The data
//! flows one way:
//!
//! ```text
//! ingest::load(source)      -> ingest::Loaded   read or fetch, decode, detect format,
//!                                               extract text and metadata
//! segment::split(&text)     -> Vec<Segment>     sentence spans, paragraphs, boilerplate
//! align::compare(articles)  -> model::Comparison
//! report::write(&comparison, format, out)
//! ```
//!
//! [`analyse`] runs the whole pipeline on loaded texts.

pub mod align;
pub mod demo;
pub mod ingest;
pub mod language;
pub mod model;
pub mod near_miss;
pub mod report;
pub mod safe_text;
pub mod segment;
pub mod timestamps;

pub use align::Settings;
pub use language::Language;
pub use model::Comparison;

/// Segments every loaded text and compares them.
///
/// ```
/// use artdiff::{analyse, ingest::Loaded, Settings};
/// let a = Loaded::from_text("a.txt", "Rescuers reached the village on Tuesday.");
/// let b = Loaded::from_text("b.txt", "Rescuers reached the village on Tuesday.");
/// let comparison = analyse(vec![a, b], &Settings::default());
/// assert_eq!(comparison.articles.len(), 2);
/// ```
pub fn analyse(loaded: Vec<ingest::Loaded>, settings: &Settings) -> Comparison {
    analyse_with_progress(loaded, settings, &mut |_| {})
}

/// [`analyse`], reporting progress as a fraction in `[0, 1]` for a gauge.
pub fn analyse_with_progress(
    loaded: Vec<ingest::Loaded>,
    settings: &Settings,
    progress: &mut dyn FnMut(f64),
) -> Comparison {
    align::compare_with_progress(articles(loaded), settings, progress)
}

/// The loaded texts as articles cut into passages (boilerplate marked), not yet compared.
pub fn articles(loaded: Vec<ingest::Loaded>) -> Vec<model::Article> {
    loaded
        .into_iter()
        .map(|l| {
            let passages: Vec<model::Passage> = segment::split(&l.text)
                .into_iter()
                .map(|s| model::Passage {
                    text: l.text[s.start..s.end].to_string(),
                    start: s.start,
                    end: s.end,
                    class: if s.boilerplate {
                        model::Class::Boilerplate
                    } else {
                        model::Class::Unique
                    },
                    matches: Vec::new(),
                    paragraph: s.paragraph,
                })
                .collect();
            let mut warnings = l.warnings;
            let comparable = passages
                .iter()
                .any(|p| p.class != model::Class::Boilerplate);
            if !comparable && !passages.is_empty() {
                warnings.push("no comparable passages: every line is web boilerplate".into());
            }
            model::Article {
                path: l.path,
                title: l.title,
                format: l.format,
                text: l.text,
                warnings,
                passages,
                metadata: l.metadata,
                provenance: l.provenance,
            }
        })
        .collect()
}
