//! Markdown to HTML: CommonMark with tables, footnotes and strikethrough;
//! directive lines become marks that the page fills with tables, goal
//! trackers and sections; heading ids are shared across languages.

use crate::content::directive::{self, Directive, Kind, Prepared};
use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};
use std::collections::{HashMap, HashSet};

/// A text as HTML, with marks where the page places its data.
#[derive(Debug, Default)]
pub struct Rendered {
    /// HTML; each data directive is a mark, `\0N\0` for the nth of
    /// `directives`. A text cannot make a mark: NUL in it becomes U+FFFD.
    html: String,
    /// The directives in order.
    pub directives: Vec<Directive>,
}

impl Rendered {
    /// The HTML with each data directive replaced by what `place` makes of
    /// it, in one pass (so 20 000 directives are as quick as one).
    pub fn fill<E>(self, mut place: impl FnMut(&Directive) -> Result<String, E>) -> Result<String, E> {
        let mut out = String::with_capacity(self.html.len());
        let mut rest = self.html.as_str();
        while let Some(i) = rest.find('\0') {
            out.push_str(&rest[..i]);
            let after = &rest[i + 1..];
            let Some(j) = after.find('\0') else {
                rest = after;
                break;
            };
            if let Some(d) = after[..j].parse::<usize>().ok().and_then(|n| self.directives.get(n)) {
                out.push_str(&place(d)?);
            }
            rest = &after[j + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }

    /// The ids its directives of `kind` name, in order.
    pub fn directives_of(&self, kind: Kind) -> Vec<String> {
        (self.directives.iter())
            .filter(|d| d.kind == kind)
            .filter_map(|d| d.id.clone())
            .collect()
    }

    /// The HTML where no data can be placed (the front page, a section):
    /// the marks are left out.
    pub fn without_data(self) -> String {
        self.fill(|_| Ok::<_, ()>(String::new())).unwrap_or_default()
    }

    /// Wraps the HTML (a notice around a text in another language).
    pub fn wrap(mut self, before: &str, after: &str) -> Rendered {
        self.html = format!("{before}{}{after}", self.html);
        self
    }
}

/// Text with each `{{ ref ID }}` as a mark `\u{1}ID\u{1}`, the rest escaped.
fn ref_marks(t: &str) -> String {
    let mut out = String::new();
    let mut last = 0;
    for (at, len, id) in directive::find_refs(t) {
        out.push_str(&super::view::escape(&t[last..at].replace('\u{1}', "\u{fffd}")));
        out.push('\u{1}');
        out.push_str(&super::view::escape(&id.replace('\u{1}', "")));
        out.push('\u{1}');
        last = at + len;
    }
    out.push_str(&super::view::escape(&t[last..].replace('\u{1}', "\u{fffd}")));
    out
}

/// The HTML with every `{{ ref ID }}` mark replaced by what `link` makes of
/// the id ("tabell 3" linked to it), or the words as written where it makes
/// nothing (a text with no numbered tables: `check` reports the id).
pub fn resolve_refs(html: &str, link: impl Fn(&str) -> Option<String>) -> String {
    if !html.contains('\u{1}') {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    let mut parts = html.split('\u{1}');
    out.push_str(parts.next().unwrap_or_default());
    while let Some(id) = parts.next() {
        match link(id) {
            Some(l) => out.push_str(&l),
            None => out.push_str(&format!("{{{{ ref {id} }}}}")),
        }
        out.push_str(parts.next().unwrap_or_default());
    }
    out
}

/// How one piece of Markdown is to be rendered.
pub struct MdOptions<'a> {
    pub raw_html: bool,
    /// The level a top-level heading (`#` or `##`, whichever the text starts
    /// with) gets: 2 on a service-area page, 3 inside the print page.
    pub base_level: u8,
    /// Ids for the headings, by position; more headings than ids get `h-N`.
    pub heading_ids: &'a [String],
    /// Prefixed to heading and footnote ids where several texts share a page.
    pub id_prefix: &'a str,
    /// The page being rendered, and the page the text's relative links were
    /// written for (they differ on the print page, which gathers texts
    /// written for the area pages).
    pub page: &'a str,
    pub links_from: &'a str,
}

fn parse(p: &Prepared) -> pulldown_cmark::OffsetIter<'_, pulldown_cmark::DefaultBrokenLinkCallback> {
    Parser::new_ext(&p.source, directive::markdown_options()).into_offset_iter()
}

/// Slugs for a text's headings, in order, made unique: the ids that every
/// language's version of the text uses.
pub fn heading_slugs(body: &str) -> Vec<String> {
    Parsed::new(body).facts.slugs
}

/// Headings' slugs made unique in order. Linear: each base remembers the
/// next number to try.
#[derive(Default)]
struct Slugs {
    out: Vec<String>,
    taken: HashSet<String>,
    next: HashMap<String, usize>,
}

impl Slugs {
    fn push(&mut self, heading: &str) {
        let base = crate::content::slug::propose(heading);
        let mut slug = base.clone();
        if self.taken.contains(&slug) {
            let k = self.next.entry(base.clone()).or_insert(2);
            loop {
                slug = format!("{base}-{k}");
                *k += 1;
                if !self.taken.contains(&slug) {
                    break;
                }
            }
        }
        self.taken.insert(slug.clone());
        self.out.push(slug);
    }
}

/// Everything `check` and the pages need to know of a text besides its
/// HTML, found in one reading of the prepared text (four readings before:
/// a country's narratives paid 7 % of the build for them).
#[derive(Debug, Default, Clone)]
struct Facts {
    /// The top heading level (2 when there is no heading).
    min_level: u8,
    slugs: Vec<String>,
    links: Vec<Link>,
    refs: Vec<(u32, String)>,
    refs_in_links: Vec<(u32, String)>,
    /// Images with no text between their brackets (line, column, address).
    images_without_text: Vec<(u32, u32, String)>,
}

impl Facts {
    fn of(p: &Prepared) -> Facts {
        let mut f = Facts::default();
        let mut min_level = None;
        let mut slugs = Slugs::default();
        let mut heading: Option<String> = None;
        // Where Markdown reads plain text, for `{{ ref ID }}`: each run of
        // touching text events is searched whole.
        let mut reading = directive::Plain::default();
        let mut plain: Option<std::ops::Range<usize>> = None;
        // The open image: where it starts, its address, and its text so far.
        let mut image: Option<(usize, String, String)> = None;
        for (ev, range) in parse(p) {
            let is_plain = reading.see(&ev);
            if let Some(r) = plain.take_if(|r| !(is_plain && r.end == range.start)) {
                f.refs_in(p, r);
            }
            match ev {
                Event::Start(Tag::Heading { level, .. }) => {
                    let level = level as u8;
                    min_level = Some(min_level.map_or(level, |m: u8| m.min(level)));
                    heading = Some(String::new());
                }
                Event::End(TagEnd::Heading(_)) => slugs.push(&heading.take().unwrap_or_default()),
                Event::Start(Tag::Link { dest_url, .. }) => f.link(p, dest_url.to_string(), range.start, false),
                Event::Start(Tag::Image { dest_url, .. }) => {
                    f.link(p, dest_url.to_string(), range.start, true);
                    image = Some((range.start, dest_url.to_string(), String::new()));
                }
                Event::End(TagEnd::Image) => {
                    if let Some((at, dest, _)) = image.take().filter(|(_, _, text)| text.trim().is_empty()) {
                        let (line, col) = p.line_col(at);
                        f.images_without_text.push((line, col, dest));
                    }
                }
                Event::Code(t) => {
                    heading.iter_mut().for_each(|h| h.push_str(&t));
                    image.iter_mut().for_each(|i| i.2.push_str(&t));
                }
                Event::Text(t) => {
                    heading.iter_mut().for_each(|h| h.push_str(&t));
                    image.iter_mut().for_each(|i| i.2.push_str(&t));
                    if is_plain {
                        plain.get_or_insert(range.clone()).end = range.end;
                    } else if reading.in_link() {
                        // A text event is on one line (a line break is an event).
                        let line = p.line_col(range.start).0;
                        f.refs_in_links
                            .extend(directive::find_refs(&t).into_iter().map(|(_, _, id)| (line, id)));
                    }
                }
                _ => {}
            }
        }
        if let Some(r) = plain {
            f.refs_in(p, r);
        }
        f.min_level = min_level.unwrap_or(2);
        f.slugs = slugs.out;
        f
    }

    fn link(&mut self, p: &Prepared, dest: String, at: usize, is_image: bool) {
        let (line, col) = p.line_col(at);
        self.links.push((dest, line, col, is_image));
    }

    fn refs_in(&mut self, p: &Prepared, r: std::ops::Range<usize>) {
        for (at, _, id) in directive::find_refs(&p.source[r.clone()]) {
            self.refs.push((p.line_col(r.start + at).0, id));
        }
    }
}

fn level_from(n: u8) -> HeadingLevel {
    match n {
        0 | 1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// What a directive's paragraph becomes: a language passage's tags, or the
/// mark where the page places data.
fn directive_html(n: usize, d: &Directive) -> String {
    match (&d.kind, d.id.as_deref()) {
        (Kind::Lang, Some(code)) if crate::content::text::is_lang_code(code) => format!("<div lang=\"{code}\">\n"),
        (Kind::Lang, _) => String::new(),
        (Kind::EndLang, _) => "</div>\n".to_string(),
        _ => format!("\0{n}\0\n"),
    }
}

/// A text made ready once for every page that shows it (its area page, the
/// print page, in each language that falls back to it): directives found,
/// and what `check` and the pages need besides the HTML (top heading level,
/// heading ids, links, table references) found in one reading.
#[derive(Debug, Default, Clone)]
pub struct Parsed {
    prepared: Prepared,
    facts: Facts,
}

impl Parsed {
    /// The directives of the text, in order.
    pub fn directives(&self) -> &[Directive] {
        &self.prepared.directives
    }

    /// The ids of the text's headings, in order, made unique.
    pub fn heading_slugs(&self) -> &[String] {
        &self.facts.slugs
    }

    /// The text's links and images, in order.
    pub fn links(&self) -> &[Link] {
        &self.facts.links
    }

    /// Every `{{ ref ID }}` where Markdown reads plain text (not in code),
    /// with its 1-based line in the body.
    pub fn refs(&self) -> &[(u32, String)] {
        &self.facts.refs
    }

    /// Every `{{ ref ID }}` in a link's or image's own text, which the page
    /// shows as written (a link cannot hold another link), with its line.
    pub fn refs_in_links(&self) -> &[(u32, String)] {
        &self.facts.refs_in_links
    }

    /// Images with no text for readers who cannot see them: (line,
    /// column, address).
    pub fn images_without_text(&self) -> &[(u32, u32, String)] {
        &self.facts.images_without_text
    }

    pub fn new(body: &str) -> Parsed {
        let prepared = directive::prepare(body);
        let facts = Facts::of(&prepared);
        Parsed { prepared, facts }
    }
}

pub fn render(body: &str, opts: &MdOptions) -> Rendered {
    render_parsed(&Parsed::new(body), opts)
}

/// Renders a text parsed before; the page-specific parts (heading levels,
/// id prefixes, relative links) come from `opts`.
pub fn render_parsed(parsed: &Parsed, opts: &MdOptions) -> Rendered {
    let p = &parsed.prepared;
    let shift = opts.base_level as i16 - parsed.facts.min_level as i16;
    let mut heading_index = 0usize;
    let mut next_directive = 0usize;
    let mut in_directive = false;
    let mut reading = directive::Plain::default();
    let events = parse(p).filter_map(|(ev, range)| {
        let plain = reading.see(&ev);
        if in_directive {
            in_directive = !matches!(ev, Event::End(TagEnd::Paragraph));
            return None;
        }
        Some(match ev {
            // `{{ lang nb }}` … `{{ /lang }}` mark a passage in another
            // language (a quoted law in bokmål on a nynorsk page), for
            // screen readers.
            Event::Start(Tag::Paragraph) if p.starts.get(next_directive) == Some(&range.start) => {
                in_directive = true;
                next_directive += 1;
                let n = next_directive - 1;
                Event::Html(CowStr::from(directive_html(n, &p.directives[n])))
            }
            Event::Start(Tag::Heading {
                level, classes, attrs, ..
            }) => {
                let id = opts
                    .heading_ids
                    .get(heading_index)
                    .cloned()
                    .unwrap_or_else(|| format!("h-{}", heading_index + 1));
                heading_index += 1;
                let new_level = level_from((level as i16 + shift).clamp(1, 6) as u8);
                Event::Start(Tag::Heading {
                    level: new_level,
                    id: Some(CowStr::from(format!("{}{id}", opts.id_prefix))),
                    classes,
                    attrs,
                })
            }
            Event::End(TagEnd::Heading(level)) => {
                Event::End(TagEnd::Heading(level_from((level as i16 + shift).clamp(1, 6) as u8)))
            }
            Event::FootnoteReference(label) => {
                Event::FootnoteReference(CowStr::from(format!("{}fn-{label}", opts.id_prefix)))
            }
            Event::Start(Tag::FootnoteDefinition(label)) => Event::Start(Tag::FootnoteDefinition(CowStr::from(
                format!("{}fn-{label}", opts.id_prefix),
            ))),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: relink(safe_url(dest_url), opts),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: relink(safe_url(dest_url), opts),
                title,
                id,
            }),
            // `{{ ref ID }}`: a mark the page replaces with "tabell 3",
            // once it has numbered its tables and figures.
            // Only where `check` looks for them: not in code or link text.
            Event::Text(t) if plain && !directive::find_refs(&t).is_empty() => {
                Event::InlineHtml(CowStr::from(ref_marks(&t)))
            }
            // Raw HTML is shown as text unless the site allows it: an
            // editor's stray `<script>` must not run on a municipality's site.
            Event::Html(s) | Event::InlineHtml(s) if !opts.raw_html => Event::Text(s),
            other => other,
        })
    });
    let mut out = String::with_capacity(p.source.len() * 3 / 2);
    html::push_html(&mut out, events);
    Rendered {
        html: out,
        directives: p.directives.clone(),
    }
}

/// A link target that cannot run script: `javascript:` and the like become
/// a link to nowhere.
fn safe_url(url: CowStr) -> CowStr {
    let lower: String = url
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    if ["javascript:", "vbscript:", "data:text", "file:"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        CowStr::from("#")
    } else {
        url
    }
}

/// Where a link in a text points inside the site: the target file relative
/// to the site root and the fragment. None for links to other sites (a
/// scheme such as `https:` or `mailto:`). `/x` is the site root's `x`, so
/// authors can link to `/assets/kart.pdf` and the site still works under
/// any path; anything else is relative to the page it was written for.
pub fn resolve(from_page: &str, dest: &str) -> Option<(String, String)> {
    let (path, frag) = dest.split_once('#').unwrap_or((dest, ""));
    let scheme = path.find(':').is_some_and(|i| !path[..i].contains('/'));
    if scheme || path.starts_with("//") {
        return None;
    }
    let mut parts: Vec<&str> = if path.starts_with('/') || path.is_empty() {
        vec![]
    } else {
        from_page
            .split('/')
            .collect::<Vec<_>>()
            .split_last()
            .map(|(_, d)| d.to_vec())
            .unwrap_or_default()
    };
    if path.is_empty() {
        return Some((from_page.to_string(), frag.to_string()));
    }
    for seg in path.trim_start_matches('/').split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut target = parts.join("/");
    if path.ends_with('/') || target.is_empty() {
        target = if target.is_empty() {
            "index.html".into()
        } else {
            format!("{target}/index.html")
        };
    }
    Some((target, frag.to_string()))
}

/// The file a link leads to in the built site, as `check` looks it up:
/// the address without its query (`kart.pdf?side=2`) and decoded
/// (`plan%20A.pdf` is the file `plan A.pdf`, `b%C3%A6rum.pdf` is `bærum.pdf`),
/// as a browser and a web server read it. None for links to other sites.
pub fn link_target(from_page: &str, dest: &str) -> Option<(String, String)> {
    let (path, frag) = dest.split_once('#').unwrap_or((dest, ""));
    let path = path.split_once('?').map_or(path, |(p, _)| p);
    let decode = |s: &str| percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned();
    let (target, _) = resolve(from_page, path)?;
    Some((decode(&target), decode(frag)))
}

/// A link as the page being rendered needs it.
fn relink<'a>(url: CowStr<'a>, opts: &MdOptions) -> CowStr<'a> {
    if url.starts_with('#') {
        return if opts.id_prefix.is_empty() {
            url
        } else {
            CowStr::from(format!("#{}{}", opts.id_prefix, url.strip_prefix('#').unwrap_or(&url)))
        };
    }
    if opts.page == opts.links_from && !url.starts_with('/') {
        return url;
    }
    match resolve(opts.links_from, &url) {
        Some((target, frag)) => {
            let mut href = crate::route::rel(opts.page, &target);
            if !frag.is_empty() {
                href.push('#');
                href.push_str(&frag);
            }
            CowStr::from(href)
        }
        None => url,
    }
}

/// Links and images in a text, with the line each is on, for `check`.
pub fn links(body: &str) -> Vec<Link> {
    Parsed::new(body).facts.links
}

/// A link or image of a text: its address as written, line and column
/// in the body, and whether it is an image.
pub type Link = (String, u32, u32, bool);

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(ids: &[String]) -> MdOptions<'_> {
        MdOptions {
            page: "nn/a/b/index.html",
            links_from: "nn/a/b/index.html",
            raw_html: false,
            base_level: 2,
            heading_ids: ids,
            id_prefix: "",
        }
    }

    #[test]
    fn headings_shift_and_share_ids() {
        let ids = heading_slugs("## Status\n\n## Utfordringar\n");
        assert_eq!(ids, vec!["status", "utfordringar"]);
        let out = render("# Status\n\nTekst\n\n# Utfordringer\n", &opts(&ids));
        assert!(out.html.contains("<h2 id=\"status\">Status</h2>"), "{}", out.html);
        assert!(
            out.html.contains("<h2 id=\"utfordringar\">Utfordringer</h2>"),
            "{}",
            out.html
        );
    }

    #[test]
    fn links_resolve_and_follow_the_text_to_the_print_page() {
        assert_eq!(
            resolve("nn/k/a/index.html", "../b/"),
            Some(("nn/k/b/index.html".into(), "".into()))
        );
        assert_eq!(
            resolve("nn/k/a/index.html", "/assets/x.pdf#p2"),
            Some(("assets/x.pdf".into(), "p2".into()))
        );
        assert_eq!(resolve("nn/k/a/index.html", "https://uustatus.no/"), None);
        assert_eq!(resolve("nn/k/a/index.html", "../../../../x"), None);
        let o = MdOptions {
            raw_html: false,
            base_level: 3,
            heading_ids: &[],
            id_prefix: "a-",
            page: "nn/k/print.html",
            links_from: "nn/k/a/index.html",
        };
        let out = render(
            "[B](../b/index.html) [S](#status) [K](kart.png) [R](/nn/index.html)",
            &o,
        );
        assert!(out.html.contains("href=\"b/index.html\""), "{}", out.html);
        assert!(out.html.contains("href=\"#a-status\""), "{}", out.html);
        assert!(out.html.contains("href=\"a/kart.png\""), "{}", out.html);
        assert!(out.html.contains("href=\"../index.html\""), "{}", out.html);
    }

    #[test]
    fn passages_in_another_language_are_marked() {
        let out = render(
            "Lova seier:\n\n{{ lang nb }}\n> Formålet med loven\n{{ /lang }}\n",
            &opts(&[]),
        );
        assert!(out.html.contains("<div lang=\"nb\">\n<blockquote>"), "{}", out.html);
        assert!(out.html.contains("</blockquote>\n</div>"), "{}", out.html);
    }

    #[test]
    fn raw_html_is_escaped() {
        let out = render("Hei <script>alert(1)</script>\n\n<div>x</div>\n", &opts(&[]));
        assert!(!out.html.contains("<script>"), "{}", out.html);
        assert!(out.html.contains("&lt;script&gt;"), "{}", out.html);
        assert!(!out.html.contains("<div>"), "{}", out.html);
    }

    #[test]
    fn directives_are_filled_in_place() {
        let out = render("Tekst\n{{ table budsjett }}\nMeir\n", &opts(&[]));
        assert_eq!(out.directives.len(), 1);
        let html = out
            .fill(|d| Ok::<_, ()>(format!("<table id=\"{}\"></table>", d.id.as_deref().unwrap())))
            .unwrap();
        assert_eq!(html, "<p>Tekst</p>\n<table id=\"budsjett\"></table>\n<p>Meir</p>\n");
    }

    #[test]
    fn extensions_on() {
        let out = render(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~ y[^1]\n\n[^1]: Note\n",
            &opts(&[]),
        );
        assert!(out.html.contains("<table>"));
        assert!(out.html.contains("<del>x</del>"));
        assert!(out.html.contains("fn-1"));
    }
}
