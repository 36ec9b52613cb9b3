//! The dashboards' use cases: gather an event's or a call's numbers for its organisers. Read
//! only; the permission checks are those of the event's and the call's own organiser pages.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};

use super::model::{
    self, CallDashboard, CriterionScores, Disagreement, EventDashboard, Fill, JurorProgress,
    Matchmaking, NoShows, RoundStats, Todos,
};
use super::queries;
use crate::account::Actor;
use crate::error::AppError;
use crate::state::AppState;

/// Registration statuses in the order the dashboard lists them.
pub const REGISTRATION_STATUSES: [&str; 7] = [
    "confirmed",
    "pending",
    "offered",
    "waitlisted",
    "cancelled",
    "rejected",
    "expired",
];

/// The most days a line over time shows (the latest ones).
const MAX_DAYS: i64 = 400;
/// Countries and organisations listed by name; the rest is summed up.
const TOP: usize = 10;
/// The widest scale whose scores are counted one by one (a column per whole score).
const HISTOGRAM_SPAN: i64 = 20;
/// Disagreements listed per round.
const MAX_DISAGREEMENTS: usize = 20;

/// The first and last day of a line over time: from `first` (or `today`) to `today`, but not
/// past `end`, and at most [`MAX_DAYS`] days.
fn day_range(first: Option<NaiveDate>, today: NaiveDate, end: NaiveDate) -> (NaiveDate, NaiveDate) {
    let last = today.min(end);
    let first = first.unwrap_or(last).min(last);
    (first.max(last - Duration::days(MAX_DAYS - 1)), last)
}

/// The event dashboard. `NotFound`/`Forbidden` as the event's organiser pages.
pub async fn event(
    state: &AppState,
    actor: &Actor,
    slug: &str,
) -> Result<EventDashboard, AppError> {
    let agenda = crate::agenda::service::for_organiser(state, actor, slug).await?;
    let event = agenda.event.clone();
    let tz = event.tz();
    let now = state.clock.now();
    let mut conn = state.db.acquire().await?;
    let settings = crate::registration::queries::settings(&mut conn, event.id).await?;
    let facts = queries::registration_facts(&mut conn, event.id).await?;
    let tickets = crate::registration::queries::tickets(&mut conn, event.id).await?;
    let bookings = crate::registration::queries::booking_counts(&mut conn, event.id).await?;
    let countries = queries::countries(&mut conn, event.id).await?;
    let organisations = queries::organisations(&mut conn, event.id).await?;
    let matchmaking = match crate::matchmaking::queries::settings(&mut conn, event.id).await? {
        Some(s) if s.enabled => {
            let requests = queries::meeting_requests(&mut conn, event.id).await?;
            let n = |status: &str| {
                requests
                    .iter()
                    .find(|(s, _)| s == status)
                    .map_or(0, |r| r.1)
            };
            Some(Matchmaking {
                profiles: queries::profiles(&mut conn, event.id).await?,
                pending: n("pending"),
                accepted: n("accepted"),
                declined: n("declined"),
                cancelled: n("cancelled"),
                meetings: queries::meetings(&mut conn, event.id).await?,
            })
        }
        _ => None,
    };
    drop(conn);

    let count = |status: &str| facts.iter().filter(|f| f.status == status).count() as i64;
    let by_status: Vec<(String, i64)> = REGISTRATION_STATUSES
        .iter()
        .map(|s| (s.to_string(), count(s)))
        .collect();
    let confirmed_in: Vec<_> = facts
        .iter()
        .filter(|f| f.status == "confirmed")
        .filter_map(|f| f.checked_in_at)
        .collect();

    let today = now.with_timezone(&tz).date_naive();
    let first = facts
        .iter()
        .map(|f| f.created_at.with_timezone(&tz).date_naive())
        .chain(
            settings
                .as_ref()
                .and_then(|s| s.opens_at)
                .map(|t| t.with_timezone(&tz).date_naive()),
        )
        .min();
    let (first, last) = day_range(first, today, event.ends_on);
    let over_time = model::registrations_by_day(tz, &facts, first, last);

    let ticket_fill = tickets
        .iter()
        .map(|t| {
            let of_ticket = |status: &[&str]| {
                facts
                    .iter()
                    .filter(|f| {
                        f.ticket_type_id == Some(t.id) && status.contains(&f.status.as_str())
                    })
                    .count() as i64
            };
            Fill {
                label_de: t.name_de.clone(),
                label_en: t.name_en.clone(),
                taken: of_ticket(&["confirmed", "pending", "offered"]),
                capacity: t.capacity,
                waiting: of_ticket(&["waitlisted"]),
                checked_in: facts
                    .iter()
                    .filter(|f| {
                        f.ticket_type_id == Some(t.id)
                            && f.status == "confirmed"
                            && f.checked_in_at.is_some()
                    })
                    .count() as i64,
            }
        })
        .collect();
    let booked: HashMap<_, _> = bookings
        .into_iter()
        .map(|(id, b, w, c)| (id, (b, w, c)))
        .collect();
    let sessions = agenda
        .sessions
        .iter()
        .filter(|s| {
            s.capacity.is_some() && s.status != crate::agenda::model::SessionStatus::Cancelled
        })
        .map(|s| {
            let (taken, waiting, checked_in) = booked.get(&s.id).copied().unwrap_or_default();
            Fill {
                label_de: s.title_de.clone(),
                label_en: s.title_en.clone(),
                taken,
                capacity: s.capacity,
                waiting,
                checked_in,
            }
        })
        .collect();

    let started = event
        .starts_on
        .and_hms_opt(0, 0, 0)
        .and_then(|t| t.and_local_timezone(tz).earliest())
        .is_some_and(|start| now >= start);
    let todos = Todos {
        agenda_clashes: agenda.warnings().len(),
        unpublished_sessions: agenda
            .sessions
            .iter()
            .filter(|s| s.status == crate::agenda::model::SessionStatus::Draft)
            .count(),
        approvals: count("pending"),
        offers: count("offered"),
    };
    Ok(EventDashboard {
        capacity: settings.and_then(|s| s.capacity),
        checked_in: confirmed_in.len() as i64,
        checkins_by_hour: model::per_hour(tz, &confirmed_in, 72),
        no_shows: started.then(|| NoShows {
            confirmed: count("confirmed"),
            checked_in: confirmed_in.len() as i64,
        }),
        countries: model::top(countries, TOP),
        organisations: model::top(organisations, TOP),
        by_status,
        over_time,
        tickets: ticket_fill,
        sessions,
        matchmaking,
        todos,
        event,
    })
}

/// The call dashboard. `NotFound`/`Forbidden` as the call's organiser pages. A round whose
/// organiser view the reader may not open yet (own reviews pending in a blind round) shows its
/// progress counts only.
pub async fn call(state: &AppState, actor: &Actor, slug: &str) -> Result<CallDashboard, AppError> {
    let call = crate::call::service::for_organiser(state, actor, slug).await?;
    let tz = call.tz();
    let now = state.clock.now();
    let mut conn = state.db.acquire().await?;
    let facts = queries::submission_facts(&mut conn, call.id).await?;
    let categories = crate::call::queries::categories(&mut conn, call.id).await?;
    let rounds = crate::jury::queries::rounds(&mut conn, call.id).await?;
    drop(conn);

    let handed_in: Vec<_> = facts
        .iter()
        .filter(|f| crate::call::SubmissionStatus::parse(&f.status).is_some_and(|s| s.handed_in()))
        .collect();
    let times: Vec<_> = handed_in.iter().filter_map(|f| f.submitted_at).collect();
    let deadline = call.deadline.with_timezone(&tz).date_naive();
    let today = now.with_timezone(&tz).date_naive();
    let (first, last) = day_range(
        Some(call.opens_at.with_timezone(&tz).date_naive()),
        today,
        deadline,
    );
    let by_status = crate::call::SubmissionStatus::ALL
        .iter()
        .map(|s| {
            (
                s.as_str().to_string(),
                facts.iter().filter(|f| f.status == s.as_str()).count() as i64,
            )
        })
        .collect();
    let mut by_category: Vec<(Option<String>, Option<String>, i64)> = categories
        .iter()
        .map(|c| {
            let n = handed_in
                .iter()
                .filter(|f| f.category_id == Some(c.id))
                .count() as i64;
            (Some(c.name_de.clone()), Some(c.name_en.clone()), n)
        })
        .collect();
    let without = handed_in
        .iter()
        .filter(|f| {
            !f.category_id
                .is_some_and(|id| categories.iter().any(|c| c.id == id))
        })
        .count() as i64;
    if without > 0 {
        by_category.push((None, None, without));
    }
    let decided = handed_in
        .iter()
        .filter(|f| f.eligible_at.is_some() || f.status == "ineligible")
        .count() as i64;

    let mut round_stats = Vec::new();
    for round in rounds {
        round_stats.push(round_stats_of(state, actor, slug, round).await?);
    }
    Ok(CallDashboard {
        over_time: model::cumulative_by_day(tz, &times, first, last),
        deadline,
        by_status,
        by_category,
        eligibility: (decided, handed_in.len() as i64),
        rounds: round_stats,
        call,
    })
}

async fn round_stats_of(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    round: crate::jury::model::Round,
) -> Result<RoundStats, AppError> {
    let mut stats = RoundStats {
        id: round.id,
        name_de: round.name_de.clone(),
        name_en: round.name_en.clone(),
        done: 0,
        assigned: 0,
        jurors: Vec::new(),
        scale: (round.scale_min, round.scale_max),
        criteria: Vec::new(),
        disagreements: Vec::new(),
        withheld: false,
    };
    let figures = match crate::jury::service::round_figures(state, actor, slug, round.id).await {
        Ok(figures) => figures,
        Err(AppError::Forbidden(_)) => {
            (stats.done, stats.assigned) =
                crate::jury::service::round_progress(state, actor, slug, round.id).await?;
            stats.withheld = true;
            return Ok(stats);
        }
        Err(e) => return Err(e),
    };
    let name_of = |id: i64| {
        figures
            .call_jurors
            .iter()
            .find(|j| j.account_id == id)
            .map_or_else(String::new, |j| j.name.clone())
    };
    stats.jurors = figures
        .progress
        .iter()
        .map(|p| {
            stats.done += p.done;
            stats.assigned += p.assigned;
            JurorProgress {
                name: name_of(p.account_id),
                done: p.done,
                assigned: p.assigned,
            }
        })
        .collect();
    stats.jurors.sort_by_key(|j| j.name.to_lowercase());

    stats.criteria = figures
        .criteria
        .iter()
        .map(|c| {
            let scores: Vec<f64> = figures
                .score_counts
                .iter()
                .filter(|(criterion, _, _)| *criterion == c.id)
                .flat_map(|&(_, score, n)| std::iter::repeat_n(score, n.max(0) as usize))
                .collect();
            CriterionScores {
                name_de: c.name_de.clone(),
                name_en: c.name_en.clone(),
                count: scores.len(),
                quartiles: model::quartiles(&scores),
                histogram: if stats.scale.1 - stats.scale.0 <= HISTOGRAM_SPAN {
                    model::histogram(&scores, stats.scale)
                } else {
                    Vec::new()
                },
            }
        })
        .collect();
    let titles: HashMap<i64, &str> = figures
        .entrants
        .iter()
        .map(|e| (e.id, e.title.as_str()))
        .collect();
    let mut disagreements: Vec<Disagreement> = figures
        .ranking
        .iter()
        .filter(|e| e.disagreement)
        .map(|e| Disagreement {
            title: titles
                .get(&e.submission)
                .map_or_else(String::new, |t| t.to_string()),
            reviews: e.reviews,
            spread: e.spread,
            score: e.score,
        })
        .collect();
    disagreements.sort_by(|a, b| {
        b.spread
            .total_cmp(&a.spread)
            .then_with(|| a.title.cmp(&b.title))
    });
    disagreements.truncate(MAX_DISAGREEMENTS);
    stats.disagreements = disagreements;
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_line_runs_from_the_first_day_to_today_but_not_past_the_end() {
        assert_eq!(
            day_range(Some(d("2026-03-01")), d("2026-03-10"), d("2026-04-01")),
            (d("2026-03-01"), d("2026-03-10"))
        );
        assert_eq!(
            day_range(Some(d("2026-03-01")), d("2026-05-10"), d("2026-04-01")),
            (d("2026-03-01"), d("2026-04-01"))
        );
        // Nothing yet, or a first day still ahead: today alone.
        assert_eq!(
            day_range(None, d("2026-03-10"), d("2026-04-01")),
            (d("2026-03-10"), d("2026-03-10"))
        );
        assert_eq!(
            day_range(Some(d("2026-03-20")), d("2026-03-10"), d("2026-04-01")),
            (d("2026-03-10"), d("2026-03-10"))
        );
        // At most 400 days.
        assert_eq!(
            day_range(Some(d("2020-01-01")), d("2026-03-10"), d("2027-01-01")).0,
            d("2026-03-10") - Duration::days(399)
        );
    }
}
