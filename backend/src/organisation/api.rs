//! JSON API for organisations.

use poem::web::Data;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

use super::model::Organisation;
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
