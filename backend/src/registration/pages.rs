//! Registration pages: the box on the event page (register, cancel, take an offered place) and
//! the organisers' page with the settings and the list in line order.

use poem::http::StatusCode;
use poem::web::Path;
use poem::{Response, handler};

use super::model::{RegistrationStatus, Settings};
use super::service::{self, SettingsInput};
use crate::error::AppError;
use crate::event::Event;
use crate::http::auth::CsrfForm;
use crate::http::fmt;
use crate::http::page::{Ctx, html, html_status, see_other};
use convene_frontend::registration::{self as views, RegistrationBox, RegistrationRow};
use convene_frontend::{Errors, FlashKind, Template};

/// The registration box of an event page, or `None` when the event takes no registrations.
pub async fn event_box(ctx: &Ctx, event: &Event) -> Result<Option<RegistrationBox>, AppError> {
    let Some(settings) = service::settings_of(&ctx.state, event).await? else {
        return Ok(None);
    };
    let t = ctx.lang.tr();
    let now = ctx.state.clock.now();
    let base = format!("/events/{}/registration", event.slug);
    let open = settings.check_open(now);
    let mine = match &ctx.actor {
        Some(actor) => service::mine(&ctx.state, actor, &event.slug).await?,
        None => None,
    };
    let message = match open {
        Ok(()) => match settings.closes_at {
            Some(c) => t.msg_args(
                "registration-open-until",
                &[("until", fmt::at(ctx.lang, event.tz(), c))],
            ),
            None => t.msg("registration-open"),
        },
        Err("registration-not-open-yet") => t.msg_args(
            "registration-opens-on",
            &[(
                "from",
                settings
                    .opens_at
                    .map(|o| fmt::at(ctx.lang, event.tz(), o))
                    .unwrap_or_default(),
            )],
        ),
        Err(id) => t.msg(id),
    };
    let mut buttons = Vec::new();
    let status = mine.as_ref().map(|r| match (r.status, r.offer_expires_at) {
        (RegistrationStatus::Offered, Some(until)) => t.msg_args(
            "registration-offered-until",
            &[("until", fmt::at(ctx.lang, event.tz(), until))],
        ),
        (s, _) => t.msg(s.label_id()),
    });
    match mine.as_ref().map(|r| r.status) {
        Some(RegistrationStatus::Offered) => {
            buttons.push((format!("{base}/accept"), t.msg("registration-accept"), ""));
            buttons.push((
                format!("{base}/cancel"),
                t.msg("registration-cancel"),
                "button-danger",
            ));
        }
        Some(s) if s.is_active() => buttons.push((
            format!("{base}/cancel"),
            t.msg("registration-cancel"),
            "button-danger",
        )),
        _ if open.is_ok() && ctx.actor.is_some() => {
            buttons.push((base.clone(), t.msg("registration-register"), ""))
        }
        _ => {}
    }
    Ok(Some(RegistrationBox {
        message,
        status,
        buttons,
        signin_url: (ctx.actor.is_none() && open.is_ok())
            .then(|| format!("/signin?next=/events/{}", event.slug)),
    }))
}

fn back(slug: &str) -> Response {
    see_other(&format!("/events/{slug}#registration"))
}

/// POST /events/:slug/registration
#[handler]
pub async fn register_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    let r = service::register(&ctx.state, ctx.actor()?, &slug).await?;
    ctx.flash(
        FlashKind::Success,
        match r.status {
            RegistrationStatus::Waitlisted => "flash-registration-waitlisted",
            RegistrationStatus::Pending => "flash-registration-pending",
            _ => "flash-registration-confirmed",
        },
    );
    Ok(back(&slug))
}

/// POST /events/:slug/registration/cancel
#[handler]
pub async fn cancel_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    service::cancel(&ctx.state, ctx.actor()?, &slug).await?;
    ctx.flash(FlashKind::Info, "flash-registration-cancelled");
    Ok(back(&slug))
}

/// POST /events/:slug/registration/accept
#[handler]
pub async fn accept_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    service::accept_offer(&ctx.state, ctx.actor()?, &slug).await?;
    ctx.flash(FlashKind::Success, "flash-registration-confirmed");
    Ok(back(&slug))
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct SettingsForm {
    opens_at: String,
    closes_at: String,
    capacity: String,
    approval_required: Option<String>,
    offer_hours: String,
}

fn local(event: &Event, t: Option<chrono::DateTime<chrono::Utc>>) -> String {
    t.map(|t| {
        t.with_timezone(&event.tz())
            .format("%Y-%m-%dT%H:%M")
            .to_string()
    })
    .unwrap_or_default()
}

async fn orga_page(
    ctx: &Ctx,
    slug: &str,
    form: Option<&SettingsForm>,
    errors: Errors,
) -> Result<String, AppError> {
    let (event, settings, rows) = service::overview(&ctx.state, ctx.actor()?, slug).await?;
    let lang = ctx.lang;
    let t = lang.tr();
    let s = settings.unwrap_or(Settings {
        event_id: event.id,
        opens_at: None,
        closes_at: None,
        capacity: None,
        approval_required: false,
        offer_hours: 48,
    });
    let count = |st: RegistrationStatus| {
        rows.iter()
            .filter(|(r, _, _)| r.status == st)
            .count()
            .to_string()
    };
    Ok(views::Orga {
        layout: ctx.layout_titled(
            format!(
                "{} – {}",
                t.msg("registration-orga-title"),
                event.title(lang)
            ),
            "orga",
        ),
        errors,
        event_url: format!("/orga/events/{slug}"),
        action: format!("/orga/events/{slug}/registrations"),
        opens_at: form
            .map(|f| f.opens_at.clone())
            .unwrap_or_else(|| local(&event, s.opens_at)),
        closes_at: form
            .map(|f| f.closes_at.clone())
            .unwrap_or_else(|| local(&event, s.closes_at)),
        capacity: form
            .map(|f| f.capacity.clone())
            .unwrap_or_else(|| s.capacity.map(|c| c.to_string()).unwrap_or_default()),
        approval_required: form
            .map(|f| f.approval_required.is_some())
            .unwrap_or(s.approval_required),
        offer_hours: form
            .map(|f| f.offer_hours.clone())
            .unwrap_or_else(|| s.offer_hours.to_string()),
        timezone_note: t.msg_args("agenda-timezone-note", &[("zone", event.timezone.clone())]),
        summary: t.msg_args(
            "registration-summary",
            &[
                ("confirmed", count(RegistrationStatus::Confirmed)),
                ("pending", count(RegistrationStatus::Pending)),
                ("offered", count(RegistrationStatus::Offered)),
                ("waitlisted", count(RegistrationStatus::Waitlisted)),
            ],
        ),
        rows: rows
            .iter()
            .map(|(r, name, email)| RegistrationRow {
                name: name.clone(),
                email: email.clone(),
                status: t.msg(r.status.label_id()),
                since: crate::http::page::fmt_instant(lang, r.created_at),
            })
            .collect(),
    }
    .render()?)
}

/// GET /orga/events/:slug/registrations
#[handler]
pub async fn orga_get(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    Ok(html(orga_page(&ctx, &slug, None, Errors::default()).await?))
}

/// POST /orga/events/:slug/registrations — saves the settings.
#[handler]
pub async fn orga_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<SettingsForm>,
) -> Result<Response, AppError> {
    let number = |s: &str| -> Result<Option<i64>, AppError> {
        match s.trim() {
            "" => Ok(None),
            n => n
                .parse()
                .map(Some)
                .map_err(|_| AppError::field("capacity", "valid-capacity-invalid")),
        }
    };
    let input = (|| -> Result<SettingsInput, AppError> {
        Ok(SettingsInput {
            opens_at: form.opens_at.clone(),
            closes_at: form.closes_at.clone(),
            capacity: number(&form.capacity)?,
            approval_required: form.approval_required.is_some(),
            offer_hours: match form.offer_hours.trim() {
                "" => None,
                n => Some(
                    n.parse()
                        .map_err(|_| AppError::field("offer_hours", "valid-offer-hours-invalid"))?,
                ),
            },
        })
    })();
    let result = match input {
        Ok(input) => service::configure(&ctx.state, ctx.actor()?, &slug, &input)
            .await
            .map(|_| ()),
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => {
            ctx.flash(FlashKind::Success, "flash-registration-settings");
            Ok(see_other(&format!("/orga/events/{slug}/registrations")))
        }
        Err(AppError::Invalid(e)) => Ok(html_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            orga_page(&ctx, &slug, Some(&form), e.view(ctx.lang)).await?,
        )),
        Err(e) => Err(e),
    }
}
