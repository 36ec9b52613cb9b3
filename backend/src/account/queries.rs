//! SQL for accounts, sessions, e-mail link tokens, API tokens, role grants and rate-limit
//! attempts. One statement per function; each takes `&mut DbConn` so that the caller decides
//! between a pooled connection and a transaction.

use chrono::{DateTime, Utc};

use super::model::{Account, ApiToken, GrantRow, Role, Scope, TokenAccess};
use crate::db::DbConn;
use crate::ids::{AccountId, ApiTokenId, GrantId, OrganisationId};

macro_rules! account_select {
    ($where:literal) => {
        concat!(
            "select a.id, a.email, a.name, a.organisation_id, o.name as organisation_name, ",
            "a.language, a.email_confirmed_at, a.created_at ",
            "from accounts a left join organisations o on o.id = a.organisation_id ",
            $where
        )
    };
}

pub async fn find(conn: &mut DbConn, id: AccountId) -> sqlx::Result<Option<Account>> {
    sqlx::query_as::<_, Account>(account_select!("where a.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
}

pub async fn find_by_email(conn: &mut DbConn, email: &str) -> sqlx::Result<Option<Account>> {
    sqlx::query_as::<_, Account>(account_select!("where a.email = $1"))
        .bind(email)
        .fetch_optional(&mut *conn)
        .await
}

/// The stored password hash of an account, if it has one.
pub async fn password_hash(conn: &mut DbConn, id: AccountId) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar::<_, Option<String>>("select password_hash from accounts where id = $1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await
}

/// Accounts matching `q` in name, e-mail or organisation (all when empty), by name.
pub async fn search(conn: &mut DbConn, q: &str, limit: i64) -> sqlx::Result<Vec<Account>> {
    let pattern = crate::db::contains_pattern(q);
    sqlx::query_as::<_, Account>(account_select!(
        r"where lower(a.name) like $1 escape '\' or a.email like $1 escape '\' or lower(coalesce(o.name, '')) like $1 escape '\' order by lower(a.name), a.id limit $2"
    ))
    .bind(pattern)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await
}

pub struct NewAccount<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub organisation_id: Option<OrganisationId>,
    pub language: &'a str,
    pub password_hash: Option<&'a str>,
    pub email_confirmed_at: Option<DateTime<Utc>>,
    pub now: DateTime<Utc>,
}

/// Inserts an account. Fails with a unique violation when the e-mail address is taken.
pub async fn insert(conn: &mut DbConn, new: &NewAccount<'_>) -> sqlx::Result<AccountId> {
    sqlx::query_scalar(
        r#"
        insert into accounts (email, name, organisation_id, language, password_hash, email_confirmed_at, created_at, updated_at)
        values ($1, $2, $3, $4, $5, $6, $7, $7)
        returning id
        "#,
    )
    .bind(new.email)
    .bind(new.name)
    .bind(new.organisation_id)
    .bind(new.language)
    .bind(new.password_hash)
    .bind(new.email_confirmed_at)
    .bind(new.now)
    .fetch_one(&mut *conn)
    .await
}

pub async fn update_profile(
    conn: &mut DbConn,
    id: AccountId,
    name: &str,
    organisation_id: Option<OrganisationId>,
    language: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "update accounts set name = $2, organisation_id = $3, language = $4, updated_at = $5 where id = $1",
    )
    .bind(id)
    .bind(name)
    .bind(organisation_id)
    .bind(language)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn set_password(
    conn: &mut DbConn,
    id: AccountId,
    hash: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query("update accounts set password_hash = $2, updated_at = $3 where id = $1")
        .bind(id)
        .bind(hash)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Marks the address confirmed (keeps the first confirmation time).
pub async fn confirm_email(
    conn: &mut DbConn,
    id: AccountId,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "update accounts set email_confirmed_at = coalesce(email_confirmed_at, $2), updated_at = $2 where id = $1",
    )
    .bind(id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

// --- sessions -----------------------------------------------------------------------------

pub async fn insert_session(
    conn: &mut DbConn,
    id_hash: &str,
    account_id: AccountId,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into sessions (id, account_id, created_at, last_seen_at, expires_at) values ($1, $2, $3, $3, $4)",
    )
    .bind(id_hash)
    .bind(account_id)
    .bind(now)
    .bind(expires_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The account of a live session.
pub async fn session_account(
    conn: &mut DbConn,
    id_hash: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<Account>> {
    sqlx::query_as::<_, Account>(account_select!(
        "join sessions s on s.account_id = a.id where s.id = $1 and s.expires_at > $2"
    ))
    .bind(id_hash)
    .bind(now)
    .fetch_optional(&mut *conn)
    .await
}

pub async fn delete_session(conn: &mut DbConn, id_hash: &str) -> sqlx::Result<()> {
    sqlx::query("delete from sessions where id = $1")
        .bind(id_hash)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Makes every unused password-reset link of an account unusable (after one was used).
pub async fn expire_reset_links(
    conn: &mut DbConn,
    account_id: AccountId,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "update account_tokens set used_at = $2 where account_id = $1 and purpose = 'reset' and used_at is null",
    )
    .bind(account_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Signs an account out everywhere (after a password reset).
pub async fn delete_sessions_of(conn: &mut DbConn, account_id: AccountId) -> sqlx::Result<()> {
    sqlx::query("delete from sessions where account_id = $1")
        .bind(account_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

// --- one-time e-mail links ----------------------------------------------------------------

pub async fn insert_link_token(
    conn: &mut DbConn,
    account_id: AccountId,
    purpose: &str,
    token_hash: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into account_tokens (account_id, purpose, token_hash, created_at, expires_at) values ($1, $2, $3, $4, $5)",
    )
    .bind(account_id)
    .bind(purpose)
    .bind(token_hash)
    .bind(now)
    .bind(expires_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Uses a valid, unused link token once; returns its account. The guarded update makes a token
/// usable exactly once even when two requests race.
pub async fn use_link_token(
    conn: &mut DbConn,
    purpose: &str,
    token_hash: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<AccountId>> {
    sqlx::query_scalar(
        r#"
        update account_tokens
        set used_at = $3
        where purpose = $1 and token_hash = $2 and used_at is null and expires_at > $3
        returning account_id
        "#,
    )
    .bind(purpose)
    .bind(token_hash)
    .bind(now)
    .fetch_optional(&mut *conn)
    .await
}

/// Whether a link token is valid (without using it): the reset form checks before showing.
pub async fn link_token_valid(
    conn: &mut DbConn,
    purpose: &str,
    token_hash: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "select count(*) from account_tokens where purpose = $1 and token_hash = $2 and used_at is null and expires_at > $3",
    )
    .bind(purpose)
    .bind(token_hash)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    Ok(n > 0)
}

// --- API tokens ---------------------------------------------------------------------------

pub async fn insert_api_token(
    conn: &mut DbConn,
    account_id: AccountId,
    name: &str,
    token_hash: &str,
    now: DateTime<Utc>,
    expires_at: Option<DateTime<Utc>>,
    access: TokenAccess,
) -> sqlx::Result<ApiTokenId> {
    sqlx::query_scalar(
        "insert into api_tokens (account_id, name, token_hash, created_at, expires_at, scope) values ($1, $2, $3, $4, $5, $6) returning id",
    )
    .bind(account_id)
    .bind(name)
    .bind(token_hash)
    .bind(now)
    .bind(expires_at)
    .bind(access.as_str())
    .fetch_one(&mut *conn)
    .await
}

/// Revokes every live token of an account (after a password reset).
pub async fn revoke_api_tokens_of(
    conn: &mut DbConn,
    account_id: AccountId,
    now: DateTime<Utc>,
) -> sqlx::Result<u64> {
    let done = sqlx::query(
        "update api_tokens set revoked_at = $2 where account_id = $1 and revoked_at is null",
    )
    .bind(account_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected())
}

/// The live (not revoked) tokens of an account, newest first.
pub async fn list_api_tokens(
    conn: &mut DbConn,
    account_id: AccountId,
) -> sqlx::Result<Vec<ApiToken>> {
    sqlx::query_as::<_, ApiToken>(
        r#"
        select id, name, created_at, last_used_at, expires_at, scope
        from api_tokens
        where account_id = $1 and revoked_at is null
        order by created_at desc, id desc
        "#,
    )
    .bind(account_id)
    .fetch_all(&mut *conn)
    .await
}

/// Revokes one of the account's tokens; false when it has no such live token.
pub async fn revoke_api_token(
    conn: &mut DbConn,
    account_id: AccountId,
    id: ApiTokenId,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "update api_tokens set revoked_at = $3 where id = $1 and account_id = $2 and revoked_at is null",
    )
    .bind(id)
    .bind(account_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The account and access of a live API token, and whether the token's last use should be
/// marked ([`mark_api_token_used`]): at most once a minute, since a script calling the API many
/// times a second would otherwise write on every request.
pub async fn find_api_token(
    conn: &mut DbConn,
    token_hash: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<(AccountId, TokenAccess, Option<ApiTokenId>)>> {
    let row: Option<(ApiTokenId, AccountId, String, Option<DateTime<Utc>>)> = sqlx::query_as(
        r#"
        select id, account_id, scope, last_used_at
        from api_tokens
        where token_hash = $1 and revoked_at is null and (expires_at is null or expires_at > $2)
        "#,
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((id, account_id, scope, last_used_at)) = row else {
        return Ok(None);
    };
    let stale = last_used_at.is_none_or(|t| now - t >= chrono::Duration::minutes(1));
    Ok(Some((
        account_id,
        TokenAccess::from_stored(&scope),
        stale.then_some(id),
    )))
}

pub async fn mark_api_token_used(
    conn: &mut DbConn,
    id: ApiTokenId,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query("update api_tokens set last_used_at = $2 where id = $1")
        .bind(id)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

// --- role grants --------------------------------------------------------------------------

pub async fn grants_of(conn: &mut DbConn, account_id: AccountId) -> sqlx::Result<Vec<GrantRow>> {
    sqlx::query_as::<_, GrantRow>(
        r#"
        select id, account_id, role, scope_kind, scope_id, created_at
        from role_grants
        where account_id = $1
        order by role, scope_kind, scope_id
        "#,
    )
    .bind(account_id)
    .fetch_all(&mut *conn)
    .await
}

/// The grants of many accounts at once (for lists), in one statement.
pub async fn grants_of_all(conn: &mut DbConn) -> sqlx::Result<Vec<GrantRow>> {
    sqlx::query_as::<_, GrantRow>(
        "select id, account_id, role, scope_kind, scope_id, created_at from role_grants order by account_id, role",
    )
    .fetch_all(&mut *conn)
    .await
}

/// Inserts a grant. Fails with a unique violation when the account holds it already.
pub async fn insert_grant(
    conn: &mut DbConn,
    account_id: AccountId,
    role: Role,
    scope: Scope,
    granted_by: Option<AccountId>,
    now: DateTime<Utc>,
) -> sqlx::Result<GrantId> {
    sqlx::query_scalar(
        r#"
        insert into role_grants (account_id, role, scope_kind, scope_id, granted_by, created_at)
        values ($1, $2, $3, $4, $5, $6)
        returning id
        "#,
    )
    .bind(account_id)
    .bind(role)
    .bind(scope.kind())
    .bind(scope.id())
    .bind(granted_by)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
}

pub async fn find_grant(
    conn: &mut DbConn,
    account_id: AccountId,
    id: GrantId,
) -> sqlx::Result<Option<GrantRow>> {
    sqlx::query_as::<_, GrantRow>(
        "select id, account_id, role, scope_kind, scope_id, created_at from role_grants where id = $1 and account_id = $2",
    )
    .bind(id)
    .bind(account_id)
    .fetch_optional(&mut *conn)
    .await
}

pub async fn delete_grant(conn: &mut DbConn, id: GrantId) -> sqlx::Result<()> {
    sqlx::query("delete from role_grants where id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Makes `organisation` the account's organisation when it names none.
pub async fn join_organisation_if_none(
    conn: &mut DbConn,
    id: AccountId,
    organisation: crate::ids::OrganisationId,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "update accounts set organisation_id = $2, updated_at = $3 where id = $1 and organisation_id is null",
    )
    .bind(id)
    .bind(organisation)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The site administrators as (e-mail, name, language), for mails to them.
pub async fn admins(conn: &mut DbConn) -> sqlx::Result<Vec<(String, String, String)>> {
    sqlx::query_as(
        "select a.email, a.name, a.language from accounts a join role_grants g on g.account_id = a.id \
         where g.role = 'admin' and g.scope_kind = 'site' order by a.id",
    )
    .fetch_all(&mut *conn)
    .await
}

pub async fn count_admins(conn: &mut DbConn) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "select count(*) from role_grants where role = 'admin' and scope_kind = 'site'",
    )
    .fetch_one(&mut *conn)
    .await
}

// --- rate limits --------------------------------------------------------------------------

/// Records an attempt and returns its id: the sign-in counts an attempt *before* the slow
/// password check, so that concurrent attempts see each other (see `service::sign_in`).
pub async fn reserve_attempt(
    conn: &mut DbConn,
    kind: &str,
    subject: &str,
    at: DateTime<Utc>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "insert into auth_attempts (kind, subject, at) values ($1, $2, $3) returning id",
    )
    .bind(kind)
    .bind(subject)
    .bind(at)
    .fetch_one(&mut *conn)
    .await
}

/// How many attempts of `kind` by `subject` since `since`, other than `except`, and when the
/// latest of them was.
pub async fn other_attempts(
    conn: &mut DbConn,
    kind: &str,
    subject: &str,
    since: DateTime<Utc>,
    except: i64,
) -> sqlx::Result<(i64, Option<DateTime<Utc>>)> {
    sqlx::query_as(
        "select count(*), max(at) from auth_attempts where kind = $1 and subject = $2 and at > $3 and id <> $4",
    )
    .bind(kind)
    .bind(subject)
    .bind(since)
    .bind(except)
    .fetch_one(&mut *conn)
    .await
}

pub async fn delete_attempt(conn: &mut DbConn, id: i64) -> sqlx::Result<()> {
    sqlx::query("delete from auth_attempts where id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn prune_attempts(conn: &mut DbConn, before: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query("delete from auth_attempts where at < $1")
        .bind(before)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
