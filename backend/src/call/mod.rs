//! Innovation calls and their submissions (issue "Innovation calls and submissions"): so far the
//! rules, as pure code with unit tests. Storage, pages and the API follow.

pub mod model;
