//! One indicator's status, computed from its targets and results, never
//! typed by hand. The rules are docs/content-format.md's, section "Goals".

use super::target::{against_line, share_percent, Bound, Overflow, Target, When};
use super::Status;
use crate::content::raw::Direction;
use crate::format::Decimal;
use std::cmp::Ordering;

/// An indicator's numbers, reduced to what the status needs.
#[derive(Debug, Clone, Default)]
pub struct Track {
    /// The year is `None` where the source gives none ("Forrige resultat").
    pub baseline: Option<(Option<i32>, Decimal)>,
    /// Targets for a year, sorted by year; a target from a year on or a
    /// standing target comes last (there is at most one).
    pub targets: Vec<Target>,
    /// Sorted by year.
    pub results: Vec<(i32, Decimal)>,
}

/// When the last target's time runs out, for "not achieved".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    Year(i32),
    /// A standing target or one from a year on: the end of the plan period.
    PlanEnd,
}

impl Track {
    /// Which way is better, from the first and last known value among the
    /// baseline (with or without a year) and the targets that have one
    /// value; None when they are equal or only one is known.
    pub fn inferred_direction(&self) -> Option<Direction> {
        let mut known: Vec<Decimal> = self.baseline.iter().map(|b| b.1).collect();
        known.extend(self.targets.iter().filter_map(|t| t.bound.point()));
        let (first, last) = (known.first()?, known.last()?);
        match last.cmp(first) {
            Ordering::Greater => Some(Direction::Higher),
            Ordering::Less => Some(Direction::Lower),
            Ordering::Equal => None,
        }
    }

    /// The latest result's status, before the report date is known:
    /// achieved, on track, behind or no data; `None` without a target.
    pub fn status(&self, direction: Option<Direction>) -> Result<Option<Status>, Overflow> {
        let Some(last) = self.targets.last() else {
            return Ok(None);
        };
        let Some(&(year, result)) = self.results.last() else {
            return Ok(Some(Status::NoData));
        };
        if last.bound.met_by(result, direction)? {
            return Ok(Some(Status::Achieved));
        }
        Ok(Some(match self.on_plan(year, result, direction)? {
            true => Status::OnTrack,
            false => Status::Behind,
        }))
    }

    /// Whether a result meets the plan for its year: that year's target (or
    /// a standing one, or one from an earlier year), else the straight line
    /// from the nearest earlier point to the next target; the next target
    /// itself where there is no earlier point or either end is a range.
    fn on_plan(&self, year: i32, result: Decimal, direction: Option<Direction>) -> Result<bool, Overflow> {
        let applies = |t: &&Target| match t.when {
            When::Year(y) => y == year,
            When::From(y) => y <= year,
            When::Standing => true,
        };
        if let Some(t) = self.targets.iter().find(applies) {
            return t.bound.met_by(result, direction);
        }
        let Some(next) = self.targets.iter().find(|t| t.when.year().is_some_and(|y| y > year)) else {
            // After the last target, the plan is the last target.
            return Ok(false);
        };
        let dated_baseline = self.baseline.and_then(|(y, v)| y.map(|y| (y, Some(v))));
        let earlier = dated_baseline
            .into_iter()
            .chain(self.targets.iter().filter_map(|t| match t.when {
                When::Year(y) => Some((y, t.bound.point())),
                _ => None,
            }))
            .filter(|(y, _)| *y < year)
            .max_by_key(|(y, _)| *y);
        let line_end = next.when.year().zip(next.bound.point());
        let dir = next.bound.direction().or(direction);
        match (earlier, line_end, dir) {
            (Some((y0, Some(v0))), Some((y1, v1)), Some(dir)) => {
                let o = against_line(result, (y0, v0), (y1, v1), year)?;
                Ok(match dir {
                    Direction::Higher => o != Ordering::Less,
                    Direction::Lower => o != Ordering::Greater,
                })
            }
            _ => next.bound.met_by(result, direction),
        }
    }

    /// When the last target's time is up.
    pub fn deadline(&self) -> Option<Deadline> {
        self.targets.last().map(|t| match t.when {
            When::Year(y) => Deadline::Year(y),
            When::From(_) | When::Standing => Deadline::PlanEnd,
        })
    }

    /// Share of the way from the baseline to the last target that the
    /// latest result has come, 0..=100, for the progress bar. Without a
    /// baseline there is no start to measure from, so no bar (its year is
    /// not needed); an achieved goal is all the way. A range is reached at
    /// its nearer end.
    pub fn progress_percent(&self, status: Option<Status>) -> Option<u32> {
        if status == Some(Status::Achieved) {
            return Some(100);
        }
        let (_, result) = self.results.last()?;
        let (_, start) = self.baseline?;
        let end = match self.targets.last()?.bound {
            Bound::Plain(v) | Bound::Cmp(_, v) => v.value,
            Bound::Range(lo, _) if start < lo.value => lo.value,
            Bound::Range(_, hi) if start > hi.value => hi.value,
            Bound::Range(..) => return None,
        };
        share_percent(*result, start, end)
    }
}

#[cfg(test)]
mod tests {
    use super::super::target::parse_bound;
    use super::*;
    use crate::format::parse_number;

    fn d(s: &str) -> Decimal {
        parse_number(s).unwrap().value
    }

    fn track(baseline: Option<(i32, &str)>, targets: &[(i32, &str)], results: &[(i32, &str)]) -> Track {
        Track {
            baseline: baseline.map(|(y, v)| (Some(y), d(v))),
            targets: targets
                .iter()
                .map(|(y, v)| Target {
                    when: When::Year(*y),
                    bound: parse_bound(v).unwrap(),
                })
                .collect(),
            results: results.iter().map(|(y, v)| (*y, d(v))).collect(),
        }
    }

    fn st(t: &Track, d: Direction) -> Status {
        t.status(Some(d)).unwrap().unwrap()
    }

    #[test]
    fn lower_is_better_all_four() {
        let t = |r: &[(i32, &str)]| {
            st(
                &track(Some((2015, "5,4")), &[(2017, "4,86"), (2020, "4,05")], r),
                Direction::Lower,
            )
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
        let t = |r: &[(i32, &str)]| {
            st(
                &track(Some((2015, "18")), &[(2017, "30"), (2020, "65")], r),
                Direction::Higher,
            )
        };
        assert_eq!(t(&[]), Status::NoData);
        assert_eq!(t(&[(2019, "70")]), Status::Achieved);
        assert_eq!(t(&[(2016, "24")]), Status::OnTrack); // halfway 18 → 30
        assert_eq!(t(&[(2016, "23")]), Status::Behind);
        assert_eq!(t(&[(2022, "60")]), Status::Behind); // after the last target
    }

    #[test]
    fn without_baseline_the_next_target_is_the_plan() {
        let t = track(None, &[(2017, "30"), (2020, "70")], &[(2016, "31")]);
        assert_eq!(st(&t, Direction::Higher), Status::OnTrack);
        let t = track(None, &[(2017, "30"), (2020, "70")], &[(2016, "29")]);
        assert_eq!(st(&t, Direction::Higher), Status::Behind);
    }

    #[test]
    fn latest_result_decides() {
        let t = track(None, &[(2011, "14")], &[(2010, "15,17"), (2011, "12,8")]);
        assert_eq!(st(&t, Direction::Lower), Status::Achieved);
        let t = track(None, &[(2011, "700")], &[(2011, "763")]);
        assert_eq!(st(&t, Direction::Higher), Status::Achieved);
    }

    #[test]
    fn float_precision_does_not_achieve() {
        let t = track(None, &[(2020, "10000000000000001")], &[(2020, "10000000000000000")]);
        assert_eq!(st(&t, Direction::Higher), Status::Behind);
        let t = track(None, &[(2020, "> 85 %")], &[(2020, "85")]);
        assert_eq!(t.status(None).unwrap(), Some(Status::Behind));
    }

    #[test]
    fn standing_and_from_targets() {
        let standing = |r: &str| Track {
            baseline: None,
            targets: vec![Target {
                when: When::Standing,
                bound: parse_bound("> 85 %").unwrap(),
            }],
            results: vec![(2018, d(r))],
        };
        assert_eq!(standing("86").status(None).unwrap(), Some(Status::Achieved));
        assert_eq!(standing("85").status(None).unwrap(), Some(Status::Behind));
        assert_eq!(standing("85").deadline(), Some(Deadline::PlanEnd));
        // 30 in 2017, at least 85 from 2021: 2019 is on the line 30 → 85.
        let from = |y: i32, r: &str| Track {
            baseline: None,
            targets: vec![
                Target {
                    when: When::Year(2017),
                    bound: parse_bound("30").unwrap(),
                },
                Target {
                    when: When::From(2021),
                    bound: parse_bound("minst 85").unwrap(),
                },
            ],
            results: vec![(y, d(r))],
        };
        assert_eq!(from(2019, "57,5").status(None).unwrap(), Some(Status::OnTrack));
        assert_eq!(from(2019, "57").status(None).unwrap(), Some(Status::Behind));
        assert_eq!(from(2022, "84").status(None).unwrap(), Some(Status::Behind));
        assert_eq!(from(2022, "85").status(None).unwrap(), Some(Status::Achieved));
    }

    #[test]
    fn range_targets() {
        let t = |r: &str| track(Some((2015, "8")), &[(2020, "3–5 %")], &[(2018, r)]);
        assert_eq!(t("4").status(None).unwrap(), Some(Status::Achieved));
        assert_eq!(t("6").status(None).unwrap(), Some(Status::Behind));
        assert_eq!(t("6,5").progress_percent(Some(Status::Behind)), Some(50));
    }

    #[test]
    fn no_target_no_status() {
        assert_eq!(
            track(None, &[], &[(2017, "5")]).status(Some(Direction::Lower)).unwrap(),
            None
        );
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

    /// Issue 11, item 20: a baseline without a year still says which way
    /// the targets go.
    #[test]
    fn undated_baseline_gives_the_direction() {
        let mut t = track(None, &[(2020, "4,05")], &[]);
        t.baseline = Some((None, d("5,4")));
        assert_eq!(t.inferred_direction(), Some(Direction::Lower));
    }

    #[test]
    fn progress() {
        let t = track(Some((2015, "18")), &[(2020, "65")], &[(2017, "41,5")]);
        assert_eq!(t.progress_percent(Some(Status::Behind)), Some(50));
        // Lower is better: from 5,4 towards 4,05, at 4,725 is halfway.
        let t = track(Some((2015, "5,4")), &[(2020, "4,05")], &[(2017, "4,725")]);
        assert_eq!(t.progress_percent(Some(Status::OnTrack)), Some(50));
        let t = track(None, &[(2011, "14")], &[(2011, "15")]);
        assert_eq!(t.progress_percent(Some(Status::Behind)), None, "no start, no bar");
        assert_eq!(t.progress_percent(Some(Status::Achieved)), Some(100));
    }
}
