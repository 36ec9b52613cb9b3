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
