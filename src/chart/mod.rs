//! Charts drawn by planvev at build time as SVG: no JavaScript and no chart
//! library in the reader's browser, so a chart shows in every browser, in
//! print and offline, and costs a few kilobytes.
//!
//! The SVG is `aria-hidden`: the figure's caption (title, subtitle and a
//! summary generated from the numbers) is read as text, and the data table
//! beside every chart carries each number for screen readers. An SVG with
//! `role="img"` would only repeat the caption, and its labels cannot be
//! navigated like table cells.

mod path;
mod share;
mod summary;
mod svg;

pub use path::{draw_path, GoalPath};
pub use share::{share_column, ShareError, Shares};
pub use summary::summary;
pub use svg::draw;

use crate::format::Number;

/// How a chart draws its numbers; the editor chooses with
/// `{{ chart ID line }}`, bars are the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Horizontal bars from zero: one per point, grouped per row.
    Bars,
    /// A line over the years of a series, broken where a value is missing.
    Line,
    /// A table's rows as shares of their sum, in percent: horizontal bars
    /// from zero with a percentage label each (`{{ chart ID share }}`).
    Share,
}

impl Kind {
    pub const NAMES: [&'static str; 3] = ["bars", "line", "share"];

    pub fn parse(word: &str) -> Option<Kind> {
        match word {
            "bars" => Some(Kind::Bars),
            "line" => Some(Kind::Line),
            "share" => Some(Kind::Share),
            _ => None,
        }
    }
}

/// One value of a chart: its label (a year, a column) and its number, or
/// the text printed instead (`–`, `..`, `:`), which is drawn as a gap.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub label: String,
    pub value: Option<Number>,
    pub printed: String,
}

/// Points drawn together: a series is one group without a label; a table
/// row compared across its columns is a group labelled with the row.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub label: Option<String>,
    pub points: Vec<Point>,
    /// Written after each value label: " kr"; empty when the unit is `%`
    /// (then `percent`) or too long to repeat (then only in the subtitle).
    /// Per group, since a table's rows may have units of their own; each
    /// group is drawn to its own scale for the same reason.
    pub unit_suffix: String,
    pub percent: bool,
}

impl Group {
    /// A value as its label shows it: `1 770 kr`, `−2,5 %`.
    pub fn value_text(&self, n: &Number) -> String {
        let n = Number {
            value: n.value,
            percent: n.percent || self.percent,
        };
        format!("{}{}", n.to_html_text(), self.unit_suffix)
    }
}

/// A chart ready to draw: every text already in the page's language.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub kind: Kind,
    pub groups: Vec<Group>,
}

impl Chart {
    /// Whether there is any number to draw.
    pub fn has_numbers(&self) -> bool {
        self.groups.iter().flat_map(|g| &g.points).any(|p| p.value.is_some())
    }
}

#[cfg(test)]
mod tests;
