//! Jurors: their queue, conflict declarations and reviews under the blind rules.

use super::*;

/// A call a juror serves on, with their rounds.
#[derive(Debug, Clone)]
pub struct JurorCall {
    pub call: Call,
    pub rounds: Vec<(Round, usize, usize)>,
}

/// The calls and rounds the actor is a juror in, with their progress `(done, assigned)`.
pub async fn my_calls(state: &AppState, actor: &Actor) -> Result<Vec<JurorCall>, AppError> {
    let mut conn = state.db.acquire().await?;
    let mut out = Vec::new();
    for call_id in queries::juror_calls(&mut conn, actor.id.0).await? {
        let Some(call) = call_queries::find(&mut conn, call_id).await? else {
            continue;
        };
        let mut rounds = Vec::new();
        // As in the queue, an entry in conflict is done: the juror has nothing left to do.
        let conflicted = conflicts(&mut conn, call.id).await?;
        for round in queries::rounds(&mut conn, call.id).await? {
            let mine = queries::assigned_to(&mut conn, round.id, actor.id.0).await?;
            if mine.is_empty() {
                continue;
            }
            let reviewed: HashSet<i64> = queries::reviews_of_juror(&mut conn, round.id, actor.id.0)
                .await?
                .iter()
                .filter(|r| r.state().is_done())
                .map(|r| r.submission_id)
                .collect();
            let done = mine
                .iter()
                .filter(|s| reviewed.contains(s) || conflicted.contains(&(actor.id.0, **s)))
                .count();
            rounds.push((round, done, mine.len()));
        }
        out.push(JurorCall { call, rounds });
    }
    Ok(out)
}

/// One line of a juror's queue.
#[derive(Debug, Clone)]
pub struct QueueLine {
    pub submission: i64,
    pub title: String,
    pub category_id: Option<i64>,
    /// A conflict (message id), detected or declared: the entry cannot be opened.
    pub conflict: Option<&'static str>,
    /// The juror has said "no conflict" and may open it.
    pub declared: bool,
    pub state: Option<ReviewState>,
    pub slot: Option<Slot>,
}

#[derive(Debug, Clone)]
pub struct Queue {
    pub call: Call,
    pub round: Round,
    pub categories: Vec<Category>,
    pub lines: Vec<QueueLine>,
    pub now: DateTime<Utc>,
}

impl Queue {
    pub fn progress(&self) -> (usize, usize) {
        let done = self
            .lines
            .iter()
            .filter(|l| l.state.is_some_and(ReviewState::is_done) || l.conflict.is_some())
            .count();
        (done, self.lines.len())
    }
}

/// The round for one of its jurors (`NotFound` for anyone else, also for organisers: the jury
/// pages show only one's own assignments).
async fn round_for_juror(
    conn: &mut DbConn,
    actor: &Actor,
    round_id: i64,
) -> Result<(Call, Round), AppError> {
    let round = queries::round(conn, round_id)
        .await?
        .ok_or_else(round_not_found)?;
    if queries::juror(conn, round.call_id, actor.id.0)
        .await?
        .is_none()
    {
        return Err(round_not_found());
    }
    let call = call_queries::find(conn, round.call_id)
        .await?
        .ok_or_else(round_not_found)?;
    Ok((call, round))
}

/// The actor's conflict with a submission, if any (message id).
async fn conflict_of(
    conn: &mut DbConn,
    call: &Call,
    actor: &Actor,
    submission: i64,
) -> Result<Option<&'static str>, AppError> {
    let detected = detect(conn, call.id, Some(actor.id.0)).await?.conflicts;
    let hit = detected.iter().find(|(_, s, _)| *s == submission);
    let declared = queries::declaration(conn, submission, actor.id.0).await?;
    Ok(model::conflict_kind(
        declared.as_ref(),
        hit.is_some_and(|(_, _, team)| !team),
        hit.is_some_and(|(_, _, team)| *team),
    ))
}

pub async fn queue(state: &AppState, actor: &Actor, round_id: i64) -> Result<Queue, AppError> {
    let mut conn = state.db.acquire().await?;
    let (call, round) = round_for_juror(&mut conn, actor, round_id).await?;
    let assignments: Vec<Assignment> = queries::assignments(&mut conn, round.id)
        .await?
        .into_iter()
        .filter(|a| a.account_id == actor.id.0)
        .collect();
    if assignments.is_empty() {
        return Err(round_not_found());
    }
    let reviews = queries::reviews_of_juror(&mut conn, round.id, actor.id.0).await?;
    let detected = detect(&mut conn, call.id, Some(actor.id.0))
        .await?
        .conflicts;
    let declarations = queries::declarations_of(&mut conn, call.id, actor.id.0).await?;
    let slots = queries::slots(&mut conn, round.id).await?;
    let mut lines = Vec::new();
    for a in &assignments {
        let Some(sub) = call_queries::submission(&mut conn, a.submission_id).await? else {
            continue;
        };
        let hit = detected
            .iter()
            .find(|(j, s, _)| *j == actor.id.0 && *s == sub.id);
        let declared = declarations
            .iter()
            .find(|d| d.account_id == actor.id.0 && d.submission_id == sub.id);
        lines.push(QueueLine {
            submission: sub.id,
            title: sub.title.clone(),
            category_id: sub.category_id,
            conflict: model::conflict_kind(
                declared,
                hit.is_some_and(|h| !h.2),
                hit.is_some_and(|h| h.2),
            ),
            declared: declared.is_some_and(|d| !d.conflict),
            state: reviews
                .iter()
                .find(|r| r.submission_id == sub.id)
                .map(|r| r.state()),
            slot: slots.iter().find(|s| s.submission_id == sub.id).cloned(),
        });
    }
    if round.kind() == RoundKind::Pitch {
        lines.sort_by_key(|l| {
            (
                l.slot.as_ref().map(|s| s.position).unwrap_or(i64::MAX),
                l.submission,
            )
        });
    }
    Ok(Queue {
        categories: call_queries::categories(&mut conn, call.id).await?,
        call,
        round,
        lines,
        now: state.clock.now(),
    })
}

/// Another juror's review as a juror may see it (under the round's rule), without their name.
#[derive(Debug, Clone)]
pub struct OtherReview {
    /// "Juror 1", "Juror 2" … in a stable order.
    pub number: usize,
    pub state: ReviewState,
    pub scores: HashMap<i64, f64>,
    pub total: Option<f64>,
    pub comment: String,
}

/// What a juror sees of the entry once they declared no conflict.
#[derive(Debug, Clone)]
pub struct Content {
    pub sub: Submission,
    /// Empty when the round hides applicants' names.
    /// Names and roles only: jurors never get the team's contact data (e-mail addresses are
    /// blanked here, so no adapter can show them).
    pub members: Vec<crate::call::model::Member>,
    pub questions: Vec<Question>,
    pub answers: Vec<call_queries::StoredAnswer>,
    /// In rounds that hide names, with neutral names ("Attachment 1.pdf").
    pub files: Vec<FileRow>,
}

/// One entry as its juror sees it.
#[derive(Debug, Clone)]
pub struct EntryView {
    pub call: Call,
    pub round: Round,
    pub categories: Vec<Category>,
    pub criteria: Vec<CriterionRow>,
    pub submission: i64,
    /// The title is shown before declaring, so the juror knows what they declare about.
    pub title: String,
    /// `None` until the juror declared that they have no conflict.
    pub content: Option<Content>,
    pub review: Option<Review>,
    /// `None` when the rules hide the others' scores (now).
    pub others: Option<Vec<OtherReview>>,
    /// "After my own review" rounds: the juror has handed in and may open the others' reviews
    /// (see [`open_others`]); doing so locks their own review of this entry.
    pub others_available: bool,
    pub slot: Option<Slot>,
    /// Why the juror cannot score now (message id), `None`: they can.
    pub locked: Option<&'static str>,
    pub now: DateTime<Utc>,
}

impl EntryView {
    pub fn names_hidden(&self) -> bool {
        self.round.names_hidden
    }
}

/// Why the juror cannot change their review now, as a message id.
fn locked_reason(
    round: &Round,
    slot: Option<&Slot>,
    review: Option<&Review>,
    now: DateTime<Utc>,
) -> Option<&'static str> {
    if round.confirmed_at.is_some() || round.is_closed(now) {
        Some("jury-round-closed")
    } else if review.is_some_and(|r| r.row.others_seen_at.is_some()) {
        // Whoever has read the others' scores and comments could otherwise hand in a review
        // shaped by them (or turn an abstention into one that counts).
        Some("jury-review-locked-others-seen")
    } else if now < round.opens_at {
        Some("jury-round-not-open")
    } else if round.kind() == RoundKind::Pitch && !slot.is_some_and(|s| s.has_started(now)) {
        Some("jury-pitch-not-started")
    } else {
        None
    }
}

/// Checks that the actor is assigned this entry in this round and has no conflict with it.
async fn entry_access(
    conn: &mut DbConn,
    actor: &Actor,
    round_id: i64,
    submission: i64,
) -> Result<(Call, Round, Submission), AppError> {
    let (call, round) = round_for_juror(conn, actor, round_id).await?;
    if !queries::is_assigned(conn, round.id, actor.id.0, submission).await? {
        return Err(entry_not_found());
    }
    let sub = call_queries::submission(conn, submission)
        .await?
        .ok_or_else(entry_not_found)?;
    if let Some(id) = conflict_of(conn, &call, actor, submission).await? {
        return Err(AppError::Forbidden(Msg::new(id)));
    }
    Ok((call, round, sub))
}

/// One entry as its juror may see it; `lang` names the files of rounds that hide names.
pub async fn entry(
    state: &AppState,
    actor: &Actor,
    round_id: i64,
    submission: i64,
    lang: Lang,
) -> Result<EntryView, AppError> {
    let mut conn = state.db.acquire().await?;
    entry_in(
        &mut conn,
        actor,
        round_id,
        submission,
        state.clock.now(),
        lang,
    )
    .await
}

/// The files of an entry as a juror of `round` gets them: in rounds that hide names, numbered
/// in upload order with neutral names, as the download names them too.
fn files_for_juror(round: &Round, files: Vec<FileRow>, lang: Lang) -> Vec<FileRow> {
    if !round.names_hidden {
        return files;
    }
    files
        .into_iter()
        .enumerate()
        .map(|(i, mut f)| {
            f.filename = model::neutral_file_name(lang, i + 1, &f.filename);
            f
        })
        .collect()
}

async fn entry_in(
    conn: &mut DbConn,
    actor: &Actor,
    round_id: i64,
    submission: i64,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<EntryView, AppError> {
    let (call, round, sub) = entry_access(conn, actor, round_id, submission).await?;
    let declared = queries::declaration(conn, submission, actor.id.0)
        .await?
        .is_some_and(|d| !d.conflict);
    let criteria = queries::criteria(conn, round.id).await?;
    let review = queries::review(conn, round.id, actor.id.0, submission).await?;
    let slot = queries::slots(conn, round.id)
        .await?
        .into_iter()
        .find(|s| s.submission_id == submission);
    let title = sub.title.clone();
    let content = if declared {
        let mut sub = sub;
        let members = if round.names_hidden {
            sub.organisation.clear();
            sub.website.clear();
            Vec::new()
        } else {
            let mut list = call_queries::members(conn, submission).await?;
            for m in &mut list {
                m.email.clear();
            }
            list
        };
        let files = files_for_juror(&round, call_queries::files(conn, submission).await?, lang);
        let mut answers = call_queries::answers(conn, submission).await?;
        if round.names_hidden {
            // Files answering questions are not served to jurors, but their names are shown:
            // numbered on after the attachments.
            let mut n = files.len();
            for a in &mut answers {
                if let Some(name) = a.filename.as_mut() {
                    n += 1;
                    *name = model::neutral_file_name(lang, n, name);
                }
            }
        }
        Some(Content {
            questions: call_queries::questions(conn, call.id).await?,
            answers,
            files,
            members,
            sub,
        })
    } else {
        None
    };
    let own_done = review.as_ref().is_some_and(|r| r.row.state().is_done());
    let seen = review
        .as_ref()
        .is_some_and(|r| r.row.others_seen_at.is_some());
    let closed = round.confirmed_at.is_some() || round.is_closed(now);
    // "After my own review": only on the juror's request (which locks their review), unless
    // the round has closed and nothing can change any more.
    let show_others = declared
        && match round.others_scores() {
            OthersScores::Never => false,
            OthersScores::AfterOwn => own_done && (seen || closed),
            OthersScores::AfterClose => round.is_closed(now),
        };
    let others_available =
        declared && round.others_scores() == OthersScores::AfterOwn && own_done && !show_others;
    let others = if show_others {
        let rank_criteria: Vec<rank::Criterion> =
            criteria.iter().map(|c| c.for_rank(&round)).collect();
        // A juror in conflict with the entry (declared or detected, even after they reviewed
        // it) is not counted, and their review is not shown either.
        let conflicted = conflicts(conn, call.id).await?;
        let mut list: Vec<Review> = queries::reviews(conn, round.id)
            .await?
            .into_iter()
            .filter(|r| {
                r.row.submission_id == submission
                    && r.row.account_id != actor.id.0
                    && r.row.state().is_done()
                    && !conflicted.contains(&(r.row.account_id, submission))
            })
            .collect();
        list.sort_by_key(|r| r.row.account_id);
        Some(
            list.into_iter()
                .enumerate()
                .map(|(i, r)| OtherReview {
                    number: i + 1,
                    state: r.row.state(),
                    total: if r.row.state() == ReviewState::Abstained {
                        None
                    } else {
                        rank::total(&rank_criteria, &r.scores)
                    },
                    scores: r.scores,
                    comment: r.row.comment,
                })
                .collect(),
        )
    } else {
        None
    };
    Ok(EntryView {
        categories: call_queries::categories(conn, call.id).await?,
        locked: locked_reason(&round, slot.as_ref(), review.as_ref(), now),
        others_available,
        call,
        round,
        criteria,
        submission,
        title,
        content,
        review,
        others,
        slot,
        now,
    })
}

/// A juror declares whether they have a conflict of interest with an entry. "No conflict" can
/// later become "conflict" (their review then no longer counts), not the other way round.
pub async fn declare(
    state: &AppState,
    actor: &Actor,
    round_id: i64,
    submission: i64,
    conflict: bool,
    reason: &str,
) -> Result<(), AppError> {
    let reason = crate::event::model::text(reason, 1000, None, "valid-too-long")
        .map_err(|m| AppError::Invalid(FieldErrors::one("reason", m)))?;
    if conflict && reason.is_empty() {
        return Err(AppError::field("reason", "valid-jury-conflict-reason"));
    }
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let (call, round) = round_for_juror(&mut tx, actor, round_id).await?;
    if !queries::is_assigned(&mut tx, round.id, actor.id.0, submission).await? {
        return Err(entry_not_found());
    }
    if let Some(before) = queries::declaration(&mut tx, submission, actor.id.0).await?
        && before.conflict
    {
        return Err(AppError::Conflict(Msg::new("jury-conflict-declared")));
    }
    if round.confirmed_at.is_some() || round.is_closed(now) {
        return Err(AppError::Conflict(Msg::new("jury-round-closed")));
    }
    // "No conflict" cannot overrule a detected one (same organisation, in the team).
    if !conflict && let Some(id) = conflict_of(&mut tx, &call, actor, submission).await? {
        return Err(AppError::Forbidden(Msg::new(id)));
    }
    queries::upsert_declaration(&mut tx, submission, actor.id.0, conflict, &reason, now).await?;
    if conflict {
        for (round, juror) in restaff(&mut tx, &call, actor.id.0, submission, now).await? {
            audit::record(
                &mut tx,
                None,
                "jury.assign.restaff",
                &format!("round:{round}"),
                &format!(
                    "submission {submission}: juror {juror} replaces {}",
                    actor.id.0
                ),
                now,
            )
            .await?;
        }
    }
    audit::record(
        &mut tx,
        Some(actor.id),
        if conflict {
            "jury.conflict.declare"
        } else {
            "jury.conflict.none"
        },
        &format!("submission:{submission}"),
        &format!("call {}: {reason}", call.id),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// What a juror sends when saving a review.
#[derive(Debug, Clone, Default)]
pub struct ReviewInput {
    /// Score per criterion id as typed; only the criteria listed are written (so two devices
    /// saving different criteria both keep theirs); an empty string clears a score.
    pub scores: Vec<(i64, String)>,
    pub comment: Option<String>,
    pub team_note: Option<String>,
    /// draft | final | abstained
    pub state: ReviewState,
    pub abstain_reason: String,
}

/// Saves a juror's review: a draft, a final review (every required criterion scored, within
/// the scale) or an abstention (with a reason). Refused after the round locks, for entries not
/// assigned or in conflict, and before the declaration. Nothing is written unless all is valid.
pub async fn save_review(
    state: &AppState,
    actor: &Actor,
    round_id: i64,
    submission: i64,
    input: &ReviewInput,
    lang: Lang,
) -> Result<EntryView, AppError> {
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let (_, round, _) = entry_access(&mut tx, actor, round_id, submission).await?;
    if queries::declaration(&mut tx, submission, actor.id.0)
        .await?
        .is_none_or(|d| d.conflict)
    {
        return Err(AppError::Conflict(Msg::new("jury-declare-first")));
    }
    let slot = queries::slots(&mut tx, round.id)
        .await?
        .into_iter()
        .find(|s| s.submission_id == submission);
    let before = queries::review(&mut tx, round.id, actor.id.0, submission).await?;
    if let Some(id) = locked_reason(&round, slot.as_ref(), before.as_ref(), now) {
        return Err(AppError::Conflict(Msg::new(id)));
    }
    let criteria = queries::criteria(&mut tx, round.id).await?;
    let rank_criteria: Vec<rank::Criterion> = criteria.iter().map(|c| c.for_rank(&round)).collect();
    let mut errors = FieldErrors::default();
    let mut given: Vec<(i64, Option<f64>)> = Vec::new();
    for (id, typed) in &input.scores {
        let field = format!("score_{id}");
        if !criteria.iter().any(|c| c.id == *id) {
            errors.add_msg(field, Msg::new("valid-score-unknown-criterion"));
            continue;
        }
        match model::parse_score(typed) {
            Ok(Some(s))
                if !(s.is_finite()
                    && (round.scale_min as f64..=round.scale_max as f64).contains(&s)) =>
            {
                errors.add_msg(
                    field,
                    Msg::new("valid-score-out-of-scale")
                        .arg("min", round.scale_min)
                        .arg("max", round.scale_max),
                );
            }
            Ok(s) => given.push((*id, s)),
            Err(m) => errors.add_msg(field, m),
        }
    }
    let text = |v: &Option<String>, field: &'static str, e: &mut FieldErrors| -> Option<String> {
        v.as_deref().and_then(|v| {
            e.check(
                field,
                crate::event::model::text(v, model::REVIEW_TEXT_MAX, None, "valid-too-long"),
            )
        })
    };
    let comment = text(&input.comment, "comment", &mut errors);
    let team_note = text(&input.team_note, "team_note", &mut errors);
    let abstain_reason =
        crate::event::model::text(&input.abstain_reason, 1000, None, "valid-too-long")
            .unwrap_or_default();
    if input.state == ReviewState::Abstained && abstain_reason.is_empty() {
        errors.add("abstain_reason", "valid-jury-abstain-reason");
    }
    errors.into_result()?;
    let review_id =
        queries::review_for_update(&mut tx, round.id, actor.id.0, submission, now).await?;
    for (criterion, score) in &given {
        queries::set_score(&mut tx, review_id, *criterion, *score, now).await?;
    }
    if input.state == ReviewState::Final {
        let stored = queries::review(&mut tx, round.id, actor.id.0, submission)
            .await?
            .map(|r| r.scores)
            .unwrap_or_default();
        if let Err(problems) = rank::check_scores(&rank_criteria, &stored) {
            let mut e = FieldErrors::default();
            for (id, msg) in problems {
                e.add_msg(
                    format!("score_{id}"),
                    Msg::new(msg)
                        .arg("min", round.scale_min)
                        .arg("max", round.scale_max),
                );
            }
            // Dropping the transaction rolls back the scores written above.
            return Err(AppError::Invalid(e));
        }
    }
    queries::update_review(
        &mut tx,
        review_id,
        input.state,
        comment.as_deref(),
        team_note.as_deref(),
        if input.state == ReviewState::Abstained {
            &abstain_reason
        } else {
            ""
        },
        now,
    )
    .await?;
    if input.state.is_done() {
        audit::record(
            &mut tx,
            Some(actor.id),
            "jury.review",
            &format!("submission:{submission}"),
            &format!("round {}: {}", round.id, input.state.as_str()),
            now,
        )
        .await?;
        crate::webhook::service::emit(
            &mut tx,
            crate::account::Scope::Call(round.call_id),
            crate::webhook::model::Topic::ReviewFinalised,
            serde_json::json!({
                "review": {
                    "round_id": round.id,
                    "submission_id": submission,
                    "state": input.state.as_str(),
                    "finalised_at": now,
                }
            }),
            now,
        )
        .await?;
    }
    let view = entry_in(&mut tx, actor, round_id, submission, now, lang).await?;
    tx.commit().await?;
    Ok(view)
}

/// "After my own review" rounds: the juror opens the other jurors' reviews of an entry they
/// have handed in (final or abstained). This is recorded, and locks their own review of the
/// entry for good (`jury-review-locked-others-seen`). Refused before their own is handed in,
/// and in rounds with another rule.
pub async fn open_others(
    state: &AppState,
    actor: &Actor,
    round_id: i64,
    submission: i64,
    lang: Lang,
) -> Result<EntryView, AppError> {
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let (_, round, _) = entry_access(&mut tx, actor, round_id, submission).await?;
    if queries::declaration(&mut tx, submission, actor.id.0)
        .await?
        .is_none_or(|d| d.conflict)
    {
        return Err(AppError::Conflict(Msg::new("jury-declare-first")));
    }
    if round.others_scores() != OthersScores::AfterOwn {
        return Err(AppError::Conflict(Msg::new("jury-others-not-after-own")));
    }
    let review = queries::review(&mut tx, round.id, actor.id.0, submission)
        .await?
        .filter(|r| r.row.state().is_done())
        .ok_or_else(|| AppError::Conflict(Msg::new("jury-others-hand-in-first")))?;
    if review.row.others_seen_at.is_none() {
        queries::mark_others_seen(&mut tx, review.row.id, now).await?;
        audit::record(
            &mut tx,
            Some(actor.id),
            "jury.others.seen",
            &format!("submission:{submission}"),
            &format!("round {}", round.id),
            now,
        )
        .await?;
    }
    let view = entry_in(&mut tx, actor, round_id, submission, now, lang).await?;
    tx.commit().await?;
    Ok(view)
}

/// The juror's own reviews in a round (API).
pub async fn my_reviews(
    state: &AppState,
    actor: &Actor,
    round_id: i64,
) -> Result<(Round, Vec<Review>), AppError> {
    let mut conn = state.db.acquire().await?;
    let (_, round) = round_for_juror(&mut conn, actor, round_id).await?;
    let mine = queries::reviews(&mut conn, round.id)
        .await?
        .into_iter()
        .filter(|r| r.row.account_id == actor.id.0)
        .collect();
    Ok((round, mine))
}

/// A file of an entry, for a juror assigned to it (no conflict, declared).
/// In rounds that hide names the file keeps the neutral name the entry lists it under.
pub async fn file(
    state: &AppState,
    actor: &Actor,
    round_id: i64,
    submission: i64,
    file: i64,
    lang: Lang,
) -> Result<(String, String, Vec<u8>), AppError> {
    let mut conn = state.db.acquire().await?;
    let (_, round, _) = entry_access(&mut conn, actor, round_id, submission).await?;
    if queries::declaration(&mut conn, submission, actor.id.0)
        .await?
        .is_none_or(|d| d.conflict)
    {
        return Err(AppError::Conflict(Msg::new("jury-declare-first")));
    }
    let (name, content_type, data) = call_queries::file(&mut conn, submission, file)
        .await?
        .ok_or_else(|| AppError::not_found("submission-file-not-found"))?;
    if !round.names_hidden {
        return Ok((name, content_type, data));
    }
    let listed = files_for_juror(
        &round,
        call_queries::files(&mut conn, submission).await?,
        lang,
    );
    let name = listed
        .into_iter()
        .find(|f| f.id == file)
        .map(|f| f.filename)
        .ok_or_else(|| AppError::not_found("submission-file-not-found"))?;
    Ok((name, content_type, data))
}
