//! A pitch round's order: its part of the round page and the form that sets it.

use std::collections::HashMap;

use poem::web::Path;
use poem::{Response, handler};

use super::round::{RoundTyped, round_refused, round_url};
use super::title_of;
use crate::error::AppError;
use crate::http::auth::CsrfData;
use crate::http::fmt;
use crate::http::page::{Ctx, see_other};
use crate::jury::model::RoundKind;
use crate::jury::service::{self, RoundView};
use convene_frontend::FlashKind;
use convene_frontend::jury_orga::{OrderLine, PitchPart, SlotLine};

/// The pitch part of a pitch round's page: its session, the slots with how many jurors have
/// scored each, and the form to set the order (none for other rounds).
pub(super) async fn part(
    ctx: &Ctx,
    view: &RoundView,
    typed: &RoundTyped,
    base: &str,
) -> Result<Option<PitchPart>, AppError> {
    let round = &view.round;
    if round.kind() != RoundKind::Pitch {
        return Ok(None);
    }
    let lang = ctx.lang;
    let t = lang.tr();
    let call = &view.call;
    let tz = call.tz();
    let session = match (call.event_id, round.session_id) {
        (Some(event), Some(sid)) => {
            crate::agenda::service::session_of(&ctx.state, event, crate::ids::SessionId(sid))
                .await?
                .map(|s| {
                    format!(
                        "{} – {}",
                        s.title(lang),
                        fmt::when(lang, tz, s.starts_at, s.ends_at)
                    )
                })
        }
        _ => None,
    };
    let slots = view
        .slots
        .iter()
        .map(|s| {
            let assigned: Vec<i64> = view
                .assignments
                .iter()
                .filter(|a| a.submission_id == s.submission_id)
                .map(|a| a.account_id)
                .collect();
            let scored = assigned
                .iter()
                .filter(|j| {
                    view.review_of(**j, s.submission_id)
                        .is_some_and(|r| r.row.state().is_done())
                })
                .count();
            SlotLine {
                position: s.position,
                time: fmt::time_range(tz, s.starts_at, s.ends_at),
                title: title_of(view, s.submission_id),
                progress: t.msg_args(
                    "jury-orga-slot-scored",
                    &[
                        ("done", scored.to_string()),
                        ("all", assigned.len().to_string()),
                    ],
                ),
            }
        })
        .collect();
    let mut next = view.slots.len();
    let mut order: Vec<(i64, OrderLine)> = view
        .entrants
        .iter()
        .map(|e| {
            let stored = match view.slots.iter().find(|s| s.submission_id == e.id) {
                Some(s) => s.position,
                None => {
                    next += 1;
                    i64::try_from(next).unwrap_or(i64::MAX)
                }
            };
            let value = typed
                .order
                .as_ref()
                .and_then(|o| o.get(&e.id).cloned())
                .unwrap_or_else(|| stored.to_string());
            (
                stored,
                OrderLine {
                    field: format!("pos_{}", e.id),
                    title: e.title.clone(),
                    value,
                },
            )
        })
        .collect();
    order.sort_by_key(|(p, _)| *p);
    Ok(Some(PitchPart {
        session: session.unwrap_or_else(|| t.msg("jury-orga-session-missing")),
        slots,
        order_action: format!("{base}/slots"),
        order: if round.session_id.is_some() {
            order.into_iter().map(|(_, o)| o).collect()
        } else {
            Vec::new()
        },
    }))
}

/// POST /orga/calls/:slug/jury/rounds/:id/slots — the pitch order (`pos_<id>` per entrant).
#[handler]
pub async fn slots_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let mut typed = HashMap::new();
    let mut positions: Vec<(i64, i64)> = Vec::new();
    let mut readable = true;
    for (k, v) in &data.fields {
        let Some(sub) = k.strip_prefix("pos_").and_then(|s| s.parse::<i64>().ok()) else {
            continue;
        };
        typed.insert(sub, v.clone());
        match v.trim().parse::<i64>() {
            Ok(p) => positions.push((p, sub)),
            Err(_) => readable = false,
        }
    }
    let result = if readable {
        positions.sort_unstable();
        let order: Vec<i64> = positions.iter().map(|(_, s)| *s).collect();
        service::set_slots(&ctx.state, ctx.actor()?, &slug, id, &order)
            .await
            .map(|_| ())
    } else {
        Err(AppError::field("order", "valid-jury-slot-order"))
    };
    match result {
        Ok(()) => {
            ctx.flash(FlashKind::Success, "flash-jury-slots-saved");
            Ok(see_other(&round_url(&slug, id, "#pitches")))
        }
        Err(e) => {
            let typed = RoundTyped {
                order: Some(typed),
                ..RoundTyped::default()
            };
            round_refused(&ctx, &slug, id, e, "", "pitches", typed).await
        }
    }
}
