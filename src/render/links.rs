//! `check`: links and images in the narratives must lead somewhere in the
//! built site, and a link to a heading must find it. The links are gathered
//! before rendering (a `Plan`), the pages they name watched while they are
//! rendered, and the plan verified after: no page is kept in memory for it.

use super::markdown::link_target;
use crate::content::{Doc, Narrative};
use crate::diag::{Diagnostic, Diagnostics};
use crate::route::{Layout, Route};
use std::collections::{HashMap, HashSet};

/// One link or image in a narrative, resolved to a file of the site.
struct Ref<'a> {
    doc: &'a Doc,
    dest: String,
    line: u32,
    col: u32,
    is_image: bool,
    target: String,
    frag: String,
}

/// Every link of the site's narratives, and the headings they need.
#[derive(Default)]
pub struct Plan<'a> {
    refs: Vec<Ref<'a>>,
    /// Page → heading ids that links ask of it.
    wanted: HashMap<String, Vec<String>>,
}

impl<'a> Plan<'a> {
    pub fn new(layout: &Layout<'a>) -> Plan<'a> {
        let site = layout.site;
        let mut refs = Vec::new();
        let mut each = |n: &'a Narrative, page: &dyn Fn(usize) -> Route| {
            for (lang, doc) in &n.by_lang {
                let Some(l) = site.languages.iter().position(|x| x == lang) else {
                    continue;
                };
                collect(doc, &layout.path(page(l)), &mut refs);
            }
        };
        each(&site.front, &Route::Front);
        for (m, mu) in site.municipalities.iter().enumerate() {
            each(&mu.intro, &|l| Route::Municipality(l, m));
            for (a, area) in mu.areas.iter().enumerate() {
                let page = |l| Route::Area(l, m, a);
                each(&area.narrative, &page);
                for s in area.sections.values() {
                    each(s, &page);
                }
            }
        }
        let mut wanted: HashMap<String, Vec<String>> = HashMap::new();
        for r in refs
            .iter()
            .filter(|r| !r.frag.is_empty() && r.target.ends_with(".html"))
        {
            wanted.entry(r.target.clone()).or_default().push(r.frag.clone());
        }
        Plan { refs, wanted }
    }

    /// The heading ids that links ask of the page at `path` and that `html`
    /// has, as (page, id) pairs.
    pub fn found_in(&self, path: &str, html: &[u8]) -> Vec<(String, String)> {
        let Some(frags) = self.wanted.get(path) else {
            return vec![];
        };
        // The page's ids once, not a search of the page per link: 50 000
        // links to headings took minutes.
        let text = String::from_utf8_lossy(html);
        let ids: HashSet<&str> = text
            .split("id=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .collect();
        frags
            .iter()
            .filter(|f| ids.contains(f.as_str()))
            .map(|f| (path.to_string(), f.clone()))
            .collect()
    }

    /// The links that lead nowhere, given which files exist and which
    /// (page, heading id) pairs were found.
    pub fn verify(&self, exists: impl Fn(&str) -> bool, has_heading: impl Fn(&str, &str) -> bool) -> Diagnostics {
        let mut diags = Diagnostics::default();
        for r in &self.refs {
            let what = if r.is_image { "image" } else { "link" };
            let at = |d: Diagnostic| d.at(r.line + r.doc.body_line, r.col).kind(crate::diag::Kind::Link);
            if !exists(&r.target) {
                diags.push(at(Diagnostic::warning(&r.doc.path, format!("the {what} «{}» leads to nothing in the site", r.dest))
                    .hint(format!(
                        "it points to {}; put the file beside data.yaml and write just its name, use /assets/NAME for files in content/assets/, or correct the address",
                        r.target
                    ))));
                continue;
            }
            if !r.frag.is_empty() && r.target.ends_with(".html") && !has_heading(&r.target, &r.frag) {
                diags.push(at(Diagnostic::warning(&r.doc.path, format!("the link «{}» names a heading that is not there", r.dest))
                    .hint(format!("{} has no heading with the id «{}»; heading ids are made from the heading text in the site's first language", r.target, r.frag))));
            }
        }
        diags
    }

    /// Verifies against a site held in memory (`serve`).
    pub fn verify_in(&self, site: &super::RenderedSite) -> Diagnostics {
        let found: HashSet<(String, String)> = self
            .wanted
            .keys()
            .filter_map(|p| site.get(p).map(|b| self.found_in(p, b)))
            .flatten()
            .collect();
        self.verify(
            |t| site.files.contains_key(t),
            |t, f| found.contains(&(t.to_string(), f.to_string())),
        )
    }
}

fn collect<'a>(doc: &'a Doc, page: &str, refs: &mut Vec<Ref<'a>>) {
    for (dest, line, col, is_image) in doc.links() {
        let Some((target, frag)) = link_target(page, dest) else {
            continue;
        };
        refs.push(Ref {
            doc,
            dest: dest.clone(),
            line: *line,
            col: *col,
            is_image: *is_image,
            target,
            frag,
        });
    }
}
