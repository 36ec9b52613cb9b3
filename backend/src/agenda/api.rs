//! JSON API for agendas: rooms, tracks, sessions, publishing and published changes. Reading is
//! public (drafts only for organisers); writing is for the event's organisers.

use chrono::{DateTime, Utc};
use poem::Request;
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

use super::model::{Frozen, RoomInput, SessionInput, SessionStatus, TrackInput};
use super::service::{self, Agenda};
use crate::error::{AppError, FieldErrors, Msg};
use crate::event::service as events;
use crate::http::api::{ApiAuth, ApiError, ApiTags, Created, CreatedBody, maybe_actor};
use crate::ids::{RoomId, SessionId};
use crate::state::AppState;

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "Room")]
pub struct RoomBody {
    pub id: i64,
    pub name: String,
    pub capacity: Option<i64>,
    /// Local `HH:MM` from which the room can be used.
    pub available_from: Option<String>,
    pub available_until: Option<String>,
}

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct RoomInputBody {
    pub name: String,
    pub capacity: Option<i64>,
    pub available_from: Option<String>,
    pub available_until: Option<String>,
}

impl From<RoomInputBody> for RoomInput {
    fn from(b: RoomInputBody) -> Self {
        RoomInput {
            name: b.name,
            capacity: b.capacity.map(|c| c.to_string()).unwrap_or_default(),
            available_from: b.available_from.unwrap_or_default(),
            available_until: b.available_until.unwrap_or_default(),
        }
    }
}

#[derive(Object, Debug)]
#[oai(rename = "Track")]
pub struct TrackBody {
    pub id: i64,
    pub name_de: String,
    pub name_en: String,
}

#[derive(Object, Debug)]
pub struct TrackInputBody {
    pub name_de: String,
    #[oai(default)]
    pub name_en: String,
}

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "SessionPerson")]
pub struct PersonBody {
    /// `speaker`, `moderator` or `panelist`.
    pub role: String,
    pub name: String,
    #[oai(default)]
    pub organisation: String,
    /// The e-mail address of the person's account, when linked (organisers only; sending it
    /// back keeps the link).
    #[oai(skip_serializing_if_is_none)]
    pub email: Option<String>,
}

/// An agenda session.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "Session")]
pub struct SessionBody {
    pub id: i64,
    /// keynote, panel, talk, workshop, pitching, matchmaking, site_visit, break, networking.
    pub kind: String,
    pub title_de: String,
    pub title_en: String,
    pub description_de: String,
    pub description_en: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// Local date and time of the start in the event's zone, `YYYY-MM-DDTHH:MM`.
    pub local_start: String,
    pub local_end: String,
    /// The start's local day, `YYYY-MM-DD`, and the local start and end, `HH:MM`, as an update
    /// takes them.
    pub day: String,
    pub start: String,
    pub end: String,
    /// `earlier` or `later` when the local start happens twice (the clocks go back that
    /// night), else absent: send it back with the local time to keep the instant.
    #[oai(skip_serializing_if_is_none)]
    pub start_fold: Option<String>,
    #[oai(skip_serializing_if_is_none)]
    pub end_fold: Option<String>,
    pub room_id: Option<i64>,
    pub track_id: Option<i64>,
    pub capacity: Option<i64>,
    pub requires_signup: bool,
    /// `draft`, `scheduled` or `cancelled`.
    pub status: String,
    /// Grows with every change (the iCalendar SEQUENCE).
    pub sequence: i64,
    pub people: Vec<PersonBody>,
}

fn session_body(agenda: &Agenda, s: &super::Session, organiser: bool) -> SessionBody {
    let tz = agenda.event.tz();
    SessionBody {
        id: s.id.0,
        kind: s.kind.as_str().into(),
        title_de: s.title_de.clone(),
        title_en: s.title_en.clone(),
        description_de: s.description_de.clone(),
        description_en: s.description_en.clone(),
        starts_at: s.starts_at,
        ends_at: s.ends_at,
        local_start: s
            .starts_at
            .with_timezone(&tz)
            .format("%Y-%m-%dT%H:%M")
            .to_string(),
        local_end: s
            .ends_at
            .with_timezone(&tz)
            .format("%Y-%m-%dT%H:%M")
            .to_string(),
        day: s
            .starts_at
            .with_timezone(&tz)
            .format("%Y-%m-%d")
            .to_string(),
        start: s.starts_at.with_timezone(&tz).format("%H:%M").to_string(),
        end: s.ends_at.with_timezone(&tz).format("%H:%M").to_string(),
        start_fold: crate::time::fold_of(tz, s.starts_at).map(|f| f.as_str().to_string()),
        end_fold: crate::time::fold_of(tz, s.ends_at).map(|f| f.as_str().to_string()),
        room_id: s.room_id.map(|r| r.0),
        track_id: s.track_id.map(|t| t.0),
        capacity: s.capacity,
        requires_signup: s.requires_signup,
        status: s.status.as_str().into(),
        sequence: s.sequence,
        people: agenda
            .people_of(s.id)
            .iter()
            .map(|p| PersonBody {
                role: p.role.as_str().into(),
                name: p.name.clone(),
                organisation: p.organisation.clone(),
                // Addresses are for organisers; visitors see names and organisations.
                email: p.account_email.clone().filter(|_| organiser),
            })
            .collect(),
    }
}

/// A new session or changes to one. Times are local to the event.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct SessionInputBody {
    pub kind: String,
    pub title_de: String,
    #[oai(default)]
    pub title_en: String,
    #[oai(default)]
    pub description_de: String,
    #[oai(default)]
    pub description_en: String,
    /// `YYYY-MM-DD`
    pub day: String,
    /// `HH:MM`
    pub start: String,
    /// `HH:MM`; `00:00` after a later start is the midnight that ends the day.
    pub end: String,
    /// When `start` happens twice on `day` (the night the clocks go back): `earlier` or
    /// `later`. Without it such a time is refused (422) naming both offsets; a time the clocks
    /// skip (spring forward) is always refused.
    pub start_fold: Option<String>,
    /// Like `start_fold`, for `end`.
    pub end_fold: Option<String>,
    pub room_id: Option<i64>,
    pub track_id: Option<i64>,
    pub capacity: Option<i64>,
    #[oai(default)]
    pub requires_signup: bool,
    #[oai(default)]
    pub people: Vec<PersonBody>,
}

impl From<SessionInputBody> for SessionInput {
    fn from(b: SessionInputBody) -> Self {
        SessionInput {
            kind: b.kind,
            title_de: b.title_de,
            title_en: b.title_en,
            description_de: b.description_de,
            description_en: b.description_en,
            day: b.day,
            start: b.start,
            end: b.end,
            start_fold: b.start_fold.unwrap_or_default(),
            end_fold: b.end_fold.unwrap_or_default(),
            room: b.room_id.map(|r| r.to_string()).unwrap_or_default(),
            track: b.track_id.map(|t| t.to_string()).unwrap_or_default(),
            capacity: b.capacity.map(|c| c.to_string()).unwrap_or_default(),
            requires_signup: b.requires_signup.then(|| "on".to_string()),
            people: b
                .people
                .iter()
                .map(|p| {
                    super::model::format_person(
                        &p.role,
                        &p.name,
                        p.email.as_deref(),
                        &p.organisation,
                    )
                })
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }
}

#[derive(Object, Debug)]
pub struct SessionStatusBody {
    /// `draft`, `scheduled` or `cancelled`.
    pub status: String,
}

#[derive(Object, Debug)]
pub struct PublishedBody {
    pub version: i64,
}

#[derive(Object, Debug)]
#[oai(rename = "FrozenSession")]
pub struct FrozenBody {
    pub id: i64,
    pub title_de: String,
    pub title_en: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub room: String,
}

impl From<&Frozen> for FrozenBody {
    fn from(f: &Frozen) -> Self {
        FrozenBody {
            id: f.id,
            title_de: f.title_de.clone(),
            title_en: f.title_en.clone(),
            starts_at: f.starts_at,
            ends_at: f.ends_at,
            room: f.room.clone(),
        }
    }
}

#[derive(Object, Debug)]
pub struct MovedBody {
    pub before: FrozenBody,
    pub after: FrozenBody,
}

/// A published version of the agenda.
#[derive(Object, Debug)]
#[oai(rename = "AgendaVersion")]
pub struct VersionBody {
    pub version: i64,
    pub published_at: DateTime<Utc>,
}

/// What changed in the latest published version.
#[derive(Object, Debug)]
#[oai(rename = "AgendaChanges")]
pub struct ChangesBody {
    pub version: i64,
    pub published_at: DateTime<Utc>,
    pub added: Vec<FrozenBody>,
    pub moved: Vec<MovedBody>,
    pub cancelled: Vec<FrozenBody>,
}

/// An iCalendar file to import into the agenda.
#[derive(Object, Debug)]
#[oai(rename = "AgendaImport")]
pub struct ImportBody {
    /// The file's text (at most 1 MB): Outlook, Google, Apple and Thunderbird exports are read.
    pub ics: String,
    /// Import the events that can be read and list the others, instead of refusing the file.
    #[oai(default)]
    pub skip_invalid: bool,
}

/// What an import did.
#[derive(Object, Debug)]
#[oai(rename = "AgendaImportResult")]
pub struct ImportResultBody {
    /// New sessions (drafts).
    pub created: u64,
    /// Sessions imported before (same UID), updated.
    pub updated: u64,
    /// The skipped events, each with its line, in the caller's language.
    pub skipped: Vec<String>,
}

pub struct AgendaApi;

#[OpenApi(prefix_path = "/events", tag = "ApiTags::Agenda")]
impl AgendaApi {
    /// Rooms of an event
    #[oai(path = "/:slug/rooms", method = "get", operation_id = "list_rooms")]
    async fn rooms(
        &self,
        state: Data<&AppState>,
        req: &Request,
        slug: Path<String>,
    ) -> Result<Json<Vec<RoomBody>>, ApiError> {
        let agenda = service::public(&state, maybe_actor(req).as_ref(), &slug.0).await?;
        Ok(Json(
            agenda
                .rooms
                .into_iter()
                .map(|r| RoomBody {
                    id: r.id.0,
                    name: r.name,
                    capacity: r.capacity,
                    available_from: r.available_from,
                    available_until: r.available_until,
                })
                .collect(),
        ))
    }

    /// Add a room
    #[oai(path = "/:slug/rooms", method = "post", operation_id = "create_room")]
    async fn create_room(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        body: Json<RoomInputBody>,
    ) -> Result<Created<CreatedBody>, ApiError> {
        let id = service::create_room(&state, auth.actor(), &slug.0, &body.0.into()).await?;
        let path = format!("/events/{}/rooms/{}", slug.0, id.0);
        Ok(Created::at(CreatedBody { id: id.0 }, path))
    }

    /// Change a room
    #[oai(
        path = "/:slug/rooms/:id",
        method = "put",
        operation_id = "update_room"
    )]
    async fn update_room(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
        body: Json<RoomInputBody>,
    ) -> Result<(), ApiError> {
        service::update_room(&state, auth.actor(), &slug.0, RoomId(id.0), &body.0.into()).await?;
        Ok(())
    }

    /// Delete a room
    ///
    /// Refused (409) while a session, cancelled ones included, takes place in it.
    #[oai(
        path = "/:slug/rooms/:id",
        method = "delete",
        operation_id = "delete_room"
    )]
    async fn delete_room(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<(), ApiError> {
        service::delete_room(&state, auth.actor(), &slug.0, RoomId(id.0)).await?;
        Ok(())
    }

    /// Delete a track
    ///
    /// Refused (409) while a session, cancelled ones included, belongs to it.
    #[oai(
        path = "/:slug/tracks/:id",
        method = "delete",
        operation_id = "delete_track"
    )]
    async fn delete_track(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<(), ApiError> {
        service::delete_track(&state, auth.actor(), &slug.0, crate::ids::TrackId(id.0)).await?;
        Ok(())
    }

    /// Tracks of an event
    #[oai(path = "/:slug/tracks", method = "get", operation_id = "list_tracks")]
    async fn tracks(
        &self,
        state: Data<&AppState>,
        req: &Request,
        slug: Path<String>,
    ) -> Result<Json<Vec<TrackBody>>, ApiError> {
        let agenda = service::public(&state, maybe_actor(req).as_ref(), &slug.0).await?;
        Ok(Json(
            agenda
                .tracks
                .into_iter()
                .map(|t| TrackBody {
                    id: t.id.0,
                    name_de: t.name_de,
                    name_en: t.name_en,
                })
                .collect(),
        ))
    }

    /// Add a track
    #[oai(path = "/:slug/tracks", method = "post", operation_id = "create_track")]
    async fn create_track(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        body: Json<TrackInputBody>,
    ) -> Result<Created<CreatedBody>, ApiError> {
        let input = TrackInput {
            name_de: body.0.name_de,
            name_en: body.0.name_en,
        };
        let id = service::create_track(&state, auth.actor(), &slug.0, &input).await?;
        let path = format!("/events/{}/tracks/{}", slug.0, id.0);
        Ok(Created::at(CreatedBody { id: id.0 }, path))
    }

    /// Sessions of an event
    ///
    /// The public agenda (scheduled and cancelled sessions). Organisers add `drafts=true` to get
    /// every session, drafts included.
    #[oai(
        path = "/:slug/sessions",
        method = "get",
        operation_id = "list_sessions"
    )]
    async fn sessions(
        &self,
        state: Data<&AppState>,
        req: &Request,
        slug: Path<String>,
        drafts: Query<Option<bool>>,
    ) -> Result<Json<Vec<SessionBody>>, ApiError> {
        let actor = maybe_actor(req);
        let (agenda, organiser) = match (drafts.0.unwrap_or(false), &actor) {
            (true, Some(a)) => (service::for_organiser(&state, a, &slug.0).await?, true),
            (true, None) => return Err(AppError::Unauthenticated.into()),
            (false, _) => (
                service::public(&state, actor.as_ref(), &slug.0).await?,
                false,
            ),
        };
        Ok(Json(
            agenda
                .sessions
                .iter()
                .map(|s| session_body(&agenda, s, organiser))
                .collect(),
        ))
    }

    /// Add a session (as a draft)
    #[oai(
        path = "/:slug/sessions",
        method = "post",
        operation_id = "create_session"
    )]
    async fn create_session(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        body: Json<SessionInputBody>,
    ) -> Result<Created<CreatedBody>, ApiError> {
        let id = service::create_session(&state, auth.actor(), &slug.0, &body.0.into()).await?;
        let path = format!("/events/{}/sessions/{}", slug.0, id.0);
        Ok(Created::at(CreatedBody { id: id.0 }, path))
    }

    /// Change a session
    #[oai(
        path = "/:slug/sessions/:id",
        method = "put",
        operation_id = "update_session"
    )]
    async fn update_session(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
        body: Json<SessionInputBody>,
    ) -> Result<(), ApiError> {
        service::update_session(
            &state,
            auth.actor(),
            &slug.0,
            SessionId(id.0),
            &body.0.into(),
        )
        .await?;
        Ok(())
    }

    /// Delete a draft session
    ///
    /// Only a session that was never published; a published one is cancelled instead (409),
    /// and so is one that bookings, a jury round, a certificate template or a matchmaking
    /// session still hold on to.
    #[oai(
        path = "/:slug/sessions/:id",
        method = "delete",
        operation_id = "delete_session"
    )]
    async fn delete_session(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<(), ApiError> {
        service::delete_session(&state, auth.actor(), &slug.0, SessionId(id.0)).await?;
        Ok(())
    }

    /// Cancel or restore a session
    #[oai(
        path = "/:slug/sessions/:id/status",
        method = "post",
        operation_id = "set_session_status"
    )]
    async fn session_status(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
        body: Json<SessionStatusBody>,
    ) -> Result<(), ApiError> {
        if SessionStatus::parse(&body.0.status).is_err() {
            return Err(AppError::Invalid(FieldErrors::one(
                "status",
                Msg::new("valid-session-status-invalid"),
            ))
            .into());
        }
        service::set_session_status(
            &state,
            auth.actor(),
            &slug.0,
            SessionId(id.0),
            &body.0.status,
        )
        .await?;
        Ok(())
    }

    /// Problems that block publishing
    ///
    /// Rooms used twice at once, people in two places at once, sessions outside the event's days
    /// or their room's hours. Organisers only.
    #[oai(
        path = "/:slug/agenda/warnings",
        method = "get",
        operation_id = "list_agenda_warnings"
    )]
    async fn warnings(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
    ) -> Result<Json<Vec<String>>, ApiError> {
        let agenda = service::for_organiser(&state, auth.actor(), &slug.0).await?;
        let titles = agenda.titles();
        Ok(Json(
            agenda
                .warnings()
                .iter()
                .map(|w| w.msg(&titles).text(auth.actor().language))
                .collect(),
        ))
    }

    /// Publish the agenda
    ///
    /// Drafts become scheduled and the agenda is frozen as a new version; refused (409) while
    /// any warning remains.
    #[oai(
        path = "/:slug/agenda/publish",
        method = "post",
        operation_id = "publish_agenda"
    )]
    async fn publish(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
    ) -> Result<Json<PublishedBody>, ApiError> {
        let version = service::publish(&state, auth.actor(), &slug.0).await?;
        Ok(Json(PublishedBody { version }))
    }

    /// Import sessions from an iCalendar file
    ///
    /// Events become draft sessions; an event whose `UID` was imported before updates that
    /// session. An event with a problem refuses the whole file (422, each problem with its
    /// line in `fields.ics`) unless `skip_invalid` is set.
    #[oai(
        path = "/:slug/agenda/import",
        method = "post",
        operation_id = "import_agenda"
    )]
    async fn import(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        req: &Request,
        slug: Path<String>,
        body: Json<ImportBody>,
    ) -> Result<Json<ImportResultBody>, ApiError> {
        if body.0.ics.len() > service::IMPORT_LIMIT {
            return Err(AppError::field("ics", "import-file-too-large").into());
        }
        let summary = service::import_ics(
            &state,
            auth.actor(),
            &slug.0,
            &body.0.ics,
            body.0.skip_invalid,
        )
        .await
        .map_err(|e| match e {
            // The service names the page's upload field; here the file is `ics`.
            AppError::Invalid(FieldErrors(items)) => AppError::Invalid(FieldErrors(
                items
                    .into_iter()
                    .map(|(f, m)| (if f == "file" { "ics".into() } else { f }, m))
                    .collect(),
            )),
            e => e,
        })?;
        let lang = req
            .extensions()
            .get::<convene_frontend::Lang>()
            .copied()
            .unwrap_or_default();
        Ok(Json(ImportResultBody {
            created: summary.created as u64,
            updated: summary.updated as u64,
            skipped: summary.skipped.iter().map(|m| m.text(lang)).collect(),
        }))
    }

    /// Published versions of the agenda
    ///
    /// Newest first.
    #[oai(
        path = "/:slug/agenda/versions",
        method = "get",
        operation_id = "list_agenda_versions"
    )]
    async fn versions(
        &self,
        state: Data<&AppState>,
        req: &Request,
        slug: Path<String>,
    ) -> Result<Json<Vec<VersionBody>>, ApiError> {
        let versions = service::versions(&state, maybe_actor(req).as_ref(), &slug.0).await?;
        Ok(Json(
            versions
                .into_iter()
                .map(|(version, published_at)| VersionBody {
                    version,
                    published_at,
                })
                .collect(),
        ))
    }

    /// What changed in the latest version
    #[oai(
        path = "/:slug/agenda/changes",
        method = "get",
        operation_id = "get_agenda_changes"
    )]
    async fn changes(
        &self,
        state: Data<&AppState>,
        req: &Request,
        slug: Path<String>,
    ) -> Result<Json<ChangesBody>, ApiError> {
        let event = events::visible(&state, maybe_actor(req).as_ref(), &slug.0).await?;
        let (version, published_at, changes) = service::latest_changes(&state, &event)
            .await?
            .ok_or_else(|| AppError::not_found("agenda-not-published"))?;
        Ok(Json(ChangesBody {
            version,
            published_at,
            added: changes.added.iter().map(FrozenBody::from).collect(),
            moved: changes
                .moved
                .iter()
                .map(|(b, a)| MovedBody {
                    before: b.into(),
                    after: a.into(),
                })
                .collect(),
            cancelled: changes.cancelled.iter().map(FrozenBody::from).collect(),
        }))
    }
}
