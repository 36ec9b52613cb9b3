//! The organisers' jury pages (server-rendered, German and English): the jury of a call
//! (rounds, jurors and their invitations, conflicts, moving entries into review, releasing the
//! results), one round (settings, criteria, the assignment matrix, CSV import, the ranking, the
//! chair's confirmation, pitch slots), the scores as CSV and the stage screen.
//!
//! Thin: every handler parses the form, calls `jury::service` (which checks that the actor
//! organises the call, and holds every rule) and renders. A refused form is shown again with
//! the messages next to its fields (422), a refused action with its message at the action (409).
//!
//! One file per part of the pages: `jury` (the jury of a call), `round_form`, `round` (one
//! round's page, assembled from `criteria`, `assignments`, `ranking` and `pitch`, which also
//! hold their forms' handlers) and `scores` (CSV and the stage screen). This file keeps what
//! they share: number formatting, how refused forms are shown, and the notices after redirects.

/// Who reviews what: the matrix, (un)assigning, automatic assignment, CSV import.
mod assignments;
/// A round's criteria: their part of the round page and their forms.
mod criteria;
/// The jury page of a call: rounds, jurors, review start, release of results.
mod jury;
/// A pitch round's order of entries in its session.
mod pitch;
/// A round's ranking and the chair's confirmation of its outcome.
mod ranking;
/// One round's page, its settings and closing it.
mod round;
/// The round form: read from a post, shown as typed, or filled from the round.
mod round_form;
/// A round's scores as CSV and on the stage screen.
mod scores;

pub use assignments::{
    ImportForm, PairForm, assign_post, auto_assign_post, import_post, unassign_post,
};
pub use criteria::{criterion_add_post, criterion_delete_post, criterion_edit_post};
pub use jury::{
    PossibleForm, ReleaseForm, juror_invite_post, juror_remove_post, jury_get,
    possible_conflict_post, release_post, round_create_post, start_review_post,
};
pub use pitch::slots_post;
pub use ranking::confirm_post;
pub use round::{close_post, panel_post, round_get, round_post};
pub use scores::{scores_csv_get, stage_get};

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use poem::http::StatusCode;

use crate::error::{AppError, FieldErrors, Msg};
use crate::jury::model::{self, RoundKind};
use crate::jury::service::RoundView;
use convene_frontend::layout::FieldError;
use convene_frontend::{Errors, Lang};

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
                label: String::new(),
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
            label: String::new(),
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

// --- Notices after a redirect ----------------------------------------------------------------

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

// --- Shared by the parts of a round page -----------------------------------------------------

/// An entry's title for a round's lists, or `#id` for one no longer among its entrants.
fn title_of(view: &RoundView, id: i64) -> String {
    view.entrant(id)
        .map(|e| e.title.clone())
        .unwrap_or_else(|| format!("#{id}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_use_the_languages_decimal_mark() {
        assert_eq!(num(Lang::De, 7.456, 2), "7,46");
        assert_eq!(num(Lang::En, 7.0, 2), "7.00");
        assert_eq!(plain(3.0), "3");
        assert_eq!(plain(2.5), "2.5");
        assert_eq!(score_text(Lang::De, 7.5), "7,5");
    }
}
