//! planvev: a static-site generator for Norwegian municipal plans.
//!
//! One pipeline: `content` loads and checks a content folder into a typed
//! model, `render` turns it into an in-memory site (path → bytes), and
//! `output` writes that site atomically. The `build`, `check` and `serve`
//! commands are thin layers over `pipeline`.

pub mod chart;
pub mod cli;
pub mod content;
pub mod diag;
pub mod format;
pub mod i18n;
pub mod output;
pub mod paths;
pub mod pipeline;
pub mod render;
pub mod route;
pub mod search;
pub mod serve;
pub mod theme;
pub mod yaml;
