//! The detail panel: for the selected passage and each counterpart, the word-level diff, the
//! kind and scores, the key terms, and fact conflicts with both readings.

use super::wrap_spans;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::layout::Geometry;
use artdiff::model::{Class, DiffOp, Match, Passage};
use artdiff::near_miss;
use artdiff::safe_text::printable;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Widget};

type Pieces = Vec<(String, Style)>;

fn clean(s: &str) -> String {
    printable(s).replace(['\n', '\t'], " ")
}

/// Finds `word` in `text` from byte `from`: as it is, else without the punctuation around it.
fn find_word(text: &str, from: usize, word: &str) -> Option<std::ops::Range<usize>> {
    let hay = &text[from..];
    if let Some(i) = hay.find(word) {
        return Some(from + i..from + i + word.len());
    }
    let core = word.trim_matches(|c: char| !c.is_alphanumeric());
    if core.is_empty() {
        return None;
    }
    hay.find(core).map(|i| from + i..from + i + core.len())
}

/// One side of a pair, as its own text with the words the other side lacks marked: the diff
/// runs (equal and this side's own) are found word by word in the passage text, so that the
/// text shows as written, punctuation and quotes included.
fn diff_side(app: &App, text: &str, m: &Match, own: DiffOp) -> Pieces {
    let theme = app.theme;
    let text = clean(text);
    let mut marks: Vec<std::ops::Range<usize>> = Vec::new();
    let mut at = 0;
    for run in m.diff.iter() {
        if run.op != DiffOp::Equal && run.op != own {
            continue;
        }
        for word in run.text.split_whitespace() {
            if let Some(r) = find_word(&text, at, word) {
                at = r.end;
                if run.op == own {
                    match marks.last_mut() {
                        // Merge with the previous mark when only spaces lie between.
                        Some(last) if text[last.end..r.start].trim().is_empty() => last.end = r.end,
                        _ => marks.push(r),
                    }
                }
            }
        }
    }
    let (style, open, close) = if own == DiffOp::Delete {
        (theme.deleted(), "[-", "-]")
    } else {
        (theme.inserted(), "{+", "+}")
    };
    let mono = !theme.colored();
    let mut out = Pieces::new();
    let mut at = 0;
    for r in marks {
        if at < r.start {
            out.push((text[at..r.start].to_string(), Style::new()));
        }
        let word = &text[r.clone()];
        let shown = if mono {
            format!("{open}{word}{close}")
        } else {
            word.to_string()
        };
        out.push((shown, style));
        at = r.end;
    }
    if at < text.len() {
        out.push((text[at..].to_string(), Style::new()));
    }
    out
}

fn tag(app: &App, article: usize, passage: &Passage) -> (String, Style) {
    (
        format!(" {} ", article + 1),
        app.theme.marker(passage.class, false),
    )
}

/// The panel's lines (unwrapped pieces) for the selection.
fn content(app: &App) -> Vec<Pieces> {
    let theme = app.theme;
    let Some((a, p)) = app.selection() else {
        return vec![vec![("Nothing selected.".into(), theme.dim())]];
    };
    let passage = &app.comparison.articles[a].passages[p];
    let mut out: Vec<Pieces> = Vec::new();
    if passage.matches.is_empty() {
        let why = match passage.class {
            Class::Boilerplate => "boilerplate: web chrome, never compared",
            _ => "unique: no counterpart in the other articles at these thresholds",
        };
        out.push(vec![(why.into(), theme.dim())]);
        let (t, s) = tag(app, a, passage);
        out.push(vec![
            (t, s),
            (" ".into(), Style::new()),
            (clean(&passage.text), Style::new()),
        ]);
        if passage.class == Class::Unique {
            out.push(Vec::new());
            out.extend(near_misses(app, a, p));
        }
        return out;
    }
    for m in &passage.matches {
        let other = app.comparison.passage(m.article, m.passage);
        let mut head: Pieces = vec![
            (
                format!("{}:{} ↔ {}:{}", a + 1, p + 1, m.article + 1, m.passage + 1),
                Style::new().bold(),
            ),
            ("  ".into(), Style::new()),
            (format!(" {} ", m.kind.name()), theme.legend(m.kind.class())),
            (format!(" {:.2}", m.score), Style::new().bold()),
            (
                format!(
                    "  verbatim {:.2} · paraphrase {:.2}",
                    m.verbatim, m.paraphrase
                ),
                theme.dim(),
            ),
        ];
        if !m.conflicts.is_empty() {
            let kinds: Vec<&str> = m.conflicts.iter().map(|c| c.kind.name()).collect();
            head.push(("  ".into(), Style::new()));
            head.push((format!("⚠ {}", kinds.join(", ")), theme.warning()));
        }
        out.push(head);
        let (t1, s1) = tag(app, a, passage);
        let (t2, s2) = match other {
            Some(o) => tag(app, m.article, o),
            None => (format!(" {}: ", m.article + 1), Style::new()),
        };
        if m.diff.is_empty() {
            out.push(vec![
                (t1, s1),
                (" ".into(), Style::new()),
                (clean(&passage.text), Style::new()),
            ]);
            let text = other.map(|o| clean(&o.text)).unwrap_or_default();
            out.push(vec![
                (t2, s2),
                (" ".into(), Style::new()),
                (text, Style::new()),
            ]);
        } else {
            let mut mine = vec![(t1, s1), (" ".into(), Style::new())];
            mine.extend(diff_side(app, &passage.text, m, DiffOp::Delete));
            out.push(mine);
            let mut theirs = vec![(t2, s2), (" ".into(), Style::new())];
            let other_text = other.map_or("", |o| o.text.as_str());
            theirs.extend(diff_side(app, other_text, m, DiffOp::Insert));
            out.push(theirs);
        }
        if !m.terms.is_empty() {
            let terms: Vec<String> = m.terms.iter().map(|t| clean(t)).collect();
            out.push(vec![
                ("key terms: ".into(), theme.dim()),
                (terms.join(", "), Style::new().italic()),
            ]);
        }
        for c in &m.conflicts {
            out.push(vec![
                (format!("⚠ {} conflict:", c.kind.name()), theme.warning()),
                (" ".into(), Style::new()),
                (clean(&c.a), Style::new().bold()),
                (format!(" ({}:{})", a + 1, p + 1), theme.dim()),
                (" vs ".into(), Style::new()),
                (clean(&c.b), Style::new().bold()),
                (
                    format!(" ({}:{})", m.article + 1, m.passage + 1),
                    theme.dim(),
                ),
            ]);
        }
        out.push(Vec::new());
    }
    out.pop();
    out
}

/// "Why unique?": the candidates that came closest, one line each, and how to move the
/// threshold (keys from the keymap in force).
fn near_misses(app: &App, a: usize, p: usize) -> Vec<Pieces> {
    let theme = app.theme;
    let near = app.comparison.near_misses(a, p, near_miss::SHOWN);
    if near.is_empty() {
        return vec![vec![("No candidate came close.".into(), theme.dim())]];
    }
    let mut out: Vec<Pieces> = vec![vec![(
        "Closest (below thresholds):".into(),
        Style::new().bold(),
    )]];
    let sep = || (" · ".to_string(), theme.dim());
    for n in &near {
        let mut line: Pieces = vec![
            (n.other_ref(), Style::new().bold()),
            (
                format!(" {} {:.2}", n.closest.name(), n.closest.score),
                Style::new(),
            ),
            (format!(" ({})", n.threshold_note()), theme.dim()),
        ];
        if let Some(q) = n.with_neighbour {
            line.push(sep());
            line.push((format!("scored with {}:{}", a + 1, q + 1), theme.dim()));
        }
        if let Some((held, by)) = n.taken {
            line.push(sep());
            line.push((
                format!(
                    "but {}:{} is matched with {}:{}",
                    held.0 + 1,
                    held.1 + 1,
                    by.0 + 1,
                    by.1 + 1
                ),
                theme.dim(),
            ));
        }
        if !n.terms.is_empty() {
            let terms: Vec<String> = n.terms.iter().map(|t| clean(t)).collect();
            line.push(sep());
            line.push(("shares ".into(), theme.dim()));
            line.push((terms.join(", "), Style::new().italic()));
        }
        if !n.differs.is_empty() {
            let pairs: Vec<String> = n.differs.iter().map(|r| clean(&r.label(4))).collect();
            line.push(sep());
            line.push(("differs ".into(), theme.dim()));
            line.push((pairs.join(", "), Style::new()));
        }
        for c in &n.conflicts {
            line.push(("  ".into(), Style::new()));
            line.push((
                format!("⚠ {} ≠ {}", clean(&c.a), clean(&c.b)),
                theme.warning(),
            ));
        }
        out.push(line);
    }
    let key = |action| app.keymap.key_of(action).map(|k| k.label());
    let t = app.comparison.thresholds();
    let hint = match (key(Action::ThresholdDown), key(Action::ThresholdUp)) {
        (Some(down), Some(up)) => Some(format!("{down} lowers, {up} raises")),
        (Some(down), None) => Some(format!("{down} lowers")),
        (None, Some(up)) => Some(format!("{up} raises")),
        (None, None) => None,
    };
    if let Some(hint) = hint {
        out.push(vec![(
            format!(
                "{hint} the paraphrase threshold (now {:.2})",
                t.min_paraphrase
            ),
            theme.dim(),
        )]);
    }
    out
}

/// The wrapped lines for a panel whose inside is `width` columns wide.
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    content(app)
        .iter()
        .flat_map(|pieces| {
            if pieces.is_empty() {
                vec![Line::default()]
            } else {
                wrap_spans(pieces, width.max(1))
            }
        })
        .collect()
}

fn inner(area: Rect) -> Rect {
    Geometry::inner(area)
}

/// How far the panel scrolls.
pub(super) fn max_scroll(app: &App) -> usize {
    let Some(area) = app.geometry.detail else {
        return 0;
    };
    let inner = inner(area);
    lines(app, usize::from(inner.width.saturating_sub(1)))
        .len()
        .saturating_sub(usize::from(inner.height))
}

/// ` J/K scroll · d close `, with the keys in force (an action without a key is left out).
fn bottom_hint(app: &App) -> String {
    let key = |action| app.keymap.key_of(action).map(|k| k.label());
    let mut parts = Vec::new();
    match (key(Action::DetailDown), key(Action::DetailUp)) {
        (Some(down), Some(up)) => parts.push(format!("{down}/{up} scroll")),
        (Some(k), None) | (None, Some(k)) => parts.push(format!("{k} scroll")),
        (None, None) => {}
    }
    if let Some(k) = key(Action::ToggleDetail) {
        parts.push(format!("{k} close"));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" {} ", parts.join(" · "))
    }
}

/// Draws the panel.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme;
    let mut title = vec![Span::styled(" Detail ", theme.title(false))];
    if let Some((a, p)) = app.selection() {
        let passage = &app.comparison.articles[a].passages[p];
        let n = passage.matches.len();
        title.push(Span::raw(format!(
            "· {}:{} · {} · {n} counterpart{} ",
            a + 1,
            p + 1,
            passage.class.name(),
            if n == 1 { "" } else { "s" }
        )));
    }
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border(false))
        .title_top(Line::from(title))
        .title_bottom(Line::from(Span::styled(bottom_hint(app), theme.dim())).right_aligned());
    let inside = block.inner(area);
    block.render(area, buf);
    if inside.width < 2 || inside.height == 0 {
        return;
    }
    let all = lines(app, usize::from(inside.width - 1));
    let scroll = app.detail_scroll.min(all.len().saturating_sub(1));
    for (i, line) in all
        .iter()
        .skip(scroll)
        .take(usize::from(inside.height))
        .enumerate()
    {
        buf.set_line(inside.x + 1, inside.y + i as u16, line, inside.width - 1);
    }
}
