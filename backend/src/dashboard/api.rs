//! JSON API for the dashboards: the same numbers as the organisers' dashboard pages.

use chrono::{NaiveDate, NaiveDateTime};
use poem::web::Data;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

use super::model::{CallDashboard, EventDashboard, Fill, RoundStats};
use super::service;
use crate::http::api::{ApiAuth, ApiError, ApiTags};
use crate::state::AppState;

/// A number of items in one group (a status, a country, an organisation).
#[derive(Object, Debug)]
pub struct GroupCountBody {
    /// The group: a status, an ISO country code, an organisation's name. Empty: every group not
    /// listed by name, summed up.
    pub key: String,
    pub count: i64,
}

fn groups(groups: &[(String, i64)]) -> Vec<GroupCountBody> {
    groups
        .iter()
        .map(|(key, count)| GroupCountBody {
            key: key.clone(),
            count: *count,
        })
        .collect()
}

/// How much of a ticket type or a limited session is taken.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct FillBody {
    pub name_de: String,
    pub name_en: String,
    /// Confirmed, pending and offered places.
    pub taken: i64,
    /// None: no limit.
    pub capacity: Option<i64>,
    pub waiting: i64,
    pub checked_in: i64,
}

impl From<&Fill> for FillBody {
    fn from(f: &Fill) -> Self {
        FillBody {
            name_de: f.label_de.clone(),
            name_en: f.label_en.clone(),
            taken: f.taken,
            capacity: f.capacity,
            waiting: f.waiting,
            checked_in: f.checked_in,
        }
    }
}

/// Registrations at the end of one day (in the event's time zone).
#[derive(Object, Debug)]
pub struct RegistrationDayBody {
    pub day: NaiveDate,
    /// Received up to this day, whatever became of them.
    pub received: i64,
    /// Holding or awaiting a place at the end of this day.
    pub active: i64,
}

/// Check-ins in one hour (local time of the event).
#[derive(Object, Debug)]
pub struct HourCountBody {
    pub hour: NaiveDateTime,
    pub count: i64,
}

/// Matchmaking at a glance.
#[derive(Object, Debug)]
pub struct MatchmakingCountsBody {
    pub profiles: i64,
    pub requests_pending: i64,
    pub requests_accepted: i64,
    pub requests_declined: i64,
    pub requests_cancelled: i64,
    pub meetings: i64,
}

/// What the organisers still have to do.
#[derive(Object, Debug)]
pub struct TodosBody {
    pub agenda_clashes: i64,
    pub unpublished_sessions: i64,
    pub approvals_pending: i64,
    pub offers_open: i64,
}

/// An event's numbers, as its dashboard shows them.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "EventDashboard")]
pub struct EventDashboardBody {
    pub slug: String,
    pub capacity: Option<i64>,
    /// Registrations per status, every status listed.
    pub by_status: Vec<GroupCountBody>,
    pub checked_in: i64,
    /// Confirmed participants who did not check in, as a share (0–1) of the confirmed; none
    /// before the event begins.
    pub no_show_rate: Option<f64>,
    pub over_time: Vec<RegistrationDayBody>,
    pub tickets: Vec<FillBody>,
    pub sessions: Vec<FillBody>,
    pub checkins_by_hour: Vec<HourCountBody>,
    /// By ISO country code (from the registration form's country question).
    pub countries: Vec<GroupCountBody>,
    pub organisations: Vec<GroupCountBody>,
    /// None: matchmaking is not enabled.
    pub matchmaking: Option<MatchmakingCountsBody>,
    pub todos: TodosBody,
}

impl From<&EventDashboard> for EventDashboardBody {
    fn from(d: &EventDashboard) -> Self {
        EventDashboardBody {
            slug: d.event.slug.clone(),
            capacity: d.capacity,
            by_status: groups(&d.by_status),
            checked_in: d.checked_in,
            no_show_rate: d.no_shows.and_then(|s| s.rate()),
            over_time: d
                .over_time
                .iter()
                .map(|c| RegistrationDayBody {
                    day: c.day,
                    received: c.received,
                    active: c.active,
                })
                .collect(),
            tickets: d.tickets.iter().map(FillBody::from).collect(),
            sessions: d.sessions.iter().map(FillBody::from).collect(),
            checkins_by_hour: d
                .checkins_by_hour
                .iter()
                .map(|(hour, count)| HourCountBody {
                    hour: *hour,
                    count: *count,
                })
                .collect(),
            countries: groups(&d.countries),
            organisations: groups(&d.organisations),
            matchmaking: d.matchmaking.as_ref().map(|m| MatchmakingCountsBody {
                profiles: m.profiles,
                requests_pending: m.pending,
                requests_accepted: m.accepted,
                requests_declined: m.declined,
                requests_cancelled: m.cancelled,
                meetings: m.meetings,
            }),
            todos: TodosBody {
                agenda_clashes: d.todos.agenda_clashes as i64,
                unpublished_sessions: d.todos.unpublished_sessions as i64,
                approvals_pending: d.todos.approvals,
                offers_open: d.todos.offers,
            },
        }
    }
}

/// Entries handed in up to the end of one day (in the call's time zone).
#[derive(Object, Debug)]
pub struct SubmissionDayBody {
    pub day: NaiveDate,
    pub handed_in: i64,
}

/// Handed-in entries of one category.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct CategoryCountBody {
    /// None: entries without a category.
    pub name_de: Option<String>,
    pub name_en: Option<String>,
    pub count: i64,
}

/// One juror's progress in a round.
#[derive(Object, Debug)]
pub struct JurorProgressBody {
    pub name: String,
    pub done: i64,
    pub assigned: i64,
}

/// How many final reviews gave one whole score.
#[derive(Object, Debug)]
pub struct ScoreCountBody {
    pub score: i64,
    pub count: i64,
}

/// The scores of one criterion in a round's final reviews.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct CriterionScoresBody {
    pub name_de: String,
    pub name_en: String,
    pub count: i64,
    pub min: Option<f64>,
    pub first_quartile: Option<f64>,
    pub median: Option<f64>,
    pub third_quartile: Option<f64>,
    pub max: Option<f64>,
    pub histogram: Vec<ScoreCountBody>,
}

/// An entry whose jurors disagree beyond the round's threshold.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct DisagreementBody {
    pub title: String,
    pub reviews: i64,
    pub spread: f64,
    pub score: Option<f64>,
}

/// One jury round's progress and scores.
#[derive(Object, Debug)]
pub struct RoundStatsBody {
    pub id: i64,
    pub name_de: String,
    pub name_en: String,
    pub done: i64,
    pub assigned: i64,
    /// True while the caller has own reviews to hand in in a round that hides the applicants'
    /// names: then only the counts are given.
    pub withheld: bool,
    pub jurors: Vec<JurorProgressBody>,
    pub criteria: Vec<CriterionScoresBody>,
    pub disagreements: Vec<DisagreementBody>,
}

impl From<&RoundStats> for RoundStatsBody {
    fn from(r: &RoundStats) -> Self {
        RoundStatsBody {
            id: r.id,
            name_de: r.name_de.clone(),
            name_en: r.name_en.clone(),
            done: r.done as i64,
            assigned: r.assigned as i64,
            withheld: r.withheld,
            jurors: r
                .jurors
                .iter()
                .map(|j| JurorProgressBody {
                    name: j.name.clone(),
                    done: j.done as i64,
                    assigned: j.assigned as i64,
                })
                .collect(),
            criteria: r
                .criteria
                .iter()
                .map(|c| CriterionScoresBody {
                    name_de: c.name_de.clone(),
                    name_en: c.name_en.clone(),
                    count: c.count as i64,
                    min: c.quartiles.map(|q| q.min),
                    first_quartile: c.quartiles.map(|q| q.q1),
                    median: c.quartiles.map(|q| q.median),
                    third_quartile: c.quartiles.map(|q| q.q3),
                    max: c.quartiles.map(|q| q.max),
                    histogram: c
                        .histogram
                        .iter()
                        .map(|(score, count)| ScoreCountBody {
                            score: *score,
                            count: *count as i64,
                        })
                        .collect(),
                })
                .collect(),
            disagreements: r
                .disagreements
                .iter()
                .map(|x| DisagreementBody {
                    title: x.title.clone(),
                    reviews: x.reviews as i64,
                    spread: x.spread,
                    score: x.score,
                })
                .collect(),
        }
    }
}

/// A call's numbers, as its dashboard shows them.
#[derive(Object, Debug)]
#[oai(rename = "CallDashboard")]
pub struct CallDashboardBody {
    pub slug: String,
    pub deadline: NaiveDate,
    pub over_time: Vec<SubmissionDayBody>,
    /// Entries per status, every status listed.
    pub by_status: Vec<GroupCountBody>,
    pub by_category: Vec<CategoryCountBody>,
    pub handed_in: i64,
    /// Handed-in entries whose eligibility is decided.
    pub eligibility_decided: i64,
    pub rounds: Vec<RoundStatsBody>,
}

impl From<&CallDashboard> for CallDashboardBody {
    fn from(d: &CallDashboard) -> Self {
        CallDashboardBody {
            slug: d.call.slug.clone(),
            deadline: d.deadline,
            over_time: d
                .over_time
                .iter()
                .map(|(day, handed_in)| SubmissionDayBody {
                    day: *day,
                    handed_in: *handed_in,
                })
                .collect(),
            by_status: groups(&d.by_status),
            by_category: d
                .by_category
                .iter()
                .map(|(de, en, count)| CategoryCountBody {
                    name_de: de.clone(),
                    name_en: en.clone(),
                    count: *count,
                })
                .collect(),
            handed_in: d.eligibility.1,
            eligibility_decided: d.eligibility.0,
            rounds: d.rounds.iter().map(RoundStatsBody::from).collect(),
        }
    }
}

pub struct DashboardApi;

#[OpenApi]
impl DashboardApi {
    /// An event's dashboard
    ///
    /// Organisers only: registrations over time and per status, fill per ticket type and
    /// limited session, check-ins by hour, no-show rate, countries and organisations,
    /// matchmaking, and the open to-dos; the numbers of the dashboard page.
    #[oai(
        path = "/events/:slug/dashboard",
        method = "get",
        operation_id = "get_event_dashboard",
        tag = "ApiTags::Events"
    )]
    async fn event(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
    ) -> Result<Json<EventDashboardBody>, ApiError> {
        let d = service::event(&state, auth.actor(), &slug.0).await?;
        Ok(Json((&d).into()))
    }

    /// A call's dashboard
    ///
    /// Organisers only: submissions over time, by status and category, eligibility progress,
    /// and per jury round the progress per juror, the score distribution per criterion and the
    /// entries the jurors disagree on; the numbers of the dashboard page.
    #[oai(
        path = "/calls/:slug/dashboard",
        method = "get",
        operation_id = "get_call_dashboard",
        tag = "ApiTags::Calls"
    )]
    async fn call(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
    ) -> Result<Json<CallDashboardBody>, ApiError> {
        let d = service::call(&state, auth.actor(), &slug.0).await?;
        Ok(Json((&d).into()))
    }
}
