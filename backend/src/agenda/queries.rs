//! SQL for rooms, tracks, sessions, their people, agenda versions and bookmarks. Every query
//! names its event.

use chrono::{DateTime, Utc};

use super::model::{
    Person, PersonLine, Room, RoomDraft, Session, SessionDraft, SessionStatus, Track,
};
use crate::db::DbConn;
use crate::ids::{AccountId, EventId, RoomId, SessionId, TrackId};

// --- rooms and tracks ---------------------------------------------------------------------

pub async fn rooms(conn: &mut DbConn, event_id: EventId) -> sqlx::Result<Vec<Room>> {
    sqlx::query_as::<_, Room>(
        "select id, event_id, name, capacity, position, available_from, available_until from rooms where event_id = $1 order by position, id",
    )
    .bind(event_id)
    .fetch_all(&mut *conn)
    .await
}

/// Inserts a room at the end. Unique violation: name taken in this event.
pub async fn insert_room(
    conn: &mut DbConn,
    event_id: EventId,
    r: &RoomDraft,
    now: DateTime<Utc>,
) -> sqlx::Result<RoomId> {
    sqlx::query_scalar(
        r#"
        insert into rooms (event_id, name, capacity, position, available_from, available_until, created_at)
        values ($1, $2, $3, (select coalesce(max(position), 0) + 1 from rooms where event_id = $1), $4, $5, $6)
        returning id
        "#,
    )
    .bind(event_id)
    .bind(&r.0)
    .bind(r.1)
    .bind(&r.2)
    .bind(&r.3)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
}

/// Counts a new name of a room as a change of location of the event's sessions (before the
/// room is updated; nothing when the name stays).
pub async fn count_room_rename(
    conn: &mut DbConn,
    event_id: EventId,
    id: RoomId,
    name: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "update events set location_version = location_version + 1, updated_at = $4 \
         where id = $1 and exists (select 1 from rooms where event_id = $1 and id = $2 and name <> $3)",
    )
    .bind(event_id)
    .bind(id)
    .bind(name)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn update_room(
    conn: &mut DbConn,
    event_id: EventId,
    id: RoomId,
    r: &RoomDraft,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "update rooms set name = $3, capacity = $4, available_from = $5, available_until = $6 where event_id = $1 and id = $2",
    )
    .bind(event_id)
    .bind(id)
    .bind(&r.0)
    .bind(r.1)
    .bind(&r.2)
    .bind(&r.3)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn tracks(conn: &mut DbConn, event_id: EventId) -> sqlx::Result<Vec<Track>> {
    sqlx::query_as::<_, Track>("select id, event_id, name_de, name_en, position from tracks where event_id = $1 order by position, id")
        .bind(event_id)
        .fetch_all(&mut *conn)
        .await
}

/// Inserts a track at the end. Unique violation: German name taken in this event.
pub async fn insert_track(
    conn: &mut DbConn,
    event_id: EventId,
    de: &str,
    en: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<TrackId> {
    sqlx::query_scalar(
        r#"
        insert into tracks (event_id, name_de, name_en, position, created_at)
        values ($1, $2, $3, (select coalesce(max(position), 0) + 1 from tracks where event_id = $1), $4)
        returning id
        "#,
    )
    .bind(event_id)
    .bind(de)
    .bind(en)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
}

// --- sessions -----------------------------------------------------------------------------

macro_rules! session_select {
    ($rest:literal) => {
        concat!(
            "select id, event_id, room_id, track_id, kind, title_de, title_en, description_de, ",
            "description_en, starts_at, ends_at, capacity, requires_signup, status, sequence, ",
            "published_at, created_at, updated_at from agenda_sessions ",
            $rest
        )
    };
}

/// Every session of an event (drafts and cancelled included), by start.
pub async fn sessions(conn: &mut DbConn, event_id: EventId) -> sqlx::Result<Vec<Session>> {
    sqlx::query_as::<_, Session>(session_select!(
        "where event_id = $1 order by starts_at, room_id, id"
    ))
    .bind(event_id)
    .fetch_all(&mut *conn)
    .await
}

/// The public sessions of an event (scheduled, or cancelled after they were published), by
/// start. A session that was never published is not public, whatever its status.
pub async fn public_sessions(conn: &mut DbConn, event_id: EventId) -> sqlx::Result<Vec<Session>> {
    sqlx::query_as::<_, Session>(session_select!(
        "where event_id = $1 and published_at is not null and status <> 'draft' order by starts_at, room_id, id"
    ))
    .bind(event_id)
    .fetch_all(&mut *conn)
    .await
}

/// The sessions of an event that were imported with a calendar UID: (uid, session).
pub async fn imported_uids(
    conn: &mut DbConn,
    event_id: EventId,
) -> sqlx::Result<Vec<(String, SessionId)>> {
    sqlx::query_as(
        "select import_uid, id from agenda_sessions where event_id = $1 and import_uid is not null",
    )
    .bind(event_id)
    .fetch_all(&mut *conn)
    .await
}

pub async fn find_session(
    conn: &mut DbConn,
    event_id: EventId,
    id: SessionId,
) -> sqlx::Result<Option<Session>> {
    sqlx::query_as::<_, Session>(session_select!("where event_id = $1 and id = $2"))
        .bind(event_id)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
}

pub async fn insert_session(
    conn: &mut DbConn,
    event_id: EventId,
    d: &SessionDraft,
    status: SessionStatus,
    import_uid: Option<&str>,
    now: DateTime<Utc>,
) -> sqlx::Result<SessionId> {
    sqlx::query_scalar(
        r#"
        insert into agenda_sessions (event_id, room_id, track_id, kind, title_de, title_en, description_de,
                              description_en, starts_at, ends_at, capacity, requires_signup, status,
                              sequence, import_uid, created_at, updated_at)
        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 0, $15, $14, $14)
        returning id
        "#,
    )
    .bind(event_id)
    .bind(d.room_id)
    .bind(d.track_id)
    .bind(d.kind)
    .bind(&d.title_de)
    .bind(&d.title_en)
    .bind(&d.description_de)
    .bind(&d.description_en)
    .bind(d.starts_at)
    .bind(d.ends_at)
    .bind(d.capacity)
    .bind(d.requires_signup)
    .bind(status)
    .bind(now)
    .bind(import_uid)
    .fetch_one(&mut *conn)
    .await
}

/// Takes a session's times, texts and room from a calendar file imported again, and bumps its
/// SEQUENCE; what the organiser added (kind, people, track, capacity) stays.
pub async fn update_from_import(
    conn: &mut DbConn,
    event_id: EventId,
    id: SessionId,
    d: &SessionDraft,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        r#"
        update agenda_sessions
        set room_id = $3, title_de = $4, description_de = $5, starts_at = $6, ends_at = $7,
            sequence = sequence + 1, updated_at = $8
        where event_id = $1 and id = $2
        "#,
    )
    .bind(event_id)
    .bind(id)
    .bind(d.room_id)
    .bind(&d.title_de)
    .bind(&d.description_de)
    .bind(d.starts_at)
    .bind(d.ends_at)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Updates a session and bumps its calendar SEQUENCE.
pub async fn update_session(
    conn: &mut DbConn,
    event_id: EventId,
    id: SessionId,
    d: &SessionDraft,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        r#"
        update agenda_sessions
        set room_id = $3, track_id = $4, kind = $5, title_de = $6, title_en = $7,
            description_de = $8, description_en = $9, starts_at = $10, ends_at = $11,
            capacity = $12, requires_signup = $13, sequence = sequence + 1, updated_at = $14
        where event_id = $1 and id = $2
        "#,
    )
    .bind(event_id)
    .bind(id)
    .bind(d.room_id)
    .bind(d.track_id)
    .bind(d.kind)
    .bind(&d.title_de)
    .bind(&d.title_en)
    .bind(&d.description_de)
    .bind(&d.description_en)
    .bind(d.starts_at)
    .bind(d.ends_at)
    .bind(d.capacity)
    .bind(d.requires_signup)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Sets a session's status and bumps its SEQUENCE.
pub async fn update_session_status(
    conn: &mut DbConn,
    event_id: EventId,
    id: SessionId,
    status: SessionStatus,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query("update agenda_sessions set status = $3, sequence = sequence + 1, updated_at = $4 where event_id = $1 and id = $2")
        .bind(event_id)
        .bind(id)
        .bind(status)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// How many sessions of an event take place in room `id`, and how many belong to track `track`
/// (any status: a cancelled session still names its room in calendars).
pub async fn sessions_using(
    conn: &mut DbConn,
    event_id: EventId,
    room: Option<RoomId>,
    track: Option<TrackId>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "select count(*) from agenda_sessions where event_id = $1 and (room_id = $2 or track_id = $3)",
    )
    .bind(event_id)
    .bind(room)
    .bind(track)
    .fetch_one(&mut *conn)
    .await
}

/// What else holds on to a session: seat bookings, a jury round's pitch, a certificate
/// template, a matchmaking session. (Deleting would cascade or unlink them silently.)
pub async fn session_references(conn: &mut DbConn, id: SessionId) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        r#"
        select (select count(*) from session_bookings where session_id = $1)
             + (select count(*) from jury_rounds where session_id = $1)
             + (select count(*) from certificate_templates where session_id = $1)
             + (select count(*) from matchmaking_sessions where agenda_session_id = $1)
        "#,
    )
    .bind(id)
    .fetch_one(&mut *conn)
    .await
}

/// Deletes a session (its people and bookmarks go with it).
pub async fn delete_session(
    conn: &mut DbConn,
    event_id: EventId,
    id: SessionId,
) -> sqlx::Result<bool> {
    let done = sqlx::query("delete from agenda_sessions where event_id = $1 and id = $2")
        .bind(event_id)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn delete_room(conn: &mut DbConn, event_id: EventId, id: RoomId) -> sqlx::Result<bool> {
    let done = sqlx::query("delete from rooms where event_id = $1 and id = $2")
        .bind(event_id)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn delete_track(conn: &mut DbConn, event_id: EventId, id: TrackId) -> sqlx::Result<bool> {
    let done = sqlx::query("delete from tracks where event_id = $1 and id = $2")
        .bind(event_id)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Serialises the writers of one event's agenda until the transaction ends, so that a clash
/// check and the change it allows cannot interleave with another change. A no-op update: a row
/// lock on PostgreSQL; on SQLite the write transaction (`BEGIN IMMEDIATE`) already holds the
/// database lock (`select … for update` does not exist there).
pub async fn lock_agenda(conn: &mut DbConn, event_id: EventId) -> sqlx::Result<()> {
    sqlx::query("update events set agenda_version = agenda_version where id = $1")
        .bind(event_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Schedules every draft of an event (publishing takes the drafts along).
pub async fn schedule_drafts(
    conn: &mut DbConn,
    event_id: EventId,
    now: DateTime<Utc>,
) -> sqlx::Result<u64> {
    let done = sqlx::query("update agenda_sessions set status = 'scheduled', published_at = coalesce(published_at, $2), updated_at = $2 where event_id = $1 and status = 'draft'")
        .bind(event_id)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected())
}

// --- people -----------------------------------------------------------------------------------

/// The people of every session of an event.
pub async fn people(conn: &mut DbConn, event_id: EventId) -> sqlx::Result<Vec<Person>> {
    sqlx::query_as::<_, Person>(
        r#"
        select p.id, p.session_id, p.role, p.account_id, a.email as account_email, p.name, p.organisation, p.position
        from session_people p
        join agenda_sessions s on s.id = p.session_id
        left join accounts a on a.id = p.account_id
        where s.event_id = $1
        order by p.session_id, p.position, p.id
        "#,
    )
    .bind(event_id)
    .fetch_all(&mut *conn)
    .await
}

/// Replaces the people of a session.
pub async fn replace_people(
    conn: &mut DbConn,
    session_id: SessionId,
    people: &[PersonLine],
) -> sqlx::Result<()> {
    sqlx::query("delete from session_people where session_id = $1")
        .bind(session_id)
        .execute(&mut *conn)
        .await?;
    for (i, p) in people.iter().enumerate() {
        let account = match &p.email {
            Some(email) => account_by_email(conn, email).await?,
            None => None,
        };
        sqlx::query(
            "insert into session_people (session_id, role, account_id, name, organisation, position) values ($1, $2, $3, $4, $5, $6)",
        )
        .bind(session_id)
        .bind(p.role)
        .bind(account)
        .bind(&p.name)
        .bind(&p.organisation)
        .bind(i as i64)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

// --- versions ---------------------------------------------------------------------------------

/// The snapshots of the last two published versions, newest first: (version, published_at, json).
pub async fn last_versions(
    conn: &mut DbConn,
    event_id: EventId,
) -> sqlx::Result<Vec<(i64, DateTime<Utc>, String)>> {
    sqlx::query_as(
        "select version, published_at, snapshot from agenda_versions where event_id = $1 order by version desc limit 2",
    )
    .bind(event_id)
    .fetch_all(&mut *conn)
    .await
}

/// Records a new version and makes it the event's current one.
pub async fn insert_version(
    conn: &mut DbConn,
    event_id: EventId,
    version: i64,
    by: AccountId,
    snapshot: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into agenda_versions (event_id, version, published_at, published_by, snapshot) values ($1, $2, $3, $4, $5)",
    )
    .bind(event_id)
    .bind(version)
    .bind(now)
    .bind(by)
    .bind(snapshot)
    .execute(&mut *conn)
    .await?;
    sqlx::query("update events set agenda_version = $2, updated_at = $3 where id = $1")
        .bind(event_id)
        .bind(version)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

// --- bookmarks ----------------------------------------------------------------------------------

pub async fn bookmarked_ids(
    conn: &mut DbConn,
    event_id: EventId,
    account_id: AccountId,
) -> sqlx::Result<Vec<SessionId>> {
    sqlx::query_scalar(
        r#"
        select b.session_id from bookmarks b join agenda_sessions s on s.id = b.session_id
        where s.event_id = $1 and b.account_id = $2
        "#,
    )
    .bind(event_id)
    .bind(account_id)
    .fetch_all(&mut *conn)
    .await
}

/// Adds a bookmark; adding it twice is fine.
pub async fn add_bookmark(
    conn: &mut DbConn,
    account_id: AccountId,
    session_id: SessionId,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into bookmarks (account_id, session_id, created_at) values ($1, $2, $3) on conflict (account_id, session_id) do nothing",
    )
    .bind(account_id)
    .bind(session_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn remove_bookmark(
    conn: &mut DbConn,
    account_id: AccountId,
    session_id: SessionId,
) -> sqlx::Result<()> {
    sqlx::query("delete from bookmarks where account_id = $1 and session_id = $2")
        .bind(account_id)
        .bind(session_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A person's bookmarked and booked (confirmed seat) sessions across all events that are public (drafts of sessions excluded),
/// with each session's event: (event slug, event title de, event title en, event zone, session).
pub async fn bookmarked_sessions(
    conn: &mut DbConn,
    account_id: AccountId,
) -> sqlx::Result<Vec<Session>> {
    sqlx::query_as::<_, Session>(
        r#"
        select s.id, s.event_id, s.room_id, s.track_id, s.kind, s.title_de, s.title_en, s.description_de,
               s.description_en, s.starts_at, s.ends_at, s.capacity, s.requires_signup, s.status, s.sequence,
               s.published_at, s.created_at, s.updated_at
        from agenda_sessions s
        join events e on e.id = s.event_id
        where s.id in (
                select session_id from bookmarks where account_id = $1
                union
                select session_id from session_bookings where account_id = $1 and status = 'confirmed'
              )
          and s.published_at is not null and s.status <> 'draft' and e.status in ('published', 'archived')
        order by s.starts_at, s.id
        "#,
    )
    .bind(account_id)
    .fetch_all(&mut *conn)
    .await
}

/// The account with this e-mail address, if any (to link speakers to their accounts).
pub async fn account_by_email(conn: &mut DbConn, email: &str) -> sqlx::Result<Option<AccountId>> {
    sqlx::query_scalar("select id from accounts where email = $1")
        .bind(email)
        .fetch_optional(&mut *conn)
        .await
}

/// The people of one session of an event.
pub async fn people_of_session(
    conn: &mut DbConn,
    event_id: EventId,
    session_id: SessionId,
) -> sqlx::Result<Vec<Person>> {
    sqlx::query_as::<_, Person>(
        r#"
        select p.id, p.session_id, p.role, p.account_id, a.email as account_email, p.name, p.organisation, p.position
        from session_people p
        join agenda_sessions s on s.id = p.session_id
        left join accounts a on a.id = p.account_id
        where s.event_id = $1 and p.session_id = $2
        order by p.position, p.id
        "#,
    )
    .bind(event_id)
    .bind(session_id)
    .fetch_all(&mut *conn)
    .await
}

/// Every published version of an event's agenda, newest first: (version, published_at).
pub async fn versions(
    conn: &mut DbConn,
    event_id: EventId,
) -> sqlx::Result<Vec<(i64, DateTime<Utc>)>> {
    sqlx::query_as("select version, published_at from agenda_versions where event_id = $1 order by version desc")
        .bind(event_id)
        .fetch_all(&mut *conn)
        .await
}

/// When the scheduled sessions of an event begin and end (none scheduled: `None`).
pub async fn scheduled_bounds(
    conn: &mut DbConn,
    event_id: EventId,
) -> sqlx::Result<(Option<DateTime<Utc>>, Option<DateTime<Utc>>)> {
    sqlx::query_as(
        "select min(starts_at), max(ends_at) from agenda_sessions where event_id = $1 and status = 'scheduled'",
    )
    .bind(event_id)
    .fetch_one(&mut *conn)
    .await
}
