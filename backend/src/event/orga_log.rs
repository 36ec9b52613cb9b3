//! The audit log of an event for its organisers: a page (filter by kind, 100 lines a page) and
//! a CSV export of all lines.

use poem::web::{Path, Query};
use poem::{Response, handler};

use super::service::{self, LOG_KINDS};
use crate::audit::LOG_PAGE;
use crate::error::AppError;
use crate::http::fmt;
use crate::http::page::{Ctx, download, html};
use crate::spreadsheet::Sheet;
use convene_frontend::Template;
use convene_frontend::audit::{LogLineView, LogPage};

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
    let tz = log.event.tz();
    let pages = (log.total + LOG_PAGE - 1) / LOG_PAGE;
    let url = |p: i64| format!("/orga/events/{slug}/log?kind={}&page={p}", q.kind);
    let view = LogPage {
        layout: ctx.layout_titled(
            format!("{} – {}", t.msg("audit-title"), log.event.title(lang)),
            "orga",
        ),
        back: (
            format!("/orga/events/{slug}"),
            log.event.title(lang).to_string(),
        ),
        hint: t.msg("event-log-hint"),
        csv_url: format!("/orga/events/{slug}/log.csv?kind={}", q.kind),
        kinds: LOG_KINDS
            .iter()
            .map(|k| (k.to_string(), t.msg(&format!("audit-kind-{k}"))))
            .collect(),
        kind: q.kind.clone(),
        q: None,
        count: t.msg_args(
            "audit-count",
            &[
                ("count", log.total.to_string()),
                ("page", page.to_string()),
                ("pages", pages.max(1).to_string()),
            ],
        ),
        prev_url: (page > 1).then(|| url(page - 1)),
        next_url: (page < pages).then(|| url(page + 1)),
        rows: log
            .rows
            .iter()
            .map(|r| {
                let l = crate::audit::line(r, lang);
                LogLineView {
                    at: fmt::at(lang, tz, l.at),
                    who: l.who,
                    what: l.what,
                    about: l.subject,
                    about_url: None,
                    detail: l.detail,
                    action: l.action,
                }
            })
            .collect(),
    };
    Ok(html(view.render()?))
}

/// GET /orga/events/:slug/log.csv — every line of the (filtered) log.
#[handler]
pub async fn log_csv_get(
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<LogQuery>,
) -> Result<Response, AppError> {
    let log = service::log(&ctx.state, ctx.actor()?, &slug, &q.kind, 1, CSV_MAX).await?;
    let lang = ctx.lang;
    let t = lang.tr();
    let tz = log.event.tz();
    let mut sheet = Sheet::new();
    sheet.row([
        t.msg("audit-when"),
        t.msg("audit-who"),
        t.msg("audit-what"),
        t.msg("audit-about"),
        t.msg("audit-detail"),
        t.msg("audit-action"),
    ])?;
    for r in &log.rows {
        let l = crate::audit::line(r, lang);
        sheet.row([
            fmt::at(lang, tz, l.at),
            l.who,
            l.what,
            l.subject,
            l.detail,
            l.action,
        ])?;
    }
    Ok(download(
        &format!("{}-log.csv", log.event.slug),
        "text/csv; charset=utf-8",
        sheet.finish()?,
    ))
}
