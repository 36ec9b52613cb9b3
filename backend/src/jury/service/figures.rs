//! Organisers: a round's figures for the call dashboard (progress per juror, the scores given
//! per criterion, the ranking), from a row per assignment and a row per handed-in review that
//! carries its scores as one line, rather than from every score row of the round.

use super::*;

/// One juror's assignments in a round: done (a final review, an abstention, or a conflict
/// declared since, as [`RoundView::progress`] counts them) and all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JurorProgress {
    pub account_id: i64,
    pub done: usize,
    pub assigned: usize,
}

/// What the call dashboard shows of a round.
#[derive(Debug, Clone)]
pub struct RoundFigures {
    pub round: Round,
    pub criteria: Vec<CriterionRow>,
    /// By account id.
    pub progress: Vec<JurorProgress>,
    /// `(criterion, score, final reviews giving it)`.
    pub score_counts: Vec<(i64, f64, i64)>,
    /// The ranking of [`round_view`], made from the same counted reviews.
    pub ranking: Vec<rank::RankedEntry>,
    pub entrants: Vec<Entrant>,
    /// Every juror of the call, for the names.
    pub call_jurors: Vec<JurorRow>,
}

/// A round's figures, under the access rule of [`round_view`] (`jury-orga-own-reviews-pending`
/// for an organiser-juror with own reviews to do).
pub async fn round_figures(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    round_id: i64,
) -> Result<RoundFigures, AppError> {
    let (call, round) = round_for_organiser(state, actor, slug, round_id).await?;
    let now = state.clock.now();
    let mut conn = state.db.acquire().await?;
    if own_reviews_pending(&mut conn, actor, &call, &round, now).await? > 0 {
        return Err(AppError::Forbidden(Msg::new(
            "jury-orga-own-reviews-pending",
        )));
    }
    let criteria = queries::criteria(&mut conn, round.id).await?;
    let pairs = queries::assignment_pairs(&mut conn, round.id).await?;
    let reviews = queries::handed_in_reviews(&mut conn, round.id).await?;
    let slots = queries::slots(&mut conn, round.id).await?;
    let taking_part = pairs
        .iter()
        .map(|(_, submission)| *submission)
        .chain(slots.iter().map(|s| s.submission_id));
    let entrants = entrants_with(&mut conn, &call, &round, taking_part).await?;
    let conflicts = conflicts_until(&mut conn, call.id, round.confirmed_at).await?;
    let call_jurors = queries::jurors(&mut conn, call.id).await?;
    drop(conn);

    let handed_in: HashSet<(i64, i64)> = reviews
        .iter()
        .map(|r| (r.account_id, r.submission_id))
        .collect();
    let assignments: Vec<(i64, i64, bool)> = pairs
        .iter()
        .map(|&(juror, submission)| (juror, submission, handed_in.contains(&(juror, submission))))
        .collect();
    let progress = progress_of(&assignments, &conflicts);

    // The counted reviews as `counted` picks them (handed in, assigned, no conflict), each
    // reduced to its total by the ranking's own rule; every final review's scores counted per
    // criterion and score, as the round view's distributions count them.
    let assigned: HashSet<(i64, i64)> = pairs.into_iter().collect();
    let rules: Vec<rank::Criterion> = criteria.iter().map(|c| c.for_rank(&round)).collect();
    let first = criteria.iter().find(|c| !c.informational).map(|c| c.id);
    let mut counts: HashMap<(i64, u64), i64> = HashMap::new();
    let mut totals: Vec<rank::Totalled> = Vec::with_capacity(reviews.len());
    for review in &reviews {
        let score = |id: i64| {
            review
                .scores
                .iter()
                .find(|(c, _)| *c == id)
                .map(|(_, s)| *s)
        };
        if !review.abstained {
            for &(criterion, score) in &review.scores {
                *counts.entry((criterion, score.to_bits())).or_default() += 1;
            }
        }
        let key = (review.account_id, review.submission_id);
        if assigned.contains(&key) && !conflicts.contains(&key) {
            totals.push(rank::Totalled {
                juror: review.account_id,
                submission: review.submission_id,
                abstained: review.abstained,
                total: if review.abstained {
                    None
                } else {
                    rank::total_by(&rules, score)
                },
                first: first.and_then(score),
            });
        }
    }
    let ids: Vec<i64> = entrants.iter().map(|e| e.id).collect();
    let ranking = rank::rank_totals(&totals, first.is_some(), &ids, &round.settings());
    let mut score_counts: Vec<(i64, f64, i64)> = counts
        .into_iter()
        .map(|((criterion, bits), n)| (criterion, f64::from_bits(bits), n))
        .collect();
    score_counts.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    Ok(RoundFigures {
        score_counts,
        call_jurors,
        round,
        criteria,
        progress,
        ranking,
        entrants,
    })
}

/// Every juror's progress in a round, which any organiser of the call may see.
pub(super) async fn juror_progress(
    conn: &mut DbConn,
    call: &Call,
    round: &Round,
) -> Result<Vec<JurorProgress>, AppError> {
    let assignments = queries::assignment_states(conn, round.id).await?;
    let conflicts = conflicts_until(conn, call.id, round.confirmed_at).await?;
    Ok(progress_of(&assignments, &conflicts))
}

fn progress_of(
    assignments: &[(i64, i64, bool)],
    conflicts: &HashSet<(i64, i64)>,
) -> Vec<JurorProgress> {
    let mut per_juror: HashMap<i64, JurorProgress> = HashMap::new();
    for &(account_id, submission, done) in assignments {
        let p = per_juror.entry(account_id).or_insert(JurorProgress {
            account_id,
            done: 0,
            assigned: 0,
        });
        p.assigned += 1;
        if done || conflicts.contains(&(account_id, submission)) {
            p.done += 1;
        }
    }
    let mut list: Vec<JurorProgress> = per_juror.into_values().collect();
    list.sort_by_key(|p| p.account_id);
    list
}
