//! `planvev serve` under what happens to a working folder and a process:
//! the content folder removed and put back, SIGTERM, a taken port, and
//! oversized requests. Every wait has a deadline.

mod common;
use common::serve::{copy_dir, fixture, serve_site, spawn_serve, take_port, Events, DEADLINE};
use planvev::serve::{self, Options};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const AREA: &str = "/nn/testvik/skule/";

fn site() -> (tempfile::TempDir, PathBuf) {
    serve_site()
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

/// Sends `head` and then `filler` bytes (without end) on one thread while
/// reading the answer; returns the answer's first line.
fn oversized(port: u16, head: &'static [u8], filler: u8, bytes: usize) -> String {
    let s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(DEADLINE)).unwrap();
    s.set_write_timeout(Some(DEADLINE)).unwrap();
    let mut w = s.try_clone().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = w.write_all(head);
        let chunk = vec![filler; 64 * 1024];
        let mut sent = 0;
        while sent < bytes && w.write_all(&chunk).is_ok() {
            sent += chunk.len();
        }
    });
    let mut answer = String::new();
    let _ = (&s).take(200).read_to_string(&mut answer);
    drop(s);
    let _ = writer.join();
    answer.lines().next().unwrap_or("").to_string()
}

#[test]
fn oversized_request_lines_and_heads_are_refused_early() {
    let (_tmp, content) = site();
    let h = serve::start(&Options::new(&content)).unwrap();
    let port = h.port();
    // A request line without end; a header line without end; many headers.
    // The answer comes long before the 8 MB are sent: nothing is buffered.
    assert_eq!(oversized(port, b"GET /", b'a', 8 << 20), "HTTP/1.1 414 URI Too Long");
    assert_eq!(
        oversized(port, b"GET / HTTP/1.1\r\nX-Big: ", b'a', 8 << 20),
        "HTTP/1.1 431 Request Header Fields Too Large"
    );
    let many = format!("GET / HTTP/1.1\r\n{}\r\n", "A: b\r\n".repeat(200));
    let answer = raw(port, many.as_bytes());
    assert!(answer.starts_with("HTTP/1.1 431"), "{answer}");
    // The server still answers.
    assert!(get(port, AREA).starts_with("HTTP/1.1 200"));
    h.stop();
}

#[test]
fn a_taken_port_is_said_and_sigterm_stops_serve_at_once() {
    use std::process::Stdio;
    let (_tmp, content) = site();
    let (_taken, port) = take_port();
    let mut child = spawn_serve(&content, port, Stdio::piped());
    let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut said = String::new();
    let end = Instant::now() + DEADLINE;
    while !said.contains("Serving") && Instant::now() < end {
        let mut line = String::new();
        if std::io::BufRead::read_line(&mut out, &mut line).unwrap_or(0) == 0 {
            break;
        }
        said.push_str(&line);
    }
    assert!(said.contains(&format!("Port {port} is in use")), "{said}");
    // An event stream is open, as in a browser.
    let url = said.split("http://127.0.0.1:").nth(1).unwrap();
    let serving: u16 = url.split('/').next().unwrap().parse().unwrap();
    let mut events = Events::connect(serving);
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let end = Instant::now() + Duration::from_secs(5);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < end, "serve did not stop within 5 s of SIGTERM");
        std::thread::sleep(Duration::from_millis(20));
    };
    // It stopped as asked, not killed: the event stream was ended properly.
    assert_eq!(status.code(), Some(0), "{status:?}");
    let rest = events.until_closed();
    assert!(rest.ends_with("0\r\n\r\n"), "{rest:?}");
}
