//! An area's body: its narrative with the tables, charts, goals and
//! sections placed, numbered and cross-referenced. The area page and the
//! print page both show it, with other heading levels and id prefixes.

use super::downloads::download_links;
use super::Cx;
use crate::chart::Kind as ChartKind;
use crate::content::directive::{Directive, Kind};
use crate::content::{Area, Narrative};
use crate::diag::Diagnostic;
use crate::render::figure;
use crate::render::markdown::{self, MdOptions};
use crate::render::view::{self, escape, Loc};
use crate::route::{rel, Data, Format, Route, A, L, M};
use std::cell::RefCell;
use std::collections::HashMap;

/// How a text is placed on a page: its heading level, the prefix of its ids
/// (several texts share the print page) and the page its relative links were
/// written for (the print page gathers texts written for the area pages).
pub(super) struct Placing<'a> {
    pub(super) base_level: u8,
    pub(super) id_prefix: &'a str,
    pub(super) links_from: &'a str,
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
pub(super) fn intro_html(cx: &Cx, n: &Narrative, at: &Placing) -> Option<String> {
    narrative_html(cx, n, at).map(|h| markdown::resolve_refs(&h.without_data(), |_| None))
}

/// An area's goal trackers; the municipality and print pages share theirs.
pub(super) fn goals_html(cx: &Cx, a: A, area: &Area, prefix: &str) -> Result<String, Diagnostic> {
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

/// An area's narrative with its data placed. The area page and the print
/// page both show it, with other heading levels and id prefixes.
pub(super) fn area_body(cx: &Cx, (li, m, a): (L, M, A), base_level: u8, prefix: &str) -> Result<String, Diagnostic> {
    let r = cx.r;
    let area = &r.site.municipalities[m].areas[a];
    let area_page = r.layout.path(Route::Area(li, m, a));
    let at = Placing {
        base_level,
        id_prefix: prefix,
        links_from: &area_page,
    };
    let body = narrative_html(cx, &area.narrative, &at).unwrap_or_default();
    let mut placer = Placer {
        cx,
        key: (li, m, a),
        area,
        at,
        // On a page with several areas (the print page, whose ids carry the
        // area's prefix) each table's name and CSV link also name the area, so
        // two areas' "Nøkkeltal" are told apart.
        place: Place {
            prefix,
            context_html: (!prefix.is_empty()).then(|| cx.loc.html(&area.title)),
            tables: Default::default(),
            figures: Default::default(),
            refs: Default::default(),
        },
        tables_by_directive: body.directives_of(Kind::Table),
        placed_sections: body.directives_of(Kind::Section),
        placed_tables: vec![false; area.tables.len()],
        placed_series: vec![false; area.series.len()],
        placed_goals: false,
    };
    let mut html = body.fill(|d| placer.directive(d))?;
    placer.unplaced(&mut html)?;
    Ok(placer.place.resolve(&html))
}

/// What `area_body` places, and what it has placed so far: data no
/// directive placed comes after the narrative.
struct Placer<'a, 'p> {
    cx: &'a Cx<'a>,
    key: (L, M, A),
    area: &'a Area,
    at: Placing<'p>,
    place: Place<'p>,
    /// The ids of the tables and sections a directive places.
    tables_by_directive: Vec<String>,
    placed_sections: Vec<String>,
    placed_tables: Vec<bool>,
    placed_series: Vec<bool>,
    placed_goals: bool,
}

impl Placer<'_, '_> {
    /// The CSV download of a table or series, from this page.
    fn csv_href(&self, d: Data) -> String {
        let (l, m, a) = self.key;
        rel(
            self.cx.path,
            &self.cx.r.layout.path(Route::Download(l, m, a, d, Format::Csv)),
        )
    }

    fn links(&self, d: Data) -> Result<Vec<view::DownloadLink>, Diagnostic> {
        download_links(self.cx, self.key, d)
    }

    /// What a directive in the narrative stands for.
    fn directive(&mut self, d: &Directive) -> Result<String, Diagnostic> {
        let id = d.id.as_deref().unwrap_or("");
        Ok(match d.kind {
            Kind::Table => match self.area.tables.iter().position(|t| t.id == id) {
                Some(i) => self.table(i)?,
                None => String::new(),
            },
            Kind::Chart => self.chart(d, id)?,
            Kind::Goals => {
                self.placed_goals = true;
                goals_html(self.cx, self.key.2, self.area, self.place.prefix)?
            }
            Kind::Section => (self.area.sections.get(id))
                .and_then(|s| self.section(id, s))
                .unwrap_or_default(),
            _ => String::new(),
        })
    }

    fn table(&mut self, i: usize) -> Result<String, Diagnostic> {
        self.placed_tables[i] = true;
        let (loc, d) = (self.cx.loc, Data::Table(i));
        let mut v = view::table_view(loc, &self.area.tables[i], self.place.prefix, self.csv_href(d));
        v.downloads = self.links(d)?;
        self.place.number_table(loc, &mut v);
        let ctx = TableCtx {
            table: &v,
            context_html: self.place.context_html.as_deref(),
        };
        self.cx.r.render_template("partials/table.html", &ctx, loc.lang)
    }

    fn series(&mut self, i: usize, kind: ChartKind) -> Result<String, Diagnostic> {
        self.placed_series[i] = true;
        let d = Data::Series(i);
        let f = figure::series_figure(
            self.cx.loc,
            &self.area.series[i],
            kind,
            self.place.prefix,
            self.csv_href(d),
        );
        self.figure(f, d)
    }

    /// `{{ chart ID }}`: a series' chart, or a table's with the table
    /// under it unless a directive places the table elsewhere.
    fn chart(&mut self, d: &Directive, id: &str) -> Result<String, Diagnostic> {
        let kind = d.arg.as_deref().and_then(ChartKind::parse).unwrap_or(ChartKind::Bars);
        if let Some(i) = self.area.series.iter().position(|s| s.id == id) {
            return self.series(i, kind);
        }
        let Some(i) = self.area.tables.iter().position(|t| t.id == id) else {
            return Ok(String::new());
        };
        self.placed_tables[i] = true;
        let with_table = !self.tables_by_directive.iter().any(|t| t == id);
        let draw = match kind {
            ChartKind::Share => figure::share_figure,
            _ => figure::table_figure,
        };
        let d = Data::Table(i);
        let f = draw(
            self.cx.loc,
            &self.area.tables[i],
            self.place.prefix,
            self.csv_href(d),
            with_table,
        );
        self.figure(f, d)
    }

    /// A figure, numbered, with the downloads of the data under it.
    fn figure(&self, mut f: figure::FigureView, d: Data) -> Result<String, Diagnostic> {
        let loc = self.cx.loc;
        if let Some(t) = f.table.as_mut() {
            t.downloads = self.links(d)?;
        }
        self.place.number_figure(loc, &mut f);
        if let Some(t) = f.table.as_mut() {
            self.place.number_table(loc, t);
        }
        let ctx = ChartCtx {
            chart: &f,
            context_html: self.place.context_html.as_deref(),
        };
        self.cx.r.render_template("partials/chart.html", &ctx, loc.lang)
    }

    /// A section of the area (`sections:`), its headings a level down.
    fn section(&self, id: &str, s: &Narrative) -> Option<String> {
        let prefix = self.place.prefix;
        let sub = Placing {
            base_level: self.at.base_level + 1,
            id_prefix: &format!("{prefix}{id}-"),
            links_from: self.at.links_from,
        };
        narrative_html(self.cx, s, &sub).map(|h| {
            format!(
                "<div class=\"section\" id=\"{prefix}section-{id}\">{}</div>",
                h.without_data()
            )
        })
    }

    /// The data no directive placed, in data.yaml's order: tables, goals
    /// (under a heading of their own), series, sections.
    fn unplaced(&mut self, html: &mut String) -> Result<(), Diagnostic> {
        let left = |placed: &[bool]| (0..placed.len()).filter(|i| !placed[*i]).collect::<Vec<_>>();
        for i in left(&self.placed_tables) {
            html.push_str(&self.table(i)?);
        }
        if !self.placed_goals && !self.area.goals.is_empty() {
            let (h, prefix) = (self.at.base_level, self.place.prefix);
            html.push_str(&format!(
                "<h{h} id=\"{prefix}goals\">{}</h{h}>",
                escape(&self.cx.loc.s("goals"))
            ));
            html.push_str(&goals_html(self.cx, self.key.2, self.area, prefix)?);
        }
        for i in left(&self.placed_series) {
            html.push_str(&self.series(i, ChartKind::Bars)?);
        }
        for (id, s) in self
            .area
            .sections
            .iter()
            .filter(|(id, _)| !self.placed_sections.contains(id))
        {
            if let Some(h) = self.section(id, s) {
                html.push_str(&h);
            }
        }
        Ok(())
    }
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

/// `partials/table.html`'s variables (docs/theme.md lists them).
#[derive(serde::Serialize)]
struct TableCtx<'a> {
    table: &'a view::TableView,
    context_html: Option<&'a str>,
}

/// `partials/chart.html`'s variables.
#[derive(serde::Serialize)]
struct ChartCtx<'a> {
    chart: &'a figure::FigureView,
    context_html: Option<&'a str>,
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
