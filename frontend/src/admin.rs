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
