//! The JSON bodies of the jury API and their conversions from the service's views: what
//! organisers and jurors send and read (see `super` for the endpoints).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use poem_openapi::Object;

use crate::call::api::FileBody;
use crate::error::AppError;
use crate::jury::model::{CriterionInput, CriterionRow, ReviewState, Round, RoundInput, Slot};
use crate::jury::service::{EntryView, ReviewInput, RoundView};

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "JuryRound")]
pub struct RoundBody {
    pub id: i64,
    pub name_de: String,
    pub name_en: String,
    /// online or pitch.
    pub kind: String,
    /// The submission status the round judges: in_review, shortlisted or finalist.
    pub entrants: String,
    pub scale_min: i64,
    pub scale_max: i64,
    /// mean or median.
    pub aggregation: String,
    /// Per-juror z-scores, rescaled to the scale.
    pub normalise: bool,
    pub per_submission: i64,
    /// A spread above this is flagged as disagreement.
    pub disagreement: f64,
    /// When jurors see the others' scores: never, after_own or after_close.
    pub others_scores: String,
    /// Applicants' names are hidden from jurors.
    pub names_hidden: bool,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    /// Set when an organiser closed the round early.
    pub closed_at: Option<DateTime<Utc>>,
    /// Pitch rounds: the agenda session hosting the pitches.
    pub session_id: Option<i64>,
    pub confirmed_at: Option<DateTime<Utc>>,
}

impl From<Round> for RoundBody {
    fn from(r: Round) -> Self {
        RoundBody {
            id: r.id,
            name_de: r.name_de,
            name_en: r.name_en,
            kind: r.kind,
            entrants: r.entrants,
            scale_min: r.scale_min,
            scale_max: r.scale_max,
            aggregation: r.aggregation,
            normalise: r.normalise,
            per_submission: r.per_submission,
            disagreement: r.disagreement,
            others_scores: r.others_scores,
            names_hidden: r.names_hidden,
            opens_at: r.opens_at,
            closes_at: r.closes_at,
            closed_at: r.closed_at,
            session_id: r.session_id,
            confirmed_at: r.confirmed_at,
        }
    }
}

/// A round as an organiser writes it.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "JuryRoundInput")]
pub struct RoundInputBody {
    pub name_de: String,
    pub name_en: String,
    /// online (default) or pitch.
    #[oai(default)]
    pub kind: String,
    /// in_review (default), shortlisted or finalist.
    #[oai(default)]
    pub entrants: String,
    /// Default 0.
    pub scale_min: Option<i64>,
    /// Default 10.
    pub scale_max: Option<i64>,
    /// mean (default) or median.
    #[oai(default)]
    pub aggregation: String,
    #[oai(default)]
    pub normalise: bool,
    /// Jurors per submission for automatic assignment (default 3).
    pub per_submission: Option<i64>,
    pub disagreement: Option<f64>,
    /// never (default), after_own or after_close.
    #[oai(default)]
    pub others_scores: String,
    #[oai(default)]
    pub names_hidden: bool,
    /// RFC 3339, or local time in the call's zone (`2027-04-01T09:00`).
    pub opens_at: String,
    pub closes_at: String,
    pub session_id: Option<i64>,
}

impl RoundInputBody {
    pub(super) fn input(self) -> RoundInput {
        let or = |v: String, d: &str| {
            if v.trim().is_empty() {
                d.to_string()
            } else {
                v
            }
        };
        RoundInput {
            name_de: self.name_de,
            name_en: self.name_en,
            kind: or(self.kind, "online"),
            entrants: or(self.entrants, "in_review"),
            scale_min: self.scale_min,
            scale_max: self.scale_max,
            aggregation: or(self.aggregation, "mean"),
            normalise: self.normalise,
            per_submission: self.per_submission.or(Some(3)),
            disagreement: self.disagreement,
            others_scores: or(self.others_scores, "never"),
            names_hidden: self.names_hidden,
            opens_at: self.opens_at,
            closes_at: self.closes_at,
            session_id: self.session_id,
        }
    }
}

#[derive(Object, Debug)]
#[oai(rename = "JuryCriterion")]
pub struct CriterionBody {
    pub id: i64,
    pub position: i64,
    pub name_de: String,
    pub name_en: String,
    pub help_de: String,
    pub help_en: String,
    /// Scale labels, one per line (`0 = not convincing`).
    pub labels_de: String,
    pub labels_en: String,
    pub weight: f64,
    /// Scored but not part of the total.
    pub informational: bool,
}

impl From<CriterionRow> for CriterionBody {
    fn from(c: CriterionRow) -> Self {
        use convene_frontend::Lang;
        let (labels_de, labels_en) = (
            crate::jury::model::labels_text(&c.labels(Lang::De)),
            crate::jury::model::labels_text(&c.labels(Lang::En)),
        );
        CriterionBody {
            id: c.id,
            position: c.position,
            name_de: c.name_de,
            name_en: c.name_en,
            help_de: c.help_de,
            help_en: c.help_en,
            labels_de,
            labels_en,
            weight: c.weight,
            informational: c.informational,
        }
    }
}

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "JuryCriterionInput")]
pub struct CriterionInputBody {
    pub name_de: String,
    pub name_en: String,
    #[oai(default)]
    pub help_de: String,
    #[oai(default)]
    pub help_en: String,
    #[oai(default)]
    pub labels_de: String,
    #[oai(default)]
    pub labels_en: String,
    /// Default 1.
    pub weight: Option<f64>,
    #[oai(default)]
    pub informational: bool,
}

impl CriterionInputBody {
    pub(super) fn input(self) -> CriterionInput {
        CriterionInput {
            name_de: self.name_de,
            name_en: self.name_en,
            help_de: self.help_de,
            help_en: self.help_en,
            labels_de: self.labels_de,
            labels_en: self.labels_en,
            weight: self.weight.or(Some(1.0)),
            informational: self.informational,
        }
    }
}

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "Juror")]
pub struct JurorBody {
    pub account_id: i64,
    pub name: String,
    pub email: String,
    pub organisation: Option<String>,
    /// The categories the juror judges; empty: all.
    pub categories: Vec<i64>,
}

#[derive(Object, Debug)]
#[oai(rename = "JurorInvitation")]
pub struct InviteBody {
    pub email: String,
    #[oai(default)]
    pub name: String,
    #[oai(default)]
    pub categories: Vec<i64>,
}

#[derive(Object, Debug)]
#[oai(rename = "JurorInvited")]
pub struct InvitedBody {
    /// Whether the person is new to the jury (and was sent an invitation). False: they were a
    /// juror already; their categories were updated and no mail was sent.
    pub added: bool,
}

#[derive(Object, Debug)]
#[oai(rename = "ConflictDeclaration")]
pub struct DeclarationBody {
    pub submission_id: i64,
    pub juror_account_id: i64,
    pub conflict: bool,
    pub reason: String,
    pub declared_at: DateTime<Utc>,
}

#[derive(Object, Debug)]
#[oai(rename = "DetectedConflict")]
pub struct DetectedBody {
    pub submission_id: i64,
    pub juror_account_id: i64,
    /// In the team (otherwise: the same organisation, or a colleague on the team).
    pub team_member: bool,
}

/// A juror's organisation and an entry's whose names may mean the same organisation; an
/// organiser decides (`PUT .../jury/possible-conflicts/{juror}/{submission}`).
#[derive(Object, Debug)]
#[oai(rename = "PossibleConflict")]
pub struct PossibleBody {
    pub submission_id: i64,
    pub juror_account_id: i64,
    pub juror_organisation: String,
    pub entry_organisation: String,
}

/// The organiser's decision on a possible conflict.
#[derive(Object, Debug)]
#[oai(rename = "PossibleConflictDecision")]
pub struct PossibleDecisionBody {
    /// True: the same organisation, a conflict of interest; false: different organisations.
    pub conflict: bool,
}

#[derive(Object, Debug)]
#[oai(rename = "Jury")]
pub struct JuryBody {
    pub rounds: Vec<RoundBody>,
    pub jurors: Vec<JurorBody>,
    pub declarations: Vec<DeclarationBody>,
    pub detected_conflicts: Vec<DetectedBody>,
    /// Similar organisation names still to be decided.
    pub possible_conflicts: Vec<PossibleBody>,
}

#[derive(Object, Debug)]
#[oai(rename = "JuryAssignment")]
pub struct AssignmentBody {
    pub juror_account_id: i64,
    pub submission_id: i64,
    /// auto, manual or import.
    pub source: String,
}

#[derive(Object, Debug)]
#[oai(rename = "JuryAssignmentInput")]
pub struct AssignInputBody {
    pub juror_account_id: i64,
    pub submission_id: i64,
}

#[derive(Object, Debug)]
#[oai(rename = "JuryAssignmentPlan")]
pub struct PlanBody {
    /// The pairs added.
    pub added: Vec<AssignmentBody>,
    /// Entries that still lack jurors: `submission_id`, `missing`.
    pub short: Vec<ShortBody>,
}

#[derive(Object, Debug)]
#[oai(rename = "JuryShortfall")]
pub struct ShortBody {
    pub submission_id: i64,
    pub missing: i64,
}

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "JuryReview")]
pub struct ReviewBody {
    pub submission_id: i64,
    /// Organisers: the juror; jurors' own reviews: themselves; other jurors' reviews: absent.
    pub juror_account_id: Option<i64>,
    /// draft, final or abstained.
    pub state: String,
    /// Score per criterion id.
    pub scores: HashMap<String, f64>,
    /// The weighted total on the scale (final reviews with every required score).
    pub total: Option<f64>,
    pub comment: String,
    /// Organisers and the juror only: the note released to the team.
    pub team_note: Option<String>,
    pub abstain_reason: Option<String>,
    pub updated_at: Option<DateTime<Utc>>,
}

pub(super) fn scores_body(scores: &HashMap<i64, f64>) -> HashMap<String, f64> {
    scores.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

pub(super) fn own_review(
    r: &crate::jury::model::Review,
    criteria: &[crate::jury::rank::Criterion],
) -> ReviewBody {
    ReviewBody {
        submission_id: r.row.submission_id,
        juror_account_id: Some(r.row.account_id),
        state: r.row.state().as_str().into(),
        scores: scores_body(&r.scores),
        total: if r.row.state() == ReviewState::Abstained {
            None
        } else {
            crate::jury::rank::total(criteria, &r.scores)
        },
        comment: r.row.comment.clone(),
        team_note: Some(r.row.team_note.clone()),
        abstain_reason: Some(r.row.abstain_reason.clone()),
        updated_at: Some(r.row.updated_at),
    }
}

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "JuryRankingEntry")]
pub struct RankedBody {
    pub submission_id: i64,
    pub title: String,
    /// The submission's status now.
    pub status: String,
    /// 1-based; equal entries after every tie-break share a rank.
    pub rank: i64,
    /// The score the ranking is by: normalised when the round normalises.
    pub score: Option<f64>,
    /// The score from the jurors' own totals (equal to `score` without normalising).
    pub raw_score: Option<f64>,
    pub reviews: i64,
    pub abstentions: i64,
    /// Highest minus lowest of the jurors' own totals.
    pub spread: f64,
    /// Highest minus lowest of the normalised totals, when the round normalises.
    pub normalised_spread: Option<f64>,
    /// Either spread is above the round's threshold.
    pub disagreement: bool,
    /// The first tie-break: the mean raw score on the first criterion that counts.
    pub first_criterion: Option<f64>,
}

#[derive(Object, Debug)]
#[oai(rename = "JurySlot")]
pub struct SlotBody {
    pub submission_id: i64,
    pub position: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

impl From<Slot> for SlotBody {
    fn from(s: Slot) -> Self {
        SlotBody {
            submission_id: s.submission_id,
            position: s.position,
            starts_at: s.starts_at,
            ends_at: s.ends_at,
        }
    }
}

/// A round with everything organisers see of it.
#[derive(Object, Debug)]
#[oai(rename = "JuryRoundDetail")]
pub struct RoundDetailBody {
    pub round: RoundBody,
    pub criteria: Vec<CriterionBody>,
    pub assignments: Vec<AssignmentBody>,
    pub reviews: Vec<ReviewBody>,
    pub ranking: Vec<RankedBody>,
    pub slots: Vec<SlotBody>,
    /// Reviews done (final or abstained) and assignments.
    pub done: i64,
    pub assigned: i64,
    /// The chair's confirmation, once given: the record of what was decided.
    pub confirmation: Option<ConfirmationBody>,
    /// The round's own jurors (account ids); empty: the call's whole jury judges it.
    pub panel: Vec<i64>,
}

/// A round's own jurors.
#[derive(Object, Debug)]
#[oai(rename = "JuryPanel")]
pub struct PanelBody {
    /// Jurors of the call (account ids); empty: the call's whole jury.
    pub juror_account_ids: Vec<i64>,
}

/// A round's confirmation as recorded: when, by whom, and the ranking as it stood then with
/// each entry's decision. Later changes (a late conflict, a re-scored review) do not alter it.
#[derive(Object, Debug)]
#[oai(rename = "JuryConfirmationRecord")]
pub struct ConfirmationBody {
    pub confirmed_at: DateTime<Utc>,
    /// The name of the organiser who confirmed (empty if the account is gone).
    pub confirmed_by: String,
    pub lines: Vec<ConfirmedLineBody>,
}

/// One entry of a confirmed ranking.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "JuryConfirmedLine")]
pub struct ConfirmedLineBody {
    pub submission_id: i64,
    pub title: String,
    pub rank: i64,
    pub score: Option<f64>,
    pub raw_score: Option<f64>,
    pub reviews: i64,
    pub abstentions: i64,
    pub spread: f64,
    pub normalised_spread: Option<f64>,
    pub disagreement: bool,
    /// The first tie-break value: the mean raw score on the first criterion that counts.
    pub first_criterion: Option<f64>,
    /// The decision: `advance`, `finalist`, `keep`, `not_selected`, `place_N`, or `none`.
    pub outcome: String,
}

pub(super) fn confirmation_body(v: &RoundView) -> Option<ConfirmationBody> {
    let at = v.round.confirmed_at?;
    Some(ConfirmationBody {
        confirmed_at: at,
        confirmed_by: v.confirmed_by_name.clone().unwrap_or_default(),
        lines: v
            .confirmed
            .iter()
            .map(|l| ConfirmedLineBody {
                submission_id: l.submission_id,
                title: v
                    .entrant(l.submission_id)
                    .map(|e| e.title.clone())
                    .unwrap_or_default(),
                rank: l.rank,
                score: l.score,
                raw_score: l.raw_score,
                reviews: l.reviews,
                abstentions: l.abstentions,
                spread: l.spread,
                normalised_spread: l.normalised_spread,
                disagreement: l.disagreement,
                first_criterion: l.first_criterion,
                outcome: l.outcome.clone(),
            })
            .collect(),
    })
}

pub(super) fn ranking_body(v: &RoundView) -> Vec<RankedBody> {
    v.ranking
        .iter()
        .map(|r| {
            let e = v.entrant(r.submission);
            RankedBody {
                submission_id: r.submission,
                title: e.map(|e| e.title.clone()).unwrap_or_default(),
                status: e.map(|e| e.status.clone()).unwrap_or_default(),
                rank: r.rank as i64,
                score: r.score,
                raw_score: r.raw_score,
                reviews: r.reviews as i64,
                abstentions: r.abstentions as i64,
                spread: r.spread,
                normalised_spread: r.normalised_spread,
                disagreement: r.disagreement,
                first_criterion: r.first_criterion,
            }
        })
        .collect()
}

pub(super) fn round_detail(v: RoundView) -> RoundDetailBody {
    let criteria = v.rank_criteria();
    let (done, assigned) = v.progress();
    RoundDetailBody {
        panel: v.panel.clone(),
        confirmation: confirmation_body(&v),
        ranking: ranking_body(&v),
        reviews: v.reviews.iter().map(|r| own_review(r, &criteria)).collect(),
        assignments: v
            .assignments
            .iter()
            .map(|a| AssignmentBody {
                juror_account_id: a.account_id,
                submission_id: a.submission_id,
                source: a.source.clone(),
            })
            .collect(),
        slots: v.slots.into_iter().map(SlotBody::from).collect(),
        criteria: v.criteria.into_iter().map(CriterionBody::from).collect(),
        round: v.round.into(),
        done: done as i64,
        assigned: assigned as i64,
    }
}

#[derive(Object, Debug)]
#[oai(rename = "JuryDecision")]
pub struct DecisionBody {
    pub submission_id: i64,
    /// advance (in_review → shortlisted, shortlisted → finalist), finalist, keep,
    /// not_selected, or place_N (a finalist's placement, e.g. place_1).
    pub outcome: String,
}

#[derive(Object, Debug)]
#[oai(rename = "JuryConfirmation")]
pub struct ConfirmBody {
    pub decisions: Vec<DecisionBody>,
}

#[derive(Object, Debug)]
#[oai(rename = "PitchOrder")]
pub struct SlotsInputBody {
    /// Submission ids in pitching order; each gets one slot of the session.
    pub order: Vec<i64>,
}

#[derive(Object, Debug)]
#[oai(rename = "Count")]
pub struct CountBody {
    pub count: i64,
}

// --- What jurors see ------------------------------------------------------------------------

#[derive(Object, Debug)]
#[oai(rename = "JurorRound")]
pub struct JurorRoundBody {
    pub call: String,
    pub round: RoundBody,
    pub done: i64,
    pub assigned: i64,
}

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "JurorQueueEntry")]
pub struct QueueBody {
    pub submission_id: i64,
    pub title: String,
    pub category_id: Option<i64>,
    /// Why the entry cannot be opened (detected or declared conflict), as a message.
    pub conflict: Option<String>,
    /// The juror declared no conflict and may open the entry.
    pub declared: bool,
    /// The juror's review: draft, final or abstained; absent before the first save.
    pub review_state: Option<String>,
    pub slot: Option<SlotBody>,
}

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "JurorEntryContent")]
pub struct ContentBody {
    pub category_id: Option<i64>,
    #[oai(rename = "abstract")]
    pub summary: String,
    /// Empty when the round hides applicants' names.
    pub organisation: String,
    pub website: String,
    /// Empty when the round hides applicants' names. Names and roles only: jurors never get
    /// the team's contact data.
    pub members: Vec<JurorMemberBody>,
    /// Answers by question (`q12`): the text, or a file's name (neutral in rounds that hide
    /// names).
    pub answers: HashMap<String, String>,
    /// In rounds that hide names, with neutral names ("Attachment 1.pdf"), as downloaded.
    pub attachments: Vec<FileBody>,
}

/// A team member as jurors see them: no e-mail address or other contact data.
#[derive(Object, Debug)]
#[oai(rename = "JurorTeamMember")]
pub struct JurorMemberBody {
    pub name: String,
    pub role: String,
}

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "JurorEntry")]
pub struct EntryBody {
    pub submission_id: i64,
    pub title: String,
    pub round: RoundBody,
    pub criteria: Vec<CriterionBody>,
    /// Absent until the juror declared that they have no conflict.
    pub content: Option<ContentBody>,
    pub review: Option<ReviewBody>,
    /// The other jurors' final reviews, anonymous; absent while the round's rule hides them.
    /// Reviews of jurors in conflict with the entry are left out.
    pub others: Option<Vec<ReviewBody>>,
    /// Rounds showing the others' reviews "after my own": the caller has handed in theirs and
    /// may open the others' (`POST …/others`), which locks their own review of this entry.
    pub others_available: bool,
    pub slot: Option<SlotBody>,
    /// Why the juror cannot change their review now, as a message; absent: they can.
    pub locked: Option<String>,
}

pub(super) fn entry_body(v: EntryView, lang: convene_frontend::Lang) -> EntryBody {
    let criteria: Vec<crate::jury::rank::Criterion> =
        v.criteria.iter().map(|c| c.for_rank(&v.round)).collect();
    let t = lang.tr();
    EntryBody {
        submission_id: v.submission,
        title: v.title,
        content: v.content.map(|c| ContentBody {
            category_id: c.sub.category_id,
            summary: c.sub.summary,
            organisation: c.sub.organisation,
            website: c.sub.website,
            members: c
                .members
                .into_iter()
                .map(|m| JurorMemberBody {
                    name: m.name,
                    role: m.role,
                })
                .collect(),
            answers: crate::call::api::answers_body(&c.answers),
            attachments: c.files.into_iter().map(FileBody::from).collect(),
        }),
        review: v.review.as_ref().map(|r| own_review(r, &criteria)),
        others: v.others.map(|list| {
            list.into_iter()
                .map(|o| ReviewBody {
                    submission_id: v.submission,
                    juror_account_id: None,
                    state: o.state.as_str().into(),
                    scores: scores_body(&o.scores),
                    total: o.total,
                    comment: o.comment,
                    team_note: None,
                    abstain_reason: None,
                    updated_at: None,
                })
                .collect()
        }),
        others_available: v.others_available,
        slot: v.slot.map(SlotBody::from),
        locked: v.locked.map(|id| t.msg(id)),
        criteria: v.criteria.into_iter().map(CriterionBody::from).collect(),
        round: v.round.into(),
    }
}

#[derive(Object, Debug)]
#[oai(rename = "ConflictDeclarationInput")]
pub struct DeclareBody {
    /// true: the juror has a conflict of interest (a reason is required) and will not judge
    /// the entry; false: no conflict, the entry opens.
    pub conflict: bool,
    #[oai(default)]
    pub reason: String,
}

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "ConflictDeclared")]
pub struct DeclaredBody {
    pub conflict: bool,
    /// The entry, now open to the juror; absent after declaring a conflict.
    pub entry: Option<EntryBody>,
}

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "JuryReviewInput")]
pub struct ReviewInputBody {
    /// Score per criterion id; only the criteria listed are written, `null` clears one.
    #[oai(default)]
    pub scores: HashMap<String, Option<f64>>,
    /// Absent: unchanged.
    pub comment: Option<String>,
    /// The note released to the team with the results. Absent: unchanged.
    pub team_note: Option<String>,
    /// draft (default), final or abstained.
    #[oai(default)]
    pub state: String,
    /// Required to abstain.
    #[oai(default)]
    pub abstain_reason: String,
}

impl ReviewInputBody {
    pub(super) fn input(self) -> Result<ReviewInput, AppError> {
        let state = if self.state.trim().is_empty() {
            ReviewState::Draft
        } else {
            ReviewState::parse(self.state.trim())
                .ok_or_else(|| AppError::field("state", "valid-choice-invalid"))?
        };
        let mut scores = Vec::new();
        let mut errors = crate::error::FieldErrors::default();
        for (k, v) in self.scores {
            // One spelling per criterion: " 5", "+5" and "05" would all mean 5, and which of
            // them was kept would depend on the map's order.
            match crate::ids::key_id(&k) {
                Some(id) => scores.push((id, v.map(|s| s.to_string()).unwrap_or_default())),
                None => errors.add_msg(
                    format!("scores.{k}"),
                    crate::error::Msg::new("valid-score-unknown-criterion"),
                ),
            }
        }
        if !errors.is_empty() {
            errors.0.sort_by(|a, b| a.0.cmp(&b.0));
            return Err(AppError::Invalid(errors));
        }
        scores.sort_by_key(|(id, _)| *id);
        Ok(ReviewInput {
            scores,
            comment: self.comment,
            team_note: self.team_note,
            state,
            abstain_reason: self.abstain_reason,
        })
    }
}
