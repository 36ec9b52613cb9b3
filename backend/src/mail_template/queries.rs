//! SQL for mail templates: an organiser's wordings of the mails of an event or a call.

use chrono::{DateTime, Utc};

use super::model::Wording;
use crate::db::DbConn;
use crate::ids::{AccountId, EventId};

/// The wordings of an event (`event`) or a call (`call`).
pub async fn wordings(
    conn: &mut DbConn,
    event: Option<EventId>,
    call: Option<i64>,
) -> sqlx::Result<Vec<Wording>> {
    sqlx::query_as(
        "select event_id, call_id, kind, lang, subject, body, updated_at from mail_templates \
         where (event_id = $1 or call_id = $2) order by kind, lang",
    )
    .bind(event)
    .bind(call)
    .fetch_all(&mut *conn)
    .await
}

/// The wording of one mail in one language, if the organisers changed it.
pub async fn wording(
    conn: &mut DbConn,
    event: Option<EventId>,
    call: Option<i64>,
    kind: &str,
    lang: &str,
) -> sqlx::Result<Option<Wording>> {
    sqlx::query_as(
        "select event_id, call_id, kind, lang, subject, body, updated_at from mail_templates \
         where (event_id = $1 or call_id = $2) and kind = $3 and lang = $4",
    )
    .bind(event)
    .bind(call)
    .bind(kind)
    .bind(lang)
    .fetch_optional(&mut *conn)
    .await
}

/// Removes a wording; whether there was one.
pub async fn delete(
    conn: &mut DbConn,
    event: Option<EventId>,
    call: Option<i64>,
    kind: &str,
    lang: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "delete from mail_templates where (event_id = $1 or call_id = $2) and kind = $3 and lang = $4",
    )
    .bind(event)
    .bind(call)
    .bind(kind)
    .bind(lang)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Stores a wording in place of the one before (call inside a transaction, after [`delete`]).
#[allow(clippy::too_many_arguments)]
pub async fn insert(
    conn: &mut DbConn,
    event: Option<EventId>,
    call: Option<i64>,
    kind: &str,
    lang: &str,
    subject: &str,
    body: &str,
    by: AccountId,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into mail_templates (event_id, call_id, kind, lang, subject, body, updated_by, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(event)
    .bind(call)
    .bind(kind)
    .bind(lang)
    .bind(subject)
    .bind(body)
    .bind(by)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
