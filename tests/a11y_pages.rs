//! Accessibility properties of the built example site that need no browser
//! (issue 15): page titles, names on print pages, the 404 page's language,
//! the accessibility statement in the page's language.

mod common;
use common::*;
use std::collections::BTreeMap;
use std::path::Path;

fn title_of(doc: &scraper::Html) -> String {
    doc.select(&sel("title"))
        .next()
        .map(|t| t.text().collect::<String>())
        .unwrap_or_default()
}

fn rel(out: &Path, p: &Path) -> String {
    p.strip_prefix(out).unwrap().to_string_lossy().replace('\\', "/")
}

/// WCAG 2.4.2: every page's title is its own, so a reader with many tabs
/// (or a screen reader's window list) can tell Klepp's page from Bergen's.
#[test]
fn every_page_title_is_unique_and_names_its_municipality() {
    let (_t, out) = build(&example_content());
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for f in html_files(&out) {
        let page = rel(&out, &f);
        let title = title_of(&read_html(&f));
        assert!(!title.trim().is_empty(), "{page} has no title");
        if let Some(other) = seen.insert(title.clone(), page.clone()) {
            panic!("{page} and {other} share the title «{title}»");
        }
    }
    let t = |p: &str| title_of(&read_html(&out.join(p)));
    assert_eq!(
        t("nn/klepp/sosiale-tenester/index.html"),
        "Sosiale tenester – Klepp – Kommunale planar for sosiale tenester"
    );
    assert_eq!(
        t("nn/klepp/print.html"),
        "Heile planen (utskrift) – Klepp – Kommunale planar for sosiale tenester"
    );
    assert_eq!(
        t("nb/bergen/print.html"),
        "Hele planen (utskrift) – Bergen – Kommunale planer for sosiale tjenester"
    );
    assert_ne!(t("index.html"), t("nn/index.html"));
}

/// The municipality is part of an area page's h1, not only of a line above it.
#[test]
fn area_h1_names_the_municipality() {
    let (_t, out) = build(&example_content());
    for (page, muni) in [
        ("nn/klepp/sosiale-tenester/index.html", "Klepp"),
        ("nb/sandnes/sosiale-tjenester/index.html", "Sandnes"),
    ] {
        let doc = read_html(&out.join(page));
        let h1: String = doc.select(&sel("h1")).next().unwrap().text().collect();
        assert!(h1.contains(muni), "{page}: h1 «{h1}» lacks {muni}");
    }
}

/// The 404 page is `lang="nn"`: its title is nynorsk only (no bokmål words
/// under a nynorsk language tag), and every other language's text on it,
/// the footer's too, is marked with its own `lang`.
#[test]
fn not_found_page_keeps_each_language_marked() {
    let (_t, out) = build(&example_content());
    let doc = read_html(&out.join("404.html"));
    let html = doc.select(&sel("html")).next().unwrap();
    assert_eq!(html.value().attr("lang"), Some("nn"));
    let title = title_of(&doc);
    assert_eq!(title, "Fann ikkje sida – Kommunale planar for sosiale tenester");
    assert!(!title.contains("Fant ikke"), "{title}");
    // Bokmål text appears only inside an element marked lang="nb".
    for needle in [
        "Fant ikke siden",
        "Tilgjengelighetserklæring",
        "Gå til forsiden",
        "Kommunale planer",
    ] {
        let mut found = false;
        for el in doc.select(&sel("body *")) {
            let own: String = el.text().collect();
            if own.contains(needle) {
                let marked = el
                    .ancestors()
                    .chain(std::iter::once(*el))
                    .filter_map(scraper::ElementRef::wrap)
                    .any(|a| a.value().attr("lang") == Some("nb"));
                if el.children().all(|c| c.value().is_text()) {
                    assert!(marked, "«{needle}» on the 404 page is not inside lang=\"nb\"");
                    found = true;
                }
            }
        }
        assert!(found, "the 404 page lacks the bokmål «{needle}»");
    }
    let footer: String = doc.select(&sel("footer")).next().unwrap().text().collect();
    assert!(footer.contains("Tilgjengelegheitserklæring"), "{footer}");
    assert!(footer.contains("Tilgjengelighetserklæring"), "{footer}");
}

/// The accessible name of an element: aria-labelledby's elements' text, or
/// its own text (all of it, visually hidden parts too).
fn name_of(doc: &scraper::Html, el: scraper::ElementRef) -> String {
    let text = |e: scraper::ElementRef| {
        e.text()
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    match el.value().attr("aria-labelledby") {
        Some(ids) => ids
            .split_whitespace()
            .filter_map(|id| doc.select(&sel(&format!("[id=\"{id}\"]"))).next())
            .map(text)
            .collect::<Vec<_>>()
            .join(" "),
        None => match el.value().name() {
            "table" => el.select(&sel("caption")).next().map(text).unwrap_or_default(),
            _ => text(el),
        },
    }
}

/// On a print page with several areas, two areas' tables, their scrolling
/// boxes and their CSV links each have a name of their own (the area's).
#[test]
fn print_page_names_are_distinct() {
    let (_t, out) = build(&example_content());
    let mut checked = 0;
    for f in html_files(&out).into_iter().filter(|f| f.ends_with("print.html")) {
        let page = rel(&out, &f);
        let doc = read_html(&f);
        let areas = doc.select(&sel("section.print-area")).count();
        for (what, selector) in [
            ("table", "table"),
            ("region", ".table-scroll[role=region]"),
            ("CSV link", "a[href$=\".csv\"]"),
        ] {
            let mut seen: BTreeMap<String, String> = BTreeMap::new();
            for el in doc.select(&sel(selector)) {
                let name = name_of(&doc, el);
                assert!(!name.is_empty(), "{page}: a {what} has no name");
                let key = el
                    .value()
                    .attr("href")
                    .unwrap_or(el.value().attr("id").unwrap_or(""))
                    .to_string();
                if let Some(other) = seen.insert(name.clone(), key.clone()) {
                    assert_eq!(other, key, "{page}: two {what}s are named «{name}»");
                }
                checked += 1;
            }
        }
        if areas > 1 {
            let link = doc.select(&sel("a[href$=\".csv\"]")).next().unwrap();
            let area: String = link
                .ancestors()
                .filter_map(scraper::ElementRef::wrap)
                .find(|a| {
                    a.value()
                        .has_class("print-area", scraper::CaseSensitivity::CaseSensitive)
                })
                .and_then(|s| s.select(&sel("h2")).next())
                .map(|h| h.text().collect())
                .unwrap();
            assert!(
                name_of(&doc, link).contains(area.trim()),
                "{page}: «{}» lacks «{area}»",
                name_of(&doc, link)
            );
        }
    }
    assert!(checked > 40, "only {checked} names checked");
    // Klepp's print page has two areas; the area pages keep the plain names.
    let klepp = read_html(&out.join("nn/klepp/print.html"));
    assert!(klepp.select(&sel("section.print-area")).count() > 1);
    let area = read_html(&out.join("nn/klepp/sosiale-tenester/index.html"));
    let cap = area.select(&sel("caption")).next().unwrap().text().collect::<String>();
    assert!(!cap.contains(" – "), "an area page's caption names no area: {cap}");
}

/// A table's source and notes ("Merknad: …") are tied to it.
#[test]
fn table_notes_describe_their_table() {
    let (_t, out) = build(&example_content());
    let mut tied = 0;
    for f in html_files(&out) {
        let doc = read_html(&f);
        for wrap in doc.select(&sel(".data-table")) {
            let table = wrap.select(&sel("table")).next().unwrap();
            for note in wrap.select(&sel(".table-meta .notes, .table-meta .source")) {
                let id = note.value().attr("id").expect("a table note has an id");
                let described = table.value().attr("aria-describedby").unwrap_or("");
                assert!(
                    described.split_whitespace().any(|d| d == id),
                    "{}: {id} is not in the table's aria-describedby",
                    f.display()
                );
                tied += 1;
            }
        }
    }
    assert!(tied > 10, "only {tied} notes found");
}

/// Breadcrumb separators are drawn by CSS, never text in the list.
#[test]
fn breadcrumbs_have_no_separator_text() {
    let (_t, out) = build(&example_content());
    let doc = read_html(&out.join("nn/klepp/sosiale-tenester/index.html"));
    let crumbs: Vec<String> = doc
        .select(&sel("nav.breadcrumbs li"))
        .map(|li| li.text().collect::<String>().trim().to_string())
        .collect();
    assert_eq!(crumbs, ["Framside", "Klepp", "Sosiale tenester"]);
    // CSS generated text is part of the accessible name in Chromium: the
    // separator is drawn with borders, and its `content` is empty.
    let css_file = std::fs::read_dir(out.join("assets"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "css"))
        .unwrap();
    let css = std::fs::read_to_string(css_file).unwrap();
    let mut rules = 0;
    for rule in css
        .split('}')
        .filter(|r| r.contains(".breadcrumbs") && r.contains("::before"))
    {
        rules += 1;
        for decl in rule
            .split(';')
            .filter(|d| d.trim_start().starts_with("content") || d.contains("{ content") || d.contains("{content"))
        {
            let value = decl.split("content").nth(1).unwrap_or("");
            assert!(value.contains("\"\""), "a breadcrumb separator is text: {decl}");
        }
    }
    assert!(rules > 0, "no breadcrumb separator rule");
}

const STATEMENT_SITE: &str = "title: { nn: Testplan, nb: Testplan }\nlanguages: [nn, nb]\naccessibility_statement:\n  nn: https://uustatus.no/nn/erklaringar/1\n  nb: https://uustatus.no/nb/erklaringer/1\n";

fn statement_links(doc: &scraper::Html) -> Vec<(String, String, Option<String>)> {
    doc.select(&sel("footer a[href^=\"https://uustatus\"]"))
        .map(|a| {
            let lang = a
                .ancestors()
                .filter_map(scraper::ElementRef::wrap)
                .find_map(|e| e.value().attr("lang"))
                .unwrap_or("")
                .to_string();
            (
                lang,
                a.value().attr("href").unwrap().to_string(),
                a.value().attr("hreflang").map(String::from),
            )
        })
        .collect()
}

/// site.yaml may give the accessibility statement per language; each page's
/// footer links the one in its language, and the 404 page each language's.
#[test]
fn accessibility_statement_per_language() {
    let (_t, content) = site(&[
        ("site.yaml", STATEMENT_SITE),
        ("testvik/municipality.yaml", MUNI_YAML),
        ("testvik/omrade/data.yaml", "title: { nn: Område, nb: Område }\n"),
    ]);
    let (_o, out) = build(&content);
    let nn = statement_links(&read_html(&out.join("nn/testvik/index.html")));
    assert_eq!(nn, [("nn".into(), "https://uustatus.no/nn/erklaringar/1".into(), None)]);
    let nb = statement_links(&read_html(&out.join("nb/testvik/omrade/index.html")));
    assert_eq!(nb, [("nb".into(), "https://uustatus.no/nb/erklaringer/1".into(), None)]);
    let nf = statement_links(&read_html(&out.join("404.html")));
    assert_eq!(
        nf,
        [
            ("nn".into(), "https://uustatus.no/nn/erklaringar/1".into(), None),
            ("nb".into(), "https://uustatus.no/nb/erklaringer/1".into(), None)
        ]
    );
}

/// One address (format v1) still works for every language; a map that
/// lacks a language links another's, marked with its hreflang, and `check`
/// says which language lacks its own.
#[test]
fn accessibility_statement_single_and_partial() {
    let (_t, content) = site(&[("site.yaml", SITE_YAML), ("testvik/municipality.yaml", MUNI_YAML)]);
    let (_o, out) = build(&content);
    let nb = statement_links(&read_html(&out.join("nb/testvik/index.html")));
    assert_eq!(nb, [("nb".into(), "https://uustatus.no/".into(), None)]);

    let partial = "title: { nn: Testplan, nb: Testplan }\nlanguages: [nn, nb]\naccessibility_statement: { nn: https://uustatus.no/nn/x }\n";
    let (_t2, content) = site(&[("site.yaml", partial), ("testvik/municipality.yaml", MUNI_YAML)]);
    let (_o2, out) = build(&content);
    let nb = statement_links(&read_html(&out.join("nb/testvik/index.html")));
    assert_eq!(
        nb,
        [("nb".into(), "https://uustatus.no/nn/x".into(), Some("nn".into()))]
    );
    let o = check(&content);
    assert!(
        text(&o).contains("accessibility_statement has no translation into nb"),
        "{}",
        text(&o)
    );
}
