//! The drawings read back as XML: bar lengths in proportion to the values,
//! gaps where values are missing, labels in Norwegian notation.

use super::*;
use crate::format::parse_number;

fn pt(label: &str, v: &str) -> Point {
    Point {
        label: label.into(),
        value: parse_number(v).ok(),
        printed: v.into(),
    }
}

fn series(kind: Kind, points: &[(&str, &str)], unit: &str) -> Chart {
    Chart {
        kind,
        groups: vec![Group {
            label: None,
            points: points.iter().map(|(l, v)| pt(l, v)).collect(),
            unit_suffix: unit.into(),
            percent: false,
        }],
    }
}

fn attr(n: &roxmltree::Node, a: &str) -> f64 {
    n.attribute(a).unwrap().parse().unwrap()
}

fn with_class<'a>(doc: &'a roxmltree::Document, class: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| n.attribute("class").is_some_and(|c| c.split(' ').any(|x| x == class)))
        .collect()
}

fn texts(doc: &roxmltree::Document, class: &str) -> Vec<String> {
    with_class(doc, class)
        .iter()
        .map(|n| n.text().unwrap_or("").to_string())
        .collect()
}

#[test]
fn bars_are_in_proportion_from_zero_with_norwegian_labels() {
    let svg = draw(&series(
        Kind::Bars,
        &[("2012", "1255"), ("2013", "1358"), ("2015", "1770")],
        " brukarar",
    ));
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let root = doc.root_element();
    assert_eq!(root.attribute("aria-hidden"), Some("true"));
    assert_eq!(root.attribute("width"), Some("100%"));
    assert!(root.attribute("viewBox").unwrap().starts_with("0 0 360 "));
    let bars = with_class(&doc, "bar");
    assert_eq!(bars.len(), 3);
    let w: Vec<f64> = bars.iter().map(|b| attr(b, "width")).collect();
    for (wi, v) in w.iter().zip([1255.0, 1358.0, 1770.0]) {
        assert!((wi / w[2] - v / 1770.0).abs() < 0.002, "{w:?}");
    }
    // Every bar starts at the same zero.
    assert!(bars.iter().all(|b| attr(b, "x") == attr(&bars[0], "x")));
    assert_eq!(
        texts(&doc, "value"),
        ["1\u{a0}255 brukarar", "1\u{a0}358 brukarar", "1\u{a0}770 brukarar"]
    );
    assert_eq!(texts(&doc, "cat"), ["2012", "2013", "2015"]);
    assert!(svg.len() < 10_000);
}

#[test]
fn a_missing_value_is_a_gap_never_a_zero_bar() {
    let c = series(Kind::Bars, &[("2003", "-"), ("2004", "12,5"), ("2005", "..")], "");
    let doc_s = draw(&c);
    let doc = roxmltree::Document::parse(&doc_s).unwrap();
    assert_eq!(with_class(&doc, "bar").len(), 1);
    assert_eq!(texts(&doc, "missing"), ["-", ".."]);
    assert_eq!(texts(&doc, "value")[1], "12,5");

    let line = draw(&series(
        Kind::Line,
        &[
            ("2012", "4"),
            ("2013", "5"),
            ("2014", "–"),
            ("2015", "7"),
            ("2016", "6"),
        ],
        "",
    ));
    let doc = roxmltree::Document::parse(&line).unwrap();
    let d = with_class(&doc, "line")[0].attribute("d").unwrap().to_string();
    // Two pieces: 2012–2013 and 2015–2016, none through the missing year.
    assert_eq!(d.matches('M').count(), 2, "{d}");
    assert_eq!(d.matches('L').count(), 2, "{d}");
    assert_eq!(with_class(&doc, "dot").len(), 4);
}

#[test]
fn negative_values_go_left_of_zero_with_a_true_minus() {
    let svg = draw(&series(Kind::Bars, &[("2019", "-2,5"), ("2020", "5")], " %"));
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let bars = with_class(&doc, "bar");
    let axis = attr(&with_class(&doc, "axis")[0], "x1");
    // The negative bar ends at zero, the positive one starts there.
    assert!((attr(&bars[0], "x") + attr(&bars[0], "width") - axis).abs() < 0.11);
    assert!((attr(&bars[1], "x") - axis).abs() < 0.11);
    assert!((attr(&bars[1], "width") / attr(&bars[0], "width") - 2.0).abs() < 0.01);
    assert_eq!(texts(&doc, "value")[0], "\u{2212}2,5 %");
}

#[test]
fn a_single_point_and_very_different_magnitudes() {
    let one = draw(&series(Kind::Line, &[("2015", "1770")], ""));
    let doc = roxmltree::Document::parse(&one).unwrap();
    assert_eq!(with_class(&doc, "dot").len(), 1);
    assert_eq!(texts(&doc, "value"), ["1\u{a0}770"]);
    let bars = draw(&series(Kind::Bars, &[("a", "3"), ("b", "2500000")], ""));
    let doc = roxmltree::Document::parse(&bars).unwrap();
    let w: Vec<f64> = with_class(&doc, "bar").iter().map(|b| attr(b, "width")).collect();
    assert!(w[1] > 100.0 && w[0] < 0.1, "{w:?}");
    assert_eq!(texts(&doc, "value"), ["3", "2\u{a0}500\u{a0}000"]);
}

#[test]
fn groups_are_labelled_and_scaled_each_on_their_own() {
    let c = Chart {
        kind: Kind::Bars,
        groups: vec![
            Group {
                label: Some("Netto driftsutgifter".into()),
                points: vec![pt("Klepp", "1741"), pt("KOSTRA-gruppe 7", "2100"), pt("Time", "1887")],
                unit_suffix: " kr".into(),
                percent: false,
            },
            Group {
                label: Some("Del".into()),
                points: vec![pt("Klepp", "4,8"), pt("KOSTRA-gruppe 7", "5,4"), pt("Time", ":")],
                unit_suffix: String::new(),
                percent: true,
            },
        ],
    };
    let svg = draw(&c);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert_eq!(texts(&doc, "group"), ["Netto driftsutgifter", "Del"]);
    let w: Vec<f64> = with_class(&doc, "bar").iter().map(|b| attr(b, "width")).collect();
    assert_eq!(w.len(), 5);
    // The largest bar of each group spans the same width.
    assert!((w[1] - w[4]).abs() < 0.11, "{w:?}");
    assert_eq!(texts(&doc, "missing"), [":"]);
    assert!(texts(&doc, "value").contains(&"5,4\u{a0}%".to_string()));
    let s = |k: &str| match k {
        "chart_range" => "høgast for {max} ({max_value}), lågast for {min} ({min_value}).".to_string(),
        other => other.to_string(),
    };
    assert_eq!(
        summary(&c, &s),
        "Netto driftsutgifter: høgast for KOSTRA-gruppe 7 (2\u{a0}100), lågast for Klepp (1\u{a0}741). Del: høgast for KOSTRA-gruppe 7 (5,4\u{a0}%), lågast for Klepp (4,8\u{a0}%)."
    );
}

fn nn(k: &str) -> String {
    match k {
        "chart_from_to" => "Frå {first} i {from} til {last} i {to}",
        "chart_rise" => ", ein auke på {pct}.",
        "chart_fall" => ", ein nedgang på {pct}.",
        "chart_same" => ", uendra.",
        "chart_one" => "{value} i {year}.",
        "chart_missing" => "Tal manglar for {n} av {total} år.",
        _ => k,
    }
    .to_string()
}

#[test]
fn summaries_say_the_change_from_the_numbers() {
    let c = series(Kind::Bars, &[("2012", "1255"), ("2013", "1358"), ("2015", "1770")], "");
    assert_eq!(
        summary(&c, &nn),
        "Frå 1\u{a0}255 i 2012 til 1\u{a0}770 i 2015, ein auke på 41\u{a0}%."
    );
    let c = series(Kind::Bars, &[("2010", "-"), ("2014", "1741"), ("2015", "1500")], "");
    assert_eq!(
        summary(&c, &nn),
        "Frå 1\u{a0}741 i 2014 til 1\u{a0}500 i 2015, ein nedgang på 14\u{a0}%. Tal manglar for 1 av 3 år."
    );
    let c = series(Kind::Bars, &[("2015", "5,4")], "");
    assert_eq!(summary(&c, &nn), "5,4 i 2015.");
    // From a negative start a percentage would mislead: none is given.
    let c = series(Kind::Bars, &[("2019", "-2"), ("2020", "3")], "");
    assert_eq!(summary(&c, &nn), "Frå \u{2212}2 i 2019 til 3 i 2020.");
}

#[test]
fn a_goal_path_marks_its_targets_and_needs_two_years() {
    let n = |s: &str| parse_number(s).unwrap();
    let p = GoalPath {
        measured: vec![(2015, n("5,4")), (2017, n("5,0"))],
        targets: vec![(2017, n("4,86")), (2020, n("4,05"))],
        unit_suffix: String::new(),
        percent: true,
        target_word: "Mål".into(),
    };
    assert!(p.drawable());
    let svg = draw_path(&p);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert_eq!(with_class(&doc, "dot").len(), 2);
    assert_eq!(with_class(&doc, "target").len(), 2);
    assert!(texts(&doc, "target-label").contains(&"Mål 4,05\u{a0}%".to_string()));
    assert_eq!(texts(&doc, "cat"), ["2015", "2017", "2020"]);
    // Years are placed by their distance: 2017 is 2/5 of the way.
    let x: Vec<f64> = with_class(&doc, "cat").iter().map(|c| attr(c, "x")).collect();
    assert!(((x[1] - x[0]) / (x[2] - x[0]) - 0.4).abs() < 0.01, "{x:?}");
    assert!(svg.len() < 10_000);
    let one_year = GoalPath {
        measured: vec![(2011, n("763"))],
        targets: vec![(2011, n("700"))],
        ..p
    };
    assert!(!one_year.drawable());
}

#[test]
fn coordinates_are_written_as_one_decimal_would_be() {
    use super::svg::Px;
    for v in [0.0, 1.0, 12.34, 149.96, -3.26, -0.04, 359.99, 1e20, f64::NAN, 175.04999] {
        let ours = Px(v).to_string();
        let std = format!("{v:.1}");
        // Equal, or (at an exact half, or around zero) one tenth apart.
        let diff = (ours.parse::<f64>().unwrap_or(f64::NAN) - std.parse::<f64>().unwrap_or(f64::NAN)).abs();
        assert!(ours == std || diff <= 0.1 + 1e-9, "{v}: {ours} against {std}");
        assert!(!ours.contains('e'), "{ours}");
        // Goal paths append the same digits straight to their string.
        let mut out = super::svg::Out(String::new());
        out.px(v);
        assert_eq!(out.0, ours);
    }
    assert_eq!(Px(12.34).to_string(), "12.3");
    assert_eq!(Px(-3.26).to_string(), "-3.3");
    assert_eq!(Px(149.96).to_string(), "150.0");
}
