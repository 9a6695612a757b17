//! Share charts: a table's rows as shares of the sum of one column, and
//! the reasons a table cannot be drawn so (which `check` reports).

use crate::content::{Cell, Row, Table, Text};
use crate::format::number::Decimal;
use crate::format::Number;

/// Each row's label and its share of the column's sum, in percent.
pub type Shares<'a> = Vec<(&'a Text, Number)>;

/// The column a share chart shares out: the first whose rows all have a
/// number, with the rows' shares of their sum (total rows left out), or
/// why there is none. Shared with `check`, which reports the reason.
pub fn share_column(t: &Table) -> Result<(usize, Shares<'_>), ShareError> {
    let rows: Vec<(&Text, &[Cell])> = t
        .rows
        .iter()
        .filter_map(|r| match r {
            Row::Data {
                label, cells, total, ..
            } if !total => Some((label, cells.as_slice())),
            _ => None,
        })
        .collect();
    let j = (0..t.columns.len())
        .filter(|&j| t.columns[j].computed.is_none())
        .find(|&j| rows.iter().all(|(_, c)| matches!(c.get(j), Some(Cell::Num(_)))))
        .ok_or(ShareError::NoColumn)?;
    let nums: Vec<(&Text, Number)> = rows
        .iter()
        .filter_map(|(l, c)| match c.get(j) {
            Some(Cell::Num(n)) => Some((*l, *n)),
            _ => None,
        })
        .collect();
    if let Some((l, _)) = nums.iter().find(|(_, n)| n.value.is_negative()) {
        return Err(ShareError::Negative((*l).clone(), j));
    }
    let sum = nums
        .iter()
        .try_fold(Decimal::from_int(0), |a, (_, n)| a.checked_add(n.value))
        .filter(|s| !s.is_zero())
        .ok_or(ShareError::NoTotal(j))?;
    let shares = nums
        .iter()
        .map(|(l, n)| {
            let v = n.value.percent_of(sum, 1).ok_or(ShareError::NoTotal(j))?;
            Ok((
                *l,
                Number {
                    value: v,
                    percent: true,
                },
            ))
        })
        .collect::<Result<_, _>>()?;
    Ok((j, shares))
}

/// Why a table's rows cannot be drawn as shares.
#[derive(Debug, Clone, PartialEq)]
pub enum ShareError {
    /// No column has a number in every row.
    NoColumn,
    /// A row (label) is below zero in column (index).
    Negative(Text, usize),
    /// The column's numbers add up to zero.
    NoTotal(usize),
}
