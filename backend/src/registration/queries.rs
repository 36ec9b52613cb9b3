//! SQL for registration settings and registrations. Every query names its event.

use chrono::{DateTime, Utc};

use super::form::{Question, QuestionSpec};
use super::model::{
    Booking, BookingStatus, Registration, RegistrationStatus, Settings, Taken, TicketType,
};
// Rows and filters live in `model`; named here too, where the services have always found them.
pub use super::model::Filter;
use crate::db::DbConn;
use crate::ids::{AccountId, EventId, SessionId};

/// Serialises capacity decisions for one event. On PostgreSQL this locks the event's settings
/// row until the transaction ends; on SQLite the write transaction (`BEGIN IMMEDIATE`) already
/// excludes every other writer.
pub async fn lock_event(conn: &mut DbConn, event_id: EventId) -> sqlx::Result<()> {
    #[cfg(feature = "postgres")]
    {
        sqlx::query("select event_id from registration_settings where event_id = $1 for update")
            .bind(event_id)
            .execute(&mut *conn)
            .await?;
    }
    #[cfg(feature = "sqlite")]
    {
        let _ = (conn, event_id);
    }
    Ok(())
}

pub async fn settings(conn: &mut DbConn, event_id: EventId) -> sqlx::Result<Option<Settings>> {
    sqlx::query_as::<_, Settings>(
        "select event_id, opens_at, closes_at, capacity, approval_required, offer_hours, edit_until, retention_months, anonymised_at from registration_settings where event_id = $1",
    )
    .bind(event_id)
    .fetch_optional(&mut *conn)
    .await
}

/// Creates or replaces an event's settings.
pub async fn save_settings(
    conn: &mut DbConn,
    s: &Settings,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        r#"
        insert into registration_settings (event_id, opens_at, closes_at, capacity, approval_required, offer_hours, updated_at, edit_until, retention_months)
        values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        on conflict (event_id) do update
        set opens_at = $2, closes_at = $3, capacity = $4, approval_required = $5, offer_hours = $6, updated_at = $7, edit_until = $8, retention_months = $9
        "#,
    )
    .bind(s.event_id)
    .bind(s.opens_at)
    .bind(s.closes_at)
    .bind(s.capacity)
    .bind(s.approval_required)
    .bind(s.offer_hours)
    .bind(now)
    .bind(s.edit_until)
    .bind(s.retention_months)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

macro_rules! registration_select {
    ($rest:literal) => {
        concat!(
            "select id, event_id, account_id, ticket_type_id, status, code, offer_expires_at, ",
            "checked_in_at, created_at, updated_at from registrations ",
            $rest
        )
    };
}

pub async fn find_for(
    conn: &mut DbConn,
    event_id: EventId,
    account_id: AccountId,
) -> sqlx::Result<Option<Registration>> {
    sqlx::query_as::<_, Registration>(registration_select!(
        "where event_id = $1 and account_id = $2"
    ))
    .bind(event_id)
    .bind(account_id)
    .fetch_optional(&mut *conn)
    .await
}

/// Every registration of an event in line order (first come, first served).
pub async fn list(conn: &mut DbConn, event_id: EventId) -> sqlx::Result<Vec<Registration>> {
    sqlx::query_as::<_, Registration>(registration_select!(
        "where event_id = $1 order by created_at, id"
    ))
    .bind(event_id)
    .fetch_all(&mut *conn)
    .await
}

/// The places taken in an event, in total and per ticket type.
pub async fn taken(conn: &mut DbConn, event_id: EventId) -> sqlx::Result<Taken> {
    let rows: Vec<(Option<i64>, i64)> = sqlx::query_as(
        "select ticket_type_id, count(*) from registrations where event_id = $1 and status in ('confirmed', 'pending', 'offered') group by ticket_type_id",
    )
    .bind(event_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut t = Taken::default();
    for (ticket, n) in rows {
        t.total += n;
        if let Some(ticket) = ticket {
            t.by_ticket.insert(ticket, n);
        }
    }
    Ok(t)
}

/// The waiting list in line order: (registration id, ticket type).
pub async fn waiting(
    conn: &mut DbConn,
    event_id: EventId,
) -> sqlx::Result<Vec<(i64, Option<i64>)>> {
    sqlx::query_as(
        "select id, ticket_type_id from registrations where event_id = $1 and status = 'waitlisted' order by created_at, id",
    )
    .bind(event_id)
    .fetch_all(&mut *conn)
    .await
}

pub async fn find(
    conn: &mut DbConn,
    event_id: EventId,
    id: i64,
) -> sqlx::Result<Option<Registration>> {
    sqlx::query_as::<_, Registration>(registration_select!("where event_id = $1 and id = $2"))
        .bind(event_id)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
}

/// A registration by the code on its QR code, in whichever event.
pub async fn find_by_code(conn: &mut DbConn, code: &str) -> sqlx::Result<Option<Registration>> {
    sqlx::query_as::<_, Registration>(registration_select!("where code = $1"))
        .bind(code)
        .fetch_optional(&mut *conn)
        .await
}

/// Every registration of a person, newest first.
pub async fn of_account(
    conn: &mut DbConn,
    account_id: AccountId,
) -> sqlx::Result<Vec<Registration>> {
    sqlx::query_as::<_, Registration>(registration_select!(
        "where account_id = $1 order by created_at desc, id desc"
    ))
    .bind(account_id)
    .fetch_all(&mut *conn)
    .await
}

/// Offers that lapsed before `now`, with their events.
pub async fn lapsed_offers(
    conn: &mut DbConn,
    now: DateTime<Utc>,
) -> sqlx::Result<Vec<Registration>> {
    sqlx::query_as::<_, Registration>(registration_select!(
        "where status = 'offered' and offer_expires_at <= $1 order by offer_expires_at, id"
    ))
    .bind(now)
    .fetch_all(&mut *conn)
    .await
}

pub async fn insert(
    conn: &mut DbConn,
    event_id: EventId,
    account_id: AccountId,
    ticket_type_id: Option<i64>,
    status: RegistrationStatus,
    code: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        r#"
        insert into registrations (event_id, account_id, status, code, created_at, updated_at, ticket_type_id)
        values ($1, $2, $3, $4, $5, $5, $6)
        returning id
        "#,
    )
    .bind(event_id)
    .bind(account_id)
    .bind(status)
    .bind(code)
    .bind(now)
    .bind(ticket_type_id)
    .fetch_one(&mut *conn)
    .await
}

/// A new place in line for an ended registration of the same person (registering again).
pub async fn renew(
    conn: &mut DbConn,
    event_id: EventId,
    id: i64,
    ticket_type_id: Option<i64>,
    status: RegistrationStatus,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "update registrations set status = $3, offer_expires_at = null, checked_in_at = null, created_at = $4, updated_at = $4, ticket_type_id = $5 where event_id = $1 and id = $2",
    )
    .bind(event_id)
    .bind(id)
    .bind(status)
    .bind(now)
    .bind(ticket_type_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn set_status(
    conn: &mut DbConn,
    event_id: EventId,
    id: i64,
    status: RegistrationStatus,
    offer_expires_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query("update registrations set status = $3, offer_expires_at = $4, updated_at = $5 where event_id = $1 and id = $2")
        .bind(event_id)
        .bind(id)
        .bind(status)
        .bind(offer_expires_at)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A registration with the person's name and e-mail, for the organisers' list.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Row {
    #[sqlx(flatten)]
    pub registration: Registration,
    pub name: String,
    pub email: String,
    pub organisation: String,
    /// How many registrations match the filter in all (every page).
    pub total: i64,
}

/// Registrations of an event with the people's names, in line order, narrowed by `filter`
/// (one page of them when it names a window).
pub async fn rows(conn: &mut DbConn, event_id: EventId, filter: &Filter) -> sqlx::Result<Vec<Row>> {
    select_rows(conn, event_id, filter, None).await
}

/// One registration of an event with the person's name, e-mail and organisation.
pub async fn row(conn: &mut DbConn, event_id: EventId, id: i64) -> sqlx::Result<Option<Row>> {
    Ok(select_rows(conn, event_id, &Filter::default(), Some(id))
        .await?
        .pop())
}

async fn select_rows(
    conn: &mut DbConn,
    event_id: EventId,
    filter: &Filter,
    id: Option<i64>,
) -> sqlx::Result<Vec<Row>> {
    let q = crate::db::contains_pattern(&filter.q);
    sqlx::query_as::<_, Row>(
        r#"
        select r.id, r.event_id, r.account_id, r.ticket_type_id, r.status, r.code, r.offer_expires_at,
               r.checked_in_at, r.created_at, r.updated_at,
               coalesce(a.name, '') as name, coalesce(a.email, '') as email, coalesce(o.name, '') as organisation,
               count(*) over () as total
        from registrations r
        left join accounts a on a.id = r.account_id
        left join organisations o on o.id = a.organisation_id
        where r.event_id = $1
          and ($2 = '%%' or lower(coalesce(a.name, '')) like $2 escape '\' or lower(coalesce(a.email, '')) like $2 escape '\'
               or lower(coalesce(o.name, '')) like $2 escape '\'
               or exists (select 1 from registration_answers x where x.registration_id = r.id and lower(x.value) like $2 escape '\'))
          and ($3 = '' or r.status = $3)
          and ($4 = 0 or r.ticket_type_id = $4)
          and ($5 = 0 or r.id = $5)
        order by r.created_at, r.id
        limit $6 offset $7
        "#,
    )
    .bind(event_id)
    .bind(q)
    .bind(filter.status.trim())
    .bind(filter.ticket.unwrap_or(0))
    .bind(id.unwrap_or(0))
    .bind(filter.window.map_or(i64::MAX, |(rows, _)| rows))
    .bind(filter.window.map_or(0, |(_, skip)| skip))
    .fetch_all(&mut *conn)
    .await
}

pub async fn set_ticket(
    conn: &mut DbConn,
    event_id: EventId,
    id: i64,
    ticket_type_id: Option<i64>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query("update registrations set ticket_type_id = $3, updated_at = $4 where event_id = $1 and id = $2")
        .bind(event_id)
        .bind(id)
        .bind(ticket_type_id)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Marks a registration as checked in, unless it already is; true when this call did it.
pub async fn check_in(conn: &mut DbConn, id: i64, now: DateTime<Utc>) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "update registrations set checked_in_at = $2 where id = $1 and checked_in_at is null",
    )
    .bind(id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

// --- Ticket types ---

pub async fn tickets(conn: &mut DbConn, event_id: EventId) -> sqlx::Result<Vec<TicketType>> {
    sqlx::query_as::<_, TicketType>(
        "select id, event_id, name_de, name_en, capacity, position from ticket_types where event_id = $1 order by position, id",
    )
    .bind(event_id)
    .fetch_all(&mut *conn)
    .await
}

pub async fn insert_ticket(
    conn: &mut DbConn,
    event_id: EventId,
    name_de: &str,
    name_en: &str,
    capacity: Option<i64>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        r#"
        insert into ticket_types (event_id, name_de, name_en, capacity, position)
        values ($1, $2, $3, $4, (select coalesce(max(position), 0) + 1 from ticket_types where event_id = $1))
        returning id
        "#,
    )
    .bind(event_id)
    .bind(name_de)
    .bind(name_en)
    .bind(capacity)
    .fetch_one(&mut *conn)
    .await
}

pub async fn update_ticket(
    conn: &mut DbConn,
    event_id: EventId,
    id: i64,
    name_de: &str,
    name_en: &str,
    capacity: Option<i64>,
) -> sqlx::Result<bool> {
    let done = sqlx::query("update ticket_types set name_de = $3, name_en = $4, capacity = $5 where event_id = $1 and id = $2")
        .bind(event_id)
        .bind(id)
        .bind(name_de)
        .bind(name_en)
        .bind(capacity)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Deletes a ticket type nobody holds or waits for (registrations that ended keep no link).
pub async fn delete_ticket(conn: &mut DbConn, event_id: EventId, id: i64) -> sqlx::Result<bool> {
    let done = sqlx::query(
        r#"
        delete from ticket_types
        where event_id = $1 and id = $2
          and not exists (select 1 from registrations r where r.ticket_type_id = $2
                          and r.status in ('confirmed', 'pending', 'offered', 'waitlisted'))
        "#,
    )
    .bind(event_id)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

// --- Questions and answers ---

pub async fn questions(conn: &mut DbConn, event_id: EventId) -> sqlx::Result<Vec<Question>> {
    sqlx::query_as::<_, Question>(
        r#"
        select id, event_id, kind, label_de, label_en, help_de, help_en, options, required, ticket_types, max_bytes,
               number_min, number_max, position
        from registration_questions where event_id = $1 order by position, id
        "#,
    )
    .bind(event_id)
    .fetch_all(&mut *conn)
    .await
}

pub async fn insert_question(
    conn: &mut DbConn,
    event_id: EventId,
    q: &QuestionSpec,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        r#"
        insert into registration_questions
            (event_id, kind, label_de, label_en, help_de, help_en, options, required, ticket_types, max_bytes,
             number_min, number_max, position, created_at)
        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,
                (select coalesce(max(position), 0) + 1 from registration_questions where event_id = $1), $13)
        returning id
        "#,
    )
    .bind(event_id)
    .bind(q.kind)
    .bind(&q.label_de)
    .bind(&q.label_en)
    .bind(&q.help_de)
    .bind(&q.help_en)
    .bind(serde_json::to_string(&q.choices).unwrap_or_else(|_| "[]".into()))
    .bind(q.required)
    .bind(serde_json::to_string(&q.ticket_types).unwrap_or_else(|_| "[]".into()))
    .bind(q.max_bytes)
    .bind(q.number_min)
    .bind(q.number_max)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
}

pub async fn delete_question(conn: &mut DbConn, event_id: EventId, id: i64) -> sqlx::Result<bool> {
    let done = sqlx::query("delete from registration_questions where event_id = $1 and id = $2")
        .bind(event_id)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// A stored answer.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredAnswer {
    pub registration_id: i64,
    pub question_id: i64,
    pub value: String,
    pub upload_id: Option<i64>,
    /// A consent's withdrawal (its `value` keeps the instant it was given).
    pub withdrawn_at: Option<DateTime<Utc>>,
}

pub async fn answers(conn: &mut DbConn, registration_id: i64) -> sqlx::Result<Vec<StoredAnswer>> {
    sqlx::query_as::<_, StoredAnswer>(
        "select registration_id, question_id, value, upload_id, withdrawn_at from registration_answers where registration_id = $1",
    )
    .bind(registration_id)
    .fetch_all(&mut *conn)
    .await
}

/// Every answer given for an event (for the list and the exports).
pub async fn answers_of_event(
    conn: &mut DbConn,
    event_id: EventId,
) -> sqlx::Result<Vec<StoredAnswer>> {
    sqlx::query_as::<_, StoredAnswer>(
        r#"
        select x.registration_id, x.question_id, x.value, x.upload_id, x.withdrawn_at
        from registration_answers x join registrations r on r.id = x.registration_id
        where r.event_id = $1
        "#,
    )
    .bind(event_id)
    .fetch_all(&mut *conn)
    .await
}

pub async fn put_answer(
    conn: &mut DbConn,
    registration_id: i64,
    question_id: i64,
    value: &str,
    upload_id: Option<i64>,
) -> sqlx::Result<()> {
    sqlx::query(
        r#"
        insert into registration_answers (registration_id, question_id, value, upload_id) values ($1, $2, $3, $4)
        on conflict (registration_id, question_id) do update set value = $3, upload_id = $4, withdrawn_at = null
        "#,
    )
    .bind(registration_id)
    .bind(question_id)
    .bind(value)
    .bind(upload_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Records that a consent was withdrawn at `at` (its answer keeps when it was given).
pub async fn withdraw_consent(
    conn: &mut DbConn,
    registration_id: i64,
    question_id: i64,
    at: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "update registration_answers set withdrawn_at = $3 where registration_id = $1 and question_id = $2 and withdrawn_at is null",
    )
    .bind(registration_id)
    .bind(question_id)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Events whose registrations wait to be anonymised: (event, retention in months, last day).
pub async fn retention_due(
    conn: &mut DbConn,
) -> sqlx::Result<Vec<(EventId, i64, chrono::NaiveDate)>> {
    sqlx::query_as(
        r#"
        select s.event_id, s.retention_months, e.ends_on
        from registration_settings s join events e on e.id = s.event_id
        where s.retention_months is not null and s.anonymised_at is null
        "#,
    )
    .fetch_all(&mut *conn)
    .await
}

/// Removes what identifies a person from an event's registrations: the answers with their
/// files, the link to the account (of registrations and session bookings). What stays are
/// the counts: statuses, ticket types, check-in times. Returns how many registrations it touched.
pub async fn anonymise_registrations(
    conn: &mut DbConn,
    event_id: EventId,
    at: DateTime<Utc>,
) -> sqlx::Result<u64> {
    let uploads: Vec<i64> = sqlx::query_scalar(
        r#"
        select x.upload_id from registration_answers x join registrations r on r.id = x.registration_id
        where r.event_id = $1 and x.upload_id is not null
        "#,
    )
    .bind(event_id)
    .fetch_all(&mut *conn)
    .await?;
    sqlx::query(
        "delete from registration_answers where registration_id in (select id from registrations where event_id = $1)",
    )
    .bind(event_id)
    .execute(&mut *conn)
    .await?;
    for id in uploads {
        sqlx::query("delete from uploads where id = $1")
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    let touched = sqlx::query(
        "update registrations set account_id = null, updated_at = $2 where event_id = $1 and account_id is not null",
    )
    .bind(event_id)
    .bind(at)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    sqlx::query("update session_bookings set account_id = null where event_id = $1")
        .bind(event_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("update registration_settings set anonymised_at = $2 where event_id = $1")
        .bind(event_id)
        .bind(at)
        .execute(&mut *conn)
        .await?;
    Ok(touched)
}

/// Removes the answers to questions not in `keep` (answers withdrawn when changing them).
pub async fn delete_answers_except(
    conn: &mut DbConn,
    registration_id: i64,
    keep: &[i64],
) -> sqlx::Result<()> {
    let existing = answers(conn, registration_id).await?;
    for a in existing.iter().filter(|a| !keep.contains(&a.question_id)) {
        sqlx::query(
            "delete from registration_answers where registration_id = $1 and question_id = $2",
        )
        .bind(registration_id)
        .bind(a.question_id)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub async fn insert_upload(
    conn: &mut DbConn,
    account_id: AccountId,
    filename: &str,
    content_type: &str,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    use sha2::Digest;
    let hash = sha2::Sha256::digest(bytes);
    let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
    sqlx::query_scalar(
        r#"
        insert into uploads (account_id, filename, content_type, size, sha256, data, created_at)
        values ($1, $2, $3, $4, $5, $6, $7)
        returning id
        "#,
    )
    .bind(account_id)
    .bind(filename)
    .bind(content_type)
    .bind(i64::try_from(bytes.len()).unwrap_or(i64::MAX))
    .bind(hex)
    .bind(bytes)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
}

/// An uploaded file that answers a question of a registration of this event.
pub async fn upload_of(
    conn: &mut DbConn,
    event_id: EventId,
    registration_id: i64,
    question_id: i64,
) -> sqlx::Result<Option<(String, String, Vec<u8>)>> {
    sqlx::query_as(
        r#"
        select u.filename, u.content_type, u.data
        from registration_answers x
        join registrations r on r.id = x.registration_id
        join uploads u on u.id = x.upload_id
        where r.event_id = $1 and x.registration_id = $2 and x.question_id = $3
        "#,
    )
    .bind(event_id)
    .bind(registration_id)
    .bind(question_id)
    .fetch_optional(&mut *conn)
    .await
}

/// Files no answer points to any more.
pub async fn delete_orphan_uploads(conn: &mut DbConn, account_id: AccountId) -> sqlx::Result<()> {
    sqlx::query(
        r#"
        delete from uploads
        where account_id = $1
          and id not in (select upload_id from registration_answers where upload_id is not null)
          and id not in (select upload_id from submission_answers where upload_id is not null)
          and id not in (select upload_id from submission_files)
        "#,
    )
    .bind(account_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

// --- Session bookings ---

macro_rules! booking_select {
    ($rest:literal) => {
        concat!(
            "select id, session_id, event_id, account_id, status, offer_expires_at, checked_in_at, created_at, updated_at ",
            "from session_bookings ",
            $rest
        )
    };
}

pub async fn booking_for(
    conn: &mut DbConn,
    session_id: SessionId,
    account_id: AccountId,
) -> sqlx::Result<Option<Booking>> {
    sqlx::query_as::<_, Booking>(booking_select!("where session_id = $1 and account_id = $2"))
        .bind(session_id)
        .bind(account_id)
        .fetch_optional(&mut *conn)
        .await
}

pub async fn find_booking(conn: &mut DbConn, id: i64) -> sqlx::Result<Option<Booking>> {
    sqlx::query_as::<_, Booking>(booking_select!("where id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
}

/// A person's live bookings (confirmed, waiting or offered) in an event.
pub async fn bookings_of(
    conn: &mut DbConn,
    event_id: EventId,
    account_id: AccountId,
) -> sqlx::Result<Vec<Booking>> {
    sqlx::query_as::<_, Booking>(booking_select!(
        "where event_id = $1 and account_id = $2 and status in ('confirmed', 'waitlisted', 'offered') order by id"
    ))
    .bind(event_id)
    .bind(account_id)
    .fetch_all(&mut *conn)
    .await
}

/// Every live booking of a person, in any event (personal feed, data export).
pub async fn all_bookings_of(
    conn: &mut DbConn,
    account_id: AccountId,
) -> sqlx::Result<Vec<Booking>> {
    sqlx::query_as::<_, Booking>(booking_select!(
        "where account_id = $1 and status in ('confirmed', 'waitlisted', 'offered') order by id"
    ))
    .bind(account_id)
    .fetch_all(&mut *conn)
    .await
}

/// Seats that are booked or held for someone an offer was made to.
pub async fn seats_taken(conn: &mut DbConn, session_id: SessionId) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "select count(*) from session_bookings where session_id = $1 and status in ('confirmed', 'offered')",
    )
    .bind(session_id)
    .fetch_one(&mut *conn)
    .await
}

pub async fn first_waiting_booking(
    conn: &mut DbConn,
    session_id: SessionId,
) -> sqlx::Result<Option<Booking>> {
    sqlx::query_as::<_, Booking>(booking_select!(
        "where session_id = $1 and status = 'waitlisted' order by created_at, id limit 1"
    ))
    .bind(session_id)
    .fetch_optional(&mut *conn)
    .await
}

/// Books (or re-books, after a cancellation) a seat or a place in line.
pub async fn put_booking(
    conn: &mut DbConn,
    session_id: SessionId,
    event_id: EventId,
    account_id: AccountId,
    status: BookingStatus,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        r#"
        insert into session_bookings (session_id, event_id, account_id, status, created_at, updated_at)
        values ($1, $2, $3, $4, $5, $5)
        on conflict (session_id, account_id) do update
        set status = $4, offer_expires_at = null, checked_in_at = null, created_at = $5, updated_at = $5
        returning id
        "#,
    )
    .bind(session_id)
    .bind(event_id)
    .bind(account_id)
    .bind(status)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
}

pub async fn set_booking_status(
    conn: &mut DbConn,
    id: i64,
    status: BookingStatus,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    set_booking_offer(conn, id, status, None, now).await
}

/// Sets a booking's status with the end of its offer (`None` unless `status` is offered).
pub async fn set_booking_offer(
    conn: &mut DbConn,
    id: i64,
    status: BookingStatus,
    offer_expires_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "update session_bookings set status = $2, offer_expires_at = $3, updated_at = $4 where id = $1",
    )
    .bind(id)
    .bind(status)
    .bind(offer_expires_at)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Seat offers in limited sessions that were not taken up by `now`.
pub async fn lapsed_booking_offers(
    conn: &mut DbConn,
    now: DateTime<Utc>,
) -> sqlx::Result<Vec<Booking>> {
    sqlx::query_as::<_, Booking>(booking_select!(
        "where status = 'offered' and offer_expires_at <= $1 order by offer_expires_at, id"
    ))
    .bind(now)
    .fetch_all(&mut *conn)
    .await
}

pub async fn check_in_booking(
    conn: &mut DbConn,
    id: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "update session_bookings set checked_in_at = $2 where id = $1 and checked_in_at is null",
    )
    .bind(id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Per limited session of an event: (session id, booked or offered, waiting, checked in).
pub async fn booking_counts(
    conn: &mut DbConn,
    event_id: EventId,
) -> sqlx::Result<Vec<(SessionId, i64, i64, i64)>> {
    sqlx::query_as(
        r#"
        select session_id,
               count(*) filter (where status in ('confirmed', 'offered')),
               count(*) filter (where status = 'waitlisted'),
               count(*) filter (where status = 'confirmed' and checked_in_at is not null)
        from session_bookings where event_id = $1 group by session_id
        "#,
    )
    .bind(event_id)
    .fetch_all(&mut *conn)
    .await
}

/// How many registrations of an event are in each status, and how many are checked in.
pub async fn status_counts(
    conn: &mut DbConn,
    event_id: EventId,
) -> sqlx::Result<(Vec<(RegistrationStatus, i64)>, i64)> {
    let by_status = sqlx::query_as(
        "select status, count(*) from registrations where event_id = $1 group by status",
    )
    .bind(event_id)
    .fetch_all(&mut *conn)
    .await?;
    let checked_in = sqlx::query_scalar(
        "select count(*) from registrations where event_id = $1 and checked_in_at is not null and status = 'confirmed'",
    )
    .bind(event_id)
    .fetch_one(&mut *conn)
    .await?;
    Ok((by_status, checked_in))
}

/// The places an account holds or held, for its personal calendar feed: (event, status, last
/// change) of its confirmed and cancelled registrations (a cancelled place stays in the feed so
/// calendar apps remove the event).
pub async fn places_of(
    conn: &mut DbConn,
    account: AccountId,
) -> sqlx::Result<Vec<(EventId, String, DateTime<Utc>)>> {
    sqlx::query_as(
        "select event_id, status, updated_at from registrations \
         where account_id = $1 and status in ('confirmed', 'cancelled') order by event_id",
    )
    .bind(account)
    .fetch_all(&mut *conn)
    .await
}
