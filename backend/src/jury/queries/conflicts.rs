//! SQL for conflicts of interest: what a juror declared, and the facts detection reads (team
//! membership, colleagues, organisation names); the organisers' decisions on possible matches.

use chrono::{DateTime, Utc};

use crate::db::DbConn;
use crate::jury::model::Declaration;

/// Conflicts found from the people: `(juror account, submission, in the team)` for every juror
/// of the call (or only `juror`) who is on a handed-in submission's team (`true`), or whose
/// organisation record is also that of a team member or of the entry's starter: a colleague
/// (`false`). Names of organisations are compared in the service (`organisation::matching`).
pub async fn people_conflicts(
    conn: &mut DbConn,
    call_id: i64,
    juror: Option<i64>,
) -> sqlx::Result<Vec<(i64, i64, bool)>> {
    sqlx::query_as::<_, (i64, i64, bool)>(
        r#"
        -- Four ways to be linked, each a join rather than a test of every juror with every
        -- entry: on the team, the entry's starter, a colleague on the team, a colleague who
        -- started it. A pair found more than one way is in the team if any way says so.
        select account_id, submission_id, max(team) = 1 as team from (
            select j.account_id, s.id as submission_id, 1 as team
            from jurors j
            join accounts a on a.id = j.account_id
            join submission_members m on m.email = a.email
            join submissions s on s.id = m.submission_id
            where j.call_id = $1 and s.call_id = $1 and s.status <> 'draft'
              and ($2 is null or j.account_id = $2)
            union all
            select j.account_id, s.id, 1
            from jurors j
            join submissions s on s.account_id = j.account_id
            where j.call_id = $1 and s.call_id = $1 and s.status <> 'draft'
              and ($2 is null or j.account_id = $2)
            union all
            select j.account_id, s.id, 0
            from jurors j
            join accounts a on a.id = j.account_id
            join accounts ma on ma.organisation_id = a.organisation_id
            join submission_members m on m.email = ma.email
            join submissions s on s.id = m.submission_id
            where j.call_id = $1 and s.call_id = $1 and s.status <> 'draft'
              and ($2 is null or j.account_id = $2)
            union all
            select j.account_id, s.id, 0
            from jurors j
            join accounts a on a.id = j.account_id
            join accounts sa on sa.organisation_id = a.organisation_id
            join submissions s on s.account_id = sa.id
            where j.call_id = $1 and s.call_id = $1 and s.status <> 'draft'
              and ($2 is null or j.account_id = $2)
        ) linked
        group by account_id, submission_id
        order by account_id, submission_id
        "#,
    )
    .bind(call_id)
    .bind(juror)
    .fetch_all(&mut *conn)
    .await
}

/// The name of each juror's organisation record: `(juror account, name)`, for the call's jurors
/// (or only `juror`) who have one.
pub async fn juror_organisations(
    conn: &mut DbConn,
    call_id: i64,
    juror: Option<i64>,
) -> sqlx::Result<Vec<(i64, String)>> {
    sqlx::query_as(
        "select j.account_id, o.name from jurors j join accounts a on a.id = j.account_id \
         join organisations o on o.id = a.organisation_id \
         where j.call_id = $1 and ($2 is null or j.account_id = $2) order by j.account_id",
    )
    .bind(call_id)
    .bind(juror)
    .fetch_all(&mut *conn)
    .await
}

/// The organisation each handed-in entry names: `(submission, organisation)`, where given.
pub async fn entry_organisations(
    conn: &mut DbConn,
    call_id: i64,
) -> sqlx::Result<Vec<(i64, String)>> {
    sqlx::query_as(
        "select id, organisation from submissions \
         where call_id = $1 and status <> 'draft' and trim(organisation) <> '' order by id",
    )
    .bind(call_id)
    .fetch_all(&mut *conn)
    .await
}

/// The organisers' decisions on possibly matching organisation names:
/// `(juror account, submission, conflict)`.
pub async fn organisation_checks(
    conn: &mut DbConn,
    call_id: i64,
) -> sqlx::Result<Vec<(i64, i64, bool)>> {
    sqlx::query_as(
        "select account_id, submission_id, conflict from jury_organisation_checks \
         where call_id = $1",
    )
    .bind(call_id)
    .fetch_all(&mut *conn)
    .await
}

/// Records an organiser's decision on a possible organisation match (the last one counts).
pub async fn upsert_organisation_check(
    conn: &mut DbConn,
    call_id: i64,
    juror: i64,
    submission: i64,
    conflict: bool,
    by: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into jury_organisation_checks \
         (call_id, account_id, submission_id, conflict, decided_by, decided_at) \
         values ($1, $2, $3, $4, $5, $6) \
         on conflict (account_id, submission_id) \
         do update set conflict = excluded.conflict, decided_by = excluded.decided_by, \
         decided_at = excluded.decided_at",
    )
    .bind(call_id)
    .bind(juror)
    .bind(submission)
    .bind(conflict)
    .bind(by)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Every declaration of the call's jurors.
pub async fn declarations(conn: &mut DbConn, call_id: i64) -> sqlx::Result<Vec<Declaration>> {
    sqlx::query_as::<_, Declaration>(
        "select d.submission_id, d.account_id, d.conflict, d.reason, d.declared_at \
         from jury_declarations d join submissions s on s.id = d.submission_id \
         where s.call_id = $1 order by d.declared_at, d.id",
    )
    .bind(call_id)
    .fetch_all(&mut *conn)
    .await
}

/// The declared conflicts of the call's jurors, `(juror, submission, declared at)`: the
/// declarations of no conflict, one per juror and entry before scoring, are left in the table.
pub async fn declared_conflicts(
    conn: &mut DbConn,
    call_id: i64,
) -> sqlx::Result<Vec<(i64, i64, DateTime<Utc>)>> {
    sqlx::query_as::<_, (i64, i64, DateTime<Utc>)>(
        "select d.account_id, d.submission_id, d.declared_at \
         from jury_declarations d join submissions s on s.id = d.submission_id \
         where s.call_id = $1 and d.conflict",
    )
    .bind(call_id)
    .fetch_all(&mut *conn)
    .await
}

/// One juror's declarations in the call.
pub async fn declarations_of(
    conn: &mut DbConn,
    call_id: i64,
    account_id: i64,
) -> sqlx::Result<Vec<Declaration>> {
    sqlx::query_as::<_, Declaration>(
        "select d.submission_id, d.account_id, d.conflict, d.reason, d.declared_at \
         from jury_declarations d join submissions s on s.id = d.submission_id \
         where s.call_id = $1 and d.account_id = $2 order by d.declared_at, d.id",
    )
    .bind(call_id)
    .bind(account_id)
    .fetch_all(&mut *conn)
    .await
}

pub async fn declaration(
    conn: &mut DbConn,
    submission_id: i64,
    account_id: i64,
) -> sqlx::Result<Option<Declaration>> {
    sqlx::query_as::<_, Declaration>(
        "select submission_id, account_id, conflict, reason, declared_at from jury_declarations \
         where submission_id = $1 and account_id = $2",
    )
    .bind(submission_id)
    .bind(account_id)
    .fetch_optional(&mut *conn)
    .await
}

pub async fn upsert_declaration(
    conn: &mut DbConn,
    submission_id: i64,
    account_id: i64,
    conflict: bool,
    reason: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        r#"
        insert into jury_declarations (submission_id, account_id, conflict, reason, declared_at)
        values ($1, $2, $3, $4, $5)
        on conflict (submission_id, account_id)
        do update set conflict = $3, reason = $4, declared_at = $5
        "#,
    )
    .bind(submission_id)
    .bind(account_id)
    .bind(conflict)
    .bind(reason)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
