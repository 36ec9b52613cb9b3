//! Check-in at the door: staff with the `checkin` role (or the event's organisers) scan a
//! participant's QR code, type the code, or find them by name, and see at once whether the
//! registration is valid. Staff see names and statuses only, never answers or addresses.

use chrono::{DateTime, Utc};

use super::model::{BookingStatus, RegistrationStatus};
use super::queries;
use crate::account::{Actor, Role, Scope};
use crate::audit;
use crate::db;
use crate::error::AppError;
use crate::event::{Event, service as events};
use crate::ids::SessionId;
use crate::state::AppState;

/// Whether `actor` may check people in at `event`: its organisers and the staff named for it
/// always; site-wide check-in staff only once the event is public, so a draft stays with the
/// people preparing it.
pub fn is_staff(actor: &Actor, event: &Event) -> bool {
    events::is_organiser(Some(actor), event)
        || actor.grants.iter().any(|g| {
            g.role == Role::Checkin
                && (g.scope == Scope::Event(event.id.0)
                    || (g.scope == Scope::Site && event.status.is_public()))
        })
}

/// The event behind `slug` for its check-in staff.
pub async fn for_staff(state: &AppState, actor: &Actor, slug: &str) -> Result<Event, AppError> {
    let mut conn = state.db.acquire().await?;
    let event = crate::event::queries::find_by_slug(&mut conn, slug)
        .await?
        .ok_or_else(|| AppError::not_found("event-not-found"))?;
    if is_staff(actor, &event) {
        Ok(event)
    } else if event.status.is_public() {
        Err(AppError::forbidden())
    } else {
        Err(AppError::not_found("event-not-found"))
    }
}

/// Who is being checked in: the code on their QR code, or a registration found by name.
#[derive(Debug, Clone)]
pub enum Target {
    Code(String),
    Registration(i64),
}

/// What the door sees.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum Outcome {
    /// Checked in now.
    Valid,
    /// Was already checked in at that instant.
    AlreadyCheckedIn { at: DateTime<Utc> },
    /// The registration is not confirmed (cancelled, waiting, rejected …).
    NotValid { status: RegistrationStatus },
    /// The code belongs to another event.
    WrongEvent,
    /// No registration has this code.
    Unknown,
    /// Registered for the event, but holds no seat in this session.
    NotBooked,
}

impl Outcome {
    pub fn message_id(&self) -> &'static str {
        match self {
            Outcome::Valid => "checkin-valid",
            Outcome::AlreadyCheckedIn { .. } => "checkin-already",
            Outcome::NotValid { status } => match status {
                RegistrationStatus::Cancelled
                | RegistrationStatus::Rejected
                | RegistrationStatus::Expired => "checkin-cancelled",
                _ => "checkin-not-confirmed",
            },
            Outcome::WrongEvent => "checkin-wrong-event",
            Outcome::Unknown => "checkin-unknown",
            Outcome::NotBooked => "checkin-not-booked",
        }
    }

    /// Green for a person who may go in, red for everyone else.
    pub fn ok(&self) -> bool {
        matches!(self, Outcome::Valid)
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct CheckinResult {
    #[serde(flatten)]
    pub outcome: Outcome,
    /// The person's name (empty when the code is unknown or of another event).
    pub name: String,
    pub registration_id: Option<i64>,
}

/// Checks a person in at the event, or at one of its limited sessions.
///
/// # Errors
/// `NotFound`, `Forbidden` (not check-in staff).
pub async fn check_in(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    target: &Target,
    session: Option<SessionId>,
) -> Result<CheckinResult, AppError> {
    let event = for_staff(state, actor, slug).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let found = match target {
        Target::Code(code) => queries::find_by_code(&mut tx, code.trim()).await?,
        Target::Registration(id) => queries::find(&mut tx, event.id, *id).await?,
    };
    let Some(r) = found else {
        return Ok(CheckinResult {
            outcome: Outcome::Unknown,
            name: String::new(),
            registration_id: None,
        });
    };
    if r.event_id != event.id {
        return Ok(CheckinResult {
            outcome: Outcome::WrongEvent,
            name: String::new(),
            registration_id: None,
        });
    }
    let name = match r.account_id {
        Some(a) => crate::account::queries::find(&mut tx, a)
            .await?
            .map(|a| a.name)
            .unwrap_or_default(),
        None => String::new(),
    };
    let result = |outcome| CheckinResult {
        outcome,
        name: name.clone(),
        registration_id: Some(r.id),
    };
    if r.status != RegistrationStatus::Confirmed {
        return Ok(result(Outcome::NotValid { status: r.status }));
    }
    let outcome = match session {
        None => {
            if queries::check_in(&mut tx, r.id, now).await? {
                Outcome::Valid
            } else {
                Outcome::AlreadyCheckedIn {
                    at: r.checked_in_at.unwrap_or(now),
                }
            }
        }
        Some(session) => {
            let booking = match r.account_id {
                Some(a) => queries::booking_for(&mut tx, session, a).await?,
                None => None,
            }
            .filter(|b| b.event_id == event.id && b.status == BookingStatus::Confirmed);
            match booking {
                None => Outcome::NotBooked,
                Some(b) => {
                    if queries::check_in_booking(&mut tx, b.id, now).await? {
                        Outcome::Valid
                    } else {
                        Outcome::AlreadyCheckedIn {
                            at: b.checked_in_at.unwrap_or(now),
                        }
                    }
                }
            }
        }
    };
    if outcome == Outcome::Valid {
        audit::record(
            &mut tx,
            Some(actor.id),
            "registration.check_in",
            &format!("registration:{}", r.id),
            &session.map(|s| format!("session:{s}")).unwrap_or_default(),
            now,
        )
        .await?;
        crate::webhook::service::emit(
            &mut tx,
            crate::account::Scope::Event(event.id.0),
            crate::webhook::model::Topic::CheckinCreated,
            serde_json::json!({
                "checkin": {
                    "registration_id": r.id,
                    "session_id": session.map(|s| s.0),
                    "checked_in_at": now,
                }
            }),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(result(outcome))
}

/// A person as check-in staff see them: name and status only.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Person {
    pub registration_id: i64,
    pub name: String,
    pub status: RegistrationStatus,
    pub checked_in_at: Option<DateTime<Utc>>,
}

/// People of the event whose name contains `q` (at least two characters), at most 20.
pub async fn search(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    q: &str,
) -> Result<Vec<Person>, AppError> {
    let event = for_staff(state, actor, slug).await?;
    let q = q.trim().to_lowercase();
    if q.chars().count() < 2 {
        return Ok(Vec::new());
    }
    let mut conn = state.db.acquire().await?;
    let rows: Vec<(i64, String, RegistrationStatus, Option<DateTime<Utc>>)> = sqlx::query_as(
        r#"
        select r.id, a.name, r.status, r.checked_in_at
        from registrations r join accounts a on a.id = r.account_id
        where r.event_id = $1 and lower(a.name) like $2 escape '\'
        order by a.name, r.id
        limit 20
        "#,
    )
    .bind(event.id)
    .bind(crate::db::contains_pattern(&q))
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(registration_id, name, status, checked_in_at)| Person {
            registration_id,
            name,
            status,
            checked_in_at,
        })
        .collect())
}

/// Live counts for the door and the organisers' dashboard: the event and each limited session.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Live {
    #[serde(flatten)]
    pub counts: super::service::Counts,
    pub sessions: Vec<SessionCount>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct SessionCount {
    pub session_id: SessionId,
    pub title: String,
    pub seats: Option<i64>,
    pub booked: i64,
    pub waitlisted: i64,
    pub checked_in: i64,
}

pub async fn live(state: &AppState, actor: &Actor, slug: &str) -> Result<Live, AppError> {
    let event = for_staff(state, actor, slug).await?;
    let mut conn = state.db.acquire().await?;
    let counts = super::service::counts_of(&mut conn, &event).await?;
    let by_session = queries::booking_counts(&mut conn, event.id).await?;
    let rooms = crate::agenda::queries::rooms(&mut conn, event.id).await?;
    let sessions = crate::agenda::queries::sessions(&mut conn, event.id)
        .await?
        .into_iter()
        .filter(|s| s.requires_signup && s.status != crate::agenda::SessionStatus::Draft)
        .map(|s| {
            let (booked, waitlisted, checked_in) = by_session
                .iter()
                .find(|(id, ..)| *id == s.id)
                .map_or((0, 0, 0), |(_, b, w, c)| (*b, *w, *c));
            SessionCount {
                session_id: s.id,
                title: s.title(actor.language).to_string(),
                seats: super::bookings::seat_limit(&s, &rooms),
                booked,
                waitlisted,
                checked_in,
            }
        })
        .collect();
    Ok(Live { counts, sessions })
}
