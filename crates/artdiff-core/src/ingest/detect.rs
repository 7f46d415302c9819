//! Deciding whether text is HTML, Markdown or plain text.

use crate::model::Format;
use std::path::Path;

/// The format announced by a file name's extension, if it announces one.
pub(crate) fn from_extension(path: &str) -> Option<Format> {
    // An address's query and fragment are not part of its name.
    let path = match path.split_once("://") {
        Some((_, rest)) => rest.split(['?', '#']).next().unwrap_or(rest),
        None => path,
    };
    let ext = Path::new(path).extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" | "xhtml" => Some(Format::Html),
        "md" | "markdown" | "mdown" => Some(Format::Markdown),
        "txt" | "text" => Some(Format::Text),
        _ => None,
    }
}

/// The media type of a `Content-Type` value, lowercased, without parameters:
/// `text/html; charset=utf-8` -> `text/html`.
pub(crate) fn mime_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The `charset` parameter of a `Content-Type` value, unquoted.
pub(crate) fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']).to_string())
            .filter(|v| !v.is_empty())
    })
}

/// Whether a media type is text artdiff can read: any `text/*` and XHTML. Everything else
/// (`application/pdf`, images, `application/octet-stream`) is refused before decoding.
pub(crate) fn is_readable_mime(mime: &str) -> bool {
    mime.starts_with("text/") || mime == "application/xhtml+xml"
}

/// The format a media type announces: HTML, Markdown or plain text. `text/plain` is what
/// servers send for any text file, so a `.md` or `.markdown` address served as `text/plain`
/// is Markdown; other text types (`text/csv`...) announce nothing.
pub(crate) fn from_mime(mime: &str, path: &str) -> Option<Format> {
    match mime {
        "text/html" | "application/xhtml+xml" => Some(Format::Html),
        "text/markdown" | "text/x-markdown" => Some(Format::Markdown),
        "text/plain" => Some(match from_extension(path) {
            Some(Format::Markdown) => Format::Markdown,
            _ => Format::Text,
        }),
        _ => None,
    }
}

/// Guesses the format from the text itself. Plain text unless the evidence is strong: treating
/// prose as markup would silently drop parts of it.
pub(crate) fn sniff(text: &str) -> Format {
    if looks_like_html(text) {
        Format::Html
    } else if looks_like_markdown(text) {
        Format::Markdown
    } else {
        Format::Text
    }
}

/// How far into the text the sniffers look: enough for any real preamble, and it keeps sniffing
/// cheap on large inputs.
const SNIFF_BYTES: usize = 64 * 1024;

fn head(text: &str) -> &str {
    if text.len() <= SNIFF_BYTES {
        return text;
    }
    let mut end = SNIFF_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn looks_like_html(text: &str) -> bool {
    let text = head(text);
    let mut rest = text.trim_start();
    // An XML declaration or comments may come before the doctype.
    loop {
        if rest.starts_with("<?") {
            match rest.find("?>") {
                Some(end) => rest = rest[end + 2..].trim_start(),
                None => return false,
            }
        } else if rest.starts_with("<!--") {
            match rest.find("-->") {
                Some(end) => rest = rest[end + 3..].trim_start(),
                None => return false,
            }
        } else {
            break;
        }
    }
    let start: String = rest
        .chars()
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    if start.starts_with("<!doctype html") || start.starts_with("<html") {
        return true;
    }
    dominated_by_tags(text)
}

/// True for a fragment of markup: it starts with a tag, uses several common HTML elements, and
/// a good share of its characters are inside tags.
fn dominated_by_tags(text: &str) -> bool {
    const KNOWN: [&str; 16] = [
        "p", "div", "span", "a", "br", "body", "head", "title", "meta", "h1", "h2", "h3", "ul",
        "li", "article", "section",
    ];
    if !text.trim_start().starts_with('<') {
        return false;
    }
    let mut known = 0usize;
    let mut in_tags = 0usize;
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('>') else {
            break;
        };
        let tag = &after[..close];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if KNOWN.contains(&name.as_str()) {
            known += 1;
            in_tags += close + 2;
        }
        rest = &after[close + 1..];
    }
    let visible = text.chars().filter(|c| !c.is_whitespace()).count().max(1);
    known >= 3 && in_tags * 5 >= visible
}

/// Markdown only on strong evidence: an ATX heading together with links, emphasis or code
/// fences. A plain-text article may well contain a `#` line or an asterisk; it will not
/// usually contain both a heading and `[text](url)` links.
fn looks_like_markdown(text: &str) -> bool {
    let text = head(text);
    let mut headings = 0usize;
    let mut fences = 0usize;
    let mut bullets = 0usize;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if line.len() - trimmed.len() > 3 {
            continue;
        }
        let hashes = trimmed.bytes().take_while(|&b| b == b'#').count();
        if (1..=6).contains(&hashes) && trimmed[hashes..].starts_with([' ', '\t']) {
            if !trimmed[hashes..].trim().is_empty() {
                headings += 1;
            }
        } else if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fences += 1;
        } else if trimmed.starts_with("- ") || trimmed.starts_with("* ") {
            bullets += 1;
        }
    }
    if headings == 0 {
        return false;
    }
    has_inline_link(text)
        || has_strong_emphasis(text)
        || fences >= 2
        || (headings >= 2 && bullets >= 2)
}

/// `[text](target)` with no space right inside the parentheses.
fn has_inline_link(text: &str) -> bool {
    let mut rest = text;
    while let Some(at) = rest.find("](") {
        let before = &rest[..at];
        let after = &rest[at + 2..];
        let opened = before
            .rfind('[')
            .is_some_and(|open| !before[open..].contains('\n'));
        let closed = after
            .find(')')
            .is_some_and(|close| close > 0 && !after[..close].contains([' ', '\n']));
        if opened && closed {
            return true;
        }
        rest = after;
    }
    false
}

/// `**strong**` or `__strong__` around some text on one line.
fn has_strong_emphasis(text: &str) -> bool {
    text.lines().any(|line| {
        ["**", "__"].iter().any(|mark| {
            let parts: Vec<&str> = line.split(mark).collect();
            // Every other piece between the first and the last lies between a pair of marks.
            parts.len() >= 3
                && parts[1..parts.len() - 1].iter().step_by(2).any(|inside| {
                    !inside.is_empty()
                        && !inside.starts_with(char::is_whitespace)
                        && !inside.ends_with(char::is_whitespace)
                })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions() {
        assert_eq!(from_extension("a/b.HTM"), Some(Format::Html));
        assert_eq!(from_extension("x.xhtml"), Some(Format::Html));
        assert_eq!(from_extension("x.mdown"), Some(Format::Markdown));
        assert_eq!(from_extension("x.text"), Some(Format::Text));
        assert_eq!(from_extension("x.json"), None);
        assert_eq!(from_extension("-"), None);
        assert_eq!(
            from_extension("https://a.example/s.md?x=1.txt"),
            Some(Format::Markdown)
        );
        assert_eq!(from_extension("https://a.example/story"), None);
        assert_eq!(from_extension("https://a.example"), None);
    }

    #[test]
    fn content_types() {
        assert_eq!(mime_type("Text/HTML; charset=UTF-8"), "text/html");
        assert_eq!(
            charset_param("text/html; Charset=\"ISO-8859-1\""),
            Some("ISO-8859-1".into())
        );
        assert_eq!(charset_param("text/html"), None);
        assert!(is_readable_mime("text/csv") && !is_readable_mime("application/pdf"));
        assert_eq!(from_mime("text/html", "x.txt"), Some(Format::Html));
        assert_eq!(
            from_mime("text/plain", "https://a.example/r.md"),
            Some(Format::Markdown)
        );
        assert_eq!(
            from_mime("text/plain", "https://a.example/r.html"),
            Some(Format::Text)
        );
        assert_eq!(from_mime("text/csv", "x.html"), None);
    }

    #[test]
    fn sniffs_html() {
        assert_eq!(sniff("\n  <!DOCTYPE html><p>x"), Format::Html);
        assert_eq!(
            sniff("<?xml version=\"1.0\"?>\n<!-- c -->\n<HTML>"),
            Format::Html
        );
        assert_eq!(
            sniff("<div><p>One</p><p>Two <a href=\"x\">link</a></p></div>"),
            Format::Html
        );
        assert_eq!(
            sniff("Use <b> for bold and the <p> tag, said the <a> guide."),
            Format::Text
        );
    }

    #[test]
    fn sniffs_markdown_only_on_strong_evidence() {
        assert_eq!(
            sniff("# Title\n\nText with a [link](https://x.example).\n"),
            Format::Markdown
        );
        assert_eq!(
            sniff("## Title\n\nSome **bold** claim.\n"),
            Format::Markdown
        );
        assert_eq!(sniff("# 1 reason\n\nJust text, no markup.\n"), Format::Text);
        assert_eq!(sniff("See [1](note) and **this**.\n"), Format::Text);
        assert_eq!(sniff("#hashtag and more\n**bold**\n"), Format::Text);
        assert_eq!(sniff("Plain words.\nMore words.\n"), Format::Text);
    }
}
