//! Content: the model of a plan site and how it is read from content/.

pub mod address;
pub mod cells;
pub mod convert;
pub mod directive;
pub mod goal;
pub mod licence;
pub mod load;
pub mod model;
pub mod raw;
pub mod schema;
pub mod slug;
mod source;
mod sums;
mod table;
pub mod text;
pub mod validate;

pub use load::load_site;
pub use model::*;
pub use text::{Lang, Localized, Text};
