//! The terminal interface: panes side by side over a [`Comparison`].

use artdiff::{Comparison, Settings};

/// How the TUI should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Use colour (false under `NO_COLOR` or `--color never`).
    pub color: bool,
}

/// Runs the TUI until the user quits. STUB.
pub fn run(comparison: Comparison, settings: Settings, options: Options) -> anyhow::Result<()> {
    let _ = (comparison, settings, options);
    Ok(())
}

/// Times frames and key presses without a terminal. STUB.
pub fn bench(comparison: Comparison, settings: Settings) -> String {
    let _ = (comparison, settings);
    String::from("not yet")
}
