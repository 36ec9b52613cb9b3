//! Accounts: sign-up with e-mail confirmation, sign-in and sessions, password reset, profiles,
//! personal API tokens, role grants, and the rate limits that protect them.

pub mod api;
/// The middleware that resolves a request's session or API token to its actor.
pub mod identify;
pub mod limits;
pub mod model;
pub mod pages;
pub mod password;
pub mod privacy;
pub mod queries;
/// The URLs of this module's pages (mounted by `crate::routes`).
pub mod routes;
pub mod service;

pub use model::{Actor, Role, Scope};
