//! A round's scores outside its page: the CSV download and the stage screen.

use std::collections::HashMap;

use poem::web::Path;
use poem::{Response, handler};

use super::{num, score_text};
use crate::error::AppError;
use crate::http::page::{Ctx, download, html};
use crate::jury::model::ReviewState;
use crate::jury::rank;
use crate::jury::service::{self, RoundView};
use crate::spreadsheet::Sheet;
use convene_frontend::jury_orga::{StageLine, StagePage};
use convene_frontend::{Lang, Template};

/// Every review of a round, one line per juror and entry, for a German Excel like the call's
/// exports (UTF-8 with BOM, semicolons, CRLF, cells that look like formulas defused).
/// `people` names the reviewers who are no longer jurors.
pub(super) fn scores_csv(
    view: &RoundView,
    lang: Lang,
    people: &HashMap<i64, (String, String)>,
) -> Result<Vec<u8>, AppError> {
    let t = lang.tr();
    let criteria = view.rank_criteria();
    let mut sheet = Sheet::new();
    {
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
        sheet.row(&header)?;
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
            sheet.row(&line)?;
        }
    }
    sheet.finish()
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
