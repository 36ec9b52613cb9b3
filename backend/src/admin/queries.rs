//! SQL for the administrators' area: site settings, counts, the outbox and the audit log.

use chrono::{DateTime, Utc};

use crate::db::DbConn;
use crate::ids::MailId;

/// A stored site setting (`None`: never set, the default applies).
pub async fn setting(conn: &mut DbConn, key: &str) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("select value from site_settings where key = $1")
        .bind(key)
        .fetch_optional(&mut *conn)
        .await
}

pub async fn set_setting(conn: &mut DbConn, key: &str, value: &str) -> sqlx::Result<()> {
    sqlx::query(
        "insert into site_settings (key, value) values ($1, $2) \
         on conflict (key) do update set value = excluded.value",
    )
    .bind(key)
    .bind(value)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The site in numbers, as (key, count) in a fixed order.
pub async fn counts(conn: &mut DbConn) -> sqlx::Result<Vec<(&'static str, i64)>> {
    const COUNTS: [(&str, &str); 10] = [
        ("accounts", "select count(*) from accounts"),
        ("organisations", "select count(*) from organisations"),
        (
            "requests",
            "select count(*) from organiser_requests where status = 'pending'",
        ),
        ("events", "select count(*) from events"),
        ("calls", "select count(*) from calls"),
        (
            "registrations",
            "select count(*) from registrations where status <> 'cancelled'",
        ),
        (
            "submissions",
            "select count(*) from submissions where status <> 'draft'",
        ),
        ("certificates", "select count(*) from certificates"),
        (
            "mail_queued",
            "select count(*) from outbox where sent_at is null and attempts < $1",
        ),
        (
            "mail_failed",
            "select count(*) from outbox where sent_at is null and attempts >= $1",
        ),
    ];
    let mut out = Vec::with_capacity(COUNTS.len());
    for (key, sql) in COUNTS {
        let mut q = sqlx::query_scalar::<_, i64>(sql);
        if sql.contains("$1") {
            q = q.bind(crate::mail::MAX_ATTEMPTS);
        }
        out.push((key, q.fetch_one(&mut *conn).await?));
    }
    Ok(out)
}

/// A mail in the outbox as administrators see it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OutboxRow {
    pub id: MailId,
    pub to_address: String,
    pub subject: String,
    pub created_at: DateTime<Utc>,
    pub attempts: i64,
    pub next_attempt_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
}

/// Mails of a state (`queued`, `failed` or `sent`), newest first.
pub async fn outbox(
    conn: &mut DbConn,
    state: &str,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<OutboxRow>> {
    sqlx::query_as::<_, OutboxRow>(
        "select id, to_address, subject, created_at, attempts, next_attempt_at, sent_at, last_error \
         from outbox \
         where ($1 = 'sent' and sent_at is not null) \
            or ($1 = 'queued' and sent_at is null and attempts < $2) \
            or ($1 = 'failed' and sent_at is null and attempts >= $2) \
         order by created_at desc, id desc limit $3 offset $4",
    )
    .bind(state)
    .bind(crate::mail::MAX_ATTEMPTS)
    .bind(limit)
    .bind(offset)
    .fetch_all(&mut *conn)
    .await
}

/// Sends an unsent mail again from now on, with a fresh count of attempts. `false` when it was
/// sent already (or does not exist).
pub async fn retry_mail(conn: &mut DbConn, id: MailId, now: DateTime<Utc>) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "update outbox set attempts = 0, next_attempt_at = $2, locked_until = null, sending_at = null \
         where id = $1 and sent_at is null",
    )
    .bind(id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
