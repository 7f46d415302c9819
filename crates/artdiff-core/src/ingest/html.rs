//! HTML to plain text: the main content found by readability (dom_smoothie), else every visible
//! text of the body.

use super::layout::Layout;
use crate::model::Metadata;
use dom_query::{Document, NodeRef};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Readability's extract must hold at least this share of the page's visible text...
const MIN_SHARE: f64 = 0.25;
/// ...and at least this many visible characters (unless the whole page has fewer), else the
/// extraction probably missed the article and all visible text is the safer answer.
const MIN_CHARS: usize = 200;
/// Deeper documents skip readability: its scoring walks the tree recursively, and a
/// pathological page must not overflow the stack. Real pages stay far below this.
const MAX_DEPTH_FOR_READABILITY: usize = 512;

/// Extracted HTML.
#[derive(Debug)]
pub(crate) struct Extracted {
    /// The plain text, blocks separated by blank lines, ending in a newline.
    pub text: String,
    /// `<title>`, else the first `<h1>`, whitespace collapsed.
    pub title: Option<String>,
    /// Set when the main content could not be found and all visible text was used.
    pub warning: Option<String>,
    /// What the page declares about itself.
    pub metadata: Metadata,
}

/// Extracts the article text from an HTML page.
pub(crate) fn extract(html: &str) -> Extracted {
    let doc = Document::from(html);
    let title = document_title(&doc);
    let headline = first_text(&doc, "h1");
    let (visible, depth) = match doc.select("body").nodes().first() {
        Some(body) => render(body),
        None => render(&doc.root()),
    };
    let visible_chars = count_visible(&visible);
    let (main, metadata) = if depth > MAX_DEPTH_FOR_READABILITY {
        let metadata = super::metadata::from_document(&doc, None);
        (None, metadata)
    } else {
        readability(doc)
    };
    let main = main.filter(|text| {
        let chars = count_visible(text);
        let enough_share = chars as f64 >= MIN_SHARE * visible_chars as f64;
        let enough_chars = chars >= MIN_CHARS || chars >= visible_chars;
        chars > 0 && enough_share && enough_chars
    });
    match main {
        Some(text) => Extracted {
            text: restore_headline(text, headline.as_deref(), title.as_deref()),
            title,
            warning: None,
            metadata,
        },
        None => Extracted {
            warning: (visible_chars > 0)
                .then(|| "main content not found: using all visible text of the page".to_string()),
            text: visible,
            title,
            metadata,
        },
    }
}

/// Reads the page's metadata, then runs readability and renders its extract (`None` when it
/// fails). The metadata is read first: readability strips the scripts that hold JSON-LD.
fn readability(doc: Document) -> (Option<String>, Metadata) {
    let Ok(mut readability) = dom_smoothie::Readability::with_document(doc, None, None) else {
        return (None, Metadata::default());
    };
    let metadata = super::metadata::from_document(&readability.doc, Some(&readability));
    // dom_smoothie is third-party code fed hostile input: a panic in it must cost the
    // extraction, not the program.
    let main = catch_unwind(AssertUnwindSafe(move || {
        let article = readability.parse().ok()?;
        let content = Document::from(article.content.as_ref());
        let rendered = match content.select("body").nodes().first() {
            Some(body) => render(body).0,
            None => render(&content.root()).0,
        };
        Some(rendered)
    }))
    .ok()
    .flatten();
    (main, metadata)
}

/// Puts back the headline that readability removes for repeating the page title, so that an
/// HTML article starts with its headline like the same story as text or Markdown does.
fn restore_headline(text: String, headline: Option<&str>, title: Option<&str>) -> String {
    let (Some(headline), Some(title)) = (headline, title) else {
        return text;
    };
    // Only a headline the page title repeats: a site logo in an <h1> stays out.
    if text.contains(headline) || !title.to_lowercase().contains(&headline.to_lowercase()) {
        return text;
    }
    format!("{headline}\n\n{text}")
}

/// `<title>` in the head, else the first `<h1>`.
fn document_title(doc: &Document) -> Option<String> {
    first_text(doc, "head title").or_else(|| first_text(doc, "h1"))
}

/// The text of the first element `selector` matches, whitespace collapsed, if not empty.
fn first_text(doc: &Document, selector: &str) -> Option<String> {
    let selection = doc.select(selector);
    let node = selection.nodes().first()?;
    let text = collapse(&node.text());
    (!text.is_empty()).then_some(text)
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn count_visible(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// Elements whose content is never article text (or never visible).
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "head"
            | "title"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "video"
            | "audio"
            | "select"
            | "datalist"
            | "img"
            | "input"
    )
}

/// Elements that start and end a block of text.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "blockquote"
            | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "address"
            | "ul"
            | "ol"
            | "menu"
            | "dl"
            | "dt"
            | "dd"
            | "figure"
            | "figcaption"
            | "table"
            | "caption"
            | "details"
            | "summary"
            | "dialog"
            | "form"
            | "fieldset"
            | "legend"
            | "center"
            | "hgroup"
            | "body"
    )
}

/// Hidden by the page itself (`hidden`, `display:none`): readers never see it.
fn is_hidden(node: &NodeRef) -> bool {
    if node.has_attr("hidden") {
        return true;
    }
    node.attr("style").is_some_and(|style| {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        style.contains("display:none") || style.contains("visibility:hidden")
    })
}

/// What to do after an element's children.
enum Step<'a> {
    Enter(NodeRef<'a>, usize),
    EndBlock,
    EndLine,
    EndPre,
}

/// Renders the visible text under `root` and returns it with the tree's depth.
///
/// Iterative rather than recursive, so that absurdly nested input cannot overflow the stack.
fn render(root: &NodeRef) -> (String, usize) {
    let mut out = Layout::new();
    let mut stack = vec![Step::Enter(*root, 0)];
    let mut pre = 0usize;
    let mut max_depth = 0;
    while let Some(step) = stack.pop() {
        let (node, depth) = match step {
            Step::Enter(node, depth) => (node, depth),
            Step::EndBlock => {
                out.block();
                continue;
            }
            Step::EndLine => {
                out.line();
                continue;
            }
            Step::EndPre => {
                pre -= 1;
                out.block();
                continue;
            }
        };
        max_depth = max_depth.max(depth);
        if node.is_text() {
            let text = node.text();
            if pre > 0 {
                out.raw(&text);
            } else {
                out.text(&text);
            }
            continue;
        }
        if node.is_element() {
            let Some(name) = node.node_name() else {
                continue;
            };
            let name: &str = &name;
            if is_skipped(name) || is_hidden(&node) {
                continue;
            }
            match name {
                "br" => {
                    out.line();
                    continue;
                }
                "hr" => {
                    out.block();
                    continue;
                }
                "pre" => {
                    out.block();
                    pre += 1;
                    stack.push(Step::EndPre);
                }
                "tr" => {
                    out.line();
                    stack.push(Step::EndLine);
                }
                "td" | "th" => out.space(),
                _ if is_block(name) => {
                    out.block();
                    if name == "li" {
                        out.prefix("- ".to_string());
                    }
                    stack.push(Step::EndBlock);
                }
                _ => {}
            }
        } else if !node.is_document() && !node.is_fragment() {
            // Comments, doctypes, processing instructions.
            continue;
        }
        let children: Vec<NodeRef> = node.children_it(false).collect();
        stack.extend(
            children
                .into_iter()
                .rev()
                .map(|child| Step::Enter(child, depth + 1)),
        );
    }
    (out.finish(), max_depth)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_blocks_inline_whitespace_and_entities() {
        let doc = Document::from(
            "<body><h1>Head  line</h1><p>One <b>bold</b>\n word &amp; &eacute;t&eacute;.</p>\
             <ul><li>first</li><li><p>second</p></li></ul><p>a<br>b</p>\
             <pre>  x  y\n z</pre><script>var x;</script><p hidden>gone</p>\
             <div style=\"display: none\">gone too</div><!-- comment --></body>",
        );
        let (text, depth) = render(&doc.select("body").nodes()[0]);
        assert_eq!(
            text,
            "Head line\n\nOne bold word & \u{e9}t\u{e9}.\n\n- first\n\n- second\n\na\nb\n\n  x  y\n z\n"
        );
        assert!(depth >= 3);
    }

    #[test]
    fn title_from_title_element_else_h1() {
        let doc = Document::from("<title> A  title | Site </title><h1>Other</h1>");
        assert_eq!(document_title(&doc).as_deref(), Some("A title | Site"));
        let doc = Document::from("<body><svg><title>icon</title></svg><h1>Real <i>one</i></h1>");
        assert_eq!(document_title(&doc).as_deref(), Some("Real one"));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        // Deep enough to skip readability; html5ever's parse time grows with the square of the
        // depth, so the test stays well short of what a stack could not take anyway.
        let html = "<div>".repeat(3000) + "deep text";
        let e = extract(&html);
        assert_eq!(e.text, "deep text\n");
    }
}
