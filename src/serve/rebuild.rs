//! Rebuilding on change: the whole pipeline, or only what one service area
//! feeds. The result is always what `build` would make of the same files;
//! `tests/serve.rs` compares the two byte by byte.

use crate::content::{self, convert, Site};
use crate::diag::{Diagnostic, Diagnostics};
use crate::pipeline::{self, Settings};
use crate::render::pages::{self, Page};
use crate::render::{self, RenderedSite, Renderer};
use crate::theme::Theme;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::RwLock;
use std::time::{Duration, Instant};

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
    site: Site,
    theme: Theme,
    /// The problems found while reading (everything but `validate`).
    read_diags: Vec<Diagnostic>,
    /// (municipality, area) slugs the served site was rendered with.
    rendered_areas: Vec<(String, String)>,
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
        let linked = render::links::check(&model.site, &live.read().unwrap_or_else(|e| e.into_inner()).site);
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
        let outcome = pipeline::run(&self.content, &Settings { base_url: None });
        let title = outcome.site.as_ref().map(title_of);
        let errors: Vec<Diagnostic> = outcome.diags.errors().cloned().collect();
        let warnings = outcome.diags.warnings().count();
        self.stale.clear();
        self.model = None;
        let (changed, pages) = match (outcome.site, outcome.rendered) {
            (Some(site), Some(rendered)) => {
                let read_diags = outcome.read_diags.items;
                let blocked = blocked_files(&site, &outcome.theme);
                let pages = count_pages(rendered.files.keys());
                let changed = publish(live, Update::All(rendered), &errors, Some(blocked));
                let rendered_areas = area_slugs(&site);
                self.model = Some(Model {
                    site,
                    theme: outcome.theme,
                    read_diags,
                    rendered_areas,
                });
                (changed, pages)
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

    /// Reads the changed areas again and renders only the pages that show
    /// them: the area pages, their municipality and print pages, and the
    /// front pages (goal counts).
    fn areas(&mut self, set: &BTreeSet<(String, String)>, live: &RwLock<Live>) -> Report {
        let start = Instant::now();
        // A new or removed folder changes more than one area; so does
        // anything while the last full run had errors.
        let known = |model: &Model, m: &String, a: &String| {
            let mu = model.site.municipalities.iter().find(|x| x.slug == *m);
            mu.is_some_and(|mu| mu.dir.join(a).is_dir())
        };
        match &self.model {
            Some(model) if set.iter().all(|(m, a)| known(model, m, a)) => {}
            _ => return self.full(live),
        }
        let model = self.model.as_mut().expect("checked above");
        for (m, a) in set {
            let languages = model.site.languages.clone();
            let mu = model
                .site
                .municipalities
                .iter_mut()
                .find(|x| x.slug == *m)
                .expect("checked above");
            let dir = mu.dir.join(a);
            let mut d = Diagnostics::default();
            let loaded = convert::load_area(&dir, &languages, &mut d);
            model.read_diags.retain(|x| !x.file.starts_with(&dir));
            model.read_diags.extend(d.items);
            mu.areas.retain(|x| x.slug != *a);
            if let Some(area) = loaded {
                mu.areas.push(area);
                mu.areas.sort_by(|x, y| x.slug.cmp(&y.slug));
            }
            self.stale.insert((m.clone(), a.clone()));
        }
        let mut diags = Diagnostics::default();
        for d in &model.read_diags {
            diags.push(d.clone());
        }
        diags.extend(content::validate::validate(&model.site));
        let mut pages = 0;
        let mut update = Update::None;
        if !diags.has_errors() {
            let result = if area_slugs(&model.site) == model.rendered_areas {
                render_areas(&model.site, &model.theme, &self.stale)
            } else {
                // Areas came or went: the sitemap and more change with them.
                render::render_site(&model.site, &model.theme).map(Update::All)
            };
            match result {
                Ok(u) => {
                    pages = match &u {
                        Update::All(s) => count_pages(s.files.keys()),
                        Update::Areas { files, .. } => count_pages(files.keys()),
                        Update::None => 0,
                    };
                    update = u;
                }
                Err(d) => diags.extend(d),
            }
        }
        diags.sort();
        let errors: Vec<Diagnostic> = diags.errors().cloned().collect();
        let rendered = !matches!(update, Update::None);
        let blocked = blocked_files(&model.site, &model.theme);
        let changed = publish(live, update, &errors, Some(blocked));
        let warnings = diags.warnings().count();
        if rendered {
            self.stale.clear();
            model.rendered_areas = area_slugs(&model.site);
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
            title: Some(title_of(&model.site)),
        }
    }
}

/// What a rebuild puts into the served site.
enum Update {
    None,
    All(RenderedSite),
    /// Replace every file under these area folders (`nn/klepp/barnevern/`)
    /// and put these files in.
    Areas {
        prefixes: Vec<String>,
        files: BTreeMap<String, Vec<u8>>,
    },
}

fn render_areas(site: &Site, theme: &Theme, stale: &BTreeSet<(String, String)>) -> Result<Update, Diagnostics> {
    let mut diags = Diagnostics::default();
    let Some(r) = Renderer::new(site, theme, &mut diags) else {
        return Err(diags);
    };
    if diags.has_errors() {
        return Err(diags);
    }
    let langs = site.languages.len();
    let mut list: Vec<Page> = (0..langs).map(Page::Front).collect();
    let mut munis = BTreeSet::new();
    let mut prefixes = Vec::new();
    for (ms, a_slug) in stale {
        let Some(m) = site.municipalities.iter().position(|x| x.slug == *ms) else {
            continue;
        };
        munis.insert(m);
        for l in 0..langs {
            prefixes.push(format!("{}/{ms}/{a_slug}/", site.languages[l]));
        }
        if let Some(a) = site.municipalities[m].areas.iter().position(|x| x.slug == *a_slug) {
            list.extend((0..langs).map(|l| Page::Area(l, m, a)));
        }
    }
    for m in munis {
        for l in 0..langs {
            list.push(Page::Municipality(l, m));
            list.push(Page::Print(l, m));
        }
    }
    let results: Vec<_> = list.par_iter().map(|p| pages::render_page(&r, *p)).collect();
    let mut files = BTreeMap::new();
    for res in results {
        match res {
            Ok(f) => files.extend(f),
            Err(d) => diags.push(d),
        }
    }
    // Images and other files beside data.yaml, published beside the page.
    for p in &list {
        if let Page::Area(l, m, a) = *p {
            files.extend(pages::area_files(&r, l, m, a, &mut diags));
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(Update::Areas { prefixes, files })
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
        Update::All(site) => {
            changed = !live.built || live.site != site;
            live.site = site;
            live.built = true;
        }
        Update::Areas { prefixes, files } => {
            for p in &prefixes {
                let gone: Vec<String> = live
                    .site
                    .files
                    .range(p.clone()..)
                    .take_while(|(k, _)| k.starts_with(p.as_str()))
                    .map(|(k, _)| k.clone())
                    .filter(|k| !files.contains_key(k))
                    .collect();
                changed |= !gone.is_empty();
                for k in gone {
                    live.site.files.remove(&k);
                }
            }
            for (k, v) in files {
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

fn count_pages<'a>(keys: impl Iterator<Item = &'a String>) -> usize {
    keys.filter(|k| k.ends_with(".html")).count()
}

fn title_of(site: &Site) -> String {
    site.title.plain(site.default_lang(), &site.languages)
}

/// Site files copied from a link that leads out of the folder it is in:
/// content assets and area files outside the content folder, theme files
/// outside the theme folder. `build` copies what such links point to; the preview,
/// which anyone who can reach the port may ask, does not serve them.
fn blocked_files(site: &Site, theme: &Theme) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let outside = |base: &Path, path: &Path| match (base.canonicalize(), path.canonicalize()) {
        (Ok(b), Ok(p)) => !p.starts_with(b),
        _ => true,
    };
    for rel in &site.assets {
        if outside(&site.root, &site.root.join("assets").join(rel)) {
            out.insert(format!("assets/{}", rel.to_string_lossy().replace('\\', "/")));
        }
    }
    for mu in &site.municipalities {
        for a in &mu.areas {
            for f in a.files.iter().filter(|f| outside(&site.root, f)) {
                for l in &site.languages {
                    let name = crate::content::load::name_of(f);
                    out.insert(format!("{l}/{}/{}/{name}", mu.slug, a.slug));
                }
            }
        }
    }
    if let Some(dir) = &theme.override_dir {
        for (name, _) in theme.under("static") {
            let p = dir.join("static").join(name);
            if name != "style.css" && p.exists() && outside(dir, &p) {
                out.insert(format!("assets/{name}"));
            }
        }
    }
    out
}
