//! Build time of a whole country: a synthetic site of 357 municipalities
//! (Norway's count) with several service areas each, built phase by phase
//! through the same pipeline as `planvev build`. Run it through
//! `scripts/bench-build.sh` (release build).
//!
//! Options: --munis N (357) --areas N (4) --runs N (5) --keep DIR (write the
//! generated content to DIR and keep it, e.g. to time the binary on it).

// The binary's allocator, its options and worker threads, so that the
// figures are the binary's.
#[path = "../src/runtime.rs"]
mod runtime;

#[path = "synthetic/mod.rs"]
mod synthetic;

use planvev::{content, output, render, theme::Theme};
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    runtime::worker_threads();
    let (mut munis, mut areas, mut runs, mut keep) = (357, 4, 5, None::<PathBuf>);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--munis" => munis = val().parse().expect("a number"),
            "--areas" => areas = val().parse().expect("a number"),
            "--runs" => runs = val().parse().expect("a number"),
            "--keep" => keep = Some(PathBuf::from(val())),
            _ => panic!("unknown option {a}"),
        }
    }
    let tmp = tempfile::tempdir().unwrap();
    let root = keep.clone().unwrap_or_else(|| tmp.path().join("content"));
    let files = synthetic::synthetic(&root, munis, areas);
    println!("Synthetic site: {munis} municipalities × {areas} areas, {files} content files.");
    println!(
        "{:>4} {:>8} {:>9} {:>8} {:>8} {:>8}  (ms)",
        "run", "load", "validate", "render+write", "swap", "total"
    );
    let mut totals = Vec::new();
    for run in 1..=runs {
        let t0 = Instant::now();
        let (site, diags) = content::load_site(&root);
        let site = site.expect("the synthetic site loads");
        assert!(!diags.has_errors(), "{}", diags.render_all());
        let t1 = Instant::now();
        let mut d = content::validate::validate(&site);
        let theme = Theme::load(&root, None, &mut d);
        let t2 = Instant::now();
        // Routes are written as they are rendered; "write" is the swap.
        let out = tmp.path().join("output");
        let staging = output::Staging::begin(&out, &root).expect("writes");
        let mut rendered = render::render_site(&site, &theme, &staging, None).expect("renders");
        if let Some(pages) = rendered.search.take() {
            rendered.files += render::render_search(&pages, &staging).expect("indexes");
        }
        let t3 = Instant::now();
        staging.commit().expect("writes");
        let t4 = Instant::now();
        let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1000.0;
        totals.push(ms(t0, t4));
        println!(
            "{run:>4} {:>8.0} {:>9.0} {:>8.0} {:>8.0} {:>8.0}   {} files",
            ms(t0, t1),
            ms(t1, t2),
            ms(t2, t3),
            ms(t3, t4),
            ms(t0, t4),
            rendered.files,
        );
    }
    totals.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!("median total: {:.0} ms over {runs} runs", totals[totals.len() / 2]);
}
