//! JSON API for accounts: the caller (`/me`), their API tokens, and (for administrators)
//! accounts and role grants. Every operation calls one service function.

use chrono::{DateTime, Utc};
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

use super::model::{Account, Actor, ApiToken, Grant};
use super::service;
use crate::error::{AppError, Msg};
use crate::http::api::{ApiAuth, ApiError, ApiTags, Created};
use crate::ids::{AccountId, ApiTokenId, GrantId};
use crate::state::AppState;

/// A role in a scope.
#[derive(Object, Debug)]
#[oai(rename = "RoleGrant")]
pub struct GrantBody {
    pub id: i64,
    /// `admin`, `organiser`, `juror` or `checkin`.
    pub role: String,
    /// `site`, `event:<id>` or `call:<id>`.
    pub scope: String,
}

impl From<&Grant> for GrantBody {
    fn from(g: &Grant) -> Self {
        GrantBody {
            id: g.id.0,
            role: g.role.as_str().into(),
            scope: g.scope.key(),
        }
    }
}

/// An account.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "Account")]
pub struct AccountBody {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub organisation: Option<String>,
    /// `de` or `en`.
    pub language: String,
    pub email_confirmed: bool,
    pub created_at: DateTime<Utc>,
    pub roles: Vec<GrantBody>,
}

impl AccountBody {
    fn new(a: Account, grants: &[Grant]) -> Self {
        AccountBody {
            id: a.id.0,
            email: a.email,
            name: a.name,
            organisation: a.organisation_name,
            language: a.language,
            email_confirmed: a.email_confirmed_at.is_some(),
            created_at: a.created_at,
            roles: grants.iter().map(GrantBody::from).collect(),
        }
    }
}

/// Changes to the caller's profile.
#[derive(Object, Debug)]
pub struct ProfileBody {
    pub name: String,
    /// Found by name (any case) or created; empty for none.
    #[oai(default)]
    pub organisation: String,
    /// `de` or `en`.
    pub language: String,
}

/// A personal API token (without its secret).
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "ApiToken")]
pub struct TokenBody {
    pub id: i64,
    pub name: String,
    pub created_at: DateTime<Utc>,
    /// Updated at most once a minute.
    pub last_used_at: Option<DateTime<Utc>>,
    pub expires_at: Option<DateTime<Utc>>,
    /// `read` (every write is refused with 403) or `read_write`.
    pub access: String,
}

impl From<ApiToken> for TokenBody {
    fn from(t: ApiToken) -> Self {
        TokenBody {
            id: t.id.0,
            name: t.name,
            created_at: t.created_at,
            last_used_at: t.last_used_at,
            expires_at: t.expires_at,
            access: t.scope,
        }
    }
}

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct NewTokenBody {
    /// What the token is for (1–80 characters).
    pub name: String,
    /// Days until the token expires (1–365, default 90).
    pub expires_in_days: Option<i64>,
    /// `read` (the default: every write is refused with 403) or `read_write`.
    pub access: Option<String>,
}

/// A token just created: the only time its secret is shown.
#[derive(Object, Debug)]
pub struct CreatedTokenBody {
    pub id: i64,
    pub name: String,
    /// Send as `Authorization: Bearer <secret>`.
    pub secret: String,
}

#[derive(Object, Debug)]
pub struct NewGrantBody {
    /// `admin`, `organiser`, `juror` or `checkin`.
    pub role: String,
    /// `site`, `event:<id>` or `call:<id>`.
    pub scope: String,
}

fn me_body(actor: &Actor, account: Account) -> AccountBody {
    AccountBody::new(account, &actor.grants)
}

pub struct MeApi;

#[OpenApi(prefix_path = "/me", tag = "ApiTags::Me")]
impl MeApi {
    /// The caller
    ///
    /// The account behind the session cookie or API token, with its roles.
    #[oai(path = "/", method = "get", operation_id = "get_me")]
    async fn get_me(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
    ) -> Result<Json<AccountBody>, ApiError> {
        let account = service::me(&state, auth.actor()).await?;
        Ok(Json(me_body(auth.actor(), account)))
    }

    /// Update the caller's profile
    #[oai(path = "/", method = "put", operation_id = "update_me")]
    async fn update_me(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        body: Json<ProfileBody>,
    ) -> Result<Json<AccountBody>, ApiError> {
        let input = service::ProfileInput {
            name: body.0.name,
            organisation: body.0.organisation,
            language: body.0.language,
        };
        let account = service::update_profile(&state, auth.actor(), &input).await?;
        Ok(Json(me_body(auth.actor(), account)))
    }

    /// The caller's API tokens
    #[oai(path = "/tokens", method = "get", operation_id = "list_api_tokens")]
    async fn list_tokens(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
    ) -> Result<Json<Vec<TokenBody>>, ApiError> {
        let tokens = service::list_api_tokens(&state, auth.actor()).await?;
        Ok(Json(tokens.into_iter().map(TokenBody::from).collect()))
    }

    /// Create an API token
    ///
    /// The answer holds the secret; it is never shown again. Only a signed-in browser session
    /// may create tokens: a request authenticated by a token is refused with 403, so a leaked
    /// token cannot make itself new ones.
    #[oai(path = "/tokens", method = "post", operation_id = "create_api_token")]
    async fn create_token(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        body: Json<NewTokenBody>,
    ) -> Result<Created<CreatedTokenBody>, ApiError> {
        if let ApiAuth::Token(_) = auth {
            return Err(AppError::Forbidden(Msg::new("error-token-creates-token")).into());
        }
        let (id, secret) = service::create_scoped_api_token(
            &state,
            auth.actor(),
            &body.0.name,
            body.0.expires_in_days,
            body.0.access.as_deref().unwrap_or("read"),
        )
        .await?;
        Ok(Created::at(
            CreatedTokenBody {
                id: id.0,
                name: body.0.name.trim().to_string(),
                secret,
            },
            format!("/me/tokens/{}", id.0),
        ))
    }

    /// Revoke an API token
    #[oai(
        path = "/tokens/:id",
        method = "delete",
        operation_id = "revoke_api_token"
    )]
    async fn revoke_token(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        id: Path<i64>,
    ) -> Result<(), ApiError> {
        service::revoke_api_token(&state, auth.actor(), ApiTokenId(id.0)).await?;
        Ok(())
    }
}

pub struct AccountApi;

#[OpenApi(prefix_path = "/accounts", tag = "ApiTags::Accounts")]
impl AccountApi {
    /// List accounts
    ///
    /// Administrators only. `q` searches name, e-mail and organisation.
    #[oai(path = "/", method = "get", operation_id = "list_accounts")]
    async fn list(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        q: Query<Option<String>>,
    ) -> Result<Json<Vec<AccountBody>>, ApiError> {
        let rows =
            service::list_accounts(&state, auth.actor(), q.0.as_deref().unwrap_or("")).await?;
        Ok(Json(
            rows.into_iter()
                .map(|(a, g)| AccountBody::new(a, &g))
                .collect(),
        ))
    }

    /// One account
    #[oai(path = "/:id", method = "get", operation_id = "get_account")]
    async fn get(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        id: Path<i64>,
    ) -> Result<Json<AccountBody>, ApiError> {
        let (a, g) = service::account_detail(&state, auth.actor(), AccountId(id.0)).await?;
        Ok(Json(AccountBody::new(a, &g)))
    }

    /// Grant a role
    #[oai(path = "/:id/roles", method = "post", operation_id = "grant_role")]
    async fn grant(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        id: Path<i64>,
        body: Json<NewGrantBody>,
    ) -> Result<Created<GrantBody>, ApiError> {
        let grant = service::grant_role(
            &state,
            auth.actor(),
            AccountId(id.0),
            &body.0.role,
            &body.0.scope,
        )
        .await?;
        let path = format!("/accounts/{}/roles/{}", id.0, grant.id);
        Ok(Created::at(GrantBody::from(&grant), path))
    }

    /// Revoke a role
    ///
    /// The last site administrator cannot lose the role.
    #[oai(
        path = "/:id/roles/:grant_id",
        method = "delete",
        operation_id = "revoke_role"
    )]
    async fn revoke(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        id: Path<i64>,
        grant_id: Path<i64>,
    ) -> Result<(), ApiError> {
        service::revoke_role(&state, auth.actor(), AccountId(id.0), GrantId(grant_id.0)).await?;
        Ok(())
    }
}
