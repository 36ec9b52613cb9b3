//! The webhooks pages of events and calls: the hooks with their delivery logs, adding one,
//! "send test", "send again" and deleting.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use poem::http::StatusCode;
use poem::web::Path;
use poem::{Response, handler};

use super::model::{Delivery, Hook, Topic};
use super::service;
use crate::error::AppError;
use crate::http::auth::CsrfForm;
use crate::http::page::{Ctx, html, html_status, see_other};
use crate::ids::WebhookId;
use crate::team::service::{Place, PlaceKind};
use convene_frontend::webhook::{DeliveryLine, HookView, TopicChoice, WebhooksPage};
use convene_frontend::{Errors, FlashKind, Lang, Template};

/// The add form as posted: the topics come as repeated `topics` fields.
#[derive(Debug, Default)]
struct AddForm {
    url: String,
    description: String,
    topics: Vec<String>,
}

impl AddForm {
    fn from_pairs(pairs: Vec<(String, String)>) -> AddForm {
        let mut form = AddForm::default();
        for (k, v) in pairs {
            match k.as_str() {
                "url" => form.url = v,
                "description" => form.description = v,
                "topics" => form.topics.push(v),
                _ => {}
            }
        }
        form
    }
}

fn hooks_path(place: &Place) -> String {
    format!("{}/webhooks", place.orga_path())
}

fn tz_of(place: &Place) -> Tz {
    match place {
        Place::Event(e) => e.tz(),
        Place::Call(c) => c.tz(),
    }
}

fn stamp(lang: Lang, tz: Tz, t: DateTime<Utc>) -> String {
    let local = t.with_timezone(&tz);
    match lang {
        Lang::De => local.format("%d.%m.%Y %H:%M:%S").to_string(),
        Lang::En => local.format("%Y-%m-%d %H:%M:%S").to_string(),
    }
}

fn delivery_line(lang: Lang, tz: Tz, base: &str, d: &Delivery) -> DeliveryLine {
    let t = lang.tr();
    let state = d.state();
    DeliveryLine {
        when: stamp(lang, tz, d.last_attempt_at.unwrap_or(d.created_at)),
        topic: d.topic.clone(),
        state: t.msg(state.label_id()),
        state_key: state.as_str(),
        attempts: d.attempts.to_string(),
        status: d.last_status.map_or("–".into(), |s| s.to_string()),
        duration: d
            .last_duration_ms
            .map_or("–".into(), |ms| format!("{ms} ms")),
        response: d.last_response.clone().unwrap_or_default(),
        payload: serde_json::from_str::<serde_json::Value>(&d.payload)
            .and_then(|v| serde_json::to_string_pretty(&v))
            .unwrap_or_else(|_| d.payload.clone()),
        redeliver_url: format!("{base}/{}/deliveries/{}/again", d.webhook_id, d.id),
    }
}

fn hook_view(lang: Lang, place: &Place, hook: &Hook, log: &[Delivery]) -> HookView {
    let t = lang.tr();
    let base = hooks_path(place);
    let tz = tz_of(place);
    HookView {
        id: hook.id.0,
        url: hook.url.clone(),
        description: hook.description.clone(),
        topics: hook
            .topics()
            .iter()
            .map(|topic| format!("{} ({})", t.msg(topic.label_id()), topic.as_str()))
            .collect(),
        secret: hook.secret.clone(),
        test_url: format!("{base}/{}/test", hook.id),
        delete_url: format!("{base}/{}/delete", hook.id),
        deliveries: log
            .iter()
            .map(|d| delivery_line(lang, tz, &base, d))
            .collect(),
    }
}

async fn page(
    ctx: &Ctx,
    kind: PlaceKind,
    slug: &str,
    form: &AddForm,
    errors: Errors,
) -> Result<String, AppError> {
    let (place, hooks) = service::hooks(&ctx.state, ctx.actor()?, kind, slug).await?;
    let lang = ctx.lang;
    let t = lang.tr();
    let topics: &[Topic] = match kind {
        PlaceKind::Event => &Topic::EVENT,
        PlaceKind::Call => &Topic::CALL,
    };
    Ok(WebhooksPage {
        layout: ctx.layout_titled(
            format!("{} – {}", t.msg("webhook-title"), place.title(lang)),
            "orga",
        ),
        errors,
        back: (
            format!("{}/dashboard", place.orga_path()),
            place.title(lang).to_string(),
        ),
        hooks: hooks
            .iter()
            .map(|(h, log)| hook_view(lang, &place, h, log))
            .collect(),
        action: hooks_path(&place),
        topic_choices: topics
            .iter()
            .map(|topic| TopicChoice {
                value: topic.as_str().to_string(),
                label: t.msg(topic.label_id()),
                checked: form.topics.iter().any(|s| s == topic.as_str()),
            })
            .collect(),
        url: form.url.clone(),
        description: form.description.clone(),
    }
    .render()?)
}

async fn get(ctx: Ctx, kind: PlaceKind, slug: String) -> Result<Response, AppError> {
    Ok(html(
        page(&ctx, kind, &slug, &AddForm::default(), Errors::default()).await?,
    ))
}

async fn add(ctx: Ctx, kind: PlaceKind, slug: String, form: AddForm) -> Result<Response, AppError> {
    let actor = ctx.actor()?;
    let topics: Vec<&str> = form.topics.iter().map(String::as_str).collect();
    let result = service::create(
        &ctx.state,
        actor,
        kind,
        &slug,
        &form.url,
        &topics,
        &form.description,
    )
    .await;
    match result {
        Ok(_) => {
            ctx.flash(FlashKind::Success, "flash-webhook-created");
            let place = crate::team::service::place(&ctx.state, actor, kind, &slug).await?;
            Ok(see_other(&hooks_path(&place)))
        }
        Err(AppError::Invalid(e)) => Ok(html_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            page(&ctx, kind, &slug, &form, e.view(ctx.lang)).await?,
        )),
        Err(AppError::Conflict(m)) => {
            let errors = crate::error::FieldErrors::one("url", m).view(ctx.lang);
            Ok(html_status(
                StatusCode::CONFLICT,
                page(&ctx, kind, &slug, &form, errors).await?,
            ))
        }
        Err(e) => Err(e),
    }
}

/// What a button on a hook does.
enum Action {
    Test,
    Delete,
    Again(i64),
}

async fn act(
    ctx: Ctx,
    kind: PlaceKind,
    slug: String,
    hook: i64,
    action: Action,
) -> Result<Response, AppError> {
    let actor = ctx.actor()?;
    let id = WebhookId(hook);
    let flash = match action {
        Action::Test => {
            service::send_test(&ctx.state, actor, kind, &slug, id).await?;
            "flash-webhook-test"
        }
        Action::Delete => {
            service::delete(&ctx.state, actor, kind, &slug, id).await?;
            "flash-webhook-deleted"
        }
        Action::Again(delivery) => {
            service::redeliver(&ctx.state, actor, kind, &slug, id, delivery).await?;
            "flash-webhook-redeliver"
        }
    };
    ctx.flash(FlashKind::Success, flash);
    let place = crate::team::service::place(&ctx.state, actor, kind, &slug).await?;
    Ok(see_other(&hooks_path(&place)))
}

/// GET /orga/events/:slug/webhooks
#[handler]
pub async fn event_get(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    get(ctx, PlaceKind::Event, slug).await
}

/// POST /orga/events/:slug/webhooks
#[handler]
pub async fn event_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    add(ctx, PlaceKind::Event, slug, AddForm::from_pairs(pairs)).await
}

/// POST /orga/events/:slug/webhooks/:id/test
#[handler]
pub async fn event_test_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    act(ctx, PlaceKind::Event, slug, id, Action::Test).await
}

/// POST /orga/events/:slug/webhooks/:id/delete
#[handler]
pub async fn event_delete_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    act(ctx, PlaceKind::Event, slug, id, Action::Delete).await
}

/// POST /orga/events/:slug/webhooks/:id/deliveries/:delivery/again
#[handler]
pub async fn event_again_post(
    ctx: Ctx,
    Path((slug, id, delivery)): Path<(String, i64, i64)>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    act(ctx, PlaceKind::Event, slug, id, Action::Again(delivery)).await
}

/// GET /orga/calls/:slug/webhooks
#[handler]
pub async fn call_get(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    get(ctx, PlaceKind::Call, slug).await
}

/// POST /orga/calls/:slug/webhooks
#[handler]
pub async fn call_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    add(ctx, PlaceKind::Call, slug, AddForm::from_pairs(pairs)).await
}

/// POST /orga/calls/:slug/webhooks/:id/test
#[handler]
pub async fn call_test_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    act(ctx, PlaceKind::Call, slug, id, Action::Test).await
}

/// POST /orga/calls/:slug/webhooks/:id/delete
#[handler]
pub async fn call_delete_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    act(ctx, PlaceKind::Call, slug, id, Action::Delete).await
}

/// POST /orga/calls/:slug/webhooks/:id/deliveries/:delivery/again
#[handler]
pub async fn call_again_post(
    ctx: Ctx,
    Path((slug, id, delivery)): Path<(String, i64, i64)>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    act(ctx, PlaceKind::Call, slug, id, Action::Again(delivery)).await
}
