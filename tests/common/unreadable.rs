//! A file this process cannot read, also as root: the permission tests must test something
//! whoever runs them (CI containers run as root, which reads any `chmod 000` file).

use std::path::{Path, PathBuf};

/// `dir/name` with mode 000 when permissions are enforced for this user; else, as root,
/// another process's memory (`/proc/1/mem`), which root may not read either unless it may
/// trace that process. `None`, with a line on stderr saying the test skipped, when neither is
/// refused here.
pub fn unreadable_file(dir: &Path, name: &str) -> Option<PathBuf> {
    let path = dir.join(name);
    std::fs::write(&path, "a secret article").expect("write the file");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).expect("chmod 000");
    }
    if refused(&path) {
        return Some(path);
    }
    let other = Path::new("/proc/1/mem");
    if cfg!(target_os = "linux") && refused(other) {
        return Some(other.to_path_buf());
    }
    eprintln!("skipped: nothing is unreadable for this user here (not even /proc/1/mem)");
    None
}

fn refused(path: &Path) -> bool {
    matches!(
        std::fs::File::open(path),
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied
    )
}
