//! HTML pages for accounts: sign-up, confirmation, sign-in and -out, password reset, profile,
//! API tokens, and the administrators' account and role pages. Handlers parse, call one service,
//! and render or redirect; rules live in the service.

use poem::http::StatusCode;
use poem::web::{Path, Query};
use poem::{Response, handler};
use serde::Deserialize;

use super::model::{Grant, Role, Scope, TokenAccess};
use super::service::{self, ProfileInput, SignUpInput};
use crate::error::AppError;
use crate::http::auth::{self, ClientIp, CsrfForm, SESSION_COOKIE};
use crate::http::page::{Ctx, fmt_instant, html, html_status, local_path, see_other};
use crate::ids::{AccountId, ApiTokenId, GrantId};
use convene_frontend::{Errors, FlashKind, Lang, Template, admin, auth as views, me};

/// Field errors to show next to the inputs, or the error itself when it is not about fields.
fn form_errors(err: AppError, lang: Lang) -> Result<Errors, AppError> {
    match err {
        AppError::Invalid(errors) => Ok(errors.view(lang)),
        other => Err(other),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Empty {}

// --- sign-up and confirmation ---------------------------------------------------------------

fn signup_page(
    ctx: &Ctx,
    input: &SignUpInput,
    errors: Errors,
    organisations: Vec<String>,
) -> Result<String, AppError> {
    Ok(views::SignUp {
        layout: ctx.layout("signup-title", ""),
        errors,
        name: input.name.clone(),
        email: input.email.clone(),
        organisation: input.organisation.clone(),
        organisations,
    }
    .render()?)
}

/// GET /signup
#[handler]
pub async fn signup_get(ctx: Ctx) -> Result<Response, AppError> {
    if ctx.actor.is_some() {
        return Ok(see_other("/me"));
    }
    let orgs = crate::organisation::service::names(&ctx.state).await?;
    Ok(html(signup_page(
        &ctx,
        &SignUpInput::default(),
        Errors::default(),
        orgs,
    )?))
}

/// POST /signup — creates the account and shows "check your e-mail"; with errors, the form again
/// with everything typed kept (but the password).
#[handler]
pub async fn signup_post(
    ctx: Ctx,
    ClientIp(ip): ClientIp,
    CsrfForm(input): CsrfForm<SignUpInput>,
) -> Result<Response, AppError> {
    match service::sign_up(&ctx.state, &input, ctx.lang, &ip).await {
        Ok(email) => check_mail(&ctx, "check-mail-signup", email),
        Err(err) => {
            let errors = form_errors(err, ctx.lang)?;
            let orgs = crate::organisation::service::names(&ctx.state).await?;
            Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                signup_page(&ctx, &input, errors, orgs)?,
            ))
        }
    }
}

fn check_mail(ctx: &Ctx, body_id: &'static str, email: String) -> Result<Response, AppError> {
    Ok(html(
        views::CheckMail {
            layout: ctx.layout("check-mail-title", ""),
            body_id,
            email,
        }
        .render()?,
    ))
}

/// GET /confirm/:token — the link from the confirmation e-mail.
#[handler]
pub async fn confirm_get(ctx: Ctx, Path(token): Path<String>) -> Result<Response, AppError> {
    service::confirm_email(&ctx.state, &token).await?;
    ctx.flash(FlashKind::Success, "flash-confirmed");
    Ok(see_other("/signin"))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EmailForm {
    email: String,
}

/// POST /confirm/resend
#[handler]
pub async fn resend_post(
    ctx: Ctx,
    ClientIp(ip): ClientIp,
    CsrfForm(form): CsrfForm<EmailForm>,
) -> Result<Response, AppError> {
    let email = service::resend_confirmation(&ctx.state, &form.email, &ip).await?;
    check_mail(&ctx, "check-mail-resend", email)
}

// --- sign-in and sign-out --------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SignInForm {
    email: String,
    password: String,
    next: String,
}

fn signin_page(
    ctx: &Ctx,
    email: &str,
    next: &str,
    errors: Errors,
    offer_resend: bool,
) -> Result<String, AppError> {
    Ok(views::SignIn {
        layout: ctx.layout("signin-title", ""),
        errors,
        email: email.to_string(),
        next: local_path(next),
        offer_resend,
    }
    .render()?)
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

/// GET /signin?next=…
#[handler]
pub async fn signin_get(ctx: Ctx, Query(q): Query<NextQuery>) -> Result<Response, AppError> {
    let next = q.next.unwrap_or_else(|| "/me".into());
    if ctx.actor.is_some() {
        return Ok(see_other(&local_path(&next)));
    }
    Ok(html(signin_page(
        &ctx,
        "",
        &next,
        Errors::default(),
        false,
    )?))
}

/// POST /signin — opens a new session (the old one, if any, ends: the session id rotates on
/// every sign-in) and continues to `next`.
#[handler]
pub async fn signin_post(
    ctx: Ctx,
    ClientIp(ip): ClientIp,
    CsrfForm(form): CsrfForm<SignInForm>,
) -> Result<Response, AppError> {
    match service::sign_in(&ctx.state, &form.email, &form.password, &ip).await {
        Ok((secret, _account)) => {
            if let Some(old) = ctx.jar.get(SESSION_COOKIE) {
                service::sign_out(&ctx.state, old.value_str()).await?;
            }
            ctx.jar.add(auth::cookie(
                &ctx.state,
                SESSION_COOKIE,
                secret,
                Some(service::SESSION_LIFETIME.num_seconds()),
            ));
            // Forms shown before signing in (possibly to someone else) stop working.
            auth::rotate_csrf(&ctx.state, &ctx.jar);
            // The layout language follows the account from now on unless the switcher was used.
            ctx.flash(FlashKind::Success, "flash-signed-in");
            Ok(see_other(&local_path(if form.next.is_empty() {
                "/me"
            } else {
                &form.next
            })))
        }
        Err(AppError::Conflict(msg)) if msg.id == "auth-unconfirmed" => {
            let errors = crate::error::FieldErrors::one("email", msg).view(ctx.lang);
            Ok(html_status(
                StatusCode::CONFLICT,
                signin_page(&ctx, &form.email, &form.next, errors, true)?,
            ))
        }
        Err(err) => {
            let status = err.status();
            let errors = form_errors(err, ctx.lang)?;
            Ok(html_status(
                status,
                signin_page(&ctx, &form.email, &form.next, errors, false)?,
            ))
        }
    }
}

/// POST /signout
#[handler]
pub async fn signout_post(ctx: Ctx, CsrfForm(_): CsrfForm<Empty>) -> Result<Response, AppError> {
    if let Some(cookie) = ctx.jar.get(SESSION_COOKIE) {
        service::sign_out(&ctx.state, cookie.value_str()).await?;
    }
    ctx.jar.add(auth::cookie(
        &ctx.state,
        SESSION_COOKIE,
        String::new(),
        Some(0),
    ));
    auth::rotate_csrf(&ctx.state, &ctx.jar);
    ctx.flash(FlashKind::Info, "flash-signed-out");
    Ok(see_other("/"))
}

// --- password reset ----------------------------------------------------------------------------

/// GET /reset
#[handler]
pub async fn reset_request_get(ctx: Ctx) -> Result<Response, AppError> {
    let page = views::ResetRequest {
        layout: ctx.layout("reset-request-title", ""),
        errors: Errors::default(),
        email: String::new(),
    };
    Ok(html(page.render()?))
}

/// POST /reset
#[handler]
pub async fn reset_request_post(
    ctx: Ctx,
    ClientIp(ip): ClientIp,
    CsrfForm(form): CsrfForm<EmailForm>,
) -> Result<Response, AppError> {
    match service::request_reset(&ctx.state, &form.email, &ip).await {
        Ok(email) => check_mail(&ctx, "check-mail-reset", email),
        Err(err) => {
            let errors = form_errors(err, ctx.lang)?;
            let page = views::ResetRequest {
                layout: ctx.layout("reset-request-title", ""),
                errors,
                email: form.email,
            };
            Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                page.render()?,
            ))
        }
    }
}

/// GET /reset/:token — the link from the reset e-mail.
#[handler]
pub async fn reset_get(ctx: Ctx, Path(token): Path<String>) -> Result<Response, AppError> {
    service::check_reset_link(&ctx.state, &token).await?;
    let page = views::ResetForm {
        layout: ctx.layout("reset-form-title", ""),
        errors: Errors::default(),
        token,
    };
    Ok(html(page.render()?))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PasswordForm {
    password: String,
}

/// POST /reset/:token
#[handler]
pub async fn reset_post(
    ctx: Ctx,
    Path(token): Path<String>,
    CsrfForm(form): CsrfForm<PasswordForm>,
) -> Result<Response, AppError> {
    match service::reset_password(&ctx.state, &token, &form.password).await {
        Ok(()) => {
            ctx.jar.add(auth::cookie(
                &ctx.state,
                SESSION_COOKIE,
                String::new(),
                Some(0),
            ));
            auth::rotate_csrf(&ctx.state, &ctx.jar);
            ctx.flash(FlashKind::Success, "flash-password-reset");
            Ok(see_other("/signin"))
        }
        Err(err) => {
            let errors = form_errors(err, ctx.lang)?;
            let page = views::ResetForm {
                layout: ctx.layout("reset-form-title", ""),
                errors,
                token,
            };
            Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                page.render()?,
            ))
        }
    }
}

// --- profile and tokens --------------------------------------------------------------------------

fn grant_label(lang: Lang, g: &Grant) -> String {
    let t = lang.tr();
    let scope = match g.scope {
        Scope::Site => t.msg("scope-site"),
        Scope::Org(id) => t.msg_args("scope-org", &[("id", id.to_string())]),
        Scope::Event(id) => t.msg_args("scope-event", &[("id", id.to_string())]),
        Scope::Call(id) => t.msg_args("scope-call", &[("id", id.to_string())]),
    };
    format!("{} – {scope}", t.msg(g.label_id()))
}

/// GET /me
#[handler]
pub async fn profile_get(ctx: Ctx) -> Result<Response, AppError> {
    let actor = ctx.actor()?;
    let account = service::me(&ctx.state, actor).await?;
    let input = ProfileInput {
        name: account.name.clone(),
        organisation: account.organisation_name.clone().unwrap_or_default(),
        language: account.language.clone(),
    };
    Ok(html(
        profile_page(&ctx, &account.email, &input, Errors::default()).await?,
    ))
}

async fn profile_page(
    ctx: &Ctx,
    email: &str,
    input: &ProfileInput,
    errors: Errors,
) -> Result<String, AppError> {
    let actor = ctx.actor()?;
    Ok(me::Profile {
        layout: ctx.layout("profile-title", "me"),
        errors,
        email: email.to_string(),
        name: input.name.clone(),
        organisation: input.organisation.clone(),
        organisations: crate::organisation::service::names(&ctx.state).await?,
        language: input.language.clone(),
        roles: service::grant_places(&ctx.state, ctx.lang, &actor.grants).await?,
        can_create: actor.may_create(),
    }
    .render()?)
}

/// POST /me — saves the profile; the page language follows the new preference.
#[handler]
pub async fn profile_post(
    ctx: Ctx,
    CsrfForm(input): CsrfForm<ProfileInput>,
) -> Result<Response, AppError> {
    let actor = ctx.actor()?;
    match service::update_profile(&ctx.state, actor, &input).await {
        Ok(account) => {
            ctx.jar.add(auth::cookie(
                &ctx.state,
                auth::LANG_COOKIE,
                account.language,
                Some(365 * 24 * 3600),
            ));
            ctx.flash(FlashKind::Success, "flash-profile-saved");
            Ok(see_other("/me"))
        }
        Err(err) => {
            let errors = form_errors(err, ctx.lang)?;
            Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                profile_page(&ctx, &actor.email, &input, errors).await?,
            ))
        }
    }
}

/// The token form as typed (or its defaults).
#[derive(Deserialize)]
#[serde(default)]
pub struct TokenForm {
    name: String,
    expires_in_days: String,
    access: String,
}

impl Default for TokenForm {
    fn default() -> Self {
        TokenForm {
            name: String::new(),
            expires_in_days: service::TOKEN_DEFAULT_DAYS.to_string(),
            access: TokenAccess::Read.as_str().to_string(),
        }
    }
}

async fn tokens_page(
    ctx: &Ctx,
    new_token: Option<String>,
    form: &TokenForm,
    errors: Errors,
) -> Result<String, AppError> {
    let actor = ctx.actor()?;
    let t = ctx.lang.tr();
    let never = t.msg("tokens-never");
    let tokens = service::list_api_tokens(&ctx.state, actor)
        .await?
        .into_iter()
        .map(|tok| me::TokenRow {
            id: tok.id.0,
            name: tok.name,
            created: fmt_instant(ctx.lang, tok.created_at),
            last_used: tok
                .last_used_at
                .map(|t| fmt_instant(ctx.lang, t))
                .unwrap_or_else(|| never.clone()),
            expires: tok
                .expires_at
                .map(|t| fmt_instant(ctx.lang, t))
                .unwrap_or_else(|| never.clone()),
            access: t.msg(TokenAccess::from_stored(&tok.scope).label_id()),
        })
        .collect();
    Ok(me::Tokens {
        layout: ctx.layout("tokens-title", "me"),
        errors,
        tokens,
        new_token,
        name: form.name.clone(),
        lifetime: form.expires_in_days.clone(),
        lifetimes: [7, 30, 90, service::TOKEN_MAX_DAYS]
            .iter()
            .map(|d| {
                (
                    d.to_string(),
                    t.msg_args("tokens-lifetime-days", &[("days", d.to_string())]),
                )
            })
            .collect(),
        access: form.access.clone(),
        accesses: TokenAccess::ALL
            .iter()
            .map(|a| (a.as_str().to_string(), t.msg(a.label_id())))
            .collect(),
    }
    .render()?)
}

/// GET /me/tokens
#[handler]
pub async fn tokens_get(ctx: Ctx) -> Result<Response, AppError> {
    Ok(html(
        tokens_page(&ctx, None, &TokenForm::default(), Errors::default()).await?,
    ))
}

/// POST /me/tokens — creates a token and shows its secret once.
#[handler]
pub async fn tokens_post(
    ctx: Ctx,
    CsrfForm(form): CsrfForm<TokenForm>,
) -> Result<Response, AppError> {
    let actor = ctx.actor()?;
    // A lifetime that is no number is as invalid as one out of range.
    let days = form.expires_in_days.trim().parse::<i64>().unwrap_or(0);
    match service::create_scoped_api_token(&ctx.state, actor, &form.name, Some(days), &form.access)
        .await
    {
        Ok((_, secret)) => Ok(html(
            tokens_page(&ctx, Some(secret), &TokenForm::default(), Errors::default()).await?,
        )),
        Err(err) => {
            let errors = form_errors(err, ctx.lang)?;
            Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                tokens_page(&ctx, None, &form, errors).await?,
            ))
        }
    }
}

/// POST /me/tokens/:id/revoke
#[handler]
pub async fn token_revoke_post(
    ctx: Ctx,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<Response, AppError> {
    service::revoke_api_token(&ctx.state, ctx.actor()?, ApiTokenId(id)).await?;
    ctx.flash(FlashKind::Success, "flash-token-revoked");
    Ok(see_other("/me/tokens"))
}

// --- administration ------------------------------------------------------------------------------

#[derive(Deserialize)]
pub struct SearchQuery {
    q: Option<String>,
}

fn role_badge(role: Role) -> &'static str {
    match role {
        Role::Admin => "badge-admin",
        Role::Organiser => "badge-organiser",
        Role::Juror => "badge-juror",
        Role::Checkin => "badge-checkin",
    }
}

/// GET /admin/accounts?q=…
#[handler]
pub async fn admin_accounts_get(
    ctx: Ctx,
    Query(query): Query<SearchQuery>,
) -> Result<Response, AppError> {
    let q = query.q.unwrap_or_default();
    let rows = service::list_accounts(&ctx.state, ctx.actor()?, &q).await?;
    let page = admin::Accounts {
        layout: ctx.layout("admin-accounts-title", "admin"),
        q,
        rows: rows
            .into_iter()
            .map(|(a, grants)| admin::AccountRow {
                url: format!("/admin/accounts/{}", a.id),
                name: a.name,
                email: a.email,
                organisation: a.organisation_name.unwrap_or_default(),
                confirmed: a.email_confirmed_at.is_some(),
                roles: grants
                    .iter()
                    .map(|g| (grant_label(ctx.lang, g), role_badge(g.role)))
                    .collect(),
            })
            .collect(),
    };
    Ok(html(page.render()?))
}

async fn account_page(ctx: &Ctx, id: AccountId, errors: Errors) -> Result<String, AppError> {
    let (account, grants) = service::account_detail(&ctx.state, ctx.actor()?, id).await?;
    let t = ctx.lang.tr();
    Ok(admin::AccountDetail {
        layout: ctx.layout_titled(account.name.clone(), "admin"),
        errors,
        name: account.name,
        email: account.email,
        organisation: account.organisation_name.unwrap_or_default(),
        confirmed: account
            .email_confirmed_at
            .map(|t| fmt_instant(ctx.lang, t))
            .unwrap_or_else(|| t.msg("no")),
        created: fmt_instant(ctx.lang, account.created_at),
        grants: grants
            .iter()
            .map(|g| admin::GrantRow {
                role: t.msg(g.label_id()),
                scope: grant_label(ctx.lang, g)
                    .split(" – ")
                    .nth(1)
                    .unwrap_or("")
                    .to_string(),
                revoke_url: format!("/admin/accounts/{id}/roles/{}/revoke", g.id),
            })
            .collect(),
        grant_url: format!("/admin/accounts/{id}/roles"),
        role_options: Role::ALL
            .iter()
            .map(|r| (r.as_str().to_string(), t.msg(r.label_id())))
            .collect(),
        scope_options: service::scope_choices(&ctx.state, ctx.lang).await?,
    }
    .render()?)
}

/// GET /admin/accounts/:id
#[handler]
pub async fn admin_account_get(ctx: Ctx, Path(id): Path<i64>) -> Result<Response, AppError> {
    Ok(html(
        account_page(&ctx, AccountId(id), Errors::default()).await?,
    ))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct GrantForm {
    role: String,
    scope: String,
}

/// POST /admin/accounts/:id/roles
#[handler]
pub async fn admin_grant_post(
    ctx: Ctx,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<GrantForm>,
) -> Result<Response, AppError> {
    let id = AccountId(id);
    match service::grant_role(&ctx.state, ctx.actor()?, id, &form.role, &form.scope).await {
        Ok(_) => {
            ctx.flash(FlashKind::Success, "flash-role-granted");
            Ok(see_other(&format!("/admin/accounts/{id}")))
        }
        Err(AppError::Conflict(msg)) => {
            let errors = crate::error::FieldErrors::one("role", msg).view(ctx.lang);
            Ok(html_status(
                StatusCode::CONFLICT,
                account_page(&ctx, id, errors).await?,
            ))
        }
        Err(err) => {
            let errors = form_errors(err, ctx.lang)?;
            Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                account_page(&ctx, id, errors).await?,
            ))
        }
    }
}

/// POST /admin/accounts/:id/roles/:grant/revoke
#[handler]
pub async fn admin_revoke_post(
    ctx: Ctx,
    Path((id, grant)): Path<(i64, i64)>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<Response, AppError> {
    let id = AccountId(id);
    match service::revoke_role(&ctx.state, ctx.actor()?, id, GrantId(grant)).await {
        Ok(()) => {
            ctx.flash(FlashKind::Success, "flash-role-revoked");
            Ok(see_other(&format!("/admin/accounts/{id}")))
        }
        Err(AppError::Conflict(msg)) => {
            let errors = crate::error::FieldErrors::one("role", msg).view(ctx.lang);
            Ok(html_status(
                StatusCode::CONFLICT,
                account_page(&ctx, id, errors).await?,
            ))
        }
        Err(err) => Err(err),
    }
}

/// GET /me/data.json — everything stored about the signed-in person.
#[handler]
pub async fn data_get(ctx: Ctx) -> Result<Response, AppError> {
    let data = super::privacy::export(&ctx.state, ctx.actor()?).await?;
    let body = serde_json::to_vec_pretty(&data).map_err(|e| AppError::Internal(e.into()))?;
    Ok(crate::http::page::download(
        "convene-my-data.json",
        "application/json",
        body,
    ))
}

fn delete_page(ctx: &Ctx, errors: Errors) -> Result<String, AppError> {
    Ok(me::DeleteAccount {
        layout: ctx.layout("account-delete-title", "me"),
        errors,
    }
    .render()?)
}

/// GET /me/delete — asks for the password before deleting the account.
#[handler]
pub async fn delete_get(ctx: Ctx) -> Result<Response, AppError> {
    ctx.actor()?;
    Ok(html(delete_page(&ctx, Errors::default())?))
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct DeleteForm {
    password: String,
}

/// POST /me/delete — deletes the account and signs out.
#[handler]
pub async fn delete_post(
    ctx: Ctx,
    CsrfForm(form): CsrfForm<DeleteForm>,
) -> Result<Response, AppError> {
    match super::privacy::delete(&ctx.state, ctx.actor()?, &form.password).await {
        Ok(()) => {
            auth::expire(&ctx.state, &ctx.jar, SESSION_COOKIE);
            auth::rotate_csrf(&ctx.state, &ctx.jar);
            ctx.flash(FlashKind::Info, "flash-account-deleted");
            Ok(see_other("/"))
        }
        Err(AppError::Invalid(e)) => Ok(html_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            delete_page(&ctx, e.view(ctx.lang))?,
        )),
        Err(e) => Err(e),
    }
}

// --- the home page ----------------------------------------------------------------------------

/// GET / — the home page: the ways to sign up and sign in, and on a demo installation the
/// demo sign-ins.
#[handler]
pub async fn home_get(ctx: Ctx) -> Result<Response, AppError> {
    let demo = if ctx.state.config.demo {
        crate::seed::demo_sign_ins()
    } else {
        Vec::new()
    };
    let t = ctx.lang.tr();
    let page = convene_frontend::home::Home {
        layout: ctx.layout("home-title", "home"),
        demo_accounts: demo
            .iter()
            .map(|(role, email)| (t.msg(role), email.clone()))
            .collect(),
        demo_password: (!demo.is_empty()).then(|| crate::seed::demo_password().to_string()),
    };
    Ok(html(page.render()?))
}
