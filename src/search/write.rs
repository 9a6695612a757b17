//! The index files of one language, from its pages:
//!
//! - `meta.json`: `{"version": 1, "pages": N, "shards": [KEY, …]}`;
//! - `w/HEX.json`, one shard per key: `{"STEM": [PAGE, COUNT, PAGE, COUNT, …]}`
//!   for every stem that begins with the key (and with no longer key),
//!   pages numbered from 0 in route order, each page number given as the
//!   difference from the one before; HEX is the key's UTF-8 in hex (`_`
//!   for the empty key);
//! - `p/PAGE.json`: the page's address, title, municipality, fallback
//!   notice and sections, for the result and its excerpt.
//!
//! A reader's browser loads `meta.json`, the shard of each word typed and
//! the pages of the first results: a few tens of kilobytes, whatever the
//! size of the site. Shards are split by longer keys until each is at most
//! `SHARD_BYTES` (a stem is never split).

use super::extract::{Doc, Section};
use super::words::{words, Stems};
use std::fmt::Write as _;

/// The size a shard is kept under, unless one stem alone is larger.
const SHARD_BYTES: usize = 32 * 1024;

/// The most text a page's file keeps for excerpts (its sections' titles
/// and anchors are always kept). The index has all of it; this bounds
/// what one search downloads (ten pages) on a page as long as the front
/// page of a country, which lists every municipality.
const FRAGMENT_TEXT: usize = 12_000;

/// A page's fragment, as the browser reads it.
#[derive(serde::Serialize)]
struct Fragment<'a> {
    url: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    municipality: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    fallback: &'a str,
    sections: &'a [Section],
}

/// Where the index's files go as they are made: (name relative to the
/// language's folder, bytes). A page's file is given as soon as the page is
/// counted, so a country's 32 MB of page files per language are never held.
pub(super) type Emit<'e, E> = dyn FnMut(String, Vec<u8>) -> Result<(), E> + 'e;

/// One language's index, made a page at a time: a page's text is counted
/// and its file given out as it comes, and nothing else of it is kept.
#[derive(Default)]
pub(super) struct Writer {
    stems: Stems,
    /// Per stem number, its (page, count)s; pages come in order.
    postings: Vec<Vec<(u32, u32)>>,
    counts: Counts,
    pages: u32,
}

impl Writer {
    /// Adds the next page (numbered in the order they come) and gives out
    /// its file.
    pub(super) fn add<E>(&mut self, url: &str, doc: &Doc, emit: &mut Emit<E>) -> Result<(), E> {
        let id = self.pages;
        self.pages += 1;
        self.counts.count(doc, &mut self.stems);
        for (stem, n) in self.counts.drain() {
            if self.postings.len() <= stem as usize {
                self.postings.resize_with(stem as usize + 1, Vec::new);
            }
            self.postings[stem as usize].push((id, n));
        }
        let sections = shortened(&doc.sections);
        let fragment = Fragment {
            url,
            title: &doc.title,
            municipality: &doc.municipality,
            fallback: &doc.fallback,
            sections: &sections,
        };
        let bytes = serde_json::to_vec(&fragment).unwrap_or_default();
        emit(format!("p/{id}.json"), bytes)
    }

    /// Whether no page was added.
    pub(super) fn is_empty(&self) -> bool {
        self.pages == 0
    }

    /// Gives out `meta.json` and the shards.
    pub(super) fn finish<E>(mut self, emit: &mut Emit<E>) -> Result<(), E> {
        let mut entries: Vec<(String, String)> = std::mem::take(&mut self.stems.stems)
            .into_iter()
            .zip(std::mem::take(&mut self.postings))
            .map(|(s, p)| entry(s, &p))
            .collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut shards = Vec::new();
        split(&entries, 0, String::new(), &mut shards);
        let keys: Vec<&str> = shards.iter().map(|(k, _)| k.as_str()).collect();
        let meta = serde_json::json!({ "version": 1, "pages": self.pages, "shards": keys });
        emit("meta.json".to_string(), meta.to_string().into_bytes())?;
        for (key, body) in shards {
            emit(format!("w/{}.json", hex(&key)), body.into_bytes())?;
        }
        Ok(())
    }
}

/// The sections with their text cut, at a word, where the page's text
/// passes `FRAGMENT_TEXT` bytes.
fn shortened(sections: &[Section]) -> Vec<Section> {
    let mut left = FRAGMENT_TEXT;
    sections
        .iter()
        .map(|s| {
            let mut s = s.clone();
            if s.text.len() > left {
                let cut = s.text[..s.text.floor_char_boundary(left)].rfind(' ').unwrap_or(0);
                s.text.truncate(cut);
                if cut > 0 {
                    s.text.push_str(" …");
                }
            }
            left -= s.text.len().min(left);
            s
        })
        .collect()
}

/// How often each stem occurs on one page, by stem number: a count per
/// number and the numbers seen, so a page costs its own words only.
#[derive(Default)]
struct Counts {
    by_stem: Vec<u32>,
    seen: Vec<u32>,
}

impl Counts {
    /// Counts the stems of a page's title and text.
    fn count(&mut self, doc: &Doc, stems: &mut Stems) {
        let texts = std::iter::once(doc.title.as_str())
            .chain(doc.sections.iter().flat_map(|s| [s.title.as_str(), s.text.as_str()]));
        for w in texts.flat_map(words) {
            let n = stems.number(w) as usize;
            if self.by_stem.len() <= n {
                self.by_stem.resize(n + 1, 0);
            }
            if self.by_stem[n] == 0 {
                self.seen.push(n as u32);
            }
            self.by_stem[n] += 1;
        }
    }

    /// The page's (stem, count)s, and a clean slate for the next page.
    fn drain(&mut self) -> Vec<(u32, u32)> {
        let by_stem = &mut self.by_stem;
        self.seen
            .drain(..)
            .map(|n| (n, std::mem::take(&mut by_stem[n as usize])))
            .collect()
    }
}

/// A stem's entry in its shard: `"STEM":[…]`.
fn entry(stem: String, postings: &[(u32, u32)]) -> (String, String) {
    let mut s = serde_json::to_string(&stem).unwrap_or_default();
    s.push_str(":[");
    let mut last = 0;
    for (i, (page, n)) in postings.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        let _ = write!(s, "{},{n}", page - last);
        last = *page;
    }
    s.push(']');
    (stem, s)
}

/// Cuts sorted `entries` (all beginning with `key`, `depth` characters
/// long) into shards of at most `SHARD_BYTES`: stems equal to the key stay
/// in its shard; the others go to shards one character longer.
fn split(entries: &[(String, String)], depth: usize, key: String, out: &mut Vec<(String, String)>) {
    let size: usize = entries.iter().map(|(_, e)| e.len() + 1).sum();
    if size <= SHARD_BYTES || entries.iter().all(|(s, _)| s.chars().count() <= depth) {
        out.push((key, shard(entries)));
        return;
    }
    let (here, longer): (Vec<_>, Vec<_>) = entries.iter().cloned().partition(|(s, _)| s.chars().count() <= depth);
    if !here.is_empty() {
        out.push((key, shard(&here)));
    }
    let mut i = 0;
    while i < longer.len() {
        let prefix: String = longer[i].0.chars().take(depth + 1).collect();
        let j = i + longer[i..].iter().take_while(|(s, _)| s.starts_with(&prefix)).count();
        split(&longer[i..j], depth + 1, prefix, out);
        i = j;
    }
}

fn shard(entries: &[(String, String)]) -> String {
    let mut s = String::from("{");
    for (i, (_, e)) in entries.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        s.push_str(e);
    }
    s.push('}');
    s
}

/// A key as a file name: its UTF-8 in hex, `_` when empty.
pub(super) fn hex(key: &str) -> String {
    if key.is_empty() {
        return "_".to_string();
    }
    key.bytes().map(|b| format!("{b:02x}")).collect()
}
