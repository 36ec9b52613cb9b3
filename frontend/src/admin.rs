//! Site administration: accounts, role grants and organisations.

use crate::{Errors, Layout, Template};

#[derive(Debug, Clone)]
pub struct AccountRow {
    pub url: String,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub confirmed: bool,
    /// (label, css class) per role grant.
    pub roles: Vec<(String, &'static str)>,
}

#[derive(Template)]
#[template(path = "admin/accounts.html")]
pub struct Accounts {
    pub layout: Layout,
    pub q: String,
    pub rows: Vec<AccountRow>,
}

#[derive(Debug, Clone)]
pub struct GrantRow {
    pub role: String,
    pub scope: String,
    pub revoke_url: String,
}

#[derive(Template)]
#[template(path = "admin/account.html")]
pub struct AccountDetail {
    pub layout: Layout,
    pub errors: Errors,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub confirmed: String,
    pub created: String,
    pub grants: Vec<GrantRow>,
    pub grant_url: String,
    /// (value, label) of the roles that can be granted.
    pub role_options: Vec<(String, String)>,
    /// (value, label) of the scopes a role can be granted in.
    pub scope_options: Vec<(String, String)>,
}

#[derive(Debug, Clone)]
pub struct OrganisationRow {
    pub name: String,
    pub kind: String,
    pub city: String,
    pub website: String,
    pub members: i64,
    pub organisers: i64,
    pub events: i64,
    pub calls: i64,
}

#[derive(Template)]
#[template(path = "admin/organisations.html")]
pub struct Organisations {
    pub layout: Layout,
    pub errors: Errors,
    pub rows: Vec<OrganisationRow>,
    pub kind_options: Vec<(String, String)>,
    pub name: String,
    pub kind: String,
    pub city: String,
    pub website: String,
}

/// One number of the site at a glance, linked to where it is managed.
#[derive(Debug, Clone)]
pub struct Tile {
    pub key: String,
    pub label: String,
    pub value: i64,
    pub url: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/overview.html")]
pub struct Overview {
    pub layout: Layout,
    pub tiles: Vec<Tile>,
}

#[derive(Template)]
#[template(path = "admin/settings.html")]
pub struct Settings {
    pub layout: Layout,
    pub errors: Errors,
    /// (value, label) of who may become an organiser.
    pub signup_options: Vec<(String, String)>,
    pub signup: String,
}

/// A mail in the outbox.
#[derive(Debug, Clone)]
pub struct MailLine {
    pub to: String,
    pub subject: String,
    pub created: String,
    pub attempts: i64,
    /// When it is tried next, or when it was sent.
    pub when: String,
    pub last_error: String,
    /// Where to post to try it again (unsent mails only).
    pub retry_url: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/outbox.html")]
pub struct Outbox {
    pub layout: Layout,
    /// (value, label, url) of the states to show.
    pub states: Vec<(String, String, String)>,
    pub state: String,
    pub rows: Vec<MailLine>,
    pub prev_url: Option<String>,
    pub next_url: Option<String>,
}

/// An organiser request in the administrators' list.
#[derive(Debug, Clone)]
pub struct RequestLine {
    pub id: i64,
    pub who: String,
    pub email: String,
    pub organisation: String,
    /// Asks for a new organisation (with its kind, city and website).
    pub new_organisation: Option<String>,
    pub message: String,
    pub status: String,
    pub created: String,
    /// Where to approve and decline it (pending requests only).
    pub decide_urls: Option<(String, String)>,
}

#[derive(Template)]
#[template(path = "admin/requests.html")]
pub struct Requests {
    pub layout: Layout,
    /// (value, label) of the statuses to filter by.
    pub statuses: Vec<(String, String)>,
    pub status: String,
    pub rows: Vec<RequestLine>,
}

/// A request of the person's own, as they see it.
#[derive(Debug, Clone)]
pub struct OwnRequest {
    pub organisation: String,
    pub status: String,
    pub created: String,
}

/// Asking to organise for an organisation.
#[derive(Template)]
#[template(path = "admin/ask.html")]
pub struct Ask {
    pub layout: Layout,
    pub errors: Errors,
    pub mine: Vec<OwnRequest>,
    /// Requests are approved at once.
    pub open: bool,
    /// The organisations one can ask for, and "a new organisation" (value "").
    pub organisations: crate::Choices,
    pub organisation: String,
    pub kind_options: Vec<(String, String)>,
    pub name: String,
    pub kind: String,
    pub city: String,
    pub website: String,
    pub message: String,
}
