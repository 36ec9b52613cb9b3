//! Calendar feeds: which items go into which feed, and the personal feed links.

use chrono::{DateTime, Utc};
use convene_frontend::Lang;

use super::render::{self, Item};
use crate::account::Actor;
use crate::agenda::service::{self as agenda, Agenda};
use crate::agenda::{Session, SessionStatus};
use crate::db::DbConn;
use crate::error::AppError;
use crate::event::Event;
use crate::ids::{AccountId, SessionId};
use crate::state::AppState;

/// A feed ready to render: its items are built, the text is not. The ETag comes from the items,
/// so a client that has the current version gets its 304 without the feed being rendered.
pub struct Feed {
    pub filename: String,
    pub name: String,
    pub items: Vec<Item>,
    pub modified: DateTime<Utc>,
}

impl Feed {
    /// A strong validator for the feed's content: a hash over everything the text shows.
    /// (`DefaultHasher::new` uses fixed keys, so every server running the same build agrees.)
    pub fn etag(&self) -> String {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (&self.name, self.modified).hash(&mut h);
        for i in &self.items {
            (
                &i.uid,
                i.sequence,
                i.starts_at,
                i.ends_at,
                &i.summary,
                &i.description,
                &i.location,
                &i.url,
                i.cancelled,
                i.last_modified,
            )
                .hash(&mut h);
        }
        format!("\"{:016x}-{}\"", h.finish(), self.items.len())
    }

    /// The iCalendar text.
    pub fn render(&self) -> String {
        render::calendar(&self.name, &self.items, self.modified)
    }
}

/// The stable UID of an agenda session in every feed.
pub fn session_uid(state: &AppState, id: SessionId) -> String {
    format!("session-{id}@{}", state.config.uid_host())
}

/// A session as a calendar item: in the agenda feed, the session's own `.ics`, the personal feed
/// and the change mails.
pub fn session_item(state: &AppState, agenda: &Agenda, s: &Session, lang: Lang) -> Item {
    let people: Vec<String> = agenda
        .people_of(s.id)
        .iter()
        .map(|p| {
            if p.organisation.is_empty() {
                p.name.clone()
            } else {
                format!("{} ({})", p.name, p.organisation)
            }
        })
        .collect();
    let mut description = s.description(lang).to_string();
    if !people.is_empty() {
        if !description.is_empty() {
            description.push_str("\n\n");
        }
        description.push_str(&people.join(", "));
    }
    let event = &agenda.event;
    let room = agenda
        .room(s.room_id)
        .map(|r| r.name.as_str())
        .unwrap_or("");
    Item {
        uid: session_uid(state, s.id),
        // A new venue, address or room name is a new location for every session: it raises
        // SEQUENCE (and LAST-MODIFIED) as a change of the session itself does.
        sequence: u32::try_from(s.sequence + event.location_version).unwrap_or(0),
        starts_at: s.starts_at,
        ends_at: s.ends_at,
        summary: s.title(lang).to_string(),
        description,
        location: render::place(&[room, &event.venue, &event.address]),
        url: state
            .config
            .url(&format!("/events/{}/sessions/{}", event.slug, s.id)),
        cancelled: s.status == SessionStatus::Cancelled,
        last_modified: s.updated_at.max(event.updated_at),
    }
}

fn modified<'a>(agenda: &Agenda, sessions: impl Iterator<Item = &'a Session>) -> DateTime<Utc> {
    sessions
        .map(|s| s.updated_at)
        .fold(agenda.event.updated_at, DateTime::max)
}

/// The whole public agenda of an event.
/// The caller has found the event visible.
pub async fn agenda_feed_of(state: &AppState, event: Event, lang: Lang) -> Result<Feed, AppError> {
    let agenda = agenda::public_of(state, event).await?;
    let items: Vec<Item> = agenda
        .sessions
        .iter()
        .map(|s| session_item(state, &agenda, s, lang))
        .collect();
    let modified = modified(&agenda, agenda.sessions.iter());
    Ok(Feed {
        filename: format!("{}.ics", agenda.event.slug),
        name: agenda.event.title(lang).to_string(),
        items,
        modified,
    })
}

/// One public session.
pub async fn session_feed(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    id: SessionId,
    lang: Lang,
) -> Result<Feed, AppError> {
    let (agenda, session) = agenda::public_session(state, actor, slug, id).await?;
    let modified = modified(&agenda, std::iter::once(&session));
    Ok(Feed {
        filename: format!("{}-{}.ics", agenda.event.slug, session.id),
        name: agenda.event.title(lang).to_string(),
        items: vec![session_item(state, &agenda, &session, lang)],
        modified,
    })
}

async fn token_of(conn: &mut DbConn, account: AccountId) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("select token from calendar_feeds where account_id = $1")
        .bind(account)
        .fetch_optional(&mut *conn)
        .await
}

/// The secret of the actor's personal feed link, created on first use.
pub async fn feed_token(state: &AppState, actor: &Actor) -> Result<String, AppError> {
    let mut conn = state.db.acquire().await?;
    if let Some(token) = token_of(&mut conn, actor.id).await? {
        return Ok(token);
    }
    let token = crate::token::random();
    sqlx::query("insert into calendar_feeds (account_id, token, created_at) values ($1, $2, $3) on conflict (account_id) do nothing")
        .bind(actor.id)
        .bind(&token)
        .bind(state.clock.now())
        .execute(&mut *conn)
        .await?;
    // A concurrent request may have won; whichever row exists is the link.
    Ok(token_of(&mut conn, actor.id).await?.unwrap_or(token))
}

/// Replaces the actor's feed link; the old link stops working at once.
pub async fn regenerate_token(state: &AppState, actor: &Actor) -> Result<String, AppError> {
    let token = crate::token::random();
    let now = state.clock.now();
    let mut tx = crate::db::begin_write(&state.db).await?;
    sqlx::query("delete from calendar_feeds where account_id = $1")
        .bind(actor.id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("insert into calendar_feeds (account_id, token, created_at) values ($1, $2, $3)")
        .bind(actor.id)
        .bind(&token)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    crate::audit::record(
        &mut tx,
        Some(actor.id),
        "calendar.regenerate",
        &format!("account:{}", actor.id),
        "",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// The personal feed behind a link: the events the person has a place at, their bookmarked
/// sessions of every public event, the deadlines of their calls, the rounds they judge and their
/// matchmaking meetings.
///
/// # Errors
/// `NotFound` for an unknown or revoked link.
pub async fn personal_feed(state: &AppState, token: &str) -> Result<Feed, AppError> {
    let mut conn = state.db.acquire().await?;
    let row: Option<(AccountId, String, String, DateTime<Utc>)> = sqlx::query_as(
        "select f.account_id, a.language, a.email, f.created_at from calendar_feeds f join accounts a on a.id = f.account_id where f.token = $1",
    )
    .bind(token)
    .fetch_optional(&mut *conn)
    .await?;
    let (account, language, email, created_at) =
        row.ok_or_else(|| AppError::not_found("calendar-feed-not-found"))?;
    let lang = Lang::from_code(&language).unwrap_or_default();
    let t = lang.tr();
    let host = state.config.uid_host();
    let mut items = Vec::new();
    // An empty feed was last modified when its link was made (never before 1970: HTTP dates
    // cannot say so).
    let mut modified = created_at;
    // The events the person has a place at (a cancelled place stays, as cancelled).
    for (event_id, status, updated_at) in
        crate::registration::queries::places_of(&mut conn, account).await?
    {
        let Some(event) = crate::event::queries::find(&mut conn, event_id).await? else {
            continue;
        };
        if event.status == crate::event::EventStatus::Draft {
            continue;
        }
        let bounds = crate::agenda::queries::scheduled_bounds(&mut conn, event.id).await?;
        let url = state.config.url(&format!("/events/{}", event.slug));
        let mut item = render::event_item(&event, lang, bounds, &host, url);
        item.cancelled = status == "cancelled";
        item.last_modified = item.last_modified.max(updated_at);
        modified = modified.max(item.last_modified);
        items.push(item);
    }
    // The rounds the person judges: from opening to closing.
    for d in crate::jury::queries::duties_of(&mut conn, account).await? {
        let round = crate::event::model::pick(lang, &d.round_de, &d.round_en);
        let call = crate::event::model::pick(lang, &d.call_de, &d.call_en);
        let closes = d.closed_at.map_or(d.closes_at, |c| c.min(d.closes_at));
        items.push(Item {
            uid: format!("jury-round-{}@{host}", d.round_id),
            // Minutes since the epoch at the last change: rises with every change of the round.
            sequence: u32::try_from(d.updated_at.timestamp() / 60).unwrap_or(0),
            starts_at: d.opens_at,
            ends_at: closes.max(d.opens_at),
            summary: t.msg_args(
                "calendar-jury-round",
                &[("round", round.to_string()), ("call", call.to_string())],
            ),
            description: t.msg("calendar-jury-round-description"),
            location: String::new(),
            url: state.config.url(&format!("/jury/rounds/{}", d.round_id)),
            cancelled: false,
            last_modified: d.updated_at,
        });
        modified = modified.max(d.updated_at);
    }
    let deadlines = crate::call::queries::deadlines_of(&mut conn, account, &email).await?;
    drop(conn);
    for (agenda, sessions) in agenda::bookmarked_by(state, account).await? {
        for s in &sessions {
            items.push(session_item(state, &agenda, s, lang));
            modified = modified.max(s.updated_at).max(agenda.event.updated_at);
        }
    }
    // The deadlines of calls the person has a draft or submitted entry in.
    for (slug, title_de, title_en, deadline, updated_at) in deadlines {
        let title = crate::event::model::pick(lang, &title_de, &title_en);
        let url = state.config.url(&format!("/calls/{slug}"));
        items.push(Item {
            uid: format!("call-{slug}-deadline@{host}"),
            // Minutes since the epoch at the last change: rises with every change of the call.
            sequence: u32::try_from(updated_at.timestamp() / 60).unwrap_or(0),
            starts_at: deadline - chrono::Duration::minutes(15),
            ends_at: deadline,
            summary: t.msg_args("calendar-call-deadline", &[("call", title.to_string())]),
            description: t.msg("calendar-call-deadline-description"),
            location: String::new(),
            url,
            cancelled: false,
            last_modified: updated_at,
        });
        modified = modified.max(updated_at);
    }
    // The person's matchmaking meetings (cancelled ones stay, so calendar apps drop them).
    for m in crate::matchmaking::service::feed_items(state, account, lang).await? {
        modified = modified.max(m.last_modified);
        items.push(m);
    }
    Ok(Feed {
        filename: "convene.ics".into(),
        name: lang.tr().msg("calendar-personal-name"),
        items,
        modified,
    })
}
