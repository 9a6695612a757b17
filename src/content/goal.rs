//! Goal status, computed from targets and results, never typed by hand.
//! The rules are content-format.md's, section "Goals".

use super::raw::Direction;
use crate::format::Decimal;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Achieved,
    OnTrack,
    Behind,
    NoData,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::Achieved, Status::OnTrack, Status::Behind, Status::NoData];

    /// The value of `data-status` and the key of the status's UI string.
    pub fn key(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::OnTrack => "on-track",
            Status::Behind => "behind",
            Status::NoData => "no-data",
        }
    }
}

/// A goal's numbers, reduced to what the status needs.
#[derive(Debug, Clone, Default)]
pub struct Track {
    pub baseline: Option<(i32, Decimal)>,
    /// Sorted by year.
    pub targets: Vec<(i32, Decimal)>,
    /// Sorted by year.
    pub results: Vec<(i32, Decimal)>,
}

fn meets(direction: Direction, value: f64, planned: f64) -> bool {
    // Interpolated plans are floats; a result equal to the plan on paper
    // must count as meeting it.
    const EPS: f64 = 1e-9;
    match direction {
        Direction::Higher => value >= planned - EPS,
        Direction::Lower => value <= planned + EPS,
    }
}

impl Track {
    /// Which way is better, from the first and last known value among
    /// baseline and targets; None when they are equal or only one is known.
    pub fn inferred_direction(&self) -> Option<Direction> {
        let mut known: Vec<Decimal> = self.baseline.iter().map(|b| b.1).collect();
        known.extend(self.targets.iter().map(|t| t.1));
        let (first, last) = (known.first()?, known.last()?);
        match last.cmp(first) {
            std::cmp::Ordering::Greater => Some(Direction::Higher),
            std::cmp::Ordering::Less => Some(Direction::Lower),
            std::cmp::Ordering::Equal => None,
        }
    }

    /// The planned value for a year: that year's target, else the straight
    /// line between the nearest earlier point and the next target.
    pub fn planned(&self, year: i32) -> Option<f64> {
        if let Some((_, v)) = self.targets.iter().find(|(y, _)| *y == year) {
            return Some(v.to_f64());
        }
        let next = self.targets.iter().find(|(y, _)| *y > year);
        let earlier = self
            .baseline
            .iter()
            .chain(self.targets.iter())
            .filter(|(y, _)| *y < year)
            .max_by_key(|(y, _)| *y);
        match (earlier, next) {
            (Some(&(y0, v0)), Some(&(y1, v1))) => {
                let t = f64::from(year - y0) / f64::from(y1 - y0);
                Some(v0.to_f64() + t * (v1.to_f64() - v0.to_f64()))
            }
            (None, Some(&(_, v1))) => Some(v1.to_f64()),
            (_, None) => self.targets.last().map(|t| t.1.to_f64()),
        }
    }

    pub fn status(&self, direction: Direction) -> Status {
        let Some(&(year, result)) = self.results.last() else {
            return Status::NoData;
        };
        let Some(&(_, last_target)) = self.targets.last() else {
            // A result with nothing to measure it against.
            return Status::NoData;
        };
        let value = result.to_f64();
        if meets(direction, value, last_target.to_f64()) {
            return Status::Achieved;
        }
        match self.planned(year) {
            Some(p) if meets(direction, value, p) => Status::OnTrack,
            _ => Status::Behind,
        }
    }

    /// Share of the way from the baseline to the last target that the
    /// latest result has come, 0..=100, for the progress bar. Without a dated
    /// baseline there is no start to measure from, so no bar; an achieved
    /// goal is all the way.
    pub fn progress_percent(&self, status: Status) -> Option<u32> {
        if status == Status::Achieved {
            return Some(100);
        }
        let (_, result) = self.results.last()?;
        let (_, target) = self.targets.last()?;
        let (_, start) = self.baseline?;
        let span = target.to_f64() - start.to_f64();
        if span.abs() < 1e-12 {
            return None;
        }
        let share = (result.to_f64() - start.to_f64()) / span;
        Some((share * 100.0).round().clamp(0.0, 100.0) as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::parse_number;

    fn d(s: &str) -> Decimal {
        parse_number(s).unwrap().value
    }

    fn track(baseline: Option<(i32, &str)>, targets: &[(i32, &str)], results: &[(i32, &str)]) -> Track {
        Track {
            baseline: baseline.map(|(y, v)| (y, d(v))),
            targets: targets.iter().map(|(y, v)| (*y, d(v))).collect(),
            results: results.iter().map(|(y, v)| (*y, d(v))).collect(),
        }
    }

    #[test]
    fn lower_is_better_all_four() {
        let t = |r: &[(i32, &str)]| {
            track(Some((2015, "5,4")), &[(2017, "4,86"), (2020, "4,05")], r).status(Direction::Lower)
        };
        assert_eq!(t(&[]), Status::NoData);
        assert_eq!(t(&[(2018, "4,0")]), Status::Achieved);
        assert_eq!(t(&[(2017, "4,86")]), Status::OnTrack);
        assert_eq!(t(&[(2017, "5,0")]), Status::Behind);
        // 2018 lies a third of the way from 4,86 (2017) to 4,05 (2020): 4,59.
        assert_eq!(t(&[(2018, "4,59")]), Status::OnTrack);
        assert_eq!(t(&[(2018, "4,60")]), Status::Behind);
    }

    #[test]
    fn higher_is_better_all_four() {
        let t =
            |r: &[(i32, &str)]| track(Some((2015, "18")), &[(2017, "30"), (2020, "65")], r).status(Direction::Higher);
        assert_eq!(t(&[]), Status::NoData);
        assert_eq!(t(&[(2019, "70")]), Status::Achieved);
        assert_eq!(t(&[(2016, "24")]), Status::OnTrack); // halfway 18 → 30
        assert_eq!(t(&[(2016, "23")]), Status::Behind);
        assert_eq!(t(&[(2022, "60")]), Status::Behind); // after the last target
    }

    #[test]
    fn without_baseline_the_next_target_is_the_plan() {
        let t = track(None, &[(2017, "30"), (2020, "70")], &[(2016, "31")]);
        assert_eq!(t.status(Direction::Higher), Status::OnTrack);
        let t = track(None, &[(2017, "30"), (2020, "70")], &[(2016, "29")]);
        assert_eq!(t.status(Direction::Higher), Status::Behind);
    }

    #[test]
    fn latest_result_decides() {
        let t = track(None, &[(2011, "14")], &[(2010, "15,17"), (2011, "12,8")]);
        assert_eq!(t.status(Direction::Lower), Status::Achieved);
        let t = track(None, &[(2011, "700")], &[(2011, "763")]);
        assert_eq!(t.status(Direction::Higher), Status::Achieved);
    }

    #[test]
    fn direction_inference() {
        assert_eq!(
            track(Some((2015, "5,4")), &[(2020, "4,05")], &[]).inferred_direction(),
            Some(Direction::Lower)
        );
        assert_eq!(
            track(None, &[(2017, "30"), (2020, "65")], &[]).inferred_direction(),
            Some(Direction::Higher)
        );
        assert_eq!(track(None, &[(2020, "65")], &[]).inferred_direction(), None);
        assert_eq!(
            track(Some((2015, "5")), &[(2020, "5,0")], &[]).inferred_direction(),
            None
        );
    }

    #[test]
    fn progress() {
        let t = track(Some((2015, "18")), &[(2020, "65")], &[(2017, "41,5")]);
        assert_eq!(t.progress_percent(Status::Behind), Some(50));
        // Lower is better: from 5,4 towards 4,05, at 4,725 is halfway.
        let t = track(Some((2015, "5,4")), &[(2020, "4,05")], &[(2017, "4,725")]);
        assert_eq!(t.progress_percent(Status::OnTrack), Some(50));
        let t = track(None, &[(2011, "14")], &[(2011, "15")]);
        assert_eq!(t.progress_percent(Status::Behind), None, "no start, no bar");
        assert_eq!(t.progress_percent(Status::Achieved), Some(100));
    }
}
