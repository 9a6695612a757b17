//! The checked content: what the renderer may rely on.

use super::goal::Status;
pub use super::goal::{Goal, Indicator};
use super::raw::{Computed, Symbols, TableKind};
use super::text::{Lang, Text};
use crate::format::Number;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct Site {
    pub root: PathBuf,
    pub title: Text,
    /// The first is the default language.
    pub languages: Vec<Lang>,
    pub base_url: Option<String>,
    pub period: Option<(i32, i32)>,
    /// The year or day the plan reports on: after it, a goal whose last
    /// target's year has passed unmet is "not achieved".
    pub report_date: Option<super::goal::PlanDate>,
    pub theme: Option<String>,
    /// The accessibility statement's address, one for every language or one
    /// per language (each page links the one in its language).
    pub accessibility_statement: Option<Text>,
    pub raw_html: bool,
    /// What statistical symbols mean unless a table says otherwise.
    pub symbols: Symbols,
    /// The licence of the published numbers (`licence:`), if site.yaml says.
    pub licence: Option<super::licence::Licence>,
    pub front: Narrative,
    pub municipalities: Vec<Municipality>,
    /// Files under content/assets, relative to it.
    pub assets: Vec<PathBuf>,
}

#[derive(Debug, Clone)]
pub struct Municipality {
    pub slug: String,
    pub dir: PathBuf,
    pub name: Text,
    pub number: Option<String>,
    pub language: Lang,
    pub county: Option<Text>,
    pub intro: Narrative,
    pub areas: Vec<Area>,
    /// `order:` from municipality.yaml: area folder names, first shown first.
    pub order: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Area {
    pub slug: String,
    pub dir: PathBuf,
    pub data_file: PathBuf,
    pub title: Text,
    pub summary: Option<Text>,
    pub tables: Vec<Table>,
    /// Ids of tables that failed to load (already reported), so a narrative
    /// that places one gets no second message.
    pub failed_tables: Vec<String>,
    pub goals: Vec<Goal>,
    pub series: Vec<Series>,
    pub narrative: Narrative,
    /// Extra Markdown files `<id>.<lang>.md`, placed with `{{ section id }}`.
    pub sections: BTreeMap<String, Narrative>,
    /// Images and other files beside data.yaml, published beside the page.
    pub files: Vec<PathBuf>,
}

/// One text in Markdown, by language.
#[derive(Debug, Clone, Default)]
pub struct Narrative {
    pub by_lang: BTreeMap<Lang, Doc>,
}

#[derive(Debug, Clone)]
pub struct Doc {
    pub path: PathBuf,
    /// Lines above the body (the Markdown after the front matter) in the
    /// file, so messages give the file's own line.
    pub body_line: u32,
    pub title: Option<String>,
    pub summary: Option<String>,
    /// ISO date `YYYY-MM-DD`, checked.
    pub updated: Option<String>,
    /// The body made ready to render when it is read: its directives,
    /// heading ids, links and table references with it (every page that
    /// shows the text, every translation of it, and `serve`'s link check
    /// after each edit use them; only the edited texts are new). The body
    /// itself is not kept beside it: a country's texts are 50 MB.
    pub parsed: crate::render::markdown::Parsed,
}

impl Doc {
    /// The body made ready to render (directives found).
    pub fn parsed(&self) -> &crate::render::markdown::Parsed {
        &self.parsed
    }

    /// The body's links and images, in order.
    pub fn links(&self) -> &[crate::render::markdown::Link] {
        self.parsed().links()
    }

    /// The ids of the body's headings, in order.
    pub fn heading_ids(&self) -> &[String] {
        self.parsed().heading_slugs()
    }
}

impl Narrative {
    pub fn is_empty(&self) -> bool {
        self.by_lang.is_empty()
    }

    /// The document for `lang`, or the first that exists in `order`, with
    /// the language it is really in.
    pub fn get<'a>(&'a self, lang: &str, order: &'a [Lang]) -> Option<(&'a Doc, &'a str)> {
        if let Some((l, d)) = self.by_lang.get_key_value(lang) {
            return Some((d, l.as_str()));
        }
        order
            .iter()
            .find_map(|o| self.by_lang.get_key_value(o.as_str()))
            .or_else(|| self.by_lang.iter().next())
            .map(|(l, d)| (d, l.as_str()))
    }
}

#[derive(Debug, Clone)]
pub struct Table {
    pub id: String,
    /// The line of the table's id in data.yaml (0 for a series shown as a
    /// table), so every message about the table names a line.
    pub line: u32,
    pub kind: TableKind,
    pub title: Option<Text>,
    pub source: Option<Text>,
    /// The source's address and date (format 1.1), shown with `source`.
    pub source_url: Option<String>,
    /// As `YYYY-MM-DD` or a year; shown the Norwegian way.
    pub source_date: Option<String>,
    pub unit: Option<Text>,
    pub notes: Option<Text>,
    pub row_header: Option<Text>,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// What the symbols in this table mean (site or table setting).
    pub symbols: Symbols,
    /// Footnotes in the order their marks appear; the marks sit on cells.
    pub footnotes: Vec<Footnote>,
}

/// A column heading with what the format 1.1 lets a column say.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub label: Text,
    pub unit: Option<Text>,
    pub in_sums: bool,
    /// Indexes of the columns it is computed from.
    pub computed: Option<(Computed, usize, usize)>,
}

impl Column {
    pub fn plain(label: Text) -> Self {
        Column {
            label,
            unit: None,
            in_sums: true,
            computed: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Footnote {
    pub mark: String,
    pub text: Text,
}

#[derive(Debug, Clone)]
pub enum Row {
    /// A heading inside the table (a group label, or a row with only a label).
    Heading(Text),
    Data {
        label: Text,
        unit: Option<Text>,
        cells: Vec<Cell>,
        total: bool,
        /// Footnote marks: (column index, or None for the label; index into
        /// the table's `footnotes`).
        marks: Vec<(Option<usize>, usize)>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Missing,
    Num(Number),
    /// Only in plain tables: text shown as written.
    Text(String),
    /// A statistical symbol with its SSB meaning (tables with `symbols: ssb`).
    Symbol(Symbol),
    /// A value planvev was asked to compute but cannot: a cell it depends on
    /// has no value. Shown as missing, with the reason; never a partial sum.
    Unknown(Box<Gap>),
}

/// Why a computed value is unknown: the cell that has no value.
#[derive(Debug, Clone, PartialEq)]
pub struct Gap {
    /// The label of the row whose cell has no value.
    pub row: Text,
    /// The heading of the column of the empty cell.
    pub column: Text,
}

/// Statistics Norway's standard symbols.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Symbol {
    /// `-`: nil, a true zero (what accounts print).
    Nil,
    /// `..`: missing.
    Missing,
    /// `...`: not yet available.
    NotYet,
    /// `.`: not applicable.
    NotApplicable,
    /// `:`: suppressed for confidentiality.
    Confidential,
}

impl Symbol {
    pub const ALL: [Symbol; 5] = [
        Symbol::Nil,
        Symbol::Missing,
        Symbol::NotYet,
        Symbol::NotApplicable,
        Symbol::Confidential,
    ];

    /// As printed.
    pub fn text(self) -> &'static str {
        match self {
            Symbol::Nil => "-",
            Symbol::Missing => "..",
            Symbol::NotYet => "...",
            Symbol::NotApplicable => ".",
            Symbol::Confidential => ":",
        }
    }

    /// The UI string key for its meaning.
    pub fn key(self) -> &'static str {
        match self {
            Symbol::Nil => "symbol_nil",
            Symbol::Missing => "symbol_missing",
            Symbol::NotYet => "symbol_not_yet",
            Symbol::NotApplicable => "symbol_not_applicable",
            Symbol::Confidential => "symbol_confidential",
        }
    }

    pub fn from_text(s: &str) -> Option<Symbol> {
        Symbol::ALL.into_iter().find(|x| x.text() == s.trim())
    }
}

#[derive(Debug, Clone)]
pub struct Series {
    pub id: String,
    pub title: Option<Text>,
    pub unit: Option<Text>,
    pub points: Vec<(i32, Cell)>,
    pub source: Option<Text>,
    pub notes: Option<Text>,
}

impl Site {
    pub fn default_lang(&self) -> &str {
        &self.languages[0]
    }

    /// The order in which to look for a text missing in a language: the
    /// site's languages as listed.
    pub fn fallback_order(&self) -> &[Lang] {
        &self.languages
    }

    pub fn goals(&self) -> impl Iterator<Item = &Goal> {
        self.municipalities.iter().flat_map(|m| m.goals())
    }
}

impl Municipality {
    /// Areas in the editor's `order`, then the rest alphabetically by folder.
    pub fn sort_areas(&mut self) {
        let order = &self.order;
        let rank = |slug: &str| order.iter().position(|o| o == slug).unwrap_or(order.len());
        self.areas
            .sort_by(|a, b| (rank(&a.slug), &a.slug).cmp(&(rank(&b.slug), &b.slug)));
    }

    pub fn goals(&self) -> impl Iterator<Item = &Goal> {
        self.areas.iter().flat_map(|a| a.goals.iter())
    }
}

/// Counts of goals by status, in the order of `Status::ALL`. A goal with
/// no status (no number, nothing assessed) is counted nowhere.
pub fn count_statuses<'a>(goals: impl Iterator<Item = &'a Goal>) -> [usize; 5] {
    let mut counts = [0; 5];
    for s in goals.filter_map(|g| g.status) {
        if let Some(i) = Status::ALL.iter().position(|x| *x == s) {
            counts[i] += 1;
        }
    }
    counts
}
