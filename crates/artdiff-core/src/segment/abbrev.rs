//! Data for the sentence splitter: abbreviations and the words that usually start a sentence.
//!
//! A full stop after an abbreviation is not a sentence end, with one refinement:
//!
//! * [`TITLES`] come before a name, a number or an example ("Mr. Steele", "No. 10",
//!   "e.g. Google"): a full stop after them never ends a sentence.
//! * [`OTHERS`] usually sit inside a sentence but can end one ("the U.S. President" /
//!   "talks in the U.S. The next day"): the full stop ends the sentence only when the next word
//!   is one of [`STARTERS`].
//!
//! Dotted acronyms not listed here ("N.H.", "S.C.") are treated like [`OTHERS`]; single
//! capital initials ("George W. Bush", "J. D. Vance") likewise, and never before another
//! initial.
//!
//! "etc." is deliberately absent: it mostly ends a sentence when a capital follows.
//!
//! Entries are matched case-sensitively; an entry that starts in lower case also matches with a
//! capital first letter ("E.g.", "Vs.").

/// A full stop after one of these never ends a sentence.
#[rustfmt::skip]
pub const TITLES: &[&str] = &[
    // People
    "Mr.", "Mrs.", "Ms.", "Mx.", "Messrs.", "Mmes.", "Dr.", "Prof.", "Rev.", "Fr.", "Hon.",
    "Pres.", "Sen.", "Rep.", "Gov.", "Amb.", "Atty.", "Supt.", "Insp.", "Det.", "Sec.",
    // Military ranks
    "Gen.", "Lt.", "Col.", "Maj.", "Capt.", "Cmdr.", "Adm.", "Sgt.", "Cpl.", "Pvt.", "Brig.",
    // Places before a name
    "Mt.", "Ft.",
    // Before a number, a name or an example
    "No.", "Nos.", "Nr.", "vs.", "v.", "cf.", "e.g.", "i.e.", "viz.", "approx.", "ca.", "Fig.",
    "Figs.", "fig.", "Vol.", "vol.", "Ch.", "ch.", "pp.", "Art.", "para.", "N°.", "Nº.",
];

/// A full stop after one of these ends a sentence only before a [`STARTERS`] word.
#[rustfmt::skip]
pub const OTHERS: &[&str] = &[
    // Countries and bodies
    "U.S.", "U.K.", "U.N.", "E.U.", "U.S.A.", "D.C.",
    // Companies and names
    "Inc.", "Corp.", "Ltd.", "Co.", "Cos.", "Bros.", "Plc.", "Jr.", "Sr.", "Assn.", "Dept.",
    "Univ.", "Govt.", "Ph.D.", "al.", "est.", "Est.",
    // Addresses
    "St.", "Ave.", "Rd.", "Blvd.", "Sq.",
    // Months and days
    "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.",
    "Dec.", "Mon.", "Tue.", "Tues.", "Wed.", "Thu.", "Thur.", "Thurs.", "Fri.", "Sat.", "Sun.",
    // Times and units
    "a.m.", "p.m.", "min.", "hr.", "hrs.", "yr.", "yrs.", "oz.", "lb.", "lbs.", "ft.",
    // U.S. states as newspapers abbreviate them ("Sen. Jim DeMint, R-S.C.")
    "Ala.", "Ariz.", "Ark.", "Calif.", "Colo.", "Conn.", "Del.", "Fla.", "Ga.", "Ill.", "Ind.",
    "Kan.", "Ky.", "La.", "Md.", "Mass.", "Mich.", "Minn.", "Miss.", "Mo.", "Mont.", "Neb.",
    "Nev.", "Okla.", "Ore.", "Pa.", "Tenn.", "Tex.", "Va.", "Vt.", "Wash.", "Wis.", "Wyo.",
];

/// Words that usually begin a sentence: after an [`OTHERS`] abbreviation or an initial, a full
/// stop followed by one of these ends the sentence.
#[rustfmt::skip]
pub const STARTERS: &[&str] = &[
    "A", "About", "According", "After", "Again", "Also", "Although", "Among", "An", "And",
    "Another", "Any", "Are", "As", "Asked", "At", "Because", "Before", "Besides", "Both", "But",
    "By", "Can", "Could", "Despite", "Did", "Do", "Does", "During", "Each", "Earlier", "Either",
    "Even", "Every", "Everyone", "Everything", "Few", "For", "From", "Further", "Furthermore",
    "He", "Hence", "Her", "Here", "Him", "His", "How", "However", "I", "If", "In", "Indeed",
    "Instead", "Is", "It", "Its", "Last", "Later", "Let", "Like", "Many", "Meanwhile", "More",
    "Moreover", "Most", "Much", "My", "Neither", "Nevertheless", "Next", "No", "Nobody", "None",
    "Nor", "Not", "Nothing", "Now", "Of", "On", "Once", "One", "Only", "Or", "Other",
    "Otherwise", "Our", "Over", "Overall", "Perhaps", "Please", "Same", "Several", "She",
    "Shortly", "Should", "Since", "So", "Some", "Sometimes", "Still", "Such", "That", "The",
    "Their", "Them", "Then", "There", "Therefore", "These", "They", "This", "Those", "Though",
    "Thus", "To", "Today", "Tomorrow", "Two", "Under", "Unlike", "Until", "Upon", "Was", "We",
    "Were", "What", "Whatever", "When", "Where", "Whether", "Which", "While", "Who", "Why",
    "Will", "With", "Within", "Without", "Would", "Yesterday", "Yet", "You", "Your",
];

/// How a full stop after a token behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Abbrev {
    /// Never ends a sentence.
    Title,
    /// Ends a sentence only before a starter word.
    Other,
    /// A single capital initial: like `Other`, and never before another initial.
    Initial,
}

/// Classifies `token`, the word before a full stop, full stop included ("U.S.", "Mr.", "W.").
pub fn classify(token: &str) -> Option<Abbrev> {
    use std::collections::HashMap;
    use std::sync::OnceLock;
    static TABLE: OnceLock<HashMap<&'static str, Abbrev>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = HashMap::new();
        for a in OTHERS {
            t.insert(*a, Abbrev::Other);
        }
        for a in TITLES {
            t.insert(*a, Abbrev::Title);
        }
        t
    });
    if let Some(kind) = table.get(token) {
        return Some(*kind);
    }
    // "E.g." / "Vs." at the start of a sentence.
    let mut chars = token.chars();
    let first = chars.next()?;
    if first.is_uppercase() {
        let lowered: String = first.to_lowercase().chain(chars.clone()).collect();
        if let Some(kind) = table.get(lowered.as_str()) {
            return Some(*kind);
        }
    }
    let body = token.strip_suffix('.')?;
    let mut body_chars = body.chars();
    if let (Some(c), None) = (body_chars.next(), body_chars.next()) {
        return (c.is_alphabetic() && c.is_uppercase()).then_some(Abbrev::Initial);
    }
    if is_dotted_acronym(token) {
        return Some(Abbrev::Other);
    }
    None
}

/// "N.H.", "S.C.", "a.m.": two or more single letters, each followed by a full stop.
fn is_dotted_acronym(token: &str) -> bool {
    let mut letters = 0;
    let mut chars = token.chars();
    loop {
        match (chars.next(), chars.next()) {
            (None, _) => return letters >= 2,
            (Some(c), Some('.')) if c.is_alphabetic() => letters += 1,
            _ => return false,
        }
    }
}

/// True when `word` (letters only, as written) usually begins a sentence.
pub fn is_starter(word: &str) -> bool {
    STARTERS.binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starters_are_sorted_for_binary_search() {
        let mut sorted = STARTERS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, STARTERS);
    }

    #[test]
    fn every_entry_ends_with_a_full_stop_and_is_listed_once() {
        let mut seen = std::collections::HashSet::new();
        for a in TITLES.iter().chain(OTHERS) {
            assert!(a.ends_with('.'), "{a}");
            assert!(seen.insert(*a), "{a} listed twice");
        }
    }

    #[test]
    fn classifies() {
        assert_eq!(classify("Mr."), Some(Abbrev::Title));
        assert_eq!(classify("e.g."), Some(Abbrev::Title));
        assert_eq!(classify("E.g."), Some(Abbrev::Title));
        assert_eq!(classify("U.S."), Some(Abbrev::Other));
        assert_eq!(classify("N.H."), Some(Abbrev::Other));
        assert_eq!(classify("W."), Some(Abbrev::Initial));
        assert_eq!(classify("Ž."), Some(Abbrev::Initial));
        assert_eq!(classify("w."), None);
        assert_eq!(classify("no."), None);
        assert_eq!(classify("war."), None);
        assert_eq!(classify("2019."), None);
        assert_eq!(classify("."), None);
        assert_eq!(classify(""), None);
    }
}
