//! The terminal interface: panes side by side over a [`Comparison`].
//!
//! The loop is: draw the [`app::App`] with the pure functions in [`view`], read an event, turn
//! it into an [`action::Action`] through the [`keymap`], apply it with [`step`]: `App::update`
//! changes the state, the loop performs the effect it asks for (writing a report) and takes
//! the new scroll limits from the views. The terminal is taken and given back by
//! [`terminal::Session`], however the loop ends.

pub mod action;
pub mod app;
pub mod export;
pub mod keymap;
pub mod layout;
pub mod line_edit;
pub mod search;
pub mod terminal;
pub mod theme;
pub mod view;
pub mod wrap;

pub(crate) mod signals;

/// `--bench-tui`: kept in the product because `benches/resources.sh` times the release
/// binary's first frame and keys on large inputs with it.
pub mod bench;

#[cfg(test)]
mod tests;

use action::Action;
use app::{App, Flow};
use artdiff::{Comparison, Settings};
use ratatui::crossterm::event::{self, Event, MouseButton, MouseEventKind};
use std::time::Duration;
use terminal::Session;
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

/// Applies one action as the loop does: the state changes ([`App::update`]), the effect it
/// asks for is performed, and the scroll limits are measured on the new state. `Flow::Quit`
/// or `Flow::Continue`; never an effect.
pub fn step(app: &mut App, action: Action) -> Flow {
    let flow = match app.update(action) {
        Flow::Export(request) => {
            app.message = Some(export::perform(&app.comparison, &request));
            Flow::Continue
        }
        flow => flow,
    };
    app.limits = view::scroll_limits(app);
    flow
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

/// Runs the TUI until the user quits, on the terminal the loading gauge already holds if it
/// showed, else on a newly taken one.
pub fn run(
    comparison: Comparison,
    settings: Settings,
    options: Options,
    session: Option<Session>,
) -> anyhow::Result<()> {
    let mut app = App::new(comparison, settings, options.theme);
    app.keymap = options.keymap;
    app.aligned = options.aligned;
    app.export_path = options.export_path;

    let mut session = match session {
        Some(session) => session,
        None => Session::enter()?,
    };
    session.capture_mouse()?;
    session.terminal().clear()?;

    let size = session.terminal().size()?;
    step(&mut app, Action::Resize(size.width, size.height));
    app.message = warnings_message(&app.comparison);
    loop {
        let size = session.terminal().size()?;
        if (size.width, size.height) != (app.geometry.area.width, app.geometry.area.height) {
            step(&mut app, Action::Resize(size.width, size.height));
        }
        app.prepare();
        session.terminal().draw(|frame| view::render(&app, frame))?;
        // Apply everything already queued before drawing again, so that held keys and wheel
        // bursts never lag behind.
        let Some(mut event) = session.signals().next_event()? else {
            session.die();
        };
        let mut changed = false;
        loop {
            if let Some(action) = action_for(&app, &event) {
                changed = true;
                if step(&mut app, action) == Flow::Quit {
                    return Ok(());
                }
            }
            // Draw once the queue is empty, unless nothing happened (a mouse move, a key
            // release): then wait for more.
            if changed && !event::poll(Duration::ZERO)? {
                break;
            }
            let Some(next) = session.signals().next_event()? else {
                session.die();
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
