//! convene's presentation layer: askama templates and their view models, the Fluent catalogue
//! for German and English, and the static assets.
//!
//! This crate does no I/O and knows nothing about HTTP or the database: the backend fills view
//! models with data and decisions already taken (permissions, states), and renders them.

pub mod admin;
pub mod auth;
pub mod home;
pub mod i18n;
pub mod layout;
pub mod mail;
pub mod me;

pub use askama::Template;
pub use i18n::{Lang, Tr};
pub use layout::{Errors, Flash, FlashKind, Layout, UserNav};

/// A static asset compiled into the binary: `(content type, bytes)`.
pub fn asset(path: &str) -> Option<(&'static str, &'static [u8])> {
    match path {
        "app.css" => Some((
            "text/css; charset=utf-8",
            include_bytes!("../static/app.css"),
        )),
        "app.js" => Some((
            "text/javascript; charset=utf-8",
            include_bytes!("../static/app.js"),
        )),
        _ => None,
    }
}

/// The error page, for every error the HTML side shows (404, 403, 409, 500 …).
#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub layout: Layout,
    pub status: u16,
    pub message: String,
    /// Set for server errors: the id under which the failure was logged.
    pub reference: Option<String>,
}
