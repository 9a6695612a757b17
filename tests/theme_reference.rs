//! docs/theme.md is the theme author's reference: every variable it lists
//! for a page template must be in that page's context, so a renamed key is
//! a failing test here, not a field a theme silently shows blank. The test
//! overrides each page template with one that prints its whole context
//! (tera's `__tera_context`), builds the example site, and looks up every
//! variable the reference names for that template; and the other way
//! round, that every variable a page or partial gets is named in the
//! reference.

mod common;

use common::{build_into, example_content, serve::copy_dir, text};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A page template and a page of the example site it makes.
const PAGES: [(&str, &str); 6] = [
    ("root.html", "index.html"),
    ("404.html", "404.html"),
    ("front.html", "nn/index.html"),
    ("municipality.html", "nn/klepp/index.html"),
    ("area.html", "nn/klepp/barnevern/index.html"),
    ("print.html", "nn/klepp/print.html"),
];

/// Names the reference puts in backticks that are not variables of the
/// page: a block of the template, and the name a partial gives a value.
const NOT_VARIABLES: [&str; 2] = ["footer", "package"];

/// The variable names in backticks in `text`.
fn named(text: &str) -> BTreeSet<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .filter(|s| !NOT_VARIABLES.contains(s))
        .map(str::to_string)
        .collect()
}

fn doc() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/theme.md")).unwrap()
}

/// The part of the reference under the heading `title`.
fn section(title: &str) -> String {
    let doc = doc();
    let start = doc.find(title).unwrap_or_else(|| panic!("docs/theme.md has «{title}»"));
    let rest = &doc[start + title.len()..];
    rest[..rest.find("\n## ").unwrap_or(rest.len())].to_string()
}

/// The templates a section's bullets describe (`- **`NAME`**`), each with
/// the variables its bullet names.
fn bullets(title: &str) -> Vec<(String, BTreeSet<String>)> {
    section(title)
        .split("\n- **`")
        .skip(1)
        .map(|item| {
            let (name, rest) = item.split_once("`**").expect("a template's name");
            (name.to_string(), named(rest))
        })
        .collect()
}

/// What the reference lists for each page template (its bullet under
/// "Page templates"), and for every page (the table under "Every page").
fn reference() -> (Vec<(String, BTreeSet<String>)>, BTreeSet<String>) {
    let every: BTreeSet<String> = section("## Every page")
        .lines()
        .filter(|l| l.starts_with("| `"))
        .flat_map(|l| named(l.split('|').nth(1).unwrap_or("")))
        .collect();
    (bullets("## Page templates"), every)
}

/// Every name the reference gives, and the interface's words (`t`).
fn known() -> BTreeSet<String> {
    let mut known = named(&doc());
    known.extend(NOT_VARIABLES.map(str::to_string));
    for lang in ["nn", "nb"] {
        let strings = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("themes/default/strings/{lang}.yaml"));
        let strings = std::fs::read_to_string(strings).unwrap();
        known.extend(
            strings
                .lines()
                .filter_map(|l| l.split_once(':').map(|(k, _)| k))
                .filter(|k| !k.starts_with([' ', '#']))
                .map(str::to_string),
        );
    }
    known
}

/// The example site built with `templates` (path under `templates/`,
/// text) in a theme folder beside it; the output folder.
fn build_with(templates: &[(&str, impl AsRef<str>)]) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(&example_content(), &content);
    for (name, text) in templates {
        let file = tmp.path().join("themes/default/templates").join(name);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text.as_ref()).unwrap();
    }
    let out = tmp.path().join("out");
    let built = build_into(&content, &out);
    assert!(built.status.success(), "{}", text(&built));
    (tmp, out)
}

/// Every key in a dumped context (`"key": value`), at any depth.
fn keys(dump: &str) -> BTreeSet<String> {
    dump.split("\": ")
        .filter_map(|before| before.rsplit('"').next())
        .filter(|k| !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .map(str::to_string)
        .collect()
}

#[test]
fn every_variable_the_theme_reference_lists_is_in_its_page_context() {
    let dumps: Vec<_> = PAGES.iter().map(|(t, _)| (*t, "{{ __tera_context | safe }}")).collect();
    let (_tmp, out) = build_with(&dumps);

    let (pages, every) = reference();
    let documented: BTreeSet<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
    let tested: BTreeSet<&str> = PAGES.iter().map(|(t, _)| *t).collect();
    assert_eq!(
        documented, tested,
        "every page template is in docs/theme.md, and tested here"
    );
    // Both ways round, a page at a time: what the reference lists is in the
    // page's context, and what the context has is named in the reference
    // (or is one of the interface's words, under `t`).
    let known = known();
    let mut contexts = BTreeMap::new();
    for (template, page) in PAGES {
        let found = keys(&std::fs::read_to_string(out.join(page)).unwrap());
        let listed = pages.iter().find(|(n, _)| n == template).map(|(_, v)| v).unwrap();
        let missing: Vec<_> = listed.difference(&found).collect();
        assert!(
            missing.is_empty(),
            "{template}: docs/theme.md lists {missing:?}, which its context lacks"
        );
        let unlisted: Vec<_> = found.difference(&known).collect();
        assert!(
            unlisted.is_empty(),
            "{template} gets {unlisted:?}, which docs/theme.md does not name"
        );
        contexts.insert(template, found);
    }
    // The area page has every variable the table lists, some of which
    // only the area and print pages fill in.
    let missing: Vec<_> = every.difference(&contexts["area.html"]).collect();
    assert!(
        missing.is_empty(),
        "every page: docs/theme.md lists {missing:?}, which the context lacks"
    );
}

/// The partials planvev renders itself, where a text places them.
const PARTIALS: [&str; 3] = ["partials/table.html", "partials/chart.html", "partials/goals.html"];

#[test]
fn every_variable_the_theme_reference_lists_is_in_its_partial_context() {
    let dumps: Vec<(&str, String)> = PARTIALS
        .iter()
        .map(|p| {
            (
                *p,
                format!("<pre data-dump=\"{p}\">{{{{ __tera_context | safe }}}}</pre>"),
            )
        })
        .collect();
    let (_tmp, out) = build_with(&dumps);
    // Every partial's context, as the example site's pages place them.
    let mut found: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for page in common::html_files(&out) {
        let html = std::fs::read_to_string(&page).unwrap();
        for partial in PARTIALS {
            for dump in html.split(&format!("<pre data-dump=\"{partial}\">")).skip(1) {
                let dump = dump.split("</pre>").next().unwrap_or("");
                found.entry(partial).or_default().extend(keys(dump));
            }
        }
    }
    // Only one way round: the example site does not fill in every optional
    // part of a partial (a table's legend needs statistical symbols, which
    // its tables do not use), so a listed name may rightly be absent here.
    let known = known();
    let described = bullets("## Partials");
    for partial in PARTIALS {
        assert!(
            described.iter().any(|(p, _)| p == partial),
            "docs/theme.md describes {partial}"
        );
        let got = found
            .get(partial)
            .unwrap_or_else(|| panic!("the example site places no {partial}"));
        let unlisted: Vec<_> = got.difference(&known).collect();
        assert!(
            unlisted.is_empty(),
            "{partial} gets {unlisted:?}, which docs/theme.md does not name"
        );
    }
}
