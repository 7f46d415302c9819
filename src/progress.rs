//! Progress of slow work: loading (web addresses are fetched in parallel) as a line on stderr;
//! a long analysis as a gauge on the terminal before the TUI opens, or a line on stderr while
//! exporting. None shows for work that ends within [`DELAY`], so fast runs never flash; the
//! stderr lines only when stderr is a terminal.
//!
//! The analysis runs on a worker thread ([`Job`]) so that the main thread can draw at a steady
//! pace and answer keys (q, Esc, Ctrl-C leave while the gauge shows).

use crate::tui::theme::Theme;
use artdiff::ingest::{self, IngestError, LoadOptions, Loaded, Source};
use artdiff::{Comparison, Settings};
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
/// `None` when the user left (q, Esc, Ctrl-C) before it finished.
///
/// When the gauge showed, the terminal is left in raw mode on the alternate screen for the
/// TUI to take over; when the user leaves, it is restored.
pub fn analyse_with_gauge(
    loaded: Vec<Loaded>,
    settings: &Settings,
    theme: Theme,
) -> anyhow::Result<Option<Comparison>> {
    use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
    use ratatui::crossterm::{cursor, execute, terminal};

    let mut job = Job::start(loaded, settings.clone());
    if let Some(comparison) = job.wait(DELAY) {
        return Ok(Some(comparison));
    }
    let restore = || {
        let _ = execute!(
            std::io::stdout(),
            terminal::LeaveAlternateScreen,
            cursor::Show
        );
        let _ = terminal::disable_raw_mode();
    };
    // A panic on the worker prints its message right away: put the terminal back first, or
    // the message would vanish with the alternate screen.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    // SIGTERM, SIGHUP and SIGINT: put the terminal back, then end by the same signal.
    let signals = crate::tui::signals::Watch::install()?;
    terminal::enable_raw_mode()?;
    let mut term = match execute!(
        std::io::stdout(),
        terminal::EnterAlternateScreen,
        cursor::Hide
    )
    .and_then(|()| {
        ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(std::io::stdout()))
    }) {
        Ok(term) => term,
        Err(e) => {
            restore();
            return Err(e.into());
        }
    };
    loop {
        let fraction = job.fraction();
        let drawn = term.draw(|frame| draw_gauge(frame, theme, job.articles, fraction));
        if let Err(e) = drawn {
            restore();
            return Err(e.into());
        }
        if let Some(comparison) = job.wait(Duration::ZERO) {
            return Ok(Some(comparison));
        }
        if signals.signalled() {
            restore();
            signals.die();
        }
        if event::poll(TICK)? {
            if let Event::Key(key) = event::read()? {
                let quit = key.kind != KeyEventKind::Release
                    && match key.code {
                        KeyCode::Char('q') | KeyCode::Esc => true,
                        KeyCode::Char('c') => key.modifiers.contains(KeyModifiers::CONTROL),
                        _ => false,
                    };
                if quit {
                    restore();
                    return Ok(None);
                }
            }
        }
    }
}

/// The loading screen: a gauge in the middle.
fn draw_gauge(frame: &mut ratatui::Frame, theme: Theme, articles: usize, fraction: f64) {
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
        .label(format!("{percent}% · q to leave"));
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
            term.draw(|f| draw_gauge(f, theme, 3, 0.5)).unwrap();
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
        term.draw(|f| draw_gauge(f, Theme::new(true, false), 2, 0.1))
            .unwrap();
    }
}
