//! The jury of an innovation call (issue 'Jury'): rounds with weighted criteria, jurors and
//! their conflicts of interest, assignments, reviews under blind rules, live pitch rounds, the
//! ranking and the chair's confirmation. The maths is pure (`rank`, `assign`); `service` holds
//! the rules with storage; `pages` and `api` are thin.

/// The jury's JSON API: rounds, criteria, jurors, assignments, reviews and rankings.
pub mod api;
/// Automatic assignment of jurors to submissions: balanced, conflict-free, category-aware.
pub mod assign;
/// Rounds, criteria, reviews as stored, and the parsing of the jury's forms.
pub mod model;
/// The organisers' jury pages: rounds, criteria, jurors, assignments, ranking, confirmation,
/// scores as CSV and the stage screen.
pub mod orga_pages;
/// The jurors' pages: their rounds, queues, the declaration of conflicts and the review form.
pub mod pages;
/// SQL for rounds, criteria, jurors, declarations, assignments, reviews and pitch slots.
pub mod queries;
/// Scores, totals, normalisation and the ranking organisers see.
pub mod rank;
/// The jury report of a round as PDF.
pub mod report;
/// The URLs of this module's pages (mounted by `crate::routes`).
pub mod routes;
/// The jury's rules with storage.
pub mod service;
