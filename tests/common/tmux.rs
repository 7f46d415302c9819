//! The real binary in a real terminal: a private tmux server (own socket, own config) running
//! artdiff in one window through a wrapper that records its process id, exit status and the
//! terminal modes afterwards, then has the shell read a typed line. Shared by
//! `tests/terminal_safety.rs` and `tests/tui_tmux.rs`; waits poll the screen.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

static SESSIONS: AtomicUsize = AtomicUsize::new(0);

pub fn have_tmux() -> bool {
    Command::new("tmux")
        .arg("-V")
        .stdin(Stdio::null())
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Returns from the test, saying so, when tmux is missing.
#[macro_export]
macro_rules! require_tmux {
    () => {
        if !$crate::common::tmux::have_tmux() {
            eprintln!("skipping: tmux is not installed (apt-get install tmux)");
            return;
        }
    };
}

/// After the program: its exit status, the terminal modes, then a line read by the shell.
const WRAPPER: &str = r#"mark=$1; shift
printf '\033]2;%s\033\\' keep-this-title
sh -c 'echo $$ > "$0.pid"; exec "$@"' "$mark" "$@"
rc=$?
stty -a > "$mark.stty" 2>&1
echo "$rc" > "$mark.tmp" && mv "$mark.tmp" "$mark"
printf 'after> '
read -r line
echo "typed: [$line]"
exec sleep 300
"#;

/// A private tmux server running artdiff in one window.
pub struct Tmux {
    socket: String,
    dir: tempfile::TempDir,
}

impl Tmux {
    pub fn start(w: u16, h: u16, args: &[&str], env: &[(&str, &str)]) -> Tmux {
        let n = SESSIONS.fetch_add(1, Ordering::SeqCst);
        let dir = tempfile::tempdir().expect("temp dir");
        let socket = format!("artdiff-test-{}-{n}", std::process::id());
        std::fs::write(
            dir.path().join("tmux.conf"),
            "set -g status off\nset -g escape-time 10\nset -g set-clipboard on\n\
             set -g default-terminal screen-256color\nset -g history-limit 100\n",
        )
        .unwrap();
        let wrap = dir.path().join("wrap.sh");
        std::fs::write(&wrap, WRAPPER).unwrap();
        let tmux = Tmux { socket, dir };
        let (w, h) = (w.to_string(), h.to_string());
        let mut cmd: Vec<String> = ["new-session", "-d", "-s", "t", "-x", &w, "-y", &h]
            .map(String::from)
            .to_vec();
        cmd.extend(
            [
                "env",
                "-u",
                "NO_COLOR",
                "-u",
                "ARTDIFF_CONFIG",
                "-u",
                "ARTDIFF_TEST_PANIC",
            ]
            .map(String::from),
        );
        cmd.extend(env.iter().map(|(k, v)| format!("{k}={v}")));
        cmd.push("sh".into());
        cmd.push(wrap.display().to_string());
        cmd.push(tmux.mark().display().to_string());
        cmd.push(env!("CARGO_BIN_EXE_artdiff").to_string());
        cmd.extend(args.iter().map(|a| a.to_string()));
        let out = tmux.run(&cmd.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(
            out.status.success(),
            "tmux new-session failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        tmux
    }

    pub fn mark(&self) -> PathBuf {
        self.dir.path().join("exit")
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .arg("-f")
            .arg(self.dir.path().join("tmux.conf"))
            .args(args)
            .stdin(Stdio::null())
            .output()
            .expect("tmux runs")
    }

    /// The screen, trailing spaces kept.
    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-N", "-t", "t"]).stdout)
            .into_owned()
    }

    /// The screen with its colours and attributes as escape sequences.
    pub fn screen_with_escapes(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-e", "-t", "t"]).stdout)
            .into_owned()
    }

    /// Sends keys and waits for the screen to change.
    pub fn press(&self, keys: &[&str]) -> String {
        let before = self.screen();
        self.keys(keys);
        self.wait_for(&format!("a change after {keys:?}"), |s| s != before)
    }

    /// A tmux format for the pane (`#{alternate_on}`...).
    pub fn format(&self, format: &str) -> String {
        let out = self.run(&["display-message", "-p", "-t", "t", format]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    /// Polls the screen until `ok` holds and the frame has settled (two equal captures);
    /// fails if artdiff exits meanwhile.
    pub fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        self.poll(what, ok, true)
    }

    /// [`Tmux::wait_for`] once artdiff has exited (the shell's turn).
    pub fn wait_after(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        self.poll(what, ok, false)
    }

    pub fn poll(&self, what: &str, ok: impl Fn(&str) -> bool, running: bool) -> String {
        let end = Instant::now() + Duration::from_secs(15);
        let mut last = String::new();
        loop {
            let screen = self.screen();
            if ok(&screen) && screen == last {
                return screen;
            }
            last = screen.clone();
            if let Some(rc) = self.exit_status().filter(|_| running) {
                panic!("artdiff exited ({rc}) while waiting for {what}; screen:\n{screen}");
            }
            assert!(
                Instant::now() < end,
                "timed out waiting for {what}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn exit_status(&self) -> Option<i32> {
        std::fs::read_to_string(self.mark())
            .ok()
            .and_then(|s| s.trim().parse().ok())
    }

    pub fn wait_exit(&self) -> i32 {
        let end = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(rc) = self.exit_status() {
                return rc;
            }
            assert!(
                Instant::now() < end,
                "artdiff did not exit:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The program's process id (it was exec'd by the wrapper).
    pub fn pid(&self) -> String {
        let path = self.dir.path().join("exit.pid");
        let end = Instant::now() + Duration::from_secs(5);
        loop {
            if let Ok(pid) = std::fs::read_to_string(&path) {
                if !pid.trim().is_empty() {
                    return pid.trim().to_string();
                }
            }
            assert!(Instant::now() < end, "no pid file");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Sends `signal` to the program, by its process id.
    pub fn signal(&self, signal: &str) {
        let ok = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(self.pid())
            .status()
            .expect("kill runs")
            .success();
        assert!(ok, "kill -{signal}");
    }

    /// While the TUI runs: alternate screen, mouse reporting in SGR encoding.
    pub fn assert_tui_owns_the_terminal(&self) {
        let modes = self.format("#{alternate_on} #{mouse_sgr_flag} #{mouse_button_flag}");
        assert_eq!(
            modes, "1 1 1",
            "alternate screen, SGR mouse, button tracking"
        );
    }

    /// After the program: every mode back, cooked mode with echo, and a shell reads a line.
    pub fn assert_terminal_restored(&self) {
        let modes = self.format(
            "alt=#{alternate_on} cursor=#{cursor_flag} mouse=#{mouse_any_flag}#{mouse_button_flag}\
             #{mouse_standard_flag}#{mouse_sgr_flag}#{mouse_utf8_flag}",
        );
        assert_eq!(modes, "alt=0 cursor=1 mouse=00000", "{}", self.screen());
        let stty = std::fs::read_to_string(self.dir.path().join("exit.stty")).unwrap();
        let flags: Vec<&str> = stty.split_whitespace().collect();
        for flag in ["icanon", "echo", "isig", "icrnl", "opost"] {
            assert!(flags.contains(&flag), "{flag} off after exit: {stty}");
        }
        self.wait_after("the shell's prompt", |s| s.contains("after> "));
        self.keys(&["-l", "typed normally"]);
        self.keys(&["Enter"]);
        let screen = self.wait_after("the line read back", |s| {
            s.contains("typed: [typed normally]")
        });
        assert!(screen.contains("after> typed normally"), "echo: {screen}");
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
    }
}
