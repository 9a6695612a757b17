//! The one place that knows which YAML library planvev uses (serde-saphyr).
//!
//! Everything else asks for `yaml::parse::<T>(text, file)` and gets a typed
//! value or a located `Diagnostic`, so swapping the library touches one file.

use crate::diag::Diagnostic;
use serde::de::DeserializeOwned;
use std::path::Path;

pub use serde_saphyr::Spanned;

/// Line and column of a spanned value, when the parser knew them.
pub fn place<T>(s: &Spanned<T>) -> Option<(u32, u32)> {
    let loc = s.referenced;
    (loc.line() > 0).then(|| (loc.line() as u32, loc.column() as u32))
}

fn options() -> serde_saphyr::Options {
    // The defaults already bound depth, aliases and total size (so an alias
    // bomb or 10 000-deep nesting is an error, not a hang); duplicate keys
    // are an error, since the second would silently win otherwise.
    serde_saphyr::options! {
        duplicate_keys: serde_saphyr::options::DuplicateKeyPolicy::Error,
    }
}

/// Parses `text` (from `file`, for messages) into `T`. `line_offset` is the
/// number of lines above the YAML in its file (front matter in Markdown).
pub fn parse<T: DeserializeOwned>(text: &str, file: &Path, line_offset: u32) -> Result<T, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_saphyr::from_str_with_options::<T>(text, options()).map_err(|e| to_diagnostic(&e, text, file, line_offset))
}

fn to_diagnostic(e: &serde_saphyr::Error, text: &str, file: &Path, line_offset: u32) -> Diagnostic {
    let plain = e.render_with_options(serde_saphyr::render_options! {
        snippets: serde_saphyr::SnippetMode::Off,
    });
    let message = clean_message(&plain);
    let place = e.location().filter(|l| l.line() > 0).map(|l| (l.line() as u32 + line_offset, l.column() as u32));
    let hint = hint_for(&message, text);
    let mut d = Diagnostic::error(file, message).at_opt(place);
    if let Some(h) = hint {
        d = d.hint(h);
    }
    d
}

/// The library appends the place to its messages; we show the place in our
/// own way, so drop it and put the message in the words editors see.
fn clean_message(plain: &str) -> String {
    let first = plain.lines().next().unwrap_or(plain).trim();
    let cut = first.find(" at line ").map(|i| &first[..i]).unwrap_or(first);
    let cut = cut.trim_end_matches([',', '.', ' ']);
    cut.to_string()
}

/// Turns serde's wording into a hint a plan editor can act on.
fn hint_for(message: &str, text: &str) -> Option<String> {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (name, expected) = rest.split_once('`')?;
        let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        return Some(match nearest(name, &known) {
            Some(k) => format!("did you mean `{k}`? Known keys here: {}", known.join(", ")),
            None => format!("known keys here: {}", known.join(", ")),
        });
    }
    if message.starts_with("unknown variant `") {
        let expected = message.split("expected").nth(1)?;
        return Some(format!("write one of{}", expected.replace('`', "")));
    }
    if text.lines().any(|l| l.starts_with('\t') || l.trim_start_matches(' ').starts_with('\t')) {
        return Some("YAML does not allow tabs for indentation; indent with spaces".into());
    }
    if message.contains("duplicate") {
        return Some("each key may appear once in a mapping; remove or rename the second one".into());
    }
    None
}

/// The known name closest to a misspelt one, if any is close.
pub fn nearest<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(name, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}
