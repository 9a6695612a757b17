//! UI strings per language, from the theme's `strings/LANG.yaml`. Adding a
//! language (`se`, `en`) needs only such a file.

use crate::diag::{Diagnostic, Diagnostics};
use crate::theme::Theme;
use std::collections::BTreeMap;
use std::path::Path;

pub type Strings = BTreeMap<String, String>;

/// Strings for every language of the site. A key missing in one language
/// falls back to the first language that has it, so a half-translated
/// strings file still gives a whole page.
pub fn load(theme: &Theme, languages: &[String], diags: &mut Diagnostics) -> BTreeMap<String, Strings> {
    let mut all: BTreeMap<String, Strings> = BTreeMap::new();
    for lang in languages {
        let path = format!("strings/{lang}.yaml");
        let display = Path::new("themes").join(&path);
        match theme.text(&path) {
            Some(text) => match crate::yaml::parse::<Strings>(text, &display, 0) {
                Ok(s) => {
                    all.insert(lang.clone(), s);
                }
                Err(d) => diags.push(d),
            },
            None => diags.push(
                Diagnostic::error(&display, format!("the theme has no strings for the language `{lang}`")).hint(
                    format!("copy themes/default/strings/nb.yaml to themes/NAME/strings/{lang}.yaml and translate it"),
                ),
            ),
        }
    }
    let keys: Vec<String> = all.values().flat_map(|s| s.keys().cloned()).collect();
    let snapshot = all.clone();
    for (lang, strings) in all.iter_mut() {
        for k in &keys {
            if strings.contains_key(k) {
                continue;
            }
            let fallback = languages
                .iter()
                .filter(|l| *l != lang)
                .find_map(|l| snapshot.get(l).and_then(|s| s.get(k)));
            if let Some(v) = fallback {
                strings.insert(k.clone(), v.clone());
            }
        }
    }
    all
}

/// "Teksten finst berre på bokmål": the notice for text shown in `other`
/// on a page in `lang`.
pub fn only_in(strings: &Strings, other: &str) -> String {
    strings
        .get(&format!("only_in_{other}"))
        .cloned()
        .unwrap_or_else(|| format!("({other})"))
}
