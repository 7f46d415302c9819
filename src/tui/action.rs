//! Everything the user can ask of the TUI, as one enum.
//!
//! Keys and mouse events become [`Action`]s (through the keymap, see `keymap.rs`), and
//! [`crate::tui::app::App::update`] is the only place that changes state in response.

use artdiff::model::Class;

/// A request to change the app state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Leave the TUI.
    Quit,
    /// Select the next passage in the focused pane.
    Down,
    /// Select the previous passage in the focused pane.
    Up,
    /// Scroll a page down and select the passage at the same row.
    PageDown,
    /// Scroll a page up and select the passage at the same row.
    PageUp,
    /// Scroll half a page down.
    HalfPageDown,
    /// Scroll half a page up.
    HalfPageUp,
    /// Select the first passage.
    Top,
    /// Select the last passage.
    Bottom,
    /// Focus the pane on the left.
    FocusLeft,
    /// Focus the pane on the right.
    FocusRight,
    /// Focus the next pane, wrapping around.
    FocusNext,
    /// Focus the previous pane, wrapping around.
    FocusPrev,
    /// Focus pane `n` (0-based).
    FocusPane(u8),
    /// Jump to the selection's counterpart; again: cycle through all counterparts.
    Counterpart,
    /// Next passage of the selection's class.
    NextSameClass,
    /// Previous passage of the selection's class.
    PrevSameClass,
    /// Next passage of a class.
    NextOfClass(Class),
    /// Toggle aligned scrolling.
    ToggleAlign,
    /// Open or close the detail panel.
    ToggleDetail,
    /// Scroll the detail panel down.
    DetailDown,
    /// Scroll the detail panel up.
    DetailUp,
    /// Cycle the passage filter.
    CycleFilter,
    /// Open the search prompt.
    SearchStart,
    /// Jump to the next search hit.
    SearchNext,
    /// Jump to the previous search hit.
    SearchPrev,
    /// Raise the paraphrase threshold.
    ThresholdUp,
    /// Lower the paraphrase threshold.
    ThresholdDown,
    /// Open or close the similarity matrix overlay.
    ToggleMatrix,
    /// Open the export prompt.
    ExportStart,
    /// Open or close the help overlay.
    ToggleHelp,
    /// Close the topmost overlay, panel or highlight.
    Close,
    /// Scroll an overlay down.
    OverlayDown,
    /// Scroll an overlay up.
    OverlayUp,
    /// Prompt: type a character.
    Input(char),
    /// Prompt: delete the character before the cursor.
    Backspace,
    /// Prompt: delete the character under the cursor.
    Delete,
    /// Prompt: move the cursor left.
    CursorLeft,
    /// Prompt: move the cursor right.
    CursorRight,
    /// Prompt: move the cursor to the start.
    CursorHome,
    /// Prompt: move the cursor to the end.
    CursorEnd,
    /// Prompt: delete the word before the cursor.
    DeleteWord,
    /// Prompt: delete everything before the cursor.
    ClearLine,
    /// Prompt: accept.
    Confirm,
    /// Prompt: cancel.
    Cancel,
    /// The terminal now has this size (columns, rows).
    Resize(u16, u16),
    /// Mouse wheel at a cell: `down` scrolls towards the end.
    Wheel {
        /// Column.
        x: u16,
        /// Row.
        y: u16,
        /// Towards the end of the article.
        down: bool,
    },
    /// Left click at a cell.
    Click {
        /// Column.
        x: u16,
        /// Row.
        y: u16,
    },
}
