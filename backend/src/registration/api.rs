//! JSON API for registrations: register, see, cancel, accept an offer; organisers configure
//! registration and list the registrations.

use chrono::{DateTime, Utc};
use poem::web::Data;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

use super::model::{Registration, Settings};
use super::service::{self, SettingsInput};
use crate::error::AppError;
use crate::http::api::{ApiAuth, ApiError, ApiTags};
use crate::state::AppState;

#[derive(Object, Debug)]
#[oai(rename = "Registration")]
pub struct RegistrationBody {
    pub id: i64,
    /// pending, confirmed, waitlisted, offered, cancelled, rejected or expired.
    pub status: String,
    /// When a place offered from the waiting list lapses.
    pub offer_expires_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl From<Registration> for RegistrationBody {
    fn from(r: Registration) -> Self {
        RegistrationBody {
            id: r.id,
            status: r.status.as_str().into(),
            offer_expires_at: r.offer_expires_at,
            created_at: r.created_at,
        }
    }
}

#[derive(Object, Debug)]
#[oai(rename = "RegistrationSettings")]
pub struct SettingsBody {
    /// RFC 3339; absent: open now.
    pub opens_at: Option<DateTime<Utc>>,
    /// RFC 3339; absent: open until the organisers close it.
    pub closes_at: Option<DateTime<Utc>>,
    pub capacity: Option<i64>,
    #[oai(default)]
    pub approval_required: bool,
    /// Hours a freed place is held for the next person in line (1–720, default 48).
    pub offer_hours: Option<i64>,
}

impl From<Settings> for SettingsBody {
    fn from(s: Settings) -> Self {
        SettingsBody {
            opens_at: s.opens_at,
            closes_at: s.closes_at,
            capacity: s.capacity,
            approval_required: s.approval_required,
            offer_hours: Some(s.offer_hours),
        }
    }
}

pub struct RegistrationApi;

#[OpenApi(prefix_path = "/events", tag = "ApiTags::Registration")]
impl RegistrationApi {
    /// Register for an event
    ///
    /// A place when one is free, else the waiting list. Registering again returns the existing
    /// registration.
    #[oai(
        path = "/:slug/registration",
        method = "post",
        operation_id = "register"
    )]
    async fn register(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
    ) -> Result<Json<RegistrationBody>, ApiError> {
        Ok(Json(
            service::register(&state, auth.actor(), &slug.0)
                .await?
                .into(),
        ))
    }

    /// My registration for an event
    #[oai(
        path = "/:slug/registration",
        method = "get",
        operation_id = "get_my_registration"
    )]
    async fn mine(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
    ) -> Result<Json<RegistrationBody>, ApiError> {
        let r = service::mine(&state, auth.actor(), &slug.0)
            .await?
            .ok_or_else(|| AppError::not_found("registration-not-found"))?;
        Ok(Json(r.into()))
    }

    /// Cancel my registration
    ///
    /// A freed place is offered to the first person on the waiting list.
    #[oai(
        path = "/:slug/registration",
        method = "delete",
        operation_id = "cancel_registration"
    )]
    async fn cancel(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
    ) -> Result<(), ApiError> {
        service::cancel(&state, auth.actor(), &slug.0).await?;
        Ok(())
    }

    /// Accept an offered place
    #[oai(
        path = "/:slug/registration/accept",
        method = "post",
        operation_id = "accept_registration_offer"
    )]
    async fn accept(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
    ) -> Result<Json<RegistrationBody>, ApiError> {
        Ok(Json(
            service::accept_offer(&state, auth.actor(), &slug.0)
                .await?
                .into(),
        ))
    }

    /// Configure registration (organisers)
    #[oai(
        path = "/:slug/registration-settings",
        method = "put",
        operation_id = "configure_registration"
    )]
    async fn configure(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        body: Json<SettingsBody>,
    ) -> Result<Json<SettingsBody>, ApiError> {
        let input = SettingsInput {
            opens_at: body.0.opens_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
            closes_at: body.0.closes_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
            capacity: body.0.capacity,
            approval_required: body.0.approval_required,
            offer_hours: body.0.offer_hours,
        };
        Ok(Json(
            service::configure(&state, auth.actor(), &slug.0, &input)
                .await?
                .into(),
        ))
    }

    /// All registrations of an event in line order (organisers)
    #[oai(
        path = "/:slug/registrations",
        method = "get",
        operation_id = "list_registrations"
    )]
    async fn list(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
    ) -> Result<Json<Vec<RegistrationBody>>, ApiError> {
        Ok(Json(
            service::list(&state, auth.actor(), &slug.0)
                .await?
                .into_iter()
                .map(RegistrationBody::from)
                .collect(),
        ))
    }
}
