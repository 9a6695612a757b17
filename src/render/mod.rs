//! Rendering: the checked model to an in-memory site (path → bytes). Pages
//! are rendered in parallel; nothing is written to disk here.

pub mod links;
pub mod markdown;
pub mod pages;
pub mod view;

use crate::content::Site;
use crate::diag::{Diagnostic, Diagnostics};
use crate::i18n::{self, Strings};
use crate::theme::Theme;
use std::collections::BTreeMap;
use std::path::Path;

/// A built site: relative path (`nn/klepp/index.html`) → file content.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RenderedSite {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl RenderedSite {
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }
}

/// Everything the page renderers share.
pub struct Renderer<'a> {
    pub site: &'a Site,
    pub tera: tera::Tera,
    pub strings: BTreeMap<String, Strings>,
    /// `assets/planvev.<hash>.css`
    pub css_path: String,
    pub theme: &'a Theme,
}

impl<'a> Renderer<'a> {
    pub fn new(site: &'a Site, theme: &'a Theme, diags: &mut Diagnostics) -> Option<Self> {
        let strings = i18n::load(theme, &site.languages, diags);
        let tera = templates(theme, diags)?;
        let css = theme.files.get("static/style.css").cloned().unwrap_or_default();
        let css_path = format!("assets/planvev.{}.css", short_hash(&css));
        Some(Renderer {
            site,
            tera,
            strings,
            css_path,
            theme,
        })
    }

    pub fn render_template(&self, name: &str, ctx: &serde_json::Value) -> Result<String, Diagnostic> {
        let ctx = tera::Context::from_serialize(ctx)
            .map_err(|e| Diagnostic::error(Path::new("themes/templates").join(name), format!("{e}")))?;
        self.tera.render(name, &ctx).map_err(|e| {
            Diagnostic::error(
                Path::new("themes/default/templates").join(name),
                format!("the template failed: {}", error_chain(&e)),
            )
            .hint("if you changed the theme, compare it with the built-in one in themes/default")
        })
    }
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}

fn templates(theme: &Theme, diags: &mut Diagnostics) -> Option<tera::Tera> {
    let mut tera = tera::Tera::new();
    let list: Vec<(String, String)> = theme
        .under("templates")
        .map(|(name, bytes)| (name.to_string(), String::from_utf8_lossy(bytes).into_owned()))
        .collect();
    match tera.add_raw_templates(list) {
        Ok(()) => Some(tera),
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    "themes/templates",
                    format!("a theme template has an error: {}", error_chain(&e)),
                )
                .hint("the message names the template and line; compare it with the built-in theme"),
            );
            None
        }
    }
}

/// 8 hex digits of SHA-256: enough to bust caches when the file changes.
pub fn short_hash(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let d = Sha256::digest(bytes);
    d.iter().take(4).map(|b| format!("{b:02x}")).collect()
}

/// Renders the whole site, or returns the problems that stopped it.
pub fn render_site(site: &Site, theme: &Theme) -> Result<RenderedSite, Diagnostics> {
    let mut diags = Diagnostics::default();
    let Some(r) = Renderer::new(site, theme, &mut diags) else {
        return Err(diags);
    };
    if diags.has_errors() {
        return Err(diags);
    }
    match pages::render_all(&r) {
        Ok(files) => Ok(RenderedSite { files }),
        Err(d) => {
            diags.extend(d);
            Err(diags)
        }
    }
}
