//! Event use cases: reading what visitors may see, and what organisers change.

use super::model::{Event, EventInput, EventStatus};
use super::queries;
use crate::account::{Actor, Role, Scope};
use crate::audit;
use crate::db;
use crate::error::{AppError, DbResultExt};
use crate::state::AppState;

/// Whether `actor` organises `event`: an event organiser, an organiser of the organisation that
/// owns it, platform staff, or an admin.
pub fn is_organiser(actor: Option<&Actor>, event: &Event) -> bool {
    actor.is_some_and(|a| {
        a.has_role_in(
            Role::Organiser,
            Scope::Event(event.id.0),
            event.owner_organisation_id,
        )
    })
}

/// `Ok` for the event's organisers, else `Forbidden`.
pub fn require_organiser(actor: &Actor, event: &Event) -> Result<(), AppError> {
    if is_organiser(Some(actor), event) {
        Ok(())
    } else {
        Err(AppError::forbidden())
    }
}

/// The event behind `slug` as `actor` may see it: public events for everyone, drafts for their
/// organisers only. Others get `NotFound`, never a hint that a draft exists.
pub async fn visible(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
) -> Result<Event, AppError> {
    let mut conn = state.db.acquire().await?;
    match queries::find_by_slug(&mut conn, slug).await? {
        Some(e) if e.status.is_public() || is_organiser(actor, &e) => Ok(e),
        _ => Err(AppError::not_found("event-not-found")),
    }
}

/// The event behind `slug` for one of its organisers.
///
/// # Errors
/// `NotFound` for people who may not see it, `Forbidden` for visitors of a public event.
pub async fn for_organiser(state: &AppState, actor: &Actor, slug: &str) -> Result<Event, AppError> {
    let event = visible(state, Some(actor), slug).await?;
    require_organiser(actor, &event)?;
    Ok(event)
}

/// Upcoming (not yet ended) and recent past public events.
pub async fn list_public(state: &AppState) -> Result<(Vec<Event>, Vec<Event>), AppError> {
    let today = state.clock.now().date_naive();
    let mut conn = state.db.acquire().await?;
    let upcoming = queries::list_public_from(&mut conn, today).await?;
    let past = queries::list_public_past(&mut conn, today, 20).await?;
    Ok((upcoming, past))
}

/// The events `actor` organises (all for site-wide organisers and admins).
pub async fn list_organised(state: &AppState, actor: &Actor) -> Result<Vec<Event>, AppError> {
    let mut conn = state.db.acquire().await?;
    if actor.has_role(Role::Organiser, Scope::Site) {
        Ok(queries::list_all(&mut conn).await?)
    } else {
        Ok(queries::list_organised_by(&mut conn, actor.id).await?)
    }
}

/// Whether `actor` may create events: organisers of an organisation, platform staff and admins.
pub fn can_create(actor: &Actor) -> bool {
    actor.may_create()
}

/// The slug of the organisation that owns `event`.
pub async fn owner_slug(state: &AppState, event: &Event) -> Result<Option<String>, AppError> {
    let mut conn = state.db.acquire().await?;
    crate::organisation::service::slug_of(&mut conn, event.owner_organisation_id).await
}

/// Creates a draft event owned by an organisation of its creator's (see
/// `organisation::service::owner_for`). A creator who runs it without an owning organisation
/// (platform staff) becomes its organiser.
///
/// # Errors
/// `Forbidden` (organises for no organisation), `Invalid` (fields; slug taken; owner).
pub async fn create(
    state: &AppState,
    actor: &Actor,
    input: &EventInput,
) -> Result<Event, AppError> {
    if !can_create(actor) {
        return Err(AppError::forbidden());
    }
    let draft = input.parse()?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    if queries::slug_taken(&mut tx, &draft.slug).await? {
        return Err(AppError::field("slug", "valid-slug-taken"));
    }
    let owner =
        crate::organisation::service::owner_for(&mut tx, actor, input.owner.as_deref(), None)
            .await?;
    let id = queries::insert(&mut tx, &draft, now)
        .await
        .on_unique_violation(|| AppError::field("slug", "valid-slug-taken"))?;
    queries::set_owner(&mut tx, id, owner).await?;
    if owner.is_none() {
        crate::account::queries::insert_grant(
            &mut tx,
            actor.id,
            Role::Organiser,
            Scope::Event(id.0),
            Some(actor.id),
            now,
        )
        .await
        .on_unique_violation(|| AppError::field("slug", "valid-slug-taken"))?;
    }
    if let Some(names) = &draft.organisations {
        set_organisations(&mut tx, id, names, now).await?;
    }
    audit::record(
        &mut tx,
        Some(actor.id),
        "event.create",
        &format!("event:{id}"),
        &draft.slug,
        now,
    )
    .await?;
    let event = queries::find(&mut tx, id)
        .await?
        .ok_or_else(|| AppError::not_found("event-not-found"))?;
    tx.commit().await?;
    Ok(event)
}

/// Changes an event's details (organisers only).
///
/// # Errors
/// `NotFound`, `Forbidden`, `Invalid` (fields; slug taken).
pub async fn update(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    input: &EventInput,
) -> Result<Event, AppError> {
    let event = for_organiser(state, actor, slug).await?;
    let draft = input.parse()?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    if draft.slug != event.slug && queries::slug_taken(&mut tx, &draft.slug).await? {
        return Err(AppError::field("slug", "valid-slug-taken"));
    }
    let owner = crate::organisation::service::owner_for(
        &mut tx,
        actor,
        input.owner.as_deref(),
        Some(event.owner_organisation_id),
    )
    .await?;
    queries::update(&mut tx, event.id, &draft, now)
        .await
        .on_unique_violation(|| AppError::field("slug", "valid-slug-taken"))?;
    if owner != event.owner_organisation_id {
        queries::set_owner(&mut tx, event.id, owner).await?;
        let slug = crate::organisation::service::slug_of(&mut tx, owner).await?;
        audit::record(
            &mut tx,
            Some(actor.id),
            "event.owner",
            &format!("event:{}", event.id),
            &slug.unwrap_or_default(),
            now,
        )
        .await?;
    }
    // Organisations not sent (an API client that leaves the field out) stay as they are.
    if let Some(names) = &draft.organisations {
        set_organisations(&mut tx, event.id, names, now).await?;
    }
    audit::record(
        &mut tx,
        Some(actor.id),
        "event.update",
        &format!("event:{}", event.id),
        &draft.slug,
        now,
    )
    .await?;
    let event = queries::find(&mut tx, event.id)
        .await?
        .ok_or_else(|| AppError::not_found("event-not-found"))?;
    tx.commit().await?;
    Ok(event)
}

/// Moves an event to another status (draft ⇄ published → archived → published).
///
/// # Errors
/// `NotFound`, `Forbidden`, `Invalid` (unknown status), `Conflict` (transition not allowed).
pub async fn set_status(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    status: &str,
) -> Result<Event, AppError> {
    let event = for_organiser(state, actor, slug).await?;
    let to = EventStatus::parse(status)
        .map_err(|m| AppError::Invalid(crate::error::FieldErrors::one("status", m)))?;
    let next = event.status.change_to(to)?;
    if next == event.status {
        return Ok(event);
    }
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    queries::update_status(&mut tx, event.id, next, now).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "event.status",
        &format!("event:{}", event.id),
        &format!("{} -> {}", event.status.as_str(), next.as_str()),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Event {
        status: next,
        updated_at: now,
        ..event
    })
}

/// Names of the organising organisations.
pub async fn organisations(state: &AppState, event: &Event) -> Result<Vec<String>, AppError> {
    let mut conn = state.db.acquire().await?;
    Ok(queries::organisation_names(&mut conn, event.id).await?)
}

/// Replaces the organising organisations (found by name, any case, or created).
async fn set_organisations(
    conn: &mut crate::db::DbConn,
    id: crate::ids::EventId,
    names: &[String],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    queries::clear_organisations(conn, id).await?;
    let mut seen = Vec::new();
    for name in names {
        let org = crate::organisation::service::find_or_create(conn, name, now).await?;
        if !seen.contains(&org) {
            queries::add_organisation(conn, id, org).await?;
            seen.push(org);
        }
    }
    Ok(())
}

/// The kinds of lines an event's log can be filtered by (the action's first word).
pub const LOG_KINDS: [&str; 7] = [
    "event",
    "team",
    "agenda",
    "registration",
    "booking",
    "certificate",
    "matchmaking",
];

/// A page of an event's audit log with the number of lines in all.
#[derive(Debug, Clone)]
pub struct EventLog {
    pub event: Event,
    pub rows: Vec<crate::audit::LogRow>,
    pub total: i64,
}

/// A page (from 1, `limit` lines) of the event's audit log for its organisers: who changed what
/// and when on the event, its team, agenda, registrations and certificates.
pub async fn log(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    kind: &str,
    page: i64,
    limit: i64,
) -> Result<EventLog, AppError> {
    let event = for_organiser(state, actor, slug).await?;
    let kind = if LOG_KINDS.contains(&kind) { kind } else { "" };
    let mut conn = state.db.acquire().await?;
    let offset = (page.max(1) - 1).saturating_mul(limit);
    let rows = queries::log(&mut conn, event.id, kind, limit, offset).await?;
    let total = queries::log_count(&mut conn, event.id, kind).await?;
    Ok(EventLog { event, rows, total })
}
