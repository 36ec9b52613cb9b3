//! Participants: profiles and entries.

use super::*;

/// Creates or updates the actor's profile (taking part in matchmaking).
///
/// # Errors
/// `Forbidden` when the actor is not registered as the audience requires; field errors.
pub async fn save_profile(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    input: &ProfileInput,
) -> Result<Profile, AppError> {
    let now = state.clock.now();
    let (mut tx, world, me) = write(state, actor, slug).await?;
    if !me.admitted {
        return Err(AppError::Forbidden(Msg::new("mm-not-registered")));
    }
    let valid = input.validate(&world.topics).map_err(AppError::Invalid)?;
    let id = queries::save_profile(&mut tx, world.event.id, actor.id, &valid, now).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "matchmaking.profile",
        &format!("mm-profile:{id}"),
        if valid.hidden { "hidden" } else { "visible" },
        now,
    )
    .await?;
    let profile = queries::profile(&mut tx, world.event.id, id)
        .await?
        .ok_or_else(|| AppError::not_found("mm-profile-not-found"))?;
    tx.commit().await?;
    Ok(profile)
}

/// Hides or shows the actor's profile.
pub async fn set_hidden(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    hidden: bool,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let (mut tx, _world, me) = write(state, actor, slug).await?;
    let profile = me
        .profile
        .as_ref()
        .ok_or_else(|| AppError::Conflict(Msg::new("mm-profile-missing")))?;
    queries::set_hidden(&mut tx, profile.id, hidden, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Adds a marketplace entry to the actor's profile.
pub async fn add_entry(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    input: &EntryInput,
) -> Result<Entry, AppError> {
    let now = state.clock.now();
    let (mut tx, _world, me) = write(state, actor, slug).await?;
    let profile = require_participant(&me)?;
    let valid = input.validate().map_err(AppError::Invalid)?;
    let id = queries::insert_entry(&mut tx, profile.id, &valid, now).await?;
    let entry = queries::entry(&mut tx, profile.id, id)
        .await?
        .ok_or_else(|| AppError::not_found("mm-entry-not-found"))?;
    tx.commit().await?;
    Ok(entry)
}

/// Changes one of the actor's entries.
pub async fn update_entry(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    id: i64,
    input: &EntryInput,
) -> Result<Entry, AppError> {
    let now = state.clock.now();
    let (mut tx, _world, me) = write(state, actor, slug).await?;
    let profile = require_participant(&me)?;
    queries::entry(&mut tx, profile.id, id)
        .await?
        .ok_or_else(|| AppError::not_found("mm-entry-not-found"))?;
    let valid = input.validate().map_err(AppError::Invalid)?;
    queries::update_entry(&mut tx, id, &valid, now).await?;
    let entry = queries::entry(&mut tx, profile.id, id)
        .await?
        .ok_or_else(|| AppError::not_found("mm-entry-not-found"))?;
    tx.commit().await?;
    Ok(entry)
}

/// Deletes one of the actor's entries.
pub async fn delete_entry(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    id: i64,
) -> Result<(), AppError> {
    let (mut tx, _world, me) = write(state, actor, slug).await?;
    let profile = require_participant(&me)?;
    queries::entry(&mut tx, profile.id, id)
        .await?
        .ok_or_else(|| AppError::not_found("mm-entry-not-found"))?;
    queries::delete_entry(&mut tx, id).await?;
    tx.commit().await?;
    Ok(())
}

/// What the marketplace can be filtered by.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub topic: Option<i64>,
    pub country: Option<String>,
    pub kind: Option<EntryKind>,
    pub text: Option<String>,
}

/// The profiles `me` may see, filtered: visible ones (organisers also see hidden ones), not
/// their own. A kind or text filter keeps profiles with a matching entry (text also matches
/// name, organisation and description).
///
/// # Errors
/// `Forbidden` for people who do not take part (or whose profile is hidden).
pub fn browse<'w>(
    world: &'w World,
    me: &Me,
    filter: &Filter,
) -> Result<Vec<&'w Profile>, AppError> {
    if !me.sees_profiles() {
        return Err(AppError::Forbidden(Msg::new("mm-profile-needed")));
    }
    let needle = filter
        .text
        .as_deref()
        .map(|t| t.trim().to_lowercase())
        .filter(|t| !t.is_empty());
    let own = me.profile.as_ref().map(|p| p.id);
    Ok(world
        .profiles
        .iter()
        .filter(|p| Some(p.id) != own && (me.organiser || !p.hidden))
        .filter(|p| {
            filter.topic.is_none_or(|t| {
                world
                    .profile_topics
                    .get(&p.id)
                    .is_some_and(|ts| ts.contains(&t))
            })
        })
        .filter(|p| {
            filter
                .country
                .as_deref()
                .is_none_or(|c| c.is_empty() || p.country.eq_ignore_ascii_case(c))
        })
        .filter(|p| {
            let entries = world.entries_of(p.id);
            let kind_ok = filter
                .kind
                .is_none_or(|k| entries.iter().any(|e| e.kind == k));
            let text_ok = needle.as_deref().is_none_or(|n| {
                p.name.to_lowercase().contains(n)
                    || p.organisation.to_lowercase().contains(n)
                    || p.description.to_lowercase().contains(n)
                    || entries.iter().any(|e| {
                        (filter.kind.is_none_or(|k| e.kind == k))
                            && (e.title.to_lowercase().contains(n)
                                || e.body.to_lowercase().contains(n))
                    })
            });
            kind_ok && text_ok
        })
        .collect())
}

/// One visible profile.
///
/// # Errors
/// `NotFound` for a profile the actor may not see (hidden, or they do not take part).
pub fn visible_profile<'w>(world: &'w World, me: &Me, id: i64) -> Result<&'w Profile, AppError> {
    world
        .profile(id)
        .filter(|p| {
            me.organiser
                || me.profile.as_ref().is_some_and(|mine| mine.id == p.id)
                || (me.sees_profiles() && !p.hidden)
        })
        .ok_or_else(|| AppError::not_found("mm-profile-not-found"))
}

/// Suggested partners for the actor: ranked by shared topics and offers matching requests,
/// leaving out hidden profiles and people they already have an open request with.
pub fn suggestions(world: &World, me: &Me, limit: usize) -> Result<Vec<Suggestion>, AppError> {
    if !me.sees_profiles() {
        return Err(AppError::Forbidden(Msg::new("mm-profile-needed")));
    }
    let Some(mine) = me.profile.as_ref() else {
        return Ok(Vec::new());
    };
    let mut exclude: HashSet<i64> = world
        .requests
        .iter()
        .filter(|r| r.status.is_open() && r.involves(mine.id))
        .map(|r| r.other(mine.id))
        .collect();
    exclude.extend(world.profiles.iter().filter(|p| p.hidden).map(|p| p.id));
    let others: Vec<Facts> = world.profiles.iter().map(|p| world.facts(p.id)).collect();
    Ok(model::suggest(
        &world.facts(mine.id),
        &others,
        &exclude,
        limit,
    ))
}
