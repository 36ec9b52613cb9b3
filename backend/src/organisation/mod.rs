//! Organisations: the companies, universities, clusters, agencies and start-ups people belong to.

pub mod api;
pub mod model;
pub mod pages;
pub mod queries;
pub mod service;
