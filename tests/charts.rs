//! Charts as readers get them: a figure with title, subtitle and a summary
//! in the page's language, an SVG drawn from the numbers, the table beside
//! it; and editors' mistakes in `{{ chart … }}` reported where they are.

mod common;
use common::*;
use std::path::Path;

const DATA: &str = "title: A
tables:
  nokkeltal:
    kind: key-figures
    title: { nn: Nøkkeltal, nb: Nøkkeltall }
    source: KOSTRA
    columns: [Klepp, KOSTRA-gruppe 7, Time]
    rows:
      - label: Netto driftsutgifter
        unit: kr
        values: [1741, 2100, \"-\"]
      - label: Del
        unit: \"%\"
        values: [\"4,8\", \"5,4\", \"-1,2\"]
  tekst:
    kind: plain
    columns: [Kva]
    rows:
      - label: a
        values: [berre tekst]
series:
  brukarar:
    title: { nn: Brukarar, nb: Brukere }
    unit: { nn: brukarar, nb: brukere }
    source: KOSTRA
    points: { 2012: 1255, 2013: \"-\", 2014: 1568, 2015: 1770 }
";

fn page(out: &Path, lang: &str) -> scraper::Html {
    read_html(&out.join(format!("{lang}/testvik/a/index.html")))
}

fn text_of(doc: &scraper::Html, s: &str) -> String {
    doc.select(&sel(s))
        .next()
        .map(|e| e.text().collect())
        .unwrap_or_default()
}

#[test]
fn a_series_is_a_figure_with_title_subtitle_summary_svg_and_table() {
    let (_t, content) = one_area_site(
        DATA,
        "{{ chart brukarar line }}\n\n{{ table nokkeltal }}\n\n{{ table tekst }}\n",
    );
    let (_o, out) = build(&content);
    for (lang, summary, sub) in [
        (
            "nn",
            "Frå 1\u{a0}255 i 2012 til 1\u{a0}770 i 2015, ein auke på 41\u{a0}%. Tal manglar for 1 av 4 år.",
            "brukarar, 2012–2015. Kjelde: KOSTRA",
        ),
        (
            "nb",
            "Fra 1\u{a0}255 i 2012 til 1\u{a0}770 i 2015, en økning på 41\u{a0}%. Tall mangler for 1 av 4 år.",
            "brukere, 2012–2015. Kilde: KOSTRA",
        ),
    ] {
        let doc = page(&out, lang);
        let fig = "#chart-brukarar-figure";
        assert_eq!(text_of(&doc, &format!("{fig} figcaption .chart-summary")), summary);
        assert_eq!(text_of(&doc, &format!("{fig} figcaption .chart-subtitle")), sub);
        // The title comes first in the caption.
        let first = doc.select(&sel(&format!("{fig} figcaption > *"))).next().unwrap();
        assert_eq!(first.value().attr("class"), Some("chart-title"));
        let svg = doc.select(&sel(&format!("{fig} svg"))).next().expect("an svg");
        assert_eq!(svg.value().attr("aria-hidden"), Some("true"));
        // A line broken at the missing year: two pieces.
        let d = doc
            .select(&sel(&format!("{fig} path.line")))
            .next()
            .unwrap()
            .value()
            .attr("d")
            .unwrap()
            .to_string();
        assert_eq!(d.matches('M').count(), 2, "{d}");
        // The data table right after the figure.
        assert!(doc
            .select(&sel(&format!("{fig} + #chart-brukarar table")))
            .next()
            .is_some());
    }
}

#[test]
fn a_key_figure_table_is_drawn_as_bars_per_row_and_comes_with_its_table() {
    let (_t, content) = one_area_site(
        DATA,
        "{{ chart nokkeltal }}\n\n{{ chart brukarar }}\n\n{{ table tekst }}\n",
    );
    let o = check(&content);
    assert!(o.status.success(), "{}", text(&o));
    // Placed by its chart: no "placed by no directive" warning.
    assert!(
        !text(&o).contains("table «nokkeltal» is placed by no directive"),
        "{}",
        text(&o)
    );
    let (_o, out) = build(&content);
    let doc = page(&out, "nn");
    let fig = "#table-nokkeltal-figure";
    assert_eq!(
        text_of(&doc, &format!("{fig} .chart-summary")),
        "Netto driftsutgifter: høgast for KOSTRA-gruppe 7 (2\u{a0}100), lågast for Klepp (1\u{a0}741). \
         Del: høgast for KOSTRA-gruppe 7 (5,4\u{a0}%), lågast for Time (\u{2212}1,2\u{a0}%)."
    );
    let values: Vec<String> = doc
        .select(&sel(&format!("{fig} svg text.value")))
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(
        values,
        [
            "1\u{a0}741 kr",
            "2\u{a0}100 kr",
            "–",
            "4,8\u{a0}%",
            "5,4\u{a0}%",
            "\u{2212}1,2\u{a0}%"
        ]
    );
    assert_eq!(doc.select(&sel(&format!("{fig} svg rect.bar"))).count(), 5);
    // The table once, next to its chart.
    assert_eq!(doc.select(&sel("#table-nokkeltal")).count(), 1);
    assert!(doc.select(&sel(&format!("{fig} + #table-nokkeltal"))).next().is_some());
}

#[test]
fn charts_that_cannot_be_drawn_are_errors_with_a_place() {
    for (md, want) in [
        ("Tekst\n\n{{ chart tekst }}\n", "«tekst» has no numbers to draw"),
        ("Tekst\n\n{{ chart brukarar pie }}\n", "«pie» is not a kind of chart"),
        (
            "Tekst\n\n{{ chart nokkeltal line }}\n",
            "a line is drawn over a series' years",
        ),
        (
            "Tekst\n\n{{ chart brukar }}\n",
            "there is no series or table «brukar» to draw",
        ),
    ] {
        let (_t, content) = one_area_site(DATA, md);
        let o = check(&content);
        let out = text(&o);
        assert!(!o.status.success(), "{md}: {out}");
        assert!(out.contains(want), "{md}: {out}");
        assert!(
            out.contains("index.nn.md:3:1") || out.contains("index.nb.md:3:1"),
            "{md}: {out}"
        );
    }
}

#[test]
fn the_example_charts_stay_small() {
    let (_o, out) = build(&example_content());
    let doc = page_at(&out, "nn/sandnes/sosiale-tjenester/index.html");
    let svgs: Vec<usize> = doc.select(&sel("figure svg")).map(|e| e.html().len()).collect();
    assert!(svgs.len() >= 5, "{svgs:?}");
    assert!(svgs.iter().all(|n| *n <= 10_000), "{svgs:?}");
    // Bergen's goals have results over years: their paths are drawn, with
    // the figures and record table beside them saying every number.
    let doc = page_at(&out, "nn/bergen/sosiale-tjenester/index.html");
    let paths: Vec<_> = doc
        .select(&sel(".goal .goal-path-chart svg[aria-hidden=true]"))
        .collect();
    assert!(!paths.is_empty());
    assert!(paths.iter().all(|p| p.html().len() <= 10_000));
}

fn page_at(out: &Path, rel: &str) -> scraper::Html {
    read_html(&out.join(rel))
}

const BUDGET: &str = "title: A
tables:
  budsjett:
    kind: budget
    title: { nn: Budsjett, nb: Budsjett }
    source: Økonomiplan
    columns: [\"2024\", \"2025\"]
    rows:
      - label: Helse
        values: [\"1 234\", 1300]
      - label: Skule
        values: [\"567,5\", 600]
      - label: Kultur
        values: [89, 90]
      - label: Sum
        values: [\"1 890,5\", 1990]
        total: true
  minus:
    kind: budget
    columns: [\"2024\"]
    rows:
      - label: Inntekter
        values: [-500]
      - label: Utgifter
        values: [800]
  ingen:
    kind: budget
    columns: [\"2024\"]
    rows:
      - label: Ingen
        values: [0]
series:
  brukarar:
    points: { 2012: 1255, 2013: 1300 }
";

/// A number as the page prints it: `1 234`, `567,5`.
fn page_number(s: &str) -> f64 {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect::<String>()
        .replace(',', ".")
        .parse()
        .unwrap_or_else(|_| panic!("«{s}» is not a number"))
}

#[test]
fn a_share_chart_draws_each_rows_share_of_the_first_column() {
    let (_t, content) = one_area_site(
        BUDGET,
        "{{ chart budsjett share }}\n\n{{ table minus }}\n\n{{ table ingen }}\n\n{{ chart brukarar }}\n",
    );
    let o = check(&content);
    assert!(o.status.success(), "{}", text(&o));
    let (_o, out) = build(&content);
    for lang in ["nn", "nb"] {
        let doc = page(&out, lang);
        let fig = "#table-budsjett-figure";
        // The shares, computed here from the numbers the page's table shows
        // (its first column, the total row left out).
        let rows: Vec<(String, f64)> = doc
            .select(&sel("#table-budsjett tbody tr:not(.total)"))
            .map(|tr| {
                let label: String = tr.select(&sel("th")).next().unwrap().text().collect();
                let first: String = tr.select(&sel("td")).next().unwrap().text().collect();
                (label, page_number(&first))
            })
            .collect();
        assert_eq!(rows.len(), 3, "{rows:?}");
        let sum: f64 = rows.iter().map(|r| r.1).sum();
        let want: Vec<String> = rows
            .iter()
            .map(|(_, v)| format!("{:.1}\u{a0}%", v / sum * 100.0).replace('.', ","))
            .collect();
        let labels: Vec<String> = doc
            .select(&sel(&format!("{fig} svg text.value")))
            .map(|e| e.text().collect())
            .collect();
        assert_eq!(labels, want, "{lang}");
        let cats: Vec<String> = doc
            .select(&sel(&format!("{fig} svg text.cat")))
            .map(|e| e.text().collect())
            .collect();
        assert_eq!(cats, rows.iter().map(|r| r.0.clone()).collect::<Vec<_>>());
        assert_eq!(doc.select(&sel(&format!("{fig} svg rect.bar"))).count(), 3);
        // Bars are as long as their shares: widths in the same proportions.
        let widths: Vec<f64> = doc
            .select(&sel(&format!("{fig} svg rect.bar")))
            .map(|e| e.value().attr("width").unwrap().parse().unwrap())
            .collect();
        for (w, (_, v)) in widths.iter().zip(&rows) {
            assert!((w / widths[0] - v / rows[0].1).abs() < 0.01, "{widths:?}");
        }
        let svg = doc.select(&sel(&format!("{fig} svg"))).next().unwrap();
        assert_eq!(svg.value().attr("aria-hidden"), Some("true"));
        let summary = text_of(&doc, &format!("{fig} .chart-summary"));
        assert!(summary.contains(&rows[0].0) && summary.contains(&want[0]), "{summary}");
        let subtitle = text_of(&doc, &format!("{fig} .chart-subtitle"));
        assert!(subtitle.contains("2024"), "{subtitle}");
        // The table is beside its chart, with every number.
        assert!(doc.select(&sel(&format!("{fig} + #table-budsjett"))).next().is_some());
    }
}

#[test]
fn shares_that_cannot_be_drawn_are_errors_with_a_place() {
    for (md, want) in [
        ("Tekst\n\n{{ chart minus share }}\n", "row «Inntekter» is below zero"),
        ("Tekst\n\n{{ chart ingen share }}\n", "its rows add up to zero"),
        ("Tekst\n\n{{ chart brukarar share }}\n", "«brukarar» is a series"),
    ] {
        let (_t, content) = one_area_site(BUDGET, md);
        let o = check(&content);
        let out = text(&o);
        assert!(!o.status.success(), "{md}: {out}");
        assert!(out.contains(want), "{md}: {out}");
        assert!(
            out.contains("index.nn.md:3:1") || out.contains("index.nb.md:3:1"),
            "{md}: {out}"
        );
    }
}
