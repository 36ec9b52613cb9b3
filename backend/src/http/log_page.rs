//! One audit-log page and CSV export for every log people read: a call's, an event's and the
//! whole site's. The domains find and describe the lines; this kit pages, filters and writes
//! them.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use poem::Response;

use super::fmt;
use super::page::{Ctx, download, html};
use crate::error::AppError;
use crate::spreadsheet::Sheet;
use convene_frontend::Template;
use convene_frontend::audit::{LogLineView, LogPage};

/// A line of a log in words.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub at: DateTime<Utc>,
    pub who: String,
    pub what: String,
    pub about: String,
    /// A link to what the line is about, for the pages.
    pub about_url: Option<String>,
    pub detail: String,
    pub action: String,
}

impl From<crate::audit::LogLine> for Line {
    fn from(l: crate::audit::LogLine) -> Self {
        Line {
            at: l.at,
            who: l.who,
            what: l.what,
            about: l.subject,
            about_url: None,
            detail: l.detail,
            action: l.action,
        }
    }
}

/// What a log page shows besides its lines.
pub struct Listing<'a> {
    pub title: String,
    /// The part of the site it belongs to (`orga` or `admin`).
    pub section: &'static str,
    /// (url, label) of the page the log belongs to.
    pub back: (String, String),
    pub hint: String,
    /// The page's own path (filters and pages are its query).
    pub path: &'a str,
    /// The kinds it can be filtered by (the first word of the actions).
    pub kinds: &'a [&'a str],
    pub kind: &'a str,
    /// The text searched for, where the log offers a search.
    pub q: Option<&'a str>,
    pub page: i64,
    pub total: i64,
    pub tz: Tz,
}

fn query(kind: &str, q: Option<&str>, page: Option<i64>) -> String {
    let mut pairs = vec![("kind", kind.to_string())];
    if let Some(q) = q {
        pairs.push(("q", q.to_string()));
    }
    if let Some(p) = page {
        pairs.push(("page", p.to_string()));
    }
    serde_urlencoded::to_string(pairs).unwrap_or_default()
}

/// The log page with `lines` (one page of them).
pub fn page(ctx: &Ctx, l: Listing<'_>, lines: Vec<Line>) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let t = lang.tr();
    let pages = (l.total + crate::audit::LOG_PAGE - 1) / crate::audit::LOG_PAGE;
    let url = |p: i64| format!("{}?{}", l.path, query(l.kind, l.q, Some(p)));
    let view = LogPage {
        layout: ctx.layout_titled(l.title, l.section),
        back: l.back,
        hint: l.hint,
        csv_url: format!("{}.csv?{}", l.path, query(l.kind, l.q, None)),
        kinds: l
            .kinds
            .iter()
            .map(|k| (k.to_string(), t.msg(&format!("audit-kind-{k}"))))
            .collect(),
        kind: l.kind.to_string(),
        q: l.q.map(str::to_string),
        count: t.msg_args(
            "audit-count",
            &[
                ("count", l.total.to_string()),
                ("page", l.page.to_string()),
                ("pages", pages.max(1).to_string()),
            ],
        ),
        prev_url: (l.page > 1).then(|| url(l.page - 1)),
        next_url: (l.page < pages).then(|| url(l.page + 1)),
        rows: lines
            .into_iter()
            .map(|r| LogLineView {
                at: fmt::at(lang, l.tz, r.at),
                who: r.who,
                what: r.what,
                about: r.about,
                about_url: r.about_url,
                detail: r.detail,
                action: r.action,
            })
            .collect(),
    };
    Ok(html(view.render()?))
}

/// Every line as a CSV file named `filename`.
pub fn csv(ctx: &Ctx, tz: Tz, filename: &str, lines: Vec<Line>) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let t = lang.tr();
    let mut sheet = Sheet::new();
    sheet.row([
        t.msg("audit-when"),
        t.msg("audit-who"),
        t.msg("audit-what"),
        t.msg("audit-about"),
        t.msg("audit-detail"),
        t.msg("audit-action"),
    ])?;
    for l in lines {
        sheet.row([
            fmt::at(lang, tz, l.at),
            l.who,
            l.what,
            l.about,
            l.detail,
            l.action,
        ])?;
    }
    Ok(download(
        filename,
        "text/csv; charset=utf-8",
        sheet.finish()?,
    ))
}
