//! A goal's path: what was measured (the baseline and the results, a solid
//! line with dots) and where it should go (each target a hollow diamond
//! labelled "Mål"), by year, from zero. Shapes and words, not colours,
//! tell measured values from targets.

use super::svg::{width_of, Out, H_FONT};
use crate::format::Number;
use std::sync::LazyLock;

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
const H: f64 = 176.0;
/// The opening tag and the start of the axis, the same for every path:
/// formatting the floats in them cost more than the rest of a path.
static OPEN: LazyLock<String> = LazyLock::new(|| {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg goal-path\" viewBox=\"0 0 {W} {H}\" width=\"100%\" font-size=\"{H_FONT}\" fill=\"currentColor\" aria-hidden=\"true\" focusable=\"false\"><line class=\"axis\" x1=\"0\" x2=\"{W}\" y1=\""
    )
});

/// The path as an inline SVG, hidden from assistive technology: the
/// goal's figures and its record table say every number.
///
/// A country's build draws tens of thousands of these, so each label is
/// made once and everything is written straight into one string.
pub fn draw_path(p: &GoalPath) -> String {
    let measured: Vec<String> = p.measured.iter().map(|x| p.text(&x.1)).collect();
    let targets: Vec<String> = (p.targets.iter())
        .map(|x| format!("{} {}", p.target_word, p.text(&x.1)))
        .collect();
    let pad = measured.iter().chain(&targets).map(|l| width_of(l)).fold(0.0, f64::max) / 2.0 + 2.0;
    let at = Frame::new(p, pad);
    let mut out = Out(String::with_capacity(1024 + 256 * (measured.len() + targets.len())));
    let zero = at.y(0.0);
    out.raw(&OPEN)
        .px(zero)
        .raw("\" y2=\"")
        .px(zero)
        .raw("\" stroke=\"currentColor\"/>");
    if p.measured.len() > 1 {
        out.raw("<path class=\"line\" d=\"");
        for (i, (y, n)) in p.measured.iter().enumerate() {
            let pen = if i == 0 { "M" } else { "L" };
            out.raw(pen).px(at.x(*y)).raw(" ").px(at.y(n.value.to_f64()));
        }
        out.raw("\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2.5\"/>");
    }
    for ((y, n), label) in p.measured.iter().zip(&measured) {
        let (x, v) = (at.x(*y), at.y(n.value.to_f64()));
        out.raw("<circle class=\"dot\" cx=\"")
            .px(x)
            .raw("\" cy=\"")
            .px(v)
            .raw("\" r=\"4\"/>");
        out.raw("<text class=\"value\" x=\"").px(x).raw("\" y=\"").px(v - 9.0);
        out.raw("\" text-anchor=\"middle\">").text(label).raw("</text>");
    }
    for ((y, n), label) in p.targets.iter().zip(&targets) {
        let (x, v) = (at.x(*y), at.y(n.value.to_f64()));
        out.raw("<path class=\"target\" d=\"M").px(x).raw(" ").px(v - 6.0);
        out.raw("L")
            .px(x + 6.0)
            .raw(" ")
            .px(v)
            .raw("L")
            .px(x)
            .raw(" ")
            .px(v + 6.0);
        out.raw("L").px(x - 6.0).raw(" ").px(v);
        out.raw("Z\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\"/>");
        out.raw("<text class=\"value target-label\" x=\"")
            .px(x)
            .raw("\" y=\"")
            .px(v + 20.0);
        out.raw("\" text-anchor=\"middle\">").text(label).raw("</text>");
    }
    years(&mut out, p, &at);
    out.raw("</svg>");
    out.0
}

/// The years under the axis, each where it fits beside the last.
fn years(out: &mut Out, p: &GoalPath, at: &Frame) {
    let mut years: Vec<i32> = p.measured.iter().chain(&p.targets).map(|x| x.0).collect();
    years.sort_unstable();
    years.dedup();
    let mut last_x = f64::NEG_INFINITY;
    let year_w = width_of("2020") + 6.0;
    for y in years {
        let x = at.x(y);
        if x - last_x < year_w {
            continue;
        }
        last_x = x;
        out.raw("<text class=\"cat\" x=\"").px(x).raw("\" y=\"").px(H - 6.0);
        out.raw("\" text-anchor=\"middle\">").raw(&y.to_string()).raw("</text>");
    }
}

/// Where a year and a value go: years across between the pads, values
/// from zero up, within the smallest and largest of all the numbers.
struct Frame {
    years: (i32, i32),
    left: f64,
    right: f64,
    lo: f64,
    span: f64,
}

impl Frame {
    const TOP: f64 = 26.0;
    const BOTTOM: f64 = 150.0;

    fn new(p: &GoalPath, pad: f64) -> Frame {
        let years = p.measured.iter().chain(&p.targets).map(|x| x.0);
        let (y0, y1) = (years.clone().min().unwrap_or(0), years.max().unwrap_or(0));
        let all = p.measured.iter().chain(&p.targets).map(|x| x.1.value.to_f64());
        let (mut lo, mut hi) = (0f64, 0f64);
        for v in all {
            lo = lo.min(v);
            hi = hi.max(v);
        }
        Frame {
            years: (y0, y1),
            left: pad,
            right: W - pad,
            lo,
            span: if hi > lo { hi - lo } else { 1.0 },
        }
    }

    fn x(&self, y: i32) -> f64 {
        let (y0, y1) = self.years;
        if y1 > y0 {
            self.left + (self.right - self.left) * f64::from(y - y0) / f64::from(y1 - y0)
        } else {
            W / 2.0
        }
    }

    fn y(&self, v: f64) -> f64 {
        Self::BOTTOM - (v - self.lo) / self.span * (Self::BOTTOM - Self::TOP)
    }
}
