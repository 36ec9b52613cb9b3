//! Agenda types and rules. Pure: no I/O. The clash checks and the version diff live here so that
//! they are unit-tested without a database.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use convene_frontend::Lang;

use crate::error::{AppError, FieldErrors, Msg};
use crate::event::model::{Event, pick, text};
use crate::ids::{AccountId, EventId, PersonId, RoomId, SessionId, TrackId};

/// What kind of item a session is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, sqlx::Type, serde::Serialize, serde::Deserialize,
)]
#[sqlx(type_name = "text", rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    Keynote,
    Panel,
    Talk,
    Workshop,
    Pitching,
    Matchmaking,
    SiteVisit,
    Break,
    Networking,
}

impl SessionKind {
    pub const ALL: [SessionKind; 9] = [
        SessionKind::Keynote,
        SessionKind::Panel,
        SessionKind::Talk,
        SessionKind::Workshop,
        SessionKind::Pitching,
        SessionKind::Matchmaking,
        SessionKind::SiteVisit,
        SessionKind::Break,
        SessionKind::Networking,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SessionKind::Keynote => "keynote",
            SessionKind::Panel => "panel",
            SessionKind::Talk => "talk",
            SessionKind::Workshop => "workshop",
            SessionKind::Pitching => "pitching",
            SessionKind::Matchmaking => "matchmaking",
            SessionKind::SiteVisit => "site_visit",
            SessionKind::Break => "break",
            SessionKind::Networking => "networking",
        }
    }

    pub fn parse(input: &str) -> Result<SessionKind, Msg> {
        SessionKind::ALL
            .into_iter()
            .find(|k| k.as_str() == input.trim())
            .ok_or_else(|| Msg::new("valid-session-kind-invalid"))
    }

    /// How long a session of this kind lasts when nothing says otherwise (a calendar entry
    /// with a start only).
    pub fn default_length(self) -> chrono::Duration {
        let minutes = match self {
            SessionKind::Keynote => 45,
            SessionKind::Panel | SessionKind::Pitching | SessionKind::Matchmaking => 60,
            SessionKind::Talk | SessionKind::Break => 30,
            SessionKind::Workshop => 90,
            SessionKind::SiteVisit => 120,
            SessionKind::Networking => 60,
        };
        chrono::Duration::minutes(minutes)
    }

    pub fn label_id(self) -> &'static str {
        match self {
            SessionKind::Keynote => "session-kind-keynote",
            SessionKind::Panel => "session-kind-panel",
            SessionKind::Talk => "session-kind-talk",
            SessionKind::Workshop => "session-kind-workshop",
            SessionKind::Pitching => "session-kind-pitching",
            SessionKind::Matchmaking => "session-kind-matchmaking",
            SessionKind::SiteVisit => "session-kind-site-visit",
            SessionKind::Break => "session-kind-break",
            SessionKind::Networking => "session-kind-networking",
        }
    }
}

/// Drafts (new or imported) are the organiser's; scheduled sessions are in the published
/// agenda; cancelled ones stay in calendars as cancelled.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, sqlx::Type, serde::Serialize, serde::Deserialize,
)]
#[sqlx(type_name = "text", rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum SessionStatus {
    Draft,
    Scheduled,
    Cancelled,
}

impl SessionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SessionStatus::Draft => "draft",
            SessionStatus::Scheduled => "scheduled",
            SessionStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(input: &str) -> Result<SessionStatus, Msg> {
        match input.trim() {
            "draft" => Ok(SessionStatus::Draft),
            "scheduled" => Ok(SessionStatus::Scheduled),
            "cancelled" => Ok(SessionStatus::Cancelled),
            _ => Err(Msg::new("valid-session-status-invalid")),
        }
    }

    /// The status after an organiser asks for `to`, for a session that was (`published`) or was
    /// never public. Drafts become scheduled only by publishing the agenda (which runs the clash
    /// checks); a published session can be cancelled and restored, never made private again
    /// (calendars would keep it); a cancelled session that was never published goes back to
    /// the drafts.
    pub fn change_to(self, to: SessionStatus, published: bool) -> Result<SessionStatus, AppError> {
        use SessionStatus::*;
        match (self, to) {
            (a, b) if a == b => Ok(a),
            (Draft | Scheduled, Cancelled) => Ok(Cancelled),
            (Cancelled, Scheduled) if published => Ok(Scheduled),
            (Cancelled, Scheduled | Draft) if !published => Ok(Draft),
            (Draft, _) => Err(AppError::Conflict(Msg::new(
                "session-status-publish-instead",
            ))),
            // A published session made a draft again.
            _ => Err(AppError::Conflict(Msg::new("session-status-published"))),
        }
    }

    pub fn label_id(self) -> &'static str {
        match self {
            SessionStatus::Draft => "session-status-draft",
            SessionStatus::Scheduled => "session-status-scheduled",
            SessionStatus::Cancelled => "session-status-cancelled",
        }
    }
}

/// How a person takes part in a session.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, sqlx::Type, serde::Serialize, serde::Deserialize,
)]
#[sqlx(type_name = "text", rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum PersonRole {
    Speaker,
    Moderator,
    Panelist,
}

impl PersonRole {
    pub fn as_str(self) -> &'static str {
        match self {
            PersonRole::Speaker => "speaker",
            PersonRole::Moderator => "moderator",
            PersonRole::Panelist => "panelist",
        }
    }

    /// English or German words for a role, as people type them in the people list.
    pub fn parse(input: &str) -> Option<PersonRole> {
        match input.trim().to_lowercase().as_str() {
            "speaker" | "sprecher" | "sprecherin" | "referent" | "referentin" | "vortrag"
            | "keynote" => Some(PersonRole::Speaker),
            "moderator" | "moderatorin" | "moderation" | "chair" => Some(PersonRole::Moderator),
            "panelist" | "panellist" | "podium" | "panel" | "diskutant" | "diskutantin" => {
                Some(PersonRole::Panelist)
            }
            _ => None,
        }
    }

    pub fn label_id(self) -> &'static str {
        match self {
            PersonRole::Speaker => "person-role-speaker",
            PersonRole::Moderator => "person-role-moderator",
            PersonRole::Panelist => "person-role-panelist",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, serde::Serialize)]
pub struct Room {
    pub id: RoomId,
    pub event_id: EventId,
    pub name: String,
    pub capacity: Option<i64>,
    pub position: i64,
    /// Local time of day (`HH:MM`) from which the room can be used.
    pub available_from: Option<String>,
    /// Local time of day until which the room can be used.
    pub available_until: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, serde::Serialize)]
pub struct Track {
    pub id: TrackId,
    pub event_id: EventId,
    pub name_de: String,
    pub name_en: String,
    pub position: i64,
}

impl Track {
    pub fn name(&self, lang: Lang) -> &str {
        pick(lang, &self.name_de, &self.name_en)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Session {
    pub id: SessionId,
    pub event_id: EventId,
    pub room_id: Option<RoomId>,
    pub track_id: Option<TrackId>,
    pub kind: SessionKind,
    pub title_de: String,
    pub title_en: String,
    pub description_de: String,
    pub description_en: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub capacity: Option<i64>,
    pub requires_signup: bool,
    pub status: SessionStatus,
    pub sequence: i64,
    /// When the session first became public; `None`: never published, so never public.
    pub published_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Session {
    /// Whether visitors may see the session: scheduled, or cancelled after it was published.
    pub fn is_public(&self) -> bool {
        self.published_at.is_some() && self.status != SessionStatus::Draft
    }

    pub fn title(&self, lang: Lang) -> &str {
        pick(lang, &self.title_de, &self.title_en)
    }

    pub fn description(&self, lang: Lang) -> &str {
        pick(lang, &self.description_de, &self.description_en)
    }

    /// Whether two sessions share some time (touching ends do not overlap).
    pub fn overlaps(&self, other: &Session) -> bool {
        self.starts_at < other.ends_at && other.starts_at < self.ends_at
    }
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, serde::Serialize)]
pub struct Person {
    pub id: PersonId,
    pub session_id: SessionId,
    pub role: PersonRole,
    pub account_id: Option<AccountId>,
    /// The linked account's e-mail address.
    pub account_email: Option<String>,
    pub name: String,
    pub organisation: String,
    pub position: i64,
}

/// A person as typed in the session form: one per line, `role: Name <e-mail>, Organisation`,
/// where role is speaker, moderator or panelist (German words work too); the e-mail (linking an
/// account) and the organisation are optional.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonLine {
    pub role: PersonRole,
    pub name: String,
    pub organisation: String,
    /// The e-mail address of the person's account, when linked.
    pub email: Option<String>,
}

/// Parses the people list, one person a line: `role: name <e-mail>, organisation`, the e-mail
/// and the organisation optional. A name with a comma, `<`, `>` or `"` is written in double
/// quotes, a `"` inside doubled (`"Müller, Hans"`), as [`format_people`] writes it. An error
/// names the first bad line (1-based).
pub fn parse_people(input: &str) -> Result<Vec<PersonLine>, Msg> {
    let mut out = Vec::new();
    for (i, line) in input.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let bad = || Msg::new("valid-people-line").arg("line", i + 1);
        let (role, rest) = line.split_once(':').ok_or_else(bad)?;
        let role = PersonRole::parse(role).ok_or_else(bad)?;
        let rest = rest.trim_start();
        // A quoted name is taken whole; the rest is read like an unquoted line without it.
        let (quoted, rest) = match rest.strip_prefix('"') {
            Some(q) => {
                let (name, after) = unquote(q).ok_or_else(bad)?;
                (Some(name), after.to_string())
            }
            None => (None, rest.to_string()),
        };
        // An account is linked by its e-mail in angle brackets after the name.
        let (rest, email) = match (rest.find('<'), rest.find('>')) {
            (Some(open), Some(close)) if open < close => {
                let email = crate::account::model::Email::parse(&rest[open + 1..close])
                    .map_err(|_| bad())?;
                (
                    format!("{}{}", &rest[..open], &rest[close + 1..]),
                    Some(email.as_str().to_string()),
                )
            }
            (None, None) => (rest, None),
            _ => return Err(bad()),
        };
        let rest = rest.as_str();
        let (name, organisation) = match (quoted, rest.split_once(',')) {
            (Some(name), Some((before, o))) if before.trim().is_empty() => (name, o.trim()),
            (Some(name), None) if rest.trim().is_empty() => (name, ""),
            (Some(_), _) => return Err(bad()),
            (None, Some((n, o))) => (n.trim().to_string(), o.trim()),
            (None, None) => (rest.trim().to_string(), ""),
        };
        out.push(person(role, &name, organisation, email).ok_or_else(bad)?);
    }
    if out.len() > 40 {
        return Err(Msg::new("valid-people-too-many"));
    }
    Ok(out)
}

/// The name at the start of `s` (just after its opening quote) up to the closing quote, with
/// doubled quotes read as one; and what follows the closing quote.
fn unquote(s: &str) -> Option<(String, &str)> {
    let mut name = String::new();
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '"' {
            name.push(c);
        } else if chars.peek().is_some_and(|(_, next)| *next == '"') {
            chars.next();
            name.push('"');
        } else {
            return Some((name, &s[i + 1..]));
        }
    }
    None
}

/// One person of a session, checked: a name of 1–120 characters (control characters dropped),
/// an organisation of at most 160. The form's lines and the API's people both end here.
pub fn person(
    role: PersonRole,
    name: &str,
    organisation: &str,
    email: Option<String>,
) -> Option<PersonLine> {
    let name = crate::text::visible(name, false);
    let organisation = crate::text::visible(organisation, false);
    if name.is_empty() || name.chars().count() > 120 || organisation.chars().count() > 160 {
        return None;
    }
    Some(PersonLine {
        role,
        name,
        organisation,
        email,
    })
}

/// One person as a line of the form's text (see [`parse_people`]); a line break in a part
/// (which would start another person) is dropped with the other control characters.
pub fn format_person(role: &str, name: &str, email: Option<&str>, organisation: &str) -> String {
    let (role, name) = (
        crate::text::visible(role, false),
        crate::text::visible(name, false),
    );
    let organisation = crate::text::visible(organisation, false);
    let email = email.map(|e| crate::text::visible(e, false));
    let name = if name.contains([',', '<', '>', '"']) {
        format!("\"{}\"", name.replace('"', "\"\""))
    } else {
        name.to_string()
    };
    let email = email.map(|e| format!(" <{e}>")).unwrap_or_default();
    if organisation.is_empty() {
        format!("{role}: {name}{email}")
    } else {
        format!("{role}: {name}{email}, {organisation}")
    }
}

/// Formats people back into the form's text.
pub fn format_people(people: &[Person]) -> String {
    people
        .iter()
        .map(|p| {
            format_person(
                p.role.as_str(),
                &p.name,
                p.account_email.as_deref(),
                &p.organisation,
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Raw session form or API input. Times are local to the event.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct SessionInput {
    pub kind: String,
    pub title_de: String,
    pub title_en: String,
    pub description_de: String,
    pub description_en: String,
    /// `YYYY-MM-DD`
    pub day: String,
    /// `HH:MM`
    pub start: String,
    /// `HH:MM`; `00:00` after a later start is midnight at the end of the day.
    pub end: String,
    /// When `start` happens twice on `day` (the clocks go back): `earlier` or `later`.
    pub start_fold: String,
    /// When `end` happens twice on its day: `earlier` or `later`.
    pub end_fold: String,
    /// A room id of the event, or empty.
    pub room: String,
    /// A track id of the event, or empty.
    pub track: String,
    pub capacity: String,
    /// Checkbox: present when ticked.
    pub requires_signup: Option<String>,
    pub people: String,
}

/// A validated session.
#[derive(Debug, Clone)]
pub struct SessionDraft {
    pub kind: SessionKind,
    pub title_de: String,
    pub title_en: String,
    pub description_de: String,
    pub description_en: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub room_id: Option<RoomId>,
    pub track_id: Option<TrackId>,
    pub capacity: Option<i64>,
    pub requires_signup: bool,
    pub people: Vec<PersonLine>,
}

impl SessionInput {
    /// Validates the input against the event's zone, rooms and tracks; all problems at once.
    pub fn parse(
        &self,
        event: &Event,
        rooms: &[Room],
        tracks: &[Track],
    ) -> Result<SessionDraft, AppError> {
        let mut e = FieldErrors::default();
        let kind = e.check("kind", SessionKind::parse(&self.kind));
        let title_de = e.check(
            "title_de",
            text(
                &self.title_de,
                200,
                Some("valid-title-required"),
                "valid-too-long",
            ),
        );
        let title_en = e.check(
            "title_en",
            text(&self.title_en, 200, None, "valid-too-long"),
        );
        let description_de = e.check(
            "description_de",
            text(&self.description_de, 10_000, None, "valid-too-long"),
        );
        let description_en = e.check(
            "description_en",
            text(&self.description_en, 10_000, None, "valid-too-long"),
        );
        let day = e.check("day", crate::time::parse_date(&self.day));
        let start = e.check(
            "start",
            crate::time::parse_time(&self.start).ok_or_else(|| Msg::new("valid-time-invalid")),
        );
        let end = e.check(
            "end",
            crate::time::parse_time(&self.end).ok_or_else(|| Msg::new("valid-time-invalid")),
        );
        let room_id = e.check(
            "room",
            match self.room.trim() {
                "" => Ok(None),
                s => s
                    .parse::<i64>()
                    .ok()
                    .and_then(|id| rooms.iter().find(|r| r.id.0 == id))
                    .map(|r| Some(r.id))
                    .ok_or_else(|| Msg::new("valid-room-unknown")),
            },
        );
        let track_id = e.check(
            "track",
            match self.track.trim() {
                "" => Ok(None),
                s => s
                    .parse::<i64>()
                    .ok()
                    .and_then(|id| tracks.iter().find(|t| t.id.0 == id))
                    .map(|t| Some(t.id))
                    .ok_or_else(|| Msg::new("valid-track-unknown")),
            },
        );
        let capacity = e.check("capacity", parse_capacity(&self.capacity));
        let people = e.check("people", parse_people(&self.people));
        let start_fold = e.check("start", crate::time::Fold::parse(&self.start_fold));
        let end_fold = e.check("end", crate::time::Fold::parse(&self.end_fold));
        let (mut starts_at, mut ends_at) = (None, None);
        if let (Some(day), Some(start), Some(end), Some(start_fold), Some(end_fold)) =
            (day, start, end, start_fold, end_fold)
        {
            let tz = event.tz();
            // 00:00 as the end of a later start is the midnight that ends the day, so that a
            // session until midnight can be typed and saved again unchanged.
            let end_local = if end == NaiveTime::MIN && start > NaiveTime::MIN {
                day.succ_opt().unwrap_or(day).and_time(end)
            } else {
                day.and_time(end)
            };
            let start_local = day.and_time(start);
            let at = |local, fold, field, e: &mut FieldErrors| match crate::time::resolve_local(
                tz, local, fold,
            ) {
                Ok(t) => Some(t),
                Err(err) => {
                    e.add_msg(field, err.msg(tz, local));
                    None
                }
            };
            starts_at = at(start_local, start_fold, "start", &mut e);
            ends_at = at(end_local, end_fold, "end", &mut e);
            if let (Some(s), Some(end)) = (starts_at, ends_at)
                && end <= s
            {
                e.add("end", "valid-end-before-start");
            }
        }
        e.into_result()?;
        Ok(SessionDraft {
            kind: kind.expect("checked"),
            title_en: title_en.expect("checked"),
            title_de: title_de.expect("checked"),
            description_de: description_de.expect("checked"),
            description_en: description_en.expect("checked"),
            starts_at: starts_at.expect("checked"),
            ends_at: ends_at.expect("checked"),
            room_id: room_id.expect("checked"),
            track_id: track_id.expect("checked"),
            capacity: capacity.expect("checked"),
            requires_signup: self
                .requires_signup
                .as_deref()
                .is_some_and(|v| !v.is_empty() && v != "false"),
            people: people.expect("checked"),
        })
    }

    /// The form values of an existing session.
    pub fn from_session(s: &Session, people: &[Person], tz: Tz) -> SessionInput {
        let start = s.starts_at.with_timezone(&tz);
        let end = s.ends_at.with_timezone(&tz);
        SessionInput {
            kind: s.kind.as_str().into(),
            title_de: s.title_de.clone(),
            title_en: s.title_en.clone(),
            description_de: s.description_de.clone(),
            description_en: s.description_en.clone(),
            day: start.format("%Y-%m-%d").to_string(),
            start: start.format("%H:%M").to_string(),
            end: end.format("%H:%M").to_string(),
            start_fold: crate::time::fold_of(tz, s.starts_at)
                .map(|f| f.as_str().to_string())
                .unwrap_or_default(),
            end_fold: crate::time::fold_of(tz, s.ends_at)
                .map(|f| f.as_str().to_string())
                .unwrap_or_default(),
            room: s.room_id.map(|r| r.0.to_string()).unwrap_or_default(),
            track: s.track_id.map(|t| t.0.to_string()).unwrap_or_default(),
            capacity: s.capacity.map(|c| c.to_string()).unwrap_or_default(),
            requires_signup: s.requires_signup.then(|| "on".to_string()),
            people: format_people(people),
        }
    }
}

fn parse_capacity(input: &str) -> Result<Option<i64>, Msg> {
    match input.trim() {
        "" => Ok(None),
        s => s
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=100_000).contains(n))
            .map(Some)
            .ok_or_else(|| Msg::new("valid-capacity-invalid")),
    }
}

/// Raw room input.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct RoomInput {
    pub name: String,
    pub capacity: String,
    pub available_from: String,
    pub available_until: String,
}

/// A validated room: (name, capacity, available from, available until).
pub type RoomDraft = (String, Option<i64>, Option<String>, Option<String>);

impl RoomInput {
    pub fn parse(&self) -> Result<RoomDraft, AppError> {
        let mut e = FieldErrors::default();
        let name = e.check(
            "name",
            text(
                &self.name,
                80,
                Some("valid-name-required"),
                "valid-too-long",
            ),
        );
        let capacity = e.check("capacity", parse_capacity(&self.capacity));
        let time = |s: &str| -> Result<Option<String>, Msg> {
            match s.trim() {
                "" => Ok(None),
                t => crate::time::parse_time(t)
                    .map(|t| Some(t.format("%H:%M").to_string()))
                    .ok_or_else(|| Msg::new("valid-time-invalid")),
            }
        };
        let from = e.check("available_from", time(&self.available_from));
        let until = e.check("available_until", time(&self.available_until));
        if let (Some(Some(f)), Some(Some(u))) = (&from, &until)
            && u <= f
        {
            e.add("available_until", "valid-end-before-start");
        }
        e.into_result()?;
        Ok((
            name.expect("checked"),
            capacity.expect("checked"),
            from.expect("checked"),
            until.expect("checked"),
        ))
    }
}

/// Raw track input.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct TrackInput {
    pub name_de: String,
    pub name_en: String,
}

impl TrackInput {
    pub fn parse(&self) -> Result<(String, String), AppError> {
        let mut e = FieldErrors::default();
        let de = e.check(
            "name_de",
            text(
                &self.name_de,
                80,
                Some("valid-name-required"),
                "valid-too-long",
            ),
        );
        let en = e.check("name_en", text(&self.name_en, 80, None, "valid-too-long"));
        e.into_result()?;
        Ok((de.expect("checked"), en.expect("checked")))
    }
}

// --- clash checks ---------------------------------------------------------------------------

/// Something the organiser should fix before publishing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// Two sessions in one room at the same time.
    RoomTwice {
        room: String,
        a: SessionId,
        b: SessionId,
    },
    /// One person in two sessions at the same time.
    PersonTwice {
        name: String,
        a: SessionId,
        b: SessionId,
    },
    /// A session not on one of the event's days.
    OutsideEventDays { session: SessionId },
    /// A session longer than its room is available (or outside its hours).
    OutsideRoomHours { session: SessionId, room: String },
}

impl Warning {
    /// The message, for people.
    pub fn msg(&self, titles: &HashMap<SessionId, String>) -> Msg {
        let t = |id: &SessionId| titles.get(id).cloned().unwrap_or_else(|| format!("#{id}"));
        match self {
            Warning::RoomTwice { room, a, b } => Msg::new("agenda-warning-room-twice")
                .arg("room", room)
                .arg("a", t(a))
                .arg("b", t(b)),
            Warning::PersonTwice { name, a, b } => Msg::new("agenda-warning-person-twice")
                .arg("name", name)
                .arg("a", t(a))
                .arg("b", t(b)),
            Warning::OutsideEventDays { session } => {
                Msg::new("agenda-warning-outside-days").arg("a", t(session))
            }
            Warning::OutsideRoomHours { session, room } => Msg::new("agenda-warning-room-hours")
                .arg("a", t(session))
                .arg("room", room),
        }
    }

    /// The sessions the warning is about.
    pub fn sessions(&self) -> Vec<SessionId> {
        match self {
            Warning::RoomTwice { a, b, .. } | Warning::PersonTwice { a, b, .. } => vec![*a, *b],
            Warning::OutsideEventDays { session } | Warning::OutsideRoomHours { session, .. } => {
                vec![*session]
            }
        }
    }
}

/// The clash checks over every session that is not cancelled, in a stable order.
pub fn check_agenda(
    event: &Event,
    rooms: &[Room],
    sessions: &[Session],
    people: &[Person],
) -> Vec<Warning> {
    let tz = event.tz();
    let live: Vec<&Session> = sessions
        .iter()
        .filter(|s| s.status != SessionStatus::Cancelled)
        .collect();
    let mut warnings = Vec::new();

    for s in &live {
        let (start, end) = (s.starts_at.with_timezone(&tz), s.ends_at.with_timezone(&tz));
        let days_ok = start.date_naive() >= event.starts_on && end.date_naive() <= event.ends_on
            // A session may end exactly at midnight after the last day.
            || (start.date_naive() >= event.starts_on && end.date_naive() == event.ends_on.succ_opt().unwrap_or(event.ends_on) && end.time() == NaiveTime::MIN);
        if !days_ok {
            warnings.push(Warning::OutsideEventDays { session: s.id });
        }
        if let Some(room) = s.room_id.and_then(|id| rooms.iter().find(|r| r.id == id)) {
            let from = room
                .available_from
                .as_deref()
                .and_then(crate::time::parse_time);
            let until = room
                .available_until
                .as_deref()
                .and_then(crate::time::parse_time);
            let too_early = from.is_some_and(|f| start.time() < f);
            let too_late =
                until.is_some_and(|u| end.time() > u || end.date_naive() > start.date_naive());
            if too_early || too_late {
                warnings.push(Warning::OutsideRoomHours {
                    session: s.id,
                    room: room.name.clone(),
                });
            }
        }
    }

    // Room clashes: sort by room, then start; compare neighbours that overlap.
    let mut by_room: BTreeMap<RoomId, Vec<&Session>> = BTreeMap::new();
    for s in &live {
        if let Some(room) = s.room_id {
            by_room.entry(room).or_default().push(s);
        }
    }
    for (room_id, mut list) in by_room {
        list.sort_by_key(|s| (s.starts_at, s.id));
        let name = rooms
            .iter()
            .find(|r| r.id == room_id)
            .map(|r| r.name.clone())
            .unwrap_or_default();
        for (i, a) in list.iter().enumerate() {
            for b in &list[i + 1..] {
                if b.starts_at >= a.ends_at {
                    break;
                }
                warnings.push(Warning::RoomTwice {
                    room: name.clone(),
                    a: a.id,
                    b: b.id,
                });
            }
        }
    }

    // People clashes: the same account, or the same name (case-insensitive) for guests.
    let mut by_person: BTreeMap<String, Vec<(&Session, &str)>> = BTreeMap::new();
    let session_of: HashMap<SessionId, &Session> = live.iter().map(|s| (s.id, *s)).collect();
    for p in people {
        let Some(s) = session_of.get(&p.session_id) else {
            continue;
        };
        let key = match p.account_id {
            Some(id) => format!("account:{id}"),
            None => format!("name:{}", p.name.to_lowercase()),
        };
        by_person.entry(key).or_default().push((s, &p.name));
    }
    for (_, mut list) in by_person {
        list.sort_by_key(|(s, _)| (s.starts_at, s.id));
        list.dedup_by_key(|(s, _)| s.id);
        for (i, (a, name)) in list.iter().enumerate() {
            for (b, _) in &list[i + 1..] {
                if b.starts_at >= a.ends_at {
                    break;
                }
                warnings.push(Warning::PersonTwice {
                    name: (*name).to_string(),
                    a: a.id,
                    b: b.id,
                });
            }
        }
    }
    warnings
}

// --- versions ---------------------------------------------------------------------------------

/// A session as frozen in a published agenda version.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Frozen {
    pub id: i64,
    pub title_de: String,
    pub title_en: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub room: String,
    pub status: SessionStatus,
}

/// What changed from one published version to the next.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    pub added: Vec<Frozen>,
    /// (before, after): a new time or room.
    pub moved: Vec<(Frozen, Frozen)>,
    pub cancelled: Vec<Frozen>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.moved.is_empty() && self.cancelled.is_empty()
    }
}

/// The changes between two snapshots (`before` empty for the first version).
pub fn diff(before: &[Frozen], after: &[Frozen]) -> Changes {
    let old: HashMap<i64, &Frozen> = before.iter().map(|f| (f.id, f)).collect();
    let new: HashMap<i64, &Frozen> = after.iter().map(|f| (f.id, f)).collect();
    let mut changes = Changes::default();
    for f in after {
        let was_live = old
            .get(&f.id)
            .filter(|o| o.status != SessionStatus::Cancelled);
        match (was_live, f.status) {
            (None, SessionStatus::Cancelled) => {}
            (None, _) => changes.added.push(f.clone()),
            (Some(o), SessionStatus::Cancelled) => changes.cancelled.push((*o).clone()),
            (Some(o), _)
                if o.starts_at != f.starts_at || o.ends_at != f.ends_at || o.room != f.room =>
            {
                changes.moved.push(((*o).clone(), f.clone()))
            }
            _ => {}
        }
    }
    // Sessions that disappeared (deleted drafts that had been published) count as cancelled.
    for o in before {
        if !new.contains_key(&o.id) && o.status != SessionStatus::Cancelled {
            changes.cancelled.push(o.clone());
        }
    }
    let key = |f: &Frozen| (f.starts_at, f.id);
    changes.added.sort_by_key(key);
    changes.cancelled.sort_by_key(key);
    changes.moved.sort_by_key(|(_, f)| key(f));
    changes
}

/// Every day between two dates (inclusive).
pub fn days_between(first: NaiveDate, last: NaiveDate) -> Vec<NaiveDate> {
    first.iter_days().take_while(|d| *d <= last).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn event() -> Event {
        Event {
            id: EventId(1),
            slug: "cmr".into(),
            title_de: "CMR".into(),
            title_en: "CMR".into(),
            description_de: String::new(),
            description_en: String::new(),
            venue: String::new(),
            address: String::new(),
            timezone: "Europe/Berlin".into(),
            starts_on: NaiveDate::from_ymd_opt(2026, 11, 8).unwrap(),
            ends_on: NaiveDate::from_ymd_opt(2026, 11, 9).unwrap(),
            status: crate::event::EventStatus::Published,
            contact_name: String::new(),
            contact_email: String::new(),
            agenda_version: 0,
            content_version: 0,
            location_version: 0,
            owner_organisation_id: None,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    fn room(id: i64, name: &str, from: Option<&str>, until: Option<&str>) -> Room {
        Room {
            id: RoomId(id),
            event_id: EventId(1),
            name: name.into(),
            capacity: Some(100),
            position: id,
            available_from: from.map(Into::into),
            available_until: until.map(Into::into),
        }
    }

    /// A session on 8 November from `start` to `end` UTC hours (Berlin is UTC+1 then).
    fn session(id: i64, room: Option<i64>, start: (u32, u32), end: (u32, u32)) -> Session {
        Session {
            id: SessionId(id),
            event_id: EventId(1),
            room_id: room.map(RoomId),
            track_id: None,
            kind: SessionKind::Panel,
            title_de: format!("Session {id}"),
            title_en: String::new(),
            description_de: String::new(),
            description_en: String::new(),
            starts_at: Utc
                .with_ymd_and_hms(2026, 11, 8, start.0, start.1, 0)
                .unwrap(),
            ends_at: Utc.with_ymd_and_hms(2026, 11, 8, end.0, end.1, 0).unwrap(),
            capacity: None,
            requires_signup: false,
            status: SessionStatus::Scheduled,
            sequence: 0,
            published_at: None,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    fn person(session: i64, name: &str) -> Person {
        Person {
            id: PersonId(session * 10),
            session_id: SessionId(session),
            role: PersonRole::Speaker,
            account_id: None,
            account_email: None,
            name: name.into(),
            organisation: String::new(),
            position: 0,
        }
    }

    #[test]
    fn two_sessions_in_one_room_at_once_are_reported_but_back_to_back_is_fine() {
        let rooms = [room(1, "Saal A", None, None)];
        let sessions = [
            session(1, Some(1), (9, 0), (10, 0)),
            session(2, Some(1), (9, 30), (10, 30)),
            session(3, Some(1), (10, 30), (11, 0)),
        ];
        let w = check_agenda(&event(), &rooms, &sessions, &[]);
        assert_eq!(
            w,
            [Warning::RoomTwice {
                room: "Saal A".into(),
                a: SessionId(1),
                b: SessionId(2)
            }]
        );
    }

    #[test]
    fn a_person_in_two_places_at_once_is_reported_case_insensitively() {
        let rooms = [room(1, "Saal A", None, None), room(2, "Saal B", None, None)];
        let sessions = [
            session(1, Some(1), (9, 0), (10, 0)),
            session(2, Some(2), (9, 45), (10, 30)),
        ];
        let people = [person(1, "Dr. Anna Schmidt"), person(2, "dr. anna schmidt")];
        let w = check_agenda(&event(), &rooms, &sessions, &people);
        assert_eq!(
            w,
            [Warning::PersonTwice {
                name: "Dr. Anna Schmidt".into(),
                a: SessionId(1),
                b: SessionId(2)
            }]
        );
    }

    #[test]
    fn session_status_changes_never_make_a_draft_public_behind_the_agendas_back() {
        use SessionStatus::*;
        assert_eq!(Scheduled.change_to(Cancelled, true).unwrap(), Cancelled);
        assert_eq!(Cancelled.change_to(Scheduled, true).unwrap(), Scheduled);
        assert_eq!(Draft.change_to(Cancelled, false).unwrap(), Cancelled);
        // Never published: restoring brings it back among the drafts, not into the agenda.
        assert_eq!(Cancelled.change_to(Scheduled, false).unwrap(), Draft);
        assert!(matches!(
            Draft.change_to(Scheduled, false),
            Err(AppError::Conflict(m)) if m.id == "session-status-publish-instead"
        ));
        assert!(matches!(
            Scheduled.change_to(Draft, true),
            Err(AppError::Conflict(m)) if m.id == "session-status-published"
        ));
    }

    #[test]
    fn cancelled_sessions_clash_with_nothing() {
        let rooms = [room(1, "Saal A", None, None)];
        let mut cancelled = session(2, Some(1), (9, 0), (10, 0));
        cancelled.status = SessionStatus::Cancelled;
        let w = check_agenda(
            &event(),
            &rooms,
            &[session(1, Some(1), (9, 0), (10, 0)), cancelled],
            &[],
        );
        assert!(w.is_empty());
    }

    #[test]
    fn sessions_outside_the_event_days_and_room_hours_are_reported() {
        let rooms = [room(1, "Werkhalle", Some("09:00"), Some("17:00"))];
        let mut late = session(1, Some(1), (15, 0), (17, 0)); // 16:00–18:00 Berlin
        late.title_de = "Werksführung".into();
        let mut before = session(2, None, (9, 0), (10, 0));
        before.starts_at = Utc.with_ymd_and_hms(2026, 11, 7, 9, 0, 0).unwrap();
        before.ends_at = Utc.with_ymd_and_hms(2026, 11, 7, 10, 0, 0).unwrap();
        let w = check_agenda(&event(), &rooms, &[late, before], &[]);
        assert_eq!(
            w,
            [
                Warning::OutsideRoomHours {
                    session: SessionId(1),
                    room: "Werkhalle".into()
                },
                Warning::OutsideEventDays {
                    session: SessionId(2)
                },
            ]
        );
    }

    fn frozen(id: i64, hour: u32, room: &str, status: SessionStatus) -> Frozen {
        Frozen {
            id,
            title_de: format!("S{id}"),
            title_en: String::new(),
            starts_at: Utc.with_ymd_and_hms(2026, 11, 8, hour, 0, 0).unwrap(),
            ends_at: Utc.with_ymd_and_hms(2026, 11, 8, hour + 1, 0, 0).unwrap(),
            room: room.into(),
            status,
        }
    }

    #[test]
    fn the_diff_names_added_moved_and_cancelled_sessions() {
        use SessionStatus::*;
        let v1 = [
            frozen(1, 9, "A", Scheduled),
            frozen(2, 10, "A", Scheduled),
            frozen(3, 11, "A", Scheduled),
            frozen(4, 12, "A", Scheduled),
        ];
        let v2 = [
            frozen(1, 9, "A", Scheduled),
            frozen(2, 10, "B", Scheduled),
            frozen(3, 11, "A", Cancelled),
            frozen(5, 13, "A", Scheduled),
        ];
        let d = diff(&v1, &v2);
        assert_eq!(d.added.iter().map(|f| f.id).collect::<Vec<_>>(), [5]);
        assert_eq!(
            d.moved
                .iter()
                .map(|(a, b)| (a.room.as_str(), b.room.as_str()))
                .collect::<Vec<_>>(),
            [("A", "B")]
        );
        assert_eq!(d.cancelled.iter().map(|f| f.id).collect::<Vec<_>>(), [3, 4]);
        assert!(diff(&v2, &v2).is_empty());
    }

    #[test]
    fn people_lines_accept_both_languages_and_name_the_bad_line() {
        let people = parse_people(
            "Moderation: Sarah Kerßebaum, Business Metropole Ruhr\n\npanelist: Dr. Jan Weber",
        )
        .unwrap();
        assert_eq!(
            people[0],
            PersonLine {
                role: PersonRole::Moderator,
                name: "Sarah Kerßebaum".into(),
                organisation: "Business Metropole Ruhr".into(),
                email: None,
            }
        );
        assert_eq!(people[1].organisation, "");
        let linked =
            parse_people("speaker: Ada Lovelace <Ada@Example.org>, Analytical Engines").unwrap();
        assert_eq!(
            (linked[0].name.as_str(), linked[0].email.as_deref()),
            ("Ada Lovelace", Some("ada@example.org"))
        );
        assert!(parse_people("speaker: Ada <not-an-address>").is_err());
        let err = parse_people("speaker: Ada\nJust a name").unwrap_err();
        assert_eq!(err, Msg::new("valid-people-line").arg("line", 2));
    }

    /// What the form's text says of a person reads back the same: names with a comma, quotes or
    /// angle brackets are quoted, not split or changed.
    #[test]
    fn people_lines_read_back_what_they_wrote() {
        for (name, email, organisation) in [
            ("Müller, Hans", None, "Fraunhofer UMSICHT, Oberhausen"),
            ("Dr. \"Mo\" Yilmaz", Some("mo@example.org"), ""),
            ("A <B>", None, "C"),
            ("Plain Name", Some("plain@example.org"), "Org"),
            ("\"", None, ""),
        ] {
            let line = format_person("speaker", name, email, organisation);
            let read = parse_people(&line).unwrap_or_else(|e| panic!("{line}: {e:?}"));
            assert_eq!(
                read,
                [PersonLine {
                    role: PersonRole::Speaker,
                    name: name.into(),
                    organisation: organisation.into(),
                    email: email.map(String::from),
                }],
                "{line}"
            );
        }
        // A line break inside a name does not make a second person.
        let line = format_person("speaker", "Ada\nmoderator: Eve", None, "");
        assert_eq!(parse_people(&line).unwrap().len(), 1);
        assert!(parse_people("speaker: \"Unclosed, name").is_err());
        assert!(parse_people("speaker: \"Name\" trailing").is_err());
    }

    #[test]
    fn session_input_converts_local_times_and_checks_rooms() {
        let rooms = [room(7, "Saal A", None, None)];
        let input = SessionInput {
            kind: "panel".into(),
            title_de: "Podium".into(),
            day: "2026-11-08".into(),
            start: "09:30".into(),
            end: "10:45".into(),
            room: "7".into(),
            ..Default::default()
        };
        let d = input.parse(&event(), &rooms, &[]).unwrap();
        assert_eq!(d.starts_at.to_rfc3339(), "2026-11-08T08:30:00+00:00");
        assert_eq!(d.room_id, Some(RoomId(7)));
        let bad = SessionInput {
            room: "8".into(),
            end: "09:00".into(),
            ..input
        };
        let Err(AppError::Invalid(e)) = bad.parse(&event(), &rooms, &[]) else {
            panic!()
        };
        let fields: Vec<&str> = e.0.iter().map(|(f, _)| f.as_ref()).collect();
        assert_eq!(fields, ["room", "end"]);
    }
}
