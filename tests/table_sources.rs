//! Tables whose values come from a file beside data.yaml: a sheet of an
//! XLSX workbook (written here with rust_xlsxwriter), of an ODS workbook
//! (tests/fixtures/sources/budsjett.ods, written by make-ods.py there), and
//! a JSON-stat 2.0 file in the shape SSB's PxWebApi v2 returns. Each is
//! built, and the numbers are read back from the page and the CSV download
//! in nynorsk and bokmål.

mod common;
use common::*;
use rust_xlsxwriter::{Formula, Workbook};
use std::path::{Path, PathBuf};

const NBSP: char = '\u{a0}';
const SITE: &str =
    "title: { nn: Testplan, nb: Testplan }\nlanguages: [nn, nb]\naccessibility_statement: https://uustatus.no/\n";
const MUNI: &str = "name: Testvik\nlanguage: nn\n";

fn area_site(data: &str) -> (tempfile::TempDir, PathBuf) {
    let md = "## Tal\n\n{{ table t }}\n";
    site(&[
        ("site.yaml", SITE),
        ("testvik/municipality.yaml", MUNI),
        ("testvik/a/data.yaml", data),
        ("testvik/a/index.nn.md", md),
        ("testvik/a/index.nb.md", md),
    ])
}

fn page(out: &Path, lang: &str) -> scraper::Html {
    read_html(&out.join(format!("{lang}/testvik/a/index.html")))
}

fn csv(out: &Path, lang: &str) -> String {
    let bytes = std::fs::read(out.join(format!("{lang}/testvik/a/t.csv"))).unwrap();
    String::from_utf8(bytes[3..].to_vec()).unwrap()
}

/// The text of each cell of the row whose header is `label`.
fn row_cells(doc: &scraper::Html, label: &str) -> Vec<String> {
    let (tr, th, td) = (sel("#table-t tr"), sel("th"), sel("td"));
    doc.select(&tr)
        .find(|r| {
            r.select(&th)
                .next()
                .is_some_and(|h| h.text().collect::<String>().trim() == label)
        })
        .unwrap_or_else(|| panic!("no row «{label}»"))
        .select(&td)
        .map(|c| c.text().collect::<String>().trim().to_string())
        .collect()
}

fn headings(doc: &scraper::Html) -> Vec<String> {
    doc.select(&sel("#table-t thead th"))
        .map(|c| c.text().collect::<String>().trim().to_string())
        .collect()
}

/// A finance-system export: a title row, then the table at A3:D6 of the
/// sheet «Drift», with the sum as a formula whose result Excel saved.
pub fn budget_xlsx(path: &Path) {
    let mut wb = Workbook::new();
    wb.add_worksheet()
        .set_name("Forside")
        .unwrap()
        .write(0, 0, "Budsjett 2017")
        .unwrap();
    let ws = wb.add_worksheet().set_name("Drift").unwrap();
    ws.write(0, 0, "Klepp kommune – driftsbudsjett").unwrap();
    let rows: [(&str, [f64; 3]); 2] = [
        ("Helse og velferd", [25301.0, 29042.0, 26317.0]),
        ("Sentraladministrasjonen", [4062.0, 4536.0, 4817.0]),
    ];
    for (j, h) in ["Tenesteområde", "R2015", "B2016", "B2017"].iter().enumerate() {
        ws.write(2, j as u16, *h).unwrap();
    }
    for (i, (label, values)) in rows.iter().enumerate() {
        ws.write(3 + i as u32, 0, *label).unwrap();
        for (j, v) in values.iter().enumerate() {
            ws.write(3 + i as u32, 1 + j as u16, *v).unwrap();
        }
    }
    ws.write(5, 0, "SUM").unwrap();
    for (j, col) in ["B", "C", "D"].iter().enumerate() {
        let sum: f64 = rows.iter().map(|r| r.1[j]).sum();
        let f = Formula::new(format!("=SUM({col}4:{col}5)")).set_result(sum.to_string());
        ws.write_formula(5, 1 + j as u16, f).unwrap();
    }
    wb.save(path).unwrap();
}

const BUDGET_FROM_SHEET: &str = "title: A
tables:
  t:
    kind: budget
    title: { nn: Budsjettfordeling, nb: Budsjettfordeling }
    unit: 1000 kr
    spreadsheet: { file: budsjett.xlsx, sheet: Drift, range: \"A3:D6\" }
";

fn check_budget(out: &Path) {
    for lang in ["nn", "nb"] {
        let doc = page(out, lang);
        assert_eq!(headings(&doc)[1..], ["R2015", "B2016", "B2017"], "{lang}");
        assert_eq!(
            row_cells(&doc, "Helse og velferd"),
            [format!("25{NBSP}301"), format!("29{NBSP}042"), format!("26{NBSP}317")],
            "{lang}"
        );
        assert_eq!(
            row_cells(&doc, "SUM"),
            [format!("29{NBSP}363"), format!("33{NBSP}578"), format!("31{NBSP}134")],
            "{lang}"
        );
        let csv = csv(out, lang);
        assert!(csv.contains("Sentraladministrasjonen;4062;4536;4817"), "{lang}: {csv}");
        assert!(csv.contains("SUM;29363;33578;31134"), "{lang}: {csv}");
    }
}

#[test]
fn a_budget_from_an_xlsx_sheet_and_range() {
    let (_t, content) = area_site(BUDGET_FROM_SHEET);
    budget_xlsx(&content.join("testvik/a/budsjett.xlsx"));
    let (_o, out) = build(&content);
    check_budget(&out);
    // The workbook is the table's source, not a file published beside the
    // page; the page's own Excel download is t.xlsx.
    assert!(!out.join("nn/testvik/a/budsjett.xlsx").exists());
    assert!(out.join("nn/testvik/a/t.xlsx").exists());
}

#[test]
fn a_budget_from_an_ods_sheet_whole() {
    let data = BUDGET_FROM_SHEET.replace(
        "{ file: budsjett.xlsx, sheet: Drift, range: \"A3:D6\" }",
        "{ file: budsjett.ods, sheet: Drift }",
    );
    let (_t, content) = area_site(&data);
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sources/budsjett.ods");
    std::fs::copy(fixture, content.join("testvik/a/budsjett.ods")).unwrap();
    let (_o, out) = build(&content);
    check_budget(&out);
    assert_eq!(
        page(&out, "nn")
            .select(&sel("#table-t thead th"))
            .next()
            .unwrap()
            .text()
            .collect::<String>()
            .trim(),
        "Tenesteområde",
        "the range's first cell heads the label column"
    );
}

/// An ODS workbook written here: `Drift` after a sheet `Notat`, with two
/// repeated empty rows and a repeated empty cell before the table (so the
/// merged area's place is counted through repeats), and the heading
/// «B2016–B2017» merged over two columns, as LibreOffice saves it.
fn ods_with_merged_heading(path: &Path) {
    use std::io::Write;
    let cell =
        |v: &str| format!("<table:table-cell office:value-type=\"string\"><text:p>{v}</text:p></table:table-cell>");
    let num = |v: u32| {
        format!("<table:table-cell office:value-type=\"float\" office:value=\"{v}\"><text:p>{v}</text:p></table:table-cell>")
    };
    let rows = [
        "<table:table-row table:number-rows-repeated=\"2\"><table:table-cell table:number-columns-repeated=\"4\"/></table:table-row>".to_string(),
        format!(
            "<table:table-row>{}{}<table:table-cell office:value-type=\"string\" table:number-columns-spanned=\"2\" table:number-rows-spanned=\"1\"><text:p>B2016–B2017</text:p></table:table-cell><table:covered-table-cell/></table:table-row>",
            cell("Tenesteområde"),
            cell("R2015")
        ),
        format!("<table:table-row>{}{}{}{}</table:table-row>", cell("Helse og velferd"), num(25301), num(29042), num(26317)),
    ];
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\"><office:body><office:spreadsheet><table:table table:name=\"Notat\"><table:table-row>{}</table:table-row></table:table><table:table table:name=\"Drift\">{}</table:table></office:spreadsheet></office:body></office:document-content>",
        cell("Frå økonomisystemet"),
        rows.join("")
    );
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\"><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/><manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>";
    let mut z = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default();
    z.start_file("mimetype", stored).unwrap();
    z.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
    z.start_file("META-INF/manifest.xml", deflated).unwrap();
    z.write_all(manifest.as_bytes()).unwrap();
    z.start_file("content.xml", deflated).unwrap();
    z.write_all(content.as_bytes()).unwrap();
    z.finish().unwrap();
}

/// Issue 14: merged cells in an ODS sheet are named as in an XLSX one
/// (calamine reports them only for XLSX; a merged heading would otherwise
/// read as a heading and an empty column).
#[test]
fn merged_cells_in_an_ods_sheet_are_named() {
    let data = BUDGET_FROM_SHEET.replace(
        "{ file: budsjett.xlsx, sheet: Drift, range: \"A3:D6\" }",
        "{ file: budsjett.ods, sheet: Drift }",
    );
    let (_t, content) = area_site(&data);
    ods_with_merged_heading(&content.join("testvik/a/budsjett.ods"));
    let o = check(&content);
    let said = text(&o);
    assert!(!o.status.success(), "{said}");
    assert!(
        said.contains("budsjett.ods, Drift!C3:D3: the cells are merged"),
        "{said}"
    );
}

/// KOSTRA key figures as SSB's PxWebApi v2 returns them with
/// outputformat=json-stat2 (table 12362, shortened): region × contents ×
/// year, a missing value with «..», a confidential one with «:», and one
/// value null with no status (tests/fixtures/sources/kostra-12362.json).
fn kostra() -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sources/kostra-12362.json");
    std::fs::read_to_string(p).unwrap()
}

const KEY_FIGURES: &str = "title: A
tables:
  t:
    kind: key-figures
    title: { nn: Nøkkeltal, nb: Nøkkeltall }
    json_stat:
      file: kostra-12362.json
      rows: ContentsCode
      columns: KOKkommuneregion0000
      select: { Tid: [\"2023\"] }
";

#[test]
fn kostra_figures_from_a_json_stat_file() {
    let (_t, content) = area_site(KEY_FIGURES);
    std::fs::write(content.join("testvik/a/kostra-12362.json"), kostra()).unwrap();
    let (_o, out) = build(&content);
    for (lang, source, missing) in [("nn", "Kjelde", "tal manglar"), ("nb", "Kilde", "tall mangler")] {
        let doc = page(&out, lang);
        assert_eq!(
            headings(&doc),
            ["statistikkvariabel", "Klepp", "Kostragruppe 07", "Stavanger"],
            "{lang}"
        );
        // 2023, with SSB's one decimal: «..» for Kostragruppe 07 kept with
        // its meaning, the confidential «:», and a null without status.
        let share = row_cells(&doc, "Del av sosialhjelpsmottakarar 18–24 år (prosent)");
        assert_eq!(share[0], "5,4", "{lang}: {share:?}");
        assert!(
            share[1].starts_with("..") && share[1].contains(missing),
            "{lang}: {share:?}"
        );
        assert_eq!(share[2], "6,3", "{lang}: {share:?}");
        let per = row_cells(&doc, "Mottakarar per 1000 innb. (personar)");
        assert_eq!(per[..2], ["2,2", "1,9"], "{lang}: {per:?}");
        assert!(per[2].starts_with(':'), "{lang}: {per:?}");
        let line = doc
            .select(&sel("#table-t-source, .source"))
            .map(|p| p.text().collect::<String>())
            .collect::<String>();
        assert!(
            line.contains(&format!("{source}: Statistisk sentralbyrå, tabell 12362 (14.06.2024)")),
            "{lang}: {line}"
        );
        let link = doc
            .select(&sel(".source a"))
            .next()
            .unwrap()
            .value()
            .attr("href")
            .unwrap()
            .to_string();
        assert_eq!(link, "https://www.ssb.no/statbank/table/12362");
        let csv = csv(&out, lang);
        assert!(csv.contains(";5,4;..;6,3"), "{lang}: {csv}");
        assert!(csv.contains(";2,2;1,9;:"), "{lang}: {csv}");
    }
    assert!(
        !out.join("nn/testvik/a/kostra-12362.json").exists(),
        "the source is not published"
    );
}

#[test]
fn json_stat_with_sparse_values_and_a_missing_row() {
    // The same figures, `value` as an object (positions as keys), 2022:
    // Stavanger's share has no value and no status, so it stays missing.
    let sparse = kostra().replace(
        "\"value\": [5.0, 5.4, 2.1, 2.2, 6.1, null, 1.8, 1.9, null, 6.3, 2.0, null]",
        "\"value\": { \"0\": 5.0, \"1\": 5.4, \"2\": 2.1, \"3\": 2.2, \"4\": 6.1, \"6\": 1.8, \"7\": 1.9, \"9\": 6.3, \"10\": 2.0 }",
    );
    let data = KEY_FIGURES.replace("rows: ContentsCode", "rows: Tid").replace(
        "select: { Tid: [\"2023\"] }",
        "select: { ContentsCode: [Del av sosialhjelpsmottakarar 18–24 år] }",
    );
    let (_t, content) = area_site(&data);
    std::fs::write(content.join("testvik/a/kostra-12362.json"), sparse).unwrap();
    let (_o, out) = build(&content);
    let csv = csv(&out, "nb");
    assert!(csv.contains("2022;5,0;6,1;.."), "{csv}");
    assert!(csv.contains("2023;5,4;..;6,3"), "{csv}");
}

/// Regnskap, Budsjett and Avvik as a finance system prints them; `avvik`
/// is the printed difference of the first row.
fn accounts_xlsx(path: &Path, avvik: f64) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Drift").unwrap();
    ws.write_row(0, 0, ["Eining", "Regnskap", "Budsjett", "Avvik"]).unwrap();
    ws.write(1, 0, "Barnehage").unwrap();
    ws.write_row(1, 1, [3000.0, 3003.0, avvik]).unwrap();
    ws.write(2, 0, "Skule").unwrap();
    ws.write_row(2, 1, [2443.0, 2500.0, 57.0]).unwrap();
    wb.save(path).unwrap();
}

const ACCOUNTS: &str = "title: A
tables:
  t:
    kind: budget
    spreadsheet: { file: rekneskap.xlsx }
    columns:
      - Regnskap
      - Budsjett
      - label: Avvik
        computed: { difference: [Budsjett, Regnskap] }
";

#[test]
fn columns_written_in_data_yaml_compute_and_check_a_sheets_column() {
    let (_t, content) = area_site(ACCOUNTS);
    let book = content.join("testvik/a/rekneskap.xlsx");
    accounts_xlsx(&book, 3.0);
    let (_o, out) = build(&content);
    assert_eq!(
        row_cells(&page(&out, "nb"), "Barnehage"),
        [format!("3{NBSP}000"), format!("3{NBSP}003"), "3".into()]
    );
    // A printed Avvik that is not Budsjett − Regnskap names its cell.
    accounts_xlsx(&book, 4.0);
    let o = check(&content);
    let msg = text(&o);
    assert_eq!(o.status.code(), Some(1), "{msg}");
    assert!(msg.contains("rekneskap.xlsx, Drift!D2:"), "{msg}");
    // One heading too many for the sheet's three columns of values.
    let extra = ACCOUNTS.replace("      - Regnskap\n", "      - Regnskap\n      - Prognose\n");
    std::fs::write(content.join("testvik/a/data.yaml"), extra).unwrap();
    accounts_xlsx(&book, 3.0);
    let msg = text(&check(&content));
    assert!(
        msg.contains("table «t» lists 4 columns, but its source file has 3"),
        "{msg}"
    );
}

#[test]
fn a_footnote_on_a_cell_of_a_sheet_names_its_row_by_label() {
    let data = format!(
        "{BUDGET_FROM_SHEET}    footnotes:\n      - {{ row: Helse og velferd, column: B2017, text: {{ nn: Med tilleggsløyving, nb: Med tilleggsbevilgning }} }}\n"
    );
    let (_t, content) = area_site(&data);
    budget_xlsx(&content.join("testvik/a/budsjett.xlsx"));
    let (_o, out) = build(&content);
    for (lang, text) in [("nn", "Med tilleggsløyving"), ("nb", "Med tilleggsbevilgning")] {
        let doc = page(&out, lang);
        let mark = doc
            .select(&sel("#table-t td sup.footnote-ref a"))
            .next()
            .expect("mark on the cell");
        assert_eq!(mark.value().attr("href"), Some("#table-t-fn-1"));
        let cells = row_cells(&doc, "Helse og velferd");
        assert!(cells[2].starts_with(&format!("26{NBSP}317")), "{lang}: {cells:?}");
        let note = doc.select(&sel("#table-t-fn-1")).next().expect("footnote text");
        assert!(note.text().collect::<String>().contains(text), "{lang}");
        assert!(
            csv(&out, lang).contains(&format!("1;Helse og velferd / B2017;{text}")),
            "{lang}"
        );
    }
    // A row the sheet does not have is named, with the rows it has.
    std::fs::write(
        content.join("testvik/a/data.yaml"),
        data.replace("row: Helse og velferd", "row: Helse"),
    )
    .unwrap();
    let msg = text(&check(&content));
    assert!(
        msg.contains("the footnote names the row «Helse», which table «t» does not have"),
        "{msg}"
    );
    assert!(
        msg.contains("«Helse og velferd», «Sentraladministrasjonen», «SUM»"),
        "{msg}"
    );
}

#[test]
fn a_csv_saved_from_excel_in_the_windows_code_page_is_named_with_the_excel_fix() {
    let (_t, content) = area_site("title: T\ntables:\n  t:\n    kind: plain\n    csv: t.csv\n");
    // «Område» in Windows-1252, as Excel's plain «CSV» type saves it.
    std::fs::write(content.join("testvik/a/t.csv"), b"Omr\xe5de;2017\nHelse;12\n").unwrap();
    let o = check(&content);
    let msg = text(&o);
    assert_eq!(o.status.code(), Some(1), "{msg}");
    assert!(msg.contains("t.csv:1:4"), "{msg}");
    assert!(msg.contains("the file is not UTF-8 text"), "{msg}");
    assert!(
        msg.contains("in Excel, Save as… with the file type «CSV UTF-8»"),
        "{msg}"
    );
    // Other files keep the general advice.
    std::fs::write(content.join("testvik/a/index.nn.md"), b"## Omr\xe5de\n").unwrap();
    let msg = text(&check(&content));
    assert!(msg.contains("in most editors: Save as… → Encoding: UTF-8"), "{msg}");
}
