//! Outgoing e-mail. Every message is a row in `outbox` first (written in the same transaction as
//! the change that caused it), then a worker sends it with retries: over SMTP when
//! `CONVENE_SMTP_URL` is set, else as `.eml` files into `<data dir>/mail/`.
//!
//! Several app servers may run workers on one database: a worker claims a row by setting
//! `locked_until` with a guarded update, so a message is sent by one of them only.
//!
//! Every mail is `MIME-Version: 1.0` multipart/alternative (the text and a plain HTML form of
//! it, in the recipient's language) with a `Date` and a Message-ID stored when it was queued, so
//! a re-send after a crash is recognisably the same message ([`deliver_due`] says when that
//! happens).

use std::time::Duration as StdDuration;

use anyhow::Context;
use chrono::{DateTime, Duration, Utc};
use lettre::message::{Attachment as MimeAttachment, Mailbox, MultiPart, header::ContentType};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use convene_frontend::Lang;

use crate::clock::Clock;
use crate::config::Config;
use crate::db::{DbConn, DbPool};
use crate::ids::MailId;
use crate::state::Wake;

/// After this many failed attempts a message is given up (its row stays, with the last error).
pub const MAX_ATTEMPTS: i64 = 8;

/// A message to put into the outbox.
#[derive(Debug, Clone, Copy)]
pub struct NewMail<'a> {
    pub to_address: &'a str,
    pub to_name: &'a str,
    /// The recipient's language: the text is written in it, and the HTML part says so.
    pub lang: Lang,
    pub subject: &'a str,
    /// The plain text; the HTML part is made from it when the mail is sent ([`html_body`]).
    pub body_text: &'a str,
    pub attachments: &'a [Attachment],
}

/// A message waiting in the outbox, as a worker claimed it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OutgoingMail {
    pub id: MailId,
    pub to_address: String,
    pub to_name: String,
    pub subject: String,
    pub body_text: String,
    pub attempts: i64,
    /// `None` only for rows queued before Message-IDs were stored; [`claim_next`] fills it in.
    pub message_id: Option<String>,
    pub lang: String,
    /// When the mail was queued: its `Date`, the same on every attempt.
    pub created_at: DateTime<Utc>,
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
    /// The domain of Message-IDs made for rows that have none yet (the base URL's host).
    host: String,
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
            host: config.uid_host(),
            wake: Wake::default(),
        })
    }

    /// Tells the worker that new mail is waiting (call after the enqueuing transaction commits).
    pub fn wake(&self) {
        self.wake.wake();
    }

    /// Builds the message of a claimed row: `MIME-Version: 1.0`, `Date` (when it was queued),
    /// the stored Message-ID, and a multipart/alternative of the text and its HTML form, inside a
    /// multipart/mixed when files go along.
    fn message(&self, mail: &OutgoingMail, attachments: &[Attachment]) -> anyhow::Result<Message> {
        let to = Mailbox::new(
            Some(mail.to_name.clone()).filter(|n| !n.is_empty()),
            mail.to_address
                .parse()
                .context("invalid recipient address")?,
        );
        let message_id = mail
            .message_id
            .clone()
            .context("the mail has no Message-ID (it was not claimed)")?;
        let lang = Lang::from_code(&mail.lang).unwrap_or_default();
        let builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.clone())
            .date(mail.created_at.into())
            .message_id(Some(message_id));
        let alternative = MultiPart::alternative_plain_html(
            mail.body_text.clone(),
            html_body(lang, &mail.subject, &mail.body_text),
        );
        // `multipart` sets `MIME-Version: 1.0` itself.
        let message = if attachments.is_empty() {
            builder.multipart(alternative)?
        } else {
            let mut parts = MultiPart::mixed().multipart(alternative);
            for a in attachments {
                let content_type = ContentType::parse(&a.content_type)
                    .unwrap_or(ContentType::parse("application/octet-stream")?);
                parts = parts.singlepart(
                    MimeAttachment::new(a.filename.clone()).body(a.data.clone(), content_type),
                );
            }
            builder.multipart(parts)?
        };
        Ok(message)
    }
}

/// A Message-ID for outbox row `id`: `<id.random@host>`. The random part keeps ids unique
/// across databases (a restored backup, a second installation on the same host).
fn new_message_id(id: MailId, host: &str) -> String {
    format!("<{id}.{}@{host}>", uuid::Uuid::new_v4().simple())
}

/// Puts a message into the outbox (inside the caller's transaction), with the Message-ID every
/// attempt to send it will carry.
pub async fn enqueue(
    conn: &mut DbConn,
    config: &Config,
    mail: NewMail<'_>,
    now: DateTime<Utc>,
) -> sqlx::Result<MailId> {
    let id: MailId = sqlx::query_scalar(
        r#"
        insert into outbox (to_address, to_name, subject, body_text, lang, created_at, next_attempt_at)
        values ($1, $2, $3, $4, $5, $6, $6)
        returning id
        "#,
    )
    .bind(mail.to_address)
    .bind(mail.to_name)
    .bind(mail.subject)
    .bind(mail.body_text)
    .bind(mail.lang.code())
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    // The id is part of the Message-ID, so it is written once the row has its id.
    sqlx::query("update outbox set message_id = $2 where id = $1")
        .bind(id)
        .bind(new_message_id(id, &config.uid_host()))
        .execute(&mut *conn)
        .await?;
    for a in mail.attachments {
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

/// Claims the next due message and marks it as being sent: sets `locked_until` (if nobody else
/// holds it) and `sending_at`. Returns `None` when nothing is due.
///
/// A row whose worker stopped between this claim and [`mark_sent`] is claimed again once its
/// lock has passed; that interrupted attempt counts as one, so a mail that kills its worker
/// is given up after [`MAX_ATTEMPTS`] like any other.
pub async fn claim_next(
    pool: &DbPool,
    mailer: &Mailer,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<OutgoingMail>> {
    loop {
        let candidate: Option<(MailId, Option<String>)> = sqlx::query_as(
            r#"
            select id, message_id
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
        let Some((id, message_id)) = candidate else {
            return Ok(None);
        };
        // The guarded update is the claim: only one worker's update matches. Rows queued
        // before Message-IDs were stored get theirs here, once (`coalesce`).
        let claimed = sqlx::query_as::<_, OutgoingMail>(
            r#"
            update outbox
            set locked_until = $2,
                attempts = attempts + case when sending_at is null then 0 else 1 end,
                sending_at = $3,
                message_id = coalesce(message_id, $4)
            where id = $1
              and sent_at is null
              and (locked_until is null or locked_until < $3)
            returning id, to_address, to_name, subject, body_text, attempts, message_id, lang,
                      created_at
            "#,
        )
        .bind(id)
        .bind(now + Duration::minutes(2))
        .bind(now)
        .bind(message_id.unwrap_or_else(|| new_message_id(id, &mailer.host)))
        .fetch_optional(pool)
        .await?;
        if claimed.is_some() {
            return Ok(claimed);
        }
    }
}

/// The SMTP transaction (or the `.eml` file) for a claimed row; records nothing. The worker
/// calls [`claim_next`], this, then marks the row sent or failed.
pub async fn transmit(pool: &DbPool, mailer: &Mailer, mail: &OutgoingMail) -> anyhow::Result<()> {
    let attachments = attachments_of(pool, mail.id).await?;
    let message = mailer.message(mail, &attachments)?;
    match &mailer.transport {
        Transport::Smtp(t) => {
            t.send(message).await?;
        }
        Transport::Files(t) => {
            t.send(message).await?;
        }
    }
    Ok(())
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
    // The SMTP server refused or could not be reached: nothing was delivered, so `sending_at`
    // is cleared and the next claim does not count an interrupted attempt on top.
    sqlx::query(
        r#"
        update outbox
        set attempts = attempts + 1, last_error = $2, next_attempt_at = $3, locked_until = null,
            sending_at = null
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
///
/// Idempotent as far as SMTP allows: a row is marked as being sent ([`claim_next`]) before the
/// SMTP transaction and as sent right after the server's final `250`. What remains is the window
/// between that `250` and the `mark_sent` commit (the process dies, the database is away, or the
/// `250` itself is lost on the network): the row is then sent again after its lock passes. The
/// re-send carries the same Message-ID and `Date`, so a deduplicating MTA or mail client drops
/// it; SMTP has no way to ask a server whether it already took a message, so this window cannot
/// be closed from our side.
pub async fn deliver_due(pool: &DbPool, mailer: &Mailer, clock: &Clock) -> sqlx::Result<usize> {
    let mut sent = 0;
    while let Some(mail) = claim_next(pool, mailer, clock.now()).await? {
        match transmit(pool, mailer, &mail).await {
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

/// The HTML part of a mail, made from its text: a plain, accessible page in the recipient's
/// language (`<html lang>`, a `<title>`, no layout tables, no images), the text escaped, blank
/// lines as paragraphs, line breaks kept, and every `http(s)://` address a link.
pub fn html_body(lang: Lang, subject: &str, text: &str) -> String {
    let mut html = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n</head>\n\
         <body style=\"font-family: sans-serif; font-size: 16px; line-height: 1.5; color: #0b0c0c; background: #ffffff; max-width: 40em; margin: 0 auto; padding: 1em;\">\n",
        lang.code(),
        convene_frontend::escape_html(subject)
    );
    let text = text.replace("\r\n", "\n");
    for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        let lines: Vec<String> = paragraph.lines().map(linkify).collect();
        html.push_str("<p>");
        html.push_str(&lines.join("<br>\n"));
        html.push_str("</p>\n");
    }
    html.push_str("</body>\n</html>\n");
    html
}

/// One line of text as HTML: escaped, with its web addresses as links.
fn linkify(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(start) = ["https://", "http://"]
        .iter()
        .filter_map(|scheme| rest.find(scheme))
        .min()
    {
        out.push_str(&convene_frontend::escape_html(&rest[..start]));
        let after = &rest[start..];
        let end = after
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"'))
            .unwrap_or(after.len());
        // Punctuation that ends a sentence is not part of the address.
        let url = after[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
        out.push_str(&format!(
            "<a href=\"{0}\">{0}</a>",
            convene_frontend::escape_html(url)
        ));
        rest = &after[url.len()..];
    }
    out.push_str(&convene_frontend::escape_html(rest));
    out
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
