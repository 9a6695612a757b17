//! data.yaml's `goals:` into checked goals with their statuses.

use super::target::{parse_bound, Bound, Target, When, TARGET_FORMS};
use super::{Assessment, Goal, Indicator, PlanDate, Status, Track};
use crate::content::convert::{check_id, check_year, split_reported, to_number, Ctx};
use crate::content::raw::{
    self, AssessedStatus, Direction, RawAssessment, RawBaseline, RawGoal, RawIndicator, RawTarget,
};
use crate::content::text::Text;
use crate::diag::{Diagnostic, Diagnostics};
use crate::format::number;
use crate::yaml::{self, Spanned};
use std::collections::BTreeMap;

pub(in crate::content) fn convert_goals(ctx: &Ctx, goals: &[Spanned<RawGoal>], diags: &mut Diagnostics) -> Vec<Goal> {
    let mut seen: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    let mut out = Vec::new();
    for (i, g) in goals.iter().enumerate() {
        let id = match &g.value.id {
            Some(id) => {
                check_id(ctx, &id.value, "goal", yaml::place(id).map(|(l, c)| (l + 1, c)), diags);
                id.value.clone()
            }
            None => format!("{}", i + 1),
        };
        let place = g.value.id.as_ref().and_then(yaml::place).or_else(|| yaml::place(g));
        if let Some(first) = seen.get(&id) {
            diags.push(
                Diagnostic::error(ctx.file, format!("two goals have the id «{id}»"))
                    .at_opt(place)
                    .hint(format!("the first is on line {}; give each goal its own id", first.0)),
            );
            continue;
        }
        seen.insert(id.clone(), place.unwrap_or((0, 0)));
        if let Some(goal) = convert_goal(ctx, id, g, diags) {
            out.push(goal);
        }
    }
    out
}

/// The keys of one indicator, at a goal's top or in its `indicators:` list.
struct Keys<'a> {
    indicator: &'a Option<Text>,
    unit: &'a Option<Text>,
    direction: &'a Option<Spanned<Direction>>,
    baseline: &'a Option<Spanned<RawBaseline>>,
    targets: &'a BTreeMap<i32, Spanned<raw::Cell>>,
    target: &'a Option<Spanned<RawTarget>>,
    results: &'a BTreeMap<i32, Spanned<raw::Cell>>,
    periods: &'a BTreeMap<i32, Spanned<Text>>,
}

impl<'a> Keys<'a> {
    fn of_goal(g: &'a RawGoal) -> Self {
        Keys {
            indicator: &g.indicator,
            unit: &g.unit,
            direction: &g.direction,
            baseline: &g.baseline,
            targets: &g.targets,
            target: &g.target,
            results: &g.results,
            periods: &g.periods,
        }
    }

    fn of_indicator(i: &'a RawIndicator) -> Self {
        Keys {
            indicator: &i.indicator,
            unit: &i.unit,
            direction: &i.direction,
            baseline: &i.baseline,
            targets: &i.targets,
            target: &i.target,
            results: &i.results,
            periods: &i.periods,
        }
    }

    fn any(&self) -> bool {
        self.indicator.is_some()
            || self.unit.is_some()
            || self.direction.is_some()
            || self.baseline.is_some()
            || !self.targets.is_empty()
            || self.target.is_some()
            || !self.results.is_empty()
            || !self.periods.is_empty()
    }
}

/// The goal being read, for messages.
struct At<'a> {
    ctx: &'a Ctx<'a>,
    id: &'a str,
    place: Option<(u32, u32)>,
}

fn convert_goal(ctx: &Ctx, id: String, g: &Spanned<RawGoal>, diags: &mut Diagnostics) -> Option<Goal> {
    let raw = &g.value;
    let errors_before = diags.errors().count();
    let place = yaml::place(g);
    let at = At { ctx, id: &id, place };
    let top = Keys::of_goal(raw);
    let mut indicators = Vec::new();
    match &raw.indicators {
        Some(list) if top.any() => {
            diags.push(
                Diagnostic::error(
                    ctx.file,
                    format!("goal «{id}» has `indicators:` and also indicator keys at its top"),
                )
                .at_opt(yaml::place(list))
                .hint("move `indicator`, `unit`, `direction`, `baseline`, `target(s)`, `results` and `periods` into the entries under `indicators:`"),
            );
        }
        Some(list) => {
            for i in &list.value {
                let at_i = At {
                    place: yaml::place(i).or(place),
                    ..at
                };
                indicators.extend(convert_indicator(&at_i, &Keys::of_indicator(&i.value), diags));
            }
        }
        None if top.any() => indicators.extend(convert_indicator(&at, &top, diags)),
        None => {}
    }
    let assessment = raw
        .assessment
        .as_ref()
        .and_then(|a| convert_assessment(&at, a, &indicators, diags));
    if diags.errors().count() != errors_before {
        return None;
    }
    let mut goal = Goal {
        id,
        goal: raw.goal.clone(),
        place,
        indicators,
        assessment,
        strategies: raw.strategies.clone(),
        note: raw.note.clone(),
        status: None,
    };
    goal.summarise();
    Some(goal)
}

fn convert_assessment(
    at: &At,
    a: &Spanned<RawAssessment>,
    indicators: &[Indicator],
    diags: &mut Diagnostics,
) -> Option<Assessment> {
    if indicators
        .iter()
        .any(|i| !i.targets.is_empty() || !i.results.is_empty())
    {
        diags.push(
            Diagnostic::error(
                at.ctx.file,
                format!("goal «{}» has numbers and an assessed status", at.id),
            )
            .at_opt(yaml::place(a))
            .hint("a goal with targets or results gets its status computed: remove `assessment:`, or the numbers if the goal is qualitative"),
        );
        return None;
    }
    let raw = &a.value;
    let Some(date) = PlanDate::parse(&raw.date.value) else {
        diags.push(
            Diagnostic::error(at.ctx.file, format!("«{}» is not a date", raw.date.value.as_text()))
                .at_opt(yaml::place(&raw.date))
                .hint(
                    "write the year of the assessment (`date: 2024`) or its day as year-month-day (`date: 2024-03-15`)",
                ),
        );
        return None;
    };
    let status = match raw.status.value {
        AssessedStatus::Achieved => Status::Achieved,
        AssessedStatus::OnTrack => Status::OnTrack,
        AssessedStatus::Behind => Status::Behind,
        AssessedStatus::NotAchieved => Status::NotAchieved,
    };
    Some(Assessment {
        status,
        date,
        text: raw.text.clone(),
    })
}

fn convert_indicator(at: &At, k: &Keys, diags: &mut Diagnostics) -> Option<Indicator> {
    let ctx = at.ctx;
    let errors_before = diags.errors().count();
    let baseline = k.baseline.as_ref().and_then(|b| {
        to_number(ctx, &b.value.value, "baseline", diags)
            .flatten()
            .map(|n| (b.value.year, n))
    });
    let mut targets: Vec<Target> = k
        .targets
        .iter()
        .filter_map(|(y, v)| {
            check_year(ctx, *y, v, diags).then_some(())?;
            let bound = to_bound(ctx, &v.value, yaml::place(v), diags)?;
            Some(Target {
                when: When::Year(*y),
                bound,
            })
        })
        .collect();
    if let Some(t) = k.target {
        targets.extend(standing_target(at, t, &targets, diags));
    }
    let results: Vec<(i32, crate::format::Number)> = k
        .results
        .iter()
        .filter_map(|(y, v)| {
            check_year(ctx, *y, v, diags).then_some(())?;
            to_number(ctx, v, "result", diags).flatten().map(|n| (*y, n))
        })
        .collect();
    let mut periods = BTreeMap::new();
    for (y, p) in k.periods {
        if !results.iter().any(|(ry, _)| ry == y) {
            diags.push(
                Diagnostic::error(
                    ctx.file,
                    format!("goal «{}»: the period is for {y}, which has no result", at.id),
                )
                .at_opt(yaml::place(p))
                .hint("`periods:` says what a result measures, by the year of the result in `results:`"),
            );
            continue;
        }
        periods.insert(*y, p.value.clone());
    }
    let track = Track {
        baseline: baseline.map(|(y, n)| (y, n.value)),
        targets: targets.clone(),
        results: results.iter().map(|(y, n)| (*y, n.value)).collect(),
    };
    let direction = direction(at, k, &track, diags);
    if diags.errors().count() != errors_before {
        return None;
    }
    let direction = direction?;
    let status = match track.status(direction) {
        Ok(s) => s,
        Err(_) => {
            let place = k.results.values().last().and_then(yaml::place).or(at.place);
            diags.push(
                Diagnostic::error(ctx.file, format!("goal «{}»: the numbers are too large to compare exactly", at.id))
                    .at_opt(place)
                    .hint("a plan's figure has at most 24 digits before the comma; check the result, the baseline and the targets"),
            );
            return None;
        }
    };
    Some(Indicator {
        indicator: k.indicator.clone(),
        unit: k.unit.clone(),
        direction,
        baseline,
        targets,
        results,
        periods,
        status,
        track,
    })
}

/// A target as written: a number, or a text with a comparison or a range.
/// A missing value (`-`) is no target, as in version 1.
fn to_bound(ctx: &Ctx, v: &raw::Cell, place: Option<(u32, u32)>, diags: &mut Diagnostics) -> Option<Bound> {
    if split_reported(ctx, v, place, diags) {
        return None;
    }
    let parsed = match v {
        raw::Cell::Null => return None,
        raw::Cell::Int(i) => Ok(Bound::Plain(crate::format::Number {
            value: crate::format::Decimal::from_int(*i),
            percent: false,
        })),
        raw::Cell::Float(f) => Err(match place.and_then(|p| ctx.splits.period_at(p)) {
            Some(written) => crate::content::cells::period_refused_as(written).message,
            None => crate::content::cells::period_refused(*f).message,
        }),
        raw::Cell::Str(s) if number::is_missing(s) => return None,
        raw::Cell::Str(s) => parse_bound(s),
    };
    parsed
        .map_err(|m| {
            diags.push(
                Diagnostic::error(ctx.file, m)
                    .at_opt(place)
                    .hint(format!("write a target as {TARGET_FORMS}")),
            )
        })
        .ok()
}

/// `target:`: standing through the plan period, or from a year on, after
/// every target for a year.
fn standing_target(at: &At, t: &Spanned<RawTarget>, yearly: &[Target], diags: &mut Diagnostics) -> Option<Target> {
    let place = yaml::place(t);
    let bound = to_bound(at.ctx, &t.value.value, place, diags)?;
    let last_year = yearly.iter().filter_map(|y| y.when.year()).max();
    let when = match t.value.from {
        Some(from) if !(1900..=2200).contains(&from) => {
            diags.push(
                Diagnostic::error(at.ctx.file, format!("«{from}» is not a year"))
                    .at_opt(place)
                    .hint("write the year the target holds from, such as `from: 2021`"),
            );
            return None;
        }
        Some(from) => When::From(from),
        None => When::Standing,
    };
    if let Some(last) = last_year.filter(|l| when.year().is_none_or(|f| f <= *l)) {
        let what = match when {
            When::From(f) => format!("holds from {f}"),
            _ => "holds through the whole plan period".into(),
        };
        diags.push(
            Diagnostic::error(
                at.ctx.file,
                format!(
                    "goal «{}»: `target:` {what}, but `targets:` has a target for {last}",
                    at.id
                ),
            )
            .at_opt(place)
            .hint(format!(
                "give `target:` a year after {last} with `from:`, or keep only one of them"
            )),
        );
        return None;
    }
    Some(Target { when, bound })
}

/// Which way is better: written, said by a comparison, or from the first
/// and last known values. Some(None) where no target needs it (ranges only,
/// or no target); None after an error.
fn direction(at: &At, k: &Keys, track: &Track, diags: &mut Diagnostics) -> Option<Option<Direction>> {
    let said: Vec<(Direction, &Target)> = track
        .targets
        .iter()
        .filter_map(|t| t.bound.direction().map(|d| (d, t)))
        .collect();
    let by_cmp = said.first().map(|(d, _)| *d);
    if said.iter().any(|(d, _)| Some(*d) != by_cmp) {
        diags.push(
            Diagnostic::error(
                at.ctx.file,
                format!("goal «{}»: its targets point both ways (at least and at most)", at.id),
            )
            .at_opt(at.place)
            .hint("one indicator gets better in one direction: give it targets that all say `minst`/`≥` or all say `høgst`/`≤`, or split it into two indicators"),
        );
        return None;
    }
    let written = k.direction.as_ref();
    if let (Some(w), Some(c)) = (written, by_cmp) {
        if w.value != c {
            let name = |d: Direction| match d {
                Direction::Higher => "higher",
                Direction::Lower => "lower",
            };
            diags.push(
                Diagnostic::error(
                    at.ctx.file,
                    format!(
                        "goal «{}»: `direction: {}`, but its targets say {} is better",
                        at.id,
                        name(w.value),
                        name(c)
                    ),
                )
                .at_opt(yaml::place(w))
                .hint("remove `direction:`: the comparison in the target says which way is better"),
            );
            return None;
        }
    }
    let direction = written
        .map(|w| w.value)
        .or(by_cmp)
        .or_else(|| track.inferred_direction());
    let needs = track.targets.iter().any(|t| matches!(t.bound, Bound::Plain(_)));
    if needs && direction.is_none() {
        diags.push(
            Diagnostic::error(
                at.ctx.file,
                format!("goal «{}»: it cannot be told whether higher or lower is better", at.id),
            )
            .at_opt(at.place)
            .hint("add `direction: higher` or `direction: lower` to the goal, or write the target as a comparison (\"minst 30 %\", \"høgst 14\")"),
        );
        return None;
    }
    Some(direction)
}

/// site.yaml's `report_date:`, checked.
pub(in crate::content) fn report_date(
    raw: &raw::RawSite,
    file: &std::path::Path,
    diags: &mut Diagnostics,
) -> Option<PlanDate> {
    let r = raw.report_date.as_ref()?;
    let date = PlanDate::parse(&r.value);
    if date.is_none() {
        diags.push(
            Diagnostic::error(file, format!("«{}» is not a year or a date", r.value.as_text()))
                .at_opt(yaml::place(r))
                .hint("write the year the plan reports on (`report_date: 2020`) or the day as year-month-day (`report_date: 2021-03-15`)"),
        );
    }
    date
}
