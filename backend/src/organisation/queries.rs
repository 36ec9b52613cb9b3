//! SQL for organisations.

use chrono::{DateTime, Utc};

use super::model::{NewOrganisation, Organisation};
use crate::db::DbConn;
use crate::ids::OrganisationId;

/// All organisations with their member counts, by name.
pub async fn list(conn: &mut DbConn) -> sqlx::Result<Vec<Organisation>> {
    sqlx::query_as::<_, Organisation>(
        r#"
        select o.id, o.slug, o.name, o.kind, o.city, o.website, o.description_de, o.description_en,
               o.created_at, (select count(*) from accounts a where a.organisation_id = o.id) as members
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
               o.created_at, (select count(*) from accounts a where a.organisation_id = o.id) as members
        from organisations o
        where o.id = $1
        "#,
    )
    .bind(id)
    .fetch_optional(&mut *conn)
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
