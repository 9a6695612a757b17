//! The YAML files exactly as written, before any checking. Unknown keys are
//! refused here so a misspelt key is reported, not silently ignored.

use super::text::Text;
use crate::yaml::Spanned;
use indexmap::IndexMap;
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSite {
    pub title: Text,
    pub languages: Option<Spanned<Vec<String>>>,
    pub base_url: Option<Spanned<String>>,
    pub period: Option<RawPeriod>,
    pub theme: Option<Spanned<String>>,
    /// One address, or one per language (`{ nn: URL, nb: URL }`).
    pub accessibility_statement: Option<Spanned<Text>>,
    pub raw_html: Option<bool>,
    /// The year or date the plan reports on (content format 1.1).
    pub report_date: Option<Spanned<Cell>>,
    /// Format 1.1: what `-`, `..`, `.`, `:` mean in every table (v1: missing).
    pub symbols: Option<Symbols>,
    /// The licence the numbers are published under (`NLOD-2.0`,
    /// `CC-BY-4.0`), named in the data packages.
    pub licence: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPeriod {
    pub from: i32,
    pub to: i32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMunicipality {
    pub name: Text,
    pub number: Option<Spanned<Cell>>,
    pub language: Option<Spanned<String>>,
    pub county: Option<Text>,
    /// Format 1.1: the service areas' folder names in the order the plan
    /// prints them (otherwise alphabetical).
    pub order: Option<Spanned<Vec<Spanned<String>>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawArea {
    pub title: Text,
    pub summary: Option<Text>,
    #[serde(default)]
    pub tables: IndexMap<String, Spanned<RawTable>>,
    #[serde(default)]
    pub goals: Vec<Spanned<RawGoal>>,
    #[serde(default)]
    pub series: IndexMap<String, Spanned<RawSeries>>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum TableKind {
    KeyFigures,
    Budget,
    Plain,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTable {
    pub kind: TableKind,
    pub title: Option<Text>,
    pub source: Option<Text>,
    pub unit: Option<Text>,
    pub notes: Option<Text>,
    pub row_header: Option<Text>,
    pub columns: Option<Spanned<Vec<Spanned<RawColumn>>>>,
    pub rows: Option<Vec<Spanned<RawRow>>>,
    pub groups: Option<Vec<Spanned<RawGroup>>>,
    pub csv: Option<Spanned<String>>,
    pub tolerance: Option<Spanned<Cell>>,
    /// Format 1.1: the source's address and date, shown with `source`.
    pub source_url: Option<Spanned<String>>,
    pub source_date: Option<Spanned<Cell>>,
    /// Format 1.1: overrides the site's `symbols` for this table.
    pub symbols: Option<Symbols>,
}

/// What the statistical symbols in a table mean.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Symbols {
    /// Version 1: `-`, `..`, `.`, `:` all mean a missing value, shown as `–`.
    #[default]
    V1,
    /// Statistics Norway's standard: `-` nil, `..` missing, `...` not yet
    /// available, `.` not applicable, `:` confidential; shown as printed.
    Ssb,
}

/// A column heading, or (format 1.1) a heading with its own unit, kept out
/// of the sums, or computed from other columns.
#[derive(Debug, Clone, PartialEq)]
pub struct RawColumn {
    pub label: Text,
    pub unit: Option<Text>,
    /// `in_sums: false`: total rows do not add this column up.
    pub in_sums: bool,
    pub computed: Option<Computed>,
}

/// A column computed from two others, named by their headings.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "lowercase")]
pub enum Computed {
    /// `difference: [Budsjett, Regnskap]`: Budsjett − Regnskap.
    Difference(Vec<String>),
    /// `percent: [Regnskap, Budsjett]`: Regnskap / Budsjett × 100.
    Percent(Vec<String>),
}

impl<'de> Deserialize<'de> for RawColumn {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ColumnVisitor)
    }
}

struct ColumnVisitor;

impl ColumnVisitor {
    fn plain(label: Text) -> RawColumn {
        RawColumn {
            label,
            unit: None,
            in_sums: true,
            computed: None,
        }
    }
}

impl<'de> Visitor<'de> for ColumnVisitor {
    type Value = RawColumn;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a column heading, or { label: ..., unit: ..., in_sums: false, computed: ... }")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<RawColumn, E> {
        Ok(Self::plain(Text::Plain(v.to_string())))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawColumn, E> {
        Ok(Self::plain(Text::Plain(v.to_string())))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawColumn, E> {
        Ok(Self::plain(Text::Plain(v.to_string())))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawColumn, E> {
        Ok(Self::plain(Text::Plain(v.to_string().replace('.', ","))))
    }
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<RawColumn, A::Error> {
        // Either a text by language ({ nn: …, nb: … }) or a column with
        // `label:`; the keys tell which.
        let mut col = Self::plain(Text::Plain(String::new()));
        let mut by_lang: Vec<(String, String)> = Vec::new();
        let mut has_label = false;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "label" => {
                    col.label = map.next_value()?;
                    has_label = true;
                }
                "unit" => col.unit = Some(map.next_value()?),
                "in_sums" => col.in_sums = map.next_value()?,
                "computed" => col.computed = Some(map.next_value()?),
                lang if super::text::is_lang_code(lang) => match map.next_value::<Text>()? {
                    Text::Plain(t) => by_lang.push((key, t)),
                    Text::ByLang(_) => {
                        return Err(de::Error::custom(format!(
                            "the text for `{key}` must be a plain text, not a list or another map"
                        )))
                    }
                },
                _ => {
                    return Err(de::Error::custom(format!(
                        "unknown key `{key}` in a column; a column has `label`, and may have `unit`, `in_sums` and `computed`"
                    )))
                }
            }
        }
        match (has_label, by_lang.is_empty()) {
            (true, true) => Ok(col),
            (false, false) => Ok(Self::plain(Text::ByLang(by_lang))),
            (false, true) => Err(de::Error::custom(
                "a column with `unit`, `in_sums` or `computed` needs `label:`",
            )),
            (true, false) => Err(de::Error::custom(
                "put the texts by language under `label:`, as in label: { nn: …, nb: … }",
            )),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGroup {
    pub label: Text,
    #[serde(default)]
    pub rows: Vec<Spanned<RawRow>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRow {
    pub label: Option<Text>,
    pub values: Option<Spanned<Vec<Spanned<Cell>>>>,
    pub unit: Option<Text>,
    #[serde(default)]
    pub total: Total,
    /// Format 1.1: footnotes on cells of this row, their text under the table.
    #[serde(default)]
    pub footnotes: Vec<Spanned<RawFootnote>>,
}

/// Whether a row is a total, and of which rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Total {
    #[default]
    No,
    /// `total: true`: the sum of every plain row above it (version 1).
    Above,
    /// `total: below` (format 1.1): the sum of the plain rows after it, up
    /// to the next total row, as plans that print "Sum" first.
    Below,
    /// `total: { rows: 8 }` (format 1.1): the sum of the 8 plain rows
    /// directly above it, for a subtotal printed under part of a table.
    Last(u32),
}

impl<'de> Deserialize<'de> for Total {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TotalVisitor)
    }
}

struct TotalVisitor;

impl<'de> Visitor<'de> for TotalVisitor {
    type Value = Total;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(
            "`true` (the sum of the rows above), `below` (the sum of the rows after it), `{ rows: N }` (the N rows above) or `false`",
        )
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Total, E> {
        Ok(if v { Total::Above } else { Total::No })
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Total, E> {
        match v {
            "below" => Ok(Total::Below),
            "above" => Ok(Total::Above),
            _ => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
        }
    }
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Total, A::Error> {
        let mut rows = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "rows" => rows = Some(map.next_value::<u32>()?),
                _ => {
                    return Err(de::Error::custom(format!(
                        "unknown key `{key}` in `total`; write `total: {{ rows: 3 }}` for the sum of the 3 rows above"
                    )))
                }
            }
        }
        match rows {
            Some(n) if n > 0 => Ok(Total::Last(n)),
            _ => Err(de::Error::custom(
                "`total: { rows: N }` needs a number of rows, 1 or more",
            )),
        }
    }
}

/// A footnote on one cell: `column:` names the column by its heading (left
/// out: the row's label); `mark:` as printed (default: numbered 1, 2, …).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFootnote {
    pub column: Option<Spanned<String>>,
    pub mark: Option<String>,
    pub text: Text,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Higher,
    Lower,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGoal {
    pub id: Option<Spanned<String>>,
    pub goal: Text,
    pub indicator: Option<Text>,
    pub unit: Option<Text>,
    pub direction: Option<Spanned<Direction>>,
    pub baseline: Option<Spanned<RawBaseline>>,
    #[serde(default)]
    pub targets: BTreeMap<i32, Spanned<Cell>>,
    /// 1.1: a standing target, or one from a year on.
    pub target: Option<Spanned<RawTarget>>,
    #[serde(default)]
    pub results: BTreeMap<i32, Spanned<Cell>>,
    /// 1.1: the period a result measures, by the result's year.
    #[serde(default)]
    pub periods: BTreeMap<i32, Spanned<Text>>,
    /// 1.1: several indicators under one goal.
    pub indicators: Option<Spanned<Vec<Spanned<RawIndicator>>>>,
    /// 1.1: the status of a goal with no number, as the editor assessed it.
    pub assessment: Option<Spanned<RawAssessment>>,
    #[serde(default)]
    pub strategies: Vec<Text>,
    pub note: Option<Text>,
}

/// One of several indicators under a goal: the keys a goal with one
/// indicator has at its top.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIndicator {
    pub indicator: Option<Text>,
    pub unit: Option<Text>,
    pub direction: Option<Spanned<Direction>>,
    pub baseline: Option<Spanned<RawBaseline>>,
    #[serde(default)]
    pub targets: BTreeMap<i32, Spanned<Cell>>,
    pub target: Option<Spanned<RawTarget>>,
    #[serde(default)]
    pub results: BTreeMap<i32, Spanned<Cell>>,
    #[serde(default)]
    pub periods: BTreeMap<i32, Spanned<Text>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBaseline {
    pub year: Option<i32>,
    pub value: Spanned<Cell>,
}

/// `target: "> 85 %"` (standing) or `target: { value: "minst 85 %", from: 2021 }`.
#[derive(Debug)]
pub struct RawTarget {
    pub value: Cell,
    pub from: Option<i32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTargetMap {
    value: Cell,
    from: Option<i32>,
}

impl<'de> Deserialize<'de> for RawTarget {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TargetVisitor)
    }
}

struct TargetVisitor;

impl<'de> Visitor<'de> for TargetVisitor {
    type Value = RawTarget;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a target such as \"> 85 %\", or { value: \"minst 85 %\", from: 2021 }")
    }
    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<RawTarget, A::Error> {
        let m = RawTargetMap::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(RawTarget {
            value: m.value,
            from: m.from,
        })
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawTarget, E> {
        CellVisitor.visit_i64(v).map(RawTarget::standing)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawTarget, E> {
        CellVisitor.visit_u64(v).map(RawTarget::standing)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawTarget, E> {
        CellVisitor.visit_f64(v).map(RawTarget::standing)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<RawTarget, E> {
        CellVisitor.visit_str(v).map(RawTarget::standing)
    }
}

impl RawTarget {
    fn standing(value: Cell) -> Self {
        RawTarget { value, from: None }
    }
}

/// The statuses an editor may state; "no data" is no statement.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum AssessedStatus {
    Achieved,
    OnTrack,
    Behind,
    NotAchieved,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAssessment {
    pub status: Spanned<AssessedStatus>,
    pub date: Spanned<Cell>,
    pub text: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSeries {
    pub title: Option<Text>,
    pub unit: Option<Text>,
    pub points: BTreeMap<i32, Spanned<Cell>>,
    pub source: Option<Text>,
    pub notes: Option<Text>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawFrontMatter {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub updated: Option<Spanned<Cell>>,
}

/// A scalar as written: the number check happens later, with the place.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Int(i64),
    Float(f64),
    Str(String),
    Null,
}

impl<'de> Deserialize<'de> for Cell {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(CellVisitor)
    }
}

struct CellVisitor;

impl<'de> Visitor<'de> for CellVisitor {
    type Value = Cell;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number or a text such as \"5,4 %\"")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Cell, E> {
        Ok(Cell::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Cell, E> {
        i64::try_from(v)
            .map(Cell::Int)
            .map_err(|_| E::custom("the number is too large"))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Cell, E> {
        Ok(Cell::Float(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Cell, E> {
        Ok(Cell::Str(v.to_string()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Cell, E> {
        Ok(Cell::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Cell, E> {
        Ok(Cell::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Cell, D::Error> {
        d.deserialize_any(CellVisitor)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Cell, E> {
        Err(E::invalid_type(de::Unexpected::Bool(v), &self))
    }
}

impl Cell {
    pub fn as_text(&self) -> String {
        match self {
            Cell::Int(i) => i.to_string(),
            Cell::Float(f) => f.to_string(),
            Cell::Str(s) => s.clone(),
            Cell::Null => String::new(),
        }
    }
}
