//! A CSV table source (`csv: brukarar.csv`): `;` or `,` separated, the
//! first row the headings (its first cell heads the label column).

use super::{Grid, GridCell, GridRow, Place};
use crate::content::load::read_text;
use crate::content::raw;
use crate::content::text::Text;
use crate::diag::{Diagnostic, Diagnostics};
use std::path::Path;

pub(super) fn read(path: &Path, diags: &mut Diagnostics) -> Option<Grid> {
    let text = match read_text(path) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
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
                    Diagnostic::error(path, what)
                        .at(line, 1)
                        .hint("every row needs as many fields as the header row; leave a field empty or write - where a value is missing"),
                );
                return None;
            }
        }
    }
    let Some(header) = records.first() else {
        diags.push(Diagnostic::error(path, "the CSV file is empty").hint("the first row holds the column headings"));
        return None;
    };
    let row_header = header
        .get(0)
        .filter(|s| !s.is_empty())
        .map(|s| Text::Plain(s.to_string()));
    let columns = header.iter().skip(1).map(|s| Text::Plain(s.to_string())).collect();
    let rows = records
        .iter()
        .enumerate()
        .skip(1)
        .map(|(i, rec)| {
            let line = i as u32 + 1;
            let label = rec.get(0).unwrap_or("").to_string();
            GridRow {
                total: label.trim().eq_ignore_ascii_case("sum"),
                label: Text::Plain(label),
                cells: rec
                    .iter()
                    .skip(1)
                    .map(|v| GridCell {
                        value: raw::Cell::Str(v.to_string()),
                        place: Some(Place::Line(line)),
                    })
                    .collect(),
                place: Some(Place::Line(line)),
                unit: None,
            }
        })
        .collect();
    Some(Grid::new(path, row_header, columns, rows))
}
