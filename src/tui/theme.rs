//! Colours and text attributes.
//!
//! The class palette is blue (shared) against amber (paraphrased): the pair colour-blind
//! readers tell apart best, and it differs in lightness too. Tinted passages set both the
//! background and the text colour, so they read the same on dark and light terminals; unique
//! passages keep the terminal's own colours. Colours are from the fixed part of the 256-colour
//! palette (16–255), which terminal themes do not remap. Without colour (`NO_COLOR`,
//! `--color never`) no colour is used at all: the gutter markers carry the class and
//! attributes (reverse, bold, underline, strike-through) carry the rest.
//!
//! On terminals with only 16 colours ([`Theme::basic`]) the finished frame's colours are
//! mapped to the 16 named ones ([`Theme::fit_buffer`]): blue against yellow for the classes,
//! and the text turned black or white wherever the mapped pair would read poorly.

use artdiff::model::Class;
use ratatui::buffer::Buffer;
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
    /// Only the 16 named colours (terminals without 256 colours).
    pub basic: bool,
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
        Theme {
            palette,
            basic: false,
        }
    }

    /// The same theme limited to the 16 named colours when `basic`.
    pub fn with_basic(self, basic: bool) -> Theme {
        Theme { basic, ..self }
    }

    /// A style with its colours mapped to the 16 named ones (unchanged unless [`Self::basic`]);
    /// what [`Self::fit_buffer`] does to each cell.
    #[cfg(test)]
    pub fn fit(&self, style: Style) -> Style {
        if !self.basic {
            return style;
        }
        let (fg, bg) = fit_pair(
            style.fg.unwrap_or(Color::Reset),
            style.bg.unwrap_or(Color::Reset),
        );
        Style {
            fg: style.fg.map(|_| fg),
            bg: style.bg.map(|_| bg),
            ..style
        }
    }

    /// Maps every cell's colours to the 16 named ones (unchanged unless [`Self::basic`]).
    pub fn fit_buffer(&self, buf: &mut Buffer) {
        if !self.basic {
            return;
        }
        for cell in buf.content.iter_mut() {
            let (fg, bg) = fit_pair(cell.fg, cell.bg);
            cell.fg = fg;
            cell.bg = bg;
        }
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

/// A text colour of the 256-colour palette as one of the 16 named colours.
fn basic_fg(color: Color) -> Color {
    let Color::Indexed(n) = color else {
        return basic_any(color);
    };
    match n {
        16 | 235 => Color::Black,
        18 | 24 | 25 => Color::Blue,
        31 | 33 | 75 => Color::LightBlue,
        94 | 130 => Color::Yellow,
        117 => Color::LightCyan,
        160 | 166 => Color::Red,
        170 | 201 => Color::Magenta,
        214 | 220 | 222 => Color::LightYellow,
        231 | 254 | 255 => Color::White,
        242..=245 => Color::DarkGray,
        250 | 252 => Color::Gray,
        _ => basic_any(color),
    }
}

/// A background of the 256-colour palette as one of the 16 named colours.
fn basic_bg(color: Color) -> Color {
    let Color::Indexed(n) = color else {
        return basic_any(color);
    };
    match n {
        24 => Color::Blue,
        31 | 33 => Color::LightBlue,
        111 => Color::Cyan,
        153 => Color::LightCyan,
        94 | 215 => Color::Yellow,
        130 | 220 | 223 => Color::LightYellow,
        114 => Color::Green,
        157 => Color::LightGreen,
        210 | 217 => Color::LightRed,
        160 => Color::Red,
        201 => Color::Magenta,
        219 => Color::LightMagenta,
        236 | 238 | 239 => Color::DarkGray,
        250 | 252 | 254 => Color::Gray,
        _ => basic_any(color),
    }
}

/// The usual RGB of the 16 named colours (xterm's), to measure lightness.
const NAMED: [(Color, [u8; 3]); 16] = [
    (Color::Black, [0, 0, 0]),
    (Color::Red, [205, 0, 0]),
    (Color::Green, [0, 205, 0]),
    (Color::Yellow, [205, 205, 0]),
    (Color::Blue, [0, 0, 238]),
    (Color::Magenta, [205, 0, 205]),
    (Color::Cyan, [0, 205, 205]),
    (Color::Gray, [229, 229, 229]),
    (Color::DarkGray, [127, 127, 127]),
    (Color::LightRed, [255, 0, 0]),
    (Color::LightGreen, [0, 255, 0]),
    (Color::LightYellow, [255, 255, 0]),
    (Color::LightBlue, [92, 92, 255]),
    (Color::LightMagenta, [255, 0, 255]),
    (Color::LightCyan, [0, 255, 255]),
    (Color::White, [255, 255, 255]),
];

/// The RGB of a colour of the 256-colour palette (xterm's cube and grey ramp).
fn rgb(color: Color) -> Option<[u8; 3]> {
    match color {
        Color::Rgb(r, g, b) => Some([r, g, b]),
        Color::Indexed(n @ 16..=231) => {
            let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
            let n = n - 16;
            Some([level(n / 36), level(n / 6 % 6), level(n % 6)])
        }
        Color::Indexed(n @ 232..=255) => {
            let v = 8 + 10 * (n - 232);
            Some([v, v, v])
        }
        Color::Indexed(n) => Some(NAMED[n as usize].1),
        named => NAMED.iter().find(|(c, _)| *c == named).map(|(_, v)| *v),
    }
}

/// Any colour as the nearest named one; named colours and `Reset` stay.
fn basic_any(color: Color) -> Color {
    match color {
        Color::Indexed(_) | Color::Rgb(..) => {
            let [r, g, b] = rgb(color).unwrap_or_default();
            let distance = |v: &[u8; 3]| {
                let d = |a: u8, b: u8| (i32::from(a) - i32::from(b)).pow(2);
                d(v[0], r) + d(v[1], g) + d(v[2], b)
            };
            NAMED
                .iter()
                .min_by_key(|(_, v)| distance(v))
                .map_or(Color::Reset, |(c, _)| *c)
        }
        other => other,
    }
}

/// Relative lightness in `[0, 1]`, `None` for the terminal's own colour.
fn lightness(color: Color) -> Option<f64> {
    let [r, g, b] = rgb(color)?;
    Some((0.2126 * f64::from(r) + 0.7152 * f64::from(g) + 0.0722 * f64::from(b)) / 255.0)
}

/// A text and background pair in the 16 named colours: where the pair would read poorly the
/// text becomes black or white, whichever stands out.
fn fit_pair(fg: Color, bg: Color) -> (Color, Color) {
    let (fg, bg) = (basic_fg(fg), basic_bg(bg));
    match (lightness(fg), lightness(bg)) {
        (Some(f), Some(b)) if (f - b).abs() < 0.4 => {
            (if b > 0.5 { Color::Black } else { Color::White }, bg)
        }
        _ => (fg, bg),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every style a theme hands out.
    fn all_styles(t: Theme) -> Vec<Style> {
        let mut styles = vec![
            t.bar(),
            t.border(true),
            t.border(false),
            t.title(true),
            t.title(false),
            t.dim(),
            t.hit(true),
            t.hit(false),
            t.inserted(),
            t.deleted(),
            t.warning(),
            t.status(),
            t.key(),
            t.key().patch(t.status()),
            t.heading(),
            t.ok(),
            t.error(),
            t.tab(true),
            t.tab(false),
        ];
        for c in Class::ALL {
            styles.extend([
                t.passage(c, false),
                t.passage(c, true),
                t.marker(c, false),
                t.marker(c, true),
                t.class_fg(c),
                t.legend(c),
            ]);
        }
        styles
    }

    #[test]
    fn sixteen_colours_use_only_named_colours_and_stay_readable() {
        for light in [false, true] {
            let t = Theme::new(true, light).with_basic(true);
            for style in all_styles(t) {
                let fitted = t.fit(style);
                for c in [fitted.fg, fitted.bg].into_iter().flatten() {
                    assert!(
                        !matches!(c, Color::Indexed(_) | Color::Rgb(..)),
                        "{style:?} -> {fitted:?}"
                    );
                }
                if let (Some(fg), Some(bg)) = (fitted.fg, fitted.bg) {
                    let (f, b) = (lightness(fg).unwrap(), lightness(bg).unwrap());
                    assert!((f - b).abs() >= 0.4, "{style:?} -> {fitted:?}");
                }
            }
            // The classes keep apart: blue against yellow.
            let bg = |c: Class, lit: bool| t.fit(t.passage(c, lit)).bg;
            assert_ne!(bg(Class::Shared, false), bg(Class::Paraphrased, false));
            assert_ne!(bg(Class::Shared, true), bg(Class::Paraphrased, true));
            assert_ne!(bg(Class::Shared, false), bg(Class::Shared, true));
        }
    }

    #[test]
    fn the_full_palette_is_left_alone() {
        let t = Theme::new(true, false);
        for style in all_styles(t) {
            assert_eq!(t.fit(style), style);
        }
    }

    #[test]
    fn the_cube_and_grey_ramp_have_their_xterm_values() {
        assert_eq!(rgb(Color::Indexed(24)), Some([0, 95, 135]));
        assert_eq!(rgb(Color::Indexed(231)), Some([255, 255, 255]));
        assert_eq!(rgb(Color::Indexed(244)), Some([128, 128, 128]));
        assert_eq!(basic_any(Color::Indexed(196)), Color::LightRed);
        assert_eq!(basic_any(Color::Reset), Color::Reset);
    }

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
