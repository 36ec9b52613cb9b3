//! JSON API for calls and submissions: the same services and rules as the pages. Applicants
//! see their own submissions, organisers all handed-in ones of their calls; attachments go up
//! as raw bytes and come down as `attachment` downloads.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::{Attachment, AttachmentType, Binary, Json};
use poem_openapi::{Object, OpenApi};

use super::model::{
    Call, CallInput, FileRow, Filter, Submission, SubmissionInput, SubmissionStatus,
};
use super::service::{self, Decision, Detail};
use crate::error::AppError;
use crate::http::api::{ApiAuth, ApiError, ApiTags, Created, CreatedBody, maybe_actor};
use crate::registration::api::answers_from;
use crate::registration::form::QuestionInput;
use crate::state::AppState;

#[derive(Object, Debug)]
#[oai(rename = "Category")]
pub struct CategoryBody {
    pub id: i64,
    pub name_de: String,
    pub name_en: String,
}

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "Call")]
pub struct CallBody {
    pub slug: String,
    pub title_de: String,
    pub title_en: String,
    pub teaser_de: String,
    pub teaser_en: String,
    pub body_de: String,
    pub body_en: String,
    pub eligibility_de: String,
    pub eligibility_en: String,
    pub timezone: String,
    pub opens_at: DateTime<Utc>,
    /// Exact to the second: a request at this instant is too late.
    pub deadline: DateTime<Utc>,
    pub review_at: Option<DateTime<Utc>>,
    pub results_at: Option<DateTime<Utc>>,
    /// upcoming, open, closed, review or decided.
    pub phase: String,
    pub abstract_max: i64,
    pub max_files: i64,
    pub file_max_mb: i64,
    pub file_required: bool,
    pub published: bool,
    pub results_published: bool,
    /// Categories as (German, English) pairs (one call's answer; not in lists).
    pub categories: Option<Vec<Vec<String>>>,
    /// The slug of the event whose pitching session hosts the finalists, or "" (one call's
    /// answer, to its organisers).
    pub event: Option<String>,
    /// The mail texts (one call's answer, to its organisers).
    pub mail_submitted_de: Option<String>,
    pub mail_submitted_en: Option<String>,
    pub mail_ineligible_de: Option<String>,
    pub mail_ineligible_en: Option<String>,
    /// The slug of the organisation that owns the call (one call's answer; none: run by the
    /// platform).
    pub owner: Option<String>,
}

/// One call as its GET answers it: what a list shows, plus its categories, and for its
/// organisers everything else an update takes, so that what GET answers, PUT keeps.
async fn call_detail(
    state: &AppState,
    actor: Option<&crate::actor::Actor>,
    c: Call,
) -> Result<CallBody, AppError> {
    let categories = service::categories(state, &c).await?;
    let organiser = service::is_organiser(actor, &c);
    let event = match (organiser, c.event_id) {
        (true, Some(_)) => Some(
            service::event_of(state, &c)
                .await?
                .map(|e| e.slug)
                .unwrap_or_default(),
        ),
        (true, None) => Some(String::new()),
        (false, _) => None,
    };
    let mails = organiser.then(|| {
        [
            c.mail_submitted_de.clone(),
            c.mail_submitted_en.clone(),
            c.mail_ineligible_de.clone(),
            c.mail_ineligible_en.clone(),
        ]
    });
    let owner = service::owner_slug(state, &c).await?;
    let mut body = call_body(c, state.clock.now());
    body.owner = owner;
    body.categories = Some(
        categories
            .into_iter()
            .map(|c| vec![c.name_de, c.name_en])
            .collect(),
    );
    body.event = event;
    if let Some([sd, se, id, ie]) = mails {
        body.mail_submitted_de = Some(sd);
        body.mail_submitted_en = Some(se);
        body.mail_ineligible_de = Some(id);
        body.mail_ineligible_en = Some(ie);
    }
    Ok(body)
}

fn call_body(c: Call, now: DateTime<Utc>) -> CallBody {
    use super::model::Phase;
    CallBody {
        phase: match c.phases().at(now) {
            Phase::Upcoming => "upcoming",
            Phase::Open => "open",
            Phase::Closed => "closed",
            Phase::Review => "review",
            Phase::Decided => "decided",
        }
        .into(),
        slug: c.slug,
        title_de: c.title_de,
        title_en: c.title_en,
        teaser_de: c.teaser_de,
        teaser_en: c.teaser_en,
        body_de: c.body_de,
        body_en: c.body_en,
        eligibility_de: c.eligibility_de,
        eligibility_en: c.eligibility_en,
        timezone: c.timezone,
        opens_at: c.opens_at,
        deadline: c.deadline,
        review_at: c.review_at,
        results_at: c.results_at,
        abstract_max: c.abstract_max,
        max_files: c.max_files,
        file_max_mb: c.file_max_mb,
        file_required: c.file_required,
        published: c.published,
        results_published: c.results_published,
        categories: None,
        event: None,
        owner: None,
        mail_submitted_de: None,
        mail_submitted_en: None,
        mail_ineligible_de: None,
        mail_ineligible_en: None,
    }
}

/// A call as an organiser writes it.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "CallInput")]
pub struct CallInputBody {
    pub slug: String,
    pub title_de: String,
    pub title_en: String,
    #[oai(default)]
    pub teaser_de: String,
    #[oai(default)]
    pub teaser_en: String,
    #[oai(default)]
    pub body_de: String,
    #[oai(default)]
    pub body_en: String,
    #[oai(default)]
    pub eligibility_de: String,
    #[oai(default)]
    pub eligibility_en: String,
    /// IANA time zone (default Europe/Berlin).
    #[oai(default)]
    pub timezone: String,
    pub opens_at: DateTime<Utc>,
    pub deadline: DateTime<Utc>,
    pub review_at: Option<DateTime<Utc>>,
    pub results_at: Option<DateTime<Utc>>,
    /// The slug of an event you organise whose pitching session hosts the finalists.
    #[oai(default)]
    pub event: String,
    /// Categories as (German, English) pairs.
    #[oai(default)]
    pub categories: Vec<Vec<String>>,
    pub abstract_max: Option<i64>,
    pub max_files: Option<i64>,
    pub file_max_mb: Option<i64>,
    #[oai(default)]
    pub file_required: bool,
    #[oai(default)]
    pub mail_submitted_de: String,
    #[oai(default)]
    pub mail_submitted_en: String,
    #[oai(default)]
    pub mail_ineligible_de: String,
    #[oai(default)]
    pub mail_ineligible_en: String,
    /// The slug of the organisation that owns the call; its organisers run it. Left out on
    /// creation: the caller's organisation when they organise for exactly one. Left out on a
    /// change: the owner stays.
    pub owner: Option<String>,
}

/// (German, English) pairs as the form's lines (`crate::text::pair_lines`); a pair of one text
/// is German and English alike. Anything but one or two texts is refused at `field.N`.
fn pairs_text(field: &str, pairs: &[Vec<String>]) -> Result<String, AppError> {
    let mut lines = Vec::new();
    let mut errors = crate::error::FieldErrors::default();
    for (i, pair) in pairs.iter().enumerate() {
        match pair.as_slice() {
            [de] => lines.push(crate::text::pair_line(de, de)),
            [de, en] => lines.push(crate::text::pair_line(de, en)),
            _ => errors.add_msg(format!("{field}.{i}"), crate::error::Msg::new("valid-pair")),
        }
    }
    errors.into_result()?;
    Ok(lines.join("\n"))
}

impl CallInputBody {
    fn input(self) -> Result<CallInput, AppError> {
        let categories = pairs_text("categories", &self.categories)?;
        let rfc = |t: Option<DateTime<Utc>>| t.map(|t| t.to_rfc3339()).unwrap_or_default();
        Ok(CallInput {
            slug: self.slug,
            title_de: self.title_de,
            title_en: self.title_en,
            teaser_de: self.teaser_de,
            teaser_en: self.teaser_en,
            body_de: self.body_de,
            body_en: self.body_en,
            eligibility_de: self.eligibility_de,
            eligibility_en: self.eligibility_en,
            timezone: self.timezone,
            opens_at: self.opens_at.to_rfc3339(),
            deadline: self.deadline.to_rfc3339(),
            review_at: rfc(self.review_at),
            results_at: rfc(self.results_at),
            event: self.event,
            categories,
            abstract_max: self.abstract_max,
            max_files: self.max_files,
            file_max_mb: self.file_max_mb,
            file_required: self.file_required,
            mail_submitted_de: self.mail_submitted_de,
            mail_submitted_en: self.mail_submitted_en,
            mail_ineligible_de: self.mail_ineligible_de,
            mail_ineligible_en: self.mail_ineligible_en,
            owner: self.owner,
        })
    }
}

#[derive(Object, Debug)]
#[oai(rename = "CallPublication")]
pub struct PublishBody {
    pub published: bool,
    #[oai(default)]
    pub results_published: bool,
}

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "CallQuestion")]
pub struct QuestionBody {
    pub id: i64,
    /// text, long_text, number, date, single_choice, multiple_choice, yes_no, country, file or consent.
    pub kind: String,
    pub label_de: String,
    pub label_en: String,
    pub required: bool,
    /// Choices (German, English); answer with the choice's number, counted from 0.
    pub options: Vec<Vec<String>>,
    pub max_bytes: Option<i64>,
    /// Number questions: the smallest and largest answer taken.
    pub number_min: Option<f64>,
    pub number_max: Option<f64>,
}

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "CallQuestionInput")]
pub struct QuestionInputBody {
    pub kind: String,
    pub label_de: String,
    pub label_en: String,
    #[oai(default)]
    pub help_de: String,
    #[oai(default)]
    pub help_en: String,
    /// Choices as (German, English) pairs.
    #[oai(default)]
    pub options: Vec<Vec<String>>,
    #[oai(default)]
    pub required: bool,
    /// File questions: the limit in megabytes (1–10).
    pub max_mb: Option<i64>,
    /// Number questions: the smallest and largest answer taken (either may be left out).
    pub number_min: Option<f64>,
    pub number_max: Option<f64>,
}

#[derive(Object, Debug)]
#[oai(rename = "SubmissionForm")]
pub struct FormBody {
    pub categories: Vec<CategoryBody>,
    pub questions: Vec<QuestionBody>,
}

#[derive(Object, Debug)]
#[oai(rename = "TeamMember")]
pub struct MemberBody {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: String,
}

impl From<super::model::Member> for MemberBody {
    fn from(m: super::model::Member) -> Self {
        MemberBody {
            id: m.id,
            email: m.email,
            name: m.name,
            role: m.role,
        }
    }
}

/// Stored answers by question (`q12`): the text, or a file's name.
pub(crate) fn answers_body(answers: &[super::model::StoredAnswer]) -> HashMap<String, String> {
    answers
        .iter()
        .map(|a| {
            (
                format!("q{}", a.question_id),
                a.filename.clone().unwrap_or(a.value.clone()),
            )
        })
        .collect()
}

#[derive(Object, Debug)]
#[oai(rename = "SubmissionAttachment")]
pub struct FileBody {
    pub id: i64,
    pub filename: String,
    pub label: String,
    /// application/pdf, image/png or image/jpeg, judged by the content.
    pub content_type: String,
    pub size: i64,
    pub created_at: DateTime<Utc>,
}

impl From<FileRow> for FileBody {
    fn from(f: FileRow) -> Self {
        FileBody {
            id: f.id,
            filename: f.filename,
            label: f.label,
            content_type: f.content_type,
            size: f.size,
            created_at: f.created_at,
        }
    }
}

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "Submission")]
pub struct SubmissionBody {
    pub id: i64,
    pub call: String,
    /// draft, submitted, withdrawn, ineligible, in_review, shortlisted, finalist, winner or not_selected.
    pub status: String,
    pub title: String,
    pub category_id: Option<i64>,
    #[oai(rename = "abstract")]
    pub summary: String,
    pub organisation: String,
    pub website: String,
    pub eligible_at: Option<DateTime<Utc>>,
    /// Why it is not eligible.
    pub status_reason: String,
    pub placement: Option<i64>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    /// Set when the submission is loaded whole (not in lists).
    pub answers: Option<HashMap<String, String>>,
    pub members: Option<Vec<MemberBody>>,
    pub attachments: Option<Vec<FileBody>>,
    /// Whether the team may still change it.
    pub editable: Option<bool>,
    /// What is still missing before it can be submitted: field name → message.
    pub missing: Option<HashMap<String, String>>,
}

fn submission_body(s: Submission, call: &str) -> SubmissionBody {
    SubmissionBody {
        id: s.id,
        call: call.to_string(),
        status: s.status.as_str().into(),
        title: s.title,
        category_id: s.category_id,
        summary: s.summary,
        organisation: s.organisation,
        website: s.website,
        eligible_at: s.eligible_at,
        status_reason: s.status_reason,
        placement: s.placement,
        submitted_at: s.submitted_at,
        updated_at: s.updated_at,
        answers: None,
        members: None,
        attachments: None,
        editable: None,
        missing: None,
    }
}

fn detail_body(d: Detail, lang: convene_frontend::Lang) -> SubmissionBody {
    let editable = d.editable();
    let missing = d.missing();
    let answers = answers_body(&d.answers);
    let mut body = submission_body(d.sub, &d.call.slug);
    body.answers = Some(answers);
    body.members = Some(d.members.into_iter().map(MemberBody::from).collect());
    body.attachments = Some(d.files.into_iter().map(FileBody::from).collect());
    body.editable = Some(editable);
    body.missing = Some(
        missing
            .0
            .iter()
            .map(|(f, m)| (f.to_string(), m.text(lang)))
            .collect(),
    );
    body
}

/// The fields and answers of a submission as the team sends them.
#[derive(Object, Debug, Default)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "SubmissionInput")]
pub struct SubmissionInputBody {
    #[oai(default)]
    pub title: String,
    pub category_id: Option<i64>,
    #[oai(rename = "abstract", default)]
    pub summary: String,
    #[oai(default)]
    pub organisation: String,
    #[oai(default)]
    pub website: String,
    /// Answers by question id, as for registration (files as `{"filename", "content_base64"}`).
    /// Given, they are the answers (one left out is cleared); absent, the stored ones stay.
    pub answers: Option<HashMap<String, serde_json::Value>>,
}

impl SubmissionInputBody {
    fn split(
        self,
    ) -> Result<
        (
            SubmissionInput,
            Option<crate::registration::form::AnswersIn>,
        ),
        AppError,
    > {
        Ok((
            SubmissionInput {
                title: self.title,
                category_id: self.category_id,
                summary: self.summary,
                organisation: self.organisation,
                website: self.website,
            },
            self.answers.map(|a| answers_from(Some(a))).transpose()?,
        ))
    }
}

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "SubmissionDecision")]
pub struct DecisionBody {
    /// eligible, ineligible (with `reason`), in_review, shortlisted, finalist, not_selected or
    /// winner (with `placement`).
    pub action: String,
    #[oai(default)]
    pub reason: String,
    pub placement: Option<i64>,
}

/// One decision for many submissions of a call at once: all or none.
#[derive(Object, Debug)]
#[oai(rename = "SubmissionBulkDecision")]
pub struct BulkDecisionBody {
    /// The submissions (ids) of this call to decide, at most 1,000.
    pub submission_ids: Vec<i64>,
    /// eligible, ineligible (with `reason`, sent to every team), in_review, shortlisted,
    /// finalist or not_selected; placements are decided one by one.
    pub action: String,
    #[oai(default)]
    pub reason: String,
}

/// One line of a call's audit log.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "CallLogLine")]
pub struct LogLineBody {
    pub at: DateTime<Utc>,
    /// Who did it (empty for the system or a deleted account).
    pub actor: String,
    /// The action's code, e.g. `submission.status`.
    pub action: String,
    /// What was done, in the caller's language.
    pub what: String,
    /// What it concerns: `call:1`, `submission:42` or `round:3`.
    pub subject: String,
    /// The submission's title, the round's name or the call's title.
    pub about: String,
    /// The details in words (statuses and edited fields named in the caller's language).
    pub detail: String,
}

/// A page of a call's audit log, newest first.
#[derive(Object, Debug)]
#[oai(rename = "CallLog")]
pub struct LogBody {
    /// Lines in all (with the filter), and this page's lines (at most 100).
    pub total: i64,
    pub page: i64,
    pub lines: Vec<LogLineBody>,
}

/// How many submissions a bulk decision decided.
#[derive(Object, Debug)]
#[oai(rename = "SubmissionBulkResult")]
pub struct BulkResultBody {
    pub decided: i64,
}

#[derive(Object, Debug)]
#[oai(rename = "TeamInvitation")]
pub struct InviteBody {
    pub email: String,
    #[oai(default)]
    pub name: String,
    #[oai(default)]
    pub role: String,
}

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "CallResult")]
pub struct ResultBody {
    /// finalist or winner.
    pub status: String,
    pub placement: Option<i64>,
    pub title: String,
    pub organisation: String,
    pub category: Option<CategoryBody>,
}

pub struct CallApi;

#[OpenApi(prefix_path = "/calls", tag = "ApiTags::Calls")]
impl CallApi {
    /// Published calls
    #[oai(path = "/", method = "get", operation_id = "list_calls")]
    async fn list(&self, state: Data<&AppState>) -> Result<Json<Vec<CallBody>>, ApiError> {
        let now = state.clock.now();
        Ok(Json(
            service::list_public(&state)
                .await?
                .into_iter()
                .map(|c| call_body(c, now))
                .collect(),
        ))
    }

    /// Create a call (site-wide organisers); it starts as an unpublished draft
    #[oai(path = "/", method = "post", operation_id = "create_call")]
    async fn create(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        body: Json<CallInputBody>,
    ) -> Result<Created<CallBody>, ApiError> {
        let c = service::create(&state, auth.actor(), &body.0.input()?).await?;
        let path = format!("/calls/{}", c.slug);
        Ok(Created::at(
            call_detail(&state, Some(auth.actor()), c).await?,
            path,
        ))
    }

    /// One call (drafts for their organisers only)
    #[oai(path = "/:slug", method = "get", operation_id = "get_call")]
    async fn get(
        &self,
        state: Data<&AppState>,
        req: &poem::Request,
        slug: Path<String>,
    ) -> Result<Json<CallBody>, ApiError> {
        let actor = maybe_actor(req);
        let c = service::visible(&state, actor.as_ref(), &slug.0).await?;
        Ok(Json(call_detail(&state, actor.as_ref(), c).await?))
    }

    /// Change a call (organisers)
    ///
    /// The whole call, as its GET answers it to organisers: a property left out takes its
    /// default (no categories, no event, the standard mail texts).
    #[oai(path = "/:slug", method = "put", operation_id = "update_call")]
    async fn update(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        body: Json<CallInputBody>,
    ) -> Result<Json<CallBody>, ApiError> {
        let c = service::update(&state, auth.actor(), &slug.0, &body.0.input()?).await?;
        Ok(Json(call_detail(&state, Some(auth.actor()), c).await?))
    }

    /// Publish or hide a call and its results (organisers)
    #[oai(
        path = "/:slug/publication",
        method = "put",
        operation_id = "publish_call"
    )]
    async fn publish(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        body: Json<PublishBody>,
    ) -> Result<Json<CallBody>, ApiError> {
        let c = service::set_published(
            &state,
            auth.actor(),
            &slug.0,
            body.0.published,
            body.0.results_published,
        )
        .await?;
        Ok(Json(call_detail(&state, Some(auth.actor()), c).await?))
    }

    /// The submission form of a call: categories and questions
    #[oai(
        path = "/:slug/form",
        method = "get",
        operation_id = "get_submission_form"
    )]
    async fn form(
        &self,
        state: Data<&AppState>,
        req: &poem::Request,
        slug: Path<String>,
    ) -> Result<Json<FormBody>, ApiError> {
        let actor = maybe_actor(req);
        let c = service::visible(&state, actor.as_ref(), &slug.0).await?;
        Ok(Json(FormBody {
            categories: service::categories(&state, &c)
                .await?
                .into_iter()
                .map(|c| CategoryBody {
                    id: c.id,
                    name_de: c.name_de,
                    name_en: c.name_en,
                })
                .collect(),
            questions: service::questions(&state, &c)
                .await?
                .into_iter()
                .map(|q| QuestionBody {
                    id: q.id,
                    kind: q.kind.as_str().into(),
                    options: q.choices().into_iter().map(|c| vec![c.de, c.en]).collect(),
                    label_de: q.label_de,
                    label_en: q.label_en,
                    required: q.required,
                    max_bytes: q.max_bytes,
                    number_min: q.number_min,
                    number_max: q.number_max,
                })
                .collect(),
        }))
    }

    /// Add a question to the submission form (organisers)
    #[oai(
        path = "/:slug/questions",
        method = "post",
        operation_id = "add_call_question"
    )]
    async fn add_question(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        body: Json<QuestionInputBody>,
    ) -> Result<Created<CreatedBody>, ApiError> {
        let b = body.0;
        let input = QuestionInput {
            kind: b.kind,
            label_de: b.label_de,
            label_en: b.label_en,
            help_de: b.help_de,
            help_en: b.help_en,
            options: pairs_text("options", &b.options)?,
            required: b.required,
            ticket_types: Vec::new(),
            max_mb: b.max_mb,
            number_min: b.number_min.map(|n| n.to_string()).unwrap_or_default(),
            number_max: b.number_max.map(|n| n.to_string()).unwrap_or_default(),
        };
        let id = service::add_question(&state, auth.actor(), &slug.0, &input).await?;
        let path = format!("/calls/{}/questions/{id}", slug.0);
        Ok(Created::at(CreatedBody { id }, path))
    }

    /// Delete a question (organisers)
    #[oai(
        path = "/:slug/questions/:id",
        method = "delete",
        operation_id = "delete_call_question"
    )]
    async fn delete_question(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<(), ApiError> {
        service::delete_question(&state, auth.actor(), &slug.0, id.0).await?;
        Ok(())
    }

    /// Submissions of a call: all handed-in ones for its organisers, else the caller's own
    #[oai(
        path = "/:slug/submissions",
        method = "get",
        operation_id = "list_submissions"
    )]
    async fn submissions(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        /// Search in title, organisation, abstract and lead (organisers).
        q: Query<Option<String>>,
        /// Only this status (organisers).
        status: Query<Option<String>>,
        /// Only this category (organisers).
        category: Query<Option<i64>>,
    ) -> Result<Json<Vec<SubmissionBody>>, ApiError> {
        let actor = auth.actor();
        let call = service::visible(&state, Some(actor), &slug.0).await?;
        if service::is_organiser(Some(actor), &call) {
            let filter = Filter {
                q: q.0.unwrap_or_default(),
                status: status
                    .0
                    .as_deref()
                    .and_then(SubmissionStatus::parse)
                    .filter(|s| *s != SubmissionStatus::Draft),
                category_id: category.0,
                window: None,
            };
            let o = service::overview(&state, actor, &slug.0, &filter).await?;
            // One query for all rows, then the overview's filter and order.
            let mut by_id: std::collections::HashMap<i64, _> =
                service::submitted_of_call(&state, call.id)
                    .await?
                    .into_iter()
                    .map(|s| (s.id, s))
                    .collect();
            let out = o
                .rows
                .iter()
                .filter_map(|r| by_id.remove(&r.id))
                .map(|s| submission_body(s, &call.slug))
                .collect();
            return Ok(Json(out));
        }
        Ok(Json(
            service::mine(&state, actor, Some(&call))
                .await?
                .into_iter()
                .map(|s| submission_body(s, &call.slug))
                .collect(),
        ))
    }

    /// One decision for many submissions of the call at once, e.g. eligibility for every entry
    /// checked (the call's organisers). All or none: an entry that cannot take the decision
    /// refuses the batch (409, naming it) and nothing changes; every team gets its usual mail.
    #[oai(
        path = "/:slug/submissions/decisions",
        method = "post",
        operation_id = "decide_submissions"
    )]
    async fn decide_many(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        body: Json<BulkDecisionBody>,
    ) -> Result<Json<BulkResultBody>, ApiError> {
        let body = body.0;
        if body.action.trim() == "winner" {
            return Err(AppError::field("action", "valid-choice-invalid").into());
        }
        let decision = Decision::parse(&body.action, &body.reason, None)?;
        let n = service::decide_many(
            &state,
            auth.actor(),
            &slug.0,
            &body.submission_ids,
            &decision,
        )
        .await?;
        Ok(Json(BulkResultBody {
            decided: i64::try_from(n).unwrap_or(i64::MAX),
        }))
    }

    /// The call's audit log: who changed what and when on the call, its submissions and its
    /// jury, newest first, 100 lines a page (organisers; closed to an organiser with own
    /// reviews still to hand in)
    #[oai(path = "/:slug/log", method = "get", operation_id = "get_call_log")]
    async fn log(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        /// Only `call`, `submission` or `jury` lines.
        kind: Query<Option<String>>,
        /// From 1.
        page: Query<Option<i64>>,
    ) -> Result<Json<LogBody>, ApiError> {
        let page = page.0.unwrap_or(1).max(1);
        let kind = kind.0.unwrap_or_default();
        let actor = auth.actor();
        let log = service::log(&state, actor, &slug.0, &kind, page, service::LOG_PAGE).await?;
        let lines = log
            .lines(actor.language)
            .into_iter()
            .zip(&log.rows)
            .map(|(l, r)| LogLineBody {
                at: l.at,
                actor: r.actor_name.clone().unwrap_or_default(),
                action: l.action,
                what: l.what,
                subject: r.subject.clone(),
                about: l.about,
                detail: l.detail,
            })
            .collect();
        Ok(Json(LogBody {
            total: log.total,
            page,
            lines,
        }))
    }

    /// Start a submission (a draft) in an open call, optionally with its first content
    #[oai(
        path = "/:slug/submissions",
        method = "post",
        operation_id = "start_submission"
    )]
    async fn start(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        body: Json<SubmissionInputBody>,
    ) -> Result<Created<SubmissionBody>, ApiError> {
        let actor = auth.actor();
        let (input, answers) = body.0.split()?;
        let sub = service::start(&state, actor, &slug.0).await?;
        let d = service::save(&state, actor, sub.id, &input, answers.as_ref()).await?;
        Ok(Created::at(
            detail_body(d, actor.language),
            format!("/submissions/{}", sub.id),
        ))
    }

    /// The public results: finalists and winners, once published
    #[oai(
        path = "/:slug/results",
        method = "get",
        operation_id = "get_call_results"
    )]
    async fn results(
        &self,
        state: Data<&AppState>,
        req: &poem::Request,
        slug: Path<String>,
    ) -> Result<Json<Vec<ResultBody>>, ApiError> {
        let actor = maybe_actor(req);
        let c = service::visible(&state, actor.as_ref(), &slug.0).await?;
        Ok(Json(
            service::results(&state, &c)
                .await?
                .into_iter()
                .map(|(s, cat)| ResultBody {
                    status: s.status.as_str().into(),
                    placement: s.placement,
                    title: s.title,
                    organisation: s.organisation,
                    category: cat.map(|c| CategoryBody {
                        id: c.id,
                        name_de: c.name_de,
                        name_en: c.name_en,
                    }),
                })
                .collect(),
        ))
    }
}

pub struct SubmissionApi;

#[OpenApi(prefix_path = "/submissions", tag = "ApiTags::Calls")]
impl SubmissionApi {
    /// One submission with its answers, team and attachments (its team, the call's organisers)
    #[oai(path = "/:id", method = "get", operation_id = "get_submission")]
    async fn get(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        id: Path<i64>,
    ) -> Result<Json<SubmissionBody>, ApiError> {
        let d = service::detail(&state, auth.actor(), id.0).await?;
        Ok(Json(detail_body(d, auth.actor().language)))
    }

    /// Save the team's changes (until the deadline; a submitted entry must stay complete)
    #[oai(path = "/:id", method = "put", operation_id = "update_submission")]
    async fn update(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        id: Path<i64>,
        body: Json<SubmissionInputBody>,
    ) -> Result<Json<SubmissionBody>, ApiError> {
        let (input, answers) = body.0.split()?;
        let d = service::save(&state, auth.actor(), id.0, &input, answers.as_ref()).await?;
        Ok(Json(detail_body(d, auth.actor().language)))
    }

    /// Submit (refused with every missing field named while anything required is missing)
    #[oai(
        path = "/:id/submit",
        method = "post",
        operation_id = "submit_submission"
    )]
    async fn submit(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        id: Path<i64>,
    ) -> Result<Json<SubmissionBody>, ApiError> {
        let d = service::submit(&state, auth.actor(), id.0).await?;
        Ok(Json(detail_body(d, auth.actor().language)))
    }

    /// Withdraw (until the deadline)
    #[oai(
        path = "/:id/withdraw",
        method = "post",
        operation_id = "withdraw_submission"
    )]
    async fn withdraw(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        id: Path<i64>,
    ) -> Result<Json<SubmissionBody>, ApiError> {
        let d = service::withdraw(&state, auth.actor(), id.0).await?;
        Ok(Json(detail_body(d, auth.actor().language)))
    }

    /// Decide about a submission (the call's organisers)
    #[oai(
        path = "/:id/decision",
        method = "post",
        operation_id = "decide_submission"
    )]
    async fn decide(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        id: Path<i64>,
        body: Json<DecisionBody>,
    ) -> Result<Json<SubmissionBody>, ApiError> {
        let decision = Decision::parse(&body.0.action, &body.0.reason, body.0.placement)?;
        let d = service::decide(&state, auth.actor(), id.0, &decision).await?;
        Ok(Json(detail_body(d, auth.actor().language)))
    }

    /// Invite someone to the team by e-mail (or change a member's name and role)
    #[oai(
        path = "/:id/members",
        method = "post",
        operation_id = "invite_team_member"
    )]
    async fn invite(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        id: Path<i64>,
        body: Json<InviteBody>,
    ) -> Result<Json<SubmissionBody>, ApiError> {
        let d = service::invite(
            &state,
            auth.actor(),
            id.0,
            &body.0.email,
            &body.0.name,
            &body.0.role,
        )
        .await?;
        Ok(Json(detail_body(d, auth.actor().language)))
    }

    /// Remove someone from the team
    #[oai(
        path = "/:id/members/:member",
        method = "delete",
        operation_id = "remove_team_member"
    )]
    async fn remove_member(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        id: Path<i64>,
        member: Path<i64>,
    ) -> Result<(), ApiError> {
        service::remove_member(&state, auth.actor(), id.0, member.0).await?;
        Ok(())
    }

    /// The attachments of a submission
    #[oai(
        path = "/:id/attachments",
        method = "get",
        operation_id = "list_attachments"
    )]
    async fn attachments(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        id: Path<i64>,
    ) -> Result<Json<Vec<FileBody>>, ApiError> {
        let d = service::detail(&state, auth.actor(), id.0).await?;
        Ok(Json(d.files.into_iter().map(FileBody::from).collect()))
    }

    /// Attach a file: the raw bytes as the body (PDF, PNG or JPEG, judged by the content)
    #[oai(
        path = "/:id/attachments",
        method = "post",
        operation_id = "add_attachment"
    )]
    async fn add_attachment(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        id: Path<i64>,
        /// The file's name, e.g. `pitch-deck.pdf`.
        filename: Query<String>,
        /// What it is, e.g. "Pitch deck".
        label: Query<Option<String>>,
        body: Binary<Vec<u8>>,
    ) -> Result<Created<FileBody>, ApiError> {
        let f = service::add_file(
            &state,
            auth.actor(),
            id.0,
            &filename.0,
            label.0.as_deref().unwrap_or(""),
            &body.0,
        )
        .await?;
        let path = format!("/submissions/{}/attachments/{}", id.0, f.id);
        Ok(Created::at(f.into(), path))
    }

    /// Download an attachment (its team, the call's organisers)
    #[oai(
        path = "/:id/attachments/:file",
        method = "get",
        operation_id = "get_attachment"
    )]
    async fn attachment(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        id: Path<i64>,
        file: Path<i64>,
    ) -> Result<Attachment<Vec<u8>>, ApiError> {
        let (name, _, data) = service::file(&state, auth.actor(), id.0, file.0).await?;
        Ok(Attachment::new(data)
            .attachment_type(AttachmentType::Attachment)
            .filename(name))
    }

    /// Delete an attachment (until the deadline)
    #[oai(
        path = "/:id/attachments/:file",
        method = "delete",
        operation_id = "delete_attachment"
    )]
    async fn delete_attachment(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        id: Path<i64>,
        file: Path<i64>,
    ) -> Result<(), ApiError> {
        service::delete_file(&state, auth.actor(), id.0, file.0).await?;
        Ok(())
    }
}
