//! The prompt line (search, export path), drawn where the status bar is.

use crate::tui::app::{App, Prompt, PromptKind};
use crate::tui::wrap::{fit, str_width};
use artdiff::safe_text::printable;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Draws the prompt; returns where the cursor goes.
pub fn render(app: &App, prompt: &Prompt, area: Rect, buf: &mut Buffer) -> Option<Position> {
    if area.width == 0 || area.height == 0 {
        return None;
    }
    let theme = app.theme;
    buf.set_style(area, theme.status());
    let (label, help) = match prompt.kind {
        PromptKind::Search => {
            let hits = match &app.search {
                Some(s) if s.hits.is_empty() => "no match".to_string(),
                Some(s) => format!("{} hits", s.hits.len()),
                None => String::new(),
            };
            (
                " / ".to_string(),
                format!("{hits}  Enter jump · Esc cancel "),
            )
        }
        PromptKind::Export => (
            " export to: ".to_string(),
            "Enter write (.html .md .json) · Esc cancel ".to_string(),
        ),
    };
    let width = usize::from(area.width);
    let label_w = str_width(&label);
    let help_w = str_width(&help);
    let room = width.saturating_sub(label_w + 1);
    let text = printable(&prompt.input.text).into_owned();
    // Keep the cursor on screen: show the end of a long input.
    let before = printable(&prompt.input.text[..prompt.input.cursor]).into_owned();
    let before_w = str_width(&before);
    let skip = before_w.saturating_sub(room.saturating_sub(1));
    let mut shown = String::new();
    let mut w = 0;
    for (i, g) in unicode_segmentation::UnicodeSegmentation::grapheme_indices(text.as_str(), true) {
        let gw = crate::tui::wrap::grapheme_width(g);
        if w >= skip {
            shown.push_str(&text[i..i + g.len()]);
        }
        w += gw;
    }
    let (shown, shown_w) = fit(&shown, room);
    let mut spans = vec![
        Span::styled(label, theme.key().patch(theme.status())),
        Span::styled(shown.to_string(), theme.status().bold()),
    ];
    let used = label_w + shown_w;
    if used + help_w + 2 <= width {
        spans.push(Span::raw(" ".repeat(width - used - help_w)));
        spans.push(Span::styled(help, theme.dim().patch(theme.status())));
    }
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
    let cx = area.x + (label_w + before_w - skip).min(width.saturating_sub(1)) as u16;
    if let Some(cell) = buf.cell_mut((cx, area.y)) {
        cell.set_style(Style::new().reversed());
    }
    Some(Position::new(cx, area.y))
}
