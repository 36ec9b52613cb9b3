//! The audit log of a call for its organisers: a page (filter by kind, 100 lines a page) and a
//! CSV export of all lines (`crate::http::log_page`).

use poem::web::{Path, Query};
use poem::{Response, handler};

use super::service::{self, LOG_KINDS, LOG_PAGE, LogLine};
use crate::error::AppError;
use crate::http::log_page::{self, Line, Listing};
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

fn line(l: LogLine) -> Line {
    Line {
        at: l.at,
        who: l.who,
        what: l.what,
        about: l.about,
        about_url: l.about_url,
        detail: l.detail,
        action: l.action,
    }
}

/// GET /orga/calls/:slug/log
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
    let path = format!("/orga/calls/{slug}/log");
    let listing = Listing {
        section: "orga",
        title: format!("{} – {}", t.msg("audit-title"), log.call.title(lang)),
        back: (
            format!("/orga/calls/{slug}/submissions"),
            t.msg("orga-call-submissions"),
        ),
        hint: t.msg("audit-hint"),
        path: &path,
        kinds: &LOG_KINDS,
        kind: &q.kind,
        q: None,
        page,
        total: log.total,
        tz: log.call.tz(),
    };
    log_page::page(
        &ctx,
        listing,
        log.lines(lang).into_iter().map(line).collect(),
    )
}

/// GET /orga/calls/:slug/log.csv — every line of the (filtered) log.
#[handler]
pub async fn log_csv_get(
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<LogQuery>,
) -> Result<Response, AppError> {
    let log = service::log(&ctx.state, ctx.actor()?, &slug, &q.kind, 1, CSV_MAX).await?;
    let lines = log.lines(ctx.lang).into_iter().map(line).collect();
    log_page::csv(
        &ctx,
        log.call.tz(),
        &format!("{}-log.csv", log.call.slug),
        lines,
    )
}
