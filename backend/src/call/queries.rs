//! SQL for calls and submissions. Every function takes a connection (or a transaction) so that
//! services decide what runs together.

use chrono::{DateTime, Utc};

use super::model::{
    Call, CallDraft, Category, FileRow, LogRow, Member, Submission, SubmissionFields,
    SubmissionStatus,
};
// Rows and filters live in `model`; named here too, where the services have always found them.
pub use super::model::{Filter, StoredAnswer};
use crate::db::DbConn;
use crate::ids::{AccountId, EventId};
use crate::registration::form::{Question, QuestionSpec};

/// The columns of [`Call`], as a literal so that queries stay `&'static str`.
macro_rules! call_columns {
    () => {
        "id, slug, title_de, title_en, teaser_de, teaser_en, body_de, body_en, \
         eligibility_de, eligibility_en, timezone, opens_at, deadline, review_at, results_at, event_id, \
         abstract_max, max_files, file_max_mb, file_required, mail_submitted_de, mail_submitted_en, \
         mail_ineligible_de, mail_ineligible_en, published, results_published, owner_organisation_id, created_at, updated_at"
    };
}

pub async fn find_by_slug(conn: &mut DbConn, slug: &str) -> sqlx::Result<Option<Call>> {
    sqlx::query_as::<_, Call>(concat!(
        "select ",
        call_columns!(),
        " from calls where slug = $1"
    ))
    .bind(slug)
    .fetch_optional(&mut *conn)
    .await
}

pub async fn find(conn: &mut DbConn, id: i64) -> sqlx::Result<Option<Call>> {
    sqlx::query_as::<_, Call>(concat!(
        "select ",
        call_columns!(),
        " from calls where id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await
}

/// Published calls, newest deadline first.
pub async fn list_published(conn: &mut DbConn) -> sqlx::Result<Vec<Call>> {
    sqlx::query_as::<_, Call>(concat!(
        "select ",
        call_columns!(),
        " from calls where published order by deadline desc, id"
    ))
    .fetch_all(&mut *conn)
    .await
}

pub async fn list_all(conn: &mut DbConn) -> sqlx::Result<Vec<Call>> {
    sqlx::query_as::<_, Call>(concat!(
        "select ",
        call_columns!(),
        " from calls order by deadline desc, id"
    ))
    .fetch_all(&mut *conn)
    .await
}

/// The calls `account` organises through a call-scoped grant.
/// Sets the organisation that owns the call.
pub async fn set_owner(
    conn: &mut DbConn,
    id: i64,
    owner: Option<crate::ids::OrganisationId>,
) -> sqlx::Result<()> {
    sqlx::query("update calls set owner_organisation_id = $2 where id = $1")
        .bind(id)
        .bind(owner)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn list_organised_by(conn: &mut DbConn, account: AccountId) -> sqlx::Result<Vec<Call>> {
    sqlx::query_as::<_, Call>(concat!("select ", call_columns!(), " from calls where id in \
         (select scope_id from role_grants where account_id = $1 and role = 'organiser' and scope_kind = 'call') \
         or owner_organisation_id in \
         (select scope_id from role_grants where account_id = $1 and role = 'organiser' and scope_kind = 'org') \
         order by deadline desc, id"))
    .bind(account)
    .fetch_all(&mut *conn)
    .await
}

pub async fn slug_taken(conn: &mut DbConn, slug: &str) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar("select count(*) from calls where slug = $1")
        .bind(slug)
        .fetch_one(&mut *conn)
        .await?;
    Ok(n > 0)
}

pub async fn insert(
    conn: &mut DbConn,
    d: &CallDraft,
    event_id: Option<EventId>,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        r#"
        insert into calls (slug, title_de, title_en, teaser_de, teaser_en, body_de, body_en,
            eligibility_de, eligibility_en, timezone, opens_at, deadline, review_at, results_at,
            event_id, abstract_max, max_files, file_max_mb, file_required, mail_submitted_de,
            mail_submitted_en, mail_ineligible_de, mail_ineligible_en, published, results_published,
            created_at, updated_at)
        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
            $19, $20, $21, $22, $23, false, false, $24, $24)
        returning id
        "#,
    )
    .bind(&d.slug)
    .bind(&d.title_de)
    .bind(&d.title_en)
    .bind(&d.teaser_de)
    .bind(&d.teaser_en)
    .bind(&d.body_de)
    .bind(&d.body_en)
    .bind(&d.eligibility_de)
    .bind(&d.eligibility_en)
    .bind(&d.timezone)
    .bind(d.phases.opens_at)
    .bind(d.phases.deadline)
    .bind(d.phases.review_at)
    .bind(d.phases.results_at)
    .bind(event_id)
    .bind(d.abstract_max)
    .bind(d.max_files)
    .bind(d.file_max_mb)
    .bind(d.file_required)
    .bind(&d.mail_submitted_de)
    .bind(&d.mail_submitted_en)
    .bind(&d.mail_ineligible_de)
    .bind(&d.mail_ineligible_en)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
}

pub async fn update(
    conn: &mut DbConn,
    id: i64,
    d: &CallDraft,
    event_id: Option<EventId>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        r#"
        update calls set slug = $2, title_de = $3, title_en = $4, teaser_de = $5, teaser_en = $6,
            body_de = $7, body_en = $8, eligibility_de = $9, eligibility_en = $10, timezone = $11,
            opens_at = $12, deadline = $13, review_at = $14, results_at = $15, event_id = $16,
            abstract_max = $17, max_files = $18, file_max_mb = $19, file_required = $20,
            mail_submitted_de = $21, mail_submitted_en = $22, mail_ineligible_de = $23,
            mail_ineligible_en = $24, updated_at = $25
        where id = $1
        "#,
    )
    .bind(id)
    .bind(&d.slug)
    .bind(&d.title_de)
    .bind(&d.title_en)
    .bind(&d.teaser_de)
    .bind(&d.teaser_en)
    .bind(&d.body_de)
    .bind(&d.body_en)
    .bind(&d.eligibility_de)
    .bind(&d.eligibility_en)
    .bind(&d.timezone)
    .bind(d.phases.opens_at)
    .bind(d.phases.deadline)
    .bind(d.phases.review_at)
    .bind(d.phases.results_at)
    .bind(event_id)
    .bind(d.abstract_max)
    .bind(d.max_files)
    .bind(d.file_max_mb)
    .bind(d.file_required)
    .bind(&d.mail_submitted_de)
    .bind(&d.mail_submitted_en)
    .bind(&d.mail_ineligible_de)
    .bind(&d.mail_ineligible_en)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn set_flags(
    conn: &mut DbConn,
    id: i64,
    published: bool,
    results_published: bool,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "update calls set published = $2, results_published = $3, updated_at = $4 where id = $1",
    )
    .bind(id)
    .bind(published)
    .bind(results_published)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

// --- Categories ---

pub async fn categories(conn: &mut DbConn, call_id: i64) -> sqlx::Result<Vec<Category>> {
    sqlx::query_as::<_, Category>(
        "select id, name_de, name_en from call_categories where call_id = $1 order by position, id",
    )
    .bind(call_id)
    .fetch_all(&mut *conn)
    .await
}

/// Replaces the categories by position: existing ones are renamed (submissions keep theirs),
/// new ones added, surplus ones removed (their submissions lose the category).
pub async fn set_categories(
    conn: &mut DbConn,
    call_id: i64,
    names: &[(String, String)],
) -> sqlx::Result<()> {
    let existing = categories(conn, call_id).await?;
    for (i, (de, en)) in names.iter().enumerate() {
        let position = i64::try_from(i).unwrap_or(0);
        match existing.get(i) {
            Some(c) => {
                sqlx::query("update call_categories set name_de = $2, name_en = $3, position = $4 where id = $1")
                    .bind(c.id)
                    .bind(de)
                    .bind(en)
                    .bind(position)
                    .execute(&mut *conn)
                    .await?;
            }
            None => {
                sqlx::query("insert into call_categories (call_id, name_de, name_en, position) values ($1, $2, $3, $4)")
                    .bind(call_id)
                    .bind(de)
                    .bind(en)
                    .bind(position)
                    .execute(&mut *conn)
                    .await?;
            }
        }
    }
    for c in existing.iter().skip(names.len()) {
        sqlx::query("delete from call_categories where id = $1")
            .bind(c.id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

// --- Questions ---

pub async fn questions(conn: &mut DbConn, call_id: i64) -> sqlx::Result<Vec<Question>> {
    sqlx::query_as::<_, Question>(
        r#"
        select id, kind, label_de, label_en, help_de, help_en, options, required, ticket_types, max_bytes,
               number_min, number_max, position
        from call_questions where call_id = $1 order by position, id
        "#,
    )
    .bind(call_id)
    .fetch_all(&mut *conn)
    .await
}

pub async fn insert_question(
    conn: &mut DbConn,
    call_id: i64,
    q: &QuestionSpec,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        r#"
        insert into call_questions
            (call_id, kind, label_de, label_en, help_de, help_en, options, required, max_bytes,
             number_min, number_max, position, created_at)
        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
                (select coalesce(max(position), 0) + 1 from call_questions where call_id = $1), $12)
        returning id
        "#,
    )
    .bind(call_id)
    .bind(q.kind)
    .bind(&q.label_de)
    .bind(&q.label_en)
    .bind(&q.help_de)
    .bind(&q.help_en)
    .bind(serde_json::to_string(&q.choices).unwrap_or_else(|_| "[]".into()))
    .bind(q.required)
    .bind(q.max_bytes)
    .bind(q.number_min)
    .bind(q.number_max)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
}

pub async fn delete_question(conn: &mut DbConn, call_id: i64, id: i64) -> sqlx::Result<bool> {
    let done = sqlx::query("delete from call_questions where call_id = $1 and id = $2")
        .bind(call_id)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

// --- Submissions ---

/// The columns of [`Submission`] (table alias `s`).
macro_rules! submission_columns {
    () => {
        "s.id, s.call_id, s.account_id, s.status, s.title, s.category_id, \
         s.abstract, s.organisation, s.website, s.eligible_at, s.status_reason, s.placement, \
         s.submitted_at, s.created_at, s.updated_at"
    };
}

pub async fn submission(conn: &mut DbConn, id: i64) -> sqlx::Result<Option<Submission>> {
    sqlx::query_as::<_, Submission>(concat!(
        "select ",
        submission_columns!(),
        " from submissions s where s.id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await
}

/// Every submission of a call that has left the draft state, in one query (the API list).
pub async fn submitted_of_call(conn: &mut DbConn, call_id: i64) -> sqlx::Result<Vec<Submission>> {
    sqlx::query_as::<_, Submission>(concat!(
        "select ",
        submission_columns!(),
        " from submissions s where s.call_id = $1 and s.status <> 'draft'"
    ))
    .bind(call_id)
    .fetch_all(&mut *conn)
    .await
}

/// The titles of a call's submissions, by id.
pub async fn titles(
    conn: &mut DbConn,
    call_id: i64,
) -> sqlx::Result<std::collections::HashMap<i64, String>> {
    let rows: Vec<(i64, String)> =
        sqlx::query_as("select id, title from submissions where call_id = $1")
            .bind(call_id)
            .fetch_all(&mut *conn)
            .await?;
    Ok(rows.into_iter().collect())
}

/// The audit lines of call `$1`: about the call, its submissions or its rounds, of kind `$2`.
macro_rules! call_log_filter {
    () => {
        "(a.subject = 'call:' || $1 \
          or a.subject in (select 'submission:' || id from submissions where call_id = $1) \
          or a.subject in (select 'round:' || id from jury_rounds where call_id = $1)) \
         and ($2 = '' or a.action like $2 || '.%')"
    };
}

/// The audit log of a call, newest first: rows about the call, its submissions and its jury
/// rounds; `kind` (`call`, `submission`, `jury`, or empty for all) filters by the action's
/// first word.
pub async fn log(
    conn: &mut DbConn,
    call_id: i64,
    kind: &str,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<LogRow>> {
    sqlx::query_as::<_, LogRow>(concat!(
        "select a.id, a.at, a.action, a.subject, a.detail, acc.name as actor_name \
         from audit_log a left join accounts acc on acc.id = a.actor_id where ",
        call_log_filter!(),
        " order by a.at desc, a.id desc limit $3 offset $4"
    ))
    .bind(call_id)
    .bind(kind)
    .bind(limit)
    .bind(offset)
    .fetch_all(&mut *conn)
    .await
}

/// How many lines [`log`] has for `kind` in all.
pub async fn log_count(conn: &mut DbConn, call_id: i64, kind: &str) -> sqlx::Result<i64> {
    sqlx::query_scalar(concat!(
        "select count(*) from audit_log a where ",
        call_log_filter!()
    ))
    .bind(call_id)
    .bind(kind)
    .fetch_one(&mut *conn)
    .await
}

/// Submitted entries an organiser has found eligible, waiting to go into review.
pub async fn eligible_submitted(conn: &mut DbConn, call_id: i64) -> sqlx::Result<Vec<Submission>> {
    sqlx::query_as::<_, Submission>(concat!(
        "select ",
        submission_columns!(),
        " from submissions s where s.call_id = $1 and s.status = 'submitted' \
          and s.eligible_at is not null order by s.id"
    ))
    .bind(call_id)
    .fetch_all(&mut *conn)
    .await
}

pub async fn count_eligible_submitted(conn: &mut DbConn, call_id: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "select count(*) from submissions where call_id = $1 and status = 'submitted' \
         and eligible_at is not null",
    )
    .bind(call_id)
    .fetch_one(&mut *conn)
    .await
}

/// Takes the submission's row lock (PostgreSQL; SQLite write transactions are serialised
/// already), so that concurrent uploads cannot pass the file limit together.
pub async fn lock_submission(conn: &mut DbConn, id: i64) -> sqlx::Result<()> {
    #[cfg(feature = "postgres")]
    {
        sqlx::query("select id from submissions where id = $1 for update")
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    #[cfg(feature = "sqlite")]
    {
        let _ = (conn, id);
    }
    Ok(())
}

/// The submissions of a call whose team includes `email` (or that `account` started).
pub async fn submissions_of_member(
    conn: &mut DbConn,
    call_id: Option<i64>,
    account: AccountId,
    email: &str,
) -> sqlx::Result<Vec<Submission>> {
    sqlx::query_as::<_, Submission>(concat!("select ", submission_columns!(), " from submissions s \
         where ($1 is null or s.call_id = $1) \
           and (s.account_id = $2 or exists (select 1 from submission_members m where m.submission_id = s.id and m.email = $3)) \
         order by s.created_at, s.id"))
    .bind(call_id)
    .bind(account)
    .bind(email)
    .fetch_all(&mut *conn)
    .await
}

pub async fn is_member(
    conn: &mut DbConn,
    submission_id: i64,
    account: AccountId,
    email: &str,
) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar(
        r#"
        select count(*) from submissions s
        where s.id = $1 and (s.account_id = $2
            or exists (select 1 from submission_members m where m.submission_id = s.id and m.email = $3))
        "#,
    )
    .bind(submission_id)
    .bind(account)
    .bind(email)
    .fetch_one(&mut *conn)
    .await?;
    Ok(n > 0)
}

pub async fn insert_submission(
    conn: &mut DbConn,
    call_id: i64,
    account: AccountId,
    organisation: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        r#"
        insert into submissions (call_id, account_id, status, organisation, created_at, updated_at)
        values ($1, $2, 'draft', $3, $4, $4)
        returning id
        "#,
    )
    .bind(call_id)
    .bind(account)
    .bind(organisation)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
}

pub async fn save_fields(
    conn: &mut DbConn,
    id: i64,
    f: &SubmissionFields,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        r#"
        update submissions set title = $2, category_id = $3, abstract = $4, organisation = $5,
            website = $6, updated_at = $7
        where id = $1
        "#,
    )
    .bind(id)
    .bind(&f.title)
    .bind(f.category_id)
    .bind(&f.summary)
    .bind(&f.organisation)
    .bind(&f.website)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The status with its reason and placement, and whether eligibility was confirmed.
pub struct StatusChange<'a> {
    pub status: SubmissionStatus,
    pub reason: &'a str,
    pub placement: Option<i64>,
    pub eligible_at: Option<DateTime<Utc>>,
}

pub async fn set_status(
    conn: &mut DbConn,
    id: i64,
    c: &StatusChange<'_>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        r#"
        update submissions set status = $2, status_reason = $3, placement = $4, eligible_at = $5,
            updated_at = $6,
            submitted_at = case when $2 = 'submitted' and status in ('draft', 'withdrawn') then $6 else submitted_at end
        where id = $1
        "#,
    )
    .bind(id)
    .bind(c.status)
    .bind(c.reason)
    .bind(c.placement)
    .bind(c.eligible_at)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A row of the organisers' list.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Row {
    pub id: i64,
    pub status: SubmissionStatus,
    pub title: String,
    pub category_id: Option<i64>,
    #[sqlx(rename = "abstract")]
    pub summary: String,
    pub organisation: String,
    pub website: String,
    pub eligible_at: Option<DateTime<Utc>>,
    pub status_reason: String,
    pub placement: Option<i64>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    pub lead_name: String,
    pub lead_email: String,
    pub files: i64,
    /// How many submissions match the filter in all (every page).
    pub total: i64,
}

/// The call's submissions, drafts excluded unless asked for by status, filtered; one page of
/// them when the filter names a window.
pub async fn rows(conn: &mut DbConn, call_id: i64, f: &Filter) -> sqlx::Result<Vec<Row>> {
    let q = f.q.trim().to_lowercase();
    let like = crate::db::contains_pattern(&q);
    sqlx::query_as::<_, Row>(
        r#"
        select s.id, s.status, s.title, s.category_id, s.abstract, s.organisation, s.website,
            s.eligible_at, s.status_reason, s.placement, s.submitted_at, s.updated_at,
            coalesce(a.name, '') as lead_name, coalesce(a.email, '') as lead_email,
            (select count(*) from submission_files f where f.submission_id = s.id) as files,
            count(*) over () as total
        from submissions s
        left join accounts a on a.id = s.account_id
        where s.call_id = $1
          and (($2 is null and s.status <> 'draft') or s.status = $2)
          and ($3 is null or s.category_id = $3)
          and ($4 = '' or lower(s.title) like $5 escape '\' or lower(s.organisation) like $5 escape '\'
               or lower(s.abstract) like $5 escape '\' or lower(coalesce(a.name, '')) like $5 escape '\')
        order by s.id
        limit $6 offset $7
        "#,
    )
    .bind(call_id)
    .bind(f.status)
    .bind(f.category_id)
    .bind(&q)
    .bind(like)
    .bind(f.window.map_or(i64::MAX, |(rows, _)| rows))
    .bind(f.window.map_or(0, |(_, skip)| skip))
    .fetch_all(&mut *conn)
    .await
}

/// Counts by status (for the list's header).
pub async fn counts(conn: &mut DbConn, call_id: i64) -> sqlx::Result<Vec<(SubmissionStatus, i64)>> {
    sqlx::query_as("select status, count(*) from submissions where call_id = $1 group by status")
        .bind(call_id)
        .fetch_all(&mut *conn)
        .await
}

/// Finalists and winners, best placement first (the public results).
pub async fn results(conn: &mut DbConn, call_id: i64) -> sqlx::Result<Vec<Submission>> {
    sqlx::query_as::<_, Submission>(concat!(
        "select ",
        submission_columns!(),
        " from submissions s \
         where s.call_id = $1 and s.status in ('winner', 'finalist') \
         order by case when s.status = 'winner' then 0 else 1 end, s.placement, s.title"
    ))
    .bind(call_id)
    .fetch_all(&mut *conn)
    .await
}

// --- Team ---

pub async fn members(conn: &mut DbConn, submission_id: i64) -> sqlx::Result<Vec<Member>> {
    sqlx::query_as::<_, Member>(
        "select id, email, name, role from submission_members where submission_id = $1 order by id",
    )
    .bind(submission_id)
    .fetch_all(&mut *conn)
    .await
}

/// Adds a member, or changes the name and role of one already there. Returns whether the
/// address is new to the team.
pub async fn put_member(
    conn: &mut DbConn,
    submission_id: i64,
    email: &str,
    name: &str,
    role: &str,
    by: AccountId,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let existing: i64 = sqlx::query_scalar(
        "select count(*) from submission_members where submission_id = $1 and email = $2",
    )
    .bind(submission_id)
    .bind(email)
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query(
        r#"
        insert into submission_members (submission_id, email, name, role, invited_by, created_at)
        values ($1, $2, $3, $4, $5, $6)
        on conflict (submission_id, email) do update set name = $3, role = $4
        "#,
    )
    .bind(submission_id)
    .bind(email)
    .bind(name)
    .bind(role)
    .bind(by)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(existing == 0)
}

pub async fn delete_member(conn: &mut DbConn, submission_id: i64, id: i64) -> sqlx::Result<bool> {
    let done = sqlx::query("delete from submission_members where submission_id = $1 and id = $2")
        .bind(submission_id)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Removes an address from every team.
pub async fn delete_member_everywhere(conn: &mut DbConn, email: &str) -> sqlx::Result<()> {
    sqlx::query("delete from submission_members where email = $1")
        .bind(email)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Deletes a submission with its answers, team and files (their bytes too).
pub async fn delete_submission(conn: &mut DbConn, id: i64) -> sqlx::Result<()> {
    sqlx::query(
        "delete from uploads where id in (select upload_id from submission_files where submission_id = $1) \
         or id in (select upload_id from submission_answers where submission_id = $1 and upload_id is not null)",
    )
    .bind(id)
    .execute(&mut *conn)
    .await?;
    sqlx::query("delete from submissions where id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

// --- Answers ---

pub async fn answers(conn: &mut DbConn, submission_id: i64) -> sqlx::Result<Vec<StoredAnswer>> {
    sqlx::query_as::<_, StoredAnswer>(
        r#"
        select x.question_id, x.value, u.filename
        from submission_answers x left join uploads u on u.id = x.upload_id
        where x.submission_id = $1
        "#,
    )
    .bind(submission_id)
    .fetch_all(&mut *conn)
    .await
}

/// (submission id, question id, value) of every answer in a call (exports).
pub async fn answers_of_call(
    conn: &mut DbConn,
    call_id: i64,
) -> sqlx::Result<Vec<(i64, i64, String)>> {
    sqlx::query_as(
        r#"
        select x.submission_id, x.question_id, x.value
        from submission_answers x join submissions s on s.id = x.submission_id
        where s.call_id = $1
        "#,
    )
    .bind(call_id)
    .fetch_all(&mut *conn)
    .await
}

pub async fn put_answer(
    conn: &mut DbConn,
    submission_id: i64,
    question_id: i64,
    value: &str,
    upload_id: Option<i64>,
) -> sqlx::Result<()> {
    sqlx::query(
        r#"
        insert into submission_answers (submission_id, question_id, value, upload_id) values ($1, $2, $3, $4)
        on conflict (submission_id, question_id) do update set value = $3, upload_id = $4
        "#,
    )
    .bind(submission_id)
    .bind(question_id)
    .bind(value)
    .bind(upload_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn delete_answer(
    conn: &mut DbConn,
    submission_id: i64,
    question_id: i64,
) -> sqlx::Result<()> {
    sqlx::query("delete from submission_answers where submission_id = $1 and question_id = $2")
        .bind(submission_id)
        .bind(question_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The file answering a question of a submission: (name, content type, bytes).
pub async fn answer_upload(
    conn: &mut DbConn,
    submission_id: i64,
    question_id: i64,
) -> sqlx::Result<Option<(String, String, Vec<u8>)>> {
    sqlx::query_as(
        r#"
        select u.filename, u.content_type, u.data
        from submission_answers x join uploads u on u.id = x.upload_id
        where x.submission_id = $1 and x.question_id = $2
        "#,
    )
    .bind(submission_id)
    .bind(question_id)
    .fetch_optional(&mut *conn)
    .await
}

// --- Files ---

pub async fn files(conn: &mut DbConn, submission_id: i64) -> sqlx::Result<Vec<FileRow>> {
    sqlx::query_as::<_, FileRow>(
        r#"
        select f.id, f.label, u.filename, u.content_type, u.size, f.created_at
        from submission_files f join uploads u on u.id = f.upload_id
        where f.submission_id = $1 order by f.id
        "#,
    )
    .bind(submission_id)
    .fetch_all(&mut *conn)
    .await
}

pub async fn insert_file(
    conn: &mut DbConn,
    submission_id: i64,
    upload_id: i64,
    label: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "insert into submission_files (submission_id, upload_id, label, created_at) values ($1, $2, $3, $4) returning id",
    )
    .bind(submission_id)
    .bind(upload_id)
    .bind(label)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
}

/// A file of a submission with its bytes: (name, content type, bytes).
pub async fn file(
    conn: &mut DbConn,
    submission_id: i64,
    id: i64,
) -> sqlx::Result<Option<(String, String, Vec<u8>)>> {
    sqlx::query_as(
        r#"
        select u.filename, u.content_type, u.data
        from submission_files f join uploads u on u.id = f.upload_id
        where f.submission_id = $1 and f.id = $2
        "#,
    )
    .bind(submission_id)
    .bind(id)
    .fetch_optional(&mut *conn)
    .await
}

/// Removes a file and its bytes.
pub async fn delete_file(conn: &mut DbConn, submission_id: i64, id: i64) -> sqlx::Result<bool> {
    let upload: Option<i64> = sqlx::query_scalar(
        "select upload_id from submission_files where submission_id = $1 and id = $2",
    )
    .bind(submission_id)
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(upload) = upload else {
        return Ok(false);
    };
    sqlx::query("delete from submission_files where id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("delete from uploads where id = $1")
        .bind(upload)
        .execute(&mut *conn)
        .await?;
    Ok(true)
}

/// Every attached file of a call's handed-in submissions, one at a time for the ZIP:
/// (submission id, file id, name).
pub async fn files_of_call(
    conn: &mut DbConn,
    call_id: i64,
) -> sqlx::Result<Vec<(i64, i64, String)>> {
    sqlx::query_as(
        r#"
        select f.submission_id, f.id, u.filename
        from submission_files f
        join submissions s on s.id = f.submission_id
        join uploads u on u.id = f.upload_id
        where s.call_id = $1 and s.status not in ('draft', 'withdrawn')
        order by f.submission_id, f.id
        "#,
    )
    .bind(call_id)
    .fetch_all(&mut *conn)
    .await
}

/// Deadlines of calls `account` (or a team with `email`) has a draft or submitted entry in:
/// (call slug, call title de, title en, deadline) for the personal calendar.
pub async fn deadlines_of(
    conn: &mut DbConn,
    account: AccountId,
    email: &str,
) -> sqlx::Result<Vec<(String, String, String, DateTime<Utc>, DateTime<Utc>)>> {
    sqlx::query_as(
        r#"
        select distinct c.slug, c.title_de, c.title_en, c.deadline, c.updated_at
        from calls c join submissions s on s.call_id = c.id
        where s.status in ('draft', 'submitted')
          and (s.account_id = $1
               or exists (select 1 from submission_members m where m.submission_id = s.id and m.email = $2))
        "#,
    )
    .bind(account)
    .bind(email)
    .fetch_all(&mut *conn)
    .await
}

/// The audit trail of a submission: (at, actor name, detail).
pub async fn history(
    conn: &mut DbConn,
    submission_id: i64,
) -> sqlx::Result<Vec<(DateTime<Utc>, String, String)>> {
    sqlx::query_as(
        r#"
        select l.at, coalesce(a.name, ''), l.detail
        from audit_log l left join accounts a on a.id = l.actor_id
        where l.subject = $1 and l.action = 'submission.status'
        order by l.at, l.id
        "#,
    )
    .bind(format!("submission:{submission_id}"))
    .fetch_all(&mut *conn)
    .await
}
