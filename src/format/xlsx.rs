//! Spreadsheets: a sheet of typed cells written as an XLSX workbook.
//!
//! Numbers are stored as numbers with a number format (`#,##0.0`, `0.0%`)
//! that Excel and LibreOffice show in the reader's locale: in Norwegian,
//! with a space between thousands and a decimal comma. Text (symbols such
//! as `..`, the missing-value mark) stays text, exactly as printed.

use crate::format::Number;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook};

/// One cell of a sheet.
#[derive(Debug, Clone, PartialEq)]
pub enum XCell {
    Empty,
    Text(String),
    /// A caption or heading, shown bold.
    Strong(String),
    /// A symbol or missing mark where a number would be (`..`, `–`): text
    /// as printed, aligned right like the numbers around it.
    Mark(String),
    /// A value; `percent` stores it as a fraction with a `%` format, so the
    /// spreadsheet can compute with it as a percentage.
    Num {
        n: Number,
        percent: bool,
    },
}

/// A sheet: its name (at most 31 characters, as Excel requires) and rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<XCell>>,
    /// Widths of the first columns in characters.
    pub widths: Vec<f64>,
}

/// The number format for a value with `scale` decimals: `#,##0.00`.
fn num_format(scale: u8, percent: bool) -> String {
    let decimals = "0".repeat(scale as usize);
    let base = if decimals.is_empty() {
        "#,##0".to_string()
    } else {
        format!("#,##0.{decimals}")
    };
    if percent {
        format!("{base}%")
    } else {
        base
    }
}

/// The workbook's bytes. Its creation date is fixed, so the same table
/// gives the same file in every build (no needless changes on the server).
///
/// The zip inside is compressed at the fastest level: a table's workbook is
/// mostly the same boilerplate XML, which the fastest level packs nearly as
/// small (a few per cent larger) at a fraction of the default level's time,
/// and a country has tens of thousands of them.
pub fn to_xlsx_bytes(sheet: &Sheet) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    wb.set_zip_compression_level(1);
    let date = ExcelDateTime::from_ymd(2000, 1, 1).map_err(|e| e.to_string())?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&date));
    let ws = wb.add_worksheet();
    let name: String = sheet
        .name
        .chars()
        .filter(|c| !"[]:*?/\\'".contains(*c))
        .take(31)
        .collect();
    if !name.is_empty() {
        ws.set_name(name).map_err(|e| e.to_string())?;
    }
    for (c, w) in sheet.widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w).map_err(|e| e.to_string())?;
    }
    let bold = Format::new().set_bold();
    let right = Format::new().set_align(FormatAlign::Right);
    for (r, row) in sheet.rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            let done = match cell {
                XCell::Empty => continue,
                XCell::Text(t) => ws.write_string(r, c, t),
                XCell::Strong(t) => ws.write_string_with_format(r, c, t, &bold),
                XCell::Mark(t) => ws.write_string_with_format(r, c, t, &right),
                XCell::Num { n, percent } => {
                    let v = n.value.to_f64();
                    let v = if *percent { v / 100.0 } else { v };
                    let f = Format::new().set_num_format(num_format(n.value.scale, *percent));
                    ws.write_number_with_format(r, c, v, &f)
                }
            };
            done.map(|_| ()).map_err(|e| e.to_string())?;
        }
    }
    wb.save_to_buffer().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_keep_the_authors_decimals() {
        assert_eq!(num_format(0, false), "#,##0");
        assert_eq!(num_format(2, false), "#,##0.00");
        assert_eq!(num_format(1, true), "#,##0.0%");
    }
}
