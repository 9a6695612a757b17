//! Times the reading of one data.yaml on its own, N times on one thread:
//! into planvev's typed model (`RawArea`), and into an untyped value, to
//! tell the parser's share from the model's.
//!
//!   cargo run --release --example yaml_probe -- FILE [N]

#[path = "../src/runtime.rs"]
mod runtime;
use planvev::content::raw::RawArea;
use std::path::Path;
use std::time::Instant;

fn main() {
    runtime::worker_threads();
    let file = std::env::args().nth(1).expect("a data.yaml");
    let n: usize = std::env::args().nth(2).map_or(4000, |a| a.parse().expect("a count"));
    let text = std::fs::read_to_string(&file).expect("a readable file");
    let t = Instant::now();
    for _ in 0..n {
        let _: RawArea = planvev::yaml::parse(&text, Path::new(&file), 0).expect("valid");
    }
    let typed = t.elapsed().as_secs_f64() / n as f64;
    let t = Instant::now();
    for _ in 0..n {
        let _: serde_json::Value = serde_saphyr::from_str(&text).expect("valid");
    }
    let untyped = t.elapsed().as_secs_f64() / n as f64;
    println!(
        "{} bytes: typed {:.1} µs, untyped {:.1} µs",
        text.len(),
        typed * 1e6,
        untyped * 1e6
    );
}
