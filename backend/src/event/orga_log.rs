//! The audit log of an event for its organisers: a page (filter by kind, 100 lines a page) and
//! a CSV export of all lines (`crate::http::log_page`).

use poem::web::{Path, Query};
use poem::{Response, handler};

use super::service::{self, LOG_KINDS};
use crate::audit::LOG_PAGE;
use crate::error::AppError;
use crate::http::log_page::{self, Listing};
use crate::http::page::Ctx;

/// The most lines one CSV export holds.
const CSV_MAX: i64 = 100_000;

#[derive(Debug, Default, serde::Deserialize)]
pub struct LogQuery {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    page: Option<i64>,
}

/// GET /orga/events/:slug/log
#[handler]
pub async fn log_get(
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<LogQuery>,
) -> Result<Response, AppError> {
    let page = q.page.unwrap_or(1).max(1);
    let log = service::log(&ctx.state, ctx.actor()?, &slug, &q.kind, page, LOG_PAGE).await?;
    let lang = ctx.lang;
    let t = lang.tr();
    let path = format!("/orga/events/{slug}/log");
    let listing = Listing {
        section: "orga",
        title: format!("{} – {}", t.msg("audit-title"), log.event.title(lang)),
        back: (
            format!("/orga/events/{slug}"),
            log.event.title(lang).to_string(),
        ),
        hint: t.msg("event-log-hint"),
        path: &path,
        kinds: &LOG_KINDS,
        kind: &q.kind,
        q: None,
        page,
        total: log.total,
        tz: log.event.tz(),
    };
    let lines = log
        .rows
        .iter()
        .map(|r| crate::audit::line(r, lang).into())
        .collect();
    log_page::page(&ctx, listing, lines)
}

/// GET /orga/events/:slug/log.csv — every line of the (filtered) log.
#[handler]
pub async fn log_csv_get(
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<LogQuery>,
) -> Result<Response, AppError> {
    let log = service::log(&ctx.state, ctx.actor()?, &slug, &q.kind, 1, CSV_MAX).await?;
    let lines = log
        .rows
        .iter()
        .map(|r| crate::audit::line(r, ctx.lang).into())
        .collect();
    log_page::csv(
        &ctx,
        log.event.tz(),
        &format!("{}-log.csv", log.event.slug),
        lines,
    )
}
