//! Writing a rendered site to disk, so that a reader or a web server never
//! sees half a site: the new site is written beside the old one and swapped
//! in only when complete. planvev writes only into folders it made itself.
//!
//! The guarantees, and where they are weaker (README "What `build` promises"):
//! - `--output` that is a symbolic link is followed: the folder it points to
//!   is replaced and the link is kept (a web root is often a link).
//! - Anything that exists and is not a folder (a file, a FIFO, a socket, a
//!   device such as /dev/null) is refused, never replaced.
//! - Two builds into one folder take turns (a lock on the folder); the second
//!   says that it waits.
//! - A folder that cannot be renamed (a mount point: a Docker or Kubernetes
//!   volume, a mounted web root) is filled in place: every file is whole, but
//!   the old and new sites are swapped one top-level entry at a time, and a
//!   build killed during those moves leaves a mix until the next build.
//! - A killed build leaves only folders marked as planvev's own, and the next
//!   build removes them.

mod lock;
mod swap;
mod tidy;

use crate::diag::Diagnostic;
use crate::render::{RenderedSite, Sink};
use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

/// The file that marks a folder as planvev's own output.
pub const MARKER: &str = ".planvev-output";

/// Why `out` must not be written, if it must not.
pub fn refuse_reason(out: &Path, content: &Path) -> Option<String> {
    if let Some(why) = not_a_folder(out) {
        return Some(why);
    }
    let (o, c) = (resolve(out), resolve(content));
    if c.starts_with(&o) {
        return Some(format!(
            "{} holds the content folder; writing there would destroy the plan's own files",
            out.display()
        ));
    }
    if o.starts_with(&c) {
        return Some(format!(
            "{} is inside the content folder; the site would be read back in as content",
            out.display()
        ));
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
        if o == resolve(&home) {
            return Some(format!("{} is your home folder", out.display()));
        }
    }
    if o.parent().is_none() {
        return Some("the root of the file system cannot be an output folder".into());
    }
    if out.is_dir() && !out.join(MARKER).is_file() {
        let empty = fs::read_dir(out).map(|mut d| d.next().is_none()).unwrap_or(false);
        if !empty {
            return Some(format!("{} holds files that planvev did not write", out.display()));
        }
    }
    None
}

/// Every existing path that is not a folder is refused: replacing a FIFO or
/// a device node (`/dev/null` when run as root) would destroy it.
fn not_a_folder(out: &Path) -> Option<String> {
    let link = fs::symlink_metadata(out).ok()?;
    let Ok(meta) = fs::metadata(out) else {
        return Some(format!("{} is a link to something that does not exist", out.display()));
    };
    if meta.is_dir() {
        return None;
    }
    let kind = kind_of(&meta.file_type());
    let via = if link.file_type().is_symlink() {
        "a link to "
    } else {
        ""
    };
    Some(format!("{} is {via}{kind}, not a folder", out.display()))
}

fn kind_of(t: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    if t.is_file() {
        "a file"
    } else {
        "something other than a folder"
    }
}

/// The folder `out` names, through a link if it is one; made absolute when
/// it does not exist yet.
fn resolve(out: &Path) -> PathBuf {
    fs::canonicalize(out).unwrap_or_else(|_| std::path::absolute(out).unwrap_or(out.to_path_buf()))
}

/// A site being written (`.NAME.planvev-new-PID` beside the output, or
/// `.planvev-new-PID` inside it when it is a mount point). Files arrive
/// through `Sink::put` as they are rendered, from many threads; `commit`
/// swaps the finished site in, `abandon` removes it and leaves the old site
/// as it was. The output folder is locked from `begin` to the end.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    /// The site being replaced, when planvev wrote it: unchanged files are
    /// linked from it instead of written.
    previous: Option<PathBuf>,
    in_place: bool,
    /// `out` did not exist: it is made at `begin` (to be locked) and removed
    /// again if the build is abandoned, so a failed build leaves nothing.
    made_out: bool,
    _locks: Vec<lock::Held>,
}

impl Staging {
    /// Checks that `out` may be written, waits for another build writing
    /// there, and prepares the folder the new site is written to.
    pub fn begin(out: &Path, content: &Path) -> Result<Staging, Diagnostic> {
        if let Some(why) = refuse_reason(out, content) {
            return Err(Diagnostic::error(out, format!("will not write the site here: {why}"))
                .hint("choose an empty or new folder with --output (planvev only replaces folders it made itself)"));
        }
        // A link is followed: from here on, the folder it points to.
        let out = resolve(out);
        let parent = out.parent().unwrap_or(Path::new("/")).to_path_buf();
        fs::create_dir_all(&parent).map_err(|e| io_err(&parent, e))?;
        let made_out = match fs::create_dir(&out) {
            Ok(()) => true,
            Err(e) if e.kind() == ErrorKind::AlreadyExists => false,
            Err(e) => return Err(io_err(&out, e)),
        };
        let mut locks = vec![lock::acquire(&out)?];
        swap::check_removable(&out)?;
        let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("output");
        let beside = swap::Places::beside(&parent, name);
        tidy::remove_leftovers(&parent, &beside.prefix);
        tidy::remove_leftovers(&out, swap::INSIDE_PREFIX);
        let in_place = swap::is_mount_point(&out);
        let dir = if in_place {
            swap::Places::inside(&out).staging
        } else {
            beside.staging
        };
        fs::create_dir(&dir).map_err(|e| io_err(&dir, e))?;
        tidy::mark(&dir)?;
        // Whoever waits for `out` must find the new folder locked too once it
        // is swapped in.
        locks.push(lock::hold_new(&dir)?);
        Ok(Staging {
            previous: out.join(MARKER).is_file().then(|| out.clone()),
            out,
            dir,
            in_place,
            made_out,
            _locks: locks,
        })
    }

    /// Puts the finished site in place of the old one.
    pub fn commit(self) -> Result<(), Diagnostic> {
        let result = if self.in_place {
            swap::in_place(&self.dir, &self.out)
        } else {
            swap::beside(&self.dir, &self.out)
        };
        if result.is_err() {
            tidy::remove_tree(&self.dir);
        }
        result
    }

    /// Removes what was written; the old site stays as it was.
    pub fn abandon(self) {
        tidy::remove_tree(&self.dir);
        if self.made_out {
            // Only if still empty: never anything another build put there.
            let _ = fs::remove_dir(&self.out);
        }
    }
}

impl Sink for Staging {
    fn put(&self, rel: String, bytes: &[u8]) -> Result<(), Diagnostic> {
        let path = self.dir.join(&rel);
        // A file unchanged since the last build is linked, not written: the
        // file system's cost is in making and freeing files, and most of a
        // rebuild is unchanged.
        if let Some(old) = self.previous.as_ref().map(|p| p.join(&rel)) {
            if fs::read(&old).is_ok_and(|b| b == bytes) && link_into(&old, &path).is_ok() {
                return Ok(());
            }
        }
        in_folder(&path, |p| fs::write(p, bytes)).map_err(|e| io_err(&path, e))
    }

    fn get(&self, rel: &str) -> Option<Vec<u8>> {
        fs::read(self.dir.join(rel)).ok()
    }

    fn reads_back(&self) -> bool {
        true
    }

    fn create(&self, rel: &str) -> Option<Result<fs::File, Diagnostic>> {
        let path = self.dir.join(rel);
        Some(in_folder(&path, |p| fs::File::create(p)).map_err(|e| io_err(&path, e)))
    }
}

fn link_into(old: &Path, path: &Path) -> std::io::Result<()> {
    in_folder(path, |p| fs::hard_link(old, p))
}

/// Makes the file at `path` with `make`, and its folder first if that is
/// missing: folders are made when their first file arrives.
fn in_folder<T>(path: &Path, make: impl Fn(&Path) -> std::io::Result<T>) -> std::io::Result<T> {
    make(path).or_else(|e| match (e.kind(), path.parent()) {
        (ErrorKind::NotFound, Some(parent)) => fs::create_dir_all(parent).and_then(|_| make(path)),
        _ => Err(e),
    })
}

/// Writes a site held in memory to `out`, replacing what planvev wrote there before.
pub fn write_site(site: &RenderedSite, out: &Path, content: &Path) -> Result<(), Diagnostic> {
    use rayon::prelude::*;
    let staging = Staging::begin(out, content)?;
    let written = site
        .files
        .par_iter()
        .try_for_each(|(rel, bytes)| staging.put(rel.clone(), bytes));
    match written {
        Ok(()) => staging.commit(),
        Err(e) => {
            staging.abandon();
            Err(e)
        }
    }
}

/// A failed write, with the hint that fits its cause (disk space only when
/// the disk is full).
fn io_err(path: &Path, e: std::io::Error) -> Diagnostic {
    let hint = match e.kind() {
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => {
            "the disk is full: free some space, or choose another --output"
        }
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
            "you may not write there: choose another --output, or ask for write access"
        }
        _ => "check that the folder is still there and that you may write to it",
    };
    Diagnostic::error(path, format!("could not write: {e}"))
        .kind(crate::diag::Kind::Io)
        .hint(hint)
}
