//! SQL for the dashboards: compact facts and group counts over an event's registrations and a
//! call's submissions. Each query names its event or call.

use chrono::{DateTime, Utc};

use super::model::RegistrationFact;
use crate::db::DbConn;
use crate::ids::EventId;

/// Every registration of an event, reduced to what the dashboard counts.
pub async fn registration_facts(
    conn: &mut DbConn,
    event: EventId,
) -> sqlx::Result<Vec<RegistrationFact>> {
    sqlx::query_as(
        "select status, ticket_type_id, created_at, updated_at, checked_in_at \
         from registrations where event_id = $1",
    )
    .bind(event)
    .fetch_all(&mut *conn)
    .await
}

/// Active registrations (holding or awaiting a place) per answer to the form's country questions (ISO codes).
pub async fn countries(conn: &mut DbConn, event: EventId) -> sqlx::Result<Vec<(String, i64)>> {
    sqlx::query_as(
        "select x.value, count(*) from registration_answers x \
         join registration_questions q on q.id = x.question_id \
         join registrations r on r.id = x.registration_id \
         where q.event_id = $1 and q.kind = 'country' and r.event_id = $1 and r.status in ('confirmed', 'pending', 'offered', 'waitlisted') \
         group by x.value",
    )
    .bind(event)
    .fetch_all(&mut *conn)
    .await
}

/// Active registrations per organisation of the registered person (empty: none named).
pub async fn organisations(conn: &mut DbConn, event: EventId) -> sqlx::Result<Vec<(String, i64)>> {
    sqlx::query_as(
        "select coalesce(o.name, ''), count(*) from registrations r \
         left join accounts a on a.id = r.account_id \
         left join organisations o on o.id = a.organisation_id \
         where r.event_id = $1 and r.status in ('confirmed', 'pending', 'offered', 'waitlisted') group by coalesce(o.name, '')",
    )
    .bind(event)
    .fetch_all(&mut *conn)
    .await
}

/// Meeting requests of an event per status.
pub async fn meeting_requests(
    conn: &mut DbConn,
    event: EventId,
) -> sqlx::Result<Vec<(String, i64)>> {
    sqlx::query_as(
        "select status, count(*) from matchmaking_requests where event_id = $1 group by status",
    )
    .bind(event)
    .fetch_all(&mut *conn)
    .await
}

/// Booked meetings of an event (not cancelled).
pub async fn meetings(conn: &mut DbConn, event: EventId) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "select count(*) from matchmaking_meetings where event_id = $1 and cancelled_at is null",
    )
    .bind(event)
    .fetch_one(&mut *conn)
    .await
}

/// Matchmaking profiles of an event.
pub async fn profiles(conn: &mut DbConn, event: EventId) -> sqlx::Result<i64> {
    sqlx::query_scalar("select count(*) from matchmaking_profiles where event_id = $1")
        .bind(event)
        .fetch_one(&mut *conn)
        .await
}

/// One submission as the call dashboard counts it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SubmissionFact {
    pub status: String,
    pub category_id: Option<i64>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub eligible_at: Option<DateTime<Utc>>,
}

/// Every submission of a call, reduced to what the dashboard counts.
pub async fn submission_facts(conn: &mut DbConn, call: i64) -> sqlx::Result<Vec<SubmissionFact>> {
    sqlx::query_as(
        "select status, category_id, submitted_at, eligible_at from submissions where call_id = $1",
    )
    .bind(call)
    .fetch_all(&mut *conn)
    .await
}
