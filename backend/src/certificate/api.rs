//! JSON API for certificates: the same services as the pages. Organisers manage the templates
//! of their events and calls (texts, logo and signature), start bulk issuing and follow its
//! job, list, download and revoke what was issued; recipients list and download their own;
//! anyone verifies a code.

use chrono::{DateTime, Utc};
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::{Binary, Json};
use poem_openapi::{ApiResponse, Object, OpenApi};

use super::model::{Issued, Job, Kind, Template, TemplateInput};
use super::service::{self, Context};
use crate::http::api::{Accepted, ApiAuth, ApiError, ApiTags, Created};
use crate::state::AppState;
use convene_frontend::Lang;

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "CertificateTemplate")]
pub struct TemplateBody {
    pub id: i64,
    pub kind: Kind,
    /// The event it belongs to (attendance, speaker).
    pub event_id: Option<i64>,
    /// The call it belongs to (pitch, placement, jury).
    pub call_id: Option<i64>,
    pub title_de: String,
    pub title_en: String,
    /// With placeholders: {name} {organisation} {event} {dates} {session} {submission} {placement} {place}.
    pub body_de: String,
    pub body_en: String,
    pub landscape: bool,
    pub place: String,
    pub signatory1_name: String,
    pub signatory1_role: String,
    pub signatory2_name: String,
    pub signatory2_role: String,
    /// Attendance of one agenda session only.
    pub session_id: Option<i64>,
    pub serial_prefix: String,
    pub has_logo: bool,
    pub has_signature: bool,
}

impl From<Template> for TemplateBody {
    fn from(t: Template) -> Self {
        TemplateBody {
            id: t.id,
            kind: t.kind,
            event_id: t.event_id.map(|e| e.0),
            call_id: t.call_id,
            title_de: t.title_de,
            title_en: t.title_en,
            body_de: t.body_de,
            body_en: t.body_en,
            landscape: t.landscape,
            place: t.place,
            signatory1_name: t.signatory1_name,
            signatory1_role: t.signatory1_role,
            signatory2_name: t.signatory2_name,
            signatory2_role: t.signatory2_role,
            session_id: t.session_id.map(|s| s.0),
            serial_prefix: t.serial_prefix,
            has_logo: t.logo_type.is_some(),
            has_signature: t.signature_type.is_some(),
        }
    }
}

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "CertificateTemplateInput")]
pub struct TemplateInputBody {
    /// attendance or speaker for events; pitch, placement or jury for calls. Ignored on update.
    pub kind: Option<Kind>,
    pub title_de: String,
    pub title_en: String,
    #[oai(default)]
    pub body_de: String,
    #[oai(default)]
    pub body_en: String,
    #[oai(default)]
    pub landscape: bool,
    #[oai(default)]
    pub place: String,
    #[oai(default)]
    pub signatory1_name: String,
    #[oai(default)]
    pub signatory1_role: String,
    #[oai(default)]
    pub signatory2_name: String,
    #[oai(default)]
    pub signatory2_role: String,
    pub session_id: Option<i64>,
    pub serial_prefix: String,
}

impl From<TemplateInputBody> for TemplateInput {
    fn from(b: TemplateInputBody) -> Self {
        TemplateInput {
            kind: b.kind.map(|k| k.as_str().to_string()).unwrap_or_default(),
            title_de: b.title_de,
            title_en: b.title_en,
            body_de: b.body_de,
            body_en: b.body_en,
            landscape: b.landscape,
            place: b.place,
            signatory1_name: b.signatory1_name,
            signatory1_role: b.signatory1_role,
            signatory2_name: b.signatory2_name,
            signatory2_role: b.signatory2_role,
            session_id: b.session_id.map(|s| s.to_string()).unwrap_or_default(),
            serial_prefix: b.serial_prefix,
        }
    }
}

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "CertificateJob")]
pub struct JobBody {
    pub id: i64,
    pub template_id: i64,
    pub send_mail: bool,
    /// queued, running, done or failed.
    pub status: String,
    pub total: i64,
    pub done: i64,
    /// How many of `done` were issued by this job (the rest existed already).
    pub issued: i64,
    pub error: String,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

impl From<Job> for JobBody {
    fn from(j: Job) -> Self {
        JobBody {
            id: j.id,
            template_id: j.template_id,
            send_mail: j.send_mail,
            status: j.status,
            total: j.total,
            done: j.done,
            issued: j.issued,
            error: j.error,
            created_at: j.created_at,
            finished_at: j.finished_at,
        }
    }
}

#[derive(Object, Debug)]
#[oai(rename = "IssueRequest")]
pub struct IssueBody {
    /// E-mail each recipient their certificate (once).
    #[oai(default)]
    pub send_mail: bool,
}

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "Certificate")]
pub struct CertificateBody {
    pub id: i64,
    pub template_id: i64,
    pub kind: Kind,
    /// "ICMR-2026-0007".
    pub serial: String,
    /// The verification code, as printed: XXXXX-XXXXX-XXXXX-XXXXX.
    pub code: String,
    pub verify_url: String,
    pub title: String,
    pub recipient_name: String,
    pub organisation: String,
    /// What it certifies, in the caller's language.
    pub what_for: Vec<String>,
    /// de or en: the language of the PDF.
    pub language: String,
    pub issued_at: DateTime<Utc>,
    pub emailed_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    /// When a re-issue replaced it.
    pub superseded_at: Option<DateTime<Utc>>,
    /// The id of the certificate that replaced it (see `reissue_certificate`).
    pub superseded_by: Option<i64>,
}

fn certificate_body(c: &Issued, ctx: &Context, lang: Lang, base_url: &str) -> CertificateBody {
    CertificateBody {
        id: c.id,
        template_id: c.template_id,
        kind: ctx.template.kind,
        serial: service::serial_text(ctx, c),
        code: c.code_text(),
        verify_url: format!("{base_url}/verify/{}", c.code_text()),
        title: service::issued_title(ctx, c, lang),
        recipient_name: c.recipient_name.clone(),
        organisation: c.organisation.clone(),
        what_for: service::what_for(ctx, c, lang),
        language: c.language.clone(),
        issued_at: c.issued_at,
        emailed_at: c.emailed_at,
        revoked_at: c.revoked_at,
        superseded_at: c.superseded_at,
        superseded_by: c.superseded_by,
    }
}

#[derive(Object, Debug)]
#[oai(rename = "ReissueRequest")]
pub struct ReissueBody {
    /// E-mail the new certificate to its recipient.
    #[oai(default)]
    pub send_mail: bool,
}

#[derive(Object, Debug)]
#[oai(rename = "IssuedCertificate")]
pub struct IssuedBody {
    #[oai(flatten)]
    pub certificate: CertificateBody,
    pub recipient_email: String,
    pub revoked_reason: String,
}

#[derive(Object, Debug)]
#[oai(rename = "RevokeRequest")]
pub struct RevokeBody {
    pub reason: String,
}

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "Verification")]
pub struct VerificationBody {
    /// true when the certificate is genuine, not revoked and not superseded: the one that
    /// counts.
    pub valid: bool,
    /// valid, revoked or superseded (revoked wins when both).
    pub status: String,
    pub title: String,
    pub recipient_name: String,
    pub organisation: String,
    pub what_for: Vec<String>,
    pub serial: String,
    pub issued_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub superseded_at: Option<DateTime<Utc>>,
    /// The serial of the certificate that replaced it.
    pub superseded_by: Option<String>,
    pub signatories: Vec<String>,
}

/// A certificate as a PDF file (poem-openapi's `Attachment` would send it as
/// `application/octet-stream`).
#[derive(ApiResponse)]
pub enum PdfFile {
    /// The PDF, named in `Content-Disposition`.
    #[oai(status = 200, content_type = "application/pdf")]
    Ok(
        Binary<Vec<u8>>,
        #[oai(header = "Content-Disposition")] String,
    ),
}

impl PdfFile {
    fn new(name: &str, inline: bool, bytes: Vec<u8>) -> Self {
        let disposition = if inline { "inline" } else { "attachment" };
        // Our file names are slugs (ASCII letters, digits, hyphens), so no quoting is needed.
        PdfFile::Ok(Binary(bytes), format!("{disposition}; filename=\"{name}\""))
    }
}

/// Which image of a template.
#[derive(poem_openapi::Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum ImageSlot {
    Logo,
    Signature,
}

fn template_bodies(list: service::TemplateList) -> Vec<TemplateBody> {
    list.templates.into_iter().map(|(t, _)| t.into()).collect()
}

pub struct CertificateApi;

#[OpenApi(tag = "ApiTags::Certificates")]
impl CertificateApi {
    /// The certificate templates of an event (organisers)
    #[oai(
        path = "/events/:slug/certificate-templates",
        method = "get",
        operation_id = "list_event_certificate_templates"
    )]
    async fn event_templates(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
    ) -> Result<Json<Vec<TemplateBody>>, ApiError> {
        let (_, list) = service::list_for_event(&state, auth.actor(), &slug.0).await?;
        Ok(Json(template_bodies(list)))
    }

    /// A new certificate template for an event: attendance or speaker (organisers)
    #[oai(
        path = "/events/:slug/certificate-templates",
        method = "post",
        operation_id = "create_event_certificate_template"
    )]
    async fn create_event_template(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        body: Json<TemplateInputBody>,
    ) -> Result<Created<TemplateBody>, ApiError> {
        let t = service::create_for_event(&state, auth.actor(), &slug.0, &body.0.into()).await?;
        let path = format!("/certificate-templates/{}", t.id);
        Ok(Created::at(t.into(), path))
    }

    /// The certificate templates of a call (organisers)
    #[oai(
        path = "/calls/:slug/certificate-templates",
        method = "get",
        operation_id = "list_call_certificate_templates"
    )]
    async fn call_templates(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
    ) -> Result<Json<Vec<TemplateBody>>, ApiError> {
        let (_, list) = service::list_for_call(&state, auth.actor(), &slug.0).await?;
        Ok(Json(template_bodies(list)))
    }

    /// A new certificate template for a call: pitch, placement or jury (organisers)
    #[oai(
        path = "/calls/:slug/certificate-templates",
        method = "post",
        operation_id = "create_call_certificate_template"
    )]
    async fn create_call_template(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        body: Json<TemplateInputBody>,
    ) -> Result<Created<TemplateBody>, ApiError> {
        let t = service::create_for_call(&state, auth.actor(), &slug.0, &body.0.into()).await?;
        let path = format!("/certificate-templates/{}", t.id);
        Ok(Created::at(t.into(), path))
    }

    /// One template (organisers)
    #[oai(
        path = "/certificate-templates/:id",
        method = "get",
        operation_id = "get_certificate_template"
    )]
    async fn template(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        id: Path<i64>,
    ) -> Result<Json<TemplateBody>, ApiError> {
        let ctx = service::for_organiser(&state, auth.actor(), id.0).await?;
        Ok(Json(ctx.template.into()))
    }

    /// Change a template's texts and layout (organisers)
    #[oai(
        path = "/certificate-templates/:id",
        method = "put",
        operation_id = "update_certificate_template"
    )]
    async fn update_template(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        id: Path<i64>,
        body: Json<TemplateInputBody>,
    ) -> Result<Json<TemplateBody>, ApiError> {
        let t = service::update(&state, auth.actor(), id.0, &body.0.into()).await?;
        Ok(Json(t.into()))
    }

    /// Set the logo or the signature image (PNG or JPEG, at most 2 MiB; checked by content)
    /// (organisers)
    #[oai(
        path = "/certificate-templates/:id/:image",
        method = "put",
        operation_id = "set_certificate_image"
    )]
    async fn set_image(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        id: Path<i64>,
        image: Path<ImageSlot>,
        body: Binary<Vec<u8>>,
    ) -> Result<Json<TemplateBody>, ApiError> {
        let signature = image.0 == ImageSlot::Signature;
        service::set_image(&state, auth.actor(), id.0, signature, Some(&body.0)).await?;
        let ctx = service::for_organiser(&state, auth.actor(), id.0).await?;
        Ok(Json(ctx.template.into()))
    }

    /// A sample PDF of the template (organisers)
    #[oai(
        path = "/certificate-templates/:id/preview",
        method = "get",
        operation_id = "preview_certificate_template"
    )]
    async fn preview(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        id: Path<i64>,
        /// de or en (default: the caller's language).
        lang: Query<Option<String>>,
    ) -> Result<PdfFile, ApiError> {
        let lang = lang
            .0
            .as_deref()
            .and_then(Lang::from_code)
            .unwrap_or(auth.actor().language);
        let bytes = service::preview(&state, auth.actor(), id.0, None, lang).await?;
        Ok(PdfFile::new("preview.pdf", true, bytes))
    }

    /// Issue the template's certificates from the facts, in the background; answers with the
    /// job to follow (organisers). Idempotent: nobody receives one twice.
    #[oai(
        path = "/certificate-templates/:id/issue",
        method = "post",
        operation_id = "issue_certificates"
    )]
    async fn issue(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        id: Path<i64>,
        body: Json<IssueBody>,
    ) -> Result<Accepted<JobBody>, ApiError> {
        let job = service::start_job(&state, auth.actor(), id.0, body.0.send_mail).await?;
        let path = format!("/certificate-jobs/{}", job.id);
        Ok(Accepted::at(job.into(), path))
    }

    /// A bulk-issuing job's progress (organisers)
    #[oai(
        path = "/certificate-jobs/:id",
        method = "get",
        operation_id = "get_certificate_job"
    )]
    async fn job(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        id: Path<i64>,
    ) -> Result<Json<JobBody>, ApiError> {
        let (_, job) = service::job_for_organiser(&state, auth.actor(), id.0).await?;
        Ok(Json(job.into()))
    }

    /// What a template issued (organisers)
    #[oai(
        path = "/certificate-templates/:id/certificates",
        method = "get",
        operation_id = "list_issued_certificates"
    )]
    async fn issued(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        id: Path<i64>,
    ) -> Result<Json<Vec<IssuedBody>>, ApiError> {
        let view = service::view(&state, auth.actor(), id.0).await?;
        let lang = auth.actor().language;
        Ok(Json(
            view.issued
                .iter()
                .map(|c| IssuedBody {
                    certificate: certificate_body(c, &view.ctx, lang, &state.config.base_url),
                    recipient_email: c.recipient_email.clone(),
                    revoked_reason: c.revoked_reason.clone(),
                })
                .collect(),
        ))
    }

    /// Revoke a certificate, with a reason (organisers)
    #[oai(
        path = "/certificates/:id/revoke",
        method = "post",
        operation_id = "revoke_certificate"
    )]
    async fn revoke(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        id: Path<i64>,
        body: Json<RevokeBody>,
    ) -> Result<Json<IssuedBody>, ApiError> {
        let (ctx, c) = service::revoke(&state, auth.actor(), id.0, &body.0.reason).await?;
        Ok(Json(IssuedBody {
            certificate: certificate_body(&c, &ctx, auth.actor().language, &state.config.base_url),
            recipient_email: c.recipient_email.clone(),
            revoked_reason: c.revoked_reason.clone(),
        }))
    }

    /// Re-issue a certificate (organisers): a new certificate with a new serial and code from
    /// the template and the facts as they are now. A valid certificate is marked superseded by
    /// it, a revoked one stays revoked; either keeps its PDF and verify page as issued. 409 when
    /// it was re-issued already or its recipient no longer receives one of this template.
    /// Answers with the new certificate.
    #[oai(
        path = "/certificates/:id/reissue",
        method = "post",
        operation_id = "reissue_certificate"
    )]
    async fn reissue(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        id: Path<i64>,
        body: Json<ReissueBody>,
    ) -> Result<Json<IssuedBody>, ApiError> {
        let (ctx, c) = service::reissue(&state, auth.actor(), id.0, body.0.send_mail).await?;
        Ok(Json(IssuedBody {
            certificate: certificate_body(&c, &ctx, auth.actor().language, &state.config.base_url),
            recipient_email: c.recipient_email.clone(),
            revoked_reason: c.revoked_reason.clone(),
        }))
    }

    /// A certificate's PDF (organisers of its template)
    #[oai(
        path = "/certificates/:id/pdf",
        method = "get",
        operation_id = "get_certificate_pdf"
    )]
    async fn pdf(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        id: Path<i64>,
    ) -> Result<PdfFile, ApiError> {
        let (name, bytes) = service::pdf_for_organiser(&state, auth.actor(), id.0).await?;
        Ok(PdfFile::new(&name, false, bytes))
    }

    /// The caller's own certificates
    #[oai(
        path = "/me/certificates",
        method = "get",
        operation_id = "my_certificates"
    )]
    async fn mine(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
    ) -> Result<Json<Vec<CertificateBody>>, ApiError> {
        let lang = auth.actor().language;
        let items = service::mine(&state, auth.actor()).await?;
        Ok(Json(
            items
                .iter()
                .map(|(c, ctx)| certificate_body(c, ctx, lang, &state.config.base_url))
                .collect(),
        ))
    }

    /// The PDF of one of the caller's own certificates
    #[oai(
        path = "/me/certificates/:id/pdf",
        method = "get",
        operation_id = "my_certificate_pdf"
    )]
    async fn my_pdf(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        id: Path<i64>,
    ) -> Result<PdfFile, ApiError> {
        let (name, bytes) = service::pdf_for_recipient(&state, auth.actor(), id.0).await?;
        Ok(PdfFile::new(&name, false, bytes))
    }

    /// Verify a certificate by its code (public; shows only what the certificate itself shows)
    #[oai(
        path = "/verify/:code",
        method = "get",
        operation_id = "verify_certificate"
    )]
    async fn verify(
        &self,
        state: Data<&AppState>,
        req: &poem::Request,
        code: Path<String>,
    ) -> Result<Json<VerificationBody>, ApiError> {
        let lang = req.extensions().get::<Lang>().copied().unwrap_or_default();
        let found = service::verify(&state, &code.0).await?;
        let v = super::pages::verified(lang, &found);
        let c = &found.cert;
        let status = if c.revoked_at.is_some() {
            "revoked"
        } else if c.superseded_at.is_some() {
            "superseded"
        } else {
            "valid"
        };
        Ok(Json(VerificationBody {
            valid: c.is_current(),
            status: status.to_string(),
            title: v.title,
            recipient_name: c.recipient_name.clone(),
            organisation: c.organisation.clone(),
            what_for: v.what,
            serial: v.serial,
            issued_at: c.issued_at,
            revoked_at: c.revoked_at,
            superseded_at: c.superseded_at,
            superseded_by: found.superseded_by.clone(),
            signatories: v.signatories,
        }))
    }
}
