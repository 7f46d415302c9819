//! The status bar: the class legend with counts, the selection and its matches, the status
//! message, filter, alignment, thresholds and the keys that matter now.

use crate::tui::action::Action;
use crate::tui::app::{App, Filter, MessageKind};
use crate::tui::wrap::{str_width, truncate};
use artdiff::model::Class;
use artdiff::safe_text::printable;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// A piece of the bar; the lowest `keep` goes first when the bar is too narrow.
struct Segment {
    keep: u8,
    spans: Vec<Span<'static>>,
    right: bool,
    /// A shorter form, used before anything is dropped.
    short: Option<Vec<Span<'static>>>,
}

impl Segment {
    fn width(&self) -> usize {
        self.spans.iter().map(|s| str_width(&s.content)).sum()
    }
}

/// The legend: `= shared 12  ~ paraphrased 3  + unique 40  # boilerplate 2`; without the
/// counts when `counts` is false.
pub fn legend(app: &App, counts: bool) -> Vec<Span<'static>> {
    let theme = app.theme;
    let mut spans = Vec::new();
    for (i, class) in Class::ALL.into_iter().enumerate() {
        let label = format!(" {} {} ", class.marker(), class.name());
        spans.push(Span::styled(label, theme.legend(class)));
        if counts {
            spans.push(Span::styled(
                format!("{} ", app.counts.get(class)),
                theme.status(),
            ));
        } else if i + 1 < Class::ALL.len() {
            spans.push(Span::raw(" "));
        }
    }
    spans
}

/// The legend at its tightest: `= shared ~ paraphrased + unique # boilerplate`.
fn tight_legend(app: &App) -> Vec<Span<'static>> {
    let theme = app.theme;
    let mut spans = Vec::new();
    for (i, class) in Class::ALL.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw(" "));
        }
        spans.push(Span::styled(
            format!("{} {}", class.marker(), class.name()),
            theme.legend(class),
        ));
    }
    spans
}

/// The selection in a few characters: `1:2/5 →2 shared 0.93 ⚠1`.
fn short_selection(app: &App) -> Vec<Span<'static>> {
    let theme = app.theme;
    let Some((a, p)) = app.selection() else {
        return Vec::new();
    };
    let passage = &app.comparison.articles[a].passages[p];
    let total = app.comparison.articles[a].passages.len();
    let mut spans = vec![Span::styled(
        format!("{}:{}/{total}", a + 1, p + 1),
        Style::new().bold(),
    )];
    if let Some(best) = passage.matches.first() {
        spans.push(Span::raw(format!(
            " →{} {:.2}",
            passage.matches.len(),
            best.score
        )));
        let conflicts: usize = passage.matches.iter().map(|m| m.conflicts.len()).sum();
        if conflicts > 0 {
            spans.push(Span::raw(" "));
            spans.push(Span::styled(format!("⚠{conflicts}"), theme.warning()));
        }
    }
    spans
}

fn selection_info(app: &App) -> Vec<Span<'static>> {
    let theme = app.theme;
    let Some((a, p)) = app.selection() else {
        return vec![Span::raw("no selection")];
    };
    let total = app.comparison.articles[a].passages.len();
    let passage = &app.comparison.articles[a].passages[p];
    let mut spans = vec![Span::styled(
        format!("{}:{}/{total}", a + 1, p + 1),
        Style::new().bold(),
    )];
    match passage.matches.first() {
        Some(best) => {
            let n = passage.matches.len();
            let s = if n == 1 { "" } else { "s" };
            spans.push(Span::raw(format!(
                " → {n} counterpart{s} · {} {:.2}",
                best.kind.name(),
                best.score
            )));
            let conflicts: usize = passage.matches.iter().map(|m| m.conflicts.len()).sum();
            if conflicts > 0 {
                let s = if conflicts == 1 { "" } else { "s" };
                spans.push(Span::raw(" "));
                spans.push(Span::styled(
                    format!("⚠ {conflicts} conflict{s}"),
                    theme.warning(),
                ));
            }
        }
        None => spans.push(Span::raw(format!(" · {}", passage.class.name()))),
    }
    spans
}

fn hints(app: &App) -> Vec<Span<'static>> {
    let theme = app.theme;
    let has_matches = app
        .selected_passage()
        .is_some_and(|p| !p.matches.is_empty());
    // The keys in force (the config file may have moved them); an action without one has no
    // hint.
    let key = |action| {
        app.keymap.key_of(action).map(|k| match k.code {
            KeyCode::Enter if k.mods.is_empty() => "↵".to_string(),
            _ => k.label(),
        })
    };
    let mut keys: Vec<(String, &str)> = Vec::new();
    if has_matches {
        keys.extend(key(Action::Counterpart).map(|k| (k, "counterpart")));
    }
    let detail = if app.detail { "close detail" } else { "detail" };
    keys.extend(key(Action::ToggleDetail).map(|k| (k, detail)));
    if app.search.is_some() {
        if let (Some(next), Some(prev)) = (key(Action::SearchNext), key(Action::SearchPrev)) {
            keys.push((format!("{next}/{prev}"), "hits"));
        }
    } else {
        keys.extend(key(Action::SearchStart).map(|k| (k, "search")));
    }
    keys.extend(key(Action::ToggleHelp).map(|k| (k, "help")));
    let mut spans = Vec::new();
    for (key, what) in keys {
        spans.push(Span::styled(
            key.to_string(),
            theme.key().patch(theme.status()),
        ));
        spans.push(Span::styled(format!(" {what}  "), theme.status()));
    }
    spans
}

/// Draws the bar.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let theme = app.theme;
    buf.set_style(area, theme.status());
    let t = app.thresholds();
    let mut segments = vec![Segment {
        keep: 9,
        spans: legend(app, true),
        right: false,
        short: Some(legend(app, false)),
    }];
    if let Some(msg) = &app.message {
        let style = match msg.kind {
            MessageKind::Info => Style::new().bold(),
            MessageKind::Ok => theme.ok(),
            MessageKind::Error => theme.error(),
        };
        let text = match msg.kind {
            MessageKind::Info => msg.text.clone(),
            _ => format!(" {} ", msg.text),
        };
        segments.push(Segment {
            keep: 8,
            spans: vec![Span::styled(text, style)],
            right: false,
            short: None,
        });
    } else {
        segments.push(Segment {
            keep: 7,
            spans: selection_info(app),
            right: false,
            short: Some(short_selection(app)),
        });
    }
    if let Some(search) = &app.search {
        let n = search.hits.len();
        let more = if n >= crate::tui::search::MAX_HITS {
            "+"
        } else {
            ""
        };
        let at = match search.current {
            Some(i) => format!("hit {}/{n}{more}", i + 1),
            None if n == 1 => "1 hit".to_string(),
            None => format!("{n}{more} hits"),
        };
        segments.push(Segment {
            keep: 8,
            spans: vec![Span::raw(format!(
                "/{} · {at}",
                truncate(&printable(&search.query), 16)
            ))],
            right: false,
            short: None,
        });
    }
    if app.filter != Filter::All {
        segments.push(Segment {
            keep: 4,
            spans: vec![Span::styled(
                format!("filter: {}", app.filter.name()),
                Style::new().bold(),
            )],
            right: false,
            short: None,
        });
    }
    if !app.aligned {
        segments.push(Segment {
            keep: 3,
            spans: vec![Span::raw("aligned scrolling off")],
            right: false,
            short: None,
        });
    }
    segments.push(Segment {
        keep: 6,
        spans: vec![Span::raw(format!(
            "= ≥{:.2} ~ ≥{:.2}",
            t.min_shared, t.min_paraphrase
        ))],
        right: false,
        short: None,
    });
    segments.push(Segment {
        keep: 5,
        spans: hints(app),
        right: true,
        short: None,
    });
    let width = usize::from(area.width);
    let sep = 3; // " │ "
    let fits =
        |segments: &[Segment]| segments.iter().map(|s| s.width() + sep).sum::<usize>() <= width;
    // Drops the least wanted segment whose `keep` is at most `upto`; false if there is none.
    let drop_one = |segments: &mut Vec<Segment>, upto: u8| {
        let worst = (1..segments.len())
            .filter(|&i| segments[i].keep <= upto)
            .min_by_key(|&i| segments[i].keep);
        worst.map(|i| segments.remove(i)).is_some()
    };
    let shorten = |segments: &mut Vec<Segment>, keep: u8| {
        if let Some(seg) = segments.iter_mut().find(|s| s.keep == keep) {
            if let Some(short) = seg.short.take() {
                seg.spans = short;
            }
        }
    };
    // Short of room: the legend loses its counts, then the key hints and filter notes go, then
    // the selection and the legend get terse, then the rest goes in order.
    if !fits(&segments) {
        shorten(&mut segments, 9);
    }
    while !fits(&segments) && drop_one(&mut segments, 5) {}
    if !fits(&segments) {
        shorten(&mut segments, 7);
    }
    if !fits(&segments) {
        segments[0].spans = tight_legend(app);
    }
    while !fits(&segments) && drop_one(&mut segments, 8) {}
    let mut left: Vec<Span<'static>> = Vec::new();
    let mut right: Vec<Span<'static>> = Vec::new();
    for s in segments {
        if s.right {
            right.extend(s.spans);
            continue;
        }
        if !left.is_empty() {
            left.push(Span::styled(" │ ", theme.dim().patch(theme.status())));
        }
        left.extend(s.spans);
    }
    let line = Line::from(left);
    buf.set_line(area.x, area.y, &line, area.width);
    let rw: usize = right.iter().map(|s| str_width(&s.content)).sum();
    let lw = line.width();
    if rw > 0 && lw + rw < width {
        let x = area.x + (width - rw) as u16;
        buf.set_line(x, area.y, &Line::from(right), rw as u16);
    }
}
