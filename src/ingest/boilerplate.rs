//! Web chrome lines (share prompts, tags, cookie banners...) kept as data.

/// True when `line` is web chrome rather than article text. STUB.
pub fn is_boilerplate(_line: &str) -> bool {
    false
}
