//! Save-to-reload time of `planvev serve`. Run it through
//! `scripts/bench-serve.sh` (release build).
//!
//! For the example content (a temp copy of content/ and themes/) and for a
//! synthetic site of 357 municipalities, it starts the preview server (the
//! library, with its real file watcher) on a loopback port, listens to the
//! reload events like a browser, then repeatedly rewrites one service
//! area's text and measures the time from the write to
//!   - the `reload` event, and
//!   - the changed page being fetched with the new text.
//!
//! It also times the full and the incremental rebuild on their own.
//!
//! Options: --munis N (357) --areas N (4 per municipality) --runs N (20)
//!          --only example|synthetic

// The binary's allocator, its options and worker threads, so that the
// figures are the binary's.
#[path = "../src/runtime.rs"]
mod runtime;

#[path = "synthetic/mod.rs"]
mod synthetic;

use planvev::serve::{self, Builder, Change, Live, Options};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::sync::RwLock;
use std::time::{Duration, Instant};

const DEADLINE: Duration = Duration::from_secs(30);

fn main() {
    runtime::worker_threads();
    let mut munis = 357;
    let mut areas = 4;
    let mut runs = 20;
    let mut only = String::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--munis" => munis = val().parse().expect("a number"),
            "--areas" => areas = val().parse().expect("a number"),
            "--runs" => runs = val().parse().expect("a number"),
            "--only" => only = val(),
            // A content folder to edit a copy of, such as the country of
            // ../shared/bench/gen-corpus.py (DIR/planvev/content).
            "--content" => only = format!("content:{}", val()),
            _ => panic!("unknown option {a}"),
        }
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));

    if let Some(dir) = only.strip_prefix("content:") {
        let tmp = tempfile::tempdir().unwrap();
        let content = tmp.path().join("content");
        copy_dir(Path::new(dir), &content);
        let (m, a) = first_area(&content);
        bench(&format!("a copy of {dir}"), &content, &[(m, a)], runs);
        return;
    }
    if only.is_empty() || only == "example" {
        let tmp = tempfile::tempdir().unwrap();
        copy_dir(&repo.join("content"), &tmp.path().join("content"));
        copy_dir(&repo.join("themes"), &tmp.path().join("themes"));
        let content = tmp.path().join("content");
        let (m, a) = first_area(&content);
        bench("example content/", &content, &[(m, a)], runs);
    }
    if only.is_empty() || only == "synthetic" {
        let tmp = tempfile::tempdir().unwrap();
        let content = tmp.path().join("content");
        let t = Instant::now();
        let files = synthetic::synthetic(&content, munis, areas);
        println!(
            "\nGenerated a synthetic site: {munis} municipalities × {areas} areas, {files} files, in {} ms.",
            t.elapsed().as_millis()
        );
        // Edits spread over the site: first, middle and last municipality.
        let pick: Vec<(String, String)> = [0, munis / 2, munis - 1]
            .iter()
            .map(|i| (synthetic::muni_slug(*i), synthetic::area_slug(*i)))
            .collect();
        bench(&format!("synthetic, {munis} municipalities"), &content, &pick, runs);
    }
}

fn bench(name: &str, content: &Path, targets: &[(String, String)], runs: usize) {
    println!("\n== {name}");
    // The rebuilds on their own, without watcher or HTTP.
    let live = RwLock::new(Live::default());
    let mut b = Builder::new(content);
    let full = b.full(&live);
    assert!(full.errors.is_empty(), "{:?}", full.errors);
    println!(
        "full build into memory: {} ms ({} pages, {} files)",
        full.elapsed.as_millis(),
        full.pages,
        live.read().unwrap().site.files.len()
    );
    let mut inc = Vec::new();
    let mut inc_links = Vec::new();
    for i in 0..runs.min(10) {
        let (m, a) = &targets[i % targets.len()];
        let f = content.join(m).join(a).join("index.nn.md");
        let text = std::fs::read_to_string(&f).unwrap();
        std::fs::write(&f, format!("{text}\nDirekte endring {i}.\n")).unwrap();
        let t = Instant::now();
        let mut r = b.rebuild(&Change::area(m, a), &live);
        let published = t.elapsed();
        b.finish(&mut r, &live);
        assert!(!r.full && r.errors.is_empty());
        inc.push(published.as_secs_f64() * 1000.0);
        inc_links.push(t.elapsed().as_secs_f64() * 1000.0);
        std::fs::write(&f, text).unwrap();
    }
    println!(
        "one area rebuilt until served (no watcher, no HTTP): {}",
        stats(&mut inc)
    );
    println!(
        "  … and the link check after it (off the reload path): {}",
        stats(&mut inc_links)
    );
    drop(b);

    // The server, as a browser sees it.
    let t = Instant::now();
    let h = serve::start(&Options::new(content)).expect("the server starts");
    println!("server start (with first build): {} ms", t.elapsed().as_millis());
    let mut ev = Events::connect(h.port());
    let mut to_event = Vec::new();
    let mut to_page = Vec::new();
    for i in 0..runs {
        let (m, a) = &targets[i % targets.len()];
        let file = content.join(m).join(a).join("index.nn.md");
        let page = format!("/nn/{m}/{a}/");
        let text = std::fs::read_to_string(&file).unwrap();
        let marker = format!("Målemerke {i} {}", std::process::id());
        let new = format!("{text}\n{marker}\n");
        let t0 = Instant::now();
        std::fs::write(&file, new).unwrap();
        ev.reload();
        let t1 = t0.elapsed();
        loop {
            if get(h.port(), &page).contains(&marker) {
                break;
            }
            assert!(t0.elapsed() < DEADLINE, "{page} never showed the change");
            std::thread::sleep(Duration::from_millis(1));
        }
        let t2 = t0.elapsed();
        to_event.push(t1.as_secs_f64() * 1000.0);
        to_page.push(t2.as_secs_f64() * 1000.0);
        // Let the watcher go quiet before the next save.
        std::thread::sleep(Duration::from_millis(150));
    }
    println!("save → reload event:        {}", stats(&mut to_event));
    println!("save → new page fetched:    {}", stats(&mut to_page));
    h.stop();
}

fn stats(v: &mut [f64]) -> String {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let q = |p: f64| v[((v.len() - 1) as f64 * p).round() as usize];
    format!(
        "median {:.1} ms, p90 {:.1} ms, min {:.1} ms, max {:.1} ms (n={})",
        q(0.5),
        q(0.9),
        v[0],
        v[v.len() - 1],
        v.len()
    )
}

fn get(port: u16, path: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(DEADLINE)).unwrap();
    write!(s, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

struct Events {
    stream: TcpStream,
    seen: String,
}

impl Events {
    fn connect(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_millis(50))).unwrap();
        stream
            .write_all(b"GET /__planvev/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            .unwrap();
        let mut e = Events {
            stream,
            seen: String::new(),
        };
        e.wait("event: hello");
        e
    }

    fn wait(&mut self, what: &str) {
        let end = Instant::now() + DEADLINE;
        loop {
            if let Some(i) = self.seen.find(what) {
                self.seen.drain(..i + what.len());
                return;
            }
            assert!(Instant::now() < end, "no {what}");
            let mut buf = [0u8; 1024];
            if let Ok(n) = self.stream.read(&mut buf) {
                assert!(n > 0, "the event stream ended");
                self.seen.push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        }
    }

    fn reload(&mut self) {
        self.wait("event: reload");
    }
}

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

fn first_area(content: &Path) -> (String, String) {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(content)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("municipality.yaml").is_file())
        .collect();
    dirs.sort();
    for m in dirs {
        let mut areas: Vec<PathBuf> = std::fs::read_dir(&m)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.join("index.nn.md").is_file())
            .collect();
        areas.sort();
        if let Some(a) = areas.first() {
            let name = |p: &Path| p.file_name().unwrap().to_string_lossy().into_owned();
            return (name(&m), name(a));
        }
    }
    panic!("content/ has no area with index.nn.md");
}
