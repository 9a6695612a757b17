//! The YAML files exactly as written, before any checking. Unknown keys are
//! refused here so a misspelt key is reported, not silently ignored.

use super::text::Text;
use crate::yaml::Spanned;
use indexmap::IndexMap;
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

// The schemas of site.yaml, municipality.yaml and data.yaml (`planvev
// schema`) are derived from these types: a key's doc comment is the help a
// plan editor sees on hover in the editor, so it is written for them.
// `Spanned<T>` reads as `T`, which `#[schemars(with = …)]` says; a type read
// by hand-written code names the function (in `super::schema`) that
// describes what that code accepts.
use schemars::JsonSchema;

/// site.yaml: settings for the whole site.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "site.yaml (planvev)")]
pub struct RawSite {
    /// The plan's title, shown at the top of every page: one text, or one per language.
    #[schemars(example = serde_json::json!({"nn": "Handlingsplan 2025–2028", "nb": "Handlingsplan 2025–2028"}))]
    pub title: Text,
    /// The languages of the site, as codes; the first is the default. nn (nynorsk) and nb (bokmål) come with planvev.
    #[schemars(with = "Option<Vec<super::schema::LangCode>>", example = ["nn", "nb"])]
    pub languages: Option<Spanned<Vec<String>>>,
    /// Optional: the address the site will have on the web, https:// included. Used only for sitemap.xml and canonical links.
    #[schemars(with = "Option<String>", example = &"https://plan.kommune.no/")]
    pub base_url: Option<Spanned<String>>,
    /// Optional: the years the plan covers, shown beside the site title.
    #[schemars(example = serde_json::json!({"from": 2025, "to": 2028}))]
    pub period: Option<RawPeriod>,
    /// Optional: the name of a folder under themes/ with files that replace the built-in theme's.
    #[schemars(with = "Option<String>", example = &"default")]
    pub theme: Option<Spanned<String>>,
    /// The address of the accessibility statement (tilgjengelegheitserklæring), linked from every page: one address, or one per language (`{ nn: URL, nb: URL }`).
    #[schemars(with = "Option<Text>", example = &"https://uustatus.no/")]
    pub accessibility_statement: Option<Spanned<Text>>,
    /// Optional: `true` lets raw HTML in the Markdown texts through to the pages.
    pub raw_html: Option<bool>,
    /// Optional: the year (2025) or day (2026-03-15) the plan reports on. A goal whose last target's year has passed by then without being met is shown as not achieved.
    #[schemars(with = "Option<Cell>", example = 2025)]
    pub report_date: Option<Spanned<Cell>>,
    /// Optional: what `-`, `..`, `.` and `:` mean in every table. Left out: all of them mean a missing value.
    pub symbols: Option<Symbols>,
    /// Optional: the licence the numbers are published under, named in the
    /// data packages readers download: `NLOD-2.0` (Norsk lisens for offentlige
    /// data) or `CC-BY-4.0`.
    #[schemars(with = "Option<String>", example = &"NLOD-2.0")]
    pub licence: Option<Spanned<String>>,
}

/// The years the plan covers.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPeriod {
    /// The first year of the plan.
    pub from: i32,
    /// The last year of the plan.
    pub to: i32,
}

/// municipality.yaml: facts about one municipality.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "municipality.yaml (planvev)")]
pub struct RawMunicipality {
    /// The municipality's name as it is written.
    #[schemars(example = &"Klepp")]
    pub name: Text,
    /// Optional: the kommunenummer, four digits, in quotes ("0301").
    #[schemars(with = "Option<Cell>", example = &"1120")]
    pub number: Option<Spanned<Cell>>,
    /// The written standard the municipality's own texts use: nn (nynorsk) or nb (bokmål).
    #[schemars(with = "Option<super::schema::LangCode>", example = &"nn")]
    pub language: Option<Spanned<String>>,
    /// Optional: the county (fylke).
    #[schemars(example = &"Rogaland")]
    pub county: Option<Text>,
    /// Optional: the service areas' folder names in the order the plan prints them (otherwise alphabetical).
    #[schemars(with = "Option<Vec<String>>", example = ["sosiale-tenester", "barnevern"])]
    pub order: Option<Spanned<Vec<Spanned<String>>>>,
}

/// data.yaml: one service area's title, tables, goals and time series.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "data.yaml (planvev)")]
pub struct RawArea {
    /// The service area's title: one text, or one per language.
    #[schemars(example = serde_json::json!({"nn": "Sosiale tenester", "nb": "Sosiale tjenester"}))]
    pub title: Text,
    /// Optional: what the service does, in a sentence, shown under the title.
    pub summary: Option<Text>,
    /// The tables, each under its id (a–z, digits and -): the id places it in the text with {{ table ID }} and names its download.
    #[serde(default)]
    #[schemars(with = "IndexMap<String, RawTable>")]
    pub tables: IndexMap<String, Spanned<RawTable>>,
    /// The goals (mål), each with its indicator, targets and results.
    #[serde(default)]
    #[schemars(with = "Vec<RawGoal>")]
    pub goals: Vec<Spanned<RawGoal>>,
    /// Time series, each under its id, drawn as a bar chart with {{ chart ID }}.
    #[serde(default)]
    #[schemars(with = "IndexMap<String, RawSeries>")]
    pub series: IndexMap<String, Spanned<RawSeries>>,
}

/// What kind of table this is.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TableKind {
    /// Key figures (nøkkeltal) compared across columns, such as KOSTRA.
    KeyFigures,
    /// Money by year; rows with `total:` are checked to add up.
    Budget,
    /// Any table, shown as written; text cells are allowed.
    Plain,
}

/// One table: its columns and rows, or a CSV file beside data.yaml.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTable {
    /// key-figures, budget or plain.
    pub kind: TableKind,
    /// The table's title, shown as its caption.
    #[schemars(example = serde_json::json!({"nn": "Nøkkeltal", "nb": "Nøkkeltall"}))]
    pub title: Option<Text>,
    /// Optional: where the numbers come from, shown under the table.
    #[schemars(example = &"KOSTRA 2024")]
    pub source: Option<Text>,
    /// Optional: the unit of every value, shown in the caption.
    #[schemars(example = &"1000 kr")]
    pub unit: Option<Text>,
    /// Optional: a note shown under the table.
    pub notes: Option<Text>,
    /// Optional: the heading of the label column.
    pub row_header: Option<Text>,
    /// The column headings: a text each, or { label: …, unit: …, in_sums: false, computed: … }.
    #[schemars(with = "Option<Vec<RawColumn>>", example = ["R2024", "B2025", "B2026"])]
    pub columns: Option<Spanned<Vec<Spanned<RawColumn>>>>,
    /// The rows, one value per column. Use `rows` or `groups`, not both.
    #[schemars(with = "Option<Vec<RawRow>>")]
    pub rows: Option<Vec<Spanned<RawRow>>>,
    /// Rows in groups, each group with a label. Use `rows` or `groups`, not both.
    #[schemars(with = "Option<Vec<RawGroup>>")]
    pub groups: Option<Vec<Spanned<RawGroup>>>,
    /// Instead of columns and rows: a CSV file in the same folder as data.yaml (first row: the headings).
    #[schemars(with = "Option<String>", example = &"budsjett.csv")]
    pub csv: Option<Spanned<String>>,
    /// Optional: how far a stated sum or computed value may be from planvev's, as the source rounds ("0,1", 1).
    #[schemars(with = "Option<Cell>", example = &"0,1")]
    pub tolerance: Option<Spanned<Cell>>,
    /// Optional: the source's web address, shown with `source`.
    #[schemars(with = "Option<String>", example = &"https://www.ssb.no/kostra")]
    pub source_url: Option<Spanned<String>>,
    /// Optional: the source's date, year-month-day.
    #[schemars(with = "Option<Cell>", example = &"2025-03-15")]
    pub source_date: Option<Spanned<Cell>>,
    /// Optional: what `-`, `..`, `.` and `:` mean in this table (overrides site.yaml's `symbols`).
    pub symbols: Option<Symbols>,
    /// Instead of columns and rows: the values from a sheet of an Excel
    /// (.xlsx) or LibreOffice (.ods) file in the same folder as data.yaml,
    /// so figures from the finance system are never retyped.
    #[schemars(with = "Option<RawSpreadsheet>")]
    pub spreadsheet: Option<Spanned<RawSpreadsheet>>,
    /// Instead of columns and rows: a table saved from Statistics Norway
    /// (SSB) as JSON-stat 2.0, in the same folder as data.yaml (KOSTRA and
    /// other tables).
    #[schemars(with = "Option<RawJsonStat>")]
    pub json_stat: Option<Spanned<RawJsonStat>>,
    /// Optional: footnotes naming their row by its label, for tables whose
    /// rows come from a file (allowed on any table).
    #[serde(default)]
    #[schemars(with = "Vec<RawTableFootnote>")]
    pub footnotes: Vec<Spanned<RawTableFootnote>>,
}

/// `footnotes: [{ row: Helse og velferd, column: B2017, text: … }]` on a
/// table: a footnote on one cell of the row with that label (`column` left
/// out: on the label).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTableFootnote {
    /// The label of the row, as in the file.
    #[schemars(with = "String")]
    pub row: Spanned<String>,
    /// Optional: the heading of the column; left out, the mark is on the row's label.
    #[schemars(with = "Option<String>")]
    pub column: Option<Spanned<String>>,
    /// Optional: the mark as printed (default 1, 2, …).
    pub mark: Option<String>,
    /// The footnote's text, shown under the table.
    pub text: Text,
}

/// `spreadsheet: { file: budsjett.xlsx, sheet: Drift, range: "A3:E12" }`:
/// without `sheet`, the first sheet; without `range`, all its data.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSpreadsheet {
    /// The file's name, in the same folder as data.yaml.
    #[schemars(with = "String", example = &"budsjett.xlsx")]
    pub file: Spanned<String>,
    /// Optional: the sheet's name; left out, the first sheet.
    #[schemars(with = "Option<String>", example = &"Drift")]
    pub sheet: Option<Spanned<String>>,
    /// Optional: the cells, headings included; left out, all the sheet's data.
    #[schemars(with = "Option<String>", example = &"A3:E12")]
    pub range: Option<Spanned<String>>,
}

/// `json_stat: { file: kostra.json, rows: ContentsCode, columns: Region,
/// select: { Tid: ["2023"] } }`: which dimension makes the rows and which
/// the columns (by id), and which categories of any dimension to keep (by
/// code or label, in the order given).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawJsonStat {
    /// The file's name, in the same folder as data.yaml.
    #[schemars(with = "String", example = &"kostra-12362.json")]
    pub file: Spanned<String>,
    /// The id of the dimension whose categories make the rows.
    #[schemars(with = "String", example = &"ContentsCode")]
    pub rows: Spanned<String>,
    /// The id of the dimension whose categories make the columns.
    #[schemars(with = "String", example = &"Region")]
    pub columns: Spanned<String>,
    /// Optional: which categories of a dimension to keep (by code or label, in the order given).
    #[serde(default)]
    #[schemars(with = "IndexMap<String, Vec<Cell>>")]
    pub select: IndexMap<String, Spanned<Vec<Spanned<Cell>>>>,
}

/// What the statistical symbols in a table mean.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, Default, JsonSchema)]
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
#[derive(Debug, Clone, PartialEq, JsonSchema)]
#[schemars(schema_with = "super::schema::column")]
pub struct RawColumn {
    /// The column's heading: one text, or one per language.
    pub label: Text,
    /// Optional: the unit of this column's values, such as "%".
    pub unit: Option<Text>,
    /// `in_sums: false`: total rows do not add this column up.
    pub in_sums: bool,
    /// Optional: the column is computed from two others, and checked.
    pub computed: Option<Computed>,
}

/// A column computed from two others, named by their headings.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
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

/// A group of rows under a heading.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawGroup {
    /// The group's heading.
    pub label: Text,
    /// The rows in the group.
    #[serde(default)]
    #[schemars(with = "Vec<RawRow>")]
    pub rows: Vec<Spanned<RawRow>>,
}

/// One row: a label and one value per column. A row with only a label is a heading inside the table.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRow {
    /// The row's label, in the first column.
    pub label: Option<Text>,
    /// One value per column: numbers, or texts in Norwegian notation ("88 355", "5,4", "5,4 %"); "-" or empty for a missing value. Quote decimals in [ ]: "4,2".
    #[schemars(with = "Option<Vec<Cell>>", example = serde_json::json!([25301, "5,4", "-"]))]
    pub values: Option<Spanned<Vec<Spanned<Cell>>>>,
    /// Optional: the unit of this row's values, shown after the label (or after each value for %).
    pub unit: Option<Text>,
    /// Whether the row is a sum: `true` (the rows above), `below` (the rows after it) or `{ rows: 3 }` (the 3 rows above). Its values are checked.
    #[serde(default)]
    pub total: Total,
    /// Optional: footnotes on cells of this row, their text under the table.
    #[serde(default)]
    #[schemars(with = "Vec<RawFootnote>")]
    pub footnotes: Vec<Spanned<RawFootnote>>,
}

/// Whether a row is a total, and of which rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, JsonSchema)]
#[schemars(schema_with = "super::schema::total")]
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
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFootnote {
    /// The heading of the column whose cell gets the mark; left out, the mark is on the row's label.
    #[schemars(with = "Option<String>", example = &"R2024")]
    pub column: Option<Spanned<String>>,
    /// Optional: the mark as printed, such as "*" (otherwise numbered 1, 2, …).
    pub mark: Option<String>,
    /// The footnote's text, shown under the table.
    pub text: Text,
}

/// Which way is better for a goal's numbers.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Higher numbers are better.
    Higher,
    /// Lower numbers are better.
    Lower,
}

/// One goal (mål): with an indicator, targets and results planvev computes its status; without numbers it may have an `assessment`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawGoal {
    /// Optional: the goal's anchor on the page (a–z, digits and -).
    #[schemars(with = "Option<String>", example = &"unge-sosialhjelp")]
    pub id: Option<Spanned<String>>,
    /// The goal as the plan states it: one text, or one per language.
    pub goal: Text,
    /// Optional: what is measured.
    pub indicator: Option<Text>,
    /// Optional: the unit of the numbers, such as "%".
    #[schemars(example = &"%")]
    pub unit: Option<Text>,
    /// Optional: `higher` or `lower` is better, where the targets do not say.
    #[schemars(with = "Option<Direction>")]
    pub direction: Option<Spanned<Direction>>,
    /// Optional: the result before the plan ("Førre resultat"): { year: 2023, value: "5,4" }.
    #[schemars(with = "Option<RawBaseline>")]
    pub baseline: Option<Spanned<RawBaseline>>,
    /// Targets by year, as numbers or as printed ("minst 30 %", "≤ 14", "3–5 %").
    #[serde(default)]
    #[schemars(with = "BTreeMap<i32, Cell>", example = serde_json::json!({"2025": "4,86", "2028": "4,05"}))]
    pub targets: BTreeMap<i32, Spanned<Cell>>,
    /// Optional: a standing target ("> 85 %"), or one from a year on ({ value: "minst 65 %", from: 2027 }).
    #[schemars(with = "Option<RawTarget>")]
    pub target: Option<Spanned<RawTarget>>,
    /// Results by year.
    #[serde(default)]
    #[schemars(with = "BTreeMap<i32, Cell>", example = serde_json::json!({"2024": "5,2"}))]
    pub results: BTreeMap<i32, Spanned<Cell>>,
    /// Optional: the period a result measures, by the result's year, where it is not the year.
    #[serde(default)]
    #[schemars(with = "BTreeMap<i32, Text>")]
    pub periods: BTreeMap<i32, Spanned<Text>>,
    /// Optional: several indicators under one goal, each with its own targets and results.
    #[schemars(with = "Option<Vec<RawIndicator>>")]
    pub indicators: Option<Spanned<Vec<Spanned<RawIndicator>>>>,
    /// Optional: the status of a goal with no number, as the editor assessed it.
    #[schemars(with = "Option<RawAssessment>")]
    pub assessment: Option<Spanned<RawAssessment>>,
    /// Optional: strategies (tiltak), listed under the goal.
    #[serde(default)]
    pub strategies: Vec<Text>,
    /// Optional: a note shown with the goal.
    pub note: Option<Text>,
}

/// One of several indicators under a goal: the keys a goal with one
/// indicator has at its top.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawIndicator {
    /// What is measured.
    pub indicator: Option<Text>,
    /// Optional: the unit of the numbers, such as "%".
    pub unit: Option<Text>,
    /// Optional: `higher` or `lower` is better, where the targets do not say.
    #[schemars(with = "Option<Direction>")]
    pub direction: Option<Spanned<Direction>>,
    /// Optional: the result before the plan: { year: 2023, value: "5,4" }.
    #[schemars(with = "Option<RawBaseline>")]
    pub baseline: Option<Spanned<RawBaseline>>,
    /// Targets by year.
    #[serde(default)]
    #[schemars(with = "BTreeMap<i32, Cell>")]
    pub targets: BTreeMap<i32, Spanned<Cell>>,
    /// Optional: a standing target, or one from a year on.
    #[schemars(with = "Option<RawTarget>")]
    pub target: Option<Spanned<RawTarget>>,
    /// Results by year.
    #[serde(default)]
    #[schemars(with = "BTreeMap<i32, Cell>")]
    pub results: BTreeMap<i32, Spanned<Cell>>,
    /// Optional: the period a result measures, by the result's year.
    #[serde(default)]
    #[schemars(with = "BTreeMap<i32, Text>")]
    pub periods: BTreeMap<i32, Spanned<Text>>,
}

/// The result before the plan.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawBaseline {
    /// Optional: the year the value was measured.
    pub year: Option<i32>,
    /// The value, a number or a text such as "5,4".
    #[schemars(with = "Cell")]
    pub value: Spanned<Cell>,
}

/// `target: "> 85 %"` (standing) or `target: { value: "minst 85 %", from: 2021 }`.
#[derive(Debug, JsonSchema)]
#[schemars(schema_with = "super::schema::target")]
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
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AssessedStatus {
    /// Nådd / oppnådd.
    Achieved,
    /// På veg / på vei.
    OnTrack,
    /// Etter plan.
    Behind,
    /// Ikkje nådd / ikke nådd.
    NotAchieved,
}

/// The editor's assessment of a goal with no number.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAssessment {
    /// achieved, on-track, behind or not-achieved.
    #[schemars(with = "AssessedStatus")]
    pub status: Spanned<AssessedStatus>,
    /// The day of the assessment, year-month-day.
    #[schemars(with = "Cell", example = &"2026-03-15")]
    pub date: Spanned<Cell>,
    /// The written assessment.
    pub text: Text,
}

/// A time series, drawn as a bar chart.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSeries {
    /// The chart's title.
    pub title: Option<Text>,
    /// Optional: the unit of the values.
    pub unit: Option<Text>,
    /// The values by year.
    #[schemars(with = "BTreeMap<i32, Cell>", example = serde_json::json!({"2021": 1255, "2022": 1358}))]
    pub points: BTreeMap<i32, Spanned<Cell>>,
    /// Optional: where the numbers come from.
    pub source: Option<Text>,
    /// Optional: a note shown with the chart.
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
#[derive(Debug, Clone, PartialEq, JsonSchema)]
#[schemars(
    schema_with = "super::schema::cell",
    description = "A number, or a text in Norwegian notation such as \"88 355\", \"5,4\" or \"5,4 %\"; \"-\" or empty for a missing value."
)]
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
