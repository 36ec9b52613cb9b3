//! The chair: confirmation of the outcome, pitch slots, the release of results.

use super::*;

/// What the chair decides for one entry of a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Moves on: in_review → shortlisted, shortlisted → finalist.
    Advance,
    /// Straight to the final from review (in_review → shortlisted → finalist).
    Finalist,
    /// A placement (1, 2, 3 …): finalist → winner.
    Place(i64),
    /// Stays where it is (a finalist without a placement).
    Keep,
    NotSelected,
}

impl Outcome {
    /// The value [`Outcome::parse`] reads.
    pub fn value(self) -> String {
        match self {
            Outcome::Advance => "advance".into(),
            Outcome::Finalist => "finalist".into(),
            Outcome::Keep => "keep".into(),
            Outcome::NotSelected => "not_selected".into(),
            Outcome::Place(p) => format!("place_{p}"),
        }
    }

    /// The chair's form or API value: `advance`, `finalist`, `keep`, `not_selected`, `place_N`.
    pub fn parse(v: &str) -> Option<Outcome> {
        match v.trim() {
            "advance" => Some(Outcome::Advance),
            "finalist" => Some(Outcome::Finalist),
            "keep" => Some(Outcome::Keep),
            "not_selected" => Some(Outcome::NotSelected),
            p => p
                .strip_prefix("place_")
                .and_then(|n| n.parse::<i64>().ok())
                .map(Outcome::Place),
        }
    }
}

/// Confirms a closed round's outcome: moves every entry's status as decided (each move through
/// the state machine and the audit log) and records the ranking as it stood.
pub async fn confirm(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    round_id: i64,
    decisions: &[(i64, Outcome)],
) -> Result<RoundView, AppError> {
    let (call, round) = round_for_organiser(state, actor, slug, round_id).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    queries::lock_round(&mut tx, round.id).await?;
    let round = queries::round(&mut tx, round.id)
        .await?
        .ok_or_else(round_not_found)?;
    if round.confirmed_at.is_some() {
        return Err(AppError::Conflict(Msg::new("jury-round-confirmed")));
    }
    if !round.is_closed(now) {
        return Err(AppError::Conflict(Msg::new("jury-confirm-open")));
    }
    let view = load_round_view(&mut tx, call.clone(), round.clone(), now).await?;
    let mut places = HashSet::new();
    let mut decided = HashSet::new();
    for (sub, outcome) in decisions {
        if !decided.insert(*sub) {
            return Err(AppError::field("decisions", "jury-decision-twice"));
        }
        if !view.entrants.iter().any(|e| e.id == *sub) {
            return Err(AppError::field("decisions", "jury-not-an-entrant"));
        }
        if let Outcome::Place(p) = outcome {
            if *p < 1 || !places.insert(*p) {
                return Err(AppError::field("decisions", "valid-jury-placement"));
            }
            let finalist = view
                .entrant(*sub)
                .is_some_and(|e| e.status == SubmissionStatus::Finalist.as_str());
            if !finalist && !view.is_last {
                return Err(AppError::field("decisions", "jury-places-in-last-round"));
            }
        }
    }
    for (id, outcome) in decisions {
        let Some(mut sub) = call_queries::submission(&mut tx, *id).await? else {
            continue;
        };
        let steps: Vec<(SubmissionStatus, Option<i64>)> = match (outcome, sub.status) {
            (Outcome::Keep, _) => vec![],
            (Outcome::NotSelected, _) => vec![(SubmissionStatus::NotSelected, None)],
            (Outcome::Advance, SubmissionStatus::InReview) => {
                vec![(SubmissionStatus::Shortlisted, None)]
            }
            (Outcome::Advance | Outcome::Finalist, SubmissionStatus::Shortlisted) => {
                vec![(SubmissionStatus::Finalist, None)]
            }
            (Outcome::Finalist, SubmissionStatus::InReview) => vec![
                (SubmissionStatus::Shortlisted, None),
                (SubmissionStatus::Finalist, None),
            ],
            (Outcome::Place(p), SubmissionStatus::Finalist) => {
                vec![(SubmissionStatus::Winner, Some(*p))]
            }
            // The call's last round awards places straight from review (checked above).
            (Outcome::Place(p), SubmissionStatus::InReview) => vec![
                (SubmissionStatus::Shortlisted, None),
                (SubmissionStatus::Finalist, None),
                (SubmissionStatus::Winner, Some(*p)),
            ],
            (Outcome::Place(p), SubmissionStatus::Shortlisted) => vec![
                (SubmissionStatus::Finalist, None),
                (SubmissionStatus::Winner, Some(*p)),
            ],
            _ => {
                return Err(AppError::Conflict(Msg::new(
                    "submission-status-change-invalid",
                )));
            }
        };
        for (to, placement) in steps {
            calls::move_status(&mut tx, actor, &call, &sub, to, placement, now).await?;
            sub.status = to;
        }
    }
    queries::set_confirmed(&mut tx, round.id, actor.id.0, now).await?;
    let decided: HashMap<i64, Outcome> = decisions.iter().copied().collect();
    let lines: Vec<ConfirmedLine> = view
        .ranking
        .iter()
        .map(|r| {
            let outcome = decided
                .get(&r.submission)
                .map_or_else(|| "none".to_string(), |o| o.value());
            ConfirmedLine::of(r, outcome)
        })
        .collect();
    queries::insert_confirmed_lines(&mut tx, round.id, &lines).await?;
    let ranking = serde_json::json!({
        "round": round.id,
        "settings": { "aggregation": round.aggregation, "normalise": round.normalise },
        "ranking": view.ranking,
        "decisions": decisions.iter().map(|(s, o)| serde_json::json!({"submission": s, "outcome": format!("{o:?}")})).collect::<Vec<_>>(),
    });
    audit::record(
        &mut tx,
        Some(actor.id),
        "jury.confirm",
        &format!("round:{}", round.id),
        &ranking.to_string(),
        now,
    )
    .await?;
    let round = queries::round(&mut tx, round.id)
        .await?
        .ok_or_else(round_not_found)?;
    let view = load_round_view(&mut tx, call, round, now).await?;
    tx.commit().await?;
    Ok(view)
}

/// Places the entrants of a pitch round in its agenda session, one slot each, in the order
/// given (all entrants, each once).
pub async fn set_slots(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    round_id: i64,
    order: &[i64],
) -> Result<Vec<Slot>, AppError> {
    let (call, round) = round_for_organiser(state, actor, slug, round_id).await?;
    if round.kind() != RoundKind::Pitch {
        return Err(AppError::Conflict(Msg::new("jury-not-a-pitch-round")));
    }
    let Some(session) = round.session_id else {
        return Err(AppError::Conflict(Msg::new("jury-not-a-pitch-round")));
    };
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    queries::lock_round(&mut tx, round.id).await?;
    let entrants = entrants_of(&mut tx, &call, &round).await?;
    let mut wanted: Vec<i64> = entrants.iter().map(|e| e.id).collect();
    wanted.sort_unstable();
    let mut given = order.to_vec();
    given.sort_unstable();
    if given != wanted {
        return Err(AppError::field("order", "valid-jury-slot-order"));
    }
    let event = call
        .event_id
        .ok_or_else(|| AppError::Conflict(Msg::new("jury-not-a-pitch-round")))?;
    let session =
        crate::agenda::queries::find_session(&mut tx, event, crate::ids::SessionId(session))
            .await?
            .ok_or_else(|| AppError::Conflict(Msg::new("jury-not-a-pitch-round")))?;
    let (starts, ends) = (session.starts_at, session.ends_at);
    let times = model::plan_slots(starts, ends, order.len());
    let slots: Vec<(i64, DateTime<Utc>, DateTime<Utc>)> = order
        .iter()
        .zip(times)
        .map(|(s, (a, b))| (*s, a, b))
        .collect();
    queries::replace_slots(&mut tx, round.id, &slots).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "jury.slots",
        &format!("round:{}", round.id),
        &format!("{order:?}"),
        now,
    )
    .await?;
    let out = queries::slots(&mut tx, round.id).await?;
    tx.commit().await?;
    Ok(out)
}

/// Releases the decisions to the teams in one step: every team whose entry reached a decision
/// gets a mail with its status and the jury's notes, and the call's public page shows the
/// finalists and winners. Returns how many teams were written to.
pub async fn release(state: &AppState, actor: &Actor, slug: &str) -> Result<usize, AppError> {
    let call = calls::for_organiser(state, actor, slug).await?;
    if call.results_published {
        return Err(AppError::Conflict(Msg::new("jury-results-released")));
    }
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let decided = [
        SubmissionStatus::Winner,
        SubmissionStatus::Finalist,
        SubmissionStatus::NotSelected,
        SubmissionStatus::Shortlisted,
    ];
    let mut written = 0;
    for status in decided {
        for e in queries::entrants(&mut tx, call.id, status.as_str()).await? {
            let Some(sub) = call_queries::submission(&mut tx, e.id).await? else {
                continue;
            };
            let members = call_queries::members(&mut tx, sub.id).await?;
            let notes = queries::team_notes(&mut tx, sub.id).await?;
            let link = state
                .config
                .url(&format!("/calls/{}/submissions/{}", call.slug, sub.id));
            for m in &members {
                let account = crate::account::queries::find_by_email(&mut tx, &m.email).await?;
                let lang = account.as_ref().map(|a| a.lang()).unwrap_or(Lang::De);
                let name = account
                    .as_ref()
                    .map(|a| a.name.clone())
                    .unwrap_or_else(|| m.name.clone());
                let t = lang.tr();
                let notes = if notes.is_empty() {
                    String::new()
                } else {
                    let items: Vec<String> = notes.iter().map(|n| format!("– {n}")).collect();
                    format!(
                        "{}\n\n{}",
                        t.msg("mail-jury-result-notes"),
                        items.join("\n")
                    )
                };
                let outcome = match (sub.status, sub.placement) {
                    (SubmissionStatus::Winner, Some(p)) => {
                        t.msg_args("call-place", &[("place", p.to_string())])
                    }
                    (s, _) => t.msg(s.label_id()),
                };
                let args = [
                    ("name", name.clone()),
                    ("call", call.title(lang).to_string()),
                    ("title", sub.title.clone()),
                    ("outcome", outcome),
                    ("notes", notes),
                    ("link", link.clone()),
                ];
                let letter = crate::mail_template::service::compose(
                    &mut tx,
                    crate::mail_template::service::Sender::Call(call.id),
                    &crate::mail_template::model::JURY_RESULT,
                    lang,
                    &args,
                )
                .await?;
                crate::mail::enqueue(
                    &mut tx,
                    &state.config,
                    crate::mail::NewMail {
                        to_address: &m.email,
                        to_name: &name,
                        lang,
                        subject: &letter.subject,
                        body_text: &letter.body,
                        attachments: &[],
                    },
                    now,
                )
                .await?;
            }
            written += 1;
        }
    }
    call_queries::set_flags(&mut tx, call.id, call.published, true, now).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "jury.release",
        &format!("call:{}", call.id),
        &format!("{written} teams"),
        now,
    )
    .await?;
    crate::webhook::service::emit(
        &mut tx,
        crate::account::Scope::Call(call.id),
        crate::webhook::model::Topic::ResultsReleased,
        serde_json::json!({ "results": { "teams_told": written, "released_at": now } }),
        now,
    )
    .await?;
    tx.commit().await?;
    state.mailer.wake();
    Ok(written)
}

/// Reminds jurors of unfinished reviews in rounds that close within a day (once per round).
/// Run by the background worker; returns how many mails were queued.
pub async fn send_reminders(state: &AppState) -> Result<usize, AppError> {
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let mut sent = 0;
    for round in queries::rounds_to_remind(&mut tx, now, now + Duration::hours(24)).await? {
        // Several app servers run this worker: only the one that claims the round mails.
        if !queries::claim_reminders(&mut tx, round.id, now).await? {
            continue;
        }
        let Some(call) = call_queries::find(&mut tx, round.call_id).await? else {
            continue;
        };
        let assignments = queries::assignments(&mut tx, round.id).await?;
        let reviews = queries::reviews(&mut tx, round.id).await?;
        let mut open: HashMap<i64, usize> = HashMap::new();
        for a in &assignments {
            let done = reviews.iter().any(|r| {
                r.row.account_id == a.account_id
                    && r.row.submission_id == a.submission_id
                    && r.row.state().is_done()
            });
            if !done {
                *open.entry(a.account_id).or_default() += 1;
            }
        }
        let mut jurors: Vec<(i64, usize)> = open.into_iter().collect();
        jurors.sort_unstable();
        for (account, count) in jurors {
            let Some(a) =
                crate::account::queries::find(&mut tx, crate::ids::AccountId(account)).await?
            else {
                continue;
            };
            let lang = a.lang();
            let args = [
                ("name", a.name.clone()),
                ("call", call.title(lang).to_string()),
                ("round", round.name(lang).to_string()),
                ("count", count.to_string()),
                (
                    "closes",
                    crate::http::fmt::at(lang, call.tz(), round.closes_at),
                ),
                (
                    "link",
                    state.config.url(&format!("/jury/rounds/{}", round.id)),
                ),
            ];
            let letter = crate::mail_template::service::compose(
                &mut tx,
                crate::mail_template::service::Sender::Call(call.id),
                &crate::mail_template::model::JURY_REMINDER,
                lang,
                &args,
            )
            .await?;
            crate::mail::enqueue(
                &mut tx,
                &state.config,
                crate::mail::NewMail {
                    to_address: &a.email,
                    to_name: &a.name,
                    lang,
                    subject: &letter.subject,
                    body_text: &letter.body,
                    attachments: &[],
                },
                now,
            )
            .await?;
            sent += 1;
        }
    }
    tx.commit().await?;
    if sent > 0 {
        state.mailer.wake();
    }
    Ok(sent)
}

/// The pitches an agenda session hosts: (title, organisation, start, end) in order.
pub async fn pitches_in_session(
    state: &AppState,
    session_id: i64,
) -> Result<Vec<(String, String, DateTime<Utc>, DateTime<Utc>)>, AppError> {
    let mut conn = state.db.acquire().await?;
    Ok(queries::pitches_in_session(&mut conn, session_id).await?)
}
