//! A round's ranking on its page, with the rules it follows, and the chair's confirmation of the
//! outcome.

use std::collections::HashMap;

use poem::web::Path;
use poem::{Response, handler};

use super::round::{RoundTyped, round_refused, round_url};
use super::{num, score_text, title_of};
use crate::call::model::SubmissionStatus;
use crate::error::{AppError, FieldErrors, Msg};
use crate::http::auth::CsrfData;
use crate::http::fmt;
use crate::http::page::{Ctx, see_other};
use crate::jury::rank;
use crate::jury::service::{self, Outcome, RoundView};
use convene_frontend::jury_orga::{ConfirmForm, ConfirmedRow, DecisionLine, RankLine};
use convene_frontend::{FlashKind, Lang};

/// The choices the chair has for an entrant with `status` (`places`: how many placements).
/// Finalists can be placed in any round; in the call's last round (`last`), every entrant can,
/// so a call judged in a single online round names its winners there.
pub(super) fn outcome_options(
    status: SubmissionStatus,
    places: usize,
    last: bool,
    t: convene_frontend::Tr,
) -> Vec<(String, String)> {
    let o = |v: &str, id: &str| (v.to_string(), t.msg(id));
    let place_options = || {
        (1..=places.max(1)).map(|p| {
            (
                format!("place_{p}"),
                t.msg_args("call-place", &[("place", p.to_string())]),
            )
        })
    };
    let mut v: Vec<(String, String)> = Vec::new();
    match status {
        SubmissionStatus::InReview | SubmissionStatus::Shortlisted => {
            if last {
                v.extend(place_options());
            }
            if status == SubmissionStatus::InReview {
                v.push(o("advance", "jury-orga-outcome-shortlist"));
            }
            v.push(o("finalist", "jury-orga-outcome-finalist"));
            v.push(o("keep", "jury-orga-outcome-keep"));
            v.push(o("not_selected", "jury-orga-outcome-not-selected"));
        }
        SubmissionStatus::Finalist => {
            v.extend(place_options());
            v.push(o("keep", "jury-orga-outcome-keep-finalist"));
            v.push(o("not_selected", "jury-orga-outcome-not-selected"));
        }
        _ => v.push(o("keep", "jury-orga-outcome-decided")),
    }
    v
}

/// The decisions the form starts with, from the ranking: of the entries with a score, the upper
/// half moves on and the lower half is not selected; finalists get places 1–3 in ranking order;
/// entries without a score, and those decided already, stay as they are.
pub(super) fn proposed(view: &RoundView) -> HashMap<i64, String> {
    let scored = view.ranking.iter().filter(|r| r.score.is_some()).count();
    let upper = scored.div_ceil(2);
    let mut place = 0;
    let mut out = HashMap::new();
    for (i, r) in view.ranking.iter().enumerate() {
        let status = view
            .entrant(r.submission)
            .and_then(|e| SubmissionStatus::parse(&e.status));
        let v = match (status, r.score.is_some()) {
            (Some(SubmissionStatus::InReview), true) if i < upper => "advance".to_string(),
            (Some(SubmissionStatus::Shortlisted), true) if i < upper => "finalist".to_string(),
            (Some(SubmissionStatus::InReview | SubmissionStatus::Shortlisted), true) => {
                "not_selected".to_string()
            }
            (Some(SubmissionStatus::Finalist), true) if place < 3 => {
                place += 1;
                format!("place_{place}")
            }
            _ => "keep".to_string(),
        };
        out.insert(r.submission, v);
    }
    out
}

/// The ranking of a round page, with the rules it was computed by.
pub(super) struct RankingPart {
    pub(super) lines: Vec<RankLine>,
    /// The name of the first criterion (the first tie-break).
    pub(super) first_criterion: String,
    pub(super) rules: Vec<String>,
}

pub(super) fn part(view: &RoundView, lang: Lang) -> RankingPart {
    let t = lang.tr();
    let round = &view.round;
    let lines: Vec<RankLine> = view
        .ranking
        .iter()
        .map(|r| RankLine {
            rank: r.rank.to_string(),
            submission: r.submission,
            title: title_of(view, r.submission),
            score: r
                .score
                .map(|s| num(lang, s, 2))
                .unwrap_or_else(|| "–".into()),
            reviews: r.reviews,
            abstentions: r.abstentions,
            raw_score: r
                .raw_score
                .filter(|_| round.normalise)
                .map(|s| num(lang, s, 2)),
            spread: num(lang, r.spread, 2),
            normalised_spread: r.normalised_spread.map(|s| num(lang, s, 2)),
            disagreement: r.disagreement,
            first_criterion: r
                .first_criterion
                .map(|s| num(lang, s, 2))
                .unwrap_or_else(|| "–".into()),
        })
        .collect();
    let first_criterion = view
        .criteria
        .iter()
        .find(|c| !c.informational)
        .map(|c| c.name(lang).to_string())
        .unwrap_or_else(|| "–".into());
    let mut rules = vec![t.msg(match round.aggregation() {
        rank::Aggregation::WeightedMean => "jury-orga-rule-score-mean",
        rank::Aggregation::Median => "jury-orga-rule-score-median",
    })];
    if round.normalise {
        rules.push(t.msg("jury-orga-rule-normalised"));
    }
    rules.push(t.msg_args("jury-orga-rule-first", &[("name", first_criterion.clone())]));
    rules.push(t.msg("jury-orga-rule-reviews"));
    rules.push(t.msg("jury-orga-rule-shared"));
    rules.push(t.msg_args(
        "jury-orga-rule-disagreement",
        &[("points", score_text(lang, round.disagreement))],
    ));
    RankingPart {
        lines,
        first_criterion,
        rules,
    }
}

/// The chair's form to confirm a closed round's outcome, until it is confirmed.
pub(super) fn confirm_form(
    view: &RoundView,
    typed: &RoundTyped,
    base: &str,
    lang: Lang,
) -> Option<ConfirmForm> {
    let t = lang.tr();
    let round = &view.round;
    let closed = round.is_closed(view.now);
    (closed && round.confirmed_at.is_none()).then(|| {
        let chosen = typed.decisions.clone().unwrap_or_else(|| proposed(view));
        let finalists = view
            .entrants
            .iter()
            .filter(|e| e.status == SubmissionStatus::Finalist.as_str())
            .count();
        // In the last round every entrant may be placed; more than ten places is no award.
        let places = if view.is_last {
            view.entrants.len().min(10)
        } else {
            finalists
        };
        ConfirmForm {
            action: format!("{base}/confirm"),
            places_hint: t.msg(if view.is_last {
                "jury-orga-places-last-round"
            } else {
                "jury-orga-places-later-round"
            }),
            lines: view
                .ranking
                .iter()
                .filter_map(|r| {
                    let e = view.entrant(r.submission)?;
                    let status = SubmissionStatus::parse(&e.status)?;
                    Some(DecisionLine {
                        field: format!("outcome_{}", e.id),
                        rank: format!("{}.", r.rank),
                        title: e.title.clone(),
                        status: t.msg(status.label_id()),
                        options: outcome_options(status, places, view.is_last, t),
                        selected: chosen.get(&e.id).cloned().unwrap_or_else(|| "keep".into()),
                    })
                })
                .collect(),
        }
    })
}

/// The ranking as the chair confirmed it, with the decision of each entry.
pub(super) fn confirmed_rows(view: &RoundView, lang: Lang) -> Vec<ConfirmedRow> {
    let normalised = view.round.normalise;
    let opt = |v: Option<f64>| v.map(|s| num(lang, s, 2)).unwrap_or_else(|| "–".into());
    view.confirmed
        .iter()
        .map(|l| ConfirmedRow {
            submission: l.submission_id,
            rank: l.rank.to_string(),
            title: title_of(view, l.submission_id),
            score: opt(l.score),
            raw_score: normalised.then(|| opt(l.raw_score)),
            spread: num(lang, l.spread, 2),
            normalised_spread: l.normalised_spread.map(|s| num(lang, s, 2)),
            disagreement: l.disagreement,
            first_criterion: opt(l.first_criterion),
            decision: crate::jury::report::outcome_label(&l.outcome, lang),
        })
        .collect()
}

/// When and by whom a round's outcome was confirmed, if it was.
pub(super) async fn confirmed(ctx: &Ctx, view: &RoundView) -> Result<Option<String>, AppError> {
    let lang = ctx.lang;
    let t = lang.tr();
    let round = &view.round;
    let tz = view.call.tz();
    Ok(match (round.confirmed_at, round.confirmed_by) {
        (Some(at_), by) => {
            let name = match by {
                Some(by) => {
                    crate::account::service::name_of(&ctx.state, crate::ids::AccountId(by)).await?
                }
                None => String::new(),
            };
            Some(t.msg_args(
                "jury-orga-confirmed",
                &[("at", fmt::at(lang, tz, at_)), ("name", name)],
            ))
        }
        (None, _) => None,
    })
}

/// POST /orga/calls/:slug/jury/rounds/:id/confirm — the chair's decisions (`outcome_<id>`).
#[handler]
pub async fn confirm_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let mut typed = HashMap::new();
    let mut decisions = Vec::new();
    let mut errors = FieldErrors::default();
    for (k, v) in &data.fields {
        let Some(sub) = k
            .strip_prefix("outcome_")
            .and_then(|s| s.parse::<i64>().ok())
        else {
            continue;
        };
        typed.insert(sub, v.clone());
        match Outcome::parse(v) {
            Some(o) => decisions.push((sub, o)),
            None => errors.add_msg(format!("outcome_{sub}"), Msg::new("valid-choice-invalid")),
        }
    }
    let result = match errors.into_result() {
        Ok(()) => service::confirm(&ctx.state, ctx.actor()?, &slug, id, &decisions)
            .await
            .map(|_| ()),
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => {
            ctx.flash(FlashKind::Success, "flash-jury-confirmed");
            Ok(see_other(&round_url(&slug, id, "#ranking")))
        }
        Err(e) => {
            let typed = RoundTyped {
                decisions: Some(typed),
                ..RoundTyped::default()
            };
            round_refused(&ctx, &slug, id, e, "", "confirm", typed).await
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::jury::service::Outcome;

    #[test]
    fn outcomes_read_back_from_the_form() {
        assert_eq!(Outcome::parse("advance"), Some(Outcome::Advance));
        assert_eq!(Outcome::parse("place_2"), Some(Outcome::Place(2)));
        assert_eq!(Outcome::parse("not_selected"), Some(Outcome::NotSelected));
        assert_eq!(Outcome::parse("place_x"), None);
        assert_eq!(Outcome::parse("winner"), None);
    }
}
