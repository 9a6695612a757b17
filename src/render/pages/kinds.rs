//! Each page kind's own variables (front, municipality, area, print,
//! language choice, 404), as docs/theme.md lists them for theme authors.

use super::body::{area_body, goals_html, intro_html, Placing};
use super::downloads::{package_link, PackageLink};
use super::{statement, Card, Crumb, Cx, Statement};
use crate::content::count_statuses;
use crate::diag::Diagnostic;
use crate::render::view;
use crate::render::Renderer;
use crate::route::{rel, Pack, Route, A, L, M};
use std::sync::Arc;

/// A page that speaks every language of the site: the language choice and
/// the 404 page.
#[derive(serde::Serialize)]
pub(super) struct LanguagesCx<T> {
    languages: Vec<T>,
}

/// One language on the 404 page.
#[derive(serde::Serialize)]
pub(super) struct NotFoundLang<'a> {
    lang: &'a str,
    /// That language's words.
    t: &'a crate::i18n::Strings,
    site_title: String,
    home: String,
    accessibility_statement: Option<Statement>,
}

/// The 404 page is one file for the whole site and cannot know which language
/// its reader wanted, so it speaks every language, each with its own link home.
pub(super) fn not_found_ctx<'a>(r: &'a Renderer) -> LanguagesCx<NotFoundLang<'a>> {
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
pub(super) struct RootLang<'a> {
    lang: &'a str,
    /// The language's own name: "Nynorsk".
    name: String,
    site_title: String,
    /// "Vel språk", in that language.
    choose: String,
    href: String,
}

pub(super) fn root_ctx<'a>(r: &'a Renderer, path: &str) -> LanguagesCx<RootLang<'a>> {
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

/// The front page: the site's introduction and every municipality.
#[derive(serde::Serialize)]
pub(super) struct FrontCx {
    #[serde(flatten)]
    pub(super) head: FrontHead,
    pub(super) municipalities: Vec<Arc<Card>>,
}

/// The front page's own part, besides the municipality cards.
#[derive(serde::Serialize)]
pub(super) struct FrontHead {
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
pub(super) struct MunicipalityCard {
    name_html: String,
    href: String,
    county_html: Option<String>,
    areas: Vec<Crumb>,
    pub(super) counts: Vec<view::CountView>,
    goal_total: usize,
}

pub(super) fn front_ctx(cx: &Cx, li: L) -> Result<FrontCx, Diagnostic> {
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

/// `municipality.html`'s own variables.
#[derive(serde::Serialize)]
pub(super) struct MunicipalityCx {
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

pub(super) fn municipality_ctx(cx: &Cx, li: L, m: M) -> Result<MunicipalityCx, Diagnostic> {
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

/// `area.html`'s own variables.
#[derive(serde::Serialize)]
pub(super) struct AreaCx<'a> {
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

pub(super) fn area_ctx<'a>(cx: &Cx<'a>, li: L, m: M, a: A) -> Result<AreaCx<'a>, Diagnostic> {
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
pub(super) struct PrintCx<'a> {
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

pub(super) fn print_ctx<'a>(cx: &Cx<'a>, li: L, m: M) -> Result<PrintCx<'a>, Diagnostic> {
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
