//! Fact conflicts inside a matched pair: the two passages say the same thing but disagree on a
//! number, a name's spelling, a title, a date, a negation, who said or decided it, or how firm
//! it is (agreed vs only open to it).
//!
//! Precision matters more than recall: a flag must be worth a reader's attention. So each rule
//! needs evidence on both sides (a number against a number, a name against a similar name) and,
//! where the pair is aligned word by word, the disagreement must sit in the same changed stretch.
//! When a reading can be squared with the other (a hedged "more than $1 million" against
//! "$1.1 million", an unqualified "ambassador" against "former ambassador" when the passage
//! places the post in the past in words), it is not flagged.

use super::tokens::{is_negation, number_norm, Token};
use crate::model::{Conflict, ConflictKind};
use similar::DiffOp;

/// One side of a pair: its text and words.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    /// The passage text the token spans point into.
    pub text: &'a str,
    /// Its words.
    pub tokens: &'a [Token],
}

impl Side<'_> {
    fn surface(&self, i: usize) -> &str {
        &self.text[self.tokens[i].start..self.tokens[i].end]
    }
    fn span(&self, from: usize, to: usize) -> &str {
        &self.text[self.tokens[from].start..self.tokens[to - 1].end]
    }
    fn norm(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.norm.as_str())
    }
    /// The text between word `i` and the next one.
    fn gap(&self, i: usize) -> &str {
        match self.tokens.get(i + 1) {
            Some(next) => &self.text[self.tokens[i].end..next.start],
            None => "",
        }
    }
    /// Word `i` and the next are one phrase: nothing but spaces, a hyphen or an abbreviation's
    /// dot between them ("former U.S. President", "ex-president", "Gov. Perry").
    fn joined(&self, i: usize) -> bool {
        self.gap(i)
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '.' | '-' | '\u{2010}' | '\u{2011}'))
    }
    /// Whether the words `pattern` start at word `i`.
    fn phrase_at(&self, i: usize, pattern: &[&str]) -> bool {
        pattern
            .iter()
            .enumerate()
            .all(|(k, w)| self.tokens.get(i + k).is_some_and(|t| t.norm == *w))
    }
    /// Every content word capitalised, as in a headline: capitals then say nothing about
    /// names.
    fn title_case(&self) -> bool {
        let mut words = self
            .tokens
            .iter()
            .filter(|t| !t.stop && t.number.is_none())
            .map(|t| {
                self.text[t.start..t.end]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
            })
            .peekable();
        words.peek().is_some() && self.tokens.len() >= 4 && words.all(|upper| upper)
    }
}

/// Finds the conflicts between `a` and `b`; `ops` is their word alignment (a = old, b = new);
/// `aligned` says whether the pair is close enough in wording for hunk-level rules.
pub fn find(a: Side, b: Side, ops: &[DiffOp], aligned: bool) -> Vec<Conflict> {
    let mut out = Vec::new();
    numbers(a, b, ops, aligned, &mut out);
    dates(a, b, aligned, &mut out);
    names(a, b, &mut out);
    titles(a, b, &mut out);
    negation(a, b, ops, aligned, &mut out);
    attribution(a, b, &mut out);
    modality(a, b, ops, aligned, &mut out);
    let mut seen = std::collections::HashSet::new();
    out.retain(|c| seen.insert((c.kind, c.a.to_lowercase(), c.b.to_lowercase())));
    out
}

fn push(out: &mut Vec<Conflict>, kind: ConflictKind, a: &str, b: &str) {
    out.push(Conflict {
        kind,
        a: a.to_string(),
        b: b.to_string(),
    });
}

/// A year is a date, not a count.
fn is_year(v: f64) -> bool {
    (1800.0..=2100.0).contains(&v) && v.fract() == 0.0
}

/// Vague quantity words and the range they stand for.
fn vague_quantity(norm: &str) -> Option<(f64, f64)> {
    match norm {
        "one" | "a" | "an" | "single" => Some((1.0, 1.0)),
        "couple" => Some((2.0, 2.0)),
        "several" | "few" => Some((2.0, 9.0)),
        "dozens" => Some((24.0, 99.0)),
        "scores" => Some((40.0, 99.0)),
        "hundreds" => Some((200.0, 999.0)),
        "thousands" => Some((2000.0, 9999.0)),
        "millions" => Some((2e6, 9.99e8)),
        _ => None,
    }
}

/// How far a hedged figure may sit from what it hedges ("about 200" / "220").
const HEDGE_SLACK: f64 = 0.15;

/// Words before a number that make it approximate or a bound, and which way.
const HEDGES: &[(&[&str], Hedge)] = &[
    (&["more", "than"], Hedge::Above),
    (&["over"], Hedge::Above),
    (&["at", "least"], Hedge::Above),
    (&["upwards", "of"], Hedge::Above),
    (&["above"], Hedge::Above),
    (&["in", "excess", "of"], Hedge::Above),
    (&["less", "than"], Hedge::Below),
    (&["fewer", "than"], Hedge::Below),
    (&["nearly"], Hedge::Below),
    (&["almost"], Hedge::Below),
    (&["under"], Hedge::Below),
    (&["below"], Hedge::Below),
    (&["up", "to"], Hedge::Below),
    (&["about"], Hedge::About),
    (&["around"], Hedge::About),
    (&["roughly"], Hedge::About),
    (&["approximately"], Hedge::About),
    (&["some"], Hedge::About),
    (&["estimated"], Hedge::About),
    (&["close", "to"], Hedge::About),
];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Hedge {
    Above,
    Below,
    About,
}

/// The hedge right before word `i` ("more than $1 million"), if any.
fn hedge_before(s: Side, i: usize) -> Option<Hedge> {
    HEDGES.iter().find_map(|(words, hedge)| {
        let from = i.checked_sub(words.len())?;
        let currency = |k: usize| {
            s.gap(k)
                .trim()
                .chars()
                .all(|c| matches!(c, '$' | '£' | '€' | '¥'))
        };
        (s.phrase_at(from, words) && (from..i).all(|k| s.joined(k) || currency(k)))
            .then_some(*hedge)
    })
}

/// The range a figure stands for: exact, or widened by its hedge.
fn quantity_at(s: Side, i: usize) -> Option<(f64, f64)> {
    let t = &s.tokens[i];
    let (lo, hi) = match t.number {
        Some(v) if !is_year(v) => (v, v),
        Some(_) => return None,
        None => vague_quantity(&t.norm).filter(|_| !matches!(t.norm.as_str(), "a" | "an"))?,
    };
    Some(widen((lo, hi), hedge_before(s, i)))
}

fn widen((lo, hi): (f64, f64), hedge: Option<Hedge>) -> (f64, f64) {
    match hedge {
        None => (lo, hi),
        Some(Hedge::Above) => (lo * (1.0 - HEDGE_SLACK), f64::INFINITY),
        Some(Hedge::Below) => (f64::NEG_INFINITY, hi * (1.0 + HEDGE_SLACK)),
        Some(Hedge::About) => (lo * (1.0 - HEDGE_SLACK), hi * (1.0 + HEDGE_SLACK)),
    }
}

/// Two figures at words `i` and `j` that cannot both be right. The same bound on both sides
/// ("at least 14" / "at least 41") compares the figures themselves.
fn figures_disagree(a: Side, i: usize, b: Side, j: usize) -> bool {
    let (Some(x), Some(y)) = (quantity_at(a, i), quantity_at(b, j)) else {
        return false;
    };
    match (hedge_before(a, i), hedge_before(b, j)) {
        (Some(h), Some(k)) if h == k && h != Hedge::About => {
            let exact = |s: Side, i: usize| {
                let t = &s.tokens[i];
                t.number.map(|v| (v, v)).or_else(|| vague_quantity(&t.norm))
            };
            match (exact(a, i), exact(b, j)) {
                (Some(u), Some(v)) => incompatible(u, v),
                _ => false,
            }
        }
        _ => incompatible(x, y),
    }
}

fn disjoint((a0, a1): (f64, f64), (b0, b1): (f64, f64)) -> bool {
    a1 < b0 - 1e-9 || b1 < a0 - 1e-9
}

/// Significant digits of a value as written in digits: `1049000` has 4, `5587.75` has 6.
fn significant_digits(v: f64) -> usize {
    let text = format!("{}", v.abs());
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_start_matches('0');
    let digits = if text.contains('.') {
        digits
    } else {
        digits.trim_end_matches('0')
    };
    digits.len().max(1)
}

/// One figure is the other rounded ("1,049,000" / "1 million", "$5,587.75" / "$5,600"): the
/// precise one has at least three significant digits and two more than the round one.
fn rounded(x: f64, y: f64) -> bool {
    let (precise, round) = if significant_digits(x) >= significant_digits(y) {
        (x, y)
    } else {
        (y, x)
    };
    let (sp, sr) = (significant_digits(precise), significant_digits(round));
    if sp < 3 || sp < sr + 2 || round == 0.0 {
        return false;
    }
    let scale = 10f64.powi(round.abs().log10().floor() as i32 + 1 - sr as i32);
    ((precise / scale).round() * scale - round).abs() < 1e-6 * round.abs().max(1.0)
}

/// Two readings that cannot both be right.
fn incompatible(x: (f64, f64), y: (f64, f64)) -> bool {
    let exact = |(lo, hi): (f64, f64)| (lo == hi).then_some(lo);
    if let (Some(u), Some(v)) = (exact(x), exact(y)) {
        if rounded(u, v) {
            return false;
        }
    }
    disjoint(x, y)
}

fn numbers(a: Side, b: Side, ops: &[DiffOp], aligned: bool, out: &mut Vec<Conflict>) {
    if aligned {
        // In a near-verbatim pair, a quantity replaced by another quantity in the same changed
        // stretch is a disagreement ("14 injured" / "41 injured", "dozens" / "one").
        for op in ops {
            if let DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } = *op
            {
                let qa = (old_index..old_index + old_len).find(|&i| quantity_at(a, i).is_some());
                let qb = (new_index..new_index + new_len).find(|&j| quantity_at(b, j).is_some());
                if let (Some(i), Some(j)) = (qa, qb) {
                    if figures_disagree(a, i, b, j) {
                        push(out, ConflictKind::Number, a.surface(i), b.surface(j));
                    }
                }
            }
        }
        return;
    }
    // Otherwise only numbers in digits or words count, and only one unmatched on each side:
    // then they can only be readings of the same figure.
    let values = |s: Side| -> Vec<(usize, f64)> {
        s.tokens
            .iter()
            .enumerate()
            .filter_map(|(i, t)| t.number.filter(|v| !is_year(*v)).map(|v| (i, v)))
            .collect()
    };
    let (va, vb) = (values(a), values(b));
    let only = |xs: &[(usize, f64)], ys: &[(usize, f64)]| -> Vec<usize> {
        xs.iter()
            .filter(|(_, x)| !ys.iter().any(|(_, y)| (x - y).abs() < 1e-9))
            .map(|(i, _)| *i)
            .collect()
    };
    let (oa, ob) = (only(&va, &vb), only(&vb, &va));
    // Figures are paired up by exact value, so that a loose reading of one cannot leave
    // another alone; the pair left over is then judged with its hedges and rounding, and must
    // count the same thing: a word in common near both ("14 people" / "41 people", not
    // "the two-week mark" / "the first in 22 days").
    if oa.len() == 1
        && ob.len() == 1
        && figures_disagree(a, oa[0], b, ob[0])
        && around(a, oa[0])
            .iter()
            .any(|w| around(b, ob[0]).contains(w))
    {
        push(
            out,
            ConflictKind::Number,
            a.surface(oa[0]),
            b.surface(ob[0]),
        );
    }
}

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Content stems within four words of word `i`, itself left out.
fn around<'a>(s: Side<'a>, i: usize) -> Vec<&'a str> {
    (i.saturating_sub(4)..(i + 5).min(s.tokens.len()))
        .filter(|&k| k != i && !s.tokens[k].stop)
        .map(|k| s.tokens[k].stem.as_str())
        .collect()
}

fn dates(a: Side, b: Side, aligned: bool, out: &mut Vec<Conflict>) {
    type Pick = fn(&Token) -> Option<String>;
    let weekday: Pick = |t| {
        WEEKDAYS
            .contains(&t.norm.as_str())
            .then(|| t.norm.to_string())
    };
    // "May" opening a sentence is as likely the verb; months count only as names.
    let month: Pick = |t| (t.name && MONTHS.contains(&t.norm.as_str())).then(|| t.norm.to_string());
    let year: Pick = |t| {
        t.number
            .filter(|v| is_year(*v))
            .map(|v| number_norm(v).to_string())
    };
    // "officials said Tuesday": the day it was said, which outlets report differently.
    let reported = |s: Side, i: usize| {
        let k = if i > 0 && s.norm(i - 1) == "on" {
            i - 1
        } else {
            i
        };
        k > 0 && SPEECH_VERBS.contains(&s.norm(k - 1))
    };
    for (n, pick) in [weekday, month, year].into_iter().enumerate() {
        let found = |s: Side| -> Vec<(usize, String)> {
            s.tokens
                .iter()
                .enumerate()
                .filter(|&(i, _)| n != 0 || !reported(s, i))
                .filter_map(|(i, t)| pick(t).map(|v| (i, v)))
                .collect()
        };
        let (fa, fb) = (found(a), found(b));
        if fa.is_empty() || fb.is_empty() || fa.iter().any(|(_, x)| fb.iter().any(|(_, y)| x == y))
        {
            continue;
        }
        // In a reworded pair the two dates must be about the same thing: a word in common
        // near them ("voted on Thursday" / "Friday's vote" does not count, "Hutchinson on
        // Wednesday urged" / "signed the act on Thursday" is two events).
        let (i, j) = (fa[0].0, fb[0].0);
        if !aligned {
            let near_b = around(b, j);
            if !around(a, i).iter().any(|w| near_b.contains(w)) {
                continue;
            }
        }
        push(out, ConflictKind::Date, a.surface(i), b.surface(j));
    }
}

/// Edit distance on chars where swapping two neighbours counts as one edit ("Preibus" /
/// "Priebus"), for spellings of one name: the optimal string alignment distance.
fn edit_distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

/// British and American spellings of one word ("Organisation" / "Organization", "Centre" /
/// "Center", "Labour" / "Labor") are not a disagreement about a name.
fn spelling_convention(x: &str, y: &str) -> bool {
    let fold = |w: &str| {
        w.replace('z', "s")
            .replace("our", "or")
            .replace("tre", "ter")
    };
    fold(x) == fold(y)
}

/// One word inflected ("Democrats" / "Democrat", "Obamas" / "Obama") or made an adjective
/// ("Russia" / "Russian", "Iraq" / "Iraqi", "Islam" / "Islamic"): the same name.
fn inflection(x: &str, y: &str) -> bool {
    let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
    long.strip_prefix(short).is_some_and(|rest| {
        matches!(rest, "s" | "es" | "'s" | "'" | "i" | "ic")
            || (rest == "n" && short.ends_with('a'))
    })
}

/// All capitals ("ASEAN"): an acronym is no spelling of a word ("Asian").
fn acronym(surface: &str) -> bool {
    surface.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && surface
            .chars()
            .all(|c| !c.is_alphabetic() || c.is_uppercase())
}

fn is_calendar_word(norm: &str) -> bool {
    WEEKDAYS.contains(&norm) || MONTHS.contains(&norm)
}

/// The words of a side that are names: capitalised inside a sentence, long enough to be told
/// apart, not a weekday or month. In a headline in title case every word is capitalised, so
/// none counts.
fn name_words(s: Side) -> Vec<usize> {
    if s.title_case() {
        return Vec::new();
    }
    (0..s.tokens.len())
        .filter(|&i| {
            let t = &s.tokens[i];
            t.name
                && !t.stop
                && t.number.is_none()
                && t.norm.chars().count() >= 4
                && t.norm.chars().all(char::is_alphabetic)
                && s.surface(i).chars().next().is_some_and(char::is_uppercase)
                && !is_calendar_word(&t.norm)
        })
        .collect()
}

fn names(a: Side, b: Side, out: &mut Vec<Conflict>) {
    let (na, nb) = (name_words(a), name_words(b));
    for &i in &na {
        let x = &a.tokens[i].norm;
        if nb.iter().any(|&j| b.tokens[j].norm == x) {
            continue;
        }
        // Two spellings of one name: close in letters, same start, and the other spelling
        // missing from this side. A swap of two letters counts as one edit ("Preibus" /
        // "Priebus"); otherwise the first three letters must agree.
        let close = nb.iter().copied().find(|&j| {
            let y = &b.tokens[j].norm;
            let longest = x.chars().count().max(y.chars().count());
            let d = edit_distance(x, y);
            let same_start = if d == 1 {
                x.chars().next() == y.chars().next()
            } else {
                x.chars().take(3).eq(y.chars().take(3))
            };
            d > 0
                && d <= 2
                && d * 4 <= longest
                && same_start
                && !spelling_convention(x, y)
                && !inflection(x, y)
                && acronym(a.surface(i)) == acronym(b.surface(j))
                && a.tokens[i].stem != b.tokens[j].stem
                && !na.iter().any(|&k| a.tokens[k].norm == y)
                && !nb.iter().any(|&k| b.tokens[k].norm == x)
        });
        if let Some(j) = close {
            push(out, ConflictKind::Name, a.surface(i), b.surface(j));
        }
    }
}

/// Words that name an office or role; the last word of a title ("Attorney **General**").
/// Abbreviations are read as the word they stand for (see [`title_word`]).
const TITLES: &[&str] = &[
    "president",
    "minister",
    "secretary",
    "senator",
    "governor",
    "mayor",
    "chancellor",
    "premier",
    "ambassador",
    "chief",
    "director",
    "chairman",
    "chairwoman",
    "chair",
    "commissioner",
    "inspector",
    "general",
    "king",
    "queen",
    "prince",
    "leader",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ceo",
    "cfo",
    "coo",
    "judge",
    "envoy",
    "representative",
    "congressman",
    "congresswoman",
    "speaker",
];

/// A title word, abbreviations spelled out ("Gov." is "governor").
fn title_word(norm: &str) -> Option<&'static str> {
    let full = match norm {
        "gov" => "governor",
        "sen" => "senator",
        "rep" => "representative",
        "gen" => "general",
        "pres" => "president",
        "amb" => "ambassador",
        other => other,
    };
    static SET: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::LazyLock::new(|| TITLES.iter().copied().collect());
    SET.get(full).copied()
}

/// Words that make one title of the words after them ("**attorney** general", "**prime**
/// minister", "**foreign** minister", "**secretary** general").
const TITLE_COMPOUNDS: &[&str] = &[
    "attorney",
    "prime",
    "chief",
    "foreign",
    "defense",
    "defence",
    "interior",
    "finance",
    "treasury",
    "press",
    "majority",
    "minority",
    "surgeon",
    "inspector",
    "secretary",
    "director",
    "executive",
    "solicitor",
    "crown",
    "general",
    "police",
    "fire",
    "state",
];

/// Words that give a rank within an office ("**Deputy** Mayor").
const TITLE_RANKS: &[&str] = &["deputy", "vice", "assistant", "associate"];

/// When a title holds, said by a word before it.
const TITLE_TIMES: &[(&str, Tense)] = &[
    ("former", Tense::Past),
    ("ex", Tense::Past),
    ("onetime", Tense::Past),
    ("erstwhile", Tense::Past),
    ("late", Tense::Late),
    ("acting", Tense::Acting),
    ("interim", Tense::Acting),
    ("outgoing", Tense::Outgoing),
    ("incoming", Tense::Incoming),
    ("elect", Tense::Incoming),
    ("designate", Tense::Incoming),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tense {
    Past,
    Late,
    Acting,
    Outgoing,
    Incoming,
}

/// A title as used in a side: what the office is (its words from [`TITLE_COMPOUNDS`] and the
/// title word, lower case: "attorney general"), its rank ("deputy"), when it holds ("former"),
/// the text from the first of those words to the title, and who holds it (the name right after
/// it, if any).
struct Titled {
    office: String,
    head: &'static str,
    rank: Option<String>,
    tense: Option<Tense>,
    text: String,
    holder: Option<String>,
    /// The holder's last name.
    surname: Option<String>,
    /// Where the title starts, for words nearby.
    from: usize,
}

/// The titles of a side. A title word followed by another ("Inspector General") is read with
/// it as one title.
fn titled(s: Side) -> Vec<Titled> {
    let mut out = Vec::new();
    for i in 0..s.tokens.len() {
        let Some(head) = title_word(&s.tokens[i].norm) else {
            continue;
        };
        if s.joined(i)
            && s.tokens
                .get(i + 1)
                .is_some_and(|t| title_word(&t.norm).is_some())
        {
            continue;
        }
        let mut office = vec![head.to_string()];
        let mut rank = None;
        let mut tense = None;
        let mut from = i;
        // Look back over the office's words, its rank and up to four name words ("former New
        // York City Mayor"), stopping at punctuation.
        let mut names = 0;
        let mut k = i;
        while k > 0 && s.joined(k - 1) {
            k -= 1;
            let w = s.tokens[k].norm.as_str();
            if let Some((_, t)) = TITLE_TIMES.iter().find(|(word, _)| *word == w) {
                tense = Some(*t);
                from = k;
                break;
            }
            if rank.is_none() && names == 0 && TITLE_RANKS.contains(&w) {
                rank = Some(w.to_string());
                from = k;
            } else if rank.is_none() && names == 0 && TITLE_COMPOUNDS.contains(&w) {
                office.insert(0, w.to_string());
                from = k;
            } else if s.tokens[k].name && names < 4 {
                names += 1;
            } else {
                break;
            }
        }
        // "President-elect".
        let mut after = i + 1;
        if s.joined(i) && s.gap(i).contains('-') {
            if let Some((_, t)) = TITLE_TIMES.iter().find(|(w, _)| *w == s.norm(i + 1)) {
                tense = Some(*t);
                after = i + 2;
            }
        }
        let mut holder = Vec::new();
        let mut j = after;
        while j < s.tokens.len() && s.tokens[j].name && s.joined(j - 1) {
            holder.push(s.tokens[j].norm.to_string());
            j += 1;
        }
        out.push(Titled {
            office: office.join(" "),
            head,
            rank,
            tense,
            text: s.span(from, after).to_string(),
            surname: holder.last().cloned(),
            holder: (!holder.is_empty()).then(|| holder.join(" ")),
            from,
        });
    }
    out
}

/// Words that place an office in the past without "former": "ambassador in the Bush
/// administration", "who served as", "under President Bush", "then-ambassador", "the director
/// at the time", "last year". Any of them in the passage will do: they only ever keep a flag
/// back.
fn past_in_words(s: Side, title: &Titled) -> bool {
    let n = s.tokens.len();
    (0..n).any(|i| {
        let w = s.norm(i);
        matches!(
            w,
            "then"
                | "once"
                | "onetime"
                | "erstwhile"
                | "formerly"
                | "previously"
                | "served"
                | "administration"
                | "tenure"
                | "deposed"
                | "ousted"
                | "toppled"
                | "retired"
                | "ex"
        ) || (w == "under" && s.tokens.get(i + 1).is_some_and(|t| t.name))
            || s.phrase_at(i, &["at", "the", "time"])
            || s.phrase_at(i, &["last", "year"])
            || s.phrase_at(i, &["back", "then"])
            || w == "ago"
            || (s.surface(i).eq_ignore_ascii_case("one")
                && s.gap(i).contains('-')
                && s.norm(i + 1) == "time")
            || (matches!(w, "was" | "were") && i < title.from && title.from - i <= 3)
    })
}

/// Offices one person holds one at a time in a news story (a chairman may also be CEO, a
/// leader is also a senator; "general", "chief" or "leader" go with many offices).
const EXCLUSIVE_OFFICES: &[&str] = &[
    "ceo",
    "cfo",
    "coo",
    "president",
    "chairman",
    "chairwoman",
    "chair",
    "senator",
    "governor",
    "mayor",
    "representative",
    "congressman",
    "congresswoman",
    "secretary",
    "minister",
    "ambassador",
    "king",
    "queen",
    "prince",
    "chancellor",
    "premier",
    "judge",
];

/// Two offices that cannot both be a person's present title in one statement.
fn exclusive(x: &str, y: &str) -> bool {
    let chair = |t: &str| matches!(t, "chairman" | "chairwoman" | "chair");
    let executive = |t: &str| matches!(t, "ceo" | "president");
    x != y
        && EXCLUSIVE_OFFICES.contains(&x)
        && EXCLUSIVE_OFFICES.contains(&y)
        && !(chair(x) && executive(y) || chair(y) && executive(x))
}

fn titles(a: Side, b: Side, out: &mut Vec<Conflict>) {
    let (ta, tb) = (titled(a), titled(b));
    for x in &ta {
        // The same office for the same person, or the only use of that office on each side.
        let alone = |list: &[Titled]| list.iter().filter(|t| t.office == x.office).count() == 1;
        let counterpart = tb.iter().find(|y| {
            y.office == x.office
                && match (&x.surname, &y.surname) {
                    (Some(h), Some(k)) => h == k,
                    _ => alone(&ta) && alone(&tb),
                }
        });
        let Some(y) = counterpart else { continue };
        // Only a title of a named person: "the attorney general's office" is no person.
        if x.surname.is_none() || y.surname.is_none() {
            continue;
        }
        if x.rank != y.rank {
            push(out, ConflictKind::Title, &x.text, &y.text);
            continue;
        }
        if x.tense == y.tense {
            continue;
        }
        // "former ambassador" / "ambassador in the Bush administration": both in the past.
        let past = |t: &Titled, s: Side| {
            t.tense == Some(Tense::Past) || (t.tense.is_none() && past_in_words(s, t))
        };
        if past(x, a) && past(y, b) {
            continue;
        }
        push(out, ConflictKind::Title, &x.text, &y.text);
    }
    // One person, two offices ("Acme CEO John Smith" / "Acme president John Smith"): only for
    // a full name, offices not commonly held together, and neither side naming the other's.
    for x in ta.iter().filter(|t| t.tense.is_none() && t.rank.is_none()) {
        let Some(holder) = x.holder.as_deref().filter(|h| h.contains(' ')) else {
            continue;
        };
        let same_holder = |list: &[Titled]| -> Vec<String> {
            list.iter()
                .filter(|t| t.holder.as_deref() == Some(holder))
                .map(|t| t.office.clone())
                .collect()
        };
        let (offices_a, offices_b) = (same_holder(&ta), same_holder(&tb));
        if offices_a.iter().any(|o| offices_b.contains(o)) {
            continue;
        }
        let Some(y) = tb.iter().find(|y| {
            y.holder.as_deref() == Some(holder)
                && y.tense.is_none()
                && y.rank.is_none()
                && exclusive(x.head, y.head)
        }) else {
            continue;
        };
        let mentions =
            |s: Side, head: &str| s.tokens.iter().any(|t| title_word(&t.norm) == Some(head));
        if mentions(a, y.head) || mentions(b, x.head) {
            continue;
        }
        push(out, ConflictKind::Title, &x.text, &y.text);
    }
}

fn negation(a: Side, b: Side, ops: &[DiffOp], aligned: bool, out: &mut Vec<Conflict>) {
    let count = |s: Side| s.tokens.iter().filter(|t| is_negation(&t.norm)).count();
    if count(a) % 2 == count(b) % 2 || !aligned {
        return;
    }
    // Show the negation with its neighbours, and the same stretch on the other side.
    for op in ops {
        let (tag, old, new) = op.as_tag_tuple();
        if tag == similar::DiffTag::Equal {
            continue;
        }
        let neg_a = old.clone().find(|&i| is_negation(&a.tokens[i].norm));
        let neg_b = new.clone().find(|&j| is_negation(&b.tokens[j].norm));
        if neg_a.is_none() && neg_b.is_none() {
            continue;
        }
        // Only a local edit ("had been" / "had not been") in otherwise aligned text reverses a
        // statement; a negation inside a reworded stretch says something else altogether.
        if old.len() > 2 || new.len() > 2 {
            return;
        }
        let context = |s: Side, range: std::ops::Range<usize>| -> String {
            let from = range.start.saturating_sub(1);
            let to = (range.end + 1).min(s.tokens.len());
            if from >= to {
                return String::new();
            }
            s.span(from, to).to_string()
        };
        push(
            out,
            ConflictKind::Negation,
            &context(a, old),
            &context(b, new),
        );
        return;
    }
}

const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "according",
    "announced",
    "stated",
    "claimed",
    "confirmed",
    "added",
    "insisted",
    "warned",
    "wrote",
    "tweeted",
];

/// Verbs of deciding or doing something on one's authority: who did it is a fact of the
/// statement ("Trump set a Monday deadline" / "Putin set a Monday deadline"). Past forms only:
/// "demands", "orders" or "signs" are as often nouns ("American demands").
const DECISION_VERBS: &[&str] = &[
    "set",
    "decided",
    "ordered",
    "signed",
    "approved",
    "rejected",
    "proposed",
    "demanded",
    "imposed",
    "fired",
    "appointed",
    "nominated",
    "vetoed",
    "launched",
];

/// A name word that can be an actor: a name, not a title word. A capitalised word after
/// "Mr." or an initial ("Thomas J. Reese") counts although the tokenizer reads the dot as a
/// sentence end.
fn actor_word(s: Side, k: usize) -> bool {
    let Some(t) = s.tokens.get(k) else {
        return false;
    };
    let after_abbreviation = k > 0
        && (matches!(s.norm(k - 1), "mr" | "mrs" | "ms" | "dr")
            || s.norm(k - 1).chars().count() == 1)
        && s.joined(k - 1)
        && !t.stop
        && s.surface(k).chars().next().is_some_and(char::is_uppercase);
    (t.name || after_abbreviation) && title_word(&t.norm).is_none()
}

/// A title word written as part of a name ("Police **Inspector** Søren Dahl", "Gov. Perry").
fn title_in_name(s: Side, k: usize) -> bool {
    s.tokens
        .get(k)
        .is_some_and(|t| t.name && title_word(&t.norm).is_some())
}

/// The actor written right before word `i` ("Police Inspector Søren Dahl told"): the last
/// word of the name, with nothing but spaces between it and the verb.
fn actor_before(s: Side, i: usize) -> Option<String> {
    let mut k = i;
    while k > 0 && s.joined(k - 1) && (actor_word(s, k - 1) || title_in_name(s, k - 1)) {
        k -= 1;
    }
    (k..i)
        .rev()
        .find(|&j| actor_word(s, j) && s.norm(j).chars().count() > 1)
        .map(|j| s.tokens[j].norm.to_string())
}

/// The actor written right after word `i` ("said Gov. Perry", "according to Moe").
fn actor_after(s: Side, i: usize) -> Option<String> {
    let mut j = i + 1;
    if s.norm(j) == "to" && s.norm(i) == "according" {
        j += 1;
    }
    if matches!(s.norm(j), "mr" | "mrs" | "ms" | "dr") {
        j += 1;
    }
    let mut last = None;
    while j < s.tokens.len() && s.joined(j - 1) && (actor_word(s, j) || title_in_name(s, j)) {
        if actor_word(s, j) && s.norm(j).chars().count() > 1 {
            last = Some(s.tokens[j].norm.to_string());
        }
        // "according to BitDefender's Web site": the owner speaks.
        if s.surface(j).ends_with("'s") || s.surface(j).ends_with("’s") {
            break;
        }
        j += 1;
    }
    last
}

/// Who speaks in a side: the name next to a speech verb ("Dahl said", "according to Moe"),
/// or after it when the verb follows a quote or comma ("…,” said Police Inspector Søren Dahl";
/// in "Trump said Mattis was leaving" Mattis is no speaker, and in "told Vieira" the name is
/// who was told).
fn speakers(s: Side) -> Vec<String> {
    (0..s.tokens.len())
        .filter(|&i| SPEECH_VERBS.contains(&s.norm(i)))
        .filter_map(|i| {
            let inverted = s.norm(i) == "according"
                || (matches!(s.norm(i), "said" | "says" | "added" | "wrote")
                    && i > 0
                    && s.gap(i - 1)
                        .contains([',', '"', '”', '“', '\'', '’', '—', '-', '(', ')']));
            actor_before(s, i).or_else(|| inverted.then(|| actor_after(s, i)).flatten())
        })
        .collect()
}

/// Who decided what in a side: (the verb's stem, the actor right before it or after "by",
/// the content stems of what was decided).
fn deciders(s: Side) -> Vec<(String, String, Vec<String>)> {
    let mut out = Vec::new();
    for i in 0..s.tokens.len() {
        if !DECISION_VERBS.contains(&s.norm(i)) || s.tokens[i].name {
            continue;
        }
        let passive = s.norm(i + 1) == "by";
        // A capitalised word opening the passage is the subject too ("Trump set a deadline").
        let opening = || {
            (i == 1
                && !s.tokens[0].stop
                && s.tokens[0].number.is_none()
                && title_word(&s.tokens[0].norm).is_none()
                && s.surface(0).chars().next().is_some_and(char::is_uppercase)
                && s.joined(0))
            .then(|| s.tokens[0].norm.to_string())
        };
        let actor = if passive {
            actor_after(s, i + 1)
        } else {
            actor_before(s, i).or_else(opening)
        };
        let Some(actor) = actor else { continue };
        // What was decided: the content words of the object ("a Monday deadline"), or of the
        // subject of a passive ("the budget cuts were ordered by").
        let content = |k: usize| s.tokens.get(k).is_some_and(|t| !t.stop && t.norm != actor);
        let object: Vec<String> = if passive {
            (i.saturating_sub(4)..i)
                .filter(|&k| content(k))
                .map(|k| s.tokens[k].stem.to_string())
                .collect()
        } else {
            let Some(first) = (i + 1..i + 4).find(|&k| content(k)) else {
                continue;
            };
            let mut end = first + 1;
            while content(end) && s.joined(end - 1) {
                end += 1;
            }
            (first..end).map(|k| s.tokens[k].stem.to_string()).collect()
        };
        out.push((s.tokens[i].stem.to_string(), actor, object));
    }
    out
}

/// Different names that may be spellings of one: a name conflict, not another person.
fn same_person(x: &str, y: &str) -> bool {
    edit_distance(x, y) <= 2
}

fn attribution(a: Side, b: Side, out: &mut Vec<Conflict>) {
    let shown = |s: Side, who: &str| -> String {
        s.tokens
            .iter()
            .position(|t| t.norm == who)
            .map_or_else(|| who.to_string(), |i| s.surface(i).to_string())
    };
    // Someone the other side names at all may be its speaker's counterpart in another role
    // ("Ryan claimed" / "our problem with Ryan," said Reese): no conflict then.
    let named = |s: Side, who: &str| s.tokens.iter().any(|t| t.norm == who);
    let (sa, sb) = (speakers(a), speakers(b));
    if !sa.is_empty()
        && !sb.is_empty()
        && !sa.iter().any(|x| sb.iter().any(|y| same_person(x, y)))
        && !sa.iter().any(|x| named(b, x))
        && !sb.iter().any(|y| named(a, y))
    {
        push(
            out,
            ConflictKind::Attribution,
            &shown(a, &sa[0]),
            &shown(b, &sb[0]),
        );
        return;
    }
    // The same decision about the same thing, taken by someone else.
    let (da, db) = (deciders(a), deciders(b));
    for (verb, x, object) in &da {
        let other = db.iter().find(|(v, y, o)| {
            v == verb
                && !same_person(x, y)
                && !named(a, y)
                && !named(b, x)
                && object.iter().any(|w| o.contains(w))
                && !da
                    .iter()
                    .any(|(v2, x2, _)| v2 == verb && same_person(x2, y))
                && !db
                    .iter()
                    .any(|(v2, y2, _)| v2 == verb && same_person(x, y2))
        });
        if let Some((_, y, _)) = other {
            push(out, ConflictKind::Attribution, &shown(a, x), &shown(b, y));
            return;
        }
    }
}

/// Firm statements: it happens, was agreed, is confirmed, has been decided.
const FIRM: &[&[&str]] = &[
    &["has", "decided", "to"],
    &["have", "decided", "to"],
    &["decided", "to"],
    &["agreed", "to"],
    &["agrees", "to"],
    &["agreed"],
    &["agrees"],
    &["confirmed"],
    &["confirms"],
    &["will"],
];

/// Hedged statements: it may happen, is only considered, is reported or expected.
const HEDGED: &[&[&str]] = &[
    &["will", "likely"],
    &["will", "probably"],
    &["will", "possibly"],
    &["will", "reportedly"],
    &["likely", "will"],
    &["probably", "will"],
    &["possibly", "will"],
    &["reportedly", "will"],
    &["according", "to", "reports"],
    &["is", "said", "to"],
    &["are", "said", "to"],
    &["was", "said", "to"],
    &["were", "said", "to"],
    &["is", "expected", "to"],
    &["are", "expected", "to"],
    &["was", "expected", "to"],
    &["were", "expected", "to"],
    &["is", "likely", "to"],
    &["are", "likely", "to"],
    &["openness", "to"],
    &["open", "to"],
    &["reportedly"],
    &["allegedly"],
    &["considering"],
    &["weighing"],
    &["mulling"],
    &["may"],
    &["might"],
    &["could"],
];

/// A firm or hedged form in a side: its words and whether it is firm.
#[derive(Debug, Clone, Copy)]
struct Mood {
    from: usize,
    to: usize,
    firm: bool,
}

fn moods(s: Side) -> Vec<Mood> {
    // Asked of every word of every strong link: most words open no form at all.
    static OPENERS: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::LazyLock::new(|| FIRM.iter().chain(HEDGED).map(|p| p[0]).collect());
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.tokens.len() {
        if !OPENERS.contains(s.tokens[i].norm.as_str()) {
            i += 1;
            continue;
        }
        let found = FIRM
            .iter()
            .map(|p| (p, true))
            .chain(HEDGED.iter().map(|p| (p, false)))
            .filter(|(p, _)| s.phrase_at(i, p))
            .filter(|(p, _)| (i..i + p.len() - 1).all(|k| s.joined(k)))
            .max_by_key(|(p, _)| p.len());
        match found {
            // "May" as the month ("May 5", "in May").
            Some((p, _)) if p[0] == "may" && s.tokens[i].name => i += 1,
            Some((p, firm)) => {
                out.push(Mood {
                    from: i,
                    to: i + p.len(),
                    firm,
                });
                i += p.len();
            }
            None => i += 1,
        }
    }
    out
}

/// What a firm or hedged form is about: the first content word within three words after it
/// ("will **sign**", "open to **talks**").
fn predicate<'a>(s: Side<'a>, m: Mood) -> Option<&'a str> {
    s.tokens[m.to..]
        .iter()
        .take(3)
        .find(|t| !t.stop && t.number.is_none())
        .filter(|t| !t.name)
        .map(|t| t.stem.as_str())
}

/// The form with the word it governs, for display.
fn mood_text<'a>(s: Side<'a>, m: Mood) -> &'a str {
    let to = (m.to..s.tokens.len().min(m.to + 3))
        .find(|&k| !s.tokens[k].stop)
        .map_or(m.to, |k| k + 1);
    &s.text[s.tokens[m.from].start..s.tokens[to - 1].end]
}

fn modality(a: Side, b: Side, ops: &[DiffOp], aligned: bool, out: &mut Vec<Conflict>) {
    let (ma, mb) = (moods(a), moods(b));
    if ma.is_empty() || mb.is_empty() {
        return;
    }
    let overlaps = |m: &Mood, r: &std::ops::Range<usize>| m.from < r.end && r.start < m.to;
    if aligned {
        // "will sign" / "may sign": a firm form replaced by a hedged one in a short changed
        // stretch of an otherwise aligned pair.
        for op in ops {
            let (tag, old, new) = op.as_tag_tuple();
            if tag != similar::DiffTag::Replace || old.len() > 4 || new.len() > 4 {
                continue;
            }
            let in_a: Vec<&Mood> = ma.iter().filter(|m| overlaps(m, &old)).collect();
            let in_b: Vec<&Mood> = mb.iter().filter(|m| overlaps(m, &new)).collect();
            let all = |v: &[&Mood], firm: bool| !v.is_empty() && v.iter().all(|m| m.firm == firm);
            if (all(&in_a, true) && all(&in_b, false)) || (all(&in_a, false) && all(&in_b, true)) {
                push(
                    out,
                    ConflictKind::Modality,
                    mood_text(a, *in_a[0]),
                    mood_text(b, *in_b[0]),
                );
                return;
            }
        }
    }
    // Otherwise a firm form on one side and a hedged one on the other about the same thing
    // ("agreed to talks" / "open to talks"), neither side having the other's form for it.
    let about = |s: Side, list: &[Mood], firm: bool, what: &str| {
        list.iter()
            .any(|m| m.firm == firm && predicate(s, *m) == Some(what))
    };
    for x in &ma {
        let Some(what) = predicate(a, *x) else {
            continue;
        };
        let Some(y) = mb
            .iter()
            .find(|y| y.firm != x.firm && predicate(b, **y) == Some(what))
        else {
            continue;
        };
        if about(a, &ma, y.firm, what) || about(b, &mb, x.firm, what) {
            continue;
        }
        push(
            out,
            ConflictKind::Modality,
            mood_text(a, *x),
            mood_text(b, *y),
        );
        return;
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokens::Tokenizer;
    use super::*;
    use similar::{capture_diff_slices, Algorithm};

    fn conflicts(x: &str, y: &str) -> Vec<(ConflictKind, String, String)> {
        let t = Tokenizer::new("english").unwrap();
        let (ta, tb) = (t.tokens(x), t.tokens(y));
        let wa: Vec<&str> = ta.iter().map(|t| t.norm.as_str()).collect();
        let wb: Vec<&str> = tb.iter().map(|t| t.norm.as_str()).collect();
        let ops = capture_diff_slices(Algorithm::Myers, &wa, &wb);
        find(
            Side {
                text: x,
                tokens: &ta,
            },
            Side {
                text: y,
                tokens: &tb,
            },
            &ops,
            true,
        )
        .into_iter()
        .map(|c| (c.kind, c.a, c.b))
        .collect()
    }

    /// As [`conflicts`] for a pair too reworded for hunk-level rules.
    fn loose(x: &str, y: &str) -> Vec<(ConflictKind, String, String)> {
        let t = Tokenizer::new("english").unwrap();
        let (ta, tb) = (t.tokens(x), t.tokens(y));
        let side = |text, tokens| Side { text, tokens };
        find(side(x, &ta), side(y, &tb), &[], false)
            .into_iter()
            .map(|c| (c.kind, c.a, c.b))
            .collect()
    }

    fn one(kind: ConflictKind, a: &str, b: &str) -> Vec<(ConflictKind, String, String)> {
        vec![(kind, a.to_string(), b.to_string())]
    }

    #[test]
    fn differing_numbers() {
        assert_eq!(
            conflicts(
                "At least 14 people were injured.",
                "At least 41 people were injured."
            ),
            one(ConflictKind::Number, "14", "41")
        );
        assert_eq!(
            conflicts(
                "A strike killed dozens of people.",
                "A strike killed one person."
            ),
            one(ConflictKind::Number, "dozens", "one")
        );
    }

    #[test]
    fn the_same_number_in_words_is_no_conflict() {
        assert!(conflicts("Fourteen people were hurt.", "14 people were hurt.").is_empty());
    }

    #[test]
    fn name_spellings() {
        assert_eq!(
            conflicts(
                "President Zelensky spoke on Friday.",
                "President Zelenskiy spoke on Friday."
            ),
            one(ConflictKind::Name, "Zelensky", "Zelenskiy")
        );
        assert!(conflicts(
            "The Shanghai Cooperation Organization met.",
            "The Shanghai Cooperation Organisation met."
        )
        .is_empty());
        // Inflections are not spellings: "Democrats" / "Democratic".
        assert!(conflicts("It targets Democrats.", "It targets Democratic candidates.").is_empty());
        // Different people are not a spelling conflict.
        assert!(conflicts("Rubio met Putin.", "Lavrov met Putin.").is_empty());
    }

    #[test]
    fn titles() {
        assert_eq!(
            conflicts(
                "He met former U.S. President Donald Trump in Alaska.",
                "He met US President Donald Trump in Alaska."
            ),
            one(ConflictKind::Title, "former U.S. President", "President")
        );
        assert!(conflicts("The Mayor spoke.", "The Mayor spoke again.").is_empty());
        assert_eq!(
            conflicts(
                "Russian President Vladimir Putin met US President Donald Trump.",
                "Russian President Vladimir Putin met former US President Donald Trump."
            ),
            one(ConflictKind::Title, "President", "former US President")
        );
    }

    #[test]
    fn dates_and_weekdays() {
        assert_eq!(
            conflicts(
                "The minister will visit on Wednesday.",
                "The minister will visit on Thursday."
            ),
            one(ConflictKind::Date, "Wednesday", "Thursday")
        );
        assert_eq!(
            conflicts("The bridge opened in 1974.", "The bridge opened in 1976."),
            one(ConflictKind::Date, "1974", "1976")
        );
    }

    #[test]
    fn negation() {
        assert_eq!(
            conflicts(
                "The bridge had been inspected last year.",
                "The bridge had not been inspected last year."
            ),
            one(ConflictKind::Negation, "had been", "had not been")
        );
        assert!(conflicts(
            "Police would not say whether Storm Ylva, which struck overnight, was to blame.",
            "Police said it was too early to say whether Storm Ylva, which struck overnight, was to blame."
        )
        .iter()
        .all(|c| c.0 != ConflictKind::Negation));
    }

    #[test]
    fn attribution() {
        assert_eq!(
            conflicts(
                "“We have not given up hope,” Police Inspector Søren Dahl told reporters.",
                "“We have not given up hope,” Fire Chief Lene Moe told reporters."
            ),
            one(ConflictKind::Attribution, "Dahl", "Moe")
        );
    }

    #[test]
    fn precise_sums_that_differ() {
        assert_eq!(
            conflicts(
                "The index closed at $5,587.75 on Monday.",
                "The index closed at $5,687.75 on Monday."
            ),
            one(ConflictKind::Number, "5,587.75", "5,687.75")
        );
    }

    #[test]
    fn hedged_and_rounded_numbers_agree() {
        assert!(conflicts(
            "The campaign raised $1.1 million last quarter.",
            "The campaign raised more than $1 million last quarter."
        )
        .is_empty());
        assert!(conflicts(
            "Nearly 500 people attended the rally.",
            "480 people attended the rally."
        )
        .is_empty());
        assert!(conflicts(
            "About 200 homes were flooded.",
            "Some 220 homes were flooded."
        )
        .is_empty());
        assert!(conflicts(
            "The city counted 1,049,000 visitors.",
            "The city counted 1 million visitors."
        )
        .is_empty());
        // A hedge only stretches so far, and only its own way.
        assert_eq!(
            conflicts(
                "More than 300 people were evacuated.",
                "200 people were evacuated."
            ),
            one(ConflictKind::Number, "300", "200")
        );
        assert_eq!(
            conflicts(
                "Nearly 500 people attended the rally.",
                "700 people attended the rally."
            ),
            one(ConflictKind::Number, "500", "700")
        );
        // Two round figures are two readings, not a rounding.
        assert_eq!(
            conflicts(
                "Trump asked for $5.7 billion for the wall.",
                "Trump asked for $5.6 billion for the wall."
            ),
            one(ConflictKind::Number, "5.7 billion", "5.6 billion")
        );
    }

    #[test]
    fn significant_digits_and_rounding() {
        assert_eq!(significant_digits(1_049_000.0), 4);
        assert_eq!(significant_digits(5587.75), 6);
        assert_eq!(significant_digits(1e6), 1);
        assert!(rounded(5587.75, 5600.0));
        assert!(!rounded(14.0, 10.0));
        assert!(!rounded(5587.75, 5687.75));
    }

    #[test]
    fn name_inflections_are_no_conflict() {
        assert!(conflicts(
            "Obama's plan was criticised by Republicans.",
            "The plan by Obama was criticized by Republicans."
        )
        .is_empty());
        assert!(conflicts(
            "The Democrats in the Senate voted no.",
            "The Democrat in the Senate voted no."
        )
        .is_empty());
        assert!(conflicts(
            "She works for the Organisation of Harbour Authorities.",
            "She works for the Organization of Harbor Authorities."
        )
        .is_empty());
        // A lower-case word is never a name, nor is a word in a title-case headline.
        assert!(conflicts("The senators kept talking.", "The senators kept walking.").is_empty());
        assert!(conflicts(
            "Senators Keep Pressure on Steele Over Remarks",
            "Senators Kept Pressure on Steele Over Remarks"
        )
        .iter()
        .all(|c| c.0 != ConflictKind::Name));
    }

    #[test]
    fn swapped_letters_are_a_misspelling() {
        assert_eq!(
            conflicts(
                "The move was announced by Reince Priebus on Monday.",
                "The move was announced by Reince Preibus on Monday."
            ),
            one(ConflictKind::Name, "Priebus", "Preibus")
        );
    }

    #[test]
    fn titles_placed_in_the_past_in_words() {
        assert!(conflicts(
            "Ryan Crocker, a former U.S. ambassador to Iraq, urged patience.",
            "Ryan Crocker, who was ambassador to Iraq in the Bush administration, urged patience."
        )
        .iter()
        .all(|c| c.0 != ConflictKind::Title));
        for past in [
            "Then-ambassador Ryan Crocker urged patience.",
            "Ryan Crocker, once ambassador to Iraq, urged patience.",
            "Ryan Crocker, who served as ambassador to Iraq, urged patience.",
            "Ryan Crocker, ambassador under President Bush, urged patience.",
        ] {
            assert!(
                conflicts("Former ambassador Ryan Crocker urged patience.", past)
                    .iter()
                    .all(|c| c.0 != ConflictKind::Title),
                "{past}"
            );
        }
        // Without such words the present title stands against "former".
        assert_eq!(
            conflicts(
                "Ambassador Ryan Crocker urged patience.",
                "Former ambassador Ryan Crocker urged patience."
            ),
            one(ConflictKind::Title, "Ambassador", "Former ambassador")
        );
    }

    #[test]
    fn words_before_a_title_that_are_not_its_time() {
        assert!(conflicts(
            "Once President Biden signs the bill, the strike ends.",
            "When President Biden signs the bill, the strike ends."
        )
        .is_empty());
        assert!(conflicts(
            "He met President Bush in 2003.",
            "He met President Bush in 2003 and then President Bush left."
        )
        .is_empty());
        assert!(conflicts(
            "Crocker, ambassador under President Bush, urged patience.",
            "Crocker urged patience, like President Bush."
        )
        .iter()
        .all(|c| c.0 != ConflictKind::Title));
    }

    #[test]
    fn titles_of_several_words() {
        assert!(conflicts(
            "The general Rod Rosenstein signed the order.",
            "Deputy Attorney General Rod Rosenstein signed the order."
        )
        .iter()
        .all(|c| c.0 != ConflictKind::Title));
        assert!(conflicts(
            "The deputy attorney general signed the order, the general said.",
            "Deputy Attorney General Rod Rosenstein signed the order, the general said."
        )
        .iter()
        .all(|c| c.0 != ConflictKind::Title));
        assert!(conflicts(
            "The attorney general spoke.",
            "The Attorney General spoke again."
        )
        .is_empty());
        assert_eq!(
            conflicts(
                "Attorney General Rod Rosenstein signed the order.",
                "Deputy Attorney General Rod Rosenstein signed the order."
            ),
            one(
                ConflictKind::Title,
                "Attorney General",
                "Deputy Attorney General"
            )
        );
    }

    #[test]
    fn one_person_two_offices() {
        assert_eq!(
            conflicts(
                "Acme CEO John Smith announced the merger.",
                "Acme president John Smith announced the merger."
            ),
            one(ConflictKind::Title, "CEO", "president")
        );
        // Offices held together, or another person, are no disagreement.
        assert!(conflicts(
            "Acme chairman John Smith announced the merger.",
            "Acme CEO John Smith announced the merger."
        )
        .is_empty());
        assert!(conflicts(
            "Acme CEO John Smith announced the merger.",
            "Acme president and CEO John Smith announced the merger."
        )
        .is_empty());
        assert!(conflicts(
            "Acme CEO John Smith announced the merger.",
            "Acme president Jane Smith announced the merger."
        )
        .iter()
        .all(|c| c.0 != ConflictKind::Title));
    }

    #[test]
    fn weekdays_against_dates() {
        assert_eq!(
            conflicts(
                "The senators voted on Thursday to end the strike.",
                "The senators voted on Friday to end the strike."
            ),
            one(ConflictKind::Date, "Thursday", "Friday")
        );
        assert!(conflicts(
            "The senators voted on Wednesday to end the strike.",
            "The senators voted on June 19 to end the strike."
        )
        .is_empty());
    }

    #[test]
    fn modality() {
        assert_eq!(
            conflicts(
                "Russia has agreed to a ceasefire in the region.",
                "Russia has shown openness to a ceasefire in the region."
            ),
            one(
                ConflictKind::Modality,
                "agreed to a ceasefire",
                "openness to a ceasefire"
            )
        );
        assert_eq!(
            conflicts(
                "The governor will sign the bill on Monday.",
                "The governor may sign the bill on Monday."
            ),
            one(ConflictKind::Modality, "will sign", "may sign")
        );
        assert_eq!(
            conflicts(
                "The company has decided to close the plant.",
                "The company is expected to close the plant."
            ),
            one(
                ConflictKind::Modality,
                "has decided to close",
                "is expected to close"
            )
        );
        assert_eq!(
            conflicts(
                "The club confirmed the striker signed a new contract.",
                "The striker reportedly signed a new contract."
            ),
            Vec::new(),
            "different predicates in a reworded pair: not flagged"
        );
        assert_eq!(
            conflicts(
                "The club confirmed the transfer of the striker.",
                "The club reportedly completed the transfer of the striker."
            ),
            one(
                ConflictKind::Modality,
                "confirmed the transfer",
                "reportedly completed"
            )
        );
    }

    #[test]
    fn modality_false_alarms() {
        // Reported speech moves "will" to "would": no change in firmness.
        assert!(conflicts(
            "He said he will sign the bill.",
            "He said he would sign the bill."
        )
        .is_empty());
        // The same hedge on both sides, or the month May.
        assert!(conflicts(
            "The talks may resume in May.",
            "The talks could resume in May."
        )
        .is_empty());
        assert!(conflicts(
            "The law will take effect in May.",
            "The law will take effect on May 5."
        )
        .iter()
        .all(|c| c.0 != ConflictKind::Modality));
        // Firm about one thing, hedged about another.
        assert!(conflicts(
            "Putin will travel to Alaska and may meet Trump.",
            "Putin may meet Trump and will travel to Alaska."
        )
        .is_empty());
    }

    #[test]
    fn who_set_or_decided_it() {
        assert_eq!(
            conflicts(
                "Trump set a Monday deadline for a deal.",
                "Putin set a Monday deadline for a deal."
            ),
            one(ConflictKind::Attribution, "Trump", "Putin")
        );
        assert_eq!(
            conflicts(
                "The budget cuts were ordered by Governor Hochul last week.",
                "Mayor Adams ordered the budget cuts last week."
            ),
            one(ConflictKind::Attribution, "Hochul", "Adams")
        );
        // The same actor, or different things decided.
        assert!(conflicts(
            "Trump set a Monday deadline for a deal.",
            "On Friday Trump set a Monday deadline for a deal."
        )
        .is_empty());
        assert!(conflicts(
            "Trump signed the bill on Friday.",
            "Putin signed a decree on Friday."
        )
        .iter()
        .all(|c| c.0 != ConflictKind::Attribution));
    }

    #[test]
    fn speakers_across_punctuation() {
        // The name before the quote's end is not the speaker.
        assert!(conflicts(
            "\"We will secure the border with Mexico,\" said Gov. Perry.",
            "\"We will secure the border with Mexico,\" Perry said in a statement."
        )
        .iter()
        .all(|c| c.0 != ConflictKind::Attribution));
        assert_eq!(
            conflicts(
                "\"The talks went well,\" Lavrov said.",
                "\"The talks went well,\" Rubio told reporters."
            ),
            one(ConflictKind::Attribution, "Lavrov", "Rubio")
        );
    }

    #[test]
    fn speaker_is_the_subject_not_the_listener_or_the_topic() {
        assert!(conflicts(
            "Donald Trump said Thursday he has doubts about the report.",
            "In an interview, Mr. Trump told Meredith Vieira that he had doubts about the report."
        )
        .iter()
        .all(|c| c.0 != ConflictKind::Attribution));
        assert!(conflicts(
            "Also on Thursday, Trump had said Mattis was leaving in February.",
            "President Donald Trump tweeted on Thursday that Mattis would be leaving in February."
        )
        .iter()
        .all(|c| c.0 != ConflictKind::Attribution));
        assert!(conflicts(
            "\"We will win,\" said Mr. Perry.",
            "\"We will win,\" Perry said."
        )
        .is_empty());
    }

    #[test]
    fn speakers_named_on_the_other_side_are_no_conflict() {
        assert_eq!(
            conflicts(
                "“His budget fails the poor,” said Father Thomas J. Reese, an organiser.",
                "“His budget fails the poor,” said Father Thomas J. Smith, an organiser."
            ),
            one(ConflictKind::Attribution, "Reese", "Smith")
        );
        assert!(conflicts(
            "“Our problem with Representative Ryan is his budget,” said Father Thomas J. Reese.",
            "Mr. Ryan claimed that his budget was consistent with Catholic teaching."
        )
        .iter()
        .all(|c| c.0 != ConflictKind::Attribution));
    }

    #[test]
    fn places_and_their_adjectives_are_one_name() {
        assert!(conflicts(
            "Families may sue the Saudi Arabian government.",
            "Families may sue the Saudi Arabia government."
        )
        .is_empty());
        assert!(conflicts(
            "He lied about his Russia contacts.",
            "He lied about his Russian contacts."
        )
        .is_empty());
    }

    #[test]
    fn titles_with_long_names_and_past_phrases() {
        assert!(conflicts(
            "Former New York City Mayor Michael Bloomberg endorsed Clinton.",
            "Michael Bloomberg, the former New York mayor, endorsed Clinton."
        )
        .is_empty());
        assert!(conflicts(
            "Then-FBI Director James Comey recommended no charges.",
            "The F.B.I. director at the time, James B. Comey, recommended no charges."
        )
        .iter()
        .all(|c| c.0 != ConflictKind::Title));
    }

    #[test]
    fn loose_pairs_pair_figures_by_value_first() {
        assert!(loose(
            "Acme shares were up 8 cents at $30.50 in morning trading.",
            "The stock rose 48 cents to $30 yesterday."
        )
        .is_empty());
        assert_eq!(
            loose(
                "The storm killed 14 people on the coast.",
                "On the coast, 41 people died in the storm."
            ),
            one(ConflictKind::Number, "14", "41")
        );
        assert!(loose(
            "The campaign raised $1.1 million, aides said.",
            "Aides said the campaign took in more than $1 million."
        )
        .is_empty());
    }

    #[test]
    fn loose_figures_need_a_shared_neighbour() {
        assert!(loose(
            "The shutdown closed in on the two-week mark with no end in sight.",
            "Leaders dug in after a meeting, the first in 22 days, broke up."
        )
        .is_empty());
    }

    #[test]
    fn false_alarms_seen_on_paraphrase_pairs() {
        // A hedge after "will" is still a hedge.
        assert!(conflicts(
            "The first devices are likely to be adapters costing $100.",
            "The first devices will likely be adapters costing $100."
        )
        .is_empty());
        // "then-President" and "President" both speak of the time of the event.
        assert!(conflicts(
            "Congress passed the bill, but President Bill Clinton vetoed it.",
            "Congress passed the bill, but then-President Clinton vetoed it."
        )
        .is_empty());
        // An office is no person.
        assert!(conflicts(
            "He worked in the Virginia attorney general's office.",
            "He served in Virginia as deputy attorney general."
        )
        .iter()
        .all(|c| c.0 != ConflictKind::Title));
        // An acronym is no spelling of a word.
        assert!(conflicts(
            "The Association of Southeast Asian Nations met in Hanoi.",
            "ASEAN met in Hanoi."
        )
        .iter()
        .all(|c| c.0 != ConflictKind::Name));
        // "demands" is a noun here, not a decision.
        assert!(conflicts(
            "The talks stalled over American demands that it stop.",
            "The talks stalled over U.S. demands that it stop."
        )
        .is_empty());
        // The day a thing was said is not the day it happened.
        assert!(conflicts(
            "Militants ambushed the convoy Saturday near the town, a spokesman said.",
            "Militants ambushed the convoy near the town, a spokesman said Sunday."
        )
        .is_empty());
    }

    #[test]
    fn dates_in_reworded_pairs_need_a_shared_neighbour() {
        assert_eq!(
            loose(
                "The Senate voted on Thursday to override the veto, a rare rebuke.",
                "In a rare rebuke, lawmakers voted Friday to override the veto."
            ),
            one(ConflictKind::Date, "Thursday", "Friday")
        );
        assert!(loose(
            "Governor Hutchinson on Wednesday urged lawmakers to change the bill.",
            "Hutchinson signed a revised version of the bill on Thursday."
        )
        .is_empty());
    }

    #[test]
    fn no_conflict_in_agreeing_text() {
        assert!(conflicts(
            "Putin met Trump in Alaska on Friday, officials said.",
            "Officials said Putin met Trump in Alaska on Friday."
        )
        .is_empty());
    }
}
