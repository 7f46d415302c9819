//! Speed and memory of the analysis (load, segment, compare), on the shared evaluation data.
//!
//! ```text
//! cargo bench --bench analysis
//! ```
//!
//! - `seeds`: the five seed articles, the whole analysis (target < 10 ms);
//! - `scaling`: two articles built from `../shared/eval/large` at ¼, ½, 1 and 2 × 0.5 MB each;
//!   the last is the ≈1 MB pair (target < 1 s and < 150 MB peak: see the `max alloc` line of
//!   the allocation profiler), and 4× the input must cost ≤ 5× the time;
//! - `git_word_diff`: `git diff --no-index --word-diff` on the ≈1 MB pair, for the ratio.
//!
//! Every benchmark is skipped (reports nothing) when `../shared` is absent.

use artdiff::ingest::Loaded;
use artdiff::{analyse, Settings};
use std::path::{Path, PathBuf};

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    divan::main();
}

const SHARED: &str = "../shared";

fn read(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

fn seeds() -> Vec<Loaded> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(Path::new(SHARED).join("seeds"))
        .map(|dir| dir.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| Some(Loaded::from_text(&p.display().to_string(), &read(p)?)))
        .collect()
}

/// The outlet's large article cut or repeated to `factor` × its ≈0.5 MB base.
fn large(outlet: &str, factor: f64) -> Option<Loaded> {
    let base = read(&Path::new(SHARED).join("eval/large").join(outlet))?;
    let want = (500_000.0 * factor) as usize;
    let mut text = String::with_capacity(want + base.len());
    while text.len() < want {
        text.push_str(&base);
        text.push('\n');
    }
    let mut cut = want.min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text.truncate(cut);
    Some(Loaded::from_text(outlet, &text))
}

fn pair(factor: f64) -> Vec<Loaded> {
    ["nyt.txt", "hpo.txt"]
        .iter()
        .filter_map(|o| large(o, factor))
        .collect()
}

#[divan::bench(sample_count = 20)]
fn seeds_five_articles(bencher: divan::Bencher) {
    let articles = seeds();
    if articles.len() < 2 {
        return;
    }
    bencher
        .with_inputs(|| articles.clone())
        .bench_values(|a| analyse(a, &Settings::default()));
}

#[divan::bench(args = [0.25, 0.5, 1.0, 2.0], sample_count = 3, sample_size = 1)]
fn scaling(bencher: divan::Bencher, factor: f64) {
    let articles = pair(factor);
    if articles.len() < 2 {
        return;
    }
    bencher
        .with_inputs(|| articles.clone())
        .bench_values(|a| analyse(a, &Settings::default()));
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn git_word_diff_1mb(bencher: divan::Bencher) {
    let articles = pair(2.0);
    if articles.len() < 2 {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<PathBuf> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let p = dir.path().join(format!("{i}.txt"));
            std::fs::write(&p, &a.text).unwrap();
            p
        })
        .collect();
    bencher.bench(|| {
        std::process::Command::new("git")
            .args(["diff", "--no-index", "--word-diff"])
            .args(&paths)
            .output()
            .map(|o| o.stdout.len())
    });
}
