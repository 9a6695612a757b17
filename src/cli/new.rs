//! `planvev new municipality NAME` and `planvev new area MUNICIPALITY NAME`:
//! a folder with a valid name and starter files that build at once, so a
//! plan editor never has to guess a folder name or the keys a file needs.
//! Nothing that exists is ever overwritten.

use crate::content::schema::{self, SchemaFile};
use crate::content::slug;
use crate::diag;
use clap::{Subcommand, ValueEnum};
use std::fs;
use std::path::{Path, PathBuf};

/// What `planvev new` makes.
#[derive(Subcommand)]
pub enum What {
    /// A municipality: a folder named after it with municipality.yaml.
    Municipality {
        /// The municipality's name as it is written, such as "Hå".
        name: String,
        /// The written standard the municipality's own texts use.
        #[arg(long, value_enum, default_value = "nn")]
        language: Standard,
        /// The folder with site.yaml and one folder per municipality.
        #[arg(long, default_value = "content", value_name = "DIR")]
        content: PathBuf,
    },
    /// A service area (tenesteområde) in a municipality: a folder with
    /// data.yaml, index.nn.md and index.nb.md.
    Area {
        /// The municipality's folder (`ha`) or name (`Hå`).
        municipality: String,
        /// The area's title in the municipality's written standard, such as
        /// "Sosiale tenester".
        name: String,
        /// The folder with site.yaml and one folder per municipality.
        #[arg(long, default_value = "content", value_name = "DIR")]
        content: PathBuf,
    },
}

/// A written standard of Norwegian.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Debug)]
pub enum Standard {
    /// Nynorsk.
    Nn,
    /// Bokmål.
    Nb,
}

impl Standard {
    fn code(self) -> &'static str {
        match self {
            Standard::Nn => "nn",
            Standard::Nb => "nb",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Standard::Nn => "nynorsk",
            Standard::Nb => "bokmål",
        }
    }

    /// The text in this standard, of a pair written nn first.
    fn pick(self, nn: &'static str, nb: &'static str) -> &'static str {
        match self {
            Standard::Nn => nn,
            Standard::Nb => nb,
        }
    }

    fn other(self) -> Standard {
        match self {
            Standard::Nn => Standard::Nb,
            Standard::Nb => Standard::Nn,
        }
    }
}

/// A refusal: what is wrong and what to do instead.
struct Refusal {
    what: String,
    fix: String,
}

fn refuse(what: impl Into<String>, fix: impl Into<String>) -> Refusal {
    Refusal {
        what: what.into(),
        fix: fix.into(),
    }
}

/// Makes what was asked and prints what was made and what to edit next
/// (or why not, and what to do instead); the exit code.
pub fn run(what: What) -> i32 {
    let made = match what {
        What::Municipality {
            name,
            language,
            content,
        } => municipality(&content, &name, language),
        What::Area {
            municipality,
            name,
            content,
        } => area(&content, &municipality, &name),
    };
    match made {
        Ok(message) => {
            println!("{}", diag::printable(&message));
            0
        }
        Err(r) => {
            eprintln!(
                "{}",
                diag::printable(&format!("error: {}\n  = hint: {}", r.what, r.fix))
            );
            1
        }
    }
}

/// A name fit to be a title: not empty, one line.
fn check_name(name: &str, of: &str) -> Result<String, Refusal> {
    let name = name.trim();
    if name.is_empty() || name.chars().any(char::is_control) {
        return Err(refuse(
            format!("the {of}'s name must be one line of text, not empty"),
            format!("give the name in quotes: planvev new {of} \"Sosiale tenester\""),
        ));
    }
    Ok(name.to_string())
}

/// The content folder must be a site already (site.yaml in it).
fn check_content(content: &Path) -> Result<(), Refusal> {
    if content.join("site.yaml").is_file() {
        return Ok(());
    }
    Err(refuse(
        format!(
            "{} has no site.yaml, so it is not a site's content folder",
            diag::path_text(content)
        ),
        "give the content folder with --content DIR, or make a new site first: planvev init mysite",
    ))
}

/// `text` as a double-quoted YAML scalar.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Creates `dir` (which must not exist) and writes `files` into it, each
/// only if it is not there; on a failure, removes what it made.
fn make(dir: &Path, files: &[(&str, String)]) -> Result<(), Refusal> {
    if let Err(e) = fs::create_dir(dir) {
        return Err(refuse(
            format!("could not create {}: {e}", diag::path_text(dir)),
            "check that the content folder exists and that you may write in it",
        ));
    }
    for (name, text) in files {
        let path = dir.join(name);
        let written = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()));
        if let Err(e) = written {
            let _ = fs::remove_dir_all(dir);
            return Err(refuse(
                format!("could not write {}: {e}", diag::path_text(&path)),
                "check that you may write in the content folder",
            ));
        }
    }
    Ok(())
}

fn municipality(content: &Path, name: &str, language: Standard) -> Result<String, Refusal> {
    let name = check_name(name, "municipality")?;
    check_content(content)?;
    let folder = slug::propose(&name);
    let dir = content.join(&folder);
    if dir.exists() {
        return Err(refuse(
            format!(
                "the folder name `{folder}` is already used: {} exists, and planvev never overwrites it",
                diag::path_text(&dir)
            ),
            format!(
                "if it is this municipality, add a service area to it: planvev new area {folder} \"Sosiale tenester\"; \
if it is another, rename one of the folders (such as {folder}-2) and set `name:` in its municipality.yaml"
            ),
        ));
    }
    let text = municipality_yaml(&name, language);
    make(&dir, &[("municipality.yaml", text)])?;
    refresh_schemas(content);
    Ok(format!(
        "Made {} for {name} ({}).\n\
Next:\n  1. check the facts in {} (kommunenummer, fylke)\n  \
2. add a service area: planvev new area {folder} \"Sosiale tenester\"{}",
        diag::path_text(&dir.join("municipality.yaml")),
        language.name(),
        diag::path_text(&dir.join("municipality.yaml")),
        content_arg(content),
    ))
}

/// ` --content DIR` when the content folder is not the default.
fn content_arg(content: &Path) -> String {
    if content == Path::new("content") {
        String::new()
    } else {
        format!(" --content {}", diag::path_text(content))
    }
}

/// Writes the schemas the new files' first lines name, so a site made
/// before planvev had them gets them too. A failure is only a warning: the
/// files build without them.
fn refresh_schemas(content: &Path) {
    if let Err(d) = schema::write_all(content) {
        eprintln!(
            "{}",
            diag::printable(&format!(
                "warning: {}: {} (the editor's help while typing needs it; the site builds without it)",
                diag::path_text(&d.file),
                d.message
            ))
        );
    }
}

fn municipality_yaml(name: &str, language: Standard) -> String {
    let l = language;
    format!(
        "{}\n{}\nname: {}\nlanguage: {}                 # {}\n{}\n{}\n",
        SchemaFile::Municipality.modeline(),
        l.pick(
            "# Fakta om kommunen. Sjå docs/content-format.md i planvev.",
            "# Fakta om kommunen. Se docs/content-format.md i planvev."
        ),
        quoted(name),
        l.code(),
        l.pick(
            "målforma kommunen skriv på: nn (nynorsk) eller nb (bokmål)",
            "målformen kommunen skriver på: nn (nynorsk) eller nb (bokmål)"
        ),
        l.pick(
            "# number: \"0000\"            # kommunenummeret, fire siffer i hermeteikn",
            "# number: \"0000\"            # kommunenummeret, fire sifre i anførselstegn"
        ),
        "# county: Rogaland",
    )
}

/// The municipality's folder for what the editor typed: the folder name
/// itself (`ha`) or the name it was made from (`Hå`).
fn find_municipality(content: &Path, given: &str) -> Result<(String, PathBuf), Refusal> {
    let candidates = [given.trim().to_string(), slug::propose(given)];
    for folder in candidates {
        let dir = content.join(&folder);
        if slug::is_valid(&folder) && dir.join("municipality.yaml").is_file() {
            return Ok((folder, dir));
        }
    }
    let folder = slug::propose(given);
    Err(refuse(
        format!(
            "there is no municipality `{}` in {} (no {})",
            given.trim(),
            diag::path_text(content),
            diag::path_text(&content.join(&folder).join("municipality.yaml"))
        ),
        format!(
            "make it first: planvev new municipality \"{}\"{}",
            given.trim(),
            content_arg(content)
        ),
    ))
}

/// The written standard in municipality.yaml (nn when it cannot be read:
/// `check` reports the file's own mistakes).
fn standard_of(dir: &Path) -> Standard {
    #[derive(serde::Deserialize)]
    struct Only {
        language: Option<String>,
    }
    let path = dir.join("municipality.yaml");
    let text = fs::read_to_string(&path).unwrap_or_default();
    match crate::yaml::parse::<Only>(&text, &path, 0) {
        Ok(Only { language: Some(l) }) if l.trim() == "nb" => Standard::Nb,
        _ => Standard::Nn,
    }
}

fn area(content: &Path, municipality: &str, name: &str) -> Result<String, Refusal> {
    let name = check_name(name, "area")?;
    check_content(content)?;
    let (muni, muni_dir) = find_municipality(content, municipality)?;
    let folder = slug::propose(&name);
    let dir = muni_dir.join(&folder);
    if dir.exists() {
        return Err(refuse(
            format!(
                "the folder name `{folder}` is already used in {muni}: {} exists, and planvev never overwrites it",
                diag::path_text(&dir)
            ),
            format!(
                "edit the files in {} instead, or give the new area another name (its folder is made from the name)",
                diag::path_text(&dir)
            ),
        ));
    }
    let l = standard_of(&muni_dir);
    let files = [
        ("data.yaml", data_yaml(&name, l)),
        ("index.nn.md", index_md(Standard::Nn)),
        ("index.nb.md", index_md(Standard::Nb)),
    ];
    make(&dir, &files)?;
    refresh_schemas(content);
    let other = l.other();
    Ok(format!(
        "Made {} with data.yaml, index.nn.md and index.nb.md.\n\
Next:\n  1. write the title in {} in {} (it says \"{name}\" in both languages now)\n  \
2. write the text under the headings in index.nn.md and index.nb.md, and add tables and goals to data.yaml (docs/content-format.md)\n  \
3. preview as you write: planvev serve{}",
        diag::path_text(&dir),
        other.name(),
        diag::path_text(&dir.join("data.yaml")),
        content_arg(content),
    ))
}

fn data_yaml(name: &str, l: Standard) -> String {
    let other = l.other();
    format!(
        "{}\n{}\ntitle:\n  {}: {}\n  {}: {}   # {}\n{}\n",
        SchemaFile::Data.modeline(),
        l.pick(
            "# Tenesteområdet: tabellar, mål og tidsseriar. Sjå docs/content-format.md i planvev.",
            "# Tjenesteområdet: tabeller, mål og tidsserier. Se docs/content-format.md i planvev."
        ),
        l.code(),
        quoted(name),
        other.code(),
        quoted(name),
        l.pick(
            "skriv tittelen på den andre målforma her",
            "skriv tittelen på den andre målformen her"
        ),
        l.pick(
            "# summary: { nn: \"Kva tenesta gjer, i ei setning.\", nb: \"Hva tjenesten gjør, i én setning.\" }",
            "# summary: { nn: \"Kva tenesta gjer, i ei setning.\", nb: \"Hva tjenesten gjør, i én setning.\" }"
        ),
    )
}

fn index_md(l: Standard) -> String {
    let heads = [
        (
            "Status",
            l.pick("Skriv om stoda i tenesta her.", "Skriv om situasjonen i tjenesten her."),
        ),
        (
            l.pick("Utfordringar", "Utfordringer"),
            l.pick("Skriv om utfordringane her.", "Skriv om utfordringene her."),
        ),
        (
            "Mål",
            l.pick(
                "Skriv måla i data.yaml under `goals:`. Sjå docs/content-format.md for korleis dei blir viste her.",
                "Skriv målene i data.yaml under `goals:`. Se docs/content-format.md for hvordan de vises her.",
            ),
        ),
        (
            l.pick("Virkemiddel", "Virkemidler"),
            l.pick("Skriv om virkemidla her.", "Skriv om virkemidlene her."),
        ),
    ];
    heads
        .iter()
        .map(|(h, body)| format!("## {h}\n\n{body}\n"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_quoted_for_yaml() {
        assert_eq!(quoted("Hå"), "\"Hå\"");
        assert_eq!(quoted("a \"b\" \\c"), "\"a \\\"b\\\" \\\\c\"");
    }

    #[test]
    fn starter_text_has_the_headings_of_each_standard() {
        let nn = index_md(Standard::Nn);
        let nb = index_md(Standard::Nb);
        for h in ["## Status", "## Utfordringar", "## Mål", "## Virkemiddel"] {
            assert!(nn.contains(h), "{h}");
        }
        for h in ["## Status", "## Utfordringer", "## Mål", "## Virkemidler"] {
            assert!(nb.contains(h), "{h}");
        }
    }
}
