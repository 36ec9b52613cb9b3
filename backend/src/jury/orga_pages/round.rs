//! One round's page, put together from the parts the other files of this folder build (its
//! criteria, assignments, ranking and pitch order), and the handlers that show it, change its
//! settings and close it.

use std::collections::HashMap;

use poem::web::{Path, Query};
use poem::{Response, handler};

use super::round_form::{round_choices, round_input, stored_round, typed_round};
use super::{NoticeQuery, kind_id, refusal};
use super::{assignments, criteria, pitch, ranking};
use crate::error::AppError;
use crate::http::auth::{CsrfData, CsrfForm};
use crate::http::fmt;
use crate::http::page::{Ctx, html, html_status, see_other};
use crate::jury::service::{self, RoundView};
use convene_frontend::jury_orga::{Action, CriterionValues, RoundPage, RoundValues};
use convene_frontend::{Errors, FlashKind, Lang, Template};

/// What was typed into a refused form of the round page.
#[derive(Default)]
pub(super) struct RoundTyped {
    pub(super) settings: Option<RoundValues>,
    /// `None` for the new criterion, else the edited one's id; the values as typed.
    pub(super) criterion: Option<(Option<i64>, CriterionValues)>,
    pub(super) import: Option<String>,
    pub(super) decisions: Option<HashMap<i64, String>>,
    pub(super) order: Option<HashMap<i64, String>>,
}

/// The round page, showing again what was typed into a refused form with its `errors`.
pub(super) async fn round_page(
    ctx: &Ctx,
    slug: &str,
    id: i64,
    typed: RoundTyped,
    errors: Errors,
    notice: Option<String>,
) -> Result<String, AppError> {
    let actor = ctx.actor()?;
    let view = service::round_view(&ctx.state, actor, slug, id).await?;
    let lang = ctx.lang;
    let t = lang.tr();
    let round = &view.round;
    let call = &view.call;
    let tz = call.tz();
    let closed = round.is_closed(view.now);
    let base = format!("/orga/calls/{slug}/jury/rounds/{id}");

    let criteria_part = criteria::part(&view, &typed, &base, lang);
    let matrix = assignments::matrix(&view, &base, lang);
    let ranking_part = ranking::part(&view, lang);
    let confirm = ranking::confirm_form(&view, &typed, &base, lang);
    let confirmed = ranking::confirmed(ctx, &view).await?;
    let pitch = pitch::part(ctx, &view, &typed, &base).await?;

    let settings_open = errors.items.iter().any(|e| e.field.starts_with("r-"));
    let page = RoundPage {
        panel: view
            .call_jurors
            .iter()
            .map(|j| {
                let on = view.panel.is_empty() || view.panel.contains(&j.account_id);
                (j.account_id, j.name.clone(), on)
            })
            .collect(),
        panel_action: (!closed).then(|| format!("{base}/panel")),
        layout: ctx.layout_titled(
            format!("{} – {}", round.name(lang), call.title(lang)),
            "orga",
        ),
        jury_url: format!("/orga/calls/{slug}/jury"),
        notice,
        facts: facts(&view, lang),
        close: (!closed).then(|| Action {
            url: format!("{base}/close"),
            label: t.msg("jury-orga-close"),
            note: t.msg("jury-orga-close-note"),
        }),
        csv_url: format!("{base}/scores.csv"),
        stage_url: format!("{base}/stage"),
        report_url: format!("{base}/report.pdf"),
        settings_action: base.clone(),
        settings_open,
        round: match &typed.settings {
            Some(v) => v.clone(),
            None => stored_round(round, tz),
        },
        choices: round_choices(ctx, call).await?,
        criterion_open: view.criteria.is_empty() || criteria_part.new_refused,
        criteria: criteria_part.lines,
        criterion_action: format!("{base}/criteria"),
        new_criterion: criteria_part.new,
        scale_note: t.msg_args(
            "jury-orga-scale-note",
            &[
                ("min", round.scale_min.to_string()),
                ("max", round.scale_max.to_string()),
            ],
        ),
        jurors: view.jurors.iter().map(|j| j.name.clone()).collect(),
        matrix_compact: matrix.compact,
        matrix_action: format!("{base}/assign"),
        juror_choices: matrix.juror_choices,
        entry_choices: matrix.entry_choices,
        rows: matrix.rows,
        auto_assign: (!closed && !view.jurors.is_empty() && !view.entrants.is_empty()).then(|| {
            Action {
                url: format!("{base}/auto-assign"),
                label: t.msg("jury-orga-auto-assign"),
                note: t.msg_args(
                    "jury-orga-auto-assign-note",
                    &[("count", round.per_submission.to_string())],
                ),
            }
        }),
        short: matrix.short,
        import_action: (!closed).then(|| format!("{base}/import")),
        import_text: typed.import.clone().unwrap_or_default(),
        ranking: ranking_part.lines,
        normalised: round.normalise,
        first_criterion: ranking_part.first_criterion,
        rules: ranking_part.rules,
        confirm,
        confirmed,
        confirmed_rows: ranking::confirmed_rows(&view, lang),
        pitch,
        errors,
    };
    Ok(page.render()?)
}

/// The round's facts at the top of its page: kind, phase, dates, entrants, scale, progress.
pub(super) fn facts(view: &RoundView, lang: Lang) -> Vec<(String, String)> {
    let t = lang.tr();
    let round = &view.round;
    let tz = view.call.tz();
    let now = view.now;
    let (done, all) = view.progress();
    let progress = t.msg_args(
        "jury-orga-progress-value",
        &[("done", done.to_string()), ("all", all.to_string())],
    );

    let mut facts = vec![
        (t.msg("jury-orga-kind"), t.msg(kind_id(round.kind()))),
        (t.msg("jury-orga-phase"), t.msg(round.phase_id(now))),
        (
            t.msg("jury-orga-opens-at"),
            fmt::at(lang, tz, round.opens_at),
        ),
        (
            t.msg("jury-orga-closes-at"),
            fmt::at(lang, tz, round.closes_at),
        ),
    ];
    if let Some(c) = round.closed_at.filter(|c| *c < round.closes_at) {
        facts.push((t.msg("jury-orga-closed-early"), fmt::at(lang, tz, c)));
    }
    facts.push((
        t.msg("jury-orga-entrants"),
        t.msg(round.entrants().label_id()),
    ));
    facts.push((
        t.msg("jury-orga-scale"),
        format!("{}–{}", round.scale_min, round.scale_max),
    ));
    facts.push((
        t.msg("jury-orga-per-submission"),
        round.per_submission.to_string(),
    ));
    facts.push((t.msg("jury-orga-progress"), progress));
    facts
}

/// Shows the round page again after a refused action (422 or 409), or passes the error on.
pub(super) async fn round_refused(
    ctx: &Ctx,
    slug: &str,
    id: i64,
    err: AppError,
    prefix: &str,
    anchor: &str,
    typed: RoundTyped,
) -> Result<Response, AppError> {
    let (status, errors) = refusal(err, prefix, anchor, ctx.lang)?;
    Ok(html_status(
        status,
        round_page(ctx, slug, id, typed, errors, None).await?,
    ))
}

pub(super) fn round_url(slug: &str, id: i64, rest: &str) -> String {
    format!("/orga/calls/{slug}/jury/rounds/{id}{rest}")
}

/// GET /orga/calls/:slug/jury/rounds/:id
#[handler]
pub async fn round_get(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    let notice = q.text(ctx.lang);
    Ok(html(
        round_page(
            &ctx,
            &slug,
            id,
            RoundTyped::default(),
            Errors::default(),
            notice,
        )
        .await?,
    ))
}

/// POST /orga/calls/:slug/jury/rounds/:id — the round's settings.
#[handler]
pub async fn round_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let input = round_input(&data);
    match service::update_round(&ctx.state, ctx.actor()?, &slug, id, &input).await {
        Ok(_) => {
            ctx.flash(FlashKind::Success, "flash-saved");
            Ok(see_other(&round_url(&slug, id, "")))
        }
        Err(e) => {
            let typed = RoundTyped {
                settings: Some(typed_round(&input, &data)),
                ..RoundTyped::default()
            };
            round_refused(&ctx, &slug, id, e, "r-", "settings-form", typed).await
        }
    }
}

/// POST /orga/calls/:slug/jury/rounds/:id/panel — the round's own jurors (`jurors`, repeated;
/// all ticked or none: the call's whole jury).
#[handler]
pub async fn panel_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let mut jurors: Vec<i64> = data
        .all("jurors")
        .iter()
        .filter_map(|v| v.trim().parse().ok())
        .collect();
    // Everyone ticked is the whole jury: stored as no panel, so later jurors join too.
    let all = service::jury(&ctx.state, ctx.actor()?, &slug)
        .await?
        .jurors
        .iter()
        .all(|j| jurors.contains(&j.account_id));
    if all {
        jurors.clear();
    } else if jurors.is_empty() {
        let e = AppError::field("panel", "jury-panel-empty");
        return round_refused(&ctx, &slug, id, e, "", "panel", RoundTyped::default()).await;
    }
    match service::set_panel(&ctx.state, ctx.actor()?, &slug, id, &jurors).await {
        Ok(_) => {
            ctx.flash(FlashKind::Success, "flash-saved");
            Ok(see_other(&round_url(&slug, id, "#panel-title")))
        }
        Err(e) => round_refused(&ctx, &slug, id, e, "", "panel", RoundTyped::default()).await,
    }
}

/// POST /orga/calls/:slug/jury/rounds/:id/close — reviews lock now.
#[handler]
pub async fn close_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    match service::close_round(&ctx.state, ctx.actor()?, &slug, id).await {
        Ok(_) => {
            ctx.flash(FlashKind::Success, "flash-jury-round-closed");
            Ok(see_other(&round_url(&slug, id, "#ranking")))
        }
        Err(e) => round_refused(&ctx, &slug, id, e, "", "ranking", RoundTyped::default()).await,
    }
}
