//! The personal calendar and one's own meetings.

use super::*;

/// The account's meetings (cancelled ones included) with the world of their event.
async fn meetings_by_event(
    state: &AppState,
    account: AccountId,
) -> Result<Vec<(World, Vec<Meeting>)>, AppError> {
    let mut conn = state.db.acquire().await?;
    let meetings = queries::meetings_of_account(&mut conn, account).await?;
    let mut out: Vec<(World, Vec<Meeting>)> = Vec::new();
    for m in meetings {
        if let Some((_, list)) = out.iter_mut().find(|(w, _)| w.event.id == m.event_id) {
            list.push(m);
            continue;
        }
        let Some(event) = crate::event::queries::find(&mut conn, m.event_id).await? else {
            continue;
        };
        let Some(settings) = queries::settings(&mut conn, event.id).await? else {
            continue;
        };
        out.push((load_world_with(&mut conn, event, settings).await?, vec![m]));
    }
    Ok(out)
}

/// The calendar items of an account's meetings at every event (cancelled ones included, so
/// calendar apps drop them).
pub async fn feed_items(
    state: &AppState,
    account: AccountId,
    lang: Lang,
) -> Result<Vec<crate::calendar::render::Item>, AppError> {
    let mut items = Vec::new();
    for (world, meetings) in meetings_by_event(state, account).await? {
        let Some(mine) = world.profile_of(account) else {
            continue;
        };
        for m in &meetings {
            let partner = world.profile(m.other(mine.id));
            items.push(meeting_item(state, &world, m, partner, lang));
        }
    }
    Ok(items)
}

/// A meeting on the personal agenda, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaLine {
    pub event: String,
    /// The event's matchmaking page.
    pub url: String,
    pub time: String,
    pub table: String,
    /// Name and organisation.
    pub partner: String,
}

/// The account's live meetings at every event, for their personal agenda, in time order.
pub async fn agenda_lines(
    state: &AppState,
    account: AccountId,
    lang: Lang,
) -> Result<Vec<AgendaLine>, AppError> {
    let mut lines = Vec::new();
    for (world, meetings) in meetings_by_event(state, account).await? {
        let Some(mine) = world.profile_of(account) else {
            continue;
        };
        for m in meetings.iter().filter(|m| m.cancelled_at.is_none()) {
            let partner = world
                .profile(m.other(mine.id))
                .map(|p| format!("{}, {}", p.name, p.organisation))
                .unwrap_or_default();
            lines.push((
                m.starts_at,
                AgendaLine {
                    event: world.event.title(lang).to_string(),
                    url: format!("/events/{}/matchmaking", world.event.slug),
                    time: crate::http::fmt::when(lang, world.event.tz(), m.starts_at, m.ends_at),
                    table: crate::matchmaking::model::table_label(
                        lang,
                        &world.table_name(m.session_id, m.table_no),
                    ),
                    partner,
                },
            ));
        }
    }
    lines.sort_by_key(|(at, _)| *at);
    Ok(lines.into_iter().map(|(_, l)| l).collect())
}

/// A meeting of the actor's, as their pages show it.
#[derive(Debug, Clone)]
pub struct MyMeeting {
    pub meeting: Meeting,
    pub partner: Profile,
    pub session_title: String,
    pub table: String,
}

/// The actor's live meetings at the event, in time order.
pub fn my_meetings(world: &World, me: &Me, lang: Lang) -> Vec<MyMeeting> {
    let Some(mine) = me.profile.as_ref() else {
        return Vec::new();
    };
    world
        .live_meetings()
        .filter(|m| m.involves(mine.id))
        .filter_map(|m| {
            Some(MyMeeting {
                partner: world.profile(m.other(mine.id))?.clone(),
                session_title: world
                    .session(m.session_id)
                    .map(|s| s.title(lang).to_string())
                    .unwrap_or_default(),
                table: world.table_name(m.session_id, m.table_no),
                meeting: m.clone(),
            })
        })
        .collect()
}
