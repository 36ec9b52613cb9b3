//! Matchmaking's data and rules: settings, topics, matchmaking sessions with their timetable,
//! profiles with marketplace entries, requests and meetings; the input checks of every form and
//! body, and the ranking of suggested partners. Pure: no I/O.

use std::collections::{BTreeSet, HashSet};

use chrono::{DateTime, NaiveTime, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::schedule;
use crate::error::{FieldErrors, Msg};
use crate::ids::{AccountId, EventId, SessionId};
use convene_frontend::Lang;

/// The longest texts we keep, in characters.
pub const MAX_ORGANISATION: usize = 200;
pub const MAX_DESCRIPTION: usize = 2_000;
pub const MAX_TITLE: usize = 120;
pub const MAX_BODY: usize = 2_000;
pub const MAX_MESSAGE: usize = 500;
pub const MAX_REASON: usize = 500;
/// At most this many tables per session, and meetings per person per session.
pub const MAX_TABLES: usize = 500;
pub const MAX_PER_PERSON: i64 = 50;

/// What a marketplace entry is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, sqlx::Type, Serialize, Deserialize, poem_openapi::Enum,
)]
#[sqlx(type_name = "text", rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
#[oai(rename_all = "snake_case")]
pub enum EntryKind {
    /// Something the person offers: a product, a service, a technology.
    Offer,
    /// Something the person looks for.
    Request,
    /// A joint project the person wants partners for.
    Cooperation,
    /// Know-how the person can share.
    Expertise,
}

impl EntryKind {
    pub const ALL: [EntryKind; 4] = [
        EntryKind::Offer,
        EntryKind::Request,
        EntryKind::Cooperation,
        EntryKind::Expertise,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Offer => "offer",
            EntryKind::Request => "request",
            EntryKind::Cooperation => "cooperation",
            EntryKind::Expertise => "expertise",
        }
    }

    pub fn parse(s: &str) -> Option<EntryKind> {
        EntryKind::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }

    /// The Fluent id of the kind's name.
    pub fn label_id(self) -> &'static str {
        match self {
            EntryKind::Offer => "mm-kind-offer",
            EntryKind::Request => "mm-kind-request",
            EntryKind::Cooperation => "mm-kind-cooperation",
            EntryKind::Expertise => "mm-kind-expertise",
        }
    }
}

/// Where a meeting request stands.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, sqlx::Type, Serialize, Deserialize, poem_openapi::Enum,
)]
#[sqlx(type_name = "text", rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
#[oai(rename_all = "snake_case")]
pub enum RequestStatus {
    /// Waiting for the receiver's answer.
    Pending,
    /// Both want to meet; the meeting may or may not have a slot yet.
    Accepted,
    /// The receiver said no (with a reason).
    Declined,
    /// Withdrawn by the sender, or the agreed meeting was called off (by either or the
    /// organisers).
    Cancelled,
}

impl RequestStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RequestStatus::Pending => "pending",
            RequestStatus::Accepted => "accepted",
            RequestStatus::Declined => "declined",
            RequestStatus::Cancelled => "cancelled",
        }
    }

    pub fn label_id(self) -> &'static str {
        match self {
            RequestStatus::Pending => "mm-status-pending",
            RequestStatus::Accepted => "mm-status-accepted",
            RequestStatus::Declined => "mm-status-declined",
            RequestStatus::Cancelled => "mm-status-cancelled",
        }
    }

    /// Pending and accepted requests are open: a pair has at most one.
    pub fn is_open(self) -> bool {
        matches!(self, RequestStatus::Pending | RequestStatus::Accepted)
    }
}

/// Which registered people may take part.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, sqlx::Type, Serialize, Deserialize, poem_openapi::Enum,
)]
#[sqlx(type_name = "text", rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
#[oai(rename_all = "snake_case")]
pub enum Audience {
    /// Everyone with a registration that is pending or confirmed.
    Registered,
    /// Only confirmed (approved) registrations.
    Approved,
}

impl Audience {
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Registered => "registered",
            Audience::Approved => "approved",
        }
    }

    pub fn parse(s: &str) -> Option<Audience> {
        [Audience::Registered, Audience::Approved]
            .into_iter()
            .find(|a| a.as_str() == s.trim())
    }

    /// Whether a registration in `status` may take part.
    pub fn admits(self, status: crate::registration::model::RegistrationStatus) -> bool {
        use crate::registration::model::RegistrationStatus as S;
        match self {
            Audience::Registered => matches!(status, S::Pending | S::Confirmed),
            Audience::Approved => status == S::Confirmed,
        }
    }
}

/// An event's matchmaking settings.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Settings {
    pub event_id: EventId,
    pub enabled: bool,
    pub acceptance_required: bool,
    pub audience: Audience,
    pub max_per_person: i64,
    pub locked: bool,
    pub updated_at: DateTime<Utc>,
}

/// A topic tag the organisers offer for profiles.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct Topic {
    pub id: i64,
    pub event_id: EventId,
    pub name_de: String,
    pub name_en: String,
    pub position: i64,
}

impl Topic {
    pub fn name(&self, lang: Lang) -> &str {
        crate::event::model::pick(lang, &self.name_de, &self.name_en)
    }
}

/// A matchmaking session: meeting slots inside an agenda session, at named tables.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MmSession {
    pub id: i64,
    pub event_id: EventId,
    pub agenda_session_id: SessionId,
    pub slot_minutes: i64,
    pub gap_minutes: i64,
    pub tables: String,
    pub breaks: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl MmSession {
    /// The table names, in order; their index is the table number.
    pub fn table_names(&self) -> Vec<String> {
        parse_tables(&self.tables).unwrap_or_default()
    }

    /// The session's slots between the agenda session's start and end, breaks left out.
    pub fn timetable(
        &self,
        starts_at: DateTime<Utc>,
        ends_at: DateTime<Utc>,
        tz: Tz,
    ) -> Vec<schedule::Slot> {
        let breaks = parse_breaks(&self.breaks).unwrap_or_default();
        timetable(
            self.id,
            starts_at,
            ends_at,
            self.slot_minutes,
            self.gap_minutes,
            &break_spans(&breaks, starts_at, tz),
        )
    }
}

/// The slots of a matchmaking session that fit between `starts_at` and `ends_at`.
pub fn timetable(
    id: i64,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    slot_minutes: i64,
    gap_minutes: i64,
    breaks: &[schedule::Span],
) -> Vec<schedule::Slot> {
    let slot_minutes = slot_minutes.clamp(1, 24 * 60);
    let minutes = (ends_at - starts_at).num_minutes().max(0);
    // An upper bound on the slots (breaks only take some away).
    let most = usize::try_from(minutes / slot_minutes + 1).unwrap_or(0);
    let session = schedule::Session {
        id,
        starts_at,
        slot_minutes: u32::try_from(slot_minutes).unwrap_or(1),
        gap_minutes: u32::try_from(gap_minutes.clamp(0, 24 * 60)).unwrap_or(0),
        slots: most,
        breaks: breaks.to_vec(),
        tables: 0,
    };
    session
        .timetable()
        .into_iter()
        .take_while(|s| s.ends_at <= ends_at)
        .collect()
}

/// Breaks given as local times of the day `day_of` falls on (in `tz`), as instants.
pub fn break_spans(
    breaks: &[(NaiveTime, NaiveTime)],
    day_of: DateTime<Utc>,
    tz: Tz,
) -> Vec<schedule::Span> {
    let day = day_of.with_timezone(&tz).date_naive();
    breaks
        .iter()
        .filter_map(|(from, to)| {
            let at = |t: NaiveTime| {
                tz.from_local_datetime(&day.and_time(t))
                    .earliest()
                    .map(|d| d.with_timezone(&Utc))
            };
            Some(schedule::Span {
                starts_at: at(*from)?,
                ends_at: at(*to)?,
            })
        })
        .collect()
}

/// Table names, one per line; a number alone ("12") means that many tables "1" … "12".
///
/// # Errors
/// The message for the form: no tables, too many, or a name given twice.
/// How a table is named to people: a table given by number only ("7") reads "Tisch 7" /
/// "Table 7"; a named one ("Tisch 7", "Stand B4", "Lounge") reads as its name, so no message
/// says "Tisch Tisch 7".
pub fn table_label(lang: convene_frontend::Lang, name: &str) -> String {
    if !name.is_empty() && name.bytes().all(|b| b.is_ascii_digit()) {
        lang.tr()
            .msg_args("mm-table-label", &[("table", name.to_string())])
    } else {
        name.to_string()
    }
}

pub fn parse_tables(text: &str) -> Result<Vec<String>, Msg> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if let [one] = lines.as_slice()
        && let Ok(n) = one.parse::<usize>()
    {
        if n == 0 {
            return Err(Msg::new("mm-tables-none"));
        }
        if n > MAX_TABLES {
            return Err(Msg::new("mm-tables-too-many").arg("max", MAX_TABLES));
        }
        return Ok((1..=n).map(|i| i.to_string()).collect());
    }
    if lines.is_empty() {
        return Err(Msg::new("mm-tables-none"));
    }
    if lines.len() > MAX_TABLES {
        return Err(Msg::new("mm-tables-too-many").arg("max", MAX_TABLES));
    }
    let mut seen = HashSet::new();
    let mut names = Vec::with_capacity(lines.len());
    for l in lines {
        let name: String = l.chars().take(80).collect();
        if !seen.insert(name.to_lowercase()) {
            return Err(Msg::new("mm-tables-twice").arg("name", name));
        }
        names.push(name);
    }
    Ok(names)
}

/// Breaks, one "HH:MM-HH:MM" (or "HH:MM–HH:MM") per line, in the event's local time.
///
/// # Errors
/// The message for the form naming the line that is not a break.
pub fn parse_breaks(text: &str) -> Result<Vec<(NaiveTime, NaiveTime)>, Msg> {
    let mut out = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let bad = || Msg::new("mm-break-invalid").arg("line", line);
        let (from, to) = line.split_once(['-', '–']).ok_or_else(bad)?;
        let parse = |s: &str| NaiveTime::parse_from_str(s.trim(), "%H:%M").map_err(|_| bad());
        let (from, to) = (parse(from)?, parse(to)?);
        if to <= from {
            return Err(bad());
        }
        out.push((from, to));
    }
    Ok(out)
}

/// A profile: who a participant is for matchmaking at one event.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Profile {
    pub id: i64,
    pub event_id: EventId,
    pub account_id: AccountId,
    pub organisation: String,
    pub country: String,
    pub description: String,
    pub hidden: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// From the account.
    pub name: String,
    pub email: String,
    pub language: String,
}

impl Profile {
    pub fn lang(&self) -> Lang {
        Lang::from_code(&self.language).unwrap_or_default()
    }
}

/// A marketplace entry of a profile.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Entry {
    pub id: i64,
    pub profile_id: i64,
    pub kind: EntryKind,
    pub title: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A meeting request between two profiles.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Request {
    pub id: i64,
    pub event_id: EventId,
    pub from_profile: i64,
    pub to_profile: i64,
    pub message: String,
    pub status: RequestStatus,
    pub reason: String,
    pub closed_by: Option<AccountId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Request {
    /// The other side of the request, seen from `profile`.
    pub fn other(&self, profile: i64) -> i64 {
        if self.from_profile == profile {
            self.to_profile
        } else {
            self.from_profile
        }
    }

    pub fn involves(&self, profile: i64) -> bool {
        self.from_profile == profile || self.to_profile == profile
    }
}

/// A meeting at a table in a slot of a matchmaking session.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Meeting {
    pub id: i64,
    pub event_id: EventId,
    pub request_id: i64,
    pub session_id: i64,
    pub slot: i64,
    pub table_no: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub sequence: i64,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// From the request.
    pub from_profile: i64,
    pub to_profile: i64,
}

impl Meeting {
    pub fn involves(&self, profile: i64) -> bool {
        self.from_profile == profile || self.to_profile == profile
    }

    pub fn other(&self, profile: i64) -> i64 {
        if self.from_profile == profile {
            self.to_profile
        } else {
            self.from_profile
        }
    }
}

// --- Input -----------------------------------------------------------------------------------

fn text(
    errors: &mut FieldErrors,
    field: &'static str,
    value: &str,
    max: usize,
    required: bool,
) -> String {
    // Control characters go (a CR of a CRLF with them); line breaks and tabs stay.
    let v = crate::text::visible(value, true);
    if required && v.is_empty() {
        errors.add(field, "mm-field-required");
    } else if v.chars().count() > max {
        errors.add_msg(field, Msg::new("mm-field-too-long").arg("max", max));
    }
    v
}

/// The organisers' settings form or body.
#[derive(Debug, Clone, Default)]
pub struct SettingsInput {
    pub enabled: bool,
    pub acceptance_required: bool,
    pub audience: String,
    pub max_per_person: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidSettings {
    pub enabled: bool,
    pub acceptance_required: bool,
    pub audience: Audience,
    pub max_per_person: i64,
}

impl SettingsInput {
    /// # Errors
    /// Field errors for an unknown audience or a limit outside 1 … 50.
    pub fn validate(&self) -> Result<ValidSettings, FieldErrors> {
        let mut errors = FieldErrors::default();
        let audience = Audience::parse(&self.audience);
        if audience.is_none() {
            errors.add("audience", "mm-audience-invalid");
        }
        let max = self.max_per_person.trim().parse::<i64>().ok();
        let max = match max {
            Some(n) if (1..=MAX_PER_PERSON).contains(&n) => Some(n),
            _ => {
                errors.add_msg(
                    "max_per_person",
                    Msg::new("mm-max-invalid").arg("max", MAX_PER_PERSON),
                );
                None
            }
        };
        match (audience, max) {
            (Some(audience), Some(max_per_person)) if errors.is_empty() => Ok(ValidSettings {
                enabled: self.enabled,
                acceptance_required: self.acceptance_required,
                audience,
                max_per_person,
            }),
            _ => Err(errors),
        }
    }
}

/// A matchmaking session's form or body.
#[derive(Debug, Clone, Default)]
pub struct SessionInput {
    pub agenda_session_id: String,
    pub slot_minutes: String,
    pub gap_minutes: String,
    pub tables: String,
    pub breaks: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidSession {
    pub agenda_session_id: SessionId,
    pub slot_minutes: i64,
    pub gap_minutes: i64,
    /// Normalised: one name per line.
    pub tables: String,
    pub table_count: usize,
    /// Normalised: one "HH:MM-HH:MM" per line.
    pub breaks: String,
    pub break_times: Vec<(NaiveTime, NaiveTime)>,
}

impl SessionInput {
    /// # Errors
    /// Field errors: no agenda session, slot length outside 5 … 240 minutes, gap outside
    /// 0 … 60, tables or breaks that do not parse.
    pub fn validate(&self) -> Result<ValidSession, FieldErrors> {
        let mut errors = FieldErrors::default();
        let agenda = self.agenda_session_id.trim().parse::<i64>().ok();
        if agenda.is_none() {
            errors.add("agenda_session_id", "mm-session-agenda-required");
        }
        let slot = self.slot_minutes.trim().parse::<i64>().ok();
        let slot = slot.filter(|n| (5..=240).contains(n));
        if slot.is_none() {
            errors.add("slot_minutes", "mm-slot-minutes-invalid");
        }
        let gap = if self.gap_minutes.trim().is_empty() {
            Some(0)
        } else {
            self.gap_minutes
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|n| (0..=60).contains(n))
        };
        if gap.is_none() {
            errors.add("gap_minutes", "mm-gap-minutes-invalid");
        }
        let tables = errors.check("tables", parse_tables(&self.tables));
        let breaks = errors.check("breaks", parse_breaks(&self.breaks));
        match (agenda, slot, gap, tables, breaks) {
            (Some(a), Some(slot), Some(gap), Some(tables), Some(breaks)) if errors.is_empty() => {
                Ok(ValidSession {
                    agenda_session_id: SessionId(a),
                    slot_minutes: slot,
                    gap_minutes: gap,
                    table_count: tables.len(),
                    tables: tables.join("\n"),
                    breaks: breaks
                        .iter()
                        .map(|(f, t)| format!("{}-{}", f.format("%H:%M"), t.format("%H:%M")))
                        .collect::<Vec<_>>()
                        .join("\n"),
                    break_times: breaks,
                })
            }
            _ => Err(errors),
        }
    }
}

/// A profile's form or body.
#[derive(Debug, Clone, Default)]
pub struct ProfileInput {
    pub organisation: String,
    pub country: String,
    pub description: String,
    /// Topic ids.
    pub topics: Vec<String>,
    pub hidden: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidProfile {
    pub organisation: String,
    pub country: String,
    pub description: String,
    pub topics: BTreeSet<i64>,
    pub hidden: bool,
}

impl ProfileInput {
    /// `topics` are the event's topic ids.
    ///
    /// # Errors
    /// Field errors: organisation missing or too long, unknown country or topic, description
    /// too long.
    pub fn validate(&self, topics: &[Topic]) -> Result<ValidProfile, FieldErrors> {
        let mut errors = FieldErrors::default();
        let organisation = text(
            &mut errors,
            "organisation",
            &self.organisation,
            MAX_ORGANISATION,
            true,
        );
        let description = text(
            &mut errors,
            "description",
            &self.description,
            MAX_DESCRIPTION,
            false,
        );
        let country = self.country.trim().to_uppercase();
        if !country.is_empty() && crate::countries::name(&country, Lang::En).is_none() {
            errors.add("country", "mm-country-invalid");
        }
        let mut chosen = BTreeSet::new();
        for t in self
            .topics
            .iter()
            .map(|t| t.trim())
            .filter(|t| !t.is_empty())
        {
            match t
                .parse::<i64>()
                .ok()
                .filter(|id| topics.iter().any(|x| x.id == *id))
            {
                Some(id) => {
                    chosen.insert(id);
                }
                None => {
                    errors.add("topics", "mm-topic-invalid");
                    break;
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ValidProfile {
            organisation,
            country,
            description,
            topics: chosen,
            hidden: self.hidden,
        })
    }
}

/// A marketplace entry's form or body.
#[derive(Debug, Clone, Default)]
pub struct EntryInput {
    pub kind: String,
    pub title: String,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidEntry {
    pub kind: EntryKind,
    pub title: String,
    pub body: String,
}

impl EntryInput {
    /// # Errors
    /// Field errors: unknown kind, title missing or too long, text too long.
    pub fn validate(&self) -> Result<ValidEntry, FieldErrors> {
        let mut errors = FieldErrors::default();
        let kind = EntryKind::parse(&self.kind);
        if kind.is_none() {
            errors.add("kind", "mm-kind-invalid");
        }
        let title = text(&mut errors, "title", &self.title, MAX_TITLE, true);
        let body = text(&mut errors, "body", &self.body, MAX_BODY, false);
        match kind {
            Some(kind) if errors.is_empty() => Ok(ValidEntry { kind, title, body }),
            _ => Err(errors),
        }
    }
}

/// A short free text (request message, decline or cancel reason), trimmed and checked.
///
/// # Errors
/// Field errors when required and empty, or too long.
pub fn short_text(
    field: &'static str,
    value: &str,
    max: usize,
    required: bool,
) -> Result<String, FieldErrors> {
    let mut errors = FieldErrors::default();
    let v = text(&mut errors, field, value, max, required);
    if errors.is_empty() {
        Ok(v)
    } else {
        Err(errors)
    }
}

// --- Suggested partners ----------------------------------------------------------------------

/// What the ranking needs to know of a profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub profile: i64,
    pub topics: BTreeSet<i64>,
    pub entries: Vec<(EntryKind, String)>,
}

/// Why a profile is suggested.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Why {
    /// The topic ids both chose.
    SharedTopics(Vec<i64>),
    /// Their offer (title) answers my request (title).
    TheirOfferMyRequest { offer: String, request: String },
    /// My offer answers their request.
    MyOfferTheirRequest { offer: String, request: String },
    /// Both look for cooperation partners.
    BothCooperate,
}

/// A suggested partner with the score it was ranked by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub profile: i64,
    pub score: u32,
    pub why: Vec<Why>,
}

/// Words that say nothing about what an entry is about.
const STOP: &[&str] = &[
    "about", "after", "aller", "alles", "andere", "anderen", "auch", "being", "between", "dabei",
    "damit", "deren", "diese", "diesem", "dieser", "durch", "eine", "einem", "einen", "einer",
    "eines", "from", "für", "have", "ihre", "ihren", "into", "jeder", "können", "looking", "mehr",
    "nach", "oder", "other", "partner", "partners", "partnern", "project", "projects", "projekt",
    "projekte", "sowie", "suchen", "their", "these", "this", "unsere", "unserer", "unter", "which",
    "with", "wird", "within", "zwischen",
];

fn words(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 4 && !STOP.contains(&w.as_str()))
        .collect()
}

/// Whether an offer and a request speak of the same thing: they share a word of four or more
/// letters that is not a filler word.
fn answers(offer: &str, request: &str) -> bool {
    !words(offer).is_disjoint(&words(request))
}

/// Other profiles ranked for `me`: 3 points per shared topic, 4 per offer of theirs that
/// answers a request of mine and per offer of mine that answers a request of theirs (same
/// words in title or text), 1 when both seek cooperation. Profiles in `exclude` (myself, people
/// I already have an open request with) and those scoring nothing are left out. Best first;
/// ties by profile id. At most `limit`.
pub fn suggest(
    me: &Facts,
    others: &[Facts],
    exclude: &HashSet<i64>,
    limit: usize,
) -> Vec<Suggestion> {
    let mut out: Vec<Suggestion> = others
        .iter()
        .filter(|o| o.profile != me.profile && !exclude.contains(&o.profile))
        .filter_map(|o| {
            let mut why = Vec::new();
            let mut score = 0u32;
            let shared: Vec<i64> = me.topics.intersection(&o.topics).copied().collect();
            if !shared.is_empty() {
                score += 3 * u32::try_from(shared.len()).unwrap_or(u32::MAX / 4);
                why.push(Why::SharedTopics(shared));
            }
            let of = |f: &Facts, k: EntryKind| -> Vec<String> {
                f.entries
                    .iter()
                    .filter(|(kind, _)| *kind == k)
                    .map(|(_, t)| t.clone())
                    .collect()
            };
            for offer in of(o, EntryKind::Offer) {
                for request in of(me, EntryKind::Request) {
                    if answers(&offer, &request) {
                        score += 4;
                        why.push(Why::TheirOfferMyRequest {
                            offer: first_line(&offer),
                            request: first_line(&request),
                        });
                    }
                }
            }
            for offer in of(me, EntryKind::Offer) {
                for request in of(o, EntryKind::Request) {
                    if answers(&offer, &request) {
                        score += 4;
                        why.push(Why::MyOfferTheirRequest {
                            offer: first_line(&offer),
                            request: first_line(&request),
                        });
                    }
                }
            }
            if !of(me, EntryKind::Cooperation).is_empty()
                && !of(o, EntryKind::Cooperation).is_empty()
            {
                score += 1;
                why.push(Why::BothCooperate);
            }
            (score > 0).then_some(Suggestion {
                profile: o.profile,
                score,
                why,
            })
        })
        .collect();
    out.sort_by(|a, b| b.score.cmp(&a.score).then(a.profile.cmp(&b.profile)));
    out.truncate(limit);
    out
}

/// An entry's facts carry "title\ntext"; reasons name the title.
fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or_default().to_string()
}

/// The pair key of two profiles (lower id first): one open request per pair.
pub fn pair(a: i64, b: i64) -> (i64, i64) {
    (a.min(b), a.max(b))
}

/// Slot times for display: the same slot index means the same time within a session.
pub fn slot_span(slots: &[schedule::Slot], index: i64) -> Option<schedule::Span> {
    usize::try_from(index)
        .ok()
        .and_then(|i| slots.get(i))
        .map(schedule::Slot::span)
}

/// A minute count as a duration.
pub fn minutes(n: i64) -> TimeDelta {
    TimeDelta::minutes(n)
}

/// Where a meeting goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub session: i64,
    pub slot: i64,
    pub table: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_tables_get_the_word_and_named_ones_keep_their_name() {
        use convene_frontend::Lang;
        assert_eq!(table_label(Lang::De, "7"), "Tisch 7");
        assert_eq!(table_label(Lang::En, "7"), "Table 7");
        assert_eq!(table_label(Lang::De, "Tisch 7"), "Tisch 7");
        assert_eq!(table_label(Lang::En, "Stand B4"), "Stand B4");
    }
    use chrono::TimeZone;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        // 2027-11-08 is CET (UTC+1).
        chrono_tz::Europe::Berlin
            .with_ymd_and_hms(2027, 11, 8, h, m, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn a_timetable_fits_the_slots_into_the_agenda_session_around_its_breaks() {
        let breaks = parse_breaks("15:30-15:45").unwrap();
        let spans = break_spans(&breaks, at(14, 0), chrono_tz::Europe::Berlin);
        let slots = timetable(1, at(14, 0), at(17, 0), 20, 5, &spans);
        let starts: Vec<DateTime<Utc>> = slots.iter().map(|s| s.starts_at).collect();
        // 14:00 14:25 14:50 15:15 (ends 15:35 overlaps the break → 15:45) 16:10 16:35 (ends 16:55).
        assert_eq!(
            starts,
            vec![
                at(14, 0),
                at(14, 25),
                at(14, 50),
                at(15, 45),
                at(16, 10),
                at(16, 35)
            ]
        );
        assert!(slots.iter().all(|s| s.ends_at <= at(17, 0)));
        assert_eq!(
            slots.iter().map(|s| s.index).collect::<Vec<_>>(),
            (0..6).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_session_too_short_for_one_slot_has_none() {
        assert!(timetable(1, at(14, 0), at(14, 15), 20, 0, &[]).is_empty());
        assert_eq!(timetable(1, at(14, 0), at(14, 20), 20, 0, &[]).len(), 1);
    }

    #[test]
    fn tables_are_named_one_per_line_or_counted() {
        assert_eq!(parse_tables("3").unwrap(), vec!["1", "2", "3"]);
        assert_eq!(
            parse_tables(" Booth A \n\nBooth B\n").unwrap(),
            vec!["Booth A", "Booth B"]
        );
        assert_eq!(parse_tables("").unwrap_err().id, "mm-tables-none");
        assert_eq!(parse_tables("0").unwrap_err().id, "mm-tables-none");
        assert_eq!(parse_tables("501").unwrap_err().id, "mm-tables-too-many");
        assert_eq!(parse_tables("A\na").unwrap_err().id, "mm-tables-twice");
    }

    #[test]
    fn breaks_parse_with_either_dash_and_refuse_nonsense() {
        let b = parse_breaks("15:30-15:45\n16:00–16:10").unwrap();
        assert_eq!(b.len(), 2);
        assert_eq!(b[1].0, NaiveTime::from_hms_opt(16, 0, 0).unwrap());
        for bad in ["15:30", "15:45-15:30", "25:00-26:00", "noon-1pm"] {
            let e = parse_breaks(bad).unwrap_err();
            assert_eq!(e.id, "mm-break-invalid", "{bad}");
        }
    }

    #[test]
    fn session_input_names_every_bad_field() {
        let bad = SessionInput {
            agenda_session_id: "x".into(),
            slot_minutes: "3".into(),
            gap_minutes: "-1".into(),
            tables: String::new(),
            breaks: "later".into(),
        };
        let e = bad.validate().unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|(f, _)| f.as_ref()).collect();
        assert_eq!(
            fields,
            vec![
                "agenda_session_id",
                "slot_minutes",
                "gap_minutes",
                "tables",
                "breaks"
            ]
        );
        let good = SessionInput {
            agenda_session_id: "7".into(),
            slot_minutes: "20".into(),
            gap_minutes: String::new(),
            tables: "4".into(),
            breaks: "15:30 - 15:45".into(),
        }
        .validate()
        .unwrap();
        assert_eq!(good.table_count, 4);
        assert_eq!(good.breaks, "15:30-15:45");
        assert_eq!(good.gap_minutes, 0);
    }

    #[test]
    fn settings_refuse_a_limit_out_of_range_and_an_unknown_audience() {
        let mut s = SettingsInput {
            enabled: true,
            acceptance_required: true,
            audience: "approved".into(),
            max_per_person: "6".into(),
        };
        assert_eq!(s.validate().unwrap().audience, Audience::Approved);
        s.max_per_person = "0".into();
        s.audience = "everyone".into();
        let e = s.validate().unwrap_err();
        assert_eq!(e.0.len(), 2);
    }

    #[test]
    fn profiles_need_an_organisation_and_known_topics_and_country() {
        let topics = vec![Topic {
            id: 5,
            event_id: EventId(1),
            name_de: "Wasserstoff".into(),
            name_en: "Hydrogen".into(),
            position: 0,
        }];
        let ok = ProfileInput {
            organisation: " Hydrogen Cluster ".into(),
            country: "nl".into(),
            description: String::new(),
            topics: vec!["5".into(), "5".into()],
            hidden: false,
        }
        .validate(&topics)
        .unwrap();
        assert_eq!(ok.organisation, "Hydrogen Cluster");
        assert_eq!(ok.country, "NL");
        assert_eq!(ok.topics.len(), 1);
        let e = ProfileInput {
            organisation: " ".into(),
            country: "XX".into(),
            description: "x".repeat(MAX_DESCRIPTION + 1),
            topics: vec!["6".into()],
            hidden: false,
        }
        .validate(&topics)
        .unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|(f, _)| f.as_ref()).collect();
        assert_eq!(
            fields,
            vec!["organisation", "description", "country", "topics"]
        );
    }

    fn facts(profile: i64, topics: &[i64], entries: &[(EntryKind, &str)]) -> Facts {
        Facts {
            profile,
            topics: topics.iter().copied().collect(),
            entries: entries.iter().map(|(k, t)| (*k, t.to_string())).collect(),
        }
    }

    #[test]
    fn suggestions_rank_shared_topics_and_offers_that_answer_requests() {
        let me = facts(
            1,
            &[10, 11],
            &[(EntryKind::Request, "Elektrolyseure für grünen Wasserstoff")],
        );
        let others = vec![
            facts(2, &[10], &[]),
            facts(
                3,
                &[12],
                &[(EntryKind::Offer, "Elektrolyseure im Megawattbereich")],
            ),
            facts(
                4,
                &[10, 11],
                &[(EntryKind::Offer, "Wasserstoff-Elektrolyseure")],
            ),
            facts(5, &[12], &[(EntryKind::Offer, "Software für Logistik")]),
            facts(1, &[10, 11], &[]),
        ];
        let s = suggest(&me, &others, &HashSet::new(), 10);
        let ranked: Vec<(i64, u32)> = s.iter().map(|s| (s.profile, s.score)).collect();
        // 4: two topics (6) + an offer answering my request (4); 3: the offer (4); 2: a topic (3).
        assert_eq!(ranked, vec![(4, 10), (3, 4), (2, 3)]);
        assert!(matches!(s[1].why[0], Why::TheirOfferMyRequest { .. }));
        let excluded: HashSet<i64> = [4].into_iter().collect();
        let s = suggest(&me, &others, &excluded, 1);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].profile, 3);
    }

    #[test]
    fn my_offer_answering_their_request_counts_too() {
        let me = facts(1, &[], &[(EntryKind::Offer, "Quantum sensing testbeds")]);
        let other = facts(
            2,
            &[],
            &[(EntryKind::Request, "Access to quantum testbeds")],
        );
        let s = suggest(&me, &[other], &HashSet::new(), 5);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].score, 4);
        assert!(matches!(s[0].why[0], Why::MyOfferTheirRequest { .. }));
    }

    #[test]
    fn filler_words_do_not_make_a_match() {
        assert!(!answers(
            "Partner for projects",
            "Looking for partners in projects"
        ));
        assert!(answers("Battery recycling", "recycling of batteries"));
    }

    #[test]
    fn audiences_admit_the_registrations_they_name() {
        use crate::registration::model::RegistrationStatus as S;
        assert!(Audience::Registered.admits(S::Pending));
        assert!(!Audience::Approved.admits(S::Pending));
        assert!(Audience::Approved.admits(S::Confirmed));
        assert!(!Audience::Registered.admits(S::Waitlisted));
        assert!(!Audience::Registered.admits(S::Cancelled));
    }

    #[test]
    fn pairs_are_ordered() {
        assert_eq!(pair(9, 3), (3, 9));
        assert_eq!(pair(3, 9), (3, 9));
    }
}
