//! The one pipeline: load → validate → render to memory. `build` writes the
//! result, `check` reports on it, `serve` serves it.

use crate::content::{self, Site};
use crate::diag::Diagnostics;
use crate::render::{self, RenderedSite};
use crate::theme::Theme;
use std::path::Path;

pub struct Outcome {
    pub site: Option<Site>,
    pub theme: Theme,
    /// Present when there were no errors.
    pub rendered: Option<RenderedSite>,
    /// Every problem of the run, sorted.
    pub diags: Diagnostics,
    /// The problems found while reading files (content and theme), apart
    /// from validation and the link check, which `serve` redoes on its own
    /// when one area changes.
    pub read_diags: Diagnostics,
}

pub struct Settings {
    /// Overrides site.yaml's base_url (from `--base-url`).
    pub base_url: Option<String>,
}

pub fn run(content_dir: &Path, settings: &Settings) -> Outcome {
    let (site, mut diags) = content::load_site(content_dir);
    let mut site = site;
    if let (Some(s), Some(b)) = (site.as_mut(), &settings.base_url) {
        s.base_url = Some(if b.ends_with('/') { b.clone() } else { format!("{b}/") });
    }
    let theme = Theme::load(content_dir, site.as_ref().and_then(|s| s.theme.as_deref()), &mut diags);
    let read_diags = diags.clone();
    if let Some(s) = &site {
        diags.extend(content::validate::validate(s));
    }
    let rendered = match &site {
        Some(s) if !diags.has_errors() => match render::render_site(s, &theme) {
            Ok(r) => Some(r),
            Err(d) => {
                diags.extend(d);
                None
            }
        },
        _ => None,
    };
    if let (Some(s), Some(r)) = (&site, &rendered) {
        diags.extend(render::links::check(s, r));
    }
    diags.sort();
    Outcome {
        site,
        theme,
        rendered,
        diags,
        read_diags,
    }
}
