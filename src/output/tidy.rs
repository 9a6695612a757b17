//! Marking planvev's own folders, and removing them so that a build killed
//! at any moment leaves only folders the next build recognises and removes.

use super::{io_err, MARKER};
use crate::diag::Diagnostic;
use std::fs;
use std::path::{Path, PathBuf};

/// The middle of the name of a folder that holds a new site being written.
pub(super) const NEW: &str = "planvev-new-";
/// The middle of the name of a folder that holds an old site being removed.
pub(super) const OLD: &str = "planvev-old-";

/// Marks `dir` as planvev's own.
pub(super) fn mark(dir: &Path) -> Result<(), Diagnostic> {
    fs::write(
        dir.join(MARKER),
        b"This folder is written by planvev build and replaced on every build.\n",
    )
    .map_err(|e| io_err(dir, e))
}

/// `PREFIXplanvev-new-123` or `PREFIXplanvev-old-123`: the name of a folder
/// a build makes.
pub(super) fn is_build_folder(name: &str, prefix: &str) -> bool {
    let Some(rest) = name.strip_prefix(prefix) else {
        return false;
    };
    let pid = rest.strip_prefix(NEW).or_else(|| rest.strip_prefix(OLD));
    pid.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Removes a folder, files in parallel (as fast as writing it), its marker
/// last: a removal killed half-way leaves a folder that is still marked as
/// planvev's, or one that is empty.
pub(super) fn remove_tree(dir: &Path) {
    use rayon::prelude::*;
    let steps = removal(dir);
    let split = steps
        .iter()
        .position(|s| !matches!(s, Step::File(_)))
        .unwrap_or(steps.len());
    steps[..split].par_iter().for_each(Step::run);
    steps[split..].iter().for_each(Step::run);
}

/// One removal: the files (in any order), then the folders deepest first,
/// then the marker, then the folder itself.
#[derive(Debug)]
enum Step {
    File(PathBuf),
    Dir(PathBuf),
}

impl Step {
    fn run(&self) {
        let _ = match self {
            Step::File(p) => fs::remove_file(p),
            Step::Dir(p) => fs::remove_dir_all(p),
        };
    }
}

fn removal(dir: &Path) -> Vec<Step> {
    if fs::symlink_metadata(dir).is_err() {
        return Vec::new();
    }
    let marker = dir.join(MARKER);
    let entries: Vec<walkdir::DirEntry> = walkdir::WalkDir::new(dir)
        .contents_first(true)
        .min_depth(1)
        .into_iter()
        .filter_map(|e| e.ok())
        .collect();
    let (dirs, files): (Vec<_>, Vec<_>) = entries.into_iter().partition(|e| e.file_type().is_dir());
    let mut steps: Vec<Step> = files
        .into_iter()
        .filter(|e| e.path() != marker)
        .map(|e| Step::File(e.into_path()))
        .collect();
    steps.extend(dirs.into_iter().map(|e| Step::Dir(e.into_path())));
    steps.push(Step::File(marker));
    steps.push(Step::Dir(dir.to_path_buf()));
    steps
}

/// Folders a build that was killed left in `dir` (`.output.planvev-new-123`
/// beside the output, `.planvev-old-123` inside it): only planvev's own,
/// recognised by the marker inside, or empty. The caller holds the lock, so
/// no other build is using them.
pub(super) fn remove_leftovers(dir: &Path, prefix: &str) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for e in entries.filter_map(|e| e.ok()) {
        let name = e.file_name().to_string_lossy().into_owned();
        if !is_build_folder(&name, prefix) || !e.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let path = e.path();
        if path.join(MARKER).is_file() {
            remove_tree(&path);
        } else {
            // Only succeeds when empty: a build killed before its marker.
            let _ = fs::remove_dir(&path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 11.3: a build killed while it removed the replaced site left a
    /// folder without the marker, which no later build would touch. Stopped
    /// after any number of steps, the removal leaves a marked folder, an
    /// empty one, or nothing; and the next build's tidy-up removes it.
    #[test]
    fn a_removal_stopped_at_any_step_leaves_a_folder_the_next_build_removes() {
        let tmp = tempfile::tempdir().unwrap();
        let make = |dir: &Path| {
            for sub in ["nn/klepp/a", "nb/klepp/a", "assets"] {
                fs::create_dir_all(dir.join(sub)).unwrap();
                fs::write(dir.join(sub).join("index.html"), "x").unwrap();
            }
            fs::write(dir.join("index.html"), "x").unwrap();
            mark(dir).unwrap();
        };
        let old = tmp.path().join(".out.planvev-old-4242");
        make(&old);
        let total = removal(&old).len();
        assert!(total > 5);
        for stop in 0..=total {
            make(&old);
            for step in removal(&old).iter().take(stop) {
                step.run();
            }
            let left = fs::read_dir(&old).map(|d| d.count());
            assert!(
                left.as_ref().map_or(true, |n| *n == 0) || old.join(MARKER).is_file(),
                "stopped after {stop} steps: unmarked and not empty"
            );
            remove_leftovers(tmp.path(), ".out.");
            assert!(!old.exists(), "stopped after {stop} steps: not cleaned");
        }
    }

    #[test]
    fn only_the_names_a_build_makes_are_build_folders() {
        assert!(is_build_folder(".out.planvev-old-123", ".out."));
        assert!(is_build_folder(".planvev-new-9", "."));
        assert!(!is_build_folder(".out.planvev-new-mine", ".out."));
        assert!(!is_build_folder(".out.planvev-new-", ".out."));
        assert!(!is_build_folder(".x.planvev-new-5.planvev-new-7", ".x."));
    }
}
