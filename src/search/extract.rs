//! What a reader can find on a rendered page: its title, municipality and
//! fallback notice, and its text cut into sections at the headings that
//! have an `id` (the anchors results link to).
//!
//! The page is planvev's own well-formed HTML, so a tag scanner will do;
//! it runs in one pass, linear in the page. Only the element marked
//! `data-search-body` is read (the whole page when none is); inside it,
//! navigation, scripts, drawings (the SVG charts repeat their table),
//! planvev's number cells and anything marked `data-search-ignore` are
//! left out.

use memchr::{memchr, memmem};

/// One heading's part of a page.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Section {
    /// The heading's `id`; empty for the part before the first heading
    /// with one.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub anchor: String,
    /// The heading's text.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// The text under the heading, up to the next heading with an `id`.
    pub text: String,
}

/// A page as search sees it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Doc {
    /// `data-search-meta="title"`, else the first `<h1>`.
    pub title: String,
    /// `data-search-meta="municipality"`.
    pub municipality: String,
    /// `data-search-meta="fallback"`: the notice that the page shows text
    /// in the other written standard.
    pub fallback: String,
    pub sections: Vec<Section>,
}

/// Whether a tag is one of planvev's number cells (`<td class="num">`):
/// nobody searches for a figure, and an excerpt of figures says nothing.
/// Cells of a table written in the narrative are text like any other.
fn number_cell(tag: &Tag) -> bool {
    tag.name == "td"
        && tag
            .attr("class")
            .is_some_and(|c| c.split_whitespace().any(|c| c == "num"))
}

/// What a tag's name says to search.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Does not separate words (`tenest<em>a</em>` is one word).
    Inline,
    /// Has no end tag.
    Void,
    /// Its content is not searched.
    Skipped,
    Other,
}

/// The class of a tag name, in any case: one lookup per tag, since a
/// chart has thousands of tags.
fn class(name: &str) -> Class {
    let mut lower = [0u8; 8];
    let Some(buf) = lower.get_mut(..name.len()) else {
        return Class::Other;
    };
    for (l, b) in buf.iter_mut().zip(name.bytes()) {
        *l = b.to_ascii_lowercase();
    }
    match &*buf {
        b"a" | b"abbr" | b"b" | b"bdi" | b"cite" | b"code" | b"em" | b"i" | b"mark" | b"q" | b"small" | b"span"
        | b"strong" | b"sub" | b"sup" | b"time" => Class::Inline,
        b"area" | b"base" | b"br" | b"col" | b"embed" | b"hr" | b"img" | b"input" | b"link" | b"meta" | b"source"
        | b"track" | b"wbr" => Class::Void,
        b"script" | b"style" | b"svg" | b"nav" | b"template" | b"noscript" => Class::Skipped,
        _ => Class::Other,
    }
}

/// A start or end tag, as scanned.
struct Tag<'a> {
    /// As written: planvev writes names in lower case; others compare
    /// without case.
    name: &'a str,
    end: bool,
    attrs: &'a str,
}

impl Tag<'_> {
    /// The value of attribute `name`, or `Some("")` when it has none.
    fn attr(&self, name: &str) -> Option<String> {
        let mut rest = self.attrs;
        if rest.len() < name.len() {
            return None;
        }
        while let Some(i) = find_word(rest, name) {
            let after = rest[i + name.len()..].trim_start();
            if let Some(v) = after.strip_prefix('=') {
                let v = v.trim_start();
                let quote = v.chars().next().filter(|c| *c == '"' || *c == '\'');
                return Some(match quote {
                    Some(q) => decode(v[1..].split(q).next().unwrap_or_default()),
                    None => decode(
                        v.split(|c: char| c.is_whitespace() || c == '>')
                            .next()
                            .unwrap_or_default(),
                    ),
                });
            }
            if after.is_empty() || after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/') {
                return Some(String::new());
            }
            rest = &rest[i + name.len()..];
        }
        None
    }
}

/// Where `name` occurs in `s` as a whole attribute name. Attribute lists
/// are short: a byte scan beats setting up a substring searcher.
fn find_word(s: &str, name: &str) -> Option<usize> {
    let (hay, needle) = (s.as_bytes(), name.as_bytes());
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
    (0..=hay.len().checked_sub(needle.len())?).find(|&i| {
        hay[i..].starts_with(needle)
            && (i == 0 || !word(hay[i - 1]))
            && hay.get(i + needle.len()).is_none_or(|b| !word(*b))
    })
}

/// An open element and what it means for search.
struct Frame<'a> {
    name: &'a str,
    /// Its content is not searched.
    skip: bool,
    /// It is the `data-search-body`.
    body: bool,
    /// It holds a meta field: the field's name.
    meta: Option<String>,
    /// It is a heading (`h1`–`h6`): its `id`, if any.
    heading: Option<String>,
}

/// What the scanner is in the middle of.
#[derive(Default)]
struct State<'a> {
    doc: Doc,
    open: Vec<Frame<'a>>,
    /// Whether the page marks a body (else all of it is read).
    has_body: bool,
    /// Open frames that skip, or are the body.
    skipping: usize,
    in_body: usize,
    /// Open meta elements and headings.
    metas: usize,
    headings: usize,
    /// The text of the open meta element, and of the open heading.
    meta_text: String,
    heading_text: String,
    /// The first `<h1>`'s text: the title when no meta names one.
    h1: Option<String>,
}

/// Reads a page.
pub fn extract(html: &str) -> Doc {
    let mut st = State {
        has_body: html.contains("data-search-body"),
        ..State::default()
    };
    st.doc.sections.push(Section::default());
    let mut rest = html;
    // Byte searches (memchr): `<`, `>` and `-->` are ASCII, so every
    // offset they give is a character boundary.
    let comment_end = memmem::Finder::new(b"-->");
    while let Some(lt) = memchr(b'<', rest.as_bytes()) {
        st.text(&rest[..lt]);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = comment_end.find(after.as_bytes()).map_or("", |i| &after[i + 3..]);
            continue;
        }
        let Some(gt) = memchr(b'>', rest.as_bytes()) else { break };
        if let Some(tag) = scan_tag(&rest[1..gt]) {
            st.tag(&tag);
        }
        rest = &rest[gt + 1..];
    }
    st.finish()
}

fn scan_tag(inner: &str) -> Option<Tag<'_>> {
    let (end, inner) = match inner.strip_prefix('/') {
        Some(i) => (true, i),
        None => (false, inner),
    };
    let name_len = inner
        .find(|c: char| c.is_whitespace() || c == '/')
        .unwrap_or(inner.len());
    let name = &inner[..name_len];
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    Some(Tag {
        name,
        end,
        attrs: &inner[name_len..],
    })
}

/// `data-search-`, searched for in every start tag: the searcher is made
/// once, not per tag.
static MARK: std::sync::LazyLock<memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memmem::Finder::new(b"data-search-"));

fn is_heading(name: &str) -> bool {
    let b = name.as_bytes();
    b.len() == 2 && b[0].eq_ignore_ascii_case(&b'h') && (b'1'..=b'6').contains(&b[1])
}

impl<'a> State<'a> {
    fn reading(&self) -> bool {
        self.skipping == 0 && (self.in_body > 0 || !self.has_body)
    }

    fn tag(&mut self, tag: &Tag<'a>) {
        let class = class(tag.name);
        if class != Class::Inline {
            self.text(" ");
        }
        let void = class == Class::Void || tag.attrs.trim_end().ends_with('/');
        if tag.end {
            self.close(tag.name);
        } else if !void {
            self.open(tag, class == Class::Skipped);
        }
    }

    fn open(&mut self, tag: &Tag<'a>, skipped: bool) {
        // Most tags have no search attribute: look for one only when the
        // list names one.
        let marked = MARK.find(tag.attrs.as_bytes()).is_some();
        let attr = |name| if marked { tag.attr(name) } else { None };
        let frame = Frame {
            skip: skipped || number_cell(tag) || attr("data-search-ignore").is_some(),
            body: self.has_body && attr("data-search-body").is_some(),
            meta: attr("data-search-meta").filter(|m| !m.is_empty()),
            heading: is_heading(tag.name).then(|| tag.attr("id").unwrap_or_default()),
            name: tag.name,
        };
        // A meta element or a heading is read from its start.
        if frame.meta.is_some() {
            self.meta_text.clear();
        }
        if frame.heading.is_some() {
            self.heading_text.clear();
        }
        self.skipping += usize::from(frame.skip);
        self.in_body += usize::from(frame.body);
        self.metas += usize::from(frame.meta.is_some());
        self.headings += usize::from(frame.heading.is_some());
        self.open.push(frame);
    }

    /// Closes the innermost open element named `name` (and any left open
    /// inside it); an end tag with no open element is ignored.
    fn close(&mut self, name: &str) {
        let Some(at) = self.open.iter().rposition(|f| f.name.eq_ignore_ascii_case(name)) else {
            return;
        };
        while self.open.len() > at {
            let Some(f) = self.open.pop() else { break };
            self.skipping -= usize::from(f.skip);
            self.in_body -= usize::from(f.body);
            self.metas -= usize::from(f.meta.is_some());
            self.headings -= usize::from(f.heading.is_some());
            if let Some(field) = f.meta {
                let text = squash(&std::mem::take(&mut self.meta_text));
                self.set_meta(&field, text);
            }
            if let Some(id) = f.heading {
                self.end_heading(f.name, id);
            }
        }
    }

    fn set_meta(&mut self, field: &str, text: String) {
        let slot = match field {
            "title" => &mut self.doc.title,
            "municipality" => &mut self.doc.municipality,
            "fallback" => &mut self.doc.fallback,
            _ => return,
        };
        if slot.is_empty() {
            *slot = text;
        }
    }

    /// A heading with an `id` starts a section; one without is text of the
    /// section it is in.
    fn end_heading(&mut self, name: &str, id: String) {
        let title = squash(&std::mem::take(&mut self.heading_text));
        if name.eq_ignore_ascii_case("h1") && self.h1.is_none() {
            self.h1 = Some(title.clone());
        }
        if id.is_empty() || !self.reading() {
            self.add_text(&title);
            return;
        }
        self.doc.sections.push(Section {
            anchor: id,
            title,
            text: String::new(),
        });
    }

    fn text(&mut self, raw: &str) {
        if raw.is_empty() {
            return;
        }
        let in_meta = self.metas > 0;
        let reading = self.reading();
        if !in_meta && !reading {
            return;
        }
        let text: std::borrow::Cow<str> = if raw.contains('&') {
            decode(raw).into()
        } else {
            raw.into()
        };
        if in_meta {
            self.meta_text.push_str(&text);
        }
        if !reading {
            return;
        }
        if self.headings > 0 {
            self.heading_text.push_str(&text);
        } else {
            self.add_text(&text);
        }
    }

    fn add_text(&mut self, text: &str) {
        if let Some(s) = self.doc.sections.last_mut() {
            s.text.push_str(text);
        }
    }

    fn finish(mut self) -> Doc {
        if self.doc.title.is_empty() {
            self.doc.title = self.h1.take().unwrap_or_default();
        }
        for s in &mut self.doc.sections {
            s.text = squash(&s.text);
        }
        // The part before the first heading with an id is kept only if it
        // says something.
        self.doc.sections.retain(|s| !s.text.is_empty() || !s.anchor.is_empty());
        self.doc
    }
}

/// Runs of white space as one space, trimmed.
/// What `split_whitespace` joined with spaces gives, a byte at a time
/// where the text is ASCII: a country's pages are 100 MB of text, and
/// deciding char by char took a fifth of the reading.
fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut word: Option<usize> = None;
    let end_word = |word: &mut Option<usize>, at: usize, out: &mut String| {
        if let Some(start) = word.take() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&s[start..at]);
        }
    };
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let (space, len) = match bytes[i] {
            // char::is_whitespace for ASCII: U+0009–U+000D and U+0020.
            b if b.is_ascii() => (matches!(b, b'\t'..=b'\r' | b' '), 1),
            _ => {
                let c = s[i..].chars().next().unwrap_or_default();
                (c.is_whitespace(), c.len_utf8())
            }
        };
        if space {
            end_word(&mut word, i, &mut out);
        } else if word.is_none() {
            word = Some(i);
        }
        i += len;
    }
    end_word(&mut word, s.len(), &mut out);
    out
}

/// Decodes the character references planvev and Markdown write.
fn decode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[..rest.floor_char_boundary(12)].find(';');
        let decoded = end.and_then(|e| entity(&rest[1..e]).map(|c| (c, e)));
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    let num = |digits: &str, radix| u32::from_str_radix(digits, radix).ok().and_then(char::from_u32);
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some('\u{a0}'),
        "shy" => Some('\u{ad}'),
        _ => match name.strip_prefix('#') {
            Some(h) if h.starts_with(['x', 'X']) => num(&h[1..], 16),
            Some(d) => num(d, 10),
            None => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn squash_is_split_whitespace_joined() {
        for s in [
            "",
            "  ",
            " a  b\tc\n",
            "\u{b}x\u{c}y\r",
            "1\u{a0}234 kr\u{202f}5\u{2003}",
            "æ ø\u{3000}å ",
            "\u{85}Ü\u{1c}ber\u{1f}",
        ] {
            let want = s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(super::squash(s), want, "{s:?}");
        }
    }

    /// Every cut of text with entities, tags and letters of two bytes reads
    /// without a panic (a reference near «æøå» once sliced inside a letter).
    #[test]
    fn any_prefix_of_odd_markup_reads() {
        let s = "<main data-search-body><h2 id=\"å\">Å &amp;æææææææ &#x;ø &#99999999;</h2><p>&æøå<b>ø</b><!-- æ --><td class=num>1</td><svg><svg></svg></main></p></x><";
        for (i, _) in s.char_indices() {
            let _ = extract(&s[..i]);
            let _ = extract(&s[i..]);
        }
        assert_eq!(decode("&amp;æææææææ"), "&æææææææ");
    }

    #[test]
    fn reads_sections_meta_and_leaves_out_what_is_not_searched() {
        let html = r#"<html><body><nav>Meny</nav><main data-search-body>
<h1><span data-search-meta="municipality">Klepp</span> · <span data-search-meta="title">Sosiale tenester</span></h1>
<p class="fallback-notice" data-search-meta="fallback" data-search-ignore>Teksten finst berre på bokm&#229;l</p>
<p>Innleiing &amp; <em>tenest</em>a</p>
<nav class="toc"><h2 id="toc-heading">Innhald</h2></nav>
<h2 id="status">Status</h2><p>Tenestene<br>går bra.</p>
<table><caption>Nøkkeltal</caption><tr><th>Årsverk</th><td class="num">1 234,5</td><td>auke</td></tr></table>
<svg><text>Figur</text></svg>
<h3>Utan id</h3><p>Meir.</p>
</main><footer>Fot</footer></body></html>"#;
        let d = extract(html);
        assert_eq!(d.title, "Sosiale tenester");
        assert_eq!(d.municipality, "Klepp");
        assert_eq!(d.fallback, "Teksten finst berre på bokmål");
        let got: Vec<(&str, &str, &str)> = d
            .sections
            .iter()
            .map(|s| (s.anchor.as_str(), s.title.as_str(), s.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("", "", "Klepp · Sosiale tenester Innleiing & tenesta"),
                (
                    "status",
                    "Status",
                    "Tenestene går bra. Nøkkeltal Årsverk auke Utan id Meir."
                )
            ]
        );
    }
}
