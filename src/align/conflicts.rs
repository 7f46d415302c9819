//! Fact conflicts inside a matched pair: the two passages say the same thing but disagree on a
//! number, a name's spelling, a title, a date, a negation or who said it.
//!
//! Precision matters more than recall: a flag must be worth a reader's attention. So each rule
//! needs evidence on both sides (a number against a number, a name against a similar name) and,
//! where the pair is aligned word by word, the disagreement must sit in the same changed stretch.

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
}

/// Finds the conflicts between `a` and `b`; `ops` is their word alignment (a = old, b = new);
/// `aligned` says whether the pair is close enough in wording for hunk-level rules.
pub fn find(a: Side, b: Side, ops: &[DiffOp], aligned: bool) -> Vec<Conflict> {
    let mut out = Vec::new();
    numbers(a, b, ops, aligned, &mut out);
    dates(a, b, &mut out);
    names(a, b, &mut out);
    titles(a, b, &mut out);
    negation(a, b, ops, aligned, &mut out);
    attribution(a, b, &mut out);
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

fn quantity(t: &Token) -> Option<(f64, f64)> {
    match t.number {
        Some(v) if !is_year(v) => Some((v, v)),
        Some(_) => None,
        None => vague_quantity(&t.norm).filter(|_| !matches!(t.norm.as_str(), "a" | "an")),
    }
}

fn disjoint((a0, a1): (f64, f64), (b0, b1): (f64, f64)) -> bool {
    a1 < b0 - 1e-9 || b1 < a0 - 1e-9
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
                let qa = (old_index..old_index + old_len)
                    .find_map(|i| quantity(&a.tokens[i]).map(|q| (i, q)));
                let qb = (new_index..new_index + new_len)
                    .find_map(|i| quantity(&b.tokens[i]).map(|q| (i, q)));
                if let (Some((i, x)), Some((j, y))) = (qa, qb) {
                    if disjoint(x, y) {
                        push(out, ConflictKind::Number, a.surface(i), b.surface(j));
                    }
                }
            }
        }
        return;
    }
    // Otherwise only exact numbers count, and only one unmatched on each side: then they
    // can only be readings of the same figure.
    let values = |s: Side| -> Vec<(usize, f64)> {
        s.tokens
            .iter()
            .enumerate()
            .filter_map(|(i, t)| t.number.filter(|v| !is_year(*v)).map(|v| (i, v)))
            .collect()
    };
    let (va, vb) = (values(a), values(b));
    let only = |xs: &[(usize, f64)], ys: &[(usize, f64)]| -> Vec<(usize, f64)> {
        xs.iter()
            .copied()
            .filter(|(_, x)| !ys.iter().any(|(_, y)| (x - y).abs() < 1e-9))
            .collect()
    };
    let (oa, ob) = (only(&va, &vb), only(&vb, &va));
    if oa.len() == 1 && ob.len() == 1 {
        push(
            out,
            ConflictKind::Number,
            a.surface(oa[0].0),
            b.surface(ob[0].0),
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

fn dates(a: Side, b: Side, out: &mut Vec<Conflict>) {
    type Pick = fn(&Token) -> Option<String>;
    let weekday: Pick = |t| WEEKDAYS.contains(&t.norm.as_str()).then(|| t.norm.clone());
    // "May" opening a sentence is as likely the verb; months count only as names.
    let month: Pick = |t| (t.name && MONTHS.contains(&t.norm.as_str())).then(|| t.norm.clone());
    let year: Pick = |t| t.number.filter(|v| is_year(*v)).map(number_norm);
    for pick in [weekday, month, year] {
        let found = |s: Side| -> Vec<(usize, String)> {
            s.tokens
                .iter()
                .enumerate()
                .filter_map(|(i, t)| pick(t).map(|v| (i, v)))
                .collect()
        };
        let (fa, fb) = (found(a), found(b));
        if fa.is_empty() || fb.is_empty() || fa.iter().any(|(_, x)| fb.iter().any(|(_, y)| x == y))
        {
            continue;
        }
        push(
            out,
            ConflictKind::Date,
            a.surface(fa[0].0),
            b.surface(fb[0].0),
        );
    }
}

/// Levenshtein distance on chars, for spellings of one name.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// British and American spellings of one word ("Organisation" / "Organization") are not a
/// disagreement about a name.
fn spelling_convention(x: &str, y: &str) -> bool {
    let fold = |w: &str| {
        w.replace('z', "s")
            .replace("our", "or")
            .replace("tre", "ter")
    };
    fold(x) == fold(y)
}

fn is_calendar_word(norm: &str) -> bool {
    WEEKDAYS.contains(&norm) || MONTHS.contains(&norm)
}

fn names(a: Side, b: Side, out: &mut Vec<Conflict>) {
    let names = |s: Side| -> Vec<usize> {
        (0..s.tokens.len())
            .filter(|&i| {
                let t = &s.tokens[i];
                t.name && t.norm.chars().count() >= 4 && !is_calendar_word(&t.norm)
            })
            .collect()
    };
    let (na, nb) = (names(a), names(b));
    for &i in &na {
        let x = &a.tokens[i].norm;
        if nb.iter().any(|&j| &b.tokens[j].norm == x) {
            continue;
        }
        // Two spellings of one name: close in letters, same start, and the other spelling
        // missing from this side.
        let close = nb.iter().copied().find(|&j| {
            let y = &b.tokens[j].norm;
            let longest = x.chars().count().max(y.chars().count());
            let d = edit_distance(x, y);
            d > 0
                && d <= 2
                && !spelling_convention(x, y)
                && a.tokens[i].stem != b.tokens[j].stem
                && d * 4 <= longest
                && x.chars().take(3).eq(y.chars().take(3))
                && !na.iter().any(|&k| &a.tokens[k].norm == y)
        });
        if let Some(j) = close {
            push(out, ConflictKind::Name, a.surface(i), b.surface(j));
        }
    }
}

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
    "prime",
    "king",
    "queen",
    "prince",
    "leader",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ceo",
    "judge",
    "envoy",
];
const TITLE_MODIFIERS: &[&str] = &[
    "former",
    "ex",
    "acting",
    "deputy",
    "late",
    "interim",
    "vice",
    "outgoing",
    "incoming",
    "elect",
    "assistant",
];

/// A title word as used in a side: the title, its modifier ("former"), the text from modifier
/// to title, and who holds it (the last word of the name right after it, if any).
struct Titled {
    title: String,
    modifier: Option<String>,
    text: String,
    holder: Option<String>,
}

/// The title words of a side.
fn titled(s: Side) -> Vec<Titled> {
    let mut out = Vec::new();
    for (i, t) in s.tokens.iter().enumerate() {
        if !TITLES.contains(&t.norm.as_str()) {
            continue;
        }
        // Look back over up to two name words ("former U.S. President").
        let mut modifier = None;
        let mut from = i;
        for back in 1..=3 {
            let Some(k) = i.checked_sub(back) else { break };
            let w = &s.tokens[k];
            if TITLE_MODIFIERS.contains(&w.norm.as_str()) {
                modifier = Some(w.norm.clone());
                from = k;
                break;
            }
            if !w.name {
                break;
            }
        }
        let holder = s.tokens[i + 1..]
            .iter()
            .take_while(|w| w.name)
            .last()
            .map(|w| w.norm.clone());
        out.push(Titled {
            title: t.norm.clone(),
            modifier,
            text: s.span(from, i + 1).to_string(),
            holder,
        });
    }
    out
}

fn titles(a: Side, b: Side, out: &mut Vec<Conflict>) {
    let (ta, tb) = (titled(a), titled(b));
    for x in &ta {
        // The same title for the same person, or the only use of that title on each side.
        let alone = |list: &[Titled]| list.iter().filter(|t| t.title == x.title).count() == 1;
        let counterpart = tb.iter().find(|y| {
            y.title == x.title
                && match (&x.holder, &y.holder) {
                    (Some(h), Some(k)) => h == k,
                    _ => alone(&ta) && alone(&tb),
                }
        });
        if let Some(y) = counterpart {
            if x.modifier != y.modifier {
                push(out, ConflictKind::Title, &x.text, &y.text);
            }
        }
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

/// The name words next to a speech verb: "Dahl said", "said Police Inspector Søren Dahl",
/// "according to Moe".
fn speakers(s: Side) -> Vec<String> {
    let mut out = Vec::new();
    for (i, t) in s.tokens.iter().enumerate() {
        if !SPEECH_VERBS.contains(&t.norm.as_str()) {
            continue;
        }
        let name_at = |k: usize| {
            s.tokens
                .get(k)
                .is_some_and(|t| t.name && !TITLES.contains(&t.norm.as_str()))
        };
        let mut k = i;
        while k > 0
            && (name_at(k - 1)
                || s.tokens
                    .get(k - 1)
                    .is_some_and(|t| TITLES.contains(&t.norm.as_str()) && t.name))
        {
            k -= 1;
        }
        let before: Vec<String> = (k..i)
            .filter(|&j| name_at(j))
            .map(|j| s.tokens[j].norm.clone())
            .collect();
        let mut after = Vec::new();
        let mut j = i + 1;
        if t.norm == "according" && s.tokens.get(j).is_some_and(|t| t.norm == "to") {
            j += 1;
        }
        while j < s.tokens.len()
            && (name_at(j) || (s.tokens[j].name && TITLES.contains(&s.tokens[j].norm.as_str())))
        {
            if name_at(j) {
                after.push(s.tokens[j].norm.clone());
            }
            j += 1;
        }
        let run = if before.is_empty() { after } else { before };
        if let Some(last) = run.last() {
            out.push(last.clone());
        }
    }
    out
}

fn attribution(a: Side, b: Side, out: &mut Vec<Conflict>) {
    let (sa, sb) = (speakers(a), speakers(b));
    if sa.is_empty() || sb.is_empty() || sa.iter().any(|x| sb.contains(x)) {
        return;
    }
    // A spelling variant is a name conflict, not another speaker.
    if sa
        .iter()
        .any(|x| sb.iter().any(|y| edit_distance(x, y) <= 2))
    {
        return;
    }
    let shown = |s: Side, who: &str| -> String {
        s.tokens
            .iter()
            .position(|t| t.norm == who)
            .map_or_else(|| who.to_string(), |i| s.surface(i).to_string())
    };
    push(
        out,
        ConflictKind::Attribution,
        &shown(a, &sa[0]),
        &shown(b, &sb[0]),
    );
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
    fn no_conflict_in_agreeing_text() {
        assert!(conflicts(
            "Putin met Trump in Alaska on Friday, officials said.",
            "Officials said Putin met Trump in Alaska on Friday."
        )
        .is_empty());
    }
}
