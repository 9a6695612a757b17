//! Where a table's values come from besides rows written in data.yaml: a
//! CSV file, a sheet of an XLSX or ODS workbook, a JSON-stat 2.0 file from
//! Statistics Norway. Each source is read into the same [`Grid`] (headings,
//! labels and raw cells, each with its place in the file), and one pass
//! (`rows`) turns any grid into the table's rows with the cell rule that
//! inline values follow; sums, symbols and tolerance are then checked for
//! every table alike (`sums`).

mod csv;
mod jsonstat;
mod ods;
mod sheet;

use super::cells::{parse_cell, CellRule, NUMBER_HINT};
use super::convert::Ctx;
use super::model::{Cell, Column, Row};
use super::raw::{self, RawTable, Total};
use super::sums::RowIn;
use super::text::Text;
use crate::diag::{Diagnostic, Diagnostics};
use crate::yaml::{self, Spanned};
use std::path::{Path, PathBuf};

/// Where one cell of a source lies, for messages.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Place {
    /// A line of a text file (CSV, JSON).
    Line(u32),
    /// A cell of a sheet: 0-based row and column, named `Drift!C14`.
    Sheet { sheet: String, row: u32, col: u32 },
}

impl Place {
    /// As the (line, column) pair rows carry; a sheet cell's is its 1-based
    /// row and column, named with the sheet (`RowIn::sheet`).
    fn pair(&self) -> (u32, u32) {
        match self {
            Place::Line(l) => (*l, 1),
            Place::Sheet { row, col, .. } => (row + 1, col + 1),
        }
    }

    fn sheet(&self) -> Option<&str> {
        match self {
            Place::Line(_) => None,
            Place::Sheet { sheet, .. } => Some(sheet),
        }
    }

    /// `Drift!C14` for a sheet cell; None for a line.
    pub(super) fn cell_name(&self) -> Option<String> {
        match self {
            Place::Line(_) => None,
            Place::Sheet { sheet, row, col } => Some(format!("{sheet}!{}", a1(*row, *col))),
        }
    }
}

/// `(13, 2)` → `C14`: a 0-based cell as a spreadsheet names it.
pub(super) fn a1(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut c = col + 1;
    while c > 0 {
        let r = ((c - 1) % 26) as u8;
        letters.push((b'A' + r) as char);
        c = (c - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

/// One cell as the source holds it, before the cell rule reads it.
#[derive(Debug, Clone)]
pub(super) struct GridCell {
    pub value: raw::Cell,
    pub place: Option<Place>,
}

/// One row of a source: its label and its cells.
#[derive(Debug, Clone)]
pub(super) struct GridRow {
    pub label: Text,
    pub cells: Vec<GridCell>,
    pub place: Option<Place>,
    /// A total row, as the source marks it (a CSV or sheet row labelled SUM).
    pub total: bool,
    /// The row's unit, where the source gives one (JSON-stat).
    pub unit: Option<Text>,
}

/// What every source gives: headings (the first heads the label column,
/// the rest one per column), rows, the file, and what the source says
/// about itself (a JSON-stat file's source and date).
#[derive(Debug, Clone)]
pub(super) struct Grid {
    pub file: PathBuf,
    pub row_header: Option<Text>,
    pub columns: Vec<Text>,
    /// Units of the columns, where the source gives them (JSON-stat);
    /// empty or shorter than `columns` where it does not.
    pub column_units: Vec<Option<Text>>,
    pub rows: Vec<GridRow>,
    pub about: About,
    /// A row with no values is a heading (CSV, sheets); in statistics it
    /// is a row whose figures are missing (JSON-stat).
    pub empty_rows_are_headings: bool,
}

impl Grid {
    /// A grid as a CSV file or a sheet gives it: no units of the columns,
    /// nothing said about the source, and a row without values a heading.
    /// A JSON-stat dataset says more and sets those fields itself.
    pub(super) fn new(file: &Path, row_header: Option<Text>, columns: Vec<Text>, rows: Vec<GridRow>) -> Grid {
        Grid {
            file: file.to_path_buf(),
            row_header,
            columns,
            column_units: Vec::new(),
            rows,
            about: About::default(),
            empty_rows_are_headings: true,
        }
    }
}

/// What a source file says about itself, used where data.yaml is silent.
#[derive(Debug, Clone, Default)]
pub(super) struct About {
    pub source: Option<Text>,
    pub source_url: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The symbols the source uses (SSB's, for JSON-stat).
    pub symbols: Option<raw::Symbols>,
}

/// The table's source file, if it names one, read into a grid. `Some(None)`
/// is a source that failed (reported); `None` a table whose rows are
/// written in data.yaml.
pub(super) fn read(ctx: &Ctx, id: &str, t: &Spanned<RawTable>, diags: &mut Diagnostics) -> Option<Option<Grid>> {
    let raw = &t.value;
    let named: Vec<&str> = [
        raw.csv.as_ref().map(|_| "csv"),
        raw.spreadsheet.as_ref().map(|_| "spreadsheet"),
        raw.json_stat.as_ref().map(|_| "json_stat"),
        (raw.rows.is_some() || raw.groups.is_some()).then_some("rows"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if named.len() > 1 {
        diags.push(
            Diagnostic::error(
                ctx.file,
                format!(
                    "table «{id}» takes its values from both `{}` and `{}`",
                    named[0], named[1]
                ),
            )
            .at_opt(yaml::place(t))
            .hint("keep one source of values: rows written here, `csv:`, `spreadsheet:` or `json_stat:`"),
        );
        return Some(None);
    }
    if let Some(name) = &raw.csv {
        return Some(beside(ctx, id, name, diags).and_then(|p| csv::read(&p, diags)));
    }
    if let Some(s) = &raw.spreadsheet {
        let req = sheet::Request { ctx, raw: &s.value };
        return Some(beside(ctx, id, &s.value.file, diags).and_then(|p| sheet::read(&p, &req, diags)));
    }
    if let Some(j) = &raw.json_stat {
        let src = jsonstat::Request { ctx, raw: j };
        return Some(beside(ctx, id, &j.value.file, diags).and_then(|p| jsonstat::read(&p, &src, diags)));
    }
    None
}

/// The names of the files a table reads its values from (not published).
pub(super) fn files_named(raw: &RawTable) -> Vec<&str> {
    [
        raw.csv.as_ref(),
        raw.spreadsheet.as_ref().map(|s| &s.value.file),
        raw.json_stat.as_ref().map(|j| &j.value.file),
    ]
    .into_iter()
    .flatten()
    .map(|s| s.value.as_str())
    .collect()
}

/// A source file named in data.yaml: a file in the same folder, that exists.
fn beside(ctx: &Ctx, id: &str, name: &Spanned<String>, diags: &mut Diagnostics) -> Option<PathBuf> {
    let n = &name.value;
    if n.contains('/') || n.contains('\\') || n.starts_with('.') || n.is_empty() {
        diags.push(
            Diagnostic::error(
                ctx.file,
                format!("«{n}» must be a file in the same folder as data.yaml"),
            )
            .at_opt(yaml::place(name))
            .hint("move the file next to data.yaml and give only its name"),
        );
        return None;
    }
    let path = ctx.dir.join(n);
    if !path.is_file() {
        let others = super::load::list_dir(ctx.dir, &mut Diagnostics::default());
        let names: Vec<String> = others
            .iter()
            .filter(|p| p.is_file())
            .map(|p| super::load::name_of(p).to_string())
            .collect();
        let known: Vec<&str> = names.iter().map(String::as_str).collect();
        let near = crate::yaml::nearest(n, &known);
        let hint = match near {
            Some(c) => format!("did you mean «{c}»? Put the file next to data.yaml, or correct the name"),
            None => "put the file next to data.yaml, or correct the name".to_string(),
        };
        diags.push(
            Diagnostic::error(
                ctx.file,
                format!("table «{id}» reads «{n}», but the file {} is missing", path.display()),
            )
            .at_opt(yaml::place(name))
            .kind(crate::diag::Kind::FileMissing)
            .hint(hint),
        );
        return None;
    }
    // A link out of the content folder is refused, as for every file read.
    if super::load::leaves_content(&path) {
        diags.push(
            Diagnostic::error(
                &path,
                "the file is a link to a place outside the content folder; planvev does not read it",
            )
            .hint("copy the file into the content folder instead of linking to it"),
        );
        return None;
    }
    Some(path)
}

/// A cell's message names the file and, in a sheet, the cell:
/// `budsjett.xlsx, Drift!C14: «12 5» is not a number`.
pub(super) fn cell_message(file: &Path, place: Option<&Place>, message: &str) -> String {
    let name = super::load::name_of(file);
    match place.and_then(Place::cell_name) {
        Some(cell) => format!("{name}, {cell}: {message}"),
        None => message.to_string(),
    }
}

/// A diagnostic at a place of a source file.
pub(super) fn at(d: Diagnostic, place: Option<&Place>) -> Diagnostic {
    match place {
        Some(Place::Line(l)) => d.at(*l, 1),
        _ => d,
    }
}

/// The rows of a grid, read with the table's cell rule: a row whose values
/// are all empty is a heading; a row the source marks as a total sums the
/// rows above it.
pub(super) fn rows(grid: &Grid, rule: CellRule, diags: &mut Diagnostics) -> Vec<RowIn> {
    let mut out = Vec::new();
    for r in &grid.rows {
        let empty = |c: &GridCell| match &c.value {
            raw::Cell::Null => true,
            raw::Cell::Str(s) => s.trim().is_empty(),
            _ => false,
        };
        if grid.empty_rows_are_headings && r.cells.iter().all(empty) {
            out.push(RowIn::heading(r.label.clone()));
            continue;
        }
        let mut cells = Vec::new();
        for c in &r.cells {
            match parse_cell(&c.value, rule) {
                Ok(v) => cells.push(v),
                Err(e) => {
                    let message = cell_message(&grid.file, c.place.as_ref(), &e.message);
                    diags.push(at(Diagnostic::error(&grid.file, message), c.place.as_ref()).hint(NUMBER_HINT));
                    cells.push(Cell::Missing);
                }
            }
        }
        out.push(RowIn {
            row: Row::Data {
                label: r.label.clone(),
                unit: r.unit.clone(),
                cells,
                total: r.total,
                marks: Vec::new(),
            },
            places: r.cells.iter().map(|c| c.place.as_ref().map(Place::pair)).collect(),
            place: r.place.as_ref().map(Place::pair),
            total: if r.total { Total::Above } else { Total::No },
            file: Some(grid.file.clone()),
            sheet: r.place.as_ref().and_then(Place::sheet).map(str::to_string),
        });
    }
    out
}

/// The grid's headings as columns.
pub(super) fn columns(grid: &Grid) -> Vec<Column> {
    grid.columns
        .iter()
        .enumerate()
        .map(|(j, label)| Column {
            unit: grid.column_units.get(j).cloned().flatten(),
            ..Column::plain(label.clone())
        })
        .collect()
}
