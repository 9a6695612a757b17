//! The pages of a site and what each shows.

use super::markdown::{self, MdOptions};
use super::view::{self, escape, Loc};
use super::Renderer;
use crate::content::{count_statuses, Area, Narrative};
use crate::diag::{Diagnostic, Diagnostics};
use crate::format::csv::to_csv_bytes;
use rayon::prelude::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// One page of the site.
#[derive(Debug, Clone, Copy)]
pub enum Page {
    Root,
    Front(usize),
    Municipality(usize, usize),
    Area(usize, usize, usize),
    Print(usize, usize),
    NotFound,
}

impl Renderer<'_> {
    pub fn lang(&self, li: usize) -> &str {
        &self.site.languages[li]
    }

    pub fn path(&self, page: Page) -> String {
        let s = self.site;
        match page {
            Page::Root => "index.html".into(),
            Page::NotFound => "404.html".into(),
            Page::Front(l) => format!("{}/index.html", self.lang(l)),
            Page::Municipality(l, m) => {
                format!("{}/{}/index.html", self.lang(l), s.municipalities[m].slug)
            }
            Page::Area(l, m, a) => {
                let mu = &s.municipalities[m];
                format!("{}/{}/{}/index.html", self.lang(l), mu.slug, mu.areas[a].slug)
            }
            Page::Print(l, m) => {
                format!("{}/{}/print.html", self.lang(l), s.municipalities[m].slug)
            }
        }
    }

    /// The same page in another language.
    fn in_lang(page: Page, l: usize) -> Page {
        match page {
            Page::Front(_) => Page::Front(l),
            Page::Municipality(_, m) => Page::Municipality(l, m),
            Page::Area(_, m, a) => Page::Area(l, m, a),
            Page::Print(_, m) => Page::Print(l, m),
            other => other,
        }
    }

    pub fn all_pages(&self) -> Vec<Page> {
        let mut pages = vec![Page::Root, Page::NotFound];
        for l in 0..self.site.languages.len() {
            pages.push(Page::Front(l));
            for (m, mu) in self.site.municipalities.iter().enumerate() {
                pages.push(Page::Municipality(l, m));
                pages.push(Page::Print(l, m));
                for a in 0..mu.areas.len() {
                    pages.push(Page::Area(l, m, a));
                }
            }
        }
        pages
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
fn pretty(base: &str, path: &str) -> String {
    format!("{base}{}", path.strip_suffix("index.html").unwrap_or(path))
}

pub fn render_all(r: &Renderer) -> Result<BTreeMap<String, Vec<u8>>, Diagnostics> {
    let pages = r.all_pages();
    let results: Vec<Result<Vec<(String, Vec<u8>)>, Diagnostic>> =
        pages.par_iter().map(|p| render_page(r, *p)).collect();
    let mut files = BTreeMap::new();
    let mut diags = Diagnostics::default();
    for res in results {
        match res {
            Ok(list) => files.extend(list),
            Err(d) => diags.push(d),
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }
    files.insert(
        r.css_path.clone(),
        r.theme.files.get("static/style.css").cloned().unwrap_or_default(),
    );
    for (name, bytes) in r.theme.under("static") {
        if name != "style.css" {
            files.insert(format!("assets/{name}"), bytes.to_vec());
        }
    }
    for rel in &r.site.assets {
        let key = format!("assets/{}", rel.to_string_lossy().replace('\\', "/"));
        match std::fs::read(r.site.root.join("assets").join(rel)) {
            Ok(bytes) => {
                files.insert(key, bytes);
            }
            Err(e) => diags.push(Diagnostic::error(
                r.site.root.join("assets").join(rel),
                format!("could not be read: {e}"),
            )),
        }
    }
    for li in 0..r.site.languages.len() {
        for (m, mu) in r.site.municipalities.iter().enumerate() {
            for a in 0..mu.areas.len() {
                files.extend(area_files(r, li, m, a, &mut diags));
            }
        }
    }
    files.insert("sitemap.xml".into(), sitemap(r, &pages).into_bytes());
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(files)
}

/// The files beside an area's data.yaml (images, PDFs), published beside
/// its page in language `li`. `serve` uses it to rebuild one area.
pub fn area_files(r: &Renderer, li: usize, m: usize, a: usize, diags: &mut Diagnostics) -> Vec<(String, Vec<u8>)> {
    let dir = r.path(Page::Area(li, m, a)).trim_end_matches("index.html").to_string();
    let mut out = Vec::new();
    for f in &r.site.municipalities[m].areas[a].files {
        match std::fs::read(f) {
            Ok(bytes) => out.push((format!("{dir}{}", crate::content::load::name_of(f)), bytes)),
            Err(e) => diags.push(Diagnostic::error(f, format!("could not be read: {e}"))),
        }
    }
    out
}

/// A page and the files that belong to it (an area page's CSV downloads).
pub fn render_page(r: &Renderer, page: Page) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    let path = r.path(page);
    let li = match page {
        Page::Front(l) | Page::Municipality(l, _) | Page::Area(l, _, _) | Page::Print(l, _) => l,
        Page::Root | Page::NotFound => 0,
    };
    let lang = r.lang(li).to_string();
    let strings = &r.strings[&lang];
    let loc = Loc::new(&lang, r.site.fallback_order(), strings);
    let (template, specific) = match page {
        Page::Root => ("root.html", root_ctx(r, &path)),
        Page::NotFound => ("404.html", not_found_ctx(r)),
        Page::Front(_) => ("front.html", front_ctx(r, &loc, li, &path)),
        Page::Municipality(_, m) => ("municipality.html", municipality_ctx(r, &loc, li, m, &path)?),
        Page::Print(_, m) => ("print.html", print_ctx(r, &loc, li, m, &path)?),
        Page::Area(_, m, a) => ("area.html", area_ctx(r, &loc, li, m, a, &path)?),
    };
    let mut ctx = common_ctx(r, &loc, page, &path);
    merge(&mut ctx, specific);
    if let Some(l) = loc.used_fallback.take() {
        ctx["fallback_notice"] = json!({ "text": crate::i18n::only_in(strings, &l), "lang": lang });
    }
    let html = r.render_template(template, &ctx)?;
    let mut out = vec![(path, html.into_bytes())];
    if let Page::Area(_, m, a) = page {
        out.extend(area_csvs(r, &loc, li, m, a));
    }
    Ok(out)
}

fn merge(into: &mut Value, from: Value) {
    if let (Some(a), Value::Object(b)) = (into.as_object_mut(), from) {
        a.extend(b);
    }
}

fn common_ctx(r: &Renderer, loc: &Loc, page: Page, path: &str) -> Value {
    let site = r.site;
    let root = if matches!(page, Page::NotFound) {
        site.base_url.clone().unwrap_or_default()
    } else {
        root_of(path)
    };
    let alternates: Vec<Value> = match page {
        Page::NotFound => vec![],
        _ => (0..site.languages.len())
            .map(|l| {
                let lang = r.lang(l);
                let target = r.path(match page {
                    Page::Root => Page::Front(l),
                    p => Renderer::in_lang(p, l),
                });
                json!({
                    "lang": lang,
                    "name": r.strings[lang].get("language_name").cloned().unwrap_or_else(|| lang.to_string()),
                    "href": rel(path, &target),
                    // Search engines want hreflang addresses absolute; with
                    // no base_url the relative one is the best there is.
                    "alt_href": site.base_url.as_ref().map_or_else(|| rel(path, &target), |b| pretty(b, &target)),
                    "current": lang == loc.lang,
                })
            })
            .collect(),
    };
    let canonical = site.base_url.as_ref().map(|b| pretty(b, path));
    let home = match page {
        Page::Root | Page::NotFound => format!("{root}index.html"),
        _ => format!("{root}{}/index.html", loc.lang),
    };
    json!({
        "lang": loc.lang,
        "t": loc.strings,
        "root": root,
        "css": format!("{root}{}", r.css_path),
        "site_title": loc.plain(&site.title),
        "site_title_html": loc.html(&site.title),
        "home": home,
        "x_default": site.base_url.clone().unwrap_or_else(|| format!("{root}index.html")),
        "alternates": alternates,
        "canonical": canonical,
        "accessibility_statement": site.accessibility_statement,
        "period": site.period.map(|(a, b)| format!("{a}–{b}")),
        "report_date": site.report_date.map(|d| loc.s("report_date").replace("{date}", &d.display())),
        "breadcrumbs": breadcrumbs(r, loc, page, path),
        "is_root": matches!(page, Page::Root),
        "inline_css": matches!(page, Page::NotFound).then(|| String::from_utf8_lossy(r.theme.files.get("static/style.css").map(Vec::as_slice).unwrap_or_default()).into_owned()),
        "print": matches!(page, Page::Print(..)),
    })
}

fn breadcrumbs(r: &Renderer, loc: &Loc, page: Page, path: &str) -> Vec<Value> {
    let home = json!({ "title_html": escape(&loc.s("home")), "href": rel(path, &format!("{}/index.html", loc.lang)) });
    let muni = |l: usize, m: usize| json!({ "title_html": loc.html(&r.site.municipalities[m].name), "href": rel(path, &r.path(Page::Municipality(l, m))) });
    match page {
        Page::Municipality(..) => vec![home],
        Page::Area(l, m, _) | Page::Print(l, m) => vec![home, muni(l, m)],
        _ => vec![],
    }
}

/// The 404 page is one file for the whole site and cannot know which language
/// its reader wanted, so it speaks every language, each with its own link home.
fn not_found_ctx(r: &Renderer) -> Value {
    let root = r.site.base_url.clone().unwrap_or_default();
    let langs: Vec<Value> = (0..r.site.languages.len())
        .map(|l| {
            let lang = r.lang(l);
            json!({
                "lang": lang,
                "t": r.strings[lang],
                "site_title": r.site.title.plain(lang, &r.site.languages),
                "home": format!("{root}{}", r.path(Page::Front(l))),
            })
        })
        .collect();
    json!({ "languages": langs })
}

fn root_ctx(r: &Renderer, path: &str) -> Value {
    let langs: Vec<Value> = (0..r.site.languages.len())
        .map(|l| {
            let lang = r.lang(l);
            let s = &r.strings[lang];
            json!({
                "lang": lang,
                "name": s.get("language_name").cloned().unwrap_or_else(|| lang.into()),
                "site_title": r.site.title.plain(lang, &r.site.languages),
                "choose": s.get("choose_language").cloned().unwrap_or_default(),
                "href": rel(path, &r.path(Page::Front(l))),
            })
        })
        .collect();
    json!({ "languages": langs })
}

/// A narrative in the page's language, or the one that exists, with the
/// notice that says so.
/// Where a text is shown and which page its links were written for.
struct At<'a> {
    page: &'a str,
    links_from: &'a str,
}

fn narrative_html(
    r: &Renderer,
    loc: &Loc,
    n: &Narrative,
    base_level: u8,
    id_prefix: &str,
    at: &At,
) -> Option<(String, Vec<crate::content::directive::Directive>)> {
    let (doc, in_lang) = n.get(loc.lang, r.site.fallback_order())?;
    let primary = n
        .get(r.site.default_lang(), r.site.fallback_order())
        .map(|(d, _)| d)
        .unwrap_or(doc);
    let ids = markdown::heading_slugs(&primary.body);
    let out = markdown::render(
        &doc.body,
        &MdOptions {
            page: at.page,
            links_from: at.links_from,
            raw_html: r.site.raw_html,
            base_level,
            heading_ids: &ids,
            id_prefix,
        },
    );
    if in_lang == loc.lang {
        return Some((out.html, out.directives));
    }
    let notice = escape(&crate::i18n::only_in(loc.strings, in_lang));
    Some((
        format!(
            "<div class=\"fallback\" lang=\"{in_lang}\"><p class=\"fallback-notice\" lang=\"{}\">{notice}</p>{}</div>",
            loc.lang, out.html
        ),
        out.directives,
    ))
}

fn front_ctx(r: &Renderer, loc: &Loc, li: usize, path: &str) -> Value {
    let munis: Vec<Value> = r
        .site
        .municipalities
        .iter()
        .enumerate()
        .map(|(m, mu)| {
            json!({
                "name_html": loc.html(&mu.name),
                "href": rel(path, &r.path(Page::Municipality(li, m))),
                "county_html": loc.opt_html(&mu.county),
                "areas": mu.areas.iter().enumerate().map(|(a, area)| json!({
                    "title_html": loc.html(&area.title),
                    "href": rel(path, &r.path(Page::Area(li, m, a))),
                })).collect::<Vec<_>>(),
                "counts": view::counts_view(loc, count_statuses(mu.goals())),
                "goal_total": count_statuses(mu.goals()).iter().sum::<usize>(),
            })
        })
        .collect();
    json!({
        "title": loc.plain(&r.site.title),
        "intro_html": narrative_html(r, loc, &r.site.front, 2, "", &At { page: path, links_from: path }).map(|x| x.0),
        "municipalities": munis,
        "counts": view::counts_view(loc, count_statuses(r.site.goals())),
        "goal_total": count_statuses(r.site.goals()).iter().sum::<usize>(),
    })
}

fn goals_html(r: &Renderer, loc: &Loc, area: &Area, prefix: &str) -> Result<String, Diagnostic> {
    let goals: Vec<_> = area.goals.iter().map(|g| view::goal_view(loc, g, prefix)).collect();
    r.render_template("partials/goals.html", &json!({ "goals": goals, "t": loc.strings }))
}

fn municipality_ctx(r: &Renderer, loc: &Loc, li: usize, m: usize, path: &str) -> Result<Value, Diagnostic> {
    let mu = &r.site.municipalities[m];
    let mut areas = Vec::new();
    for (a, area) in mu.areas.iter().enumerate() {
        let goals = match area.goals.is_empty() {
            true => None,
            false => Some(goals_html(r, loc, area, &format!("{}-", area.slug))?),
        };
        areas.push(json!({
            "title_html": loc.html(&area.title),
            "summary_html": loc.opt_html(&area.summary),
            "href": rel(path, &r.path(Page::Area(li, m, a))),
            "goal_count": area.goals.len(),
            "goals_html": goals,
        }));
    }
    Ok(json!({
        "title": loc.plain(&mu.name),
        "name_html": loc.html(&mu.name),
        "county_html": loc.opt_html(&mu.county),
        "intro_html": narrative_html(r, loc, &mu.intro, 2, "", &At { page: path, links_from: path }).map(|x| x.0),
        "areas": areas,
        "counts": view::counts_view(loc, count_statuses(mu.goals())),
        "goal_total": count_statuses(mu.goals()).iter().sum::<usize>(),
        "print_href": rel(path, &r.path(Page::Print(li, m))),
    }))
}

/// An area's narrative with its data placed. The area page and the print
/// page both show it, with other heading levels and id prefixes.
#[allow(clippy::too_many_arguments)]
fn area_body(
    r: &Renderer,
    loc: &Loc,
    li: usize,
    m: usize,
    a: usize,
    path: &str,
    base_level: u8,
    prefix: &str,
) -> Result<String, Diagnostic> {
    let area = &r.site.municipalities[m].areas[a];
    let area_dir = r.path(Page::Area(li, m, a)).trim_end_matches("index.html").to_string();
    let csv_href = |id: &str| rel(path, &format!("{area_dir}{id}.csv"));
    let mut placed_tables = vec![false; area.tables.len()];
    let mut placed_series = vec![false; area.series.len()];
    let mut placed_goals = false;
    let area_page = r.path(Page::Area(li, m, a));
    let at = At {
        page: path,
        links_from: &area_page,
    };
    let (mut html, directives) = narrative_html(r, loc, &area.narrative, base_level, prefix, &at).unwrap_or_default();
    for (n, d) in directives.iter().enumerate() {
        let id = d.id.as_deref().unwrap_or("");
        let replacement = match d.kind.as_str() {
            "table" => match area.tables.iter().position(|t| t.id == id) {
                Some(i) => {
                    placed_tables[i] = true;
                    table_html(r, loc, &area.tables[i], prefix, csv_href(id))?
                }
                None => String::new(),
            },
            "chart" => match area.series.iter().position(|s| s.id == id) {
                Some(i) => {
                    placed_series[i] = true;
                    chart_html(r, loc, area, i, prefix, csv_href(id))?
                }
                None => String::new(),
            },
            "goals" => {
                placed_goals = true;
                goals_html(r, loc, area, prefix)?
            }
            "section" => area
                .sections
                .get(id)
                .and_then(|s| narrative_html(r, loc, s, base_level + 1, &format!("{prefix}{id}-"), &at))
                .map(|(h, _)| format!("<div class=\"section\" id=\"{prefix}section-{id}\">{h}</div>"))
                .unwrap_or_default(),
            _ => String::new(),
        };
        html = html.replacen(&markdown::placeholder(n), &replacement, 1);
    }
    // Data no directive placed comes after the narrative, in data.yaml's order.
    let h = base_level;
    for (_, t) in area.tables.iter().enumerate().filter(|(i, _)| !placed_tables[*i]) {
        html.push_str(&table_html(r, loc, t, prefix, csv_href(&t.id))?);
    }
    if !placed_goals && !area.goals.is_empty() {
        html.push_str(&format!(
            "<h{h} id=\"{prefix}goals\">{}</h{h}>",
            escape(&loc.s("goals"))
        ));
        html.push_str(&goals_html(r, loc, area, prefix)?);
    }
    for (i, _) in area.series.iter().enumerate().filter(|(i, _)| !placed_series[*i]) {
        html.push_str(&chart_html(r, loc, area, i, prefix, csv_href(&area.series[i].id))?);
    }
    let placed_sections: Vec<&str> = directives
        .iter()
        .filter(|d| d.kind == "section")
        .filter_map(|d| d.id.as_deref())
        .collect();
    for (id, s) in area
        .sections
        .iter()
        .filter(|(id, _)| !placed_sections.contains(&id.as_str()))
    {
        if let Some((h, _)) = narrative_html(r, loc, s, base_level + 1, &format!("{prefix}{id}-"), &at) {
            html.push_str(&format!("<div class=\"section\" id=\"{prefix}section-{id}\">{h}</div>"));
        }
    }
    Ok(html)
}

/// An area's downloads in language `li`: one CSV per table and series.
fn area_csvs(r: &Renderer, loc: &Loc, li: usize, m: usize, a: usize) -> Vec<(String, Vec<u8>)> {
    let area = &r.site.municipalities[m].areas[a];
    let dir = r.path(Page::Area(li, m, a)).trim_end_matches("index.html").to_string();
    let tables = area.tables.iter().map(|t| (&t.id, view::table_csv(loc, t)));
    let series = area.series.iter().map(|s| {
        let mut rows = view::table_csv(loc, &view::series_table(s));
        rows[0][0] = loc.s("year");
        (&s.id, rows)
    });
    tables
        .chain(series)
        .map(|(id, rows)| (format!("{dir}{id}.csv"), to_csv_bytes(&rows)))
        .collect()
}

fn table_html(
    r: &Renderer,
    loc: &Loc,
    t: &crate::content::Table,
    prefix: &str,
    csv_href: String,
) -> Result<String, Diagnostic> {
    let v = view::table_view(loc, t, prefix, csv_href);
    r.render_template("partials/table.html", &json!({ "table": v, "t": loc.strings }))
}

fn chart_html(
    r: &Renderer,
    loc: &Loc,
    area: &Area,
    i: usize,
    prefix: &str,
    csv_href: String,
) -> Result<String, Diagnostic> {
    let v = view::series_view(loc, &area.series[i], prefix, csv_href);
    r.render_template("partials/chart.html", &json!({ "chart": v, "t": loc.strings }))
}

fn area_ctx(r: &Renderer, loc: &Loc, li: usize, m: usize, a: usize, path: &str) -> Result<Value, Diagnostic> {
    let area = &r.site.municipalities[m].areas[a];
    let body_html = area_body(r, loc, li, m, a, path, 2, "")?;
    let (doc, _) = area.narrative.get(loc.lang, r.site.fallback_order()).unzip();
    Ok(json!({
        "title": loc.plain(&area.title),
        "title_html": loc.html(&area.title),
        "municipality": loc.plain(&r.site.municipalities[m].name),
        "municipality_html": loc.html(&r.site.municipalities[m].name),
        "summary_html": loc.opt_html(&area.summary),
        "body_html": body_html,
        "updated": doc.and_then(|d| d.updated.clone()).map(|u| norwegian_date(&u)),
        "updated_iso": doc.and_then(|d| d.updated.clone()),
        "print_href": rel(path, &r.path(Page::Print(li, m))),
    }))
}

fn print_ctx(r: &Renderer, loc: &Loc, li: usize, m: usize, path: &str) -> Result<Value, Diagnostic> {
    let mu = &r.site.municipalities[m];
    let mut areas = Vec::new();
    for (a, area) in mu.areas.iter().enumerate() {
        let prefix = format!("{}-", area.slug);
        areas.push(json!({
            "anchor": area.slug,
            "title_html": loc.html(&area.title),
            "summary_html": loc.opt_html(&area.summary),
            "body_html": area_body(r, loc, li, m, a, path, 3, &prefix)?,
        }));
    }
    Ok(json!({
        // "Heile planen (utskrift)": the title says the page is for print,
        // and base.html adds the municipality and the site.
        "title": format!("{} ({})", loc.s("whole_plan"), loc.s("for_print")),
        "municipality": loc.plain(&mu.name),
        "name_html": loc.html(&mu.name),
        "intro_html": narrative_html(
            r,
            loc,
            &mu.intro,
            2,
            "intro-",
            &At { page: path, links_from: &r.path(Page::Municipality(li, m)) },
        )
        .map(|x| x.0),
        "areas": areas,
    }))
}

/// `2017-06-15` → `15.06.2017`.
fn norwegian_date(iso: &str) -> String {
    let p: Vec<&str> = iso.split('-').collect();
    match p.as_slice() {
        [y, m, d] => format!("{d}.{m}.{y}"),
        _ => iso.to_string(),
    }
}

fn sitemap(r: &Renderer, pages: &[Page]) -> String {
    let base = r.site.base_url.clone().unwrap_or_default();
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    for &p in pages {
        if matches!(p, Page::NotFound) {
            continue;
        }
        s.push_str(&format!(
            "  <url>\n    <loc>{}</loc>\n",
            escape(&pretty(&base, &r.path(p)))
        ));
        if !matches!(p, Page::Root) {
            for l in 0..r.site.languages.len() {
                let href = pretty(&base, &r.path(Renderer::in_lang(p, l)));
                s.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                    r.lang(l),
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

#[cfg(test)]
mod tests {
    use super::rel;

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
}
