//! Norwegian number notation, in and out.
//!
//! Values are kept as exact decimals (`units` × 10^-`scale`) so that a budget
//! sum is checked without float rounding and so that "5,40" keeps the two
//! decimals its author wrote.

use std::cmp::Ordering;
use std::fmt;

/// An exact decimal number as an author wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal {
    /// The digits without the decimal comma: "4,86" → 486.
    pub units: i128,
    /// How many of the digits are decimals: "4,86" → 2.
    pub scale: u8,
}

/// A parsed cell value: a number, possibly written with a percent sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Number {
    pub value: Decimal,
    /// The author wrote `%` after the number.
    pub percent: bool,
}

/// Why a text is not a number; the message is shown to plan editors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberError {
    pub message: String,
}

const MAX_SCALE: u8 = 12;

impl Decimal {
    pub fn from_int(n: i64) -> Self {
        Decimal {
            units: n as i128,
            scale: 0,
        }
    }

    /// Both numbers with the same scale, so they can be added or compared;
    /// None when that does not fit (never a wrapped or saturated value).
    fn aligned(self, other: Decimal) -> Option<(i128, i128, u8)> {
        let scale = self.scale.max(other.scale);
        let a = self
            .units
            .checked_mul(10i128.checked_pow((scale - self.scale) as u32)?)?;
        let b = other
            .units
            .checked_mul(10i128.checked_pow((scale - other.scale) as u32)?)?;
        Some((a, b, scale))
    }

    pub fn checked_add(self, other: Decimal) -> Option<Decimal> {
        let (a, b, scale) = self.aligned(other)?;
        a.checked_add(b).map(|units| Decimal { units, scale })
    }

    pub fn checked_sub(self, other: Decimal) -> Option<Decimal> {
        let (a, b, scale) = self.aligned(other)?;
        a.checked_sub(b).map(|units| Decimal { units, scale })
    }

    /// |self − other|; None on overflow.
    pub fn abs_diff(self, other: Decimal) -> Option<Decimal> {
        self.checked_sub(other)
            .and_then(|d| d.units.checked_abs().map(|units| Decimal { units, scale: d.scale }))
    }

    /// self / other × 100, rounded half away from zero to `scale` decimals;
    /// None when `other` is zero or the result does not fit.
    pub fn percent_of(self, other: Decimal, scale: u8) -> Option<Decimal> {
        let (a, b, _) = self.aligned(other)?;
        if b == 0 {
            return None;
        }
        let num = a.checked_mul(100)?.checked_mul(10i128.checked_pow(scale as u32)?)?;
        let (q, r) = (num / b, num % b);
        let round_up = r.checked_abs()?.checked_mul(2)? >= b.checked_abs()?;
        let away = if (num < 0) != (b < 0) { -1 } else { 1 };
        Some(Decimal {
            units: if round_up { q + away } else { q },
            scale,
        })
    }

    /// Rounded half away from zero to `scale` decimals (no-op when it has
    /// no more than that).
    pub fn rounded(self, scale: u8) -> Decimal {
        if self.scale <= scale {
            return self;
        }
        let div = 10i128.pow((self.scale - scale) as u32);
        let (q, r) = (self.units / div, self.units % div);
        let units = if r.abs() * 2 >= div { q + self.units.signum() } else { q };
        Decimal { units, scale }
    }

    pub fn is_zero(self) -> bool {
        self.units == 0
    }

    pub fn to_f64(self) -> f64 {
        self.units as f64 / 10f64.powi(self.scale as i32)
    }

    pub fn is_negative(self) -> bool {
        self.units < 0
    }

    /// Digits before and after the comma, without sign.
    fn digits(self) -> (String, String) {
        let abs = self.units.unsigned_abs().to_string();
        let scale = self.scale as usize;
        if scale == 0 {
            return (abs, String::new());
        }
        let padded = format!("{:0>width$}", abs, width = scale + 1);
        let (int, frac) = padded.split_at(padded.len() - scale);
        (int.to_string(), frac.to_string())
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> Ordering {
        match self.aligned(*other) {
            Some((a, b, _)) => a.cmp(&b),
            // Too large to align at the finer scale: compare at the coarser
            // one, where the integer parts decide.
            None => {
                let scale = self.scale.min(other.scale);
                let (a, b) = (self.rounded(scale), other.rounded(scale));
                a.units
                    .cmp(&b.units)
                    .then(self.units.signum().cmp(&other.units.signum()))
            }
        }
    }
}

/// Groups digits in threes with the separator: "88355" → "88 355".
fn group(int: &str, sep: &str) -> String {
    let mut out = String::with_capacity(int.len() + int.len() / 3 * sep.len());
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(ch);
    }
    out
}

impl Number {
    /// For HTML: U+00A0 between thousands, decimal comma, U+2212 minus,
    /// `5,4 %` with a no-break space before the percent sign.
    pub fn to_html_text(&self) -> String {
        let (int, frac) = self.value.digits();
        let mut s = String::new();
        if self.value.is_negative() {
            s.push('\u{2212}');
        }
        s.push_str(&group(&int, "\u{a0}"));
        if !frac.is_empty() {
            s.push(',');
            s.push_str(&frac);
        }
        if self.percent {
            s.push_str("\u{a0}%");
        }
        s
    }

    /// For CSV read by Norwegian spreadsheets: plain `-`, decimal comma, no
    /// grouping, and no percent sign (the unit is in the header).
    pub fn to_csv_text(&self) -> String {
        let (int, frac) = self.value.digits();
        let sign = if self.value.is_negative() { "-" } else { "" };
        if frac.is_empty() {
            format!("{sign}{int}")
        } else {
            format!("{sign}{int},{frac}")
        }
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_html_text())
    }
}

/// Texts that mean "no value": the plans write `-`; SSB writes `..`.
pub fn is_missing(text: &str) -> bool {
    matches!(text.trim(), "" | "-" | "–" | "—" | ".." | "." | ":" | "null" | "~")
}

/// Parses Norwegian notation: `88 355`, `88 355` (no-break space), `5,4`,
/// `5,4 %`, `5,4%`, `-2,5`, `−2,5`. A period is refused: in Norwegian text it
/// could be a thousands separator or a decimal mark, and a guess would be wrong
/// half the time. (YAML floats such as `4.86` are refused where cells are read.)
pub fn parse(text: &str) -> Result<Number, NumberError> {
    let err = |why: &str| NumberError {
        message: format!("«{}» is not a number: {why}", text.trim()),
    };
    let mut s = text.trim();
    let mut percent = false;
    if let Some(rest) = s.strip_suffix('%') {
        percent = true;
        s = rest.trim_end();
        if s.ends_with('%') {
            return Err(err("write the percent sign once, as in \"5,4 %\""));
        }
    }
    let mut negative = false;
    if let Some(rest) = s
        .strip_prefix('-')
        .or_else(|| s.strip_prefix('\u{2212}'))
        .or_else(|| s.strip_prefix('–'))
    {
        negative = true;
        s = rest.trim_start();
    } else if let Some(rest) = s.strip_prefix('+') {
        s = rest.trim_start();
    }
    if s.is_empty() {
        return Err(err("there are no digits"));
    }
    let commas = s.matches(',').count();
    let dots = s.matches('.').count();
    if commas > 1 {
        return Err(err(
            "a number has at most one decimal comma; group thousands with a space, as in \"88 355\"",
        ));
    }
    if commas == 1 && dots > 0 {
        return Err(err(
            "use a space between thousands and a comma before decimals, as in \"1 234,5\"",
        ));
    }
    if dots > 0 {
        return Err(err(
            "write a decimal comma (\"4,86\") and a space between thousands (\"2 500 000\"), never a period",
        ));
    }
    let (int_part, frac_part) = match s.split_once(',') {
        Some((i, f)) => (i, f),
        None => (s, ""),
    };
    // "24," is a number cut short ("24,5") as often as one with a comma
    // too many: publishing 24 could be wrong.
    if commas == 1 && frac_part.trim().is_empty() {
        return Err(err(&format!(
            "a decimal comma needs decimals after it: write \"{int}\", or the decimals, as in \"{int},5\"",
            int = int_part.trim_end()
        )));
    }
    let int_digits = strip_group_spaces(int_part)
        .ok_or_else(|| err("only digits, spaces between groups of three, and one decimal comma are allowed"))?;
    if int_digits.is_empty() || !frac_part.chars().all(|c| c.is_ascii_digit()) {
        return Err(err(
            "only digits, spaces between groups of three, and one decimal comma are allowed",
        ));
    }
    if frac_part.len() > MAX_SCALE as usize || int_digits.len() > 24 {
        return Err(err("it has more digits than any plan needs"));
    }
    let all: String = format!("{int_digits}{frac_part}");
    let mut units: i128 = all.parse().map_err(|_| err("it could not be read as digits"))?;
    if negative {
        units = -units;
    }
    Ok(Number {
        value: Decimal {
            units,
            scale: frac_part.len() as u8,
        },
        percent,
    })
}

/// "88 355" → "88355"; None when spaces are not between groups of three.
fn strip_group_spaces(int_part: &str) -> Option<String> {
    let groups: Vec<&str> = int_part.split([' ', '\u{a0}', '\u{202f}']).collect();
    if groups.len() > 1 {
        let first_ok = (1..=3).contains(&groups[0].len());
        let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
        if !first_ok || !rest_ok {
            return None;
        }
    }
    let joined: String = groups.concat();
    if joined.chars().all(|c| c.is_ascii_digit()) {
        Some(joined)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(s: &str) -> String {
        parse(s).unwrap().to_html_text()
    }

    #[test]
    fn formats_thousands_with_no_break_space() {
        assert_eq!(html("88355"), "88\u{a0}355");
        assert_eq!(html("88 355"), "88\u{a0}355");
        assert_eq!(html("2500000"), "2\u{a0}500\u{a0}000");
        assert_eq!(html("110"), "110");
    }

    #[test]
    fn keeps_decimals_as_written() {
        assert_eq!(html("4,86"), "4,86");
        assert_eq!(html("5,40"), "5,40");
        assert_eq!(html("0,6"), "0,6");
        assert_eq!(html("1234,5"), "1\u{a0}234,5");
    }

    #[test]
    fn a_comma_with_no_decimals_is_refused() {
        let e = parse("24,").unwrap_err().message;
        assert!(e.contains("«24,» is not a number"), "{e}");
        assert!(e.contains(r#"write "24", or the decimals, as in "24,5""#), "{e}");
        assert!(parse("1 234, %").is_err());
        assert!(parse("24,5").is_ok());
    }

    #[test]
    fn percent_and_minus() {
        assert_eq!(html("5,4%"), "5,4\u{a0}%");
        assert_eq!(html("5,4 %"), "5,4\u{a0}%");
        assert_eq!(html("-2,5"), "\u{2212}2,5");
        assert_eq!(html("−10,4"), "\u{2212}10,4");
        assert_eq!(html("-0,2"), "\u{2212}0,2");
    }

    #[test]
    fn csv_text_is_plain() {
        assert_eq!(parse("-2,5").unwrap().to_csv_text(), "-2,5");
        assert_eq!(parse("88 355").unwrap().to_csv_text(), "88355");
        assert_eq!(parse("5,4 %").unwrap().to_csv_text(), "5,4");
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        for bad in [
            "1,2,3",
            "12 %%",
            "abc",
            "1.234.567",
            "12 34",
            "1,2.3",
            "1.5",
            "%",
            "--5",
            "1 2345",
        ] {
            assert!(parse(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn missing_markers() {
        for m in ["-", "–", "", "  ", "..", "null"] {
            assert!(is_missing(m), "{m:?}");
        }
        assert!(!is_missing("0"));
    }

    #[test]
    fn exact_sums_and_order() {
        let a = parse("0,1").unwrap().value;
        let b = parse("0,2").unwrap().value;
        assert_eq!(a.checked_add(b).unwrap(), parse("0,3").unwrap().value);
        assert!(parse("4,86").unwrap().value < parse("5,0").unwrap().value);
        assert_eq!(
            parse("5,40").unwrap().value.cmp(&parse("5,4").unwrap().value),
            Ordering::Equal
        );
    }

    #[test]
    fn percent_and_rounding_are_exact() {
        let r = parse("5 443").unwrap().value;
        let b = parse("5 503").unwrap().value;
        assert_eq!(r.percent_of(b, 1), Some(parse("98,9").unwrap().value));
        assert_eq!(r.percent_of(Decimal::from_int(0), 1), None);
        assert_eq!(parse("-2,45").unwrap().value.rounded(1), parse("-2,5").unwrap().value);
        let big = Decimal {
            units: i128::MAX - 1,
            scale: 0,
        };
        assert_eq!(
            big.checked_add(Decimal::from_int(5)),
            None,
            "overflow is None, never wrapped"
        );
        assert_eq!(
            big.checked_add(Decimal { units: 1, scale: 3 }),
            None,
            "alignment overflow too"
        );
    }
}
