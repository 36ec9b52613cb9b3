//! The organisers' jury pages: the jury of a call (rounds, jurors, conflicts, review start and
//! release), one round (settings, criteria, assignment matrix, ranking, the chair's
//! confirmation, pitch slots) and the stage screen with the results.
//!
//! Form fields carry an id prefix per form (`r-` round, `j-` invitation, `c-` new criterion,
//! `c<id>-` an existing one), because several forms on one page share field names; the
//! errors of a refused form are keyed by those ids, so that the summary links to the field.

use crate::{Errors, Layout, Template};

/// The round form's values, as stored or as typed.
#[derive(Debug, Clone, Default)]
pub struct RoundValues {
    pub name_de: String,
    pub name_en: String,
    pub kind: String,
    pub entrants: String,
    pub scale_min: String,
    pub scale_max: String,
    pub aggregation: String,
    pub normalise: bool,
    pub per_submission: String,
    pub disagreement: String,
    pub others_scores: String,
    pub names_hidden: bool,
    pub opens_at: String,
    pub closes_at: String,
    pub session_id: String,
}

/// The choices of the round form: `(value, label)` each.
#[derive(Debug, Clone, Default)]
pub struct RoundChoices {
    pub kinds: Vec<(String, String)>,
    pub entrants: Vec<(String, String)>,
    pub aggregations: Vec<(String, String)>,
    pub others_scores: Vec<(String, String)>,
    /// The pitching sessions of the call's event; empty without an event.
    pub sessions: Vec<(String, String)>,
    /// "Times in Europe/Berlin (CET)".
    pub timezone_note: String,
}

/// A round in the jury's list.
#[derive(Debug, Clone)]
pub struct RoundLine {
    pub url: String,
    pub name: String,
    pub kind: String,
    pub phase: String,
    /// "4 / 6"
    pub progress: String,
    pub times: String,
}

/// A juror of the call.
#[derive(Debug, Clone)]
pub struct JurorLine {
    pub name: String,
    pub email: String,
    pub organisation: String,
    /// The categories they review, or "all categories".
    pub categories: String,
    pub remove_url: String,
}

/// The invitation form as typed.
#[derive(Debug, Clone, Default)]
pub struct InviteValues {
    pub email: String,
    pub name: String,
    /// Ticked category ids.
    pub categories: Vec<String>,
}

impl InviteValues {
    pub fn has_category(&self, id: &str) -> bool {
        self.categories.iter().any(|c| c == id)
    }
}

/// A declared or detected conflict of interest.
#[derive(Debug, Clone)]
pub struct ConflictLine {
    pub juror: String,
    pub submission: String,
    /// The juror's reason, or "same organisation" / "on the team".
    pub reason: String,
    /// "declared" or "detected" (for the CSS and the tests).
    pub source: &'static str,
}

/// Organisation names that may be the same: the organiser confirms a conflict or dismisses it.
#[derive(Debug, Clone)]
pub struct PossibleLine {
    pub juror: String,
    pub submission: String,
    /// "Fraunhofer" / "Fraunhofer UMSICHT".
    pub organisations: String,
    /// The form's action; `conflict=true|false` is the button pressed.
    pub action: String,
}

/// A button that posts one action with a label and a sentence that says what it does.
#[derive(Debug, Clone)]
pub struct Action {
    pub url: String,
    pub label: String,
    pub note: String,
}

#[derive(Template)]
#[template(path = "jury_orga/jury.html")]
pub struct JuryPage {
    pub layout: Layout,
    pub errors: Errors,
    pub call_url: String,
    /// What the last action did ("3 submissions moved into review").
    pub notice: Option<String>,
    pub rounds: Vec<RoundLine>,
    /// Show the new-round form unfolded (no round yet, or it was refused).
    pub round_open: bool,
    pub round_action: String,
    pub round: RoundValues,
    pub choices: RoundChoices,
    pub jurors: Vec<JurorLine>,
    pub invite_action: String,
    pub invite: InviteValues,
    /// `(id, name)` of the call's categories.
    pub categories: Vec<(String, String)>,
    pub conflicts: Vec<ConflictLine>,
    pub possible: Vec<PossibleLine>,
    /// Set while eligible submissions wait to be moved into review.
    pub start_review: Option<Action>,
    /// Set until the results are released.
    pub release: Option<Action>,
    pub released: bool,
}

/// A criterion's form values.
#[derive(Debug, Clone, Default)]
pub struct CriterionValues {
    pub name_de: String,
    pub name_en: String,
    pub help_de: String,
    pub help_en: String,
    pub labels_de: String,
    pub labels_en: String,
    pub weight: String,
    pub informational: bool,
}

/// A criterion of the round, with its edit form.
#[derive(Debug, Clone)]
pub struct CriterionLine {
    /// The id prefix of its edit form's fields (`c12-`).
    pub prefix: String,
    pub name: String,
    pub help: String,
    pub weight: String,
    pub informational: bool,
    /// "0 = not convincing · 10 = outstanding"
    pub labels: String,
    pub edit_action: String,
    pub delete_url: String,
    pub values: CriterionValues,
    /// Open the edit form (it was refused).
    pub open: bool,
}

/// One cell of the assignment matrix.
#[derive(Debug, Clone)]
pub struct Cell {
    /// "Submitted", "Draft", "Assigned", "Conflict", "–".
    pub state: String,
    /// `cell-final`, `cell-draft`, `cell-assigned`, `cell-conflict`, `cell-free`.
    pub class: &'static str,
    /// The juror's name (the column head), for the compact list of large rounds.
    pub juror_name: String,
    /// The pair a button posts: `juror-submission`.
    pub pair: String,
    /// The button: (form action, label). Its cell's row and column heads name the juror and
    /// the entry for screen readers.
    pub button: Option<(String, String)>,
}

/// One entrant's row of the matrix.
#[derive(Debug, Clone)]
pub struct MatrixRow {
    pub submission: i64,
    pub title: String,
    pub category: String,
    pub status: String,
    pub cells: Vec<Cell>,
    /// "2 / 3" jurors assigned of those wanted.
    pub count: String,
    pub short: bool,
}

/// One line of the ranking.
#[derive(Debug, Clone)]
pub struct RankLine {
    pub rank: String,
    pub submission: i64,
    pub title: String,
    pub score: String,
    /// The jurors' own score, shown beside a normalised one.
    pub raw_score: Option<String>,
    pub reviews: usize,
    pub abstentions: usize,
    /// The raw spread.
    pub spread: String,
    /// The normalised spread, when the round normalises.
    pub normalised_spread: Option<String>,
    pub disagreement: bool,
    pub first_criterion: String,
}

/// One entry of the ranking as the chair confirmed it.
#[derive(Debug, Clone)]
pub struct ConfirmedRow {
    pub submission: i64,
    pub rank: String,
    pub title: String,
    pub score: String,
    /// The raw score, when the round normalised.
    pub raw_score: Option<String>,
    pub spread: String,
    pub normalised_spread: Option<String>,
    pub disagreement: bool,
    pub first_criterion: String,
    pub decision: String,
}

/// The chair's decision for one entrant.
#[derive(Debug, Clone)]
pub struct DecisionLine {
    /// `outcome_<submission id>`
    pub field: String,
    pub rank: String,
    pub title: String,
    pub status: String,
    /// `(value, label)`: advance, finalist, place_1 …, keep, not_selected — what fits.
    pub options: Vec<(String, String)>,
    pub selected: String,
}

/// The confirmation form, once the round is closed and not yet confirmed.
#[derive(Debug, Clone)]
pub struct ConfirmForm {
    pub action: String,
    /// Where places can be awarded: here (the call's last round) or in a later round.
    pub places_hint: String,
    pub lines: Vec<DecisionLine>,
}

/// A pitch slot with its live progress.
#[derive(Debug, Clone)]
pub struct SlotLine {
    pub position: i64,
    pub time: String,
    pub title: String,
    /// "2 of 3 jurors have scored"
    pub progress: String,
}

/// One entrant's place in the pitch order form.
#[derive(Debug, Clone)]
pub struct OrderLine {
    /// `pos_<submission id>`
    pub field: String,
    pub title: String,
    pub value: String,
}

/// What a pitch round adds.
#[derive(Debug, Clone)]
pub struct PitchPart {
    /// The session's title and time.
    pub session: String,
    pub slots: Vec<SlotLine>,
    pub order_action: String,
    pub order: Vec<OrderLine>,
}

#[derive(Template)]
#[template(path = "jury_orga/round.html")]
pub struct RoundPage {
    pub layout: Layout,
    pub errors: Errors,
    /// The round's own panel: (account id, name, on the panel), and the form's action while
    /// the round is open.
    pub panel: Vec<(i64, String, bool)>,
    pub panel_action: Option<String>,
    pub jury_url: String,
    pub notice: Option<String>,
    /// (label, value) of the round's facts: kind, phase, times, progress.
    pub facts: Vec<(String, String)>,
    pub close: Option<Action>,
    pub csv_url: String,
    pub stage_url: String,
    pub report_url: String,
    pub settings_action: String,
    /// Show the settings form unfolded (it was refused).
    pub settings_open: bool,
    pub round: RoundValues,
    pub choices: RoundChoices,
    pub criteria: Vec<CriterionLine>,
    pub criterion_action: String,
    pub new_criterion: CriterionValues,
    /// Show the new-criterion form unfolded (none yet, or it was refused).
    pub criterion_open: bool,
    /// "Scores from 0 to 10."
    pub scale_note: String,
    /// Column heads of the matrix: the jurors' names.
    pub jurors: Vec<String>,
    pub rows: Vec<MatrixRow>,
    /// Too many entries × jurors for a grid: each row lists its assigned jurors only, and one
    /// form below assigns by choosing a juror and an entry.
    pub matrix_compact: bool,
    /// The form every matrix button belongs to (assign; removal buttons set their own action).
    pub matrix_action: String,
    /// The compact mode's choices: (account id, name) and (submission id, "#id title").
    pub juror_choices: Vec<(String, String)>,
    pub entry_choices: Vec<(String, String)>,
    pub auto_assign: Option<Action>,
    /// Entries still short of jurors: "Title (1 more wanted)".
    pub short: Vec<String>,
    pub import_action: Option<String>,
    pub import_text: String,
    pub ranking: Vec<RankLine>,
    /// Whether the round evens out jurors: then the raw and the normalised spread are shown.
    pub normalised: bool,
    /// The first criterion's name, for the tie-break column.
    pub first_criterion: String,
    /// The tie-break rules, in words.
    pub rules: Vec<String>,
    pub confirm: Option<ConfirmForm>,
    /// "Confirmed on … by …".
    pub confirmed: Option<String>,
    /// The ranking as confirmed, with the decisions (empty until confirmed).
    pub confirmed_rows: Vec<ConfirmedRow>,
    pub pitch: Option<PitchPart>,
}

/// One result on the stage screen.
#[derive(Debug, Clone)]
pub struct StageLine {
    pub place: String,
    pub title: String,
    pub organisation: String,
    pub score: String,
}

/// The stage screen: large results once the round is closed, progress before.
#[derive(Template)]
#[template(path = "jury_orga/stage.html")]
pub struct StagePage {
    pub layout: Layout,
    pub call_title: String,
    pub round_name: String,
    pub closed: bool,
    pub lines: Vec<StageLine>,
    /// "12 of 18 reviews done".
    pub progress: String,
    /// Seconds between reloads while the jury is scoring; 0: no reload.
    pub refresh: u32,
}
