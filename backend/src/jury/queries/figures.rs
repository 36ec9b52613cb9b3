//! SQL for a round's figures (the call dashboard), read so that a round of 10,000 reviews and
//! 60,000 scores costs one row per assignment and one per review.

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

/// A handed-in review of the round as the figures need it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewLine {
    pub account_id: i64,
    pub submission_id: i64,
    pub abstained: bool,
    /// `(criterion, score)`.
    pub scores: Vec<(i64, f64)>,
}

// The two reads below return one text rather than a row per review or assignment: sqlx hands
// rows over one at a time, and 10,000 of them cost more than one string of 10,000 lines.

/// Every review of the round that is handed in (final or abstained), with its scores from
/// the line the triggers of `0026_jury_review_scores.sql` keep: 10,000 reviews, where joining
/// their scores would read 60,000 rows.
pub async fn handed_in_reviews(conn: &mut DbConn, round_id: i64) -> sqlx::Result<Vec<ReviewLine>> {
    let text: String = sqlx::query_scalar(
        "select coalesce(string_agg(account_id || ' ' || submission_id || ' ' || state || ' ' \
             || scores, ';'), '') \
         from jury_reviews where round_id = $1 and state <> 'draft'",
    )
    .bind(round_id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(review_lines(&text))
}

fn review_lines(text: &str) -> Vec<ReviewLine> {
    text.split(';')
        .filter_map(|line| {
            let mut parts = line.splitn(4, ' ');
            Some(ReviewLine {
                account_id: parts.next()?.parse().ok()?,
                submission_id: parts.next()?.parse().ok()?,
                abstained: parts.next()? == "abstained",
                scores: score_line(parts.next().unwrap_or_default()),
            })
        })
        .collect()
}

/// A review's scores from its line, `criterion:score` pairs joined by commas. A malformed pair
/// is skipped.
fn score_line(line: &str) -> Vec<(i64, f64)> {
    line.split(',')
        .filter_map(|pair| {
            let (criterion, score) = pair.split_once(':')?;
            Some((criterion.parse().ok()?, score.parse().ok()?))
        })
        .collect()
}

/// Every assignment of the round, `(juror account, submission)`.
pub async fn assignment_pairs(conn: &mut DbConn, round_id: i64) -> sqlx::Result<Vec<(i64, i64)>> {
    let text: String = sqlx::query_scalar(
        "select coalesce(string_agg(account_id || ' ' || submission_id, ','), '') \
         from jury_assignments where round_id = $1",
    )
    .bind(round_id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(text
        .split(',')
        .filter_map(|pair| {
            let (juror, submission) = pair.split_once(' ')?;
            Some((juror.parse().ok()?, submission.parse().ok()?))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn review_lines_read_as_the_reviews_they_list() {
        let reviews = review_lines("7 12 final 3:7,4:2.5,12:10.0;8 12 abstained ;9 13 final 3:0");
        assert_eq!(
            reviews,
            [
                ReviewLine {
                    account_id: 7,
                    submission_id: 12,
                    abstained: false,
                    scores: vec![(3, 7.0), (4, 2.5), (12, 10.0)],
                },
                ReviewLine {
                    account_id: 8,
                    submission_id: 12,
                    abstained: true,
                    scores: vec![],
                },
                ReviewLine {
                    account_id: 9,
                    submission_id: 13,
                    abstained: false,
                    scores: vec![(3, 0.0)],
                },
            ]
        );
        assert!(review_lines("").is_empty());
        assert_eq!(score_line("3:x,4:1,:2,5"), [(4, 1.0)]);
    }
}
