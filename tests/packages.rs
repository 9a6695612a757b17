//! Data packages: one ZIP per municipality and one for the whole site, per
//! language, holding every table and series as CSV and XLSX (the very bytes
//! the area pages link to) and a `datapackage.json` that validates against
//! the Data Package schema, names the licence or says there is none, and
//! describes each CSV's columns. Every number in a package's CSV is the
//! number its page's table shows. Identical builds give identical ZIPs.
//!
//! tests/schemas/data-package.json is the Data Package profile (JSON Schema
//! draft 4, "Data Package" v1) as the `frictionless` package on PyPI ships it:
//! frictionless-4.40.11, frictionless/assets/profiles/package/general.json
//! (`pip download --no-deps frictionless==4.40.11`), unchanged.

mod common;
use common::*;
use scraper::ElementRef;
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::Path;

/// Every entry of a ZIP: name → bytes.
fn entries(zip: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut a = zip::ZipArchive::new(Cursor::new(zip)).expect("a readable ZIP");
    (0..a.len())
        .map(|i| {
            let mut f = a.by_index(i).unwrap();
            let mut b = Vec::new();
            f.read_to_end(&mut b).unwrap();
            (f.name().unwrap().to_string(), b)
        })
        .collect()
}

/// The published CSV and XLSX files under `dir`, relative to it.
fn published(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    snapshot(dir)
        .into_iter()
        .filter(|(n, _)| n.ends_with(".csv") || n.ends_with(".xlsx"))
        .collect()
}

fn schema_errors(desc: &Value) -> Vec<String> {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/data-package.json"))
            .unwrap(),
    )
    .unwrap();
    let v = jsonschema::validator_for(&schema).expect("the vendored schema compiles");
    v.iter_errors(desc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// A number as the page prints it (`30 376`, `−9,6`, `24 %`, `2 520` and
/// a footnote mark after it) or the CSV writes it (`-9,6`); None for text,
/// symbols and missing values.
fn number(s: &str) -> Option<f64> {
    let lead: String = s
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2212}' | '-' | ','))
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .map(|c| match c {
            '\u{2212}' => '-',
            ',' => '.',
            c => c,
        })
        .collect();
    lead.parse().ok()
}

/// The table beside a download link: the nearest enclosing block that holds one.
fn table_of<'a>(doc: &'a scraper::Html, href: &str) -> Option<ElementRef<'a>> {
    let link = doc.select(&sel(&format!("a[href=\"{href}\"]"))).next()?;
    link.ancestors()
        .filter_map(ElementRef::wrap)
        .find_map(|e| e.select(&sel("table")).next())
}

/// Compares a package CSV with the table on its page; returns how many
/// numbers were compared.
fn compare(csv: &str, table: ElementRef, what: &str) -> usize {
    let lines: Vec<Vec<&str>> = csv
        .trim_start_matches('\u{feff}')
        .lines()
        .map(|l| l.split(';').collect())
        .collect();
    let rows: Vec<ElementRef> = table.select(&sel("tbody tr")).collect();
    assert!(lines.len() > rows.len(), "{what}: fewer CSV lines than table rows");
    let mut compared = 0;
    for (i, tr) in rows.iter().enumerate() {
        let tds: Vec<ElementRef> = tr.select(&sel("td")).collect();
        let line = &lines[i + 1];
        for (j, td) in tds.iter().enumerate() {
            // The number leads the cell; footnote marks and words for
            // screen readers come after it.
            let shown: String = td.text().collect();
            let in_csv = line.get(j + 1).copied().unwrap_or_default();
            match (number(in_csv), number(&shown)) {
                (Some(a), Some(b)) => {
                    assert!(
                        (a - b).abs() < 1e-9,
                        "{what} row {} column {}: CSV {in_csv}, page {shown}",
                        i + 1,
                        j + 1
                    );
                    compared += 1;
                }
                (None, None) => {}
                _ => panic!("{what} row {} column {}: CSV «{in_csv}», page «{shown}»", i + 1, j + 1),
            }
        }
    }
    compared
}

#[test]
fn example_packages_hold_every_download_and_a_valid_description() {
    let (_t, out) = build(&example_content());
    let mut numbers = 0;
    for lang in ["nn", "nb"] {
        let site_zip = std::fs::read(out.join(format!("{lang}/data-{lang}.zip"))).expect("the site's package");
        let site_entries = entries(&site_zip);
        let all = published(&out.join(lang));
        // The site's package: every download of the language, byte for byte.
        let mut in_site: Vec<_> = site_entries
            .keys()
            .filter(|k| *k != "datapackage.json")
            .cloned()
            .collect();
        in_site.sort();
        assert_eq!(
            in_site,
            all.keys().cloned().collect::<Vec<_>>(),
            "{lang}: site package entries"
        );
        for (k, b) in &all {
            assert!(
                site_entries[k] == *b,
                "{lang}/{k}: the package holds other bytes than the page links"
            );
        }
        let desc: Value = serde_json::from_slice(&site_entries["datapackage.json"]).unwrap();
        assert_eq!(
            schema_errors(&desc),
            Vec::<String>::new(),
            "{lang}: site datapackage.json"
        );
        assert!(desc.get("licenses").is_none(), "the example states no licence");
        assert!(desc["description"].as_str().unwrap().contains(if lang == "nn" {
            "ikkje oppgitt nokon lisens"
        } else {
            "ikke oppgitt noen lisens"
        }));
        let resources = desc["resources"].as_array().unwrap();
        assert_eq!(resources.len(), all.len(), "{lang}: one resource per file");
        for r in resources {
            let path = r["path"].as_str().unwrap();
            let bytes = site_entries
                .get(path)
                .unwrap_or_else(|| panic!("{path} is described but not in the ZIP"));
            assert_eq!(r["bytes"].as_u64(), Some(bytes.len() as u64), "{path}");
            if path.ends_with(".csv") {
                assert_eq!(r["mediatype"], "text/csv");
                let text = String::from_utf8(bytes.clone()).unwrap();
                let header: Vec<&str> = text
                    .trim_start_matches('\u{feff}')
                    .lines()
                    .next()
                    .unwrap()
                    .split(';')
                    .collect();
                let fields = r["schema"]["fields"].as_array().unwrap();
                assert_eq!(fields.len(), header.len(), "{path}: one field per column");
                for f in &fields[1..] {
                    assert!(
                        ["number", "string"].contains(&f["type"].as_str().unwrap()),
                        "{path}: {f}"
                    );
                }
                // The numbers are the page's.
                let (dir, file) = path.rsplit_once('/').unwrap();
                let page = read_html(&out.join(lang).join(dir).join("index.html"));
                let table = table_of(&page, file).unwrap_or_else(|| panic!("{lang}/{path}: no table beside its link"));
                numbers += compare(&text, table, &format!("{lang}/{path}"));
            } else {
                assert_eq!(
                    r["mediatype"],
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                );
            }
        }
        // Each municipality's package: its own downloads and description,
        // linked from its page with its size.
        for muni in ["bergen", "klepp", "sandnes", "stavanger"] {
            let name = format!("data-{muni}-{lang}.zip");
            let zip = std::fs::read(out.join(lang).join(muni).join(&name)).unwrap();
            let e = entries(&zip);
            let own = published(&out.join(lang).join(muni));
            let mut keys: Vec<_> = e.keys().filter(|k| *k != "datapackage.json").cloned().collect();
            keys.sort();
            assert_eq!(keys, own.keys().cloned().collect::<Vec<_>>(), "{muni}");
            let d: Value = serde_json::from_slice(&e["datapackage.json"]).unwrap();
            assert_eq!(schema_errors(&d), Vec::<String>::new(), "{muni} datapackage.json");
            assert_eq!(d["resources"].as_array().unwrap().len(), own.len());
            let page = read_html(&out.join(lang).join(muni).join("index.html"));
            let link = page
                .select(&sel(&format!("a[href=\"{name}\"]")))
                .next()
                .expect("a link to the package");
            let text: String = link.text().collect();
            let kb = zip.len().div_ceil(1000);
            let want = if lang == "nn" {
                "Last ned alle tal for"
            } else {
                "Last ned alle tall for"
            };
            assert!(
                text.starts_with(want) && text.ends_with(&format!("(ZIP, {kb}\u{a0}kB)")),
                "{text}"
            );
        }
        let front = read_html(&out.join(lang).join("index.html"));
        let link = front
            .select(&sel(&format!("a[href=\"data-{lang}.zip\"]")))
            .next()
            .expect("the front page links the site's package");
        let text: String = link.text().collect();
        assert!(
            text.ends_with(&format!("(ZIP, {}\u{a0}kB)", site_zip.len().div_ceil(1000))),
            "{text}"
        );
    }
    assert!(numbers > 500, "only {numbers} numbers compared");
}

#[test]
fn identical_builds_give_identical_packages() {
    let (_a, one) = build(&example_content());
    let (_b, two) = build(&example_content());
    for p in ["nn/data-nn.zip", "nb/klepp/data-klepp-nb.zip"] {
        assert!(
            std::fs::read(one.join(p)).unwrap() == std::fs::read(two.join(p)).unwrap(),
            "{p} differs between builds"
        );
    }
}

const DATA: &str = "title: A
tables:
  tal:
    kind: plain
    title: { nn: Nøkkeltal, nb: Nøkkeltall }
    unit: kr
    source: SSB
    source_url: https://www.ssb.no/kostra
    columns: [Klepp, Time]
    rows:
      - label: Netto driftsutgifter
        values: [\"1 234,5\", 12]
";

fn licensed(licence: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let md = "{{ table tal }}\n";
    site(&[
        ("site.yaml", &format!("{SITE_YAML}{licence}")),
        ("testvik/municipality.yaml", MUNI_YAML),
        ("testvik/a/data.yaml", DATA),
        ("testvik/a/index.nn.md", md),
        ("testvik/a/index.nb.md", md),
    ])
}

#[test]
fn a_stated_licence_is_named_in_the_package_and_on_the_page() {
    let (_t, content) = licensed("licence: NLOD-2.0\n");
    let (_o, out) = build(&content);
    let e = entries(&std::fs::read(out.join("nb/testvik/data-testvik-nb.zip")).unwrap());
    let d: Value = serde_json::from_slice(&e["datapackage.json"]).unwrap();
    assert_eq!(schema_errors(&d), Vec::<String>::new());
    assert_eq!(d["licenses"][0]["name"], "NLOD-2.0");
    assert_eq!(d["licenses"][0]["path"], "https://data.norge.no/nlod/no/2.0");
    assert_eq!(d["sources"][0]["title"], "SSB");
    assert_eq!(d["sources"][0]["path"], "https://www.ssb.no/kostra");
    let fields = &d["resources"][0]["schema"]["fields"];
    assert_eq!(fields[1]["name"], "Klepp");
    assert_eq!(fields[1]["type"], "number");
    assert_eq!(fields[1]["unit"], "kr");
    let csv = String::from_utf8(e["a/tal.csv"].clone()).unwrap();
    assert!(csv.contains("Netto driftsutgifter;1234,5;12"), "{csv}");
    let page = read_html(&out.join("nb/testvik/index.html"));
    let lic = page
        .select(&sel(".data-package a[href=\"https://data.norge.no/nlod/no/2.0\"]"))
        .next();
    assert!(lic.is_some(), "the municipality page names the licence");
    // No info about a missing licence once there is one.
    let o = check(&content);
    assert!(!text(&o).contains("no `licence`"), "{}", text(&o));
}

#[test]
fn a_missing_licence_is_an_info_and_an_unknown_one_a_located_error() {
    let (_t, content) = licensed("");
    let o = check(&content);
    let t = text(&o);
    assert!(
        t.contains("info: no `licence`") && t.contains("licence: NLOD-2.0"),
        "{t}"
    );
    let (_u, content) = licensed("licence: NLOD 2\n");
    let o = check(&content);
    let t = text(&o);
    assert!(!o.status.success(), "{t}");
    assert!(
        t.contains("site.yaml:4") && t.contains("did you mean `licence: NLOD-2.0`"),
        "{t}"
    );
}
