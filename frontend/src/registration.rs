//! Registration pages: the box on the event page and the organisers' registration page.

use crate::{Errors, Layout, Template};

/// The registration box on an event page, decided in Rust.
#[derive(Debug, Clone)]
pub struct RegistrationBox {
    /// What to tell the visitor (already translated).
    pub message: String,
    /// The person's status label, when registered.
    pub status: Option<String>,
    /// (action URL, button label, css class) of the buttons to show.
    pub buttons: Vec<(String, String, &'static str)>,
    /// Set for visitors who are not signed in.
    pub signin_url: Option<String>,
}

#[derive(Debug, Clone)]
pub struct RegistrationRow {
    pub name: String,
    pub email: String,
    pub status: String,
    pub since: String,
}

#[derive(Template)]
#[template(path = "registration/orga.html")]
pub struct Orga {
    pub layout: Layout,
    pub errors: Errors,
    pub event_url: String,
    pub action: String,
    pub opens_at: String,
    pub closes_at: String,
    pub capacity: String,
    pub approval_required: bool,
    pub offer_hours: String,
    pub timezone_note: String,
    pub summary: String,
    pub rows: Vec<RegistrationRow>,
}
