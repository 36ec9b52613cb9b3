//! A round's criteria: their part of the round page and the forms that add, change and
//! delete them.

use poem::web::Path;
use poem::{Response, handler};

use super::round::{RoundTyped, round_refused, round_url};
use super::{plain, score_text};
use crate::error::AppError;
use crate::http::auth::{CsrfData, CsrfForm};
use crate::http::page::{Ctx, see_other};
use crate::jury::model::{self, CriterionInput, CriterionRow};
use crate::jury::service::{self, RoundView};
use convene_frontend::jury_orga::{CriterionLine, CriterionValues};
use convene_frontend::{FlashKind, Lang};

pub(super) fn criterion_input(data: &CsrfData) -> CriterionInput {
    let s = |k: &str| data.get(k).unwrap_or_default().to_string();
    CriterionInput {
        name_de: s("name_de"),
        name_en: s("name_en"),
        help_de: s("help_de"),
        help_en: s("help_en"),
        labels_de: s("labels_de"),
        labels_en: s("labels_en"),
        weight: match data.get("weight").map(str::trim) {
            None | Some("") => None,
            Some(v) => Some(v.replace(',', ".").parse::<f64>().unwrap_or(f64::NAN)),
        },
        informational: data.get("informational").is_some(),
    }
}

pub(super) fn typed_criterion(i: &CriterionInput, weight_typed: &str) -> CriterionValues {
    CriterionValues {
        name_de: i.name_de.clone(),
        name_en: i.name_en.clone(),
        help_de: i.help_de.clone(),
        help_en: i.help_en.clone(),
        labels_de: i.labels_de.clone(),
        labels_en: i.labels_en.clone(),
        weight: weight_typed.to_string(),
        informational: i.informational,
    }
}

pub(super) fn stored_criterion(c: &CriterionRow) -> CriterionValues {
    CriterionValues {
        name_de: c.name_de.clone(),
        name_en: c.name_en.clone(),
        help_de: c.help_de.clone(),
        help_en: c.help_en.clone(),
        labels_de: model::labels_text(&c.labels(Lang::De)),
        labels_en: model::labels_text(&c.labels(Lang::En)),
        weight: plain(c.weight),
        informational: c.informational,
    }
}

/// The criteria of a round page: each with its edit form (open, with the values typed, when
/// that form was refused), and the form for a new one.
pub(super) struct CriteriaPart {
    pub(super) lines: Vec<CriterionLine>,
    pub(super) new: CriterionValues,
    /// Whether the new criterion's form was refused (it opens with the values typed).
    pub(super) new_refused: bool,
}

pub(super) fn part(view: &RoundView, typed: &RoundTyped, base: &str, lang: Lang) -> CriteriaPart {
    let (typed_criterion_id, typed_criterion_values) = match &typed.criterion {
        Some((cid, values)) => (Some(*cid), Some(values.clone())),
        None => (None, None),
    };
    let lines: Vec<CriterionLine> = view
        .criteria
        .iter()
        .map(|c| {
            let refused = typed_criterion_id == Some(Some(c.id));
            CriterionLine {
                prefix: format!("c{}-", c.id),
                name: c.name(lang).to_string(),
                help: c.help(lang).to_string(),
                weight: score_text(lang, c.weight),
                informational: c.informational,
                labels: c
                    .labels(lang)
                    .iter()
                    .map(|(s, l)| format!("{s} = {l}"))
                    .collect::<Vec<_>>()
                    .join(" · "),
                edit_action: format!("{base}/criteria/{}", c.id),
                delete_url: format!("{base}/criteria/{}/delete", c.id),
                values: match (&typed_criterion_values, refused) {
                    (Some(v), true) => v.clone(),
                    _ => stored_criterion(c),
                },
                open: refused,
            }
        })
        .collect();
    let new = match (&typed_criterion_values, typed_criterion_id) {
        (Some(v), Some(None)) => v.clone(),
        _ => CriterionValues {
            weight: "1".into(),
            ..CriterionValues::default()
        },
    };
    CriteriaPart {
        lines,
        new,
        new_refused: typed_criterion_id == Some(None),
    }
}

/// POST /orga/calls/:slug/jury/rounds/:id/criteria — a new criterion.
#[handler]
pub async fn criterion_add_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let input = criterion_input(&data);
    match service::add_criterion(&ctx.state, ctx.actor()?, &slug, id, &input).await {
        Ok(_) => {
            ctx.flash(FlashKind::Success, "flash-jury-criterion-added");
            Ok(see_other(&round_url(&slug, id, "#criteria")))
        }
        Err(e) => {
            let typed = RoundTyped {
                criterion: Some((
                    None,
                    typed_criterion(&input, data.get("weight").unwrap_or_default()),
                )),
                ..RoundTyped::default()
            };
            round_refused(&ctx, &slug, id, e, "c-", "c-form", typed).await
        }
    }
}

/// POST /orga/calls/:slug/jury/rounds/:id/criteria/:criterion — change a criterion.
#[handler]
pub async fn criterion_edit_post(
    ctx: Ctx,
    Path((slug, id, criterion)): Path<(String, i64, i64)>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let input = criterion_input(&data);
    match service::update_criterion(&ctx.state, ctx.actor()?, &slug, id, criterion, &input).await {
        Ok(()) => {
            ctx.flash(FlashKind::Success, "flash-saved");
            Ok(see_other(&round_url(&slug, id, "#criteria")))
        }
        Err(e) => {
            let prefix = format!("c{criterion}-");
            let anchor = format!("c{criterion}-form");
            let typed = RoundTyped {
                criterion: Some((
                    Some(criterion),
                    typed_criterion(&input, data.get("weight").unwrap_or_default()),
                )),
                ..RoundTyped::default()
            };
            round_refused(&ctx, &slug, id, e, &prefix, &anchor, typed).await
        }
    }
}

/// POST /orga/calls/:slug/jury/rounds/:id/criteria/:criterion/delete
#[handler]
pub async fn criterion_delete_post(
    ctx: Ctx,
    Path((slug, id, criterion)): Path<(String, i64, i64)>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    match service::delete_criterion(&ctx.state, ctx.actor()?, &slug, id, criterion).await {
        Ok(()) => {
            ctx.flash(FlashKind::Success, "flash-deleted");
            Ok(see_other(&round_url(&slug, id, "#criteria")))
        }
        Err(e) => round_refused(&ctx, &slug, id, e, "", "criteria", RoundTyped::default()).await,
    }
}
