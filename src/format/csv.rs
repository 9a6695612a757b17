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
            w.write_record(row).expect("writing CSV to memory");
        }
        w.flush().expect("flushing CSV to memory");
    }
    out
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
}
