//! One service area: data.yaml and its Markdown, from raw YAML to the
//! checked model. Sums are verified and goal statuses computed here.

use super::cells::{self, parse_cell, CellRule, Splits, NUMBER_HINT};
use super::load::{check_slug, has_ext, is_ignored, list_dir, name_of, read_doc, read_text, split_md_name};
use super::model::{Area, Cell, Narrative, Series};
use super::raw::{self, RawArea, RawSeries, Symbols};
use super::slug;
use super::table;
use super::text::Lang;
use crate::diag::{Diagnostic, Diagnostics};
use crate::format::Number;
use crate::yaml::{self, Spanned};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What every area of a site shares when it is read.
#[derive(Debug, Clone, Copy, Default)]
pub struct AreaSettings {
    /// site.yaml `symbols:` (format 1.1).
    pub symbols: Symbols,
    /// site.yaml `report_date:` (format 1.1): goal statuses are as of it.
    pub report_date: Option<super::goal::PlanDate>,
    /// The last year of site.yaml `period:`, when standing targets end.
    pub plan_end: Option<i32>,
}

pub fn load_area(dir: &Path, languages: &[Lang], settings: AreaSettings, diags: &mut Diagnostics) -> Option<Area> {
    let slug = name_of(dir).to_string();
    check_slug(dir, &slug, "service area folder", diags);
    let data_file = dir.join("data.yaml");
    let mut source = String::new();
    let raw: Option<RawArea> = match read_text(&data_file) {
        Ok(text) => {
            let parsed = yaml::parse(&text, &data_file, 0).map_err(|d| diags.push(d)).ok();
            source = text;
            parsed
        }
        Err(d) if d.kind == crate::diag::Kind::FileMissing => {
            diags.push(d.hint("every service area folder needs data.yaml with at least `title:`"));
            None
        }
        Err(d) => {
            diags.push(d);
            None
        }
    };
    let entries = list_dir(dir, diags);
    let (narrative, sections, mut files) = read_area_markdown(&entries, languages, diags);
    let raw = raw?;
    // A workbook or JSON-stat file a table reads is its source, not a file
    // to publish (its name could be a download's, such as budsjett.xlsx).
    let sources: Vec<&str> = raw
        .tables
        .values()
        .flat_map(|t| super::source::files_named(&t.value))
        .collect();
    files.retain(|f| !sources.contains(&name_of(f)));
    let ctx = Ctx {
        file: &data_file,
        dir,
        splits: Splits::scan(&source),
        symbols: settings.symbols,
        ids: raw.tables.keys().chain(raw.series.keys()).cloned().collect(),
    };
    let mut tables = Vec::new();
    let mut failed_tables = Vec::new();
    for (id, t) in &raw.tables {
        check_id(&ctx, id, "table", yaml::place(t), diags);
        match table::convert_table(&ctx, id, t, diags) {
            Some(table) => tables.push(table),
            None => failed_tables.push(id.clone()),
        }
    }
    let mut goals = super::goal::convert::convert_goals(&ctx, &raw.goals, diags);
    super::goal::settle(&mut goals, settings.report_date, settings.plan_end);
    let series = raw
        .series
        .iter()
        .filter_map(|(id, s)| convert_series(&ctx, id, s, diags))
        .collect();
    check_download_names(&ctx, &raw, diags);
    Some(Area {
        slug,
        dir: dir.to_path_buf(),
        data_file: data_file.clone(),
        title: raw.title,
        summary: raw.summary,
        tables,
        failed_tables,
        goals,
        series,
        narrative,
        sections,
        files,
    })
}

pub(super) struct Ctx<'a> {
    pub(super) file: &'a Path,
    pub(super) dir: &'a Path,
    /// Where YAML split a Norwegian decimal in data.yaml (found once).
    pub(super) splits: Splits,
    /// What the statistical symbols mean, unless a table says otherwise.
    pub(super) symbols: Symbols,
    /// The table and series ids of the area, so a proposed id is a new one.
    pub(super) ids: Vec<String>,
}

/// A table and a series with the same id would both be published as
/// `<id>.csv`, one replacing the other.
fn check_download_names(ctx: &Ctx, raw: &RawArea, diags: &mut Diagnostics) {
    for (id, s) in &raw.series {
        if raw.tables.contains_key(id) {
            diags.push(
                Diagnostic::error(
                    ctx.file,
                    format!(
                        "the series «{id}» has the same id as the table «{id}»; both would be published as {id}.csv"
                    ),
                )
                .at_opt(yaml::place(s).map(|(l, _)| (l.saturating_sub(1).max(1), 1)))
                .hint(format!("give the series its own id, such as «{id}-utvikling»")),
            );
        }
    }
}

pub(super) fn check_id(ctx: &Ctx, id: &str, what: &str, place: Option<(u32, u32)>, diags: &mut Diagnostics) {
    if !slug::is_valid(id) {
        diags.push(
            Diagnostic::error(
                ctx.file,
                format!("the {what} id «{id}» cannot be part of a web address"),
            )
            .at_opt(place.map(|(l, _)| (l.saturating_sub(1).max(1), 1)))
            .hint(format!("rename it to «{}»", slug::propose_among(id, &ctx.ids))),
        );
    }
}

/// The names of the section files among `entries` (`mal` for mal.nn.md).
fn section_names(entries: &[PathBuf]) -> Vec<String> {
    let mut names: Vec<String> = entries
        .iter()
        .filter_map(|p| split_md_name(name_of(p)).map(|(stem, _)| stem.to_string()))
        .collect();
    names.dedup();
    names
}

/// index.LANG.md and section files `<id>.LANG.md` of an area, and the other
/// files in it (images, PDFs) that are published beside its page.
fn read_area_markdown(
    entries: &[PathBuf],
    languages: &[Lang],
    diags: &mut Diagnostics,
) -> (Narrative, BTreeMap<String, Narrative>, Vec<PathBuf>) {
    let mut narrative = Narrative::default();
    let mut sections: BTreeMap<String, Narrative> = BTreeMap::new();
    let mut files = Vec::new();
    for p in entries.iter().filter(|p| p.is_file()) {
        let name = name_of(p);
        let Some((stem, lang)) = split_md_name(name) else {
            let yaml = has_ext(name, "yaml") || has_ext(name, "yml");
            if yaml && name != "data.yaml" {
                diags.push(Diagnostic::warning(p, "planvev does not read this YAML file").hint(
                    "an area's data belongs in data.yaml; start the name with `_` to keep the file here on purpose",
                ));
            } else if !has_ext(name, "csv") && !yaml && !is_ignored(p) {
                // content/<municipality>/<area>/<file>
                let root = p.ancestors().nth(3).unwrap_or(Path::new("."));
                if super::load::stays_inside(root, p, diags) {
                    files.push(p.clone());
                }
            }
            continue;
        };
        if !languages.iter().any(|l| l == lang) {
            let hint = format!(
                "use one of the site's languages in the file name ({}), or add `{lang}` to `languages` in site.yaml",
                languages.join(", ")
            );
            diags.push(Diagnostic::error(p, format!("`{lang}` is not one of the site's languages")).hint(hint));
            continue;
        }
        let Some(doc) = read_doc(p, diags) else {
            continue;
        };
        if stem == "index" {
            narrative.by_lang.insert(lang.to_string(), doc);
        } else if slug::is_valid(stem) {
            sections
                .entry(stem.to_string())
                .or_default()
                .by_lang
                .insert(lang.to_string(), doc);
        } else {
            diags.push(
                Diagnostic::error(p, format!("the section name «{stem}» cannot be used as an id")).hint(format!(
                    "rename the file to {}.{lang}.md",
                    slug::propose_among(stem, &section_names(entries))
                )),
            );
        }
    }
    (narrative, sections, files)
}

pub fn municipality_number(n: &Spanned<raw::Cell>, file: &Path, diags: &mut Diagnostics) -> Option<String> {
    let text = n.value.as_text();
    if text.len() == 4 && text.chars().all(|c| c.is_ascii_digit()) {
        return Some(text);
    }
    let hint = if matches!(n.value, raw::Cell::Int(_)) && text.len() < 4 {
        format!("write the number in quotes so the leading zero stays: number: \"{text:0>4}\"")
    } else {
        "a kommunenummer has four digits, written in quotes: number: \"1120\"".to_string()
    };
    diags.push(
        Diagnostic::error(file, format!("«{text}» is not a kommunenummer"))
            .at_opt(yaml::place(n))
            .hint(hint),
    );
    None
}

/// A scalar from data.yaml as a table cell, reporting it with its place.
/// An unquoted number that YAML split at a decimal comma (`[4,2]`) is an
/// error: the page would show two numbers where the editor meant one.
pub(super) fn to_cell(ctx: &Ctx, v: &Spanned<raw::Cell>, rule: CellRule, diags: &mut Diagnostics) -> Option<Cell> {
    if split_reported(ctx, &v.value, yaml::place(v), diags) {
        return None;
    }
    parse_cell(&v.value, rule)
        .map_err(|mut e| {
            // A float lost its spelling (`2.500` reads as 2.5): name it as written.
            let written = yaml::place(v).and_then(|p| ctx.splits.period_at(p));
            if let (raw::Cell::Float(_), Some(w)) = (&v.value, written) {
                e = cells::period_refused_as(w);
            }
            diags.push(
                Diagnostic::error(ctx.file, e.message)
                    .at_opt(yaml::place(v))
                    .hint(NUMBER_HINT),
            )
        })
        .ok()
}

/// Reports an unquoted number that YAML split at a decimal comma (`[4,2]`,
/// `{ 2017: 4,86 }`); true when it did.
pub(super) fn split_reported(ctx: &Ctx, v: &raw::Cell, place: Option<(u32, u32)>, diags: &mut Diagnostics) -> bool {
    let (raw::Cell::Int(_), Some(place)) = (v, place) else {
        return false;
    };
    let Some(parts) = ctx.splits.at(place) else {
        return false;
    };
    let (message, hint) = cells::split_message(parts);
    diags.push(Diagnostic::error(ctx.file, message).at(place.0, place.1).hint(hint));
    true
}

pub(super) fn to_number(
    ctx: &Ctx,
    v: &Spanned<raw::Cell>,
    what: &str,
    diags: &mut Diagnostics,
) -> Option<Option<Number>> {
    match to_cell(ctx, v, CellRule::NUMBER, diags)? {
        Cell::Num(n) => Some(Some(n)),
        Cell::Missing => Some(None),
        _ => {
            diags.push(Diagnostic::error(ctx.file, format!("the {what} must be a number")).at_opt(yaml::place(v)));
            None
        }
    }
}

/// Years in a plan lie between 1900 and 2200. Anything else is most often
/// the decimals of a number in `{ 2017: 4,86 }`, which YAML splits at the
/// comma into `2017: 4` and a "year" 86 with no value.
pub(super) fn check_year(ctx: &Ctx, year: i32, v: &Spanned<raw::Cell>, diags: &mut Diagnostics) -> bool {
    if (1900..=2200).contains(&year) {
        return true;
    }
    let remnant = matches!(v.value, raw::Cell::Null)
        && yaml::place(v).is_some_and(|(line, _)| ctx.splits.is_remnant(line, &year.to_string()));
    if remnant {
        // Already reported where YAML split the number (one mistake, one message).
        return false;
    }
    diags.push(
        Diagnostic::error(ctx.file, format!("«{year}» is not a year"))
            .at_opt(yaml::place(v))
            .hint(format!(
                "if {year} is the decimals of the number before it, YAML split that number at the comma: write it in quotes, such as \"4,86\""
            )),
    );
    false
}

fn convert_series(ctx: &Ctx, id: &str, s: &Spanned<RawSeries>, diags: &mut Diagnostics) -> Option<Series> {
    check_id(ctx, id, "series", yaml::place(s), diags);
    let raw = &s.value;
    let points = raw
        .points
        .iter()
        .filter_map(|(y, v)| {
            check_year(ctx, *y, v, diags).then_some(())?;
            Some((*y, to_cell(ctx, v, CellRule::NUMBER, diags).unwrap_or(Cell::Missing)))
        })
        .collect();
    Some(Series {
        id: id.to_string(),
        title: raw.title.clone(),
        unit: raw.unit.clone(),
        points,
        source: raw.source.clone(),
        notes: raw.notes.clone(),
    })
}
