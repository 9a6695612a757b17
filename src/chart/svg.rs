//! Drawing: coordinates in a 360-unit-wide viewBox that scales to the
//! column (`width="100%"`), text at 13 units, so labels stay legible from
//! 320 px phones up. Bars are horizontal: long labels (years, municipality
//! names) and many points fit a phone without sideways scrolling.

use super::{Chart, Group, Kind, Point};
use crate::render::view::escape;
use std::fmt::Write;

/// A coordinate written with one decimal, as `{:.1}` writes it but by
/// integer arithmetic: formatting a float with a precision runs the exact
/// (Dragon4) algorithm for every coordinate, which made goal paths a tenth
/// of a country's build. A half rounds away from zero (`{:.1}` rounds it to
/// even): a twentieth of a pixel, invisible.
#[derive(Debug, Clone, Copy)]
pub(super) struct Px(pub(super) f64);

impl Px {
    /// The digits in `buf`, or None where `{:.1}` must write them (not a
    /// number, or too large for the integer arithmetic).
    fn digits(self, buf: &mut [u8; 20]) -> Option<&str> {
        let tenths = (self.0 * 10.0).round();
        if !tenths.is_finite() || tenths.abs() >= 1e15 {
            return None;
        }
        let t = tenths as i64;
        // From the right: the tenth, the point, the whole part, the sign.
        let mut i = buf.len();
        let mut a = t.unsigned_abs();
        for c in [b'0' + (a % 10) as u8, b'.'] {
            i -= 1;
            buf[i] = c;
        }
        a /= 10;
        loop {
            i -= 1;
            buf[i] = b'0' + (a % 10) as u8;
            a /= 10;
            if a == 0 {
                break;
            }
        }
        if t < 0 {
            i -= 1;
            buf[i] = b'-';
        }
        std::str::from_utf8(&buf[i..]).ok()
    }
}

impl std::fmt::Display for Px {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.digits(&mut [0; 20]) {
            Some(d) => f.write_str(d),
            None => write!(f, "{:.1}", self.0),
        }
    }
}

/// An SVG being written: markup, coordinates and labels appended straight
/// to the string. A country's build draws tens of thousands of goal paths,
/// and going through `write!` for each piece cost more than the drawing.
pub(super) struct Out(pub(super) String);

impl Out {
    /// Markup as it is.
    pub(super) fn raw(&mut self, markup: &str) -> &mut Self {
        self.0.push_str(markup);
        self
    }

    /// A coordinate, as [`Px`] writes it.
    pub(super) fn px(&mut self, v: f64) -> &mut Self {
        match Px(v).digits(&mut [0; 20]) {
            Some(d) => self.0.push_str(d),
            None => {
                let _ = write!(self.0, "{}", Px(v));
            }
        }
        self
    }

    /// Text content or an attribute value, escaped.
    pub(super) fn text(&mut self, s: &str) -> &mut Self {
        push_text(&mut self.0, s);
        self
    }
}

const W: f64 = 360.0;
/// The font size of every chart, in viewBox units.
pub(super) const H_FONT: u32 = 15;

/// Appends `s` escaped for SVG text; most labels need no escaping, and
/// those are copied without a string of their own.
pub(super) fn push_text(out: &mut String, s: &str) {
    if s.contains(['&', '<', '>', '"', '\'']) {
        out.push_str(&escape(s));
    } else {
        out.push_str(s);
    }
}

/// Width of one character at font size 13, generously (digits and most
/// letters are narrower), so labels never run into each other.
const CH: f64 = 8.6;
const ROW: f64 = 25.0;
const BAR: f64 = 16.0;

/// The chart as an SVG element for inline use in the page.
pub fn draw(c: &Chart) -> String {
    let (h, body) = match c.kind {
        Kind::Bars | Kind::Share => bars(c),
        Kind::Line => line(c),
    };
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg\" viewBox=\"0 0 {W} {h:.0}\" width=\"100%\" font-size=\"15\" fill=\"currentColor\" aria-hidden=\"true\" focusable=\"false\">{body}</svg>"
    )
}

pub(super) fn width_of(s: &str) -> f64 {
    s.chars().count() as f64 * CH
}

fn label_of(g: &Group, p: &Point) -> String {
    match &p.value {
        Some(n) => g.value_text(n),
        None => p.printed.clone(),
    }
}

/// Where zero is and how long one unit is, for values from `lo` to `hi`
/// drawn between `x0` and `x1` (or bottom to top): always from zero.
fn scale(values: impl Iterator<Item = f64>, x0: f64, x1: f64) -> (f64, f64) {
    let (mut lo, mut hi) = (0f64, 0f64);
    for v in values {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    let span = if hi - lo > 0.0 { hi - lo } else { 1.0 };
    let unit = (x1 - x0) / span;
    (x0 - lo * unit, unit)
}

fn values(g: &Group) -> impl Iterator<Item = f64> + '_ {
    g.points.iter().filter_map(|p| p.value.map(|n| n.value.to_f64()))
}

fn bars(c: &Chart) -> (f64, String) {
    let points = || c.groups.iter().flat_map(|g| g.points.iter().map(move |p| (g, p)));
    let cat_w = points().map(|(_, p)| width_of(&p.label)).fold(0.0, f64::max) + 8.0;
    // Long labels ("KOSTRA-gruppe 7") go above their bar, leaving it the width.
    let above = cat_w > W * 0.3;
    let x0 = if above { 0.0 } else { cat_w };
    let value_w = points().map(|(g, p)| width_of(&label_of(g, p))).fold(0.0, f64::max) + 6.0;
    let x1 = (W - value_w).max(x0 + W * 0.3);
    let mut out = String::new();
    let mut y = 4.0;
    for g in &c.groups {
        let (zero, unit) = scale(values(g), x0, x1);
        if let Some(l) = &g.label {
            let _ = write!(
                out,
                "<text class=\"group\" x=\"0\" y=\"{}\" font-weight=\"bold\">{}</text>",
                Px(y + 14.0),
                escape(l)
            );
            y += ROW;
        }
        let top = y;
        for p in &g.points {
            let _ = write!(
                out,
                "<text class=\"cat\" x=\"0\" y=\"{}\">{}</text>",
                Px(y + 13.5),
                escape(&p.label)
            );
            if above {
                y += 18.0;
            }
            let label = escape(&label_of(g, p));
            match p.value {
                Some(n) => {
                    let v = n.value.to_f64();
                    let (x, w) = if v < 0.0 {
                        (zero + v * unit, -v * unit)
                    } else {
                        (zero, v * unit)
                    };
                    let _ = write!(
                        out,
                        "<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{BAR}\"/>",
                        Px(x),
                        Px(y),
                        Px(w)
                    );
                    // Beside the bar's end; for a negative bar, right of zero.
                    let lx = if v < 0.0 { zero + 4.0 } else { zero + w + 4.0 };
                    let _ = write!(
                        out,
                        "<text class=\"value\" x=\"{}\" y=\"{}\">{label}</text>",
                        Px(lx),
                        Px(y + 13.5)
                    );
                }
                None => {
                    let _ = write!(
                        out,
                        "<text class=\"value missing\" x=\"{}\" y=\"{}\">{label}</text>",
                        Px(zero + 4.0),
                        Px(y + 13.5)
                    );
                }
            }
            if above {
                // Zero beside each bar only, clear of the labels above it.
                axis(&mut out, zero, (y - 2.0, y + BAR + 2.0));
            }
            y += ROW;
        }
        if !above {
            axis(&mut out, zero, (top - 2.0, y - 4.0));
        }
        y += 4.0;
    }
    (y, out)
}

/// A vertical axis at zero from `y1` to `y2`.
fn axis(out: &mut String, zero: f64, (y1, y2): (f64, f64)) {
    let _ = write!(
        out,
        "<line class=\"axis\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" stroke=\"currentColor\"/>",
        Px(zero),
        Px(zero),
        Px(y1),
        Px(y2)
    );
}

/// A line over the points of the first group, from zero; labels on every
/// point when they fit, else on the first, last, highest and lowest.
fn line(c: &Chart) -> (f64, String) {
    let Some(g) = c.groups.first() else {
        return (10.0, String::new());
    };
    let pts = &g.points;
    let n = pts.len().max(1);
    // Labels of values under zero go below their point: room above the years.
    let below = values(g).any(|v| v < 0.0);
    let (top, bottom, h) = (24.0, if below { 166.0 } else { 184.0 }, 210.0);
    let label_w = pts.iter().map(|p| width_of(&label_of(g, p))).fold(0.0, f64::max);
    let pad = (label_w / 2.0).max(width_of(&pts.last().map(|p| p.label.clone()).unwrap_or_default()) / 2.0) + 2.0;
    let (left, right) = (pad, W - pad);
    let step = if n > 1 { (right - left) / (n - 1) as f64 } else { 0.0 };
    let xs: Vec<f64> = (0..n)
        .map(|i| if n > 1 { left + step * i as f64 } else { W / 2.0 })
        .collect();
    let (zero, unit) = scale(values(g), bottom, top);
    let y_of = |v: f64| zero + v * unit;
    let mut out = String::new();
    let _ = write!(
        out,
        "<line class=\"axis\" x1=\"0\" x2=\"{W}\" y1=\"{}\" y2=\"{}\" stroke=\"currentColor\"/>",
        Px(zero),
        Px(zero)
    );
    // The path, broken at each missing value: a gap, never a drop to zero.
    let mut d = String::new();
    let mut pen_down = false;
    for (i, p) in pts.iter().enumerate() {
        match p.value {
            Some(v) => {
                let _ = write!(
                    d,
                    "{}{} {}",
                    if pen_down { "L" } else { "M" },
                    Px(xs[i]),
                    Px(y_of(v.value.to_f64()))
                );
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    if !d.is_empty() {
        let _ = write!(
            out,
            "<path class=\"line\" d=\"{d}\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2.5\"/>"
        );
    }
    let nums: Vec<(usize, f64)> = pts
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.value.map(|v| (i, v.value.to_f64())))
        .collect();
    let fits = (step >= label_w + 4.0) || n == 1;
    let mut labelled: Vec<usize> = nums.iter().map(|x| x.0).collect();
    if !fits {
        let by = |f: fn(f64, f64) -> bool| {
            nums.iter()
                .copied()
                .reduce(|a, b| if f(b.1, a.1) { b } else { a })
                .map(|x| x.0)
        };
        labelled = [
            nums.first().map(|x| x.0),
            nums.last().map(|x| x.0),
            by(|a, b| a > b),
            by(|a, b| a < b),
        ]
        .into_iter()
        .flatten()
        .collect();
        labelled.sort_unstable();
        labelled.dedup();
    }
    for (i, v) in &nums {
        let (x, y) = (xs[*i], y_of(*v));
        let _ = write!(
            out,
            "<circle class=\"dot\" cx=\"{}\" cy=\"{}\" r=\"3.5\"/>",
            Px(x),
            Px(y)
        );
        if labelled.contains(i) {
            // Below the point when it lies under zero, else above it.
            let ly = if *v < 0.0 { y + 16.0 } else { y - 8.0 };
            let label = escape(&label_of(g, &pts[*i]));
            let _ = write!(
                out,
                "<text class=\"value\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{label}</text>",
                Px(x),
                Px(ly)
            );
        }
    }
    let year_w = pts.iter().map(|p| width_of(&p.label)).fold(0.0, f64::max) + 6.0;
    let every = if n > 1 {
        (year_w / step).ceil().max(1.0) as usize
    } else {
        1
    };
    for (i, p) in pts.iter().enumerate() {
        if i % every == 0 || i == n - 1 {
            if i == n - 1 && i % every != 0 && step * ((i % every) as f64) < year_w {
                continue;
            }
            let _ = write!(
                out,
                "<text class=\"cat\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                Px(xs[i]),
                Px(h - 6.0),
                escape(&p.label)
            );
        }
    }
    (h, out)
}
