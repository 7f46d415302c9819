//! Words of a passage, normalised so that surface differences (case, quote marks, "fourteen" vs
//! "14", "U.S." vs "US", inflection) do not hide a match.

use compact_str::{format_compact, CompactString};
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::RefCell;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// One word of a passage.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// Byte span in the passage text.
    pub start: usize,
    /// Byte end in the passage text.
    pub end: usize,
    /// Normalised form: NFKC, lower case, straight apostrophes, possessive dropped; numbers as
    /// their canonical value (`"fourteen"` and `"14"` are both `"14"`).
    ///
    /// Words are short: held inline (no heap allocation) up to 24 bytes, like the stem.
    pub norm: CompactString,
    /// Stem of `norm` (numbers are their own stem).
    pub stem: CompactString,
    /// A function word (the, of, said...) that carries no content on its own.
    pub stop: bool,
    /// The value, for numbers written in digits or in words.
    pub number: Option<f64>,
    /// Starts with an upper-case letter and is not the first word: part of a name.
    pub name: bool,
}

/// Languages the stemmer supports, by their `--lang` names.
pub const LANGUAGES: [(&str, Algorithm); 18] = [
    ("arabic", Algorithm::Arabic),
    ("danish", Algorithm::Danish),
    ("dutch", Algorithm::Dutch),
    ("english", Algorithm::English),
    ("finnish", Algorithm::Finnish),
    ("french", Algorithm::French),
    ("german", Algorithm::German),
    ("greek", Algorithm::Greek),
    ("hungarian", Algorithm::Hungarian),
    ("italian", Algorithm::Italian),
    ("norwegian", Algorithm::Norwegian),
    ("portuguese", Algorithm::Portuguese),
    ("romanian", Algorithm::Romanian),
    ("russian", Algorithm::Russian),
    ("spanish", Algorithm::Spanish),
    ("swedish", Algorithm::Swedish),
    ("tamil", Algorithm::Tamil),
    ("turkish", Algorithm::Turkish),
];

/// The ISO 639-1 code of a [`LANGUAGES`] name, for its list of function words.
fn iso_code(algorithm: Algorithm) -> &'static str {
    match algorithm {
        Algorithm::Arabic => "ar",
        Algorithm::Danish => "da",
        Algorithm::Dutch => "nl",
        Algorithm::English => "en",
        Algorithm::Finnish => "fi",
        Algorithm::French => "fr",
        Algorithm::German => "de",
        Algorithm::Greek => "el",
        Algorithm::Hungarian => "hu",
        Algorithm::Italian => "it",
        Algorithm::Norwegian => "no",
        Algorithm::Portuguese => "pt",
        Algorithm::Romanian => "ro",
        Algorithm::Russian => "ru",
        Algorithm::Spanish => "es",
        Algorithm::Swedish => "sv",
        Algorithm::Tamil => "ta",
        Algorithm::Turkish => "tr",
    }
}

/// Function words of a language other than English: NLTK's list, normalised like a token's
/// `norm` (NFKC, straight apostrophes, lower case). English keeps [`STOP_WORDS`], on which the
/// paraphrase model was calibrated.
fn stop_words_for(algorithm: Algorithm) -> FxHashSet<String> {
    if matches!(algorithm, Algorithm::English) {
        return FxHashSet::default();
    }
    stop_words::lookup(iso_code(algorithm))
        .unwrap_or_default()
        .iter()
        .map(|w| {
            w.nfkc()
                .map(|c| match c {
                    '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' | '\u{00B4}' => '\'',
                    c => c,
                })
                .collect::<String>()
                .to_lowercase()
        })
        .collect()
}

/// Turns passage text into [`Token`]s for one language.
pub struct Tokenizer {
    stemmer: Stemmer,
    english: bool,
    /// Function words when the language is not English (English uses [`STOP_WORDS`]).
    stop_words: FxHashSet<String>,
    /// Stems already computed, and whether the word is a function word: articles repeat their
    /// words, and stemming is the costly step.
    stems: RefCell<FxHashMap<CompactString, (CompactString, bool)>>,
}

impl std::fmt::Debug for Tokenizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokenizer")
            .field("english", &self.english)
            .finish()
    }
}

impl Tokenizer {
    /// A tokenizer for a language from [`LANGUAGES`]; `None` for an unknown name.
    pub fn new(language: &str) -> Option<Tokenizer> {
        let (_, algorithm) = LANGUAGES
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(language))?;
        Some(Tokenizer {
            stemmer: Stemmer::create(*algorithm),
            english: matches!(algorithm, Algorithm::English),
            stop_words: stop_words_for(*algorithm),
            stems: RefCell::default(),
        })
    }

    /// The words of `text` with their normalised forms.
    ///
    /// ```
    /// use artdiff::calibration::Tokenizer;
    /// let words = Tokenizer::new("english").unwrap().tokens("Fourteen people were injured in the U.S.");
    /// let norms: Vec<_> = words.iter().map(|t| t.norm.as_str()).collect();
    /// assert_eq!(norms, ["14", "people", "were", "injured", "in", "the", "us"]);
    /// assert_eq!(words[3].stem, "injur");
    /// assert!(words[6].name && !words[6].stop);
    /// ```
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        // About a word per five bytes of prose: room for most passages at once.
        let mut out: Vec<Token> = Vec::with_capacity(text.len() / 5 + 1);
        for (start, word) in text.unicode_word_indices() {
            let end = start + word.len();
            let first = out.is_empty() || follows_sentence_start(text, start);
            let mut token = self.token(word, start, end, first);
            // "1.2 million", "two hundred": fold a multiplier into the number before it.
            if let (Some(factor), Some(prev)) = (multiplier(&token.norm), out.last_mut()) {
                if let Some(value) = prev.number {
                    if prev.end + 1 >= start {
                        let value = value * factor;
                        prev.number = Some(value);
                        prev.norm = number_norm(value);
                        prev.stem = prev.norm.clone();
                        prev.end = end;
                        continue;
                    }
                }
            }
            // "forty-one": a tens word, a hyphen, a unit word.
            if let Some(prev) = out.last_mut() {
                let tens = prev
                    .number
                    .is_some_and(|v| (20.0..=90.0).contains(&v) && v % 10.0 == 0.0);
                let hyphen = tens && &text[prev.end..start] == "-";
                let unit = || SMALL_NUMBERS[1..10].iter().position(|w| *w == token.norm);
                if let Some(unit) = hyphen.then(unit).flatten() {
                    let value = prev.number.unwrap_or_default() + unit as f64 + 1.0;
                    prev.number = Some(value);
                    prev.norm = number_norm(value);
                    prev.stem = prev.norm.clone();
                    prev.end = end;
                    continue;
                }
            }
            if token.norm.is_empty() {
                continue;
            }
            if token.stop && token.number.is_none() && token.name {
                token.name = false;
            }
            out.push(token);
        }
        out
    }

    fn token(&self, word: &str, start: usize, end: usize, first: bool) -> Token {
        let straighten = |c| match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' | '\u{00B4}' => '\'',
            c => c,
        };
        // NFKC leaves ASCII as it is, and straightening changes only the backtick there: most
        // words need no copy before lower-casing.
        let plain = word.is_ascii() && !word.contains('`');
        let owned: String;
        let folded: &str = if plain {
            word
        } else {
            owned = word.nfkc().map(straighten).collect();
            &owned
        };
        let upper_initial = folded.chars().next().is_some_and(char::is_uppercase);
        let acronym = folded.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && folded
                .chars()
                .all(|c| !c.is_alphabetic() || c.is_uppercase());
        let mut norm = if folded.is_ascii() {
            let mut norm = CompactString::new(folded);
            norm.make_ascii_lowercase();
            norm
        } else {
            // std's lower-casing, for its final-sigma rule over the whole word.
            CompactString::from(folded.to_lowercase())
        };
        for suffix in ["'s", "'"] {
            if norm.len() > suffix.len() + 1 && norm.ends_with(suffix) {
                norm.truncate(norm.len() - suffix.len());
                break;
            }
        }
        if norm.contains('.') && !norm.chars().any(|c| c.is_ascii_digit()) {
            // U.S. / U.N.: the same entity as US / UN.
            norm.retain(|c| c != '.');
        }
        let number = parse_number(&norm).or_else(|| {
            if self.english {
                spelled_number(&norm)
            } else {
                None
            }
        });
        if let Some(value) = number {
            let norm = number_norm(value);
            return Token {
                start,
                end,
                stem: norm.clone(),
                norm,
                stop: false,
                number: Some(value),
                name: false,
            };
        }
        let (stem, function_word) = self.stem_and_stop(&norm);
        let stop = !acronym && function_word;
        Token {
            start,
            end,
            norm,
            stem,
            stop,
            number: None,
            name: upper_initial && (!first || acronym),
        }
    }
}

impl Tokenizer {
    /// A function word of the tokenizer's language.
    fn is_stop(&self, norm: &str) -> bool {
        if self.english {
            is_stop_word(norm)
        } else {
            self.stop_words.contains(norm)
        }
    }

    /// The stem of a word and whether it is a function word, both from one cache lookup.
    fn stem_and_stop(&self, norm: &str) -> (CompactString, bool) {
        let mut cache = self.stems.borrow_mut();
        if let Some(known) = cache.get(norm) {
            return known.clone();
        }
        let known = (
            CompactString::from(self.stemmer.stem(norm)),
            self.is_stop(norm),
        );
        cache.insert(CompactString::new(norm), known.clone());
        known
    }
}

/// True when only a sentence start (opening quote, bullet, dash) stands between the text's
/// beginning or a full stop and `at`.
fn follows_sentence_start(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '"' | '\'' | '“' | '‘' | '(' | '[' | '-' | '—' | '•' | '*'
            )
    });
    before.is_empty() || before.ends_with(['.', '!', '?', ':', '。'])
}

/// Canonical text for a numeric value: `14`, `3.5`, `1200000`.
pub fn number_norm(value: f64) -> CompactString {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format_compact!("{}", value as i64)
    } else {
        format_compact!("{value}")
    }
}

/// Digits with optional thousands separators and decimals: `1,200`, `3.5`, `10.30`.
fn parse_number(norm: &str) -> Option<f64> {
    let first = norm.chars().next()?;
    if !first.is_ascii_digit() {
        return None;
    }
    // "1990s", "5th", "10km": keep the leading number, the rest is a unit we ignore.
    let digits: String = norm
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
        .filter(|c| *c != ',')
        .collect();
    let rest = &norm[norm
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == ',' || *c == '.'))
        .map_or(norm.len(), |(i, _)| i)..];
    if !rest.is_empty()
        && !matches!(
            rest,
            "s" | "th" | "st" | "nd" | "rd" | "pc" | "m" | "km" | "kg"
        )
    {
        return None;
    }
    digits.trim_end_matches('.').parse().ok()
}

const SMALL_NUMBERS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

const TENS: [(&str, f64); 8] = [
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
];

/// Small numbers in words: `fourteen`, `forty`, `dozen`. ("one" is left alone: it is far more
/// often a pronoun than a count.)
fn spelled_number(norm: &str) -> Option<f64> {
    // Asked of every word: most are no number word by their length alone.
    if norm == "one" || !(3..=9).contains(&norm.len()) {
        return None;
    }
    if let Some(i) = SMALL_NUMBERS.iter().position(|w| *w == norm) {
        return Some(i as f64);
    }
    if norm == "dozen" {
        return Some(12.0);
    }
    TENS.iter().find(|(w, _)| *w == norm).map(|(_, v)| *v)
}

fn multiplier(norm: &str) -> Option<f64> {
    match norm {
        "hundred" => Some(100.0),
        "thousand" => Some(1e3),
        "million" | "mln" => Some(1e6),
        "billion" | "bn" => Some(1e9),
        "trillion" => Some(1e12),
        _ => None,
    }
}

/// English function words: they glue a sentence together but say nothing about its content.
/// Sorted and without duplicates (a unit test keeps it so), so that it reads as a list. Contractions are
/// whole words here ("won't", "didn't"), as the tokenizer keeps them, so that the verb "won"
/// and the noun "don" stay content words; negation is counted separately by [`is_negation`].
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "according",
    "after",
    "again",
    "against",
    "all",
    "also",
    "although",
    "am",
    "an",
    "and",
    "any",
    "are",
    "aren't",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "can't",
    "cannot",
    "could",
    "couldn't",
    "did",
    "didn't",
    "do",
    "does",
    "doesn't",
    "doing",
    "don't",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "hadn't",
    "has",
    "hasn't",
    "have",
    "haven't",
    "having",
    "he",
    "he'd",
    "he'll",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "i'd",
    "i'll",
    "i'm",
    "i've",
    "if",
    "in",
    "into",
    "is",
    "isn't",
    "it",
    "it'll",
    "its",
    "itself",
    "just",
    "may",
    "me",
    "might",
    "more",
    "most",
    "mr",
    "mrs",
    "ms",
    "must",
    "mustn't",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "said",
    "same",
    "say",
    "says",
    "shall",
    "she",
    "she'd",
    "she'll",
    "should",
    "shouldn't",
    "so",
    "some",
    "such",
    "than",
    "that",
    "that'll",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "there'll",
    "these",
    "they",
    "they'd",
    "they'll",
    "they're",
    "they've",
    "this",
    "those",
    "though",
    "through",
    "to",
    "told",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "via",
    "was",
    "wasn't",
    "we",
    "we'd",
    "we'll",
    "we're",
    "we've",
    "were",
    "weren't",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "won't",
    "would",
    "wouldn't",
    "yet",
    "you",
    "you'd",
    "you'll",
    "you're",
    "you've",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

/// True for an English function word.
pub fn is_stop_word(norm: &str) -> bool {
    // Asked for every word of every passage: a hash set beats even a binary search of strings.
    static SET: std::sync::LazyLock<FxHashSet<&'static str>> =
        std::sync::LazyLock::new(|| STOP_WORDS.iter().copied().collect());
    SET.contains(norm)
}

/// Words that negate what they stand in.
pub fn is_negation(norm: &str) -> bool {
    matches!(
        norm,
        "not"
            | "no"
            | "never"
            | "n't"
            | "without"
            | "neither"
            | "nor"
            | "none"
            | "nobody"
            | "nothing"
            | "cannot"
            | "didn't"
            | "doesn't"
            | "don't"
            | "isn't"
            | "wasn't"
            | "weren't"
            | "won't"
            | "wouldn't"
            | "hasn't"
            | "haven't"
            | "hadn't"
            | "couldn't"
            | "shouldn't"
            | "aren't"
            | "can't"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<String> {
        Tokenizer::new("english")
            .unwrap()
            .tokens(text)
            .into_iter()
            .map(|t| t.norm.to_string())
            .collect()
    }

    #[test]
    fn stop_words_are_sorted_unique_and_whole_words() {
        assert!(
            STOP_WORDS.windows(2).all(|w| w[0] < w[1]),
            "sort and dedup STOP_WORDS"
        );
        let tokens = Tokenizer::new("english")
            .unwrap()
            .tokens("She won the seat but won't serve and didn't say why.");
        let stop: Vec<(&str, bool)> = tokens.iter().map(|t| (t.norm.as_str(), t.stop)).collect();
        assert!(stop.contains(&("won", false)), "{stop:?}");
        assert!(stop.contains(&("won't", true)), "{stop:?}");
        assert!(stop.contains(&("didn't", true)), "{stop:?}");
        assert!(stop.contains(&("seat", false)), "{stop:?}");
    }

    #[test]
    fn quotes_case_and_possessives_fold() {
        assert_eq!(norms("Trump’s “deal”"), ["trump", "deal"]);
        assert_eq!(norms("TRUMP's Deal"), ["trump", "deal"]);
    }

    #[test]
    fn numbers_are_values_in_digits_or_words() {
        assert_eq!(
            norms("fourteen 14 1,200 3.5 10.30"),
            ["14", "14", "1200", "3.5", "10.3"]
        );
        assert_eq!(
            norms("$1.2 billion and two hundred"),
            ["1200000000", "and", "200"]
        );
        assert_eq!(norms("forty-one and forty"), ["41", "and", "40"]);
    }

    #[test]
    fn acronyms_with_and_without_dots_agree() {
        assert_eq!(
            norms("U.S. and US and U.N."),
            ["us", "and", "us", "and", "un"]
        );
        let t = Tokenizer::new("english")
            .unwrap()
            .tokens("Talks with us and the US");
        assert!(t[2].stop, "lower-case pronoun is a function word");
        assert!(!t[5].stop && t[5].name, "US the country is a name");
    }

    #[test]
    fn names_are_capitalised_words_not_first_in_a_sentence() {
        let t = Tokenizer::new("english")
            .unwrap()
            .tokens("Officials said Zelensky spoke. Later he left. “Russia agreed.”");
        let names: Vec<_> = t
            .iter()
            .filter(|t| t.name)
            .map(|t| t.norm.as_str())
            .collect();
        assert_eq!(names, ["zelensky"]);
    }

    #[test]
    fn stems_and_stop_words() {
        let t = Tokenizer::new("english")
            .unwrap()
            .tokens("The rescuers were rescuing");
        assert!(t[0].stop && t[2].stop);
        assert_eq!(t[1].stem, "rescuer");
        assert_eq!(t[3].stem, "rescu");
    }

    #[test]
    fn cjk_and_emoji_do_not_break_tokenizing() {
        let t = Tokenizer::new("english")
            .unwrap()
            .tokens("東京で会議 🎉 Søren");
        assert!(t.iter().any(|t| t.norm == "søren"));
        assert!(t.len() >= 3);
    }

    #[test]
    fn every_language_has_function_words() {
        for (name, _) in LANGUAGES {
            let tokenizer = Tokenizer::new(name).unwrap();
            assert!(
                tokenizer.english || tokenizer.stop_words.len() >= 50,
                "{name}: {} function words",
                tokenizer.stop_words.len()
            );
        }
    }

    #[test]
    fn function_words_follow_the_language() {
        let stops = |lang: &str, text: &str| -> Vec<String> {
            Tokenizer::new(lang)
                .unwrap()
                .tokens(text)
                .into_iter()
                .filter(|t| t.stop)
                .map(|t| t.norm.to_string())
                .collect()
        };
        assert_eq!(
            stops("french", "Le pont est tombé dans le fjord avec une voiture"),
            ["le", "est", "dans", "le", "avec", "une"]
        );
        assert_eq!(
            stops("german", "Die Brücke ist über dem Fjord eingestürzt"),
            ["die", "ist", "über", "dem"]
        );
        assert_eq!(
            stops("spanish", "El puente se derrumbó sobre el fiordo"),
            ["el", "se", "sobre", "el"]
        );
        // English keeps its own list, which the paraphrase model was calibrated on: "said" is
        // a function word there, NLTK's "ain" and "ll" are not.
        assert_eq!(
            stops("english", "He said it ain't ll"),
            ["he", "said", "it"]
        );
        // Other languages do not treat English words as function words.
        assert!(stops("german", "the of and").is_empty());
    }

    #[test]
    fn spelled_out_numbers_stay_english() {
        let t = Tokenizer::new("french")
            .unwrap()
            .tokens("fourteen quatorze");
        assert!(t.iter().all(|t| t.number.is_none()));
    }

    #[test]
    fn other_languages_stem() {
        let t = Tokenizer::new("german").unwrap().tokens("Häuser");
        assert_eq!(t[0].stem, "haus");
        assert!(Tokenizer::new("klingon").is_none());
    }
}
