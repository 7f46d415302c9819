//! The JSON reports of the demo, the five seeds and the 20 news events, pinned by SHA-256;
//! and the same whether the engine details every link or only the matched ones.
//!
//! A change meant only to make artdiff faster or leaner must leave every report byte for byte
//! the same; this test says which one moved. A change that is meant to alter results (a new
//! model, a segmentation fix) updates the digests with
//! `ARTDIFF_UPDATE_DIGESTS=1 cargo test --test output_identity` and says why in its commit.
//! The seeds and the news events come from `../shared`; without it only the demo is checked.

use artdiff::align::LinkDetail;
use artdiff::ingest::Loaded;
use artdiff::report::{write, ReportFormat};
use artdiff::{analyse, Settings};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

const DIGESTS: &str = "tests/output_digests.txt";
const SHARED: &str = "../shared";

/// (name, articles) of every comparison to pin; names are relative so digests do not depend
/// on where the checkout lives.
fn comparisons() -> Vec<(String, Vec<Loaded>)> {
    let mut out = vec![(
        "demo".to_string(),
        artdiff::demo::ARTICLES
            .iter()
            .map(|(name, text)| Loaded::from_text(name, text))
            .collect(),
    )];
    let texts = |dir: &Path, prefix: &str| -> Vec<Loaded> {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.retain(|f: &std::path::PathBuf| f.extension().is_some_and(|e| e == "txt"));
        files.sort();
        files
            .iter()
            .filter_map(|f| {
                let text = std::fs::read_to_string(f).ok()?;
                let name = format!("{prefix}/{}", f.file_name()?.to_string_lossy());
                Some(Loaded::from_text(&name, &text))
            })
            .collect()
    };
    let seeds = texts(&Path::new(SHARED).join("seeds"), "seeds");
    if seeds.len() >= 2 {
        out.push(("seeds".to_string(), seeds));
    }
    let news = Path::new(SHARED).join("eval/news");
    let mut events: Vec<_> = std::fs::read_dir(&news)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    events.sort();
    for event in events.iter().filter(|e| e.is_dir()) {
        let name = event.file_name().unwrap().to_string_lossy().into_owned();
        let articles = texts(event, &name);
        if articles.len() >= 2 {
            out.push((format!("news/{name}"), articles));
        }
    }
    out
}

/// The digest of the comparison's JSON report, which must be the same whether every link is
/// detailed (the TUI) or only the matched ones (`--export`).
fn digest(articles: Vec<Loaded>) -> String {
    let json = |detail: LinkDetail| {
        let settings = Settings {
            detail,
            ..Settings::default()
        };
        let mut json = Vec::new();
        write(
            &analyse(articles.clone(), &settings),
            ReportFormat::Json,
            &mut json,
        )
        .unwrap();
        json
    };
    let json_all = json(LinkDetail::All);
    assert!(
        json(LinkDetail::Matched) == json_all,
        "the report of the matched links' details differs from the one of all links' details"
    );
    Sha256::digest(&json_all)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn reports_are_byte_for_byte_what_was_recorded() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(DIGESTS);
    let recorded: BTreeMap<String, String> = std::fs::read_to_string(&path)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            let (name, hex) = l.split_once(' ')?;
            Some((name.to_string(), hex.to_string()))
        })
        .collect();
    let now: BTreeMap<String, String> = comparisons()
        .into_iter()
        .map(|(name, articles)| (name, digest(articles)))
        .collect();
    if std::env::var_os("ARTDIFF_UPDATE_DIGESTS").is_some() {
        let mut all = recorded.clone();
        all.extend(now.clone());
        let text: String = all.iter().map(|(n, h)| format!("{n} {h}\n")).collect();
        std::fs::write(&path, text).unwrap();
        return;
    }
    if now.len() == 1 {
        eprintln!("skipped the seeds and news events: {SHARED} not found");
    }
    let moved: Vec<&String> = now
        .iter()
        .filter(|(name, hex)| recorded.get(*name) != Some(hex))
        .map(|(name, _)| name)
        .collect();
    assert!(
        moved.is_empty(),
        "reports changed: {moved:?} (if meant, ARTDIFF_UPDATE_DIGESTS=1 and say why)"
    );
}
