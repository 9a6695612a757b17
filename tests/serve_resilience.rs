//! `planvev serve` under what happens to a working folder and a process:
//! the content folder removed and put back, SIGTERM, a taken port, and
//! oversized requests. Every wait has a deadline.

use planvev::serve::{self, Options};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Long enough for a loaded two-core machine; a passing test never waits it out.
const DEADLINE: Duration = Duration::from_secs(20);
const AREA: &str = "/nn/testvik/skule/";

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/serve-site/content")
}

fn site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(&fixture(), &content);
    (tmp, content)
}

/// Sends `request` raw and reads the answer until the server closes.
fn raw(port: u16, request: &[u8]) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(DEADLINE)).unwrap();
    let _ = s.write_all(request);
    let mut bytes = Vec::new();
    let _ = s.read_to_end(&mut bytes);
    String::from_utf8_lossy(&bytes).into_owned()
}

fn get(port: u16, path: &str) -> String {
    raw(
        port,
        format!("GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").as_bytes(),
    )
}

fn until(what: &str, pred: impl Fn() -> bool) {
    let end = Instant::now() + DEADLINE;
    while !pred() {
        assert!(Instant::now() < end, "waited in vain for: {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_preview_recovers_when_the_content_folder_is_removed_and_put_back() {
    let (_tmp, content) = site();
    let h = serve::start(&Options::new(&content)).unwrap();
    assert!(get(h.port(), AREA).contains("gode resultat"));

    std::fs::remove_dir_all(&content).unwrap();
    until("the missing folder is reported", || !h.live().errors.is_empty());

    copy_dir(&fixture(), &content);
    until("the restored folder is built", || h.live().errors.is_empty());
    // The new folder is watched: a save there shows.
    let file = content.join("testvik/skule/index.nn.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("gode resultat", "framifrå resultat")).unwrap();
    until("a save in the restored folder shows", || {
        get(h.port(), AREA).contains("framifrå resultat")
    });
    h.stop();
}
