//! Participants: meeting requests, answers and cancellations.

use super::*;

/// Sends a meeting request from the actor to another profile. Without acceptance required it
/// is accepted at once (and gets the first common free slot unless the schedule is locked).
///
/// # Errors
/// `Conflict`: to oneself, to a hidden profile, or a request between the two is already open;
/// `NotFound`: no such visible profile; field errors on the message.
pub async fn send_request(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    to: i64,
    message: &str,
) -> Result<Request, AppError> {
    let now = state.clock.now();
    let (mut tx, world, me) = write(state, actor, slug).await?;
    let mine = require_participant(&me)?.clone();
    if mine.hidden {
        return Err(AppError::Conflict(Msg::new("mm-own-profile-hidden")));
    }
    let message = model::short_text("message", message, model::MAX_MESSAGE, false)
        .map_err(AppError::Invalid)?;
    if to == mine.id {
        return Err(AppError::Conflict(Msg::new("mm-request-self")));
    }
    let other = visible_profile(&world, &me, to)?.clone();
    if other.hidden {
        return Err(AppError::not_found("mm-profile-not-found"));
    }
    if queries::open_between(&mut tx, world.event.id, mine.id, other.id)
        .await?
        .is_some()
    {
        return Err(AppError::Conflict(
            Msg::new("mm-request-duplicate").arg("name", other.name.clone()),
        ));
    }
    let status = if world.settings.acceptance_required {
        RequestStatus::Pending
    } else {
        RequestStatus::Accepted
    };
    let id = queries::insert_request(
        &mut tx,
        world.event.id,
        mine.id,
        other.id,
        &message,
        status,
        now,
    )
    .await
    .on_unique_violation(|| {
        AppError::Conflict(Msg::new("mm-request-duplicate").arg("name", other.name.clone()))
    })?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "matchmaking.request",
        &format!("mm-request:{id}"),
        status.as_str(),
        now,
    )
    .await?;
    let mut notes = vec![
        Note::new(&other, NoteKind::Received, id)
            .with_partner(&mine)
            .message(&message),
    ];
    if status == RequestStatus::Accepted && !world.settings.locked {
        let request = queries::request(&mut tx, world.event.id, id)
            .await?
            .ok_or_else(|| AppError::not_found("mm-request-not-found"))?;
        if let Some(meeting) = auto_place(&mut tx, &world, &request, now).await? {
            notes.extend(scheduled_notes(&world, &meeting, NoteKind::Scheduled));
        }
    }
    send_notes(state, &mut tx, &world, &notes, now).await?;
    let request = queries::request(&mut tx, world.event.id, id)
        .await?
        .ok_or_else(|| AppError::not_found("mm-request-not-found"))?;
    tx.commit().await?;
    state.mailer.wake();
    Ok(request)
}

/// How the receiver wants the meeting placed when accepting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// The first slot both are free in, at a free table (if any; else it waits).
    Auto,
    /// This slot of this session (at a free table).
    Slot { session: i64, slot: i64 },
    /// No slot now: the organisers' scheduler or a later pick places it.
    Later,
}

/// Accepts a request the actor received, placing the meeting as `pick` says.
///
/// # Errors
/// `NotFound`: not a request to the actor; `Conflict`: no longer pending, the schedule is
/// locked (for a picked slot), or the picked slot is not free for both (nothing changes).
pub async fn accept(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    id: i64,
    pick: Pick,
) -> Result<Request, AppError> {
    let now = state.clock.now();
    let (mut tx, world, me) = write(state, actor, slug).await?;
    let mine = require_participant(&me)?.clone();
    let request = queries::request(&mut tx, world.event.id, id)
        .await?
        .filter(|r| r.to_profile == mine.id)
        .ok_or_else(|| AppError::not_found("mm-request-not-found"))?;
    if request.status != RequestStatus::Pending {
        return Err(AppError::Conflict(Msg::new("mm-request-not-pending")));
    }
    if matches!(pick, Pick::Slot { .. }) && world.settings.locked {
        return Err(AppError::Conflict(Msg::new("mm-schedule-locked")));
    }
    if !queries::set_request_status(
        &mut tx,
        id,
        RequestStatus::Pending,
        RequestStatus::Accepted,
        "",
        Some(actor.id),
        now,
    )
    .await?
    {
        return Err(AppError::Conflict(Msg::new("mm-request-not-pending")));
    }
    let from = world
        .profile(request.from_profile)
        .cloned()
        .ok_or_else(|| AppError::not_found("mm-profile-not-found"))?;
    let mut notes = vec![Note::new(&from, NoteKind::Accepted, id).with_partner(&mine)];
    let meeting = match pick {
        Pick::Later => None,
        Pick::Auto if world.settings.locked => None,
        Pick::Auto => auto_place(&mut tx, &world, &request, now).await?,
        Pick::Slot { session, slot } => {
            let place = world.check_place(
                [request.from_profile, request.to_profile],
                session,
                slot,
                None,
                None,
            )?;
            Some(insert_meeting(&mut tx, &world, &request, &place, now).await?)
        }
    };
    if let Some(m) = &meeting {
        notes.extend(scheduled_notes(&world, m, NoteKind::Scheduled));
    }
    audit::record(
        &mut tx,
        Some(actor.id),
        "matchmaking.accept",
        &format!("mm-request:{id}"),
        if meeting.is_some() {
            "scheduled"
        } else {
            "unscheduled"
        },
        now,
    )
    .await?;
    send_notes(state, &mut tx, &world, &notes, now).await?;
    let request = queries::request(&mut tx, world.event.id, id)
        .await?
        .ok_or_else(|| AppError::not_found("mm-request-not-found"))?;
    tx.commit().await?;
    state.mailer.wake();
    Ok(request)
}

/// Places an accepted request's meeting in a slot the actor picks (one of the two people; the
/// meeting must not have a slot yet, and the schedule must be open).
pub async fn pick_slot(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    id: i64,
    session: i64,
    slot: i64,
) -> Result<Meeting, AppError> {
    let now = state.clock.now();
    let (mut tx, world, me) = write(state, actor, slug).await?;
    let mine = require_participant(&me)?.clone();
    let request = world
        .requests
        .iter()
        .find(|r| r.id == id && r.involves(mine.id))
        .cloned()
        .ok_or_else(|| AppError::not_found("mm-request-not-found"))?;
    if request.status != RequestStatus::Accepted {
        return Err(AppError::Conflict(Msg::new("mm-request-not-accepted")));
    }
    if world.settings.locked {
        return Err(AppError::Conflict(Msg::new("mm-schedule-locked")));
    }
    if world.meeting_of_request(id).is_some() {
        return Err(AppError::Conflict(Msg::new("mm-request-has-slot")));
    }
    let place = world.check_place(
        [request.from_profile, request.to_profile],
        session,
        slot,
        None,
        None,
    )?;
    let meeting = insert_meeting(&mut tx, &world, &request, &place, now).await?;
    let notes = scheduled_notes(&world, &meeting, NoteKind::Scheduled);
    send_notes(state, &mut tx, &world, &notes, now).await?;
    tx.commit().await?;
    state.mailer.wake();
    Ok(meeting)
}

/// Declines a request the actor received, with a reason for the sender.
pub async fn decline(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    id: i64,
    reason: &str,
) -> Result<Request, AppError> {
    let now = state.clock.now();
    let (mut tx, world, me) = write(state, actor, slug).await?;
    let mine = require_participant(&me)?.clone();
    let reason =
        model::short_text("reason", reason, model::MAX_REASON, true).map_err(AppError::Invalid)?;
    let request = world
        .requests
        .iter()
        .find(|r| r.id == id && r.to_profile == mine.id)
        .cloned()
        .ok_or_else(|| AppError::not_found("mm-request-not-found"))?;
    if !queries::set_request_status(
        &mut tx,
        id,
        RequestStatus::Pending,
        RequestStatus::Declined,
        &reason,
        Some(actor.id),
        now,
    )
    .await?
    {
        return Err(AppError::Conflict(Msg::new("mm-request-not-pending")));
    }
    let from = world
        .profile(request.from_profile)
        .cloned()
        .ok_or_else(|| AppError::not_found("mm-profile-not-found"))?;
    let notes = vec![
        Note::new(&from, NoteKind::Declined, id)
            .with_partner(&mine)
            .message(&reason),
    ];
    audit::record(
        &mut tx,
        Some(actor.id),
        "matchmaking.decline",
        &format!("mm-request:{id}"),
        "",
        now,
    )
    .await?;
    send_notes(state, &mut tx, &world, &notes, now).await?;
    let request = queries::request(&mut tx, world.event.id, id)
        .await?
        .ok_or_else(|| AppError::not_found("mm-request-not-found"))?;
    tx.commit().await?;
    state.mailer.wake();
    Ok(request)
}

/// Cancels a request: the sender withdraws a pending one, either side calls off an accepted
/// one (its meeting is cancelled and the other side told).
pub async fn cancel(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    id: i64,
    reason: &str,
) -> Result<Request, AppError> {
    let now = state.clock.now();
    let (mut tx, world, me) = write(state, actor, slug).await?;
    let mine = require_participant(&me)?.clone();
    let reason =
        model::short_text("reason", reason, model::MAX_REASON, false).map_err(AppError::Invalid)?;
    let request = world
        .requests
        .iter()
        .find(|r| r.id == id && r.involves(mine.id))
        .cloned()
        .ok_or_else(|| AppError::not_found("mm-request-not-found"))?;
    match request.status {
        RequestStatus::Pending if request.from_profile == mine.id => {}
        RequestStatus::Pending => {
            return Err(AppError::Conflict(Msg::new("mm-request-answer-instead")));
        }
        RequestStatus::Accepted => {}
        _ => return Err(AppError::Conflict(Msg::new("mm-request-closed"))),
    }
    let notes = close(&mut tx, &world, &request, &reason, Some(actor.id), now).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "matchmaking.cancel",
        &format!("mm-request:{id}"),
        "",
        now,
    )
    .await?;
    send_notes(state, &mut tx, &world, &notes, now).await?;
    let request = queries::request(&mut tx, world.event.id, id)
        .await?
        .ok_or_else(|| AppError::not_found("mm-request-not-found"))?;
    tx.commit().await?;
    state.mailer.wake();
    Ok(request)
}

/// Cancels `request` and its live meeting; the notes for the people told (all but `by`).
pub(super) async fn close(
    tx: &mut DbConn,
    world: &World,
    request: &Request,
    reason: &str,
    by: Option<AccountId>,
    now: DateTime<Utc>,
) -> Result<Vec<Note>, AppError> {
    if !queries::set_request_status(
        tx,
        request.id,
        request.status,
        RequestStatus::Cancelled,
        reason,
        by,
        now,
    )
    .await?
    {
        return Err(AppError::Conflict(Msg::new("mm-request-closed")));
    }
    let mut notes = Vec::new();
    let meeting = world.meeting_of_request(request.id).cloned();
    if let Some(m) = &meeting {
        queries::cancel_meeting(tx, m.id, now).await?;
    }
    for p in [request.from_profile, request.to_profile] {
        let Some(profile) = world.profile(p) else {
            continue;
        };
        if Some(profile.account_id) == by {
            continue;
        }
        let mut note = Note::new(profile, NoteKind::Cancelled, request.id).message(reason);
        if let Some(other) = world.profile(request.other(p)) {
            note = note.with_partner(other);
        }
        if let Some(m) = &meeting {
            let mut cancelled = m.clone();
            cancelled.cancelled_at = Some(now);
            cancelled.sequence += 1;
            note.meeting = Some(cancelled);
        }
        notes.push(note);
    }
    Ok(notes)
}

pub(super) async fn insert_meeting(
    tx: &mut DbConn,
    world: &World,
    request: &Request,
    place: &Place,
    now: DateTime<Utc>,
) -> Result<Meeting, AppError> {
    let id = queries::insert_meeting(
        tx,
        world.event.id,
        request.id,
        [request.from_profile, request.to_profile],
        place,
        now,
    )
    .await
    .on_unique_violation(|| AppError::Conflict(Msg::new("mm-slot-just-taken")))?;
    queries::meeting(tx, world.event.id, id)
        .await?
        .ok_or_else(|| AppError::not_found("mm-meeting-not-found"))
}

/// Places an accepted request at the first slot both are free in (the scheduler, for one
/// request, with every live meeting fixed). `None` when there is none.
async fn auto_place(
    tx: &mut DbConn,
    world: &World,
    request: &Request,
    now: DateTime<Utc>,
) -> Result<Option<Meeting>, AppError> {
    let input = world.schedule_input(vec![schedule::Request {
        id: request.id,
        from: request.from_profile,
        to: request.to_profile,
        sessions: None,
    }]);
    let outcome = schedule::schedule(&input);
    let Some(place) = outcome.placed.first().and_then(|p| world.place_of(p)) else {
        return Ok(None);
    };
    Ok(Some(insert_meeting(tx, world, request, &place, now).await?))
}

/// The slots the actor could pick for an accepted request without a slot.
pub fn pickable(world: &World, me: &Me, request: &Request) -> Vec<Place> {
    if world.settings.locked
        || request.status != RequestStatus::Accepted
        || world.meeting_of_request(request.id).is_some()
        || !me.profile.as_ref().is_some_and(|p| request.involves(p.id))
    {
        return Vec::new();
    }
    world.common_free_slots([request.from_profile, request.to_profile])
}

/// The slots both people of a pending request are free in (offered when accepting).
pub fn free_for(world: &World, request: &Request) -> Vec<Place> {
    if world.settings.locked {
        return Vec::new();
    }
    world.common_free_slots([request.from_profile, request.to_profile])
}
