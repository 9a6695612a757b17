//! Sums and computed columns of a table, on exact decimals.
//!
//! The rule is "never a number that is in no source": a stated value is
//! checked against what the rows give; a value left empty for planvev is
//! computed, unless a cell it depends on has no value, in which case it is
//! unknown (shown as missing, with the reason), never a partial sum. An
//! overflow is a located error, never a wrapped sum.

use super::convert::Ctx;
use super::model::{Cell, Column, Gap, Row, Symbol};
use super::raw::{Computed, Total};
use super::text::Text;
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::format::{Decimal, Number};
use std::path::PathBuf;

/// A row while its table is checked: the places of its cells for messages.
pub(super) struct RowIn {
    pub row: Row,
    pub places: Vec<Option<(u32, u32)>>,
    /// The row itself (`- label:`), for a total written without values.
    pub place: Option<(u32, u32)>,
    pub total: Total,
    /// Set for rows from a CSV source: messages name that file.
    pub file: Option<PathBuf>,
    /// Set for rows from a sheet of a workbook: the places are its 1-based
    /// rows and columns, and messages name the cell (`Drift!C14`).
    pub sheet: Option<String>,
}

impl RowIn {
    pub(super) fn heading(label: Text) -> RowIn {
        RowIn {
            row: Row::Heading(label),
            places: vec![],
            place: None,
            total: Total::No,
            file: None,
            sheet: None,
        }
    }

    fn label(&self) -> String {
        match &self.row {
            Row::Heading(l) | Row::Data { label: l, .. } => l.plain("", &[]),
        }
    }

    fn label_text(&self) -> Text {
        match &self.row {
            Row::Heading(l) | Row::Data { label: l, .. } => l.clone(),
        }
    }

    fn cell(&self, j: usize) -> Option<&Cell> {
        match &self.row {
            Row::Data { cells, .. } => cells.get(j),
            Row::Heading(_) => None,
        }
    }

    fn place_of(&self, j: usize) -> Option<(u32, u32)> {
        self.places.get(j).copied().flatten().or(self.place)
    }
}

pub(super) struct SumCtx<'a> {
    pub ctx: &'a Ctx<'a>,
    pub id: &'a str,
    pub columns: &'a [Column],
    pub tolerance: Option<Decimal>,
}

impl SumCtx<'_> {
    fn col(&self, j: usize) -> String {
        self.columns.get(j).map(|c| c.label.plain("", &[])).unwrap_or_default()
    }

    fn diag(&self, severity: Severity, row: &RowIn, place: Option<(u32, u32)>, message: String) -> Diagnostic {
        let file = row.file.as_deref().unwrap_or(self.ctx.file);
        // A sheet has cells, not lines: the message names the cell.
        let (message, place) = match (&row.sheet, place) {
            (Some(sheet), Some((r, c))) => (
                format!(
                    "{}, {sheet}!{}: {message}",
                    super::load::name_of(file),
                    super::source::a1(r.saturating_sub(1), c.saturating_sub(1))
                ),
                None,
            ),
            _ => (message, place),
        };
        let d = match severity {
            Severity::Error => Diagnostic::error(file, message),
            Severity::Warning => Diagnostic::warning(file, message),
            Severity::Info => Diagnostic::info(file, message),
        };
        d.at_opt(place)
    }

    /// Summed by total rows: not kept out, and not computed (a computed
    /// column's total is checked by its formula instead).
    fn summed(&self, j: usize) -> bool {
        self.columns.get(j).is_some_and(|c| c.in_sums && c.computed.is_none())
    }
}

/// A column's running sum: its value, whether any number went in, the first
/// row with no value, and whether it overflowed.
#[derive(Clone, Default)]
struct Acc {
    sum: Option<Decimal>,
    gap: Option<usize>,
    overflow: bool,
}

impl Acc {
    fn add(&mut self, cell: &Cell, row: usize) {
        let value = match cell {
            Cell::Num(n) => n.value,
            // Nil is a true zero.
            Cell::Symbol(Symbol::Nil) => Decimal::from_int(0),
            _ => {
                self.gap.get_or_insert(row);
                return;
            }
        };
        match self.sum.unwrap_or(Decimal::from_int(0)).checked_add(value) {
            Some(s) => self.sum = Some(s),
            None => self.overflow = true,
        }
    }
}

pub(super) fn verify(sc: &SumCtx, rows: &mut [RowIn], diags: &mut Diagnostics) {
    let fresh = || vec![Acc::default(); sc.columns.len()];
    // Totals of the rows above (running, as version 1).
    let mut acc = fresh();
    for i in 0..rows.len() {
        match rows[i].total {
            Total::No => add_row(sc, &mut acc, &rows[i], i),
            Total::Above => resolve_total(sc, rows, i, &acc, diags),
            Total::Below => {}
            Total::Last(n) => {
                if let Some(last) = last_rows(sc, rows, i, n, diags) {
                    resolve_total(sc, rows, i, &last, diags);
                }
            }
        }
    }
    // Totals of the rows below, up to the next total.
    let mut acc = fresh();
    for i in (0..rows.len()).rev() {
        match rows[i].total {
            Total::No => add_row(sc, &mut acc, &rows[i], i),
            Total::Above | Total::Last(_) => acc = fresh(),
            Total::Below => {
                resolve_total(sc, rows, i, &acc, diags);
                acc = fresh();
            }
        }
    }
    for row in rows.iter_mut() {
        for (j, column) in sc.columns.iter().enumerate() {
            if let Some((kind, a, b)) = &column.computed {
                computed_cell(sc, row, (j, kind, *a, *b), diags);
            }
        }
    }
}

/// The sums of the `n` plain rows directly above row `i` (headings are
/// passed over, a total ends the search). Fewer than `n` is an error.
fn last_rows(sc: &SumCtx, rows: &[RowIn], i: usize, n: u32, diags: &mut Diagnostics) -> Option<Vec<Acc>> {
    let mut acc = vec![Acc::default(); sc.columns.len()];
    let mut found = 0;
    for k in (0..i).rev() {
        if found == n || rows[k].total != Total::No {
            break;
        }
        if let Row::Data { .. } = rows[k].row {
            add_row(sc, &mut acc, &rows[k], k);
            found += 1;
        }
    }
    if found < n {
        let row = &rows[i];
        diags.push(
            sc.diag(
                Severity::Error,
                row,
                row.place,
                format!(
                    "the total «{}» of table «{}» sums the {n} rows above it, but only {found} come before it (since the previous total or the start of the table)",
                    row.label(),
                    sc.id
                ),
            )
            .hint("count the rows the source sums, or use `total: true` for every row above"),
        );
        return None;
    }
    Some(acc)
}

fn add_row(sc: &SumCtx, acc: &mut [Acc], row: &RowIn, i: usize) {
    if let Row::Data { cells, .. } = &row.row {
        for (j, c) in cells.iter().enumerate() {
            if sc.summed(j) {
                acc[j].add(c, i);
            }
        }
    }
}

/// The empty cell a value depends on, for messages and the page.
struct GapAt {
    label: String,
    gap: Gap,
    place: Option<(u32, u32)>,
    /// An empty cell (warning) or a symbol printed in the source (info).
    severity: Severity,
}

fn gap_at(sc: &SumCtx, row: &RowIn, j: usize) -> GapAt {
    let severity = match row.cell(j) {
        Some(Cell::Symbol(_)) => Severity::Info,
        _ => Severity::Warning,
    };
    GapAt {
        label: row.label(),
        gap: Gap {
            row: row.label_text(),
            column: sc
                .columns
                .get(j)
                .map(|c| c.label.clone())
                .unwrap_or(Text::Plain(String::new())),
        },
        place: row.place_of(j),
        severity,
    }
}

fn resolve_total(sc: &SumCtx, rows: &mut [RowIn], i: usize, acc: &[Acc], diags: &mut Diagnostics) {
    for (j, a) in acc.iter().enumerate() {
        if !sc.summed(j) {
            continue;
        }
        let gap = a.gap.map(|g| gap_at(sc, &rows[g], j));
        let row = &mut rows[i];
        let label = row.label();
        let col = sc.col(j);
        let place = row.place_of(j);
        let what = format!("the sum in row «{label}», column «{col}» of table «{}»", sc.id);
        if a.overflow {
            diags.push(
                sc.diag(
                    Severity::Error,
                    row,
                    place,
                    format!("{what} is too large to compute exactly"),
                )
                .hint("check the values above it for a misplaced digit"),
            );
            continue;
        }
        let Some(Cell::Num(stated)) = row.cell(j).cloned() else {
            if matches!(row.cell(j), Some(Cell::Missing)) {
                fill_total(sc, row, j, (a, gap), diags);
            }
            continue;
        };
        if let Some(g) = gap {
            diags.push(
                sc.diag(
                    g.severity,
                    row,
                    g.place,
                    format!(
                        "{what} cannot be checked: row «{}», column «{col}» has no value",
                        g.label
                    ),
                )
                .hint(if g.severity == Severity::Info {
                    "the sum is shown as printed; the source gives no value there"
                } else {
                    "the sum is shown as printed; write the missing value if the source has it"
                }),
            );
            continue;
        }
        let Some(computed) = a.sum else { continue };
        let check = Check {
            place,
            stated: stated.value,
            computed,
            what: &what,
            by: "the rows add up to",
        };
        compare(sc, row, check, diags);
    }
}

/// A total left empty: the sum, or unknown where a cell has no value.
fn fill_total(sc: &SumCtx, row: &mut RowIn, j: usize, (a, gap): (&Acc, Option<GapAt>), diags: &mut Diagnostics) {
    let Row::Data { cells, .. } = &mut row.row else { return };
    match (gap, a.sum) {
        (Some(g), Some(_)) => {
            cells[j] = Cell::Unknown(Box::new(g.gap));
            let (label, col) = (row.label(), sc.col(j));
            diags.push(
                sc.diag(
                    Severity::Warning,
                    row,
                    g.place,
                    format!(
                        "the sum in row «{label}», column «{col}» of table «{}» cannot be computed: row «{}», column «{col}» has no value",
                        sc.id, g.label
                    ),
                )
                .hint("the sum is shown as missing, with the reason; write the sum as printed in the source, or the missing value"),
            );
        }
        (None, Some(sum)) => {
            cells[j] = Cell::Num(Number {
                value: sum,
                percent: false,
            })
        }
        // No number at all in the column: nothing to add up.
        (_, None) => {}
    }
}

/// A stated value to check against the computed one. `what` names the
/// cell, `by` says how the value is computed ("the rows add up to").
struct Check<'a> {
    place: Option<(u32, u32)>,
    stated: Decimal,
    computed: Decimal,
    what: &'a str,
    by: &'a str,
}

/// Equal passes; within `tolerance` is recorded (info); anything else is an
/// error with both values.
fn compare(sc: &SumCtx, row: &RowIn, c: Check, diags: &mut Diagnostics) {
    let Check {
        place,
        stated,
        computed,
        what,
        by,
    } = c;
    let Some(diff) = stated.abs_diff(computed) else {
        diags.push(sc.diag(
            Severity::Error,
            row,
            place,
            format!("{what} is too large to compare exactly"),
        ));
        return;
    };
    if diff.is_zero() {
        return;
    }
    let t = |v: Decimal| {
        Number {
            value: v,
            percent: false,
        }
        .to_csv_text()
    };
    let message = format!("{what} is {}, but {by} {}", t(stated), t(computed));
    if sc.tolerance.is_some_and(|tol| diff <= tol) {
        diags.push(
            sc.diag(
                Severity::Info,
                row,
                place,
                format!("{message}; accepted through `tolerance`"),
            )
            .hint("the stated value is shown, as printed in the source"),
        );
    } else {
        diags.push(sc.diag(Severity::Error, row, place, message).hint(format!(
            "correct the value or the values it comes from; if the source rounds, add `tolerance: {}` to the table",
            t(diff)
        )));
    }
}

/// One cell of a computed column: checked where printed, computed where
/// left empty, unknown where an input has no value.
fn computed_cell(
    sc: &SumCtx,
    row: &mut RowIn,
    (j, kind, a, b): (usize, &Computed, usize, usize),
    diags: &mut Diagnostics,
) {
    let Some(target) = row.cell(j).cloned() else { return };
    if !matches!(target, Cell::Num(_) | Cell::Missing) {
        return;
    }
    let input = |k: usize| match row.cell(k) {
        Some(Cell::Num(n)) => Ok(n.value),
        Some(Cell::Symbol(Symbol::Nil)) => Ok(Decimal::from_int(0)),
        _ => Err(k),
    };
    let (label, col) = (row.label(), sc.col(j));
    let what = format!("the value in row «{label}», column «{col}» of table «{}»", sc.id);
    let (x, y) = match (input(a), input(b)) {
        (Ok(x), Ok(y)) => (x, y),
        (Err(k), _) | (_, Err(k)) => {
            let g = gap_at(sc, row, k);
            let gap_col = sc.col(k);
            if let Cell::Num(_) = target {
                let d = sc.diag(
                    g.severity,
                    row,
                    row.place_of(j),
                    format!("{what} cannot be checked: column «{gap_col}» has no value"),
                );
                diags.push(d.hint("the value is shown as printed"));
            } else {
                let d = sc.diag(
                    Severity::Warning,
                    row,
                    row.place_of(j),
                    format!("{what} cannot be computed: column «{gap_col}» has no value"),
                );
                diags.push(d.hint("the value is shown as missing, with the reason; write it as printed in the source"));
                if let Row::Data { cells, .. } = &mut row.row {
                    cells[j] = Cell::Unknown(Box::new(g.gap));
                }
            }
            return;
        }
    };
    let scale = match &target {
        Cell::Num(n) => n.value.scale,
        _ => 1,
    };
    let (computed, formula) = match kind {
        Computed::Difference(_) => (x.checked_sub(y), format!("«{}» − «{}»", sc.col(a), sc.col(b))),
        Computed::Percent(_) => (
            x.percent_of(y, scale),
            format!("«{}» / «{}» × 100", sc.col(a), sc.col(b)),
        ),
    };
    let Some(computed) = computed else {
        if matches!(kind, Computed::Difference(_)) {
            diags.push(sc.diag(
                Severity::Error,
                row,
                row.place_of(j),
                format!("{what} is too large to compute exactly"),
            ));
        }
        // A percent of zero has no value: left as written.
        return;
    };
    match target {
        Cell::Num(stated) => {
            let by = format!("{formula} gives");
            let computed = computed.rounded(stated.value.scale);
            let check = Check {
                place: row.place_of(j),
                stated: stated.value,
                computed,
                what: &what,
                by: &by,
            };
            compare(sc, row, check, diags);
        }
        _ => {
            if let Row::Data { cells, .. } = &mut row.row {
                cells[j] = Cell::Num(Number {
                    value: computed,
                    percent: false,
                });
            }
        }
    }
}
