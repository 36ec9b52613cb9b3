//! Account use cases. Services own transactions, permission checks, audit records and e-mail;
//! the pages and the JSON API call them unchanged.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use convene_frontend::{Lang, Template, mail as mails};

use super::limits::{Limit, take_limits};
use super::model::{self, Account, Actor, ApiToken, Email, Grant, Role, Scope, TokenAccess};
use super::{password, queries};
use crate::audit;
use crate::db::{self, DbConn};
use crate::error::{AppError, DbResultExt, FieldErrors, Msg};
use crate::ids::{AccountId, ApiTokenId, GrantId, OrganisationId};
use crate::mail;
use crate::organisation;
use crate::state::AppState;
use crate::token;

/// How long a sign-in lasts.
pub use crate::actor::SESSION_LIFETIME;
/// How long a confirmation link is valid.
pub const CONFIRM_LIFETIME: Duration = Duration::hours(48);
/// How long a password-reset link is valid.
pub const RESET_LIFETIME: Duration = Duration::hours(1);

// --- sign-up and confirmation ------------------------------------------------------------------

/// Raw sign-up form or API input.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct SignUpInput {
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub password: String,
}

/// Creates an account and e-mails a confirmation link. Returns the normalised address.
///
/// When the address has an account already, nothing is created and that account's owner is told
/// by e-mail instead: the answer is the same either way, so sign-up does not reveal who has an
/// account. Limited to 10 sign-ups per IP address and 5 per e-mail address per hour.
///
/// # Errors
/// `Invalid` (fields), `TooManyRequests`.
pub async fn sign_up(
    state: &AppState,
    input: &SignUpInput,
    lang: Lang,
    ip: &str,
) -> Result<String, AppError> {
    let mut errors = FieldErrors::default();
    let name = errors.check("name", model::parse_name(&input.name));
    let email = errors.check("email", Email::parse(&input.email));
    let org = errors.check(
        "organisation",
        model::parse_organisation_name(&input.organisation),
    );
    let pw = errors.check("password", model::parse_new_password(&input.password));
    errors.into_result()?;
    let (Some(name), Some(email), Some(org), Some(pw)) = (name, email, org, pw) else {
        unreachable!("no errors means every field parsed");
    };

    // Per IP address against bulk sign-ups, per address against mail bombing one inbox.
    let limits = [
        Limit::new("signup", format!("ip:{ip}"), 10, 60),
        Limit::new("signup", format!("email:{}", email.as_str()), 5, 60),
    ];
    let now = state.clock.now();
    take_limits(state, &limits, now).await?;

    // Hash before the write transaction: it takes tens of milliseconds.
    let hash = state.hasher.hash(pw).await?;
    let mut tx = db::begin_write(&state.db).await?;
    if let Some(existing) = queries::find_by_email(&mut tx, email.as_str()).await? {
        send_already_registered(state, &mut tx, &existing, now).await?;
        tx.commit().await?;
        state.mailer.wake();
        return Ok(email.as_str().to_string());
    }
    let organisation_id = match &org {
        Some(org) => Some(organisation::service::find_or_create(&mut tx, org, now).await?),
        None => None,
    };
    let new = queries::NewAccount {
        email: email.as_str(),
        name: &name,
        organisation_id,
        language: lang.code(),
        password_hash: Some(&hash),
        email_confirmed_at: None,
        now,
    };
    // The unique key on e-mail settles a race between two sign-ups with one address.
    let id = queries::insert(&mut tx, &new)
        .await
        .on_unique_violation(|| AppError::Conflict(Msg::new("error-conflict-title")))?;
    audit::record(
        &mut tx,
        Some(id),
        "account.sign_up",
        &format!("account:{id}"),
        "",
        now,
    )
    .await?;
    let account = queries::find(&mut tx, id)
        .await?
        .ok_or_else(|| AppError::not_found("error-account-not-found"))?;
    send_confirmation(state, &mut tx, &account, now).await?;
    tx.commit().await?;
    state.mailer.wake();
    Ok(email.as_str().to_string())
}

async fn send_confirmation(
    state: &AppState,
    conn: &mut DbConn,
    account: &Account,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let secret = token::random();
    queries::insert_link_token(
        conn,
        account.id,
        "confirm",
        &token::hash(&secret),
        now,
        now + CONFIRM_LIFETIME,
    )
    .await?;
    let t = account.lang().tr();
    let body = mails::Confirm {
        t,
        name: account.name.clone(),
        link: state.config.url(&format!("/confirm/{secret}")),
    }
    .render()?;
    mail::enqueue(
        conn,
        &state.config,
        mail::NewMail {
            to_address: &account.email,
            to_name: &account.name,
            lang: t.lang,
            subject: &t.msg("mail-confirm-subject"),
            body_text: &body,
            attachments: &[],
        },
        now,
    )
    .await?;
    Ok(())
}

async fn send_already_registered(
    state: &AppState,
    conn: &mut DbConn,
    account: &Account,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let t = account.lang().tr();
    let body = mails::AlreadyRegistered {
        t,
        name: account.name.clone(),
        signin_link: state.config.url("/signin"),
        reset_link: state.config.url("/reset"),
    }
    .render()?;
    mail::enqueue(
        conn,
        &state.config,
        mail::NewMail {
            to_address: &account.email,
            to_name: &account.name,
            lang: t.lang,
            subject: &t.msg("mail-already-subject"),
            body_text: &body,
            attachments: &[],
        },
        now,
    )
    .await?;
    Ok(())
}

/// Confirms the address behind an e-mailed link.
///
/// # Errors
/// `NotFound("auth-link-invalid")` for an unknown, used or expired link.
pub async fn confirm_email(state: &AppState, secret: &str) -> Result<AccountId, AppError> {
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let id = queries::use_link_token(&mut tx, "confirm", &token::hash(secret), now)
        .await?
        .ok_or_else(|| AppError::not_found("auth-link-invalid"))?;
    queries::confirm_email(&mut tx, id, now).await?;
    audit::record(
        &mut tx,
        Some(id),
        "account.confirm_email",
        &format!("account:{id}"),
        "",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Sends a new confirmation link when the address belongs to an unconfirmed account. Answers the
/// same in every case; limited to 5 per address and 20 per IP address per hour.
pub async fn resend_confirmation(
    state: &AppState,
    email: &str,
    ip: &str,
) -> Result<String, AppError> {
    let email = Email::parse(email).map_err(|m| AppError::Invalid(FieldErrors::one("email", m)))?;
    let limits = [
        Limit::new("mail", format!("email:{}", email.as_str()), 5, 60),
        Limit::new("mail", format!("ip:{ip}"), 20, 60),
    ];
    let now = state.clock.now();
    take_limits(state, &limits, now).await?;
    let mut tx = db::begin_write(&state.db).await?;
    if let Some(account) = queries::find_by_email(&mut tx, email.as_str()).await?
        && account.email_confirmed_at.is_none()
    {
        send_confirmation(state, &mut tx, &account, now).await?;
    }
    tx.commit().await?;
    state.mailer.wake();
    Ok(email.as_str().to_string())
}

// --- sign-in and sessions ----------------------------------------------------------------------

/// Checks e-mail and password and opens a new session. Returns the session secret (the cookie
/// value) and the account.
///
/// Failed attempts are limited per client address (30 in 15 minutes) and per account and client
/// address (5, then a doubling wait), never per account alone: an attacker's failures must not
/// lock the owner out. The password check waits for a hashing permit ([`password::Hasher`]).
///
/// # Errors
/// `Invalid` (missing fields, wrong e-mail or password: one message for both),
/// `Conflict("auth-unconfirmed")`, `TooManyRequests`, `Unavailable` (too many checks at once).
pub async fn sign_in(
    state: &AppState,
    email: &str,
    password_input: &str,
    ip: &str,
) -> Result<(String, Account), AppError> {
    let mut errors = FieldErrors::default();
    let email = errors.check("email", Email::parse(email));
    if password_input.is_empty() {
        errors.add("password", "valid-password-required");
    }
    errors.into_result()?;
    let email = email.expect("parsed");
    let now = state.clock.now();
    let limits = [
        Limit::new("signin", format!("ip:{ip}"), 30, 15),
        Limit::backoff("signin", format!("email:{} ip:{ip}", email.as_str()), 5),
    ];
    let reserved = take_limits(state, &limits, now).await?;
    let mut conn = state.db.acquire().await?;
    let account = queries::find_by_email(&mut conn, email.as_str()).await?;
    let hash = match &account {
        Some(a) => queries::password_hash(&mut conn, a.id).await?,
        None => None,
    };
    drop(conn);
    let ok = match state.hasher.verify(password_input.to_string(), hash).await {
        Ok(ok) => ok,
        Err(e) => {
            // Not checked (busy): it does not count as a failure.
            reserved.release(state).await?;
            return Err(e);
        }
    };
    let account = match (ok, account) {
        (true, Some(account)) => account,
        // The reserved attempt stays: it was a failure.
        _ => return Err(AppError::field("email", "auth-signin-failed")),
    };
    reserved.release(state).await?;
    if account.email_confirmed_at.is_none() {
        return Err(AppError::Conflict(Msg::new("auth-unconfirmed")));
    }
    let secret = token::random();
    let mut tx = db::begin_write(&state.db).await?;
    queries::insert_session(
        &mut tx,
        &token::hash(&secret),
        account.id,
        now,
        now + SESSION_LIFETIME,
    )
    .await?;
    audit::record(
        &mut tx,
        Some(account.id),
        "account.sign_in",
        &format!("account:{}", account.id),
        "",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok((secret, account))
}

/// Ends the session behind a cookie value (nothing happens for an unknown one).
pub async fn sign_out(state: &AppState, session_secret: &str) -> Result<(), AppError> {
    let mut conn = state.db.acquire().await?;
    queries::delete_session(&mut conn, &token::hash(session_secret)).await?;
    Ok(())
}

async fn actor_for(conn: &mut DbConn, account: Account) -> Result<Actor, AppError> {
    let grants = queries::grants_of(conn, account.id).await?;
    Ok(Actor {
        language: account.lang(),
        id: account.id,
        email: account.email,
        name: account.name,
        grants: grants.into_iter().map(Grant::from).collect(),
    })
}

/// The actor behind a session cookie value, if the session is live.
pub async fn authenticate_session(
    state: &AppState,
    session_secret: &str,
) -> Result<Option<Actor>, AppError> {
    let mut conn = state.db.acquire().await?;
    match queries::session_account(&mut conn, &token::hash(session_secret), state.clock.now())
        .await?
    {
        Some(account) => Ok(Some(actor_for(&mut conn, account).await?)),
        None => Ok(None),
    }
}

/// The actor behind an API token and what the token may do, if the token is live.
pub async fn authenticate_api_token(
    state: &AppState,
    secret: &str,
) -> Result<Option<(Actor, TokenAccess)>, AppError> {
    let mut conn = state.db.acquire().await?;
    let now = state.clock.now();
    let Some((id, access, mark)) =
        queries::find_api_token(&mut conn, &token::hash(secret), now).await?
    else {
        return Ok(None);
    };
    let actor = match queries::find(&mut conn, id).await? {
        Some(account) => actor_for(&mut conn, account).await?,
        None => return Ok(None),
    };
    drop(conn);
    if let Some(token) = mark {
        // Written with the other writes of this moment (group commit), not in a transaction
        // and a sync to disk of its own: a rush of new tokens would otherwise queue on them.
        // (Without a connection held: the batch needs one of the pool's.)
        state
            .decisions
            .run(("api_tokens", token.0), move |conn| {
                Box::pin(async move { Ok(queries::mark_api_token_used(conn, token, now).await?) })
            })
            .await?;
    }
    Ok(Some((actor, access)))
}

// --- password reset -----------------------------------------------------------------------------

/// E-mails a reset link when the address has an account. Answers the same in every case;
/// limited to 5 per address and 20 per IP address per hour.
///
/// # Errors
/// `Invalid` (malformed address), `TooManyRequests`.
pub async fn request_reset(state: &AppState, email: &str, ip: &str) -> Result<String, AppError> {
    let email = Email::parse(email).map_err(|m| AppError::Invalid(FieldErrors::one("email", m)))?;
    let limits = [
        Limit::new("reset", format!("email:{}", email.as_str()), 5, 60),
        Limit::new("reset", format!("ip:{ip}"), 20, 60),
    ];
    let now = state.clock.now();
    take_limits(state, &limits, now).await?;
    let mut tx = db::begin_write(&state.db).await?;
    if let Some(account) = queries::find_by_email(&mut tx, email.as_str()).await? {
        let secret = token::random();
        queries::insert_link_token(
            &mut tx,
            account.id,
            "reset",
            &token::hash(&secret),
            now,
            now + RESET_LIFETIME,
        )
        .await?;
        let t = account.lang().tr();
        let body = mails::Reset {
            t,
            name: account.name.clone(),
            link: state.config.url(&format!("/reset/{secret}")),
        }
        .render()?;
        mail::enqueue(
            &mut tx,
            &state.config,
            mail::NewMail {
                to_address: &account.email,
                to_name: &account.name,
                lang: t.lang,
                subject: &t.msg("mail-reset-subject"),
                body_text: &body,
                attachments: &[],
            },
            now,
        )
        .await?;
    }
    tx.commit().await?;
    state.mailer.wake();
    Ok(email.as_str().to_string())
}

/// `Ok` when a reset link can still be used.
pub async fn check_reset_link(state: &AppState, secret: &str) -> Result<(), AppError> {
    let mut conn = state.db.acquire().await?;
    if queries::link_token_valid(&mut conn, "reset", &token::hash(secret), state.clock.now())
        .await?
    {
        Ok(())
    } else {
        Err(AppError::not_found("auth-link-invalid"))
    }
}

/// Sets a new password through a reset link, signs the account out everywhere, revokes every API
/// token (whoever knew the old password may have made some), makes the account's other reset
/// links unusable and, as the link proves the mailbox, confirms the address.
///
/// # Errors
/// `Invalid` (password), `NotFound("auth-link-invalid")`.
pub async fn reset_password(
    state: &AppState,
    secret: &str,
    new_password: &str,
) -> Result<(), AppError> {
    let pw = model::parse_new_password(new_password)
        .map_err(|m| AppError::Invalid(FieldErrors::one("password", m)))?;
    check_reset_link(state, secret).await?;
    let hash = state.hasher.hash(pw).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let id = queries::use_link_token(&mut tx, "reset", &token::hash(secret), now)
        .await?
        .ok_or_else(|| AppError::not_found("auth-link-invalid"))?;
    queries::set_password(&mut tx, id, &hash, now).await?;
    queries::delete_sessions_of(&mut tx, id).await?;
    queries::revoke_api_tokens_of(&mut tx, id, now).await?;
    queries::expire_reset_links(&mut tx, id, now).await?;
    queries::confirm_email(&mut tx, id, now).await?;
    audit::record(
        &mut tx,
        Some(id),
        "account.reset_password",
        &format!("account:{id}"),
        "",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

// --- profile ----------------------------------------------------------------------------------------

/// The actor's own account.
pub async fn me(state: &AppState, actor: &Actor) -> Result<Account, AppError> {
    let mut conn = state.db.acquire().await?;
    queries::find(&mut conn, actor.id)
        .await?
        .ok_or_else(|| AppError::not_found("error-account-not-found"))
}

/// Raw profile form or API input.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct ProfileInput {
    pub name: String,
    pub organisation: String,
    pub language: String,
}

/// Updates the actor's name, organisation (found or created by name) and language.
///
/// # Errors
/// `Invalid` (fields).
pub async fn update_profile(
    state: &AppState,
    actor: &Actor,
    input: &ProfileInput,
) -> Result<Account, AppError> {
    let mut errors = FieldErrors::default();
    let name = errors.check("name", model::parse_name(&input.name));
    let org = errors.check(
        "organisation",
        model::parse_organisation_name(&input.organisation),
    );
    let lang = errors.check("language", model::parse_language(&input.language));
    errors.into_result()?;
    let (Some(name), Some(org), Some(lang)) = (name, org, lang) else {
        unreachable!("no errors means every field parsed");
    };
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let organisation_id = match &org {
        Some(org) => Some(organisation::service::find_or_create(&mut tx, org, now).await?),
        None => None,
    };
    queries::update_profile(&mut tx, actor.id, &name, organisation_id, lang.code(), now).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "account.update_profile",
        &format!("account:{}", actor.id),
        "",
        now,
    )
    .await?;
    let account = queries::find(&mut tx, actor.id)
        .await?
        .ok_or_else(|| AppError::not_found("error-account-not-found"))?;
    tx.commit().await?;
    Ok(account)
}

// --- API tokens ---------------------------------------------------------------------------------------

pub async fn list_api_tokens(state: &AppState, actor: &Actor) -> Result<Vec<ApiToken>, AppError> {
    let mut conn = state.db.acquire().await?;
    Ok(queries::list_api_tokens(&mut conn, actor.id).await?)
}

/// How long a new API token lives unless the creator chooses otherwise.
pub const TOKEN_DEFAULT_DAYS: i64 = 90;
/// The longest a token may live: a forgotten token must not work for ever.
pub const TOKEN_MAX_DAYS: i64 = 365;

/// Creates a personal API token that may read and write; see [`create_scoped_api_token`].
///
/// # Errors
/// As [`create_scoped_api_token`].
pub async fn create_api_token(
    state: &AppState,
    actor: &Actor,
    name: &str,
    expires_in_days: Option<i64>,
) -> Result<(ApiTokenId, String), AppError> {
    create_scoped_api_token(
        state,
        actor,
        name,
        expires_in_days,
        TokenAccess::ReadWrite.as_str(),
    )
    .await
}

/// Creates a personal API token with `access` (`read` or `read_write`); returns its id and the
/// secret, which is never shown again. `expires_in_days` defaults to [`TOKEN_DEFAULT_DAYS`].
///
/// # Errors
/// `Invalid` (name empty or longer than 80 characters, lifetime outside 1–365 days, unknown
/// access).
pub async fn create_scoped_api_token(
    state: &AppState,
    actor: &Actor,
    name: &str,
    expires_in_days: Option<i64>,
    access: &str,
) -> Result<(ApiTokenId, String), AppError> {
    let mut errors = FieldErrors::default();
    let name = name.trim();
    if name.is_empty() {
        errors.add("name", "valid-token-name-required");
    } else if name.chars().count() > 80 {
        errors.add("name", "valid-token-name-too-long");
    }
    let days = expires_in_days.unwrap_or(TOKEN_DEFAULT_DAYS);
    if !(1..=TOKEN_MAX_DAYS).contains(&days) {
        errors.add("expires_in_days", "valid-token-lifetime-invalid");
    }
    let access = errors.check("access", TokenAccess::parse(access));
    errors.into_result()?;
    let access = access.expect("parsed");
    let now = state.clock.now();
    let secret = format!("cvn_{}", token::random());
    let mut tx = db::begin_write(&state.db).await?;
    let id = queries::insert_api_token(
        &mut tx,
        actor.id,
        name,
        &token::hash(&secret),
        now,
        Some(now + Duration::days(days)),
        access,
    )
    .await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "account.create_api_token",
        &format!("api_token:{id}"),
        &format!("{name} ({}, {days} days)", access.as_str()),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok((id, secret))
}

/// Revokes one of the actor's API tokens.
///
/// # Errors
/// `NotFound` when the actor has no such live token.
pub async fn revoke_api_token(
    state: &AppState,
    actor: &Actor,
    id: ApiTokenId,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    if !queries::revoke_api_token(&mut tx, actor.id, id, now).await? {
        return Err(AppError::not_found("error-token-not-found"));
    }
    audit::record(
        &mut tx,
        Some(actor.id),
        "account.revoke_api_token",
        &format!("api_token:{id}"),
        "",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

// --- administration ---------------------------------------------------------------------------------

/// Accounts matching `q` with their grants (admins only).
pub async fn list_accounts(
    state: &AppState,
    actor: &Actor,
    q: &str,
) -> Result<Vec<(Account, Vec<Grant>)>, AppError> {
    actor.require_admin()?;
    let mut conn = state.db.acquire().await?;
    let accounts = queries::search(&mut conn, q.trim(), 500).await?;
    let mut grants: HashMap<AccountId, Vec<Grant>> = HashMap::new();
    for row in queries::grants_of_all(&mut conn).await? {
        grants.entry(row.account_id).or_default().push(row.into());
    }
    Ok(accounts
        .into_iter()
        .map(|a| {
            let g = grants.remove(&a.id).unwrap_or_default();
            (a, g)
        })
        .collect())
}

/// One account with its grants (admins only).
pub async fn account_detail(
    state: &AppState,
    actor: &Actor,
    id: AccountId,
) -> Result<(Account, Vec<Grant>), AppError> {
    actor.require_admin()?;
    let mut conn = state.db.acquire().await?;
    let account = queries::find(&mut conn, id)
        .await?
        .ok_or_else(|| AppError::not_found("error-account-not-found"))?;
    let grants = queries::grants_of(&mut conn, id).await?;
    Ok((account, grants.into_iter().map(Grant::from).collect()))
}

/// Whether the event or call a scope names exists.
async fn scope_exists(conn: &mut DbConn, scope: Scope) -> Result<bool, AppError> {
    Ok(match scope {
        Scope::Site => true,
        Scope::Org(id) => crate::organisation::queries::find(conn, OrganisationId(id))
            .await?
            .is_some(),
        Scope::Event(id) => crate::event::queries::find(conn, crate::ids::EventId(id))
            .await?
            .is_some(),
        Scope::Call(id) => crate::call::queries::find(conn, id).await?.is_some(),
    })
}

/// The actor for an account (for operators' commands, demo data and tests).
pub async fn actor(state: &AppState, id: AccountId) -> Result<Actor, AppError> {
    let mut conn = state.db.acquire().await?;
    actor_in(&mut conn, id).await
}

/// The actor for an account, read on the caller's connection or transaction.
pub async fn actor_in(conn: &mut DbConn, id: AccountId) -> Result<Actor, AppError> {
    let account = queries::find(conn, id)
        .await?
        .ok_or_else(|| AppError::not_found("error-account-not-found"))?;
    actor_for(conn, account).await
}

/// The scopes roles can be granted in: the site, every event and every call, as (key, label)
/// pairs.
pub async fn scope_choices(
    state: &AppState,
    lang: convene_frontend::Lang,
) -> Result<Vec<(String, String)>, AppError> {
    let mut conn = state.db.acquire().await?;
    let t = lang.tr();
    let mut out = vec![(Scope::Site.key(), t.msg("scope-site"))];
    for (id, _, name) in crate::organisation::queries::names_and_ids(&mut conn).await? {
        out.push((
            Scope::Org(id.0).key(),
            t.msg_args("scope-org-named", &[("name", name)]),
        ));
    }
    for e in crate::event::queries::list_all(&mut conn).await? {
        out.push((
            Scope::Event(e.id.0).key(),
            format!("{} ({})", e.title(lang), e.slug),
        ));
    }
    for c in crate::call::queries::list_all(&mut conn).await? {
        out.push((
            Scope::Call(c.id).key(),
            format!("{} ({})", c.title(lang), c.slug),
        ));
    }
    Ok(out)
}

/// Each of `grants` as (the role, where it applies, the page to use it on): the event's or
/// call's title instead of its number; check-in staff are led to the check-in desk, organisers
/// to what they organise, jurors to their rounds.
pub async fn grant_places(
    state: &AppState,
    lang: convene_frontend::Lang,
    grants: &[Grant],
) -> Result<Vec<(String, String, Option<String>)>, AppError> {
    let t = lang.tr();
    let mut conn = state.db.acquire().await?;
    let mut out = Vec::new();
    for g in grants {
        let (place, link) = match g.scope {
            Scope::Site => (
                t.msg("scope-site"),
                match g.role {
                    Role::Admin => Some("/admin/accounts".to_string()),
                    Role::Organiser => Some("/orga/events".to_string()),
                    Role::Juror => Some("/jury".to_string()),
                    _ => None,
                },
            ),
            Scope::Org(id) => {
                match crate::organisation::queries::find(&mut conn, OrganisationId(id)).await? {
                    Some(o) => (
                        t.msg_args("scope-org-named", &[("name", o.name)]),
                        (g.role == Role::Organiser).then(|| "/orga/events".to_string()),
                    ),
                    None => (t.msg_args("scope-org", &[("id", id.to_string())]), None),
                }
            }
            Scope::Event(id) => {
                match crate::event::queries::find(&mut conn, crate::ids::EventId(id)).await? {
                    Some(e) => (
                        e.title(lang).to_string(),
                        match g.role {
                            Role::Checkin => Some(format!("/events/{}/checkin", e.slug)),
                            Role::Organiser => Some(format!("/orga/events/{}", e.slug)),
                            _ => None,
                        },
                    ),
                    None => (t.msg_args("scope-event", &[("id", id.to_string())]), None),
                }
            }
            Scope::Call(id) => match crate::call::queries::find(&mut conn, id).await? {
                Some(c) => (
                    c.title(lang).to_string(),
                    match g.role {
                        Role::Organiser => Some(format!("/orga/calls/{}", c.slug)),
                        Role::Juror => Some("/jury".to_string()),
                        _ => None,
                    },
                ),
                None => (t.msg_args("scope-call", &[("id", id.to_string())]), None),
            },
        };
        out.push((t.msg(g.label_id()), place, link));
    }
    Ok(out)
}

/// Grants `role` in `scope` to an account (admins only).
///
/// # Errors
/// `Forbidden`, `NotFound` (account), `Invalid` (unknown role or scope, role not grantable in
/// that scope), `Conflict("auth-grant-exists")`.
pub async fn grant_role(
    state: &AppState,
    actor: &Actor,
    id: AccountId,
    role: &str,
    scope: &str,
) -> Result<Grant, AppError> {
    actor.require_admin()?;
    let mut errors = FieldErrors::default();
    let role = errors.check("role", Role::parse(role));
    let scope = errors.check("scope", Scope::parse(scope));
    errors.into_result()?;
    let (Some(role), Some(scope)) = (role, scope) else {
        unreachable!("no errors means every field parsed");
    };
    if !role.fits(scope) {
        return Err(AppError::field("scope", "valid-role-scope-mismatch"));
    }
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    queries::find(&mut tx, id)
        .await?
        .ok_or_else(|| AppError::not_found("error-account-not-found"))?;
    if !scope_exists(&mut tx, scope).await? {
        return Err(AppError::field("scope", "valid-scope-invalid"));
    }
    let grant_id = queries::insert_grant(&mut tx, id, role, scope, Some(actor.id), now)
        .await
        .on_unique_violation(|| AppError::Conflict(Msg::new("auth-grant-exists")))?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "account.grant_role",
        &format!("account:{id}"),
        &format!("{} {}", role.as_str(), scope.key()),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Grant {
        id: grant_id,
        role,
        scope,
    })
}

/// Revokes a role grant (admins only). The last site administrator keeps the role.
///
/// # Errors
/// `Forbidden`, `NotFound` (grant), `Conflict("auth-last-admin")`.
pub async fn revoke_role(
    state: &AppState,
    actor: &Actor,
    id: AccountId,
    grant_id: GrantId,
) -> Result<(), AppError> {
    actor.require_admin()?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let grant: Grant = queries::find_grant(&mut tx, id, grant_id)
        .await?
        .ok_or_else(|| AppError::not_found("error-grant-not-found"))?
        .into();
    if grant.role == Role::Admin
        && grant.scope == Scope::Site
        && queries::count_admins(&mut tx).await? <= 1
    {
        return Err(AppError::Conflict(Msg::new("auth-last-admin")));
    }
    queries::delete_grant(&mut tx, grant_id).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "account.revoke_role",
        &format!("account:{id}"),
        &format!("{} {}", grant.role.as_str(), grant.scope.key()),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

// --- operators (command line, demo data) ---------------------------------------------------------

/// An account created by an operator or the demo data, confirmed from the start.
pub struct ConfirmedAccount<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub organisation_id: Option<crate::ids::OrganisationId>,
    pub lang: Lang,
    pub password: &'a str,
    /// Granted site-wide (roles that cannot be site-wide are skipped).
    pub roles: &'a [Role],
}

/// Creates a confirmed account with a password and site-wide roles, for `convene user add` and
/// the demo data. Validates like sign-up.
///
/// # Errors
/// `Invalid` (fields), `Conflict("valid-email-taken")`.
pub async fn create_confirmed(
    conn: &mut DbConn,
    new: &ConfirmedAccount<'_>,
    now: DateTime<Utc>,
) -> Result<AccountId, AppError> {
    let mut errors = FieldErrors::default();
    let email = errors.check("email", Email::parse(new.email));
    let name = errors.check("name", model::parse_name(new.name));
    let pw = errors.check("password", model::parse_new_password(new.password));
    errors.into_result()?;
    let (Some(email), Some(name), Some(pw)) = (email, name, pw) else {
        unreachable!("no errors means every field parsed");
    };
    let hash = password::hash(pw).await?;
    let id = queries::insert(
        conn,
        &queries::NewAccount {
            email: email.as_str(),
            name: &name,
            organisation_id: new.organisation_id,
            language: new.lang.code(),
            password_hash: Some(&hash),
            email_confirmed_at: Some(now),
            now,
        },
    )
    .await
    .on_unique_violation(|| AppError::Conflict(Msg::new("valid-email-taken")))?;
    for role in new.roles {
        if role.fits(Scope::Site) {
            queries::insert_grant(conn, id, *role, Scope::Site, None, now).await?;
        }
    }
    audit::record(
        conn,
        None,
        "account.create",
        &format!("account:{id}"),
        "",
        now,
    )
    .await?;
    Ok(id)
}

/// The name of an account, or an empty string for one that no longer exists.
pub async fn name_of(state: &AppState, id: AccountId) -> Result<String, AppError> {
    let mut conn = state.db.acquire().await?;
    Ok(queries::find(&mut conn, id)
        .await?
        .map(|a| a.name)
        .unwrap_or_default())
}

/// How long the link in an invitation to a new account stays valid.
pub const INVITATION_LIFETIME: Duration = Duration::days(21);

/// Someone invited by e-mail (to a jury, an event's or a call's team).
#[derive(Debug, Clone)]
pub struct Invitee {
    pub id: AccountId,
    pub name: String,
    pub lang: Lang,
    /// The account cannot sign in yet: the invitation lets them set a password.
    pub needs_password: bool,
}

/// The account with `email`, or a new one without a password (created as `actor`'s, `why`
/// in the audit log), in the caller's transaction.
///
/// # Errors
/// `Invalid` at `name` when a new account's name is missing or too long.
pub async fn invitee(
    tx: &mut DbConn,
    actor: &Actor,
    email: &Email,
    name: &str,
    lang: Lang,
    why: &str,
    now: DateTime<Utc>,
) -> Result<Invitee, AppError> {
    let (id, needs_password, name, lang) = match queries::find_by_email(tx, email.as_str()).await? {
        Some(a) => {
            let needs = queries::password_hash(tx, a.id).await?.is_none();
            (a.id, needs, a.name.clone(), a.lang())
        }
        None => {
            let name = model::parse_name(name)
                .map_err(|m| AppError::Invalid(FieldErrors::one("name", m)))?;
            let id = queries::insert(
                tx,
                &queries::NewAccount {
                    email: email.as_str(),
                    name: &name,
                    organisation_id: None,
                    language: lang.code(),
                    password_hash: None,
                    email_confirmed_at: None,
                    now,
                },
            )
            .await?;
            audit::record(
                tx,
                Some(actor.id),
                "account.create",
                &format!("account:{id}"),
                why,
                now,
            )
            .await?;
            (id, true, name, lang)
        }
    };
    Ok(Invitee {
        id,
        name,
        lang,
        needs_password,
    })
}

/// The link an invitation carries: a one-time link to set a password first (valid for
/// [`INVITATION_LIFETIME`]) when the account cannot sign in yet, else `page` itself.
pub async fn invitation_link(
    tx: &mut DbConn,
    config: &crate::config::Config,
    invitee: &Invitee,
    page: &str,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    if !invitee.needs_password {
        return Ok(config.url(page));
    }
    let secret = crate::token::random();
    queries::insert_link_token(
        tx,
        invitee.id,
        "reset",
        &crate::token::hash(&secret),
        now,
        now + INVITATION_LIFETIME,
    )
    .await?;
    Ok(config.url(&format!("/reset/{secret}")))
}
