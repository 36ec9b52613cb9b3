//! The jury's rules with storage: rounds and criteria, jurors and their invitations, conflicts,
//! assignments, reviews under the blind rules, the ranking, the chair's confirmation, pitch
//! slots and the release of results. Pages and the API call these functions and nothing below.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use convene_frontend::Lang;

use super::model::{
    self, Assignment, CriterionInput, CriterionRow, Declaration, JurorRow, OthersScores, Review,
    ReviewState, Round, RoundInput, RoundKind, Slot,
};
use super::queries::{self, Entrant};
use super::{assign, rank};
use crate::account::model::Email;
use crate::account::{Actor, Role, Scope};
use crate::audit;
use crate::call::model::{Call, Category, FileRow, Submission, SubmissionStatus};
use crate::call::queries as call_queries;
use crate::call::service as calls;
use crate::db::{self, DbConn};
use crate::error::{AppError, FieldErrors, Msg};
use crate::registration::form::Question;
use crate::state::AppState;

fn round_not_found() -> AppError {
    AppError::not_found("jury-round-not-found")
}

fn entry_not_found() -> AppError {
    AppError::not_found("jury-entry-not-found")
}

// --- Organisers: rounds and criteria ----------------------------------------------------------

/// A call's jury as its organisers see it.
#[derive(Debug, Clone)]
pub struct Jury {
    pub call: Call,
    pub categories: Vec<Category>,
    pub rounds: Vec<Round>,
    pub jurors: Vec<JurorRow>,
    /// Every declaration, with the submission's title.
    pub declarations: Vec<(Declaration, String)>,
    /// Detected conflicts: `(juror account, submission, in the team)`.
    pub detected: Vec<(i64, i64, bool)>,
    /// Submissions that are eligible and waiting to be moved into review.
    pub eligible_waiting: usize,
    pub now: DateTime<Utc>,
}

pub async fn jury(state: &AppState, actor: &Actor, slug: &str) -> Result<Jury, AppError> {
    let call = calls::for_organiser(state, actor, slug).await?;
    let mut conn = state.db.acquire().await?;
    let subs = call_queries::titles(&mut conn, call.id).await?;
    let declarations = queries::declarations(&mut conn, call.id)
        .await?
        .into_iter()
        .map(|d| {
            let title = subs.get(&d.submission_id).cloned().unwrap_or_default();
            (d, title)
        })
        .collect();
    let eligible_waiting = call_queries::count_eligible_submitted(&mut conn, call.id).await?;
    Ok(Jury {
        categories: call_queries::categories(&mut conn, call.id).await?,
        rounds: queries::rounds(&mut conn, call.id).await?,
        jurors: queries::jurors(&mut conn, call.id).await?,
        declarations,
        detected: queries::detected_conflicts(&mut conn, call.id).await?,
        eligible_waiting: usize::try_from(eligible_waiting).unwrap_or(0),
        call,
        now: state.clock.now(),
    })
}

/// Checks a round against the call: a pitch round's session must be a pitching session of the
/// call's event.
async fn check_round_input(
    conn: &mut DbConn,
    call: &Call,
    input: &RoundInput,
) -> Result<model::RoundDraft, AppError> {
    let draft = input.parse(call.tz()).map_err(AppError::Invalid)?;
    if let Some(session) = draft.session_id {
        let fits = match call.event_id {
            Some(event) => {
                crate::agenda::queries::find_session(conn, event, crate::ids::SessionId(session))
                    .await?
                    .is_some_and(|s| s.kind == crate::agenda::model::SessionKind::Pitching)
            }
            None => false,
        };
        if !fits {
            return Err(AppError::field("session_id", "valid-jury-session-invalid"));
        }
    }
    Ok(draft)
}

pub async fn create_round(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    input: &RoundInput,
) -> Result<Round, AppError> {
    let call = calls::for_organiser(state, actor, slug).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let draft = check_round_input(&mut tx, &call, input).await?;
    let id = queries::insert_round(&mut tx, call.id, &draft, now).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "jury.round.create",
        &format!("call:{}", call.id),
        &draft.name_en,
        now,
    )
    .await?;
    let round = queries::round(&mut tx, id)
        .await?
        .ok_or_else(round_not_found)?;
    tx.commit().await?;
    Ok(round)
}

/// The round `round_id` of the call `slug`, for one of its organisers.
pub async fn round_for_organiser(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    round_id: i64,
) -> Result<(Call, Round), AppError> {
    let call = calls::for_organiser(state, actor, slug).await?;
    let mut conn = state.db.acquire().await?;
    let round = queries::round(&mut conn, round_id)
        .await?
        .filter(|r| r.call_id == call.id)
        .ok_or_else(round_not_found)?;
    Ok((call, round))
}

pub async fn update_round(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    round_id: i64,
    input: &RoundInput,
) -> Result<Round, AppError> {
    let (call, round) = round_for_organiser(state, actor, slug, round_id).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    queries::lock_round(&mut tx, round.id).await?;
    let draft = check_round_input(&mut tx, &call, input).await?;
    if (draft.scale_min, draft.scale_max) != (round.scale_min, round.scale_max)
        && queries::round_has_scores(&mut tx, round.id).await?
    {
        return Err(AppError::field("scale_max", "jury-scale-fixed"));
    }
    if round.confirmed_at.is_some() {
        return Err(AppError::Conflict(Msg::new("jury-round-confirmed")));
    }
    queries::update_round(&mut tx, round.id, &draft, now).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "jury.round.update",
        &format!("round:{}", round.id),
        "",
        now,
    )
    .await?;
    let round = queries::round(&mut tx, round.id)
        .await?
        .ok_or_else(round_not_found)?;
    tx.commit().await?;
    Ok(round)
}

/// Closes a round now (before its planned end): reviews lock at once.
pub async fn close_round(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    round_id: i64,
) -> Result<Round, AppError> {
    let (_, round) = round_for_organiser(state, actor, slug, round_id).await?;
    let now = state.clock.now();
    if round.is_closed(now) {
        return Err(AppError::Conflict(Msg::new("jury-round-closed")));
    }
    let mut tx = db::begin_write(&state.db).await?;
    queries::lock_round(&mut tx, round.id).await?;
    queries::close_round(&mut tx, round.id, now).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "jury.round.close",
        &format!("round:{}", round.id),
        "",
        now,
    )
    .await?;
    let round = queries::round(&mut tx, round.id)
        .await?
        .ok_or_else(round_not_found)?;
    tx.commit().await?;
    Ok(round)
}

pub async fn criteria(state: &AppState, round: &Round) -> Result<Vec<CriterionRow>, AppError> {
    let mut conn = state.db.acquire().await?;
    Ok(queries::criteria(&mut conn, round.id).await?)
}

pub async fn add_criterion(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    round_id: i64,
    input: &CriterionInput,
) -> Result<CriterionRow, AppError> {
    let (_, round) = round_for_organiser(state, actor, slug, round_id).await?;
    let draft = input
        .parse((round.scale_min, round.scale_max))
        .map_err(AppError::Invalid)?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    queries::lock_round(&mut tx, round.id).await?;
    if queries::round_has_scores(&mut tx, round.id).await? && !draft.informational {
        return Err(AppError::Conflict(Msg::new("jury-criteria-fixed")));
    }
    let id = queries::insert_criterion(&mut tx, round.id, &draft, now).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "jury.criterion.add",
        &format!("round:{}", round.id),
        &draft.name_en,
        now,
    )
    .await?;
    let c = queries::criteria(&mut tx, round.id)
        .await?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(|| AppError::not_found("jury-criterion-not-found"))?;
    tx.commit().await?;
    Ok(c)
}

pub async fn update_criterion(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    round_id: i64,
    id: i64,
    input: &CriterionInput,
) -> Result<(), AppError> {
    let (_, round) = round_for_organiser(state, actor, slug, round_id).await?;
    let draft = input
        .parse((round.scale_min, round.scale_max))
        .map_err(AppError::Invalid)?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    queries::lock_round(&mut tx, round.id).await?;
    if round.confirmed_at.is_some() {
        return Err(AppError::Conflict(Msg::new("jury-round-confirmed")));
    }
    let before = queries::criteria(&mut tx, round.id)
        .await?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(|| AppError::not_found("jury-criterion-not-found"))?;
    if before.informational != draft.informational
        && queries::round_has_scores(&mut tx, round.id).await?
    {
        return Err(AppError::Conflict(Msg::new("jury-criteria-fixed")));
    }
    queries::update_criterion(&mut tx, round.id, id, &draft).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "jury.criterion.update",
        &format!("round:{}", round.id),
        &format!("{id}: weight {}", draft.weight),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn delete_criterion(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    round_id: i64,
    id: i64,
) -> Result<(), AppError> {
    let (_, round) = round_for_organiser(state, actor, slug, round_id).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    queries::lock_round(&mut tx, round.id).await?;
    if queries::round_has_scores(&mut tx, round.id).await? {
        return Err(AppError::Conflict(Msg::new("jury-criteria-fixed")));
    }
    if !queries::delete_criterion(&mut tx, round.id, id).await? {
        return Err(AppError::not_found("jury-criterion-not-found"));
    }
    audit::record(
        &mut tx,
        Some(actor.id),
        "jury.criterion.delete",
        &format!("round:{}", round.id),
        &id.to_string(),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

// --- Organisers: jurors ------------------------------------------------------------------------

/// How long the link in a new juror's invitation stays valid.
pub const INVITATION_LIFETIME: Duration = Duration::days(21);

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
    let (account_id, set_password_link, juror_name, juror_lang) =
        match crate::account::queries::find_by_email(&mut tx, email.as_str()).await? {
            Some(a) => {
                let link = crate::account::queries::password_hash(&mut tx, a.id)
                    .await?
                    .is_none()
                    .then_some(());
                (a.id, link, a.name.clone(), a.lang())
            }
            None => {
                let name = crate::account::model::parse_name(name)
                    .map_err(|m| AppError::Invalid(FieldErrors::one("name", m)))?;
                let id = crate::account::queries::insert(
                    &mut tx,
                    &crate::account::queries::NewAccount {
                        email: email.as_str(),
                        name: &name,
                        organisation_id: None,
                        language: lang.code(),
                        password_hash: None,
                        email_confirmed_at: None,
                        now,
                    },
                )
                .await?;
                audit::record(
                    &mut tx,
                    Some(actor.id),
                    "account.create",
                    &format!("account:{id}"),
                    "juror invitation",
                    now,
                )
                .await?;
                (id, Some(()), name, lang)
            }
        };
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
        let t = juror_lang.tr();
        let link = match set_password_link {
            Some(()) => {
                let secret = crate::token::random();
                crate::account::queries::insert_link_token(
                    &mut tx,
                    account_id,
                    "reset",
                    &crate::token::hash(&secret),
                    now,
                    now + INVITATION_LIFETIME,
                )
                .await?;
                state.config.url(&format!("/reset/{secret}"))
            }
            None => state.config.url("/jury"),
        };
        let args = [
            ("call", call.title(juror_lang).to_string()),
            ("inviter", actor.name.clone()),
            ("link", link),
        ];
        let body = format!(
            "{}\n\n{}\n\n{}\n",
            t.msg_args("mail-greeting", &[("name", juror_name.clone())]),
            t.msg_args(
                if set_password_link.is_some() {
                    "mail-juror-invite-new-body"
                } else {
                    "mail-juror-invite-body"
                },
                &args
            ),
            t.msg("mail-signature")
        );
        crate::mail::enqueue(
            &mut tx,
            email.as_str(),
            &juror_name,
            &t.msg_args("mail-juror-invite-subject", &args),
            &body,
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

// --- Organisers: assignments -------------------------------------------------------------------

/// Everything about one round, for its organisers.
#[derive(Debug, Clone)]
pub struct RoundView {
    pub call: Call,
    pub round: Round,
    pub categories: Vec<Category>,
    pub criteria: Vec<CriterionRow>,
    pub entrants: Vec<Entrant>,
    pub jurors: Vec<JurorRow>,
    pub assignments: Vec<Assignment>,
    pub reviews: Vec<Review>,
    /// `(juror, submission)` pairs in conflict (declared or detected).
    pub conflicts: HashSet<(i64, i64)>,
    pub ranking: Vec<rank::RankedEntry>,
    pub slots: Vec<Slot>,
    /// The name of the organiser who confirmed the outcome.
    pub confirmed_by_name: Option<String>,
    pub now: DateTime<Utc>,
}

impl RoundView {
    pub fn entrant(&self, id: i64) -> Option<&Entrant> {
        self.entrants.iter().find(|e| e.id == id)
    }
    pub fn review_of(&self, juror: i64, submission: i64) -> Option<&Review> {
        self.reviews
            .iter()
            .find(|r| r.row.account_id == juror && r.row.submission_id == submission)
    }
    pub fn is_assigned(&self, juror: i64, submission: i64) -> bool {
        self.assignments
            .iter()
            .any(|a| a.account_id == juror && a.submission_id == submission)
    }
    /// Assignments done (final review, abstention, or a conflict declared since: that juror has
    /// nothing left to do) over assignments, as the jurors count them on their pages.
    pub fn progress(&self) -> (usize, usize) {
        let done = self
            .assignments
            .iter()
            .filter(|a| {
                self.conflicts.contains(&(a.account_id, a.submission_id))
                    || self
                        .review_of(a.account_id, a.submission_id)
                        .is_some_and(|r| r.row.state().is_done())
            })
            .count();
        (done, self.assignments.len())
    }
    pub fn rank_criteria(&self) -> Vec<rank::Criterion> {
        self.criteria
            .iter()
            .map(|c| c.for_rank(&self.round))
            .collect()
    }
}

/// `(juror, submission)` pairs that may not be judged: declared conflicts and detected ones.
async fn conflicts(conn: &mut DbConn, call_id: i64) -> Result<HashSet<(i64, i64)>, AppError> {
    conflicts_until(conn, call_id, None).await
}

/// [`conflicts`], counting only declarations made up to `until`: a confirmed round keeps the
/// ranking it was confirmed with, whatever is declared later (in another round, say).
async fn conflicts_until(
    conn: &mut DbConn,
    call_id: i64,
    until: Option<DateTime<Utc>>,
) -> Result<HashSet<(i64, i64)>, AppError> {
    let mut set: HashSet<(i64, i64)> = queries::detected_conflicts(conn, call_id)
        .await?
        .into_iter()
        .map(|(j, s, _)| (j, s))
        .collect();
    for d in queries::declarations(conn, call_id).await? {
        if d.conflict && until.is_none_or(|t| d.declared_at <= t) {
            set.insert((d.account_id, d.submission_id));
        }
    }
    Ok(set)
}

/// The counted reviews of a round: final ones (and abstentions) by assigned jurors without a
/// conflict on that entry.
fn counted(
    reviews: &[Review],
    assignments: &[Assignment],
    conflicts: &HashSet<(i64, i64)>,
) -> Vec<rank::Review> {
    let assigned: HashSet<(i64, i64)> = assignments
        .iter()
        .map(|a| (a.account_id, a.submission_id))
        .collect();
    reviews
        .iter()
        .filter(|r| r.row.state().is_done())
        .filter(|r| {
            let key = (r.row.account_id, r.row.submission_id);
            assigned.contains(&key) && !conflicts.contains(&key)
        })
        .map(Review::for_rank)
        .collect()
}

async fn load_round_view(
    conn: &mut DbConn,
    call: Call,
    round: Round,
    now: DateTime<Utc>,
) -> Result<RoundView, AppError> {
    let criteria = queries::criteria(conn, round.id).await?;
    let entrants = entrants_of(conn, &call, &round).await?;
    let assignments = queries::assignments(conn, round.id).await?;
    let reviews = queries::reviews(conn, round.id).await?;
    let conflicts = conflicts_until(conn, call.id, round.confirmed_at).await?;
    let rank_criteria: Vec<rank::Criterion> = criteria.iter().map(|c| c.for_rank(&round)).collect();
    let ids: Vec<i64> = entrants.iter().map(|e| e.id).collect();
    let ranking = rank::rank(
        &rank_criteria,
        &counted(&reviews, &assignments, &conflicts),
        &ids,
        &round.settings(),
    );
    let confirmed_by_name = match round.confirmed_by {
        Some(id) => crate::account::queries::find(conn, crate::ids::AccountId(id))
            .await?
            .map(|a| a.name),
        None => None,
    };
    Ok(RoundView {
        confirmed_by_name,
        categories: call_queries::categories(conn, call.id).await?,
        jurors: queries::jurors(conn, call.id).await?,
        slots: queries::slots(conn, round.id).await?,
        call,
        round,
        criteria,
        entrants,
        assignments,
        reviews,
        conflicts,
        ranking,
        now,
    })
}

/// The entries of a round: submissions with the round's entrant status, and those assigned or
/// slotted in it that have moved on since (after the chair's confirmation).
async fn entrants_of(
    conn: &mut DbConn,
    call: &Call,
    round: &Round,
) -> Result<Vec<Entrant>, AppError> {
    let mut list = queries::entrants(conn, call.id, round.entrants().as_str()).await?;
    let mut seen: HashSet<i64> = list.iter().map(|e| e.id).collect();
    let mut ids: Vec<i64> = queries::assignments(conn, round.id)
        .await?
        .iter()
        .map(|a| a.submission_id)
        .collect();
    ids.extend(
        queries::slots(conn, round.id)
            .await?
            .iter()
            .map(|s| s.submission_id),
    );
    for id in ids {
        if seen.insert(id)
            && let Some(s) = call_queries::submission(conn, id).await?
            && s.status != SubmissionStatus::Draft
        {
            list.push(Entrant {
                id: s.id,
                title: s.title,
                category_id: s.category_id,
                organisation: s.organisation,
                status: s.status.as_str().to_string(),
            });
        }
    }
    list.sort_by_key(|e| e.id);
    Ok(list)
}

pub async fn round_view(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    round_id: i64,
) -> Result<RoundView, AppError> {
    let (call, round) = round_for_organiser(state, actor, slug, round_id).await?;
    let mut conn = state.db.acquire().await?;
    load_round_view(&mut conn, call, round, state.clock.now()).await
}

/// Names and e-mail addresses of the round's reviewers who have left the jury since (their
/// reviews stay), by account.
pub async fn former_jurors(
    state: &AppState,
    view: &RoundView,
) -> Result<HashMap<i64, (String, String)>, AppError> {
    let mut conn = state.db.acquire().await?;
    let mut people = HashMap::new();
    for r in &view.reviews {
        let a = r.row.account_id;
        if view.jurors.iter().any(|j| j.account_id == a) || people.contains_key(&a) {
            continue;
        }
        if let Some(acc) =
            crate::account::queries::find(&mut conn, crate::ids::AccountId(a)).await?
        {
            people.insert(a, (acc.name, acc.email));
        }
    }
    Ok(people)
}

/// Assigns jurors automatically (only adds; see [`assign::plan`]). Returns the plan.
pub async fn auto_assign(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    round_id: i64,
) -> Result<assign::Plan, AppError> {
    let (call, round) = round_for_organiser(state, actor, slug, round_id).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    queries::lock_round(&mut tx, round.id).await?;
    if round.is_closed(now) {
        return Err(AppError::Conflict(Msg::new("jury-round-closed")));
    }
    let view = load_round_view(&mut tx, call, round, now).await?;
    if view.entrants.is_empty() {
        return Err(AppError::Conflict(Msg::new("jury-no-entrants")));
    }
    if view.jurors.is_empty() {
        return Err(AppError::Conflict(Msg::new("jury-no-jurors")));
    }
    let mut load: HashMap<i64, usize> = HashMap::new();
    let mut assigned: HashMap<i64, Vec<i64>> = HashMap::new();
    for a in &view.assignments {
        *load.entry(a.account_id).or_default() += 1;
        assigned
            .entry(a.submission_id)
            .or_default()
            .push(a.account_id);
    }
    let jurors: Vec<assign::Juror> = view
        .jurors
        .iter()
        .map(|j| assign::Juror {
            id: j.account_id,
            categories: j.categories(),
            load: load.get(&j.account_id).copied().unwrap_or(0),
        })
        .collect();
    let entries: Vec<assign::Entry> = view
        .entrants
        .iter()
        .map(|e| assign::Entry {
            id: e.id,
            category: e.category_id,
            assigned: assigned.remove(&e.id).unwrap_or_default(),
        })
        .collect();
    let plan = assign::plan(
        &jurors,
        &entries,
        &view.conflicts,
        usize::try_from(view.round.per_submission).unwrap_or(1),
    );
    for (juror, sub) in &plan.added {
        queries::insert_assignment(
            &mut tx,
            view.round.id,
            *juror,
            *sub,
            "auto",
            actor.id.0,
            now,
        )
        .await?;
    }
    audit::record(
        &mut tx,
        Some(actor.id),
        "jury.assign.auto",
        &format!("round:{}", view.round.id),
        &format!("{} added, {} short", plan.added.len(), plan.short.len()),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(plan)
}

/// Assigns one juror to one entry by hand, refusing conflicts and non-entrants.
pub async fn assign_one(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    round_id: i64,
    juror: i64,
    submission: i64,
    source: &str,
) -> Result<bool, AppError> {
    let (call, round) = round_for_organiser(state, actor, slug, round_id).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    queries::lock_round(&mut tx, round.id).await?;
    let added = assign_in(
        &mut tx, actor, &call, &round, juror, submission, source, now,
    )
    .await?;
    tx.commit().await?;
    Ok(added)
}

#[allow(clippy::too_many_arguments)]
async fn assign_in(
    conn: &mut DbConn,
    actor: &Actor,
    call: &Call,
    round: &Round,
    juror: i64,
    submission: i64,
    source: &str,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    if round.is_closed(now) {
        return Err(AppError::Conflict(Msg::new("jury-round-closed")));
    }
    if queries::juror(conn, call.id, juror).await?.is_none() {
        return Err(AppError::field("juror", "jury-juror-not-found"));
    }
    if !entrants_of(conn, call, round)
        .await?
        .iter()
        .any(|e| e.id == submission)
    {
        return Err(AppError::field("submission", "jury-not-an-entrant"));
    }
    if conflicts(conn, call.id)
        .await?
        .contains(&(juror, submission))
    {
        return Err(AppError::Conflict(Msg::new("jury-assign-conflict")));
    }
    let added =
        queries::insert_assignment(conn, round.id, juror, submission, source, actor.id.0, now)
            .await?;
    if added {
        audit::record(
            conn,
            Some(actor.id),
            "jury.assign",
            &format!("round:{}", round.id),
            &format!("juror {juror} → submission {submission} ({source})"),
            now,
        )
        .await?;
    }
    Ok(added)
}

/// Removes an assignment; refused once the juror's review is final.
pub async fn unassign(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    round_id: i64,
    juror: i64,
    submission: i64,
) -> Result<(), AppError> {
    let (_, round) = round_for_organiser(state, actor, slug, round_id).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    queries::lock_round(&mut tx, round.id).await?;
    if queries::review(&mut tx, round.id, juror, submission)
        .await?
        .is_some_and(|r| r.row.state().is_done())
    {
        return Err(AppError::Conflict(Msg::new("jury-unassign-reviewed")));
    }
    queries::delete_draft_review(&mut tx, round.id, juror, submission).await?;
    if !queries::delete_assignment(&mut tx, round.id, juror, submission).await? {
        return Err(AppError::not_found("jury-assignment-not-found"));
    }
    audit::record(
        &mut tx,
        Some(actor.id),
        "jury.unassign",
        &format!("round:{}", round.id),
        &format!("juror {juror} ✕ submission {submission}"),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Imports assignments from CSV lines `juror e-mail, submission id` (a header line is skipped).
/// All or nothing: any bad line refuses the whole file, naming the line. Returns how many were
/// added (existing ones are kept and not counted).
pub async fn import_assignments(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    round_id: i64,
    csv: &str,
) -> Result<usize, AppError> {
    let (call, round) = round_for_organiser(state, actor, slug, round_id).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    queries::lock_round(&mut tx, round.id).await?;
    let jurors = queries::jurors(&mut tx, call.id).await?;
    let mut added = 0;
    for (i, line) in csv.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || (i == 0 && !line.chars().any(|c| c.is_ascii_digit())) {
            continue;
        }
        let bad = |id: &'static str| {
            AppError::Invalid(FieldErrors::one("csv", Msg::new(id).arg("line", i + 1)))
        };
        let mut parts = line.split([',', ';']).map(|p| p.trim().trim_matches('"'));
        let (Some(email), Some(sub)) = (parts.next(), parts.next()) else {
            return Err(bad("valid-jury-import-line"));
        };
        let Some(juror) = jurors.iter().find(|j| j.email.eq_ignore_ascii_case(email)) else {
            return Err(bad("valid-jury-import-juror"));
        };
        let Ok(sub) = sub.trim_start_matches('#').parse::<i64>() else {
            return Err(bad("valid-jury-import-line"));
        };
        match assign_in(
            &mut tx,
            actor,
            &call,
            &round,
            juror.account_id,
            sub,
            "import",
            now,
        )
        .await
        {
            Ok(true) => added += 1,
            Ok(false) => {}
            Err(AppError::Conflict(_)) => return Err(bad("valid-jury-import-conflict")),
            Err(AppError::Invalid(_)) => return Err(bad("valid-jury-import-submission")),
            Err(e) => return Err(e),
        }
    }
    tx.commit().await?;
    Ok(added)
}

// --- Jurors: queue, conflicts, reviews ---------------------------------------------------------

/// A call a juror serves on, with their rounds.
#[derive(Debug, Clone)]
pub struct JurorCall {
    pub call: Call,
    pub rounds: Vec<(Round, usize, usize)>,
}

/// The calls and rounds the actor is a juror in, with their progress `(done, assigned)`.
pub async fn my_calls(state: &AppState, actor: &Actor) -> Result<Vec<JurorCall>, AppError> {
    let mut conn = state.db.acquire().await?;
    let mut out = Vec::new();
    for call_id in queries::juror_calls(&mut conn, actor.id.0).await? {
        let Some(call) = call_queries::find(&mut conn, call_id).await? else {
            continue;
        };
        let mut rounds = Vec::new();
        // As in the queue, an entry in conflict is done: the juror has nothing left to do.
        let conflicted = conflicts(&mut conn, call.id).await?;
        for round in queries::rounds(&mut conn, call.id).await? {
            let mine: Vec<i64> = queries::assignments(&mut conn, round.id)
                .await?
                .into_iter()
                .filter(|a| a.account_id == actor.id.0)
                .map(|a| a.submission_id)
                .collect();
            if mine.is_empty() {
                continue;
            }
            let reviewed: HashSet<i64> = queries::reviews_of_juror(&mut conn, round.id, actor.id.0)
                .await?
                .iter()
                .filter(|r| r.state().is_done())
                .map(|r| r.submission_id)
                .collect();
            let done = mine
                .iter()
                .filter(|s| reviewed.contains(s) || conflicted.contains(&(actor.id.0, **s)))
                .count();
            rounds.push((round, done, mine.len()));
        }
        out.push(JurorCall { call, rounds });
    }
    Ok(out)
}

/// One line of a juror's queue.
#[derive(Debug, Clone)]
pub struct QueueLine {
    pub submission: i64,
    pub title: String,
    pub category_id: Option<i64>,
    /// A conflict (message id), detected or declared: the entry cannot be opened.
    pub conflict: Option<&'static str>,
    /// The juror has said "no conflict" and may open it.
    pub declared: bool,
    pub state: Option<ReviewState>,
    pub slot: Option<Slot>,
}

#[derive(Debug, Clone)]
pub struct Queue {
    pub call: Call,
    pub round: Round,
    pub categories: Vec<Category>,
    pub lines: Vec<QueueLine>,
    pub now: DateTime<Utc>,
}

impl Queue {
    pub fn progress(&self) -> (usize, usize) {
        let done = self
            .lines
            .iter()
            .filter(|l| l.state.is_some_and(ReviewState::is_done) || l.conflict.is_some())
            .count();
        (done, self.lines.len())
    }
}

/// The round for one of its jurors (`NotFound` for anyone else, also for organisers: the jury
/// pages show only one's own assignments).
async fn round_for_juror(
    conn: &mut DbConn,
    actor: &Actor,
    round_id: i64,
) -> Result<(Call, Round), AppError> {
    let round = queries::round(conn, round_id)
        .await?
        .ok_or_else(round_not_found)?;
    if queries::juror(conn, round.call_id, actor.id.0)
        .await?
        .is_none()
    {
        return Err(round_not_found());
    }
    let call = call_queries::find(conn, round.call_id)
        .await?
        .ok_or_else(round_not_found)?;
    Ok((call, round))
}

/// The actor's conflict with a submission, if any (message id).
async fn conflict_of(
    conn: &mut DbConn,
    call: &Call,
    actor: &Actor,
    submission: i64,
) -> Result<Option<&'static str>, AppError> {
    let detected = queries::detected_conflicts_of(conn, call.id, actor.id.0).await?;
    let hit = detected.iter().find(|(_, s, _)| *s == submission);
    let declared = queries::declaration(conn, submission, actor.id.0).await?;
    Ok(model::conflict_kind(
        declared.as_ref(),
        hit.is_some_and(|(_, _, team)| !team),
        hit.is_some_and(|(_, _, team)| *team),
    ))
}

pub async fn queue(state: &AppState, actor: &Actor, round_id: i64) -> Result<Queue, AppError> {
    let mut conn = state.db.acquire().await?;
    let (call, round) = round_for_juror(&mut conn, actor, round_id).await?;
    let assignments: Vec<Assignment> = queries::assignments(&mut conn, round.id)
        .await?
        .into_iter()
        .filter(|a| a.account_id == actor.id.0)
        .collect();
    if assignments.is_empty() {
        return Err(round_not_found());
    }
    let reviews = queries::reviews_of_juror(&mut conn, round.id, actor.id.0).await?;
    let detected = queries::detected_conflicts_of(&mut conn, call.id, actor.id.0).await?;
    let declarations = queries::declarations(&mut conn, call.id).await?;
    let slots = queries::slots(&mut conn, round.id).await?;
    let mut lines = Vec::new();
    for a in &assignments {
        let Some(sub) = call_queries::submission(&mut conn, a.submission_id).await? else {
            continue;
        };
        let hit = detected
            .iter()
            .find(|(j, s, _)| *j == actor.id.0 && *s == sub.id);
        let declared = declarations
            .iter()
            .find(|d| d.account_id == actor.id.0 && d.submission_id == sub.id);
        lines.push(QueueLine {
            submission: sub.id,
            title: sub.title.clone(),
            category_id: sub.category_id,
            conflict: model::conflict_kind(
                declared,
                hit.is_some_and(|h| !h.2),
                hit.is_some_and(|h| h.2),
            ),
            declared: declared.is_some_and(|d| !d.conflict),
            state: reviews
                .iter()
                .find(|r| r.submission_id == sub.id)
                .map(|r| r.state()),
            slot: slots.iter().find(|s| s.submission_id == sub.id).cloned(),
        });
    }
    if round.kind() == RoundKind::Pitch {
        lines.sort_by_key(|l| {
            (
                l.slot.as_ref().map(|s| s.position).unwrap_or(i64::MAX),
                l.submission,
            )
        });
    }
    Ok(Queue {
        categories: call_queries::categories(&mut conn, call.id).await?,
        call,
        round,
        lines,
        now: state.clock.now(),
    })
}

/// Another juror's review as a juror may see it (under the round's rule), without their name.
#[derive(Debug, Clone)]
pub struct OtherReview {
    /// "Juror 1", "Juror 2" … in a stable order.
    pub number: usize,
    pub state: ReviewState,
    pub scores: HashMap<i64, f64>,
    pub total: Option<f64>,
    pub comment: String,
}

/// What a juror sees of the entry once they declared no conflict.
#[derive(Debug, Clone)]
pub struct Content {
    pub sub: Submission,
    /// Empty when the round hides applicants' names.
    pub members: Vec<crate::call::model::Member>,
    pub questions: Vec<Question>,
    pub answers: Vec<call_queries::StoredAnswer>,
    pub files: Vec<FileRow>,
}

/// One entry as its juror sees it.
#[derive(Debug, Clone)]
pub struct EntryView {
    pub call: Call,
    pub round: Round,
    pub categories: Vec<Category>,
    pub criteria: Vec<CriterionRow>,
    pub submission: i64,
    /// The title is shown before declaring, so the juror knows what they declare about.
    pub title: String,
    /// `None` until the juror declared that they have no conflict.
    pub content: Option<Content>,
    pub review: Option<Review>,
    /// `None` when the rules hide the others' scores (now).
    pub others: Option<Vec<OtherReview>>,
    pub slot: Option<Slot>,
    /// Why the juror cannot score now (message id), `None`: they can.
    pub locked: Option<&'static str>,
    pub now: DateTime<Utc>,
}

impl EntryView {
    pub fn names_hidden(&self) -> bool {
        self.round.names_hidden
    }
}

/// Why the juror cannot change their review now, as a message id.
fn locked_reason(round: &Round, slot: Option<&Slot>, now: DateTime<Utc>) -> Option<&'static str> {
    if round.confirmed_at.is_some() || round.is_closed(now) {
        Some("jury-round-closed")
    } else if now < round.opens_at {
        Some("jury-round-not-open")
    } else if round.kind() == RoundKind::Pitch && !slot.is_some_and(|s| s.has_started(now)) {
        Some("jury-pitch-not-started")
    } else {
        None
    }
}

/// Checks that the actor is assigned this entry in this round and has no conflict with it.
async fn entry_access(
    conn: &mut DbConn,
    actor: &Actor,
    round_id: i64,
    submission: i64,
) -> Result<(Call, Round, Submission), AppError> {
    let (call, round) = round_for_juror(conn, actor, round_id).await?;
    if !queries::is_assigned(conn, round.id, actor.id.0, submission).await? {
        return Err(entry_not_found());
    }
    let sub = call_queries::submission(conn, submission)
        .await?
        .ok_or_else(entry_not_found)?;
    if let Some(id) = conflict_of(conn, &call, actor, submission).await? {
        return Err(AppError::Forbidden(Msg::new(id)));
    }
    Ok((call, round, sub))
}

pub async fn entry(
    state: &AppState,
    actor: &Actor,
    round_id: i64,
    submission: i64,
) -> Result<EntryView, AppError> {
    let mut conn = state.db.acquire().await?;
    entry_in(&mut conn, actor, round_id, submission, state.clock.now()).await
}

async fn entry_in(
    conn: &mut DbConn,
    actor: &Actor,
    round_id: i64,
    submission: i64,
    now: DateTime<Utc>,
) -> Result<EntryView, AppError> {
    let (call, round, sub) = entry_access(conn, actor, round_id, submission).await?;
    let declared = queries::declaration(conn, submission, actor.id.0)
        .await?
        .is_some_and(|d| !d.conflict);
    let criteria = queries::criteria(conn, round.id).await?;
    let review = queries::review(conn, round.id, actor.id.0, submission).await?;
    let slot = queries::slots(conn, round.id)
        .await?
        .into_iter()
        .find(|s| s.submission_id == submission);
    let title = sub.title.clone();
    let content = if declared {
        let mut sub = sub;
        let members = if round.names_hidden {
            sub.organisation.clear();
            sub.website.clear();
            Vec::new()
        } else {
            call_queries::members(conn, submission).await?
        };
        Some(Content {
            questions: call_queries::questions(conn, call.id).await?,
            answers: call_queries::answers(conn, submission).await?,
            files: call_queries::files(conn, submission).await?,
            members,
            sub,
        })
    } else {
        None
    };
    let own_done = review.as_ref().is_some_and(|r| r.row.state().is_done());
    let show_others = declared
        && match round.others_scores() {
            OthersScores::Never => false,
            OthersScores::AfterOwn => own_done,
            OthersScores::AfterClose => round.is_closed(now),
        };
    let others = if show_others {
        let rank_criteria: Vec<rank::Criterion> =
            criteria.iter().map(|c| c.for_rank(&round)).collect();
        let mut list: Vec<Review> = queries::reviews(conn, round.id)
            .await?
            .into_iter()
            .filter(|r| {
                r.row.submission_id == submission
                    && r.row.account_id != actor.id.0
                    && r.row.state().is_done()
            })
            .collect();
        list.sort_by_key(|r| r.row.account_id);
        Some(
            list.into_iter()
                .enumerate()
                .map(|(i, r)| OtherReview {
                    number: i + 1,
                    state: r.row.state(),
                    total: if r.row.state() == ReviewState::Abstained {
                        None
                    } else {
                        rank::total(&rank_criteria, &r.scores)
                    },
                    scores: r.scores,
                    comment: r.row.comment,
                })
                .collect(),
        )
    } else {
        None
    };
    Ok(EntryView {
        categories: call_queries::categories(conn, call.id).await?,
        locked: locked_reason(&round, slot.as_ref(), now),
        call,
        round,
        criteria,
        submission,
        title,
        content,
        review,
        others,
        slot,
        now,
    })
}

/// A juror declares whether they have a conflict of interest with an entry. "No conflict" can
/// later become "conflict" (their review then no longer counts), not the other way round.
pub async fn declare(
    state: &AppState,
    actor: &Actor,
    round_id: i64,
    submission: i64,
    conflict: bool,
    reason: &str,
) -> Result<(), AppError> {
    let reason = crate::event::model::text(reason, 1000, None, "valid-too-long")
        .map_err(|m| AppError::Invalid(FieldErrors::one("reason", m)))?;
    if conflict && reason.is_empty() {
        return Err(AppError::field("reason", "valid-jury-conflict-reason"));
    }
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let (call, round) = round_for_juror(&mut tx, actor, round_id).await?;
    if !queries::is_assigned(&mut tx, round.id, actor.id.0, submission).await? {
        return Err(entry_not_found());
    }
    if let Some(before) = queries::declaration(&mut tx, submission, actor.id.0).await?
        && before.conflict
    {
        return Err(AppError::Conflict(Msg::new("jury-conflict-declared")));
    }
    if round.confirmed_at.is_some() || round.is_closed(now) {
        return Err(AppError::Conflict(Msg::new("jury-round-closed")));
    }
    // "No conflict" cannot overrule a detected one (same organisation, in the team).
    if !conflict && let Some(id) = conflict_of(&mut tx, &call, actor, submission).await? {
        return Err(AppError::Forbidden(Msg::new(id)));
    }
    queries::upsert_declaration(&mut tx, submission, actor.id.0, conflict, &reason, now).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        if conflict {
            "jury.conflict.declare"
        } else {
            "jury.conflict.none"
        },
        &format!("submission:{submission}"),
        &format!("call {}: {reason}", call.id),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// What a juror sends when saving a review.
#[derive(Debug, Clone, Default)]
pub struct ReviewInput {
    /// Score per criterion id as typed; only the criteria listed are written (so two devices
    /// saving different criteria both keep theirs); an empty string clears a score.
    pub scores: Vec<(i64, String)>,
    pub comment: Option<String>,
    pub team_note: Option<String>,
    /// draft | final | abstained
    pub state: ReviewState,
    pub abstain_reason: String,
}

/// Saves a juror's review: a draft, a final review (every required criterion scored, within
/// the scale) or an abstention (with a reason). Refused after the round locks, for entries not
/// assigned or in conflict, and before the declaration. Nothing is written unless all is valid.
pub async fn save_review(
    state: &AppState,
    actor: &Actor,
    round_id: i64,
    submission: i64,
    input: &ReviewInput,
) -> Result<EntryView, AppError> {
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let (_, round, _) = entry_access(&mut tx, actor, round_id, submission).await?;
    if queries::declaration(&mut tx, submission, actor.id.0)
        .await?
        .is_none_or(|d| d.conflict)
    {
        return Err(AppError::Conflict(Msg::new("jury-declare-first")));
    }
    let slot = queries::slots(&mut tx, round.id)
        .await?
        .into_iter()
        .find(|s| s.submission_id == submission);
    if let Some(id) = locked_reason(&round, slot.as_ref(), now) {
        return Err(AppError::Conflict(Msg::new(id)));
    }
    let criteria = queries::criteria(&mut tx, round.id).await?;
    let rank_criteria: Vec<rank::Criterion> = criteria.iter().map(|c| c.for_rank(&round)).collect();
    let mut errors = FieldErrors::default();
    let mut given: Vec<(i64, Option<f64>)> = Vec::new();
    for (id, typed) in &input.scores {
        let field = format!("score_{id}");
        if !criteria.iter().any(|c| c.id == *id) {
            errors.add_msg(field, Msg::new("valid-score-unknown-criterion"));
            continue;
        }
        match model::parse_score(typed) {
            Ok(Some(s))
                if !(s.is_finite()
                    && (round.scale_min as f64..=round.scale_max as f64).contains(&s)) =>
            {
                errors.add_msg(
                    field,
                    Msg::new("valid-score-out-of-scale")
                        .arg("min", round.scale_min)
                        .arg("max", round.scale_max),
                );
            }
            Ok(s) => given.push((*id, s)),
            Err(m) => errors.add_msg(field, m),
        }
    }
    let text = |v: &Option<String>, field: &'static str, e: &mut FieldErrors| -> Option<String> {
        v.as_deref().and_then(|v| {
            e.check(
                field,
                crate::event::model::text(v, model::REVIEW_TEXT_MAX, None, "valid-too-long"),
            )
        })
    };
    let comment = text(&input.comment, "comment", &mut errors);
    let team_note = text(&input.team_note, "team_note", &mut errors);
    let abstain_reason =
        crate::event::model::text(&input.abstain_reason, 1000, None, "valid-too-long")
            .unwrap_or_default();
    if input.state == ReviewState::Abstained && abstain_reason.is_empty() {
        errors.add("abstain_reason", "valid-jury-abstain-reason");
    }
    errors.into_result()?;
    let review_id =
        queries::review_for_update(&mut tx, round.id, actor.id.0, submission, now).await?;
    for (criterion, score) in &given {
        queries::set_score(&mut tx, review_id, *criterion, *score, now).await?;
    }
    if input.state == ReviewState::Final {
        let stored = queries::review(&mut tx, round.id, actor.id.0, submission)
            .await?
            .map(|r| r.scores)
            .unwrap_or_default();
        if let Err(problems) = rank::check_scores(&rank_criteria, &stored) {
            let mut e = FieldErrors::default();
            for (id, msg) in problems {
                e.add_msg(
                    format!("score_{id}"),
                    Msg::new(msg)
                        .arg("min", round.scale_min)
                        .arg("max", round.scale_max),
                );
            }
            // Dropping the transaction rolls back the scores written above.
            return Err(AppError::Invalid(e));
        }
    }
    queries::update_review(
        &mut tx,
        review_id,
        input.state,
        comment.as_deref(),
        team_note.as_deref(),
        if input.state == ReviewState::Abstained {
            &abstain_reason
        } else {
            ""
        },
        now,
    )
    .await?;
    if input.state.is_done() {
        audit::record(
            &mut tx,
            Some(actor.id),
            "jury.review",
            &format!("submission:{submission}"),
            &format!("round {}: {}", round.id, input.state.as_str()),
            now,
        )
        .await?;
    }
    let view = entry_in(&mut tx, actor, round_id, submission, now).await?;
    tx.commit().await?;
    Ok(view)
}

/// The juror's own reviews in a round (API).
pub async fn my_reviews(
    state: &AppState,
    actor: &Actor,
    round_id: i64,
) -> Result<(Round, Vec<Review>), AppError> {
    let mut conn = state.db.acquire().await?;
    let (_, round) = round_for_juror(&mut conn, actor, round_id).await?;
    let mine = queries::reviews(&mut conn, round.id)
        .await?
        .into_iter()
        .filter(|r| r.row.account_id == actor.id.0)
        .collect();
    Ok((round, mine))
}

/// A file of an entry, for a juror assigned to it (no conflict, declared).
pub async fn file(
    state: &AppState,
    actor: &Actor,
    round_id: i64,
    submission: i64,
    file: i64,
) -> Result<(String, String, Vec<u8>), AppError> {
    let mut conn = state.db.acquire().await?;
    entry_access(&mut conn, actor, round_id, submission).await?;
    if queries::declaration(&mut conn, submission, actor.id.0)
        .await?
        .is_none_or(|d| d.conflict)
    {
        return Err(AppError::Conflict(Msg::new("jury-declare-first")));
    }
    call_queries::file(&mut conn, submission, file)
        .await?
        .ok_or_else(|| AppError::not_found("submission-file-not-found"))
}

// --- The chair: confirmation, slots, release ---------------------------------------------------

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
        if let Outcome::Place(p) = outcome
            && (*p < 1 || !places.insert(*p))
        {
            return Err(AppError::field("decisions", "valid-jury-placement"));
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
                let outcome = match (sub.status, sub.placement) {
                    (SubmissionStatus::Winner, Some(p)) => {
                        t.msg_args("call-place", &[("place", p.to_string())])
                    }
                    (s, _) => t.msg(s.label_id()),
                };
                let args = [
                    ("call", call.title(lang).to_string()),
                    ("title", sub.title.clone()),
                    ("outcome", outcome),
                    ("link", link.clone()),
                ];
                let mut body = format!(
                    "{}\n\n{}\n",
                    t.msg_args("mail-greeting", &[("name", name.clone())]),
                    t.msg_args("mail-jury-result-body", &args)
                );
                if !notes.is_empty() {
                    body.push_str(&format!("\n{}\n", t.msg("mail-jury-result-notes")));
                    for n in &notes {
                        body.push_str(&format!("\n– {n}\n"));
                    }
                }
                body.push_str(&format!("\n{}\n", t.msg("mail-signature")));
                crate::mail::enqueue(
                    &mut tx,
                    &m.email,
                    &name,
                    &t.msg_args("mail-jury-result-subject", &args),
                    &body,
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
            let t = lang.tr();
            let args = [
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
            let body = format!(
                "{}\n\n{}\n\n{}\n",
                t.msg_args("mail-greeting", &[("name", a.name.clone())]),
                t.msg_args("mail-jury-reminder-body", &args),
                t.msg("mail-signature")
            );
            crate::mail::enqueue(
                &mut tx,
                &a.email,
                &a.name,
                &t.msg_args("mail-jury-reminder-subject", &args),
                &body,
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
