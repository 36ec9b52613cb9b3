//! A submission's files: attached, removed and read back, judged by their content.

use super::*;

/// Attaches a file: judged by its content (PDF, PNG or JPEG), within the call's size and count
/// limits, before anything is stored.
pub async fn add_file(
    state: &AppState,
    actor: &Actor,
    id: i64,
    filename: &str,
    label: &str,
    bytes: &[u8],
) -> Result<FileRow, AppError> {
    let label = crate::event::model::text(label, 120, None, "valid-too-long")
        .map_err(|m| AppError::Invalid(FieldErrors::one("label", m)))?;
    if bytes.is_empty() {
        return Err(AppError::field("file", "valid-file-missing"));
    }
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let d = for_change(&mut tx, actor, id, now).await?;
    let limit = d.call.file_limit();
    if bytes.len() > limit {
        return Err(AppError::Invalid(FieldErrors::one(
            "file",
            Msg::new("valid-file-too-large").arg("mb", limit / 1024 / 1024),
        )));
    }
    let content_type = form::file_type(bytes).map_err(|m| AppError::field("file", m))?;
    if i64::try_from(d.files.len()).unwrap_or(i64::MAX) >= d.call.max_files {
        return Err(AppError::Invalid(FieldErrors::one(
            "file",
            Msg::new("valid-submission-too-many-files").arg("max", d.call.max_files),
        )));
    }
    let name = form::clean_filename(filename);
    let upload = crate::registration::queries::insert_upload(
        &mut tx,
        actor.id,
        &name,
        content_type,
        bytes,
        now,
    )
    .await?;
    let file_id = queries::insert_file(&mut tx, id, upload, &label, now).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "submission.file.add",
        &subject(id),
        &name,
        now,
    )
    .await?;
    let file = queries::files(&mut tx, id)
        .await?
        .into_iter()
        .find(|f| f.id == file_id)
        .ok_or_else(|| AppError::not_found("submission-file-not-found"))?;
    tx.commit().await?;
    Ok(file)
}

pub async fn delete_file(
    state: &AppState,
    actor: &Actor,
    id: i64,
    file: i64,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    for_change(&mut tx, actor, id, now).await?;
    if !queries::delete_file(&mut tx, id, file).await? {
        return Err(AppError::not_found("submission-file-not-found"));
    }
    audit::record(
        &mut tx,
        Some(actor.id),
        "submission.file.delete",
        &subject(id),
        &file.to_string(),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// An attached file, for its team and the call's organisers: (name, content type, bytes).
pub async fn file(
    state: &AppState,
    actor: &Actor,
    id: i64,
    file: i64,
) -> Result<(String, String, Vec<u8>), AppError> {
    let mut conn = state.db.acquire().await?;
    load(&mut conn, actor, id, state.clock.now()).await?;
    queries::file(&mut conn, id, file)
        .await?
        .ok_or_else(|| AppError::not_found("submission-file-not-found"))
}

/// The file answering a question, for its team and the call's organisers.
pub async fn answer_file(
    state: &AppState,
    actor: &Actor,
    id: i64,
    question: i64,
) -> Result<(String, String, Vec<u8>), AppError> {
    let mut conn = state.db.acquire().await?;
    load(&mut conn, actor, id, state.clock.now()).await?;
    queries::answer_upload(&mut conn, id, question)
        .await?
        .ok_or_else(|| AppError::not_found("submission-file-not-found"))
}
