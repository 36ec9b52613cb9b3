//! A person's rights over their data: download everything we hold about them (JSON), and
//! delete their account, which ends their registrations and bookings (freeing the places for
//! the waiting lists) and anonymises what must stay for the organisers' counts.

use serde_json::{Value, json};

use super::{Actor, queries};
use crate::audit;
use crate::db;
use crate::error::{AppError, Msg};
use crate::registration::queries as registrations;
use crate::state::AppState;

/// Everything stored about the actor, as one JSON document.
pub async fn export(state: &AppState, actor: &Actor) -> Result<Value, AppError> {
    let mut conn = state.db.acquire().await?;
    let account = queries::find(&mut conn, actor.id)
        .await?
        .ok_or_else(|| AppError::not_found("error-account-not-found"))?;
    let mut regs = Vec::new();
    for r in registrations::of_account(&mut conn, actor.id).await? {
        let event = crate::event::queries::find(&mut conn, r.event_id).await?;
        let questions = registrations::questions(&mut conn, r.event_id).await?;
        let answers: Vec<Value> = registrations::answers(&mut conn, r.id)
            .await?
            .into_iter()
            .map(|a| {
                let q = questions.iter().find(|q| q.id == a.question_id);
                json!({
                    "question": q.map(|q| q.label(actor.language).to_string()),
                    "answer": q.map_or(a.value.clone(), |q| {
                        crate::registration::form::display_stored(
                            q,
                            &a.value,
                            a.withdrawn_at,
                            actor.language,
                        )
                    }),
                    "withdrawn_at": a.withdrawn_at,
                    "file": a.upload_id.is_some(),
                })
            })
            .collect();
        regs.push(json!({
            "event": event.as_ref().map(|e| e.slug.clone()),
            "event_title": event.as_ref().map(|e| e.title(actor.language).to_string()),
            "status": r.status,
            "ticket_type_id": r.ticket_type_id,
            "code": r.code,
            "registered_at": r.created_at,
            "checked_in_at": r.checked_in_at,
            "answers": answers,
        }));
    }
    let bookings: Vec<Value> = registrations::all_bookings_of(&mut conn, actor.id)
        .await?
        .into_iter()
        .map(|b| {
            json!({
                "session_id": b.session_id.0,
                "status": b.status,
                "booked_at": b.created_at,
                "checked_in_at": b.checked_in_at,
            })
        })
        .collect();
    let bookmarks: Vec<i64> = sqlx::query_scalar(
        "select session_id from bookmarks where account_id = $1 order by session_id",
    )
    .bind(actor.id)
    .fetch_all(&mut *conn)
    .await?;
    let tokens: Vec<(String, chrono::DateTime<chrono::Utc>)> =
        sqlx::query_as("select name, created_at from api_tokens where account_id = $1 order by id")
            .bind(actor.id)
            .fetch_all(&mut *conn)
            .await?;
    let mut submissions = Vec::new();
    for sub in
        crate::call::queries::submissions_of_member(&mut conn, None, actor.id, &actor.email).await?
    {
        let call = crate::call::queries::find(&mut conn, sub.call_id).await?;
        // What the team may see: no decision before the results are released.
        let sub = sub.as_seen_by_team(call.as_ref().is_some_and(|c| c.results_published));
        let members = crate::call::queries::members(&mut conn, sub.id).await?;
        let files = crate::call::queries::files(&mut conn, sub.id).await?;
        submissions.push(json!({
            "call": call.as_ref().map(|c| c.slug.clone()),
            "status": sub.status,
            "title": sub.title,
            "abstract": sub.summary,
            "organisation": sub.organisation,
            "website": sub.website,
            "started_by_you": sub.account_id == Some(actor.id),
            "team": members.iter().map(|m| json!({"email": m.email, "name": m.name, "role": m.role})).collect::<Vec<_>>(),
            "attachments": files.iter().map(|f| f.filename.clone()).collect::<Vec<_>>(),
            "submitted_at": sub.submitted_at,
        }));
    }
    let certificates: Vec<Value> = crate::certificate::queries::issued_to(&mut conn, actor.id)
        .await?
        .into_iter()
        .map(|c| {
            json!({
                "code": c.code_text(),
                "recipient_name": c.recipient_name,
                "recipient_email": c.recipient_email,
                "organisation": c.organisation,
                "language": c.language,
                "issued_at": c.issued_at,
                "revoked_at": c.revoked_at,
                "superseded_at": c.superseded_at,
            })
        })
        .collect();
    let matchmaking = crate::matchmaking::service::export_of(&mut conn, actor.id).await?;
    Ok(json!({
        "exported_at": state.clock.now(),
        "account": {
            "email": account.email,
            "name": account.name,
            "organisation": account.organisation_name,
            "language": account.language,
            "created_at": account.created_at,
            "email_confirmed_at": account.email_confirmed_at,
        },
        "roles": actor.grants.iter().map(|g| json!({"role": g.role.as_str(), "scope": format!("{:?}", g.scope)})).collect::<Vec<_>>(),
        "registrations": regs,
        "session_bookings": bookings,
        "bookmarked_sessions": bookmarks,
        "submissions": submissions,
        "certificates": certificates,
        "matchmaking": matchmaking,
        "api_tokens": tokens.into_iter().map(|(n, c)| json!({"name": n, "created_at": c})).collect::<Vec<_>>(),
    }))
}

/// Deletes the actor's account after checking their password. Active registrations are
/// cancelled first (their places go to the waiting lists), answers and files are deleted, and
/// the registrations stay only as anonymous rows for the organisers' counts. Drafts nobody else
/// works on are deleted; the person leaves every team (handed-in entries stay with their team).
/// Matchmaking requests and meetings are called off (the other people are told) and the
/// profiles deleted.
///
/// # Errors
/// `Invalid("password")` for a wrong password, `Conflict` for the last administrator.
pub async fn delete(state: &AppState, actor: &Actor, pass: &str) -> Result<(), AppError> {
    let (account, hash) = {
        let mut conn = state.db.acquire().await?;
        let account = queries::find(&mut conn, actor.id)
            .await?
            .ok_or_else(|| AppError::not_found("error-account-not-found"))?;
        (account, queries::password_hash(&mut conn, actor.id).await?)
    };
    if !state.hasher.verify(pass.to_string(), hash).await? {
        return Err(AppError::field("password", "account-delete-wrong-password"));
    }
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    if actor.is_admin() && queries::count_admins(&mut tx).await? <= 1 {
        return Err(AppError::Conflict(Msg::new("account-delete-last-admin")));
    }
    crate::registration::service::withdraw_everywhere(state, &mut tx, actor.id, now).await?;
    crate::matchmaking::service::withdraw_everywhere(state, &mut tx, actor.id, now).await?;
    for r in registrations::of_account(&mut tx, actor.id).await? {
        sqlx::query("delete from registration_answers where registration_id = $1")
            .bind(r.id)
            .execute(&mut *tx)
            .await?;
    }
    crate::call::service::forget_member(&mut tx, actor.id, &account.email).await?;
    sqlx::query("delete from outbox where to_address = $1 and sent_at is not null")
        .bind(&account.email)
        .execute(&mut *tx)
        .await?;
    // Certificates stay verifiable for whoever holds the paper (they show the name), but the
    // e-mail address goes; the account link goes with the account.
    crate::certificate::queries::forget_email(&mut tx, actor.id).await?;
    sqlx::query("delete from accounts where id = $1")
        .bind(actor.id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        None,
        "account.delete",
        &format!("account:{}", actor.id),
        "",
        now,
    )
    .await?;
    tx.commit().await?;
    state.mailer.wake();
    Ok(())
}
