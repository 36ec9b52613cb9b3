//! Organisers' decisions about submissions: eligibility (with the reason the team is told),
//! moves through review, shortlist, finalists and winners, one at a time or for many entries
//! at once, each through the state machine and the audit log, with the team's mail.

use super::*;
use crate::mail_template::model::{self as mails, Kind};

/// What an organiser decides about a submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// It meets the call's rules (the team is told).
    Eligible,
    /// It does not, with the reason the team is told.
    Ineligible(String),
    /// Any other move the state machine allows (in review, shortlisted, finalist, not selected).
    Move(SubmissionStatus),
    /// A winner with its placement (1 = first).
    Winner(i64),
}

impl Decision {
    /// From a form or the API: `action` is `eligible`, `ineligible`, `winner` or a status.
    pub fn parse(action: &str, reason: &str, placement: Option<i64>) -> Result<Decision, AppError> {
        match action.trim() {
            "eligible" => Ok(Decision::Eligible),
            "ineligible" => {
                let reason = reason.trim();
                if reason.is_empty() {
                    Err(AppError::field(
                        "reason",
                        "valid-submission-reason-required",
                    ))
                } else if reason.chars().count() > 2000 {
                    Err(AppError::Invalid(FieldErrors::one(
                        "reason",
                        Msg::new("valid-too-long").arg("max", 2000),
                    )))
                } else {
                    Ok(Decision::Ineligible(reason.to_string()))
                }
            }
            "winner" => match placement {
                Some(p) if (1..=100).contains(&p) => Ok(Decision::Winner(p)),
                _ => Err(AppError::field("placement", "valid-submission-placement")),
            },
            other => match SubmissionStatus::parse(other) {
                Some(s) => Ok(Decision::Move(s)),
                None => Err(AppError::field(
                    "action",
                    "submission-status-change-invalid",
                )),
            },
        }
    }
}

/// An organiser's decision. Eligibility can be checked at any time after submission; review,
/// shortlist, finalists and winners follow the state machine after the deadline.
pub async fn decide(
    state: &AppState,
    actor: &Actor,
    id: i64,
    decision: &Decision,
) -> Result<Detail, AppError> {
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    decide_in(state, &mut tx, actor, id, decision, now).await?;
    let d = load(&mut tx, actor, id, now).await?;
    tx.commit().await?;
    state.mailer.wake();
    Ok(d)
}

/// One decision for many entries of a call at once (say, eligible for forty entries, or
/// ineligible with one reason): all or nothing, in one transaction, each entry through the state
/// machine, the audit log and its team's mail. An entry that is not the call's, or cannot take
/// the decision from its status, refuses the whole batch with its title named, and nothing
/// changes. Returns how many entries were decided.
pub async fn decide_many(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    ids: &[i64],
    decision: &Decision,
) -> Result<usize, AppError> {
    let call = for_organiser(state, actor, slug).await?;
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Err(AppError::field("submissions", "valid-bulk-none-selected"));
    }
    if ids.len() > 1000 {
        return Err(AppError::Invalid(FieldErrors::one(
            "submissions",
            Msg::new("valid-bulk-too-many").arg("max", 1000),
        )));
    }
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    juror_blind_check(&mut tx, actor, &call, now).await?;
    for id in &ids {
        let sub = queries::submission(&mut tx, *id).await?;
        let Some(sub) = sub.filter(|s| s.call_id == call.id && s.status != SubmissionStatus::Draft)
        else {
            return Err(AppError::field("submissions", "valid-bulk-not-in-call"));
        };
        match decide_in(state, &mut tx, actor, *id, decision, now).await {
            Ok(()) => {}
            Err(AppError::Conflict(_) | AppError::Invalid(_)) => {
                return Err(AppError::Conflict(
                    Msg::new("call-bulk-refused").arg("title", sub.title.clone()),
                ));
            }
            Err(e) => return Err(e),
        }
    }
    tx.commit().await?;
    state.mailer.wake();
    Ok(ids.len())
}

/// Applies one decision to one submission inside the caller's transaction (see [`decide`]).
async fn decide_in(
    state: &AppState,
    tx: &mut DbConn,
    actor: &Actor,
    id: i64,
    decision: &Decision,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    queries::lock_submission(tx, id).await?;
    let d = load(tx, actor, id, now).await?;
    if !d.organiser {
        return Err(AppError::forbidden());
    }
    let phases = d.call.phases();
    let from = d.sub.status;
    let moved = |to| {
        from.change(to, By::Organiser, &phases, now)
            .map_err(|id| AppError::Conflict(Msg::new(id)))
    };
    match decision {
        Decision::Eligible => {
            let to = if from == SubmissionStatus::Ineligible {
                moved(SubmissionStatus::Submitted)?
            } else if from == SubmissionStatus::Submitted || from == SubmissionStatus::InReview {
                from
            } else {
                return Err(AppError::Conflict(Msg::new(
                    "submission-status-change-invalid",
                )));
            };
            change_status(tx, actor, &d.sub, to, "", None, Some(now), now).await?;
            mail_team(state, tx, &d, &mails::SUBMISSION_ELIGIBLE, &[], now).await?;
        }
        Decision::Ineligible(reason) => {
            let to = moved(SubmissionStatus::Ineligible)?;
            change_status(tx, actor, &d.sub, to, reason, None, None, now).await?;
            mail_team(
                state,
                tx,
                &d,
                &mails::SUBMISSION_INELIGIBLE,
                &[("reason", reason.clone())],
                now,
            )
            .await?;
        }
        Decision::Move(to) => {
            let to = moved(*to)?;
            if to == SubmissionStatus::Winner {
                return Err(AppError::field("placement", "valid-submission-placement"));
            }
            change_status(tx, actor, &d.sub, to, "", None, d.sub.eligible_at, now).await?;
        }
        Decision::Winner(p) => {
            let to = moved(SubmissionStatus::Winner)?;
            change_status(tx, actor, &d.sub, to, "", Some(*p), d.sub.eligible_at, now).await?;
        }
    }
    Ok(())
}

/// Writes the `kind` mail to every member of the team, each in their account's language (German for addresses
/// without an account).
pub(super) async fn mail_team(
    state: &AppState,
    conn: &mut DbConn,
    d: &Detail,
    kind: &Kind,
    args: &[(&'static str, String)],
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let link = state
        .config
        .url(&format!("/calls/{}/submissions/{}", d.call.slug, d.sub.id));
    for m in &d.members {
        let account = crate::account::queries::find_by_email(conn, &m.email).await?;
        let lang = account.as_ref().map(|a| a.lang()).unwrap_or(Lang::De);
        let name = account
            .as_ref()
            .map(|a| a.name.clone())
            .unwrap_or_else(|| m.name.clone());
        let mut all = vec![
            ("call", d.call.title(lang).to_string()),
            ("title", d.sub.title.clone()),
            ("link", link.clone()),
            (
                "deadline",
                crate::http::fmt::at(lang, d.call.tz(), d.call.deadline),
            ),
        ];
        all.extend(args.iter().cloned());
        let note = if kind.key == mails::SUBMISSION_SUBMITTED.key {
            d.call.mail_submitted(lang)
        } else if kind.key == mails::SUBMISSION_INELIGIBLE.key {
            d.call.mail_ineligible(lang)
        } else {
            ""
        };
        all.push(("name", name.clone()));
        all.push(("note", note.to_string()));
        let letter = crate::mail_template::service::compose(
            conn,
            crate::mail_template::service::Sender::Call(d.call.id),
            kind,
            lang,
            &all,
        )
        .await?;
        crate::mail::enqueue(
            conn,
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
    Ok(())
}
