//! The organisers' jury pages (server-rendered, German and English): the jury of a call
//! (rounds, jurors and their invitations, conflicts, moving entries into review, releasing the
//! results), one round (settings, criteria, the assignment matrix, CSV import, the ranking, the
//! chair's confirmation, pitch slots), the scores as CSV and the stage screen.
//!
//! Thin: every handler parses the form, calls `jury::service` (which checks that the actor
//! organises the call, and holds every rule) and renders. A refused form is shown again with
//! the messages next to its fields (422), a refused action with its message at the action (409).

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Timelike, Utc};
use chrono_tz::Tz;
use poem::http::StatusCode;
use poem::web::{Path, Query};
use poem::{Response, handler};

use super::model::{
    self, CriterionInput, CriterionRow, Entrant, ReviewState, Round, RoundInput, RoundKind,
};
use super::rank;
use super::service::{self, Outcome, RoundView};
use crate::call::model::{Call, SubmissionStatus};
use crate::error::{AppError, FieldErrors, Msg};
use crate::http::auth::{CsrfData, CsrfForm};
use crate::http::fmt;
use crate::http::page::{Ctx, download, html, html_status, see_other};
use crate::spreadsheet::{csv_error, defused};
use convene_frontend::jury_orga::{
    Action, Cell, ConfirmForm, ConflictLine, CriterionLine, CriterionValues, DecisionLine,
    InviteValues, JurorLine, JuryPage, MatrixRow, OrderLine, PitchPart, RankLine, RoundChoices,
    RoundLine, RoundPage, RoundValues, SlotLine, StageLine, StagePage,
};
use convene_frontend::layout::FieldError;
use convene_frontend::{Errors, FlashKind, Lang, Template};

// --- Formatting ----------------------------------------------------------------------------

/// A number with `decimals` places and the language's decimal mark ("7,50" / "7.50").
fn num(lang: Lang, v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    match lang {
        Lang::De => s.replace('.', ","),
        Lang::En => s,
    }
}

/// A number as a form shows it: whole numbers without decimals ("3", "2.5").
fn plain(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// A score as typed, with the language's decimal mark.
fn score_text(lang: Lang, v: f64) -> String {
    let s = plain(v);
    match lang {
        Lang::De => s.replace('.', ","),
        Lang::En => s,
    }
}

/// An instant as a `datetime-local` field shows it, in the call's zone.
fn local_input(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string()
}

fn kind_id(kind: RoundKind) -> &'static str {
    match kind {
        RoundKind::Online => "jury-orga-kind-online",
        RoundKind::Pitch => "jury-orga-kind-pitch",
    }
}

fn others_id(o: model::OthersScores) -> &'static str {
    match o {
        model::OthersScores::Never => "jury-orga-others-never",
        model::OthersScores::AfterOwn => "jury-orga-others-after-own",
        model::OthersScores::AfterClose => "jury-orga-others-after-close",
    }
}

// --- Errors --------------------------------------------------------------------------------

/// The problems of a refused form, keyed by the ids of its fields (`prefix` + field name).
fn prefixed(e: &FieldErrors, prefix: &str, lang: Lang) -> Errors {
    Errors {
        items: e
            .0
            .iter()
            .map(|(field, msg)| FieldError {
                field: format!("{prefix}{field}"),
                message: msg.text(lang),
            })
            .collect(),
    }
}

/// One message shown at the element `anchor` (the action that was refused).
fn at(anchor: &str, msg: &Msg, lang: Lang) -> Errors {
    Errors {
        items: vec![FieldError {
            field: anchor.to_string(),
            message: msg.text(lang),
        }],
    }
}

/// How a refused action is shown again: 422 with the form's field messages (their ids get
/// `prefix`), or 409 with the message at `anchor`. Anything else (404, 403 …) is passed on.
fn refusal(
    err: AppError,
    prefix: &str,
    anchor: &str,
    lang: Lang,
) -> Result<(StatusCode, Errors), AppError> {
    match err {
        AppError::Invalid(e) => Ok((StatusCode::UNPROCESSABLE_ENTITY, prefixed(&e, prefix, lang))),
        AppError::Conflict(m) => Ok((StatusCode::CONFLICT, at(anchor, &m, lang))),
        e => Err(e),
    }
}

// --- The round form ------------------------------------------------------------------------

/// The round form as posted: numbers that are not numbers become out-of-range values, so that
/// the field gets its message instead of silently falling back to the default.
fn round_input(data: &CsrfData) -> RoundInput {
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

fn opt_text<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// The round form's values as typed (numbers that did not parse are kept as written).
fn typed_round(i: &RoundInput, data: &CsrfData) -> RoundValues {
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

fn stored_round(r: &Round, tz: Tz) -> RoundValues {
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
fn new_round(call: &Call, now: DateTime<Utc>) -> RoundValues {
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
async fn round_choices(ctx: &Ctx, call: &Call) -> Result<RoundChoices, AppError> {
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

// --- The jury of a call --------------------------------------------------------------------

/// Counts reported after a redirect ("3 submissions moved into review").
#[derive(Debug, Default, serde::Deserialize)]
pub struct NoticeQuery {
    moved: Option<usize>,
    released: Option<usize>,
    added: Option<usize>,
    imported: Option<usize>,
}

impl NoticeQuery {
    fn text(&self, lang: Lang) -> Option<String> {
        let t = lang.tr();
        let one = |id: &str, n: usize| Some(t.msg_args(id, &[("count", n.to_string())]));
        match (self.moved, self.released, self.added, self.imported) {
            (Some(n), ..) => one("jury-orga-notice-moved", n),
            (_, Some(n), ..) => one("jury-orga-notice-released", n),
            (_, _, Some(n), _) => one("jury-orga-notice-added", n),
            (_, _, _, Some(n)) => one("jury-orga-notice-imported", n),
            _ => None,
        }
    }
}

/// What was typed into a refused form of the jury page.
#[derive(Default)]
struct JuryTyped {
    round: Option<RoundValues>,
    invite: Option<InviteValues>,
}

async fn jury_page(
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
        let (done, all) = service::round_view(&ctx.state, actor, slug, r.id)
            .await?
            .progress();
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
async fn jury_refused(
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

// --- One round -----------------------------------------------------------------------------

/// What was typed into a refused form of the round page.
#[derive(Default)]
struct RoundTyped {
    settings: Option<RoundValues>,
    /// `None` for the new criterion, else the edited one's id; the values as typed.
    criterion: Option<(Option<i64>, CriterionValues)>,
    import: Option<String>,
    decisions: Option<HashMap<i64, String>>,
    order: Option<HashMap<i64, String>>,
}

fn criterion_input(data: &CsrfData) -> CriterionInput {
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

fn typed_criterion(i: &CriterionInput, weight_typed: &str) -> CriterionValues {
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

fn stored_criterion(c: &CriterionRow) -> CriterionValues {
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

/// The choices the chair has for an entrant with `status` (`places`: how many placements).
fn outcome_options(
    status: SubmissionStatus,
    places: usize,
    t: convene_frontend::Tr,
) -> Vec<(String, String)> {
    let o = |v: &str, id: &str| (v.to_string(), t.msg(id));
    match status {
        SubmissionStatus::InReview => vec![
            o("advance", "jury-orga-outcome-shortlist"),
            o("finalist", "jury-orga-outcome-finalist"),
            o("keep", "jury-orga-outcome-keep"),
            o("not_selected", "jury-orga-outcome-not-selected"),
        ],
        SubmissionStatus::Shortlisted => vec![
            o("finalist", "jury-orga-outcome-finalist"),
            o("keep", "jury-orga-outcome-keep"),
            o("not_selected", "jury-orga-outcome-not-selected"),
        ],
        SubmissionStatus::Finalist => {
            let mut v: Vec<(String, String)> = (1..=places.max(1))
                .map(|p| {
                    (
                        format!("place_{p}"),
                        t.msg_args("call-place", &[("place", p.to_string())]),
                    )
                })
                .collect();
            v.push(o("keep", "jury-orga-outcome-keep-finalist"));
            v.push(o("not_selected", "jury-orga-outcome-not-selected"));
            v
        }
        _ => vec![o("keep", "jury-orga-outcome-decided")],
    }
}

/// The decisions the form starts with, from the ranking: of the entries with a score, the upper
/// half moves on and the lower half is not selected; finalists get places 1–3 in ranking order;
/// entries without a score, and those decided already, stay as they are.
fn proposed(view: &RoundView) -> HashMap<i64, String> {
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

fn status_label(e: &Entrant, t: convene_frontend::Tr) -> String {
    SubmissionStatus::parse(&e.status)
        .map(|s| t.msg(s.label_id()))
        .unwrap_or_default()
}

async fn round_page(
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
    let now = view.now;
    let closed = round.is_closed(now);
    let base = format!("/orga/calls/{slug}/jury/rounds/{id}");
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
    facts.push((t.msg("jury-orga-progress"), progress.clone()));

    // Criteria
    let (typed_criterion_id, typed_criterion_values) = match &typed.criterion {
        Some((cid, values)) => (Some(*cid), Some(values.clone())),
        None => (None, None),
    };
    let criteria: Vec<CriterionLine> = view
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
    let new_criterion = match (&typed_criterion_values, typed_criterion_id) {
        (Some(v), Some(None)) => v.clone(),
        _ => CriterionValues {
            weight: "1".into(),
            ..CriterionValues::default()
        },
    };

    // The assignment matrix
    let per = usize::try_from(round.per_submission).unwrap_or(1);
    let category_name = |id: Option<i64>| {
        view.categories
            .iter()
            .find(|c| Some(c.id) == id)
            .map(|c| c.name(lang).to_string())
            .unwrap_or_default()
    };
    // Looked up once: the matrix asks for every entry × juror pair.
    let assigned_pairs: HashSet<(i64, i64)> = view
        .assignments
        .iter()
        .map(|a| (a.account_id, a.submission_id))
        .collect();
    let review_states: HashMap<(i64, i64), ReviewState> = view
        .reviews
        .iter()
        .map(|r| ((r.row.account_id, r.row.submission_id), r.row.state()))
        .collect();
    let mut assigned_count: HashMap<i64, usize> = HashMap::new();
    for a in &view.assignments {
        *assigned_count.entry(a.submission_id).or_default() += 1;
    }
    let matrix_compact = view.entrants.len() * view.jurors.len() > MATRIX_GRID_CELLS;
    let rows: Vec<MatrixRow> = view
        .entrants
        .iter()
        .map(|e| {
            let assigned = assigned_count.get(&e.id).copied().unwrap_or(0);
            let cells = view
                .jurors
                .iter()
                .filter(|j| !matrix_compact || assigned_pairs.contains(&(j.account_id, e.id)))
                .map(|j| {
                    let conflict = view.conflicts.contains(&(j.account_id, e.id));
                    let is_assigned = assigned_pairs.contains(&(j.account_id, e.id));
                    let state = review_states.get(&(j.account_id, e.id)).copied();
                    let unassign =
                        (is_assigned && !closed && !state.is_some_and(ReviewState::is_done))
                            .then(|| (format!("{base}/unassign"), t.msg("jury-orga-unassign")));
                    let (text, class, button) = match (conflict, is_assigned, state) {
                        (true, false, _) => {
                            (t.msg("jury-orga-cell-conflict"), "cell-conflict", None)
                        }
                        (true, true, _) => (
                            t.msg("jury-orga-cell-conflict-assigned"),
                            "cell-conflict",
                            unassign,
                        ),
                        (false, true, Some(s)) => (
                            t.msg(s.label_id()),
                            match s {
                                ReviewState::Draft => "cell-draft",
                                ReviewState::Final => "cell-final",
                                ReviewState::Abstained => "cell-abstained",
                            },
                            unassign,
                        ),
                        (false, true, None) => {
                            (t.msg("jury-orga-cell-assigned"), "cell-assigned", unassign)
                        }
                        (false, false, _) => (
                            "–".to_string(),
                            "cell-free",
                            (!closed)
                                .then(|| (format!("{base}/assign"), t.msg("jury-orga-assign"))),
                        ),
                    };
                    Cell {
                        state: text,
                        class,
                        juror_name: j.name.clone(),
                        pair: format!("{}-{}", j.account_id, e.id),
                        button,
                    }
                })
                .collect();
            MatrixRow {
                submission: e.id,
                title: e.title.clone(),
                category: category_name(e.category_id),
                status: status_label(e, t),
                cells,
                count: format!("{assigned} / {per}"),
                short: assigned < per,
            }
        })
        .collect();
    let short: Vec<String> = if closed {
        Vec::new()
    } else {
        rows.iter()
            .filter(|r| r.short)
            .map(|r| {
                let have = assigned_count.get(&r.submission).copied().unwrap_or(0);
                t.msg_args(
                    "jury-orga-short-line",
                    &[
                        ("title", r.title.clone()),
                        ("count", (per - have).to_string()),
                    ],
                )
            })
            .collect()
    };

    // The ranking
    let title_of = |id: i64| {
        view.entrant(id)
            .map(|e| e.title.clone())
            .unwrap_or_else(|| format!("#{id}"))
    };
    let ranking: Vec<RankLine> = view
        .ranking
        .iter()
        .map(|r| RankLine {
            rank: r.rank.to_string(),
            submission: r.submission,
            title: title_of(r.submission),
            score: r
                .score
                .map(|s| num(lang, s, 2))
                .unwrap_or_else(|| "–".into()),
            reviews: r.reviews,
            abstentions: r.abstentions,
            spread: num(lang, r.spread, 2),
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

    // The chair's confirmation
    let confirm = (closed && round.confirmed_at.is_none()).then(|| {
        let chosen = typed.decisions.clone().unwrap_or_else(|| proposed(&view));
        let finalists = view
            .entrants
            .iter()
            .filter(|e| e.status == SubmissionStatus::Finalist.as_str())
            .count();
        ConfirmForm {
            action: format!("{base}/confirm"),
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
                        options: outcome_options(status, finalists, t),
                        selected: chosen.get(&e.id).cloned().unwrap_or_else(|| "keep".into()),
                    })
                })
                .collect(),
        }
    });
    let confirmed = match (round.confirmed_at, round.confirmed_by) {
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
    };

    // Pitches
    let pitch = if round.kind() == RoundKind::Pitch {
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
                    title: title_of(s.submission_id),
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
        Some(PitchPart {
            session: session.unwrap_or_else(|| t.msg("jury-orga-session-missing")),
            slots,
            order_action: format!("{base}/slots"),
            order: if round.session_id.is_some() {
                order.into_iter().map(|(_, o)| o).collect()
            } else {
                Vec::new()
            },
        })
    } else {
        None
    };

    let settings_open = errors.items.iter().any(|e| e.field.starts_with("r-"));
    let page = RoundPage {
        layout: ctx.layout_titled(
            format!("{} – {}", round.name(lang), call.title(lang)),
            "orga",
        ),
        jury_url: format!("/orga/calls/{slug}/jury"),
        notice,
        facts,
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
        criterion_open: view.criteria.is_empty() || typed_criterion_id == Some(None),
        criteria,
        criterion_action: format!("{base}/criteria"),
        new_criterion,
        scale_note: t.msg_args(
            "jury-orga-scale-note",
            &[
                ("min", round.scale_min.to_string()),
                ("max", round.scale_max.to_string()),
            ],
        ),
        jurors: view.jurors.iter().map(|j| j.name.clone()).collect(),
        matrix_compact,
        matrix_action: format!("{base}/assign"),
        juror_choices: if matrix_compact {
            view.jurors
                .iter()
                .map(|j| (j.account_id.to_string(), j.name.clone()))
                .collect()
        } else {
            Vec::new()
        },
        entry_choices: if matrix_compact {
            view.entrants
                .iter()
                .map(|e| (e.id.to_string(), format!("#{} {}", e.id, e.title)))
                .collect()
        } else {
            Vec::new()
        },
        rows,
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
        short,
        import_action: (!closed).then(|| format!("{base}/import")),
        import_text: typed.import.clone().unwrap_or_default(),
        ranking,
        first_criterion,
        rules,
        confirm,
        confirmed,
        pitch,
        errors,
    };
    Ok(page.render()?)
}

/// Up to this many entry × juror cells the assignments show as a grid (100 entries × 25
/// jurors); beyond, each entry lists its assigned jurors only, so the page stays small.
const MATRIX_GRID_CELLS: usize = 2_500;

/// Shows the round page again after a refused action (422 or 409), or passes the error on.
async fn round_refused(
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

fn round_url(slug: &str, id: i64, rest: &str) -> String {
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

#[derive(Debug, serde::Deserialize)]
pub struct PairForm {
    /// A matrix button: `juror-submission`.
    #[serde(default)]
    pair: String,
    /// The compact matrix's form: the chosen juror and entry.
    #[serde(default)]
    juror: String,
    #[serde(default)]
    submission: String,
}

impl PairForm {
    fn ids(&self) -> Result<(i64, i64), AppError> {
        let (juror, submission) = match self.pair.split_once('-') {
            Some(pair) => pair,
            None => (self.juror.as_str(), self.submission.as_str()),
        };
        match (juror.trim().parse(), submission.trim().parse()) {
            (Ok(j), Ok(s)) => Ok((j, s)),
            _ => Err(AppError::BadRequest(Msg::new("error-bad-request"))),
        }
    }
}

/// Field errors of the matrix's buttons belong to no visible field: they are shown at the
/// matrix.
fn at_matrix(err: AppError) -> AppError {
    match err {
        AppError::Invalid(e) => match e.0.into_iter().next() {
            Some((_, m)) => AppError::Conflict(m),
            None => AppError::Conflict(Msg::new("error-invalid")),
        },
        e => e,
    }
}

/// POST /orga/calls/:slug/jury/rounds/:id/assign — one juror to one entry, by hand.
#[handler]
pub async fn assign_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(form): CsrfForm<PairForm>,
) -> Result<Response, AppError> {
    let (juror, submission) = form.ids()?;
    let result = service::assign_one(
        &ctx.state,
        ctx.actor()?,
        &slug,
        id,
        juror,
        submission,
        "manual",
    )
    .await
    .map(|_| ());
    matrix_answer(&ctx, &slug, id, result, "flash-jury-assigned").await
}

/// After a matrix button: back to the matrix with `flash`, or the round page with the refusal
/// shown at the matrix.
async fn matrix_answer(
    ctx: &Ctx,
    slug: &str,
    id: i64,
    result: Result<(), AppError>,
    flash: &'static str,
) -> Result<Response, AppError> {
    match result {
        Ok(()) => {
            ctx.flash(FlashKind::Success, flash);
            Ok(see_other(&round_url(slug, id, "#assignments")))
        }
        Err(e) => {
            let typed = RoundTyped::default();
            round_refused(ctx, slug, id, at_matrix(e), "", "assignments", typed).await
        }
    }
}

/// POST /orga/calls/:slug/jury/rounds/:id/unassign
#[handler]
pub async fn unassign_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(form): CsrfForm<PairForm>,
) -> Result<Response, AppError> {
    let (juror, submission) = form.ids()?;
    let result = service::unassign(&ctx.state, ctx.actor()?, &slug, id, juror, submission).await;
    matrix_answer(&ctx, &slug, id, result, "flash-jury-unassigned").await
}

/// POST /orga/calls/:slug/jury/rounds/:id/auto-assign
#[handler]
pub async fn auto_assign_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    match service::auto_assign(&ctx.state, ctx.actor()?, &slug, id).await {
        Ok(plan) => {
            ctx.flash(FlashKind::Success, "flash-jury-auto-assigned");
            Ok(see_other(&round_url(
                &slug,
                id,
                &format!("?added={}#assignments", plan.added.len()),
            )))
        }
        Err(e) => {
            round_refused(
                &ctx,
                &slug,
                id,
                at_matrix(e),
                "",
                "assignments",
                RoundTyped::default(),
            )
            .await
        }
    }
}

#[derive(Debug, serde::Deserialize)]
pub struct ImportForm {
    #[serde(default)]
    csv: String,
}

/// POST /orga/calls/:slug/jury/rounds/:id/import — assignments from CSV lines.
#[handler]
pub async fn import_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(form): CsrfForm<ImportForm>,
) -> Result<Response, AppError> {
    match service::import_assignments(&ctx.state, ctx.actor()?, &slug, id, &form.csv).await {
        Ok(n) => {
            ctx.flash(FlashKind::Success, "flash-jury-imported");
            Ok(see_other(&round_url(
                &slug,
                id,
                &format!("?imported={n}#assignments"),
            )))
        }
        Err(e) => {
            let typed = RoundTyped {
                import: Some(form.csv),
                ..RoundTyped::default()
            };
            round_refused(&ctx, &slug, id, e, "", "csv", typed).await
        }
    }
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

// --- Scores as CSV -------------------------------------------------------------------------

/// Every review of a round, one line per juror and entry, for a German Excel like the call's
/// exports (UTF-8 with BOM, semicolons, CRLF, cells that look like formulas defused).
/// `people` names the reviewers who are no longer jurors.
fn scores_csv(
    view: &RoundView,
    lang: Lang,
    people: &HashMap<i64, (String, String)>,
) -> Result<Vec<u8>, AppError> {
    let t = lang.tr();
    let criteria = view.rank_criteria();
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let mut header: Vec<String> = [
            "jury-orga-csv-submission",
            "submission-title",
            "jury-orga-csv-juror",
            "export-email",
            "jury-orga-csv-state",
            "jury-orga-csv-counted",
        ]
        .iter()
        .map(|id| t.msg(id))
        .collect();
        header.extend(view.criteria.iter().map(|c| c.name(lang).to_string()));
        header.extend(
            [
                "jury-orga-csv-total",
                "jury-orga-csv-comment",
                "jury-orga-csv-team-note",
                "jury-orga-csv-abstain-reason",
            ]
            .iter()
            .map(|id| t.msg(id)),
        );
        w.write_record(&header).map_err(csv_error)?;
        let mut reviews: Vec<_> = view.reviews.iter().collect();
        let person = |id: i64| {
            view.jurors
                .iter()
                .find(|j| j.account_id == id)
                .map(|j| (j.name.clone(), j.email.clone()))
                .or_else(|| people.get(&id).cloned())
                .unwrap_or_default()
        };
        reviews.sort_by_key(|r| {
            (
                r.row.submission_id,
                person(r.row.account_id).0.to_lowercase(),
            )
        });
        for r in reviews {
            let (name, email) = person(r.row.account_id);
            let state = r.row.state();
            let key = (r.row.account_id, r.row.submission_id);
            let counted =
                state.is_done() && view.is_assigned(key.0, key.1) && !view.conflicts.contains(&key);
            let mut line = vec![
                r.row.submission_id.to_string(),
                view.entrant(r.row.submission_id)
                    .map(|e| e.title.clone())
                    .unwrap_or_default(),
                name,
                email,
                t.msg(state.label_id()),
                t.msg(if counted {
                    "jury-orga-csv-yes"
                } else {
                    "jury-orga-csv-no"
                }),
            ];
            line.extend(view.criteria.iter().map(|c| {
                r.scores
                    .get(&c.id)
                    .map(|s| score_text(lang, *s))
                    .unwrap_or_default()
            }));
            line.push(if state == ReviewState::Abstained {
                String::new()
            } else {
                rank::total(&criteria, &r.scores)
                    .map(|v| num(lang, v, 2))
                    .unwrap_or_default()
            });
            line.push(r.row.comment.clone());
            line.push(r.row.team_note.clone());
            line.push(r.row.abstain_reason.clone());
            let line: Vec<String> = line.iter().map(|v| defused(v).into_owned()).collect();
            w.write_record(&line).map_err(csv_error)?;
        }
        w.flush().map_err(|e| csv_error(e.into()))?;
    }
    Ok(out)
}

/// GET /orga/calls/:slug/jury/rounds/:id/scores.csv
#[handler]
pub async fn scores_csv_get(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    let view = service::round_view(&ctx.state, ctx.actor()?, &slug, id).await?;
    let people = service::former_jurors(&ctx.state, &view).await?;
    let bytes = scores_csv(&view, ctx.lang, &people)?;
    let name = format!("{}-round-{}-scores.csv", view.call.slug, view.round.id);
    Ok(download(&name, "text/csv; charset=utf-8", bytes))
}

// --- The stage screen ----------------------------------------------------------------------

/// GET /orga/calls/:slug/jury/rounds/:id/stage — the results in large type once the round is
/// closed; until then "the jury is still scoring" with the progress, reloading every 10 s.
#[handler]
pub async fn stage_get(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    let view = service::round_view(&ctx.state, ctx.actor()?, &slug, id).await?;
    let lang = ctx.lang;
    let t = lang.tr();
    let closed = view.round.is_closed(view.now);
    let (done, all) = view.progress();
    let lines = if closed {
        view.ranking
            .iter()
            .filter_map(|r| {
                let score = r.score?;
                let e = view.entrant(r.submission)?;
                Some(StageLine {
                    place: format!("{}.", r.rank),
                    title: e.title.clone(),
                    organisation: e.organisation.clone(),
                    score: num(lang, score, 2),
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    let page = StagePage {
        layout: ctx.layout_titled(
            format!("{} – {}", view.round.name(lang), t.msg("jury-orga-stage")),
            "orga",
        ),
        call_title: view.call.title(lang).to_string(),
        round_name: view.round.name(lang).to_string(),
        closed,
        lines,
        progress: t.msg_args(
            "jury-orga-stage-progress",
            &[("done", done.to_string()), ("all", all.to_string())],
        ),
        refresh: if closed { 0 } else { 10 },
    };
    Ok(html(page.render()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_read_back_from_the_form() {
        assert_eq!(Outcome::parse("advance"), Some(Outcome::Advance));
        assert_eq!(Outcome::parse("place_2"), Some(Outcome::Place(2)));
        assert_eq!(Outcome::parse("not_selected"), Some(Outcome::NotSelected));
        assert_eq!(Outcome::parse("place_x"), None);
        assert_eq!(Outcome::parse("winner"), None);
    }

    #[test]
    fn numbers_use_the_languages_decimal_mark() {
        assert_eq!(num(Lang::De, 7.456, 2), "7,46");
        assert_eq!(num(Lang::En, 7.0, 2), "7.00");
        assert_eq!(plain(3.0), "3");
        assert_eq!(plain(2.5), "2.5");
        assert_eq!(score_text(Lang::De, 7.5), "7,5");
    }
}
