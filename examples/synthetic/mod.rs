//! A synthetic site of many municipalities, generated into a folder, for
//! the benchmarks (`bench_build`, `bench_serve`). Deterministic: the same
//! arguments give the same files. The numbers are made up; budget sums add up.
// Shared by several test (or example) binaries, each using a part.
#![allow(unreachable_pub, dead_code)]

use std::path::{Path, PathBuf};

pub fn muni_slug(i: usize) -> String {
    format!("kommune-{:03}", i + 1)
}

const AREAS: [(&str, &str, &str); 6] = [
    ("sosiale-tenester", "Sosiale tenester", "Sosiale tjenester"),
    ("barnevern", "Barnevern", "Barnevern"),
    ("helse-og-omsorg", "Helse og omsorg", "Helse og omsorg"),
    ("oppvekst", "Oppvekst", "Oppvekst"),
    ("kultur", "Kultur", "Kultur"),
    ("tekniske-tenester", "Tekniske tenester", "Tekniske tjenester"),
];

/// The first area of municipality `m` (the areas rotate through AREAS).
pub fn area_slug(m: usize) -> String {
    AREAS[m % AREAS.len()].0.to_string()
}

const WORDS: [&str; 24] = [
    "tenesta",
    "kommunen",
    "brukarane",
    "tiltak",
    "oppfølging",
    "samarbeid",
    "kvalitet",
    "ressursar",
    "planen",
    "mål",
    "innbyggjarane",
    "arbeid",
    "utvikling",
    "kompetanse",
    "tilbod",
    "behov",
    "rettleiing",
    "tverrfagleg",
    "førebygging",
    "familiar",
    "barn",
    "unge",
    "eldre",
    "bustad",
];

/// Deterministic text: `n` sentences seeded by `seed`.
fn prose(seed: usize, n: usize) -> String {
    let mut x = seed as u64 * 2654435761 + 1;
    let mut out = String::new();
    for s in 0..n {
        let len = 8 + (x % 9) as usize;
        for w in 0..len {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let word = WORDS[(x >> 33) as usize % WORDS.len()];
            if w == 0 {
                let mut c = word.chars();
                out.extend(c.next().map(|f| f.to_uppercase().collect::<String>()));
                out.push_str(c.as_str());
            } else {
                out.push(' ');
                out.push_str(word);
            }
        }
        out.push_str(if s % 4 == 3 { ".\n\n" } else { ". " });
    }
    out
}

/// Writes a synthetic site; returns the number of files.
pub fn synthetic(root: &Path, munis: usize, areas: usize) -> usize {
    let mut files = 0;
    let mut put = |p: PathBuf, text: String| {
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
        files += 1;
    };
    put(
        root.join("site.yaml"),
        "title: { nn: Syntetiske kommuneplanar, nb: Syntetiske kommuneplaner }\nlanguages: [nn, nb]\n\
         period: { from: 2025, to: 2028 }\naccessibility_statement: https://uustatus.no/\n\
         base_url: https://plan.example.no/\n"
            .into(),
    );
    put(root.join("index.nn.md"), format!("## Om planane\n\n{}", prose(0, 8)));
    put(root.join("index.nb.md"), format!("## Om planene\n\n{}", prose(1, 8)));
    for m in 0..munis {
        let dir = root.join(muni_slug(m));
        let lang = if m % 3 == 0 { "nb" } else { "nn" };
        put(
            dir.join("municipality.yaml"),
            format!(
                "name: Kommune {n}\nnumber: \"{num:04}\"\nlanguage: {lang}\ncounty: Fylke {c}\n",
                n = m + 1,
                num = 1000 + m,
                c = m % 11 + 1
            ),
        );
        put(dir.join("index.nn.md"), prose(m * 7, 6));
        put(dir.join("index.nb.md"), prose(m * 7 + 1, 6));
        for a in 0..areas {
            let (slug, nn, nb) = AREAS[(m + a) % AREAS.len()];
            let adir = dir.join(slug);
            let seed = m * 100 + a;
            let v = |k: usize| 1000 + (seed * 37 + k * 101) % 9000;
            let (r1, r2, r3) = (v(1), v(2), v(3));
            let (s1, s2, s3) = (v(4), v(5), v(6));
            put(
                adir.join("data.yaml"),
                format!(
                    r#"title: {{ nn: "{nn}", nb: "{nb}" }}
summary: {{ nn: "Samandrag for {nn}.", nb: "Sammendrag for {nb}." }}
tables:
  budsjett:
    kind: budget
    title: {{ nn: Budsjett, nb: Budsjett }}
    unit: 1000 kr
    columns: [R2024, B2025, B2026]
    rows:
      - label: Drift
        values: [{r1}, {r2}, {r3}]
      - label: Tilskot
        values: [{s1}, {s2}, {s3}]
      - label: SUM
        total: true
        values: [{t1}, {t2}, {t3}]
  nokkeltal:
    kind: key-figures
    title: {{ nn: Nøkkeltal, nb: Nøkkeltall }}
    columns: [Kommunen, Landet]
    rows:
      - label: {{ nn: Del av innbyggjarane, nb: Andel av innbyggerne }}
        unit: "%"
        values: ["{p1},{p2}", "4,8"]
      - label: {{ nn: Kostnad per innbyggjar, nb: Kostnad per innbygger }}
        values: [{r1}, {s1}]
goals:
  - id: mal-1
    goal: {{ nn: Fleire får hjelp tidleg, nb: Flere får hjelp tidlig }}
    unit: "%"
    direction: higher
    baseline: {{ year: 2024, value: 50 }}
    targets: {{ 2025: 55, 2028: 70 }}
    results: {{ 2025: {g1} }}
  - id: mal-2
    goal: {{ nn: Kortare ventetid, nb: Kortere ventetid }}
    unit: dagar
    direction: lower
    baseline: {{ year: 2024, value: 30 }}
    targets: {{ 2025: 25 }}
    results: {{ 2025: {g2} }}
  - id: mal-3
    goal: {{ nn: Betre brukartilfredsheit, nb: Bedre brukertilfredshet }}
    direction: higher
    baseline: {{ year: 2024, value: 4 }}
    targets: {{ 2026: 5 }}
series:
  brukarar:
    title: {{ nn: Brukarar, nb: Brukere }}
    points: {{ 2021: {b1}, 2022: {b2}, 2023: {b3}, 2024: {b4} }}
"#,
                    t1 = r1 + s1,
                    t2 = r2 + s2,
                    t3 = r3 + s3,
                    p1 = seed % 9 + 1,
                    p2 = seed % 10,
                    g1 = 45 + seed % 20,
                    g2 = 20 + seed % 12,
                    b1 = 100 + seed % 50,
                    b2 = 110 + seed % 50,
                    b3 = 120 + seed % 50,
                    b4 = 130 + seed % 50,
                ),
            );
            for (l, s) in [("nn", 0), ("nb", 1)] {
                put(
                    adir.join(format!("index.{l}.md")),
                    format!(
                        "## Status\n\n{}\n{{{{ table budsjett }}}}\n\n{}\n{{{{ table nokkeltal }}}}\n\n## Mål\n\n{{{{ goals }}}}\n\n{}\n{{{{ chart brukarar }}}}\n",
                        prose(seed * 3 + s, 8),
                        prose(seed * 5 + s, 6),
                        prose(seed * 11 + s, 4)
                    ),
                );
            }
        }
    }
    files
}
