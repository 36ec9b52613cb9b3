//! Registration for events: settings, ticket types, registrations with a waiting list and
//! time-limited offers when a place frees up. Overbooking is a bug, and so is a lost place in
//! line: every capacity decision happens in one write transaction per event.

pub mod api;
pub mod bookings;
pub mod checkin;
pub mod export;
pub mod form;
pub mod model;
/// The organisers' registration pages: list, detail, decisions, exports, form builder.
pub mod orga_pages;
pub mod pages;
pub mod privacy;
pub mod queries;
/// The URLs of this module's pages (mounted by `crate::routes`).
pub mod routes;
pub mod service;

pub use model::{Registration, RegistrationStatus};
