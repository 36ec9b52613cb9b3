//! SQL for webhooks: the hooks of an event or a call, and their deliveries (an outbox that
//! workers on several app servers claim from, as the mail outbox).

use chrono::{DateTime, Duration, Utc};

use super::model::{Delivery, Hook, MAX_ATTEMPTS};
use crate::db::DbConn;
use crate::ids::{AccountId, EventId, WebhookId};

/// The hooks of an event (`event`) or a call (`call`), oldest first.
pub async fn hooks(
    conn: &mut DbConn,
    event: Option<EventId>,
    call: Option<i64>,
) -> sqlx::Result<Vec<Hook>> {
    sqlx::query_as(
        "select id, event_id, call_id, url, topics, secret, description, created_at from webhooks \
         where (event_id = $1 or call_id = $2) order by id",
    )
    .bind(event)
    .bind(call)
    .fetch_all(&mut *conn)
    .await
}

pub async fn hook(conn: &mut DbConn, id: WebhookId) -> sqlx::Result<Option<Hook>> {
    sqlx::query_as("select id, event_id, call_id, url, topics, secret, description, created_at from webhooks where id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
}

#[allow(clippy::too_many_arguments)]
pub async fn insert_hook(
    conn: &mut DbConn,
    event: Option<EventId>,
    call: Option<i64>,
    url: &str,
    topics: &str,
    secret: &str,
    description: &str,
    by: AccountId,
    now: DateTime<Utc>,
) -> sqlx::Result<WebhookId> {
    sqlx::query_scalar(
        "insert into webhooks (event_id, call_id, url, topics, secret, description, created_by, created_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
    )
    .bind(event)
    .bind(call)
    .bind(url)
    .bind(topics)
    .bind(secret)
    .bind(description)
    .bind(by)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
}

/// Deletes a hook with its deliveries (`on delete cascade`).
pub async fn delete_hook(conn: &mut DbConn, id: WebhookId) -> sqlx::Result<()> {
    sqlx::query("delete from webhooks where id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The slug of an event or a call, for payloads.
pub async fn slug(
    conn: &mut DbConn,
    event: Option<EventId>,
    call: Option<i64>,
) -> sqlx::Result<Option<String>> {
    match (event, call) {
        (Some(e), _) => {
            sqlx::query_scalar("select slug from events where id = $1")
                .bind(e)
                .fetch_optional(&mut *conn)
                .await
        }
        (None, Some(c)) => {
            sqlx::query_scalar("select slug from calls where id = $1")
                .bind(c)
                .fetch_optional(&mut *conn)
                .await
        }
        (None, None) => Ok(None),
    }
}

/// Queues a delivery, due now.
pub async fn insert_delivery(
    conn: &mut DbConn,
    hook: WebhookId,
    topic: &str,
    payload: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "insert into webhook_deliveries (webhook_id, topic, payload, created_at, next_attempt_at) \
         values ($1, $2, $3, $4, $4) returning id",
    )
    .bind(hook)
    .bind(topic)
    .bind(payload)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
}

/// The latest `limit` deliveries of a hook, newest first.
pub async fn deliveries(
    conn: &mut DbConn,
    hook: WebhookId,
    limit: i64,
) -> sqlx::Result<Vec<Delivery>> {
    sqlx::query_as(
        "select id, webhook_id, topic, payload, created_at, attempts, next_attempt_at, delivered_at, last_status, last_response, last_duration_ms, last_attempt_at \
         from webhook_deliveries where webhook_id = $1 order by id desc limit $2",
    )
    .bind(hook)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await
}

/// Claims the next due delivery (one not delivered, not given up, due, and not held by another
/// worker) for two minutes, with its hook's address and secret. `None`: nothing is due.
pub async fn claim_next(
    conn: &mut DbConn,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<(Delivery, String, String)>> {
    loop {
        let candidate: Option<i64> = sqlx::query_scalar(
            "select id from webhook_deliveries \
             where delivered_at is null and attempts < $2 and next_attempt_at <= $1 \
               and (locked_until is null or locked_until < $1) \
             order by next_attempt_at, id limit 1",
        )
        .bind(now)
        .bind(MAX_ATTEMPTS)
        .fetch_optional(&mut *conn)
        .await?;
        let Some(id) = candidate else {
            return Ok(None);
        };
        // The guarded update is the claim: only one worker's update matches.
        let claimed = sqlx::query(
            "update webhook_deliveries set locked_until = $2 \
             where id = $1 and delivered_at is null and (locked_until is null or locked_until < $3)",
        )
        .bind(id)
        .bind(now + Duration::minutes(2))
        .bind(now)
        .execute(&mut *conn)
        .await?
        .rows_affected()
            == 1;
        if !claimed {
            continue;
        }
        let row: Option<(String, String)> = sqlx::query_as(
            "select h.url, h.secret from webhook_deliveries d join webhooks h on h.id = d.webhook_id \
             where d.id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
        let delivery: Option<Delivery> = sqlx::query_as(
            "select id, webhook_id, topic, payload, created_at, attempts, next_attempt_at, delivered_at, last_status, last_response, last_duration_ms, last_attempt_at \
             from webhook_deliveries where id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
        // The hook may have been deleted since (its deliveries went with it).
        if let (Some(d), Some((url, secret))) = (delivery, row) {
            return Ok(Some((d, url, secret)));
        }
    }
}

/// What one attempt came to.
#[derive(Debug, Clone)]
pub struct Attempt<'a> {
    pub status: Option<i64>,
    pub response: &'a str,
    pub duration_ms: i64,
    pub at: DateTime<Utc>,
    /// Delivered, or else when to try again.
    pub delivered: bool,
    pub next_attempt_at: DateTime<Utc>,
}

/// Records an attempt and releases the claim.
pub async fn record_attempt(conn: &mut DbConn, id: i64, a: &Attempt<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "update webhook_deliveries set attempts = attempts + 1, locked_until = null, \
             delivered_at = $2, last_status = $3, last_response = $4, last_duration_ms = $5, \
             last_attempt_at = $6, next_attempt_at = $7 \
         where id = $1",
    )
    .bind(id)
    .bind(a.delivered.then_some(a.at))
    .bind(a.status)
    .bind(a.response)
    .bind(a.duration_ms)
    .bind(a.at)
    .bind(a.next_attempt_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Makes a delivery due again now with a fresh count of attempts (the log's "send again").
pub async fn redeliver(conn: &mut DbConn, id: i64, now: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query(
        "update webhook_deliveries set attempts = 0, delivered_at = null, next_attempt_at = $2, \
             locked_until = null \
         where id = $1",
    )
    .bind(id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The hook a delivery belongs to.
pub async fn delivery_hook(conn: &mut DbConn, delivery: i64) -> sqlx::Result<Option<WebhookId>> {
    sqlx::query_scalar("select webhook_id from webhook_deliveries where id = $1")
        .bind(delivery)
        .fetch_optional(&mut *conn)
        .await
}
