//! Writing a rendered site to disk, so that a reader or a web server never
//! sees half a site: the new site is written beside the old one and swapped
//! in only when complete. planvev writes only into folders it made itself.

use crate::diag::Diagnostic;
use crate::render::{RenderedSite, Sink};
use std::fs;
use std::path::{Path, PathBuf};

/// The file that marks a folder as planvev's own output.
pub const MARKER: &str = ".planvev-output";

/// Why `out` must not be written, if it must not.
pub fn refuse_reason(out: &Path, content: &Path) -> Option<String> {
    let abs = |p: &Path| fs::canonicalize(p).unwrap_or_else(|_| std::path::absolute(p).unwrap_or(p.to_path_buf()));
    let (o, c) = (abs(out), abs(content));
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
        if o == abs(&home) {
            return Some(format!("{} is your home folder", out.display()));
        }
    }
    if o.parent().is_none() {
        return Some("the root of the file system cannot be an output folder".into());
    }
    if out.is_file() {
        return Some(format!("{} is a file, not a folder", out.display()));
    }
    if out.is_dir() && !out.join(MARKER).is_file() {
        let empty = fs::read_dir(out).map(|mut d| d.next().is_none()).unwrap_or(false);
        if !empty {
            return Some(format!("{} holds files that planvev did not write", out.display()));
        }
    }
    None
}

/// A site being written beside the old one (`.NAME.planvev-new-PID`). Files
/// arrive through `Sink::put` as they are rendered, from many threads;
/// `commit` swaps the finished site in, `abandon` removes it and leaves the
/// old site as it was.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    old: PathBuf,
    /// The site being replaced, when planvev wrote it: unchanged files are
    /// linked from it instead of written.
    previous: Option<PathBuf>,
}

impl Staging {
    /// Checks that `out` may be written and prepares the folder the new site
    /// is written to.
    pub fn begin(out: &Path, content: &Path) -> Result<Staging, Diagnostic> {
        if let Some(why) = refuse_reason(out, content) {
            return Err(Diagnostic::error(out, format!("will not write the site here: {why}"))
                .hint("choose an empty or new folder with --output (planvev only replaces folders it made itself)"));
        }
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent).map_err(|e| io_err(parent, e))?;
        let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("output");
        let pid = std::process::id();
        remove_leftovers(parent, name);
        let staging = Staging {
            out: out.to_path_buf(),
            dir: parent.join(format!(".{name}.planvev-new-{pid}")),
            old: parent.join(format!(".{name}.planvev-old-{pid}")),
            previous: out.join(MARKER).is_file().then(|| out.to_path_buf()),
        };
        fs::create_dir_all(&staging.dir).map_err(|e| io_err(&staging.dir, e))?;
        fs::write(
            staging.dir.join(MARKER),
            b"This folder is written by planvev build and replaced on every build.\n",
        )
        .map_err(|e| io_err(&staging.dir, e))?;
        Ok(staging)
    }

    /// Puts the finished site in place of the old one.
    pub fn commit(self) -> Result<(), Diagnostic> {
        let out = &self.out;
        if out.exists() {
            if let Err(e) = fs::rename(out, &self.old) {
                let _ = fs::remove_dir_all(&self.dir);
                return Err(io_err(out, e));
            }
        }
        if let Err(e) = fs::rename(&self.dir, out) {
            // Put the last good site back before giving up.
            let _ = fs::rename(&self.old, out);
            let _ = fs::remove_dir_all(&self.dir);
            return Err(io_err(out, e));
        }
        remove_tree(&self.old);
        Ok(())
    }

    /// Removes what was written; the old site stays as it was.
    pub fn abandon(self) {
        remove_tree(&self.dir);
    }
}

impl Sink for Staging {
    fn put(&self, rel: String, bytes: Vec<u8>) -> Result<(), Diagnostic> {
        let path = self.dir.join(&rel);
        // A file unchanged since the last build is linked, not written: the
        // file system's cost is in making and freeing files, and most of a
        // rebuild is unchanged.
        if let Some(old) = self.previous.as_ref().map(|p| p.join(&rel)) {
            if fs::read(&old).is_ok_and(|b| b == bytes) && link_into(&old, &path).is_ok() {
                return Ok(());
            }
        }
        let written = fs::write(&path, &bytes).or_else(|e| match (e.kind(), path.parent()) {
            // Folders are made when their first file arrives.
            (std::io::ErrorKind::NotFound, Some(parent)) => {
                fs::create_dir_all(parent).and_then(|_| fs::write(&path, &bytes))
            }
            _ => Err(e),
        });
        written.map_err(|e| io_err(&path, e))
    }
}

fn link_into(old: &Path, path: &Path) -> std::io::Result<()> {
    fs::hard_link(old, path).or_else(|e| match (e.kind(), path.parent()) {
        (std::io::ErrorKind::NotFound, Some(parent)) => {
            fs::create_dir_all(parent).and_then(|_| fs::hard_link(old, path))
        }
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
        .try_for_each(|(rel, bytes)| staging.put(rel.clone(), bytes.to_vec()));
    match written {
        Ok(()) => staging.commit(),
        Err(e) => {
            staging.abandon();
            Err(e)
        }
    }
}

fn io_err(path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(path, format!("could not write: {e}"))
        .hint("check that the disk has room and that you may write there")
}

/// Removes the replaced site, files in parallel (as fast as writing it).
fn remove_tree(dir: &Path) {
    use rayon::prelude::*;
    if !dir.exists() {
        return;
    }
    let files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| !e.file_type().is_dir())
        .map(|e| e.into_path())
        .collect();
    files.par_iter().for_each(|f| {
        let _ = fs::remove_file(f);
    });
    let _ = fs::remove_dir_all(dir);
}

/// Folders a build that was killed left beside the output (`.output.planvev-
/// new-123`): only planvev's own, recognised by the marker inside.
fn remove_leftovers(parent: &Path, name: &str) {
    let prefixes = [format!(".{name}.planvev-new-"), format!(".{name}.planvev-old-")];
    let Ok(entries) = fs::read_dir(parent) else { return };
    for e in entries.filter_map(|e| e.ok()) {
        let n = e.file_name().to_string_lossy().into_owned();
        if prefixes.iter().any(|p| n.starts_with(p.as_str())) && e.path().join(MARKER).is_file() {
            remove_tree(&e.path());
        }
    }
}
