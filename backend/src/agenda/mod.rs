//! The agenda of an event: rooms, tracks, sessions with their people, the clash checks run
//! before publishing, published versions and what changed between them, and the import of
//! sessions from `.ics` files.

pub mod api;
pub mod ics_zones;
pub mod import;
pub mod model;
mod notify;
pub mod pages;
pub mod queries;
/// The URLs of this module's pages (mounted by `crate::routes`).
pub mod routes;
pub mod service;

pub use model::{Room, Session, SessionKind, SessionStatus, Track};
