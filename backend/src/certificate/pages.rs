//! Certificate pages (server-rendered, German and English): an event's or call's templates, one
//! template with its preview, issuing and the certificates it issued, a job's progress, one's
//! own certificates under `/me/certificates`, and the public `/verify/{code}`.
//!
//! Thin: handlers parse the form, call `certificate::service` (which checks that the actor
//! organises the event or call) and render. A refused form is shown again with its messages
//! next to the fields (422).

use chrono::Datelike;
use poem::http::StatusCode;
use poem::web::{Path, Query};
use poem::{Response, handler};

use super::model::{self, Issued, Job, Kind, TemplateInput};
use super::service::{self, TemplateList, TemplateView};
use crate::error::AppError;
use crate::http::auth::CsrfData;
use crate::http::page::{Ctx, download, html, html_status, see_other};
use convene_frontend::certificate::{
    Choices, IssuedLine, JobLine, JobPage, MineLine, MinePage, OrgaList, TemplateLine,
    TemplatePage, TemplateValues, Verified, VerifyPage,
};
use convene_frontend::{Errors, FlashKind, Lang, Template};

fn errors_of(e: &AppError, lang: Lang) -> Option<Errors> {
    match e {
        AppError::Invalid(f) => Some(f.view(lang)),
        _ => None,
    }
}

fn input_of(data: &CsrfData) -> TemplateInput {
    let get = |k: &str| data.get(k).unwrap_or_default().to_string();
    TemplateInput {
        kind: get("kind"),
        title_de: get("title_de"),
        title_en: get("title_en"),
        body_de: get("body_de"),
        body_en: get("body_en"),
        landscape: data.get("landscape").is_some(),
        place: get("place"),
        signatory1_name: get("signatory1_name"),
        signatory1_role: get("signatory1_role"),
        signatory2_name: get("signatory2_name"),
        signatory2_role: get("signatory2_role"),
        session_id: get("session_id"),
        serial_prefix: get("serial_prefix"),
    }
}

fn values_of(i: &TemplateInput) -> TemplateValues {
    TemplateValues {
        kind: i.kind.clone(),
        title_de: i.title_de.clone(),
        title_en: i.title_en.clone(),
        body_de: i.body_de.clone(),
        body_en: i.body_en.clone(),
        landscape: i.landscape,
        place: i.place.clone(),
        signatory1_name: i.signatory1_name.clone(),
        signatory1_role: i.signatory1_role.clone(),
        signatory2_name: i.signatory2_name.clone(),
        signatory2_role: i.signatory2_role.clone(),
        session_id: i.session_id.clone(),
        serial_prefix: i.serial_prefix.clone(),
    }
}

fn values_of_template(t: &model::Template) -> TemplateValues {
    values_of(&t.input())
}

async fn session_choices(
    ctx: &Ctx,
    event: Option<&crate::event::model::Event>,
) -> Result<Choices, AppError> {
    let Some(event) = event else {
        return Ok(Choices::default());
    };
    let sessions = service::sessions(&ctx.state, event).await?;
    let t = ctx.lang.tr();
    let mut options = vec![(String::new(), t.msg("cert-session-whole-event"))];
    options.extend(sessions.into_iter().map(|(id, de, en)| {
        (
            id.0.to_string(),
            match ctx.lang {
                Lang::De => de,
                Lang::En => en,
            },
        )
    }));
    Ok(Choices { options })
}

// --- The list of an event's or a call's templates ------------------------------------------

enum ListOwner {
    Event(crate::event::model::Event),
    Call(crate::call::model::Call),
}

async fn list_page(
    ctx: &Ctx,
    owner: &ListOwner,
    list: &TemplateList,
    values: Option<TemplateValues>,
    errors: Errors,
) -> Result<Response, AppError> {
    let t = ctx.lang.tr();
    let slug = match owner {
        ListOwner::Event(e) => &e.slug,
        ListOwner::Call(c) => &c.slug,
    };
    let (title, back_url, back_label, base, for_event, event) = match owner {
        ListOwner::Event(e) => (
            match ctx.lang {
                Lang::De => e.title_de.clone(),
                Lang::En => e.title_en.clone(),
            },
            format!("/orga/events/{}", e.slug),
            t.msg("cert-back-to-event"),
            format!("/orga/events/{}/certificates", e.slug),
            true,
            Some(e),
        ),
        ListOwner::Call(c) => (
            match ctx.lang {
                Lang::De => c.title_de.clone(),
                Lang::En => c.title_en.clone(),
            },
            format!("/orga/calls/{}", c.slug),
            t.msg("cert-back-to-call"),
            format!("/orga/calls/{}/certificates", c.slug),
            false,
            None,
        ),
    };
    let kinds = Choices {
        options: Kind::ALL
            .into_iter()
            .filter(|k| k.for_event() == for_event)
            .map(|k| (k.as_str().to_string(), t.msg(k.label_id())))
            .collect(),
    };
    let form_open = values.is_some();
    let values = values.unwrap_or_else(|| {
        let kind = if for_event {
            Kind::Attendance
        } else {
            Kind::Placement
        };
        TemplateValues {
            kind: kind.as_str().to_string(),
            title_de: Lang::De.tr().msg(kind.label_id()),
            title_en: Lang::En.tr().msg(kind.label_id()),
            body_de: kind.default_body(Lang::De).to_string(),
            body_en: kind.default_body(Lang::En).to_string(),
            serial_prefix: model::default_prefix(slug, ctx.state.clock.now().year()),
            ..Default::default()
        }
    });
    let page = OrgaList {
        layout: ctx.layout_titled(t.msg_args("cert-list-title", &[("owner", title)]), "orga"),
        errors,
        back_url,
        back_label,
        create_action: base,
        kinds,
        sessions: session_choices(ctx, event).await?,
        values,
        templates: list
            .templates
            .iter()
            .map(|(tpl, count)| TemplateLine {
                url: format!("/orga/certificates/templates/{}", tpl.id),
                title: tpl.title(ctx.lang).to_string(),
                kind: t.msg(tpl.kind.label_id()),
                issued: count.issued,
                revoked: count.revoked,
            })
            .collect(),
        form_open,
    };
    let status = if page.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(html_status(status, page.render()?))
}

/// GET /orga/events/:slug/certificates
#[handler]
pub async fn event_list_get(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let (event, list) = service::list_for_event(&ctx.state, ctx.actor()?, &slug).await?;
    list_page(
        &ctx,
        &ListOwner::Event(event),
        &list,
        None,
        Errors::default(),
    )
    .await
}

/// GET /orga/calls/:slug/certificates
#[handler]
pub async fn call_list_get(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let (call, list) = service::list_for_call(&ctx.state, ctx.actor()?, &slug).await?;
    list_page(&ctx, &ListOwner::Call(call), &list, None, Errors::default()).await
}

/// POST /orga/events/:slug/certificates — a new template.
#[handler]
pub async fn event_create_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let input = input_of(&data);
    match service::create_for_event(&ctx.state, ctx.actor()?, &slug, &input).await {
        Ok(t) => created(&ctx, t.id),
        Err(e) => {
            let Some(errors) = errors_of(&e, ctx.lang) else {
                return Err(e);
            };
            let (event, list) = service::list_for_event(&ctx.state, ctx.actor()?, &slug).await?;
            list_page(
                &ctx,
                &ListOwner::Event(event),
                &list,
                Some(values_of(&input)),
                errors,
            )
            .await
        }
    }
}

/// POST /orga/calls/:slug/certificates — a new template.
#[handler]
pub async fn call_create_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let input = input_of(&data);
    match service::create_for_call(&ctx.state, ctx.actor()?, &slug, &input).await {
        Ok(t) => created(&ctx, t.id),
        Err(e) => {
            let Some(errors) = errors_of(&e, ctx.lang) else {
                return Err(e);
            };
            let (call, list) = service::list_for_call(&ctx.state, ctx.actor()?, &slug).await?;
            list_page(
                &ctx,
                &ListOwner::Call(call),
                &list,
                Some(values_of(&input)),
                errors,
            )
            .await
        }
    }
}

fn created(ctx: &Ctx, id: i64) -> Result<Response, AppError> {
    ctx.flash(FlashKind::Success, "flash-cert-template-created");
    Ok(see_other(&format!("/orga/certificates/templates/{id}")))
}

// --- One template --------------------------------------------------------------------------

fn job_line(lang: Lang, job: &Job) -> JobLine {
    let t = lang.tr();
    JobLine {
        url: format!("/orga/certificates/jobs/{}", job.id),
        status: t.msg(&format!("cert-job-{}", job.status)),
        done: job.done,
        total: job.total,
        issued: job.issued,
        progress: t.msg_args(
            "cert-job-progress",
            &[
                ("done", job.done.to_string()),
                ("total", job.total.to_string()),
                ("issued", job.issued.to_string()),
            ],
        ),
        finished: job.finished(),
        failed: job.status == "failed",
        error: job.error.clone(),
    }
}

fn issued_line(lang: Lang, view: &TemplateView, c: &Issued) -> IssuedLine {
    let ctx = &view.ctx;
    let tz = ctx.tz();
    let t = lang.tr();
    IssuedLine {
        id: c.id,
        serial: service::serial_text(ctx, c),
        name: c.recipient_name.clone(),
        email: c.recipient_email.clone(),
        organisation: c.organisation.clone(),
        issued: service::day_text(lang, tz, c.issued_at),
        emailed: c
            .emailed_at
            .map(|at| service::day_text(lang, tz, at))
            .unwrap_or_else(|| "–".into()),
        revoked: c.revoked_at.map(|at| {
            t.msg_args(
                "cert-revoked-on",
                &[
                    ("date", service::day_text(lang, tz, at)),
                    ("reason", c.revoked_reason.clone()),
                ],
            )
        }),
        superseded: c.superseded_at.map(|at| {
            t.msg_args(
                "cert-superseded-on",
                &[
                    ("date", service::day_text(lang, tz, at)),
                    ("serial", view.superseded_by(c).unwrap_or_default()),
                ],
            )
        }),
        pdf_url: format!("/orga/certificates/{}/pdf", c.id),
        revoke_action: format!("/orga/certificates/{}/revoke", c.id),
        reissue_action: c
            .superseded_at
            .is_none()
            .then(|| format!("/orga/certificates/{}/reissue", c.id)),
        verify_url: format!("/verify/{}", c.code_text()),
    }
}

async fn template_page(
    ctx: &Ctx,
    view: &TemplateView,
    values: Option<TemplateValues>,
    errors: Errors,
    revoke_open: Option<(i64, String)>,
) -> Result<Response, AppError> {
    let t = ctx.lang.tr();
    let tpl = &view.ctx.template;
    let base = format!("/orga/certificates/templates/{}", tpl.id);
    let sessions = if tpl.kind == Kind::Attendance {
        Some(session_choices(ctx, view.ctx.event.as_ref()).await?)
    } else {
        None
    };
    let placeholders = t.msg_args(
        "cert-placeholders",
        &[(
            "list",
            model::PLACEHOLDERS
                .iter()
                .map(|p| format!("{{{p}}}"))
                .collect::<Vec<_>>()
                .join(" "),
        )],
    );
    let page = TemplatePage {
        layout: ctx.layout_titled(tpl.title(ctx.lang).to_string(), "orga"),
        errors,
        back_url: view.ctx.owner_path(),
        kind: t.msg(tpl.kind.label_id()),
        values: values.unwrap_or_else(|| values_of_template(tpl)),
        sessions,
        placeholders,
        action: base.clone(),
        preview_action: format!("{base}/preview"),
        preview_de: format!("{base}/preview.pdf?lang=de"),
        preview_en: format!("{base}/preview.pdf?lang=en"),
        images_action: format!("{base}/images"),
        logo: tpl.logo_type.is_some(),
        signature: tpl.signature_type.is_some(),
        recipients: view.recipients,
        issue_action: format!("{base}/issue"),
        job: view.job.as_ref().map(|j| job_line(ctx.lang, j)),
        issued: view
            .issued
            .iter()
            .map(|c| issued_line(ctx.lang, view, c))
            .collect(),
        zip_url: format!("{base}/certificates.zip"),
        delete_action: view.issued.is_empty().then(|| format!("{base}/delete")),
        revoke_open,
    };
    let status = if page.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(html_status(status, page.render()?))
}

/// The template page again after a refused form: its messages next to the fields and what was
/// typed kept (422). Any other error passes through.
async fn refused(
    ctx: &Ctx,
    id: i64,
    e: AppError,
    typed: Option<&TemplateInput>,
    revoke_open: Option<(i64, String)>,
) -> Result<Response, AppError> {
    let Some(errors) = errors_of(&e, ctx.lang) else {
        return Err(e);
    };
    let view = service::view(&ctx.state, ctx.actor()?, id).await?;
    let values = typed.map(|input| TemplateValues {
        kind: view.ctx.template.kind.as_str().to_string(),
        ..values_of(input)
    });
    template_page(ctx, &view, values, errors, revoke_open).await
}

/// GET /orga/certificates/templates/:id
#[handler]
pub async fn template_get(ctx: Ctx, Path(id): Path<i64>) -> Result<Response, AppError> {
    let view = service::view(&ctx.state, ctx.actor()?, id).await?;
    template_page(&ctx, &view, None, Errors::default(), None).await
}

/// POST /orga/certificates/templates/:id — save the texts and layout.
#[handler]
pub async fn template_post(
    ctx: Ctx,
    Path(id): Path<i64>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let input = input_of(&data);
    match service::update(&ctx.state, ctx.actor()?, id, &input).await {
        Ok(_) => {
            ctx.flash(FlashKind::Success, "flash-cert-template-saved");
            Ok(see_other(&format!("/orga/certificates/templates/{id}")))
        }
        Err(e) => refused(&ctx, id, e, Some(&input), None).await,
    }
}

/// POST /orga/certificates/templates/:id/images — a logo and/or signature (multipart), or
/// their removal.
#[handler]
pub async fn images_post(
    ctx: Ctx,
    Path(id): Path<i64>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let actor = ctx.actor()?;
    service::for_organiser(&ctx.state, actor, id).await?;
    // Every file is checked before any is stored: a refused form changes nothing.
    let mut result = Ok(());
    for field in ["logo", "signature"] {
        if let Some((_, _, bytes)) = data.files.iter().find(|(name, _, _)| name == field)
            && let Err(e) = service::check_upload(field, bytes)
        {
            result = Err(e);
            break;
        }
    }
    for (field, signature) in [("logo", false), ("signature", true)] {
        if result.is_err() {
            break;
        }
        let remove = data.get(&format!("remove_{field}")).is_some();
        let file = data.files.iter().find(|(name, _, _)| name == field);
        let outcome = match (remove, file) {
            (true, _) => service::set_image(&ctx.state, actor, id, signature, None).await,
            (false, Some((_, _, bytes))) => {
                service::set_image(&ctx.state, actor, id, signature, Some(bytes)).await
            }
            (false, None) => Ok(()),
        };
        if let Err(e) = outcome {
            result = Err(e);
            break;
        }
    }
    match result {
        Ok(()) => {
            ctx.flash(FlashKind::Success, "flash-cert-images-saved");
            Ok(see_other(&format!("/orga/certificates/templates/{id}")))
        }
        Err(e) => refused(&ctx, id, e, None, None).await,
    }
}

#[derive(Debug, serde::Deserialize)]
pub struct LangQuery {
    lang: Option<String>,
}

/// A PDF shown inside our own page (the preview frame): inline, framable by this site only.
fn inline_pdf(bytes: Vec<u8>) -> Response {
    Response::builder()
        .content_type("application/pdf")
        .header("content-disposition", "inline; filename=\"preview.pdf\"")
        .header("cache-control", "private, no-store")
        .header("x-frame-options", "SAMEORIGIN")
        .header(
            "content-security-policy",
            "default-src 'none'; frame-ancestors 'self'",
        )
        .body(bytes)
}

/// GET /orga/certificates/templates/:id/preview.pdf?lang=de — a sample from the saved template.
#[handler]
pub async fn preview_get(
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<LangQuery>,
) -> Result<Response, AppError> {
    let lang = q
        .lang
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or(ctx.lang);
    let bytes = service::preview(&ctx.state, ctx.actor()?, id, None, lang).await?;
    Ok(inline_pdf(bytes))
}

/// POST /orga/certificates/templates/:id/preview — a sample from the form as it is, unsaved.
#[handler]
pub async fn preview_post(
    ctx: Ctx,
    Path(id): Path<i64>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let lang = data
        .get("preview_lang")
        .and_then(Lang::from_code)
        .unwrap_or(ctx.lang);
    let input = input_of(&data);
    match service::preview(&ctx.state, ctx.actor()?, id, Some(&input), lang).await {
        Ok(bytes) => Ok(inline_pdf(bytes)),
        Err(e) => refused(&ctx, id, e, Some(&input), None).await,
    }
}

/// POST /orga/certificates/templates/:id/issue — start a bulk job.
#[handler]
pub async fn issue_post(
    ctx: Ctx,
    Path(id): Path<i64>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let send_mail = data.get("send_mail").is_some();
    let job = service::start_job(&ctx.state, ctx.actor()?, id, send_mail).await?;
    Ok(see_other(&format!("/orga/certificates/jobs/{}", job.id)))
}

/// POST /orga/certificates/templates/:id/delete
#[handler]
pub async fn delete_post(
    ctx: Ctx,
    Path(id): Path<i64>,
    _data: CsrfData,
) -> Result<Response, AppError> {
    let gone = service::delete(&ctx.state, ctx.actor()?, id).await?;
    ctx.flash(FlashKind::Success, "flash-cert-template-deleted");
    Ok(see_other(&gone.owner_path()))
}

/// GET /orga/certificates/templates/:id/certificates.zip
#[handler]
pub async fn zip_get(ctx: Ctx, Path(id): Path<i64>) -> Result<Response, AppError> {
    let (name, bytes) = service::zip_for_organiser(&ctx.state, ctx.actor()?, id).await?;
    Ok(download(&name, "application/zip", bytes))
}

/// GET /orga/certificates/jobs/:id — the progress of a bulk job (refreshes itself while it runs).
#[handler]
pub async fn job_get(ctx: Ctx, Path(id): Path<i64>) -> Result<Response, AppError> {
    let (c, job) = service::job_for_organiser(&ctx.state, ctx.actor()?, id).await?;
    let base = format!("/orga/certificates/templates/{}", c.template.id);
    let page = JobPage {
        layout: ctx.layout_titled(c.template.title(ctx.lang).to_string(), "orga"),
        back_url: base.clone(),
        zip_url: format!("{base}/certificates.zip"),
        job: job_line(ctx.lang, &job),
    };
    Ok(html(page.render()?))
}

/// GET /orga/certificates/:id/pdf
#[handler]
pub async fn orga_pdf_get(ctx: Ctx, Path(id): Path<i64>) -> Result<Response, AppError> {
    let (name, bytes) = service::pdf_for_organiser(&ctx.state, ctx.actor()?, id).await?;
    Ok(download(&name, "application/pdf", bytes))
}

/// POST /orga/certificates/:id/revoke — with a reason.
#[handler]
pub async fn revoke_post(
    ctx: Ctx,
    Path(id): Path<i64>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let reason = data.get("reason").unwrap_or_default().to_string();
    match service::revoke(&ctx.state, ctx.actor()?, id, &reason).await {
        Ok((c, _)) => {
            ctx.flash(FlashKind::Success, "flash-cert-revoked");
            Ok(see_other(&format!(
                "/orga/certificates/templates/{}#cert-{id}",
                c.template.id
            )))
        }
        Err(AppError::Invalid(mut fields)) => {
            // The message belongs to this certificate's reason field; the page has one per row.
            for (field, _) in &mut fields.0 {
                *field = format!("reason-{id}").into();
            }
            let template_id = service::template_of(&ctx.state, ctx.actor()?, id).await?;
            let e = AppError::Invalid(fields);
            refused(&ctx, template_id, e, None, Some((id, reason))).await
        }
        Err(e) => Err(e),
    }
}

/// POST /orga/certificates/:id/reissue — a new certificate from the template as it is now; the
/// old one is superseded (or stays revoked).
#[handler]
pub async fn reissue_post(
    ctx: Ctx,
    Path(id): Path<i64>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let send_mail = data.get("send_mail").is_some();
    let (c, new) = service::reissue(&ctx.state, ctx.actor()?, id, send_mail).await?;
    ctx.flash(FlashKind::Success, "flash-cert-reissued");
    Ok(see_other(&format!(
        "/orga/certificates/templates/{}#cert-{}",
        c.template.id, new.id
    )))
}

// --- Recipients ----------------------------------------------------------------------------

/// GET /me/certificates
#[handler]
pub async fn mine_get(ctx: Ctx) -> Result<Response, AppError> {
    let actor = ctx.actor()?;
    let items = service::mine(&ctx.state, actor).await?;
    let lang = ctx.lang;
    let t = lang.tr();
    let page = MinePage {
        layout: ctx.layout("cert-mine-title", "me"),
        items: items
            .iter()
            .map(|(c, x)| MineLine {
                title: service::issued_title(x, c, lang),
                what: service::what_for(x, c, lang),
                serial: service::serial_text(x, c),
                issued: service::snapshot(x, c).texts(lang).issued.clone(),
                pdf_url: c
                    .revoked_at
                    .is_none()
                    .then(|| format!("/me/certificates/{}/pdf", c.id)),
                revoked: c.revoked_at.map(|at| {
                    t.msg_args(
                        "cert-revoked-on-short",
                        &[("date", service::day_text(lang, x.tz(), at))],
                    )
                }),
                verify_url: format!("/verify/{}", c.code_text()),
            })
            .collect(),
    };
    Ok(html(page.render()?))
}

/// GET /me/certificates/:id/pdf
#[handler]
pub async fn mine_pdf_get(ctx: Ctx, Path(id): Path<i64>) -> Result<Response, AppError> {
    let (name, bytes) = service::pdf_for_recipient(&ctx.state, ctx.actor()?, id).await?;
    Ok(download(&name, "application/pdf", bytes))
}

// --- Verification --------------------------------------------------------------------------

/// What the verify page shows of a certificate: exactly what its PDF shows, as it was issued,
/// never more; and whether it was revoked or replaced since.
pub fn verified(lang: Lang, v: &service::Verification) -> Verified {
    let t = lang.tr();
    let s = &v.snapshot;
    let texts = s.texts(lang);
    let tz = s.tz();
    Verified {
        title: texts.title.clone(),
        recipient: v.cert.recipient_name.clone(),
        organisation: v.cert.organisation.clone(),
        what: texts.what.clone(),
        issued: texts.issued.clone(),
        serial: s.serial.clone(),
        signatories: s.signatory_lines(),
        revoked: v.cert.revoked_at.map(|at| {
            t.msg_args(
                "cert-revoked-on-short",
                &[("date", service::day_text(lang, tz, at))],
            )
        }),
        superseded: v
            .superseded_by
            .as_ref()
            .map(|serial| t.msg_args("cert-verify-superseded", &[("serial", serial.clone())])),
        superseded_on: v.cert.superseded_at.map(|at| {
            t.msg_args(
                "cert-verify-superseded-on",
                &[
                    ("date", service::day_text(lang, tz, at)),
                    ("serial", v.superseded_by.clone().unwrap_or_default()),
                ],
            )
        }),
    }
}

#[derive(Debug, serde::Deserialize)]
pub struct CodeQuery {
    code: Option<String>,
}

/// GET /verify?code=… — the form; with a code, on to its page.
#[handler]
pub async fn verify_form_get(ctx: Ctx, Query(q): Query<CodeQuery>) -> Result<Response, AppError> {
    if let Some(code) = q.code.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        let path = model::normalise_code(code)
            .map(|c| model::code_text(&c))
            .unwrap_or_else(|| crate::http::page::encode(code));
        return Ok(see_other(&format!("/verify/{path}")));
    }
    let page = VerifyPage {
        layout: ctx.layout("cert-verify-title", "verify"),
        code: String::new(),
        verified: None,
        not_found: false,
    };
    Ok(html(page.render()?))
}

/// GET /verify/:code — public: genuine, revoked or not found.
#[handler]
pub async fn verify_get(ctx: Ctx, Path(code): Path<String>) -> Result<Response, AppError> {
    let result = service::verify(&ctx.state, &code).await;
    let (verified, status) = match &result {
        Ok(v) => (Some(verified(ctx.lang, v)), StatusCode::OK),
        Err(AppError::NotFound(_)) => (None, StatusCode::NOT_FOUND),
        Err(_) => return result.map(|_| Response::default()),
    };
    let page = VerifyPage {
        layout: ctx.layout("cert-verify-title", "verify"),
        code: code.chars().take(40).collect(),
        not_found: verified.is_none(),
        verified,
    };
    Ok(html_status(status, page.render()?))
}
