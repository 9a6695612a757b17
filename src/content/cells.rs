//! One table cell from what the editor wrote: a number, a statistical
//! symbol, a missing value or (in plain tables) text. One rule for YAML
//! values and CSV fields alike, and the one check for Norwegian decimals
//! that YAML split at the comma.

use super::model::{Cell, Symbol};
use super::raw::{self, Symbols};
use crate::format::{number, Decimal, Number};
use std::collections::BTreeMap;

/// How to read a cell: whether text is allowed, and what the symbols mean.
#[derive(Debug, Clone, Copy)]
pub struct CellRule {
    pub allow_text: bool,
    pub symbols: Symbols,
}

impl CellRule {
    /// Numbers only, symbols as in version 1 (goals, series, tolerance).
    pub const NUMBER: CellRule = CellRule {
        allow_text: false,
        symbols: Symbols::V1,
    };
}

pub const NUMBER_HINT: &str =
    "write numbers in Norwegian notation: \"88 355\", \"5,4\", \"5,4 %\", \"-2,5\"; `-` for a missing value";

/// A scalar as a table cell; where text is not allowed, the reason it is
/// not a number.
pub fn parse_cell(v: &raw::Cell, rule: CellRule) -> Result<Cell, number::NumberError> {
    let parsed = match v {
        raw::Cell::Null => return Ok(Cell::Missing),
        raw::Cell::Int(i) => Ok(Number {
            value: Decimal::from_int(*i),
            percent: false,
        }),
        raw::Cell::Float(f) => Err(period_refused(*f)),
        raw::Cell::Str(s) => match rule.symbols {
            Symbols::Ssb => match ssb_symbol(s) {
                Some(c) => return Ok(c),
                None => number::parse(s),
            },
            Symbols::V1 if number::is_missing(s) => return Ok(Cell::Missing),
            Symbols::V1 => number::parse(s).map_err(|mut e| {
                if s.trim() == "..." {
                    e.message.push_str("; `...` (not yet available) is one of SSB's symbols: add `symbols: ssb` to the table or to site.yaml");
                }
                e
            }),
        },
    };
    match parsed {
        Ok(n) => Ok(Cell::Num(n)),
        Err(_) if rule.allow_text => Ok(Cell::Text(v.as_text())),
        Err(e) => Err(e),
    }
}

/// A cell under `symbols: ssb`: the five symbols as printed; an empty
/// field (or `null`) is a cell with no value, shown as `..`.
fn ssb_symbol(s: &str) -> Option<Cell> {
    let t = s.trim();
    if matches!(t, "" | "null" | "~") {
        return Some(Cell::Missing);
    }
    if matches!(t, "–" | "—" | "\u{2212}") {
        return Some(Cell::Symbol(Symbol::Nil));
    }
    Symbol::from_text(t).map(Cell::Symbol)
}

/// An unquoted YAML number with a period (`1.234`, `2.500`): YAML made it a
/// float, and both readings (thousands, decimals) are plausible, so it is
/// refused rather than published changed.
pub fn period_refused(f: f64) -> number::NumberError {
    period_refused_as(&if f.is_finite() {
        format!("{f:?}")
    } else {
        format!("{f}")
    })
}

/// The same, naming the number as the editor wrote it (`2.500`).
pub fn period_refused_as(shown: &str) -> number::NumberError {
    number::NumberError {
        message: format!("«{shown}» is not a number a plan can show: a period could mean thousands or decimals"),
    }
}

/// Where YAML split a Norwegian decimal: `[4,2]` is read as 4 and 2. Maps
/// the place (line, column, 1-based, in characters) of the first number to
/// the numbers in the chain (`["4", "2"]`). Found by one pass over the text,
/// so a large data.yaml stays linear.
#[derive(Debug, Default)]
pub struct Splits {
    at: BTreeMap<(u32, u32), Vec<String>>,
    /// Unquoted numbers with a period (`2.500`), as written, by place: YAML
    /// reads them as floats and loses the spelling the message should show.
    periods: BTreeMap<(u32, u32), String>,
}

impl Splits {
    pub fn scan(source: &str) -> Splits {
        let mut s = Splits::default();
        for (i, line) in source.lines().enumerate() {
            scan_line(line, i as u32 + 1, &mut s);
        }
        s
    }

    /// An unquoted number with a period at this place, as written.
    pub fn period_at(&self, place: (u32, u32)) -> Option<&str> {
        self.periods.get(&place).map(|s| s.as_str())
    }

    /// The chain starting at this place, if YAML split one there.
    pub fn at(&self, place: (u32, u32)) -> Option<&[String]> {
        self.at.get(&place).map(|v| v.as_slice())
    }

    /// Whether `n` is a later part of a chain on `line` (the "year" 86 of
    /// `{ 2017: 4,86 }`), already reported with the chain.
    pub fn is_remnant(&self, line: u32, n: &str) -> bool {
        self.at
            .range((line, 0)..(line + 1, 0))
            .any(|(_, parts)| parts.iter().skip(1).any(|p| p == n))
    }
}

fn scan_line(line: &str, line_no: u32, found: &mut Splits) {
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let after_chain = prev == Some(',') && i >= 2 && chars[i - 2].is_ascii_digit();
        let starts = c.is_ascii_digit()
            && !after_chain
            && !prev.is_some_and(|p| p.is_alphanumeric() || matches!(p, '.' | '_' | '"' | '\''));
        if !starts {
            i += 1;
            continue;
        }
        let signed = matches!(prev, Some('-' | '+'));
        let start_col = i as u32 + 1 - u32::from(signed);
        let mut parts = Vec::new();
        let mut j = i;
        loop {
            let from = j;
            while j < chars.len() && chars[j].is_ascii_digit() {
                j += 1;
            }
            parts.push(chars[from..j].iter().collect::<String>());
            if j + 1 < chars.len() && chars[j] == ',' && chars[j + 1].is_ascii_digit() {
                j += 1;
            } else {
                break;
            }
        }
        if parts.len() > 1 {
            if signed {
                parts[0].insert(0, chars[i - 1]);
            }
            found.at.insert((line_no, start_col), parts);
        } else if j + 1 < chars.len() && chars[j] == '.' && chars[j + 1].is_ascii_digit() {
            while j < chars.len() && (chars[j].is_ascii_digit() || chars[j] == '.') {
                j += 1;
            }
            let from = i - usize::from(signed);
            found
                .periods
                .insert((line_no, start_col), chars[from..j].iter().collect());
        }
        i = j.max(i + 1);
    }
}

/// The message and hint for a split chain.
pub fn split_message(parts: &[String]) -> (String, String) {
    let joined = parts.join(",");
    let spaced = parts.join(", ");
    let listed = match parts {
        [a, b] => format!("two numbers, {a} and {b}"),
        _ => format!(
            "{} numbers, {} and {}",
            parts.len(),
            parts[..parts.len() - 1].join(", "),
            parts[parts.len() - 1]
        ),
    };
    let message = format!("«{joined}» without quotes is read as {listed}");
    let hint = if parts.len() == 2 {
        format!("write \"{joined}\" in quotes for a decimal number, or {spaced} with a space after the comma for two numbers")
    } else {
        format!("write {spaced} with a space after each comma if these are numbers; put a decimal number in quotes, as in \"{},{}\"", parts[0], parts[1])
    };
    (message, hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_split_decimals_and_their_places() {
        let s = Splits::scan("values: [4,2, 3]\nb: [110,0,0, -5,5]\nc: [\"4,2\", 1 000, x4,2]\n");
        assert_eq!(s.at((1, 10)), Some(&["4".to_string(), "2".to_string()][..]));
        assert_eq!(s.at((2, 5)).map(|p| p.len()), Some(3));
        assert_eq!(s.at((2, 14)), Some(&["-5".to_string(), "5".to_string()][..]));
        assert!(
            s.at.range((3, 0)..(4, 0)).next().is_none(),
            "quoted and words are not numbers"
        );
        assert!(s.is_remnant(1, "2"));
        let p = Splits::scan("values: [1.234, 2.500, -0.50]\n");
        assert_eq!(p.period_at((1, 10)), Some("1.234"));
        assert_eq!(p.period_at((1, 17)), Some("2.500"));
        assert_eq!(p.period_at((1, 24)), Some("-0.50"));
    }

    #[test]
    fn ssb_symbols_only_where_chosen() {
        let ssb = CellRule {
            allow_text: false,
            symbols: Symbols::Ssb,
        };
        let v1 = CellRule::NUMBER;
        let s = |t: &str| raw::Cell::Str(t.into());
        assert_eq!(parse_cell(&s("-"), ssb), Ok(Cell::Symbol(Symbol::Nil)));
        assert_eq!(parse_cell(&s(":"), ssb), Ok(Cell::Symbol(Symbol::Confidential)));
        assert_eq!(parse_cell(&s("..."), ssb), Ok(Cell::Symbol(Symbol::NotYet)));
        assert_eq!(parse_cell(&s("-"), v1), Ok(Cell::Missing));
        assert!(parse_cell(&s("..."), v1).unwrap_err().message.contains("symbols: ssb"));
        assert!(parse_cell(&raw::Cell::Float(2.5), v1).is_err());
        assert!(parse_cell(&raw::Cell::Float(2.0), v1).is_err());
    }
}
