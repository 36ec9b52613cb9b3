//! Who reviews what in a round: the assignment matrix on the round page, assigning and
//! unassigning pairs, automatic assignment, and importing assignments as CSV.

use std::collections::{HashMap, HashSet};

use poem::web::Path;
use poem::{Response, handler};

use super::round::{RoundTyped, round_refused, round_url};
use crate::call::model::SubmissionStatus;
use crate::error::{AppError, Msg};
use crate::http::auth::CsrfForm;
use crate::http::page::{Ctx, see_other};
use crate::jury::model::{Entrant, ReviewState};
use crate::jury::service::{self, RoundView};
use convene_frontend::jury_orga::{Cell, MatrixRow};
use convene_frontend::{FlashKind, Lang};

/// Up to this many entry × juror cells the assignments show as a grid (100 entries × 25
/// jurors); beyond, each entry lists its assigned jurors only, so the page stays small.
pub(super) const MATRIX_GRID_CELLS: usize = 2_500;

pub(super) fn status_label(e: &Entrant, t: convene_frontend::Tr) -> String {
    SubmissionStatus::parse(&e.status)
        .map(|s| t.msg(s.label_id()))
        .unwrap_or_default()
}

/// The assignment matrix of a round page: a grid of entries × jurors, or for large rounds each
/// entry with its assigned jurors only and two lists to pick a pair from.
pub(super) struct Matrix {
    pub(super) compact: bool,
    pub(super) rows: Vec<MatrixRow>,
    /// The entries that still lack jurors (none once the round is closed).
    pub(super) short: Vec<String>,
    pub(super) juror_choices: Vec<(String, String)>,
    pub(super) entry_choices: Vec<(String, String)>,
}

pub(super) fn matrix(view: &RoundView, base: &str, lang: Lang) -> Matrix {
    let t = lang.tr();
    let round = &view.round;
    let closed = round.is_closed(view.now);
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
    // A juror in conflict with an entry does not staff it (the service replaces them).
    let mut assigned_count: HashMap<i64, usize> = HashMap::new();
    for a in &view.assignments {
        if !view.conflicts.contains(&(a.account_id, a.submission_id)) {
            *assigned_count.entry(a.submission_id).or_default() += 1;
        }
    }
    let compact = view.entrants.len() * view.jurors.len() > MATRIX_GRID_CELLS;
    let rows: Vec<MatrixRow> = view
        .entrants
        .iter()
        .map(|e| {
            let assigned = assigned_count.get(&e.id).copied().unwrap_or(0);
            let cells = view
                .jurors
                .iter()
                .filter(|j| !compact || assigned_pairs.contains(&(j.account_id, e.id)))
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
    Matrix {
        compact,
        rows,
        short,
        juror_choices: if compact {
            view.jurors
                .iter()
                .map(|j| (j.account_id.to_string(), j.name.clone()))
                .collect()
        } else {
            Vec::new()
        },
        entry_choices: if compact {
            view.entrants
                .iter()
                .map(|e| (e.id.to_string(), format!("#{} {}", e.id, e.title)))
                .collect()
        } else {
            Vec::new()
        },
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
pub(super) fn at_matrix(err: AppError) -> AppError {
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
pub(super) async fn matrix_answer(
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
