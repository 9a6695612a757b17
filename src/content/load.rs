//! Reading a content folder into the model. Every problem found is collected;
//! loading goes on past errors so one run reports them all.

use super::convert;
use super::model::{Doc, Municipality, Narrative, Site};
use super::raw::{RawFrontMatter, RawMunicipality, RawSite};
use super::slug;
use super::text::{is_lang_code, Lang};
use crate::diag::{Diagnostic, Diagnostics, Kind};
use crate::yaml;
use rayon::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

/// No file in a plan is anywhere near this; a larger one is a mistake (a
/// video dropped in the wrong folder), and reading it would only cost time.
const MAX_TEXT_FILE: u64 = 5 * 1024 * 1024;

/// The message for a file that is not there, so callers can add their hint.
pub const MISSING: &str = "the file is missing";

/// Languages a site gets when site.yaml does not list them.
pub const DEFAULT_LANGUAGES: [&str; 2] = ["nn", "nb"];

/// Loads `root`. Returns the site when it could be read well enough to be
/// checked further, and every problem found.
pub fn load_site(root: &Path) -> (Option<Site>, Diagnostics) {
    let mut diags = Diagnostics::default();
    if !root.is_dir() {
        diags.push(
            Diagnostic::error(root, "the content folder does not exist")
                .hint("run planvev in the folder that holds content/, give --content DIR, or make a new site with `planvev init DIR`"),
        );
        return (None, diags);
    }
    let site_file = root.join("site.yaml");
    let raw: Option<RawSite> = match read_text(&site_file) {
        Ok(text) => match yaml::parse(&text, &site_file, 0) {
            Ok(r) => Some(r),
            Err(d) => {
                diags.push(d);
                None
            }
        },
        Err(d) if d.kind == Kind::FileMissing => {
            diags.push(d.hint(
                "every site needs content/site.yaml with at least `title:`; `planvev init DIR` writes a starter",
            ));
            None
        }
        Err(d) => {
            diags.push(d);
            None
        }
    };
    let languages = raw
        .as_ref()
        .map(|r| languages(r, &site_file, &mut diags))
        .unwrap_or_else(default_langs);

    let entries = list_dir(root, &mut diags);
    let front = read_narrative_files("index", &entries, &languages, &mut diags);
    let muni_dirs: Vec<PathBuf> = entries
        .iter()
        .filter(|p| p.is_dir() && name_of(p) != "assets" && name_of(p) != "themes")
        .cloned()
        .collect();
    warn_stray_files(root, &entries, &["site.yaml"], &languages, &mut diags);

    let report_date = raw
        .as_ref()
        .and_then(|r| super::goal::convert::report_date(r, &site_file, &mut diags));
    let settings = convert::AreaSettings {
        symbols: raw.as_ref().and_then(|r| r.symbols).unwrap_or_default(),
        report_date,
        plan_end: raw.as_ref().and_then(|r| r.period.as_ref()).map(|p| p.to),
    };
    let loaded: Vec<(Option<Municipality>, Diagnostics)> = muni_dirs
        .par_iter()
        .map(|dir| load_municipality(dir, &languages, settings))
        .collect();
    let mut municipalities = Vec::new();
    for (m, d) in loaded {
        diags.extend(d);
        municipalities.extend(m);
    }
    if municipalities.is_empty() && muni_dirs.is_empty() {
        diags.push(
            Diagnostic::warning(root, "the site has no municipality folders yet")
                .hint("make a folder such as content/klepp/ with municipality.yaml in it"),
        );
    }
    municipalities.sort_by(|a, b| a.slug.cmp(&b.slug));

    let assets = list_assets(root, &mut diags);
    let Some(raw) = raw else { return (None, diags) };
    let site = Site {
        root: root.to_path_buf(),
        title: raw.title,
        languages,
        base_url: raw
            .base_url
            .and_then(|b| super::address::web_address(&b, &site_file, &mut diags))
            .map(|b| normalise_base_url(&b)),
        period: raw.period.map(|p| (p.from, p.to)),
        report_date,
        theme: raw.theme.and_then(|t| theme_name(t, &site_file, &mut diags)),
        accessibility_statement: raw
            .accessibility_statement
            .and_then(|a| super::address::web_addresses(&a, &site_file, &mut diags)),
        raw_html: raw.raw_html.unwrap_or(false),
        symbols: settings.symbols,
        licence: raw.licence.and_then(|l| {
            super::licence::Licence::parse(&l, &site_file)
                .map_err(|d| diags.push(d))
                .ok()
        }),
        front,
        municipalities,
        assets,
    };
    (Some(site), diags)
}

/// `theme:` names a folder in themes/, nothing else (see
/// `theme::is_valid_name`).
fn theme_name(t: crate::yaml::Spanned<String>, file: &Path, diags: &mut Diagnostics) -> Option<String> {
    if crate::theme::is_valid_name(&t.value) {
        return Some(t.value);
    }
    diags.push(
        Diagnostic::error(
            file,
            format!("«{}» is not a theme name: a theme is a folder in themes/", t.value),
        )
        .at_opt(yaml::place(&t))
        .hint("write only the folder's name, such as `theme: kommune` for themes/kommune/"),
    );
    None
}

fn default_langs() -> Vec<Lang> {
    DEFAULT_LANGUAGES.iter().map(|s| s.to_string()).collect()
}

fn normalise_base_url(s: &str) -> String {
    let s = s.trim();
    if s.ends_with('/') {
        s.to_string()
    } else {
        format!("{s}/")
    }
}

fn languages(raw: &RawSite, file: &Path, diags: &mut Diagnostics) -> Vec<Lang> {
    let Some(list) = &raw.languages else {
        return default_langs();
    };
    let mut out: Vec<Lang> = Vec::new();
    for l in &list.value {
        if !is_lang_code(l) {
            diags.push(
                Diagnostic::error(file, format!("`{l}` is not a language code"))
                    .at_opt(yaml::place(list))
                    .hint("use ISO 639 codes: nn for nynorsk, nb for bokmål (not `no` or `nb-NO`)"),
            );
        } else if out.contains(l) {
            diags
                .push(Diagnostic::error(file, format!("the language `{l}` is listed twice")).at_opt(yaml::place(list)));
        } else {
            out.push(l.clone());
        }
    }
    if out.is_empty() {
        diags.push(
            Diagnostic::error(file, "`languages` lists no language")
                .at_opt(yaml::place(list))
                .hint("write `languages: [nn, nb]`; the first is the default"),
        );
        return default_langs();
    }
    out
}

fn load_municipality(
    dir: &Path,
    languages: &[Lang],
    settings: convert::AreaSettings,
) -> (Option<Municipality>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let slug = name_of(dir).to_string();
    check_slug(dir, &slug, "municipality folder", &mut diags);
    let file = dir.join("municipality.yaml");
    let raw: Option<RawMunicipality> = match read_text(&file) {
        Ok(text) => yaml::parse(&text, &file, 0).map_err(|d| diags.push(d)).ok(),
        Err(d) if d.kind != Kind::FileMissing => {
            diags.push(d);
            None
        }
        Err(d) => {
            diags.push(d.hint(format!(
                "every municipality folder needs municipality.yaml with `name:` and `language:`; if {} is not a municipality, move it out of content/ or start its name with `_`",
                dir.display()
            )));
            None
        }
    };
    let entries = list_dir(dir, &mut diags);
    let intro = read_narrative_files("index", &entries, languages, &mut diags);
    warn_stray_files(dir, &entries, &["municipality.yaml"], languages, &mut diags);
    let area_dirs: Vec<&PathBuf> = entries.iter().filter(|p| p.is_dir()).collect();
    let raw = raw.and_then(|r| {
        let language = match &r.language {
            Some(l) if languages.contains(&l.value) => l.value.clone(),
            Some(l) => {
                diags.push(
                    Diagnostic::error(&file, format!("`{}` is not one of the site's languages", l.value))
                        .at_opt(yaml::place(l))
                        .hint(format!(
                            "write one of: {} (or add it to `languages` in site.yaml)",
                            languages.join(", ")
                        )),
                );
                return None;
            }
            None => languages[0].clone(),
        };
        let number = r
            .number
            .as_ref()
            .and_then(|n| convert::municipality_number(n, &file, &mut diags));
        Some((r, language, number))
    });
    let mut areas = Vec::new();
    for area_dir in &area_dirs {
        if let Some(a) = convert::load_area(area_dir, languages, settings, &mut diags) {
            areas.push(a);
        }
    }
    let m = raw.map(|(r, language, number)| {
        let order = area_order(&r, &file, &area_dirs, &mut diags);
        (r, language, number, order)
    });
    let m = m.map(|(r, language, number, order)| Municipality {
        slug,
        dir: dir.to_path_buf(),
        name: r.name,
        number,
        language,
        county: r.county,
        intro,
        areas,
        order,
    });
    let m = m.map(|mut m| {
        m.sort_areas();
        m
    });
    (m, diags)
}

/// `order:` in municipality.yaml: folder names of service areas, each once.
fn area_order(r: &RawMunicipality, file: &Path, area_dirs: &[&PathBuf], diags: &mut Diagnostics) -> Vec<String> {
    let Some(order) = &r.order else { return Vec::new() };
    let names: Vec<&str> = area_dirs.iter().map(|p| name_of(p)).collect();
    let mut out: Vec<String> = Vec::new();
    for o in &order.value {
        if out.contains(&o.value) {
            diags.push(
                Diagnostic::error(file, format!("«{}» is listed twice in `order`", o.value))
                    .at_opt(yaml::place(o))
                    .hint("list each service area once"),
            );
        } else if !names.contains(&o.value.as_str()) {
            let near = yaml::nearest(&o.value, &names)
                .map(|n| format!("did you mean `{n}`? "))
                .unwrap_or_default();
            diags.push(
                Diagnostic::error(
                    file,
                    format!("`order` names «{}», which is not a service area folder here", o.value),
                )
                .at_opt(yaml::place(o))
                .hint(format!("{near}the folders are: {}", names.join(", "))),
            );
        } else {
            out.push(o.value.clone());
        }
    }
    out
}

pub fn check_slug(path: &Path, name: &str, what: &str, diags: &mut Diagnostics) {
    if !slug::is_valid(name) {
        diags.push(
            Diagnostic::error(
                path,
                format!("the {what} name «{name}» cannot be part of a web address"),
            )
            .hint(format!(
                "rename it to «{}»: lowercase a–z, digits and `-` only",
                slug::propose_among(name, &folders_beside(path))
            )),
        );
    }
}

/// The names of the folders beside `path` that planvev reads.
fn folders_beside(path: &Path) -> Vec<String> {
    let Some(Ok(entries)) = path.parent().map(fs::read_dir) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()) && !is_ignored(&e.path()))
        .filter_map(|e| e.file_name().into_string().ok())
        .collect()
}

/// Files and folders in `dir` that planvev reads: hidden (`.x`), private
/// (`_x`) and editor leftovers (`x~`, `.x.swp`, `#x#`) are skipped.
pub fn list_dir(dir: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let rd = match fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            diags.push(Diagnostic::error(dir, format!("the folder could not be read: {e}")));
            return vec![];
        }
    };
    let mut out: Vec<PathBuf> = rd
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| !is_ignored(p) && names_in_utf8(p, diags))
        .collect();
    out.sort();
    out
}

/// A name that is not UTF-8 (a Latin-1 `Bærum` from a zip made on Windows)
/// cannot become a web address or a title: it is named, as an error, and not
/// read further.
pub fn names_in_utf8(path: &Path, diags: &mut Diagnostics) -> bool {
    let Some(name) = path.file_name() else { return true };
    if name.to_str().is_some() {
        return true;
    }
    let what = if path.is_dir() { "folder" } else { "file" };
    diags.push(
        Diagnostic::error(path, format!("the name of this {what} is not UTF-8 text"))
            .hint("rename it, using a–z, digits and `-` (it was probably unpacked from a zip file made on Windows)"),
    );
    false
}

pub fn is_ignored(path: &Path) -> bool {
    let n = name_of(path);
    n.starts_with('.')
        || n.starts_with('_')
        || n.ends_with('~')
        || n.ends_with(".swp")
        || n.ends_with(".swx")
        || n.ends_with(".tmp")
        || (n.starts_with('#') && n.ends_with('#'))
        || n == "4913" // vim's write-permission probe
        || n.ends_with("___jb_tmp___") // JetBrains' safe write
        || n.ends_with("___jb_old___")
        || n.starts_with("~$") // Excel's owner file beside an open workbook
}

pub fn name_of(path: &Path) -> &str {
    path.file_name().and_then(|n| n.to_str()).unwrap_or("")
}

/// How to save a file as UTF-8. A CSV file not in UTF-8 has most often
/// been saved from Excel as plain «CSV», which Excel writes in the
/// Windows code page: its «CSV UTF-8» type is the one to choose.
fn not_utf8_hint(path: &Path) -> &'static str {
    let csv = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    match csv {
        true => {
            "save it as UTF-8: in Excel, Save as… with the file type «CSV UTF-8»; in other editors, Encoding: UTF-8"
        }
        false => "save it as UTF-8 (in most editors: Save as… → Encoding: UTF-8)",
    }
}

/// Reads a text file: UTF-8 (a BOM is fine), CRLF turned into LF. Every
/// text planvev reads as content comes through here, so one rule covers
/// them all: a file that is a link to a place outside the content folder is
/// refused (a link to /etc/passwd would be published as table rows or text).
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    if leaves_content(path) {
        return Err(Diagnostic::error(
            path,
            "the file is a link to a place outside the content folder; planvev does not read it",
        )
        .hint("copy the file into the content folder instead of linking to it"));
    }
    let meta = fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Diagnostic::error(path, MISSING).kind(Kind::FileMissing),
        _ => Diagnostic::error(path, format!("the file could not be read: {e}")).kind(Kind::Io),
    })?;
    if meta.len() > MAX_TEXT_FILE {
        return Err(Diagnostic::error(
            path,
            format!(
                "the file is {}, too large for a plan's text or data (at most {})",
                crate::format::size::describe(meta.len()),
                crate::format::size::describe(MAX_TEXT_FILE)
            ),
        )
        .hint("files of text and numbers are a few kB; large files (images, PDFs) belong in content/assets/"));
    }
    let bytes = fs::read(path).map_err(|e| Diagnostic::error(path, format!("the file could not be read: {e}")))?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let (line, col) = crate::diag::line_col(&String::from_utf8_lossy(&e.as_bytes()[..valid]), valid);
            return Err(Diagnostic::error(path, "the file is not UTF-8 text")
                .at(line, col)
                .hint(not_utf8_hint(path)));
        }
    };
    let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text
    })
}

/// Reads `<stem>.<lang>.md` files among `entries`.
pub fn read_narrative_files(stem: &str, entries: &[PathBuf], languages: &[Lang], diags: &mut Diagnostics) -> Narrative {
    let mut n = Narrative::default();
    for p in entries.iter().filter(|p| p.is_file()) {
        let Some((s, lang)) = split_md_name(name_of(p)) else {
            continue;
        };
        if s != stem {
            continue;
        }
        if !languages.iter().any(|l| l == lang) {
            let names: Vec<String> = languages.iter().map(|l| format!("{stem}.{l}.md")).collect();
            diags.push(
                Diagnostic::error(p, format!("`{lang}` is not one of the site's languages")).hint(format!(
                    "name the file {}, or add `{lang}` to `languages` in site.yaml",
                    names.join(" or ")
                )),
            );
            continue;
        }
        if let Some(doc) = read_doc(p, diags) {
            n.by_lang.insert(lang.to_string(), doc);
        }
    }
    n
}

/// `index.nn.md` → ("index", "nn"). The extension in any case: Windows and
/// some zip tools write `index.nn.MD`, which is still the page's text.
pub fn split_md_name(name: &str) -> Option<(&str, &str)> {
    let base = strip_ext(name, "md")?;
    let (stem, lang) = base.rsplit_once('.')?;
    Some((stem, lang))
}

/// `name` without `.ext`, when it ends so in any case (`budsjett.CSV`).
pub fn strip_ext<'a>(name: &'a str, ext: &str) -> Option<&'a str> {
    let (n, e) = (name.len(), ext.len());
    let b = name.as_bytes();
    // Byte-wise: the dot before the extension is ASCII, so the cut is a
    // character boundary whatever the name holds.
    (n > e + 1 && b[n - e - 1] == b'.' && b[n - e..].eq_ignore_ascii_case(ext.as_bytes())).then(|| &name[..n - e - 1])
}

/// Whether `name` ends in `.ext`, in any case.
pub fn has_ext(name: &str, ext: &str) -> bool {
    strip_ext(name, ext).is_some()
}

pub fn read_doc(path: &Path, diags: &mut Diagnostics) -> Option<Doc> {
    let text = read_text(path).map_err(|d| diags.push(d)).ok()?;
    let (front, body, body_line) = split_front_matter(&text);
    let fm: RawFrontMatter = match front {
        Some(f) if !f.trim().is_empty() => yaml::parse(f, path, 1)
            .map_err(|d| diags.push(d))
            .ok()
            .unwrap_or_default(),
        _ => RawFrontMatter::default(),
    };
    let updated = fm.updated.as_ref().and_then(|u| {
        let s = u.value.as_text();
        match date_problem(&s) {
            None => Some(s),
            Some(why) => {
                diags.push(
                    Diagnostic::error(path, format!("«{s}» is not a date{why}"))
                        .at_opt(yaml::place(u).map(|(l, c)| (l + 1, c)))
                        .hint("write the date as year-month-day: `updated: 2017-06-15`"),
                );
                None
            }
        }
    });
    Some(Doc {
        path: path.to_path_buf(),
        body_line,
        title: fm.title,
        summary: fm.summary,
        updated,
        parsed: crate::render::markdown::Parsed::new(body),
    })
}

/// Splits `---\nYAML\n---\n` off the top of a Markdown file.
fn split_front_matter(text: &str) -> (Option<&str>, &str, u32) {
    let Some(rest) = text.strip_prefix("---\n") else {
        return (None, text, 0);
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let lines = 2 + front.matches('\n').count() as u32;
            return (Some(front), body, lines);
        }
        offset += line.len();
    }
    (None, text, 0)
}

/// None for a real date written year-month-day (`2017-06-15`); else what is
/// wrong, to follow "is not a date" (`2017-02-31`: February 2017 has 28 days).
fn date_problem(s: &str) -> Option<String> {
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    if !(parts.len() == 3 && digits(parts[0], 4) && digits(parts[1], 2) && digits(parts[2], 2)) {
        return Some(String::new());
    }
    let [y, m, d]: [u32; 3] = [parts[0], parts[1], parts[2]].map(|p| p.parse().unwrap_or(0));
    if !(1..=12).contains(&m) {
        return Some(format!(": there is no month {m}"));
    }
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    (d == 0 || d > days).then(|| format!(": {} {y} has {days} days", MONTHS[m as usize - 1]))
}

fn warn_stray_files(dir: &Path, entries: &[PathBuf], known: &[&str], languages: &[Lang], diags: &mut Diagnostics) {
    for p in entries.iter().filter(|p| p.is_file()) {
        let n = name_of(p);
        if known.contains(&n) || split_md_name(n).is_some_and(|(s, l)| s == "index" && languages.iter().any(|x| x == l))
        {
            continue;
        }
        if split_md_name(n).is_some() {
            continue; // reported by read_narrative_files
        }
        diags.push(Diagnostic::warning(p, "planvev does not use this file").hint(format!(
            "files in {} are site.yaml / municipality.yaml and index.LANG.md; start the name with `_` to keep a file here on purpose",
            dir.display()
        )));
    }
}

fn list_assets(root: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let dir = root.join("assets");
    if !dir.is_dir() {
        return vec![];
    }
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(&dir).follow_links(true).sort_by_file_name() {
        match entry {
            // A folder whose name is not UTF-8 is named once, and not entered.
            Ok(e) if e.file_type().is_dir() && e.depth() > 0 && !names_in_utf8(e.path(), diags) => {}
            Ok(e) if e.file_type().is_file() && !is_ignored(e.path()) => {
                let rel_ok = e.path().strip_prefix(&dir).is_ok_and(|r| r.to_str().is_some());
                if !names_in_utf8(e.path(), diags) || !rel_ok || !stays_inside(root, e.path(), diags) {
                    continue;
                }
                if let Ok(rel) = e.path().strip_prefix(&dir) {
                    out.push(rel.to_path_buf());
                }
            }
            Ok(_) => {}
            Err(e) => diags.push(
                Diagnostic::error(e.path().unwrap_or(&dir), format!("the asset could not be read: {e}"))
                    .hint("a link that points to itself or to a missing file cannot be published; remove it"),
            ),
        }
    }
    out
}

/// Whether `path`, links followed, lies outside its content folder (the
/// nearest folder above it that holds site.yaml).
pub(super) fn leaves_content(path: &Path) -> bool {
    let Some(root) = path.ancestors().skip(1).find(|a| a.join("site.yaml").is_file()) else {
        return false;
    };
    // Only a link on the way from the content folder can lead out of it.
    let linked = path
        .ancestors()
        .take_while(|a| *a != root)
        .any(|a| fs::symlink_metadata(a).is_ok_and(|m| m.file_type().is_symlink()));
    if !linked {
        return false;
    }
    let root = if root.as_os_str().is_empty() {
        Path::new(".")
    } else {
        root
    };
    match (fs::canonicalize(root), fs::canonicalize(path)) {
        (Ok(r), Ok(p)) => !p.starts_with(r),
        _ => false,
    }
}

/// A file reached through a symbolic link may lie outside the content
/// folder; publishing it could put private files on the web, so it is left
/// out with a warning (the preview refuses it too).
pub fn stays_inside(root: &Path, path: &Path, diags: &mut Diagnostics) -> bool {
    let (Ok(r), Ok(p)) = (fs::canonicalize(root), fs::canonicalize(path)) else {
        return false;
    };
    if p.starts_with(&r) {
        return true;
    }
    diags.push(
        Diagnostic::warning(
            path,
            "the file is a link to a place outside the content folder; it is not published",
        )
        .hint("copy the file into the content folder instead of linking to it"),
    );
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_in_any_case() {
        assert_eq!(split_md_name("index.nn.MD"), Some(("index", "nn")));
        assert_eq!(split_md_name("mål.nb.Md"), Some(("mål", "nb")));
        assert_eq!(split_md_name("index.nn.mdx"), None);
        assert!(has_ext("budsjett.CSV", "csv"));
        assert!(!has_ext(".csv", "csv"));
        assert!(!has_ext("æcsv", "csv"));
    }

    #[test]
    fn front_matter_lines() {
        let (f, body, line) = split_front_matter("---\ntitle: X\nupdated: 2017-06-15\n---\n# Body\n");
        assert_eq!(f, Some("title: X\nupdated: 2017-06-15\n"));
        assert_eq!(body, "# Body\n");
        assert_eq!(line, 4);
    }

    #[test]
    fn dates() {
        assert_eq!(date_problem("2017-06-15"), None);
        assert_eq!(date_problem("2016-02-29"), None);
        assert_eq!(date_problem("15.06.2017"), Some(String::new()));
        assert_eq!(date_problem("+017-06-15"), Some(String::new()));
        assert_eq!(date_problem("2017-13-01").unwrap(), ": there is no month 13");
        assert_eq!(date_problem("2017-02-31").unwrap(), ": February 2017 has 28 days");
        assert_eq!(date_problem("2017-02-29").unwrap(), ": February 2017 has 28 days");
        assert_eq!(date_problem("1900-02-29").unwrap(), ": February 1900 has 28 days");
        assert_eq!(date_problem("2017-04-31").unwrap(), ": April 2017 has 30 days");
        assert_eq!(date_problem("2017-04-00").unwrap(), ": April 2017 has 30 days");
    }
}
