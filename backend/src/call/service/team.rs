//! A submission's team: invitations by e-mail and removals.

use super::*;
use crate::account::limits;

/// Invites someone to the team by e-mail (or changes a member's name and role). Whoever signs
/// in with that address sees and edits the submission.
pub async fn invite(
    state: &AppState,
    actor: &Actor,
    id: i64,
    email: &str,
    name: &str,
    role: &str,
) -> Result<Detail, AppError> {
    let mut e = FieldErrors::default();
    let email = e.check("email", crate::account::model::Email::parse(email));
    let name = e.check(
        "name",
        crate::event::model::text(name, 120, None, "valid-too-long"),
    );
    let role = e.check(
        "role",
        crate::event::model::text(role, 120, None, "valid-too-long"),
    );
    e.into_result()?;
    let (Some(email), Some(name), Some(role)) = (email, name, role) else {
        return Err(AppError::BadRequest(Msg::new("error-bad-request")));
    };
    let now = state.clock.now();
    // A member's new name or role mails nothing and is not counted.
    let member = {
        let mut conn = state.db.acquire().await?;
        queries::members(&mut conn, id)
            .await?
            .iter()
            .any(|m| m.email == email.as_str())
    };
    if member {
        return Ok(invite_in(state, actor, id, &email, name, role, now)
            .await?
            .0);
    }
    // Counted before the write transaction (the limits commit on their own); taken back when no
    // mail goes out after all.
    let taken =
        limits::take_limits(state, &limits::invitations(actor.id, email.as_str()), now).await?;
    let result = invite_in(state, actor, id, &email, name, role, now).await;
    let (detail, _) = taken.keep_if(state, result, |(_, mailed)| *mailed).await?;
    Ok(detail)
}

/// [`invite`] once the input is valid and counted; with whether an invitation was mailed.
async fn invite_in(
    state: &AppState,
    actor: &Actor,
    id: i64,
    email: &crate::account::model::Email,
    name: String,
    role: String,
    now: DateTime<Utc>,
) -> Result<(Detail, bool), AppError> {
    let mut tx = db::begin_write(&state.db).await?;
    let d = for_change(&mut tx, actor, id, now).await?;
    let known = d.members.iter().any(|m| m.email == email.as_str());
    if !known && d.members.len() >= model::MAX_MEMBERS {
        return Err(AppError::Invalid(FieldErrors::one(
            "email",
            Msg::new("valid-submission-team-full").arg("max", model::MAX_MEMBERS),
        )));
    }
    let new = queries::put_member(&mut tx, id, email.as_str(), &name, &role, actor.id, now).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "submission.member",
        &subject(id),
        email.as_str(),
        now,
    )
    .await?;
    if new {
        let account = crate::account::queries::find_by_email(&mut tx, email.as_str()).await?;
        let lang = account.as_ref().map(|a| a.lang()).unwrap_or(actor.language);
        let link = state
            .config
            .url(&format!("/calls/{}/submissions/{}", d.call.slug, id));
        let args = [
            (
                "name",
                if name.is_empty() {
                    email.as_str().to_string()
                } else {
                    name.clone()
                },
            ),
            ("inviter", actor.name.clone()),
            ("call", d.call.title(lang).to_string()),
            ("title", d.sub.title.clone()),
            ("link", link),
            ("email", email.as_str().to_string()),
        ];
        let letter = crate::mail_template::service::compose(
            &mut tx,
            crate::mail_template::service::Sender::Call(d.call.id),
            &crate::mail_template::model::SUBMISSION_INVITE,
            lang,
            &args,
        )
        .await?;
        crate::mail::enqueue(
            &mut tx,
            &state.config,
            crate::mail::NewMail {
                to_address: email.as_str(),
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
    let d = load(&mut tx, actor, id, now).await?;
    tx.commit().await?;
    // The worker picks the mail up once it is committed.
    state.mailer.wake();
    Ok((d, new))
}

/// Removes someone from the team; the person who started the submission stays.
pub async fn remove_member(
    state: &AppState,
    actor: &Actor,
    id: i64,
    member: i64,
) -> Result<Detail, AppError> {
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let d = for_change(&mut tx, actor, id, now).await?;
    let lead = match d.sub.account_id {
        Some(a) => crate::account::queries::find(&mut tx, a)
            .await?
            .map(|a| a.email),
        None => None,
    };
    let Some(m) = d.members.iter().find(|m| m.id == member) else {
        return Err(AppError::not_found("submission-member-not-found"));
    };
    if lead.as_deref() == Some(m.email.as_str()) {
        return Err(AppError::Conflict(Msg::new("submission-lead-stays")));
    }
    queries::delete_member(&mut tx, id, member).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "submission.member.remove",
        &subject(id),
        &m.email,
        now,
    )
    .await?;
    let d = load(&mut tx, actor, id, now).await?;
    tx.commit().await?;
    Ok(d)
}
