//! SQL for the jury. Every function takes a connection (or a transaction) so that services
//! decide what runs together.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::model::{
    Assignment, ConfirmedLine, CriterionDraft, CriterionRow, JurorRow, Review, ReviewRow,
    ReviewState, Round, RoundDraft, Slot,
};
// Rows and filters live in `model`; named here too, where the services have always found them.
pub use super::model::Entrant;
use super::rank::Aggregation;
use crate::db::DbConn;

mod conflicts;
mod figures;
pub use conflicts::*;
pub use figures::*;

/// The columns of [`Round`].
macro_rules! round_columns {
    () => {
        "id, call_id, position, name_de, name_en, kind, entrants, scale_min, scale_max, aggregation, \
         normalise, per_submission, disagreement, others_scores, names_hidden, opens_at, closes_at, \
         closed_at, session_id, confirmed_at, confirmed_by, reminded_at, created_at, updated_at"
    };
}

macro_rules! criterion_columns {
    () => {
        "id, round_id, position, name_de, name_en, help_de, help_en, labels_de, labels_en, weight, \
         informational, created_at"
    };
}

macro_rules! review_columns {
    () => {
        "r.id, r.round_id, r.account_id, r.submission_id, r.state, r.comment, r.team_note, \
         r.abstain_reason, r.created_at, r.updated_at, r.finalised_at, r.others_seen_at"
    };
}

// --- Rounds ---

pub async fn rounds(conn: &mut DbConn, call_id: i64) -> sqlx::Result<Vec<Round>> {
    sqlx::query_as::<_, Round>(concat!(
        "select ",
        round_columns!(),
        " from jury_rounds where call_id = $1 order by position, id"
    ))
    .bind(call_id)
    .fetch_all(&mut *conn)
    .await
}

pub async fn round(conn: &mut DbConn, id: i64) -> sqlx::Result<Option<Round>> {
    sqlx::query_as::<_, Round>(concat!(
        "select ",
        round_columns!(),
        " from jury_rounds where id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await
}

/// Takes the round's row lock (PostgreSQL; SQLite write transactions are serialised already).
pub async fn lock_round(conn: &mut DbConn, id: i64) -> sqlx::Result<()> {
    #[cfg(feature = "postgres")]
    {
        sqlx::query("select id from jury_rounds where id = $1 for update")
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

fn aggregation_str(a: Aggregation) -> &'static str {
    match a {
        Aggregation::WeightedMean => "mean",
        Aggregation::Median => "median",
    }
}

pub async fn insert_round(
    conn: &mut DbConn,
    call_id: i64,
    d: &RoundDraft,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        r#"
        insert into jury_rounds (call_id, position, name_de, name_en, kind, entrants, scale_min,
            scale_max, aggregation, normalise, per_submission, disagreement, others_scores,
            names_hidden, opens_at, closes_at, session_id, created_at, updated_at)
        values ($1, (select coalesce(max(position), 0) + 1 from jury_rounds where call_id = $1),
            $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17)
        returning id
        "#,
    )
    .bind(call_id)
    .bind(&d.name_de)
    .bind(&d.name_en)
    .bind(d.kind.as_str())
    .bind(d.entrants.as_str())
    .bind(d.scale_min)
    .bind(d.scale_max)
    .bind(aggregation_str(d.aggregation))
    .bind(d.normalise)
    .bind(d.per_submission)
    .bind(d.disagreement)
    .bind(d.others_scores.as_str())
    .bind(d.names_hidden)
    .bind(d.opens_at)
    .bind(d.closes_at)
    .bind(d.session_id)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
}

pub async fn update_round(
    conn: &mut DbConn,
    id: i64,
    d: &RoundDraft,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        r#"
        update jury_rounds set name_de = $2, name_en = $3, kind = $4, entrants = $5,
            scale_min = $6, scale_max = $7, aggregation = $8, normalise = $9,
            per_submission = $10, disagreement = $11, others_scores = $12, names_hidden = $13,
            opens_at = $14, closes_at = $15, session_id = $16, updated_at = $17
        where id = $1
        "#,
    )
    .bind(id)
    .bind(&d.name_de)
    .bind(&d.name_en)
    .bind(d.kind.as_str())
    .bind(d.entrants.as_str())
    .bind(d.scale_min)
    .bind(d.scale_max)
    .bind(aggregation_str(d.aggregation))
    .bind(d.normalise)
    .bind(d.per_submission)
    .bind(d.disagreement)
    .bind(d.others_scores.as_str())
    .bind(d.names_hidden)
    .bind(d.opens_at)
    .bind(d.closes_at)
    .bind(d.session_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn close_round(conn: &mut DbConn, id: i64, now: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query("update jury_rounds set closed_at = $2, updated_at = $2 where id = $1")
        .bind(id)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn set_confirmed(
    conn: &mut DbConn,
    id: i64,
    by: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "update jury_rounds set confirmed_at = $2, confirmed_by = $3, updated_at = $2 where id = $1",
    )
    .bind(id)
    .bind(now)
    .bind(by)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A round's own panel: the jurors listed for it (empty: the call's whole jury judges it).
pub async fn panel(conn: &mut DbConn, round_id: i64) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar(
        "select account_id from jury_round_panels where round_id = $1 order by account_id",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await
}

/// Replaces a round's panel with `jurors` (empty: the whole jury).
pub async fn set_panel(conn: &mut DbConn, round_id: i64, jurors: &[i64]) -> sqlx::Result<()> {
    sqlx::query("delete from jury_round_panels where round_id = $1")
        .bind(round_id)
        .execute(&mut *conn)
        .await?;
    for j in jurors {
        sqlx::query("insert into jury_round_panels (round_id, account_id) values ($1, $2)")
            .bind(round_id)
            .bind(j)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Records the ranking lines of a round as the chair confirmed them.
pub async fn insert_confirmed_lines(
    conn: &mut DbConn,
    round_id: i64,
    lines: &[ConfirmedLine],
) -> sqlx::Result<()> {
    for l in lines {
        sqlx::query(
            "insert into jury_confirmed_lines (round_id, submission_id, rank, score, raw_score, \
             reviews, abstentions, spread, normalised_spread, disagreement, first_criterion, \
             outcome) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(round_id)
        .bind(l.submission_id)
        .bind(l.rank)
        .bind(l.score)
        .bind(l.raw_score)
        .bind(l.reviews)
        .bind(l.abstentions)
        .bind(l.spread)
        .bind(l.normalised_spread)
        .bind(l.disagreement)
        .bind(l.first_criterion)
        .bind(&l.outcome)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The ranking of a round as the chair confirmed it, in rank order (empty before).
pub async fn confirmed_lines(conn: &mut DbConn, round_id: i64) -> sqlx::Result<Vec<ConfirmedLine>> {
    sqlx::query_as::<_, ConfirmedLine>(
        "select submission_id, rank, score, raw_score, reviews, abstentions, spread, \
         normalised_spread, disagreement, first_criterion, outcome from jury_confirmed_lines \
         where round_id = $1 order by rank, submission_id",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await
}

/// Claims a round's reminders: true for the one caller that marks it, false when another
/// server did so first (on PostgreSQL the second update waits for the first to commit, then
/// finds `reminded_at` set).
pub async fn claim_reminders(conn: &mut DbConn, id: i64, now: DateTime<Utc>) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "update jury_rounds set reminded_at = $2 where id = $1 and reminded_at is null",
    )
    .bind(id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Open rounds that close within `until` and have not been reminded about yet.
pub async fn rounds_to_remind(
    conn: &mut DbConn,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
) -> sqlx::Result<Vec<Round>> {
    sqlx::query_as::<_, Round>(concat!(
        "select ",
        round_columns!(),
        " from jury_rounds where reminded_at is null and closed_at is null and confirmed_at is null \
          and opens_at <= $1 and closes_at > $1 and closes_at <= $2 order by id"
    ))
    .bind(now)
    .bind(until)
    .fetch_all(&mut *conn)
    .await
}

// --- Criteria ---

pub async fn criteria(conn: &mut DbConn, round_id: i64) -> sqlx::Result<Vec<CriterionRow>> {
    sqlx::query_as::<_, CriterionRow>(concat!(
        "select ",
        criterion_columns!(),
        " from jury_criteria where round_id = $1 order by position, id"
    ))
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await
}

fn labels_json(labels: &[(i64, String)]) -> String {
    serde_json::to_string(labels).unwrap_or_else(|_| "[]".into())
}

pub async fn insert_criterion(
    conn: &mut DbConn,
    round_id: i64,
    d: &CriterionDraft,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        r#"
        insert into jury_criteria (round_id, position, name_de, name_en, help_de, help_en,
            labels_de, labels_en, weight, informational, created_at)
        values ($1, (select coalesce(max(position), 0) + 1 from jury_criteria where round_id = $1),
            $2, $3, $4, $5, $6, $7, $8, $9, $10)
        returning id
        "#,
    )
    .bind(round_id)
    .bind(&d.name_de)
    .bind(&d.name_en)
    .bind(&d.help_de)
    .bind(&d.help_en)
    .bind(labels_json(&d.labels_de))
    .bind(labels_json(&d.labels_en))
    .bind(d.weight)
    .bind(d.informational)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
}

pub async fn update_criterion(
    conn: &mut DbConn,
    round_id: i64,
    id: i64,
    d: &CriterionDraft,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        r#"
        update jury_criteria set name_de = $3, name_en = $4, help_de = $5, help_en = $6,
            labels_de = $7, labels_en = $8, weight = $9, informational = $10
        where round_id = $1 and id = $2
        "#,
    )
    .bind(round_id)
    .bind(id)
    .bind(&d.name_de)
    .bind(&d.name_en)
    .bind(&d.help_de)
    .bind(&d.help_en)
    .bind(labels_json(&d.labels_de))
    .bind(labels_json(&d.labels_en))
    .bind(d.weight)
    .bind(d.informational)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn delete_criterion(conn: &mut DbConn, round_id: i64, id: i64) -> sqlx::Result<bool> {
    let done = sqlx::query("delete from jury_criteria where round_id = $1 and id = $2")
        .bind(round_id)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Whether any juror has scored in this round (criteria and scale are then fixed).
pub async fn round_has_scores(conn: &mut DbConn, round_id: i64) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "select count(*) from jury_scores sc join jury_reviews r on r.id = sc.review_id \
         where r.round_id = $1",
    )
    .bind(round_id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(n > 0)
}

// --- Jurors ---

macro_rules! juror_select {
    () => {
        "select j.id, j.call_id, j.account_id, j.categories, j.created_at, a.name, a.email, \
         o.name as organisation \
         from jurors j join accounts a on a.id = j.account_id \
         left join organisations o on o.id = a.organisation_id "
    };
}

pub async fn jurors(conn: &mut DbConn, call_id: i64) -> sqlx::Result<Vec<JurorRow>> {
    sqlx::query_as::<_, JurorRow>(concat!(
        juror_select!(),
        "where j.call_id = $1 order by lower(a.name), j.id"
    ))
    .bind(call_id)
    .fetch_all(&mut *conn)
    .await
}

pub async fn juror(
    conn: &mut DbConn,
    call_id: i64,
    account_id: i64,
) -> sqlx::Result<Option<JurorRow>> {
    sqlx::query_as::<_, JurorRow>(concat!(
        juror_select!(),
        "where j.call_id = $1 and j.account_id = $2"
    ))
    .bind(call_id)
    .bind(account_id)
    .fetch_optional(&mut *conn)
    .await
}

/// Adds a juror; `false` when they were one already (their categories are then replaced).
pub async fn upsert_juror(
    conn: &mut DbConn,
    call_id: i64,
    account_id: i64,
    categories: &[i64],
    by: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let cats = serde_json::to_string(categories).unwrap_or_else(|_| "[]".into());
    let existed: Option<i64> =
        sqlx::query_scalar("select id from jurors where call_id = $1 and account_id = $2")
            .bind(call_id)
            .bind(account_id)
            .fetch_optional(&mut *conn)
            .await?;
    if let Some(id) = existed {
        sqlx::query("update jurors set categories = $2 where id = $1")
            .bind(id)
            .bind(cats)
            .execute(&mut *conn)
            .await?;
        return Ok(false);
    }
    sqlx::query(
        "insert into jurors (call_id, account_id, categories, invited_by, created_at) \
         values ($1, $2, $3, $4, $5)",
    )
    .bind(call_id)
    .bind(account_id)
    .bind(cats)
    .bind(by)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(true)
}

pub async fn delete_juror(conn: &mut DbConn, call_id: i64, account_id: i64) -> sqlx::Result<bool> {
    let done = sqlx::query("delete from jurors where call_id = $1 and account_id = $2")
        .bind(call_id)
        .bind(account_id)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The id of the juror role grant of `account_id` for the call, if any.
pub async fn juror_grant(
    conn: &mut DbConn,
    account_id: i64,
    call_id: i64,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "select id from role_grants where account_id = $1 and role = 'juror' \
         and scope_kind = 'call' and scope_id = $2",
    )
    .bind(account_id)
    .bind(call_id)
    .fetch_optional(&mut *conn)
    .await
}

/// The calls `account_id` is a juror of.
pub async fn juror_calls(conn: &mut DbConn, account_id: i64) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar("select call_id from jurors where account_id = $1 order by call_id")
        .bind(account_id)
        .fetch_all(&mut *conn)
        .await
}

// --- Entrants, conflicts ---

/// The submissions of a call with `status`, by id.
pub async fn entrants(conn: &mut DbConn, call_id: i64, status: &str) -> sqlx::Result<Vec<Entrant>> {
    sqlx::query_as::<_, Entrant>(
        "select id, title, category_id, organisation, status from submissions \
         where call_id = $1 and status = $2 order by id",
    )
    .bind(call_id)
    .bind(status)
    .fetch_all(&mut *conn)
    .await
}

// --- Assignments ---

pub async fn assignments(conn: &mut DbConn, round_id: i64) -> sqlx::Result<Vec<Assignment>> {
    sqlx::query_as::<_, Assignment>(
        "select id, round_id, account_id, submission_id, source, created_at \
         from jury_assignments where round_id = $1 order by submission_id, account_id",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await
}

/// The entries one juror is assigned to in a round.
pub async fn assigned_to(
    conn: &mut DbConn,
    round_id: i64,
    account_id: i64,
) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar(
        "select submission_id from jury_assignments where round_id = $1 and account_id = $2 \
         order by submission_id",
    )
    .bind(round_id)
    .bind(account_id)
    .fetch_all(&mut *conn)
    .await
}

pub async fn is_assigned(
    conn: &mut DbConn,
    round_id: i64,
    account_id: i64,
    submission_id: i64,
) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "select count(*) from jury_assignments \
         where round_id = $1 and account_id = $2 and submission_id = $3",
    )
    .bind(round_id)
    .bind(account_id)
    .bind(submission_id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(n > 0)
}

/// Whether `account_id` is assigned `submission_id` in any round (attachments, for jurors).
pub async fn is_assigned_anywhere(
    conn: &mut DbConn,
    account_id: i64,
    submission_id: i64,
) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "select count(*) from jury_assignments where account_id = $1 and submission_id = $2",
    )
    .bind(account_id)
    .bind(submission_id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(n > 0)
}

/// Adds an assignment; `false` when it existed.
pub async fn insert_assignment(
    conn: &mut DbConn,
    round_id: i64,
    account_id: i64,
    submission_id: i64,
    source: &str,
    by: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        r#"
        insert into jury_assignments (round_id, account_id, submission_id, source, created_by, created_at)
        values ($1, $2, $3, $4, $5, $6)
        on conflict (round_id, account_id, submission_id) do nothing
        "#,
    )
    .bind(round_id)
    .bind(account_id)
    .bind(submission_id)
    .bind(source)
    .bind(by)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn delete_assignment(
    conn: &mut DbConn,
    round_id: i64,
    account_id: i64,
    submission_id: i64,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "delete from jury_assignments where round_id = $1 and account_id = $2 and submission_id = $3",
    )
    .bind(round_id)
    .bind(account_id)
    .bind(submission_id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

// --- Reviews ---

async fn attach_scores(
    conn: &mut DbConn,
    rows: Vec<ReviewRow>,
    round_id: i64,
) -> sqlx::Result<Vec<Review>> {
    let scores: Vec<(i64, i64, f64)> = sqlx::query_as(
        "select sc.review_id, sc.criterion_id, sc.score from jury_scores sc \
         join jury_reviews r on r.id = sc.review_id where r.round_id = $1",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut by_review: HashMap<i64, HashMap<i64, f64>> = HashMap::new();
    for (review, criterion, score) in scores {
        by_review
            .entry(review)
            .or_default()
            .insert(criterion, score);
    }
    Ok(rows
        .into_iter()
        .map(|row| Review {
            scores: by_review.remove(&row.id).unwrap_or_default(),
            row,
        })
        .collect())
}

/// Every review of a round, with its scores.
pub async fn reviews(conn: &mut DbConn, round_id: i64) -> sqlx::Result<Vec<Review>> {
    let rows = sqlx::query_as::<_, ReviewRow>(concat!(
        "select ",
        review_columns!(),
        " from jury_reviews r where r.round_id = $1 order by r.submission_id, r.account_id"
    ))
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?;
    attach_scores(conn, rows, round_id).await
}

/// One juror's reviews in a round (without scores): their queue and progress.
pub async fn reviews_of_juror(
    conn: &mut DbConn,
    round_id: i64,
    account_id: i64,
) -> sqlx::Result<Vec<ReviewRow>> {
    sqlx::query_as::<_, ReviewRow>(concat!(
        "select ",
        review_columns!(),
        " from jury_reviews r where r.round_id = $1 and r.account_id = $2 order by r.submission_id"
    ))
    .bind(round_id)
    .bind(account_id)
    .fetch_all(&mut *conn)
    .await
}

/// One juror's review of one entry in a round, with its scores.
pub async fn review(
    conn: &mut DbConn,
    round_id: i64,
    account_id: i64,
    submission_id: i64,
) -> sqlx::Result<Option<Review>> {
    let Some(row) = sqlx::query_as::<_, ReviewRow>(concat!(
        "select ",
        review_columns!(),
        " from jury_reviews r where r.round_id = $1 and r.account_id = $2 and r.submission_id = $3"
    ))
    .bind(round_id)
    .bind(account_id)
    .bind(submission_id)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let scores: Vec<(i64, f64)> =
        sqlx::query_as("select criterion_id, score from jury_scores where review_id = $1")
            .bind(row.id)
            .fetch_all(&mut *conn)
            .await?;
    Ok(Some(Review {
        row,
        scores: scores.into_iter().collect(),
    }))
}

/// The review's id, creating a draft if there is none yet; then takes its row lock
/// (PostgreSQL), so that concurrent saves of the same review run one after the other.
pub async fn review_for_update(
    conn: &mut DbConn,
    round_id: i64,
    account_id: i64,
    submission_id: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    sqlx::query(
        r#"
        insert into jury_reviews (round_id, account_id, submission_id, state, created_at, updated_at)
        values ($1, $2, $3, 'draft', $4, $4)
        on conflict (round_id, account_id, submission_id) do nothing
        "#,
    )
    .bind(round_id)
    .bind(account_id)
    .bind(submission_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    let q = if cfg!(feature = "postgres") {
        "select id from jury_reviews where round_id = $1 and account_id = $2 and submission_id = $3 for update"
    } else {
        "select id from jury_reviews where round_id = $1 and account_id = $2 and submission_id = $3"
    };
    sqlx::query_scalar(q)
        .bind(round_id)
        .bind(account_id)
        .bind(submission_id)
        .fetch_one(&mut *conn)
        .await
}

pub async fn set_score(
    conn: &mut DbConn,
    review_id: i64,
    criterion_id: i64,
    score: Option<f64>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    match score {
        Some(score) => {
            sqlx::query(
                r#"
                insert into jury_scores (review_id, criterion_id, score, updated_at)
                values ($1, $2, $3, $4)
                on conflict (review_id, criterion_id) do update set score = $3, updated_at = $4
                "#,
            )
            .bind(review_id)
            .bind(criterion_id)
            .bind(score)
            .bind(now)
            .execute(&mut *conn)
            .await?;
        }
        None => {
            sqlx::query("delete from jury_scores where review_id = $1 and criterion_id = $2")
                .bind(review_id)
                .bind(criterion_id)
                .execute(&mut *conn)
                .await?;
        }
    }
    Ok(())
}

/// Writes the texts (those given) and the state of a review.
#[allow(clippy::too_many_arguments)]
pub async fn update_review(
    conn: &mut DbConn,
    review_id: i64,
    state: ReviewState,
    comment: Option<&str>,
    team_note: Option<&str>,
    abstain_reason: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        r#"
        update jury_reviews set state = $2, comment = coalesce($3, comment),
            team_note = coalesce($4, team_note), abstain_reason = $5, updated_at = $6,
            finalised_at = case when $2 = 'draft' then null else coalesce(finalised_at, $6) end
        where id = $1
        "#,
    )
    .bind(review_id)
    .bind(state.as_str())
    .bind(comment)
    .bind(team_note)
    .bind(abstain_reason)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Records that the juror of a review opened the other jurors' reviews of its entry (the first
/// time only: the instant stays that of the first look).
pub async fn mark_others_seen(
    conn: &mut DbConn,
    review_id: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "update jury_reviews set others_seen_at = coalesce(others_seen_at, $2) where id = $1",
    )
    .bind(review_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Deletes a juror's draft review (when their assignment goes).
pub async fn delete_draft_review(
    conn: &mut DbConn,
    round_id: i64,
    account_id: i64,
    submission_id: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "delete from jury_reviews where round_id = $1 and account_id = $2 and submission_id = $3 \
         and state = 'draft'",
    )
    .bind(round_id)
    .bind(account_id)
    .bind(submission_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The notes for the team in the final reviews of a submission, in every round, oldest first;
/// not those of a juror who has declared a conflict since (their review no longer counts).
pub async fn team_notes(conn: &mut DbConn, submission_id: i64) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar(
        "select r.team_note from jury_reviews r where r.submission_id = $1 and r.state = 'final' \
         and trim(r.team_note) <> '' \
         and not exists (select 1 from jury_declarations d where d.submission_id = r.submission_id \
             and d.account_id = r.account_id and d.conflict) \
         order by r.round_id, r.finalised_at, r.id",
    )
    .bind(submission_id)
    .fetch_all(&mut *conn)
    .await
}

// --- Pitch slots ---

pub async fn slots(conn: &mut DbConn, round_id: i64) -> sqlx::Result<Vec<Slot>> {
    sqlx::query_as::<_, Slot>(
        "select id, round_id, submission_id, position, starts_at, ends_at from pitch_slots \
         where round_id = $1 order by position",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await
}

/// Replaces the round's slots with `slots` = `(submission, starts, ends)` in pitch order.
pub async fn replace_slots(
    conn: &mut DbConn,
    round_id: i64,
    slots: &[(i64, DateTime<Utc>, DateTime<Utc>)],
) -> sqlx::Result<()> {
    sqlx::query("delete from pitch_slots where round_id = $1")
        .bind(round_id)
        .execute(&mut *conn)
        .await?;
    for (i, (sub, starts, ends)) in slots.iter().enumerate() {
        sqlx::query(
            "insert into pitch_slots (round_id, submission_id, position, starts_at, ends_at) \
             values ($1, $2, $3, $4, $5)",
        )
        .bind(round_id)
        .bind(sub)
        .bind(i64::try_from(i).unwrap_or(i64::MAX) + 1)
        .bind(starts)
        .bind(ends)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The pitches of the rounds hosted by an agenda session: `(title, starts, ends)`, for the
/// agenda's session page; only once the call's results are released, so no finalist is named
/// before the organiser publishes them.
pub async fn pitches_in_session(
    conn: &mut DbConn,
    session_id: i64,
) -> sqlx::Result<Vec<(String, String, DateTime<Utc>, DateTime<Utc>)>> {
    sqlx::query_as(
        "select s.title, s.organisation, p.starts_at, p.ends_at from pitch_slots p \
         join jury_rounds r on r.id = p.round_id join submissions s on s.id = p.submission_id \
         join calls c on c.id = s.call_id \
         where r.session_id = $1 and c.results_published = $2 order by p.starts_at, p.position",
    )
    .bind(session_id)
    .bind(true)
    .fetch_all(&mut *conn)
    .await
}

/// A round a person judges, for their personal calendar feed.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Duty {
    pub round_id: i64,
    pub round_de: String,
    pub round_en: String,
    pub call_de: String,
    pub call_en: String,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

/// The rounds of the calls an account is a juror of (rounds of unpublished calls too: jurors
/// are invited before the call goes out).
pub async fn duties_of(
    conn: &mut DbConn,
    account: crate::ids::AccountId,
) -> sqlx::Result<Vec<Duty>> {
    sqlx::query_as(
        "select r.id as round_id, r.name_de as round_de, r.name_en as round_en, \
                c.title_de as call_de, c.title_en as call_en, r.opens_at, r.closes_at, \
                r.closed_at, r.updated_at \
         from jurors j join jury_rounds r on r.call_id = j.call_id join calls c on c.id = j.call_id \
         where j.account_id = $1 order by r.opens_at, r.id",
    )
    .bind(account)
    .fetch_all(&mut *conn)
    .await
}
