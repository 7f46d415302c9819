//! Passages prepared for comparison, and the scores of a pair of them.
//!
//! Two scores come out of a pair:
//! - **verbatim**: how much of the wording is the same, in order (word-level alignment with
//!   `similar`, and word-bigram agreement so that a moved clause still counts);
//! - **paraphrase**: the probability that the two say the same thing, from a logistic model over
//!   lexical features (content-word and n-gram overlap, alignment, length balance, disagreeing
//!   numbers, names and negation). Its weights live in [`WEIGHTS`] and were fitted offline on the
//!   MRPC training split (`tests/calibrate.rs` refits and prints them).

use super::tokens::{is_negation, Token};
use compact_str::CompactString;
use rustc_hash::FxHashMap;

/// Interns normalised words (and, separately, stems) as small integers, so comparing is cheap.
/// Ids are given in order of first appearance, so the numbering (and every tie broken by it)
/// is the same on any number of threads.
#[derive(Debug, Default)]
pub struct Interner {
    /// Normalised word -> its id.
    words: FxHashMap<CompactString, u32>,
    stems: FxHashMap<CompactString, u32>,
    /// Per word id, its normal form, stem and the stem's id once the word has been seen as a
    /// content word (a word's stem depends on its form alone): what a [`Token`] and its stem
    /// id are made again from.
    forms: Vec<(CompactString, CompactString, Option<u32>)>,
}

impl Interner {
    /// The ids of every word of a passage, and per word its stem's id when it is a content
    /// word: one lookup per word.
    pub fn intern(&mut self, tokens: &[Token]) -> Interned {
        let mut words = Vec::with_capacity(tokens.len());
        let mut stems = Vec::with_capacity(tokens.len());
        for token in tokens {
            let next = self.forms.len() as u32;
            let id = *self.words.entry(token.norm.clone()).or_insert_with(|| {
                self.forms
                    .push((token.norm.clone(), token.stem.clone(), None));
                next
            });
            words.push(id);
            stems.push(if token.stop {
                None
            } else {
                Some(*self.forms[id as usize].2.get_or_insert_with(|| {
                    let next = self.stems.len() as u32;
                    *self.stems.entry(token.stem.clone()).or_insert(next)
                }))
            });
        }
        Interned { words, stems }
    }
}

/// A passage's words as [`Interner`] ids.
#[derive(Debug, Default)]
pub struct Interned {
    /// Every word's id, in order.
    pub words: Vec<u32>,
    /// Per word, its stem's id when it is a content word.
    pub stems: Vec<Option<u32>>,
}

/// A passage as every passage of a comparison is held while candidate pairs are sought: its
/// ids, quotes and clauses, and its words without their strings (12 bytes a word instead of
/// 88). Only the passages in a candidate pair become [`Prepared`] (this and the scoring lists),
/// so that one very long article does not hold every passage's trigram lists at once.
#[derive(Debug, Clone, Default)]
pub struct Indexed {
    /// Interned normalised form of every word, in order (for alignment and n-grams).
    pub words: Vec<u32>,
    /// Interned stems of the content words, sorted and deduplicated.
    pub content: Vec<u32>,
    /// Per word, whether it stands inside quotation marks.
    pub quoted: Vec<bool>,
    /// Clauses as word ranges: the passage cut at `;`, `:`, dashes, brackets, quote marks and
    /// joints like ", but" or ", who", so that a statement inside a long sentence can match alone.
    pub clauses: Vec<std::ops::Range<usize>>,
    /// Its words without their strings ([`Indexed::tokens`] makes them whole again).
    bare: Vec<BareToken>,
    /// (word, value) of the numbers, few in most passages.
    numbers: Vec<(u32, f64)>,
}

/// A [`Token`] without its strings (they are the [`Interner`]'s, by the word's id) and value
/// ([`Indexed::numbers`]).
#[derive(Debug, Clone, Copy, Default)]
struct BareToken {
    start: u32,
    end: u32,
    stop: bool,
    name: bool,
}

impl Indexed {
    /// The passage `text` of these `tokens` and ids.
    pub fn new(text: &str, tokens: &[Token], interned: Interned) -> Indexed {
        let Interned {
            words,
            stems: token_stems,
        } = interned;
        let mut content: Vec<u32> = token_stems.iter().flatten().copied().collect();
        content.sort_unstable();
        content.dedup();
        let (quoted, clauses) = quotes_and_clauses(text, tokens);
        let bare = tokens
            .iter()
            .map(|t| BareToken {
                start: u32::try_from(t.start).expect("a passage is under 4 GB"),
                end: u32::try_from(t.end).expect("a passage is under 4 GB"),
                stop: t.stop,
                name: t.name,
            })
            .collect();
        let numbers = (0u32..)
            .zip(tokens)
            .filter_map(|(i, t)| Some((i, t.number?)))
            .collect();
        Indexed {
            words,
            content,
            quoted,
            clauses,
            bare,
            numbers,
        }
    }

    /// Per word, its stem's id when it is a content word (as [`Interned::stems`]).
    fn token_stems(&self, interner: &Interner) -> Vec<Option<u32>> {
        self.bare
            .iter()
            .zip(&self.words)
            .map(|(bare, &word)| {
                if bare.stop {
                    None
                } else {
                    interner.forms[word as usize].2
                }
            })
            .collect()
    }

    /// Its words, whole again (their strings from `interner`).
    pub fn tokens(&self, interner: &Interner) -> Vec<Token> {
        let mut numbers = self.numbers.iter().peekable();
        (0u32..)
            .zip(self.bare.iter().zip(&self.words))
            .map(|(i, (bare, &word))| {
                let (norm, stem, _) = &interner.forms[word as usize];
                Token {
                    start: bare.start as usize,
                    end: bare.end as usize,
                    norm: norm.clone(),
                    stem: stem.clone(),
                    stop: bare.stop,
                    number: numbers.next_if(|(at, _)| *at == i).map(|(_, value)| *value),
                    name: bare.name,
                }
            })
            .collect()
    }

    /// Bytes of word `i` in the passage's text.
    pub fn span(&self, i: usize) -> std::ops::Range<usize> {
        self.bare[i].start as usize..self.bare[i].end as usize
    }
}

/// Every run of [`QUOTE_RUN`] words of `passage` that stands wholly inside quotation marks.
pub(crate) fn quoted_runs(passage: &Indexed) -> impl Iterator<Item = &[u32]> {
    passage
        .words
        .windows(QUOTE_RUN)
        .enumerate()
        .filter(|(i, _)| passage.quoted[*i..*i + QUOTE_RUN].iter().all(|&q| q))
        .map(|(_, window)| window)
}

/// A passage ready for scoring: the passage as candidate search held it, and the lists
/// scoring compares.
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    /// Its ids, content stems, quotes, clauses and words.
    pub indexed: Indexed,
    /// The first name it mentions (its interned form): most often who acts or speaks.
    pub subject: Option<u32>,
    /// Per word, its interned stem when it is a content word.
    pub token_stems: Vec<Option<u32>>,
    /// Numeric values mentioned.
    pub numbers: Vec<f64>,
    /// Interned normalised names (capitalised words not opening a sentence).
    pub names: Vec<u32>,
    /// How many negations it has.
    pub negations: usize,
    /// Hashes of the character trigrams of its normalised words, sorted and deduplicated.
    pub char_grams: Vec<u64>,
    /// Word n-grams for n = 1..=4 as sorted multisets of keys.
    pub grams: [Vec<u64>; 4],
}

impl Prepared {
    /// Prepares the `tokens` of `text`, interning their forms.
    pub fn new(text: &str, tokens: Vec<Token>, interner: &mut Interner) -> Prepared {
        let interned = interner.intern(&tokens);
        Prepared::from_interned(text, tokens, interned)
    }

    /// Prepares the `tokens` of `text` from their ids: the costly part of preparing, which
    /// needs no shared state (the interning before it is quick and in order).
    pub fn from_interned(text: &str, tokens: Vec<Token>, interned: Interned) -> Prepared {
        let token_stems = interned.stems.clone();
        let indexed = Indexed::new(text, &tokens, interned);
        Prepared::complete(indexed, tokens, token_stems)
    }

    /// The passage held for candidate search, made ready for scoring.
    pub fn from_indexed(indexed: Indexed, interner: &Interner) -> Prepared {
        let tokens = indexed.tokens(interner);
        let token_stems = indexed.token_stems(interner);
        Prepared::complete(indexed, tokens, token_stems)
    }

    fn complete(indexed: Indexed, tokens: Vec<Token>, token_stems: Vec<Option<u32>>) -> Prepared {
        let words = &indexed.words;
        let subject = tokens
            .iter()
            .zip(words)
            .find(|(t, _)| t.name)
            .map(|(_, &id)| id);
        let numbers = tokens.iter().filter_map(|t| t.number).collect();
        let mut names: Vec<u32> = tokens
            .iter()
            .zip(words)
            .filter(|(t, _)| t.name)
            .map(|(_, &id)| id)
            .collect();
        names.sort_unstable();
        names.dedup();
        let negations = tokens.iter().filter(|t| is_negation(&t.norm)).count();
        let char_grams = char_grams(&tokens);
        let grams = word_grams(words);
        Prepared {
            indexed,
            subject,
            token_stems,
            numbers,
            names,
            negations,
            char_grams,
            grams,
        }
    }
}

/// Word n-grams (n = 1..=4) of interned words as sorted keys; n ≤ 2 are exact, longer ones
/// hashed.
fn word_grams(words: &[u32]) -> [Vec<u64>; 4] {
    let key = |g: &[u32]| -> u64 {
        match g {
            [a] => u64::from(*a),
            [a, b] => (u64::from(*a) << 32) | u64::from(*b),
            _ => g.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &w| {
                (h ^ u64::from(w)).wrapping_mul(0x0100_0000_01b3)
            }),
        }
    };
    std::array::from_fn(|i| {
        let mut keys: Vec<u64> = words.windows(i + 1).map(key).collect();
        keys.sort_unstable();
        keys
    })
}

/// Words after which a comma opens a new clause.
const CLAUSE_OPENERS: &[&str] = &[
    "adding", "after", "although", "and", "as", "because", "before", "but", "saying", "though",
    "when", "where", "which", "while", "who", "whom", "whose",
];

/// Which words are quoted, and where the clauses are (see [`Prepared::clauses`]).
fn quotes_and_clauses(text: &str, tokens: &[Token]) -> (Vec<bool>, Vec<std::ops::Range<usize>>) {
    let mut quoted = Vec::with_capacity(tokens.len());
    let mut clauses = Vec::new();
    let (mut inside, mut clause_start, mut previous_end) = (opens_inside_quote(text, tokens), 0, 0);
    for (i, token) in tokens.iter().enumerate() {
        let gap = text.get(previous_end..token.start).unwrap_or("");
        let mut boundary = false;
        for c in gap.chars() {
            match c {
                '"' => inside = !inside,
                '\u{201C}' | '\u{00AB}' => inside = true,
                '\u{201D}' | '\u{00BB}' => inside = false,
                ';' | ':' | '\u{2014}' | '\u{2013}' | '(' | ')' | '[' | ']' => {}
                _ => continue,
            }
            boundary = true;
        }
        boundary |= gap.contains(" - ")
            || (gap.contains(',') && CLAUSE_OPENERS.contains(&token.norm.as_str()));
        if boundary && i > clause_start {
            clauses.push(clause_start..i);
            clause_start = i;
        }
        quoted.push(inside);
        previous_end = token.end;
    }
    if clause_start < tokens.len() {
        clauses.push(clause_start..tokens.len());
    }
    (quoted, clauses)
}

/// True when a passage continues a quote opened in an earlier sentence: its first quote mark
/// closes (`”`), or it has an odd number of straight quotes and the last one follows its last
/// word (`It's not Obama's war."`).
fn opens_inside_quote(text: &str, tokens: &[Token]) -> bool {
    let first_curly = text.find(['\u{201C}', '\u{201D}', '\u{00AB}', '\u{00BB}']);
    if let Some(at) = first_curly {
        let straight_before = text[..at].contains('"');
        if !straight_before {
            return matches!(text[at..].chars().next(), Some('\u{201D}' | '\u{00BB}'));
        }
    }
    let straight = text.matches('"').count();
    let last_word_end = tokens.last().map_or(0, |t| t.end);
    straight % 2 == 1 && text.rfind('"').is_some_and(|at| at >= last_word_end)
}

/// Character trigrams of the normalised words joined by spaces, hashed.
fn char_grams(tokens: &[Token]) -> Vec<u64> {
    let chars = tokens
        .iter()
        .flat_map(|t| t.norm.chars().chain(std::iter::once(' ')));
    // Three chars of 21 bits each fit one u64 exactly: no hashing, no collisions. The window
    // slides over the characters as they come (no list of them first).
    let mut grams: Vec<u64> = Vec::with_capacity(tokens.iter().map(|t| t.norm.len() + 1).sum());
    let mut window = 0u64;
    for (i, c) in chars.enumerate() {
        window = ((window << 21) | u64::from(c)) & ((1 << 63) - 1);
        if i >= 2 {
            grams.push(window);
        }
    }
    grams.sort_unstable();
    grams.dedup();
    // Every passage's list lives until the links are made: no room left over from the repeats.
    grams.shrink_to_fit();
    grams
}

/// Inverse document frequency of interned content stems over all passages compared.
#[derive(Debug, Default, Clone)]
pub struct Idf {
    /// Passages counted.
    pub documents: usize,
    /// Passages containing each stem, indexed by interned id.
    pub frequency: Vec<u32>,
    /// [`Idf::weight`] of each stem, computed once (scoring asks for it millions of times).
    weights: Vec<f64>,
}

impl Idf {
    /// Counts every passage's content stems.
    pub fn new<'a>(passages: impl IntoIterator<Item = &'a Indexed>) -> Idf {
        let mut idf = Idf::default();
        for p in passages {
            idf.documents += 1;
            for &t in &p.content {
                let t = t as usize;
                if idf.frequency.len() <= t {
                    idf.frequency.resize(t + 1, 0);
                }
                idf.frequency[t] += 1;
            }
        }
        let documents = idf.documents.max(1) as f64;
        idf.weights = idf
            .frequency
            .iter()
            .map(|&df| (1.0 + documents / f64::from(df.max(1))).ln())
            .collect();
        idf
    }

    /// How many passages contain `stem`.
    pub fn frequency(&self, stem: u32) -> u32 {
        self.frequency.get(stem as usize).copied().unwrap_or(0)
    }

    /// `ln(1 + N / df)`: high for rare stems, near `ln 2` for a stem in every passage.
    pub fn weight(&self, stem: u32) -> f64 {
        match self.weights.get(stem as usize) {
            Some(&w) => w,
            None => (1.0 + self.documents.max(1) as f64).ln(),
        }
    }
}

/// Names of the features, in the order of [`Features::values`] and [`WEIGHTS`].
pub const FEATURE_NAMES: [&str; FEATURES] = [
    "content_precision_min",
    "content_precision_max",
    "idf_jaccard",
    "word_precision_min",
    "word_precision_max",
    "bigram_precision_min",
    "bigram_precision_max",
    "trigram_precision_min",
    "trigram_precision_max",
    "fourgram_precision_min",
    "fourgram_precision_max",
    "char_trigram_precision_min",
    "char_trigram_precision_max",
    "alignment_ratio",
    "length_ratio",
    "numbers_disagree",
    "numbers_agree",
    "numbers_unmatched",
    "names_disagree",
    "names_unmatched",
    "negation_disagrees",
    "log_length",
];

/// How many features the model has.
pub const FEATURES: usize = 22;

/// The lexical features of a pair, each in a small range around `[0, 1]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Features {
    /// Values in the order of [`FEATURE_NAMES`].
    pub values: [f64; FEATURES],
    /// Share of words in the longest common subsequence: `2·common / (len a + len b)`.
    pub alignment: f64,
    /// Dice agreement of word bigrams.
    pub bigram_dice: f64,
}

/// Weights of the paraphrase model: intercept first, then one per feature in
/// [`FEATURE_NAMES`] order. Fitted on MRPC train (`cargo test --release --test calibrate --
/// --ignored --nocapture`).
pub const WEIGHTS: [f64; FEATURES + 1] = [
    -4.8649, -0.4265, 0.0323, 2.336, 2.9348, 0.783, 0.77, -1.6623, 0.5559, -1.8574, 0.5006,
    -1.6137, 2.7618, 0.7676, 3.2312, 1.1542, 0.1943, 0.0371, -1.0336, 0.21, -0.0231, -1.2046,
    -1.305,
];

/// A cheap test before the full features: pairs sharing too little content can reach neither
/// threshold, so the word alignment is not worth computing for them.
pub fn worth_scoring(a: &Indexed, b: &Indexed) -> bool {
    let inter = multiset_overlap(&a.content, &b.content);
    let shorter = a.content.len().min(b.content.len()).max(1);
    inter * 5 >= shorter || shares_quote(a, b) || shares_quote(b, a)
}

/// Words in a row, all inside quotation marks, from which two passages tell the same quote
/// whatever their words.
pub(crate) const QUOTE_RUN: usize = 4;

/// True when a run of words `x` quotes appears in a row in `y`.
fn shares_quote(x: &Indexed, y: &Indexed) -> bool {
    y.words.len() >= QUOTE_RUN
        && x.quoted.contains(&true)
        && quoted_runs(x).any(|run| y.words.windows(QUOTE_RUN).any(|w| w == run))
}

/// Computes the features of (a, b).
pub fn features(a: &Prepared, b: &Prepared, idf: &Idf) -> Features {
    let (inter, _) = sorted_overlap(&a.indexed.content, &b.indexed.content);
    let pa = ratio(inter, a.indexed.content.len());
    let pb = ratio(inter, b.indexed.content.len());
    let idf_jaccard = weighted_jaccard(&a.indexed.content, &b.indexed.content, idf);
    let (w1a, w1b, _) = ngram_precisions(a, b, 1);
    let (b2a, b2b, bigram_dice) = ngram_precisions(a, b, 2);
    let (t3a, t3b, _) = ngram_precisions(a, b, 3);
    let (f4a, f4b, _) = ngram_precisions(a, b, 4);
    let (char_common, _) = sorted_overlap(&a.char_grams, &b.char_grams);
    let (c3a, c3b) = (
        ratio(char_common, a.char_grams.len()),
        ratio(char_common, b.char_grams.len()),
    );
    let common = lcs_length(&a.indexed.words, &b.indexed.words);
    let total = a.indexed.words.len() + b.indexed.words.len();
    let alignment = if total == 0 {
        0.0
    } else {
        2.0 * common as f64 / total as f64
    };
    let (la, lb) = (a.indexed.words.len() as f64, b.indexed.words.len() as f64);
    let length_ratio = if la.max(lb) == 0.0 {
        0.0
    } else {
        la.min(lb) / la.max(lb)
    };
    let (numbers_disagree, numbers_agree, numbers_unmatched) =
        number_agreement(&a.numbers, &b.numbers);
    let (name_common, name_union) = sorted_overlap(&a.names, &b.names);
    let names_disagree = if name_union == 0 {
        0.0
    } else {
        1.0 - name_common as f64 / name_union as f64
    };
    let names_unmatched = ((name_union - name_common) as f64).min(4.0) / 4.0;
    let negation_disagrees = f64::from(u8::from(a.negations % 2 != b.negations % 2));
    let log_length = (la.min(lb) + 1.0).ln() / 4.0;
    Features {
        values: [
            pa.min(pb),
            pa.max(pb),
            idf_jaccard,
            w1a.min(w1b),
            w1a.max(w1b),
            b2a.min(b2b),
            b2a.max(b2b),
            t3a.min(t3b),
            t3a.max(t3b),
            f4a.min(f4b),
            f4a.max(f4b),
            c3a.min(c3b),
            c3a.max(c3b),
            alignment,
            length_ratio,
            numbers_disagree,
            numbers_agree,
            numbers_unmatched,
            names_disagree,
            names_unmatched,
            negation_disagrees,
            log_length,
        ],
        alignment,
        bigram_dice,
    }
}

impl Features {
    /// Verbatim score: the wording in common, in order or in moved clauses.
    pub fn verbatim(&self) -> f64 {
        self.alignment.max(self.bigram_dice)
    }

    /// Whole-sentence paraphrase probability under [`WEIGHTS`] (the MRPC model): one piece of
    /// evidence for the statement model in [`super::statement`].
    pub fn paraphrase(&self) -> f64 {
        probability(&self.values, &WEIGHTS)
    }
}

/// The logistic model: `σ(w₀ + Σ wᵢ·xᵢ)`.
pub fn probability(values: &[f64], weights: &[f64]) -> f64 {
    let z = weights[0]
        + values
            .iter()
            .zip(&weights[1..])
            .map(|(x, w)| x * w)
            .sum::<f64>();
    1.0 / (1.0 + (-z).exp())
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// (intersection, union) sizes of two sorted, deduplicated lists.
fn sorted_overlap<T: Ord>(a: &[T], b: &[T]) -> (usize, usize) {
    let inter = multiset_overlap(a, b);
    (inter, a.len() + b.len() - inter)
}

fn weighted_jaccard(a: &[u32], b: &[u32], idf: &Idf) -> f64 {
    let (mut i, mut j) = (0, 0);
    let (mut inter, mut union) = (0.0, 0.0);
    while i < a.len() || j < b.len() {
        let (x, y) = (a.get(i), b.get(j));
        match (x, y) {
            (Some(x), Some(y)) if x == y => {
                let w = idf.weight(*x);
                inter += w;
                union += w;
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x < y => {
                union += idf.weight(*x);
                i += 1;
            }
            (Some(x), None) => {
                union += idf.weight(*x);
                i += 1;
            }
            (_, Some(y)) => {
                union += idf.weight(*y);
                j += 1;
            }
            (None, None) => break,
        }
    }
    if union == 0.0 {
        0.0
    } else {
        inter / union
    }
}

/// Share of a's n-grams found in b, of b's in a, and their Dice agreement (multisets).
fn ngram_precisions(a: &Prepared, b: &Prepared, n: usize) -> (f64, f64, f64) {
    let (ga, gb) = (&a.grams[n - 1], &b.grams[n - 1]);
    if ga.is_empty() || gb.is_empty() {
        // Too short for n-grams: fall back to whole-sequence equality.
        let same = f64::from(u8::from(
            !a.indexed.words.is_empty() && a.indexed.words == b.indexed.words,
        ));
        return (same, same, same);
    }
    let common = multiset_overlap(ga, gb);
    let (na, nb) = (ga.len(), gb.len());
    (
        common as f64 / na as f64,
        common as f64 / nb as f64,
        2.0 * common as f64 / (na + nb) as f64,
    )
}

/// Length of the longest common subsequence of two word sequences.
///
/// Every candidate pair needs this number but only the kept ones need the edit script, so it
/// is computed bit-parallel (Hyyrö's formulation of Allison–Dix: one pass over `b`, `|a|/64`
/// machine words per step) instead of through a full diff.
pub fn lcs_length(a: &[u32], b: &[u32]) -> usize {
    if a.is_empty() || b.is_empty() {
        return 0;
    }
    let blocks = a.len().div_ceil(64);
    // Per distinct word of `a`, the bit mask of its positions.
    let mut symbols: Vec<u32> = a.to_vec();
    symbols.sort_unstable();
    symbols.dedup();
    let mut masks = vec![0u64; symbols.len() * blocks];
    for (i, w) in a.iter().enumerate() {
        let s = symbols.binary_search(w).expect("symbol of a");
        masks[s * blocks + i / 64] |= 1 << (i % 64);
    }
    let mut v = vec![u64::MAX; blocks];
    for w in b {
        let Ok(s) = symbols.binary_search(w) else {
            continue;
        };
        let mask = &masks[s * blocks..(s + 1) * blocks];
        let mut carry = false;
        for (vk, &m) in v.iter_mut().zip(mask) {
            let u = *vk & m;
            let (sum, c1) = vk.overflowing_add(u);
            let (sum, c2) = sum.overflowing_add(u64::from(carry));
            carry = c1 || c2;
            *vk = sum | (*vk & !m);
        }
    }
    let zeros: u32 = v.iter().map(|x| x.count_zeros()).sum();
    // Bits past the end of `a` never become zero.
    zeros as usize
}

/// Size of the intersection of two sorted multisets.
pub(crate) fn multiset_overlap<T: Ord>(a: &[T], b: &[T]) -> usize {
    // Branch-free steps: which side moves is data the processor cannot predict (this merge of
    // character trigrams was the costliest line of scoring a pair).
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (&a[i], &b[j]);
        common += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    common
}

/// (disagree, agree, unmatched): whether numbers on one side are missing on the other while
/// both sides give numbers, the share of numbers they have in common, and how many have no
/// counterpart (scaled to `[0, 1]`).
fn number_agreement(a: &[f64], b: &[f64]) -> (f64, f64, f64) {
    if a.is_empty() && b.is_empty() {
        return (0.0, 0.0, 0.0);
    }
    let found = |x: &f64, ys: &[f64]| ys.iter().any(|y| (x - y).abs() < 1e-9);
    let only_a = a.iter().filter(|x| !found(x, b)).count();
    let only_b = b.iter().filter(|y| !found(y, a)).count();
    // Each number of b pairs with at most one of a, so that repeats count the same whichever
    // side they are on.
    let mut unused: Vec<f64> = b.to_vec();
    let common = a
        .iter()
        .filter(|x| {
            let hit = unused.iter().position(|y| (*x - y).abs() < 1e-9);
            hit.map(|i| unused.swap_remove(i)).is_some()
        })
        .count();
    let disagree = f64::from(u8::from(only_a > 0 && only_b > 0));
    let unmatched = ((only_a + only_b) as f64).min(4.0) / 4.0;
    (disagree, ratio(common, a.len().max(b.len())), unmatched)
}

/// The features of two texts compared as one passage each, with IDF over just the two: how the
/// paraphrase model is calibrated on sentence pairs.
pub fn pair(tokenizer: &super::tokens::Tokenizer, a: &str, b: &str) -> Features {
    let mut interner = Interner::default();
    let pa = Prepared::new(a, tokenizer.tokens(a), &mut interner);
    let pb = Prepared::new(b, tokenizer.tokens(b), &mut interner);
    let idf = Idf::new([&pa.indexed, &pb.indexed]);
    features(&pa, &pb, &idf)
}

#[cfg(test)]
mod tests {
    use super::super::tokens::Tokenizer;
    use super::*;

    fn prepare(texts: &[&str]) -> (Vec<Prepared>, Idf) {
        let tokenizer = Tokenizer::new("english").unwrap();
        let mut interner = Interner::default();
        let prepared: Vec<Prepared> = texts
            .iter()
            .map(|t| Prepared::new(t, tokenizer.tokens(t), &mut interner))
            .collect();
        let idf = Idf::new(prepared.iter().map(|p| &p.indexed));
        (prepared, idf)
    }

    #[test]
    fn identical_sentences_are_fully_verbatim() {
        let (p, idf) = prepare(&["The bridge fell at dawn.", "The bridge fell at dawn."]);
        let f = features(&p[0], &p[1], &idf);
        assert_eq!(f.verbatim(), 1.0);
        assert_eq!(f.values[0], 1.0);
    }

    #[test]
    fn a_quote_continued_from_the_sentence_before_is_quoted() {
        let (p, _) = prepare(&[
            "Why would he not do it?\u{201D}",
            "It's not Obama's war.\"",
            "He said \"yes\" today.",
            "\u{201C}No,\u{201D} he said.",
        ]);
        assert!(
            p[0].indexed.quoted.iter().all(|&q| q),
            "{:?}",
            p[0].indexed.quoted
        );
        assert!(
            p[1].indexed.quoted.iter().all(|&q| q),
            "{:?}",
            p[1].indexed.quoted
        );
        assert_eq!(p[2].indexed.quoted, [false, false, true, false]);
        assert_eq!(p[3].indexed.quoted, [true, false, false]);
    }

    #[test]
    fn the_same_quote_of_function_words_is_worth_scoring() {
        let (p, _) = prepare(&[
            "Why would he not do it?\u{201D}",
            "\u{201C}Why would he not do that?\u{201D} the senator asked.",
            "Why would he not do that today, after all?",
        ]);
        assert!(p[0].indexed.content.is_empty());
        assert!(worth_scoring(&p[0].indexed, &p[1].indexed));
        assert!(
            worth_scoring(&p[0].indexed, &p[2].indexed),
            "quoted on one side is enough"
        );
        // Unquoted function words in common are not a statement.
        let (q, _) = prepare(&["Why would he not do it?", "Why would he not do that today?"]);
        assert!(!worth_scoring(&q[0].indexed, &q[1].indexed));
    }

    #[test]
    fn quote_marks_and_case_do_not_count_as_differences() {
        let (p, idf) = prepare(&[
            "“We have not given up hope,” Dahl said.",
            "\"we have NOT given up hope\", Dahl said",
        ]);
        assert_eq!(features(&p[0], &p[1], &idf).verbatim(), 1.0);
    }

    #[test]
    fn a_moved_clause_stays_verbatim_through_bigrams() {
        let (p, idf) = prepare(&[
            "On Tuesday evening two people were still missing in the strait.",
            "Two people were still missing in the strait on Tuesday evening.",
        ]);
        let f = features(&p[0], &p[1], &idf);
        assert!(f.alignment < 0.85, "alignment {}", f.alignment);
        assert!(f.verbatim() >= 0.8, "verbatim {}", f.verbatim());
    }

    #[test]
    fn unrelated_sentences_score_low() {
        let (p, idf) = prepare(&[
            "The central span gave way as commuters crossed to the mainland.",
            "Shares in the shipping company fell sharply in Oslo trading.",
        ]);
        let f = features(&p[0], &p[1], &idf);
        assert!(f.verbatim() < 0.3);
        assert!(f.paraphrase() < 0.3, "paraphrase {}", f.paraphrase());
    }

    #[test]
    fn numbers_and_names_disagreement_is_measured() {
        let (p, idf) = prepare(&[
            "At least 14 people were injured, Halvorsen said.",
            "At least 41 people were injured, Halvorson said.",
        ]);
        let f = features(&p[0], &p[1], &idf);
        let value = |name: &str| f.values[FEATURE_NAMES.iter().position(|n| *n == name).unwrap()];
        assert_eq!(value("numbers_disagree"), 1.0);
        assert_eq!(value("numbers_agree"), 0.0);
        assert_eq!(value("names_disagree"), 1.0);
        assert_eq!(value("names_unmatched"), 0.5);
    }

    #[test]
    fn features_do_not_depend_on_which_side_is_first() {
        let (p, idf) = prepare(&[
            "The storm killed 3 people and injured 3 more.",
            "The storm killed 3 people, officials said.",
        ]);
        let (ab, ba) = (features(&p[0], &p[1], &idf), features(&p[1], &p[0], &idf));
        assert_eq!(ab.values, ba.values);
        assert_eq!(ab.paraphrase().to_bits(), ba.paraphrase().to_bits());
    }

    #[test]
    fn lcs_length_agrees_with_a_diff() {
        use similar::{capture_diff_slices, Algorithm, DiffOp};
        let seqs: Vec<Vec<u32>> = vec![
            vec![1, 2, 3, 4, 5],
            vec![5, 4, 3, 2, 1],
            vec![1, 3, 5, 7, 9, 2, 4],
            (0..150).map(|i| i % 7).collect(),
            (0..130).map(|i| (i * 3) % 11).collect(),
            vec![],
        ];
        for a in &seqs {
            for b in &seqs {
                let exact: usize = capture_diff_slices(Algorithm::Lcs, a, b)
                    .iter()
                    .map(|op| match op {
                        DiffOp::Equal { len, .. } => *len,
                        _ => 0,
                    })
                    .sum();
                assert_eq!(lcs_length(a, b), exact, "{a:?} / {b:?}");
            }
        }
    }

    #[test]
    fn idf_weights_rare_stems_higher() {
        let (p, idf) = prepare(&["bridge storm", "bridge fjord", "bridge"]);
        let bridge = p[2].indexed.content[0];
        let fjord = *p[1].indexed.content.iter().find(|&&t| t != bridge).unwrap();
        assert!(idf.weight(fjord) > idf.weight(bridge));
    }
}
