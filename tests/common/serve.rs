//! Helpers for the tests of `planvev serve`: the fixture site, a browser's
//! reload event stream, a port someone else holds.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Long enough for a loaded two-core machine; a passing test never waits it out.
pub const DEADLINE: Duration = Duration::from_secs(20);

/// The content folder of tests/fixtures/serve-site.
pub fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/serve-site/content")
}

/// A temp copy of the fixture; returns (guard, content folder).
pub fn serve_site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(&fixture(), &content);
    (tmp, content)
}

pub fn copy_dir(from: &Path, to: &Path) {
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

/// A loopback port held by another program, as a busy port is; free again
/// when the listener is dropped.
pub fn take_port() -> (TcpListener, u16) {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    (taken, port)
}

/// `planvev serve` on `content` at `port` as its own process, its output
/// piped for the test to read (standard error where `stderr` says).
pub fn spawn_serve(content: &Path, port: u16, stderr: std::process::Stdio) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_planvev"))
        .args([
            "serve",
            "--content",
            content.to_str().unwrap(),
            "--port",
            &port.to_string(),
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(stderr)
        .spawn()
        .unwrap()
}

/// A browser's event stream, read raw (HTTP/1.1, chunked).
pub struct Events {
    stream: TcpStream,
    /// Everything read so far.
    pub seen: String,
    /// How far `seen` has been searched for events.
    pos: usize,
}

impl Events {
    /// Connects as the reload script does and waits for the `hello` event.
    pub fn connect(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_millis(100))).unwrap();
        stream
            .write_all(b"GET /__planvev/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
            .unwrap();
        let mut e = Events {
            stream,
            seen: String::new(),
            pos: 0,
        };
        e.next("hello", DEADLINE).expect("a hello event");
        assert!(e.seen.starts_with("HTTP/1.1 200"), "{}", e.seen);
        assert!(e.seen.contains("Content-Type: text/event-stream"), "{}", e.seen);
        e
    }

    /// The data of the next event called `name`, read for at most `wait`.
    pub fn next(&mut self, name: &str, wait: Duration) -> Option<String> {
        let end = Instant::now() + wait;
        let marker = format!("event: {name}\ndata: ");
        loop {
            if let Some(i) = self.seen[self.pos..].find(&marker) {
                let start = self.pos + i + marker.len();
                if let Some(len) = self.seen[start..].find('\n') {
                    self.pos = start + len;
                    return Some(self.seen[start..start + len].to_string());
                }
            }
            if Instant::now() > end {
                return None;
            }
            let mut buf = [0u8; 4096];
            match self.stream.read(&mut buf) {
                Ok(0) => return None,
                Ok(n) => self.seen.push_str(&String::from_utf8_lossy(&buf[..n])),
                Err(_) => {}
            }
        }
    }

    /// The next reload event's data (the served version).
    pub fn reload(&mut self) -> String {
        self.next("reload", DEADLINE)
            .unwrap_or_else(|| panic!("no reload event; stream so far:\n{}", self.seen))
    }

    /// Asserts that no reload comes for a while (no rebuild loop).
    pub fn quiet(&mut self, wait: Duration) {
        if let Some(tag) = self.next("reload", wait) {
            panic!("an unexpected reload ({tag}); stream so far:\n{}", self.seen);
        }
    }

    /// Reads until the server ends the stream (or the deadline passes);
    /// returns all that was read.
    pub fn until_closed(&mut self) -> &str {
        let end = Instant::now() + DEADLINE;
        let mut buf = [0u8; 4096];
        while Instant::now() < end {
            match self.stream.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => self.seen.push_str(&String::from_utf8_lossy(&buf[..n])),
                Err(_) => {}
            }
        }
        &self.seen
    }
}
