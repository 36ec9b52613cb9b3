//! B2B matchmaking at an event (issue 'B2B matchmaking'): participants' profiles and
//! marketplace entries, meeting requests, and meetings placed in slots at tables. The scheduler
//! is pure (`schedule`).

pub mod api;
pub mod model;
pub mod pages;
pub mod queries;
pub mod service;

/// The printed schedules as PDF: a list per table and a schedule per person.
pub mod pdf;
/// The URLs of this module's pages (mounted by `crate::routes`).
pub mod routes;
/// The automatic scheduler: accepted requests into free slots and tables, without clashes.
pub mod schedule;
