//! JSON API for registrations: register with answers, see, change answers, cancel, accept an
//! offer, book limited sessions; organisers configure registration, list, export and decide;
//! check-in staff check people in. The same services and rules as the pages.

use std::collections::HashMap;

use base64::Engine;
use chrono::{DateTime, Utc};
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};

use super::bookings;
use super::checkin::{self, Target};
use super::form::{AnswersIn, FileIn};
use super::model::{Booking, Filter, Registration, Settings};
use super::privacy;
use super::service::{self, Decision, RegisterInput, SettingsInput};
use crate::error::{AppError, FieldErrors, Msg};
use crate::http::api::{API_PATH, ApiAuth, ApiError, ApiTags};
use crate::ids::SessionId;
use crate::state::AppState;

/// Answers by question id: the key is the id, alone or after `q` (`"12"` or `"q12"`). A value is
/// a string (text, number, date, `yes`/`no`, a country code, the number of the chosen option),
/// `true` for a consent (`false` withdraws one given earlier, see `withdraw_consent`), a list of
/// option numbers for multiple choice, or `{"filename": …, "content_base64": …}` for a file.
/// A key that names no question id, two keys for one question, a list item that is not text or a
/// number and a file without its content are refused at their field (`answers.q12`).
pub(crate) fn answers_from(
    json: Option<HashMap<String, serde_json::Value>>,
) -> Result<AnswersIn, AppError> {
    use serde_json::Value;
    let mut a = AnswersIn::default();
    let mut errors = FieldErrors::default();
    let mut seen = std::collections::HashSet::new();
    // In key order, so the same body always gives the same errors.
    let mut entries: Vec<_> = json.unwrap_or_default().into_iter().collect();
    entries.sort_by(|x, y| x.0.cmp(&y.0));
    for (k, v) in entries {
        let field = format!("answers.{k}");
        let Some(id) = crate::ids::key_id(k.strip_prefix('q').unwrap_or(&k)) else {
            errors.add_msg(field, Msg::new("valid-answer-key"));
            continue;
        };
        if !seen.insert(id) {
            errors.add_msg(field, Msg::new("valid-json-duplicate"));
            continue;
        }
        let scalar = |v: &Value| match v {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(true) => Some("on".into()),
            Value::Bool(false) => Some(String::new()),
            _ => None,
        };
        match &v {
            Value::Array(items) => {
                let mut values = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    match item {
                        Value::String(_) | Value::Number(_) => values.extend(scalar(item)),
                        _ => errors.add_msg(format!("{field}.{i}"), Msg::new("valid-answer-item")),
                    }
                }
                a.values.insert(id, values);
            }
            Value::Object(o) => {
                let filename = o.get("filename").and_then(Value::as_str).unwrap_or("file");
                let Some(bytes) = o
                    .get("content_base64")
                    .and_then(Value::as_str)
                    .and_then(|b| base64::engine::general_purpose::STANDARD.decode(b).ok())
                else {
                    errors.add_msg(field, Msg::new("valid-file-base64"));
                    continue;
                };
                a.files.insert(
                    id,
                    FileIn {
                        filename: filename.to_string(),
                        bytes,
                    },
                );
            }
            Value::Null => {}
            other => {
                a.values.insert(id, scalar(other).into_iter().collect());
            }
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    Ok(a)
}

#[derive(Object, Debug, Default)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "RegisterRequest")]
pub struct RegisterBody {
    /// Required when the event has several ticket types.
    pub ticket_type_id: Option<i64>,
    /// Answers by question id (see `RegistrationForm`).
    pub answers: Option<HashMap<String, serde_json::Value>>,
}

#[derive(Object, Debug)]
#[oai(rename = "AnswersRequest")]
pub struct AnswersBody {
    pub answers: HashMap<String, serde_json::Value>,
}

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "TicketType")]
pub struct TicketBody {
    pub id: i64,
    pub name_de: String,
    pub name_en: String,
    pub capacity: Option<i64>,
}

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "Question")]
pub struct QuestionBody {
    pub id: i64,
    /// text, long_text, number, date, single_choice, multiple_choice, yes_no, country, file or consent.
    pub kind: String,
    pub label_de: String,
    pub label_en: String,
    pub required: bool,
    /// Choices (German, English); answer with the choice's number, counted from 0.
    pub options: Vec<Vec<String>>,
    /// Asked only for these ticket types; empty: for all.
    pub ticket_types: Vec<i64>,
    /// File questions: the largest file accepted.
    pub max_bytes: Option<i64>,
    /// Number questions: the smallest and largest answer taken.
    pub number_min: Option<f64>,
    pub number_max: Option<f64>,
}

#[derive(Object, Debug)]
#[oai(rename = "RegistrationForm")]
pub struct FormBody {
    pub ticket_types: Vec<TicketBody>,
    pub questions: Vec<QuestionBody>,
}

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "Decision")]
pub struct DecisionBody {
    /// approve, reject, cancel or move.
    pub action: String,
    /// For `move`: the ticket type to move to.
    pub ticket_type_id: Option<i64>,
}

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "CheckinRequest")]
pub struct CheckinBody {
    /// The code on the participant's QR code …
    pub code: Option<String>,
    /// … or the registration found by name.
    pub registration_id: Option<i64>,
    /// Check in at this limited session instead of the event entrance.
    pub session_id: Option<i64>,
}

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "CheckinResult")]
pub struct CheckinResultBody {
    /// valid, already_checked_in, not_valid, wrong_event, unknown or not_booked.
    pub outcome: String,
    /// Set for `already_checked_in`.
    pub checked_in_at: Option<DateTime<Utc>>,
    /// Set for `not_valid`: the registration's status.
    pub status: Option<String>,
    pub name: String,
    pub registration_id: Option<i64>,
}

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "Booking")]
pub struct BookingBody {
    pub session_id: i64,
    /// confirmed, waitlisted, offered (a freed seat held until `offer_expires_at`: book the
    /// session again to take it up), expired (an offer not taken up) or cancelled.
    pub status: String,
    pub offer_expires_at: Option<DateTime<Utc>>,
    pub checked_in_at: Option<DateTime<Utc>>,
}

impl From<Booking> for BookingBody {
    fn from(b: Booking) -> Self {
        BookingBody {
            session_id: b.session_id.0,
            status: b.status.as_str().into(),
            offer_expires_at: b.offer_expires_at,
            checked_in_at: b.checked_in_at,
        }
    }
}

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "Consent")]
pub struct ConsentBody {
    pub question_id: i64,
    pub label_de: String,
    pub label_en: String,
    /// A required consent is withdrawn only by cancelling the registration.
    pub required: bool,
    /// When it was (last) given; absent: never given.
    pub given_at: Option<DateTime<Utc>>,
    /// When it was withdrawn; absent: in force (or never given).
    pub withdrawn_at: Option<DateTime<Utc>>,
}

impl From<privacy::Consent> for ConsentBody {
    fn from(c: privacy::Consent) -> Self {
        ConsentBody {
            question_id: c.question.id,
            label_de: c.question.label_de.clone(),
            label_en: c.question.label_en.clone(),
            required: c.question.required,
            given_at: c.given_at,
            withdrawn_at: c.withdrawn_at,
        }
    }
}

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "RegistrationRecord")]
pub struct RecordBody {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub status: String,
    pub ticket_type: Option<String>,
    pub registered_at: DateTime<Utc>,
    pub checked_in_at: Option<DateTime<Utc>>,
    /// Answers as (question, answer), in the caller's language.
    pub answers: Vec<Vec<String>>,
}

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "Registration")]
pub struct RegistrationBody {
    pub id: i64,
    /// pending, confirmed, waitlisted, offered, cancelled, rejected or expired.
    pub status: String,
    /// When a place offered from the waiting list lapses.
    pub offer_expires_at: Option<DateTime<Utc>>,
    pub ticket_type_id: Option<i64>,
    /// The personal code on the QR code (only once confirmed).
    pub code: Option<String>,
    pub checked_in_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// The caller's answers as `update_registration_answers` takes them (on the caller's own
    /// registration): text for one value, a list of option numbers for multiple choice. Files
    /// and consents are not listed; they stay as they are when left out of an update.
    pub answers: Option<HashMap<String, serde_json::Value>>,
}

/// The answer of a registration: made now, or the one the caller already had.
#[derive(ApiResponse, Debug)]
pub enum Registered {
    /// Registered now; `Location` is the caller's registration.
    #[oai(status = 201)]
    Created(Json<RegistrationBody>, #[oai(header = "Location")] String),
    /// Already registered: the registration as it is (nothing changed).
    #[oai(status = 200)]
    Existing(Json<RegistrationBody>),
}

impl From<Registration> for RegistrationBody {
    fn from(r: Registration) -> Self {
        RegistrationBody {
            id: r.id,
            status: r.status.as_str().into(),
            offer_expires_at: r.offer_expires_at,
            ticket_type_id: r.ticket_type_id,
            code: (r.status == super::RegistrationStatus::Confirmed).then_some(r.code),
            checked_in_at: r.checked_in_at,
            created_at: r.created_at,
            answers: None,
        }
    }
}

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "RegistrationSettings")]
pub struct SettingsBody {
    /// RFC 3339; absent: open now.
    pub opens_at: Option<DateTime<Utc>>,
    /// RFC 3339; absent: open until the organisers close it.
    pub closes_at: Option<DateTime<Utc>>,
    pub capacity: Option<i64>,
    #[oai(default)]
    pub approval_required: bool,
    /// Hours a freed place is held for the next person in line (1–720, default 48).
    pub offer_hours: Option<i64>,
    /// Until when participants may change their answers; absent: until registration closes.
    pub edit_until: Option<DateTime<Utc>>,
    /// Months after the event's last day at which its registrations are anonymised (answers and
    /// files deleted, accounts unlinked; counts kept), 1–120; absent: kept.
    pub retention_months: Option<i64>,
    /// When the registrations were anonymised (read only).
    pub anonymised_at: Option<DateTime<Utc>>,
}

impl From<Settings> for SettingsBody {
    fn from(s: Settings) -> Self {
        SettingsBody {
            opens_at: s.opens_at,
            closes_at: s.closes_at,
            capacity: s.capacity,
            approval_required: s.approval_required,
            offer_hours: Some(s.offer_hours),
            edit_until: s.edit_until,
            retention_months: s.retention_months,
            anonymised_at: s.anonymised_at,
        }
    }
}

pub struct RegistrationApi;

#[OpenApi(prefix_path = "/events", tag = "ApiTags::Registration")]
impl RegistrationApi {
    /// Register for an event
    ///
    /// A place when one is free, else the waiting list. Registering again returns the existing
    /// registration.
    #[oai(
        path = "/:slug/registration",
        method = "post",
        operation_id = "register"
    )]
    async fn register(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        body: Json<RegisterBody>,
    ) -> Result<Registered, ApiError> {
        let input = RegisterInput {
            ticket_type_id: body.0.ticket_type_id,
            answers: answers_from(body.0.answers)?,
        };
        let (registration, new) = service::register(&state, auth.actor(), &slug.0, &input).await?;
        let body = Json(registration.into());
        Ok(if new {
            Registered::Created(body, format!("{API_PATH}/events/{}/registration", slug.0))
        } else {
            Registered::Existing(body)
        })
    }

    /// The registration form of an event: ticket types and questions
    #[oai(
        path = "/:slug/registration-form",
        method = "get",
        operation_id = "get_registration_form"
    )]
    async fn form(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
    ) -> Result<Json<FormBody>, ApiError> {
        let f = service::form(&state, Some(auth.actor()), &slug.0).await?;
        Ok(Json(FormBody {
            ticket_types: f
                .tickets
                .into_iter()
                .map(|t| TicketBody {
                    id: t.id,
                    name_de: t.name_de,
                    name_en: t.name_en,
                    capacity: t.capacity,
                })
                .collect(),
            questions: f
                .questions
                .into_iter()
                .map(|q| QuestionBody {
                    id: q.id,
                    kind: q.kind.as_str().into(),
                    options: q.choices().into_iter().map(|c| vec![c.de, c.en]).collect(),
                    ticket_types: q.ticket_type_ids(),
                    label_de: q.label_de,
                    label_en: q.label_en,
                    required: q.required,
                    max_bytes: q.max_bytes,
                    number_min: q.number_min,
                    number_max: q.number_max,
                })
                .collect(),
        }))
    }

    /// Change my answers (until the event's deadline)
    #[oai(
        path = "/:slug/registration/answers",
        method = "put",
        operation_id = "update_registration_answers"
    )]
    async fn answers(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        body: Json<AnswersBody>,
    ) -> Result<(), ApiError> {
        let answers = answers_from(Some(body.0.answers))?;
        service::update_answers(&state, auth.actor(), &slug.0, &answers).await?;
        Ok(())
    }

    /// My registration for an event
    #[oai(
        path = "/:slug/registration",
        method = "get",
        operation_id = "get_my_registration"
    )]
    async fn mine(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
    ) -> Result<Json<RegistrationBody>, ApiError> {
        let (_, _, detail) = service::mine_detail(&state, auth.actor(), &slug.0).await?;
        let d = detail.ok_or_else(|| AppError::not_found("registration-not-found"))?;
        let (stored, _) = d.stored_answers();
        let multiple: std::collections::HashSet<i64> = d
            .questions
            .iter()
            .filter(|q| q.kind == super::form::QuestionKind::MultipleChoice)
            .map(|q| q.id)
            .collect();
        let answers = stored
            .values
            .into_iter()
            .map(|(id, mut values)| {
                let value = if multiple.contains(&id) {
                    serde_json::json!(values)
                } else {
                    serde_json::json!(values.pop().unwrap_or_default())
                };
                (id.to_string(), value)
            })
            .collect();
        let mut body = RegistrationBody::from(d.registration);
        body.answers = Some(answers);
        Ok(Json(body))
    }

    /// Cancel my registration
    ///
    /// A freed place is offered to the first person on the waiting list.
    #[oai(
        path = "/:slug/registration",
        method = "delete",
        operation_id = "cancel_registration"
    )]
    async fn cancel(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
    ) -> Result<(), ApiError> {
        service::cancel(&state, auth.actor(), &slug.0).await?;
        Ok(())
    }

    /// Accept an offered place
    #[oai(
        path = "/:slug/registration/accept",
        method = "post",
        operation_id = "accept_registration_offer"
    )]
    async fn accept(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
    ) -> Result<Json<RegistrationBody>, ApiError> {
        Ok(Json(
            service::accept_offer(&state, auth.actor(), &slug.0)
                .await?
                .into(),
        ))
    }

    /// An event's registration settings (organisers)
    #[oai(
        path = "/:slug/registration-settings",
        method = "get",
        operation_id = "get_registration_settings"
    )]
    async fn settings(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
    ) -> Result<Json<SettingsBody>, ApiError> {
        let settings = service::settings_for_organisers(&state, auth.actor(), &slug.0).await?;
        Ok(Json(settings.into()))
    }

    /// Set up or change registration (organisers)
    ///
    /// The whole settings, as their GET answers them: a property left out takes its default.
    #[oai(
        path = "/:slug/registration-settings",
        method = "put",
        operation_id = "configure_registration"
    )]
    async fn configure(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        body: Json<SettingsBody>,
    ) -> Result<Json<SettingsBody>, ApiError> {
        let input = SettingsInput {
            opens_at: body.0.opens_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
            closes_at: body.0.closes_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
            capacity: body.0.capacity,
            approval_required: body.0.approval_required,
            offer_hours: body.0.offer_hours,
            edit_until: body
                .0
                .edit_until
                .map(|t| t.to_rfc3339())
                .unwrap_or_default(),
            retention_months: body.0.retention_months,
        };
        Ok(Json(
            service::configure(&state, auth.actor(), &slug.0, &input)
                .await?
                .into(),
        ))
    }

    /// Registrations of an event in line order, with answers (organisers)
    #[oai(
        path = "/:slug/registrations",
        method = "get",
        operation_id = "list_registrations"
    )]
    async fn list(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        /// Part of a name, e-mail address or organisation.
        q: Query<Option<String>>,
        /// Only registrations in this status.
        status: Query<Option<String>>,
        /// Only this ticket type.
        ticket_type_id: Query<Option<i64>>,
    ) -> Result<Json<Vec<RecordBody>>, ApiError> {
        let filter = Filter {
            q: q.0.unwrap_or_default(),
            status: status.0.unwrap_or_default(),
            ticket: ticket_type_id.0,
            window: None,
        };
        let actor = auth.actor();
        let (_, records) =
            super::export::json(&state, actor, &slug.0, &filter, actor.language).await?;
        Ok(Json(
            records
                .into_iter()
                .map(|r| RecordBody {
                    id: r.id,
                    name: r.name,
                    email: r.email,
                    organisation: r.organisation,
                    status: r.status.as_str().into(),
                    ticket_type: r.ticket_type,
                    registered_at: r.registered_at,
                    checked_in_at: r.checked_in_at,
                    answers: r.answers.into_iter().map(|(q, a)| vec![q, a]).collect(),
                })
                .collect(),
        ))
    }

    /// Approve, reject, cancel or move a registration (organisers)
    #[oai(
        path = "/:slug/registrations/:id/decision",
        method = "post",
        operation_id = "decide_registration"
    )]
    async fn decide(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
        body: Json<DecisionBody>,
    ) -> Result<Json<RegistrationBody>, ApiError> {
        // A ticket type belongs to a move only: with another decision it would be ignored.
        if body.0.ticket_type_id.is_some() && body.0.action != "move" {
            return Err(AppError::field("ticket_type_id", "valid-ticket-type-move-only").into());
        }
        let decision = Decision::parse(&body.0.action, body.0.ticket_type_id)
            .ok_or_else(|| AppError::field("action", "valid-decision-invalid"))?;
        Ok(Json(
            service::decide(&state, auth.actor(), &slug.0, id.0, decision)
                .await?
                .into(),
        ))
    }

    /// Check a participant in (check-in staff and organisers)
    ///
    /// Answers 200 with the outcome whatever it is: the door shows it.
    #[oai(path = "/:slug/checkin", method = "post", operation_id = "check_in")]
    async fn check_in(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        body: Json<CheckinBody>,
    ) -> Result<Json<CheckinResultBody>, ApiError> {
        let target = match (body.0.registration_id, body.0.code) {
            (Some(id), _) => Target::Registration(id),
            (None, Some(code)) => Target::Code(code),
            (None, None) => return Err(AppError::field("code", "valid-required").into()),
        };
        let r = checkin::check_in(
            &state,
            auth.actor(),
            &slug.0,
            &target,
            body.0.session_id.map(SessionId),
        )
        .await?;
        let (outcome, at, status) = match r.outcome {
            checkin::Outcome::Valid => ("valid", None, None),
            checkin::Outcome::AlreadyCheckedIn { at } => ("already_checked_in", Some(at), None),
            checkin::Outcome::NotValid { status } => {
                ("not_valid", None, Some(status.as_str().to_string()))
            }
            checkin::Outcome::WrongEvent => ("wrong_event", None, None),
            checkin::Outcome::Unknown => ("unknown", None, None),
            checkin::Outcome::NotBooked => ("not_booked", None, None),
        };
        Ok(Json(CheckinResultBody {
            outcome: outcome.into(),
            checked_in_at: at,
            status,
            name: r.name,
            registration_id: r.registration_id,
        }))
    }

    /// Book a seat in a limited session
    ///
    /// A seat when one is free, else the session's waiting list. When a freed seat is offered
    /// to the caller (status `offered`), booking again takes it up until `offer_expires_at`;
    /// after that the answer is 409. Overlapping bookings are refused with a 409 naming the
    /// clash.
    #[oai(
        path = "/:slug/sessions/:id/booking",
        method = "post",
        operation_id = "book_session"
    )]
    async fn book(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Json<BookingBody>, ApiError> {
        Ok(Json(
            bookings::book(&state, auth.actor(), &slug.0, SessionId(id.0))
                .await?
                .into(),
        ))
    }

    /// Give up a seat, a seat offer or a place on a session's waiting list
    #[oai(
        path = "/:slug/sessions/:id/booking",
        method = "delete",
        operation_id = "cancel_session_booking"
    )]
    async fn unbook(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<(), ApiError> {
        bookings::unbook(&state, auth.actor(), &slug.0, SessionId(id.0)).await?;
        Ok(())
    }

    /// My consents for an event
    ///
    /// Every consent question asked of my registration, with when I gave and withdrew it.
    #[oai(
        path = "/:slug/registration/consents",
        method = "get",
        operation_id = "list_my_consents"
    )]
    async fn consents(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
    ) -> Result<Json<Vec<ConsentBody>>, ApiError> {
        let all = privacy::consents(&state, auth.actor(), &slug.0).await?;
        Ok(Json(all.into_iter().map(ConsentBody::from).collect()))
    }

    /// Give a consent
    ///
    /// At any time while registered; a consent in force stays as it is.
    #[oai(
        path = "/:slug/registration/consents/:question_id",
        method = "put",
        operation_id = "give_consent"
    )]
    async fn give_consent(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        question_id: Path<i64>,
    ) -> Result<Json<ConsentBody>, ApiError> {
        let c = privacy::set_consent(&state, auth.actor(), &slug.0, question_id.0, true).await?;
        Ok(Json(c.into()))
    }

    /// Withdraw a consent
    ///
    /// At any time, with the instant on record. A required consent is what the registration
    /// rests on: 409 `consent-required-cancel`; cancel the registration instead.
    #[oai(
        path = "/:slug/registration/consents/:question_id",
        method = "delete",
        operation_id = "withdraw_consent"
    )]
    async fn withdraw_consent(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        question_id: Path<i64>,
    ) -> Result<Json<ConsentBody>, ApiError> {
        let c = privacy::set_consent(&state, auth.actor(), &slug.0, question_id.0, false).await?;
        Ok(Json(c.into()))
    }
}
