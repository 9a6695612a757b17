//! The pages of a site and what each shows.

use super::figure;
use super::links::Plan;
use super::markdown::{self, MdOptions};
use super::package::{MuniPack, PackCx, Packs, Zip};
use super::sheet;
use super::view::{self, escape, Loc};
use super::{Renderer, Sink};
use crate::chart::Kind as ChartKind;
use crate::content::directive::Kind;
use crate::content::{count_statuses, Area, Narrative};
use crate::diag::{Diagnostic, Diagnostics};
use crate::format::csv::to_csv_bytes;
use crate::format::xlsx::{to_xlsx_bytes, XCell};
use crate::route::{pretty, rel, root_of, Data, Format, Pack, Route, A, L, M};
use rayon::prelude::*;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

/// (page, heading id) pairs that the narratives' links ask for and that
/// were found while rendering.
pub type Found = HashSet<(String, String)>;

/// Routes rendered together on one thread because they share work: the
/// pages of one municipality in one language share its goal trackers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Unit {
    Alone(Route),
    Municipality(L, M),
}

fn unit_of(route: Route) -> Unit {
    match route {
        Route::Municipality(l, m)
        | Route::Print(l, m)
        | Route::Area(l, m, _)
        | Route::Download(l, m, ..)
        | Route::AreaFile(l, m, ..)
        | Route::Package(l, Pack::Municipality(m)) => Unit::Municipality(l, m),
        other => Unit::Alone(other),
    }
}

/// Work shared by the routes of one unit.
struct Memo<'a> {
    /// Goal trackers by (area, id prefix).
    goals: RefCell<HashMap<(A, String), String>>,
    /// Goal paths by area, a list per goal: drawn once, shown on the area,
    /// municipality and print pages.
    paths: RefCell<HashMap<A, std::rc::Rc<Vec<view::GoalPaths>>>>,
    /// The data packages and the downloads made for them, shared by every
    /// unit, so each download is made once: for its municipality's package,
    /// its size in a page's link and its own route.
    packs: &'a Packs<'a>,
    /// The site-wide pages' contexts, as the previous render had them.
    digests: &'a Digests,
}

/// A SHA-256 of what a page is made from.
type Digest = [u8; 32];

/// What the site-wide pages were made from: the front pages list every
/// area of the site (740 kB of HTML for a country), so serve's partial render
/// gives one only when what it is made from changed. The same template with
/// the same context gives the same bytes.
#[derive(Debug, Clone, Default)]
pub struct PageDigests {
    pages: HashMap<Route, Digest>,
    /// The front pages' municipality cards by (language, municipality): a
    /// card shows only its municipality, so a partial render makes again
    /// only the cards of the municipalities it renders, and digests the
    /// front page from the cards' digests instead of its whole context.
    cards: HashMap<(L, M), Arc<Card>>,
}

/// The previous render's page digests and this one's.
pub struct Digests {
    /// Empty in a full render: every page is made.
    previous: PageDigests,
    /// The municipalities a partial render makes again (None: all).
    remade: Option<BTreeSet<M>>,
    now: std::sync::Mutex<PageDigests>,
}

impl Digests {
    /// `previous` and the areas changed since, for a partial render.
    pub fn new(previous: Option<(&PageDigests, &BTreeSet<(M, A)>)>) -> Digests {
        let remade = previous.map(|(_, changed)| changed.iter().map(|(m, _)| *m).collect());
        let previous = previous.map(|(p, _)| p.clone()).unwrap_or_default();
        Digests {
            now: std::sync::Mutex::new(previous.clone()),
            previous,
            remade,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, PageDigests> {
        self.now.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Notes what `page` is made from now; true when that is what it was
    /// made from in the previous render.
    fn same(&self, page: Route, digest: Digest) -> bool {
        self.lock().pages.insert(page, digest);
        self.previous.pages.get(&page) == Some(&digest)
    }

    /// Municipality `m`'s front-page card in language `l`: the previous
    /// render's when this one does not make `m` again, else made by `make`.
    fn card(&self, (l, m): (L, M), make: impl FnOnce() -> MunicipalityCard) -> Arc<Card> {
        let kept = self.remade.as_ref().filter(|r| !r.contains(&m));
        if let Some(card) = kept.and_then(|_| self.previous.cards.get(&(l, m))) {
            return card.clone();
        }
        let card = Arc::new(Card::new(make()));
        self.lock().cards.insert((l, m), card.clone());
        card
    }

    pub fn into_inner(self) -> PageDigests {
        self.now.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

/// A front-page card with the digest of its context.
pub struct Card {
    card: MunicipalityCard,
    /// The municipality's goals by status (`Status::ALL`'s order).
    statuses: [usize; 5],
    digest: Digest,
}

impl Card {
    fn new(card: MunicipalityCard) -> Card {
        use sha2::{Digest as _, Sha256};
        let mut h = Sha256::new();
        // Writing JSON into a digest cannot fail.
        let _ = serde_json::to_writer(&mut h, &card);
        Card {
            statuses: card
                .counts
                .iter()
                .map(|c| c.count)
                .collect::<Vec<_>>()
                .try_into()
                .unwrap_or_default(),
            digest: h.finalize().into(),
            card,
        }
    }
}

impl std::fmt::Debug for Card {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Card")
            .field("digest", &self.digest)
            .finish_non_exhaustive()
    }
}

impl serde::Serialize for Card {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.card.serialize(s)
    }
}

/// What a page is made from, digested: the page's whole context, except
/// that a front page's municipality cards count by their own digests.
fn page_digest(ctx: &PageCx) -> Digest {
    use sha2::{Digest as _, Sha256};
    let mut h = Sha256::new();
    // Writing JSON into a digest cannot fail.
    match &ctx.specific {
        Specific::Front(f) => {
            let _ = serde_json::to_writer(&mut h, &(&ctx.common, &ctx.fallback_notice, &f.head));
            for c in &f.municipalities {
                h.update(c.digest);
            }
        }
        _ => {
            let _ = serde_json::to_writer(&mut h, ctx);
        }
    }
    h.finalize().into()
}

/// Pages that summarise every area: the ones worth a digest.
fn site_wide(page: Route) -> bool {
    page.is_page() && page.scope() == crate::route::Scope::AllAreas
}

/// Renders `routes` into `sink`, in parallel, with the data packages of
/// `packs` and the page digests of `digests`. Returns the headings the link
/// plan asked for that were found.
pub fn render_routes(
    r: &Renderer,
    routes: &[Route],
    sink: &dyn Sink,
    (plan, packs, digests): (&Plan, &Packs<'_>, &Digests),
) -> Result<Found, Diagnostics> {
    let mut units: BTreeMap<Unit, Vec<Route>> = BTreeMap::new();
    for &route in routes {
        units.entry(unit_of(route)).or_default().push(route);
    }
    // The municipalities' units first, then the site-wide routes: the front
    // page's link to the site's data package needs every municipality's
    // package, and made up front those would hold every download of the
    // site until its area's page came to take it.
    let (per_municipality, site_wide): (Vec<_>, Vec<_>) = units
        .into_iter()
        .partition(|(u, _)| matches!(u, Unit::Municipality(..)));
    let mut results = render_units(r, &per_municipality, sink, (plan, packs, digests));
    results.extend(render_units(r, &site_wide, sink, (plan, packs, digests)));
    let mut diags = Diagnostics::default();
    let mut found = Found::new();
    for (f, errors) in results {
        found.extend(f);
        for d in errors {
            diags.push(d);
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(found)
}

/// Renders each unit's routes into `sink`, the units in parallel; returns
/// what each found, and its errors.
fn render_units(
    r: &Renderer,
    units: &[(Unit, Vec<Route>)],
    sink: &dyn Sink,
    (plan, packs, digests): (&Plan, &Packs<'_>, &Digests),
) -> Vec<(Found, Vec<Diagnostic>)> {
    units
        .par_iter()
        .map(|(_, list)| {
            let memo = Memo {
                goals: RefCell::default(),
                paths: RefCell::default(),
                packs,
                digests,
            };
            let mut found = Found::new();
            let mut errors = Vec::new();
            for &route in list {
                // A package a partial render made again byte for byte the
                // same is in the sink already (the site's is tens of MB).
                match same_as_before(r, route, &memo) {
                    Ok(false) => {}
                    Ok(true) => continue,
                    Err(d) => {
                        errors.push(d);
                        continue;
                    }
                }
                let path = r.layout.path(route);
                let put = render_route(r, route, &memo).and_then(|made| {
                    // A page made from what it was made from before.
                    let Some(made) = made else { return Ok(()) };
                    if route.is_page() {
                        found.extend(plan.found_in(&path, made.bytes()));
                    }
                    sink.put(path, made.bytes())
                });
                if let Err(d) = put {
                    errors.push(d);
                }
            }
            (found, errors)
        })
        .collect()
}

/// A route's bytes: made for it, or a data package's, shared with what the
/// render keeps of it (for the links that give its size, and for serve's
/// next render): a country's site package is 32 MB per language.
enum Made {
    Bytes(Vec<u8>),
    Municipality(Arc<MuniPack>),
    Site(Arc<Zip>),
}

impl Made {
    fn bytes(&self) -> &[u8] {
        match self {
            Made::Bytes(b) => b,
            Made::Municipality(p) => p.zip.held().unwrap_or_default(),
            Made::Site(z) => z.held().unwrap_or_default(),
        }
    }
}

/// The bytes of one route, or None for a page that a partial render need
/// not give again.
fn render_route(r: &Renderer, route: Route, memo: &Memo) -> Result<Option<Made>, Diagnostic> {
    let read = |path: &std::path::Path| {
        std::fs::read(path).map_err(|e| Diagnostic::error(path, format!("could not be read: {e}")))
    };
    let theme_file = |name: &str| {
        r.theme
            .files
            .get(&format!("static/{name}"))
            .cloned()
            .unwrap_or_default()
    };
    let bytes = match route {
        Route::Sitemap => Ok(sitemap(r).into_bytes()),
        Route::Stylesheet => Ok(theme_file("style.css")),
        Route::ThemeFile(i) => Ok(theme_file(r.layout.theme_static[i])),
        Route::SiteAsset(i) => read(&r.site.root.join("assets").join(&r.site.assets[i])),
        Route::AreaFile(_, m, a, i) => read(&r.site.municipalities[m].areas[a].files[i]),
        Route::Download(l, m, a, d, f) => download_memo(r, memo, (l, m, a), d, f),
        // A package the render gave to the sink as soon as it made it is
        // there already (`package::Zip`).
        Route::Package(l, Pack::Municipality(m)) => {
            let pack = muni_pack(r, memo, l, m)?;
            return Ok(pack.zip.held().is_some().then_some(Made::Municipality(pack)));
        }
        Route::Package(l, Pack::Site) => {
            let zip = site_pack(r, memo, l)?;
            return Ok(zip.held().is_some().then_some(Made::Site(zip)));
        }
        page => return render_page(r, page, memo).map(|p| p.map(|p| Made::Bytes(p.into_bytes()))),
    };
    bytes.map(|b| Some(Made::Bytes(b)))
}

/// An area's table or series as CSV or XLSX, in language `l`.
fn download(r: &Renderer, (l, m, a): (L, M, A), d: Data, f: Format) -> Result<Vec<u8>, Diagnostic> {
    let lang = r.site.languages[l].as_str();
    let loc = Loc::new(lang, r.site.fallback_order(), &r.strings[lang]);
    let area = &r.site.municipalities[m].areas[a];
    let series_table = |i: usize| {
        let s = &area.series[i];
        let mut t = view::series_table(s);
        t.unit = s.unit.clone();
        t
    };
    match f {
        Format::Csv => {
            let rows = match d {
                Data::Table(i) => view::table_csv(&loc, &area.tables[i]),
                Data::Series(i) => {
                    let mut rows = view::table_csv(&loc, &view::series_table(&area.series[i]));
                    rows[0][0] = loc.s("year");
                    rows
                }
            };
            Ok(to_csv_bytes(&rows))
        }
        Format::Xlsx => {
            let page = r.layout.path(Route::Area(l, m, a));
            let address = match &r.site.base_url {
                Some(b) => pretty(b, &page),
                None => pretty("", &page),
            };
            let sheet = match d {
                Data::Table(i) => sheet::table_sheet(&loc, &area.tables[i], &address),
                Data::Series(i) => {
                    let mut sh = sheet::table_sheet(&loc, &series_table(i), &address);
                    // The header row: the first with more than one cell.
                    if let Some(h) = sh.rows.iter_mut().find(|r| r.len() > 1) {
                        h[0] = XCell::Strong(loc.s("year"));
                    }
                    sh
                }
            };
            let path = r.layout.path(Route::Download(l, m, a, d, f));
            to_xlsx_bytes(&sheet)
                .map_err(|e| Diagnostic::error(std::path::Path::new(&path), format!("could not be written: {e}")))
        }
    }
}

/// A download's bytes, taken from its municipality's package.
fn download_memo(r: &Renderer, memo: &Memo, (l, m, a): (L, M, A), d: Data, f: Format) -> Result<Vec<u8>, Diagnostic> {
    let pack = muni_pack(r, memo, l, m)?;
    let taken = pack.files.lock().unwrap_or_else(|e| e.into_inner()).remove(&(a, d, f));
    match taken {
        Some(b) => Ok(b),
        None => download(r, (l, m, a), d, f),
    }
}

/// Makes a package with a `Loc` of its own, so that a text missing in the
/// page's language does not put a fallback notice on the page asking.
fn with_pack_cx<T>(r: &Renderer, l: L, make: impl FnOnce(&PackCx) -> T) -> T {
    let lang = r.site.languages[l].as_str();
    let loc = Loc::new(lang, r.site.fallback_order(), &r.strings[lang]);
    let dl = |k: (L, M, A), d: Data, f: Format| download(r, k, d, f);
    make(&PackCx {
        site: r.site,
        layout: &r.layout,
        loc: &loc,
        download: &dl,
    })
}

/// Municipality `m`'s data package in language `l`, made by the first route
/// that asks.
fn muni_pack(r: &Renderer, memo: &Memo, l: L, m: M) -> Result<std::sync::Arc<MuniPack>, Diagnostic> {
    with_pack_cx(r, l, |cx| memo.packs.municipality(cx, l, m))
}

/// Whether `route` is a data package that came out as the previous render's.
fn same_as_before(r: &Renderer, route: Route, memo: &Memo) -> Result<bool, Diagnostic> {
    match route {
        Route::Package(l, _) => with_pack_cx(r, l, |cx| memo.packs.same_as_before(cx, route)),
        _ => Ok(false),
    }
}

/// The whole site's data package in language `l`.
fn site_pack(r: &Renderer, memo: &Memo, l: L) -> Result<std::sync::Arc<Zip>, Diagnostic> {
    with_pack_cx(r, l, |cx| memo.packs.site(cx, l))
}

/// "Last ned alle tal for Klepp (ZIP, 120 kB)": a data package's link, and
/// the licence its numbers are published under.
#[derive(serde::Serialize)]
struct PackageLink {
    href: String,
    text: String,
    licence: Option<LicenceLink>,
}

#[derive(serde::Serialize)]
struct LicenceLink {
    title: String,
    href: String,
}

fn package_link(cx: &Cx, route: Route, name: Option<String>) -> Result<PackageLink, Diagnostic> {
    let (r, loc) = (cx.r, cx.loc);
    let size = match route {
        Route::Package(l, Pack::Municipality(m)) => muni_pack(r, cx.memo, l, m)?.zip.len(),
        Route::Package(l, _) => site_pack(r, cx.memo, l)?.len(),
        _ => 0,
    };
    let text = match name {
        Some(n) => loc.s("download_all").replace("{name}", &n),
        None => loc.s("download_all_site"),
    };
    Ok(PackageLink {
        href: rel(cx.path, &r.layout.path(route)),
        text: text.replace("{size}", &kilobytes(size)),
        licence: r.site.licence.map(|lic| LicenceLink {
            title: lic.title().to_string(),
            href: lic.url().to_string(),
        }),
    })
}

/// "Last ned «Nøkkeltal» som Excel (8 kB)": one link per format, naming the
/// table, the format and the size.
fn download_links(cx: &Cx, (l, m, a): (L, M, A), d: Data) -> Result<Vec<view::DownloadLink>, Diagnostic> {
    let (r, loc) = (cx.r, cx.loc);
    let area = &r.site.municipalities[m].areas[a];
    let (title, id) = match d {
        Data::Table(i) => (&area.tables[i].title, &area.tables[i].id),
        Data::Series(i) => (&area.series[i].title, &area.series[i].id),
    };
    let name = title.as_ref().map(|t| loc.plain(t)).unwrap_or_else(|| id.clone());
    let mut out = Vec::new();
    for f in Format::ALL {
        let made = {
            let pack = muni_pack(r, cx.memo, l, m)?;
            let files = pack.files.lock().unwrap_or_else(|e| e.into_inner());
            files.get(&(a, d, f)).map(Vec::len)
        };
        let size = match made {
            Some(n) => n,
            None => download(r, (l, m, a), d, f)?.len(),
        };
        out.push(view::DownloadLink {
            href: rel(cx.path, &r.layout.path(Route::Download(l, m, a, d, f))),
            text: loc
                .s("download_as")
                .replace("{name}", &name)
                .replace(
                    "{format}",
                    match f {
                        Format::Csv => "CSV",
                        Format::Xlsx => "Excel",
                    },
                )
                .replace("{size}", &kilobytes(size)),
        });
    }
    Ok(out)
}

/// "8 kB": whole kilobytes, rounded up, as a reader judges a download;
/// from 10 MB on, "12,4 MB".
fn kilobytes(bytes: usize) -> String {
    if bytes >= 10_000_000 {
        let tenths = bytes.div_ceil(100_000);
        return format!("{},{}\u{a0}MB", tenths / 10, tenths % 10);
    }
    format!("{}\u{a0}kB", bytes.div_ceil(1000).max(1))
}

/// An HTML page, or None for a site-wide page made from the same as in
/// the previous render.
fn render_page(r: &Renderer, page: Route, memo: &Memo<'_>) -> Result<Option<String>, Diagnostic> {
    let path = r.layout.path(page);
    let li = page.lang().unwrap_or(0);
    let lang = r.site.languages[li].as_str();
    let strings = &r.strings[lang];
    let loc = Loc::new(lang, r.site.fallback_order(), strings);
    let cx = Cx {
        r,
        loc: &loc,
        path: &path,
        memo,
    };
    let (template, specific) = match page {
        Route::Root => ("root.html", Specific::Root(root_ctx(r, &path))),
        Route::NotFound => ("404.html", Specific::NotFound(not_found_ctx(r))),
        Route::Front(_) => ("front.html", Specific::Front(front_ctx(&cx, li)?)),
        Route::Municipality(_, m) => (
            "municipality.html",
            Specific::Municipality(municipality_ctx(&cx, li, m)?),
        ),
        Route::Print(_, m) => ("print.html", Specific::Print(print_ctx(&cx, li, m)?)),
        Route::Area(_, m, a) => ("area.html", Specific::Area(area_ctx(&cx, li, m, a)?)),
        other => unreachable!("{other:?} is not a page"),
    };
    // The notice is about the page's own text. The site's name and the
    // navigation around it carry their own `lang` where they fall back, and
    // would otherwise put the notice on every page.
    let own_fallback = loc.used_fallback.take();
    let ctx = PageCx {
        common: common_ctx(&cx, page),
        specific,
        fallback_notice: own_fallback.map(|l| Notice {
            text: crate::i18n::only_in(strings, &l),
            lang,
        }),
    };
    if site_wide(page) && memo.digests.same(page, page_digest(&ctx)) {
        return Ok(None);
    }
    r.render_template(template, &ctx, lang).map(Some)
}

/// Everything a page template gets (docs/theme.md lists it): what every page
/// has, what its kind adds, and the fallback notice.
#[derive(serde::Serialize)]
struct PageCx<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    #[serde(flatten)]
    specific: Specific<'a>,
    fallback_notice: Option<Notice<'a>>,
}

/// What a page's kind adds to its context: one typed context per page
/// template, whose fields are the template's variables. docs/theme.md lists
/// them, and tests/theme_reference.rs holds the two to each other, so a
/// renamed field fails a test instead of showing blank in a theme.
#[derive(serde::Serialize)]
#[serde(untagged)]
enum Specific<'a> {
    Root(LanguagesCx<RootLang<'a>>),
    NotFound(LanguagesCx<NotFoundLang<'a>>),
    Front(FrontCx),
    Municipality(MunicipalityCx),
    Print(PrintCx<'a>),
    Area(AreaCx<'a>),
}

/// "This text is only in bokmål", in the page's language.
#[derive(serde::Serialize)]
struct Notice<'a> {
    text: String,
    lang: &'a str,
}

/// What every page has.
#[derive(serde::Serialize)]
struct Common<'a> {
    lang: &'a str,
    /// `../../` up to the site root (the 404 page: base_url).
    root: String,
    css: String,
    site_title: String,
    site_title_html: String,
    home: String,
    x_default: String,
    alternates: Vec<Alternate<'a>>,
    canonical: Option<String>,
    accessibility_statement: Option<Statement>,
    period: Option<String>,
    report_date: Option<String>,
    breadcrumbs: Vec<Crumb>,
    is_root: bool,
    inline_css: Option<String>,
    print: bool,
}

/// The accessibility statement's address for one language, and the
/// language it is in when the site has none in that one (a single address
/// for every language gets no `hreflang`).
#[derive(serde::Serialize)]
struct Statement {
    href: String,
    lang: Option<String>,
}

fn statement(r: &Renderer, lang: &str) -> Option<Statement> {
    let got = r
        .site
        .accessibility_statement
        .as_ref()?
        .get(lang, r.site.fallback_order());
    Some(Statement {
        href: got.text,
        lang: got.fallback_lang,
    })
}

/// The same page in another language (the language choice, hreflang).
#[derive(serde::Serialize)]
struct Alternate<'a> {
    lang: &'a str,
    name: String,
    href: String,
    alt_href: String,
    current: bool,
}

#[derive(serde::Serialize)]
struct Crumb {
    title_html: String,
    href: String,
}

/// What every part of one page needs: the renderer, the page's language,
/// its path and the work its unit shares.
struct Cx<'a> {
    r: &'a Renderer<'a>,
    loc: &'a Loc<'a>,
    path: &'a str,
    memo: &'a Memo<'a>,
}

fn common_ctx<'a>(cx: &Cx<'a>, page: Route) -> Common<'a> {
    let (r, loc, path) = (cx.r, cx.loc, cx.path);
    let site = r.site;
    let root = if page == Route::NotFound {
        site.base_url.clone().unwrap_or_default()
    } else {
        root_of(path)
    };
    let alternates: Vec<Alternate> = match page {
        Route::NotFound => vec![],
        _ => (0..site.languages.len())
            .map(|l| {
                let lang = site.languages[l].as_str();
                let target = r.layout.path(page.in_lang(l));
                Alternate {
                    lang,
                    name: r.strings[lang]
                        .get("language_name")
                        .cloned()
                        .unwrap_or_else(|| lang.to_string()),
                    href: rel(path, &target),
                    // Search engines want hreflang addresses absolute; with
                    // no base_url the relative one is the best there is.
                    alt_href: site
                        .base_url
                        .as_ref()
                        .map_or_else(|| rel(path, &target), |b| pretty(b, &target)),
                    current: lang == loc.lang,
                }
            })
            .collect(),
    };
    let home = match page {
        Route::Root | Route::NotFound => format!("{root}index.html"),
        _ => format!("{root}{}/index.html", loc.lang),
    };
    let css = r
        .theme
        .files
        .get("static/style.css")
        .map(Vec::as_slice)
        .unwrap_or_default();
    Common {
        lang: loc.lang,
        css: format!("{root}{}", r.layout.css_path),
        site_title: loc.plain(&site.title),
        site_title_html: loc.html(&site.title),
        home,
        x_default: site.base_url.clone().unwrap_or_else(|| format!("{root}index.html")),
        alternates,
        canonical: site.base_url.as_ref().map(|b| pretty(b, path)),
        accessibility_statement: statement(r, loc.lang),
        period: site.period.map(|(a, b)| format!("{a}–{b}")),
        report_date: site
            .report_date
            .map(|d| loc.s("report_date").replace("{date}", &d.display())),
        breadcrumbs: breadcrumbs(cx, page),
        is_root: page == Route::Root,
        inline_css: (page == Route::NotFound).then(|| String::from_utf8_lossy(css).into_owned()),
        print: matches!(page, Route::Print(..)),
        root,
    }
}

fn breadcrumbs(cx: &Cx, page: Route) -> Vec<Crumb> {
    let (r, loc, path) = (cx.r, cx.loc, cx.path);
    let home = Crumb {
        title_html: escape(&loc.s("home")),
        href: rel(path, &format!("{}/index.html", loc.lang)),
    };
    let muni = |l: L, m: M| Crumb {
        title_html: loc.html(&r.site.municipalities[m].name),
        href: rel(path, &r.layout.path(Route::Municipality(l, m))),
    };
    match page {
        Route::Municipality(..) => vec![home],
        Route::Area(l, m, _) | Route::Print(l, m) => vec![home, muni(l, m)],
        _ => vec![],
    }
}

/// A page that speaks every language of the site: the language choice and
/// the 404 page.
#[derive(serde::Serialize)]
struct LanguagesCx<T> {
    languages: Vec<T>,
}

/// One language on the 404 page.
#[derive(serde::Serialize)]
struct NotFoundLang<'a> {
    lang: &'a str,
    /// That language's words.
    t: &'a crate::i18n::Strings,
    site_title: String,
    home: String,
    accessibility_statement: Option<Statement>,
}

/// The 404 page is one file for the whole site and cannot know which language
/// its reader wanted, so it speaks every language, each with its own link home.
fn not_found_ctx<'a>(r: &'a Renderer) -> LanguagesCx<NotFoundLang<'a>> {
    let root = r.site.base_url.clone().unwrap_or_default();
    let languages = (0..r.site.languages.len())
        .map(|l| {
            let lang = r.site.languages[l].as_str();
            NotFoundLang {
                lang,
                t: &r.strings[lang],
                site_title: r.site.title.plain(lang, &r.site.languages),
                home: format!("{root}{}", r.layout.path(Route::Front(l))),
                accessibility_statement: statement(r, lang),
            }
        })
        .collect();
    LanguagesCx { languages }
}

/// One language on the language choice at the site's root.
#[derive(serde::Serialize)]
struct RootLang<'a> {
    lang: &'a str,
    /// The language's own name: "Nynorsk".
    name: String,
    site_title: String,
    /// "Vel språk", in that language.
    choose: String,
    href: String,
}

fn root_ctx<'a>(r: &'a Renderer, path: &str) -> LanguagesCx<RootLang<'a>> {
    let languages = (0..r.site.languages.len())
        .map(|l| {
            let lang = r.site.languages[l].as_str();
            let s = &r.strings[lang];
            RootLang {
                lang,
                name: s.get("language_name").cloned().unwrap_or_else(|| lang.into()),
                site_title: r.site.title.plain(lang, &r.site.languages),
                choose: s.get("choose_language").cloned().unwrap_or_default(),
                href: rel(path, &r.layout.path(Route::Front(l))),
            }
        })
        .collect();
    LanguagesCx { languages }
}

/// How a text is placed on a page: its heading level, the prefix of its ids
/// (several texts share the print page) and the page its relative links were
/// written for (the print page gathers texts written for the area pages).
struct Placing<'a> {
    base_level: u8,
    id_prefix: &'a str,
    links_from: &'a str,
}

/// A narrative in the page's language, or the one that exists, with the
/// notice that says so.
fn narrative_html(cx: &Cx, n: &Narrative, at: &Placing) -> Option<markdown::Rendered> {
    let (r, loc) = (cx.r, cx.loc);
    let (doc, in_lang) = n.get(loc.lang, r.site.fallback_order())?;
    let primary = n
        .get(r.site.default_lang(), r.site.fallback_order())
        .map(|(d, _)| d)
        .unwrap_or(doc);
    let out = markdown::render_parsed(
        doc.parsed(),
        &MdOptions {
            page: cx.path,
            links_from: at.links_from,
            raw_html: r.site.raw_html,
            base_level: at.base_level,
            heading_ids: primary.heading_ids(),
            id_prefix: at.id_prefix,
        },
    );
    if in_lang == loc.lang {
        return Some(out);
    }
    let notice = escape(&crate::i18n::only_in(loc.strings, in_lang));
    Some(out.wrap(
        &format!(
            "<div class=\"fallback\" lang=\"{in_lang}\"><p class=\"fallback-notice\" lang=\"{}\" data-search-meta=\"fallback\" data-search-ignore>{notice}</p>",
            loc.lang
        ),
        "</div>",
    ))
}

/// An introduction (the site's, a municipality's): a narrative with no data
/// to place, and no tables or figures for `{{ ref }}` to name.
fn intro_html(cx: &Cx, n: &Narrative, at: &Placing) -> Option<String> {
    narrative_html(cx, n, at).map(|h| markdown::resolve_refs(&h.without_data(), |_| None))
}

/// The front page: the site's introduction and every municipality.
#[derive(serde::Serialize)]
struct FrontCx {
    #[serde(flatten)]
    head: FrontHead,
    municipalities: Vec<Arc<Card>>,
}

/// The front page's own part, besides the municipality cards.
#[derive(serde::Serialize)]
struct FrontHead {
    title: String,
    intro_html: Option<String>,
    counts: Vec<view::CountView>,
    /// Goals with a status, site-wide.
    goal_total: usize,
    /// Every number of the site in one ZIP.
    data_package: PackageLink,
}

/// A municipality on the front page.
#[derive(serde::Serialize)]
struct MunicipalityCard {
    name_html: String,
    href: String,
    county_html: Option<String>,
    areas: Vec<Crumb>,
    counts: Vec<view::CountView>,
    goal_total: usize,
}

fn front_ctx(cx: &Cx, li: L) -> Result<FrontCx, Diagnostic> {
    let (r, loc, path) = (cx.r, cx.loc, cx.path);
    let municipalities: Vec<Arc<Card>> = (0..r.site.municipalities.len())
        .map(|m| cx.memo.digests.card((li, m), || municipality_card(cx, li, m)))
        .collect();
    let at = Placing {
        base_level: 2,
        id_prefix: "",
        links_from: path,
    };
    let mut counts = [0; 5];
    for c in &municipalities {
        for (total, n) in counts.iter_mut().zip(c.statuses) {
            *total += n;
        }
    }
    Ok(FrontCx {
        head: FrontHead {
            title: loc.plain(&r.site.title),
            intro_html: intro_html(cx, &r.site.front, &at),
            counts: view::counts_view(loc, counts),
            goal_total: counts.iter().sum(),
            data_package: package_link(cx, Route::Package(li, Pack::Site), None)?,
        },
        municipalities,
    })
}

fn municipality_card(cx: &Cx, li: L, m: M) -> MunicipalityCard {
    let (r, loc, path) = (cx.r, cx.loc, cx.path);
    let mu = &r.site.municipalities[m];
    let counts = count_statuses(mu.goals());
    MunicipalityCard {
        name_html: loc.html(&mu.name),
        href: rel(path, &r.layout.path(Route::Municipality(li, m))),
        county_html: loc.opt_html(&mu.county),
        areas: (mu.areas.iter().enumerate())
            .map(|(a, area)| Crumb {
                title_html: loc.html(&area.title),
                href: rel(path, &r.layout.path(Route::Area(li, m, a))),
            })
            .collect(),
        counts: view::counts_view(loc, counts),
        goal_total: counts.iter().sum(),
    }
}

/// An area's goal trackers; the municipality and print pages share theirs.
fn goals_html(cx: &Cx, a: A, area: &Area, prefix: &str) -> Result<String, Diagnostic> {
    let key = (a, prefix.to_string());
    if let Some(html) = cx.memo.goals.borrow().get(&key) {
        return Ok(html.clone());
    }
    let paths = std::rc::Rc::clone(
        (cx.memo.paths.borrow_mut().entry(a))
            .or_insert_with(|| std::rc::Rc::new(area.goals.iter().map(|g| view::goal_paths(cx.loc, g)).collect())),
    );
    let goals: Vec<_> = (area.goals.iter().zip(paths.iter()))
        .map(|(g, p)| view::goal_view(cx.loc, g, prefix, p))
        .collect();
    // The area's own page (no prefix) says as of when; the municipality
    // page says it once, above all areas' goals.
    let report = cx.r.site.report_date.filter(|_| prefix.is_empty());
    let report = report.map(|d| cx.loc.s("report_date").replace("{date}", &d.display()));
    #[derive(serde::Serialize)]
    struct GoalsCx<'a> {
        goals: &'a [view::GoalView],
        report_date: Option<String>,
    }
    let html = cx.r.render_template(
        "partials/goals.html",
        &GoalsCx {
            goals: &goals,
            report_date: report,
        },
        cx.loc.lang,
    )?;
    cx.memo.goals.borrow_mut().insert(key, html.clone());
    Ok(html)
}

/// `municipality.html`'s own variables.
#[derive(serde::Serialize)]
struct MunicipalityCx {
    title: String,
    name_html: String,
    county_html: Option<String>,
    intro_html: Option<String>,
    areas: Vec<AreaEntry>,
    counts: Vec<view::CountView>,
    goal_total: usize,
    print_href: String,
    data_package: PackageLink,
}

/// An area on its municipality's page.
#[derive(serde::Serialize)]
struct AreaEntry {
    title_html: String,
    summary_html: Option<String>,
    href: String,
    goal_count: usize,
    /// The area's goal trackers (`partials/goals.html`).
    goals_html: Option<String>,
}

fn municipality_ctx(cx: &Cx, li: L, m: M) -> Result<MunicipalityCx, Diagnostic> {
    let (r, loc, path) = (cx.r, cx.loc, cx.path);
    let mu = &r.site.municipalities[m];
    let mut areas = Vec::new();
    for (a, area) in mu.areas.iter().enumerate() {
        let goals = match area.goals.is_empty() {
            true => None,
            false => Some(goals_html(cx, a, area, &format!("{}-", area.slug))?),
        };
        areas.push(AreaEntry {
            title_html: loc.html(&area.title),
            summary_html: loc.opt_html(&area.summary),
            href: rel(path, &r.layout.path(Route::Area(li, m, a))),
            goal_count: area.goals.len(),
            goals_html: goals,
        });
    }
    let at = Placing {
        base_level: 2,
        id_prefix: "",
        links_from: path,
    };
    let counts = count_statuses(mu.goals());
    Ok(MunicipalityCx {
        title: loc.plain(&mu.name),
        name_html: loc.html(&mu.name),
        county_html: loc.opt_html(&mu.county),
        intro_html: intro_html(cx, &mu.intro, &at),
        areas,
        counts: view::counts_view(loc, counts),
        goal_total: counts.iter().sum(),
        print_href: rel(path, &r.layout.path(Route::Print(li, m))),
        data_package: package_link(cx, Route::Package(li, Pack::Municipality(m)), Some(loc.plain(&mu.name)))?,
    })
}

/// An area's narrative with its data placed. The area page and the print
/// page both show it, with other heading levels and id prefixes.
fn area_body(cx: &Cx, (li, m, a): (L, M, A), base_level: u8, prefix: &str) -> Result<String, Diagnostic> {
    let (r, loc, path) = (cx.r, cx.loc, cx.path);
    let area = &r.site.municipalities[m].areas[a];
    let download = |d: Data| rel(path, &r.layout.path(Route::Download(li, m, a, d, Format::Csv)));
    let links = |d: Data| download_links(cx, (li, m, a), d);
    let mut placed_tables = vec![false; area.tables.len()];
    let mut placed_series = vec![false; area.series.len()];
    let mut placed_goals = false;
    let area_page = r.layout.path(Route::Area(li, m, a));
    let at = Placing {
        base_level,
        id_prefix: prefix,
        links_from: &area_page,
    };
    let section_html = |id: &str, s: &Narrative| {
        let sub = Placing {
            base_level: base_level + 1,
            id_prefix: &format!("{prefix}{id}-"),
            links_from: &area_page,
        };
        narrative_html(cx, s, &sub).map(|h| {
            format!(
                "<div class=\"section\" id=\"{prefix}section-{id}\">{}</div>",
                h.without_data()
            )
        })
    };
    let body = narrative_html(cx, &area.narrative, &at).unwrap_or_default();
    let placed_sections: Vec<String> = body
        .directives
        .iter()
        .filter(|d| d.kind == Kind::Section)
        .filter_map(|d| d.id.clone())
        .collect();
    // On a page with several areas (the print page, whose ids carry the
    // area's prefix) each table's name and CSV link also name the area, so
    // two areas' "Nøkkeltal" are told apart.
    let place = Place {
        prefix,
        context_html: (!prefix.is_empty()).then(|| loc.html(&area.title)),
        tables: Default::default(),
        figures: Default::default(),
        refs: Default::default(),
    };
    let tables_by_directive: Vec<String> = body
        .directives
        .iter()
        .filter(|d| d.kind == Kind::Table)
        .filter_map(|d| d.id.clone())
        .collect();
    let mut html = body.fill(|d| {
        let id = d.id.as_deref().unwrap_or("");
        Ok::<_, Diagnostic>(match d.kind {
            Kind::Table => match area.tables.iter().position(|t| t.id == id) {
                Some(i) => {
                    placed_tables[i] = true;
                    table_html(
                        cx,
                        &area.tables[i],
                        &place,
                        download(Data::Table(i)),
                        links(Data::Table(i))?,
                    )?
                }
                None => String::new(),
            },
            Kind::Chart => {
                let kind = d.arg.as_deref().and_then(ChartKind::parse).unwrap_or(ChartKind::Bars);
                let series = area.series.iter().position(|s| s.id == id);
                match (series, area.tables.iter().position(|t| t.id == id)) {
                    (Some(i), _) => {
                        placed_series[i] = true;
                        chart_html(
                            cx,
                            &area.series[i],
                            kind,
                            &place,
                            (download(Data::Series(i)), links(Data::Series(i))?),
                        )?
                    }
                    (None, Some(i)) => {
                        placed_tables[i] = true;
                        // The table comes with its chart unless a directive
                        // places it elsewhere.
                        let with_table = !tables_by_directive.iter().any(|t| t == id);
                        let draw = match kind {
                            ChartKind::Share => figure::share_figure,
                            _ => figure::table_figure,
                        };
                        let mut f = draw(loc, &area.tables[i], prefix, download(Data::Table(i)), with_table);
                        if let Some(t) = f.table.as_mut() {
                            t.downloads = links(Data::Table(i))?;
                        }
                        figure_html(cx, &mut f, &place)?
                    }
                    _ => String::new(),
                }
            }
            Kind::Goals => {
                placed_goals = true;
                goals_html(cx, a, area, prefix)?
            }
            Kind::Section => area
                .sections
                .get(id)
                .and_then(|s| section_html(id, s))
                .unwrap_or_default(),
            _ => String::new(),
        })
    })?;
    // Data no directive placed comes after the narrative, in data.yaml's order.
    let h = base_level;
    for (i, t) in area.tables.iter().enumerate().filter(|(i, _)| !placed_tables[*i]) {
        html.push_str(&table_html(
            cx,
            t,
            &place,
            download(Data::Table(i)),
            links(Data::Table(i))?,
        )?);
    }
    if !placed_goals && !area.goals.is_empty() {
        html.push_str(&format!(
            "<h{h} id=\"{prefix}goals\">{}</h{h}>",
            escape(&loc.s("goals"))
        ));
        html.push_str(&goals_html(cx, a, area, prefix)?);
    }
    for (i, s) in area.series.iter().enumerate().filter(|(i, _)| !placed_series[*i]) {
        html.push_str(&chart_html(
            cx,
            s,
            ChartKind::Bars,
            &place,
            (download(Data::Series(i)), links(Data::Series(i))?),
        )?);
    }
    for (id, s) in area.sections.iter().filter(|(id, _)| !placed_sections.contains(id)) {
        if let Some(h) = section_html(id, s) {
            html.push_str(&h);
        }
    }
    Ok(place.resolve(&html))
}

/// Where a table or chart is shown: its id prefix, and the area it belongs
/// to when the page shows several.
struct Place<'a> {
    prefix: &'a str,
    context_html: Option<String>,
    /// Tables and figures numbered so far on the area's page, in reading
    /// order: "Tabell 3", "Figur 2" (per area, on the print page too).
    tables: std::cell::Cell<usize>,
    figures: std::cell::Cell<usize>,
    /// What `{{ ref ID }}` says for each id numbered so far: "tabell 3"
    /// and its anchor; a figure wins over the data table beside it.
    refs: RefCell<HashMap<String, (String, String)>>,
}

impl Place<'_> {
    fn next(counter: &std::cell::Cell<usize>) -> usize {
        counter.set(counter.get() + 1);
        counter.get()
    }

    /// Numbers a table and says how to link to it. A caption that prints
    /// its own number ("Tabell 2. Antall …", as Bergen's report does) keeps
    /// it: the page adds none, so the reader never sees "Tabell 2: Tabell 2.".
    fn number_table(&self, loc: &Loc, t: &mut view::TableView) {
        let n = Self::next(&self.tables).to_string();
        let pattern = loc.s("table_number");
        let (number, n) = match printed_number(&t.caption_html, &pattern) {
            Some(own) => (None, own),
            None => (Some(pattern.replace("{n}", &n)), n),
        };
        t.link_text = Some(loc.s("link_to_table").replace("{n}", &n));
        t.number = number;
        self.refs
            .borrow_mut()
            .entry(self.id_of(&t.anchor).to_string())
            .or_insert_with(|| (loc.s("ref_table").replace("{n}", &n), t.anchor.clone()));
    }

    /// The data's id from its anchor (`klepp-barnevern-table-budsjett`).
    fn id_of<'a>(&self, anchor: &'a str) -> &'a str {
        let a = anchor.strip_prefix(self.prefix).unwrap_or(anchor);
        a.strip_prefix("table-")
            .or_else(|| a.strip_prefix("chart-"))
            .unwrap_or(a)
    }

    /// `{{ ref ID }}` as a link to the table or figure numbered on this page.
    fn resolve(&self, html: &str) -> String {
        let refs = self.refs.borrow();
        markdown::resolve_refs(html, |id| {
            let (text, anchor) = refs.get(id)?;
            Some(format!("<a class=\"ref\" href=\"#{anchor}\">{}</a>", escape(text)))
        })
    }

    fn number_figure(&self, loc: &Loc, f: &mut figure::FigureView) {
        if f.svg.is_empty() {
            return;
        }
        let n = Self::next(&self.figures).to_string();
        let pattern = loc.s("figure_number");
        let (number, n) = match printed_number(&f.title_html, &pattern) {
            Some(own) => (None, own),
            None => (Some(pattern.replace("{n}", &n)), n),
        };
        f.number = number;
        f.link_text = Some(loc.s("link_to_figure").replace("{n}", &n));
        // The first figure of an id drawn twice (bars and a line) is its.
        let mut refs = self.refs.borrow_mut();
        let id = self.id_of(&f.anchor).to_string();
        if !refs.get(&id).is_some_and(|(_, a)| a.ends_with("-figure")) {
            refs.insert(
                id,
                (loc.s("ref_figure").replace("{n}", &n), format!("{}-figure", f.anchor)),
            );
        }
    }
}

/// The number a caption already prints when it starts with the word the
/// page would number it with: "Tabell 2. Antall …" with "Tabell {n}" → "2".
fn printed_number(caption: &str, pattern: &str) -> Option<String> {
    let word = pattern.split("{n}").next().filter(|w| !w.is_empty())?;
    let head = caption.get(..word.len())?;
    if !head.eq_ignore_ascii_case(word) {
        return None;
    }
    let digits: String = caption[word.len()..].chars().take_while(char::is_ascii_digit).collect();
    (!digits.is_empty()).then_some(digits)
}

#[cfg(test)]
mod numbering_tests {
    use super::printed_number;

    #[test]
    fn a_caption_that_prints_its_number_keeps_it() {
        assert_eq!(
            printed_number("Tabell 2. Antall mottakere", "Tabell {n}"),
            Some("2".into())
        );
        assert_eq!(printed_number("tabell 12: x", "Tabell {n}"), Some("12".into()));
        assert_eq!(printed_number("Tabellen viser", "Tabell {n}"), None);
        assert_eq!(printed_number("Nøkkeltal", "Tabell {n}"), None);
        assert_eq!(printed_number("Figur 3 Utvikling", "Figur {n}"), Some("3".into()));
        assert_eq!(printed_number("Tab", "Tabell {n}"), None);
    }
}

#[derive(serde::Serialize)]
struct TableCtx<'a> {
    table: &'a view::TableView,
    context_html: Option<&'a str>,
}

#[derive(serde::Serialize)]
struct ChartCtx<'a> {
    chart: &'a figure::FigureView,
    context_html: Option<&'a str>,
}

fn table_html(
    cx: &Cx,
    t: &crate::content::Table,
    place: &Place,
    csv_href: String,
    links: Vec<view::DownloadLink>,
) -> Result<String, Diagnostic> {
    let mut v = view::table_view(cx.loc, t, place.prefix, csv_href);
    v.downloads = links;
    place.number_table(cx.loc, &mut v);
    let ctx = TableCtx {
        table: &v,
        context_html: place.context_html.as_deref(),
    };
    cx.r.render_template("partials/table.html", &ctx, cx.loc.lang)
}

fn figure_html(cx: &Cx, f: &mut figure::FigureView, place: &Place) -> Result<String, Diagnostic> {
    place.number_figure(cx.loc, f);
    if let Some(t) = f.table.as_mut() {
        place.number_table(cx.loc, t);
    }
    let ctx = ChartCtx {
        chart: f,
        context_html: place.context_html.as_deref(),
    };
    cx.r.render_template("partials/chart.html", &ctx, cx.loc.lang)
}

fn chart_html(
    cx: &Cx,
    s: &crate::content::Series,
    kind: ChartKind,
    place: &Place,
    (csv_href, links): (String, Vec<view::DownloadLink>),
) -> Result<String, Diagnostic> {
    let mut f = figure::series_figure(cx.loc, s, kind, place.prefix, csv_href);
    if let Some(t) = f.table.as_mut() {
        t.downloads = links;
    }
    figure_html(cx, &mut f, place)
}

/// `area.html`'s own variables.
#[derive(serde::Serialize)]
struct AreaCx<'a> {
    title: String,
    title_html: String,
    /// The text's front matter: the browser tab's and search results'
    /// title, and the description search engines show.
    head_title: Option<&'a str>,
    description: Option<String>,
    municipality: String,
    municipality_html: String,
    summary_html: Option<String>,
    /// The narrative with its tables, charts, goals and sections placed.
    body_html: String,
    toc: Vec<TocEntry>,
    /// `15.06.2017`, and as written (`2017-06-15`).
    updated: Option<String>,
    updated_iso: Option<&'a str>,
    print_href: String,
}

/// A line of an area page's table of contents: a heading's id and text.
#[derive(serde::Serialize)]
struct TocEntry {
    id: String,
    html: String,
}

fn area_ctx<'a>(cx: &Cx<'a>, li: L, m: M, a: A) -> Result<AreaCx<'a>, Diagnostic> {
    let (r, loc, path) = (cx.r, cx.loc, cx.path);
    let area = &r.site.municipalities[m].areas[a];
    let body_html = area_body(cx, (li, m, a), 2, "")?;
    let toc = contents(&body_html);
    let (doc, _) = area.narrative.get(loc.lang, r.site.fallback_order()).unzip();
    Ok(AreaCx {
        title: loc.plain(&area.title),
        title_html: loc.html(&area.title),
        head_title: doc.and_then(|d| d.title.as_deref()),
        description: doc
            .and_then(|d| d.summary.clone())
            .or_else(|| area.summary.as_ref().map(|s| loc.plain(s))),
        municipality: loc.plain(&r.site.municipalities[m].name),
        municipality_html: loc.html(&r.site.municipalities[m].name),
        summary_html: loc.opt_html(&area.summary),
        body_html,
        toc,
        updated: doc.and_then(|d| d.updated.as_deref()).map(norwegian_date),
        updated_iso: doc.and_then(|d| d.updated.as_deref()),
        print_href: rel(path, &r.layout.path(Route::Print(li, m))),
    })
}

/// The fewest sections for which an area page gets a table of contents.
const TOC_FROM: usize = 4;

/// The page's sections (`<h2 id>` in the body) as (id, text) for a table of
/// contents; empty below `TOC_FROM`, where one would only be in the way.
fn contents(body: &str) -> Vec<TocEntry> {
    // A SIMD byte search (`str::find` is a scalar one): every area body is
    // read through.
    static H2: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"<h2 id=\""));
    let mut out = Vec::new();
    let mut rest = body;
    // The needle is ASCII: every offset found is a character boundary.
    while let Some(i) = H2.find(rest.as_bytes()) {
        let after = &rest[i + 8..];
        let Some(q) = after.find('"') else { break };
        let id = &after[..q];
        let Some(end) = after.find("</h2>") else { break };
        let inner = after[q..end].split_once('>').map(|x| x.1).unwrap_or("");
        // The heading's text without its tags (a link in a heading would
        // nest links); entities stay escaped.
        let mut text = String::new();
        let mut in_tag = false;
        for c in inner.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        out.push(TocEntry {
            id: id.to_string(),
            html: text.trim().to_string(),
        });
        rest = &after[end..];
    }
    if out.len() < TOC_FROM {
        out.clear();
    }
    out
}

/// `print.html`'s own variables: a municipality's whole plan on one page.
#[derive(serde::Serialize)]
struct PrintCx<'a> {
    /// "Heile planen (utskrift)": the title says the page is for print,
    /// and base.html adds the municipality and the site.
    title: String,
    municipality: String,
    name_html: String,
    intro_html: Option<String>,
    areas: Vec<PrintArea<'a>>,
}

/// An area on the print page.
#[derive(serde::Serialize)]
struct PrintArea<'a> {
    /// The id of the area's part of the page: its slug.
    anchor: &'a str,
    title_html: String,
    summary_html: Option<String>,
    /// As on the area page, with headings one level down and ids prefixed
    /// with the area, so they stay unique on the page.
    body_html: String,
}

fn print_ctx<'a>(cx: &Cx<'a>, li: L, m: M) -> Result<PrintCx<'a>, Diagnostic> {
    let (r, loc) = (cx.r, cx.loc);
    let mu = &r.site.municipalities[m];
    let mut areas = Vec::new();
    for (a, area) in mu.areas.iter().enumerate() {
        let prefix = format!("{}-", area.slug);
        areas.push(PrintArea {
            anchor: &area.slug,
            title_html: loc.html(&area.title),
            summary_html: loc.opt_html(&area.summary),
            body_html: area_body(cx, (li, m, a), 3, &prefix)?,
        });
    }
    let muni_page = r.layout.path(Route::Municipality(li, m));
    let at = Placing {
        base_level: 2,
        id_prefix: "intro-",
        links_from: &muni_page,
    };
    Ok(PrintCx {
        title: format!("{} ({})", loc.s("whole_plan"), loc.s("for_print")),
        municipality: loc.plain(&mu.name),
        name_html: loc.html(&mu.name),
        intro_html: intro_html(cx, &mu.intro, &at),
        areas,
    })
}

/// `2017-06-15` → `15.06.2017`.
fn norwegian_date(iso: &str) -> String {
    let p: Vec<&str> = iso.split('-').collect();
    match p.as_slice() {
        [y, m, d] => format!("{d}.{m}.{y}"),
        _ => iso.to_string(),
    }
}

/// Every page of the site but the 404 page, with its other languages.
fn sitemap(r: &Renderer) -> String {
    let base = r.site.base_url.clone().unwrap_or_default();
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    let pages = r
        .layout
        .routes()
        .into_iter()
        .filter(|p| p.is_page() && *p != Route::NotFound);
    for p in pages {
        s.push_str(&format!(
            "  <url>\n    <loc>{}</loc>\n",
            escape(&pretty(&base, &r.layout.path(p)))
        ));
        if p != Route::Root {
            for l in 0..r.site.languages.len() {
                let href = pretty(&base, &r.layout.path(p.in_lang(l)));
                s.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                    r.site.languages[l],
                    escape(&href)
                ));
            }
            s.push_str(&format!(
                "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>\n",
                escape(&base)
            ));
        }
        s.push_str("  </url>\n");
    }
    s.push_str("</urlset>\n");
    s
}
