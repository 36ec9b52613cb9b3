//! The organisers' submissions of a call: the list with filters and exports, one entry with
//! its history, and decisions, one at a time or for many selected entries at once (eligible,
//! or ineligible with one reason for all, or into review).

use poem::http::{StatusCode, header};
use poem::web::{Path, Query};
use poem::{Body, Response, handler};

use super::export;
use super::model::{Filter, SubmissionStatus};
use super::pages::{detail_at, file_lines, read_answers};
use super::service::{self, Decision, Detail};
use crate::error::{AppError, FieldErrors};
use crate::http::auth::{CsrfData, CsrfForm};
use crate::http::fmt;
use crate::http::fmt::paragraphs;
use crate::http::page::{Ctx, download, fmt_instant, html, html_status, see_other};
use convene_frontend::call::{self as views, BulkForm, MemberLine, SubmissionRow};
use convene_frontend::{Errors, FlashKind, Lang, Template};

/// Entries per page of the list (exports hold every match).
pub const LIST_PAGE: i64 = 200;

#[derive(Debug, Default, serde::Deserialize)]
pub struct FilterQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    page: Option<i64>,
}

impl FilterQuery {
    /// Drafts belong to their teams; organisers see handed-in submissions only.
    fn filter(&self) -> Filter {
        Filter {
            q: self.q.clone(),
            status: SubmissionStatus::parse(&self.status).filter(|s| *s != SubmissionStatus::Draft),
            category_id: self.category.trim().parse().ok(),
            window: None,
        }
    }

    fn page(&self) -> i64 {
        self.page.unwrap_or(1).clamp(1, i64::MAX / LIST_PAGE)
    }

    /// One page of the list.
    fn page_filter(&self) -> Filter {
        Filter {
            window: Some((LIST_PAGE, (self.page() - 1) * LIST_PAGE)),
            ..self.filter()
        }
    }

    fn query_string(&self) -> String {
        serde_urlencoded::to_string([
            ("q", &self.q),
            ("status", &self.status),
            ("category", &self.category),
        ])
        .unwrap_or_default()
    }
}

/// GET /orga/calls/:slug/submissions
#[handler]
pub async fn orga_submissions_get(
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<FilterQuery>,
) -> Result<Response, AppError> {
    Ok(html(
        submissions_page(&ctx, &slug, &q, &BulkTyped::default(), Errors::default()).await?,
    ))
}

/// What the organiser typed into the bulk decision, shown again when it is refused.
#[derive(Debug, Default)]
struct BulkTyped {
    ids: Vec<i64>,
    action: String,
    reason: String,
}

/// POST /orga/calls/:slug/submissions/decide — one decision for the selected entries
/// (`submissions` repeated, `action`, `reason`); the list's filter comes back in the query.
#[handler]
pub async fn bulk_decide_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<FilterQuery>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let typed = BulkTyped {
        ids: data
            .all("submissions")
            .iter()
            .filter_map(|v| v.trim().parse().ok())
            .collect(),
        action: data.get("action").unwrap_or_default().to_string(),
        reason: data.get("reason").unwrap_or_default().to_string(),
    };
    let result = match bulk_decision(&typed.action, &typed.reason) {
        Ok(decision) => {
            service::decide_many(&ctx.state, ctx.actor()?, &slug, &typed.ids, &decision).await
        }
        Err(e) => Err(e),
    };
    let back = format!("/orga/calls/{slug}/submissions?{}", q.query_string());
    match result {
        Ok(n) => {
            ctx.flash_counts(FlashKind::Success, "flash-bulk-decided", &[("count", n)]);
            Ok(see_other(&back))
        }
        Err(AppError::Invalid(e)) => Ok(html_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            submissions_page(&ctx, &slug, &q, &typed, e.view(ctx.lang)).await?,
        )),
        Err(AppError::Conflict(m)) => {
            let e = FieldErrors::one("submissions", m);
            Ok(html_status(
                StatusCode::CONFLICT,
                submissions_page(&ctx, &slug, &q, &typed, e.view(ctx.lang)).await?,
            ))
        }
        Err(e) => Err(e),
    }
}

/// The decisions the list offers for many entries at once.
const BULK_ACTIONS: [&str; 3] = ["eligible", "ineligible", "in_review"];

fn bulk_decision(action: &str, reason: &str) -> Result<Decision, AppError> {
    if !BULK_ACTIONS.contains(&action.trim()) {
        return Err(AppError::field("action", "valid-choice-invalid"));
    }
    Decision::parse(action, reason, None)
}

async fn submissions_page(
    ctx: &Ctx,
    slug: &str,
    q: &FilterQuery,
    typed: &BulkTyped,
    errors: Errors,
) -> Result<String, AppError> {
    let o = service::overview(&ctx.state, ctx.actor()?, slug, &q.page_filter()).await?;
    let lang = ctx.lang;
    let t = lang.tr();
    let tz = o.call.tz();
    let qs = q.query_string();
    let page = q.page();
    let total = o.rows.first().map_or(0, |r| r.total);
    let pager = views::Pager::new(&t, page, LIST_PAGE, o.rows.len(), total, |p| {
        format!("/orga/calls/{slug}/submissions?{qs}&page={p}")
    });
    let view = views::Submissions {
        pager,
        layout: ctx.layout_titled(
            format!(
                "{} – {}",
                t.msg("orga-call-submissions"),
                o.call.title(lang)
            ),
            "orga",
        ),
        call_url: format!("/calls/{slug}"),
        edit_url: format!("/orga/calls/{slug}"),
        counts: SubmissionStatus::ALL
            .iter()
            .filter(|s| **s != SubmissionStatus::Draft)
            .filter_map(|s| {
                o.counts
                    .iter()
                    .find(|(st, _)| st == s)
                    .map(|(_, n)| (t.msg(s.label_id()), *n))
            })
            .collect(),
        filter_q: q.q.clone(),
        filter_status: q.status.clone(),
        filter_category: q.category.clone(),
        statuses: SubmissionStatus::ALL
            .iter()
            .filter(|s| **s != SubmissionStatus::Draft)
            .map(|s| (s.as_str().to_string(), t.msg(s.label_id())))
            .collect(),
        category_options: o
            .categories
            .iter()
            .map(|c| (c.id.to_string(), c.name(lang).to_string()))
            .collect(),
        csv_url: format!("/orga/calls/{slug}/submissions.csv?{qs}"),
        json_url: format!("/orga/calls/{slug}/submissions.json?{qs}"),
        zip_url: format!("/orga/calls/{slug}/attachments.zip"),
        log_url: format!("/orga/calls/{slug}/log"),
        bulk: BulkForm {
            action: format!("/orga/calls/{slug}/submissions/decide?{qs}"),
            actions: BULK_ACTIONS
                .iter()
                .map(|a| (a.to_string(), t.msg(&format!("call-bulk-action-{a}"))))
                .collect(),
            action_value: typed.action.clone(),
            reason: typed.reason.clone(),
        },
        errors,
        rows: o
            .rows
            .iter()
            .map(|r| SubmissionRow {
                id: r.id,
                selected: typed.ids.contains(&r.id),
                url: format!("/orga/calls/{slug}/submissions/{}", r.id),
                title: if r.title.is_empty() {
                    t.msg("submission-untitled")
                } else {
                    r.title.clone()
                },
                organisation: r.organisation.clone(),
                lead: r.lead_name.clone(),
                category: o
                    .categories
                    .iter()
                    .find(|c| Some(c.id) == r.category_id)
                    .map(|c| c.name(lang).to_string())
                    .unwrap_or_default(),
                status: t.msg(r.status.label_id()),
                status_code: r.status.as_str(),
                eligible: r.eligible_at.is_some(),
                submitted_at: r
                    .submitted_at
                    .map(|s| fmt::at(lang, tz, s))
                    .unwrap_or_default(),
                files: r.files,
            })
            .collect(),
    };
    Ok(view.render()?)
}

/// GET /orga/calls/:slug/submissions.csv
#[handler]
pub async fn csv_get(
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<FilterQuery>,
) -> Result<Response, AppError> {
    let (name, bytes) = export::csv(&ctx.state, ctx.actor()?, &slug, &q.filter(), ctx.lang).await?;
    Ok(download(&name, "text/csv; charset=utf-8", bytes))
}

/// GET /orga/calls/:slug/submissions.json
#[handler]
pub async fn json_get(
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<FilterQuery>,
) -> Result<Response, AppError> {
    let (name, records) =
        export::json(&ctx.state, ctx.actor()?, &slug, &q.filter(), ctx.lang).await?;
    let bytes = serde_json::to_vec_pretty(&records).map_err(|e| AppError::Internal(e.into()))?;
    Ok(download(&name, "application/json", bytes))
}

/// GET /orga/calls/:slug/attachments.zip — streamed from a temporary file.
#[handler]
pub async fn zip_get(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let (name, file, size) = export::zip(&ctx.state, ctx.actor()?, &slug).await?;
    let file = tokio::fs::File::from_std(file);
    Ok(Response::builder()
        .content_type("application/zip")
        .header(
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        )
        .header(header::CONTENT_LENGTH, size)
        .header("x-content-type-options", "nosniff")
        .body(Body::from_async_read(file)))
}

async fn orga_submission_page(ctx: &Ctx, d: &Detail, errors: Errors) -> Result<String, AppError> {
    let lang = ctx.lang;
    let t = lang.tr();
    let slug = &d.call.slug;
    let base = format!("/calls/{slug}/submissions/{}", d.sub.id);
    let phases = d.call.phases();
    let status = d.sub.status;
    let moves: Vec<SubmissionStatus> = status.organiser_moves(&phases, d.now);
    let history = service::history(&ctx.state, d.sub.id).await?;
    Ok(views::OrgaSubmission {
        layout: ctx.layout_titled(
            if d.sub.title.is_empty() {
                t.msg("submission-untitled")
            } else {
                d.sub.title.clone()
            },
            "orga",
        ),
        errors,
        list_url: format!("/orga/calls/{slug}/submissions"),
        title: if d.sub.title.is_empty() {
            t.msg("submission-untitled")
        } else {
            d.sub.title.clone()
        },
        status: t.msg(status.label_id()),
        eligible: match (d.sub.eligible_at, status) {
            (_, SubmissionStatus::Ineligible) => t.msg("submission-status-ineligible"),
            (Some(at), _) => t.msg_args(
                "submission-eligible-since",
                &[("at", fmt_instant(lang, at))],
            ),
            (None, _) => t.msg("submission-eligibility-unchecked"),
        },
        reason: d.sub.status_reason.clone(),
        placement: d.sub.placement.map(|p| p.to_string()).unwrap_or_default(),
        category: d
            .category()
            .map(|c| c.name(lang).to_string())
            .unwrap_or_default(),
        organisation: d.sub.organisation.clone(),
        website: d.sub.website.clone(),
        summary: paragraphs(&d.sub.summary),
        answers: read_answers(d, lang, &base),
        members: d
            .members
            .iter()
            .map(|m| MemberLine {
                name: m.name.clone(),
                email: m.email.clone(),
                role: m.role.clone(),
                remove_url: None,
            })
            .collect(),
        files: file_lines(d, &base, false),
        decide_url: format!("/orga/calls/{slug}/submissions/{}/decide", d.sub.id),
        can_eligible: matches!(
            status,
            SubmissionStatus::Ineligible | SubmissionStatus::Submitted | SubmissionStatus::InReview
        ) && (status == SubmissionStatus::Ineligible || d.sub.eligible_at.is_none()),
        can_ineligible: moves.contains(&SubmissionStatus::Ineligible),
        can_win: moves.contains(&SubmissionStatus::Winner),
        moves: moves
            .iter()
            .filter(|m| {
                !matches!(
                    m,
                    SubmissionStatus::Ineligible
                        | SubmissionStatus::Winner
                        | SubmissionStatus::Submitted
                )
            })
            .map(|m| (m.as_str().to_string(), t.msg(m.label_id())))
            .collect(),
        history: history
            .into_iter()
            .map(|(at, who, what)| (fmt_instant(lang, at), who, history_text(lang, &what)))
            .collect(),
    }
    .render()?)
}

/// A line of the audit trail ("submitted → in_review: reason", "submitted (eligible)") in the
/// reader's language; the reason stays as written.
fn history_text(lang: Lang, detail: &str) -> String {
    let t = lang.tr();
    let (change, reason) = match detail.split_once(": ") {
        Some((c, r)) => (c, Some(r)),
        None => (detail, None),
    };
    let words: Vec<String> = change
        .split(' ')
        .map(|w| match SubmissionStatus::parse(w) {
            Some(s) => t.msg(s.label_id()),
            None if w == "(eligible)" => format!("({})", t.msg("submission-eligible")),
            None => w.to_string(),
        })
        .collect();
    let mut out = words.join(" ");
    if let Some(r) = reason {
        out.push_str(": ");
        out.push_str(r);
    }
    out
}

/// GET /orga/calls/:slug/submissions/:id
#[handler]
pub async fn orga_submission_get(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    let d = detail_at(&ctx, &slug, id).await?;
    if !d.organiser {
        return Err(AppError::forbidden());
    }
    Ok(html(
        orga_submission_page(&ctx, &d, Errors::default()).await?,
    ))
}

#[derive(Debug, serde::Deserialize)]
pub struct DecideForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    placement: String,
}

/// POST /orga/calls/:slug/submissions/:id/decide
#[handler]
pub async fn decide_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(form): CsrfForm<DecideForm>,
) -> Result<Response, AppError> {
    detail_at(&ctx, &slug, id).await?;
    let placement = match form.placement.trim() {
        "" => None,
        p => Some(p.parse::<i64>().unwrap_or(0)),
    };
    let result = match Decision::parse(&form.action, &form.reason, placement) {
        Ok(decision) => service::decide(&ctx.state, ctx.actor()?, id, &decision).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => {
            ctx.flash(FlashKind::Success, "flash-saved");
            Ok(see_other(&format!("/orga/calls/{slug}/submissions/{id}")))
        }
        Err(AppError::Invalid(e)) => {
            let d = detail_at(&ctx, &slug, id).await?;
            Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                orga_submission_page(&ctx, &d, e.view(ctx.lang)).await?,
            ))
        }
        Err(e) => Err(e),
    }
}
