//! Static word vectors: a table distilled from the sentence-transformers model
//! all-MiniLM-L6-v2 (Apache-2.0; see `assets/embeddings/NOTICE`) with model2vec, compiled
//! into the library, and similarity evidence between two passages built on it.
//!
//! The table (`assets/embeddings/words.bin`, made by `tools/embeddings/make_table.py`) holds
//! one int8 row of [`DIMS`] values per plain lower-case alphabetic word: the whole words of
//! BERT's WordPiece vocabulary plus common English words that it splits into pieces. It is
//! parsed once, on first use. A word is looked up by its lower-case form with accents removed
//! (`Café` → `cafe`); anything that is not then `[a-z]+` has no vector.
//!
//! ```
//! use artdiff::align::vectors;
//! let same = vectors::cosine("deadline", "Deadline").unwrap();
//! assert!(same > 0.999);
//! let e = vectors::evidence(&[("minister", 2.0), ("resigned", 3.0)], &[("minister", 2.0), ("quit", 3.0)]);
//! assert!(e.weighted_cosine > 0.5 && e.covered == 1.0);
//! ```
//!
//! File format (little-endian):
//!
//! ```text
//! magic   6 bytes "ADWV1\0"
//! dims    u32
//! rows    u32
//! vocab   rows × (u8 length, that many bytes [a-z]), sorted bytewise, unique
//! scales  rows × f32        value = int8 × scale
//! matrix  rows × dims × i8  row-major, in vocabulary order
//! ```

use std::borrow::Cow;
use std::sync::OnceLock;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Dimensions of a vector (the table's header is checked against it).
pub const DIMS: usize = 256;

static RAW: &[u8] = include_bytes!("../../assets/embeddings/words.bin");
const MAGIC: &[u8; 6] = b"ADWV1\0";

struct Table {
    /// Sorted bytewise, unique.
    words: Vec<&'static str>,
    /// One per row; the real value of row `i` is `matrix[i] × scales[i]`. Unused by the
    /// normalised vectors (a row's scale cancels out), kept for the raw magnitudes.
    scales: Vec<f32>,
    /// rows × DIMS bytes, each an i8.
    matrix: &'static [u8],
}

impl Table {
    fn index(&self, word: &str) -> Option<usize> {
        self.words.binary_search(&word).ok()
    }

    fn row(&self, i: usize) -> &'static [u8] {
        &self.matrix[i * DIMS..(i + 1) * DIMS]
    }
}

fn parse(raw: &'static [u8]) -> Result<Table, String> {
    fn take<'a>(raw: &'a [u8], at: &mut usize, n: usize) -> Result<&'a [u8], String> {
        let end = at
            .checked_add(n)
            .filter(|&end| end <= raw.len())
            .ok_or_else(|| format!("truncated at byte {at}"))?;
        let out = &raw[*at..end];
        *at = end;
        Ok(out)
    }
    fn u32_at(raw: &[u8], at: &mut usize) -> Result<usize, String> {
        let b = take(raw, at, 4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }

    let mut at = 0;
    if take(raw, &mut at, MAGIC.len())? != MAGIC {
        return Err("bad magic".into());
    }
    let dims = u32_at(raw, &mut at)?;
    if dims != DIMS {
        return Err(format!("table has {dims} dims, the code expects {DIMS}"));
    }
    let rows = u32_at(raw, &mut at)?;
    let mut words: Vec<&'static str> = Vec::with_capacity(rows);
    for _ in 0..rows {
        let len = take(raw, &mut at, 1)?[0] as usize;
        let bytes = take(raw, &mut at, len)?;
        if bytes.is_empty() || !bytes.iter().all(u8::is_ascii_lowercase) {
            return Err(format!("row {}: not a plain lower-case word", words.len()));
        }
        let word = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
        if words.last().is_some_and(|&last| last >= word) {
            return Err(format!("vocabulary not sorted or not unique at {word:?}"));
        }
        words.push(word);
    }
    let scales = take(raw, &mut at, rows * 4)?
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    let matrix = take(raw, &mut at, rows * DIMS)?;
    if at != raw.len() {
        return Err(format!("{} trailing bytes", raw.len() - at));
    }
    Ok(Table {
        words,
        scales,
        matrix,
    })
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| match parse(RAW) {
        Ok(table) => table,
        Err(e) => panic!("assets/embeddings/words.bin: {e}"),
    })
}

/// Number of words in the table (parses it on the first call).
pub fn rows() -> usize {
    table().words.len()
}

/// The table's key for a word: lower case, accents removed; `None` unless that is `[a-z]+`.
fn key(word: &str) -> Option<Cow<'_, str>> {
    if !word.is_empty() && word.len() <= 255 && word.bytes().all(|b| b.is_ascii_lowercase()) {
        return Some(Cow::Borrowed(word));
    }
    let folded: String = word
        .nfd()
        .filter(|&c| !is_combining_mark(c))
        .flat_map(char::to_lowercase)
        .collect();
    let plain =
        !folded.is_empty() && folded.len() <= 255 && folded.bytes().all(|b| b.is_ascii_lowercase());
    plain.then_some(Cow::Owned(folded))
}

fn row_index(word: &str) -> Option<usize> {
    table().index(&key(word)?)
}

/// The row as f32, L2-normalised (the per-row scale cancels out).
fn normalised(i: usize) -> Option<[f32; DIMS]> {
    let row = table().row(i);
    let mut v = [0f32; DIMS];
    let mut sq = 0f32;
    for (out, &b) in v.iter_mut().zip(row) {
        *out = f32::from(b as i8);
        sq += *out * *out;
    }
    if sq <= 0.0 {
        return None;
    }
    let inv = sq.sqrt().recip();
    v.iter_mut().for_each(|x| *x *= inv);
    Some(v)
}

/// The word's vector, L2-normalised, or `None` when the table has no row for it.
pub fn vector(word: &str) -> Option<[f32; DIMS]> {
    normalised(row_index(word)?)
}

/// The word's stored row (int8 values, as `i8`) and its scale: the raw vector is
/// `values[k] as f32 * scale`, not normalised.
pub fn raw(word: &str) -> Option<([i8; DIMS], f32)> {
    let t = table();
    let i = row_index(word)?;
    let mut values = [0i8; DIMS];
    for (out, &b) in values.iter_mut().zip(t.row(i)) {
        *out = b as i8;
    }
    Some((values, t.scales[i]))
}

fn dot(a: &[f32; DIMS], b: &[f32; DIMS]) -> f32 {
    // Eight independent sums so that the loop vectorises.
    let mut acc = [0f32; 8];
    for (ca, cb) in a.chunks_exact(8).zip(b.chunks_exact(8)) {
        for ((s, x), y) in acc.iter_mut().zip(ca).zip(cb) {
            *s += x * y;
        }
    }
    acc.iter().sum()
}

/// Cosine of two words' vectors, in [-1, 1]; `None` when either has no vector.
pub fn cosine(a: &str, b: &str) -> Option<f32> {
    let (va, vb) = (vector(a)?, vector(b)?);
    Some(dot(&va, &vb).clamp(-1.0, 1.0))
}

/// Similarity evidence between two passages given as (word, weight) lists. Every field is in
/// [0, 1], and `evidence(a, b) == evidence(b, a)`. Negative cosines count as 0.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Evidence {
    /// Cosine of the two weight-averaged (normalised) word vectors.
    pub weighted_cosine: f32,
    /// Soft containment from the side with less total weight (of the words that have a
    /// vector): the weighted mean over its words of each word's best cosine with any word of
    /// the other side. Equal weights: the larger of the two directions.
    pub soft_containment: f32,
    /// The smaller of the two directions' soft containment.
    pub soft_containment_min: f32,
    /// The larger of the two directions' soft containment.
    pub soft_containment_max: f32,
    /// Share of all the words given (both sides) that have a vector.
    pub covered: f32,
}

struct Side {
    vectors: Vec<[f32; DIMS]>,
    weights: Vec<f32>,
    total: f32,
}

fn side(words: &[(&str, f32)]) -> Side {
    let mut out = Side {
        vectors: Vec::with_capacity(words.len()),
        weights: Vec::with_capacity(words.len()),
        total: 0.0,
    };
    for &(word, weight) in words {
        if let Some(v) = vector(word) {
            let w = if weight.is_finite() {
                weight.max(0.0)
            } else {
                0.0
            };
            out.vectors.push(v);
            out.weights.push(w);
            out.total += w;
        }
    }
    out
}

/// Weighted mean over `from`'s words of the best (clamped) cosine with any of `to`'s words.
fn containment(from: &Side, to: &Side, sims: impl Fn(usize, usize) -> f32) -> f32 {
    if from.total <= 0.0 || to.vectors.is_empty() {
        return 0.0;
    }
    let sum: f32 = (0..from.vectors.len())
        .map(|i| {
            let best = (0..to.vectors.len())
                .map(|j| sims(i, j))
                .fold(0f32, f32::max);
            from.weights[i] * best
        })
        .sum();
    (sum / from.total).clamp(0.0, 1.0)
}

fn mean_vector(s: &Side) -> [f32; DIMS] {
    let mut m = [0f32; DIMS];
    for (v, &w) in s.vectors.iter().zip(&s.weights) {
        for (acc, x) in m.iter_mut().zip(v) {
            *acc += w * x;
        }
    }
    m
}

/// Similarity evidence between two passages' content words with their weights (IDF, say).
/// Words without a vector are skipped; negative or non-finite weights count as 0; an empty
/// side gives zeros (but for `covered`, which still counts the other side's words).
pub fn evidence(a: &[(&str, f32)], b: &[(&str, f32)]) -> Evidence {
    let given = a.len() + b.len();
    if given == 0 {
        return Evidence::default();
    }
    let (sa, sb) = (side(a), side(b));
    let covered = (sa.vectors.len() + sb.vectors.len()) as f32 / given as f32;
    if sa.total <= 0.0 || sb.total <= 0.0 {
        return Evidence {
            covered,
            ..Evidence::default()
        };
    }

    let (ma, mb) = (mean_vector(&sa), mean_vector(&sb));
    let norms = dot(&ma, &ma).sqrt() * dot(&mb, &mb).sqrt();
    let weighted_cosine = if norms > 0.0 {
        (dot(&ma, &mb) / norms).clamp(0.0, 1.0)
    } else {
        0.0
    };

    let m = sb.vectors.len();
    let sims: Vec<f32> = sa
        .vectors
        .iter()
        .flat_map(|va| sb.vectors.iter().map(move |vb| dot(va, vb).clamp(0.0, 1.0)))
        .collect();
    let a_in_b = containment(&sa, &sb, |i, j| sims[i * m + j]);
    let b_in_a = containment(&sb, &sa, |j, i| sims[i * m + j]);
    let lighter = if sa.total < sb.total {
        a_in_b
    } else if sb.total < sa.total {
        b_in_a
    } else {
        a_in_b.max(b_in_a)
    };
    Evidence {
        weighted_cosine,
        soft_containment: lighter,
        soft_containment_min: a_in_b.min(b_in_a),
        soft_containment_max: a_in_b.max(b_in_a),
        covered,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cos(a: &str, b: &str) -> f32 {
        cosine(a, b).unwrap_or_else(|| panic!("no vector for {a:?} or {b:?}"))
    }

    #[test]
    fn table_loads() {
        let t = parse(RAW).expect("valid table");
        assert_eq!(t.words.len(), rows());
        assert!(rows() > 20_000, "{} rows", rows());
        assert_eq!(t.scales.len(), rows());
        assert!(t.scales.iter().all(|s| s.is_finite() && *s > 0.0));
    }

    #[test]
    fn known_words_have_vectors() {
        for w in [
            "deadline",
            "minister",
            "police",
            "said",
            "money",
            "budget",
            "silent",
            "ceasefire",
            "lawmakers",
        ] {
            assert!(vector(w).is_some(), "{w}");
        }
        for w in [
            "",
            "##ing",
            "[CLS]",
            "covid19",
            "well-known",
            "don't",
            "x y",
        ] {
            assert!(vector(w).is_none(), "{w}");
        }
    }

    #[test]
    fn lookup_folds_case_and_accents() {
        assert_eq!(vector("Deadline"), vector("deadline"));
        assert_eq!(vector("DEADLINE"), vector("deadline"));
        assert_eq!(vector("café"), vector("cafe"));
        assert!(vector("cafe").is_some());
    }

    #[test]
    fn vectors_are_unit_length() {
        let v = vector("deadline").unwrap();
        let n = dot(&v, &v).sqrt();
        assert!((n - 1.0).abs() < 1e-5, "{n}");
        assert!((cos("deadline", "deadline") - 1.0).abs() < 1e-5);
    }

    #[test]
    fn raw_row_matches_vector() {
        let (values, scale) = raw("money").unwrap();
        assert!(scale > 0.0);
        let mut v = values.map(f32::from);
        let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        v.iter_mut().for_each(|x| *x /= n);
        let w = vector("money").unwrap();
        assert!(v.iter().zip(&w).all(|(x, y)| (x - y).abs() < 1e-6));
    }

    #[test]
    fn synonyms_are_closer_than_unrelated_words() {
        // (word, near, far): pairs checked against this table.
        for (w, near, far) in [
            ("mute", "silent", "budget"),
            ("cash", "money", "weather"),
            ("quit", "resign", "banana"),
            ("car", "vehicle", "poem"),
            ("killed", "dead", "tuesday"),
            ("ceasefire", "truce", "recipe"),
        ] {
            let (n, f) = (cos(w, near), cos(w, far));
            assert!(n > f, "{w}: {near} {n:.3} vs {far} {f:.3}");
        }
    }

    fn in_unit(x: f32) -> bool {
        (0.0..=1.0).contains(&x)
    }

    fn assert_close(x: &Evidence, y: &Evidence) {
        let pairs = [
            (x.weighted_cosine, y.weighted_cosine),
            (x.soft_containment, y.soft_containment),
            (x.soft_containment_min, y.soft_containment_min),
            (x.soft_containment_max, y.soft_containment_max),
            (x.covered, y.covered),
        ];
        for (p, q) in pairs {
            assert!((p - q).abs() < 1e-5, "{x:?} vs {y:?}");
        }
    }

    fn check(e: &Evidence) {
        for x in [
            e.weighted_cosine,
            e.soft_containment,
            e.soft_containment_min,
            e.soft_containment_max,
            e.covered,
        ] {
            assert!(in_unit(x), "{e:?}");
        }
        assert!(e.soft_containment_min <= e.soft_containment + 1e-6);
        assert!(e.soft_containment <= e.soft_containment_max + 1e-6);
    }

    const WIRE: &[(&str, f32)] = &[
        ("minister", 2.1),
        ("resigned", 3.0),
        ("tuesday", 1.2),
        ("scandal", 2.8),
        ("xyzzyq", 4.0),
    ];
    const POST: &[(&str, f32)] = &[
        ("minister", 2.1),
        ("quit", 2.9),
        ("scandal", 2.8),
        ("corruption", 3.1),
    ];
    const SPORT: &[(&str, f32)] = &[
        ("striker", 3.2),
        ("scored", 2.4),
        ("goal", 1.9),
        ("league", 2.0),
    ];

    #[test]
    fn evidence_is_symmetric_and_in_unit_range() {
        for (a, b) in [(WIRE, POST), (WIRE, SPORT), (POST, SPORT), (WIRE, WIRE)] {
            let (ab, ba) = (evidence(a, b), evidence(b, a));
            check(&ab);
            check(&ba);
            assert_close(&ab, &ba);
        }
    }

    #[test]
    fn evidence_ranks_paraphrase_above_unrelated() {
        let para = evidence(WIRE, POST);
        let other = evidence(WIRE, SPORT);
        assert!(
            para.weighted_cosine > other.weighted_cosine,
            "{para:?} {other:?}"
        );
        assert!(
            para.soft_containment > other.soft_containment,
            "{para:?} {other:?}"
        );
        assert!(para.soft_containment_min > other.soft_containment_min);
    }

    #[test]
    fn evidence_of_identical_lists_is_one() {
        let e = evidence(POST, POST);
        for x in [
            e.weighted_cosine,
            e.soft_containment,
            e.soft_containment_min,
            e.soft_containment_max,
            e.covered,
        ] {
            assert!((x - 1.0).abs() < 1e-5, "{e:?}");
        }
    }

    #[test]
    fn evidence_edge_cases() {
        assert_eq!(evidence(&[], &[]), Evidence::default());
        let one_side = evidence(POST, &[]);
        assert_eq!(one_side.weighted_cosine, 0.0);
        assert_eq!(one_side.soft_containment_max, 0.0);
        assert_eq!(one_side.covered, 1.0);
        let unknown = evidence(&[("xyzzyq", 1.0)], &[("qqqzzx", 1.0)]);
        assert_eq!(unknown, Evidence::default());
        // WIRE has 4 of 5 words in the table, POST all 4.
        assert!((evidence(WIRE, POST).covered - 8.0 / 9.0).abs() < 1e-6);
        // Zero, negative and NaN weights contribute nothing.
        let zero = evidence(&[("money", 0.0), ("cash", -1.0), ("coin", f32::NAN)], POST);
        assert_eq!(zero.weighted_cosine, 0.0);
        assert_eq!(zero.covered, 1.0);
        // The lighter side's direction: a single word fully contained in the other side.
        let e = evidence(&[("scandal", 1.0)], POST);
        assert!((e.soft_containment - 1.0).abs() < 1e-5, "{e:?}");
        assert!(e.soft_containment_min < 1.0);
    }

    /// Timings (run in release):
    /// `cargo test --release --lib align::vectors::tests::timings -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn timings() {
        use std::time::Instant;
        let start = Instant::now();
        let n = rows();
        let first = start.elapsed();
        let mut parses = Vec::new();
        for _ in 0..20 {
            let t = Instant::now();
            let table = parse(RAW).unwrap();
            parses.push(t.elapsed());
            assert_eq!(table.words.len(), n);
        }
        parses.sort();
        println!(
            "load: first use {first:?} ({n} rows, {} bytes); parse median {:?}, min {:?}",
            RAW.len(),
            parses[parses.len() / 2],
            parses[0]
        );

        let words: Vec<&str> = table().words.iter().step_by(97).copied().collect();
        let passage = |offset: usize, len: usize| -> Vec<(&str, f32)> {
            (0..len)
                .map(|k| (words[(offset + k * 7) % words.len()], 1.0 + (k % 5) as f32))
                .collect()
        };
        for len in [8, 15, 30] {
            let pairs: Vec<_> = (0..200)
                .map(|p| (passage(p * 31, len), passage(p * 17 + 5, len)))
                .collect();
            let t = Instant::now();
            let mut sink = 0.0;
            for (a, b) in &pairs {
                sink += evidence(a, b).weighted_cosine;
            }
            let per = t.elapsed() / pairs.len() as u32;
            println!("evidence: {len} × {len} words, {per:?} per pair (sum {sink:.2})");
        }
        println!("paraphrase {:?}", evidence(WIRE, POST));
        println!("unrelated  {:?}", evidence(WIRE, SPORT));
        let t = Instant::now();
        let mut found = 0;
        for w in &words {
            found += usize::from(vector(w).is_some());
        }
        println!(
            "vector(): {:?} per lookup ({found} found)",
            t.elapsed() / words.len() as u32
        );
    }
}
