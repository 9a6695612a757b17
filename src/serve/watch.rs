//! Watching the content folder and the theme: file events (debounced by
//! notify) turned into what must be rebuilt.

use super::rebuild::Change;
use crate::content::load::is_ignored;
use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, DebouncedEvent, Debouncer, RecommendedCache};
use std::cell::{Cell, RefCell};
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

/// How long events settle before they are reported, and how often the
/// debouncer looks. Editors write a file within a millisecond or two; the
/// sum of the two is the watcher's share of the save-to-reload time.
pub const SETTLE: Duration = Duration::from_millis(10);
const TICK: Duration = Duration::from_millis(5);

pub struct Watcher {
    /// In a cell so that following the content folder (`follow_root`) can
    /// re-watch it while events are being read.
    debouncer: RefCell<Debouncer<RecommendedWatcher, RecommendedCache>>,
    pub events: Receiver<DebounceEventResult>,
    /// The content folder, canonical (events name canonical paths).
    root: PathBuf,
    /// Which folder that is (device and inode), to notice a new one.
    root_id: Cell<Option<(u64, u64)>>,
    /// Theme folders watched besides the content folder.
    themes: Vec<PathBuf>,
}

impl Watcher {
    pub fn new(content: &Path) -> Result<Watcher, String> {
        let root = content
            .canonicalize()
            .map_err(|e| format!("{}: {e}", content.display()))?;
        let (tx, rx) = channel();
        let mut debouncer = new_debouncer(SETTLE, Some(TICK), move |r: DebounceEventResult| {
            let _ = tx.send(r);
        })
        .map_err(|e| format!("cannot watch files: {e}"))?;
        debouncer
            .watch(&root, RecursiveMode::Recursive)
            .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        let mut w = Watcher {
            debouncer: RefCell::new(debouncer),
            root_id: Cell::new(folder_id(&root)),
            events: rx,
            root,
            themes: vec![],
        };
        w.watch_themes();
        Ok(w)
    }

    /// Watches `themes/` beside the content folder, where a site's theme
    /// lives (`themes/` inside the content folder is watched already).
    /// Called again after full rebuilds, in case the folder was made.
    pub fn watch_themes(&mut self) {
        let Some(dir) = self.root.parent().map(|p| p.join("themes")) else {
            return;
        };
        if self.themes.contains(&dir) || !dir.is_dir() {
            return;
        }
        if self
            .debouncer
            .borrow_mut()
            .watch(&dir, RecursiveMode::Recursive)
            .is_ok()
        {
            self.themes.push(dir);
        }
    }

    /// Whether the content folder is another folder than the one watched:
    /// removed and put back (a `git checkout` of another branch, a restore
    /// from backup). A watch ends with its folder, so the new one is watched
    /// then; the caller rebuilds everything. Cheap enough to ask often.
    /// (Watching the folder above instead made the watcher miss new folders
    /// inside the content: notify then took them for the non-recursive watch.)
    pub fn root_replaced(&self) -> bool {
        let now = folder_id(&self.root);
        if now == self.root_id.get() {
            return false;
        }
        self.root_id.set(now);
        if now.is_none() {
            return true;
        }
        let mut d = self.debouncer.borrow_mut();
        let _ = d.unwatch(&self.root);
        let _ = d.watch(&self.root, RecursiveMode::Recursive);
        true
    }

    /// What a batch of events asks for, if anything.
    pub fn classify(&self, events: &[DebouncedEvent]) -> Option<Change> {
        classify_events(&self.root, &self.themes, events)
    }
}

/// The device and inode of a folder, or None when there is none.
fn folder_id(dir: &Path) -> Option<(u64, u64)> {
    let m = std::fs::metadata(dir).ok().filter(|m| m.is_dir())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = m;
        Some((0, 0))
    }
}

/// What a batch of events asks for: `None` when only ignored files changed
/// (editor swap and backup files, hidden and `_private` files) or nothing
/// was written (planvev's own reads show up as `open` events).
pub fn classify_events(root: &Path, themes: &[PathBuf], events: &[DebouncedEvent]) -> Option<Change> {
    let mut out: Option<Change> = None;
    for e in events {
        if e.need_rescan() {
            return Some(Change::Full);
        }
        match e.kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => {}
            EventKind::Access(_) | EventKind::Other => continue,
            _ => {}
        }
        for p in &e.paths {
            if let Some(c) = classify(root, themes, p) {
                out = Some(match out {
                    Some(o) => o.merge(c),
                    None => c,
                });
            }
        }
    }
    out
}

/// What a change to one path asks for.
pub fn classify(root: &Path, themes: &[PathBuf], path: &Path) -> Option<Change> {
    if let Ok(rel) = path.strip_prefix(root) {
        let parts = names(rel)?;
        return Some(match parts.as_slice() {
            // A file or folder inside a service area (content/m/a/…).
            [m, a, _, ..] if m != "assets" && m != "themes" => Change::area(m, a),
            // site.yaml, front page texts, municipality.yaml, folders made
            // or removed, assets, the theme in content/themes.
            _ => Change::Full,
        });
    }
    for t in themes {
        if let Ok(rel) = path.strip_prefix(t) {
            names(rel)?;
            return Some(Change::Full);
        }
    }
    None
}

/// The names in a relative path, or `None` when one of them is a file or
/// folder planvev does not read.
fn names(rel: &Path) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for c in rel.components() {
        let Component::Normal(n) = c else { return None };
        let n = n.to_string_lossy().into_owned();
        if is_ignored(Path::new(&n)) {
            return None;
        }
        out.push(n);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_paths() {
        let root = Path::new("/site/content");
        let themes = vec![PathBuf::from("/site/themes")];
        let c = |p: &str| classify(root, &themes, Path::new(p));
        assert_eq!(
            c("/site/content/klepp/barnevern/data.yaml"),
            Some(Change::area("klepp", "barnevern"))
        );
        assert_eq!(
            c("/site/content/klepp/barnevern/sub/x.md"),
            Some(Change::area("klepp", "barnevern"))
        );
        assert_eq!(c("/site/content/klepp/barnevern"), Some(Change::Full));
        assert_eq!(c("/site/content/klepp/municipality.yaml"), Some(Change::Full));
        assert_eq!(c("/site/content/site.yaml"), Some(Change::Full));
        assert_eq!(c("/site/content/assets/img/logo.png"), Some(Change::Full));
        assert_eq!(c("/site/themes/default/templates/base.html"), Some(Change::Full));
        for ignored in [
            "/site/content/klepp/barnevern/.data.yaml.swp",
            "/site/content/klepp/barnevern/data.yaml~",
            "/site/content/klepp/barnevern/4913",
            "/site/content/klepp/barnevern/#index.nn.md#",
            "/site/content/klepp/_utkast/data.yaml",
            "/site/content/.git/index",
            "/site/content/klepp/barnevern/data.yaml___jb_tmp___",
            "/site/content/klepp/barnevern/~$budsjett.xlsx",
            "/site/themes/default/templates/.base.html.swp",
            "/site/output/index.html",
        ] {
            assert_eq!(c(ignored), None, "{ignored}");
        }
    }

    #[test]
    fn merges_to_the_larger_change() {
        let a = Change::area("m", "a").merge(Change::area("m", "b"));
        assert_eq!(
            a,
            Change::Areas([("m".into(), "a".into()), ("m".into(), "b".into())].into())
        );
        assert_eq!(a.merge(Change::Full), Change::Full);
    }
}
