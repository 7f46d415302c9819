//! Paragraphs and sentence passages with byte spans into the loaded text.

/// One passage-to-be: a sentence, headline, bullet line or boilerplate line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// Byte offset of the first byte (never whitespace).
    pub start: usize,
    /// Byte offset one past the last byte (trailing whitespace excluded).
    pub end: usize,
    /// Index of the paragraph (run of lines between blank lines).
    pub paragraph: usize,
    /// Web chrome (share prompts, tags...): never compared.
    pub boilerplate: bool,
}

/// Splits `text` into passages. STUB: one passage per non-blank line.
pub fn split(text: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut offset = 0;
    let mut paragraph = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end();
        let lead = trimmed.len() - trimmed.trim_start().len();
        if trimmed.trim().is_empty() {
            paragraph += 1;
        } else {
            out.push(Segment {
                start: offset + lead,
                end: offset + trimmed.len(),
                paragraph,
                boilerplate: false,
            });
        }
        offset += line.len();
    }
    out
}
