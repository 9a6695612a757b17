//! A goal's path: what was measured (the baseline and the results, a solid
//! line with dots) and where it should go (each target a hollow diamond
//! labelled "Mål"), by year, from zero. Shapes and words, not colours,
//! tell measured values from targets.

use super::svg::{escape_text, width_of, Px, H_FONT};
use crate::format::Number;
use std::fmt::Write;

/// An indicator's numbers by year, ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalPath {
    /// The baseline and the results, sorted by year.
    pub measured: Vec<(i32, Number)>,
    pub targets: Vec<(i32, Number)>,
    pub unit_suffix: String,
    pub percent: bool,
    /// "Mål" / "Mål": the word before a target's value.
    pub target_word: String,
}

impl GoalPath {
    fn text(&self, n: &Number) -> String {
        let n = Number {
            value: n.value,
            percent: n.percent || self.percent,
        };
        format!("{}{}", n.to_html_text(), self.unit_suffix)
    }

    /// Worth drawing: something measured, and two years or more (one year's
    /// result beside its target is said better by the figures).
    pub fn drawable(&self) -> bool {
        let mut years: Vec<i32> = self.measured.iter().chain(&self.targets).map(|x| x.0).collect();
        years.sort_unstable();
        years.dedup();
        !self.measured.is_empty() && years.len() >= 2
    }
}

const W: f64 = 360.0;

/// The path as an inline SVG, hidden from assistive technology: the
/// goal's figures and its record table say every number.
pub fn draw_path(p: &GoalPath) -> String {
    let years = p.measured.iter().chain(&p.targets).map(|x| x.0);
    let (y0, y1) = (years.clone().min().unwrap_or(0), years.max().unwrap_or(0));
    let all = p.measured.iter().chain(&p.targets).map(|x| x.1.value.to_f64());
    let (mut lo, mut hi) = (0f64, 0f64);
    for v in all {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    let span = if hi > lo { hi - lo } else { 1.0 };
    let labels = p
        .measured
        .iter()
        .map(|x| p.text(&x.1))
        .chain(p.targets.iter().map(|x| format!("{} {}", p.target_word, p.text(&x.1))));
    let pad = labels.map(|l| width_of(&l)).fold(0.0, f64::max) / 2.0 + 2.0;
    let (left, right, top, bottom, h) = (pad, W - pad, 26.0, 150.0, 176.0);
    let x_of = |y: i32| {
        if y1 > y0 {
            left + (right - left) * f64::from(y - y0) / f64::from(y1 - y0)
        } else {
            W / 2.0
        }
    };
    let y_of = |v: f64| bottom - (v - lo) / span * (bottom - top);
    let mut out = String::new();
    let zero = Px(y_of(0.0));
    let _ = write!(
        out,
        "<line class=\"axis\" x1=\"0\" x2=\"{W}\" y1=\"{zero}\" y2=\"{zero}\" stroke=\"currentColor\"/>"
    );
    let d: Vec<String> = p
        .measured
        .iter()
        .enumerate()
        .map(|(i, (y, n))| {
            format!(
                "{}{} {}",
                if i == 0 { "M" } else { "L" },
                Px(x_of(*y)),
                Px(y_of(n.value.to_f64()))
            )
        })
        .collect();
    if d.len() > 1 {
        let _ = write!(
            out,
            "<path class=\"line\" d=\"{}\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2.5\"/>",
            d.join("")
        );
    }
    for (y, n) in &p.measured {
        let (x, v) = (x_of(*y), y_of(n.value.to_f64()));
        let (px, pv) = (Px(x), Px(v));
        let _ = write!(out, "<circle class=\"dot\" cx=\"{px}\" cy=\"{pv}\" r=\"4\"/>");
        let _ = write!(
            out,
            "<text class=\"value\" x=\"{px}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            Px(v - 9.0),
            escape_text(&p.text(n))
        );
    }
    for (y, n) in &p.targets {
        let (x, v) = (x_of(*y), y_of(n.value.to_f64()));
        let (px, pv) = (Px(x), Px(v));
        let _ = write!(
            out,
            "<path class=\"target\" d=\"M{px} {}L{} {pv}L{px} {}L{} {pv}Z\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\"/>",
            Px(v - 6.0),
            Px(x + 6.0),
            Px(v + 6.0),
            Px(x - 6.0)
        );
        let label = format!("{} {}", p.target_word, p.text(n));
        let _ = write!(
            out,
            "<text class=\"value target-label\" x=\"{px}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            Px(v + 20.0),
            escape_text(&label)
        );
    }
    let mut years: Vec<i32> = p.measured.iter().chain(&p.targets).map(|x| x.0).collect();
    years.sort_unstable();
    years.dedup();
    let mut last_x = f64::NEG_INFINITY;
    for y in years {
        let x = x_of(y);
        if x - last_x < width_of("2020") + 6.0 {
            continue;
        }
        last_x = x;
        let _ = write!(
            out,
            "<text class=\"cat\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{y}</text>",
            Px(x),
            Px(h - 6.0)
        );
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg goal-path\" viewBox=\"0 0 {W} {h}\" width=\"100%\" font-size=\"{H_FONT}\" fill=\"currentColor\" aria-hidden=\"true\" focusable=\"false\">{out}</svg>"
    )
}
