//! Builds the example site and small fixture sites with the real binary and
//! checks the HTML, CSV and messages that come out.

mod common;
use common::*;
use std::collections::BTreeSet;

const NBSP: char = '\u{a0}';

#[test]
fn example_numbers_are_formatted_the_norwegian_way() {
    let (_tmp, out) = build(&example_content());
    let doc = read_html(&out.join("nn/klepp/sosiale-tenester/index.html"));
    let text = all_text(&doc);
    assert!(text.contains(&format!("88{NBSP}355")), "88 355 with a no-break space");
    assert!(text.contains(&format!("4,86{NBSP}%")), "4,86 % with a no-break space");
    assert!(text.contains("\u{2212}2,5"), "−2,5 with a real minus sign");
    assert!(!text.contains("88355"), "no ungrouped thousands");
    // Years in column headings are never grouped.
    let heads: Vec<String> = doc.select(&sel("th")).map(|e| e.text().collect()).collect();
    assert!(heads.iter().any(|h| h == "B2017"), "{heads:?}");
}

#[test]
fn every_relative_link_and_asset_resolves() {
    let (_tmp, out) = build(&example_content());
    let mut checked = 0;
    for file in html_files(&out) {
        if file.ends_with("404.html") {
            continue; // its links are written for the site root, see below
        }
        let doc = read_html(&file);
        for (tag, attr) in [("a", "href"), ("link", "href"), ("img", "src"), ("script", "src")] {
            for el in doc.select(&sel(&format!("{tag}[{attr}]"))) {
                let href = el.value().attr(attr).unwrap();
                if href.starts_with("http") || href.starts_with("mailto:") {
                    continue;
                }
                assert!(!href.starts_with('/'), "{}: absolute link {href}", file.display());
                let (path, frag) = href.split_once('#').unwrap_or((href, ""));
                let target = if path.is_empty() {
                    file.clone()
                } else {
                    file.parent().unwrap().join(path)
                };
                let target = if target.is_dir() {
                    target.join("index.html")
                } else {
                    target
                };
                assert!(target.is_file(), "{}: {href} does not resolve", file.display());
                if !frag.is_empty() && target.extension().is_some_and(|e| e == "html") {
                    let t = read_html(&target);
                    let found = t.select(&sel(&format!("[id=\"{frag}\"]"))).next().is_some();
                    assert!(found, "{}: no #{frag} in {}", file.display(), target.display());
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 400, "only {checked} links checked");
}

#[test]
fn every_page_has_lang_and_hreflang_alternates() {
    let (_tmp, out) = build(&example_content());
    let pages = html_files(&out);
    assert!(pages.len() >= 30);
    for file in pages {
        let rel = file.strip_prefix(&out).unwrap().to_string_lossy().replace('\\', "/");
        let doc = read_html(&file);
        let lang = doc
            .select(&sel("html"))
            .next()
            .unwrap()
            .value()
            .attr("lang")
            .unwrap()
            .to_string();
        assert!(lang == "nn" || lang == "nb", "{rel}: lang={lang}");
        if rel == "404.html" || rel == "index.html" {
            continue;
        }
        assert!(rel.starts_with(&format!("{lang}/")), "{rel} has lang {lang}");
        let alts: BTreeSet<String> = doc
            .select(&sel("link[rel=alternate][hreflang]"))
            .map(|e| e.value().attr("hreflang").unwrap().to_string())
            .collect();
        assert_eq!(
            alts,
            ["nb", "nn", "x-default"].into_iter().map(String::from).collect(),
            "{rel}"
        );
        // The language switch leads to the same page in the other language.
        let other = if lang == "nn" { "nb" } else { "nn" };
        let switch = doc
            .select(&sel(&format!(".lang-switch a[hreflang={other}]")))
            .next()
            .expect("language switch");
        let target = file.parent().unwrap().join(switch.value().attr("href").unwrap());
        let expected = out.join(rel.replacen(&lang, other, 1));
        assert_eq!(
            target.canonicalize().unwrap(),
            expected.canonicalize().unwrap(),
            "{rel}"
        );
    }
}

#[test]
fn fallback_text_is_marked_with_its_language_and_a_notice() {
    let (_tmp, out) = build(&example_content());
    let doc = read_html(&out.join("nn/stavanger/nav-kontorene/index.html"));
    let fb = doc
        .select(&sel(".fallback[lang=nb]"))
        .next()
        .expect("a fallback block in bokmål");
    let notice: String = fb.select(&sel(".fallback-notice")).next().unwrap().text().collect();
    assert_eq!(notice, "Teksten finst berre på bokmål");
    assert_eq!(
        fb.select(&sel(".fallback-notice")).next().unwrap().value().attr("lang"),
        Some("nn")
    );
    // The bokmål page has the same text with no notice.
    let nb = read_html(&out.join("nb/stavanger/nav-kontorene/index.html"));
    assert!(nb.select(&sel(".fallback")).next().is_none());
}

/// Issue 11.30: a site title missing in nynorsk put "only in bokmål" at
/// the top of every nynorsk page. The title is marked with its language
/// where it appears; the page notice is for the page's own text.
#[test]
fn a_site_title_in_one_language_gives_no_notice_on_every_page() {
    let (_tmp, content) = site(&[
        (
            "site.yaml",
            &SITE_YAML.replace("title: { nn: Testplan, nb: Testplan }", "title: { nb: Testplan }"),
        ),
        ("testvik/municipality.yaml", MUNI_YAML),
        ("testvik/omrade/data.yaml", "title: { nn: Område, nb: Område }\n"),
        ("testvik/omrade/index.nn.md", "## Status\n\nTekst.\n"),
        ("testvik/omrade/index.nb.md", "## Status\n\nTekst.\n"),
    ]);
    let (_t, out) = build(&content);
    let doc = read_html(&out.join("nn/testvik/omrade/index.html"));
    assert_eq!(
        doc.select(&sel(".fallback-notice")).count(),
        0,
        "no notice on a page whose text is nynorsk"
    );
    assert!(doc
        .select(&sel("span[lang=nb]"))
        .any(|s| s.text().collect::<String>() == "Testplan"));
}

fn goals_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let data = r#"
title: { nn: Test, nb: Test }
goals:
  - id: lower-achieved
    goal: { nn: A, nb: A }
    direction: lower
    baseline: { year: 2015, value: "5,4" }
    targets: { 2017: "4,86", 2020: "4,05" }
    results: { 2018: "4,0" }
  - id: lower-on-track
    goal: { nn: B, nb: B }
    baseline: { year: 2015, value: "5,4" }
    targets: { 2017: "4,86", 2020: "4,05" }
    results: { 2018: "4,59" }
  - id: lower-behind
    goal: { nn: C, nb: C }
    direction: lower
    targets: { 2017: "4,86", 2020: "4,05" }
    results: { 2017: "5,0" }
  - id: lower-no-data
    goal: { nn: D, nb: D }
    direction: lower
    targets: { 2020: "4,05" }
  - id: higher-achieved
    goal: { nn: E, nb: E }
    baseline: { year: 2015, value: 18 }
    targets: { 2017: 30, 2020: 65 }
    results: { 2019: 70 }
  - id: higher-on-track
    goal: { nn: F, nb: F }
    direction: higher
    baseline: { year: 2015, value: 18 }
    targets: { 2017: 30, 2020: 65 }
    results: { 2016: 24 }
  - id: higher-behind
    goal: { nn: G, nb: G }
    direction: higher
    targets: { 2017: 30, 2020: 65 }
    results: { 2016: 23, 2018: 20 }
  - id: higher-no-data
    goal: { nn: H, nb: H }
    direction: higher
    targets: { 2020: 65 }
"#;
    site(&[
        ("site.yaml", SITE_YAML),
        ("testvik/municipality.yaml", MUNI_YAML),
        ("testvik/omrade/data.yaml", data),
        ("testvik/omrade/index.nn.md", "## Mål\n\n{{ goals }}\n"),
        ("testvik/omrade/index.nb.md", "## Mål\n\n{{ goals }}\n"),
    ])
}

#[test]
fn goal_statuses_in_both_directions() {
    let (_t, content) = goals_site();
    let (_tmp, out) = build(&content);
    for lang in ["nn", "nb"] {
        let doc = read_html(&out.join(format!("{lang}/testvik/omrade/index.html")));
        for g in doc.select(&sel("li.goal")) {
            let id = g.value().attr("id").unwrap().trim_start_matches("goal-");
            let status = g.value().attr("data-status").unwrap();
            let expected = id.split_once('-').unwrap().1;
            assert_eq!(status, expected, "{lang}: {id}");
            // Status as text and symbol, never colour alone.
            let label: String = g.select(&sel(".status-label")).next().unwrap().text().collect();
            assert!(!label.trim().is_empty());
            assert!(g.select(&sel(".symbol")).next().is_some());
        }
        assert_eq!(doc.select(&sel("li.goal")).count(), 8);
    }
    let nn = all_text(&read_html(&out.join("nn/testvik/omrade/index.html")));
    for label in [
        "Nådd",
        "I rute",
        "Ikkje i rute",
        "Manglar data",
        "Mål innan 2020",
        "Mål for 2017",
    ] {
        assert!(nn.contains(label), "nn page lacks {label}");
    }
    // The progress bar's number is also in text.
    assert!(nn.contains(&format!("Framdrift: 100{NBSP}%")));
    // Front page and municipality page count goals by status.
    for page in ["nn/index.html", "nn/testvik/index.html"] {
        let doc = read_html(&out.join(page));
        for status in ["achieved", "on-track", "behind", "no-data"] {
            let c = doc
                .select(&sel(&format!(".counts [data-status={status}]")))
                .next()
                .unwrap();
            assert_eq!(c.value().attr("data-count"), Some("2"), "{page} {status}");
        }
    }
}

fn budget_site(sum_2017: &str, tolerance: Option<&str>) -> (tempfile::TempDir, std::path::PathBuf) {
    let tol = tolerance.map(|t| format!("    tolerance: {t}\n")).unwrap_or_default();
    let data = format!(
        "title: Budsjett\ntables:\n  budsjett:\n    kind: budget\n    unit: 1000 kr\n{tol}    columns: [R2015, B2017]\n    rows:\n      - label: Helse og velferd\n        values: [25301, 26317]\n      - label: Sentraladministrasjonen\n        values: [4062, 4817]\n      - label: SUM\n        total: true\n        values: [29363, {sum_2017}]\n"
    );
    site(&[
        ("site.yaml", SITE_YAML),
        ("testvik/municipality.yaml", MUNI_YAML),
        ("testvik/budsjett/data.yaml", &data),
        ("testvik/budsjett/index.nn.md", "{{ table budsjett }}\n"),
    ])
}

#[test]
fn budget_sum_mismatch_fails_with_row_column_and_both_sums() {
    let (_t, content) = budget_site("31135", None);
    let tmp = tempfile::tempdir().unwrap();
    let o = build_into(&content, &tmp.path().join("o"));
    let msg = text(&o);
    assert_eq!(o.status.code(), Some(1), "{msg}");
    assert!(msg.contains("data.yaml:14:"), "place of the stated sum: {msg}");
    for part in ["«SUM»", "«B2017»", "31135", "31134", "tolerance"] {
        assert!(msg.contains(part), "message lacks {part}: {msg}");
    }
    assert!(!tmp.path().join("o").exists(), "nothing written on failure");
}

#[test]
fn tolerance_accepts_a_one_unit_rounding_difference_and_shows_the_stated_sum() {
    let (_t, content) = budget_site("31135", Some("1"));
    let (_tmp, out) = build(&content);
    let text = all_text(&read_html(&out.join("nn/testvik/budsjett/index.html")));
    assert!(text.contains(&format!("31{NBSP}135")), "stated sum shown");
    assert!(!text.contains(&format!("31{NBSP}134")));
    let (_t2, content2) = budget_site("31136", Some("1"));
    let o = check(&content2);
    assert_eq!(o.status.code(), Some(1), "two units off is still an error");
}

#[test]
fn csv_download_is_what_norwegian_spreadsheets_expect() {
    let (_tmp, out) = build(&example_content());
    let bytes = std::fs::read(out.join("nn/klepp/sosiale-tenester/innsparingspotensial.csv"))
        .or_else(|_| std::fs::read(out.join("nn/klepp/sosiale-tenester/nokkeltal.csv")))
        .unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM");
    let s = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(s.lines().next().unwrap().contains(';'));
    assert!(
        !s.contains('\u{a0}') && !s.contains('\u{2212}'),
        "no grouping, plain minus"
    );
    let budget = std::fs::read_to_string(out.join("nn/klepp/sosiale-tenester/budsjett.csv")).unwrap();
    assert!(budget.contains("29473;33578;31134"), "{budget}");
    let key = std::fs::read_to_string(out.join("nn/klepp/sosiale-tenester/nokkeltal.csv")).unwrap();
    assert!(key.contains(";88355;"), "{key}");
    assert!(key.contains(";5,4;") || key.contains(";5,4\r"), "{key}");
    assert!(key.contains(";-;"), "missing values as plain -: {key}");
    // The page links it.
    let doc = read_html(&out.join("nn/klepp/sosiale-tenester/index.html"));
    assert!(doc.select(&sel("a[href='budsjett.csv'][download]")).next().is_some());
}

#[test]
fn tables_are_accessible_tables() {
    let (_tmp, out) = build(&example_content());
    let doc = read_html(&out.join("nb/klepp/sosiale-tenester/index.html"));
    let tables: Vec<_> = doc.select(&sel("table")).collect();
    assert!(tables.len() >= 2);
    for t in tables {
        assert!(t.select(&sel("caption")).next().is_some(), "caption");
        assert!(t.select(&sel("th[scope=col]")).next().is_some(), "column headers");
        assert!(t.select(&sel("th[scope=row]")).next().is_some(), "row headers");
        assert!(t.select(&sel("td.num")).next().is_some(), "right-aligned numbers");
    }
}

#[test]
fn a_failed_build_leaves_the_last_good_site_untouched() {
    let (_t, content) = budget_site("31134", None);
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("output");
    assert!(build_into(&content, &out).status.success());
    let before = snapshot(&out);
    std::fs::write(content.join("testvik/budsjett/data.yaml"), "title: [unclosed\n").unwrap();
    let o = build_into(&content, &out);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("data.yaml:"), "{}", text(&o));
    assert_eq!(before, snapshot(&out));
}

#[test]
fn init_writes_a_site_that_builds_in_both_languages() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ny");
    assert!(planvev(&["init", dir.to_str().unwrap()]).status.success());
    let (_t, out) = build(&dir.join("content"));
    for lang in ["nn", "nb"] {
        let doc = read_html(&out.join(format!("{lang}/eksempel/sosiale-tenester/index.html")));
        assert_eq!(doc.select(&sel("table:not(.goal-record)")).count(), 6);
        assert_eq!(doc.select(&sel("li.goal")).count(), 7);
    }
    assert!(
        !planvev(&["init", dir.to_str().unwrap()]).status.success(),
        "init refuses a folder with files"
    );
}

#[test]
fn stylesheet_name_carries_a_content_hash_and_theme_overrides_file_by_file() {
    let (_t, content) = budget_site("31134", None);
    let (_tmp, out) = build(&content);
    let css: Vec<_> = std::fs::read_dir(out.join("assets"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().into_string().unwrap())
        .collect();
    let name = css
        .iter()
        .find(|n| n.starts_with("planvev.") && n.ends_with(".css"))
        .expect("hashed css");
    // A theme folder beside content/ overrides one file; the rest stays built in.
    let theme = content.parent().unwrap().join("themes/default/static");
    std::fs::create_dir_all(&theme).unwrap();
    std::fs::write(theme.join("style.css"), "body { color: #000 }").unwrap();
    let (_tmp2, out2) = build(&content);
    let css2: Vec<_> = std::fs::read_dir(out2.join("assets"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().into_string().unwrap())
        .collect();
    assert!(!css2.contains(name), "a changed stylesheet gets a new name");
    let page = std::fs::read_to_string(out2.join("nn/testvik/budsjett/index.html")).unwrap();
    assert!(
        page.contains("Hopp til hovudinnhald"),
        "templates still come from the built-in theme"
    );
}

#[test]
fn sitemap_lists_every_page_with_hreflang_and_404_exists() {
    let (_tmp, out) = build(&example_content());
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    let pages = html_files(&out).len() - 1; // every page but 404
    assert_eq!(sitemap.matches("<loc>").count(), pages);
    assert!(sitemap.contains("hreflang=\"nb\"") && sitemap.contains("hreflang=\"x-default\""));
    let nf = read_html(&out.join("404.html"));
    assert!(all_text(&nf).contains("Fann ikkje sida"));
}

#[test]
fn heading_ids_are_the_same_in_both_languages() {
    let (_tmp, out) = build(&example_content());
    let ids = |lang: &str| -> Vec<String> {
        let doc = read_html(&out.join(format!("{lang}/klepp/sosiale-tenester/index.html")));
        doc.select(&sel(".prose h2[id], .prose h3[id]"))
            .map(|e| e.value().attr("id").unwrap().to_string())
            .collect()
    };
    let nn = ids("nn");
    assert!(nn.len() >= 5);
    assert_eq!(nn, ids("nb"));
}

#[test]
fn base_url_gives_canonical_and_absolute_sitemap() {
    let (_t, content) = budget_site("31134", None);
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    let o = build_into_with(&content, &out, &["--base-url", "https://plan.example.no/2017"]);
    assert!(o.status.success(), "{}", text(&o));
    let page = std::fs::read_to_string(out.join("nn/testvik/budsjett/index.html")).unwrap();
    assert!(
        page.contains("<link rel=\"canonical\" href=\"https://plan.example.no/2017/nn/testvik/budsjett/\">"),
        "{page}"
    );
    let sm = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(sm.contains("<loc>https://plan.example.no/2017/nn/</loc>"), "{sm}");
    assert!(
        page.contains(
            "<link rel=\"alternate\" hreflang=\"nb\" href=\"https://plan.example.no/2017/nb/testvik/budsjett/\">"
        ),
        "{page}"
    );
    assert!(
        page.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://plan.example.no/2017/\">"),
        "{page}"
    );
    // Links a reader follows stay relative, so the site still works under any path.
    assert!(
        page.contains("href=\"../../../nb/testvik/budsjett/index.html\" lang=\"nb\""),
        "{page}"
    );
}

#[test]
fn formulas_from_a_csv_source_are_inert_in_the_download() {
    // Issue 11, item 10: text from a third-party CSV that a reader's
    // spreadsheet would run as a formula gets a leading ' in the download;
    // numbers, negative ones too, stay numbers.
    let data = "title: T\ntables:\n  t:\n    kind: plain\n    csv: t.csv\n";
    let (_t, content) = site(&[
        ("site.yaml", SITE_YAML),
        ("testvik/municipality.yaml", MUNI_YAML),
        ("testvik/omrade/data.yaml", data),
        ("testvik/omrade/index.nn.md", "{{ table t }}\n"),
        (
            "testvik/omrade/t.csv",
            "Namn;Tal;Lenke\n=HYPERLINK(\"http://x.example\");-5;@SUM(1)\n+cmd;12;\"=cmd|' /C calc'!A0\"\n",
        ),
    ]);
    let (_tmp, out) = build(&content);
    let bytes = std::fs::read(out.join("nn/testvik/omrade/t.csv")).unwrap();
    let csv = String::from_utf8_lossy(&bytes);
    for inert in ["'=HYPERLINK(", "'+cmd", "'@SUM(1)", "'=cmd|"] {
        assert!(csv.contains(inert), "{inert} in {csv}");
    }
    assert!(csv.contains(";-5;") && csv.contains(";12;"), "{csv}");
}

#[test]
fn tables_from_csv_files_with_either_separator() {
    let data = "title: T\ntables:\n  brukarar:\n    kind: plain\n    title: Brukarar\n    csv: brukarar.csv\n  nokkeltal:\n    kind: key-figures\n    csv: nokkeltal.csv\n";
    let (_t, content) = site(&[
        ("site.yaml", SITE_YAML),
        ("testvik/municipality.yaml", MUNI_YAML),
        ("testvik/omrade/data.yaml", data),
        (
            "testvik/omrade/index.nn.md",
            "{{ table brukarar }}\n\n{{ table nokkeltal }}\n",
        ),
        (
            "testvik/omrade/brukarar.csv",
            "År,Brukarar,Merknad\n2012,1255,\"første år, ny ordning\"\n2013,1358,-\n",
        ),
        (
            "testvik/omrade/nokkeltal.csv",
            "\u{feff}Indikator;Klepp;Time\r\nKvalitet;;\r\nUtbetaling;9632;8411\r\nDel 18-24 år;5,4 %;-\r\n",
        ),
    ]);
    let (_tmp, out) = build(&content);
    let doc = read_html(&out.join("nn/testvik/omrade/index.html"));
    let tables: Vec<_> = doc.select(&sel("table")).collect();
    assert_eq!(tables.len(), 2);
    let first: String = tables[0].text().collect();
    assert!(
        first.contains(&format!("1{NBSP}255")) && first.contains("første år, ny ordning"),
        "{first}"
    );
    let heads: Vec<String> = tables[1].select(&sel("thead th")).map(|e| e.text().collect()).collect();
    assert_eq!(heads, ["Indikator", "Klepp", "Time"]);
    assert_eq!(
        tables[1].select(&sel("tr.group")).count(),
        1,
        "a row without values is a heading"
    );
    let second: String = tables[1].text().collect();
    assert!(
        second.contains(&format!("9{NBSP}632")) && second.contains(&format!("5,4{NBSP}%")),
        "{second}"
    );
}

#[test]
fn raw_html_passes_only_when_the_site_allows_it() {
    let md = "Tekst med <abbr title=\"Arbeids- og velferdsforvaltninga\">NAV</abbr>.\n";
    let files = |site_yaml: &'static str| {
        site(&[
            ("site.yaml", site_yaml),
            ("testvik/municipality.yaml", MUNI_YAML),
            ("testvik/omrade/data.yaml", "title: T\n"),
            ("testvik/omrade/index.nn.md", md),
        ])
    };
    let (_t1, off) = files(SITE_YAML);
    let (_o1, out_off) = build(&off);
    let page = std::fs::read_to_string(out_off.join("nn/testvik/omrade/index.html")).unwrap();
    assert!(page.contains("&lt;abbr") && !page.contains("<abbr"));
    let (_t2, on) = files("title: Testplan\nraw_html: true\n");
    let (_o2, out_on) = build(&on);
    let page = std::fs::read_to_string(out_on.join("nn/testvik/omrade/index.html")).unwrap();
    assert!(page.contains("<abbr title=\"Arbeids- og velferdsforvaltninga\">NAV</abbr>"));
}

#[test]
fn a_passage_in_the_other_written_standard_is_marked_with_its_language() {
    let (_tmp, out) = build(&example_content());
    let doc = read_html(&out.join("nn/klepp/sosiale-tenester/index.html"));
    let quotes: Vec<String> = doc
        .select(&sel("div[lang=nb] > blockquote"))
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(quotes.len(), 2, "Klepp quotes two laws in bokmål");
    assert!(quotes[0].contains("Formålet med loven"));
}

#[test]
fn a_broken_theme_partial_fails_the_build_instead_of_blanking_the_page() {
    let (_t, content) = budget_site("31134", None);
    let partials = content.parent().unwrap().join("themes/default/templates/partials");
    std::fs::create_dir_all(&partials).unwrap();
    std::fs::write(partials.join("table.html"), "{{ table.no_such_field.deeper }}").unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let o = build_into(&content, &tmp.path().join("o"));
    let msg = text(&o);
    assert_eq!(o.status.code(), Some(1), "{msg}");
    assert!(
        msg.contains("partials/table.html") && msg.contains("no_such_field"),
        "names the template and what is wrong: {msg}"
    );
    assert!(!tmp.path().join("o").exists());
}

#[test]
fn a_narrative_named_with_a_capital_extension_is_the_page_text() {
    let (_tmp, content) = site(&[
        ("site.yaml", SITE_YAML),
        ("testvik/municipality.yaml", MUNI_YAML),
        ("testvik/omrade/data.yaml", "title: { nn: Område, nb: Område }\n"),
        ("testvik/omrade/index.nn.MD", "## Status\n\nTekst frå Windows.\n"),
        ("testvik/omrade/index.nb.md", "## Status\n\nTekst.\n"),
    ]);
    let (_t, out) = build(&content);
    let doc = read_html(&out.join("nn/testvik/omrade/index.html"));
    assert!(all_text(&doc).contains("Tekst frå Windows."));
    assert!(
        !out.join("nn/testvik/omrade/index.nn.MD").exists(),
        "published as a plain file"
    );
}
