//! Exports of a call's submissions for its organisers: CSV for a German Excel (UTF-8 with BOM,
//! semicolons, CRLF), JSON with the same content, and every attachment as one ZIP file.

use std::io::{Seek, Write};

use chrono::{DateTime, Utc};
use convene_frontend::Lang;

use super::SubmissionStatus;
use super::queries::{self, Filter};
use super::service::{self, Overview};
use crate::account::Actor;
use crate::error::AppError;
use crate::registration::form;
use crate::spreadsheet::Sheet;
use crate::state::AppState;

/// One submission as exported.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Record {
    pub id: i64,
    pub status: SubmissionStatus,
    pub title: String,
    pub category: Option<String>,
    #[serde(rename = "abstract")]
    pub summary: String,
    pub organisation: String,
    pub website: String,
    pub lead_name: String,
    pub lead_email: String,
    pub eligible_at: Option<DateTime<Utc>>,
    pub status_reason: String,
    pub placement: Option<i64>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub files: i64,
    /// Answers by question label, as a person reads them.
    pub answers: Vec<(String, String)>,
}

async fn records(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    filter: &Filter,
    lang: Lang,
) -> Result<(Overview, Vec<Record>), AppError> {
    let o = service::overview(state, actor, slug, filter).await?;
    let mut conn = state.db.acquire().await?;
    let answers: std::collections::HashMap<(i64, i64), String> =
        queries::answers_of_call(&mut conn, o.call.id)
            .await?
            .into_iter()
            .map(|(s, q, v)| ((s, q), v))
            .collect();
    let records = o
        .rows
        .iter()
        .map(|r| Record {
            id: r.id,
            status: r.status,
            title: r.title.clone(),
            category: o
                .categories
                .iter()
                .find(|c| Some(c.id) == r.category_id)
                .map(|c| c.name(lang).to_string()),
            summary: r.summary.clone(),
            organisation: r.organisation.clone(),
            website: r.website.clone(),
            lead_name: r.lead_name.clone(),
            lead_email: r.lead_email.clone(),
            eligible_at: r.eligible_at,
            status_reason: r.status_reason.clone(),
            placement: r.placement,
            submitted_at: r.submitted_at,
            files: r.files,
            answers: o
                .questions
                .iter()
                .map(|q| {
                    let v = answers
                        .get(&(r.id, q.id))
                        .map(|v| form::display(q, v, lang))
                        .unwrap_or_default();
                    (q.label(lang).to_string(), v)
                })
                .collect(),
        })
        .collect();
    Ok((o, records))
}

/// The submissions as CSV (organisers only): (file name, bytes).
pub async fn csv(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    filter: &Filter,
    lang: Lang,
) -> Result<(String, Vec<u8>), AppError> {
    let (o, records) = records(state, actor, slug, filter, lang).await?;
    let t = lang.tr();
    let tz = o.call.tz();
    let local = |at: DateTime<Utc>| at.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string();
    let mut sheet = Sheet::new();
    let mut header: Vec<String> = [
        "export-id",
        "export-status",
        "submission-title",
        "submission-category",
        "submission-abstract",
        "submission-organisation",
        "submission-website",
        "export-name",
        "export-email",
        "submission-eligible-at",
        "submission-reason",
        "submission-placement",
        "submission-submitted-at",
        "submission-files",
    ]
    .iter()
    .map(|id| t.msg(id))
    .collect();
    header.extend(o.questions.iter().map(|q| q.label(lang).to_string()));
    sheet.row(&header)?;
    for r in &records {
        let mut line: Vec<String> = vec![
            r.id.to_string(),
            t.msg(r.status.label_id()),
            r.title.clone(),
            r.category.clone().unwrap_or_default(),
            r.summary.clone(),
            r.organisation.clone(),
            r.website.clone(),
            r.lead_name.clone(),
            r.lead_email.clone(),
            r.eligible_at.map(local).unwrap_or_default(),
            r.status_reason.clone(),
            r.placement.map(|p| p.to_string()).unwrap_or_default(),
            r.submitted_at.map(local).unwrap_or_default(),
            r.files.to_string(),
        ];
        line.extend(r.answers.iter().map(|(_, v)| v.clone()));
        sheet.row(&line)?;
    }
    let out = sheet.finish()?;
    Ok((format!("{}-submissions.csv", o.call.slug), out))
}

/// The submissions as JSON (organisers only).
pub async fn json(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    filter: &Filter,
    lang: Lang,
) -> Result<(String, Vec<Record>), AppError> {
    let (o, records) = records(state, actor, slug, filter, lang).await?;
    Ok((format!("{}-submissions.json", o.call.slug), records))
}

/// Every attachment of the handed-in submissions as one ZIP, one folder per submission
/// (`0042/pitch-deck.pdf`). Files are read one at a time and written to a temporary file, so
/// memory holds one attachment, not the whole archive. Returns (file name, open file, size).
pub async fn zip(
    state: &AppState,
    actor: &Actor,
    slug: &str,
) -> Result<(String, std::fs::File, u64), AppError> {
    let call = service::for_organiser(state, actor, slug).await?;
    let mut conn = state.db.acquire().await?;
    service::juror_blind_check(&mut conn, actor, &call, state.clock.now()).await?;
    let files = queries::files_of_call(&mut conn, call.id).await?;
    let tmp = tempfile::tempfile().map_err(|e| AppError::Internal(e.into()))?;
    let mut zip = zip::ZipWriter::new(tmp);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(true);
    let mut used = std::collections::HashSet::new();
    for (submission, file, name) in files {
        let Some((_, _, bytes)) = queries::file(&mut conn, submission, file).await? else {
            continue;
        };
        let mut path = format!("{submission:04}/{}", form::clean_filename(&name));
        if !used.insert(path.clone()) {
            path = format!("{submission:04}/{file}-{}", form::clean_filename(&name));
            used.insert(path.clone());
        }
        let write = |zip: &mut zip::ZipWriter<std::fs::File>| -> zip::result::ZipResult<()> {
            zip.start_file(path, options)?;
            zip.write_all(&bytes)?;
            Ok(())
        };
        write(&mut zip).map_err(|e| AppError::Internal(e.into()))?;
    }
    let mut tmp = zip.finish().map_err(|e| AppError::Internal(e.into()))?;
    let size = tmp
        .seek(std::io::SeekFrom::End(0))
        .and_then(|n| tmp.rewind().map(|()| n))
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok((format!("{}-attachments.zip", call.slug), tmp, size))
}
