//! The theme: templates, static files and UI strings. The default theme is
//! built into the binary so `planvev build` works on a folder that has only
//! content/; a site's `themes/NAME/` overrides it file by file.

use crate::diag::{Diagnostic, Diagnostics};
use include_dir::{include_dir, Dir};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

static DEFAULT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// Path inside the theme (`templates/base.html`) → content.
    pub files: BTreeMap<String, Vec<u8>>,
    /// The folder that overrides the built-in theme, if any (watched by serve).
    pub override_dir: Option<PathBuf>,
    /// The templates, compiled by the first render that needs them:
    /// `serve` renders a theme again on every save and keeps it until a
    /// theme file changes (which loads a new `Theme`).
    pub compiled: std::sync::OnceLock<std::sync::Arc<tera::Tera>>,
}

impl Theme {
    /// The built-in theme, then the override folder on top when it exists.
    /// `name` is site.yaml's `theme`; the folder is `themes/NAME` beside the
    /// content folder (or inside it).
    pub fn load(content_root: &Path, name: Option<&str>, diags: &mut Diagnostics) -> Theme {
        let mut theme = Theme::default();
        add_embedded(&DEFAULT, &mut theme.files);
        let name = name.unwrap_or("default");
        if !is_valid_name(name) {
            // site.yaml's reader has said where and why.
            return theme;
        }
        let candidates = [
            content_root.parent().map(|p| p.join("themes").join(name)),
            Some(content_root.join("themes").join(name)),
        ];
        let dir = candidates.into_iter().flatten().find(|d| d.is_dir());
        match dir {
            Some(dir) => {
                for entry in walkdir::WalkDir::new(&dir).follow_links(true).sort_by_file_name() {
                    match entry {
                        Ok(e)
                            if e.file_type().is_file()
                                && !leaves(&dir, e.path())
                                && !crate::content::load::is_ignored(e.path()) =>
                        {
                            let rel = e.path().strip_prefix(&dir).unwrap_or(e.path());
                            let key = crate::paths::web_key(rel);
                            match std::fs::read(e.path()) {
                                Ok(bytes) => {
                                    theme.files.insert(key, bytes);
                                }
                                Err(err) => diags.push(Diagnostic::error(
                                    e.path(),
                                    format!("the theme file could not be read: {err}"),
                                )),
                            }
                        }
                        Ok(_) => {}
                        Err(err) => diags.push(Diagnostic::error(
                            &dir,
                            format!("the theme folder could not be read: {err}"),
                        )),
                    }
                }
                theme.override_dir = Some(dir);
            }
            None if name != "default" => diags.push(
                Diagnostic::error(
                    content_root.join("site.yaml"),
                    format!("there is no theme folder themes/{name}"),
                )
                .hint("make the folder beside content/, or remove `theme:` to use the built-in theme"),
            ),
            None => {}
        }
        theme
    }

    pub fn text(&self, path: &str) -> Option<&str> {
        self.files.get(path).and_then(|b| std::str::from_utf8(b).ok())
    }

    /// Files under `prefix/`, with the prefix removed.
    pub fn under<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a [u8])> + 'a {
        self.files.iter().filter_map(move |(k, v)| {
            k.strip_prefix(prefix)
                .and_then(|r| r.strip_prefix('/'))
                .map(|r| (r, v.as_slice()))
        })
    }

    /// The built-in theme, for `planvev init` and tests.
    pub fn builtin_file(path: &str) -> Option<&'static [u8]> {
        DEFAULT.get_file(path).map(|f| f.contents())
    }
}

/// A theme is named by its folder in themes/: one plain folder name, so
/// `theme:` can never read outside themes/ (`../../x`, an absolute path, or
/// `/`, which would walk the whole file system and publish what it finds).
pub fn is_valid_name(name: &str) -> bool {
    let mut parts = Path::new(name).components();
    let one = matches!(
        (parts.next(), parts.next()),
        (Some(std::path::Component::Normal(_)), None)
    );
    one && !name.starts_with('.') && !name.contains(['/', '\\'])
}

/// A file reached through a link that leads out of the theme folder is not
/// published (the same rule as for content).
fn leaves(dir: &Path, file: &Path) -> bool {
    match (std::fs::canonicalize(dir), std::fs::canonicalize(file)) {
        (Ok(d), Ok(f)) => !f.starts_with(d),
        _ => true,
    }
}

fn add_embedded(dir: &Dir<'static>, files: &mut BTreeMap<String, Vec<u8>>) {
    for f in dir.files() {
        files.insert(crate::paths::web_key(f.path()), f.contents().to_vec());
    }
    for d in dir.dirs() {
        add_embedded(d, files);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 11.9: `theme: ../../x`, an absolute path or `/` read outside
    /// themes/ and published what was there.
    #[test]
    fn a_theme_name_is_one_folder_name() {
        for ok in ["default", "kommune", "klepp-2017"] {
            assert!(is_valid_name(ok), "{ok}");
        }
        for bad in ["../../x", "/", "/etc", "..", ".", "", "a/b", "a\\b", ".hidden"] {
            assert!(!is_valid_name(bad), "{bad}");
        }
    }

    #[test]
    fn a_theme_outside_themes_is_not_read() {
        let tmp = tempfile::tempdir().unwrap();
        let content = tmp.path().join("site/content");
        std::fs::create_dir_all(&content).unwrap();
        let secret = tmp.path().join("x/static");
        std::fs::create_dir_all(&secret).unwrap();
        std::fs::write(secret.join("secret.txt"), "private").unwrap();
        let mut diags = Diagnostics::default();
        let theme = Theme::load(&content, Some("../../x"), &mut diags);
        assert!(!theme.files.contains_key("static/secret.txt"));
        assert!(theme.override_dir.is_none());
    }
}
