//! The organisers' call pages: their list of calls, creating and editing a call (with its
//! owner, phases, categories and mail texts), publishing, and the submission form's questions.

use chrono::{DateTime, Utc};
use poem::http::StatusCode;
use poem::web::Path;
use poem::{Response, handler};

use super::model::{Call, CallInput};
use super::pages::card;
use super::service;
use crate::error::AppError;
use crate::http::auth::{CsrfData, CsrfForm};
use crate::http::page::{Ctx, html, html_status, see_other};
use crate::registration::form::QuestionKind;
use crate::registration::orga_pages::question_input;
use convene_frontend::call::{self as views, CallValues, ExistingCall};
use convene_frontend::{Errors, FlashKind, Template};

/// GET /orga/calls
#[handler]
pub async fn orga_list_get(ctx: Ctx) -> Result<Response, AppError> {
    let actor = ctx.actor()?;
    let calls = service::list_organised(&ctx.state, actor).await?;
    let now = ctx.state.clock.now();
    let page = views::List {
        layout: ctx.layout("orga-calls-title", "orga"),
        calls: calls
            .iter()
            .map(|c| {
                card(
                    ctx.lang,
                    c,
                    format!("/orga/calls/{}/dashboard", c.slug),
                    now,
                    true,
                )
            })
            .collect(),
        mine: Vec::new(),
        new_url: service::can_create(actor).then(|| "/orga/calls/new".to_string()),
    };
    Ok(html(page.render()?))
}

fn local_input(t: Option<DateTime<Utc>>, tz: chrono_tz::Tz) -> String {
    t.map(|t| t.with_timezone(&tz).format("%Y-%m-%dT%H:%M:%S").to_string())
        .unwrap_or_default()
}

fn values_of_call(c: &Call, categories: &[super::model::Category], event: String) -> CallValues {
    let tz = c.tz();
    CallValues {
        owner: String::new(),
        slug: c.slug.clone(),
        title_de: c.title_de.clone(),
        title_en: c.title_en.clone(),
        teaser_de: c.teaser_de.clone(),
        teaser_en: c.teaser_en.clone(),
        body_de: c.body_de.clone(),
        body_en: c.body_en.clone(),
        eligibility_de: c.eligibility_de.clone(),
        eligibility_en: c.eligibility_en.clone(),
        timezone: c.timezone.clone(),
        opens_at: local_input(Some(c.opens_at), tz),
        deadline: local_input(Some(c.deadline), tz),
        review_at: local_input(c.review_at, tz),
        results_at: local_input(c.results_at, tz),
        event,
        categories: categories
            .iter()
            .map(|c| crate::text::pair_line(&c.name_de, &c.name_en))
            .collect::<Vec<_>>()
            .join("\n"),
        abstract_max: c.abstract_max.to_string(),
        max_files: c.max_files.to_string(),
        file_max_mb: c.file_max_mb.to_string(),
        file_required: c.file_required,
        mail_submitted_de: c.mail_submitted_de.clone(),
        mail_submitted_en: c.mail_submitted_en.clone(),
        mail_ineligible_de: c.mail_ineligible_de.clone(),
        mail_ineligible_en: c.mail_ineligible_en.clone(),
    }
}

fn values_of_input(i: &CallInput) -> CallValues {
    CallValues {
        slug: i.slug.clone(),
        title_de: i.title_de.clone(),
        title_en: i.title_en.clone(),
        teaser_de: i.teaser_de.clone(),
        teaser_en: i.teaser_en.clone(),
        body_de: i.body_de.clone(),
        body_en: i.body_en.clone(),
        eligibility_de: i.eligibility_de.clone(),
        eligibility_en: i.eligibility_en.clone(),
        timezone: i.timezone.clone(),
        opens_at: i.opens_at.clone(),
        deadline: i.deadline.clone(),
        review_at: i.review_at.clone(),
        results_at: i.results_at.clone(),
        event: i.event.clone(),
        owner: i.owner.clone().unwrap_or_default(),
        categories: i.categories.clone(),
        abstract_max: i.abstract_max.map(|n| n.to_string()).unwrap_or_default(),
        max_files: i.max_files.map(|n| n.to_string()).unwrap_or_default(),
        file_max_mb: i.file_max_mb.map(|n| n.to_string()).unwrap_or_default(),
        file_required: i.file_required,
        mail_submitted_de: i.mail_submitted_de.clone(),
        mail_submitted_en: i.mail_submitted_en.clone(),
        mail_ineligible_de: i.mail_ineligible_de.clone(),
        mail_ineligible_en: i.mail_ineligible_en.clone(),
    }
}

/// The call form as posted: numbers that are not numbers become out-of-range values, so that
/// the field gets its message instead of silently falling back to the default.
fn call_input(data: &CsrfData) -> CallInput {
    let s = |k: &str| data.get(k).unwrap_or_default().to_string();
    let n = |k: &str| match data.get(k).map(str::trim) {
        None | Some("") => None,
        Some(v) => Some(v.parse::<i64>().unwrap_or(i64::MIN)),
    };
    CallInput {
        slug: s("slug"),
        title_de: s("title_de"),
        title_en: s("title_en"),
        teaser_de: s("teaser_de"),
        teaser_en: s("teaser_en"),
        body_de: s("body_de"),
        body_en: s("body_en"),
        eligibility_de: s("eligibility_de"),
        eligibility_en: s("eligibility_en"),
        timezone: s("timezone"),
        opens_at: s("opens_at"),
        deadline: s("deadline"),
        review_at: s("review_at"),
        results_at: s("results_at"),
        event: s("event"),
        categories: s("categories"),
        abstract_max: n("abstract_max"),
        max_files: n("max_files"),
        file_max_mb: n("file_max_mb"),
        file_required: data.get("file_required").is_some(),
        mail_submitted_de: s("mail_submitted_de"),
        mail_submitted_en: s("mail_submitted_en"),
        mail_ineligible_de: s("mail_ineligible_de"),
        mail_ineligible_en: s("mail_ineligible_en"),
        owner: Some(s("owner")),
    }
}

async fn event_choices(ctx: &Ctx) -> Result<Vec<(String, String)>, AppError> {
    let events = crate::event::service::list_organised(&ctx.state, ctx.actor()?).await?;
    Ok(events
        .iter()
        .map(|e| (e.slug.clone(), e.title(ctx.lang).to_string()))
        .collect())
}

async fn call_form(
    ctx: &Ctx,
    call: Option<&Call>,
    form: CallValues,
    errors: Errors,
) -> Result<String, AppError> {
    let t = ctx.lang.tr();
    let existing = call.map(|c| ExistingCall {
        public_url: format!("/calls/{}", c.slug),
        questions_url: format!("/orga/calls/{}/questions", c.slug),
        submissions_url: format!("/orga/calls/{}/submissions", c.slug),
        publish_url: format!("/orga/calls/{}/publish", c.slug),
        published: c.published,
        results_published: c.results_published,
        status: t.msg(match (c.published, c.results_published) {
            (false, _) => "call-status-draft",
            (true, false) => "call-status-published",
            (true, true) => "call-status-results-published",
        }),
    });
    let title = match call {
        Some(c) => c.title(ctx.lang).to_string(),
        None => t.msg("orga-call-new"),
    };
    let owners = crate::organisation::service::owner_choices(
        &ctx.state,
        ctx.actor()?,
        call.and_then(|c| c.owner_organisation_id),
        t.msg("owner-none"),
    )
    .await?;
    Ok(views::CallForm {
        owners: convene_frontend::Choices { options: owners },
        layout: ctx.layout_titled(title, "orga"),
        errors,
        action: call
            .map(|c| format!("/orga/calls/{}", c.slug))
            .unwrap_or_else(|| "/orga/calls/new".into()),
        form,
        existing,
        events: event_choices(ctx).await?,
    }
    .render()?)
}

/// GET /orga/calls/new
#[handler]
pub async fn new_get(ctx: Ctx) -> Result<Response, AppError> {
    if !service::can_create(ctx.actor()?) {
        // Nobody is turned away without a way forward: they ask to organise.
        return Ok(see_other("/orga/request"));
    }
    let form = CallValues {
        timezone: "Europe/Berlin".into(),
        abstract_max: "1500".into(),
        max_files: "3".into(),
        file_max_mb: "10".into(),
        ..CallValues::default()
    };
    Ok(html(call_form(&ctx, None, form, Errors::default()).await?))
}

/// POST /orga/calls/new
#[handler]
pub async fn new_post(ctx: Ctx, data: CsrfData) -> Result<Response, AppError> {
    let input = call_input(&data);
    match service::create(&ctx.state, ctx.actor()?, &input).await {
        Ok(call) => {
            ctx.flash(FlashKind::Success, "flash-call-created");
            Ok(see_other(&format!("/orga/calls/{}", call.slug)))
        }
        Err(AppError::Invalid(e)) => Ok(html_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            call_form(&ctx, None, values_of_input(&input), e.view(ctx.lang)).await?,
        )),
        Err(e) => Err(e),
    }
}

async fn linked_slug(ctx: &Ctx, call: &Call) -> Result<String, AppError> {
    Ok(match call.event_id {
        Some(_) => service::event_of(&ctx.state, call)
            .await?
            .map(|e| e.slug)
            .unwrap_or_default(),
        None => String::new(),
    })
}

/// GET /orga/calls/:slug
#[handler]
pub async fn edit_get(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let call = service::for_organiser(&ctx.state, ctx.actor()?, &slug).await?;
    let categories = service::categories(&ctx.state, &call).await?;
    let event = linked_slug(&ctx, &call).await?;
    let form = CallValues {
        owner: service::owner_slug(&ctx.state, &call)
            .await?
            .unwrap_or_default(),
        ..values_of_call(&call, &categories, event)
    };
    Ok(html(
        call_form(&ctx, Some(&call), form, Errors::default()).await?,
    ))
}

/// POST /orga/calls/:slug
#[handler]
pub async fn edit_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let input = call_input(&data);
    match service::update(&ctx.state, ctx.actor()?, &slug, &input).await {
        Ok(call) => {
            ctx.flash(FlashKind::Success, "flash-saved");
            Ok(see_other(&format!("/orga/calls/{}", call.slug)))
        }
        Err(AppError::Invalid(e)) => {
            let call = service::for_organiser(&ctx.state, ctx.actor()?, &slug).await?;
            Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                call_form(&ctx, Some(&call), values_of_input(&input), e.view(ctx.lang)).await?,
            ))
        }
        Err(e) => Err(e),
    }
}

#[derive(Debug, serde::Deserialize)]
pub struct PublishForm {
    #[serde(default)]
    published: String,
    #[serde(default)]
    results_published: String,
}

/// POST /orga/calls/:slug/publish
#[handler]
pub async fn publish_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<PublishForm>,
) -> Result<Response, AppError> {
    let call = service::set_published(
        &ctx.state,
        ctx.actor()?,
        &slug,
        form.published == "true",
        form.results_published == "true",
    )
    .await?;
    ctx.flash(FlashKind::Success, "flash-saved");
    Ok(see_other(&format!("/orga/calls/{}", call.slug)))
}

async fn questions_page(ctx: &Ctx, slug: &str, errors: Errors) -> Result<String, AppError> {
    let call = service::for_organiser(&ctx.state, ctx.actor()?, slug).await?;
    let questions = service::questions(&ctx.state, &call).await?;
    let lang = ctx.lang;
    let t = lang.tr();
    Ok(convene_frontend::registration::OrgaForm {
        layout: ctx.layout_titled(
            format!("{} – {}", t.msg("orga-call-questions"), call.title(lang)),
            "orga",
        ),
        errors,
        list_url: format!("/orga/calls/{slug}"),
        list_label: t.msg("orga-call-settings"),
        ticket_action: String::new(),
        tickets: Vec::new(),
        question_action: format!("/orga/calls/{slug}/questions"),
        questions: questions
            .iter()
            .map(|q| convene_frontend::registration::QuestionRow {
                label: q.label(lang).to_string(),
                kind: t.msg(q.kind.label_id()),
                required: q.required,
                only_for: String::new(),
                delete_url: format!("/orga/calls/{slug}/questions/{}/delete", q.id),
            })
            .collect(),
        kinds: QuestionKind::ALL
            .iter()
            .map(|k| (k.as_str().to_string(), t.msg(k.label_id())))
            .collect(),
        ticket_choices: Vec::new(),
        preview_url: format!("/calls/{slug}"),
    }
    .render()?)
}

/// GET /orga/calls/:slug/questions
#[handler]
pub async fn questions_get(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    Ok(html(questions_page(&ctx, &slug, Errors::default()).await?))
}

/// POST /orga/calls/:slug/questions
#[handler]
pub async fn question_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let input = question_input(&data);
    match service::add_question(&ctx.state, ctx.actor()?, &slug, &input).await {
        Ok(_) => {
            ctx.flash(FlashKind::Success, "flash-saved");
            Ok(see_other(&format!("/orga/calls/{slug}/questions")))
        }
        Err(AppError::Invalid(e)) => Ok(html_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            questions_page(&ctx, &slug, e.view(ctx.lang)).await?,
        )),
        Err(e) => Err(e),
    }
}

/// POST /orga/calls/:slug/questions/:id/delete
#[handler]
pub async fn question_delete_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    service::delete_question(&ctx.state, ctx.actor()?, &slug, id).await?;
    ctx.flash(FlashKind::Success, "flash-deleted");
    Ok(see_other(&format!("/orga/calls/{slug}/questions")))
}
