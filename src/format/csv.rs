//! Table downloads as Norwegian spreadsheet users expect them: UTF-8 with a
//! byte-order mark (so Excel picks UTF-8), `;` between fields (the comma is the
//! decimal mark), numbers without grouping.

/// Writes the rows (the first being the header) as CSV bytes.
pub fn to_csv_bytes(rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .flexible(true)
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        for row in rows {
            // Writing to a Vec cannot fail; a failure here would be a bug in csv.
            w.write_record(row.iter().map(|c| inert(c).into_owned()))
                .expect("writing CSV to memory");
        }
        w.flush().expect("flushing CSV to memory");
    }
    out
}

/// A text cell a spreadsheet would run as a formula (`=HYPERLINK(…)`,
/// `=cmd|' /C calc'!A0`, also from a third-party CSV source) gets a leading
/// `'`, as OWASP recommends for CSV injection: cells that begin with `=`,
/// `+`, `-`, `@`, tab or carriage return. Numbers as planvev writes them
/// (`-2,5`) and the missing-value mark `-` stay as they are.
fn inert(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if !risky || cell == "-" || is_csv_number(cell) {
        return cell.into();
    }
    format!("'{cell}").into()
}

/// `-12`, `-2,5`: the numbers `Number::to_csv_text` writes.
fn is_csv_number(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let (int, frac) = digits.split_once(',').unwrap_or((digits, "0"));
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(int) && all_digits(frac)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_semicolon_and_quoting() {
        let bytes = to_csv_bytes(&[
            vec!["Tenester".into(), "R2015".into()],
            vec!["Helse; velferd".into(), "-2,5".into()],
        ]);
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(text, "\u{feff}Tenester;R2015\r\n\"Helse; velferd\";-2,5\r\n");
    }

    /// Issue 11.10: text cells beginning with = + - @ tab or CR went into the
    /// CSV unchanged and a reader's Excel evaluated them.
    #[test]
    fn formulas_are_made_inert_and_numbers_stay_numbers() {
        let cases = [
            (
                "=HYPERLINK(\"https://evil.example\";\"x\")",
                "\"'=HYPERLINK(\"\"https://evil.example\"\";\"\"x\"\")\"",
            ),
            ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
            ("+47 123", "'+47 123"),
            ("-drift", "'-drift"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "\"'\rx\""),
            ("-2,5", "-2,5"),
            ("-12", "-12"),
            ("3", "3"),
            ("-", "-"),
            ("Helse", "Helse"),
        ];
        for (cell, written) in cases {
            let text = String::from_utf8(to_csv_bytes(&[vec![cell.into()]])).unwrap();
            assert_eq!(text, format!("\u{feff}{written}\r\n"), "{cell:?}");
        }
    }
}
