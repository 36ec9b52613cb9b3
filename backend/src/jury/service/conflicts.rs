//! Conflicts of interest found without asking: a juror on an entry's team, a colleague of the
//! juror's on it (same organisation record), or an entry naming the juror's organisation (the
//! names compared by `organisation::matching`, so "Fraunhofer-Institut UMSICHT" is
//! "Fraunhofer UMSICHT"). Names that only possibly match ("Fraunhofer" and "Fraunhofer
//! UMSICHT") wait for an organiser's decision and count as a conflict once confirmed.

use super::*;
use crate::organisation::matching::{self, Match};

/// A juror's organisation and an entry's that may be the same, for an organiser to decide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PossibleMatch {
    pub juror: i64,
    pub submission: i64,
    pub juror_organisation: String,
    pub entry_organisation: String,
}

/// What detection found for a call's jurors (or one juror).
#[derive(Debug, Clone, Default)]
pub struct Detected {
    /// `(juror account, submission, in the team)`: conflicts.
    pub conflicts: Vec<(i64, i64, bool)>,
    /// Undecided possible matches.
    pub possible: Vec<PossibleMatch>,
}

/// Detects the conflicts of the call's jurors, or only of `juror`.
pub async fn detect(
    conn: &mut DbConn,
    call_id: i64,
    juror: Option<i64>,
) -> Result<Detected, AppError> {
    let mut conflicts = queries::people_conflicts(conn, call_id, juror).await?;
    let mut seen: HashSet<(i64, i64)> = conflicts.iter().map(|(j, s, _)| (*j, *s)).collect();
    let jurors = queries::juror_organisations(conn, call_id, juror).await?;
    let mut possible = Vec::new();
    if !jurors.is_empty() {
        let decided: HashMap<(i64, i64), bool> = queries::organisation_checks(conn, call_id)
            .await?
            .into_iter()
            .map(|(j, s, c)| ((j, s), c))
            .collect();
        let entries = queries::entry_organisations(conn, call_id).await?;
        let index = matching::Index::new(entries.iter().map(|(_, org)| org.as_str()));
        for (j, juror_org) in &jurors {
            for (i, found) in index.matches(juror_org) {
                let (s, entry_org) = &entries[i];
                if seen.contains(&(*j, *s)) {
                    continue;
                }
                let conflict = match found {
                    Match::Same => true,
                    Match::Possible => match decided.get(&(*j, *s)) {
                        Some(c) => *c,
                        None => {
                            possible.push(PossibleMatch {
                                juror: *j,
                                submission: *s,
                                juror_organisation: juror_org.clone(),
                                entry_organisation: entry_org.clone(),
                            });
                            false
                        }
                    },
                    Match::Different => false,
                };
                if conflict {
                    seen.insert((*j, *s));
                    conflicts.push((*j, *s, false));
                }
            }
        }
    }
    conflicts.sort_unstable();
    Ok(Detected {
        conflicts,
        possible,
    })
}

/// An organiser decides a possible organisation match: a conflict (the juror then neither
/// sees nor scores the entry, and is replaced where assigned) or different organisations.
pub async fn decide_organisation_match(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    juror: i64,
    submission: i64,
    conflict: bool,
) -> Result<(), AppError> {
    let call = calls::for_organiser(state, actor, slug).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let found = detect(&mut tx, call.id, Some(juror)).await?;
    let known = found.possible.iter().any(|p| p.submission == submission)
        || queries::organisation_checks(&mut tx, call.id)
            .await?
            .iter()
            .any(|(j, s, _)| *j == juror && *s == submission);
    if !known {
        return Err(AppError::not_found("jury-possible-match-not-found"));
    }
    queries::upsert_organisation_check(
        &mut tx, call.id, juror, submission, conflict, actor.id.0, now,
    )
    .await?;
    if conflict {
        restaff(&mut tx, &call, juror, submission, now).await?;
    }
    audit::record(
        &mut tx,
        Some(actor.id),
        if conflict {
            "jury.conflict.confirm"
        } else {
            "jury.conflict.dismiss"
        },
        &format!("submission:{submission}"),
        &format!("juror {juror}"),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
