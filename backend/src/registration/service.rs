//! Registration use cases. Every decision about places runs inside one write transaction that
//! first takes the event's lock (`queries::lock_event`), so concurrent registrations,
//! cancellations and offers can never overbook the event or lose a place in line.

use chrono::{DateTime, Duration, Utc};

use super::model::{self, Registration, RegistrationStatus, Settings};
use super::queries;
use crate::account::Actor;
use crate::audit;
use crate::db::{self, DbConn};
use crate::error::{AppError, DbResultExt, FieldErrors, Msg};
use crate::event::{Event, service as events};
use crate::state::AppState;

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
    if let Ok(t) = DateTime::parse_from_rfc3339(t) {
        return Some(t.with_timezone(&Utc));
    }
    match chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M") {
        Ok(local) => Some(crate::time::local_to_utc(tz, local)),
        Err(_) => {
            e.add(field, "valid-instant-invalid");
            None
        }
    }
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
    e.into_result()?;
    let settings = Settings {
        event_id: event.id,
        opens_at,
        closes_at,
        capacity: input.capacity,
        approval_required: input.approval_required,
        offer_hours,
    };
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    queries::lock_event(&mut tx, event.id).await?;
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

/// Registers the actor for a public event: a place when one is free, else the waiting list.
/// Registering twice (a double click, a retried request) returns the existing registration.
///
/// # Errors
/// `NotFound` (event), `Conflict` (registration not open or closed).
pub async fn register(
    state: &AppState,
    actor: &Actor,
    slug: &str,
) -> Result<Registration, AppError> {
    let event = events::visible(state, Some(actor), slug).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    queries::lock_event(&mut tx, event.id).await?;
    let settings = queries::settings(&mut tx, event.id)
        .await?
        .ok_or_else(|| AppError::Conflict(Msg::new("registration-closed")))?;
    settings
        .check_open(now)
        .map_err(|id| AppError::Conflict(Msg::new(id)))?;
    let existing = queries::find_for(&mut tx, event.id, actor.id).await?;
    if let Some(r) = &existing
        && r.status.is_active()
    {
        return Ok(r.clone());
    }
    let free = model::has_room(
        queries::places_taken(&mut tx, event.id).await?,
        settings.capacity,
    );
    let status = model::status_for_new(free, settings.approval_required);
    let id = match existing {
        Some(r) => {
            queries::renew(&mut tx, event.id, r.id, status, now).await?;
            r.id
        }
        None => queries::insert(
            &mut tx,
            event.id,
            actor.id,
            status,
            &crate::token::random(),
            now,
        )
        .await
        .on_unique_violation(|| AppError::Conflict(Msg::new("registration-exists")))?,
    };
    notify(state, &mut tx, &event, actor, status, None, now).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "registration.register",
        &format!("registration:{id}"),
        status.as_str(),
        now,
    )
    .await?;
    let registration = queries::find_for(&mut tx, event.id, actor.id)
        .await?
        .ok_or_else(|| AppError::not_found("registration-not-found"))?;
    tx.commit().await?;
    state.mailer.wake();
    Ok(registration)
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

/// Cancels the actor's registration; a freed place is offered to the first person in line.
///
/// # Errors
/// `NotFound` (no active registration).
pub async fn cancel(state: &AppState, actor: &Actor, slug: &str) -> Result<(), AppError> {
    let event = events::visible(state, Some(actor), slug).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    queries::lock_event(&mut tx, event.id).await?;
    let r = queries::find_for(&mut tx, event.id, actor.id)
        .await?
        .filter(|r| r.status.is_active())
        .ok_or_else(|| AppError::not_found("registration-not-found"))?;
    queries::set_status(
        &mut tx,
        event.id,
        r.id,
        RegistrationStatus::Cancelled,
        None,
        now,
    )
    .await?;
    if let Some(settings) = queries::settings(&mut tx, event.id).await? {
        promote(state, &mut tx, &event, &settings, now).await?;
    }
    audit::record(
        &mut tx,
        Some(actor.id),
        "registration.cancel",
        &format!("registration:{}", r.id),
        r.status.as_str(),
        now,
    )
    .await?;
    tx.commit().await?;
    state.mailer.wake();
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
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    queries::lock_event(&mut tx, event.id).await?;
    let r = queries::find_for(&mut tx, event.id, actor.id)
        .await?
        .filter(|r| r.status == RegistrationStatus::Offered)
        .ok_or_else(|| AppError::not_found("registration-no-offer"))?;
    if r.offer_expires_at.is_some_and(|t| t <= now) {
        return Err(AppError::Conflict(Msg::new("registration-offer-expired")));
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
        "registration.accept_offer",
        &format!("registration:{}", r.id),
        "",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Registration {
        status: RegistrationStatus::Confirmed,
        offer_expires_at: None,
        updated_at: now,
        ..r
    })
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
        queries::lock_event(&mut tx, r.event_id).await?;
        let Some(event) = crate::event::queries::find(&mut tx, r.event_id).await? else {
            continue;
        };
        // Re-read under the lock: the person may have accepted meanwhile.
        let still = match r.account_id {
            Some(account) => queries::find_for(&mut tx, event.id, account).await?,
            None => None,
        };
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
                &format!("registration:{}", r.id),
                "",
                now,
            )
            .await?;
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

/// Offers free places to the people at the head of the waiting list (inside the caller's
/// locked transaction).
async fn promote(
    state: &AppState,
    conn: &mut DbConn,
    event: &Event,
    settings: &Settings,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    while model::has_room(
        queries::places_taken(conn, event.id).await?,
        settings.capacity,
    ) {
        let Some(next) = queries::first_waiting(conn, event.id).await? else {
            break;
        };
        let until = now + Duration::hours(settings.offer_hours);
        queries::set_status(
            conn,
            event.id,
            next.id,
            RegistrationStatus::Offered,
            Some(until),
            now,
        )
        .await?;
        audit::record(
            conn,
            None,
            "registration.offer",
            &format!("registration:{}", next.id),
            "",
            now,
        )
        .await?;
        if let Some(account) = next.account_id
            && let Some(a) = crate::account::queries::find(conn, account).await?
        {
            let actor = Actor {
                id: a.id,
                email: a.email.clone(),
                name: a.name.clone(),
                language: a.lang(),
                grants: Vec::new(),
            };
            notify(
                state,
                conn,
                event,
                &actor,
                RegistrationStatus::Offered,
                Some(until),
                now,
            )
            .await?;
        }
    }
    Ok(())
}

/// Every registration of an event in line order (organisers only).
pub async fn list(
    state: &AppState,
    actor: &Actor,
    slug: &str,
) -> Result<Vec<Registration>, AppError> {
    let event = events::for_organiser(state, actor, slug).await?;
    let mut conn = state.db.acquire().await?;
    Ok(queries::list(&mut conn, event.id).await?)
}

/// The e-mail telling a person where their registration stands, in their language.
async fn notify(
    state: &AppState,
    conn: &mut DbConn,
    event: &Event,
    to: &Actor,
    status: RegistrationStatus,
    until: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let lang = to.language;
    let t = lang.tr();
    let (subject_id, body_id) = match status {
        RegistrationStatus::Confirmed => (
            "mail-registration-confirmed-subject",
            "mail-registration-confirmed-body",
        ),
        RegistrationStatus::Pending => (
            "mail-registration-pending-subject",
            "mail-registration-pending-body",
        ),
        RegistrationStatus::Waitlisted => (
            "mail-registration-waitlisted-subject",
            "mail-registration-waitlisted-body",
        ),
        RegistrationStatus::Offered => (
            "mail-registration-offered-subject",
            "mail-registration-offered-body",
        ),
        _ => return Ok(()),
    };
    let title = event.title(lang).to_string();
    let link = state.config.url(&format!("/events/{}", event.slug));
    let until = until
        .map(|u| crate::http::fmt::at(lang, event.tz(), u))
        .unwrap_or_default();
    let body = format!(
        "{}\n\n{}\n\n{}\n",
        t.msg_args("mail-greeting", &[("name", to.name.clone())]),
        t.msg_args(
            body_id,
            &[("event", title.clone()), ("link", link), ("until", until)]
        ),
        t.msg("mail-signature")
    );
    let subject = t.msg_args(subject_id, &[("event", title)]);
    crate::mail::enqueue(conn, &to.email, &to.name, &subject, &body, now).await?;
    Ok(())
}

/// The registrations of an event with the people's names and e-mail addresses, in line order
/// (organisers only), and the event's settings.
pub async fn overview(
    state: &AppState,
    actor: &Actor,
    slug: &str,
) -> Result<(Event, Option<Settings>, Vec<(Registration, String, String)>), AppError> {
    let event = events::for_organiser(state, actor, slug).await?;
    let mut conn = state.db.acquire().await?;
    let settings = queries::settings(&mut conn, event.id).await?;
    let rows = queries::list_with_people(&mut conn, event.id).await?;
    Ok((event, settings, rows))
}

/// The event's settings, for the event page (everyone may see whether registration is open).
pub async fn settings_of(state: &AppState, event: &Event) -> Result<Option<Settings>, AppError> {
    let mut conn = state.db.acquire().await?;
    Ok(queries::settings(&mut conn, event.id).await?)
}
