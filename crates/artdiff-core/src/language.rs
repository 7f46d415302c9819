//! The language of the articles: which stemmer and which function words the engine uses.

use std::fmt;
use std::str::FromStr;

/// A language the stemmer supports, named on the command line and in the config file by its
/// English name in lower case (`--lang german`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[allow(missing_docs)]
pub enum Language {
    Arabic,
    Danish,
    Dutch,
    #[default]
    English,
    Finnish,
    French,
    German,
    Greek,
    Hungarian,
    Italian,
    Norwegian,
    Portuguese,
    Romanian,
    Russian,
    Spanish,
    Swedish,
    Tamil,
    Turkish,
}

impl Language {
    /// Every language, in alphabetical order of its name.
    pub const ALL: [Language; 18] = [
        Language::Arabic,
        Language::Danish,
        Language::Dutch,
        Language::English,
        Language::Finnish,
        Language::French,
        Language::German,
        Language::Greek,
        Language::Hungarian,
        Language::Italian,
        Language::Norwegian,
        Language::Portuguese,
        Language::Romanian,
        Language::Russian,
        Language::Spanish,
        Language::Swedish,
        Language::Tamil,
        Language::Turkish,
    ];

    /// Its name: `english`, `german`...
    pub fn name(self) -> &'static str {
        // The stemmer's table (`align::tokens::LANGUAGES`) lists the same languages in the
        // same order; a test holds them together.
        crate::align::tokens::LANGUAGES[self as usize].0
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A language name that is not one of [`Language::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{given}` is not supported; use one of {}", Language::ALL.map(Language::name).join(", "))]
pub struct UnknownLanguage {
    /// The name as given.
    pub given: String,
}

impl FromStr for Language {
    type Err = UnknownLanguage;

    /// A name in any case: `German`, `german`.
    fn from_str(name: &str) -> Result<Language, UnknownLanguage> {
        Language::ALL
            .into_iter()
            .find(|language| language.name().eq_ignore_ascii_case(name))
            .ok_or_else(|| UnknownLanguage {
                given: name.to_string(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::tokens::{Tokenizer, LANGUAGES};

    #[test]
    fn every_language_is_the_stemmers_and_has_a_tokenizer() {
        assert_eq!(Language::ALL.len(), LANGUAGES.len());
        for (i, language) in Language::ALL.into_iter().enumerate() {
            assert_eq!(language as usize, i);
            assert_eq!(language.name(), LANGUAGES[i].0);
            assert_eq!(format!("{language:?}").to_lowercase(), language.name());
            assert!(Tokenizer::new(language.name()).is_some(), "{language}");
        }
    }

    #[test]
    fn names_parse_in_any_case_and_unknown_ones_are_refused() {
        assert_eq!("German".parse(), Ok(Language::German));
        assert_eq!("english".parse(), Ok(Language::English));
        assert_eq!(Language::default(), Language::English);
        let refused = "klingon".parse::<Language>().unwrap_err();
        assert!(
            refused
                .to_string()
                .starts_with("`klingon` is not supported; use one of arabic, danish"),
            "{refused}"
        );
    }
}
