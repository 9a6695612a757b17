//! The sentence under a chart's title that says what the numbers show, in
//! the page's language, so a reader (and a screen reader) gets the gist
//! before the table.

use super::{Chart, Group, Point};
use crate::format::Number;

/// "Frå 1 255 i 2012 til 1 770 i 2015, ein auke på 41 %." for a series;
/// "Barnehage: høgast for Klepp (…), lågast for Time (…)." per table row.
/// `s` looks a UI string up by key (`chart_from_to`, …).
pub fn summary(c: &Chart, s: &dyn Fn(&str) -> String) -> String {
    if c.kind == super::Kind::Share {
        return c
            .groups
            .iter()
            .filter_map(|g| largest(g, s))
            .collect::<Vec<_>>()
            .join(" ");
    }
    let mut parts = Vec::new();
    for g in &c.groups {
        let sentence = match &g.label {
            None => trend(g, &g.points, s),
            Some(l) => range(g, &g.points, s).map(|r| format!("{l}: {r}")),
        };
        parts.extend(sentence);
    }
    parts.join(" ")
}

/// The value as the summary says it: the number, `%` when it is one.
fn said(c: &Group, n: &Number) -> String {
    Number {
        value: n.value,
        percent: n.percent || c.percent,
    }
    .to_html_text()
}

fn numbers(points: &[Point]) -> Vec<(&Point, Number)> {
    points.iter().filter_map(|p| p.value.map(|v| (p, v))).collect()
}

fn trend(c: &Group, points: &[Point], s: &dyn Fn(&str) -> String) -> Option<String> {
    let nums = numbers(points);
    let (first, last) = (nums.first()?, nums.last()?);
    let mut out = if nums.len() == 1 {
        s("chart_one")
            .replace("{value}", &said(c, &first.1))
            .replace("{year}", &first.0.label)
    } else {
        let from_to = s("chart_from_to")
            .replace("{first}", &said(c, &first.1))
            .replace("{from}", &first.0.label)
            .replace("{last}", &said(c, &last.1))
            .replace("{to}", &last.0.label);
        format!("{from_to}{}", change(first.1, last.1, s))
    };
    let missing = points.len() - nums.len();
    if missing > 0 {
        out.push(' ');
        out.push_str(
            &s("chart_missing")
                .replace("{n}", &missing.to_string())
                .replace("{total}", &points.len().to_string()),
        );
    }
    Some(out)
}

/// ", ein auke på 41 %." — a change in percent only where it means
/// something: from a positive start; otherwise just the full stop.
fn change(a: Number, b: Number, s: &dyn Fn(&str) -> String) -> String {
    if a.value.is_negative() || a.value.is_zero() || b.value.is_negative() {
        return ".".into();
    }
    let pct = b.value.checked_sub(a.value).and_then(|d| d.percent_of(a.value, 0));
    match pct {
        Some(p) if p.is_zero() => s("chart_same"),
        Some(p) => {
            let key = if p.is_negative() { "chart_fall" } else { "chart_rise" };
            let abs = crate::format::number::Decimal {
                units: p.units.abs(),
                scale: p.scale,
            };
            s(key).replace(
                "{pct}",
                &Number {
                    value: abs,
                    percent: true,
                }
                .to_html_text(),
            )
        }
        None => ".".into(),
    }
}

/// "Den største delen er Helse og velferd (99,3 %)." for a share chart.
fn largest(c: &Group, s: &dyn Fn(&str) -> String) -> Option<String> {
    let nums = numbers(&c.points);
    let max = nums.iter().max_by(|a, b| a.1.value.cmp(&b.1.value))?;
    Some(
        s("chart_share_largest")
            .replace("{label}", &max.0.label)
            .replace("{value}", &said(c, &max.1)),
    )
}

fn range(c: &Group, points: &[Point], s: &dyn Fn(&str) -> String) -> Option<String> {
    let nums = numbers(points);
    let max = nums.iter().max_by(|a, b| a.1.value.cmp(&b.1.value))?;
    let min = nums.iter().min_by(|a, b| a.1.value.cmp(&b.1.value))?;
    if nums.len() == 1 || max.1.value == min.1.value {
        return Some(
            s("chart_value_for")
                .replace("{value}", &said(c, &max.1))
                .replace("{label}", &max.0.label),
        );
    }
    Some(
        s("chart_range")
            .replace("{max}", &max.0.label)
            .replace("{max_value}", &said(c, &max.1))
            .replace("{min}", &min.0.label)
            .replace("{min_value}", &said(c, &min.1)),
    )
}
