//! Exports of an event's registrations for its organisers: CSV that opens correctly in a German
//! Excel (UTF-8 with BOM, semicolons, CRLF) and JSON with the same content.

use convene_frontend::Lang;

use super::form::{self, Question};
use super::model::TicketType;
use super::queries::{self, Filter, Row};
use super::service;
use crate::account::Actor;
use crate::error::AppError;
use crate::spreadsheet::Sheet;
use crate::state::AppState;

/// One registration as exported.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Record {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub status: super::RegistrationStatus,
    pub ticket_type: Option<String>,
    pub registered_at: chrono::DateTime<chrono::Utc>,
    pub checked_in_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Answers by question label, as a person reads them.
    pub answers: Vec<(String, String)>,
}

async fn records(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    filter: &Filter,
    lang: Lang,
) -> Result<(crate::event::Event, Vec<Question>, Vec<Record>), AppError> {
    let o = service::overview(state, actor, slug, filter).await?;
    let mut conn = state.db.acquire().await?;
    // (registration, question) → stored value: one lookup per cell, not a scan.
    let answers: std::collections::HashMap<(i64, i64), queries::StoredAnswer> =
        queries::answers_of_event(&mut conn, o.event.id)
            .await?
            .into_iter()
            .map(|a| ((a.registration_id, a.question_id), a))
            .collect();
    let records = o
        .rows
        .iter()
        .map(|row: &Row| {
            let r = &row.registration;
            let ticket: Option<&TicketType> =
                o.tickets.iter().find(|t| Some(t.id) == r.ticket_type_id);
            Record {
                id: r.id,
                name: row.name.clone(),
                email: row.email.clone(),
                organisation: row.organisation.clone(),
                status: r.status,
                ticket_type: ticket.map(|t| t.name(lang).to_string()),
                registered_at: r.created_at,
                checked_in_at: r.checked_in_at,
                answers: o
                    .questions
                    .iter()
                    .map(|q| {
                        let value = answers
                            .get(&(r.id, q.id))
                            .map(|a| form::display_stored(q, &a.value, a.withdrawn_at, lang))
                            .unwrap_or_default();
                        (q.label(lang).to_string(), value)
                    })
                    .collect(),
            }
        })
        .collect();
    Ok((o.event, o.questions, records))
}

/// The registrations as CSV (organisers only): (file name, bytes).
pub async fn csv(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    filter: &Filter,
    lang: Lang,
) -> Result<(String, Vec<u8>), AppError> {
    let (event, questions, records) = records(state, actor, slug, filter, lang).await?;
    let t = lang.tr();
    let mut sheet = Sheet::new();
    let mut header: Vec<String> = [
        "export-id",
        "export-name",
        "export-email",
        "export-organisation",
        "export-status",
        "export-ticket",
        "export-registered-at",
        "export-checked-in-at",
    ]
    .iter()
    .map(|id| t.msg(id))
    .collect();
    header.extend(questions.iter().map(|q| q.label(lang).to_string()));
    sheet.row(&header)?;
    let local = |at: chrono::DateTime<chrono::Utc>| {
        at.with_timezone(&event.tz())
            .format("%Y-%m-%d %H:%M")
            .to_string()
    };
    for r in &records {
        let mut line = vec![
            r.id.to_string(),
            r.name.clone(),
            r.email.clone(),
            r.organisation.clone(),
            t.msg(r.status.label_id()),
            r.ticket_type.clone().unwrap_or_default(),
            local(r.registered_at),
            r.checked_in_at.map(local).unwrap_or_default(),
        ];
        line.extend(r.answers.iter().map(|(_, v)| v.clone()));
        sheet.row(&line)?;
    }
    let out = sheet.finish()?;
    Ok((format!("{}-registrations.csv", event.slug), out))
}

/// The registrations as JSON (organisers only).
pub async fn json(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    filter: &Filter,
    lang: Lang,
) -> Result<(String, Vec<Record>), AppError> {
    let (event, _, records) = records(state, actor, slug, filter, lang).await?;
    Ok((format!("{}-registrations.json", event.slug), records))
}
