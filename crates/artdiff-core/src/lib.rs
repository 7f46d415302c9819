//! artdiff's engine and reports: compare two or more articles and find which passages are
//! shared (near-verbatim), paraphrased (same statement, other words) or unique. No terminal
//! code: the `artdiff` program (TUI, command line) is built on this crate.
//!
//! The package is `artdiff-core`; its library is called `artdiff`.
//!
//! # The API
//!
//! - [`analyse`] (and [`analyse_with_progress`]) runs the whole pipeline on loaded texts,
//!   under [`Settings`] (thresholds and a [`Language`]).
//! - [`ingest`] loads what is compared: [`ingest::load`] a file, stdin or a web address,
//!   [`ingest::Loaded::from_text`] a string.
//! - [`model`] is the result and the contract: a [`Comparison`] of articles whose passages
//!   carry a class and their matches; [`Comparison::reclassify`] moves the thresholds without
//!   comparing again.
//! - [`report`] writes a comparison as JSON, Markdown or HTML ([`report::write`],
//!   [`report::export`]).
//!
//! The other modules (`align`, `segment`, `near_miss`, `safe_text`, `timestamps`, `demo`) are
//! public for the program and the fuzz targets; they follow the program's needs rather than a
//! stability promise. The engine's internals (`align`'s features, tokens, statement model and
//! conflicts) are private to the crate; the model's refit reaches them through the hidden
//! `calibration` module only.
//!
//! The data flows one way:
//!
//! ```text
//! ingest::load(source)      -> ingest::Loaded   read or fetch, decode, detect format,
//!                                               extract text and metadata
//! segment::split(&text)     -> Vec<Segment>     sentence spans, paragraphs, boilerplate
//! align::compare(articles)  -> model::Comparison
//! report::write(&comparison, format, out)
//! ```
//!
//! ```
//! use artdiff::{analyse, ingest::Loaded, model::Class, report, Language, Settings};
//! let a = Loaded::from_text("wire.txt", "Rescuers reached the village on Tuesday.");
//! let b = Loaded::from_text("post.txt", "Rescuers reached the village on Tuesday.");
//! let settings = Settings { language: Language::English, ..Settings::default() };
//! let comparison = analyse(vec![a, b], &settings);
//! assert_eq!(comparison.articles[0].passages[0].class, Class::Shared);
//! let mut json = Vec::new();
//! report::write(&comparison, report::ReportFormat::Json, &mut json).unwrap();
//! assert!(json.starts_with(b"{"));
//! ```

#![forbid(unsafe_code)]

pub mod align;
#[doc(hidden)]
pub mod calibration;
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
    use rayon::prelude::*;
    loaded
        .into_par_iter()
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
