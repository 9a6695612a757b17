//! Goals: what a plan promises and how far it has come. A goal has one or
//! more indicators, each with a status computed from its numbers, or (with
//! no number) a status the editor assessed and wrote a vurdering for, or no
//! status at all.

pub mod convert;
pub mod target;
pub mod track;

use super::raw::Direction;
use super::text::Text;
use crate::format::Number;
use serde::Serialize;
use std::collections::BTreeMap;
pub use target::{Bound, Cmp, Target, When};
pub use track::{Deadline, Track};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Achieved,
    OnTrack,
    Behind,
    /// The last target's time is up (by the site's report date) and the
    /// latest result does not meet it. `Behind` is for goals still within
    /// their period.
    NotAchieved,
    NoData,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Achieved,
        Status::OnTrack,
        Status::Behind,
        Status::NotAchieved,
        Status::NoData,
    ];

    /// The value of `data-status` and the key of the status's UI string.
    pub fn key(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::OnTrack => "on-track",
            Status::Behind => "behind",
            Status::NotAchieved => "not-achieved",
            Status::NoData => "no-data",
        }
    }

    /// A goal's status from its indicators': the worst that is known
    /// (not achieved, then behind); achieved only when every indicator is;
    /// no data only when none has data; otherwise on track.
    pub fn summary(all: &[Status]) -> Option<Status> {
        if all.is_empty() {
            return None;
        }
        for worst in [Status::NotAchieved, Status::Behind] {
            if all.contains(&worst) {
                return Some(worst);
            }
        }
        for same in [Status::Achieved, Status::NoData] {
            if all.iter().all(|s| *s == same) {
                return Some(same);
            }
        }
        Some(Status::OnTrack)
    }
}

/// One measured thing under a goal ("Del under 25 år", "Statistikk").
#[derive(Debug, Clone)]
pub struct Indicator {
    pub indicator: Option<Text>,
    pub unit: Option<Text>,
    /// None only where every target is a range (a range needs no direction).
    pub direction: Option<Direction>,
    /// A baseline whose year the source does not give has `None` as year.
    pub baseline: Option<(Option<i32>, Number)>,
    pub targets: Vec<Target>,
    /// Sorted by year.
    pub results: Vec<(i32, Number)>,
    /// The period a result measures where it is not its year
    /// ("skoleåret 2017/18").
    pub periods: BTreeMap<i32, Text>,
    /// None without a target.
    pub status: Option<Status>,
    pub track: Track,
}

impl Indicator {
    /// Whether the indicator holds any number at all.
    pub fn has_numbers(&self) -> bool {
        self.baseline.is_some() || !self.targets.is_empty() || !self.results.is_empty()
    }
}

/// A status an editor states for a goal with no number, with the written
/// assessment (vurdering) and when it was made.
#[derive(Debug, Clone)]
pub struct Assessment {
    pub status: Status,
    pub date: PlanDate,
    pub text: Text,
}

#[derive(Debug, Clone)]
pub struct Goal {
    pub id: String,
    pub goal: Text,
    /// The goal's line and column in data.yaml, for messages.
    pub place: Option<(u32, u32)>,
    /// Empty for a goal with no number.
    pub indicators: Vec<Indicator>,
    pub assessment: Option<Assessment>,
    pub strategies: Vec<Text>,
    pub note: Option<Text>,
    /// None: the goal has no status at all (no number, nothing assessed);
    /// it is shown without one and counted nowhere.
    pub status: Option<Status>,
}

impl Goal {
    /// The status from the assessment, or from the indicators.
    fn summarise(&mut self) {
        self.status = match &self.assessment {
            Some(a) => Some(a.status),
            None => Status::summary(&self.indicators.iter().filter_map(|i| i.status).collect::<Vec<_>>()),
        };
    }
}

/// A year or a day, as a plan dates its report or an assessment. As a
/// report date, a year means the end of that year: its results are final.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanDate {
    pub year: i32,
    /// None for a year; then the whole year has passed.
    pub month_day: Option<(u32, u32)>,
}

impl PlanDate {
    /// `2024` (a YAML number) or `"2024-03-15"`; a day that is not in the
    /// calendar (`2017-02-31`) is refused.
    pub fn parse(cell: &super::raw::Cell) -> Option<PlanDate> {
        let text = match cell {
            super::raw::Cell::Int(y) => {
                return i32::try_from(*y)
                    .ok()
                    .filter(|y| (1900..=2200).contains(y))
                    .map(|year| PlanDate { year, month_day: None })
            }
            super::raw::Cell::Str(s) => s.trim(),
            _ => return None,
        };
        if let Ok(year) = text.parse::<i32>() {
            return (text.len() == 4 && (1900..=2200).contains(&year)).then_some(PlanDate { year, month_day: None });
        }
        let mut parts = text.splitn(3, '-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let (year, month, day): (i32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1900..=2200).contains(&year) && (1..=days).contains(&day)).then_some(PlanDate {
            year,
            month_day: Some((month, day)),
        })
    }

    /// As Norwegian pages write it: `2024` or `15.03.2024`.
    pub fn display(self) -> String {
        match self.month_day {
            None => self.year.to_string(),
            Some((m, d)) => format!("{d:02}.{m:02}.{}", self.year),
        }
    }

    /// ISO 8601, for `<time datetime>`.
    pub fn iso(self) -> String {
        match self.month_day {
            None => self.year.to_string(),
            Some((m, d)) => format!("{}-{m:02}-{d:02}", self.year),
        }
    }

    /// Whether `year` is over by the report date.
    pub fn has_passed(self, year: i32) -> bool {
        match self.month_day {
            None => year <= self.year,
            Some(_) => year < self.year,
        }
    }
}

/// Turns "behind" into "not achieved" where the last target's time is up
/// by the report date: a target's year, or the end of the plan period for a
/// standing target or one from a year on (never, without a period).
pub fn settle(goals: &mut [Goal], report: Option<PlanDate>, plan_end: Option<i32>) {
    let Some(report) = report else { return };
    for g in goals {
        for i in &mut g.indicators {
            let deadline = match i.track.deadline() {
                Some(Deadline::Year(y)) => Some(y),
                Some(Deadline::PlanEnd) => plan_end,
                None => None,
            };
            let over = deadline.is_some_and(|y| report.has_passed(y));
            if over && matches!(i.status, Some(Status::Behind | Status::OnTrack)) {
                i.status = Some(Status::NotAchieved);
            }
        }
        if g.assessment.is_none() {
            g.summarise();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_of_indicators() {
        use Status::*;
        assert_eq!(Status::summary(&[]), None);
        assert_eq!(Status::summary(&[Achieved, Achieved]), Some(Achieved));
        assert_eq!(Status::summary(&[Achieved, NoData]), Some(OnTrack));
        assert_eq!(Status::summary(&[Achieved, OnTrack]), Some(OnTrack));
        assert_eq!(Status::summary(&[OnTrack, Behind, Achieved]), Some(Behind));
        assert_eq!(Status::summary(&[Behind, NotAchieved]), Some(NotAchieved));
        assert_eq!(Status::summary(&[NoData, NoData]), Some(NoData));
    }

    #[test]
    fn report_year_and_date() {
        use crate::content::raw::Cell;
        assert_eq!(
            PlanDate::parse(&Cell::Int(2020)),
            Some(PlanDate {
                year: 2020,
                month_day: None
            })
        );
        assert_eq!(PlanDate::parse(&Cell::Str("2017-02-31".into())), None);
        assert_eq!(
            PlanDate::parse(&Cell::Str("2016-02-29".into())).map(|d| d.display()),
            Some("29.02.2016".into())
        );
        assert_eq!(PlanDate::parse(&Cell::Str("15.03.2024".into())), None);
        let year = PlanDate {
            year: 2020,
            month_day: None,
        };
        assert!(year.has_passed(2020));
        assert!(!year.has_passed(2021));
        let date = PlanDate {
            year: 2020,
            month_day: Some((6, 30)),
        };
        assert!(!date.has_passed(2020));
        assert!(date.has_passed(2019));
    }
}
