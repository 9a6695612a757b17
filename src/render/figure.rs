//! A chart as the page shows it: a `<figure>` with its headline title,
//! subtitle (unit, period, source) and summary in the caption, the SVG,
//! and the data table beside it.

use super::view::{self, escape, Loc, TableView};
use crate::chart::{self, Chart, Group, Kind, Point};
use crate::content::raw::Symbols;
use crate::content::{Cell, Row, Series, Table, Text};
use serde::Serialize;

#[derive(Serialize)]
pub struct FigureView {
    pub title_html: String,
    /// Plain text (the template escapes it).
    pub subtitle: String,
    pub summary: String,
    /// Empty when there is no number to draw.
    pub svg: String,
    /// The data table; None when the page places it elsewhere.
    pub table: Option<TableView>,
    /// The id of the table, for the figure's own anchor.
    pub anchor: String,
    /// "Figur 2" and "Lenke til figur 2", numbered by the page.
    pub number: Option<String>,
    pub link_text: Option<String>,
}

/// The longest unit repeated after every value label; a longer one is said
/// once in the subtitle.
const SHORT_UNIT: usize = 10;

fn point(label: String, c: &Cell, symbols: Symbols) -> Point {
    let (value, printed) = match c {
        Cell::Num(n) => (Some(*n), String::new()),
        Cell::Missing | Cell::Unknown(_) => (None, view::no_value_sign(symbols).to_string()),
        Cell::Symbol(s) => (None, s.text().to_string()),
        Cell::Text(t) => (None, t.clone()),
    };
    Point { label, value, printed }
}

/// How a unit shows on the value labels: `%` as part of the number, a short
/// unit after it, a long one not at all.
fn unit_on_labels(loc: &Loc, unit: Option<&Text>) -> (String, bool) {
    let u = unit.map(|u| loc.plain(u)).unwrap_or_default();
    let u = u.trim();
    match u {
        "%" => (String::new(), true),
        "" => (String::new(), false),
        u if u.chars().count() <= SHORT_UNIT => (format!(" {u}"), false),
        _ => (String::new(), false),
    }
}

/// "brukarar, 2012–2015. Kjelde: KOSTRA"
fn subtitle(loc: &Loc, unit: Option<&Text>, period: Option<String>, source: Option<&Text>) -> String {
    let mut parts: Vec<String> = unit
        .map(|u| loc.plain(u))
        .filter(|u| !u.trim().is_empty())
        .into_iter()
        .collect();
    parts.extend(period);
    let mut out = parts.join(", ");
    if let Some(s) = source.map(|s| loc.plain(s)).filter(|s| !s.is_empty()) {
        if !out.is_empty() {
            out.push_str(". ");
        }
        out.push_str(&format!("{}: {s}", loc.s("source")));
    }
    out
}

/// A series drawn as bars or a line, with its table.
pub fn series_figure(loc: &Loc, s: &Series, kind: Kind, prefix: &str, csv_href: String) -> FigureView {
    let table = view::series_view(loc, s, prefix, csv_href).table;
    let (unit_suffix, percent) = unit_on_labels(loc, s.unit.as_ref());
    let c = Chart {
        kind,
        groups: vec![Group {
            label: None,
            points: s
                .points
                .iter()
                .map(|(y, c)| point(y.to_string(), c, Symbols::V1))
                .collect(),
            unit_suffix,
            percent,
        }],
    };
    let period = match (s.points.first(), s.points.last()) {
        (Some(a), Some(b)) if a.0 != b.0 => Some(format!("{}–{}", a.0, b.0)),
        (Some(a), _) => Some(a.0.to_string()),
        _ => None,
    };
    let title_html = s.title.as_ref().map(|t| loc.html(t)).unwrap_or_else(|| escape(&s.id));
    let sub = subtitle(loc, s.unit.as_ref(), period, s.source.as_ref());
    build(loc, &c, title_html, sub, Some(table))
}

/// A table's rows drawn as groups of bars, one per column ("Klepp,
/// KOSTRA-gruppe 7, Time"); columns with a unit of their own unlike the
/// others' are left out, since one scale cannot hold kroner and percent.
pub fn table_figure(loc: &Loc, t: &Table, prefix: &str, csv_href: String, with_table: bool) -> FigureView {
    let tv = view::table_view(loc, t, prefix, csv_href);
    let first_unit = t.columns.first().and_then(|c| c.unit.clone());
    let cols: Vec<usize> = (0..t.columns.len())
        .filter(|&j| t.columns[j].unit == first_unit && t.columns[j].computed.is_none())
        .collect();
    let groups = t
        .rows
        .iter()
        .filter_map(|r| match r {
            Row::Data { label, unit, cells, .. } => Some((label, unit, cells)),
            Row::Heading(_) => None,
        })
        .filter(|(_, _, cells)| cols.iter().any(|&j| matches!(cells.get(j), Some(Cell::Num(_)))))
        .map(|(label, unit, cells)| {
            let (unit_suffix, percent) = unit_on_labels(loc, unit.as_ref().or(first_unit.as_ref()).or(t.unit.as_ref()));
            Group {
                label: Some(loc.plain(label)),
                points: cols
                    .iter()
                    .filter_map(|&j| Some(point(loc.plain(&t.columns[j].label), cells.get(j)?, t.symbols)))
                    .collect(),
                unit_suffix,
                percent,
            }
        })
        .collect();
    let c = Chart {
        kind: Kind::Bars,
        groups,
    };
    let title_html = t.title.as_ref().map(|x| loc.html(x)).unwrap_or_else(|| escape(&t.id));
    let sub = subtitle(loc, t.unit.as_ref(), None, t.source.as_ref());
    let mut f = build(loc, &c, title_html, sub, Some(tv));
    if !with_table {
        f.table = None;
    }
    f
}

/// A table's rows drawn as their shares of the sum of one column.
pub fn share_figure(loc: &Loc, t: &Table, prefix: &str, csv_href: String, with_table: bool) -> FigureView {
    let tv = view::table_view(loc, t, prefix, csv_href);
    let (column, points) = match chart::share_column(t) {
        Ok((j, shares)) => (
            Some(j),
            shares
                .into_iter()
                .map(|(l, n)| Point {
                    label: loc.plain(l),
                    value: Some(n),
                    printed: String::new(),
                })
                .collect(),
        ),
        Err(_) => (None, Vec::new()),
    };
    let c = Chart {
        kind: Kind::Share,
        groups: vec![Group {
            label: None,
            points,
            unit_suffix: String::new(),
            percent: true,
        }],
    };
    let title_html = t.title.as_ref().map(|x| loc.html(x)).unwrap_or_else(|| escape(&t.id));
    let of = column.map(|j| {
        loc.s("chart_share_of")
            .replace("{column}", &loc.plain(&t.columns[j].label))
    });
    let sub = subtitle(loc, None, of, t.source.as_ref());
    let mut f = build(loc, &c, title_html, sub, Some(tv));
    if !with_table {
        f.table = None;
    }
    f
}

fn build(loc: &Loc, c: &Chart, title_html: String, subtitle: String, table: Option<TableView>) -> FigureView {
    let (summary, svg) = match c.has_numbers() {
        true => (chart::summary(c, &|k: &str| loc.s(k)), chart::draw(c)),
        false => (String::new(), String::new()),
    };
    FigureView {
        anchor: table.as_ref().map(|t| t.anchor.clone()).unwrap_or_default(),
        title_html,
        subtitle,
        summary,
        svg,
        table,
        number: None,
        link_text: None,
    }
}
