//! Property tests: Norwegian numbers round-trip through formatting, and the
//! loader never panics on generated YAML.

use planvev::format::number::{parse, Decimal, Number};
use proptest::prelude::*;

fn number() -> impl Strategy<Value = Number> {
    (any::<i64>(), 0u8..6, any::<bool>()).prop_map(|(units, scale, percent)| Number {
        value: Decimal {
            units: units as i128,
            scale,
        },
        percent,
    })
}

proptest! {
    #[test]
    fn html_text_parses_back_to_the_same_number(n in number()) {
        let text = n.to_html_text();
        prop_assert_eq!(parse(&text).unwrap(), n, "{}", text);
    }

    #[test]
    fn csv_text_parses_back_to_the_same_value(n in number()) {
        let back = parse(&n.to_csv_text()).unwrap();
        prop_assert_eq!(back.value, n.value);
    }

    #[test]
    fn parse_never_panics(s in "\\PC{0,24}") {
        let _ = parse(&s);
    }

    #[test]
    fn grouping_is_threes_with_no_break_space(units in 1000i64..i64::MAX) {
        let text = Number { value: Decimal::from_int(units), percent: false }.to_html_text();
        let groups: Vec<&str> = text.split('\u{a0}').collect();
        prop_assert!(groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3), "{}", text);
    }
}

/// YAML-ish text built from the pieces data.yaml is made of, so that the
/// generator reaches deep into the loader rather than failing at once.
fn yamlish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("title: X\n".to_string()),
        Just("tables:\n".to_string()),
        Just("  t:\n    kind: budget\n".to_string()),
        Just("    columns: [A, B]\n".to_string()),
        Just("    rows:\n      - label: SUM\n        total: true\n".to_string()),
        Just("        values: [1, \"2,5\"]\n".to_string()),
        Just("      - values: [\"-\", 3]\n".to_string()),
        Just("goals:\n  - goal: G\n".to_string()),
        Just("    targets: { 2020: 5 }\n".to_string()),
        Just("    results: { 2019: \"4,9\" }\n".to_string()),
        Just("    direction: lower\n".to_string()),
        Just("series:\n  s:\n    points: { 2012: 1 }\n".to_string()),
        Just("&a [*a]\n".to_string()),
        Just("\t".to_string()),
        "[ -~]{0,12}\n",
    ];
    proptest::collection::vec(piece, 0..14).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]
    #[test]
    fn loader_never_panics_on_generated_yaml(data in yamlish(), md in "[ -~\n{}]{0,40}") {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        std::fs::write(root.join("site.yaml"), "title: T\n").unwrap();
        std::fs::create_dir_all(root.join("m/a")).unwrap();
        std::fs::write(root.join("m/municipality.yaml"), "name: M\n").unwrap();
        std::fs::write(root.join("m/a/data.yaml"), &data).unwrap();
        std::fs::write(root.join("m/a/index.nn.md"), &md).unwrap();
        let outcome = planvev::pipeline::run(
            root,
            &planvev::pipeline::Settings { base_url: None },
            &planvev::render::NullSink,
        );
        // Either a site or located errors; every error names a file.
        prop_assert!(outcome.rendered.is_some() || outcome.diags.has_errors());
        for d in outcome.diags.items {
            prop_assert!(!d.file.as_os_str().is_empty());
        }
    }
}
