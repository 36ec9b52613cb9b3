//! Matchmaking use cases, for participants (profile, entries, browsing, suggestions, requests,
//! slots) and organisers (settings, topics, sessions, the grid, the scheduler, the lock).
//!
//! Who sees what: profiles are shown to the event's organisers and to participants who take
//! part themselves (a registration the audience admits, and a profile that is not hidden).
//! Every write runs in one write transaction per event, under [`queries::lock`], and re-checks
//! the places it takes inside it; the unique indexes refuse what a bug would let through.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use super::model::{
    self, Audience, Entry, EntryInput, EntryKind, Facts, Meeting, MmSession, Profile, ProfileInput,
    Request, RequestStatus, SessionInput, Settings, SettingsInput, Suggestion, Topic,
};
use super::queries::{self, Place};
use super::schedule;
use crate::account::Actor;
use crate::agenda::Session as AgendaSession;
use crate::audit;
use crate::db::{self, DbConn};
use crate::error::{AppError, DbResultExt, FieldErrors, Msg};
use crate::event::{Event, service as events};
use crate::ids::AccountId;
use crate::state::AppState;
use convene_frontend::Lang;

// One file per part of the use cases. Each starts with `use super::*`: the imports and helpers
// here are shared. Everything public is re-exported, so callers keep writing `service::name`.
mod data;
mod meetings;
mod notifications;
mod organisers;
mod profiles;
mod requests;
mod world;

pub use data::*;
pub use meetings::*;
pub use notifications::*;
pub use organisers::*;
pub use profiles::*;
pub use requests::*;
pub use world::*;
