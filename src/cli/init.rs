//! `planvev init DIR`: a small site that builds as it is and shows every
//! kind of content once, for a plan editor to copy from.

use crate::content::schema::{self, SchemaFile};
use std::fs;
use std::path::Path;

const FILES: &[(&str, &str)] = &[
    (
        "content/site.yaml",
        r#"# Settings for the whole site.
title: { nn: "Handlingsplan 2025–2028", nb: "Handlingsplan 2025–2028" }
languages: [nn, nb]          # the first is the default
period: { from: 2025, to: 2028 }
# The year (or day, 2026-03-15) the plan reports on. A goal whose last target's
# year has passed by then without being met is "Ikkje nådd / Ikke nådd".
report_date: 2025
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

  # Key figures compared with others; row groups; "-" is a missing value.
  nokkeltal:
    kind: key-figures
    title: { nn: Nøkkeltal, nb: Nøkkeltall }
    source: KOSTRA 2024
    row_header: { nn: Indikator, nb: Indikator }
    columns: [Eksempel, Kostragruppe 7, Landet]
    groups:
      - label: { nn: Prioritering, nb: Prioritering }
        rows:
          - label: { nn: Netto driftsutgifter per innbyggar, nb: Netto driftsutgifter per innbygger }
            unit: kr
            values: ["2 105", "-", "2 571"]
      - label: { nn: Dekningsgrad, nb: Dekningsgrad }
        rows:
          - label: { nn: Del sosialhjelpsmottakarar 18–24 år, nb: Andel sosialhjelpsmottakere 18–24 år }
            unit: "%"
            values: ["5,4", "4,9", "6,3"]

  # Accounts as printed: the sum first, a computed difference and a percentage
  # that is not summed, a footnote on one cell, and the source with its address.
  rekneskap:
    kind: budget
    title: { nn: Rekneskap 2024, nb: Regnskap 2024 }
    unit: 1000 kr
    tolerance: "0,1"           # the source rounds its percentages
    source: { nn: Årsmelding 2024, nb: Årsmelding 2024 }
    source_url: https://www.example.no/arsmelding-2024.pdf
    source_date: 2025-03-15
    columns:
      - Regnskap
      - Budsjett
      - label: Avvik
        computed: { difference: [Budsjett, Regnskap] }   # Budsjett − Regnskap, checked
      - label: Forbruk
        unit: "%"
        in_sums: false                                     # not added up by the sum row
        computed: { percent: [Regnskap, Budsjett] }        # Regnskap / Budsjett × 100
    rows:
      - label: Sum
        total: below           # the sum of the rows after it, printed first
        values: [29373, 29803, 430, "98,6"]
      - label: { nn: Helse og velferd, nb: Helse og velferd }
        values: [25311, 25267, -44, "100,2"]
        footnotes:
          - column: Regnskap
            text: { nn: Inkludert tilskot frå staten., nb: Inkludert tilskudd fra staten. }
      - label: { nn: Sentraladministrasjonen, nb: Sentraladministrasjonen }
        values: [4062, 4536, 474, ""]    # left empty: planvev computes it (89,6)

  # Statistics Norway's symbols: - nil (counts as zero), .. missing,
  # ... not yet available, . not applicable, : confidential. A legend follows.
  barnevern:
    kind: key-figures
    title: { nn: Barn med tiltak, nb: Barn med tiltak }
    symbols: ssb               # or `symbols: ssb` in site.yaml for every table
    columns: ["2023", "2024"]
    rows:
      - label: { nn: I fosterheim, nb: I fosterhjem }
        values: [12, ":"]
      - label: { nn: På institusjon, nb: På institusjon }
        values: ["-", "..."]
      - label: { nn: I alt, nb: I alt }
        total: true            # 2023 checked (nil counts as zero); 2024 shown as printed: `:` hides a value
        values: [12, 15]

  # Any table, shown as written: text cells are allowed.
  kontakt:
    kind: plain
    title: { nn: Kontakt, nb: Kontakt }
    columns: [Telefon, Opningstid]
    rows:
      - label: NAV Eksempel
        values: ["51 00 00 00", "09–15"]

series:
  brukarar-utvikling:          # not the id of a table: each is published as <id>.csv
    title: { nn: Brukarar med økonomisk stønad, nb: Brukere med økonomisk stønad }
    unit: { nn: personar, nb: personer }
    points: { 2021: 1255, 2022: 1358, 2023: 1568, 2024: 1770 }

goals:
  # A goal with a number: planvev computes its status from targets and results.
  - id: unge-sosialhjelp
    goal:
      nn: Redusera delen under 25 år som tek imot sosialhjelp
      nb: Redusere andelen under 25 år som mottar sosialhjelp
    indicator: { nn: Statistikk, nb: Statistikk }
    unit: "%"
    baseline: { year: 2023, value: "5,4" }   # "Førre resultat"; `year` may be left out
    targets: { 2025: "4,86", 2028: "4,05" }  # lower is better: 5,4 goes down to 4,05
    results: { 2024: "5,2", 2025: "4,9" }    # every result is shown, year by year
    periods: { 2025: { nn: skuleåret 2024/25, nb: skoleåret 2024/25 } }   # what a result measures, where not its year
  # Targets written as the plan prints them: "minst", "høgst", ">", "≥", "3–5 %".
  # The comparison says which way is better; `direction:` only where nothing does.
  - id: flyktningar-arbeid
    goal:
      nn: Fleire flyktningar over i arbeid eller utdanning
      nb: Flere flyktninger over i arbeid eller utdanning
    unit: "%"
    baseline: { year: 2024, value: 18 }
    targets: { 2025: "minst 30 %" }
    target: { value: "minst 65 %", from: 2027 }   # from a year on, to the end of the plan
  - id: brukartilfredsheit
    goal: { nn: Nøgde brukarar, nb: Fornøyde brukere }
    unit: "%"
    target: "> 85 %"                       # a standing target, through the whole plan period
    results: { 2025: "87" }
  - id: sjukefravaer
    goal: { nn: Lågt sjukefråvær, nb: Lavt sykefravær }
    unit: "%"
    targets: { 2028: "5–6,5 %" }             # a range: both ends count
  # Several indicators under one goal: a status for each and one for the goal.
  - id: busetjing
    goal: { nn: Gode bustader for alle, nb: Gode boliger for alle }
    indicators:
      - indicator: { nn: Ventetid (veker), nb: Ventetid (uker) }
        target: "høgst 12"
        results: { 2025: "10" }
      - indicator: { nn: Bustader i bruk, nb: Boliger i bruk }
        direction: higher                  # a bare number: say which way is better
        targets: { 2028: 60 }
        results: { 2025: 41 }
  # A goal with no number: the editor states the status with a written assessment.
  - id: robek
    goal: { nn: Kommunen skal ut av ROBEK, nb: Kommunen skal ut av ROBEK }
    assessment:
      status: on-track                     # achieved | on-track | behind | not-achieved
      date: 2026-03-15
      text:
        nn: Underskotet er dekt inn, og kommunen ventar svar frå statsforvaltaren.
        nb: Underskuddet er dekket inn, og kommunen venter svar fra statsforvalteren.
  # A goal with no number and nothing assessed is shown without status.
  - id: frivillige
    goal: { nn: Styrka samarbeidet med frivillige, nb: Styrke samarbeidet med frivillige }
    strategies:
      - { nn: Faste møte med frivilligsentralen, nb: Faste møter med frivilligsentralen }
"#,
    ),
    (
        "content/eksempel/sosiale-tenester/index.nn.md",
        r#"## Status

Skriv om stoda i tenesta her. Tabellar og mål frå data.yaml set du inn med ei linje for kvar:

{{ table budsjett }}

{{ table nokkeltal }}

{{ table rekneskap }}

{{ table barnevern }}

{{ chart brukarar-utvikling }}

{{ table kontakt }}

## Mål

{{ goals }}
"#,
    ),
    (
        "content/eksempel/sosiale-tenester/index.nb.md",
        r#"## Status

Skriv om situasjonen i tjenesten her. Tabeller og mål fra data.yaml setter du inn med en linje for hver:

{{ table budsjett }}

{{ table nokkeltal }}

{{ table rekneskap }}

{{ table barnevern }}

{{ chart brukarar-utvikling }}

{{ table kontakt }}

## Mål

{{ goals }}
"#,
    ),
];

/// A YAML file's text with the line naming its schema on top, so an editor
/// such as VS Code helps while typing (the schemas are in content/.schema/).
fn with_modeline(rel: &str, text: &str) -> String {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    match SchemaFile::for_name(name) {
        Some(kind) => format!("{}\n{text}", kind.modeline()),
        None => text.to_string(),
    }
}

pub(super) fn run(dir: &Path) -> i32 {
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
        if let Err(e) = fs::write(&path, with_modeline(rel, text)) {
            eprintln!("error: could not write {}: {e}", path.display());
            return 1;
        }
    }
    if let Err(d) = schema::write_all(&dir.join("content")) {
        eprint!("{}", crate::diag::Diagnostics { items: vec![d] }.render_all());
        return 1;
    }
    println!("Made a new site in {}.", dir.display());
    println!("Next: cd {} && planvev serve   (or: planvev build)", dir.display());
    0
}
