//! The jurors' pages: the calls and rounds they serve in, a round's queue, and one entry with
//! the declaration of conflicts, the entry itself, the review form and (when the round's rules
//! allow) the other jurors' scores. Also the pitches listed on the agenda's session page.
//!
//! Every decision (what a juror may see, whether the form is locked) is taken by the backend's
//! jury service; these view models only carry its outcome, already translated.

use crate::{Errors, Layout, Template};

/// A round on the juror's overview.
#[derive(Debug, Clone)]
pub struct RoundLine {
    /// The round's id, for element ids.
    pub id: i64,
    pub url: String,
    pub name: String,
    /// "Online review" or "Live pitch".
    pub kind: String,
    /// "Open for scoring", "Closed" …
    pub phase: String,
    /// `upcoming | open | closed | confirmed`, for styling.
    pub phase_code: &'static str,
    /// "Closes on Monday, 30 November 2026, 18:00 CET" (in the call's time zone).
    pub when: String,
    pub done: usize,
    pub total: usize,
    /// "3 of 8 done".
    pub progress: String,
}

/// A call the juror serves on.
#[derive(Debug, Clone)]
pub struct CallBlock {
    pub title: String,
    pub rounds: Vec<RoundLine>,
}

#[derive(Template)]
#[template(path = "jury/mine.html")]
pub struct Mine {
    pub layout: Layout,
    pub calls: Vec<CallBlock>,
}

/// One entry of a round's queue.
#[derive(Debug, Clone)]
pub struct QueueRow {
    /// `None` for an entry in conflict: it cannot be opened.
    pub url: Option<String>,
    pub title: String,
    pub category: String,
    /// "To declare", "Draft", "Submitted", "Abstained", "Conflict of interest" …
    pub status: String,
    /// `declare | open | draft | final | abstained | conflict`.
    pub status_code: &'static str,
    /// Pitch rounds: "14:00–14:20 CET" (or "no slot yet").
    pub slot: String,
    /// Pitch rounds, before the slot starts: "Scoring opens at 14:00".
    pub opens: String,
}

#[derive(Template)]
#[template(path = "jury/queue.html")]
pub struct QueuePage {
    pub layout: Layout,
    pub call_title: String,
    pub kind: String,
    pub phase: String,
    pub when: String,
    pub done: usize,
    pub total: usize,
    pub progress: String,
    pub pitch: bool,
    pub rows: Vec<QueueRow>,
}

/// A point of a scale shown as a radio button.
#[derive(Debug, Clone)]
pub struct ScalePoint {
    pub value: String,
    /// The organiser's label of this point, if any ("outstanding").
    pub label: String,
    pub checked: bool,
}

/// One criterion of the review form.
#[derive(Debug, Clone)]
pub struct CriterionField {
    /// The form field's name and the id of its (first) input: `score_12`.
    pub name: String,
    pub label: String,
    pub help: String,
    /// "weight 2" or "for information, not part of the total".
    pub note: String,
    /// The labelled points of the scale: ("0", "not convincing").
    pub labels: Vec<(String, String)>,
    /// Small scales (up to 11 points): one radio button per point. `None`: a number input.
    pub points: Option<Vec<ScalePoint>>,
    /// The value as stored or typed (number input).
    pub value: String,
    pub min: i64,
    pub max: i64,
}

/// Another juror's review as a juror may see it: numbered, never named.
#[derive(Debug, Clone)]
pub struct OtherView {
    /// "Juror 1".
    pub label: String,
    pub state: String,
    /// "7.5" (or "–" for an abstention).
    pub total: String,
    /// (criterion, score).
    pub scores: Vec<(String, String)>,
    pub comment: String,
}

/// An attached file, as a download link.
#[derive(Debug, Clone)]
pub struct FileLink {
    pub url: String,
    pub name: String,
    pub label: String,
    pub size: String,
}

/// The entry itself, once the juror declared that they have no conflict.
#[derive(Debug, Clone)]
pub struct EntryContent {
    pub category: String,
    pub summary: Vec<String>,
    /// The round hides the applicants: no team, organisation or website.
    pub names_hidden: bool,
    pub organisation: String,
    pub website: String,
    /// (name, role) of the team's members.
    pub members: Vec<(String, String)>,
    /// (question, answer) of the call's own questions.
    pub answers: Vec<(String, String)>,
    pub files: Vec<FileLink>,
}

/// The review form and what surrounds it.
#[derive(Debug, Clone)]
pub struct ReviewForm {
    pub action: String,
    /// "Not started", "Draft", "Submitted", "Abstained".
    pub state: String,
    pub state_code: &'static str,
    /// "0–10".
    pub scale: String,
    pub criteria: Vec<CriterionField>,
    pub comment: String,
    pub team_note: String,
    pub abstain_reason: String,
    /// Why the form is read-only (round closed, pitch not started …); `None`: it can be used.
    pub locked: Option<String>,
}

#[derive(Template)]
#[template(path = "jury/entry.html")]
pub struct EntryPage {
    pub layout: Layout,
    pub errors: Errors,
    /// A problem with the last action that is not about one field (e.g. the round closed).
    pub alert: Option<String>,
    pub call_title: String,
    pub round_name: String,
    pub queue_url: String,
    pub title: String,
    /// Pitch rounds: "14:00–14:20 CET".
    pub slot: String,
    /// Before the declaration: where to post it. The entry is not shown until then.
    pub declare_url: Option<String>,
    /// After declaring "no conflict": a conflict can still be declared later.
    pub conflict_url: Option<String>,
    /// The reason as typed (after a refused declaration).
    pub reason: String,
    pub content: Option<EntryContent>,
    pub review: Option<ReviewForm>,
    /// The other jurors' reviews, when the rules show them now.
    pub others: Option<Vec<OtherView>>,
    /// When the rules hide them: when they will be shown ("after you submit yours").
    pub others_note: String,
    /// "After my own review" rounds, once handed in: where to post to open the others' reviews
    /// (which locks the juror's own review; the page warns before the button).
    pub others_url: Option<String>,
}

/// A pitch in an agenda session (the session's public page).
#[derive(Debug, Clone)]
pub struct PitchLine {
    /// "14:00–14:20".
    pub time: String,
    pub title: String,
    pub organisation: String,
}
