//! The route table: every file a site publishes, each with one path function
//! and one scope. `build` renders every route; `serve` re-renders the routes
//! whose scope a change touches; the link check, the sitemap and serve's
//! block list take their paths from here. A new kind of output (a chart, a
//! spreadsheet) is one new variant, wired in once.
//!
//! The search index is the one output that is not a route: how many files
//! it has depends on the words of the written pages, and it is made from
//! them, not from the model (`search::Pages` is taken from this table; its
//! files are at `search::file_path`). `build` lets the model go before it.

use crate::content::Site;
use std::collections::BTreeSet;

/// Indices into the site's model: language, municipality, service area.
pub type L = usize;
/// A municipality's index in `Site::municipalities`.
pub type M = usize;
/// An area's index in `Municipality::areas`.
pub type A = usize;

/// Which of an area's data a download holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Data {
    /// `Area::tables[i]`
    Table(usize),
    /// `Area::series[i]`
    Series(usize),
}

/// The file format of a download: every table and series is published in
/// each, side by side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// `;`-separated, UTF-8 with BOM, as Norwegian Excel opens it.
    Csv,
    /// A workbook with numbers as numbers, formatted the Norwegian way by
    /// the reader's Excel, and the table's caption, source and notes.
    Xlsx,
}

impl Format {
    pub const ALL: [Format; 2] = [Format::Csv, Format::Xlsx];

    pub fn ext(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }
}

/// Which numbers a data package (ZIP) holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Pack {
    /// Every municipality's tables and series.
    Site,
    /// One municipality's.
    Municipality(M),
}

/// One published file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Route {
    /// `index.html`: the choice of language.
    Root,
    /// `404.html`, one for the whole site, in every language.
    NotFound,
    /// `sitemap.xml`
    Sitemap,
    /// The theme's stylesheet under a content-hashed name.
    Stylesheet,
    /// Another file of the theme's `static/` folder (`Layout::theme_static[i]`).
    ThemeFile(usize),
    /// A file of the content's `assets/` folder (`Site::assets[i]`).
    SiteAsset(usize),
    /// A language's front page.
    Front(L),
    Municipality(L, M),
    /// A municipality's whole plan on one page, for printing.
    Print(L, M),
    Area(L, M, A),
    /// A table or series of an area as CSV or XLSX.
    Download(L, M, A, Data, Format),
    /// A file beside the area's data.yaml (`Area::files[i]`), published
    /// beside its page.
    AreaFile(L, M, A, usize),
    /// Every table and series of a municipality or of the whole site as
    /// CSV and XLSX with a `datapackage.json`, in one ZIP. One per language:
    /// the files' headings, row labels and captions are in that language.
    /// Its scope says when it may be stale; a partial render (serve) gives
    /// it again only when its bytes came out different (`package::Packs`).
    Package(L, Pack),
}

/// What part of the content a route shows, and so which changes make it stale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Site-wide settings, the theme or the list of pages only.
    Site,
    /// Summaries over every area (goal counts on the front pages).
    AllAreas,
    /// Every area of one municipality (its page and print page).
    Municipality(M),
    /// One area.
    Area(M, A),
}

impl Route {
    /// The route's language, for routes that have one.
    pub fn lang(self) -> Option<L> {
        match self {
            Route::Front(l)
            | Route::Municipality(l, _)
            | Route::Print(l, _)
            | Route::Area(l, _, _)
            | Route::Download(l, ..)
            | Route::AreaFile(l, ..)
            | Route::Package(l, _) => Some(l),
            _ => None,
        }
    }

    pub fn scope(self) -> Scope {
        match self {
            Route::Root
            | Route::NotFound
            | Route::Sitemap
            | Route::Stylesheet
            | Route::ThemeFile(_)
            | Route::SiteAsset(_) => Scope::Site,
            Route::Front(_) | Route::Package(_, Pack::Site) => Scope::AllAreas,
            Route::Package(_, Pack::Municipality(m)) => Scope::Municipality(m),
            Route::Municipality(_, m) | Route::Print(_, m) => Scope::Municipality(m),
            Route::Area(_, m, a) | Route::Download(_, m, a, ..) | Route::AreaFile(_, m, a, _) => Scope::Area(m, a),
        }
    }

    /// Whether a change to these areas (municipality, area) makes the route stale.
    pub fn touched_by(self, changed: &BTreeSet<(M, A)>) -> bool {
        match self.scope() {
            Scope::Site => false,
            Scope::AllAreas => !changed.is_empty(),
            Scope::Municipality(m) => changed.iter().any(|(cm, _)| *cm == m),
            Scope::Area(m, a) => changed.contains(&(m, a)),
        }
    }

    /// An HTML page (as opposed to a download, asset or the sitemap).
    pub fn is_page(self) -> bool {
        matches!(
            self,
            Route::Root
                | Route::NotFound
                | Route::Front(_)
                | Route::Municipality(..)
                | Route::Print(..)
                | Route::Area(..)
        )
    }

    /// The same page in another language (pages without one stay as they are).
    pub fn in_lang(self, l: L) -> Route {
        match self {
            Route::Root => Route::Front(l),
            Route::Front(_) => Route::Front(l),
            Route::Municipality(_, m) => Route::Municipality(l, m),
            Route::Area(_, m, a) => Route::Area(l, m, a),
            Route::Print(_, m) => Route::Print(l, m),
            Route::Download(_, m, a, d, f) => Route::Download(l, m, a, d, f),
            Route::AreaFile(_, m, a, i) => Route::AreaFile(l, m, a, i),
            Route::Package(_, p) => Route::Package(l, p),
            other => other,
        }
    }
}

/// The site's URL layout: the one place that knows where each route's file
/// goes. Holds what paths depend on beyond the model.
pub struct Layout<'a> {
    pub site: &'a Site,
    /// Names of the theme's static files other than the stylesheet, sorted.
    pub theme_static: Vec<&'a str>,
    /// `assets/planvev.<hash>.css`
    pub css_path: String,
}

impl<'a> Layout<'a> {
    pub fn new(site: &'a Site, theme: &'a crate::theme::Theme) -> Layout<'a> {
        let css = theme
            .files
            .get("static/style.css")
            .map(Vec::as_slice)
            .unwrap_or_default();
        Layout {
            site,
            theme_static: theme
                .under("static")
                .map(|(n, _)| n)
                .filter(|n| *n != "style.css")
                .collect(),
            css_path: format!("assets/planvev.{}.css", crate::render::short_hash(css)),
        }
    }

    fn lang(&self, l: L) -> &str {
        &self.site.languages[l]
    }

    /// The folder of an area's page in language `l`: `nn/klepp/barnevern/`.
    pub fn area_dir(&self, l: L, m: M, a: A) -> String {
        let mu = &self.site.municipalities[m];
        format!("{}/{}/{}/", self.lang(l), mu.slug, mu.areas[a].slug)
    }

    /// The file a route is written to, relative to the site root.
    pub fn path(&self, route: Route) -> String {
        let s = self.site;
        match route {
            Route::Root => "index.html".into(),
            Route::NotFound => "404.html".into(),
            Route::Sitemap => "sitemap.xml".into(),
            Route::Stylesheet => self.css_path.clone(),
            Route::ThemeFile(i) => format!("assets/{}", self.theme_static[i]),
            Route::SiteAsset(i) => format!("assets/{}", crate::paths::web_key(&s.assets[i])),
            Route::Front(l) => format!("{}/index.html", self.lang(l)),
            Route::Municipality(l, m) => format!("{}/{}/index.html", self.lang(l), s.municipalities[m].slug),
            Route::Print(l, m) => format!("{}/{}/print.html", self.lang(l), s.municipalities[m].slug),
            Route::Area(l, m, a) => format!("{}index.html", self.area_dir(l, m, a)),
            Route::Download(l, m, a, d, f) => {
                let area = &s.municipalities[m].areas[a];
                let id = match d {
                    Data::Table(i) => &area.tables[i].id,
                    Data::Series(i) => &area.series[i].id,
                };
                format!("{}{id}.{}", self.area_dir(l, m, a), f.ext())
            }
            Route::AreaFile(l, m, a, i) => {
                let f = &s.municipalities[m].areas[a].files[i];
                format!("{}{}", self.area_dir(l, m, a), crate::content::load::name_of(f))
            }
            Route::Package(l, Pack::Site) => format!("{0}/data-{0}.zip", self.lang(l)),
            Route::Package(l, Pack::Municipality(m)) => {
                let slug = &s.municipalities[m].slug;
                format!("{0}/{slug}/data-{slug}-{0}.zip", self.lang(l))
            }
        }
    }

    /// Every route of the site, pages first in reading order.
    pub fn routes(&self) -> Vec<Route> {
        let mut out = vec![Route::Root, Route::NotFound];
        for l in 0..self.site.languages.len() {
            out.push(Route::Front(l));
            out.push(Route::Package(l, Pack::Site));
            for (m, mu) in self.site.municipalities.iter().enumerate() {
                out.push(Route::Municipality(l, m));
                out.push(Route::Print(l, m));
                for a in 0..mu.areas.len() {
                    out.extend(self.area_routes(l, m, a));
                }
                out.push(Route::Package(l, Pack::Municipality(m)));
            }
        }
        out.push(Route::Sitemap);
        out.push(Route::Stylesheet);
        out.extend((0..self.theme_static.len()).map(Route::ThemeFile));
        out.extend((0..self.site.assets.len()).map(Route::SiteAsset));
        out
    }

    /// The routes a change to these areas makes stale (those `touched_by`
    /// them), in the order of `routes`, without listing the others: a
    /// country has 37 000 routes, an edit touches a few dozen.
    pub fn touched_routes(&self, changed: &BTreeSet<(M, A)>) -> Vec<Route> {
        if changed.is_empty() {
            return Vec::new();
        }
        let munis: BTreeSet<M> = changed.iter().map(|(m, _)| *m).collect();
        let mut out = Vec::new();
        for l in 0..self.site.languages.len() {
            out.push(Route::Front(l));
            out.push(Route::Package(l, Pack::Site));
            for &m in &munis {
                out.push(Route::Municipality(l, m));
                out.push(Route::Print(l, m));
                for a in 0..self.site.municipalities[m].areas.len() {
                    if changed.contains(&(m, a)) {
                        out.extend(self.area_routes(l, m, a));
                    }
                }
                out.push(Route::Package(l, Pack::Municipality(m)));
            }
        }
        out
    }

    /// The routes of files published as they are (the theme's static
    /// files, the content's assets, area files), in the order of `routes`.
    pub fn copied_routes(&self) -> Vec<Route> {
        let mut out = Vec::new();
        for l in 0..self.site.languages.len() {
            for (m, mu) in self.site.municipalities.iter().enumerate() {
                for (a, area) in mu.areas.iter().enumerate() {
                    out.extend((0..area.files.len()).map(|i| Route::AreaFile(l, m, a, i)));
                }
            }
        }
        out.extend((0..self.theme_static.len()).map(Route::ThemeFile));
        out.extend((0..self.site.assets.len()).map(Route::SiteAsset));
        out
    }

    /// An area's page and the files published with it, in one language.
    pub fn area_routes(&self, l: L, m: M, a: A) -> Vec<Route> {
        let area = &self.site.municipalities[m].areas[a];
        let mut out = vec![Route::Area(l, m, a)];
        let data = (0..area.tables.len())
            .map(Data::Table)
            .chain((0..area.series.len()).map(Data::Series));
        for d in data {
            out.extend(Format::ALL.map(|f| Route::Download(l, m, a, d, f)));
        }
        out.extend((0..area.files.len()).map(|i| Route::AreaFile(l, m, a, i)));
        out
    }
}

/// `../../` enough to climb from `from` to the site root.
pub fn root_of(from: &str) -> String {
    "../".repeat(from.matches('/').count())
}

/// The shortest relative link from the page at `from` to the file `to`
/// (both relative to the site root): `nn/a/b/index.html` → `nn/a/index.html`
/// is `../index.html`. Relative links keep the site working under any path.
pub fn rel(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = from
        .split('/')
        .collect::<Vec<_>>()
        .split_last()
        .map(|(_, d)| d.to_vec())
        .unwrap_or_default();
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dirs.iter().zip(&to_parts).take_while(|(a, b)| a == b).count();
    let common = common.min(to_parts.len() - 1);
    format!(
        "{}{}",
        "../".repeat(from_dirs.len() - common),
        to_parts[common..].join("/")
    )
}

/// The address of a page for sitemap and canonical links: `base/nn/klepp/`.
pub fn pretty(base: &str, path: &str) -> String {
    format!("{base}{}", path.strip_suffix("index.html").unwrap_or(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortest_relative_links() {
        assert_eq!(rel("nn/a/b/index.html", "nn/a/index.html"), "../index.html");
        assert_eq!(rel("nn/a/b/index.html", "nn/a/b/budsjett.csv"), "budsjett.csv");
        assert_eq!(
            rel("nn/a/b/index.html", "nb/a/b/index.html"),
            "../../../nb/a/b/index.html"
        );
        assert_eq!(rel("index.html", "nn/index.html"), "nn/index.html");
        assert_eq!(rel("nn/index.html", "assets/x.css"), "../assets/x.css");
        assert_eq!(rel("nn/a/print.html", "nn/a/index.html"), "index.html");
    }

    #[test]
    fn scopes_decide_what_a_change_touches() {
        let changed = BTreeSet::from([(1, 2)]);
        assert!(Route::Area(0, 1, 2).touched_by(&changed));
        assert!(Route::Download(1, 1, 2, Data::Table(0), Format::Xlsx).touched_by(&changed));
        assert!(!Route::Area(0, 1, 3).touched_by(&changed));
        assert!(Route::Print(1, 1).touched_by(&changed));
        assert!(!Route::Municipality(0, 0).touched_by(&changed));
        assert!(Route::Front(0).touched_by(&changed));
        assert!(!Route::Sitemap.touched_by(&changed));
        assert!(!Route::Stylesheet.touched_by(&changed));
        assert!(Route::Package(0, Pack::Municipality(1)).touched_by(&changed));
        assert!(!Route::Package(0, Pack::Municipality(0)).touched_by(&changed));
        assert!(Route::Package(1, Pack::Site).touched_by(&changed));
    }
}
