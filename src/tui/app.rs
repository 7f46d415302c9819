//! The app state and the one function that changes it, [`App::update`].
//!
//! Nothing here touches the terminal: the run loop turns events into [`Action`]s, calls
//! `update`, then draws the state with the pure functions in `view/`.
//!
//! Scrolling works in rows of wrapped text, but a pane's position is kept as a passage and a
//! row inside it ([`Pos`]), so that moving around only ever wraps the passages it walks over:
//! a key press costs the same on a 1 MB article as on a short one.

use super::action::Action;
use super::export::{self, Export};
use super::keymap::{Keymap, Mode};
use super::layout::{Geometry, ScrollLimits};
use super::line_edit::LineEdit;
use super::search::Search;
use super::theme::Theme;
use super::wrap::{display_text, str_width, truncate, WrapCache, Wrapped};
use artdiff::model::{Article, Class, ClassCounts, Comparison, Passage, Thresholds};
use artdiff::safe_text::printable;
use artdiff::Settings;
use ratatui::layout::Rect;

/// What the loop does after an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Flow {
    /// Keep running.
    Continue,
    /// Leave the TUI.
    Quit,
    /// Write a report (file I/O is the loop's, see [`export::perform`]), then keep running.
    Export(Export),
}

/// Which passages the panes show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Filter {
    /// Every passage.
    #[default]
    All,
    /// All but boilerplate.
    HideBoilerplate,
    /// Only unique passages.
    OnlyUnique,
    /// Only shared and paraphrased passages.
    OnlyMatched,
}

impl Filter {
    /// Whether a passage of `class` is shown.
    pub fn shows(self, class: Class) -> bool {
        match self {
            Filter::All => true,
            Filter::HideBoilerplate => class != Class::Boilerplate,
            Filter::OnlyUnique => class == Class::Unique,
            Filter::OnlyMatched => matches!(class, Class::Shared | Class::Paraphrased),
        }
    }

    /// The next filter in the cycle.
    pub fn next(self) -> Filter {
        match self {
            Filter::All => Filter::HideBoilerplate,
            Filter::HideBoilerplate => Filter::OnlyUnique,
            Filter::OnlyUnique => Filter::OnlyMatched,
            Filter::OnlyMatched => Filter::All,
        }
    }

    /// As shown in the status bar.
    pub fn name(self) -> &'static str {
        match self {
            Filter::All => "all",
            Filter::HideBoilerplate => "no boilerplate",
            Filter::OnlyUnique => "unique only",
            Filter::OnlyMatched => "shared + paraphrased",
        }
    }
}

/// A row in a pane: passage `passage`, row `line` of its block (its wrapped lines, then a blank
/// row when the next shown passage starts a new paragraph). `passage == passages.len()` is the
/// end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    /// Passage index in the article.
    pub passage: usize,
    /// Row inside the passage's block.
    pub line: usize,
}

/// One article's pane.
#[derive(Debug, Clone)]
pub struct Pane {
    /// The first row on screen (after `pad`).
    pub top: Pos,
    /// Blank rows above the first passage, so that aligned scrolling can put a counterpart
    /// near the start of its article level with a selection further down.
    pub pad: usize,
    /// The selected passage (the one shown when the pane has focus); `None` if nothing is shown.
    pub selected: Option<usize>,
    /// Wrapped passages at this pane's width.
    pub wraps: WrapCache,
}

/// An overlay over the panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// The key list.
    Help,
    /// The similarity matrix and coverage.
    Matrix,
}

/// What a prompt asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// A search query.
    Search,
    /// A path to export the report to.
    Export,
}

/// An open prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    /// What it asks for.
    pub kind: PromptKind,
    /// The text typed so far.
    pub input: LineEdit,
}

/// How a status message looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    /// Plain information.
    Info,
    /// Something worked.
    Ok,
    /// Something did not work.
    Error,
}

/// A one-line message in the status bar, until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// Its look.
    pub kind: MessageKind,
    /// The text.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Cycle {
    targets: Vec<(usize, usize)>,
    index: usize,
}

/// The default export path.
pub const DEFAULT_EXPORT: &str = "artdiff-report.html";
/// How much `+`/`-` move the paraphrase threshold.
pub const THRESHOLD_STEP: f64 = 0.05;

/// Everything the TUI shows.
#[derive(Debug, Clone)]
pub struct App {
    /// The comparison (re-classified in place when thresholds move).
    pub comparison: Comparison,
    /// Engine settings; `thresholds` follow `+`/`-`.
    pub settings: Settings,
    /// Colours and attributes.
    pub theme: Theme,
    /// Keys and what they do.
    pub keymap: Keymap,
    /// The path the export prompt starts with.
    pub export_path: String,
    /// One pane per article.
    pub panes: Vec<Pane>,
    /// The focused pane.
    pub focus: usize,
    /// The open overlay.
    pub overlay: Option<Overlay>,
    /// Scroll of the help overlay.
    pub overlay_scroll: usize,
    /// The open prompt.
    pub prompt: Option<Prompt>,
    /// Whether the detail panel is open.
    pub detail: bool,
    /// Scroll of the detail panel.
    pub detail_scroll: usize,
    /// Which passages are shown.
    pub filter: Filter,
    /// Aligned scrolling.
    pub aligned: bool,
    /// The active search.
    pub search: Option<Search>,
    /// The status message.
    pub message: Option<Message>,
    /// Where things are on screen.
    pub geometry: Geometry,
    /// Passages per class over all articles.
    pub counts: ClassCounts,
    /// How far the detail panel and the help overlay scroll, as drawn now: set by the loop
    /// after every action from the views ([`super::view::scroll_limits`]).
    pub limits: ScrollLimits,
    saved_search: Option<Search>,
    cycle: Option<Cycle>,
}

/// Walks one pane's passages in rows, wrapping lazily.
struct Nav<'a> {
    passages: &'a [Passage],
    wraps: &'a mut WrapCache,
    filter: Filter,
}

/// The conflict badge drawn after a passage: `⚠ 14 ≠ 41`, `+n` for more conflicts.
pub fn conflict_badge(passage: &Passage) -> Option<String> {
    let mut conflicts = passage.matches.iter().flat_map(|m| &m.conflicts);
    let first = conflicts.next()?;
    let more = conflicts.count();
    let a = truncate(&printable(&first.a), 14).replace('\n', " ");
    let b = truncate(&printable(&first.b), 14).replace('\n', " ");
    let mut badge = format!("⚠ {a} ≠ {b}");
    if more > 0 {
        badge.push_str(&format!(" +{more}"));
    }
    Some(badge)
}

/// Wraps a passage for a pane `width` columns wide.
pub fn wrap_passage(passage: &Passage, width: usize) -> Wrapped {
    let badge = conflict_badge(passage).map(|b| str_width(&b).min(width));
    Wrapped::new(&display_text(&passage.text), badge, width)
}

impl Nav<'_> {
    fn len(&self) -> usize {
        self.passages.len()
    }

    fn visible(&self, p: usize) -> bool {
        p < self.len() && self.filter.shows(self.passages[p].class)
    }

    fn next_visible(&self, p: usize) -> Option<usize> {
        (p + 1..self.len()).find(|&q| self.visible(q))
    }

    fn prev_visible(&self, p: usize) -> Option<usize> {
        (0..p.min(self.len())).rev().find(|&q| self.visible(q))
    }

    fn first(&self) -> Option<usize> {
        (0..self.len()).find(|&q| self.visible(q))
    }

    fn last(&self) -> Option<usize> {
        self.prev_visible(self.len())
    }

    fn end(&self) -> Pos {
        Pos {
            passage: self.len(),
            line: 0,
        }
    }

    fn rows(&mut self, p: usize) -> usize {
        let passages = self.passages;
        self.wraps
            .get_or_insert(p, |w| wrap_passage(&passages[p], w))
            .rows()
    }

    fn gap(&self, p: usize) -> usize {
        match self.next_visible(p) {
            Some(q) if self.passages[q].paragraph != self.passages[p].paragraph => 1,
            _ => 0,
        }
    }

    /// Rows of a passage's block: its lines and the paragraph gap.
    fn height(&mut self, p: usize) -> usize {
        self.rows(p) + self.gap(p)
    }

    /// `n` rows further down, or the end.
    fn forward(&mut self, mut pos: Pos, mut n: usize) -> Pos {
        loop {
            if pos.passage >= self.len() {
                return self.end();
            }
            let h = self.height(pos.passage);
            if pos.line + n < h {
                return Pos {
                    passage: pos.passage,
                    line: pos.line + n,
                };
            }
            n -= h - pos.line;
            match self.next_visible(pos.passage) {
                Some(q) => {
                    pos = Pos {
                        passage: q,
                        line: 0,
                    }
                }
                None => return self.end(),
            }
        }
    }

    /// `n` rows further up, or the first row.
    fn back(&mut self, mut pos: Pos, mut n: usize) -> Pos {
        if n == 0 {
            return pos;
        }
        if pos.passage >= self.len() {
            pos = self.end();
        }
        loop {
            if pos.passage < self.len() && pos.line >= n {
                return Pos {
                    passage: pos.passage,
                    line: pos.line - n,
                };
            }
            n -= pos.line;
            match self.prev_visible(pos.passage) {
                Some(q) => {
                    let h = self.height(q);
                    pos = Pos {
                        passage: q,
                        line: h,
                    };
                }
                None => {
                    return Pos {
                        passage: self.first().unwrap_or(0),
                        line: 0,
                    }
                }
            }
        }
    }

    /// The furthest a view `h` rows high scrolls: the last row at the bottom.
    fn max_top(&mut self, h: usize) -> Pos {
        let end = self.end();
        self.back(end, h.max(1))
    }

    /// Rows from `top` down to the start of passage `p` (negative: above), if within `limit`.
    fn row_of(&mut self, top: Pos, p: usize, limit: usize) -> Option<isize> {
        let limit = limit as isize;
        let mut r = -(top.line as isize);
        let mut q = top.passage;
        if p >= q {
            while q < p {
                r += self.height(q) as isize;
                if r > limit {
                    return None;
                }
                q = self.next_visible(q)?;
            }
        } else {
            while q > p {
                q = self.prev_visible(q)?;
                r -= self.height(q) as isize;
                if r < -limit {
                    return None;
                }
            }
        }
        (q == p).then_some(r)
    }

    /// A shown passage at or near `p`: `p`, else the next shown, else the previous.
    fn nearest(&self, p: usize) -> Option<usize> {
        if self.visible(p) {
            return Some(p);
        }
        self.next_visible(p).or_else(|| self.prev_visible(p))
    }

    /// `pos` moved onto a shown passage and a row it has.
    fn normalize(&mut self, pos: Pos) -> Pos {
        match self.nearest(pos.passage.min(self.len().saturating_sub(1))) {
            Some(p) if p == pos.passage => {
                let h = self.height(p);
                Pos {
                    passage: p,
                    line: pos.line.min(h.saturating_sub(1)),
                }
            }
            Some(p) => Pos {
                passage: p,
                line: 0,
            },
            None => Pos::default(),
        }
    }
}

impl App {
    /// A new app over a comparison, laid out for an 80×24 terminal until told the real size.
    pub fn new(comparison: Comparison, settings: Settings, theme: Theme) -> App {
        let panes = comparison
            .articles
            .iter()
            .map(|a| Pane {
                top: Pos::default(),
                pad: 0,
                selected: (!a.passages.is_empty()).then_some(0),
                wraps: WrapCache::new(a.passages.len()),
            })
            .collect();
        let mut app = App {
            comparison,
            settings,
            theme,
            keymap: Keymap::default(),
            export_path: DEFAULT_EXPORT.to_string(),
            panes,
            focus: 0,
            overlay: None,
            overlay_scroll: 0,
            prompt: None,
            detail: false,
            detail_scroll: 0,
            filter: Filter::All,
            aligned: true,
            search: None,
            message: None,
            geometry: Geometry::default(),
            counts: ClassCounts::default(),
            limits: ScrollLimits::default(),
            saved_search: None,
            cycle: None,
        };
        app.recount();
        app.resize(80, 24);
        app
    }

    /// Who has the keyboard.
    pub fn mode(&self) -> Mode {
        if self.prompt.is_some() {
            Mode::Prompt
        } else if self.overlay.is_some() {
            Mode::Overlay
        } else {
            Mode::Normal
        }
    }

    /// The thresholds in force.
    pub fn thresholds(&self) -> Thresholds {
        self.comparison
            .summary
            .thresholds
            .unwrap_or(self.settings.thresholds)
    }

    /// The focused pane's selected passage, as (article, passage).
    pub fn selection(&self) -> Option<(usize, usize)> {
        let sel = self.panes.get(self.focus)?.selected?;
        Some((self.focus, sel))
    }

    /// The selected passage.
    pub fn selected_passage(&self) -> Option<&Passage> {
        let (a, p) = self.selection()?;
        self.comparison.passage(a, p)
    }

    /// Whether (article, passage) is the selection or one of its counterparts.
    pub fn is_lit(&self, article: usize, passage: usize) -> bool {
        let Some((a, p)) = self.selection() else {
            return false;
        };
        if (a, p) == (article, passage) {
            return true;
        }
        self.comparison.articles[a].passages[p]
            .matches
            .iter()
            .any(|m| m.article == article && m.passage == passage)
    }

    /// Whether passage `p` of article `a` is shown under the filter.
    pub fn shows(&self, a: usize, p: usize) -> bool {
        self.comparison
            .passage(a, p)
            .is_some_and(|x| self.filter.shows(x.class))
    }

    /// The wrapped passage from the cache, or wrapped now if it is not there.
    pub fn wrapped(&self, a: usize, p: usize) -> std::borrow::Cow<'_, Wrapped> {
        let pane = &self.panes[a];
        match pane.wraps.get(p) {
            Some(w) => std::borrow::Cow::Borrowed(w),
            None => std::borrow::Cow::Owned(wrap_passage(
                &self.comparison.articles[a].passages[p],
                self.geometry.text_width(a),
            )),
        }
    }

    /// Whether a blank row follows passage `p` (the next shown passage starts a paragraph).
    pub fn gap_after(&self, a: usize, p: usize) -> bool {
        let passages = &self.comparison.articles[a].passages;
        let next = (p + 1..passages.len()).find(|&q| self.filter.shows(passages[q].class));
        next.is_some_and(|q| passages[q].paragraph != passages[p].paragraph)
    }

    fn nav(&mut self, k: usize) -> Nav<'_> {
        Nav {
            passages: &self.comparison.articles[k].passages,
            wraps: &mut self.panes[k].wraps,
            filter: self.filter,
        }
    }

    fn article(&self, k: usize) -> &Article {
        &self.comparison.articles[k]
    }

    fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            kind: MessageKind::Info,
            text: text.into(),
        });
    }

    fn recount(&mut self) {
        let mut counts = ClassCounts::default();
        for article in &self.comparison.articles {
            for p in &article.passages {
                counts.add(p.class, 1);
            }
        }
        self.counts = counts;
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) -> Flow {
        if !matches!(action, Action::Resize(..)) {
            self.message = None;
        }
        if self.panes.is_empty() {
            return match action {
                Action::Quit | Action::Close | Action::Cancel => Flow::Quit,
                Action::Resize(w, h) => {
                    self.resize(w, h);
                    Flow::Continue
                }
                _ => Flow::Continue,
            };
        }
        if let Some(prompt) = &mut self.prompt {
            if prompt.input.edit(action) {
                if prompt.kind == PromptKind::Search {
                    let query = prompt.input.text.clone();
                    self.search = (!query.is_empty()).then(|| match &self.search {
                        Some(s) => s.extend(&self.comparison, &query),
                        None => Search::new(&self.comparison, &query),
                    });
                }
                return Flow::Continue;
            }
        }
        match action {
            Action::Quit => return Flow::Quit,
            Action::Down => self.step(true),
            Action::Up => self.step(false),
            Action::PageDown | Action::PageUp if self.overlay.is_some() => {
                let page = usize::from(self.geometry.area.height.saturating_sub(6)).max(1);
                self.scroll_overlay(action == Action::PageDown, page);
            }
            Action::PageDown => self.page(true, false),
            Action::PageUp => self.page(false, false),
            Action::HalfPageDown => self.page(true, true),
            Action::HalfPageUp => self.page(false, true),
            Action::Top => {
                if let Some(p) = self.nav(self.focus).first() {
                    self.select(p);
                }
            }
            Action::Bottom => {
                if let Some(p) = self.nav(self.focus).last() {
                    self.select(p);
                }
            }
            Action::FocusLeft => {
                if self.focus > 0 {
                    self.focus_pane(self.focus - 1);
                }
            }
            Action::FocusRight => {
                if self.focus + 1 < self.panes.len() {
                    self.focus_pane(self.focus + 1);
                }
            }
            Action::FocusNext => self.focus_pane((self.focus + 1) % self.panes.len()),
            Action::FocusPrev => {
                self.focus_pane((self.focus + self.panes.len() - 1) % self.panes.len())
            }
            Action::FocusPane(k) => {
                if usize::from(k) < self.panes.len() {
                    self.focus_pane(usize::from(k));
                } else {
                    self.info(format!("there is no pane {}", k + 1));
                }
            }
            Action::Counterpart => self.counterpart(),
            Action::NextSameClass | Action::PrevSameClass => {
                if let Some(class) = self.selected_passage().map(|p| p.class) {
                    self.next_of_class(class, action == Action::NextSameClass);
                }
            }
            Action::NextOfClass(class) => self.next_of_class(class, true),
            Action::ToggleAlign => {
                self.aligned = !self.aligned;
                self.align();
                let state = if self.aligned { "on" } else { "off" };
                self.info(format!("aligned scrolling {state}"));
            }
            Action::ToggleDetail => {
                self.detail = !self.detail;
                self.detail_scroll = 0;
                self.relayout();
            }
            Action::DetailDown => {
                if self.detail {
                    self.detail_scroll += 1;
                    self.detail_scroll = self.detail_scroll.min(self.limits.detail);
                }
            }
            Action::DetailUp => self.detail_scroll = self.detail_scroll.saturating_sub(1),
            Action::CycleFilter => {
                self.filter = self.filter.next();
                self.refilter();
                let shown: usize = Class::ALL
                    .iter()
                    .filter(|&&c| self.filter.shows(c))
                    .map(|&c| self.counts.get(c))
                    .sum();
                self.info(format!("filter: {} ({shown} passages)", self.filter.name()));
            }
            Action::SearchStart => {
                self.saved_search = self.search.clone();
                self.prompt = Some(Prompt {
                    kind: PromptKind::Search,
                    input: LineEdit::default(),
                });
            }
            Action::SearchNext => self.next_hit(true),
            Action::SearchPrev => self.next_hit(false),
            Action::ThresholdUp => self.move_threshold(THRESHOLD_STEP),
            Action::ThresholdDown => self.move_threshold(-THRESHOLD_STEP),
            Action::ToggleMatrix => self.toggle_overlay(Overlay::Matrix),
            Action::ToggleHelp => self.toggle_overlay(Overlay::Help),
            Action::ExportStart => {
                self.prompt = Some(Prompt {
                    kind: PromptKind::Export,
                    input: LineEdit::new(&self.export_path),
                });
            }
            Action::Close => {
                if self.overlay.is_some() {
                    self.overlay = None;
                } else if self.detail {
                    self.detail = false;
                    self.relayout();
                } else if self.search.is_some() {
                    self.search = None;
                    self.info("search cleared");
                }
            }
            Action::OverlayDown => self.scroll_overlay(true, 1),
            Action::OverlayUp => self.scroll_overlay(false, 1),
            Action::Confirm => return self.confirm(),
            Action::Cancel => {
                if let Some(prompt) = self.prompt.take() {
                    if prompt.kind == PromptKind::Search {
                        self.search = self.saved_search.take();
                    }
                }
            }
            Action::Input(_)
            | Action::Backspace
            | Action::Delete
            | Action::CursorLeft
            | Action::CursorRight
            | Action::CursorHome
            | Action::CursorEnd
            | Action::DeleteWord
            | Action::ClearLine => {}
            Action::Resize(w, h) => self.resize(w, h),
            Action::Wheel { x, y, down } => self.wheel(x, y, down),
            Action::Click { x, y } => self.click(x, y),
        }
        Flow::Continue
    }

    fn toggle_overlay(&mut self, overlay: Overlay) {
        self.overlay = if self.overlay == Some(overlay) {
            None
        } else {
            Some(overlay)
        };
        self.overlay_scroll = 0;
    }

    fn scroll_overlay(&mut self, down: bool, n: usize) {
        if down {
            self.overlay_scroll = (self.overlay_scroll + n).min(self.limits.overlay);
        } else {
            self.overlay_scroll = self.overlay_scroll.saturating_sub(n);
        }
    }

    /// Lays out for a terminal `w`×`h`.
    pub fn resize(&mut self, w: u16, h: u16) {
        self.geometry = Geometry::compute(Rect::new(0, 0, w, h), self.panes.len(), self.detail);
        self.relayout();
    }

    /// Re-applies widths after the layout changed, and keeps the selection in view.
    fn relayout(&mut self) {
        let area = self.geometry.area;
        self.geometry = Geometry::compute(area, self.panes.len(), self.detail);
        for k in 0..self.panes.len() {
            let width = self.geometry.text_width(k);
            self.panes[k].wraps.set_width(width);
            let top = self.panes[k].top;
            let top = self.nav(k).normalize(top);
            self.panes[k].top = top;
            self.panes[k].pad = 0;
        }
        self.settle();
    }

    /// After the selection moved: keep it in view, line the others up with it.
    fn settle(&mut self) {
        if self.panes.is_empty() {
            return;
        }
        self.ensure_visible(self.focus);
        self.align();
    }

    fn step(&mut self, down: bool) {
        let k = self.focus;
        let Some(sel) = self.panes[k].selected else {
            return;
        };
        let next = {
            let nav = self.nav(k);
            if down {
                nav.next_visible(sel)
            } else {
                nav.prev_visible(sel)
            }
        };
        match next {
            Some(p) => self.select(p),
            None if down => {
                // The last passage: show its end if it is taller than the view.
                let h = self.geometry.text_height(k);
                if self.scroll_by(k, true, h / 2) {
                    self.align();
                }
            }
            None => {}
        }
    }

    /// Selects passage `p` in the focused pane.
    pub fn select(&mut self, p: usize) {
        let k = self.focus;
        self.panes[k].selected = Some(p);
        self.detail_scroll = 0;
        self.settle();
    }

    fn scrolloff(h: usize) -> usize {
        if h >= 16 {
            3
        } else if h >= 8 {
            1
        } else {
            0
        }
    }

    /// Scrolls pane `k` so that its selection is on screen, with a margin.
    fn ensure_visible(&mut self, k: usize) {
        let h = self.geometry.text_height(k);
        let Some(sel) = self.panes[k].selected else {
            return;
        };
        if h == 0 {
            return;
        }
        let so = Self::scrolloff(h);
        let top = self.panes[k].top;
        let pad = self.panes[k].pad as isize;
        let mut nav = self.nav(k);
        if !nav.visible(sel) {
            return;
        }
        let rows = nav.rows(sel);
        let start = Pos {
            passage: sel,
            line: 0,
        };
        let row = nav.row_of(top, sel, 2 * h + rows).map(|r| r + pad);
        let above = match row {
            Some(r) => r < so as isize,
            None => sel < top.passage,
        };
        let below = match row {
            Some(r) => r + rows as isize > (h - so) as isize,
            None => sel >= top.passage,
        };
        let new_top = if above {
            nav.back(start, so)
        } else if below {
            let want = h.saturating_sub(so + rows);
            let want = if rows + so > h { 0 } else { want };
            let candidate = nav.back(start, want);
            let max_top = nav.max_top(h).max(top);
            candidate.min(max_top).max(top.min(candidate))
        } else {
            return;
        };
        self.panes[k].top = new_top;
        self.panes[k].pad = 0;
    }

    /// Scrolls every other pane so the selection's counterparts sit level with it. A pane where
    /// the selection has no counterpart is lined up on the nearest passage above it that has
    /// one, so that the panes keep step through unique stretches.
    fn align(&mut self) {
        if !self.aligned {
            return;
        }
        let f = self.focus;
        let Some(sel) = self.panes[f].selected else {
            return;
        };
        let h = self.geometry.text_height(f);
        let top = self.panes[f].top;
        let pad = self.panes[f].pad as isize;
        for k in 0..self.panes.len() {
            if k == f {
                continue;
            }
            let Some((q, cp)) = self.anchor(f, sel, k) else {
                // Nothing nearby to line up with: drop blank rows left by an earlier alignment.
                self.panes[k].pad = 0;
                continue;
            };
            let Some(y) = self.nav(f).row_of(top, q, 4 * h + 64).map(|r| r + pad) else {
                self.panes[k].pad = 0;
                continue;
            };
            let hk = self.geometry.text_height(k);
            // An anchor below the screen puts its counterpart on the last row, not further.
            let y = y.min(hk as isize - 1);
            let mut nav = self.nav(k);
            let start = Pos {
                passage: cp,
                line: 0,
            };
            let (new_top, new_pad) = if y >= 0 {
                let t = nav.back(start, y as usize);
                let above = nav.row_of(t, cp, y as usize).unwrap_or(y);
                (t, (y - above).max(0) as usize)
            } else {
                let t = nav.forward(start, (-y) as usize);
                if t.passage >= nav.len() {
                    (nav.max_top(hk), 0)
                } else {
                    (t, 0)
                }
            };
            self.panes[k].top = new_top;
            self.panes[k].pad = new_pad;
        }
    }

    /// What to line pane `k` up on: (passage in the focused pane, its counterpart in `k`) for
    /// the selection if it has a counterpart there, else for the nearest passage above it that
    /// has.
    fn anchor(&self, f: usize, sel: usize, k: usize) -> Option<(usize, usize)> {
        if let Some(cp) = self.counterpart_in(f, sel, k) {
            return Some((sel, cp));
        }
        const REACH: usize = 40;
        let passages = &self.comparison.articles[f].passages;
        let direct = |q: usize| {
            if !self.filter.shows(passages[q].class) {
                return None;
            }
            passages[q]
                .matches
                .iter()
                .find(|m| m.article == k && self.shows(k, m.passage))
                .map(|m| (q, m.passage))
        };
        // Only passages above: the panes keep step as the reader moves on through a unique
        // stretch, but a pane is never pulled down to line up with something not yet read
        // (at the top of the articles every pane stays at its start).
        (1..=REACH).find_map(|d| sel.checked_sub(d).and_then(direct))
    }

    /// The passage of pane `k` that says what passage `p` of article `a` says: its counterpart
    /// there, else a counterpart of one of its counterparts.
    pub fn counterpart_in(&self, a: usize, p: usize, k: usize) -> Option<usize> {
        let passage = self.comparison.passage(a, p)?;
        let direct = |q: &Passage| {
            q.matches
                .iter()
                .find(|m| m.article == k && self.shows(k, m.passage))
                .map(|m| m.passage)
        };
        direct(passage).or_else(|| {
            passage
                .matches
                .iter()
                .filter(|m| m.article != k)
                .find_map(|m| direct(self.comparison.passage(m.article, m.passage)?))
        })
    }

    /// Moves the focus to pane `k`, selecting there the counterpart of the current selection,
    /// else what sits at the same row.
    pub fn focus_pane(&mut self, k: usize) {
        if k == self.focus || k >= self.panes.len() {
            return;
        }
        let f = self.focus;
        let h = self.geometry.text_height(f);
        let (row, counterpart) = match self.panes[f].selected {
            Some(sel) => {
                let top = self.panes[f].top;
                let pad = self.panes[f].pad as isize;
                let row = self.nav(f).row_of(top, sel, h).map(|r| r + pad);
                (row, self.counterpart_in(f, sel, k))
            }
            None => (None, None),
        };
        let top = self.panes[k].top;
        let pad = self.panes[k].pad;
        let mut nav = self.nav(k);
        let at_row = {
            let r = row.unwrap_or(0).max(0) as usize;
            let pos = nav.forward(top, r.saturating_sub(pad));
            if pos.passage < nav.len() {
                Some(pos.passage)
            } else {
                nav.last()
            }
        };
        let target = counterpart.or(at_row).or(nav.first());
        self.focus = k;
        self.panes[k].selected = target;
        self.detail_scroll = 0;
        self.settle();
    }

    /// Focuses article `a` and selects passage `p` there.
    pub fn jump_to(&mut self, a: usize, p: usize) {
        if a >= self.panes.len() {
            return;
        }
        self.focus = a;
        if !self.shows(a, p) {
            self.filter = Filter::All;
            self.refilter();
        }
        self.select(p);
    }

    fn counterpart(&mut self) {
        let Some(cur) = self.selection() else {
            return;
        };
        let continuing = self
            .cycle
            .as_ref()
            .is_some_and(|c| c.targets.get(c.index) == Some(&cur));
        if continuing {
            if let Some(c) = &mut self.cycle {
                c.index = (c.index + 1) % c.targets.len();
            }
        } else {
            let passage = &self.comparison.articles[cur.0].passages[cur.1];
            if passage.matches.is_empty() {
                let why = match passage.class {
                    Class::Boilerplate => "boilerplate is never compared",
                    _ => "this passage has no counterpart",
                };
                self.info(why);
                return;
            }
            let mut targets: Vec<(usize, usize)> = passage
                .matches
                .iter()
                .map(|m| (m.article, m.passage))
                .collect();
            targets.push(cur);
            self.cycle = Some(Cycle { targets, index: 0 });
        }
        let Some(cycle) = self.cycle.clone() else {
            return;
        };
        let (a, p) = cycle.targets[cycle.index];
        self.jump_to(a, p);
        let n = cycle.targets.len() - 1;
        let origin = cycle.targets[n];
        self.cycle = Some(cycle.clone());
        if cycle.index == n {
            self.info(format!("back at {}:{}", origin.0 + 1, origin.1 + 1));
        } else {
            let m = &self.comparison.articles[origin.0].passages[origin.1].matches[cycle.index];
            self.info(format!(
                "counterpart {}/{n}: {}:{} {} {:.2}",
                cycle.index + 1,
                a + 1,
                p + 1,
                m.kind.name(),
                m.score
            ));
        }
    }

    fn next_of_class(&mut self, class: Class, forward: bool) {
        if !self.filter.shows(class) {
            self.info(format!(
                "{} passages are hidden by the filter (f)",
                class.name()
            ));
            return;
        }
        let k = self.focus;
        let passages = &self.comparison.articles[k].passages;
        let n = passages.len();
        if n == 0 {
            return;
        }
        let from = self.panes[k].selected.unwrap_or(0);
        let order: Box<dyn Iterator<Item = usize>> = if forward {
            Box::new((1..=n).map(|i| (from + i) % n))
        } else {
            Box::new((1..=n).map(|i| (from + n - i) % n))
        };
        let found = order.into_iter().find(|&q| passages[q].class == class);
        match found {
            Some(q) => {
                let wrapped = if forward { q <= from } else { q >= from };
                self.select(q);
                if q == from {
                    self.info(format!("the only {} passage in this pane", class.name()));
                } else if wrapped {
                    let to = if forward { "top" } else { "bottom" };
                    self.info(format!(
                        "wrapped to the {to}: next {} passage",
                        class.name()
                    ));
                }
            }
            None => self.info(format!("no {} passage in this pane", class.name())),
        }
    }

    /// Scrolls pane `k` by `n` rows (blank alignment rows go first); returns whether it moved.
    fn scroll_by(&mut self, k: usize, down: bool, mut n: usize) -> bool {
        let h = self.geometry.text_height(k);
        let top = self.panes[k].top;
        let pad = self.panes[k].pad;
        if down && pad > 0 {
            let used = pad.min(n);
            self.panes[k].pad -= used;
            n -= used;
        }
        let mut nav = self.nav(k);
        let new_top = if down {
            let max_top = nav.max_top(h).max(top);
            nav.forward(top, n).min(max_top)
        } else {
            nav.back(top, n)
        };
        self.panes[k].top = new_top;
        new_top != top || self.panes[k].pad != pad
    }

    /// The passage at screen row `y` of pane `k` (the last one below the end).
    fn passage_at_row(&mut self, k: usize, y: usize) -> Option<usize> {
        let top = self.panes[k].top;
        let pad = self.panes[k].pad;
        let mut nav = self.nav(k);
        let pos = nav.forward(top, y.saturating_sub(pad));
        if pos.passage < nav.len() {
            Some(pos.passage)
        } else {
            nav.last()
        }
    }

    fn page(&mut self, down: bool, half: bool) {
        let k = self.focus;
        let h = self.geometry.text_height(k);
        let Some(sel) = self.panes[k].selected else {
            return;
        };
        if h == 0 {
            return;
        }
        let n = if half {
            (h / 2).max(1)
        } else {
            h.saturating_sub(2).max(1)
        };
        let top = self.panes[k].top;
        let pad = self.panes[k].pad as isize;
        let y = self
            .nav(k)
            .row_of(top, sel, h)
            .map_or(0, |r| r + pad)
            .clamp(0, h as isize - 1) as usize;
        if !self.scroll_by(k, down, n) {
            let nav = self.nav(k);
            let edge = if down { nav.last() } else { nav.first() };
            if let Some(p) = edge {
                self.select(p);
            }
            return;
        }
        if let Some(p) = self.passage_at_row(k, y) {
            self.panes[k].selected = Some(p);
            self.detail_scroll = 0;
        }
        self.align();
    }

    fn wheel(&mut self, x: u16, y: u16, down: bool) {
        if self.overlay.is_some() {
            self.scroll_overlay(down, 3);
            return;
        }
        if let Some(d) = self.geometry.detail {
            if d.contains(ratatui::layout::Position::new(x, y)) {
                self.update(if down {
                    Action::DetailDown
                } else {
                    Action::DetailUp
                });
                return;
            }
        }
        let Some(k) = self.geometry.pane_at(x, y, self.focus) else {
            return;
        };
        let h = self.geometry.text_height(k);
        if h == 0 || !self.scroll_by(k, down, 3) || k != self.focus {
            return;
        }
        // Keep the selection on screen: take the nearest passage in view.
        let Some(sel) = self.panes[k].selected else {
            return;
        };
        let top = self.panes[k].top;
        let pad = self.panes[k].pad as isize;
        let mut nav = self.nav(k);
        let row = nav.row_of(top, sel, 2 * h).map(|r| r + pad);
        let rows = nav.rows(sel) as isize;
        let off_top = row.is_none_or(|r| r + rows <= 0) && sel <= top.passage;
        let off_bottom = row.is_none_or(|r| r >= h as isize) && sel >= top.passage;
        let target = if off_top {
            let pos = if top.line == 0 {
                top
            } else {
                let skip = nav.height(top.passage) - top.line;
                nav.forward(top, skip)
            };
            (pos.passage < nav.len()).then_some(pos.passage)
        } else if off_bottom {
            self.passage_at_row(k, h - 1)
        } else {
            None
        };
        if let Some(p) = target {
            self.panes[k].selected = Some(p);
            self.detail_scroll = 0;
        }
        self.align();
    }

    fn click(&mut self, x: u16, y: u16) {
        if self.overlay.is_some() || self.prompt.is_some() {
            return;
        }
        if let Some(k) = self.geometry.tab_at(x, y) {
            self.focus_pane(k);
            return;
        }
        let Some(k) = self.geometry.pane_at(x, y, self.focus) else {
            return;
        };
        let inner = Geometry::inner(self.geometry.panes[k]);
        let r = usize::from(y.saturating_sub(inner.y));
        if !inner.contains(ratatui::layout::Position::new(x, y)) || r < self.panes[k].pad {
            self.focus_pane(k);
            return;
        }
        let top = self.panes[k].top;
        let pad = self.panes[k].pad;
        let pos = self.nav(k).forward(top, r - pad);
        if pos.passage >= self.comparison.articles[k].passages.len() {
            self.focus_pane(k);
            return;
        }
        self.focus = k;
        self.panes[k].selected = Some(pos.passage);
        self.detail_scroll = 0;
        self.align();
    }

    /// After the filter or the classes changed: move selections and tops onto shown passages.
    fn refilter(&mut self) {
        for k in 0..self.panes.len() {
            let sel = self.panes[k].selected.unwrap_or(0);
            let top = self.panes[k].top;
            let mut nav = self.nav(k);
            let sel = nav.nearest(sel.min(nav.len().saturating_sub(1)));
            let top = nav.normalize(top);
            self.panes[k].selected = sel;
            self.panes[k].top = top;
            self.panes[k].pad = 0;
        }
        self.cycle = None;
        self.settle();
    }

    fn move_threshold(&mut self, delta: f64) {
        let t = self.thresholds();
        let has_matches = self
            .comparison
            .articles
            .iter()
            .any(|a| a.passages.iter().any(|p| !p.matches.is_empty()));
        if self.comparison.links.is_empty() && has_matches {
            self.message = Some(Message {
                kind: MessageKind::Error,
                text: "thresholds are fixed: this comparison has no cached scores".into(),
            });
            return;
        }
        let new = ((t.min_paraphrase + delta) * 100.0).round() / 100.0;
        let new = new.clamp(THRESHOLD_STEP, 1.0);
        if (new - t.min_paraphrase).abs() < 1e-9 {
            self.info(format!("paraphrase threshold already at {new:.2}"));
            return;
        }
        let thresholds = Thresholds {
            min_paraphrase: new,
            ..t
        };
        self.comparison.reclassify(thresholds);
        self.settings.thresholds = thresholds;
        for pane in &mut self.panes {
            pane.wraps.clear();
        }
        self.recount();
        self.refilter();
        self.info(format!(
            "paraphrase ≥ {new:.2}: {} shared · {} paraphrased · {} unique",
            self.counts.shared, self.counts.paraphrased, self.counts.unique
        ));
    }

    fn next_hit(&mut self, forward: bool) {
        let sel = self.selection();
        let Some(search) = &mut self.search else {
            let key = self.keymap.key_of(Action::SearchStart);
            self.info(match key {
                Some(k) => format!("no search: press {} to search", k.label()),
                None => "no search".to_string(),
            });
            return;
        };
        let n = search.hits.len();
        if n == 0 {
            let q = search.query.clone();
            self.info(format!("no match for “{}”", printable(&q)));
            return;
        }
        let here = sel.unwrap_or((0, 0));
        let i = match (search.current, forward) {
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
            (None, true) => {
                let i = search
                    .hits
                    .partition_point(|h| (h.article, h.passage) < here);
                i % n
            }
            (None, false) => {
                let i = search
                    .hits
                    .partition_point(|h| (h.article, h.passage) < here);
                (i + n - 1) % n
            }
        };
        let wrapped = match search.current {
            Some(c) if forward => i < c,
            Some(c) => i > c,
            None => false,
        };
        search.current = Some(i);
        let (a, p) = (search.hits[i].article, search.hits[i].passage);
        self.jump_to(a, p);
        if wrapped {
            let to = if forward { "first" } else { "last" };
            self.info(format!("search wrapped to the {to} hit"));
        }
    }

    fn confirm(&mut self) -> Flow {
        let Some(prompt) = self.prompt.take() else {
            return Flow::Continue;
        };
        match prompt.kind {
            PromptKind::Search => {
                if prompt.input.text.is_empty() {
                    self.search = self.saved_search.take();
                    return Flow::Continue;
                }
                self.saved_search = None;
                let query = prompt.input.text;
                if self.search.as_ref().is_none_or(|s| s.query != query) {
                    self.search = Some(Search::new(&self.comparison, &query));
                }
                if self.search.as_ref().is_some_and(|s| s.hits.is_empty()) {
                    self.message = Some(Message {
                        kind: MessageKind::Error,
                        text: format!("no match for “{}”", printable(&query)),
                    });
                    return Flow::Continue;
                }
                self.next_hit(true);
            }
            PromptKind::Export => {
                match export::request(&prompt.input.text, std::env::var_os("HOME")) {
                    Ok(export) => return Flow::Export(export),
                    Err(refused) => self.message = Some(refused),
                }
            }
        }
        Flow::Continue
    }

    /// The rows a pane shows, from its top: `None` for alignment padding, else (passage, row
    /// in the passage's block).
    pub fn visible_rows(&self, k: usize, h: usize) -> Vec<Option<Pos>> {
        let mut rows = vec![None; self.panes[k].pad.min(h)];
        let passages = &self.article(k).passages;
        let mut pos = self.panes[k].top;
        while rows.len() < h && pos.passage < passages.len() {
            if !self.filter.shows(passages[pos.passage].class) {
                match (pos.passage + 1..passages.len()).find(|&q| self.shows(k, q)) {
                    Some(q) => {
                        pos = Pos {
                            passage: q,
                            line: 0,
                        }
                    }
                    None => break,
                }
                continue;
            }
            let height =
                self.wrapped(k, pos.passage).rows() + usize::from(self.gap_after(k, pos.passage));
            while pos.line < height && rows.len() < h {
                rows.push(Some(pos));
                pos.line += 1;
            }
            match (pos.passage + 1..passages.len()).find(|&q| self.shows(k, q)) {
                Some(q) => {
                    pos = Pos {
                        passage: q,
                        line: 0,
                    }
                }
                None => break,
            }
        }
        rows
    }

    /// Wraps what each shown pane will draw, so that drawing finds it cached.
    pub fn prepare(&mut self) {
        for k in 0..self.panes.len() {
            if !self.geometry.shown(k, self.focus) {
                continue;
            }
            let h = self
                .geometry
                .text_height(k)
                .saturating_sub(self.panes[k].pad);
            let top = self.panes[k].top;
            self.nav(k).forward(top, h);
        }
    }
}
