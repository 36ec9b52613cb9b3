//! Mail templates: the organisers of an event or a call reword the mails it sends (confirmation,
//! waiting list, offers, reminders, decisions, certificates, …) in German and English, with
//! placeholders, a preview and a reset to the default, as pages and through the API. Every such
//! mail is written by [`service::compose`].

pub mod api;
pub mod model;
pub mod pages;
pub mod queries;
/// The URLs of this module's pages (mounted by `crate::routes`).
pub mod routes;
pub mod service;
