//! The route table's shortcuts give what the long way gives: the routes an
//! edit touches (serve renders only those) and the files copied as they
//! are (serve's block list), on the example site's real plans.

mod common;

use planvev::pipeline::{read, Settings};
use planvev::route::{Layout, Route};
use std::collections::BTreeSet;

#[test]
fn touched_routes_are_the_routes_an_edit_touches_in_order() {
    let loaded = read(&common::example_content(), &Settings { base_url: None });
    let site = loaded.site.as_ref().expect("the example site reads");
    let layout = Layout::new(site, &loaded.theme);
    let all = layout.routes();
    let mut sets: Vec<BTreeSet<(usize, usize)>> = vec![BTreeSet::new()];
    for (m, mu) in site.municipalities.iter().enumerate() {
        for a in 0..mu.areas.len() {
            sets.push(BTreeSet::from([(m, a)]));
        }
    }
    // Two areas of one municipality, and areas of two.
    let two = (site.municipalities.iter())
        .position(|mu| mu.areas.len() > 1)
        .expect("a municipality with two areas");
    sets.push(BTreeSet::from([(two, 0), (two, 1)]));
    sets.push(BTreeSet::from([(0, 0), (site.municipalities.len() - 1, 0)]));
    for changed in &sets {
        let long: Vec<Route> = all.iter().copied().filter(|r| r.touched_by(changed)).collect();
        assert_eq!(layout.touched_routes(changed), long, "for {changed:?}");
    }
    assert!(sets.len() > 5, "the example has areas to edit");
}

#[test]
fn copied_routes_are_the_files_published_as_they_are() {
    let loaded = read(&common::example_content(), &Settings { base_url: None });
    let site = loaded.site.as_ref().expect("the example site reads");
    let layout = Layout::new(site, &loaded.theme);
    let copied = |r: &Route| matches!(r, Route::AreaFile(..) | Route::ThemeFile(_) | Route::SiteAsset(_));
    let long: Vec<Route> = layout.routes().into_iter().filter(copied).collect();
    assert!(!long.is_empty(), "the example has theme files");
    assert_eq!(layout.copied_routes(), long);
}
