//! Search: an index made by planvev from the rendered pages, once they
//! are rendered, one per language, so a reader of nynorsk searches the
//! nynorsk pages. Words are stemmed with Snowball's Norwegian stemmer
//! (`words`), so "tenesta" finds "tenester" and "barnevernet" finds
//! "barnevern"; the theme's `static/stem.js` stems what the reader types
//! the same way.
//!
//! The index is a set of small JSON files under `search/LANG/`
//! (`write` describes them), made after the pages from the written pages
//! (`Pages`, taken from the route table) and written through the same sink
//! as every other file (`render::render_search`). `serve` makes it after
//! the reload instead (`serve::search`).
//!
//! Pagefind was the first engine. On the country benchmark (357
//! municipalities, 9 284 pages) it took 27 s and 1.6 GB per language,
//! against a budget of 30 % of a 7 s build and 100 MB; this index takes
//! a small part of that (numbers in issue #13's note).

pub mod extract;
pub mod words;
mod write;

use crate::route::{Layout, Route};
pub use extract::Doc;
use std::sync::Arc;

/// The folder the index is published in, at the site root. The theme's
/// `assets/search.js` reads `../search/LANG/` from it.
pub const DIR: &str = "search";

/// Whether readers find this page by searching: the front, municipality and
/// area pages. The print page repeats the area pages; the language choice
/// and the 404 page have no text of their own.
pub fn indexed(route: Route) -> bool {
    matches!(route, Route::Front(_) | Route::Municipality(..) | Route::Area(..))
}

/// The search bundle: file names inside `search/` with their bytes,
/// sorted by name.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Bundle {
    pub files: Vec<(String, Vec<u8>)>,
}

impl Bundle {
    /// Bytes of the index files of `lang` (all of them, not what one
    /// search downloads).
    pub fn size_of(&self, lang: &str) -> usize {
        let prefix = format!("{lang}/");
        self.files
            .iter()
            .filter(|(n, _)| n.starts_with(&prefix))
            .map(|(_, b)| b.len())
            .sum()
    }
}

/// Where a file of the bundle is published: `search/NAME`. `build`'s index
/// and `serve`'s background index both use it.
pub fn file_path(name: &str) -> String {
    format!("{DIR}/{name}")
}

/// Whether a site file is part of the search bundle.
pub fn is_search_file(path: &str) -> bool {
    path.strip_prefix(DIR).is_some_and(|rest| rest.starts_with('/'))
}

/// What the index is made from: the languages, and the site-root-relative
/// paths of the pages readers find, in route order. Taken from the route
/// table before the pages are written, so that `build` can let the model
/// go before the index reads the pages back.
#[derive(Debug, Clone, Default)]
pub struct Pages {
    pub langs: Vec<String>,
    pub paths: Vec<String>,
}

impl Pages {
    pub fn of(layout: &Layout) -> Pages {
        let paths = layout
            .routes()
            .into_iter()
            .filter(|r| indexed(*r))
            .map(|r| layout.path(r))
            .collect();
        Pages {
            langs: layout.site.languages.clone(),
            paths,
        }
    }
}

/// Makes the index of `pages`, read back with `read` (site-root-relative
/// path → bytes), in route order, and gives each of its files to `put`
/// (path inside `search/`, bytes) as soon as it is made: a country's page
/// files are 65 MB, and `build` writes them instead of holding them.
/// Returns how many files it made. The same pages give the same files,
/// byte for byte, however the renderers were scheduled. The languages are
/// indexed side by side on the renderers' threads (whose freed memory they
/// reuse): `build` has nothing else to do meanwhile.
pub fn index<E: Send>(
    pages: &Pages,
    read: impl Fn(&str) -> Option<Vec<u8>> + Sync,
    put: impl Fn(String, Vec<u8>) -> Result<(), E> + Sync,
) -> Result<usize, E> {
    use rayon::prelude::*;
    let parts: Vec<Result<usize, E>> = pages
        .langs
        .par_iter()
        .map(|lang| {
            let mut doc = |p: &str| read(p).map(|html| Arc::new(read_page(&html)));
            language(lang, &pages.paths, &mut doc, &mut |name, bytes| put(name, bytes))
        })
        .collect();
    let mut n = 0;
    for part in parts {
        n += part?;
    }
    Ok(n)
}

/// Reads a rendered page as search sees it.
pub fn read_page(html: &[u8]) -> Doc {
    // planvev writes UTF-8; checking that is faster than the lossy path.
    match std::str::from_utf8(html) {
        Ok(s) => extract::extract(s),
        Err(_) => extract::extract(&String::from_utf8_lossy(html)),
    }
}

/// Indexes the pages at `paths`, each as `doc` gives it (None: not
/// there), a language at a time on the caller's thread, and keeps the
/// files: `serve` makes its index in the background, leaves the renderers'
/// threads to the next rebuild, and reads again only the pages a rebuild
/// changed.
pub fn index_docs(pages: &Pages, mut doc: impl FnMut(&str) -> Option<Arc<Doc>>) -> Bundle {
    let mut files = Vec::new();
    for lang in &pages.langs {
        let kept: Result<_, std::convert::Infallible> = language(lang, &pages.paths, &mut doc, &mut |name, bytes| {
            files.push((name, bytes));
            Ok(())
        });
        let Ok(_) = kept;
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Bundle { files }
}

/// Indexes one language's pages and gives its files to `emit`, named
/// `LANG/…`; returns how many.
fn language<E>(
    lang: &str,
    paths: &[String],
    doc: &mut dyn FnMut(&str) -> Option<Arc<Doc>>,
    emit: &mut write::Emit<E>,
) -> Result<usize, E> {
    let prefix = format!("{lang}/");
    let mut made = 0;
    let mut emit = |name: String, bytes| {
        made += 1;
        emit(format!("{prefix}{name}"), bytes)
    };
    let mut writer = write::Writer::default();
    for p in paths.iter().filter(|p| p.starts_with(&prefix)) {
        if let Some(d) = doc(p) {
            writer.add(p, &d, &mut emit)?;
        }
    }
    // A language with no page has no index.
    if !writer.is_empty() {
        writer.finish(&mut emit)?;
    }
    Ok(made)
}
