//! Web addresses written in the YAML files (`base_url`,
//! `accessibility_statement`, `source_url`): one rule for all of them, an
//! allow-list of schemes, so that no field can publish a `javascript:` link
//! or an address a browser would read as a path on the site.

use super::text::Text;
use crate::diag::{Diagnostic, Diagnostics};
use crate::yaml::{self, Spanned};
use std::path::Path;

/// The schemes a reader's browser opens as a web page.
const SCHEMES: [&str; 2] = ["https://", "http://"];

/// Why `text` is not a whole web address, with what would be right; None
/// when it is one.
pub fn problem(text: &str) -> Option<(String, String)> {
    let v = text.trim();
    let lower = v.to_ascii_lowercase();
    let Some(scheme) = SCHEMES.iter().find(|s| lower.starts_with(*s)) else {
        let fix = if lower.contains(':') && !lower.starts_with("localhost:") {
            "write a web address starting with https:// (other kinds of links are not published)".to_string()
        } else {
            format!(
                "write the whole address with its scheme: `https://{}`",
                v.trim_start_matches('/')
            )
        };
        return Some((format!("«{v}» is not a web address (https://…)"), fix));
    };
    let host = v[scheme.len()..].split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || v.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some((
            format!("«{v}» is not a whole web address"),
            "write it as https://name.kommune.no/…, with no spaces".to_string(),
        ));
    }
    None
}

/// The address in `field` of `file`, or a located error and None.
pub fn web_address(field: &Spanned<String>, file: &Path, diags: &mut Diagnostics) -> Option<String> {
    match problem(&field.value) {
        None => Some(field.value.trim().to_string()),
        Some((what, fix)) => {
            diags.push(Diagnostic::error(file, what).at_opt(yaml::place(field)).hint(fix));
            None
        }
    }
}

/// One address for every language, or one per language (the accessibility
/// statement): each must be a whole web address, else a located error and
/// None.
pub fn web_addresses(field: &Spanned<Text>, file: &Path, diags: &mut Diagnostics) -> Option<Text> {
    // A map's entries have no place of their own: the line that holds the
    // address, after the field's own line, is where the editor fixes it.
    let source = std::fs::read_to_string(file).unwrap_or_default();
    let line_of = |v: &str| {
        let (from, _) = yaml::place(field)?;
        let i = source
            .lines()
            .enumerate()
            .skip(from as usize - 1)
            .find(|(_, l)| l.contains(v.trim()))?
            .0;
        Some((i as u32 + 1, 1))
    };
    let check = |v: &str, diags: &mut Diagnostics| match problem(v) {
        None => Some(v.trim().to_string()),
        Some((what, fix)) => {
            let at = line_of(v).or_else(|| yaml::place(field));
            diags.push(Diagnostic::error(file, what).at_opt(at).hint(fix));
            None
        }
    };
    match &field.value {
        Text::Plain(v) => check(v, diags).map(Text::Plain),
        Text::ByLang(map) => {
            let checked: Vec<_> = map
                .iter()
                .map(|(l, v)| check(v, diags).map(|v| (l.clone(), v)))
                .collect();
            checked.into_iter().collect::<Option<Vec<_>>>().map(Text::ByLang)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::problem;

    /// Issue 11.11 and 11.12: `javascript:` in accessibility_statement was
    /// published, and a base_url without a scheme was taken as a path.
    #[test]
    fn only_whole_web_addresses_pass() {
        for ok in [
            "https://uustatus.no/nb/erklaringer/x",
            "http://plan.klepp.kommune.no",
            "HTTPS://a.no/",
        ] {
            assert_eq!(problem(ok), None, "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "data:text/html,x",
            "vbscript:x",
            "file:///etc/passwd",
            "//evil.example/",
            "plan.klepp.kommune.no",
            "https://",
            "https:///x",
            "https://a b.no/",
        ] {
            assert!(problem(bad).is_some(), "{bad}");
        }
        let (_, fix) = problem("plan.klepp.kommune.no").unwrap();
        assert!(fix.contains("https://plan.klepp.kommune.no"), "{fix}");
    }
}
