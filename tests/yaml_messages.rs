//! The explanations planvev gives for YAML mistakes, pinned. They are made
//! from serde-saphyr's English messages (src/yaml, `explain`), so an upgrade
//! of the parser could silently turn every hint back into parser jargon; this
//! snapshot makes such a change visible in review. Update deliberately with
//! `INSTA_UPDATE=always cargo test --test yaml_messages` and read the diff.

use planvev::content::raw::RawArea;
use std::path::Path;

/// One broken data.yaml per way of going wrong, as plan editors write them.
const CASES: &[(&str, &str)] = &[
    ("misspelt key", "title: Barnevern\ntabels:\n  a: { kind: plain }\n"),
    (
        "misspelt value",
        "title: Barnevern\ntables:\n  a:\n    kind: budsjett\n",
    ),
    ("missing key", "tables:\n  a: { kind: plain }\n"),
    ("tab indentation", "title: Barnevern\ntables:\n\ta: { kind: plain }\n"),
    ("key twice", "title: Barnevern\ntitle: Sosiale tenester\n"),
    ("list expected", "title: Barnevern\ngoals: mange\n"),
    ("map expected", "title: Barnevern\ntables: [a, b]\n"),
    (
        "yes as a value",
        "title: Barnevern\nsummary: yes\ntables:\n  a:\n    kind: true\n",
    ),
    (
        "decimal comma split inside braces",
        "title: Barnevern\ntables:\n  a: { kind: budget, tolerance: 5,4 }\n",
    ),
    ("unclosed quote", "title: \"Barnevern\ntables: {}\n"),
    ("unclosed list", "title: Barnevern\ngoals: [\n"),
    (
        "list not closed before the next lines",
        "title: Barnevern\ntables:\n  a:\n    kind: plain\n    columns: [A, B\n    rows:\n      - label: x\n        values: [1, 2]\n",
    ),
    (
        "map not closed before the next lines",
        "title: { nn: Barnevern, nb: Barnevern\ntables:\n  a:\n    kind: plain\n",
    ),
    (
        "quote not closed before the next lines",
        "title: Barnevern\ntables:\n  a:\n    kind: plain\n    title: \"Nøkkeltal\n    columns: [A]\n    rows: []\n",
    ),
    (
        "key indented less than the keys beside it",
        "title: Barnevern\ntables:\n  a:\n    kind: plain\n   columns: [A]\n",
    ),
    (
        "key indented more than the keys beside it",
        "title: Barnevern\ntables:\n  a:\n    kind: plain\n      columns: [A]\n",
    ),
    (
        "list item indented less than the items beside it",
        "title: Barnevern\ntables:\n  a:\n    kind: plain\n    columns: [A]\n    rows:\n      - label: x\n        values: [1]\n     - label: y\n        values: [2]\n",
    ),    (
        "key of a list item in the column of the items' dashes",
        "title: Barnevern\ntables:\n  a:\n    kind: plain\n    columns: [A]\n    rows:\n      - label: x\n        values: [1]\n      - label: y\n      values: [2]\n",
    ),
];

fn explain(text: &str) -> String {
    match planvev::yaml::parse::<RawArea>(text, Path::new("data.yaml"), 0) {
        Ok(_) => "(accepted)".into(),
        Err(d) => format!(
            "{}:{} {}\n    hint: {}",
            d.line,
            d.column,
            d.message,
            d.hint.as_deref().unwrap_or("(none)")
        ),
    }
}

#[test]
fn yaml_mistakes_are_explained_in_plain_words() {
    let all: Vec<String> = CASES
        .iter()
        .map(|(what, text)| format!("## {what}\n{}", explain(text)))
        .collect();
    insta::assert_snapshot!(all.join("\n\n"));
}
