//! `check`: links and images in the narratives must lead somewhere in the
//! built site, and a link to a heading must find it.

use super::markdown::{links, resolve};
use super::RenderedSite;
use crate::content::{Doc, Narrative, Site};
use crate::diag::{Diagnostic, Diagnostics};

pub fn check(site: &Site, rendered: &RenderedSite) -> Diagnostics {
    let mut diags = Diagnostics::default();
    let each = |n: &Narrative, page: &dyn Fn(&str) -> String, diags: &mut Diagnostics| {
        for (lang, doc) in &n.by_lang {
            check_doc(doc, &page(lang), rendered, diags);
        }
    };
    each(&site.front, &|l| format!("{l}/index.html"), &mut diags);
    for m in &site.municipalities {
        each(&m.intro, &|l| format!("{l}/{}/index.html", m.slug), &mut diags);
        for a in &m.areas {
            let page = |l: &str| format!("{l}/{}/{}/index.html", m.slug, a.slug);
            each(&a.narrative, &page, &mut diags);
            for s in a.sections.values() {
                each(s, &page, &mut diags);
            }
        }
    }
    diags
}

fn check_doc(doc: &Doc, page: &str, rendered: &RenderedSite, diags: &mut Diagnostics) {
    for (dest, line, col, is_image) in links(&doc.body) {
        let Some((target, frag)) = resolve(page, &dest) else {
            continue;
        };
        let what = if is_image { "image" } else { "link" };
        let at = |d: Diagnostic| d.at(line + doc.body_line, col);
        let Some(bytes) = rendered.get(&target) else {
            diags.push(at(Diagnostic::warning(&doc.path, format!("the {what} «{dest}» leads to nothing in the site"))
                .hint(format!(
                    "it points to {target}; put the file beside data.yaml and write just its name, use /assets/NAME for files in content/assets/, or correct the address"
                ))));
            continue;
        };
        if !frag.is_empty() && target.ends_with(".html") {
            let needle = format!("id=\"{frag}\"");
            if !String::from_utf8_lossy(bytes).contains(&needle) {
                diags.push(at(Diagnostic::warning(&doc.path, format!("the link «{dest}» names a heading that is not there"))
                    .hint(format!("{target} has no heading with the id «{frag}»; heading ids are made from the heading text in the site's first language"))));
            }
        }
    }
}
