//! `build` writes only into folders it made itself, and replaces a site
//! only with a complete new one.

mod common;
use common::*;
use std::fs;
use std::path::Path;
use std::process::Command;

fn files_under(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().display().to_string(), fs::read(e.path()).unwrap()))
        .collect();
    v.sort();
    v
}

fn small_site() -> (tempfile::TempDir, std::path::PathBuf) {
    site(&[
        ("site.yaml", SITE_YAML),
        ("testvik/municipality.yaml", MUNI_YAML),
        ("testvik/omrade/data.yaml", "title: { nn: Område, nb: Område }\n"),
        ("testvik/omrade/index.nn.md", "## Status\n\nTekst.\n"),
    ])
}

#[test]
fn refuses_the_content_folder_itself_and_the_folder_holding_it() {
    let (tmp, content) = small_site();
    let before = files_under(tmp.path());
    for out in [content.clone(), tmp.path().to_path_buf(), content.join("testvik")] {
        let o = build_into(&content, &out);
        assert_eq!(o.status.code(), Some(1), "{}", text(&o));
        assert!(text(&o).contains("will not write the site here"), "{}", text(&o));
    }
    assert_eq!(before, files_under(tmp.path()), "nothing touched");
}

#[test]
fn refuses_dot_and_home_and_a_folder_of_someones_files() {
    let (tmp, content) = small_site();
    // `--output .` in a folder with someone's files.
    let work = tmp.path().join("work");
    fs::create_dir_all(&work).unwrap();
    fs::write(work.join("budsjett.xlsx"), b"not ours").unwrap();
    let run = |dir: &Path, out: &str, home: &Path| {
        Command::new(env!("CARGO_BIN_EXE_planvev"))
            .current_dir(dir)
            .env("HOME", home)
            .args(["build", "--content", content.to_str().unwrap(), "--output", out])
            .output()
            .unwrap()
    };
    let o = run(&work, ".", tmp.path());
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("did not write"), "{}", text(&o));
    // The home folder, even when empty of files planvev knows.
    let home = tmp.path().join("home");
    fs::create_dir_all(&home).unwrap();
    let o = run(&work, home.to_str().unwrap(), &home);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("home folder"), "{}", text(&o));
    assert_eq!(fs::read(work.join("budsjett.xlsx")).unwrap(), b"not ours");
    assert_eq!(fs::read_dir(&home).unwrap().count(), 0);
}

#[test]
fn rebuilds_its_own_folder_and_an_empty_one() {
    let (tmp, content) = small_site();
    let out = tmp.path().join("empty");
    fs::create_dir_all(&out).unwrap();
    let args = [
        "build",
        "--content",
        content.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ];
    assert!(planvev(&args).status.success());
    assert!(out.join(".planvev-output").is_file(), "marker left");
    fs::write(out.join("stale.html"), "old").unwrap();
    assert!(planvev(&args).status.success(), "its own folder is replaced");
    assert!(
        !out.join("stale.html").exists(),
        "the new site replaces the old one whole"
    );
    assert!(out.join("nn/testvik/omrade/index.html").is_file());
    // No staging folders are left beside it.
    let leftovers: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("planvev-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn a_rebuild_reuses_unchanged_files_and_writes_changed_ones() {
    let (tmp, content) = small_site();
    let out = tmp.path().join("output");
    let args = [
        "build",
        "--content",
        content.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ];
    assert!(planvev(&args).status.success());
    let page = out.join("nn/testvik/omrade/index.html");
    let front = out.join("nn/index.html");
    let front_before = fs::read(&front).unwrap();
    fs::write(content.join("testvik/omrade/index.nn.md"), "## Status\n\nNy tekst.\n").unwrap();
    assert!(planvev(&args).status.success());
    assert!(
        fs::read_to_string(&page).unwrap().contains("Ny tekst."),
        "the changed page is new"
    );
    assert_eq!(
        fs::read(&front).unwrap(),
        front_before,
        "the unchanged page is the same"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Unchanged files are linked from the last build, so only one name
        // is left once the old site is removed.
        assert_eq!(fs::metadata(&front).unwrap().nlink(), 1);
    }
}

#[test]
fn leftovers_of_a_killed_build_are_cleared_but_nothing_else() {
    let (tmp, content) = small_site();
    let out = tmp.path().join("output");
    let stale = tmp.path().join(".output.planvev-new-99999");
    fs::create_dir_all(stale.join("nn")).unwrap();
    fs::write(stale.join(".planvev-output"), "").unwrap();
    let theirs = tmp.path().join(".output.planvev-new-mine");
    fs::create_dir_all(&theirs).unwrap();
    fs::write(theirs.join("notes.txt"), "not planvev's").unwrap();
    let args = [
        "build",
        "--content",
        content.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ];
    assert!(planvev(&args).status.success());
    assert!(!stale.exists(), "a half-written site from a killed build is removed");
    assert!(
        theirs.join("notes.txt").is_file(),
        "a folder without the marker is left alone"
    );
}
