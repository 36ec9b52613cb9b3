//! The jury of an innovation call (issue 'Jury'): rounds with weighted criteria, jurors and
//! their conflicts of interest, assignments, reviews under blind rules, live pitch rounds, the
//! ranking and the chair's confirmation. The maths is pure (`rank`, `assign`); `service` holds
//! the rules with storage; `pages` and `api` are thin.

/// Automatic assignment of jurors to submissions: balanced, conflict-free, category-aware.
pub mod assign;
/// Rounds, criteria, reviews as stored, and the parsing of the jury's forms.
pub mod model;
/// SQL for rounds, criteria, jurors, declarations, assignments, reviews and pitch slots.
pub mod queries;
/// Scores, totals, normalisation and the ranking organisers see.
pub mod rank;
/// The jury report of a round as PDF.
pub mod report;
/// The jury's rules with storage.
pub mod service;
