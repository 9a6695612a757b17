//! docs/theme.md is the theme author's reference: every variable it lists
//! for a page template must be in that page's context, so a renamed key is
//! a failing test here, not a field a theme silently shows blank. The test
//! overrides each page template with one that prints its whole context
//! (tera's `__tera_context`), builds the example site, and looks up every
//! variable the reference names for that template; and the other way
//! round, that every variable a page gets is named in the reference.

mod common;

use common::{build_into, example_content, serve::copy_dir, text};
use std::collections::BTreeSet;
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

/// What the reference lists for each page template (its bullet under
/// "Page templates"), and for every page (the table under "Every page").
fn reference() -> (Vec<(String, BTreeSet<String>)>, BTreeSet<String>) {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/theme.md")).unwrap();
    let section = |title: &str| {
        let start = doc.find(title).unwrap_or_else(|| panic!("docs/theme.md has «{title}»"));
        let rest = &doc[start + title.len()..];
        rest[..rest.find("\n## ").unwrap_or(rest.len())].to_string()
    };
    let every: BTreeSet<String> = section("## Every page")
        .lines()
        .filter(|l| l.starts_with("| `"))
        .flat_map(|l| named(l.split('|').nth(1).unwrap_or("")))
        .collect();
    let pages = section("## Page templates")
        .split("\n- **`")
        .skip(1)
        .map(|item| {
            let (name, rest) = item.split_once("`**").expect("a template's name");
            (name.to_string(), named(rest))
        })
        .collect();
    (pages, every)
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
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(&example_content(), &content);
    let templates = tmp.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    for (template, _) in PAGES {
        std::fs::write(templates.join(template), "{{ __tera_context | safe }}").unwrap();
    }
    let out = tmp.path().join("out");
    let built = build_into(&content, &out);
    assert!(built.status.success(), "{}", text(&built));

    let (pages, every) = reference();
    let documented: BTreeSet<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
    let tested: BTreeSet<&str> = PAGES.iter().map(|(t, _)| *t).collect();
    assert_eq!(
        documented, tested,
        "every page template is in docs/theme.md, and tested here"
    );
    for (template, vars) in &pages {
        let page = PAGES
            .iter()
            .find(|(t, _)| t == template)
            .map(|(_, p)| out.join(p))
            .unwrap();
        let found = keys(&std::fs::read_to_string(&page).unwrap());
        let missing: Vec<_> = vars.difference(&found).collect();
        assert!(
            missing.is_empty(),
            "{template}: docs/theme.md lists {missing:?}, which its context lacks"
        );
    }
    // And every variable a page gets is in the reference (or is one of the
    // interface's words, under `t`).
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/theme.md")).unwrap();
    let mut known = named(&doc);
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
    for (template, page) in PAGES {
        let found = keys(&std::fs::read_to_string(out.join(page)).unwrap());
        let unlisted: Vec<_> = found.difference(&known).collect();
        assert!(
            unlisted.is_empty(),
            "{template} gets {unlisted:?}, which docs/theme.md does not name"
        );
    }
    // The area page has every variable the table lists, some of which
    // only the area and print pages fill in.
    let area = keys(&std::fs::read_to_string(out.join(PAGES[4].1)).unwrap());
    let missing: Vec<_> = every.difference(&area).collect();
    assert!(
        missing.is_empty(),
        "every page: docs/theme.md lists {missing:?}, which the context lacks"
    );
}
