//! View models: the content shaped for templates, with every number already
//! formatted and every text already chosen for the page's language.

use crate::content::goal::{Bound, Indicator, Status, Target, When};
use crate::content::raw::{Direction, Symbols, TableKind};
use crate::content::{Cell, Column, Gap, Goal, Lang, Row, Series, Symbol, Table, Text};
use crate::format::Number;
use crate::i18n::Strings;
use serde::Serialize;
use std::cell::Cell as Flag;

/// Chooses texts for one page and remembers whether any was a fallback.
pub struct Loc<'a> {
    pub lang: &'a str,
    pub order: &'a [Lang],
    pub strings: &'a Strings,
    pub used_fallback: Flag<Option<Lang>>,
}

impl<'a> Loc<'a> {
    pub fn new(lang: &'a str, order: &'a [Lang], strings: &'a Strings) -> Self {
        Loc {
            lang,
            order,
            strings,
            used_fallback: Flag::new(None),
        }
    }

    pub fn s(&self, key: &str) -> String {
        self.strings.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    /// Escaped HTML of a text; a fallback is wrapped in its own `lang`.
    pub fn html(&self, t: &Text) -> String {
        let got = t.get(self.lang, self.order);
        let esc = escape(&got.text);
        match got.fallback_lang {
            Some(l) => {
                self.used_fallback.set(Some(l.clone()));
                format!("<span lang=\"{l}\">{esc}</span>")
            }
            None => esc,
        }
    }

    pub fn opt_html(&self, t: &Option<Text>) -> Option<String> {
        t.as_ref().map(|t| self.html(t)).filter(|s| !s.is_empty())
    }

    /// Plain text (for `<title>`, CSV, attributes).
    pub fn plain(&self, t: &Text) -> String {
        t.plain(self.lang, self.order)
    }
}

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

pub fn is_percent(unit: Option<&Text>) -> bool {
    matches!(unit, Some(Text::Plain(u)) if u.trim() == "%")
}

fn num_html(n: &Number, percent_unit: bool) -> String {
    Number {
        value: n.value,
        percent: n.percent || percent_unit,
    }
    .to_html_text()
}

#[derive(Serialize)]
pub struct CellView {
    pub html: String,
    pub missing: bool,
    pub numeric: bool,
}

#[derive(Serialize)]
pub struct RowView {
    pub heading: bool,
    pub label_html: String,
    pub total: bool,
    pub cells: Vec<CellView>,
}

#[derive(Serialize)]
pub struct TableView {
    pub anchor: String,
    pub kind: &'static str,
    pub caption_html: String,
    pub unit_html: Option<String>,
    pub row_header_html: String,
    pub columns: Vec<String>,
    pub rows: Vec<RowView>,
    pub source_html: Option<String>,
    /// The source's address and date (format 1.1).
    pub source_url: Option<String>,
    pub source_date: Option<String>,
    pub notes_html: Option<String>,
    /// Why a value planvev was asked to compute is unknown, one per value.
    pub unknown_notes: Vec<String>,
    pub footnotes: Vec<FootnoteView>,
    /// "Forklaring til symbol": the symbols this table uses.
    pub legend_title: Option<String>,
    pub legend: Vec<LegendView>,
    pub csv_href: String,
    /// A link per download format, filled in by the page (it knows sizes).
    pub downloads: Vec<DownloadLink>,
    /// "Tabell 3" and "Lenke til tabell 3", numbered by the page.
    pub number: Option<String>,
    pub link_text: Option<String>,
}

/// "Last ned «Nøkkeltal» som Excel (8 kB)" and where it leads.
#[derive(Serialize, Clone)]
pub struct DownloadLink {
    pub href: String,
    pub text: String,
}

#[derive(Serialize)]
pub struct FootnoteView {
    pub id: String,
    pub mark: String,
    pub html: String,
}

#[derive(Serialize)]
pub struct LegendView {
    pub symbol: &'static str,
    pub meaning: String,
}

/// What one table's cells need to know to be shown.
struct CellCtx<'a> {
    loc: &'a Loc<'a>,
    t: &'a Table,
    anchor: &'a str,
}

/// The text and screen-reader text of a value that is unknown.
fn gap_texts(loc: &Loc, key: &str, (row, column): (&Text, &Text), gap: &Gap) -> String {
    loc.s(key)
        .replace("{row}", &loc.plain(row))
        .replace("{column}", &loc.plain(column))
        .replace("{gap_row}", &loc.plain(&gap.row))
        .replace("{gap_column}", &loc.plain(&gap.column))
}

/// The sign shown for "no value": `–` in version 1, `..` under SSB symbols
/// (where `-` means nil).
pub fn no_value_sign(symbols: Symbols) -> &'static str {
    match symbols {
        Symbols::V1 => "–",
        Symbols::Ssb => "..",
    }
}

fn cell_view(cc: &CellCtx, c: &Cell, percent_unit: bool, at: (&Text, &Text)) -> CellView {
    let loc = cc.loc;
    let hidden = |sign: &str, text: &str| format!("{sign}<span class=\"visually-hidden\"> {}</span>", escape(text));
    match c {
        Cell::Missing => CellView {
            html: hidden(no_value_sign(cc.t.symbols), &loc.s("missing_value")),
            missing: true,
            numeric: true,
        },
        Cell::Unknown(gap) => CellView {
            html: hidden(no_value_sign(cc.t.symbols), &gap_texts(loc, "unknown_cell", at, gap)),
            missing: true,
            numeric: true,
        },
        Cell::Symbol(sym) => CellView {
            html: format!(
                "<span aria-hidden=\"true\">{}</span><span class=\"visually-hidden\">{}</span>",
                escape(sym.text()),
                escape(&loc.s(sym.key()))
            ),
            missing: *sym != Symbol::Nil,
            numeric: true,
        },
        Cell::Num(n) => CellView {
            html: num_html(n, percent_unit),
            missing: false,
            numeric: true,
        },
        Cell::Text(t) => CellView {
            html: escape(t),
            missing: false,
            numeric: false,
        },
    }
}

/// A footnote mark after a cell's content, linked to its text.
fn with_marks(cc: &CellCtx, html: String, marks: &[usize]) -> String {
    let mut out = html;
    for &i in marks {
        if let Some(f) = cc.t.footnotes.get(i) {
            out.push_str(&format!(
                "<sup class=\"footnote-ref\"><a href=\"#{}-fn-{}\"><span class=\"visually-hidden\">{} </span>{}</a></sup>",
                cc.anchor,
                i + 1,
                escape(&cc.loc.s("footnote")),
                escape(&f.mark)
            ));
        }
    }
    out
}

/// A row label with a non-percent unit after it: "Utbetaling (kr)".
fn label_with_unit(loc: &Loc, label: &Text, unit: Option<&Text>) -> String {
    match unit {
        Some(u) if !is_percent(Some(u)) => format!("{} ({})", loc.html(label), loc.html(u)),
        _ => loc.html(label),
    }
}

/// A column heading with its own unit: "Beløp (kr)"; `%` is shown on
/// the values instead.
fn column_html(loc: &Loc, c: &Column) -> String {
    match &c.unit {
        Some(u) if !is_percent(Some(u)) => format!("{} ({})", loc.html(&c.label), loc.html(u)),
        _ => loc.html(&c.label),
    }
}

fn row_view(cc: &CellCtx, r: &Row) -> RowView {
    let loc = cc.loc;
    match r {
        Row::Heading(l) => RowView {
            heading: true,
            label_html: loc.html(l),
            total: false,
            cells: vec![],
        },
        Row::Data {
            label,
            unit,
            cells,
            total,
            marks,
        } => {
            let pct = is_percent(cc.t.unit.as_ref()) || is_percent(unit.as_ref());
            let marks_at = |col: Option<usize>| -> Vec<usize> {
                marks.iter().filter(|(c, _)| *c == col).map(|(_, i)| *i).collect()
            };
            let cells = cells
                .iter()
                .enumerate()
                .map(|(j, c)| {
                    let column = cc.t.columns.get(j);
                    let col_pct = column.is_some_and(|c| is_percent(c.unit.as_ref()));
                    let col_label = column.map(|c| c.label.clone()).unwrap_or(Text::Plain(String::new()));
                    let mut v = cell_view(cc, c, pct || col_pct, (label, &col_label));
                    v.html = with_marks(cc, v.html, &marks_at(Some(j)));
                    v
                })
                .collect();
            RowView {
                heading: false,
                label_html: with_marks(cc, label_with_unit(loc, label, unit.as_ref()), &marks_at(None)),
                total: *total,
                cells,
            }
        }
    }
}

/// The notes that say why a value is unknown, in row order.
fn unknown_notes(loc: &Loc, t: &Table) -> Vec<String> {
    let mut out = Vec::new();
    for r in &t.rows {
        let Row::Data { label, cells, .. } = r else { continue };
        for (j, c) in cells.iter().enumerate() {
            if let (Cell::Unknown(gap), Some(col)) = (c, t.columns.get(j)) {
                out.push(escape(&gap_texts(loc, "unknown_note", (label, &col.label), gap)));
            }
        }
    }
    out
}

/// The symbols a table uses, in SSB's order, for its legend.
fn symbols_used(t: &Table) -> Vec<Symbol> {
    let mut used: Vec<Symbol> = Vec::new();
    let mut note = |s: Symbol| {
        if !used.contains(&s) {
            used.push(s);
        }
    };
    for r in &t.rows {
        let Row::Data { cells, .. } = r else { continue };
        for c in cells {
            match c {
                Cell::Symbol(s) => note(*s),
                // Shown as `..` under SSB symbols.
                Cell::Missing | Cell::Unknown(_) if t.symbols == Symbols::Ssb => note(Symbol::Missing),
                _ => {}
            }
        }
    }
    used.sort();
    used
}

pub fn table_view(loc: &Loc, t: &Table, anchor_prefix: &str, csv_href: String) -> TableView {
    let anchor = format!("{anchor_prefix}table-{}", t.id);
    let cc = CellCtx {
        loc,
        t,
        anchor: &anchor,
    };
    let rows = t.rows.iter().map(|r| row_view(&cc, r)).collect();
    let legend: Vec<LegendView> = symbols_used(t)
        .into_iter()
        .map(|s| LegendView {
            symbol: s.text(),
            meaning: loc.s(s.key()),
        })
        .collect();
    let footnotes = t
        .footnotes
        .iter()
        .enumerate()
        .map(|(i, f)| FootnoteView {
            id: format!("{anchor}-fn-{}", i + 1),
            mark: escape(&f.mark),
            html: loc.html(&f.text),
        })
        .collect();
    TableView {
        kind: match t.kind {
            TableKind::KeyFigures => "key-figures",
            TableKind::Budget => "budget",
            TableKind::Plain => "plain",
        },
        caption_html: t.title.as_ref().map(|x| loc.html(x)).unwrap_or_else(|| escape(&t.id)),
        unit_html: t.unit.as_ref().filter(|u| !is_percent(Some(u))).map(|u| loc.html(u)),
        row_header_html: t.row_header.as_ref().map(|x| loc.html(x)).unwrap_or_default(),
        columns: t.columns.iter().map(|c| column_html(loc, c)).collect(),
        rows,
        source_html: loc.opt_html(&t.source),
        source_url: t.source_url.clone(),
        source_date: t.source_date.clone(),
        notes_html: loc.opt_html(&t.notes),
        unknown_notes: unknown_notes(loc, t),
        footnotes,
        legend_title: (!legend.is_empty()).then(|| {
            loc.s(if legend.len() == 1 {
                "symbol_legend_one"
            } else {
                "symbol_legend"
            })
        }),
        legend,
        csv_href,
        downloads: Vec::new(),
        number: None,
        link_text: None,
        anchor,
    }
}

/// A table's download: header row first; plain `-` for missing values
/// (`..` under SSB symbols), symbols as printed; then the source and the
/// footnotes, so the file says where its numbers come from.
pub fn table_csv(loc: &Loc, t: &Table) -> Vec<Vec<String>> {
    let mut header = vec![{
        let rh = t.row_header.as_ref().map(|x| loc.plain(x)).unwrap_or_default();
        match &t.unit {
            Some(u) => format!("{rh} ({})", loc.plain(u)).trim().to_string(),
            None => rh,
        }
    }];
    header.extend(t.columns.iter().map(|c| match &c.unit {
        Some(u) if !loc.plain(&c.label).contains(loc.plain(u).as_str()) => {
            format!("{} ({})", loc.plain(&c.label), loc.plain(u))
        }
        _ => loc.plain(&c.label),
    }));
    let mut out = vec![header];
    for r in &t.rows {
        match r {
            Row::Heading(l) => out.push(vec![loc.plain(l)]),
            Row::Data {
                label,
                unit,
                cells,
                marks,
                ..
            } => {
                let label = match unit {
                    Some(u) => format!("{} ({})", loc.plain(label), loc.plain(u)),
                    None => loc.plain(label),
                };
                // Numbers stay numbers: every mark goes after the label, and
                // the footnote rows below say which cell each is on.
                let marks: String = marks
                    .iter()
                    .filter_map(|(_, i)| t.footnotes.get(*i))
                    .map(|f| format!(" {}", f.mark))
                    .collect();
                let mut row = vec![format!("{label}{marks}")];
                row.extend(cells.iter().map(|c| csv_cell(c, t.symbols)));
                out.push(row);
            }
        }
    }
    for (i, f) in t.footnotes.iter().enumerate() {
        out.push(vec![f.mark.clone(), footnote_place(loc, t, i), loc.plain(&f.text)]);
    }
    let legend = symbols_used(t);
    if !legend.is_empty() {
        out.push(vec![loc.s(if legend.len() == 1 {
            "symbol_legend_one"
        } else {
            "symbol_legend"
        })]);
        for s in legend {
            out.push(vec![s.text().to_string(), loc.s(s.key())]);
        }
    }
    if let Some(src) = &t.source {
        let mut row = vec![loc.s("source"), loc.plain(src)];
        row.extend(t.source_url.clone());
        row.extend(t.source_date.clone());
        out.push(row);
    }
    out
}

/// "Barnehage / Budsjett": the row and column a footnote is on.
fn footnote_place(loc: &Loc, t: &Table, i: usize) -> String {
    for r in &t.rows {
        let Row::Data { label, marks, .. } = r else { continue };
        if let Some((col, _)) = marks.iter().find(|(_, m)| *m == i) {
            return match col.and_then(|j| t.columns.get(j)) {
                Some(c) => format!("{} / {}", loc.plain(label), loc.plain(&c.label)),
                None => loc.plain(label),
            };
        }
    }
    String::new()
}

fn csv_cell(c: &Cell, symbols: Symbols) -> String {
    match c {
        Cell::Missing | Cell::Unknown(_) => match symbols {
            Symbols::V1 => "-".into(),
            Symbols::Ssb => "..".into(),
        },
        Cell::Num(n) => n.to_csv_text(),
        Cell::Text(t) => t.clone(),
        Cell::Symbol(s) => s.text().into(),
    }
}

/// A time series as a table: one row per year, beside its chart.
pub fn series_table(s: &Series) -> Table {
    Table {
        id: s.id.clone(),
        line: 0,
        kind: TableKind::Plain,
        title: s.title.clone(),
        source: s.source.clone(),
        source_url: None,
        source_date: None,
        unit: None,
        notes: s.notes.clone(),
        row_header: None,
        columns: vec![Column::plain(s.title.clone().unwrap_or(Text::Plain(s.id.clone())))],
        symbols: Symbols::V1,
        footnotes: Vec::new(),
        rows: s
            .points
            .iter()
            .map(|(y, c)| Row::Data {
                label: Text::Plain(y.to_string()),
                unit: None,
                cells: vec![c.clone()],
                total: false,
                marks: Vec::new(),
            })
            .collect(),
    }
}

#[derive(Serialize)]
pub struct SeriesView {
    pub table: TableView,
    pub unit_html: Option<String>,
}

pub fn series_view(loc: &Loc, s: &Series, anchor_prefix: &str, csv_href: String) -> SeriesView {
    let mut table = table_view(loc, &series_table(s), anchor_prefix, csv_href);
    table.anchor = format!("{anchor_prefix}chart-{}", s.id);
    table.row_header_html = escape(&loc.s("year"));
    if let Some(u) = &s.unit {
        table.columns = vec![format!("{} ({})", table.columns.join(""), loc.html(u))];
    }
    SeriesView {
        table,
        unit_html: s.unit.as_ref().map(|u| loc.html(u)),
    }
}

#[derive(Serialize)]
pub struct ValueView {
    pub label: String,
    pub html: String,
}

/// A status as the page shows it: data-status value, words and symbol.
#[derive(Serialize)]
pub struct StatusView {
    pub key: &'static str,
    pub label: String,
    pub symbol: &'static str,
}

fn status_view(loc: &Loc, s: Status) -> StatusView {
    StatusView {
        key: s.key(),
        label: loc.s(s.key()),
        symbol: status_symbol(s),
    }
}

#[derive(Serialize)]
pub struct AssessmentView {
    pub date: String,
    pub date_iso: String,
    pub text_html: String,
}

/// One year of an indicator's record: its target and its result.
#[derive(Serialize)]
pub struct RecordRow {
    pub year_html: String,
    pub target_html: Option<String>,
    pub result_html: Option<String>,
}

#[derive(Serialize)]
pub struct IndicatorView {
    pub status: Option<StatusView>,
    pub indicator_html: Option<String>,
    pub direction_label: Option<String>,
    pub baseline: Option<ValueView>,
    pub targets: Vec<ValueView>,
    /// The latest result; `has_targets` without one shows "missing".
    pub latest: Option<ValueView>,
    pub has_targets: bool,
    pub progress: Option<u32>,
    pub progress_text: Option<String>,
    /// Every year with a target or a result, shown as a small table when
    /// there are two results or more.
    pub record: Vec<RecordRow>,
    /// The goal's path drawn: baseline and results, targets marked.
    pub path_svg: Option<String>,
}

#[derive(Serialize)]
pub struct GoalView {
    pub anchor: String,
    /// None: the goal has no status at all.
    pub status: Option<StatusView>,
    pub assessment: Option<AssessmentView>,
    pub goal_html: String,
    pub indicators: Vec<IndicatorView>,
    pub strategies: Vec<String>,
    pub note_html: Option<String>,
}

pub fn status_symbol(s: Status) -> &'static str {
    match s {
        Status::Achieved => "✔",
        Status::OnTrack => "➜",
        Status::Behind => "✖",
        Status::NotAchieved => "⊘",
        Status::NoData => "?",
    }
}

/// How an indicator's values are written: its unit after the number, or
/// `%` as part of it.
struct Units<'a> {
    loc: &'a Loc<'a>,
    pct: bool,
    suffix: String,
}

impl Units<'_> {
    fn value(&self, n: &Number) -> String {
        format!("{}{}", num_html(n, self.pct), self.suffix)
    }

    /// A target as a reader says it: "minst 700 deltakarar", "3–5 %".
    fn bound(&self, b: &Bound) -> String {
        match b {
            Bound::Plain(n) => self.value(n),
            Bound::Cmp(c, n) => escape(&self.loc.s(c.key())).replace("{value}", &self.value(n)),
            Bound::Range(lo, hi) => {
                let lo = Number { percent: false, ..*lo }.to_html_text();
                format!("{lo}–{}", self.value(hi))
            }
        }
    }
}

fn target_label(loc: &Loc, t: &Target, last_year: Option<i32>, yearly: usize) -> String {
    let (key, year) = match t.when {
        When::Year(y) if Some(y) == last_year && yearly > 1 => ("target_by", y),
        When::Year(y) => ("target_for", y),
        When::From(y) => ("target_from", y),
        When::Standing => ("target_standing", 0),
    };
    loc.s(key).replace("{year}", &year.to_string())
}

/// The target that holds in a year: that year's, else one from an earlier
/// year on, else a standing one.
fn target_in(targets: &[Target], year: i32) -> Option<&Target> {
    targets
        .iter()
        .find(|t| t.when == When::Year(year))
        .or_else(|| targets.iter().find(|t| matches!(t.when, When::From(f) if f <= year)))
        .or_else(|| targets.iter().find(|t| t.when == When::Standing))
}

fn indicator_view(loc: &Loc, i: &Indicator, several: bool, path_svg: Option<String>) -> IndicatorView {
    let pct = is_percent(i.unit.as_ref());
    let u = Units {
        loc,
        pct,
        suffix: match &i.unit {
            Some(u) if !pct => format!(" {}", loc.html(u)),
            _ => String::new(),
        },
    };
    let yearly: Vec<i32> = i
        .targets
        .iter()
        .filter_map(|t| match t.when {
            When::Year(y) => Some(y),
            _ => None,
        })
        .collect();
    let targets = i
        .targets
        .iter()
        .map(|t| ValueView {
            label: target_label(loc, t, yearly.last().copied(), yearly.len()),
            html: u.bound(&t.bound),
        })
        .collect();
    let baseline = i.baseline.as_ref().map(|(y, n)| ValueView {
        label: match y {
            Some(y) => format!("{} ({y})", loc.s("previous_result")),
            None => loc.s("previous_result"),
        },
        html: u.value(n),
    });
    let year_html = |y: i32| match i.periods.get(&y) {
        Some(p) => format!("{y} ({})", loc.html(p)),
        None => y.to_string(),
    };
    let latest = i.results.last().map(|(y, n)| ValueView {
        label: format!("{} {}", escape(&loc.s("result")), year_html(*y)),
        html: u.value(n),
    });
    let mut years: Vec<i32> = yearly.clone();
    years.extend(i.results.iter().map(|r| r.0));
    years.sort_unstable();
    years.dedup();
    // One result is already shown as the latest; the table is for more.
    let record = match i.results.len() < 2 {
        true => vec![],
        false => years
            .into_iter()
            .map(|y| RecordRow {
                year_html: year_html(y),
                target_html: target_in(&i.targets, y).map(|t| u.bound(&t.bound)),
                result_html: i.results.iter().find(|r| r.0 == y).map(|r| u.value(&r.1)),
            })
            .collect(),
    };
    let progress = i.track.progress_percent(i.status);
    IndicatorView {
        path_svg,
        status: i.status.filter(|_| several).map(|s| status_view(loc, s)),
        indicator_html: loc.opt_html(&i.indicator),
        direction_label: i.direction.map(|d| {
            loc.s(match d {
                Direction::Higher => "higher_is_better",
                Direction::Lower => "lower_is_better",
            })
        }),
        baseline,
        targets,
        latest,
        has_targets: !i.targets.is_empty(),
        progress,
        progress_text: progress.map(|p| format!("{p}\u{a0}%")),
        record,
    }
}

/// The path of an indicator with a year on its numbers; ranges and targets
/// without a year are not drawn (the figures above say them).
fn goal_path(loc: &Loc, i: &Indicator, pct: bool) -> Option<String> {
    let mut measured: Vec<(i32, Number)> = i.baseline.iter().filter_map(|(y, n)| y.map(|y| (y, *n))).collect();
    // A result of the baseline's year replaces it.
    measured.retain(|m| !i.results.iter().any(|r| r.0 == m.0));
    measured.extend(i.results.iter().copied());
    measured.sort_by_key(|m| m.0);
    let targets = i
        .targets
        .iter()
        .filter_map(|t| match (&t.when, &t.bound) {
            (When::Year(y), Bound::Plain(n) | Bound::Cmp(_, n)) => Some((*y, *n)),
            _ => None,
        })
        .collect();
    let unit = i.unit.as_ref().map(|u| loc.plain(u)).unwrap_or_default();
    let p = crate::chart::GoalPath {
        measured,
        targets,
        unit_suffix: match unit.trim() {
            "" | "%" => String::new(),
            u if u.chars().count() <= 10 => format!(" {u}"),
            _ => String::new(),
        },
        percent: pct,
        target_word: loc.s("target"),
    };
    p.drawable().then(|| crate::chart::draw_path(&p))
}

/// A goal's drawn paths, one per indicator (None: nothing to draw).
pub type GoalPaths = Vec<Option<String>>;

/// A goal's paths, one per indicator (None: nothing worth drawing). The
/// area page and the municipality and print pages show the same paths, so
/// a page unit draws them once and hands them to [`goal_view`].
pub fn goal_paths(loc: &Loc, g: &Goal) -> GoalPaths {
    (g.indicators.iter())
        .map(|i| goal_path(loc, i, is_percent(i.unit.as_ref())))
        .collect()
}

/// A goal as its tracker shows it, with its indicators' paths as
/// [`goal_paths`] drew them; `anchor_prefix` tells the pages apart.
pub fn goal_view(loc: &Loc, g: &Goal, anchor_prefix: &str, paths: &[Option<String>]) -> GoalView {
    let several = g.indicators.len() > 1;
    GoalView {
        anchor: format!("{anchor_prefix}goal-{}", g.id),
        status: g.status.map(|s| status_view(loc, s)),
        assessment: g.assessment.as_ref().map(|a| AssessmentView {
            date: a.date.display(),
            date_iso: a.date.iso(),
            text_html: loc.html(&a.text),
        }),
        goal_html: loc.html(&g.goal),
        indicators: (g.indicators.iter().enumerate())
            .map(|(k, i)| indicator_view(loc, i, several, paths.get(k).cloned().flatten()))
            .collect(),
        strategies: g.strategies.iter().map(|s| loc.html(s)).collect(),
        note_html: loc.opt_html(&g.note),
    }
}

#[derive(Serialize)]
pub struct CountView {
    pub status: &'static str,
    pub label: String,
    pub symbol: &'static str,
    pub count: usize,
}

pub fn counts_view(loc: &Loc, counts: [usize; 5]) -> Vec<CountView> {
    Status::ALL
        .iter()
        .zip(counts)
        .map(|(s, count)| CountView {
            status: s.key(),
            label: loc.s(s.key()),
            symbol: status_symbol(*s),
            count,
        })
        .collect()
}
