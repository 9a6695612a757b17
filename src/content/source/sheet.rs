//! A table's values from a sheet of an XLSX or ODS workbook beside
//! data.yaml (`spreadsheet: { file, sheet, range }`), read with calamine.
//! The first row of the range holds the headings, the first column the
//! labels, as in a CSV source. Every problem names the file, the sheet and
//! the cell: `budsjett.xlsx, Drift!C14: «12 5» is not a number`.

use super::{a1, Grid, GridCell, GridRow, Place};
use crate::content::convert::Ctx;
use crate::content::raw::{self, RawSpreadsheet};
use crate::content::text::Text;
use crate::diag::{Diagnostic, Diagnostics, Kind};
use crate::yaml;
use calamine::{Data, DataRef, Ods, Reader, Xlsx};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

/// Larger workbooks are not a plan's table (and would take long to read).
const MAX_FILE: u64 = 20 * 1024 * 1024;
/// At most this many cells in a range: a plan's table has a few hundred.
const MAX_CELLS: u64 = 200_000;

/// A cell as the workbook holds it: its saved value and its formula.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Int(i64),
    Float(f64),
    Text(String),
    Bool(bool),
    Date,
    Error(String),
    Empty,
}

#[derive(Debug, Clone)]
struct SheetCell {
    value: Value,
    formula: Option<String>,
}

/// A rectangle of cells, 0-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Area {
    start: (u32, u32),
    end: (u32, u32),
}

impl Area {
    fn name(&self) -> String {
        format!("{}:{}", a1(self.start.0, self.start.1), a1(self.end.0, self.end.1))
    }
    fn contains(&self, (r, c): (u32, u32)) -> bool {
        (self.start.0..=self.end.0).contains(&r) && (self.start.1..=self.end.1).contains(&c)
    }
    fn overlaps(&self, o: &Area) -> bool {
        self.start.0 <= o.end.0 && o.start.0 <= self.end.0 && self.start.1 <= o.end.1 && o.start.1 <= self.end.1
    }
    fn cells(&self) -> u64 {
        u64::from(self.end.0 - self.start.0 + 1) * u64::from(self.end.1 - self.start.1 + 1)
    }
}

/// What one sheet gave: the cells inside the range, where the data lies,
/// and its merged areas.
#[derive(Default)]
struct Read {
    cells: BTreeMap<(u32, u32), SheetCell>,
    used: Option<Area>,
    merged: Vec<Area>,
}

impl Read {
    fn note_used(&mut self, pos: (u32, u32)) {
        self.used = Some(match self.used {
            None => Area { start: pos, end: pos },
            Some(a) => Area {
                start: (a.start.0.min(pos.0), a.start.1.min(pos.1)),
                end: (a.end.0.max(pos.0), a.end.1.max(pos.1)),
            },
        });
    }
}

/// The workbook, opened by its kind.
enum Book {
    Xlsx(Box<Xlsx<BufReader<File>>>),
    Ods(Ods<BufReader<File>>),
}

/// What the table asks of the workbook, with data.yaml's places: a sheet
/// or range the workbook does not have is a mistake on that line of
/// data.yaml, and is reported there, naming the workbook.
pub(super) struct Request<'a> {
    pub ctx: &'a Ctx<'a>,
    pub raw: &'a RawSpreadsheet,
}

/// Reads the sheet and range that `req` names from the workbook at `path`.
pub(super) fn read(path: &Path, req: &Request, diags: &mut Diagnostics) -> Option<Grid> {
    let spec = req.raw;
    let name = crate::content::load::name_of(path).to_string();
    let fail = |message: String, hint: &str| Diagnostic::error(path, message).hint(hint.to_string());
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > MAX_FILE {
        diags.push(fail(
            format!(
                "{name}: the workbook is {}, too large for a plan's table",
                crate::format::size::describe(size)
            ),
            "save the sheet the table needs in a workbook of its own",
        ));
        return None;
    }
    let mut book = match open(path) {
        Ok(b) => b,
        Err(e) => {
            diags.push(fail(e, "save the file again from Excel or LibreOffice as an Excel workbook (.xlsx) or an OpenDocument spreadsheet (.ods)").kind(Kind::Io));
            return None;
        }
    };
    let sheets = match &book {
        Book::Xlsx(b) => b.sheet_names(),
        Book::Ods(b) => b.sheet_names(),
    };
    let sheet = pick_sheet(path, &sheets, req, diags)?;
    let range_at = spec.range.as_ref().and_then(yaml::place);
    let in_spec = |message: String, hint: &str| {
        Diagnostic::error(req.ctx.file, message)
            .at_opt(range_at)
            .hint(hint.to_string())
    };
    let wanted = match &spec.range {
        Some(r) => Some(parse_range(&r.value).or_else(|| {
            diags.push(in_spec(
                format!("{name}: «{}» is not a cell range", r.value),
                "write the corners of the table, as in `range: A3:E12`",
            ));
            None
        })?),
        None => None,
    };
    if let Some(w) = wanted.filter(|w| w.cells() > MAX_CELLS) {
        diags.push(in_spec(
            format!(
                "{name}: the range {sheet}!{} has {} cells, more than a plan's table ({MAX_CELLS} at most)",
                w.name(),
                w.cells()
            ),
            "name only the cells of the table, as in `range: A3:E12`",
        ));
        return None;
    }
    let read = match read_sheet(&mut book, &sheet, wanted).and_then(|mut r| {
        if let Book::Ods(_) = book {
            r.merged = super::ods::merged(path, &sheet)?
                .into_iter()
                .map(|(start, end)| Area { start, end })
                .collect();
        }
        Ok(r)
    }) {
        Ok(r) => r,
        Err(e) => {
            diags.push(
                fail(
                    format!("{name}: the sheet «{sheet}» could not be read: {e}"),
                    "open the file in Excel or LibreOffice and save it again",
                )
                .kind(Kind::Io),
            );
            return None;
        }
    };
    let ctx = SheetCtx {
        path,
        name: &name,
        sheet: &sheet,
        data: req.ctx.file,
        sheet_at: spec.sheet.as_ref().and_then(yaml::place),
        range_at,
    };
    let area = ctx.area(&read, wanted, diags)?;
    ctx.check_merged(&read, area, diags);
    ctx.grid(&read, area, diags)
}

fn open(path: &Path) -> Result<Book, String> {
    let name = crate::content::load::name_of(path);
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "xlsx" | "xlsm" => calamine::open_workbook::<Xlsx<_>, _>(path)
            .map(|b| Book::Xlsx(Box::new(b)))
            .map_err(|e| format!("{name} could not be read as an Excel workbook: {e}")),
        "ods" => calamine::open_workbook::<Ods<_>, _>(path)
            .map(Book::Ods)
            .map_err(|e| format!("{name} could not be read as an OpenDocument spreadsheet: {e}")),
        _ => Err(format!(
            "{name} is not a workbook planvev reads: it reads .xlsx and .ods files"
        )),
    }
}

/// The sheet named in data.yaml, or the first; a wrong name lists the
/// sheets, at the `sheet:` line of data.yaml.
fn pick_sheet(path: &Path, sheets: &[String], req: &Request, diags: &mut Diagnostics) -> Option<String> {
    let name = crate::content::load::name_of(path);
    let Some(asked) = req.raw.sheet.as_ref() else {
        return match sheets.first() {
            Some(s) => Some(s.clone()),
            None => {
                diags.push(Diagnostic::error(path, format!("{name} has no sheets")));
                None
            }
        };
    };
    if sheets.contains(&asked.value) {
        return Some(asked.value.clone());
    }
    let known: Vec<&str> = sheets.iter().map(String::as_str).collect();
    let listed = known.iter().map(|s| format!("«{s}»")).collect::<Vec<_>>().join(", ");
    let near = crate::yaml::nearest(&asked.value, &known)
        .or_else(|| known.iter().find(|k| k.eq_ignore_ascii_case(&asked.value)).copied());
    let hint = match near {
        Some(n) => format!("did you mean «{n}»? The sheets are {listed}"),
        None => format!("the sheets are {listed}"),
    };
    diags.push(
        Diagnostic::error(req.ctx.file, format!("{name} has no sheet «{}»", asked.value))
            .at_opt(yaml::place(asked))
            .hint(hint)
            .kind(Kind::Content),
    );
    None
}

/// `B4:E12` (or `$B$4:$E$12`, `b4:e12`) as a 0-based area; None if it is
/// not two cell names with the first above and left of the second.
fn parse_range(text: &str) -> Option<Area> {
    let (a, b) = text.trim().split_once(':')?;
    let (start, end) = (parse_cell(a)?, parse_cell(b)?);
    (start.0 <= end.0 && start.1 <= end.1).then_some(Area { start, end })
}

fn parse_cell(text: &str) -> Option<(u32, u32)> {
    let t = text.trim().replace('$', "").to_ascii_uppercase();
    let split = t.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = t.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let col = letters.chars().fold(0u32, |n, c| n * 26 + (c as u32 - 'A' as u32 + 1));
    let row: u32 = digits.parse().ok()?;
    ((1..=1_048_576).contains(&row) && col <= 16_384).then_some((row - 1, col - 1))
}

fn from_data(d: &Data) -> Value {
    match d {
        Data::Int(i) => Value::Int(*i),
        Data::Float(f) => Value::Float(*f),
        Data::String(s) => Value::Text(s.clone()),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => Value::Date,
        Data::Error(e) => Value::Error(e.to_string()),
        Data::Empty => Value::Empty,
    }
}

fn from_ref(d: &DataRef) -> Value {
    match d {
        DataRef::Int(i) => Value::Int(*i),
        DataRef::Float(f) => Value::Float(*f),
        DataRef::String(s) => Value::Text(s.clone()),
        DataRef::SharedString(s) => Value::Text(s.to_string()),
        DataRef::Bool(b) => Value::Bool(*b),
        DataRef::DateTime(_) | DataRef::DateTimeIso(_) | DataRef::DurationIso(_) => Value::Date,
        DataRef::Error(e) => Value::Error(e.to_string()),
        DataRef::Empty => Value::Empty,
    }
}

/// Reads the cells of one sheet that lie in `wanted` (all, without one),
/// noting where the data lies. XLSX is read cell by cell, so a file that
/// claims a huge sheet is never laid out in memory.
fn read_sheet(book: &mut Book, sheet: &str, wanted: Option<Area>) -> Result<Read, String> {
    let mut out = Read::default();
    let keep = |pos: (u32, u32)| wanted.is_none_or(|w| w.contains(pos));
    match book {
        Book::Xlsx(b) => {
            out.merged = b
                .merge_cells_by_sheet_name(sheet)
                .map_err(|e| e.to_string())?
                .into_iter()
                .map(|d| Area {
                    start: d.start,
                    end: d.end,
                })
                .collect();
            let mut cells = b.worksheet_cells_reader(sheet).map_err(|e| e.to_string())?;
            while let Some(c) = cells.next_cell_with_formula().map_err(|e| e.to_string())? {
                let value = from_ref(&c.value);
                let formula = c.formula.filter(|f| !f.is_empty());
                if value != Value::Empty || formula.is_some() {
                    out.note_used(c.pos);
                }
                if keep(c.pos) && (out.cells.len() as u64) < MAX_CELLS {
                    out.cells.insert(c.pos, SheetCell { value, formula });
                }
            }
        }
        Book::Ods(b) => {
            let range = b.worksheet_range(sheet).map_err(|e| e.to_string())?;
            let formulas = b.worksheet_formula(sheet).map_err(|e| e.to_string())?;
            for (r, c, d) in range.used_cells() {
                let pos = (
                    range.start().map_or(0, |s| s.0) + r as u32,
                    range.start().map_or(0, |s| s.1) + c as u32,
                );
                out.note_used(pos);
                if keep(pos) {
                    let formula = formulas.get_value(pos).filter(|f| !f.is_empty()).cloned();
                    out.cells.insert(
                        pos,
                        SheetCell {
                            value: from_data(d),
                            formula,
                        },
                    );
                }
            }
            for (r, c, f) in formulas.used_cells() {
                let pos = (
                    formulas.start().map_or(0, |s| s.0) + r as u32,
                    formulas.start().map_or(0, |s| s.1) + c as u32,
                );
                if !f.is_empty() && keep(pos) {
                    out.note_used(pos);
                    out.cells.entry(pos).or_insert(SheetCell {
                        value: Value::Empty,
                        formula: Some(f.clone()),
                    });
                }
            }
        }
    }
    Ok(out)
}

/// The names a sheet's messages use, and the places in data.yaml of the
/// `sheet:` and `range:` it was asked for.
struct SheetCtx<'a> {
    path: &'a Path,
    name: &'a str,
    sheet: &'a str,
    /// data.yaml.
    data: &'a Path,
    sheet_at: Option<(u32, u32)>,
    range_at: Option<(u32, u32)>,
}

impl SheetCtx<'_> {
    fn error(&self, message: String) -> Diagnostic {
        Diagnostic::error(self.path, format!("{}, {}", self.name, message))
    }

    /// An error in what data.yaml asked for, at its line there when it has
    /// one (else at the workbook), naming the workbook.
    fn asked(&self, message: String, place: Option<(u32, u32)>) -> Diagnostic {
        match place {
            Some((line, col)) => Diagnostic::error(self.data, format!("{}, {}", self.name, message)).at(line, col),
            None => self.error(message),
        }
    }

    fn cell(&self, pos: (u32, u32)) -> String {
        format!("{}!{}", self.sheet, a1(pos.0, pos.1))
    }

    /// The range to read: the one asked for, which must lie within the
    /// sheet's data, or all of the data.
    fn area(&self, read: &Read, wanted: Option<Area>, diags: &mut Diagnostics) -> Option<Area> {
        let Some(used) = read.used else {
            diags.push(
                self.asked(format!("{}: the sheet is empty", self.sheet), self.sheet_at)
                    .hint("name the sheet that holds the table with `sheet:`"),
            );
            return None;
        };
        let Some(w) = wanted else {
            if used.cells() > MAX_CELLS {
                diags.push(
                    self.error(format!(
                        "{}!{}: the sheet's data spans {} cells, more than a plan's table ({MAX_CELLS} at most)",
                        self.sheet,
                        used.name(),
                        used.cells()
                    ))
                    .hint("name the table's cells with `range:`, as in `range: A3:E12`"),
                );
                return None;
            }
            return Some(used);
        };
        let inside = used.contains(w.start) && used.contains(w.end);
        if !inside {
            diags.push(
                self.asked(
                    format!(
                        "{}!{}: the range reaches outside the data, which fills {}",
                        self.sheet,
                        w.name(),
                        used.name()
                    ),
                    self.range_at,
                )
                .hint(format!(
                    "name cells within the data, as in `range: {}`, or leave `range` out to read all of it",
                    used.name()
                )),
            );
            return None;
        }
        if w.end.0 == w.start.0 || w.end.1 == w.start.1 {
            diags.push(
                self.asked(
                    format!(
                        "{}!{}: the range needs a row of headings and a column of labels besides the values",
                        self.sheet,
                        w.name()
                    ),
                    self.range_at,
                )
                .hint("include the headings above the values and the labels to their left"),
            );
            return None;
        }
        Some(w)
    }

    /// Merged cells hold one value for several cells: which cell it
    /// belongs to is a guess, so they are refused in the range.
    fn check_merged(&self, read: &Read, area: Area, diags: &mut Diagnostics) {
        for m in read.merged.iter().filter(|m| m.overlaps(&area)) {
            diags.push(
                self.error(format!("{}!{}: the cells are merged", self.sheet, m.name()))
                    .hint("unmerge the cells (Excel: Merge & Center → Unmerge Cells) and write each value in its own cell"),
            );
        }
    }

    fn grid(&self, read: &Read, area: Area, diags: &mut Diagnostics) -> Option<Grid> {
        let errors = diags.errors().count();
        let at = |pos: (u32, u32)| Place::Sheet {
            sheet: self.sheet.to_string(),
            row: pos.0,
            col: pos.1,
        };
        let text_of = |pos: (u32, u32), diags: &mut Diagnostics| -> String {
            match self.value(read, pos, diags) {
                raw::Cell::Null => String::new(),
                c => c.as_text(),
            }
        };
        let header_row = area.start.0;
        let row_header = Some(text_of(area.start, diags))
            .filter(|s| !s.trim().is_empty())
            .map(Text::Plain);
        let columns: Vec<Text> = (area.start.1 + 1..=area.end.1)
            .map(|c| Text::Plain(text_of((header_row, c), diags)))
            .collect();
        let mut rows = Vec::new();
        for r in header_row + 1..=area.end.0 {
            let label = text_of((r, area.start.1), diags);
            let cells = (area.start.1 + 1..=area.end.1)
                .map(|c| GridCell {
                    value: self.value(read, (r, c), diags),
                    place: Some(at((r, c))),
                })
                .collect();
            rows.push(GridRow {
                total: label.trim().eq_ignore_ascii_case("sum"),
                label: Text::Plain(label),
                cells,
                place: Some(at((r, area.start.1))),
                unit: None,
            });
        }
        (diags.errors().count() == errors).then(|| Grid::new(self.path, row_header, columns, rows))
    }

    /// One cell as a raw value for the cell rule; what no rule can read
    /// (a formula without a saved result, an error, a date) is reported.
    fn value(&self, read: &Read, pos: (u32, u32), diags: &mut Diagnostics) -> raw::Cell {
        let Some(cell) = read.cells.get(&pos) else {
            return raw::Cell::Null;
        };
        let no_result = cell.formula.is_some()
            && matches!(&cell.value, Value::Empty | Value::Text(_) if cell.value == Value::Empty || cell.value == Value::Text(String::new()));
        let problem = match (&cell.value, &cell.formula) {
            (_, Some(f)) if no_result => Some((
                format!("the formula ={f} has no saved result"),
                "open the file in Excel or LibreOffice and save it, so the results are stored with the formulas"
                    .to_string(),
            )),
            (Value::Error(e), _) => Some((
                format!("the cell holds the error {e}"),
                "correct the formula in the spreadsheet".to_string(),
            )),
            (Value::Date, _) => Some((
                "the cell holds a date, not a number".to_string(),
                "format the cell as a number (or as text for a label)".to_string(),
            )),
            (Value::Bool(b), _) => Some((
                format!("the cell holds {}, not a number", if *b { "TRUE" } else { "FALSE" }),
                "write a number in the cell".to_string(),
            )),
            _ => None,
        };
        if let Some((message, hint)) = problem {
            diags.push(self.error(format!("{}: {message}", self.cell(pos))).hint(hint));
            return raw::Cell::Null;
        }
        match &cell.value {
            Value::Int(i) => raw::Cell::Int(*i),
            Value::Float(f) => float_cell(*f),
            Value::Text(s) => raw::Cell::Str(s.clone()),
            _ => raw::Cell::Null,
        }
    }
}

/// A number a workbook stores as a float, as the digits it shows: whole
/// numbers as integers, others in their shortest form (`5,4`), rounded to
/// ten decimals where a formula left float noise (0,1 + 0,2).
pub(super) fn float_cell(f: f64) -> raw::Cell {
    if !f.is_finite() {
        return raw::Cell::Str(f.to_string());
    }
    if f.fract() == 0.0 && f.abs() < 9.0e15 {
        return raw::Cell::Int(f as i64);
    }
    let mut s = format!("{f}");
    if s.split_once('.').is_some_and(|(_, d)| d.len() > 10) {
        s = format!("{f:.10}");
        s = s.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    raw::Cell::Str(s.replace('.', ","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_and_cell_names() {
        assert_eq!(
            parse_range("B4:E12"),
            Some(Area {
                start: (3, 1),
                end: (11, 4)
            })
        );
        assert_eq!(
            parse_range("$a$1:$AA$3"),
            Some(Area {
                start: (0, 0),
                end: (2, 26)
            })
        );
        assert_eq!(parse_range("E12:B4"), None);
        assert_eq!(parse_range("B4"), None);
        assert_eq!(parse_range("4B:E1"), None);
        assert_eq!(a1(13, 2), "C14");
        assert_eq!(a1(0, 26), "AA1");
        assert_eq!(a1(0, 701), "ZZ1");
        assert_eq!(a1(0, 702), "AAA1");
    }

    #[test]
    fn floats_as_the_digits_shown() {
        assert_eq!(float_cell(12345.0), raw::Cell::Int(12345));
        assert_eq!(float_cell(5.4), raw::Cell::Str("5,4".into()));
        assert_eq!(float_cell(0.1 + 0.2), raw::Cell::Str("0,3".into()));
        assert_eq!(float_cell(-2.5), raw::Cell::Str("-2,5".into()));
    }
}
