//! What participants and organisers control about the personal data of registrations:
//! consents that can be withdrawn as easily as they were given (with the instants of both on
//! record), and a retention period after which an event's registrations are anonymised.

use chrono::{DateTime, Months, Utc};

use super::form::{Question, QuestionKind};
use super::queries;
use crate::account::Actor;
use crate::audit;
use crate::db;
use crate::error::{AppError, Msg};
use crate::event::service as events;
use crate::state::AppState;

/// A consent question as it stands for one registration.
#[derive(Debug, Clone)]
pub struct Consent {
    pub question: Question,
    /// When it was (last) given; `None`: never given.
    pub given_at: Option<DateTime<Utc>>,
    pub withdrawn_at: Option<DateTime<Utc>>,
}

impl Consent {
    pub fn in_force(&self) -> bool {
        self.given_at.is_some() && self.withdrawn_at.is_none()
    }
}

/// The consents asked of the actor's active registration for an event, in form order.
///
/// # Errors
/// `NotFound` (no event the actor may see, or no active registration).
pub async fn consents(
    state: &AppState,
    actor: &Actor,
    slug: &str,
) -> Result<Vec<Consent>, AppError> {
    let event = events::visible(state, Some(actor), slug).await?;
    let mut conn = state.db.acquire().await?;
    let r = queries::find_for(&mut conn, event.id, actor.id)
        .await?
        .filter(|r| r.status.is_active())
        .ok_or_else(|| AppError::not_found("registration-not-found"))?;
    let stored = queries::answers(&mut conn, r.id).await?;
    Ok(queries::questions(&mut conn, event.id)
        .await?
        .into_iter()
        .filter(|q| q.kind == QuestionKind::Consent && q.applies_to(r.ticket_type_id))
        .map(|q| {
            let a = stored.iter().find(|a| a.question_id == q.id);
            Consent {
                given_at: a
                    .and_then(|a| DateTime::parse_from_rfc3339(&a.value).ok())
                    .map(|t| t.with_timezone(&Utc)),
                withdrawn_at: a.and_then(|a| a.withdrawn_at),
                question: q,
            }
        })
        .collect())
}

/// Gives (`true`) or withdraws (`false`) one consent of the actor's active registration, at any
/// time (not bound to the deadline for changing answers). A required consent is what the
/// registration rests on: it is withdrawn by cancelling the registration, and the refusal says
/// so. Giving a consent in force, or withdrawing one not in force, changes nothing.
///
/// # Errors
/// `NotFound` (no active registration, or no such consent question for it),
/// `Conflict("consent-required-cancel")`.
pub async fn set_consent(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    question_id: i64,
    give: bool,
) -> Result<Consent, AppError> {
    let event = events::visible(state, Some(actor), slug).await?;
    let mut tx = db::begin_write(&state.db).await?;
    let now = state.clock.now();
    let r = queries::find_for(&mut tx, event.id, actor.id)
        .await?
        .filter(|r| r.status.is_active())
        .ok_or_else(|| AppError::not_found("registration-not-found"))?;
    let question = queries::questions(&mut tx, event.id)
        .await?
        .into_iter()
        .find(|q| {
            q.id == question_id && q.kind == QuestionKind::Consent && q.applies_to(r.ticket_type_id)
        })
        .ok_or_else(|| AppError::not_found("consent-not-found"))?;
    let stored = queries::answers(&mut tx, r.id)
        .await?
        .into_iter()
        .find(|a| a.question_id == question_id);
    let in_force = stored.as_ref().is_some_and(|a| a.withdrawn_at.is_none());
    if give && !in_force {
        queries::put_answer(&mut tx, r.id, question_id, &now.to_rfc3339(), None).await?;
        audit::record(
            &mut tx,
            Some(actor.id),
            "registration.consent_given",
            &format!("registration:{}", r.id),
            &format!("question:{question_id}"),
            now,
        )
        .await?;
    } else if !give && in_force {
        if question.required {
            return Err(AppError::Conflict(Msg::new("consent-required-cancel")));
        }
        queries::withdraw_consent(&mut tx, r.id, question_id, now).await?;
        audit::record(
            &mut tx,
            Some(actor.id),
            "registration.consent_withdrawn",
            &format!("registration:{}", r.id),
            &format!("question:{question_id}"),
            now,
        )
        .await?;
    }
    let a = queries::answers(&mut tx, r.id)
        .await?
        .into_iter()
        .find(|a| a.question_id == question_id);
    tx.commit().await?;
    Ok(Consent {
        given_at: a
            .as_ref()
            .and_then(|a| DateTime::parse_from_rfc3339(&a.value).ok())
            .map(|t| t.with_timezone(&Utc)),
        withdrawn_at: a.and_then(|a| a.withdrawn_at),
        question,
    })
}

/// When an event's registrations are due to be anonymised: `months` after the end of its last
/// day (midnight UTC of the day after, so no time zone keeps data a day short).
pub fn anonymise_at(last_day: chrono::NaiveDate, months: i64) -> Option<DateTime<Utc>> {
    let day_after = last_day.succ_opt()?;
    let due = day_after.checked_add_months(Months::new(u32::try_from(months).ok()?))?;
    Some(due.and_hms_opt(0, 0, 0)?.and_utc())
}

/// Anonymises the registrations of every event whose retention period has run out: answers and
/// their files are deleted and registrations and seat bookings no longer name an account; the
/// counts stay. Run by the background worker; returns the events anonymised.
pub async fn apply_retention(state: &AppState) -> Result<usize, AppError> {
    let due = {
        let mut conn = state.db.acquire().await?;
        queries::retention_due(&mut conn).await?
    };
    let now = state.clock.now();
    let mut count = 0;
    for (event_id, months, last_day) in due {
        if anonymise_at(last_day, months).is_none_or(|t| t > now) {
            continue;
        }
        let mut tx = db::begin_write(&state.db).await?;
        let now = super::service::lock(&mut tx, event_id, &state.clock).await?;
        // Re-read under the lock: an organiser may have changed the period meanwhile.
        let still_due = queries::settings(&mut tx, event_id)
            .await?
            .is_some_and(|s| {
                s.anonymised_at.is_none()
                    && s.retention_months
                        .and_then(|m| anonymise_at(last_day, m))
                        .is_some_and(|t| t <= now)
            });
        if !still_due {
            continue;
        }
        let touched = queries::anonymise_registrations(&mut tx, event_id, now).await?;
        audit::record(
            &mut tx,
            None,
            "registration.anonymise",
            &format!("event:{event_id}"),
            &format!("{touched} registrations"),
            now,
        )
        .await?;
        tx.commit().await?;
        count += 1;
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn registrations_are_anonymised_whole_months_after_the_events_last_day() {
        let last = NaiveDate::from_ymd_opt(2026, 11, 9).unwrap();
        assert_eq!(
            anonymise_at(last, 6).unwrap().to_rfc3339(),
            "2027-05-10T00:00:00+00:00"
        );
        // The end of a month is kept: 31 January + 1 month ends on the last of February.
        let jan = NaiveDate::from_ymd_opt(2027, 1, 30).unwrap();
        assert_eq!(
            anonymise_at(jan, 1).unwrap().to_rfc3339(),
            "2027-02-28T00:00:00+00:00"
        );
        assert_eq!(anonymise_at(last, -1), None);
    }
}
