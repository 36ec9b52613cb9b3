//! Certificates of attendance, speaking, pitching, placement and jury service: templates,
//! bulk issuing from the facts, PDFs anyone can verify by their code.

pub mod api;
pub mod model;
pub mod pages;
pub mod pdf;
pub mod queries;
/// The URLs of this module's pages (mounted by `crate::routes`).
pub mod routes;
pub mod service;
