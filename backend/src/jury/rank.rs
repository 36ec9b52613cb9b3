//! Scoring and ranking, pure: a juror's total for one review, the optional evening-out of harsh
//! and lenient jurors, the score of each submission and the ranking organisers see, with its
//! tie-breaks. No I/O: the caller loads the criteria and the final reviews, and stores nothing
//! computed here (a ranking is always recomputed from the scores).
//!
//! All non-informational criteria are assumed to share one scale (say 0–10): a total is a
//! weighted mean of scores, so it lives on that scale too. Where the scale matters
//! (normalisation), it is taken from the first non-informational criterion.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

/// One thing jurors score an entry on, with its weight in the total.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Criterion {
    pub id: i64,
    /// The criterion's share of the total, relative to the other criteria's weights. Expected to
    /// be positive (checked where criteria are edited).
    pub weight: f64,
    /// The lowest score allowed.
    pub min: f64,
    /// The highest score allowed.
    pub max: f64,
    /// Shown to organisers but not part of the total, nor of the tie-break, e.g. "fits our
    /// region".
    pub informational: bool,
}

/// How the review totals of one submission become its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Aggregation {
    /// The mean of the review totals; every review weighs the same. ("Weighted" refers to the
    /// criteria's weights inside each total.)
    WeightedMean,
    /// The median of the review totals; with an even count, the mean of the two middle ones.
    /// One juror far off the others moves it less than the mean.
    Median,
}

/// One juror's final review of one submission. Drafts are never passed in: a juror's
/// unfinished scores must not move the ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub juror: i64,
    pub submission: i64,
    /// The score per criterion id (see [`check_scores`]).
    pub scores: HashMap<i64, f64>,
    /// The juror declined to score this entry. It then counts as neither a score nor a review,
    /// only as an abstention; its `scores` are ignored.
    pub abstained: bool,
}

/// How a call's jury ranks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    pub aggregation: Aggregation,
    /// Whether to even out harsh and lenient jurors first (see [`rank`]).
    pub normalise: bool,
    /// A submission whose totals spread by more than this many scale points is flagged for
    /// discussion.
    pub disagreement_threshold: f64,
}

/// One line of the ranking.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RankedEntry {
    pub submission: i64,
    /// 1-based. Entries still equal after every tie-break share the rank (1, 2, 2, 4).
    pub rank: usize,
    /// The aggregated score on the criteria's scale; `None` without any counted review.
    pub score: Option<f64>,
    /// Counted reviews (abstentions are not reviews).
    pub reviews: usize,
    pub abstentions: usize,
    /// The score from the jurors' own totals; equal to `score` without normalising.
    pub raw_score: Option<f64>,
    /// Highest minus lowest of the jurors' own totals; 0 with fewer than two reviews.
    pub spread: f64,
    /// Highest minus lowest of the normalised totals; `None` without normalising.
    pub normalised_spread: Option<f64>,
    /// Whether either spread is beyond the threshold of the settings: jurors who disagree on
    /// the scale, or on where the entry stands among the ones they reviewed.
    pub disagreement: bool,
    /// The mean raw score on the first non-informational criterion, used to break ties.
    pub first_criterion: Option<f64>,
}

/// Checks one juror's scores against the criteria. Returns every problem at once, as
/// `(criterion id, message id)`, in the order of `criteria`, then unknown ids in ascending order:
/// - `valid-score-missing`: a non-informational criterion has no score (informational ones may
///   stay empty);
/// - `valid-score-out-of-scale`: a score outside `min..=max`, or not a finite number;
/// - `valid-score-unknown-criterion`: a score for a criterion the call does not have.
pub fn check_scores(
    criteria: &[Criterion],
    scores: &HashMap<i64, f64>,
) -> Result<(), Vec<(i64, &'static str)>> {
    let mut errors = Vec::new();
    for c in criteria {
        match scores.get(&c.id) {
            None if c.informational => {}
            None => errors.push((c.id, "valid-score-missing")),
            Some(s) if !(s.is_finite() && (c.min..=c.max).contains(s)) => {
                errors.push((c.id, "valid-score-out-of-scale"));
            }
            Some(_) => {}
        }
    }
    let known: HashSet<i64> = criteria.iter().map(|c| c.id).collect();
    let mut unknown: Vec<i64> = scores
        .keys()
        .filter(|id| !known.contains(id))
        .copied()
        .collect();
    unknown.sort_unstable();
    errors.extend(
        unknown
            .into_iter()
            .map(|id| (id, "valid-score-unknown-criterion")),
    );
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// A juror's total for one review: the weighted mean `Σ wᵢ·sᵢ / Σ wᵢ` over the
/// non-informational criteria, on the criteria's scale. Weights 2 and 1 with scores 9 and 3
/// give (18 + 3) / 3 = 7.
///
/// A criterion without a score is left out of both sums rather than counted as 0 (a review
/// that passed [`check_scores`] has them all). `None` when nothing counts: no scored
/// non-informational criterion, or weights that do not add up to more than 0.
pub fn total(criteria: &[Criterion], scores: &HashMap<i64, f64>) -> Option<f64> {
    total_by(criteria, |id| scores.get(&id).copied())
}

/// [`total`] of scores kept in another shape: `score` gives the score on a criterion, if any.
pub fn total_by(criteria: &[Criterion], score: impl Fn(i64) -> Option<f64>) -> Option<f64> {
    let (mut sum, mut weights) = (0.0, 0.0);
    for c in criteria.iter().filter(|c| !c.informational) {
        if let Some(s) = score(c.id) {
            sum += c.weight * s;
            weights += c.weight;
        }
    }
    weighted_mean(sum, weights)
}

/// A [`total`] from its two sums, `Σ wᵢ·sᵢ` and `Σ wᵢ` over the scored non-informational
/// criteria, for a caller that adds them up where the scores are stored.
pub fn weighted_mean(sum: f64, weights: f64) -> Option<f64> {
    (weights > 0.0).then(|| sum / weights)
}

/// One final review as the ranking uses it: its total and its score on the first
/// non-informational criterion. [`rank`] makes these from [`Review`]s; a caller that reads the
/// scores in another shape (the call dashboard reads each review's score line) passes them to
/// [`rank_totals`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Totalled {
    pub juror: i64,
    pub submission: i64,
    /// An abstention: counted in `abstentions` only.
    pub abstained: bool,
    /// See [`total`]; `None` for a review without any counted score (it is skipped).
    pub total: Option<f64>,
    /// The score on the first non-informational criterion, for the tie-break.
    pub first: Option<f64>,
}

/// Ranks `submissions` (each listed once; a repeated id is ignored) from the final `reviews`.
/// Every listed submission appears; reviews of submissions not listed are not ranked, but
/// still describe their juror when normalising.
///
/// **The score of a submission**
/// 1. Each review has a total (see [`total`]). Abstentions count as neither score nor review;
///    they are reported in `abstentions`. A review without any counted score is skipped.
/// 2. With `normalise`, each juror's totals are first replaced by how far each lies from that
///    juror's own average: the z-score across all the juror's reviews (population standard
///    deviation). A harsh and a lenient juror who order the entries alike then give the same
///    totals. A juror whose totals are all equal, or who reviewed a single submission, says
///    nothing about which entry is better: z = 0 (no division by zero).
/// 3. The score is the mean or the median of the submission's totals (see [`Aggregation`]).
///    Normalised scores are then put back on the jury's own range by one straight line: the
///    lowest and the highest normalised score become the lowest and the highest raw score of
///    the listed submissions (as award platforms do), so the results keep the range the jury
///    used instead of crowding around the middle of the scale. The same line converts each
///    normalised total, for the normalised spread.
/// 4. Both spreads are kept, the raw and the normalised one; either beyond the threshold flags
///    the entry for discussion. Normalising alone must not hide that two jurors are 5 points
///    apart.
///
/// **The order** (organisers see these rules)
/// 1. The higher score first; submissions without any review last.
/// 2. Equal scores: the higher mean raw score on the first non-informational criterion (in the
///    order the criteria are listed) first — so the first criterion is the one that matters most.
/// 3. Still equal: the submission with more reviews first.
/// 4. Still equal: the submissions share a rank ("1, 2, 2, 4"), listed by submission id.
///
/// Scores count as equal when they agree to nine decimal places, so that adding the same
/// totals in another order (a last-bit difference) cannot decide a tie.
pub fn rank(
    criteria: &[Criterion],
    reviews: &[Review],
    submissions: &[i64],
    settings: &Settings,
) -> Vec<RankedEntry> {
    let first = criteria.iter().find(|c| !c.informational);
    let totalled: Vec<Totalled> = reviews
        .iter()
        .map(|r| Totalled {
            juror: r.juror,
            submission: r.submission,
            abstained: r.abstained,
            total: if r.abstained {
                None
            } else {
                total(criteria, &r.scores)
            },
            first: first.and_then(|c| r.scores.get(&c.id)).copied(),
        })
        .collect();
    rank_totals(&totalled, first.is_some(), submissions, settings)
}

/// [`rank`] from reviews already reduced to their totals. `scored` says whether the criteria
/// have a non-informational one at all (without, nothing is normalised).
pub fn rank_totals(
    reviews: &[Totalled],
    scored: bool,
    submissions: &[i64],
    settings: &Settings,
) -> Vec<RankedEntry> {
    let zs = (scored && settings.normalise).then(|| z_scores(reviews));

    // One pass over the reviews, keyed by submission id: no scan per submission.
    #[derive(Default)]
    struct Tally {
        totals: Vec<f64>,
        zs: Vec<f64>,
        abstentions: usize,
        first_sum: f64,
        first_count: usize,
    }
    let mut tallies: HashMap<i64, Tally> = HashMap::with_capacity(submissions.len());
    for (i, review) in reviews.iter().enumerate() {
        let tally = tallies.entry(review.submission).or_default();
        if review.abstained {
            tally.abstentions += 1;
            continue;
        }
        let Some(total) = review.total else { continue };
        tally.totals.push(total);
        if let Some(z) = zs.as_ref().and_then(|zs| zs[i]) {
            tally.zs.push(z);
        }
        if let Some(s) = review.first {
            tally.first_sum += s;
            tally.first_count += 1;
        }
    }

    let mut listed = HashSet::with_capacity(submissions.len());
    let mut tallied: Vec<(i64, Tally)> = submissions
        .iter()
        .filter(|id| listed.insert(**id))
        .map(|&submission| {
            let mut tally = tallies.remove(&submission).unwrap_or_default();
            // Sorted for the median and the spread; summing in sorted order also makes the
            // mean independent of the order the reviews came in.
            tally.totals.sort_by(f64::total_cmp);
            tally.zs.sort_by(f64::total_cmp);
            (submission, tally)
        })
        .collect();
    let fit = zs.is_some().then(|| {
        let pooled = deviation(tallied.iter().flat_map(|(_, t)| t.totals.iter().copied()));
        Fit::new(
            tallied.iter().filter_map(|(_, t)| {
                Some((
                    aggregate(&t.totals, settings.aggregation)?,
                    aggregate(&t.zs, settings.aggregation)?,
                ))
            }),
            pooled,
        )
    });

    let mut entries: Vec<RankedEntry> = tallied
        .iter_mut()
        .map(|(submission, tally)| {
            let raw_score = aggregate(&tally.totals, settings.aggregation);
            let spread = spread_of(&tally.totals);
            let (score, normalised_spread) = match &fit {
                Some(fit) => {
                    let fitted: Vec<f64> = tally.zs.iter().map(|z| fit.apply(*z)).collect();
                    (
                        aggregate(&fitted, settings.aggregation),
                        Some(spread_of(&fitted)),
                    )
                }
                None => (raw_score, None),
            };
            let threshold = settings.disagreement_threshold;
            RankedEntry {
                submission: *submission,
                rank: 0,
                score,
                raw_score,
                reviews: tally.totals.len(),
                abstentions: tally.abstentions,
                spread,
                normalised_spread,
                disagreement: spread > threshold
                    || normalised_spread.is_some_and(|s| s > threshold),
                first_criterion: (tally.first_count > 0)
                    .then(|| tally.first_sum / tally.first_count as f64),
            }
        })
        .collect();

    entries.sort_by(|a, b| order(a, b).then(a.submission.cmp(&b.submission)));
    for i in 0..entries.len() {
        let tied = i > 0 && order(&entries[i - 1], &entries[i]).is_eq();
        entries[i].rank = if tied { entries[i - 1].rank } else { i + 1 };
    }
    entries
}

/// Below this standard deviation (in scale points) a juror's totals count as all equal. Not
/// exactly 0: the mean of three totals of 0.1 is 0.10000000000000002, and dividing that
/// rounding noise by itself would turn equal totals into z = ±1.
const FLAT: f64 = 1e-9;

/// Each counted total as the juror's z-score: how many of the juror's standard deviations
/// (population) it lies above the juror's mean. A juror whose totals are all equal, or who has
/// a single one, gets z = 0. Index-aligned with `reviews`; a review without a total (an
/// abstention too) gets `None`.
fn z_scores(reviews: &[Totalled]) -> Vec<Option<f64>> {
    #[derive(Default)]
    struct Juror {
        count: usize,
        sum: f64,
        squares: f64,
    }
    // Two passes (mean, then squared deviations from it) rather than Σx² − n·mean²,
    // which loses precision when a juror's totals are close together.
    let totals: Vec<Option<f64>> = reviews
        .iter()
        .map(|r| if r.abstained { None } else { r.total })
        .collect();
    let mut jurors: HashMap<i64, Juror> = HashMap::new();
    for (review, total) in reviews.iter().zip(&totals) {
        if let Some(t) = total {
            let juror = jurors.entry(review.juror).or_default();
            juror.count += 1;
            juror.sum += t;
        }
    }
    for (review, total) in reviews.iter().zip(&totals) {
        if let (Some(t), Some(juror)) = (total, jurors.get_mut(&review.juror)) {
            let mean = juror.sum / juror.count as f64;
            juror.squares += (t - mean) * (t - mean);
        }
    }
    reviews
        .iter()
        .zip(&totals)
        .map(|(review, total)| {
            let t = (*total)?;
            let juror = &jurors[&review.juror];
            let mean = juror.sum / juror.count as f64;
            let deviation = (juror.squares / juror.count as f64).sqrt();
            Some(if deviation > FLAT {
                (t - mean) / deviation
            } else {
                0.0
            })
        })
        .collect()
}

/// The straight line that puts z-scores back on the jury's own range: the lowest and highest
/// normalised score land on the lowest and highest raw score of the round, so normalising
/// re-orders entries without moving the results towards the middle of the scale.
struct Fit {
    /// The normalised score that maps to `low`.
    from: f64,
    /// The lowest raw score.
    low: f64,
    /// Scale points per z.
    slope: f64,
}

impl Fit {
    /// From `(raw score, normalised score before the fit)` of every scored entry, and the
    /// standard deviation of all raw totals (the slope when the normalised scores are all equal).
    fn new(scores: impl Iterator<Item = (f64, f64)>, pooled: f64) -> Fit {
        let (mut raw_low, mut raw_high) = (f64::INFINITY, f64::NEG_INFINITY);
        let (mut z_low, mut z_high) = (f64::INFINITY, f64::NEG_INFINITY);
        for (raw, z) in scores {
            raw_low = raw_low.min(raw);
            raw_high = raw_high.max(raw);
            z_low = z_low.min(z);
            z_high = z_high.max(z);
        }
        if !raw_low.is_finite() {
            // Nothing scored: no score to place.
            return Fit {
                from: 0.0,
                low: 0.0,
                slope: 0.0,
            };
        }
        if z_high - z_low > FLAT {
            Fit {
                from: z_low,
                low: raw_low,
                slope: (raw_high - raw_low) / (z_high - z_low),
            }
        } else {
            // Every entry normalises to the same score (one entry, or jurors who cancel each
            // other out): all get the middle of the raw scores, and one z counts as one
            // standard deviation of the raw totals, so that disagreement stays visible.
            Fit {
                from: z_low,
                low: (raw_low + raw_high) / 2.0,
                slope: pooled,
            }
        }
    }

    fn apply(&self, z: f64) -> f64 {
        self.low + (z - self.from) * self.slope
    }
}

/// The population standard deviation; 0 for fewer than two values.
fn deviation(values: impl Iterator<Item = f64> + Clone) -> f64 {
    let (count, sum) = values
        .clone()
        .fold((0usize, 0.0), |(n, s), v| (n + 1, s + v));
    if count < 2 {
        return 0.0;
    }
    let mean = sum / count as f64;
    (values.map(|v| (v - mean) * (v - mean)).sum::<f64>() / count as f64).sqrt()
}

/// Highest minus lowest of sorted totals; 0 with fewer than two.
fn spread_of(sorted: &[f64]) -> f64 {
    match (sorted.first(), sorted.last()) {
        (Some(low), Some(high)) => high - low,
        _ => 0.0,
    }
}

/// The score from a submission's totals, sorted ascending; `None` without any.
fn aggregate(sorted: &[f64], aggregation: Aggregation) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    Some(match aggregation {
        Aggregation::WeightedMean => sorted.iter().sum::<f64>() / n as f64,
        Aggregation::Median if n.is_multiple_of(2) => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
        Aggregation::Median => sorted[n / 2],
    })
}

/// The ranking order without the final by-id step: `Equal` means the entries share a rank.
fn order(a: &RankedEntry, b: &RankedEntry) -> Ordering {
    higher_first(a.score, b.score)
        .then_with(|| higher_first(a.first_criterion, b.first_criterion))
        .then_with(|| b.reviews.cmp(&a.reviews))
}

/// Higher values first, `None` last; values equal to nine decimal places are equal.
fn higher_first(a: Option<f64>, b: Option<f64>) -> Ordering {
    // Rounding to a key (rather than comparing with a tolerance) keeps the order total:
    // "within 1e-9 of" is not transitive, and sorting needs a total order.
    let key = |x: f64| {
        let k = (x * 1e9).round();
        // -0.0 and 0.0 differ under total_cmp; they are the same score.
        if k == 0.0 { 0.0 } else { k }
    };
    match (a, b) {
        (Some(a), Some(b)) => key(b).total_cmp(&key(a)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A criterion on the scale 0–10.
    fn criterion(id: i64, weight: f64) -> Criterion {
        Criterion {
            id,
            weight,
            min: 0.0,
            max: 10.0,
            informational: false,
        }
    }

    fn review(juror: i64, submission: i64, scores: &[(i64, f64)]) -> Review {
        Review {
            juror,
            submission,
            scores: scores.iter().copied().collect(),
            abstained: false,
        }
    }

    fn abstention(juror: i64, submission: i64) -> Review {
        Review {
            abstained: true,
            ..review(juror, submission, &[])
        }
    }

    /// One criterion, so that a review's total is its single score.
    fn single(juror: i64, submission: i64, score: f64) -> Review {
        review(juror, submission, &[(1, score)])
    }

    fn settings(aggregation: Aggregation, normalise: bool) -> Settings {
        Settings {
            aggregation,
            normalise,
            disagreement_threshold: 10.0,
        }
    }

    fn mean() -> Settings {
        settings(Aggregation::WeightedMean, false)
    }

    fn close(actual: Option<f64>, expected: f64) {
        let actual = actual.expect("a score");
        assert!(
            (actual - expected).abs() < 1e-9,
            "expected {expected}, got {actual}"
        );
    }

    fn entry(ranking: &[RankedEntry], submission: i64) -> &RankedEntry {
        ranking
            .iter()
            .find(|e| e.submission == submission)
            .expect("every listed submission is ranked")
    }

    /// (submission, rank) in ranking order.
    fn order_of(ranking: &[RankedEntry]) -> Vec<(i64, usize)> {
        ranking.iter().map(|e| (e.submission, e.rank)).collect()
    }

    #[test]
    fn a_total_is_the_weighted_mean_of_the_criteria() {
        let criteria = [criterion(1, 2.0), criterion(2, 1.0)];
        let r = review(7, 100, &[(1, 9.0), (2, 3.0)]);
        // (2·9 + 1·3) / (2 + 1) = 21 / 3 = 7
        close(total(&criteria, &r.scores), 7.0);
        let ranking = rank(&criteria, &[r], &[100], &mean());
        close(ranking[0].score, 7.0);
        assert_eq!(ranking[0].reviews, 1);
    }

    #[test]
    fn informational_criteria_are_shown_but_neither_part_of_the_total_nor_of_the_tie_break() {
        let fit = Criterion {
            informational: true,
            ..criterion(10, 5.0)
        };
        // Listed first on purpose: the tie-break uses the first *non-informational* criterion.
        let criteria = [fit, criterion(1, 2.0), criterion(2, 1.0)];
        let reviews = [
            // (2·9 + 1·3) / 3 = 7; the 0 on the informational criterion does not count.
            review(7, 100, &[(10, 0.0), (1, 9.0), (2, 3.0)]),
            // (2·6 + 1·9) / 3 = 7; informational criteria may be left empty.
            review(8, 100, &[(1, 6.0), (2, 9.0)]),
        ];
        let ranking = rank(&criteria, &reviews, &[100], &mean());
        close(ranking[0].score, 7.0);
        // Mean raw score on criterion 1: (9 + 6) / 2 = 7.5 (criterion 10 would give 0).
        close(ranking[0].first_criterion, 7.5);
    }

    #[test]
    fn the_median_of_an_odd_count_is_the_middle_total() {
        let criteria = [criterion(1, 1.0)];
        let reviews = [
            single(1, 100, 2.0),
            single(2, 100, 9.0),
            single(3, 100, 4.0),
        ];
        // Sorted 2, 4, 9 → 4 (the mean would be 15 / 3 = 5).
        let median = rank(
            &criteria,
            &reviews,
            &[100],
            &settings(Aggregation::Median, false),
        );
        close(median[0].score, 4.0);
        close(rank(&criteria, &reviews, &[100], &mean())[0].score, 5.0);
    }

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_two_middle_totals() {
        let criteria = [criterion(1, 1.0)];
        let reviews = [
            single(1, 100, 2.0),
            single(2, 100, 9.0),
            single(3, 100, 4.0),
            single(4, 100, 6.0),
        ];
        // Sorted 2, 4, 6, 9 → (4 + 6) / 2 = 5 (the mean would be 21 / 4 = 5.25).
        let median = rank(
            &criteria,
            &reviews,
            &[100],
            &settings(Aggregation::Median, false),
        );
        close(median[0].score, 5.0);
        close(rank(&criteria, &reviews, &[100], &mean())[0].score, 5.25);
    }

    #[test]
    fn normalising_evens_out_a_lenient_and_a_harsh_juror_who_agree_on_the_order() {
        let criteria = [criterion(1, 1.0)];
        let reviews = [
            // Juror 1 is lenient: 9, 8, 7. Juror 2 is harsh: 5, 4, 3.
            single(1, 100, 9.0),
            single(1, 200, 8.0),
            single(1, 300, 7.0),
            single(2, 100, 5.0),
            single(2, 200, 4.0),
            single(2, 300, 3.0),
        ];
        let subs = [100, 200, 300];
        let mut s = settings(Aggregation::WeightedMean, false);
        s.disagreement_threshold = 2.0;

        // Raw: 100 → (9 + 5) / 2 = 7, 200 → 6, 300 → 5; each spread 4 > 2.
        let raw = rank(&criteria, &reviews, &subs, &s);
        assert_eq!(order_of(&raw), [(100, 1), (200, 2), (300, 3)]);
        close(raw[0].score, 7.0);
        assert!(
            raw.iter()
                .all(|e| e.disagreement && e.normalised_spread.is_none())
        );

        // Normalised: both jurors give z = +1.2247, 0, −1.2247, so both agree exactly: the
        // normalised spread is 0. The fit maps −1.2247..1.2247 onto the raw 5..7: the scores
        // keep the jury's range instead of moving to the middle of the scale.
        s.normalise = true;
        let normalised = rank(&criteria, &reviews, &subs, &s);
        assert_eq!(order_of(&normalised), [(100, 1), (200, 2), (300, 3)]);
        close(normalised[0].score, 7.0);
        close(normalised[1].score, 6.0);
        close(normalised[2].score, 5.0);
        for e in &normalised {
            close(e.normalised_spread, 0.0);
            // The raw spread is still shown and still flags: the jurors are 4 points apart.
            assert!((e.spread - 4.0).abs() < 1e-9 && e.disagreement, "{e:?}");
            assert_eq!(
                e.raw_score,
                raw.iter()
                    .find(|r| r.submission == e.submission)
                    .unwrap()
                    .score
            );
        }
    }

    #[test]
    fn a_raw_disagreement_is_flagged_even_where_normalising_shrinks_it() {
        let criteria = [criterion(1, 1.0)];
        // Juror 1 scores 3.00 for 100, and 4 and 5 elsewhere; juror 2 scores 8.36 for 100
        // and 9 and 10 elsewhere. Normalised, 100 is the weakest for both (spread small);
        // raw, they are 5.36 points apart on it.
        let reviews = [
            single(1, 100, 3.0),
            single(1, 200, 4.0),
            single(1, 300, 5.0),
            single(2, 100, 8.36),
            single(2, 400, 9.0),
            single(2, 500, 10.0),
        ];
        let mut s = settings(Aggregation::WeightedMean, true);
        s.disagreement_threshold = 3.0;
        let ranking = rank(&criteria, &reviews, &[100, 200, 300, 400, 500], &s);
        let e = entry(&ranking, 100);
        assert!((e.spread - 5.36).abs() < 1e-9, "{e:?}");
        assert!(e.normalised_spread.is_some_and(|n| n < 3.0), "{e:?}");
        assert!(e.disagreement, "the raw spread flags: {e:?}");
    }

    #[test]
    fn normalising_lets_a_harsh_jurors_favourite_catch_up_with_a_lenient_jurors_favourite() {
        let criteria = [criterion(1, 1.0)];
        // Juror 1 reviews 100 and 200 (9 and 7); juror 2, harsher, reviews 300 and 400 (5, 3).
        let reviews = [
            single(1, 100, 9.0),
            single(1, 200, 7.0),
            single(2, 300, 5.0),
            single(2, 400, 3.0),
        ];
        let subs = [100, 200, 300, 400];
        let raw = rank(&criteria, &reviews, &subs, &mean());
        assert_eq!(order_of(&raw), [(100, 1), (200, 2), (300, 3), (400, 4)]);

        // Each juror: mean ± 1 with standard deviation 1 → z = ±1, fitted onto the raw range
        // 3..9: 9 and 3. 100 and 300 tie on 9; the raw first criterion breaks it: 9 > 5.
        let normalised = rank(
            &criteria,
            &reviews,
            &subs,
            &settings(Aggregation::WeightedMean, true),
        );
        assert_eq!(
            order_of(&normalised),
            [(100, 1), (300, 2), (200, 3), (400, 4)]
        );
        close(entry(&normalised, 300).score, 9.0);
        close(entry(&normalised, 200).score, 3.0);
        close(entry(&normalised, 300).raw_score, 5.0);
    }

    #[test]
    fn normalised_scores_keep_the_range_the_jury_used() {
        let criteria = [criterion(1, 1.0)];
        // One juror: 10 for submission 1, 0 for submissions 2..=17 (17 reviews): z = 4 for
        // submission 1 and −1/4 for the others. Fitted onto the raw 0..10: 10 and 0, not the
        // 11.67 (kept at 10) and 4.58 that "middle of the scale ± z" would give.
        let mut reviews = vec![single(1, 1, 10.0)];
        reviews.extend((2..=17).map(|s| single(1, s, 0.0)));
        let subs: Vec<i64> = (1..=17).collect();
        let ranking = rank(
            &criteria,
            &reviews,
            &subs,
            &settings(Aggregation::WeightedMean, true),
        );
        close(entry(&ranking, 1).score, 10.0);
        close(entry(&ranking, 2).score, 0.0);
    }

    #[test]
    fn a_juror_who_gives_every_submission_the_same_total_keeps_that_total() {
        let criteria = [criterion(1, 1.0)];
        // 0.1 three times: the mean is 0.10000000000000002, not 0.1, so the standard
        // deviation is rounding noise (about 1e-17), not 0. Without a threshold, z would be −1.
        let reviews = [
            single(1, 100, 0.1),
            single(1, 200, 0.1),
            single(1, 300, 0.1),
        ];
        let ranking = rank(
            &criteria,
            &reviews,
            &[100, 200, 300],
            &settings(Aggregation::WeightedMean, true),
        );
        for e in &ranking {
            assert!(e.score.is_some_and(f64::is_finite), "{e:?}");
            // z = 0 everywhere → the middle of the raw scores, which is 0.1.
            close(e.score, 0.1);
            assert_eq!(e.rank, 1, "all equal, all first");
        }
    }

    #[test]
    fn a_juror_with_a_single_review_counts_as_average() {
        let criteria = [criterion(1, 1.0)];
        // Juror 2's only review: no spread to compare with, z = 0 whatever the score.
        let reviews = [
            single(1, 100, 9.0),
            single(1, 200, 1.0),
            single(2, 100, 2.0),
        ];
        let ranking = rank(
            &criteria,
            &reviews,
            &[100, 200],
            &settings(Aggregation::WeightedMean, true),
        );
        // Juror 1: z = ±1. Before the fit, 100: (1 + 0) / 2 = 0.5 and 200: −1; raw 5.5 and 1.
        // The line through (−1, 1) and (0.5, 5.5) has slope 3: 100 → 5.5, 200 → 1, and 100's
        // normalised totals are 1 + 2 · 3 = 7 and 1 + 1 · 3 = 4: spread 3 (raw: 9 − 2 = 7).
        close(entry(&ranking, 100).score, 5.5);
        close(entry(&ranking, 200).score, 1.0);
        close(entry(&ranking, 100).normalised_spread, 3.0);
        assert!((entry(&ranking, 100).spread - 7.0).abs() < 1e-9);
    }

    #[test]
    fn jurors_who_cancel_each_other_out_still_show_their_disagreement() {
        let criteria = [criterion(1, 1.0)];
        // Opposite opinions: every normalised score is the same, so there is no range to fit;
        // one z then counts as one standard deviation of the raw totals (4), and each entry's
        // normalised totals are ±1 z apart: spread 8.
        let reviews = [
            single(1, 100, 9.0),
            single(1, 200, 1.0),
            single(2, 100, 1.0),
            single(2, 200, 9.0),
        ];
        let mut s = settings(Aggregation::WeightedMean, true);
        s.disagreement_threshold = 3.0;
        let ranking = rank(&criteria, &reviews, &[100, 200], &s);
        for e in &ranking {
            close(e.score, 5.0);
            close(e.normalised_spread, 8.0);
            assert!(e.disagreement, "{e:?}");
        }
    }

    #[test]
    fn abstentions_are_counted_but_are_neither_scores_nor_reviews() {
        let criteria = [criterion(1, 1.0)];
        let reviews = [
            single(1, 100, 8.0),
            single(2, 100, 6.0),
            // Its 0 must not pull 100 down: abstained reviews' scores are ignored.
            Review {
                abstained: true,
                ..single(3, 100, 0.0)
            },
            abstention(1, 200),
        ];
        let ranking = rank(&criteria, &reviews, &[200, 100], &mean());
        let first = entry(&ranking, 100);
        // (8 + 6) / 2 = 7, from two reviews.
        close(first.score, 7.0);
        assert_eq!((first.reviews, first.abstentions), (2, 1));
        let only_abstained = entry(&ranking, 200);
        assert_eq!(only_abstained.score, None);
        assert_eq!((only_abstained.reviews, only_abstained.abstentions), (0, 1));
        assert_eq!(order_of(&ranking), [(100, 1), (200, 2)]);
    }

    #[test]
    fn equal_scores_are_ordered_by_the_first_criterion_then_by_the_number_of_reviews() {
        let criteria = [criterion(1, 1.0), criterion(2, 1.0)];
        let reviews = [
            // Every total is (c1 + c2) / 2 = 7.
            review(1, 100, &[(1, 6.0), (2, 8.0)]), // first criterion 6
            review(1, 200, &[(1, 7.0), (2, 7.0)]), // first criterion 7, two reviews
            review(2, 200, &[(1, 7.0), (2, 7.0)]),
            review(1, 300, &[(1, 8.0), (2, 6.0)]), // first criterion 8
            review(1, 400, &[(1, 7.0), (2, 7.0)]), // first criterion 7, one review
        ];
        let ranking = rank(&criteria, &reviews, &[100, 200, 300, 400], &mean());
        assert!(ranking.iter().all(|e| e.score == Some(7.0)));
        assert_eq!(order_of(&ranking), [(300, 1), (200, 2), (400, 3), (100, 4)]);
    }

    #[test]
    fn submissions_equal_after_every_tie_break_share_a_rank() {
        let criteria = [criterion(1, 1.0)];
        let reviews = [
            single(1, 400, 7.0),
            single(1, 300, 8.0),
            single(1, 200, 8.0),
            single(1, 100, 9.0),
        ];
        let ranking = rank(&criteria, &reviews, &[400, 300, 200, 100], &mean());
        // 9, 8, 8, 7 → 1, 2, 2, 4; the tied pair by submission id.
        assert_eq!(order_of(&ranking), [(100, 1), (200, 2), (300, 2), (400, 4)]);
    }

    #[test]
    fn the_order_of_the_reviews_does_not_change_the_ranking() {
        let criteria = [criterion(1, 3.0), criterion(2, 1.0)];
        let mut reviews = Vec::new();
        for juror in 1..=4 {
            for sub in 1..=6 {
                let a = ((juror * 7 + sub * 3) % 11) as f64 * 0.9 + 0.1;
                let b = ((juror * 5 + sub * 2) % 11) as f64 * 0.7 + 0.3;
                reviews.push(review(juror, sub, &[(1, a.min(10.0)), (2, b.min(10.0))]));
            }
        }
        let subs: Vec<i64> = (1..=6).collect();
        let s = settings(Aggregation::WeightedMean, true);
        let forward = rank(&criteria, &reviews, &subs, &s);
        reviews.reverse();
        let backward = rank(&criteria, &reviews, &subs, &s);
        assert_eq!(order_of(&forward), order_of(&backward));
    }

    #[test]
    fn a_spread_beyond_the_threshold_is_flagged_as_disagreement() {
        let criteria = [criterion(1, 1.0)];
        let reviews = [
            single(1, 100, 9.0),
            single(2, 100, 5.0), // spread 9 − 5 = 4 > 3
            single(1, 200, 8.0),
            single(2, 200, 5.0), // spread 3: at the threshold, not beyond
            single(1, 300, 6.0), // one review: spread 0
        ];
        let mut s = mean();
        s.disagreement_threshold = 3.0;
        let ranking = rank(&criteria, &reviews, &[100, 200, 300], &s);
        let flags: Vec<(i64, f64, bool)> = ranking
            .iter()
            .map(|e| (e.submission, e.spread, e.disagreement))
            .collect();
        assert_eq!(
            flags,
            // Scores 7, 6.5 and 6.
            [(100, 4.0, true), (200, 3.0, false), (300, 0.0, false)]
        );
    }

    #[test]
    fn submissions_without_reviews_come_last_and_every_listed_submission_appears_once() {
        let criteria = [criterion(1, 1.0)];
        let reviews = [single(1, 200, 1.0), single(1, 999, 9.0)];
        // 999 is not listed: reviewed, but not ranked. 100 is listed twice.
        let ranking = rank(&criteria, &reviews, &[100, 200, 300, 100], &mean());
        assert_eq!(order_of(&ranking), [(200, 1), (100, 2), (300, 2)]);
        let unreviewed = entry(&ranking, 100);
        assert_eq!(
            (
                unreviewed.score,
                unreviewed.reviews,
                unreviewed.first_criterion
            ),
            (None, 0, None)
        );
        assert_eq!(unreviewed.spread, 0.0);
    }

    #[test]
    fn a_complete_review_within_the_scale_passes_the_check() {
        let fit = Criterion {
            informational: true,
            ..criterion(10, 1.0)
        };
        let criteria = [criterion(1, 2.0), criterion(2, 1.0), fit];
        let scores = HashMap::from([(1, 0.0), (2, 10.0)]);
        assert_eq!(check_scores(&criteria, &scores), Ok(()));
    }

    #[test]
    fn the_check_names_missing_out_of_scale_and_unknown_scores_at_once() {
        let fit = Criterion {
            informational: true,
            ..criterion(10, 1.0)
        };
        let criteria = [
            criterion(1, 1.0),
            criterion(2, 1.0),
            criterion(3, 1.0),
            criterion(4, 1.0),
            criterion(5, 1.0),
            fit,
        ];
        let scores = HashMap::from([
            // 1 is missing
            (2, 10.5),
            (3, -0.5),
            (4, f64::NAN),
            (5, f64::INFINITY),
            (10, 11.0), // informational: may be missing, but not out of scale
            (99, 5.0),
            (42, 5.0),
        ]);
        assert_eq!(
            check_scores(&criteria, &scores),
            Err(vec![
                (1, "valid-score-missing"),
                (2, "valid-score-out-of-scale"),
                (3, "valid-score-out-of-scale"),
                (4, "valid-score-out-of-scale"),
                (5, "valid-score-out-of-scale"),
                (10, "valid-score-out-of-scale"),
                (42, "valid-score-unknown-criterion"),
                (99, "valid-score-unknown-criterion"),
            ])
        );
    }

    #[test]
    fn two_thousand_submissions_with_five_jurors_each_are_ranked_once_each_in_order() {
        // 2,000 submissions × 5 jurors × 6 criteria, normalised (the size of a large call).
        let criteria: Vec<Criterion> = (1..=6).map(|id| criterion(id, id as f64)).collect();
        let mut seed: u64 = 42;
        let mut next = || {
            // A fixed linear congruential sequence: the same "random" scores every run.
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as f64 / (1u64 << 31) as f64 * 10.0
        };
        let subs: Vec<i64> = (1..=2000).collect();
        let mut reviews = Vec::new();
        for &sub in &subs {
            for k in 0..5 {
                let juror = (sub + k * 7) % 60;
                let scores: Vec<(i64, f64)> = criteria.iter().map(|c| (c.id, next())).collect();
                reviews.push(review(juror, sub, &scores));
            }
        }
        let ranking = rank(
            &criteria,
            &reviews,
            &subs,
            &settings(Aggregation::Median, true),
        );
        assert_eq!(ranking.len(), 2000);
        let listed: HashSet<i64> = ranking.iter().map(|e| e.submission).collect();
        assert_eq!(listed.len(), 2000);
        assert!(ranking.iter().all(|e| e.reviews == 5));
        for pair in ranking.windows(2) {
            assert!(pair[0].score >= pair[1].score && pair[0].rank <= pair[1].rank);
        }
    }
}
