//! The audit log of a call as its organisers read it: who changed what and when, on the call,
//! its submissions (content, files, team, status) and its jury (rounds, jurors, assignments,
//! conflicts, reviews, the chair's confirmation), newest first, filterable and in words.

use std::collections::HashMap;

use super::*;
use crate::call::model::LogRow;

/// Lines per page of the log.
pub const LOG_PAGE: i64 = 100;

/// The kinds of entries the log can be filtered by (the action's first word).
pub const LOG_KINDS: [&str; 3] = ["call", "submission", "jury"];

/// One page of a call's log with what it takes to describe the lines.
#[derive(Debug, Clone)]
pub struct CallLog {
    pub call: Call,
    pub rows: Vec<LogRow>,
    pub total: i64,
    /// Submission titles and round names by id, for the "concerning" column.
    pub titles: HashMap<i64, String>,
    pub rounds: HashMap<i64, (String, String)>,
    pub questions: Vec<Question>,
}

/// A line of the log in words.
#[derive(Debug, Clone, PartialEq)]
pub struct LogLine {
    pub at: DateTime<Utc>,
    pub who: String,
    pub what: String,
    pub about: String,
    /// A link to what the line is about (the submission or the round), for the pages.
    pub about_url: Option<String>,
    pub detail: String,
    pub action: String,
}

/// A page of the call's log (`page` from 1; `limit` lines, at most [`LOG_PAGE`] for the pages,
/// more for exports) for its organisers. An organiser with own reviews still to hand in in
/// an open round is refused: the log records the jury's work.
pub async fn log(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    kind: &str,
    page: i64,
    limit: i64,
) -> Result<CallLog, AppError> {
    let call = for_organiser(state, actor, slug).await?;
    let kind = if LOG_KINDS.contains(&kind) { kind } else { "" };
    let mut conn = state.db.acquire().await?;
    let now = state.clock.now();
    if crate::jury::service::reviews_pending_in_call(&mut conn, actor, &call, now, false).await? {
        return Err(AppError::Forbidden(Msg::new(
            "jury-orga-own-reviews-pending",
        )));
    }
    let offset = (page.max(1) - 1).saturating_mul(limit);
    let rows = queries::log(&mut conn, call.id, kind, limit, offset).await?;
    let total = queries::log_count(&mut conn, call.id, kind).await?;
    let titles = queries::titles(&mut conn, call.id).await?;
    let rounds = crate::jury::queries::rounds(&mut conn, call.id)
        .await?
        .into_iter()
        .map(|r| (r.id, (r.name_de, r.name_en)))
        .collect();
    let questions = queries::questions(&mut conn, call.id).await?;
    Ok(CallLog {
        call,
        rows,
        total,
        titles,
        rounds,
        questions,
    })
}

impl CallLog {
    /// Every line in `lang`'s words.
    pub fn lines(&self, lang: Lang) -> Vec<LogLine> {
        self.rows.iter().map(|r| self.line(r, lang)).collect()
    }

    fn line(&self, r: &LogRow, lang: Lang) -> LogLine {
        let t = lang.tr();
        let id_of = |prefix: &str| {
            r.subject
                .strip_prefix(prefix)
                .and_then(|id| id.parse::<i64>().ok())
        };
        let slug = &self.call.slug;
        let (about, about_url) = if let Some(id) = id_of("submission:") {
            (
                self.titles
                    .get(&id)
                    .filter(|t| !t.is_empty())
                    .cloned()
                    .unwrap_or_else(|| format!("#{id}")),
                Some(format!("/orga/calls/{slug}/submissions/{id}")),
            )
        } else if let Some(id) = id_of("round:") {
            (
                self.rounds
                    .get(&id)
                    .map(|(de, en)| if lang == Lang::De { de } else { en }.clone())
                    .unwrap_or_else(|| format!("#{id}")),
                Some(format!("/orga/calls/{slug}/jury/rounds/{id}")),
            )
        } else {
            (self.call.title(lang).to_string(), None)
        };
        let key = format!("audit-{}", r.action.replace('.', "-"));
        let what = if t.has(&key) {
            t.msg(&key)
        } else {
            r.action.clone()
        };
        LogLine {
            at: r.at,
            who: r
                .actor_name
                .clone()
                .unwrap_or_else(|| t.msg("audit-system")),
            what,
            about,
            about_url,
            detail: self.detail(r, lang),
            action: r.action.clone(),
        }
    }

    /// The detail in words where the log stores codes: status names, edited fields; the
    /// recorded ranking of a confirmation is on the round page, not repeated here.
    fn detail(&self, r: &LogRow, lang: Lang) -> String {
        let t = lang.tr();
        match r.action.as_str() {
            "submission.status" => {
                let label = |code: &str| {
                    SubmissionStatus::parse(code)
                        .map(|s| t.msg(s.label_id()))
                        .unwrap_or_else(|| code.to_string())
                };
                // "submitted → ineligible: reason" or "finalist → winner (#1)".
                match r.detail.split_once(" → ") {
                    Some((from, to_rest)) => {
                        let end = to_rest.find([':', ' ']).unwrap_or(to_rest.len());
                        let (to, rest) = to_rest.split_at(end);
                        format!("{} → {}{}", label(from), label(to), rest)
                    }
                    None => r.detail.clone(),
                }
            }
            "submission.edit" => r
                .detail
                .split(", ")
                .map(|field| match field {
                    "title" => t.msg("submission-title"),
                    "summary" => t.msg("submission-abstract"),
                    "organisation" => t.msg("submission-organisation"),
                    "website" => t.msg("submission-website"),
                    "category" => t.msg("submission-category"),
                    other => other
                        .strip_prefix("question:")
                        .and_then(|q| q.parse::<i64>().ok())
                        .and_then(|q| self.questions.iter().find(|x| x.id == q))
                        .map(|q| q.label(lang).to_string())
                        .unwrap_or_else(|| other.to_string()),
                })
                .collect::<Vec<_>>()
                .join(", "),
            "jury.confirm" => t.msg("audit-confirm-detail"),
            _ => r.detail.clone(),
        }
    }
}
