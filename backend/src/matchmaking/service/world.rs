//! One event's matchmaking as a whole (the world), and who the actor is in it.

use super::*;

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

    pub(super) fn facts(&self, profile: i64) -> Facts {
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

    pub(super) fn place_of(&self, p: &schedule::Placed) -> Option<Place> {
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

pub(super) async fn load_world(conn: &mut DbConn, event: Event) -> Result<World, AppError> {
    let settings = queries::settings(conn, event.id)
        .await?
        .filter(|s| s.enabled)
        .ok_or_else(|| AppError::not_found("mm-not-enabled"))?;
    load_world_with(conn, event, settings).await
}

/// The world as its organisers prepare it: also before matchmaking is switched on (topics,
/// sessions and meetings they add then are theirs to read back), with the default settings
/// when none were saved.
pub(super) async fn load_world_for_organisers(
    conn: &mut DbConn,
    event: Event,
    now: DateTime<Utc>,
) -> Result<World, AppError> {
    let settings = settings_or_default(conn, &event, now).await?;
    load_world_with(conn, event, settings).await
}

/// An event's matchmaking settings, or the defaults while none were saved.
pub(super) async fn settings_or_default(
    conn: &mut DbConn,
    event: &Event,
    now: DateTime<Utc>,
) -> Result<Settings, AppError> {
    Ok(queries::settings(conn, event.id)
        .await?
        .unwrap_or(Settings {
            event_id: event.id,
            enabled: false,
            acceptance_required: true,
            audience: Audience::Registered,
            max_per_person: 6,
            locked: false,
            updated_at: now,
        }))
}

pub(super) async fn load_world_with(
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
pub(super) async fn admitted(
    conn: &mut DbConn,
    world: &World,
    actor: &Actor,
) -> Result<bool, AppError> {
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
    let world = if events::is_organiser(Some(actor), &event) {
        load_world_for_organisers(&mut conn, event, state.clock.now()).await?
    } else {
        load_world(&mut conn, event).await?
    };
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
pub(super) async fn write(
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

pub(super) fn require_participant(me: &Me) -> Result<&Profile, AppError> {
    if !me.admitted {
        return Err(AppError::Forbidden(Msg::new("mm-not-registered")));
    }
    me.profile
        .as_ref()
        .ok_or_else(|| AppError::Conflict(Msg::new("mm-profile-missing")))
}
