//! The news dev set (`../shared/eval/news-gold`) read the way `../shared/eval/score align`
//! reads it, so that calibration and the quality floor measure what the scorer measures:
//! gold quotes located in passages by their byte position, word-for-word repeats within an
//! article counted once, recall per (sentence, other article), precision per linked pair.

#![allow(dead_code)]

use artdiff::ingest::{self, LoadOptions, Source};
use artdiff::model::{Article, Comparison, MatchKind};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

pub const GOLD: &str = "../shared/eval/news-gold";
pub const NEWS: &str = "../shared/eval/news";

/// A passage: (article, passage index).
pub type Key = (usize, usize);

/// An unordered pair of passages, smaller first.
pub fn pair(x: Key, y: Key) -> (Key, Key) {
    if x <= y {
        (x, y)
    } else {
        (y, x)
    }
}

pub struct Event {
    pub name: String,
    pub articles: Vec<Article>,
    /// Per article, per passage: the first passage with the same words (repeats count once).
    pub canon: Vec<Vec<usize>>,
    /// Gold pairs (canonical passages) and their kind.
    pub gold: HashMap<(Key, Key), MatchKind>,
    pub conflicts: HashSet<(Key, Key)>,
    pub unlocated: usize,
}

/// Word tokens after NFKC and case folding (the scorer's `\w+`).
fn words(text: &str) -> Vec<String> {
    let folded: String = text.nfkc().collect::<String>().to_lowercase();
    folded
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn locate(article: &Article, quote: &str) -> Option<usize> {
    let at = article.text.find(quote)?;
    let lead = quote.len() - quote.trim_start().len();
    let trimmed = quote.trim();
    // The middle of the quote's non-blank part (the scorer counts characters, then bytes).
    let half = trimmed.chars().count() / 2;
    let mid = at + lead + trimmed.char_indices().nth(half).map_or(0, |(i, _)| i);
    article
        .passages
        .iter()
        .position(|p| p.start <= mid && mid < p.end)
        .or_else(|| {
            let q = words(quote);
            let mut toks = Vec::new();
            for (pi, p) in article.passages.iter().enumerate() {
                toks.extend(words(&p.text).into_iter().map(|w| (w, pi)));
            }
            (0..=toks.len().saturating_sub(q.len()))
                .find(|&i| toks[i..i + q.len()].iter().map(|(w, _)| w).eq(q.iter()))
                .map(|i| toks[i + q.len() / 2].1)
        })
}

/// Loads every event of the dev set; `None` when it is not there.
pub fn load_events() -> Option<Vec<Event>> {
    let gold_dir = Path::new(GOLD);
    if !gold_dir.is_dir() {
        return None;
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(gold_dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut events = Vec::new();
    for file in files {
        let gold: Value = serde_json::from_str(&std::fs::read_to_string(&file).ok()?).ok()?;
        let name = file.file_stem()?.to_string_lossy().to_string();
        let names: Vec<String> = gold["files"]
            .as_array()?
            .iter()
            .filter_map(|f| f.as_str().map(str::to_string))
            .collect();
        let loaded = names
            .iter()
            .map(|n| {
                let path = Path::new(NEWS).join(&name).join(n);
                ingest::load(&Source::Path(path), &LoadOptions::default()).ok()
            })
            .collect::<Option<Vec<_>>>()?;
        let articles = artdiff::articles(loaded);
        let canon: Vec<Vec<usize>> = articles
            .iter()
            .map(|a| {
                let mut first: HashMap<Vec<String>, usize> = HashMap::new();
                a.passages
                    .iter()
                    .enumerate()
                    .map(|(pi, p)| {
                        let w = words(&p.text);
                        if w.is_empty() {
                            pi
                        } else {
                            *first.entry(w).or_insert(pi)
                        }
                    })
                    .collect()
            })
            .collect();
        let index: HashMap<&str, usize> = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.as_str(), i))
            .collect();
        let loc = |side: &Value| -> Option<Key> {
            let ai = *index.get(side["file"].as_str()?)?;
            let pi = locate(&articles[ai], side["quote"].as_str()?)?;
            Some((ai, canon[ai][pi]))
        };
        let mut gold_pairs = HashMap::new();
        let mut unlocated = 0;
        for p in gold["pairs"].as_array().into_iter().flatten() {
            match (loc(&p["a"]), loc(&p["b"])) {
                (Some(x), Some(y)) if x != y => {
                    let kind = if p["kind"] == "shared" {
                        MatchKind::Shared
                    } else {
                        MatchKind::Paraphrased
                    };
                    gold_pairs.entry(pair(x, y)).or_insert(kind);
                }
                (Some(_), Some(_)) => {}
                _ => unlocated += 1,
            }
        }
        let conflicts = gold["conflicts"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|c| Some(pair(loc(&c["a"])?, loc(&c["b"])?)))
            .collect();
        events.push(Event {
            name,
            articles,
            canon,
            gold: gold_pairs,
            conflicts,
            unlocated,
        });
    }
    Some(events)
}

/// The scorer's counts for one or more events.
#[derive(Debug, Default, Clone, Copy)]
pub struct Score {
    pub gold: usize,
    pub sides: usize,
    pub sides_found: usize,
    pub links: usize,
    pub correct: usize,
    pub found: usize,
    pub kind_ok: usize,
    pub gold_conflicts: usize,
    pub conflicts_found: usize,
    pub flagged: usize,
    pub flagged_right: usize,
}

impl Score {
    pub fn add(&mut self, o: &Score) {
        self.gold += o.gold;
        self.sides += o.sides;
        self.sides_found += o.sides_found;
        self.links += o.links;
        self.correct += o.correct;
        self.found += o.found;
        self.kind_ok += o.kind_ok;
        self.gold_conflicts += o.gold_conflicts;
        self.conflicts_found += o.conflicts_found;
        self.flagged += o.flagged;
        self.flagged_right += o.flagged_right;
    }
    pub fn recall(&self) -> f64 {
        self.sides_found as f64 / self.sides.max(1) as f64
    }
    pub fn precision(&self) -> f64 {
        self.correct as f64 / self.links.max(1) as f64
    }
    pub fn f1(&self) -> f64 {
        let (r, p) = (self.recall(), self.precision());
        if r + p == 0.0 {
            0.0
        } else {
            2.0 * r * p / (r + p)
        }
    }
    pub fn line(&self) -> String {
        format!(
            "recall {:.1}% ({}/{}), precision {:.1}% ({}/{}), F1 {:.3}; kind {:.1}%; conflicts {}/{} found, {}/{} flags right",
            100.0 * self.recall(),
            self.sides_found,
            self.sides,
            100.0 * self.precision(),
            self.correct,
            self.links,
            self.f1(),
            100.0 * self.kind_ok as f64 / self.found.max(1) as f64,
            self.conflicts_found,
            self.gold_conflicts,
            self.flagged_right,
            self.flagged
        )
    }
}

/// The links of a comparison as canonical passage pairs, with kind and whether a conflict is
/// flagged.
pub fn links(event: &Event, c: &Comparison) -> HashMap<(Key, Key), (MatchKind, bool)> {
    let mut out = HashMap::new();
    for (ai, a) in c.articles.iter().enumerate() {
        for (pi, p) in a.passages.iter().enumerate() {
            for m in &p.matches {
                let key = pair(
                    (ai, event.canon[ai][pi]),
                    (m.article, event.canon[m.article][m.passage]),
                );
                out.insert(key, (m.kind, !m.conflicts.is_empty()));
            }
        }
    }
    out
}

/// Scores one event's comparison as `score align` does.
pub fn score(event: &Event, c: &Comparison) -> Score {
    score_links(event, &links(event, c))
}

/// Scores a set of links (canonical pairs) against the event's gold.
pub fn score_links(event: &Event, links: &HashMap<(Key, Key), (MatchKind, bool)>) -> Score {
    let mut sides: HashMap<(Key, usize), Vec<Key>> = HashMap::new();
    for &(x, y) in event.gold.keys() {
        sides.entry((x, y.0)).or_default().push(y);
        sides.entry((y, x.0)).or_default().push(x);
    }
    let sides_found = sides
        .iter()
        .filter(|((src, _), cps)| cps.iter().any(|c| links.contains_key(&pair(*src, *c))))
        .count();
    let found: Vec<_> = event
        .gold
        .keys()
        .filter(|k| links.contains_key(k))
        .collect();
    let kind_ok = found
        .iter()
        .filter(|k| links[**k].0 == event.gold[**k])
        .count();
    Score {
        gold: event.gold.len(),
        sides: sides.len(),
        sides_found,
        links: links.len(),
        correct: links.keys().filter(|k| event.gold.contains_key(k)).count(),
        found: found.len(),
        kind_ok,
        gold_conflicts: event.conflicts.len(),
        conflicts_found: event
            .conflicts
            .iter()
            .filter(|k| links.get(k).is_some_and(|l| l.1))
            .count(),
        flagged: links.values().filter(|l| l.1).count(),
        flagged_right: links
            .iter()
            .filter(|(k, l)| l.1 && event.conflicts.contains(k))
            .count(),
    }
}

impl Event {
    /// The same event as two articles only (`i`, `j`), with the gold between them: how the
    /// engine is used on a pair of reports.
    pub fn two(&self, i: usize, j: usize) -> Event {
        let map = |(a, p): Key| -> Option<Key> {
            if a == i {
                Some((0, p))
            } else if a == j {
                Some((1, p))
            } else {
                None
            }
        };
        let remap = |(x, y): &(Key, Key)| Some(pair(map(*x)?, map(*y)?));
        Event {
            name: format!("{}[{i},{j}]", self.name),
            articles: vec![self.articles[i].clone(), self.articles[j].clone()],
            canon: vec![self.canon[i].clone(), self.canon[j].clone()],
            gold: self
                .gold
                .iter()
                .filter_map(|(k, kind)| Some((remap(k)?, *kind)))
                .collect(),
            conflicts: self.conflicts.iter().filter_map(remap).collect(),
            unlocated: 0,
        }
    }

    /// The event's three two-article comparisons.
    pub fn pairs(&self) -> Vec<Event> {
        let n = self.articles.len();
        (0..n)
            .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
            .map(|(i, j)| self.two(i, j))
            .collect()
    }
}
