//! SQL for teams: the role grants of an event or call, and the organisers of an organisation.

use crate::db::DbConn;
use crate::ids::{AccountId, GrantId, OrganisationId};

/// A role grant in an event or call, with its holder.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MemberRow {
    pub grant_id: GrantId,
    pub account_id: AccountId,
    pub name: String,
    pub email: String,
    pub role: crate::account::Role,
}

/// The grants of scope `kind`/`id` (`event` or `call`), by role and name.
pub async fn members(conn: &mut DbConn, kind: &str, id: i64) -> sqlx::Result<Vec<MemberRow>> {
    sqlx::query_as::<_, MemberRow>(
        "select g.id as grant_id, g.account_id, a.name, a.email, g.role \
         from role_grants g join accounts a on a.id = g.account_id \
         where g.scope_kind = $1 and g.scope_id = $2 \
         order by case g.role when 'organiser' then 0 when 'checkin' then 1 else 2 end, lower(a.name), g.id",
    )
    .bind(kind)
    .bind(id)
    .fetch_all(&mut *conn)
    .await
}

/// The organisers of an organisation as (account, name, e-mail), by name.
pub async fn organisation_organisers(
    conn: &mut DbConn,
    organisation: OrganisationId,
) -> sqlx::Result<Vec<(AccountId, String, String)>> {
    sqlx::query_as(
        "select a.id, a.name, a.email from role_grants g join accounts a on a.id = g.account_id \
         where g.scope_kind = 'org' and g.scope_id = $1 and g.role = 'organiser' \
         order by lower(a.name), a.id",
    )
    .bind(organisation)
    .fetch_all(&mut *conn)
    .await
}
