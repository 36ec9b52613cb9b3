//! The demo jury from `seeds/jury.toml`: jurors invited through the jury service, rounds and
//! criteria created as an organiser creates them; for a decided call, the pre-selection's
//! declarations, assignments and final reviews written as they stood, with the chair's
//! confirmation in the audit log.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use anyhow::Context;
use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;

use crate::audit;
use crate::call::SubmissionStatus;
use crate::db;
use crate::jury::model::{ConfirmedLine, CriterionInput, ReviewState, RoundInput};
use crate::jury::{assign, queries, rank, service};
use crate::state::AppState;

const JURY_TOML: &str = include_str!("../../../seeds/jury.toml");

#[derive(Debug, Deserialize)]
pub struct DemoJury {
    pub criteria: Vec<CriterionInput>,
    pub calls: Vec<SeedJuryCall>,
}

#[derive(Debug, Deserialize)]
pub struct SeedJuryCall {
    pub slug: String,
    pub jurors: Vec<SeedJuror>,
    #[serde(default)]
    pub conflicts: Vec<SeedConflict>,
    pub rounds: Vec<SeedRound>,
}

#[derive(Debug, Deserialize)]
pub struct SeedJuror {
    pub email: String,
    /// Points this juror scores above (or below) the others (decided rounds only).
    #[serde(default)]
    pub leaning: f64,
}

#[derive(Debug, Deserialize)]
pub struct SeedConflict {
    pub juror: String,
    /// The submission's title.
    pub submission: String,
    pub reason: String,
}

#[derive(Debug, Deserialize)]
pub struct SeedRound {
    #[serde(flatten)]
    pub input: RoundInput,
    /// Open calls: `[opens, closes]` in days from the start of the call's review phase.
    pub review_days: Option<[i64; 2]>,
    /// Pitch rounds: the German title of the pitching session of the call's event.
    pub session: Option<String>,
    /// Decided rounds: when the chair confirmed the outcome (local time).
    pub confirmed_at: Option<String>,
}

pub static DEMO_JURY: LazyLock<DemoJury> =
    LazyLock::new(|| toml::from_str(JURY_TOML).expect("seeds/jury.toml is valid (tested)"));

/// Loads the demo jury (after the demo calls).
pub async fn load(state: &AppState) -> anyhow::Result<()> {
    for seed in &DEMO_JURY.calls {
        let err = |what: &str| {
            let what = format!("demo jury {}: {what}", seed.slug);
            move |e: crate::error::AppError| anyhow::anyhow!("{what}: {e:?}")
        };
        let mut conn = state.db.acquire().await?;
        let call = crate::call::queries::find_by_slug(&mut conn, &seed.slug)
            .await?
            .with_context(|| format!("demo jury: call {} is missing", seed.slug))?;
        drop(conn);
        let organiser = {
            let grants = organiser_of(state, call.id).await?;
            crate::account::service::actor(state, grants)
                .await
                .map_err(err("organiser"))?
        };
        for j in &seed.jurors {
            service::invite_juror(
                state,
                &organiser,
                &call.slug,
                &j.email,
                "",
                &[],
                organiser.language,
            )
            .await
            .map_err(err(&j.email))?;
        }
        for r in &seed.rounds {
            let mut input = r.input.clone();
            if let Some([opens, closes]) = r.review_days {
                let review = call.review_at.unwrap_or(call.deadline);
                input.opens_at = (review + Duration::days(opens)).to_rfc3339();
                input.closes_at = (review + Duration::days(closes)).to_rfc3339();
            }
            if let Some(title) = &r.session {
                let event = call
                    .event_id
                    .with_context(|| format!("demo jury {}: no event", seed.slug))?;
                let mut conn = state.db.acquire().await?;
                let session = crate::agenda::queries::sessions(&mut conn, event)
                    .await?
                    .into_iter()
                    .find(|s| &s.title_de == title)
                    .with_context(|| format!("demo jury {}: no session {title}", seed.slug))?;
                input.session_id = Some(session.id.0);
                input.opens_at = session.starts_at.to_rfc3339();
                input.closes_at = session.ends_at.to_rfc3339();
            }
            let round = service::create_round(state, &organiser, &call.slug, &input)
                .await
                .map_err(err(&input.name_en))?;
            for c in &DEMO_JURY.criteria {
                service::add_criterion(state, &organiser, &call.slug, round.id, c)
                    .await
                    .map_err(err(&c.name_en))?;
            }
            if let Some(confirmed) = &r.confirmed_at {
                let confirmed = crate::call::model::parse_instant(confirmed, call.tz())
                    .ok()
                    .flatten()
                    .with_context(|| {
                        format!("demo jury {}: confirmed_at {confirmed}", seed.slug)
                    })?;
                write_decided_round(state, &organiser, seed, round.id, confirmed).await?;
            }
        }
    }
    Ok(())
}

/// The account that created the call (as the audit log records it).
async fn organiser_of(state: &AppState, call_id: i64) -> anyhow::Result<crate::ids::AccountId> {
    let mut conn = state.db.acquire().await?;
    let id: i64 = sqlx::query_scalar(
        "select actor_id from audit_log where action = 'call.create' and subject = $1 \
         order by id limit 1",
    )
    .bind(format!("call:{call_id}"))
    .fetch_one(&mut *conn)
    .await
    .with_context(|| format!("demo jury: call {call_id} has no organiser"))?;
    Ok(crate::ids::AccountId(id))
}

/// How good the jury found an entry, by where it ended up (points on a 0–10 scale).
fn quality(status: SubmissionStatus, placement: Option<i64>) -> f64 {
    match (status, placement) {
        (SubmissionStatus::Winner, Some(1)) => 8.8,
        (SubmissionStatus::Winner, Some(2)) => 8.3,
        (SubmissionStatus::Winner, _) => 7.9,
        (SubmissionStatus::Finalist, _) => 7.3,
        (SubmissionStatus::Shortlisted, _) => 6.6,
        _ => 4.2,
    }
}

/// Writes a decided round as it stood: every juror declared (one a conflict), the planner's
/// assignments, final reviews with scores, and the chair's confirmation with the ranking.
async fn write_decided_round(
    state: &AppState,
    organiser: &crate::account::Actor,
    seed: &SeedJuryCall,
    round_id: i64,
    confirmed: DateTime<Utc>,
) -> anyhow::Result<()> {
    let mut tx = db::begin_write(&state.db).await?;
    let round = queries::round(&mut tx, round_id)
        .await?
        .context("demo round")?;
    let criteria = queries::criteria(&mut tx, round.id).await?;
    let jurors = queries::jurors(&mut tx, round.call_id).await?;
    // The entries that were in review: all that reached a decision after it.
    let mut entries = Vec::new();
    for status in [
        SubmissionStatus::Shortlisted,
        SubmissionStatus::Finalist,
        SubmissionStatus::Winner,
        SubmissionStatus::NotSelected,
    ] {
        for e in queries::entrants(&mut tx, round.call_id, status.as_str()).await? {
            if let Some(s) = crate::call::queries::submission(&mut tx, e.id).await? {
                entries.push(s);
            }
        }
    }
    entries.sort_by_key(|s| s.id);
    let by_email: HashMap<&str, i64> = jurors
        .iter()
        .map(|j| (j.email.as_str(), j.account_id))
        .collect();
    let mut conflicts = HashSet::new();
    let declared_at = round.opens_at + Duration::hours(2);
    for c in &seed.conflicts {
        let juror = *by_email
            .get(c.juror.as_str())
            .context("demo conflict juror")?;
        let sub = entries
            .iter()
            .find(|s| s.title == c.submission)
            .with_context(|| format!("demo conflict: no entry {}", c.submission))?;
        queries::upsert_declaration(&mut tx, sub.id, juror, true, &c.reason, declared_at).await?;
        audit::record(
            &mut tx,
            Some(crate::ids::AccountId(juror)),
            "jury.conflict.declare",
            &format!("submission:{}", sub.id),
            &c.reason,
            declared_at,
        )
        .await?;
        conflicts.insert((juror, sub.id));
    }
    let plan = assign::plan(
        &jurors
            .iter()
            .map(|j| assign::Juror {
                id: j.account_id,
                categories: j.categories(),
                load: 0,
            })
            .collect::<Vec<_>>(),
        &entries
            .iter()
            .map(|s| assign::Entry {
                id: s.id,
                category: s.category_id,
                assigned: vec![],
            })
            .collect::<Vec<_>>(),
        &conflicts,
        usize::try_from(round.per_submission).unwrap_or(3),
    );
    let leaning: HashMap<i64, f64> = seed
        .jurors
        .iter()
        .filter_map(|j| by_email.get(j.email.as_str()).map(|id| (*id, j.leaning)))
        .collect();
    for (i, (juror, sub_id)) in plan.added.iter().enumerate() {
        let sub = entries
            .iter()
            .find(|s| s.id == *sub_id)
            .context("demo entry")?;
        let step = Duration::minutes(37 * i64::try_from(i).unwrap_or(0));
        queries::insert_assignment(
            &mut tx,
            round.id,
            *juror,
            sub.id,
            "auto",
            organiser.id.0,
            round.opens_at,
        )
        .await?;
        queries::upsert_declaration(&mut tx, sub.id, *juror, false, "", declared_at + step).await?;
        let at = round.opens_at + Duration::days(3) + step;
        let review = queries::review_for_update(&mut tx, round.id, *juror, sub.id, at).await?;
        let base = quality(sub.status, sub.placement) + leaning.get(juror).copied().unwrap_or(0.0);
        for (k, c) in criteria.iter().enumerate() {
            // Entries differ a little from criterion to criterion, jurors from each other.
            let wobble = [0.4, -0.3, 0.1, -0.2, 0.6][k % 5]
                * if (sub.id + juror) % 2 == 0 { 1.0 } else { -1.0 };
            let score = (base + wobble)
                .round()
                .clamp(round.scale_min as f64, round.scale_max as f64);
            queries::set_score(&mut tx, review, c.id, Some(score), at).await?;
        }
        let note = if base >= 7.0 {
            "Überzeugender Praxisbezug; für den Pitch bitte die Kosten je Standort konkret beziffern."
        } else {
            "Interessanter Ansatz; der Nutzen für Anwender in der Region ist noch zu wenig belegt."
        };
        queries::update_review(
            &mut tx,
            review,
            ReviewState::Final,
            Some(""),
            Some(note),
            "",
            at,
        )
        .await?;
    }
    queries::close_round(&mut tx, round.id, round.closes_at).await?;
    let view_reviews = queries::reviews(&mut tx, round.id).await?;
    let rank_criteria: Vec<rank::Criterion> = criteria.iter().map(|c| c.for_rank(&round)).collect();
    let ids: Vec<i64> = entries.iter().map(|s| s.id).collect();
    let reviews: Vec<rank::Review> = view_reviews.iter().map(|r| r.for_rank()).collect();
    let ranking = rank::rank(&rank_criteria, &reviews, &ids, &round.settings());
    queries::set_confirmed(&mut tx, round.id, organiser.id.0, confirmed).await?;
    // The record of the confirmation: this pre-selection sent its finalists (and the later
    // winners) to the final and let the others go.
    let lines: Vec<ConfirmedLine> = ranking
        .iter()
        .map(|r| {
            let status = entries
                .iter()
                .find(|s| s.id == r.submission)
                .map(|s| s.status);
            let outcome = match status {
                Some(SubmissionStatus::Shortlisted) => "advance",
                Some(SubmissionStatus::Finalist | SubmissionStatus::Winner) => "finalist",
                Some(SubmissionStatus::NotSelected) => "not_selected",
                _ => "none",
            };
            ConfirmedLine::of(r, outcome.to_string())
        })
        .collect();
    queries::insert_confirmed_lines(&mut tx, round.id, &lines).await?;
    let detail = serde_json::json!({ "round": round.id, "ranking": ranking });
    audit::record(
        &mut tx,
        Some(organiser.id),
        "jury.confirm",
        &format!("round:{}", round.id),
        &detail.to_string(),
        confirmed,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_jury_parses_with_valid_rounds_and_criteria() {
        let jury = &*DEMO_JURY;
        assert_eq!(jury.criteria.len(), 5);
        for c in &jury.criteria {
            c.parse((0, 10)).unwrap();
        }
        assert!(jury.criteria.iter().filter(|c| c.informational).count() == 1);
        let decided = &jury.calls[0];
        assert_eq!(decided.conflicts.len(), 1);
        assert!(decided.rounds[0].confirmed_at.is_some());
        decided.rounds[0]
            .input
            .parse(chrono_tz::Europe::Berlin)
            .unwrap();
        let open = &jury.calls[1];
        assert!(open.rounds.iter().any(|r| r.session.is_some()));
        // The conflict names an entry of the decided demo call.
        let titles: Vec<&str> = crate::seed::DEMO_CALLS.calls[0]
            .submissions
            .iter()
            .map(|s| s.title.as_str())
            .collect();
        assert!(titles.contains(&decided.conflicts[0].submission.as_str()));
    }

    #[test]
    fn better_outcomes_mean_higher_demo_scores() {
        let order = [
            quality(SubmissionStatus::Winner, Some(1)),
            quality(SubmissionStatus::Winner, Some(2)),
            quality(SubmissionStatus::Winner, Some(3)),
            quality(SubmissionStatus::Finalist, None),
            quality(SubmissionStatus::NotSelected, None),
        ];
        assert!(order.windows(2).all(|w| w[0] > w[1]));
    }
}
