//! Organisers: assignments of jurors to entries, and conflicts.

use super::*;

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
    /// The ranking as the chair confirmed it, with the decisions (empty until confirmed).
    pub confirmed: Vec<ConfirmedLine>,
    /// The round's own panel (account ids); empty: the call's whole jury. `jurors` holds only
    /// the panel when there is one.
    pub panel: Vec<i64>,
    /// Every juror of the call, for the panel form.
    pub call_jurors: Vec<JurorRow>,
    /// The round is the call's last (no round after it): its chair may award places to any
    /// entrant, whatever the round's kind, so a call with a single round can name winners.
    pub is_last: bool,
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
        // Keyed once: a review looked up per assignment would scan the round's reviews for
        // each of its (10,000 × 10,000 in a large call).
        let reviewed: HashSet<(i64, i64)> = self
            .reviews
            .iter()
            .filter(|r| r.row.state().is_done())
            .map(|r| (r.row.account_id, r.row.submission_id))
            .collect();
        let done = self
            .assignments
            .iter()
            .map(|a| (a.account_id, a.submission_id))
            .filter(|key| self.conflicts.contains(key) || reviewed.contains(key))
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
pub(super) async fn conflicts(
    conn: &mut DbConn,
    call_id: i64,
) -> Result<HashSet<(i64, i64)>, AppError> {
    conflicts_until(conn, call_id, None).await
}

/// [`conflicts`], counting only declarations made up to `until`: a confirmed round keeps the
/// ranking it was confirmed with, whatever is declared later (in another round, say).
pub(super) async fn conflicts_until(
    conn: &mut DbConn,
    call_id: i64,
    until: Option<DateTime<Utc>>,
) -> Result<HashSet<(i64, i64)>, AppError> {
    let mut set: HashSet<(i64, i64)> = detect(conn, call_id, None)
        .await?
        .conflicts
        .into_iter()
        .map(|(j, s, _)| (j, s))
        .collect();
    for (juror, submission, declared_at) in queries::declared_conflicts(conn, call_id).await? {
        if until.is_none_or(|t| declared_at <= t) {
            set.insert((juror, submission));
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

pub(super) async fn load_round_view(
    conn: &mut DbConn,
    call: Call,
    round: Round,
    now: DateTime<Utc>,
) -> Result<RoundView, AppError> {
    let criteria = queries::criteria(conn, round.id).await?;
    let assignments = queries::assignments(conn, round.id).await?;
    let slots = queries::slots(conn, round.id).await?;
    let taking_part = assignments
        .iter()
        .map(|a| a.submission_id)
        .chain(slots.iter().map(|s| s.submission_id));
    let entrants = entrants_with(conn, &call, &round, taking_part).await?;
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
    let call_jurors = queries::jurors(conn, call.id).await?;
    let panel = queries::panel(conn, round.id).await?;
    let jurors = call_jurors
        .iter()
        .filter(|j| panel.is_empty() || panel.contains(&j.account_id))
        .cloned()
        .collect();
    Ok(RoundView {
        jurors,
        panel,
        call_jurors,
        confirmed_by_name,
        confirmed: queries::confirmed_lines(conn, round.id).await?,
        is_last: queries::rounds(conn, call.id)
            .await?
            .last()
            .is_none_or(|r| r.id == round.id),
        categories: call_queries::categories(conn, call.id).await?,
        slots,
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
pub(super) async fn entrants_of(
    conn: &mut DbConn,
    call: &Call,
    round: &Round,
) -> Result<Vec<Entrant>, AppError> {
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
    entrants_with(conn, call, round, ids.into_iter()).await
}

/// [`entrants_of`] with the entries assigned or slotted in the round already at hand.
pub(super) async fn entrants_with(
    conn: &mut DbConn,
    call: &Call,
    round: &Round,
    taking_part: impl Iterator<Item = i64>,
) -> Result<Vec<Entrant>, AppError> {
    let mut list = queries::entrants(conn, call.id, round.entrants().as_str()).await?;
    let mut seen: HashSet<i64> = list.iter().map(|e| e.id).collect();
    let ids: Vec<i64> = taking_part.collect();
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

/// The organiser view of a round: every juror's scores and comments, the ranking, the report
/// and the applicants' names. An organiser who is also a juror of the round would read their
/// fellow jurors' reviews (and names the round hides) before handing in their own; so while
/// the round is open and any of their own assignments in it is not yet done (final review,
/// abstention, or a conflict), it is refused to them with `jury-orga-own-reviews-pending`.
pub async fn round_view(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    round_id: i64,
) -> Result<RoundView, AppError> {
    let (call, round) = round_for_organiser(state, actor, slug, round_id).await?;
    let now = state.clock.now();
    let mut conn = state.db.acquire().await?;
    if own_reviews_pending(&mut conn, actor, &call, &round, now).await? > 0 {
        return Err(AppError::Forbidden(Msg::new(
            "jury-orga-own-reviews-pending",
        )));
    }
    load_round_view(&mut conn, call, round, now).await
}

/// Whether `actor` is a juror with own reviews still to hand in, in an open round of `call`
/// that hides the applicants' names. The call's submission pages and exports, which name the
/// teams, are then closed to them as organiser, as the round's organiser view is.
pub async fn blind_reviews_pending(
    conn: &mut DbConn,
    actor: &Actor,
    call: &Call,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    reviews_pending_in_call(conn, actor, call, now, true).await
}

/// Whether `actor` has own reviews still to hand in, in any open round of `call` (only rounds
/// that hide the names, with `blind_only`). The call's audit log, which records the jury's
/// work, is closed to such an organiser-juror.
pub async fn reviews_pending_in_call(
    conn: &mut DbConn,
    actor: &Actor,
    call: &Call,
    now: DateTime<Utc>,
    blind_only: bool,
) -> Result<bool, AppError> {
    for round in queries::rounds(conn, call.id).await? {
        if (round.names_hidden || !blind_only)
            && own_reviews_pending(conn, actor, call, &round, now).await? > 0
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// How many of the actor's own assignments in an open round are not done yet (0 once the round
/// closed). See [`round_view`].
pub(super) async fn own_reviews_pending(
    conn: &mut DbConn,
    actor: &Actor,
    call: &Call,
    round: &Round,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    if round.confirmed_at.is_some() || round.is_closed(now) {
        return Ok(0);
    }
    let mine = queries::assigned_to(conn, round.id, actor.id.0).await?;
    if mine.is_empty() {
        return Ok(0);
    }
    let done: HashSet<i64> = queries::reviews_of_juror(conn, round.id, actor.id.0)
        .await?
        .iter()
        .filter(|r| r.state().is_done())
        .map(|r| r.submission_id)
        .collect();
    let conflicted = conflicts(conn, call.id).await?;
    Ok(mine
        .iter()
        .filter(|s| !done.contains(s) && !conflicted.contains(&(actor.id.0, **s)))
        .count())
}

/// A round's progress `(done, assigned)` for its organisers' overview: counts only, which
/// every organiser may see (also one with reviews of their own still to do).
pub async fn round_progress(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    round_id: i64,
) -> Result<(usize, usize), AppError> {
    let (call, round) = round_for_organiser(state, actor, slug, round_id).await?;
    let mut conn = state.db.acquire().await?;
    let progress = juror_progress(&mut conn, &call, &round).await?;
    Ok(progress
        .iter()
        .fold((0, 0), |(done, all), p| (done + p.done, all + p.assigned)))
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

/// Adds jurors until every entrant (or only `only`) has the round's jurors per entry, by
/// [`assign::plan`]: balanced, never a conflict. An assignment in conflict (declared or
/// detected) does not count as staffing, so a juror who withdraws is replaced.
async fn staff(
    conn: &mut DbConn,
    view: &RoundView,
    only: Option<i64>,
    by: i64,
    now: DateTime<Utc>,
) -> Result<assign::Plan, AppError> {
    let mut load: HashMap<i64, usize> = HashMap::new();
    let mut assigned: HashMap<i64, Vec<i64>> = HashMap::new();
    for a in &view.assignments {
        *load.entry(a.account_id).or_default() += 1;
        if !view.conflicts.contains(&(a.account_id, a.submission_id)) {
            assigned
                .entry(a.submission_id)
                .or_default()
                .push(a.account_id);
        }
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
        .filter(|e| only.is_none_or(|id| id == e.id))
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
        queries::insert_assignment(conn, view.round.id, *juror, *sub, "auto", by, now).await?;
    }
    Ok(plan)
}

/// After a juror declared a conflict with `submission`: in every open round of the call where
/// they were assigned to it, another juror takes their place (if one may), so the entry keeps
/// its jurors per entry. Returns the `(round, juror)` pairs added.
pub(super) async fn restaff(
    conn: &mut DbConn,
    call: &Call,
    juror: i64,
    submission: i64,
    now: DateTime<Utc>,
) -> Result<Vec<(i64, i64)>, AppError> {
    let mut added = Vec::new();
    for round in queries::rounds(conn, call.id).await? {
        if round.confirmed_at.is_some()
            || round.is_closed(now)
            || !queries::is_assigned(conn, round.id, juror, submission).await?
        {
            continue;
        }
        let view = load_round_view(conn, call.clone(), round, now).await?;
        let plan = staff(conn, &view, Some(submission), juror, now).await?;
        added.extend(plan.added.iter().map(|(j, _)| (view.round.id, *j)));
    }
    Ok(added)
}

/// Gives a round its own panel (`jurors`, each a juror of the call; empty: the whole jury
/// again). Jurors leaving the panel lose their assignments in the round; refused once the
/// round is closed, and for a juror who has already handed in a review in it.
pub async fn set_panel(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    round_id: i64,
    jurors: &[i64],
) -> Result<RoundView, AppError> {
    let (call, round) = round_for_organiser(state, actor, slug, round_id).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    queries::lock_round(&mut tx, round.id).await?;
    if round.confirmed_at.is_some() || round.is_closed(now) {
        return Err(AppError::Conflict(Msg::new("jury-round-closed")));
    }
    let mut panel = jurors.to_vec();
    panel.sort_unstable();
    panel.dedup();
    let call_jurors = queries::jurors(&mut tx, call.id).await?;
    if panel
        .iter()
        .any(|j| !call_jurors.iter().any(|c| c.account_id == *j))
    {
        return Err(AppError::field("panel", "jury-juror-not-found"));
    }
    let reviews = queries::reviews(&mut tx, round.id).await?;
    for a in queries::assignments(&mut tx, round.id).await? {
        if panel.is_empty() || panel.contains(&a.account_id) {
            continue;
        }
        let reviewed = reviews.iter().any(|r| {
            r.row.account_id == a.account_id
                && r.row.submission_id == a.submission_id
                && r.row.state().is_done()
        });
        if reviewed {
            return Err(AppError::field("panel", "jury-panel-has-reviews"));
        }
        queries::delete_assignment(&mut tx, round.id, a.account_id, a.submission_id).await?;
    }
    queries::set_panel(&mut tx, round.id, &panel).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "jury.panel",
        &format!("round:{}", round.id),
        &format!("{panel:?}"),
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
    let plan = staff(&mut tx, &view, None, actor.id.0, now).await?;
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
    let panel = queries::panel(conn, round.id).await?;
    if !panel.is_empty() && !panel.contains(&juror) {
        return Err(AppError::field("juror", "jury-not-on-panel"));
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
