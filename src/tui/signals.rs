//! Termination signals while the TUI owns the terminal.
//!
//! In raw mode Ctrl-C is a key (bound to quit), but another process can still send SIGTERM,
//! SIGHUP or SIGINT, whose default action would end the program with the terminal in raw mode
//! on the alternate screen. While a [`Watch`] lives, these signals only set a flag; the event
//! loop waits through [`Watch::next_event`], which checks the flag between short polls, so the
//! loop can restore the terminal and then end the process by the same signal ([`Watch::die`]),
//! as its caller expects.

use ratatui::crossterm::event::{self, Event};
use std::io;

/// How long the loop waits for an event before looking at the flag again.
#[cfg(unix)]
const CHECK_EVERY: std::time::Duration = std::time::Duration::from_millis(100);

/// Termination signals noted instead of acted on, until dropped.
pub struct Watch {
    #[cfg(unix)]
    received: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    #[cfg(unix)]
    ids: Vec<signal_hook::SigId>,
    /// Cleared on drop, to stop the [`watchdog`].
    #[cfg(unix)]
    active: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

/// How long a noted signal may wait for the event loop before the watchdog acts itself.
#[cfg(unix)]
const GRACE: std::time::Duration = std::time::Duration::from_millis(1000);

/// Ends the process when the event loop cannot: crossterm's reader spins inside `poll` once the
/// terminal has hung up (a closed terminal window, a killed tmux session), so neither the
/// signal flag nor any key is ever looked at again. Without a terminal there is nothing to
/// restore: the process just ends, as by SIGHUP. A signal the loop has not handled within
/// [`GRACE`] is handled here.
#[cfg(unix)]
fn watchdog(
    received: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    active: std::sync::Arc<std::sync::atomic::AtomicBool>,
) {
    use std::io::IsTerminal;
    use std::sync::atomic::Ordering;
    let mut waited = std::time::Duration::ZERO;
    while active.load(Ordering::SeqCst) {
        std::thread::sleep(CHECK_EVERY);
        if !active.load(Ordering::SeqCst) {
            return;
        }
        if !io::stdout().is_terminal() && !io::stdin().is_terminal() {
            std::process::exit(128 + signal_hook::consts::SIGHUP);
        }
        let signal = received.load(Ordering::SeqCst);
        if signal != 0 {
            waited += CHECK_EVERY;
            if waited >= GRACE {
                super::terminal::restore();
                let signal = i32::try_from(signal).unwrap_or(signal_hook::consts::SIGTERM);
                let _ = signal_hook::low_level::emulate_default_handler(signal);
                std::process::exit(128 + signal);
            }
        }
    }
}

#[cfg(unix)]
impl Watch {
    /// Starts noting SIGTERM, SIGHUP and SIGINT.
    pub fn install() -> io::Result<Watch> {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let received = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let active = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
        {
            let (received, active) = (received.clone(), active.clone());
            std::thread::Builder::new()
                .name("artdiff-watchdog".into())
                .spawn(move || watchdog(received, active))?;
        }
        let mut watch = Watch {
            received,
            ids: Vec::new(),
            active,
        };
        for signal in [SIGTERM, SIGHUP, SIGINT] {
            let id = signal_hook::flag::register_usize(
                signal,
                std::sync::Arc::clone(&watch.received),
                signal as usize,
            )?;
            watch.ids.push(id);
        }
        Ok(watch)
    }

    /// The signal received, if any.
    fn received(&self) -> Option<i32> {
        match self.received.load(std::sync::atomic::Ordering::SeqCst) {
            0 => None,
            signal => i32::try_from(signal).ok(),
        }
    }

    /// Whether a termination signal has arrived (for loops that poll on their own, such as
    /// the loading gauge).
    pub fn signalled(&self) -> bool {
        self.received().is_some()
    }

    /// The next terminal event, or `None` once a termination signal has arrived.
    pub fn next_event(&self) -> io::Result<Option<Event>> {
        loop {
            if self.received().is_some() {
                return Ok(None);
            }
            if event::poll(CHECK_EVERY)? {
                let event = event::read()?;
                panic_if_asked(&event);
                return Ok(Some(event));
            }
        }
    }

    /// Ends the process by the signal received (the terminal must be restored already), so
    /// that the parent sees what it sent; exit code 128 + signal if that fails.
    pub fn die(self) -> ! {
        let signal = self.received().unwrap_or(signal_hook::consts::SIGTERM);
        drop(self);
        let _ = signal_hook::low_level::emulate_default_handler(signal);
        std::process::exit(128 + signal)
    }
}

#[cfg(unix)]
impl Drop for Watch {
    fn drop(&mut self) {
        self.active
            .store(false, std::sync::atomic::Ordering::SeqCst);
        for id in self.ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}

#[cfg(not(unix))]
impl Watch {
    /// Nothing to watch: the console ends the program itself.
    pub fn install() -> io::Result<Watch> {
        Ok(Watch {})
    }

    /// Never: no signal is noted.
    pub fn signalled(&self) -> bool {
        false
    }

    /// The next terminal event.
    pub fn next_event(&self) -> io::Result<Option<Event>> {
        let event = event::read()?;
        panic_if_asked(&event);
        Ok(Some(event))
    }

    /// Never called: no signal is noted.
    pub fn die(self) -> ! {
        std::process::exit(1)
    }
}

/// Debug builds only: with `ARTDIFF_TEST_PANIC` set, the first key press panics, so that
/// tests can check that a panic restores the terminal (tests/terminal_safety.rs).
fn panic_if_asked(event: &Event) {
    if cfg!(debug_assertions)
        && matches!(event, Event::Key(_))
        && std::env::var_os("ARTDIFF_TEST_PANIC").is_some()
    {
        panic!("ARTDIFF_TEST_PANIC is set: panicking on the first key, as asked");
    }
}
