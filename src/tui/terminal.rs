//! The one terminal lifecycle, shared by the loading gauge and the TUI: take the terminal
//! ([`Session::enter`]: raw mode, alternate screen, a panic hook and the signal watch), hand it
//! on from the gauge to the TUI without a flash of the main screen, and give it back however
//! the program ends: normally or on error (`Drop`), on panic (the hook), on SIGTERM, SIGHUP or
//! SIGINT ([`Session::die`], or the watchdog in [`super::signals`]).

use super::signals::Watch;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::{cursor, event, execute, terminal};
use std::io::{self, stdout, Stdout, Write};
use std::sync::Once;

/// The ratatui terminal on stdout.
pub type Terminal = ratatui::Terminal<CrosstermBackend<Stdout>>;

/// Puts the terminal back: mouse off, cursor shown, raw mode off, main screen. Safe to call
/// more than once, and when the terminal was never taken.
pub fn restore() {
    let _ = execute!(
        stdout(),
        event::DisableMouseCapture,
        terminal::LeaveAlternateScreen,
        cursor::Show
    );
    let _ = terminal::disable_raw_mode();
}

/// A panic prints its message right away (also one on the analysis thread): put the terminal
/// back first, or the message would vanish with the alternate screen. Once per process, so
/// that the gauge and then the TUI do not stack hooks.
fn install_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

/// The terminal, taken: restored when dropped.
pub struct Session {
    terminal: Terminal,
    /// Taken only by [`Session::die`].
    signals: Option<Watch>,
}

impl Session {
    /// Takes the terminal: raw mode, the alternate screen, the cursor hidden; termination
    /// signals are noted instead of acted on while the session lives.
    pub fn enter() -> io::Result<Session> {
        install_panic_hook();
        let signals = Watch::install()?;
        terminal::enable_raw_mode()?;
        // From here on a failure must give the terminal back.
        let entered = execute!(stdout(), terminal::EnterAlternateScreen, cursor::Hide)
            .and_then(|()| Terminal::new(CrosstermBackend::new(stdout())));
        match entered {
            Ok(terminal) => Ok(Session {
                terminal,
                signals: Some(signals),
            }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }

    /// Clicks, drags and the wheel (1000, 1002) in SGR encoding (1006); not every mouse move
    /// (1003), which would only wake the loop for nothing. Turned off by [`restore`].
    pub fn capture_mouse(&mut self) -> io::Result<()> {
        let mut out = stdout();
        out.write_all(b"\x1b[?1000h\x1b[?1002h\x1b[?1006h")?;
        out.flush()
    }

    /// Where to draw.
    pub fn terminal(&mut self) -> &mut Terminal {
        &mut self.terminal
    }

    /// The termination signals noted so far.
    pub fn signals(&self) -> &Watch {
        self.signals.as_ref().expect("only `die` takes the watch")
    }

    /// Restores the terminal, then ends the process by the signal received, as its sender
    /// expects.
    pub fn die(mut self) -> ! {
        restore();
        let signals = self.signals.take().expect("only `die` takes the watch");
        signals.die()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        restore();
    }
}
