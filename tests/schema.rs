//! `planvev schema`: the JSON Schemas an editor such as VS Code uses while
//! the plan editor types. Every YAML file planvev ships or makes (the
//! example site, `init`'s site, `new`'s files, the test fixtures) is valid
//! by them, the mistakes a schema can see (an unknown key, a wrong kind of
//! value, a missing key) are refused by them, and the files `init` and `new`
//! write name their schema on the first line by a path that resolves.

mod common;
use common::*;
use jsonschema::Validator;
use planvev::content::schema::SchemaFile;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The three schemas as `planvev schema KIND` prints them.
fn validators() -> BTreeMap<&'static str, Validator> {
    SchemaFile::ALL
        .into_iter()
        .map(|k| {
            let kind = k.json_name().trim_end_matches(".json");
            let o = planvev(&["schema", kind]);
            assert!(o.status.success(), "{}", text(&o));
            let schema: serde_json::Value = serde_json::from_slice(&o.stdout).expect("the schema is JSON");
            let v = jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{kind}: {e}"));
            (k.yaml_name(), v)
        })
        .collect()
}

/// The YAML read by the loader's own parser, as JSON.
fn as_json(path: &Path) -> Option<serde_json::Value> {
    let text = fs::read_to_string(path).unwrap();
    planvev::yaml::parse::<serde_json::Value>(&text, path, 0).ok()
}

/// The schema's complaints about `path` (empty: valid).
fn problems(validators: &BTreeMap<&str, Validator>, path: &Path) -> Vec<String> {
    let name = path.file_name().unwrap().to_str().unwrap();
    let v = &validators[name];
    let json = as_json(path).unwrap_or_else(|| panic!("{} does not parse", path.display()));
    v.iter_errors(&json)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// site.yaml, municipality.yaml and data.yaml files under `dir`.
fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .map(|e| e.into_path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| SchemaFile::for_name(n).is_some())
        })
        .collect();
    out.sort();
    out
}

fn assert_all_valid(validators: &BTreeMap<&str, Validator>, files: &[PathBuf]) {
    let bad: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let p = problems(validators, f);
            (!p.is_empty()).then(|| format!("{}:\n  {}", f.display(), p.join("\n  ")))
        })
        .collect();
    assert!(bad.is_empty(), "files the schema refuses:\n{}", bad.join("\n"));
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

#[test]
fn the_example_and_the_fixtures_are_valid() {
    let v = validators();
    let mut files = yaml_files(&example_content());
    assert!(files.len() >= 10, "{files:?}");
    files.extend(yaml_files(&root().join("tests/fixtures")));
    files.extend(yaml_files(&root().join("tests/bad-input/_base")));
    assert_all_valid(&v, &files);
}

/// The first line of a file `init` or `new` wrote names a schema file that
/// exists, relative to the file, and holds what `planvev schema` prints.
fn assert_modeline(path: &Path) {
    let text = fs::read_to_string(path).unwrap();
    let first = text.lines().next().unwrap();
    let rel = first
        .strip_prefix("# yaml-language-server: $schema=")
        .unwrap_or_else(|| panic!("{}: first line {first:?}", path.display()));
    let schema_file = path.parent().unwrap().join(rel);
    let written = fs::read_to_string(&schema_file).unwrap_or_else(|e| panic!("{}: {e}", schema_file.display()));
    let kind = SchemaFile::for_name(path.file_name().unwrap().to_str().unwrap()).unwrap();
    let printed = planvev(&["schema", kind.json_name().trim_end_matches(".json")]);
    assert_eq!(
        written.as_bytes(),
        printed.stdout.as_slice(),
        "{}",
        schema_file.display()
    );
}

#[test]
fn init_and_new_write_valid_files_that_name_their_schema() {
    let v = validators();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("nettstad");
    assert!(planvev(&["init", dir.to_str().unwrap()]).status.success());
    let content = dir.join("content");
    let c = content.to_str().unwrap();
    for args in [
        &["new", "municipality", "Hå", "--content", c][..],
        &["new", "municipality", "Bø", "--language", "nb", "--content", c][..],
        &["new", "area", "ha", "Sosiale tenester", "--content", c][..],
        &["new", "area", "bo", "Helse", "--content", c][..],
    ] {
        let o = planvev(args);
        assert!(o.status.success(), "{}", text(&o));
    }
    let files = yaml_files(&content);
    assert_eq!(files.len(), 7, "{files:?}");
    assert_all_valid(&v, &files);
    for f in &files {
        assert_modeline(f);
    }
    // The schema folder is not a municipality: the site still builds.
    let (_o, out) = build(&content);
    assert!(out.join("nn/ha/sosiale-tenester/index.html").is_file());
    assert!(!out.join("nn/.schema").exists());
}

#[test]
fn schema_write_refreshes_the_schemas_of_an_older_site() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    fs::create_dir_all(content.join(".schema")).unwrap();
    fs::write(content.join("site.yaml"), "title: Plan\n").unwrap();
    fs::write(content.join(".schema/data.json"), "{}").unwrap();
    let o = planvev(&["schema", "--write", "--content", content.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
    for kind in SchemaFile::ALL {
        let written = fs::read(content.join(".schema").join(kind.json_name())).unwrap();
        let printed = planvev(&["schema", kind.json_name().trim_end_matches(".json")]).stdout;
        assert_eq!(written, printed, "{}", kind.json_name());
    }
    let o = planvev(&["schema", "--write", "--content", tmp.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "no site.yaml there: {}", text(&o));
    assert!(text(&o).contains("no site.yaml"), "{}", text(&o));
}

/// Cases in tests/bad-input whose mistake is in the file's shape: a key the
/// file may not have, a value of the wrong kind, or a missing key. The
/// others (a sum that does not add up, a text that is not a number) need
/// planvev itself.
const STRUCTURAL: &[&str] = &[
    "baseline-decimal-split-in-braces",
    "column-unknown-key",
    "goal-direction-unknown",
    "goal-unknown-key",
    "goal-year-not-a-year",
    "language-code-invalid",
    "table-kind-misspelt",
    "table-unknown-key",
    "text-map-bad-language",
    "wrong-type-boolean-value",
    "wrong-type-title-list",
    "wrong-type-values-scalar",
    "yaml-key-indented-into-text",
];

#[test]
fn structural_mistakes_are_refused_by_the_schema() {
    let v = validators();
    let cases = root().join("tests/bad-input");
    let mut missed = Vec::new();
    for case in STRUCTURAL {
        let files = yaml_files(&cases.join(case).join("content"));
        assert!(!files.is_empty(), "{case} has no YAML file");
        if files.iter().all(|f| problems(&v, f).is_empty()) {
            missed.push(*case);
        }
    }
    assert!(missed.is_empty(), "the schema accepts {missed:?}");
}

/// A missing required key: site.yaml without `title`.
#[test]
fn a_missing_key_is_refused() {
    let v = validators();
    let (_t, content) = site(&[
        ("site.yaml", "languages: [nn, nb]\n"),
        ("a/municipality.yaml", "language: nn\n"),
        ("a/b/data.yaml", "tables: { t: { title: T } }\n"),
    ]);
    for f in yaml_files(&content) {
        let p = problems(&v, &f);
        assert!(p.iter().any(|m| m.contains("required")), "{}: {p:?}", f.display());
    }
}
