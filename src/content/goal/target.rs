//! A target as plans print it: a value (`4,05 %`), a comparison (`> 85 %`,
//! `≥ 30`, `minst 700`, `høgst 14`) or a range (`3–5 %`); for one year, from
//! a year on, or standing through the plan period. Comparing a result with a
//! target is exact: on the decimals the author wrote, never on floats, so
//! 10000000000000000 does not "meet" 10000000000000001.

use super::super::raw::Direction;
use crate::format::{number, Decimal, Number};
use std::cmp::Ordering;

/// Which way a comparison points, and whether the bound itself counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    /// `≥`, `>=`, minst, minimum
    AtLeast,
    /// `>`, over
    MoreThan,
    /// `≤`, `<=`, maks, maksimum, høgst, høyst
    AtMost,
    /// `<`, under
    LessThan,
}

impl Cmp {
    /// The direction a comparison says is better.
    pub fn direction(self) -> Direction {
        match self {
            Cmp::AtLeast | Cmp::MoreThan => Direction::Higher,
            Cmp::AtMost | Cmp::LessThan => Direction::Lower,
        }
    }

    /// The key of the UI string that writes the comparison out in words.
    pub fn key(self) -> &'static str {
        match self {
            Cmp::AtLeast => "target_at_least",
            Cmp::MoreThan => "target_more_than",
            Cmp::AtMost => "target_at_most",
            Cmp::LessThan => "target_less_than",
        }
    }
}

/// What a target asks of a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// A bare value: met as `direction` says (at least, or at most).
    Plain(Number),
    Cmp(Cmp, Number),
    /// Both ends count: `3–5 %` is met by 3, 4,2 and 5.
    Range(Number, Number),
}

/// When a target applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// `targets: { 2020: … }`: the target for that year.
    Year(i32),
    /// `target: { value: …, from: 2021 }`: from that year to the plan's end.
    From(i32),
    /// `target: …`: through the whole plan period.
    Standing,
}

impl When {
    /// The year on the time line, for the straight line towards a target.
    pub fn year(self) -> Option<i32> {
        match self {
            When::Year(y) | When::From(y) => Some(y),
            When::Standing => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub when: When,
    pub bound: Bound,
}

/// A product or sum did not fit in 128 bits: far beyond any plan's figures,
/// but reported as an error, never wrapped into a wrong status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overflow;

impl Bound {
    /// The direction the bound itself says is better, if it says one.
    pub fn direction(&self) -> Option<Direction> {
        match self {
            Bound::Cmp(c, _) => Some(c.direction()),
            _ => None,
        }
    }

    /// Whether `value` meets the bound. A plain value needs `direction`;
    /// without one only the value itself meets it.
    pub fn met_by(&self, value: Decimal, direction: Option<Direction>) -> Result<bool, Overflow> {
        Ok(match *self {
            Bound::Plain(v) => {
                let o = cmp(value, v.value)?;
                match direction {
                    Some(Direction::Higher) => o != Ordering::Less,
                    Some(Direction::Lower) => o != Ordering::Greater,
                    None => o == Ordering::Equal,
                }
            }
            Bound::Cmp(c, v) => {
                let o = cmp(value, v.value)?;
                match c {
                    Cmp::AtLeast => o != Ordering::Less,
                    Cmp::MoreThan => o == Ordering::Greater,
                    Cmp::AtMost => o != Ordering::Greater,
                    Cmp::LessThan => o == Ordering::Less,
                }
            }
            Bound::Range(lo, hi) => {
                cmp(value, lo.value)? != Ordering::Less && cmp(value, hi.value)? != Ordering::Greater
            }
        })
    }

    /// The one value a straight line can run to or from; a range has none.
    pub fn point(&self) -> Option<Decimal> {
        match self {
            Bound::Plain(v) | Bound::Cmp(_, v) => Some(v.value),
            Bound::Range(..) => None,
        }
    }
}

/// Both values as integers of the same scale.
fn align(a: Decimal, b: Decimal) -> Result<(i128, i128, u8), Overflow> {
    let scale = a.scale.max(b.scale);
    let up = |d: Decimal| -> Result<i128, Overflow> {
        10i128
            .checked_pow(u32::from(scale - d.scale))
            .and_then(|f| d.units.checked_mul(f))
            .ok_or(Overflow)
    };
    Ok((up(a)?, up(b)?, scale))
}

/// Exact order of two decimals.
pub fn cmp(a: Decimal, b: Decimal) -> Result<Ordering, Overflow> {
    let (x, y, _) = align(a, b)?;
    Ok(x.cmp(&y))
}

/// `a − b`, exactly.
pub fn sub(a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
    let (x, y, scale) = align(a, b)?;
    x.checked_sub(y).map(|units| Decimal { units, scale }).ok_or(Overflow)
}

/// Where `value` lies against the straight line from `(y0, v0)` to
/// `(y1, v1)` in `year`: the order of `value` and the line's value there,
/// computed as `(value − v0)·(y1 − y0)` against `(year − y0)·(v1 − v0)` so
/// nothing is divided or rounded. Needs `y1 > y0`.
pub fn against_line(
    value: Decimal,
    (y0, v0): (i32, Decimal),
    (y1, v1): (i32, Decimal),
    year: i32,
) -> Result<Ordering, Overflow> {
    let rise = sub(value, v0)?;
    let slope = sub(v1, v0)?;
    let (r, s, _) = align(rise, slope)?;
    let left = r.checked_mul(i128::from(y1 - y0)).ok_or(Overflow)?;
    let right = s.checked_mul(i128::from(year - y0)).ok_or(Overflow)?;
    Ok(left.cmp(&right))
}

/// The share of the way from `start` to `end` that `value` has come, in
/// whole percent (rounded half up), 0..=100; None where start and end are
/// the same or the numbers are beyond 128 bits.
pub fn share_percent(value: Decimal, start: Decimal, end: Decimal) -> Option<u32> {
    let done = sub(value, start).ok()?;
    let span = sub(end, start).ok()?;
    let (d, s, _) = align(done, span).ok()?;
    if s == 0 {
        return None;
    }
    let (d, s) = if s < 0 { (-d, -s) } else { (d, s) };
    if d <= 0 {
        return Some(0);
    }
    if d >= s {
        return Some(100);
    }
    let p = d.checked_mul(200)?.checked_add(s)? / s.checked_mul(2)?;
    u32::try_from(p).ok()
}

/// Words and signs that open a comparison, longest first so `>=` is not
/// read as `>`. Words are matched without regard to case.
const OPENERS: &[(&str, Cmp)] = &[
    (">=", Cmp::AtLeast),
    ("≥", Cmp::AtLeast),
    ("<=", Cmp::AtMost),
    ("≤", Cmp::AtMost),
    (">", Cmp::MoreThan),
    ("<", Cmp::LessThan),
    ("minimum", Cmp::AtLeast),
    ("minst", Cmp::AtLeast),
    ("maksimum", Cmp::AtMost),
    ("maks.", Cmp::AtMost),
    ("maks", Cmp::AtMost),
    ("høgst", Cmp::AtMost),
    ("høyst", Cmp::AtMost),
    ("over", Cmp::MoreThan),
    ("under", Cmp::LessThan),
];

/// The forms a target may take, for hints.
pub const TARGET_FORMS: &str =
    "a number (\"4,05 %\"), a comparison (\"> 85 %\", \"≥ 30\", \"minst 700\", \"høgst 14\", \"maks 5\") or a range (\"3–5 %\")";

/// Reads a target as printed. The error says what is wrong with the text.
pub fn parse_bound(text: &str) -> Result<Bound, String> {
    let s = text.trim();
    for (opener, c) in OPENERS {
        let Some(head) = s.get(..opener.len()) else { continue };
        if !head.eq_ignore_ascii_case(opener) && head.to_lowercase() != *opener {
            continue;
        }
        let rest = &s[opener.len()..];
        let word = opener.chars().all(char::is_alphabetic);
        if word && !rest.starts_with([' ', '\u{a0}']) {
            continue;
        }
        return number::parse(rest).map(|n| Bound::Cmp(*c, n)).map_err(|e| e.message);
    }
    if s.starts_with(char::is_alphabetic) {
        let word = s.split_whitespace().next().unwrap_or(s);
        return Err(format!(
            "«{s}» is not a target planvev can compare: «{word}» is not one of its words"
        ));
    }
    if let Some((lo, hi)) = split_range(s) {
        let (mut lo, mut hi) = (
            number::parse(lo).map_err(|e| e.message)?,
            number::parse(hi).map_err(|e| e.message)?,
        );
        let percent = lo.percent || hi.percent;
        lo.percent = percent;
        hi.percent = percent;
        if lo.value > hi.value {
            return Err(format!(
                "«{s}» is a range with the larger number first: write the smaller first, as in \"3–5 %\""
            ));
        }
        return Ok(Bound::Range(lo, hi));
    }
    number::parse(s).map(Bound::Plain).map_err(|e| e.message)
}

/// `3–5 %` → ("3", "5 %"), `5 % – 6,5 %` → ("5 % ", " 6,5 %"): a dash with
/// a digit or `%` before it (so `-2,5` stays a negative number).
fn split_range(s: &str) -> Option<(&str, &str)> {
    let mut last_non_space = None;
    for (i, c) in s.char_indices() {
        if matches!(c, '–' | '-' | '—') && last_non_space.is_some_and(|p: char| p.is_ascii_digit() || p == '%') {
            return Some((&s[..i], &s[i + c.len_utf8()..]));
        }
        if !c.is_whitespace() {
            last_non_space = Some(c);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::parse_number;

    fn d(s: &str) -> Decimal {
        parse_number(s).unwrap().value
    }

    #[test]
    fn float_precision_case_is_exact() {
        // As floats both are 1e16: the old comparison called this achieved.
        let target = Bound::Plain(Number {
            value: Decimal::from_int(10000000000000001),
            percent: false,
        });
        let result = Decimal::from_int(10000000000000000);
        assert_eq!(result.to_f64(), Decimal::from_int(10000000000000001).to_f64());
        assert!(!target.met_by(result, Some(Direction::Higher)).unwrap());
        assert!(target
            .met_by(Decimal::from_int(10000000000000001), Some(Direction::Higher))
            .unwrap());
        // 0,1 + 0,2 is 0,3 on paper.
        let t = Bound::Cmp(Cmp::AtMost, parse_number("0,3").unwrap());
        assert!(t.met_by(d("0,30000000000"), None).unwrap());
    }

    #[test]
    fn strict_and_inclusive() {
        let b = |s: &str| parse_bound(s).unwrap();
        assert!(!b("> 85 %").met_by(d("85"), None).unwrap());
        assert!(b("> 85 %").met_by(d("85,1"), None).unwrap());
        assert!(b("≥ 85 %").met_by(d("85,0"), None).unwrap());
        assert!(b(">= 85").met_by(d("85"), None).unwrap());
        assert!(b("minst 700").met_by(d("700"), None).unwrap());
        assert!(!b("minst 700").met_by(d("699"), None).unwrap());
        assert!(b("høgst 14").met_by(d("14"), None).unwrap());
        assert!(b("Høyst 14").met_by(d("12,8"), None).unwrap());
        assert!(!b("maks 14").met_by(d("15,17"), None).unwrap());
        assert!(!b("< 14").met_by(d("14"), None).unwrap());
        assert!(b("under 14").met_by(d("13,99"), None).unwrap());
        assert_eq!(b("minst 700").direction(), Some(Direction::Higher));
        assert_eq!(b("≤ 4,05 %").direction(), Some(Direction::Lower));
        assert_eq!(b("4,05 %").direction(), None);
    }

    #[test]
    fn ranges_include_both_ends() {
        let r = parse_bound("3–5 %").unwrap();
        assert_eq!(
            r,
            Bound::Range(parse_number("3 %").unwrap(), parse_number("5 %").unwrap())
        );
        for (v, ok) in [
            ("2,99", false),
            ("3", true),
            ("4,2", true),
            ("5,00", true),
            ("5,01", false),
        ] {
            assert_eq!(r.met_by(d(v), None).unwrap(), ok, "{v}");
        }
        assert!(matches!(parse_bound("3 - 5").unwrap(), Bound::Range(..)));
        assert_eq!(parse_bound("5 % – 6,5 %").unwrap(), parse_bound("5–6,5 %").unwrap());
        assert!(matches!(parse_bound("-2,5").unwrap(), Bound::Plain(_)));
        assert!(parse_bound("5–3 %").is_err());
        assert!(parse_bound("ca. 5").is_err());
        assert!(parse_bound("minst").is_err());
        // A word must stand alone: "overalt" is not "over alt".
        assert!(parse_bound("overalt").is_err());
    }

    #[test]
    fn plain_values_follow_direction() {
        let t = parse_bound("4,05").unwrap();
        assert!(t.met_by(d("4,05"), Some(Direction::Lower)).unwrap());
        assert!(t.met_by(d("4"), Some(Direction::Lower)).unwrap());
        assert!(!t.met_by(d("4"), Some(Direction::Higher)).unwrap());
    }

    #[test]
    fn line_and_share_are_exact() {
        // A third of the way from 4,86 (2017) to 4,05 (2020) is 4,59.
        assert_eq!(
            against_line(d("4,59"), (2017, d("4,86")), (2020, d("4,05")), 2018),
            Ok(Ordering::Equal)
        );
        assert_eq!(
            against_line(d("4,60"), (2017, d("4,86")), (2020, d("4,05")), 2018),
            Ok(Ordering::Greater)
        );
        assert_eq!(share_percent(d("41,5"), d("18"), d("65")), Some(50));
        assert_eq!(share_percent(d("4,725"), d("5,4"), d("4,05")), Some(50));
        assert_eq!(share_percent(d("3"), d("5,4"), d("4,05")), Some(100));
        assert_eq!(share_percent(d("6"), d("5,4"), d("4,05")), Some(0));
        assert_eq!(share_percent(d("5"), d("5"), d("5")), None);
    }

    #[test]
    fn overflow_is_an_error_not_a_wrapped_answer() {
        let big = d("999999999999999999999999,999999999999");
        let small = d("-999999999999999999999999,999999999999");
        assert_eq!(against_line(big, (1900, small), (2200, big), 2000), Err(Overflow));
        assert_eq!(cmp(big, small), Ok(Ordering::Greater));
    }
}
