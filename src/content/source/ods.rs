//! Merged cells of an OpenDocument sheet, which calamine does not report:
//! a merged cell would otherwise read as a value followed by empty cells.
//! One streaming pass over content.xml, counting rows and columns (with their
//! repeat counts) of the named sheet.

use quick_xml::events::{BytesStart, Event};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

/// content.xml is read no further than this: a plan's workbook is far
/// smaller, and a file that unpacks to more is no table.
const MAX_XML: u64 = 512 * 1024 * 1024;

/// A merged area: (first row, first column) and (last row, last column),
/// 0-based and inclusive.
pub(super) type Merged = ((u32, u32), (u32, u32));

/// The merged areas of `sheet`.
pub(super) fn merged(path: &Path, sheet: &str) -> Result<Vec<Merged>, String> {
    let file = File::open(path).map_err(|e| e.to_string())?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| e.to_string())?;
    let xml = zip.by_name("content.xml").map_err(|e| e.to_string())?;
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(xml.take(MAX_XML)));
    let mut buf = Vec::new();
    let mut out = Vec::new();
    let (mut inside, mut row, mut col, mut repeat) = (false, 0u32, 0u32, 1u32);
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| e.to_string())?;
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(event, Event::Empty(_));
                match e.name().as_ref() {
                    "table:table" => inside = attr(e, "table:name").as_deref() == Some(sheet),
                    "table:table-row" if inside => {
                        col = 0;
                        repeat = count(e, "table:number-rows-repeated");
                    }
                    "table:table-cell" | "table:covered-table-cell" if inside => {
                        let spans = (
                            count(e, "table:number-rows-spanned"),
                            count(e, "table:number-columns-spanned"),
                        );
                        if spans.0 > 1 || spans.1 > 1 {
                            out.push(((row, col), (row + spans.0 - 1, col + spans.1 - 1)));
                        }
                        col = col.saturating_add(count(e, "table:number-columns-repeated"));
                    }
                    _ => {}
                }
                if empty && inside && e.name().as_ref() == "table:table-row" {
                    row = row.saturating_add(repeat);
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "table:table" if inside => return Ok(out),
                "table:table-row" if inside => row = row.saturating_add(repeat),
                _ => {}
            },
            Event::Eof => return Ok(out),
            _ => {}
        }
        buf.clear();
    }
}

fn attr(e: &BytesStart, key: &str) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.as_ref() == key).map(|a| {
        a.value
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&")
    })
}

/// A count attribute (repeats, spans): 1 when absent or unreadable, at most
/// a sheet's size.
fn count(e: &BytesStart, key: &str) -> u32 {
    attr(e, key)
        .and_then(|v| v.parse::<u32>().ok())
        .map_or(1, |n| n.clamp(1, 1 << 20))
}
