//! Tables as printed (content format 1.1) and "never a number that is in no
//! source": built pages (both languages) and CSV downloads.

mod common;
use common::*;
use std::path::Path;

const NBSP: char = '\u{a0}';

fn area_site(data: &str, muni: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let ids: Vec<&str> = data
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   ") && l.trim_end().ends_with(':'))
        .map(|l| l.trim().trim_end_matches(':'))
        .collect();
    let md: String = ids.iter().map(|id| format!("{{{{ table {id} }}}}\n\n")).collect();
    site(&[
        ("site.yaml", SITE_YAML),
        ("testvik/municipality.yaml", muni),
        ("testvik/a/data.yaml", data),
        ("testvik/a/index.nn.md", &md),
        ("testvik/a/index.nb.md", &md),
    ])
}

fn check(content: &Path) -> (Option<i32>, String) {
    let o = common::check(content);
    (o.status.code(), text(&o))
}

fn page(out: &Path, lang: &str) -> scraper::Html {
    read_html(&out.join(format!("{lang}/testvik/a/index.html")))
}

fn csv(out: &Path, lang: &str, id: &str) -> String {
    let bytes = std::fs::read(out.join(format!("{lang}/testvik/a/{id}.csv"))).unwrap();
    String::from_utf8(bytes[3..].to_vec()).unwrap()
}

/// The text of each cell of the row whose header is `label`.
fn row_cells(doc: &scraper::Html, table: &str, label: &str) -> Vec<String> {
    let tr = sel(&format!("#table-{table} tr"));
    let th = sel("th");
    let td = sel("td");
    doc.select(&tr)
        .find(|r| {
            r.select(&th)
                .next()
                .is_some_and(|h| h.text().collect::<String>() == label)
        })
        .unwrap_or_else(|| panic!("no row «{label}» in {table}"))
        .select(&td)
        .map(|c| c.text().collect::<String>())
        .collect()
}

const GAP: &str = "title: A
tables:
  regnskap:
    kind: budget
    columns: [Regnskap 2017, Buds(end) 2018]
    rows:
      - label: 2110 Grunnskule
        values: [126102, 130200]
      - label: 2111 Skulefritidsordning
        values: [54247, \"-\"]
      - label: Sum 5 Oppvekst
        total: true
        values: [180349, 186449]
  rekna:
    kind: budget
    columns: [Regnskap 2017, Buds(end) 2018]
    rows:
      - label: 2110 Grunnskule
        values: [126102, 130200]
      - label: 2111 Skulefritidsordning
        values: [54247, \"-\"]
      - label: Sum 5 Oppvekst
        total: true
        values: [180349, \"-\"]
";

#[test]
fn a_stated_sum_over_an_empty_cell_is_shown_as_printed_and_cannot_be_checked() {
    let (_t, content) = area_site(GAP, MUNI_YAML);
    let (code, out) = check(&content);
    assert_eq!(code, Some(0), "a warning, not an error: {out}");
    assert!(
        out.contains("warning: the sum in row «Sum 5 Oppvekst», column «Buds(end) 2018» of table «regnskap» cannot be checked: row «2111 Skulefritidsordning», column «Buds(end) 2018» has no value"),
        "{out}"
    );
    assert!(out.contains("data.yaml:10:"), "names the empty cell's line: {out}");
    assert!(!out.contains("add up to"), "the printed total is not blamed: {out}");
    let (_tmp, built) = build(&content);
    for lang in ["nn", "nb"] {
        let cells = row_cells(&page(&built, lang), "regnskap", "Sum 5 Oppvekst");
        assert_eq!(cells, [format!("180{NBSP}349"), format!("186{NBSP}449")], "{lang}");
    }
    assert!(csv(&built, "nn", "regnskap").contains("Sum 5 Oppvekst;180349;186449"));
}

#[test]
fn a_computed_sum_over_an_empty_cell_is_unknown_never_partial() {
    let (_t, content) = area_site(GAP, MUNI_YAML);
    let (_, out) = check(&content);
    assert!(
        out.contains("the sum in row «Sum 5 Oppvekst», column «Buds(end) 2018» of table «rekna» cannot be computed: row «2111 Skulefritidsordning», column «Buds(end) 2018» has no value"),
        "reported: {out}"
    );
    let (_tmp, built) = build(&content);
    for (lang, reason) in [
        (
            "nn",
            "rada «2111 Skulefritidsordning» manglar verdi i kolonna «Buds(end) 2018»",
        ),
        (
            "nb",
            "raden «2111 Skulefritidsordning» mangler verdi i kolonnen «Buds(end) 2018»",
        ),
    ] {
        let doc = page(&built, lang);
        let all = all_text(&doc);
        assert!(!all.contains(&format!("130{NBSP}200{NBSP}")), "{lang}");
        assert!(!all.contains(&format!("130{NBSP}200<")));
        let cells = row_cells(&doc, "rekna", "Sum 5 Oppvekst");
        assert!(cells[1].starts_with('–'), "shown as missing: {cells:?}");
        assert!(
            cells[1].contains(reason),
            "screen-reader text gives the reason ({lang}): {cells:?}"
        );
        let notes: String = doc
            .select(&sel("#table-rekna .notes"))
            .map(|n| n.text().collect::<String>())
            .collect();
        assert!(notes.contains(reason), "the table's notes say why ({lang}): {notes}");
        let download = csv(&built, lang, "rekna");
        assert!(download.contains("Sum 5 Oppvekst;180349;-"), "{download}");
        assert!(!download.contains("130200\r\nSum"), "no partial sum: {download}");
    }
}

/// Issue 11, item 18: `total: true` without values was a heading row.
#[test]
fn a_total_without_values_shows_the_sums_in_the_page_and_the_download() {
    let data = "title: A\ntables:\n  t:\n    kind: budget\n    columns: [R2015, B2016]\n    rows:\n      - label: Helse\n        values: [25301, 29042]\n      - label: Admin\n        values: [4062, 4536]\n      - label: SUM\n        total: true\n";
    let (_t, content) = area_site(data, MUNI_YAML);
    let (_tmp, built) = build(&content);
    for lang in ["nn", "nb"] {
        let doc = page(&built, lang);
        assert_eq!(
            row_cells(&doc, "t", "SUM"),
            [format!("29{NBSP}363"), format!("33{NBSP}578")]
        );
        assert!(doc.select(&sel("#table-t tr.total")).next().is_some());
        assert!(csv(&built, lang, "t").contains("SUM;29363;33578"));
    }
}

/// Issue 11, item 19: `[1.234, 2.500]` was published as 1,234 and 2,5.
#[test]
fn unquoted_numbers_with_a_period_are_refused_where_they_are() {
    let data = "title: A\ntables:\n  t:\n    kind: budget\n    columns: [A, B, C]\n    rows:\n      - label: r\n        values: [1.234, 2.500, 123456789.123456789]\n";
    let (_t, content) = area_site(data, MUNI_YAML);
    let (code, out) = check(&content);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("error: «1.234» is not a number a plan can show"), "{out}");
    assert!(
        out.contains("error: «2.500» is not a number"),
        "named as written, not as YAML read it: {out}"
    );
    assert!(out.contains("data.yaml:8:18"), "{out}");
    assert!(out.contains("data.yaml:8:25"), "{out}");
    assert_eq!(out.matches("a period could mean").count(), 3, "{out}");
}

/// Issue 11, item 14: the series' CSV silently replaced the table's.
#[test]
fn a_table_and_a_series_with_one_id_are_an_error() {
    let data = "title: A\ntables:\n  brukarar:\n    kind: plain\n    columns: [X]\n    rows:\n      - label: r\n        values: [1]\nseries:\n  brukarar:\n    points: { 2012: 1255 }\n";
    let (_t, content) = area_site(data, MUNI_YAML);
    let (code, out) = check(&content);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains(
            "the series «brukarar» has the same id as the table «brukarar»; both would be published as brukarar.csv"
        ),
        "{out}"
    );
    assert!(out.contains("data.yaml:10:"), "{out}");
}

#[test]
fn a_table_that_fails_to_load_gives_one_message_not_also_no_such_table() {
    let data = "title: A\ntables:\n  t:\n    kind: budget\n    columns: [A, B]\n    rows:\n      - label: r\n        values: [1]\n";
    let (_t, content) = area_site(data, MUNI_YAML);
    let (code, out) = check(&content);
    assert_eq!(code, Some(1));
    assert!(out.contains("has 1 values, but the table has 2 columns"), "{out}");
    assert!(!out.contains("there is no table"), "{out}");
    assert!(out.contains("1 error,") || out.contains("1 error\n"), "{out}");
}

const SSB: &str = "title: A
tables:
  tal:
    kind: key-figures
    symbols: ssb
    source: SSB
    columns: [Klepp, Time, Hå]
    rows:
      - label: Barn i fosterheim
        values: [\"-\", \":\", 12]
      - label: Barn i institusjon
        values: [4, 3, \"...\"]
      - label: Sum
        total: true
  v1:
    kind: key-figures
    columns: [Klepp, Time]
    rows:
      - label: Del
        values: [\"-\", \"5,4\"]
";

#[test]
fn ssb_symbols_are_shown_as_printed_with_meaning_legend_and_sums() {
    let (_t, content) = area_site(SSB, MUNI_YAML);
    let (code, out) = check(&content);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("column «Time» of table «tal» cannot be computed"), "{out}");
    let (_tmp, built) = build(&content);
    for (lang, legend, nil, conf) in [
        (
            "nn",
            "Forklaring til symbol",
            "null",
            "blir ikkje vist av omsyn til konfidensialitet",
        ),
        (
            "nb",
            "Forklaring til symboler",
            "null",
            "vises ikke av hensyn til konfidensialitet",
        ),
    ] {
        let doc = page(&built, lang);
        let first = row_cells(&doc, "tal", "Barn i fosterheim");
        assert_eq!(first[0], format!("-{nil}"), "the sign, then its screen-reader text");
        assert_eq!(first[1], format!(":{conf}"));
        let hidden = doc
            .select(&sel("#table-tal td span[aria-hidden=true]"))
            .map(|s| s.text().collect::<String>())
            .collect::<Vec<_>>();
        assert_eq!(hidden, ["-", ":", "..."], "symbols shown as printed");
        // Nil counts as zero; `:` and `...` make the sum unknown.
        let sum = row_cells(&doc, "tal", "Sum");
        assert_eq!(sum[0], "4");
        assert!(sum[1].starts_with(".."), "{sum:?}");
        assert!(sum[2].starts_with(".."), "{sum:?}");
        let legend_el = doc.select(&sel("#table-tal .symbol-legend")).next().expect("legend");
        let legend_text = legend_el.text().collect::<String>();
        assert!(legend_text.starts_with(legend), "{legend_text}");
        for s in ["-", "..", "...", ":"] {
            assert!(
                legend_el.select(&sel("dt")).any(|d| d.text().collect::<String>() == s),
                "legend has {s}"
            );
        }
        assert!(
            doc.select(&sel("#table-v1 .symbol-legend")).next().is_none(),
            "version 1: no legend"
        );
        let v1 = row_cells(&doc, "v1", "Del");
        assert!(v1[0].starts_with('–'), "version 1 reads - as missing: {v1:?}");
        let download = csv(&built, lang, "tal");
        assert!(download.contains("Barn i fosterheim;-;:;12"), "{download}");
        assert!(download.contains("Barn i institusjon;4;3;..."), "{download}");
        assert!(download.contains("Sum;4;..;.."), "{download}");
        assert!(download.contains(legend), "{download}");
    }
}

#[test]
fn a_site_may_choose_ssb_symbols_for_every_table() {
    let data = "title: A\ntables:\n  t:\n    kind: budget\n    columns: [A]\n    rows:\n      - label: r\n        values: [\"-\"]\n      - label: s\n        values: [5]\n      - label: Sum\n        total: true\n";
    let (_t, content) = site(&[
        ("site.yaml", &format!("{SITE_YAML}symbols: ssb\n")),
        ("testvik/municipality.yaml", MUNI_YAML),
        ("testvik/a/data.yaml", data),
        ("testvik/a/index.nn.md", "{{ table t }}\n"),
    ]);
    let (_tmp, built) = build(&content);
    let doc = page(&built, "nn");
    assert_eq!(row_cells(&doc, "t", "Sum"), ["5"], "nil counts as zero");
    assert!(doc.select(&sel("#table-t .symbol-legend")).next().is_some());
}

const ACCOUNTS: &str = "title: A
tables:
  drift:
    kind: budget
    unit: 1000 kr
    tolerance: \"0,1\"
    source: Årsmelding 2018
    source_url: https://www.example.no/arsmelding-2018.pdf
    source_date: 2019-03-15
    columns:
      - Regnskap
      - Budsjett
      - label: Avvik
        computed: { difference: [Budsjett, Regnskap] }
      - label: Forbruk i %
        unit: \"%\"
        in_sums: false
        computed: { percent: [Regnskap, Budsjett] }
    rows:
      - label: Sum
        total: below
        values: [5443, 5503, 60, \"98,9\"]
      - label: Barnehage
        values: [3000, 3003, 3, \"99,9\"]
        footnotes:
          - { column: Budsjett, text: { nn: Med tilleggsløyving, nb: Med tilleggsbevilgning } }
      - label: Skule
        values: [2443, 2500, 57, \"\"]
";

#[test]
fn columns_with_units_outside_the_sums_and_computed_are_verified() {
    let (_t, content) = area_site(ACCOUNTS, MUNI_YAML);
    let (code, out) = check(&content);
    assert_eq!(code, Some(0), "{out}");
    assert!(
        !out.contains("warning: the"),
        "a faithful table gives no warning: {out}"
    );
    let (_tmp, built) = build(&content);
    for lang in ["nn", "nb"] {
        let doc = page(&built, lang);
        assert_eq!(
            row_cells(&doc, "drift", "Sum"),
            [
                format!("5{NBSP}443"),
                format!("5{NBSP}503"),
                "60".into(),
                format!("98,9{NBSP}%")
            ],
            "sum first, percentages not summed"
        );
        let skule = row_cells(&doc, "drift", "Skule");
        assert_eq!(skule[3], format!("97,7{NBSP}%"), "left empty: computed");
        let download = csv(&built, lang, "drift");
        assert!(
            download.starts_with("(1000 kr);Regnskap;Budsjett;Avvik;Forbruk i %\r\n"),
            "{download}"
        );
        assert!(download.contains("Sum;5443;5503;60;98,9\r\n"), "{download}");
        assert!(download.contains("Skule;2443;2500;57;97,7\r\n"), "{download}");
    }
    // A wrong printed value in a computed column or a sum-first total.
    for (from, to, says) in [
        (
            "3000, 3003, 3,",
            "3000, 3003, 4,",
            "the value in row «Barnehage», column «Avvik» of table «drift» is 4, but «Budsjett» − «Regnskap» gives 3",
        ),
        (
            "\"99,9\"",
            "\"98,9\"",
            "column «Forbruk i %» of table «drift» is 98,9, but «Regnskap» / «Budsjett» × 100 gives 99,9",
        ),
        (
            "[5443, 5503",
            "[5444, 5503",
            "the sum in row «Sum», column «Regnskap» of table «drift» is 5444, but the rows add up to 5443",
        ),
    ] {
        let (_t2, bad) = area_site(&ACCOUNTS.replace(from, to), MUNI_YAML);
        let (code, out) = check(&bad);
        assert_eq!(code, Some(1), "{out}");
        assert!(out.contains(says), "{says}:\n{out}");
    }
}

#[test]
fn a_footnote_mark_on_a_cell_has_its_text_under_the_table() {
    let (_t, content) = area_site(ACCOUNTS, MUNI_YAML);
    let (_tmp, built) = build(&content);
    for (lang, text) in [("nn", "Med tilleggsløyving"), ("nb", "Med tilleggsbevilgning")] {
        let doc = page(&built, lang);
        let mark = doc
            .select(&sel("#table-drift td sup.footnote-ref a"))
            .next()
            .expect("mark on the cell");
        let href = mark.value().attr("href").unwrap();
        assert_eq!(href, "#table-drift-fn-1");
        assert_eq!(
            row_cells(&doc, "drift", "Barnehage")[1].replace("Fotnote ", ""),
            format!("3{NBSP}0031")
        );
        let note = doc.select(&sel("#table-drift-fn-1")).next().expect("footnote text");
        assert!(note.text().collect::<String>().contains(text), "{lang}");
        let download = csv(&built, lang, "drift");
        assert!(
            download.contains("Barnehage 1;3000;3003;3;99,9"),
            "numbers stay numbers: {download}"
        );
        assert!(
            download.contains(&format!("1;Barnehage / Budsjett;{text}")),
            "{download}"
        );
    }
}

#[test]
fn a_table_source_with_address_and_date_is_under_the_table_and_in_the_download() {
    let (_t, content) = area_site(ACCOUNTS, MUNI_YAML);
    let (_tmp, built) = build(&content);
    for (lang, word) in [("nn", "Kjelde"), ("nb", "Kilde")] {
        let doc = page(&built, lang);
        let source = doc.select(&sel("#table-drift .source")).next().unwrap();
        assert_eq!(
            source.text().collect::<String>(),
            format!("{word}: Årsmelding 2018 (15.03.2019)")
        );
        let a = source.select(&sel("a")).next().unwrap();
        assert_eq!(
            a.value().attr("href"),
            Some("https://www.example.no/arsmelding-2018.pdf")
        );
        assert!(csv(&built, lang, "drift").ends_with(&format!(
            "{word};Årsmelding 2018;https://www.example.no/arsmelding-2018.pdf;15.03.2019\r\n"
        )));
    }
}

#[test]
fn the_editor_sets_the_order_of_service_areas() {
    let (_t, content) = site(&[
        ("site.yaml", SITE_YAML),
        (
            "testvik/municipality.yaml",
            "name: Testvik\nlanguage: nn\norder: [oppvekst, okonomi]\n",
        ),
        ("testvik/okonomi/data.yaml", "title: Økonomi\n"),
        ("testvik/okonomi/index.nn.md", "Tekst.\n"),
        ("testvik/oppvekst/data.yaml", "title: Oppvekst\n"),
        ("testvik/oppvekst/index.nn.md", "Tekst.\n"),
        ("testvik/helse/data.yaml", "title: Helse\n"),
        ("testvik/helse/index.nn.md", "Tekst.\n"),
    ]);
    let (_tmp, built) = build(&content);
    for lang in ["nn", "nb"] {
        let html = std::fs::read_to_string(built.join(format!("{lang}/testvik/index.html"))).unwrap();
        let at = |slug: &str| {
            html.find(&format!("href=\"{slug}/index.html\""))
                .unwrap_or_else(|| panic!("{slug}: {html}"))
        };
        assert!(at("oppvekst") < at("okonomi"), "as ordered ({lang})");
        assert!(at("okonomi") < at("helse"), "the rest after, alphabetically ({lang})");
    }
    let (_t2, bad) = site(&[
        ("site.yaml", SITE_YAML),
        (
            "testvik/municipality.yaml",
            "name: Testvik\nlanguage: nn\norder: [opvekst]\n",
        ),
        ("testvik/oppvekst/data.yaml", "title: Oppvekst\n"),
    ]);
    let (code, out) = check(&bad);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("`order` names «opvekst», which is not a service area folder here"),
        "{out}"
    );
    assert!(out.contains("municipality.yaml:3:"), "{out}");
    assert!(out.contains("did you mean `oppvekst`?"), "{out}");
}

#[test]
fn an_overflowing_sum_is_a_located_error_never_a_wrapped_sum() {
    let mut data = String::from("title: A\ntables:\n  t:\n    kind: budget\n    columns: [A]\n    rows:\n");
    for _ in 0..200 {
        data.push_str("      - label: r\n        values: [\"999 999 999 999 999 999 999 999,999999999999\"]\n");
    }
    data.push_str("      - label: Sum\n        total: true\n");
    let (_t, content) = area_site(&data, MUNI_YAML);
    let (code, out) = check(&content);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("the sum in row «Sum», column «A» of table «t» is too large to compute exactly"),
        "{out}"
    );
    assert!(out.contains("data.yaml:407:"), "{out}");
}

#[test]
fn init_shows_each_kind_of_table() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ny");
    assert!(planvev(&["init", dir.to_str().unwrap()]).status.success());
    let content = dir.join("content");
    let (code, out) = check(&content);
    assert_eq!(code, Some(0), "{out}");
    assert!(!out.contains("error:"), "{out}");
    let (_t, built) = build(&content);
    for lang in ["nn", "nb"] {
        let doc = read_html(&built.join(format!("{lang}/eksempel/sosiale-tenester/index.html")));
        for kind in ["budget", "key-figures", "plain"] {
            assert!(
                doc.select(&sel(&format!("table.{kind}"))).next().is_some(),
                "{kind} ({lang})"
            );
        }
        assert!(doc.select(&sel(".symbol-legend")).next().is_some(), "symbols ({lang})");
        assert!(
            doc.select(&sel("sup.footnote-ref")).next().is_some(),
            "footnote ({lang})"
        );
        assert!(
            doc.select(&sel(".source a[href^='https://']")).next().is_some(),
            "source ({lang})"
        );
        assert!(
            doc.select(&sel("tbody tr.total:first-child")).next().is_some(),
            "sum first ({lang})"
        );
        let rekneskap =
            std::fs::read_to_string(built.join(format!("{lang}/eksempel/sosiale-tenester/rekneskap.csv"))).unwrap();
        assert!(
            rekneskap.contains(";4062;4536;474;89,6\r\n"),
            "computed where left empty: {rekneskap}"
        );
        assert!(built
            .join(format!("{lang}/eksempel/sosiale-tenester/brukarar-utvikling.csv"))
            .exists());
    }
}

#[test]
fn the_example_prints_bergens_shares_with_their_percent_sign_as_the_seed_does() {
    let (_t, built) = build(&example_content());
    for lang in ["nn", "nb"] {
        let doc = read_html(&built.join(format!("{lang}/bergen/sosiale-tjenester/index.html")));
        let cells = row_cells(&doc, "alder", "67 år og over");
        assert_eq!(
            cells,
            [
                "238",
                format!("3,1{NBSP}%").as_str(),
                "204",
                format!("2,9{NBSP}%").as_str()
            ]
        );
        let download =
            std::fs::read_to_string(built.join(format!("{lang}/bergen/sosiale-tjenester/alder.csv"))).unwrap();
        assert!(download.contains("67 år og over;238;3,1;204;2,9\r\n"), "{download}");
        // The seed prints «(2520 barn)*»: the star sits on that sum.
        let barn = row_cells(&doc, "forsorgerstatus-barn", "Barn i alt");
        assert!(
            barn[1].starts_with(&format!("2{NBSP}520")) && barn[1].ends_with('*'),
            "{barn:?}"
        );
        assert!(doc.select(&sel("#table-forsorgerstatus-barn-fn-1")).next().is_some());
    }
}

/// Bergen's table 5 prints «Uten forsørgeransvar» first, then the eight
/// rows of forsørgere and their subtotal, then the total of all rows.
#[test]
fn a_subtotal_of_the_rows_directly_above_is_verified_in_the_sources_order() {
    let data = |sub: &str, n: u32| {
        format!("title: A\ntables:\n  t:\n    kind: key-figures\n    columns: [\"2010\"]\n    rows:\n      - label: Uten\n        values: [5995]\n      - label: Ein\n        values: [674]\n      - label: To\n        values: [666]\n      - label: Forsørgere\n        total: {{ rows: {n} }}\n        values: [{sub}]\n      - label: Alle\n        total: true\n        values: [7335]\n")
    };
    let (_t, content) = area_site(&data("1340", 2), MUNI_YAML);
    let (_tmp, built) = build(&content);
    for lang in ["nn", "nb"] {
        let doc = page(&built, lang);
        assert_eq!(row_cells(&doc, "t", "Forsørgere"), [format!("1{NBSP}340")]);
    }
    let (_t4, empty) = area_site(&data("\"\"", 2), MUNI_YAML);
    let (_tmp4, built) = build(&empty);
    assert_eq!(
        row_cells(&page(&built, "nn"), "t", "Forsørgere"),
        [format!("1{NBSP}340")],
        "left empty: computed"
    );
    let (_t2, bad) = area_site(&data("1341", 2), MUNI_YAML);
    let (code, out) = check(&bad);
    assert_eq!(code, Some(1));
    assert!(
        out.contains("the sum in row «Forsørgere», column «2010» of table «t» is 1341, but the rows add up to 1340"),
        "{out}"
    );
    let (_t3, bad) = area_site(&data("1340", 4), MUNI_YAML);
    let (code, out) = check(&bad);
    assert_eq!(code, Some(1));
    assert!(
        out.contains("the total «Forsørgere» of table «t» sums the 4 rows above it, but only 3 come before it"),
        "{out}"
    );
    assert!(out.contains("data.yaml:13:"), "{out}");
}

#[test]
fn a_footnote_in_one_language_is_a_missing_translation_named_at_its_line() {
    let data = "title: A\ntables:\n  t:\n    kind: budget\n    columns: [A]\n    rows:\n      - label: r\n        values: [1]\n        footnotes:\n          - { column: A, text: { nn: Justert tal } }\n";
    let (_t, content) = area_site(data, MUNI_YAML);
    let (code, out) = check(&content);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("table «t» footnote has no translation into nb"), "{out}");
    assert!(out.contains("data.yaml:10:"), "{out}");
}

#[test]
fn the_split_decimal_scan_is_linear_in_the_size_of_the_file() {
    // Issue 11, item 24: `check` on a 1 MB data.yaml of unquoted integers
    // took 15–17 s, because the scan for `[4,2]` restarted for every value.
    // 2 MB here: linear work takes about a second of processor time, the
    // old scan about a minute, far over the limit.
    let mut data =
        String::from("title: Stor\ntables:\n  t:\n    kind: plain\n    columns: [A, B, C, D, E, F, G, H]\n    rows:\n");
    let mut i = 0;
    while data.len() < 2_000_000 {
        data.push_str(&format!(
            "      - {{ label: r{i}, values: [1, 22, 333, 4444, 55555, 6, 77, 888] }}\n"
        ));
        i += 1;
    }
    let (_t, root) = area_site(&data, MUNI_YAML);
    let o = planvev_cpu_limited(20, &["check", "--content", root.to_str().unwrap()]);
    let said = text(&o);
    assert!(o.status.success(), "{said}");
    assert!(said.contains("0 errors"), "{said}");
}
