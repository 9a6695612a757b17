//! `planvev check`: what it reports beyond what stops a build, how it
//! reports it, and its exit codes.

mod common;
use common::*;

fn site_with_warnings() -> (tempfile::TempDir, std::path::PathBuf) {
    site(&[
        ("site.yaml", "title: { nn: Testplan, nb: Testplan }\nlanguages: [nn, nb]\nbase_url: https://plan.example.no/\n"),
        ("testvik/municipality.yaml", MUNI_YAML),
        (
            "testvik/omrade/data.yaml",
            "title: { nn: Sosiale tenester }\ntables:\n  budsjett:\n    kind: budget\n    tolerance: 1\n    columns: [R2015]\n    rows:\n      - label: A\n        values: [10]\n      - label: SUM\n        total: true\n        values: [11]\n  plassert-ingen-stad:\n    kind: plain\n    columns: [X]\n    rows:\n      - label: Y\n        values: [tekst]\ngoals:\n  - goal: Mål utan tal\n    direction: higher\nseries:\n  brukarar:\n    points: { 2012: 1255 }\n",
        ),
        (
            "testvik/omrade/index.nn.md",
            "## Status\n\nSjå [barnevern](../barnevern/index.html), [mål](#finst-ikkje), ![kart](kart.png) og [status](#status).\n\n{{ table budsjett }}\n\n{{ goals }}\n",
        ),
        ("testvik/omrade/tiltak.nn.md", "Tiltak.\n"),
    ])
}

#[test]
fn reports_every_kind_of_warning_once_and_exits_0() {
    let (_t, content) = site_with_warnings();
    let o = check(&content);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(0), "warnings alone do not fail:\n{out}");
    let expected = [
        ("no accessibility statement", "site.yaml"),
        ("title has no translation into nb", "data.yaml:1:1"),
        ("missing translation: the text exists only in nn", "index.nb.md"),
        ("missing translation: the text exists only in nn", "tiltak.nb.md"),
        ("accepted through `tolerance`", "data.yaml:12"),
        (
            "table «plassert-ingen-stad» is placed by no directive",
            "data.yaml:13:1",
        ),
        ("series «brukarar» is placed by no directive", "data.yaml"),
        ("section «tiltak» is placed by no directive", "data.yaml"),
        ("goal «1» has no target, so its status cannot be computed", "data.yaml"),
        ("the link «../barnevern/index.html» leads to nothing", "index.nn.md:3:5"),
        (
            "the link «#finst-ikkje» names a heading that is not there",
            "index.nn.md:3",
        ),
        ("the image «kart.png» leads to nothing", "index.nn.md:3"),
        (
            "no `licence`: the data packages (ZIP) say that no licence is stated",
            "site.yaml",
        ),
    ];
    for (msg, place) in expected {
        let hits: Vec<&str> = out
            .split("\n\n")
            .filter(|b| b.contains(msg) && b.contains(place))
            .collect();
        assert_eq!(
            hits.len(),
            1,
            "«{msg}» at {place} should be reported exactly once:\n{out}"
        );
    }
    assert!(!out.contains("«#status»"), "a link to an existing heading is fine");
    assert!(out.contains("0 errors, 11 warnings, 2 infos"), "{out}");
    assert!(
        out.contains("info: the sum in row «SUM»"),
        "tolerance is recorded, not warned: {out}"
    );
}

#[test]
fn deny_warnings_fails_and_json_lists_the_same_problems() {
    let (_t, content) = site_with_warnings();
    let c = content.to_str().unwrap();
    assert_eq!(
        planvev(&["check", "--content", c, "--deny-warnings"]).status.code(),
        Some(1)
    );
    let o = planvev(&["check", "--content", c, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON on stdout");
    assert_eq!(v["errors"], 0);
    assert_eq!(v["warnings"], 11);
    let problems = v["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 13);
    let info = problems
        .iter()
        .find(|p| p["message"].as_str().unwrap().contains("tolerance"))
        .unwrap();
    assert_eq!(info["severity"], "info");
    assert_eq!(v["infos"], 2);
    assert_eq!(info["line"], 12);
    let link = problems
        .iter()
        .find(|p| p["message"].as_str().unwrap().contains("#finst-ikkje"))
        .unwrap();
    assert_eq!(link["severity"], "warning");
    assert_eq!(link["kind"], "link");
    assert_eq!(link["line"], 3);
    assert!(link["column"].as_u64().unwrap() > 1);
    assert!(link["hint"].as_str().unwrap().contains("finst-ikkje"));
}

#[test]
fn errors_and_warnings_are_kept_apart_and_all_errors_come_at_once() {
    let (_t, content) = site(&[
        ("site.yaml", SITE_YAML),
        ("testvik/municipality.yaml", MUNI_YAML),
        ("testvik/a/data.yaml", "title: A\ntables:\n  t:\n    kind: plain\n    columns: [X, Y]\n    rows:\n      - label: r\n        values: [1]\n"),
        ("testvik/b/data.yaml", "title: B\ntables:\n  t:\n    kind: key-figures\n    columns: [X]\n    rows:\n      - label: r\n        values: [\"1,2,3\"]\n"),
        ("testvik/c/data.yaml", "title: { nn: C }\n"),
        ("testvik/c/index.nn.md", "{{ table mangler }}\n"),
    ]);
    let o = check(&content);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(out.contains("3 errors"), "{out}");
    let first_warning = out.find("warning:").unwrap();
    let last_error = out.rfind("error:").unwrap();
    assert!(last_error < first_warning, "errors first, then warnings:\n{out}");
    for place in ["a/data.yaml:8", "b/data.yaml:8", "c/index.nn.md:1:1"] {
        assert!(out.contains(place), "{place}:\n{out}");
    }
}

#[test]
fn the_example_site_has_no_errors() {
    let o = check(&example_content());
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
}

#[test]
fn a_decimal_comma_split_by_yaml_is_an_error_with_both_fixes() {
    let (_t, content) = site(&[
        ("site.yaml", SITE_YAML),
        ("testvik/municipality.yaml", MUNI_YAML),
        (
            "testvik/a/data.yaml",
            "title: A\ntables:\n  t:\n    kind: key-figures\n    columns: [Klepp, Time, Hå]\n    rows:\n      - label: r\n        values: [4,2, 3]\n      - label: s\n        values: [110,0,0]\n      - label: u\n        values: [1 000, \"2,2\", 25301]\n",
        ),
    ]);
    let o = check(&content);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(1), "an error, not a warning: {out}");
    assert!(
        out.contains("error: «4,2» without quotes is read as two numbers, 4 and 2"),
        "{out}"
    );
    assert!(out.contains("data.yaml:8:18"), "{out}");
    assert!(
        out.contains("write \"4,2\" in quotes for a decimal number, or 4, 2 with a space"),
        "both fixes: {out}"
    );
    assert!(out.contains("«110,0,0» without quotes is read as 3 numbers"), "{out}");
    assert_eq!(
        out.matches("without quotes is read as").count(),
        2,
        "quoted and grouped are fine: {out}"
    );
}

#[test]
fn a_faithful_site_whose_sums_pass_through_tolerance_passes_deny_warnings() {
    let (_t, content) = site(&[
        ("site.yaml", "title: Plan\nlanguages: [nn]\nbase_url: https://plan.example.no/\naccessibility_statement: https://uustatus.no/nn/erklaringar/1\n"),
        ("testvik/municipality.yaml", MUNI_YAML),
        (
            "testvik/a/data.yaml",
            "title: A\ntables:\n  t:\n    kind: budget\n    tolerance: 1\n    columns: [R2015]\n    rows:\n      - label: A\n        values: [10]\n      - label: SUM\n        total: true\n        values: [11]\n",
        ),
        ("testvik/a/index.nn.md", "{{ table t }}\n"),
    ]);
    let o = check_with(&content, &["--deny-warnings"]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("info: the sum in row «SUM», column «R2015» of table «t» is 11, but the rows add up to 10; accepted through `tolerance`"), "{out}");
    assert!(out.contains("data.yaml:12"), "{out}");
}

#[test]
fn a_missing_data_file_is_told_apart_by_its_kind_not_its_words() {
    let (_t, content) = site(&[
        ("site.yaml", SITE_YAML),
        ("testvik/municipality.yaml", MUNI_YAML),
        ("testvik/omrade/index.nn.md", "## Status\n"),
    ]);
    let o = check_with(&content, &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON on stdout");
    let missing = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["kind"] == "file-missing")
        .expect("a file-missing problem");
    assert!(missing["file"].as_str().unwrap().ends_with("data.yaml"));
    assert!(
        missing["hint"].as_str().unwrap().contains("needs data.yaml"),
        "{missing}"
    );
}
