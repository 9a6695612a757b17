//! The pages of a site and what each shows.

mod body;
mod downloads;
mod kinds;

use super::links::Plan;
use super::package::{MuniPack, Packs, Zip};
use super::view::{self, escape, Loc};
use super::{Renderer, Sink};
use crate::diag::{Diagnostic, Diagnostics};
use crate::route::{pretty, rel, root_of, Pack, Route, A, L, M};
use downloads::{download_memo, muni_pack, same_as_before, site_pack};
use kinds::{
    area_ctx, front_ctx, municipality_ctx, not_found_ctx, print_ctx, root_ctx, AreaCx, FrontCx, LanguagesCx,
    MunicipalityCard, MunicipalityCx, NotFoundLang, PrintCx, RootLang,
};
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
