//! A readable audit log: the call's, the event's and the whole site's (one page for all).

use crate::{Layout, Template};

/// One line of an audit log.
#[derive(Debug, Clone)]
pub struct LogLineView {
    pub at: String,
    pub who: String,
    pub what: String,
    pub about: String,
    pub about_url: Option<String>,
    pub detail: String,
    /// The action's code (e.g. `submission.status`), for scripts and tests.
    pub action: String,
}

/// An audit log page: filter by kind (and text where `q` is offered), 100 lines a page, CSV.
#[derive(Template)]
#[template(path = "audit/log.html")]
pub struct LogPage {
    pub layout: Layout,
    /// (url, label) of the page the log belongs to.
    pub back: (String, String),
    /// What the log covers.
    pub hint: String,
    pub csv_url: String,
    /// (value, label) of the kinds to filter by.
    pub kinds: Vec<(String, String)>,
    pub kind: String,
    /// The text searched for; `None` where the log offers no search.
    pub q: Option<String>,
    /// "123 entries, page 1 of 2".
    pub count: String,
    pub prev_url: Option<String>,
    pub next_url: Option<String>,
    pub rows: Vec<LogLineView>,
}
