//! Formatting for Norwegian readers: numbers, and the CSV that Norwegian
//! spreadsheets open without a wizard.

pub mod csv;
pub mod number;
pub mod size;
pub mod xlsx;

pub use number::{parse as parse_number, Decimal, Number};
