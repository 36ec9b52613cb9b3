//! Organisations: the companies, universities, clusters, agencies and start-ups people belong to.

pub mod api;
/// Whether two organisation names mean the same organisation (pure).
pub mod matching;
pub mod model;
pub mod pages;
pub mod queries;
/// People asking to organise for an organisation, and the administrators' decisions.
pub mod requests;
/// The URLs of this module's pages (mounted by `crate::routes`).
pub mod routes;
pub mod service;
