//! A signed-in person's own pages: profile and API tokens.

use crate::{Errors, Layout, Template};

#[derive(Template)]
#[template(path = "me/profile.html")]
pub struct Profile {
    pub layout: Layout,
    pub errors: Errors,
    pub email: String,
    pub name: String,
    pub organisation: String,
    pub organisations: Vec<String>,
    pub language: String,
    /// Role grants as display labels ("Organiser – whole site").
    /// Each role as (what it is, where, the page to do it on).
    pub roles: Vec<(String, String, Option<String>)>,
    /// May create events and calls (else the page offers to ask to organise).
    pub can_create: bool,
}

/// One API token in the list (never the secret itself).
#[derive(Debug, Clone)]
pub struct TokenRow {
    pub id: i64,
    pub name: String,
    pub created: String,
    pub last_used: String,
    pub expires: String,
    /// "Read only" or "Read and write", translated.
    pub access: String,
}

#[derive(Template)]
#[template(path = "me/tokens.html")]
pub struct Tokens {
    pub layout: Layout,
    pub errors: Errors,
    pub tokens: Vec<TokenRow>,
    /// The secret of a token created just now: shown once.
    pub new_token: Option<String>,
    pub name: String,
    /// Chosen lifetime in days and the (days, label) choices.
    pub lifetime: String,
    pub lifetimes: Vec<(String, String)>,
    /// Chosen access (`read` or `read_write`) and the (value, label) choices.
    pub access: String,
    pub accesses: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "me/delete.html")]
pub struct DeleteAccount {
    pub layout: Layout,
    pub errors: Errors,
}
