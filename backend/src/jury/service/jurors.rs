//! Organisers: jurors and their invitations.

use super::*;

/// Invites a juror by e-mail: links the account with that address, or creates one (without a
/// password; the mail carries a link to set one). Inviting someone again changes their
/// categories and sends no mail. Returns whether they are new to the jury.
pub async fn invite_juror(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    email: &str,
    name: &str,
    categories: &[i64],
    lang: Lang,
) -> Result<bool, AppError> {
    let call = calls::for_organiser(state, actor, slug).await?;
    let mut errors = FieldErrors::default();
    let email = errors.check("email", Email::parse(email));
    errors.into_result()?;
    let Some(email) = email else {
        unreachable!("no errors means the address parsed")
    };
    let now = state.clock.now();
    // A juror's new categories mail nothing and are not counted.
    let juror = {
        let mut conn = state.db.acquire().await?;
        match crate::account::queries::find_by_email(&mut conn, email.as_str()).await? {
            Some(a) => queries::juror(&mut conn, call.id, a.id.0).await?.is_some(),
            None => false,
        }
    };
    if juror {
        return add_juror(state, actor, &call, &email, name, categories, lang, now).await;
    }
    // Counted before the write transaction; taken back when no invitation is mailed.
    let taken = crate::account::limits::take_limits(
        state,
        &crate::account::limits::invitations(actor.id, email.as_str()),
        now,
    )
    .await?;
    let result = add_juror(state, actor, &call, &email, name, categories, lang, now).await;
    taken.keep_if(state, result, |new| *new).await
}

/// [`invite_juror`] once the address is valid and counted.
#[allow(clippy::too_many_arguments)]
async fn add_juror(
    state: &AppState,
    actor: &Actor,
    call: &Call,
    email: &Email,
    name: &str,
    categories: &[i64],
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let mut tx = db::begin_write(&state.db).await?;
    let known: HashSet<i64> = call_queries::categories(&mut tx, call.id)
        .await?
        .iter()
        .map(|c| c.id)
        .collect();
    if categories.iter().any(|c| !known.contains(c)) {
        return Err(AppError::field("categories", "valid-choice-invalid"));
    }
    let mut cats = categories.to_vec();
    cats.sort_unstable();
    cats.dedup();
    let invitee = crate::account::service::invitee(
        &mut tx,
        actor,
        email,
        name,
        lang,
        "juror invitation",
        now,
    )
    .await?;
    let (account_id, juror_name, juror_lang) = (invitee.id, invitee.name.clone(), invitee.lang);
    let new = queries::upsert_juror(&mut tx, call.id, account_id.0, &cats, actor.id.0, now).await?;
    if new {
        // The role lets them reach the jury pages; what they see is decided by assignments.
        if queries::juror_grant(&mut tx, account_id.0, call.id)
            .await?
            .is_none()
        {
            crate::account::queries::insert_grant(
                &mut tx,
                account_id,
                Role::Juror,
                Scope::Call(call.id),
                Some(actor.id),
                now,
            )
            .await?;
        }
        let link = crate::account::service::invitation_link(
            &mut tx,
            &state.config,
            &invitee,
            "/jury",
            now,
        )
        .await?;
        let args = [
            ("name", juror_name.clone()),
            ("call", call.title(juror_lang).to_string()),
            ("inviter", actor.name.clone()),
            ("link", link),
        ];
        let letter = crate::mail_template::service::compose(
            &mut tx,
            crate::mail_template::service::Sender::Call(call.id),
            if invitee.needs_password {
                &crate::mail_template::model::JUROR_INVITE_NEW
            } else {
                &crate::mail_template::model::JUROR_INVITE
            },
            juror_lang,
            &args,
        )
        .await?;
        crate::mail::enqueue(
            &mut tx,
            &state.config,
            crate::mail::NewMail {
                to_address: email.as_str(),
                to_name: &juror_name,
                lang: juror_lang,
                subject: &letter.subject,
                body_text: &letter.body,
                attachments: &[],
            },
            now,
        )
        .await?;
    }
    audit::record(
        &mut tx,
        Some(actor.id),
        if new {
            "jury.juror.add"
        } else {
            "jury.juror.update"
        },
        &format!("call:{}", call.id),
        email.as_str(),
        now,
    )
    .await?;
    tx.commit().await?;
    state.mailer.wake();
    Ok(new)
}

/// Removes a juror from the call: their assignments without a final review go too.
pub async fn remove_juror(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    account_id: i64,
) -> Result<(), AppError> {
    let call = calls::for_organiser(state, actor, slug).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let juror = queries::juror(&mut tx, call.id, account_id)
        .await?
        .ok_or_else(|| AppError::not_found("jury-juror-not-found"))?;
    for round in queries::rounds(&mut tx, call.id).await? {
        for a in queries::assignments(&mut tx, round.id)
            .await?
            .into_iter()
            .filter(|a| a.account_id == account_id)
        {
            let done = queries::review(&mut tx, round.id, account_id, a.submission_id)
                .await?
                .is_some_and(|r| r.row.state().is_done());
            if !done {
                queries::delete_draft_review(&mut tx, round.id, account_id, a.submission_id)
                    .await?;
                queries::delete_assignment(&mut tx, round.id, account_id, a.submission_id).await?;
            }
        }
    }
    queries::delete_juror(&mut tx, call.id, account_id).await?;
    if let Some(g) = queries::juror_grant(&mut tx, account_id, call.id).await? {
        crate::account::queries::delete_grant(&mut tx, crate::ids::GrantId(g)).await?;
    }
    audit::record(
        &mut tx,
        Some(actor.id),
        "jury.juror.remove",
        &format!("call:{}", call.id),
        &juror.email,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Moves every eligible submitted entry into review (after the deadline), so that the first
/// round can take it. Returns how many moved.
pub async fn start_review(state: &AppState, actor: &Actor, slug: &str) -> Result<usize, AppError> {
    let call = calls::for_organiser(state, actor, slug).await?;
    let now = state.clock.now();
    if call.phases().accepts_changes(now) {
        return Err(AppError::Conflict(Msg::new(
            "submission-review-before-deadline",
        )));
    }
    let mut tx = db::begin_write(&state.db).await?;
    let subs = call_queries::eligible_submitted(&mut tx, call.id).await?;
    for sub in &subs {
        calls::move_status(
            &mut tx,
            actor,
            &call,
            sub,
            SubmissionStatus::InReview,
            None,
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(subs.len())
}
