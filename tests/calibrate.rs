//! Fits the paraphrase model's weights on the MRPC training split and reports 5-fold
//! cross-validated accuracy. Not part of the normal test run (it needs ../shared/eval):
//!
//! ```text
//! cargo test --release --test calibrate -- --ignored --nocapture
//! ```
//!
//! It prints `WEIGHTS` for `src/align/features.rs` and the accuracy/F1 at the chosen threshold.

// Matrix code reads as the textbook formulas with explicit indices.
#![allow(clippy::needless_range_loop)]

use artdiff::align::features::{pair, probability, FEATURE_NAMES};
use artdiff::align::tokens::Tokenizer;
use std::path::Path;

const MRPC: &str = "../shared/eval/mrpc/train.tsv";
const L2: f64 = 1.0;

fn load() -> Option<Vec<(Vec<f64>, bool)>> {
    let text = std::fs::read_to_string(Path::new(MRPC)).ok()?;
    let tokenizer = Tokenizer::new("english").unwrap();
    Some(
        text.lines()
            .skip(1)
            .filter_map(|line| {
                let cols: Vec<&str> = line.split('\t').collect();
                if cols.len() < 5 {
                    return None;
                }
                let f = pair(&tokenizer, cols[3], cols[4]);
                Some((f.values.to_vec(), cols[0] == "1"))
            })
            .collect(),
    )
}

/// Solves `m x = v` by Gaussian elimination with partial pivoting.
fn solve(mut m: Vec<Vec<f64>>, mut v: Vec<f64>) -> Vec<f64> {
    let n = v.len();
    for col in 0..n {
        let pivot = (col..n)
            .max_by(|&a, &b| m[a][col].abs().total_cmp(&m[b][col].abs()))
            .unwrap();
        m.swap(col, pivot);
        v.swap(col, pivot);
        for row in col + 1..n {
            let factor = m[row][col] / m[col][col];
            for k in col..n {
                m[row][k] -= factor * m[col][k];
            }
            v[row] -= factor * v[col];
        }
    }
    let mut x = vec![0.0; n];
    for row in (0..n).rev() {
        let sum: f64 = (row + 1..n).map(|k| m[row][k] * x[k]).sum();
        x[row] = (v[row] - sum) / m[row][row];
    }
    x
}

/// Logistic regression by Newton's method (IRLS) with a small L2 penalty.
fn fit(rows: &[&(Vec<f64>, bool)]) -> Vec<f64> {
    let d = rows[0].0.len() + 1;
    let mut w = vec![0.0; d];
    for _ in 0..25 {
        let mut grad = vec![0.0; d];
        let mut hess = vec![vec![0.0; d]; d];
        for (x, y) in rows {
            let xs: Vec<f64> = std::iter::once(1.0).chain(x.iter().copied()).collect();
            let p = probability(x, &w);
            let r = p - f64::from(u8::from(*y));
            for i in 0..d {
                grad[i] += r * xs[i];
                for j in 0..d {
                    hess[i][j] += p * (1.0 - p) * xs[i] * xs[j];
                }
            }
        }
        for i in 1..d {
            grad[i] += L2 * w[i];
            hess[i][i] += L2;
        }
        let step = solve(hess, grad);
        for i in 0..d {
            w[i] -= step[i];
        }
    }
    w
}

fn scores(rows: &[&(Vec<f64>, bool)], w: &[f64], threshold: f64) -> (f64, f64) {
    let (mut tp, mut fp, mut tn, mut fneg) = (0.0, 0.0, 0.0, 0.0);
    for (x, y) in rows {
        match (probability(x, w) >= threshold, *y) {
            (true, true) => tp += 1.0,
            (true, false) => fp += 1.0,
            (false, false) => tn += 1.0,
            (false, true) => fneg += 1.0,
        }
    }
    let accuracy = (tp + tn) / rows.len() as f64;
    let f1 = 2.0 * tp / (2.0 * tp + fp + fneg);
    (accuracy, f1)
}

#[test]
#[ignore = "needs ../shared/eval; prints weights for src/align/features.rs"]
fn calibrate_paraphrase_model() {
    let Some(data) = load() else {
        eprintln!("skipped: {MRPC} not found");
        return;
    };
    let thresholds: Vec<f64> = (30..=70).map(|t| t as f64 / 100.0).collect();
    // 5-fold cross-validation: accuracy at each threshold, averaged over folds.
    let mut acc_at = vec![0.0; thresholds.len()];
    let mut f1_at = vec![0.0; thresholds.len()];
    for fold in 0..5 {
        let train: Vec<_> = data
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 5 != fold)
            .map(|(_, r)| r)
            .collect();
        let test: Vec<_> = data
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 5 == fold)
            .map(|(_, r)| r)
            .collect();
        let w = fit(&train);
        for (k, &t) in thresholds.iter().enumerate() {
            let (a, f) = scores(&test, &w, t);
            acc_at[k] += a / 5.0;
            f1_at[k] += f / 5.0;
        }
    }
    let best = (0..thresholds.len())
        .max_by(|&a, &b| acc_at[a].total_cmp(&acc_at[b]))
        .unwrap();
    let all: Vec<_> = data.iter().collect();
    let w = fit(&all);
    println!("features: {FEATURE_NAMES:?}");
    println!(
        "pub const WEIGHTS: [f64; {}] = {:?};",
        w.len(),
        w.iter()
            .map(|x| (x * 1e4).round() / 1e4)
            .collect::<Vec<_>>()
    );
    for (k, t) in thresholds.iter().enumerate().step_by(5) {
        println!(
            "cv threshold {t:.2}: accuracy {:.2}%  F1 {:.2}",
            acc_at[k] * 100.0,
            f1_at[k] * 100.0
        );
    }
    println!(
        "best cv threshold {:.2}: accuracy {:.2}%  F1 {:.2}",
        thresholds[best],
        acc_at[best] * 100.0,
        f1_at[best] * 100.0
    );
    assert!(
        acc_at[best] > 0.7,
        "the model should beat the majority baseline"
    );
}
