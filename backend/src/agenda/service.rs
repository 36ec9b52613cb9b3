//! Agenda use cases: what visitors see, what organisers change, publishing versions, imports,
//! bookmarks.

use std::collections::HashMap;

use super::model::{
    self, Changes, Frozen, Person, Room, RoomInput, Session, SessionDraft, SessionInput,
    SessionKind, SessionStatus, Track, TrackInput, Warning,
};
use super::{import, notify, queries};
use crate::account::Actor;
use crate::audit;
use crate::db;
use crate::error::{AppError, DbResultExt, FieldErrors, Msg};
use crate::event::{Event, service as events};
use crate::ids::{RoomId, SessionId};
use crate::state::AppState;

/// An event with its agenda, loaded in one go.
#[derive(Debug, Clone)]
pub struct Agenda {
    pub event: Event,
    pub rooms: Vec<Room>,
    pub tracks: Vec<Track>,
    pub sessions: Vec<Session>,
    pub people: Vec<Person>,
}

impl Agenda {
    pub fn room(&self, id: Option<RoomId>) -> Option<&Room> {
        id.and_then(|id| self.rooms.iter().find(|r| r.id == id))
    }

    pub fn track(&self, id: Option<crate::ids::TrackId>) -> Option<&Track> {
        id.and_then(|id| self.tracks.iter().find(|t| t.id == id))
    }

    /// The people of a session. `people` is sorted by session (the query orders it), so this is
    /// a binary search, not a scan: agendas of thousands of sessions render in linear time.
    pub fn people_of(&self, id: SessionId) -> Vec<&Person> {
        let start = self.people.partition_point(|p| p.session_id < id);
        self.people[start..]
            .iter()
            .take_while(|p| p.session_id == id)
            .collect()
    }

    pub fn session(&self, id: SessionId) -> Option<&Session> {
        self.sessions.iter().find(|s| s.id == id)
    }

    /// The clash checks over the organiser's working set (drafts and scheduled sessions).
    pub fn warnings(&self) -> Vec<Warning> {
        model::check_agenda(&self.event, &self.rooms, &self.sessions, &self.people)
    }

    /// Session titles by id (for warning messages), in German.
    pub fn titles(&self) -> HashMap<SessionId, String> {
        self.sessions
            .iter()
            .map(|s| (s.id, s.title_de.clone()))
            .collect()
    }
}

async fn load(state: &AppState, event: Event, public: bool) -> Result<Agenda, AppError> {
    let mut conn = state.db.acquire().await?;
    let rooms = queries::rooms(&mut conn, event.id).await?;
    let tracks = queries::tracks(&mut conn, event.id).await?;
    let sessions = if public {
        queries::public_sessions(&mut conn, event.id).await?
    } else {
        queries::sessions(&mut conn, event.id).await?
    };
    let mut people = queries::people(&mut conn, event.id).await?;
    if public {
        let public: std::collections::HashSet<SessionId> = sessions.iter().map(|s| s.id).collect();
        people.retain(|p| public.contains(&p.session_id));
    }
    Ok(Agenda {
        event,
        rooms,
        tracks,
        sessions,
        people,
    })
}

/// The public agenda of an event: scheduled sessions, and cancelled ones that had been published
/// (drafts, and drafts cancelled before publication, stay private).
pub async fn public(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
) -> Result<Agenda, AppError> {
    let event = events::visible(state, actor, slug).await?;
    load(state, event, true).await
}

/// The public agenda of an event the caller has already found visible (see [`public`]).
pub async fn public_of(state: &AppState, event: Event) -> Result<Agenda, AppError> {
    load(state, event, true).await
}

/// The organiser's agenda: every session, drafts included.
pub async fn for_organiser(
    state: &AppState,
    actor: &Actor,
    slug: &str,
) -> Result<Agenda, AppError> {
    let event = events::for_organiser(state, actor, slug).await?;
    load(state, event, false).await
}

/// One public session of an event, with the event's rooms and tracks and the session's people
/// (not the whole agenda: a session page costs the same for 10 sessions or 2,000).
pub async fn public_session(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    id: SessionId,
) -> Result<(Agenda, Session), AppError> {
    let event = events::visible(state, actor, slug).await?;
    let mut conn = state.db.acquire().await?;
    let session = queries::find_session(&mut conn, event.id, id)
        .await?
        .filter(Session::is_public)
        .ok_or_else(|| AppError::not_found("session-not-found"))?;
    let rooms = queries::rooms(&mut conn, event.id).await?;
    let tracks = queries::tracks(&mut conn, event.id).await?;
    let people = queries::people_of_session(&mut conn, event.id, id).await?;
    let agenda = Agenda {
        event,
        rooms,
        tracks,
        sessions: vec![session.clone()],
        people,
    };
    Ok((agenda, session))
}

// --- rooms and tracks -------------------------------------------------------------------------

/// Adds a room (organisers only).
///
/// # Errors
/// `NotFound`, `Forbidden`, `Invalid` (fields; the event has a room of that name).
pub async fn create_room(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    input: &RoomInput,
) -> Result<RoomId, AppError> {
    let event = events::for_organiser(state, actor, slug).await?;
    let draft = input.parse()?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let id = queries::insert_room(&mut tx, event.id, &draft, now)
        .await
        .on_unique_violation(|| AppError::field("name", "valid-room-name-taken"))?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "agenda.create_room",
        &format!("event:{}", event.id),
        &draft.0,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Changes a room (organisers only).
pub async fn update_room(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    id: RoomId,
    input: &RoomInput,
) -> Result<(), AppError> {
    let event = events::for_organiser(state, actor, slug).await?;
    let draft = input.parse()?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    queries::count_room_rename(&mut tx, event.id, id, &draft.0, now).await?;
    let found = queries::update_room(&mut tx, event.id, id, &draft)
        .await
        .on_unique_violation(|| AppError::field("name", "valid-room-name-taken"))?;
    if !found {
        return Err(AppError::not_found("room-not-found"));
    }
    audit::record(
        &mut tx,
        Some(actor.id),
        "agenda.update_room",
        &format!("room:{id}"),
        &draft.0,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Adds a track (organisers only).
pub async fn create_track(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    input: &TrackInput,
) -> Result<crate::ids::TrackId, AppError> {
    let event = events::for_organiser(state, actor, slug).await?;
    let (de, en) = input.parse()?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let id = queries::insert_track(&mut tx, event.id, &de, &en, now)
        .await
        .on_unique_violation(|| AppError::field("name_de", "valid-track-name-taken"))?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "agenda.create_track",
        &format!("event:{}", event.id),
        &de,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Deletes a room no session uses (organisers only).
///
/// # Errors
/// `NotFound`, `Forbidden`, `Conflict("room-delete-in-use")` with the number of sessions
/// (cancelled ones count: calendars still show where they were).
pub async fn delete_room(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    id: RoomId,
) -> Result<(), AppError> {
    let event = events::for_organiser(state, actor, slug).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    queries::lock_agenda(&mut tx, event.id).await?;
    let room = queries::rooms(&mut tx, event.id)
        .await?
        .into_iter()
        .find(|r| r.id == id)
        .ok_or_else(|| AppError::not_found("room-not-found"))?;
    let used = queries::sessions_using(&mut tx, event.id, Some(id), None).await?;
    if used > 0 {
        return Err(AppError::Conflict(
            Msg::new("room-delete-in-use")
                .arg("room", &room.name)
                .arg("count", used),
        ));
    }
    queries::delete_room(&mut tx, event.id, id).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "agenda.delete_room",
        &format!("room:{id}"),
        &room.name,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes a track no session belongs to (organisers only).
///
/// # Errors
/// `NotFound`, `Forbidden`, `Conflict("track-delete-in-use")` with the number of sessions.
pub async fn delete_track(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    id: crate::ids::TrackId,
) -> Result<(), AppError> {
    let event = events::for_organiser(state, actor, slug).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    queries::lock_agenda(&mut tx, event.id).await?;
    let track = queries::tracks(&mut tx, event.id)
        .await?
        .into_iter()
        .find(|t| t.id == id)
        .ok_or_else(|| AppError::not_found("track-not-found"))?;
    let used = queries::sessions_using(&mut tx, event.id, None, Some(id)).await?;
    if used > 0 {
        return Err(AppError::Conflict(
            Msg::new("track-delete-in-use")
                .arg("track", &track.name_de)
                .arg("count", used),
        ));
    }
    queries::delete_track(&mut tx, event.id, id).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "agenda.delete_track",
        &format!("track:{id}"),
        &track.name_de,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

// --- sessions ----------------------------------------------------------------------------------

/// Deletes a session that was never published (organisers only). A published session is in
/// people's calendars: it is cancelled instead, so that their calendars remove it.
///
/// # Errors
/// `NotFound`, `Forbidden`, `Conflict("session-delete-published")`, or
/// `Conflict("session-delete-in-use")` while bookings, a jury round, a certificate template or
/// a matchmaking session hold on to it.
pub async fn delete_session(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    id: SessionId,
) -> Result<(), AppError> {
    let event = events::for_organiser(state, actor, slug).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    queries::lock_agenda(&mut tx, event.id).await?;
    let session = queries::find_session(&mut tx, event.id, id)
        .await?
        .ok_or_else(|| AppError::not_found("session-not-found"))?;
    if session.published_at.is_some() {
        return Err(AppError::Conflict(Msg::new("session-delete-published")));
    }
    if queries::session_references(&mut tx, id).await? > 0 {
        return Err(AppError::Conflict(Msg::new("session-delete-in-use")));
    }
    queries::delete_session(&mut tx, event.id, id).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "agenda.delete_session",
        &format!("session:{id}"),
        &session.title_de,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Every linked e-mail must belong to an account. Returns the people as the clash checks see
/// them (with their accounts) for session `id`.
async fn check_people(
    state: &AppState,
    id: SessionId,
    draft: &SessionDraft,
) -> Result<Vec<Person>, AppError> {
    let mut conn = state.db.acquire().await?;
    let mut people = Vec::new();
    for (i, p) in draft.people.iter().enumerate() {
        let account_id = match &p.email {
            None => None,
            Some(email) => Some(
                queries::account_by_email(&mut conn, email)
                    .await?
                    .ok_or_else(|| {
                        AppError::Invalid(FieldErrors::one(
                            "people",
                            Msg::new("valid-people-unknown-account").arg("email", email),
                        ))
                    })?,
            ),
        };
        people.push(Person {
            id: crate::ids::PersonId(0),
            session_id: id,
            role: p.role,
            account_id,
            account_email: p.email.clone(),
            name: p.name.clone(),
            organisation: p.organisation.clone(),
            position: i as i64,
        });
    }
    Ok(people)
}

/// The event's agenda as it is inside a write transaction, after [`queries::lock_agenda`]: what
/// a change to public sessions is checked against.
async fn load_locked(conn: &mut crate::db::DbConn, event: &Event) -> Result<Agenda, AppError> {
    queries::lock_agenda(conn, event.id).await?;
    Ok(Agenda {
        event: event.clone(),
        rooms: queries::rooms(conn, event.id).await?,
        tracks: queries::tracks(conn, event.id).await?,
        sessions: queries::sessions(conn, event.id).await?,
        people: queries::people(conn, event.id).await?,
    })
}

/// The clash checks publishing runs, for a change that goes live at once (a scheduled session
/// edited, a cancelled one restored, a scheduled one updated by an import): `after` is the
/// agenda with the change applied; problems that involve one of `changed` refuse the change,
/// naming the first one. Problems elsewhere in the agenda are not this change's doing.
///
/// # Errors
/// `Conflict` with the message of the first problem (e.g. the room used twice and both titles).
fn check_live_change(after: &Agenda, changed: &[SessionId]) -> Result<(), AppError> {
    let titles = after.titles();
    match after
        .warnings()
        .into_iter()
        .find(|w| w.sessions().iter().any(|id| changed.contains(id)))
    {
        Some(w) => Err(AppError::Conflict(w.msg(&titles))),
        None => Ok(()),
    }
}

/// `agenda` with session `id` changed to `draft` and its `people`.
fn with_change(
    mut agenda: Agenda,
    id: SessionId,
    draft: &SessionDraft,
    people: Vec<Person>,
) -> Agenda {
    if let Some(s) = agenda.sessions.iter_mut().find(|s| s.id == id) {
        s.room_id = draft.room_id;
        s.track_id = draft.track_id;
        s.kind = draft.kind;
        s.title_de = draft.title_de.clone();
        s.title_en = draft.title_en.clone();
        s.starts_at = draft.starts_at;
        s.ends_at = draft.ends_at;
    }
    agenda.people.retain(|p| p.session_id != id);
    agenda.people.extend(people);
    agenda
}

/// Adds a session as a draft (organisers only); it becomes public when the agenda is published.
///
/// # Errors
/// `NotFound`, `Forbidden`, `Invalid` (fields; unknown room or track; end before start).
pub async fn create_session(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    input: &SessionInput,
) -> Result<SessionId, AppError> {
    let agenda = for_organiser(state, actor, slug).await?;
    let draft = input.parse(&agenda.event, &agenda.rooms, &agenda.tracks)?;
    check_people(state, SessionId(0), &draft).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let id = queries::insert_session(
        &mut tx,
        agenda.event.id,
        &draft,
        SessionStatus::Draft,
        None,
        now,
    )
    .await?;
    queries::replace_people(&mut tx, id, &draft.people).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "agenda.create_session",
        &format!("session:{id}"),
        &draft.title_de,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Changes a session (organisers only); calendars see the change through a higher SEQUENCE.
///
/// A scheduled session is public, so its change goes live at once: it must pass the clash
/// checks publishing runs (room used twice, a person in two places, outside the event's days or
/// the room's hours), checked under the agenda's lock so that two changes cannot both pass.
///
/// # Errors
/// `NotFound`, `Forbidden`, `Invalid` (fields), `Conflict` naming the clash.
pub async fn update_session(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    id: SessionId,
    input: &SessionInput,
) -> Result<(), AppError> {
    let agenda = for_organiser(state, actor, slug).await?;
    agenda
        .session(id)
        .ok_or_else(|| AppError::not_found("session-not-found"))?;
    let draft = input.parse(&agenda.event, &agenda.rooms, &agenda.tracks)?;
    let people = check_people(state, id, &draft).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let current = load_locked(&mut tx, &agenda.event).await?;
    let status = current
        .session(id)
        .map(|s| s.status)
        .ok_or_else(|| AppError::not_found("session-not-found"))?;
    if status == SessionStatus::Scheduled {
        check_live_change(&with_change(current, id, &draft, people), &[id])?;
    }
    queries::update_session(&mut tx, agenda.event.id, id, &draft, now).await?;
    queries::replace_people(&mut tx, id, &draft.people).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "agenda.update_session",
        &format!("session:{id}"),
        &draft.title_de,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Cancels a session or brings a cancelled one back. Cancelled sessions that were published
/// stay in calendar feeds as cancelled, so calendar apps remove them; a restored published
/// session is public again at once, so it must pass the clash checks like publishing. A session
/// that was never published stays private: cancelled, or back among the drafts when restored
/// (see [`SessionStatus::change_to`]).
///
/// # Errors
/// `NotFound`, `Forbidden`, `Invalid` (unknown status), `Conflict` (transition not allowed, or
/// the clash a restore would cause).
pub async fn set_session_status(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    id: SessionId,
    status: &str,
) -> Result<(), AppError> {
    let agenda = for_organiser(state, actor, slug).await?;
    agenda
        .session(id)
        .ok_or_else(|| AppError::not_found("session-not-found"))?;
    let to = SessionStatus::parse(status)
        .map_err(|m| AppError::Invalid(FieldErrors::one("status", m)))?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let mut current = load_locked(&mut tx, &agenda.event).await?;
    let session = current
        .session(id)
        .cloned()
        .ok_or_else(|| AppError::not_found("session-not-found"))?;
    let to = session
        .status
        .change_to(to, session.published_at.is_some())?;
    if to == session.status {
        return Ok(());
    }
    if to == SessionStatus::Scheduled {
        if let Some(s) = current.sessions.iter_mut().find(|s| s.id == id) {
            s.status = to;
        }
        check_live_change(&current, &[id])?;
    }
    queries::update_session_status(&mut tx, agenda.event.id, id, to, now).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "agenda.session_status",
        &format!("session:{id}"),
        &format!("{} -> {}", session.status.as_str(), to.as_str()),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

// --- publishing --------------------------------------------------------------------------------

fn freeze(agenda: &Agenda) -> Vec<Frozen> {
    agenda
        .sessions
        .iter()
        .filter(|s| s.is_public())
        .map(|s| Frozen {
            id: s.id.0,
            title_de: s.title_de.clone(),
            title_en: s.title_en.clone(),
            starts_at: s.starts_at,
            ends_at: s.ends_at,
            room: agenda
                .room(s.room_id)
                .map(|r| r.name.clone())
                .unwrap_or_default(),
            status: s.status,
        })
        .collect()
}

/// Publishes the agenda: drafts become scheduled and the agenda is frozen as a new version.
/// Refused while the clash checks report anything.
///
/// # Errors
/// `NotFound`, `Forbidden`, `Conflict("agenda-publish-blocked")` with the number of problems.
pub async fn publish(state: &AppState, actor: &Actor, slug: &str) -> Result<i64, AppError> {
    let event = events::for_organiser(state, actor, slug).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    // Checked under the agenda's lock: a change made meanwhile cannot slip past the checks.
    let agenda = load_locked(&mut tx, &event).await?;
    let warnings = agenda.warnings();
    if !warnings.is_empty() {
        return Err(AppError::Conflict(
            Msg::new("agenda-publish-blocked").arg("count", warnings.len()),
        ));
    }
    queries::schedule_drafts(&mut tx, agenda.event.id, now).await?;
    let mut scheduled = agenda.clone();
    for s in &mut scheduled.sessions {
        if s.status == SessionStatus::Draft {
            s.status = SessionStatus::Scheduled;
            s.published_at = Some(now);
        }
    }
    let frozen = freeze(&scheduled);
    let snapshot = serde_json::to_string(&frozen).map_err(anyhow::Error::from)?;
    let previous: Vec<Frozen> = match queries::last_versions(&mut tx, agenda.event.id)
        .await?
        .first()
    {
        Some((_, _, json)) => serde_json::from_str(json).map_err(anyhow::Error::from)?,
        None => Vec::new(),
    };
    let version = agenda.event.agenda_version + 1;
    queries::insert_version(&mut tx, agenda.event.id, version, actor.id, &snapshot, now)
        .await
        .on_unique_violation(|| AppError::Conflict(Msg::new("agenda-published-meanwhile")))?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "agenda.publish",
        &format!("event:{}", agenda.event.id),
        &version.to_string(),
        now,
    )
    .await?;
    // Who follows a session that moved or was cancelled is told, with the version going out.
    let changes = model::diff(&previous, &frozen);
    let mails = notify::changes_published(state, &mut tx, &scheduled, &changes, now).await?;
    tx.commit().await?;
    if mails > 0 {
        state.mailer.wake();
    }
    Ok(version)
}

/// Every published version of the agenda of a visible event, newest first.
pub async fn versions(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
) -> Result<Vec<(i64, chrono::DateTime<chrono::Utc>)>, AppError> {
    let event = events::visible(state, actor, slug).await?;
    let mut conn = state.db.acquire().await?;
    Ok(queries::versions(&mut conn, event.id).await?)
}

/// What changed in the latest published version compared with the one before:
/// (version, published at, changes). `None` before the first publication.
pub async fn latest_changes(
    state: &AppState,
    event: &Event,
) -> Result<Option<(i64, chrono::DateTime<chrono::Utc>, Changes)>, AppError> {
    let mut conn = state.db.acquire().await?;
    let versions = queries::last_versions(&mut conn, event.id).await?;
    let parse = |json: &str| -> Result<Vec<Frozen>, AppError> {
        serde_json::from_str(json).map_err(|e| anyhow::Error::from(e).into())
    };
    match versions.as_slice() {
        [] => Ok(None),
        [(v, at, latest)] => Ok(Some((*v, *at, model::diff(&[], &parse(latest)?)))),
        [(v, at, latest), (_, _, previous), ..] => Ok(Some((
            *v,
            *at,
            model::diff(&parse(previous)?, &parse(latest)?),
        ))),
    }
}

// --- import -------------------------------------------------------------------------------------

/// What an import did.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportSummary {
    /// New sessions (drafts).
    pub created: usize,
    /// Sessions imported before with the same calendar UID, now updated.
    pub updated: usize,
    /// Events left out for a problem (when the organiser chose to skip them), by line.
    pub skipped: Vec<Msg>,
}

/// The largest `.ics` file an import accepts (pages and API).
pub const IMPORT_LIMIT: usize = 1024 * 1024;

/// A problem of an event in an imported file, as a message with its line.
fn import_problem(e: import::ImportError) -> Msg {
    Msg::new(e.code).arg("line", e.line).arg("detail", e.detail)
}

/// Imports sessions from an `.ics` file for the organiser to review. An event whose `UID` was
/// imported before updates that session (times, title, description, room; what the organiser
/// added stays), so importing a file again adds nothing twice; other events become drafts. A
/// location that names no room of the event becomes a new room. An update of a scheduled
/// session goes live at once, so it must pass the clash checks like publishing. Events with a
/// problem refuse the whole file, each named with its line, unless `skip_invalid`: then the
/// others go in and the summary names the skipped ones. Either way all or nothing in the
/// database.
///
/// # Errors
/// `NotFound`, `Forbidden`, `Invalid` on field `file` (the file's problem, or one message per
/// event with a problem, after a first one that counts them), `Conflict` naming the clash an
/// update of a scheduled session would cause.
pub async fn import_ics(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    text: &str,
    skip_invalid: bool,
) -> Result<ImportSummary, AppError> {
    let event = events::for_organiser(state, actor, slug).await?;
    let kind = SessionKind::Talk;
    let parsed = import::parse_agenda(text, event.tz(), kind.default_length())
        .map_err(|e| AppError::Invalid(FieldErrors::one("file", import_problem(e))))?;
    let skipped: Vec<Msg> = parsed.problems.into_iter().map(import_problem).collect();
    if !skipped.is_empty() && !skip_invalid {
        let mut errors = FieldErrors::one(
            "file",
            Msg::new("import-refused").arg("count", skipped.len()),
        );
        for m in skipped {
            errors.add_msg("file", m);
        }
        return Err(AppError::Invalid(errors));
    }
    let imported = parsed.sessions;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let mut agenda = load_locked(&mut tx, &event).await?;
    let known: HashMap<String, SessionId> = queries::imported_uids(&mut tx, event.id)
        .await?
        .into_iter()
        .collect();
    let mut rooms: HashMap<String, RoomId> = agenda
        .rooms
        .iter()
        .map(|r| (r.name.to_lowercase(), r.id))
        .collect();
    let mut summary = ImportSummary {
        skipped,
        ..ImportSummary::default()
    };
    let mut live_changes = Vec::new();
    for item in &imported {
        let room_id = match item.location.trim() {
            "" => None,
            location => {
                let name: String = location.chars().take(80).collect();
                match rooms.get(&name.to_lowercase()) {
                    Some(id) => Some(*id),
                    None => {
                        let id = queries::insert_room(
                            &mut tx,
                            event.id,
                            &(name.clone(), None, None, None),
                            now,
                        )
                        .await?;
                        rooms.insert(name.to_lowercase(), id);
                        agenda.rooms.push(Room {
                            id,
                            event_id: event.id,
                            name,
                            capacity: None,
                            position: 0,
                            available_from: None,
                            available_until: None,
                        });
                        Some(id)
                    }
                }
            }
        };
        let draft = SessionDraft {
            kind,
            title_de: item.title.chars().take(200).collect(),
            title_en: String::new(),
            description_de: item.description.clone(),
            description_en: String::new(),
            starts_at: item.starts_at,
            ends_at: item.ends_at,
            room_id,
            track_id: None,
            capacity: None,
            requires_signup: false,
            people: Vec::new(),
        };
        let uid = item
            .uid
            .as_deref()
            .map(|u| u.chars().take(500).collect::<String>());
        match uid.as_ref().and_then(|u| known.get(u)) {
            Some(&id) => {
                queries::update_from_import(&mut tx, event.id, id, &draft, now).await?;
                if let Some(s) = agenda.sessions.iter_mut().find(|s| s.id == id) {
                    s.room_id = draft.room_id;
                    s.title_de = draft.title_de.clone();
                    s.starts_at = draft.starts_at;
                    s.ends_at = draft.ends_at;
                    if s.status == SessionStatus::Scheduled {
                        live_changes.push(id);
                    }
                }
                summary.updated += 1;
            }
            None => {
                queries::insert_session(
                    &mut tx,
                    event.id,
                    &draft,
                    SessionStatus::Draft,
                    uid.as_deref(),
                    now,
                )
                .await?;
                summary.created += 1;
            }
        }
    }
    if !live_changes.is_empty() {
        check_live_change(&agenda, &live_changes)?;
    }
    audit::record(
        &mut tx,
        Some(actor.id),
        "agenda.import",
        &format!("event:{}", event.id),
        &format!(
            "{} new, {} updated, {} skipped",
            summary.created,
            summary.updated,
            summary.skipped.len()
        ),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(summary)
}

// --- bookmarks ----------------------------------------------------------------------------------

/// The ids of the sessions of `event` that `actor` bookmarked.
pub async fn bookmarks(
    state: &AppState,
    actor: &Actor,
    event: &Event,
) -> Result<Vec<SessionId>, AppError> {
    let mut conn = state.db.acquire().await?;
    Ok(queries::bookmarked_ids(&mut conn, event.id, actor.id).await?)
}

/// Adds (`on`) or removes a bookmark on a public session.
///
/// # Errors
/// `NotFound` (event or session not public).
pub async fn set_bookmark(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    id: SessionId,
    on: bool,
) -> Result<(), AppError> {
    let (_, session) = public_session(state, Some(actor), slug, id).await?;
    let mut conn = state.db.acquire().await?;
    if on {
        queries::add_bookmark(&mut conn, actor.id, session.id, state.clock.now()).await?;
    } else {
        queries::remove_bookmark(&mut conn, actor.id, session.id).await?;
    }
    Ok(())
}

/// The sessions an account bookmarked, grouped by event (each with its rooms and people), in
/// time order: for the person's own agenda page and calendar feed.
pub async fn bookmarked_by(
    state: &AppState,
    account: crate::ids::AccountId,
) -> Result<Vec<(Agenda, Vec<Session>)>, AppError> {
    let mut conn = state.db.acquire().await?;
    let sessions = queries::bookmarked_sessions(&mut conn, account).await?;
    let mut out: Vec<(Agenda, Vec<Session>)> = Vec::new();
    for s in sessions {
        if let Some((_, list)) = out.iter_mut().find(|(a, _)| a.event.id == s.event_id) {
            list.push(s);
            continue;
        }
        let Some(event) = crate::event::queries::find(&mut conn, s.event_id).await? else {
            continue;
        };
        let rooms = queries::rooms(&mut conn, event.id).await?;
        let tracks = queries::tracks(&mut conn, event.id).await?;
        let people = queries::people(&mut conn, event.id).await?;
        out.push((
            Agenda {
                event,
                rooms,
                tracks,
                sessions: Vec::new(),
                people,
            },
            vec![s],
        ));
    }
    Ok(out)
}

/// Every session of an event in agenda order, cancelled ones included (for other modules'
/// forms, e.g. the pitching session of a jury round).
pub async fn sessions_of(
    state: &AppState,
    event_id: crate::ids::EventId,
) -> Result<Vec<Session>, AppError> {
    let mut conn = state.db.acquire().await?;
    Ok(queries::sessions(&mut conn, event_id).await?)
}

/// One session of an event, whatever its status.
pub async fn session_of(
    state: &AppState,
    event_id: crate::ids::EventId,
    id: SessionId,
) -> Result<Option<Session>, AppError> {
    let mut conn = state.db.acquire().await?;
    Ok(queries::find_session(&mut conn, event_id, id).await?)
}
