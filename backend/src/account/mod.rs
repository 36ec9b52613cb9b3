//! Accounts: sign-up with e-mail confirmation, sign-in and sessions, password reset, profiles,
//! personal API tokens, role grants, and the rate limits that protect them.

pub mod api;
pub mod model;
pub mod pages;
pub mod password;
pub mod privacy;
pub mod queries;
pub mod service;

pub use model::{Actor, Role, Scope};
