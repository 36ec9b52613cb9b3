//! The numbers of the dashboards and the pure rules that compute them from rows: counts over
//! time in the event's or call's time zone, check-ins by hour, quartiles and histograms of
//! scores, the largest groups with the rest summed up.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Timelike, Utc};
use chrono_tz::Tz;

use crate::event::Event;
/// The five numbers of a box plot, as the chart kit draws them.
pub use convene_frontend::chart::Quartiles;

/// One registration as the event dashboard counts it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RegistrationFact {
    pub status: String,
    pub ticket_type_id: Option<i64>,
    pub created_at: DateTime<Utc>,
    /// The last change: for a registration that left (cancelled, rejected, expired), when it
    /// left.
    pub updated_at: DateTime<Utc>,
    pub checked_in_at: Option<DateTime<Utc>>,
}

impl RegistrationFact {
    /// Holds a place or waits for one: confirmed, pending approval, offered or on the waiting
    /// list.
    pub fn is_active(&self) -> bool {
        matches!(
            self.status.as_str(),
            "confirmed" | "pending" | "offered" | "waitlisted"
        )
    }
}

/// One day of the registrations-over-time line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayCount {
    pub day: NaiveDate,
    /// Registrations received up to the end of this day, whatever became of them.
    pub received: i64,
    /// Registrations that held or awaited a place at the end of this day.
    pub active: i64,
}

/// A fill level: how much of something with an optional limit is taken.
#[derive(Debug, Clone, PartialEq)]
pub struct Fill {
    pub label_de: String,
    pub label_en: String,
    pub taken: i64,
    pub capacity: Option<i64>,
    /// On the waiting list for it.
    pub waiting: i64,
    pub checked_in: i64,
}

/// Meeting requests by status, and meetings booked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matchmaking {
    pub profiles: i64,
    pub pending: i64,
    pub accepted: i64,
    pub declined: i64,
    pub cancelled: i64,
    pub meetings: i64,
}

/// What an event's organisers still have to do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Todos {
    /// Clashes the agenda checks report (a room or a speaker twice at once, …).
    pub agenda_clashes: usize,
    /// Draft sessions not yet published.
    pub unpublished_sessions: usize,
    /// Registrations waiting for the organisers' approval.
    pub approvals: i64,
    /// Waiting-list offers not yet taken up.
    pub offers: i64,
}

/// The no-show rate, once the event has begun.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NoShows {
    pub confirmed: i64,
    pub checked_in: i64,
}

impl NoShows {
    /// Confirmed participants who have not checked in, as a share of the confirmed ones.
    pub fn rate(&self) -> Option<f64> {
        (self.confirmed > 0)
            .then(|| (self.confirmed - self.checked_in).max(0) as f64 / self.confirmed as f64)
    }
}

/// Everything the event dashboard shows.
#[derive(Debug, Clone)]
pub struct EventDashboard {
    pub event: Event,
    pub capacity: Option<i64>,
    /// Registrations per status (`confirmed`, `waitlisted`, …), every status listed.
    pub by_status: Vec<(String, i64)>,
    pub checked_in: i64,
    pub over_time: Vec<DayCount>,
    pub tickets: Vec<Fill>,
    /// The sessions with a seat limit.
    pub sessions: Vec<Fill>,
    /// Check-ins per hour of the event's days, in the event's time zone, from the first hour
    /// with a check-in to the last.
    pub checkins_by_hour: Vec<(NaiveDateTime, i64)>,
    /// `None` before the event begins.
    pub no_shows: Option<NoShows>,
    /// Participants' countries (ISO codes, from the registration form's country question),
    /// largest first; the rest summed up under an empty code.
    pub countries: Vec<(String, i64)>,
    /// Participants' organisations, largest first; the rest summed up under an empty name.
    pub organisations: Vec<(String, i64)>,
    /// `None` when matchmaking is not enabled.
    pub matchmaking: Option<Matchmaking>,
    pub todos: Todos,
}

/// One juror's share of a round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JurorProgress {
    pub name: String,
    pub done: usize,
    pub assigned: usize,
}

/// The scores one criterion received in a round's final reviews.
#[derive(Debug, Clone, PartialEq)]
pub struct CriterionScores {
    pub name_de: String,
    pub name_en: String,
    pub count: usize,
    pub quartiles: Option<Quartiles>,
    /// Reviews per whole score from the scale's minimum to its maximum; empty on scales wider
    /// than 20 points (the quartiles describe those).
    pub histogram: Vec<(i64, usize)>,
}

/// An entry whose jurors disagree.
#[derive(Debug, Clone, PartialEq)]
pub struct Disagreement {
    pub title: String,
    pub reviews: usize,
    /// Highest minus lowest of the jurors' totals.
    pub spread: f64,
    pub score: Option<f64>,
}

/// One jury round on the call dashboard.
#[derive(Debug, Clone)]
pub struct RoundStats {
    pub id: i64,
    pub name_de: String,
    pub name_en: String,
    pub done: usize,
    pub assigned: usize,
    /// Empty while the reader has own reviews to hand in (the scores are not theirs to see
    /// yet); so are `criteria` and `disagreements`.
    pub jurors: Vec<JurorProgress>,
    pub scale: (i64, i64),
    pub criteria: Vec<CriterionScores>,
    /// Entries whose totals spread beyond the round's threshold, widest first.
    pub disagreements: Vec<Disagreement>,
    /// The reader may see only the progress counts.
    pub withheld: bool,
}

/// Everything the call dashboard shows.
#[derive(Debug, Clone)]
pub struct CallDashboard {
    pub call: crate::call::model::Call,
    /// Entries handed in, cumulative per day from the day the call opened.
    pub over_time: Vec<(NaiveDate, i64)>,
    /// The day of the deadline, if it falls inside `over_time`'s days or right after them.
    pub deadline: NaiveDate,
    /// Entries per status, every status listed.
    pub by_status: Vec<(String, i64)>,
    /// Handed-in entries per category (`None`: without a category).
    pub by_category: Vec<(Option<String>, Option<String>, i64)>,
    /// Handed-in entries whose eligibility is decided (eligible or not), and all handed in.
    pub eligibility: (i64, i64),
    pub rounds: Vec<RoundStats>,
}

/// Counts of received and active registrations at the end of each day from `first` to `last`
/// (in `tz`), from facts in any order. A registration that left counts as active until the day
/// it left.
pub fn registrations_by_day(
    tz: Tz,
    facts: &[RegistrationFact],
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<DayCount> {
    let day = |t: DateTime<Utc>| t.with_timezone(&tz).date_naive();
    let mut received: BTreeMap<NaiveDate, i64> = BTreeMap::new();
    let mut left: BTreeMap<NaiveDate, i64> = BTreeMap::new();
    for f in facts {
        *received.entry(day(f.created_at)).or_default() += 1;
        if !f.is_active() {
            *left.entry(day(f.updated_at.max(f.created_at))).or_default() += 1;
        }
    }
    let before = |m: &BTreeMap<NaiveDate, i64>| m.range(..first).map(|(_, n)| n).sum::<i64>();
    let (mut total, mut gone) = (before(&received), before(&left));
    let mut out = Vec::new();
    let mut d = first;
    while d <= last {
        total += received.get(&d).copied().unwrap_or(0);
        gone += left.get(&d).copied().unwrap_or(0);
        out.push(DayCount {
            day: d,
            received: total,
            active: total - gone,
        });
        d += Duration::days(1);
    }
    out
}

/// Entries handed in up to the end of each day from `first` to `last` (in `tz`).
pub fn cumulative_by_day(
    tz: Tz,
    times: &[DateTime<Utc>],
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<(NaiveDate, i64)> {
    let mut per_day: BTreeMap<NaiveDate, i64> = BTreeMap::new();
    for t in times {
        *per_day
            .entry(t.with_timezone(&tz).date_naive())
            .or_default() += 1;
    }
    let mut total: i64 = per_day.range(..first).map(|(_, n)| n).sum();
    let mut out = Vec::new();
    let mut d = first;
    while d <= last {
        total += per_day.get(&d).copied().unwrap_or(0);
        out.push((d, total));
        d += Duration::days(1);
    }
    out
}

/// Check-ins per local hour, every hour from the first with a check-in to the last (gaps as 0),
/// but never more than `max_hours` of them: beyond that, only the hours with check-ins.
pub fn per_hour(tz: Tz, times: &[DateTime<Utc>], max_hours: usize) -> Vec<(NaiveDateTime, i64)> {
    let mut per: BTreeMap<NaiveDateTime, i64> = BTreeMap::new();
    for t in times {
        let local = t.with_timezone(&tz).naive_local();
        let hour = local
            .date()
            .and_hms_opt(local.hour(), 0, 0)
            .expect("a whole hour exists");
        *per.entry(hour).or_default() += 1;
    }
    let (Some((first, _)), Some((last, _))) = (per.first_key_value(), per.last_key_value()) else {
        return Vec::new();
    };
    let span = usize::try_from((*last - *first).num_hours()).unwrap_or(usize::MAX);
    if span >= max_hours {
        return per.into_iter().collect();
    }
    let mut out = Vec::new();
    let mut h = *first;
    while h <= *last {
        out.push((h, per.get(&h).copied().unwrap_or(0)));
        h += Duration::hours(1);
    }
    out
}

/// Minimum, quartiles (linear interpolation between the closest ranks, as spreadsheets'
/// QUARTILE.INC) and maximum; `None` without values.
pub fn quartiles(values: &[f64]) -> Option<Quartiles> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let at = |p: f64| {
        let pos = p * (v.len() - 1) as f64;
        let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
        v[lo] + (v[hi] - v[lo]) * (pos - lo as f64)
    };
    Some(Quartiles {
        min: v[0],
        q1: at(0.25),
        median: at(0.5),
        q3: at(0.75),
        max: v[v.len() - 1],
    })
}

/// How many values round to each whole score from `lo` to `hi` (values outside are clamped).
pub fn histogram(values: &[f64], (lo, hi): (i64, i64)) -> Vec<(i64, usize)> {
    let mut out: Vec<(i64, usize)> = (lo..=hi.max(lo)).map(|s| (s, 0)).collect();
    for v in values.iter().filter(|v| v.is_finite()) {
        let s = (v.round() as i64).clamp(lo, hi.max(lo));
        out[usize::try_from(s - lo).unwrap_or(0)].1 += 1;
    }
    out
}

/// The `n` largest groups by count (ties by name), and the rest summed up under an empty name
/// (left out when there is no rest). Groups with an empty name count into the rest.
pub fn top(mut groups: Vec<(String, i64)>, n: usize) -> Vec<(String, i64)> {
    let mut rest: i64 = groups
        .iter()
        .filter(|(name, _)| name.trim().is_empty())
        .map(|(_, c)| c)
        .sum();
    groups.retain(|(name, _)| !name.trim().is_empty());
    groups.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    if groups.len() > n {
        rest += groups.split_off(n).iter().map(|(_, c)| c).sum::<i64>();
    }
    if rest > 0 {
        groups.push((String::new(), rest));
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn fact(status: &str, created: &str, updated: &str) -> RegistrationFact {
        RegistrationFact {
            status: status.into(),
            ticket_type_id: None,
            created_at: at(created),
            updated_at: at(updated),
            checked_in_at: None,
        }
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn registrations_count_by_local_day_and_leave_on_the_day_they_left() {
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        let facts = [
            // 23:30 UTC on 1 March is already 2 March in Berlin.
            fact("confirmed", "2026-03-01T23:30:00Z", "2026-03-01T23:30:00Z"),
            fact("cancelled", "2026-03-02T08:00:00Z", "2026-03-04T09:00:00Z"),
            fact("waitlisted", "2026-03-04T10:00:00Z", "2026-03-04T10:00:00Z"),
            // Before the first day shown: counted into the first day's totals.
            fact("confirmed", "2026-02-20T10:00:00Z", "2026-02-20T10:00:00Z"),
        ];
        let days = registrations_by_day(berlin, &facts, day("2026-03-01"), day("2026-03-04"));
        let got: Vec<(i64, i64)> = days.iter().map(|d| (d.received, d.active)).collect();
        assert_eq!(got, vec![(1, 1), (3, 3), (3, 3), (4, 3)]);
        assert_eq!(days[0].day, day("2026-03-01"));
    }

    #[test]
    fn submissions_add_up_per_day() {
        let utc: Tz = "UTC".parse().unwrap();
        let times = [
            at("2026-05-02T10:00:00Z"),
            at("2026-05-02T11:00:00Z"),
            at("2026-05-04T10:00:00Z"),
        ];
        assert_eq!(
            cumulative_by_day(utc, &times, day("2026-05-01"), day("2026-05-04")),
            vec![
                (day("2026-05-01"), 0),
                (day("2026-05-02"), 2),
                (day("2026-05-03"), 2),
                (day("2026-05-04"), 3)
            ]
        );
    }

    #[test]
    fn check_ins_fill_the_hours_between_and_use_local_time() {
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        let times = [
            at("2026-03-03T07:10:00Z"),
            at("2026-03-03T07:50:00Z"),
            at("2026-03-03T09:05:00Z"),
        ];
        let hours = per_hour(berlin, &times, 48);
        let local = |h: u32| day("2026-03-03").and_hms_opt(h, 0, 0).unwrap();
        assert_eq!(hours, vec![(local(8), 2), (local(9), 0), (local(10), 1)]);
        // Over a long span only the hours with check-ins are listed.
        let spread = [at("2026-03-03T07:10:00Z"), at("2026-03-09T07:10:00Z")];
        assert_eq!(per_hour(berlin, &spread, 48).len(), 2);
        assert!(per_hour(berlin, &[], 48).is_empty());
    }

    #[test]
    fn quartiles_interpolate_between_ranks() {
        let q = quartiles(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]).unwrap();
        assert_eq!(
            (q.min, q.q1, q.median, q.q3, q.max),
            (1.0, 2.75, 4.5, 6.25, 8.0)
        );
        let one = quartiles(&[7.0]).unwrap();
        assert_eq!((one.min, one.median, one.max), (7.0, 7.0, 7.0));
        assert_eq!(quartiles(&[]), None);
    }

    #[test]
    fn histograms_count_whole_scores_over_the_scale() {
        assert_eq!(
            histogram(&[0.0, 2.4, 2.6, 3.0, 11.0, -1.0], (0, 3)),
            vec![(0, 2), (1, 0), (2, 1), (3, 3)]
        );
    }

    #[test]
    fn top_groups_sum_up_the_rest_and_the_unnamed() {
        let groups = vec![
            ("b".to_string(), 5),
            ("a".to_string(), 5),
            ("c".to_string(), 1),
            (String::new(), 2),
        ];
        assert_eq!(
            top(groups, 2),
            vec![
                ("a".to_string(), 5),
                ("b".to_string(), 5),
                (String::new(), 3)
            ]
        );
        assert_eq!(top(vec![("x".into(), 1)], 5), vec![("x".to_string(), 1)]);
    }

    #[test]
    fn the_no_show_rate_needs_confirmed_participants() {
        assert_eq!(
            NoShows {
                confirmed: 0,
                checked_in: 0
            }
            .rate(),
            None
        );
        assert_eq!(
            NoShows {
                confirmed: 8,
                checked_in: 6
            }
            .rate(),
            Some(0.25)
        );
    }
}
