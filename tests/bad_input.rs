//! Every broken site in tests/bad-input/ must give a located message that
//! names what is wrong, exit code 1, no panic, and leave a site built
//! before from good content byte for byte as it was.
//!
//! A case is `tests/bad-input/NAME/content/`, laid over `_base/` (a file
//! named `X.delete` removes X), and `expect`: `place FILE[:LINE[:COL]]` and
//! any number of `says TEXT` lines.

mod common;
use common::*;
use std::fs;
use std::path::{Path, PathBuf};

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad-input")
}

fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).into_iter().filter_map(|e| e.ok()) {
        let rel = e.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if e.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else if let Some(name) = target.to_str().and_then(|t| t.strip_suffix(".delete")) {
            let _ = fs::remove_file(name);
        } else {
            fs::create_dir_all(target.parent().unwrap()).unwrap();
            fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// Builds the good base site, breaks it with `breakage`, and checks what
/// `build` and `check` then say. Returns the messages.
fn run_case(name: &str, breakage: impl FnOnce(&Path), place: &str, says: &[String]) -> Result<(), String> {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let out = tmp.path().join("output");
    copy_tree(&cases_dir().join("_base"), &content);
    let build = [
        "build",
        "--content",
        content.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ];
    let first = planvev(&build);
    if !first.status.success() {
        return Err(format!("{name}: the base site does not build: {}", text(&first)));
    }
    let before = snapshot(&out);
    breakage(&content);
    for args in [&build[..], &["check", "--content", content.to_str().unwrap()][..]] {
        let o = planvev(args);
        let msg = text(&o);
        let cmd = args[0];
        if msg.contains("panicked") {
            return Err(format!("{name}: {cmd} panicked:\n{msg}"));
        }
        if o.status.code() != Some(1) {
            return Err(format!(
                "{name}: {cmd} exited with {:?}, not 1:\n{msg}",
                o.status.code()
            ));
        }
        if !msg.contains(place) {
            return Err(format!("{name}: {cmd} does not name the place {place}:\n{msg}"));
        }
        for s in says {
            if !msg.contains(s.as_str()) {
                return Err(format!("{name}: {cmd} does not say «{s}»:\n{msg}"));
            }
        }
    }
    if snapshot(&out) != before {
        return Err(format!("{name}: output/ changed after a failed build"));
    }
    Ok(())
}

/// The corpus's cases (folders not starting with `_`), sorted.
fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = fs::read_dir(cases_dir())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_dir() && !p.file_name().unwrap().to_string_lossy().starts_with('_'))
        .collect();
    cases.sort();
    cases
}

#[test]
fn every_broken_site_gets_a_located_message_and_leaves_output_alone() {
    let cases = cases();
    assert!(cases.len() >= 40, "only {} cases", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            let name = case.file_name().unwrap().to_string_lossy().to_string();
            let expect = fs::read_to_string(case.join("expect")).unwrap();
            let place = expect
                .lines()
                .find_map(|l| l.strip_prefix("place "))
                .unwrap()
                .to_string();
            let says: Vec<String> = expect
                .lines()
                .filter_map(|l| l.strip_prefix("says "))
                .map(String::from)
                .collect();
            let overlay = case.join("content");
            run_case(&name, |content| copy_tree(&overlay, content), &place, &says).err()
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

#[test]
fn a_50_mb_file_is_refused_quickly() {
    let r = run_case(
        "big-file",
        |c| {
            let f = fs::File::create(c.join("testvik/omrade/data.yaml")).unwrap();
            f.set_len(50 * 1024 * 1024).unwrap();
        },
        "data.yaml",
        &["50 MiB".into(), "too large".into()],
    );
    r.unwrap();
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_reported() {
    let r = run_case(
        "symlink-loop",
        |c| {
            fs::create_dir_all(c.join("assets")).unwrap();
            std::os::unix::fs::symlink(c.join("assets"), c.join("assets/loop")).unwrap();
        },
        "assets",
        &["loop".into()],
    );
    r.unwrap();
}

#[test]
fn bom_and_crlf_just_work() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_tree(&cases_dir().join("_base"), &content);
    for f in ["site.yaml", "testvik/omrade/data.yaml", "testvik/omrade/index.nn.md"] {
        let p = content.join(f);
        let s = fs::read_to_string(&p).unwrap().replace('\n', "\r\n");
        fs::write(&p, format!("\u{feff}{s}")).unwrap();
    }
    let (_t, out) = build(&content);
    let doc = read_html(&out.join("nn/testvik/omrade/index.html"));
    assert!(all_text(&doc).contains("25\u{a0}301"));
    assert_eq!(
        doc.select(&sel("h2#status")).count(),
        1,
        "front matter and headings read through CRLF"
    );
}

#[test]
fn text_that_tries_to_inject_html_comes_out_escaped() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_tree(&cases_dir().join("_base"), &content);
    let evil = "<script>alert('x')</script><img src=x onerror=alert(1)>";
    let data = fs::read_to_string(content.join("testvik/omrade/data.yaml")).unwrap();
    fs::write(
        content.join("testvik/omrade/data.yaml"),
        data.replace("title: { nn: Budsjett, nb: Budsjett }", &format!("title: \"{evil}\"")),
    )
    .unwrap();
    fs::write(
        content.join("testvik/omrade/index.nn.md"),
        format!("## Status\n\n{evil}\n\n<iframe src=\"https://example.com\"></iframe>\n\n[x](javascript:alert(1))\n"),
    )
    .unwrap();
    let (_t, out) = build(&content);
    for page in [
        "nn/testvik/omrade/index.html",
        "nb/testvik/omrade/index.html",
        "nn/testvik/print.html",
    ] {
        let html = fs::read_to_string(out.join(page)).unwrap();
        // The only scripts are the theme's own files.
        for (i, _) in html.match_indices("<script") {
            let tag = &html[i..i + html[i..].find('>').unwrap()];
            let own = (tag.starts_with("<script src=\"") && tag.contains("assets/tables.js\""))
                || (tag.starts_with("<script type=\"module\" src=\"") && tag.contains("assets/search.js\""));
            assert!(own, "{page}: {tag}");
        }
        assert!(!html.contains("<img src=x"), "{page}");
        assert!(!html.contains("<iframe"), "{page}");
        assert!(!html.contains("href=\"javascript:"), "{page}");
    }
    let html = fs::read_to_string(out.join("nn/testvik/omrade/index.html")).unwrap();
    assert!(html.contains("&lt;script&gt;"), "shown as text");
}

#[cfg(unix)]
#[test]
fn files_linked_from_outside_the_content_folder_are_not_published() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_tree(&cases_dir().join("_base"), &content);
    fs::write(tmp.path().join("secret.txt"), "private").unwrap();
    fs::create_dir_all(content.join("assets")).unwrap();
    std::os::unix::fs::symlink(tmp.path().join("secret.txt"), content.join("assets/secret.txt")).unwrap();
    std::os::unix::fs::symlink(tmp.path().join("secret.txt"), content.join("testvik/omrade/secret.txt")).unwrap();
    fs::write(content.join("assets/kart.txt"), "ok").unwrap();
    let out = tmp.path().join("output");
    let o = build_into(&content, &out);
    assert!(o.status.success(), "{}", text(&o));
    assert!(out.join("assets/kart.txt").is_file());
    assert!(!out.join("assets/secret.txt").exists());
    assert!(!out.join("nn/testvik/omrade/secret.txt").exists());
    let check = text(&check(&content));
    assert_eq!(check.matches("outside the content folder").count(), 2, "{check}");
}

/// Issue 11.8: a `csv:` source and an index.LANG.md that are links to a file
/// outside the content folder (/etc/passwd) were published as table rows and
/// page text. Every file planvev reads follows one rule: refused, as an
/// error naming the file, by check and build.
#[cfg(unix)]
#[test]
fn a_csv_source_or_a_text_linked_from_outside_is_refused() {
    let secret_dir = tempfile::tempdir().unwrap();
    let secret = secret_dir.path().join("passwd");
    fs::write(&secret, "root;x;0;0\nhemmeleg;x;1;1\n").unwrap();
    let link = |at: &Path| std::os::unix::fs::symlink(&secret, at).unwrap();
    run_case(
        "csv-link-outside",
        |c| {
            let data = c.join("testvik/omrade/data.yaml");
            let yaml = fs::read_to_string(&data).unwrap();
            let table =
                "  brukarar:\n    kind: plain\n    title: { nn: Brukarar, nb: Brukere }\n    csv: brukarar.csv\n";
            fs::write(&data, yaml.replacen("tables:\n", &format!("tables:\n{table}"), 1)).unwrap();
            link(&c.join("testvik/omrade/brukarar.csv"));
        },
        "testvik/omrade/brukarar.csv",
        &["outside the content folder".into()],
    )
    .unwrap();
    run_case(
        "index-link-outside",
        |c| {
            fs::remove_file(c.join("testvik/omrade/index.nb.md")).unwrap();
            link(&c.join("testvik/omrade/index.nb.md"));
        },
        "testvik/omrade/index.nb.md",
        &["outside the content folder".into()],
    )
    .unwrap();
}

/// Issue 11.7: a folder whose name is not UTF-8 (a Latin-1 `Bærum` from a
/// Windows zip): check passed, build failed naming a staging path, and
/// `check --format json` panicked. Now both name the folder as an error,
/// and the JSON is printed.
#[cfg(unix)]
#[test]
fn a_name_that_is_not_utf8_is_named_as_an_error() {
    use std::os::unix::ffi::OsStrExt;
    let latin1 = std::ffi::OsStr::from_bytes(b"B\xe6rum");
    let make = |c: &Path| {
        let dir = c.join("testvik").join(latin1);
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("data.yaml"), "title: Bærum\n").unwrap();
    };
    run_case("name-not-utf8", make, "testvik/B\\xE6rum", &["not UTF-8".into()]).unwrap();
    let asset = |c: &Path| {
        fs::create_dir_all(c.join("assets")).unwrap();
        fs::write(
            c.join("assets").join(std::ffi::OsStr::from_bytes(b"kart-B\xe6rum.pdf")),
            "%PDF",
        )
        .unwrap();
    };
    run_case(
        "asset-name-not-utf8",
        asset,
        "assets/kart-B\\xE6rum.pdf",
        &["not UTF-8".into()],
    )
    .unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_tree(&cases_dir().join("_base"), &content);
    make(&content);
    let o = check_with(&content, &["--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON on stdout");
    let problems = json["problems"].as_array().unwrap();
    assert!(
        problems
            .iter()
            .any(|p| p["file"].as_str().unwrap().ends_with("testvik/B\\xE6rum")
                && p["message"].as_str().unwrap().contains("not UTF-8")),
        "{json}"
    );
}

/// Issue 11.13: ESC and BEL from a YAML value or a folder name were printed
/// raw by check and build: a contributed file could retitle the terminal or
/// erase the error lines. Every message escapes control characters.
#[cfg(unix)]
#[test]
fn control_characters_in_messages_are_escaped() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_tree(&cases_dir().join("_base"), &content);
    let muni = content.join("testvik/municipality.yaml");
    let yaml = fs::read_to_string(&muni).unwrap();
    fs::write(&muni, format!("{yaml}order: [\"\\e]0;pwned\\a\\e[2J\"]\n")).unwrap();
    fs::create_dir_all(content.join("testvik/ny\u{1b}[1A\u{7}")).unwrap();
    fs::write(content.join("testvik/ny\u{1b}[1A\u{7}/data.yaml"), "title: X\n").unwrap();
    let out = tmp.path().join("out");
    for o in [check(&content), build_into(&content, &out)] {
        assert_eq!(o.status.code(), Some(1), "{}", text(&o));
        let all = [o.stdout.as_slice(), o.stderr.as_slice()].concat();
        assert!(!all.contains(&0x1b) && !all.contains(&0x07), "{}", text(&o));
        assert!(text(&o).contains("\\u{1b}]0;pwned\\u{7}"), "{}", text(&o));
        assert!(text(&o).contains("ny\\u{1b}[1A\\u{7}"), "{}", text(&o));
    }
}

/// Issue 11.12, on the command line: `--base-url` without a scheme.
#[test]
fn a_base_url_flag_without_a_scheme_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_tree(&cases_dir().join("_base"), &content);
    let out = tmp.path().join("out");
    let o = build_into_with(&content, &out, &["--base-url", "plan.klepp.kommune.no"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("https://plan.klepp.kommune.no"), "{}", text(&o));
    assert!(!out.exists());
}

/// `text` as Windows Notepad saves it: a BOM, and CRLF line endings.
fn windows_bytes(bytes: &[u8]) -> Vec<u8> {
    let mut out = b"\xef\xbb\xbf".to_vec();
    for &b in bytes {
        if b == b'\n' {
            out.push(b'\r');
        }
        out.push(b);
    }
    out
}

/// Every file of `dir` rewritten as Windows Notepad saves it.
fn to_windows(dir: &Path) {
    for e in walkdir::WalkDir::new(dir).into_iter().filter_map(|e| e.ok()) {
        let p = e.path();
        let text_file = ["yaml", "md", "csv"]
            .iter()
            .any(|x| p.extension().is_some_and(|e| e.eq_ignore_ascii_case(x)));
        if e.file_type().is_file() && text_file && fs::metadata(p).unwrap().len() < 1_000_000 {
            fs::write(p, windows_bytes(&fs::read(p).unwrap())).unwrap();
        }
    }
}

/// `check` on a case laid over the base, in a content folder at `content`.
fn check_case(case: &Path, content: &Path, windows: bool) -> String {
    copy_tree(&cases_dir().join("_base"), content);
    copy_tree(&case.join("content"), content);
    if windows {
        to_windows(content);
    }
    let o = check(content);
    text(&o).replace(content.to_str().unwrap(), "CONTENT")
}

/// Issue 14: files saved on Windows (CRLF, and a BOM from Notepad) give the
/// same messages as the same files with LF endings: the same file, line and
/// column, the same quoted source line and the caret under the same
/// character, for every case of the corpus.
#[test]
fn files_saved_on_windows_give_the_same_messages() {
    let cases = cases();
    let tmp = tempfile::tempdir().unwrap();
    let mut differ = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let lf = check_case(case, &tmp.path().join(format!("lf{i}")), false);
        let crlf = check_case(case, &tmp.path().join(format!("crlf{i}")), true);
        assert!(lf.contains("error"), "{}: {lf}", case.display());
        if lf != crlf {
            differ.push(format!("{}:\n--- LF\n{lf}\n--- CRLF\n{crlf}", case.display()));
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n\n"));
}

/// Adds table `kjelde`, whose values come from a file, to the base site.
fn add_source_table(c: &Path, spec: &str) {
    let data = c.join("testvik/omrade/data.yaml");
    let yaml = fs::read_to_string(&data).unwrap();
    let table = format!("  kjelde:\n    kind: budget\n{spec}");
    fs::write(&data, yaml.replacen("tables:\n", &format!("tables:\n{table}"), 1)).unwrap();
}

/// A finance-system export: the table at A3:D6 of sheet «Drift», after a
/// title row and a sheet «Forside»; `edit` breaks it.
fn budget_workbook(path: &Path, edit: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet()
        .set_name("Forside")
        .unwrap()
        .write(0, 0, "Budsjett")
        .unwrap();
    let ws = wb.add_worksheet().set_name("Drift").unwrap();
    ws.write(0, 0, "Driftsbudsjett").unwrap();
    let rows = [
        ["Tenesteområde", "R2015", "B2016", "B2017"],
        ["Helse og velferd", "25301", "29042", "26317"],
        ["Sentraladministrasjonen", "4062", "4536", "4817"],
        ["SUM", "29363", "33578", "31134"],
    ];
    for (i, r) in rows.iter().enumerate() {
        for (j, v) in r.iter().enumerate() {
            match v.parse::<f64>() {
                Ok(n) => ws.write(2 + i as u32, j as u16, n).unwrap(),
                Err(_) => ws.write(2 + i as u32, j as u16, *v).unwrap(),
            };
        }
    }
    edit(ws);
    wb.save(path).unwrap();
}

const SHEET: &str = "    spreadsheet: { file: budsjett.xlsx, sheet: Drift, range: \"A3:D6\" }\n";

/// Issue 14: every mistake in a workbook source names the file, the sheet
/// and the cell; none panics.
#[test]
fn spreadsheet_mistakes_name_the_file_sheet_and_cell() {
    type Edit = fn(&mut rust_xlsxwriter::Worksheet);
    let cases: Vec<(&str, String, Edit, Vec<&str>)> = vec![
        (
            "text-in-number",
            SHEET.to_string(),
            |ws| {
                ws.write(4, 2, "12 5").unwrap();
            },
            vec!["budsjett.xlsx, Drift!C5: «12 5» is not a number"],
        ),
        (
            "merged",
            SHEET.to_string(),
            |ws| {
                ws.merge_range(2, 2, 2, 3, "B2016–B2017", &rust_xlsxwriter::Format::new())
                    .unwrap();
            },
            vec!["budsjett.xlsx, Drift!C3:D3: the cells are merged", "Unmerge"],
        ),
        (
            "formula-without-result",
            SHEET.to_string(),
            |ws| {
                // As a program writes it: the formula, no result saved.
                ws.set_formula_result_default("");
                ws.write_formula(5, 3, "=SUM(D4:D5)").unwrap();
            },
            vec!["budsjett.xlsx, Drift!D6: the formula =SUM(D4:D5) has no saved result"],
        ),
        (
            "sheet-too-large",
            SHEET.replace(", range: \"A3:D6\"", ""),
            |ws| {
                ws.write(1_048_575, 16_383, 1.0).unwrap();
            },
            vec!["Drift!A1:XFD1048576: the sheet's data spans", "range:"],
        ),
        (
            "sum-mismatch",
            SHEET.to_string(),
            |ws| {
                ws.write(5, 3, 31135.0).unwrap();
            },
            vec!["budsjett.xlsx, Drift!D6:", "31135", "31134"],
        ),
    ];
    for (name, spec, edit, says) in cases {
        let says: Vec<String> = says.into_iter().map(String::from).collect();
        run_case(
            name,
            |c| {
                add_source_table(c, &spec);
                budget_workbook(&c.join("testvik/omrade/budsjett.xlsx"), edit);
            },
            "testvik/omrade/budsjett.xlsx",
            &says,
        )
        .unwrap();
    }
    run_case(
        "workbook-corrupt",
        |c| {
            add_source_table(c, SHEET);
            fs::write(c.join("testvik/omrade/budsjett.xlsx"), "PK\u{3}\u{4} not a workbook").unwrap();
        },
        "testvik/omrade/budsjett.xlsx",
        &["budsjett.xlsx could not be read as an Excel workbook".into()],
    )
    .unwrap();
    run_case(
        "workbook-missing",
        |c| {
            add_source_table(c, &SHEET.replace("budsjett.xlsx", "budsjet.xlsx"));
            budget_workbook(&c.join("testvik/omrade/budsjett.xlsx"), |_| {});
        },
        "testvik/omrade/data.yaml:5",
        &[
            "reads «budsjet.xlsx», but the file".into(),
            "is missing".into(),
            "did you mean «budsjett.xlsx»?".into(),
        ],
    )
    .unwrap();
}

/// Issue 14's review: a sheet or range the workbook does not have is a
/// mistake on the `sheet:` or `range:` of data.yaml, so it is reported at
/// that line and column, and the message names the workbook. In the table
/// `add_source_table` writes, `spreadsheet:` is line 5 of data.yaml.
#[test]
fn a_wrong_sheet_or_range_is_reported_at_its_line_of_data_yaml() {
    let xlsx = "    spreadsheet: { file: budsjett.xlsx, sheet: drift, range: \"A3:D6\" }\n";
    let ods = "    spreadsheet: { file: budsjett.ods, sheet: drift }\n";
    let cases: Vec<(&str, String, &str, Vec<&str>)> = vec![
        (
            "xlsx-sheet",
            xlsx.to_string(),
            "testvik/omrade/data.yaml:5:48",
            vec![
                "budsjett.xlsx has no sheet «drift»",
                "did you mean «Drift»?",
                "«Forside», «Drift»",
            ],
        ),
        (
            "xlsx-range-outside",
            xlsx.replace("drift", "Drift").replace("A3:D6", "A3:D40"),
            "testvik/omrade/data.yaml:5:62",
            vec![
                "budsjett.xlsx, Drift!A3:D40: the range reaches outside the data, which fills A1:D6",
                "range: A1:D6",
            ],
        ),
        (
            "xlsx-range-no-labels",
            xlsx.replace("drift", "Drift").replace("A3:D6", "B3:B6"),
            "testvik/omrade/data.yaml:5:62",
            vec!["budsjett.xlsx, Drift!B3:B6: the range needs a row of headings and a column of labels"],
        ),
        (
            "xlsx-range-not-a-range",
            xlsx.replace("drift", "Drift").replace("A3:D6", "A3-D6"),
            "testvik/omrade/data.yaml:5:62",
            vec!["budsjett.xlsx: «A3-D6» is not a cell range", "range: A3:E12"],
        ),
        (
            "ods-sheet",
            ods.to_string(),
            "testvik/omrade/data.yaml:5:47",
            vec!["budsjett.ods has no sheet «drift»", "did you mean «Drift»?"],
        ),
        (
            "ods-range-outside",
            ods.replace(" }", ", range: A1:Z99 }").replace("drift", "Drift"),
            "testvik/omrade/data.yaml:5:61",
            vec!["budsjett.ods, Drift!A1:Z99: the range reaches outside the data"],
        ),
    ];
    let ods_fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sources/budsjett.ods");
    let mut failed = Vec::new();
    for (name, spec, place, says) in cases {
        let says: Vec<String> = says.into_iter().map(String::from).collect();
        let run = run_case(
            name,
            |c| {
                add_source_table(c, &spec);
                budget_workbook(&c.join("testvik/omrade/budsjett.xlsx"), |_| {});
                fs::copy(&ods_fixture, c.join("testvik/omrade/budsjett.ods")).unwrap();
            },
            place,
            &says,
        );
        failed.extend(run.err());
    }
    assert!(failed.is_empty(), "{}", failed.join("\n\n"));
}

fn kostra() -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sources/kostra-12362.json")).unwrap()
}

const STAT: &str = "    json_stat:\n      file: kostra.json\n      rows: ContentsCode\n      columns: KOKkommuneregion0000\n      select: { Tid: [\"2023\"] }\n";

/// Issue 14: a JSON-stat file that does not hold together, and a table
/// that asks it for what it does not have, are located errors.
#[test]
fn json_stat_mistakes_are_located() {
    let cases: Vec<(&str, String, String, &str, Vec<&str>)> = vec![
        (
            "sizes-do-not-match-values",
            STAT.to_string(),
            kostra().replace("5.0, 5.4, ", "5.4, "),
            "testvik/omrade/kostra.json:33",
            vec!["kostra.json: it has 11 values, but its sizes 3 × 2 × 2 make 12"],
        ),
        (
            "not-json",
            STAT.to_string(),
            kostra().replace("\"size\": [3, 2, 2],", "\"size\": [3, 2, 2]"),
            "testvik/omrade/kostra.json:9",
            vec!["kostra.json is not JSON"],
        ),
        (
            "dimension-misspelt",
            STAT.replace("rows: ContentsCode", "rows: ContentCode"),
            kostra(),
            "testvik/omrade/data.yaml:7:13",
            vec![
                "kostra.json has no dimension «ContentCode» for the rows",
                "did you mean «ContentsCode»?",
            ],
        ),
        (
            "columns-misspelt",
            STAT.replace("columns: KOKkommuneregion0000", "columns: KOKkommuneregion"),
            kostra(),
            "testvik/omrade/data.yaml:8:16",
            vec!["kostra.json has no dimension «KOKkommuneregion» for the columns"],
        ),
        (
            "rows-and-columns-the-same",
            STAT.replace("columns: KOKkommuneregion0000", "columns: ContentsCode"),
            kostra(),
            "testvik/omrade/data.yaml:8:16",
            vec!["kostra.json: `rows` and `columns` name the same dimension"],
        ),
        (
            "select-no-dimension",
            STAT.replace(
                "select: { Tid: [\"2023\"] }",
                "select: { Tid: [\"2023\"], Aar: [\"2023\"] }",
            ),
            kostra(),
            "testvik/omrade/data.yaml:9:",
            vec!["`select` names «Aar», which is no dimension of kostra.json"],
        ),
        (
            "dimension-not-chosen",
            STAT.replace("      select: { Tid: [\"2023\"] }\n", ""),
            kostra(),
            "testvik/omrade/data.yaml",
            vec![
                "the dimension «Tid» (år) has 2 categories here",
                "select: { Tid: [\"2022\"] }",
            ],
        ),
        (
            "category-unknown",
            STAT.replace("2023", "2031"),
            kostra(),
            "testvik/omrade/data.yaml:9:",
            vec![
                "kostra.json: the dimension «Tid» has no category «2031»",
                "2022 (2022), 2023 (2023)",
            ],
        ),
    ];
    let mut failed = Vec::new();
    for (name, spec, json, place, says) in cases {
        let says: Vec<String> = says.into_iter().map(String::from).collect();
        let run = run_case(
            name,
            |c| {
                add_source_table(c, &spec);
                fs::write(c.join("testvik/omrade/kostra.json"), &json).unwrap();
            },
            place,
            &says,
        );
        failed.extend(run.err());
    }
    assert!(failed.is_empty(), "{}", failed.join("\n\n"));
}
