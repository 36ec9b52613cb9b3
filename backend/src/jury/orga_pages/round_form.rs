//! The round form, on the jury page (a new round) and on a round's page (its settings): read
//! from the post, shown again as typed, or filled from the stored round.

use chrono::{DateTime, Duration, Timelike, Utc};
use chrono_tz::Tz;

use super::{kind_id, local_input, others_id, plain};
use crate::call::model::Call;
use crate::error::AppError;
use crate::http::auth::CsrfData;
use crate::http::fmt;
use crate::http::page::Ctx;
use crate::jury::model::{self, Round, RoundInput, RoundKind};
use convene_frontend::jury_orga::{RoundChoices, RoundValues};

/// The round form as posted: numbers that are not numbers become out-of-range values, so that
/// the field gets its message instead of silently falling back to the default.
pub(super) fn round_input(data: &CsrfData) -> RoundInput {
    let s = |k: &str| data.get(k).unwrap_or_default().to_string();
    let n = |k: &str| match data.get(k).map(str::trim) {
        None | Some("") => None,
        Some(v) => Some(v.parse::<i64>().unwrap_or(i64::MIN)),
    };
    let f = |k: &str| match data.get(k).map(str::trim) {
        None | Some("") => None,
        Some(v) => Some(v.replace(',', ".").parse::<f64>().unwrap_or(f64::NAN)),
    };
    RoundInput {
        name_de: s("name_de"),
        name_en: s("name_en"),
        kind: s("kind"),
        entrants: s("entrants"),
        scale_min: n("scale_min"),
        scale_max: n("scale_max"),
        aggregation: s("aggregation"),
        normalise: data.get("normalise").is_some(),
        per_submission: n("per_submission"),
        disagreement: f("disagreement"),
        others_scores: s("others_scores"),
        names_hidden: data.get("names_hidden").is_some(),
        opens_at: s("opens_at"),
        closes_at: s("closes_at"),
        session_id: n("session_id"),
    }
}

pub(super) fn opt_text<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// The round form's values as typed (numbers that did not parse are kept as written).
pub(super) fn typed_round(i: &RoundInput, data: &CsrfData) -> RoundValues {
    let raw = |k: &str| data.get(k).unwrap_or_default().trim().to_string();
    RoundValues {
        name_de: i.name_de.clone(),
        name_en: i.name_en.clone(),
        kind: i.kind.clone(),
        entrants: i.entrants.clone(),
        scale_min: raw("scale_min"),
        scale_max: raw("scale_max"),
        aggregation: i.aggregation.clone(),
        normalise: i.normalise,
        per_submission: raw("per_submission"),
        disagreement: raw("disagreement"),
        others_scores: i.others_scores.clone(),
        names_hidden: i.names_hidden,
        opens_at: i.opens_at.clone(),
        closes_at: i.closes_at.clone(),
        session_id: raw("session_id"),
    }
}

pub(super) fn stored_round(r: &Round, tz: Tz) -> RoundValues {
    RoundValues {
        name_de: r.name_de.clone(),
        name_en: r.name_en.clone(),
        kind: r.kind.clone(),
        entrants: r.entrants.clone(),
        scale_min: r.scale_min.to_string(),
        scale_max: r.scale_max.to_string(),
        aggregation: r.aggregation.clone(),
        normalise: r.normalise,
        per_submission: r.per_submission.to_string(),
        disagreement: plain(r.disagreement),
        others_scores: r.others_scores.clone(),
        names_hidden: r.names_hidden,
        opens_at: local_input(r.opens_at, tz),
        closes_at: local_input(r.closes_at, tz),
        session_id: opt_text(r.session_id),
    }
}

/// A new round's defaults: online, entries in review, scale 0–10, three jurors per entry,
/// opening at the next full hour after the deadline (or now) for two weeks.
pub(super) fn new_round(call: &Call, now: DateTime<Utc>) -> RoundValues {
    let start = call.deadline.max(now);
    let start = start
        .with_minute(0)
        .and_then(|t| t.with_second(0))
        .and_then(|t| t.with_nanosecond(0))
        .map_or(start, |t| t + Duration::hours(1));
    let tz = call.tz();
    RoundValues {
        kind: "online".into(),
        entrants: "in_review".into(),
        scale_min: "0".into(),
        scale_max: "10".into(),
        aggregation: "mean".into(),
        per_submission: "3".into(),
        disagreement: "3".into(),
        others_scores: "never".into(),
        opens_at: local_input(start, tz),
        closes_at: local_input(start + Duration::days(14), tz),
        ..RoundValues::default()
    }
}

/// The round form's choices; the pitching sessions of the call's event (not cancelled).
pub(super) async fn round_choices(ctx: &Ctx, call: &Call) -> Result<RoundChoices, AppError> {
    let lang = ctx.lang;
    let t = lang.tr();
    let tz = call.tz();
    let sessions = match call.event_id {
        Some(event) => crate::agenda::service::sessions_of(&ctx.state, event)
            .await?
            .into_iter()
            .filter(|s| {
                s.kind == crate::agenda::model::SessionKind::Pitching
                    && s.status != crate::agenda::model::SessionStatus::Cancelled
            })
            .map(|s| {
                (
                    s.id.0.to_string(),
                    format!(
                        "{} ({})",
                        s.title(lang),
                        fmt::when(lang, tz, s.starts_at, s.ends_at)
                    ),
                )
            })
            .collect(),
        None => Vec::new(),
    };
    let pair = |v: &str, id: &str| (v.to_string(), t.msg(id));
    Ok(RoundChoices {
        kinds: vec![
            pair("online", kind_id(RoundKind::Online)),
            pair("pitch", kind_id(RoundKind::Pitch)),
        ],
        entrants: model::ENTRANTS
            .iter()
            .map(|s| (s.as_str().to_string(), t.msg(s.label_id())))
            .collect(),
        aggregations: vec![
            pair("mean", "jury-orga-aggregation-mean"),
            pair("median", "jury-orga-aggregation-median"),
        ],
        others_scores: [
            model::OthersScores::Never,
            model::OthersScores::AfterOwn,
            model::OthersScores::AfterClose,
        ]
        .iter()
        .map(|o| pair(o.as_str(), others_id(*o)))
        .collect(),
        sessions,
        timezone_note: t.msg_args(
            "jury-orga-timezone",
            &[
                ("zone", call.timezone.clone()),
                ("abbr", fmt::zone(lang, tz, ctx.state.clock.now())),
            ],
        ),
    })
}
