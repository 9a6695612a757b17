//! Goals as plans state them (content format 1.1), tested on built HTML in
//! both languages: targets as printed, exact comparison, assessed and
//! status-less qualitative goals, several indicators, the whole record, and
//! the fifth status, "not achieved", after the site's report date.

mod common;
use common::*;
use scraper::Html;

const DATA: &str = r#"
title: { nn: Test, nb: Test }
goals:
  - id: standing-achieved
    goal: { nn: Fleire fornøgde, nb: Flere fornøyde }
    unit: "%"
    target: "> 85 %"
    results: { 2018: "86" }
  - id: standing-behind
    goal: { nn: B, nb: B }
    unit: "%"
    target: "> 85 %"
    results: { 2018: "85" }
  - id: from-on-track
    goal: { nn: C, nb: C }
    targets: { 2017: "30" }
    target: { value: "minst 85", from: 2019 }
    results: { 2018: "57,5" }
  - id: on-track-later
    goal: { nn: D, nb: D }
    baseline: { year: 2016, value: "10" }
    targets: { 2022: "minst 50" }
    results: { 2019: "40" }
  - id: range-achieved
    goal: { nn: E, nb: E }
    unit: "%"
    baseline: { year: 2015, value: "8" }
    targets: { 2020: "3–5 %" }
    results: { 2018: "4,2" }
  - id: strict-behind
    goal: { nn: F, nb: F }
    targets: { 2022: "< 14" }
    results: { 2019: "14" }
  - id: inclusive-achieved
    goal: { nn: G, nb: G }
    unit: { nn: dagar, nb: dager }
    targets: { 2020: "høgst 14" }
    results: { 2020: "14" }
  - id: float-precision
    goal: { nn: H, nb: H }
    direction: higher
    targets: { 2020: 10000000000000001 }
    results: { 2020: 10000000000000000 }
  - id: yearly-not-achieved
    goal: { nn: I, nb: I }
    direction: lower
    targets: { 2017: "4,86", 2020: "4,05" }
    results: { 2020: "4,5" }
  - id: qualitative-assessed
    goal: { nn: Giske skal ut av ROBEK, nb: Giske skal ut av ROBEK }
    assessment:
      status: on-track
      date: 2020-03-15
      text: { nn: Underskotet er dekt inn., nb: Underskuddet er dekket inn. }
    indicator: { nn: ROBEK-registeret, nb: ROBEK-registeret }
  - id: qualitative-none
    goal: { nn: Styrke samarbeidet med frivillige, nb: Styrke samarbeidet med frivillige }
  - id: several
    goal: { nn: Betre skule, nb: Bedre skole }
    indicators:
      - indicator: { nn: Trivsel, nb: Trivsel }
        target: "minst 30"
        results: { 2018: "33", 2019: "35" }
        periods: { 2019: { nn: skuleåret 2018/19, nb: skoleåret 2018/19 } }
      - indicator: { nn: Fråvær, nb: Fravær }
        unit: "%"
        target: "høgst 5 %"
        results: { 2019: "6" }
  - id: undated-baseline
    goal: { nn: K, nb: K }
    unit: "%"
    baseline: { value: "5,4" }
    targets: { 2020: "4,05" }
"#;

/// (goal, status without a report date, status with `report_date: 2020`)
const EXPECTED: &[(&str, Option<&str>, Option<&str>)] = &[
    ("standing-achieved", Some("achieved"), Some("achieved")),
    ("standing-behind", Some("behind"), Some("not-achieved")),
    ("from-on-track", Some("on-track"), Some("not-achieved")),
    ("on-track-later", Some("on-track"), Some("on-track")),
    ("range-achieved", Some("achieved"), Some("achieved")),
    ("strict-behind", Some("behind"), Some("behind")),
    ("inclusive-achieved", Some("achieved"), Some("achieved")),
    ("float-precision", Some("behind"), Some("not-achieved")),
    ("yearly-not-achieved", Some("behind"), Some("not-achieved")),
    ("qualitative-assessed", Some("on-track"), Some("on-track")),
    ("qualitative-none", None, None),
    ("several", Some("behind"), Some("not-achieved")),
    ("undated-baseline", Some("no-data"), Some("no-data")),
];

fn goals_site(report_date: Option<&str>) -> (tempfile::TempDir, std::path::PathBuf) {
    let mut site_yaml = format!("{SITE_YAML}period: {{ from: 2017, to: 2020 }}\n");
    if let Some(r) = report_date {
        site_yaml.push_str(&format!("report_date: {r}\n"));
    }
    site(&[
        ("site.yaml", &site_yaml),
        ("testvik/municipality.yaml", MUNI_YAML),
        ("testvik/omrade/data.yaml", DATA),
        ("testvik/omrade/index.nn.md", "## Mål\n\n{{ goals }}\n"),
        ("testvik/omrade/index.nb.md", "## Mål\n\n{{ goals }}\n"),
    ])
}

fn goal<'a>(doc: &'a Html, id: &str) -> scraper::ElementRef<'a> {
    doc.select(&sel(&format!("li#goal-{id}")))
        .next()
        .unwrap_or_else(|| panic!("no goal {id}"))
}

fn goal_text(doc: &Html, id: &str) -> String {
    goal(doc, id).text().collect()
}

fn statuses_are(out: &std::path::Path, with_report: bool) {
    for lang in ["nn", "nb"] {
        let doc = read_html(&out.join(format!("{lang}/testvik/omrade/index.html")));
        for (id, without, with) in EXPECTED {
            let expected = if with_report { with } else { without };
            let g = goal(&doc, id);
            assert_eq!(g.value().attr("data-status"), *expected, "{lang} {id}");
            let badge = g.select(&sel(":scope > .goal-status")).next();
            assert_eq!(
                badge.is_some(),
                expected.is_some(),
                "{lang} {id}: a status badge only with a status"
            );
        }
    }
}

/// Counts on the front page and the municipality page, in Status order.
fn counts(out: &std::path::Path, lang: &str) -> Vec<(String, String)> {
    let mut all = Vec::new();
    for page in [format!("{lang}/index.html"), format!("{lang}/testvik/index.html")] {
        let doc = read_html(&out.join(&page));
        let c: Vec<(String, String)> = doc
            .select(&sel(".counts"))
            .next()
            .unwrap()
            .select(&sel("[data-status]"))
            .map(|e| {
                (
                    e.value().attr("data-status").unwrap().to_string(),
                    e.value().attr("data-count").unwrap().to_string(),
                )
            })
            .collect();
        all.push(c);
    }
    assert_eq!(all[0], all[1], "front page and municipality page agree");
    all.remove(0)
}

fn pairs(v: &[(&str, usize)]) -> Vec<(String, String)> {
    v.iter().map(|(s, n)| (s.to_string(), n.to_string())).collect()
}

#[test]
fn statuses_follow_targets_as_printed_without_a_report_date() {
    let (_t, content) = goals_site(None);
    let (_o, out) = build(&content);
    statuses_are(&out, false);
    for lang in ["nn", "nb"] {
        // The goal with no number and no assessment is counted nowhere.
        assert_eq!(
            counts(&out, lang),
            pairs(&[
                ("achieved", 3),
                ("on-track", 3),
                ("behind", 5),
                ("not-achieved", 0),
                ("no-data", 1)
            ])
        );
        let doc = read_html(&out.join(format!("{lang}/index.html")));
        let label = doc
            .select(&sel(".counts"))
            .next()
            .unwrap()
            .value()
            .attr("aria-label")
            .unwrap();
        assert!(label.contains("12"), "{lang}: 12 goals have a status: {label}");
        assert!(
            doc.select(&sel(".report-date")).next().is_none(),
            "no report date, no line"
        );
    }
}

#[test]
fn after_the_report_date_an_unmet_last_target_is_not_achieved_in_both_languages() {
    let (_t, content) = goals_site(Some("2020"));
    let (_o, out) = build(&content);
    statuses_are(&out, true);
    for (lang, label, report) in [
        ("nn", "Ikkje nådd", "Status per 2020"),
        ("nb", "Ikke nådd", "Status per 2020"),
    ] {
        assert_eq!(
            counts(&out, lang),
            pairs(&[
                ("achieved", 3),
                ("on-track", 2),
                ("behind", 1),
                ("not-achieved", 5),
                ("no-data", 1)
            ])
        );
        let doc = read_html(&out.join(format!("{lang}/testvik/omrade/index.html")));
        let g = goal(&doc, "yearly-not-achieved");
        let shown: String = g.select(&sel(".status-label")).next().unwrap().text().collect();
        assert_eq!(shown, label);
        assert!(
            g.select(&sel(".symbol")).next().is_some(),
            "text and symbol, never colour alone"
        );
        let front = read_html(&out.join(format!("{lang}/index.html")));
        let count: String = front
            .select(&sel(".counts [data-status=not-achieved]"))
            .next()
            .unwrap()
            .text()
            .collect();
        assert!(count.contains(label), "{lang}: {count}");
        let line: String = front.select(&sel(".report-date")).next().unwrap().text().collect();
        assert_eq!(line, report);
        let area_line: String = doc.select(&sel(".report-date")).next().unwrap().text().collect();
        assert_eq!(area_line, report, "the area page says as of when");
        // "Behind" stays for a goal whose last target is still ahead.
        assert_eq!(goal(&doc, "strict-behind").value().attr("data-status"), Some("behind"));
    }
}

#[test]
fn a_report_date_within_the_last_target_year_leaves_it_behind() {
    let (_t, content) = goals_site(Some("2020-06-30"));
    let (_o, out) = build(&content);
    let doc = read_html(&out.join("nn/testvik/omrade/index.html"));
    assert_eq!(
        goal(&doc, "yearly-not-achieved").value().attr("data-status"),
        Some("behind")
    );
    let front = read_html(&out.join("nn/index.html"));
    let line: String = front.select(&sel(".report-date")).next().unwrap().text().collect();
    assert_eq!(line, "Status per 30.06.2020");
}

#[test]
fn targets_are_written_as_printed_in_each_language() {
    let (_t, content) = goals_site(None);
    let (_o, out) = build(&content);
    let nn = read_html(&out.join("nn/testvik/omrade/index.html"));
    let nb = read_html(&out.join("nb/testvik/omrade/index.html"));
    let nbsp = '\u{a0}';
    for (doc, lang_words) in [
        (
            &nn,
            [
                "Mål for heile planperioden",
                "Mål frå 2019",
                "høgst 14 dagar",
                "Høgare er betre",
            ],
        ),
        (
            &nb,
            [
                "Mål for hele planperioden",
                "Mål fra 2019",
                "høyst 14 dager",
                "Høyere er bedre",
            ],
        ),
    ] {
        assert!(goal_text(doc, "standing-achieved").contains(&format!("over 85{nbsp}%")));
        assert!(goal_text(doc, "standing-achieved").contains(lang_words[0]));
        assert!(goal_text(doc, "from-on-track").contains(lang_words[1]));
        assert!(goal_text(doc, "from-on-track").contains("minst 85"));
        assert!(goal_text(doc, "range-achieved").contains(&format!("3–5{nbsp}%")));
        assert!(goal_text(doc, "strict-behind").contains("under 14"));
        assert!(goal_text(doc, "inclusive-achieved").contains(lang_words[2]));
        // The direction follows from the comparison: nobody wrote it.
        assert!(goal_text(doc, "on-track-later").contains(lang_words[3]));
        // Exact digits, never rounded through a float.
        assert!(goal_text(doc, "float-precision").contains(&format!("10{nbsp}000{nbsp}000{nbsp}000{nbsp}000{nbsp}001")));
        // A range needs no direction, so none is claimed.
        assert!(goal(doc, "range-achieved").select(&sel(".direction")).next().is_none());
    }
}

/// Issue 11, item 20: `baseline: {value: "5,4"}` with one target used to
/// stop the build with "cannot be told whether higher or lower is better".
#[test]
fn a_baseline_without_a_year_tells_the_direction() {
    let (_t, content) = goals_site(None);
    let (_o, out) = build(&content);
    let doc = read_html(&out.join("nn/testvik/omrade/index.html"));
    assert!(goal_text(&doc, "undated-baseline").contains("Lågare er betre"));
}

#[test]
fn qualitative_goals_are_assessed_or_have_no_status() {
    let (_t, content) = goals_site(None);
    let (_o, out) = build(&content);
    for (lang, assessed, text) in [
        ("nn", "vurdert, ikkje målt", "Underskotet er dekt inn."),
        ("nb", "vurdert, ikke målt", "Underskuddet er dekket inn."),
    ] {
        let doc = read_html(&out.join(format!("{lang}/testvik/omrade/index.html")));
        let g = goal(&doc, "qualitative-assessed");
        let badge: String = g.select(&sel(".goal-status")).next().unwrap().text().collect();
        assert!(badge.contains("I rute") && badge.contains(assessed), "{lang}: {badge}");
        let a: String = g.select(&sel(".assessment")).next().unwrap().text().collect();
        assert!(
            a.contains("Vurdering") && a.contains("15.03.2020") && a.contains(text),
            "{lang}: {a}"
        );
        let time = g.select(&sel(".assessment time")).next().unwrap();
        assert_eq!(time.value().attr("datetime"), Some("2020-03-15"));
        // No number, nothing assessed: no status, not even "no data".
        let none = goal(&doc, "qualitative-none");
        assert!(none.value().attr("data-status").is_none());
        let t = goal_text(&doc, "qualitative-none");
        assert!(
            !t.contains("Manglar data") && !t.contains("Mangler data") && !t.contains("Status"),
            "{lang}: {t}"
        );
    }
}

#[test]
fn several_indicators_each_with_a_status_and_a_summary() {
    let (_t, content) = goals_site(None);
    let (_o, out) = build(&content);
    for (lang, period) in [("nn", "2019 (skuleåret 2018/19)"), ("nb", "2019 (skoleåret 2018/19)")] {
        let doc = read_html(&out.join(format!("{lang}/testvik/omrade/index.html")));
        let g = goal(&doc, "several");
        let each: Vec<&str> = g
            .select(&sel(".indicator-block"))
            .map(|b| b.value().attr("data-status").unwrap())
            .collect();
        assert_eq!(each, ["achieved", "behind"], "{lang}");
        assert_eq!(g.select(&sel(".indicator-status .status-label")).count(), 2);
        assert_eq!(
            g.value().attr("data-status"),
            Some("behind"),
            "the summary is the worst"
        );
        // The whole record: every result by year, with the period it measures.
        let rows: Vec<String> = g
            .select(&sel("table.goal-record tbody th"))
            .map(|th| th.text().collect())
            .collect();
        assert_eq!(rows, ["2018", period], "{lang}");
        let cells: Vec<String> = g
            .select(&sel("table.goal-record tbody td"))
            .map(|td| td.text().collect::<String>())
            .collect();
        assert_eq!(cells[1], "33");
        assert_eq!(cells[3], "35");
        let latest: String = g.select(&sel(".latest dt")).next().unwrap().text().collect();
        assert!(latest.ends_with(period), "{lang}: {latest}");
    }
}

#[test]
fn goal_warnings_name_a_line() {
    let data = "title: { nn: T, nb: T }\ngoals:\n  - id: fyrst\n    goal: { nn: A, nb: A }\n    targets: { 2020: \"minst 5\" }\n  - id: robek\n    goal: { nn: Giske skal ut av ROBEK, nb: Giske skal ut av ROBEK }\n    indicator: { nn: Status, nb: Status }\n";
    let (_t, content) = site(&[
        ("site.yaml", SITE_YAML),
        ("testvik/municipality.yaml", MUNI_YAML),
        ("testvik/omrade/data.yaml", data),
        ("testvik/omrade/index.nn.md", "{{ goals }}\n"),
        ("testvik/omrade/index.nb.md", "{{ goals }}\n"),
    ]);
    let o = check_with(&content, &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let robek = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["message"].as_str().unwrap().contains("goal «robek» has no target"))
        .expect("the warning");
    assert_eq!(robek["line"], 6, "{robek}");
    let warnings = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["severity"] == "warning")
        .count();
    // An assessed goal with an indicator text has its status: no warning.
    let (_t2, assessed) = goals_site(None);
    let o = check_with(&assessed, &["--format", "json"]);
    let v2: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let no_target: Vec<_> = v2["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["message"].as_str().unwrap().contains("has no target"))
        .collect();
    assert!(no_target.is_empty(), "{no_target:?}");
    assert!(warnings >= 1);
}

/// The example site: Sandnes' four main goals and Klepp's qualitative goals
/// have no status (the seeds state none); Bergen's targets are as printed.
#[test]
fn example_goals_follow_their_seeds() {
    let (_t, out) = build(&example_content());
    let sandnes = read_html(&out.join("nb/sandnes/sosiale-tjenester/index.html"));
    let goals: Vec<_> = sandnes.select(&sel("li.goal")).collect();
    assert_eq!(goals.len(), 4, "Sandnes' four main goals");
    for g in &goals {
        assert!(g.value().attr("data-status").is_none(), "no status stated in the seed");
        assert!(
            g.select(&sel(".strategies li")).count() >= 2,
            "each with its strategies"
        );
    }
    for (page, n) in [
        ("nn/klepp/sosiale-tenester/index.html", 7),
        ("nn/klepp/barnevern/index.html", 5),
    ] {
        let doc = read_html(&out.join(page));
        let without: Vec<_> = doc.select(&sel("li.goal:not([data-status])")).collect();
        assert_eq!(without.len(), n, "{page}: Klepp's qualitative goals, without status");
        assert!(
            doc.select(&sel(".assessment")).next().is_none(),
            "{page}: nothing assessed"
        );
    }
    // Klepp's measured goals now get their direction from the undated
    // "Forrige resultat" (5,4 % → 4,05 %): data.yaml no longer writes it.
    let klepp = read_html(&out.join("nn/klepp/sosiale-tenester/index.html"));
    assert!(goal_text(&klepp, "unge-sosialhjelp").contains("Lågare er betre"));
    let bergen = read_html(&out.join("nb/bergen/sosiale-tjenester/index.html"));
    let saks = goal_text(&bergen, "saksbehandlingstid");
    assert!(
        saks.contains("Mål fra 2010") && saks.contains("høyst 14 dager"),
        "{saks}"
    );
    let kvp = goal_text(&bergen, "kvalifiseringsprogrammet");
    assert!(kvp.contains("minst 700 deltakere"), "{kvp}");
    for id in ["saksbehandlingstid", "kvalifiseringsprogrammet"] {
        assert_eq!(goal(&bergen, id).value().attr("data-status"), Some("achieved"));
    }
    // Every result by year: 15,17 (2010) and 12,8 (2011), each against the target.
    let rows: Vec<String> = goal(&bergen, "saksbehandlingstid")
        .select(&sel("table.goal-record tbody tr"))
        .map(|r| r.text().collect())
        .collect();
    assert_eq!(rows, ["2010høyst 14 dager15,17 dager", "2011høyst 14 dager12,8 dager"]);
}

/// `serve` reads an edited area again on its own: its goals must be settled
/// against the report date as a full build settles them.
#[test]
fn serve_rebuilds_an_edited_area_with_the_report_date() {
    use planvev::serve::{Builder, Change, Live};
    let (_t, content) = goals_site(Some("2020"));
    let live = std::sync::RwLock::new(Live::default());
    let mut b = Builder::new(&content);
    assert!(b.full(&live).errors.is_empty());
    let data = content.join("testvik/omrade/data.yaml");
    let text = std::fs::read_to_string(&data).unwrap();
    std::fs::write(
        &data,
        text.replace("results: { 2018: \"86\" }", "results: { 2018: \"80\" }"),
    )
    .unwrap();
    let r = b.apply(&Change::area("testvik", "omrade"), &live);
    assert!(!r.full && r.errors.is_empty(), "an incremental rebuild");
    let l = live.read().unwrap();
    let page = String::from_utf8(l.site.files["nn/testvik/omrade/index.html"].to_vec()).unwrap();
    let doc = scraper::Html::parse_document(&page);
    assert_eq!(
        goal(&doc, "standing-achieved").value().attr("data-status"),
        Some("not-achieved")
    );
    assert_eq!(
        goal(&doc, "yearly-not-achieved").value().attr("data-status"),
        Some("not-achieved")
    );
}
