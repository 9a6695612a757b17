//! The checked content: what the renderer may rely on.

use super::goal::Status;
pub use super::goal::{Goal, Indicator};
use super::raw::TableKind;
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
    pub accessibility_statement: Option<String>,
    pub raw_html: bool,
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
}

#[derive(Debug, Clone)]
pub struct Area {
    pub slug: String,
    pub dir: PathBuf,
    pub data_file: PathBuf,
    pub title: Text,
    pub summary: Option<Text>,
    pub tables: Vec<Table>,
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
    /// The Markdown after the front matter.
    pub body: String,
    /// Lines above `body` in the file, so messages give the file's own line.
    pub body_line: u32,
    pub title: Option<String>,
    pub summary: Option<String>,
    /// ISO date `YYYY-MM-DD`, checked.
    pub updated: Option<String>,
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
    pub kind: TableKind,
    pub title: Option<Text>,
    pub source: Option<Text>,
    pub unit: Option<Text>,
    pub notes: Option<Text>,
    pub row_header: Option<Text>,
    pub columns: Vec<Text>,
    pub rows: Vec<Row>,
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
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Missing,
    Num(Number),
    /// Only in plain tables: text shown as written.
    Text(String),
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
