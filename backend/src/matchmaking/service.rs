//! Matchmaking use cases, for participants (profile, entries, browsing, suggestions, requests,
//! slots) and organisers (settings, topics, sessions, the grid, the scheduler, the lock).
//!
//! Who sees what: profiles are shown to the event's organisers and to participants who take
//! part themselves (a registration the audience admits, and a profile that is not hidden).
//! Every write runs in one write transaction per event, under [`queries::lock`], and re-checks
//! the places it takes inside it; the unique indexes refuse what a bug would let through.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use super::model::{
    self, Audience, Entry, EntryInput, EntryKind, Facts, Meeting, MmSession, Profile, ProfileInput,
    Request, RequestStatus, SessionInput, Settings, SettingsInput, Suggestion, Topic,
};
use super::queries::{self, Place};
use super::schedule;
use crate::account::Actor;
use crate::agenda::Session as AgendaSession;
use crate::audit;
use crate::db::{self, DbConn};
use crate::error::{AppError, DbResultExt, FieldErrors, Msg};
use crate::event::{Event, service as events};
use crate::ids::AccountId;
use crate::state::AppState;
use convene_frontend::Lang;

/// A matchmaking session with what it takes place in.
#[derive(Debug, Clone)]
pub struct SessionView {
    pub session: MmSession,
    pub agenda: AgendaSession,
    pub tables: Vec<String>,
    pub slots: Vec<schedule::Slot>,
}

impl SessionView {
    pub fn title(&self, lang: Lang) -> &str {
        self.agenda.title(lang)
    }
}

/// Everything about an event's matchmaking that a page or the scheduler looks at, loaded in
/// one go (inside a write transaction when it decides a write).
#[derive(Debug, Clone)]
pub struct World {
    pub event: Event,
    pub settings: Settings,
    pub topics: Vec<Topic>,
    pub sessions: Vec<SessionView>,
    pub profiles: Vec<Profile>,
    pub profile_topics: HashMap<i64, Vec<i64>>,
    pub entries: Vec<Entry>,
    pub requests: Vec<Request>,
    /// Cancelled ones included.
    pub meetings: Vec<Meeting>,
    /// Booked agenda sessions (not matchmaking ones), per account.
    pub booked: Vec<(AccountId, DateTime<Utc>, DateTime<Utc>)>,
}

impl World {
    pub fn profile(&self, id: i64) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.id == id)
    }

    pub fn profile_of(&self, account: AccountId) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.account_id == account)
    }

    pub fn session(&self, id: i64) -> Option<&SessionView> {
        self.sessions.iter().find(|s| s.session.id == id)
    }

    pub fn live_meetings(&self) -> impl Iterator<Item = &Meeting> {
        self.meetings.iter().filter(|m| m.cancelled_at.is_none())
    }

    pub fn meeting_of_request(&self, request: i64) -> Option<&Meeting> {
        self.live_meetings().find(|m| m.request_id == request)
    }

    pub fn topics_of(&self, profile: i64) -> Vec<&Topic> {
        let ids = self
            .profile_topics
            .get(&profile)
            .cloned()
            .unwrap_or_default();
        self.topics.iter().filter(|t| ids.contains(&t.id)).collect()
    }

    pub fn entries_of(&self, profile: i64) -> Vec<&Entry> {
        self.entries
            .iter()
            .filter(|e| e.profile_id == profile)
            .collect()
    }

    pub fn table_name(&self, session: i64, table: i64) -> String {
        self.session(session)
            .and_then(|s| usize::try_from(table).ok().and_then(|t| s.tables.get(t)))
            .cloned()
            .unwrap_or_else(|| (table + 1).to_string())
    }

    fn facts(&self, profile: i64) -> Facts {
        Facts {
            profile,
            topics: self
                .profile_topics
                .get(&profile)
                .map(|v| v.iter().copied().collect())
                .unwrap_or_default(),
            entries: self
                .entries_of(profile)
                .into_iter()
                .map(|e| (e.kind, format!("{}\n{}", e.title, e.body)))
                .collect(),
        }
    }

    /// The scheduler's view: sessions, the limit, booked times, live meetings as fixed.
    pub fn schedule_input(&self, requests: Vec<schedule::Request>) -> schedule::Input {
        let account_profile: HashMap<AccountId, i64> =
            self.profiles.iter().map(|p| (p.account_id, p.id)).collect();
        schedule::Input {
            sessions: self
                .sessions
                .iter()
                .map(|s| schedule::Session {
                    id: s.session.id,
                    starts_at: s.agenda.starts_at,
                    slot_minutes: u32::try_from(s.session.slot_minutes).unwrap_or(1),
                    gap_minutes: u32::try_from(s.session.gap_minutes).unwrap_or(0),
                    slots: s.slots.len(),
                    breaks: model::break_spans(
                        &model::parse_breaks(&s.session.breaks).unwrap_or_default(),
                        s.agenda.starts_at,
                        self.event.tz(),
                    ),
                    tables: s.tables.len(),
                })
                .collect(),
            max_per_person: usize::try_from(self.settings.max_per_person).unwrap_or(0),
            blocked: self
                .booked
                .iter()
                .filter_map(|(account, from, to)| {
                    Some(schedule::Blocked {
                        person: *account_profile.get(account)?,
                        starts_at: *from,
                        ends_at: *to,
                    })
                })
                .collect(),
            fixed: self
                .live_meetings()
                .map(|m| schedule::Fixed {
                    from: m.from_profile,
                    to: m.to_profile,
                    placed: schedule::Placed {
                        request: m.request_id,
                        session: m.session_id,
                        slot: usize::try_from(m.slot).unwrap_or(usize::MAX),
                        table: usize::try_from(m.table_no).unwrap_or(usize::MAX),
                    },
                })
                .collect(),
            requests,
        }
    }

    fn place_of(&self, p: &schedule::Placed) -> Option<Place> {
        let s = self.session(p.session)?;
        let slot = s.slots.get(p.slot)?;
        Some(Place {
            session: p.session,
            slot: i64::try_from(p.slot).ok()?,
            table: i64::try_from(p.table).ok()?,
            starts_at: slot.starts_at,
            ends_at: slot.ends_at,
        })
    }

    /// Whether `place` is free for a meeting of `people`, ignoring the meeting `moving` (when
    /// it moves). The first reason it is not, as a message.
    pub fn check_place(
        &self,
        people: [i64; 2],
        session: i64,
        slot: i64,
        table: Option<i64>,
        moving: Option<i64>,
    ) -> Result<Place, AppError> {
        let s = self
            .session(session)
            .ok_or_else(|| AppError::field("session", "mm-session-unknown"))?;
        let span = model::slot_span(&s.slots, slot)
            .ok_or_else(|| AppError::field("slot", "mm-slot-outside"))?;
        let others = || self.live_meetings().filter(|m| Some(m.id) != moving);
        for profile in people {
            let name = self
                .profile(profile)
                .map(|p| p.name.clone())
                .unwrap_or_default();
            if others().any(|m| {
                m.involves(profile)
                    && schedule::Span {
                        starts_at: m.starts_at,
                        ends_at: m.ends_at,
                    }
                    .overlaps(&span)
            }) {
                return Err(AppError::Conflict(
                    Msg::new("mm-person-busy").arg("name", name),
                ));
            }
            let account = self.profile(profile).map(|p| p.account_id);
            if self.booked.iter().any(|(a, from, to)| {
                Some(*a) == account
                    && schedule::Span {
                        starts_at: *from,
                        ends_at: *to,
                    }
                    .overlaps(&span)
            }) {
                return Err(AppError::Conflict(
                    Msg::new("mm-person-booked").arg("name", name),
                ));
            }
            let in_session = others()
                .filter(|m| m.session_id == session && m.involves(profile))
                .count();
            if i64::try_from(in_session).unwrap_or(i64::MAX) >= self.settings.max_per_person {
                return Err(AppError::Conflict(
                    Msg::new("mm-person-limit")
                        .arg("name", name)
                        .arg("max", self.settings.max_per_person),
                ));
            }
        }
        let taken: HashSet<i64> = others()
            .filter(|m| m.session_id == session && m.slot == slot)
            .map(|m| m.table_no)
            .collect();
        let table = match table {
            Some(t) => {
                if usize::try_from(t).map_or(true, |t| t >= s.tables.len()) {
                    return Err(AppError::field("table", "mm-table-unknown"));
                }
                if taken.contains(&t) {
                    return Err(AppError::Conflict(
                        Msg::new("mm-table-taken").arg("table", self.table_name(session, t)),
                    ));
                }
                t
            }
            None => (0..i64::try_from(s.tables.len()).unwrap_or(0))
                .find(|t| !taken.contains(t))
                .ok_or_else(|| AppError::Conflict(Msg::new("mm-slot-full")))?,
        };
        Ok(Place {
            session,
            slot,
            table,
            starts_at: span.starts_at,
            ends_at: span.ends_at,
        })
    }

    /// The slots where both people are free and a table is free, in time order.
    pub fn common_free_slots(&self, people: [i64; 2]) -> Vec<Place> {
        let mut out = Vec::new();
        for s in &self.sessions {
            for slot in &s.slots {
                let index = i64::try_from(slot.index).unwrap_or(i64::MAX);
                if let Ok(p) = self.check_place(people, s.session.id, index, None, None) {
                    out.push(p);
                }
            }
        }
        out.sort_by_key(|p| (p.starts_at, p.session, p.slot));
        out
    }
}

async fn load_world(conn: &mut DbConn, event: Event) -> Result<World, AppError> {
    let settings = queries::settings(conn, event.id)
        .await?
        .filter(|s| s.enabled)
        .ok_or_else(|| AppError::not_found("mm-not-enabled"))?;
    load_world_with(conn, event, settings).await
}

async fn load_world_with(
    conn: &mut DbConn,
    event: Event,
    settings: Settings,
) -> Result<World, AppError> {
    let agenda = crate::agenda::queries::sessions(conn, event.id).await?;
    let tz = event.tz();
    let sessions = queries::sessions(conn, event.id)
        .await?
        .into_iter()
        .filter_map(|s| {
            let a = agenda.iter().find(|a| a.id == s.agenda_session_id)?.clone();
            Some(SessionView {
                tables: s.table_names(),
                slots: s.timetable(a.starts_at, a.ends_at, tz),
                agenda: a,
                session: s,
            })
        })
        .collect();
    let mut profile_topics: HashMap<i64, Vec<i64>> = HashMap::new();
    for (p, t) in queries::profile_topics(conn, event.id).await? {
        profile_topics.entry(p).or_default().push(t);
    }
    Ok(World {
        topics: queries::topics(conn, event.id).await?,
        profiles: queries::profiles(conn, event.id).await?,
        entries: queries::entries(conn, event.id).await?,
        requests: queries::requests(conn, event.id).await?,
        meetings: queries::meetings(conn, event.id).await?,
        booked: queries::booked_times(conn, event.id).await?,
        profile_topics,
        sessions,
        settings,
        event,
    })
}

/// Whether the actor's registration lets them take part.
async fn admitted(conn: &mut DbConn, world: &World, actor: &Actor) -> Result<bool, AppError> {
    let reg = crate::registration::queries::find_for(conn, world.event.id, actor.id).await?;
    Ok(reg.is_some_and(|r| world.settings.audience.admits(r.status)))
}

/// The actor's standing at an event's matchmaking.
#[derive(Debug, Clone)]
pub struct Me {
    pub organiser: bool,
    /// Registered so that they may take part.
    pub admitted: bool,
    pub profile: Option<Profile>,
}

impl Me {
    /// Sees other profiles: organisers, and participants with a visible profile.
    pub fn sees_profiles(&self) -> bool {
        self.organiser || (self.admitted && self.profile.as_ref().is_some_and(|p| !p.hidden))
    }
}

/// The event's matchmaking as `actor` may see it.
///
/// # Errors
/// `NotFound` when the event is not visible or matchmaking is off (for organisers too: they
/// switch it on in the settings).
pub async fn world(state: &AppState, actor: &Actor, slug: &str) -> Result<(World, Me), AppError> {
    let event = events::visible(state, Some(actor), slug).await?;
    let mut conn = state.db.acquire().await?;
    let world = load_world(&mut conn, event).await?;
    let me = me_in(&mut conn, &world, actor).await?;
    Ok((world, me))
}

async fn me_in(conn: &mut DbConn, world: &World, actor: &Actor) -> Result<Me, AppError> {
    Ok(Me {
        organiser: events::is_organiser(Some(actor), &world.event),
        admitted: admitted(conn, world, actor).await?,
        profile: world.profile_of(actor.id).cloned(),
    })
}

/// Opens a write transaction on the event's matchmaking, locked, with the world loaded inside.
async fn write(
    state: &AppState,
    actor: &Actor,
    slug: &str,
) -> Result<(db::DbTx, World, Me), AppError> {
    let event = events::visible(state, Some(actor), slug).await?;
    let mut tx = db::begin_write(&state.db).await?;
    queries::lock(&mut tx, event.id).await?;
    let world = load_world(&mut tx, event).await?;
    let me = me_in(&mut tx, &world, actor).await?;
    Ok((tx, world, me))
}

fn require_participant(me: &Me) -> Result<&Profile, AppError> {
    if !me.admitted {
        return Err(AppError::Forbidden(Msg::new("mm-not-registered")));
    }
    me.profile
        .as_ref()
        .ok_or_else(|| AppError::Conflict(Msg::new("mm-profile-missing")))
}

// --- Profiles and entries --------------------------------------------------------------------

/// Creates or updates the actor's profile (taking part in matchmaking).
///
/// # Errors
/// `Forbidden` when the actor is not registered as the audience requires; field errors.
pub async fn save_profile(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    input: &ProfileInput,
) -> Result<Profile, AppError> {
    let now = state.clock.now();
    let (mut tx, world, me) = write(state, actor, slug).await?;
    if !me.admitted {
        return Err(AppError::Forbidden(Msg::new("mm-not-registered")));
    }
    let valid = input.validate(&world.topics).map_err(AppError::Invalid)?;
    let id = queries::save_profile(&mut tx, world.event.id, actor.id, &valid, now).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "matchmaking.profile",
        &format!("mm-profile:{id}"),
        if valid.hidden { "hidden" } else { "visible" },
        now,
    )
    .await?;
    let profile = queries::profile(&mut tx, world.event.id, id)
        .await?
        .ok_or_else(|| AppError::not_found("mm-profile-not-found"))?;
    tx.commit().await?;
    Ok(profile)
}

/// Hides or shows the actor's profile.
pub async fn set_hidden(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    hidden: bool,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let (mut tx, _world, me) = write(state, actor, slug).await?;
    let profile = me
        .profile
        .as_ref()
        .ok_or_else(|| AppError::Conflict(Msg::new("mm-profile-missing")))?;
    queries::set_hidden(&mut tx, profile.id, hidden, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Adds a marketplace entry to the actor's profile.
pub async fn add_entry(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    input: &EntryInput,
) -> Result<Entry, AppError> {
    let now = state.clock.now();
    let (mut tx, _world, me) = write(state, actor, slug).await?;
    let profile = require_participant(&me)?;
    let valid = input.validate().map_err(AppError::Invalid)?;
    let id = queries::insert_entry(&mut tx, profile.id, &valid, now).await?;
    let entry = queries::entry(&mut tx, profile.id, id)
        .await?
        .ok_or_else(|| AppError::not_found("mm-entry-not-found"))?;
    tx.commit().await?;
    Ok(entry)
}

/// Changes one of the actor's entries.
pub async fn update_entry(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    id: i64,
    input: &EntryInput,
) -> Result<Entry, AppError> {
    let now = state.clock.now();
    let (mut tx, _world, me) = write(state, actor, slug).await?;
    let profile = require_participant(&me)?;
    queries::entry(&mut tx, profile.id, id)
        .await?
        .ok_or_else(|| AppError::not_found("mm-entry-not-found"))?;
    let valid = input.validate().map_err(AppError::Invalid)?;
    queries::update_entry(&mut tx, id, &valid, now).await?;
    let entry = queries::entry(&mut tx, profile.id, id)
        .await?
        .ok_or_else(|| AppError::not_found("mm-entry-not-found"))?;
    tx.commit().await?;
    Ok(entry)
}

/// Deletes one of the actor's entries.
pub async fn delete_entry(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    id: i64,
) -> Result<(), AppError> {
    let (mut tx, _world, me) = write(state, actor, slug).await?;
    let profile = require_participant(&me)?;
    queries::entry(&mut tx, profile.id, id)
        .await?
        .ok_or_else(|| AppError::not_found("mm-entry-not-found"))?;
    queries::delete_entry(&mut tx, id).await?;
    tx.commit().await?;
    Ok(())
}

/// What the marketplace can be filtered by.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub topic: Option<i64>,
    pub country: Option<String>,
    pub kind: Option<EntryKind>,
    pub text: Option<String>,
}

/// The profiles `me` may see, filtered: visible ones (organisers also see hidden ones), not
/// their own. A kind or text filter keeps profiles with a matching entry (text also matches
/// name, organisation and description).
///
/// # Errors
/// `Forbidden` for people who do not take part (or whose profile is hidden).
pub fn browse<'w>(
    world: &'w World,
    me: &Me,
    filter: &Filter,
) -> Result<Vec<&'w Profile>, AppError> {
    if !me.sees_profiles() {
        return Err(AppError::Forbidden(Msg::new("mm-profile-needed")));
    }
    let needle = filter
        .text
        .as_deref()
        .map(|t| t.trim().to_lowercase())
        .filter(|t| !t.is_empty());
    let own = me.profile.as_ref().map(|p| p.id);
    Ok(world
        .profiles
        .iter()
        .filter(|p| Some(p.id) != own && (me.organiser || !p.hidden))
        .filter(|p| {
            filter.topic.is_none_or(|t| {
                world
                    .profile_topics
                    .get(&p.id)
                    .is_some_and(|ts| ts.contains(&t))
            })
        })
        .filter(|p| {
            filter
                .country
                .as_deref()
                .is_none_or(|c| c.is_empty() || p.country.eq_ignore_ascii_case(c))
        })
        .filter(|p| {
            let entries = world.entries_of(p.id);
            let kind_ok = filter
                .kind
                .is_none_or(|k| entries.iter().any(|e| e.kind == k));
            let text_ok = needle.as_deref().is_none_or(|n| {
                p.name.to_lowercase().contains(n)
                    || p.organisation.to_lowercase().contains(n)
                    || p.description.to_lowercase().contains(n)
                    || entries.iter().any(|e| {
                        (filter.kind.is_none_or(|k| e.kind == k))
                            && (e.title.to_lowercase().contains(n)
                                || e.body.to_lowercase().contains(n))
                    })
            });
            kind_ok && text_ok
        })
        .collect())
}

/// One visible profile.
///
/// # Errors
/// `NotFound` for a profile the actor may not see (hidden, or they do not take part).
pub fn visible_profile<'w>(world: &'w World, me: &Me, id: i64) -> Result<&'w Profile, AppError> {
    world
        .profile(id)
        .filter(|p| {
            me.organiser
                || me.profile.as_ref().is_some_and(|mine| mine.id == p.id)
                || (me.sees_profiles() && !p.hidden)
        })
        .ok_or_else(|| AppError::not_found("mm-profile-not-found"))
}

/// Suggested partners for the actor: ranked by shared topics and offers matching requests,
/// leaving out hidden profiles and people they already have an open request with.
pub fn suggestions(world: &World, me: &Me, limit: usize) -> Result<Vec<Suggestion>, AppError> {
    if !me.sees_profiles() {
        return Err(AppError::Forbidden(Msg::new("mm-profile-needed")));
    }
    let Some(mine) = me.profile.as_ref() else {
        return Ok(Vec::new());
    };
    let mut exclude: HashSet<i64> = world
        .requests
        .iter()
        .filter(|r| r.status.is_open() && r.involves(mine.id))
        .map(|r| r.other(mine.id))
        .collect();
    exclude.extend(world.profiles.iter().filter(|p| p.hidden).map(|p| p.id));
    let others: Vec<Facts> = world.profiles.iter().map(|p| world.facts(p.id)).collect();
    Ok(model::suggest(
        &world.facts(mine.id),
        &others,
        &exclude,
        limit,
    ))
}

// --- Requests --------------------------------------------------------------------------------

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
async fn close(
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

async fn insert_meeting(
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

// --- Organisers ------------------------------------------------------------------------------

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
    let now = state.clock.now();
    let mut conn = state.db.acquire().await?;
    let settings = queries::settings(&mut conn, event.id)
        .await?
        .unwrap_or(Settings {
            event_id: event.id,
            enabled: false,
            acceptance_required: true,
            audience: Audience::Registered,
            max_per_person: 6,
            locked: false,
            updated_at: now,
        });
    let world = load_world_with(&mut conn, event, settings).await?;
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
    load_world(&mut conn, event).await
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

// --- Notifications ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    Received,
    Accepted,
    Declined,
    Scheduled,
    Moved,
    Cancelled,
}

impl NoteKind {
    fn ids(self) -> (&'static str, &'static str) {
        match self {
            NoteKind::Received => ("mm-mail-received-subject", "mm-mail-received-body"),
            NoteKind::Accepted => ("mm-mail-accepted-subject", "mm-mail-accepted-body"),
            NoteKind::Declined => ("mm-mail-declined-subject", "mm-mail-declined-body"),
            NoteKind::Scheduled => ("mm-mail-scheduled-subject", "mm-mail-scheduled-body"),
            NoteKind::Moved => ("mm-mail-moved-subject", "mm-mail-moved-body"),
            NoteKind::Cancelled => ("mm-mail-cancelled-subject", "mm-mail-cancelled-body"),
        }
    }
}

/// One e-mail to one person about one request or meeting.
#[derive(Debug, Clone)]
struct Note {
    to: Profile,
    kind: NoteKind,
    #[allow(dead_code)]
    request: i64,
    partner: Option<Profile>,
    message: String,
    meeting: Option<Meeting>,
}

impl Note {
    fn new(to: &Profile, kind: NoteKind, request: i64) -> Self {
        Note {
            to: to.clone(),
            kind,
            request,
            partner: None,
            message: String::new(),
            meeting: None,
        }
    }

    fn with_partner(mut self, partner: &Profile) -> Self {
        self.partner = Some(partner.clone());
        self
    }

    fn message(mut self, m: &str) -> Self {
        self.message = m.to_string();
        self
    }
}

/// Both people of a meeting are told where and when it is.
fn scheduled_notes(world: &World, m: &Meeting, kind: NoteKind) -> Vec<Note> {
    [m.from_profile, m.to_profile]
        .into_iter()
        .filter_map(|p| {
            let to = world.profile(p)?;
            let mut note = Note::new(to, kind, m.request_id);
            if let Some(partner) = world.profile(m.other(p)) {
                note = note.with_partner(partner);
            }
            note.meeting = Some(m.clone());
            Some(note)
        })
        .collect()
}

/// The calendar entry of a meeting, as one person sees it.
pub fn meeting_item(
    state: &AppState,
    world: &World,
    m: &Meeting,
    partner: Option<&Profile>,
    lang: Lang,
) -> crate::calendar::render::Item {
    let t = lang.tr();
    let partner_name = partner.map(|p| p.name.clone()).unwrap_or_default();
    let organisation = partner.map(|p| p.organisation.clone()).unwrap_or_default();
    let table = world.table_name(m.session_id, m.table_no);
    let session = world.session(m.session_id);
    crate::calendar::render::Item {
        uid: format!("mm-meeting-{}@{}", m.id, state.config.uid_host()),
        sequence: u32::try_from(m.sequence).unwrap_or(0),
        starts_at: m.starts_at,
        ends_at: m.ends_at,
        summary: t.msg_args("mm-calendar-summary", &[("name", partner_name.clone())]),
        description: t.msg_args(
            "mm-calendar-description",
            &[
                ("name", partner_name),
                ("organisation", organisation),
                ("table", table.clone()),
                ("event", world.event.title(lang).to_string()),
            ],
        ),
        location: format!(
            "{}, {}",
            t.msg_args("mm-table-label", &[("table", table)]),
            session
                .map(|s| s.title(lang).to_string())
                .unwrap_or_default()
        ),
        url: state
            .config
            .url(&format!("/events/{}/matchmaking", world.event.slug)),
        cancelled: m.cancelled_at.is_some(),
        last_modified: m.updated_at,
    }
}

async fn send_notes(
    state: &AppState,
    conn: &mut DbConn,
    world: &World,
    notes: &[Note],
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    for note in notes {
        let lang = note.to.lang();
        let t = lang.tr();
        let (subject_id, body_id) = note.kind.ids();
        let partner = note.partner.as_ref();
        let mut args: Vec<(&str, String)> = vec![
            ("event", world.event.title(lang).to_string()),
            ("name", partner.map(|p| p.name.clone()).unwrap_or_default()),
            (
                "organisation",
                partner.map(|p| p.organisation.clone()).unwrap_or_default(),
            ),
            ("message", note.message.clone()),
            (
                "link",
                state
                    .config
                    .url(&format!("/events/{}/matchmaking", world.event.slug)),
            ),
        ];
        let mut attachments = Vec::new();
        if let Some(m) = &note.meeting {
            args.push((
                "time",
                crate::http::fmt::when(lang, world.event.tz(), m.starts_at, m.ends_at),
            ));
            args.push(("table", world.table_name(m.session_id, m.table_no)));
            let item = meeting_item(state, world, m, partner, lang);
            attachments.push(crate::mail::Attachment {
                filename: format!("meeting-{}.ics", m.id),
                content_type: "text/calendar; charset=utf-8".into(),
                data: crate::calendar::render::calendar(world.event.title(lang), &[item], now)
                    .into_bytes(),
            });
        }
        let subject = t.msg_args(subject_id, &args);
        let body = format!(
            "{}\n\n{}\n",
            t.msg_args("mail-greeting", &[("name", note.to.name.clone())]),
            t.msg_args(body_id, &args)
        );
        crate::mail::enqueue_with(
            conn,
            &note.to.email,
            &note.to.name,
            &subject,
            &body,
            &attachments,
            now,
        )
        .await?;
    }
    Ok(())
}

// --- The personal calendar and one's own meetings --------------------------------------------

/// The account's meetings (cancelled ones included) with the world of their event.
async fn meetings_by_event(
    state: &AppState,
    account: AccountId,
) -> Result<Vec<(World, Vec<Meeting>)>, AppError> {
    let mut conn = state.db.acquire().await?;
    let meetings = queries::meetings_of_account(&mut conn, account).await?;
    let mut out: Vec<(World, Vec<Meeting>)> = Vec::new();
    for m in meetings {
        if let Some((_, list)) = out.iter_mut().find(|(w, _)| w.event.id == m.event_id) {
            list.push(m);
            continue;
        }
        let Some(event) = crate::event::queries::find(&mut conn, m.event_id).await? else {
            continue;
        };
        let Some(settings) = queries::settings(&mut conn, event.id).await? else {
            continue;
        };
        out.push((load_world_with(&mut conn, event, settings).await?, vec![m]));
    }
    Ok(out)
}

/// The calendar items of an account's meetings at every event (cancelled ones included, so
/// calendar apps drop them).
pub async fn feed_items(
    state: &AppState,
    account: AccountId,
    lang: Lang,
) -> Result<Vec<crate::calendar::render::Item>, AppError> {
    let mut items = Vec::new();
    for (world, meetings) in meetings_by_event(state, account).await? {
        let Some(mine) = world.profile_of(account) else {
            continue;
        };
        for m in &meetings {
            let partner = world.profile(m.other(mine.id));
            items.push(meeting_item(state, &world, m, partner, lang));
        }
    }
    Ok(items)
}

/// A meeting on the personal agenda, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaLine {
    pub event: String,
    /// The event's matchmaking page.
    pub url: String,
    pub time: String,
    pub table: String,
    /// Name and organisation.
    pub partner: String,
}

/// The account's live meetings at every event, for their personal agenda, in time order.
pub async fn agenda_lines(
    state: &AppState,
    account: AccountId,
    lang: Lang,
) -> Result<Vec<AgendaLine>, AppError> {
    let t = lang.tr();
    let mut lines = Vec::new();
    for (world, meetings) in meetings_by_event(state, account).await? {
        let Some(mine) = world.profile_of(account) else {
            continue;
        };
        for m in meetings.iter().filter(|m| m.cancelled_at.is_none()) {
            let partner = world
                .profile(m.other(mine.id))
                .map(|p| format!("{}, {}", p.name, p.organisation))
                .unwrap_or_default();
            lines.push((
                m.starts_at,
                AgendaLine {
                    event: world.event.title(lang).to_string(),
                    url: format!("/events/{}/matchmaking", world.event.slug),
                    time: crate::http::fmt::when(lang, world.event.tz(), m.starts_at, m.ends_at),
                    table: t.msg_args(
                        "mm-table-label",
                        &[("table", world.table_name(m.session_id, m.table_no))],
                    ),
                    partner,
                },
            ));
        }
    }
    lines.sort_by_key(|(at, _)| *at);
    Ok(lines.into_iter().map(|(_, l)| l).collect())
}

/// A meeting of the actor's, as their pages show it.
#[derive(Debug, Clone)]
pub struct MyMeeting {
    pub meeting: Meeting,
    pub partner: Profile,
    pub session_title: String,
    pub table: String,
}

/// The actor's live meetings at the event, in time order.
pub fn my_meetings(world: &World, me: &Me, lang: Lang) -> Vec<MyMeeting> {
    let Some(mine) = me.profile.as_ref() else {
        return Vec::new();
    };
    world
        .live_meetings()
        .filter(|m| m.involves(mine.id))
        .filter_map(|m| {
            Some(MyMeeting {
                partner: world.profile(m.other(mine.id))?.clone(),
                session_title: world
                    .session(m.session_id)
                    .map(|s| s.title(lang).to_string())
                    .unwrap_or_default(),
                table: world.table_name(m.session_id, m.table_no),
                meeting: m.clone(),
            })
        })
        .collect()
}

// --- The person's data -----------------------------------------------------------------------

/// The account's matchmaking at every event, for their data download: profiles with topics
/// and entries, requests (with the other side's name) and meetings.
pub async fn export_of(
    conn: &mut DbConn,
    account: AccountId,
) -> Result<Vec<serde_json::Value>, AppError> {
    use serde_json::json;
    let mut out = Vec::new();
    for (id, event_id) in queries::profiles_of_account(conn, account).await? {
        let Some(event) = crate::event::queries::find(conn, event_id).await? else {
            continue;
        };
        let Some(settings) = queries::settings(conn, event_id).await? else {
            continue;
        };
        let world = load_world_with(conn, event, settings).await?;
        let Some(p) = world.profile(id) else { continue };
        let name = |other: i64| {
            world
                .profile(other)
                .map(|o| o.name.clone())
                .unwrap_or_default()
        };
        out.push(json!({
            "event": world.event.slug,
            "organisation": p.organisation,
            "country": p.country,
            "description": p.description,
            "hidden": p.hidden,
            "topics": world.topics_of(id).iter().map(|t| t.name_en.clone()).collect::<Vec<_>>(),
            "entries": world.entries_of(id).iter().map(|e| json!({"kind": e.kind.as_str(), "title": e.title, "text": e.body})).collect::<Vec<_>>(),
            "requests": world.requests.iter().filter(|r| r.involves(id)).map(|r| json!({
                "sent_by_you": r.from_profile == id,
                "with": name(r.other(id)),
                "message": r.message,
                "status": r.status.as_str(),
                "reason": r.reason,
                "created_at": r.created_at,
            })).collect::<Vec<_>>(),
            "meetings": world.live_meetings().filter(|m| m.involves(id)).map(|m| json!({
                "with": name(m.other(id)),
                "starts_at": m.starts_at,
                "ends_at": m.ends_at,
                "table": world.table_name(m.session_id, m.table_no),
            })).collect::<Vec<_>>(),
        }));
    }
    Ok(out)
}

/// Before an account is deleted (inside its transaction): every open request of theirs is
/// cancelled, their meetings too, and the other people are told. The profiles go with the
/// account.
pub async fn withdraw_everywhere(
    state: &AppState,
    conn: &mut DbConn,
    account: AccountId,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    for (_, event_id) in queries::profiles_of_account(conn, account).await? {
        let Some(event) = crate::event::queries::find(conn, event_id).await? else {
            continue;
        };
        let Some(settings) = queries::settings(conn, event_id).await? else {
            continue;
        };
        queries::lock(conn, event_id).await?;
        let world = load_world_with(conn, event, settings).await?;
        let Some(mine) = world.profile_of(account).cloned() else {
            continue;
        };
        for r in world
            .requests
            .iter()
            .filter(|r| r.status.is_open() && r.involves(mine.id))
        {
            let notes = close(conn, &world, r, "", Some(account), now).await?;
            send_notes(state, conn, &world, &notes, now).await?;
        }
    }
    Ok(())
}

/// Whether the event has matchmaking switched on (the event page links to it).
pub async fn is_open(state: &AppState, event: &Event) -> Result<bool, AppError> {
    let mut conn = state.db.acquire().await?;
    Ok(queries::settings(&mut conn, event.id)
        .await?
        .is_some_and(|s| s.enabled))
}
