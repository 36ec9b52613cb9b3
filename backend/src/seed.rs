//! Demo data from `seeds/demo.toml` (compiled into the binary), loaded through the same services
//! and queries as real use, so the demo obeys every rule the application does.
//!
//! `convene seed demo` loads it into an empty database; `convene serve` does so on first start
//! when `CONVENE_DEMO` is on (the default for the zero-setup SQLite file).

use std::sync::LazyLock;

use anyhow::Context;
use convene_frontend::Lang;
use serde::Deserialize;

use crate::account::Role;
use crate::account::service::{ConfirmedAccount, create_confirmed};
use crate::db::{self, DbPool};
use crate::organisation::model::NewOrganisation;
use crate::organisation::queries as org_queries;

const DEMO_TOML: &str = include_str!("../../seeds/demo.toml");

#[derive(Debug, Deserialize)]
pub struct Demo {
    pub password: String,
    pub organisations: Vec<SeedOrganisation>,
    pub accounts: Vec<SeedAccount>,
}

#[derive(Debug, Deserialize)]
pub struct SeedOrganisation {
    pub slug: String,
    pub name: String,
    pub kind: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub description_de: String,
    #[serde(default)]
    pub description_en: String,
}

#[derive(Debug, Deserialize)]
pub struct SeedAccount {
    pub email: String,
    pub name: String,
    pub organisation: Option<String>,
    pub language: String,
    #[serde(default)]
    pub roles: Vec<SeedRole>,
}

#[derive(Debug, Deserialize)]
pub struct SeedRole {
    pub role: String,
    pub scope: String,
}

/// The parsed demo file. A unit test proves it parses, so this never panics in a release.
pub static DEMO: LazyLock<Demo> =
    LazyLock::new(|| toml::from_str(DEMO_TOML).expect("seeds/demo.toml is valid (tested)"));

/// The password of every demo account.
pub fn demo_password() -> &'static str {
    &DEMO.password
}

/// (role message id, e-mail) of the first demo account of each role, for the home page and the
/// start-up banner.
pub fn demo_sign_ins() -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for (id, role) in [
        ("role-admin", Some("admin")),
        ("role-organiser", Some("organiser")),
        ("role-juror", Some("juror")),
        ("role-checkin", Some("checkin")),
        ("role-participant", None),
    ] {
        let found = DEMO.accounts.iter().find(|a| match role {
            Some(r) => a.roles.iter().any(|g| g.role == r),
            None => a.roles.is_empty(),
        });
        if let Some(a) = found {
            out.push((id, a.email.clone()));
        }
    }
    out
}

/// Whether the database holds no accounts yet.
pub async fn is_empty(pool: &DbPool) -> anyhow::Result<bool> {
    let n: i64 = sqlx::query_scalar("select count(*) from accounts")
        .fetch_one(pool)
        .await?;
    Ok(n == 0)
}

/// Loads the demo data in one transaction (all or nothing).
pub async fn load_demo(pool: &DbPool, now: chrono::DateTime<chrono::Utc>) -> anyhow::Result<()> {
    let demo = &*DEMO;
    let mut tx = db::begin_write(pool).await?;
    for org in &demo.organisations {
        let new = NewOrganisation {
            slug: org.slug.clone(),
            name: org.name.clone(),
            kind: org.kind.clone(),
            city: org.city.clone(),
            website: org.website.clone(),
            description_de: org.description_de.clone(),
            description_en: org.description_en.clone(),
        };
        org_queries::insert(&mut tx, &new, now)
            .await
            .with_context(|| format!("demo organisation {}", org.slug))?;
    }
    for account in &demo.accounts {
        let organisation_id = match &account.organisation {
            Some(slug) => Some(
                org_queries::find_by_slug(&mut tx, slug)
                    .await?
                    .with_context(|| {
                        format!("demo account {}: no organisation {slug}", account.email)
                    })?,
            ),
            None => None,
        };
        let roles: Vec<Role> = account
            .roles
            .iter()
            .filter(|r| r.scope == "site")
            .map(|r| {
                Role::parse(&r.role).map_err(|m| anyhow::anyhow!("demo role {}: {}", r.role, m.id))
            })
            .collect::<anyhow::Result<_>>()?;
        let new = ConfirmedAccount {
            email: &account.email,
            name: &account.name,
            organisation_id,
            lang: Lang::from_code(&account.language).unwrap_or_default(),
            password: &demo.password,
            roles: &roles,
        };
        create_confirmed(&mut tx, &new, now)
            .await
            .map_err(|e| anyhow::anyhow!("demo account {}: {e}", account.email))?;
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_file_parses_and_names_every_role() {
        let demo = &*DEMO;
        assert!(demo.organisations.len() >= 20);
        let sign_ins = demo_sign_ins();
        let roles: Vec<&str> = sign_ins.iter().map(|(r, _)| *r).collect();
        assert_eq!(
            roles,
            [
                "role-admin",
                "role-organiser",
                "role-juror",
                "role-checkin",
                "role-participant"
            ]
        );
        for account in &demo.accounts {
            if let Some(slug) = &account.organisation {
                assert!(demo.organisations.iter().any(|o| &o.slug == slug), "{slug}");
            }
        }
    }
}
