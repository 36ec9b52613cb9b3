//! Organisers: rounds and criteria.

use super::*;

/// A call's jury as its organisers see it.
#[derive(Debug, Clone)]
pub struct Jury {
    pub call: Call,
    pub categories: Vec<Category>,
    pub rounds: Vec<Round>,
    pub jurors: Vec<JurorRow>,
    /// Every declaration, with the submission's title.
    pub declarations: Vec<(Declaration, String)>,
    /// Detected conflicts: `(juror account, submission, in the team)`.
    pub detected: Vec<(i64, i64, bool)>,
    /// Organisation names that may be the same, for an organiser to decide.
    pub possible: Vec<PossibleMatch>,
    /// Submissions that are eligible and waiting to be moved into review.
    pub eligible_waiting: usize,
    pub now: DateTime<Utc>,
}

pub async fn jury(state: &AppState, actor: &Actor, slug: &str) -> Result<Jury, AppError> {
    let call = calls::for_organiser(state, actor, slug).await?;
    let mut conn = state.db.acquire().await?;
    let subs = call_queries::titles(&mut conn, call.id).await?;
    let declarations = queries::declarations(&mut conn, call.id)
        .await?
        .into_iter()
        .map(|d| {
            let title = subs.get(&d.submission_id).cloned().unwrap_or_default();
            (d, title)
        })
        .collect();
    let eligible_waiting = call_queries::count_eligible_submitted(&mut conn, call.id).await?;
    let found = detect(&mut conn, call.id, None).await?;
    Ok(Jury {
        categories: call_queries::categories(&mut conn, call.id).await?,
        rounds: queries::rounds(&mut conn, call.id).await?,
        jurors: queries::jurors(&mut conn, call.id).await?,
        declarations,
        detected: found.conflicts,
        possible: found.possible,
        eligible_waiting: usize::try_from(eligible_waiting).unwrap_or(0),
        call,
        now: state.clock.now(),
    })
}

/// Checks a round against the call: a pitch round's session must be a pitching session of the
/// call's event.
async fn check_round_input(
    conn: &mut DbConn,
    call: &Call,
    input: &RoundInput,
) -> Result<model::RoundDraft, AppError> {
    let draft = input.parse(call.tz()).map_err(AppError::Invalid)?;
    if let Some(session) = draft.session_id {
        let fits = match call.event_id {
            Some(event) => {
                crate::agenda::queries::find_session(conn, event, crate::ids::SessionId(session))
                    .await?
                    .is_some_and(|s| s.kind == crate::agenda::model::SessionKind::Pitching)
            }
            None => false,
        };
        if !fits {
            return Err(AppError::field("session_id", "valid-jury-session-invalid"));
        }
    }
    Ok(draft)
}

pub async fn create_round(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    input: &RoundInput,
) -> Result<Round, AppError> {
    let call = calls::for_organiser(state, actor, slug).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let draft = check_round_input(&mut tx, &call, input).await?;
    let id = queries::insert_round(&mut tx, call.id, &draft, now).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "jury.round.create",
        &format!("call:{}", call.id),
        &draft.name_en,
        now,
    )
    .await?;
    let round = queries::round(&mut tx, id)
        .await?
        .ok_or_else(round_not_found)?;
    tx.commit().await?;
    Ok(round)
}

/// The round `round_id` of the call `slug`, for one of its organisers.
pub async fn round_for_organiser(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    round_id: i64,
) -> Result<(Call, Round), AppError> {
    let call = calls::for_organiser(state, actor, slug).await?;
    let mut conn = state.db.acquire().await?;
    let round = queries::round(&mut conn, round_id)
        .await?
        .filter(|r| r.call_id == call.id)
        .ok_or_else(round_not_found)?;
    Ok((call, round))
}

pub async fn update_round(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    round_id: i64,
    input: &RoundInput,
) -> Result<Round, AppError> {
    let (call, round) = round_for_organiser(state, actor, slug, round_id).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    queries::lock_round(&mut tx, round.id).await?;
    let draft = check_round_input(&mut tx, &call, input).await?;
    if (draft.scale_min, draft.scale_max) != (round.scale_min, round.scale_max)
        && queries::round_has_scores(&mut tx, round.id).await?
    {
        return Err(AppError::field("scale_max", "jury-scale-fixed"));
    }
    if round.confirmed_at.is_some() {
        return Err(AppError::Conflict(Msg::new("jury-round-confirmed")));
    }
    queries::update_round(&mut tx, round.id, &draft, now).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "jury.round.update",
        &format!("round:{}", round.id),
        "",
        now,
    )
    .await?;
    let round = queries::round(&mut tx, round.id)
        .await?
        .ok_or_else(round_not_found)?;
    tx.commit().await?;
    Ok(round)
}

/// Closes a round now (before its planned end): reviews lock at once.
pub async fn close_round(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    round_id: i64,
) -> Result<Round, AppError> {
    let (_, round) = round_for_organiser(state, actor, slug, round_id).await?;
    let now = state.clock.now();
    if round.is_closed(now) {
        return Err(AppError::Conflict(Msg::new("jury-round-closed")));
    }
    let mut tx = db::begin_write(&state.db).await?;
    queries::lock_round(&mut tx, round.id).await?;
    queries::close_round(&mut tx, round.id, now).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "jury.round.close",
        &format!("round:{}", round.id),
        "",
        now,
    )
    .await?;
    let round = queries::round(&mut tx, round.id)
        .await?
        .ok_or_else(round_not_found)?;
    tx.commit().await?;
    Ok(round)
}

pub async fn criteria(state: &AppState, round: &Round) -> Result<Vec<CriterionRow>, AppError> {
    let mut conn = state.db.acquire().await?;
    Ok(queries::criteria(&mut conn, round.id).await?)
}

pub async fn add_criterion(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    round_id: i64,
    input: &CriterionInput,
) -> Result<CriterionRow, AppError> {
    let (_, round) = round_for_organiser(state, actor, slug, round_id).await?;
    let draft = input
        .parse((round.scale_min, round.scale_max))
        .map_err(AppError::Invalid)?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    queries::lock_round(&mut tx, round.id).await?;
    if queries::round_has_scores(&mut tx, round.id).await? && !draft.informational {
        return Err(AppError::Conflict(Msg::new("jury-criteria-fixed")));
    }
    let id = queries::insert_criterion(&mut tx, round.id, &draft, now).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "jury.criterion.add",
        &format!("round:{}", round.id),
        &draft.name_en,
        now,
    )
    .await?;
    let c = queries::criteria(&mut tx, round.id)
        .await?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(|| AppError::not_found("jury-criterion-not-found"))?;
    tx.commit().await?;
    Ok(c)
}

pub async fn update_criterion(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    round_id: i64,
    id: i64,
    input: &CriterionInput,
) -> Result<(), AppError> {
    let (_, round) = round_for_organiser(state, actor, slug, round_id).await?;
    let draft = input
        .parse((round.scale_min, round.scale_max))
        .map_err(AppError::Invalid)?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    queries::lock_round(&mut tx, round.id).await?;
    if round.confirmed_at.is_some() {
        return Err(AppError::Conflict(Msg::new("jury-round-confirmed")));
    }
    let before = queries::criteria(&mut tx, round.id)
        .await?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(|| AppError::not_found("jury-criterion-not-found"))?;
    if before.informational != draft.informational
        && queries::round_has_scores(&mut tx, round.id).await?
    {
        return Err(AppError::Conflict(Msg::new("jury-criteria-fixed")));
    }
    queries::update_criterion(&mut tx, round.id, id, &draft).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "jury.criterion.update",
        &format!("round:{}", round.id),
        &format!("{id}: weight {}", draft.weight),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn delete_criterion(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    round_id: i64,
    id: i64,
) -> Result<(), AppError> {
    let (_, round) = round_for_organiser(state, actor, slug, round_id).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    queries::lock_round(&mut tx, round.id).await?;
    if queries::round_has_scores(&mut tx, round.id).await? {
        return Err(AppError::Conflict(Msg::new("jury-criteria-fixed")));
    }
    if !queries::delete_criterion(&mut tx, round.id, id).await? {
        return Err(AppError::not_found("jury-criterion-not-found"));
    }
    audit::record(
        &mut tx,
        Some(actor.id),
        "jury.criterion.delete",
        &format!("round:{}", round.id),
        &id.to_string(),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
