//! One service area: data.yaml and its Markdown, from raw YAML to the
//! checked model. Sums are verified and goal statuses computed here.

use super::load::{check_slug, is_ignored, list_dir, name_of, read_doc, read_text, split_md_name};
use super::model::{Area, Cell, Narrative, Row, Series, Table};
use super::raw::{self, RawArea, RawRow, RawSeries, RawTable, TableKind};
use super::slug;
use super::text::{Lang, Text};
use crate::diag::{Diagnostic, Diagnostics};
use crate::format::{number, Decimal, Number};
use crate::yaml::{self, Spanned};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub fn load_area(dir: &Path, languages: &[Lang], diags: &mut Diagnostics) -> Option<Area> {
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
        Err(d) if d.message == super::load::MISSING => {
            diags.push(d.hint("every service area folder needs data.yaml with at least `title:`"));
            None
        }
        Err(d) => {
            diags.push(d);
            None
        }
    };
    let entries = list_dir(dir, diags);
    let (narrative, sections, files) = read_area_markdown(&entries, languages, diags);
    let raw = raw?;
    let ctx = Ctx {
        file: &data_file,
        dir,
        source: &source,
    };
    let mut tables = Vec::new();
    for (id, t) in &raw.tables {
        check_id(&ctx, id, "table", yaml::place(t), diags);
        if let Some(table) = convert_table(&ctx, id, t, diags) {
            tables.push(table);
        }
    }
    let goals = super::goal::convert::convert_goals(&ctx, &raw.goals, diags);
    let series = raw
        .series
        .iter()
        .filter_map(|(id, s)| convert_series(&ctx, id, s, diags))
        .collect();
    Some(Area {
        slug,
        dir: dir.to_path_buf(),
        data_file: data_file.clone(),
        title: raw.title,
        summary: raw.summary,
        tables,
        goals,
        series,
        narrative,
        sections,
        files,
    })
}

pub(super) struct Ctx<'a> {
    pub(super) file: &'a Path,
    dir: &'a Path,
    /// data.yaml as written, for the checks that need the spelling.
    source: &'a str,
}

pub(super) fn check_id(ctx: &Ctx, id: &str, what: &str, place: Option<(u32, u32)>, diags: &mut Diagnostics) {
    if !slug::is_valid(id) {
        diags.push(
            Diagnostic::error(
                ctx.file,
                format!("the {what} id «{id}» cannot be part of a web address"),
            )
            .at_opt(place.map(|(l, _)| (l.saturating_sub(1).max(1), 1)))
            .hint(format!("rename it to «{}»", slug::propose(id))),
        );
    }
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
            let yaml = name.ends_with(".yaml") || name.ends_with(".yml");
            if yaml && name != "data.yaml" {
                diags.push(Diagnostic::warning(p, "planvev does not read this YAML file").hint(
                    "an area's data belongs in data.yaml; start the name with `_` to keep the file here on purpose",
                ));
            } else if !name.ends_with(".csv") && !yaml && !is_ignored(p) {
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
                Diagnostic::error(p, format!("the section name «{stem}» cannot be used as an id"))
                    .hint(format!("rename the file to {}.{lang}.md", slug::propose(stem))),
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

/// A scalar as a table cell. Text is allowed only where `allow_text`.
/// A scalar as a table cell; where text is not allowed, the reason it is
/// not a number. One rule for YAML values and CSV fields alike.
fn parse_cell(v: &raw::Cell, allow_text: bool) -> Result<Cell, number::NumberError> {
    let parsed = match v {
        raw::Cell::Null => return Ok(Cell::Missing),
        raw::Cell::Int(i) => Ok(Number {
            value: Decimal::from_int(*i),
            percent: false,
        }),
        raw::Cell::Float(f) => number::from_f64_text(*f),
        raw::Cell::Str(s) if number::is_missing(s) => return Ok(Cell::Missing),
        raw::Cell::Str(s) => number::parse(s),
    };
    match parsed {
        Ok(n) => Ok(Cell::Num(n)),
        Err(_) if allow_text => Ok(Cell::Text(v.as_text())),
        Err(e) => Err(e),
    }
}

const NUMBER_HINT: &str =
    "write numbers in Norwegian notation: \"88 355\", \"5,4\", \"5,4 %\", \"-2,5\"; `-` for a missing value";

/// A scalar from data.yaml as a table cell, reporting it with its place.
fn to_cell(ctx: &Ctx, v: &Spanned<raw::Cell>, allow_text: bool, diags: &mut Diagnostics) -> Option<Cell> {
    parse_cell(&v.value, allow_text)
        .map_err(|e| {
            diags.push(
                Diagnostic::error(ctx.file, e.message)
                    .at_opt(yaml::place(v))
                    .hint(NUMBER_HINT),
            )
        })
        .ok()
}

pub(super) fn to_number(
    ctx: &Ctx,
    v: &Spanned<raw::Cell>,
    what: &str,
    diags: &mut Diagnostics,
) -> Option<Option<Number>> {
    match to_cell(ctx, v, false, diags)? {
        Cell::Num(n) => Some(Some(n)),
        Cell::Missing => Some(None),
        Cell::Text(_) => {
            diags.push(Diagnostic::error(ctx.file, format!("the {what} must be a number")).at_opt(yaml::place(v)));
            None
        }
    }
}

fn convert_table(ctx: &Ctx, id: &str, t: &Spanned<RawTable>, diags: &mut Diagnostics) -> Option<Table> {
    let raw = &t.value;
    let errors_before = diags.errors().count();
    let (columns, rows, row_header) = match (&raw.csv, &raw.rows, &raw.groups) {
        (Some(csv), None, None) => read_csv_table(ctx, id, csv, raw, diags)?,
        (None, rows, groups) => {
            if rows.is_some() && groups.is_some() {
                diags.push(
                    Diagnostic::error(ctx.file, format!("table «{id}» has both `rows` and `groups`"))
                        .at_opt(yaml::place(t))
                        .hint("put every row inside a group, or use `rows` without groups"),
                );
                return None;
            }
            let columns = match &raw.columns {
                Some(c) => c.value.clone(),
                None => {
                    diags.push(
                        Diagnostic::error(ctx.file, format!("table «{id}» has no `columns`"))
                            .at_opt(yaml::place(t))
                            .hint("list the column headings, e.g. `columns: [R2015, B2016, B2017]`, or name a CSV file with `csv:`"),
                    );
                    return None;
                }
            };
            let rows = inline_rows(ctx, id, raw, &columns, rows.as_deref(), groups.as_deref(), diags);
            (columns, rows, raw.row_header.clone())
        }
        (Some(csv), _, _) => {
            diags.push(
                Diagnostic::error(ctx.file, format!("table «{id}» has both `csv` and inline rows"))
                    .at_opt(yaml::place(csv))
                    .hint("keep either the CSV file or the rows written here"),
            );
            return None;
        }
    };
    let tolerance = raw
        .tolerance
        .as_ref()
        .and_then(|v| to_number(ctx, v, "tolerance", diags).flatten());
    let mut rows = rows;
    verify_totals(ctx, id, &columns, &mut rows, tolerance.map(|n| n.value), diags);
    let table = Table {
        id: id.to_string(),
        kind: raw.kind,
        title: raw.title.clone(),
        source: raw.source.clone(),
        unit: raw.unit.clone(),
        notes: raw.notes.clone(),
        row_header,
        columns,
        rows: rows.into_iter().map(|(r, _)| r).collect(),
    };
    (diags.errors().count() == errors_before).then_some(table)
}

fn inline_rows(
    ctx: &Ctx,
    id: &str,
    raw: &RawTable,
    columns: &[Text],
    rows: Option<&[Spanned<RawRow>]>,
    groups: Option<&[Spanned<raw::RawGroup>]>,
    diags: &mut Diagnostics,
) -> Vec<(Row, Vec<Option<(u32, u32)>>)> {
    let allow_text = raw.kind == TableKind::Plain;
    let mut out = Vec::new();
    let mut add = |r: &Spanned<RawRow>, out: &mut Vec<_>| {
        if let Some(row) = convert_row(ctx, id, r, columns, allow_text, diags) {
            out.push(row);
        }
    };
    if let Some(groups) = groups {
        for g in groups {
            out.push((Row::Heading(g.value.label.clone()), vec![]));
            for r in &g.value.rows {
                add(r, &mut out);
            }
        }
    }
    for r in rows.unwrap_or_default() {
        add(r, &mut out);
    }
    out
}

fn convert_row(
    ctx: &Ctx,
    id: &str,
    r: &Spanned<RawRow>,
    columns: &[Text],
    allow_text: bool,
    diags: &mut Diagnostics,
) -> Option<(Row, Vec<Option<(u32, u32)>>)> {
    let raw = &r.value;
    let Some(values) = &raw.values else {
        return match &raw.label {
            Some(l) => Some((Row::Heading(l.clone()), vec![])),
            None => {
                diags.push(
                    Diagnostic::error(
                        ctx.file,
                        format!("a row in table «{id}» has neither `label` nor `values`"),
                    )
                    .at_opt(yaml::place(r)),
                );
                None
            }
        };
    };
    let label = raw.label.clone().unwrap_or(Text::Plain(String::new()));
    if values.value.len() != columns.len() {
        let names: Vec<String> = columns.iter().map(|c| c.plain("", &[])).collect();
        diags.push(
            Diagnostic::error(
                ctx.file,
                format!(
                    "the row «{}» in table «{id}» has {} values, but the table has {} columns",
                    label.plain("", &[]),
                    values.value.len(),
                    columns.len()
                ),
            )
            .at_opt(yaml::place(values))
            .hint(format!(
                "give one value per column ({}); write \"-\" where a value is missing",
                names.join(", ")
            )),
        );
        return None;
    }
    warn_split_decimals(ctx, &values.value, diags);
    let mut cells = Vec::new();
    let mut places = Vec::new();
    for v in &values.value {
        cells.push(to_cell(ctx, v, allow_text, diags).unwrap_or(Cell::Missing));
        places.push(yaml::place(v));
    }
    Some((
        Row::Data {
            label,
            unit: raw.unit.clone(),
            cells,
            total: raw.total,
        },
        places,
    ))
}

/// In a list written `[2,2, 3]` YAML reads `2,2` as two numbers, 2 and 2:
/// a Norwegian decimal silently split. The spelling is the only clue, so
/// an unquoted number directly followed by `,` and one or two digits is
/// reported (a warning, since `[110,0,0]` is written so on purpose too).
fn warn_split_decimals(ctx: &Ctx, values: &[Spanned<raw::Cell>], diags: &mut Diagnostics) {
    for v in values {
        let (raw::Cell::Int(n), Some((line, col))) = (&v.value, yaml::place(v)) else {
            continue;
        };
        let Some(text) = ctx.source.lines().nth(line as usize - 1) else {
            continue;
        };
        let after: String = text
            .chars()
            .skip(col as usize - 1 + n.to_string().len())
            .take(4)
            .collect();
        let mut chars = after.chars();
        if chars.next() != Some(',') {
            continue;
        }
        let digits: String = chars.take_while(|c| c.is_ascii_digit()).collect();
        if (1..=2).contains(&digits.len()) {
            diags.push(
                Diagnostic::warning(ctx.file, format!("«{n},{digits}» is read as two numbers, {n} and {digits}"))
                    .at(line, col)
                    .hint(format!(
                        "in a list, write a decimal number in quotes: \"{n},{digits}\"; put a space after the comma if two numbers were meant"
                    )),
            );
        }
    }
}

/// Fills and checks running totals: a total row is the sum of every plain
/// row above it in the table.
fn verify_totals(
    ctx: &Ctx,
    id: &str,
    columns: &[Text],
    rows: &mut [(Row, Vec<Option<(u32, u32)>>)],
    tolerance: Option<Decimal>,
    diags: &mut Diagnostics,
) {
    let columns: Vec<String> = columns.iter().map(|c| c.plain("", &[])).collect();
    let mut sums: Vec<Option<Decimal>> = vec![None; columns.len()];
    for (row, places) in rows.iter_mut() {
        let Row::Data {
            label, cells, total, ..
        } = row
        else {
            continue;
        };
        if !*total {
            for (j, c) in cells.iter().enumerate() {
                if let (Cell::Num(n), Some(slot)) = (c, sums.get_mut(j)) {
                    *slot = Some(
                        slot.map_or(Some(n.value), |s| s.checked_add(n.value))
                            .unwrap_or(n.value),
                    );
                }
            }
            continue;
        }
        for (j, c) in cells.iter_mut().enumerate() {
            let Some(computed) = sums.get(j).copied().flatten() else {
                continue;
            };
            let stated = match c {
                Cell::Num(n) => n.value,
                _ => {
                    // No stated sum: show the computed one.
                    *c = Cell::Num(Number {
                        value: computed,
                        percent: false,
                    });
                    continue;
                }
            };
            let diff = stated.abs_diff(computed);
            if diff.units == 0 {
                continue;
            }
            let place = places.get(j).copied().flatten();
            let label = label.plain("", &[]);
            let col = columns.get(j).cloned().unwrap_or_default();
            let stated_t = Number {
                value: stated,
                percent: false,
            }
            .to_csv_text();
            let computed_t = Number {
                value: computed,
                percent: false,
            }
            .to_csv_text();
            if tolerance.is_some_and(|tol| diff <= tol) {
                diags.push(
                    Diagnostic::warning(ctx.file, format!(
                        "the sum in row «{label}», column «{col}» of table «{id}» is {stated_t}, but the rows above add up to {computed_t}; accepted through `tolerance`"
                    ))
                    .at_opt(place)
                    .hint("the stated sum is shown; check that the difference is only rounding in the source"),
                );
            } else {
                diags.push(
                    Diagnostic::error(ctx.file, format!(
                        "the sum in row «{label}», column «{col}» of table «{id}» is {stated_t}, but the rows above add up to {computed_t}"
                    ))
                    .at_opt(place)
                    .hint(format!(
                        "correct the sum or the rows above it; if the source rounds its sums, add `tolerance: {}` to the table",
                        Number { value: diff, percent: false }.to_csv_text()
                    )),
                );
            }
        }
    }
}

/// Reads a CSV table source (`;` or `,` separated; first row the header).
fn read_csv_table(
    ctx: &Ctx,
    id: &str,
    csv_name: &Spanned<String>,
    raw: &RawTable,
    diags: &mut Diagnostics,
) -> Option<(Vec<Text>, Vec<(Row, Vec<Option<(u32, u32)>>)>, Option<Text>)> {
    let name = &csv_name.value;
    if name.contains('/') || name.contains('\\') || name.starts_with('.') {
        diags.push(
            Diagnostic::error(
                ctx.file,
                format!("«{name}» must be a file in the same folder as data.yaml"),
            )
            .at_opt(yaml::place(csv_name))
            .hint("move the CSV file next to data.yaml and give only its name"),
        );
        return None;
    }
    let path = ctx.dir.join(name);
    let text = match read_text(&path) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            diags.push(
                Diagnostic::error(
                    ctx.file,
                    format!("table «{id}» names the CSV file «{name}», which could not be read"),
                )
                .at_opt(yaml::place(csv_name)),
            );
            return None;
        }
    };
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.matches(';').count() >= first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    for rec in reader.records() {
        match rec {
            Ok(r) => records.push(r),
            Err(e) => {
                let line = e.position().map(|p| p.line() as u32).unwrap_or(0);
                let what = match e.kind() {
                    csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
                        format!("this row has {len} fields, but the first row has {expected_len}")
                    }
                    _ => e.to_string(),
                };
                diags.push(
                    Diagnostic::error(&path, what)
                        .at(line, 1)
                        .hint("every row needs as many fields as the header row; leave a field empty or write - where a value is missing"),
                );
                return None;
            }
        }
    }
    let Some(header) = records.first() else {
        diags.push(Diagnostic::error(&path, "the CSV file is empty").hint("the first row holds the column headings"));
        return None;
    };
    let row_header = header
        .get(0)
        .filter(|s| !s.is_empty())
        .map(|s| Text::Plain(s.to_string()));
    let columns: Vec<Text> = header.iter().skip(1).map(|s| Text::Plain(s.to_string())).collect();
    let allow_text = raw.kind == TableKind::Plain;
    let mut rows = Vec::new();
    for (i, rec) in records.iter().enumerate().skip(1) {
        let label = Text::Plain(rec.get(0).unwrap_or("").to_string());
        let values: Vec<&str> = rec.iter().skip(1).collect();
        if values.iter().all(|v| v.trim().is_empty()) {
            rows.push((Row::Heading(label), vec![]));
            continue;
        }
        let mut cells = Vec::new();
        for v in &values {
            match parse_cell(&raw::Cell::Str(v.to_string()), allow_text) {
                Ok(c) => cells.push(c),
                Err(e) => {
                    diags.push(
                        Diagnostic::error(&path, e.message)
                            .at(i as u32 + 1, 1)
                            .hint(NUMBER_HINT),
                    );
                    cells.push(Cell::Missing);
                }
            }
        }
        let total = label.plain("", &[]).trim().eq_ignore_ascii_case("sum");
        rows.push((
            Row::Data {
                label,
                unit: None,
                cells,
                total,
            },
            vec![None; values.len()],
        ));
    }
    Some((columns, rows, raw.row_header.clone().or(row_header)))
}

/// Years in a plan lie between 1900 and 2200. Anything else is most often
/// the decimals of a number in `{ 2017: 4,86 }`, which YAML splits at the
/// comma into `2017: 4` and a "year" 86 with no value.
pub(super) fn check_year(ctx: &Ctx, year: i32, v: &Spanned<raw::Cell>, diags: &mut Diagnostics) -> bool {
    if (1900..=2200).contains(&year) {
        return true;
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
            Some((*y, to_cell(ctx, v, false, diags).unwrap_or(Cell::Missing)))
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
