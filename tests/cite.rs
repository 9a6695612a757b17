//! Tables and figures a reader can cite: numbered per area page in reading
//! order, each with a visible link to its anchor, the same in every language.

mod common;
use common::*;

const DATA: &str = "title: A
tables:
  fyrst:
    kind: plain
    title: { nn: Fyrst, nb: Først }
    columns: [X]
    rows:
      - label: a
        values: [1]
  andre:
    kind: plain
    title: Andre
    columns: [X]
    rows:
      - label: a
        values: [2]
goals:
  - id: mal-a
    goal: Eit mål
    unit: \"%\"
    direction: lower
    targets: { 2020: \"4\" }
series:
  brukarar:
    title: Brukarar
    points: { 2012: 1255, 2015: 1770 }
";

#[test]
fn tables_and_figures_are_numbered_and_linkable_in_both_languages() {
    let md = "{{ table andre }}\n\n{{ chart brukarar }}\n\n{{ goals }}\n\n{{ table fyrst }}\n";
    let (_t, content) = one_area_site(DATA, md);
    let (_o, out) = build(&content);
    let mut anchors = Vec::new();
    for lang in ["nn", "nb"] {
        let doc = read_html(&out.join(format!("{lang}/testvik/a/index.html")));
        let numbers: Vec<String> = doc
            .select(&sel("caption .number, figcaption .number"))
            .map(|e| e.text().collect())
            .collect();
        // Reading order: «Andre», the chart (figure and its table), «Fyrst».
        assert_eq!(numbers, ["Tabell 1:", "Figur 1:", "Tabell 2:", "Tabell 3:"]);
        let links: Vec<(String, String)> = doc
            .select(&sel(".permalink a"))
            .map(|a| (a.value().attr("href").unwrap().to_string(), a.text().collect()))
            .collect();
        for (href, _) in &links {
            let id = href.strip_prefix('#').unwrap();
            assert!(
                doc.select(&sel(&format!("[id=\"{id}\"]"))).next().is_some(),
                "{href} leads nowhere"
            );
        }
        let texts: Vec<&str> = links.iter().map(|l| l.1.as_str()).collect();
        assert!(texts.contains(&"Lenke til figur 1"), "{texts:?}");
        assert!(texts.contains(&"Lenke til tabell 3"), "{texts:?}");
        assert!(texts.iter().any(|t| t.starts_with("Lenke til målet")), "{texts:?}");
        anchors.push(links.into_iter().map(|l| l.0).collect::<Vec<_>>());
    }
    // The same anchors in both languages, from the data's ids.
    assert_eq!(anchors[0], anchors[1]);
    assert!(anchors[0].contains(&"#table-fyrst".to_string()), "{:?}", anchors[0]);
    assert!(anchors[0].contains(&"#goal-mal-a".to_string()), "{:?}", anchors[0]);
}

#[test]
fn area_pages_with_several_sections_get_a_table_of_contents() {
    let (_o, out) = build(&example_content());
    for lang in ["nn", "nb"] {
        // Klepp's social services: eight sections.
        let doc = read_html(&out.join(format!("{lang}/klepp/sosiale-tenester/index.html")));
        let items: Vec<String> = doc
            .select(&sel("nav.toc li a"))
            .map(|a| a.value().attr("href").unwrap().to_string())
            .collect();
        assert_eq!(items.len(), doc.select(&sel(".prose h2[id]")).count());
        assert!(items.len() >= 4, "{items:?}");
        for href in &items {
            let id = href.strip_prefix('#').unwrap();
            assert!(
                doc.select(&sel(&format!(".prose h2[id=\"{id}\"]"))).next().is_some(),
                "{href}"
            );
        }
        // Stavanger's NAV page has three: no contents.
        let doc = read_html(&out.join(format!("{lang}/stavanger/nav-kontorene/index.html")));
        assert!(doc.select(&sel("nav.toc")).next().is_none());
    }
}

/// Bergen's report prints "Tabell 1." in its captions: the page keeps that
/// number and adds none of its own ("Tabell 1: Tabell 1." read twice).
#[test]
fn a_caption_that_prints_its_own_number_is_not_numbered_again() {
    let (_t, out) = build(&example_content());
    for lang in ["nn", "nb"] {
        let doc = read_html(&out.join(format!("{lang}/bergen/sosiale-tjenester/index.html")));
        let captions: Vec<String> = doc
            .select(&sel("caption"))
            .map(|c| c.text().collect::<String>())
            .collect();
        let own: Vec<&String> = captions
            .iter()
            .filter(|c| c.trim_start().starts_with("Tabell 1."))
            .collect();
        assert_eq!(own.len(), 1, "{lang}: {captions:?}");
        assert!(
            !captions.iter().any(|c| c.contains("Tabell 1: Tabell 1.")),
            "{lang}: numbered twice: {captions:?}"
        );
        let links: Vec<String> = doc.select(&sel(".permalink a")).map(|a| a.text().collect()).collect();
        assert!(links.iter().any(|l| l.ends_with("tabell 1")), "{lang}: {links:?}");
    }
}

/// The text a `{{ ref ID }}` became and where it links.
fn refs_in(doc: &scraper::Html) -> Vec<(String, String)> {
    doc.select(&sel(".prose a.ref, a.ref"))
        .map(|a| (a.text().collect(), a.value().attr("href").unwrap().to_string()))
        .collect()
}

#[test]
fn a_ref_names_the_table_or_figure_as_numbered_on_its_page() {
    // Refs before and after what they name, in a sentence and a heading's
    // paragraph; one in code stays as written.
    let md = "Sjå {{ ref fyrst }} og {{ ref brukarar }}.\n\n{{ table andre }}\n\n{{ chart brukarar }}\n\n\
              {{ table fyrst }}\n\nJamfør {{ ref andre }}. `{{ ref andre }}`\n";
    let (_t, content) = one_area_site(DATA, md);
    let o = check(&content);
    assert!(o.status.success(), "{}", text(&o));
    let (_o, out) = build(&content);
    for lang in ["nn", "nb"] {
        let doc = read_html(&out.join(format!("{lang}/testvik/a/index.html")));
        // What each ref must say: the number the caption it links to shows.
        let got = refs_in(&doc);
        assert_eq!(got.len(), 3, "{got:?}");
        for (text, href) in &got {
            let target = doc
                .select(&sel(href))
                .next()
                .unwrap_or_else(|| panic!("{href} leads nowhere"));
            let number: String = target
                .select(&sel("caption .number, figcaption .number"))
                .next()
                .unwrap()
                .text()
                .collect();
            let want = number.trim_end_matches(':').to_lowercase();
            assert_eq!(text, &want, "{lang}: {href}");
        }
        assert!(got[1].1.ends_with("-figure"), "a series refers to its figure: {got:?}");
        let code: String = doc.select(&sel("code")).flat_map(|c| c.text()).collect();
        assert!(code.contains("{{ ref andre }}"), "{code}");
    }
    // The print page numbers per area: the ref links the prefixed anchor.
    let print = read_html(&out.join("nn/testvik/print.html"));
    let on_print = refs_in(&print);
    assert_eq!(on_print.len(), 3, "{on_print:?}");
    for (_, href) in on_print {
        assert!(print.select(&sel(&href)).next().is_some(), "{href}");
    }
}

#[test]
fn an_unknown_ref_is_a_located_error_with_a_did_you_mean() {
    let md = "Tekst\n\nSjå {{ ref fyrs }}.\n";
    let (_t, content) = one_area_site(DATA, md);
    let o = check(&content);
    let t = text(&o);
    assert!(!o.status.success(), "{t}");
    assert!(t.contains("there is no table or series «fyrs» to refer to"), "{t}");
    assert!(
        t.contains("index.nn.md:3:1") && t.contains("did you mean `{{ ref fyrst }}`"),
        "{t}"
    );
}

/// A tight list's items have no paragraph; a ref there is still read (and
/// an unknown one is an error, not `{{ ref … }}` published as it is).
#[test]
fn refs_in_a_tight_list_are_checked_and_numbered() {
    let md = "{{ table fyrst }}\n\n- sjå {{ ref fyrst }}\n- anna\n";
    let (_t, content) = one_area_site(DATA, md);
    let (_o, out) = build(&content);
    let doc = read_html(&out.join("nn/testvik/a/index.html"));
    let got = refs_in(&doc);
    assert_eq!(got, [("tabell 1".to_string(), "#table-fyrst".to_string())]);

    let md = "Tekst\n\n- sjå {{ ref fyrs }}\n- anna\n";
    let (_t, content) = one_area_site(DATA, md);
    let o = check(&content);
    let t = text(&o);
    assert!(!o.status.success(), "{t}");
    assert!(
        t.contains("there is no table or series «fyrs» to refer to") && t.contains("index.nn.md:3:1"),
        "{t}"
    );
}

/// In a fenced code block and in a link's text a ref is text as written:
/// not a link inside code, and never a link inside a link.
#[test]
fn refs_in_code_blocks_and_link_text_stay_as_written() {
    let md = "{{ table fyrst }}\n\n```\n{{ ref fyrst }}\n```\n\n[sjå {{ ref fyrst }}](https://example.org)\n";
    let (_t, content) = one_area_site(DATA, md);
    let (_o, out) = build(&content);
    let doc = read_html(&out.join("nn/testvik/a/index.html"));
    assert_eq!(refs_in(&doc), []);
    let pre: String = doc.select(&sel("pre code")).flat_map(|c| c.text()).collect();
    assert!(pre.contains("{{ ref fyrst }}"), "{pre}");
    assert_eq!(doc.select(&sel("a a")).count(), 0, "a link inside a link");
    // The one in the link's text is shown as written: check says so.
    let o = check(&content);
    let t = text(&o);
    assert!(o.status.success(), "{t}");
    assert!(
        t.contains("`{{ ref fyrst }}` in a link's text is shown as written") && t.contains("index.nn.md:7:1"),
        "{t}"
    );
    assert_eq!(
        t.matches("is shown as written").count(),
        2,
        "nn and nb, not the code block: {t}"
    );
}
