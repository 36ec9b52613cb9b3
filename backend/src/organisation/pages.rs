//! The organisation pages: the administrators' organisation list and organiser requests, and
//! the page where people ask to organise for an organisation.

use poem::http::StatusCode;
use poem::web::Path;
use poem::{Response, handler};

use super::model::{KINDS, REQUEST_STATES, kind_label_id};
use super::requests::{self, RequestInput};
use super::service::{self, OrganisationInput};
use crate::error::AppError;
use crate::http::auth::CsrfForm;
use crate::http::page::{Ctx, html, html_status, see_other};
use convene_frontend::{Errors, FlashKind, Template, admin};

async fn list_page(
    ctx: &Ctx,
    input: &OrganisationInput,
    errors: Errors,
) -> Result<String, AppError> {
    let rows = service::list(&ctx.state, ctx.actor()?).await?;
    let t = ctx.lang.tr();
    Ok(admin::Organisations {
        layout: ctx.layout("admin-organisations-title", "admin"),
        errors,
        rows: rows
            .into_iter()
            .map(|o| admin::OrganisationRow {
                kind: t.msg(kind_label_id(&o.kind)),
                name: o.name,
                city: o.city,
                website: o.website,
                members: o.members,
                organisers: o.organisers,
                events: o.events,
                calls: o.calls,
            })
            .collect(),
        kind_options: KINDS
            .iter()
            .map(|k| ((*k).to_string(), t.msg(kind_label_id(k))))
            .collect(),
        name: input.name.clone(),
        kind: input.kind.clone(),
        city: input.city.clone(),
        website: input.website.clone(),
    }
    .render()?)
}

/// GET /admin/organisations
#[handler]
pub async fn admin_list_get(ctx: Ctx) -> Result<Response, AppError> {
    let input = OrganisationInput {
        kind: "company".into(),
        ..Default::default()
    };
    Ok(html(list_page(&ctx, &input, Errors::default()).await?))
}

/// POST /admin/organisations
#[handler]
pub async fn admin_create_post(
    ctx: Ctx,
    CsrfForm(input): CsrfForm<OrganisationInput>,
) -> Result<Response, AppError> {
    match service::create(&ctx.state, ctx.actor()?, &input).await {
        Ok(_) => {
            ctx.flash(FlashKind::Success, "flash-organisation-created");
            Ok(see_other("/admin/organisations"))
        }
        Err(AppError::Invalid(errors)) => Ok(html_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            list_page(&ctx, &input, errors.view(ctx.lang)).await?,
        )),
        Err(err) => Err(err),
    }
}

// --- organiser requests ---------------------------------------------------------------------

fn status_label(lang: convene_frontend::Lang, status: &str) -> String {
    lang.tr().msg(&format!("request-status-{status}"))
}

async fn ask_page(ctx: &Ctx, input: &RequestInput, errors: Errors) -> Result<String, AppError> {
    let actor = ctx.actor()?;
    let lang = ctx.lang;
    let t = lang.tr();
    let mine = requests::mine(&ctx.state, actor).await?;
    let open = crate::admin::service::settings_in(&mut *ctx.state.db.acquire().await?)
        .await?
        .organiser_signup
        == crate::admin::service::OrganiserSignup::Open;
    let mut organisations = vec![(String::new(), t.msg("request-organisation-new"))];
    organisations.extend(service::confirmed(&ctx.state).await?);
    Ok(admin::Ask {
        layout: ctx.layout("request-title", "orga"),
        errors,
        mine: mine
            .iter()
            .map(|r| admin::OwnRequest {
                organisation: r.organisation().to_string(),
                status: status_label(lang, &r.status),
                created: crate::http::page::fmt_instant(lang, r.created_at),
            })
            .collect(),
        open,
        organisations: convene_frontend::Choices {
            options: organisations,
        },
        organisation: input.organisation.clone(),
        kind_options: KINDS
            .iter()
            .map(|k| ((*k).to_string(), t.msg(kind_label_id(k))))
            .collect(),
        name: input.name.clone(),
        kind: input.kind.clone(),
        city: input.city.clone(),
        website: input.website.clone(),
        message: input.message.clone(),
    }
    .render()?)
}

/// GET /orga/request — ask to organise for an organisation.
#[handler]
pub async fn ask_get(ctx: Ctx) -> Result<Response, AppError> {
    let input = RequestInput {
        kind: "company".into(),
        ..Default::default()
    };
    Ok(html(ask_page(&ctx, &input, Errors::default()).await?))
}

/// POST /orga/request
#[handler]
pub async fn ask_post(
    ctx: Ctx,
    CsrfForm(input): CsrfForm<RequestInput>,
) -> Result<Response, AppError> {
    match requests::ask(&ctx.state, ctx.actor()?, &input).await {
        Ok(r) if r.status == "approved" => {
            ctx.flash(FlashKind::Success, "flash-request-approved");
            Ok(see_other("/orga/events/new"))
        }
        Ok(_) => {
            ctx.flash(FlashKind::Success, "flash-request-sent");
            Ok(see_other("/orga/request"))
        }
        Err(AppError::Invalid(e)) => Ok(html_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            ask_page(&ctx, &input, e.view(ctx.lang)).await?,
        )),
        Err(AppError::Conflict(m)) => {
            let errors = crate::error::FieldErrors::one("organisation", m).view(ctx.lang);
            Ok(html_status(
                StatusCode::CONFLICT,
                ask_page(&ctx, &input, errors).await?,
            ))
        }
        Err(e) => Err(e),
    }
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct RequestsQuery {
    status: String,
}

/// GET /admin/requests
#[handler]
pub async fn requests_get(
    ctx: Ctx,
    poem::web::Query(q): poem::web::Query<RequestsQuery>,
) -> Result<Response, AppError> {
    let rows = requests::list(&ctx.state, ctx.actor()?, &q.status).await?;
    let lang = ctx.lang;
    let t = lang.tr();
    let page = admin::Requests {
        layout: ctx.layout("admin-requests-title", "admin"),
        statuses: REQUEST_STATES
            .iter()
            .map(|s| (s.to_string(), status_label(lang, s)))
            .collect(),
        status: q.status.clone(),
        rows: rows
            .into_iter()
            .map(|r| admin::RequestLine {
                id: r.id,
                who: r.account_name.clone(),
                email: r.account_email.clone(),
                organisation: r.organisation().to_string(),
                new_organisation: r.organisation_id.is_none().then(|| {
                    [
                        t.msg(kind_label_id(&r.new_kind)),
                        r.new_city.clone(),
                        r.new_website.clone(),
                    ]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" · ")
                }),
                message: r.message.clone(),
                status: status_label(lang, &r.status),
                created: crate::http::page::fmt_instant(lang, r.created_at),
                decide_urls: (r.status == "pending").then(|| {
                    (
                        format!("/admin/requests/{}/approve", r.id),
                        format!("/admin/requests/{}/decline", r.id),
                    )
                }),
            })
            .collect(),
    };
    Ok(html(page.render()?))
}

/// POST /admin/requests/:id/approve
#[handler]
pub async fn approve_post(
    ctx: Ctx,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    requests::decide(&ctx.state, ctx.actor()?, id, true).await?;
    ctx.flash(FlashKind::Success, "flash-request-decided");
    Ok(see_other("/admin/requests?status=pending"))
}

/// POST /admin/requests/:id/decline
#[handler]
pub async fn decline_post(
    ctx: Ctx,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    requests::decide(&ctx.state, ctx.actor()?, id, false).await?;
    ctx.flash(FlashKind::Success, "flash-request-decided");
    Ok(see_other("/admin/requests?status=pending"))
}
