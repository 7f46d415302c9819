//! `--bench-tui`: times the TUI without a terminal, for `benches/resources.sh` (which runs the
//! release binary on inputs of up to 9 MB). A hidden flag rather than a `benches/` target
//! because the TUI lives in the binary, which bench targets cannot link.

use super::action::Action;
use super::app::App;
use super::search::Search;
use super::theme::Theme;
use super::view;
use artdiff::{Comparison, Settings};
use std::time::Instant;

/// Times the TUI without a terminal: builds the app, draws into a 200×50 test backend, and
/// presses keys. Returns a report, one line per measure (first frame, then per key: mean,
/// median and worst time from key to finished frame).
pub fn report(comparison: Comparison, settings: Settings) -> String {
    use ratatui::backend::TestBackend;
    use ratatui::Terminal;

    let passages: usize = comparison.articles.iter().map(|a| a.passages.len()).sum();
    let bytes: usize = comparison.articles.iter().map(|a| a.text.len()).sum();
    let mut out = format!(
        "artdiff TUI bench: {} articles, {passages} passages, {:.1} MB, 200x50\n",
        comparison.articles.len(),
        bytes as f64 / 1e6
    );
    let started = Instant::now();
    let mut app = App::new(comparison, settings, Theme::new(true, false));
    let built = started.elapsed();
    let mut term = Terminal::new(TestBackend::new(200, 50)).expect("test backend");
    super::step(&mut app, Action::Resize(200, 50));
    app.prepare();
    term.draw(|f| view::render(&app, f)).expect("draw");
    out.push_str(&format!(
        "first frame        {:>8.3} ms  (app state {:.3} ms)\n",
        started.elapsed().as_secs_f64() * 1e3,
        built.as_secs_f64() * 1e3
    ));

    out.push_str(&measure(&mut term, "j", &mut app, &[Action::Down], 200));
    out.push_str(&measure(&mut term, "k", &mut app, &[Action::Up], 50));
    out.push_str(&measure(
        &mut term,
        "PgDn",
        &mut app,
        &[Action::PageDown],
        100,
    ));
    out.push_str(&measure(
        &mut term,
        "G / g",
        &mut app,
        &[Action::Bottom, Action::Top],
        10,
    ));
    out.push_str(&measure(
        &mut term,
        "Enter",
        &mut app,
        &[Action::Counterpart],
        50,
    ));
    out.push_str(&measure(
        &mut term,
        "Tab",
        &mut app,
        &[Action::FocusNext],
        30,
    ));
    let search = [
        ("/ (open search)", Action::SearchStart),
        ("type t", Action::Input('t')),
        ("type h", Action::Input('h')),
        ("type e", Action::Input('e')),
        ("Enter (search)", Action::Confirm),
    ];
    let mut lines = vec![Vec::new(); search.len()];
    for _ in 0..4 {
        for (i, (_, action)) in search.iter().enumerate() {
            lines[i].push(timed(&mut app, &mut term, *action));
        }
    }
    for ((label, _), times) in search.iter().zip(lines) {
        out.push_str(&summary(label, times));
    }
    // The parts that do not depend on the screen, best of a few runs (less noise).
    let best = |f: &mut dyn FnMut()| {
        (0..5)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed().as_secs_f64() * 1e3
            })
            .fold(f64::MAX, f64::min)
    };
    let mut hits = 0;
    let full = best(&mut || hits = Search::new(&app.comparison, "the").hits.len());
    out.push_str(&format!(
        "search \"the\" alone  best {full:>7.3} ms  ({hits} hits, full scan)\n"
    ));
    let thresholds = app.thresholds();
    let links = app.comparison.links.len();
    let reclassify = best(&mut || app.comparison.reclassify(thresholds));
    out.push_str(&format!(
        "reclassify alone   best {reclassify:>7.3} ms  ({links} links; part of + / -)\n"
    ));
    out.push_str(&measure(
        &mut term,
        "n",
        &mut app,
        &[Action::SearchNext],
        50,
    ));
    out.push_str(&measure(
        &mut term,
        "f",
        &mut app,
        &[Action::CycleFilter],
        8,
    ));
    out.push_str(&measure(
        &mut term,
        "d (detail)",
        &mut app,
        &[Action::ToggleDetail],
        10,
    ));
    out.push_str(&measure(
        &mut term,
        "+ / -",
        &mut app,
        &[Action::ThresholdUp, Action::ThresholdDown],
        5,
    ));
    out.push_str(&measure(
        &mut term,
        "resize",
        &mut app,
        &[Action::Resize(200, 50)],
        5,
    ));
    out
}

/// Applies one action and draws: the time from key to finished frame, in ms.
fn timed(
    app: &mut App,
    term: &mut ratatui::Terminal<ratatui::backend::TestBackend>,
    action: Action,
) -> f64 {
    let t = Instant::now();
    super::step(app, action);
    app.prepare();
    term.draw(|f| view::render(app, f)).expect("draw");
    t.elapsed().as_secs_f64() * 1e3
}

/// Times `actions`, `repeat` times over, and sums them up in one line.
fn measure(
    term: &mut ratatui::Terminal<ratatui::backend::TestBackend>,
    label: &str,
    app: &mut App,
    actions: &[Action],
    repeat: usize,
) -> String {
    let mut times = Vec::with_capacity(repeat * actions.len());
    for _ in 0..repeat {
        for &a in actions {
            times.push(timed(app, term, a));
        }
    }
    summary(label, times)
}

/// One line of the bench report.
fn summary(label: &str, mut times: Vec<f64>) -> String {
    times.sort_by(f64::total_cmp);
    let n = times.len().max(1);
    let mean = times.iter().sum::<f64>() / n as f64;
    let median = times.get(times.len() / 2).copied().unwrap_or(0.0);
    let worst = times.last().copied().unwrap_or(0.0);
    format!(
        "{label:<18} mean {mean:>7.3} ms  median {median:>7.3} ms  worst {worst:>7.3} ms  (n={})\n",
        times.len()
    )
}
