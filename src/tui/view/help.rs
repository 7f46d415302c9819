//! The help overlay: every key of the keymap, by section, and the legend.

use super::{boxed, popup_area};
use crate::tui::app::App;
use crate::tui::keymap::{Keymap, Section};
use crate::tui::theme::Theme;
use crate::tui::wrap::{str_width, truncate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType};

const KEY_W: usize = 13;
const COL_W: usize = 60;
const GAP: usize = 3;

/// Where the overlay goes.
pub fn area(screen: Rect) -> Rect {
    let w = (2 * COL_W + GAP + 4) as u16;
    popup_area(
        screen,
        w.min(screen.width.saturating_sub(2)),
        screen.height.saturating_sub(2),
    )
}

fn section_lines(
    theme: &Theme,
    keymap: &Keymap,
    section: Section,
    width: usize,
) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(Span::styled(
        section.title().to_string(),
        theme.heading(),
    ))];
    for binding in keymap
        .bindings()
        .iter()
        .filter(|b| b.section == section && b.shown())
    {
        let keys = binding.keys_label();
        let pad = KEY_W.saturating_sub(str_width(&keys)).max(1);
        let help = truncate(binding.help, width.saturating_sub(KEY_W + 2)).into_owned();
        lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(keys, theme.key()),
            Span::raw(" ".repeat(pad)),
            Span::raw(help),
        ]));
    }
    lines.push(Line::default());
    lines
}

/// The overlay's lines for an inside `width` columns wide.
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let theme = app.theme;
    let mut out = vec![Line::from(super::status_bar::legend(app, false))];
    out.extend(super::wrap_spans(
        &[(
            "Each passage is classed by its closest counterpart in the other articles; \
             the selection's counterparts are lit in every pane."
                .to_string(),
            theme.dim(),
        )],
        width.saturating_sub(1).max(1),
    ));
    out.push(Line::default());
    let left = [
        Section::Move,
        Section::Panes,
        Section::Counterparts,
        Section::Search,
    ];
    let right = [
        Section::View,
        Section::Other,
        Section::Overlay,
        Section::Prompt,
    ];
    if width >= 2 * COL_W + GAP {
        let l: Vec<Line> = left
            .iter()
            .flat_map(|&s| section_lines(&theme, &app.keymap, s, COL_W))
            .collect();
        let r: Vec<Line> = right
            .iter()
            .flat_map(|&s| section_lines(&theme, &app.keymap, s, COL_W))
            .collect();
        for i in 0..l.len().max(r.len()) {
            let mut spans: Vec<Span<'static>> = Vec::new();
            let lw = match l.get(i) {
                Some(line) => {
                    spans.extend(line.spans.iter().cloned());
                    line.width()
                }
                None => 0,
            };
            if let Some(line) = r.get(i) {
                spans.push(Span::raw(" ".repeat(COL_W + GAP - lw.min(COL_W))));
                spans.extend(line.spans.iter().cloned());
            }
            out.push(Line::from(spans));
        }
    } else {
        for s in left.iter().chain(right.iter()) {
            out.extend(section_lines(&theme, &app.keymap, *s, width));
        }
    }
    out
}

/// How far the overlay scrolls.
pub(super) fn max_scroll(app: &App) -> usize {
    let inner = Block::bordered().inner(area(app.geometry.area));
    lines(app, usize::from(inner.width))
        .len()
        .saturating_sub(usize::from(inner.height))
}

/// Draws the overlay.
pub fn render(app: &App, screen: Rect, buf: &mut Buffer) {
    let theme = app.theme;
    let rect = area(screen);
    if rect.width < 4 || rect.height < 3 {
        return;
    }
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border(true))
        .title_top(Line::from(Span::styled(" Help · keys ", theme.title(true))))
        .title_bottom(
            Line::from(Span::styled(
                " j/k scroll · Esc or ? close · Ctrl-C quit ",
                theme.dim(),
            ))
            .right_aligned(),
        );
    let inner = boxed(buf, rect, block);
    let all = lines(app, usize::from(inner.width));
    let scroll = app.overlay_scroll.min(all.len().saturating_sub(1));
    for (i, line) in all
        .iter()
        .skip(scroll)
        .take(usize::from(inner.height))
        .enumerate()
    {
        buf.set_line(
            inner.x + 1,
            inner.y + i as u16,
            line,
            inner.width.saturating_sub(1),
        );
    }
}
