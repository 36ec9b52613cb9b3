//! convene's presentation layer: askama templates and their view models, the Fluent catalogue
//! for German and English, and the static assets.
//!
//! This crate does no I/O and knows nothing about HTTP or the database: the backend fills view
//! models with data and decisions already taken (permissions, states), and renders them.

pub mod admin;
pub mod agenda;
pub mod api_reference;
pub mod audit;
pub mod auth;
pub mod call;
pub mod certificate;
pub mod chart;
pub mod dashboard;
pub mod event;
pub mod home;
pub mod i18n;
pub mod jury;
pub mod jury_orga;
pub mod layout;
pub mod mail;
pub mod mail_template;
pub mod matchmaking;
pub mod me;
pub mod registration;
pub mod summary;
pub mod team;
pub mod webhook;

pub use askama::Template;

/// Where a long list's page stands: "1–200 of 5,000" and the pages around it.
#[derive(Debug, Clone, Default)]
pub struct Pager {
    pub shown: String,
    pub prev_url: Option<String>,
    pub next_url: Option<String>,
}

impl Pager {
    /// Page `page` (from 1) of `per_page` entries, showing `shown` of `total`; `url` makes the
    /// address of another page (keeping the list's filters).
    pub fn new(
        t: &Tr,
        page: i64,
        per_page: i64,
        shown: usize,
        total: i64,
        url: impl Fn(i64) -> String,
    ) -> Pager {
        let first = (page - 1) * per_page;
        let last = first + shown as i64;
        Pager {
            shown: t.msg_args(
                "list-shown",
                &[
                    ("from", (first + 1).min(total).to_string()),
                    ("to", last.to_string()),
                    ("total", total.to_string()),
                ],
            ),
            prev_url: (page > 1).then(|| url(page - 1)),
            next_url: (last < total).then(|| url(page + 1)),
        }
    }
}

/// `(value, label)` options of a `<select>` (the `select` macro of `_macros.html`).
#[derive(Debug, Clone, Default)]
pub struct Choices {
    pub options: Vec<(String, String)>,
}
pub use i18n::{Lang, Localized, Tr};
pub use layout::{Errors, Flash, FlashKind, Layout, UserNav};

/// Text escaped for HTML and SVG markup (element content and quoted attribute values), for
/// markup built outside the templates: charts, the HTML part of mails.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

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
        "agenda-grid.css" => Some(("text/css; charset=utf-8", AGENDA_GRID_CSS.as_bytes())),
        _ => None,
    }
}

/// Placement classes for the agenda grid: the CSP forbids `style` attributes, so sessions are
/// placed by class (`c-N` column, `rs-N` first row, `rn-N` rows spanned; a row is 5 minutes).
static AGENDA_GRID_CSS: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    // Phones: a plain list in time order; room headings and hour marks only make sense in the grid.
    let mut css = String::from(
        ".agenda-grid .room-head, .agenda-grid .hour { display: none }\n\
         @media (min-width: 60rem) {\n\
         .agenda-grid { display: grid; grid-auto-rows: minmax(0.55rem, auto); gap: 0 0.5rem; align-items: stretch }\n\
         .agenda-grid .room-head, .agenda-grid .hour { display: block }\n\
         .agenda-grid .tc { grid-column: 1 }\n",
    );
    for n in 1..=9 {
        css.push_str(&format!(
            ".agenda-grid .c-{n} {{ grid-column: {} }}\n",
            n + 1
        ));
    }
    css.push_str(".agenda-grid .c-all { grid-column: 2 / -1 }\n");
    for n in 1..=9 {
        css.push_str(&format!(".agenda-grid.cols-{n} {{ grid-template-columns: 4.5rem repeat({n}, minmax(0, 1fr)) }}\n"));
    }
    for n in 1..=300 {
        css.push_str(&format!(".agenda-grid .rs-{n} {{ grid-row-start: {n} }} .agenda-grid .rn-{n} {{ grid-row-end: span {n} }}\n"));
    }
    css.push_str("}\n");
    css
});

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
