//! The administrators' pages: the site at a glance, site settings, the outbox and the site's
//! audit log.

use poem::http::StatusCode;
use poem::web::{Path, Query};
use poem::{Response, handler};

use super::service::{self, OUTBOX_PAGE, OUTBOX_STATES, OrganiserSignup};
use crate::audit::LOG_PAGE;
use crate::error::AppError;
use crate::http::auth::CsrfForm;
use crate::http::log_page::{self, Listing};
use crate::http::page::{Ctx, fmt_instant, html, html_status, see_other};
use crate::ids::MailId;
use convene_frontend::{Errors, FlashKind, Template, admin as views};

/// The site's zone, in which `fmt_instant` shows times; the log kit takes it by name.
const SITE_TZ: chrono_tz::Tz = chrono_tz::Europe::Berlin;

/// The most lines one CSV export of the site log holds.
const CSV_MAX: i64 = 100_000;

/// GET /admin
#[handler]
pub async fn overview_get(ctx: Ctx) -> Result<Response, AppError> {
    let counts = service::overview(&ctx.state, ctx.actor()?).await?;
    let t = ctx.lang.tr();
    let url = |key: &str| match key {
        "accounts" => Some("/admin/accounts".to_string()),
        "organisations" => Some("/admin/organisations".to_string()),
        "requests" => Some("/admin/requests?status=pending".to_string()),
        "events" => Some("/orga/events".to_string()),
        "calls" => Some("/orga/calls".to_string()),
        "mail_queued" => Some("/admin/outbox?state=queued".to_string()),
        "mail_failed" => Some("/admin/outbox?state=failed".to_string()),
        _ => None,
    };
    let page = views::Overview {
        layout: ctx.layout("admin-overview-title", "admin"),
        tiles: counts
            .into_iter()
            .map(|(key, value)| views::Tile {
                key: key.to_string(),
                label: t.msg(&format!("admin-count-{}", key.replace('_', "-"))),
                value,
                url: url(key),
            })
            .collect(),
    };
    Ok(html(page.render()?))
}

fn settings_page(ctx: &Ctx, signup: &str, errors: Errors) -> Result<String, AppError> {
    let t = ctx.lang.tr();
    Ok(views::Settings {
        layout: ctx.layout("admin-settings-title", "admin"),
        errors,
        signup_options: OrganiserSignup::ALL
            .iter()
            .map(|s| (s.as_str().to_string(), t.msg(s.label_id())))
            .collect(),
        signup: signup.to_string(),
    }
    .render()?)
}

/// GET /admin/settings
#[handler]
pub async fn settings_get(ctx: Ctx) -> Result<Response, AppError> {
    let settings = service::settings(&ctx.state, ctx.actor()?).await?;
    Ok(html(settings_page(
        &ctx,
        settings.organiser_signup.as_str(),
        Errors::default(),
    )?))
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct SettingsForm {
    organiser_signup: String,
}

/// POST /admin/settings
#[handler]
pub async fn settings_post(
    ctx: Ctx,
    CsrfForm(form): CsrfForm<SettingsForm>,
) -> Result<Response, AppError> {
    match service::update_settings(&ctx.state, ctx.actor()?, &form.organiser_signup).await {
        Ok(_) => {
            ctx.flash(FlashKind::Success, "flash-settings-saved");
            Ok(see_other("/admin/settings"))
        }
        Err(AppError::Invalid(e)) => Ok(html_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            settings_page(&ctx, &form.organiser_signup, e.view(ctx.lang))?,
        )),
        Err(e) => Err(e),
    }
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct OutboxQuery {
    state: String,
    page: Option<i64>,
}

/// GET /admin/outbox
#[handler]
pub async fn outbox_get(ctx: Ctx, Query(q): Query<OutboxQuery>) -> Result<Response, AppError> {
    let state = if q.state.is_empty() {
        "queued"
    } else {
        q.state.as_str()
    };
    let page = q.page.unwrap_or(1).max(1);
    let rows = service::outbox(&ctx.state, ctx.actor()?, state, page).await?;
    let lang = ctx.lang;
    let t = lang.tr();
    let url = |p: i64| format!("/admin/outbox?state={state}&page={p}");
    let full = rows.len() as i64 == OUTBOX_PAGE;
    let view = views::Outbox {
        layout: ctx.layout("admin-outbox-title", "admin"),
        states: OUTBOX_STATES
            .iter()
            .map(|s| {
                (
                    s.to_string(),
                    t.msg(&format!("admin-outbox-{s}")),
                    format!("/admin/outbox?state={s}"),
                )
            })
            .collect(),
        state: state.to_string(),
        rows: rows
            .into_iter()
            .map(|r| views::MailLine {
                to: r.to_address,
                subject: r.subject,
                created: fmt_instant(lang, r.created_at),
                attempts: r.attempts,
                when: fmt_instant(lang, r.sent_at.unwrap_or(r.next_attempt_at)),
                last_error: r.last_error.unwrap_or_default(),
                retry_url: r
                    .sent_at
                    .is_none()
                    .then(|| format!("/admin/outbox/{}/retry", r.id)),
            })
            .collect(),
        prev_url: (page > 1).then(|| url(page - 1)),
        next_url: full.then(|| url(page + 1)),
    };
    Ok(html(view.render()?))
}

/// POST /admin/outbox/:id/retry
#[handler]
pub async fn retry_post(
    ctx: Ctx,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    service::retry_mail(&ctx.state, ctx.actor()?, MailId(id)).await?;
    ctx.flash(FlashKind::Success, "flash-mail-retry");
    Ok(see_other("/admin/outbox?state=queued"))
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct LogQuery {
    kind: String,
    q: String,
    page: Option<i64>,
}

/// The kinds the site log offers to filter by (the first word of the actions).
const LOG_KINDS: [&str; 12] = [
    "account",
    "organisation",
    "organiser_request",
    "site",
    "event",
    "team",
    "agenda",
    "registration",
    "call",
    "submission",
    "jury",
    "certificate",
];

/// GET /admin/log
#[handler]
pub async fn log_get(ctx: Ctx, Query(q): Query<LogQuery>) -> Result<Response, AppError> {
    let page = q.page.unwrap_or(1).max(1);
    let log = service::log(&ctx.state, ctx.actor()?, &q.kind, &q.q, page, LOG_PAGE).await?;
    let lang = ctx.lang;
    let t = lang.tr();
    let listing = Listing {
        section: "admin",
        title: t.msg("admin-log-title"),
        back: ("/admin".into(), t.msg("admin-overview-title")),
        hint: t.msg("admin-log-hint"),
        path: "/admin/log",
        kinds: &LOG_KINDS,
        kind: &q.kind,
        q: Some(&q.q),
        page,
        total: log.total,
        tz: SITE_TZ,
    };
    let lines = log
        .lines
        .iter()
        .map(|r| crate::audit::line(r, lang).into())
        .collect();
    log_page::page(&ctx, listing, lines)
}

/// GET /admin/log.csv — every line of the (filtered) site log.
#[handler]
pub async fn log_csv_get(ctx: Ctx, Query(q): Query<LogQuery>) -> Result<Response, AppError> {
    let log = service::log(&ctx.state, ctx.actor()?, &q.kind, &q.q, 1, CSV_MAX).await?;
    let lines = log
        .lines
        .iter()
        .map(|r| crate::audit::line(r, ctx.lang).into())
        .collect();
    log_page::csv(&ctx, SITE_TZ, "site-log.csv", lines)
}
