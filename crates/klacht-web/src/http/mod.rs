//! What every surface shares and nothing else: the application state, extractors (the body, the
//! client address, the page language, the signed-in user), sessions and accounts' HTTP side,
//! limits and time-outs, the JSON error and the error pages, the page layout and rendering.
//! The surfaces (`api`, `site`, `backoffice`, `feeds`) use this and `klacht_app`, never one
//! another.

pub mod auth;
pub mod body;
pub mod client;
pub mod error;
pub mod forms;
pub mod health;
pub mod i18n;
pub mod lang;
pub mod links;
pub mod markdown;
pub mod page_error;
pub mod pages;
pub mod personal;
pub mod report_query;
pub mod server;
pub mod state;
