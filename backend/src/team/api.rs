//! JSON API for the teams of events and calls.

use poem::web::Data;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

use super::service::{self, Member, PlaceKind, Via};
use crate::http::api::{ApiAuth, ApiError, ApiTags, Created};
use crate::ids::GrantId;
use crate::state::AppState;

/// A member of an event's or call's team.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "OrganisingTeamMember")]
pub struct MemberBody {
    /// The member's role grant here (none for organisers of the owning organisation, who are
    /// managed with the organisation).
    pub id: Option<i64>,
    pub name: String,
    pub email: String,
    /// `organiser`, `checkin` or `juror`.
    pub role: String,
    /// The owning organisation's name, for its organisers.
    pub organisation: Option<String>,
}

impl From<Member> for MemberBody {
    fn from(m: Member) -> Self {
        let (id, organisation) = match m.via {
            Via::Grant(g) => (Some(g.0), None),
            Via::Organisation(name) => (None, Some(name)),
        };
        MemberBody {
            id,
            name: m.name,
            email: m.email,
            role: m.role.as_str().into(),
            organisation,
        }
    }
}

/// A member just invited to a team.
#[derive(Object, Debug)]
#[oai(rename = "OrganisingTeamInvited")]
pub struct InvitedBody {
    /// The member's role grant here.
    pub id: i64,
    pub name: String,
    pub email: String,
    /// `organiser` or `checkin`.
    pub role: String,
}

/// Whom to invite with which role.
#[derive(Object, Debug)]
#[oai(rename = "OrganisingTeamInvitation")]
pub struct InviteBody {
    pub email: String,
    /// Needed when the address has no account yet.
    #[oai(default)]
    pub name: String,
    /// `organiser` (events and calls) or `checkin` (events).
    pub role: String,
    /// The language of the invitation to a new account: `de` (default) or `en`.
    #[oai(default)]
    pub language: String,
}

pub struct TeamApi;

async fn list(
    state: &AppState,
    auth: &ApiAuth,
    kind: PlaceKind,
    slug: &str,
) -> Result<Json<Vec<MemberBody>>, ApiError> {
    let (_, members) = service::members(state, auth.actor(), kind, slug).await?;
    Ok(Json(members.into_iter().map(Into::into).collect()))
}

async fn invite(
    state: &AppState,
    auth: &ApiAuth,
    kind: PlaceKind,
    slug: &str,
    body: InviteBody,
) -> Result<Created<InvitedBody>, ApiError> {
    let lang = convene_frontend::Lang::from_code(&body.language).unwrap_or_default();
    let member = service::invite(
        state,
        auth.actor(),
        kind,
        slug,
        &body.email,
        &body.name,
        &body.role,
        lang,
    )
    .await?;
    let Via::Grant(grant) = member.via else {
        unreachable!("an invited member holds a grant here")
    };
    let body = InvitedBody {
        id: grant.0,
        name: member.name,
        email: member.email,
        role: member.role.as_str().into(),
    };
    let what = match kind {
        PlaceKind::Event => "events",
        PlaceKind::Call => "calls",
    };
    let path = format!("/{what}/{slug}/team/{}", body.id);
    Ok(Created::at(body, path))
}

#[OpenApi(tag = "ApiTags::Events")]
impl TeamApi {
    /// An event's team
    ///
    /// Organisers only: the owning organisation's organisers, co-organisers and check-in staff.
    #[oai(
        path = "/events/:slug/team",
        method = "get",
        operation_id = "list_event_team"
    )]
    async fn event_team(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
    ) -> Result<Json<Vec<MemberBody>>, ApiError> {
        list(&state, &auth, PlaceKind::Event, &slug.0).await
    }

    /// Invite someone to an event's team
    ///
    /// Organisers only. An address without an account gets one, and a mail to set a password;
    /// every invitation explains the role.
    #[oai(
        path = "/events/:slug/team",
        method = "post",
        operation_id = "invite_to_event_team"
    )]
    async fn event_invite(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        body: Json<InviteBody>,
    ) -> Result<Created<InvitedBody>, ApiError> {
        invite(&state, &auth, PlaceKind::Event, &slug.0, body.0).await
    }

    /// One member of an event's team
    #[oai(
        path = "/events/:slug/team/:id",
        method = "get",
        operation_id = "get_event_team_member"
    )]
    async fn event_member(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Json<MemberBody>, ApiError> {
        let m = service::member_of(
            &state,
            auth.actor(),
            PlaceKind::Event,
            &slug.0,
            GrantId(id.0),
        )
        .await?;
        Ok(Json(m.into()))
    }

    /// Remove a member from an event's team
    #[oai(
        path = "/events/:slug/team/:id",
        method = "delete",
        operation_id = "remove_event_team_member"
    )]
    async fn event_remove(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<(), ApiError> {
        service::remove(
            &state,
            auth.actor(),
            PlaceKind::Event,
            &slug.0,
            GrantId(id.0),
        )
        .await?;
        Ok(())
    }

    /// A call's team
    ///
    /// Organisers only: the owning organisation's organisers, co-organisers and jurors.
    #[oai(
        path = "/calls/:slug/team",
        method = "get",
        operation_id = "list_call_team",
        tag = "ApiTags::Calls"
    )]
    async fn call_team(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
    ) -> Result<Json<Vec<MemberBody>>, ApiError> {
        list(&state, &auth, PlaceKind::Call, &slug.0).await
    }

    /// Invite a co-organiser to a call's team
    ///
    /// Organisers only (jurors are invited through the jury). An address without an account
    /// gets one, and a mail to set a password.
    #[oai(
        path = "/calls/:slug/team",
        method = "post",
        operation_id = "invite_to_call_team",
        tag = "ApiTags::Calls"
    )]
    async fn call_invite(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        body: Json<InviteBody>,
    ) -> Result<Created<InvitedBody>, ApiError> {
        invite(&state, &auth, PlaceKind::Call, &slug.0, body.0).await
    }

    /// One member of a call's team
    #[oai(
        path = "/calls/:slug/team/:id",
        method = "get",
        operation_id = "get_call_team_member",
        tag = "ApiTags::Calls"
    )]
    async fn call_member(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Json<MemberBody>, ApiError> {
        let m = service::member_of(
            &state,
            auth.actor(),
            PlaceKind::Call,
            &slug.0,
            GrantId(id.0),
        )
        .await?;
        Ok(Json(m.into()))
    }

    /// Remove a member from a call's team
    #[oai(
        path = "/calls/:slug/team/:id",
        method = "delete",
        operation_id = "remove_call_team_member",
        tag = "ApiTags::Calls"
    )]
    async fn call_remove(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<(), ApiError> {
        service::remove(
            &state,
            auth.actor(),
            PlaceKind::Call,
            &slug.0,
            GrantId(id.0),
        )
        .await?;
        Ok(())
    }
}
