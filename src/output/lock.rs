//! Two builds into one folder take turns: each holds a lock on the output
//! folder itself (not a lock file beside it, which a read-only parent such as
//! a mount point's would not allow, and which would be one more leftover).

use super::io_err;
use crate::diag::Diagnostic;
use std::fs::{self, File, TryLockError};
use std::path::Path;

/// The lock on an output folder, released when dropped.
pub(super) struct Held {
    _folder: File,
}

/// Locks `out`, waiting (and saying so) while another build holds it. The
/// other build may have swapped a new folder in meanwhile; the lock is then
/// taken again on the folder that is there now.
pub(super) fn acquire(out: &Path) -> Result<Held, Diagnostic> {
    let mut said = false;
    loop {
        let folder = File::open(out).map_err(|e| io_err(out, e))?;
        match folder.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                if !said {
                    eprintln!(
                        "Another planvev build is writing to {}; waiting for it to finish.",
                        crate::diag::printable(&out.display().to_string())
                    );
                    said = true;
                }
                folder.lock().map_err(|e| io_err(out, e))?;
            }
            Err(TryLockError::Error(e)) => return Err(io_err(out, e)),
        }
        if same_folder(&folder, out) {
            return Ok(Held { _folder: folder });
        }
    }
}

/// Locks a folder this build has just made, so that a build waiting for
/// `out` finds it locked once it is swapped in.
pub(super) fn hold_new(dir: &Path) -> Result<Held, Diagnostic> {
    let folder = File::open(dir).map_err(|e| io_err(dir, e))?;
    folder.lock().map_err(|e| io_err(dir, e))?;
    Ok(Held { _folder: folder })
}

#[cfg(unix)]
fn same_folder(f: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (f.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_folder(_: &File, path: &Path) -> bool {
    path.is_dir()
}
