//! What an HTML page declares about itself: headline, site, byline, publication and change
//! times, canonical address, language.
//!
//! Sources, first found wins: the page's JSON-LD article object (`NewsArticle`, `Article`,
//! `BlogPosting`..., also inside `@graph`), then its `<meta>` tags as readability reads them
//! (Open Graph, Dublin Core, `article:*`, Parse.ly; dom_smoothie), then plain HTML
//! (`<link rel="canonical">`, `<time datetime>`, `<html lang>`).

use crate::model::Metadata;
use crate::timestamps::Published;
use dom_query::Document;
use serde_json::Value;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Values longer than this are not metadata but a page mistake; they are cut.
const MAX_CHARS: usize = 300;

/// The metadata of a parsed page. `readability` is dom_smoothie's view of the same document,
/// absent for pages too deep for it.
pub(crate) fn from_document(
    doc: &Document,
    readability: Option<&dom_smoothie::Readability>,
) -> Metadata {
    let ld = json_ld(doc);
    // dom_smoothie is third-party code fed hostile input: a panic in it costs its part only.
    let tags = readability
        .and_then(|r| catch_unwind(AssertUnwindSafe(|| r.get_article_metadata(None))).ok());
    let tags = tags.as_ref();
    let meta = |selector: &str| attr(doc, selector, "content");
    // The first `<time datetime>` that holds a date, in the article if there is one.
    let time = || {
        ["article time[datetime]", "time[datetime]"]
            .iter()
            .find_map(|selector| {
                doc.select(selector)
                    .nodes()
                    .iter()
                    .filter_map(|n| clean(n.attr("datetime").as_deref()))
                    .find(|t| Published::parse(t).is_some())
            })
    };
    Metadata {
        title: ld
            .title
            .or_else(|| meta("meta[property=\"og:title\"]"))
            .or_else(|| meta("meta[name=\"twitter:title\"]")),
        site_name: tags
            .and_then(|t| clean(t.site_name.as_deref()))
            .or(ld.site_name)
            .or_else(|| meta("meta[name=\"application-name\"]")),
        byline: ld
            .byline
            .or_else(|| tags.and_then(|t| clean(t.byline.as_deref()))),
        published: ld
            .published
            .or_else(|| tags.and_then(|t| clean(t.published_time.as_deref())))
            .or_else(time),
        modified: ld
            .modified
            .or_else(|| tags.and_then(|t| clean(t.modified_time.as_deref())))
            .or_else(|| meta("meta[property=\"article:modified_time\"]"))
            .or_else(|| meta("meta[property=\"og:updated_time\"]")),
        canonical_url: attr(doc, "link[rel~=\"canonical\"]", "href")
            .or_else(|| meta("meta[property=\"og:url\"]"))
            .or(ld.url),
        language: attr(doc, "html[lang]", "lang")
            .or_else(|| meta("meta[http-equiv=\"content-language\" i]"))
            .or(ld.language)
            .or_else(|| meta("meta[property=\"og:locale\"]")),
    }
}

/// An attribute of the first element `selector` matches, cleaned; `None` when empty.
fn attr(doc: &Document, selector: &str, name: &str) -> Option<String> {
    let selection = doc.select(selector);
    let node = selection.nodes().first()?;
    clean(node.attr(name).as_deref())
}

/// Whitespace collapsed, control characters dropped, at most [`MAX_CHARS`] characters.
fn clean(value: Option<&str>) -> Option<String> {
    let value: String = value?
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    let value: String = value.chars().take(MAX_CHARS).collect();
    (!value.is_empty()).then_some(value)
}

/// What the page's JSON-LD says about the article.
#[derive(Debug, Default)]
struct LinkedData {
    title: Option<String>,
    site_name: Option<String>,
    byline: Option<String>,
    published: Option<String>,
    modified: Option<String>,
    url: Option<String>,
    language: Option<String>,
}

/// schema.org types of a news or blog article (`NewsArticle`, `ReportageNewsArticle`,
/// `AnalysisNewsArticle`, `BlogPosting`, `Article`...).
fn is_article_type(value: &Value) -> bool {
    let is_article = |t: &str| t.ends_with("Article") || t == "BlogPosting" || t == "Report";
    match value {
        Value::String(t) => is_article(t),
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).any(is_article),
        _ => false,
    }
}

/// The first article object among the page's `application/ld+json` scripts (top level, in an
/// array, or in `@graph`).
fn json_ld(doc: &Document) -> LinkedData {
    for script in doc.select("script[type=\"application/ld+json\" i]").nodes() {
        let text = script.text();
        let text = text.trim();
        let text = text
            .strip_prefix("<![CDATA[")
            .and_then(|t| t.strip_suffix("]]>"))
            .unwrap_or(text);
        let Ok(value) = serde_json::from_str::<Value>(text) else {
            continue;
        };
        if let Some(article) = find_article(&value, 0) {
            return read_article(article);
        }
    }
    LinkedData::default()
}

fn find_article(value: &Value, depth: usize) -> Option<&Value> {
    if depth > 4 {
        return None;
    }
    match value {
        Value::Array(items) => items.iter().find_map(|v| find_article(v, depth + 1)),
        Value::Object(map) => {
            if map.get("@type").is_some_and(is_article_type) {
                return Some(value);
            }
            map.get("@graph").and_then(|g| find_article(g, depth + 1))
        }
        _ => None,
    }
}

fn read_article(article: &Value) -> LinkedData {
    let text = |key: &str| clean(article.get(key).and_then(Value::as_str));
    let name_of = |v: &Value| match v {
        Value::String(s) => clean(Some(s)),
        Value::Object(_) => clean(v.get("name").and_then(Value::as_str)),
        _ => None,
    };
    let byline = match article.get("author") {
        Some(Value::Array(authors)) => {
            let names: Vec<String> = authors.iter().filter_map(name_of).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        Some(author) => name_of(author),
        None => None,
    };
    let url = text("url").or_else(|| match article.get("mainEntityOfPage") {
        Some(Value::String(s)) => clean(Some(s)),
        Some(v) => clean(v.get("@id").and_then(Value::as_str)),
        None => None,
    });
    LinkedData {
        title: text("headline").or_else(|| text("name")),
        site_name: article.get("publisher").and_then(name_of),
        byline,
        published: text("datePublished"),
        modified: text("dateModified"),
        url,
        language: text("inLanguage"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metadata(html: &str) -> Metadata {
        let doc = Document::from(html);
        let readability =
            dom_smoothie::Readability::with_document(Document::from(html), None, None)
                .expect("no document address: cannot fail");
        from_document(&doc, Some(&readability))
    }

    #[test]
    fn json_ld_then_meta_tags_then_html() {
        let m = metadata(
            r#"<html lang="en-GB"><head><title>Dam holds | Valley Echo</title>
            <meta property="og:site_name" content="Valley Echo">
            <meta property="article:published_time" content="2025-03-02T07:00:00Z">
            <meta property="article:modified_time" content="2025-03-02T09:30:00Z">
            <meta name="author" content="Meta Author">
            <link rel="canonical" href="https://echo.example/dam">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"Valley Echo"},
              {"@type":["NewsArticle"],"headline":"Dam holds after  record rain",
               "datePublished":"2025-03-02T08:00:00+01:00",
               "author":[{"@type":"Person","name":"Ana Ruiz"},"Tom Field"],
               "publisher":{"@type":"Organization","name":"Echo Media"}}]}</script>
            </head><body><article><time datetime="2025-01-01">Jan</time><p>Text.</p></article></body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Dam holds after record rain"));
        assert_eq!(m.site_name.as_deref(), Some("Valley Echo"));
        assert_eq!(m.byline.as_deref(), Some("Ana Ruiz, Tom Field"));
        assert_eq!(m.published.as_deref(), Some("2025-03-02T08:00:00+01:00"));
        assert_eq!(m.modified.as_deref(), Some("2025-03-02T09:30:00Z"));
        assert_eq!(m.canonical_url.as_deref(), Some("https://echo.example/dam"));
        assert_eq!(m.language.as_deref(), Some("en-GB"));
    }

    #[test]
    fn time_element_and_og_fallbacks() {
        let m = metadata(
            r#"<html><head><meta property="og:title" content="Ferry  resumes">
            <meta property="og:url" content="https://port.example/ferry">
            <meta http-equiv="Content-Language" content="nl"></head>
            <body><article><p>By the desk</p><time datetime="soon">x</time>
            <time datetime="2025-05-06T10:00:00+02:00">6 May</time></article></body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Ferry resumes"));
        assert_eq!(m.published.as_deref(), Some("2025-05-06T10:00:00+02:00"));
        assert_eq!(
            m.canonical_url.as_deref(),
            Some("https://port.example/ferry")
        );
        assert_eq!(m.language.as_deref(), Some("nl"));
        assert_eq!((m.byline, m.site_name, m.modified), (None, None, None));
    }

    #[test]
    fn broken_json_ld_and_plain_pages_give_nothing_wrong() {
        let m =
            metadata("<script type=\"application/ld+json\">{not json</script><p>Just text.</p>");
        assert!(m.is_empty(), "{m:?}");
        let m = metadata("<script type=\"application/ld+json\">{\"@type\":\"Recipe\",\"name\":\"Soup\"}</script>");
        assert_eq!(m.title, None);
        let long = format!(
            "<meta property=\"og:title\" content=\"{}\">",
            "x".repeat(1000)
        );
        assert_eq!(metadata(&long).title.unwrap().chars().count(), MAX_CHARS);
    }
}
