//! The example site is the five seed plans: numbers taken from the seeds
//! must appear, formatted, on the right page in both languages.

mod common;
use common::*;
use std::path::Path;

/// (seed file prefix, the number as the seed prints it, the page under
/// LANG/, the number as the page must show it).
const NUMBERS: &[(&str, &str, &str, &str)] = &[
    // Klepp, Sosiale tenester (seed 000): key figures, savings, budget, goals.
    ("000", "88355", "klepp/sosiale-tenester", "88\u{a0}355"),
    ("000", "9632", "klepp/sosiale-tenester", "9\u{a0}632"),
    ("000", "2333", "klepp/sosiale-tenester", "2\u{a0}333"),
    ("000", "1019", "klepp/sosiale-tenester", "1\u{a0}019"),
    ("000", "46806", "klepp/sosiale-tenester", "46\u{a0}806"),
    ("000", "5,4%", "klepp/sosiale-tenester", "5,4\u{a0}%"),
    ("000", "-10,4", "klepp/sosiale-tenester", "\u{2212}10,4"),
    ("000", "-2,5", "klepp/sosiale-tenester", "\u{2212}2,5"),
    ("000", "25301", "klepp/sosiale-tenester", "25\u{a0}301"),
    ("000", "29473", "klepp/sosiale-tenester", "29\u{a0}473"),
    ("000", "33578", "klepp/sosiale-tenester", "33\u{a0}578"),
    ("000", "31434", "klepp/sosiale-tenester", "31\u{a0}434"),
    ("000", "4,86%", "klepp/sosiale-tenester", "4,86\u{a0}%"),
    ("000", "4,05 %", "klepp/sosiale-tenester", "4,05\u{a0}%"),
    ("000", "65 %", "klepp/sosiale-tenester", "65\u{a0}%"),
    ("000", "70 %", "klepp/sosiale-tenester", "70\u{a0}%"),
    // Klepp, Barnevern (seed 003).
    ("003", "350667", "klepp/barnevern", "350\u{a0}667"),
    ("003", "305458", "klepp/barnevern", "305\u{a0}458"),
    ("003", "6288", "klepp/barnevern", "6\u{a0}288"),
    ("003", "30376", "klepp/barnevern", "30\u{a0}376"),
    ("003", "30596", "klepp/barnevern", "30\u{a0}596"),
    ("003", "29492", "klepp/barnevern", "29\u{a0}492"),
    // Sandnes (seed 001): time series and the budget's stated sums.
    ("001", "1255", "sandnes/sosiale-tjenester", "1\u{a0}255"),
    ("001", "1770", "sandnes/sosiale-tjenester", "1\u{a0}770"),
    ("001", "166754", "sandnes/sosiale-tjenester", "166\u{a0}754"),
    ("001", "209063", "sandnes/sosiale-tjenester", "209\u{a0}063"),
    ("001", "248492", "sandnes/sosiale-tjenester", "248\u{a0}492"),
    ("001", "241092", "sandnes/sosiale-tjenester", "241\u{a0}092"),
    ("001", "-10500", "sandnes/sosiale-tjenester", "\u{2212}10\u{a0}500"),
    // Stavanger (seed 002): the budget with its corrected total.
    ("002", "196 929", "stavanger/nav-kontorene", "196\u{a0}929"),
    ("002", "217 729", "stavanger/nav-kontorene", "217\u{a0}729"),
    ("002", "216 329", "stavanger/nav-kontorene", "216\u{a0}329"),
    ("002", "20 000", "stavanger/nav-kontorene", "20\u{a0}000"),
    // Bergen (seed 004): tables, totals and the goals' targets and results.
    ("004", "7706", "bergen/sosiale-tjenester", "7\u{a0}706"),
    ("004", "7101", "bergen/sosiale-tjenester", "7\u{a0}101"),
    ("004", "4331", "bergen/sosiale-tjenester", "4\u{a0}331"),
    ("004", "19,1 %", "bergen/sosiale-tjenester", "19,1"),
    ("004", "15,17", "bergen/sosiale-tjenester", "15,17"),
    ("004", "12,8", "bergen/sosiale-tjenester", "12,8"),
    ("004", "763", "bergen/sosiale-tjenester", "763"),
    ("004", "700", "bergen/sosiale-tjenester", "700"),
    ("004", "327,5", "bergen/sosiale-tjenester", "327,5"),
    ("004", "297,8", "bergen/sosiale-tjenester", "297,8"),
];

fn seed_text(prefix: &str) -> Option<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let entry = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok())
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))?;
    std::fs::read_to_string(entry.path()).ok()
}

#[test]
fn forty_seed_numbers_appear_formatted_on_their_pages_in_both_languages() {
    assert!(NUMBERS.len() >= 40);
    let (_tmp, out) = build(&example_content());
    for (seed, raw, page, shown) in NUMBERS {
        // Where the seeds are beside the project (CI, developers), check that
        // the number really is one the source prints.
        if let Some(text) = seed_text(seed) {
            assert!(text.contains(raw), "seed {seed} does not print {raw}");
        }
        for lang in ["nn", "nb"] {
            let doc = read_html(&out.join(format!("{lang}/{page}/index.html")));
            let main: String = doc.select(&sel("main")).next().unwrap().text().collect();
            assert!(
                main.contains(shown),
                "{lang}/{page} does not show {shown:?} (seed {seed}: {raw})"
            );
        }
    }
}

#[test]
fn budget_sums_are_stated_as_in_the_seeds_and_verified() {
    // The build verifies every total row; this checks the stated sums are
    // shown on total rows, not recomputed.
    let (_tmp, out) = build(&example_content());
    let doc = read_html(&out.join("nb/sandnes/sosiale-tjenester/index.html"));
    let totals: Vec<String> = doc.select(&sel("tr.total")).map(|r| r.text().collect()).collect();
    assert!(totals.iter().any(|t| t.contains("209\u{a0}063")), "{totals:?}");
    assert!(totals.iter().any(|t| t.contains("248\u{a0}492")), "{totals:?}");
}

#[test]
fn goal_counts_on_front_and_municipality_pages_match_the_trackers() {
    let (_tmp, out) = build(&example_content());
    for lang in ["nn", "nb"] {
        let mut site_total = [0usize; 4];
        let front = read_html(&out.join(format!("{lang}/index.html")));
        for m in ["klepp", "sandnes", "stavanger", "bergen"] {
            let page = read_html(&out.join(format!("{lang}/{m}/index.html")));
            let statuses = ["achieved", "on-track", "behind", "no-data"];
            for (i, s) in statuses.iter().enumerate() {
                let in_tracker = page.select(&sel(&format!("li.goal[data-status={s}]"))).count();
                site_total[i] += in_tracker;
                if let Some(c) = page.select(&sel(&format!(".counts [data-status={s}]"))).next() {
                    assert_eq!(
                        c.value().attr("data-count").unwrap(),
                        in_tracker.to_string(),
                        "{lang}/{m} {s}"
                    );
                } else {
                    assert_eq!(in_tracker, 0);
                }
            }
        }
        let overview = front
            .select(&sel(".overview .counts"))
            .next()
            .expect("site-wide goal overview");
        for (i, s) in ["achieved", "on-track", "behind", "no-data"].iter().enumerate() {
            let c = overview.select(&sel(&format!("[data-status={s}]"))).next().unwrap();
            assert_eq!(
                c.value().attr("data-count").unwrap(),
                site_total[i].to_string(),
                "{lang} front {s}"
            );
        }
        assert!(site_total[0] >= 2, "Bergen's two goals are achieved: {site_total:?}");
    }
}

#[test]
fn klepp_keeps_its_own_words() {
    let (_tmp, out) = build(&example_content());
    let nn = all_text(&read_html(&out.join("nn/klepp/sosiale-tenester/index.html")));
    assert!(nn.contains("Virkemiddel"), "Klepp writes Virkemiddel");
    let nb = all_text(&read_html(&out.join("nb/klepp/sosiale-tenester/index.html")));
    assert!(nb.contains("Virkemidler"));
    assert!(nb.contains("Utfordringer") && nn.contains("Utfordringar"));
}

/// The numbers in a text: digit runs with an optional decimal part, with
/// thousands groups (`88 355`) joined.
fn numbers_in(text: &str) -> Vec<String> {
    let t: Vec<char> = text.replace(['\u{a0}', '\u{202f}'], " ").chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        if !t[i].is_ascii_digit() || (i > 0 && (t[i - 1].is_alphanumeric() || t[i - 1] == ',')) {
            i += 1;
            continue;
        }
        let mut n = String::new();
        while i < t.len() && t[i].is_ascii_digit() {
            n.push(t[i]);
            i += 1;
            // A space followed by exactly three digits continues the number.
            let group = i + 4 <= t.len() && t[i] == ' ' && t[i + 1..i + 4].iter().all(|c| c.is_ascii_digit());
            if group && t.get(i + 4).is_none_or(|c| !c.is_ascii_digit()) && n.len() <= 3 {
                i += 1;
            }
        }
        if i + 1 < t.len() && t[i] == ',' && t[i + 1].is_ascii_digit() {
            n.push(',');
            i += 1;
            while i < t.len() && t[i].is_ascii_digit() {
                n.push(t[i]);
                i += 1;
            }
        }
        out.push(n);
    }
    out
}

#[test]
fn every_number_in_content_is_printed_in_a_seed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("no seeds beside the project; skipped");
        return;
    };
    let mut seeds = String::new();
    for e in entries.filter_map(|e| e.ok()) {
        seeds.push_str(&std::fs::read_to_string(e.path()).unwrap_or_default());
        seeds.push('\n');
    }
    // The extraction sometimes glues numbers together ("2018217 729"), so a
    // number also counts as printed when it stands in the seed's digits.
    let mut glued: String = seeds.replace(['\u{a0}', ' '], "");
    glued.push_str(&numbers_in(&seeds).join("|"));
    let mut missing = Vec::new();
    for e in walkdir::WalkDir::new(example_content())
        .into_iter()
        .filter_map(|e| e.ok())
    {
        let p = e.path();
        let ext = p.extension().and_then(|x| x.to_str()).unwrap_or("");
        if !matches!(ext, "yaml" | "md" | "csv") {
            continue;
        }
        let text = std::fs::read_to_string(p).unwrap();
        // YAML comments are the editors' notes, not content.
        let text: String = if ext == "yaml" {
            text.lines()
                .map(|l| l.split(" #").next().unwrap_or(""))
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            text
        };
        for n in numbers_in(&text) {
            if !glued.contains(&n) {
                missing.push(format!("{}: {n}", p.strip_prefix(example_content()).unwrap().display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "numbers not printed in any seed:\n{}",
        missing.join("\n")
    );
}

#[test]
fn numbers_in_joins_thousands_groups_only() {
    assert_eq!(
        numbers_in("88 355 og 5,4 % i 2016 170 personar"),
        ["88355", "5,4", "2016", "170"]
    );
    assert_eq!(numbers_in("kr 1 741 i 2014"), ["1741", "2014"]);
}
