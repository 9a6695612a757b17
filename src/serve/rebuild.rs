//! Rebuilding on change: the whole pipeline, or only what one service area
//! feeds. The result is always what `build` would make of the same files;
//! `tests/serve.rs` compares the two byte by byte.

use crate::content::validate::Checked;
use crate::content::{convert, Site};
use crate::diag::{Diagnostic, Diagnostics};
use crate::pipeline::Partial;
use crate::pipeline::{self, Loaded, Settings};
use crate::render::package::Packages;
use crate::render::pages::PageDigests;
use crate::render::{MemorySink, RenderedSite, Sink};
use crate::route::{Layout, Route};
use crate::theme::Theme;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::RwLock;
use std::time::{Duration, Instant};

use crate::search::is_search_file;

/// What changed, as far as rebuilding is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Read everything again (site.yaml, a municipality, the theme, assets,
    /// folders added or removed).
    Full,
    /// Only files inside these service-area folders changed:
    /// (municipality folder, area folder).
    Areas(BTreeSet<(String, String)>),
}

impl Change {
    pub fn area(m: &str, a: &str) -> Change {
        Change::Areas(BTreeSet::from([(m.to_string(), a.to_string())]))
    }

    /// The change that covers both.
    pub fn merge(self, other: Change) -> Change {
        match (self, other) {
            (Change::Areas(mut a), Change::Areas(b)) => {
                a.extend(b);
                Change::Areas(a)
            }
            _ => Change::Full,
        }
    }
}

/// What the server shows: the last good site and the errors of now.
#[derive(Debug, Default)]
pub struct Live {
    /// The last site that built without errors: exactly what `build` would
    /// write. Empty until a build succeeds.
    pub site: RenderedSite,
    /// Whether `site` holds a build at all (the first one may fail).
    pub built: bool,
    /// The errors in the content now; empty when `site` is current.
    pub errors: Vec<Diagnostic>,
    /// The overlay markup for `errors` (empty when there are none).
    pub overlay: String,
    /// Site files whose source is a link leading out of the content or theme
    /// folder; the preview never serves them.
    pub blocked: BTreeSet<String>,
    /// Names this server process, so a browser notices a restart.
    pub instance: String,
    /// Bumped whenever what the server returns changes.
    pub generation: u64,
}

impl Live {
    /// The version a page was served at; the reload script compares it.
    pub fn tag(&self) -> String {
        format!("{}-{}", self.instance, self.generation)
    }
}

/// What one rebuild did.
#[derive(Debug, Clone)]
pub struct Report {
    /// The whole site was read and rendered again.
    pub full: bool,
    /// HTML pages rendered (0 when errors kept the last good site).
    pub pages: usize,
    pub errors: Vec<Diagnostic>,
    pub warnings: usize,
    /// What the server returns changed (files or errors).
    pub changed: bool,
    pub elapsed: Duration,
    /// The site's title in its first language, when the site could be read.
    pub title: Option<String>,
}

/// The model behind the served site, kept so one area can be replaced.
struct Model {
    loaded: Loaded,
    /// (municipality, area) slugs the served site was rendered with.
    rendered_areas: Vec<(String, String)>,
    /// The data packages of the served site, which an area rebuild takes
    /// as they are where they come out the same.
    packages: Packages,
    /// What validation found in the served site, by municipality.
    checked: Checked,
    /// What the served site's site-wide pages were made from.
    page_digests: PageDigests,
}

impl Model {
    fn site(&self) -> &Site {
        self.loaded
            .site
            .as_ref()
            .expect("a model is kept only for a site that was read")
    }
}

pub struct Builder {
    content: PathBuf,
    /// Present only when the last full run had no errors, so that changing
    /// one area of it gives what a full run would.
    model: Option<Model>,
    /// Areas changed since the served site was rendered (kept while the
    /// content has errors).
    stale: BTreeSet<(String, String)>,
    /// The problems of the last area rebuild, before the link check that
    /// `finish` runs.
    unchecked: Option<Diagnostics>,
}

impl Builder {
    pub fn new(content: &Path) -> Builder {
        Builder {
            content: content.to_path_buf(),
            model: None,
            stale: BTreeSet::new(),
            unchecked: None,
        }
    }

    /// Rebuilds what `change` asks for and publishes it, with everything
    /// `build` would report.
    pub fn apply(&mut self, change: &Change, live: &RwLock<Live>) -> Report {
        let mut r = self.rebuild(change, live);
        self.finish(&mut r, live);
        r
    }

    /// Rebuilds and publishes, leaving out of an area rebuild the link check,
    /// which reads every text of the site and only warns: the browsers can
    /// reload before it runs. Call `finish` after.
    pub fn rebuild(&mut self, change: &Change, live: &RwLock<Live>) -> Report {
        match change {
            Change::Full => self.full(live),
            Change::Areas(set) => self.areas(set, live),
        }
    }

    /// The link check against the served site, as the pipeline runs it after
    /// rendering; adds its findings to `report` (and to the served errors, should
    /// it ever find errors).
    pub fn finish(&mut self, report: &mut Report, live: &RwLock<Live>) {
        let (Some(mut diags), Some(model)) = (self.unchecked.take(), self.model.as_ref()) else {
            return;
        };
        let layout = Layout::new(model.site(), &model.loaded.theme);
        let plan = crate::render::links::Plan::new(&layout);
        let linked = plan.verify_in(&live.read().unwrap_or_else(|e| e.into_inner()).site);
        let link_errors = linked.has_errors();
        diags.extend(linked);
        diags.sort();
        report.warnings = diags.warnings().count();
        if link_errors {
            report.errors = diags.errors().cloned().collect();
            report.changed |= publish(live, Update::None, &report.errors, None);
        }
    }

    /// The whole pipeline, as `build` runs it.
    pub fn full(&mut self, live: &RwLock<Live>) -> Report {
        let start = Instant::now();
        self.unchecked = None;
        let sink = Preview::default();
        let outcome = pipeline::run(&self.content, &Settings { base_url: None }, &sink);
        let title = outcome.loaded.site.as_ref().map(title_of);
        let errors: Vec<Diagnostic> = outcome.diags.errors().cloned().collect();
        let warnings = outcome.diags.warnings().count();
        self.stale.clear();
        self.model = None;
        let (changed, pages) = match (outcome.loaded.site.is_some(), outcome.rendered) {
            (true, Some(rendered)) => {
                let model = Model {
                    rendered_areas: area_slugs(outcome.loaded.site.as_ref().expect("checked")),
                    loaded: outcome.loaded,
                    packages: rendered.packages,
                    checked: rendered.checked,
                    page_digests: rendered.page_digests,
                };
                let blocked = blocked_files(model.site(), &model.loaded.theme);
                let changed = publish(live, Update::All(sink.0.into_site()), &errors, Some(blocked));
                self.model = Some(model);
                (changed, rendered.pages)
            }
            _ => (publish(live, Update::None, &errors, None), 0),
        };
        Report {
            full: true,
            pages,
            errors,
            warnings,
            changed,
            elapsed: start.elapsed(),
            title,
        }
    }

    /// Reads the changed areas again and renders only the routes whose scope
    /// they touch (the route table decides: the areas' pages and downloads,
    /// their municipalities' pages, the front pages).
    fn areas(&mut self, set: &BTreeSet<(String, String)>, live: &RwLock<Live>) -> Report {
        let start = Instant::now();
        // A new or removed folder changes more than one area; so does
        // anything while the last full run had errors.
        let known = |model: &Model, m: &String, a: &String| {
            let mu = model.site().municipalities.iter().find(|x| x.slug == *m);
            mu.is_some_and(|mu| mu.dir.join(a).is_dir())
        };
        match &self.model {
            Some(model) if set.iter().all(|(m, a)| known(model, m, a)) => {}
            _ => return self.full(live),
        }
        let model = self.model.as_mut().expect("checked above");
        for (m, a) in set {
            reload_area(&mut model.loaded, m, a);
            self.stale.insert((m.clone(), a.clone()));
        }
        let site = model.loaded.site.as_ref().expect("a model has a site");
        let sink = Preview::default();
        let same_areas = area_slugs(site) == model.rendered_areas;
        // Areas that came or went change the sitemap and more: render all.
        let touched = same_areas.then(|| indices(site, &self.stale));
        let partial = touched.as_ref().map(|changed| Partial {
            changed,
            packages: &model.packages,
            checked: &model.checked,
            pages: &model.page_digests,
        });
        let (rendered, diags) = pipeline::render(&model.loaded, &sink, partial);
        let errors: Vec<Diagnostic> = diags.errors().cloned().collect();
        let pages = rendered.as_ref().map_or(0, |r| r.pages);
        let update = match (&rendered, same_areas) {
            (None, _) => Update::None,
            (Some(_), true) => Update::Routes {
                files: sink.0.into_site(),
                areas: area_paths(site, &model.loaded.theme, touched.as_ref().unwrap_or(&BTreeSet::new())),
            },
            (Some(_), false) => Update::All(sink.0.into_site()),
        };
        let blocked = blocked_files(site, &model.loaded.theme);
        let changed = publish(live, update, &errors, Some(blocked));
        let warnings = diags.warnings().count();
        if let Some(r) = rendered {
            model.packages = r.packages;
            model.checked = r.checked;
            model.page_digests = r.page_digests;
            self.stale.clear();
            model.rendered_areas = area_slugs(site);
            // As the pipeline does, links are checked against the built site: in `finish`.
            self.unchecked = Some(diags);
        }
        Report {
            full: false,
            pages,
            errors,
            warnings,
            changed,
            elapsed: start.elapsed(),
            title: Some(title_of(site)),
        }
    }
}

impl Builder {
    /// What the search index of the served site is to be made from, when it
    /// was built (`serve::search` makes it in the background).
    /// None while the content has errors: the served site is then the last
    /// good one, which has its index, and the model may lack a broken area.
    pub fn search_job(&self, live: &RwLock<Live>) -> Option<super::search::Job> {
        let model = self.model.as_ref()?;
        let generation = {
            let l = live.read().unwrap_or_else(|e| e.into_inner());
            if !l.errors.is_empty() {
                return None;
            }
            l.generation
        };
        let layout = Layout::new(model.site(), &model.loaded.theme);
        Some(super::search::Job {
            pages: crate::search::Pages::of(&layout),
            generation,
        })
    }

    /// Makes the search index of the served site now, as the background
    /// indexer would. Returns whether it was published.
    pub fn index_now(&self, live: &RwLock<Live>) -> bool {
        self.search_job(live)
            .is_some_and(|job| super::search::run(&job, live, &mut Default::default()))
    }
}

/// The preview's sink: memory, without the search index, which is made
/// after the reload (`serve::search`).
#[derive(Default)]
struct Preview(MemorySink);

impl Sink for Preview {
    fn put(&self, path: String, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.0.put(path, bytes)
    }
}

/// Reads one area folder again into the model, replacing its reading problems.
fn reload_area(loaded: &mut Loaded, m: &str, a: &str) {
    let Some(site) = loaded.site.as_mut() else { return };
    let languages = site.languages.clone();
    let settings = convert::AreaSettings {
        symbols: site.symbols,
        report_date: site.report_date,
        plan_end: site.period.map(|p| p.1),
    };
    let Some(mu) = site.municipalities.iter_mut().find(|x| x.slug == m) else {
        return;
    };
    let dir = mu.dir.join(a);
    let mut d = Diagnostics::default();
    let area = convert::load_area(&dir, &languages, settings, &mut d);
    loaded.read_diags.items.retain(|x| !x.file.starts_with(&dir));
    loaded.read_diags.extend(d);
    mu.areas.retain(|x| x.slug != *a);
    if let Some(area) = area {
        mu.areas.push(area);
        mu.sort_areas();
    }
}

/// Area slugs as indices into the model.
fn indices(site: &Site, slugs: &BTreeSet<(String, String)>) -> BTreeSet<(usize, usize)> {
    let mut out = BTreeSet::new();
    for (ms, a_slug) in slugs {
        let Some(m) = site.municipalities.iter().position(|x| x.slug == *ms) else {
            continue;
        };
        if let Some(a) = site.municipalities[m].areas.iter().position(|x| x.slug == *a_slug) {
            out.insert((m, a));
        }
    }
    out
}

/// The folders of the changed areas' pages, and the paths the route table
/// gives those areas now.
struct AreaPaths {
    dirs: Vec<String>,
    paths: BTreeSet<String>,
}

/// While the site has the same areas, only an area's own routes come and go
/// with an edit of it (a table removed takes its downloads along), and they
/// all lie in the folder of its page: listing those few is enough, where
/// listing every route of a country takes tens of milliseconds.
fn area_paths(site: &Site, theme: &Theme, changed: &BTreeSet<(usize, usize)>) -> AreaPaths {
    let layout = Layout::new(site, theme);
    let mut out = AreaPaths {
        dirs: Vec::new(),
        paths: BTreeSet::new(),
    };
    for l in 0..site.languages.len() {
        for &(m, a) in changed {
            out.dirs.push(layout.area_dir(l, m, a));
            out.paths
                .extend(layout.area_routes(l, m, a).into_iter().map(|r| layout.path(r)));
        }
    }
    out
}

/// What a rebuild puts into the served site.
enum Update {
    None,
    All(RenderedSite),
    /// Put these files in and drop the files of the changed areas that are
    /// no longer routes.
    Routes {
        files: RenderedSite,
        areas: AreaPaths,
    },
}

/// Puts a rebuild into the served state. Returns whether anything a
/// browser sees changed.
fn publish(live: &RwLock<Live>, update: Update, errors: &[Diagnostic], blocked: Option<BTreeSet<String>>) -> bool {
    // The overlay quotes the lines in error; read them before taking the lock.
    let overlay = super::live::overlay(errors);
    let mut live = live.write().unwrap_or_else(|e| e.into_inner());
    let mut changed = false;
    match update {
        Update::None => {}
        Update::All(mut site) => {
            changed = !live.built
                || live
                    .site
                    .files
                    .iter()
                    .filter(|(k, _)| !is_search_file(k))
                    .ne(site.files.iter());
            // The last search index stays until the new one is made.
            site.files.extend(
                live.site
                    .files
                    .iter()
                    .filter(|(k, _)| is_search_file(k))
                    .map(|(k, v)| (k.clone(), v.clone())),
            );
            live.site = site;
            live.built = true;
        }
        Update::Routes { files, areas } => {
            for dir in &areas.dirs {
                let gone: Vec<String> = (live.site.files.range(dir.clone()..))
                    .map(|(k, _)| k)
                    .take_while(|k| k.starts_with(dir.as_str()))
                    .filter(|k| !areas.paths.contains(*k))
                    .cloned()
                    .collect();
                changed |= !gone.is_empty();
                for k in gone {
                    live.site.files.remove(&k);
                }
            }
            for (k, v) in files.files {
                if live.site.files.get(&k) != Some(&v) {
                    changed = true;
                    live.site.files.insert(k, v);
                }
            }
        }
    }
    if let Some(b) = blocked {
        changed |= live.blocked != b;
        live.blocked = b;
    }
    if live.errors != errors || live.overlay != overlay {
        changed = true;
        live.errors = errors.to_vec();
        live.overlay = overlay;
    }
    if changed {
        live.generation += 1;
    }
    changed
}

fn area_slugs(site: &Site) -> Vec<(String, String)> {
    site.municipalities
        .iter()
        .flat_map(|m| m.areas.iter().map(move |a| (m.slug.clone(), a.slug.clone())))
        .collect()
}

fn title_of(site: &Site) -> String {
    site.title.plain(site.default_lang(), &site.languages)
}

/// Site files copied from a link that leads out of the folder it is in:
/// content assets and area files outside the content folder, theme files
/// outside the theme folder. `build` copies what such links point to; the preview,
/// which anyone who can reach the port may ask, does not serve them.
fn blocked_files(site: &Site, theme: &Theme) -> BTreeSet<String> {
    let outside = |base: &Path, path: &Path| match (base.canonicalize(), path.canonicalize()) {
        (Ok(b), Ok(p)) => !p.starts_with(b),
        _ => true,
    };
    let layout = Layout::new(site, theme);
    let blocked = |route: &Route| match *route {
        Route::SiteAsset(i) => outside(&site.root, &site.root.join("assets").join(&site.assets[i])),
        Route::AreaFile(_, m, a, i) => outside(&site.root, &site.municipalities[m].areas[a].files[i]),
        Route::ThemeFile(i) => theme.override_dir.as_ref().is_some_and(|dir| {
            let p = dir.join("static").join(layout.theme_static[i]);
            p.exists() && outside(dir, &p)
        }),
        _ => false,
    };
    layout
        .copied_routes()
        .iter()
        .filter(|r| blocked(r))
        .map(|r| layout.path(*r))
        .collect()
}
