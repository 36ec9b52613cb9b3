//! The team of an event or a call: co-organisers and (for events) check-in staff, invited by
//! e-mail and removed by the organisers, every change audited. Organisers of the owning
//! organisation belong to every team of theirs; jurors are invited on the call's jury page.

pub mod api;
pub mod pages;
pub mod queries;
/// The URLs of this module's pages (mounted by `crate::routes`).
pub mod routes;
pub mod service;
