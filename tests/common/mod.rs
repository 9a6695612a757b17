//! Helpers shared by the integration tests: build a content folder into a
//! temp dir with the real binary, and read the HTML that comes out.
// Shared by several test (or example) binaries, each using a part.
#![allow(unreachable_pub, dead_code)]

pub mod serve;

use scraper::{Html, Selector};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn example_content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

pub fn planvev(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_planvev"))
        .args(args)
        .output()
        .expect("run planvev")
}

pub fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// `planvev check --content CONTENT`, run to the end.
pub fn check(content: &Path) -> Output {
    check_with(content, &[])
}

/// `planvev check --content CONTENT` and `more` arguments after it
/// (`--format json`, `--deny-warnings`).
pub fn check_with(content: &Path, more: &[&str]) -> Output {
    let mut args = vec!["check", "--content", content.to_str().unwrap()];
    args.extend(more);
    planvev(&args)
}

/// `planvev build --content CONTENT --output OUT`, run to the end.
pub fn build_into(content: &Path, out: &Path) -> Output {
    build_into_with(content, out, &[])
}

/// `planvev build --content CONTENT --output OUT` and `more` arguments
/// after it (`--base-url`).
pub fn build_into_with(content: &Path, out: &Path, more: &[&str]) -> Output {
    let mut args = vec![
        "build",
        "--content",
        content.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ];
    args.extend(more);
    planvev(&args)
}

/// Builds `content` into a fresh temp dir; panics with the messages if the
/// build fails.
pub fn build(content: &Path) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("output");
    let o = build_into(content, &out);
    assert!(o.status.success(), "build failed:\n{}", text(&o));
    (tmp, out)
}

/// Writes a content folder from (path, text) pairs into a temp dir.
pub fn site(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("content");
    for (rel, body) in files {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, body).unwrap();
    }
    (tmp, root)
}

/// A site of one municipality (Testvik) with one area, `testvik/a`, of
/// `data` (data.yaml) and the same `md` as its text in nn and nb.
pub fn one_area_site(data: &str, md: &str) -> (tempfile::TempDir, PathBuf) {
    site(&[
        ("site.yaml", SITE_YAML),
        ("testvik/municipality.yaml", MUNI_YAML),
        ("testvik/a/data.yaml", data),
        ("testvik/a/index.nn.md", md),
        ("testvik/a/index.nb.md", md),
    ])
}

pub fn read_html(path: &Path) -> Html {
    let s = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Html::parse_document(&s)
}

pub fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// Visible text of the whole document, whitespace as in the source.
pub fn all_text(doc: &Html) -> String {
    doc.root_element().text().collect::<Vec<_>>().join("")
}

pub fn html_files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.into_path())
        .collect()
}

pub const SITE_YAML: &str =
    "title: { nn: Testplan, nb: Testplan }\nlanguages: [nn, nb]\naccessibility_statement: https://uustatus.no/\n";
pub const MUNI_YAML: &str = "name: Testvik\nlanguage: nn\n";

/// Every file under `dir` (path relative to it, with `/` between folders,
/// and its bytes), sorted: to show that a failed build left a folder
/// exactly as it was, or to read what a build published.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap_or(e.path());
            (
                rel.to_string_lossy().replace('\\', "/"),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

/// Runs planvev with a limit on the processor time it may use (not wall
/// time, so a busy machine cannot fail the test): the limit is generous
/// for linear work and is reached only by quadratic or worse.
pub fn planvev_cpu_limited(secs: u32, args: &[&str]) -> std::process::Output {
    let o = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -t {secs}; exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_planvev"))
        .args(args)
        .output()
        .unwrap();
    use std::os::unix::process::ExitStatusExt;
    assert!(
        o.status.signal().is_none(),
        "stopped by {:?} after {secs} s of processor time: the work grows faster than the input",
        o.status.signal()
    );
    o
}
