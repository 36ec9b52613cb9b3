//! JSON API for the jury: the same services and blind rules as the pages. Organisers manage
//! rounds, criteria, jurors and assignments of their calls and read every review and the
//! ranking; jurors read their own queue and entries (as the round's rules allow) and save their
//! own declarations and reviews.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::{Attachment, AttachmentType, Json};
use poem_openapi::{Object, OpenApi};

use super::model::{CriterionInput, CriterionRow, ReviewState, Round, RoundInput, Slot};
use super::service::{self, EntryView, Outcome, ReviewInput, RoundView};
use crate::call::api::FileBody;
use crate::error::AppError;
use crate::http::api::{ApiAuth, ApiError, ApiTags};
use crate::state::AppState;

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
    fn input(self) -> RoundInput {
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
            super::model::labels_text(&c.labels(Lang::De)),
            super::model::labels_text(&c.labels(Lang::En)),
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
    fn input(self) -> CriterionInput {
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
    /// In the team (otherwise: the same organisation).
    pub team_member: bool,
}

#[derive(Object, Debug)]
#[oai(rename = "Jury")]
pub struct JuryBody {
    pub rounds: Vec<RoundBody>,
    pub jurors: Vec<JurorBody>,
    pub declarations: Vec<DeclarationBody>,
    pub detected_conflicts: Vec<DetectedBody>,
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

fn scores_body(scores: &HashMap<i64, f64>) -> HashMap<String, f64> {
    scores.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

fn own_review(r: &super::model::Review, criteria: &[super::rank::Criterion]) -> ReviewBody {
    ReviewBody {
        submission_id: r.row.submission_id,
        juror_account_id: Some(r.row.account_id),
        state: r.row.state().as_str().into(),
        scores: scores_body(&r.scores),
        total: if r.row.state() == ReviewState::Abstained {
            None
        } else {
            super::rank::total(criteria, &r.scores)
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
    pub score: Option<f64>,
    pub reviews: i64,
    pub abstentions: i64,
    pub spread: f64,
    pub disagreement: bool,
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
}

fn ranking_body(v: &RoundView) -> Vec<RankedBody> {
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
                reviews: r.reviews as i64,
                abstentions: r.abstentions as i64,
                spread: r.spread,
                disagreement: r.disagreement,
            }
        })
        .collect()
}

fn round_detail(v: RoundView) -> RoundDetailBody {
    let criteria = v.rank_criteria();
    let (done, assigned) = v.progress();
    RoundDetailBody {
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

fn entry_body(v: EntryView, lang: convene_frontend::Lang) -> EntryBody {
    let criteria: Vec<super::rank::Criterion> =
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
    fn input(self) -> Result<ReviewInput, AppError> {
        let state = if self.state.trim().is_empty() {
            ReviewState::Draft
        } else {
            ReviewState::parse(self.state.trim())
                .ok_or_else(|| AppError::field("state", "valid-choice-invalid"))?
        };
        let mut scores = Vec::new();
        for (k, v) in self.scores {
            let id = k
                .trim()
                .parse::<i64>()
                .map_err(|_| AppError::field("scores", "valid-score-unknown-criterion"))?;
            scores.push((id, v.map(|s| s.to_string()).unwrap_or_default()));
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

pub struct JuryApi;

#[OpenApi(tag = "ApiTags::Jury")]
impl JuryApi {
    /// A call's jury: rounds, jurors, declared and detected conflicts (organisers)
    #[oai(path = "/calls/:slug/jury", method = "get", operation_id = "get_jury")]
    async fn jury(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
    ) -> Result<Json<JuryBody>, ApiError> {
        let j = service::jury(&state, auth.actor(), &slug.0).await?;
        Ok(Json(JuryBody {
            rounds: j.rounds.into_iter().map(RoundBody::from).collect(),
            jurors: j
                .jurors
                .into_iter()
                .map(|r| JurorBody {
                    categories: r.categories(),
                    account_id: r.account_id,
                    name: r.name,
                    email: r.email,
                    organisation: r.organisation,
                })
                .collect(),
            declarations: j
                .declarations
                .into_iter()
                .map(|(d, _)| DeclarationBody {
                    submission_id: d.submission_id,
                    juror_account_id: d.account_id,
                    conflict: d.conflict,
                    reason: d.reason,
                    declared_at: d.declared_at,
                })
                .collect(),
            detected_conflicts: j
                .detected
                .into_iter()
                .map(|(juror, sub, team)| DetectedBody {
                    submission_id: sub,
                    juror_account_id: juror,
                    team_member: team,
                })
                .collect(),
        }))
    }

    /// Invite a juror by e-mail; an account is created or linked (organisers)
    #[oai(
        path = "/calls/:slug/jury/jurors",
        method = "post",
        operation_id = "invite_juror"
    )]
    async fn invite(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        body: Json<InviteBody>,
    ) -> Result<Json<InvitedBody>, ApiError> {
        let added = service::invite_juror(
            &state,
            auth.actor(),
            &slug.0,
            &body.0.email,
            &body.0.name,
            &body.0.categories,
            auth.actor().language,
        )
        .await?;
        Ok(Json(InvitedBody { added }))
    }

    /// Remove a juror with their assignments (organisers)
    #[oai(
        path = "/calls/:slug/jury/jurors/:account",
        method = "delete",
        operation_id = "remove_juror"
    )]
    async fn remove_juror(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        account: Path<i64>,
    ) -> Result<Json<CountBody>, ApiError> {
        service::remove_juror(&state, auth.actor(), &slug.0, account.0).await?;
        Ok(Json(CountBody { count: 1 }))
    }

    /// Move every eligible submitted entry into review, once the deadline has passed
    /// (organisers)
    #[oai(
        path = "/calls/:slug/jury/start-review",
        method = "post",
        operation_id = "start_review"
    )]
    async fn start_review(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
    ) -> Result<Json<CountBody>, ApiError> {
        let n = service::start_review(&state, auth.actor(), &slug.0).await?;
        Ok(Json(CountBody { count: n as i64 }))
    }

    /// Release the decisions with the jury's notes to the teams and publish the winners
    /// (organisers)
    #[oai(
        path = "/calls/:slug/jury/release",
        method = "post",
        operation_id = "release_results"
    )]
    async fn release(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
    ) -> Result<Json<CountBody>, ApiError> {
        let n = service::release(&state, auth.actor(), &slug.0).await?;
        Ok(Json(CountBody { count: n as i64 }))
    }

    /// Create a round (organisers)
    #[oai(
        path = "/calls/:slug/jury/rounds",
        method = "post",
        operation_id = "create_round"
    )]
    async fn create_round(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        body: Json<RoundInputBody>,
    ) -> Result<Json<RoundBody>, ApiError> {
        let r = service::create_round(&state, auth.actor(), &slug.0, &body.0.input()).await?;
        Ok(Json(r.into()))
    }

    /// A round with its criteria, assignments, every review and the ranking (organisers)
    #[oai(
        path = "/calls/:slug/jury/rounds/:id",
        method = "get",
        operation_id = "get_round"
    )]
    async fn round(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Json<RoundDetailBody>, ApiError> {
        let v = service::round_view(&state, auth.actor(), &slug.0, id.0).await?;
        Ok(Json(round_detail(v)))
    }

    /// Change a round's settings (organisers)
    #[oai(
        path = "/calls/:slug/jury/rounds/:id",
        method = "put",
        operation_id = "update_round"
    )]
    async fn update_round(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
        body: Json<RoundInputBody>,
    ) -> Result<Json<RoundBody>, ApiError> {
        let r = service::update_round(&state, auth.actor(), &slug.0, id.0, &body.0.input()).await?;
        Ok(Json(r.into()))
    }

    /// Close a round now: final reviews lock (organisers)
    #[oai(
        path = "/calls/:slug/jury/rounds/:id/close",
        method = "post",
        operation_id = "close_round"
    )]
    async fn close(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Json<RoundBody>, ApiError> {
        let r = service::close_round(&state, auth.actor(), &slug.0, id.0).await?;
        Ok(Json(r.into()))
    }

    /// Add a criterion to a round (organisers)
    #[oai(
        path = "/calls/:slug/jury/rounds/:id/criteria",
        method = "post",
        operation_id = "add_criterion"
    )]
    async fn add_criterion(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
        body: Json<CriterionInputBody>,
    ) -> Result<Json<CriterionBody>, ApiError> {
        let c =
            service::add_criterion(&state, auth.actor(), &slug.0, id.0, &body.0.input()).await?;
        Ok(Json(c.into()))
    }

    /// Change a criterion (organisers)
    #[oai(
        path = "/calls/:slug/jury/rounds/:id/criteria/:criterion",
        method = "put",
        operation_id = "update_criterion"
    )]
    async fn update_criterion(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
        criterion: Path<i64>,
        body: Json<CriterionInputBody>,
    ) -> Result<Json<CountBody>, ApiError> {
        service::update_criterion(
            &state,
            auth.actor(),
            &slug.0,
            id.0,
            criterion.0,
            &body.0.input(),
        )
        .await?;
        Ok(Json(CountBody { count: 1 }))
    }

    /// Delete a criterion no juror has scored yet (organisers)
    #[oai(
        path = "/calls/:slug/jury/rounds/:id/criteria/:criterion",
        method = "delete",
        operation_id = "delete_criterion"
    )]
    async fn delete_criterion(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
        criterion: Path<i64>,
    ) -> Result<Json<CountBody>, ApiError> {
        service::delete_criterion(&state, auth.actor(), &slug.0, id.0, criterion.0).await?;
        Ok(Json(CountBody { count: 1 }))
    }

    /// Assign a juror to an entry by hand; refused for conflicts (organisers)
    #[oai(
        path = "/calls/:slug/jury/rounds/:id/assignments",
        method = "post",
        operation_id = "assign_juror"
    )]
    async fn assign(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
        body: Json<AssignInputBody>,
    ) -> Result<Json<CountBody>, ApiError> {
        let added = service::assign_one(
            &state,
            auth.actor(),
            &slug.0,
            id.0,
            body.0.juror_account_id,
            body.0.submission_id,
            "manual",
        )
        .await?;
        Ok(Json(CountBody {
            count: i64::from(added),
        }))
    }

    /// Remove an assignment that has no review yet (organisers)
    #[oai(
        path = "/calls/:slug/jury/rounds/:id/assignments",
        method = "delete",
        operation_id = "unassign_juror"
    )]
    async fn unassign(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
        juror: Query<i64>,
        submission: Query<i64>,
    ) -> Result<Json<CountBody>, ApiError> {
        service::unassign(&state, auth.actor(), &slug.0, id.0, juror.0, submission.0).await?;
        Ok(Json(CountBody { count: 1 }))
    }

    /// Assign automatically: balanced load, the round's jurors per entry, categories
    /// respected, never a conflict; only adds (organisers)
    #[oai(
        path = "/calls/:slug/jury/rounds/:id/auto-assign",
        method = "post",
        operation_id = "auto_assign"
    )]
    async fn auto_assign(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Json<PlanBody>, ApiError> {
        let plan = service::auto_assign(&state, auth.actor(), &slug.0, id.0).await?;
        Ok(Json(PlanBody {
            added: plan
                .added
                .into_iter()
                .map(|(j, s)| AssignmentBody {
                    juror_account_id: j,
                    submission_id: s,
                    source: "auto".into(),
                })
                .collect(),
            short: plan
                .short
                .into_iter()
                .map(|(s, n)| ShortBody {
                    submission_id: s,
                    missing: n as i64,
                })
                .collect(),
        }))
    }

    /// The round's ranking (organisers)
    #[oai(
        path = "/calls/:slug/jury/rounds/:id/ranking",
        method = "get",
        operation_id = "get_ranking"
    )]
    async fn ranking(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Json<Vec<RankedBody>>, ApiError> {
        let v = service::round_view(&state, auth.actor(), &slug.0, id.0).await?;
        Ok(Json(ranking_body(&v)))
    }

    /// The chair confirms a closed round's outcome: statuses move, the ranking is recorded
    /// (organisers)
    #[oai(
        path = "/calls/:slug/jury/rounds/:id/confirmation",
        method = "post",
        operation_id = "confirm_round"
    )]
    async fn confirm(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
        body: Json<ConfirmBody>,
    ) -> Result<Json<RoundDetailBody>, ApiError> {
        let mut decisions = Vec::new();
        for d in body.0.decisions {
            let outcome = Outcome::parse(&d.outcome)
                .ok_or_else(|| AppError::field("decisions", "valid-choice-invalid"))?;
            decisions.push((d.submission_id, outcome));
        }
        let v = service::confirm(&state, auth.actor(), &slug.0, id.0, &decisions).await?;
        Ok(Json(round_detail(v)))
    }

    /// Place a pitch round's entries in its session, one slot each, in this order (organisers)
    #[oai(
        path = "/calls/:slug/jury/rounds/:id/slots",
        method = "put",
        operation_id = "set_pitch_slots"
    )]
    async fn slots(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
        body: Json<SlotsInputBody>,
    ) -> Result<Json<Vec<SlotBody>>, ApiError> {
        let slots = service::set_slots(&state, auth.actor(), &slug.0, id.0, &body.0.order).await?;
        Ok(Json(slots.into_iter().map(SlotBody::from).collect()))
    }

    /// The rounds the caller judges, with their progress (jurors)
    #[oai(path = "/jury/rounds", method = "get", operation_id = "my_jury_rounds")]
    async fn my_rounds(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
    ) -> Result<Json<Vec<JurorRoundBody>>, ApiError> {
        let calls = service::my_calls(&state, auth.actor()).await?;
        Ok(Json(
            calls
                .into_iter()
                .flat_map(|c| {
                    let slug = c.call.slug.clone();
                    c.rounds
                        .into_iter()
                        .map(move |(r, done, assigned)| JurorRoundBody {
                            call: slug.clone(),
                            round: r.into(),
                            done: done as i64,
                            assigned: assigned as i64,
                        })
                })
                .collect(),
        ))
    }

    /// The caller's queue in a round (jurors)
    #[oai(
        path = "/jury/rounds/:id/entries",
        method = "get",
        operation_id = "my_jury_queue"
    )]
    async fn queue(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        id: Path<i64>,
    ) -> Result<Json<Vec<QueueBody>>, ApiError> {
        let t = auth.actor().language.tr();
        let q = service::queue(&state, auth.actor(), id.0).await?;
        Ok(Json(
            q.lines
                .into_iter()
                .map(|l| QueueBody {
                    submission_id: l.submission,
                    title: l.title,
                    category_id: l.category_id,
                    conflict: l.conflict.map(|id| t.msg(id)),
                    declared: l.declared,
                    review_state: l.state.map(|s| s.as_str().to_string()),
                    slot: l.slot.map(SlotBody::from),
                })
                .collect(),
        ))
    }

    /// One entry as the caller may see it under the round's rules (jurors)
    #[oai(
        path = "/jury/rounds/:id/entries/:submission",
        method = "get",
        operation_id = "my_jury_entry"
    )]
    async fn entry(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        id: Path<i64>,
        submission: Path<i64>,
    ) -> Result<Json<EntryBody>, ApiError> {
        let v = service::entry(
            &state,
            auth.actor(),
            id.0,
            submission.0,
            auth.actor().language,
        )
        .await?;
        Ok(Json(entry_body(v, auth.actor().language)))
    }

    /// Declare a conflict of interest (with a reason), or none, before seeing the entry
    /// (jurors)
    #[oai(
        path = "/jury/rounds/:id/entries/:submission/declaration",
        method = "put",
        operation_id = "declare_conflict"
    )]
    async fn declare(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        id: Path<i64>,
        submission: Path<i64>,
        body: Json<DeclareBody>,
    ) -> Result<Json<DeclaredBody>, ApiError> {
        service::declare(
            &state,
            auth.actor(),
            id.0,
            submission.0,
            body.0.conflict,
            &body.0.reason,
        )
        .await?;
        if body.0.conflict {
            // The entry is closed to the juror from now on.
            return Ok(Json(DeclaredBody {
                conflict: true,
                entry: None,
            }));
        }
        let v = service::entry(
            &state,
            auth.actor(),
            id.0,
            submission.0,
            auth.actor().language,
        )
        .await?;
        Ok(Json(DeclaredBody {
            conflict: false,
            entry: Some(entry_body(v, auth.actor().language)),
        }))
    }

    /// Save the caller's review: a draft, a final review, or an abstention (jurors)
    #[oai(
        path = "/jury/rounds/:id/entries/:submission/review",
        method = "put",
        operation_id = "save_review"
    )]
    async fn review(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        id: Path<i64>,
        submission: Path<i64>,
        body: Json<ReviewInputBody>,
    ) -> Result<Json<EntryBody>, ApiError> {
        let input = body.0.input()?;
        let lang = auth.actor().language;
        let v =
            service::save_review(&state, auth.actor(), id.0, submission.0, &input, lang).await?;
        Ok(Json(entry_body(v, lang)))
    }

    /// Open the other jurors' reviews of an entry the caller has handed in, in rounds that
    /// show them "after my own review" (jurors). This locks the caller's own review of the
    /// entry: afterwards it can no longer be changed, replaced or turned from an abstention
    /// into scores (409).
    #[oai(
        path = "/jury/rounds/:id/entries/:submission/others",
        method = "post",
        operation_id = "open_other_reviews"
    )]
    async fn open_others(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        id: Path<i64>,
        submission: Path<i64>,
    ) -> Result<Json<EntryBody>, ApiError> {
        let lang = auth.actor().language;
        let v = service::open_others(&state, auth.actor(), id.0, submission.0, lang).await?;
        Ok(Json(entry_body(v, lang)))
    }

    /// Download an attachment of an entry (jurors, after declaring no conflict). In rounds
    /// that hide names it is named as listed ("Attachment 1.pdf").
    #[oai(
        path = "/jury/rounds/:id/entries/:submission/files/:file",
        method = "get",
        operation_id = "my_jury_entry_file"
    )]
    async fn file(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        id: Path<i64>,
        submission: Path<i64>,
        file: Path<i64>,
    ) -> Result<Attachment<Vec<u8>>, ApiError> {
        let (name, _, data) = service::file(
            &state,
            auth.actor(),
            id.0,
            submission.0,
            file.0,
            auth.actor().language,
        )
        .await?;
        Ok(Attachment::new(data)
            .attachment_type(AttachmentType::Attachment)
            .filename(name))
    }

    /// The caller's own reviews in a round (jurors)
    #[oai(
        path = "/jury/rounds/:id/reviews",
        method = "get",
        operation_id = "my_jury_reviews"
    )]
    async fn my_reviews(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        id: Path<i64>,
    ) -> Result<Json<Vec<ReviewBody>>, ApiError> {
        let (round, reviews) = service::my_reviews(&state, auth.actor(), id.0).await?;
        let criteria: Vec<super::rank::Criterion> = service::criteria(&state, &round)
            .await?
            .iter()
            .map(|c| c.for_rank(&round))
            .collect();
        Ok(Json(
            reviews.iter().map(|r| own_review(r, &criteria)).collect(),
        ))
    }
}
