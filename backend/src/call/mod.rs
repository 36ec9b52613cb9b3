//! Innovation calls and their submissions: organisers open a call with its texts, phases,
//! categories and submission form; teams draft, invite, attach and submit; organisers check
//! eligibility, export and decide; the public sees the call and its results.

pub mod api;
pub mod export;
pub mod model;
/// The audit log of a call for its organisers: page and CSV.
pub mod orga_log;
/// The organisers' call pages: list, create, edit, publish, questions.
pub mod orga_pages;
/// The organisers' submission list, exports and decisions (one or many at once).
pub mod orga_submissions;
pub mod pages;
pub mod queries;
/// The URLs of this module's pages (mounted by `crate::routes`).
pub mod routes;
pub mod service;

pub use model::{Call, Submission, SubmissionStatus};
