//! Answering requests from the site in memory: which file an address
//! means, what is refused, and the Content-Type of each file.

use super::live::{self, EVENTS_PATH};
use super::wire::Request;
use super::Shared;
use percent_encoding::percent_decode_str;
use std::sync::Arc;

/// What a request path asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// The reload event stream.
    Events,
    /// A file of the site (`nn/klepp/index.html`), with the `../` that climb
    /// from the address to the site root.
    File { key: String, root: String },
    /// `/nn/klepp` is a folder: send the browser to `klepp/`.
    Folder { location: String },
}

/// Why a request is refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    BadRequest(&'static str),
}

/// Maps the request target (`/nn/klepp/?x#y`) to a site path, refusing
/// anything that could reach outside the site: `..` and `.` segments (also
/// percent-encoded), encoded slashes and backslashes, NUL, empty segments
/// (`//etc`), drive letters and absolute-form URLs. Only names the site
/// itself has are served, so nothing else is reachable anyway; these are
/// refused before the lookup all the same.
pub fn parse_target(url: &str) -> Result<String, Refused> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let Some(rest) = path.strip_prefix('/') else {
        return Err(Refused::BadRequest("the path must start with /"));
    };
    if rest.contains('\\') {
        return Err(Refused::BadRequest("backslashes are not allowed"));
    }
    let lower = rest.to_ascii_lowercase();
    for bad in ["%2f", "%5c", "%00"] {
        if lower.contains(bad) {
            return Err(Refused::BadRequest("encoded slashes are not allowed"));
        }
    }
    let decoded = percent_decode_str(rest)
        .decode_utf8()
        .map_err(|_| Refused::BadRequest("the path is not UTF-8"))?;
    if decoded.chars().any(|c| c.is_control() || c == '\\') {
        return Err(Refused::BadRequest("control characters are not allowed"));
    }
    let segments: Vec<&str> = decoded.split('/').collect();
    let last = segments.len() - 1;
    for (i, s) in segments.iter().enumerate() {
        if s.is_empty() && i != last {
            return Err(Refused::BadRequest("empty path segments are not allowed"));
        }
        if *s == "." || *s == ".." {
            return Err(Refused::BadRequest("dot segments are not allowed"));
        }
        if s.contains(':') {
            return Err(Refused::BadRequest("colons are not allowed"));
        }
    }
    Ok(decoded.into_owned())
}

/// What a (checked) site path means, given the files the site has.
pub fn resolve(path: &str, has: impl Fn(&str) -> bool) -> Option<Target> {
    if path == EVENTS_PATH {
        return Some(Target::Events);
    }
    let root = crate::route::root_of(path);
    if path.is_empty() || path.ends_with('/') {
        let key = format!("{path}index.html");
        return has(&key).then_some(Target::File { key, root });
    }
    if has(path) {
        return Some(Target::File {
            key: path.to_string(),
            root,
        });
    }
    if has(&format!("{path}/index.html")) {
        let last = path.rsplit('/').next().unwrap_or(path);
        let location = percent_encoding::utf8_percent_encode(last, SEGMENT).to_string() + "/";
        return Some(Target::Folder { location });
    }
    None
}

/// Characters escaped in a path segment of a `Location`.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'?')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// The Content-Type of a site file, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit('/')
        .next()
        .and_then(|n| n.rsplit_once('.'))
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "txt" => "text/plain; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "zip" => "application/zip",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "odt" => "application/vnd.oasis.opendocument.text",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        _ => "application/octet-stream",
    }
}

/// Answers with `body`; a file of the served site is shared, not copied.
fn respond(rq: Request, status: u16, content_type: &str, body: impl Into<Arc<[u8]>>, extra: &[(&str, &str)]) {
    let body: Arc<[u8]> = body.into();
    let mut headers = vec![
        ("Content-Type", content_type),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
    ];
    headers.extend_from_slice(extra);
    rq.respond(status, &headers, &body);
}

fn plain(rq: Request, status: u16, text: &str, extra: &[(&str, &str)]) {
    respond(
        rq,
        status,
        "text/plain; charset=utf-8",
        format!("{text}\n").into_bytes(),
        extra,
    );
}

/// Answers one request.
pub fn handle(rq: Request, shared: &Shared) {
    let head_only = rq.method == "HEAD";
    if !(rq.method == "GET" || head_only) {
        return plain(
            rq,
            405,
            "405 Method Not Allowed: the preview only answers GET and HEAD",
            &[("Allow", "GET, HEAD")],
        );
    }
    if shared.loopback && !rq.header("Host").is_none_or(is_local_host) {
        return plain(
            rq,
            403,
            "403 Forbidden: the preview answers only addresses of this computer",
            &[],
        );
    }
    let path = match parse_target(&rq.url) {
        Ok(p) => p,
        Err(Refused::BadRequest(why)) => return plain(rq, 400, &format!("400 Bad Request: {why}"), &[]),
    };
    // Everything needed from the state, copied under a short read lock.
    let (target, body, overlay, tag, built) = {
        let live = shared.live();
        let has = |k: &str| live.site.files.contains_key(k) && !live.blocked.contains(k);
        let target = resolve(&path, has);
        let body = match &target {
            Some(Target::File { key, .. }) => live.site.files.get(key).cloned(),
            None => live.site.files.get("404.html").cloned(),
            _ => None,
        };
        (target, body, live.overlay.clone(), live.tag(), live.built)
    };
    match target {
        Some(Target::Events) => {
            if head_only {
                return respond(rq, 200, "text/event-stream; charset=utf-8", vec![], &[]);
            }
            let http11 = rq.http11;
            let out = rq.into_writer();
            shared.clients.add(out, http11, &tag);
        }
        Some(Target::Folder { location }) => {
            plain(rq, 302, &format!("302 Found: {location}"), &[("Location", &location)])
        }
        Some(Target::File { key, root }) => {
            let ct = content_type(&key);
            let body: Arc<[u8]> = body.unwrap_or_else(|| Arc::from(Vec::new()));
            let body = if ct.starts_with("text/html") {
                page(&body, &root, &tag, &overlay).into()
            } else {
                body
            };
            respond(rq, 200, ct, body, &[]);
        }
        None if !built && looks_like_page(&path) => {
            let root = crate::route::root_of(&path);
            let body = page(&live::no_site_page(), &root, &tag, &overlay);
            respond(rq, 503, "text/html; charset=utf-8", body, &[("Retry-After", "1")]);
        }
        None => {
            let root = crate::route::root_of(&path);
            match body {
                Some(b) => respond(
                    rq,
                    404,
                    "text/html; charset=utf-8",
                    page(&b, &root, &tag, &overlay),
                    &[],
                ),
                None => plain(rq, 404, "404 Not Found", &[]),
            }
        }
    }
}

/// An HTML page with the reload script and, while the content has errors,
/// the overlay.
fn page(html: &[u8], root: &str, tag: &str, overlay: &str) -> Vec<u8> {
    live::inject(html, &format!("{overlay}{}", live::script(root, tag)))
}

/// `localhost`, `127.0.0.1`, `[::1]` or `x.localhost`, with or without a port.
pub fn is_local_host(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map(|(h, _)| h).unwrap_or(host)
    };
    let name = name.to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

fn looks_like_page(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or("");
    last.is_empty() || last.ends_with(".html") || !last.contains('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_host_names() {
        for ok in [
            "localhost",
            "localhost:8017",
            "127.0.0.1:8017",
            "[::1]:8017",
            "plan.localhost:8017",
        ] {
            assert!(is_local_host(ok), "{ok}");
        }
        for bad in ["evil.example:8017", "127.0.0.1.evil.example", "example.com"] {
            assert!(!is_local_host(bad), "{bad}");
        }
    }

    #[test]
    fn refuses_paths_that_could_leave_the_site() {
        for bad in [
            "/../etc/passwd",
            "/nn/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/nn/%2e%2e%2f%2e%2e%2fetc/passwd",
            "/..%5c..%5cwindows",
            "/nn\\..\\secret",
            "//etc/passwd",
            "/C:/Windows/win.ini",
            "/assets/%00.css",
            "/./index.html",
            "http://example.com/index.html",
            "*",
            "/%ff%fe",
        ] {
            assert!(parse_target(bad).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn maps_folders_to_index_and_drops_query() {
        assert_eq!(parse_target("/").unwrap(), "");
        assert_eq!(parse_target("/nn/klepp/?a=1#x").unwrap(), "nn/klepp/");
        assert_eq!(parse_target("/nn/h%C3%A5/").unwrap(), "nn/hå/");
        let has = |k: &str| ["index.html", "nn/index.html", "nn/a.csv"].contains(&k);
        assert_eq!(
            resolve("", has),
            Some(Target::File {
                key: "index.html".into(),
                root: "".into()
            })
        );
        assert_eq!(
            resolve("nn/", has),
            Some(Target::File {
                key: "nn/index.html".into(),
                root: "../".into()
            })
        );
        assert_eq!(resolve("nn", has), Some(Target::Folder { location: "nn/".into() }));
        assert_eq!(resolve("nn/b.csv", has), None);
        assert_eq!(resolve(EVENTS_PATH, has), Some(Target::Events));
    }

    #[test]
    fn content_types_carry_a_charset_for_text() {
        assert_eq!(content_type("nn/a/b.csv"), "text/csv; charset=utf-8");
        assert_eq!(content_type("sitemap.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("assets/x.WOFF2"), "font/woff2");
        assert_eq!(content_type("assets/x.jpeg"), "image/jpeg");
        assert_eq!(content_type("assets/noext"), "application/octet-stream");
    }
}
