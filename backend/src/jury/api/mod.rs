//! JSON API for the jury: the same services and blind rules as the pages. Organisers manage
//! rounds, criteria, jurors and assignments of their calls and read every review and the
//! ranking; jurors read their own queue and entries (as the round's rules allow) and save their
//! own declarations and reviews.

use poem::web::Data;
use poem_openapi::OpenApi;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::{Attachment, AttachmentType, Json};

use super::service::{self, Outcome};
use crate::error::AppError;
use crate::http::api::{ApiAuth, ApiError, ApiTags, Created};
use crate::state::AppState;
mod bodies;
pub use bodies::*;

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
            possible_conflicts: j
                .possible
                .into_iter()
                .map(|p| PossibleBody {
                    submission_id: p.submission,
                    juror_account_id: p.juror,
                    juror_organisation: p.juror_organisation,
                    entry_organisation: p.entry_organisation,
                })
                .collect(),
        }))
    }

    /// Give a round its own jurors, e.g. a final jury that differs from the pre-selection's
    /// (organisers); jurors who leave lose their assignments in the round
    #[oai(
        path = "/calls/:slug/jury/rounds/:id/panel",
        method = "put",
        operation_id = "set_round_panel"
    )]
    async fn set_panel(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
        body: Json<PanelBody>,
    ) -> Result<Json<RoundDetailBody>, ApiError> {
        let v = service::set_panel(
            &state,
            auth.actor(),
            &slug.0,
            id.0,
            &body.0.juror_account_ids,
        )
        .await?;
        Ok(Json(round_detail(v)))
    }

    /// Decide whether similar organisation names of a juror and an entry mean a conflict of
    /// interest (organisers); a confirmed conflict re-staffs the entry
    #[oai(
        path = "/calls/:slug/jury/possible-conflicts/:juror/:submission",
        method = "put",
        operation_id = "decide_possible_conflict"
    )]
    async fn decide_possible(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        juror: Path<i64>,
        submission: Path<i64>,
        body: Json<PossibleDecisionBody>,
    ) -> Result<(), ApiError> {
        service::decide_organisation_match(
            &state,
            auth.actor(),
            &slug.0,
            juror.0,
            submission.0,
            body.0.conflict,
        )
        .await?;
        Ok(())
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
    ) -> Result<Created<RoundBody>, ApiError> {
        let r = service::create_round(&state, auth.actor(), &slug.0, &body.0.input()).await?;
        let path = format!("/calls/{}/jury/rounds/{}", slug.0, r.id);
        Ok(Created::at(r.into(), path))
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
    ) -> Result<Created<CriterionBody>, ApiError> {
        let c =
            service::add_criterion(&state, auth.actor(), &slug.0, id.0, &body.0.input()).await?;
        let path = format!("/calls/{}/jury/rounds/{}/criteria/{}", slug.0, id.0, c.id);
        Ok(Created::at(c.into(), path))
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

    /// The chair's confirmation of a round as recorded, with the ranking as it stood and the
    /// decisions (organisers; 404 until confirmed)
    #[oai(
        path = "/calls/:slug/jury/rounds/:id/confirmation",
        method = "get",
        operation_id = "get_round_confirmation"
    )]
    async fn confirmation(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Json<ConfirmationBody>, ApiError> {
        let v = service::round_view(&state, auth.actor(), &slug.0, id.0).await?;
        let body =
            confirmation_body(&v).ok_or_else(|| AppError::not_found("jury-round-not-confirmed"))?;
        Ok(Json(body))
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
