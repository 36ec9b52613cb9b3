//! The `.ics` endpoints. Feeds answer conditional requests (`ETag` / `If-None-Match`), so the
//! calendar apps that poll them every few minutes cost a hash comparison, not a download.

use poem::http::{HeaderMap, StatusCode, header};
use poem::web::Path;
use poem::{Response, handler};

use super::service::{self, Feed};
use crate::error::AppError;
use crate::http::page::Ctx;
use crate::ids::SessionId;
use convene_frontend::event::FeedLinks;

/// The feed links of an event's agenda.
pub fn feed_links(ctx: &Ctx, slug: &str) -> FeedLinks {
    let ics_url = ctx.state.config.url(&format!("/events/{slug}/agenda.ics"));
    FeedLinks {
        webcal_url: webcal(&ics_url),
        ics_url,
    }
}

/// `https://host/x.ics` → `webcal://host/x.ics` (opens the calendar app's subscribe dialog).
pub fn webcal(url: &str) -> String {
    match url.split_once("://") {
        Some((_, rest)) => format!("webcal://{rest}"),
        None => url.to_string(),
    }
}

/// 304 when the client has this version, else the feed.
fn ics_response(headers: &HeaderMap, feed: Feed) -> Response {
    let tag = feed.etag();
    let cached = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == tag || t.trim() == "*"));
    let builder = Response::builder()
        .header(header::ETAG, tag)
        .header(header::CACHE_CONTROL, "no-cache")
        .header(
            header::LAST_MODIFIED,
            feed.modified
                .format("%a, %d %b %Y %H:%M:%S GMT")
                .to_string(),
        );
    if cached {
        return builder.status(StatusCode::NOT_MODIFIED).finish();
    }
    builder
        .content_type("text/calendar; charset=utf-8")
        .header(
            header::CONTENT_DISPOSITION,
            format!("inline; filename=\"{}\"", feed.filename),
        )
        .body(feed.render())
}

/// GET /events/:slug/agenda.ics — the whole public agenda.
#[handler]
pub async fn agenda_get(
    ctx: Ctx,
    headers: &HeaderMap,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let feed = service::agenda_feed(&ctx.state, ctx.actor.as_ref(), &slug, ctx.lang).await?;
    Ok(ics_response(headers, feed))
}

/// GET /events/:slug/sessions/:id/session.ics — one session.
#[handler]
pub async fn session_get(
    ctx: Ctx,
    headers: &HeaderMap,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    let feed = service::session_feed(
        &ctx.state,
        ctx.actor.as_ref(),
        &slug,
        SessionId(id),
        ctx.lang,
    )
    .await?;
    Ok(ics_response(headers, feed))
}

/// GET /calendar/:file — a personal feed, `<secret>.ics`; no sign-in (calendar apps cannot).
#[handler]
pub async fn personal_get(
    ctx: Ctx,
    headers: &HeaderMap,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    let token = file
        .strip_suffix(".ics")
        .ok_or_else(|| AppError::not_found("calendar-feed-not-found"))?;
    let feed = service::personal_feed(&ctx.state, token).await?;
    Ok(ics_response(headers, feed))
}
