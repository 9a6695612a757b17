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
    pub accessibility_statement: Option<Spanned<String>>,
    pub raw_html: Option<bool>,
    /// The year or date the plan reports on (content format 1.1).
    pub report_date: Option<Spanned<Cell>>,
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
    pub columns: Option<Spanned<Vec<Text>>>,
    pub rows: Option<Vec<Spanned<RawRow>>>,
    pub groups: Option<Vec<Spanned<RawGroup>>>,
    pub csv: Option<Spanned<String>>,
    pub tolerance: Option<Spanned<Cell>>,
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
    pub total: bool,
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
