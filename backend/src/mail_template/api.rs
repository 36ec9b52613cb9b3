//! JSON API for the mail templates of events and calls: list them, read, reword, preview and
//! reset one mail in one language.

use chrono::{DateTime, Utc};
use poem::web::Data;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

use super::service::{self, Letter, Template};
use crate::http::api::{ApiAuth, ApiError, ApiTags};
use crate::state::AppState;
use crate::team::service::PlaceKind;

/// One mail of an event or call in one language.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct MailTemplateBody {
    /// The mail, e.g. `registration-confirmed`.
    pub kind: String,
    /// `de` or `en`.
    pub lang: String,
    /// Plain text with placeholders such as `{event}`.
    pub subject: String,
    /// Plain text with placeholders such as `{name}`; the HTML part of the mail is made from it.
    pub body: String,
    /// The placeholders `subject` and `body` may use, e.g. `{name}`.
    pub placeholders: Vec<String>,
    /// Whether the organisers reworded the default.
    pub customised: bool,
    pub updated_at: Option<DateTime<Utc>>,
}

impl From<Template> for MailTemplateBody {
    fn from(t: Template) -> Self {
        MailTemplateBody {
            kind: t.kind.key.to_string(),
            lang: t.lang.code().to_string(),
            placeholders: t
                .kind
                .placeholders
                .iter()
                .map(|p| format!("{{{p}}}"))
                .collect(),
            subject: t.subject,
            body: t.body,
            customised: t.customised,
            updated_at: t.updated_at,
        }
    }
}

/// A wording of a mail: subject and body with placeholders.
#[derive(Object, Debug)]
pub struct MailTextBody {
    /// One line; only the mail's placeholders may stand in braces.
    pub subject: String,
    /// Only the mail's placeholders may stand in braces.
    pub body: String,
}

/// A mail as its recipient reads it.
#[derive(Object, Debug)]
pub struct MailPreviewBody {
    pub subject: String,
    pub body: String,
}

impl From<Letter> for MailPreviewBody {
    fn from(l: Letter) -> Self {
        MailPreviewBody {
            subject: l.subject,
            body: l.body,
        }
    }
}

async fn list(
    state: &AppState,
    auth: &ApiAuth,
    kind: PlaceKind,
    slug: &str,
) -> Result<Json<Vec<MailTemplateBody>>, ApiError> {
    let (_, all) = service::templates(state, auth.actor(), kind, slug).await?;
    Ok(Json(all.into_iter().map(Into::into).collect()))
}

async fn one(
    state: &AppState,
    auth: &ApiAuth,
    kind: PlaceKind,
    (slug, key, lang): (&str, &str, &str),
) -> Result<Json<MailTemplateBody>, ApiError> {
    let (_, t) = service::get(state, auth.actor(), kind, slug, key, lang).await?;
    Ok(Json(t.into()))
}

async fn save(
    state: &AppState,
    auth: &ApiAuth,
    kind: PlaceKind,
    (slug, key, lang): (&str, &str, &str),
    text: MailTextBody,
) -> Result<Json<MailTemplateBody>, ApiError> {
    let (_, t) = service::save(
        state,
        auth.actor(),
        kind,
        slug,
        key,
        lang,
        &text.subject,
        &text.body,
    )
    .await?;
    Ok(Json(t.into()))
}

async fn reset(
    state: &AppState,
    auth: &ApiAuth,
    kind: PlaceKind,
    (slug, key, lang): (&str, &str, &str),
) -> Result<Json<MailTemplateBody>, ApiError> {
    let (_, t) = service::reset(state, auth.actor(), kind, slug, key, lang).await?;
    Ok(Json(t.into()))
}

async fn preview(
    state: &AppState,
    auth: &ApiAuth,
    kind: PlaceKind,
    (slug, key, lang): (&str, &str, &str),
    text: MailTextBody,
) -> Result<Json<MailPreviewBody>, ApiError> {
    let (_, letter) = service::preview(
        state,
        auth.actor(),
        kind,
        slug,
        key,
        lang,
        &text.subject,
        &text.body,
    )
    .await?;
    Ok(Json(letter.into()))
}

pub struct MailTemplateApi;

#[OpenApi(tag = "ApiTags::Events")]
impl MailTemplateApi {
    /// The mails of an event, in German and English
    ///
    /// Organisers only. Each mail as it is sent now: the organisers' wording, or the default.
    #[oai(
        path = "/events/:slug/mail-templates",
        method = "get",
        operation_id = "list_event_mail_templates"
    )]
    async fn event_list(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
    ) -> Result<Json<Vec<MailTemplateBody>>, ApiError> {
        list(&state, &auth, PlaceKind::Event, &slug.0).await
    }

    /// One mail of an event in one language
    #[oai(
        path = "/events/:slug/mail-templates/:kind/:lang",
        method = "get",
        operation_id = "get_event_mail_template"
    )]
    async fn event_one(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        kind: Path<String>,
        lang: Path<String>,
    ) -> Result<Json<MailTemplateBody>, ApiError> {
        one(&state, &auth, PlaceKind::Event, (&slug.0, &kind.0, &lang.0)).await
    }

    /// Reword one mail of an event in one language
    ///
    /// Organisers only. Every mail of this kind in this language sent from now on uses it.
    #[oai(
        path = "/events/:slug/mail-templates/:kind/:lang",
        method = "put",
        operation_id = "update_event_mail_template"
    )]
    async fn event_save(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        kind: Path<String>,
        lang: Path<String>,
        body: Json<MailTextBody>,
    ) -> Result<Json<MailTemplateBody>, ApiError> {
        save(
            &state,
            &auth,
            PlaceKind::Event,
            (&slug.0, &kind.0, &lang.0),
            body.0,
        )
        .await
    }

    /// Reset one mail of an event in one language to the default
    #[oai(
        path = "/events/:slug/mail-templates/:kind/:lang",
        method = "delete",
        operation_id = "reset_event_mail_template"
    )]
    async fn event_reset(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        kind: Path<String>,
        lang: Path<String>,
    ) -> Result<Json<MailTemplateBody>, ApiError> {
        reset(&state, &auth, PlaceKind::Event, (&slug.0, &kind.0, &lang.0)).await
    }

    /// Preview a wording of one mail of an event
    ///
    /// Organisers only. Fills the placeholders with the event's title and address and with
    /// examples; nothing is stored.
    #[oai(
        path = "/events/:slug/mail-templates/:kind/:lang/preview",
        method = "post",
        operation_id = "preview_event_mail_template"
    )]
    async fn event_preview(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        kind: Path<String>,
        lang: Path<String>,
        body: Json<MailTextBody>,
    ) -> Result<Json<MailPreviewBody>, ApiError> {
        preview(
            &state,
            &auth,
            PlaceKind::Event,
            (&slug.0, &kind.0, &lang.0),
            body.0,
        )
        .await
    }

    /// The mails of a call, in German and English
    ///
    /// Organisers only. Each mail as it is sent now: the organisers' wording, or the default.
    #[oai(
        path = "/calls/:slug/mail-templates",
        method = "get",
        operation_id = "list_call_mail_templates",
        tag = "ApiTags::Calls"
    )]
    async fn call_list(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
    ) -> Result<Json<Vec<MailTemplateBody>>, ApiError> {
        list(&state, &auth, PlaceKind::Call, &slug.0).await
    }

    /// One mail of a call in one language
    #[oai(
        path = "/calls/:slug/mail-templates/:kind/:lang",
        method = "get",
        operation_id = "get_call_mail_template",
        tag = "ApiTags::Calls"
    )]
    async fn call_one(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        kind: Path<String>,
        lang: Path<String>,
    ) -> Result<Json<MailTemplateBody>, ApiError> {
        one(&state, &auth, PlaceKind::Call, (&slug.0, &kind.0, &lang.0)).await
    }

    /// Reword one mail of a call in one language
    ///
    /// Organisers only. Every mail of this kind in this language sent from now on uses it.
    #[oai(
        path = "/calls/:slug/mail-templates/:kind/:lang",
        method = "put",
        operation_id = "update_call_mail_template",
        tag = "ApiTags::Calls"
    )]
    async fn call_save(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        kind: Path<String>,
        lang: Path<String>,
        body: Json<MailTextBody>,
    ) -> Result<Json<MailTemplateBody>, ApiError> {
        save(
            &state,
            &auth,
            PlaceKind::Call,
            (&slug.0, &kind.0, &lang.0),
            body.0,
        )
        .await
    }

    /// Reset one mail of a call in one language to the default
    #[oai(
        path = "/calls/:slug/mail-templates/:kind/:lang",
        method = "delete",
        operation_id = "reset_call_mail_template",
        tag = "ApiTags::Calls"
    )]
    async fn call_reset(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        kind: Path<String>,
        lang: Path<String>,
    ) -> Result<Json<MailTemplateBody>, ApiError> {
        reset(&state, &auth, PlaceKind::Call, (&slug.0, &kind.0, &lang.0)).await
    }

    /// Preview a wording of one mail of a call
    ///
    /// Organisers only. Fills the placeholders with the call's title and address and with
    /// examples; nothing is stored.
    #[oai(
        path = "/calls/:slug/mail-templates/:kind/:lang/preview",
        method = "post",
        operation_id = "preview_call_mail_template",
        tag = "ApiTags::Calls"
    )]
    async fn call_preview(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        kind: Path<String>,
        lang: Path<String>,
        body: Json<MailTextBody>,
    ) -> Result<Json<MailPreviewBody>, ApiError> {
        preview(
            &state,
            &auth,
            PlaceKind::Call,
            (&slug.0, &kind.0, &lang.0),
            body.0,
        )
        .await
    }
}
