//! Times the workbooks of a download on their own: one table's workbook
//! (a title row, a header and ten rows of five years, as the country
//! benchmark's tables), made N times on one thread.
//!
//!   cargo run --release --example xlsx_probe -- [N]

// The binary's allocator, its options and worker threads, so that the
// figures are the binary's.
#[path = "../src/runtime.rs"]
mod runtime;
use planvev::format::xlsx::{to_xlsx_bytes, Sheet, XCell};
use std::time::Instant;

fn main() {
    runtime::worker_threads();
    let n: usize = std::env::args().nth(1).map_or(2000, |a| a.parse().expect("a count"));
    let mut rows = vec![vec![XCell::Strong("Nøkkeltal for barnehage".into())], Vec::new()];
    rows.push(
        std::iter::once(XCell::Strong("Indikator".into()))
            .chain((2021..=2025).map(|y| XCell::Strong(y.to_string())))
            .collect(),
    );
    for r in 0..10 {
        let mut row = vec![XCell::Text(format!("Indikator nummer {r}"))];
        for c in 0..5 {
            let n = planvev::format::parse_number(&format!("{},{}", 1000 + r * 37 + c * 11, c)).expect("a number");
            row.push(XCell::Num { n, percent: false });
        }
        rows.push(row);
    }
    let sheet = Sheet {
        name: "Nøkkeltal".into(),
        rows,
        widths: vec![40.0, 12.0],
    };
    let t = Instant::now();
    let mut bytes = 0;
    for _ in 0..n {
        bytes += to_xlsx_bytes(&sheet).expect("a workbook").len();
    }
    let e = t.elapsed();
    println!(
        "{n} workbooks, {} bytes each, {:.1} µs each",
        bytes / n,
        e.as_secs_f64() * 1e6 / n as f64
    );
}
