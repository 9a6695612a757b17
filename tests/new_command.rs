//! `planvev new municipality` and `planvev new area`: the folders they make
//! build at once in both languages, and nothing that exists is overwritten.

mod common;
use common::*;
use std::fs;
use std::path::Path;

fn new(content: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--content", content.to_str().unwrap()]);
    planvev(&all)
}

fn headings(out: &Path, page: &str) -> Vec<String> {
    let doc = read_html(&out.join(page));
    doc.select(&sel("main h2:not(#toc-heading)"))
        .map(|h| h.text().collect::<String>().trim().to_string())
        .collect()
}

#[test]
fn a_new_municipality_and_area_build_at_once_in_both_languages() {
    let (_t, content) = site(&[("site.yaml", SITE_YAML)]);
    let o = new(&content, &["municipality", "Hå"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains("planvev new area ha \"Sosiale tenester\""),
        "{}",
        text(&o)
    );
    let muni = fs::read_to_string(content.join("ha/municipality.yaml")).unwrap();
    assert!(muni.contains("name: \"Hå\"") && muni.contains("language: nn"), "{muni}");

    let o = new(&content, &["area", "ha", "Sosiale tenester"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("bokmål"), "says which title to write: {}", text(&o));
    let check = check(&content);
    assert!(check.status.success(), "{}", text(&check));
    assert!(!text(&check).contains("error:"), "{}", text(&check));

    let (_o, out) = build(&content);
    let page = "nn/ha/sosiale-tenester/index.html";
    assert_eq!(headings(&out, page), ["Status", "Utfordringar", "Mål", "Virkemiddel"]);
    let nb = "nb/ha/sosiale-tenester/index.html";
    assert_eq!(headings(&out, nb), ["Status", "Utfordringer", "Mål", "Virkemidler"]);
    for (p, lang) in [(page, "nn"), (nb, "nb")] {
        let doc = read_html(&out.join(p));
        let html = doc.select(&sel("html")).next().unwrap();
        assert_eq!(html.value().attr("lang"), Some(lang));
        let h1: String = doc.select(&sel("h1")).next().unwrap().text().collect();
        assert!(h1.contains("Sosiale tenester"), "{h1}");
    }
    let muni_page = read_html(&out.join("nn/ha/index.html"));
    assert!(all_text(&muni_page).contains("Hå"));
    assert!(
        muni_page
            .select(&sel("a[href]"))
            .any(|a| a.value().attr("href").unwrap().contains("sosiale-tenester")),
        "the municipality page links to the new area"
    );
}

#[test]
fn a_municipality_alone_builds_and_an_area_finds_it_by_name() {
    let (_t, content) = site(&[("site.yaml", SITE_YAML)]);
    assert!(new(&content, &["municipality", "Bø i Telemark", "--language", "nb"])
        .status
        .success());
    let muni = fs::read_to_string(content.join("bo-i-telemark/municipality.yaml")).unwrap();
    assert!(muni.contains("language: nb"), "{muni}");
    let (_o, out) = build(&content);
    assert!(out.join("nb/bo-i-telemark/index.html").is_file());

    let o = new(&content, &["area", "Bø i Telemark", "Sosiale tjenester"]);
    assert!(o.status.success(), "{}", text(&o));
    let data = fs::read_to_string(content.join("bo-i-telemark/sosiale-tjenester/data.yaml")).unwrap();
    let nb_first = data.find("nb: \"Sosiale tjenester\"").unwrap();
    assert!(
        nb_first < data.find("nn: ").unwrap(),
        "the municipality's standard first:\n{data}"
    );
    assert!(text(&o).contains("nynorsk"), "asks for the other title: {}", text(&o));
    build(&content);
}

#[test]
fn nothing_that_exists_is_overwritten() {
    let (_t, content) = site(&[("site.yaml", SITE_YAML), ("ha/municipality.yaml", MUNI_YAML)]);
    let o = new(&content, &["municipality", "Hå"]);
    assert!(!o.status.success());
    let msg = text(&o);
    assert!(msg.contains("`ha` is already used"), "{msg}");
    assert!(msg.contains("hint:") && msg.contains("planvev new area ha"), "{msg}");
    assert_eq!(
        fs::read_to_string(content.join("ha/municipality.yaml")).unwrap(),
        MUNI_YAML
    );

    assert!(new(&content, &["area", "ha", "Sosiale tenester"]).status.success());
    let mine = content.join("ha/sosiale-tenester/index.nn.md");
    fs::write(&mine, "## Status\n\nMin tekst.\n").unwrap();
    let o = new(&content, &["area", "ha", "Sosiale  tenester"]);
    assert!(!o.status.success());
    assert!(text(&o).contains("`sosiale-tenester` is already used"), "{}", text(&o));
    assert_eq!(fs::read_to_string(&mine).unwrap(), "## Status\n\nMin tekst.\n");
}

#[test]
fn refusals_say_what_to_do() {
    let (_t, content) = site(&[("site.yaml", SITE_YAML)]);
    let o = new(&content, &["area", "Hå", "Sosiale tenester"]);
    assert!(!o.status.success());
    assert!(text(&o).contains("planvev new municipality \"Hå\""), "{}", text(&o));
    assert!(!content.join("ha").exists());

    let tmp = tempfile::tempdir().unwrap();
    let o = new(tmp.path(), &["municipality", "Hå"]);
    assert!(!o.status.success());
    assert!(
        text(&o).contains("no site.yaml") && text(&o).contains("planvev init"),
        "{}",
        text(&o)
    );
    assert!(!tmp.path().join("ha").exists());

    let o = new(&content, &["municipality", "  "]);
    assert!(!o.status.success());
    assert!(text(&o).contains("not empty"), "{}", text(&o));
}
