//! Dashboards: an event's and a call's numbers at a glance for their organisers (registrations
//! over time, fill, check-ins, submissions, jury progress and score distributions), as pages
//! with charts and data tables and through the API.

pub mod api;
pub mod model;
pub mod pages;
pub mod queries;
/// The URLs of this module's pages (mounted by `crate::routes`).
pub mod routes;
pub mod service;
