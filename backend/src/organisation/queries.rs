//! SQL for organisations.

use chrono::{DateTime, Utc};

use super::model::{NewOrganisation, Organisation, OrganiserRequest};
use crate::db::DbConn;
use crate::ids::OrganisationId;

/// All organisations with their member counts, by name.
pub async fn list(conn: &mut DbConn) -> sqlx::Result<Vec<Organisation>> {
    sqlx::query_as::<_, Organisation>(
        r#"
        select o.id, o.slug, o.name, o.kind, o.city, o.website, o.description_de, o.description_en,
               o.created_at, (select count(*) from accounts a where a.organisation_id = o.id) as members,
               (select count(*) from role_grants g where g.scope_kind = 'org' and g.scope_id = o.id
                  and g.role = 'organiser') as organisers,
               (select count(*) from events e where e.owner_organisation_id = o.id) as events,
               (select count(*) from calls c where c.owner_organisation_id = o.id) as calls
        from organisations o
        order by lower(o.name)
        "#,
    )
    .fetch_all(&mut *conn)
    .await
}

/// One organisation with its member count.
pub async fn find(conn: &mut DbConn, id: OrganisationId) -> sqlx::Result<Option<Organisation>> {
    sqlx::query_as::<_, Organisation>(
        r#"
        select o.id, o.slug, o.name, o.kind, o.city, o.website, o.description_de, o.description_en,
               o.created_at, (select count(*) from accounts a where a.organisation_id = o.id) as members,
               (select count(*) from role_grants g where g.scope_kind = 'org' and g.scope_id = o.id
                  and g.role = 'organiser') as organisers,
               (select count(*) from events e where e.owner_organisation_id = o.id) as events,
               (select count(*) from calls c where c.owner_organisation_id = o.id) as calls
        from organisations o
        where o.id = $1
        "#,
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await
}

/// Every organisation as (id, slug, name), by name: for pick lists, without the counts that
/// [`list`] works out.
pub async fn names_and_ids(
    conn: &mut DbConn,
) -> sqlx::Result<Vec<(OrganisationId, String, String)>> {
    sqlx::query_as("select id, slug, name from organisations order by lower(name)")
        .fetch_all(&mut *conn)
        .await
}

/// The confirmed organisations as (slug, name), by name.
pub async fn confirmed(conn: &mut DbConn) -> sqlx::Result<Vec<(String, String)>> {
    sqlx::query_as(
        "select slug, name from organisations where verified_at is not null order by lower(name)",
    )
    .fetch_all(&mut *conn)
    .await
}

/// The names of the confirmed organisations, for pick lists.
pub async fn names(conn: &mut DbConn) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar(
        "select name from organisations where verified_at is not null order by lower(name)",
    )
    .fetch_all(&mut *conn)
    .await
}

/// Finds by name, ignoring case; with whether an administrator has confirmed it.
pub async fn find_by_name_verified(
    conn: &mut DbConn,
    name: &str,
) -> sqlx::Result<Option<(OrganisationId, bool)>> {
    sqlx::query_as(
        "select id, verified_at is not null from organisations where lower(name) = lower($1)",
    )
    .bind(name)
    .fetch_optional(&mut *conn)
    .await
}

/// Confirms an organisation somebody typed in, with the details an administrator gave.
pub async fn verify(
    conn: &mut DbConn,
    id: OrganisationId,
    new: &NewOrganisation,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "update organisations set name = $2, kind = $3, city = $4, website = $5, verified_at = $6 where id = $1",
    )
    .bind(id)
    .bind(&new.name)
    .bind(&new.kind)
    .bind(&new.city)
    .bind(&new.website)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Finds by name, ignoring case.
pub async fn find_by_name(conn: &mut DbConn, name: &str) -> sqlx::Result<Option<OrganisationId>> {
    sqlx::query_scalar("select id from organisations where lower(name) = lower($1)")
        .bind(name)
        .fetch_optional(&mut *conn)
        .await
}

pub async fn find_by_slug(conn: &mut DbConn, slug: &str) -> sqlx::Result<Option<OrganisationId>> {
    sqlx::query_scalar("select id from organisations where slug = $1")
        .bind(slug)
        .fetch_optional(&mut *conn)
        .await
}

pub async fn slug_taken(conn: &mut DbConn, slug: &str) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar("select count(*) from organisations where slug = $1")
        .bind(slug)
        .fetch_one(&mut *conn)
        .await?;
    Ok(n > 0)
}

/// Inserts an organisation. Unique violations: name (any case) or slug taken.
pub async fn insert(
    conn: &mut DbConn,
    new: &NewOrganisation,
    now: DateTime<Utc>,
) -> sqlx::Result<OrganisationId> {
    sqlx::query_scalar(
        r#"
        insert into organisations (slug, name, kind, city, website, description_de, description_en, created_at, verified_at)
        values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        returning id
        "#,
    )
    .bind(&new.slug)
    .bind(&new.name)
    .bind(&new.kind)
    .bind(&new.city)
    .bind(&new.website)
    .bind(&new.description_de)
    .bind(&new.description_en)
    .bind(now)
    .bind(new.verified.then_some(now))
    .fetch_one(&mut *conn)
    .await
}

macro_rules! request_select {
    ($rest:literal) => {
        concat!(
            "select r.id, r.account_id, a.name as account_name, a.email as account_email, ",
            "a.language as account_language, r.organisation_id, o.name as organisation_name, ",
            "o.slug as organisation_slug, r.new_name, r.new_kind, r.new_city, r.new_website, ",
            "r.message, r.status, r.decided_at, r.created_at ",
            "from organiser_requests r join accounts a on a.id = r.account_id ",
            "left join organisations o on o.id = r.organisation_id ",
            $rest
        )
    };
}

/// A new organiser request, pending. Unique violation: the account has one pending already.
pub async fn insert_request(
    conn: &mut DbConn,
    account: crate::ids::AccountId,
    organisation: Option<OrganisationId>,
    new: Option<&NewOrganisation>,
    message: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        r#"
        insert into organiser_requests (account_id, organisation_id, new_name, new_kind, new_city,
                                        new_website, message, status, created_at)
        values ($1, $2, $3, $4, $5, $6, $7, 'pending', $8)
        returning id
        "#,
    )
    .bind(account)
    .bind(organisation)
    .bind(new.map(|n| n.name.as_str()).unwrap_or(""))
    .bind(new.map(|n| n.kind.as_str()).unwrap_or(""))
    .bind(new.map(|n| n.city.as_str()).unwrap_or(""))
    .bind(new.map(|n| n.website.as_str()).unwrap_or(""))
    .bind(message)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
}

pub async fn find_request(conn: &mut DbConn, id: i64) -> sqlx::Result<Option<OrganiserRequest>> {
    sqlx::query_as::<_, OrganiserRequest>(request_select!("where r.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
}

/// Requests of a status (empty: all), oldest pending first, else newest first.
pub async fn requests(
    conn: &mut DbConn,
    status: &str,
    limit: i64,
) -> sqlx::Result<Vec<OrganiserRequest>> {
    sqlx::query_as::<_, OrganiserRequest>(request_select!(
        "where ($1 = '' or r.status = $1) \
         order by case when r.status = 'pending' then 0 else 1 end, \
         case when r.status = 'pending' then r.created_at end, r.created_at desc, r.id desc limit $2"
    ))
    .bind(status)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await
}

/// An account's requests, newest first.
pub async fn requests_of(
    conn: &mut DbConn,
    account: crate::ids::AccountId,
) -> sqlx::Result<Vec<OrganiserRequest>> {
    sqlx::query_as::<_, OrganiserRequest>(request_select!(
        "where r.account_id = $1 order by r.created_at desc, r.id desc"
    ))
    .bind(account)
    .fetch_all(&mut *conn)
    .await
}

/// Decides a pending request; `false` when it was decided already.
pub async fn decide_request(
    conn: &mut DbConn,
    id: i64,
    status: &str,
    organisation: Option<OrganisationId>,
    by: Option<crate::ids::AccountId>,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "update organiser_requests set status = $2, organisation_id = coalesce($3, organisation_id), \
         decided_by = $4, decided_at = $5 where id = $1 and status = 'pending'",
    )
    .bind(id)
    .bind(status)
    .bind(organisation)
    .bind(by)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
