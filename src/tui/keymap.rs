//! The keymap, as data: which key does what in which mode, with the help text shown by `?`.
//!
//! [`keymap`] is the single source for key handling, the help overlay and the README's key
//! table ([`markdown`]). A [`Keymap`] is that table with the user's overrides from the config
//! file (`[keys]`, by action [`name`](action_name)).

use super::action::Action;
use artdiff::model::Class;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::borrow::Cow;

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

    /// Reads a key as written in the config file: `j`, `G`, `ctrl-d`, `alt-x`, `down`,
    /// `pagedown`, `shift-tab`, `space`, `f5`; also the help's labels (`Ctrl-d`, `PgDn`, `↓`).
    /// Named keys and modifiers ignore case; a single character is taken as it is.
    pub fn parse(text: &str) -> Result<Key, String> {
        let bad = || {
            format!("`{text}` is not a key (try j, G, ctrl-d, alt-x, down, pagedown, shift-tab, space, f5)")
        };
        let mut mods = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            let prefix = ["ctrl-", "control-", "c-", "alt-", "a-", "meta-", "m-"]
                .into_iter()
                .find(|p| lower.starts_with(p) && rest.chars().count() > p.len());
            match prefix {
                Some(p) => {
                    mods |= if p.starts_with('c') {
                        KeyModifiers::CONTROL
                    } else {
                        KeyModifiers::ALT
                    };
                    rest = &rest[p.len()..];
                }
                None => break,
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => match c {
                '↓' => KeyCode::Down,
                '↑' => KeyCode::Up,
                '←' => KeyCode::Left,
                '→' => KeyCode::Right,
                '↵' => KeyCode::Enter,
                c if c.is_control() => return Err(bad()),
                c if mods.contains(KeyModifiers::CONTROL) => KeyCode::Char(c.to_ascii_lowercase()),
                c => KeyCode::Char(c),
            },
            _ => match rest.to_ascii_lowercase().as_str() {
                "space" => KeyCode::Char(' '),
                "down" => KeyCode::Down,
                "up" => KeyCode::Up,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pagedown" | "pgdn" | "pgdown" => KeyCode::PageDown,
                "pageup" | "pgup" => KeyCode::PageUp,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "enter" | "return" => KeyCode::Enter,
                "tab" => KeyCode::Tab,
                "shift-tab" | "backtab" => KeyCode::BackTab,
                "esc" | "escape" => KeyCode::Esc,
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" | "ins" => KeyCode::Insert,
                name => match name.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    Some(n @ 1..=12) => KeyCode::F(n),
                    _ => {
                        // `shift-g` is `G`.
                        let shifted = name
                            .strip_prefix("shift-")
                            .filter(|c| c.chars().count() == 1)
                            .and_then(|c| c.chars().next())
                            .filter(|c| c.is_alphabetic());
                        match shifted {
                            Some(c) => KeyCode::Char(c.to_uppercase().next().unwrap_or(c)),
                            None => return Err(bad()),
                        }
                    }
                },
            },
        };
        Ok(Key { code, mods })
    }

    /// How the key is written in the config file (read back by [`Key::parse`]).
    pub fn config_name(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::PageDown => "pagedown".into(),
            KeyCode::PageUp => "pageup".into(),
            KeyCode::BackTab => "shift-tab".into(),
            KeyCode::Delete => "delete".into(),
            KeyCode::F(n) => format!("f{n}"),
            other => format!("{other:?}").to_ascii_lowercase(),
        };
        let mut out = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            out.push_str("ctrl-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            out.push_str("alt-");
        }
        out + &base
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
            KeyCode::F(n) => format!("F{n}"),
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
    #[cfg(test)]
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    /// The keys that trigger it.
    pub keys: Cow<'static, [Key]>,
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
        self.label != Some("") && !self.keys.is_empty()
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
        keys: Cow::Borrowed(keys),
        mode,
        action,
        help,
        section,
        label: None,
    }
}

const fn hidden(keys: &'static [Key], mode: Mode, action: Action) -> Binding {
    Binding {
        keys: Cow::Borrowed(keys),
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
        keys: Cow::Borrowed(&[Key::ch('1')]),
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

/// Every binding of the built-in keymap, in help order.
pub fn keymap() -> &'static [Binding] {
    KEYMAP
}

/// The names of the actions the config file can bind (`[keys]`), in help order. Each names
/// an action of the panes (normal mode); help, matrix and prompts keep their keys.
static NAMES: &[(Action, &str)] = &[
    (Action::Down, "down"),
    (Action::Up, "up"),
    (Action::PageDown, "page_down"),
    (Action::PageUp, "page_up"),
    (Action::HalfPageDown, "half_page_down"),
    (Action::HalfPageUp, "half_page_up"),
    (Action::Top, "top"),
    (Action::Bottom, "bottom"),
    (Action::FocusLeft, "pane_left"),
    (Action::FocusRight, "pane_right"),
    (Action::FocusNext, "next_pane"),
    (Action::FocusPrev, "previous_pane"),
    (Action::FocusPane(0), "pane_1"),
    (Action::FocusPane(1), "pane_2"),
    (Action::FocusPane(2), "pane_3"),
    (Action::FocusPane(3), "pane_4"),
    (Action::FocusPane(4), "pane_5"),
    (Action::FocusPane(5), "pane_6"),
    (Action::FocusPane(6), "pane_7"),
    (Action::FocusPane(7), "pane_8"),
    (Action::ToggleAlign, "toggle_align"),
    (Action::Counterpart, "counterpart"),
    (Action::NextSameClass, "next_same_class"),
    (Action::PrevSameClass, "previous_same_class"),
    (Action::NextOfClass(Class::Shared), "next_shared"),
    (Action::NextOfClass(Class::Paraphrased), "next_paraphrased"),
    (Action::NextOfClass(Class::Unique), "next_unique"),
    (Action::ToggleDetail, "toggle_detail"),
    (Action::DetailDown, "detail_down"),
    (Action::DetailUp, "detail_up"),
    (Action::CycleFilter, "cycle_filter"),
    (Action::ThresholdUp, "threshold_up"),
    (Action::ThresholdDown, "threshold_down"),
    (Action::ToggleMatrix, "toggle_matrix"),
    (Action::SearchStart, "search"),
    (Action::SearchNext, "next_hit"),
    (Action::SearchPrev, "previous_hit"),
    (Action::ExportStart, "export"),
    (Action::ToggleHelp, "help"),
    (Action::Close, "close"),
    (Action::Quit, "quit"),
];

/// The config-file name of a normal-mode action (`down`, `toggle_detail`, `pane_3`).
#[cfg(test)]
pub fn action_name(action: Action) -> Option<&'static str> {
    NAMES.iter().find(|(a, _)| *a == action).map(|(_, n)| *n)
}

/// Every action name the config file accepts, in help order.
pub fn action_names() -> impl Iterator<Item = &'static str> {
    NAMES.iter().map(|(_, n)| *n)
}

/// Ctrl-C always quits: it cannot be bound to anything else, and stays bound when `quit` is
/// given other keys.
const QUIT_KEY: Key = Key::ctrl('c');

/// An override that cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverrideError {
    /// Which override.
    pub index: usize,
    /// The fault is in the action's name (else in its keys).
    pub in_name: bool,
    /// What is wrong.
    pub message: String,
}

/// The keymap in force: the built-in one with the config file's overrides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: keymap().to_vec(),
        }
    }
}

impl Keymap {
    /// The built-in keymap with `overrides` applied, each an action name and the keys that
    /// trigger it from now on (none: the action has no key). A key given to an action is taken
    /// from the action that had it. Errors name the action or key at fault.
    ///
    /// ```ignore
    /// let keymap = Keymap::with_overrides(&[("down".into(), vec!["j".into(), "ctrl-n".into()])])?;
    /// ```
    pub fn with_overrides(overrides: &[(String, Vec<String>)]) -> Result<Keymap, OverrideError> {
        let mut keymap = Keymap::default();
        let mut taken: Vec<(Key, &str)> = Vec::new();
        for (index, (name, keys)) in overrides.iter().enumerate() {
            let fail = |in_name, message| OverrideError {
                index,
                in_name,
                message,
            };
            let Some(&(action, name)) = NAMES.iter().find(|(_, n)| n == name) else {
                return Err(fail(
                    true,
                    format!(
                        "unknown action `{name}` in [keys]; the actions are: {}",
                        action_names().collect::<Vec<_>>().join(", ")
                    ),
                ));
            };
            let mut parsed = Vec::with_capacity(keys.len());
            for text in keys {
                let key =
                    Key::parse(text).map_err(|e| fail(false, format!("[keys] {name}: {e}")))?;
                if key == QUIT_KEY && action != Action::Quit {
                    return Err(fail(false, format!("[keys] {name}: ctrl-c always quits")));
                }
                if let Some((_, other)) = taken.iter().find(|(k, _)| *k == key) {
                    return Err(fail(
                        false,
                        format!("[keys] `{text}` is given to both {other} and {name}"),
                    ));
                }
                taken.push((key, name));
                if !parsed.contains(&key) {
                    parsed.push(key);
                }
            }
            for binding in keymap
                .bindings
                .iter_mut()
                .filter(|b| b.mode == Mode::Normal)
            {
                if binding.action == action {
                    if *binding.keys == *parsed {
                        continue;
                    }
                    binding.keys = Cow::Owned(parsed.clone());
                    // `1–8` no longer describes the keys.
                    if binding.label.is_some_and(|l| !l.is_empty()) {
                        binding.label = None;
                    }
                } else if binding.keys.iter().any(|k| parsed.contains(k)) {
                    binding.keys = Cow::Owned(
                        binding
                            .keys
                            .iter()
                            .filter(|k| !parsed.contains(k))
                            .copied()
                            .collect(),
                    );
                }
            }
        }
        if let Some(quit) = keymap
            .bindings
            .iter_mut()
            .find(|b| b.mode == Mode::Normal && b.action == Action::Quit)
        {
            if !quit.keys.contains(&QUIT_KEY) {
                quit.keys.to_mut().push(QUIT_KEY);
            }
        }
        Ok(keymap)
    }

    /// Every binding, in help order.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The action for a key press in a mode. In a prompt, unbound printable keys type
    /// themselves.
    pub fn action_for(&self, event: &KeyEvent, mode: Mode) -> Option<Action> {
        lookup(&self.bindings, event, mode)
    }

    /// The first key of a normal-mode action, for hints.
    pub fn key_of(&self, action: Action) -> Option<Key> {
        self.bindings
            .iter()
            .find(|b| b.mode == Mode::Normal && b.action == action)
            .and_then(|b| b.keys.first().copied())
    }

    /// The normal-mode bindings as config-file lines (`down = ["j", "down"]`), in help order.
    pub fn config_lines(&self) -> Vec<(&'static str, Vec<String>)> {
        NAMES
            .iter()
            .map(|&(action, name)| {
                let keys = self
                    .bindings
                    .iter()
                    .filter(|b| b.mode == Mode::Normal && b.action == action)
                    .flat_map(|b| b.keys.iter())
                    .map(Key::config_name)
                    .collect();
                (name, keys)
            })
            .collect()
    }
}

/// The action for a key press in a mode with the built-in keymap. In a prompt, unbound
/// printable keys type themselves.
#[allow(dead_code)] // the TUI uses its Keymap; tests use this
pub fn action_for(event: &KeyEvent, mode: Mode) -> Option<Action> {
    lookup(KEYMAP, event, mode)
}

fn lookup(bindings: &[Binding], event: &KeyEvent, mode: Mode) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let key = Key::from_event(event);
    if let Some(binding) = bindings
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

/// The key table as Markdown: the README's, between `<!-- keys:start -->` and
/// `<!-- keys:end -->` (a test keeps them equal).
#[cfg(test)]
pub fn markdown() -> String {
    let mut out = String::from("| keys | what they do | config name |\n| --- | --- | --- |\n");
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
            let name = match (binding.mode, binding.action) {
                (Mode::Normal, Action::FocusPane(_)) => "`pane_1` … `pane_8`".to_string(),
                (Mode::Normal, action) => action_name(action)
                    .map(|n| format!("`{n}`"))
                    .unwrap_or_default(),
                _ => String::new(),
            };
            out.push_str(&format!(
                "| {keys} | {}{context} | {name} |\n",
                binding.help
            ));
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
            for key in binding.keys.iter() {
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
    fn every_normal_action_has_a_config_name() {
        for binding in keymap().iter().filter(|b| b.mode == Mode::Normal) {
            assert!(
                action_name(binding.action).is_some(),
                "{:?} has no name",
                binding.action
            );
        }
        let names: HashSet<_> = action_names().collect();
        assert_eq!(names.len(), NAMES.len(), "a name is used twice");
    }

    #[test]
    fn keys_read_back_what_they_write() {
        for binding in keymap() {
            for key in binding.keys.iter() {
                assert_eq!(Key::parse(&key.config_name()), Ok(*key), "{key:?}");
                assert_eq!(Key::parse(&key.label()), Ok(*key), "{}", key.label());
            }
        }
        assert_eq!(Key::parse("Ctrl-D"), Ok(Key::ctrl('d')));
        assert_eq!(Key::parse("shift-g"), Ok(Key::ch('G')));
        assert_eq!(Key::parse("F5"), Ok(Key::new(KeyCode::F(5))));
        assert_eq!(Key::parse("-"), Ok(Key::ch('-')));
        assert_eq!(
            Key::parse("alt-x"),
            Ok(Key {
                code: KeyCode::Char('x'),
                mods: KeyModifiers::ALT
            })
        );
        for bad in ["", "ctrl-", "pagedownn", "f13", "\u{7}"] {
            assert!(Key::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn overrides_move_keys_between_actions() {
        let keymap = Keymap::with_overrides(&[
            ("down".into(), vec!["ctrl-n".into()]),
            ("toggle_detail".into(), vec!["j".into()]),
            ("quit".into(), vec!["x".into()]),
        ])
        .unwrap();
        let press = |c: KeyCode, m| keymap.action_for(&KeyEvent::new(c, m), Mode::Normal);
        assert_eq!(
            press(KeyCode::Char('n'), KeyModifiers::CONTROL),
            Some(Action::Down)
        );
        assert_eq!(
            press(KeyCode::Char('j'), KeyModifiers::NONE),
            Some(Action::ToggleDetail)
        );
        assert_eq!(
            press(KeyCode::Down, KeyModifiers::NONE),
            None,
            "down lost its keys"
        );
        assert_eq!(press(KeyCode::Char('d'), KeyModifiers::NONE), None);
        assert_eq!(
            press(KeyCode::Char('x'), KeyModifiers::NONE),
            Some(Action::Quit)
        );
        assert_eq!(press(KeyCode::Char('q'), KeyModifiers::NONE), None);
        assert_eq!(
            press(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Action::Quit),
            "ctrl-c always quits"
        );
        assert_eq!(keymap.key_of(Action::ToggleDetail), Some(Key::ch('j')));
        let lines = keymap.config_lines();
        assert!(
            lines.contains(&("quit", vec!["x".to_string(), "ctrl-c".to_string()])),
            "{lines:?}"
        );
        assert!(lines.contains(&("down", vec!["ctrl-n".to_string()])));
        // Overlays keep theirs.
        let esc = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(keymap.action_for(&esc, Mode::Overlay), Some(Action::Close));
    }

    #[test]
    fn bad_overrides_are_errors() {
        let err = |name: &str, keys: &[&str]| {
            Keymap::with_overrides(&[(
                name.to_string(),
                keys.iter().map(|k| k.to_string()).collect(),
            )])
            .unwrap_err()
            .message
        };
        assert!(err("jump", &["j"]).contains("unknown action `jump`"));
        assert!(err("down", &["ctrl-"]).contains("`ctrl-` is not a key"));
        assert!(err("help", &["ctrl-c"]).contains("ctrl-c always quits"));
        let both = Keymap::with_overrides(&[
            ("down".into(), vec!["x".into()]),
            ("up".into(), vec!["x".into()]),
        ])
        .unwrap_err();
        assert!(both.message.contains("both down and up"), "{both:?}");
        assert_eq!((both.index, both.in_name), (1, false));
    }

    #[test]
    fn the_default_keymap_writes_the_built_in_keys() {
        let lines = Keymap::default().config_lines();
        assert_eq!(lines.len(), NAMES.len());
        assert!(lines.contains(&("down", vec!["j".to_string(), "down".to_string()])));
        assert!(lines.contains(&("quit", vec!["q".to_string(), "ctrl-c".to_string()])));
        assert_eq!(Keymap::with_overrides(&[]).unwrap(), Keymap::default());
    }

    /// The README's key table is this keymap's: edit the keymap, then the README follows.
    /// `ARTDIFF_UPDATE_README=1 cargo test readme -- --test-threads=1` rewrites it (never under CI).
    #[test]
    fn readme_key_table_matches_the_keymap() {
        const START: &str = "<!-- keys:start -->\n";
        const END: &str = "<!-- keys:end -->";
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
        let readme = std::fs::read_to_string(path).expect("README.md");
        let (Some(start), Some(end)) = (readme.find(START), readme.find(END)) else {
            panic!("README.md lost its {START:?} and {END:?} markers");
        };
        let start = start + START.len();
        let table = markdown();
        if readme[start..end] == table {
            return;
        }
        let update = std::env::var_os("ARTDIFF_UPDATE_README").is_some_and(|v| v == "1")
            && std::env::var_os("CI").is_none();
        if update {
            let updated = format!("{}{table}{}", &readme[..start], &readme[end..]);
            std::fs::write(path, updated).expect("write README.md");
            return;
        }
        panic!(
            "README.md's key table differs from the keymap (src/tui/keymap.rs).\n\
             Run `ARTDIFF_UPDATE_README=1 cargo test readme -- --test-threads=1` or put this between the markers:\n\n{table}"
        );
    }

    #[test]
    fn markdown_lists_every_shown_binding() {
        let md = markdown();
        assert!(md.contains("| `j` `↓` | next passage | `down` |"), "{md}");
        assert!(md.contains("| `1–8` | pane 1 to 8 | `pane_1` … `pane_8` |"));
        assert!(!md.contains("| `2` |"));
    }
}
