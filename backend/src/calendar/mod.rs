//! iCalendar feeds: the public agenda of an event, one session, and each person's own feed
//! (bookmarked sessions; later booked sessions, meetings and duties), behind a secret,
//! revocable link.

pub mod pages;
pub mod render;
/// The URLs of this module's pages (mounted by `crate::routes`).
pub mod routes;
pub mod service;
