//! Organisation use cases.

use super::model::{self, NewOrganisation, Organisation};
use super::queries;
use crate::account::Actor;
use crate::audit;
use crate::db::{self, DbConn};
use crate::error::{AppError, DbResultExt, FieldErrors};
use crate::ids::OrganisationId;
use crate::state::AppState;

/// All organisations (admins only).
pub async fn list(state: &AppState, actor: &Actor) -> Result<Vec<Organisation>, AppError> {
    actor.require_admin()?;
    let mut conn = state.db.acquire().await?;
    Ok(queries::list(&mut conn).await?)
}

/// The organisations `actor` may make the owner of an event or call, as (slug, name): those they
/// organise for (every organisation for platform staff) and the `current` owner; first "none"
/// (`""`, labelled `none`) where the platform may run it or runs it already.
pub async fn owner_choices(
    state: &AppState,
    actor: &Actor,
    current: Option<OrganisationId>,
    none: String,
) -> Result<Vec<(String, String)>, AppError> {
    let mut conn = state.db.acquire().await?;
    let mine = actor.organiser_of();
    let mut out = Vec::new();
    if actor.is_platform_staff() || (current.is_none() && mine.is_empty()) {
        out.push((String::new(), none));
    }
    out.extend(
        queries::names_and_ids(&mut conn)
            .await?
            .into_iter()
            .filter(|(id, _, _)| {
                actor.is_platform_staff() || mine.contains(id) || current == Some(*id)
            })
            .map(|(_, slug, name)| (slug, name)),
    );
    Ok(out)
}

/// The slug of the organisation `id` (for answers that name an owner).
pub async fn slug_of(
    conn: &mut DbConn,
    id: Option<OrganisationId>,
) -> Result<Option<String>, AppError> {
    Ok(match id {
        Some(id) => queries::find(conn, id).await?.map(|o| o.slug),
        None => None,
    })
}

/// The organisation that is to own an event or call that `actor` creates (`current` `None`) or
/// changes, from the `slug` they sent (the form field or API property `owner`).
///
/// Not sent or empty: a change keeps the owner; a creation takes the actor's organisation
/// when they organise for exactly one (platform staff may leave it empty: the platform runs it).
/// A named organisation must be one the actor organises for, unless it is the owner already or
/// the actor is platform staff.
///
/// # Errors
/// `Invalid` at `owner`: unknown organisation, not the actor's, or none chosen when the actor
/// organises for several.
pub async fn owner_for(
    conn: &mut DbConn,
    actor: &Actor,
    slug: Option<&str>,
    current: Option<Option<OrganisationId>>,
) -> Result<Option<OrganisationId>, AppError> {
    let slug = slug.map(str::trim).unwrap_or("");
    if slug.is_empty() {
        if let Some(kept) = current {
            return Ok(kept);
        }
        return match actor.organiser_of().as_slice() {
            [only] => Ok(Some(*only)),
            _ if actor.is_platform_staff() => Ok(None),
            _ => Err(AppError::field("owner", "valid-owner-required")),
        };
    }
    let Some(id) = queries::find_by_slug(conn, slug).await? else {
        return Err(AppError::field("owner", "valid-owner-unknown"));
    };
    if current == Some(Some(id)) || actor.is_platform_staff() || actor.organiser_of().contains(&id)
    {
        Ok(Some(id))
    } else {
        Err(AppError::field("owner", "valid-owner-not-yours"))
    }
}

/// The confirmed organisations as (slug, name), for pick lists.
pub async fn confirmed(state: &AppState) -> Result<Vec<(String, String)>, AppError> {
    let mut conn = state.db.acquire().await?;
    Ok(queries::confirmed(&mut conn).await?)
}

/// Organisation names for the pick list on sign-up and profile forms.
pub async fn names(state: &AppState) -> Result<Vec<String>, AppError> {
    let mut conn = state.db.acquire().await?;
    Ok(queries::names(&mut conn).await?)
}

/// Raw form or API input for a new organisation.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct OrganisationInput {
    pub name: String,
    pub kind: String,
    pub city: String,
    pub website: String,
}

/// Adds an organisation (admins only).
///
/// # Errors
/// `Forbidden`; `Invalid` for bad fields or a name that exists already (in any case).
pub async fn create(
    state: &AppState,
    actor: &Actor,
    input: &OrganisationInput,
) -> Result<OrganisationId, AppError> {
    actor.require_admin()?;
    let new = parse(input)?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let id = create_in(&mut tx, actor, new, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// A new organisation's fields, checked (all problems at once).
pub fn parse(input: &OrganisationInput) -> Result<NewOrganisation, AppError> {
    let mut errors = FieldErrors::default();
    let name = errors.check("name", model::parse_org_name(&input.name));
    let kind = errors.check("kind", model::parse_kind(&input.kind));
    let city = errors.check("city", model::parse_city(&input.city));
    let website = errors.check("website", model::parse_website(&input.website));
    errors.into_result()?;
    let (Some(name), Some(kind), Some(city), Some(website)) = (name, kind, city, website) else {
        unreachable!("no errors means every field parsed");
    };
    Ok(NewOrganisation {
        slug: String::new(),
        name,
        kind,
        city,
        website,
        description_de: String::new(),
        description_en: String::new(),
        verified: true,
    })
}

/// Stores a confirmed organisation in the caller's transaction, audited as `actor`'s. A name
/// somebody typed on sign-up is taken over and confirmed, with its members.
///
/// # Errors
/// `Invalid` at `name` when a confirmed organisation has that name (in any case).
pub async fn create_in(
    tx: &mut DbConn,
    actor: &Actor,
    new: NewOrganisation,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<OrganisationId, AppError> {
    let typed_in = match queries::find_by_name_verified(tx, &new.name).await? {
        Some((_, true)) => return Err(AppError::field("name", "valid-org-name-taken")),
        Some((id, false)) => Some(id),
        None => None,
    };
    let (id, action) = match typed_in {
        Some(id) => {
            queries::verify(tx, id, &new, now).await?;
            (id, "organisation.verify")
        }
        None => {
            let new = NewOrganisation {
                slug: free_slug(tx, &new.name).await?,
                ..new.clone()
            };
            let id = queries::insert(tx, &new, now)
                .await
                .on_unique_violation(|| AppError::field("name", "valid-org-name-taken"))?;
            (id, "organisation.create")
        }
    };
    audit::record(
        tx,
        Some(actor.id),
        action,
        &format!("organisation:{id}"),
        &new.name,
        now,
    )
    .await?;
    Ok(id)
}

/// The organisation called `name` (any case), created as kind `other` when it is new. Used when
/// people type their organisation on sign-up or in their profile.
pub async fn find_or_create(
    conn: &mut DbConn,
    name: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<OrganisationId, AppError> {
    if let Some(id) = queries::find_by_name(conn, name).await? {
        return Ok(id);
    }
    let new = NewOrganisation {
        slug: free_slug(conn, name).await?,
        name: name.to_string(),
        kind: "other".into(),
        city: String::new(),
        website: String::new(),
        description_de: String::new(),
        description_en: String::new(),
        verified: false,
    };
    Ok(queries::insert(conn, &new, now).await?)
}

/// A slug for `name` that no organisation has yet ("acme", "acme-2", …).
async fn free_slug(conn: &mut DbConn, name: &str) -> Result<String, AppError> {
    let base = match model::slugify(name) {
        s if s.is_empty() => "organisation".to_string(),
        s => s,
    };
    let mut slug = base.clone();
    let mut n = 2;
    while queries::slug_taken(conn, &slug).await? {
        slug = format!("{base}-{n}");
        n += 1;
    }
    Ok(slug)
}
