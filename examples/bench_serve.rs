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

use planvev::serve::{self, Builder, Change, Live, Options};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::sync::RwLock;
use std::time::{Duration, Instant};

const DEADLINE: Duration = Duration::from_secs(30);

fn main() {
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
            _ => panic!("unknown option {a}"),
        }
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));

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
        let files = synthetic(&content, munis, areas);
        println!(
            "\nGenerated a synthetic site: {munis} municipalities × {areas} areas, {files} files, in {} ms.",
            t.elapsed().as_millis()
        );
        // Edits spread over the site: first, middle and last municipality.
        let pick: Vec<(String, String)> = [0, munis / 2, munis - 1]
            .iter()
            .map(|i| (muni_slug(*i), area_slug(*i)))
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

fn muni_slug(i: usize) -> String {
    format!("kommune-{:03}", i + 1)
}

const AREAS: [(&str, &str, &str); 6] = [
    ("sosiale-tenester", "Sosiale tenester", "Sosiale tjenester"),
    ("barnevern", "Barnevern", "Barnevern"),
    ("helse-og-omsorg", "Helse og omsorg", "Helse og omsorg"),
    ("oppvekst", "Oppvekst", "Oppvekst"),
    ("kultur", "Kultur", "Kultur"),
    ("tekniske-tenester", "Tekniske tenester", "Tekniske tjenester"),
];

/// The first area of municipality `m` (the areas rotate through AREAS).
fn area_slug(m: usize) -> String {
    AREAS[m % AREAS.len()].0.to_string()
}

const WORDS: [&str; 24] = [
    "tenesta",
    "kommunen",
    "brukarane",
    "tiltak",
    "oppfølging",
    "samarbeid",
    "kvalitet",
    "ressursar",
    "planen",
    "mål",
    "innbyggjarane",
    "arbeid",
    "utvikling",
    "kompetanse",
    "tilbod",
    "behov",
    "rettleiing",
    "tverrfagleg",
    "førebygging",
    "familiar",
    "barn",
    "unge",
    "eldre",
    "bustad",
];

/// Deterministic text: `n` sentences seeded by `seed`.
fn prose(seed: usize, n: usize) -> String {
    let mut x = seed as u64 * 2654435761 + 1;
    let mut out = String::new();
    for s in 0..n {
        let len = 8 + (x % 9) as usize;
        for w in 0..len {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let word = WORDS[(x >> 33) as usize % WORDS.len()];
            if w == 0 {
                let mut c = word.chars();
                out.extend(c.next().map(|f| f.to_uppercase().collect::<String>()));
                out.push_str(c.as_str());
            } else {
                out.push(' ');
                out.push_str(word);
            }
        }
        out.push_str(if s % 4 == 3 { ".\n\n" } else { ". " });
    }
    out
}

/// Writes a synthetic site; returns the number of files.
fn synthetic(root: &Path, munis: usize, areas: usize) -> usize {
    let mut files = 0;
    let mut put = |p: PathBuf, text: String| {
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
        files += 1;
    };
    put(
        root.join("site.yaml"),
        "title: { nn: Syntetiske kommuneplanar, nb: Syntetiske kommuneplaner }\nlanguages: [nn, nb]\n\
         period: { from: 2025, to: 2028 }\naccessibility_statement: https://uustatus.no/\n\
         base_url: https://plan.example.no/\n"
            .into(),
    );
    put(root.join("index.nn.md"), format!("## Om planane\n\n{}", prose(0, 8)));
    put(root.join("index.nb.md"), format!("## Om planene\n\n{}", prose(1, 8)));
    for m in 0..munis {
        let dir = root.join(muni_slug(m));
        let lang = if m % 3 == 0 { "nb" } else { "nn" };
        put(
            dir.join("municipality.yaml"),
            format!(
                "name: Kommune {n}\nnumber: \"{num:04}\"\nlanguage: {lang}\ncounty: Fylke {c}\n",
                n = m + 1,
                num = 1000 + m,
                c = m % 11 + 1
            ),
        );
        put(dir.join("index.nn.md"), prose(m * 7, 6));
        put(dir.join("index.nb.md"), prose(m * 7 + 1, 6));
        for a in 0..areas {
            let (slug, nn, nb) = AREAS[(m + a) % AREAS.len()];
            let adir = dir.join(slug);
            let seed = m * 100 + a;
            let v = |k: usize| 1000 + (seed * 37 + k * 101) % 9000;
            let (r1, r2, r3) = (v(1), v(2), v(3));
            let (s1, s2, s3) = (v(4), v(5), v(6));
            put(
                adir.join("data.yaml"),
                format!(
                    r#"title: {{ nn: "{nn}", nb: "{nb}" }}
summary: {{ nn: "Samandrag for {nn}.", nb: "Sammendrag for {nb}." }}
tables:
  budsjett:
    kind: budget
    title: {{ nn: Budsjett, nb: Budsjett }}
    unit: 1000 kr
    columns: [R2024, B2025, B2026]
    rows:
      - label: Drift
        values: [{r1}, {r2}, {r3}]
      - label: Tilskot
        values: [{s1}, {s2}, {s3}]
      - label: SUM
        total: true
        values: [{t1}, {t2}, {t3}]
  nokkeltal:
    kind: key-figures
    title: {{ nn: Nøkkeltal, nb: Nøkkeltall }}
    columns: [Kommunen, Landet]
    rows:
      - label: {{ nn: Del av innbyggjarane, nb: Andel av innbyggerne }}
        unit: "%"
        values: ["{p1},{p2}", "4,8"]
      - label: {{ nn: Kostnad per innbyggjar, nb: Kostnad per innbygger }}
        values: [{r1}, {s1}]
goals:
  - id: mal-1
    goal: {{ nn: Fleire får hjelp tidleg, nb: Flere får hjelp tidlig }}
    unit: "%"
    direction: higher
    baseline: {{ year: 2024, value: 50 }}
    targets: {{ 2025: 55, 2028: 70 }}
    results: {{ 2025: {g1} }}
  - id: mal-2
    goal: {{ nn: Kortare ventetid, nb: Kortere ventetid }}
    unit: dagar
    direction: lower
    baseline: {{ year: 2024, value: 30 }}
    targets: {{ 2025: 25 }}
    results: {{ 2025: {g2} }}
  - id: mal-3
    goal: {{ nn: Betre brukartilfredsheit, nb: Bedre brukertilfredshet }}
    direction: higher
    baseline: {{ year: 2024, value: 4 }}
    targets: {{ 2026: 5 }}
series:
  brukarar:
    title: {{ nn: Brukarar, nb: Brukere }}
    points: {{ 2021: {b1}, 2022: {b2}, 2023: {b3}, 2024: {b4} }}
"#,
                    t1 = r1 + s1,
                    t2 = r2 + s2,
                    t3 = r3 + s3,
                    p1 = seed % 9 + 1,
                    p2 = seed % 10,
                    g1 = 45 + seed % 20,
                    g2 = 20 + seed % 12,
                    b1 = 100 + seed % 50,
                    b2 = 110 + seed % 50,
                    b3 = 120 + seed % 50,
                    b4 = 130 + seed % 50,
                ),
            );
            for (l, s) in [("nn", 0), ("nb", 1)] {
                put(
                    adir.join(format!("index.{l}.md")),
                    format!(
                        "## Status\n\n{}\n{{{{ table budsjett }}}}\n\n{}\n{{{{ table nokkeltal }}}}\n\n## Mål\n\n{{{{ goals }}}}\n\n{}\n{{{{ chart brukarar }}}}\n",
                        prose(seed * 3 + s, 8),
                        prose(seed * 5 + s, 6),
                        prose(seed * 11 + s, 4)
                    ),
                );
            }
        }
    }
    files
}
