//! Demo data from `seeds/demo.toml`, `seeds/events.toml` and `seeds/calls.toml` (compiled into
//! the binary), loaded through the same services and queries as real use, so the demo obeys
//! every rule the application does.
//!
//! `convene seed demo` loads it into an empty database; `convene serve` does so on first start
//! when `CONVENE_DEMO` is on (the default for the zero-setup SQLite file).

use std::sync::LazyLock;

use anyhow::Context;
use convene_frontend::Lang;
use serde::Deserialize;

use crate::account::service::{ConfirmedAccount, create_confirmed};
use crate::account::{Role, Scope};
use crate::db::{self, DbPool};
use crate::organisation::model::NewOrganisation;
use crate::organisation::queries as org_queries;
use crate::state::AppState;

const DEMO_TOML: &str = include_str!("../../seeds/demo.toml");
const EVENTS_TOML: &str = include_str!("../../seeds/events.toml");
/// The demo certificates (`seeds/certificates.toml`).
pub mod certificates;
/// The demo jury (`seeds/jury.toml`).
pub mod jury;
/// The demo matchmaking (`seeds/matchmaking.toml`).
pub mod matchmaking;

const CALLS_TOML: &str = include_str!("../../seeds/calls.toml");

#[derive(Debug, Deserialize)]
pub struct Demo {
    pub password: String,
    pub organisations: Vec<SeedOrganisation>,
    pub accounts: Vec<SeedAccount>,
}

#[derive(Debug, Deserialize)]
pub struct SeedOrganisation {
    pub slug: String,
    pub name: String,
    pub kind: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub description_de: String,
    #[serde(default)]
    pub description_en: String,
}

#[derive(Debug, Deserialize)]
pub struct SeedAccount {
    pub email: String,
    pub name: String,
    pub organisation: Option<String>,
    pub language: String,
    #[serde(default)]
    pub roles: Vec<SeedRole>,
}

#[derive(Debug, Deserialize)]
pub struct SeedRole {
    pub role: String,
    pub scope: String,
}

#[derive(Debug, Deserialize)]
pub struct DemoEvents {
    pub events: Vec<SeedEvent>,
}

#[derive(Debug, Deserialize)]
pub struct SeedEvent {
    /// The e-mail of the demo account that creates it, or `organiser` for the first organiser.
    pub organiser: String,
    #[serde(flatten)]
    pub details: crate::event::model::EventInput,
    #[serde(default)]
    pub rooms: Vec<SeedRoom>,
    #[serde(default)]
    pub tracks: Vec<crate::agenda::model::TrackInput>,
    #[serde(default)]
    pub sessions: Vec<SeedSession>,
    pub registration: Option<SeedRegistration>,
    /// A past event: the local time at which the demo sets it up and registers its
    /// participants, as if then (registration was open).
    pub replayed_from: Option<String>,
}

/// Registration for a demo event: settings, ticket types, questions, and the limited sessions
/// every registered demo participant books.
#[derive(Debug, Deserialize)]
pub struct SeedRegistration {
    pub capacity: Option<i64>,
    #[serde(default)]
    pub closes_at: String,
    #[serde(default)]
    pub tickets: Vec<crate::registration::service::TicketInput>,
    #[serde(default)]
    pub questions: Vec<crate::registration::form::QuestionInput>,
    #[serde(default)]
    pub book: Vec<String>,
    /// Check everyone in when the first session starts (a past event).
    #[serde(default)]
    pub check_in: bool,
}

#[derive(Debug, Deserialize)]
pub struct SeedRoom {
    pub name: String,
    pub capacity: Option<i64>,
    pub available_from: Option<String>,
    pub available_until: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct SeedSession {
    pub day: String,
    pub start: String,
    pub end: String,
    pub kind: String,
    #[serde(default)]
    pub room: String,
    #[serde(default)]
    pub track: String,
    pub title_de: String,
    #[serde(default)]
    pub title_en: String,
    #[serde(default)]
    pub description_de: String,
    #[serde(default)]
    pub description_en: String,
    #[serde(default)]
    pub people: String,
    pub capacity: Option<i64>,
    #[serde(default)]
    pub signup: bool,
}

/// The demo innovation calls: the submission form they share, and the calls with their
/// submissions.
#[derive(Debug, Deserialize)]
pub struct DemoCalls {
    pub questions: Vec<SeedQuestion>,
    pub calls: Vec<SeedCall>,
}

/// A question of the demo calls' submission form.
#[derive(Debug, Deserialize)]
pub struct SeedQuestion {
    /// What the submissions' `answers` call it.
    pub key: String,
    #[serde(flatten)]
    pub input: crate::registration::form::QuestionInput,
}

#[derive(Debug, Deserialize)]
pub struct SeedCall {
    /// The e-mail of the demo account that creates it, or `organiser` for the first organiser.
    pub organiser: String,
    #[serde(flatten)]
    pub details: crate::call::model::CallInput,
    /// Phases relative to the clock at load time (replacing the instants in `details`).
    pub relative: Option<SeedRelative>,
    /// When the jury acted, for a call that is decided already.
    pub jury: Option<SeedJury>,
    #[serde(default)]
    pub results_published: bool,
    #[serde(default)]
    pub submissions: Vec<SeedSubmission>,
}

/// A call's phases around the day the demo is loaded, so that it is open whenever that is.
#[derive(Debug, Deserialize)]
pub struct SeedRelative {
    /// Days from now (negative: in the past) to the opening, at the current time of day.
    pub opens_days: i64,
    /// Days from today to the deadline, at `deadline_time` (local).
    pub deadline_days: i64,
    pub deadline_time: String,
    /// Days from the deadline to the review and to the results, at the same local time.
    pub review_days: i64,
    pub results_days: i64,
}

/// When the jury of a decided call checked eligibility and started the review, shortlisted,
/// and picked the finalists (local times); winners follow at the call's results instant.
#[derive(Debug, Deserialize)]
pub struct SeedJury {
    pub checked: String,
    pub shortlisted: String,
    pub finalists: String,
}

#[derive(Debug, Deserialize)]
pub struct SeedSubmission {
    /// The e-mail of the demo participant who starts it and leads its team.
    pub applicant: String,
    pub title: String,
    /// The German name of one of the call's categories; empty: none chosen yet.
    #[serde(default)]
    pub category: String,
    #[serde(default, rename = "abstract")]
    pub summary: String,
    /// Empty: the applicant's organisation.
    pub organisation: Option<String>,
    #[serde(default)]
    pub website: String,
    /// Where it ends up (`draft`, `submitted`, `winner` …).
    pub status: String,
    /// Submitted entries an organiser has confirmed as eligible.
    #[serde(default)]
    pub eligible: bool,
    /// Winners: 1, 2, 3 …
    pub placement: Option<i64>,
    /// Why it is ineligible.
    #[serde(default)]
    pub reason: String,
    /// Answers by question key.
    #[serde(default)]
    pub answers: std::collections::BTreeMap<String, String>,
    /// Invited team members.
    #[serde(default)]
    pub team: Vec<SeedMember>,
    /// Attachments: each a one-page PDF made from the title and abstract.
    #[serde(default)]
    pub files: Vec<SeedFile>,
    /// Decided calls only (local times): when the team started, submitted and withdrew it.
    #[serde(default)]
    pub started: String,
    #[serde(default)]
    pub submitted: String,
    #[serde(default)]
    pub withdrawn: String,
}

#[derive(Debug, Deserialize)]
pub struct SeedMember {
    pub email: String,
    pub name: String,
    #[serde(default)]
    pub role: String,
}

#[derive(Debug, Deserialize)]
pub struct SeedFile {
    pub filename: String,
    pub label: String,
}

/// The parsed demo calls.
pub static DEMO_CALLS: LazyLock<DemoCalls> =
    LazyLock::new(|| toml::from_str(CALLS_TOML).expect("seeds/calls.toml is valid (tested)"));

/// The parsed demo events.
pub static DEMO_EVENTS: LazyLock<DemoEvents> =
    LazyLock::new(|| toml::from_str(EVENTS_TOML).expect("seeds/events.toml is valid (tested)"));

/// The parsed demo file. A unit test proves it parses, so this never panics in a release.
pub static DEMO: LazyLock<Demo> =
    LazyLock::new(|| toml::from_str(DEMO_TOML).expect("seeds/demo.toml is valid (tested)"));

/// The password of every demo account.
pub fn demo_password() -> &'static str {
    &DEMO.password
}

/// (role message id, e-mail) of the first demo account of each role, for the home page and the
/// start-up banner.
pub fn demo_sign_ins() -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for (id, role) in [
        ("role-admin", Some("admin")),
        ("role-organiser", Some("organiser")),
        ("role-juror", Some("juror")),
        ("role-checkin", Some("checkin")),
        ("role-participant", None),
    ] {
        let found = DEMO.accounts.iter().find(|a| match role {
            Some(r) => a.roles.iter().any(|g| g.role == r),
            None => a.roles.is_empty(),
        });
        if let Some(a) = found {
            out.push((id, a.email.clone()));
        }
    }
    out
}

/// Whether the database holds no accounts yet.
pub async fn is_empty(pool: &DbPool) -> anyhow::Result<bool> {
    let n: i64 = sqlx::query_scalar("select count(*) from accounts")
        .fetch_one(pool)
        .await?;
    Ok(n == 0)
}

/// Loads the demo data: organisations and accounts in one transaction, then the events with
/// their agendas and the innovation calls through the same services organisers use.
pub async fn load_demo(state: &AppState) -> anyhow::Result<()> {
    load_accounts(&state.db, state.clock.now()).await?;
    load_events(state).await?;
    load_calls(state).await?;
    jury::load(state).await?;
    certificates::load(state).await?;
    matchmaking::load(state).await
}

/// The e-mail of the demo account `who` names: an e-mail, or `organiser` for the first demo
/// account with the organiser role.
fn demo_email(who: &str) -> anyhow::Result<String> {
    match who {
        "organiser" => DEMO
            .accounts
            .iter()
            .find(|a| a.roles.iter().any(|r| r.role == "organiser"))
            .map(|a| a.email.clone())
            .context("the demo data has no organiser"),
        email => Ok(email.to_string()),
    }
}

/// A demo account and the actor acting as it.
async fn demo_actor(
    state: &AppState,
    email: &str,
) -> anyhow::Result<(crate::account::model::Account, crate::account::Actor)> {
    let mut conn = state.db.acquire().await?;
    let account = crate::account::queries::find_by_email(&mut conn, email)
        .await?
        .with_context(|| format!("demo account {email} is missing"))?;
    drop(conn);
    let actor = crate::account::service::actor(state, account.id)
        .await
        .map_err(|e| anyhow::anyhow!("demo account {email}: {e:?}"))?;
    Ok((account, actor))
}

async fn load_events(state: &AppState) -> anyhow::Result<()> {
    use crate::agenda::model::{RoomInput, SessionInput};
    use crate::agenda::service as agenda;
    let err = |what: String| move |e: crate::error::AppError| anyhow::anyhow!("demo {what}: {e:?}");
    for seed in &DEMO_EVENTS.events {
        let replay;
        let state = match &seed.replayed_from {
            Some(at) => {
                replay = replayed(state, seed, at)?;
                &replay
            }
            None => state,
        };
        let (_, actor) = demo_actor(state, &demo_email(&seed.organiser)?).await?;
        let slug = seed.details.slug.clone();
        crate::event::service::create(state, &actor, &seed.details)
            .await
            .map_err(err(slug.clone()))?;
        let mut rooms = std::collections::HashMap::new();
        for room in &seed.rooms {
            let input = RoomInput {
                name: room.name.clone(),
                capacity: room.capacity.map(|c| c.to_string()).unwrap_or_default(),
                available_from: room.available_from.clone().unwrap_or_default(),
                available_until: room.available_until.clone().unwrap_or_default(),
            };
            let id = agenda::create_room(state, &actor, &slug, &input)
                .await
                .map_err(err(room.name.clone()))?;
            rooms.insert(room.name.clone(), id);
        }
        for track in &seed.tracks {
            agenda::create_track(state, &actor, &slug, track)
                .await
                .map_err(err(track.name_de.clone()))?;
        }
        let tracks = agenda::for_organiser(state, &actor, &slug)
            .await
            .map_err(err(slug.clone()))?
            .tracks;
        for s in &seed.sessions {
            let input = SessionInput {
                kind: s.kind.clone(),
                title_de: s.title_de.clone(),
                title_en: s.title_en.clone(),
                description_de: s.description_de.clone(),
                description_en: s.description_en.clone(),
                day: s.day.clone(),
                start: s.start.clone(),
                end: s.end.clone(),
                room: rooms
                    .get(&s.room)
                    .map(|id| id.0.to_string())
                    .unwrap_or_default(),
                track: tracks
                    .iter()
                    .find(|t| t.name_de == s.track)
                    .map(|t| t.id.0.to_string())
                    .unwrap_or_default(),
                capacity: s.capacity.map(|c| c.to_string()).unwrap_or_default(),
                requires_signup: s.signup.then(|| "on".to_string()),
                people: s.people.clone(),
                ..Default::default()
            };
            agenda::create_session(state, &actor, &slug, &input)
                .await
                .map_err(err(s.title_de.clone()))?;
        }
        agenda::publish(state, &actor, &slug)
            .await
            .map_err(err(slug.clone()))?;
        crate::event::service::set_status(state, &actor, &slug, "published")
            .await
            .map_err(err(slug.clone()))?;
        if let Some(r) = &seed.registration {
            load_registrations(state, &actor, &slug, r).await?;
        }
    }
    Ok(())
}

/// The app as it was at local time `at` of a past event: its own clock, fixed then.
fn replayed(state: &AppState, seed: &SeedEvent, at: &str) -> anyhow::Result<AppState> {
    let tz: chrono_tz::Tz = seed
        .details
        .timezone
        .parse()
        .map_err(|e| anyhow::anyhow!("demo event {}: time zone: {e}", seed.details.slug))?;
    let then = crate::call::model::parse_instant(at, tz)
        .ok()
        .flatten()
        .with_context(|| format!("demo event {}: replayed_from {at:?}", seed.details.slug))?;
    let mut past = state.clone();
    past.clock = crate::clock::Clock::fixed(then);
    Ok(past)
}

/// Opens registration and registers every demo participant (everyone but the administrators,
/// organisers and door staff)
/// with believable answers; then they book the named limited sessions in the same order, so a
/// small one fills up and has a waiting list.
async fn load_registrations(
    state: &AppState,
    organiser: &crate::account::Actor,
    slug: &str,
    seed: &SeedRegistration,
) -> anyhow::Result<()> {
    use crate::registration::form::AnswersIn;
    use crate::registration::service::{self as registration, RegisterInput, SettingsInput};
    let err = |what: &str| {
        let what = what.to_string();
        move |e: crate::error::AppError| anyhow::anyhow!("demo registration {what}: {e:?}")
    };
    let settings = SettingsInput {
        capacity: seed.capacity,
        closes_at: seed.closes_at.clone(),
        ..Default::default()
    };
    registration::configure(state, organiser, slug, &settings)
        .await
        .map_err(err(slug))?;
    let mut tickets = Vec::new();
    for t in &seed.tickets {
        tickets.push(
            registration::add_ticket(state, organiser, slug, t)
                .await
                .map_err(err(&t.name_de))?,
        );
    }
    let mut questions = Vec::new();
    for q in &seed.questions {
        questions.push(
            registration::add_question(state, organiser, slug, q)
                .await
                .map_err(err(&q.label_de))?,
        );
    }
    let form = registration::form(state, Some(organiser), slug)
        .await
        .map_err(err(slug))?;
    let participants: Vec<&SeedAccount> = DEMO
        .accounts
        .iter()
        .filter(|a| a.roles.iter().all(|r| r.role == "juror"))
        .collect();
    let mut actors = Vec::new();
    let mut registrations = Vec::new();
    // People register over the three weeks before now, some days more, some fewer (the
    // organisers' dashboard draws them over time); the clock is back at now afterwards.
    let spread = chrono::Duration::days(21);
    let weights: Vec<i64> = (0..participants.len() as i64)
        .map(|i| 1 + (i * 7) % 5)
        .collect();
    let weight_sum = weights.iter().sum::<i64>().max(1);
    let spread_micros = spread.num_microseconds().unwrap_or(0);
    let mut moved = 0;
    state.clock.advance(-spread);
    for (i, a) in participants.iter().enumerate() {
        let mut conn = state.db.acquire().await?;
        let account = crate::account::queries::find_by_email(&mut conn, &a.email)
            .await?
            .with_context(|| format!("demo participant {} is missing", a.email))?;
        drop(conn);
        let actor = crate::account::service::actor(state, account.id)
            .await
            .map_err(err(&a.email))?;
        let mut answers = AnswersIn::default();
        for q in &form.questions {
            use crate::registration::form::QuestionKind;
            let value = match q.kind {
                QuestionKind::Text => account
                    .organisation_name
                    .clone()
                    .unwrap_or_else(|| a.name.clone()),
                QuestionKind::SingleChoice => (i % 3).to_string(),
                QuestionKind::Country => match a.email.as_str() {
                    e if e.starts_with("tomasz") => "PL".into(),
                    e if e.starts_with("pieter") => "BE".into(),
                    _ => "DE".into(),
                },
                QuestionKind::Consent if q.required || i % 2 == 0 => "on".into(),
                _ => continue,
            };
            answers.values.insert(q.id, vec![value]);
        }
        let input = RegisterInput {
            // Most on site for both days, every fourth person for the first day only.
            ticket_type_id: tickets
                .get(usize::from(i % 4 == 3))
                .or(tickets.first())
                .copied(),
            answers,
        };
        let registered = registration::register(state, &actor, slug, &input)
            .await
            .map_err(err(&a.email))?;
        registrations.push(registered.0.id);
        actors.push(actor);
        let step = spread_micros * weights[i] / weight_sum;
        state.clock.advance(chrono::Duration::microseconds(step));
        moved += step;
    }
    state
        .clock
        .advance(chrono::Duration::microseconds(spread_micros - moved));
    let sessions = crate::agenda::service::for_organiser(state, organiser, slug)
        .await
        .map_err(err(slug))?
        .sessions;
    if seed.check_in {
        // At the door when the first session starts, in the order people arrive.
        let first = sessions
            .iter()
            .map(|s| s.starts_at)
            .min()
            .with_context(|| format!("demo check-in at {slug}: no scheduled session"))?;
        state.clock.advance(first - state.clock.now());
        for id in &registrations {
            let target = crate::registration::checkin::Target::Registration(*id);
            crate::registration::checkin::check_in(state, organiser, slug, &target, None)
                .await
                .map_err(err(slug))?;
            state.clock.advance(chrono::Duration::seconds(40));
        }
    }
    for title in &seed.book {
        let session = sessions
            .iter()
            .find(|s| &s.title_de == title)
            .with_context(|| format!("demo booking: no session {title}"))?;
        for actor in &actors {
            crate::registration::bookings::book(state, actor, slug, session.id)
                .await
                .map_err(err(title))?;
        }
    }
    Ok(())
}

// --- Innovation calls --------------------------------------------------------------------------

impl SeedRelative {
    /// Sets the call's instants around `now`: the opening that many days from now, the deadline
    /// and the later phases on whole local days at the deadline's local time.
    fn apply(
        &self,
        input: &mut crate::call::model::CallInput,
        now: chrono::DateTime<chrono::Utc>,
    ) -> anyhow::Result<()> {
        use chrono::{Duration, SecondsFormat};
        let tz = crate::time::parse_tz(&input.timezone).unwrap_or(chrono_tz::Europe::Berlin);
        let time = crate::time::parse_time(&self.deadline_time)
            .with_context(|| format!("demo call {}: deadline_time", input.slug))?;
        let today = now.with_timezone(&tz).date_naive();
        let local = |days: i64| {
            today
                .checked_add_signed(Duration::days(days))
                .map(|day| crate::time::local_to_utc(tz, day.and_time(time)))
                .with_context(|| format!("demo call {}: {days} days from today", input.slug))
        };
        let rfc = |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(SecondsFormat::Secs, true);
        let deadline = local(self.deadline_days)?;
        let review = local(self.deadline_days + self.review_days)?;
        let results = local(self.deadline_days + self.results_days)?;
        input.opens_at = rfc(now + Duration::days(self.opens_days));
        input.deadline = rfc(deadline);
        input.review_at = rfc(review);
        input.results_at = rfc(results);
        Ok(())
    }
}

/// A demo call as stored, with what its submissions refer to.
struct CallForm {
    call: crate::call::Call,
    categories: Vec<crate::call::model::Category>,
    questions: Vec<crate::registration::form::Question>,
    /// Question ids by their key in `seeds/calls.toml`.
    keys: std::collections::HashMap<String, i64>,
}

impl CallForm {
    fn category(&self, name_de: &str) -> anyhow::Result<Option<&crate::call::model::Category>> {
        if name_de.is_empty() {
            return Ok(None);
        }
        self.categories
            .iter()
            .find(|c| c.name_de == name_de)
            .map(Some)
            .with_context(|| format!("demo call {}: no category {name_de}", self.call.slug))
    }

    /// The built-in fields as the team types them.
    fn input(
        &self,
        s: &SeedSubmission,
        account: &crate::account::model::Account,
    ) -> anyhow::Result<crate::call::model::SubmissionInput> {
        Ok(crate::call::model::SubmissionInput {
            title: s.title.clone(),
            category_id: self.category(&s.category)?.map(|c| c.id),
            summary: s.summary.clone(),
            organisation: self.organisation(s, account),
            website: s.website.clone(),
        })
    }

    fn organisation(&self, s: &SeedSubmission, account: &crate::account::model::Account) -> String {
        s.organisation
            .clone()
            .or_else(|| account.organisation_name.clone())
            .unwrap_or_default()
    }

    /// The answers as the form sends them: values by question id.
    fn answers(&self, s: &SeedSubmission) -> anyhow::Result<crate::registration::form::AnswersIn> {
        let mut answers = crate::registration::form::AnswersIn::default();
        for (key, value) in &s.answers {
            let id = self
                .keys
                .get(key)
                .with_context(|| format!("demo submission {}: no question {key}", s.title))?;
            answers.values.insert(*id, vec![value.clone()]);
        }
        Ok(answers)
    }

    /// The stand-in pitch document of a submission.
    fn pdf(&self, s: &SeedSubmission, account: &crate::account::model::Account) -> Vec<u8> {
        let mut subtitle = vec![self.call.title_de.clone()];
        if let Ok(Some(c)) = self.category(&s.category) {
            subtitle.push(c.name_de.clone());
        }
        subtitle.push(self.organisation(s, account));
        pitch_pdf(&s.title, &subtitle.join(" · "), &s.summary)
    }
}

/// Creates the demo calls with their submission forms, then their submissions: through the
/// services for a call that is open now, with their recorded history for a call that is over.
async fn load_calls(state: &AppState) -> anyhow::Result<()> {
    use crate::call::service;
    let err = |what: &str| {
        let what = what.to_string();
        move |e: crate::error::AppError| anyhow::anyhow!("demo call {what}: {e:?}")
    };
    let now = state.clock.now();
    for seed in &DEMO_CALLS.calls {
        let (_, organiser) = demo_actor(state, &demo_email(&seed.organiser)?).await?;
        let mut input = seed.details.clone();
        if let Some(relative) = &seed.relative {
            relative.apply(&mut input, now)?;
        }
        let slug = input.slug.clone();
        let call = service::create(state, &organiser, &input)
            .await
            .map_err(err(&slug))?;
        let mut keys = std::collections::HashMap::new();
        for q in &DEMO_CALLS.questions {
            let id = service::add_question(state, &organiser, &slug, &q.input)
                .await
                .map_err(err(&q.input.label_de))?;
            keys.insert(q.key.clone(), id);
        }
        let form = CallForm {
            categories: service::categories(state, &call)
                .await
                .map_err(err(&slug))?,
            questions: service::questions(state, &call).await.map_err(err(&slug))?,
            call,
            keys,
        };
        if form.call.phases().accepts_changes(now) {
            // Applicants start their entries in the published call.
            service::set_published(state, &organiser, &slug, true, seed.results_published)
                .await
                .map_err(err(&slug))?;
            for s in &seed.submissions {
                load_open_submission(state, &organiser, &form, s).await?;
            }
        } else {
            load_decided_submissions(state, &organiser, &form, seed).await?;
            service::set_published(state, &organiser, &slug, true, seed.results_published)
                .await
                .map_err(err(&slug))?;
        }
    }
    Ok(())
}

/// A submission to an open call, made as its applicant would: start, save, invite, attach,
/// submit; then the organiser's eligibility check.
async fn load_open_submission(
    state: &AppState,
    organiser: &crate::account::Actor,
    form: &CallForm,
    s: &SeedSubmission,
) -> anyhow::Result<()> {
    use crate::call::SubmissionStatus;
    use crate::call::service::{self, Decision};
    let err = |e: crate::error::AppError| anyhow::anyhow!("demo submission {}: {e:?}", s.title);
    let (account, actor) = demo_actor(state, &s.applicant).await?;
    let id = service::start(state, &actor, &form.call.slug)
        .await
        .map_err(err)?
        .id;
    service::save(
        state,
        &actor,
        id,
        &form.input(s, &account)?,
        Some(&form.answers(s)?),
    )
    .await
    .map_err(err)?;
    for m in &s.team {
        service::invite(state, &actor, id, &m.email, &m.name, &m.role)
            .await
            .map_err(err)?;
    }
    for f in &s.files {
        service::add_file(
            state,
            &actor,
            id,
            &f.filename,
            &f.label,
            &form.pdf(s, &account),
        )
        .await
        .map_err(err)?;
    }
    let status = SubmissionStatus::parse(&s.status)
        .with_context(|| format!("demo submission {}: status {}", s.title, s.status))?;
    match status {
        SubmissionStatus::Draft => {}
        SubmissionStatus::Submitted | SubmissionStatus::Ineligible => {
            service::submit(state, &actor, id).await.map_err(err)?;
        }
        other => anyhow::bail!(
            "demo submission {}: cannot be {} while {} is open",
            s.title,
            other.as_str(),
            form.call.slug
        ),
    }
    if status == SubmissionStatus::Ineligible {
        service::decide(
            state,
            organiser,
            id,
            &Decision::Ineligible(s.reason.clone()),
        )
        .await
        .map_err(err)?;
    } else if s.eligible {
        service::decide(state, organiser, id, &Decision::Eligible)
            .await
            .map_err(err)?;
    }
    Ok(())
}

/// The submissions of a call that is over, written in one transaction with their history: every
/// status change at the time the team or the jury made it, checked by the same state machine
/// the services use, and recorded in the audit log as the services record it.
async fn load_decided_submissions(
    state: &AppState,
    organiser: &crate::account::Actor,
    form: &CallForm,
    seed: &SeedCall,
) -> anyhow::Result<()> {
    use crate::audit;
    use crate::call::model::{By, SubmissionStatus as S};
    use crate::call::queries::{self, StatusChange};
    use crate::registration::form::{Answer, check_answers};
    use chrono::Duration;

    let call = &form.call;
    let tz = call.tz();
    let at = |what: &str, value: &str| {
        crate::call::model::parse_instant(value, tz)
            .ok()
            .flatten()
            .with_context(|| format!("demo call {}: {what} {value:?}", call.slug))
    };
    let jury = seed
        .jury
        .as_ref()
        .with_context(|| format!("demo call {}: a decided call needs its jury", call.slug))?;
    let checked = at("checked", &jury.checked)?;
    let shortlisted = at("shortlisted", &jury.shortlisted)?;
    let finalists = at("finalists", &jury.finalists)?;
    let results = call.results_at.unwrap_or(finalists);
    let phases = call.phases();

    let mut applicants = Vec::new();
    for s in &seed.submissions {
        applicants.push(demo_actor(state, &s.applicant).await?);
    }
    let mut tx = db::begin_write(&state.db).await?;
    for (i, (s, (account, lead))) in seed.submissions.iter().zip(&applicants).enumerate() {
        let what = |m: &str| format!("demo submission {}: {m}", s.title);
        // The jury goes through the entries one after another.
        let turn = Duration::minutes(7 * i64::try_from(i).unwrap_or(0));
        let started = at("started", &s.started)?;
        let target = S::parse(&s.status).with_context(|| what(&s.status))?;
        let id = queries::insert_submission(
            &mut tx,
            call.id,
            lead.id,
            &form.organisation(s, account),
            started,
        )
        .await?;
        let subject = format!("submission:{id}");
        queries::put_member(&mut tx, id, &lead.email, &lead.name, "", lead.id, started).await?;
        audit::record(
            &mut tx,
            Some(lead.id),
            "submission.status",
            &subject,
            "→ draft",
            started,
        )
        .await?;
        let fields = form
            .input(s, account)?
            .parse(call, &form.categories)
            .map_err(|e| anyhow::anyhow!("{}: {e:?}", what("fields")))?;
        queries::save_fields(&mut tx, id, &fields, started).await?;
        let answers = check_answers(&form.questions, None, &form.answers(s)?, &[], started)
            .map_err(|e| anyhow::anyhow!("{}: {e:?}", what("answers")))?;
        for (question, answer) in answers {
            if let Answer::Text(value) = answer {
                queries::put_answer(&mut tx, id, question, &value, None).await?;
            }
        }
        let later = started + Duration::hours(2);
        for m in &s.team {
            queries::put_member(&mut tx, id, &m.email, &m.name, &m.role, lead.id, later).await?;
            audit::record(
                &mut tx,
                Some(lead.id),
                "submission.member",
                &subject,
                &m.email,
                later,
            )
            .await?;
        }
        for f in &s.files {
            let pdf = form.pdf(s, account);
            let upload = crate::registration::queries::insert_upload(
                &mut tx,
                lead.id,
                &f.filename,
                "application/pdf",
                &pdf,
                later,
            )
            .await?;
            queries::insert_file(&mut tx, id, upload, &f.label, later).await?;
            audit::record(
                &mut tx,
                Some(lead.id),
                "submission.file.add",
                &subject,
                &f.filename,
                later,
            )
            .await?;
        }

        // The way to its final status: (to, by whom, when); the same status again marks it
        // eligible.
        let mut steps: Vec<(S, By, chrono::DateTime<chrono::Utc>)> = Vec::new();
        if target != S::Draft {
            steps.push((S::Submitted, By::Team, at("submitted", &s.submitted)?));
        }
        match target {
            S::Draft | S::Submitted => {}
            S::Withdrawn => steps.push((S::Withdrawn, By::Team, at("withdrawn", &s.withdrawn)?)),
            S::Ineligible => steps.push((S::Ineligible, By::Organiser, checked + turn)),
            S::InReview | S::Shortlisted | S::Finalist | S::Winner | S::NotSelected => {
                steps.push((S::Submitted, By::Organiser, checked + turn));
                steps.push((
                    S::InReview,
                    By::Organiser,
                    checked + turn + Duration::minutes(2),
                ));
                if target == S::NotSelected {
                    steps.push((S::NotSelected, By::Organiser, shortlisted + turn));
                } else if target != S::InReview {
                    steps.push((S::Shortlisted, By::Organiser, shortlisted + turn));
                }
                if matches!(target, S::Finalist | S::Winner) {
                    steps.push((S::Finalist, By::Organiser, finalists + turn));
                }
                if target == S::Winner {
                    steps.push((S::Winner, By::Organiser, results));
                }
            }
        }
        if steps.iter().any(|(to, ..)| *to == S::Submitted) {
            let sub = queries::submission(&mut tx, id)
                .await?
                .with_context(|| what("missing"))?;
            let answered: Vec<i64> = queries::answers(&mut tx, id)
                .await?
                .iter()
                .map(|a| a.question_id)
                .collect();
            let missing = crate::call::model::missing(
                call,
                &form.categories,
                &form.questions,
                &sub,
                &answered,
                s.files.len(),
            );
            anyhow::ensure!(missing.is_empty(), "{}: {missing:?}", what("incomplete"));
        }
        let mut from = S::Draft;
        let mut eligible_at = None;
        for (to, by, when) in steps {
            if to == from {
                eligible_at = Some(when);
            } else {
                from.change(to, by, &phases, when)
                    .map_err(|m| anyhow::anyhow!("{}: {m}", what(to.as_str())))?;
            }
            let reason = if to == S::Ineligible {
                anyhow::ensure!(
                    !s.reason.is_empty(),
                    what("an ineligible entry needs a reason")
                );
                s.reason.as_str()
            } else {
                ""
            };
            let placement = if to == S::Winner {
                Some(
                    s.placement
                        .with_context(|| what("a winner needs a placement"))?,
                )
            } else {
                None
            };
            let change = StatusChange {
                status: to,
                reason,
                placement,
                eligible_at,
            };
            queries::set_status(&mut tx, id, &change, when).await?;
            // Worded as the services word it.
            let mut detail = if to == from {
                format!("{} (eligible)", to.as_str())
            } else {
                format!("{} → {}", from.as_str(), to.as_str())
            };
            if !reason.is_empty() {
                detail.push_str(&format!(": {reason}"));
            }
            if let Some(p) = placement {
                detail.push_str(&format!(" (#{p})"));
            }
            let actor = match by {
                By::Team => lead.id,
                By::Organiser => organiser.id,
            };
            audit::record(
                &mut tx,
                Some(actor),
                "submission.status",
                &subject,
                &detail,
                when,
            )
            .await?;
            from = to;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// A one-page A4 PDF standing in for a team's pitch document: the title, a line naming the call
/// and the organisation, and the abstract, set with the PDF kit (`crate::pdf`) like every other
/// PDF convene writes, so names and symbols print as they are written ("CO₂", "Łódź").
pub fn pitch_pdf(title: &str, subtitle: &str, body: &str) -> Vec<u8> {
    use crate::pdf::document::{self, Item, Page, TextLine};
    use crate::pdf::fonts::{Style, face};
    use crate::pdf::layout::line_height;

    const LEFT: f32 = 20.0;
    const WIDTH: f32 = 170.0;
    /// Body text stops above the footer line.
    const LOWEST: f32 = 28.0;
    let mut items = Vec::new();
    let mut line = |text: String, style: Style, size: f32, baseline: f32| {
        items.push(Item::Text(TextLine {
            text,
            style,
            size,
            x: LEFT,
            baseline,
            grey: 0.0,
        }));
    };
    let mut y = 275.0;
    for text in face(Style::Bold).wrap(title, 22.0, WIDTH) {
        line(text, Style::Bold, 22.0, y);
        y -= line_height(22.0);
    }
    y -= 1.5;
    for text in face(Style::Regular).wrap(subtitle, 11.0, WIDTH) {
        line(text, Style::Regular, 11.0, y);
        y -= line_height(11.0);
    }
    y -= 7.0;
    for paragraph in body.split("\n\n") {
        for text in face(Style::Regular).wrap(paragraph, 10.0, WIDTH) {
            if y > LOWEST {
                line(text, Style::Regular, 10.0, y);
            }
            y -= line_height(10.0);
        }
        y -= 3.0;
    }
    line(
        "Demo-Unterlage, erzeugt von convene – demo document generated by convene".to_string(),
        Style::Regular,
        8.0,
        14.0,
    );
    document::write(
        title,
        vec![Page {
            width: 210.0,
            height: 297.0,
            items,
        }],
    )
}

async fn load_accounts(pool: &DbPool, now: chrono::DateTime<chrono::Utc>) -> anyhow::Result<()> {
    let demo = &*DEMO;
    let mut tx = db::begin_write(pool).await?;
    for org in &demo.organisations {
        let new = NewOrganisation {
            slug: org.slug.clone(),
            name: org.name.clone(),
            kind: org.kind.clone(),
            city: org.city.clone(),
            website: org.website.clone(),
            description_de: org.description_de.clone(),
            description_en: org.description_en.clone(),
            verified: true,
        };
        org_queries::insert(&mut tx, &new, now)
            .await
            .with_context(|| format!("demo organisation {}", org.slug))?;
    }
    for account in &demo.accounts {
        let organisation_id = match &account.organisation {
            Some(slug) => Some(
                org_queries::find_by_slug(&mut tx, slug)
                    .await?
                    .with_context(|| {
                        format!("demo account {}: no organisation {slug}", account.email)
                    })?,
            ),
            None => None,
        };
        let roles: Vec<Role> = account
            .roles
            .iter()
            .filter(|r| r.scope == "site")
            .map(|r| {
                Role::parse(&r.role).map_err(|m| anyhow::anyhow!("demo role {}: {}", r.role, m.id))
            })
            .collect::<anyhow::Result<_>>()?;
        let new = ConfirmedAccount {
            email: &account.email,
            name: &account.name,
            organisation_id,
            lang: Lang::from_code(&account.language).unwrap_or_default(),
            password: &demo.password,
            roles: &roles,
        };
        let id = create_confirmed(&mut tx, &new, now)
            .await
            .map_err(|e| anyhow::anyhow!("demo account {}: {e}", account.email))?;
        // Organisers of an organisation: `scope = "org:<slug>"`.
        for r in &account.roles {
            let Some(slug) = r.scope.strip_prefix("org:") else {
                continue;
            };
            let org = org_queries::find_by_slug(&mut tx, slug)
                .await?
                .with_context(|| {
                    format!("demo account {}: no organisation {slug}", account.email)
                })?;
            let role = Role::parse(&r.role)
                .map_err(|m| anyhow::anyhow!("demo role {}: {}", r.role, m.id))?;
            crate::account::queries::insert_grant(&mut tx, id, role, Scope::Org(org.0), None, now)
                .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_events_parse_with_their_sessions() {
        let events = &DEMO_EVENTS.events;
        assert!(events.len() >= 2);
        let cmr = &events[0];
        assert!(
            cmr.sessions
                .iter()
                .any(|s| s.kind == "site_visit" && s.capacity == Some(8) && s.signup)
        );
        for s in &cmr.sessions {
            assert!(
                s.room.is_empty() || cmr.rooms.iter().any(|r| r.name == s.room),
                "{}",
                s.room
            );
        }
    }

    #[test]
    fn the_demo_file_parses_and_names_every_role() {
        let demo = &*DEMO;
        assert!(demo.organisations.len() >= 20);
        let sign_ins = demo_sign_ins();
        let roles: Vec<&str> = sign_ins.iter().map(|(r, _)| *r).collect();
        assert_eq!(
            roles,
            [
                "role-admin",
                "role-organiser",
                "role-juror",
                "role-checkin",
                "role-participant"
            ]
        );
        for account in &demo.accounts {
            if let Some(slug) = &account.organisation {
                assert!(demo.organisations.iter().any(|o| &o.slug == slug), "{slug}");
            }
        }
    }

    #[test]
    fn the_demo_calls_parse_with_their_categories_and_submissions() {
        use crate::call::SubmissionStatus;
        let calls = &DEMO_CALLS.calls;
        let slugs: Vec<&str> = calls.iter().map(|c| c.details.slug.as_str()).collect();
        assert_eq!(
            slugs,
            ["innovationcall-ruhr-2026", "innovationcall-ruhr-2027"]
        );
        let keys: Vec<&str> = DEMO_CALLS
            .questions
            .iter()
            .map(|q| q.key.as_str())
            .collect();
        for q in &DEMO_CALLS.questions {
            crate::registration::form::check_question(&q.input, &[]).expect("a valid question");
        }
        let now = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 1, 9, 0, 0).unwrap();
        let mut statuses = std::collections::HashSet::new();
        let mut total = 0;
        for call in calls {
            let mut input = call.details.clone();
            if let Some(r) = &call.relative {
                r.apply(&mut input, now).unwrap();
            }
            let draft = input.parse().expect("a valid call");
            assert_eq!(
                draft.categories,
                [
                    ("Umweltwirtschaft", "Environmental economy"),
                    ("Digitalisierung und KI", "Digitalisation and AI"),
                    ("Wasserstoff", "Hydrogen"),
                    ("Kreislaufwirtschaft", "Circular economy"),
                ]
                .map(|(de, en)| (de.to_string(), en.to_string()))
            );
            assert_eq!(
                (draft.abstract_max, draft.max_files, draft.file_max_mb),
                (1500, 3, 10)
            );
            // The past call is over, the relative one open.
            assert_eq!(draft.phases.accepts_changes(now), call.relative.is_some());
            for s in &call.submissions {
                let status = SubmissionStatus::parse(&s.status).expect("a status");
                statuses.insert(status);
                total += 1;
                assert!(
                    DEMO.accounts
                        .iter()
                        .any(|a| a.email == s.applicant && a.roles.is_empty()),
                    "{} is no demo participant",
                    s.applicant
                );
                assert!(
                    s.category.is_empty()
                        || draft.categories.iter().any(|(de, _)| *de == s.category),
                    "{}",
                    s.category
                );
                assert!(s.summary.chars().count() <= 1500, "{}", s.title);
                for key in s.answers.keys() {
                    assert!(keys.contains(&key.as_str()), "{key}");
                }
                assert_eq!(status == SubmissionStatus::Winner, s.placement.is_some());
                assert_eq!(status == SubmissionStatus::Ineligible, !s.reason.is_empty());
            }
        }
        assert!(total >= 12, "{total}");
        assert!(statuses.len() >= 5, "{statuses:?}");
        let placements: Vec<i64> = calls[0]
            .submissions
            .iter()
            .filter_map(|s| s.placement)
            .collect();
        assert_eq!(placements, [1, 2, 3]);
    }

    #[test]
    fn the_open_demo_call_is_placed_around_the_load_time() {
        let call = &DEMO_CALLS.calls[1];
        let mut input = call.details.clone();
        // Just before midnight in Berlin, already the next day: local days count.
        let now = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2027, 1, 10, 23, 30, 0).unwrap();
        call.relative
            .as_ref()
            .unwrap()
            .apply(&mut input, now)
            .unwrap();
        assert_eq!(input.opens_at, "2026-12-20T23:30:00Z");
        // 11 January + 75 days = 27 March, noon CET; the review 31 March at noon CEST.
        assert_eq!(input.deadline, "2027-03-27T11:00:00Z");
        assert_eq!(input.review_at, "2027-03-31T10:00:00Z");
        assert_eq!(input.results_at, "2027-05-06T10:00:00Z");
        assert_eq!(input.event, "clusters-meet-regions-nrw-2027");
        input.parse().expect("a valid call");
    }

    #[test]
    fn the_pitch_pdf_is_a_well_formed_one_page_pdf() {
        let pdf = pitch_pdf(
            "25square – IoT-Sensornetz für urbanen Starkregen",
            "InnovationCall Metropole Ruhr 2026 · Umweltwirtschaft · Okeanos",
            "Starkregen (und CO₂) – „kurz“ erklärt.\n\nZweiter Absatz.",
        );
        assert_eq!(
            crate::registration::form::file_type(&pdf),
            Ok("application/pdf")
        );
        // Every cross-reference offset points at its object, every stream decodes.
        crate::pdf::testing::assert_sound(&pdf);
        let doc = crate::pdf::testing::parse(&pdf);
        assert_eq!(doc.page_count(), 1);
        let [x0, y0, x1, y1] = doc.media_boxes().unwrap()[0];
        assert!(((x1 - x0) - 595.28).abs() < 0.5 && ((y1 - y0) - 841.89).abs() < 0.5);
        // The title wraps; words compared with line breaks as spaces.
        let text = crate::pdf::testing::text(&pdf)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for needle in [
            "25square – IoT-Sensornetz für urbanen Starkregen",
            "InnovationCall Metropole Ruhr 2026 · Umweltwirtschaft · Okeanos",
            "Starkregen (und CO₂) – „kurz“ erklärt.",
            "Zweiter Absatz.",
            "Demo-Unterlage, erzeugt von convene – demo document generated by convene",
        ] {
            assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
        }
        assert!(crate::pdf::testing::assert_fonts_embedded_subset_unicode(&pdf) >= 1);
    }
}
