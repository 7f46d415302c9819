//! Where each part of the screen goes, as a pure function of the terminal size.
//!
//! The app uses it to know pane widths (for wrapping), heights (for paging) and where a click
//! landed; the views use the same numbers to draw.

use ratatui::layout::{Position, Rect};

/// Columns left of the text in a pane: the selection bar, the class marker, a space.
pub const GUTTER: u16 = 3;
/// Below this many columns per pane, only the focused pane is shown, with tabs.
pub const NARROW_BELOW: u16 = 40;

/// How far the scrolled panels go, measured on what the views draw
/// ([`super::view::scroll_limits`]) and read by the state to stop scrolling there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ScrollLimits {
    /// The detail panel's last scroll position (0 when closed).
    pub detail: usize,
    /// The help overlay's last scroll position (0 when no overlay is open).
    pub overlay: usize,
}

/// The screen's regions.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Geometry {
    /// The whole terminal.
    pub area: Rect,
    /// One pane at a time, with tabs for the others.
    pub narrow: bool,
    /// The tab row (narrow mode only).
    pub tabs: Option<Rect>,
    /// Each pane's rectangle, borders included; in narrow mode they all share one.
    pub panes: Vec<Rect>,
    /// The detail panel, when open and there is room.
    pub detail: Option<Rect>,
    /// The status bar (also where prompts go).
    pub status: Rect,
}

impl Geometry {
    /// Lays out `panes` panes in `area`, with the detail panel if `detail`.
    pub fn compute(area: Rect, panes: usize, detail: bool) -> Geometry {
        let status_h = area.height.min(1);
        let status = Rect::new(area.x, area.bottom() - status_h, area.width, status_h);
        let mut body = Rect::new(area.x, area.y, area.width, area.height - status_h);
        let narrow = panes > 1 && area.width / (panes as u16).max(1) < NARROW_BELOW;
        let tabs = if narrow && body.height > 0 {
            let t = Rect::new(body.x, body.y, body.width, 1);
            body.y += 1;
            body.height -= 1;
            Some(t)
        } else {
            None
        };
        let detail = if detail && body.height >= 12 {
            let h = (body.height * 2 / 5).clamp(6, 18);
            let d = Rect::new(body.x, body.bottom() - h, body.width, h);
            body.height -= h;
            Some(d)
        } else {
            None
        };
        let rects = if narrow || panes <= 1 {
            vec![body; panes]
        } else {
            let n = panes as u32;
            let w = body.width as u32;
            (0..n)
                .map(|k| {
                    let x0 = w * k / n;
                    let x1 = w * (k + 1) / n;
                    Rect::new(body.x + x0 as u16, body.y, (x1 - x0) as u16, body.height)
                })
                .collect()
        };
        Geometry {
            area,
            narrow,
            tabs,
            panes: rects,
            detail,
            status,
        }
    }

    /// Inside a pane's border.
    pub fn inner(outer: Rect) -> Rect {
        if outer.width < 2 || outer.height < 2 {
            return Rect::new(outer.x, outer.y, 0, 0);
        }
        Rect::new(outer.x + 1, outer.y + 1, outer.width - 2, outer.height - 2)
    }

    /// Where pane `k`'s text goes (right of the gutter).
    pub fn text_area(&self, k: usize) -> Rect {
        let inner = Geometry::inner(self.panes.get(k).copied().unwrap_or_default());
        let g = GUTTER.min(inner.width);
        Rect::new(inner.x + g, inner.y, inner.width - g, inner.height)
    }

    /// Columns of text in pane `k` (at least 1, so that wrapping always terminates).
    pub fn text_width(&self, k: usize) -> usize {
        usize::from(self.text_area(k).width).max(1)
    }

    /// Rows of text in pane `k`.
    pub fn text_height(&self, k: usize) -> usize {
        usize::from(Geometry::inner(self.panes.get(k).copied().unwrap_or_default()).height)
    }

    /// Whether pane `k` is on screen.
    pub fn shown(&self, k: usize, focus: usize) -> bool {
        k < self.panes.len() && (!self.narrow || k == focus)
    }

    /// The pane on screen at a cell.
    pub fn pane_at(&self, x: u16, y: u16, focus: usize) -> Option<usize> {
        (0..self.panes.len())
            .find(|&k| self.shown(k, focus) && self.panes[k].contains(Position::new(x, y)))
    }

    /// The tab at a cell (narrow mode): tabs split the row evenly.
    pub fn tab_at(&self, x: u16, y: u16) -> Option<usize> {
        let tabs = self.tabs?;
        if !tabs.contains(Position::new(x, y)) || self.panes.is_empty() {
            return None;
        }
        let k = usize::from(x - tabs.x) * self.panes.len() / usize::from(tabs.width.max(1));
        Some(k.min(self.panes.len() - 1))
    }

    /// The rectangle of tab `k`.
    pub fn tab_rect(&self, k: usize) -> Rect {
        let Some(tabs) = self.tabs else {
            return Rect::default();
        };
        let n = self.panes.len().max(1) as u32;
        let w = tabs.width as u32;
        let x0 = w * k as u32 / n;
        let x1 = w * (k as u32 + 1) / n;
        Rect::new(tabs.x + x0 as u16, tabs.y, (x1 - x0) as u16, 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_share_the_width() {
        let g = Geometry::compute(Rect::new(0, 0, 160, 45), 3, false);
        assert!(!g.narrow);
        assert_eq!(g.panes.iter().map(|r| r.width).sum::<u16>(), 160);
        assert_eq!(g.panes[1].x, g.panes[0].right());
        assert_eq!(g.status, Rect::new(0, 44, 160, 1));
        assert_eq!(g.text_width(0), 53 - 2 - 3);
        assert_eq!(g.text_height(0), 42);
    }

    #[test]
    fn narrow_below_forty_columns_per_pane() {
        let g = Geometry::compute(Rect::new(0, 0, 100, 30), 3, false);
        assert!(g.narrow);
        assert_eq!(g.tabs, Some(Rect::new(0, 0, 100, 1)));
        assert_eq!(g.panes[0], g.panes[2]);
        assert_eq!(g.panes[0].width, 100);
        assert_eq!(g.tab_at(99, 0), Some(2));
        assert_eq!(g.pane_at(5, 5, 1), Some(1));
    }

    #[test]
    fn detail_takes_the_bottom_when_there_is_room() {
        let g = Geometry::compute(Rect::new(0, 0, 120, 40), 2, true);
        let d = g.detail.unwrap();
        assert_eq!(d.bottom(), 39);
        assert_eq!(g.panes[0].bottom(), d.y);
        assert!(Geometry::compute(Rect::new(0, 0, 120, 10), 2, true)
            .detail
            .is_none());
    }

    #[test]
    fn tiny_and_empty_areas_do_not_underflow() {
        for (w, h) in [(0, 0), (1, 1), (24, 6), (3, 2), (200, 1)] {
            let g = Geometry::compute(Rect::new(0, 0, w, h), 3, true);
            for k in 0..3 {
                let _ = (g.text_width(k), g.text_height(k), g.text_area(k));
            }
        }
    }
}
