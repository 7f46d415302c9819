//! Progress of slow work: loading (web addresses are fetched in parallel) as a line on stderr;
//! a long analysis as a gauge on the terminal before the TUI opens, or a line on stderr while
//! exporting. None shows for work that ends within [`DELAY`], so fast runs never flash; the
//! stderr lines only when stderr is a terminal.
//!
//! The analysis runs on a worker thread ([`Job`]) so that the main thread can draw at a steady
//! pace and answer keys (those that quit or close the TUI leave while the gauge shows).

use crate::tui::action::Action;
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::terminal::Session;
use crate::tui::theme::Theme;
use artdiff::ingest::{self, IngestError, LoadOptions, Loaded, Source};
use artdiff::{Comparison, Settings};
use ratatui::crossterm::event::KeyEvent;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc;
use std::sync::Arc;
use std::thread;
use std::time::Duration;

/// How long an analysis may take before progress shows.
pub const DELAY: Duration = Duration::from_millis(500);
/// How often progress is drawn once it shows.
const TICK: Duration = Duration::from_millis(100);
/// The worker's stack: as large as the main thread's usual 8 MiB, and then some.
const STACK: usize = 16 << 20;

/// An analysis running on a worker thread.
pub struct Job {
    result: mpsc::Receiver<Comparison>,
    handle: Option<thread::JoinHandle<()>>,
    /// Progress in millionths.
    done: Arc<AtomicU32>,
    /// How many articles, for the label.
    pub articles: usize,
}

impl Job {
    /// Starts comparing `loaded`.
    pub fn start(loaded: Vec<Loaded>, settings: Settings) -> Job {
        let (tx, result) = mpsc::channel();
        let done = Arc::new(AtomicU32::new(0));
        let articles = loaded.len();
        let progress = Arc::clone(&done);
        let handle = thread::Builder::new()
            .name("analysis".into())
            .stack_size(STACK)
            .spawn(move || {
                let comparison = artdiff::analyse_with_progress(loaded, &settings, &mut |f| {
                    progress.store((f.clamp(0.0, 1.0) * 1e6).round() as u32, Ordering::Relaxed);
                });
                // The receiver only goes away when the user left; nothing to do then.
                let _ = tx.send(comparison);
            })
            .expect("start the analysis thread");
        Job {
            result,
            handle: Some(handle),
            done,
            articles,
        }
    }

    /// How far it got, in `[0, 1]`.
    pub fn fraction(&self) -> f64 {
        f64::from(self.done.load(Ordering::Relaxed)) / 1e6
    }

    /// The comparison if it is ready within `timeout`. A panic on the worker goes on here,
    /// as if the analysis had run on this thread.
    pub fn wait(&mut self, timeout: Duration) -> Option<Comparison> {
        match self.result.recv_timeout(timeout) {
            Ok(comparison) => Some(comparison),
            Err(mpsc::RecvTimeoutError::Timeout) => None,
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                match self.handle.take().map(thread::JoinHandle::join) {
                    Some(Err(panic)) => std::panic::resume_unwind(panic),
                    _ => unreachable!("the analysis thread ended without a result"),
                }
            }
        }
    }
}

/// Loads every source ([`ingest::load_all`]); while it takes longer than [`DELAY`] and
/// stderr is a terminal, a line counts what has loaded (`artdiff: loading 5 articles… 2
/// done`), blanked at the end.
pub fn load_with_progress(
    sources: &[Source],
    options: &LoadOptions,
) -> Vec<Result<Loaded, IngestError>> {
    use std::sync::atomic::AtomicUsize;
    if !std::io::stderr().is_terminal() {
        return ingest::load_all(sources, options, &|_| {});
    }
    let done = AtomicUsize::new(0);
    thread::scope(|scope| {
        let worker = scope.spawn(|| {
            ingest::load_all(sources, options, &|p| {
                done.store(p.done, Ordering::Relaxed);
            })
        });
        let start = std::time::Instant::now();
        let mut width = 0;
        while !worker.is_finished() {
            thread::sleep(Duration::from_millis(20));
            if start.elapsed() < DELAY || worker.is_finished() {
                continue;
            }
            let line = loading_line(sources.len(), done.load(Ordering::Relaxed));
            width = width.max(line.chars().count());
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r{line}");
            let _ = err.flush();
            drop(err);
            thread::sleep(TICK);
        }
        if width > 0 {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r{}\r", " ".repeat(width));
            let _ = err.flush();
        }
        match worker.join() {
            Ok(results) => results,
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// The stderr loading line.
fn loading_line(total: usize, done: usize) -> String {
    format!("artdiff: loading {total} articles… {done} done")
}

/// Compares for an export: a line on stderr (`artdiff: comparing 3 articles… 42%`) while it
/// takes longer than [`DELAY`] and stderr is a terminal; silent otherwise.
pub fn analyse_for_export(loaded: Vec<Loaded>, settings: &Settings) -> Comparison {
    if !std::io::stderr().is_terminal() {
        return artdiff::analyse(loaded, settings);
    }
    let mut job = Job::start(loaded, settings.clone());
    if let Some(comparison) = job.wait(DELAY) {
        return comparison;
    }
    let mut width = 0;
    loop {
        let line = stderr_line(job.articles, job.fraction());
        width = width.max(line.len());
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{line}");
        let _ = err.flush();
        drop(err);
        if let Some(comparison) = job.wait(TICK) {
            // Blank the line with spaces: no escape sequence, so nothing to strip under
            // NO_COLOR or on a dumb terminal.
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r{}\r", " ".repeat(width));
            let _ = err.flush();
            return comparison;
        }
    }
}

/// The stderr progress line.
fn stderr_line(articles: usize, fraction: f64) -> String {
    format!(
        "artdiff: comparing {articles} articles… {:>3}%",
        (fraction * 100.0).floor() as u32
    )
}

/// Waits for the analysis with a gauge on the terminal once it takes longer than [`DELAY`].
/// `None` when the user left (a key bound to quit or close: q, Esc, Ctrl-C by default) before
/// it finished.
///
/// When the gauge showed, its terminal session comes back with the comparison for the TUI to
/// take over without a flash of the main screen; when the user leaves, it is restored.
pub fn analyse_with_gauge(
    loaded: Vec<Loaded>,
    settings: &Settings,
    theme: Theme,
    keymap: &Keymap,
) -> anyhow::Result<Option<(Comparison, Option<Session>)>> {
    use ratatui::crossterm::event::{self, Event};

    let mut job = Job::start(loaded, settings.clone());
    if let Some(comparison) = job.wait(DELAY) {
        return Ok(Some((comparison, None)));
    }
    let mut session = Session::enter()?;
    let hint = leave_hint(keymap);
    loop {
        let fraction = job.fraction();
        session
            .terminal()
            .draw(|frame| draw_gauge(frame, theme, job.articles, fraction, &hint))?;
        if let Some(comparison) = job.wait(Duration::ZERO) {
            return Ok(Some((comparison, Some(session))));
        }
        if session.signals().signalled() {
            session.die();
        }
        if event::poll(TICK)? {
            if let Event::Key(key) = event::read()? {
                if leaves(keymap, &key) {
                    return Ok(None);
                }
            }
        }
    }
}

/// Whether a key leaves the gauge: the keys that quit or close in the TUI.
fn leaves(keymap: &Keymap, key: &KeyEvent) -> bool {
    matches!(
        keymap.action_for(key, Mode::Normal),
        Some(Action::Quit | Action::Close)
    )
}

/// The gauge's hint, ` · q to leave`, with the quit key in force.
fn leave_hint(keymap: &Keymap) -> String {
    keymap
        .key_of(Action::Quit)
        .map(|key| format!(" · {} to leave", key.label()))
        .unwrap_or_default()
}

/// The loading screen: a gauge in the middle.
fn draw_gauge(
    frame: &mut ratatui::Frame,
    theme: Theme,
    articles: usize,
    fraction: f64,
    hint: &str,
) {
    use ratatui::layout::Rect;
    use ratatui::widgets::{Block, Gauge};

    let area = frame.area();
    let width = area.width.saturating_sub(4).min(60);
    let gauge_area = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + area.height.saturating_sub(3) / 2,
        width,
        3.min(area.height),
    );
    let percent = (fraction * 100.0).floor() as u32;
    let gauge = Gauge::default()
        .block(
            Block::bordered()
                .title(format!(" artdiff · comparing {articles} articles "))
                .border_style(theme.border(true)),
        )
        .gauge_style(theme.bar())
        .ratio(fraction.clamp(0.0, 1.0))
        .label(format!("{percent}%{hint}"));
    frame.render_widget(gauge, gauge_area);
    theme.fit_buffer(frame.buffer_mut());
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::TestBackend;

    #[test]
    fn the_loading_line_counts_what_is_done() {
        assert_eq!(loading_line(5, 2), "artdiff: loading 5 articles… 2 done");
    }

    #[test]
    fn the_stderr_line_counts_articles_and_percent() {
        assert_eq!(stderr_line(3, 0.426), "artdiff: comparing 3 articles…  42%");
        assert_eq!(stderr_line(2, 1.0), "artdiff: comparing 2 articles… 100%");
    }

    #[test]
    fn a_job_reports_progress_and_its_result() {
        let loaded = artdiff::demo::sources()
            .iter()
            .map(|s| artdiff::ingest::load(s, &artdiff::ingest::LoadOptions::default()).unwrap())
            .collect();
        let mut job = Job::start(loaded, Settings::default());
        let comparison = loop {
            if let Some(c) = job.wait(Duration::from_secs(5)) {
                break c;
            }
        };
        assert_eq!(comparison.articles.len(), 3);
        assert_eq!(job.fraction(), 1.0);
    }

    #[test]
    fn the_gauge_draws_in_every_theme() {
        for theme in [
            Theme::new(true, false),
            Theme::new(true, true).with_basic(true),
            Theme::new(false, false),
        ] {
            let mut term = ratatui::Terminal::new(TestBackend::new(80, 24)).unwrap();
            let hint = leave_hint(&Keymap::default());
            term.draw(|f| draw_gauge(f, theme, 3, 0.5, &hint)).unwrap();
            let text: String = term
                .backend()
                .buffer()
                .content()
                .iter()
                .map(|c| c.symbol())
                .collect();
            assert!(text.contains("comparing 3 articles"), "{text}");
            assert!(text.contains("50% · q to leave"), "{text}");
        }
        // A tiny terminal does not panic.
        let mut term = ratatui::Terminal::new(TestBackend::new(3, 1)).unwrap();
        term.draw(|f| draw_gauge(f, Theme::new(true, false), 2, 0.1, " · q to leave"))
            .unwrap();
    }

    /// The default keymap with quit on `x` alone (and Ctrl-C, which always quits).
    fn quit_on_x() -> Keymap {
        Keymap::with_overrides(&[("quit".into(), vec!["x".into()])]).unwrap()
    }

    #[test]
    fn the_gauge_is_left_by_the_keys_that_quit_or_close() {
        use ratatui::crossterm::event::{KeyCode, KeyModifiers};
        let press = |code, mods| KeyEvent::new(code, mods);
        let default = Keymap::default();
        for key in [
            press(KeyCode::Char('q'), KeyModifiers::NONE),
            press(KeyCode::Esc, KeyModifiers::NONE),
            press(KeyCode::Char('c'), KeyModifiers::CONTROL),
        ] {
            assert!(leaves(&default, &key), "{key:?}");
        }
        assert!(!leaves(
            &default,
            &press(KeyCode::Char('j'), KeyModifiers::NONE)
        ));
        assert_eq!(leave_hint(&default), " · q to leave");
        // Quit moved to x: x leaves and the hint names it; q no longer leaves.
        let moved = quit_on_x();
        assert!(leaves(
            &moved,
            &press(KeyCode::Char('x'), KeyModifiers::NONE)
        ));
        assert!(!leaves(
            &moved,
            &press(KeyCode::Char('q'), KeyModifiers::NONE)
        ));
        assert!(leaves(
            &moved,
            &press(KeyCode::Char('c'), KeyModifiers::CONTROL)
        ));
        assert_eq!(leave_hint(&moved), " · x to leave");
    }

    #[test]
    fn the_gauge_names_the_quit_key_in_force() {
        let moved = quit_on_x();
        let mut term = ratatui::Terminal::new(TestBackend::new(80, 24)).unwrap();
        let theme = Theme::new(true, false);
        term.draw(|f| draw_gauge(f, theme, 2, 0.25, &leave_hint(&moved)))
            .unwrap();
        let buffer = term.backend().buffer();
        let row = (0..buffer.area.height)
            .map(|y| {
                (0..buffer.area.width)
                    .map(|x| buffer[(x, y)].symbol())
                    .collect::<String>()
            })
            .find(|row| row.contains("25% · x to leave"))
            .expect("the label names x");
        assert!(!row.contains("q to leave"), "{row}");
        // The label is drawn in the gauge's colours, like the bar it sits on.
        let y = (0..buffer.area.height)
            .find(|&y| {
                (0..buffer.area.width)
                    .map(|x| buffer[(x, y)].symbol())
                    .collect::<String>()
                    .contains("x to leave")
            })
            .unwrap();
        let x = (0..buffer.area.width)
            .find(|&x| buffer[(x, y)].symbol() == "x" && buffer[(x + 1, y)].symbol() == " ")
            .unwrap();
        let style = buffer[(x, y)].style();
        assert!(style.fg.is_some() || style.bg.is_some(), "{style:?}");
    }
}
