//! The administrators' area (`/admin`): the site at a glance, site settings, the outbox and the
//! whole site's audit log. Accounts with their role grants live in `account`, organisations and
//! organiser requests in `organisation`; this area links them.

pub mod api;
pub mod pages;
pub mod queries;
/// The URLs of this module's pages (mounted by `crate::routes`).
pub mod routes;
pub mod service;
