//! The licence the site's numbers are published under (`licence:` in
//! site.yaml): one of the licences Norwegian public bodies use for open
//! data, so the data packages can name it exactly. planvev never assumes one.

use crate::diag::Diagnostic;
use crate::yaml::Spanned;
use std::path::Path;

/// A licence a public body may publish its data under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Licence {
    /// Norsk lisens for offentlege data (NLOD) 2.0.
    Nlod2,
    /// Creative Commons Attribution 4.0 International.
    CcBy4,
}

impl Licence {
    /// Every licence, in the order the hint lists them.
    pub const ALL: [Licence; 2] = [Licence::Nlod2, Licence::CcBy4];

    /// The identifier written in site.yaml and in `datapackage.json`
    /// (the Open Definition / SPDX name).
    pub fn id(self) -> &'static str {
        match self {
            Licence::Nlod2 => "NLOD-2.0",
            Licence::CcBy4 => "CC-BY-4.0",
        }
    }

    /// The licence text's address.
    pub fn url(self) -> &'static str {
        match self {
            Licence::Nlod2 => "https://data.norge.no/nlod/no/2.0",
            Licence::CcBy4 => "https://creativecommons.org/licenses/by/4.0/",
        }
    }

    /// The licence's own name.
    pub fn title(self) -> &'static str {
        match self {
            Licence::Nlod2 => "Norsk lisens for offentlige data (NLOD) 2.0",
            Licence::CcBy4 => "Creative Commons Attribution 4.0 International (CC BY 4.0)",
        }
    }

    /// `licence:` as written, or a located error naming the licences known.
    pub fn parse(raw: &Spanned<String>, file: &Path) -> Result<Licence, Diagnostic> {
        let written = raw.value.trim();
        let norm = |s: &str| s.to_ascii_lowercase().replace([' ', '_'], "-");
        if let Some(l) = Licence::ALL.iter().find(|l| norm(l.id()) == norm(written)) {
            return Ok(*l);
        }
        let ids: Vec<&str> = Licence::ALL.iter().map(|l| l.id()).collect();
        // Compared as written loosely: `nlod 2` is near `NLOD-2.0`.
        let loose: Vec<String> = ids.iter().map(|i| norm(i)).collect();
        let loose_refs: Vec<&str> = loose.iter().map(String::as_str).collect();
        let near = crate::yaml::nearest(&norm(written), &loose_refs)
            .and_then(|n| loose_refs.iter().position(|x| *x == n))
            .map(|i| ids[i]);
        Err(Diagnostic::error(
            file,
            format!("`licence: {written}` is not a licence planvev knows"),
        )
        .at_opt(crate::yaml::place(raw))
        .hint(match near {
            Some(n) => format!("did you mean `licence: {n}`? planvev knows {}", ids.join(" and ")),
            None => format!(
                "write `licence: NLOD-2.0` (Norsk lisens for offentlige data) or `licence: CC-BY-4.0`, whichever your municipality publishes its data under; known: {}",
                ids.join(", ")
            ),
        }))
    }
}
