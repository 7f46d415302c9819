//! The keymap, as data: which key does what in which mode, with the help text shown by `?`.
//!
//! [`keymap`] is the single source for key handling, the help overlay and the README's key
//! table ([`markdown`]).

use super::action::Action;
use artdiff::model::Class;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// What has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// The panes.
    Normal,
    /// An overlay (help, matrix) is open.
    Overlay,
    /// A text prompt (search, export path) is open.
    Prompt,
}

/// A key with its modifiers (Shift is part of the character for printable keys).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Control and Alt; Shift only for non-character keys.
    pub mods: KeyModifiers,
}

impl Key {
    /// A key without modifiers.
    pub const fn new(code: KeyCode) -> Key {
        Key {
            code,
            mods: KeyModifiers::NONE,
        }
    }

    /// A character key.
    pub const fn ch(c: char) -> Key {
        Key::new(KeyCode::Char(c))
    }

    /// Control and a character key.
    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            mods: KeyModifiers::CONTROL,
        }
    }

    /// The key of a terminal event, with Shift folded into characters.
    pub fn from_event(event: &KeyEvent) -> Key {
        let mut mods = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        let code = match event.code {
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            KeyCode::BackTab => KeyCode::BackTab,
            KeyCode::Tab if event.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            other => other,
        };
        if matches!(code, KeyCode::Char(_)) {
            mods.remove(KeyModifiers::SHIFT);
        }
        Key { code, mods }
    }

    /// How the key is written in the help and the README: `j`, `Ctrl-d`, `PgDn`, `↓`.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Down => "↓".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Del".into(),
            other => format!("{other:?}"),
        };
        let mut out = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            out.push_str("Ctrl-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            out.push_str("Alt-");
        }
        out + &base
    }
}

/// A group of keys in the help.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    /// Moving the selection.
    Move,
    /// Panes and scrolling.
    Panes,
    /// Counterparts and classes.
    Counterparts,
    /// Panels and views.
    View,
    /// Search.
    Search,
    /// Everything else.
    Other,
    /// Overlays.
    Overlay,
    /// Text prompts.
    Prompt,
}

impl Section {
    /// All sections, in help order.
    pub const ALL: [Section; 8] = [
        Section::Move,
        Section::Panes,
        Section::Counterparts,
        Section::View,
        Section::Search,
        Section::Other,
        Section::Overlay,
        Section::Prompt,
    ];

    /// The heading.
    pub fn title(self) -> &'static str {
        match self {
            Section::Move => "Move",
            Section::Panes => "Panes",
            Section::Counterparts => "Counterparts",
            Section::View => "View",
            Section::Search => "Search",
            Section::Other => "Other",
            Section::Overlay => "In help and matrix",
            Section::Prompt => "In a prompt",
        }
    }
}

/// One line of the keymap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    /// The keys that trigger it.
    pub keys: &'static [Key],
    /// Where it applies.
    pub mode: Mode,
    /// What it does.
    pub action: Action,
    /// Help text.
    pub help: &'static str,
    /// Help group.
    pub section: Section,
    /// How to write the keys when they are not simply listed (`1–8`); `Some("")` hides the
    /// binding from the help (another binding describes it).
    pub label: Option<&'static str>,
}

impl Binding {
    /// The keys as written in the help.
    pub fn keys_label(&self) -> String {
        match self.label {
            Some(l) => l.to_string(),
            None => self
                .keys
                .iter()
                .map(Key::label)
                .collect::<Vec<_>>()
                .join(" "),
        }
    }

    /// Whether the help lists it.
    pub fn shown(&self) -> bool {
        self.label != Some("")
    }
}

const fn b(
    keys: &'static [Key],
    mode: Mode,
    action: Action,
    section: Section,
    help: &'static str,
) -> Binding {
    Binding {
        keys,
        mode,
        action,
        help,
        section,
        label: None,
    }
}

const fn hidden(keys: &'static [Key], mode: Mode, action: Action) -> Binding {
    Binding {
        keys,
        mode,
        action,
        help: "",
        section: Section::Other,
        label: Some(""),
    }
}

use Mode::{Normal, Overlay, Prompt};
use Section as S;

static KEYMAP: &[Binding] = &[
    // Move
    b(
        &[Key::ch('j'), Key::new(KeyCode::Down)],
        Normal,
        Action::Down,
        S::Move,
        "next passage",
    ),
    b(
        &[Key::ch('k'), Key::new(KeyCode::Up)],
        Normal,
        Action::Up,
        S::Move,
        "previous passage",
    ),
    b(
        &[Key::new(KeyCode::PageDown), Key::ch(' ')],
        Normal,
        Action::PageDown,
        S::Move,
        "page down",
    ),
    b(
        &[Key::new(KeyCode::PageUp)],
        Normal,
        Action::PageUp,
        S::Move,
        "page up",
    ),
    b(
        &[Key::ctrl('d')],
        Normal,
        Action::HalfPageDown,
        S::Move,
        "half a page down",
    ),
    b(
        &[Key::ctrl('u')],
        Normal,
        Action::HalfPageUp,
        S::Move,
        "half a page up",
    ),
    b(
        &[Key::ch('g'), Key::new(KeyCode::Home)],
        Normal,
        Action::Top,
        S::Move,
        "first passage",
    ),
    b(
        &[Key::ch('G'), Key::new(KeyCode::End)],
        Normal,
        Action::Bottom,
        S::Move,
        "last passage",
    ),
    // Panes
    b(
        &[Key::ch('h'), Key::new(KeyCode::Left)],
        Normal,
        Action::FocusLeft,
        S::Panes,
        "pane on the left",
    ),
    b(
        &[Key::ch('l'), Key::new(KeyCode::Right)],
        Normal,
        Action::FocusRight,
        S::Panes,
        "pane on the right",
    ),
    b(
        &[Key::new(KeyCode::Tab)],
        Normal,
        Action::FocusNext,
        S::Panes,
        "next pane",
    ),
    b(
        &[Key::new(KeyCode::BackTab)],
        Normal,
        Action::FocusPrev,
        S::Panes,
        "previous pane",
    ),
    Binding {
        keys: &[Key::ch('1')],
        mode: Normal,
        action: Action::FocusPane(0),
        help: "pane 1 to 8",
        section: S::Panes,
        label: Some("1–8"),
    },
    hidden(&[Key::ch('2')], Normal, Action::FocusPane(1)),
    hidden(&[Key::ch('3')], Normal, Action::FocusPane(2)),
    hidden(&[Key::ch('4')], Normal, Action::FocusPane(3)),
    hidden(&[Key::ch('5')], Normal, Action::FocusPane(4)),
    hidden(&[Key::ch('6')], Normal, Action::FocusPane(5)),
    hidden(&[Key::ch('7')], Normal, Action::FocusPane(6)),
    hidden(&[Key::ch('8')], Normal, Action::FocusPane(7)),
    b(
        &[Key::ch('a')],
        Normal,
        Action::ToggleAlign,
        S::Panes,
        "aligned scrolling on/off",
    ),
    // Counterparts
    b(
        &[Key::new(KeyCode::Enter)],
        Normal,
        Action::Counterpart,
        S::Counterparts,
        "jump to counterpart (again: next one)",
    ),
    b(
        &[Key::ch(']')],
        Normal,
        Action::NextSameClass,
        S::Counterparts,
        "next passage of the same class",
    ),
    b(
        &[Key::ch('[')],
        Normal,
        Action::PrevSameClass,
        S::Counterparts,
        "previous passage of the same class",
    ),
    b(
        &[Key::ch('s')],
        Normal,
        Action::NextOfClass(Class::Shared),
        S::Counterparts,
        "next shared passage",
    ),
    b(
        &[Key::ch('p')],
        Normal,
        Action::NextOfClass(Class::Paraphrased),
        S::Counterparts,
        "next paraphrased passage",
    ),
    b(
        &[Key::ch('u')],
        Normal,
        Action::NextOfClass(Class::Unique),
        S::Counterparts,
        "next unique passage",
    ),
    // View
    b(
        &[Key::ch('d')],
        Normal,
        Action::ToggleDetail,
        S::View,
        "detail: word diff, terms, conflicts",
    ),
    b(
        &[Key::ch('J')],
        Normal,
        Action::DetailDown,
        S::View,
        "scroll the detail down",
    ),
    b(
        &[Key::ch('K')],
        Normal,
        Action::DetailUp,
        S::View,
        "scroll the detail up",
    ),
    b(
        &[Key::ch('f')],
        Normal,
        Action::CycleFilter,
        S::View,
        "filter: all, no boilerplate, unique, matched",
    ),
    b(
        &[Key::ch('+'), Key::ch('=')],
        Normal,
        Action::ThresholdUp,
        S::View,
        "raise the paraphrase threshold",
    ),
    b(
        &[Key::ch('-')],
        Normal,
        Action::ThresholdDown,
        S::View,
        "lower the paraphrase threshold",
    ),
    b(
        &[Key::ch('m')],
        Normal,
        Action::ToggleMatrix,
        S::View,
        "similarity matrix and coverage",
    ),
    // Search
    b(
        &[Key::ch('/')],
        Normal,
        Action::SearchStart,
        S::Search,
        "search all panes",
    ),
    b(
        &[Key::ch('n')],
        Normal,
        Action::SearchNext,
        S::Search,
        "next hit",
    ),
    b(
        &[Key::ch('N')],
        Normal,
        Action::SearchPrev,
        S::Search,
        "previous hit",
    ),
    // Other
    b(
        &[Key::ch('e')],
        Normal,
        Action::ExportStart,
        S::Other,
        "export a report (html, md, json)",
    ),
    b(
        &[Key::ch('?')],
        Normal,
        Action::ToggleHelp,
        S::Other,
        "this help",
    ),
    b(
        &[Key::new(KeyCode::Esc)],
        Normal,
        Action::Close,
        S::Other,
        "close detail, clear search",
    ),
    b(
        &[Key::ch('q'), Key::ctrl('c')],
        Normal,
        Action::Quit,
        S::Other,
        "quit",
    ),
    // Overlays
    b(
        &[Key::new(KeyCode::Esc), Key::ch('q')],
        Overlay,
        Action::Close,
        S::Overlay,
        "close",
    ),
    hidden(&[Key::ch('?')], Overlay, Action::ToggleHelp),
    hidden(&[Key::ch('m')], Overlay, Action::ToggleMatrix),
    b(
        &[Key::ch('j'), Key::new(KeyCode::Down)],
        Overlay,
        Action::OverlayDown,
        S::Overlay,
        "scroll down",
    ),
    b(
        &[Key::ch('k'), Key::new(KeyCode::Up)],
        Overlay,
        Action::OverlayUp,
        S::Overlay,
        "scroll up",
    ),
    hidden(
        &[Key::new(KeyCode::PageDown), Key::ch(' ')],
        Overlay,
        Action::PageDown,
    ),
    hidden(&[Key::new(KeyCode::PageUp)], Overlay, Action::PageUp),
    hidden(&[Key::ctrl('c')], Overlay, Action::Quit),
    // Prompts
    b(
        &[Key::new(KeyCode::Enter)],
        Prompt,
        Action::Confirm,
        S::Prompt,
        "accept",
    ),
    b(
        &[Key::new(KeyCode::Esc)],
        Prompt,
        Action::Cancel,
        S::Prompt,
        "cancel",
    ),
    hidden(
        &[Key::new(KeyCode::Backspace), Key::ctrl('h')],
        Prompt,
        Action::Backspace,
    ),
    hidden(
        &[Key::new(KeyCode::Delete), Key::ctrl('d')],
        Prompt,
        Action::Delete,
    ),
    hidden(
        &[Key::new(KeyCode::Left), Key::ctrl('b')],
        Prompt,
        Action::CursorLeft,
    ),
    hidden(
        &[Key::new(KeyCode::Right), Key::ctrl('f')],
        Prompt,
        Action::CursorRight,
    ),
    hidden(
        &[Key::new(KeyCode::Home), Key::ctrl('a')],
        Prompt,
        Action::CursorHome,
    ),
    hidden(
        &[Key::new(KeyCode::End), Key::ctrl('e')],
        Prompt,
        Action::CursorEnd,
    ),
    b(
        &[Key::ctrl('w')],
        Prompt,
        Action::DeleteWord,
        S::Prompt,
        "delete the word before the cursor",
    ),
    b(
        &[Key::ctrl('u')],
        Prompt,
        Action::ClearLine,
        S::Prompt,
        "delete to the start",
    ),
    hidden(&[Key::ctrl('c')], Prompt, Action::Quit),
];

/// Every binding, in help order.
pub fn keymap() -> &'static [Binding] {
    KEYMAP
}

/// The action for a key press in a mode. In a prompt, unbound printable keys type themselves.
pub fn action_for(event: &KeyEvent, mode: Mode) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let key = Key::from_event(event);
    if let Some(binding) = KEYMAP
        .iter()
        .find(|b| b.mode == mode && b.keys.contains(&key))
    {
        return Some(binding.action);
    }
    match (mode, key.code) {
        (Mode::Prompt, KeyCode::Char(c)) if key.mods.is_empty() && !c.is_control() => {
            Some(Action::Input(c))
        }
        _ => None,
    }
}

/// The key table as Markdown (for the README).
#[allow(dead_code)] // for main.rs / docs generation
pub fn markdown() -> String {
    let mut out = String::from("| keys | what they do |\n| --- | --- |\n");
    for section in Section::ALL {
        for binding in KEYMAP.iter().filter(|b| b.section == section && b.shown()) {
            let keys = binding
                .keys_label()
                .split(' ')
                .map(|k| format!("`{}`", k.replace('|', "\\|")))
                .collect::<Vec<_>>()
                .join(" ");
            let context = match binding.mode {
                Mode::Normal => "",
                Mode::Overlay => " (in help/matrix)",
                Mode::Prompt => " (in a prompt)",
            };
            out.push_str(&format!("| {keys} | {}{context} |\n", binding.help));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        let mut seen = HashSet::new();
        for binding in keymap() {
            for key in binding.keys {
                assert!(
                    seen.insert((binding.mode, *key)),
                    "{key:?} twice in {:?}",
                    binding.mode
                );
            }
        }
    }

    #[test]
    fn shift_is_part_of_the_character() {
        let ev = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(action_for(&ev, Mode::Normal), Some(Action::Bottom));
        let ev = press(KeyCode::Char('?'), KeyModifiers::SHIFT);
        assert_eq!(action_for(&ev, Mode::Normal), Some(Action::ToggleHelp));
        let ev = press(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(action_for(&ev, Mode::Normal), Some(Action::FocusPrev));
        let ev = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for(&ev, Mode::Normal), Some(Action::Quit));
    }

    #[test]
    fn prompts_type_unbound_characters() {
        let ev = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(action_for(&ev, Mode::Prompt), Some(Action::Input('q')));
        let ev = press(KeyCode::Char('Q'), KeyModifiers::SHIFT);
        assert_eq!(action_for(&ev, Mode::Prompt), Some(Action::Input('Q')));
        let ev = press(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(action_for(&ev, Mode::Prompt), Some(Action::Confirm));
    }

    #[test]
    fn releases_are_ignored() {
        let mut ev = press(KeyCode::Char('q'), KeyModifiers::NONE);
        ev.kind = KeyEventKind::Release;
        assert_eq!(action_for(&ev, Mode::Normal), None);
    }

    #[test]
    fn markdown_lists_every_shown_binding() {
        let md = markdown();
        assert!(md.contains("| `j` `↓` | next passage |"), "{md}");
        assert!(md.contains("| `1–8` | pane 1 to 8 |"));
        assert!(!md.contains("| `2` |"));
    }
}
