//! Certificate pages: the organisers' templates of an event or call, one template (texts,
//! images, preview, issuing, what it issued), a bulk job's progress; the recipient's list; the
//! public verification page.

use crate::{Errors, Layout, Template};

pub use crate::Choices;

/// A template form's values as typed.
#[derive(Debug, Clone, Default)]
pub struct TemplateValues {
    pub kind: String,
    pub title_de: String,
    pub title_en: String,
    pub body_de: String,
    pub body_en: String,
    pub landscape: bool,
    pub place: String,
    pub signatory1_name: String,
    pub signatory1_role: String,
    pub signatory2_name: String,
    pub signatory2_role: String,
    pub session_id: String,
    pub serial_prefix: String,
}

#[derive(Debug, Clone)]
pub struct TemplateLine {
    pub url: String,
    pub title: String,
    pub kind: String,
    pub issued: i64,
    pub revoked: i64,
}

#[derive(Template)]
#[template(path = "certificate/orga_list.html")]
pub struct OrgaList {
    pub layout: Layout,
    pub errors: Errors,
    pub back_url: String,
    pub back_label: String,
    pub create_action: String,
    pub kinds: Choices,
    pub sessions: Choices,
    pub values: TemplateValues,
    pub templates: Vec<TemplateLine>,
    pub form_open: bool,
}

#[derive(Debug, Clone)]
pub struct JobLine {
    pub url: String,
    pub status: String,
    pub done: i64,
    pub total: i64,
    pub issued: i64,
    /// "120 of 340 done, 12 new".
    pub progress: String,
    pub finished: bool,
    pub failed: bool,
    pub error: String,
}

#[derive(Debug, Clone)]
pub struct IssuedLine {
    pub id: i64,
    pub serial: String,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub issued: String,
    pub emailed: String,
    pub revoked: Option<String>,
    /// "Ersetzt am … durch …" once a re-issue replaced it.
    pub superseded: Option<String>,
    pub pdf_url: String,
    pub revoke_action: String,
    /// Where to re-issue it; `None` once it was re-issued.
    pub reissue_action: Option<String>,
    pub verify_url: String,
}

#[derive(Template)]
#[template(path = "certificate/template.html")]
pub struct TemplatePage {
    pub layout: Layout,
    pub errors: Errors,
    pub back_url: String,
    pub kind: String,
    pub values: TemplateValues,
    pub sessions: Option<Choices>,
    pub placeholders: String,
    pub action: String,
    pub preview_action: String,
    pub preview_de: String,
    pub preview_en: String,
    pub images_action: String,
    pub logo: bool,
    pub signature: bool,
    pub recipients: usize,
    pub issue_action: String,
    pub job: Option<JobLine>,
    pub issued: Vec<IssuedLine>,
    pub zip_url: String,
    pub delete_action: Option<String>,
    /// The certificate whose revoke form has an error, with the reason as typed.
    pub revoke_open: Option<(i64, String)>,
}

#[derive(Template)]
#[template(path = "certificate/job.html")]
pub struct JobPage {
    pub layout: Layout,
    pub back_url: String,
    pub zip_url: String,
    pub job: JobLine,
}

#[derive(Debug, Clone)]
pub struct MineLine {
    pub title: String,
    pub what: Vec<String>,
    pub serial: String,
    pub issued: String,
    pub pdf_url: Option<String>,
    pub revoked: Option<String>,
    pub verify_url: String,
}

#[derive(Template)]
#[template(path = "certificate/mine.html")]
pub struct MinePage {
    pub layout: Layout,
    pub items: Vec<MineLine>,
}

/// What the verification page shows of a genuine certificate: exactly what the PDF shows.
#[derive(Debug, Clone)]
pub struct Verified {
    pub title: String,
    pub recipient: String,
    pub organisation: String,
    pub what: Vec<String>,
    pub issued: String,
    pub serial: String,
    pub signatories: Vec<String>,
    pub revoked: Option<String>,
    /// "Diese Urkunde wurde durch … ersetzt." once a re-issue replaced it.
    pub superseded: Option<String>,
    /// When, and which certificate counts now.
    pub superseded_on: Option<String>,
}

#[derive(Template)]
#[template(path = "certificate/verify.html")]
pub struct VerifyPage {
    pub layout: Layout,
    pub code: String,
    pub verified: Option<Verified>,
    /// A code was looked up and not found.
    pub not_found: bool,
}
