//! The terminal interface: panes side by side over a [`Comparison`].
//!
//! The loop is: draw the [`app::App`] with the pure functions in [`view`], read an event, turn
//! it into an [`action::Action`] through the [`keymap`], apply it with `App::update`. The
//! terminal is restored however the loop ends: normally, on error (a guard's `Drop`), on
//! panic (a hook) and on SIGTERM, SIGHUP or SIGINT (see [`signals`]).

pub mod action;
pub mod app;
pub mod keymap;
pub mod layout;
pub mod theme;
pub mod view;
pub mod wrap;

pub(crate) mod signals;

#[cfg(test)]
mod tests;

use action::Action;
use app::{App, Flow};
use artdiff::{Comparison, Settings};
use ratatui::crossterm::event::{self, Event, MouseButton, MouseEventKind};
use ratatui::crossterm::{cursor, execute, terminal};
use std::io::stdout;
use std::time::{Duration, Instant};
use theme::Theme;

/// How the TUI should look and behave (from the config file, environment and flags).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Colours (none under `NO_COLOR` or `--color never`), dark or light, 256 or 16 colours.
    pub theme: Theme,
    /// The keys.
    pub keymap: keymap::Keymap,
    /// Aligned scrolling at the start.
    pub aligned: bool,
    /// The path the export prompt offers.
    pub export_path: String,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            theme: Theme::new(true, false),
            keymap: keymap::Keymap::default(),
            aligned: true,
            export_path: app::DEFAULT_EXPORT.to_string(),
        }
    }
}

/// Puts the terminal back: mouse off, cursor shown, raw mode off, main screen. Safe to call
/// more than once.
fn restore_terminal() {
    let _ = execute!(
        stdout(),
        event::DisableMouseCapture,
        terminal::LeaveAlternateScreen,
        cursor::Show
    );
    let _ = terminal::disable_raw_mode();
}

/// Restores the terminal when dropped, so that `?` on an error still leaves it usable.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
}

/// Turns a terminal event into an action for the app's current mode.
fn action_for(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) => app.keymap.action_for(key, app.mode()),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Some(Action::Wheel {
                x: m.column,
                y: m.row,
                down: true,
            }),
            MouseEventKind::ScrollUp => Some(Action::Wheel {
                x: m.column,
                y: m.row,
                down: false,
            }),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                x: m.column,
                y: m.row,
            }),
            _ => None,
        },
        _ => None,
    }
}

/// Runs the TUI until the user quits.
pub fn run(comparison: Comparison, settings: Settings, options: Options) -> anyhow::Result<()> {
    let mut app = App::new(comparison, settings, options.theme);
    app.keymap = options.keymap;
    app.aligned = options.aligned;
    app.export_path = options.export_path;

    install_panic_hook();
    let signals = signals::Watch::install()?;
    terminal::enable_raw_mode()?;
    let _guard = Guard;
    execute!(stdout(), terminal::EnterAlternateScreen)?;
    // Clicks, drags and the wheel (1000, 1002) in SGR encoding (1006); not every mouse move
    // (1003), which would only wake the loop for nothing.
    {
        use std::io::Write;
        let mut out = stdout();
        out.write_all(b"\x1b[?1000h\x1b[?1002h\x1b[?1006h")?;
        out.flush()?;
    }
    let mut term = ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(stdout()))?;
    term.clear()?;

    let size = term.size()?;
    app.update(Action::Resize(size.width, size.height));
    app.message = warnings_message(&app.comparison);
    loop {
        let size = term.size()?;
        if (size.width, size.height) != (app.geometry.area.width, app.geometry.area.height) {
            app.update(Action::Resize(size.width, size.height));
        }
        app.prepare();
        term.draw(|frame| view::render(&app, frame))?;
        // Apply everything already queued before drawing again, so that held keys and wheel
        // bursts never lag behind.
        let Some(mut event) = signals.next_event()? else {
            restore_terminal();
            signals.die();
        };
        let mut changed = false;
        loop {
            if let Some(action) = action_for(&app, &event) {
                changed = true;
                if app.update(action) == Flow::Quit {
                    return Ok(());
                }
            }
            // Draw once the queue is empty, unless nothing happened (a mouse move, a key
            // release): then wait for more.
            if changed && !event::poll(Duration::ZERO)? {
                break;
            }
            let Some(next) = signals.next_event()? else {
                restore_terminal();
                signals.die();
            };
            event = next;
        }
    }
}

/// The sources left out (`--keep-going`) and the articles' loading warnings (encoding
/// guessed, escapes removed, empty article, the same file twice...) as the first status
/// message, which lasts until the first key.
pub(crate) fn warnings_message(comparison: &Comparison) -> Option<app::Message> {
    let left_out = comparison
        .summary
        .left_out
        .iter()
        .map(|l| format!("left out {}: {}", l.source, l.problem));
    let mut warnings = left_out.chain(comparison.articles.iter().flat_map(|article| {
        let name = artdiff::report::common::short_name(&article.path);
        article.warnings.iter().map(move |w| format!("{name}: {w}"))
    }));
    let first = warnings.next()?;
    let more = warnings.count();
    let text = match more {
        0 => format!("⚠ {first}"),
        n => format!("⚠ {first} (+{n} more)"),
    };
    Some(app::Message {
        kind: app::MessageKind::Error,
        text: artdiff::safe_text::printable(&text).replace('\n', " "),
    })
}

/// Times the TUI without a terminal: builds the app, draws into a 200×50 test backend, and
/// presses keys. Returns a report, one line per measure (first frame, then per key: mean,
/// median and worst time from key to finished frame).
pub fn bench(comparison: Comparison, settings: Settings) -> String {
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
    app.update(Action::Resize(200, 50));
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
    let full = best(&mut || hits = app::Search::new(&app.comparison, "the").hits.len());
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
    app.update(action);
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
