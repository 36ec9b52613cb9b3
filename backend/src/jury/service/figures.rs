//! Organisers: a round's figures for the call dashboard (progress per juror, the scores given
//! per criterion, the ranking), from counts and sums the database works out rather than from
//! every review and score of the round.

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
    let assignments = queries::assignment_states(&mut conn, round.id).await?;
    let slots = queries::slots(&mut conn, round.id).await?;
    let taking_part = assignments
        .iter()
        .map(|(_, submission, _)| *submission)
        .chain(slots.iter().map(|s| s.submission_id));
    let entrants = entrants_with(&mut conn, &call, &round, taking_part).await?;
    let conflicts = conflicts_until(&mut conn, call.id, round.confirmed_at).await?;
    let progress = progress_of(&assignments, &conflicts);

    // The counted reviews as `counted` picks them (done, assigned, no conflict), each reduced
    // to its total by the database.
    let first = criteria.iter().find(|c| !c.informational).map(|c| c.id);
    let totals: Vec<rank::Totalled> = queries::review_sums(&mut conn, round.id, first)
        .await?
        .into_iter()
        .filter(|r| !conflicts.contains(&(r.account_id, r.submission_id)))
        .map(|r| rank::Totalled {
            juror: r.account_id,
            submission: r.submission_id,
            abstained: r.abstained,
            total: match (r.abstained, r.weighted, r.weights) {
                (false, Some(sum), Some(weights)) => rank::weighted_mean(sum, weights),
                _ => None,
            },
            first: r.first,
        })
        .collect();
    let ids: Vec<i64> = entrants.iter().map(|e| e.id).collect();
    let ranking = rank::rank_totals(&totals, first.is_some(), &ids, &round.settings());
    Ok(RoundFigures {
        score_counts: queries::score_counts(&mut conn, round.id).await?,
        call_jurors: queries::jurors(&mut conn, call.id).await?,
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
