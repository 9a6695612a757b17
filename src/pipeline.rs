//! The one pipeline: read → validate → render routes into a sink. `build`
//! gives it the output folder being written, `check` a sink that keeps
//! nothing, `serve` memory; `serve` also re-runs the last two steps for the
//! routes one edit touches.

use crate::content::validate::Checked;
use crate::content::{self, Site};
use crate::diag::Diagnostics;
use crate::render::package::Packages;
use crate::render::pages::PageDigests;
use crate::render::{self, Sink};
use crate::route::{A, M};
use crate::theme::Theme;
use std::collections::BTreeSet;
use std::path::Path;

/// A content folder read into the model, with the problems found reading it.
pub struct Loaded {
    pub site: Option<Site>,
    pub theme: Theme,
    /// Problems found while reading files (content and theme); validation
    /// and the link check are added by `render`.
    pub read_diags: Diagnostics,
}

pub struct Outcome {
    pub loaded: Loaded,
    /// Present when the site was rendered (there were no errors).
    pub rendered: Option<render::Rendered>,
    /// Every problem of the run, sorted.
    pub diags: Diagnostics,
}

pub struct Settings {
    /// Overrides site.yaml's base_url (from `--base-url`).
    pub base_url: Option<String>,
}

/// Reads the content folder and the theme.
pub fn read(content_dir: &Path, settings: &Settings) -> Loaded {
    let (mut site, mut diags) = content::load_site(content_dir);
    if let (Some(s), Some(b)) = (site.as_mut(), &settings.base_url) {
        s.base_url = Some(if b.ends_with('/') { b.clone() } else { format!("{b}/") });
    }
    let theme = Theme::load(content_dir, site.as_ref().and_then(|s| s.theme.as_deref()), &mut diags);
    Loaded {
        site,
        theme,
        read_diags: diags,
    }
}

/// What a partial run (serve, after an edit) renders again, and what it
/// takes from the run before it where the edit changed nothing it depends on.
#[derive(Debug, Clone, Copy)]
pub struct Partial<'p> {
    /// The areas changed since the previous run: (municipality, area).
    pub changed: &'p BTreeSet<(M, A)>,
    /// The previous run's data packages.
    pub packages: &'p Packages,
    /// The previous run's findings, by municipality.
    pub checked: &'p Checked,
    /// What the previous run's site-wide pages were made from.
    pub pages: &'p PageDigests,
}

/// Validates the model and, when it has no errors, renders into `sink` every
/// route, or with `only` the routes a change to those areas touches (and
/// the data packages that came out differently from the previous run's).
/// A full render also checks the narratives' links; after a partial one the
/// caller checks them against the whole site (`links::Plan::verify_in`).
pub fn render(loaded: &Loaded, sink: &dyn Sink, only: Option<Partial>) -> (Option<render::Rendered>, Diagnostics) {
    let mut diags = loaded.read_diags.clone();
    let Some(site) = &loaded.site else {
        diags.sort();
        return (None, diags);
    };
    let remade: Option<BTreeSet<M>> = only.map(|p| p.changed.iter().map(|(m, _)| *m).collect());
    let reuse = only.zip(remade.as_ref()).map(|(p, r)| (p.checked, r));
    let (found, checked) = content::validate::validate_reusing(site, reuse);
    diags.extend(found);
    let only = only.map(|p| render::package::Partial {
        changed: p.changed,
        previous: p.packages,
        pages: p.pages,
    });
    let rendered = match diags.has_errors() {
        true => None,
        false => match render::render_site(site, &loaded.theme, sink, only) {
            Ok(mut r) => {
                diags.extend(std::mem::take(&mut r.links));
                r.checked = checked;
                Some(r)
            }
            Err(d) => {
                diags.extend(d);
                None
            }
        },
    };
    diags.sort();
    (rendered, diags)
}

/// The whole pipeline: nothing reaches `sink` unless the content is free of errors.
pub fn run(content_dir: &Path, settings: &Settings, sink: &dyn Sink) -> Outcome {
    let loaded = read(content_dir, settings);
    let (rendered, diags) = render(&loaded, sink, None);
    let (rendered, diags) = index(rendered, diags, sink);
    Outcome {
        loaded,
        rendered,
        diags,
    }
}

/// `run` as `build` needs it: the model, and what only a later partial
/// render reuses, are let go once every page is written, before the search
/// index reads the pages back. The index needs none of it, and it was most
/// of the peak: a country's texts alone are 65 MB.
pub fn build(content_dir: &Path, settings: &Settings, sink: &dyn Sink) -> (Option<render::Rendered>, Diagnostics) {
    let loaded = read(content_dir, settings);
    let (mut rendered, diags) = render(&loaded, sink, None);
    drop(loaded);
    if let Some(r) = rendered.as_mut() {
        r.forget_reusables();
    }
    index(rendered, diags, sink)
}

/// Makes the search index of a full render that asked for one
/// (`Rendered::search`); an error writing it leaves no render.
fn index(
    rendered: Option<render::Rendered>,
    mut diags: Diagnostics,
    sink: &dyn Sink,
) -> (Option<render::Rendered>, Diagnostics) {
    let Some(mut r) = rendered else {
        return (None, diags);
    };
    let Some(pages) = r.search.take() else {
        return (Some(r), diags);
    };
    match render::render_search(&pages, sink) {
        Ok(n) => {
            r.files += n;
            (Some(r), diags)
        }
        Err(d) => {
            diags.extend(d);
            diags.sort();
            (None, diags)
        }
    }
}
