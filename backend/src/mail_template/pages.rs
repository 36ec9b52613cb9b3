//! The mail template pages of events and calls: the list of mails, the editor of one mail in
//! one language (save and preview) and the reset to the default.

use poem::http::StatusCode;
use poem::web::Path;
use poem::{Response, handler};

use super::service::{self, Template};
use crate::error::AppError;
use crate::http::auth::CsrfForm;
use crate::http::page::{Ctx, html, html_status, see_other};
use crate::team::service::{Place, PlaceKind};
use convene_frontend::mail_template::{MailEditPage, MailListPage, MailRow, Placeholder};
use convene_frontend::{Errors, FlashKind, Lang, Template as _};

/// The editor's form as posted.
#[derive(Debug, Default, serde::Deserialize)]
pub struct EditForm {
    #[serde(default)]
    subject: String,
    #[serde(default)]
    body: String,
    /// `save` (the default) or `preview`.
    #[serde(default)]
    action: String,
}

fn list_path(place: &Place) -> String {
    format!("{}/mails", place.orga_path())
}

fn edit_path(place: &Place, key: &str, lang: Lang) -> String {
    format!("{}/mails/{key}/{}", place.orga_path(), lang.code())
}

fn lang_name(ui: Lang, of: Lang) -> String {
    ui.tr().msg(&format!("mail-template-lang-{}", of.code()))
}

/// GET /orga/{events,calls}/:slug/mails
async fn list(ctx: Ctx, kind: PlaceKind, slug: String) -> Result<Response, AppError> {
    let (place, templates) = service::templates(&ctx.state, ctx.actor()?, kind, &slug).await?;
    let lang = ctx.lang;
    let t = lang.tr();
    let mut rows: Vec<MailRow> = Vec::new();
    for tpl in &templates {
        let state = if tpl.customised {
            t.msg("mail-template-state-changed")
        } else {
            t.msg("mail-template-state-default")
        };
        let cell = (
            lang_name(lang, tpl.lang),
            state,
            tpl.customised,
            edit_path(&place, tpl.kind.key, tpl.lang),
        );
        match rows.last_mut() {
            Some(row) if row.key == tpl.kind.key => row.langs.push(cell),
            _ => rows.push(MailRow {
                label: t.msg(&tpl.kind.label_id()),
                key: tpl.kind.key.to_string(),
                langs: vec![cell],
            }),
        }
    }
    let page = MailListPage {
        layout: ctx.layout_titled(
            format!("{} – {}", t.msg("mail-template-title"), place.title(lang)),
            "orga",
        ),
        back: (
            format!("{}/dashboard", place.orga_path()),
            place.title(lang).to_string(),
        ),
        rows,
    };
    Ok(html(page.render()?))
}

fn editor(
    ctx: &Ctx,
    place: &Place,
    tpl: &Template,
    errors: Errors,
    preview: Option<(String, String)>,
) -> Result<String, AppError> {
    let lang = ctx.lang;
    let t = lang.tr();
    let other = match tpl.lang {
        Lang::De => Lang::En,
        Lang::En => Lang::De,
    };
    let title = format!(
        "{} ({}) – {}",
        t.msg(&tpl.kind.label_id()),
        lang_name(lang, tpl.lang),
        place.title(lang)
    );
    Ok(MailEditPage {
        layout: ctx.layout_titled(title, "orga"),
        errors,
        back: (list_path(place), t.msg("mail-template-back")),
        text_lang: tpl.lang.code().to_string(),
        other: (
            edit_path(place, tpl.kind.key, other),
            t.msg_args(
                "mail-template-other-lang",
                &[("lang", lang_name(lang, other))],
            ),
        ),
        action: edit_path(place, tpl.kind.key, tpl.lang),
        reset_action: format!("{}/reset", edit_path(place, tpl.kind.key, tpl.lang)),
        customised: tpl.customised,
        subject: tpl.subject.clone(),
        body: tpl.body.clone(),
        placeholders: tpl
            .kind
            .placeholders
            .iter()
            .map(|p| Placeholder {
                code: format!("{{{p}}}"),
                meaning: t.msg(&format!("mail-ph-{p}")),
            })
            .collect(),
        preview,
    }
    .render()?)
}

/// GET /orga/{events,calls}/:slug/mails/:kind/:lang
async fn edit(
    ctx: Ctx,
    kind: PlaceKind,
    slug: String,
    key: String,
    code: String,
) -> Result<Response, AppError> {
    let (place, tpl) = service::get(&ctx.state, ctx.actor()?, kind, &slug, &key, &code).await?;
    Ok(html(editor(&ctx, &place, &tpl, Errors::default(), None)?))
}

/// POST /orga/{events,calls}/:slug/mails/:kind/:lang: saves, or shows a preview.
async fn post(
    ctx: Ctx,
    kind: PlaceKind,
    slug: String,
    key: String,
    code: String,
    form: EditForm,
) -> Result<Response, AppError> {
    let actor = ctx.actor()?;
    let preview = form.action == "preview";
    let result = if preview {
        service::preview(
            &ctx.state,
            actor,
            kind,
            &slug,
            &key,
            &code,
            &form.subject,
            &form.body,
        )
        .await
        .map(|(place, letter)| (place, Some(letter)))
    } else {
        service::save(
            &ctx.state,
            actor,
            kind,
            &slug,
            &key,
            &code,
            &form.subject,
            &form.body,
        )
        .await
        .map(|(place, _)| (place, None))
    };
    // What the form held, shown again with the preview or the refusals.
    let typed = |mut tpl: Template| {
        tpl.subject = form.subject.clone();
        tpl.body = form.body.clone();
        tpl
    };
    match result {
        Ok((place, Some(letter))) => {
            let (_, tpl) = service::get(&ctx.state, actor, kind, &slug, &key, &code).await?;
            Ok(html(editor(
                &ctx,
                &place,
                &typed(tpl),
                Errors::default(),
                Some((letter.subject, letter.body)),
            )?))
        }
        Ok((place, None)) => {
            ctx.flash(FlashKind::Success, "flash-mail-template-saved");
            Ok(see_other(&format!(
                "{}/mails/{key}/{code}",
                place.orga_path()
            )))
        }
        Err(AppError::Invalid(e)) => {
            let (place, tpl) = service::get(&ctx.state, actor, kind, &slug, &key, &code).await?;
            Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                editor(&ctx, &place, &typed(tpl), e.view(ctx.lang), None)?,
            ))
        }
        Err(e) => Err(e),
    }
}

/// POST /orga/{events,calls}/:slug/mails/:kind/:lang/reset
async fn reset(
    ctx: Ctx,
    kind: PlaceKind,
    slug: String,
    key: String,
    code: String,
) -> Result<Response, AppError> {
    let (place, tpl) = service::reset(&ctx.state, ctx.actor()?, kind, &slug, &key, &code).await?;
    ctx.flash(FlashKind::Success, "flash-mail-template-reset");
    Ok(see_other(&edit_path(&place, &key, tpl.lang)))
}

/// GET /orga/events/:slug/mails
#[handler]
pub async fn event_list_get(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    list(ctx, PlaceKind::Event, slug).await
}

/// GET /orga/events/:slug/mails/:kind/:lang
#[handler]
pub async fn event_edit_get(
    ctx: Ctx,
    Path((slug, key, code)): Path<(String, String, String)>,
) -> Result<Response, AppError> {
    edit(ctx, PlaceKind::Event, slug, key, code).await
}

/// POST /orga/events/:slug/mails/:kind/:lang
#[handler]
pub async fn event_edit_post(
    ctx: Ctx,
    Path((slug, key, code)): Path<(String, String, String)>,
    CsrfForm(form): CsrfForm<EditForm>,
) -> Result<Response, AppError> {
    post(ctx, PlaceKind::Event, slug, key, code, form).await
}

/// POST /orga/events/:slug/mails/:kind/:lang/reset
#[handler]
pub async fn event_reset_post(
    ctx: Ctx,
    Path((slug, key, code)): Path<(String, String, String)>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    reset(ctx, PlaceKind::Event, slug, key, code).await
}

/// GET /orga/calls/:slug/mails
#[handler]
pub async fn call_list_get(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    list(ctx, PlaceKind::Call, slug).await
}

/// GET /orga/calls/:slug/mails/:kind/:lang
#[handler]
pub async fn call_edit_get(
    ctx: Ctx,
    Path((slug, key, code)): Path<(String, String, String)>,
) -> Result<Response, AppError> {
    edit(ctx, PlaceKind::Call, slug, key, code).await
}

/// POST /orga/calls/:slug/mails/:kind/:lang
#[handler]
pub async fn call_edit_post(
    ctx: Ctx,
    Path((slug, key, code)): Path<(String, String, String)>,
    CsrfForm(form): CsrfForm<EditForm>,
) -> Result<Response, AppError> {
    post(ctx, PlaceKind::Call, slug, key, code, form).await
}

/// POST /orga/calls/:slug/mails/:kind/:lang/reset
#[handler]
pub async fn call_reset_post(
    ctx: Ctx,
    Path((slug, key, code)): Path<(String, String, String)>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    reset(ctx, PlaceKind::Call, slug, key, code).await
}
