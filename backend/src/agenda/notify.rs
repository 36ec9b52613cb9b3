//! Telling the people who follow a session that it changed: when a version of the agenda is
//! published, everybody who bookmarked or booked a session that moved (new time or room) or was
//! cancelled since the version before gets one e-mail in their language, listing their sessions'
//! changes, with the updated sessions as an `.ics` file their calendar app applies (same UID,
//! higher SEQUENCE, `STATUS:CANCELLED` for a cancelled one).

use std::collections::BTreeMap;

use convene_frontend::Lang;

use super::model::{Changes, Frozen};
use super::service::Agenda;
use crate::db::DbConn;
use crate::error::AppError;
use crate::http::fmt;
use crate::ids::{AccountId, SessionId};
use crate::mail::Attachment;
use crate::state::AppState;

/// A person to tell, with the sessions of theirs that changed.
#[derive(Debug, sqlx::FromRow)]
struct Follower {
    account_id: AccountId,
    email: String,
    name: String,
    language: String,
    session_id: SessionId,
}

/// The people who bookmarked, or hold or wait for a place in, one of `sessions`.
async fn followers(conn: &mut DbConn, sessions: &[i64]) -> sqlx::Result<Vec<Follower>> {
    let mut out = Vec::new();
    for id in sessions {
        let rows: Vec<Follower> = sqlx::query_as(
            "select a.id as account_id, a.email, a.name, a.language, $1 as session_id from accounts a \
             where a.id in (select account_id from bookmarks where session_id = $1) \
                or a.id in (select account_id from session_bookings \
                            where session_id = $1 and status in ('confirmed', 'waitlisted', 'offered'))",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
        out.extend(rows);
    }
    Ok(out)
}

/// One line of the mail: what became of a session.
fn line(lang: Lang, tz: chrono_tz::Tz, before: &Frozen, after: Option<&Frozen>) -> String {
    let t = lang.tr();
    let title = crate::event::model::pick(lang, &before.title_de, &before.title_en).to_string();
    match after {
        Some(f) => {
            let when = fmt::when(lang, tz, f.starts_at, f.ends_at);
            let place = if f.room.is_empty() {
                when
            } else {
                format!("{when}, {}", f.room)
            };
            t.msg_args(
                "mail-agenda-moved-line",
                &[
                    ("title", title),
                    ("was", fmt::when(lang, tz, before.starts_at, before.ends_at)),
                    ("now", place),
                ],
            )
        }
        None => t.msg_args(
            "mail-agenda-cancelled-line",
            &[
                ("title", title),
                ("was", fmt::when(lang, tz, before.starts_at, before.ends_at)),
            ],
        ),
    }
}

/// Queues the mails for `changes` (inside the publishing transaction, so they go out exactly
/// when the version is public). `agenda` holds the sessions as published now. Returns the
/// number of mails queued.
pub async fn changes_published(
    state: &AppState,
    conn: &mut DbConn,
    agenda: &Agenda,
    changes: &Changes,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<usize, AppError> {
    // Session id → (as it was, as it is now; `None` when cancelled).
    let mut changed: BTreeMap<i64, (&Frozen, Option<&Frozen>)> = BTreeMap::new();
    for (before, after) in &changes.moved {
        changed.insert(before.id, (before, Some(after)));
    }
    for before in &changes.cancelled {
        changed.insert(before.id, (before, None));
    }
    if changed.is_empty() {
        return Ok(0);
    }
    let ids: Vec<i64> = changed.keys().copied().collect();
    let mut people: BTreeMap<AccountId, (Follower, Vec<SessionId>)> = BTreeMap::new();
    for f in followers(conn, &ids).await? {
        let session = f.session_id;
        people
            .entry(f.account_id)
            .or_insert_with(|| (f, Vec::new()))
            .1
            .push(session);
    }
    let event = &agenda.event;
    let tz = event.tz();
    let mut sent = 0;
    for (person, sessions) in people.values() {
        let lang = Lang::from_code(&person.language).unwrap_or_default();
        let title = event.title(lang).to_string();
        let mut lines = Vec::new();
        let mut items = Vec::new();
        for id in sessions {
            let (before, after) = changed[&id.0];
            lines.push(format!("– {}", line(lang, tz, before, after)));
            if let Some(s) = agenda.session(*id) {
                items.push(crate::calendar::service::session_item(
                    state, agenda, s, lang,
                ));
            }
        }
        let link = state.config.url(&format!("/events/{}/agenda", event.slug));
        let values = [
            ("name", person.name.clone()),
            ("event", title.clone()),
            ("changes", lines.join("\n")),
            ("link", link),
        ];
        let letter = crate::mail_template::service::compose(
            conn,
            crate::mail_template::service::Sender::Event(event.id),
            &crate::mail_template::model::SESSIONS_CHANGED,
            lang,
            &values,
        )
        .await?;
        let attachments = if items.is_empty() {
            Vec::new()
        } else {
            vec![Attachment {
                filename: format!("{}-changes.ics", event.slug),
                content_type: "text/calendar; charset=utf-8; method=PUBLISH".into(),
                data: crate::calendar::render::calendar(&title, &items, now).into_bytes(),
            }]
        };
        crate::mail::enqueue(
            conn,
            &state.config,
            crate::mail::NewMail {
                to_address: &person.email,
                to_name: &person.name,
                lang,
                subject: &letter.subject,
                body_text: &letter.body,
                attachments: &attachments,
            },
            now,
        )
        .await?;
        sent += 1;
    }
    Ok(sent)
}
