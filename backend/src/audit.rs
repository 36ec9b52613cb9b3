//! The audit log: every state change a service makes leaves a row (who, what, when).

use chrono::{DateTime, Utc};

use crate::db::DbConn;
use crate::ids::AccountId;

/// Records `action` on `subject` (e.g. `account:42`) by `actor` (None: the system).
pub async fn record(
    conn: &mut DbConn,
    actor: Option<AccountId>,
    action: &str,
    subject: &str,
    detail: &str,
    at: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        r#"
        insert into audit_log (actor_id, action, subject, detail, at)
        values ($1, $2, $3, $4, $5)
        "#,
    )
    .bind(actor)
    .bind(action)
    .bind(subject)
    .bind(detail)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Lines per page of a log on the pages and in the API.
pub const LOG_PAGE: i64 = 100;

/// One stored line of the audit log, with who did it.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, serde::Serialize)]
pub struct LogRow {
    pub id: i64,
    pub at: DateTime<Utc>,
    /// e.g. `submission.status`
    pub action: String,
    /// e.g. `submission:42`, `round:3`, `event:1`
    pub subject: String,
    pub detail: String,
    /// Who did it; `None` for the system (or a deleted account).
    pub actor_name: Option<String>,
}

/// A line of the log in words.
#[derive(Debug, Clone, PartialEq)]
pub struct LogLine {
    pub at: DateTime<Utc>,
    pub who: String,
    pub action: String,
    /// The action in words (`audit-<action>` of the catalogue), or the action itself.
    pub what: String,
    pub subject: String,
    pub detail: String,
}

/// A stored line in `lang`'s words.
pub fn line(r: &LogRow, lang: convene_frontend::Lang) -> LogLine {
    let t = lang.tr();
    let key = format!("audit-{}", r.action.replace('.', "-"));
    LogLine {
        at: r.at,
        who: r
            .actor_name
            .clone()
            .unwrap_or_else(|| t.msg("audit-system")),
        action: r.action.clone(),
        what: if t.has(&key) {
            t.msg(&key)
        } else {
            r.action.clone()
        },
        subject: r.subject.clone(),
        detail: r.detail.clone(),
    }
}

/// The lines of one kind (the action's first word; empty: all) whose actor, subject or detail
/// contains `q` (empty: all), newest first.
macro_rules! site_filter {
    () => {
        "($1 = '' or a.action like $1 || '.%') \
         and ($2 = '%%' or lower(a.subject) like $2 escape '\\' or lower(a.detail) like $2 escape '\\' \
              or lower(coalesce(acc.name, '')) like $2 escape '\\')"
    };
}

/// A page of the whole site's log (see `site_filter`).
pub async fn site_log(
    conn: &mut DbConn,
    kind: &str,
    q: &str,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<LogRow>> {
    sqlx::query_as::<_, LogRow>(concat!(
        "select a.id, a.at, a.action, a.subject, a.detail, acc.name as actor_name \
         from audit_log a left join accounts acc on acc.id = a.actor_id where ",
        site_filter!(),
        " order by a.at desc, a.id desc limit $3 offset $4"
    ))
    .bind(kind)
    .bind(crate::db::contains_pattern(q))
    .bind(limit)
    .bind(offset)
    .fetch_all(&mut *conn)
    .await
}

/// How many lines [`site_log`] has in all.
pub async fn site_log_count(conn: &mut DbConn, kind: &str, q: &str) -> sqlx::Result<i64> {
    sqlx::query_scalar(concat!(
        "select count(*) from audit_log a left join accounts acc on acc.id = a.actor_id where ",
        site_filter!()
    ))
    .bind(kind)
    .bind(crate::db::contains_pattern(q))
    .fetch_one(&mut *conn)
    .await
}
