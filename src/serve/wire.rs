//! HTTP/1.x on the wire, bounded. The preview reads one request per
//! connection and answers it with `Connection: close` (or keeps it as an
//! event stream). The request line and the head are limited in size, count
//! of headers and time, and refused early with 414 and 431: a 50 MB header
//! line or a million headers is never buffered (tiny_http, used before,
//! buffered both whole).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// The longest request line: a site's longest address is far shorter.
pub const MAX_REQUEST_LINE: usize = 8 * 1024;
/// The largest request head (request line and headers), and most headers.
pub const MAX_HEAD: usize = 32 * 1024;
pub const MAX_HEADERS: usize = 100;
/// How long a client may take to send its head (slow clients hold a thread).
const HEAD_TIME: Duration = Duration::from_secs(10);
/// How long writing an answer may block on a client that does not read.
const WRITE_TIME: Duration = Duration::from_secs(30);

/// One request's head, and the connection to answer on.
pub struct Request {
    pub method: String,
    pub url: String,
    pub http11: bool,
    headers: Vec<(String, String)>,
    stream: TcpStream,
}

impl Request {
    /// The first header called `name` (case does not matter).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Answers and closes; a HEAD request gets the head only.
    pub fn respond(mut self, status: u16, headers: &[(&str, &str)], body: &[u8]) {
        let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\nConnection: close\r\n\r\n", body.len()));
        let _ = self.stream.set_write_timeout(Some(WRITE_TIME));
        // A browser that left mid-answer is no error of ours.
        let _ = self.stream.write_all(head.as_bytes());
        if self.method != "HEAD" {
            let _ = self.stream.write_all(body);
        }
        let _ = self.stream.flush();
    }

    /// The connection, for an answer that goes on (the event stream).
    pub fn into_writer(self) -> Box<dyn Write + Send> {
        let _ = self.stream.set_write_timeout(Some(WRITE_TIME));
        Box::new(self.stream)
    }
}

/// Why a request head was not read: answered already, or the client left.
#[derive(Debug, PartialEq, Eq)]
pub enum Unread {
    /// Refused with this status (400, 414, 431).
    Refused(u16),
    /// Closed, silent or too slow: nothing to answer.
    Gone,
}

/// Reads a request head from `stream`, within the limits; refuses one over
/// them with its status before reading further.
pub fn read_request(mut stream: TcpStream) -> Result<Request, Unread> {
    let _ = stream.set_read_timeout(Some(HEAD_TIME));
    let (head, status) = read_head(&mut stream);
    let Some(head) = head else {
        if let Some(s) = status {
            refuse(&mut stream, s);
            return Err(Unread::Refused(s));
        }
        return Err(Unread::Gone);
    };
    match parse_head(&head) {
        Ok((method, url, http11, headers)) => Ok(Request {
            method,
            url,
            http11,
            headers,
            stream,
        }),
        Err(s) => {
            refuse(&mut stream, s);
            Err(Unread::Refused(s))
        }
    }
}

/// The head's bytes up to the blank line, or the status to refuse with
/// (None for a client that left).
fn read_head(stream: &mut impl Read) -> (Option<Vec<u8>>, Option<u16>) {
    let mut buf: Vec<u8> = Vec::with_capacity(1024);
    let mut chunk = [0u8; 4096];
    loop {
        let n = match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return (None, None),
            Ok(n) => n,
        };
        let searched_from = buf.len().saturating_sub(3);
        buf.extend_from_slice(&chunk[..n]);
        if !buf[..buf.len().min(MAX_REQUEST_LINE + 2)].contains(&b'\n') && buf.len() > MAX_REQUEST_LINE + 1 {
            return (None, Some(414));
        }
        if let Some(end) = find_end(&buf, searched_from) {
            if end > MAX_HEAD {
                return (None, Some(431));
            }
            buf.truncate(end);
            return (Some(buf), None);
        }
        if buf.len() > MAX_HEAD {
            return (None, Some(431));
        }
    }
}

/// Where the head ends (after `\r\n\r\n` or `\n\n`), searching from `from`.
fn find_end(buf: &[u8], from: usize) -> Option<usize> {
    (from..buf.len()).find_map(|i| {
        if buf[i..].starts_with(b"\r\n\r\n") {
            Some(i + 4)
        } else if buf[i..].starts_with(b"\n\n") {
            Some(i + 2)
        } else {
            None
        }
    })
}

type Head = (String, String, bool, Vec<(String, String)>);

fn parse_head(head: &[u8]) -> Result<Head, u16> {
    let text = String::from_utf8_lossy(head);
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let first = lines.next().unwrap_or("");
    if first.len() > MAX_REQUEST_LINE {
        return Err(414);
    }
    let mut parts = first.split(' ');
    let (Some(method), Some(url), Some(version), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(400);
    };
    let http11 = match version {
        "HTTP/1.1" => true,
        "HTTP/1.0" => false,
        _ => return Err(400),
    };
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(400);
    }
    let mut headers = Vec::new();
    for line in lines.filter(|l| !l.is_empty()) {
        if headers.len() == MAX_HEADERS {
            return Err(431);
        }
        let Some((k, v)) = line.split_once(':') else {
            return Err(400);
        };
        headers.push((k.trim().to_string(), v.trim().to_string()));
    }
    Ok((method.to_string(), url.to_string(), http11, headers))
}

fn refuse(stream: &mut TcpStream, status: u16) {
    let body = format!("{status} {}\n", reason(status));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(2)));
    let _ = write!(
        stream,
        "HTTP/1.1 {status} {}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        reason(status),
        body.len()
    );
    let _ = stream.flush();
    // Closing with unread bytes resets the connection, which may lose the
    // answer: stop sending, and read (a bounded amount, for a short time)
    // until the client has had it and closes.
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(1)));
    let mut sink = [0u8; 16 * 1024];
    let mut drained = 0usize;
    while drained < 4 * 1024 * 1024 {
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => drained += n,
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        302 => "Found",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_are_read_within_bounds() {
        let (h, s) = read_head(&mut &b"GET / HTTP/1.1\r\nHost: x\r\n\r\nrest"[..]);
        assert_eq!(s, None);
        let (m, u, v11, hs) = parse_head(&h.unwrap()).unwrap();
        assert_eq!((m.as_str(), u.as_str(), v11), ("GET", "/", true));
        assert_eq!(hs, vec![("Host".to_string(), "x".to_string())]);

        let long_line = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MAX_REQUEST_LINE));
        assert_eq!(read_head(&mut long_line.as_bytes()).1, Some(414));
        let big = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(MAX_HEAD));
        assert_eq!(read_head(&mut big.as_bytes()).1, Some(431));
        let many = format!("GET / HTTP/1.1\r\n{}\r\n", "A: b\r\n".repeat(MAX_HEADERS + 1));
        assert_eq!(parse_head(&read_head(&mut many.as_bytes()).0.unwrap()), Err(431));
        assert_eq!(parse_head(b"GET /\r\n\r\n"), Err(400));
        assert_eq!(read_head(&mut &b"GET / HTTP/1.1\r\n"[..]), (None, None));
    }

    /// Stops at the first bytes over the limit: an endless header line is
    /// never read to its end.
    #[test]
    fn an_endless_header_is_refused_after_the_limit() {
        let mut endless = std::io::repeat(b'a');
        let (h, s) = read_head(&mut endless);
        assert_eq!((h, s), (None, Some(414)));
        let mut endless = b"GET / HTTP/1.1\r\nX: ".chain(std::io::repeat(b'a'));
        assert_eq!(read_head(&mut endless).1, Some(431));
    }
}
