//! The live part of the preview: the browsers listening for changes
//! (server-sent events), the script that listens, and the overlay that shows
//! the errors in the page. The script and the overlay are added to HTML
//! responses only; the site in memory stays what `build` would write.

use crate::diag::Diagnostic;
use crate::render::view::escape;
use std::io::Write;
use std::sync::Mutex;

/// The event endpoint, relative to the site root. Pages reach it relative
/// to themselves, so a preview served under a base path works too.
pub const EVENTS_PATH: &str = "__planvev/events";

/// Browsers reconnect this soon (ms) when the server went away.
const RETRY_MS: u32 = 500;

struct Client {
    out: Box<dyn Write + Send>,
    /// HTTP/1.1 responses are chunked so they can be ended cleanly.
    chunked: bool,
}

impl Client {
    fn send(&mut self, payload: &str) -> std::io::Result<()> {
        if self.chunked {
            write!(self.out, "{:x}\r\n{payload}\r\n", payload.len())?;
        } else {
            self.out.write_all(payload.as_bytes())?;
        }
        self.out.flush()
    }
}

/// The open event streams.
#[derive(Default)]
pub struct Clients {
    list: Mutex<Vec<Client>>,
}

impl Clients {
    /// Takes over a connection: writes the response head and a `hello`
    /// event with the current version tag, then keeps it for broadcasts.
    pub fn add(&self, out: Box<dyn Write + Send>, http11: bool, tag: &str) {
        let mut c = Client { out, chunked: http11 };
        let head = format!(
            "HTTP/1.{} 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n{}\r\n",
            u8::from(http11),
            if http11 { "Transfer-Encoding: chunked\r\n" } else { "Connection: close\r\n" }
        );
        let ok = c.out.write_all(head.as_bytes()).is_ok()
            && c.send(&format!("retry: {RETRY_MS}\n\n")).is_ok()
            && c.send(&event("hello", tag)).is_ok();
        if ok {
            self.lock().push(c);
        }
    }

    /// Sends an event to every browser; the ones that went away are dropped.
    pub fn broadcast(&self, name: &str, data: &str) {
        let payload = event(name, data);
        self.lock().retain_mut(|c| c.send(&payload).is_ok());
    }

    /// A comment line that keeps proxies from closing idle streams and finds
    /// browsers that left.
    pub fn ping(&self) {
        self.lock().retain_mut(|c| c.send(": ping\n\n").is_ok());
    }

    pub fn count(&self) -> usize {
        self.lock().len()
    }

    /// Ends every stream (the server is stopping).
    pub fn close_all(&self) {
        for mut c in self.lock().drain(..) {
            if c.chunked {
                let _ = c.out.write_all(b"0\r\n\r\n");
            }
            let _ = c.out.flush();
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Client>> {
        self.list.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn event(name: &str, data: &str) -> String {
    format!("event: {name}\ndata: {data}\n\n")
}

/// The script added to every HTML page. `root` climbs from the page to the
/// site root (`../../`), `tag` is the version of the site the page shows.
/// On a `reload` event with another version (or a `hello` after a restart)
/// the page reloads and keeps its scroll position.
pub fn script(root: &str, tag: &str) -> String {
    let url = js_string(&format!("{root}{EVENTS_PATH}"));
    let tag = js_string(tag);
    format!(
        r#"<script data-planvev-live>
(function () {{
  var tag = {tag}, key = "planvev-scroll:" + location.pathname;
  function restore() {{
    try {{
      var y = sessionStorage.getItem(key);
      if (y !== null) {{ window.scrollTo(0, +y); }}
    }} catch (e) {{}}
  }}
  restore();
  window.addEventListener("load", function () {{
    restore();
    try {{ sessionStorage.removeItem(key); }} catch (e) {{}}
  }});
  if (!window.EventSource) {{ return; }}
  var events = new EventSource({url});
  function reload(e) {{
    if (e.data === tag) {{ return; }}
    try {{ sessionStorage.setItem(key, String(window.scrollY)); }} catch (err) {{}}
    events.close();
    location.reload();
  }}
  events.addEventListener("hello", reload);
  events.addEventListener("reload", reload);
}})();
</script>
"#
    )
}

/// A JSON string literal safe inside `<script>`.
fn js_string(s: &str) -> String {
    serde_json::to_string(s)
        .unwrap_or_else(|_| "\"\"".into())
        .replace('<', "\\u003c")
}

/// The overlay that lists the errors, or an empty string when there are
/// none. The text is in English, like the messages.
pub fn overlay(errors: &[Diagnostic]) -> String {
    if errors.is_empty() {
        return String::new();
    }
    let n = errors.len();
    let mut items = String::new();
    let mut sources: std::collections::HashMap<&std::path::Path, Option<String>> = Default::default();
    for d in errors {
        let src = sources.entry(d.file.as_path()).or_insert_with(|| {
            std::fs::read(&d.file)
                .ok()
                .map(|b| String::from_utf8_lossy(&b).into_owned())
        });
        items.push_str(&item(d, src.as_deref()));
    }
    format!(
        r#"<div id="planvev-overlay" role="alert" aria-labelledby="planvev-overlay-title" lang="en">
<style>
#planvev-overlay{{position:fixed;left:0;right:0;bottom:0;z-index:2147483647;max-height:60vh;overflow:auto;box-sizing:border-box;padding:1rem 1.25rem;background:#fff;color:#1b1b1b;border-top:.4rem solid #b3261e;box-shadow:0 -.25rem 1rem rgba(0,0,0,.35);font:1rem/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;text-align:left}}
#planvev-overlay h2{{margin:0 0 .25rem;font-size:1.2rem;color:#8c1d18}}
#planvev-overlay p{{margin:.2rem 0}}
#planvev-overlay ol{{margin:.5rem 0 0;padding-left:1.5rem}}
#planvev-overlay li{{margin:0 0 .75rem}}
#planvev-overlay code,#planvev-overlay pre{{font:.95rem/1.35 ui-monospace,Menlo,Consolas,monospace}}
#planvev-overlay pre{{margin:.25rem 0;padding:.4rem .6rem;background:#f3f3f3;color:#1b1b1b;overflow:auto;white-space:pre}}
#planvev-overlay .planvev-place{{font-weight:bold}}
#planvev-overlay button{{position:absolute;top:.75rem;right:1rem;font:inherit;padding:.2rem .8rem;border:2px solid #1b1b1b;border-radius:.25rem;background:#fff;color:#1b1b1b;cursor:pointer}}
#planvev-overlay button:focus-visible{{outline:3px solid #1d4ed8;outline-offset:2px}}
</style>
<h2 id="planvev-overlay-title">{title}</h2>
<p>The page shows the last version that built without errors. It updates by itself when you save the fix.</p>
<ol>
{items}</ol>
<button type="button" onclick="document.getElementById('planvev-overlay').hidden=true">Hide</button>
</div>
"#,
        title = if n == 1 {
            "planvev: the content has 1 error".to_string()
        } else {
            format!("planvev: the content has {n} errors")
        }
    )
}

fn item(d: &Diagnostic, source: Option<&str>) -> String {
    let mut place = format!("<code>{}</code>", escape(&d.file.display().to_string()));
    if d.line > 0 {
        place.push_str(&format!(", line {}", d.line));
        if d.column > 0 {
            place.push_str(&format!(", column {}", d.column));
        }
    }
    let mut s = format!(
        "<li><p class=\"planvev-place\">{place}</p>\n<p class=\"planvev-message\">{}</p>\n",
        escape(&d.message)
    );
    let line = (d.line > 0)
        .then(|| source.and_then(|src| src.lines().nth(d.line as usize - 1)))
        .flatten();
    if let Some(text) = line {
        let text = text.trim_end_matches('\r').replace('\t', "    ");
        let num = d.line.to_string();
        let mut pre = format!("{num} | {text}");
        if d.column > 0 {
            let width: usize = text.chars().take(d.column as usize - 1).count();
            pre.push_str(&format!("\n{} | {}^", " ".repeat(num.len()), " ".repeat(width)));
        }
        s.push_str(&format!("<pre>{}</pre>\n", escape(&pre)));
    }
    if let Some(h) = &d.hint {
        s.push_str(&format!("<p class=\"planvev-hint\">Hint: {}</p>\n", escape(h)));
    }
    s.push_str("</li>\n");
    s
}

/// Puts `extra` just before the page's last `</body>` (or at the end).
pub fn inject(html: &[u8], extra: &str) -> Vec<u8> {
    let at = rfind_ci(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn rfind_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if hay.len() < needle.len() {
        return None;
    }
    (0..=hay.len() - needle.len())
        .rev()
        .find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// The page served for every HTML address while no build has succeeded.
pub fn no_site_page() -> Vec<u8> {
    br#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>planvev: the site could not be built yet</title>
</head>
<body>
<main>
<h1>The site could not be built yet</h1>
<p>Fix the errors listed below and save; this page reloads by itself.</p>
</main>
</body>
</html>
"#
    .to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_before_the_last_body_end() {
        let out = inject(b"<body><p>x</p></BODY></html>", "<i>");
        assert_eq!(out, b"<body><p>x</p><i></BODY></html>");
        assert_eq!(inject(b"<p>x</p>", "<i>"), b"<p>x</p><i>");
    }

    #[test]
    fn overlay_escapes_and_names_the_place() {
        let d = Diagnostic::error("content/a/b/data.yaml", "bad <value>")
            .at(3, 2)
            .hint("write \"1\"");
        let html = overlay(&[d]);
        assert!(html.contains("role=\"alert\""));
        assert!(html.contains("<code>content/a/b/data.yaml</code>, line 3, column 2"));
        assert!(html.contains("bad &lt;value&gt;"));
        assert!(html.contains("Hint: write &quot;1&quot;"));
        assert!(overlay(&[]).is_empty());
    }

    #[test]
    fn script_reaches_the_endpoint_relative_to_the_page() {
        let s = script("../../", "x-1");
        assert!(s.contains("new EventSource(\"../../__planvev/events\")"), "{s}");
        let s = script("", "x-1");
        assert!(s.contains("new EventSource(\"__planvev/events\")"), "{s}");
        assert!(!script("", "</script>").contains("</script>\""));
    }
}
