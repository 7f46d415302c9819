//! The quality floor: the shipped engine on the news dev set (`../shared/eval/news-gold`), scored
//! as `../shared/eval/score align` scores it. Skips (and says so) when the set is not there.
//!
//! The figure below is recorded with each change of the model or the defaults; a change that
//! loses more than 0.02 F1 fails here. The model was fitted on this set, so this is the
//! in-sample figure; the cross-validated one (what unseen events get) is printed by
//! `cargo test --release --test calibrate -- --ignored --nocapture news`.

mod news_gold;

use artdiff::align::compare;
use artdiff::Settings;
use news_gold::{load_events, score, Score};

/// F1 of `score align` with the default settings, recorded with the model in
/// crates/artdiff-core/src/align/statement.rs.
const RECORDED_F1: f64 = 0.621;
/// How far F1 may fall below [`RECORDED_F1`].
const TOLERANCE: f64 = 0.02;

#[test]
fn news_dev_set_f1_holds() {
    let Some(events) = load_events() else {
        eprintln!("skipped: {} not found", news_gold::GOLD);
        return;
    };
    let mut total = Score::default();
    for event in &events {
        let c = compare(event.articles.clone(), &Settings::default());
        total.add(&score(event, &c));
    }
    eprintln!("news dev set: {}", total.line());
    assert!(
        total.f1() >= RECORDED_F1 - TOLERANCE,
        "F1 {:.3} fell more than {TOLERANCE} below the recorded {RECORDED_F1}: {}",
        total.f1(),
        total.line()
    );
}
