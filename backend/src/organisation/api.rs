//! JSON API for organisations.

use poem::web::Data;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

use poem_openapi::param::Query;

use super::model::{Organisation, OrganiserRequest};
use super::requests;
use super::service::{self, OrganisationInput};
use crate::http::api::{ApiAuth, ApiError, ApiTags, Created};
use crate::state::AppState;

#[derive(Object, Debug)]
#[oai(rename = "Organisation")]
pub struct OrganisationBody {
    pub id: i64,
    pub slug: String,
    pub name: String,
    /// cluster, university, research, company, startup, agency, ministry, network or other.
    pub kind: String,
    pub city: String,
    pub website: String,
    pub members: i64,
    /// Accounts that organise for it.
    pub organisers: i64,
    /// Events and calls it owns.
    pub events: i64,
    pub calls: i64,
}

impl From<Organisation> for OrganisationBody {
    fn from(o: Organisation) -> Self {
        OrganisationBody {
            id: o.id.0,
            slug: o.slug,
            name: o.name,
            kind: o.kind,
            city: o.city,
            website: o.website,
            members: o.members,
            organisers: o.organisers,
            events: o.events,
            calls: o.calls,
        }
    }
}

#[derive(Object, Debug)]
pub struct NewOrganisationBody {
    pub name: String,
    pub kind: String,
    #[oai(default)]
    pub city: String,
    #[oai(default)]
    pub website: String,
}

pub struct OrganisationApi;

#[OpenApi(prefix_path = "/organisations", tag = "ApiTags::Organisations")]
impl OrganisationApi {
    /// List organisations
    ///
    /// Administrators only.
    #[oai(path = "/", method = "get", operation_id = "list_organisations")]
    async fn list(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
    ) -> Result<Json<Vec<OrganisationBody>>, ApiError> {
        let rows = service::list(&state, auth.actor()).await?;
        Ok(Json(rows.into_iter().map(OrganisationBody::from).collect()))
    }

    /// Add an organisation
    ///
    /// Administrators only. Names are unique regardless of case.
    #[oai(path = "/", method = "post", operation_id = "create_organisation")]
    async fn create(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        body: Json<NewOrganisationBody>,
    ) -> Result<Created<OrganisationBody>, ApiError> {
        let input = OrganisationInput {
            name: body.0.name,
            kind: body.0.kind,
            city: body.0.city,
            website: body.0.website,
        };
        let id = service::create(&state, auth.actor(), &input).await?;
        let created = service::list(&state, auth.actor())
            .await?
            .into_iter()
            .find(|o| o.id == id)
            .ok_or_else(|| crate::error::AppError::not_found("error-not-found"))?;
        let path = format!("/organisations/{}", created.slug);
        Ok(Created::at(created.into(), path))
    }

    /// One organisation
    #[oai(path = "/:slug", method = "get", operation_id = "get_organisation")]
    async fn get(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
    ) -> Result<Json<OrganisationBody>, ApiError> {
        let found = service::list(&state, auth.actor())
            .await?
            .into_iter()
            .find(|o| o.slug == slug.0)
            .ok_or_else(|| crate::error::AppError::not_found("error-not-found"))?;
        Ok(Json(found.into()))
    }
}

/// A request to organise for an organisation.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "OrganiserRequest")]
pub struct OrganiserRequestBody {
    pub id: i64,
    /// Who asked.
    pub account_name: String,
    pub account_email: String,
    /// The existing organisation asked for (its slug), or the one the approval created.
    pub organisation: Option<String>,
    /// The organisation's name (the new one as described, until approved).
    pub organisation_name: String,
    pub message: String,
    /// `pending`, `approved` or `declined`.
    pub status: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub decided_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl From<OrganiserRequest> for OrganiserRequestBody {
    fn from(r: OrganiserRequest) -> Self {
        OrganiserRequestBody {
            id: r.id,
            organisation_name: r.organisation().to_string(),
            account_name: r.account_name,
            account_email: r.account_email,
            organisation: r.organisation_slug,
            message: r.message,
            status: r.status,
            created_at: r.created_at,
            decided_at: r.decided_at,
        }
    }
}

/// Ask to organise: for an existing organisation (`organisation`, its slug) or a new one
/// (`name`, `kind`, `city`, `website`).
#[derive(Object, Debug)]
pub struct NewOrganiserRequestBody {
    /// The slug of an existing organisation; left out or empty for a new one.
    #[oai(default)]
    pub organisation: String,
    /// A new organisation's name.
    #[oai(default)]
    pub name: String,
    /// A new organisation's kind: cluster, university, research, company, startup, agency,
    /// ministry, network or other.
    #[oai(default)]
    pub kind: String,
    #[oai(default)]
    pub city: String,
    #[oai(default)]
    pub website: String,
    /// What the administrators should know (who you are, what you plan).
    #[oai(default)]
    pub message: String,
}

pub struct OrganiserRequestApi;

#[OpenApi(prefix_path = "/organiser-requests", tag = "ApiTags::Organisations")]
impl OrganiserRequestApi {
    /// Ask to organise for an organisation
    ///
    /// Approved at once when the site is open to organisers (answer `status` `approved`);
    /// otherwise an administrator decides. One pending request per person.
    #[oai(path = "/", method = "post", operation_id = "ask_to_organise")]
    async fn ask(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        body: Json<NewOrganiserRequestBody>,
    ) -> Result<Created<OrganiserRequestBody>, ApiError> {
        let b = body.0;
        let input = requests::RequestInput {
            organisation: b.organisation,
            name: b.name,
            kind: b.kind,
            city: b.city,
            website: b.website,
            message: b.message,
        };
        let request = requests::ask(&state, auth.actor(), &input).await?;
        let path = format!("/organiser-requests/{}", request.id);
        Ok(Created::at(request.into(), path))
    }

    /// List organiser requests
    ///
    /// Administrators see everyone's (pending first; `status` filters), others their own.
    #[oai(path = "/", method = "get", operation_id = "list_organiser_requests")]
    async fn list(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        /// `pending`, `approved` or `declined`; left out: all.
        status: Query<Option<String>>,
    ) -> Result<Json<Vec<OrganiserRequestBody>>, ApiError> {
        let actor = auth.actor();
        let rows = if actor.is_admin() {
            requests::list(&state, actor, status.0.as_deref().unwrap_or("")).await?
        } else {
            requests::mine(&state, actor).await?
        };
        Ok(Json(rows.into_iter().map(Into::into).collect()))
    }

    /// One organiser request
    ///
    /// For administrators and the person who asked.
    #[oai(path = "/:id", method = "get", operation_id = "get_organiser_request")]
    async fn get(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        id: Path<i64>,
    ) -> Result<Json<OrganiserRequestBody>, ApiError> {
        Ok(Json(
            requests::get(&state, auth.actor(), id.0).await?.into(),
        ))
    }

    /// Approve an organiser request
    ///
    /// Administrators only. Creates a new organisation asked for, makes the person its
    /// organiser and mails them.
    #[oai(
        path = "/:id/approve",
        method = "post",
        operation_id = "approve_organiser_request"
    )]
    async fn approve(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        id: Path<i64>,
    ) -> Result<Json<OrganiserRequestBody>, ApiError> {
        Ok(Json(
            requests::decide(&state, auth.actor(), id.0, true)
                .await?
                .into(),
        ))
    }

    /// Decline an organiser request
    ///
    /// Administrators only. The person is mailed.
    #[oai(
        path = "/:id/decline",
        method = "post",
        operation_id = "decline_organiser_request"
    )]
    async fn decline(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        id: Path<i64>,
    ) -> Result<Json<OrganiserRequestBody>, ApiError> {
        Ok(Json(
            requests::decide(&state, auth.actor(), id.0, false)
                .await?
                .into(),
        ))
    }
}
