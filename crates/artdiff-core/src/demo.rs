//! The demo articles bundled in the binary: what `artdiff` shows with no arguments.

use crate::ingest::Source;

/// (file name, bytes) of each demo article, in display order.
pub const ARTICLES: [(&str, &str); 3] = [
    ("wire.txt", include_str!("../../../assets/demo/wire.txt")),
    ("post.html", include_str!("../../../assets/demo/post.html")),
    (
        "tribune.md",
        include_str!("../../../assets/demo/tribune.md"),
    ),
];

/// The demo articles as sources for [`crate::ingest::load`].
pub fn sources() -> Vec<Source> {
    ARTICLES
        .iter()
        .map(|(name, text)| Source::Embedded {
            name,
            bytes: text.as_bytes(),
        })
        .collect()
}
