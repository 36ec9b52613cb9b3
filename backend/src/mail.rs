//! Outgoing e-mail. Every message is a row in `outbox` first (written in the same transaction as
//! the change that caused it), then a worker sends it with retries: over SMTP when
//! `CONVENE_SMTP_URL` is set, else as `.eml` files into `<data dir>/mail/`.
//!
//! Several app servers may run workers on one database: a worker claims a row by setting
//! `locked_until` with a guarded update, so a message is sent by one of them only.

use std::time::Duration as StdDuration;

use anyhow::Context;
use chrono::{DateTime, Duration, Utc};
use lettre::message::{
    Attachment as MimeAttachment, Mailbox, MultiPart, SinglePart, header::ContentType,
};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::clock::Clock;
use crate::config::Config;
use crate::db::{DbConn, DbPool};
use crate::ids::MailId;
use crate::state::Wake;

/// After this many failed attempts a message is given up (its row stays, with the last error).
pub const MAX_ATTEMPTS: i64 = 8;

/// A message waiting in the outbox.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OutgoingMail {
    pub id: MailId,
    pub to_address: String,
    pub to_name: String,
    pub subject: String,
    pub body_text: String,
    pub attempts: i64,
}

/// A file sent along with a message (the .ics of an event, a QR code).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Attachment {
    pub filename: String,
    pub content_type: String,
    pub data: Vec<u8>,
}

#[derive(Clone)]
enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(AsyncFileTransport<Tokio1Executor>),
}

/// Sends what the outbox holds. Cheap to clone.
#[derive(Clone)]
pub struct Mailer {
    transport: Transport,
    from: Mailbox,
    wake: Wake,
}

impl Mailer {
    pub fn new(config: &Config) -> anyhow::Result<Self> {
        let transport = match &config.smtp_url {
            Some(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .context("CONVENE_SMTP_URL is not a valid SMTP URL (smtp://host:port or smtps://user:pass@host)")?
                    .timeout(Some(StdDuration::from_secs(20)))
                    .build(),
            ),
            None => {
                let dir = config.data_dir.join("mail");
                std::fs::create_dir_all(&dir)
                    .with_context(|| format!("cannot create {}", dir.display()))?;
                Transport::Files(AsyncFileTransport::<Tokio1Executor>::new(dir))
            }
        };
        let from = config.mail_from.parse().context(
            "CONVENE_MAIL_FROM is not a valid address, e.g. `convene <noreply@example.org>`",
        )?;
        Ok(Mailer {
            transport,
            from,
            wake: Wake::default(),
        })
    }

    /// Tells the worker that new mail is waiting (call after the enqueuing transaction commits).
    pub fn wake(&self) {
        self.wake.wake();
    }

    async fn send(&self, mail: &OutgoingMail, attachments: &[Attachment]) -> anyhow::Result<()> {
        let to = Mailbox::new(
            Some(mail.to_name.clone()).filter(|n| !n.is_empty()),
            mail.to_address
                .parse()
                .context("invalid recipient address")?,
        );
        let builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.clone());
        let message = if attachments.is_empty() {
            builder
                .header(ContentType::TEXT_PLAIN)
                .body(mail.body_text.clone())?
        } else {
            let mut parts =
                MultiPart::mixed().singlepart(SinglePart::plain(mail.body_text.clone()));
            for a in attachments {
                let content_type = ContentType::parse(&a.content_type)
                    .unwrap_or(ContentType::parse("application/octet-stream")?);
                parts = parts.singlepart(
                    MimeAttachment::new(a.filename.clone()).body(a.data.clone(), content_type),
                );
            }
            builder.multipart(parts)?
        };
        match &self.transport {
            Transport::Smtp(t) => {
                t.send(message).await?;
            }
            Transport::Files(t) => {
                t.send(message).await?;
            }
        }
        Ok(())
    }
}

/// Puts a message into the outbox (inside the caller's transaction).
pub async fn enqueue(
    conn: &mut DbConn,
    to_address: &str,
    to_name: &str,
    subject: &str,
    body_text: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<MailId> {
    sqlx::query_scalar(
        r#"
        insert into outbox (to_address, to_name, subject, body_text, created_at, next_attempt_at)
        values ($1, $2, $3, $4, $5, $5)
        returning id
        "#,
    )
    .bind(to_address)
    .bind(to_name)
    .bind(subject)
    .bind(body_text)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
}

/// Puts a message with attachments into the outbox (inside the caller's transaction).
pub async fn enqueue_with(
    conn: &mut DbConn,
    to_address: &str,
    to_name: &str,
    subject: &str,
    body_text: &str,
    attachments: &[Attachment],
    now: DateTime<Utc>,
) -> sqlx::Result<MailId> {
    let id = enqueue(conn, to_address, to_name, subject, body_text, now).await?;
    for a in attachments {
        sqlx::query("insert into outbox_attachments (outbox_id, filename, content_type, data) values ($1, $2, $3, $4)")
            .bind(id)
            .bind(&a.filename)
            .bind(&a.content_type)
            .bind(&a.data)
            .execute(&mut *conn)
            .await?;
    }
    Ok(id)
}

async fn attachments_of(pool: &DbPool, id: MailId) -> sqlx::Result<Vec<Attachment>> {
    sqlx::query_as::<_, Attachment>(
        "select filename, content_type, data from outbox_attachments where outbox_id = $1 order by id",
    )
    .bind(id)
    .fetch_all(pool)
    .await
}

/// Claims the next due message: sets `locked_until` if nobody else holds it. Returns `None` when
/// nothing is due.
async fn claim_next(pool: &DbPool, now: DateTime<Utc>) -> sqlx::Result<Option<OutgoingMail>> {
    loop {
        let candidate: Option<MailId> = sqlx::query_scalar(
            r#"
            select id
            from outbox
            where sent_at is null
              and attempts < $2
              and next_attempt_at <= $1
              and (locked_until is null or locked_until < $1)
            order by next_attempt_at, id
            limit 1
            "#,
        )
        .bind(now)
        .bind(MAX_ATTEMPTS)
        .fetch_optional(pool)
        .await?;
        let Some(id) = candidate else {
            return Ok(None);
        };
        // The guarded update is the claim: only one worker's update matches.
        let claimed = sqlx::query_as::<_, OutgoingMail>(
            r#"
            update outbox
            set locked_until = $2
            where id = $1
              and sent_at is null
              and (locked_until is null or locked_until < $3)
            returning id, to_address, to_name, subject, body_text, attempts
            "#,
        )
        .bind(id)
        .bind(now + Duration::minutes(2))
        .bind(now)
        .fetch_optional(pool)
        .await?;
        if claimed.is_some() {
            return Ok(claimed);
        }
    }
}

async fn mark_sent(pool: &DbPool, id: MailId, now: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query("update outbox set sent_at = $2, locked_until = null, attempts = attempts + 1 where id = $1")
        .bind(id)
        .bind(now)
        .execute(pool)
        .await?;
    Ok(())
}

async fn mark_failed(
    pool: &DbPool,
    mail: &OutgoingMail,
    error: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        r#"
        update outbox
        set attempts = attempts + 1, last_error = $2, next_attempt_at = $3, locked_until = null
        where id = $1
        "#,
    )
    .bind(mail.id)
    .bind(error)
    .bind(now + retry_delay(mail.attempts + 1))
    .execute(pool)
    .await?;
    Ok(())
}

/// Exponential back-off: 30 s, 1 min, 2 min … capped at one hour.
pub fn retry_delay(attempts: i64) -> Duration {
    let exp = attempts.clamp(1, 8) - 1;
    Duration::seconds((30_i64 << exp).min(3600))
}

/// Sends every due message once; returns how many were sent.
pub async fn deliver_due(pool: &DbPool, mailer: &Mailer, clock: &Clock) -> sqlx::Result<usize> {
    let mut sent = 0;
    while let Some(mail) = claim_next(pool, clock.now()).await? {
        let attachments = attachments_of(pool, mail.id).await?;
        match mailer.send(&mail, &attachments).await {
            Ok(()) => {
                mark_sent(pool, mail.id, clock.now()).await?;
                sent += 1;
            }
            Err(e) => {
                tracing::warn!(mail = %mail.id, attempts = mail.attempts + 1, "sending mail failed: {e:#}");
                mark_failed(pool, &mail, &format!("{e:#}"), clock.now()).await?;
            }
        }
    }
    Ok(sent)
}

/// The worker: delivers when woken, and every few seconds for retries and other servers' mail.
pub async fn run_worker(pool: DbPool, mailer: Mailer, clock: Clock) {
    loop {
        if let Err(e) = deliver_due(&pool, &mailer, &clock).await {
            tracing::error!("mail worker: {e}");
        }
        mailer.wake.woken_or(StdDuration::from_secs(5)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_exponentially_up_to_an_hour() {
        assert_eq!(retry_delay(1), Duration::seconds(30));
        assert_eq!(retry_delay(2), Duration::seconds(60));
        assert_eq!(retry_delay(3), Duration::seconds(120));
        assert_eq!(retry_delay(8), Duration::seconds(3600));
        assert_eq!(retry_delay(50), Duration::seconds(3600));
    }
}
