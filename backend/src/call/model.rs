//! The rules of a call, pure: its phases by instant, and the one state machine every submission
//! follows. Every status change goes through [`SubmissionStatus::change`], so applicants and
//! organisers cannot take a submission anywhere the rules do not allow.

use chrono::{DateTime, Utc};
use convene_frontend::Lang;

use crate::error::{FieldErrors, Msg};
use crate::event::model::{parse_slug, pick, text};
use crate::registration::form::Question;

/// Where a call stands at an instant, from its phase instants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Announced, not open for submissions yet.
    Upcoming,
    /// Submissions are accepted (up to, not including, the deadline).
    Open,
    /// The deadline has passed; the jury has not started.
    Closed,
    Review,
    /// Results are out.
    Decided,
}

/// The instants of a call's phases. The deadline is exact to the second: a request at the
/// deadline is one second too late.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phases {
    pub opens_at: DateTime<Utc>,
    pub deadline: DateTime<Utc>,
    pub review_at: Option<DateTime<Utc>>,
    pub results_at: Option<DateTime<Utc>>,
}

impl Phases {
    /// Checks the order: opens < deadline ≤ review ≤ results. Returns the message id of the
    /// first problem.
    pub fn check(&self) -> Result<(), &'static str> {
        if self.deadline <= self.opens_at {
            return Err("valid-call-deadline-before-opening");
        }
        if self.review_at.is_some_and(|r| r < self.deadline) {
            return Err("valid-call-review-before-deadline");
        }
        if let (Some(r), Some(d)) = (self.review_at, self.results_at)
            && d < r
        {
            return Err("valid-call-results-before-review");
        }
        if self.results_at.is_some_and(|d| d < self.deadline) {
            return Err("valid-call-results-before-review");
        }
        Ok(())
    }

    pub fn at(&self, now: DateTime<Utc>) -> Phase {
        if now < self.opens_at {
            Phase::Upcoming
        } else if now < self.deadline {
            Phase::Open
        } else if self.results_at.is_some_and(|d| now >= d) {
            Phase::Decided
        } else if self.review_at.is_some_and(|r| now >= r) {
            Phase::Review
        } else {
            Phase::Closed
        }
    }

    /// Whether applicants may still create, change, submit or withdraw at `now`.
    pub fn accepts_changes(&self, now: DateTime<Utc>) -> bool {
        self.at(now) == Phase::Open
    }
}

/// Where a submission stands.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, sqlx::Type, serde::Serialize, serde::Deserialize,
)]
#[sqlx(type_name = "text", rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum SubmissionStatus {
    Draft,
    Submitted,
    Withdrawn,
    Ineligible,
    InReview,
    Shortlisted,
    Finalist,
    Winner,
    NotSelected,
}

/// Who asks for a status change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    /// A member of the submission's team.
    Team,
    /// One of the call's organisers.
    Organiser,
}

impl SubmissionStatus {
    pub const ALL: [SubmissionStatus; 9] = [
        SubmissionStatus::Draft,
        SubmissionStatus::Submitted,
        SubmissionStatus::Withdrawn,
        SubmissionStatus::Ineligible,
        SubmissionStatus::InReview,
        SubmissionStatus::Shortlisted,
        SubmissionStatus::Finalist,
        SubmissionStatus::Winner,
        SubmissionStatus::NotSelected,
    ];

    pub fn parse(s: &str) -> Option<SubmissionStatus> {
        SubmissionStatus::ALL
            .into_iter()
            .find(|st| st.as_str() == s.trim())
    }

    /// The catalogue id of the status's name.
    pub fn label_id(self) -> &'static str {
        match self {
            SubmissionStatus::Draft => "submission-status-draft",
            SubmissionStatus::Submitted => "submission-status-submitted",
            SubmissionStatus::Withdrawn => "submission-status-withdrawn",
            SubmissionStatus::Ineligible => "submission-status-ineligible",
            SubmissionStatus::InReview => "submission-status-in-review",
            SubmissionStatus::Shortlisted => "submission-status-shortlisted",
            SubmissionStatus::Finalist => "submission-status-finalist",
            SubmissionStatus::Winner => "submission-status-winner",
            SubmissionStatus::NotSelected => "submission-status-not-selected",
        }
    }

    /// The statuses an organiser may move a submission to from here, at `now`.
    pub fn organiser_moves(self, phases: &Phases, now: DateTime<Utc>) -> Vec<SubmissionStatus> {
        SubmissionStatus::ALL
            .into_iter()
            .filter(|to| *to != self && self.change(*to, By::Organiser, phases, now).is_ok())
            .collect()
    }

    /// The status a team sees: a decision (shortlisted, finalist, winner, not selected) stays
    /// "in review" until the organiser releases the results. Every team view (pages, API, mails,
    /// data download) goes through this.
    pub fn seen_by_team(self, results_published: bool) -> SubmissionStatus {
        match self {
            SubmissionStatus::Shortlisted
            | SubmissionStatus::Finalist
            | SubmissionStatus::Winner
            | SubmissionStatus::NotSelected
                if !results_published =>
            {
                SubmissionStatus::InReview
            }
            s => s,
        }
    }

    /// Whether the entry counts as handed in (everything after submitting but withdrawing).
    pub fn handed_in(self) -> bool {
        !matches!(self, SubmissionStatus::Draft | SubmissionStatus::Withdrawn)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SubmissionStatus::Draft => "draft",
            SubmissionStatus::Submitted => "submitted",
            SubmissionStatus::Withdrawn => "withdrawn",
            SubmissionStatus::Ineligible => "ineligible",
            SubmissionStatus::InReview => "in_review",
            SubmissionStatus::Shortlisted => "shortlisted",
            SubmissionStatus::Finalist => "finalist",
            SubmissionStatus::Winner => "winner",
            SubmissionStatus::NotSelected => "not_selected",
        }
    }

    /// Whether the team may still change the content: a draft or a submitted entry, while the
    /// call is open.
    pub fn editable(self, phases: &Phases, now: DateTime<Utc>) -> bool {
        matches!(self, SubmissionStatus::Draft | SubmissionStatus::Submitted)
            && phases.accepts_changes(now)
    }

    /// The one place that decides whether `by` may move a submission from `self` to `to` at
    /// `now`. Returns the new status, or the message id saying why not.
    ///
    /// - The team submits, withdraws and resubmits, only while the call is open.
    /// - Organisers mark submitted entries ineligible (with a reason, checked by the caller) or
    ///   take that back, at any time; after the deadline they start the review, and then
    ///   shortlist, pick finalists and winners, or decide not to select.
    pub fn change(
        self,
        to: SubmissionStatus,
        by: By,
        phases: &Phases,
        now: DateTime<Utc>,
    ) -> Result<SubmissionStatus, &'static str> {
        use SubmissionStatus::*;
        let open = phases.accepts_changes(now);
        let allowed = match (by, self, to) {
            (By::Team, Draft | Withdrawn, Submitted) | (By::Team, Draft | Submitted, Withdrawn) => {
                if !open {
                    return Err("submission-deadline-passed");
                }
                true
            }
            (By::Organiser, Submitted, Ineligible) | (By::Organiser, Ineligible, Submitted) => true,
            (By::Organiser, Submitted, InReview) => {
                if open {
                    return Err("submission-review-before-deadline");
                }
                true
            }
            (By::Organiser, InReview, Shortlisted | NotSelected)
            | (By::Organiser, Shortlisted, Finalist | NotSelected)
            | (By::Organiser, Finalist, Winner | NotSelected) => true,
            _ => false,
        };
        if allowed {
            Ok(to)
        } else {
            Err("submission-status-change-invalid")
        }
    }
}

// --- The call and its submissions as stored ----------------------------------------------------

/// The longest abstract an organiser may allow, in characters.
pub const ABSTRACT_MAX_LIMIT: i64 = 10_000;
/// The largest attachment an organiser may allow, in megabytes.
pub const FILE_MAX_MB_LIMIT: i64 = 20;
/// The most attachments an organiser may allow.
pub const MAX_FILES_LIMIT: i64 = 20;
/// The most team members a submission may have.
pub const MAX_MEMBERS: usize = 20;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Call {
    pub id: i64,
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
    pub deadline: DateTime<Utc>,
    pub review_at: Option<DateTime<Utc>>,
    pub results_at: Option<DateTime<Utc>>,
    pub event_id: Option<crate::ids::EventId>,
    pub abstract_max: i64,
    pub max_files: i64,
    pub file_max_mb: i64,
    pub file_required: bool,
    pub mail_submitted_de: String,
    pub mail_submitted_en: String,
    pub mail_ineligible_de: String,
    pub mail_ineligible_en: String,
    pub published: bool,
    pub results_published: bool,
    /// The organisation that owns the call: its organisers run it.
    pub owner_organisation_id: Option<crate::ids::OrganisationId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Call {
    pub fn tz(&self) -> chrono_tz::Tz {
        self.timezone.parse().unwrap_or(chrono_tz::Europe::Berlin)
    }

    pub fn phases(&self) -> Phases {
        Phases {
            opens_at: self.opens_at,
            deadline: self.deadline,
            review_at: self.review_at,
            results_at: self.results_at,
        }
    }

    pub fn title(&self, lang: Lang) -> &str {
        pick(lang, &self.title_de, &self.title_en)
    }

    pub fn teaser(&self, lang: Lang) -> &str {
        pick(lang, &self.teaser_de, &self.teaser_en)
    }

    pub fn body(&self, lang: Lang) -> &str {
        pick(lang, &self.body_de, &self.body_en)
    }

    pub fn eligibility(&self, lang: Lang) -> &str {
        pick(lang, &self.eligibility_de, &self.eligibility_en)
    }

    pub fn mail_submitted(&self, lang: Lang) -> &str {
        pick(lang, &self.mail_submitted_de, &self.mail_submitted_en)
    }

    pub fn mail_ineligible(&self, lang: Lang) -> &str {
        pick(lang, &self.mail_ineligible_de, &self.mail_ineligible_en)
    }

    pub fn file_limit(&self) -> usize {
        usize::try_from(self.file_max_mb.clamp(1, FILE_MAX_MB_LIMIT)).unwrap_or(1) * 1024 * 1024
    }
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Category {
    pub id: i64,
    pub name_de: String,
    pub name_en: String,
}

impl Category {
    pub fn name(&self, lang: Lang) -> &str {
        pick(lang, &self.name_de, &self.name_en)
    }
}

/// A call as an organiser writes it (form or API), before it is checked. Instants are RFC 3339
/// or a form's local `YYYY-MM-DDTHH:MM` in the call's time zone.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct CallInput {
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
    pub opens_at: String,
    pub deadline: String,
    pub review_at: String,
    pub results_at: String,
    /// The slug of the event whose pitching session hosts the finalists; empty: none.
    pub event: String,
    /// One per line, German and English separated by `|`.
    pub categories: String,
    pub abstract_max: Option<i64>,
    pub max_files: Option<i64>,
    pub file_max_mb: Option<i64>,
    pub file_required: bool,
    pub mail_submitted_de: String,
    pub mail_submitted_en: String,
    pub mail_ineligible_de: String,
    pub mail_ineligible_en: String,
    /// The slug of the organisation that owns the call (see
    /// `organisation::service::owner_for`); `None` or empty keeps the owner.
    pub owner: Option<String>,
}

/// A checked call, ready to store (the event is resolved by the service).
#[derive(Debug, Clone, PartialEq)]
pub struct CallDraft {
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
    pub phases: Phases,
    pub categories: Vec<(String, String)>,
    pub abstract_max: i64,
    pub max_files: i64,
    pub file_max_mb: i64,
    pub file_required: bool,
    pub mail_submitted_de: String,
    pub mail_submitted_en: String,
    pub mail_ineligible_de: String,
    pub mail_ineligible_en: String,
}

pub use crate::time::parse_instant;

fn in_range(
    e: &mut FieldErrors,
    field: &'static str,
    v: Option<i64>,
    default: i64,
    range: std::ops::RangeInclusive<i64>,
) -> i64 {
    match v {
        None => default,
        Some(n) if range.contains(&n) => n,
        Some(_) => {
            e.add_msg(
                field,
                Msg::new("valid-number-range")
                    .arg("min", range.start())
                    .arg("max", range.end()),
            );
            default
        }
    }
}

impl CallInput {
    /// Validates every field; all problems at once.
    pub fn parse(&self) -> Result<CallDraft, FieldErrors> {
        let mut e = FieldErrors::default();
        let slug = e.check("slug", parse_slug(&self.slug));
        let title = |v: &str| text(v, 200, Some("valid-title-required"), "valid-too-long");
        let title_de = e.check("title_de", title(&self.title_de));
        let title_en = e.check("title_en", title(&self.title_en));
        let long = |v: &str| text(v, 20_000, None, "valid-too-long");
        let short = |v: &str| text(v, 500, None, "valid-too-long");
        let teaser_de = e.check("teaser_de", short(&self.teaser_de));
        let teaser_en = e.check("teaser_en", short(&self.teaser_en));
        let body_de = e.check("body_de", long(&self.body_de));
        let body_en = e.check("body_en", long(&self.body_en));
        let eligibility_de = e.check("eligibility_de", long(&self.eligibility_de));
        let eligibility_en = e.check("eligibility_en", long(&self.eligibility_en));
        let mail = |v: &str| text(v, 2_000, None, "valid-too-long");
        let mail_submitted_de = e.check("mail_submitted_de", mail(&self.mail_submitted_de));
        let mail_submitted_en = e.check("mail_submitted_en", mail(&self.mail_submitted_en));
        let mail_ineligible_de = e.check("mail_ineligible_de", mail(&self.mail_ineligible_de));
        let mail_ineligible_en = e.check("mail_ineligible_en", mail(&self.mail_ineligible_en));
        let zone = if self.timezone.trim().is_empty() {
            "Europe/Berlin"
        } else {
            self.timezone.trim()
        };
        let tz = crate::time::parse_tz(zone);
        if tz.is_none() {
            e.add("timezone", "valid-timezone-invalid");
        }
        let tz = tz.unwrap_or(chrono_tz::Europe::Berlin);
        let mut instant = |field: &'static str, v: &str, required: bool| match parse_instant(v, tz)
        {
            Ok(None) if required => {
                e.add(field, "valid-required");
                None
            }
            Ok(t) => t,
            Err(m) => {
                e.add_msg(field, m);
                None
            }
        };
        let opens_at = instant("opens_at", &self.opens_at, true);
        let deadline = instant("deadline", &self.deadline, true);
        let review_at = instant("review_at", &self.review_at, false);
        let results_at = instant("results_at", &self.results_at, false);
        let phases = match (opens_at, deadline) {
            (Some(opens_at), Some(deadline)) => {
                let p = Phases {
                    opens_at,
                    deadline,
                    review_at,
                    results_at,
                };
                if let Err(id) = p.check() {
                    let field = match id {
                        "valid-call-deadline-before-opening" => "deadline",
                        "valid-call-review-before-deadline" => "review_at",
                        _ => "results_at",
                    };
                    e.add(field, id);
                }
                Some(p)
            }
            _ => None,
        };
        let categories = crate::text::pair_lines(&self.categories);
        if categories
            .iter()
            .any(|(de, en)| de.chars().count() > 120 || en.chars().count() > 120)
        {
            e.add("categories", "valid-too-long");
        }
        if categories.len() > 30 {
            e.add("categories", "valid-call-too-many-categories");
        }
        let abstract_max = in_range(
            &mut e,
            "abstract_max",
            self.abstract_max,
            1500,
            100..=ABSTRACT_MAX_LIMIT,
        );
        let max_files = in_range(&mut e, "max_files", self.max_files, 3, 0..=MAX_FILES_LIMIT);
        let file_max_mb = in_range(
            &mut e,
            "file_max_mb",
            self.file_max_mb,
            10,
            1..=FILE_MAX_MB_LIMIT,
        );
        if self.file_required && max_files == 0 {
            e.add("file_required", "valid-call-file-required-without-files");
        }
        if !e.is_empty() {
            return Err(e);
        }
        let s = |v: Option<String>| v.unwrap_or_default();
        Ok(CallDraft {
            slug: s(slug),
            title_de: s(title_de),
            title_en: s(title_en),
            teaser_de: s(teaser_de),
            teaser_en: s(teaser_en),
            body_de: s(body_de),
            body_en: s(body_en),
            eligibility_de: s(eligibility_de),
            eligibility_en: s(eligibility_en),
            timezone: zone.to_string(),
            phases: phases.expect("checked above"),
            categories,
            abstract_max,
            max_files,
            file_max_mb,
            file_required: self.file_required,
            mail_submitted_de: s(mail_submitted_de),
            mail_submitted_en: s(mail_submitted_en),
            mail_ineligible_de: s(mail_ineligible_de),
            mail_ineligible_en: s(mail_ineligible_en),
        })
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Submission {
    pub id: i64,
    pub call_id: i64,
    pub account_id: Option<crate::ids::AccountId>,
    pub status: SubmissionStatus,
    pub title: String,
    pub category_id: Option<i64>,
    #[sqlx(rename = "abstract")]
    pub summary: String,
    pub organisation: String,
    pub website: String,
    pub eligible_at: Option<DateTime<Utc>>,
    pub status_reason: String,
    pub placement: Option<i64>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Submission {
    /// The submission as its team may see it: until the organiser releases the results, a
    /// decision (its status, place and the reason given with it) reads "in review". Every team
    /// view (pages, API, data download) goes through this.
    pub fn as_seen_by_team(mut self, results_published: bool) -> Submission {
        let seen = self.status.seen_by_team(results_published);
        if seen != self.status {
            self.status = seen;
            self.placement = None;
            self.status_reason = String::new();
        }
        self
    }
}

/// A member of a submission's team.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Member {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: String,
}

/// An attached file as listed (without its bytes).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FileRow {
    pub id: i64,
    pub label: String,
    pub filename: String,
    pub content_type: String,
    pub size: i64,
    pub created_at: DateTime<Utc>,
}

/// The built-in fields of a submission as the team types them.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct SubmissionInput {
    pub title: String,
    pub category_id: Option<i64>,
    #[serde(rename = "abstract")]
    pub summary: String,
    pub organisation: String,
    pub website: String,
}

/// Checked built-in fields. Empty fields are allowed in a draft; [`missing`] names them when
/// the team submits.
#[derive(Debug, Clone, PartialEq)]
pub struct SubmissionFields {
    pub title: String,
    pub category_id: Option<i64>,
    pub summary: String,
    pub organisation: String,
    pub website: String,
}

impl SubmissionInput {
    /// Checks formats and lengths (not completeness: a draft may be half done).
    pub fn parse(
        &self,
        call: &Call,
        categories: &[Category],
    ) -> Result<SubmissionFields, FieldErrors> {
        let mut e = FieldErrors::default();
        let title = e.check("title", text(&self.title, 200, None, "valid-too-long"));
        let limit = usize::try_from(call.abstract_max).unwrap_or(1500);
        let summary = e.check(
            "abstract",
            text(&self.summary, limit, None, "valid-too-long"),
        );
        let organisation = e.check(
            "organisation",
            text(&self.organisation, 200, None, "valid-too-long"),
        );
        let website = self.website.trim().to_string();
        if !website.is_empty()
            && (website.chars().count() > 300
                || !(website.starts_with("https://") || website.starts_with("http://"))
                || website.contains(char::is_whitespace))
        {
            e.add("website", "valid-url-invalid");
        }
        let category_id = self.category_id.filter(|id| *id > 0);
        if let Some(id) = category_id
            && !categories.iter().any(|c| c.id == id)
        {
            e.add("category_id", "valid-choice-invalid");
        }
        if !e.is_empty() {
            return Err(e);
        }
        Ok(SubmissionFields {
            title: title.unwrap_or_default(),
            category_id,
            summary: summary.unwrap_or_default(),
            organisation: organisation.unwrap_or_default(),
            website,
        })
    }
}

/// What a submission still lacks before it can be submitted: every missing field at once,
/// named like the form's fields (`title`, `abstract`, `q{id}`, `files` …).
pub fn missing(
    call: &Call,
    categories: &[Category],
    questions: &[Question],
    sub: &Submission,
    answered: &[i64],
    files: usize,
) -> FieldErrors {
    let mut e = FieldErrors::default();
    if sub.title.trim().is_empty() {
        e.add("title", "valid-required");
    }
    if !categories.is_empty() && sub.category_id.is_none() {
        e.add("category_id", "valid-required");
    }
    if sub.summary.trim().is_empty() {
        e.add("abstract", "valid-required");
    }
    if sub.organisation.trim().is_empty() {
        e.add("organisation", "valid-required");
    }
    for q in questions.iter().filter(|q| q.required) {
        if !answered.contains(&q.id) {
            e.add_msg(q.field(), Msg::new("valid-required"));
        }
    }
    if call.file_required && files == 0 {
        e.add("files", "valid-call-file-missing");
    }
    e
}

/// What the organisers' list filters by.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub q: String,
    pub status: Option<SubmissionStatus>,
    pub category_id: Option<i64>,
    /// One page of the matches as (rows, rows skipped); `None`: all of them (exports).
    pub window: Option<(i64, i64)>,
}

/// A stored answer, with the name of its file for file questions.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredAnswer {
    pub question_id: i64,
    pub value: String,
    pub filename: Option<String>,
}

/// One line of a call's audit log: the call itself, its submissions or its jury rounds.
pub use crate::audit::LogRow;

#[cfg(test)]
mod tests {
    use super::SubmissionStatus::*;
    use super::*;
    use chrono::TimeZone;

    fn at(d: u32, h: u32, m: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 3, d, h, m, s).unwrap()
    }

    fn phases() -> Phases {
        Phases {
            opens_at: at(1, 8, 0, 0),
            deadline: at(15, 11, 0, 0),
            review_at: Some(at(16, 8, 0, 0)),
            results_at: Some(at(30, 16, 0, 0)),
        }
    }

    #[test]
    fn a_call_moves_through_its_phases_and_closes_at_the_exact_second() {
        let p = phases();
        assert_eq!(p.check(), Ok(()));
        assert_eq!(p.at(at(1, 7, 59, 59)), Phase::Upcoming);
        assert_eq!(p.at(at(1, 8, 0, 0)), Phase::Open);
        assert_eq!(p.at(at(15, 10, 59, 59)), Phase::Open);
        assert_eq!(p.at(at(15, 11, 0, 0)), Phase::Closed);
        assert_eq!(p.at(at(16, 8, 0, 0)), Phase::Review);
        assert_eq!(p.at(at(30, 16, 0, 0)), Phase::Decided);
        let bad = Phases {
            deadline: at(1, 8, 0, 0),
            ..p
        };
        assert_eq!(bad.check(), Err("valid-call-deadline-before-opening"));
        let bad = Phases {
            review_at: Some(at(14, 8, 0, 0)),
            ..p
        };
        assert_eq!(bad.check(), Err("valid-call-review-before-deadline"));
    }

    #[test]
    fn teams_submit_withdraw_and_resubmit_only_while_the_call_is_open() {
        let p = phases();
        let open = at(10, 12, 0, 0);
        let late = at(15, 11, 0, 0);
        assert_eq!(Draft.change(Submitted, By::Team, &p, open), Ok(Submitted));
        assert_eq!(
            Submitted.change(Withdrawn, By::Team, &p, open),
            Ok(Withdrawn)
        );
        assert_eq!(
            Withdrawn.change(Submitted, By::Team, &p, open),
            Ok(Submitted)
        );
        assert_eq!(
            Draft.change(Submitted, By::Team, &p, late),
            Err("submission-deadline-passed"),
            "one second late is too late"
        );
        assert_eq!(
            Submitted.change(Withdrawn, By::Team, &p, late),
            Err("submission-deadline-passed")
        );
        assert!(Submitted.editable(&p, open) && !Submitted.editable(&p, late));
        assert!(!InReview.editable(&p, open));
        // Teams never judge themselves.
        for to in [
            Ineligible,
            InReview,
            Shortlisted,
            Finalist,
            Winner,
            NotSelected,
        ] {
            assert_eq!(
                Submitted.change(to, By::Team, &p, open),
                Err("submission-status-change-invalid")
            );
        }
    }

    #[test]
    fn teams_see_a_decision_only_once_the_results_are_released() {
        for s in [Shortlisted, Finalist, Winner, NotSelected] {
            assert_eq!(s.seen_by_team(false), InReview);
            assert_eq!(s.seen_by_team(true), s);
        }
        for s in [Draft, Submitted, InReview, Withdrawn] {
            assert_eq!(s.seen_by_team(false), s);
        }
    }

    #[test]
    fn organisers_check_eligibility_review_after_the_deadline_and_decide_in_order() {
        let p = phases();
        let open = at(10, 12, 0, 0);
        let after = at(16, 9, 0, 0);
        assert_eq!(
            Submitted.change(Ineligible, By::Organiser, &p, open),
            Ok(Ineligible)
        );
        assert_eq!(
            Ineligible.change(Submitted, By::Organiser, &p, open),
            Ok(Submitted)
        );
        assert_eq!(
            Submitted.change(InReview, By::Organiser, &p, open),
            Err("submission-review-before-deadline")
        );
        let mut s = Submitted;
        for to in [InReview, Shortlisted, Finalist, Winner] {
            s = s.change(to, By::Organiser, &p, after).unwrap();
        }
        assert_eq!(s, Winner);
        // No skipping: a draft is never reviewed, an entry in review is not a winner at once.
        assert!(Draft.change(InReview, By::Organiser, &p, after).is_err());
        assert!(InReview.change(Winner, By::Organiser, &p, after).is_err());
        assert!(
            Withdrawn
                .change(Ineligible, By::Organiser, &p, after)
                .is_err()
        );
        assert_eq!(
            Finalist.change(NotSelected, By::Organiser, &p, after),
            Ok(NotSelected)
        );
    }
}
