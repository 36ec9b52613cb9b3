//! SQL for a round's figures (the call dashboard): counts and sums worked out by the database,
//! so that a round of 10,000 reviews and 60,000 scores is not read row by row.

use crate::db::DbConn;

/// Every assignment of the round, `(juror account, submission, done)`: done with a final
/// review or an abstention.
pub async fn assignment_states(
    conn: &mut DbConn,
    round_id: i64,
) -> sqlx::Result<Vec<(i64, i64, bool)>> {
    sqlx::query_as::<_, (i64, i64, bool)>(
        "select a.account_id, a.submission_id, coalesce(r.state <> 'draft', false) as done \
         from jury_assignments a \
         left join jury_reviews r on r.round_id = a.round_id \
             and r.account_id = a.account_id and r.submission_id = a.submission_id \
         where a.round_id = $1",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await
}

/// A done review of an assigned juror reduced to its sums: `Σ weight·score` and `Σ weight` over
/// the scored non-informational criteria (`None` without any) and the score on `first`.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReviewSums {
    pub account_id: i64,
    pub submission_id: i64,
    pub abstained: bool,
    pub weighted: Option<f64>,
    pub weights: Option<f64>,
    pub first: Option<f64>,
}

/// [`ReviewSums`] of every final review and abstention of an assigned juror in the round.
/// `first` is the round's first non-informational criterion, if any.
pub async fn review_sums(
    conn: &mut DbConn,
    round_id: i64,
    first: Option<i64>,
) -> sqlx::Result<Vec<ReviewSums>> {
    sqlx::query_as::<_, ReviewSums>(
        "select r.account_id, r.submission_id, r.state = 'abstained' as abstained, \
             sum(c.weight * s.score) as weighted, sum(c.weight) as weights, \
             max(case when s.criterion_id = $2 then s.score end) as first \
         from jury_reviews r \
         join jury_assignments a on a.round_id = r.round_id \
             and a.account_id = r.account_id and a.submission_id = r.submission_id \
         left join jury_scores s on s.review_id = r.id \
         left join jury_criteria c on c.id = s.criterion_id and not c.informational \
         where r.round_id = $1 and r.state <> 'draft' \
         group by r.id, r.account_id, r.submission_id, r.state",
    )
    .bind(round_id)
    .bind(first)
    .fetch_all(&mut *conn)
    .await
}

/// How often each score was given per criterion in the round's final reviews:
/// `(criterion, score, reviews)`.
pub async fn score_counts(conn: &mut DbConn, round_id: i64) -> sqlx::Result<Vec<(i64, f64, i64)>> {
    sqlx::query_as::<_, (i64, f64, i64)>(
        "select s.criterion_id, s.score, count(*) as n \
         from jury_scores s join jury_reviews r on r.id = s.review_id \
         where r.round_id = $1 and r.state = 'final' \
         group by s.criterion_id, s.score",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await
}
