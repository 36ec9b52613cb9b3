//! JSON API for events: read publicly, written by organisers.

use chrono::{DateTime, NaiveDate, Utc};
use poem::Request;
use poem::web::Data;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

use super::model::{Event, EventInput};
use super::service;
use crate::http::api::{ApiAuth, ApiError, ApiTags, Created, maybe_actor};
use crate::state::AppState;

/// An event.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "Event")]
pub struct EventBody {
    pub slug: String,
    pub title_de: String,
    pub title_en: String,
    pub description_de: String,
    pub description_en: String,
    pub venue: String,
    pub address: String,
    /// IANA time zone, e.g. `Europe/Berlin`.
    pub timezone: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// `draft`, `published` or `archived`.
    pub status: String,
    pub contact_name: String,
    pub contact_email: String,
    /// The last published agenda version (0: never published).
    pub agenda_version: i64,
    /// Names of the organising organisations.
    pub organisations: Vec<String>,
    /// The slug of the organisation that owns the event (none: run by the platform).
    pub owner: Option<String>,
    pub updated_at: DateTime<Utc>,
}

impl EventBody {
    /// The body of an event with its organising organisations, so that a client can send back
    /// what it read without losing them.
    fn of(e: Event, organisations: Vec<String>, owner: Option<String>) -> Self {
        EventBody {
            slug: e.slug,
            title_de: e.title_de,
            title_en: e.title_en,
            description_de: e.description_de,
            description_en: e.description_en,
            venue: e.venue,
            address: e.address,
            timezone: e.timezone,
            starts_on: e.starts_on,
            ends_on: e.ends_on,
            status: e.status.as_str().into(),
            contact_name: e.contact_name,
            contact_email: e.contact_email,
            agenda_version: e.agenda_version,
            organisations,
            owner,
            updated_at: e.updated_at,
        }
    }

    async fn load(state: &AppState, e: Event) -> Result<Self, ApiError> {
        let organisations = service::organisations(state, &e).await?;
        let owner = service::owner_slug(state, &e).await?;
        Ok(EventBody::of(e, organisations, owner))
    }
}

/// A new event or changes to one.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct EventInputBody {
    pub slug: String,
    pub title_de: String,
    pub title_en: String,
    #[oai(default)]
    pub description_de: String,
    #[oai(default)]
    pub description_en: String,
    #[oai(default)]
    pub venue: String,
    #[oai(default)]
    pub address: String,
    /// Default `Europe/Berlin`.
    #[oai(default)]
    pub timezone: String,
    /// `YYYY-MM-DD`
    pub starts_on: String,
    /// `YYYY-MM-DD`
    pub ends_on: String,
    #[oai(default)]
    pub contact_name: String,
    #[oai(default)]
    pub contact_email: String,
    /// Names of the organising organisations (found by name or created). Left out: the
    /// organisations stay as they are; an empty list removes them.
    pub organisations: Option<Vec<String>>,
    /// The slug of the organisation that owns the event; its organisers run it. Left out on
    /// creation: the caller's organisation when they organise for exactly one. Left out on a
    /// change: the owner stays.
    pub owner: Option<String>,
}

impl From<EventInputBody> for EventInput {
    fn from(b: EventInputBody) -> Self {
        EventInput {
            slug: b.slug,
            title_de: b.title_de,
            title_en: b.title_en,
            description_de: b.description_de,
            description_en: b.description_en,
            venue: b.venue,
            address: b.address,
            timezone: b.timezone,
            starts_on: b.starts_on,
            ends_on: b.ends_on,
            contact_name: b.contact_name,
            contact_email: b.contact_email,
            organisations: b.organisations.map(|names| names.join("\n")),
            owner: b.owner,
        }
    }
}

#[derive(Object, Debug)]
pub struct StatusBody {
    /// `draft`, `published` or `archived`.
    pub status: String,
}

pub struct EventApi;

#[OpenApi(prefix_path = "/events", tag = "ApiTags::Events")]
impl EventApi {
    /// An event's audit log
    ///
    /// Organisers only: who changed what and when on the event, its team, agenda,
    /// registrations and certificates; 100 lines a page, newest first.
    #[oai(path = "/:slug/log", method = "get", operation_id = "get_event_log")]
    async fn log(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        /// event, team, agenda, registration, booking, certificate or matchmaking.
        kind: poem_openapi::param::Query<Option<String>>,
        /// From 1.
        page: poem_openapi::param::Query<Option<i64>>,
    ) -> Result<Json<Vec<crate::http::api::AuditLineBody>>, ApiError> {
        let actor = auth.actor();
        let log = service::log(
            &state,
            actor,
            &slug.0,
            kind.0.as_deref().unwrap_or(""),
            page.0.unwrap_or(1),
            crate::audit::LOG_PAGE,
        )
        .await?;
        Ok(Json(
            log.rows
                .iter()
                .map(|r| crate::audit::line(r, actor.language).into())
                .collect(),
        ))
    }

    /// List events
    ///
    /// Public events that have not ended yet, then recent past ones.
    #[oai(path = "/", method = "get", operation_id = "list_events")]
    async fn list(&self, state: Data<&AppState>) -> Result<Json<Vec<EventBody>>, ApiError> {
        let (upcoming, past) = service::list_public(&state).await?;
        let mut out = Vec::new();
        for e in upcoming.into_iter().chain(past) {
            out.push(EventBody::load(&state, e).await?);
        }
        Ok(Json(out))
    }

    /// One event
    ///
    /// Drafts are visible to their organisers only (404 for everyone else).
    #[oai(path = "/:slug", method = "get", operation_id = "get_event")]
    async fn get(
        &self,
        state: Data<&AppState>,
        req: &Request,
        slug: Path<String>,
    ) -> Result<Json<EventBody>, ApiError> {
        let event = service::visible(&state, maybe_actor(req).as_ref(), &slug.0).await?;
        Ok(Json(EventBody::load(&state, event).await?))
    }

    /// Create an event
    ///
    /// Site-wide organisers and administrators; the event starts as a draft and its creator
    /// becomes its organiser.
    #[oai(path = "/", method = "post", operation_id = "create_event")]
    async fn create(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        body: Json<EventInputBody>,
    ) -> Result<Created<EventBody>, ApiError> {
        let event = service::create(&state, auth.actor(), &body.0.into()).await?;
        let path = format!("/events/{}", event.slug);
        Ok(Created::at(EventBody::load(&state, event).await?, path))
    }

    /// Change an event
    #[oai(path = "/:slug", method = "put", operation_id = "update_event")]
    async fn update(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        body: Json<EventInputBody>,
    ) -> Result<Json<EventBody>, ApiError> {
        let event = service::update(&state, auth.actor(), &slug.0, &body.0.into()).await?;
        Ok(Json(EventBody::load(&state, event).await?))
    }

    /// Change an event's status
    ///
    /// draft ⇄ published → archived → published.
    #[oai(
        path = "/:slug/status",
        method = "post",
        operation_id = "set_event_status"
    )]
    async fn status(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        body: Json<StatusBody>,
    ) -> Result<Json<EventBody>, ApiError> {
        let event = service::set_status(&state, auth.actor(), &slug.0, &body.0.status).await?;
        Ok(Json(EventBody::load(&state, event).await?))
    }
}
