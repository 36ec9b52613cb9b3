//! SQL for registration settings and registrations. Every query names its event.

use chrono::{DateTime, Utc};

use super::model::{Registration, RegistrationStatus, Settings};
use crate::db::DbConn;
use crate::ids::{AccountId, EventId};

/// Serialises capacity decisions for one event. On PostgreSQL this locks the event's settings
/// row until the transaction ends; on SQLite the write transaction (`BEGIN IMMEDIATE`) already
/// excludes every other writer.
pub async fn lock_event(conn: &mut DbConn, event_id: EventId) -> sqlx::Result<()> {
    #[cfg(feature = "postgres")]
    {
        sqlx::query("select event_id from registration_settings where event_id = $1 for update")
            .bind(event_id)
            .execute(&mut *conn)
            .await?;
    }
    #[cfg(feature = "sqlite")]
    {
        let _ = (conn, event_id);
    }
    Ok(())
}

pub async fn settings(conn: &mut DbConn, event_id: EventId) -> sqlx::Result<Option<Settings>> {
    sqlx::query_as::<_, Settings>(
        "select event_id, opens_at, closes_at, capacity, approval_required, offer_hours from registration_settings where event_id = $1",
    )
    .bind(event_id)
    .fetch_optional(&mut *conn)
    .await
}

/// Creates or replaces an event's settings.
pub async fn save_settings(
    conn: &mut DbConn,
    s: &Settings,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        r#"
        insert into registration_settings (event_id, opens_at, closes_at, capacity, approval_required, offer_hours, updated_at)
        values ($1, $2, $3, $4, $5, $6, $7)
        on conflict (event_id) do update
        set opens_at = $2, closes_at = $3, capacity = $4, approval_required = $5, offer_hours = $6, updated_at = $7
        "#,
    )
    .bind(s.event_id)
    .bind(s.opens_at)
    .bind(s.closes_at)
    .bind(s.capacity)
    .bind(s.approval_required)
    .bind(s.offer_hours)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

macro_rules! registration_select {
    ($rest:literal) => {
        concat!(
            "select id, event_id, account_id, ticket_type_id, status, code, offer_expires_at, ",
            "checked_in_at, created_at, updated_at from registrations ",
            $rest
        )
    };
}

pub async fn find_for(
    conn: &mut DbConn,
    event_id: EventId,
    account_id: AccountId,
) -> sqlx::Result<Option<Registration>> {
    sqlx::query_as::<_, Registration>(registration_select!(
        "where event_id = $1 and account_id = $2"
    ))
    .bind(event_id)
    .bind(account_id)
    .fetch_optional(&mut *conn)
    .await
}

/// Every registration of an event in line order (first come, first served).
pub async fn list(conn: &mut DbConn, event_id: EventId) -> sqlx::Result<Vec<Registration>> {
    sqlx::query_as::<_, Registration>(registration_select!(
        "where event_id = $1 order by created_at, id"
    ))
    .bind(event_id)
    .fetch_all(&mut *conn)
    .await
}

/// How many registrations of an event hold a place.
pub async fn places_taken(conn: &mut DbConn, event_id: EventId) -> sqlx::Result<i64> {
    sqlx::query_scalar("select count(*) from registrations where event_id = $1 and status in ('confirmed', 'pending', 'offered')")
        .bind(event_id)
        .fetch_one(&mut *conn)
        .await
}

/// The first person on the waiting list.
pub async fn first_waiting(
    conn: &mut DbConn,
    event_id: EventId,
) -> sqlx::Result<Option<Registration>> {
    sqlx::query_as::<_, Registration>(registration_select!(
        "where event_id = $1 and status = 'waitlisted' order by created_at, id limit 1"
    ))
    .bind(event_id)
    .fetch_optional(&mut *conn)
    .await
}

/// Offers that lapsed before `now`, with their events.
pub async fn lapsed_offers(
    conn: &mut DbConn,
    now: DateTime<Utc>,
) -> sqlx::Result<Vec<Registration>> {
    sqlx::query_as::<_, Registration>(registration_select!(
        "where status = 'offered' and offer_expires_at <= $1 order by offer_expires_at, id"
    ))
    .bind(now)
    .fetch_all(&mut *conn)
    .await
}

pub async fn insert(
    conn: &mut DbConn,
    event_id: EventId,
    account_id: AccountId,
    status: RegistrationStatus,
    code: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        r#"
        insert into registrations (event_id, account_id, status, code, created_at, updated_at)
        values ($1, $2, $3, $4, $5, $5)
        returning id
        "#,
    )
    .bind(event_id)
    .bind(account_id)
    .bind(status)
    .bind(code)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
}

/// A new place in line for an ended registration of the same person (registering again).
pub async fn renew(
    conn: &mut DbConn,
    event_id: EventId,
    id: i64,
    status: RegistrationStatus,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "update registrations set status = $3, offer_expires_at = null, created_at = $4, updated_at = $4 where event_id = $1 and id = $2",
    )
    .bind(event_id)
    .bind(id)
    .bind(status)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn set_status(
    conn: &mut DbConn,
    event_id: EventId,
    id: i64,
    status: RegistrationStatus,
    offer_expires_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query("update registrations set status = $3, offer_expires_at = $4, updated_at = $5 where event_id = $1 and id = $2")
        .bind(event_id)
        .bind(id)
        .bind(status)
        .bind(offer_expires_at)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Every registration of an event with the person's name and e-mail, in line order.
pub async fn list_with_people(
    conn: &mut DbConn,
    event_id: EventId,
) -> sqlx::Result<Vec<(Registration, String, String)>> {
    let rows = list(conn, event_id).await?;
    let people: Vec<(i64, String, String)> = sqlx::query_as(
        r#"
        select r.id, coalesce(a.name, ''), coalesce(a.email, '')
        from registrations r left join accounts a on a.id = r.account_id
        where r.event_id = $1
        "#,
    )
    .bind(event_id)
    .fetch_all(&mut *conn)
    .await?;
    let by_id: std::collections::HashMap<i64, (String, String)> =
        people.into_iter().map(|(id, n, e)| (id, (n, e))).collect();
    Ok(rows
        .into_iter()
        .map(|r| {
            let (name, email) = by_id.get(&r.id).cloned().unwrap_or_default();
            (r, name, email)
        })
        .collect())
}
