//! Innovation call pages: the public list and call page (with countdown and results), a team's
//! submission, and the organisers' call form, submission list and submission detail.

use crate::registration::QuestionField;
use crate::{Errors, Layout, Localized, Template};

/// A call in a list.
#[derive(Debug, Clone)]
pub struct CallCard {
    pub url: String,
    pub title: Localized,
    pub teaser: Localized,
    /// "Submissions until 15 March 2027, 12:00 (CET)".
    pub deadline: String,
    /// The phase ("Open for submissions", "Closed" …).
    pub phase: String,
    /// Organisers' lists: "Draft" or "Published".
    pub status: String,
}

#[derive(Template)]
#[template(path = "call/list.html")]
pub struct List {
    pub layout: Layout,
    pub calls: Vec<CallCard>,
    /// The visitor's own submissions in any call (public list only).
    pub mine: Vec<MineLine>,
    /// Organisers' list: the "new call" link.
    pub new_url: Option<String>,
}

/// A finalist or winner on the public page.
#[derive(Debug, Clone)]
pub struct ResultLine {
    /// "1st place", "Finalist".
    pub place: String,
    pub title: String,
    pub organisation: String,
    pub category: String,
}

/// One of the visitor's own submissions.
#[derive(Debug, Clone)]
pub struct MineLine {
    pub url: String,
    pub title: String,
    pub status: String,
}

#[derive(Template)]
#[template(path = "call/detail.html")]
pub struct Detail {
    pub layout: Layout,
    pub title: Localized,
    pub teaser: Localized,
    pub paragraphs: Vec<Localized>,
    pub eligibility: Vec<Localized>,
    pub categories: Vec<Localized>,
    /// (label, local time) of the phases.
    pub phases: Vec<(String, String)>,
    pub phase: String,
    /// The deadline (RFC 3339) while the call is open, for the countdown.
    pub countdown_to: Option<String>,
    /// The countdown as rendered by the server ("3 days, 4 hours").
    pub countdown: String,
    pub event: Option<(String, String)>,
    pub draft_notice: bool,
    pub start_url: Option<String>,
    pub signin_url: Option<String>,
    pub mine: Vec<MineLine>,
    pub results: Vec<ResultLine>,
    pub orga_url: Option<String>,
}

/// A member of a team.
#[derive(Debug, Clone)]
pub struct MemberLine {
    pub name: String,
    pub email: String,
    pub role: String,
    /// Set while the team may change: the remove action.
    pub remove_url: Option<String>,
}

/// An attached file.
#[derive(Debug, Clone)]
pub struct FileLine {
    pub url: String,
    pub name: String,
    pub label: String,
    pub size: String,
    pub delete_url: Option<String>,
}

/// The built-in fields of a submission as typed.
#[derive(Debug, Clone, Default)]
pub struct SubmissionValues {
    pub title: String,
    pub category_id: String,
    pub summary: String,
    pub organisation: String,
    pub website: String,
}

#[derive(Template)]
#[template(path = "call/submission.html")]
pub struct SubmissionPage {
    pub layout: Layout,
    pub errors: Errors,
    pub call_title: String,
    pub call_url: String,
    pub status: String,
    pub status_code: &'static str,
    /// What the status means for the team now ("You can edit until …").
    pub status_note: String,
    pub reason: String,
    /// What is missing before submitting (already translated), while it is a draft.
    pub missing: Vec<String>,
    pub editable: bool,
    pub action: String,
    pub values: SubmissionValues,
    pub categories: Vec<(String, String)>,
    pub abstract_max: i64,
    pub questions: Vec<QuestionField>,
    /// Read-only view: (label, value, file URL).
    pub answers: Vec<(String, String, Option<String>)>,
    pub category: String,
    pub members: Vec<MemberLine>,
    pub invite_url: String,
    pub files: Vec<FileLine>,
    pub upload_url: Option<String>,
    pub file_note: String,
    pub submit_url: Option<String>,
    pub withdraw_url: Option<String>,
    /// The jury's notes for the team, once the results are released.
    pub jury_notes: Vec<String>,
}

/// The organisers' call form, for a new call or an existing one.
#[derive(Debug, Clone, Default)]
pub struct CallValues {
    /// The slug of the owning organisation.
    pub owner: String,
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
    pub event: String,
    pub categories: String,
    pub abstract_max: String,
    pub max_files: String,
    pub file_max_mb: String,
    pub file_required: bool,
    pub mail_submitted_de: String,
    pub mail_submitted_en: String,
    pub mail_ineligible_de: String,
    pub mail_ineligible_en: String,
}

/// What an existing call adds to its form: links and publishing.
#[derive(Debug, Clone)]
pub struct ExistingCall {
    pub public_url: String,
    pub questions_url: String,
    pub submissions_url: String,
    pub publish_url: String,
    pub published: bool,
    pub results_published: bool,
    pub status: String,
}

#[derive(Template)]
#[template(path = "call/orga_edit.html")]
pub struct CallForm {
    pub layout: Layout,
    pub errors: Errors,
    pub action: String,
    pub form: CallValues,
    pub existing: Option<ExistingCall>,
    /// (slug, title) of the events the organiser may link.
    pub events: Vec<(String, String)>,
    /// The organisations that may own the call.
    pub owners: crate::Choices,
}

#[derive(Debug, Clone)]
pub struct SubmissionRow {
    pub id: i64,
    /// Ticked for the bulk decision (kept when a bulk decision is refused).
    pub selected: bool,
    pub url: String,
    pub title: String,
    pub organisation: String,
    pub lead: String,
    pub category: String,
    pub status: String,
    pub status_code: &'static str,
    pub eligible: bool,
    pub submitted_at: String,
    pub files: i64,
}

#[derive(Template)]
#[template(path = "call/orga_submissions.html")]
pub struct Submissions {
    pub layout: Layout,
    /// Which entries of how many this page shows, and the pages around it.
    pub pager: Pager,
    pub call_url: String,
    pub edit_url: String,
    /// (label, count) per status.
    pub counts: Vec<(String, i64)>,
    pub filter_q: String,
    pub filter_status: String,
    pub filter_category: String,
    pub statuses: Vec<(String, String)>,
    pub category_options: Vec<(String, String)>,
    pub csv_url: String,
    pub json_url: String,
    pub zip_url: String,
    /// The call's audit log.
    pub log_url: String,
    pub rows: Vec<SubmissionRow>,
    pub bulk: BulkForm,
    pub errors: Errors,
}

pub use crate::Pager;
pub use crate::audit::{LogLineView, LogPage};

/// One decision for the entries ticked in the list.
#[derive(Debug, Clone)]
pub struct BulkForm {
    pub action: String,
    /// (value, label): eligible, ineligible, in review.
    pub actions: Vec<(String, String)>,
    pub action_value: String,
    pub reason: String,
}

#[derive(Template)]
#[template(path = "call/orga_submission.html")]
pub struct OrgaSubmission {
    pub layout: Layout,
    pub errors: Errors,
    pub list_url: String,
    pub title: String,
    pub status: String,
    pub eligible: String,
    pub reason: String,
    pub placement: String,
    pub category: String,
    pub organisation: String,
    pub website: String,
    pub summary: Vec<String>,
    pub answers: Vec<(String, String, Option<String>)>,
    pub members: Vec<MemberLine>,
    pub files: Vec<FileLine>,
    pub decide_url: String,
    pub can_eligible: bool,
    pub can_ineligible: bool,
    /// (status value, label) of other moves the state machine allows now.
    pub moves: Vec<(String, String)>,
    pub can_win: bool,
    /// (when, who, what) of its status changes.
    pub history: Vec<(String, String, String)>,
}
