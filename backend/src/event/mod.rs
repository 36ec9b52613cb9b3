//! Events: the occasions everything else hangs on (agenda, registration, matchmaking),
//! with their bilingual texts, venue, time zone, days, status and organising organisations.

pub mod api;
pub mod model;
/// The event's audit log for its organisers (page and CSV).
pub mod orga_log;
pub mod pages;
pub mod queries;
/// The URLs of this module's pages (mounted by `crate::routes`).
pub mod routes;
pub mod service;

pub use model::{Event, EventStatus};
