//! Putting a complete new site where the old one was: by renaming the whole
//! folder when it can be renamed, entry by entry inside it when it cannot
//! (a mount point).

use super::{io_err, tidy};
use crate::diag::Diagnostic;
use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

/// The start of the names of the folders a build makes inside the output
/// folder when it fills it in place.
pub(super) const INSIDE_PREFIX: &str = ".";

/// The two folders a build makes beside the output: the new site while it is
/// written, and the old one while it is removed.
pub(super) struct Places {
    /// `.NAME.`: the start of every such name, for finding leftovers.
    pub prefix: String,
    pub staging: PathBuf,
    pub old: PathBuf,
}

impl Places {
    pub(super) fn beside(parent: &Path, name: &str) -> Self {
        Self::with_prefix(parent, format!(".{name}."))
    }

    pub(super) fn inside(out: &Path) -> Self {
        Self::with_prefix(out, INSIDE_PREFIX.to_string())
    }

    fn with_prefix(dir: &Path, prefix: String) -> Self {
        let pid = std::process::id();
        Places {
            staging: dir.join(format!("{prefix}{}{pid}", tidy::NEW)),
            old: dir.join(format!("{prefix}{}{pid}", tidy::OLD)),
            prefix,
        }
    }
}

/// Renames the finished site at `staging` (beside `out`) into place. When
/// `out` turns out not to be renamable (a mount point that was not
/// recognised), the site is copied inside it and swapped in place instead.
pub(super) fn beside(staging: &Path, out: &Path) -> Result<(), Diagnostic> {
    let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("output");
    let at = Places::beside(out.parent().unwrap_or(Path::new("/")), name);
    match fs::rename(out, &at.old) {
        Ok(()) => {}
        Err(e) if cannot_rename(&e) => {
            let inside = Places::inside(out).staging;
            let copied = copy_tree(staging, &inside);
            tidy::remove_tree(staging);
            if let Err(e) = copied {
                tidy::remove_tree(&inside);
                return Err(e);
            }
            return in_place(&inside, out);
        }
        Err(e) => return Err(io_err(out, e)),
    }
    if let Err(e) = fs::rename(staging, out) {
        // Put the last good site back before giving up.
        let _ = fs::rename(&at.old, out);
        return Err(io_err(out, e));
    }
    tidy::remove_tree(&at.old);
    Ok(())
}

fn cannot_rename(e: &std::io::Error) -> bool {
    matches!(e.kind(), ErrorKind::ResourceBusy | ErrorKind::CrossesDevices)
}

/// Copies a written site to another file system, marker first.
fn copy_tree(from: &Path, to: &Path) -> Result<(), Diagnostic> {
    fs::create_dir(to).map_err(|e| io_err(to, e))?;
    tidy::mark(to)?;
    for e in walkdir::WalkDir::new(from)
        .min_depth(1)
        .into_iter()
        .filter_map(|e| e.ok())
    {
        let rel = e.path().strip_prefix(from).unwrap_or(e.path());
        let dest = to.join(rel);
        let done = if e.file_type().is_dir() {
            fs::create_dir_all(&dest)
        } else {
            fs::copy(e.path(), &dest).map(|_| ())
        };
        done.map_err(|err| io_err(&dest, err))?;
    }
    Ok(())
}

/// Swaps in a finished site written to a hidden folder inside `out`: the old
/// top-level entries are moved into another hidden folder and the new ones
/// moved up, one rename each; then the old ones are removed.
pub(super) fn in_place(staging: &Path, out: &Path) -> Result<(), Diagnostic> {
    let old = Places::inside(out).old;
    fs::create_dir(&old).map_err(|e| io_err(&old, e))?;
    tidy::mark(&old)?;
    for entry in site_entries(out)? {
        let to = old.join(entry.file_name().unwrap_or_default());
        fs::rename(&entry, &to).map_err(|e| io_err(&entry, e))?;
    }
    for entry in site_entries(staging)? {
        let to = out.join(entry.file_name().unwrap_or_default());
        fs::rename(&entry, &to).map_err(|e| io_err(&to, e))?;
    }
    if !out.join(super::MARKER).is_file() {
        tidy::mark(out)?;
    }
    tidy::remove_tree(staging);
    tidy::remove_tree(&old);
    Ok(())
}

/// The entries of a site folder, without its marker and the hidden folders
/// of a build in progress.
fn site_entries(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let entries = fs::read_dir(dir).map_err(|e| io_err(dir, e))?;
    Ok(entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            let n = e.file_name();
            n != super::MARKER && !tidy::is_build_folder(&n.to_string_lossy(), INSIDE_PREFIX)
        })
        .map(|e| e.path())
        .collect())
}

/// A mount point (a volume, a mounted web root) cannot be renamed: it is on
/// another device than the folder holding it, or (a bind mount of a folder
/// on the same device) listed in the mount table.
#[cfg(unix)]
pub(super) fn is_mount_point(dir: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let parent = dir.parent().unwrap_or(Path::new("/"));
    let other_device = match (fs::metadata(dir), fs::metadata(parent)) {
        (Ok(a), Ok(b)) => a.dev() != b.dev(),
        _ => false,
    };
    other_device || mounted_at(dir)
}

/// Whether /proc/self/mountinfo lists `dir` as a mount point (Linux; false
/// elsewhere, where a failed rename still falls back to filling in place).
#[cfg(unix)]
fn mounted_at(dir: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(table) = fs::read("/proc/self/mountinfo") else {
        return false;
    };
    let want = dir.as_os_str().as_bytes();
    table
        .split(|&b| b == b'\n')
        .filter_map(|line| line.split(|&b| b == b' ').nth(4))
        .any(|point| unescape_mount(point) == want)
}

/// Mount points are written with space, tab, newline and backslash as octal
/// escapes (`\040`).
#[cfg(unix)]
fn unescape_mount(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let octal = s
            .get(i + 1..i + 4)
            .filter(|d| s[i] == b'\\' && d.iter().all(|c| (b'0'..=b'7').contains(c)));
        match octal {
            Some(d) => {
                out.push((d[0] - b'0') * 64 + (d[1] - b'0') * 8 + (d[2] - b'0'));
                i += 4;
            }
            None => {
                out.push(s[i]);
                i += 1;
            }
        }
    }
    out
}

#[cfg(not(unix))]
pub fn is_mount_point(_: &Path) -> bool {
    false
}

/// The old site is removed after the new one is in place, so every folder in
/// it must let planvev remove files, or the build would leave a folder no
/// one can delete. Checked before anything is changed.
pub(super) fn check_removable(out: &Path) -> Result<(), Diagnostic> {
    let folders = walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_dir());
    for f in folders {
        if !writable(f.path()) {
            return Err(Diagnostic::error(
                f.path(),
                "this folder is read-only, so planvev could not remove the old site from it",
            )
            .hint("make the output folder writable again (chmod -R u+w), or choose another --output"));
        }
    }
    Ok(())
}

#[cfg(unix)]
fn writable(dir: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: `c` is a valid NUL-terminated path for the whole call.
    unsafe { libc::access(c.as_ptr(), libc::W_OK | libc::X_OK) == 0 }
}

#[cfg(not(unix))]
fn writable(dir: &Path) -> bool {
    fs::metadata(dir).is_ok_and(|m| !m.permissions().readonly())
}
