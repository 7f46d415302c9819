//! The matrix overlay: how much of each article has a counterpart in each other one, each
//! article's coverage by class, and, when the articles say when they were published, which
//! came first and how much of each later one the earlier ones hold.

use super::{boxed, popup_area};
use crate::tui::app::App;
use crate::tui::view::panes::names;
use crate::tui::wrap::{str_width, truncate};
use artdiff::model::Class;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType};

const LABEL_W: usize = 34;
const CELL_W: usize = 7;

/// The overlay's lines.
pub fn lines(app: &App) -> Vec<Line<'static>> {
    let theme = app.theme;
    let articles = &app.comparison.articles;
    let n = articles.len();
    let matrix = &app.comparison.summary.matrix;
    let label = |k: usize| {
        let (title, file) = names(&articles[k]);
        let name = if title.is_empty() { file } else { title };
        let l = format!("{} {}", k + 1, truncate(&name, LABEL_W - 3));
        let pad = LABEL_W.saturating_sub(str_width(&l));
        format!("{l}{}", " ".repeat(pad))
    };
    let mut out = vec![
        Line::from(Span::styled(
            "Share of each row's text with a counterpart in each column",
            theme.heading(),
        )),
        Line::default(),
    ];
    let mut header = vec![Span::raw(" ".repeat(LABEL_W))];
    for j in 0..n {
        header.push(Span::styled(
            format!("{:>w$}", j + 1, w = CELL_W),
            Style::new().bold(),
        ));
    }
    out.push(Line::from(header));
    for i in 0..n {
        let mut row = vec![Span::styled(label(i), Style::new().bold())];
        for j in 0..n {
            let v = matrix.get(i).and_then(|r| r.get(j)).copied().unwrap_or(0.0);
            let (text, style) = if i == j {
                (format!("{:>w$}", "·", w = CELL_W), theme.dim())
            } else {
                let pct = (v * 100.0).round() as u32;
                let style = if pct >= 50 {
                    theme.class_fg(Class::Shared).bold()
                } else if pct >= 20 {
                    Style::new()
                } else {
                    theme.dim()
                };
                (format!("{:>w$}", format!("{pct}%"), w = CELL_W), style)
            };
            row.push(Span::styled(text, style));
        }
        out.push(Line::from(row));
    }
    out.push(Line::default());
    out.push(Line::from(Span::styled(
        "Coverage: share of each article's text by class (boilerplate not counted)",
        theme.heading(),
    )));
    out.push(Line::default());
    for (i, cov) in app.comparison.summary.coverage.iter().enumerate().take(n) {
        let mut row = vec![Span::styled(label(i), Style::new().bold())];
        for class in [Class::Shared, Class::Paraphrased, Class::Unique] {
            let pct = (cov.share(class) * 100.0).round() as u32;
            row.push(Span::styled(
                format!("{:>5}% {} ", pct, class.marker()),
                theme.class_fg(class).bold(),
            ));
        }
        row.push(Span::styled(
            format!(
                "  {} passages, {} boilerplate",
                cov.passages.total(),
                cov.passages.boilerplate
            ),
            theme.dim(),
        ));
        out.push(Line::from(row));
    }
    if let Some(chronology) = &app.comparison.summary.chronology {
        out.push(Line::default());
        out.push(Line::from(Span::styled(
            "Chronology: publication times as the pages declare them",
            theme.heading(),
        )));
        out.push(Line::default());
        if let Some(first) = artdiff::report::common::first_published(&app.comparison) {
            out.push(Line::from(Span::styled(first, Style::new().bold())));
        }
        for pair in &chronology.pairs {
            out.push(Line::from(artdiff::report::common::chronology_sentence(
                pair,
            )));
        }
    }
    out
}

/// Draws the overlay.
pub fn render(app: &App, screen: Rect, buf: &mut Buffer) {
    let theme = app.theme;
    let all = lines(app);
    let w = all.iter().map(Line::width).max().unwrap_or(20) + 4;
    let rect = popup_area(screen, w as u16, all.len() as u16 + 2);
    if rect.width < 4 || rect.height < 3 {
        return;
    }
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border(true))
        .title_top(Line::from(Span::styled(
            " Similarity matrix ",
            theme.title(true),
        )))
        .title_bottom(Line::from(Span::styled(" Esc or m close ", theme.dim())).right_aligned());
    let inner = boxed(buf, rect, block);
    for (i, line) in all.iter().take(usize::from(inner.height)).enumerate() {
        buf.set_line(
            inner.x + 1,
            inner.y + i as u16,
            line,
            inner.width.saturating_sub(1),
        );
    }
}
