//! The jurors' pages (issue 'Jury'): the calls and rounds they serve in, a round's queue, one
//! entry with the declaration of conflicts, the entry itself and the review form, and the
//! entry's files. Thin: who may see what (assignments, conflicts, blind rules), when a review is
//! locked and what a valid review is, are all decided by [`service`]; this file turns its views
//! into view models and the posted forms into its inputs.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use poem::http::StatusCode;
use poem::web::Path;
use poem::{Response, handler};

use super::model::{OthersScores, ReviewState, Round, RoundKind};
use super::service::{self, EntryView, ReviewInput};
use crate::call::model::Call;
use crate::error::AppError;
use crate::http::auth::{CsrfData, CsrfForm};
use crate::http::fmt;
use crate::http::fmt::paragraphs;
use crate::http::page::{Ctx, download, html, html_status, see_other};
use crate::registration::form;
use crate::state::AppState;
use convene_frontend::jury::{self as views, CallBlock, QueueRow, RoundLine};
use convene_frontend::{Errors, FlashKind, Lang, Template};

/// Scales with at most this many points get one radio button per point; wider ones a number
/// input (a row of 21 or 101 buttons helps nobody on a phone).
const RADIO_POINTS: i64 = 11;

fn round_url(round: i64) -> String {
    format!("/jury/rounds/{round}")
}

fn entry_url(round: i64, submission: i64) -> String {
    format!("/jury/rounds/{round}/entries/{submission}")
}

/// "7", "7.5" / "7,5": a score or total as people read it (one decimal at most).
fn number(lang: Lang, x: f64) -> String {
    let rounded = (x * 10.0).round() / 10.0;
    let s = if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    };
    match lang {
        Lang::De => s.replace('.', ","),
        Lang::En => s,
    }
}

/// A stored score as a form value (a number input wants a decimal point).
fn score_value(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        x.to_string()
    }
}

/// "2.4 MB" / "120 KB".
fn size(bytes: i64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / 1024.0 / 1024.0)
    } else {
        format!("{} KB", (bytes + 1023) / 1024)
    }
}

fn kind_label(lang: Lang, round: &Round) -> String {
    lang.tr().msg(match round.kind() {
        RoundKind::Online => "jury-juror-kind-online",
        RoundKind::Pitch => "jury-juror-kind-pitch",
    })
}

/// When the round opens or closes (or closed), in the call's time zone.
fn round_when(lang: Lang, call: &Call, round: &Round, now: DateTime<Utc>) -> String {
    let t = lang.tr();
    let (id, at) = if now < round.opens_at {
        ("jury-juror-opens", round.opens_at)
    } else if round.is_closed(now) {
        ("jury-juror-closed", round.locks_at())
    } else {
        ("jury-juror-closes", round.locks_at())
    };
    t.msg_args(id, &[("at", fmt::at(lang, call.tz(), at))])
}

fn progress(lang: Lang, done: usize, total: usize) -> String {
    lang.tr().msg_args(
        "jury-juror-progress",
        &[("done", done.to_string()), ("total", total.to_string())],
    )
}

/// GET /jury — the calls and rounds the signed-in person is a juror in, with their progress.
#[handler]
pub async fn mine_get(ctx: Ctx) -> Result<Response, AppError> {
    let calls = service::my_calls(&ctx.state, ctx.actor()?).await?;
    let lang = ctx.lang;
    let now = ctx.state.clock.now();
    let page = views::Mine {
        layout: ctx.layout("jury-juror-title", "jury"),
        calls: calls
            .iter()
            .map(|c| CallBlock {
                title: c.call.title(lang).to_string(),
                rounds: c
                    .rounds
                    .iter()
                    .map(|(round, done, total)| RoundLine {
                        id: round.id,
                        url: round_url(round.id),
                        name: round.name(lang).to_string(),
                        kind: kind_label(lang, round),
                        phase: lang.tr().msg(round.phase_id(now)),
                        phase_code: round
                            .phase_id(now)
                            .strip_prefix("jury-phase-")
                            .unwrap_or(""),
                        when: round_when(lang, &c.call, round, now),
                        done: *done,
                        total: *total,
                        progress: progress(lang, *done, *total),
                    })
                    .collect(),
            })
            .collect(),
    };
    Ok(html(page.render()?))
}

/// GET /jury/rounds/:id — the juror's queue in a round; pitch rounds in the order of the slots.
#[handler]
pub async fn round_get(ctx: Ctx, Path(id): Path<i64>) -> Result<Response, AppError> {
    let q = service::queue(&ctx.state, ctx.actor()?, id).await?;
    let lang = ctx.lang;
    let t = lang.tr();
    let tz = q.call.tz();
    let pitch = q.round.kind() == RoundKind::Pitch;
    let (done, total) = q.progress();
    let rows = q
        .lines
        .iter()
        .map(|l| {
            let (status_code, status_id) = match (l.conflict, l.declared, l.state) {
                (Some(_), _, _) => ("conflict", "jury-juror-status-conflict"),
                (None, false, _) => ("declare", "jury-juror-status-declare"),
                (None, true, None) => ("open", "jury-juror-status-open"),
                (None, true, Some(ReviewState::Draft)) => ("draft", "jury-juror-status-draft"),
                (None, true, Some(ReviewState::Final)) => ("final", "jury-juror-status-final"),
                (None, true, Some(ReviewState::Abstained)) => {
                    ("abstained", "jury-juror-status-abstained")
                }
            };
            let (slot, opens) = match (&l.slot, pitch) {
                (Some(s), true) => (
                    format!(
                        "{} {}",
                        fmt::time_range(tz, s.starts_at, s.ends_at),
                        fmt::zone(lang, tz, s.starts_at)
                    ),
                    if s.has_started(q.now) {
                        String::new()
                    } else {
                        t.msg_args(
                            "jury-juror-scoring-opens",
                            &[("at", fmt::at(lang, tz, s.starts_at))],
                        )
                    },
                ),
                (None, true) => (t.msg("jury-juror-slot-none"), String::new()),
                _ => (String::new(), String::new()),
            };
            QueueRow {
                url: l
                    .conflict
                    .is_none()
                    .then(|| entry_url(q.round.id, l.submission)),
                title: l.title.clone(),
                category: l
                    .category_id
                    .and_then(|c| q.categories.iter().find(|x| x.id == c))
                    .map(|c| c.name(lang).to_string())
                    .unwrap_or_default(),
                status: t.msg(status_id),
                status_code,
                slot,
                opens,
            }
        })
        .collect();
    let page = views::QueuePage {
        layout: ctx.layout_titled(q.round.name(lang).to_string(), "jury"),
        call_title: q.call.title(lang).to_string(),
        kind: kind_label(lang, &q.round),
        phase: t.msg(q.round.phase_id(q.now)),
        when: round_when(lang, &q.call, &q.round, q.now),
        done,
        total,
        progress: progress(lang, done, total),
        pitch,
        rows,
    };
    Ok(html(page.render()?))
}

/// What the juror typed into the entry page's forms, to show again with the problems.
#[derive(Debug, Default)]
struct Typed {
    /// Score per criterion id, as typed.
    scores: Option<HashMap<i64, String>>,
    comment: Option<String>,
    team_note: Option<String>,
    abstain_reason: Option<String>,
    /// The reason of a refused conflict declaration.
    reason: Option<String>,
}

fn review_form(lang: Lang, v: &EntryView, typed: &Typed) -> views::ReviewForm {
    let t = lang.tr();
    let round = &v.round;
    let stored = v.review.as_ref();
    let criteria = v
        .criteria
        .iter()
        .map(|c| {
            let value = match typed.scores.as_ref() {
                Some(s) => s.get(&c.id).cloned().unwrap_or_default(),
                None => stored
                    .and_then(|r| r.scores.get(&c.id))
                    .map(|x| score_value(*x))
                    .unwrap_or_default(),
            };
            // A radio row cannot show a score between its points (7.5 given through the API);
            // such a score keeps the number input.
            let whole = value.is_empty() || value.trim().parse::<i64>().is_ok();
            let points = (round.scale_max - round.scale_min < RADIO_POINTS && whole).then(|| {
                let labels = c.labels(lang);
                (round.scale_min..=round.scale_max)
                    .map(|p| views::ScalePoint {
                        value: p.to_string(),
                        label: labels
                            .iter()
                            .find(|(s, _)| *s == p)
                            .map(|(_, l)| l.clone())
                            .unwrap_or_default(),
                        checked: value.trim() == p.to_string(),
                    })
                    .collect()
            });
            views::CriterionField {
                name: format!("score_{}", c.id),
                label: c.name(lang).to_string(),
                help: c.help(lang).to_string(),
                note: if c.informational {
                    t.msg("jury-juror-informational")
                } else {
                    t.msg_args("jury-juror-weight", &[("weight", number(lang, c.weight))])
                },
                labels: c
                    .labels(lang)
                    .into_iter()
                    .map(|(s, l)| (s.to_string(), l))
                    .collect(),
                points,
                value,
                min: round.scale_min,
                max: round.scale_max,
            }
        })
        .collect();
    let state = stored.map(|r| r.row.state());
    let locked = v.locked.map(|id| match (id, &v.slot) {
        ("jury-pitch-not-started", Some(s)) => t.msg_args(
            "jury-juror-pitch-opens",
            &[("at", fmt::at(lang, v.call.tz(), s.starts_at))],
        ),
        _ => t.msg(id),
    });
    views::ReviewForm {
        action: format!("{}/review", entry_url(round.id, v.submission)),
        state: t.msg(state.map_or("jury-juror-not-started", ReviewState::label_id)),
        state_code: state.map_or("none", ReviewState::as_str),
        scale: format!("{}–{}", round.scale_min, round.scale_max),
        criteria,
        comment: typed
            .comment
            .clone()
            .or_else(|| stored.map(|r| r.row.comment.clone()))
            .unwrap_or_default(),
        team_note: typed
            .team_note
            .clone()
            .or_else(|| stored.map(|r| r.row.team_note.clone()))
            .unwrap_or_default(),
        abstain_reason: typed
            .abstain_reason
            .clone()
            .or_else(|| stored.map(|r| r.row.abstain_reason.clone()))
            .unwrap_or_default(),
        locked,
    }
}

/// The entry page: the declaration first; after "no conflict" the entry, the review form and,
/// when the rules show them, the other jurors' reviews.
fn entry_page(
    ctx: &Ctx,
    v: &EntryView,
    typed: &Typed,
    errors: Errors,
    alert: Option<String>,
) -> Result<String, AppError> {
    let lang = ctx.lang;
    let t = lang.tr();
    let base = entry_url(v.round.id, v.submission);
    let declare = format!("{base}/declaration");
    let closed = v.round.confirmed_at.is_some() || v.round.is_closed(v.now);
    // Closed before the juror opened it: nothing to declare or score any more; say why.
    let alert =
        alert.or_else(|| (closed && v.content.is_none()).then(|| t.msg("jury-round-closed")));
    let content = v.content.as_ref().map(|c| views::EntryContent {
        category: c
            .sub
            .category_id
            .and_then(|id| v.categories.iter().find(|x| x.id == id))
            .map(|x| x.name(lang).to_string())
            .unwrap_or_default(),
        summary: paragraphs(&c.sub.summary),
        names_hidden: v.names_hidden(),
        organisation: c.sub.organisation.clone(),
        website: c.sub.website.clone(),
        members: c
            .members
            .iter()
            .map(|m| (m.name.clone(), m.role.clone()))
            .collect(),
        answers: c
            .questions
            .iter()
            .filter_map(|q| {
                let a = c.answers.iter().find(|a| a.question_id == q.id)?;
                // Jurors get the attachments, not the files answering questions: those may
                // carry personal papers (CVs) the round's rules do not cover.
                let shown = match &a.filename {
                    Some(name) => name.clone(),
                    None => form::display(q, &a.value, lang),
                };
                Some((q.label(lang).to_string(), shown))
            })
            .collect(),
        files: c
            .files
            .iter()
            .map(|f| views::FileLink {
                url: format!("{base}/files/{}", f.id),
                name: f.filename.clone(),
                label: f.label.clone(),
                size: size(f.size),
            })
            .collect(),
    });
    let others = v.others.as_ref().map(|list| {
        list.iter()
            .map(|o| views::OtherView {
                label: t.msg_args("jury-juror-number", &[("n", o.number.to_string())]),
                state: t.msg(o.state.label_id()),
                total: o.total.map_or_else(|| "–".to_string(), |x| number(lang, x)),
                scores: v
                    .criteria
                    .iter()
                    .filter_map(|c| {
                        let s = o.scores.get(&c.id)?;
                        Some((c.name(lang).to_string(), number(lang, *s)))
                    })
                    .collect(),
                comment: o.comment.clone(),
            })
            .collect()
    });
    let others_note = match (
        v.content.is_some(),
        v.others.is_some(),
        v.round.others_scores(),
    ) {
        (true, false, OthersScores::AfterOwn) => t.msg("jury-juror-others-after-own"),
        (true, false, OthersScores::AfterClose) => t.msg("jury-juror-others-after-close"),
        _ => String::new(),
    };
    let page = views::EntryPage {
        layout: ctx.layout_titled(v.title.clone(), "jury"),
        errors,
        alert,
        call_title: v.call.title(lang).to_string(),
        round_name: v.round.name(lang).to_string(),
        queue_url: round_url(v.round.id),
        title: v.title.clone(),
        slot: v
            .slot
            .as_ref()
            .map(|s| fmt::when(lang, v.call.tz(), s.starts_at, s.ends_at))
            .unwrap_or_default(),
        // Once the round is closed, declarations are refused: no forms to post them.
        declare_url: (v.content.is_none() && !closed).then(|| declare.clone()),
        conflict_url: (v.content.is_some() && !closed).then_some(declare),
        reason: typed.reason.clone().unwrap_or_default(),
        review: v.content.is_some().then(|| review_form(lang, v, typed)),
        content,
        others,
        others_note,
        others_url: v.others_available.then(|| format!("{base}/others")),
    };
    Ok(page.render()?)
}

/// GET /jury/rounds/:id/entries/:sub — 404 for an entry not assigned, 403 for one in conflict.
#[handler]
pub async fn entry_get(ctx: Ctx, Path((id, sub)): Path<(i64, i64)>) -> Result<Response, AppError> {
    let v = service::entry(&ctx.state, ctx.actor()?, id, sub, ctx.lang).await?;
    Ok(html(entry_page(
        &ctx,
        &v,
        &Typed::default(),
        Errors::default(),
        None,
    )?))
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct DeclarationForm {
    /// `1`: "I have a conflict"; anything else: "I have no conflict".
    conflict: String,
    reason: String,
}

/// POST /jury/rounds/:id/entries/:sub/declaration — "no conflict" opens the entry; a conflict
/// (with its reason) takes it off the juror's desk.
#[handler]
pub async fn declaration_post(
    ctx: Ctx,
    Path((id, sub)): Path<(i64, i64)>,
    CsrfForm(form): CsrfForm<DeclarationForm>,
) -> Result<Response, AppError> {
    let actor = ctx.actor()?;
    let conflict = form.conflict.trim() == "1";
    match service::declare(&ctx.state, actor, id, sub, conflict, &form.reason).await {
        Ok(()) if conflict => {
            ctx.flash(FlashKind::Success, "flash-jury-conflict");
            Ok(see_other(&round_url(id)))
        }
        Ok(()) => {
            ctx.flash(FlashKind::Success, "flash-jury-declared");
            Ok(see_other(&entry_url(id, sub)))
        }
        Err(AppError::Invalid(e)) => {
            let v = service::entry(&ctx.state, actor, id, sub, ctx.lang).await?;
            let typed = Typed {
                reason: Some(form.reason),
                ..Typed::default()
            };
            Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                entry_page(&ctx, &v, &typed, e.view(ctx.lang), None)?,
            ))
        }
        Err(e) => Err(e),
    }
}

/// POST /jury/rounds/:id/entries/:sub/review — `action` is `draft`, `final` or `abstain`.
/// Refused changes show the page again (422 with the problems next to the fields and what was
/// typed; 409 with the reason when the review is locked).
#[handler]
pub async fn review_post(
    ctx: Ctx,
    Path((id, sub)): Path<(i64, i64)>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let actor = ctx.actor()?;
    let state = match data.get("action").unwrap_or_default() {
        "final" => ReviewState::Final,
        "abstain" => ReviewState::Abstained,
        _ => ReviewState::Draft,
    };
    let scores: Vec<(i64, String)> = data
        .fields
        .iter()
        .filter_map(|(k, v)| {
            let id = k.strip_prefix("score_")?.parse::<i64>().ok()?;
            Some((id, v.clone()))
        })
        .collect();
    // The abstain form carries only its reason: comment and note stay as they are.
    let text = |k: &str| {
        (state != ReviewState::Abstained).then(|| data.get(k).unwrap_or_default().to_string())
    };
    let input = ReviewInput {
        scores: scores.clone(),
        comment: text("comment"),
        team_note: text("team_note"),
        state,
        abstain_reason: data.get("abstain_reason").unwrap_or_default().to_string(),
    };
    match service::save_review(&ctx.state, actor, id, sub, &input, ctx.lang).await {
        Ok(_) => {
            let (flash, to) = match state {
                ReviewState::Draft => ("flash-jury-draft-saved", entry_url(id, sub)),
                ReviewState::Final => ("flash-jury-review-submitted", round_url(id)),
                ReviewState::Abstained => ("flash-jury-abstained", round_url(id)),
            };
            ctx.flash(FlashKind::Success, flash);
            Ok(see_other(&to))
        }
        Err(AppError::Invalid(e)) => {
            let v = service::entry(&ctx.state, actor, id, sub, ctx.lang).await?;
            let typed = if state == ReviewState::Abstained {
                Typed {
                    abstain_reason: input.abstain_reason.clone().into(),
                    ..Typed::default()
                }
            } else {
                Typed {
                    scores: Some(scores.into_iter().collect()),
                    comment: input.comment.clone(),
                    team_note: input.team_note.clone(),
                    ..Typed::default()
                }
            };
            Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                entry_page(&ctx, &v, &typed, e.view(ctx.lang), None)?,
            ))
        }
        // Locked, or not declared yet: the page as it stands now, with the reason on top.
        Err(AppError::Conflict(m)) => {
            let v = service::entry(&ctx.state, actor, id, sub, ctx.lang).await?;
            Ok(html_status(
                StatusCode::CONFLICT,
                entry_page(
                    &ctx,
                    &v,
                    &Typed::default(),
                    Errors::default(),
                    Some(m.text(ctx.lang)),
                )?,
            ))
        }
        Err(e) => Err(e),
    }
}

/// POST /jury/rounds/:id/entries/:sub/others — "after my own review" rounds: opens the other
/// jurors' reviews of an entry the juror has handed in, which locks their own review of it (the
/// page says so next to the button). Refused (409, with the reason on the page) before their
/// own review is handed in.
#[handler]
pub async fn others_post(
    ctx: Ctx,
    Path((id, sub)): Path<(i64, i64)>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    let actor = ctx.actor()?;
    match service::open_others(&ctx.state, actor, id, sub, ctx.lang).await {
        Ok(_) => Ok(see_other(&format!("{}#others-heading", entry_url(id, sub)))),
        Err(AppError::Conflict(m)) => {
            let v = service::entry(&ctx.state, actor, id, sub, ctx.lang).await?;
            Ok(html_status(
                StatusCode::CONFLICT,
                entry_page(
                    &ctx,
                    &v,
                    &Typed::default(),
                    Errors::default(),
                    Some(m.text(ctx.lang)),
                )?,
            ))
        }
        Err(e) => Err(e),
    }
}

/// GET /jury/rounds/:id/entries/:sub/files/:file — an attachment, always as a download.
#[handler]
pub async fn file_get(
    ctx: Ctx,
    Path((id, sub, file)): Path<(i64, i64, i64)>,
) -> Result<Response, AppError> {
    let (name, content_type, data) =
        service::file(&ctx.state, ctx.actor()?, id, sub, file, ctx.lang).await?;
    // Uploads are sniffed on the way in; anything else is served as opaque bytes regardless.
    let content_type = match content_type.as_str() {
        "application/pdf" | "image/png" | "image/jpeg" => content_type.as_str(),
        _ => "application/octet-stream",
    };
    Ok(download(&name, content_type, data))
}

/// The pitches of the jury rounds an agenda session hosts, with their times in `tz`, for the
/// session's public page (empty for any other session).
pub async fn session_pitches(
    state: &AppState,
    tz: chrono_tz::Tz,
    session_id: i64,
) -> Result<Vec<views::PitchLine>, AppError> {
    Ok(service::pitches_in_session(state, session_id)
        .await?
        .into_iter()
        .map(|(title, organisation, starts, ends)| views::PitchLine {
            time: fmt::time_range(tz, starts, ends),
            title,
            organisation,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_read_with_the_languages_decimal_mark() {
        assert_eq!(number(Lang::De, 7.25), "7,3");
        assert_eq!(number(Lang::En, 7.25), "7.3");
        assert_eq!(number(Lang::De, 8.0), "8");
        assert_eq!(score_value(7.5), "7.5");
        assert_eq!(score_value(7.0), "7");
    }
}
