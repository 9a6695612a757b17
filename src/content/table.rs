//! One table of data.yaml (or its CSV source), from raw YAML to the checked
//! model: columns, rows, footnotes, its source. Sums and computed columns
//! are verified in `sums`.

use super::cells::CellRule;
use super::convert::{split_reported, to_cell, to_number, Ctx};
use super::model::{Cell, Column, Footnote, Row, Table};
use super::raw::{self, Computed, RawColumn, RawRow, RawTable, TableKind, Total};
use super::source;
use super::sums::{self, RowIn, SumCtx};
use super::text::Text;
use crate::diag::{Diagnostic, Diagnostics};
use crate::yaml::{self, Spanned};

/// Footnotes being collected for one table: marks given in order.
#[derive(Default)]
struct Notes {
    list: Vec<Footnote>,
}

pub(super) fn convert_table(ctx: &Ctx, id: &str, t: &Spanned<RawTable>, diags: &mut Diagnostics) -> Option<Table> {
    let raw = &t.value;
    let errors_before = diags.errors().count();
    let mut rule = CellRule {
        allow_text: raw.kind == TableKind::Plain,
        symbols: raw.symbols.unwrap_or(ctx.symbols),
    };
    let mut notes = Notes::default();
    let mut about = source::About::default();
    let (columns, rows, row_header) = match source::read(ctx, id, t, diags) {
        Some(None) => return None,
        Some(Some(grid)) => {
            rule.symbols = raw.symbols.or(grid.about.symbols).unwrap_or(ctx.symbols);
            let columns = match &raw.columns {
                Some(c) => source_columns(ctx, id, c, grid.columns.len(), diags)?,
                None => source::columns(&grid),
            };
            let rows = source::rows(&grid, rule, diags);
            about = grid.about;
            (columns, rows, raw.row_header.clone().or(grid.row_header))
        }
        None => {
            let (rows, groups) = (&raw.rows, &raw.groups);
            if rows.is_some() && groups.is_some() {
                diags.push(
                    Diagnostic::error(ctx.file, format!("table «{id}» has both `rows` and `groups`"))
                        .at_opt(yaml::place(t))
                        .hint("put every row inside a group, or use `rows` without groups"),
                );
                return None;
            }
            let Some(raw_columns) = &raw.columns else {
                diags.push(
                    Diagnostic::error(ctx.file, format!("table «{id}» has no `columns`"))
                        .at_opt(yaml::place(t))
                        .hint("list the column headings, e.g. `columns: [R2015, B2016, B2017]`, or name a CSV file with `csv:`"),
                );
                return None;
            };
            let columns = convert_columns(ctx, id, &raw_columns.value, diags);
            let src = Source {
                rows: rows.as_deref(),
                groups: groups.as_deref(),
            };
            let tc = TableCtx {
                ctx,
                id,
                columns: &columns,
                rule,
            };
            let rows = inline_rows(&tc, src, &mut notes, diags);
            (columns, rows, raw.row_header.clone())
        }
    };
    let mut rows = rows;
    let tc = TableCtx {
        ctx,
        id,
        columns: &columns,
        rule,
    };
    table_footnotes(&tc, &raw.footnotes, &mut rows, &mut notes, diags);
    let tolerance = raw
        .tolerance
        .as_ref()
        .and_then(|v| to_number(ctx, v, "tolerance", diags).flatten())
        .map(|n| n.value);
    let sum_ctx = SumCtx {
        ctx,
        id,
        columns: &columns,
        tolerance,
    };
    sums::verify(&sum_ctx, &mut rows, diags);
    let table = Table {
        id: id.to_string(),
        line: yaml::place(t).map_or(0, |(l, _)| l.saturating_sub(1).max(1)),
        kind: raw.kind,
        title: raw.title.clone(),
        source: raw.source.clone().or(about.source),
        source_url: match &raw.source_url {
            Some(u) => source_url(ctx, u, diags),
            None => about.source_url,
        },
        source_date: match &raw.source_date {
            Some(d) => source_date(ctx, d, diags),
            None => about.date.as_deref().and_then(norwegian_date),
        },
        unit: raw.unit.clone(),
        notes: raw.notes.clone(),
        row_header,
        columns,
        rows: rows.into_iter().map(|r| r.row).collect(),
        symbols: rule.symbols,
        footnotes: notes.list,
    };
    (diags.errors().count() == errors_before).then_some(table)
}

/// Whether a column heading is `name` in any of its languages.
fn column_named(c: &Column, name: &str) -> bool {
    let name = name.trim();
    match &c.label {
        Text::Plain(s) => s.trim() == name,
        Text::ByLang(m) => m.iter().any(|(_, s)| s.trim() == name),
    }
}

fn column_names(columns: &[Column]) -> String {
    columns
        .iter()
        .map(|c| c.label.plain("", &[]))
        .collect::<Vec<_>>()
        .join(", ")
}

fn convert_columns(ctx: &Ctx, id: &str, raw: &[Spanned<RawColumn>], diags: &mut Diagnostics) -> Vec<Column> {
    let mut columns: Vec<Column> = raw
        .iter()
        .map(|c| Column {
            label: c.value.label.clone(),
            unit: c.value.unit.clone(),
            in_sums: c.value.in_sums,
            computed: None,
        })
        .collect();
    for (j, c) in raw.iter().enumerate() {
        let Some(computed) = &c.value.computed else {
            continue;
        };
        let names = match computed {
            Computed::Difference(n) | Computed::Percent(n) => n,
        };
        let found: Vec<Option<usize>> = names
            .iter()
            .map(|n| columns.iter().position(|col| column_named(col, n)))
            .collect();
        match found.as_slice() {
            [Some(a), Some(b)] if *a != j && *b != j => columns[j].computed = Some((computed.clone(), *a, *b)),
            _ => {
                let unknown: Vec<&String> = names
                    .iter()
                    .zip(&found)
                    .filter(|(_, f)| f.is_none())
                    .map(|(n, _)| n)
                    .collect();
                let what = if names.len() != 2 {
                    format!("names {} columns; it needs two", names.len())
                } else if let Some(u) = unknown.first() {
                    format!("names the column «{u}», which the table does not have")
                } else {
                    "is computed from itself".to_string()
                };
                diags.push(
                    Diagnostic::error(
                        ctx.file,
                        format!("the computed column «{}» of table «{id}» {what}", c.value.label.plain("", &[])),
                    )
                    .at_opt(yaml::place(c))
                    .hint(format!(
                        "name two other columns by their headings, as in `computed: {{ difference: [Budsjett, Regnskap] }}`; columns: {}",
                        column_names(&columns)
                    )),
                );
            }
        }
    }
    columns
}

#[derive(Clone, Copy)]
struct Source<'a> {
    rows: Option<&'a [Spanned<RawRow>]>,
    groups: Option<&'a [Spanned<raw::RawGroup>]>,
}

fn inline_rows(tc: &TableCtx, src: Source, notes: &mut Notes, diags: &mut Diagnostics) -> Vec<RowIn> {
    let mut out = Vec::new();
    if let Some(groups) = src.groups {
        for g in groups {
            out.push(RowIn::heading(g.value.label.clone()));
            for r in &g.value.rows {
                out.extend(convert_row(tc, r, notes, diags));
            }
        }
    }
    for r in src.rows.unwrap_or_default() {
        out.extend(convert_row(tc, r, notes, diags));
    }
    out
}

/// What every row of one table is read with.
struct TableCtx<'a> {
    ctx: &'a Ctx<'a>,
    id: &'a str,
    columns: &'a [Column],
    rule: CellRule,
}

fn convert_row(tc: &TableCtx, r: &Spanned<RawRow>, notes: &mut Notes, diags: &mut Diagnostics) -> Option<RowIn> {
    let (ctx, id, columns) = (tc.ctx, tc.id, tc.columns);
    let raw = &r.value;
    let label = raw.label.clone().unwrap_or(Text::Plain(String::new()));
    let values: Vec<Spanned<raw::Cell>> = match (&raw.values, raw.total) {
        (Some(v), _) => v.value.clone(),
        // A total with no values: every sum computed (as documented).
        (None, Total::Above | Total::Below | Total::Last(_)) => Vec::new(),
        (None, Total::No) => {
            return match &raw.label {
                Some(l) => Some(RowIn::heading(l.clone())),
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
        }
    };
    let given = raw.values.is_some();
    if given && values.len() != columns.len() {
        // `[25301, 29042,5]` has one value too many because YAML split a
        // decimal: that is the mistake to name, not the count.
        let mut split = false;
        for v in &values {
            split |= split_reported(ctx, &v.value, yaml::place(v), diags);
        }
        if split {
            return None;
        }
        diags.push(
            Diagnostic::error(
                ctx.file,
                format!(
                    "the row «{}» in table «{id}» has {} values, but the table has {} columns",
                    label.plain("", &[]),
                    values.len(),
                    columns.len()
                ),
            )
            .at_opt(raw.values.as_ref().and_then(yaml::place))
            .hint(format!(
                "give one value per column ({}); write \"-\" where a value is missing",
                column_names(columns)
            )),
        );
        return None;
    }
    let mut cells = Vec::new();
    let mut places = Vec::new();
    for v in &values {
        cells.push(to_cell(ctx, v, tc.rule, diags).unwrap_or(Cell::Missing));
        places.push(yaml::place(v));
    }
    if !given {
        cells = vec![Cell::Missing; columns.len()];
        places = vec![None; columns.len()];
    }
    let marks = footnote_marks(tc, &raw.footnotes, notes, diags);
    Some(RowIn {
        row: Row::Data {
            label,
            unit: raw.unit.clone(),
            cells,
            total: raw.total != Total::No,
            marks,
        },
        places,
        place: yaml::place(r),
        total: raw.total,
        file: None,
        sheet: None,
    })
}

fn footnote_marks(
    tc: &TableCtx,
    raw: &[Spanned<raw::RawFootnote>],
    notes: &mut Notes,
    diags: &mut Diagnostics,
) -> Vec<(Option<usize>, usize)> {
    raw.iter()
        .filter_map(|f| {
            let note = NoteIn {
                column: f.value.column.as_ref(),
                mark: f.value.mark.as_ref(),
                text: &f.value.text,
            };
            one_mark(tc, note, notes, diags)
        })
        .collect()
}

/// One footnote as written: on a column (or the label), its mark and text.
struct NoteIn<'a> {
    column: Option<&'a Spanned<String>>,
    mark: Option<&'a String>,
    text: &'a Text,
}

/// Adds one footnote to the table's list; its mark's place in the row.
fn one_mark(tc: &TableCtx, f: NoteIn, notes: &mut Notes, diags: &mut Diagnostics) -> Option<(Option<usize>, usize)> {
    let column = match f.column {
        None => None,
        Some(name) => match tc.columns.iter().position(|c| column_named(c, &name.value)) {
            Some(j) => Some(j),
            None => {
                diags.push(
                    Diagnostic::error(
                        tc.ctx.file,
                        format!(
                            "the footnote names the column «{}», which table «{}» does not have",
                            name.value, tc.id
                        ),
                    )
                    .at_opt(yaml::place(name))
                    .hint(format!(
                        "name a column by its heading ({}), or leave `column` out to mark the row's label",
                        column_names(tc.columns)
                    )),
                );
                return None;
            }
        },
    };
    let mark = f.mark.cloned().unwrap_or_else(|| (notes.list.len() + 1).to_string());
    notes.list.push(Footnote {
        mark,
        text: f.text.clone(),
    });
    Some((column, notes.list.len() - 1))
}

/// Footnotes written on the table (format 1.1), each naming its row by
/// its label: the way to mark a cell of a table whose rows come from a
/// file (CSV, a sheet, SSB), and allowed on any table.
fn table_footnotes(
    tc: &TableCtx,
    raw: &[Spanned<raw::RawTableFootnote>],
    rows: &mut [RowIn],
    notes: &mut Notes,
    diags: &mut Diagnostics,
) {
    for f in raw {
        let want = f.value.row.value.trim();
        let found = rows.iter().position(|r| match &r.row {
            Row::Data { label, .. } => match label {
                Text::Plain(s) => s.trim() == want,
                Text::ByLang(m) => m.iter().any(|(_, s)| s.trim() == want),
            },
            Row::Heading(_) => false,
        });
        let Some(i) = found else {
            let labels: Vec<String> = rows
                .iter()
                .filter_map(|r| match &r.row {
                    Row::Data { label, .. } => Some(format!("«{}»", label.plain("", &[]))),
                    Row::Heading(_) => None,
                })
                .take(12)
                .collect();
            diags.push(
                Diagnostic::error(
                    tc.ctx.file,
                    format!(
                        "the footnote names the row «{want}», which table «{}» does not have",
                        tc.id
                    ),
                )
                .at_opt(yaml::place(&f.value.row))
                .hint(format!("name a row by its label: {}", labels.join(", "))),
            );
            continue;
        };
        let note = NoteIn {
            column: f.value.column.as_ref(),
            mark: f.value.mark.as_ref(),
            text: &f.value.text,
        };
        if let (Some(m), Row::Data { marks, .. }) = (one_mark(tc, note, notes, diags), &mut rows[i].row) {
            marks.push(m);
        }
    }
}

/// `source_url:` must be an address a reader can open (the rule for every
/// address field: `address::web_address`).
fn source_url(ctx: &Ctx, u: &Spanned<String>, diags: &mut Diagnostics) -> Option<String> {
    super::address::web_address(u, ctx.file, diags)
}

/// `source_date:` as a year (`2018`) or a date (`2018-03-15`), shown the
/// Norwegian way (15.03.2018).
fn source_date(ctx: &Ctx, d: &Spanned<raw::Cell>, diags: &mut Diagnostics) -> Option<String> {
    let text = d.value.as_text();
    let t = text.trim();
    if t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()) {
        return Some(t.to_string());
    }
    if let Some(shown) = norwegian_date(t) {
        return Some(shown);
    }
    diags.push(
        Diagnostic::error(ctx.file, format!("«{t}» is not a date"))
            .at_opt(yaml::place(d))
            .hint("write the year (`source_date: 2018`) or the date as year-month-day (`source_date: 2018-03-15`)"),
    );
    None
}

/// Columns written in data.yaml for a table whose values come from a file:
/// they replace the file's headings (to give a column a unit, keep it out
/// of the sums or compute it), one for each of the file's columns.
fn source_columns(
    ctx: &Ctx,
    id: &str,
    raw: &Spanned<Vec<Spanned<RawColumn>>>,
    count: usize,
    diags: &mut Diagnostics,
) -> Option<Vec<Column>> {
    if raw.value.len() != count {
        diags.push(
            Diagnostic::error(
                ctx.file,
                format!(
                    "table «{id}» lists {} columns, but its source file has {count}",
                    raw.value.len()
                ),
            )
            .at_opt(yaml::place(raw))
            .hint("give one column for each column of values in the file, or leave `columns` out to use the file's headings"),
        );
        return None;
    }
    Some(convert_columns(ctx, id, &raw.value, diags))
}

/// `2018-03-15` → `15.03.2018`; None for anything that is not a real date.
fn norwegian_date(iso: &str) -> Option<String> {
    let mut parts = iso.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (yn, mn, dn): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let leap = (yn % 4 == 0 && yn % 100 != 0) || yn % 400 == 0;
    let days = match mn {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&dn).then(|| format!("{d}.{m}.{y}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_are_real_dates() {
        assert_eq!(super::norwegian_date("2018-03-15").as_deref(), Some("15.03.2018"));
        assert_eq!(super::norwegian_date("2016-02-29").as_deref(), Some("29.02.2016"));
        assert_eq!(super::norwegian_date("2017-02-29"), None);
        assert_eq!(super::norwegian_date("2017-13-01"), None);
    }
}
