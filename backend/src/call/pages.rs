//! Call pages: the public list and call page, and a team's submission (fields, questions,
//! files, team, submit and withdraw). The organisers' call form and question builder are in
//! `orga_pages`, their submission list and decisions in `orga_submissions`.

use chrono::{DateTime, Utc};
use poem::http::StatusCode;
use poem::web::Path;
use poem::{Response, handler};

use super::model::{Call, Phase, SubmissionInput, SubmissionStatus};
use super::service::{self, Detail};
use crate::error::{AppError, FieldErrors};
use crate::http::auth::{CsrfData, CsrfForm};
use crate::http::fmt;
use crate::http::page::{Ctx, download, html, html_status, see_other};
use crate::registration::form::{self, AnswersIn, QuestionKind};
use crate::registration::pages::{answers_in, question_fields};
use convene_frontend::call::{
    self as views, CallCard, FileLine, MemberLine, MineLine, ResultLine, SubmissionValues,
};
use convene_frontend::{Errors, FlashKind, Lang, Localized, Template};

fn phase_id(phase: Phase) -> &'static str {
    match phase {
        Phase::Upcoming => "call-phase-upcoming",
        Phase::Open => "call-phase-open",
        Phase::Closed => "call-phase-closed",
        Phase::Review => "call-phase-review",
        Phase::Decided => "call-phase-decided",
    }
}

pub(super) fn card(
    lang: Lang,
    c: &Call,
    url: String,
    now: DateTime<Utc>,
    with_status: bool,
) -> CallCard {
    let t = lang.tr();
    CallCard {
        url,
        title: Localized::pick(lang, &c.title_de, &c.title_en),
        teaser: Localized::pick(lang, &c.teaser_de, &c.teaser_en),
        deadline: t.msg_args(
            "call-deadline-line",
            &[("deadline", fmt::at(lang, c.tz(), c.deadline))],
        ),
        phase: t.msg(phase_id(c.phases().at(now))),
        status: if with_status {
            t.msg(if c.published {
                "call-status-published"
            } else {
                "call-status-draft"
            })
        } else {
            String::new()
        },
    }
}

/// "3 days, 4 hours, 12 minutes" until `to`.
pub fn countdown(lang: Lang, now: DateTime<Utc>, to: DateTime<Utc>) -> String {
    let secs = (to - now).num_seconds().max(0);
    lang.tr().msg_args(
        "call-countdown",
        &[
            ("days", (secs / 86_400).to_string()),
            ("hours", (secs % 86_400 / 3_600).to_string()),
            ("minutes", (secs % 3_600 / 60).to_string()),
        ],
    )
}

/// "2.4 MB"
fn size(bytes: i64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / 1024.0 / 1024.0)
    } else {
        format!("{} KB", (bytes + 1023) / 1024)
    }
}

/// GET /calls
#[handler]
pub async fn list_get(ctx: Ctx) -> Result<Response, AppError> {
    let calls = service::list_public(&ctx.state).await?;
    let now = ctx.state.clock.now();
    let t = ctx.lang.tr();
    let mine = match &ctx.actor {
        Some(a) => service::mine(&ctx.state, a, None).await?,
        None => Vec::new(),
    };
    let page = views::List {
        layout: ctx.layout("calls-title", "calls"),
        mine: mine
            .iter()
            .filter_map(|s| {
                let call = calls.iter().find(|c| c.id == s.call_id)?;
                Some(MineLine {
                    url: format!("/calls/{}/submissions/{}", call.slug, s.id),
                    title: format!(
                        "{} ({})",
                        if s.title.is_empty() {
                            t.msg("submission-untitled")
                        } else {
                            s.title.clone()
                        },
                        call.title(ctx.lang)
                    ),
                    status: t.msg(s.status.label_id()),
                })
            })
            .collect(),
        calls: calls
            .iter()
            .map(|c| card(ctx.lang, c, format!("/calls/{}", c.slug), now, false))
            .collect(),
        new_url: None,
    };
    Ok(html(page.render()?))
}

/// GET /calls/:slug
#[handler]
pub async fn detail_get(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let call = service::visible(&ctx.state, ctx.actor.as_ref(), &slug).await?;
    let lang = ctx.lang;
    let t = lang.tr();
    let now = ctx.state.clock.now();
    let phase = call.phases().at(now);
    let tz = call.tz();
    let mut phases = vec![
        (t.msg("call-opens-at"), fmt::at(lang, tz, call.opens_at)),
        (t.msg("call-deadline"), fmt::at(lang, tz, call.deadline)),
    ];
    if let Some(r) = call.review_at {
        phases.push((t.msg("call-review-at"), fmt::at(lang, tz, r)));
    }
    if let Some(r) = call.results_at {
        phases.push((t.msg("call-results-at"), fmt::at(lang, tz, r)));
    }
    let categories = service::categories(&ctx.state, &call).await?;
    let mine = match &ctx.actor {
        Some(a) => service::mine(&ctx.state, a, Some(&call)).await?,
        None => Vec::new(),
    };
    let event = match call.event_id {
        Some(_) => service::event_of(&ctx.state, &call)
            .await?
            .filter(|e| {
                e.status.is_public() || crate::event::service::is_organiser(ctx.actor.as_ref(), e)
            })
            .map(|e| (format!("/events/{}", e.slug), e.title(lang).to_string())),
        None => None,
    };
    let results = service::results(&ctx.state, &call)
        .await?
        .into_iter()
        .map(|(s, c)| ResultLine {
            place: match (s.status, s.placement) {
                (SubmissionStatus::Winner, Some(p)) => {
                    t.msg_args("call-place", &[("place", p.to_string())])
                }
                _ => t.msg(s.status.label_id()),
            },
            title: s.title,
            organisation: s.organisation,
            category: c.map(|c| c.name(lang).to_string()).unwrap_or_default(),
        })
        .collect();
    let open = phase == Phase::Open;
    let page = views::Detail {
        layout: ctx.layout_titled(call.title(lang).to_string(), "calls"),
        title: Localized::pick(lang, &call.title_de, &call.title_en),
        teaser: Localized::pick(lang, &call.teaser_de, &call.teaser_en),
        paragraphs: Localized::pick(lang, &call.body_de, &call.body_en).paragraphs(),
        eligibility: Localized::pick(lang, &call.eligibility_de, &call.eligibility_en).paragraphs(),
        categories: categories
            .iter()
            .map(|c| Localized::pick(lang, &c.name_de, &c.name_en))
            .collect(),
        phases,
        phase: t.msg(phase_id(phase)),
        countdown_to: open.then(|| call.deadline.to_rfc3339()),
        countdown: if open {
            countdown(lang, now, call.deadline)
        } else {
            String::new()
        },
        event,
        draft_notice: !call.published,
        start_url: (open && ctx.actor.is_some())
            .then(|| format!("/calls/{}/submissions", call.slug)),
        signin_url: (open && ctx.actor.is_none())
            .then(|| format!("/signin?next=/calls/{}", call.slug)),
        mine: mine
            .iter()
            .map(|s| MineLine {
                url: format!("/calls/{}/submissions/{}", call.slug, s.id),
                title: if s.title.is_empty() {
                    t.msg("submission-untitled")
                } else {
                    s.title.clone()
                },
                status: t.msg(s.status.label_id()),
            })
            .collect(),
        results,
        orga_url: service::is_organiser(ctx.actor.as_ref(), &call)
            .then(|| format!("/orga/calls/{}/dashboard", call.slug)),
    };
    Ok(html(page.render()?))
}

/// POST /calls/:slug/submissions — start a draft.
#[handler]
pub async fn start_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    let sub = service::start(&ctx.state, ctx.actor()?, &slug).await?;
    ctx.flash(FlashKind::Success, "flash-submission-started");
    Ok(see_other(&format!("/calls/{slug}/submissions/{}", sub.id)))
}

/// Loads a submission for the page at `slug`/`id` (a submission of another call is not found).
pub(super) async fn detail_at(ctx: &Ctx, slug: &str, id: i64) -> Result<Detail, AppError> {
    let d = service::detail(&ctx.state, ctx.actor()?, id).await?;
    if d.call.slug != slug {
        return Err(AppError::not_found("submission-not-found"));
    }
    Ok(d)
}

/// The label of a form field, for the "still missing" list.
fn field_label(d: &Detail, lang: Lang, field: &str) -> String {
    let t = lang.tr();
    match field {
        "title" => t.msg("submission-title"),
        "category_id" => t.msg("submission-category"),
        "abstract" => t.msg("submission-abstract"),
        "organisation" => t.msg("submission-organisation"),
        "files" => t.msg("submission-files"),
        q => q
            .strip_prefix('q')
            .and_then(|n| n.parse::<i64>().ok())
            .and_then(|id| d.questions.iter().find(|q| q.id == id))
            .map(|q| q.label(lang).to_string())
            .unwrap_or_else(|| q.to_string()),
    }
}

/// The stored answers as form values.
fn stored_values(d: &Detail) -> AnswersIn {
    let mut a = AnswersIn::default();
    for s in &d.answers {
        let Some(q) = d.questions.iter().find(|q| q.id == s.question_id) else {
            continue;
        };
        let values = match q.kind {
            QuestionKind::MultipleChoice => serde_json::from_str::<Vec<usize>>(&s.value)
                .unwrap_or_default()
                .iter()
                .map(usize::to_string)
                .collect(),
            QuestionKind::Consent => vec!["on".to_string()],
            QuestionKind::File => Vec::new(),
            _ => vec![s.value.clone()],
        };
        a.values.insert(q.id, values);
    }
    a
}

fn values_of(d: &Detail) -> SubmissionValues {
    SubmissionValues {
        title: d.sub.title.clone(),
        category_id: d.sub.category_id.map(|c| c.to_string()).unwrap_or_default(),
        summary: d.sub.summary.clone(),
        organisation: d.sub.organisation.clone(),
        website: d.sub.website.clone(),
    }
}

fn input_values(input: &SubmissionInput) -> SubmissionValues {
    SubmissionValues {
        title: input.title.clone(),
        category_id: input.category_id.map(|c| c.to_string()).unwrap_or_default(),
        summary: input.summary.clone(),
        organisation: input.organisation.clone(),
        website: input.website.clone(),
    }
}

pub(super) fn file_lines(d: &Detail, base: &str, editable: bool) -> Vec<FileLine> {
    d.files
        .iter()
        .map(|f| FileLine {
            url: format!("{base}/files/{}", f.id),
            name: f.filename.clone(),
            label: f.label.clone(),
            size: size(f.size),
            delete_url: editable.then(|| format!("{base}/files/{}/delete", f.id)),
        })
        .collect()
}

pub(super) fn read_answers(
    d: &Detail,
    lang: Lang,
    base: &str,
) -> Vec<(String, String, Option<String>)> {
    d.questions
        .iter()
        .filter_map(|q| {
            let a = d.answers.iter().find(|a| a.question_id == q.id)?;
            Some(match &a.filename {
                Some(name) => (
                    q.label(lang).to_string(),
                    name.clone(),
                    Some(format!("{base}/answers/{}", q.id)),
                ),
                None => (
                    q.label(lang).to_string(),
                    form::display(q, &a.value, lang),
                    None,
                ),
            })
        })
        .collect()
}

/// The team's page of a submission: the form while it may change, else what was handed in.
async fn submission_page(
    ctx: &Ctx,
    d: &Detail,
    typed: Option<(&SubmissionInput, &AnswersIn)>,
    errors: Errors,
) -> Result<String, AppError> {
    let lang = ctx.lang;
    let t = lang.tr();
    let slug = &d.call.slug;
    let base = format!("/calls/{slug}/submissions/{}", d.sub.id);
    let editable = d.editable();
    let phases = d.call.phases();
    let deadline = fmt::at(lang, d.call.tz(), d.call.deadline);
    let status = d.sub.status;
    let status_note = match status {
        SubmissionStatus::Draft if editable => {
            t.msg_args("submission-note-draft", &[("deadline", deadline.clone())])
        }
        SubmissionStatus::Submitted if editable => t.msg_args(
            "submission-note-submitted",
            &[("deadline", deadline.clone())],
        ),
        SubmissionStatus::Withdrawn if phases.accepts_changes(d.now) => t.msg_args(
            "submission-note-withdrawn",
            &[("deadline", deadline.clone())],
        ),
        _ if !phases.accepts_changes(d.now) && d.now >= d.call.deadline => {
            t.msg("submission-note-closed")
        }
        _ => String::new(),
    };
    let missing: Vec<String> = if status == SubmissionStatus::Draft && d.team {
        let mut seen = Vec::new();
        for (field, _) in &d.missing().0 {
            let label = field_label(d, lang, field);
            if !seen.contains(&label) {
                seen.push(label);
            }
        }
        seen
    } else {
        Vec::new()
    };
    let open = phases.accepts_changes(d.now);
    let stored = stored_values(d);
    let (values, answer_values) = match typed {
        Some((input, answers)) => (input_values(input), answers.clone()),
        None => (values_of(d), stored),
    };
    let stored_files: Vec<(i64, String)> = d
        .answers
        .iter()
        .filter_map(|a| a.filename.clone().map(|n| (a.question_id, n)))
        .collect();
    let lead = d.sub.account_id;
    let lead_email = match lead {
        Some(id) => service::lead_email(&ctx.state, id).await?,
        None => None,
    };
    let jury_notes = if d.call.results_published {
        service::team_notes(&ctx.state, d.sub.id).await?
    } else {
        Vec::new()
    };
    let page = views::SubmissionPage {
        jury_notes,
        layout: ctx.layout_titled(
            if d.sub.title.is_empty() {
                t.msg("submission-untitled")
            } else {
                d.sub.title.clone()
            },
            "calls",
        ),
        errors: errors.labelled(
            d.questions
                .iter()
                .map(|q| (q.field(), q.label(lang).to_string())),
        ),
        call_title: d.call.title(lang).to_string(),
        call_url: format!("/calls/{slug}"),
        status: t.msg(status.label_id()),
        status_code: status.as_str(),
        status_note,
        reason: if status == SubmissionStatus::Ineligible {
            d.sub.status_reason.clone()
        } else {
            String::new()
        },
        missing,
        editable,
        action: base.clone(),
        values,
        categories: d
            .categories
            .iter()
            .map(|c| (c.id.to_string(), c.name(lang).to_string()))
            .collect(),
        abstract_max: d.call.abstract_max,
        questions: question_fields(&d.questions, &[], lang, &answer_values, &stored_files),
        answers: read_answers(d, lang, &base),
        category: d
            .category()
            .map(|c| c.name(lang).to_string())
            .unwrap_or_default(),
        members: d
            .members
            .iter()
            .map(|m| MemberLine {
                name: m.name.clone(),
                email: m.email.clone(),
                role: m.role.clone(),
                remove_url: (editable && lead_email.as_deref() != Some(m.email.as_str()))
                    .then(|| format!("{base}/members/{}/delete", m.id)),
            })
            .collect(),
        invite_url: format!("{base}/members"),
        files: file_lines(d, &base, editable),
        upload_url: (editable && i64::try_from(d.files.len()).unwrap_or(0) < d.call.max_files)
            .then(|| format!("{base}/files")),
        file_note: t.msg_args(
            "submission-file-note",
            &[
                ("count", d.call.max_files.to_string()),
                ("mb", d.call.file_max_mb.to_string()),
            ],
        ),
        submit_url: (d.team
            && open
            && matches!(
                status,
                SubmissionStatus::Draft | SubmissionStatus::Withdrawn
            ))
        .then(|| format!("{base}/submit")),
        withdraw_url: (d.team
            && open
            && matches!(
                status,
                SubmissionStatus::Draft | SubmissionStatus::Submitted
            ))
        .then(|| format!("{base}/withdraw")),
    };
    Ok(page.render()?)
}

/// GET /calls/:slug/submissions/:id
#[handler]
pub async fn submission_get(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    let d = detail_at(&ctx, &slug, id).await?;
    if !d.team {
        return Ok(see_other(&format!("/orga/calls/{slug}/submissions/{id}")));
    }
    Ok(html(
        submission_page(&ctx, &d, None, Errors::default()).await?,
    ))
}

fn submission_input(data: &CsrfData) -> SubmissionInput {
    let s = |k: &str| data.get(k).unwrap_or_default().to_string();
    SubmissionInput {
        title: s("title"),
        category_id: data.get("category_id").and_then(|v| v.trim().parse().ok()),
        summary: s("abstract"),
        organisation: s("organisation"),
        website: s("website"),
    }
}

/// Shows the submission page again with the problems of a refused change (422), or passes on
/// any other error.
async fn refused(
    ctx: &Ctx,
    slug: &str,
    id: i64,
    err: AppError,
    typed: Option<(&SubmissionInput, &AnswersIn)>,
) -> Result<Response, AppError> {
    match err {
        AppError::Invalid(e) => {
            let d = detail_at(ctx, slug, id).await?;
            Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                submission_page(ctx, &d, typed, e.view(ctx.lang)).await?,
            ))
        }
        e => Err(e),
    }
}

/// POST /calls/:slug/submissions/:id — save the form.
#[handler]
pub async fn save_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    data: CsrfData,
) -> Result<Response, AppError> {
    detail_at(&ctx, &slug, id).await?;
    let input = submission_input(&data);
    let answers = answers_in(&data);
    match service::save(&ctx.state, ctx.actor()?, id, &input, Some(&answers)).await {
        Ok(_) => {
            ctx.flash(FlashKind::Success, "flash-saved");
            Ok(see_other(&format!("/calls/{slug}/submissions/{id}")))
        }
        Err(e) => refused(&ctx, &slug, id, e, Some((&input, &answers))).await,
    }
}

/// POST /calls/:slug/submissions/:id/submit
#[handler]
pub async fn submit_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    detail_at(&ctx, &slug, id).await?;
    match service::submit(&ctx.state, ctx.actor()?, id).await {
        Ok(_) => {
            ctx.flash(FlashKind::Success, "flash-submission-submitted");
            Ok(see_other(&format!("/calls/{slug}/submissions/{id}")))
        }
        Err(e) => refused(&ctx, &slug, id, e, None).await,
    }
}

/// POST /calls/:slug/submissions/:id/withdraw
#[handler]
pub async fn withdraw_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    detail_at(&ctx, &slug, id).await?;
    service::withdraw(&ctx.state, ctx.actor()?, id).await?;
    ctx.flash(FlashKind::Success, "flash-submission-withdrawn");
    Ok(see_other(&format!("/calls/{slug}/submissions/{id}")))
}

#[derive(Debug, serde::Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
}

/// POST /calls/:slug/submissions/:id/members — invite someone to the team.
#[handler]
pub async fn invite_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(form): CsrfForm<InviteForm>,
) -> Result<Response, AppError> {
    detail_at(&ctx, &slug, id).await?;
    match service::invite(
        &ctx.state,
        ctx.actor()?,
        id,
        &form.email,
        &form.name,
        &form.role,
    )
    .await
    {
        Ok(_) => {
            ctx.flash(FlashKind::Success, "flash-submission-invited");
            Ok(see_other(&format!("/calls/{slug}/submissions/{id}")))
        }
        Err(e) => refused(&ctx, &slug, id, e, None).await,
    }
}

/// POST /calls/:slug/submissions/:id/members/:member/delete
#[handler]
pub async fn member_delete_post(
    ctx: Ctx,
    Path((slug, id, member)): Path<(String, i64, i64)>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    detail_at(&ctx, &slug, id).await?;
    service::remove_member(&ctx.state, ctx.actor()?, id, member).await?;
    ctx.flash(FlashKind::Success, "flash-saved");
    Ok(see_other(&format!("/calls/{slug}/submissions/{id}")))
}

/// POST /calls/:slug/submissions/:id/files — attach a file (multipart: `file`, `label`).
#[handler]
pub async fn file_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    data: CsrfData,
) -> Result<Response, AppError> {
    detail_at(&ctx, &slug, id).await?;
    let label = data.get("label").unwrap_or_default().to_string();
    let result = match data.files.iter().find(|(k, _, _)| k == "file") {
        Some((_, name, bytes)) => {
            service::add_file(&ctx.state, ctx.actor()?, id, name, &label, bytes).await
        }
        None => Err(AppError::Invalid(FieldErrors::one(
            "file",
            crate::error::Msg::new("valid-file-missing"),
        ))),
    };
    match result {
        Ok(_) => {
            ctx.flash(FlashKind::Success, "flash-submission-file-added");
            Ok(see_other(&format!("/calls/{slug}/submissions/{id}")))
        }
        Err(e) => refused(&ctx, &slug, id, e, None).await,
    }
}

/// POST /calls/:slug/submissions/:id/files/:file/delete
#[handler]
pub async fn file_delete_post(
    ctx: Ctx,
    Path((slug, id, file)): Path<(String, i64, i64)>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    detail_at(&ctx, &slug, id).await?;
    service::delete_file(&ctx.state, ctx.actor()?, id, file).await?;
    ctx.flash(FlashKind::Success, "flash-deleted");
    Ok(see_other(&format!("/calls/{slug}/submissions/{id}")))
}

/// GET /calls/:slug/submissions/:id/files/:file — for the team and the call's organisers.
#[handler]
pub async fn file_get(
    ctx: Ctx,
    Path((slug, id, file)): Path<(String, i64, i64)>,
) -> Result<Response, AppError> {
    detail_at(&ctx, &slug, id).await?;
    let (name, content_type, data) = service::file(&ctx.state, ctx.actor()?, id, file).await?;
    Ok(download(&name, &content_type, data))
}

/// GET /calls/:slug/submissions/:id/answers/:question — the file answering a question.
#[handler]
pub async fn answer_file_get(
    ctx: Ctx,
    Path((slug, id, question)): Path<(String, i64, i64)>,
) -> Result<Response, AppError> {
    detail_at(&ctx, &slug, id).await?;
    let (name, content_type, data) =
        service::answer_file(&ctx.state, ctx.actor()?, id, question).await?;
    Ok(download(&name, &content_type, data))
}
