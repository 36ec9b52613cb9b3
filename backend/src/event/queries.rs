//! SQL for events and their organising organisations.

use chrono::{DateTime, NaiveDate, Utc};

use super::model::{Event, EventDraft, EventStatus};
use crate::db::DbConn;
use crate::ids::{EventId, OrganisationId};

macro_rules! event_select {
    ($rest:literal) => {
        concat!(
            "select id, slug, title_de, title_en, description_de, description_en, venue, address, ",
            "timezone, starts_on, ends_on, status, contact_name, contact_email, agenda_version, ",
            "location_version, content_version, owner_organisation_id, created_at, updated_at from events ",
            $rest
        )
    };
}

pub async fn find_by_slug(conn: &mut DbConn, slug: &str) -> sqlx::Result<Option<Event>> {
    sqlx::query_as::<_, Event>(event_select!("where slug = $1"))
        .bind(slug)
        .fetch_optional(&mut *conn)
        .await
}

pub async fn find(conn: &mut DbConn, id: EventId) -> sqlx::Result<Option<Event>> {
    sqlx::query_as::<_, Event>(event_select!("where id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
}

/// Public events (published or archived) ending on or after `from`, by start.
pub async fn list_public_from(conn: &mut DbConn, from: NaiveDate) -> sqlx::Result<Vec<Event>> {
    sqlx::query_as::<_, Event>(event_select!(
        "where status in ('published', 'archived') and ends_on >= $1 order by starts_on, slug"
    ))
    .bind(from)
    .fetch_all(&mut *conn)
    .await
}

/// Public events that ended before `before`, newest first.
pub async fn list_public_past(
    conn: &mut DbConn,
    before: NaiveDate,
    limit: i64,
) -> sqlx::Result<Vec<Event>> {
    sqlx::query_as::<_, Event>(event_select!(
        "where status in ('published', 'archived') and ends_on < $1 order by starts_on desc, slug limit $2"
    ))
    .bind(before)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await
}

/// Every event (for site organisers and admins), newest first.
pub async fn list_all(conn: &mut DbConn) -> sqlx::Result<Vec<Event>> {
    sqlx::query_as::<_, Event>(event_select!("order by starts_on desc, slug"))
        .fetch_all(&mut *conn)
        .await
}

/// Events the account organises: named in its organiser grants, or owned by an organisation it
/// organises for.
pub async fn list_organised_by(
    conn: &mut DbConn,
    account_id: crate::ids::AccountId,
) -> sqlx::Result<Vec<Event>> {
    sqlx::query_as::<_, Event>(event_select!(
        "where id in (select scope_id from role_grants where account_id = $1 and role = 'organiser' and scope_kind = 'event') \
         or owner_organisation_id in (select scope_id from role_grants where account_id = $1 and role = 'organiser' and scope_kind = 'org') \
         order by starts_on desc, slug"
    ))
    .bind(account_id)
    .fetch_all(&mut *conn)
    .await
}

pub async fn slug_taken(conn: &mut DbConn, slug: &str) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar("select count(*) from events where slug = $1")
        .bind(slug)
        .fetch_one(&mut *conn)
        .await?;
    Ok(n > 0)
}

/// Inserts a draft event. Unique violation: slug taken.
pub async fn insert(
    conn: &mut DbConn,
    d: &EventDraft,
    now: DateTime<Utc>,
) -> sqlx::Result<EventId> {
    sqlx::query_scalar(
        r#"
        insert into events (slug, title_de, title_en, description_de, description_en, venue, address,
                            timezone, starts_on, ends_on, status, contact_name, contact_email,
                            created_at, updated_at)
        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)
        returning id
        "#,
    )
    .bind(&d.slug)
    .bind(&d.title_de)
    .bind(&d.title_en)
    .bind(&d.description_de)
    .bind(&d.description_en)
    .bind(&d.venue)
    .bind(&d.address)
    .bind(&d.timezone)
    .bind(d.starts_on)
    .bind(d.ends_on)
    .bind(EventStatus::Draft)
    .bind(&d.contact_name)
    .bind(&d.contact_email)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
}

/// Updates the details (not the status). Unique violation: slug taken.
pub async fn update(
    conn: &mut DbConn,
    id: EventId,
    d: &EventDraft,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        r#"
        update events
        set slug = $2, title_de = $3, title_en = $4, description_de = $5, description_en = $6,
            venue = $7, address = $8, timezone = $9, starts_on = $10, ends_on = $11,
            contact_name = $12, contact_email = $13, updated_at = $14,
            location_version = location_version
                + case when venue <> $7 or address <> $8 then 1 else 0 end
        where id = $1
        "#,
    )
    .bind(id)
    .bind(&d.slug)
    .bind(&d.title_de)
    .bind(&d.title_en)
    .bind(&d.description_de)
    .bind(&d.description_en)
    .bind(&d.venue)
    .bind(&d.address)
    .bind(&d.timezone)
    .bind(d.starts_on)
    .bind(d.ends_on)
    .bind(&d.contact_name)
    .bind(&d.contact_email)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Sets the organisation that owns the event.
pub async fn set_owner(
    conn: &mut DbConn,
    id: EventId,
    owner: Option<OrganisationId>,
) -> sqlx::Result<()> {
    sqlx::query("update events set owner_organisation_id = $2 where id = $1")
        .bind(id)
        .bind(owner)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn update_status(
    conn: &mut DbConn,
    id: EventId,
    status: EventStatus,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query("update events set status = $2, updated_at = $3 where id = $1")
        .bind(id)
        .bind(status)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Names of the organisations that organise an event.
pub async fn organisation_names(conn: &mut DbConn, id: EventId) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar(
        r#"
        select o.name from event_organisations eo join organisations o on o.id = eo.organisation_id
        where eo.event_id = $1 order by lower(o.name)
        "#,
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await
}

pub async fn clear_organisations(conn: &mut DbConn, id: EventId) -> sqlx::Result<()> {
    sqlx::query("delete from event_organisations where event_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn add_organisation(
    conn: &mut DbConn,
    id: EventId,
    org: OrganisationId,
) -> sqlx::Result<()> {
    sqlx::query("insert into event_organisations (event_id, organisation_id) values ($1, $2)")
        .bind(id)
        .bind(org)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The audit lines of event `$1`: about the event (its team, agenda publication and settings),
/// its registrations, sessions, rooms, tracks, tickets, bookings and certificate templates, of
/// kind `$2` (the action's first word; empty: all).
macro_rules! event_log_filter {
    () => {
        "(a.subject = 'event:' || $1 \
          or a.subject in (select 'registration:' || id from registrations where event_id = $1) \
          or a.subject in (select 'session:' || id from agenda_sessions where event_id = $1) \
          or a.subject in (select 'room:' || id from rooms where event_id = $1) \
          or a.subject in (select 'track:' || id from tracks where event_id = $1) \
          or a.subject in (select 'ticket:' || id from ticket_types where event_id = $1) \
          or a.subject in (select 'booking:' || id from session_bookings where event_id = $1) \
          or a.subject in (select 'certificate_template:' || id from certificate_templates where event_id = $1)) \
         and ($2 = '' or a.action like $2 || '.%')"
    };
}

/// A page of an event's audit log, newest first (see `event_log_filter`).
pub async fn log(
    conn: &mut DbConn,
    id: EventId,
    kind: &str,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<crate::audit::LogRow>> {
    sqlx::query_as::<_, crate::audit::LogRow>(concat!(
        "select a.id, a.at, a.action, a.subject, a.detail, acc.name as actor_name \
         from audit_log a left join accounts acc on acc.id = a.actor_id where ",
        event_log_filter!(),
        " order by a.at desc, a.id desc limit $3 offset $4"
    ))
    .bind(id)
    .bind(kind)
    .bind(limit)
    .bind(offset)
    .fetch_all(&mut *conn)
    .await
}

/// How many lines [`log`] has for `kind` in all.
pub async fn log_count(conn: &mut DbConn, id: EventId, kind: &str) -> sqlx::Result<i64> {
    sqlx::query_scalar(concat!(
        "select count(*) from audit_log a where ",
        event_log_filter!()
    ))
    .bind(id)
    .bind(kind)
    .fetch_one(&mut *conn)
    .await
}
