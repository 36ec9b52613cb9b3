//! The team pages of events and calls: who runs it, inviting and removing members.

use poem::http::StatusCode;
use poem::web::Path;
use poem::{Response, handler};

use super::service::{self, Member, Place, PlaceKind, Via};
use crate::error::AppError;
use crate::http::auth::CsrfForm;
use crate::http::page::{Ctx, html, html_status, see_other};
use crate::ids::GrantId;
use convene_frontend::team::{MemberLine, TeamPage};
use convene_frontend::{Errors, FlashKind, Lang, Template};

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct InviteForm {
    email: String,
    name: String,
    role: String,
}

fn team_path(place: &Place) -> String {
    format!("{}/team", place.orga_path())
}

fn line(lang: Lang, place: &Place, m: &Member) -> MemberLine {
    let t = lang.tr();
    MemberLine {
        name: m.name.clone(),
        email: m.email.clone(),
        role: t.msg(m.role.label_id()),
        via: match &m.via {
            Via::Grant(_) => t.msg("team-via-invited"),
            Via::Organisation(name) => {
                t.msg_args("team-via-organisation", &[("name", name.clone())])
            }
        },
        remove_url: match m.via {
            Via::Grant(g) if m.role != crate::account::Role::Juror => {
                Some(format!("{}/{g}/remove", team_path(place)))
            }
            _ => None,
        },
    }
}

async fn team_page(
    ctx: &Ctx,
    kind: PlaceKind,
    slug: &str,
    form: &InviteForm,
    errors: Errors,
) -> Result<String, AppError> {
    let (place, members) = service::members(&ctx.state, ctx.actor()?, kind, slug).await?;
    let lang = ctx.lang;
    let t = lang.tr();
    Ok(TeamPage {
        layout: ctx.layout_titled(
            format!("{} – {}", t.msg("team-title"), place.title(lang)),
            "orga",
        ),
        errors,
        back: (place.orga_path(), place.title(lang).to_string()),
        members: members.iter().map(|m| line(lang, &place, m)).collect(),
        action: team_path(&place),
        role_options: convene_frontend::Choices {
            options: place
                .roles()
                .iter()
                .map(|r| (r.as_str().to_string(), t.msg(r.label_id())))
                .collect(),
        },
        jury_url: matches!(place, Place::Call(_)).then(|| format!("{}/jury", place.orga_path())),
        log_url: format!("{}/log", place.orga_path()),
        email: form.email.clone(),
        name: form.name.clone(),
        role: form.role.clone(),
    }
    .render()?)
}

async fn get(ctx: Ctx, kind: PlaceKind, slug: String) -> Result<Response, AppError> {
    let form = InviteForm {
        role: "organiser".into(),
        ..Default::default()
    };
    Ok(html(
        team_page(&ctx, kind, &slug, &form, Errors::default()).await?,
    ))
}

async fn invite(
    ctx: Ctx,
    kind: PlaceKind,
    slug: String,
    form: InviteForm,
) -> Result<Response, AppError> {
    let actor = ctx.actor()?;
    let result = service::invite(
        &ctx.state,
        actor,
        kind,
        &slug,
        &form.email,
        &form.name,
        &form.role,
        ctx.lang,
    )
    .await;
    match result {
        Ok(_) => {
            ctx.flash(FlashKind::Success, "flash-team-invited");
            let place = service::place(&ctx.state, actor, kind, &slug).await?;
            Ok(see_other(&team_path(&place)))
        }
        Err(AppError::Invalid(e)) => Ok(html_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            team_page(&ctx, kind, &slug, &form, e.view(ctx.lang)).await?,
        )),
        Err(AppError::Conflict(m)) => {
            let errors = crate::error::FieldErrors::one("email", m).view(ctx.lang);
            Ok(html_status(
                StatusCode::CONFLICT,
                team_page(&ctx, kind, &slug, &form, errors).await?,
            ))
        }
        Err(e) => Err(e),
    }
}

async fn remove(ctx: Ctx, kind: PlaceKind, slug: String, grant: i64) -> Result<Response, AppError> {
    let actor = ctx.actor()?;
    service::remove(&ctx.state, actor, kind, &slug, GrantId(grant)).await?;
    ctx.flash(FlashKind::Success, "flash-team-removed");
    // Who removed their own organiser role may no longer see the team.
    match service::place(&ctx.state, actor, kind, &slug).await {
        Ok(place) => Ok(see_other(&team_path(&place))),
        Err(_) => Ok(see_other("/me")),
    }
}

/// GET /orga/events/:slug/team
#[handler]
pub async fn event_get(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    get(ctx, PlaceKind::Event, slug).await
}

/// POST /orga/events/:slug/team
#[handler]
pub async fn event_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<InviteForm>,
) -> Result<Response, AppError> {
    invite(ctx, PlaceKind::Event, slug, form).await
}

/// POST /orga/events/:slug/team/:grant/remove
#[handler]
pub async fn event_remove_post(
    ctx: Ctx,
    Path((slug, grant)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    remove(ctx, PlaceKind::Event, slug, grant).await
}

/// GET /orga/calls/:slug/team
#[handler]
pub async fn call_get(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    get(ctx, PlaceKind::Call, slug).await
}

/// POST /orga/calls/:slug/team
#[handler]
pub async fn call_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<InviteForm>,
) -> Result<Response, AppError> {
    invite(ctx, PlaceKind::Call, slug, form).await
}

/// POST /orga/calls/:slug/team/:grant/remove
#[handler]
pub async fn call_remove_post(
    ctx: Ctx,
    Path((slug, grant)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    remove(ctx, PlaceKind::Call, slug, grant).await
}
