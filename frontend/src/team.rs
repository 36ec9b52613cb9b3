//! The team page of an event or call.

use crate::{Errors, Layout, Template};

/// One member of the team.
#[derive(Debug, Clone)]
pub struct MemberLine {
    pub name: String,
    pub email: String,
    pub role: String,
    /// How they belong: invited here, or through the owning organisation.
    pub via: String,
    /// Where to post to remove them (invited members only).
    pub remove_url: Option<String>,
}

#[derive(Template)]
#[template(path = "team/team.html")]
pub struct TeamPage {
    pub layout: Layout,
    pub errors: Errors,
    /// (url, label) of the event's or call's page.
    pub back: (String, String),
    pub members: Vec<MemberLine>,
    pub action: String,
    /// (value, label) of the roles one can invite to.
    pub role_options: crate::Choices,
    /// The call's jury page, where jurors are invited (calls only).
    pub jury_url: Option<String>,
    pub log_url: String,
    pub email: String,
    pub name: String,
    pub role: String,
}
