//! Webhooks: organisers register HTTPS endpoints per event or call and are told of changes
//! (registrations, check-ins, submissions, reviews, results, certificates) by signed POSTs,
//! delivered through a database outbox with retries and a delivery log, as pages and through
//! the API.

pub mod api;
pub mod model;
pub mod pages;
pub mod queries;
/// The URLs of this module's pages (mounted by `crate::routes`).
pub mod routes;
pub mod service;
