//! Writing a rendered site to disk, so that a reader or a web server never
//! sees half a site: the new site is written beside the old one and swapped
//! in only when complete. planvev writes only into folders it made itself.

use crate::diag::Diagnostic;
use crate::render::RenderedSite;
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

/// Writes `site` to `out`, replacing what planvev wrote there before.
pub fn write_site(site: &RenderedSite, out: &Path, content: &Path) -> Result<(), Diagnostic> {
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
    let staging = parent.join(format!(".{name}.planvev-new-{pid}"));
    let old = parent.join(format!(".{name}.planvev-old-{pid}"));
    remove_leftovers(parent, name);
    let previous = out.join(MARKER).is_file().then_some(out);
    let written = write_all(site, &staging, previous);
    if let Err(e) = written {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    if out.exists() {
        fs::rename(out, &old).map_err(|e| {
            let _ = fs::remove_dir_all(&staging);
            io_err(out, e)
        })?;
    }
    if let Err(e) = fs::rename(&staging, out) {
        // Put the last good site back before giving up.
        let _ = fs::rename(&old, out);
        let _ = fs::remove_dir_all(&staging);
        return Err(io_err(out, e));
    }
    remove_tree(&old);
    Ok(())
}

fn write_all(site: &RenderedSite, dir: &Path, previous: Option<&Path>) -> Result<(), Diagnostic> {
    use rayon::prelude::*;
    fs::create_dir_all(dir).map_err(|e| io_err(dir, e))?;
    fs::write(
        dir.join(MARKER),
        b"This folder is written by planvev build and replaced on every build.\n",
    )
    .map_err(|e| io_err(dir, e))?;
    // Folders first, then the files in parallel: for a whole country the
    // file system, not rendering, is most of a build.
    let dirs: std::collections::BTreeSet<PathBuf> = site
        .files
        .keys()
        .filter_map(|rel| dir.join(rel).parent().map(Path::to_path_buf))
        .collect();
    for d in &dirs {
        fs::create_dir_all(d).map_err(|e| io_err(d, e))?;
    }
    site.files.par_iter().try_for_each(|(rel, bytes)| {
        let path = dir.join(rel);
        // A file unchanged since the last build is linked, not written: the
        // file system's cost is in making and freeing files, and most of a
        // rebuild is unchanged.
        if let Some(old) = previous.map(|p| p.join(rel)) {
            if fs::read(&old).is_ok_and(|b| b == *bytes) && fs::hard_link(&old, &path).is_ok() {
                return Ok(());
            }
        }
        fs::write(&path, bytes).map_err(|e| io_err(&path, e))
    })
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
