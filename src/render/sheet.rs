//! A table or series as a spreadsheet: the same rows as its CSV, but with
//! numbers typed, percentages as percentages, and the caption, unit and the
//! page it comes from above and below, so a sheet passed on still says what
//! it is and where it is from.

use super::view::{self, is_percent, Loc};
use crate::content::{Cell, Row, Table};
use crate::format::xlsx::{Sheet, XCell};

/// The sheet of table `t`; `address` is the page that shows it.
pub fn table_sheet(loc: &Loc, t: &Table, address: &str) -> Sheet {
    let csv = view::table_csv(loc, t);
    let mut rows: Vec<Vec<XCell>> = vec![vec![XCell::Strong(
        t.title.as_ref().map(|x| loc.plain(x)).unwrap_or_else(|| t.id.clone()),
    )]];
    if let Some(u) = &t.unit {
        rows.push(vec![XCell::Text(format!("{}: {}", loc.s("unit"), loc.plain(u)))]);
    }
    rows.push(vec![]);
    rows.push(csv[0].iter().map(|h| XCell::Strong(h.clone())).collect());
    for (r, line) in t.rows.iter().zip(&csv[1..]) {
        rows.push(match r {
            Row::Heading(_) => vec![XCell::Strong(line[0].clone())],
            Row::Data { unit, cells, .. } => {
                let row_pct = is_percent(t.unit.as_ref()) || is_percent(unit.as_ref());
                let mut out = vec![XCell::Text(line[0].clone())];
                for (j, c) in cells.iter().enumerate() {
                    let col_pct = t.columns.get(j).is_some_and(|c| is_percent(c.unit.as_ref()));
                    let printed = line.get(j + 1).cloned().unwrap_or_default();
                    out.push(match c {
                        Cell::Num(n) => XCell::Num {
                            n: *n,
                            percent: n.percent || row_pct || col_pct,
                        },
                        Cell::Text(t) => XCell::Text(t.clone()),
                        _ => XCell::Mark(printed),
                    });
                }
                out
            }
        });
    }
    // Footnotes, the symbols' legend and the source, as in the CSV.
    let tail = &csv[1 + t.rows.len()..];
    if !tail.is_empty() || t.notes.is_some() {
        rows.push(vec![]);
    }
    rows.extend(tail.iter().map(|l| l.iter().map(|x| XCell::Text(x.clone())).collect()));
    if let Some(n) = &t.notes {
        rows.push(vec![XCell::Text(loc.s("note")), XCell::Text(loc.plain(n))]);
    }
    rows.push(vec![]);
    rows.push(vec![XCell::Text(loc.s("xlsx_page")), XCell::Text(address.to_string())]);
    let label_w = csv
        .iter()
        .skip(1)
        .take(t.rows.len())
        .map(|l| l[0].chars().count())
        .max()
        .unwrap_or(10);
    let mut widths = vec![(label_w as f64 + 2.0).clamp(12.0, 60.0)];
    widths.extend(
        t.columns
            .iter()
            .map(|c| (loc.plain(&c.label).chars().count() as f64 + 2.0).clamp(12.0, 30.0)),
    );
    Sheet {
        name: t.id.clone(),
        rows,
        widths,
    }
}
