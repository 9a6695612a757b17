//! Directives: a line holding only `{{ table ID }}`, `{{ goals }}`,
//! `{{ chart ID }}` or `{{ section ID }}` places data in the narrative;
//! `{{ lang CODE }}` … `{{ /lang }}` mark a passage in another language.
//!
//! Which lines are directives is decided here, once, with the same Markdown
//! parse (pulldown-cmark, same options) that renders the page: a line is a
//! directive only where Markdown reads it as plain text of a paragraph, a
//! heading or a table cell. So a directive inside a code block (however the
//! fence is written), an HTML comment, `<pre>` or an inline code span is
//! text, and `check` and the page can never disagree.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// The Markdown extensions planvev uses, for every parse of a text.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// What a directive does, parsed once from its first word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Table,
    Goals,
    Chart,
    Section,
    Lang,
    EndLang,
    /// A word that is not a directive (`{{ tabel x }}`), kept so `check`
    /// can name it and suggest the nearest.
    Unknown(String),
}

impl Kind {
    /// Every directive's word, for suggestions.
    pub const NAMES: [&'static str; 6] = ["table", "goals", "chart", "section", "lang", "/lang"];

    pub fn parse(word: &str) -> Kind {
        match word {
            "table" => Kind::Table,
            "goals" => Kind::Goals,
            "chart" => Kind::Chart,
            "section" => Kind::Section,
            "lang" => Kind::Lang,
            "/lang" => Kind::EndLang,
            other => Kind::Unknown(other.to_string()),
        }
    }

    /// Directives that mark text rather than place data: allowed in every
    /// text, and rendered by the Markdown renderer itself.
    pub fn is_marking(&self) -> bool {
        matches!(self, Kind::Lang | Kind::EndLang)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub kind: Kind,
    pub id: Option<String>,
    /// A word after the id: `{{ chart ID line }}` chooses how to draw.
    pub arg: Option<String>,
    /// 1-based line in the Markdown body.
    pub line: u32,
    /// The whole line as written, for messages.
    pub text: String,
}

/// A text made ready to render: every directive line stands alone, with a
/// blank line before and after it, so it is a paragraph of its own (a `---`
/// after it is a rule, not a heading underline; the line after it starts a
/// new block).
#[derive(Debug, Default, Clone)]
pub struct Prepared {
    /// The Markdown to parse for the page, its heading ids and its links.
    pub source: String,
    pub directives: Vec<Directive>,
    /// Where in `source` the nth directive's line starts: the paragraph
    /// that starts there is the directive.
    pub starts: Vec<usize>,
    /// (offset in `source`, offset in the text) where an unchanged stretch
    /// of the text begins, so places in `source` map back to the file.
    anchors: Vec<(usize, usize)>,
    lines: LineIndex,
}

impl Prepared {
    /// Line and column (1-based) in the text of an offset in `source`.
    pub fn line_col(&self, source_offset: usize) -> (u32, u32) {
        let i = self.anchors.partition_point(|a| a.0 <= source_offset);
        let (s, o) = self.anchors[i.saturating_sub(1)];
        self.lines.line_col(o + source_offset.saturating_sub(s))
    }
}

/// Finds the directives of a text and makes it ready to render. Linear in
/// the text's length.
pub fn prepare(body: &str) -> Prepared {
    let text = normalise(body);
    let lines = LineIndex::new(&text);
    let plain = plain_text_ranges(&text);
    let mut p = Prepared {
        source: String::with_capacity(text.len() + 16),
        anchors: vec![(0, 0)],
        ..Prepared::default()
    };
    let mut copied = 0;
    let mut next_plain = 0;
    for (number, line_range) in lines.ranges(&text).enumerate() {
        let raw = &text[line_range.clone()];
        let trimmed = raw.trim();
        if !(trimmed.starts_with("{{") && trimmed.ends_with("}}")) {
            continue;
        }
        let start = line_range.start + (raw.len() - raw.trim_start().len());
        let end = start + trimmed.len();
        while next_plain < plain.len() && plain[next_plain].end < end {
            next_plain += 1;
        }
        if !plain.get(next_plain).is_some_and(|r| r.start <= start && end <= r.end) {
            continue;
        }
        let Some(d) = parse_line(trimmed, number as u32 + 1) else {
            continue;
        };
        p.source.push_str(&text[copied..line_range.start]);
        p.source.push('\n');
        p.starts.push(p.source.len());
        p.source.push_str(trimmed);
        p.source.push('\n');
        p.anchors.push((p.source.len(), line_range.end));
        p.directives.push(d);
        copied = line_range.end;
    }
    p.source.push_str(&text[copied..]);
    p.lines = lines;
    p
}

/// The directives of a text, in order.
pub fn scan(body: &str) -> Vec<Directive> {
    prepare(body).directives
}

/// `{{ ref ID }}` in running text: where each starts in `text` (a byte
/// offset), how long it is and the id it names. A table or figure referred
/// to by id reads "tabell 3" / "figur 2" on the page, linked to it.
pub fn find_refs(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut from = 0;
    // Where the next `}}` starts, remembered so that many `{{` before one
    // `}}` do not each search the rest of the text for it (linear time).
    let mut close = 0;
    // SIMD byte searches, made once (`str::find` builds a searcher per
    // call and searches a byte at a time): every run of a text's plain
    // text is searched, on every page that shows it. The needles are
    // ASCII, so every offset found is a character boundary.
    static OPEN: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"{{"));
    static CLOSE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"}}"));
    let bytes = text.as_bytes();
    while let Some(i) = OPEN.find(&bytes[from..]) {
        let start = from + i;
        if close < start + 2 {
            let Some(j) = CLOSE.find(&bytes[start + 2..]) else {
                break;
            };
            close = start + 2 + j;
        }
        let inner = &text[start + 2..close];
        let mut words = inner.split_whitespace();
        if let (Some("ref"), Some(id), None) = (words.next(), words.next(), words.next()) {
            out.push((start, close + 2 - start, id.to_string()));
        }
        from = start + 2;
    }
    out
}

/// Line endings as LF (old Mac files end lines with CR alone, which
/// Markdown reads as line ends too) and NUL as U+FFFD, as CommonMark does;
/// the renderer uses NUL to mark where data goes.
fn normalise(body: &str) -> std::borrow::Cow<'_, str> {
    if !body.bytes().any(|b| b == b'\r' || b == b'\0') {
        return body.into();
    }
    body.replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\0', "\u{fffd}")
        .into()
}

/// The stretches of `text` that Markdown reads as plain text of a
/// paragraph, heading, list item or table cell (not code, HTML, or link
/// text), merged where they touch.
fn plain_text_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut plain = Plain::default();
    for (ev, range) in Parser::new_ext(text, markdown_options()).into_offset_iter() {
        if !plain.see(&ev) {
            continue;
        }
        match out.last_mut() {
            Some(last) if last.end == range.start => last.end = range.end,
            _ => out.push(range),
        }
    }
    out
}

/// Follows a text's Markdown events to tell which are plain text, where a
/// directive or a `{{ ref ID }}` is read: text in a paragraph, heading,
/// table cell or list item (a tight list's items have no paragraph), but
/// not in code or in a link's or image's text.
#[derive(Debug, Default)]
pub struct Plain {
    leaf: usize,
    link: usize,
    code: usize,
}

impl Plain {
    /// Whether the last event seen was inside a link's or image's text
    /// (and not in code): a `{{ ref }}` there stays as written.
    pub fn in_link(&self) -> bool {
        self.link > 0 && self.code == 0
    }

    /// Notes `ev`; whether it is plain text.
    pub fn see(&mut self, ev: &Event) -> bool {
        match ev {
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::TableCell | Tag::Item) => self.leaf += 1,
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell | TagEnd::Item) => {
                self.leaf = self.leaf.saturating_sub(1)
            }
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => self.link += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => self.link = self.link.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => self.code += 1,
            Event::End(TagEnd::CodeBlock) => self.code = self.code.saturating_sub(1),
            Event::Text(_) => return self.leaf > 0 && self.link == 0 && self.code == 0,
            _ => {}
        }
        false
    }
}

fn parse_line(line: &str, number: u32) -> Option<Directive> {
    let inner = line.strip_prefix("{{")?.strip_suffix("}}")?.trim();
    let mut words = inner.split_whitespace();
    let kind = Kind::parse(words.next()?);
    let id = words.next().map(str::to_string);
    let arg = words.next().map(str::to_string);
    Some(Directive {
        kind,
        id,
        arg,
        line: number,
        text: line.to_string(),
    })
}

/// Line starts of a text, for line and column of an offset in log time
/// (counting from the top for each link made `check` quadratic). Offsets
/// are kept as u32: every narrative keeps its index for its messages, and
/// a country's came to 20 MB as usize.
#[derive(Debug, Default, Clone)]
pub struct LineIndex {
    starts: Vec<u32>,
    text_len: usize,
    /// Byte offsets of non-ASCII characters, and before each the bytes
    /// they add beyond one per character, summed, for columns in characters.
    wide: Vec<u32>,
    extra: Vec<u32>,
}

impl LineIndex {
    /// The index of `text`, read byte by byte: a line ends at `\n`, and a
    /// character's length is in its first byte. Offsets past 4 GiB (no
    /// file planvev reads is that long) count as the last one.
    pub fn new(text: &str) -> LineIndex {
        let at = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
        let mut starts = vec![0];
        let mut wide = Vec::new();
        let mut extra = vec![0];
        let mut added = 0u32;
        for (i, &b) in text.as_bytes().iter().enumerate() {
            if b == b'\n' {
                starts.push(at(i + 1));
            } else if b >= 0xC0 {
                added += match b {
                    0xF0.. => 3,
                    0xE0.. => 2,
                    _ => 1,
                };
                wide.push(at(i));
                extra.push(added);
            }
        }
        LineIndex {
            starts,
            text_len: text.len(),
            wide,
            extra,
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text_len);
        let o = u32::try_from(offset).unwrap_or(u32::MAX);
        let line = self.starts.partition_point(|&s| s <= o).max(1);
        let start = self.starts[line - 1];
        let lo = self.wide.partition_point(|&w| w < start);
        let hi = self.wide.partition_point(|&w| w < o);
        let chars = o - start - (self.extra[hi] - self.extra[lo]);
        (line as u32, chars + 1)
    }

    /// Each line's byte range, without its line end.
    fn ranges<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
        self.starts.iter().enumerate().map(move |(i, &s)| {
            let end = self.starts.get(i + 1).map(|&n| n as usize - 1).unwrap_or(text.len());
            s as usize..end
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `find_refs` as first written, with `str::find`.
    fn refs_by_str_find(text: &str) -> Vec<(usize, usize, String)> {
        let mut out = Vec::new();
        let (mut from, mut close) = (0, 0);
        while let Some(i) = text[from..].find("{{") {
            let start = from + i;
            if close < start + 2 {
                let Some(j) = text[start + 2..].find("}}") else { break };
                close = start + 2 + j;
            }
            let mut words = text[start + 2..close].split_whitespace();
            if let (Some("ref"), Some(id), None) = (words.next(), words.next(), words.next()) {
                out.push((start, close + 2 - start, id.to_string()));
            }
            from = start + 2;
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn refs_are_found_as_with_str_find(text in "([{}]|\\{\\{ ?ref ?[a-zæøå]{0,3} ?\\}\\}|[ a-zæøå\\n])*") {
            proptest::prop_assert_eq!(find_refs(&text), refs_by_str_find(&text));
        }
    }

    fn kinds(body: &str) -> Vec<(Kind, u32)> {
        scan(body).into_iter().map(|d| (d.kind, d.line)).collect()
    }

    #[test]
    fn finds_directives_outside_code() {
        let body = "Intro\n\n{{ table nokkeltal }}\n\n```\n{{ goals }}\n```\n  {{ goals }}\n    {{ chart x }}\n";
        let found = scan(body);
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[0].kind, Kind::Table);
        assert_eq!(found[0].id.as_deref(), Some("nokkeltal"));
        assert_eq!(found[0].line, 3);
        assert_eq!(found[1].kind, Kind::Goals);
        assert_eq!(found[1].line, 8);
        // After a paragraph line, four spaces do not make code in Markdown.
        assert_eq!(found[2].kind, Kind::Chart);
    }

    #[test]
    fn directives_in_code_comments_and_pre_are_text() {
        // HTML comment, <pre>, indented closing fence, backtick in the info
        // string (not a fence at all), indented code after a blank line.
        for body in [
            "<!--\n{{ table a }}\n-->\n",
            "<pre>\n{{ table a }}\n</pre>\n",
            "```\ncode\n    ```\n{{ table a }}\n```\n",
            "Tekst\n\n    {{ table a }}\n",
            "`kode\n{{ table a }}\nmeir`\n",
        ] {
            assert_eq!(kinds(body), vec![], "{body:?}");
        }
        // A backtick in the info string means the line is not a fence, so
        // the directive after it is one.
        assert_eq!(kinds("``` a`b\n{{ goals }}\n"), vec![(Kind::Goals, 2)]);
        // An unclosed fence in a list item ends with the item.
        assert_eq!(kinds("- punkt\n  ```\n  kode\n\n{{ goals }}\n"), vec![(Kind::Goals, 5)]);
    }

    #[test]
    fn old_mac_line_ends_are_lines() {
        assert_eq!(kinds("Tekst\r\r{{ goals }}\r\rMeir\r"), vec![(Kind::Goals, 3)]);
    }

    #[test]
    fn a_directive_stands_alone_in_the_prepared_text() {
        let p = prepare("Tekst\n{{ table a }}\n---\n## Mål\n");
        assert_eq!(p.source, "Tekst\n\n{{ table a }}\n\n---\n## Mål\n");
        assert_eq!(&p.source[p.starts[0]..p.starts[0] + 13], "{{ table a }}");
        // Places after the directive map back to the file's own lines.
        let at = p.source.find("## Mål").unwrap();
        assert_eq!(p.line_col(at), (4, 1));
    }

    #[test]
    fn columns_count_characters() {
        let idx = LineIndex::new("æøå\nblå [x](y)");
        assert_eq!(idx.line_col(0), (1, 1));
        assert_eq!(idx.line_col("æøå\nblå ".len()), (2, 5));
    }

    /// Every character boundary of a text with one-, two-, three- and
    /// four-byte characters, CRLF and empty lines, against counting from
    /// the top.
    #[test]
    fn line_and_column_match_counting_from_the_top() {
        let text = "Tal for 2017 – «mål»\r\n\n€ 5,4 % 🙂 x\nå\n\u{202f}1\u{a0}234\n";
        let idx = LineIndex::new(text);
        for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let before = &text[..offset];
            let line = before.matches('\n').count() as u32 + 1;
            let start = before.rfind('\n').map_or(0, |i| i + 1);
            let col = text[start..offset].chars().count() as u32 + 1;
            assert_eq!(idx.line_col(offset), (line, col), "at byte {offset}");
        }
    }
}
