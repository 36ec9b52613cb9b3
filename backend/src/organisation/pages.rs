//! The administrators' organisation pages.

use poem::http::StatusCode;
use poem::{Response, handler};

use super::model::{KINDS, kind_label_id};
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
