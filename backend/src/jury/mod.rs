//! The jury of an innovation call (issue 'Jury'): so far the pure rules — ranking and
//! assignment. Storage, pages and the API follow.

/// Automatic assignment of jurors to submissions: balanced, conflict-free, category-aware.
pub mod assign;
/// Scores, totals, normalisation and the ranking organisers see.
pub mod rank;
