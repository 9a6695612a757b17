//! XLSX beside every CSV: read back with calamine, numbers are numbers
//! (percentages as fractions), symbols and missing values text as printed,
//! and caption, unit, source, notes and the page's address are in the sheet.
//! The page links each download by table, format and size.

mod common;
use calamine::{open_workbook, Data, Reader, Xlsx};
use common::*;
use std::path::Path;

const DATA: &str = "title: A
tables:
  tal:
    kind: key-figures
    title: { nn: Nøkkeltal, nb: Nøkkeltall }
    symbols: ssb
    unit: kr
    source: SSB
    notes: Tala er avrunda.
    columns: [Klepp, Time, Hå]
    rows:
      - label: Barn i fosterheim
        values: [\"1 234\", \":\", \"-12,5\"]
      - label: Del
        unit: \"%\"
        values: [\"5,4\", \"..\", 12]
series:
  brukarar:
    title: { nn: Brukarar, nb: Brukere }
    unit: brukarar
    points: { 2012: 1255, 2013: \"-\", 2014: 1568 }
";

fn built() -> (tempfile::TempDir, tempfile::TempDir, std::path::PathBuf) {
    let md = "{{ table tal }}\n\n{{ chart brukarar }}\n";
    let (t, content) = site(&[
        ("site.yaml", &format!("{SITE_YAML}base_url: https://plan.example.no/\n")),
        ("testvik/municipality.yaml", MUNI_YAML),
        ("testvik/a/data.yaml", DATA),
        ("testvik/a/index.nn.md", md),
        ("testvik/a/index.nb.md", md),
    ]);
    let (o, out) = build(&content);
    (t, o, out)
}

fn sheet(path: &Path) -> Vec<Vec<Data>> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let range = wb.worksheet_range_at(0).unwrap().unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

fn row_of<'a>(rows: &'a [Vec<Data>], first: &str) -> &'a [Data] {
    rows.iter()
        .find(|r| r.first().is_some_and(|c| *c == *first))
        .unwrap_or_else(|| panic!("no row «{first}» in {rows:?}"))
}

#[test]
fn a_table_in_excel_has_numbers_symbols_as_printed_and_says_where_it_is_from() {
    let (_t, _o, out) = built();
    let rows = sheet(&out.join("nn/testvik/a/tal.xlsx"));
    assert_eq!(rows[0][0], Data::String("Nøkkeltal".into()));
    assert!(
        rows.iter()
            .any(|r| r.first() == Some(&Data::String("Eining: kr".into()))),
        "{rows:?}"
    );
    let r = row_of(&rows, "Barn i fosterheim");
    assert_eq!(r[1], Data::Float(1234.0));
    assert_eq!(r[2], Data::String(":".into()));
    assert_eq!(r[3], Data::Float(-12.5));
    // A percentage is a percentage: 5,4 % is 0,054 shown with a % format.
    let r = row_of(&rows, "Del (%)");
    assert!(matches!(r[1], Data::Float(f) if (f - 0.054).abs() < 1e-12), "{r:?}");
    assert_eq!(r[2], Data::String("..".into()));
    assert!(matches!(r[3], Data::Float(f) if (f - 0.12).abs() < 1e-12), "{r:?}");
    assert_eq!(row_of(&rows, "Kjelde")[1], Data::String("SSB".into()));
    assert_eq!(row_of(&rows, "Merknad")[1], Data::String("Tala er avrunda.".into()));
    assert_eq!(
        row_of(&rows, "Nettside")[1],
        Data::String("https://plan.example.no/nn/testvik/a/".into())
    );
    // Bokmål gets its own sheet.
    let nb = sheet(&out.join("nb/testvik/a/tal.xlsx"));
    assert_eq!(nb[0][0], Data::String("Nøkkeltall".into()));
    assert!(
        nb.iter().any(|r| r.first() == Some(&Data::String("Enhet: kr".into()))),
        "{nb:?}"
    );
}

#[test]
fn a_series_in_excel_keeps_its_gap_as_printed() {
    let (_t, _o, out) = built();
    let rows = sheet(&out.join("nn/testvik/a/brukarar.xlsx"));
    assert_eq!(rows[0][0], Data::String("Brukarar".into()));
    assert!(
        rows.iter().any(|r| r.first() == Some(&Data::String("År".into()))),
        "{rows:?}"
    );
    assert_eq!(row_of(&rows, "2012")[1], Data::Float(1255.0));
    assert_eq!(row_of(&rows, "2013")[1], Data::String("-".into()));
}

#[test]
fn download_links_name_the_table_the_format_and_the_size() {
    let (_t, _o, out) = built();
    for (lang, name) in [("nn", "Nøkkeltal"), ("nb", "Nøkkeltall")] {
        let doc = read_html(&out.join(format!("{lang}/testvik/a/index.html")));
        let links: Vec<(String, String)> = doc
            .select(&sel("#table-tal .download a"))
            .map(|a| (a.value().attr("href").unwrap().to_string(), a.text().collect()))
            .collect();
        assert_eq!(links.len(), 2, "{links:?}");
        assert_eq!(links[0].0, "tal.csv");
        assert_eq!(links[1].0, "tal.xlsx");
        let size = std::fs::metadata(out.join(format!("{lang}/testvik/a/tal.xlsx")))
            .unwrap()
            .len();
        let kb = size.div_ceil(1000);
        assert_eq!(links[1].1, format!("Last ned «{name}» som Excel ({kb}\u{a0}kB)"));
        assert!(
            links[0].1.starts_with(&format!("Last ned «{name}» som CSV (")),
            "{links:?}"
        );
    }
}

#[test]
fn the_same_content_gives_the_same_workbook() {
    let (_t, _o, a) = built();
    let (_t2, _o2, b) = built();
    let read = |d: &Path| std::fs::read(d.join("nn/testvik/a/tal.xlsx")).unwrap();
    assert_eq!(read(&a), read(&b));
}
