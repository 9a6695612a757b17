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
