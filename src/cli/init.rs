//! `planvev init DIR`: a small site that builds as it is and shows every
//! kind of content once, for a plan editor to copy from.

use std::fs;
use std::path::Path;

const FILES: &[(&str, &str)] = &[
    (
        "content/site.yaml",
        r#"# Settings for the whole site.
title: { nn: "Handlingsplan 2025–2028", nb: "Handlingsplan 2025–2028" }
languages: [nn, nb]          # the first is the default
period: { from: 2025, to: 2028 }
# The address of the accessibility statement (tilgjengelegheitserklæring):
accessibility_statement: https://uustatus.no/
"#,
    ),
    (
        "content/eksempel/municipality.yaml",
        r#"name: Eksempel
language: nn                 # the written standard the municipality's own texts use
county: Rogaland
"#,
    ),
    (
        "content/eksempel/sosiale-tenester/data.yaml",
        r#"title: { nn: Sosiale tenester, nb: Sosiale tjenester }
summary:
  nn: Gi helse- og velferdstenester til dei som treng det mest.
  nb: Gi helse- og velferdstjenester til dem som trenger det mest.

tables:
  budsjett:
    kind: budget
    title: { nn: Budsjettfordeling, nb: Budsjettfordeling }
    unit: 1000 kr
    columns: [R2024, B2025, B2026]
    rows:
      - label: { nn: Helse og velferd, nb: Helse og velferd }
        values: [25301, 29042, 26317]
      - label: { nn: Sentraladministrasjonen, nb: Sentraladministrasjonen }
        values: [4062, 4536, 4817]
      - label: SUM
        total: true          # planvev checks that the rows add up to this
        values: [29363, 33578, 31134]

goals:
  - id: unge-sosialhjelp
    goal:
      nn: Redusera delen under 25 år som tek imot sosialhjelp
      nb: Redusere andelen under 25 år som mottar sosialhjelp
    indicator: { nn: Statistikk, nb: Statistikk }
    unit: "%"
    direction: lower         # lower is better
    baseline: { year: 2024, value: "5,4" }
    targets: { 2025: "4,86", 2028: "4,05" }
    results: { 2025: "4,9" }
  - id: flyktningar-arbeid
    goal:
      nn: Fleire flyktningar over i arbeid eller utdanning
      nb: Flere flyktninger over i arbeid eller utdanning
    indicator: { nn: Statistikk, nb: Statistikk }
    unit: "%"
    direction: higher
    baseline: { year: 2024, value: 18 }
    targets: { 2025: 30, 2028: 65 }
"#,
    ),
    (
        "content/eksempel/sosiale-tenester/index.nn.md",
        r#"## Status

Skriv om stoda i tenesta her. Tabellar og mål frå data.yaml set du inn med ei linje for kvar:

{{ table budsjett }}

## Mål

{{ goals }}
"#,
    ),
    (
        "content/eksempel/sosiale-tenester/index.nb.md",
        r#"## Status

Skriv om situasjonen i tjenesten her. Tabeller og mål fra data.yaml setter du inn med en linje for hver:

{{ table budsjett }}

## Mål

{{ goals }}
"#,
    ),
];

pub fn run(dir: &Path) -> i32 {
    if dir.exists() && fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(true) {
        eprintln!("error: {} already exists and is not empty", dir.display());
        eprintln!("  = hint: give the name of a new folder: planvev init mitt-nettstad");
        return 1;
    }
    for (rel, text) in FILES {
        let path = dir.join(rel);
        if let Some(p) = path.parent() {
            if let Err(e) = fs::create_dir_all(p) {
                eprintln!("error: could not create {}: {e}", p.display());
                return 1;
            }
        }
        if let Err(e) = fs::write(&path, text) {
            eprintln!("error: could not write {}: {e}", path.display());
            return 1;
        }
    }
    println!("Made a new site in {}.", dir.display());
    println!("Next: cd {} && planvev serve   (or: planvev build)", dir.display());
    0
}
