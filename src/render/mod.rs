//! Rendering: the checked model to an in-memory site (path → bytes). Pages
//! are rendered in parallel; nothing is written to disk here.

pub mod figure;
pub mod links;
pub mod markdown;
pub mod package;
pub mod pages;
pub mod sheet;
pub mod view;

use crate::content::Site;
use crate::diag::{Diagnostic, Diagnostics};
use crate::i18n::{self, Strings};
use crate::route::Layout;
use crate::theme::Theme;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// A built site held in memory: relative path (`nn/klepp/index.html`) →
/// content. `serve` keeps one and hands out shared bytes; `build` writes
/// routes as they are rendered instead.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RenderedSite {
    pub files: BTreeMap<String, Arc<[u8]>>,
}

impl RenderedSite {
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(|b| &b[..])
    }
}

/// Where rendered files go: a folder being written (`build`), memory
/// (`serve`), or nowhere (`check`). Called from many threads at once.
pub trait Sink: Sync {
    /// Keeps a file. Borrowed, so that bytes held for other uses (a data
    /// package, also measured for the page that links to it) are written
    /// without a copy.
    fn put(&self, path: String, bytes: &[u8]) -> Result<(), Diagnostic>;

    /// A file given to `put`, read back: a full render makes the search
    /// index from the pages it wrote. A sink that gives `None` gets no index
    /// (`check` keeps nothing; `serve` makes the index after the reload).
    fn get(&self, _path: &str) -> Option<Vec<u8>> {
        None
    }

    /// Whether `get` gives files back.
    fn reads_back(&self) -> bool {
        false
    }

    /// A new file at `path`, for output too large to hold (the site's data
    /// package), where the sink has files: None where it has not.
    fn create(&self, _path: &str) -> Option<Result<std::fs::File, Diagnostic>> {
        None
    }
}

/// Keeps every file in memory.
#[derive(Default)]
pub struct MemorySink(pub std::sync::Mutex<BTreeMap<String, Arc<[u8]>>>);

impl Sink for MemorySink {
    fn put(&self, path: String, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path, bytes.into());
        Ok(())
    }

    fn get(&self, path: &str) -> Option<Vec<u8>> {
        let files = self.0.lock().unwrap_or_else(|e| e.into_inner());
        files.get(path).map(|b| b.to_vec())
    }

    fn reads_back(&self) -> bool {
        true
    }
}

impl MemorySink {
    pub fn into_site(self) -> RenderedSite {
        RenderedSite {
            files: self.0.into_inner().unwrap_or_else(|e| e.into_inner()),
        }
    }
}

/// Throws the files away: `check` renders only to find problems.
pub struct NullSink;

impl Sink for NullSink {
    fn put(&self, _: String, _: &[u8]) -> Result<(), Diagnostic> {
        Ok(())
    }
}

/// Everything the page renderers share.
pub struct Renderer<'a> {
    pub site: &'a Site,
    pub tera: Arc<tera::Tera>,
    pub strings: BTreeMap<String, Strings>,
    /// Each language's strings as one template value, made once and shared
    /// by every page and partial (as `t`).
    strings_value: BTreeMap<String, tera::Value>,
    pub layout: Layout<'a>,
    pub theme: &'a Theme,
}

impl<'a> Renderer<'a> {
    pub fn new(site: &'a Site, theme: &'a Theme, diags: &mut Diagnostics) -> Option<Self> {
        let strings = i18n::load(theme, &site.languages, diags);
        let tera = templates(theme, diags)?;
        let strings_value = strings
            .iter()
            .filter_map(|(l, s)| Some((l.clone(), tera::Value::try_from_serializable(s).ok()?)))
            .collect();
        Some(Renderer {
            site,
            tera,
            strings,
            strings_value,
            layout: Layout::new(site, theme),
            theme,
        })
    }

    /// Renders a template with `ctx` and the UI strings of `lang` as `t`.
    pub fn render_template<T: serde::Serialize>(&self, name: &str, ctx: &T, lang: &str) -> Result<String, Diagnostic> {
        let mut ctx = tera::Context::from_serialize(ctx)
            .map_err(|e| Diagnostic::error(Path::new("themes/templates").join(name), format!("{e}")))?;
        if let Some(t) = self.strings_value.get(lang) {
            ctx.insert_value("t", t.clone());
        }
        self.tera.render(name, &ctx).map_err(|e| {
            Diagnostic::error(
                Path::new("themes/default/templates").join(name),
                format!("the template failed: {}", error_chain(&e)),
            )
            .kind(crate::diag::Kind::Theme)
            .hint("if you changed the theme, compare it with the built-in one in themes/default")
        })
    }
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}

/// The theme's templates, compiled once per theme; a theme with an error
/// in a template is compiled (and reported) again each time.
fn templates(theme: &Theme, diags: &mut Diagnostics) -> Option<Arc<tera::Tera>> {
    if let Some(t) = theme.compiled.get() {
        return Some(t.clone());
    }
    let tera = compile(theme, diags).map(Arc::new)?;
    Some(theme.compiled.get_or_init(|| tera).clone())
}

fn compile(theme: &Theme, diags: &mut Diagnostics) -> Option<tera::Tera> {
    let mut tera = tera::Tera::new();
    let list: Vec<(String, String)> = theme
        .under("templates")
        .map(|(name, bytes)| (name.to_string(), String::from_utf8_lossy(bytes).into_owned()))
        .collect();
    match tera.add_raw_templates(list) {
        Ok(()) => Some(tera),
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    "themes/templates",
                    format!("a theme template has an error: {}", error_chain(&e)),
                )
                .kind(crate::diag::Kind::Theme)
                .hint("the message names the template and line; compare it with the built-in theme"),
            );
            None
        }
    }
}

/// 8 hex digits of SHA-256: enough to bust caches when the file changes.
pub fn short_hash(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let d = Sha256::digest(bytes);
    d.iter().take(4).map(|b| format!("{b:02x}")).collect()
}

/// What rendering produced, besides the files given to the sink.
#[derive(Debug, Default)]
pub struct Rendered {
    /// HTML pages rendered.
    pub pages: usize,
    /// Files given to the sink.
    pub files: usize,
    /// Every link in the narratives, checked against what was rendered.
    pub links: Diagnostics,
    /// The data packages made, for a later partial render to reuse.
    pub packages: package::Packages,
    /// What the site-wide pages were made from, for a later partial render.
    pub page_digests: pages::PageDigests,
    /// What validation found before the render, by municipality, for a
    /// later partial run to reuse (set by `pipeline::render`).
    pub checked: crate::content::validate::Checked,
    /// The pages the search index is made from, when it is to be made: a
    /// full render into a sink that gives its files back (`render_search`).
    pub search: Option<crate::search::Pages>,
}

impl Rendered {
    /// Lets go of what only a later partial render reuses (the data
    /// packages, the page digests, validation's findings): `build` makes
    /// one render.
    pub fn forget_reusables(&mut self) {
        self.packages = Default::default();
        self.page_digests = Default::default();
        self.checked = Default::default();
    }
}

/// Renders every route of the site into `sink` (or, with `only`, the routes
/// a change to those areas touches, taking from the previous render the data
/// packages that stay the same), or returns the problems that stopped it.
pub fn render_site(
    site: &Site,
    theme: &Theme,
    sink: &dyn Sink,
    only: Option<package::Partial>,
) -> Result<Rendered, Diagnostics> {
    let mut diags = Diagnostics::default();
    let Some(r) = Renderer::new(site, theme, &mut diags) else {
        return Err(diags);
    };
    if diags.has_errors() {
        return Err(diags);
    }
    let routes = match only {
        Some(p) => r.layout.touched_routes(p.changed),
        None => r.layout.routes(),
    };
    // A partial render (serve) checks links against the whole served site
    // afterwards, off the reload path; gathering them here would only delay it.
    let plan = match only {
        Some(_) => links::Plan::default(),
        None => links::Plan::new(&r.layout),
    };
    let packs = package::Packs::new(site, only, sink);
    let digests = pages::Digests::new(only.map(|p| (p.pages, p.changed)));
    let found = pages::render_routes(&r, &routes, sink, (&plan, &packs, &digests))?;
    let links = match only {
        Some(_) => Diagnostics::default(),
        None => {
            // A full render's routes are all of them.
            let paths: std::collections::HashSet<String> = routes.iter().map(|x| r.layout.path(*x)).collect();
            plan.verify(
                |t| paths.contains(t),
                |t, f| found.contains(&(t.to_string(), f.to_string())),
            )
        }
    };
    Ok(Rendered {
        pages: routes.iter().filter(|x| x.is_page()).count(),
        files: routes.len(),
        links,
        packages: packs.into_packages(),
        page_digests: digests.into_inner(),
        checked: Default::default(),
        search: (only.is_none() && sink.reads_back()).then(|| crate::search::Pages::of(&r.layout)),
    })
}

/// Makes the search index from `pages`, read back from `sink`, and writes
/// its files into it; returns how many. A step of its own after
/// `render_site`: it reads the written pages, not the model (`build` lets
/// the model go first).
pub fn render_search(pages: &crate::search::Pages, sink: &dyn Sink) -> Result<usize, Diagnostics> {
    let put = |name: String, bytes: Vec<u8>| sink.put(crate::search::file_path(&name), &bytes);
    crate::search::index(pages, |p| sink.get(p), put).map_err(|e| {
        let mut d = Diagnostics::default();
        d.push(e);
        d
    })
}
