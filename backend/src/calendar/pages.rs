//! The `.ics` endpoints. Feeds answer conditional requests (`ETag` / `If-None-Match`), so the
//! calendar apps that poll them every few minutes cost a hash comparison, not a download.

use chrono::{DateTime, Utc};
use poem::http::{HeaderMap, StatusCode, header};
use poem::web::Path;
use poem::{Response, handler};

use super::service::{self, Feed};
use crate::error::AppError;
use crate::http::page::Ctx;
use crate::http::render_cache::{Key, Rendered, SharedRender};
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

/// Whether the client's copy is current: `If-None-Match` by the weak comparison of RFC 9110
/// §13.1.2 (calendar apps and proxies send our tag back as `W/"…"`), else `If-Modified-Since`
/// (which is ignored when `If-None-Match` is present, as §13.1.3 requires).
fn is_current(headers: &HeaderMap, tag: &str, modified: DateTime<Utc>) -> bool {
    let bare = |t: &str| t.trim().trim_start_matches("W/").to_string();
    if let Some(list) = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
    {
        return list
            .split(',')
            .any(|t| t.trim() == "*" || bare(t) == bare(tag));
    }
    headers
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| DateTime::parse_from_rfc2822(v.trim()).ok())
        .is_some_and(|since| modified.timestamp() <= since.timestamp())
}

/// An HTTP date (RFC 9110 §5.6.7), e.g. `Sun, 08 Nov 2026 08:30:00 GMT`.
fn http_date(at: DateTime<Utc>) -> String {
    at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

/// 304 when the client has this version, else the feed. `per_language`: the feed's text follows
/// the reader's language (cookie, account or `Accept-Language`), so shared caches must keep one
/// copy per language. `feed.filename` names the download.
fn ics_response(headers: &HeaderMap, feed: &Rendered, per_language: bool) -> Response {
    // Before 1970 is no valid HTTP date; a feed cannot have changed then anyway.
    let modified = feed
        .modified
        .unwrap_or(DateTime::UNIX_EPOCH)
        .max(DateTime::UNIX_EPOCH);
    let mut builder = Response::builder()
        .header(header::ETAG, feed.tag.as_str())
        .header(header::CACHE_CONTROL, "no-cache")
        .header(header::LAST_MODIFIED, http_date(modified));
    if per_language {
        builder = builder.header(header::VARY, "Accept-Language, Cookie");
    }
    if is_current(headers, &feed.tag, modified) {
        return builder.status(StatusCode::NOT_MODIFIED).finish();
    }
    builder
        .content_type("text/calendar; charset=utf-8")
        .header(
            header::CONTENT_DISPOSITION,
            format!("inline; filename=\"{}\"", feed.filename),
        )
        .body(feed.body.clone())
}

/// A feed as text, tagged by its items (see [`Feed::etag`]).
fn rendered(feed: Feed) -> Rendered {
    Rendered::tagged(feed.render(), feed.etag())
        .modified(feed.modified)
        .filename(feed.filename)
}

/// GET /events/:slug/agenda.ics — the whole public agenda: the same for everyone who may see the
/// event, so rendered once per version of its content and language.
#[handler]
pub async fn agenda_get(
    ctx: Ctx,
    headers: &HeaderMap,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let event = crate::event::service::visible(&ctx.state, ctx.actor.as_ref(), &slug).await?;
    let key = Key::new(
        "agenda.ics",
        event.id.0,
        event.content_version,
        ctx.lang,
        "",
    );
    let state = &ctx.state;
    let lang = ctx.lang;
    let feed = state
        .renders
        .get_or_render(key, async {
            Ok(rendered(service::agenda_feed_of(state, event, lang).await?))
        })
        .await?;
    Ok(shared(ics_response(headers, &feed, true)))
}

/// Marks a feed every reader gets alike, so its compressed forms are kept too.
fn shared(mut resp: Response) -> Response {
    resp.extensions_mut().insert(SharedRender);
    resp
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
    Ok(ics_response(headers, &rendered(feed), true))
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
    // The language is the account's: the link alone decides the text.
    let feed = service::personal_feed(&ctx.state, token).await?;
    Ok(ics_response(headers, &rendered(feed), false))
}
