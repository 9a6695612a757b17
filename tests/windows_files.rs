//! Issue 14: a plan edited on Windows builds the same site. Every YAML,
//! Markdown and CSV file of the example, saved with CRLF line endings and
//! a byte-order mark (as Windows Notepad writes them), gives the same
//! output, byte for byte, as the files with LF endings.

mod common;
use common::*;
use std::fs;
use std::path::Path;

/// Copies `from` to `to`, text files with a BOM and CRLF line endings.
/// Returns how many were converted.
fn copy_as_windows(from: &Path, to: &Path) -> usize {
    let mut converted = 0;
    for e in walkdir::WalkDir::new(from).into_iter().filter_map(|e| e.ok()) {
        let rel = e.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if e.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
            continue;
        }
        let bytes = fs::read(e.path()).unwrap();
        let text_file = ["yaml", "md", "csv"]
            .iter()
            .any(|x| e.path().extension().is_some_and(|e| e.eq_ignore_ascii_case(x)));
        if text_file && !bytes.contains(&b'\r') {
            let mut out = b"\xef\xbb\xbf".to_vec();
            for b in bytes {
                if b == b'\n' {
                    out.push(b'\r');
                }
                out.push(b);
            }
            fs::write(&target, out).unwrap();
            converted += 1;
        } else {
            fs::write(&target, bytes).unwrap();
        }
    }
    converted
}

#[test]
fn the_example_saved_on_windows_builds_byte_for_byte_the_same_site() {
    let tmp = tempfile::tempdir().unwrap();
    let windows = tmp.path().join("content");
    let converted = copy_as_windows(&example_content(), &windows);
    assert!(converted >= 20, "only {converted} files converted");
    let lf_out = tmp.path().join("lf");
    let crlf_out = tmp.path().join("crlf");
    for (content, out) in [(example_content(), &lf_out), (windows.clone(), &crlf_out)] {
        let o = build_into(&content, out);
        assert!(o.status.success(), "{}", text(&o));
    }
    let (lf, crlf) = (snapshot(&lf_out), snapshot(&crlf_out));
    assert!(lf.len() > 100, "{} files", lf.len());
    let names = |s: &[(String, Vec<u8>)]| s.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&lf), names(&crlf), "the same files");
    let differ: Vec<&String> = lf
        .iter()
        .zip(&crlf)
        .filter(|(a, b)| a.1 != b.1)
        .map(|(a, _)| &a.0)
        .collect();
    assert!(differ.is_empty(), "files that differ: {differ:?}");
    // `check` says the same, the places and quoted lines included.
    let check = |c: &Path| {
        let o = common::check(c);
        text(&o).replace(c.to_str().unwrap(), "CONTENT")
    };
    assert_eq!(check(&example_content()), check(&windows));
}
