//! Call and submission use cases. Every status change goes through
//! [`SubmissionStatus::change`] and leaves an audit row (who, when, from, to); every change to a
//! submission runs in one write transaction that first locks the submission.

use chrono::{DateTime, Utc};
use convene_frontend::Lang;

use super::model::{
    self, By, Call, CallInput, Category, FileRow, Member, Submission, SubmissionInput,
    SubmissionStatus,
};
use super::queries::{self, Filter, Row, StatusChange};
use crate::account::{Actor, Role, Scope};
use crate::audit;
use crate::db::{self, DbConn};
use crate::error::{AppError, DbResultExt, FieldErrors, Msg};
use crate::registration::form::{self, Answer, AnswersIn, Question, QuestionInput};
use crate::state::AppState;

mod decisions;
mod files;
mod log;
mod team;

pub use decisions::*;
pub use files::*;
pub use log::*;
pub use team::*;

/// Whether `actor` organises `call`: a call organiser, an organiser of the organisation that
/// owns it, platform staff, or an admin.
pub fn is_organiser(actor: Option<&Actor>, call: &Call) -> bool {
    actor.is_some_and(|a| {
        a.has_role_in(
            Role::Organiser,
            Scope::Call(call.id),
            call.owner_organisation_id,
        )
    })
}

/// Whether `actor` may create calls: organisers of an organisation, platform staff and admins.
pub fn can_create(actor: &Actor) -> bool {
    actor.may_create()
}

/// The slug of the organisation that owns `call`.
pub async fn owner_slug(state: &AppState, call: &Call) -> Result<Option<String>, AppError> {
    let mut conn = state.db.acquire().await?;
    crate::organisation::service::slug_of(&mut conn, call.owner_organisation_id).await
}

/// The call behind `slug` as `actor` may see it: published calls for everyone, drafts for their
/// organisers only.
pub async fn visible(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
) -> Result<Call, AppError> {
    let mut conn = state.db.acquire().await?;
    match queries::find_by_slug(&mut conn, slug).await? {
        Some(c) if c.published || is_organiser(actor, &c) => Ok(c),
        _ => Err(AppError::not_found("call-not-found")),
    }
}

/// The call behind `slug` for one of its organisers (`Forbidden` for everyone else who may
/// see it).
pub async fn for_organiser(state: &AppState, actor: &Actor, slug: &str) -> Result<Call, AppError> {
    let call = visible(state, Some(actor), slug).await?;
    if is_organiser(Some(actor), &call) {
        Ok(call)
    } else {
        Err(AppError::forbidden())
    }
}

pub async fn list_public(state: &AppState) -> Result<Vec<Call>, AppError> {
    let mut conn = state.db.acquire().await?;
    Ok(queries::list_published(&mut conn).await?)
}

/// The calls `actor` organises (all for site-wide organisers and admins).
pub async fn list_organised(state: &AppState, actor: &Actor) -> Result<Vec<Call>, AppError> {
    let mut conn = state.db.acquire().await?;
    if actor.has_role(Role::Organiser, Scope::Site) {
        Ok(queries::list_all(&mut conn).await?)
    } else {
        Ok(queries::list_organised_by(&mut conn, actor.id).await?)
    }
}

/// The event named in a call's form, which its organiser must organise too.
async fn linked_event(
    conn: &mut DbConn,
    actor: &Actor,
    slug: &str,
) -> Result<Option<crate::ids::EventId>, AppError> {
    let slug = slug.trim();
    if slug.is_empty() {
        return Ok(None);
    }
    match crate::event::queries::find_by_slug(conn, slug).await? {
        Some(e) if crate::event::service::is_organiser(Some(actor), &e) => Ok(Some(e.id)),
        _ => Err(AppError::field("event", "valid-call-event-unknown")),
    }
}

/// Creates a call as a draft that only its organisers see; its creator becomes its organiser.
///
/// # Errors
/// `Forbidden` (not a site organiser), `Invalid` (fields; slug taken).
pub async fn create(state: &AppState, actor: &Actor, input: &CallInput) -> Result<Call, AppError> {
    if !can_create(actor) {
        return Err(AppError::forbidden());
    }
    let draft = input.parse().map_err(AppError::Invalid)?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    if queries::slug_taken(&mut tx, &draft.slug).await? {
        return Err(AppError::field("slug", "valid-slug-taken"));
    }
    let event = linked_event(&mut tx, actor, &input.event).await?;
    let owner =
        crate::organisation::service::owner_for(&mut tx, actor, input.owner.as_deref(), None)
            .await?;
    let id = queries::insert(&mut tx, &draft, event, now)
        .await
        .on_unique_violation(|| AppError::field("slug", "valid-slug-taken"))?;
    queries::set_owner(&mut tx, id, owner).await?;
    queries::set_categories(&mut tx, id, &draft.categories).await?;
    if owner.is_none() {
        crate::account::queries::insert_grant(
            &mut tx,
            actor.id,
            Role::Organiser,
            Scope::Call(id),
            Some(actor.id),
            now,
        )
        .await
        .on_unique_violation(|| AppError::field("slug", "valid-slug-taken"))?;
    }
    audit::record(
        &mut tx,
        Some(actor.id),
        "call.create",
        &format!("call:{id}"),
        &draft.slug,
        now,
    )
    .await?;
    let call = queries::find(&mut tx, id)
        .await?
        .ok_or_else(|| AppError::not_found("call-not-found"))?;
    tx.commit().await?;
    Ok(call)
}

/// Changes a call's texts, phases, categories and form settings (organisers only).
pub async fn update(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    input: &CallInput,
) -> Result<Call, AppError> {
    let call = for_organiser(state, actor, slug).await?;
    let draft = input.parse().map_err(AppError::Invalid)?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    if draft.slug != call.slug && queries::slug_taken(&mut tx, &draft.slug).await? {
        return Err(AppError::field("slug", "valid-slug-taken"));
    }
    let event = linked_event(&mut tx, actor, &input.event).await?;
    let owner = crate::organisation::service::owner_for(
        &mut tx,
        actor,
        input.owner.as_deref(),
        Some(call.owner_organisation_id),
    )
    .await?;
    queries::update(&mut tx, call.id, &draft, event, now)
        .await
        .on_unique_violation(|| AppError::field("slug", "valid-slug-taken"))?;
    if owner != call.owner_organisation_id {
        queries::set_owner(&mut tx, call.id, owner).await?;
        let slug = crate::organisation::service::slug_of(&mut tx, owner).await?;
        audit::record(
            &mut tx,
            Some(actor.id),
            "call.owner",
            &format!("call:{}", call.id),
            &slug.unwrap_or_default(),
            now,
        )
        .await?;
    }
    queries::set_categories(&mut tx, call.id, &draft.categories).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "call.update",
        &format!("call:{}", call.id),
        &draft.slug,
        now,
    )
    .await?;
    let call = queries::find(&mut tx, call.id)
        .await?
        .ok_or_else(|| AppError::not_found("call-not-found"))?;
    tx.commit().await?;
    Ok(call)
}

/// Publishes or hides the call, and its results.
pub async fn set_published(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    published: bool,
    results_published: bool,
) -> Result<Call, AppError> {
    let call = for_organiser(state, actor, slug).await?;
    if results_published && !published {
        return Err(AppError::Conflict(Msg::new("call-results-need-published")));
    }
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    queries::set_flags(&mut tx, call.id, published, results_published, now).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "call.publish",
        &format!("call:{}", call.id),
        &format!("published={published} results={results_published}"),
        now,
    )
    .await?;
    let call = queries::find(&mut tx, call.id)
        .await?
        .ok_or_else(|| AppError::not_found("call-not-found"))?;
    tx.commit().await?;
    Ok(call)
}

pub async fn categories(state: &AppState, call: &Call) -> Result<Vec<Category>, AppError> {
    let mut conn = state.db.acquire().await?;
    Ok(queries::categories(&mut conn, call.id).await?)
}

pub async fn questions(state: &AppState, call: &Call) -> Result<Vec<Question>, AppError> {
    let mut conn = state.db.acquire().await?;
    Ok(queries::questions(&mut conn, call.id).await?)
}

/// Adds a custom question to the submission form (organisers only).
pub async fn add_question(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    input: &QuestionInput,
) -> Result<i64, AppError> {
    let call = for_organiser(state, actor, slug).await?;
    let spec = form::check_question(input, &[]).map_err(AppError::Invalid)?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let id = queries::insert_question(&mut tx, call.id, &spec, now).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "call.question.add",
        &format!("call:{}", call.id),
        &spec.label_en,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn delete_question(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    id: i64,
) -> Result<(), AppError> {
    let call = for_organiser(state, actor, slug).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    if !queries::delete_question(&mut tx, call.id, id).await? {
        return Err(AppError::not_found("question-not-found"));
    }
    audit::record(
        &mut tx,
        Some(actor.id),
        "call.question.delete",
        &format!("call:{}", call.id),
        &id.to_string(),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

// --- Submissions -------------------------------------------------------------------------------

/// Everything about one submission, as its team or an organiser sees it.
#[derive(Debug, Clone)]
pub struct Detail {
    pub call: Call,
    pub sub: Submission,
    pub categories: Vec<Category>,
    pub questions: Vec<Question>,
    pub answers: Vec<queries::StoredAnswer>,
    pub members: Vec<Member>,
    pub files: Vec<FileRow>,
    /// The caller belongs to the team.
    pub team: bool,
    /// The caller organises the call.
    pub organiser: bool,
    pub now: DateTime<Utc>,
}

impl Detail {
    /// Whether the team may change it now.
    pub fn editable(&self) -> bool {
        self.team && self.sub.status.editable(&self.call.phases(), self.now)
    }

    /// What is missing before it can be submitted.
    pub fn missing(&self) -> FieldErrors {
        let answered: Vec<i64> = self.answers.iter().map(|a| a.question_id).collect();
        model::missing(
            &self.call,
            &self.categories,
            &self.questions,
            &self.sub,
            &answered,
            self.files.len(),
        )
    }

    pub fn category(&self) -> Option<&Category> {
        self.categories
            .iter()
            .find(|c| Some(c.id) == self.sub.category_id)
    }
}

fn subject(id: i64) -> String {
    format!("submission:{id}")
}

/// Loads a submission with everything around it, for a member of its team or an organiser of
/// its call; `NotFound` for everyone else (never a hint that it exists).
async fn load(
    conn: &mut DbConn,
    actor: &Actor,
    id: i64,
    now: DateTime<Utc>,
) -> Result<Detail, AppError> {
    let not_found = || AppError::not_found("submission-not-found");
    let sub = queries::submission(conn, id).await?.ok_or_else(not_found)?;
    let call = queries::find(conn, sub.call_id)
        .await?
        .ok_or_else(not_found)?;
    let team = queries::is_member(conn, id, actor.id, &actor.email).await?;
    let organiser = is_organiser(Some(actor), &call);
    // Organisers see drafts only once handed in: a draft belongs to its team.
    let handed_in = sub.status != SubmissionStatus::Draft;
    if !(team || organiser && handed_in) {
        return Err(not_found());
    }
    if organiser && !team {
        juror_blind_check(conn, actor, &call, now).await?;
    }
    let sub = if team && !organiser {
        sub.as_seen_by_team(call.results_published)
    } else {
        sub
    };
    Ok(Detail {
        categories: queries::categories(conn, call.id).await?,
        questions: queries::questions(conn, call.id).await?,
        answers: queries::answers(conn, id).await?,
        members: queries::members(conn, id).await?,
        files: queries::files(conn, id).await?,
        call,
        sub,
        team,
        organiser,
        now,
    })
}

pub async fn detail(state: &AppState, actor: &Actor, id: i64) -> Result<Detail, AppError> {
    let mut conn = state.db.acquire().await?;
    load(&mut conn, actor, id, state.clock.now()).await
}

/// The caller's submissions (as a team member), in one call or in all.
pub async fn mine(
    state: &AppState,
    actor: &Actor,
    call: Option<&Call>,
) -> Result<Vec<Submission>, AppError> {
    let mut conn = state.db.acquire().await?;
    let subs =
        queries::submissions_of_member(&mut conn, call.map(|c| c.id), actor.id, &actor.email)
            .await?;
    let mut seen = Vec::with_capacity(subs.len());
    for s in subs {
        let released = match call {
            Some(c) if c.id == s.call_id => c.results_published,
            _ => queries::find(&mut conn, s.call_id)
                .await?
                .is_some_and(|c| c.results_published),
        };
        seen.push(s.as_seen_by_team(released));
    }
    Ok(seen)
}

/// Loads the submission for a change by its team: locked, and only while the call is open and
/// the entry is a draft or submitted.
async fn for_change(
    conn: &mut DbConn,
    actor: &Actor,
    id: i64,
    now: DateTime<Utc>,
) -> Result<Detail, AppError> {
    queries::lock_submission(conn, id).await?;
    let d = load(conn, actor, id, now).await?;
    if !d.team {
        return Err(AppError::forbidden());
    }
    if !d.call.phases().accepts_changes(now) {
        return Err(AppError::Conflict(Msg::new(if now < d.call.opens_at {
            "call-not-open-yet"
        } else {
            "submission-deadline-passed"
        })));
    }
    if !d.sub.status.editable(&d.call.phases(), now) {
        return Err(AppError::Conflict(Msg::new("submission-not-editable")));
    }
    Ok(d)
}

/// Starts a draft in an open call; the caller leads its team.
///
/// # Errors
/// `NotFound`, `Conflict` (the call is not open).
pub async fn start(state: &AppState, actor: &Actor, slug: &str) -> Result<Submission, AppError> {
    let call = visible(state, Some(actor), slug).await?;
    let now = state.clock.now();
    if !call.phases().accepts_changes(now) {
        return Err(AppError::Conflict(Msg::new(if now < call.opens_at {
            "call-not-open-yet"
        } else {
            "submission-deadline-passed"
        })));
    }
    let mut tx = db::begin_write(&state.db).await?;
    let organisation = crate::account::queries::find(&mut tx, actor.id)
        .await?
        .and_then(|a| a.organisation_name)
        .unwrap_or_default();
    let id = queries::insert_submission(&mut tx, call.id, actor.id, &organisation, now).await?;
    queries::put_member(&mut tx, id, &actor.email, &actor.name, "", actor.id, now).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "submission.status",
        &subject(id),
        "→ draft",
        now,
    )
    .await?;
    let sub = queries::submission(&mut tx, id)
        .await?
        .ok_or_else(|| AppError::not_found("submission-not-found"))?;
    tx.commit().await?;
    Ok(sub)
}

/// Checks answers as far as a draft needs: formats and sizes, not completeness.
fn check_draft_answers(
    questions: &[Question],
    input: &AnswersIn,
    stored: &[i64],
    now: DateTime<Utc>,
) -> Result<Vec<(i64, Answer)>, FieldErrors> {
    let optional: Vec<Question> = questions
        .iter()
        .cloned()
        .map(|mut q| {
            q.required = false;
            q
        })
        .collect();
    form::check_answers(&optional, None, input, stored, now)
}

/// Saves the team's changes. A draft may stay incomplete; a submitted entry must stay complete.
///
/// # Errors
/// `NotFound`, `Forbidden` (organisers do not edit), `Conflict` (deadline passed, not editable),
/// `Invalid` (every problem at once; nothing is stored).
pub async fn save(
    state: &AppState,
    actor: &Actor,
    id: i64,
    input: &SubmissionInput,
    answers: Option<&AnswersIn>,
) -> Result<Detail, AppError> {
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let d = for_change(&mut tx, actor, id, now).await?;
    let stored: Vec<i64> = d
        .answers
        .iter()
        .filter(|a| {
            d.questions.iter().any(|q| {
                q.id == a.question_id
                    && matches!(
                        q.kind,
                        form::QuestionKind::File | form::QuestionKind::Consent
                    )
            })
        })
        .map(|a| a.question_id)
        .collect();
    let mut errors = FieldErrors::default();
    let fields = input
        .parse(&d.call, &d.categories)
        .map_err(|e| errors.0.extend(e.0))
        .ok();
    // No answers at all (the API without `answers`): the stored ones stay as they are.
    let checked = match answers {
        Some(answers) => check_draft_answers(&d.questions, answers, &stored, now)
            .map_err(|e| errors.0.extend(e.0))
            .ok(),
        None => Some(Vec::new()),
    };
    let (Some(fields), Some(checked)) = (fields, checked) else {
        return Err(AppError::Invalid(errors));
    };
    queries::save_fields(&mut tx, id, &fields, now).await?;
    let mut kept: Vec<i64> = Vec::new();
    for (qid, answer) in checked {
        kept.push(qid);
        match answer {
            Answer::Text(v) => queries::put_answer(&mut tx, id, qid, &v, None).await?,
            Answer::File {
                filename,
                content_type,
                bytes,
            } => {
                let upload = crate::registration::queries::insert_upload(
                    &mut tx,
                    actor.id,
                    &filename,
                    content_type,
                    &bytes,
                    now,
                )
                .await?;
                queries::put_answer(&mut tx, id, qid, &upload.to_string(), Some(upload)).await?;
            }
            // An entry's consent answered `false` is no longer given: the answer goes (a
            // submitted entry is then checked for completeness below).
            Answer::Withdraw => {
                kept.pop();
            }
            Answer::Keep => {}
        }
    }
    let given = answers.is_some();
    for a in d
        .answers
        .iter()
        .filter(|a| given && !kept.contains(&a.question_id))
    {
        queries::delete_answer(&mut tx, id, a.question_id).await?;
    }
    crate::registration::queries::delete_orphan_uploads(&mut tx, actor.id).await?;
    let before = d;
    let d = load(&mut tx, actor, id, now).await?;
    let changed = changed_fields(&before, &d);
    if !changed.is_empty() {
        audit::record(
            &mut tx,
            Some(actor.id),
            "submission.edit",
            &subject(id),
            &changed.join(", "),
            now,
        )
        .await?;
    }
    if d.sub.status == SubmissionStatus::Submitted {
        let missing = d.missing();
        if !missing.is_empty() {
            return Err(AppError::Invalid(missing));
        }
    }
    tx.commit().await?;
    Ok(d)
}

/// What a save changed, for the audit log: `title`, `summary`, `organisation`, `website`,
/// `category` and `question:<id>` for each answer given, changed or removed. Names only: the
/// log says what was edited, the entry itself says how it reads now.
fn changed_fields(before: &Detail, after: &Detail) -> Vec<String> {
    let (b, a) = (&before.sub, &after.sub);
    let mut out: Vec<String> = [
        ("title", b.title != a.title),
        ("summary", b.summary != a.summary),
        ("organisation", b.organisation != a.organisation),
        ("website", b.website != a.website),
        ("category", b.category_id != a.category_id),
    ]
    .into_iter()
    .filter(|(_, changed)| *changed)
    .map(|(name, _)| name.to_string())
    .collect();
    let value = |d: &Detail, q: i64| {
        d.answers
            .iter()
            .find(|x| x.question_id == q)
            .map(|x| x.value.clone())
    };
    let mut questions: Vec<i64> = before
        .answers
        .iter()
        .chain(&after.answers)
        .map(|x| x.question_id)
        .collect();
    questions.sort_unstable();
    questions.dedup();
    for q in questions {
        if value(before, q) != value(after, q) {
            out.push(format!("question:{q}"));
        }
    }
    out
}

/// Hands the submission in. Refused with every missing field named while anything required
/// is missing.
pub async fn submit(state: &AppState, actor: &Actor, id: i64) -> Result<Detail, AppError> {
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    queries::lock_submission(&mut tx, id).await?;
    let d = load(&mut tx, actor, id, now).await?;
    if !d.team {
        return Err(AppError::forbidden());
    }
    let to = d
        .sub
        .status
        .change(SubmissionStatus::Submitted, By::Team, &d.call.phases(), now)
        .map_err(|id| AppError::Conflict(Msg::new(id)))?;
    let missing = d.missing();
    if !missing.is_empty() {
        return Err(AppError::Invalid(missing));
    }
    change_status(&mut tx, actor, &d.sub, to, "", None, None, now).await?;
    crate::webhook::service::emit(
        &mut tx,
        crate::account::Scope::Call(d.call.id),
        crate::webhook::model::Topic::SubmissionSubmitted,
        serde_json::json!({
            "submission": {
                "id": d.sub.id,
                "title": d.sub.title,
                "status": to.as_str(),
                "submitted_at": now,
            }
        }),
        now,
    )
    .await?;
    mail_team(
        state,
        &mut tx,
        &d,
        &crate::mail_template::model::SUBMISSION_SUBMITTED,
        &[],
        now,
    )
    .await?;
    let d = load(&mut tx, actor, id, now).await?;
    tx.commit().await?;
    state.mailer.wake();
    Ok(d)
}

/// Withdraws the submission (before the deadline; it can be submitted again until then).
pub async fn withdraw(state: &AppState, actor: &Actor, id: i64) -> Result<Detail, AppError> {
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    queries::lock_submission(&mut tx, id).await?;
    let d = load(&mut tx, actor, id, now).await?;
    if !d.team {
        return Err(AppError::forbidden());
    }
    let to = d
        .sub
        .status
        .change(SubmissionStatus::Withdrawn, By::Team, &d.call.phases(), now)
        .map_err(|id| AppError::Conflict(Msg::new(id)))?;
    change_status(&mut tx, actor, &d.sub, to, "", None, None, now).await?;
    let d = load(&mut tx, actor, id, now).await?;
    tx.commit().await?;
    Ok(d)
}

#[allow(clippy::too_many_arguments)]
pub(crate) async fn change_status(
    conn: &mut DbConn,
    actor: &Actor,
    sub: &Submission,
    to: SubmissionStatus,
    reason: &str,
    placement: Option<i64>,
    eligible_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    queries::set_status(
        conn,
        sub.id,
        &StatusChange {
            status: to,
            reason,
            placement,
            eligible_at,
        },
        now,
    )
    .await?;
    let mut detail = if sub.status == to && eligible_at == Some(now) {
        format!("{} (eligible)", to.as_str())
    } else {
        format!("{} → {}", sub.status.as_str(), to.as_str())
    };
    if !reason.is_empty() {
        detail.push_str(&format!(": {reason}"));
    }
    if let Some(p) = placement {
        detail.push_str(&format!(" (#{p})"));
    }
    audit::record(
        conn,
        Some(actor.id),
        "submission.status",
        &subject(sub.id),
        &detail,
        now,
    )
    .await?;
    Ok(())
}

/// Moves a submission on behalf of the call's organisers (the jury's chair) through the state
/// machine, recording the change; the caller holds the write transaction.
pub(crate) async fn move_status(
    conn: &mut DbConn,
    actor: &Actor,
    call: &Call,
    sub: &Submission,
    to: SubmissionStatus,
    placement: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if !is_organiser(Some(actor), call) {
        return Err(AppError::forbidden());
    }
    let to = sub
        .status
        .change(to, By::Organiser, &call.phases(), now)
        .map_err(|id| AppError::Conflict(Msg::new(id)))?;
    change_status(conn, actor, sub, to, "", placement, sub.eligible_at, now).await
}

/// The organisers' view of a call's submissions.
#[derive(Debug, Clone)]
pub struct Overview {
    pub call: Call,
    pub categories: Vec<Category>,
    pub questions: Vec<Question>,
    pub rows: Vec<Row>,
    pub counts: Vec<(SubmissionStatus, i64)>,
}

/// An organiser who is also a juror, with reviews to hand in in a round that hides the names,
/// may not read the names through the organiser's submission pages, files and exports either.
pub async fn juror_blind_check(
    conn: &mut DbConn,
    actor: &Actor,
    call: &Call,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if crate::jury::service::blind_reviews_pending(conn, actor, call, now).await? {
        return Err(AppError::Forbidden(Msg::new(
            "call-orga-blind-reviews-pending",
        )));
    }
    Ok(())
}

pub async fn overview(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    filter: &Filter,
) -> Result<Overview, AppError> {
    let call = for_organiser(state, actor, slug).await?;
    let mut conn = state.db.acquire().await?;
    juror_blind_check(&mut conn, actor, &call, state.clock.now()).await?;
    Ok(Overview {
        categories: queries::categories(&mut conn, call.id).await?,
        questions: queries::questions(&mut conn, call.id).await?,
        rows: queries::rows(&mut conn, call.id, filter).await?,
        counts: queries::counts(&mut conn, call.id).await?,
        call,
    })
}

/// The public results: finalists and winners once the organisers publish them.
pub async fn results(
    state: &AppState,
    call: &Call,
) -> Result<Vec<(Submission, Option<Category>)>, AppError> {
    if !call.results_published {
        return Ok(Vec::new());
    }
    let mut conn = state.db.acquire().await?;
    let categories = queries::categories(&mut conn, call.id).await?;
    Ok(queries::results(&mut conn, call.id)
        .await?
        .into_iter()
        .map(|s| {
            let c = categories
                .iter()
                .find(|c| Some(c.id) == s.category_id)
                .cloned();
            (s, c)
        })
        .collect())
}

/// Removes a person who deletes their account from every team, and deletes the drafts only
/// they worked on (handed-in entries stay with their team and the call's organisers).
pub async fn forget_member(
    conn: &mut DbConn,
    account: crate::ids::AccountId,
    email: &str,
) -> Result<(), AppError> {
    for sub in queries::submissions_of_member(conn, None, account, email).await? {
        let others = queries::members(conn, sub.id)
            .await?
            .into_iter()
            .filter(|m| m.email != email)
            .count();
        if sub.status == SubmissionStatus::Draft && others == 0 {
            queries::delete_submission(conn, sub.id).await?;
        }
    }
    queries::delete_member_everywhere(conn, email).await?;
    Ok(())
}

// --- reads for the pages and the API ------------------------------------------------------------

/// The event `call` is linked to, if any (for links between the two).
pub async fn event_of(
    state: &AppState,
    call: &Call,
) -> Result<Option<crate::event::Event>, AppError> {
    let Some(id) = call.event_id else {
        return Ok(None);
    };
    let mut conn = state.db.acquire().await?;
    Ok(crate::event::queries::find(&mut conn, id).await?)
}

/// The e-mail address of a submission's lead, for the organisers' view of the entry.
pub async fn lead_email(
    state: &AppState,
    lead: crate::ids::AccountId,
) -> Result<Option<String>, AppError> {
    let mut conn = state.db.acquire().await?;
    Ok(crate::account::queries::find(&mut conn, lead)
        .await?
        .map(|a| a.email))
}

/// The jurors' notes to a submission's team (final reviews of jurors without a conflict).
pub async fn team_notes(state: &AppState, submission_id: i64) -> Result<Vec<String>, AppError> {
    let mut conn = state.db.acquire().await?;
    Ok(crate::jury::queries::team_notes(&mut conn, submission_id).await?)
}

/// A submission's status changes: when, to which status, and by whom.
pub async fn history(
    state: &AppState,
    submission_id: i64,
) -> Result<Vec<(DateTime<Utc>, String, String)>, AppError> {
    let mut conn = state.db.acquire().await?;
    Ok(queries::history(&mut conn, submission_id).await?)
}

/// Every submission of a call that is no longer a draft.
pub async fn submitted_of_call(
    state: &AppState,
    call_id: i64,
) -> Result<Vec<Submission>, AppError> {
    let mut conn = state.db.acquire().await?;
    Ok(queries::submitted_of_call(&mut conn, call_id).await?)
}

/// The titles of a call's submissions by id.
pub async fn titles(
    state: &AppState,
    call_id: i64,
) -> Result<std::collections::HashMap<i64, String>, AppError> {
    let mut conn = state.db.acquire().await?;
    Ok(queries::titles(&mut conn, call_id).await?)
}
