//! Registration use cases. Every decision about places runs inside one write transaction that
//! first takes the event's lock (`queries::lock_event`), so concurrent registrations,
//! cancellations, offers and session bookings can never overbook the event or lose a place in
//! line.

use chrono::{DateTime, Duration, Utc};

use super::form::{self, Answer, AnswersIn, Question, QuestionInput};
use super::model::{self, Registration, RegistrationStatus, Settings, TicketType};
use super::queries::{self, Filter, Row};
use crate::account::{Actor, Scope};
use crate::audit;
use crate::db::{self, DbConn};
use crate::error::{AppError, DbResultExt, FieldErrors, Msg};
use crate::event::{Event, service as events};
use crate::ids::EventId;
use crate::mail::Attachment;
use crate::state::AppState;
use crate::webhook::model::Topic;
use serde_json::json;

/// Raw settings input (form or API).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct SettingsInput {
    /// RFC 3339 instant or empty.
    pub opens_at: String,
    pub closes_at: String,
    pub capacity: Option<i64>,
    pub approval_required: bool,
    pub offer_hours: Option<i64>,
    /// Until when answers may be changed; empty: until registration closes.
    pub edit_until: String,
    /// Months after the event at which registrations are anonymised; `None`: kept.
    pub retention_months: Option<i64>,
}

/// An RFC 3339 instant, or a local `YYYY-MM-DDTHH:MM` (a form's datetime-local) in `tz`.
fn instant(
    field: &'static str,
    s: &str,
    tz: chrono_tz::Tz,
    e: &mut FieldErrors,
) -> Option<DateTime<Utc>> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    match crate::time::parse_instant(t, tz) {
        Ok(at) => at,
        Err(m) => {
            e.add_msg(field, m);
            None
        }
    }
}

fn audit_subject(r: i64) -> String {
    format!("registration:{r}")
}

/// Sets when registration opens and closes, the capacity, approval and the offer period
/// (organisers only).
///
/// # Errors
/// `NotFound`, `Forbidden`, `Invalid`.
pub async fn configure(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    input: &SettingsInput,
) -> Result<Settings, AppError> {
    let event = events::for_organiser(state, actor, slug).await?;
    let mut e = FieldErrors::default();
    let opens_at = instant("opens_at", &input.opens_at, event.tz(), &mut e);
    let closes_at = instant("closes_at", &input.closes_at, event.tz(), &mut e);
    let edit_until = instant("edit_until", &input.edit_until, event.tz(), &mut e);
    if let (Some(o), Some(c)) = (opens_at, closes_at)
        && c <= o
    {
        e.add("closes_at", "valid-end-before-start");
    }
    if input.capacity.is_some_and(|c| !(1..=100_000).contains(&c)) {
        e.add("capacity", "valid-capacity-invalid");
    }
    let offer_hours = input.offer_hours.unwrap_or(48);
    if !(1..=720).contains(&offer_hours) {
        e.add("offer_hours", "valid-offer-hours-invalid");
    }
    if input
        .retention_months
        .is_some_and(|m| !(1..=120).contains(&m))
    {
        e.add("retention_months", "valid-retention-months-invalid");
    }
    e.into_result()?;
    let mut tx = db::begin_write(&state.db).await?;
    let now = lock(&mut tx, event.id, &state.clock).await?;
    let settings = Settings {
        event_id: event.id,
        opens_at,
        closes_at,
        capacity: input.capacity,
        approval_required: input.approval_required,
        offer_hours,
        edit_until,
        retention_months: input.retention_months,
        anonymised_at: queries::settings(&mut tx, event.id)
            .await?
            .and_then(|s| s.anonymised_at),
    };
    queries::save_settings(&mut tx, &settings, now).await?;
    // More places may have opened up.
    promote(state, &mut tx, &event, &settings, now).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "registration.configure",
        &format!("event:{}", event.id),
        "",
        now,
    )
    .await?;
    tx.commit().await?;
    state.mailer.wake();
    Ok(settings)
}

/// What a person needs to fill in the registration form of an event.
pub struct Form {
    pub event: Event,
    pub settings: Option<Settings>,
    pub tickets: Vec<TicketType>,
    pub questions: Vec<Question>,
}

/// The event's registration form (everyone who may see the event may see its form).
pub async fn form(state: &AppState, actor: Option<&Actor>, slug: &str) -> Result<Form, AppError> {
    let event = events::visible(state, actor, slug).await?;
    let mut conn = state.db.acquire().await?;
    let settings = queries::settings(&mut conn, event.id).await?;
    let tickets = queries::tickets(&mut conn, event.id).await?;
    let questions = queries::questions(&mut conn, event.id).await?;
    Ok(Form {
        event,
        settings,
        tickets,
        questions,
    })
}

/// Takes the event's lock and returns the time of what is decided under it. Read only once the
/// lock is held, so the times (by which the waiting list is ordered) follow the order of the
/// decisions exactly: a time read before waiting for the lock let a request decided later stand
/// ahead of earlier ones in a rush. Every change of places goes through here.
pub(super) async fn lock(
    conn: &mut DbConn,
    event_id: EventId,
    clock: &crate::clock::Clock,
) -> sqlx::Result<DateTime<Utc>> {
    queries::lock_event(conn, event_id).await?;
    Ok(clock.now())
}

/// A registration as the form sends it: the ticket type and the answers.
#[derive(Debug, Clone, Default)]
pub struct RegisterInput {
    pub ticket_type_id: Option<i64>,
    pub answers: AnswersIn,
}

/// The ticket type a registration takes: the one chosen (of the event's), the only one, or
/// none for an event without ticket types. A ticket type the event does not have is refused,
/// also when it has none at all: a request naming one expects it to count.
fn check_ticket(tickets: &[TicketType], chosen: Option<i64>, e: &mut FieldErrors) -> Option<i64> {
    match (tickets.is_empty(), chosen) {
        (true, None) => None,
        (true, Some(_)) => {
            e.add("ticket_type_id", "valid-ticket-type-none");
            None
        }
        (false, Some(id)) if tickets.iter().any(|t| t.id == id) => Some(id),
        (false, Some(_)) => {
            e.add("ticket_type_id", "valid-ticket-type-unknown");
            None
        }
        (false, None) if tickets.len() == 1 => Some(tickets[0].id),
        (false, None) => {
            e.add("ticket_type_id", "valid-required");
            None
        }
    }
}

/// Registers the actor for a public event: a place when one is free (for the event and the
/// ticket type), else the waiting list. Registering twice (a double click, a retried request)
/// returns the existing registration; the flag says whether this call made it.
///
/// # Errors
/// `NotFound` (event), `Conflict` (registration not open or closed), `Invalid` (answers).
pub async fn register(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    input: &RegisterInput,
) -> Result<(Registration, bool), AppError> {
    let form = form(state, Some(actor), slug).await?;
    let event = form.event;
    let asked_at = state.clock.now();
    let mut e = FieldErrors::default();
    let ticket = check_ticket(&form.tickets, input.ticket_type_id, &mut e);
    let answers = match form::check_answers(&form.questions, ticket, &input.answers, &[], asked_at)
    {
        Ok(a) => a,
        Err(more) => {
            e.0.extend(more.0);
            Vec::new()
        }
    };
    // Decided with the other registrations waiting at this moment, in order of arrival, under
    // one lock and one commit (`crate::db::group_commit`): a rush costs one sync to disk per
    // batch, not per person. Answered only once the batch is durable.
    let decided = {
        let state = state.clone();
        let actor = actor.clone();
        state
            .clone()
            .decisions
            .run(("events", event.id.0), move |conn| {
                Box::pin(async move {
                    decide_registration(&state, conn, &event, &actor, ticket, &answers, e).await
                })
            })
            .await?
    };
    state.mailer.wake();
    Ok(decided)
}

/// The locked part of [`register`], on the batch's transaction: a place when one is free, else
/// the waiting list, in the order the decisions are made.
async fn decide_registration(
    state: &AppState,
    conn: &mut DbConn,
    event: &Event,
    actor: &Actor,
    ticket: Option<i64>,
    answers: &[(i64, Answer)],
    e: FieldErrors,
) -> Result<(Registration, bool), AppError> {
    let now = lock(conn, event.id, &state.clock).await?;
    let settings = queries::settings(conn, event.id)
        .await?
        .ok_or_else(|| AppError::Conflict(Msg::new("registration-closed")))?;
    settings
        .check_open(now)
        .map_err(|id| AppError::Conflict(Msg::new(id)))?;
    let existing = queries::find_for(conn, event.id, actor.id).await?;
    if let Some(r) = &existing
        && r.status.is_active()
    {
        return Ok((r.clone(), false));
    }
    e.into_result()?;
    let tickets = queries::tickets(conn, event.id).await?;
    let ticket_type = ticket.and_then(|t| tickets.iter().find(|x| x.id == t));
    let free = queries::taken(conn, event.id)
        .await?
        .fits(settings.capacity, ticket_type);
    let status = model::status_for_new(free, settings.approval_required);
    let renewed = existing.is_some();
    let id = match existing {
        Some(r) => {
            queries::renew(conn, event.id, r.id, ticket, status, now).await?;
            r.id
        }
        None => queries::insert(
            conn,
            event.id,
            actor.id,
            ticket,
            status,
            &crate::token::random(),
            now,
        )
        .await
        .on_unique_violation(|| AppError::Conflict(Msg::new("registration-exists")))?,
    };
    // A new registration without answers has none to store or replace.
    if renewed || !answers.is_empty() {
        store_answers(conn, actor, id, answers, now).await?;
    }
    let registration = queries::find(conn, event.id, id)
        .await?
        .ok_or_else(|| AppError::not_found("registration-not-found"))?;
    notify(state, conn, event, actor, &registration, now).await?;
    audit::record(
        conn,
        Some(actor.id),
        "registration.register",
        &audit_subject(id),
        status.as_str(),
        now,
    )
    .await?;
    crate::webhook::service::emit(
        conn,
        Scope::Event(event.id.0),
        Topic::RegistrationCreated,
        json!({
            "registration": {
                "id": registration.id,
                "status": registration.status.as_str(),
                "ticket_type_id": registration.ticket_type_id,
                "name": actor.name,
                "email": actor.email,
                "created_at": registration.created_at,
            }
        }),
        now,
    )
    .await?;
    Ok((registration, true))
}

async fn store_answers(
    conn: &mut DbConn,
    owner: &Actor,
    registration_id: i64,
    answers: &[(i64, Answer)],
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let keep: Vec<i64> = answers.iter().map(|(q, _)| *q).collect();
    queries::delete_answers_except(conn, registration_id, &keep).await?;
    for (question, answer) in answers {
        match answer {
            Answer::Text(v) => {
                queries::put_answer(conn, registration_id, *question, v, None).await?
            }
            Answer::File {
                filename,
                content_type,
                bytes,
            } => {
                let upload =
                    queries::insert_upload(conn, owner.id, filename, content_type, bytes, now)
                        .await?;
                queries::put_answer(conn, registration_id, *question, filename, Some(upload))
                    .await?;
            }
            Answer::Withdraw => {
                queries::withdraw_consent(conn, registration_id, *question, now).await?
            }
            Answer::Keep => {}
        }
    }
    queries::delete_orphan_uploads(conn, owner.id).await?;
    Ok(())
}

/// Changes the actor's answers while the event allows it.
///
/// # Errors
/// `NotFound` (no active registration), `Conflict("registration-edit-closed")`, `Invalid`.
pub async fn update_answers(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    input: &AnswersIn,
) -> Result<(), AppError> {
    let form = form(state, Some(actor), slug).await?;
    let event = form.event;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let r = queries::find_for(&mut tx, event.id, actor.id)
        .await?
        .filter(|r| r.status.is_active())
        .ok_or_else(|| AppError::not_found("registration-not-found"))?;
    let settings = queries::settings(&mut tx, event.id).await?;
    if !settings.is_some_and(|s| s.answers_editable(now)) {
        return Err(AppError::Conflict(Msg::new("registration-edit-closed")));
    }
    // Files and consents in force are kept unless replaced (or withdrawn); a withdrawn consent
    // stays on record, with its dates, unless it is given again.
    let stored = queries::answers(&mut tx, r.id).await?;
    let is_consent = |id: i64| {
        form.questions
            .iter()
            .any(|q| q.id == id && q.kind == form::QuestionKind::Consent)
    };
    let keep: Vec<i64> = stored
        .iter()
        .filter(|a| {
            a.upload_id.is_some() || (is_consent(a.question_id) && a.withdrawn_at.is_none())
        })
        .map(|a| a.question_id)
        .collect();
    let mut answers = form::check_answers(&form.questions, r.ticket_type_id, input, &keep, now)
        .map_err(AppError::Invalid)?;
    for a in stored.iter().filter(|a| a.withdrawn_at.is_some()) {
        if !answers.iter().any(|(q, _)| *q == a.question_id) {
            answers.push((a.question_id, Answer::Keep));
        }
    }
    store_answers(&mut tx, actor, r.id, &answers, now).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "registration.answers",
        &audit_subject(r.id),
        "",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A registration with its answers as a person reads them.
pub struct Detail {
    pub registration: Registration,
    pub ticket: Option<TicketType>,
    /// (question, answer as shown, whether it is a file).
    pub answers: Vec<(Question, String, bool)>,
    /// The event's ticket types and questions, and the answers as stored (to fill a form).
    pub tickets: Vec<TicketType>,
    pub questions: Vec<Question>,
    pub stored: Vec<queries::StoredAnswer>,
}

impl Detail {
    /// The stored answers as a form takes them (a multiple choice as its option numbers), and
    /// the stored files as (question id, file name).
    pub fn stored_answers(&self) -> (form::AnswersIn, Vec<(i64, String)>) {
        let mut values = form::AnswersIn::default();
        let mut files = Vec::new();
        for a in &self.stored {
            let kind = self
                .questions
                .iter()
                .find(|q| q.id == a.question_id)
                .map(|q| q.kind);
            if a.upload_id.is_some() {
                files.push((a.question_id, a.value.clone()));
            } else if kind == Some(form::QuestionKind::MultipleChoice) {
                let picked: Vec<usize> = serde_json::from_str(&a.value).unwrap_or_default();
                values
                    .values
                    .insert(a.question_id, picked.iter().map(usize::to_string).collect());
            } else if kind != Some(form::QuestionKind::Consent) {
                values.values.insert(a.question_id, vec![a.value.clone()]);
            }
        }
        (values, files)
    }
}

async fn detail_of(
    conn: &mut DbConn,
    event: &Event,
    r: Registration,
    lang: convene_frontend::Lang,
) -> Result<Detail, AppError> {
    let tickets = queries::tickets(conn, event.id).await?;
    let questions = queries::questions(conn, event.id).await?;
    let stored = queries::answers(conn, r.id).await?;
    let answers = questions
        .iter()
        .filter_map(|q| {
            let a = stored.iter().find(|a| a.question_id == q.id)?;
            let shown = form::display_stored(q, &a.value, a.withdrawn_at, lang);
            Some((q.clone(), shown, a.upload_id.is_some()))
        })
        .collect();
    Ok(Detail {
        ticket: tickets
            .iter()
            .find(|t| Some(t.id) == r.ticket_type_id)
            .cloned(),
        registration: r,
        answers,
        tickets,
        questions,
        stored,
    })
}

/// The actor's registration for an event, if any.
pub async fn mine(
    state: &AppState,
    actor: &Actor,
    slug: &str,
) -> Result<Option<Registration>, AppError> {
    let event = events::visible(state, Some(actor), slug).await?;
    let mut conn = state.db.acquire().await?;
    Ok(queries::find_for(&mut conn, event.id, actor.id).await?)
}

/// The actor's registration with answers, and the event's settings.
pub async fn mine_detail(
    state: &AppState,
    actor: &Actor,
    slug: &str,
) -> Result<(Event, Option<Settings>, Option<Detail>), AppError> {
    let event = events::visible(state, Some(actor), slug).await?;
    let mut conn = state.db.acquire().await?;
    let settings = queries::settings(&mut conn, event.id).await?;
    let detail = match queries::find_for(&mut conn, event.id, actor.id).await? {
        Some(r) => Some(detail_of(&mut conn, &event, r, actor.language).await?),
        None => None,
    };
    Ok((event, settings, detail))
}

/// Cancels the actor's registration (and their session bookings); a freed place is offered to
/// the first person in line.
///
/// # Errors
/// `NotFound` (no active registration).
pub async fn cancel(state: &AppState, actor: &Actor, slug: &str) -> Result<(), AppError> {
    let event = events::visible(state, Some(actor), slug).await?;
    let mut tx = db::begin_write(&state.db).await?;
    let now = lock(&mut tx, event.id, &state.clock).await?;
    let r = queries::find_for(&mut tx, event.id, actor.id)
        .await?
        .filter(|r| r.status.is_active())
        .ok_or_else(|| AppError::not_found("registration-not-found"))?;
    end(
        state,
        &mut tx,
        &event,
        &r,
        RegistrationStatus::Cancelled,
        Some(actor.id),
        now,
    )
    .await?;
    tx.commit().await?;
    state.mailer.wake();
    Ok(())
}

/// Ends a registration (cancelled or rejected) inside the caller's locked transaction: its
/// session bookings go, and the freed places are offered on.
async fn end(
    state: &AppState,
    conn: &mut DbConn,
    event: &Event,
    r: &Registration,
    to: RegistrationStatus,
    by: Option<crate::ids::AccountId>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    queries::set_status(conn, event.id, r.id, to, None, now).await?;
    if let Some(account) = r.account_id {
        super::bookings::release_all(state, conn, event, account, now).await?;
    }
    if let Some(settings) = queries::settings(conn, event.id).await? {
        promote(state, conn, event, &settings, now).await?;
    }
    audit::record(
        conn,
        by,
        if to == RegistrationStatus::Rejected {
            "registration.reject"
        } else {
            "registration.cancel"
        },
        &audit_subject(r.id),
        r.status.as_str(),
        now,
    )
    .await?;
    if to == RegistrationStatus::Cancelled {
        crate::webhook::service::emit(
            conn,
            Scope::Event(event.id.0),
            Topic::RegistrationCancelled,
            json!({
                "registration": {
                    "id": r.id,
                    "status": to.as_str(),
                    "previous_status": r.status.as_str(),
                    "cancelled_at": now,
                }
            }),
            now,
        )
        .await?;
    }
    Ok(())
}

/// Ends every active registration of a person (their account is being deleted), inside the
/// caller's write transaction, freeing places and seats for the waiting lists.
pub async fn withdraw_everywhere(
    state: &AppState,
    conn: &mut DbConn,
    account: crate::ids::AccountId,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    for r in queries::of_account(conn, account).await? {
        if !r.status.is_active() {
            continue;
        }
        queries::lock_event(conn, r.event_id).await?;
        if let Some(event) = crate::event::queries::find(conn, r.event_id).await? {
            end(
                state,
                conn,
                &event,
                &r,
                RegistrationStatus::Cancelled,
                None,
                now,
            )
            .await?;
        }
    }
    Ok(())
}

/// Takes up a place offered from the waiting list, while the offer lasts.
///
/// # Errors
/// `NotFound` (no offer), `Conflict("registration-offer-expired")`.
pub async fn accept_offer(
    state: &AppState,
    actor: &Actor,
    slug: &str,
) -> Result<Registration, AppError> {
    let event = events::visible(state, Some(actor), slug).await?;
    let mut tx = db::begin_write(&state.db).await?;
    let now = lock(&mut tx, event.id, &state.clock).await?;
    let r = queries::find_for(&mut tx, event.id, actor.id)
        .await?
        .filter(|r| r.status == RegistrationStatus::Offered)
        .ok_or_else(|| AppError::not_found("registration-no-offer"))?;
    if r.offer_expires_at.is_some_and(|t| t <= now) {
        return Err(AppError::Conflict(Msg::new("registration-offer-expired")));
    }
    let approval = queries::settings(&mut tx, event.id)
        .await?
        .is_some_and(|s| s.approval_required);
    let to = if approval {
        RegistrationStatus::Pending
    } else {
        RegistrationStatus::Confirmed
    };
    queries::set_status(&mut tx, event.id, r.id, to, None, now).await?;
    let registration = queries::find(&mut tx, event.id, r.id)
        .await?
        .ok_or_else(|| AppError::not_found("registration-not-found"))?;
    notify(state, &mut tx, &event, actor, &registration, now).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "registration.accept_offer",
        &audit_subject(r.id),
        "",
        now,
    )
    .await?;
    tx.commit().await?;
    state.mailer.wake();
    Ok(registration)
}

/// Lets offers that were not taken in time lapse and moves their places on to the next people in
/// line. Run by the background worker; returns how many offers lapsed.
pub async fn expire_offers(state: &AppState) -> Result<usize, AppError> {
    let now = state.clock.now();
    let lapsed = {
        let mut conn = state.db.acquire().await?;
        queries::lapsed_offers(&mut conn, now).await?
    };
    let mut count = 0;
    for r in lapsed {
        let mut tx = db::begin_write(&state.db).await?;
        let now = lock(&mut tx, r.event_id, &state.clock).await?;
        let Some(event) = crate::event::queries::find(&mut tx, r.event_id).await? else {
            continue;
        };
        // Re-read under the lock: the person may have accepted meanwhile.
        let still = queries::find(&mut tx, event.id, r.id).await?;
        if still.is_some_and(|s| {
            s.status == RegistrationStatus::Offered && s.offer_expires_at.is_some_and(|t| t <= now)
        }) {
            queries::set_status(
                &mut tx,
                event.id,
                r.id,
                RegistrationStatus::Expired,
                None,
                now,
            )
            .await?;
            audit::record(
                &mut tx,
                None,
                "registration.offer_expired",
                &audit_subject(r.id),
                "",
                now,
            )
            .await?;
            if let Some(person) = actor_of(&mut tx, r.account_id).await? {
                let lapsed = Registration {
                    status: RegistrationStatus::Expired,
                    ..r.clone()
                };
                notify(state, &mut tx, &event, &person, &lapsed, now).await?;
            }
            if let Some(settings) = queries::settings(&mut tx, event.id).await? {
                promote(state, &mut tx, &event, &settings, now).await?;
            }
            count += 1;
        }
        tx.commit().await?;
    }
    if count > 0 {
        state.mailer.wake();
    }
    Ok(count)
}

async fn actor_of(
    conn: &mut DbConn,
    account: Option<crate::ids::AccountId>,
) -> Result<Option<Actor>, AppError> {
    let Some(id) = account else { return Ok(None) };
    Ok(crate::account::queries::find(conn, id)
        .await?
        .map(|a| Actor {
            id: a.id,
            email: a.email.clone(),
            name: a.name.clone(),
            language: a.lang(),
            grants: Vec::new(),
        }))
}

/// Offers free places to the people on the waiting list, in line order (inside the caller's
/// locked transaction).
async fn promote(
    state: &AppState,
    conn: &mut DbConn,
    event: &Event,
    settings: &Settings,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let tickets = queries::tickets(conn, event.id).await?;
    let taken = queries::taken(conn, event.id).await?;
    let waiting = queries::waiting(conn, event.id).await?;
    let until = now + Duration::hours(settings.offer_hours);
    for id in model::next_offers(&waiting, taken, settings.capacity, &tickets) {
        queries::set_status(
            conn,
            event.id,
            id,
            RegistrationStatus::Offered,
            Some(until),
            now,
        )
        .await?;
        audit::record(
            conn,
            None,
            "registration.offer",
            &audit_subject(id),
            "",
            now,
        )
        .await?;
        let Some(r) = queries::find(conn, event.id, id).await? else {
            continue;
        };
        if let Some(person) = actor_of(conn, r.account_id).await? {
            notify(state, conn, event, &person, &r, now).await?;
        }
    }
    Ok(())
}

/// What an organiser decides about one registration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Reject,
    Cancel,
    /// Move to another ticket type.
    Move(i64),
}

impl Decision {
    pub fn parse(action: &str, ticket: Option<i64>) -> Option<Decision> {
        match (action, ticket) {
            ("approve", _) => Some(Decision::Approve),
            ("reject", _) => Some(Decision::Reject),
            ("cancel", _) => Some(Decision::Cancel),
            ("move", Some(t)) => Some(Decision::Move(t)),
            _ => None,
        }
    }
}

/// Approves, rejects, cancels or moves a registration (organisers only). The person is told by
/// e-mail; freed places go to the waiting list.
///
/// # Errors
/// `NotFound`, `Forbidden`, `Conflict` (the decision does not fit the registration's status, or
/// the target ticket type is full).
pub async fn decide(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    id: i64,
    decision: Decision,
) -> Result<Registration, AppError> {
    let event = events::for_organiser(state, actor, slug).await?;
    let mut tx = db::begin_write(&state.db).await?;
    let now = lock(&mut tx, event.id, &state.clock).await?;
    let r = queries::find(&mut tx, event.id, id)
        .await?
        .ok_or_else(|| AppError::not_found("registration-not-found"))?;
    let person = actor_of(&mut tx, r.account_id).await?;
    match decision {
        Decision::Approve => {
            if r.status != RegistrationStatus::Pending {
                return Err(AppError::Conflict(Msg::new("registration-not-pending")));
            }
            queries::set_status(
                &mut tx,
                event.id,
                r.id,
                RegistrationStatus::Confirmed,
                None,
                now,
            )
            .await?;
            audit::record(
                &mut tx,
                Some(actor.id),
                "registration.approve",
                &audit_subject(r.id),
                "",
                now,
            )
            .await?;
        }
        Decision::Reject | Decision::Cancel => {
            if !r.status.is_active() {
                return Err(AppError::Conflict(Msg::new("registration-not-active")));
            }
            let to = if decision == Decision::Reject {
                RegistrationStatus::Rejected
            } else {
                RegistrationStatus::Cancelled
            };
            end(state, &mut tx, &event, &r, to, Some(actor.id), now).await?;
        }
        Decision::Move(ticket) => {
            let tickets = queries::tickets(&mut tx, event.id).await?;
            let target = tickets
                .iter()
                .find(|t| t.id == ticket)
                .ok_or_else(|| AppError::field("ticket_type_id", "valid-ticket-type-unknown"))?;
            if r.ticket_type_id == Some(ticket) {
                return Ok(r);
            }
            if r.status.holds_place() {
                let taken = queries::taken(&mut tx, event.id).await?;
                let in_target = taken.by_ticket.get(&ticket).copied().unwrap_or(0);
                if !model::has_room(in_target, target.capacity) {
                    return Err(AppError::Conflict(Msg::new("registration-ticket-full")));
                }
            }
            queries::set_ticket(&mut tx, event.id, r.id, Some(ticket), now).await?;
            audit::record(
                &mut tx,
                Some(actor.id),
                "registration.move",
                &audit_subject(r.id),
                &format!("ticket:{ticket}"),
                now,
            )
            .await?;
            if let Some(settings) = queries::settings(&mut tx, event.id).await? {
                promote(state, &mut tx, &event, &settings, now).await?;
            }
        }
    }
    let updated = queries::find(&mut tx, event.id, r.id)
        .await?
        .ok_or_else(|| AppError::not_found("registration-not-found"))?;
    if let Some(person) = person
        && updated.status != r.status
    {
        notify(state, &mut tx, &event, &person, &updated, now).await?;
    }
    tx.commit().await?;
    state.mailer.wake();
    Ok(updated)
}

/// The ICS attachment of a confirmation: the event from its first to its last session (or the
/// whole days when there is no agenda yet).
async fn event_ics(
    state: &AppState,
    conn: &mut DbConn,
    event: &Event,
    lang: convene_frontend::Lang,
) -> Result<Vec<u8>, AppError> {
    let bounds = crate::agenda::queries::scheduled_bounds(conn, event.id).await?;
    let url = state.config.url(&format!("/events/{}", event.slug));
    let host = state.config.uid_host();
    let item = crate::calendar::render::event_item(event, lang, bounds, &host, url);
    Ok(
        crate::calendar::render::calendar(event.title(lang), &[item], event.updated_at)
            .into_bytes(),
    )
}

/// The e-mail telling a person where their registration stands, in their language. A
/// confirmation carries the event as an `.ics` file and the personal QR code.
async fn notify(
    state: &AppState,
    conn: &mut DbConn,
    event: &Event,
    to: &Actor,
    r: &Registration,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    use crate::mail_template::model as mails;
    let lang = to.language;
    let kind = match r.status {
        RegistrationStatus::Confirmed => &mails::REGISTRATION_CONFIRMED,
        RegistrationStatus::Pending => &mails::REGISTRATION_PENDING,
        RegistrationStatus::Waitlisted => &mails::REGISTRATION_WAITLISTED,
        RegistrationStatus::Offered => &mails::REGISTRATION_OFFERED,
        RegistrationStatus::Rejected => &mails::REGISTRATION_REJECTED,
        RegistrationStatus::Cancelled => &mails::REGISTRATION_CANCELLED,
        RegistrationStatus::Expired => &mails::REGISTRATION_EXPIRED,
    };
    let link = state
        .config
        .url(&format!("/events/{}/registration", event.slug));
    let until = r
        .offer_expires_at
        .map(|u| crate::http::fmt::at(lang, event.tz(), u))
        .unwrap_or_default();
    let values = [
        ("name", to.name.clone()),
        ("event", event.title(lang).to_string()),
        ("link", link),
        ("until", until),
        ("code", r.code.clone()),
    ];
    let letter = crate::mail_template::service::compose(
        conn,
        crate::mail_template::service::Sender::Event(event.id),
        kind,
        lang,
        &values,
    )
    .await?;
    let mut attachments = Vec::new();
    if r.status == RegistrationStatus::Confirmed {
        attachments.push(Attachment {
            filename: format!("{}.ics", event.slug),
            content_type: "text/calendar; charset=utf-8; method=PUBLISH".into(),
            data: event_ics(state, conn, event, lang).await?,
        });
        attachments.push(Attachment {
            filename: "qr-code.png".into(),
            content_type: "image/png".into(),
            data: crate::qr::png(&r.code, 8),
        });
    }
    crate::mail::enqueue(
        conn,
        &state.config,
        crate::mail::NewMail {
            to_address: &to.email,
            to_name: &to.name,
            lang,
            subject: &letter.subject,
            body_text: &letter.body,
            attachments: &attachments,
        },
        now,
    )
    .await?;
    Ok(())
}

/// The registrations of an event with the people's names, narrowed by `filter` (organisers
/// only), with the event, its settings and ticket types.
pub struct Overview {
    pub event: Event,
    pub settings: Option<Settings>,
    pub tickets: Vec<TicketType>,
    pub questions: Vec<Question>,
    pub rows: Vec<Row>,
}

pub async fn overview(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    filter: &Filter,
) -> Result<Overview, AppError> {
    let event = events::for_organiser(state, actor, slug).await?;
    let mut conn = state.db.acquire().await?;
    let settings = queries::settings(&mut conn, event.id).await?;
    let tickets = queries::tickets(&mut conn, event.id).await?;
    let questions = queries::questions(&mut conn, event.id).await?;
    let rows = queries::rows(&mut conn, event.id, filter).await?;
    Ok(Overview {
        event,
        settings,
        tickets,
        questions,
        rows,
    })
}

/// One registration with the person and the answers (organisers only).
pub async fn one(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    id: i64,
) -> Result<(Event, Row, Detail), AppError> {
    let event = events::for_organiser(state, actor, slug).await?;
    let mut conn = state.db.acquire().await?;
    let row = queries::row(&mut conn, event.id, id)
        .await?
        .ok_or_else(|| AppError::not_found("registration-not-found"))?;
    let detail = detail_of(&mut conn, &event, row.registration.clone(), actor.language).await?;
    Ok((event, row, detail))
}

/// A file answering a question: for the person who uploaded it and the event's organisers.
pub async fn upload(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    registration_id: i64,
    question_id: i64,
) -> Result<(String, String, Vec<u8>), AppError> {
    let event = events::visible(state, Some(actor), slug).await?;
    let mut conn = state.db.acquire().await?;
    let r = queries::find(&mut conn, event.id, registration_id)
        .await?
        .ok_or_else(|| AppError::not_found("registration-not-found"))?;
    if r.account_id != Some(actor.id) && !events::is_organiser(Some(actor), &event) {
        return Err(AppError::not_found("registration-not-found"));
    }
    queries::upload_of(&mut conn, event.id, registration_id, question_id)
        .await?
        .ok_or_else(|| AppError::not_found("upload-not-found"))
}

/// The event's settings, for the event page (everyone may see whether registration is open).
/// The registration settings of an event, for its organisers.
///
/// # Errors
/// `NotFound` (event, or registration never set up), `Forbidden`.
pub async fn settings_for_organisers(
    state: &AppState,
    actor: &Actor,
    slug: &str,
) -> Result<Settings, AppError> {
    let event = events::for_organiser(state, actor, slug).await?;
    settings_of(state, &event)
        .await?
        .ok_or_else(|| AppError::not_found("registration-not-set-up"))
}

pub async fn settings_of(state: &AppState, event: &Event) -> Result<Option<Settings>, AppError> {
    let mut conn = state.db.acquire().await?;
    Ok(queries::settings(&mut conn, event.id).await?)
}

// --- Ticket types and questions (organisers) ---

/// A ticket type as an organiser writes it.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct TicketInput {
    pub name_de: String,
    pub name_en: String,
    pub capacity: Option<i64>,
}

fn check_ticket_input(input: &TicketInput) -> Result<(String, String), AppError> {
    let mut e = FieldErrors::default();
    let de = input.name_de.trim().to_string();
    let en = input.name_en.trim().to_string();
    if de.is_empty() {
        e.add("name_de", "valid-required");
    }
    if en.is_empty() {
        e.add("name_en", "valid-required");
    }
    if de.chars().count() > 100 || en.chars().count() > 100 {
        e.add("name_de", "valid-too-long");
    }
    if input.capacity.is_some_and(|c| !(1..=100_000).contains(&c)) {
        e.add("capacity", "valid-capacity-invalid");
    }
    e.into_result()?;
    Ok((de, en))
}

/// Adds a ticket type (organisers only).
pub async fn add_ticket(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    input: &TicketInput,
) -> Result<i64, AppError> {
    let event = events::for_organiser(state, actor, slug).await?;
    let (de, en) = check_ticket_input(input)?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let id = queries::insert_ticket(&mut tx, event.id, &de, &en, input.capacity)
        .await
        .on_unique_violation(|| AppError::field("name_de", "valid-ticket-type-exists"))?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "registration.ticket_add",
        &format!("ticket:{id}"),
        "",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Renames a ticket type or changes its places; more places go to the waiting list at once.
pub async fn update_ticket(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    id: i64,
    input: &TicketInput,
) -> Result<(), AppError> {
    let event = events::for_organiser(state, actor, slug).await?;
    let (de, en) = check_ticket_input(input)?;
    let mut tx = db::begin_write(&state.db).await?;
    let now = lock(&mut tx, event.id, &state.clock).await?;
    if !queries::update_ticket(&mut tx, event.id, id, &de, &en, input.capacity)
        .await
        .on_unique_violation(|| AppError::field("name_de", "valid-ticket-type-exists"))?
    {
        return Err(AppError::not_found("ticket-type-not-found"));
    }
    if let Some(settings) = queries::settings(&mut tx, event.id).await? {
        promote(state, &mut tx, &event, &settings, now).await?;
    }
    audit::record(
        &mut tx,
        Some(actor.id),
        "registration.ticket_update",
        &format!("ticket:{id}"),
        "",
        now,
    )
    .await?;
    tx.commit().await?;
    state.mailer.wake();
    Ok(())
}

/// Deletes a ticket type that no live registration holds (organisers only).
///
/// # Errors
/// `NotFound`, `Forbidden`, `Conflict("ticket-type-in-use")`.
pub async fn delete_ticket(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    id: i64,
) -> Result<(), AppError> {
    let event = events::for_organiser(state, actor, slug).await?;
    let mut tx = db::begin_write(&state.db).await?;
    let now = lock(&mut tx, event.id, &state.clock).await?;
    if !queries::tickets(&mut tx, event.id)
        .await?
        .iter()
        .any(|t| t.id == id)
    {
        return Err(AppError::not_found("ticket-type-not-found"));
    }
    if !queries::delete_ticket(&mut tx, event.id, id).await? {
        return Err(AppError::Conflict(Msg::new("ticket-type-in-use")));
    }
    audit::record(
        &mut tx,
        Some(actor.id),
        "registration.ticket_delete",
        &format!("ticket:{id}"),
        "",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Adds a question to the registration form (organisers only).
pub async fn add_question(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    input: &QuestionInput,
) -> Result<i64, AppError> {
    let event = events::for_organiser(state, actor, slug).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let tickets: Vec<i64> = queries::tickets(&mut tx, event.id)
        .await?
        .iter()
        .map(|t| t.id)
        .collect();
    let spec = form::check_question(input, &tickets).map_err(AppError::Invalid)?;
    let id = queries::insert_question(&mut tx, event.id, &spec, now).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "registration.question_add",
        &format!("question:{id}"),
        "",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Removes a question and its answers (organisers only).
pub async fn delete_question(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    id: i64,
) -> Result<(), AppError> {
    let event = events::for_organiser(state, actor, slug).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    if !queries::delete_question(&mut tx, event.id, id).await? {
        return Err(AppError::not_found("question-not-found"));
    }
    audit::record(
        &mut tx,
        Some(actor.id),
        "registration.question_delete",
        &format!("question:{id}"),
        "",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Live counts of an event's registrations (organisers and check-in staff).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Counts {
    pub capacity: Option<i64>,
    pub confirmed: i64,
    pub pending: i64,
    pub offered: i64,
    pub waitlisted: i64,
    pub checked_in: i64,
}

pub async fn counts_of(conn: &mut DbConn, event: &Event) -> Result<Counts, AppError> {
    let settings = queries::settings(conn, event.id).await?;
    let (by_status, checked_in) = queries::status_counts(conn, event.id).await?;
    let n = |s: RegistrationStatus| {
        by_status
            .iter()
            .find(|(x, _)| *x == s)
            .map_or(0, |(_, n)| *n)
    };
    Ok(Counts {
        capacity: settings.and_then(|s| s.capacity),
        confirmed: n(RegistrationStatus::Confirmed),
        pending: n(RegistrationStatus::Pending),
        offered: n(RegistrationStatus::Offered),
        waitlisted: n(RegistrationStatus::Waitlisted),
        checked_in,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ticket_type_the_event_does_not_have_is_refused_by_name() {
        let mut e = FieldErrors::default();
        assert_eq!(check_ticket(&[], None, &mut e), None);
        assert!(e.0.is_empty());
        assert_eq!(check_ticket(&[], Some(7), &mut e), None);
        assert_eq!(
            e.0.iter()
                .map(|(f, m)| (f.as_ref(), m.id))
                .collect::<Vec<_>>(),
            [("ticket_type_id", "valid-ticket-type-none")]
        );
    }
}
