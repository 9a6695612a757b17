//! Paths as the site names them. A file's path relative to its folder (a
//! theme file, a site asset) becomes a `/`-separated key for routes, links
//! and the in-memory site in this one place, so a site built on Windows
//! (`assets\img\logo.png`) has the same addresses as one built on Linux.

use std::path::Path;

/// The `/`-separated key of a relative path, whichever separator wrote it:
/// `assets\img\logo.png`, `assets/img/logo.png` and `.\assets\img\logo.png`
/// all become `assets/img/logo.png`. Empty and `.` parts are dropped; a
/// name that is not UTF-8 keeps its other characters (U+FFFD for the rest).
pub fn web_key(rel: &Path) -> String {
    rel.to_string_lossy()
        .split(['/', '\\'])
        .filter(|p| !p.is_empty() && *p != ".")
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn windows_separators_become_slashes() {
        assert_eq!(web_key(Path::new("assets\\img\\logo.png")), "assets/img/logo.png");
        assert_eq!(web_key(Path::new("static\\tables.js")), "static/tables.js");
        assert_eq!(web_key(Path::new(".\\static\\style.css")), "static/style.css");
        assert_eq!(web_key(Path::new("a/b\\c.csv")), "a/b/c.csv");
        assert_eq!(web_key(Path::new("strings\\nn.yaml")), "strings/nn.yaml");
    }

    #[test]
    fn native_paths_and_odd_forms() {
        let native: PathBuf = ["assets", "img", "logo.png"].iter().collect();
        assert_eq!(web_key(&native), "assets/img/logo.png");
        assert_eq!(web_key(Path::new("static//a.css")), "static/a.css");
        assert_eq!(web_key(Path::new("./templates/page.html")), "templates/page.html");
        assert_eq!(web_key(Path::new("bilete\\Hå æøå.png")), "bilete/Hå æøå.png");
        assert_eq!(web_key(Path::new("style.css")), "style.css");
    }

    #[cfg(unix)]
    #[test]
    fn a_name_that_is_not_utf8_is_kept_readable() {
        use std::os::unix::ffi::OsStrExt;
        let p = Path::new(std::ffi::OsStr::from_bytes(b"assets\\bl\xe5.png"));
        assert_eq!(web_key(p), "assets/bl\u{fffd}.png");
    }
}
