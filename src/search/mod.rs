//! Search: a Pagefind index made in-process from the rendered pages, once
//! they are rendered. Pagefind keeps one index per `<html lang>`, stems
//! nynorsk and bokmål, and the page's script loads only its own language's
//! index, so a reader of nynorsk searches the nynorsk pages.
//!
//! The index is a bundle of files under `pagefind/` (Pagefind's script, its
//! wasm per language, index chunks and fragments). Each is a route
//! (`Route::Search`) written through the same sink as every other file.
//! `serve` makes it after the reload instead (`serve::rebuild`).

use crate::route::{Layout, Route};

/// The folder the bundle is published in, at the site root. The theme's
/// `assets/search.js` imports `../pagefind/pagefind.js` from it.
pub const DIR: &str = "pagefind";

/// Whether readers find this page by searching: the front, municipality and
/// area pages. The print page repeats the area pages; the language choice
/// and the 404 page have no text of their own.
pub fn indexed(route: Route) -> bool {
    matches!(route, Route::Front(_) | Route::Municipality(..) | Route::Area(..))
}

/// The search bundle: file names inside `pagefind/` with their bytes,
/// sorted by name.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Bundle {
    pub files: Vec<(String, Vec<u8>)>,
}

impl Bundle {
    /// Bytes per language of what a browser may download for a search:
    /// the language's wasm, metadata, index chunks and fragments.
    pub fn size_of(&self, lang: &str) -> usize {
        let wasm = format!("wasm.{lang}.pagefind");
        let meta = format!("pagefind.{lang}_");
        let chunk = format!("/{lang}_");
        self.files
            .iter()
            .filter(|(n, _)| *n == wasm || n.starts_with(&meta) || n.contains(&chunk))
            .map(|(_, b)| b.len())
            .sum()
    }
}

/// Where a file of the bundle is published: `pagefind/NAME`. The route
/// table (`Route::Search`) and `serve`'s background index both use it.
pub fn file_path(name: &str) -> String {
    format!("{DIR}/{name}")
}

/// Whether a site file is part of the search bundle.
pub fn is_search_file(path: &str) -> bool {
    path.strip_prefix(DIR).is_some_and(|rest| rest.starts_with('/'))
}

/// The site-root-relative paths of the pages readers find, in route order.
pub fn page_paths(layout: &Layout) -> Vec<String> {
    layout
        .routes()
        .into_iter()
        .filter(|r| indexed(*r))
        .map(|r| layout.path(r))
        .collect()
}

/// Files of Pagefind's own UIs and playground: the theme has its own UI.
fn unused(name: &str) -> bool {
    [
        "pagefind-ui",
        "pagefind-modular-ui",
        "pagefind-component-ui",
        "pagefind-highlight",
        "playground/",
    ]
    .iter()
    .any(|p| name.starts_with(p))
}

/// Makes the index of `layout`'s searched pages, read back with `read`
/// (site-root-relative path → bytes), in route order: the same pages give
/// the same files, byte for byte, however the renderers were scheduled.
/// One language at a time: Pagefind holds every page it is given until the
/// index is made, so this halves what is held at once.
pub fn index(layout: &Layout, read: impl Fn(&str) -> Option<Vec<u8>>) -> Result<Bundle, String> {
    index_pages(&layout.site.languages, &page_paths(layout), read)
}

/// Indexes the pages at `paths` (read with `read`), language by language.
pub fn index_pages(
    langs: &[String],
    paths: &[String],
    read: impl Fn(&str) -> Option<Vec<u8>>,
) -> Result<Bundle, String> {
    let mut parts = Vec::new();
    for lang in langs {
        let prefix = format!("{lang}/");
        let pages = paths
            .iter()
            .filter(|p| p.starts_with(&prefix))
            .filter_map(|p| read(p).map(|b| (p.clone(), String::from_utf8_lossy(&b).into_owned())));
        parts.push(index_all(pages)?);
    }
    merge(parts)
}

/// One bundle from bundles of one language each: their files side by side
/// (Pagefind's script and wasm are the same in each) and one
/// `pagefind-entry.json` listing every language.
fn merge(parts: Vec<Bundle>) -> Result<Bundle, String> {
    const ENTRY: &str = "pagefind-entry.json";
    let mut files = std::collections::BTreeMap::new();
    let mut entry: Option<serde_json::Value> = None;
    for (name, bytes) in parts.into_iter().flat_map(|b| b.files) {
        if name != ENTRY {
            files.insert(name, bytes);
            continue;
        }
        let part: serde_json::Value =
            serde_json::from_slice(&bytes).map_err(|e| format!("Pagefind's {ENTRY} could not be read: {e}"))?;
        match (&mut entry, part.get("languages").and_then(|l| l.as_object())) {
            (Some(all), Some(langs)) => {
                if let Some(to) = all.get_mut("languages").and_then(|l| l.as_object_mut()) {
                    to.extend(langs.iter().map(|(k, v)| (k.clone(), v.clone())));
                }
            }
            _ => entry = Some(part),
        }
    }
    if let Some(e) = entry {
        files.insert(ENTRY.to_string(), e.to_string().into_bytes());
    }
    Ok(Bundle {
        files: files.into_iter().collect(),
    })
}

/// Indexes (site-root-relative path, HTML) pages into a bundle. Pagefind's
/// API is async; a current-thread runtime runs it here, off the renderers.
pub fn index_all(pages: impl Iterator<Item = (String, String)>) -> Result<Bundle, String> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| format!("could not start the search indexer: {e}"))?;
    rt.block_on(async {
        let options = pagefind::options::PagefindServiceConfig::builder()
            // Links must work from file:// and any server: keep index.html.
            .keep_index_url(true)
            .build();
        let mut index = pagefind::api::PagefindIndex::new(Some(options)).map_err(|e| e.to_string())?;
        let mut count = 0;
        for (path, html) in pages {
            index
                .add_html_file(None, Some(path.clone()), html)
                .await
                .map_err(|e| format!("{path} could not be indexed for search: {e}"))?;
            count += 1;
        }
        if count == 0 {
            return Ok(Bundle::default());
        }
        let files = index.get_files().await.map_err(|e| e.to_string())?;
        let mut files: Vec<(String, Vec<u8>)> = files
            .into_iter()
            .map(|f| (f.filename.to_string_lossy().replace('\\', "/"), f.contents))
            .filter(|(n, _)| !unused(n))
            .collect();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(Bundle { files })
    })
}
