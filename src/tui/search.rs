//! Search over every passage of every article, ignoring case, as the reader types: the
//! hits per passage for the panes to mark, and n/N's place among them.

use super::wrap::display_text;
use artdiff::model::Comparison;
use std::borrow::Cow;
use std::ops::Range;

/// One search hit: a byte range of a passage's display text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Article (pane) index.
    pub article: usize,
    /// Passage index.
    pub passage: usize,
    /// Bytes in the passage's [`display_text`].
    pub range: Range<usize>,
}

/// A search and its hits in every pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    /// What was searched for.
    pub query: String,
    /// Every hit, in (article, passage, offset) order.
    pub hits: Vec<Hit>,
    /// The hit n/N went to last.
    pub current: Option<usize>,
}

/// Hits beyond this many are not collected (the count says "+").
pub const MAX_HITS: usize = 100_000;

impl Search {
    /// Searches every passage of every article, ignoring case.
    pub fn new(comparison: &Comparison, query: &str) -> Search {
        let mut hits = Vec::new();
        'outer: for (a, article) in comparison.articles.iter().enumerate() {
            for (p, passage) in article.passages.iter().enumerate() {
                let text = display_text(&passage.text);
                for range in find_all(&text, query) {
                    hits.push(Hit {
                        article: a,
                        passage: p,
                        range,
                    });
                    if hits.len() >= MAX_HITS {
                        break 'outer;
                    }
                }
            }
        }
        Search {
            query: query.to_string(),
            hits,
            current: None,
        }
    }

    /// The search for `query`, narrowed from this one when `query` extends it (typing one
    /// more letter only re-checks the hits so far), else from scratch.
    pub fn extend(&self, comparison: &Comparison, query: &str) -> Search {
        let narrowable = !self.query.is_empty()
            && query.starts_with(&self.query)
            && query.is_ascii()
            && self.hits.len() < MAX_HITS;
        if !narrowable {
            return Search::new(comparison, query);
        }
        let needle = query.as_bytes();
        let mut hits: Vec<Hit> = Vec::new();
        let mut text: Option<((usize, usize), Cow<'_, str>)> = None;
        for hit in &self.hits {
            let key = (hit.article, hit.passage);
            if text.as_ref().is_none_or(|(k, _)| *k != key) {
                let passage = &comparison.articles[key.0].passages[key.1];
                text = Some((key, display_text(&passage.text)));
            }
            let Some((_, t)) = &text else { continue };
            let end = hit.range.start + needle.len();
            let overlaps = hits
                .last()
                .is_some_and(|h| (h.article, h.passage) == key && h.range.end > hit.range.start);
            if !overlaps
                && t.as_bytes()
                    .get(hit.range.start..end)
                    .is_some_and(|b| b.eq_ignore_ascii_case(needle))
            {
                hits.push(Hit {
                    article: key.0,
                    passage: key.1,
                    range: hit.range.start..end,
                });
            }
        }
        Search {
            query: query.to_string(),
            hits,
            current: None,
        }
    }

    /// The hits inside one passage.
    pub fn hits_in(&self, article: usize, passage: usize) -> &[Hit] {
        let key = (article, passage);
        let lo = self.hits.partition_point(|h| (h.article, h.passage) < key);
        let hi = self.hits.partition_point(|h| (h.article, h.passage) <= key);
        &self.hits[lo..hi]
    }
}

/// Non-overlapping case-insensitive occurrences of `needle` in `hay`.
pub fn find_all(hay: &str, needle: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if needle.is_empty() {
        return out;
    }
    if needle.is_ascii() {
        let (h, n) = (hay.as_bytes(), needle.as_bytes());
        let (lo, up) = (n[0].to_ascii_lowercase(), n[0].to_ascii_uppercase());
        let mut i = 0;
        // The next place the first letter stands (either case), found many bytes at a time;
        // then the rest compared there.
        while let Some(at) = h
            .get(i..(h.len() + 1).saturating_sub(n.len()))
            .and_then(|rest| memchr::memchr2(lo, up, rest))
        {
            let start = i + at;
            if h[start + 1..start + n.len()].eq_ignore_ascii_case(&n[1..]) {
                out.push(start..start + n.len());
                i = start + n.len();
            } else {
                i = start + 1;
            }
        }
        return out;
    }
    let nl: Vec<char> = needle.chars().flat_map(char::to_lowercase).collect();
    let mut i = 0;
    while i < hay.len() {
        let mut k = 0;
        let mut end = None;
        'chars: for (j, c) in hay[i..].char_indices() {
            for lc in c.to_lowercase() {
                if k < nl.len() && nl[k] == lc {
                    k += 1;
                } else {
                    break 'chars;
                }
            }
            if k == nl.len() {
                end = Some(i + j + c.len_utf8());
                break;
            }
        }
        match end {
            Some(e) => {
                out.push(i..e);
                i = e;
            }
            None => i += hay[i..].chars().next().map_or(1, char::len_utf8),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use artdiff::model::{Article, Class, Passage};

    fn comparison(texts: &[&[&str]]) -> Comparison {
        let mut c = Comparison::default();
        for (a, passages) in texts.iter().enumerate() {
            let mut article = Article {
                path: format!("{a}.txt"),
                ..Article::default()
            };
            for text in *passages {
                article.passages.push(Passage {
                    text: (*text).to_string(),
                    class: Class::Unique,
                    ..Passage::default()
                });
            }
            c.articles.push(article);
        }
        c
    }

    #[test]
    fn search_ignores_case_also_beyond_ascii() {
        assert_eq!(find_all("Bridge BRIDGE bridge", "bridge").len(), 3);
        assert_eq!(find_all("Hessøy HESSØY", "hessøy"), vec![0..7, 8..15]);
        assert_eq!(find_all("東京 東京", "東京").len(), 2);
        assert!(find_all("abc", "").is_empty());
    }

    #[test]
    fn hits_do_not_overlap() {
        assert_eq!(find_all("aaaa", "aa"), vec![0..2, 2..4]);
        // A long run without the first letter is skipped in blocks, and a hit at the very end
        // is still found.
        let hay = format!("{}Xy", "-".repeat(40));
        assert_eq!(find_all(&hay, "xY"), vec![40..42]);
    }

    #[test]
    fn ascii_hits_are_those_of_a_plain_scan() {
        // Every start, left to right, skipping past each hit: the definition, slowly.
        fn plain(hay: &str, needle: &str) -> Vec<Range<usize>> {
            let (h, n) = (hay.as_bytes(), needle.as_bytes());
            let mut out = Vec::new();
            let mut i = 0;
            while i + n.len() <= h.len() {
                if h[i..i + n.len()].eq_ignore_ascii_case(n) {
                    out.push(i..i + n.len());
                    i += n.len();
                } else {
                    i += 1;
                }
            }
            out
        }
        let hays = [
            "",
            "t",
            "th",
            "The theatre THAT the",
            "tttt",
            "ttTtT",
            "a.b.c",
            "x th",
            "Kalvik - 14 hurt; 14 missing, 140 km/h winds (14:00)",
        ];
        for hay in hays {
            for needle in [
                "t", "th", "TH", "tt", "ttt", "14", "4", " ", ".", "the", "zz",
            ] {
                assert_eq!(
                    find_all(hay, needle),
                    plain(hay, needle),
                    "{needle:?} in {hay:?}"
                );
            }
        }
    }

    #[test]
    fn hits_are_found_in_every_article_in_order() {
        let c = comparison(&[
            &["The bridge fell.", "No news."],
            &["A bridge? The Bridge."],
        ]);
        let search = Search::new(&c, "bridge");
        let places: Vec<_> = search.hits.iter().map(|h| (h.article, h.passage)).collect();
        assert_eq!(places, [(0, 0), (1, 0), (1, 0)]);
        assert_eq!(search.hits_in(1, 0).len(), 2);
        assert!(search.hits_in(0, 1).is_empty());
        assert_eq!(search.current, None);
    }

    #[test]
    fn typing_on_narrows_to_what_a_fresh_search_finds() {
        let c = comparison(&[&["bridge bribe brick", "Bring the bread"], &["BRIDGES"]]);
        let mut search = Search::new(&c, "b");
        for query in ["br", "bri", "brid", "bridg", "bridge"] {
            search = search.extend(&c, query);
            assert_eq!(search, Search::new(&c, query), "{query}");
        }
        // A query that does not extend the last one starts again.
        assert_eq!(search.extend(&c, "bread"), Search::new(&c, "bread"));
    }
}
