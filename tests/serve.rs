//! `planvev serve`: a server on an ephemeral loopback port over a temp copy
//! of tests/fixtures/serve-site. Every wait has a deadline.

mod common;
use common::serve::{copy_dir, serve_site, spawn_serve, take_port, Events, DEADLINE};
use planvev::pipeline::{self, Settings};
use planvev::serve::{self, Builder, Change, Handle, Live, Options};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::sync::RwLock;
use std::time::{Duration, Instant};

/// A temp copy of the fixture; returns (guard, content folder).
fn site() -> (tempfile::TempDir, PathBuf) {
    serve_site()
}

fn start(content: &Path) -> Handle {
    let h = serve::start(&Options::new(content)).expect("the server starts");
    assert!(h.addr().ip().is_loopback(), "{}", h.addr());
    h
}

struct Resp {
    status: u16,
    head: String,
    body: String,
}

impl Resp {
    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim().eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

/// Sends a raw HTTP/1.0 request (the server closes after answering) to
/// 127.0.0.1 and reads the whole answer.
fn raw(port: u16, request: &str) -> Resp {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(DEADLINE)).unwrap();
    s.set_write_timeout(Some(DEADLINE)).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut bytes = Vec::new();
    let _ = s.read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    Resp {
        status,
        head: head.to_string(),
        body: body.to_string(),
    }
}

fn request(port: u16, method: &str, path: &str) -> Resp {
    raw(
        port,
        &format!("{method} {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
    )
}

fn get(port: u16, path: &str) -> Resp {
    request(port, "GET", path)
}

/// GETs `path` until `pred` holds or the deadline passes.
fn get_until(port: u16, path: &str, pred: impl Fn(&Resp) -> bool) -> Resp {
    let end = Instant::now() + DEADLINE;
    loop {
        let r = get(port, path);
        if pred(&r) || Instant::now() > end {
            return r;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no «{from}»", path.display());
    write(path, &text.replacen(from, to, 1));
}

const AREA: &str = "/nn/testvik/skule/";

#[test]
fn serves_the_site_and_reloads_after_an_edit() {
    let (_tmp, content) = site();
    let h = start(&content);
    let page = get(h.port(), AREA);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Skulen i Testvik har gode resultat."));
    assert!(!page.body.contains("planvev-overlay"));
    let mut ev = Events::connect(h.port());
    let before = h.live().generation;

    edit(
        &content.join("testvik/skule/index.nn.md"),
        "gode resultat",
        "framifrå resultat",
    );
    let tag = ev.reload();
    assert!(tag.ends_with(&format!("-{}", h.live().generation)), "{tag}");
    assert!(h.live().generation > before);
    let page = get(h.port(), AREA);
    assert!(
        page.body.contains("Skulen i Testvik har framifrå resultat."),
        "{}",
        page.body
    );
    // The page carries the version it shows, so it does not reload again.
    assert!(page.body.contains(&format!("var tag = \"{tag}\"")), "{}", page.body);
    // Nothing more happens by itself.
    ev.quiet(Duration::from_millis(700));
    h.stop();
}

#[test]
fn broken_yaml_shows_an_overlay_over_the_last_good_page_until_fixed() {
    let (_tmp, content) = site();
    let h = start(&content);
    let mut ev = Events::connect(h.port());
    let data = content.join("testvik/skule/data.yaml");
    let good = std::fs::read_to_string(&data).unwrap();

    // Line 4 of data.yaml gets a list that never closes.
    edit(&data, "summary:\n", "summary: [oops\n");
    ev.reload();
    let page = get(h.port(), AREA);
    assert_eq!(page.status, 200);
    let body = &page.body;
    assert!(body.contains("id=\"planvev-overlay\""), "{body}");
    assert!(body.contains("role=\"alert\""), "{body}");
    assert!(body.contains("testvik/skule/data.yaml</code>, line "), "{body}");
    assert!(body.contains("planvev: the content has 1 error"), "{body}");
    // The rest is the last good page.
    assert!(body.contains("Skulen i Testvik har gode resultat."), "{body}");
    assert!(body.contains("Budsjett"), "{body}");
    // Every HTML page carries the overlay, the 404 page too, but not CSS.
    for p in ["/", "/nn/", "/nb/testvik/", "/nn/testvik/helse/", "/finst-ikkje"] {
        assert!(get(h.port(), p).body.contains("planvev-overlay"), "{p}");
    }
    let css = h
        .live()
        .site
        .files
        .keys()
        .find(|k| k.ends_with(".css"))
        .cloned()
        .unwrap();
    assert!(!get(h.port(), &format!("/{css}")).body.contains("planvev-overlay"));
    // The stored site stays what build would write.
    assert!(h
        .live()
        .site
        .files
        .values()
        .all(|v| !String::from_utf8_lossy(v).contains("planvev-overlay")));

    // An edit elsewhere while broken keeps the overlay and shows nothing half-done.
    edit(
        &content.join("testvik/helse/index.nn.md"),
        "Helsetenesta i Testvik.",
        "Helsetenesta i Testvik er ny.",
    );
    // Nothing a browser sees changes, so no reload is sent either.
    ev.quiet(Duration::from_millis(500));
    let helse = get(h.port(), "/nn/testvik/helse/");
    assert!(helse.body.contains("planvev-overlay"));
    assert!(
        helse.body.contains("Helsetenesta i Testvik."),
        "the last good version is shown"
    );

    write(&data, &good);
    ev.reload();
    let page = get(h.port(), AREA);
    assert!(!page.body.contains("planvev-overlay"), "{}", page.body);
    let helse = get(h.port(), "/nn/testvik/helse/");
    assert!(helse.body.contains("Helsetenesta i Testvik er ny."), "{}", helse.body);
    assert!(h.live().errors.is_empty());
    h.stop();
}

#[test]
fn a_failing_first_build_still_serves_the_errors() {
    let (_tmp, content) = site();
    let site_yaml = content.join("site.yaml");
    let good = std::fs::read_to_string(&site_yaml).unwrap();
    write(&site_yaml, "title: [unclosed\n");
    let h = start(&content);
    assert!(!h.live().built);
    let page = get(h.port(), "/");
    assert_eq!(page.status, 503);
    assert!(page.body.contains("planvev-overlay"), "{}", page.body);
    assert!(page.body.contains("site.yaml</code>, line "), "{}", page.body);
    assert!(page.body.contains("__planvev/events"), "the page reloads itself");
    let deep = get(h.port(), "/nn/testvik/");
    assert!(deep.body.contains("\"../../__planvev/events\""), "{}", deep.body);

    let mut ev = Events::connect(h.port());
    write(&site_yaml, &good);
    ev.reload();
    let page = get(h.port(), "/");
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("planvev-overlay"));
    assert!(page.body.contains("Testplan for Testvik"));
    h.stop();
}

#[test]
fn traversal_attempts_are_refused() {
    let (tmp, content) = site();
    let secret = "TOP-SECRET-OUTSIDE-THE-SITE";
    let outside = tmp.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    write(&tmp.path().join("secret.txt"), secret);
    write(&outside.join("secret.txt"), secret);
    // Links in the content that lead out of it.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(tmp.path().join("secret.txt"), content.join("assets/secret.txt")).unwrap();
        std::os::unix::fs::symlink(&outside, content.join("assets/up")).unwrap();
        std::os::unix::fs::symlink(tmp.path().join("secret.txt"), content.join("testvik/skule/lekk.txt")).unwrap();
    }
    let h = start(&content);
    for path in [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/nn/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/nn/%2e%2e%2f%2e%2e%2fsecret.txt",
        "/..%2fsecret.txt",
        "/assets%2f..%2f..%2fsecret.txt",
        "/..\\secret.txt",
        "/nn\\..\\..\\secret.txt",
        "/%5c..%5csecret.txt",
        "//etc/passwd",
        "/etc/passwd",
        "/C:/Windows/win.ini",
        "/./index.html",
        "/nn/%00",
        "/assets/secret.txt",
        "/assets/up/secret.txt",
        "/nn/testvik/skule/lekk.txt",
        "/nb/testvik/skule/lekk.txt",
        "/site.yaml",
        "/testvik/skule/data.yaml",
        "http://127.0.0.1/../secret.txt",
    ] {
        let r = get(h.port(), path);
        assert!(r.status == 400 || r.status == 404, "{path}: {}\n{}", r.status, r.head);
        assert!(!r.body.contains(secret), "{path} leaked the secret");
        assert!(!r.body.contains("title: {"), "{path} leaked content");
    }
    h.stop();
}

#[test]
fn only_get_and_head_are_answered() {
    let (_tmp, content) = site();
    let h = start(&content);
    for m in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
        let r = raw(
            h.port(),
            &format!("{m} / HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n"),
        );
        assert_eq!(r.status, 405, "{m}");
        assert_eq!(r.header("Allow").as_deref(), Some("GET, HEAD"), "{m}");
    }
    let get = get(h.port(), "/nn/");
    let head = request(h.port(), "HEAD", "/nn/");
    assert_eq!(head.status, 200);
    assert_eq!(head.header("Content-Type"), get.header("Content-Type"));
    assert!(head.body.is_empty());
    h.stop();
}

#[test]
fn content_types_the_404_page_and_folder_addresses() {
    let (_tmp, content) = site();
    let assets = content.join("assets");
    for (name, bytes) in [
        ("img.png", &b"\x89PNG\r\n\x1a\n"[..]),
        ("photo.jpg", b"\xff\xd8\xff"),
        ("doc.pdf", b"%PDF-1.4\n"),
        ("font.woff2", b"wOF2"),
        ("app.js", b"console.log(1);\n"),
    ] {
        std::fs::write(assets.join(name), bytes).unwrap();
    }
    let h = start(&content);
    let port = h.port();
    let css = h
        .live()
        .site
        .files
        .keys()
        .find(|k| k.ends_with(".css"))
        .cloned()
        .unwrap();
    let csv = h
        .live()
        .site
        .files
        .keys()
        .find(|k| k.ends_with(".csv"))
        .cloned()
        .unwrap();
    for (path, ct) in [
        ("/".to_string(), "text/html; charset=utf-8"),
        (format!("/{css}"), "text/css; charset=utf-8"),
        (format!("/{csv}"), "text/csv; charset=utf-8"),
        ("/sitemap.xml".into(), "application/xml; charset=utf-8"),
        ("/assets/logo.svg".into(), "image/svg+xml"),
        ("/assets/img.png".into(), "image/png"),
        ("/assets/photo.jpg".into(), "image/jpeg"),
        ("/assets/doc.pdf".into(), "application/pdf"),
        ("/assets/font.woff2".into(), "font/woff2"),
        ("/assets/app.js".into(), "text/javascript; charset=utf-8"),
    ] {
        let r = get(port, &path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("Content-Type").as_deref(), Some(ct), "{path}");
    }
    // The PNG comes back byte for byte, with no script added.
    assert_eq!(
        get(port, "/assets/img.png").header("Content-Length").as_deref(),
        Some("8")
    );

    // `/` and `/dir/` are index.html; `/dir` is sent to `dir/`.
    let index = get(port, "/nn/testvik/index.html");
    assert_eq!(get(port, "/nn/testvik/").body, index.body);
    let r = get(port, "/nn/testvik");
    assert_eq!(r.status, 302);
    assert_eq!(r.header("Location").as_deref(), Some("testvik/"));
    // Query strings do not matter.
    assert_eq!(get(port, "/nn/testvik/?utm=x").status, 200);

    // Unknown paths get the site's own 404 page with status 404.
    let r = get(port, "/nn/finst-ikkje/");
    assert_eq!(r.status, 404);
    let page404 = String::from_utf8(h.live().site.files["404.html"].to_vec()).unwrap();
    let title = page404.lines().find(|l| l.starts_with("<title>")).unwrap().to_string();
    assert!(r.body.contains(&title), "{}", r.body);
    assert_eq!(r.header("Content-Type").as_deref(), Some("text/html; charset=utf-8"));
    h.stop();
}

#[test]
fn the_reload_script_finds_the_events_relative_to_the_page() {
    let (_tmp, content) = site();
    let h = start(&content);
    for (path, url) in [
        ("/", "\"__planvev/events\""),
        ("/index.html", "\"__planvev/events\""),
        ("/nn/", "\"../__planvev/events\""),
        ("/nn/testvik/", "\"../../__planvev/events\""),
        ("/nn/testvik/skule/", "\"../../../__planvev/events\""),
        ("/nn/testvik/skule/index.html", "\"../../../__planvev/events\""),
        ("/nb/testvik/print.html", "\"../../__planvev/events\""),
        ("/a/b/c/d", "\"../../../__planvev/events\""),
    ] {
        let body = get(h.port(), path).body;
        assert!(body.contains(&format!("new EventSource({url})")), "{path}:\n{body}");
        assert!(!body.contains("\"/__planvev"), "{path} uses a /-rooted address");
        // The script goes just before </body>.
        let script = body.find("<script data-planvev-live>").unwrap();
        assert!(body[script..].contains("</body>"), "{path}");
    }
    h.stop();
}

/// The served site after a change to one area equals a full build of the
/// same files, byte for byte, and only the pages that show the area were
/// rendered.
#[test]
fn incremental_rebuild_matches_a_full_build() {
    let (_tmp, content) = site();
    let live = RwLock::new(Live::default());
    let mut b = Builder::new(&content);
    let first = b.full(&live);
    assert!(first.errors.is_empty(), "{:?}", first.errors);
    let all_pages = first.pages;
    let area = content.join("testvik/skule");
    let skule = Change::area("testvik", "skule");

    let check = |b: &mut Builder, what: &str| {
        let r = b.apply(&skule, &live);
        assert!(!r.full, "{what}: fell back to a full rebuild");
        // The search index, which the server makes in the background after
        // the reload, here at once: it too must be what `build` makes.
        b.index_now(&live);
        let sink = planvev::render::MemorySink::default();
        let full = pipeline::run(&content, &Settings { base_url: None }, &sink);
        let mut want: Vec<String> = full.diags.errors().map(|d| format!("{d:?}")).collect();
        let mut got: Vec<String> = r.errors.iter().map(|d| format!("{d:?}")).collect();
        want.sort();
        got.sort();
        assert_eq!(got, want, "{what}: errors differ");
        assert_eq!(r.warnings, full.diags.warnings().count(), "{what}: warnings differ");
        if full.rendered.is_some() {
            let site = sink.into_site();
            let l = live.read().unwrap();
            let keys = |s: &planvev::render::RenderedSite| s.files.keys().cloned().collect::<Vec<_>>();
            assert_eq!(keys(&l.site), keys(&site), "{what}: the files differ");
            for (k, v) in &site.files {
                assert!(l.site.files[k] == *v, "{what}: {k} differs from a full build");
            }
            // Two languages: the area, its municipality and print pages, the front pages.
            assert_eq!(r.pages, 8, "{what}");
            assert!(r.pages < all_pages);
        }
        r
    };

    edit(&area.join("index.nn.md"), "gode resultat", "betre resultat");
    check(&mut b, "text");
    // A result that changes a goal's status changes the counts on the front page.
    edit(
        &area.join("data.yaml"),
        "results: { 2025: 86 }",
        "results: { 2025: 70 }",
    );
    check(&mut b, "goal result");
    // A table goes away, and with it its CSV files.
    let data = std::fs::read_to_string(area.join("data.yaml")).unwrap();
    let start = data.find("  elevar:").unwrap();
    let end = data.find("\ngoals:").unwrap();
    write(&area.join("data.yaml"), &format!("{}{}", &data[..start], &data[end..]));
    for l in ["nn", "nb"] {
        edit(&area.join(format!("index.{l}.md")), "{{ table elevar }}", "");
    }
    assert!(live
        .read()
        .unwrap()
        .site
        .files
        .contains_key("nn/testvik/skule/elevar.csv"));
    check(&mut b, "table removed");
    assert!(!live
        .read()
        .unwrap()
        .site
        .files
        .contains_key("nn/testvik/skule/elevar.csv"));
    // A new section file.
    write(&area.join("merknad.nn.md"), "Ein merknad.\n");
    write(&area.join("merknad.nb.md"), "En merknad.\n");
    edit(&area.join("index.nn.md"), "## Mål", "{{ section merknad }}\n\n## Mål");
    check(&mut b, "section added");
    // Files beside data.yaml are published beside the page.
    write(&area.join("kart.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n");
    check(&mut b, "area file changed");
    write(&area.join("vedlegg.txt"), "Vedlegg.\n");
    check(&mut b, "area file added");
    assert!(live
        .read()
        .unwrap()
        .site
        .files
        .contains_key("nb/testvik/skule/vedlegg.txt"));
    std::fs::remove_file(area.join("vedlegg.txt")).unwrap();
    check(&mut b, "area file removed");
    // A heading another area links to goes away: the link check warns there.
    edit(&area.join("index.nn.md"), "## Status", "## Stoda");
    let r = check(&mut b, "heading renamed");
    assert!(r.warnings > first.warnings, "the broken link in helse is reported");
    edit(&area.join("index.nn.md"), "## Stoda", "## Status");
    check(&mut b, "heading back");
    // Broken, then fixed: the served site stays the last good one meanwhile.
    let good_site = live.read().unwrap().site.clone();
    let good = std::fs::read_to_string(area.join("data.yaml")).unwrap();
    write(
        &area.join("data.yaml"),
        &good.replace("direction: higher", "direction: sideways"),
    );
    let r = check(&mut b, "broken");
    assert!(!r.errors.is_empty());
    assert!(live.read().unwrap().site == good_site);
    write(&area.join("data.yaml"), "title: [\n");
    check(&mut b, "unreadable");
    edit(&area.join("index.nb.md"), "gode resultater", "bedre resultater");
    write(&area.join("data.yaml"), &good);
    check(&mut b, "fixed");
}

#[test]
fn saves_by_rename_and_editor_swap_files() {
    let (_tmp, content) = site();
    let h = start(&content);
    let mut ev = Events::connect(h.port());
    let dir = content.join("testvik/skule");
    let file = dir.join("index.nn.md");
    let text = std::fs::read_to_string(&file).unwrap();

    // Only swap and backup files: nothing to rebuild.
    write(&dir.join(".index.nn.md.swp"), "swap");
    write(&dir.join("index.nn.md~"), "backup");
    write(&dir.join("#index.nn.md#"), "emacs");
    write(&dir.join("4913"), "");
    std::fs::remove_file(dir.join("4913")).unwrap();
    ev.quiet(Duration::from_millis(800));

    // vim: the old file is renamed to a backup, the new one written in its place.
    std::fs::rename(&file, dir.join("index.nn.md~")).unwrap();
    write(&file, &text.replace("gode resultat", "vim-resultat"));
    std::fs::remove_file(dir.join("index.nn.md~")).unwrap();
    ev.reload();
    assert!(get_until(h.port(), AREA, |r| r.body.contains("vim-resultat"))
        .body
        .contains("vim-resultat"));

    // Many IDEs: write a temp file, then rename it over the original.
    let tmp = dir.join(".index.nn.md.tmp");
    write(&tmp, &text.replace("gode resultat", "ide-resultat"));
    std::fs::rename(&tmp, &file).unwrap();
    ev.reload();
    let page = get_until(h.port(), AREA, |r| r.body.contains("ide-resultat"));
    assert!(page.body.contains("ide-resultat"));
    assert!(
        !page.body.contains("planvev-overlay"),
        "no stray-file warning turned error"
    );
    ev.quiet(Duration::from_millis(500));
    h.stop();
}

#[test]
fn new_and_removed_folders_and_languages() {
    let (_tmp, content) = site();
    let h = start(&content);
    let port = h.port();
    let mut ev = Events::connect(port);

    // A new service area.
    let kultur = content.join("testvik/kultur");
    std::fs::create_dir(&kultur).unwrap();
    write(&kultur.join("data.yaml"), "title: { nn: Kultur, nb: Kultur }\n");
    write(&kultur.join("index.nn.md"), "Kulturtilbodet i Testvik.\n");
    write(&kultur.join("index.nb.md"), "Kulturtilbudet i Testvik.\n");
    ev.reload();
    let r = get_until(port, "/nn/testvik/kultur/", |r| r.body.contains("Kulturtilbodet"));
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(get_until(port, "/nn/testvik/", |r| r.body.contains("kultur/"))
        .body
        .contains("kultur/"));

    // A new municipality.
    let nyby = content.join("nyby");
    std::fs::create_dir_all(nyby.join("vatn")).unwrap();
    write(&nyby.join("municipality.yaml"), "name: Nyby\nlanguage: nb\n");
    write(&nyby.join("vatn/data.yaml"), "title: { nn: Vatn, nb: Vann }\n");
    write(&nyby.join("vatn/index.nb.md"), "Vann i Nyby.\n");
    write(&nyby.join("vatn/index.nn.md"), "Vatn i Nyby.\n");
    ev.reload();
    let r = get_until(port, "/nb/nyby/vatn/", |r| {
        r.status == 200 && r.body.contains("Vann i Nyby.")
    });
    assert_eq!(r.status, 200);

    // Removed again.
    std::fs::remove_dir_all(&kultur).unwrap();
    ev.reload();
    assert_eq!(get_until(port, "/nn/testvik/kultur/", |r| r.status == 404).status, 404);
    std::fs::remove_dir_all(&nyby).unwrap();
    ev.reload();
    assert_eq!(get_until(port, "/nb/nyby/", |r| r.status == 404).status, 404);

    // A new language: its UI strings in the site's theme folder beside
    // content/ (watched too), then the language in site.yaml.
    let strings = content.parent().unwrap().join("themes/default/strings");
    std::fs::create_dir_all(&strings).unwrap();
    let nb = String::from_utf8(planvev::theme::Theme::builtin_file("strings/nb.yaml").unwrap().to_vec()).unwrap();
    write(&strings.join("en.yaml"), &nb);
    let site_yaml = content.join("site.yaml");
    edit(&site_yaml, "languages: [nn, nb]", "languages: [nn, nb, en]");
    ev.reload();
    let r = get_until(port, "/en/testvik/skule/", |r| r.status == 200);
    assert_eq!(r.status, 200, "{}", r.body);
    // Its first text, in the area folder.
    write(&content.join("testvik/skule/index.en.md"), "The school in Testvik.\n");
    ev.reload();
    let r = get_until(port, "/en/testvik/skule/", |r| {
        r.body.contains("The school in Testvik.")
    });
    assert!(r.body.contains("The school in Testvik."), "{}", r.body);
    // A change in the theme folder.
    let skip = nb.lines().find(|l| l.starts_with("skip_link:")).unwrap();
    write(
        &strings.join("en.yaml"),
        &nb.replace(skip, "skip_link: Skip to the content"),
    );
    ev.reload();
    let r = get_until(port, "/en/", |r| r.body.contains("Skip to the content"));
    assert!(r.body.contains("Skip to the content"), "{}", r.body);
    // And away again.
    std::fs::remove_file(content.join("testvik/skule/index.en.md")).unwrap();
    edit(&site_yaml, "languages: [nn, nb, en]", "languages: [nn, nb]");
    ev.reload();
    assert_eq!(get_until(port, "/en/", |r| r.status == 404).status, 404);
    assert_eq!(get(port, "/nb/testvik/skule/").status, 200);
    assert!(h.live().errors.is_empty(), "{:?}", h.live().errors);
    h.stop();
}

#[test]
fn a_burst_of_saves_settles_on_the_last_version_without_a_loop() {
    let (_tmp, content) = site();
    let h = start(&content);
    let mut ev = Events::connect(h.port());
    let files = [
        content.join("testvik/skule/index.nn.md"),
        content.join("testvik/helse/index.nn.md"),
        content.join("testvik/index.nn.md"),
    ];
    let originals: Vec<String> = files.iter().map(|f| std::fs::read_to_string(f).unwrap()).collect();
    for i in 0..30 {
        let k = i % files.len();
        write(&files[k], &format!("{}\nLagring nummer {i}.\n", originals[k]));
        std::thread::sleep(Duration::from_millis(3));
    }
    ev.reload();
    // The last save of each file is what is served in the end.
    for (path, n) in [(AREA, 27), ("/nn/testvik/helse/", 28), ("/nn/testvik/", 29)] {
        let want = format!("Lagring nummer {n}.");
        let r = get_until(h.port(), path, |r| r.body.contains(&want));
        assert!(r.body.contains(&want), "{path}: {}", r.body);
    }
    // Then it goes quiet: the rebuilds do not trigger themselves.
    std::thread::sleep(Duration::from_millis(300));
    while ev.next("reload", Duration::from_millis(300)).is_some() {}
    let generation = h.live().generation;
    ev.quiet(Duration::from_millis(1000));
    assert_eq!(h.live().generation, generation);
    h.stop();
}

#[test]
fn listens_on_loopback_and_moves_off_a_taken_port() {
    let (_tmp, content) = site();
    let (_taken, port) = take_port();
    let h = serve::start(&Options {
        port,
        ..Options::new(&content)
    })
    .unwrap();
    assert_ne!(h.port(), port);
    assert_eq!(h.addr().ip().to_string(), "127.0.0.1");
    assert_eq!(h.url(), format!("http://127.0.0.1:{}/", h.port()));
    assert_eq!(get(h.port(), "/").status, 200);
    h.stop();
}

/// Issue 11.8, in the preview: an index.LANG.md that is a link to a file
/// outside the content folder is not served; the preview shows why.
#[cfg(unix)]
#[test]
fn a_text_linked_from_outside_is_not_served() {
    let (tmp, content) = site();
    let secret = tmp.path().join("secret.md");
    std::fs::write(&secret, "HEMMELEG-PASSORD\n").unwrap();
    let linked = content.join("testvik/skule/index.nb.md");
    std::fs::remove_file(&linked).unwrap();
    std::os::unix::fs::symlink(&secret, &linked).unwrap();
    let h = start(&content);
    for path in ["/nb/testvik/skule/", "/nn/testvik/skule/", "/nb/testvik/print.html"] {
        let page = get(h.port(), path);
        assert!(!page.body.contains("HEMMELEG-PASSORD"), "{path}: {}", page.body);
    }
    let page = get(h.port(), "/nb/testvik/skule/");
    assert!(page.body.contains("outside the content folder"), "{}", page.body);
    h.stop();
}

/// The served search index's page texts, from its page files
/// (`search/LANG/p/N.json`): (url, text of every section).
fn served_fragments(h: &Handle) -> Vec<(String, String)> {
    let live = h.live();
    live.site
        .files
        .iter()
        .filter(|(k, _)| k.starts_with("search/") && k.contains("/p/"))
        .map(|(_, v)| {
            let json: serde_json::Value = serde_json::from_slice(v).unwrap();
            (json["url"].as_str().unwrap().to_string(), json["sections"].to_string())
        })
        .collect()
}

/// Waits until the served index holds `text` on the page at `url`.
fn index_until(h: &Handle, url: &str, text: &str) -> bool {
    let end = Instant::now() + DEADLINE;
    while Instant::now() < end {
        if served_fragments(h).iter().any(|(u, c)| u == url && c.contains(text)) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

#[test]
fn the_search_index_follows_an_edit_in_the_background_without_a_second_reload() {
    let (_tmp, content) = site();
    let h = start(&content);
    let url = "nn/testvik/skule/index.html";
    assert!(index_until(&h, url, "gode resultat"), "{:?}", served_fragments(&h));
    assert_eq!(get(h.port(), "/search/nn/meta.json").status, 200);
    let mut ev = Events::connect(h.port());
    edit(
        &content.join("testvik/skule/index.nn.md"),
        "gode resultat",
        "framifrå resultat",
    );
    let tag = ev.reload();
    assert!(index_until(&h, url, "framifrå resultat"), "{:?}", served_fragments(&h));
    // The index came after the reload, without another version of the site
    // (which would reload the pages again), and the search kept working.
    assert_eq!(h.live().tag(), tag);
    ev.quiet(Duration::from_millis(300));
    assert_eq!(get(h.port(), "/search/nb/meta.json").status, 200);
    h.stop();
}

/// Writes a one-sheet workbook «Drift» with the table Grunnskule/SFO.
fn workbook(path: &Path, grunnskule: f64) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("Drift").unwrap();
    ws.write_row(0, 0, ["", "R2024", "B2025"]).unwrap();
    ws.write(1, 0, "Grunnskule").unwrap();
    ws.write_row(1, 1, [grunnskule, 29042.0]).unwrap();
    ws.write(2, 0, "SFO").unwrap();
    ws.write_row(2, 1, [4062.0, 4536.0]).unwrap();
    wb.save(path).unwrap();
}

/// Issue 14: saving the workbook a table reads rebuilds its page, with the
/// new figure, as saving data.yaml does.
#[test]
fn saving_a_workbook_rebuilds_the_table_that_reads_it() {
    let (_tmp, content) = site();
    let area = content.join("testvik/skule");
    workbook(&area.join("budsjett.xlsx"), 17001.0);
    edit(
        &area.join("data.yaml"),
        "tables:\n",
        "tables:\n  drift:\n    kind: budget\n    spreadsheet: { file: budsjett.xlsx, sheet: Drift }\n",
    );
    let h = start(&content);
    assert!(get(h.port(), AREA).body.contains("17\u{a0}001"));
    let mut ev = Events::connect(h.port());
    workbook(&area.join("budsjett.xlsx"), 17002.0);
    ev.reload();
    let page = get(h.port(), AREA);
    assert!(page.body.contains("17\u{a0}002"), "{}", page.body);
    assert!(!page.body.contains("17\u{a0}001"), "the old figure is gone");
    h.stop();
}

/// Issue 14: `planvev serve` says where to look (and that it moved off a
/// taken port), then one line per rebuild naming the area it rebuilt.
/// Lines are awaited with a deadline; no duration is asserted.
#[test]
fn the_terminal_says_where_to_look_and_what_was_rebuilt() {
    use std::io::BufRead;
    let (_tmp, content) = site();
    let (taken, port) = take_port();
    let mut child = spawn_serve(&content, port, std::process::Stdio::null());
    let (tx, rx) = std::sync::mpsc::channel();
    let out = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(out).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut seen = String::new();
    let mut wait_for = |want: &dyn Fn(&str) -> bool| -> String {
        let end = Instant::now() + DEADLINE;
        while let Some(left) = end.checked_duration_since(Instant::now()) {
            match rx.recv_timeout(left) {
                Ok(l) => {
                    seen.push_str(&l);
                    seen.push('\n');
                    if want(&l) {
                        return l;
                    }
                }
                Err(_) => break,
            }
        }
        panic!("no such line; the terminal said:\n{seen}");
    };
    let moved = wait_for(&|l| l.starts_with("Port "));
    let got: u16 = moved
        .strip_prefix(&format!("Port {port} is in use; using "))
        .and_then(|r| r.strip_suffix('.'))
        .unwrap_or_else(|| panic!("{moved}"))
        .parse()
        .unwrap();
    let serving = wait_for(&|l| l.starts_with("Serving "));
    assert_eq!(
        serving,
        format!("Serving Testplan for Testvik at http://127.0.0.1:{got}/ (Ctrl+C to stop)")
    );
    assert_eq!(get(got, AREA).status, 200);
    edit(
        &content.join("testvik/skule/index.nn.md"),
        "gode resultat",
        "framifrå resultat",
    );
    let rebuilt = wait_for(&|l| l.starts_with("Rebuilt "));
    let rest = rebuilt
        .strip_prefix("Rebuilt testvik/skule: ")
        .unwrap_or_else(|| panic!("{rebuilt}"));
    let (pages, ms) = rest.split_once(" pages in ").unwrap_or_else(|| panic!("{rebuilt}"));
    assert!(pages.parse::<u32>().unwrap() > 0, "{rebuilt}");
    assert!(ms.strip_suffix(" ms.").unwrap().parse::<u64>().is_ok(), "{rebuilt}");
    child.kill().unwrap();
    child.wait().unwrap();
    drop(taken);
}

/// A memory sink that cannot be read back, as serve's: no search index.
#[derive(Default)]
struct Pages(planvev::render::MemorySink);

impl planvev::render::Sink for Pages {
    fn put(&self, path: String, bytes: &[u8]) -> Result<(), planvev::diag::Diagnostic> {
        self.0.put(path, bytes)
    }
}

type Files = std::collections::BTreeMap<String, std::sync::Arc<[u8]>>;

/// Every file of a full render of `content`, with what it keeps for a
/// partial one.
fn render_all(content: &Path) -> (Files, planvev::render::Rendered) {
    let sink = Pages::default();
    let loaded = pipeline::read(content, &Settings { base_url: None });
    let (rendered, diags) = pipeline::render(&loaded, &sink, None);
    let rendered = rendered.unwrap_or_else(|| panic!("{:?}", diags.errors().collect::<Vec<_>>()));
    (sink.0.into_site().files, rendered)
}

/// The files a partial render after an edit of testvik/skule gives its sink.
fn render_skule(content: &Path, previous: &planvev::render::Rendered) -> (Files, planvev::render::Rendered) {
    let loaded = pipeline::read(content, &Settings { base_url: None });
    let site = loaded.site.as_ref().unwrap();
    let m = site.municipalities.iter().position(|m| m.slug == "testvik").unwrap();
    let a = site.municipalities[m]
        .areas
        .iter()
        .position(|a| a.slug == "skule")
        .unwrap();
    let changed = std::collections::BTreeSet::from([(m, a)]);
    let partial = pipeline::Partial {
        changed: &changed,
        packages: &previous.packages,
        checked: &previous.checked,
        pages: &previous.page_digests,
    };
    let sink = Pages::default();
    let (rendered, diags) = pipeline::render(&loaded, &sink, Some(partial));
    let rendered = rendered.unwrap_or_else(|| panic!("{:?}", diags.errors().collect::<Vec<_>>()));
    (sink.0.into_site().files, rendered)
}

const ZIPS: [&str; 6] = [
    "nn/data-nn.zip",
    "nb/data-nb.zip",
    "nn/testvik/data-testvik-nn.zip",
    "nb/testvik/data-testvik-nb.zip",
    "nn/nordvik/data-nordvik-nn.zip",
    "nb/nordvik/data-nordvik-nb.zip",
];

/// After an edit, a partial render gives the data packages (ZIP) again only
/// when their bytes change: a narrative edit changes no number, so no ZIP
/// is made again for the site (the site's holds every download); a table
/// value changes its municipality's ZIP and the site's, not another
/// municipality's. The served files, old ones kept, are a fresh build's.
#[test]
fn data_packages_are_made_again_only_when_their_numbers_change() {
    let (_tmp, content) = site();
    copy_dir(&content.join("testvik"), &content.join("nordvik"));
    edit(
        &content.join("nordvik/municipality.yaml"),
        "name: Testvik",
        "name: Nordvik",
    );
    let (mut served, first) = render_all(&content);
    for z in ZIPS {
        assert!(served.contains_key(z), "no {z}");
    }
    let area = content.join("testvik/skule");

    edit(&area.join("index.nn.md"), "gode resultat", "betre resultat");
    let (files, text_edit) = render_skule(&content, &first);
    let page = String::from_utf8_lossy(&files["nn/testvik/skule/index.html"]).into_owned();
    assert!(page.contains("betre resultat"), "the area page is rendered again");
    let zips: Vec<&String> = files.keys().filter(|k| k.ends_with(".zip")).collect();
    assert!(zips.is_empty(), "a narrative edit made packages again: {zips:?}");
    served.extend(files);
    assert_eq!(served, render_all(&content).0, "text edit: not what a build makes");

    edit(&area.join("data.yaml"), "\"14,2\"", "\"14,3\"");
    let (files, _) = render_skule(&content, &text_edit);
    let csv = String::from_utf8_lossy(&files["nn/testvik/skule/elevar.csv"]).into_owned();
    assert!(csv.contains("14,3"), "{csv}");
    for z in &ZIPS[..4] {
        assert!(files.contains_key(*z), "{z} is not made again");
        assert!(files[*z] != served[*z], "{z} is the same as before the edit");
    }
    for z in &ZIPS[4..] {
        assert!(!files.contains_key(*z), "{z} of another municipality is made again");
    }
    served.extend(files);
    assert_eq!(served, render_all(&content).0, "table edit: not what a build makes");
}

/// The front pages list every area of the site (740 kB for a country): a
/// partial render gives them again only when what they show changed. A
/// narrative edit changes no title and no goal; a result that changes a
/// goal's status changes the counts on them.
#[test]
fn front_pages_are_made_again_only_when_what_they_show_changes() {
    let (_tmp, content) = site();
    let (mut served, first) = render_all(&content);
    let area = content.join("testvik/skule");
    let fronts = ["nn/index.html", "nb/index.html"];

    edit(&area.join("index.nn.md"), "gode resultat", "betre resultat");
    let (files, text_edit) = render_skule(&content, &first);
    assert!(files.contains_key("nn/testvik/skule/index.html"));
    for f in fronts {
        assert!(!files.contains_key(f), "a narrative edit made {f} again");
    }
    served.extend(files);
    assert_eq!(served, render_all(&content).0, "text edit: not what a build makes");

    edit(
        &area.join("data.yaml"),
        "results: { 2025: 86 }",
        "results: { 2025: 70 }",
    );
    let (files, _) = render_skule(&content, &text_edit);
    for f in fronts {
        assert!(files.contains_key(f), "a goal's new status did not make {f} again");
        assert!(files[f] != served[f], "{f} is the same as before the edit");
    }
    served.extend(files);
    assert_eq!(served, render_all(&content).0, "goal edit: not what a build makes");
}
