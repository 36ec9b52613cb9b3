//! SQL of matchmaking: settings, topics, sessions, profiles, entries, requests and meetings.
//! Same statements on SQLite and PostgreSQL.

use chrono::{DateTime, Utc};

use super::model::{
    Entry, Meeting, MmSession, Profile, Request, RequestStatus, Settings, Topic, ValidEntry,
    ValidProfile, ValidSession, ValidSettings,
};
// Rows and filters live in `model`; named here too, where the services have always found them.
pub use super::model::Place;
use crate::db::DbConn;
use crate::ids::{AccountId, EventId};

/// Serialises the matchmaking writes of one event. On PostgreSQL it locks the event's settings
/// row (the transaction must have created it, see [`ensure_settings`]); on SQLite the write
/// transaction (BEGIN IMMEDIATE) already excludes every other writer.
pub async fn lock(conn: &mut DbConn, event: EventId) -> sqlx::Result<()> {
    #[cfg(feature = "postgres")]
    {
        sqlx::query("select event_id from matchmaking_settings where event_id = $1 for update")
            .bind(event)
            .execute(&mut *conn)
            .await?;
    }
    #[cfg(feature = "sqlite")]
    {
        let _ = (conn, event);
    }
    Ok(())
}

const SETTINGS: &str = "select event_id, enabled, acceptance_required, audience, max_per_person, locked, updated_at from matchmaking_settings where event_id = $1";

pub async fn settings(conn: &mut DbConn, event: EventId) -> sqlx::Result<Option<Settings>> {
    sqlx::query_as::<_, Settings>(SETTINGS)
        .bind(event)
        .fetch_optional(&mut *conn)
        .await
}

/// Creates the event's settings row (matchmaking off) unless it exists.
pub async fn ensure_settings(
    conn: &mut DbConn,
    event: EventId,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query("insert into matchmaking_settings (event_id, updated_at) values ($1, $2) on conflict (event_id) do nothing")
        .bind(event)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn save_settings(
    conn: &mut DbConn,
    event: EventId,
    s: &ValidSettings,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "update matchmaking_settings set enabled = $2, acceptance_required = $3, audience = $4, max_per_person = $5, updated_at = $6 where event_id = $1",
    )
    .bind(event)
    .bind(s.enabled)
    .bind(s.acceptance_required)
    .bind(s.audience)
    .bind(s.max_per_person)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn set_locked(
    conn: &mut DbConn,
    event: EventId,
    locked: bool,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query("update matchmaking_settings set locked = $2, updated_at = $3 where event_id = $1")
        .bind(event)
        .bind(locked)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

// --- Topics ----------------------------------------------------------------------------------

pub async fn topics(conn: &mut DbConn, event: EventId) -> sqlx::Result<Vec<Topic>> {
    sqlx::query_as::<_, Topic>(
        "select id, event_id, name_de, name_en, position from matchmaking_topics where event_id = $1 order by position, id",
    )
    .bind(event)
    .fetch_all(&mut *conn)
    .await
}

pub async fn insert_topic(
    conn: &mut DbConn,
    event: EventId,
    name_de: &str,
    name_en: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "insert into matchmaking_topics (event_id, name_de, name_en, position) values ($1, $2, $3, (select coalesce(max(position), 0) + 1 from matchmaking_topics where event_id = $1)) returning id",
    )
    .bind(event)
    .bind(name_de)
    .bind(name_en)
    .fetch_one(&mut *conn)
    .await
}

pub async fn delete_topic(conn: &mut DbConn, event: EventId, id: i64) -> sqlx::Result<u64> {
    Ok(
        sqlx::query("delete from matchmaking_topics where event_id = $1 and id = $2")
            .bind(event)
            .bind(id)
            .execute(&mut *conn)
            .await?
            .rows_affected(),
    )
}

/// (profile, topic) of every profile of the event.
pub async fn profile_topics(conn: &mut DbConn, event: EventId) -> sqlx::Result<Vec<(i64, i64)>> {
    sqlx::query_as(
        "select pt.profile_id, pt.topic_id from matchmaking_profile_topics pt join matchmaking_profiles p on p.id = pt.profile_id where p.event_id = $1 order by pt.profile_id, pt.topic_id",
    )
    .bind(event)
    .fetch_all(&mut *conn)
    .await
}

// --- Sessions --------------------------------------------------------------------------------

const SESSION_COLUMNS: &str = "id, event_id, agenda_session_id, slot_minutes, gap_minutes, tables, breaks, created_at, updated_at";

pub async fn sessions(conn: &mut DbConn, event: EventId) -> sqlx::Result<Vec<MmSession>> {
    let sql = format!(
        "select {SESSION_COLUMNS} from matchmaking_sessions where event_id = $1 order by id"
    );
    sqlx::query_as::<_, MmSession>(sqlx::AssertSqlSafe(sql))
        .bind(event)
        .fetch_all(&mut *conn)
        .await
}

pub async fn insert_session(
    conn: &mut DbConn,
    event: EventId,
    s: &ValidSession,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "insert into matchmaking_sessions (event_id, agenda_session_id, slot_minutes, gap_minutes, tables, breaks, created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $7) returning id",
    )
    .bind(event)
    .bind(s.agenda_session_id)
    .bind(s.slot_minutes)
    .bind(s.gap_minutes)
    .bind(&s.tables)
    .bind(&s.breaks)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
}

pub async fn update_session(
    conn: &mut DbConn,
    id: i64,
    s: &ValidSession,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "update matchmaking_sessions set agenda_session_id = $2, slot_minutes = $3, gap_minutes = $4, tables = $5, breaks = $6, updated_at = $7 where id = $1",
    )
    .bind(id)
    .bind(s.agenda_session_id)
    .bind(s.slot_minutes)
    .bind(s.gap_minutes)
    .bind(&s.tables)
    .bind(&s.breaks)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn delete_session(conn: &mut DbConn, id: i64) -> sqlx::Result<()> {
    sqlx::query("delete from matchmaking_sessions where id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

// --- Profiles and entries --------------------------------------------------------------------

const PROFILE_SELECT: &str = "select p.id, p.event_id, p.account_id, p.organisation, p.country, p.description, p.hidden, p.created_at, p.updated_at, a.name, a.email, a.language from matchmaking_profiles p join accounts a on a.id = p.account_id";

pub async fn profiles(conn: &mut DbConn, event: EventId) -> sqlx::Result<Vec<Profile>> {
    let sql = format!("{PROFILE_SELECT} where p.event_id = $1 order by a.name, p.id");
    sqlx::query_as::<_, Profile>(sqlx::AssertSqlSafe(sql))
        .bind(event)
        .fetch_all(&mut *conn)
        .await
}

pub async fn profile_of(
    conn: &mut DbConn,
    event: EventId,
    account: AccountId,
) -> sqlx::Result<Option<Profile>> {
    let sql = format!("{PROFILE_SELECT} where p.event_id = $1 and p.account_id = $2");
    sqlx::query_as::<_, Profile>(sqlx::AssertSqlSafe(sql))
        .bind(event)
        .bind(account)
        .fetch_optional(&mut *conn)
        .await
}

pub async fn profile(conn: &mut DbConn, event: EventId, id: i64) -> sqlx::Result<Option<Profile>> {
    let sql = format!("{PROFILE_SELECT} where p.event_id = $1 and p.id = $2");
    sqlx::query_as::<_, Profile>(sqlx::AssertSqlSafe(sql))
        .bind(event)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
}

/// Creates or updates the account's profile at the event, with its topics; returns its id.
pub async fn save_profile(
    conn: &mut DbConn,
    event: EventId,
    account: AccountId,
    p: &ValidProfile,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "insert into matchmaking_profiles (event_id, account_id, organisation, country, description, hidden, created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $7) \
         on conflict (event_id, account_id) do update set organisation = excluded.organisation, country = excluded.country, description = excluded.description, hidden = excluded.hidden, updated_at = excluded.updated_at returning id",
    )
    .bind(event)
    .bind(account)
    .bind(&p.organisation)
    .bind(&p.country)
    .bind(&p.description)
    .bind(p.hidden)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query("delete from matchmaking_profile_topics where profile_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for topic in &p.topics {
        sqlx::query(
            "insert into matchmaking_profile_topics (profile_id, topic_id) values ($1, $2)",
        )
        .bind(id)
        .bind(topic)
        .execute(&mut *conn)
        .await?;
    }
    Ok(id)
}

pub async fn set_hidden(
    conn: &mut DbConn,
    id: i64,
    hidden: bool,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query("update matchmaking_profiles set hidden = $2, updated_at = $3 where id = $1")
        .bind(id)
        .bind(hidden)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

const ENTRY_SELECT: &str = "select e.id, e.profile_id, e.kind, e.title, e.body, e.created_at, e.updated_at from matchmaking_entries e";

/// Every entry of the event's profiles.
pub async fn entries(conn: &mut DbConn, event: EventId) -> sqlx::Result<Vec<Entry>> {
    let sql = format!(
        "{ENTRY_SELECT} join matchmaking_profiles p on p.id = e.profile_id where p.event_id = $1 order by e.profile_id, e.id"
    );
    sqlx::query_as::<_, Entry>(sqlx::AssertSqlSafe(sql))
        .bind(event)
        .fetch_all(&mut *conn)
        .await
}

pub async fn entry(conn: &mut DbConn, profile: i64, id: i64) -> sqlx::Result<Option<Entry>> {
    let sql = format!("{ENTRY_SELECT} where e.profile_id = $1 and e.id = $2");
    sqlx::query_as::<_, Entry>(sqlx::AssertSqlSafe(sql))
        .bind(profile)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
}

pub async fn insert_entry(
    conn: &mut DbConn,
    profile: i64,
    e: &ValidEntry,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "insert into matchmaking_entries (profile_id, kind, title, body, created_at, updated_at) values ($1, $2, $3, $4, $5, $5) returning id",
    )
    .bind(profile)
    .bind(e.kind)
    .bind(&e.title)
    .bind(&e.body)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
}

pub async fn update_entry(
    conn: &mut DbConn,
    id: i64,
    e: &ValidEntry,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "update matchmaking_entries set kind = $2, title = $3, body = $4, updated_at = $5 where id = $1",
    )
    .bind(id)
    .bind(e.kind)
    .bind(&e.title)
    .bind(&e.body)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn delete_entry(conn: &mut DbConn, id: i64) -> sqlx::Result<()> {
    sqlx::query("delete from matchmaking_entries where id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

// --- Requests --------------------------------------------------------------------------------

const REQUEST_SELECT: &str = "select id, event_id, from_profile, to_profile, message, status, reason, closed_by, created_at, updated_at from matchmaking_requests";

pub async fn requests(conn: &mut DbConn, event: EventId) -> sqlx::Result<Vec<Request>> {
    let sql = format!("{REQUEST_SELECT} where event_id = $1 order by id");
    sqlx::query_as::<_, Request>(sqlx::AssertSqlSafe(sql))
        .bind(event)
        .fetch_all(&mut *conn)
        .await
}

pub async fn requests_of(conn: &mut DbConn, profile: i64) -> sqlx::Result<Vec<Request>> {
    let sql = format!(
        "{REQUEST_SELECT} where from_profile = $1 or to_profile = $1 order by created_at desc, id desc"
    );
    sqlx::query_as::<_, Request>(sqlx::AssertSqlSafe(sql))
        .bind(profile)
        .fetch_all(&mut *conn)
        .await
}

pub async fn request(conn: &mut DbConn, event: EventId, id: i64) -> sqlx::Result<Option<Request>> {
    let sql = format!("{REQUEST_SELECT} where event_id = $1 and id = $2");
    sqlx::query_as::<_, Request>(sqlx::AssertSqlSafe(sql))
        .bind(event)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
}

/// The open (pending or accepted) request between two profiles, in either direction.
pub async fn open_between(
    conn: &mut DbConn,
    event: EventId,
    a: i64,
    b: i64,
) -> sqlx::Result<Option<Request>> {
    let (low, high) = super::model::pair(a, b);
    let sql = format!(
        "{REQUEST_SELECT} where event_id = $1 and pair_low = $2 and pair_high = $3 and status in ('pending', 'accepted')"
    );
    sqlx::query_as::<_, Request>(sqlx::AssertSqlSafe(sql))
        .bind(event)
        .bind(low)
        .bind(high)
        .fetch_optional(&mut *conn)
        .await
}

pub async fn insert_request(
    conn: &mut DbConn,
    event: EventId,
    from: i64,
    to: i64,
    message: &str,
    status: RequestStatus,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    let (low, high) = super::model::pair(from, to);
    sqlx::query_scalar(
        "insert into matchmaking_requests (event_id, from_profile, to_profile, pair_low, pair_high, message, status, created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $8) returning id",
    )
    .bind(event)
    .bind(from)
    .bind(to)
    .bind(low)
    .bind(high)
    .bind(message)
    .bind(status)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
}

/// Moves a request from `from` to `to` status; false when it was no longer in `from` (a
/// concurrent answer won).
pub async fn set_request_status(
    conn: &mut DbConn,
    id: i64,
    from: RequestStatus,
    to: RequestStatus,
    reason: &str,
    by: Option<AccountId>,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "update matchmaking_requests set status = $3, reason = $4, closed_by = $5, updated_at = $6 where id = $1 and status = $2",
    )
    .bind(id)
    .bind(from)
    .bind(to)
    .bind(reason)
    .bind(by)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

// --- Meetings --------------------------------------------------------------------------------

const MEETING_SELECT: &str = "select m.id, m.event_id, m.request_id, m.session_id, m.slot, m.table_no, m.starts_at, m.ends_at, m.sequence, m.cancelled_at, m.created_at, m.updated_at, r.from_profile, r.to_profile from matchmaking_meetings m join matchmaking_requests r on r.id = m.request_id";

/// The event's meetings, cancelled ones included, in time order.
pub async fn meetings(conn: &mut DbConn, event: EventId) -> sqlx::Result<Vec<Meeting>> {
    let sql =
        format!("{MEETING_SELECT} where m.event_id = $1 order by m.starts_at, m.table_no, m.id");
    sqlx::query_as::<_, Meeting>(sqlx::AssertSqlSafe(sql))
        .bind(event)
        .fetch_all(&mut *conn)
        .await
}

pub async fn meeting(conn: &mut DbConn, event: EventId, id: i64) -> sqlx::Result<Option<Meeting>> {
    let sql = format!("{MEETING_SELECT} where m.event_id = $1 and m.id = $2");
    sqlx::query_as::<_, Meeting>(sqlx::AssertSqlSafe(sql))
        .bind(event)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
}

/// The live meeting of a request, if it has one.
pub async fn meeting_of_request(conn: &mut DbConn, request: i64) -> sqlx::Result<Option<Meeting>> {
    let sql = format!("{MEETING_SELECT} where m.request_id = $1 and m.cancelled_at is null");
    sqlx::query_as::<_, Meeting>(sqlx::AssertSqlSafe(sql))
        .bind(request)
        .fetch_optional(&mut *conn)
        .await
}

/// Every meeting of an account, at any event, cancelled ones included (personal feed).
pub async fn meetings_of_account(
    conn: &mut DbConn,
    account: AccountId,
) -> sqlx::Result<Vec<Meeting>> {
    let sql = format!(
        "{MEETING_SELECT} where r.from_profile in (select id from matchmaking_profiles where account_id = $1) or r.to_profile in (select id from matchmaking_profiles where account_id = $1) order by m.starts_at, m.id"
    );
    sqlx::query_as::<_, Meeting>(sqlx::AssertSqlSafe(sql))
        .bind(account)
        .fetch_all(&mut *conn)
        .await
}

async fn attend(
    conn: &mut DbConn,
    meeting: i64,
    people: [i64; 2],
    place: &Place,
) -> sqlx::Result<()> {
    for profile in people {
        sqlx::query(
            "insert into matchmaking_attendees (meeting_id, profile_id, session_id, slot) values ($1, $2, $3, $4)",
        )
        .bind(meeting)
        .bind(profile)
        .bind(place.session)
        .bind(place.slot)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Places a meeting. A table already taken in the slot, or a person already in a meeting in
/// the slot, fails with a unique violation (the caller checks first and maps it).
pub async fn insert_meeting(
    conn: &mut DbConn,
    event: EventId,
    request: i64,
    people: [i64; 2],
    place: &Place,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "insert into matchmaking_meetings (event_id, request_id, session_id, slot, table_no, starts_at, ends_at, created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $8) returning id",
    )
    .bind(event)
    .bind(request)
    .bind(place.session)
    .bind(place.slot)
    .bind(place.table)
    .bind(place.starts_at)
    .bind(place.ends_at)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    attend(conn, id, people, place).await?;
    Ok(id)
}

/// Moves a live meeting (its sequence grows).
pub async fn move_meeting(
    conn: &mut DbConn,
    id: i64,
    people: [i64; 2],
    place: &Place,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query("delete from matchmaking_attendees where meeting_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "update matchmaking_meetings set session_id = $2, slot = $3, table_no = $4, starts_at = $5, ends_at = $6, sequence = sequence + 1, updated_at = $7 where id = $1",
    )
    .bind(id)
    .bind(place.session)
    .bind(place.slot)
    .bind(place.table)
    .bind(place.starts_at)
    .bind(place.ends_at)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    attend(conn, id, people, place).await
}

/// Cancels a live meeting: it frees its table and people and stays for the calendars.
pub async fn cancel_meeting(conn: &mut DbConn, id: i64, now: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query("delete from matchmaking_attendees where meeting_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "update matchmaking_meetings set cancelled_at = $2, sequence = sequence + 1, updated_at = $2 where id = $1 and cancelled_at is null",
    )
    .bind(id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// (account, starts_at, ends_at) of the confirmed session bookings of the event, leaving out
/// the agenda sessions matchmaking takes place in: the times people are not free to meet.
pub async fn booked_times(
    conn: &mut DbConn,
    event: EventId,
) -> sqlx::Result<Vec<(AccountId, DateTime<Utc>, DateTime<Utc>)>> {
    sqlx::query_as(
        "select b.account_id, s.starts_at, s.ends_at from session_bookings b join agenda_sessions s on s.id = b.session_id \
         where b.event_id = $1 and b.status = 'confirmed' and b.account_id is not null and s.status <> 'cancelled' \
         and s.id not in (select agenda_session_id from matchmaking_sessions where event_id = $1)",
    )
    .bind(event)
    .fetch_all(&mut *conn)
    .await
}

/// An account's profiles at every event: (profile id, event id), oldest first.
pub async fn profiles_of_account(
    conn: &mut DbConn,
    account: AccountId,
) -> sqlx::Result<Vec<(i64, EventId)>> {
    sqlx::query_as(
        "select id, event_id from matchmaking_profiles where account_id = $1 order by id",
    )
    .bind(account)
    .fetch_all(&mut *conn)
    .await
}
