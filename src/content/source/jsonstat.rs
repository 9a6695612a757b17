//! A table from a JSON-stat 2.0 dataset (json-stat.org), the format
//! Statistics Norway's PxWebApi v2 gives with `outputformat=json-stat2`:
//! KOSTRA figures and any other SSB table, saved beside data.yaml. The
//! editor names the dimension that makes the rows and the one that makes
//! the columns, and picks categories with `select`; every other dimension
//! must come down to one category. SSB's labels are kept as in the file,
//! missing values stay missing, and status symbols (`..`, `:`, `.`) are
//! shown with SSB's meanings. The build never goes to the network.

use super::{Grid, GridCell, GridRow};
use crate::content::convert::Ctx;
use crate::content::load::read_text;
use crate::content::raw::{self, RawJsonStat, Symbols};
use crate::content::text::Text;
use crate::diag::{Diagnostic, Diagnostics};
use crate::yaml::{self, Spanned};
use serde_json::Value;
use std::path::Path;

/// What the table asks of the file, with data.yaml's places for messages.
pub(super) struct Request<'a> {
    pub ctx: &'a Ctx<'a>,
    pub raw: &'a Spanned<RawJsonStat>,
}

/// One dimension: its id, label and categories (code, label) in order.
struct Dim {
    id: String,
    label: String,
    cats: Vec<(String, String)>,
    /// Decimals and unit by category code (the metric dimension has them).
    units: serde_json::Map<String, Value>,
}

/// The dataset once its shape is checked.
struct Dataset {
    dims: Vec<Dim>,
    values: Values,
    status: Status,
}

enum Values {
    Dense(Vec<Value>),
    Sparse(serde_json::Map<String, Value>),
}

enum Status {
    None,
    One(String),
    Dense(Vec<Value>),
    Sparse(serde_json::Map<String, Value>),
}

/// Reads the dataset at `path` into the rows and columns `req` asks for.
pub(super) fn read(path: &Path, req: &Request, diags: &mut Diagnostics) -> Option<Grid> {
    let text = match read_text(path) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let name = crate::content::load::name_of(path);
    let json: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            diags.push(
                Diagnostic::error(path, format!("{name} is not JSON: {e}"))
                    .at(e.line() as u32, e.column() as u32)
                    .hint("save the answer of SSB's API as it came, with outputformat=json-stat2"),
            );
            return None;
        }
    };
    let fail = |message: String, key: &str| {
        Diagnostic::error(path, format!("{name}: {message}"))
            .at(line_of_key(&text, key), 1)
            .hint("download the file again from SSB's API with outputformat=json-stat2 (docs/content-format.md gives the address)")
    };
    let ds = match dataset(&json) {
        Ok(ds) => ds,
        Err((message, key)) => {
            diags.push(fail(message, key));
            return None;
        }
    };
    let pick = choose(&ds, req, diags)?;
    let about = about(&json);
    Some(grid(path, &ds, &pick, about))
}

/// The line of the first `"key":` in the text, for messages (1 if none).
fn line_of_key(text: &str, key: &str) -> u32 {
    let needle = format!("\"{key}\"");
    text.find(&needle)
        .map(|i| text[..i].matches('\n').count() as u32 + 1)
        .unwrap_or(1)
}

type Problem = (String, &'static str);

/// Checks the dataset's shape as the specification gives it.
fn dataset(json: &Value) -> Result<Dataset, Problem> {
    let class = json.get("class").and_then(Value::as_str);
    if class != Some("dataset") {
        return Err((
            "it is not a JSON-stat dataset (`\"class\": \"dataset\"` is missing)".into(),
            "class",
        ));
    }
    let ids: Vec<&str> = json
        .get("id")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .ok_or(("it has no `id` list of dimensions".to_string(), "id"))?;
    let sizes: Vec<usize> = json
        .get("size")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|v| v.as_u64().map(|n| n as usize)).collect())
        .ok_or(("it has no `size` list".to_string(), "size"))?;
    if ids.len() != sizes.len() {
        return Err((
            format!(
                "`id` names {} dimensions, but `size` gives {} sizes",
                ids.len(),
                sizes.len()
            ),
            "size",
        ));
    }
    let mut dims = Vec::new();
    for (id, size) in ids.iter().zip(&sizes) {
        let d = json.get("dimension").and_then(|d| d.get(*id)).ok_or((
            format!("the dimension «{id}» named in `id` is not under `dimension`"),
            "dimension",
        ))?;
        let dim = dimension(id, d)?;
        if dim.cats.len() != *size {
            return Err((
                format!(
                    "the dimension «{id}» has {} categories, but `size` says {size}",
                    dim.cats.len()
                ),
                "size",
            ));
        }
        dims.push(dim);
    }
    let total = sizes
        .iter()
        .try_fold(1usize, |a, s| a.checked_mul(*s))
        .ok_or(("its sizes are too large".to_string(), "size"))?;
    let values = match json.get("value") {
        Some(Value::Array(a)) if a.len() == total => Values::Dense(a.clone()),
        Some(Value::Array(a)) => {
            let product = sizes.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(" × ");
            return Err((
                format!("it has {} values, but its sizes {product} make {total}", a.len()),
                "value",
            ));
        }
        Some(Value::Object(m)) => {
            if let Some(k) = m.keys().find(|k| k.parse::<usize>().map_or(true, |i| i >= total)) {
                return Err((
                    format!("the value at «{k}» lies outside the {total} values its sizes make"),
                    "value",
                ));
            }
            Values::Sparse(m.clone())
        }
        _ => return Err(("it has no `value`".into(), "value")),
    };
    let status = match json.get("status") {
        None | Some(Value::Null) => Status::None,
        Some(Value::String(s)) => Status::One(s.clone()),
        Some(Value::Array(a)) if a.len() == total || a.len() == 1 => Status::Dense(a.clone()),
        Some(Value::Array(a)) => {
            return Err((
                format!("it has {} status symbols, but {total} values", a.len()),
                "status",
            ));
        }
        Some(Value::Object(m)) => Status::Sparse(m.clone()),
        Some(_) => return Err(("its `status` is neither a text, a list nor a map".into(), "status")),
    };
    Ok(Dataset { dims, values, status })
}

fn dimension(id: &str, d: &Value) -> Result<Dim, Problem> {
    let cat = d
        .get("category")
        .ok_or((format!("the dimension «{id}» has no `category`"), "category"))?;
    let labels = cat.get("label").and_then(Value::as_object);
    let label_of = |code: &str| {
        labels
            .and_then(|l| l.get(code))
            .and_then(Value::as_str)
            .unwrap_or(code)
            .to_string()
    };
    let mut codes: Vec<(usize, String)> = match cat.get("index") {
        Some(Value::Array(a)) => a
            .iter()
            .enumerate()
            .map(|(i, c)| (i, c.as_str().unwrap_or_default().to_string()))
            .collect(),
        Some(Value::Object(m)) => m
            .iter()
            .map(|(c, i)| (i.as_u64().map_or(usize::MAX, |n| n as usize), c.clone()))
            .collect(),
        // A dimension of one category may leave out the index.
        _ => labels
            .filter(|l| l.len() == 1)
            .map(|l| l.keys().map(|k| (0, k.clone())).collect())
            .ok_or((
                format!("the dimension «{id}» has no `index` of its categories"),
                "index",
            ))?,
    };
    codes.sort();
    if codes.iter().enumerate().any(|(i, (n, _))| *n != i) {
        return Err((format!("the categories of «{id}» are not numbered 0, 1, 2, …"), "index"));
    }
    Ok(Dim {
        id: id.to_string(),
        label: d.get("label").and_then(Value::as_str).unwrap_or(id).to_string(),
        cats: codes
            .into_iter()
            .map(|(_, c)| (label_of(&c), c))
            .map(|(l, c)| (c, l))
            .collect(),
        units: cat.get("unit").and_then(Value::as_object).cloned().unwrap_or_default(),
    })
}

/// Which category of each dimension: the rows' and columns' lists, one
/// for every other dimension.
struct Pick {
    rows: usize,
    columns: usize,
    chosen: Vec<Vec<usize>>,
}

/// The rows, columns and categories data.yaml asks for. A mistake there is
/// reported at its line of data.yaml, naming the file it asks of.
fn choose(ds: &Dataset, req: &Request, diags: &mut Diagnostics) -> Option<Pick> {
    let (ctx, raw) = (req.ctx, &req.raw.value);
    let file = raw.file.value.as_str();
    let dim_list = || {
        ds.dims
            .iter()
            .map(|d| format!("{} ({}, {} categories)", d.id, d.label, d.cats.len()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let find = |name: &Spanned<String>, what: &str, diags: &mut Diagnostics| {
        let found = ds.dims.iter().position(|d| d.id == name.value);
        if found.is_none() {
            let ids: Vec<&str> = ds.dims.iter().map(|d| d.id.as_str()).collect();
            let near = yaml::nearest(&name.value, &ids)
                .map(|n| format!("did you mean «{n}»? "))
                .unwrap_or_default();
            diags.push(
                Diagnostic::error(
                    ctx.file,
                    format!("{file} has no dimension «{}» for the {what}", name.value),
                )
                .at_opt(yaml::place(name))
                .hint(format!("{near}name a dimension by its id: {}", dim_list())),
            );
        }
        found
    };
    let rows = find(&raw.rows, "rows", diags);
    let columns = find(&raw.columns, "columns", diags);
    let (rows, columns) = (rows?, columns?);
    if rows == columns {
        diags.push(
            Diagnostic::error(
                ctx.file,
                format!("{file}: `rows` and `columns` name the same dimension"),
            )
            .at_opt(yaml::place(&raw.columns))
            .hint(format!("name two dimensions: {}", dim_list())),
        );
        return None;
    }
    let errors = diags.errors().count();
    for key in raw.select.keys().filter(|k| !ds.dims.iter().any(|d| d.id == **k)) {
        diags.push(
            Diagnostic::error(
                ctx.file,
                format!("`select` names «{key}», which is no dimension of {file}"),
            )
            .at_opt(yaml::place(&raw.select[key]))
            .hint(format!("name a dimension by its id: {}", dim_list())),
        );
    }
    let mut chosen = Vec::new();
    for (i, d) in ds.dims.iter().enumerate() {
        let list = match raw.select.get(&d.id) {
            Some(sel) => select(req, d, sel, diags),
            None => (0..d.cats.len()).collect(),
        };
        if i != rows && i != columns && list.len() != 1 {
            let first = d.cats.first().map_or("", |c| c.0.as_str());
            diags.push(
                Diagnostic::error(
                    ctx.file,
                    format!(
                        "{file}: the dimension «{}» ({}) has {} categories here; the table can show one",
                        d.id,
                        d.label,
                        list.len()
                    ),
                )
                .at_opt(yaml::place(req.raw))
                .hint(format!(
                    "choose one with `select: {{ {}: [\"{first}\"] }}`, or make it the rows or the columns",
                    d.id
                )),
            );
        }
        chosen.push(list);
    }
    (diags.errors().count() == errors).then_some(Pick { rows, columns, chosen })
}

/// The categories named in `select`, by code or label, in the order given.
fn select(req: &Request, d: &Dim, sel: &Spanned<Vec<Spanned<raw::Cell>>>, diags: &mut Diagnostics) -> Vec<usize> {
    let file = &req.raw.value.file.value;
    let mut out = Vec::new();
    for s in &sel.value {
        let want = s.value.as_text();
        match d.cats.iter().position(|(code, label)| *code == want || *label == want) {
            Some(i) => out.push(i),
            None => {
                let some: Vec<String> = d.cats.iter().take(12).map(|(c, l)| format!("{c} ({l})")).collect();
                let more = if d.cats.len() > 12 { ", …" } else { "" };
                diags.push(
                    Diagnostic::error(
                        req.ctx.file,
                        format!("{file}: the dimension «{}» has no category «{want}»", d.id),
                    )
                    .at_opt(yaml::place(s))
                    .hint(format!("name categories by code or label: {}{more}", some.join(", "))),
                );
            }
        }
    }
    out
}

/// The flat position of one combination of categories (row-major: the
/// last dimension varies fastest, as the specification says).
fn position(ds: &Dataset, at: &[usize]) -> usize {
    let mut pos = 0;
    for (d, i) in ds.dims.iter().zip(at) {
        pos = pos * d.cats.len() + i;
    }
    pos
}

fn value_at(ds: &Dataset, pos: usize) -> Option<&Value> {
    match &ds.values {
        Values::Dense(a) => a.get(pos),
        Values::Sparse(m) => m.get(&pos.to_string()),
    }
}

fn status_at(ds: &Dataset, pos: usize) -> Option<&str> {
    match &ds.status {
        Status::None => None,
        Status::One(s) => Some(s),
        Status::Dense(a) if a.len() == 1 => a[0].as_str(),
        Status::Dense(a) => a.get(pos).and_then(Value::as_str),
        Status::Sparse(m) => m.get(&pos.to_string()).and_then(Value::as_str),
    }
}

/// The decimals SSB gives for a category (`category.unit.CODE.decimals`),
/// from whichever chosen dimension has them.
fn decimals(ds: &Dataset, at: &[usize]) -> Option<usize> {
    ds.dims.iter().zip(at).find_map(|(d, i)| {
        d.units
            .get(&d.cats[*i].0)
            .and_then(|u| u.get("decimals"))
            .and_then(Value::as_u64)
            .map(|n| n.min(12) as usize)
    })
}

/// A cell: a number with SSB's decimals, a status symbol where there is
/// no number, or a missing value.
fn cell(ds: &Dataset, at: &[usize]) -> raw::Cell {
    let pos = position(ds, at);
    match value_at(ds, pos) {
        Some(Value::Number(n)) => match (n.as_i64(), n.as_f64(), decimals(ds, at)) {
            (Some(i), _, None | Some(0)) => raw::Cell::Int(i),
            (_, Some(f), Some(d)) => raw::Cell::Str(format!("{f:.d$}").replace('.', ",")),
            (_, Some(f), None) => super::sheet::float_cell(f),
            _ => raw::Cell::Str(n.to_string()),
        },
        Some(Value::String(s)) => raw::Cell::Str(s.clone()),
        _ => match status_at(ds, pos) {
            Some(s) if !s.trim().is_empty() => raw::Cell::Str(s.to_string()),
            _ => raw::Cell::Null,
        },
    }
}

fn unit_text(d: &Dim, i: usize) -> Option<Text> {
    let u = d.units.get(&d.cats[i].0)?;
    let base = u.get("base").or_else(|| u.get("label")).and_then(Value::as_str)?;
    (!base.trim().is_empty()).then(|| Text::Plain(base.to_string()))
}

fn grid(path: &Path, ds: &Dataset, pick: &Pick, about: super::About) -> Grid {
    let mut at: Vec<usize> = pick.chosen.iter().map(|l| l.first().copied().unwrap_or(0)).collect();
    let (rd, cd) = (&ds.dims[pick.rows], &ds.dims[pick.columns]);
    let columns = pick.chosen[pick.columns]
        .iter()
        .map(|&j| Text::Plain(cd.cats[j].1.clone()))
        .collect();
    let column_units = pick.chosen[pick.columns].iter().map(|&j| unit_text(cd, j)).collect();
    let mut rows = Vec::new();
    for &i in &pick.chosen[pick.rows] {
        at[pick.rows] = i;
        let cells = pick.chosen[pick.columns]
            .iter()
            .map(|&j| {
                at[pick.columns] = j;
                GridCell {
                    value: cell(ds, &at),
                    place: None,
                }
            })
            .collect();
        rows.push(GridRow {
            label: Text::Plain(rd.cats[i].1.clone()),
            cells,
            place: None,
            total: false,
            unit: unit_text(rd, i),
        });
    }
    Grid {
        column_units,
        about,
        empty_rows_are_headings: false,
        ..Grid::new(path, Some(Text::Plain(rd.label.clone())), columns, rows)
    }
}

/// The source line from what the file says: SSB, the table number (from
/// `extension.px.tableid` or the label's `12362: …`), the date `updated`.
fn about(json: &Value) -> super::About {
    let str_at = |p: &str| json.pointer(p).and_then(Value::as_str).map(str::trim);
    let label = str_at("/label").unwrap_or("");
    let table = str_at("/extension/px/tableid").map(str::to_string).or_else(|| {
        let (n, _) = label.split_once(':')?;
        (!n.is_empty() && n.trim().chars().all(|c| c.is_ascii_alphanumeric())).then(|| n.trim().to_string())
    });
    let source = str_at("/source")
        .filter(|s| !s.is_empty())
        .unwrap_or("Statistisk sentralbyrå");
    let ssb = source.contains("Statistisk sentralbyrå") || source.contains("Statistics Norway") || source == "SSB";
    let source_text = match &table {
        Some(t) => format!("{source}, tabell {t}"),
        None => source.to_string(),
    };
    super::About {
        source: Some(Text::Plain(source_text)),
        source_url: table
            .as_ref()
            .filter(|t| ssb && t.chars().all(|c| c.is_ascii_digit()))
            .map(|t| format!("https://www.ssb.no/statbank/table/{t}")),
        date: str_at("/updated").and_then(|u| u.get(..10)).map(str::to_string),
        symbols: Some(Symbols::Ssb),
    }
}
