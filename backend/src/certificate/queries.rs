//! SQL of certificates: templates, issued certificates, the facts recipients are found from,
//! and bulk-issuing jobs. Same statements on SQLite and PostgreSQL.

use chrono::{DateTime, Utc};

use super::model::{Images, Issued, Job, Template};
use crate::db::{Db, DbConn};
use crate::ids::{AccountId, EventId, SessionId};

const TEMPLATE_COLUMNS: &str = "id, event_id, call_id, kind, title_de, title_en, body_de, body_en, \
    landscape, place, signatory1_name, signatory1_role, signatory2_name, signatory2_role, \
    logo_type, signature_type, session_id, serial_prefix, next_serial, created_at, updated_at";

const ISSUED_COLUMNS: &str = "id, template_id, serial, code, account_id, subject, recipient_name, \
    recipient_email, organisation, language, facts, issued_at, issued_by, emailed_at, revoked_at, \
    revoked_reason, snapshot, logo_image_id, signature_image_id, superseded_at, superseded_by";

/// A template with how many certificates it has issued and revoked.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TemplateCount {
    pub id: i64,
    pub issued: i64,
    pub revoked: i64,
}

/// Rows of `table` as `T`, selected by `filter` (a `where` clause binding `value` as `$1`).
/// Every select of whole templates, certificates and jobs goes through here, so their column
/// lists stand in one place.
async fn rows_where<T, V>(
    conn: &mut DbConn,
    columns: &str,
    table: &str,
    filter: &str,
    value: V,
) -> sqlx::Result<Vec<T>>
where
    T: for<'r> sqlx::FromRow<'r, <Db as sqlx::Database>::Row> + Send + Unpin,
    V: for<'q> sqlx::Encode<'q, Db> + sqlx::Type<Db> + Send,
{
    let sql = format!("select {columns} from {table} where {filter}");
    sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(value)
        .fetch_all(&mut *conn)
        .await
}

pub async fn template(conn: &mut DbConn, id: i64) -> sqlx::Result<Option<Template>> {
    let rows = rows_where(
        conn,
        TEMPLATE_COLUMNS,
        "certificate_templates",
        "id = $1",
        id,
    )
    .await?;
    Ok(rows.into_iter().next())
}

pub async fn templates_of_event(conn: &mut DbConn, event: EventId) -> sqlx::Result<Vec<Template>> {
    let filter = "event_id = $1 order by id";
    rows_where(
        conn,
        TEMPLATE_COLUMNS,
        "certificate_templates",
        filter,
        event,
    )
    .await
}

pub async fn templates_of_call(conn: &mut DbConn, call: i64) -> sqlx::Result<Vec<Template>> {
    let filter = "call_id = $1 order by id";
    rows_where(
        conn,
        TEMPLATE_COLUMNS,
        "certificate_templates",
        filter,
        call,
    )
    .await
}

/// Issued and revoked counts per template of an event or a call.
pub async fn counts(
    conn: &mut DbConn,
    event: Option<EventId>,
    call: Option<i64>,
) -> sqlx::Result<Vec<TemplateCount>> {
    sqlx::query_as(
        r#"
        select t.id,
               count(c.id) as issued,
               count(c.revoked_at) as revoked
        from certificate_templates t
        left join certificates c on c.template_id = t.id
        where t.event_id = $1 or t.call_id = $2
        group by t.id
        "#,
    )
    .bind(event)
    .bind(call)
    .fetch_all(&mut *conn)
    .await
}

/// The columns a template form sets.
pub struct TemplateFields<'a> {
    pub kind: &'a str,
    pub title_de: &'a str,
    pub title_en: &'a str,
    pub body_de: &'a str,
    pub body_en: &'a str,
    pub landscape: bool,
    pub place: &'a str,
    pub signatory1_name: &'a str,
    pub signatory1_role: &'a str,
    pub signatory2_name: &'a str,
    pub signatory2_role: &'a str,
    pub session_id: Option<SessionId>,
    pub serial_prefix: &'a str,
}

/// A new template: its owner and kind, then everything else as [`update_template`] sets it
/// (one list of columns for both).
pub async fn insert_template(
    conn: &mut DbConn,
    event: Option<EventId>,
    call: Option<i64>,
    f: &TemplateFields<'_>,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    let id = sqlx::query_scalar(
        r#"
        insert into certificate_templates (event_id, call_id, kind, title_de, title_en,
            serial_prefix, created_at, updated_at)
        values ($1, $2, $3, '', '', '', $4, $4)
        returning id
        "#,
    )
    .bind(event)
    .bind(call)
    .bind(f.kind)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    update_template(conn, id, f, now).await?;
    Ok(id)
}

/// Updates what the form sets (the kind stays: issued certificates were issued for it).
pub async fn update_template(
    conn: &mut DbConn,
    id: i64,
    f: &TemplateFields<'_>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        r#"
        update certificate_templates
        set title_de = $2, title_en = $3, body_de = $4, body_en = $5, landscape = $6, place = $7,
            signatory1_name = $8, signatory1_role = $9, signatory2_name = $10,
            signatory2_role = $11, session_id = $12, serial_prefix = $13, updated_at = $14
        where id = $1
        "#,
    )
    .bind(id)
    .bind(f.title_de)
    .bind(f.title_en)
    .bind(f.body_de)
    .bind(f.body_en)
    .bind(f.landscape)
    .bind(f.place)
    .bind(f.signatory1_name)
    .bind(f.signatory1_role)
    .bind(f.signatory2_name)
    .bind(f.signatory2_role)
    .bind(f.session_id)
    .bind(f.serial_prefix)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn images(conn: &mut DbConn, id: i64) -> sqlx::Result<Images> {
    sqlx::query_as(
        "select logo_type, logo, signature_type, signature from certificate_templates where id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await
    .map(Option::unwrap_or_default)
}

/// Sets (or with `None` removes) the logo or the signature.
pub async fn set_image(
    conn: &mut DbConn,
    id: i64,
    signature: bool,
    image: Option<(&str, &[u8])>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    let sql = if signature {
        "update certificate_templates set signature_type = $2, signature = $3, updated_at = $4 where id = $1"
    } else {
        "update certificate_templates set logo_type = $2, logo = $3, updated_at = $4 where id = $1"
    };
    sqlx::query(sql)
        .bind(id)
        .bind(image.map(|(t, _)| t))
        .bind(image.map(|(_, b)| b))
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn delete_template(conn: &mut DbConn, id: i64) -> sqlx::Result<()> {
    sqlx::query("delete from certificate_templates where id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

// --- Issued certificates -------------------------------------------------------------------

pub async fn issued_of_template(conn: &mut DbConn, template: i64) -> sqlx::Result<Vec<Issued>> {
    let filter = "template_id = $1 order by serial";
    rows_where(conn, ISSUED_COLUMNS, "certificates", filter, template).await
}

pub async fn issued(conn: &mut DbConn, id: i64) -> sqlx::Result<Option<Issued>> {
    let rows = rows_where(conn, ISSUED_COLUMNS, "certificates", "id = $1", id).await?;
    Ok(rows.into_iter().next())
}

pub async fn issued_by_code(conn: &mut DbConn, code: &str) -> sqlx::Result<Option<Issued>> {
    let rows = rows_where(conn, ISSUED_COLUMNS, "certificates", "code = $1", code).await?;
    Ok(rows.into_iter().next())
}

/// A template's latest certificate for `subject` (what it certifies), if one was issued: the
/// current one, or a revoked one that nothing replaced (a superseded one always has a newer
/// one).
pub async fn issued_for_subject(
    conn: &mut DbConn,
    template: i64,
    subject: &str,
) -> sqlx::Result<Option<Issued>> {
    let sql = format!(
        "select {ISSUED_COLUMNS} from certificates where template_id = $1 and subject = $2 \
         order by id desc limit 1"
    );
    sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(template)
        .bind(subject)
        .fetch_optional(&mut *conn)
        .await
}

pub async fn issued_to(conn: &mut DbConn, account: AccountId) -> sqlx::Result<Vec<Issued>> {
    let filter = "account_id = $1 order by issued_at desc, id desc";
    rows_where(conn, ISSUED_COLUMNS, "certificates", filter, account).await
}

/// Locks the template's row until the transaction ends (PostgreSQL; SQLite's write
/// transaction holds the whole database already), so two issuers of one template see each
/// other's certificates before they check a subject and take a serial.
pub async fn lock_template(conn: &mut DbConn, template: i64) -> sqlx::Result<()> {
    sqlx::query("update certificate_templates set next_serial = next_serial where id = $1")
        .bind(template)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Takes the template's next serial number (the counter only grows, so two issuers never get
/// the same one).
pub async fn take_serial(conn: &mut DbConn, template: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "update certificate_templates set next_serial = next_serial + 1 where id = $1 returning next_serial - 1",
    )
    .bind(template)
    .fetch_one(&mut *conn)
    .await
}

pub struct NewIssued<'a> {
    pub template_id: i64,
    pub serial: i64,
    pub code: &'a str,
    pub account_id: Option<AccountId>,
    pub subject: &'a str,
    pub recipient_name: &'a str,
    pub recipient_email: &'a str,
    pub organisation: &'a str,
    pub language: &'a str,
    pub facts: &'a str,
    pub issued_by: Option<AccountId>,
    pub snapshot: &'a str,
    pub logo_image_id: Option<i64>,
    pub signature_image_id: Option<i64>,
}

pub async fn insert_issued(
    conn: &mut DbConn,
    n: &NewIssued<'_>,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        r#"
        insert into certificates (template_id, serial, code, account_id, subject, recipient_name,
            recipient_email, organisation, language, facts, issued_at, issued_by, snapshot,
            logo_image_id, signature_image_id)
        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
        returning id
        "#,
    )
    .bind(n.template_id)
    .bind(n.serial)
    .bind(n.code)
    .bind(n.account_id)
    .bind(n.subject)
    .bind(n.recipient_name)
    .bind(n.recipient_email)
    .bind(n.organisation)
    .bind(n.language)
    .bind(n.facts)
    .bind(now)
    .bind(n.issued_by)
    .bind(n.snapshot)
    .bind(n.logo_image_id)
    .bind(n.signature_image_id)
    .fetch_one(&mut *conn)
    .await
}

/// Certificates issued before snapshots existed (or by an older app server) and not frozen yet,
/// oldest first, at most `limit`.
pub async fn unfrozen(conn: &mut DbConn, limit: i64) -> sqlx::Result<Vec<Issued>> {
    let filter = "snapshot = '' order by id limit $1";
    rows_where(conn, ISSUED_COLUMNS, "certificates", filter, limit).await
}

/// Freezes what a certificate says, unless it is frozen already (snapshots never change).
pub async fn freeze(
    conn: &mut DbConn,
    id: i64,
    snapshot: &str,
    logo_image_id: Option<i64>,
    signature_image_id: Option<i64>,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "update certificates set snapshot = $2, logo_image_id = $3, signature_image_id = $4 \
         where id = $1 and snapshot = ''",
    )
    .bind(id)
    .bind(snapshot)
    .bind(logo_image_id)
    .bind(signature_image_id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Marks a certificate as replaced now (first step of a re-issue, before the new one exists, so
/// that the new one is the only current one); false when it was replaced already.
pub async fn mark_superseded(conn: &mut DbConn, id: i64, now: DateTime<Utc>) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "update certificates set superseded_at = $2 where id = $1 and superseded_at is null",
    )
    .bind(id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Names the certificate that replaced `id` (second step of a re-issue).
pub async fn set_superseded_by(conn: &mut DbConn, id: i64, by: i64) -> sqlx::Result<()> {
    sqlx::query("update certificates set superseded_by = $2 where id = $1")
        .bind(id)
        .bind(by)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

// --- The images certificates were issued with -------------------------------------------------

/// The id of the stored image with these bytes, storing it first if it is new (images are
/// stored once, by their SHA-256, and never change).
pub async fn intern_image(
    conn: &mut DbConn,
    kind: &str,
    data: &[u8],
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    use sha2::Digest;
    let sha256: String = sha2::Sha256::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    sqlx::query(
        "insert into certificate_images (sha256, kind, data, created_at) values ($1, $2, $3, $4) \
         on conflict (sha256) do nothing",
    )
    .bind(&sha256)
    .bind(kind)
    .bind(data)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    sqlx::query_scalar("select id from certificate_images where sha256 = $1")
        .bind(&sha256)
        .fetch_one(&mut *conn)
        .await
}

/// A stored image: (kind, bytes).
pub async fn stored_image(conn: &mut DbConn, id: i64) -> sqlx::Result<Option<(String, Vec<u8>)>> {
    sqlx::query_as("select kind, data from certificate_images where id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
}

/// Forgets the e-mail address on an account's certificates (the account is being deleted).
pub async fn forget_email(conn: &mut DbConn, account: AccountId) -> sqlx::Result<()> {
    sqlx::query("update certificates set recipient_email = '' where account_id = $1")
        .bind(account)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Marks a certificate as e-mailed now unless it was already (or was revoked or replaced
/// meanwhile); true
/// when this caller is to send it.
pub async fn claim_mail(conn: &mut DbConn, id: i64, now: DateTime<Utc>) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "update certificates set emailed_at = $2 \
         where id = $1 and emailed_at is null and revoked_at is null and superseded_at is null",
    )
    .bind(id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Revokes a certificate that is not revoked yet; false when it already was.
pub async fn revoke(
    conn: &mut DbConn,
    id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "update certificates set revoked_at = $2, revoked_reason = $3 where id = $1 and revoked_at is null",
    )
    .bind(id)
    .bind(now)
    .bind(reason)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

// --- The facts recipients come from ---------------------------------------------------------

/// A person found in the facts: (subject, account, name, email, organisation, language,
/// session title de, session title en, submission title, placement).
pub type FactRow = (
    String,
    Option<AccountId>,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<i64>,
);

/// Everyone checked in at the event.
pub async fn checked_in(conn: &mut DbConn, event: EventId) -> sqlx::Result<Vec<FactRow>> {
    sqlx::query_as(
        r#"
        select 'registration:' || r.id, a.id, a.name, a.email, coalesce(o.name, ''), a.language,
               '', '', '', cast(null as bigint)
        from registrations r
        join accounts a on a.id = r.account_id
        left join organisations o on o.id = a.organisation_id
        where r.event_id = $1 and r.checked_in_at is not null
        order by a.name, r.id
        "#,
    )
    .bind(event)
    .fetch_all(&mut *conn)
    .await
}

/// Everyone checked in at one session.
pub async fn checked_in_session(
    conn: &mut DbConn,
    event: EventId,
    session: SessionId,
) -> sqlx::Result<Vec<FactRow>> {
    sqlx::query_as(
        r#"
        select 'booking:' || b.id, a.id, a.name, a.email, coalesce(o.name, ''), a.language,
               s.title_de, s.title_en, '', null
        from session_bookings b
        join agenda_sessions s on s.id = b.session_id
        join accounts a on a.id = b.account_id
        left join organisations o on o.id = a.organisation_id
        where b.event_id = $1 and b.session_id = $2 and b.checked_in_at is not null
          and b.status = 'confirmed'
        order by a.name, b.id
        "#,
    )
    .bind(event)
    .bind(session)
    .fetch_all(&mut *conn)
    .await
}

/// The speakers and moderators of the event's scheduled sessions, one line per session.
pub async fn speakers(conn: &mut DbConn, event: EventId) -> sqlx::Result<Vec<FactRow>> {
    sqlx::query_as(
        r#"
        select 'person:' || p.id, a.id, p.name, coalesce(a.email, ''), p.organisation,
               coalesce(a.language, 'de'), s.title_de, s.title_en, '', null
        from session_people p
        join agenda_sessions s on s.id = p.session_id
        left join accounts a on a.id = p.account_id
        where s.event_id = $1 and s.status = 'scheduled'
        order by s.starts_at, p.position, p.id
        "#,
    )
    .bind(event)
    .fetch_all(&mut *conn)
    .await
}

/// The team members of the call's submissions that pitched (`placed_only`: that were placed),
/// with their accounts where one exists for their e-mail address.
pub async fn team_members(
    conn: &mut DbConn,
    call: i64,
    placed_only: bool,
) -> sqlx::Result<Vec<FactRow>> {
    sqlx::query_as(
        r#"
        select 'member:' || s.id || ':' || m.email, a.id,
               case when m.name <> '' then m.name else coalesce(a.name, m.email) end,
               m.email, case when s.organisation <> '' then s.organisation else coalesce(o.name, '') end,
               coalesce(a.language, 'de'), '', '', s.title, s.placement
        from submissions s
        join (
            select submission_id, email, name from submission_members
            union
            select x.id, lower(ac.email), ac.name from submissions x
            join accounts ac on ac.id = x.account_id
            where not exists (select 1 from submission_members y
                              where y.submission_id = x.id and y.email = lower(ac.email))
        ) m on m.submission_id = s.id
        left join accounts a on a.email = m.email
        left join organisations o on o.id = a.organisation_id
        where s.call_id = $1
          and (($2 and s.placement is not null)
               or (not $2 and s.status in ('finalist', 'winner')))
        order by coalesce(s.placement, 99), s.title, m.email
        "#,
    )
    .bind(call)
    .bind(placed_only)
    .fetch_all(&mut *conn)
    .await
}

/// The call's jurors with at least one assignment and no review left open.
pub async fn finished_jurors(conn: &mut DbConn, call: i64) -> sqlx::Result<Vec<FactRow>> {
    sqlx::query_as(
        r#"
        select 'juror:' || j.id, a.id, a.name, a.email, coalesce(o.name, ''), a.language,
               '', '', '', cast(null as bigint)
        from jurors j
        join accounts a on a.id = j.account_id
        left join organisations o on o.id = a.organisation_id
        where j.call_id = $1
          and exists (select 1 from jury_assignments x join jury_rounds r on r.id = x.round_id
                      where r.call_id = j.call_id and x.account_id = j.account_id)
          and not exists (
              select 1 from jury_assignments x
              join jury_rounds r on r.id = x.round_id
              left join jury_reviews v on v.round_id = x.round_id
                   and v.account_id = x.account_id and v.submission_id = x.submission_id
              where r.call_id = j.call_id and x.account_id = j.account_id
                and (v.id is null or v.state = 'draft'))
        order by a.name, j.id
        "#,
    )
    .bind(call)
    .fetch_all(&mut *conn)
    .await
}

// --- Jobs ----------------------------------------------------------------------------------

const JOB_COLUMNS: &str = "id, template_id, requested_by, send_mail, status, total, done, issued, error, created_at, finished_at";

pub async fn insert_job(
    conn: &mut DbConn,
    template: i64,
    by: AccountId,
    send_mail: bool,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        r#"
        insert into certificate_jobs (template_id, requested_by, send_mail, status, created_at)
        values ($1, $2, $3, 'queued', $4)
        returning id
        "#,
    )
    .bind(template)
    .bind(by)
    .bind(send_mail)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
}

pub async fn job(conn: &mut DbConn, id: i64) -> sqlx::Result<Option<Job>> {
    let rows = rows_where(conn, JOB_COLUMNS, "certificate_jobs", "id = $1", id).await?;
    Ok(rows.into_iter().next())
}

pub async fn latest_job(conn: &mut DbConn, template: i64) -> sqlx::Result<Option<Job>> {
    let filter = "template_id = $1 order by id desc limit 1";
    let rows = rows_where(conn, JOB_COLUMNS, "certificate_jobs", filter, template).await?;
    Ok(rows.into_iter().next())
}

/// Claims a job that is queued, or running with its lock run out (its worker died): sets the
/// lock if nobody else holds it. True when this caller got it.
pub async fn claim_job(
    conn: &mut DbConn,
    id: i64,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        r#"
        update certificate_jobs set status = 'running', locked_until = $3
        where id = $1
          and (status = 'queued' or (status = 'running' and locked_until < $2))
        "#,
    )
    .bind(id)
    .bind(now)
    .bind(until)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Jobs waiting for a worker, oldest first.
pub async fn due_jobs(conn: &mut DbConn, now: DateTime<Utc>) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar(
        r#"
        select id from certificate_jobs
        where status = 'queued' or (status = 'running' and locked_until < $1)
        order by id
        "#,
    )
    .bind(now)
    .fetch_all(&mut *conn)
    .await
}

pub async fn job_progress(
    conn: &mut DbConn,
    id: i64,
    total: i64,
    done: i64,
    issued: i64,
    until: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "update certificate_jobs set total = $2, done = $3, issued = $4, locked_until = $5 where id = $1",
    )
    .bind(id)
    .bind(total)
    .bind(done)
    .bind(issued)
    .bind(until)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn finish_job(
    conn: &mut DbConn,
    id: i64,
    error: Option<&str>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "update certificate_jobs set status = $2, error = $3, finished_at = $4, locked_until = null where id = $1",
    )
    .bind(id)
    .bind(if error.is_some() { "failed" } else { "done" })
    .bind(error.unwrap_or(""))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Whether the agenda session belongs to the event.
pub async fn session_in_event(
    conn: &mut DbConn,
    event: EventId,
    session: SessionId,
) -> sqlx::Result<bool> {
    sqlx::query_scalar::<_, i64>(
        "select count(*) from agenda_sessions where id = $1 and event_id = $2",
    )
    .bind(session)
    .bind(event)
    .fetch_one(&mut *conn)
    .await
    .map(|n| n > 0)
}

/// The event's agenda sessions (id, German and English title), for the attendance choice.
pub async fn sessions_of_event(
    conn: &mut DbConn,
    event: EventId,
) -> sqlx::Result<Vec<(SessionId, String, String)>> {
    sqlx::query_as(
        "select id, title_de, title_en from agenda_sessions where event_id = $1 and status <> 'cancelled' order by starts_at, id",
    )
    .bind(event)
    .fetch_all(&mut *conn)
    .await
}
