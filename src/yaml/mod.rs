//! The one place that knows which YAML library planvev uses (serde-saphyr).
//!
//! Everything else asks for `yaml::parse::<T>(text, file)` and gets a typed
//! value or a located `Diagnostic`, so swapping the library touches one file.

mod layout;

use crate::diag::Diagnostic;
use serde::de::DeserializeOwned;
use std::path::Path;

pub use serde_saphyr::Spanned;

/// Line and column of a spanned value, when the parser knew them.
pub fn place<T>(s: &Spanned<T>) -> Option<(u32, u32)> {
    let loc = s.referenced;
    (loc.line() > 0).then(|| (loc.line() as u32, loc.column() as u32))
}

/// The parse's budget of events and nodes grows with the text: a flat
/// 2 MB data.yaml of 50 000 rows has more nodes than the library's default
/// allows, and the text itself can never hold more events than bytes. The
/// budget counts the text, not alias replays: alias bombs are stopped by the
/// replay limits, and nesting by the depth limit, whatever the size.
fn options(text_len: usize) -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_events = budget.max_events.max(text_len + 16);
    budget.max_nodes = budget.max_nodes.max(text_len + 16);
    let mut o = options_fixed();
    o.budget = Some(budget);
    o
}

fn options_fixed() -> serde_saphyr::Options {
    // The defaults bound depth, aliases and total size (so an alias
    // bomb or 10 000-deep nesting is an error, not a hang); duplicate keys
    // are an error, since the second would silently win otherwise.
    // YAML 1.1 read `no`, `Y` and `on` as booleans: the "Norway problem",
    // which would turn a plan's `NO` or a column `Y` into false/true. Only
    // true/false are booleans here, and `0301` (a kommunenummer) stays text.
    serde_saphyr::options! {
        duplicate_keys: serde_saphyr::options::DuplicateKeyPolicy::Error,
        strict_booleans: true,
        leading_zero_numbers_as_strings: true,
    }
}

/// Parses `text` (from `file`, for messages) into `T`. `line_offset` is the
/// number of lines above the YAML in its file (front matter in Markdown).
pub fn parse<T: DeserializeOwned>(text: &str, file: &Path, line_offset: u32) -> Result<T, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Err(Diagnostic::error(file, "the file is empty").hint(
            "write at least the keys this file needs (site.yaml and data.yaml: `title:`, municipality.yaml: `name:`); see docs/content-format.md",
        ));
    }
    serde_saphyr::from_str_with_options::<T>(text, options(text.len()))
        .map_err(|e| to_diagnostic(&e, text, file, line_offset))
}

fn to_diagnostic(e: &serde_saphyr::Error, text: &str, file: &Path, line_offset: u32) -> Diagnostic {
    let plain = e.render_with_options(serde_saphyr::render_options! {
        snippets: serde_saphyr::SnippetMode::Off,
    });
    let place = e
        .location()
        .filter(|l| l.line() > 0)
        .map(|l| (l.line() as u32, l.column() as u32));
    let (message, hint, place) = explain(&clean_message(&plain), text, place);
    let mut d = Diagnostic::error(file, message)
        .kind(crate::diag::Kind::Yaml)
        .at_opt(place.map(|(l, c)| (l + line_offset, c)));
    if let Some(h) = hint {
        d = d.hint(h);
    }
    d
}

/// The library appends the place to its messages; we show the place in our
/// own way, so drop it.
fn clean_message(plain: &str) -> String {
    let first = plain.lines().next().unwrap_or(plain).trim();
    let cut = first.find(" at line ").map(|i| &first[..i]).unwrap_or(first);
    cut.trim_end_matches([',', '.', ' ']).to_string()
}

/// `a, b, c` after "expected one of" in serde's messages.
fn expected_list(message: &str) -> Vec<String> {
    message
        .split("expected one of")
        .nth(1)
        .map(|rest| {
            rest.split(',')
                .map(|k| k.trim().trim_matches('`').to_string())
                .filter(|k| !k.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// Puts serde's and the parser's wording into words a plan editor can act
/// on, with a hint, and moves the place to the real spot where the parser's
/// is misleading.
fn explain(message: &str, text: &str, place: Option<(u32, u32)>) -> (String, Option<String>, Option<(u32, u32)>) {
    // The parser often gives up lines below the mistake: look there first.
    if let Some(found) = layout::elsewhere(message, text, place) {
        return found;
    }
    let quoted = |m: &str| m.split('`').nth(1).unwrap_or("").to_string();
    if let Some(key) = message
        .strip_prefix('`')
        .and_then(|m| m.split_once("` is not a language code"))
        .map(|(k, _)| k)
    {
        // The parser names the map; the key itself is the spot to show.
        let from = place.map_or(0, |(l, _)| l as usize - 1);
        let found = text.lines().enumerate().skip(from).find_map(|(i, l)| {
            let col = l.len() - l.trim_start().len();
            l.trim_start()
                .starts_with(&format!("{key}:"))
                .then(|| (i as u32 + 1, col as u32 + 1))
        });
        let (what, hint) = message.split_once("; ").unwrap_or((message, ""));
        return (
            what.to_string(),
            Some(hint.to_string()).filter(|h| !h.is_empty()),
            found.or(place),
        );
    }
    if message.starts_with("unknown field") {
        let name = quoted(message);
        let known = expected_list(message);
        let refs: Vec<&str> = known.iter().map(String::as_str).collect();
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_digit()) {
            return (
                format!("unknown key `{name}`"),
                Some(format!(
                    "inside {{ }} a comma separates entries, so a number such as 5,{name} is split in two: write it in quotes, \"5,{name}\""
                )),
                place,
            );
        }
        let hint = match nearest(&name, &refs) {
            Some(k) => format!("did you mean `{k}`? Keys allowed here: {}", known.join(", ")),
            None => format!("keys allowed here: {}", known.join(", ")),
        };
        return (format!("unknown key `{name}`"), Some(hint), place);
    }
    if message.starts_with("unknown variant") {
        let name = quoted(message);
        let known = expected_list(message);
        let refs: Vec<&str> = known.iter().map(String::as_str).collect();
        let near = nearest(&name, &refs)
            .map(|k| format!("did you mean `{k}`? "))
            .unwrap_or_default();
        return (
            format!("«{name}» is not one of the allowed values"),
            Some(format!("{near}write one of: {}", known.join(", "))),
            place,
        );
    }
    if message.starts_with("missing field") {
        let name = quoted(message);
        return (
            format!("the key `{name}` is missing"),
            Some(format!("add `{name}:` here")),
            place,
        );
    }
    if message.contains("found a tab") || message.contains("tab character") || message.contains("tabs disallowed") {
        let tab = text.lines().enumerate().find(|(_, l)| l.contains('\t'));
        let place = tab
            .map(|(i, l)| (i as u32 + 1, l.find('\t').map(|c| c as u32 + 1).unwrap_or(1)))
            .or(place);
        return (
            "a tab is used for indentation".into(),
            Some("YAML indents with spaces only; replace the tab with spaces".into()),
            place,
        );
    }
    if message.starts_with("duplicate mapping key") {
        let key = message
            .trim_start_matches("duplicate mapping key:")
            .split(',')
            .next()
            .unwrap_or("")
            .trim();
        return (
            format!("the key `{key}` appears twice"),
            Some("each key may appear once in a mapping; remove or merge the second one".into()),
            place,
        );
    }
    if message.contains("expected sequence start") {
        return (
            "a list is expected here".into(),
            Some("write the items on lines that start with `- `, or as [a, b, c]".into()),
            place,
        );
    }
    if message.contains("expected mapping start") || message.contains("expected a map") {
        return (
            "keys with values are expected here".into(),
            Some("write `key: value` lines, indented under this key".into()),
            place,
        );
    }
    if message.contains("budget") || message.contains("recursion") || message.contains("depth") {
        return (
            "the YAML is too deeply nested or repeats itself too much to be a plan file".into(),
            Some(
                "a data file nests a few levels deep; check for anchors (&) and aliases (*) that expand without end"
                    .into(),
            ),
            place,
        );
    }
    if message.starts_with("invalid i32") || message.starts_with("invalid digit") {
        return (
            "a year is expected here".into(),
            Some("write the year with four digits, as in `2020: \"4,05\"`".into()),
            place,
        );
    }
    if message.contains("unclosed bracket") || message.contains("flow sequence") || message.contains("flow mapping") {
        return (
            "a list or map opened with [ or { is not closed".into(),
            Some("close it with ] or } on the same line, or write the items on lines that start with `- `".into()),
            place,
        );
    }
    if message.contains("quoted scalar") || message.contains("unclosed quote") {
        return (
            "a quoted text is not closed".into(),
            Some("end the text with the same quote mark (\" or ') it starts with, on the same line".into()),
            place,
        );
    }
    if message.starts_with("invalid type: boolean") {
        return (
            message.replace("invalid type: ", "wrong kind of value: "),
            Some("true/false (and yes/no in some YAML) are not numbers or text; write the number, \"-\" for a missing value, or put text in quotes".into()),
            place,
        );
    }
    if message.starts_with("invalid type") {
        return (
            message.replace("invalid type: ", "wrong kind of value: "),
            Some("compare with the example in docs/content-format.md".into()),
            place,
        );
    }
    (message.to_string(), None, place)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The alias bomb and deep nesting must fail fast even where a type
    /// accepts anything (typed fields stop most such files sooner).
    #[test]
    fn alias_bombs_and_deep_nesting_are_refused() {
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            bomb.push_str(&format!(
                "a{i}: &a{i} [{}]\n",
                vec![format!("*a{}", i - 1); 10].join(", ")
            ));
        }
        let start = std::time::Instant::now();
        let err = parse::<serde::de::IgnoredAny>(&bomb, Path::new("bomb.yaml"), 0).unwrap_err();
        assert!(start.elapsed().as_secs() < 5, "refused quickly");
        assert!(err.line > 0, "{err:?}");
        let deep = format!("a: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
        let err = parse::<serde::de::IgnoredAny>(&deep, Path::new("deep.yaml"), 0).unwrap_err();
        assert!(err.message.contains("too deeply nested"), "{err:?}");
    }

    /// 50 000 rows (2 MB) exceeded the library's default node budget and
    /// were refused as "too deeply nested or repeats itself".
    #[test]
    fn a_flat_large_file_loads() {
        let mut text = String::from("title: Stor\nrows:\n");
        for i in 0..50_000 {
            text.push_str(&format!(
                "  - label: Rad nummer {i}\n    values: [\"1 234\", \"2 345\", \"3 456\"]\n"
            ));
        }
        assert!(text.len() > 2_000_000);
        let v: serde::de::IgnoredAny = parse(&text, Path::new("data.yaml"), 0).unwrap();
        let _ = v;
    }

    #[test]
    fn norwegian_words_are_not_booleans_and_leading_zeros_stay() {
        let v: std::collections::BTreeMap<String, String> =
            parse("land: NO\nsvar: nei\nja: Y\nnummer: 0301\n", Path::new("x.yaml"), 0).unwrap();
        assert_eq!(v["land"], "NO");
        assert_eq!(v["ja"], "Y");
        assert_eq!(v["nummer"], "0301");
    }
}
