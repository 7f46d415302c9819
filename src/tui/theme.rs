//! Colours and text attributes.
//!
//! The class palette is blue (shared) against amber (paraphrased): the pair colour-blind
//! readers tell apart best, and it differs in lightness too. Tinted passages set both the
//! background and the text colour, so they read the same on dark and light terminals; unique
//! passages keep the terminal's own colours. Colours are from the fixed part of the 256-colour
//! palette (16–255), which terminal themes do not remap. Without colour (`NO_COLOR`,
//! `--color never`) no colour is used at all: the gutter markers carry the class and
//! attributes (reverse, bold, underline, strike-through) carry the rest.

use artdiff::model::Class;
use ratatui::style::{Color, Modifier, Style};

/// Which set of styles to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Palette {
    /// Tints for dark backgrounds (also readable on light ones).
    Dark,
    /// Paler tints for light backgrounds.
    Light,
    /// No colour at all.
    Mono,
}

/// The styles of every part of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// The palette.
    pub palette: Palette,
}

const fn ix(n: u8) -> Color {
    Color::Indexed(n)
}

impl Theme {
    /// The theme for the given options.
    pub fn new(color: bool, light: bool) -> Theme {
        let palette = match (color, light) {
            (false, _) => Palette::Mono,
            (true, false) => Palette::Dark,
            (true, true) => Palette::Light,
        };
        Theme { palette }
    }

    /// Whether colours are used.
    pub fn colored(&self) -> bool {
        self.palette != Palette::Mono
    }

    fn pick(&self, dark: Style, light: Style, mono: Style) -> Style {
        match self.palette {
            Palette::Dark => dark,
            Palette::Light => light,
            Palette::Mono => mono,
        }
    }

    /// A passage's text: tinted by class; `lit` for the selection and its counterparts.
    pub fn passage(&self, class: Class, lit: bool) -> Style {
        let s = Style::new();
        match (class, lit) {
            (Class::Shared, false) => {
                self.pick(s.fg(ix(255)).bg(ix(24)), s.fg(ix(16)).bg(ix(153)), s)
            }
            (Class::Paraphrased, false) => {
                self.pick(s.fg(ix(255)).bg(ix(94)), s.fg(ix(16)).bg(ix(223)), s)
            }
            (Class::Unique, false) => s,
            (Class::Boilerplate, false) => {
                self.pick(s.fg(ix(244)), s.fg(ix(244)), s.add_modifier(Modifier::DIM))
            }
            (Class::Shared, true) => self.pick(
                s.fg(ix(231)).bg(ix(31)).bold(),
                s.fg(ix(16)).bg(ix(111)).bold(),
                s.reversed().bold(),
            ),
            (Class::Paraphrased, true) => self.pick(
                s.fg(ix(231)).bg(ix(130)).bold(),
                s.fg(ix(16)).bg(ix(215)).bold(),
                s.reversed().bold(),
            ),
            (Class::Unique, true) => self.pick(
                s.fg(ix(231)).bg(ix(239)).bold(),
                s.fg(ix(16)).bg(ix(250)).bold(),
                s.reversed().bold(),
            ),
            (Class::Boilerplate, true) => self.pick(
                s.fg(ix(250)).bg(ix(238)).bold(),
                s.fg(ix(235)).bg(ix(252)).bold(),
                s.reversed(),
            ),
        }
    }

    /// The class marker in the gutter.
    pub fn marker(&self, class: Class, lit: bool) -> Style {
        let base = self.passage(class, lit);
        let fg = match (self.palette, class) {
            (Palette::Mono, _) => return base.bold(),
            (Palette::Dark, Class::Shared) => ix(117),
            (Palette::Dark, Class::Paraphrased) => ix(222),
            (Palette::Light, Class::Shared) => ix(18),
            (Palette::Light, Class::Paraphrased) => ix(94),
            (_, Class::Unique) => ix(170),
            (_, Class::Boilerplate) => ix(244),
        };
        base.fg(fg).bold()
    }

    /// A class's colour as text on the terminal's background (titles, matrix).
    pub fn class_fg(&self, class: Class) -> Style {
        let fg = match (self.palette, class) {
            (Palette::Mono, _) => return Style::new(),
            (Palette::Dark, Class::Shared) => ix(75),
            (Palette::Dark, Class::Paraphrased) => ix(214),
            (Palette::Light, Class::Shared) => ix(25),
            (Palette::Light, Class::Paraphrased) => ix(130),
            (_, Class::Unique) => ix(170),
            (_, Class::Boilerplate) => ix(244),
        };
        Style::new().fg(fg)
    }

    /// The class word in the legend: its own colours, so that the legend is the key.
    pub fn legend(&self, class: Class) -> Style {
        match class {
            Class::Unique => self.marker(Class::Unique, false),
            Class::Boilerplate => self.passage(Class::Boilerplate, false),
            c => self.passage(c, false),
        }
    }

    /// The bar left of the selection and its counterparts.
    pub fn bar(&self) -> Style {
        self.pick(
            Style::new().fg(ix(220)).bold(),
            Style::new().fg(ix(166)).bold(),
            Style::new().bold(),
        )
    }

    /// A pane border.
    pub fn border(&self, focused: bool) -> Style {
        match (focused, self.palette) {
            (true, Palette::Mono) => Style::new().bold(),
            (true, _) => Style::new().fg(ix(33)).bold(),
            (false, Palette::Mono) => Style::new(),
            (false, _) => Style::new().fg(ix(243)),
        }
    }

    /// A pane title.
    pub fn title(&self, focused: bool) -> Style {
        match (focused, self.palette) {
            (true, Palette::Mono) => Style::new().bold().reversed(),
            (true, _) => Style::new().fg(ix(231)).bg(ix(33)).bold(),
            (false, _) => Style::new().bold(),
        }
    }

    /// Secondary text: file names, hints.
    pub fn dim(&self) -> Style {
        self.pick(
            Style::new().fg(ix(245)),
            Style::new().fg(ix(242)),
            Style::new().add_modifier(Modifier::DIM),
        )
    }

    /// A search hit; `current` for the one n/N went to.
    pub fn hit(&self, current: bool) -> Style {
        match (current, self.palette) {
            (false, Palette::Mono) => Style::new().underlined().bold(),
            (true, Palette::Mono) => Style::new().underlined().bold().italic(),
            (false, _) => Style::new().fg(ix(16)).bg(ix(219)).bold(),
            (true, _) => Style::new().fg(ix(16)).bg(ix(201)).bold().underlined(),
        }
    }

    /// Words only in the counterpart.
    pub fn inserted(&self) -> Style {
        self.pick(
            Style::new().fg(ix(16)).bg(ix(114)).underlined(),
            Style::new().fg(ix(16)).bg(ix(157)).underlined(),
            Style::new().underlined().bold(),
        )
    }

    /// Words only in this passage.
    pub fn deleted(&self) -> Style {
        self.pick(
            Style::new().fg(ix(16)).bg(ix(210)).crossed_out(),
            Style::new().fg(ix(16)).bg(ix(217)).crossed_out(),
            Style::new().crossed_out(),
        )
    }

    /// A fact conflict.
    pub fn warning(&self) -> Style {
        self.pick(
            Style::new().fg(ix(16)).bg(ix(220)).bold(),
            Style::new().fg(ix(16)).bg(ix(220)).bold(),
            Style::new().bold().reversed(),
        )
    }

    /// The status bar background.
    pub fn status(&self) -> Style {
        self.pick(
            Style::new().fg(ix(252)).bg(ix(236)),
            Style::new().fg(ix(235)).bg(ix(254)),
            Style::new(),
        )
    }

    /// A key in the key hints and the help.
    pub fn key(&self) -> Style {
        self.pick(
            Style::new().fg(ix(117)).bold(),
            Style::new().fg(ix(25)).bold(),
            Style::new().bold(),
        )
    }

    /// A heading in overlays.
    pub fn heading(&self) -> Style {
        self.pick(
            Style::new().fg(ix(214)).bold(),
            Style::new().fg(ix(130)).bold(),
            Style::new().bold().underlined(),
        )
    }

    /// A status message: good news.
    pub fn ok(&self) -> Style {
        self.pick(
            Style::new().fg(ix(16)).bg(ix(114)).bold(),
            Style::new().fg(ix(16)).bg(ix(157)).bold(),
            Style::new().bold(),
        )
    }

    /// A status message: it failed.
    pub fn error(&self) -> Style {
        self.pick(
            Style::new().fg(ix(231)).bg(ix(160)).bold(),
            Style::new().fg(ix(231)).bg(ix(160)).bold(),
            Style::new().bold().reversed(),
        )
    }

    /// The focused tab in narrow mode.
    pub fn tab(&self, focused: bool) -> Style {
        if focused {
            self.title(true)
        } else {
            self.dim()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mono_uses_no_colour() {
        let t = Theme::new(false, false);
        let mut styles = vec![
            t.bar(),
            t.border(true),
            t.border(false),
            t.title(true),
            t.dim(),
            t.hit(true),
            t.hit(false),
            t.inserted(),
            t.deleted(),
            t.warning(),
            t.status(),
            t.key(),
            t.heading(),
            t.ok(),
            t.error(),
        ];
        for c in Class::ALL {
            styles.extend([
                t.passage(c, false),
                t.passage(c, true),
                t.marker(c, true),
                t.legend(c),
            ]);
        }
        for s in styles {
            assert!(s.fg.is_none() && s.bg.is_none(), "{s:?}");
        }
    }

    #[test]
    fn classes_look_different_in_colour() {
        for t in [Theme::new(true, false), Theme::new(true, true)] {
            let bgs: Vec<_> = [Class::Shared, Class::Paraphrased]
                .iter()
                .map(|&c| t.passage(c, false).bg)
                .collect();
            assert_ne!(bgs[0], bgs[1]);
            for c in Class::ALL {
                assert_ne!(t.passage(c, false), t.passage(c, true), "{c:?} selection");
            }
        }
    }
}
