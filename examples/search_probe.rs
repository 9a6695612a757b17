//! Times the search index of a built site on its own: reads every page of
//! OUT (a `planvev build` output) and indexes them as a build does.
//!
//!   cargo run --release --example search_probe -- OUT

// The binary's allocator, its options and worker threads, so that the
// figures are the binary's.
#[path = "../src/runtime.rs"]
mod runtime;
use std::time::Instant;

fn main() {
    runtime::worker_threads();
    let out = std::path::PathBuf::from(std::env::args().nth(1).expect("usage: search_probe OUT"));
    let mut paths = Vec::new();
    for lang in ["nn", "nb"] {
        for e in walkdir::WalkDir::new(out.join(lang)).sort_by_file_name() {
            let e = e.expect("walk");
            let p = e
                .path()
                .strip_prefix(&out)
                .expect("inside")
                .to_string_lossy()
                .into_owned();
            if p.ends_with("index.html") && !p.contains("/print") {
                paths.push(p);
            }
        }
    }
    let t = Instant::now();
    let pages = planvev::search::Pages {
        langs: vec!["nn".into(), "nb".into()],
        paths,
    };
    let bundle = planvev::search::index_docs(&pages, |p| {
        std::fs::read(out.join(p))
            .ok()
            .map(|html| std::sync::Arc::new(planvev::search::read_page(&html)))
    });
    let took = t.elapsed();
    for lang in ["nn", "nb"] {
        eprintln!("{lang}: {} bytes", bundle.size_of(lang));
    }
    eprintln!("{} pages, {} files in {took:?}", pages.paths.len(), bundle.files.len());
}
