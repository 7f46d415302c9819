//! The article panes: title bar with coverage, gutter markers, tinted passages, the selection
//! and its counterparts, search hits, conflict badges, the scrollbar; tabs in narrow mode.

use crate::tui::app::{conflict_badge, App, Pos};
use crate::tui::layout::{Geometry, GUTTER};
use crate::tui::search::Hit;
use crate::tui::theme::Theme;
use crate::tui::wrap::{display_text, str_width, truncate};
use artdiff::model::{Article, Class};
use artdiff::safe_text::printable;
use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, BorderType, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget,
};
use std::ops::Range;

/// Draws every pane on screen (and the tabs in narrow mode).
pub fn render(app: &App, geometry: &Geometry, buf: &mut Buffer) {
    if let Some(tabs) = geometry.tabs {
        render_tabs(app, geometry, tabs, buf);
    }
    for k in 0..app.panes.len() {
        if geometry.shown(k, app.focus) {
            render_pane(app, geometry, k, buf);
        }
    }
}

/// The article's title and file name (for an address: host and last path segment), as
/// shown. The title is the headline the page declares when it declares one (its `<title>`
/// often carries the site's name too), else the article's title.
pub fn names(article: &Article) -> (String, String) {
    let title = article.metadata.title.as_deref().unwrap_or(&article.title);
    let title = printable(title.lines().next().unwrap_or(""))
        .trim()
        .to_string();
    let file = if artdiff::ingest::fetch::is_address(&article.path) {
        artdiff::report::common::short_name(&article.path)
    } else {
        let path = std::path::Path::new(&article.path);
        path.file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_else(|| article.path.clone())
    };
    (title, printable(&file).into_owned())
}

/// The details line of a pane's bottom border: what the page declares about itself (site,
/// byline, publication time), ` Harbour Herald · Orla Brennick · 2025-10-14 06:05 UTC `.
/// `None` when it declares none of them.
pub fn details(article: &Article) -> Option<String> {
    let m = &article.metadata;
    let parts: Vec<String> = [
        m.site_name.clone(),
        m.byline.clone(),
        m.published.as_deref().map(artdiff::timestamps::readable),
    ]
    .into_iter()
    .flatten()
    .map(|p| {
        printable(&p)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    })
    .filter(|p| !p.is_empty())
    .collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

fn render_tabs(app: &App, geometry: &Geometry, area: Rect, buf: &mut Buffer) {
    let theme = app.theme;
    buf.set_style(area, theme.status());
    for (k, article) in app.comparison.articles.iter().enumerate() {
        let rect = geometry.tab_rect(k);
        if rect.width == 0 {
            continue;
        }
        let (title, file) = names(article);
        let name = if title.is_empty() { file } else { title };
        let label = format!(" {} {}", k + 1, name);
        let label = truncate(&label, usize::from(rect.width.saturating_sub(1)));
        let style = theme.tab(k == app.focus);
        buf.set_style(
            Rect::new(rect.x, rect.y, rect.width.saturating_sub(1), 1),
            style,
        );
        buf.set_stringn(
            rect.x,
            rect.y,
            label.as_ref(),
            usize::from(rect.width),
            style,
        );
        if k + 1 < app.panes.len() && rect.width > 1 {
            buf.set_string(rect.right() - 1, rect.y, "│", theme.dim());
        }
    }
}

/// The coverage part of a title: `30%= 40%~ 31%+`.
fn coverage_spans(app: &App, k: usize) -> Vec<Span<'static>> {
    let theme = app.theme;
    let Some(cov) = app.comparison.summary.coverage.get(k) else {
        return Vec::new();
    };
    let mut spans = Vec::new();
    for class in [Class::Shared, Class::Paraphrased, Class::Unique] {
        let pct = (cov.share(class) * 100.0).round() as u32;
        spans.push(Span::styled(
            format!(" {pct}%{}", class.marker()),
            theme.class_fg(class).bold(),
        ));
    }
    spans.push(Span::raw(" "));
    spans
}

/// The title: ` 1 ` badge, the title, ` · file`; and the coverage on the right. When room is
/// short the file name goes first, then the title is cut, then the coverage goes.
fn title_line(app: &App, k: usize, width: usize) -> (Line<'static>, Option<Line<'static>>) {
    let theme = app.theme;
    let focused = k == app.focus;
    let (title, file) = names(&app.comparison.articles[k]);
    let num = format!(" {} ", k + 1);
    let cov = coverage_spans(app, k);
    let cov_w: usize = cov.iter().map(|s| str_width(&s.content)).sum();
    let same = title.is_empty() || title == file;
    let main = if same { file.clone() } else { title.clone() };
    let num_w = str_width(&num);
    let main_w = str_width(&main) + 1;
    let file_part = format!(" · {file}");
    let file_w = if same { 0 } else { str_width(&file_part) };
    let full = num_w + main_w + file_w + 1 + cov_w;
    let (show_file, show_cov) = if full <= width {
        (!same, true)
    } else if num_w + main_w + 1 + cov_w <= width || width >= num_w + 13 + cov_w {
        (false, true)
    } else {
        (false, false)
    };
    let room = width
        .saturating_sub(num_w + 1)
        .saturating_sub(if show_cov { cov_w + 1 } else { 0 })
        .saturating_sub(if show_file { file_w } else { 0 });
    let mut spans = vec![Span::styled(num, theme.title(focused))];
    let t = truncate(&main, room).into_owned();
    spans.push(Span::styled(format!("{t} "), Style::new().bold()));
    if show_file {
        spans.push(Span::styled(
            format!("{} ", file_part.trim_start()),
            theme.dim(),
        ));
    }
    (
        Line::from(spans),
        show_cov.then(|| Line::from(cov).right_aligned()),
    )
}

fn render_pane(app: &App, geometry: &Geometry, k: usize, buf: &mut Buffer) {
    let theme = app.theme;
    let rect = geometry.panes[k];
    if rect.width < 2 || rect.height < 2 {
        return;
    }
    let focused = k == app.focus;
    let (left, right) = title_line(app, k, usize::from(rect.width.saturating_sub(2)));
    let mut block = Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(theme.border(focused))
        .title_top(left);
    if let Some(right) = right {
        block = block.title_top(right);
    }
    // Two border cells at each end stay free, so the corners keep their look.
    let room = usize::from(rect.width.saturating_sub(4));
    if let Some(text) = details(&app.comparison.articles[k]).filter(|_| room > 8) {
        let text = truncate(&format!(" {text} "), room).into_owned();
        block = block.title_bottom(Line::from(Span::styled(text, theme.dim())).left_aligned());
    }
    block.render(rect, buf);
    let inner = Geometry::inner(rect);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let h = usize::from(inner.height);
    let rows = app.visible_rows(k, h);
    if rows.iter().all(Option::is_none) {
        let msg = if app.comparison.articles[k].passages.is_empty() {
            "(empty article)".to_string()
        } else {
            format!("(no passages: filter {})", app.filter.name())
        };
        let msg = truncate(&msg, usize::from(inner.width)).into_owned();
        let x = inner.x + (inner.width.saturating_sub(str_width(&msg) as u16)) / 2;
        buf.set_string(x, inner.y + inner.height / 2, msg, theme.dim());
    }
    let text_x = inner.x + GUTTER.min(inner.width);
    let text_w = inner.right().saturating_sub(text_x);
    let passages = &app.comparison.articles[k].passages;
    let mut i = 0;
    while i < rows.len() {
        let Some(first) = rows[i] else {
            i += 1;
            continue;
        };
        let p = first.passage;
        let block: Vec<Pos> = rows[i..]
            .iter()
            .map_while(|r| r.filter(|r| r.passage == p))
            .collect();
        let n = block.len();
        draw_passage(app, &theme, k, p, &block, i, inner, text_x, text_w, buf);
        i += n;
    }
    // Scrollbar on the right border, when there is more than fits.
    let n = passages.len();
    let shown: Vec<Pos> = rows.iter().flatten().copied().collect();
    let at_start = shown.first().is_none_or(|r| *r <= first_pos(app, k));
    let at_end = rows.len() < h;
    if n > 1 && !(at_start && at_end) && rect.height > 3 {
        let top = shown.first().map_or(0, |r| r.passage);
        let on_screen = shown.last().map_or(0, |r| r.passage) - top + 1;
        let mut state = ScrollbarState::new(n.saturating_sub(on_screen).max(1))
            .position(top)
            .viewport_content_length(on_screen);
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .track_symbol(None)
            .thumb_symbol("▐")
            .thumb_style(if focused {
                theme.border(true)
            } else {
                theme.dim()
            })
            .render(rect.inner(Margin::new(0, 1)), buf, &mut state);
    }
}

fn first_pos(app: &App, k: usize) -> Pos {
    let passages = &app.comparison.articles[k].passages;
    let first = (0..passages.len())
        .find(|&q| app.filter.shows(passages[q].class))
        .unwrap_or(0);
    Pos {
        passage: first,
        line: 0,
    }
}

#[allow(clippy::too_many_arguments)]
fn draw_passage(
    app: &App,
    theme: &Theme,
    k: usize,
    p: usize,
    rows: &[Pos],
    first_row: usize,
    inner: Rect,
    text_x: u16,
    text_w: u16,
    buf: &mut Buffer,
) {
    let passage = &app.comparison.articles[k].passages[p];
    let wrapped = app.wrapped(k, p);
    let display = display_text(&passage.text);
    let lit = app.is_lit(k, p);
    let class = passage.class;
    let text_style = theme.passage(class, lit);
    let hits: &[Hit] = app.search.as_ref().map_or(&[], |s| s.hits_in(k, p));
    let current: Option<&Hit> = app
        .search
        .as_ref()
        .and_then(|s| s.current.and_then(|i| s.hits.get(i)));
    let badge = conflict_badge(passage);
    let n_lines = wrapped.lines.len();
    for (offset, pos) in rows.iter().enumerate() {
        let y = inner.y + (first_row + offset) as u16;
        let line = pos.line;
        if line >= wrapped.rows() {
            continue; // the paragraph gap
        }
        // Tint the whole row, gutter marker column included.
        let row = Rect::new(
            inner.x + 1.min(inner.width),
            y,
            inner.width.saturating_sub(1),
            1,
        );
        buf.set_style(row, text_style);
        if lit && inner.width > 0 {
            buf.set_string(inner.x, y, "▌", theme.bar());
        }
        if inner.width > 1 {
            // The marker on a passage's first line, and on its first row on screen.
            let marker = if line == 0 || y == inner.y {
                class.marker()
            } else {
                ' '
            };
            buf.set_string(inner.x + 1, y, marker.to_string(), theme.marker(class, lit));
        }
        if text_w == 0 {
            continue;
        }
        let mut x = text_x;
        if line < n_lines {
            let range = wrapped.lines[line].clone();
            for (piece, style) in pieces(display.as_ref(), range, hits, current, text_style, theme)
            {
                let (nx, _) = buf.set_stringn(x, y, piece, usize::from(text_x + text_w - x), style);
                x = nx;
                if x >= text_x + text_w {
                    break;
                }
            }
        }
        let badge_here = line + 1 == n_lines && !wrapped.badge_line || line == n_lines;
        if let (Some(b), true) = (&badge, badge_here) {
            if line < n_lines {
                x += 1;
            }
            if x < text_x + text_w {
                let room = usize::from(text_x + text_w - x);
                buf.set_stringn(x, y, truncate(b, room).as_ref(), room, theme.warning());
            }
        }
    }
}

/// The pieces of one wrapped line with their styles: search hits stand out.
fn pieces<'a>(
    display: &'a str,
    range: Range<usize>,
    hits: &[Hit],
    current: Option<&Hit>,
    base: Style,
    theme: &Theme,
) -> Vec<(&'a str, Style)> {
    let text: &'a str = display;
    let mut out = Vec::new();
    let mut at = range.start;
    for hit in hits {
        let s = hit.range.start.max(range.start);
        let e = hit.range.end.min(range.end);
        if s >= e {
            continue;
        }
        if at < s {
            out.push((&text[at..s], base));
        }
        let is_current = current.is_some_and(|c| c == hit);
        out.push((&text[s..e], base.patch(theme.hit(is_current))));
        at = e;
    }
    if at < range.end {
        out.push((&text[at..range.end], base));
    }
    out
}
