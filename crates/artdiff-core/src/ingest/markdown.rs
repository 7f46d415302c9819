//! Markdown to plain text.
//!
//! The text keeps what a reader reads: headings and paragraphs as blocks, list items as `- `
//! lines, quotes and code as plain blocks, link text without its URL. Markup, images, raw HTML
//! and front matter go.

use super::layout::Layout;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Rendered Markdown.
#[derive(Debug)]
pub(crate) struct Rendered {
    /// The plain text, blocks separated by blank lines, ending in a newline.
    pub text: String,
    /// The text of the first heading, whitespace collapsed.
    pub title: Option<String>,
}

/// Renders Markdown to plain text.
pub(crate) fn render(source: &str) -> Rendered {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut out = Layout::new();
    let mut title: Option<String> = None;
    let mut heading: Option<String> = None;
    // Next number of each open list (None for bullets), innermost last.
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut code: Option<String> = None;
    // Text inside these is not article text: image alt text, front matter.
    let mut hidden = 0usize;
    let mut first_cell = false;

    for event in Parser::new_ext(source, options) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => {
                    // The first paragraph of a loose list item belongs on the bullet's line.
                    if !out.prefix_pending() {
                        out.block();
                    }
                }
                Tag::Heading { .. } => {
                    out.block();
                    if title.is_none() {
                        heading = Some(String::new());
                    }
                }
                Tag::BlockQuote(_)
                | Tag::HtmlBlock
                | Tag::FootnoteDefinition(_)
                | Tag::DefinitionList
                | Tag::Table(_) => out.block(),
                Tag::CodeBlock(_) => {
                    out.block();
                    code = Some(String::new());
                }
                Tag::List(start) => {
                    if lists.is_empty() {
                        out.block();
                    } else {
                        out.line();
                    }
                    lists.push(start);
                }
                Tag::Item => {
                    out.line();
                    let depth = lists.len().saturating_sub(1);
                    let marker = match lists.last_mut() {
                        Some(Some(n)) => {
                            let marker = format!("{n}. ");
                            *n += 1;
                            marker
                        }
                        _ => "- ".to_string(),
                    };
                    out.prefix(format!("{}{marker}", "  ".repeat(depth)));
                }
                Tag::DefinitionListTitle | Tag::DefinitionListDefinition => out.line(),
                // The header row's cells come straight inside TableHead, without a TableRow.
                Tag::TableHead | Tag::TableRow => {
                    out.line();
                    first_cell = true;
                }
                Tag::TableCell => {
                    if !first_cell {
                        out.text(" | ");
                    }
                    first_cell = false;
                }
                Tag::Image { .. } | Tag::MetadataBlock(_) => hidden += 1,
                Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. } => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Heading(_) => {
                    if let Some(h) = heading.take() {
                        let h = h.split_whitespace().collect::<Vec<_>>().join(" ");
                        if !h.is_empty() {
                            title = Some(h);
                        }
                    }
                    out.block();
                }
                TagEnd::CodeBlock => {
                    if let Some(code) = code.take() {
                        out.raw(code.trim_end_matches(['\n', ' ', '\t']));
                    }
                    out.block();
                }
                TagEnd::List(_) => {
                    lists.pop();
                    if lists.is_empty() {
                        out.block();
                    } else {
                        out.line();
                    }
                }
                TagEnd::Item => out.line(),
                // Paragraphs of a loose list still read as one bullet a line.
                TagEnd::Paragraph if !lists.is_empty() => out.line(),
                TagEnd::Paragraph
                | TagEnd::BlockQuote(_)
                | TagEnd::HtmlBlock
                | TagEnd::FootnoteDefinition
                | TagEnd::DefinitionList
                | TagEnd::Table => out.block(),
                TagEnd::Image | TagEnd::MetadataBlock(_) => hidden = hidden.saturating_sub(1),
                _ => {}
            },
            Event::Text(text) => {
                if let Some(code) = code.as_mut() {
                    code.push_str(&text);
                } else if hidden == 0 {
                    out.text(&text);
                    if let Some(h) = heading.as_mut() {
                        h.push_str(&text);
                    }
                }
            }
            Event::Code(text) | Event::InlineMath(text) | Event::DisplayMath(text) => {
                if hidden == 0 {
                    out.text(&text);
                    if let Some(h) = heading.as_mut() {
                        h.push_str(&text);
                    }
                }
            }
            Event::SoftBreak => {
                out.space();
                if let Some(h) = heading.as_mut() {
                    h.push(' ');
                }
            }
            Event::HardBreak => out.line(),
            Event::Rule => out.block(),
            // Raw HTML is markup, not prose; footnote markers and task boxes are furniture.
            Event::Html(_)
            | Event::InlineHtml(_)
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_) => {}
        }
    }
    Rendered {
        text: out.finish(),
        title,
    }
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn headings_paragraphs_lists_and_links() {
        let md = "# Bridge *collapses*\n\nA span fell\ninto the [fjord](https://x.example).\n\n\
                  ## Details\n\n- one\n- **two**\n  - nested\n\n1. first\n2. second\n\n> Quoted words.\n";
        let r = render(md);
        assert_eq!(
            r.text,
            "Bridge collapses\n\nA span fell into the fjord.\n\nDetails\n\n- one\n- two\n  - nested\n\n\
             1. first\n2. second\n\nQuoted words.\n"
        );
        assert_eq!(r.title.as_deref(), Some("Bridge collapses"));
    }

    #[test]
    fn loose_lists_keep_text_on_the_bullet_line() {
        let r = render("- one\n\n- two\n");
        assert_eq!(r.text, "- one\n- two\n");
    }

    #[test]
    fn code_images_html_and_front_matter() {
        let md = "---\ntitle: x\n---\n\nSee ![a chart](c.png) <span>here</span>.\n\n\
                  ```\nlet  x = 1;\n  y\n```\n\n<div>block html</div>\n\nEnd `code`.\n";
        let r = render(md);
        assert_eq!(r.text, "See here.\n\nlet  x = 1;\n  y\n\nEnd code.\n");
        assert_eq!(r.title, None);
    }

    #[test]
    fn tables_render_as_rows() {
        let r = render("| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert_eq!(r.text, "a | b\n1 | 2\n");
    }
}
