//! Organiser requests: a signed-in person asks to organise for an organisation (one that exists,
//! or a new one); an administrator approves or declines. When the site setting opens organising
//! to everyone, a request is approved the moment it is made. Approval makes the person an
//! organiser of the organisation (role scope `org:<id>`): they create and run its events and
//! calls, and see nothing of other organisations'.

use chrono::{DateTime, Utc};
use convene_frontend::Lang;

use super::model::{self, OrganiserRequest};
use super::{queries, service};
use crate::account::{Actor, Role, Scope};
use crate::admin::service::{OrganiserSignup, settings_in};
use crate::audit;
use crate::db::{self, DbConn};
use crate::error::{AppError, DbResultExt, FieldErrors, Msg};
use crate::ids::{AccountId, OrganisationId};
use crate::state::AppState;

/// The most characters of a request's message.
pub const MESSAGE_MAX: usize = 2000;

/// A request as the form or the API sends it: `organisation` names an existing organisation by
/// slug; empty asks for a new one described by the other fields.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct RequestInput {
    pub organisation: String,
    pub name: String,
    pub kind: String,
    pub city: String,
    pub website: String,
    pub message: String,
}

/// Asks to organise for an organisation. Approved at once when the site is open to organisers;
/// otherwise the administrators are mailed.
///
/// # Errors
/// `Invalid` (unknown organisation, fields of a new one, a confirmed organisation's name, a
/// message too long), `Conflict` (a request is pending already; the person organises for it).
pub async fn ask(
    state: &AppState,
    actor: &Actor,
    input: &RequestInput,
) -> Result<OrganiserRequest, AppError> {
    let message = crate::event::model::text(&input.message, MESSAGE_MAX, None, "valid-too-long")
        .map_err(|m| AppError::Invalid(FieldErrors::one("message", m)))?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let slug = input.organisation.trim();
    let (existing, new) = if slug.is_empty() {
        let new = service::parse(&super::service::OrganisationInput {
            name: input.name.clone(),
            kind: input.kind.clone(),
            city: input.city.clone(),
            website: input.website.clone(),
        })?;
        if let Some((_, true)) = queries::find_by_name_verified(&mut tx, &new.name).await? {
            return Err(AppError::field("name", "request-org-exists"));
        }
        (None, Some(new))
    } else {
        let id = queries::find_by_slug(&mut tx, slug)
            .await?
            .ok_or_else(|| AppError::field("organisation", "valid-owner-unknown"))?;
        if actor.organiser_of().contains(&id) {
            return Err(AppError::Conflict(Msg::new("request-already-organiser")));
        }
        (Some(id), None)
    };
    let id = queries::insert_request(&mut tx, actor.id, existing, new.as_ref(), &message, now)
        .await
        .on_unique_violation(|| AppError::Conflict(Msg::new("request-pending-exists")))?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "organiser_request.ask",
        &format!("organiser_request:{id}"),
        new.as_ref().map(|n| n.name.as_str()).unwrap_or(slug),
        now,
    )
    .await?;
    let request = if settings_in(&mut tx).await?.organiser_signup == OrganiserSignup::Open {
        approve_in(&mut tx, state, None, id, now).await?
    } else {
        let request = find(&mut tx, id).await?;
        mail_admins(&mut tx, state, &request, now).await?;
        request
    };
    tx.commit().await?;
    state.mailer.wake();
    Ok(request)
}

async fn find(conn: &mut DbConn, id: i64) -> Result<OrganiserRequest, AppError> {
    queries::find_request(conn, id)
        .await?
        .ok_or_else(|| AppError::not_found("request-not-found"))
}

/// The actor's own requests, newest first.
pub async fn mine(state: &AppState, actor: &Actor) -> Result<Vec<OrganiserRequest>, AppError> {
    let mut conn = state.db.acquire().await?;
    Ok(queries::requests_of(&mut conn, actor.id).await?)
}

/// One request: for an administrator, or the person who made it.
pub async fn get(state: &AppState, actor: &Actor, id: i64) -> Result<OrganiserRequest, AppError> {
    let mut conn = state.db.acquire().await?;
    match queries::find_request(&mut conn, id).await? {
        Some(r) if actor.is_admin() || r.account_id == actor.id => Ok(r),
        _ => Err(AppError::not_found("request-not-found")),
    }
}

/// Requests of `status` (empty: all; pending first), for administrators.
///
/// # Errors
/// `Forbidden`; `Invalid` at `status` for an unknown one.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    status: &str,
) -> Result<Vec<OrganiserRequest>, AppError> {
    actor.require_admin()?;
    if !status.is_empty() && !model::REQUEST_STATES.contains(&status) {
        return Err(AppError::field("status", "valid-choice-invalid"));
    }
    let mut conn = state.db.acquire().await?;
    Ok(queries::requests(&mut conn, status, 500).await?)
}

/// An administrator approves (`true`) or declines a pending request; the person is mailed.
///
/// # Errors
/// `Forbidden`, `NotFound`, `Conflict` (decided already), `Invalid` at `name` (a new
/// organisation whose name a confirmed one took meanwhile).
pub async fn decide(
    state: &AppState,
    actor: &Actor,
    id: i64,
    approve: bool,
) -> Result<OrganiserRequest, AppError> {
    actor.require_admin()?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let request = if approve {
        approve_in(&mut tx, state, Some(actor), id, now).await?
    } else {
        if !queries::decide_request(&mut tx, id, "declined", None, Some(actor.id), now).await? {
            find(&mut tx, id).await?;
            return Err(AppError::Conflict(Msg::new("request-decided")));
        }
        audit::record(
            &mut tx,
            Some(actor.id),
            "organiser_request.decline",
            &format!("organiser_request:{id}"),
            "",
            now,
        )
        .await?;
        let request = find(&mut tx, id).await?;
        mail_decision(&mut tx, state, &request, now).await?;
        request
    };
    tx.commit().await?;
    state.mailer.wake();
    Ok(request)
}

/// Approves request `id` in the caller's transaction (`by` `None`: the open site did): creates
/// the new organisation, grants the organiser role for it, and mails the person.
async fn approve_in(
    tx: &mut DbConn,
    state: &AppState,
    by: Option<&Actor>,
    id: i64,
    now: DateTime<Utc>,
) -> Result<OrganiserRequest, AppError> {
    let request = find(tx, id).await?;
    if request.status != "pending" {
        return Err(AppError::Conflict(Msg::new("request-decided")));
    }
    let requester = crate::account::service::actor_in(tx, request.account_id).await?;
    let organisation = match request.organisation_id {
        Some(id) => id,
        None => {
            let new = model::NewOrganisation {
                slug: String::new(),
                name: request.new_name.clone(),
                kind: request.new_kind.clone(),
                city: request.new_city.clone(),
                website: request.new_website.clone(),
                description_de: String::new(),
                description_en: String::new(),
                verified: true,
            };
            service::create_in(tx, by.unwrap_or(&requester), new, now).await?
        }
    };
    let by_id = by.map(|a| a.id);
    if !queries::decide_request(tx, id, "approved", Some(organisation), by_id, now).await? {
        return Err(AppError::Conflict(Msg::new("request-decided")));
    }
    grant_organiser(tx, request.account_id, organisation, by_id, now).await?;
    audit::record(
        tx,
        by_id,
        "organiser_request.approve",
        &format!("organiser_request:{id}"),
        request.organisation(),
        now,
    )
    .await?;
    let request = find(tx, id).await?;
    mail_decision(tx, state, &request, now).await?;
    Ok(request)
}

/// Makes an account an organiser of an organisation (nothing when it is one already); the
/// account belongs to the organisation from then on when it named none.
async fn grant_organiser(
    tx: &mut DbConn,
    account: AccountId,
    organisation: OrganisationId,
    by: Option<AccountId>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let scope = Scope::Org(organisation.0);
    let held = crate::account::queries::grants_of(tx, account)
        .await?
        .into_iter()
        .map(crate::actor::Grant::from)
        .any(|g| g.role == Role::Organiser && g.scope == scope);
    if held {
        return Ok(());
    }
    crate::account::queries::insert_grant(tx, account, Role::Organiser, scope, by, now).await?;
    crate::account::queries::join_organisation_if_none(tx, account, organisation, now).await?;
    audit::record(
        tx,
        by,
        "account.grant_role",
        &format!("account:{account}"),
        &format!("organiser {}", scope.key()),
        now,
    )
    .await?;
    Ok(())
}

/// Tells every administrator that a request waits.
async fn mail_admins(
    tx: &mut DbConn,
    state: &AppState,
    request: &OrganiserRequest,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    for (email, name, language) in crate::account::queries::admins(tx).await? {
        let t = Lang::from_code(&language).unwrap_or_default().tr();
        let args = [
            ("name", request.account_name.clone()),
            ("email", request.account_email.clone()),
            ("organisation", request.organisation().to_string()),
            ("message", request.message.clone()),
            ("link", state.config.url("/admin/requests")),
        ];
        let body = format!(
            "{}\n\n{}\n\n{}\n",
            t.msg_args("mail-greeting", &[("name", name.clone())]),
            t.msg_args("mail-request-admin-body", &args),
            t.msg("mail-signature")
        );
        crate::mail::enqueue(
            tx,
            &state.config,
            crate::mail::NewMail {
                to_address: &email,
                to_name: &name,
                lang: t.lang,
                subject: &t.msg_args("mail-request-admin-subject", &args),
                body_text: &body,
                attachments: &[],
            },
            now,
        )
        .await?;
    }
    Ok(())
}

/// Tells the person how their request was decided.
async fn mail_decision(
    tx: &mut DbConn,
    state: &AppState,
    request: &OrganiserRequest,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let t = Lang::from_code(&request.account_language)
        .unwrap_or_default()
        .tr();
    let approved = request.status == "approved";
    let args = [
        ("organisation", request.organisation().to_string()),
        ("link", state.config.url("/orga/events/new")),
    ];
    let body = format!(
        "{}\n\n{}\n\n{}\n",
        t.msg_args("mail-greeting", &[("name", request.account_name.clone())]),
        t.msg_args(
            if approved {
                "mail-request-approved-body"
            } else {
                "mail-request-declined-body"
            },
            &args
        ),
        t.msg("mail-signature")
    );
    crate::mail::enqueue(
        tx,
        &state.config,
        crate::mail::NewMail {
            to_address: &request.account_email,
            to_name: &request.account_name,
            lang: t.lang,
            subject: &t.msg_args(
                if approved {
                    "mail-request-approved-subject"
                } else {
                    "mail-request-declined-subject"
                },
                &args,
            ),
            body_text: &body,
            attachments: &[],
        },
        now,
    )
    .await?;
    Ok(())
}
