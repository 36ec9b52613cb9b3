//! Organisers: settings, topics, sessions, the grid, the scheduler and the lock.

use super::*;

/// The settings of an event for its organisers (defaults when never saved), with its topics
/// and sessions, and the agenda sessions to link.
pub struct Setup {
    pub event: Event,
    pub settings: Settings,
    pub topics: Vec<Topic>,
    pub sessions: Vec<SessionView>,
    pub agenda: Vec<AgendaSession>,
    pub meetings_per_session: HashMap<i64, usize>,
}

pub async fn setup(state: &AppState, actor: &Actor, slug: &str) -> Result<Setup, AppError> {
    let event = events::for_organiser(state, actor, slug).await?;
    let mut conn = state.db.acquire().await?;
    let world = load_world_for_organisers(&mut conn, event, state.clock.now()).await?;
    let mut meetings_per_session = HashMap::new();
    for m in world.live_meetings() {
        *meetings_per_session.entry(m.session_id).or_insert(0) += 1;
    }
    let agenda = crate::agenda::queries::sessions(&mut conn, world.event.id).await?;
    Ok(Setup {
        event: world.event,
        settings: world.settings,
        topics: world.topics,
        sessions: world.sessions,
        agenda,
        meetings_per_session,
    })
}

/// The matchmaking settings of an event, for its organisers (the defaults until first saved).
pub async fn settings(state: &AppState, actor: &Actor, slug: &str) -> Result<Settings, AppError> {
    let event = events::for_organiser(state, actor, slug).await?;
    let mut conn = state.db.acquire().await?;
    settings_or_default(&mut conn, &event, state.clock.now()).await
}

/// Organiser writes open the settings row (creating it) and lock it.
async fn orga_write(
    state: &AppState,
    actor: &Actor,
    slug: &str,
) -> Result<(db::DbTx, Event), AppError> {
    let event = events::for_organiser(state, actor, slug).await?;
    let mut tx = db::begin_write(&state.db).await?;
    queries::ensure_settings(&mut tx, event.id, state.clock.now()).await?;
    queries::lock(&mut tx, event.id).await?;
    Ok((tx, event))
}

pub async fn save_settings(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    input: &SettingsInput,
) -> Result<Settings, AppError> {
    let now = state.clock.now();
    let valid = input.validate().map_err(AppError::Invalid)?;
    let (mut tx, event) = orga_write(state, actor, slug).await?;
    queries::save_settings(&mut tx, event.id, &valid, now).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "matchmaking.settings",
        &format!("event:{}", event.id),
        if valid.enabled { "on" } else { "off" },
        now,
    )
    .await?;
    let s = queries::settings(&mut tx, event.id)
        .await?
        .ok_or_else(|| AppError::not_found("mm-not-enabled"))?;
    tx.commit().await?;
    Ok(s)
}

pub async fn add_topic(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    name_de: &str,
    name_en: &str,
) -> Result<Topic, AppError> {
    let mut errors = FieldErrors::default();
    let de = name_de.trim();
    let en = if name_en.trim().is_empty() {
        de
    } else {
        name_en.trim()
    };
    if de.is_empty() {
        errors.add("name_de", "mm-field-required");
    }
    if de.chars().count() > 60 || en.chars().count() > 60 {
        errors.add_msg("name_de", Msg::new("mm-field-too-long").arg("max", 60));
    }
    errors.into_result()?;
    let (mut tx, event) = orga_write(state, actor, slug).await?;
    let id = queries::insert_topic(&mut tx, event.id, de, en)
        .await
        .on_unique_violation(|| AppError::field("name_de", "mm-topic-exists"))?;
    let topic = queries::topics(&mut tx, event.id)
        .await?
        .into_iter()
        .find(|t| t.id == id)
        .ok_or_else(|| AppError::not_found("mm-topic-not-found"))?;
    tx.commit().await?;
    Ok(topic)
}

pub async fn delete_topic(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    id: i64,
) -> Result<(), AppError> {
    let (mut tx, event) = orga_write(state, actor, slug).await?;
    if queries::delete_topic(&mut tx, event.id, id).await? == 0 {
        return Err(AppError::not_found("mm-topic-not-found"));
    }
    tx.commit().await?;
    Ok(())
}

/// Checks a session's input against the agenda and the meetings it already holds.
async fn valid_session(
    tx: &mut DbConn,
    event: &Event,
    input: &SessionInput,
    existing: Option<&MmSession>,
) -> Result<model::ValidSession, AppError> {
    let valid = input.validate().map_err(AppError::Invalid)?;
    let agenda = crate::agenda::queries::find_session(tx, event.id, valid.agenda_session_id)
        .await?
        .ok_or_else(|| AppError::field("agenda_session_id", "mm-session-agenda-unknown"))?;
    let others = queries::sessions(tx, event.id).await?;
    if others
        .iter()
        .any(|s| s.agenda_session_id == agenda.id && Some(s.id) != existing.map(|e| e.id))
    {
        return Err(AppError::field(
            "agenda_session_id",
            "mm-session-agenda-taken",
        ));
    }
    let slots = model::timetable(
        0,
        agenda.starts_at,
        agenda.ends_at,
        valid.slot_minutes,
        valid.gap_minutes,
        &model::break_spans(&valid.break_times, agenda.starts_at, event.tz()),
    );
    if slots.is_empty() {
        return Err(AppError::field("slot_minutes", "mm-session-no-slots"));
    }
    if let Some(old) = existing {
        let meetings: Vec<Meeting> = queries::meetings(tx, event.id)
            .await?
            .into_iter()
            .filter(|m| m.session_id == old.id && m.cancelled_at.is_none())
            .collect();
        if !meetings.is_empty() {
            let same_times = old.agenda_session_id == valid.agenda_session_id
                && old.slot_minutes == valid.slot_minutes
                && old.gap_minutes == valid.gap_minutes
                && old.breaks == valid.breaks;
            if !same_times {
                return Err(AppError::Conflict(Msg::new("mm-session-has-meetings")));
            }
            let max_table = meetings.iter().map(|m| m.table_no).max().unwrap_or(0);
            if usize::try_from(max_table).unwrap_or(usize::MAX) >= valid.table_count {
                return Err(AppError::field("tables", "mm-tables-in-use"));
            }
        }
    }
    Ok(valid)
}

pub async fn add_session(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    input: &SessionInput,
) -> Result<i64, AppError> {
    let now = state.clock.now();
    let (mut tx, event) = orga_write(state, actor, slug).await?;
    let valid = valid_session(&mut tx, &event, input, None).await?;
    let id = queries::insert_session(&mut tx, event.id, &valid, now)
        .await
        .on_unique_violation(|| AppError::field("agenda_session_id", "mm-session-agenda-taken"))?;
    tx.commit().await?;
    Ok(id)
}

pub async fn update_session(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    id: i64,
    input: &SessionInput,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let (mut tx, event) = orga_write(state, actor, slug).await?;
    let old = queries::sessions(&mut tx, event.id)
        .await?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(|| AppError::not_found("mm-session-not-found"))?;
    let valid = valid_session(&mut tx, &event, input, Some(&old)).await?;
    queries::update_session(&mut tx, id, &valid, now).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn delete_session(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    id: i64,
) -> Result<(), AppError> {
    let (mut tx, event) = orga_write(state, actor, slug).await?;
    queries::sessions(&mut tx, event.id)
        .await?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(|| AppError::not_found("mm-session-not-found"))?;
    if queries::meetings(&mut tx, event.id)
        .await?
        .iter()
        .any(|m| m.session_id == id && m.cancelled_at.is_none())
    {
        return Err(AppError::Conflict(Msg::new("mm-session-has-meetings")));
    }
    queries::delete_session(&mut tx, id).await?;
    tx.commit().await?;
    Ok(())
}

/// Organiser writes on the grid: the locked world.
async fn grid_write(
    state: &AppState,
    actor: &Actor,
    slug: &str,
) -> Result<(db::DbTx, World), AppError> {
    let (mut tx, event) = orga_write(state, actor, slug).await?;
    let world = load_world(&mut tx, event).await?;
    Ok((tx, world))
}

/// The grid for organisers: the whole world.
pub async fn grid(state: &AppState, actor: &Actor, slug: &str) -> Result<World, AppError> {
    let event = events::for_organiser(state, actor, slug).await?;
    let mut conn = state.db.acquire().await?;
    load_world_for_organisers(&mut conn, event, state.clock.now()).await
}

/// Moves a meeting to another slot and table (organisers; also when locked).
pub async fn move_meeting(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    id: i64,
    session: i64,
    slot: i64,
    table: Option<i64>,
) -> Result<Meeting, AppError> {
    let now = state.clock.now();
    let (mut tx, world) = grid_write(state, actor, slug).await?;
    let m = world
        .live_meetings()
        .find(|m| m.id == id)
        .cloned()
        .ok_or_else(|| AppError::not_found("mm-meeting-not-found"))?;
    let people = [m.from_profile, m.to_profile];
    let place = world.check_place(people, session, slot, table, Some(id))?;
    queries::move_meeting(&mut tx, id, people, &place, now)
        .await
        .on_unique_violation(|| AppError::Conflict(Msg::new("mm-slot-just-taken")))?;
    let moved = queries::meeting(&mut tx, world.event.id, id)
        .await?
        .ok_or_else(|| AppError::not_found("mm-meeting-not-found"))?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "matchmaking.move",
        &format!("mm-meeting:{id}"),
        "",
        now,
    )
    .await?;
    let notes = scheduled_notes(&world, &moved, NoteKind::Moved);
    send_notes(state, &mut tx, &world, &notes, now).await?;
    tx.commit().await?;
    state.mailer.wake();
    Ok(moved)
}

/// Cancels a meeting (and its request) for both people, telling them why.
pub async fn cancel_meeting(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    id: i64,
    reason: &str,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let reason =
        model::short_text("reason", reason, model::MAX_REASON, false).map_err(AppError::Invalid)?;
    let (mut tx, world) = grid_write(state, actor, slug).await?;
    let m = world
        .live_meetings()
        .find(|m| m.id == id)
        .cloned()
        .ok_or_else(|| AppError::not_found("mm-meeting-not-found"))?;
    let request = world
        .requests
        .iter()
        .find(|r| r.id == m.request_id)
        .cloned()
        .ok_or_else(|| AppError::not_found("mm-request-not-found"))?;
    let notes = close(&mut tx, &world, &request, &reason, Some(actor.id), now).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "matchmaking.cancel-meeting",
        &format!("mm-meeting:{id}"),
        "",
        now,
    )
    .await?;
    send_notes(state, &mut tx, &world, &notes, now).await?;
    tx.commit().await?;
    state.mailer.wake();
    Ok(())
}

/// Adds a meeting between two participants (an accepted request on their behalf).
pub async fn add_meeting(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    people: [i64; 2],
    session: i64,
    slot: i64,
    table: Option<i64>,
) -> Result<Meeting, AppError> {
    let now = state.clock.now();
    let (mut tx, world) = grid_write(state, actor, slug).await?;
    if people[0] == people[1] {
        return Err(AppError::Conflict(Msg::new("mm-request-self")));
    }
    for p in people {
        world
            .profile(p)
            .ok_or_else(|| AppError::field("people", "mm-profile-not-found"))?;
    }
    let existing = queries::open_between(&mut tx, world.event.id, people[0], people[1]).await?;
    let request = match existing {
        Some(r) if world.meeting_of_request(r.id).is_some() => {
            return Err(AppError::Conflict(Msg::new("mm-pair-has-meeting")));
        }
        Some(r) => {
            if r.status == RequestStatus::Pending {
                queries::set_request_status(
                    &mut tx,
                    r.id,
                    RequestStatus::Pending,
                    RequestStatus::Accepted,
                    "",
                    Some(actor.id),
                    now,
                )
                .await?;
            }
            r
        }
        None => {
            let id = queries::insert_request(
                &mut tx,
                world.event.id,
                people[0],
                people[1],
                "",
                RequestStatus::Accepted,
                now,
            )
            .await?;
            queries::request(&mut tx, world.event.id, id)
                .await?
                .ok_or_else(|| AppError::not_found("mm-request-not-found"))?
        }
    };
    let place = world.check_place(people, session, slot, table, None)?;
    let meeting = insert_meeting(&mut tx, &world, &request, &place, now).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "matchmaking.add-meeting",
        &format!("mm-meeting:{}", meeting.id),
        "",
        now,
    )
    .await?;
    let notes = scheduled_notes(&world, &meeting, NoteKind::Scheduled);
    send_notes(state, &mut tx, &world, &notes, now).await?;
    tx.commit().await?;
    state.mailer.wake();
    Ok(meeting)
}

/// What a scheduler run did.
#[derive(Debug, Clone, Default)]
pub struct RunReport {
    pub placed: usize,
    /// (request, reason) for every accepted request left without a slot.
    pub unplaced: Vec<(i64, schedule::Reason)>,
}

/// Runs the automatic scheduler: every accepted request without a meeting is placed where it
/// fits; meetings already placed stay. Refused while the schedule is locked.
pub async fn run_scheduler(
    state: &AppState,
    actor: &Actor,
    slug: &str,
) -> Result<RunReport, AppError> {
    run_scheduler_limited(state, actor, slug, None).await
}

/// [`run_scheduler`] for some requests only, each limited to some sessions: `only` maps request
/// ids to the session ids they may use (empty: any); requests not in it wait. For scripts and
/// the demo data.
pub async fn run_scheduler_limited(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    only: Option<&HashMap<i64, Vec<i64>>>,
) -> Result<RunReport, AppError> {
    let now = state.clock.now();
    let (mut tx, world) = grid_write(state, actor, slug).await?;
    if world.settings.locked {
        return Err(AppError::Conflict(Msg::new("mm-schedule-locked")));
    }
    let requests: Vec<schedule::Request> = world
        .requests
        .iter()
        .filter(|r| r.status == RequestStatus::Accepted && world.meeting_of_request(r.id).is_none())
        .filter(|r| only.is_none_or(|o| o.contains_key(&r.id)))
        .map(|r| schedule::Request {
            id: r.id,
            from: r.from_profile,
            to: r.to_profile,
            sessions: only
                .and_then(|o| o.get(&r.id))
                .filter(|s| !s.is_empty())
                .cloned(),
        })
        .collect();
    let outcome = schedule::schedule(&world.schedule_input(requests));
    let mut notes = Vec::new();
    for p in &outcome.placed {
        let (Some(place), Some(request)) = (
            world.place_of(p),
            world.requests.iter().find(|r| r.id == p.request),
        ) else {
            continue;
        };
        let meeting = insert_meeting(&mut tx, &world, request, &place, now).await?;
        notes.extend(scheduled_notes(&world, &meeting, NoteKind::Scheduled));
    }
    audit::record(
        &mut tx,
        Some(actor.id),
        "matchmaking.schedule",
        &format!("event:{}", world.event.id),
        &format!(
            "placed {} of {}",
            outcome.placed.len(),
            outcome.placed.len() + outcome.unplaced.len()
        ),
        now,
    )
    .await?;
    send_notes(state, &mut tx, &world, &notes, now).await?;
    tx.commit().await?;
    state.mailer.wake();
    Ok(RunReport {
        placed: outcome.placed.len(),
        unplaced: outcome.unplaced,
    })
}

pub async fn set_locked(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    locked: bool,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let (mut tx, event) = orga_write(state, actor, slug).await?;
    queries::set_locked(&mut tx, event.id, locked, now).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "matchmaking.lock",
        &format!("event:{}", event.id),
        if locked { "locked" } else { "open" },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
