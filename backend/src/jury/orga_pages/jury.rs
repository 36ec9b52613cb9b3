//! The jury of a call: its rounds, its jurors and their invitations and conflicts, moving the
//! submitted entries into review, and releasing the results.

use poem::web::{Path, Query};
use poem::{Response, handler};

use super::round_form::{new_round, round_choices, round_input, typed_round};
use super::{NoticeQuery, kind_id, refusal};
use crate::error::AppError;
use crate::http::auth::{CsrfData, CsrfForm};
use crate::http::fmt;
use crate::http::page::{Ctx, html, html_status, see_other};
use crate::jury::service;
use convene_frontend::jury_orga::{
    Action, ConflictLine, InviteValues, JurorLine, JuryPage, PossibleLine, RoundLine, RoundValues,
};
use convene_frontend::{Errors, FlashKind, Template};

/// What was typed into a refused form of the jury page.
#[derive(Default)]
pub(super) struct JuryTyped {
    round: Option<RoundValues>,
    invite: Option<InviteValues>,
}

pub(super) async fn jury_page(
    ctx: &Ctx,
    slug: &str,
    typed: JuryTyped,
    errors: Errors,
    notice: Option<String>,
) -> Result<String, AppError> {
    let actor = ctx.actor()?;
    let jury = service::jury(&ctx.state, actor, slug).await?;
    let lang = ctx.lang;
    let t = lang.tr();
    let call = &jury.call;
    let tz = call.tz();
    let base = format!("/orga/calls/{slug}/jury");
    let mut rounds = Vec::new();
    for r in &jury.rounds {
        let (done, all) = service::round_progress(&ctx.state, actor, slug, r.id).await?;
        rounds.push(RoundLine {
            url: format!("{base}/rounds/{}", r.id),
            name: r.name(lang).to_string(),
            kind: t.msg(kind_id(r.kind())),
            phase: t.msg(r.phase_id(jury.now)),
            progress: t.msg_args(
                "jury-orga-progress-value",
                &[("done", done.to_string()), ("all", all.to_string())],
            ),
            times: format!(
                "{} – {}",
                fmt::at(lang, tz, r.opens_at),
                fmt::at(lang, tz, r.locks_at())
            ),
        });
    }
    let titles = crate::call::service::titles(&ctx.state, call.id).await?;
    let juror_name = |id: i64| {
        jury.jurors
            .iter()
            .find(|j| j.account_id == id)
            .map(|j| j.name.clone())
            .unwrap_or_else(|| format!("#{id}"))
    };
    let mut conflicts: Vec<ConflictLine> = jury
        .declarations
        .iter()
        .filter(|(d, _)| d.conflict)
        .map(|(d, title)| ConflictLine {
            juror: juror_name(d.account_id),
            submission: title.clone(),
            reason: d.reason.clone(),
            source: "declared",
        })
        .collect();
    conflicts.extend(jury.detected.iter().map(|(j, s, team)| ConflictLine {
        juror: juror_name(*j),
        submission: titles.get(s).cloned().unwrap_or_default(),
        reason: t.msg(if *team {
            "jury-orga-conflict-team"
        } else {
            "jury-orga-conflict-organisation"
        }),
        source: "detected",
    }));
    let possible = jury
        .possible
        .iter()
        .map(|p| PossibleLine {
            juror: juror_name(p.juror),
            submission: titles.get(&p.submission).cloned().unwrap_or_default(),
            organisations: format!("„{}“ / „{}“", p.juror_organisation, p.entry_organisation),
            action: format!("{base}/possible-conflicts/{}/{}", p.juror, p.submission),
        })
        .collect();
    let category_name = |id: i64| {
        jury.categories
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.name(lang).to_string())
    };
    let open_for_submissions = call.phases().accepts_changes(jury.now);
    let waiting = jury.eligible_waiting.to_string();
    let page = JuryPage {
        layout: ctx.layout_titled(
            format!("{} – {}", t.msg("jury-orga-title"), call.title(lang)),
            "orga",
        ),
        round_open: jury.rounds.is_empty()
            || errors.items.iter().any(|e| e.field.starts_with("r-")),
        errors,
        call_url: format!("/orga/calls/{slug}"),
        notice,
        rounds,
        round_action: format!("{base}/rounds"),
        round: match &typed.round {
            Some(v) => v.clone(),
            None => new_round(call, jury.now),
        },
        choices: round_choices(ctx, call).await?,
        jurors: jury
            .jurors
            .iter()
            .map(|j| JurorLine {
                name: j.name.clone(),
                email: j.email.clone(),
                organisation: j.organisation.clone().unwrap_or_default(),
                categories: {
                    let names: Vec<String> = j
                        .categories()
                        .into_iter()
                        .filter_map(category_name)
                        .collect();
                    if names.is_empty() {
                        t.msg("jury-orga-all-categories")
                    } else {
                        names.join(", ")
                    }
                },
                remove_url: format!("{base}/jurors/{}/remove", j.account_id),
            })
            .collect(),
        invite_action: format!("{base}/jurors"),
        invite: typed.invite.unwrap_or_default(),
        categories: jury
            .categories
            .iter()
            .map(|c| (c.id.to_string(), c.name(lang).to_string()))
            .collect(),
        conflicts,
        possible,
        start_review: (jury.eligible_waiting > 0).then(|| Action {
            url: if open_for_submissions {
                String::new()
            } else {
                format!("{base}/start-review")
            },
            label: t.msg_args("jury-orga-start-review", &[("count", waiting.clone())]),
            note: if open_for_submissions {
                t.msg_args(
                    "jury-orga-start-review-later",
                    &[
                        ("count", waiting.clone()),
                        ("deadline", fmt::at(lang, tz, call.deadline)),
                    ],
                )
            } else {
                t.msg_args("jury-orga-start-review-note", &[("count", waiting.clone())])
            },
        }),
        release: (!call.results_published).then(|| Action {
            url: format!("{base}/release"),
            label: t.msg("jury-orga-release"),
            note: t.msg("jury-orga-release-note"),
        }),
        released: call.results_published,
    };
    Ok(page.render()?)
}

/// Shows the jury page again after a refused action (422 or 409), or passes the error on.
pub(super) async fn jury_refused(
    ctx: &Ctx,
    slug: &str,
    err: AppError,
    prefix: &str,
    anchor: &str,
    typed: JuryTyped,
) -> Result<Response, AppError> {
    let (status, errors) = refusal(err, prefix, anchor, ctx.lang)?;
    Ok(html_status(
        status,
        jury_page(ctx, slug, typed, errors, None).await?,
    ))
}

/// GET /orga/calls/:slug/jury
#[handler]
pub async fn jury_get(
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    let notice = q.text(ctx.lang);
    Ok(html(
        jury_page(&ctx, &slug, JuryTyped::default(), Errors::default(), notice).await?,
    ))
}

/// POST /orga/calls/:slug/jury/rounds — a new round.
#[handler]
pub async fn round_create_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let input = round_input(&data);
    match service::create_round(&ctx.state, ctx.actor()?, &slug, &input).await {
        Ok(round) => {
            ctx.flash(FlashKind::Success, "flash-jury-round-created");
            Ok(see_other(&format!(
                "/orga/calls/{slug}/jury/rounds/{}",
                round.id
            )))
        }
        Err(e) => {
            let typed = JuryTyped {
                round: Some(typed_round(&input, &data)),
                ..JuryTyped::default()
            };
            jury_refused(&ctx, &slug, e, "r-", "new-round", typed).await
        }
    }
}

/// POST /orga/calls/:slug/jury/jurors — invite a juror (or change their categories).
#[handler]
pub async fn juror_invite_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let typed = InviteValues {
        email: data.get("email").unwrap_or_default().to_string(),
        name: data.get("name").unwrap_or_default().to_string(),
        categories: data.all("categories"),
    };
    let categories: Result<Vec<i64>, AppError> = typed
        .categories
        .iter()
        .map(|c| {
            c.trim()
                .parse::<i64>()
                .map_err(|_| AppError::field("categories", "valid-choice-invalid"))
        })
        .collect();
    let result = match categories {
        Ok(cats) => {
            service::invite_juror(
                &ctx.state,
                ctx.actor()?,
                &slug,
                &typed.email,
                &typed.name,
                &cats,
                ctx.lang,
            )
            .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(new) => {
            ctx.flash(
                FlashKind::Success,
                if new {
                    "flash-jury-juror-invited"
                } else {
                    "flash-jury-juror-updated"
                },
            );
            Ok(see_other(&format!("/orga/calls/{slug}/jury#jurors")))
        }
        Err(e) => {
            let typed = JuryTyped {
                invite: Some(typed),
                ..JuryTyped::default()
            };
            jury_refused(&ctx, &slug, e, "j-", "invite", typed).await
        }
    }
}

/// POST /orga/calls/:slug/jury/jurors/:account/remove
#[handler]
pub async fn juror_remove_post(
    ctx: Ctx,
    Path((slug, account)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    match service::remove_juror(&ctx.state, ctx.actor()?, &slug, account).await {
        Ok(()) => {
            ctx.flash(FlashKind::Success, "flash-jury-juror-removed");
            Ok(see_other(&format!("/orga/calls/{slug}/jury#jurors")))
        }
        Err(e) => jury_refused(&ctx, &slug, e, "", "jurors", JuryTyped::default()).await,
    }
}

#[derive(Debug, serde::Deserialize)]
pub struct PossibleForm {
    #[serde(default)]
    conflict: String,
}

/// POST /orga/calls/:slug/jury/possible-conflicts/:juror/:submission — the organiser decides
/// whether similar organisation names mean a conflict (`conflict=true`) or not.
#[handler]
pub async fn possible_conflict_post(
    ctx: Ctx,
    Path((slug, juror, submission)): Path<(String, i64, i64)>,
    CsrfForm(form): CsrfForm<PossibleForm>,
) -> Result<Response, AppError> {
    let conflict = match form.conflict.as_str() {
        "true" => true,
        "false" => false,
        _ => return Err(AppError::field("conflict", "valid-choice-invalid")),
    };
    service::decide_organisation_match(
        &ctx.state,
        ctx.actor()?,
        &slug,
        juror,
        submission,
        conflict,
    )
    .await?;
    ctx.flash(FlashKind::Success, "flash-saved");
    Ok(see_other(&format!("/orga/calls/{slug}/jury#conflicts")))
}

/// POST /orga/calls/:slug/jury/start-review — moves the eligible entries into review.
#[handler]
pub async fn start_review_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    match service::start_review(&ctx.state, ctx.actor()?, &slug).await {
        Ok(n) => {
            ctx.flash(FlashKind::Success, "flash-jury-review-started");
            Ok(see_other(&format!("/orga/calls/{slug}/jury?moved={n}")))
        }
        Err(e) => jury_refused(&ctx, &slug, e, "", "start-review", JuryTyped::default()).await,
    }
}

#[derive(Debug, serde::Deserialize)]
pub struct ReleaseForm {
    #[serde(default)]
    confirm: String,
}

/// POST /orga/calls/:slug/jury/release — the teams learn their results; the public page shows
/// finalists and winners. Asks for a ticked confirmation first.
#[handler]
pub async fn release_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<ReleaseForm>,
) -> Result<Response, AppError> {
    let result = if form.confirm == "true" {
        service::release(&ctx.state, ctx.actor()?, &slug).await
    } else {
        Err(AppError::field("confirm", "jury-orga-release-unconfirmed"))
    };
    match result {
        Ok(n) => {
            ctx.flash(FlashKind::Success, "flash-jury-released");
            Ok(see_other(&format!("/orga/calls/{slug}/jury?released={n}")))
        }
        Err(e) => jury_refused(&ctx, &slug, e, "", "release", JuryTyped::default()).await,
    }
}
