//! The jury's rules with storage: rounds and criteria, jurors and their invitations, conflicts,
//! assignments, reviews under the blind rules, the ranking, the chair's confirmation, pitch
//! slots and the release of results. Pages and the API call these functions and nothing below.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use convene_frontend::Lang;

use super::model::{
    self, Assignment, ConfirmedLine, CriterionInput, CriterionRow, Declaration, JurorRow,
    OthersScores, Review, ReviewState, Round, RoundInput, RoundKind, Slot,
};
use super::queries::{self, Entrant};
use super::{assign, rank};
use crate::account::model::Email;
use crate::account::{Actor, Role, Scope};
use crate::audit;
use crate::call::model::{Call, Category, FileRow, Submission, SubmissionStatus};
use crate::call::queries as call_queries;
use crate::call::service as calls;
use crate::db::{self, DbConn};
use crate::error::{AppError, FieldErrors, Msg};
use crate::registration::form::Question;
use crate::state::AppState;

// One file per part of the use cases. Each starts with `use super::*`: the imports and helpers
// here are shared. Everything public is re-exported, so callers keep writing `service::name`.
mod assignments;
mod chair;
mod conflicts;
mod figures;
mod jurors;
mod reviews;
mod rounds;

pub use assignments::*;
pub use chair::*;
pub use conflicts::*;
pub use figures::*;
pub use jurors::*;
pub use reviews::*;
pub use rounds::*;

fn round_not_found() -> AppError {
    AppError::not_found("jury-round-not-found")
}

fn entry_not_found() -> AppError {
    AppError::not_found("jury-entry-not-found")
}
