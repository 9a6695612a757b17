//! Directives, heading ids and links in the narrative, built with the real
//! binary: what `check` says and what the page shows come from one parse.
//! Large inputs run under a hang detector (a generous limit that only a
//! quadratic or worse algorithm reaches; not a benchmark).

mod common;
use common::*;
use scraper::{Html, Selector};
use std::path::Path;

const SITE: &str = "title: { nn: Testplan, nb: Testplan }\nlanguages: [nn, nb]\naccessibility_statement: https://uustatus.no/\nbase_url: https://plan.testvik.no/\n";
const MUNI: &str = "name: Testvik\nlanguage: nn\n";
const DATA: &str = "title: { nn: Sosiale tenester, nb: Sosiale tjenester }
tables:
  budsjett:
    kind: budget
    title: { nn: Budsjett, nb: Budsjett }
    columns: [R2015, B2016]
    rows:
      - label: Helse
        values: [25301, 29042]
goals:
  - id: unge
    goal: Færre unge på sosialhjelp
    unit: \"%\"
    direction: lower
    baseline: { year: 2015, value: \"5,4\" }
    targets: { 2017: \"4,86\" }
";

/// A site with one area whose texts are `nn` and `nb`, plus `extra` files.
fn area_site(nn: &str, nb: &str, extra: &[(&str, &[u8])]) -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, root) = site(&[
        ("site.yaml", SITE),
        ("testvik/municipality.yaml", MUNI),
        ("testvik/omrade/data.yaml", DATA),
        ("testvik/omrade/index.nn.md", nn),
        ("testvik/omrade/index.nb.md", nb),
    ]);
    for (rel, bytes) in extra {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    (tmp, root)
}

fn page(out: &Path, lang: &str) -> String {
    std::fs::read_to_string(out.join(format!("{lang}/testvik/omrade/index.html"))).unwrap()
}

fn check(root: &Path) -> String {
    text(&common::check(root))
}

fn count(html: &str, css: &str) -> usize {
    Html::parse_document(html)
        .select(&Selector::parse(css).unwrap())
        .count()
}

#[test]
fn a_directive_in_a_comment_pre_or_code_is_never_a_placeholder() {
    // The closing fence indented four spaces does not close it, so the
    // goals directive is code; the comment and <pre> are HTML blocks.
    let nn = "## Status\n\n<!--\n{{ table budsjett }}\n-->\n\n<pre>\n{{ goals }}\n</pre>\n\n```\nkode\n    ```\n{{ goals }}\n```\n\nSlutt.\n";
    let (_t, root) = area_site(nn, nn, &[]);
    let (_o, out) = build(&root);
    let html = page(&out, "nn");
    assert!(!html.contains("PLANVEVDIRECTIVE") && !html.contains('\0'), "{html}");
    assert!(html.contains("<code>kode\n    ```\n{{ goals }}\n</code>"), "{html}");
    // Nothing placed them, so the table and goals follow the text, once.
    assert_eq!(count(&html, "main table"), 1, "{html}");
    assert_eq!(count(&html, "main .goal"), 1, "{html}");
    let said = check(&root);
    assert!(said.contains("table «budsjett» is placed by no directive"), "{said}");
    assert!(said.contains("the goal tracker is placed by no directive"), "{said}");
}

#[test]
fn a_directive_after_an_unclosed_fence_in_a_list_or_with_cr_line_ends_is_placed() {
    // The fence in the list item ends with the item; a backtick in an info
    // string makes a line no fence; old Mac files end lines with CR alone.
    let nn = "## Status\n\n- punkt\n  ```\n  kode\n\n{{ table budsjett }}\n\n``` a`b\n{{ goals }}\n\nEtter.\n";
    let nb = "## Status\r\r{{ table budsjett }}\r\r## Mål\r\r{{ goals }}\r";
    let (_t, root) = area_site(nn, nb, &[]);
    let (_o, out) = build(&root);
    for lang in ["nn", "nb"] {
        let html = page(&out, lang);
        assert!(!html.contains("{{"), "{lang}: the directive is shown as text:\n{html}");
        assert_eq!(count(&html, "main table"), 1, "{html}");
        assert_eq!(count(&html, "main .goal"), 1, "{html}");
    }
    // Placed where the directive is: before the text that follows it.
    let html = page(&out, "nn");
    assert!(html.find("<table").unwrap() < html.find("Etter.").unwrap(), "{html}");
    let said = check(&root);
    assert!(!said.contains("placed by no directive"), "{said}");
}

#[test]
fn a_rule_after_a_directive_does_not_take_a_heading_id() {
    let nn = "## Status\n\n{{ table budsjett }}\n---\n## Mål\n\nSjå [måla](#mal).\n\n{{ goals }}\n";
    let (_t, root) = area_site(nn, nn, &[]);
    let (_o, out) = build(&root);
    let html = page(&out, "nn");
    assert_eq!(count(&html, "main h2#status"), 1, "{html}");
    assert_eq!(count(&html, "main h2#mal"), 1, "{html}");
    assert_eq!(count(&html, "main hr"), 1, "{html}");
    assert_eq!(count(&html, "main [id=table-budsjett]"), 1, "{html}");
    assert_eq!(count(&html, "main h2"), 2, "{html}");
    let said = check(&root);
    assert!(!said.contains("not there"), "{said}");
}

#[test]
fn links_with_spaces_letters_and_queries_lead_to_their_files() {
    let nn = "## Status\n\n[A](plan%20A.pdf) [B](b%C3%A6rum.pdf) [K](kart.pdf?side=2#s) [R](/assets/plan%20B.pdf)\n\n[X](finst%20ikkje.pdf)\n";
    let files: &[(&str, &[u8])] = &[
        ("testvik/omrade/plan A.pdf", b"%PDF"),
        ("testvik/omrade/bærum.pdf", b"%PDF"),
        ("testvik/omrade/kart.pdf", b"%PDF"),
        ("assets/plan B.pdf", b"%PDF"),
    ];
    let (_t, root) = area_site(nn, nn, files);
    let said = check(&root);
    for ok in ["plan%20A.pdf", "b%C3%A6rum.pdf", "kart.pdf?side=2", "plan%20B.pdf"] {
        assert!(!said.contains(ok), "{ok} is reported:\n{said}");
    }
    // A link that really leads nowhere is still found.
    assert!(said.contains("«finst%20ikkje.pdf» leads to nothing"), "{said}");
}

#[test]
fn three_thousand_equal_headings_get_unique_ids_quickly() {
    let nn = "## Status\n\nTekst.\n\n".repeat(3000);
    let (_t, root) = area_site(&nn, &nn, &[]);
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("output");
    let args = [
        "build",
        "--content",
        root.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ];
    let o = planvev_cpu_limited(30, &args);
    assert!(o.status.success(), "{}", text(&o));
    let html = page(&out, "nb");
    assert_eq!(count(&html, "main h2#status"), 1);
    assert_eq!(count(&html, "main h2#status-2"), 1);
    assert_eq!(count(&html, "main h2#status-3000"), 1);
}

#[test]
fn many_directives_lang_passages_and_reference_links_are_linear() {
    // 20 000 directive lines, 20 000 {{ lang }} passages, 50 000 reference
    // links to a heading: each took minutes when every one searched the page
    // (the goal tracker is the lightest data to place 20 000 times).
    let mut nn = String::from("## Status\n\n");
    for i in 0..20_000 {
        nn.push_str(&format!("{{{{ lang nb }}}}\nSitat {i}\n{{{{ /lang }}}}\n"));
    }
    nn.push_str("{{ goals }}\n".repeat(20_000).as_str());
    for i in 0..50_000 {
        nn.push_str(&format!("[l{i}][r{i}]\n"));
    }
    nn.push('\n');
    for i in 0..50_000 {
        nn.push_str(&format!("[r{i}]: #status\n"));
    }
    nn.push_str("\n{{ table budsjett }}\n");
    let (_t, root) = area_site(&nn, "## Status\n", &[]);
    let said = text(&planvev_cpu_limited(
        30,
        &["check", "--content", root.to_str().unwrap()],
    ));
    assert!(!said.contains("not there"), "{said}");
    // No error or warning (the site states no licence: an info).
    assert!(
        said.contains("No problems found") || said.contains("0 errors, 0 warnings"),
        "{said}"
    );
}

#[test]
fn many_table_references_and_open_braces_are_linear() {
    // 30 000 `{{ ref budsjett }}` in prose: each counted the lines from the
    // top of the text to say where it was. 200 000 `{{` before one `}}`:
    // each looked for the `}}` from where it stood.
    let mut nn = String::from("## Status\n\n{{ table budsjett }}\n\n");
    for _ in 0..30_000 {
        nn.push_str("Sjå {{ ref budsjett }}.\n\n");
    }
    nn.push_str("Tekst ");
    nn.push_str(&"{{ ".repeat(200_000));
    nn.push_str("}} slutt.\n");
    let (_t, root) = area_site(&nn, "## Status\n\n{{ table budsjett }}\n", &[]);
    let said = text(&planvev_cpu_limited(
        30,
        &["check", "--content", root.to_str().unwrap()],
    ));
    // Every reference found and nothing in error: the summary, not a
    // count that merely ends in 0.
    assert!(said.lines().any(|l| l.starts_with("0 errors")), "{said}");
}

#[test]
fn front_matter_title_and_summary_make_the_page_title_and_description() {
    let nn = "---\ntitle: Sosiale tenester i Testvik 2017\nsummary: Budsjett og mål for sosiale tenester.\n---\n## Status\n\n{{ table budsjett }}\n\n{{ goals }}\n";
    let nb = "## Status\n\n{{ table budsjett }}\n\n{{ goals }}\n";
    let (_t, root) = area_site(nn, nb, &[("index.nn.md", b"---\nsummary: Framside\n---\nVelkomen.\n")]);
    let (_o, out) = build(&root);
    let doc = Html::parse_document(&page(&out, "nn"));
    let title: String = doc
        .select(&Selector::parse("title").unwrap())
        .next()
        .unwrap()
        .text()
        .collect();
    assert_eq!(title, "Sosiale tenester i Testvik 2017");
    let desc = Selector::parse("meta[name=description]").unwrap();
    let d = doc.select(&desc).next().expect("a description");
    assert_eq!(d.value().attr("content"), Some("Budsjett og mål for sosiale tenester."));
    // Without front matter: the area's title, and no description.
    let nb = Html::parse_document(&page(&out, "nb"));
    let title: String = nb
        .select(&Selector::parse("title").unwrap())
        .next()
        .unwrap()
        .text()
        .collect();
    assert!(title.starts_with("Sosiale tjenester – Testvik"), "{title}");
    assert_eq!(nb.select(&desc).count(), 0);
    // Where they are not used, check says so at the line.
    let said = check(&root);
    assert!(
        said.contains("index.nn.md:2:1")
            && said.contains("`summary` in the front matter is not used in the front page"),
        "{said}"
    );
}

#[test]
fn an_image_with_no_text_is_named_for_screen_readers() {
    let nn = "## Status\n\nTekst.\n\n![](kart.png)\n\n![Kart over `skulekrinsane`](kart.png)\n";
    let nb = "## Status\n\nTekst.\n\n![ ](kart.png)\n\n[![](kart.png)](https://example.org/kart)\n";
    let png: &[u8] = b"\x89PNG\r\n\x1a\n";
    let (_t, root) = area_site(nn, nb, &[("testvik/omrade/kart.png", png)]);
    let msg = check(&root);
    let said = "the image «kart.png» has no text for readers who cannot see it";
    // The one without text in nn, both in nb (a space is no text; an image
    // alone in a link is the link's only text); not the one with text.
    assert_eq!(msg.matches(said).count(), 3, "{msg}");
    assert!(msg.contains("index.nn.md:5:1"), "{msg}");
    assert!(!msg.contains("index.nn.md:7:1"), "{msg}");
    assert!(
        msg.contains("index.nb.md:5:1") && msg.contains("index.nb.md:7:2"),
        "{msg}"
    );
    assert!(msg.contains("as in `![Kart over …](kart.png)`"), "{msg}");
    // A warning: the page is still built, with the image marked as decoration.
    let (_o, out) = build(&root);
    assert!(page(&out, "nn").contains(r#"<img src="kart.png" alt="" />"#));
}
