//! Drawing: pure functions from the app state to a frame. Nothing here changes the state.

pub mod detail;
pub mod help;
pub mod matrix;
pub mod panes;
pub mod prompt;
pub mod status_bar;

use super::app::{App, Overlay};
use super::layout::{Geometry, ScrollLimits};
use super::wrap::wrap;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::Frame;

/// Draws the whole screen.
pub fn render(app: &App, frame: &mut Frame) {
    draw(app, frame);
    if app.theme.basic {
        app.theme.fit_buffer(frame.buffer_mut());
    }
}

fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let geometry = if app.geometry.area == area {
        app.geometry.clone()
    } else {
        // The terminal changed size before the app heard of it: draw for what is there.
        Geometry::compute(area, app.panes.len(), app.detail)
    };
    let buf = frame.buffer_mut();
    if app.panes.is_empty() {
        buf.set_string(area.x, area.y, no_articles(app), app.theme.dim());
        return;
    }
    panes::render(app, &geometry, buf);
    if let Some(d) = geometry.detail {
        detail::render(app, d, buf);
    }
    match &app.prompt {
        Some(prompt) => {
            if let Some(cursor) = prompt::render(app, prompt, geometry.status, buf) {
                frame.set_cursor_position(cursor);
            }
        }
        None => status_bar::render(app, geometry.status, buf),
    }
    let buf = frame.buffer_mut();
    match app.overlay {
        Some(Overlay::Help) => help::render(app, area, buf),
        Some(Overlay::Matrix) => matrix::render(app, area, buf),
        None => {}
    }
}

/// How far the detail panel and the overlay scroll as drawn for this state: the one place
/// that measures them, for the state to read (`App::limits`, set by [`super::step`]).
pub fn scroll_limits(app: &App) -> ScrollLimits {
    ScrollLimits {
        detail: if app.detail {
            detail::max_scroll(app)
        } else {
            0
        },
        overlay: if app.overlay.is_some() {
            help::max_scroll(app)
        } else {
            0
        },
    }
}

/// The screen without articles, naming the quit key in force.
fn no_articles(app: &App) -> String {
    match app.keymap.key_of(super::action::Action::Quit) {
        Some(key) => format!("No articles to show. Press {} to quit.", key.label()),
        None => "No articles to show.".to_string(),
    }
}

/// A centred rectangle of at most `w`×`h` inside `area`.
pub fn popup_area(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Word-wraps a line of styled pieces to `width` cells: the styles follow the text.
pub fn wrap_spans(spans: &[(String, Style)], width: usize) -> Vec<Line<'static>> {
    let text: String = spans.iter().map(|(s, _)| s.as_str()).collect();
    let mut bounds = Vec::with_capacity(spans.len());
    let mut at = 0;
    for (s, style) in spans {
        bounds.push((at, at + s.len(), *style));
        at += s.len();
    }
    wrap(&text, width)
        .into_iter()
        .map(|range| {
            let mut line = Vec::new();
            for &(start, end, style) in &bounds {
                let s = start.max(range.start);
                let e = end.min(range.end);
                if s < e {
                    line.push(Span::styled(text[s..e].to_string(), style));
                }
            }
            Line::from(line)
        })
        .collect()
}

/// Clears a rectangle and draws a bordered box; returns the inside.
pub fn boxed(buf: &mut Buffer, area: Rect, block: ratatui::widgets::Block<'_>) -> Rect {
    use ratatui::widgets::{Clear, Widget};
    Clear.render(area, buf);
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}
